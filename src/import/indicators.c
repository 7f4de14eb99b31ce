/*
 * indicators.c - the "Indicateurs" sheet of a book: key indicators of the
 * actions, one row each, read into the import result.
 *
 * Pure like map.c: no database. Which action a row belongs to (its N°)
 * and which stored indicator it updates (its label) are decided by
 * apply.c, which knows the database.
 *
 * Design notes:
 * - The sheet is one whose name starts with "Indicateur" (case and
 *   accents ignored), other than the sheet of the actions. Its header is
 *   the first of its HEADER_SCAN rows holding an N° and an "Indicateur"
 *   label; a sheet so named without one is reported and skipped.
 * - Year columns are headers that are a bare year ("2024", as our export
 *   writes them as numbers) or a label with one ("Valeur 2024"). A year
 *   outside the mandate is an error on the header cell: its values would
 *   otherwise be lost silently. Unknown headers are listed as ignored.
 * - "Commentaire" holds one comment per year, a line "AAAA : texte" each
 *   (the export's layout); following lines without a year continue the
 *   comment above. Text before any year goes to the latest year that has
 *   a value in the row (warned), else it is ignored (warned).
 * - Values, units, baseline and target are kept as typed ("12,5 %").
 * - "À communiquer" (our export's last column; also "A communiquer",
 *   "Communiquer"...) is read with the yes/no normaliser of the actions'
 *   columns (import_parse_bool): an empty cell is "Non", a value it does
 *   not know is an error on its cell. The flag alone does not make a row
 *   an indicator (like N° and Action). Without the column, every
 *   ind.communicate is 0 and apply.c leaves stored flags alone.
 * - An action may have two indicators with the same label (the store
 *   allows it, so our own export can hold them): rows are numbered per
 *   N° and label (nth) and apply.c pairs the nth row with the nth stored
 *   indicator so labelled, in order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

#define HEADER_SCAN 40

static const struct {
	const char *key;
	int col;
} ind_keys[] = {
	{ "n", IIC_REF }, { "no", IIC_REF }, { "num", IIC_REF },
	{ "numero", IIC_REF }, { "naction", IIC_REF },
	{ "ndelaction", IIC_REF }, { "nodelaction", IIC_REF },
	{ "numerodelaction", IIC_REF }, { "ref", IIC_REF },
	{ "action", IIC_ACTION }, { "intituledelaction", IIC_ACTION },
	{ "intitule", IIC_ACTION }, { "actions", IIC_ACTION },
	{ "indicateur", IIC_LABEL }, { "indicateurs", IIC_LABEL },
	{ "indicateurcle", IIC_LABEL }, { "indicateurscles", IIC_LABEL },
	{ "libelle", IIC_LABEL }, { "libelledelindicateur", IIC_LABEL },
	{ "unite", IIC_UNIT }, { "unites", IIC_UNIT },
	{ "reference", IIC_BASELINE }, { "valeurdereference", IIC_BASELINE },
	{ "situationinitiale", IIC_BASELINE },
	{ "valeurinitiale", IIC_BASELINE },
	{ "cible", IIC_TARGET }, { "valeurcible", IIC_TARGET },
	{ "objectif", IIC_TARGET },
	{ "commentaire", IIC_COMMENT }, { "commentaires", IIC_COMMENT },
	{ "acommuniquer", IIC_COMMUNICATE }, { "communiquer", IIC_COMMUNICATE },
	{ "indicateuracommuniquer", IIC_COMMUNICATE },
	{ "acommuniquerouinon", IIC_COMMUNICATE },
	{ "acommuniquerounon", IIC_COMMUNICATE },
};

static int ind_match(const char *label)
{
	char *k = im_label_key(label);
	size_t i;
	int col = -1;

	for (i = 0; k && i < sizeof ind_keys / sizeof ind_keys[0]; i++)
		if (strcmp(k, ind_keys[i].key) == 0) {
			col = ind_keys[i].col;
			break;
		}
	free(k);
	return col;
}

/* The year a header names: a bare year ("2024", "2024.0" as a number
 * cell) or one with a word meaning a value ("Valeur 2024", "Année 2024",
 * "2024 (réalisé)"); -1 for a bare number that is no year; else 0. */
static int header_year(const char *s)
{
	static const char *const words[] = { "", "valeur", "valeurs", "annee",
	    "resultat", "resultats", "realise", "bilan", "valeurannee" };
	char *end, *k;
	long n;
	size_t i;
	int y, ok = 0;

	while (*s == ' ')
		s++;
	n = strtol(s, &end, 10);
	if (end != s && (strcmp(end, ".0") == 0 || !*end))
		return n >= MODEL_YEAR_MIN && n <= MODEL_YEAR_MAX ? (int)n : -1;
	if (!(y = im_find_year(s)) || !(k = im_label_key(s)))
		return 0;
	/* the key without its digits */
	{
		char *p, *q;

		for (p = q = k; *p; p++)
			if (!isdigit((unsigned char)*p))
				*q++ = *p;
		*q = '\0';
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		ok |= strcmp(k, words[i]) == 0;
	free(k);
	return ok ? y : 0;
}

/* Copy of s without surrounding white space; NULL when empty. */
static int dup_trim(const char *s, char **out)
{
	*out = NULL;
	if (!s)
		return 0;
	if (!(*out = xstrdup(s)))
		return ERR_NOMEM;
	str_trim(*out);
	if (!**out) {
		free(*out);
		*out = NULL;
	}
	return 0;
}

struct ind_ctx {
	const struct import_sheet *sh;
	struct import_sheet *own;	/* sh, when read rows are released */
	const struct import_opts *o;
	struct import_result *r;
	int *year_col;		/* column of r->ind_years[k] */
};

/* Checks a short text cell; 1 when an issue was recorded (or *rc set). */
static int bad_cell(struct ind_ctx *x, const struct import_cell *c,
    size_t max, int *rc)
{
	const char *why = NULL;

	if (c->too_long)
		why = "texte trop long (plus de 32 767 caractères, la limite "
		    "d'une cellule)";
	else if (!utf8_valid(c->text, strlen(c->text)))
		why = "texte invalide (UTF-8 incorrect)";
	else if (utf8_len(c->text) > max)
		why = max == MODEL_MAX_SHORT ? "texte trop long pour un "
		    "indicateur (1 000 caractères au plus)" : "texte trop long";
	if (!why)
		return 0;
	*rc = im_issue_at(x->r, x->sh, c->row, c->col, IMPORT_ERROR, why);
	return 1;
}

/* A line "2024 : texte" (also "2024 - texte", "2024: texte"): the year,
 * with *rest after the separator; else 0. */
static int comment_year(const char *line, const char **rest)
{
	const char *p = line;
	int y;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
	    isdigit((unsigned char)p[4]))
		return 0;
	y = atoi(p);
	p += 4;
	while (*p == ' ')
		p++;
	if (*p != ':' && *p != '-')
		return 0;
	p++;
	while (*p == ' ')
		p++;
	*rest = p;
	return y;
}

/* Sets the comment of year y in ind (trimmed; keeping its value). */
static int put_comment(struct indicator *ind, int y, const char *text)
{
	const struct indicator_value *v = indicator_value_for(ind, y);
	char *val = v && v->value ? xstrdup(v->value) : NULL;
	char *t = xstrdup(text ? text : "");
	int rc = ERR_NOMEM;

	if ((!v || !v->value || val) && t)
		rc = indicator_set_value(ind, y, val, str_trim(t));
	free(val);
	free(t);
	return rc;
}

static int in_mandate(const struct import_opts *o, int y)
{
	return (!o->year_min || y >= o->year_min) &&
	    (!o->year_max || y <= o->year_max);
}

/* Splits the "Commentaire" cell into the comments of ind's years. */
static int read_comments(struct ind_ctx *x, struct indicator *ind,
    const struct import_cell *c)
{
	struct strbuf cur = {0}, loose = {0};
	const char *p = c->text;
	char msg[200];
	int year = 0, rc = 0;

	while (!rc) {
		const char *nl = strchr(p, '\n'), *rest;
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);
		int y;

		if (!line) {
			rc = ERR_NOMEM;
			break;
		}
		if ((y = comment_year(line, &rest))) {
			if (year)
				rc = put_comment(ind, year, sb_str(&cur));
			sb_reset(&cur);
			year = y;
			if (!rc && (!in_mandate(x->o, y) ||
			    y < MODEL_YEAR_MIN || y > MODEL_YEAR_MAX)) {
				snprintf(msg, sizeof msg, "commentaire de "
				    "l'année %d : hors du mandat %d-%d", y,
				    x->o->year_min, x->o->year_max);
				rc = im_issue_at(x->r, x->sh, c->row, c->col,
				    IMPORT_ERROR, msg);
				year = 0;
			} else if (!rc && indicator_value_for(ind, y) &&
			    indicator_value_for(ind, y)->comment) {
				snprintf(msg, sizeof msg, "deux commentaires "
				    "pour l'année %d", y);
				rc = im_issue_at(x->r, x->sh, c->row, c->col,
				    IMPORT_ERROR, msg);
				year = 0;
			}
			if (year && !rc)
				rc = sb_append(&cur, rest);
		} else if (year) {
			rc = sb_printf(&cur, "\n%s", line);
		} else {
			rc = sb_printf(&loose, "%s%s", loose.len ? "\n" : "",
			    line);
		}
		free(line);
		if (!nl)
			break;
		p = nl + 1;
	}
	if (!rc && year)
		rc = put_comment(ind, year, sb_str(&cur));
	if (!rc && loose.len && !str_empty(str_trim(loose.buf))) {
		/* free text: the latest year with a value of this row */
		int y = ind->n_values ? ind->values[ind->n_values - 1].year : 0;

		if (y && !indicator_value_for(ind, y)->comment) {
			snprintf(msg, sizeof msg, "commentaire sans année "
			    "rattaché à %d (écrivez « AAAA : texte »)", y);
			rc = im_issue_at(x->r, x->sh, c->row, c->col,
			    IMPORT_WARNING, msg);
			if (!rc)
				rc = put_comment(ind, y, loose.buf);
		} else {
			rc = im_issue_at(x->r, x->sh, c->row, c->col,
			    IMPORT_WARNING, "commentaire sans année ignoré "
			    "(écrivez « AAAA : texte », une ligne par année)");
		}
	}
	sb_free(&cur);
	sb_free(&loose);
	return rc;
}

/* Reads the row `line`; appends it to x->r when it holds an indicator. */
static int read_row(struct ind_ctx *x, int line)
{
	struct import_result *r = x->r;
	const struct import_cell *cell[IIC_COUNT];
	struct import_indicator ii;
	size_t k, errors0 = r->n_errors;
	int i, rc = 0, filled = 0;

	memset(&ii, 0, sizeof ii);
	ii.line = line;
	for (i = 0; i < IIC_COUNT; i++) {
		cell[i] = r->ind_col[i] >= 0 ? import_sheet_cell(x->sh, line,
		    r->ind_col[i]) : NULL;
		/* a cell of spaces is empty: it would be trimmed to nothing */
		if (cell[i] && !cell[i]->too_long && im_blank(cell[i]->text))
			cell[i] = NULL;
		if (cell[i] && i != IIC_REF && i != IIC_ACTION &&
		    i != IIC_COMMUNICATE)
			filled++;
	}
	for (k = 0; k < r->n_ind_years; k++) {
		const struct import_cell *c = import_sheet_cell(x->sh, line,
		    x->year_col[k]);
		char *v = NULL;

		if (!c || (!c->too_long && im_blank(c->text)))
			continue;
		filled++;
		if (bad_cell(x, c, MODEL_MAX_SHORT, &rc))
			continue;
		if ((rc = dup_trim(c->text, &v)))
			goto out;
		if (v)
			rc = indicator_set_value(&ii.ind, r->ind_years[k], v,
			    NULL);
		free(v);
		if (rc)
			goto out;
	}
	if (rc)
		goto out;
	if (!filled)
		goto out;	/* blank, or a note such as "Aucun indicateur" */
	if (!cell[IIC_LABEL]) {
		rc = im_issue_at(r, x->sh, line, r->ind_col[IIC_LABEL],
		    IMPORT_ERROR, "libellé de l'indicateur vide (les autres "
		    "cellules de la ligne sont remplies)");
		goto out;
	}
	if (!cell[IIC_REF]) {
		rc = im_issue_at(r, x->sh, line, r->ind_col[IIC_REF],
		    IMPORT_ERROR, "N° de l'action manquant : à quelle action "
		    "cet indicateur appartient-il ?");
		goto out;
	}
	/* Read only on a row that holds an indicator: the flag alone (a
	 * "Non" picked in the list below the data) makes none. */
	if (cell[IIC_COMMUNICATE] && !bad_cell(x, cell[IIC_COMMUNICATE],
	    MODEL_MAX_SHORT, &rc)) {
		const char *v = cell[IIC_COMMUNICATE]->text;
		char msg[300];

		rc = import_parse_bool(v, &ii.ind.communicate);
		if (rc == ERR_NOMEM)
			goto out;
		if (rc) {
			snprintf(msg, sizeof msg, "« %.200s » n'est pas une "
			    "valeur oui/non (Oui, Non, X, 1, 0)", v);
			rc = im_issue_at(r, x->sh, line,
			    r->ind_col[IIC_COMMUNICATE], IMPORT_ERROR, msg);
		}
	}
	for (i = 0; i < IIC_COUNT && !rc; i++) {
		char **dst = i == IIC_REF ? &ii.ref : i == IIC_LABEL ?
		    &ii.ind.label : i == IIC_UNIT ? &ii.ind.unit :
		    i == IIC_BASELINE ? &ii.ind.baseline : i == IIC_TARGET ?
		    &ii.ind.target : NULL;

		if (!cell[i] || !dst || bad_cell(x, cell[i], MODEL_MAX_SHORT,
		    &rc))
			continue;
		if ((rc = dup_trim(cell[i]->text, dst)))
			goto out;
	}
	if (rc)
		goto out;
	if (ii.ref && ref_validate(ii.ref, NULL)) {
		rc = im_issue_at(r, x->sh, line, r->ind_col[IIC_REF],
		    IMPORT_ERROR, "N° d'action illisible (attendu : « 2.4 »)");
		goto out;
	}
	if (cell[IIC_COMMENT] && !bad_cell(x, cell[IIC_COMMENT], MODEL_MAX_TEXT,
	    &rc) && (rc = read_comments(x, &ii.ind, cell[IIC_COMMENT])))
		goto out;
	if (rc || r->n_errors > errors0)
		goto out;
	if ((rc = array_grow(&r->indicators, r->n_indicators,
	    sizeof *r->indicators)))
		goto out;
	r->indicators[r->n_indicators++] = ii;
	return 0;
out:
	free(ii.ref);
	indicator_clear(&ii.ind);
	return rc;
}

/* Finds the header row of sh: *line 0 when none. */
static void find_header(const struct import_sheet *sh, int *line)
{
	size_t i = 0;
	int rows = 0;

	*line = 0;
	while (i < sh->n && rows < HEADER_SCAN) {
		int row = sh->cells[i].row, ref = 0, label = 0;

		for (; i < sh->n && sh->cells[i].row == row; i++) {
			int m = ind_match(sh->cells[i].text);

			ref |= m == IIC_REF;
			label |= m == IIC_LABEL;
		}
		rows++;
		if (ref && label) {
			*line = row;
			return;
		}
	}
}

static int add_ignored(struct import_result *r, const struct import_sheet *sh,
    const struct import_cell *c, const char *why)
{
	struct strbuf sb = {0};
	char letters[8], **v;

	sb_printf(&sb, "feuille « %s », %s « %s »%s", sh->name ? sh->name : "",
	    import_col_letters(c->col, letters), c->text, why);
	if (!sb.buf || !(v = realloc(r->ignored, (r->n_ignored + 1) *
	    sizeof *v))) {
		sb_free(&sb);
		return ERR_NOMEM;
	}
	r->ignored = v;
	v[r->n_ignored++] = sb_steal(&sb);
	return 0;
}

/* Maps the header row of the indicators sheet into r. */
static int map_header(struct ind_ctx *x, int line)
{
	const struct import_sheet *sh = x->sh;
	struct import_result *r = x->r;
	size_t i;
	int rc = 0;

	for (i = 0; i < sh->n && !rc; i++) {
		const struct import_cell *c = &sh->cells[i];
		char msg[200];
		int m, y;
		size_t k;

		if (c->row != line || str_empty(c->text))
			continue;
		if ((m = ind_match(c->text)) >= 0) {
			if (r->ind_col[m] < 0)
				r->ind_col[m] = c->col;
			else
				rc = add_ignored(r, sh, c, " (en double)");
			continue;
		}
		if (!(y = header_year(c->text))) {
			rc = add_ignored(r, sh, c, "");
			continue;
		}
		if (y < 0 || y < MODEL_YEAR_MIN || y > MODEL_YEAR_MAX ||
		    !in_mandate(x->o, y)) {
			if (x->o->year_min && x->o->year_max)
				snprintf(msg, sizeof msg, "en-tête « %.40s » : "
				    "pas une année du mandat %d-%d (ses valeurs "
				    "ne seraient pas importées)", c->text,
				    x->o->year_min, x->o->year_max);
			else
				snprintf(msg, sizeof msg, "en-tête « %.40s » : "
				    "année invalide", c->text);
			rc = im_issue_at(r, sh, line, c->col, IMPORT_ERROR,
			    msg);
			continue;
		}
		for (k = 0; k < r->n_ind_years && r->ind_years[k] != y; k++)
			;
		if (k < r->n_ind_years) {
			snprintf(msg, sizeof msg, "année %d en double (déjà "
			    "colonne %s)", y, import_col_letters(x->year_col[k],
			    (char[8]){0}));
			rc = im_issue_at(r, sh, line, c->col, IMPORT_ERROR, msg);
			continue;
		}
		{
			int *a = realloc(r->ind_years, (r->n_ind_years + 1) *
			    sizeof *a);
			int *b;

			if (!a)
				return ERR_NOMEM;
			r->ind_years = a;
			if (!(b = realloc(x->year_col, (r->n_ind_years + 1) *
			    sizeof *b)))
				return ERR_NOMEM;
			x->year_col = b;
			/* keep ascending by year */
			for (k = r->n_ind_years; k && a[k - 1] > y; k--) {
				a[k] = a[k - 1];
				b[k] = b[k - 1];
			}
			a[k] = y;
			b[k] = c->col;
			r->n_ind_years++;
		}
	}
	return rc;
}

struct nth_key {
	const char *ref;
	char *fold;
	size_t i;
};

static int nth_cmp(const void *a, const void *b)
{
	const struct nth_key *x = a, *y = b;
	int c = strcmp(x->ref, y->ref);

	if (!c)
		c = strcmp(x->fold, y->fold);
	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Sets nth of every row: sorted by N°, folded label and row, equal
 * neighbours count up. */
static int number_rows(struct import_result *r)
{
	struct nth_key *k;
	size_t i;
	int rc = 0;

	if (!r->n_indicators)
		return 0;
	if (!(k = calloc(r->n_indicators, sizeof *k)))
		return ERR_NOMEM;
	for (i = 0; i < r->n_indicators && !rc; i++) {
		k[i].ref = r->indicators[i].ref;
		k[i].i = i;
		if (!(k[i].fold = text_fold(r->indicators[i].ind.label)))
			rc = ERR_NOMEM;
	}
	if (!rc) {
		qsort(k, r->n_indicators, sizeof *k, nth_cmp);
		for (i = 1; i < r->n_indicators; i++)
			if (!strcmp(k[i].ref, k[i - 1].ref) &&
			    !strcmp(k[i].fold, k[i - 1].fold))
				r->indicators[k[i].i].nth =
				    r->indicators[k[i - 1].i].nth + 1;
	}
	for (i = 0; i < r->n_indicators; i++)
		free(k[i].fold);
	free(k);
	return rc;
}

int im_map_indicators(const struct import_book *b, struct import_book *own,
    const struct import_sheet *used, const struct import_opts *o,
    struct import_result *r)
{
	struct ind_ctx x;
	const struct import_sheet *sh = NULL;
	size_t i;
	int k, line = 0, rc = 0;

	for (k = 0; k < IIC_COUNT; k++)
		r->ind_col[k] = -1;
	for (i = 0; i < b->n && !sh; i++)
		if (&b->sheets[i] != used && im_is_indicator_sheet(&b->sheets[i]))
			sh = &b->sheets[i];
	if (!sh)
		return 0;
	find_header(sh, &line);
	if (!line)
		return import_result_issue(r, IMPORT_WARNING, NULL, "feuille "
		    "« %s » ignorée : pas de ligne d'en-tête avec « N° » et "
		    "« Indicateur » dans ses %d premières lignes", sh->name,
		    HEADER_SCAN);
	memset(&x, 0, sizeof x);
	x.sh = sh;
	x.own = own ? &own->sheets[sh - b->sheets] : NULL;
	x.o = o;
	x.r = r;
	if (!(r->ind_sheet = xstrdup(sh->name)))
		return ERR_NOMEM;
	if ((rc = map_header(&x, line)))
		goto out;
	for (i = 0; i < sh->n && !rc; ) {
		size_t next = i + 1;

		while (next < sh->n && sh->cells[next].row == sh->cells[i].row)
			next++;
		if (sh->cells[i].row > line) {
			rc = read_row(&x, sh->cells[i].row);
			if (x.own)
				import_sheet_release(x.own, i, next);
		}
		i = next;
	}
	if (!rc)
		rc = number_rows(r);
out:
	free(x.year_col);
	return rc;
}
