/*
 * xlsx_evol.c - the "Évolution" sheet: the actions added to or cancelled
 * from the initial plan, then the progress that changed since the
 * previous done review (export_opts.initial and .previous).
 */
#include <stdio.h>

#include "xlsx_priv.h"

void xl_sheet_evolution(struct xctx *x, lxw_worksheet *ws)
{
	static const double w[5] = { 8, 12, 60, 18, 60 };
	const struct plan *p = x->p;
	struct change *ch = NULL, *pr = NULL;
	size_t nch = 0, npr = 0, i;
	int row = 0, found, pass;
	char eng[16], year[16], date[16];

	xl_set_widths(x, ws, w, 5, NULL);
	xl_page_setup(x, ws, 1);
	worksheet_set_row(ws, 0, 24, NULL);
	xl_put(x, ws, row++, 0, "Évolution du plan d'action", x->title);
	if (x->o->initial) {
		if (plan_compare(x->o->initial, p, &ch, &nch, x->e)) {
			xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
			return;
		}
		export_date_fr(x->o->initial->snapshot_at, date, sizeof date);
		sb_reset(&x->sb);
		sb_append(&x->sb, "Comparaison avec le plan d'action initial "
		    "approuvé en conseil municipal");
		if (date[0])
			sb_printf(&x->sb, " (figé le %s)", date);
		sb_append(&x->sb, ".");
		xl_put(x, ws, row++, 0, sb_str(&x->sb), NULL);
	} else {
		xl_put(x, ws, row++, 0, "Le plan d'action initial n'a pas été "
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
		xl_put(x, ws, row++, 0, pass ? "Actions annulées" :
		    "Actions supplémentaires au plan d'action initial",
		    x->subtitle);
		xl_put_row(x, ws, row++, pass ? hcan : hadd, 5, w, x->header);
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
			xl_put_row(x, ws, row, cells, 5, w,
			    x->cell[a->priority ? 1 : 0][K_TEXT]);
			row++;
		}
		if (!found)
			xl_put(x, ws, row++, 0, "Aucune.", x->note);
	}
	changes_free(ch, nch);

	row++;
	if (!x->o->previous) {
		xl_put(x, ws, row++, 0, "Évolution de l'avancement", x->subtitle);
		xl_put(x, ws, row++, 0, "Aucun bilan annuel antérieur n'est fait : "
		    "pas de comparaison de l'avancement.", x->note);
		return;
	}
	sb_reset(&x->sb);
	sb_printf(&x->sb, "Évolution de l'avancement depuis le bilan %d",
	    x->o->previous_year);
	xl_put(x, ws, row++, 0, sb_str(&x->sb), x->subtitle);
	{
		static const char *const h[5] = { "N°", "Engagement",
		    "Intitulé de l'action", "Avancement avant",
		    "Avancement maintenant" };

		xl_put_row(x, ws, row++, h, 5, w, x->header);
	}
	if (plan_compare(x->o->previous, p, &pr, &npr, x->e)) {
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
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
		xl_put_row(x, ws, row++, cells, 5, w,
		    x->cell[a && a->priority ? 1 : 0][K_TEXT]);
	}
	if (!found)
		xl_put(x, ws, row++, 0, "Aucun changement d'avancement.", x->note);
	changes_free(pr, npr);
}
