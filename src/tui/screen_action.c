/*
 * screen_action.c - the Action screen: every field of an action, its key
 * indicators with their yearly values, and the editing of each.
 *
 * Saving (tui_save_action): each confirmed edit is applied to a copy of
 * the action as read (same version) and stored in its own transaction.
 * ERR_CONFLICT shows both versions and lets the user keep theirs (re-apply
 * on the fresh row), take the stored one, or edit again; ERR_LOCKED is
 * retried, then reported while the text stays in the editor. Nothing is
 * ever overwritten silently.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "tui_priv.h"

#define EDIT_AGAIN 1	/* tui_save_action: the user wants to edit again */

struct act_scr {
	struct app *app;
	int64_t id;
	struct action *a;
	struct widget_list list;
};

/* Rows: the fields, one per indicator, then "add an indicator". */
static size_t row_count(const struct act_scr *p)
{
	return F_COUNT + p->a->n_indicators + 1;
}

static void indicator_line(const struct app *app, const struct indicator *ind,
    struct strbuf *sb)
{
	size_t i;

	sb_reset(sb);
	sb_printf(sb, "%s", ind->label ? ind->label : "");
	if (!str_empty(ind->unit))
		sb_printf(sb, " (%s)", ind->unit);
	/* numbers with a decimal comma ("31.7" from a spreadsheet) */
	if (!str_empty(ind->baseline))
		sb_printf(sb, " · réf. %s", fr_number_text(ind->baseline,
		    (char[64]){0}, 64));
	if (!str_empty(ind->target))
		sb_printf(sb, " · cible %s", fr_number_text(ind->target,
		    (char[64]){0}, 64));
	for (i = 0; i < ind->n_values; i++)
		sb_printf(sb, " · %d : %s", ind->values[i].year,
		    fr_number_text(ind->values[i].value, (char[64]){0}, 64));
	if (ind->communicate)
		sb_append(sb, " · à communiquer");
	(void)app;
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct act_scr *p = ctx;
	struct strbuf sb = {0};
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;
	int lw = w / 3 > 34 ? 34 : w / 3;
	char label[200];

	if (row < F_COUNT) {
		action_field_get(p->a, (enum field_id)row, 0, &sb);
		snprintf(label, sizeof label, "%s", action_fields[row].label);
		if (p->a->priority && (row == F_DESIGNATION || row == F_PRIORITY))
			attr |= app_attr_priority(p->app);
	} else if (row < F_COUNT + p->a->n_indicators) {
		size_t k = row - F_COUNT;

		snprintf(label, sizeof label, "Indicateur clé %zu", k + 1);
		indicator_line(p->app, &p->a->indicators[k], &sb);
	} else {
		snprintf(label, sizeof label, "+ Ajouter un indicateur clé");
	}
	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x + 1, lw - 1, label, attr | A_BOLD, 1);
	widget_put(win, y, x + lw + 1, w - lw - 1, sb_str(&sb), attr, 1);
	sb_free(&sb);
}

static int load(struct act_scr *p, struct err *e)
{
	struct action *a = NULL;
	int rc;

	if ((rc = store_get_action(p->app->store, p->id, &a, e)))
		return rc;
	action_free(&p->a);
	p->a = a;
	widget_list_set_count(&p->list, row_count(p));
	return 0;
}

static int act_first_load(struct screen *s, struct err *e)
{
	struct act_scr *p = s->priv;
	int rc;

	p->id = s->arg;
	if ((rc = load(p, e)))
		return rc;
	widget_list_select(&p->list, F_DESIGNATION);
	return 0;
}

static const struct list_screen act_list = {
	LIST_SCREEN_STATE(struct act_scr), draw_row, NULL, act_first_load,
};

static int act_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &act_list, e);
}

static void act_close(struct screen *s)
{
	struct act_scr *p = s->priv;

	if (!p)
		return;
	action_free(&p->a);
	free(p);
	s->priv = NULL;
}

static int act_reload(struct screen *s, struct err *e)
{
	return load(s->priv, e);
}

/* The full value of the selected row, for the preview pane. */
static void preview_text(struct act_scr *p, struct strbuf *title,
    struct strbuf *body)
{
	size_t row = p->list.sel;

	sb_reset(title);
	sb_reset(body);
	if (row < F_COUNT) {
		const struct field_def *d = &action_fields[row];

		sb_append(title, d->label);
		action_field_get(p->a, (enum field_id)row, 0, body);
		if (row == F_DESIGNATION && p->a->priority)
			sb_append(title, " — action prioritaire UNICEF "
			    "France : intitulé fixé par le référentiel, non "
			    "modifiable");
		else if (d->type == FIELD_LONGTEXT)
			sb_append(title, " — Entrée pour modifier");
		else if (d->type == FIELD_BOOL && row != F_PRIORITY)
			sb_append(title, " — Espace pour cocher/décocher");
	} else if (row < F_COUNT + p->a->n_indicators) {
		const struct indicator *ind = &p->a->indicators[row - F_COUNT];
		size_t i;

		sb_printf(title, "Indicateur clé %zu — Entrée pour modifier",
		    row - F_COUNT + 1);
		sb_printf(body, "%s\nUnité : %s · Référence : %s · Cible : %s"
		    " · À communiquer : %s\n", ind->label ? ind->label : "",
		    ind->unit ? ind->unit : "", fr_number_text(ind->baseline,
		    (char[64]){0}, 64), fr_number_text(ind->target,
		    (char[64]){0}, 64), bool_label(ind->communicate));
		for (i = 0; i < ind->n_values; i++)
			sb_printf(body, "%d : %s%s%s\n", ind->values[i].year,
			    fr_number_text(ind->values[i].value,
			    (char[64]){0}, 64),
			    str_empty(ind->values[i].comment) ? "" : " — ",
			    ind->values[i].comment ? ind->values[i].comment :
			    "");
	} else {
		sb_append(title, "Nouvel indicateur clé");
		sb_append(body, "Entrée pour ajouter un indicateur à cette "
		    "action (libellé, puis unité, référence, cible et "
		    "valeurs par année).");
	}
}

static void act_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct act_scr *p = s->priv;
	struct strbuf t = {0}, b = {0};
	int ph = (r->h - 2) / 3, lh, y;
	struct rect lr;
	char head[700];
	wchar_t *w;
	size_t wl = 0, nl = 0, i;
	struct wrap_line *lines = NULL;

	if (ph < 4)
		ph = 4;
	lh = r->h - 2 - ph;
	snprintf(head, sizeof head, "Action %s%s%s — %s", p->a->ref,
	    p->a->priority ? " [prioritaire UNICEF France]" : "",
	    p->a->cancelled ? " [annulée]" : "",
	    p->a->designation ? p->a->designation : "");
	widget_put(win, r->y, r->x, r->w, head, A_BOLD |
	    (p->a->priority ? app_attr_priority(p->app) : 0), 1);
	lr = (struct rect){ r->y + 1, r->x, lh, r->w };
	widget_list_draw(&p->list, win, &lr);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
	preview_text(p, &t, &b);
	y = lr.y + lh;
	widget_put(win, y, r->x, r->w, "", A_UNDERLINE, 1);
	widget_put(win, y, r->x + 1, r->w - 1, sb_str(&t), A_UNDERLINE |
	    A_BOLD, 1);
	w = text_to_wcs(sb_str(&b), &wl);
	if (w && !text_wrap(w, wl, r->w - 2, &lines, &nl)) {
		for (i = 0; i < nl && (int)i < ph; i++) {
			char *line = text_from_wcs(w + lines[i].start,
			    lines[i].len);

			widget_put(win, y + 1 + (int)i, r->x + 1, r->w - 1, line,
			    A_NORMAL, 1);
			free(line);
		}
		if ((int)nl > ph)
			widget_put(win, y + ph, r->x + r->w - 26, 26,
			    " … (Entrée : texte entier)", A_DIM, 1);
	}
	free(lines);
	free(w);
	sb_free(&t);
	sb_free(&b);
}

/* ---- Saving ---- */

static int update_with_retry(struct app *a, struct action *copy,
    struct err *e)
{
	int rc, tries = 0;

	do
		rc = store_update_action(a->store, copy, e);
	while (app_retry_locked(a, rc, &tries));
	return rc;
}

static int conflict_dialog(struct app *a, const struct action *mine,
    const struct action *theirs, enum field_id f, int *choice)
{
	static const char *const items[] = {
		"Garder ma version (l'enregistrer à la place)",
		"Prendre la version enregistrée",
		"Modifier à nouveau",
	};
	struct strbuf sb = {0}, v = {0};
	int rc;

	sb_printf(&sb, "Quelqu'un a modifié l'action %s pendant que vous "
	    "la modifiiez (%s, le %s).\n\n", theirs->ref,
	    theirs->updated_by ? theirs->updated_by : "?",
	    fr_datetime(theirs->updated_at, (char[FR_DATE_LEN]){0},
	    FR_DATE_LEN));
	action_field_get(mine, f, 0, &v);
	sb_printf(&sb, "Votre version (%s) :\n%s\n\n", action_fields[f].label,
	    sb_str(&v));
	action_field_get(theirs, f, 0, &v);
	sb_printf(&sb, "Version enregistrée :\n%s", sb_str(&v));
	*choice = 2;
	rc = app_choose_text(a, "Conflit : deux versions", sb_str(&sb),
	    items, 3, choice);
	sb_free(&sb);
	sb_free(&v);
	return rc;
}

/* Saving over a row someone else saved meanwhile: when they changed
 * none of our fields, ours are applied over their row without a word
 * (action_fields_unchanged, as `suivi set` does); only the same field
 * saved by both asks. Taking their version drops what was typed, so it is
 * confirmed first. */
int tui_save_action(struct app *a, struct action **cur,
    const struct field_edit *edits, size_t n)
{
	enum field_id ids[F_COUNT];
	struct err e = {0};
	size_t i;
	int rc, merges = 0;

	if (app_refuse_readonly(a))
		return ERR_READONLY;
	for (i = 0; i < n && i < F_COUNT; i++)
		ids[i] = edits[i].f;
	for (;;) {
		struct action *copy = action_new();
		struct action *fresh = NULL;
		enum field_id clash = edits[0].f;
		int choice = 2;

		if (!copy || action_copy(copy, *cur)) {
			action_free(&copy);
			app_status(a, 1, "Mémoire insuffisante.");
			return ERR_NOMEM;
		}
		for (i = 0; i < n; i++) {
			if ((rc = action_field_set(copy, edits[i].f,
			    edits[i].value, a->mandate.year_first,
			    a->mandate.year_last, &e))) {
				action_free(&copy);
				app_status(a, 1, "%s", e.msg);
				return rc;
			}
		}
		if (action_fields_unchanged(*cur, copy, NULL, 0, NULL)) {
			action_free(&copy);
			app_status(a, 0, "Aucun changement : rien à enregistrer.");
			return 0;
		}
		rc = update_with_retry(a, copy, &e);
		if (rc == 0) {
			action_free(cur);
			*cur = copy;
			app_status(a, 0, "Enregistré.");
			return 0;
		}
		if (rc != ERR_CONFLICT) {
			action_free(&copy);
			if (rc == ERR_LOCKED)
				app_status(a, 1, "La base est occupée par un "
				    "autre utilisateur : rien n'est perdu, "
				    "réessayez d'enregistrer dans un instant.");
			else
				app_status(a, 1, "%s", e.msg);
			return rc;
		}
		if ((rc = store_get_action(a->store, (*cur)->id, &fresh, &e))) {
			action_free(&copy);
			app_status(a, 1, "%s", e.msg);
			return rc;
		}
		if (merges++ < 5 && action_fields_unchanged(*cur, fresh, ids,
		    n < F_COUNT ? n : F_COUNT, &clash)) {
			/* Other fields only: apply ours over their row. */
			action_free(&copy);
			action_free(cur);
			*cur = fresh;
			continue;
		}
		rc = conflict_dialog(a, copy, fresh, clash, &choice);
		action_free(&copy);
		action_free(cur);
		*cur = fresh;	/* from now on, edits apply to their version */
		if (choice == 1 && !rc) {
			char q[300];

			snprintf(q, sizeof q, "Votre version de « %s » sera "
			    "perdue : prendre quand même la version "
			    "enregistrée ?", action_fields[clash].label);
			if (!app_confirm(a, "Prendre la version enregistrée", q))
				choice = 2;
		}
		if (rc || choice == 2) {
			app_status(a, 1, "Conflit : modifiez à nouveau à partir "
			    "de la version enregistrée.");
			return EDIT_AGAIN;
		}
		if (choice == 1) {
			app_status(a, 0, "Version enregistrée reprise : vos "
			    "modifications n'ont pas été enregistrées.");
			return ERR_CANCELLED;
		}
		/* choice 0: apply mine again on top of the fresh row */
	}
}

/* ---- Editing ---- */

/* Edits field f, starting from initial (a draft taken back) or, when
 * NULL, from the stored value. A long text keeps a draft while typed
 * (app_edit_long_text), removed here once the text is saved or the
 * stored version deliberately taken instead. */
static int edit_text_field_from(struct act_scr *p, enum field_id f,
    const char *initial)
{
	const struct field_def *d = &action_fields[f];
	struct strbuf cur = {0};
	struct draft_slot ds;
	char *text = NULL;
	int rc, modified = initial != NULL, has_draft = 0;

	if (d->type == FIELD_LONGTEXT)
		has_draft = tui_draft_slot(p->app, p->a->id, p->a->ref, d->name,
		    &ds) == 0;
	if (initial)
		sb_append(&cur, initial);
	else
		action_field_get(p->a, f, 0, &cur);
	text = sb_steal(&cur);
	for (;;) {
		char *out = NULL;
		struct field_edit ed;

		rc = d->type == FIELD_LONGTEXT ?
		    app_edit_long_text(p->app, d->label, text, modified,
		    has_draft ? &ds.k : NULL, &out) :
		    app_ask_line(p->app, d->label, text, &out);
		if (rc) {
			free(out);
			break;
		}
		ed.f = f;
		ed.value = out;
		rc = tui_save_action(p->app, &p->a, &ed, 1);
		free(text);
		text = out;
		/* Back in the editor, the text is still not the stored one. */
		modified = 1;
		if (has_draft && (rc == 0 || rc == ERR_CANCELLED))
			draft_remove(&ds.k, NULL);
		/* Invalid value, busy base, or conflict: back to the editor
		 * with what was typed. */
		if (rc == 0 || rc == ERR_CANCELLED || rc == ERR_READONLY ||
		    rc == ERR_NOMEM || p->app->quit)
			break;
	}
	free(text);
	return REDRAW_ALL;
}

static int edit_text_field(struct act_scr *p, enum field_id f)
{
	return edit_text_field_from(p, f, NULL);
}

int tui_action_resume_draft(struct app *a, int64_t action_id,
    const char *field, const char *text)
{
	const struct field_def *d = field_find(field);
	struct act_scr *p;
	int rc;

	if (!d || d->type != FIELD_LONGTEXT)
		return ERR_INVALID;
	if ((rc = app_push(a, &screen_action_ops, action_id))) {
		char why[sizeof a->status];

		snprintf(why, sizeof why, "%s", a->status);
		app_status(a, 1, "Brouillon non repris : l'action n'a pas pu "
		    "être ouverte (%s) ; le brouillon est gardé.", why);
		return rc;
	}
	p = a->stack[a->depth - 1].priv;
	if (p->a->mandate_id != a->mandate_id) {
		char ref[64];

		snprintf(ref, sizeof ref, "%s", p->a->ref ? p->a->ref : "?");
		app_pop(a);
		app_status(a, 1, "Brouillon non repris : l'action %s appartient "
		    "à un autre mandat (m : mandats) ; le brouillon est gardé.",
		    ref);
		return ERR_INVALID;
	}
	if (app_refuse_readonly(a))
		return ERR_READONLY;
	widget_list_select(&p->list, (size_t)d->id);
	edit_text_field_from(p, d->id, text);
	return 0;
}

static int toggle_flag(struct act_scr *p, enum field_id f)
{
	struct app *a = p->app;
	struct field_edit ed[3];
	char *reason = NULL, *year = NULL, ybuf[16];
	int on, n = 0;

	if (f == F_PRIORITY) {
		app_status(a, 1, "« Action prioritaire UNICEF France » vient "
		    "du référentiel : elle ne se change pas ici.");
		return REDRAW_STATUS;
	}
	on = f == F_ADDED ? p->a->added : f == F_CANCELLED ? p->a->cancelled :
	    p->a->good_practice;
	ed[n++] = (struct field_edit){ f, on ? "0" : "1" };
	if (!on && f == F_CANCELLED) {
		if (app_ask_line(a, "Motif de l'annulation (obligatoire)",
		    p->a->cancelled_reason, &reason) ||
		    str_empty(str_trim(reason))) {
			app_status(a, 1, "Annulation abandonnée : le motif est "
			    "demandé.");
			goto out;
		}
		snprintf(ybuf, sizeof ybuf, "%d", a->current_year);
		if (app_ask_line(a, "Année d'annulation", ybuf, &year))
			goto out;
		ed[n++] = (struct field_edit){ F_CANCELLED_REASON, reason };
		ed[n++] = (struct field_edit){ F_CANCELLED_YEAR, year };
	} else if (on && f == F_CANCELLED) {
		if (!app_confirm(a, "Rétablir l'action", "Rétablir cette "
		    "action (elle ne sera plus annulée) ?"))
			goto out;
		ed[n++] = (struct field_edit){ F_CANCELLED_YEAR, "" };
	} else if (!on && f == F_ADDED) {
		if (app_ask_line(a, "Motif de l'ajout au plan initial "
		    "(obligatoire)", p->a->added_reason, &reason) ||
		    str_empty(str_trim(reason))) {
			app_status(a, 1, "Abandonné : le motif de l'ajout est "
			    "demandé.");
			goto out;
		}
		ed[n++] = (struct field_edit){ F_ADDED_REASON, reason };
	}
	tui_save_action(a, &p->a, ed, (size_t)n);
out:
	free(reason);
	free(year);
	return REDRAW_ALL;
}

static int choose_progress(struct act_scr *p)
{
	static const char *const items[] = { "Non renseigné", "Non commencée",
	    "En cours", "Réalisée" };
	struct field_edit ed;
	int c = (int)p->a->progress;

	if (app_choose(p->app, "Avancement", items, 4, &c))
		return REDRAW_ALL;
	ed.f = F_PROGRESS;
	ed.value = c == 0 ? "" : items[c];
	tui_save_action(p->app, &p->a, &ed, 1);
	return REDRAW_ALL;
}

static int choose_engagement(struct act_scr *p)
{
	const struct referential *r = p->app->ref;
	const char *items[100];
	char bufs[100][160], num[16];
	struct field_edit ed;
	int n = 0, c = 0, k;

	for (k = 0; k < (int)r->n_engagements && k < 100; k++) {
		snprintf(bufs[k], sizeof bufs[k], "%d. %s",
		    r->engagements[k].number, r->engagements[k].title ?
		    r->engagements[k].title : "");
		items[n++] = bufs[k];
		if (r->engagements[k].number == p->a->engagement)
			c = k;
	}
	if (!n || app_choose(p->app, "Engagement", items, n, &c))
		return REDRAW_ALL;
	snprintf(num, sizeof num, "%d", r->engagements[c].number);
	ed.f = F_ENGAGEMENT;
	ed.value = num;
	tui_save_action(p->app, &p->a, &ed, 1);
	return REDRAW_ALL;
}

static int edit_field(struct act_scr *p, enum field_id f)
{
	const struct field_def *d = &action_fields[f];

	if (app_refuse_readonly(p->app))
		return REDRAW_STATUS;
	if (f == F_DESIGNATION && p->a->priority) {
		app_status(p->app, 1, "Intitulé non modifiable : c'est une "
		    "action prioritaire UNICEF France, son intitulé est fixé "
		    "par le référentiel.");
		return REDRAW_STATUS;
	}
	if (d->type == FIELD_DERIVED) {
		app_status(p->app, 1, "« %s » est calculé automatiquement.",
		    d->label);
		return REDRAW_STATUS;
	}
	if (d->type == FIELD_BOOL)
		return toggle_flag(p, f);
	if (f == F_PROGRESS)
		return choose_progress(p);
	if (f == F_ENGAGEMENT)
		return choose_engagement(p);
	return edit_text_field(p, f);
}

/* ---- Indicators ---- */

/* Deletes indicator k after confirmation; returns 1 when deleted. */
static int delete_indicator(struct act_scr *p, size_t k)
{
	struct app *a = p->app;
	const struct indicator *ind;
	struct err e = {0};
	char q[MODEL_MAX_SHORT + 200];
	int rc, tries = 0;

	if (app_refuse_readonly(a) || k >= p->a->n_indicators)
		return 0;
	ind = &p->a->indicators[k];
	snprintf(q, sizeof q, "Supprimer l'indicateur clé « %s » et toutes "
	    "ses valeurs annuelles ? (u annule la suppression)",
	    ind->label ? ind->label : "");
	if (!app_confirm(a, "Supprimer l'indicateur", q)) {
		app_status(a, 0, "Indicateur conservé.");
		return 0;
	}
	do
		rc = store_delete_indicator(a->store, ind->id, &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc) {
		app_status(a, 1, "%s", e.msg);
		return 0;
	}
	app_status(a, 0, "Indicateur supprimé.");
	if (load(p, &e))
		app_status(a, 1, "%s", e.msg);
	return 1;
}

/* 1 when ind holds what src holds (nothing to save). */
static int indicator_same(const struct indicator *a,
    const struct indicator *b)
{
	size_t i;

	if (!str_eq(a->label, b->label) || !str_eq(a->unit, b->unit) ||
	    !str_eq(a->baseline, b->baseline) ||
	    !str_eq(a->target, b->target) || a->communicate != b->communicate ||
	    a->n_values != b->n_values)
		return 0;
	for (i = 0; i < a->n_values; i++)
		if (a->values[i].year != b->values[i].year ||
		    !str_eq(a->values[i].value, b->values[i].value) ||
		    !str_eq(a->values[i].comment, b->values[i].comment))
			return 0;
	return 1;
}

static int save_indicator(struct act_scr *p, struct indicator *ind)
{
	struct err e = {0};
	int rc, tries = 0;
	size_t k;

	for (k = 0; k < p->a->n_indicators; k++)
		if (p->a->indicators[k].id == ind->id &&
		    indicator_same(ind, &p->a->indicators[k])) {
			app_status(p->app, 0, "Aucun changement : rien à "
			    "enregistrer.");
			return 0;
		}

	do
		rc = store_update_indicator(p->app->store, ind, &e);
	while (app_retry_locked(p->app, rc, &tries));
	if (rc)
		app_status(p->app, 1, "%s", e.msg);
	else
		app_status(p->app, 0, "Enregistré.");
	if (load(p, &e))
		app_status(p->app, 1, "%s", e.msg);
	return rc;
}

static int edit_indicator(struct act_scr *p, size_t k)
{
	struct app *a = p->app;
	int nyears = a->mandate.year_last - a->mandate.year_first + 1;
	int c = 0;

	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	if (nyears < 1 || nyears > 50)
		nyears = 0;
	for (;;) {
		struct indicator ind;
		char it[60][200];
		const char *items[60];
		int n = 0, y;
		char *v = NULL, *cm = NULL;
		const struct indicator *src = &p->a->indicators[k];

		if (k >= p->a->n_indicators)
			break;
		snprintf(it[n], sizeof it[n], "Libellé : %s", src->label ?
		    src->label : "");
		items[n] = it[n]; n++;
		snprintf(it[n], sizeof it[n], "Unité : %s", src->unit ?
		    src->unit : "");
		items[n] = it[n]; n++;
		snprintf(it[n], sizeof it[n], "Référence : %s",
		    fr_number_text(src->baseline, (char[64]){0}, 64));
		items[n] = it[n]; n++;
		snprintf(it[n], sizeof it[n], "Cible : %s",
		    fr_number_text(src->target, (char[64]){0}, 64));
		items[n] = it[n]; n++;
		snprintf(it[n], sizeof it[n], "À communiquer : %s",
		    bool_label(src->communicate));
		items[n] = it[n]; n++;
		for (y = 0; y < nyears && n < 58; y++) {
			int year = a->mandate.year_first + y;
			const struct indicator_value *iv =
			    indicator_value_for(src, year);

			snprintf(it[n], sizeof it[n], "Valeur %d : %s%s%s", year,
			    fr_number_text(iv ? iv->value : NULL,
			    (char[64]){0}, 64),
			    iv && !str_empty(iv->comment) ? " — " : "",
			    iv && iv->comment ? iv->comment : "");
			items[n] = it[n]; n++;
		}
		snprintf(it[n], sizeof it[n], "Supprimer cet indicateur…");
		items[n] = it[n]; n++;
		snprintf(it[n], sizeof it[n], "Fermer");
		items[n] = it[n]; n++;
		if (app_choose(a, "Indicateur clé (Entrée modifie)", items, n,
		    &c) || c == n - 1 || a->quit)
			break;
		if (c == n - 2) {
			if (delete_indicator(p, k))
				break;
			continue;
		}
		memset(&ind, 0, sizeof ind);
		if (indicator_copy(&ind, src)) {
			app_status(a, 1, "Mémoire insuffisante.");
			break;
		}
		if (c == 4) {
			ind.communicate = !ind.communicate;
		} else if (c < 4) {
			char **slot = c == 0 ? &ind.label : c == 1 ? &ind.unit :
			    c == 2 ? &ind.baseline : &ind.target;
			static const char *const names[] = { "Libellé",
			    "Unité", "Référence", "Cible" };

			if (app_ask_line(a, names[c], *slot, &v)) {
				indicator_clear(&ind);
				continue;
			}
			free(*slot);
			*slot = v;
			v = NULL;
		} else {
			int year = a->mandate.year_first + (c - 5);
			const struct indicator_value *iv =
			    indicator_value_for(src, year);
			char title[80];

			snprintf(title, sizeof title, "Valeur %d", year);
			if (app_ask_line(a, title, iv ? iv->value : NULL, &v)) {
				indicator_clear(&ind);
				continue;
			}
			snprintf(title, sizeof title, "Commentaire %d "
			    "(facultatif)", year);
			if (app_ask_line(a, title, iv ? iv->comment : NULL,
			    &cm)) {
				free(v);
				indicator_clear(&ind);
				continue;
			}
			indicator_set_value(&ind, year, v, cm);
			free(v);
			free(cm);
		}
		save_indicator(p, &ind);
		indicator_clear(&ind);
	}
	return REDRAW_ALL;
}

static int add_indicator(struct act_scr *p)
{
	struct indicator ind;
	struct err e = {0};
	char *label = NULL;
	int rc, tries = 0;

	if (app_refuse_readonly(p->app))
		return REDRAW_STATUS;
	if (app_ask_line(p->app, "Libellé du nouvel indicateur clé", NULL,
	    &label) || str_empty(str_trim(label))) {
		free(label);
		return REDRAW_ALL;
	}
	memset(&ind, 0, sizeof ind);
	ind.action_id = p->a->id;
	ind.label = label;
	do
		rc = store_add_indicator(p->app->store, &ind, &e);
	while (app_retry_locked(p->app, rc, &tries));
	if (rc)
		app_status(p->app, 1, "%s", e.msg);
	else
		app_status(p->app, 0, "Indicateur ajouté.");
	indicator_clear(&ind);
	if (load(p, &e))
		app_status(p->app, 1, "%s", e.msg);
	widget_list_select(&p->list, F_COUNT + p->a->n_indicators - 1);
	return REDRAW_ALL;
}

static int act_enter(struct act_scr *p)
{
	size_t row = p->list.sel;

	if (row < F_COUNT)
		return edit_field(p, (enum field_id)row);
	if (row < F_COUNT + p->a->n_indicators)
		return edit_indicator(p, row - F_COUNT);
	return add_indicator(p);
}

int tui_show_history(struct app *a, int64_t action_id)
{
	struct action *ac = NULL;
	struct journal_entry *j = NULL;
	struct strbuf sb = {0}, title = {0};
	struct err e = {0};
	size_t n = 0, i;

	if (store_get_action(a->store, action_id, &ac, &e) ||
	    store_history(a->store, a->mandate.id, ac->ref, 500, &j, &n, &e)) {
		app_status(a, 1, "%s", e.msg);
		action_free(&ac);
		return REDRAW_STATUS;
	}
	for (i = 0; i < n; i++) {
		const char *f = j[i].field, *ent = j[i].entity;
		const char *ov = journal_value_label(ent, f, j[i].old_value);
		const char *nv = journal_value_label(ent, f, j[i].new_value);

		sb_printf(&sb, "%s  %s%s  %s %s : ", fr_datetime(j[i].at,
		    (char[FR_DATE_LEN]){0}, FR_DATE_LEN), j[i].user,
		    j[i].is_undo ? " (annulation)" : "",
		    journal_entity_label(ent), j[i].ref ? j[i].ref : "");
		if (journal_field_parse(f) == JF_CREATION)
			sb_printf(&sb, "créé(e) — %s", j[i].new_value ?
			    j[i].new_value : "");
		else if (journal_field_parse(f) == JF_DELETION)
			sb_printf(&sb, "supprimé(e) — %s", j[i].old_value ?
			    j[i].old_value : "");
		else
			sb_printf(&sb, "%s : « %s » → « %s »",
			    journal_field_label(ent, f), ov ? ov : "",
			    nv ? nv : "");
		sb_append(&sb, j[i].undone ? " (annulé)\n" : "\n");
	}
	if (!n)
		sb_append(&sb, "Aucune modification enregistrée.\n");
	sb_printf(&title, "Journal de l'action %s", ac->ref);
	app_show_text(a, sb_str(&title), sb_str(&sb), NULL);
	journal_entries_free(j, n);
	action_free(&ac);
	sb_free(&sb);
	sb_free(&title);
	return REDRAW_ALL;
}

static int act_key(struct screen *s, enum act act, int key)
{
	struct act_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT: return act_enter(p);
	case ACT_HISTORY:
		return tui_show_history(p->app, p->id);
	case ACT_DELETE:
		if (p->list.sel >= F_COUNT &&
		    p->list.sel < F_COUNT + p->a->n_indicators) {
			delete_indicator(p, p->list.sel - F_COUNT);
			return REDRAW_ALL;
		}
		app_status(p->app, 0, "Suppr supprime un indicateur clé : "
		    "choisissez d'abord sa ligne.");
		return REDRAW_STATUS;
	case ACT_TOGGLE:
		if (p->list.sel < F_COUNT &&
		    action_fields[p->list.sel].type == FIELD_BOOL)
			return act_enter(p);
		return REDRAW_NONE;
	default:
		return REDRAW_NONE;
	}
}

static int act_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct act_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, p->list.height, r->w };
	int c = widget_list_click(&p->list, &lr, y);

	(void)x;
	if (c == WL_CLICK_OPEN)
		act_enter(p);
	return c != WL_CLICK_NONE;
}

const struct screen_ops screen_action_ops = {
	.name = "Action",
	.open = act_open,
	.close = act_close,
	.reload = act_reload,
	.draw = act_draw,
	.key = act_key,
	.click = act_click,
};
