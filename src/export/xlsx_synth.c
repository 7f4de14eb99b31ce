/*
 * xlsx_synth.c - the "Synthèse" sheet: counts per engagement (values,
 * not formulas), the city's own assessment next to them, and a stacked
 * column chart of the progress.
 */
#include "xlsx_priv.h"

void xl_sheet_summary(struct xctx *x, lxw_worksheet *ws)
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

	xl_set_widths(x, ws, w, 14, NULL);
	sb_reset(&x->sb);
	sb_printf(&x->sb, "Synthèse par engagement : bilan %d", x->o->year);
	if (!str_empty(x->o->pilot)) {
		sb_append(&x->sb, " (service ");
		xl_append_cut(&x->sb, x->o->pilot, 200, 0);
		sb_append(&x->sb, ")");
	}
	worksheet_set_row(ws, 0, 24, NULL);
	xl_put(x, ws, 0, 0, sb_str(&x->sb), x->title);
	xl_put_row(x, ws, 2, h, 14, w, x->header);
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
			sb_append(&x->sb, x->service ? "Ensemble des actions "
			    "du service" : "Ensemble du plan");
		lines = xl_wrap_lines(re ? re->title : "", w[1]);
		xl_put(x, ws, r, 0, sb_str(&x->sb), tf);
		xl_put(x, ws, r, 1, re ? re->title : "", tf);
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
			xl_put_num(x, ws, r, 2 + c, v[c], nf);
		if (pc->actions)
			xl_put_num(x, ws, r, 11, (double)pc->done / pc->actions,
			    k ? x->pct : x->pct_bold);
		else
			xl_put(x, ws, r, 11, "", k ? x->pct : x->pct_bold);
		/* The city's own assessment (final review of the mandate),
		 * next to the computed figures. */
		for (c = 0; k && c < (int)p->n_assessments; c++) {
			const struct assessment *as = &p->assessments[c];

			if (as->engagement != k)
				continue;
			xl_put(x, ws, r, 12, as->value >= 0 ?
			    result_label((enum result)as->value) : "", tf);
			xl_put(x, ws, r, 13, as->comment ? as->comment : "", tf);
			if (xl_wrap_lines(as->comment ? as->comment : "", w[13]) >
			    lines)
				lines = xl_wrap_lines(as->comment ? as->comment :
				    "", w[13]);
		}
		xl_set_height(x, ws, r, lines);
	}
	row = 4 + n;
	xl_put(x, ws, row + 1, 0, "« Actions » compte les actions non "
	    "annulées ; « Part réalisée » rapporte les actions réalisées à "
	    "ces actions.", NULL);

	chart = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED);
	if (!chart || n < 1) {
		if (!chart)
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (k = 0; k < 3; k++) {
		lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
		lxw_chart_fill fill = { .color = series[k].color };

		if (!s) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		chart_series_set_categories(s, xl_sheet_names[3], 3, 0,
		    (lxw_row_t)(2 + n), 0);
		chart_series_set_values(s, xl_sheet_names[3], 3,
		    (lxw_col_t)series[k].col, (lxw_row_t)(2 + n),
		    (lxw_col_t)series[k].col);
		chart_series_set_name(s, series[k].name);
		chart_series_set_fill(s, &fill);
	}
	chart_title_set_name(chart, "Avancement des actions par engagement");
	chart_axis_set_name(chart->y_axis, "Nombre d'actions");
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	xl_note_err(x, worksheet_insert_chart_opt(ws, (lxw_row_t)row + 3, 0,
	    chart, &co));
	xl_page_setup(x, ws, 1);
}
