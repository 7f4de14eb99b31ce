/*
 * presentation.c - the Présentation sheet of a table: the collectivité,
 * its referents, the yearly reviews and the extract mark of a
 * department's file.
 *
 * Pure: no database, no I/O.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

/* ---- Présentation ---- */

static const struct {
	const char *key;
	int field;
} coll_keys[] = {
	{ "nomdelacollectivite", C_NAME }, { "collectivite", C_NAME },
	{ "nom", C_NAME },
	{ "typevilleintercommunalitedepartement", C_KIND },
	{ "type", C_KIND }, { "typedecollectivite", C_KIND },
	{ "codeinseeousiren", C_CODE }, { "codeinsee", C_CODE },
	{ "codesiren", C_CODE }, { "code", C_CODE },
	{ "departement", C_DEPARTEMENT },
	{ "eluereferente", C_ELECTED_NAME }, { "elureferent", C_ELECTED_NAME },
	{ "fonctiondelelue", C_ELECTED_ROLE },
	{ "courrieldelelue", C_ELECTED_EMAIL },
	{ "telephonedelelue", C_ELECTED_PHONE },
	{ "referentetechnique", C_TECH_NAME },
	{ "referenttechnique", C_TECH_NAME },
	{ "serviceducreferenttechnique", C_TECH_DEPARTMENT },
	{ "servicedureferenttechnique", C_TECH_DEPARTMENT },
	{ "courrieldureferenttechnique", C_TECH_EMAIL },
	{ "telephonedureferenttechnique", C_TECH_PHONE },
	{ "referentsbenevolesunicef", C_VOLUNTEERS },
	{ "referentsbenevoles", C_VOLUNTEERS },
};

static int coll_match(const char *label)
{
	char *k = im_label_key(label);
	size_t i;
	int f = -1;

	if (!k)
		return -1;
	for (i = 0; i < sizeof coll_keys / sizeof coll_keys[0]; i++)
		if (strcmp(k, coll_keys[i].key) == 0)
			f = coll_keys[i].field;
	free(k);
	return f;
}

static int key_is(const char *s, const char *key)
{
	char *k = im_label_key(s);
	int r = k && strcmp(k, key) == 0;

	free(k);
	return r;
}

/* The one rule that tells a department's extract: the Présentation
 * line "Extrait pour le service | <pilot>" that `suivi export --pilote`
 * writes (the spreadsheet issue's "Extrait : <service>" file property,
 * when it lands, is to be recognised here too). */
static int is_extract_mark(const char *label)
{
	return key_is(label, "extraitpourleservice") ||
	    key_is(label, "extrait");
}

int im_map_presentation(const struct import_sheet *sh,
    struct import_result *r)
{
	size_t i;
	int year_col = -1, done_col = -1, com_col = -1, head = 0;

	/* "label | value" pairs, and the header of the reviews table */
	for (i = 0; i < sh->n; i++) {
		const struct import_cell *c = &sh->cells[i], *v;
		int f;

		if (key_is(c->text, "annee")) {
			size_t j;

			for (j = i + 1; j < sh->n && sh->cells[j].row == c->row;
			    j++) {
				if (key_is(sh->cells[j].text, "bilanannuelfait"))
					done_col = sh->cells[j].col;
				else if (key_is(sh->cells[j].text,
				    "commentairesdelacollectivite"))
					com_col = sh->cells[j].col;
			}
			if (done_col >= 0 || com_col >= 0) {
				year_col = c->col;
				head = c->row;
			}
			continue;
		}
		if (!head && !r->extract_pilot && is_extract_mark(c->text) &&
		    i + 1 < sh->n && sh->cells[i + 1].row == c->row &&
		    !im_blank(sh->cells[i + 1].text)) {
			if (!(r->extract_pilot = xstrdup(sh->cells[i + 1].text)))
				return ERR_NOMEM;
			str_trim(r->extract_pilot);
			continue;
		}
		if (head || (f = coll_match(c->text)) < 0 || r->coll.f[f])
			continue;
		v = i + 1 < sh->n && sh->cells[i + 1].row == c->row ?
		    &sh->cells[i + 1] : NULL;
		/* a value of spaces is no value: the field is left alone */
		if (!v || im_blank(v->text) || coll_match(v->text) >= 0)
			continue;
		if (!(r->coll.f[f] = xstrdup(v->text)))
			return ERR_NOMEM;
		str_trim(r->coll.f[f]);
	}
	if (!head)
		return 0;
	for (i = 0; i < sh->n; i++) {
		const struct import_cell *c = &sh->cells[i], *d, *m;
		struct import_review *v;
		char *end;
		long y;

		if (c->row <= head || c->col != year_col)
			continue;
		y = strtol(c->text, &end, 10);
		if (*end || y < MODEL_YEAR_MIN || y > MODEL_YEAR_MAX)
			continue;
		if (!(v = realloc(r->reviews, (r->n_reviews + 1) * sizeof *v)))
			return ERR_NOMEM;
		r->reviews = v;
		v = &v[r->n_reviews++];
		memset(v, 0, sizeof *v);
		v->year = (int)y;
		d = done_col >= 0 ? import_sheet_cell(sh, c->row, done_col) :
		    NULL;
		m = com_col >= 0 ? import_sheet_cell(sh, c->row, com_col) : NULL;
		if (done_col >= 0) {
			v->has_done = !import_parse_bool(d ? d->text : "",
			    &v->done);
		}
		if (com_col >= 0) {
			v->has_comments = 1;
			if (m && m->too_long) {
				char *w = im_where(sh, c->row, com_col);

				import_result_issue(r, IMPORT_ERROR, w, "texte "
				    "trop long (plus de 32 767 caractères)");
				free(w);
				v->has_comments = 0;
			} else if (m && !im_blank(m->text) &&
			    !(v->comments = xstrdup(m->text))) {
				return ERR_NOMEM;
			}
		}
	}
	return 0;
}

