/*
 * session.c - what the screens share of an interface session: the screen
 * stack (app_push, app_pop, back to the plan), the mandate shown
 * (app_set_mandate), and the rules every write follows (read-only
 * refusals, the archived mandate's final review, retries while another
 * user holds the lock).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

int app_refuse_readonly(struct app *a)
{
	if (!a->readonly)
		return 0;
	if (a->mandate.archived && !a->db_readonly)
		app_status(a, 1, "Mandat %s archivé : lecture seule, aucune "
		    "modification (m : mandats).", a->mandate.label ?
		    a->mandate.label : "");
	else
		app_status(a, 1, "Lecture seule : cette base ne peut pas être "
		    "modifiée (fichier protégé).");
	return 1;
}

int app_retry_locked(struct app *a, int rc, int *tries)
{
	char who[256];

	if (rc != ERR_LOCKED || app_signal() || ++*tries >= TUI_LOCK_TRIES)
		return 0;
	if (store_busy_holder(a->store, who, sizeof who))
		app_status(a, 1, "La base est utilisée par %s ; nouvel essai "
		    "(%d/%d)…", who, *tries + 1, TUI_LOCK_TRIES);
	else
		app_status(a, 1, "La base est occupée par un autre utilisateur : "
		    "nouvel essai (%d/%d)…", *tries + 1, TUI_LOCK_TRIES);
	app_flash_status(a);
	return 1;
}

int app_allow_final_review(struct app *a)
{
	char q[300];

	if (!a->readonly)
		return 1;
	if (a->db_readonly || !a->mandate.archived) {
		app_refuse_readonly(a);
		return 0;
	}
	if (a->archive_review_ok)
		return 1;
	snprintf(q, sizeof q, "Le mandat %s est archivé : modifier quand même "
	    "son bilan final ?\n\nSeuls les bilans annuels (case « Fait », "
	    "commentaires) et les appréciations de la Synthèse pourront "
	    "changer ; le plan d'action reste en lecture seule.",
	    a->mandate.label ? a->mandate.label : "");
	if (!app_confirm(a, "Mandat archivé", q)) {
		app_status(a, 0, "Mandat %s archivé : rien n'a été modifié.",
		    a->mandate.label ? a->mandate.label : "");
		return 0;
	}
	a->archive_review_ok = 1;
	return 1;
}

int app_push(struct app *a, const struct screen_ops *ops, int64_t arg)
{
	struct screen *s;
	struct err e = {0};

	if (a->depth >= (int)(sizeof a->stack / sizeof a->stack[0])) {
		app_pop(a);
	}
	s = &a->stack[a->depth];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->app = a;
	s->arg = arg;
	if (ops->open(s, &e)) {
		app_status(a, 1, "%s", e.msg);
		return e.code ? e.code : ERR_DB;
	}
	a->depth++;
	return 0;
}

void app_pop(struct app *a)
{
	struct screen *s;
	struct err e = {0};

	if (a->depth <= 1)
		return;
	s = &a->stack[--a->depth];
	if (s->ops->close)
		s->ops->close(s);
	memset(s, 0, sizeof *s);
	/* What lies below may show what was just changed. */
	s = &a->stack[a->depth - 1];
	if (s->ops->reload && s->ops->reload(s, &e))
		app_status(a, 1, "%s", e.msg);
}

int tui_open_action_ref(struct app *a, const char *ref)
{
	struct action *act = NULL;
	struct err e = {0};
	int rc;

	if ((rc = store_get_action_by_ref(a->store, a->mandate_id, ref, &act,
	    &e))) {
		app_status(a, 1, "%s", e.msg);
		return rc;
	}
	rc = app_push(a, &screen_action_ops, act->id);
	action_free(&act);
	return rc;
}

void app_show_root(struct app *a, const struct screen_ops *ops)
{
	while (a->depth > 1)
		app_pop(a);
	if (ops)
		app_push(a, ops, 0);
}

int app_set_mandate(struct app *a, int64_t id, struct err *e)
{
	struct mandate *ms = NULL, m = {0};
	struct referential *ref = NULL;
	size_t n = 0, i;
	int rc, y;

	if ((rc = store_list_mandates(a->store, &ms, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (ms[i].id == id && !m.label) {
			m = ms[i];
			memset(&ms[i], 0, sizeof ms[i]);
		}
		mandate_clear(&ms[i]);
	}
	free(ms);
	if (!m.label)
		return err_set(e, ERR_NOTFOUND, "mandat introuvable");
	if ((rc = store_get_referential(a->store, m.referential_id, &ref, e))) {
		mandate_clear(&m);
		return rc;
	}
	app_show_root(a, NULL);
	mandate_clear(&a->mandate);
	referential_free(&a->ref);
	a->mandate = m;
	a->ref = ref;
	a->mandate_id = id;
	a->readonly = a->db_readonly || m.archived;
	a->archive_review_ok = 0;
	y = mandate_year_now(&m);
	a->current_year = y;
	/* Engagement numbers and the search belong to the mandate shown. */
	store_filter_init(&a->view.filter);
	free(a->view.pilot);
	free(a->view.search);
	a->view.pilot = NULL;
	a->view.search = NULL;
	collectivite_clear(&a->coll);
	if (store_get_collectivite(a->store, &a->coll, e))
		return e->code;
	/* A fresh plan screen: the old selection meant another mandate. */
	if (a->depth == 1 && a->stack[0].ops->close)
		a->stack[0].ops->close(&a->stack[0]);
	a->depth = 0;
	if ((rc = app_push(a, &screen_plan_ops, 0)))
		return err_set(e, rc, "%s", a->status);
	return 0;
}
