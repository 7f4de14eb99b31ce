/*
 * screen_carry.c - mandates in the interface: the list of mandates (m),
 * to look at an archived one read-only, and the assistant that carries
 * the actions of the previous mandate over into a new one.
 *
 * The assistant lists every non-cancelled action of the previous mandate
 * with a decision: garder (copied into the new plan, in the engagement the
 * new referential maps its old one to, else one the coordinator chooses),
 * fusionner dans (another kept action) or clore. Nothing is written until
 * "Appliquer": then store_carry_over does everything in one transaction
 * (the previous mandate is left as it was) and its report is shown.
 *
 * Decisions: UNDECIDED (no mapping for the engagement) → KEEP / MERGE /
 * CLOSE through choose_decision; apply() refuses while a row is undecided
 * or merges into an action that is not kept.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

#define UNDECIDED (-1)

struct carry_row {
	const struct action *a;	/* borrowed from old */
	int decision;		/* enum carry_decision or UNDECIDED */
	int engagement;		/* KEEP: engagement in the new mandate */
	size_t into;		/* MERGE: row index of the kept action */
};

struct carry_scr {
	struct app *app;
	struct mandate prev;
	struct plan *old;
	struct carry_row *rows;
	size_t n;
	struct widget_list list;	/* n rows + the "Appliquer" row */
};

/* ---- Finding the previous mandate ---- */

static int find_mandate(struct app *a, int64_t id, struct mandate *out,
    struct err *e)
{
	struct mandate *ms = NULL;
	size_t n = 0, i;
	int rc, found = 0;

	if ((rc = store_list_mandates(a->store, &ms, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (ms[i].id == id && !found) {
			*out = ms[i];
			memset(&ms[i], 0, sizeof ms[i]);
			found = 1;
		}
		mandate_clear(&ms[i]);
	}
	free(ms);
	return found ? 0 : err_set(e, ERR_NOTFOUND, "mandat précédent "
	    "introuvable");
}

/* Engagement of the new mandate for old engagement eng (0: none). */
static int mapped_engagement(const struct referential *r, int eng)
{
	size_t i;

	for (i = 0; i < r->n_mappings; i++)
		if (r->mappings[i].from == eng &&
		    referential_engagement(r, r->mappings[i].to))
			return r->mappings[i].to;
	return 0;
}

/* 1 when the assistant applies: a previous mandate, an empty plan, and
 * the right to write. Otherwise says why in the status line. */
static int carry_possible(struct app *a, int quiet)
{
	struct err e = {0};
	size_t n = 0;

	if (!a->mandate.previous_id) {
		if (!quiet)
			app_status(a, 1, "Le mandat %s ne suit aucun autre "
			    "mandat : rien à reprendre.", a->mandate.label);
		return 0;
	}
	if (store_count_actions(a->store, a->mandate_id, NULL, &n, &e)) {
		if (!quiet)
			app_status(a, 1, "%s", e.msg);
		return 0;
	}
	if (n) {
		if (!quiet)
			app_status(a, 1, "Le mandat %s contient déjà %zu "
			    "action%s : la reprise se fait une fois, à "
			    "l'ouverture du mandat.", a->mandate.label, n,
			    n > 1 ? "s" : "");
		return 0;
	}
	if (!quiet && app_refuse_readonly(a))
		return 0;
	return !a->readonly;
}

/* ---- The assistant screen ---- */

static void decision_text(const struct carry_scr *p, const struct carry_row *r,
    char *buf, size_t n)
{
	switch (r->decision) {
	case CARRY_KEEP:
		snprintf(buf, n, "garder → engagement %d", r->engagement);
		break;
	case CARRY_MERGE:
		snprintf(buf, n, "fusionner dans %s", p->rows[r->into].a->ref);
		break;
	case CARRY_CLOSE:
		snprintf(buf, n, "clore");
		break;
	default:
		snprintf(buf, n, "? à choisir");
	}
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct carry_scr *p = ctx;
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;
	const struct carry_row *r;
	char dec[120];
	int dw = 26;

	widget_put(win, y, x, w, "", attr, 1);
	if (row >= p->n) {
		widget_put(win, y, x + 1, w - 1, "▶ Appliquer la reprise "
		    "(Entrée)", attr | A_BOLD, 1);
		return;
	}
	r = &p->rows[row];
	if (r->a->priority)
		attr |= app_attr_priority(p->app);
	decision_text(p, r, dec, sizeof dec);
	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x + 1, 6, r->a->ref, attr | A_BOLD, 1);
	widget_put(win, y, x + 8, w - 8 - dw - 1, r->a->designation, attr, 1);
	widget_put(win, y, x + w - dw, dw, dec, attr | (r->decision ==
	    UNDECIDED ? A_BOLD : 0), 1);
}

static int carry_load(struct carry_scr *p, struct err *e)
{
	struct app *a = p->app;
	size_t i;
	int rc;

	if ((rc = find_mandate(a, a->mandate.previous_id, &p->prev, e)) ||
	    (rc = store_load_plan(a->store, p->prev.id, 0, &p->old, e)))
		return rc;
	p->rows = calloc(p->old->n_actions + 1, sizeof *p->rows);
	if (!p->rows)
		return err_nomem(e);
	for (i = 0; i < p->old->n_actions; i++) {
		const struct action *ac = &p->old->actions[i];
		struct carry_row *r;

		if (ac->cancelled)
			continue;
		r = &p->rows[p->n++];
		r->a = ac;
		r->engagement = mapped_engagement(a->ref, ac->engagement);
		r->decision = r->engagement ? CARRY_KEEP : UNDECIDED;
	}
	widget_list_set_count(&p->list, p->n + 1);
	return 0;
}

static void carry_free(struct carry_scr *p)
{
	mandate_clear(&p->prev);
	plan_free(&p->old);
	free(p->rows);
	free(p);
}

static int carry_first_load(struct screen *s, struct err *e)
{
	return carry_load(s->priv, e);
}

static const struct list_screen carry_list = {
	LIST_SCREEN_STATE(struct carry_scr), draw_row, NULL, carry_first_load,
};

static int carry_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &carry_list, e);
}

static void carry_close(struct screen *s)
{
	if (s->priv)
		carry_free(s->priv);
	s->priv = NULL;
}

static void count_decisions(const struct carry_scr *p, int c[4])
{
	size_t i;

	memset(c, 0, 4 * sizeof *c);
	for (i = 0; i < p->n; i++)
		c[p->rows[i].decision == UNDECIDED ? 3 : p->rows[i].decision]++;
}

static void carry_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct carry_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 2, r->w };
	char head[400];
	int c[4];

	count_decisions(p, c);
	snprintf(head, sizeof head, "Reprise du mandat %s dans le mandat %s · "
	    "Entrée : choisir", p->prev.label, p->app->mandate.label);
	widget_put(win, r->y, r->x, r->w, head, A_BOLD, 1);
	snprintf(head, sizeof head, "%zu actions : %d gardée%s, %d fusionnée%s, "
	    "%d close%s, %d à choisir · Échap : abandonner", p->n, c[CARRY_KEEP], c[CARRY_KEEP] > 1 ? "s" :
	    "", c[CARRY_MERGE], c[CARRY_MERGE] > 1 ? "s" : "", c[CARRY_CLOSE],
	    c[CARRY_CLOSE] > 1 ? "s" : "", c[3]);
	widget_put(win, r->y + 1, r->x, r->w, head, A_UNDERLINE, 1);
	widget_list_draw(&p->list, win, &lr);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 1;
}

static int choose_new_engagement(struct app *a, int *eng)
{
	const struct referential *r = a->ref;
	const char *items[100];
	char bufs[100][160];
	int n = 0, c = 0, k;

	for (k = 0; k < (int)r->n_engagements && k < 100; k++) {
		snprintf(bufs[k], sizeof bufs[k], "%d. %s",
		    r->engagements[k].number, r->engagements[k].title ?
		    r->engagements[k].title : "");
		items[n++] = bufs[k];
		if (r->engagements[k].number == *eng)
			c = k;
	}
	if (!n) {
		app_status(a, 1, "Le référentiel du mandat %s n'a aucun "
		    "engagement.", a->mandate.label);
		return ERR_INVALID;
	}
	if (app_choose(a, "Engagement du nouveau mandat", items, n, &c))
		return ERR_CANCELLED;
	*eng = r->engagements[c].number;
	return 0;
}

/* Merge target: another row that is kept. */
static int choose_target(struct carry_scr *p, size_t row)
{
	const char **items = calloc(p->n + 1, sizeof *items);
	char (*bufs)[160] = calloc(p->n + 1, sizeof *bufs);
	size_t *idx = calloc(p->n + 1, sizeof *idx), i;
	int n = 0, c = 0, rc = ERR_CANCELLED;

	if (!items || !bufs || !idx) {
		app_status(p->app, 1, "Mémoire insuffisante.");
		goto out;
	}
	for (i = 0; i < p->n; i++) {
		if (i == row || p->rows[i].decision != CARRY_KEEP)
			continue;
		snprintf(bufs[n], sizeof bufs[n], "%s %s", p->rows[i].a->ref,
		    p->rows[i].a->designation ? p->rows[i].a->designation : "");
		if (p->rows[row].decision == CARRY_MERGE &&
		    p->rows[row].into == i)
			c = n;
		items[n] = bufs[n];
		idx[n++] = i;
	}
	if (!n) {
		app_status(p->app, 1, "Aucune action gardée dans laquelle "
		    "fusionner : gardez d'abord l'action d'accueil.");
		goto out;
	}
	if (app_choose(p->app, "Fusionner dans l'action gardée", items, n, &c))
		goto out;
	p->rows[row].decision = CARRY_MERGE;
	p->rows[row].into = idx[c];
	rc = 0;
out:
	free(items);
	free(bufs);
	free(idx);
	return rc;
}

static int choose_decision(struct carry_scr *p, size_t row)
{
	struct carry_row *r = &p->rows[row];
	int mapped = mapped_engagement(p->app->ref, r->a->engagement);
	char keep[200], title[300];
	const char *items[4];
	int n = 0, c = 0, k_keep = -1, k_other, k_merge, k_close, eng;
	size_t i;

	if (mapped) {
		snprintf(keep, sizeof keep, "Garder (engagement %d, selon le "
		    "référentiel)", mapped);
		k_keep = n;
		items[n++] = keep;
	}
	k_other = n;
	items[n++] = mapped ? "Garder dans un autre engagement…" :
	    "Garder (choisir l'engagement)…";
	k_merge = n;
	items[n++] = "Fusionner dans une autre action gardée…";
	k_close = n;
	items[n++] = "Clore (ne pas reprendre)";
	if (r->decision == CARRY_MERGE)
		c = k_merge;
	else if (r->decision == CARRY_CLOSE)
		c = k_close;
	else if (r->decision == CARRY_KEEP && r->engagement != mapped)
		c = k_other;
	snprintf(title, sizeof title, "Action %s (engagement %d du mandat %s)",
	    r->a->ref, r->a->engagement, p->prev.label);
	if (app_choose(p->app, title, items, n, &c))
		return REDRAW_ALL;
	if (c == k_keep) {
		r->decision = CARRY_KEEP;
		r->engagement = mapped;
	} else if (c == k_other) {
		eng = r->engagement ? r->engagement : mapped;
		if (choose_new_engagement(p->app, &eng))
			return REDRAW_ALL;
		r->decision = CARRY_KEEP;
		r->engagement = eng;
	} else if (c == k_merge) {
		if (choose_target(p, row))
			return REDRAW_ALL;
	} else if (c == k_close) {
		r->decision = CARRY_CLOSE;
	}
	/* An action that stops being kept cannot receive merges. */
	if (r->decision != CARRY_KEEP)
		for (i = 0; i < p->n; i++)
			if (p->rows[i].decision == CARRY_MERGE &&
			    p->rows[i].into == row) {
				p->rows[i].decision = UNDECIDED;
				app_status(p->app, 1, "L'action %s fusionnait "
				    "dans %s : choisissez à nouveau pour elle.",
				    p->rows[i].a->ref, r->a->ref);
			}
	if (row + 1 < p->n)
		widget_list_move(&p->list, 1);
	return REDRAW_ALL;
}

static int apply(struct screen *s)
{
	struct carry_scr *p = s->priv;
	struct app *a = p->app;
	struct carry_item *items = NULL;
	struct err e = {0};
	char *report = NULL, q[300];
	int c[4], rc;
	size_t i;

	count_decisions(p, c);
	for (i = 0; i < p->n; i++)
		if (p->rows[i].decision == UNDECIDED) {
			widget_list_select(&p->list, i);
			app_status(a, 1, "Action %s : choisissez garder, fusionner "
			    "ou clore avant d'appliquer (%d à choisir).",
			    p->rows[i].a->ref, c[3]);
			return REDRAW_ALL;
		}
	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	snprintf(q, sizeof q, "Reprendre dans le mandat %s : %d action%s "
	    "gardée%s, %d fusionnée%s, %d close%s ? Le mandat %s n'est pas "
	    "modifié.", a->mandate.label, c[CARRY_KEEP], c[CARRY_KEEP] > 1 ?
	    "s" : "", c[CARRY_KEEP] > 1 ? "s" : "", c[CARRY_MERGE],
	    c[CARRY_MERGE] > 1 ? "s" : "", c[CARRY_CLOSE], c[CARRY_CLOSE] > 1 ?
	    "s" : "", p->prev.label);
	if (!app_confirm(a, "Appliquer la reprise", q))
		return REDRAW_ALL;
	items = calloc(p->n + 1, sizeof *items);
	if (!items) {
		app_status(a, 1, "Mémoire insuffisante.");
		return REDRAW_ALL;
	}
	for (i = 0; i < p->n; i++) {
		items[i].ref = p->rows[i].a->ref;
		items[i].decision = (enum carry_decision)p->rows[i].decision;
		items[i].engagement = p->rows[i].engagement;
		if (p->rows[i].decision == CARRY_MERGE)
			items[i].into = p->rows[p->rows[i].into].a->ref;
	}
	rc = store_carry_over(a->store, p->prev.id, a->mandate_id, items, p->n,
	    &report, &e);
	free(items);
	if (rc) {
		app_status(a, 1, "Reprise impossible, rien n'a été modifié : %s",
		    e.msg);
		free(report);
		return REDRAW_ALL;
	}
	app_show_text(a, "Reprise faite", report && *report ? report :
	    "Aucune action reprise.", NULL);
	free(report);
	app_pop(a);	/* s is gone from here on */
	app_status(a, 0, "Reprise faite : %d action%s dans le mandat %s.",
	    c[CARRY_KEEP], c[CARRY_KEEP] > 1 ? "s" : "", a->mandate.label);
	return REDRAW_ALL | REDRAW_RELOAD;
}

static int carry_key(struct screen *s, enum act act, int key)
{
	struct carry_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT:
		if (p->list.sel >= p->n)
			return apply(s);
		return choose_decision(p, p->list.sel);
	default: return REDRAW_NONE;
	}
}

static int carry_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct carry_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 2, r->w };
	size_t row = widget_list_row_at(&p->list, &lr, y);

	(void)x;
	if (row == (size_t)-1)
		return 0;
	return widget_list_select(&p->list, row);
}

const struct screen_ops screen_carry_ops = {
	.name = "Reprise",
	.open = carry_open,
	.close = carry_close,
	.reload = NULL,		/* decisions in progress are kept */
	.draw = carry_draw,
	.key = carry_key,
	.click = carry_click,
};

/* ---- Entry points ---- */

static void open_assistant(struct app *a)
{
	while (a->depth > 1)
		app_pop(a);
	app_push(a, &screen_carry_ops, 0);
}

void tui_offer_carry(struct app *a)
{
	struct mandate prev = {0};
	char q[400];

	if (!carry_possible(a, 1) || find_mandate(a, a->mandate.previous_id,
	    &prev, NULL))
		return;
	snprintf(q, sizeof q, "Le mandat %s ne contient encore aucune action."
	    "\n\nOuvrir l'assistant de reprise des actions du mandat %s ? "
	    "(pour chacune : garder, fusionner dans une autre ou clore ; "
	    "rien n'est enregistré avant « Appliquer »)", a->mandate.label,
	    prev.label);
	mandate_clear(&prev);
	if (app_confirm(a, "Nouveau mandat", q))
		open_assistant(a);
}

int tui_mandates(struct app *a)
{
	struct mandate *ms = NULL;
	struct err e = {0};
	size_t n = 0, i;
	char (*bufs)[200] = NULL;
	const char **items = NULL;
	int c = 0, n_items, carry = 0;
	int64_t target;

	if (store_list_mandates(a->store, &ms, &n, &e)) {
		app_status(a, 1, "%s", e.msg);
		return REDRAW_STATUS;
	}
	bufs = calloc(n + 2, sizeof *bufs);
	items = calloc(n + 2, sizeof *items);
	if (!bufs || !items) {
		app_status(a, 1, "Mémoire insuffisante.");
		goto out;
	}
	for (i = 0; i < n; i++) {
		snprintf(bufs[i], sizeof bufs[i], "Mandat %s — %s%s", ms[i].label,
		    ms[i].archived ? "archivé, lecture seule" : "actif",
		    ms[i].id == a->mandate_id ? " (affiché)" : "");
		items[i] = bufs[i];
		if (ms[i].id == a->mandate_id)
			c = (int)i;
	}
	n_items = (int)n;
	if (carry_possible(a, 1)) {
		snprintf(bufs[n], sizeof bufs[n], "Reprendre les actions du "
		    "mandat précédent (assistant)…");
		items[n_items++] = bufs[n];
		carry = 1;
	}
	if (app_choose(a, "Mandats (Entrée : afficher)", items, n_items, &c))
		goto out;
	if (carry && c == n_items - 1) {
		open_assistant(a);
		goto out;
	}
	target = ms[c].id;
	if (target == a->mandate_id) {
		app_status(a, 0, "Le mandat %s est déjà affiché.", ms[c].label);
		goto out;
	}
	if (app_set_mandate(a, target, &e))
		app_status(a, 1, "%s", e.msg);
	else if (a->readonly && a->mandate.archived)
		app_status(a, 0, "Mandat %s archivé, en lecture seule ; m : "
		    "revenir au mandat actif.", a->mandate.label);
	else
		app_status(a, 0, "Mandat %s affiché.", a->mandate.label);
out:
	for (i = 0; i < n; i++)
		mandate_clear(&ms[i]);
	free(ms);
	free(bufs);
	free(items);
	return REDRAW_ALL | REDRAW_RELOAD;
}
