/*
 * xlsx_cells.c - the cell writers every sheet of the workbook uses: text
 * never written as a formula, integers as numbers, row heights estimated
 * from the wrapped text, column widths, the page setup and its footer.
 */
#include <stdlib.h>
#include <string.h>

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

enum { W_CONT, W_CHAR, W_SPACE, W_NL, W_END };

/* What wrap_lines sees in a byte: a UTF-8 continuation byte (no column
 * of its own), the start of a character, a space, a newline, the end. */
static unsigned char wrap_class(unsigned char c)
{
	if (c == '\0')
		return W_END;
	if (c == ' ')
		return W_SPACE;
	if (c == '\n')
		return W_NL;
	return (c & 0xC0) == 0x80 ? W_CONT : W_CHAR;
}

/* Number of lines s takes when wrapped in a column of width characters:
 * greedy word wrap, one line per paragraph at least. The width unit is
 * the digit '0'; French prose in Calibri (or LibreOffice's DejaVu Sans
 * stand-in) holds about 1.2 characters per unit, checked by rendering
 * the demo plan with LibreOffice. Overestimating leaves some blank space;
 * underestimating would hide text, so the estimate errs high. */
int xl_wrap_lines(const char *s, double width)
{
	/* A table: the texts of a large plan pass here byte by byte. */
	static unsigned char cls[256];
	int cap = (int)(width * 1.2) - 1;
	int lines = 1, col = 0, i;

	if (!cls[0])
		for (i = 0; i < 256; i++)
			cls[i] = wrap_class((unsigned char)i);
	if (cap < 1)
		cap = 1;
	while (s && *s) {
		const unsigned char *w = (const unsigned char *)s;
		int len = 0, k;

		if (*s == '\n') {
			lines++;
			col = 0;
			s++;
			continue;
		}
		if (*s == ' ') {
			if (col < cap)
				col++;
			s++;
			continue;
		}
		/* W_CONT is 0 and W_CHAR 1: the word's length in characters. */
		while ((k = cls[*w]) <= W_CHAR) {
			len += k;
			w++;
		}
		if (col > 0 && col + len > cap) {
			lines++;
			col = 0;
		}
		while (len > cap) {	/* a word longer than the column */
			lines++;
			len -= cap;
		}
		col += len;
		s = (const char *)w;
	}
	return lines;
}

double xl_height_for(int lines)
{
	double h = lines * LINE_PT + 3;

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

void xl_page_setup(struct xctx *x, lxw_worksheet *ws, int landscape)
{
	struct strbuf f = {0};

	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6);
	worksheet_fit_to_pages(ws, 1, 0);
	/* Footer: collectivité left, page right; Excel allows 255
	 * characters with the codes. */
	sb_append(&f, "&L");
	xl_append_cut(&f, x->p->coll.f[C_NAME], 80, 1);
	sb_printf(&f, "&C%s %d&RPage &P / &N", "Bilan", x->o->year);
	if (f.buf && utf8_len(f.buf) <= 255)
		xl_note_err(x, worksheet_set_footer(ws, f.buf));
	sb_free(&f);
}
