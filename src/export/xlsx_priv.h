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
/* One wrapped line of Calibri 11: LibreOffice lays them 11.2 pt apart
 * (Carlito), Excel about 15; 11.8 keeps LibreOffice's rows within 10 % of
 * their optimal height (tests/export/lo_heights.py) and shows most of a
 * tall cell in Excel. "Fiches actions" uses Excel's pitch (FICHE_LINE_PT)
 * so that its texts show whole in both. */
#define LINE_PT		11.8
#define ROW_PAD_PT	2.0		/* above and below the lines of a row */
#define XL_PAD_PX	2.0		/* a cell's inner margins, pixels */
#define GREY_CANCELLED	0xD9D9D9	/* fill of cancelled rows */
#define XL_FORMAT_VERSION 2		/* custom property "Version du format" */
#define XL_N_SHEETS	6		/* SPEC section 6, Présentation..Fiches */
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
	lxw_format *cell_off[K_COUNT];	/* cancelled: grey, struck */
	lxw_format *designation_off;	/* cancelled priority designation */
	lxw_format *mark;		/* "Provisoire …", "Extrait : …" */
	lxw_format *fiche_head, *fiche_label, *fiche_text;	/* Fiches */

	/* What the file is: "" for the whole plan of a done review, else
	 * "Provisoire — bilan annuel non fait" and/or "Extrait : <service>"
	 * (the service as written in the plan), for titles and footers. */
	char *service;			/* NULL: the whole plan */
	struct strbuf marks;
	lxw_row_t *fiche_breaks;	/* kept until the workbook is closed */

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

/* "Fiches actions" (xlsx_fiches.c): one block per action, every text in
 * full, split over rows at paragraph then line boundaries. */
struct fiche_sheet {
	int row;
	double page_pt;			/* height used on the current page */
	size_t n_breaks;		/* in x->fiche_breaks */
	lxw_format *head, *label, *text, *center;
	struct strbuf sb, piece;
};

/* A large plan written from its source, one action at a time (xlsx_pass.c). */
struct pass {
	struct xctx *x;
	lxw_worksheet *ws_plan, *ws_ind, *ws_fiches;
	struct ind_sheet is;
	struct fiche_sheet fs;
	struct strbuf cells[EXPORT_N_COLUMNS];
	char *pilot;			/* folded, NULL: every action */
	size_t rows;			/* actions written */
	int keep_all;			/* Évolution compares whole plans */
	struct plan light;		/* actions Évolution lists, no texts */
};

/* The names of the sheets, in order (xlsx.c). */
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
/* Lines that s takes wrapped in a column of width characters, with
 * Calibri's widths (Carlito's table, carlito_widths.c). */
int xl_wrap_lines(const char *s, double width);
/* Bytes of s that fill at most max_lines lines of such a column, cut at
 * a paragraph or word boundary (strlen(s) when all of s fits). */
size_t xl_wrap_prefix(const char *s, double width, int max_lines);
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
/* "E1-R1 — <wording>", "à compléter" when the referential does not
 * know it, "(provisoire)" when it says so; "" without a code. */
int xl_recommendation_text(struct xctx *x, const char *code,
    struct strbuf *sb);
/* A4, margins, one page wide, the footer (collectivité, year, page). */
void xl_page_setup(struct xctx *x, lxw_worksheet *ws, int landscape);
/* Likewise at a fixed scale (percent) instead of one page wide. */
void xl_page_setup_scale(struct xctx *x, lxw_worksheet *ws, int landscape,
    int scale);
/* 1 when the file shows a year whose review is not done. */
int xl_provisional(const struct xctx *x);

/* ---- The sheets, from the whole plan in x->p ---- */

void xl_sheet_presentation(struct xctx *x, lxw_worksheet *ws);	/* xlsx_pres.c */
void xl_sheet_plan(struct xctx *x, lxw_worksheet *ws);		/* xlsx_plan.c */
void xl_sheet_indicators(struct xctx *x, lxw_worksheet *ws);	/* xlsx_ind.c */
void xl_sheet_summary(struct xctx *x, lxw_worksheet *ws);	/* xlsx_synth.c */
void xl_sheet_evolution(struct xctx *x, lxw_worksheet *ws);	/* xlsx_evol.c */

void xl_fiches_begin(struct xctx *x, lxw_worksheet *ws, struct fiche_sheet *fs);
void xl_fiches_action(struct xctx *x, lxw_worksheet *ws,
    struct fiche_sheet *fs, const struct action *a);
void xl_fiches_end(struct xctx *x, lxw_worksheet *ws, struct fiche_sheet *fs);
void xl_sheet_fiches(struct xctx *x, lxw_worksheet *ws);

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
    lxw_worksheet *ws_ind, lxw_worksheet *ws_fiches, struct pass *ps,
    struct err *e);
/* Frees what ps holds; safe on a zeroed pass. */
void xl_pass_free(struct pass *ps);

#endif
