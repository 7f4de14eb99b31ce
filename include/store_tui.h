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

#endif
