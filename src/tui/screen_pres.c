/*
 * screen_pres.c - the Présentation screen: the collectivité and its
 * referents (editable), and the yearly reviews: Année, Bilan annuel -
 * Fait, date and user, Commentaires de la collectivité.
 *
 * Ticking "Bilan annuel - Fait" first shows the vérification avant envoi
 * of that year, then asks to confirm; unticking asks too (the frozen
 * snapshot stays in the history, the store keeps it). The reviews of an
 * archived mandate (its final review comes after the next one opened)
 * change after a confirmation (app_allow_final_review).
 *
 * The last row freezes the initial plan (once per mandate), after a
 * confirmation saying what it implies for the actions added later.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

/* Rows: C_COUNT fields, a blank, a title, a column header, reviews. */
#define ROW_TITLE (C_COUNT + 1)
#define ROW_HEAD (C_COUNT + 2)
#define ROW_REVIEW0 (C_COUNT + 3)

struct pres_scr {
	struct app *app;
	struct review *rv;
	size_t nrv;
	int has_initial;	/* the initial plan is frozen */
	struct widget_list list;
};

/* After the reviews: a blank row, then the initial plan. */
static size_t row_initial(const struct pres_scr *p)
{
	return ROW_REVIEW0 + p->nrv + 1;
}

static int row_skip(void *ctx, size_t row)
{
	struct pres_scr *p = ctx;

	return (row >= C_COUNT && row < ROW_REVIEW0) ||
	    row == ROW_REVIEW0 + p->nrv;
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct pres_scr *p = ctx;
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;
	int lw = w / 3 > 34 ? 34 : w / 3;
	char buf[700];

	widget_put(win, y, x, w, "", attr, 1);
	if (row < C_COUNT) {
		widget_put(win, y, x + 1, lw - 1, coll_fields[row].label,
		    attr | A_BOLD, 1);
		widget_put(win, y, x + lw + 1, w - lw - 1, p->app->coll.f[row],
		    attr, 1);
	} else if (row == ROW_TITLE) {
		widget_put(win, y, x + 1, w - 1, "Bilans annuels (Espace : "
		    "cocher/décocher « Bilan annuel - Fait », Entrée : "
		    "commentaires)", A_BOLD, 1);
	} else if (row == ROW_HEAD) {
		snprintf(buf, sizeof buf, " %-6s %-22s %-27s %s", "Année",
		    "Bilan annuel - Fait", "Date et auteur",
		    "Commentaires de la collectivité");
		widget_put(win, y, x, w, buf, A_UNDERLINE, 1);
	} else if (row >= ROW_REVIEW0 && row - ROW_REVIEW0 < p->nrv) {
		const struct review *r = &p->rv[row - ROW_REVIEW0];
		char who[200], d[FR_DATE_LEN];
		int cw;

		snprintf(who, sizeof who, "%s %s", fr_datetime(r->done_at, d,
		    sizeof d), r->done_by ? r->done_by : "");
		snprintf(buf, sizeof buf, " %-6d %s %-18s", r->year,
		    r->done ? "[x]" : "[ ]", r->done ? "Fait" : "Non fait");
		cw = widget_put(win, y, x, 30, buf, attr, 1);
		widget_put(win, y, x + cw, 28, r->done ? who : "", attr, 1);
		widget_put(win, y, x + cw + 28, w - cw - 28, r->comments, attr,
		    1);
	} else if (row == row_initial(p)) {
		widget_put(win, y, x + 1, lw - 1, "Plan d'action initial",
		    attr | A_BOLD, 1);
		widget_put(win, y, x + lw + 1, w - lw - 1, p->has_initial ?
		    "Figé (tel qu'approuvé par le conseil municipal)" :
		    "Non figé — Entrée : le figer", attr, 1);
	}
}

static void free_reviews(struct pres_scr *p)
{
	size_t i;

	for (i = 0; i < p->nrv; i++)
		review_clear(&p->rv[i]);
	free(p->rv);
	p->rv = NULL;
	p->nrv = 0;
}

static int pres_reload(struct screen *s, struct err *e)
{
	struct pres_scr *p = s->priv;
	int rc;

	free_reviews(p);
	if ((rc = store_list_reviews(p->app->store, p->app->mandate_id, &p->rv,
	    &p->nrv, e)))
		return rc;
	if ((rc = store_has_initial(p->app->store, p->app->mandate_id,
	    &p->has_initial, e)))
		return rc;
	widget_list_set_count(&p->list, row_initial(p) + 1);
	return 0;
}

static const struct list_screen pres_list = {
	LIST_SCREEN_STATE(struct pres_scr), draw_row, row_skip, pres_reload,
};

static int pres_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &pres_list, e);
}

static void pres_close(struct screen *s)
{
	struct pres_scr *p = s->priv;

	if (!p)
		return;
	free_reviews(p);
	free(p);
	s->priv = NULL;
}

static void pres_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct pres_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };

	widget_put(win, r->y, r->x, r->w, "Présentation — la collectivité, "
	    "ses référents et les bilans annuels (Entrée modifie)", A_BOLD, 1);
	widget_list_draw(&p->list, win, &lr);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
}

static int edit_coll(struct pres_scr *p, enum coll_field f)
{
	struct app *a = p->app;
	struct err e = {0};
	char *text;
	int tries;

	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	text = xstrdup(a->coll.f[f]);
	for (;;) {
		char *v = NULL;
		int rc = f == C_VOLUNTEERS ?
		    app_edit_text(a, coll_fields[f].label, text, &v) :
		    app_ask_line(a, coll_fields[f].label, text, &v);

		if (rc)
			break;
		tries = 0;
		do
			rc = store_set_collectivite(a->store, f, v, &e);
		while (app_retry_locked(a, rc, &tries));
		if (!rc) {
			app_status(a, 0, "Enregistré.");
			str_replace(&a->coll.f[f], v);
			free(v);
			break;
		}
		/* Back to the editor with what was typed. */
		app_status(a, 1, "%s", e.msg);
		free(text);
		text = v;
		if (a->quit)
			break;
	}
	free(text);
	return REDRAW_ALL;
}

static int edit_comments(struct pres_scr *p, const struct review *r)
{
	struct app *a = p->app;
	struct err e = {0};
	char *v = NULL, *text, title[120];
	int year = r->year, rc, tries;

	if (!app_allow_final_review(a))
		return REDRAW_ALL;
	snprintf(title, sizeof title, "Commentaires de la collectivité — "
	    "bilan %d", year);
	text = xstrdup(r->comments);
	/* A failed save (busy base, disk full) goes back to the editor with
	 * what was typed: nothing typed is lost. */
	while (!app_edit_text(a, title, text, &v)) {
		tries = 0;
		do
			rc = store_set_review_comments(a->store, a->mandate_id,
			    year, v, &e);
		while (app_retry_locked(a, rc, &tries));
		free(text);
		text = v;
		v = NULL;
		if (!rc) {
			app_status(a, 0, "Enregistré.");
			break;
		}
		app_status(a, 1, "Non enregistré, texte conservé : %s", e.msg);
		if (a->quit)
			break;
	}
	free(text);
	if (pres_reload(&a->stack[a->depth - 1], &e))
		app_status(a, 1, "%s", e.msg);
	return REDRAW_ALL;
}

static int verify_text(struct app *a, int year, struct strbuf *sb)
{
	struct plan *pl = NULL;
	struct check_item *items = NULL;
	size_t n = 0, i;
	struct err e = {0};
	int rc;

	if ((rc = store_load_plan(a->store, a->mandate_id, 0, &pl, &e)) ||
	    (rc = plan_verify(pl, year, &items, &n, &e))) {
		plan_free(&pl);
		app_status(a, 1, "%s", e.msg);
		return rc;
	}
	if (!n)
		sb_printf(sb, "Vérification avant envoi %d : rien à signaler.",
		    year);
	else
		sb_printf(sb, "Vérification avant envoi %d : %zu point%s à "
		    "revoir (vous pouvez cocher quand même).\n", year, n,
		    n > 1 ? "s" : "");
	for (i = 0; i < n; i++)
		sb_printf(sb, "\n• %s%s%s", items[i].ref ? items[i].ref : "",
		    items[i].ref ? " : " : "", items[i].message);
	check_items_free(items, n);
	plan_free(&pl);
	return 0;
}

static int toggle_done(struct pres_scr *p, const struct review *r)
{
	struct app *a = p->app;
	struct strbuf sb = {0};
	struct err e = {0};
	char q[200];
	int year = r->year, done = r->done, yes, rc, tries = 0;

	if (!app_allow_final_review(a))
		return REDRAW_ALL;
	if (!done) {
		if (verify_text(a, year, &sb))
			return REDRAW_ALL;
		snprintf(q, sizeof q, "Cocher « Bilan annuel - Fait » pour %d ? "
		    "Le plan sera figé tel qu'il est aujourd'hui.", year);
		yes = app_show_text(a, "Bilan annuel - Fait", sb_str(&sb), q);
	} else {
		snprintf(q, sizeof q, "Décocher « Bilan annuel - Fait » pour %d ?"
		    " Le plan figé reste dans l'historique.", year);
		yes = app_confirm(a, "Bilan annuel - Fait", q);
	}
	sb_free(&sb);
	if (!yes) {
		app_status(a, 0, "Bilan %d inchangé.", year);
		return REDRAW_ALL;
	}
	do
		rc = store_set_review_done(a->store, a->mandate_id, year, !done,
		    &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc)
		app_status(a, 1, "%s", e.msg);
	else
		app_status(a, 0, "Bilan %d : %s.", year, done ? "décoché" :
		    "fait, plan figé");
	if (pres_reload(&a->stack[a->depth - 1], &e))
		app_status(a, 1, "%s", e.msg);
	return REDRAW_ALL;
}

static int freeze_initial(struct pres_scr *p)
{
	struct app *a = p->app;
	struct err e = {0};
	struct strbuf q = {0};
	size_t n = 0;
	struct action_filter f;
	int rc, tries = 0;

	if (p->has_initial) {
		app_status(a, 0, "Le plan d'action initial de ce mandat est déjà "
		    "figé (F8 : évolution depuis le plan initial).");
		return REDRAW_STATUS;
	}
	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	store_filter_init(&f);
	f.cancelled = 0;
	if (store_count_actions(a->store, a->mandate_id, &f, &n, &e)) {
		app_status(a, 1, "%s", e.msg);
		return REDRAW_STATUS;
	}
	sb_printf(&q, "Figer maintenant le plan d'action initial du mandat %s, "
	    "tel qu'approuvé par le conseil municipal (%zu action%s) ?\n\n"
	    "Il ne se fige qu'une fois par mandat. Ensuite, chaque nouvelle "
	    "action sera marquée « Action supplémentaire au plan d'action "
	    "initial » et le motif de son ajout sera demandé.",
	    a->mandate.label ? a->mandate.label : "", n, n > 1 ? "s" : "");
	if (!app_confirm(a, "Plan d'action initial", sb_str(&q))) {
		sb_free(&q);
		app_status(a, 0, "Plan d'action initial non figé.");
		return REDRAW_ALL;
	}
	sb_free(&q);
	do
		rc = store_freeze_initial(a->store, a->mandate_id, &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc)
		app_status(a, 1, "%s", e.msg);
	else
		app_status(a, 0, "Plan d'action initial figé : les actions "
		    "ajoutées désormais seront des actions supplémentaires.");
	return REDRAW_ALL | REDRAW_RELOAD;
}

static int pres_enter(struct pres_scr *p, int toggle)
{
	size_t row = p->list.sel;
	const struct review *r;
	static const char *const items[] = { "Cocher ou décocher « Bilan "
	    "annuel - Fait »", "Modifier les commentaires de la collectivité" };
	int c = 1;

	if (row < C_COUNT)
		return toggle ? REDRAW_NONE : edit_coll(p, (enum coll_field)row);
	if (row == row_initial(p))
		return toggle ? REDRAW_NONE : freeze_initial(p);
	if (row < ROW_REVIEW0 || row - ROW_REVIEW0 >= p->nrv)
		return REDRAW_NONE;
	r = &p->rv[row - ROW_REVIEW0];
	if (toggle)
		return toggle_done(p, r);
	if (app_choose(p->app, "Bilan annuel", items, 2, &c))
		return REDRAW_ALL;
	return c == 0 ? toggle_done(p, r) : edit_comments(p, r);
}

static int pres_key(struct screen *s, enum act act, int key)
{
	struct pres_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT: return pres_enter(p, 0);
	case ACT_TOGGLE: return pres_enter(p, 1);
	default: return REDRAW_NONE;
	}
}

static int pres_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct pres_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	size_t row = widget_list_row_at(&p->list, &lr, y);

	(void)x;
	if (row == (size_t)-1)
		return 0;
	return widget_list_select(&p->list, row);
}

const struct screen_ops screen_pres_ops = {
	.name = "Présentation",
	.open = pres_open,
	.close = pres_close,
	.reload = pres_reload,
	.draw = pres_draw,
	.key = pres_key,
	.click = pres_click,
};
