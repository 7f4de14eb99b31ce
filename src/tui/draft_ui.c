/*
 * draft_ui.c - offering the drafts of this base back when the interface
 * opens: "reprendre" opens the action's editor on the draft, "ignorer"
 * keeps it for a later opening, "supprimer" deletes it (after asking).
 *
 * The files themselves are draft.c's; the editor that writes them is
 * dialog.c's (app_edit_long_text); this file only talks to the user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "draft.h"
#include "store_rows.h"
#include "tui_priv.h"

int tui_draft_slot(struct app *a, int64_t action_id, const char *ref,
    const char *field_name, struct draft_slot *s)
{
	struct err e = {0};

	memset(s, 0, sizeof *s);
	if (draft_base(store_path(a->store), s->base, sizeof s->base, &e))
		return e.code;
	snprintf(s->ref, sizeof s->ref, "%s", ref ? ref : "");
	snprintf(s->field, sizeof s->field, "%s", field_name ? field_name : "");
	s->k.base = s->base;
	s->k.action_id = action_id;
	s->k.ref = s->ref;
	s->k.field = s->field;
	return 0;
}

/* "04/12/2026 17:05", local time: what people read (never ISO). */
static void when_text(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || !strftime(buf, n, "%d/%m/%Y %H:%M", &tm))
		snprintf(buf, n, "?");
}

/* 1 when the stored field already holds the draft's text: killed after
 * the save and before the draft was removed; nothing to offer. */
static int already_saved(struct app *a, const struct draft *d,
    const struct field_def *fd)
{
	struct action *act = NULL;
	struct strbuf sb = {0};
	int same = 0;

	if (!fd || store_get_action(a->store, d->action_id, &act, NULL))
		return 0;
	if (action_field_get(act, fd->id, 0, &sb) == 0)
		same = strcmp(sb_str(&sb), d->text) == 0;
	sb_free(&sb);
	action_free(&act);
	return same;
}

/* Asks about one draft; returns 1 when the user wants to go on with the
 * others, 0 to stop offering (the interface is leaving). */
static int offer_one(struct app *a, struct draft *d)
{
	static const char *const items[] = {
		"Reprendre le texte (ouvre l'éditeur)",
		"Ignorer pour l'instant (le brouillon est gardé)",
		"Supprimer le brouillon",
	};
	const struct field_def *fd = field_find(d->field);
	struct draft_key k = { d->base, d->action_id, d->ref, d->field };
	struct strbuf sb = {0};
	struct err e = {0};
	char when[64];
	int choice = 0, rc;

	if (already_saved(a, d, fd)) {
		draft_remove(&k, NULL);
		return 1;
	}
	when_text(d->saved_at, when, sizeof when);
	sb_printf(&sb, "Un brouillon non enregistré de « %s » de l'action %s "
	    "(%s) a été retrouvé : le reprendre ?\n\nTexte du brouillon :\n%s",
	    fd ? fd->label : d->field, d->ref ? d->ref : "?", when, d->text);
	rc = app_choose_text(a, "Brouillon retrouvé", sb_str(&sb), items, 3,
	    &choice);
	sb_free(&sb);
	if (a->quit)
		return 0;
	if (rc || choice == 1) {
		app_status(a, 0, "Brouillon de l'action %s gardé : il sera "
		    "proposé à la prochaine ouverture.", d->ref ? d->ref : "?");
		return 1;
	}
	if (choice == 2) {
		if (!app_confirm(a, "Supprimer le brouillon", "Supprimer ce "
		    "brouillon ? Son texte, jamais enregistré, sera perdu."))
			return !a->quit;
		if (draft_remove(&k, &e))
			app_status(a, 1, "%s", e.msg);
		else
			app_status(a, 0, "Brouillon de l'action %s supprimé.",
			    d->ref ? d->ref : "?");
		return 1;
	}
	if (!fd || fd->type != FIELD_LONGTEXT) {
		app_status(a, 1, "Brouillon de l'action %s : le champ « %s » "
		    "n'existe plus ; le brouillon est gardé (%s).",
		    d->ref ? d->ref : "?", d->field, d->path ? d->path : "");
		return 1;
	}
	tui_action_resume_draft(a, d->action_id, d->field, d->text);
	return !a->quit;
}

void tui_offer_drafts(struct app *a)
{
	char base[4096];
	struct draft *list = NULL;
	struct err e = {0};
	size_t n = 0, i;

	if (draft_base(store_path(a->store), base, sizeof base, &e) ||
	    draft_list(base, &list, &n, &e)) {
		app_status(a, 1, "Brouillons : %s", e.msg);
		return;
	}
	for (i = 0; i < n; i++)
		if (!offer_one(a, &list[i]))
			break;
	draft_list_free(&list, n);
}
