/*
 * export_ui.c - F6: exports the yearly spreadsheet from the interface.
 *
 * Asks the year (default: the current year of the mandate) and the file
 * name (default from ops_export_prepare); what is exported is chosen by
 * ops_export_prepare exactly as for `suivi export` (the frozen snapshot
 * of a done review, the previous done review, the document date, large
 * plans streamed), so that both give the same file. The export writes to
 * a temporary name and renames. Reports in the status line;
 * libxlsxwriter never reaches the terminal because stderr goes to the
 * log while curses is active.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "tui_priv.h"

int tui_export(struct app *a)
{
	struct ops_export x;
	struct err e = {0};
	char ybuf[16], *ys = NULL, *path = NULL;
	int year;

	memset(&x, 0, sizeof x);
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
	if (ops_export_prepare(a->store, &a->mandate, year, NULL, "xlsx", &x,
	    &e))
		goto fail;
	if (app_ask_line(a, "Nom du fichier à écrire", x.name, &path) ||
	    str_empty(str_trim(path)))
		goto out;
	if (ops_export_write(&x, path, 0, &e))
		goto fail;
	app_status(a, 0, "Tableau de suivi %d exporté : %s", year, path);
	goto out;
fail:
	app_status(a, 1, "Export : %s", e.msg);
out:
	ops_export_clear(&x);
	free(ys);
	free(path);
	return REDRAW_ALL;
}
