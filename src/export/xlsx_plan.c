/*
 * xlsx_plan.c - the "Plan d'action" sheet, one row per action (columns
 * in export.h): header, rows, then the filter, drop-down lists and the
 * sheet protection. The rows are written one by one so that a streamed
 * plan (xlsx_pass.c) writes them as its actions pass.
 */
#include <string.h>

#include "xlsx_priv.h"

#define PLAN_PRINT_SCALE	70	/* percent */

/* Column widths of "Plan d'action" (Excel character units). */
static const double plan_widths[EXPORT_N_COLUMNS] = {
	6, 11, 22, 34, 11, 50, 18, 18, 22, 16, 11, 14, 14, 30, 42, 38, 14, 10,
	26, 10, 14,
};

/* Cells in the centre (short values) rather than wrapped left. */
static const unsigned char plan_center[EXPORT_N_COLUMNS] = {
	[XC_REF] = 1, [XC_ENGAGEMENT] = 1, [XC_PRIORITY] = 1,
	[XC_SCHEDULE] = 1, [XC_PROGRESS] = 1, [XC_RESULT] = 1, [XC_ADDED] = 1,
	[XC_CANCELLED] = 1, [XC_GOOD_PRACTICE] = 1,
};

void xl_plan_begin(struct xctx *x, lxw_worksheet *ws)
{
	/* cppcheck-suppress legacyUninitvar ; a designated initialiser */
	lxw_row_col_options hidden = { .hidden = 1 };
	int c, lines;

	/* Empty cells below the data stay editable: column formats. */
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		xl_note_err(x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    plan_widths[c], x->cell[0][plan_center[c] ? K_CENTER :
		    K_TEXT]));
	xl_note_err(x, worksheet_set_column_opt(ws, EXPORT_N_COLUMNS,
	    EXPORT_N_COLUMNS + 1, 10, x->hidden_id, &hidden));

	lines = 1;
	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		int l = xl_wrap_lines(export_columns[c], plan_widths[c] * 0.9);

		if (l > lines)
			lines = l;
	}
	xl_note_err(x, worksheet_set_row(ws, 0, xl_height_for(lines), NULL));
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		xl_put(x, ws, 0, c, export_columns[c], x->header);
	xl_put(x, ws, 0, EXPORT_N_COLUMNS, EXPORT_COL_ID, NULL);
	xl_put(x, ws, 0, EXPORT_N_COLUMNS + 1, EXPORT_COL_VERSION, NULL);
}

/* Writes the row of action a; cells: EXPORT_N_COLUMNS buffers reused
 * from row to row. */
void xl_plan_row(struct xctx *x, lxw_worksheet *ws, int row,
    const struct action *a, struct strbuf *cells)
{
	int b = a->priority ? 1 : 0, c, lines = 1;
	lxw_format *const *fs = a->cancelled ? x->cell_off : x->cell[b];

	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		int l;

		/* Each text once per row: the height needs them all before
		 * the first cell is written, and so does the length check
		 * of a streamed action (export_check_texts for a loaded
		 * plan, before the file exists). */
		if (export_cell_text(a, (enum export_col)c, &cells[c])) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		if (c == XC_RECOMMENDATION && cells[c].len &&
		    xl_recommendation_text(x, a->recommendation, &cells[c])) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		if (export_check_cell(a, (enum export_col)c, &cells[c], x->e)) {
			xl_note_err(x, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
			return;
		}
		l = xl_wrap_lines(sb_str(&cells[c]), plan_widths[c]);
		if (l > lines)
			lines = l;
	}
	xl_set_height(x, ws, row, lines);
	for (c = 0; c < EXPORT_N_COLUMNS; c++) {
		lxw_format *f = fs[plan_center[c] ? K_CENTER : K_TEXT];

		if (c == XC_DESIGNATION && a->priority)
			f = a->cancelled ? x->designation_off :
			    x->designation_locked;
		if (c == XC_ENGAGEMENT)
			xl_put_num(x, ws, row, c, a->engagement, f);
		else
			xl_put(x, ws, row, c, sb_str(&cells[c]), f);
	}
	xl_put_num(x, ws, row, EXPORT_N_COLUMNS, (double)a->id, x->hidden_id);
	xl_put_num(x, ws, row, EXPORT_N_COLUMNS + 1, (double)a->version,
	    x->hidden_id);
}

/* After the n_rows rows of actions: filter, drop-down lists, protection,
 * page. */
void xl_plan_end(struct xctx *x, lxw_worksheet *ws, size_t n_rows)
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
	xl_note_err(x, worksheet_autofilter(ws, 0, 0, last,
	    EXPORT_N_COLUMNS - 1));

	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)xl_yes_no;
	dv.error_title = "Valeur non prévue";
	dv.error_message = "Choisissez Oui ou Non dans la liste.";
	for (c = 0; c < 4; c++)
		xl_note_err(x, worksheet_data_validation_range(ws, 1,
		    (lxw_col_t)yes_no_cols[c], last + EXTRA_ROWS,
		    (lxw_col_t)yes_no_cols[c], &dv));
	dv.value_list = (char **)progress;
	dv.error_message = "Choisissez Non commencée, En cours ou Réalisée "
	    "dans la liste.";
	xl_note_err(x, worksheet_data_validation_range(ws, 1, XC_PROGRESS,
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

	/* At 70 %, 11 pt prints at 7.7 pt; N° to Intitulé are repeated on
	 * each page, three pages wide on A4 landscape. */
	xl_page_setup_scale(x, ws, 1, PLAN_PRINT_SCALE);
	xl_note_err(x, worksheet_repeat_rows(ws, 0, 0));
	xl_note_err(x, worksheet_repeat_columns(ws, 0, XC_DESIGNATION));
	worksheet_set_zoom(ws, 90);
}

void xl_sheet_plan(struct xctx *x, lxw_worksheet *ws)
{
	const struct plan *p = x->p;
	struct strbuf cells[EXPORT_N_COLUMNS];
	size_t i;
	int c;

	memset(cells, 0, sizeof cells);
	xl_plan_begin(x, ws);
	for (i = 0; i < p->n_actions && !x->lerr; i++)
		xl_plan_row(x, ws, (int)i + 1, &p->actions[i], cells);
	if (!x->lerr)
		xl_plan_end(x, ws, p->n_actions);
	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		sb_free(&cells[c]);
}

int export_long_texts(const struct plan *p, const char *pilot,
    struct strbuf *out)
{
	struct plan view;
	struct strbuf cell = {0};
	struct err e = {0};
	size_t i;
	int c, rc;

	if ((rc = export_view_make(p, pilot, &view, &e)))
		return rc;
	for (i = 0; i < view.n_actions && !rc; i++) {
		const struct action *a = &view.actions[i];

		for (c = 0; c < EXPORT_N_COLUMNS && !rc; c++) {
			int lines;

			if (export_cell_text(a, (enum export_col)c, &cell)) {
				rc = ERR_NOMEM;
				break;
			}
			lines = xl_wrap_lines(sb_str(&cell), plan_widths[c]);
			if (lines * LINE_PT + ROW_PAD_PT <= MAX_ROW_PT)
				continue;
			if (sb_printf(out, "Action %s, %s : texte trop long pour "
			    "une ligne du tableau « Plan d'action » (environ %d "
			    "lignes, %d au plus à l'écran) ; la cellule le "
			    "contient en entier et la feuille « Fiches actions » "
			    "l'imprime en entier\n", a->ref ? a->ref : "?",
			    export_columns[c], lines,
			    (int)((MAX_ROW_PT - ROW_PAD_PT) / LINE_PT)))
				rc = ERR_NOMEM;
		}
	}
	sb_free(&cell);
	export_view_free(&view);
	return rc;
}
