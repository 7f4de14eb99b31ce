/*
 * xlsx_pass.c - a large plan written from a source (export_opts.source):
 * "Plan d'action" and "Indicateurs" together in one pass over the
 * actions, the counts of Synthèse summed as they pass, and the light copy
 * of the actions Évolution lists (see the design notes of xlsx.c).
 */
#include <stdlib.h>
#include <string.h>

#include "xlsx_priv.h"

static void counts_add(struct plan_counts *to, const struct plan_counts *c)
{
	to->actions += c->actions;
	to->done += c->done;
	to->in_progress += c->in_progress;
	to->not_started += c->not_started;
	to->unset += c->unset;
	to->cancelled += c->cancelled;
	to->added += c->added;
	to->priority += c->priority;
	to->priority_done += c->priority_done;
	to->good_practice += c->good_practice;
}

/* Adds a to the counts of Synthèse, as plan_count would over the plan. */
static int count_action(struct xctx *x, const struct action *a)
{
	struct plan one;
	struct plan_counts *tmp;
	int k;

	if (a->engagement > x->n_eng) {
		void *np = realloc(x->counts, (size_t)(a->engagement + 1) *
		    sizeof *x->counts);

		if (!np)
			return ERR_NOMEM;
		x->counts = np;
		memset(&x->counts[x->n_eng + 1], 0, (size_t)(a->engagement -
		    x->n_eng) * sizeof *x->counts);
		x->n_eng = a->engagement;
	}
	if (!(tmp = calloc((size_t)x->n_eng + 1, sizeof *tmp)))
		return ERR_NOMEM;
	memset(&one, 0, sizeof one);
	one.actions = (struct action *)a;	/* read only */
	one.n_actions = 1;
	plan_count(&one, tmp, x->n_eng);
	for (k = 0; k <= x->n_eng; k++)
		counts_add(&x->counts[k], &tmp[k]);
	free(tmp);
	return 0;
}

/* What Évolution reads of an action (plan_compare, its lists). */
static int keep_light(struct plan *light, const struct action *a)
{
	struct action l;
	int rc;

	memset(&l, 0, sizeof l);
	l.id = a->id;
	l.engagement = a->engagement;
	l.progress = a->progress;
	l.priority = a->priority;
	l.added = a->added;
	l.cancelled = a->cancelled;
	l.cancelled_year = a->cancelled_year;
	if ((a->ref && !(l.ref = strdup(a->ref))) ||
	    (a->designation && !(l.designation = strdup(a->designation))) ||
	    (a->added_reason && !(l.added_reason = strdup(a->added_reason))) ||
	    (a->cancelled_reason && !(l.cancelled_reason =
	    strdup(a->cancelled_reason)))) {
		action_clear(&l);
		return ERR_NOMEM;
	}
	rc = plan_take_action(light, &l) ? ERR_NOMEM : 0;
	action_clear(&l);
	return rc;
}

static int pass_action(void *ctx, const struct action *a, struct err *e)
{
	struct pass *ps = ctx;
	struct xctx *x = ps->x;

	if (ps->pilot) {
		char *f = text_fold(a->pilots);
		int in = f && strstr(f, ps->pilot) != NULL;

		free(f);
		if (!in)
			return 0;
	}
	/* plan_row checks the lengths that export_check_texts checks
	 * before the file of a loaded plan (the temporary file is dropped
	 * on failure). */
	xl_plan_row(x, ps->ws_plan, (int)++ps->rows, a, ps->cells);
	if (!x->lerr)
		xl_ind_action(x, ps->ws_ind, &ps->is, a);
	if (!x->lerr)
		xl_fiches_action(x, ps->ws_fiches, &ps->fs, a);
	if (!x->lerr && (count_action(x, a) || ((ps->keep_all || a->added ||
	    a->cancelled) && keep_light(&ps->light, a))))
		xl_note_err(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	if (x->lerr)
		return e && e->code ? e->code : ERR_IO;
	return 0;
}

/* Writes "Plan d'action", "Indicateurs" and "Fiches actions" from the
 * source in one pass,
 * then leaves in x->p the light plan Synthèse and Évolution read. */
int xl_sheets_from_source(struct xctx *x, lxw_worksheet *ws_plan,
    lxw_worksheet *ws_ind, lxw_worksheet *ws_fiches, struct pass *ps,
    struct err *e)
{
	const struct export_source *src = x->o->source;
	int rc;

	ps->x = x;
	ps->ws_plan = ws_plan;
	ps->ws_ind = ws_ind;
	ps->ws_fiches = ws_fiches;
	ps->keep_all = x->o->initial || x->o->previous;
	ps->light = *x->p;		/* the head, borrowed */
	ps->light.actions = NULL;
	ps->light.n_actions = 0;
	if (!str_empty(x->o->pilot) && !(ps->pilot = text_fold(x->o->pilot)))
		return err_nomem(e);
	xl_plan_begin(x, ws_plan);
	xl_ind_begin(x, ws_ind, &ps->is);
	xl_fiches_begin(x, ws_fiches, &ps->fs);
	if (x->lerr)
		return ERR_IO;
	if ((rc = src->each(src->ctx, pass_action, ps, e)))
		return rc;
	if (!str_empty(x->o->pilot) && !ps->rows)
		return err_set(e, ERR_NOTFOUND, "aucune action n'a « %s » "
		    "parmi ses services pilotes", x->o->pilot);
	xl_plan_end(x, ws_plan, ps->rows);
	xl_ind_end(x, ws_ind, &ps->is);
	xl_fiches_end(x, ws_fiches, &ps->fs);
	x->p = &ps->light;
	return 0;
}

void xl_pass_free(struct pass *ps)
{
	size_t i;
	int c;

	for (c = 0; c < EXPORT_N_COLUMNS; c++)
		sb_free(&ps->cells[c]);
	for (i = 0; i < ps->light.n_actions; i++)
		action_clear(&ps->light.actions[i]);
	free(ps->light.actions);
	free(ps->pilot);
	sb_free(&ps->fs.sb);
	sb_free(&ps->fs.piece);
}
