/*
 * store_plan.h - a whole plan streamed (implemented in
 * src/store/plan_stream.c, over store_priv.h): the plan without its
 * actions, then its actions one at a time, so that the export of a
 * large plan holds one action's long texts in memory, not the whole
 * plan's.
 */
#ifndef SUIVI_STORE_PLAN_H
#define SUIVI_STORE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

struct store;

/* The plan store_load_plan(s, mandate_id, year) would load (year 0: the
 * live plan; else the snapshot of the done review of year, ERR_NOTFOUND
 * when there is none), with everything but its actions: collectivité,
 * mandate, referential, reviews, assessments, snapshot date. Caller
 * frees with plan_free. */
int store_load_plan_head(struct store *s, int64_t mandate_id, int year,
    struct plan **out, struct err *e);

/* Number of actions of that plan whose pilots contain pilot (accents and
 * case ignored, as export_view_make keeps them); pilot NULL: all. */
int store_count_plan_actions(struct store *s, int64_t mandate_id, int year,
    const char *pilot, size_t *n, struct err *e);

/* Calls fn for each action of that plan in its order (engagement, then
 * N°), complete with texts and indicators; the action is borrowed for
 * the call. A non-zero return from fn stops and is returned. */
int store_each_plan_action(struct store *s, int64_t mandate_id, int year,
    int (*fn)(void *ctx, const struct action *a, struct err *e), void *ctx,
    struct err *e);

/* The same, with its arguments in a context, in the shape of
 * export_source.each (export.h): src.each = store_plan_each, src.ctx = a
 * struct store_plan_ref. */
struct store_plan_ref {
	struct store *store;
	int64_t mandate_id;
	int year;		/* 0: the live plan; else a snapshot */
};
int store_plan_each(void *ctx, int (*fn)(void *fctx, const struct action *a,
    struct err *e), void *fctx, struct err *e);

/* The initial plan (year 0: as store_load_initial) or the snapshot of the
 * done review of year (as store_load_plan), with what Évolution compares
 * of its actions only: no long texts (description, comments,
 * perspectives), contacts or indicators. ERR_NOTFOUND when there is no
 * such snapshot. Caller frees with plan_free. */
int store_load_snapshot_light(struct store *s, int64_t mandate_id,
    int year, struct plan **out, struct err *e);

#endif
