/*
 * xlsx_ind.c - the "Indicateurs" sheet: one row per key indicator of each
 * action, one column per year of the mandate, then the comments and
 * "À communiquer". Rows are written action by action, for the same
 * reason as in xlsx_plan.c.
 */
#include <string.h>

#include "xlsx_priv.h"

void xl_ind_begin(struct xctx *x, lxw_worksheet *ws,
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
	xl_set_widths(x, ws, w, is->ncols, NULL);
	xl_note_err(x, worksheet_set_row(ws, 0, xl_height_for(2), NULL));
	for (c = 0; c < 6; c++)
		xl_put(x, ws, 0, c, fixed[c], x->header);
	for (c = 0; c < is->ny; c++)
		xl_put_num(x, ws, 0, 6 + c, is->first + c, x->header);
	xl_put(x, ws, 0, 6 + is->ny, "Commentaire", x->header);
	xl_put(x, ws, 0, 7 + is->ny, "À communiquer", x->header);
}

/* The rows of the indicators of action a. */
void xl_ind_action(struct xctx *x, lxw_worksheet *ws,
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
			xl_note_err(x, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED);
			return;
		}
		cells[0] = a->designation;
		cells[1] = ind->label;
		cells[2] = sb_str(&x->sb);
		lines = xl_wrap_lines(cells[0], w[1]);
		if (xl_wrap_lines(cells[1], w[2]) > lines)
			lines = xl_wrap_lines(cells[1], w[2]);
		if (xl_wrap_lines(cells[2], w[6 + ny]) > lines)
			lines = xl_wrap_lines(cells[2], w[6 + ny]);
		if (xl_wrap_lines(ind->unit, w[3]) > lines)
			lines = xl_wrap_lines(ind->unit, w[3]);
		xl_set_height(x, ws, row, lines);
		xl_put(x, ws, row, 0, a->ref, x->cell[b][K_CENTER]);
		xl_put(x, ws, row, 1, a->designation, x->cell[b][K_TEXT]);
		xl_put(x, ws, row, 2, ind->label, x->cell[b][K_TEXT]);
		xl_put(x, ws, row, 3, ind->unit, x->cell[b][K_CENTER]);
		xl_put_value(x, ws, row, 4, ind->baseline,
		    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		xl_put_value(x, ws, row, 5, ind->target,
		    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		for (c = 0; c < ny; c++) {
			const struct indicator_value *iv =
			    indicator_value_for(ind, is->first + c);

			xl_put_value(x, ws, row, 6 + c, iv ? iv->value : NULL,
			    x->cell[b][K_CENTER], x->cell[b][K_NUMBER]);
		}
		xl_put(x, ws, row, 6 + ny, sb_str(&x->sb), x->cell[b][K_TEXT]);
		xl_put(x, ws, row, 7 + ny, ind->communicate ? "Oui" : "Non",
		    x->cell[b][K_CENTER]);
		is->row++;
	}
}

void xl_ind_end(struct xctx *x, lxw_worksheet *ws,
    const struct ind_sheet *is)
{
	lxw_data_validation dv;
	lxw_col_t col = (lxw_col_t)is->ncols - 1;

	/* The list of the yes/no columns of "Plan d'action", below the
	 * rows too: an indicator may be added in the sheet. */
	memset(&dv, 0, sizeof dv);
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)xl_yes_no;
	dv.error_title = "Valeur non prévue";
	dv.error_message = "Choisissez Oui ou Non dans la liste.";
	xl_note_err(x, worksheet_data_validation_range(ws, 1, col,
	    (lxw_row_t)(is->row > 1 ? is->row - 1 : 1) + EXTRA_ROWS, col,
	    &dv));
	if (is->row == 1)
		xl_put(x, ws, 1, 0, "Aucun indicateur clé n'est renseigné.",
		    x->note);
	else
		xl_note_err(x, worksheet_autofilter(ws, 0, 0,
		    (lxw_row_t)is->row - 1, (lxw_col_t)is->ncols - 1));
	worksheet_freeze_panes(ws, 1, 3);
	xl_page_setup(x, ws, 1);
	xl_note_err(x, worksheet_repeat_rows(ws, 0, 0));
}

void xl_sheet_indicators(struct xctx *x, lxw_worksheet *ws)
{
	const struct plan *p = x->p;
	struct ind_sheet is;
	size_t i;

	xl_ind_begin(x, ws, &is);
	for (i = 0; i < p->n_actions && !x->lerr; i++)
		xl_ind_action(x, ws, &is, &p->actions[i]);
	if (!x->lerr)
		xl_ind_end(x, ws, &is);
}
