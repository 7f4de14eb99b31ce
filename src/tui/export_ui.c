/*
 * export_ui.c - F6: exports the yearly spreadsheet from the interface.
 *
 * Asks the year (default: the current year of the mandate) and the file
 * name (default from export_default_name), loads the plan as it was
 * frozen by that year's done review (else the live plan) and calls
 * export_write_xlsx, which writes to a temporary name and renames.
 * Reports in the status line; libxlsxwriter never reaches the terminal
 * because stderr goes to the log while curses is active. As `suivi
 * export`, a plan of EXPORT_STREAM_MIN actions or more is not loaded:
 * the export reads its actions one at a time (store_each_plan_action).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "store_plan.h"
#include "tui_priv.h"

int tui_export(struct app *a)
{
	struct plan *p = NULL, *initial = NULL;
	struct export_opts o;
	struct export_source src;
	struct store_plan_ref ps;
	struct err e = {0};
	char ybuf[16], *ys = NULL, *name = NULL, *path = NULL;
	const struct review *rv;
	int year, has = 0, from = 0;
	size_t n = 0;

	snprintf(ybuf, sizeof ybuf, "%d", a->current_year);
	if (app_ask_line(a, "Exporter le tableau de suivi : année du bilan",
	    ybuf, &ys))
		goto out;
	year = atoi(ys);
	if (year < a->mandate.year_first || year > a->mandate.year_last) {
		app_status(a, 1, "Export : l'année doit être comprise entre %d "
		    "et %d.", a->mandate.year_first, a->mandate.year_last);
		goto out;
	}
	if (store_load_plan_head(a->store, a->mandate_id, 0, &p, &e))
		goto fail;
	rv = plan_review(p, year);
	/* A ticked year exports what was submitted. */
	from = rv && rv->done ? year : 0;
	plan_free(&p);
	if (store_count_plan_actions(a->store, a->mandate_id, from, NULL, &n,
	    &e))
		goto fail;
	if (n >= EXPORT_STREAM_MIN ? store_load_plan_head(a->store,
	    a->mandate_id, from, &p, &e) : store_load_plan(a->store,
	    a->mandate_id, from, &p, &e))
		goto fail;
	if (store_has_initial(a->store, a->mandate_id, &has, &e) ||
	    (has && (n >= EXPORT_STREAM_MIN ?
	    store_load_snapshot_light(a->store, a->mandate_id, 0, &initial,
	    &e) : store_load_initial(a->store, a->mandate_id, &initial, &e))))
		goto fail;
	name = export_default_name(p, year, NULL, "xlsx");
	if (app_ask_line(a, "Nom du fichier à écrire", name, &path) ||
	    str_empty(str_trim(path)))
		goto out;
	memset(&o, 0, sizeof o);
	o.year = year;
	o.initial = initial;
	if (n >= EXPORT_STREAM_MIN) {
		ps.store = a->store;
		ps.mandate_id = a->mandate_id;
		ps.year = from;
		src.each = store_plan_each;
		src.ctx = &ps;
		src.n_actions = n;
		o.source = &src;
	}
	if (export_write_xlsx(path, p, &o, &e))
		goto fail;
	app_status(a, 0, "Tableau de suivi %d exporté : %s", year, path);
	goto out;
fail:
	app_status(a, 1, "Export : %s", e.msg);
out:
	plan_free(&p);
	plan_free(&initial);
	free(ys);
	free(name);
	free(path);
	return REDRAW_ALL;
}
