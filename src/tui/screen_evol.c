/*
 * screen_evol.c - the Évolution screen: what changed in the plan between a
 * reference state and today (plan_compare): actions added or cancelled,
 * designation or avancement changed, texts updated.
 *
 * Reference states, in the order r cycles through them: the initial plan
 * (when frozen), then the plan frozen by each done yearly review, oldest
 * first. The default is the initial plan, as UNICEF France's evaluators
 * compare with it. Enter opens the action of the selected change. The
 * screen only reads; the states are reloaded with the data.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

#define DETAIL_LINES 4

struct evol_scr {
	struct app *app;
	int *states;		/* 0: initial plan, else a done review year */
	size_t n_states;
	int state;		/* the reference shown (a value of states) */
	int chosen;		/* 1 once the user picked a state with r */
	struct change *ch;
	size_t n;
	struct widget_list list;
};

static const char *kind_label(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED: return "Ajoutée";
	case CHANGE_REMOVED: return "Retirée";
	case CHANGE_CANCELLED: return "Annulée";
	case CHANGE_DESIGNATION: return "Intitulé modifié";
	case CHANGE_PROGRESS: return "Avancement";
	case CHANGE_TEXTS: return "Textes mis à jour";
	}
	return "";
}

static void state_name(int state, char *buf, size_t n)
{
	if (state)
		snprintf(buf, n, "le bilan %d", state);
	else
		snprintf(buf, n, "le plan initial");
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct evol_scr *p = ctx;
	const struct change *c = &p->ch[row];
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;
	char detail[1200];

	if (c->kind == CHANGE_CANCELLED)
		attr |= A_DIM;
	if (c->kind == CHANGE_PROGRESS || c->kind == CHANGE_DESIGNATION)
		snprintf(detail, sizeof detail, "« %s » → « %s » · %s",
		    c->before ? c->before : "", c->after ? c->after : "",
		    c->designation ? c->designation : "");
	else
		snprintf(detail, sizeof detail, "%s", c->designation ?
		    c->designation : "");
	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x + 1, 6, c->ref, attr | A_BOLD, 1);
	widget_put(win, y, x + 8, 18, kind_label(c->kind), attr |
	    (c->kind == CHANGE_ADDED && p->app->colors && !sel ?
	    COLOR_PAIR(PAIR_OK) : 0), 1);
	widget_put(win, y, x + 27, w - 27, detail, attr, 1);
}

/* The reference states that exist now: initial plan, done reviews. */
static int load_states(struct evol_scr *p, struct err *e)
{
	struct review *rv = NULL;
	size_t nrv = 0, i;
	int has = 0, rc;

	free(p->states);
	p->states = NULL;
	p->n_states = 0;
	if ((rc = store_has_initial(p->app->store, p->app->mandate_id, &has,
	    e)) || (rc = store_list_reviews(p->app->store, p->app->mandate_id,
	    &rv, &nrv, e)))
		return rc;
	p->states = calloc(nrv + 1, sizeof *p->states);
	if (!p->states) {
		rc = err_nomem(e);
		goto out;
	}
	if (has)
		p->states[p->n_states++] = 0;
	for (i = 0; i < nrv; i++)
		if (rv[i].done)
			p->states[p->n_states++] = rv[i].year;
out:
	for (i = 0; i < nrv; i++)
		review_clear(&rv[i]);
	free(rv);
	return rc;
}

static int evol_reload(struct screen *s, struct err *e)
{
	struct evol_scr *p = s->priv;
	struct plan *from = NULL, *to = NULL;
	size_t i;
	int rc, found = 0;

	changes_free(p->ch, p->n);
	p->ch = NULL;
	p->n = 0;
	widget_list_set_count(&p->list, 0);
	if ((rc = load_states(p, e)))
		return rc;
	for (i = 0; i < p->n_states; i++)
		if (p->states[i] == p->state)
			found = 1;
	if (!found || (!p->chosen && p->n_states))
		p->state = p->n_states ? p->states[0] : 0;
	if (!p->n_states)
		return 0;
	if ((rc = p->state ? store_load_plan(p->app->store, p->app->mandate_id,
	    p->state, &from, e) : store_load_initial(p->app->store,
	    p->app->mandate_id, &from, e)) ||
	    (rc = store_load_plan(p->app->store, p->app->mandate_id, 0, &to,
	    e)) || (rc = plan_compare(from, to, &p->ch, &p->n, e)))
		goto out;
	widget_list_set_count(&p->list, p->n);
out:
	plan_free(&from);
	plan_free(&to);
	return rc;
}

static const struct list_screen evol_list = {
	LIST_SCREEN_STATE(struct evol_scr), draw_row, NULL, evol_reload,
};

static int evol_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &evol_list, e);
}

static void evol_close(struct screen *s)
{
	struct evol_scr *p = s->priv;

	if (!p)
		return;
	changes_free(p->ch, p->n);
	free(p->states);
	free(p);
	s->priv = NULL;
}

/* The selected change in full, wrapped, under the list. */
static void draw_detail(struct evol_scr *p, WINDOW *win, int y, int x, int w)
{
	const struct change *c = &p->ch[p->list.sel];
	struct strbuf sb = {0};
	struct wrap_line *l = NULL;
	size_t n = 0, nl = 0, i;
	wchar_t *wc;

	sb_printf(&sb, "%s %s", c->ref, c->designation ? c->designation : "");
	if (c->kind == CHANGE_PROGRESS || c->kind == CHANGE_DESIGNATION)
		sb_printf(&sb, "\nAvant : %s\nAprès : %s", c->before ?
		    c->before : "", c->after ? c->after : "");
	if (c->kind == CHANGE_CANCELLED && c->year)
		sb_printf(&sb, "\nAnnulée en %d", c->year);
	if (c->reason)
		sb_printf(&sb, "%sMotif : %s", c->kind == CHANGE_CANCELLED &&
		    c->year ? " · " : "\n", c->reason);
	wc = text_to_wcs(sb_str(&sb), &n);
	if (wc && !text_wrap(wc, n, w - 2, &l, &nl)) {
		for (i = 0; i < nl && i < DETAIL_LINES; i++) {
			char *line = text_from_wcs(wc + l[i].start, l[i].len);

			widget_put(win, y + (int)i, x + 1, w - 1, line,
			    A_NORMAL, 1);
			free(line);
		}
	}
	free(l);
	free(wc);
	sb_free(&sb);
}

static void evol_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct evol_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 3 - DETAIL_LINES, r->w };
	char head[400], name[64];

	if (!p->n_states) {
		widget_put(win, r->y, r->x, r->w, "Évolution du plan", A_BOLD,
		    1);
		widget_put(win, r->y + 2, r->x + 2, r->w - 2, "Aucun état de "
		    "référence : le plan initial n'est pas figé (suivi "
		    "plan-initial --figer) et aucun bilan n'est fait.",
		    A_NORMAL, 1);
		*cy = r->y + 2;
		*cx = r->x + 2;
		return;
	}
	state_name(p->state, name, sizeof name);
	snprintf(head, sizeof head, "Évolution depuis %s : %zu changement%s "
	    "· r : autre référence", name, p->n, p->n > 1 ? "s" : "");
	widget_put(win, r->y, r->x, r->w, head, A_BOLD, 1);
	widget_put(win, r->y + 1, r->x, r->w, "", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 1, 6, "N°", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 8, 18, "Changement", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 27, r->w - 27, "Intitulé, avant → "
	    "après (Entrée ouvre l'action)", A_UNDERLINE, 1);
	if (!p->n) {
		widget_put(win, lr.y, lr.x + 2, lr.w - 2, "Aucun changement.",
		    A_NORMAL, 1);
		*cy = lr.y;
		*cx = lr.x + 2;
		return;
	}
	widget_list_draw(&p->list, win, &lr);
	widget_put(win, lr.y + lr.h, r->x, r->w, " Détail", A_UNDERLINE, 1);
	draw_detail(p, win, lr.y + lr.h + 1, r->x, r->w);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
}

static int cycle_state(struct screen *s)
{
	struct evol_scr *p = s->priv;
	struct err e = {0};
	char name[64];
	size_t i;

	if (p->n_states < 2) {
		app_status(p->app, 0, "Un seul état de référence : figez le "
		    "plan initial ou faites un bilan pour en avoir d'autres.");
		return REDRAW_STATUS;
	}
	for (i = 0; i < p->n_states && p->states[i] != p->state; i++)
		;
	p->state = p->states[(i + 1) % p->n_states];
	p->chosen = 1;
	p->list.sel = p->list.top = 0;
	if (evol_reload(s, &e))
		app_status(p->app, 1, "%s", e.msg);
	else {
		state_name(p->state, name, sizeof name);
		app_status(p->app, 0, "Référence : %s.", name);
	}
	return REDRAW_ALL;
}

static int open_change(struct evol_scr *p)
{
	if (p->list.sel >= p->n)
		return REDRAW_NONE;
	tui_open_action_ref(p->app, p->ch[p->list.sel].ref);
	return REDRAW_ALL;
}

static int evol_key(struct screen *s, enum act act, int key)
{
	struct evol_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT: return open_change(p);
	case ACT_CYCLE: case ACT_TOGGLE: return cycle_state(s);
	default: return REDRAW_NONE;
	}
}

static int evol_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct evol_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 3 - DETAIL_LINES, r->w };
	int c = widget_list_click(&p->list, &lr, y);

	(void)x;
	if (c == WL_CLICK_OPEN)
		return open_change(p) != REDRAW_NONE;
	return c != WL_CLICK_NONE;
}

const struct screen_ops screen_evol_ops = {
	.name = "Évolution",
	.open = evol_open,
	.close = evol_close,
	.reload = evol_reload,
	.draw = evol_draw,
	.key = evol_key,
	.click = evol_click,
};
