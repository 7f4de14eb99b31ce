/*
 * store_rows.h - the compact rows of the plan list: what the plan screen
 * shows of each action, loaded without the long texts, and their filter
 * (implemented in src/store/rows.c, over store_priv.h).
 */
#ifndef SUIVI_STORE_ROWS_H
#define SUIVI_STORE_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"
#include "store.h"

struct store;

/* ---- Rows of the plan screen ----
 *
 * What the plan list shows of each action, and nothing else: the long
 * texts stay in the database until an action is opened. Strings live in
 * one block (text) and are reached by offset (action_row_str), so that
 * 100,000 rows cost a handful of allocations instead of a million. */
struct action_row {
	int64_t id;
	size_t ref, designation, pilots, updated_at;	/* offsets in text;
							   "" when NULL */
	int engagement;
	int progress;			/* enum progress */
	unsigned char priority, added, cancelled, good_practice;
	unsigned char never_updated;	/* updated_at NULL */
};

struct action_rows {
	struct action_row *v;		/* sorted by engagement then ref */
	size_t n;
	char *text;			/* every string of v, NUL-terminated */
	char *last_done;		/* done_at of the latest done review of
					   the mandate, NULL when none: the
					   "à mettre à jour" filter */
};

static inline const char *action_row_str(const struct action_rows *r,
    size_t off)
{
	return r->text + off;
}

/* Loads every action of the mandate (no filter) into *out (zeroed first;
 * free with action_rows_free, also after a failure). */
int store_list_rows(struct store *s, int64_t mandate_id,
    struct action_rows *out, struct err *e);
void action_rows_free(struct action_rows *r);

/* The first limit rows of the plan (as store_list_rows orders them) and
 * *total, the number of actions of the mandate: what the first screen of
 * a large plan shows, read in a few milliseconds. */
int store_list_rows_first(struct store *s, int64_t mandate_id, size_t limit,
    struct action_rows *out, size_t *total, struct err *e);
/* For each engagement k in lo..hi: actions[k - lo] its actions not
 * cancelled, done[k - lo] those done (the counts of the plan's group
 * headers). */
int store_count_engagements(struct store *s, int64_t mandate_id, int lo,
    int hi, int *actions, int *done, struct err *e);

/* 1 when row i passes f (all of f but the search, exactly as
 * store_list_actions filters). folded_pilot is text_fold(f->pilot), or
 * NULL when f->pilot is empty. */
int action_row_match(const struct action_rows *r, size_t i,
    const struct action_filter *f, const char *folded_pilot);

#endif
