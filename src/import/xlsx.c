/*
 * xlsx.c - XLSX reader: libzip for the archive, expat for streaming the
 * XML parts, into a book of cells.
 *
 * Reads the workbook (sheet names and their parts through the
 * relationships, and which are hidden), the shared strings (rich text runs
 * joined, phonetic runs skipped), the cell formats of styles.xml (to know
 * which cells are filled blue or struck through) and each worksheet: shared and inline strings, numbers, booleans,
 * formula results, merged ranges (the top-left value fills the range).
 *
 * Defences: archives with too many entries, too large an uncompressed size
 * or an absurd compression ratio are refused before anything is inflated,
 * and reading stops at the declared sizes; DOCTYPEs (entity expansion) are
 * refused; a text longer than a spreadsheet cell is dropped and flagged.
 * Never a home-made inflate or XML parser.
 */
#include <expat.h>
#include <math.h>
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
#define MAX_MERGED	200000	/* cells filled from merged ranges, per sheet */

struct xlsx {
	zip_t *z;
	const char *name;	/* base name, for messages */
	uint64_t budget;	/* bytes we still accept to inflate */
	char **sst;		/* shared strings; NULL entry: too long */
	size_t n_sst, cap_sst;
	unsigned char *xf_blue;	/* per cellXfs index */
	unsigned char *xf_strike;	/* per cellXfs index */
	size_t n_xf;
	struct err *e;
};

/* ---- Small helpers ---- */

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

/* "B12" → col 1, row 12. */
/* libzip's messages are English: the user reads these instead. */
static int parse_ref(const char *r, int *row, int *col)
{
	long c = 0, w = 0;

	while (*r >= 'A' && *r <= 'Z') {
		c = c * 26 + (*r++ - 'A' + 1);
		if (c > MAX_COL)
			return -1;
	}
	if (*r == '$')
		r++;
	while (*r >= '0' && *r <= '9') {
		w = w * 10 + (*r++ - '0');
		if (w > MAX_ROW)
			return -1;
	}
	if (*r || c < 1 || w < 1)
		return -1;
	*row = (int)w;
	*col = (int)c - 1;
	return 0;
}

/* Text being accumulated: stops growing beyond a spreadsheet cell. */
struct acc {
	struct strbuf sb;
	int overflow;
	int on;
};

static void acc_add(struct acc *a, const char *s, int len)
{
	if (!a->on || a->overflow)
		return;
	if (a->sb.len + (size_t)len > MAX_CELL_BYTES) {
		a->overflow = 1;
		return;
	}
	sb_append_n(&a->sb, s, (size_t)len);
}

/* 1 when the accumulated text is too long for a cell. */
static int acc_too_long(const struct acc *a)
{
	return a->overflow || utf8_len(sb_str(&a->sb)) > MODEL_MAX_TEXT;
}

/* ---- Reading a part ---- */

struct part_ctx {
	struct xlsx *x;
	XML_Parser p;
	const char *part;
	int failed;		/* a handler set x->e */
};

static void doctype_refused(void *ud, const XML_Char *name,
    const XML_Char *sysid, const XML_Char *pubid, int has_internal)
{
	struct part_ctx *pc = ud;

	(void)name; (void)sysid; (void)pubid; (void)has_internal;
	err_set(pc->x->e, ERR_FORMAT, "%s : partie %s refusée (déclaration "
	    "DOCTYPE : un classeur n'en contient pas)", pc->x->name, pc->part);
	pc->failed = 1;
	XML_StopParser(pc->p, XML_FALSE);
}

/* Streams one part through expat with the given handlers. A missing part
 * is ERR_NOTFOUND (optional parts are skipped by the caller). */
static int read_part(struct xlsx *x, const char *part,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler chars, void *ud, struct part_ctx *pc)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	XML_Parser p = NULL;
	zip_int64_t idx = zip_name_locate(x->z, part, 0);
	int rc = 0;

	if (idx < 0)
		return err_set(x->e, ERR_NOTFOUND, "%s : partie %s absente du "
		    "classeur", x->name, part);
	if (zip_stat_index(x->z, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0)))
		return err_set(x->e, ERR_FORMAT, "%s : partie %s illisible "
		    "(%s)", x->name, part, err_fr_zip(zip_error_code_zip(
		    zip_get_error(x->z)), zip_error_code_system(
		    zip_get_error(x->z))));
	if (!(p = XML_ParserCreate(NULL))) {
		rc = err_nomem(x->e);
		goto out;
	}
	pc->x = x;
	pc->p = p;
	pc->part = part;
	pc->failed = 0;
	XML_SetUserData(p, ud);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetStartDoctypeDeclHandler(p, doctype_refused);
	rc = im_zip_xml_feed(f, st.size, p, &pc->failed, &x->budget, x->name,
	    part, x->e);
out:
	if (p)
		XML_ParserFree(p);
	zip_fclose(f);
	return rc;
}

/* ---- Relationships ---- */

struct rel {
	char *id, *type, *target;
};

struct rels_ctx {
	struct part_ctx pc;
	struct rel *r;
	size_t n;
};

static void rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels_ctx *c = ud;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
	const char *ty = attr(atts, "Type");
	struct rel *r;

	if (strcmp(local_name(name), "Relationship") != 0 || !id || !t)
		return;
	if (!(r = realloc(c->r, (c->n + 1) * sizeof *r)))
		return;
	c->r = r;
	r[c->n].id = xstrdup(id);
	r[c->n].type = xstrdup(ty ? ty : "");
	r[c->n].target = xstrdup(t);
	c->n++;
}

static void rels_free(struct rels_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->r[i].id);
		free(c->r[i].type);
		free(c->r[i].target);
	}
	free(c->r);
	c->r = NULL;
	c->n = 0;
}

static void no_end(void *ud, const XML_Char *name)
{
	(void)ud;
	(void)name;
}

/* Resolves target relative to the directory of base ("xl/workbook.xml"). */
static char *resolve(const char *base, const char *target)
{
	struct strbuf sb = {0};
	const char *slash = strrchr(base, '/');

	if (target[0] == '/')
		return xstrdup(target + 1);
	if (slash)
		sb_append_n(&sb, base, (size_t)(slash - base + 1));
	while (strncmp(target, "../", 3) == 0) {
		char *b = sb.buf;
		size_t l = sb.len;

		target += 3;
		if (l)
			l--;
		while (l && b[l - 1] != '/')
			l--;
		sb.len = l;
		if (b)
			b[l] = '\0';
	}
	sb_append(&sb, target);
	return sb_steal(&sb);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* ---- Workbook ---- */

struct wb_sheet {
	char *name, *rid;
	int hidden;		/* state="hidden" or "veryHidden" */
};

struct wb_ctx {
	struct part_ctx pc;
	struct wb_sheet *s;
	size_t n;
};

static void wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct wb_ctx *c = ud;
	const char *n = attr(atts, "name"), *id = attr(atts, "id");
	struct wb_sheet *s;

	if (strcmp(local_name(name), "sheet") != 0 || !n || !id)
		return;
	if (!(s = realloc(c->s, (c->n + 1) * sizeof *s)))
		return;
	c->s = s;
	s[c->n].name = xstrdup(n);
	s[c->n].rid = xstrdup(id);
	s[c->n].hidden = attr(atts, "state") &&
	    strcmp(attr(atts, "state"), "visible") != 0;
	c->n++;
}

/* ---- Shared strings ---- */

struct sst_ctx {
	struct part_ctx pc;
	struct acc acc;
	int in_si, in_rph;
};

static void sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sst_ctx *c = ud;
	const char *l = local_name(name);

	(void)atts;
	if (strcmp(l, "si") == 0) {
		c->in_si = 1;
		sb_reset(&c->acc.sb);
		c->acc.overflow = 0;
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph = 1;
	} else if (strcmp(l, "t") == 0 && c->in_si && !c->in_rph) {
		c->acc.on = 1;
	}
}

static void sst_end(void *ud, const XML_Char *name)
{
	struct sst_ctx *c = ud;
	struct xlsx *x = c->pc.x;
	const char *l = local_name(name);

	if (strcmp(l, "t") == 0) {
		c->acc.on = 0;
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph = 0;
	} else if (strcmp(l, "si") == 0) {
		char *t = NULL;

		c->in_si = 0;
		if (x->n_sst == x->cap_sst) {
			size_t cap = x->cap_sst ? x->cap_sst * 2 : 256;
			char **v = realloc(x->sst, cap * sizeof *v);

			if (!v)
				goto nomem;
			x->sst = v;
			x->cap_sst = cap;
		}
		if (!acc_too_long(&c->acc) && !(t = xstrdup(sb_str(&c->acc.sb))))
			goto nomem;
		x->sst[x->n_sst++] = t;	/* NULL: too long */
	}
	return;
nomem:
	err_nomem(x->e);
	c->pc.failed = 1;
	XML_StopParser(c->pc.p, XML_FALSE);
}

static void sst_chars(void *ud, const XML_Char *s, int len)
{
	struct sst_ctx *c = ud;

	acc_add(&c->acc, s, len);
}

/* ---- Styles: which cell formats are filled blue ---- */

struct sty_ctx {
	struct part_ctx pc;
	unsigned char *fill_blue;
	size_t n_fill;
	unsigned char *font_strike;
	size_t n_font;
	int in_fills, in_fill, in_xfs, in_pattern_solid, in_fonts, in_font;
	unsigned char *xf, *xf_strike;
	size_t n_xf;
};

static int indexed_blue(long i)
{
	/* blues of the legacy 56-colour palette */
	return i == 12 || i == 30 || i == 40 || i == 44 || i == 48 || i == 54;
}

static void sty_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sty_ctx *c = ud;
	const char *l = local_name(name);

	if (strcmp(l, "fonts") == 0) {
		c->in_fonts = 1;
	} else if (strcmp(l, "font") == 0 && c->in_fonts) {
		unsigned char *v = realloc(c->font_strike, c->n_font + 1);

		if (!v)
			return;
		c->font_strike = v;
		v[c->n_font++] = 0;
		c->in_font = 1;
	} else if (strcmp(l, "strike") == 0 && c->in_font && c->n_font) {
		const char *v = attr(atts, "val");

		c->font_strike[c->n_font - 1] = !v || (strcmp(v, "0") != 0 &&
		    strcmp(v, "false") != 0);
	} else if (strcmp(l, "fills") == 0) {
		c->in_fills = 1;
	} else if (strcmp(l, "fill") == 0 && c->in_fills) {
		unsigned char *v = realloc(c->fill_blue, c->n_fill + 1);

		if (!v)
			return;
		c->fill_blue = v;
		v[c->n_fill++] = 0;
		c->in_fill = 1;
	} else if (strcmp(l, "patternFill") == 0 && c->in_fill) {
		const char *t = attr(atts, "patternType");

		c->in_pattern_solid = t && strcmp(t, "none") != 0 &&
		    strcmp(t, "gray125") != 0 && strcmp(t, "gray0625") != 0;
	} else if (strcmp(l, "fgColor") == 0 && c->in_fill &&
	    c->in_pattern_solid && c->n_fill) {
		const char *rgb = attr(atts, "rgb"), *th = attr(atts, "theme");
		const char *ix = attr(atts, "indexed");
		int blue = 0;

		if (rgb && strlen(rgb) >= 6)
			blue = color_is_blue((uint32_t)strtoul(rgb, NULL, 16));
		else if (th)
			blue = atoi(th) == 4 || atoi(th) == 8;
		else if (ix)
			blue = indexed_blue(strtol(ix, NULL, 10));
		c->fill_blue[c->n_fill - 1] = (unsigned char)blue;
	} else if (strcmp(l, "cellXfs") == 0) {
		c->in_xfs = 1;
	} else if (strcmp(l, "xf") == 0 && c->in_xfs) {
		const char *f = attr(atts, "fillId");
		const char *fo = attr(atts, "fontId");
		unsigned char *v = realloc(c->xf, c->n_xf + 1);
		unsigned char *w;
		long id = f ? strtol(f, NULL, 10) : 0;
		long fid = fo ? strtol(fo, NULL, 10) : 0;

		if (!v)
			return;
		c->xf = v;
		if (!(w = realloc(c->xf_strike, c->n_xf + 1)))
			return;
		c->xf_strike = w;
		w[c->n_xf] = fid >= 0 && (size_t)fid < c->n_font ?
		    c->font_strike[fid] : 0;
		v[c->n_xf++] = id >= 0 && (size_t)id < c->n_fill ?
		    c->fill_blue[id] : 0;
	}
}

static void sty_end(void *ud, const XML_Char *name)
{
	struct sty_ctx *c = ud;
	const char *l = local_name(name);

	if (strcmp(l, "fonts") == 0)
		c->in_fonts = 0;
	else if (strcmp(l, "font") == 0)
		c->in_font = 0;
	else if (strcmp(l, "fills") == 0)
		c->in_fills = 0;
	else if (strcmp(l, "fill") == 0)
		c->in_fill = 0;
	else if (strcmp(l, "cellXfs") == 0)
		c->in_xfs = 0;
}

static void no_chars(void *ud, const XML_Char *s, int len)
{
	(void)ud; (void)s; (void)len;
}

/* ---- Worksheets ---- */

struct range {
	int r1, c1, r2, c2;
};

struct ws_ctx {
	struct part_ctx pc;
	struct acc acc;
	struct import_sheet *sh;
	int row, col;		/* current row; next column */
	int row_blue;		/* style of the row applies to unstyled cells */
	int c_row, c_col, c_blue, c_strike;
	char c_type[16];
	int in_c, in_v, in_is, in_rph;
	struct range *m;
	size_t n_m;
};

static void ws_fail(struct ws_ctx *c, int code, const char *msg)
{
	if (!c->pc.failed)
		err_set(c->pc.x->e, code, "%s : feuille « %s », %s",
		    c->pc.x->name, c->sh->name ? c->sh->name : "?", msg);
	c->pc.failed = 1;
	XML_StopParser(c->pc.p, XML_FALSE);
}

static int style_blue(struct xlsx *x, const char *s)
{
	long i = s ? strtol(s, NULL, 10) : -1;

	return i >= 0 && (size_t)i < x->n_xf && x->xf_blue[i];
}

static int style_strike(struct xlsx *x, const char *s)
{
	long i = s ? strtol(s, NULL, 10) : -1;

	return i >= 0 && (size_t)i < x->n_xf && x->xf_strike &&
	    x->xf_strike[i];
}

static void ws_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct ws_ctx *c = ud;
	const char *l = local_name(name);

	if (strcmp(l, "row") == 0) {
		const char *r = attr(atts, "r"), *cf = attr(atts, "customFormat");
		/* strtol and a range, not atoi: "4294967297" is no row 1. */
		long n = r ? strtol(r, NULL, 10) : c->row + 1L;

		c->row = n >= 1 && n <= MAX_ROW ? (int)n : 0;
		if (c->row < 1 || c->row > MAX_ROW)
			ws_fail(c, ERR_FORMAT, "numéro de ligne invalide");
		c->col = 0;
		c->row_blue = cf && (strcmp(cf, "1") == 0 ||
		    strcmp(cf, "true") == 0) && style_blue(c->pc.x,
		    attr(atts, "s"));
	} else if (strcmp(l, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t");
		const char *s = attr(atts, "s");

		if (r) {
			if (parse_ref(r, &c->c_row, &c->c_col)) {
				ws_fail(c, ERR_FORMAT, "référence de cellule "
				    "invalide");
				return;
			}
		} else {
			c->c_row = c->row ? c->row : 1;
			c->c_col = c->col;
		}
		c->col = c->c_col + 1;
		if (!t || strlen(t) >= sizeof c->c_type)
			t = t ? "" : "n";	/* too long: no known type */
		memcpy(c->c_type, t, strlen(t) + 1);
		c->c_blue = s ? style_blue(c->pc.x, s) : c->row_blue;
		c->c_strike = style_strike(c->pc.x, s);
		c->in_c = 1;
		sb_reset(&c->acc.sb);
		c->acc.overflow = 0;
	} else if (strcmp(l, "v") == 0 && c->in_c) {
		c->in_v = 1;
		c->acc.on = 1;
	} else if (strcmp(l, "is") == 0 && c->in_c) {
		c->in_is = 1;
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph = 1;
	} else if (strcmp(l, "t") == 0 && c->in_is && !c->in_rph) {
		c->acc.on = 1;
	} else if (strcmp(l, "mergeCell") == 0) {
		const char *ref = attr(atts, "ref");
		char a[32], *colon;
		struct range g, *v;

		if (!ref || strlen(ref) >= sizeof a)
			return;
		snprintf(a, sizeof a, "%s", ref);
		if (!(colon = strchr(a, ':')))
			return;
		*colon = '\0';
		if (parse_ref(a, &g.r1, &g.c1) ||
		    parse_ref(colon + 1, &g.r2, &g.c2) || g.r2 < g.r1 ||
		    g.c2 < g.c1) {
			ws_fail(c, ERR_FORMAT, "fusion de cellules invalide");
			return;
		}
		if (!(v = realloc(c->m, (c->n_m + 1) * sizeof *v)))
			return;
		c->m = v;
		v[c->n_m++] = g;
	}
}

/* Turns the raw value of the current cell into its text. */
static int cell_text(struct ws_ctx *c, char **out, int *too_long)
{
	struct xlsx *x = c->pc.x;
	const char *raw = sb_str(&c->acc.sb);

	*too_long = 0;
	if (strcmp(c->c_type, "s") == 0) {
		char *end;
		long i = strtol(raw, &end, 10);

		if (end == raw || *end || i < 0 || (size_t)i >= x->n_sst)
			return ERR_FORMAT;
		if (!x->sst[i]) {
			*too_long = 1;
			*out = xstrdup("");
		} else {
			*out = xstrdup(x->sst[i]);
		}
	} else if (strcmp(c->c_type, "b") == 0) {
		*out = xstrdup(strcmp(raw, "1") == 0 ? "Oui" : "Non");
	} else if (strcmp(c->c_type, "n") == 0 && *raw) {
		char *end, buf[64];
		double d = strtod(raw, &end);

		if (*end || !isfinite(d))
			return ERR_FORMAT;
		/* range first: converting a double beyond long long is
		 * undefined (found by fuzz_xlsx with 2e30) */
		if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
			snprintf(buf, sizeof buf, "%lld", (long long)d);
		else
			snprintf(buf, sizeof buf, "%.15g", d);
		*out = xstrdup(buf);
	} else {
		if (acc_too_long(&c->acc)) {
			*too_long = 1;
			raw = "";
		}
		*out = xstrdup(raw);
	}
	return *out ? 0 : ERR_NOMEM;
}

static void ws_chars(void *ud, const XML_Char *s, int len)
{
	struct ws_ctx *c = ud;

	acc_add(&c->acc, s, len);
}

static void ws_end(void *ud, const XML_Char *name)
{
	struct ws_ctx *c = ud;
	const char *l = local_name(name);

	if (strcmp(l, "v") == 0) {
		c->in_v = 0;
		c->acc.on = 0;
	} else if (strcmp(l, "t") == 0 && c->in_is) {
		c->acc.on = 0;
	} else if (strcmp(l, "rPh") == 0) {
		c->in_rph = 0;
	} else if (strcmp(l, "is") == 0) {
		c->in_is = 0;
	} else if (strcmp(l, "c") == 0 && c->in_c) {
		char *t = NULL;
		int too_long, rc;

		c->in_c = 0;
		if (!c->acc.sb.len && !c->acc.overflow) {
			/* empty cell: kept only for its fill */
			if (!c->c_blue)
				return;
			t = xstrdup("");
			too_long = 0;
			rc = t ? 0 : ERR_NOMEM;
		} else {
			rc = cell_text(c, &t, &too_long);
		}
		if (rc == ERR_FORMAT) {
			char msg[64], col[8];

			snprintf(msg, sizeof msg, "cellule %s%d : valeur "
			    "invalide", import_col_letters(c->c_col, col),
			    c->c_row);
			ws_fail(c, ERR_FORMAT, msg);
			return;
		}
		if (!rc && (rc = ib_add_cell(c->sh, c->c_row, c->c_col, t,
		    c->c_blue, too_long)))
			free(t);
		else if (!rc)
			c->sh->cells[c->sh->n - 1].strike = c->c_strike;
		if (rc)
			ws_fail(c, rc, rc == ERR_NOMEM ? "mémoire insuffisante" :
			    "trop de cellules");
	}
}

/* Fills each merged range with the value of its top-left cell. */
static int apply_merges(struct ws_ctx *c, struct err *e)
{
	struct import_sheet *sh = c->sh;
	size_t i, added = 0, n0;
	int r, k, rc;

	ib_sort(sh);
	n0 = sh->n;
	for (i = 0; i < c->n_m; i++) {
		const struct range *g = &c->m[i];
		const struct import_cell *tl;
		char *text;
		int blue, tlong, strike;

		/* the cells array may move: copy what we need */
		{
			struct import_sheet tmp = *sh;

			tmp.n = n0;
			tl = import_sheet_cell(&tmp, g->r1, g->c1);
		}
		if (!tl)
			continue;
		blue = tl->blue;
		tlong = tl->too_long;
		strike = tl->strike;
		if (!(text = xstrdup(tl->text)))
			return err_nomem(e);
		for (r = g->r1; r <= g->r2; r++) {
			for (k = g->c1; k <= g->c2; k++) {
				struct import_sheet tmp = *sh;
				char *t;

				if (r == g->r1 && k == g->c1)
					continue;
				tmp.n = n0;
				if (import_sheet_cell(&tmp, r, k))
					continue;	/* an own value wins */
				if (++added > MAX_MERGED) {
					free(text);
					return err_set(e, ERR_FORMAT, "%s : "
					    "feuille « %s » : cellules "
					    "fusionnées trop étendues",
					    c->pc.x->name, sh->name);
				}
				if (!(t = xstrdup(text)) ||
				    (rc = ib_add_cell(sh, r, k, t, blue,
				    tlong))) {
					free(t);
					free(text);
					return err_set(e, ERR_NOMEM,
					    "mémoire insuffisante");
				}
				sh->cells[sh->n - 1].strike = strike;
			}
		}
		free(text);
	}
	ib_sort(sh);
	return 0;
}

/* ---- Public ---- */

static int check_bomb(struct xlsx *x)
{
	zip_int64_t n = zip_get_num_entries(x->z, 0), i;
	uint64_t total = 0;

	if (n > IMPORT_MAX_ENTRIES)
		return err_set(x->e, ERR_FORMAT, "%s : archive refusée (%lld "
		    "éléments, %d au plus) : ce n'est pas un classeur normal",
		    x->name, (long long)n, IMPORT_MAX_ENTRIES);
	for (i = 0; i < n; i++) {
		zip_stat_t st;

		if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) != 0)
			return err_set(x->e, ERR_FORMAT, "%s : archive zip "
			    "abîmée (élément %lld illisible)", x->name,
			    (long long)i);
		total += st.size;
		if (total > IMPORT_MAX_UNZIPPED ||
		    (st.size > (1u << 20) && st.comp_size > 0 &&
		    st.size / st.comp_size > IMPORT_MAX_RATIO))
			return err_set(x->e, ERR_FORMAT, "%s : archive refusée "
			    "(« bombe zip » : %s se décompresse en %llu octets "
			    "pour %llu compressés ; limite totale %u Mo)",
			    x->name, st.name, (unsigned long long)st.size,
			    (unsigned long long)st.comp_size,
			    IMPORT_MAX_UNZIPPED >> 20);
	}
	x->budget = total;
	return 0;
}

int import_read_xlsx_mem(const void *data, size_t len, const char *name,
    struct import_book **out, struct err *e)
{
	struct xlsx x;
	struct rels_ctx root = {0}, wrels = {0};
	struct wb_ctx wb = {0};
	struct sty_ctx sty = {0};
	struct import_book *b = NULL;
	char *wb_part = NULL, *wb_rels = NULL, *part = NULL;
	zip_source_t *src;
	zip_error_t ze;
	size_t i, j;
	int rc = 0;

	memset(&x, 0, sizeof x);
	x.e = e;
	x.name = name ? name : "classeur";
	zip_error_init(&ze);
	/* The buffer is borrowed (freep 0): the caller keeps it alive until
	 * zip_discard below. */
	if (!(src = zip_source_buffer_create(len ? data : "", len, 0, &ze))) {
		zip_error_fini(&ze);
		return err_nomem(e);
	}
	if (!(x.z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze))) {
		rc = err_set(e, ERR_FORMAT, "%s : classeur XLSX illisible "
		    "(archive zip abîmée, tronquée ou d'un autre format : %s)",
		    x.name, err_fr_zip(zip_error_code_zip(&ze), 0));
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	if ((rc = check_bomb(&x)))
		goto out;
	/* The workbook part is named by the package relationships. */
	rc = read_part(&x, "_rels/.rels", rels_start, no_end, no_chars, &root,
	    &root.pc);
	if (rc && rc != ERR_NOTFOUND)
		goto out;
	for (i = 0; i < root.n; i++)
		if (ends_with(root.r[i].type, "/officeDocument"))
			wb_part = resolve("", root.r[i].target);
	if (!wb_part && !(wb_part = xstrdup("xl/workbook.xml"))) {
		rc = err_nomem(e);
		goto out;
	}
	if ((rc = read_part(&x, wb_part, wb_start, no_end, no_chars, &wb,
	    &wb.pc))) {
		if (rc == ERR_NOTFOUND)
			rc = err_set(e, ERR_FORMAT, "%s : ce n'est pas un "
			    "classeur XLSX (pas de %s)", x.name, wb_part);
		goto out;
	}
	{
		struct strbuf sb = {0};
		const char *sl = strrchr(wb_part, '/');

		if (sl)
			sb_append_n(&sb, wb_part, (size_t)(sl - wb_part + 1));
		sb_printf(&sb, "_rels/%s.rels", sl ? sl + 1 : wb_part);
		wb_rels = sb_steal(&sb);
	}
	if ((rc = read_part(&x, wb_rels, rels_start, no_end, no_chars, &wrels,
	    &wrels.pc)))
		goto out;
	for (i = 0; i < wrels.n; i++) {
		struct sst_ctx sc;

		if (!ends_with(wrels.r[i].type, "/sharedStrings"))
			continue;
		memset(&sc, 0, sizeof sc);
		free(part);
		part = resolve(wb_part, wrels.r[i].target);
		rc = read_part(&x, part, sst_start, sst_end, sst_chars, &sc,
		    &sc.pc);
		sb_free(&sc.acc.sb);
		if (rc)
			goto out;
	}
	for (i = 0; i < wrels.n; i++) {
		if (!ends_with(wrels.r[i].type, "/styles"))
			continue;
		free(part);
		part = resolve(wb_part, wrels.r[i].target);
		if ((rc = read_part(&x, part, sty_start, sty_end, no_chars,
		    &sty, &sty.pc)))
			goto out;
		x.xf_blue = sty.xf;
		x.xf_strike = sty.xf_strike;
		x.n_xf = sty.n_xf;
	}
	if (!(b = calloc(1, sizeof *b)) || !(b->file = xstrdup(x.name))) {
		rc = err_nomem(e);
		goto out;
	}
	for (i = 0; i < wb.n; i++) {
		struct ws_ctx wc;

		for (j = 0; j < wrels.n; j++)
			if (str_eq(wrels.r[j].id, wb.s[i].rid))
				break;
		if (j == wrels.n || !ends_with(wrels.r[j].type, "/worksheet"))
			continue;	/* chart sheets and the like */
		free(part);
		part = resolve(wb_part, wrels.r[j].target);
		memset(&wc, 0, sizeof wc);
		if (!(wc.sh = ib_add_sheet(b, wb.s[i].name))) {
			rc = err_nomem(e);
			goto out;
		}
		wc.sh->hidden = wb.s[i].hidden;
		rc = read_part(&x, part, ws_start, ws_end, ws_chars, &wc,
		    &wc.pc);
		if (!rc)
			rc = apply_merges(&wc, e);
		else
			ib_sort(wc.sh);
		sb_free(&wc.acc.sb);
		free(wc.m);
		if (rc)
			goto out;
	}
	if (!b->n) {
		rc = err_set(e, ERR_FORMAT, "%s : le classeur ne contient "
		    "aucune feuille de calcul", x.name);
		goto out;
	}
	*out = b;
	b = NULL;
out:
	for (i = 0; i < x.n_sst; i++)
		free(x.sst[i]);
	free(x.sst);
	for (i = 0; i < wb.n; i++) {
		free(wb.s[i].name);
		free(wb.s[i].rid);
	}
	free(wb.s);
	rels_free(&root);
	rels_free(&wrels);
	free(sty.fill_blue);
	free(sty.font_strike);
	free(sty.xf);
	free(sty.xf_strike);
	free(wb_part);
	free(wb_rels);
	free(part);
	import_book_free(&b);
	zip_discard(x.z);
	return rc;
}

int import_read_xlsx(const char *path, struct import_book **out,
    struct err *e)
{
	const char *base = strrchr(path, '/');
	char *data = NULL;
	size_t len = 0;
	int rc;

	/* file_read_all names the path: not a second time. */
	if ((rc = file_read_all(path, IMPORT_MAX_FILE, &data, &len, e)))
		return rc;
	rc = import_read_xlsx_mem(data, len, base ? base + 1 : path, out, e);
	free(data);
	return rc;
}
