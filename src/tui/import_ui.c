/*
 * import_ui.c - i: imports a spreadsheet (XLSX or CSV) from the interface,
 * with the code of `suivi import` (ops_import_file): first a trial whose
 * report is shown in a scrollable dialog; only when the user confirms is
 * the database backed up (next to it:
 * <nom>-avant-import-AAAA-MM-JJ-HHhMMmSS.db) and the import applied, in
 * one transaction. Rows in conflict are left alone, as without --forcer
 * on the command line.
 *
 * Never writes to the terminal: every message goes to a dialog or the
 * status line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "tui_priv.h"

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
	struct ops_import x;
	struct import_apply_opts ao;
	struct strbuf sb = {0};
	struct err e = {0};
	char *typed = NULL, *path = NULL, *sheet = NULL;
	const char *base, *bak_base;
	int rc;

	memset(&x, 0, sizeof x);
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
	/* First a dry run, always: the user sees what would change. */
	ao.dry_run = 1;
	rc = ops_import_file(a->store, &a->mandate, path, NULL, &ao, &x, &e);
	if (rc == ERR_CONFLICT && x.failed == OPS_IMPORT_READ) {
		/* several sheets whose N° overlap: which one? */
		app_show_text(a, "Import : plusieurs feuilles", e.msg, NULL);
		if (app_ask_line(a, "Nom de la feuille à importer", NULL,
		    &sheet) ||
		    str_empty(str_trim(sheet))) {
			app_status(a, 0, "Import abandonné : rien n'a été "
			    "importé.");
			goto out;
		}
		ops_import_clear(&x);
		memset(&e, 0, sizeof e);
		rc = ops_import_file(a->store, &a->mandate, path, sheet, &ao,
		    &x, &e);
	}
	if (rc && x.failed == OPS_IMPORT_READ) {
		sb_printf(&sb, "%s\n\nRien n'a été importé.", e.msg);
		app_show_text(a, "Import impossible", sb_str(&sb), NULL);
		app_status(a, 1, "Import de %s impossible : rien n'a été "
		    "importé.", base);
		goto out;
	}
	describe(x.r, base, &sb);
	if (rc || x.r->n_errors) {
		sb_printf(&sb, "\n%s", e.msg[0] ? e.msg : "Rien n'a été importé.");
		app_show_text(a, "Import impossible", sb_str(&sb), NULL);
		app_status(a, 1, "Import de %s impossible : rien n'a été "
		    "importé.", base);
		goto out;
	}
	sb_printf(&sb, "\n%s\n", sb_str(&x.rep.text));
	totals(&x.rep, "Essai", &sb);
	if (!x.rep.created && !x.rep.updated && !x.rep.ind_created &&
	    !x.rep.ind_updated) {
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
	/* Again from the file: the dry run added its findings to x.r. */
	ops_import_clear(&x);
	ao.dry_run = 0;
	if (ops_import_file(a->store, &a->mandate, path, sheet, &ao, &x, &e)) {
		if (x.failed == OPS_IMPORT_READ)
			app_status(a, 1, "Import : %s ; rien n'a été importé.",
			    e.msg);
		else if (x.failed == OPS_IMPORT_BACKUP)
			app_status(a, 1, "Sauvegarde avant import impossible "
			    "(%s) : import annulé.", e.msg);
		else
			app_status(a, 1, "Import : %s", e.msg);
		goto out;
	}
	/* The backup sits next to the database: its name says enough. */
	bak_base = !x.backup ? "" : strrchr(x.backup, '/') ?
	    strrchr(x.backup, '/') + 1 : x.backup;
	sb_reset(&sb);
	totals(&x.rep, "Import fait", &sb);
	app_status(a, 0, "%s Sauvegarde : %s", sb_str(&sb), bak_base);
	if (x.offer_freeze && app_confirm(a, "Plan initial", "Le plan "
	    "d'action initial (approuvé en conseil municipal) n'est pas encore "
	    "figé. Le figer maintenant avec les actions importées ?")) {
		if (ops_freeze_initial(a->store, a->mandate_id, &e))
			app_status(a, 1, "Plan initial : %s", e.msg);
		else
			app_status(a, 0, "Import fait, plan initial figé. "
			    "Sauvegarde : %s", bak_base);
	}
out:
	ops_import_clear(&x);
	sb_free(&sb);
	free(typed);
	free(sheet);
	free(path);
	return REDRAW_ALL | REDRAW_RELOAD;
}
