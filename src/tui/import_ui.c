/*
 * import_ui.c - i: imports a spreadsheet (XLSX or CSV) from the interface,
 * as `suivi import` does: read (import_read_file), map (import_map), then
 * a dry run whose report is shown in a scrollable dialog; only when the
 * user confirms is the database backed up (store_backup_beside, next to
 * it: <nom>-avant-import-AAAA-MM-JJ-HHhMMmSS.db) and the import applied, in one
 * transaction (import_apply). Rows in conflict are left alone, as without
 * --forcer on the command line.
 *
 * Never writes to the terminal: every message goes to a dialog or the
 * status line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "tui_priv.h"

/* Reads and maps path for the shown mandate. */
static int read_mapped(struct app *a, const char *path, const char *sheet,
    struct import_result **out, struct err *e)
{
	struct import_book *book = NULL;
	struct import_opts mo;
	int rc;

	memset(&mo, 0, sizeof mo);
	mo.sheet = sheet;
	mo.ref = a->ref;
	mo.year_min = a->mandate.year_first;
	mo.year_max = a->mandate.year_last;
	if (!(rc = import_read_file(path, &book, e)))
		rc = import_map_release(book, &mo, out, e);
	import_book_free(&book);
	return rc;
}

static void describe(const struct import_result *r, const char *base,
    struct strbuf *sb)
{
	size_t i;

	sb_printf(sb, "Fichier %s%s%s%s, en-tête ligne %d, %zu ligne%s "
	    "d'action%s.\n", base, r->sheet ? " (feuille « " : "",
	    r->sheet ? r->sheet : "", r->sheet ? " »)" : "", r->header_line,
	    r->n_rows, r->n_rows > 1 ? "s" : "", r->n_rows > 1 ? "s" : "");
	for (i = 0; i < r->n_ignored; i++)
		sb_printf(sb, "Colonne ignorée : %s\n", r->ignored[i]);
	for (i = 0; i < r->n_notes; i++)
		sb_printf(sb, "Lu : %s\n", r->notes[i]);
	for (i = 0; i < r->n_issues; i++) {
		const struct import_issue *is = &r->issues[i];

		sb_printf(sb, "%s%s%s%s\n", is->sev == IMPORT_ERROR ?
		    "Erreur : " : "Attention : ", is->where ? is->where : "",
		    is->where ? " : " : "", is->msg);
	}
}

static void totals(const struct import_report *rep, const char *what,
    struct strbuf *sb)
{
	sb_printf(sb, "%s : %zu créée%s, %zu modifiée%s, %zu inchangée%s, "
	    "%zu conflit%s.", what, rep->created, rep->created > 1 ? "s" : "",
	    rep->updated, rep->updated > 1 ? "s" : "", rep->unchanged,
	    rep->unchanged > 1 ? "s" : "", rep->conflicts,
	    rep->conflicts > 1 ? "s" : "");
	if (rep->ind_created || rep->ind_updated)
		sb_printf(sb, "\nIndicateurs clés : %zu créé%s, %zu mis à "
		    "jour.", rep->ind_created, rep->ind_created > 1 ? "s" : "",
		    rep->ind_updated);
	if (rep->conflicts)
		sb_printf(sb, "\nLes lignes en conflit (modifiées dans la base "
		    "depuis l'export) sont laissées de côté ; « suivi import "
		    "--forcer » les importe.");
}

/* "~/x" → "$HOME/x"; caller frees. */
static char *expand_home(const char *p)
{
	const char *home = getenv("HOME");
	struct strbuf sb = {0};

	if (p[0] == '~' && p[1] == '/' && home && *home)
		sb_printf(&sb, "%s%s", home, p + 1);
	else
		sb_append(&sb, p);
	return sb_steal(&sb);
}

int tui_import(struct app *a)
{
	struct import_result *r = NULL;
	struct import_report rep;
	struct import_apply_opts ao;
	struct strbuf sb = {0};
	struct err e = {0};
	char *typed = NULL, *path = NULL, *bak = NULL, *sheet = NULL;
	const char *base, *bak_base;
	int rc, has = 0;

	memset(&rep, 0, sizeof rep);
	memset(&ao, 0, sizeof ao);
	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	if (app_ask_line(a, "Importer un tableau (XLSX ou CSV) : chemin du "
	    "fichier", NULL, &typed) || str_empty(str_trim(typed)))
		goto out;
	if (!(path = expand_home(typed))) {
		app_status(a, 1, "Mémoire insuffisante.");
		goto out;
	}
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	ao.file = base;
	rc = read_mapped(a, path, NULL, &r, &e);
	if (rc == ERR_CONFLICT) {
		/* several sheets whose N° overlap: which one? */
		app_show_text(a, "Import : plusieurs feuilles", e.msg, NULL);
		if (app_ask_line(a, "Nom de la feuille à importer", NULL,
		    &sheet) ||
		    str_empty(str_trim(sheet))) {
			app_status(a, 0, "Import abandonné : rien n'a été "
			    "importé.");
			goto out;
		}
		sb_reset(&sb);
		memset(&e, 0, sizeof e);
		rc = read_mapped(a, path, sheet, &r, &e);
	}
	if (rc) {
		sb_printf(&sb, "%s\n\nRien n'a été importé.", e.msg);
		app_show_text(a, "Import impossible", sb_str(&sb), NULL);
		app_status(a, 1, "Import de %s impossible : rien n'a été "
		    "importé.", base);
		goto out;
	}
	/* First a dry run, always: the user sees what would change. */
	ao.dry_run = 1;
	rc = import_apply(a->store, &a->mandate, r, &ao, &rep, &e);
	describe(r, base, &sb);
	if (rc || r->n_errors) {
		sb_printf(&sb, "\n%s", e.msg[0] ? e.msg : "Rien n'a été importé.");
		app_show_text(a, "Import impossible", sb_str(&sb), NULL);
		app_status(a, 1, "Import de %s impossible : rien n'a été "
		    "importé.", base);
		goto out;
	}
	sb_printf(&sb, "\n%s\n", sb_str(&rep.text));
	totals(&rep, "Essai", &sb);
	if (!rep.created && !rep.updated && !rep.ind_created &&
	    !rep.ind_updated) {
		app_show_text(a, "Import : rien à changer", sb_str(&sb), NULL);
		app_status(a, 0, "Import de %s : rien à changer.", base);
		goto out;
	}
	if (!app_show_text(a, "Import : essai", sb_str(&sb), "Importer ces "
	    "changements ? Une copie de sauvegarde de la base est faite "
	    "avant.")) {
		app_status(a, 0, "Import abandonné : rien n'a été importé.");
		goto out;
	}
	/* Again from the file: the dry run added its findings to r. */
	import_result_free(&r);
	import_report_clear(&rep);
	if (read_mapped(a, path, sheet, &r, &e)) {
		app_status(a, 1, "Import : %s ; rien n'a été importé.", e.msg);
		goto out;
	}
	if (store_backup_beside(a->store, "avant-import", &bak, &e)) {
		app_status(a, 1, "Sauvegarde avant import impossible (%s) : "
		    "import annulé.", e.msg);
		goto out;
	}
	ao.dry_run = 0;
	if (import_apply(a->store, &a->mandate, r, &ao, &rep, &e)) {
		app_status(a, 1, "Import : %s", e.msg);
		goto out;
	}
	/* The backup sits next to the database: its name says enough. */
	bak_base = strrchr(bak, '/') ? strrchr(bak, '/') + 1 : bak;
	sb_reset(&sb);
	totals(&rep, "Import fait", &sb);
	app_status(a, 0, "%s Sauvegarde : %s", sb_str(&sb), bak_base);
	if (!rep.had_initial && !store_has_initial(a->store, a->mandate_id,
	    &has, NULL) && !has && app_confirm(a, "Plan initial", "Le plan "
	    "d'action initial (approuvé en conseil municipal) n'est pas encore "
	    "figé. Le figer maintenant avec les actions importées ?")) {
		if (store_freeze_initial(a->store, a->mandate_id, &e))
			app_status(a, 1, "Plan initial : %s", e.msg);
		else
			app_status(a, 0, "Import fait, plan initial figé. "
			    "Sauvegarde : %s", bak_base);
	}
out:
	import_report_clear(&rep);
	import_result_free(&r);
	sb_free(&sb);
	free(typed);
	free(sheet);
	free(path);
	free(bak);
	return REDRAW_ALL | REDRAW_RELOAD;
}
