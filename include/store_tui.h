/*
 * store_tui.h - store queries that only the terminal interface needs
 * (implemented in src/store/store_tui.c, over store_priv.h).
 */
#ifndef SUIVI_STORE_TUI_H
#define SUIVI_STORE_TUI_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"
#include "store.h"

struct store;

/* The city's assessments of the engagements of a mandate (live, not a
 * snapshot), sorted by engagement, without loading the whole plan. Caller
 * frees each comment and the array (assessments_free). */
int store_list_assessments(struct store *s, int64_t mandate_id,
    struct assessment **out, size_t *n, struct err *e);
void assessments_free(struct assessment *as, size_t n);

/* How long a write waits for another user's lock before failing with
 * ERR_LOCKED (the interface retries in shorter steps, showing that it
 * waits, instead of freezing the screen for the store's default). */
void store_set_busy_ms(struct store *s, int ms);
/* On a network share, who held the base when it was last found busy
 * ("c.martin sur mairie-pc2 (processus 4242) depuis 17:05"): 1 and buf
 * filled; 0 elsewhere. */
int store_busy_holder(struct store *s, char *buf, size_t n);

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

/* Ids (ascending) of the actions whose texts contain every word of q, as
 * the search of store_list_actions finds them (accents and case ignored,
 * each word a prefix), across all mandates. Caller frees *ids. An empty q
 * gives no id. */
int store_search_ids(struct store *s, const char *q, int64_t **ids,
    size_t *n, struct err *e);

#endif
