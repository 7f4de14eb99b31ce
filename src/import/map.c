/*
 * map.c - from a book of cells to actions: choosing the sheets, column
 * mapping, rows and their notes (the header row is found by header.c,
 * the Présentation sheet read by presentation.c).
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

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
	for (i = 0; i < r->n_notes; i++)
		free(r->notes[i]);
	free(r->notes);
	for (i = 0; i < r->n_sheets; i++)
		free(r->sheets[i]);
	free(r->sheets);
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
	free(r->extract_pilot);
	free(r->file);
	free(r->sheet);
	free(r);
	*pr = NULL;
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

/* An interpretation, with the rows it was made on. */
struct infer {
	char *msg;
	int sheet;
	struct strbuf lines;
	int n;
};

struct map_ctx {
	const struct import_sheet *sh;
	struct import_sheet *own;	/* sh, when read rows are released */
	const struct import_opts *o;
	struct import_result *r;
	int section_engagement;
	int sheet_ix;		/* index of sh in r->sheets */
	int ended;		/* a note or total row was met */
	int hcol[IC_COUNT];	/* columns of the current table */
	struct infer *inf;
	size_t n_inf;
};

static int add_note(struct import_result *r, char *msg)
{
	char **v;

	if (!msg)
		return ERR_NOMEM;
	if (!(v = realloc(r->notes, (r->n_notes + 1) * sizeof *v))) {
		free(msg);
		return ERR_NOMEM;
	}
	r->notes = v;
	v[r->n_notes++] = msg;
	return 0;
}

/* Records an interpretation made on row `line` of the current sheet;
 * the same one on several rows is listed once with its rows. */
static int infer(struct map_ctx *m, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int infer(struct map_ctx *m, int line, const char *fmt, ...)
{
	struct strbuf sb = {0};
	struct infer *f;
	va_list ap;
	char buf[512];
	size_t i;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	for (i = 0; i < m->n_inf; i++)
		if (m->inf[i].sheet == m->sheet_ix && !strcmp(m->inf[i].msg, buf))
			break;
	if (i == m->n_inf) {
		if (!(f = realloc(m->inf, (m->n_inf + 1) * sizeof *f)))
			return ERR_NOMEM;
		m->inf = f;
		f = &f[m->n_inf];
		memset(f, 0, sizeof *f);
		if (!(f->msg = xstrdup(buf)))
			return ERR_NOMEM;
		f->sheet = m->sheet_ix;
		m->n_inf++;
	}
	f = &m->inf[i];
	if (f->n < 12)
		sb_printf(&f->lines, "%s%d", f->n ? ", " : "", line);
	else if (f->n == 12)
		sb_append(&f->lines, "…");
	f->n++;
	sb_free(&sb);
	return 0;
}

/* Moves the interpretations into r->notes. */
static int flush_infer(struct map_ctx *m)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < m->n_inf; i++) {
		struct infer *f = &m->inf[i];
		struct strbuf sb = {0};
		const char *sh = (size_t)f->sheet < m->r->n_sheets ?
		    m->r->sheets[f->sheet] : NULL;

		if (!rc) {
			sb_printf(&sb, "%s (%s%s%s%s %s)", f->msg,
			    sh ? "feuille « " : "", sh ? sh : "",
			    sh ? " », " : "", f->n > 1 ? "lignes" : "ligne",
			    sb_str(&f->lines));
			rc = add_note(m->r, sb_steal(&sb));
		}
		free(f->msg);
		sb_free(&f->lines);
	}
	free(m->inf);
	m->inf = NULL;
	m->n_inf = 0;
	return rc;
}

/* "« texte »" shortened to n characters for a report line. */
static const char *shorten(const char *s, char *buf, size_t n)
{
	size_t i = 0, chars = 0;

	while (s[i] && chars < n) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (!s[i]) {
		snprintf(buf, n * 4 + 8, "%s", s);
	} else {
		snprintf(buf, n * 4 + 8, "%.*s…", (int)i, s);
	}
	for (i = 0; buf[i]; i++)
		if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
			buf[i] = ' ';
	return buf;
}

static const char *yes_no(int b)
{
	return b ? "Oui" : "Non";
}

/* Reads one field of a row from its cleaned text v; faulty values become
 * issues. */
static int read_value(struct map_ctx *m, struct import_row *row, int k,
    const struct import_cell *c, const char *v)
{
	struct err e = {0};
	char sh[64];
	int rc = 0, b, y, exact;

	switch (k) {
	case F_REF: {
		/* "1,1" typed with the French decimal comma */
		const char *comma = strchr(v, ',');

		if (comma && comma > v && isdigit((unsigned char)comma[1]) &&
		    strspn(v, "0123456789") == (size_t)(comma - v) &&
		    strspn(comma + 1, "0123456789") == strlen(comma + 1)) {
			char buf[32];

			snprintf(buf, sizeof buf, "%.*s.%s", (int)(comma - v), v,
			    comma + 1);
			if ((rc = infer(m, row->line, "N° « %s » lu comme %s", v,
			    buf)))
				return rc;
			if (action_field_set(&row->a, F_REF, buf, 0, 0, &e))
				return im_issue_at(m->r, m->sh, row->line,
				    c->col, IMPORT_ERROR, e.msg);
			return 0;
		}
		goto text;
	}
	case F_ENGAGEMENT:
		if (im_blank(v))
			return 0;
		if (im_parse_engagement(v, m->o->ref, &row->a.engagement,
		    &exact, &e))
			return im_issue_at(m->r, m->sh, row->line, c->col,
			    IMPORT_ERROR, e.msg);
		if (!exact)
			return infer(m, row->line, "« %s » lu comme engagement %d",
			    shorten(v, sh, 12), row->a.engagement);
		break;
	case F_PROGRESS: {
		enum progress p;

		if (im_parse_progress(v, &p, &exact))
			goto text;	/* refused with the model's message */
		row->a.progress = p;
		if (!exact)
			return infer(m, row->line, "Avancement « %s » lu comme "
			    "%s", shorten(v, sh, 12), progress_label(p));
		break;
	}
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
		if (im_parse_bool(v, &b, &exact)) {
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
		if (!exact)
			return infer(m, row->line, "%s « %s » lu comme %s",
			    action_fields[k].label, shorten(v, sh, 12),
			    yes_no(b));
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

		if (im_schedule_date(v, &y)) {
			snprintf(buf, sizeof buf, "%d", y);
			if ((rc = infer(m, row->line, "Calendrier « %s » (une "
			    "date) lu comme l'année %d", shorten(v, sh, 12), y)))
				return rc;
		} else {
			clean_schedule(v, buf, sizeof buf);
		}
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
	default:
	text: {
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

/* Reads one field of a row: the cell's text cleaned of OOXML escapes
 * and, in one-line fields, of invisible characters; error values of
 * formulas reported and left out. */
static int read_field(struct map_ctx *m, struct import_row *row, int k,
    const struct import_cell *c)
{
	char *v;
	int rc, changed, longtext;

	if (c->too_long)
		return im_issue_at(m->r, m->sh, row->line, c->col, IMPORT_ERROR,
		    "texte trop long (plus de 32 767 caractères, la limite "
		    "d'une cellule)");
	if (!utf8_valid(c->text, strlen(c->text)))
		return im_issue_at(m->r, m->sh, row->line, c->col, IMPORT_ERROR,
		    "texte invalide (UTF-8 incorrect)");
	if (im_error_value(c->text)) {
		char msg[160];

		row->col[k] = -1;	/* left as stored */
		snprintf(msg, sizeof msg, "valeur d'erreur « %s » (une formule "
		    "en échec) : cellule non importée", c->text);
		return im_issue_at(m->r, m->sh, row->line, c->col,
		    IMPORT_WARNING, msg);
	}
	longtext = k < F_COUNT && action_fields[k].type == FIELD_LONGTEXT;
	if (!(v = im_clean_text(c->text, !longtext, &changed)))
		return ERR_NOMEM;
	rc = read_value(m, row, k, c, v);
	if (!rc && changed && k < F_COUNT)
		rc = infer(m, row->line, "%s : caractères invisibles ou codes "
		    "_xHHHH_ d'Excel nettoyés", action_fields[k].label);
	free(v);
	return rc;
}

/* 1 when the folded text f begins with word w followed by a non-letter. */
static int starts_word(const char *f, const char *w)
{
	size_t n = strlen(w);

	return strncmp(f, w, n) == 0 && !isalpha((unsigned char)f[n]);
}

/* 1 when the first word of f is followed by a colon: "Source : …". */
static int label_colon(const char *f)
{
	size_t n = strcspn(f, " :");

	while (f[n] == ' ')
		n++;
	return f[n] == ':';
}

/* A row that is no action: a note or source under the table ("* Actions
 * validées…", "Source : …", "NB"), a total, a row of sub-labels of the
 * header ("(Oui/Non)"). Reported as ignored; -1 when it is one, 0 when
 * not, else an error code. After a note, a row of a single cell is a
 * note too: the table has ended. */
static int note_row(struct map_ctx *m, int line,
    const struct import_cell *const *cells, int filled)
{
	const struct import_cell *first = NULL;
	const char *why = NULL;
	char *f;
	char buf[260];
	int k, paren = 1;

	for (k = 0; k < IC_COUNT; k++) {
		const struct import_cell *c = cells[k];
		size_t n;

		if (!c || !c->text || im_blank(c->text) || im_is_derived(k))
			continue;
		if (!first || c->col < first->col)
			first = c;
		n = strlen(c->text);
		while (n && isspace((unsigned char)c->text[n - 1]))
			n--;
		if (c->text[strspn(c->text, " ")] != '(' || c->text[n - 1] != ')')
			paren = 0;
	}
	if (!first)
		return 0;
	if (!(f = text_fold(first->text)))
		return ERR_NOMEM;
	if (paren)
		why = "sous-titres de l'en-tête";
	else if (f[0] == '*' || ((starts_word(f, "source") ||
	    starts_word(f, "sources") || starts_word(f, "note") ||
	    starts_word(f, "notes") || starts_word(f, "nb") ||
	    strncmp(f, "n.b.", 4) == 0 || starts_word(f, "legende") ||
	    starts_word(f, "remarque")) && (filled == 1 || label_colon(f))))
		/* "Sources d'eau à l'école" in a full row is an action */
		why = "note";
	else if (starts_word(f, "total") || starts_word(f, "totaux") ||
	    starts_word(f, "sous total") || starts_word(f, "sous-total") ||
	    starts_word(f, "nombre d'actions"))
		why = "total";
	else if (m->ended && filled == 1)
		why = "après la fin du tableau";
	free(f);
	if (!why)
		return 0;
	if (strcmp(why, "sous-titres de l'en-tête"))
		m->ended = 1;
	k = infer(m, line, "ligne ignorée (%s) : « %s »", why,
	    shorten(first->text, buf, 60));
	return k ? k : -1;
}

/* Whether the referential lists this action as a priority one: its
 * engagement and designation (folded) are those of a listed action. */
static int ref_lists(const struct referential *ref, const struct action *a)
{
	char *k = text_fold(a->designation);
	size_t i;
	int hit = 0;

	for (i = 0; k && !hit && i < ref->n_priorities; i++) {
		const struct ref_priority *p = &ref->priorities[i];
		char *t;

		if (p->engagement != a->engagement || !p->designation)
			continue;
		t = text_fold(p->designation);
		hit = t && !strcmp(t, k);
		free(t);
	}
	free(k);
	return hit;
}

/* Colours are hints, never facts. With a referential that lists priority
 * actions, the list decides: a file's Oui/Non that says otherwise is
 * reported and not imported. While it lists none, the file's column
 * decides; only a file without that column marks priority by a blue
 * fill, and that is reported. */
static int priority_rule(struct map_ctx *m, struct import_row *row,
    const int *hcol, int blue)
{
	const struct referential *ref = m->o->ref;

	if (ref && ref->n_priorities) {
		int listed = ref_lists(ref, &row->a);

		if (row->col[F_PRIORITY] >= 0 && row->a.priority != listed) {
			row->col[F_PRIORITY] = -1;
			row->a.priority = 0;
			return infer(m, row->line, "« Action prioritaire : %s » "
			    "contredit le référentiel (qui %s cette action) : "
			    "non importé", yes_no(!listed), listed ? "liste" :
			    "ne liste pas");
		}
		return 0;
	}
	if (hcol[F_PRIORITY] >= 0 || !blue || row->a.priority)
		return 0;
	row->a.priority = 1;
	row->col[F_PRIORITY] = hcol[F_DESIGNATION];
	return infer(m, row->line, "fond bleu lu comme action prioritaire (le "
	    "fichier n'a pas de colonne « Action prioritaire »)");
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
	row.sheet = m->sheet_ix;
	for (k = 0; k < IC_COUNT; k++) {
		const char *t = cell_text(sh, line, hcol[k], &cells[k]);

		row.col[k] = -1;
		if (cells[k] && cells[k]->blue && (k == F_DESIGNATION ||
		    k == F_REF))
			blue = 1;
		if (!t || (im_blank(t) && !cells[k]->too_long))
			continue;
		if (im_is_derived(k))
			continue;
		filled++;
		if (first && strcmp(first, t) != 0)
			same = 0;
		if (!first)
			first = t;
	}
	if (!filled)
		return 0;
	if ((rc = note_row(m, line, cells, filled)) != 0)
		return rc < 0 ? 0 : rc;
	/* a title or section row: one text across the table */
	if ((filled >= 2 && same) || (filled == 1 &&
	    (!cells[F_DESIGNATION] || im_blank(cells[F_DESIGNATION]->text)))) {
		int n;

		if (!import_parse_engagement(first, m->o->ref, &n, NULL) &&
		    (strncmp(first, "Engagement", 10) == 0 ||
		    strncmp(first, "ENGAGEMENT", 10) == 0 || filled >= 2)) {
			m->section_engagement = n;
			return 0;
		}
		{
			char buf[260];

			return infer(m, line, "ligne ignorée (titre ou texte "
			    "seul) : « %s »", shorten(first, buf, 60));
		}
	}
	for (k = 0; k < IC_COUNT; k++) {
		if (!cells[k] || im_is_derived(k) || (k == F_REF &&
		    im_blank(cells[k]->text)))
			continue;
		row.col[k] = hcol[k];
		if ((rc = read_field(m, &row, k, cells[k])))
			goto out;
	}
	row.blue = blue;
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
	/* after the engagement: the referential's list is by engagement */
	if ((rc = priority_rule(m, &row, hcol, blue)))
		goto out;
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

/* ---- Public ---- */

/* Reads the rows of one table sheet below its header into m->r. A row
 * that is a header again starts a second table with its own columns. */
static int map_sheet(struct map_ctx *m, const struct header *h)
{
	const struct import_sheet *sh = m->sh;
	size_t i;
	int rc;

	memcpy(m->hcol, h->col, sizeof m->hcol);
	m->section_engagement = 0;
	m->ended = 0;
	for (i = 0; i < sh->n && sh->cells[i].row <= h->line; i++)
		;
	while (i < sh->n) {
		int col[IC_COUNT], line = sh->cells[i].row;
		size_t next;

		if (im_header_row(sh, i, col, &next) >= 3 &&
		    col[F_DESIGNATION] >= 0) {
			memcpy(m->hcol, col, sizeof m->hcol);
			m->section_engagement = 0;
			m->ended = 0;
			if (m->own)
				import_sheet_release(m->own, i, next);
			i = next;
			if ((rc = infer(m, line, "second tableau : nouvel en-tête, "
			    "lu avec ses propres colonnes")))
				return rc;
			continue;
		}
		if ((rc = map_row(m, m->hcol, &i)))
			return rc;
	}
	return 0;
}

/* import_map, releasing the rows of b's sheets once read when own (b
 * itself) is given. */
static int map_book(const struct import_book *b, struct import_book *own,
    const struct import_opts *o, struct import_result **out, struct err *e)
{
	struct import_result *r = NULL;
	struct header best, *hs = NULL;
	const struct import_sheet *sh = NULL;
	struct map_ctx m;
	size_t *from = NULL, *cand = NULL, nc = 0, i, j;
	struct strbuf hidden = {0};
	int rc = 0, top = 0;

	memset(&best, 0, sizeof best);
	memset(&m, 0, sizeof m);
	if (!b->n)
		return err_set(e, ERR_FORMAT, "%s : aucune feuille", b->file);
	if (!(hs = calloc(b->n, sizeof *hs)) ||
	    !(cand = calloc(b->n, sizeof *cand)) ||
	    !(from = calloc(b->n + 1, sizeof *from))) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < b->n; i++) {
		if (o->sheet) {
			char *a = text_fold(b->sheets[i].name);
			char *z = text_fold(o->sheet);
			int same = a && z && strcmp(a, z) == 0;

			free(a);
			free(z);
			if (!same)
				continue;
		} else if (im_is_indicator_sheet(&b->sheets[i]) ||
		    im_other_sheet(&b->sheets[i])) {
			/* its "N° | Action | …" header must not pass for a
			 * plan: its rows are indicators, read further down */
			continue;
		}
		im_header_scan(&b->sheets[i], &hs[i]);
		if (!sh)
			sh = &b->sheets[i];
		if (!hs[i].line)
			continue;
		if (b->sheets[i].hidden && !o->sheet) {
			sb_printf(&hidden, "%s« %s »", hidden.len ? ", " : "",
			    b->sheets[i].name);
			continue;
		}
		cand[nc++] = i;
		if (hs[i].score > top)
			top = hs[i].score;
	}
	/* same kind of table: at least half the columns of the best one */
	for (i = j = 0; i < nc; i++)
		if (hs[cand[i]].score * 2 >= top)
			cand[j++] = cand[i];
	nc = j;
	if (nc) {
		sh = &b->sheets[cand[0]];
		best = hs[cand[0]];
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
		goto out_early;
	}
	if (!best.line) {
		rc = err_set(e, ERR_FORMAT, "%s%s%s%s : ligne d'en-tête "
		    "introuvable : il faut au moins une colonne « Intitulé de "
		    "l'action » (ou « Action », « Intitulé ») et une autre "
		    "colonne connue (N°, Engagement, Avancement…) dans les %d "
		    "premières lignes%s%s%s", b->file, sh->name ?
		    ", feuille « " : "", sh->name ? sh->name : "", sh->name ?
		    " »" : "", HEADER_SCAN, hidden.len ? " ; la feuille "
		    "masquée " : "", sb_str(&hidden), hidden.len ? " en a une "
		    ": --feuille NOM pour la lire" : "");
		goto out_early;
	}
	if (!(r = calloc(1, sizeof *r)) || !(r->file = xstrdup(b->file)) ||
	    (sh->name && !(r->sheet = xstrdup(sh->name))) ||
	    !(r->sheets = calloc(nc ? nc : 1, sizeof *r->sheets))) {
		rc = ERR_NOMEM;
		goto out;
	}
	r->header_line = best.line;
	memcpy(r->col, best.col, sizeof r->col);
	if ((rc = im_list_ignored(b, sh, &best, r)))
		goto out;
	if (!nc)
		cand[nc++] = (size_t)(sh - b->sheets);
	m.o = o;
	m.r = r;
	for (i = 0; i < nc; i++) {
		const struct import_sheet *s = &b->sheets[cand[i]];

		if (s->name && !(r->sheets[i] = xstrdup(s->name))) {
			rc = ERR_NOMEM;
			goto out;
		}
		r->n_sheets = i + 1;
		m.sh = s;
		m.own = own ? &own->sheets[cand[i]] : NULL;
		m.sheet_ix = (int)i;
		from[i] = r->n_rows;
		if ((rc = map_sheet(&m, &hs[cand[i]])))
			goto out;
	}
	from[nc] = r->n_rows;
	if ((rc = flush_infer(&m)))
		goto out;
	for (i = 0; i < nc; i++)
		for (j = i + 1; j < nc; j++) {
			const char *c = im_common_ref(r, from[i], from[i + 1],
			    from[j], from[j + 1]);

			if (!c)
				continue;
			{
				struct strbuf names = {0};
				size_t k;

				for (k = 0; k < nc; k++)
					sb_printf(&names, "%s« %s »", k ? ", " :
					    "", r->sheets[k]);
				rc = err_set(e, ERR_CONFLICT, "%s : plusieurs "
				    "feuilles portent un plan d'action et leurs "
				    "N° se recouvrent (N° %s dans « %s » et dans "
				    "« %s ») : une par année ou une archive ? "
				    "Choisissez celle à importer avec --feuille "
				    "NOM (feuilles : %s) ; rien n'a été lu",
				    b->file, c, r->sheets[i], r->sheets[j],
				    sb_str(&names));
				sb_free(&names);
				goto out_err;
			}
		}
	if (nc > 1) {
		struct strbuf sb = {0};

		sb_append(&sb, "feuilles lues ensemble (même tableau, N° "
		    "distincts) : ");
		for (i = 0; i < nc; i++)
			sb_printf(&sb, "%s« %s » (%zu action%s)", i ? ", " : "",
			    r->sheets[i], from[i + 1] - from[i],
			    from[i + 1] - from[i] > 1 ? "s" : "");
		if ((rc = add_note(r, sb_steal(&sb))))
			goto out;
	}
	if (hidden.len) {
		struct strbuf sb = {0};

		sb_printf(&sb, "feuille%s masquée%s non lue%s : %s (--feuille "
		    "NOM pour en lire une)", strchr(sb_str(&hidden), ',') ?
		    "s" : "", strchr(sb_str(&hidden), ',') ? "s" : "",
		    strchr(sb_str(&hidden), ',') ? "s" : "", sb_str(&hidden));
		if ((rc = add_note(r, sb_steal(&sb))))
			goto out;
	}
	if ((rc = im_check_duplicates(r, best.col[F_REF])))
		goto out;
	for (i = 0; i < b->n; i++) {
		char *f = im_label_key(b->sheets[i].name);
		int pres = f && strncmp(f, "presentation", 12) == 0;

		free(f);
		if (pres && &b->sheets[i] != sh &&
		    (rc = im_map_presentation(&b->sheets[i], r)))
			goto out;
	}
	if ((rc = im_map_indicators(b, own, sh, o, r)))
		goto out;
	*out = r;
	r = NULL;
out:
	if (rc == ERR_NOMEM)
		err_set(e, rc, "mémoire insuffisante");
out_err:
	flush_infer(&m);
out_early:
	sb_free(&hidden);
	free(hs);
	free(cand);
	free(from);
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
