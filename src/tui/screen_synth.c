/*
 * screen_synth.c - the Synthèse screen: per engagement and for the whole
 * plan, counts by avancement, priority actions done / total, added and
 * cancelled actions, with a bar of the share achieved.
 *
 * Counts come from plan_count (model) over the summary rows of the store,
 * so they match the spreadsheet's Synthèse sheet.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

struct synth_scr {
	struct app *app;
	struct plan_counts *c;
	int n_eng;
	int scroll;
};

static int synth_reload(struct screen *s, struct err *e)
{
	struct synth_scr *p = s->priv;
	struct action *acts = NULL;
	size_t n = 0, i;
	struct plan tmp;
	int rc;

	if ((rc = store_list_actions(p->app->store, p->app->mandate_id, NULL,
	    STORE_LOAD_SUMMARY, &acts, &n, e)))
		return rc;
	memset(&tmp, 0, sizeof tmp);
	tmp.actions = acts;
	tmp.n_actions = n;
	tmp.ref = p->app->ref;
	p->n_eng = plan_engagement_count(&tmp);
	free(p->c);
	p->c = calloc((size_t)p->n_eng + 1, sizeof *p->c);
	if (p->c)
		plan_count(&tmp, p->c, p->n_eng);
	for (i = 0; i < n; i++)
		action_clear(&acts[i]);
	free(acts);
	return p->c ? 0 : err_set(e, ERR_NOMEM, "mémoire insuffisante");
}

static int synth_open(struct screen *s, struct err *e)
{
	struct synth_scr *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	p->app = s->app;
	s->priv = p;
	if ((rc = synth_reload(s, e))) {
		free(p);
		s->priv = NULL;
	}
	return rc;
}

static void synth_close(struct screen *s)
{
	struct synth_scr *p = s->priv;

	if (p) {
		free(p->c);
		free(p);
	}
	s->priv = NULL;
}

/* Two lines per group: the counts, then the bar. */
static void draw_group(struct synth_scr *p, WINDOW *win, int y, int x, int w,
    int k, int tw)
{
	const struct plan_counts *c = &p->c[k];
	const struct ref_engagement *re = k ? referential_engagement(
	    p->app->ref, k) : NULL;
	char name[400], nums[200], bar[300], line[400];
	int bw, pct = c->actions ? c->done * 100 / c->actions : 0;

	if (k)
		snprintf(name, sizeof name, "%d. %s", k, re && re->title ?
		    re->title : "");
	else
		snprintf(name, sizeof name, "Ensemble du plan");
	snprintf(nums, sizeof nums, "%5d %5d %5d %5d %4d %5d %5d %3d/%-3d",
	    c->actions, c->done, c->in_progress, c->not_started, c->unset,
	    c->cancelled, c->added, c->priority_done, c->priority);
	widget_put(win, y, x + 1, tw, name, k ? A_BOLD : A_BOLD | A_UNDERLINE,
	    1);
	widget_put(win, y, x + 1 + tw + 1, w - tw - 2, nums, A_NORMAL, 1);
	bw = w - 30 > 50 ? 50 : w - 30;
	text_bar(bar, sizeof bar, bw, c->done, c->actions);
	snprintf(line, sizeof line, "%s %3d %% réalisées", bar, pct);
	widget_put(win, y + 1, x + 4, w - 4, line,
	    p->app->colors ? COLOR_PAIR(PAIR_OK) : A_NORMAL, 1);
}

static void synth_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct synth_scr *p = s->priv;
	int tw = r->w - 48 - 3, y = r->y + 2, k, first;
	char head[200];

	if (tw < 10)
		tw = 10;
	widget_put(win, r->y, r->x, r->w, "Synthèse — actions par engagement "
	    "(hors annulées), avancement, prioritaires réalisées / "
	    "prioritaires", A_BOLD, 1);
	snprintf(head, sizeof head, "%5s %5s %5s %5s %4s %5s %5s %7s", "Act.",
	    "Réal.", "Cours", "Non c", "N.R.", "Annul", "Supp.", "Prio.");
	widget_put(win, r->y + 1, r->x, r->w, "", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 1, tw, "Engagement", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 1 + tw + 1, r->w - tw - 2, head,
	    A_UNDERLINE, 1);
	if (p->scroll > p->n_eng)
		p->scroll = p->n_eng;
	first = 1 + p->scroll;
	for (k = first; k <= p->n_eng && y + 1 < r->y + r->h - 3; k++, y += 2)
		draw_group(p, win, y, r->x, r->w, k, tw);
	if (y + 1 < r->y + r->h - 1)
		draw_group(p, win, y + 1 < r->y + r->h - 2 ? y + 1 : y, r->x,
		    r->w, 0, tw);
	widget_put(win, r->y + r->h - 1, r->x, r->w, " Act. actions · Réal. "
	    "réalisées · Cours en cours · Non c non commencées · N.R. non "
	    "renseigné · Annul annulées · Supp. supplémentaires", A_DIM, 1);
	*cy = r->y + 2;
	*cx = r->x + 1;
}

static int synth_key(struct screen *s, enum act act, int key)
{
	struct synth_scr *p = s->priv;

	(void)key;
	if (act == ACT_DOWN || act == ACT_PGDN) {
		if (p->scroll + 1 < p->n_eng)
			p->scroll++;
		return REDRAW_BODY;
	}
	if (act == ACT_UP || act == ACT_PGUP || act == ACT_HOME) {
		p->scroll = 0;
		return REDRAW_BODY;
	}
	return REDRAW_NONE;
}

const struct screen_ops screen_synth_ops = {
	.name = "Synthèse",
	.open = synth_open,
	.close = synth_close,
	.reload = synth_reload,
	.draw = synth_draw,
	.key = synth_key,
	.click = NULL,
};
