/*
 * sheets.c - what the mapper decides about whole sheets and tables:
 * which sheets of a book are never plan tables (our export's other
 * sheets, explanations), the header columns it does not import, the N°
 * that two sheets share, and duplicated N° within the plan.
 *
 * Pure: no database, no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

int im_is_derived(int k)
{
	return k == F_RESULT || k == F_UPDATED_AT || k == F_UPDATED_BY ||
	    k == IC_INDICATORS;
}

struct ref_key {
	const char *ref;
	size_t i;
};

static int im_ref_key_cmp(const void *a, const void *b)
{
	const struct ref_key *x = a, *y = b;
	int c = strcmp(x->ref, y->ref);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Reports each row whose N° an earlier row has, in row order, naming the
 * first row with it. One sort: a plan may have many thousands of rows. */
int im_check_duplicates(struct import_result *r, int ref_col)
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
	qsort(k, n, sizeof *k, im_ref_key_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(k[i].ref, k[i - 1].ref))
			first[k[i].i] = first[k[i - 1].i];
	for (i = 0; i < r->n_rows && !rc; i++) {
		struct strbuf w = {0};
		const char *sheet;
		const char *ref;

		if (first[i] == i)
			continue;
		sheet = (size_t)r->rows[i].sheet < r->n_sheets ?
		    r->sheets[r->rows[i].sheet] : NULL;
		ref = r->rows[i].a.ref;
		if (sheet)
			sb_printf(&w, "feuille « %s », ", sheet);
		sb_printf(&w, "colonne %s", import_col_letters(ref_col, col));
		rc = import_result_issue(r, IMPORT_ERROR, sb_str(&w),
		    "N° %s en double : lignes %d et %d%s", ref,
		    r->rows[first[i]].line, r->rows[i].line,
		    /* 2.10 typed in a number cell is 2.1 */
		    strchr(ref, '.') && strlen(strchr(ref, '.')) == 2 &&
		    ref[strlen(ref) - 1] != '0' ? " (si la colonne N° est au "
		    "format Nombre, 2.1 et 2.10 s'y confondent : mettez-la au "
		    "format Texte et retapez ces N°)" : "");
		sb_free(&w);
	}
out:
	free(k);
	free(first);
	return rc;
}

/* Sheets of our own export that are no plan table, and sheets of
 * explanations: never candidates unless --feuille names them. */
int im_other_sheet(const struct import_sheet *sh)
{
	static const char *const keys[] = { "fiche", "donnee", "synthese",
	    "evolution", "presentation", "indicateur", "lisezmoi", "aide",
	    "modedemploi", "listes", "parametres", "legende" };
	char *k = sh->name ? im_label_key(sh->name) : NULL;
	size_t i;
	int hit = 0;

	for (i = 0; k && !hit && i < sizeof keys / sizeof keys[0]; i++)
		hit = strncmp(k, keys[i], strlen(keys[i])) == 0;
	free(k);
	return hit;
}

/* Columns of the header not imported, into r->ignored. */
int im_list_ignored(const struct import_book *b,
    const struct import_sheet *sh, const struct header *best,
    struct import_result *r)
{
	size_t i;
	int ind_sheet = 0;

	for (i = 0; i < b->n && !ind_sheet; i++)
		ind_sheet = &b->sheets[i] != sh &&
		    im_is_indicator_sheet(&b->sheets[i]);
	for (i = 0; i < sh->n; i++) {
		const struct import_cell *c = &sh->cells[i];
		int kind, used = 0;
		char **v, letters[8];
		struct strbuf sb = {0};

		if (c->row != best->line || str_empty(c->text))
			continue;
		kind = import_match_header(c->text);
		if (kind >= 0 && best->col[kind] == c->col && !im_is_derived(kind))
			used = 1;
		if (used)
			continue;
		sb_printf(&sb, "%s « %s »%s", import_col_letters(c->col,
		    letters), c->text, kind < 0 ? "" :
		    best->col[kind] != c->col ? " (en double)" :
		    kind == F_RESULT ? " (calculée par suivi)" :
		    kind != IC_INDICATORS ? " (tenue par suivi)" :
		    ind_sheet ? " (résumé : les indicateurs sont lus dans la "
		    "feuille « Indicateurs »)" : " (résumé non importé : les "
		    "indicateurs ne sont lus que dans une feuille "
		    "« Indicateurs »)");
		if (!(v = realloc(r->ignored, (r->n_ignored + 1) * sizeof *v))) {
			sb_free(&sb);
			return ERR_NOMEM;
		}
		r->ignored = v;
		v[r->n_ignored++] = sb_steal(&sb);
	}
	return 0;
}

/* The first N° two sheets' rows share, or NULL. rows [a0, a1) and
 * [b0, b1) of r. */
const char *im_common_ref(const struct import_result *r, size_t a0,
    size_t a1, size_t b0, size_t b1)
{
	size_t i, j;

	for (i = a0; i < a1; i++)
		for (j = b0; j < b1 && !str_empty(r->rows[i].a.ref); j++)
			if (str_eq(r->rows[i].a.ref, r->rows[j].a.ref))
				return r->rows[i].a.ref;
	return NULL;
}
