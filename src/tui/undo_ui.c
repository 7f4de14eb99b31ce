/*
 * undo_ui.c - u: undoes the user's last change from the interface.
 *
 * A plain field edit is undone at once and the status line names it. Any
 * other change (unticking a "Bilan annuel - Fait", a creation, a deletion,
 * a cancellation, an import, a carry-over...) is first described and the
 * user is asked, "Non" preselected, as Space asks before unticking a
 * review. The store then undoes that very change or nothing
 * (store_undo_txn). "Défaire" is the word shown: "annuler" already means
 * cancelling an action.
 */
#include <stdio.h>
#include <stdlib.h>

#include "tui_priv.h"

int tui_undo(struct app *a)
{
	struct undo_info u = {0};
	struct err e = {0};
	char *what = NULL;
	int rc, tries = 0;

	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	if ((rc = store_undo_peek(a->store, &u, &e))) {
		app_status(a, 1, "%s", rc == ERR_NOTFOUND ?
		    "Rien à défaire : aucune modification de votre part." :
		    e.msg);
		return REDRAW_STATUS;
	}
	if (!u.plain) {
		struct strbuf q = {0};
		int yes;

		sb_printf(&q, "Annuler la dernière modification : %s ?",
		    u.what ? u.what : "");
		yes = app_confirm(a, "Défaire la dernière modification",
		    sb_str(&q));
		sb_free(&q);
		if (!yes) {
			app_status(a, 0, "Rien n'a été défait.");
			undo_info_clear(&u);
			return REDRAW_ALL;
		}
	}
	do
		rc = store_undo_txn(a->store, u.txn, &what, &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc)
		app_status(a, 1, "Rien n'a été défait : %s", e.msg);
	else
		app_status(a, 0, "Modification défaite : %s", what ? what :
		    "dernière modification");
	free(what);
	undo_info_clear(&u);
	return rc ? REDRAW_ALL : REDRAW_ALL | REDRAW_RELOAD;
}
