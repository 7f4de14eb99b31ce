/*
 * xlsx_priv.h - what the files of the XLSX writer share: the writing
 * context and its formats, the cell writers (xlsx_cells.c), one entry
 * point per sheet and the one pass over a large plan. Private to
 * src/export/xlsx*.c, the only files that include <xlsxwriter.h>.
 */
#ifndef SUIVI_XLSX_PRIV_H
#define SUIVI_XLSX_PRIV_H

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

enum { K_TEXT, K_CENTER, K_NUMBER, K_COUNT };

/* What every sheet writer reads and writes: the workbook, the plan and
 * options, the first failure, the formats. */
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

/* A large plan written from its source, one action at a time (xlsx_pass.c). */
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

/* The names of the five sheets, in order (xlsx.c). */
extern const char *const xl_sheet_names[];
/* The drop-down list of the yes/no cells. */
extern const char *xl_yes_no[];

/* ---- Cell writers (xlsx_cells.c) ---- */

/* Keeps the first libxlsxwriter failure in x->lerr. */
void xl_note_err(struct xctx *x, lxw_error err);
/* Text, never a formula; "" or NULL gives a blank cell keeping f. */
void xl_put(struct xctx *x, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *f);
void xl_put_num(struct xctx *x, lxw_worksheet *ws, int row, int col,
    double v, lxw_format *f);
/* A plain integer as a number (format num), anything else as text. */
void xl_put_value(struct xctx *x, lxw_worksheet *ws, int row, int col,
    const char *s, lxw_format *text, lxw_format *num);
/* Lines that s takes wrapped in a column of width characters. */
int xl_wrap_lines(const char *s, double width);
/* Height in points of a row of lines lines (capped to Excel's). */
double xl_height_for(int lines);
/* Sets the height of row for lines lines (only when more than one). */
void xl_set_height(struct xctx *x, lxw_worksheet *ws, int row, int lines);
/* A row of n texts with format f, its height from widths. */
void xl_put_row(struct xctx *x, lxw_worksheet *ws, int row,
    const char *const *cells, int n, const double *widths, lxw_format *f);
void xl_set_widths(struct xctx *x, lxw_worksheet *ws, const double *w,
    int n, lxw_format *f);
/* Appends at most max code points of s, doubling '&' when amp. */
void xl_append_cut(struct strbuf *sb, const char *s, size_t max, int amp);
/* A4, margins, one page wide, the footer (collectivité, year, page). */
void xl_page_setup(struct xctx *x, lxw_worksheet *ws, int landscape);

/* ---- The sheets, from the whole plan in x->p ---- */

void xl_sheet_presentation(struct xctx *x, lxw_worksheet *ws);	/* xlsx_pres.c */
void xl_sheet_plan(struct xctx *x, lxw_worksheet *ws);		/* xlsx_plan.c */
void xl_sheet_indicators(struct xctx *x, lxw_worksheet *ws);	/* xlsx_ind.c */
void xl_sheet_summary(struct xctx *x, lxw_worksheet *ws);	/* xlsx_synth.c */
void xl_sheet_evolution(struct xctx *x, lxw_worksheet *ws);	/* xlsx_evol.c */

/* "Plan d'action" in three steps, for xlsx_pass.c: the header, the row
 * of action a (cells: EXPORT_N_COLUMNS buffers reused from row to row;
 * checks the lengths of its texts), then the n_rows rows done. */
void xl_plan_begin(struct xctx *x, lxw_worksheet *ws);
void xl_plan_row(struct xctx *x, lxw_worksheet *ws, int row,
    const struct action *a, struct strbuf *cells);
void xl_plan_end(struct xctx *x, lxw_worksheet *ws, size_t n_rows);
/* "Indicateurs" in three steps likewise. */
void xl_ind_begin(struct xctx *x, lxw_worksheet *ws, struct ind_sheet *is);
void xl_ind_action(struct xctx *x, lxw_worksheet *ws, struct ind_sheet *is,
    const struct action *a);
void xl_ind_end(struct xctx *x, lxw_worksheet *ws,
    const struct ind_sheet *is);

/* ---- One pass over a source (xlsx_pass.c) ---- */

/* Writes "Plan d'action" and "Indicateurs" from x->o->source in one
 * pass, then leaves in x->p the light plan Synthèse and Évolution read
 * (owned by ps). */
int xl_sheets_from_source(struct xctx *x, lxw_worksheet *ws_plan,
    lxw_worksheet *ws_ind, struct pass *ps, struct err *e);
/* Frees what ps holds; safe on a zeroed pass. */
void xl_pass_free(struct pass *ps);

#endif
