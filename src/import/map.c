/*
 * map.c - from a book of cells to actions: header detection, column
 * mapping, value normalisers, and the Présentation sheet.
 *
 * Pure: no database, no I/O. A faulty cell does not stop the reading: it
 * is listed in the result with its sheet, row and column letter, so that
 * the user fixes every problem in one pass.
 *
 * Design notes:
 * - Labels are compared through a key: text_fold (case, accents,
 *   apostrophes, spacing) then only letters and digits kept, so "N°",
 *   "n°" and "N °" are all "n", "Service(s) pilote(s)" is
 *   "servicespilotes".
 * - The header is the row, among the first HEADER_SCAN rows of a sheet,
 *   with the most known labels; it must hold the designation. The sheet
 *   is the one whose header scores best, unless --feuille names it.
 * - A row whose non-empty cells all hold the same text (a title merged
 *   across the table) is a section row: when it names an engagement, the
 *   rows below without an engagement of their own belong to it.
 * - row->col[k] >= 0 means the file sets field k for that row; an update
 *   leaves every other field as stored.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

#define HEADER_SCAN 40

/* ---- Header labels ---- */

static const struct {
	const char *key;
	int col;
} header_keys[] = {
	{ "n", F_REF }, { "no", F_REF }, { "num", F_REF },
	{ "numero", F_REF }, { "ref", F_REF }, { "reference", F_REF },
	{ "naction", F_REF }, { "numerodelaction", F_REF },
	{ "nodelaction", F_REF }, { "ndelaction", F_REF },
	{ "engagement", F_ENGAGEMENT }, { "engagements", F_ENGAGEMENT },
	{ "nengagement", F_ENGAGEMENT }, { "axe", F_ENGAGEMENT },
	{ "engagementvae", F_ENGAGEMENT },
	{ "recommandation", F_RECOMMENDATION },
	{ "recommandations", F_RECOMMENDATION },
	{ "recommandationunicef", F_RECOMMENDATION },
	{ "recommandationuniceffrance", F_RECOMMENDATION },
	{ "intituledelaction", F_DESIGNATION }, { "intitule", F_DESIGNATION },
	{ "intituledesactions", F_DESIGNATION }, { "action", F_DESIGNATION },
	{ "actions", F_DESIGNATION }, { "libelle", F_DESIGNATION },
	{ "libelledelaction", F_DESIGNATION },
	{ "designation", F_DESIGNATION }, { "nomdelaction", F_DESIGNATION },
	{ "actionprioritaire", F_PRIORITY },
	{ "actionprioritaireunicef", F_PRIORITY },
	{ "actionprioritaireuniceffrance", F_PRIORITY },
	{ "prioritaire", F_PRIORITY }, { "priorite", F_PRIORITY },
	{ "prioriteunicef", F_PRIORITY },
	{ "descriptifanalysedelaction", F_DESCRIPTION },
	{ "descriptifanalyse", F_DESCRIPTION },
	{ "descriptif", F_DESCRIPTION }, { "descriptifdelaction", F_DESCRIPTION },
	{ "analysedelaction", F_DESCRIPTION },
	{ "description", F_DESCRIPTION },
	{ "descriptiondelaction", F_DESCRIPTION },
	{ "servicespilotes", F_PILOTS }, { "servicepilote", F_PILOTS },
	{ "directionpilote", F_PILOTS }, { "directionspilotes", F_PILOTS },
	{ "pilote", F_PILOTS }, { "pilotes", F_PILOTS },
	{ "servicesporteurs", F_PILOTS }, { "serviceporteur", F_PILOTS },
	{ "eluereferente", F_ELECTED }, { "elureferent", F_ELECTED },
	{ "elu", F_ELECTED },
	{ "elue", F_ELECTED }, { "elusreferents", F_ELECTED },
	{ "eluereferent", F_ELECTED }, { "elureferente", F_ELECTED },
	{ "partenaires", F_PARTNERS }, { "partenaire", F_PARTNERS },
	{ "partenairesassocies", F_PARTNERS },
	{ "publiccible", F_AUDIENCE }, { "publicscibles", F_AUDIENCE },
	{ "public", F_AUDIENCE }, { "publics", F_AUDIENCE },
	{ "publicvise", F_AUDIENCE },
	{ "calendrier", F_SCHEDULE }, { "echeance", F_SCHEDULE },
	{ "echeancier", F_SCHEDULE }, { "periode", F_SCHEDULE },
	{ "avancement", F_PROGRESS }, { "etatdavancement", F_PROGRESS },
	{ "etat", F_PROGRESS }, { "statut", F_PROGRESS },
	{ "resultat", F_RESULT }, { "resultats", F_RESULT },
	{ "commentaires", F_COMMENTS }, { "commentaire", F_COMMENTS },
	{ "observations", F_COMMENTS },
	{ "perspectivesdedeveloppement", F_PERSPECTIVES },
	{ "perspectives", F_PERSPECTIVES }, { "perspective", F_PERSPECTIVES },
	{ "actionsupplementaireauplandactioninitial", F_ADDED },
	{ "actionsupplementaire", F_ADDED }, { "supplementaire", F_ADDED },
	{ "actionajoutee", F_ADDED }, { "nouvelleaction", F_ADDED },
	{ "motifdelajout", F_ADDED_REASON }, { "motifajout", F_ADDED_REASON },
	{ "actionannulee", F_CANCELLED }, { "annulee", F_CANCELLED },
	{ "motifdelannulation", F_CANCELLED_REASON },
	{ "motifannulation", F_CANCELLED_REASON },
	{ "anneedannulation", F_CANCELLED_YEAR },
	{ "anneeannulation", F_CANCELLED_YEAR },
	{ "bonnepratique", F_GOOD_PRACTICE },
	{ "bonnepratiqueavaloriser", F_GOOD_PRACTICE },
	{ "bonnespratiques", F_GOOD_PRACTICE },
	{ "dernieremiseajour", F_UPDATED_AT }, { "miseajour", F_UPDATED_AT },
	{ "misajourpar", F_UPDATED_BY },
	{ "motif", IC_MOTIF }, { "motifs", IC_MOTIF },
	{ "indicateurscles", IC_INDICATORS }, { "indicateurs", IC_INDICATORS },
	{ "indicateurcle", IC_INDICATORS },
	{ "suiviid", IC_SUIVI_ID }, { "suiviversion", IC_SUIVI_VERSION },
};

int import_match_header(const char *label)
{
	char *k = im_label_key(label);
	size_t i;
	int col = IC_NONE;

	if (!k)
		return IC_NONE;
	for (i = 0; i < sizeof header_keys / sizeof header_keys[0]; i++)
		if (strcmp(k, header_keys[i].key) == 0) {
			col = header_keys[i].col;
			break;
		}
	free(k);
	return col;
}

/* ---- Result ---- */

void import_result_free(struct import_result **pr)
{
	struct import_result *r = pr ? *pr : NULL;
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_rows; i++)
		action_clear(&r->rows[i].a);
	free(r->rows);
	for (i = 0; i < r->n_issues; i++) {
		free(r->issues[i].where);
		free(r->issues[i].msg);
	}
	free(r->issues);
	for (i = 0; i < r->n_ignored; i++)
		free(r->ignored[i]);
	free(r->ignored);
	for (i = 0; i < r->n_reviews; i++)
		free(r->reviews[i].comments);
	free(r->reviews);
	collectivite_clear(&r->coll);
	for (i = 0; i < r->n_indicators; i++) {
		free(r->indicators[i].ref);
		indicator_clear(&r->indicators[i].ind);
	}
	free(r->indicators);
	free(r->ind_years);
	free(r->ind_sheet);
	free(r->file);
	free(r->sheet);
	free(r);
	*pr = NULL;
}

/* ---- Header detection ---- */

struct header {
	int line;
	int score;
	int col[IC_COUNT];
};

static void header_scan(const struct import_sheet *sh, struct header *best)
{
	size_t i = 0;
	int rows = 0;

	best->line = 0;
	best->score = 0;
	while (i < sh->n && rows < HEADER_SCAN) {
		int row = sh->cells[i].row, k, score = 0;
		int col[IC_COUNT];

		for (k = 0; k < IC_COUNT; k++)
			col[k] = -1;
		for (; i < sh->n && sh->cells[i].row == row; i++) {
			int m = import_match_header(sh->cells[i].text);

			if (m >= 0 && col[m] < 0) {
				col[m] = sh->cells[i].col;
				score++;
			}
		}
		rows++;
		if (col[F_DESIGNATION] >= 0 && score >= 2 &&
		    score > best->score) {
			best->line = row;
			best->score = score;
			memcpy(best->col, col, sizeof col);
		}
	}
}

/* ---- Rows ---- */

static const char *cell_text(const struct import_sheet *sh, int row, int col,
    const struct import_cell **cp)
{
	const struct import_cell *c;

	*cp = NULL;
	if (col < 0)
		return NULL;
	c = import_sheet_cell(sh, row, col);
	*cp = c;
	return c ? c->text : NULL;
}

/* Splits our export's "Motif" cell ("Ajout : …\nAnnulation en 2024 : …")
 * or a free reason into the row. */
static int parse_motif(struct import_row *row, const char *s)
{
	const char *ann = NULL, *p;
	char *add = NULL, *can = NULL;
	int rc = 0;

	if (strncmp(s, "Annulation", 10) == 0)
		ann = s;
	else
		for (p = s; (p = strstr(p, "\nAnnulation")); p++)
			ann = p + 1;
	if (strncmp(s, "Ajout : ", 8) == 0 || ann) {
		if (strncmp(s, "Ajout : ", 8) == 0)
			add = strndup(s + 8, ann ? (size_t)(ann - 1 - (s + 8)) :
			    strlen(s + 8));
		if (ann) {
			const char *c = strstr(ann, " : ");
			int y = 0;

			if (c && sscanf(ann, "Annulation en %d", &y) == 1 &&
			    !row->a.cancelled_year)
				row->a.cancelled_year = y;
			can = xstrdup(c ? c + 3 : ann + 10);
		}
	} else {
		/* a free reason: it explains whichever flag is set */
		if (row->a.cancelled)
			can = xstrdup(s);
		if (row->a.added || !row->a.cancelled)
			add = xstrdup(s);
	}
	if (add && !row->a.added_reason) {
		row->a.added_reason = str_empty(add) ? NULL : add;
		if (row->a.added_reason)
			add = NULL;
		row->col[F_ADDED_REASON] = row->col[IC_MOTIF];
	}
	if (can && !row->a.cancelled_reason) {
		row->a.cancelled_reason = str_empty(can) ? NULL : can;
		if (row->a.cancelled_reason)
			can = NULL;
		row->col[F_CANCELLED_REASON] = row->col[IC_MOTIF];
	}
	free(add);
	free(can);
	return rc;
}

/* Cleans a calendar written "2021 - 2024", "2021/2024", "2021 à 2024". */
static void clean_schedule(const char *s, char *buf, size_t n)
{
	size_t j = 0;

	for (; *s && j + 1 < n; s++) {
		if (*s == ' ')
			continue;
		if (*s == '/') {
			buf[j++] = '-';
		} else if (strncmp(s, "\xc3\xa0", 2) == 0) {	/* à */
			buf[j++] = '-';
			s++;
		} else if (strncmp(s, "\xe2\x80\x93", 3) == 0 ||
		    strncmp(s, "\xe2\x80\x94", 3) == 0) {	/* – — */
			buf[j++] = '-';
			s += 2;
		} else {
			buf[j++] = *s;
		}
	}
	buf[j] = '\0';
}

struct map_ctx {
	const struct import_sheet *sh;
	struct import_sheet *own;	/* sh, when read rows are released */
	const struct import_opts *o;
	struct import_result *r;
	int section_engagement;
};

/* Reads one field of a row; faulty values become issues. */
static int read_field(struct map_ctx *m, struct import_row *row, int k,
    const struct import_cell *c)
{
	struct err e = {0};
	const char *v = c->text;
	int rc = 0, b, y;

	if (c->too_long)
		return im_issue_at(m->r, m->sh, row->line, c->col, IMPORT_ERROR,
		    "texte trop long (plus de 32 767 caractères, la limite "
		    "d'une cellule)");
	if (!utf8_valid(v, strlen(v)))
		return im_issue_at(m->r, m->sh, row->line, c->col, IMPORT_ERROR,
		    "texte invalide (UTF-8 incorrect)");
	switch (k) {
	case F_ENGAGEMENT:
		if (im_blank(v))
			return 0;
		if (import_parse_engagement(v, m->o->ref, &row->a.engagement,
		    &e))
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, e.msg);
		break;
	case F_RECOMMENDATION:
		if (import_parse_recommendation(v, m->o->ref, row->a.engagement,
		    &row->a.recommendation, &e)) {
			rc = im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_WARNING, e.msg);
			row->col[k] = -1;	/* left as stored */
			return rc;
		}
		break;
	case F_PRIORITY:
	case F_ADDED:
	case F_GOOD_PRACTICE:
		if (import_parse_bool(v, &b)) {
			snprintf(e.msg, sizeof e.msg, "« %.200s » n'est pas "
			    "une valeur oui/non (Oui, Non, X, 1, 0)", v);
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, e.msg);
		}
		if (k == F_PRIORITY)
			row->a.priority = b;
		else if (k == F_ADDED)
			row->a.added = b;
		else
			row->a.good_practice = b;
		break;
	case F_CANCELLED:
		if (import_parse_cancelled(v, &b, &y)) {
			snprintf(e.msg, sizeof e.msg, "« %.200s » : attendu "
			    "Oui, Non, ou l'année d'annulation", v);
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, e.msg);
		}
		row->a.cancelled = b;
		if (y)
			row->a.cancelled_year = y;
		break;
	case F_SCHEDULE: {
		char buf[64];

		clean_schedule(v, buf, sizeof buf);
		if (action_field_set(&row->a, F_SCHEDULE, buf, m->o->year_min,
		    m->o->year_max, &e))
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, e.msg + (strncmp(e.msg, "Calendrier : ",
			    13) == 0 ? 13 : 0));
		break;
	}
	case F_CANCELLED_YEAR:
		if (im_blank(v))
			return 0;
		if (!(y = im_find_year(v)))
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, "année d'annulation illisible");
		row->a.cancelled_year = y;
		break;
	case IC_MOTIF:
		return parse_motif(row, v);
	case IC_SUIVI_ID:
	case IC_SUIVI_VERSION: {
		char *end;
		long long n = strtoll(v, &end, 10);

		if (*v && (*end || n < 0))
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_WARNING, "colonne cachée de l'export "
			    "illisible : ignorée");
		if (k == IC_SUIVI_ID)
			row->suivi_id = n;
		else
			row->suivi_version = n;
		break;
	}
	default: {
		char *t = xstrdup(v);

		if (!t)
			return ERR_NOMEM;
		/* one-line fields: a trailing line break is an accident */
		if (k != F_DESCRIPTION && k != F_COMMENTS &&
		    k != F_PERSPECTIVES)
			str_trim(t);
		/* a line break typed in a one-line cell (Alt+Entrée) */
		if (action_fields[k].type == FIELD_TEXT && k != F_PARTNERS &&
		    k != F_ADDED_REASON && k != F_CANCELLED_REASON) {
			char *p;

			for (p = t; *p; p++)
				if (*p == '\n' || *p == '\r')
					*p = ' ';
		}
		rc = action_field_set(&row->a, (enum field_id)k, t, 0, 0, &e);
		free(t);
		if (rc) {
			const char *msg = e.msg;
			const char *name = action_fields[k].label;

			if (strncmp(msg, name, strlen(name)) == 0 &&
			    strncmp(msg + strlen(name), " : ", 3) == 0)
				msg += strlen(name) + 3;
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, msg);
		}
	}
	}
	return 0;
}

static int is_derived(int k)
{
	return k == F_RESULT || k == F_UPDATED_AT || k == F_UPDATED_BY ||
	    k == IC_INDICATORS;
}

/* Reads the data row `line` into m->r. */
static int read_row(struct map_ctx *m, const int *hcol, int line)
{
	const struct import_sheet *sh = m->sh;
	struct import_result *r = m->r;
	struct import_row row;
	const struct import_cell *cells[IC_COUNT];
	const char *first = NULL;
	int k, filled = 0, same = 1, blue = 0;
	size_t errors0 = r->n_errors;
	int rc = 0;

	memset(&row, 0, sizeof row);
	row.line = line;
	for (k = 0; k < IC_COUNT; k++) {
		const char *t = cell_text(sh, line, hcol[k], &cells[k]);

		row.col[k] = -1;
		if (cells[k] && cells[k]->blue && (k == F_DESIGNATION ||
		    k == F_REF))
			blue = 1;
		if (!t || (im_blank(t) && !cells[k]->too_long))
			continue;
		if (is_derived(k))
			continue;
		filled++;
		if (first && strcmp(first, t) != 0)
			same = 0;
		if (!first)
			first = t;
	}
	if (!filled)
		return 0;
	/* a title or section row: one text across the table */
	if ((filled >= 2 && same) || (filled == 1 &&
	    (!cells[F_DESIGNATION] || im_blank(cells[F_DESIGNATION]->text)))) {
		int n;

		if (!import_parse_engagement(first, m->o->ref, &n, NULL) &&
		    (strncmp(first, "Engagement", 10) == 0 ||
		    strncmp(first, "ENGAGEMENT", 10) == 0 || filled >= 2))
			m->section_engagement = n;
		return 0;
	}
	for (k = 0; k < IC_COUNT; k++) {
		if (!cells[k] || is_derived(k) || (k == F_REF &&
		    im_blank(cells[k]->text)))
			continue;
		row.col[k] = hcol[k];
		if ((rc = read_field(m, &row, k, cells[k])))
			goto out;
	}
	row.blue = blue;
	if (blue && !row.a.priority) {
		row.a.priority = 1;
		row.col[F_PRIORITY] = hcol[F_DESIGNATION];
	}
	if (!row.a.engagement) {
		if (m->section_engagement)
			row.a.engagement = m->section_engagement;
		else if (row.a.ref && isdigit((unsigned char)row.a.ref[0])) {
			/* Not atoi: "4294967297.1" is no engagement 1. */
			long n = strtol(row.a.ref, NULL, 10);

			row.a.engagement = n <= INT_MAX ? (int)n : 0;
		}
		if (row.a.engagement)
			row.col[F_ENGAGEMENT] = hcol[F_ENGAGEMENT] >= 0 ?
			    hcol[F_ENGAGEMENT] : hcol[F_DESIGNATION];
	}
	if (r->n_errors > errors0)
		goto out;	/* already reported; nothing more to say */
	if (str_empty(row.a.designation)) {
		rc = im_issue_at(r, sh, line, hcol[F_DESIGNATION], IMPORT_ERROR,
		    "intitulé de l'action vide (les autres cellules de la "
		    "ligne sont remplies)");
		goto out;
	}
	if (!row.a.engagement) {
		rc = im_issue_at(r, sh, line, hcol[F_ENGAGEMENT], IMPORT_ERROR,
		    "engagement manquant (ni colonne Engagement, ni ligne de "
		    "titre « Engagement N » au-dessus, ni N° comme « 2.4 »)");
		goto out;
	}
	if ((rc = array_grow(&r->rows, r->n_rows, sizeof *r->rows)))
		goto out;
	r->rows[r->n_rows++] = row;
	return 0;
out:
	action_clear(&row.a);
	return rc;
}

/* Reads the data row starting at cells[*i]; advances *i past it. */
static int map_row(struct map_ctx *m, const int *hcol, size_t *i)
{
	const struct import_sheet *sh = m->sh;
	size_t start = *i;
	int line = sh->cells[start].row, rc;

	while (*i < sh->n && sh->cells[*i].row == line)
		(*i)++;
	rc = read_row(m, hcol, line);
	if (m->own)
		import_sheet_release(m->own, start, *i);
	return rc;
}

struct ref_key {
	const char *ref;
	size_t i;
};

static int ref_key_cmp(const void *a, const void *b)
{
	const struct ref_key *x = a, *y = b;
	int c = strcmp(x->ref, y->ref);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Reports each row whose N° an earlier row has, in row order, naming the
 * first row with it. One sort: a plan may have many thousands of rows. */
static int check_duplicates(struct import_result *r, const char *sheet,
    int ref_col)
{
	struct ref_key *k;
	size_t *first, i, n = 0;
	char col[8];
	int rc = 0;

	if (!r->n_rows)
		return 0;
	k = calloc(r->n_rows, sizeof *k);
	first = calloc(r->n_rows, sizeof *first);
	if (!k || !first) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < r->n_rows; i++) {
		first[i] = i;
		if (!str_empty(r->rows[i].a.ref)) {
			k[n].ref = r->rows[i].a.ref;
			k[n++].i = i;
		}
	}
	qsort(k, n, sizeof *k, ref_key_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(k[i].ref, k[i - 1].ref))
			first[k[i].i] = first[k[i - 1].i];
	for (i = 0; i < r->n_rows && !rc; i++) {
		struct strbuf w = {0};

		if (first[i] == i)
			continue;
		if (sheet)
			sb_printf(&w, "feuille « %s », ", sheet);
		sb_printf(&w, "colonne %s", import_col_letters(ref_col, col));
		rc = import_result_issue(r, IMPORT_ERROR, sb_str(&w),
		    "N° %s en double : lignes %d et %d", r->rows[i].a.ref,
		    r->rows[first[i]].line, r->rows[i].line);
		sb_free(&w);
	}
out:
	free(k);
	free(first);
	return rc;
}

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

static int map_presentation(const struct import_sheet *sh,
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

/* ---- Public ---- */

/* 1 for the printable "Fiches actions" sheet of our export, told by its
 * name (accents and case ignored). */
static int is_fiches_sheet(const struct import_sheet *sh)
{
	char *f = sh->name ? text_fold(sh->name) : NULL;
	int yes = f && strncmp(f, "fiches actions", 14) == 0;

	free(f);
	return yes;
}

/* import_map, releasing the rows of b's sheets once read when own (b
 * itself) is given. */
static int map_book(const struct import_book *b, struct import_book *own,
    const struct import_opts *o, struct import_result **out, struct err *e)
{
	struct import_result *r = NULL;
	struct header best, h;
	const struct import_sheet *sh = NULL;
	struct map_ctx m;
	size_t i;
	int rc = 0, ind_sheet = 0;

	memset(&best, 0, sizeof best);
	if (!b->n)
		return err_set(e, ERR_FORMAT, "%s : aucune feuille", b->file);
	for (i = 0; i < b->n; i++) {
		if (o->sheet) {
			char *a = text_fold(b->sheets[i].name);
			char *z = text_fold(o->sheet);
			int same = a && z && strcmp(a, z) == 0;

			free(a);
			free(z);
			if (!same)
				continue;
		} else if (is_fiches_sheet(&b->sheets[i])) {
			/* "Fiches actions" repeats the plan for printing,
			 * split over rows: never read as data (SPEC §6) */
			continue;
		} else if (im_is_indicator_sheet(&b->sheets[i])) {
			/* its "N° | Action | …" header must not pass for a
			 * plan: its rows are indicators, read further down */
			continue;
		}
		header_scan(&b->sheets[i], &h);
		if (!sh || h.score > best.score) {
			best = h;
			sh = &b->sheets[i];
		}
	}
	if (!sh && !o->sheet) {
		sh = &b->sheets[0];	/* only indicators: no table of actions */
		best.line = 0;
	}
	if (!sh) {
		struct strbuf names = {0};

		for (i = 0; i < b->n; i++)
			sb_printf(&names, "%s« %s »", i ? ", " : "",
			    b->sheets[i].name ? b->sheets[i].name : "");
		rc = err_set(e, ERR_NOTFOUND, "%s : pas de feuille « %s » "
		    "(feuilles : %s)", b->file, o->sheet, sb_str(&names));
		sb_free(&names);
		return rc;
	}
	if (!best.line)
		return err_set(e, ERR_FORMAT, "%s%s%s%s : ligne d'en-tête "
		    "introuvable : il faut au moins une colonne « Intitulé de "
		    "l'action » (ou « Action », « Intitulé ») et une autre "
		    "colonne connue (N°, Engagement, Avancement…) dans les %d "
		    "premières lignes", b->file, sh->name ? ", feuille « " : "",
		    sh->name ? sh->name : "", sh->name ? " »" : "",
		    HEADER_SCAN);
	if (!(r = calloc(1, sizeof *r)) || !(r->file = xstrdup(b->file)) ||
	    (sh->name && !(r->sheet = xstrdup(sh->name)))) {
		rc = ERR_NOMEM;
		goto out;
	}
	r->header_line = best.line;
	memcpy(r->col, best.col, sizeof r->col);
	for (i = 0; i < b->n && !ind_sheet; i++)
		ind_sheet = &b->sheets[i] != sh &&
		    im_is_indicator_sheet(&b->sheets[i]);
	/* columns not imported */
	for (i = 0; i < sh->n; i++) {
		const struct import_cell *c = &sh->cells[i];
		int kind, used = 0;
		char **v, letters[8];
		struct strbuf sb = {0};

		if (c->row != best.line || str_empty(c->text))
			continue;
		kind = import_match_header(c->text);
		if (kind >= 0 && best.col[kind] == c->col && !is_derived(kind))
			used = 1;
		if (used)
			continue;
		sb_printf(&sb, "%s « %s »%s", import_col_letters(c->col,
		    letters), c->text, kind < 0 ? "" :
		    best.col[kind] != c->col ? " (en double)" :
		    kind == F_RESULT ? " (calculée par suivi)" :
		    kind != IC_INDICATORS ? " (tenue par suivi)" :
		    ind_sheet ? " (résumé : les indicateurs sont lus dans la "
		    "feuille « Indicateurs »)" : " (résumé non importé : les "
		    "indicateurs ne sont lus que dans une feuille "
		    "« Indicateurs »)");
		if (!(v = realloc(r->ignored, (r->n_ignored + 1) * sizeof *v))) {
			sb_free(&sb);
			rc = ERR_NOMEM;
			goto out;
		}
		r->ignored = v;
		v[r->n_ignored++] = sb_steal(&sb);
	}
	memset(&m, 0, sizeof m);
	m.sh = sh;
	m.own = own ? &own->sheets[sh - b->sheets] : NULL;
	m.o = o;
	m.r = r;
	for (i = 0; i < sh->n && sh->cells[i].row <= best.line; i++)
		;
	while (i < sh->n)
		if ((rc = map_row(&m, best.col, &i)))
			goto out;
	if ((rc = check_duplicates(r, sh->name, best.col[F_REF])))
		goto out;
	for (i = 0; i < b->n; i++) {
		char *f = im_label_key(b->sheets[i].name);
		int pres = f && strncmp(f, "presentation", 12) == 0;

		free(f);
		if (pres && &b->sheets[i] != sh &&
		    (rc = map_presentation(&b->sheets[i], r)))
			goto out;
	}
	if ((rc = im_map_indicators(b, own, sh, o, r)))
		goto out;
	*out = r;
	r = NULL;
out:
	if (rc == ERR_NOMEM)
		err_set(e, rc, "mémoire insuffisante");
	import_result_free(&r);
	return rc;
}

int import_map(const struct import_book *b, const struct import_opts *o,
    struct import_result **out, struct err *e)
{
	return map_book(b, NULL, o, out, e);
}

int import_map_release(struct import_book *b, const struct import_opts *o,
    struct import_result **out, struct err *e)
{
	return map_book(b, b, o, out, e);
}
