/*
 * floor.c - the floor of the export benchmark: the least a C program must
 * do to write the "Plan d'action" sheet that `suivi export` writes.
 *
 *   floor PLAN.csv INDICATORS.csv OUT.xlsx
 *
 * Reads the CSV of the plan (French Excel flavour, as written by
 * `suivi export --format csv` and bench/gen) one record at a time and
 * writes each row with libxlsxwriter in constant_memory mode: the same
 * cells (engagement as a number, every other cell as text, the hidden
 * id and version columns), the same formats (wrapped text, borders, blue
 * priority rows, locked priority designation), the same column widths
 * and row heights (same estimate), frozen panes, autofilter, drop-down
 * lists, protection and page set-up. Then the "Indicateurs" sheet from
 * INDICATORS.csv (bench/gen), the other sheet that grows with the plan:
 * plain integers as numbers, other values as text, same formats, widths
 * and heights, the Oui/Non list of its last column "À communiquer". No database, no checks, not the three small sheets: what
 * suivi does beyond this is the price of its features.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#define NCOL 21
#define BLUE_PRIORITY 0xBDD7EE
#define BLUE_HEADER 0x1F4E79

static const double widths[NCOL] = {
	6, 11, 16, 34, 11, 50, 18, 18, 22, 16, 11, 14, 14, 30, 42, 38, 14, 10,
	26, 10, 14,
};
static const unsigned char center[NCOL] = {
	1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0,
};

/* ---- CSV, one record at a time ---- */

struct field { char *buf; size_t len, cap; };

static struct field fields[64];

static void put_c(struct field *f, int c)
{
	if (f->len + 2 > f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->buf = realloc(f->buf, f->cap);
		if (!f->buf) {
			perror("floor");
			exit(1);
		}
	}
	f->buf[f->len++] = (char)c;
	f->buf[f->len] = '\0';
}

/* Reads one record into fields[]; returns the number of fields, 0 at EOF. */
static int read_record(FILE *in)
{
	int n = 0, c, quoted = 0, any = 0;

	fields[0].len = 0;
	if (fields[0].buf)
		fields[0].buf[0] = '\0';
	while ((c = getc_unlocked(in)) != EOF) {
		any = 1;
		if (quoted) {
			if (c == '"') {
				c = getc_unlocked(in);
				if (c == '"') {
					put_c(&fields[n], '"');
					continue;
				}
				quoted = 0;
				if (c == EOF)
					break;
			} else {
				put_c(&fields[n], c);
				continue;
			}
		}
		if (c == '"') {
			quoted = 1;
		} else if (c == ';') {
			if (n < 63)
				n++;
			fields[n].len = 0;
			put_c(&fields[n], 0);
			fields[n].len = 0;
		} else if (c == '\n') {
			break;
		} else if (c != '\r') {
			put_c(&fields[n], c);
		}
	}
	return any ? n + 1 : 0;
}

/* ---- Row height: the estimate of src/export/xlsx.c ---- */

static int wrap_lines(const char *s, double width)
{
	int cap = (int)(width * 1.2) - 1, lines = 1, col = 0;

	if (cap < 1)
		cap = 1;
	while (s && *s) {
		const char *w = s;
		int len = 0;

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
		while (*w && *w != ' ' && *w != '\n') {
			if (((unsigned char)*w & 0xC0) != 0x80)
				len++;
			w++;
		}
		if (col > 0 && col + len > cap) {
			lines++;
			col = 0;
		}
		while (len > cap) {
			lines++;
			len -= cap;
		}
		col += len;
		s = w;
	}
	return lines;
}

static const char *cell(int c)
{
	return fields[c].buf && fields[c].len ? fields[c].buf : "";
}

static int is_integer(const char *s)
{
	const char *q = s + (*s == '-');

	return *q >= '1' && *q <= '9' && strlen(q) <= 15 &&
	    strspn(q, "0123456789") == strlen(q);
}

static void set_height(lxw_worksheet *ws, lxw_row_t row, int lines)
{
	double h = lines * 13.8 + 3;

	if (lines > 1)
		worksheet_set_row(ws, row, h > 409 ? 409 : h, NULL);
}

/* The "Indicateurs" sheet: N°, Action, Indicateur, Unité, Référence,
 * Cible, the years, Commentaire, À communiquer; the CSV's last column
 * says whether the row is blue. */
static void indicators(lxw_worksheet *ws, FILE *in, lxw_format *fmt[2][3],
    lxw_format *header, lxw_data_validation *yes_no)
{
	double w[64] = { 6, 40, 34, 12, 12, 12 };
	int n, c, ncols = 0, b;
	lxw_row_t row = 0;

	while ((n = read_record(in)) > 0) {
		if (row == 0) {
			ncols = n - 1;	/* the years end at ncols - 3 */
			for (c = 6; c < ncols - 2; c++)
				w[c] = 9;
			w[ncols - 2] = 50;
			w[ncols - 1] = 13;
			for (c = 0; c < ncols; c++)
				worksheet_set_column(ws, (lxw_col_t)c,
				    (lxw_col_t)c, w[c], NULL);
			set_height(ws, 0, 2);
			for (c = 0; c < ncols; c++)
				if (c >= 6 && c < ncols - 2)
					worksheet_write_number(ws, 0,
					    (lxw_col_t)c, atof(cell(c)), header);
				else
					worksheet_write_string(ws, 0,
					    (lxw_col_t)c, cell(c), header);
			row++;
			continue;
		}
		if (n != ncols + 1)
			continue;
		{
			int l = wrap_lines(cell(1), w[1]), l2;

			if ((l2 = wrap_lines(cell(2), w[2])) > l)
				l = l2;
			if ((l2 = wrap_lines(cell(ncols - 2), w[ncols - 2])) > l)
				l = l2;
			set_height(ws, row, l);
		}
		b = strcmp(cell(ncols), "Oui") == 0;
		for (c = 0; c < ncols; c++) {
			const char *v = cell(c);
			int k = c == 1 || c == 2 || c == ncols - 2 ? 0 : 1;

			if (c >= 4 && c < ncols - 2 && is_integer(v))
				worksheet_write_number(ws, row, (lxw_col_t)c,
				    atof(v), fmt[b][2]);
			else if (!*v)
				worksheet_write_blank(ws, row, (lxw_col_t)c,
				    fmt[b][k]);
			else
				worksheet_write_string(ws, row, (lxw_col_t)c,
				    v, fmt[b][k]);
		}
		row++;
	}
	worksheet_data_validation_range(ws, 1, (lxw_col_t)(ncols - 1),
	    (row > 1 ? row - 1 : 1) + 500, (lxw_col_t)(ncols - 1), yes_no);
	if (row > 1)
		worksheet_autofilter(ws, 0, 0, row - 1, (lxw_col_t)(ncols - 1));
	worksheet_freeze_panes(ws, 1, 3);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_set_footer(ws, "&LVille de Banc-d'Essai&RPage &P / &N");
}

int main(int argc, char **argv)
{
	static const char *yes_no[] = { "Oui", "Non", NULL };
	static const char *progress[] = { "Non commencée", "En cours",
	    "Réalisée", NULL };
	static const int yes_no_cols[] = { 4, 16, 17, 19 };
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE };
	lxw_row_col_options hidden = { .hidden = 1 };
	lxw_format *fmt[2][3], *header, *locked, *hidden_id;
	lxw_data_validation dv;
	lxw_protection prot;
	lxw_workbook *wb;
	lxw_worksheet *ws, *ws_ind;
	FILE *in, *ind;
	int c, b, k, n, lines;
	lxw_row_t row = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: floor PLAN.csv INDICATEURS.csv "
		    "SORTIE.xlsx\n");
		return 2;
	}
	if (!(in = fopen(argv[1], "rb")) || !(ind = fopen(argv[2], "rb"))) {
		perror(argv[1]);
		return 1;
	}
	if ((c = getc(in)) != 0xEF || getc(in) != 0xBB || getc(in) != 0xBF)
		rewind(in);	/* no BOM */
	if ((c = getc(ind)) != 0xEF || getc(ind) != 0xBB || getc(ind) != 0xBF)
		rewind(ind);
	wb = workbook_new_opt(argv[3], &wo);
	if (!wb)
		return 1;
	ws = workbook_add_worksheet(wb, "Plan d'action");
	ws_ind = workbook_add_worksheet(wb, "Indicateurs");
	for (b = 0; b < 2; b++)
		for (k = 0; k < 3; k++) {
			lxw_format *f = fmt[b][k] = workbook_add_format(wb);

			format_set_text_wrap(f);
			format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
			format_set_border(f, LXW_BORDER_THIN);
			format_set_border_color(f, 0xA6A6A6);
			format_set_unlocked(f);
			if (k)
				format_set_align(f, LXW_ALIGN_CENTER);
			if (b)
				format_set_bg_color(f, BLUE_PRIORITY);
		}
	header = workbook_add_format(wb);
	format_set_bold(header);
	format_set_text_wrap(header);
	format_set_align(header, LXW_ALIGN_CENTER);
	format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_color(header, LXW_COLOR_WHITE);
	format_set_bg_color(header, BLUE_HEADER);
	format_set_border(header, LXW_BORDER_THIN);
	format_set_unlocked(header);
	locked = workbook_add_format(wb);
	format_set_text_wrap(locked);
	format_set_align(locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(locked, LXW_BORDER_THIN);
	format_set_border_color(locked, 0xA6A6A6);
	format_set_bg_color(locked, BLUE_PRIORITY);
	format_set_bold(locked);
	hidden_id = workbook_add_format(wb);
	format_set_num_format(hidden_id, "0");

	for (c = 0; c < NCOL; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c],
		    fmt[0][center[c]]);
	worksheet_set_column_opt(ws, NCOL, NCOL + 1, 10, hidden_id, &hidden);

	while ((n = read_record(in)) > 0) {
		if (n < NCOL)
			continue;
		lines = 1;
		for (c = 0; c < NCOL; c++) {	/* the header's at 0.9 width */
			int l = wrap_lines(cell(c), row ? widths[c] :
			    widths[c] * 0.9);

			if (l > lines)
				lines = l;
		}
		set_height(ws, row, lines);
		if (row == 0) {
			for (c = 0; c < NCOL; c++)
				worksheet_write_string(ws, 0, (lxw_col_t)c,
				    cell(c), header);
			worksheet_write_string(ws, 0, NCOL, "suivi_id", NULL);
			worksheet_write_string(ws, 0, NCOL + 1, "suivi_version",
			    NULL);
			row++;
			continue;
		}
		b = strcmp(cell(4), "Oui") == 0;
		for (c = 0; c < NCOL; c++) {
			lxw_format *f = c == 3 && b ? locked : fmt[b][center[c]];

			if (c == 1)
				worksheet_write_number(ws, row, 1,
				    atof(cell(1)), f);
			else if (!*cell(c))
				worksheet_write_blank(ws, row, (lxw_col_t)c, f);
			else
				worksheet_write_string(ws, row, (lxw_col_t)c,
				    cell(c), f);
		}
		worksheet_write_number(ws, row, NCOL, row, hidden_id);
		worksheet_write_number(ws, row, NCOL + 1, 1, hidden_id);
		row++;
	}
	fclose(in);

	worksheet_freeze_panes(ws, 1, 4);
	worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, NCOL - 1);
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)yes_no;
	for (c = 0; c < 4; c++)
		worksheet_data_validation_range(ws, 1,
		    (lxw_col_t)yes_no_cols[c], row + 500,
		    (lxw_col_t)yes_no_cols[c], &dv);
	dv.value_list = (char **)progress;
	worksheet_data_validation_range(ws, 1, 11, row + 500, 11, &dv);
	memset(&prot, 0, sizeof prot);
	prot.format_cells = prot.format_columns = prot.format_rows = 1;
	prot.insert_rows = prot.sort = prot.autofilter = 1;
	worksheet_protect(ws, NULL, &prot);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	worksheet_set_footer(ws, "&LVille de Banc-d'Essai&RPage &P / &N");
	dv.value_list = (char **)yes_no;
	indicators(ws_ind, ind, fmt, header, &dv);
	fclose(ind);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
