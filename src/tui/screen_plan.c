/*
 * screen_plan.c - the Plan screen: actions grouped by engagement, each
 * group under a header with its counts and a progress bar; search (/,
 * n, N) and filters (F4, x).
 *
 * Loads every action of the mandate once as compact rows (store_list_rows:
 * only the columns shown, no long texts) so that a large database opens
 * fast; the action screen loads one action in full. Filters apply to the
 * loaded rows in memory, and a search only asks the full-text index for
 * the ids it matches: neither reloads the list (it is read again only
 * when the data changes). List rows are either a header (skipped by the
 * selection) or an action. The filter and the search live in app->view
 * so that the top line can show them.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_rows.h"
#include "tui_priv.h"

struct plan_row {
	int header;		/* 1: engagement header */
	int eng;
	size_t idx;		/* index in all when not a header */
};

/* Shown actions of one engagement (what its header counts). */
struct eng_count {
	int actions;		/* not cancelled */
	int done;
};

struct plan_scr {
	struct app *app;
	struct action_rows all;	/* every action of the mandate */
	size_t *shown;		/* indexes in all passing the filter */
	size_t n;
	char *match;		/* per action of all: matches the search */
	size_t n_match;		/* among the shown */
	struct plan_row *rows;
	size_t nrows;
	struct eng_count *counts;	/* per engagement, shown rows */
	int n_eng;
	struct widget_list list;
	struct plan_cols cols;
	int partial;		/* only the first rows are loaded yet */
	size_t total;		/* actions of the mandate, when partial */
};

/* A large plan first shows its first rows (enough for any screen), then
 * reads the others once that screen is drawn (plan_idle). */
enum { FIRST_ROWS = 400 };

static int filter_active(const struct action_filter *f)
{
	return f->engagement || f->progress >= 0 || !str_empty(f->pilot) ||
	    f->service ||
	    f->priority_only || f->cancelled >= 0 || f->added_only ||
	    f->stale_only;
}

void tui_filter_describe(const struct action_filter *f, char *buf, size_t n)
{
	struct strbuf sb = {0};

	if (f->engagement)
		sb_printf(&sb, "%sengagement %d", sb.len ? ", " : "",
		    f->engagement);
	if (f->progress >= 0)
		sb_printf(&sb, "%savancement « %s »", sb.len ? ", " : "",
		    f->progress ? progress_label((enum progress)f->progress)
		    : "non renseigné");
	if (!str_empty(f->pilot))
		sb_printf(&sb, "%spilote « %s »", sb.len ? ", " : "", f->pilot);
	if (f->service)
		sb_printf(&sb, "%sservice « %s »", sb.len ? ", " : "",
		    f->service);
	if (f->priority_only)
		sb_printf(&sb, "%sprioritaires", sb.len ? ", " : "");
	if (f->cancelled == 0)
		sb_printf(&sb, "%ssans les annulées", sb.len ? ", " : "");
	if (f->cancelled == 1)
		sb_printf(&sb, "%sannulées", sb.len ? ", " : "");
	if (f->added_only)
		sb_printf(&sb, "%ssupplémentaires", sb.len ? ", " : "");
	if (f->stale_only)
		sb_printf(&sb, "%sà mettre à jour", sb.len ? ", " : "");
	snprintf(buf, n, "%s", sb_str(&sb));
	sb_free(&sb);
}

static int row_skip(void *ctx, size_t row)
{
	struct plan_scr *p = ctx;

	return row < p->nrows && p->rows[row].header;
}

/* The action of list row r (not a header). */
static const struct action_row *row_action(const struct plan_scr *p,
    size_t r)
{
	return &p->all.v[p->rows[r].idx];
}

static void free_view(struct plan_scr *p)
{
	free(p->shown);
	free(p->rows);
	free(p->counts);
	p->shown = NULL;
	p->rows = NULL;
	p->counts = NULL;
	p->n = p->nrows = p->n_match = 0;
}

static void free_data(struct plan_scr *p)
{
	free_view(p);
	free(p->match);
	p->match = NULL;
	action_rows_free(&p->all);
}

static int64_t selected_id(const struct plan_scr *p)
{
	if (p->list.sel < p->nrows && !p->rows[p->list.sel].header)
		return row_action(p, p->list.sel)->id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Marks the actions the search finds: the full-text index gives their
 * ids, the rows already loaded are marked (no reload). */
static int load_matches(struct plan_scr *p, struct err *e)
{
	int64_t *ids = NULL;
	size_t nids = 0, i;
	int rc;

	if (!p->match)
		return 0;	/* the rows could not be read */
	memset(p->match, 0, p->all.n + 1);
	if (str_empty(p->app->view.search))
		return 0;
	if ((rc = store_search_ids(p->app->store, p->app->view.search, &ids,
	    &nids, e)))
		return rc;
	for (i = 0; nids && i < p->all.n; i++)
		p->match[i] = bsearch(&p->all.v[i].id, ids, nids, sizeof *ids,
		    cmp_id) != NULL;
	free(ids);
	return 0;
}

/* Rebuilds what is shown from the loaded rows: the filter (in memory,
 * as store_list_actions would apply it), the groups and their counts;
 * keeps the selected action selected when it is still shown. */
static int apply_view(struct plan_scr *p, int64_t keep, struct err *e)
{
	struct action_filter f = p->app->view.filter;
	const struct referential *ref = p->app->ref;
	char *pilot = NULL;
	int n_eng = 0, k, active;
	size_t i, r = 0;

	free_view(p);
	f.pilot = p->app->view.pilot;
	if (!str_empty(f.pilot) && !(pilot = text_fold(f.pilot)))
		return err_nomem(e);
	p->shown = malloc((p->all.n + 1) * sizeof *p->shown);
	if (!p->shown) {
		free(pilot);
		return err_nomem(e);
	}
	for (i = 0; i < p->all.n; i++)
		if (action_row_match(&p->all, i, &f, pilot)) {
			p->shown[p->n++] = i;
			if (p->match[i])
				p->n_match++;
			if (p->all.v[i].engagement > n_eng)
				n_eng = p->all.v[i].engagement;
		}
	free(pilot);
	for (i = 0; ref && i < ref->n_engagements; i++)
		if (ref->engagements[i].number > n_eng)
			n_eng = ref->engagements[i].number;
	p->n_eng = n_eng;
	p->counts = calloc((size_t)n_eng + 1, sizeof *p->counts);
	p->rows = malloc((p->n + (size_t)n_eng + 1) * sizeof *p->rows);
	if (!p->counts || !p->rows)
		return err_nomem(e);
	for (i = 0; i < p->n; i++) {
		const struct action_row *a = &p->all.v[p->shown[i]];

		if (a->engagement < 1 || a->engagement > n_eng || a->cancelled)
			continue;
		p->counts[a->engagement].actions++;
		if (a->progress == PROGRESS_DONE)
			p->counts[a->engagement].done++;
	}
	active = filter_active(&f);
	i = 0;
	for (k = 1; k <= n_eng; k++) {
		size_t first = i;

		while (i < p->n && p->all.v[p->shown[i]].engagement == k)
			i++;
		if (active && i == first)
			continue;	/* a filter hides empty groups */
		p->rows[r++] = (struct plan_row){ 1, k, 0 };
		for (; first < i; first++)
			p->rows[r++] = (struct plan_row){ 0, k,
			    p->shown[first] };
	}
	/* Engagements outside 1..n (should not happen) still show. */
	for (; i < p->n; i++)
		p->rows[r++] = (struct plan_row){ 0,
		    p->all.v[p->shown[i]].engagement, p->shown[i] };
	p->nrows = r;
	widget_list_set_count(&p->list, r);
	if (keep) {
		for (i = 0; i < r; i++)
			if (!p->rows[i].header && row_action(p, i)->id == keep) {
				widget_list_select(&p->list, i);
				break;
			}
	}
	if (!keep || i == r)
		widget_list_set_count(&p->list, r);
	return 0;
}

/* The search changed: marks its matches, then rebuilds the view. */
static int plan_research(struct plan_scr *p, struct err *e)
{
	int64_t keep = selected_id(p);
	int rc;

	if ((rc = load_matches(p, e)))
		return rc;
	return apply_view(p, keep, e);
}

/* The data changed (start, save, another user): reads the rows again. */
static int plan_reload(struct screen *s, struct err *e)
{
	struct plan_scr *p = s->priv;
	int64_t keep = selected_id(p);
	int rc;

	free_data(p);
	p->partial = 0;
	if ((rc = store_list_rows(p->app->store, p->app->mandate_id, &p->all,
	    e)))
		return rc;
	p->match = calloc(p->all.n + 1, 1);
	if (!p->match)
		return err_nomem(e);
	if ((rc = load_matches(p, e)))
		return rc;
	return apply_view(p, keep, e);
}

/* The first screen of a large plan, without a filter: its first rows,
 * the counts of their groups from SQL (the other groups lie below the
 * screen), the number of actions from the index. Falls back to the whole
 * list when that is all there is. */
static int plan_load_first(struct screen *s, struct err *e)
{
	struct plan_scr *p = s->priv;
	int *acts = NULL, *done = NULL, lo, hi, k, rc;
	size_t total = 0;

	if ((rc = store_list_rows_first(p->app->store, p->app->mandate_id,
	    FIRST_ROWS, &p->all, &total, e)))
		return rc;
	if (total <= p->all.n) {
		action_rows_free(&p->all);
		return plan_reload(s, e);
	}
	if (!(p->match = calloc(p->all.n + 1, 1)) ||
	    (rc = apply_view(p, 0, e)))
		return p->match ? rc : err_set(e, ERR_NOMEM,
		    "mémoire insuffisante");
	lo = p->all.v[0].engagement;
	hi = p->all.v[p->all.n - 1].engagement;
	if (lo < 1)
		lo = 1;
	if (hi > p->n_eng)
		hi = p->n_eng;
	if (lo <= hi) {
		acts = calloc((size_t)(hi - lo + 1), sizeof *acts);
		done = calloc((size_t)(hi - lo + 1), sizeof *done);
		if (!acts || !done)
			rc = err_nomem(e);
		else if (!(rc = store_count_engagements(p->app->store,
		    p->app->mandate_id, lo, hi, acts, done, e)))
			for (k = lo; k <= hi; k++) {
				p->counts[k].actions = acts[k - lo];
				p->counts[k].done = done[k - lo];
			}
		free(acts);
		free(done);
	}
	p->partial = 1;
	p->total = total;
	return rc;
}

/* Once the first screen is drawn: the rest of a large plan. */
static int plan_idle(struct screen *s, struct err *e)
{
	struct plan_scr *p = s->priv;
	int rc;

	if (!p || !p->partial)
		return 0;
	rc = plan_reload(s, e);
	return rc ? -rc : 1;
}

static void draw_header(struct plan_scr *p, WINDOW *win, size_t row, int y,
    int x, int w, int sel)
{
	const struct plan_row *pr = &p->rows[row];
	const struct ref_engagement *re = referential_engagement(p->app->ref,
	    pr->eng);
	const struct eng_count *c = &p->counts[pr->eng];
	char right[160], bar[64], left[600];
	int rw, pct = c->actions ? c->done * 100 / c->actions : 0;

	(void)sel;
	text_bar(bar, sizeof bar, w >= 100 ? 16 : 10, c->done, c->actions);
	snprintf(right, sizeof right, " %d/%d réalisées %s %3d %%", c->done,
	    c->actions, bar, pct);
	rw = (int)utf8_width(right);
	snprintf(left, sizeof left, "%d. %s", pr->eng,
	    re && re->title ? re->title : "(engagement sans titre)");
	widget_put(win, y, x, w, "", A_NORMAL, 1);
	widget_put(win, y, x, w - rw - 1, left, A_BOLD, 1);
	widget_put(win, y, x + w - rw, rw, right, A_BOLD, 0);
}

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct plan_scr *p = ctx;
	const struct plan_cols *c = &p->cols;
	const struct action_row *a;
	unsigned long attr = A_NORMAL;
	char flags[8], upd[FR_DATE_LEN];

	if (p->rows[row].header) {
		draw_header(p, win, row, y, x, w, sel);
		return;
	}
	a = row_action(p, row);
	if (a->priority)
		attr |= app_attr_priority(p->app);
	if (a->cancelled)
		attr |= A_DIM;
	if (p->match[p->rows[row].idx])
		attr |= A_BOLD;
	if (sel)
		attr |= A_REVERSE | A_BOLD;
	snprintf(flags, sizeof flags, "%c%c%c%c", a->priority ? 'P' : '.',
	    a->added ? 'S' : '.', a->cancelled ? 'A' : '.',
	    a->good_practice ? 'B' : '.');
	fr_date(action_row_str(&p->all, a->updated_at), upd, sizeof upd);
	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x, 1, p->match[p->rows[row].idx] ? "*" : " ", attr,
	    1);
	widget_put(win, y, x + c->x_ref, c->ref, action_row_str(&p->all, a->ref),
	    attr, 1);
	widget_put(win, y, x + c->x_title, c->title, action_row_str(&p->all,
	    a->designation), attr, 1);
	widget_put(win, y, x + c->x_progress, c->progress,
	    a->progress ? progress_label((enum progress)a->progress) : "—",
	    attr, 1);
	widget_put(win, y, x + c->x_flags, c->flags, flags, attr, 1);
	if (c->pilot)
		widget_put(win, y, x + c->x_pilot, c->pilot,
		    action_row_str(&p->all, a->pilots), attr, 1);
	widget_put(win, y, x + c->x_updated, c->updated, upd, attr, 1);
}

/* With no filter nor search, the first rows are shown before the rest
 * is read (plan_load_first). */
static int plan_first_load(struct screen *s, struct err *e)
{
	struct plan_scr *p = s->priv;

	if (!filter_active(&p->app->view.filter) &&
	    str_empty(p->app->view.search) && str_empty(p->app->view.pilot))
		return plan_load_first(s, e);
	return plan_reload(s, e);
}

static const struct list_screen plan_list = {
	LIST_SCREEN_STATE(struct plan_scr), draw_row, row_skip, plan_first_load,
};

static int plan_open(struct screen *s, struct err *e)
{
	return screen_list_open(s, &plan_list, e);
}

static void plan_close(struct screen *s)
{
	struct plan_scr *p = s->priv;

	if (!p)
		return;
	free_data(p);
	free(p);
	s->priv = NULL;
}

static void plan_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct plan_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 2, r->w };
	char desc[400], line[700];
	const struct plan_cols *c = &p->cols;

	layout_plan_cols(r->w, &p->cols);
	tui_filter_describe(&p->app->view.filter, desc, sizeof desc);
	if (desc[0] || !str_empty(p->app->view.search)) {
		struct strbuf sb = {0};

		if (desc[0])
			sb_printf(&sb, "Filtre : %s", desc);
		if (!str_empty(p->app->view.search))
			sb_printf(&sb, "%sRecherche « %s » : %zu trouvée%s (n/N)",
			    desc[0] ? " · " : "", p->app->view.search,
			    p->n_match, p->n_match > 1 ? "s" : "");
		snprintf(line, sizeof line, "%s — %zu action%s — x efface",
		    sb_str(&sb), p->n, p->n > 1 ? "s" : "");
		sb_free(&sb);
		widget_put(win, r->y, r->x, r->w, line, A_BOLD |
		    (p->app->colors ? COLOR_PAIR(PAIR_WARN) : A_UNDERLINE), 1);
	} else if (!p->n) {
		snprintf(line, sizeof line, "Toutes les actions (0) — i : importer "
		    "un tableau · m : mandats, reprise");
		widget_put(win, r->y, r->x, r->w, line, A_NORMAL, 1);
	} else {
		snprintf(line, sizeof line, "Toutes les actions (%zu) — "
		    "/ rechercher · F4 filtrer · Entrée ouvrir", p->partial ?
		    p->total : p->n);
		widget_put(win, r->y, r->x, r->w, line, A_NORMAL, 1);
	}
	widget_put(win, r->y + 1, r->x, r->w, "", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + c->x_ref, c->ref, "N°", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + c->x_title, c->title,
	    "Intitulé de l'action", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + c->x_progress, c->progress,
	    "Avancement", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + c->x_flags, c->flags, "PSAB",
	    A_UNDERLINE, 1);
	if (c->pilot)
		widget_put(win, r->y + 1, r->x + c->x_pilot, c->pilot,
		    "Pilote", A_UNDERLINE, 1);
	widget_put(win, r->y + 1, r->x + c->x_updated, c->updated,
	    "Mise à jour", A_UNDERLINE, 1);
	if (!p->nrows) {
		widget_put(win, lr.y, lr.x + 2, lr.w - 2, p->n ? "" :
		    "Aucune action ne correspond (x pour effacer le filtre).",
		    A_NORMAL, 1);
		return;
	}
	widget_list_draw(&p->list, win, &lr);
	/* The terminal cursor sits on the selected row (screen readers). */
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + c->x_ref;
}

/* Selects the next (dir > 0) or previous match; returns 1 if found. */
static int jump_match(struct plan_scr *p, int dir)
{
	size_t i, n = p->nrows;

	if (!p->n_match || !n) {
		app_status(p->app, 0, "%s", str_empty(p->app->view.search) ?
		    "Pas de recherche en cours (/ pour chercher)." :
		    "Aucune action trouvée.");
		return 0;
	}
	for (i = 1; i <= n; i++) {
		size_t r = dir > 0 ? (p->list.sel + i) % n :
		    (p->list.sel + n - i % n) % n;

		if (!p->rows[r].header && p->match[p->rows[r].idx]) {
			widget_list_select(&p->list, r);
			app_status(p->app, 0, "Action %s — recherche « %s » "
			    "(n suivante, N précédente)",
			    action_row_str(&p->all, row_action(p, r)->ref),
			    p->app->view.search);
			return 1;
		}
	}
	return 0;
}

static int do_search(struct screen *s)
{
	struct plan_scr *p = s->priv;
	struct err e = {0};
	char *q = NULL;

	if (app_ask_line(p->app, "Rechercher (accents et majuscules "
	    "ignorés)", p->app->view.search, &q))
		return REDRAW_ALL;
	free(p->app->view.search);
	p->app->view.search = str_empty(str_trim(q)) ? (free(q), NULL) : q;
	if (plan_research(p, &e)) {
		app_status(p->app, 1, "%s", e.msg);
		return REDRAW_ALL;
	}
	if (p->app->view.search) {
		if (p->n_match) {
			/* From the top, so that n walks every match. */
			p->list.sel = p->nrows - 1;
			jump_match(p, 1);
			app_status(p->app, 0, "« %s » : %zu action%s trouvée%s "
			    "(n suivante, N précédente, x efface)",
			    p->app->view.search, p->n_match,
			    p->n_match > 1 ? "s" : "", p->n_match > 1 ? "s" : "");
		} else {
			app_status(p->app, 1, "Aucune action ne contient « %s ».",
			    p->app->view.search);
		}
	}
	return REDRAW_ALL;
}

static void clear_filter(struct app *a)
{
	store_filter_init(&a->view.filter);
	free(a->view.pilot);
	free(a->view.search);
	a->view.pilot = NULL;
	a->view.search = NULL;
}

static int choose_engagement(struct app *a, int *eng)
{
	const char *items[100];
	char bufs[100][120];
	int n = 0, k, c = *eng;

	items[n++] = "Tous les engagements";
	for (k = 0; k < (int)a->ref->n_engagements && n < 100; k++) {
		snprintf(bufs[n], sizeof bufs[n], "%d. %s",
		    a->ref->engagements[k].number,
		    a->ref->engagements[k].title ? a->ref->engagements[k].title
		    : "");
		items[n] = bufs[n];
		n++;
	}
	if (app_choose(a, "Engagement", items, n, &c))
		return ERR_CANCELLED;
	*eng = c == 0 ? 0 : a->ref->engagements[c - 1].number;
	return 0;
}

static int do_filter(struct screen *s)
{
	struct plan_scr *p = s->priv;
	struct app *a = p->app;
	struct action_filter *f = &a->view.filter;
	struct err e = {0};
	int c = 0;

	for (;;) {
		char it[9][160];
		const char *items[9];
		int i;

		snprintf(it[0], sizeof it[0], "Engagement : %s", f->engagement ?
		    "" : "tous");
		if (f->engagement)
			snprintf(it[0], sizeof it[0], "Engagement : %d",
			    f->engagement);
		snprintf(it[1], sizeof it[1], "Avancement : %s",
		    f->progress < 0 ? "tous" : f->progress == 0 ?
		    "non renseigné" : progress_label((enum progress)f->progress));
		snprintf(it[2], sizeof it[2], "Pilote : %s",
		    str_empty(a->view.pilot) ? "tous" : a->view.pilot);
		snprintf(it[3], sizeof it[3], "Prioritaires seulement : %s",
		    f->priority_only ? "oui" : "non");
		snprintf(it[4], sizeof it[4], "Annulées : %s",
		    f->cancelled < 0 ? "montrées" : f->cancelled ?
		    "seulement les annulées" : "cachées");
		snprintf(it[5], sizeof it[5], "Supplémentaires seulement : %s",
		    f->added_only ? "oui" : "non");
		snprintf(it[6], sizeof it[6], "À mettre à jour (pas de mise à "
		    "jour depuis le dernier bilan) : %s",
		    f->stale_only ? "oui" : "non");
		snprintf(it[7], sizeof it[7], "Effacer tous les filtres");
		snprintf(it[8], sizeof it[8], "Voir les actions");
		for (i = 0; i < 9; i++)
			items[i] = it[i];
		if (app_choose(a, "Filtrer les actions (Entrée change, Échap "
		    "termine)", items, 9, &c))
			break;
		if (c == 0) {
			choose_engagement(a, &f->engagement);
		} else if (c == 1) {
			static const char *const pi[] = { "Tous",
			    "Non renseigné", "Non commencée", "En cours",
			    "Réalisée" };
			int pc = f->progress + 1;

			if (!app_choose(a, "Avancement", pi, 5, &pc))
				f->progress = pc - 1;
		} else if (c == 2) {
			char *v = NULL;

			if (!app_ask_line(a, "Pilote (une partie du nom du "
			    "service)", a->view.pilot, &v)) {
				free(a->view.pilot);
				a->view.pilot = str_empty(str_trim(v)) ?
				    (free(v), NULL) : v;
			}
		} else if (c == 3) {
			f->priority_only = !f->priority_only;
		} else if (c == 4) {
			f->cancelled = f->cancelled < 0 ? 1 :
			    f->cancelled == 1 ? 0 : -1;
		} else if (c == 5) {
			f->added_only = !f->added_only;
		} else if (c == 6) {
			f->stale_only = !f->stale_only;
		} else if (c == 7) {
			clear_filter(a);
		} else {
			break;
		}
		f->pilot = a->view.pilot;
		if (a->quit)
			break;
	}
	if (apply_view(p, selected_id(p), &e))
		app_status(a, 1, "%s", e.msg);
	return REDRAW_ALL;
}

/* a: a new action of the mandate shown: engagement, intitulé, and once
 * the initial plan is frozen the reason it is added (the store flags it
 * "Action supplémentaire au plan d'action initial"); then opens it. */
static int add_action(struct screen *s)
{
	struct plan_scr *p = s->priv;
	struct app *a = p->app;
	struct action *na = NULL;
	struct err e = {0};
	char *title = NULL, *reason = NULL, num[16];
	int eng = a->view.filter.engagement, has = 0, rc, tries = 0, k;
	int64_t sel = selected_id(p);

	if (app_refuse_readonly(a))
		return REDRAW_STATUS;
	if (!a->ref->n_engagements) {
		app_status(a, 1, "Ce mandat n'a pas d'engagement : ajoutez-les au "
		    "référentiel d'abord.");
		return REDRAW_STATUS;
	}
	if (!eng && sel) {
		size_t i;

		for (i = 0; i < p->all.n; i++)
			if (p->all.v[i].id == sel)
				eng = p->all.v[i].engagement;
	}
	{
		const char *items[100];
		char bufs[100][120];
		int n = 0, c = 0;

		for (k = 0; k < (int)a->ref->n_engagements && n < 100; k++) {
			snprintf(bufs[n], sizeof bufs[n], "%d. %s",
			    a->ref->engagements[k].number,
			    a->ref->engagements[k].title ?
			    a->ref->engagements[k].title : "");
			items[n] = bufs[n];
			if (a->ref->engagements[k].number == eng)
				c = n;
			n++;
		}
		if (app_choose(a, "Nouvelle action : engagement", items, n, &c))
			return REDRAW_ALL;
		eng = a->ref->engagements[c].number;
	}
	if ((rc = store_has_initial(a->store, a->mandate_id, &has, &e))) {
		app_status(a, 1, "%s", e.msg);
		return REDRAW_ALL;
	}
	if (app_ask_line(a, "Nouvelle action : intitulé (obligatoire)", NULL,
	    &title) || str_empty(str_trim(title))) {
		app_status(a, 0, "Aucune action ajoutée.");
		goto out;
	}
	if (has && (app_ask_line(a, "Action supplémentaire au plan initial : "
	    "motif de l'ajout (obligatoire)", NULL, &reason) ||
	    str_empty(str_trim(reason)))) {
		app_status(a, 1, "Aucune action ajoutée : le plan d'action initial "
		    "est figé, le motif de l'ajout est demandé.");
		goto out;
	}
	if (!(na = action_new())) {
		app_status(a, 1, "Mémoire insuffisante.");
		goto out;
	}
	snprintf(num, sizeof num, "%d", eng);
	if (action_field_set(na, F_ENGAGEMENT, num, 0, 0, &e) ||
	    action_field_set(na, F_DESIGNATION, title, 0, 0, &e) ||
	    (has && action_field_set(na, F_ADDED_REASON, reason, 0, 0, &e))) {
		app_status(a, 1, "%s", e.msg);
		goto out;
	}
	do
		rc = store_add_action(a->store, a->mandate_id, na, &e);
	while (app_retry_locked(a, rc, &tries));
	if (rc) {
		app_status(a, 1, "%s", e.msg);
		goto out;
	}
	if (plan_reload(s, &e))
		app_status(a, 1, "%s", e.msg);
	else if (!app_push(a, &screen_action_ops, na->id))
		app_status(a, 0, "Action %s créée%s.", na->ref, na->added ?
		    " (action supplémentaire au plan d'action initial)" : "");
out:
	action_free(&na);
	free(title);
	free(reason);
	return REDRAW_ALL | REDRAW_RELOAD;
}

static int open_selected(struct screen *s)
{
	struct plan_scr *p = s->priv;
	int64_t id = selected_id(p);

	if (!id)
		return REDRAW_NONE;
	app_push(p->app, &screen_action_ops, id);
	return REDRAW_ALL;
}

/* n/N; from the action screen (app->search_dir set) the match found is
 * opened, so that one walks the matches action by action. */
static int next_match(struct screen *s, int dir)
{
	struct plan_scr *p = s->priv;

	if (jump_match(p, dir) && p->app->search_dir) {
		char msg[sizeof p->app->status];

		snprintf(msg, sizeof msg, "%s", p->app->status);
		open_selected(s);
		app_status(p->app, 0, "%s", msg);
	}
	return REDRAW_ALL;
}

static int plan_key(struct screen *s, enum act act, int key)
{
	struct plan_scr *p = s->priv;
	struct err e = {0};

	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	case ACT_ENTER: case ACT_EDIT: return open_selected(s);
	case ACT_HISTORY:
		return selected_id(p) ? tui_show_history(p->app, selected_id(p)) :
		    REDRAW_NONE;
	case ACT_SEARCH: return do_search(s);
	case ACT_NEXT: return next_match(s, 1);
	case ACT_PREV: return next_match(s, -1);
	case ACT_FILTER: return do_filter(s);
	case ACT_ADD: return add_action(s);
	case ACT_BACK:
		if (key != TK_ESC)
			return REDRAW_NONE;
		/* Esc on the plan clears the filter */
		/* FALLTHROUGH */
	case ACT_CLEAR:
		if (!filter_active(&p->app->view.filter) &&
		    str_empty(p->app->view.search) && !p->app->view.pilot)
			return REDRAW_NONE;
		clear_filter(p->app);
		if (plan_research(p, &e))
			app_status(p->app, 1, "%s", e.msg);
		else
			app_status(p->app, 0, "Filtre effacé : toutes les "
			    "actions.");
		return REDRAW_ALL;
	default:
		return REDRAW_NONE;
	}
}

static int plan_click(struct screen *s, const struct rect *r, int y, int x)
{
	struct plan_scr *p = s->priv;
	struct rect lr = { r->y + 2, r->x, r->h - 2, r->w };
	int c = widget_list_click(&p->list, &lr, y);

	(void)x;
	if (c == WL_CLICK_OPEN)
		return open_selected(s) != REDRAW_NONE;
	return c != WL_CLICK_NONE;
}

const struct screen_ops screen_plan_ops = {
	.name = "Plan d'action",
	.open = plan_open,
	.close = plan_close,
	.reload = plan_reload,
	.idle = plan_idle,
	.draw = plan_draw,
	.key = plan_key,
	.click = plan_click,
};
