/*
 * screen_verify.c - the Vérification avant envoi screen: what an evaluator
 * would miss for the current year (plan_verify), one item per row; Enter
 * opens the action concerned.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

struct verify_scr {
	struct app *app;
	struct check_item *items;
	size_t n;
	struct widget_list list;
};

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct verify_scr *p = ctx;
	const struct check_item *it = &p->items[row];
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;

	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x + 1, 7, it->ref ? it->ref : "—", attr | A_BOLD, 1);
	widget_put(win, y, x + 9, w - 9, it->message, attr, 1);
}

static int verify_reload(struct screen *s, struct err *e)
{
	struct verify_scr *p = s->priv;
	struct plan *pl = NULL;
	int rc;

	check_items_free(p->items, p->n);
	p->items = NULL;
	p->n = 0;
	if ((rc = store_load_plan(p->app->store, p->app->mandate_id, 0, &pl,
	    e)))
		return rc;
	rc = plan_verify(pl, p->app->current_year, &p->items, &p->n, e);
	plan_free(&pl);
	widget_list_set_count(&p->list, p->n);
	return rc;
}

static const struct list_screen verify_list = {
	LIST_SCREEN_STATE(struct verify_scr), draw_row, NULL, verify_reload,
};

static int verify_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &verify_list, e);
}

static void verify_close(struct screen *s)
{
	struct verify_scr *p = s->priv;

	if (!p)
		return;
	check_items_free(p->items, p->n);
	free(p);
	s->priv = NULL;
}

static void verify_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct verify_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	char head[300];

	snprintf(head, sizeof head, "Vérification avant envoi — bilan %d : "
	    "%zu point%s à revoir (Entrée ouvre l'action)",
	    p->app->current_year, p->n, p->n > 1 ? "s" : "");
	widget_put(win, r->y, r->x, r->w, head, A_BOLD, 1);
	if (!p->n) {
		widget_put(win, lr.y + 1, lr.x + 2, lr.w - 2, "Rien à signaler : "
		    "le tableau est prêt à être envoyé.", A_NORMAL, 1);
		*cy = lr.y + 1;
		*cx = lr.x + 2;
		return;
	}
	widget_list_draw(&p->list, win, &lr);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
}

static int open_item(struct verify_scr *p)
{
	const struct check_item *it;

	if (p->list.sel >= p->n)
		return REDRAW_NONE;
	it = &p->items[p->list.sel];
	if (!it->ref) {
		app_status(p->app, 0, "Engagement %d : ajoutez une action "
		    "(suivi add) ; aucune action à ouvrir.", it->engagement);
		return REDRAW_STATUS;
	}
	tui_open_action_ref(p->app, it->ref);
	return REDRAW_ALL;
}

static int verify_key(struct screen *s, enum act act, int key)
{
	struct verify_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT: return open_item(p);
	default: return REDRAW_NONE;
	}
}

static int verify_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct verify_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };
	int c = widget_list_click(&p->list, &lr, y);

	(void)x;
	if (c == WL_CLICK_OPEN)
		return open_item(p) != REDRAW_NONE;
	return c != WL_CLICK_NONE;
}

const struct screen_ops screen_verify_ops = {
	.name = "Vérification",
	.open = verify_open,
	.close = verify_close,
	.reload = verify_reload,
	.draw = verify_draw,
	.key = verify_key,
	.click = verify_click,
};
