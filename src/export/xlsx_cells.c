/*
 * xlsx_cells.c - the cell writers every sheet of the workbook uses: text
 * never written as a formula, integers as numbers, row heights estimated
 * from the wrapped text, column widths, the page setup and its footer.
 */
#include <stdlib.h>
#include <string.h>

#include "carlito_widths.h"
#include "xlsx_priv.h"

/* The drop-down list of yes/no cells, "Plan d'action" and "Indicateurs". */
const char *xl_yes_no[] = { "Oui", "Non", NULL };

void xl_note_err(struct xctx *x, lxw_error err)
{
	if (err && !x->lerr)
		x->lerr = err;
}

/* 1 when s holds "_xHHHH_", which Excel reads as an escaped character. */
static int has_x_escape(const char *s)
{
	for (s = strstr(s, "_x"); s; s = strstr(s + 1, "_x"))
		if (strspn(s + 2, "0123456789abcdefABCDEF") >= 4 && s[6] == '_')
			return 1;
	return 0;
}

/* Writes text as a string, never as a formula; "" gives a blank cell
 * that keeps the format (fill, protection). A literal "_xHHHH_" is
 * written "_x005F_xHHHH_" so that Excel and LibreOffice show it as is
 * (libxlsxwriter escapes control characters the same way). */
void xl_put(struct xctx *x, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *f)
{
	if (!str_empty(s) && has_x_escape(s)) {
		struct strbuf esc = {0};
		const char *q;

		for (q = s; *q; q++)
			if (q[0] == '_' && q[1] == 'x' && strspn(q + 2,
			    "0123456789abcdefABCDEF") >= 4 && q[6] == '_')
				sb_append(&esc, "_x005F_");
			else
				sb_append_c(&esc, *q);
		if (!esc.buf)
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		else
			xl_note_err(x, worksheet_write_string(ws, (lxw_row_t)row,
			    (lxw_col_t)col, esc.buf, f));
		sb_free(&esc);
		return;
	}
	if (str_empty(s))
		xl_note_err(x, worksheet_write_blank(ws, (lxw_row_t)row,
		    (lxw_col_t)col, f));
	else
		xl_note_err(x, worksheet_write_string(ws, (lxw_row_t)row,
		    (lxw_col_t)col, s, f));
}

void xl_put_num(struct xctx *x, lxw_worksheet *ws, int row, int col,
    double v, lxw_format *f)
{
	xl_note_err(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
	    v, f));
}

/* A plain integer as typed ("120", not "012" nor "1 200") is written as
 * a number so that it can be summed; anything else stays text as typed. */
void xl_put_value(struct xctx *x, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *text, lxw_format *num)
{
	const char *q = s;

	if (s && *q == '-')
		q++;
	if (s && *q >= '1' && *q <= '9' && strlen(q) <= 15 &&
	    strspn(q, "0123456789") == strlen(q))
		xl_put_num(x, ws, row, col, strtod(s, NULL), num);
	else
		xl_put(x, ws, row, col, s, text);
}

/* Advance of code point cp in Carlito Regular, font units. */
static int advance(uint32_t cp)
{
	int i;

	for (i = 0; i < carlito_n_ranges; i++)
		if (cp >= carlito_ranges[i].lo && cp <= carlito_ranges[i].hi)
			return carlito_ranges[i].w[cp - carlito_ranges[i].lo];
	return carlito_fallback;
}

/* Room for text in a column of width characters, in font units of
 * Calibri 11: a column is width * 7 + 5 pixels at 96 dpi, less the
 * cell's inner margins (XL_PAD_PX); 11 pt is 14.67 pixels per em. */
static double room_fu(double width)
{
	double px = width * 7.0 + 5.0 - XL_PAD_PX;

	if (px < 7)
		px = 7;
	return px * carlito_upem / (11.0 * 96.0 / 72.0);
}

/* Greedy word wrap of s in a column of width characters, with the widths
 * of Carlito (Calibri): returns the lines taken. When cut is not NULL and
 * s takes more than max_lines lines, *cut is the offset of the first
 * byte of line max_lines + 1 (a paragraph or word boundary), else the
 * length of s. */
static int wrap_scan(const char *s, double width, int max_lines,
    size_t *cut)
{
	double room = room_fu(width), col = 0, space = advance(' ');
	const char *start = s;
	int lines = 1, pending = 0;

	if (cut)
		*cut = s ? strlen(s) : 0;
	if (!s)
		return lines;
	while (*s) {
		const char *w;
		double len = 0;

		if (*s == '\n') {
			s++;
			if (cut && lines == max_lines && *s) {
				*cut = (size_t)(s - start);
				cut = NULL;
			}
			lines++;
			col = 0;
			pending = 0;
			continue;
		}
		if (*s == ' ') {
			pending++;
			s++;
			continue;
		}
		for (w = s; *w && *w != ' ' && *w != '\n';) {
			uint32_t cp;
			int n = utf8_decode(w, &cp);

			len += advance(cp);
			w += n > 0 ? n : 1;
		}
		if (col > 0 && col + pending * space + len > room) {
			if (cut && lines == max_lines) {
				*cut = (size_t)(s - start);
				cut = NULL;
			}
			lines++;
			col = 0;
		} else {
			col += pending * space;
		}
		pending = 0;
		while (len > room) {	/* a word wider than the column */
			lines++;
			len -= room;
		}
		col += len;
		s = w;
	}
	return lines;
}

/* Number of lines s takes when wrapped in a column of width characters
 * (see wrap_scan); one line per paragraph at least. */
int xl_wrap_lines(const char *s, double width)
{
	return wrap_scan(s, width, 0, NULL);
}

size_t xl_wrap_prefix(const char *s, double width, int max_lines)
{
	size_t cut;

	wrap_scan(s, width, max_lines, &cut);
	return cut;
}

double xl_height_for(int lines)
{
	double h = lines * LINE_PT + ROW_PAD_PT;

	return h > MAX_ROW_PT ? MAX_ROW_PT : h;
}

void xl_set_height(struct xctx *x, lxw_worksheet *ws, int row,
    int lines)
{
	if (lines > 1)
		xl_note_err(x, worksheet_set_row(ws, (lxw_row_t)row,
		    xl_height_for(lines), NULL));
}

/* Writes a row of texts with one format, its height from the widths. */
void xl_put_row(struct xctx *x, lxw_worksheet *ws, int row,
    const char *const *cells, int n, const double *widths, lxw_format *f)
{
	int c, lines = 1;

	for (c = 0; c < n; c++) {
		int l = xl_wrap_lines(cells[c], widths[c]);

		if (l > lines)
			lines = l;
	}
	xl_set_height(x, ws, row, lines);
	for (c = 0; c < n; c++)
		xl_put(x, ws, row, c, cells[c], f);
}

void xl_set_widths(struct xctx *x, lxw_worksheet *ws, const double *w,
    int n, lxw_format *f)
{
	int c;

	for (c = 0; c < n; c++)
		xl_note_err(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    w[c], f));
}

/* Copies at most max code points of s into sb, doubling '&' when amp
 * (header/footer codes). */
void xl_append_cut(struct strbuf *sb, const char *s, size_t max, int amp)
{
	size_t n = 0;

	for (; s && *s && n < max; n++) {
		uint32_t cp;
		int len = utf8_decode(s, &cp);

		if (amp && *s == '&')
			sb_append_c(sb, '&');
		sb_append_n(sb, s, (size_t)len);
		s += len;
	}
}

int xl_provisional(const struct xctx *x)
{
	return !(x->p->snapshot_year && x->p->snapshot_at);
}

void xl_page_setup_scale(struct xctx *x, lxw_worksheet *ws, int landscape,
    int scale)
{
	struct strbuf f = {0};

	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
	if (scale)
		worksheet_set_print_scale(ws, (uint16_t)scale);
	else
		worksheet_fit_to_pages(ws, 1, 0);
	/* Footer: collectivité left; sheet, year and what the file is in
	 * the centre; page and date right. Excel allows 255 characters
	 * with the codes. */
	sb_append(&f, "&L");
	xl_append_cut(&f, x->p->coll.f[C_NAME], 60, 1);
	sb_append(&f, "&C");
	xl_append_cut(&f, ws->name, 31, 1);
	sb_printf(&f, " — Bilan %d", x->o->year);
	if (x->marks.len) {
		sb_append(&f, "\n");
		xl_append_cut(&f, sb_str(&x->marks), 110, 1);
	}
	sb_printf(&f, "&RPage &P / &N\n%s", x->created_fr);
	if (f.buf && utf8_len(f.buf) <= 255)
		xl_note_err(x, worksheet_set_footer(ws, f.buf));
	sb_free(&f);
}

void xl_page_setup(struct xctx *x, lxw_worksheet *ws, int landscape)
{
	xl_page_setup_scale(x, ws, landscape, 0);
}

int xl_recommendation_text(struct xctx *x, const char *code,
    struct strbuf *sb)
{
	const struct ref_recommendation *rr = x->p->ref && code ?
	    referential_recommendation(x->p->ref, code) : NULL;
	int rc = 0;

	sb_reset(sb);
	if (str_empty(code))
		return sb_append(sb, "");
	rc |= sb_append(sb, code);
	rc |= sb_append(sb, " — ");
	rc |= sb_append(sb, rr && !str_empty(rr->text) ? rr->text :
	    "à compléter");
	if (rr && rr->provisional)
		rc |= sb_append(sb, " (provisoire)");
	return rc ? ERR_NOMEM : 0;
}
