/*
 * screen_synth.c - the Synthèse screen: per engagement and for the whole
 * plan, counts by avancement, priority actions done / total, added and
 * cancelled actions, with a bar of the share achieved, and the city's own
 * assessment of each engagement (atteint, en passe d'être atteint, non
 * atteint, with a comment: the final review of the mandate).
 *
 * Counts come from plan_count (model) over the summary rows of the store,
 * so they match the spreadsheet's Synthèse sheet. Up/Down select an
 * engagement; Enter sets its assessment (store_set_assessment, journaled,
 * one transaction); o opens the Évolution screen.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "tui_priv.h"

struct synth_scr {
	struct app *app;
	struct plan_counts *c;
	int n_eng;
	int sel;		/* selected engagement, 1..n_eng */
	int scroll;		/* first engagement shown - 1 */
	struct assessment *as;
	size_t n_as;
};

static const char *const assess_labels[] = { "Non atteint",
    "En passe d'être atteint", "Atteint" };

static const struct assessment *assessment_of(const struct synth_scr *p,
    int eng)
{
	size_t i;

	for (i = 0; i < p->n_as; i++)
		if (p->as[i].engagement == eng)
			return &p->as[i];
	return NULL;
}

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
	if (!p->c)
		return err_nomem(e);
	if (p->sel < 1)
		p->sel = 1;
	if (p->sel > p->n_eng)
		p->sel = p->n_eng;
	assessments_free(p->as, p->n_as);
	p->as = NULL;
	p->n_as = 0;
	return store_list_assessments(p->app->store, p->app->mandate_id,
	    &p->as, &p->n_as, e);
}

static int synth_open(struct screen *s, struct err *e)
{
	struct synth_scr *p = calloc(1, sizeof *p);
	int rc;

	if (!p)
		return err_nomem(e);
	p->app = s->app;
	s->priv = p;
	if ((rc = synth_reload(s, e))) {
		free(p->c);
		assessments_free(p->as, p->n_as);
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
		assessments_free(p->as, p->n_as);
		free(p);
	}
	s->priv = NULL;
}

/* Lines per group: the counts, the bar, and for an engagement the
 * city's assessment. */
static void draw_group(struct synth_scr *p, WINDOW *win, int y, int x, int w,
    int k, int tw)
{
	unsigned long sel = k && k == p->sel ? A_REVERSE : 0;
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
	widget_put(win, y, x, 1, sel ? ">" : " ", A_BOLD, 1);
	widget_put(win, y, x + 1, tw, name, k ? A_BOLD | sel :
	    A_BOLD | A_UNDERLINE, 1);
	widget_put(win, y, x + 1 + tw + 1, w - tw - 2, nums, A_NORMAL, 1);
	bw = w - 30 > 50 ? 50 : w - 30;
	text_bar(bar, sizeof bar, bw, c->done, c->actions);
	snprintf(line, sizeof line, "%s %3d %% réalisées", bar, pct);
	widget_put(win, y + 1, x + 4, w - 4, line,
	    p->app->colors ? COLOR_PAIR(PAIR_OK) : A_NORMAL, 1);
	if (k) {
		const struct assessment *as = assessment_of(p, k);

		snprintf(line, sizeof line, "Appréciation : %s%s%s",
		    as && as->value >= 0 && as->value <= RESULT_ACHIEVED ?
		    assess_labels[as->value] : "non renseignée",
		    as && as->comment ? " — " : "",
		    as && as->comment ? as->comment : "");
		widget_put(win, y + 2, x + 4, w - 4, line, as && as->value >= 0 ?
		    A_NORMAL : A_DIM, 1);
	}
}

static void synth_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct synth_scr *p = s->priv;
	int tw = r->w - 48 - 3, y = r->y + 2, k, first, fit;
	char head[200];

	if (tw < 10)
		tw = 10;
	widget_put(win, r->y, r->x, r->w, "Synthèse par engagement · Entrée : "
	    "appréciation · o : évolution", A_BOLD, 1);
	snprintf(head, sizeof head, "%5s %5s %5s %5s %4s %5s %5s %7s", "Act.",
	    "Réal.", "Cours", "Non c", "N.R.", "Annul", "Supp.", "Prio.");
	widget_put(win, r->y + 1, r->x, r->w, "", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 1, tw, "Engagement", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + 1 + tw + 1, r->w - tw - 2, head,
	    A_UNDERLINE, 1);
	/* Engagements of 3 lines each, the whole plan (2) and a legend. */
	fit = (r->h - 2 - 2 - 2) / 3;
	if (fit < 1)
		fit = 1;
	if (p->sel - 1 < p->scroll)
		p->scroll = p->sel - 1;
	if (p->sel - 1 >= p->scroll + fit)
		p->scroll = p->sel - fit;
	if (p->scroll < 0)
		p->scroll = 0;
	first = 1 + p->scroll;
	*cy = r->y + 2;
	*cx = r->x + 1;
	for (k = first; k <= p->n_eng && k < first + fit; k++, y += 3) {
		draw_group(p, win, y, r->x, r->w, k, tw);
		if (k == p->sel)
			*cy = y;
	}
	draw_group(p, win, y, r->x, r->w, 0, tw);
	widget_put(win, r->y + r->h - 1, r->x, r->w, " Act. actions (hors "
	    "annulées) · Réal. réalisées · Cours en cours · Non c non "
	    "commencées · N.R. non renseigné · Annul annulées · Supp. "
	    "supplémentaires · Prio. prioritaires réalisées / prioritaires",
	    A_DIM, 1);
}

/* Enter: the city's assessment of the selected engagement, then its
 * comment; Esc at either step changes nothing. */
static int set_assessment(struct synth_scr *p)
{
	static const char *const items[] = { "Atteint",
	    "En passe d'être atteint", "Non atteint", "Non renseignée" };
	static const int values[] = { RESULT_ACHIEVED, RESULT_ALMOST,
	    RESULT_NOT_ACHIEVED, -1 };
	struct app *a = p->app;
	const struct assessment *as = assessment_of(p, p->sel);
	struct err e = {0};
	char title[200], *comment = NULL, *text;
	int c = 3, i, rc = ERR_CANCELLED, tries, eng = p->sel;

	if (p->sel < 1)
		return REDRAW_STATUS;
	if (!app_allow_final_review(a))
		return REDRAW_ALL;
	for (i = 0; i < 4; i++)
		if (as && values[i] == as->value)
			c = i;
	snprintf(title, sizeof title, "Engagement %d : appréciation de la "
	    "collectivité", p->sel);
	if (app_choose(a, title, items, 4, &c))
		return REDRAW_ALL;
	snprintf(title, sizeof title, "Engagement %d : commentaire de "
	    "l'appréciation « %s »", p->sel, items[c]);
	text = xstrdup(as ? as->comment : NULL);
	/* A failed save goes back to the editor with what was typed. */
	while (!app_edit_text(a, title, text, &comment)) {
		tries = 0;
		do
			rc = store_set_assessment(a->store, a->mandate_id, eng,
			    values[c], str_trim(comment), &e);
		while (app_retry_locked(a, rc, &tries));
		free(text);
		text = comment;
		comment = NULL;
		if (!rc || a->quit)
			break;
		app_status(a, 1, "Non enregistré, texte conservé : %s", e.msg);
	}
	free(text);
	if (rc == ERR_CANCELLED)
		app_status(a, 0, "Appréciation de l'engagement %d inchangée.",
		    eng);
	else if (!rc)
		app_status(a, 0, "Appréciation de l'engagement %d enregistrée : "
		    "%s.", eng, items[c]);
	return REDRAW_ALL | REDRAW_RELOAD;
}

static int synth_key(struct screen *s, enum act act, int key)
{
	struct synth_scr *p = s->priv;

	(void)key;
	switch (act) {
	case ACT_DOWN:
		if (p->sel < p->n_eng)
			p->sel++;
		return REDRAW_BODY;
	case ACT_UP:
		if (p->sel > 1)
			p->sel--;
		return REDRAW_BODY;
	case ACT_PGDN: case ACT_END:
		p->sel = p->n_eng;
		return REDRAW_BODY;
	case ACT_PGUP: case ACT_HOME:
		p->sel = p->n_eng ? 1 : 0;
		return REDRAW_BODY;
	case ACT_ENTER: case ACT_EDIT:
		return set_assessment(p);
	default:
		return REDRAW_NONE;
	}
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
