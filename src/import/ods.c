/*
 * ods.c - OpenDocument spreadsheet (.ods) reader: libzip for the archive,
 * expat for streaming styles.xml then content.xml, into a book of cells
 * carrying what the XLSX reader gives: values, blue fills, strike-through,
 * merged ranges, and sheet visibility.
 *
 * Values by their office:value-type: float, percentage and currency as the
 * number stored (50 % is 0.5, as in an XLSX), date as "YYYY-MM-DD" (or
 * "YYYY-MM-DD HH:MM:SS"), boolean as Oui/Non, others as the text shown:
 * paragraphs (text:p) joined by line breaks, text:s spaces, text:tab,
 * text:line-break; comments (office:annotation) skipped.
 *
 * Repetitions: a row or cell repeated N times (table:number-rows-repeated,
 * table:number-columns-repeated) costs nothing while it is empty, as
 * LibreOffice writes the 1,048,576 rows of a formatted sheet; copies of a
 * non-empty one count against MAX_REPEATED. Spanned cells fill their
 * range with the value of the top-left one (covered cells are what the
 * person does not see).
 *
 * Styles: a cell's style is its own table:style-name, else its row's,
 * else its column's table:default-cell-style-name; fo:background-color
 * and style:text-line-through-style are looked up through the parents
 * (style:parent-style-name) down to the default cell style. A sheet whose
 * table style says table:display="false" is hidden.
 *
 * Defences as for XLSX: entry count, total size and ratio checked before
 * inflating, reading stops at the declared size, DOCTYPE refused.
 */
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "import.h"
#include "import_priv.h"
#include "zipxml.h"

#define MAX_CELL_BYTES	((size_t)MODEL_MAX_TEXT * 4 + 4)
#define MAX_ROW		1048576
#define MAX_COL		16384
#define MAX_MERGED	200000	/* cells filled from spanned ranges, per sheet */
#define MAX_REPEATED	1000000	/* copies of non-empty repeated cells, per sheet */
#define MAX_STYLES	200000
#define MAX_DEPTH	16	/* parents followed */

enum { FAM_OTHER, FAM_CELL, FAM_TABLE };

struct ods_style {
	char *name, *parent;
	int family;
	signed char bg, strike, hidden;	/* -1: not said here */
	signed char r_bg, r_strike;	/* resolved */
};

struct ods {
	zip_t *z;
	const char *name;
	uint64_t budget;
	struct err *e;
	struct ods_style *st;
	size_t n_st, cap_st;
	int sorted;
	signed char def_bg, def_strike;	/* style:default-style */
};

/* A cell of the row being read. */
struct rcell {
	int col;
	char *text;
	int blue, strike, too_long;
};

struct span {
	int r1, c1, r2, c2;
};

struct col_run {
	int first, last;	/* columns [first, last] */
	int style;		/* index in st, -1 */
};

struct ctx {
	struct ods *o;
	XML_Parser p;
	const char *part;
	int failed;
	/* styles */
	int cur;		/* style being read, -1; -2: the default */
	/* tables */
	struct import_book *b;
	struct import_sheet *sh;
	long row;		/* row being read, 1-based */
	int col, row_rep, row_style;
	struct col_run *cols;
	size_t n_cols;
	int n_colidx;		/* next column of table:table-column */
	struct rcell *rc;
	size_t n_rc, cap_rc;
	struct span *sp;
	size_t n_sp;
	size_t repeated;
	/* the cell being read */
	int in_cell, covered, c_rep, c_style, c_rspan, c_cspan;
	char *c_type, *c_value;
	struct strbuf t;
	int t_over, in_p, n_p, in_note;
};

static const char *local_name(const char *n)
{
	const char *c = strrchr(n, ':');

	return c ? c + 1 : n;
}

static const char *attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i]; i += 2)
		if (strcmp(local_name(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* A count attribute (repeated, spanned): 1 when absent or invalid, at
 * most max. */
static int count_attr(const char **atts, const char *name, int max)
{
	const char *v = attr(atts, name);
	char *end;
	long n;

	if (!v)
		return 1;
	n = strtol(v, &end, 10);
	if (end == v || n < 1)
		return 1;
	return n > max ? max : (int)n;
}

static void fail(struct ctx *c, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct ctx *c, int code, const char *fmt, ...)
{
	if (!c->failed) {
		char msg[160];
		va_list ap;

		va_start(ap, fmt);
		vsnprintf(msg, sizeof msg, fmt, ap);
		va_end(ap);
		if (c->sh)
			err_set(c->o->e, code, "%s : feuille « %s », %s",
			    c->o->name, c->sh->name ? c->sh->name : "?", msg);
		else
			err_set(c->o->e, code, "%s : %s", c->o->name, msg);
	}
	c->failed = 1;
	XML_StopParser(c->p, XML_FALSE);
}

static void nomem(struct ctx *c)
{
	if (!c->failed)
		err_nomem(c->o->e);
	c->failed = 1;
	XML_StopParser(c->p, XML_FALSE);
}

/* ---- Styles ---- */

static int st_cmp(const void *a, const void *b)
{
	const struct ods_style *x = a, *y = b;

	if (x->family != y->family)
		return x->family - y->family;
	return strcmp(x->name, y->name);
}

static int st_find(const struct ods *o, int family, const char *name)
{
	struct ods_style key, *f;

	if (!name || !o->sorted || !o->n_st)
		return -1;
	memset(&key, 0, sizeof key);
	key.family = family;
	key.name = (char *)name;
	f = bsearch(&key, o->st, o->n_st, sizeof key, st_cmp);
	return f ? (int)(f - o->st) : -1;
}

/* Sorts the styles by family and name and resolves each through its
 * parents. (Names are unique per family in a document LibreOffice or
 * Excel writes; of duplicates, any one is found.) */
static void st_resolve(struct ods *o)
{
	size_t i;

	o->sorted = 1;
	if (!o->n_st)
		return;	/* qsort of NULL: undefined (fuzz_ods) */
	qsort(o->st, o->n_st, sizeof *o->st, st_cmp);
	for (i = 0; i < o->n_st; i++) {
		const struct ods_style *s = &o->st[i];
		signed char bg = -1, strike = -1;
		int depth, j = (int)i;

		for (depth = 0; j >= 0 && depth < MAX_DEPTH; depth++) {
			s = &o->st[j];
			if (bg < 0)
				bg = s->bg;
			if (strike < 0)
				strike = s->strike;
			j = st_find(o, s->family, s->parent);
		}
		o->st[i].r_bg = bg < 0 ? (o->def_bg > 0) : bg;
		o->st[i].r_strike = strike < 0 ? (o->def_strike > 0) : strike;
	}
}

static void style_start(struct ctx *c, const char *l, const char **atts)
{
	struct ods *o = c->o;

	if (strcmp(l, "style") == 0) {
		const char *n = attr(atts, "name"), *f = attr(atts, "family");
		const char *par = attr(atts, "parent-style-name");
		struct ods_style *s;

		c->cur = -1;
		if (!n || !f || o->sorted)
			return;
		if (o->n_st >= MAX_STYLES) {
			fail(c, ERR_FORMAT, "trop de styles (plus de 200 000)");
			return;
		}
		if (o->n_st == o->cap_st) {
			size_t cap = o->cap_st ? o->cap_st * 2 : 64;

			if (!(s = realloc(o->st, cap * sizeof *s))) {
				nomem(c);
				return;
			}
			o->st = s;
			o->cap_st = cap;
		}
		s = &o->st[o->n_st];
		memset(s, 0, sizeof *s);
		s->bg = s->strike = s->hidden = -1;
		s->family = strcmp(f, "table-cell") == 0 ? FAM_CELL :
		    strcmp(f, "table") == 0 ? FAM_TABLE : FAM_OTHER;
		s->name = xstrdup(n);
		s->parent = par ? xstrdup(par) : NULL;
		if (!s->name || (par && !s->parent)) {
			free(s->name);
			free(s->parent);
			nomem(c);
			return;
		}
		c->cur = (int)o->n_st++;
	} else if (strcmp(l, "default-style") == 0) {
		const char *f = attr(atts, "family");

		c->cur = f && strcmp(f, "table-cell") == 0 ? -2 : -1;
	} else if (strcmp(l, "table-cell-properties") == 0 && c->cur != -1) {
		const char *bg = attr(atts, "background-color");
		int blue;

		if (!bg)
			return;
		blue = bg[0] == '#' && strlen(bg) == 7 &&
		    color_is_blue(0xFF000000u |
		    (uint32_t)strtoul(bg + 1, NULL, 16));
		if (c->cur == -2)
			o->def_bg = (signed char)blue;
		else
			o->st[c->cur].bg = (signed char)blue;
	} else if (strcmp(l, "text-properties") == 0 && c->cur != -1) {
		const char *ls = attr(atts, "text-line-through-style");
		int strike;

		if (!ls)
			return;
		strike = strcmp(ls, "none") != 0;
		if (c->cur == -2)
			o->def_strike = (signed char)strike;
		else
			o->st[c->cur].strike = (signed char)strike;
	} else if (strcmp(l, "table-properties") == 0 && c->cur >= 0) {
		const char *d = attr(atts, "display");

		if (d)
			o->st[c->cur].hidden = strcmp(d, "false") == 0;
	}
}

/* ---- Cells ---- */

static void t_add(struct ctx *c, const char *s, size_t len)
{
	if (c->t_over)
		return;
	if (c->t.len + len > MAX_CELL_BYTES) {
		c->t_over = 1;
		return;
	}
	if (sb_append_n(&c->t, s, len))
		nomem(c);
}

/* The style of column col: -1 when none. */
static int col_style(const struct ctx *c, int col)
{
	size_t i;

	for (i = 0; i < c->n_cols; i++)
		if (col >= c->cols[i].first && col <= c->cols[i].last)
			return c->cols[i].style;
	return -1;
}

static void style_of(const struct ctx *c, int col, int *blue, int *strike)
{
	const struct ods *o = c->o;
	int s = c->c_style >= 0 ? c->c_style : c->row_style >= 0 ?
	    c->row_style : col_style(c, col);

	if (s >= 0) {
		*blue = o->st[s].r_bg;
		*strike = o->st[s].r_strike;
	} else {
		*blue = o->def_bg > 0;
		*strike = o->def_strike > 0;
	}
}

static char *number_text(const char *v)
{
	char *end, buf[64];
	double d = strtod(v, &end);

	if (end == v || *end || !isfinite(d))
		return NULL;
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
		snprintf(buf, sizeof buf, "%lld", (long long)d);
	else
		snprintf(buf, sizeof buf, "%.15g", d);
	return xstrdup(buf);
}

/* "2024-06-30T00:00:00" → "2024-06-30"; with a time, a space for T and
 * no fraction of second. */
static char *date_text(const char *v)
{
	char buf[32];
	size_t n = strcspn(v, ".");

	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, v, n);
	buf[n] = '\0';
	if (n > 10 && buf[10] == 'T') {
		if (strcmp(buf + 10, "T00:00:00") == 0)
			buf[10] = '\0';
		else
			buf[10] = ' ';
	}
	return xstrdup(buf);
}

static int rc_push(struct ctx *c, int col, char *text, int blue, int strike,
    int too_long)
{
	struct rcell *r;

	if (c->n_rc == c->cap_rc) {
		size_t cap = c->cap_rc ? c->cap_rc * 2 : 64;

		if (!(r = realloc(c->rc, cap * sizeof *r)))
			return ERR_NOMEM;
		c->rc = r;
		c->cap_rc = cap;
	}
	r = &c->rc[c->n_rc++];
	r->col = col;
	r->text = text;
	r->blue = blue;
	r->strike = strike;
	r->too_long = too_long;
	return 0;
}

static void cell_end(struct ctx *c)
{
	const char *ty = c->c_type ? c->c_type : "";
	char *text = NULL;
	int too_long = 0, k, blue, strike, first = c->col;

	c->in_cell = 0;
	c->col = c->col + c->c_rep > MAX_COL ? MAX_COL : c->col + c->c_rep;
	if (c->covered || first >= MAX_COL)
		goto out;
	if (c->c_value && (strcmp(ty, "float") == 0 ||
	    strcmp(ty, "percentage") == 0 || strcmp(ty, "currency") == 0)) {
		if (!(text = number_text(c->c_value))) {
			char col[8];

			fail(c, ERR_FORMAT, "cellule %s%ld : nombre invalide",
			    import_col_letters(first, col), c->row);
			goto out;
		}
	} else if (c->c_value && strcmp(ty, "boolean") == 0) {
		if (!(text = xstrdup(strcmp(c->c_value, "true") == 0 ?
		    "Oui" : "Non")))
			goto nomem;
	} else if (c->c_value && strcmp(ty, "date") == 0 &&
	    (text = date_text(c->c_value))) {
		;	/* else the text shown */
	} else {
		if (c->t_over || utf8_len(sb_str(&c->t)) > MODEL_MAX_TEXT) {
			too_long = 1;
			sb_reset(&c->t);
		}
		if (!c->t.len && !too_long && c->c_value &&
		    strcmp(ty, "string") == 0 &&
		    strlen(c->c_value) <= MAX_CELL_BYTES)
			sb_append(&c->t, c->c_value);
		if ((c->t.len || too_long) && !(text = xstrdup(sb_str(&c->t))))
			goto nomem;
	}
	style_of(c, first, &blue, &strike);
	if (!text) {
		/* empty: kept only for its fill, and not when repeated */
		if (!blue || c->c_rep > 1)
			goto out;
		if (!(text = xstrdup("")))
			goto nomem;
	}
	if (c->c_rspan > 1 || c->c_cspan > 1) {
		struct span *v = realloc(c->sp, (c->n_sp + 1) * sizeof *v);

		if (!v) {
			free(text);
			goto nomem;
		}
		c->sp = v;
		v[c->n_sp].r1 = (int)c->row;
		v[c->n_sp].c1 = first;
		v[c->n_sp].r2 = (int)(c->row + c->c_rspan - 1 > MAX_ROW ?
		    MAX_ROW : c->row + c->c_rspan - 1);
		v[c->n_sp].c2 = first + c->c_cspan - 1 >= MAX_COL ?
		    MAX_COL - 1 : first + c->c_cspan - 1;
		c->n_sp++;
	}
	for (k = 0; k < c->c_rep && first + k < MAX_COL; k++) {
		char *t = k ? xstrdup(text) : text;

		if (k && ++c->repeated > MAX_REPEATED) {
			free(t);
			fail(c, ERR_FORMAT, "cellules répétées trop nombreuses "
			    "(plus d'un million)");
			goto out;
		}
		if (!t || rc_push(c, first + k, t, blue, strike, too_long)) {
			if (!k)
				text = NULL;
			free(t);
			goto nomem;
		}
	}
	goto out;
nomem:
	nomem(c);
out:
	free(c->c_type);
	free(c->c_value);
	c->c_type = c->c_value = NULL;
	sb_reset(&c->t);
}

static void row_end(struct ctx *c)
{
	size_t i;
	int k;

	for (k = 0; k < c->row_rep && c->n_rc && !c->failed; k++) {
		long r = c->row + k;

		if (r > MAX_ROW)
			break;
		for (i = 0; i < c->n_rc; i++) {
			struct rcell *x = &c->rc[i];
			char *t;
			int rc;

			/* an empty cell is kept for its fill: not copied */
			if (k && !x->text[0])
				continue;
			t = xstrdup(x->text);
			if (k && ++c->repeated > MAX_REPEATED) {
				free(t);
				fail(c, ERR_FORMAT, "lignes répétées trop "
				    "nombreuses (plus d'un million de "
				    "cellules)");
				break;
			}
			if (!t) {
				nomem(c);
				break;
			}
			if ((rc = ib_add_cell(c->sh, (int)r, x->col, t, x->blue,
			    x->too_long))) {
				free(t);
				if (rc == ERR_NOMEM)
					nomem(c);
				else
					fail(c, ERR_INVALID, "trop de cellules");
				break;
			}
			c->sh->cells[c->sh->n - 1].strike = x->strike;
		}
	}
	for (i = 0; i < c->n_rc; i++)
		free(c->rc[i].text);
	c->n_rc = 0;
	c->row += c->row_rep;
	if (c->row > MAX_ROW + 1L)
		c->row = MAX_ROW + 1L;
}

/* Fills each spanned range with the value of its top-left cell. */
static void apply_spans(struct ctx *c)
{
	struct import_sheet *sh = c->sh, tmp;
	size_t i, added = 0, n0;
	int r, k;

	ib_sort(sh);
	n0 = sh->n;
	for (i = 0; i < c->n_sp && !c->failed; i++) {
		const struct span *g = &c->sp[i];
		const struct import_cell *tl;
		char *text;
		int blue, tlong, strike;

		tmp = *sh;
		tmp.n = n0;
		if (!(tl = import_sheet_cell(&tmp, g->r1, g->c1)))
			continue;
		blue = tl->blue;
		tlong = tl->too_long;
		strike = tl->strike;
		if (!(text = xstrdup(tl->text))) {
			nomem(c);
			return;
		}
		for (r = g->r1; r <= g->r2 && !c->failed; r++) {
			for (k = g->c1; k <= g->c2; k++) {
				char *t;

				if (r == g->r1 && k == g->c1)
					continue;
				tmp = *sh;
				tmp.n = n0;
				if (import_sheet_cell(&tmp, r, k))
					continue;
				if (++added > MAX_MERGED) {
					fail(c, ERR_FORMAT, "cellules "
					    "fusionnées trop étendues");
					break;
				}
				if (!(t = xstrdup(text)) ||
				    ib_add_cell(sh, r, k, t, blue, tlong)) {
					free(t);
					nomem(c);
					break;
				}
				sh->cells[sh->n - 1].strike = strike;
			}
		}
		free(text);
	}
	ib_sort(sh);
}

static void table_end(struct ctx *c)
{
	if (!c->sh)
		return;
	if (!c->failed)
		apply_spans(c);
	else
		ib_sort(c->sh);
	free(c->cols);
	c->cols = NULL;
	c->n_cols = 0;
	free(c->sp);
	c->sp = NULL;
	c->n_sp = 0;
	c->sh = NULL;
}

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ctx *c = ud;
	const char *l = local_name(name);

	if (c->failed)
		return;
	if (c->in_note) {
		c->in_note += strcmp(l, "annotation") == 0;
		return;
	}
	if (c->in_cell) {
		if (strcmp(l, "annotation") == 0) {
			c->in_note = 1;
		} else if (strcmp(l, "p") == 0 || strcmp(l, "h") == 0) {
			if (c->n_p++)
				t_add(c, "\n", 1);
			c->in_p++;
		} else if (strcmp(l, "s") == 0 && c->in_p) {
			int n = count_attr(atts, "c", (int)MAX_CELL_BYTES + 1);

			while (n-- > 0 && !c->t_over)
				t_add(c, " ", 1);
		} else if (strcmp(l, "tab") == 0 && c->in_p) {
			t_add(c, "\t", 1);
		} else if (strcmp(l, "line-break") == 0 && c->in_p) {
			t_add(c, "\n", 1);
		}
		return;
	}
	if (strcmp(l, "body") == 0 && !c->o->sorted) {
		st_resolve(c->o);
	} else if (strcmp(l, "table") == 0 && c->o->sorted) {
		const char *n = attr(atts, "name");
		int s = st_find(c->o, FAM_TABLE, attr(atts, "style-name"));

		table_end(c);
		if (!(c->sh = ib_add_sheet(c->b, n ? n : "?"))) {
			nomem(c);
			return;
		}
		c->sh->hidden = s >= 0 && c->o->st[s].hidden > 0;
		c->row = 1;
		c->n_colidx = 0;
		c->repeated = 0;
	} else if (!c->sh) {
		style_start(c, l, atts);
	} else if (strcmp(l, "table-column") == 0) {
		int rep = count_attr(atts, "number-columns-repeated", MAX_COL);
		int s = st_find(c->o, FAM_CELL,
		    attr(atts, "default-cell-style-name"));
		struct col_run *v;

		if (s >= 0 && c->n_colidx < MAX_COL) {
			if (!(v = realloc(c->cols, (c->n_cols + 1) *
			    sizeof *v))) {
				nomem(c);
				return;
			}
			c->cols = v;
			v[c->n_cols].first = c->n_colidx;
			v[c->n_cols].last = c->n_colidx + rep - 1;
			v[c->n_cols].style = s;
			c->n_cols++;
		}
		c->n_colidx += rep;
		if (c->n_colidx > MAX_COL)
			c->n_colidx = MAX_COL;
	} else if (strcmp(l, "table-row") == 0) {
		size_t i;

		c->row_rep = count_attr(atts, "number-rows-repeated", MAX_ROW);
		c->row_style = st_find(c->o, FAM_CELL,
		    attr(atts, "default-cell-style-name"));
		c->col = 0;
		for (i = 0; i < c->n_rc; i++)	/* a row inside a row */
			free(c->rc[i].text);
		c->n_rc = 0;
	} else if (strcmp(l, "table-cell") == 0 ||
	    strcmp(l, "covered-table-cell") == 0) {
		const char *ty = attr(atts, "value-type");
		const char *v = NULL;

		c->in_cell = 1;
		c->covered = l[0] == 'c';
		c->c_rep = count_attr(atts, "number-columns-repeated", MAX_COL);
		c->c_rspan = count_attr(atts, "number-rows-spanned", MAX_ROW);
		c->c_cspan = count_attr(atts, "number-columns-spanned",
		    MAX_COL);
		c->c_style = st_find(c->o, FAM_CELL, attr(atts, "style-name"));
		if (ty && strcmp(ty, "date") == 0)
			v = attr(atts, "date-value");
		else if (ty && strcmp(ty, "boolean") == 0)
			v = attr(atts, "boolean-value");
		else if (ty && strcmp(ty, "string") == 0)
			v = attr(atts, "string-value");
		else if (ty)
			v = attr(atts, "value");
		c->c_type = ty ? xstrdup(ty) : NULL;
		c->c_value = v ? xstrdup(v) : NULL;
		if ((ty && !c->c_type) || (v && !c->c_value))
			nomem(c);
		sb_reset(&c->t);
		c->t_over = 0;
		c->n_p = 0;
		c->in_p = 0;
	}
}

static void on_end(void *ud, const XML_Char *name)
{
	struct ctx *c = ud;
	const char *l = local_name(name);

	if (c->failed)
		return;
	if (c->in_note) {
		c->in_note -= strcmp(l, "annotation") == 0;
		return;
	}
	if (c->in_cell) {
		if ((strcmp(l, "p") == 0 || strcmp(l, "h") == 0) && c->in_p)
			c->in_p--;
		else if (strcmp(l, "table-cell") == 0 ||
		    strcmp(l, "covered-table-cell") == 0)
			cell_end(c);
		return;
	}
	if (strcmp(l, "style") == 0 || strcmp(l, "default-style") == 0)
		c->cur = -1;
	else if (strcmp(l, "table-row") == 0 && c->sh)
		row_end(c);
	else if (strcmp(l, "table") == 0)
		table_end(c);
}

static void on_chars(void *ud, const XML_Char *s, int len)
{
	struct ctx *c = ud;

	if (c->in_cell && c->in_p && !c->in_note && !c->failed)
		t_add(c, s, (size_t)len);
}

static void doctype_refused(void *ud, const XML_Char *name,
    const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
	struct ctx *c = ud;

	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	err_set(c->o->e, ERR_FORMAT, "%s : partie %s refusée (déclaration "
	    "DOCTYPE : un classeur n'en contient pas)", c->o->name, c->part);
	c->failed = 1;
	XML_StopParser(c->p, XML_FALSE);
}

/* Streams one part through the handlers. ERR_NOTFOUND when absent. */
static int read_part(struct ods *o, const char *part, struct ctx *c)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	XML_Parser p = NULL;
	zip_int64_t idx = zip_name_locate(o->z, part, 0);
	int rc = 0;

	if (idx < 0)
		return ERR_NOTFOUND;
	if (zip_stat_index(o->z, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(f = zip_fopen_index(o->z, (zip_uint64_t)idx, 0)))
		return err_set(o->e, ERR_FORMAT, "%s : partie %s illisible "
		    "(%s)", o->name, part, err_fr_zip(zip_error_code_zip(
		    zip_get_error(o->z)), zip_error_code_system(
		    zip_get_error(o->z))));
	if (!(p = XML_ParserCreate(NULL))) {
		rc = err_nomem(o->e);
		goto out;
	}
	c->o = o;
	c->p = p;
	c->part = part;
	c->failed = 0;
	c->cur = -1;
	XML_SetUserData(p, c);
	XML_SetElementHandler(p, on_start, on_end);
	XML_SetCharacterDataHandler(p, on_chars);
	XML_SetStartDoctypeDeclHandler(p, doctype_refused);
	rc = im_zip_xml_feed(f, st.size, p, &c->failed, &o->budget, o->name,
	    part, o->e);
out:
	if (p)
		XML_ParserFree(p);
	zip_fclose(f);
	return rc;
}

static int check_bomb(struct ods *o)
{
	zip_int64_t n = zip_get_num_entries(o->z, 0), i;
	uint64_t total = 0;

	if (n > IMPORT_MAX_ENTRIES)
		return err_set(o->e, ERR_FORMAT, "%s : archive refusée (%lld "
		    "éléments, %d au plus) : ce n'est pas un classeur normal",
		    o->name, (long long)n, IMPORT_MAX_ENTRIES);
	for (i = 0; i < n; i++) {
		zip_stat_t st;

		if (zip_stat_index(o->z, (zip_uint64_t)i, 0, &st) != 0)
			return err_set(o->e, ERR_FORMAT, "%s : archive zip "
			    "abîmée (élément %lld illisible)", o->name,
			    (long long)i);
		total += st.size;
		if (total > IMPORT_MAX_UNZIPPED ||
		    (st.size > (1u << 20) && st.comp_size > 0 &&
		    st.size / st.comp_size > IMPORT_MAX_RATIO))
			return err_set(o->e, ERR_FORMAT, "%s : archive refusée "
			    "(« bombe zip » : %s se décompresse en %llu octets "
			    "pour %llu compressés ; limite totale %u Mo)",
			    o->name, st.name, (unsigned long long)st.size,
			    (unsigned long long)st.comp_size,
			    IMPORT_MAX_UNZIPPED >> 20);
	}
	o->budget = total;
	return 0;
}

static void ctx_free(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->n_rc; i++)
		free(c->rc[i].text);
	free(c->rc);
	free(c->cols);
	free(c->sp);
	free(c->c_type);
	free(c->c_value);
	sb_free(&c->t);
}

int import_read_ods_mem(const void *data, size_t len, const char *name,
    struct import_book **out, struct err *e)
{
	struct ods o;
	struct ctx c;
	zip_source_t *src;
	zip_error_t ze;
	size_t i;
	int rc = 0;

	memset(&o, 0, sizeof o);
	memset(&c, 0, sizeof c);
	o.e = e;
	o.name = name ? name : "classeur";
	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(len ? data : "", len, 0, &ze))) {
		zip_error_fini(&ze);
		return err_nomem(e);
	}
	if (!(o.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze))) {
		rc = err_set(e, ERR_FORMAT, "%s : classeur ODS illisible "
		    "(archive zip abîmée, tronquée ou d'un autre format : %s)",
		    o.name, err_fr_zip(zip_error_code_zip(&ze), 0));
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	if ((rc = check_bomb(&o)))
		goto out;
	if (!(c.b = calloc(1, sizeof *c.b)) ||
	    !(c.b->file = xstrdup(o.name))) {
		rc = err_nomem(e);
		goto out;
	}
	c.b->format = IMPORT_FMT_ODS;
	/* the named styles first: content.xml's automatic ones use them */
	rc = read_part(&o, "styles.xml", &c);
	if (rc && rc != ERR_NOTFOUND)
		goto out;
	if ((rc = read_part(&o, "content.xml", &c))) {
		if (rc == ERR_NOTFOUND)
			rc = err_set(e, ERR_FORMAT, "%s : ce n'est pas un "
			    "classeur ODS (pas de content.xml)", o.name);
		goto out;
	}
	table_end(&c);
	if (!c.b->n) {
		rc = err_set(e, ERR_FORMAT, "%s : le classeur ne contient "
		    "aucune feuille de calcul", o.name);
		goto out;
	}
	*out = c.b;
	c.b = NULL;
out:
	if (c.sh)
		ib_sort(c.sh);
	ctx_free(&c);
	import_book_free(&c.b);
	for (i = 0; i < o.n_st; i++) {
		free(o.st[i].name);
		free(o.st[i].parent);
	}
	free(o.st);
	zip_discard(o.z);
	return rc;
}
