/*
 * xlsx.c - the yearly follow-up workbook (SPEC section 6), with
 * libxlsxwriter. The only file of suivi that includes <xlsxwriter.h>.
 *
 * Sheets, in order: Présentation, Plan d'action, Indicateurs, Synthèse,
 * Évolution (layout of "Plan d'action" documented in export.h).
 *
 * Design notes:
 * - Every text goes through worksheet_write_string(): a description that
 *   starts with '=' stays text. Lengths are checked before the workbook
 *   exists (export_check_texts), sheet names with
 *   workbook_validate_sheet_name(), header/footer and property lengths
 *   are cut below Excel's limits: libxlsxwriter would otherwise print
 *   warnings on stderr, which the interface cannot afford.
 * - workbook_close() prints its own errors: stderr is pointed at
 *   /dev/null for the duration of that call only.
 * - Rows are written in order, each row's height set before its cells
 *   (LibreOffice does not grow wrapped rows when it opens a file), which
 *   is what libxlsxwriter's constant_memory mode needs. From
 *   STREAM_MIN_ACTIONS actions on, "Plan d'action", "Indicateurs" and
 *   "Évolution" (the sheets that grow with the plan) are written in that
 *   mode: each row goes to disk when complete, with inline strings, instead of
 *   libxlsxwriter keeping every cell and a shared string table until
 *   workbook_close() (a third of the export's time and most of its
 *   memory on large plans; docs/performance.md). Below it, the shared
 *   string table keeps small files small and the golden tests
 *   byte-stable. libxlsxwriter 1.1.4 has the option per workbook but
 *   reads it in workbook_add_worksheet(), hence set around each sheet.
 * - A large plan may come without its actions, with a source that gives
 *   them one at a time (export_opts.source): then "Plan d'action" and
 *   "Indicateurs" are written together in one pass over the actions
 *   (each sheet has its own file in constant_memory mode, so the bytes
 *   are those of two passes), each action's texts are checked just
 *   before its row, the counts of Synthèse are summed as the actions
 *   pass, and Évolution gets a light copy of the actions it lists
 *   (without their long texts). Memory then no longer grows with the
 *   texts of the plan.
 * - Synthèse holds values, not formulas (LibreOffice would show the
 *   formula's cached result, 0).
 * - Output is deterministic: the document date comes from the caller
 *   (snapshot date, SOURCE_DATE_EPOCH), never from the clock when given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "export_priv.h"

#define BLUE_PRIORITY	0xBDD7EE	/* light blue of priority rows */
#define BLUE_HEADER	0x1F4E79
#define LINE_PT		13.8		/* one line of Calibri 11 (Carlito) */
#define MAX_ROW_PT	409.0		/* Excel's highest row */
#define EXTRA_ROWS	500		/* drop-down lists below the data */
/* From this many actions on, "Plan d'action" and "Indicateurs" are
 * written in constant_memory mode (see the design notes). */
#define STREAM_MIN_ACTIONS	EXPORT_STREAM_MIN

static const char *const sheet_names[] = {
	"Présentation", "Plan d'action", "Indicateurs", "Synthèse",
	"Évolution",
};

/* The sheets written in constant_memory mode from STREAM_MIN_ACTIONS. */
static int grows_with_plan(int k)
{
	return k == 1 || k == 2 || k == 4;
}

/* Column widths of "Plan d'action" (Excel character units). */
static const double plan_widths[EXPORT_N_COLUMNS] = {
	6, 11, 16, 34, 11, 50, 18, 18, 22, 16, 11, 14, 14, 30, 42, 38, 14, 10,
	26, 10, 14,
};

/* Cells in the centre (short values) rather than wrapped left. */
static const unsigned char plan_center[EXPORT_N_COLUMNS] = {
	[XC_REF] = 1, [XC_ENGAGEMENT] = 1, [XC_PRIORITY] = 1,
	[XC_SCHEDULE] = 1, [XC_PROGRESS] = 1, [XC_RESULT] = 1, [XC_ADDED] = 1,
	[XC_CANCELLED] = 1, [XC_GOOD_PRACTICE] = 1,
};

enum { K_TEXT, K_CENTER, K_NUMBER, K_COUNT };

struct xctx {
	lxw_workbook *wb;
	const struct plan *p;		/* the view exported */
	const struct export_opts *o;
	struct err *e;
	lxw_error lerr;			/* first libxlsxwriter failure */
	struct strbuf sb;
	char created_fr[16];		/* JJ/MM/AAAA */

	lxw_format *title, *subtitle, *bold, *label, *header, *note;
	lxw_format *cell[2][K_COUNT];	/* [priority][kind], unlocked */
	lxw_format *designation_locked;	/* priority designation */
	lxw_format *hidden_id;
	lxw_format *pct, *pct_bold, *num_bold, *legend;

	struct plan_counts *counts;	/* Synthèse: [0] all, [k] engagement k */
	int n_eng;
};

/* Rows of "Indicateurs" being written: 6 fixed columns, ny years,
 * "Commentaire" then "À communiquer" (last, so that the columns of SPEC
 * section 6 keep their places). */
struct ind_sheet {
	int first, ny, ncols, row;
	double w[6 + 40 + 2];
};

/* ---- Small helpers ---- */

static void note_err(struct xctx *x, lxw_error err)
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
static void put(struct xctx *x, lxw_worksheet *ws, int row, int col,
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
			note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		else
			note_err(x, worksheet_write_string(ws, (lxw_row_t)row,
			    (lxw_col_t)col, esc.buf, f));
		sb_free(&esc);
		return;
	}
	if (str_empty(s))
		note_err(x, worksheet_write_blank(ws, (lxw_row_t)row,
		    (lxw_col_t)col, f));
	else
		note_err(x, worksheet_write_string(ws, (lxw_row_t)row,
		    (lxw_col_t)col, s, f));
}

static void put_num(struct xctx *x, lxw_worksheet *ws, int row, int col,
    double v, lxw_format *f)
{
	note_err(x, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
	    v, f));
}

/* A plain integer as typed ("120", not "012" nor "1 200") is written as
 * a number so that it can be summed; anything else stays text as typed. */
static void put_value(struct xctx *x, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *text, lxw_format *num)
{
	const char *q = s;

	if (s && *q == '-')
		q++;
	if (s && *q >= '1' && *q <= '9' && strlen(q) <= 15 &&
	    strspn(q, "0123456789") == strlen(q))
		put_num(x, ws, row, col, strtod(s, NULL), num);
	else
		put(x, ws, row, col, s, text);
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
static int wrap_lines(const char *s, double width)
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

static double height_for(int lines)
{
	double h = lines * LINE_PT + 3;

	return h > MAX_ROW_PT ? MAX_ROW_PT : h;
}

static void set_height(struct xctx *x, lxw_worksheet *ws, int row,
    int lines)
{
	if (lines > 1)
		note_err(x, worksheet_set_row(ws, (lxw_row_t)row,
		    height_for(lines), NULL));
}

/* Writes a row of texts with one format, its height from the widths. */
static void put_row(struct xctx *x, lxw_worksheet *ws, int row,
    const char *const *cells, int n, const double *widths, lxw_format *f)
{
	int c, lines = 1;

	for (c = 0; c < n; c++) {
		int l = wrap_lines(cells[c], widths[c]);

		if (l > lines)
			lines = l;
	}
	set_height(x, ws, row, lines);
	for (c = 0; c < n; c++)
		put(x, ws, row, c, cells[c], f);
}

static void set_widths(struct xctx *x, lxw_worksheet *ws, const double *w,
    int n, lxw_format *f)
{
	int c;

	for (c = 0; c < n; c++)
		note_err(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    w[c], f));
}

/* Copies at most max code points of s into sb, doubling '&' when amp
 * (header/footer codes). */
static void append_cut(struct strbuf *sb, const char *s, size_t max, int amp)
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

static lxw_worksheet *add_sheet(struct xctx *x, int k)
{
	lxw_worksheet *ws;

	if (workbook_validate_sheet_name(x->wb, sheet_names[k]) != LXW_NO_ERROR) {
		note_err(x, LXW_ERROR_PARAMETER_VALIDATION);
		return NULL;
	}
	ws = workbook_add_worksheet(x->wb, sheet_names[k]);
	if (!ws)
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return ws;
}

static void page_setup(struct xctx *x, lxw_worksheet *ws, int landscape)
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
	append_cut(&f, x->p->coll.f[C_NAME], 80, 1);
	sb_printf(&f, "&C%s %d&RPage &P / &N", "Bilan", x->o->year);
	if (f.buf && utf8_len(f.buf) <= 255)
		note_err(x, worksheet_set_footer(ws, f.buf));
	sb_free(&f);
}

/* ---- Formats ---- */

static lxw_format *fmt(struct xctx *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (!f)
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	return f;
}

static int make_formats(struct xctx *x)
{
	int b, k;

	if (!(x->title = fmt(x)) || !(x->subtitle = fmt(x)) ||
	    !(x->bold = fmt(x)) || !(x->label = fmt(x)) ||
	    !(x->header = fmt(x)) || !(x->note = fmt(x)) ||
	    !(x->designation_locked = fmt(x)) || !(x->hidden_id = fmt(x)) ||
	    !(x->pct = fmt(x)) || !(x->pct_bold = fmt(x)) ||
	    !(x->num_bold = fmt(x)) || !(x->legend = fmt(x)))
		return -1;
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
	format_set_font_color(x->title, BLUE_HEADER);
	format_set_bold(x->subtitle);
	format_set_font_size(x->subtitle, 12);
	format_set_font_color(x->subtitle, BLUE_HEADER);
	format_set_bold(x->bold);
	format_set_text_wrap(x->bold);
	format_set_align(x->bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_bold(x->label);
	format_set_align(x->label, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(x->label);
	format_set_bold(x->header);
	format_set_text_wrap(x->header);
	format_set_align(x->header, LXW_ALIGN_CENTER);
	format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_color(x->header, LXW_COLOR_WHITE);
	format_set_bg_color(x->header, BLUE_HEADER);
	format_set_border(x->header, LXW_BORDER_THIN);
	format_set_unlocked(x->header);
	format_set_italic(x->note);
	format_set_text_wrap(x->note);
	format_set_align(x->note, LXW_ALIGN_VERTICAL_TOP);
	for (b = 0; b < 2; b++)
		for (k = 0; k < K_COUNT; k++) {
			lxw_format *f;

			/* Numbers take the centred text format, as the same
			 * object: libxlsxwriter gives two objects with the
			 * same properties one style, but finds it by hashing
			 * the second one's properties at each cell. */
			if (k == K_NUMBER) {
				x->cell[b][k] = x->cell[b][K_CENTER];
				continue;
			}
			if (!(f = x->cell[b][k] = fmt(x)))
				return -1;
			format_set_text_wrap(f);
			format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
			format_set_border(f, LXW_BORDER_THIN);
			format_set_border_color(f, 0xA6A6A6);
			format_set_unlocked(f);
			if (k == K_CENTER)
				format_set_align(f, LXW_ALIGN_CENTER);
			if (b)
				format_set_bg_color(f, BLUE_PRIORITY);
		}
	format_set_text_wrap(x->designation_locked);
	format_set_align(x->designation_locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(x->designation_locked, LXW_BORDER_THIN);
	format_set_border_color(x->designation_locked, 0xA6A6A6);
	format_set_bg_color(x->designation_locked, BLUE_PRIORITY);
	format_set_bold(x->designation_locked);
	format_set_num_format(x->hidden_id, "0");
	format_set_align(x->pct, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->pct_bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->num_bold, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->pct, "0%");
	format_set_align(x->pct, LXW_ALIGN_CENTER);
	format_set_border(x->pct, LXW_BORDER_THIN);
	format_set_num_format(x->pct_bold, "0%");
	format_set_align(x->pct_bold, LXW_ALIGN_CENTER);
	format_set_border(x->pct_bold, LXW_BORDER_THIN);
	format_set_bold(x->pct_bold);
	format_set_align(x->num_bold, LXW_ALIGN_CENTER);
	format_set_border(x->num_bold, LXW_BORDER_THIN);
	format_set_bold(x->num_bold);
	format_set_bg_color(x->legend, BLUE_PRIORITY);
	format_set_border(x->legend, LXW_BORDER_THIN);
	format_set_text_wrap(x->legend);
	return 0;
}

/* ---- Présentation ---- */

static void sheet_presentation(struct xctx *x, lxw_worksheet *ws)
{
	static const double w[4] = { 34, 16, 14, 90 };
	const struct plan *p = x->p;
	char date[16];
	int row = 0, i;
	size_t k;

	set_widths(x, ws, w, 4, NULL);
	page_setup(x, ws, 0);
	worksheet_set_row(ws, 0, 24, NULL);
	put(x, ws, row++, 0, "Tableau de suivi du plan d'action Ville amie "
	    "des enfants", x->title);
	row++;

#define LINE(lbl, val) do {						\
		const char *v_ = (val);					\
		int l_ = wrap_lines(v_, 118);				\
		if (wrap_lines(lbl, w[0] * 0.9) > l_)			\
			l_ = wrap_lines(lbl, w[0] * 0.9);		\
		set_height(x, ws, row, l_);				\
		put(x, ws, row, 0, lbl, x->label);			\
		note_err(x, str_empty(v_) ?				\
		    worksheet_write_blank(ws, (lxw_row_t)row, 1, NULL) :	\
		    worksheet_merge_range(ws, (lxw_row_t)row, 1,	\
		    (lxw_row_t)row, 3, v_, x->cell[0][K_TEXT]));	\
		row++;							\
	} while (0)

	LINE("Collectivité", p->coll.f[C_NAME]);
	LINE("Mandat", p->mandate.label);
	sb_reset(&x->sb);
	sb_printf(&x->sb, "%d", x->o->year);
	if (p->snapshot_year && p->snapshot_at) {
		export_date_fr(p->snapshot_at, date, sizeof date);
		sb_printf(&x->sb, " (plan figé au bilan annuel du %s)", date);
	} else {
		sb_append(&x->sb, " (plan en cours : bilan annuel non fait)");
	}
	LINE("Année du bilan", sb_str(&x->sb));
	if (p->ref)
		LINE("Référentiel", p->ref->name);
	if (!str_empty(x->o->pilot))
		LINE("Extrait pour le service", x->o->pilot);
	LINE("Document établi le", x->created_fr);
	row++;
	put(x, ws, row++, 0, "La collectivité et ses référents", x->subtitle);
	for (i = 0; i < C_COUNT; i++)
		if (i != C_NAME)
			LINE(coll_fields[i].label, p->coll.f[i]);
#undef LINE
	row++;
	put(x, ws, row++, 0, "Bilans annuels", x->subtitle);
	{
		static const char *const h[4] = { "Année",
		    "Bilan annuel - Fait", "Date",
		    "Commentaires de la collectivité" };

		put_row(x, ws, row++, h, 4, w, x->header);
	}
	for (k = 0; k < p->n_reviews; k++) {
		const struct review *r = &p->reviews[k];
		char year[8];
		const char *cells[4];

		snprintf(year, sizeof year, "%d", r->year);
		export_date_fr(r->done ? r->done_at : NULL, date, sizeof date);
		cells[0] = year;
		cells[1] = r->done ? "Oui" : "Non";
		cells[2] = date;
		cells[3] = r->comments;
		put_row(x, ws, row, cells, 4, w, x->cell[0][K_TEXT]);
		put_num(x, ws, row, 0, r->year, x->cell[0][K_CENTER]);
		put(x, ws, row, 1, cells[1], x->cell[0][K_CENTER]);
		put(x, ws, row, 2, cells[2], x->cell[0][K_CENTER]);
		row++;
	}
	row++;
	put(x, ws, row++, 0, "Légende", x->subtitle);
	put(x, ws, row, 0, "Action prioritaire", x->legend);
	note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Fond bleu : action prioritaire UNICEF France "
	    "(suivi national). Son intitulé n'est pas modifiable.", x->note));
	row++;
	put(x, ws, row, 0, "Résultat", x->label);
	note_err(x, worksheet_merge_range(ws, (lxw_row_t)row, 1,
	    (lxw_row_t)row, 3, "Réalisée → Atteint ; En cours → En passe "
	    "d'être atteint ; Non commencée → Non atteint.", x->note));
}

/* ---- Plan d'action ---- */

/* The drop-down list of yes/no cells, "Plan d'action" and "Indicateurs". */
static const char *yes_no[] = { "Oui", "Non", NULL };

static void plan_begin(struct xctx *x, lxw_worksheet *ws)
{
	lxw_row_col_options hidden = { .hidden = 1 };
	int c, lines;

	/* Empty cells below the data stay editable: column formats. */
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		note_err(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    plan_widths[c], x->cell[0][plan_center[c] ? K_CENTER :
		    K_TEXT]));
	note_err(x, worksheet_set_column_opt(ws, EXPORT_N_COLUMNS,
	    EXPORT_N_COLUMNS + 1, 10, x->hidden_id, &hidden));

	lines = 1;
	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		int l = wrap_lines(export_columns[c], plan_widths[c] * 0.9);

		if (l > lines)
			lines = l;
	}
	note_err(x, worksheet_set_row(ws, 0, height_for(lines), NULL));
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		put(x, ws, 0, c, export_columns[c], x->header);
	put(x, ws, 0, EXPORT_N_COLUMNS, EXPORT_COL_ID, NULL);
	put(x, ws, 0, EXPORT_N_COLUMNS + 1, EXPORT_COL_VERSION, NULL);
}

/* Writes the row of action a; cells: EXPORT_N_COLUMNS buffers reused
 * from row to row. */
static void plan_row(struct xctx *x, lxw_worksheet *ws, int row,
    const struct action *a, struct strbuf *cells)
{
	int b = a->priority ? 1 : 0, c, lines = 1;

	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		int l;

		/* Each text once per row: the height needs them all before
		 * the first cell is written, and so does the length check
		 * of a streamed action (export_check_texts for a loaded
		 * plan, before the file exists). */
		if (export_cell_text(a, (enum export_col)c, &cells[c])) {
			note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		if (export_check_cell(a, (enum export_col)c, &cells[c], x->e)) {
			note_err(x, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
			return;
		}
		l = wrap_lines(sb_str(&cells[c]), plan_widths[c]);
		if (l > lines)
			lines = l;
	}
	set_height(x, ws, row, lines);
	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		lxw_format *f = x->cell[b][plan_center[c] ? K_CENTER : K_TEXT];

		if (c == XC_DESIGNATION && a->priority)
			f = x->designation_locked;
		if (c == XC_ENGAGEMENT)
			put_num(x, ws, row, c, a->engagement, f);
		else
			put(x, ws, row, c, sb_str(&cells[c]), f);
	}
	put_num(x, ws, row, EXPORT_N_COLUMNS, (double)a->id, x->hidden_id);
	put_num(x, ws, row, EXPORT_N_COLUMNS + 1, (double)a->version,
	    x->hidden_id);
}

/* After the n_rows rows of actions: filter, drop-down lists, protection,
 * page. */
static void plan_end(struct xctx *x, lxw_worksheet *ws, size_t n_rows)
{
	static const char *progress[] = { "Non commencée", "En cours",
	    "Réalisée", NULL };
	static const int yes_no_cols[] = { XC_PRIORITY, XC_ADDED,
	    XC_CANCELLED, XC_GOOD_PRACTICE };
	lxw_protection prot;
	lxw_data_validation dv;
	lxw_row_t last;
	int c;

	last = (lxw_row_t)(n_rows ? n_rows : 1);
	worksheet_freeze_panes(ws, 1, XC_DESIGNATION + 1);
	note_err(x, worksheet_autofilter(ws, 0, 0, last,
	    EXPORT_N_COLUMNS - 1));

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)yes_no;
	dv.error_title = "Valeur non prévue";
	dv.error_message = "Choisissez Oui ou Non dans la liste.";
	for (c = 0; c < 4; c++)
		note_err(x, worksheet_data_validation_range(ws, 1,
		    (lxw_col_t)yes_no_cols[c], last + EXTRA_ROWS,
		    (lxw_col_t)yes_no_cols[c], &dv));
	dv.value_list = (char **)progress;
	dv.error_message = "Choisissez Non commencée, En cours ou Réalisée "
	    "dans la liste.";
	note_err(x, worksheet_data_validation_range(ws, 1, XC_PROGRESS,
	    last + EXTRA_ROWS, XC_PROGRESS, &dv));

	/* Without a password: it guards against slips, not people. */
	memset(&prot, 0, sizeof prot);
	prot.format_cells = 1;
	prot.format_columns = 1;
	prot.format_rows = 1;
	prot.insert_rows = 1;
	prot.sort = 1;
	prot.autofilter = 1;
	worksheet_protect(ws, NULL, &prot);

	page_setup(x, ws, 1);
	note_err(x, worksheet_repeat_rows(ws, 0, 0));
	worksheet_set_zoom(ws, 90);
	worksheet_activate(ws);
}

static void sheet_plan(struct xctx *x, lxw_worksheet *ws)
{
	const struct plan *p = x->p;
	struct strbuf cells[EXPORT_N_COLUMNS];
	size_t i;
	int c;

	memset(cells, 0, sizeof cells);
	plan_begin(x, ws);
	for (i = 0; i < p->n_actions && !x->lerr; i++)
		plan_row(x, ws, (int)i + 1, &p->actions[i], cells);
	if (!x->lerr)
		plan_end(x, ws, p->n_actions);
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		sb_free(&cells[c]);
}

/* ---- Indicateurs ---- */

static void ind_begin(struct xctx *x, lxw_worksheet *ws,
    struct ind_sheet *is)
{
	static const char *const fixed[6] = { "N°", "Action", "Indicateur",
	    "Unité", "Référence", "Cible" };
	const struct plan *p = x->p;
	int last = p->mandate.year_last, c;
	double *w = is->w;

	is->first = p->mandate.year_first;
	is->ny = last >= is->first ? last - is->first + 1 : 0;
	if (is->ny > 40)
		is->ny = 40;
	is->ncols = 6 + is->ny + 2;
	is->row = 1;
	w[0] = 6; w[1] = 40; w[2] = 34; w[3] = 12; w[4] = 12; w[5] = 12;
	for (c = 0; c < is->ny; c++)
		w[6 + c] = 9;
	w[6 + is->ny] = 50;
	w[7 + is->ny] = 13;
	set_widths(x, ws, w, is->ncols, NULL);
	note_err(x, worksheet_set_row(ws, 0, height_for(2), NULL));
	for (c = 0; c < 6; c++)
		put(x, ws, 0, c, fixed[c], x->header);
	for (c = 0; c < is->ny; c++)
		put_num(x, ws, 0, 6 + c, is->first + c, x->header);
	put(x, ws, 0, 6 + is->ny, "Commentaire", x->header);
	put(x, ws, 0, 7 + is->ny, "À communiquer", x->header);
}

/* The rows of the indicators of action a. */
static void ind_action(struct xctx *x, lxw_worksheet *ws,
    struct ind_sheet *is, const struct action *a)
{
	const double *w = is->w;
	int b = a->priority ? 1 : 0, ny = is->ny, c;
	size_t k;

	for (k = 0; k < a->n_indicators && !x->lerr; k++) {
		const struct indicator *ind = &a->indicators[k];
		const char *cells[3];
		int lines = 1, row = is->row;
		size_t v;

		sb_reset(&x->sb);
		sb_append(&x->sb, "");
		for (v = 0; v < ind->n_values; v++)
			if (!str_empty(ind->values[v].comment))
				sb_printf(&x->sb, "%s%d : %s",
				    x->sb.len ? "\n" : "",
				    ind->values[v].year,
				    ind->values[v].comment);
		if (export_check_text(sb_str(&x->sb), "commentaires "
		    "d'un indicateur", x->e)) {
			note_err(x, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
			return;
		}
		cells[0] = a->designation;
		cells[1] = ind->label;
		cells[2] = sb_str(&x->sb);
		lines = wrap_lines(cells[0], w[1]);
		if (wrap_lines(cells[1], w[2]) > lines)
			lines = wrap_lines(cells[1], w[2]);
		if (wrap_lines(cells[2], w[6 + ny]) > lines)
			lines = wrap_lines(cells[2], w[6 + ny]);
		set_height(x, ws, row, lines);
		put(x, ws, row, 0, a->ref, x->cell[b][K_CENTER]);
		put(x, ws, row, 1, a->designation, x->cell[b][K_TEXT]);
		put(x, ws, row, 2, ind->label, x->cell[b][K_TEXT]);
		put(x, ws, row, 3, ind->unit, x->cell[b][K_CENTER]);
		put_value(x, ws, row, 4, ind->baseline,
		    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		put_value(x, ws, row, 5, ind->target,
		    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		for (c = 0; c < ny; c++) {
			const struct indicator_value *iv =
			    indicator_value_for(ind, is->first + c);

			put_value(x, ws, row, 6 + c, iv ? iv->value : NULL,
			    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		}
		put(x, ws, row, 6 + ny, sb_str(&x->sb), x->cell[b][K_TEXT]);
		put(x, ws, row, 7 + ny, ind->communicate ? "Oui" : "Non",
		    x->cell[b][K_CENTER]);
		is->row++;
	}
}

static void ind_end(struct xctx *x, lxw_worksheet *ws,
    const struct ind_sheet *is)
{
	lxw_data_validation dv;
	lxw_col_t col = (lxw_col_t)is->ncols - 1;

	/* The list of the yes/no columns of "Plan d'action", below the
	 * rows too: an indicator may be added in the sheet. */
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)yes_no;
	dv.error_title = "Valeur non prévue";
	dv.error_message = "Choisissez Oui ou Non dans la liste.";
	note_err(x, worksheet_data_validation_range(ws, 1, col,
	    (lxw_row_t)(is->row > 1 ? is->row - 1 : 1) + EXTRA_ROWS, col,
	    &dv));
	if (is->row == 1)
		put(x, ws, 1, 0, "Aucun indicateur clé n'est renseigné.",
		    x->note);
	else
		note_err(x, worksheet_autofilter(ws, 0, 0,
		    (lxw_row_t)is->row - 1, (lxw_col_t)is->ncols - 1));
	worksheet_freeze_panes(ws, 1, 3);
	page_setup(x, ws, 1);
	note_err(x, worksheet_repeat_rows(ws, 0, 0));
}

static void sheet_indicators(struct xctx *x, lxw_worksheet *ws)
{
	const struct plan *p = x->p;
	struct ind_sheet is;
	size_t i;

	ind_begin(x, ws, &is);
	for (i = 0; i < p->n_actions && !x->lerr; i++)
		ind_action(x, ws, &is, &p->actions[i]);
	if (!x->lerr)
		ind_end(x, ws, &is);
}

/* ---- Synthèse ---- */

static void sheet_summary(struct xctx *x, lxw_worksheet *ws)
{
	static const char *const h[] = { "Engagement",
	    "Intitulé de l'engagement", "Actions", "Réalisées", "En cours",
	    "Non commencées", "Avancement non renseigné", "Annulées",
	    "Supplémentaires", "Prioritaires réalisées", "Prioritaires",
	    "Part réalisée", "Appréciation de la collectivité",
	    "Commentaire de la collectivité" };
	static const double w[14] = { 17, 50, 10, 11, 10, 13, 13, 10, 16, 13,
	    12, 11, 22, 50 };
	static const struct { const char *name; int col; lxw_color_t color; }
	    series[] = {
		{ "Réalisées", 3, 0x70AD47 },
		{ "En cours", 4, 0xFFC000 },
		{ "Non commencées", 5, 0xA5A5A5 },
	};
	const struct plan *p = x->p;
	const struct plan_counts *counts = x->counts;
	int n = x->n_eng, k, c, row;
	lxw_chart *chart;
	lxw_chart_options co = { .x_scale = 2.2, .y_scale = 1.4,
	    .x_offset = 10, .y_offset = 10 };

	set_widths(x, ws, w, 14, NULL);
	sb_reset(&x->sb);
	sb_printf(&x->sb, "Synthèse par engagement : bilan %d", x->o->year);
	if (!str_empty(x->o->pilot)) {
		sb_append(&x->sb, " (service ");
		append_cut(&x->sb, x->o->pilot, 200, 0);
		sb_append(&x->sb, ")");
	}
	worksheet_set_row(ws, 0, 24, NULL);
	put(x, ws, 0, 0, sb_str(&x->sb), x->title);
	put_row(x, ws, 2, h, 14, w, x->header);
	for (k = 0; k <= n; k++) {
		const struct plan_counts *pc = &counts[k ? k : 0];
		const struct ref_engagement *re = k && p->ref ?
		    referential_engagement(p->ref, k) : NULL;
		int r = k ? 2 + k : 3 + n;	/* total row last */
		lxw_format *tf = k ? x->cell[0][K_TEXT] : x->bold;
		lxw_format *nf = k ? x->cell[0][K_NUMBER] : x->num_bold;
		double v[10];
		int lines;

		sb_reset(&x->sb);
		if (k)
			sb_printf(&x->sb, "Engagement %d", k);
		else
			sb_append(&x->sb, "Ensemble du plan");
		lines = wrap_lines(re ? re->title : "", w[1]);
		put(x, ws, r, 0, sb_str(&x->sb), tf);
		put(x, ws, r, 1, re ? re->title : "", tf);
		v[0] = pc->actions;
		v[1] = pc->done;
		v[2] = pc->in_progress;
		v[3] = pc->not_started;
		v[4] = pc->unset;
		v[5] = pc->cancelled;
		v[6] = pc->added;
		v[7] = pc->priority_done;
		v[8] = pc->priority;
		for (c = 0; c < 9; c++)
			put_num(x, ws, r, 2 + c, v[c], nf);
		if (pc->actions)
			put_num(x, ws, r, 11, (double)pc->done / pc->actions,
			    k ? x->pct : x->pct_bold);
		else
			put(x, ws, r, 11, "", k ? x->pct : x->pct_bold);
		/* The city's own assessment (final review of the mandate),
		 * next to the computed figures. */
		for (c = 0; k && c < (int)p->n_assessments; c++) {
			const struct assessment *as = &p->assessments[c];

			if (as->engagement != k)
				continue;
			put(x, ws, r, 12, as->value >= 0 ?
			    result_label((enum result)as->value) : "", tf);
			put(x, ws, r, 13, as->comment ? as->comment : "", tf);
			if (wrap_lines(as->comment ? as->comment : "", w[13]) >
			    lines)
				lines = wrap_lines(as->comment ? as->comment :
				    "", w[13]);
		}
		set_height(x, ws, r, lines);
	}
	row = 4 + n;
	put(x, ws, row + 1, 0, "« Actions » compte les actions non "
	    "annulées ; « Part réalisée » rapporte les actions réalisées à "
	    "ces actions.", NULL);

	chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED);
	if (!chart || n < 1) {
		if (!chart)
			note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (k = 0; k < 3; k++) {
		lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
		lxw_chart_fill fill = { .color = series[k].color };

		if (!s) {
			note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		chart_series_set_categories(s, sheet_names[3], 3, 0,
		    (lxw_row_t)(2 + n), 0);
		chart_series_set_values(s, sheet_names[3], 3,
		    (lxw_col_t)series[k].col, (lxw_row_t)(2 + n),
		    (lxw_col_t)series[k].col);
		chart_series_set_name(s, series[k].name);
		chart_series_set_fill(s, &fill);
	}
	chart_title_set_name(chart, "Avancement des actions par engagement");
	chart_axis_set_name(chart->y_axis, "Nombre d'actions");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	note_err(x, worksheet_insert_chart_opt(ws, (lxw_row_t)row + 3, 0,
	    chart, &co));
	page_setup(x, ws, 1);
}

/* ---- Évolution ---- */

static void sheet_evolution(struct xctx *x, lxw_worksheet *ws)
{
	static const double w[5] = { 8, 12, 60, 18, 60 };
	const struct plan *p = x->p;
	struct change *ch = NULL, *pr = NULL;
	size_t nch = 0, npr = 0, i;
	int row = 0, found, pass;
	char eng[16], year[16], date[16];

	set_widths(x, ws, w, 5, NULL);
	page_setup(x, ws, 1);
	worksheet_set_row(ws, 0, 24, NULL);
	put(x, ws, row++, 0, "Évolution du plan d'action", x->title);
	if (x->o->initial) {
		if (plan_compare(x->o->initial, p, &ch, &nch, x->e)) {
			note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		export_date_fr(x->o->initial->snapshot_at, date, sizeof date);
		sb_reset(&x->sb);
		sb_append(&x->sb, "Comparaison avec le plan d'action initial "
		    "approuvé en conseil municipal");
		if (date[0])
			sb_printf(&x->sb, " (figé le %s)", date);
		sb_append(&x->sb, ".");
		put(x, ws, row++, 0, sb_str(&x->sb), NULL);
	} else {
		put(x, ws, row++, 0, "Le plan d'action initial n'a pas été "
		    "figé : les actions ci-dessous sont celles marquées "
		    "supplémentaires ou annulées.", NULL);
	}

	for (pass = 0; pass < 2 && !x->lerr; pass++) {
		static const char *const hadd[5] = { "N°", "Engagement",
		    "Intitulé de l'action", "", "Motif de l'ajout" };
		static const char *const hcan[5] = { "N°", "Engagement",
		    "Intitulé de l'action", "Année de l'annulation",
		    "Motif de l'annulation" };

		row++;
		put(x, ws, row++, 0, pass ? "Actions annulées" :
		    "Actions supplémentaires au plan d'action initial",
		    x->subtitle);
		put_row(x, ws, row++, pass ? hcan : hadd, 5, w, x->header);
		found = 0;
		for (i = 0; i < p->n_actions; i++) {
			const struct action *a = &p->actions[i];
			const char *cells[5];
			size_t j;
			int hit = 0;

			if (x->o->initial) {
				for (j = 0; j < nch && !hit; j++)
					hit = str_eq(ch[j].ref, a->ref) &&
					    ch[j].kind == (pass ?
					    CHANGE_CANCELLED : CHANGE_ADDED);
			} else {
				hit = pass ? a->cancelled : a->added;
			}
			if (!hit)
				continue;
			found++;
			snprintf(eng, sizeof eng, "%d", a->engagement);
			year[0] = '\0';
			if (pass && a->cancelled_year)
				snprintf(year, sizeof year, "%d",
				    a->cancelled_year);
			cells[0] = a->ref;
			cells[1] = eng;
			cells[2] = a->designation;
			cells[3] = year;
			cells[4] = pass ? a->cancelled_reason : a->added_reason;
			put_row(x, ws, row, cells, 5, w,
			    x->cell[a->priority ? 1 : 0][K_TEXT]);
			row++;
		}
		if (!found)
			put(x, ws, row++, 0, "Aucune.", x->note);
	}
	changes_free(ch, nch);

	row++;
	if (!x->o->previous) {
		put(x, ws, row++, 0, "Évolution de l'avancement", x->subtitle);
		put(x, ws, row++, 0, "Aucun bilan annuel antérieur n'est fait : "
		    "pas de comparaison de l'avancement.", x->note);
		return;
	}
	sb_reset(&x->sb);
	sb_printf(&x->sb, "Évolution de l'avancement depuis le bilan %d",
	    x->o->previous_year);
	put(x, ws, row++, 0, sb_str(&x->sb), x->subtitle);
	{
		static const char *const h[5] = { "N°", "Engagement",
		    "Intitulé de l'action", "Avancement avant",
		    "Avancement maintenant" };

		put_row(x, ws, row++, h, 5, w, x->header);
	}
	if (plan_compare(x->o->previous, p, &pr, &npr, x->e)) {
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	found = 0;
	for (i = 0; i < npr; i++) {
		const char *cells[5];
		const struct action *a;

		if (pr[i].kind != CHANGE_PROGRESS)
			continue;
		a = plan_find_action(p, pr[i].ref);
		found++;
		snprintf(eng, sizeof eng, "%d", pr[i].engagement);
		cells[0] = pr[i].ref;
		cells[1] = eng;
		cells[2] = pr[i].designation;
		cells[3] = str_empty(pr[i].before) ? "(non renseigné)" :
		    pr[i].before;
		cells[4] = str_empty(pr[i].after) ? "(non renseigné)" :
		    pr[i].after;
		put_row(x, ws, row++, cells, 5, w,
		    x->cell[a && a->priority ? 1 : 0][K_TEXT]);
	}
	if (!found)
		put(x, ws, row++, 0, "Aucun changement d'avancement.", x->note);
	changes_free(pr, npr);
}

/* ---- One pass over the actions of a source ---- */

struct pass {
	struct xctx *x;
	lxw_worksheet *ws_plan, *ws_ind;
	struct ind_sheet is;
	struct strbuf cells[EXPORT_N_COLUMNS];
	char *pilot;			/* folded, NULL: every action */
	size_t rows;			/* actions written */
	int keep_all;			/* Évolution compares whole plans */
	struct plan light;		/* actions Évolution lists, no texts */
};

static void counts_add(struct plan_counts *to, const struct plan_counts *c)
{
	to->actions += c->actions;
	to->done += c->done;
	to->in_progress += c->in_progress;
	to->not_started += c->not_started;
	to->unset += c->unset;
	to->cancelled += c->cancelled;
	to->added += c->added;
	to->priority += c->priority;
	to->priority_done += c->priority_done;
	to->good_practice += c->good_practice;
}

/* Adds a to the counts of Synthèse, as plan_count would over the plan. */
static int count_action(struct xctx *x, const struct action *a)
{
	struct plan one;
	struct plan_counts *tmp;
	int k;

	if (a->engagement > x->n_eng) {
		void *np = realloc(x->counts, (size_t)(a->engagement + 1) *
		    sizeof *x->counts);

		if (!np)
			return ERR_NOMEM;
		x->counts = np;
		memset(&x->counts[x->n_eng + 1], 0, (size_t)(a->engagement -
		    x->n_eng) * sizeof *x->counts);
		x->n_eng = a->engagement;
	}
	if (!(tmp = calloc((size_t)x->n_eng + 1, sizeof *tmp)))
		return ERR_NOMEM;
	memset(&one, 0, sizeof one);
	one.actions = (struct action *)a;	/* read only */
	one.n_actions = 1;
	plan_count(&one, tmp, x->n_eng);
	for (k = 0; k <= x->n_eng; k++)
		counts_add(&x->counts[k], &tmp[k]);
	free(tmp);
	return 0;
}

/* What Évolution reads of an action (plan_compare, its lists). */
static int keep_light(struct plan *light, const struct action *a)
{
	struct action l;
	int rc;

	memset(&l, 0, sizeof l);
	l.id = a->id;
	l.engagement = a->engagement;
	l.progress = a->progress;
	l.priority = a->priority;
	l.added = a->added;
	l.cancelled = a->cancelled;
	l.cancelled_year = a->cancelled_year;
	if ((a->ref && !(l.ref = strdup(a->ref))) ||
	    (a->designation && !(l.designation = strdup(a->designation))) ||
	    (a->added_reason && !(l.added_reason = strdup(a->added_reason))) ||
	    (a->cancelled_reason && !(l.cancelled_reason =
	    strdup(a->cancelled_reason)))) {
		action_clear(&l);
		return ERR_NOMEM;
	}
	rc = plan_take_action(light, &l) ? ERR_NOMEM : 0;
	action_clear(&l);
	return rc;
}

static int pass_action(void *ctx, const struct action *a, struct err *e)
{
	struct pass *ps = ctx;
	struct xctx *x = ps->x;

	if (ps->pilot) {
		char *f = text_fold(a->pilots);
		int in = f && strstr(f, ps->pilot) != NULL;

		free(f);
		if (!in)
			return 0;
	}
	/* plan_row checks the lengths that export_check_texts checks
	 * before the file of a loaded plan (the temporary file is dropped
	 * on failure). */
	plan_row(x, ps->ws_plan, (int)++ps->rows, a, ps->cells);
	if (!x->lerr)
		ind_action(x, ps->ws_ind, &ps->is, a);
	if (!x->lerr && (count_action(x, a) || ((ps->keep_all || a->added ||
	    a->cancelled) && keep_light(&ps->light, a))))
		note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (x->lerr)
		return e && e->code ? e->code : ERR_IO;
	return 0;
}

/* Writes "Plan d'action" and "Indicateurs" from the source in one pass,
 * then leaves in x->p the light plan Synthèse and Évolution read. */
static int sheets_from_source(struct xctx *x, lxw_worksheet *ws_plan,
    lxw_worksheet *ws_ind, struct pass *ps, struct err *e)
{
	const struct export_source *src = x->o->source;
	int rc;

	ps->x = x;
	ps->ws_plan = ws_plan;
	ps->ws_ind = ws_ind;
	ps->keep_all = x->o->initial || x->o->previous;
	ps->light = *x->p;		/* the head, borrowed */
	ps->light.actions = NULL;
	ps->light.n_actions = 0;
	if (!str_empty(x->o->pilot) && !(ps->pilot = text_fold(x->o->pilot)))
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	plan_begin(x, ws_plan);
	ind_begin(x, ws_ind, &ps->is);
	if (x->lerr)
		return ERR_IO;
	if ((rc = src->each(src->ctx, pass_action, ps, e)))
		return rc;
	if (!str_empty(x->o->pilot) && !ps->rows)
		return err_set(e, ERR_NOTFOUND, "aucune action n'a « %s » "
		    "parmi ses services pilotes", x->o->pilot);
	plan_end(x, ws_plan, ps->rows);
	ind_end(x, ws_ind, &ps->is);
	x->p = &ps->light;
	return 0;
}

static void pass_free(struct pass *ps)
{
	size_t i;
	int c;

	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		sb_free(&ps->cells[c]);
	for (i = 0; i < ps->light.n_actions; i++)
		action_clear(&ps->light.actions[i]);
	free(ps->light.actions);
	free(ps->pilot);
}

/* ---- Public API ---- */

/* Checks that the rows of a sheet in constant_memory mode reached their
 * temporary file, whose writes libxlsxwriter does not check, and says
 * for export_verify_xlsx how long they are and how the row libxlsxwriter
 * keeps until workbook_close() starts. Writing that row here would
 * number the formats in another order (by first use in the file). */
static int sheet_data_end(lxw_worksheet *ws, struct export_sheet_data *sd,
    char *next, size_t size)
{
	const lxw_row *last = ws->optimize_row;
	FILE *f = ws->optimize_tmpfile;
	off_t end;

	if (!f || fflush(f) != 0 || ferror(f) || (end = ftello(f)) < 0)
		return -1;
	sd->len = (long long)end;
	if (last && (last->row_changed || last->data_changed))
		snprintf(next, size, "<row r=\"%lu\"",
		    (unsigned long)last->row_num + 1);
	else
		snprintf(next, size, "</sheetData>");
	sd->next = next;
	return 0;
}

/* Runs workbook_close() with stderr pointed at /dev/null: libxlsxwriter
 * prints its failures there, and the caller reports them in French. */
/* French text for a libxlsxwriter error (lxw_strerror is English);
 * sys_errno, when not 0, is the system's cause of a failed write. */
static const char *lxw_fr(lxw_error err, int sys_errno)
{
	switch (err) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED: return "mémoire insuffisante";
	case LXW_ERROR_CREATING_XLSX_FILE: case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE: case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_FILE_ADD: case LXW_ERROR_ZIP_CLOSE:
	case LXW_ERROR_ZIP_INTERNAL_ERROR: case LXW_ERROR_ZIP_BAD_ZIP_FILE:
	case LXW_ERROR_ZIP_PARAMETER_ERROR:
		if (sys_errno)
			return export_strerror(sys_errno);
		return err == LXW_ERROR_CREATING_TMPFILE ||
		    err == LXW_ERROR_READING_TMPFILE ?
		    "fichier temporaire impossible" : "erreur d'écriture";
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
		return "texte trop long pour une cellule";
	case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
	case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
	case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
	case LXW_ERROR_SHEETNAME_ALREADY_USED:
		return "nom de feuille refusé";
	default:
		return "erreur interne de la bibliothèque xlsxwriter";
	}
}

static lxw_error close_quietly(lxw_workbook *wb, int *sys_errno)
{
	int saved, devnull;
	lxw_error err;

	fflush(stderr);
	saved = dup(STDERR_FILENO);
	devnull = open("/dev/null", O_WRONLY);
	if (saved >= 0 && devnull >= 0)
		dup2(devnull, STDERR_FILENO);
	errno = 0;
	err = workbook_close(wb);
	if (sys_errno)
		*sys_errno = err ? errno : 0;
	fflush(stderr);
	if (saved >= 0 && devnull >= 0)
		dup2(saved, STDERR_FILENO);
	if (saved >= 0)
		close(saved);
	if (devnull >= 0)
		close(devnull);
	return err;
}

static void set_properties(struct xctx *x)
{
	lxw_doc_properties props;
	struct strbuf subject = {0}, company = {0}, keywords = {0};

	/* Excel keeps 255 characters in these fields. */
	append_cut(&company, x->p->coll.f[C_NAME], 200, 0);
	sb_append(&subject, "Bilan annuel ");
	sb_printf(&subject, "%d", x->o->year);
	if (!str_empty(x->p->coll.f[C_NAME])) {
		sb_append(&subject, " - ");
		append_cut(&subject, x->p->coll.f[C_NAME], 200, 0);
	}
	sb_printf(&keywords, "Ville amie des enfants, UNICEF France, %d",
	    x->o->year);
	memset(&props, 0, sizeof props);
	props.title = "Tableau de suivi du plan d'action Ville amie des enfants";
	props.subject = subject.buf;
	props.company = company.buf;
	props.keywords = keywords.buf;
	props.author = "suivi";
	props.comments = x->p->mandate.label;
	props.created = (time_t)x->o->created;
	note_err(x, workbook_set_properties(x->wb, &props));
	if (company.buf)
		note_err(x, workbook_set_custom_property_string(x->wb,
		    "Collectivité", company.buf));
	note_err(x, workbook_set_custom_property_integer(x->wb, "Année",
	    x->o->year));
	if (!str_empty(x->p->mandate.label) &&
	    utf8_len(x->p->mandate.label) <= 255)
		note_err(x, workbook_set_custom_property_string(x->wb,
		    "Mandat", x->p->mandate.label));
	sb_free(&subject);
	sb_free(&company);
	sb_free(&keywords);
}

int export_write_xlsx(const char *path, const struct plan *p,
    const struct export_opts *o, struct err *e)
{
	struct export_opts opts = *o;
	struct export_sheet_data sd[3];
	char sd_name[3][32], sd_next[3][32];
	size_t n_sd = 0;
	struct export_file file;
	struct plan view;
	struct xctx x;
	struct pass ps;
	lxw_workbook_options wo;
	lxw_worksheet *ws[5];
	lxw_error cerr;
	int cerrno = 0;
	time_t t;
	struct tm tm;
	int rc = 0, k, have_view = 0, stream;
	size_t n_actions;

	memset(&x, 0, sizeof x);
	memset(&ps, 0, sizeof ps);
	memset(&file, 0, sizeof file);
	file.fd = -1;
	if (!opts.created)
		opts.created = clock_now();
	t = (time_t)opts.created;
	localtime_r(&t, &tm);
	strftime(x.created_fr, sizeof x.created_fr, "%d/%m/%Y", &tm);
	if ((rc = export_view_make(p, opts.pilot, &view, e)))
		goto out;
	have_view = 1;
	n_actions = opts.source ? opts.source->n_actions : view.n_actions;
	if (!str_empty(opts.pilot) && !n_actions) {
		rc = err_set(e, ERR_NOTFOUND, "aucune action n'a « %s » parmi "
		    "ses services pilotes", opts.pilot);
		goto out;
	}
	if ((!opts.source && (rc = export_check_texts(&view, e))) ||
	    (rc = export_file_begin(&file, path, e)))
		goto out;
	close(file.fd);		/* libxlsxwriter reopens it by name */
	file.fd = -1;

	/* Synthèse: counted here, or as the source's actions pass. */
	x.n_eng = plan_engagement_count(&view);
	if (!(x.counts = calloc((size_t)x.n_eng + 1, sizeof *x.counts))) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	if (!opts.source)
		plan_count(&view, x.counts, x.n_eng);

	x.p = &view;
	x.o = &opts;
	x.e = e;
	memset(&wo, 0, sizeof wo);
	wo.constant_memory = LXW_FALSE;
	if (!(x.wb = workbook_new_opt(file.tmp, &wo))) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	stream = n_actions >= STREAM_MIN_ACTIONS;
	set_properties(&x);
	if (make_formats(&x) == 0)
		for (k = 0; k < 5; k++) {
			/* The option is read when a sheet is added. */
			x.wb->options.constant_memory = stream &&
			    grows_with_plan(k);
			ws[k] = add_sheet(&x, k);
		}
	x.wb->options.constant_memory = LXW_FALSE;
	if (!x.lerr) {
		sheet_presentation(&x, ws[0]);
		if (opts.source) {
			rc = sheets_from_source(&x, ws[1], ws[2], &ps, e);
		} else {
			sheet_plan(&x, ws[1]);
			sheet_indicators(&x, ws[2]);
		}
	}
	if (!rc && !x.lerr) {
		sheet_summary(&x, ws[3]);
		sheet_evolution(&x, ws[4]);
	}
	if (rc || x.lerr) {
		/* Free the workbook without writing it. */
		close_quietly(x.wb, NULL);
		x.wb = NULL;
		if (!e || !e->code || e->code == ERR_OK)
			err_set(e, ERR_IO, "préparation du tableau « %s » : %s",
			    path, lxw_fr(x.lerr ? x.lerr :
			    LXW_ERROR_MEMORY_MALLOC_FAILED, 0));
		rc = e && e->code ? e->code : ERR_IO;
		goto out;
	}
	for (k = 0; stream && k < 5; k++) {
		if (!grows_with_plan(k))
			continue;
		snprintf(sd_name[n_sd], sizeof sd_name[n_sd],
		    "xl/worksheets/sheet%d.xml", k + 1);
		sd[n_sd].part = sd_name[n_sd];
		if (sheet_data_end(ws[k], &sd[n_sd], sd_next[n_sd],
		    sizeof sd_next[n_sd])) {
			close_quietly(x.wb, NULL);
			x.wb = NULL;
			rc = err_set(e, ERR_IO, "écriture du tableau « %s » "
			    "impossible : fichier temporaire incomplet (disque "
			    "des fichiers temporaires plein ?) ; aucun fichier "
			    "n'a été remplacé", path);
			goto out;
		}
		/* An empty sheet has "<sheetData/>", parsed as a whole. */
		if (ws[k]->dim_rowmin != LXW_ROW_MAX)
			n_sd++;
	}
	cerr = close_quietly(x.wb, &cerrno);
	x.wb = NULL;
	if (cerr != LXW_NO_ERROR) {
		rc = err_set(e, ERR_IO, "écriture du tableau « %s » impossible "
		    "(disque plein ou fichier temporaire refusé ?) : %s ; "
		    "aucun fichier n'a été remplacé", path,
		    lxw_fr(cerr, cerrno));
		goto out;
	}
	if ((rc = export_verify_xlsx(file.tmp, sd, n_sd, e))) {
		err_prefix(e, "écriture du tableau « %s » impossible, aucun "
		    "fichier n'a été remplacé", path);
		goto out;
	}
	rc = export_file_commit(&file, e);
out:
	export_file_end(&file);
	if (have_view)
		export_view_free(&view);
	pass_free(&ps);
	free(x.counts);
	sb_free(&x.sb);
	return rc;
}
