/*
 * store.h - SQLite persistence of a suivi database.
 *
 * The only module that talks to SQLite. Every write runs in its own
 * BEGIN IMMEDIATE transaction, is journaled (who, when, old and new value)
 * and can be undone. Actions carry a version number: an update states the
 * version it read and fails with ERR_CONFLICT, writing nothing, when the
 * row changed meanwhile. Never prints; failures come back in struct err.
 */
#ifndef SUIVI_STORE_H
#define SUIVI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

struct store;

enum store_flags {
	STORE_CREATE = 1,	/* create the file when missing (mode 0600) */
	STORE_READONLY = 2,	/* open read-only */
};

/* Opens (and migrates) the database at path. A missing file without
 * STORE_CREATE is ERR_NOTFOUND; a file that is not a suivi database is
 * ERR_NOTSUIVI; a read-only file opens read-only (store_readonly()). */
int store_open(const char *path, int flags, struct store **out,
    struct err *e);
void store_close(struct store **ps);
int store_readonly(const struct store *s);
const char *store_path(const struct store *s);
/* 1 once store_init has run (a collectivité and a mandate exist). */
int store_initialized(struct store *s);
/* Changes each time another connection commits (PRAGMA data_version):
 * compare two values to know whether to reload. */
int64_t store_data_version(struct store *s);
/* How long a write waits for another user's lock before failing with
 * ERR_LOCKED (the interface retries in shorter steps, showing that it
 * waits, instead of freezing the screen for the store's default). */
void store_set_busy_ms(struct store *s, int ms);
/* On a network share, who held the base when it was last found busy
 * ("c.martin sur mairie-pc2 (processus 4242) depuis 17:05"): 1 and buf
 * filled; 0 elsewhere. */
int store_busy_holder(struct store *s, char *buf, size_t n);

/* French text for an SQLite result code (primary or extended, as an
 * int: callers need not include <sqlite3.h>): SQLITE_FULL "le disque est
 * plein", SQLITE_CORRUPT "la base est endommagée"... Unknown codes give a
 * French sentence keeping the code. Static, or valid until the next call. */
const char *store_sqlite_fr(int code);

/* ---- Set-up ---- */

/* Creates the collectivité, loads the referential and opens the mandate
 * (label like "2020-2026", made active). Fails if already initialised. */
int store_init(struct store *s, const char *collectivite,
    const struct referential *ref, const char *mandate_label,
    struct err *e);
/* Stores a referential (a copy; the database is self-contained). */
int store_add_referential(struct store *s, const struct referential *ref,
    int64_t *id, struct err *e);
/* Adds a priority action to the referential with its designation
 * (used by the demo, whose priority actions are examples). */
int store_add_priority(struct store *s, int64_t referential_id,
    const struct ref_priority *p, struct err *e);

/* ---- Mandates ---- */

/* Active mandate (the newest not archived). ERR_NOTFOUND when none. */
int store_active_mandate(struct store *s, struct mandate *out,
    struct err *e);
int store_find_mandate(struct store *s, const char *label,
    struct mandate *out, struct err *e);
/* All mandates, oldest first. Caller frees each with mandate_clear and
 * the array with free. */
int store_list_mandates(struct store *s, struct mandate **out, size_t *n,
    struct err *e);
/* Opens a new mandate with a stored referential; it becomes active and
 * the previous active one archived. */
int store_add_mandate(struct store *s, const char *label,
    int64_t referential_id, int64_t *id, struct err *e);
/* Loads a stored referential. */
int store_get_referential(struct store *s, int64_t id,
    struct referential **out, struct err *e);

/* ---- Collectivité ---- */

int store_get_collectivite(struct store *s, struct collectivite *out,
    struct err *e);
/* Sets one field (validated with coll_field_check), journaled. */
int store_set_collectivite(struct store *s, enum coll_field f,
    const char *value, struct err *e);

/* ---- Actions ---- */

struct action_filter {
	int engagement;		/* 0: all */
	int progress;		/* -1: all, else enum progress */
	const char *pilot;	/* substring, accents ignored; NULL: all */
	const char *service;	/* one department exactly (pilots_has of its
				   pilot_key); NULL: all. Read by
				   action_row_match only (the interface). */
	int priority_only;
	int cancelled;		/* -1: all, 0: not cancelled, 1: cancelled */
	int added_only;
	int stale_only;		/* "à mettre à jour": not updated since the
				   last done review */
	const char *search;	/* full-text query; NULL: none */
};

/* A filter that keeps everything. */
void store_filter_init(struct action_filter *f);

enum store_load {
	STORE_LOAD_FULL = 0,	/* every field and the indicators */
	STORE_LOAD_SUMMARY = 1,	/* no long texts, no indicators: for lists */
};

/* Lists the actions of a mandate (sorted by engagement then ref) into
 * *out (an array of n actions; free each with action_clear, then the
 * array). */
int store_list_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    struct action **out, size_t *n, struct err *e);
/* Streams the same rows: calls fn for each action (borrowed, valid during
 * the call); a non-zero return from fn stops and is returned. */
int store_each_action(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e);
int store_count_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, size_t *n, struct err *e);
/* Loads one action with everything. ERR_NOTFOUND names the ref. */
int store_get_action(struct store *s, int64_t id, struct action **out,
    struct err *e);
int store_get_action_by_ref(struct store *s, int64_t mandate_id,
    const char *ref, struct action **out, struct err *e);
/* Creates an action from a (validated; a ref is assigned when a->ref is
 * empty). Sets a->id, a->ref, a->version, a->mandate_id. When the
 * mandate's initial plan is frozen the action is flagged added (and
 * added_reason is then required). */
int store_add_action(struct store *s, int64_t mandate_id, struct action *a,
    struct err *e);
/* Writes every field of a over the stored row a->id, provided the row is
 * still at a->version (else ERR_CONFLICT, nothing written). Each changed
 * field is journaled; updated_at/by are set; a->version and a->updated_*
 * are refreshed on success. Enforces action_check_update. */
int store_update_action(struct store *s, struct action *a, struct err *e);

/* Ids (ascending) of the actions whose texts contain every word of q, as
 * the search of store_list_actions finds them (accents and case ignored,
 * each word a prefix), across all mandates. Caller frees *ids. An empty q
 * gives no id. */
int store_search_ids(struct store *s, const char *q, int64_t **ids,
    size_t *n, struct err *e);

/* ---- Indicators ---- */

/* Creates an indicator of an action (ind->action_id); sets ind->id. */
int store_add_indicator(struct store *s, struct indicator *ind,
    struct err *e);
/* Writes label, unit, baseline, target, communicate and the values of
 * ind (by ind->id), journaling what changed. */
int store_update_indicator(struct store *s, const struct indicator *ind,
    struct err *e);
int store_delete_indicator(struct store *s, int64_t id, struct err *e);

/* ---- Yearly reviews ---- */

/* One review per mandate year (created on demand), sorted by year. Caller
 * frees each with review_clear and the array with free. */
int store_list_reviews(struct store *s, int64_t mandate_id,
    struct review **out, size_t *n, struct err *e);
/* Ticks (done=1: freezes a snapshot of the whole plan) or unticks (the
 * snapshot is kept in the history, no longer current). */
int store_set_review_done(struct store *s, int64_t mandate_id, int year,
    int done, struct err *e);
int store_set_review_comments(struct store *s, int64_t mandate_id,
    int year, const char *text, struct err *e);

/* The city's assessments of the engagements of a mandate (live, not a
 * snapshot), sorted by engagement, without loading the whole plan. Caller
 * frees each comment and the array (assessments_free). */
int store_list_assessments(struct store *s, int64_t mandate_id,
    struct assessment **out, size_t *n, struct err *e);
void assessments_free(struct assessment *as, size_t n);

/* ---- Whole plans and snapshots ---- */

/* Loads the live plan (year 0) or the snapshot frozen by the done review
 * of year. ERR_NOTFOUND when that year has no current snapshot. */
int store_load_plan(struct store *s, int64_t mandate_id, int year,
    struct plan **out, struct err *e);
/* The initial plan (as approved by the council), once frozen. */
int store_freeze_initial(struct store *s, int64_t mandate_id,
    struct err *e);
int store_has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e);
int store_load_initial(struct store *s, int64_t mandate_id,
    struct plan **out, struct err *e);

/* ---- From one mandate to the next ---- */

/* The decisions (struct carry_item) are in model.h. */
/* Carries actions of mandate `from` into mandate `to`, in one
 * transaction: each non-cancelled action of `from` must have exactly one
 * item (else ERR_INVALID naming the missing refs). Kept actions are
 * copied with their texts, progress and indicators, linked to their
 * origin (history reaches back through it); merged ones are recorded as a
 * second origin of their target and mentioned in its description. Nothing
 * of `from` is modified. *report (may be NULL) lists what was done. */
int store_carry_over(struct store *s, int64_t from, int64_t to,
    const struct carry_item *items, size_t n, char **report, struct err *e);

/* Sets (value -1 and empty comment: clears) the city's assessment of an
 * engagement for the mandate (final review). */
int store_set_assessment(struct store *s, int64_t mandate_id, int engagement,
    int value, const char *comment, struct err *e);

/* ---- Journal ---- */

struct journal_entry {
	int64_t id;
	int64_t txn;		/* entries of one change share it */
	char *at;
	char *user;
	char *entity;		/* "action", "indicateur", "collectivite"... */
	int64_t entity_id;
	char *ref;		/* action ref, year, field... for display */
	char *field;
	char *old_value;
	char *new_value;
	int undone;
	int is_undo;		/* this entry records an undo */
};

/* Newest first; ref NULL for all. limit 0: no limit. */
int store_history(struct store *s, int64_t mandate_id, const char *ref,
    size_t limit, struct journal_entry **out, size_t *n, struct err *e);
void journal_entries_free(struct journal_entry *j, size_t n);
/* Undoes the current user's last change (one transaction). ERR_NOTFOUND
 * when there is nothing to undo; ERR_CONFLICT when someone changed the
 * value since. *what (may be NULL) receives a French description. */
int store_undo(struct store *s, char **what, struct err *e);

/* What store_undo would undo, without undoing it, so that the interface
 * can ask first. plain: only fields of one existing row were edited (no
 * creation, deletion, cancellation, review ticked or unticked, carry-over,
 * or several rows changed at once as by an import). */
struct undo_info {
	int64_t txn;		/* give it to store_undo_txn */
	int plain;
	int review_year;	/* > 0: undoing unticks "Bilan annuel - Fait"
				   of that year */
	char *what;		/* French, lower case: "décocher « Bilan
				   annuel - Fait » 2025", "action 2.4 :
				   Commentaires"... */
};
/* Same errors as store_undo (ERR_NOTFOUND: nothing to undo). Caller
 * clears *out with undo_info_clear. */
int store_undo_peek(struct store *s, struct undo_info *out, struct err *e);
void undo_info_clear(struct undo_info *u);
/* store_undo, provided the change to undo is still txn (from
 * store_undo_peek; 0: whichever is last): else ERR_CONFLICT, nothing
 * done. */
int store_undo_txn(struct store *s, int64_t txn, char **what,
    struct err *e);

/* ---- Maintenance ---- */

/* Online copy to dest (written to a temporary name, renamed, mode 0600). */
int store_backup(struct store *s, const char *dest, struct err *e);
/* Reserves a new name for a backup of the database at db_path, beside
 * it: "<dir>/<nom>-<kind>-AAAA-MM-JJ-HHhMMmSS<.ext>" (the base's own
 * extension, ".db" when it has none), then "-2", "-3"... when taken. The
 * file is created empty (O_CREAT|O_EXCL, mode 0600), so two processes or
 * two calls in the same second never get the same name; store_backup
 * then replaces it, or the caller unlinks it. kind: "sauvegarde",
 * "avant-import". Caller frees *out. */
int store_backup_reserve(const char *db_path, const char *kind, char **out,
    struct err *e);
/* A dated backup of s beside it (store_backup_reserve, then store_backup):
 * the one used before an import and by `suivi sauvegarde` without a file
 * name. On failure nothing is left on disk. Caller frees *dest. */
int store_backup_beside(struct store *s, const char *kind, char **dest,
    struct err *e);
/* A private in-memory copy of s, for trial runs (import --dry-run): it
 * can be written, and nothing written to it ever reaches s's file, which
 * is only read (s may be read-only, its disk full). Its size in memory is
 * that of the base. Close it with store_close. */
int store_open_copy(struct store *s, struct store **out, struct err *e);
/* PRAGMA integrity_check and foreign_key_check; *ok = 1 when clean;
 * *report (caller frees) lists problems. */
int store_integrity(struct store *s, int *ok, char **report, struct err *e);

/* Runs fn inside one BEGIN IMMEDIATE transaction: commits if it returns
 * 0, rolls back otherwise (used by import). Store calls inside fn join
 * the transaction. */
int store_transaction(struct store *s, int (*fn)(void *ctx, struct err *e),
    void *ctx, struct err *e);
/* NULL while the open transaction is alive; once SQLite has ended it by
 * itself (disk full, I/O error, corruption, no memory), the cause in
 * French ("le disque est plein"...): every further write of it fails and
 * it ends rolled back, so a caller going through rows must stop. */
const char *store_tx_failure(const struct store *s);

/* ---- The coordinator's campaign (services.c) ---- */

/* One action of a department, in plan order. */
struct service_item {
	char *ref;
	char *designation;
	int stale;		/* "à mettre à jour" */
};

/* One department (pilot): its actions that are not cancelled. */
struct service {
	char *name;		/* as first written in the plan */
	char *key;		/* pilot_key(name) */
	char *contact_name;	/* NULL: none */
	char *email;		/* NULL: none */
	size_t n_actions, n_updated, n_stale;
	char *last_at, *last_by;	/* its latest change; NULL: never */
	char *answered_at;	/* last import of its extract since the
				   reference review; NULL: none */
	struct service_item *items;
	size_t n_items;
};

struct services {
	struct service *v;	/* sorted by key */
	size_t n;
	int since_year;		/* the reference review (0: none) */
	char *since;		/* its done_at, NULL: none */
};

/* The departments of the mandate's live plan for the campaign of year:
 * the reference is the done review of the latest year before it. */
int store_list_services(struct store *s, int64_t mandate_id, int year,
    struct services *out, struct err *e);
void services_clear(struct services *sv);
/* Sets the contact of a department (by its key; empty values clear).
 * ERR_INVALID with a French message for a malformed address or a
 * control character in the name. */
int store_set_service_contact(struct store *s, const char *service,
    const char *contact_name, const char *email, struct err *e);
/* 0 when email is empty or looks like an address (no space, one @, a
 * dot in the domain); else ERR_INVALID naming it. */
int service_email_check(const char *email, struct err *e);
/* Records that an import of service's own extract was applied (joins
 * the open transaction). Empty service: nothing. */
int store_record_service_answer(struct store *s, int64_t mandate_id,
    const char *service, const char *file, struct err *e);

#endif
