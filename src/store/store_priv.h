/*
 * store_priv.h - internals shared by the files of src/store/ (and only
 * them): the handle, statement helpers, transactions and the journal.
 * Any file that includes <sqlite3.h> lives in src/store/.
 */
#ifndef SUIVI_STORE_PRIV_H
#define SUIVI_STORE_PRIV_H

#include <sqlite3.h>

#include "store.h"

/* Prepared statements kept between calls (hot paths only): keyed by the
 * address of their SQL literal; in_use guards against nested use. */
#define SP_CACHE_SIZE 48
struct sp_cached {
	const char *sql;
	sqlite3_stmt *st;
	int in_use;
};

struct store {
	sqlite3 *db;
	char *path;
	int readonly;
	int depth;		/* open transactions (store_transaction) */
	int64_t txn;		/* journal txn of the current transaction */
	int64_t bumped;		/* action last given a new version in the
				   current transaction: its indicators,
				   written next, need not bump it again */
	int64_t created_from;	/* first action created in the current
				   transaction (0: none): a rowid is one
				   more than the largest, so every id from
				   it on is new and needs no bump */
	struct sp_cached cache[SP_CACHE_SIZE];
	int fts_ready;		/* temp.fts_dirty and its triggers exist */
	int tx_lost;		/* extended SQLite code that ended the open
				   transaction (0: alive); see sp_tx_begin */
	int tx_lost_errno;	/* the system errno behind it, if any */
	int netfs;		/* on a network file system (store_net.c) */
	int busy_ms;		/* the busy timeout set */
	int64_t net_version;	/* last data_version read (netfs) */
};


/*
 * The columns of action / snapshot_action that sp_read_action reads, in
 * order, written once: the SQL column lists below and sp_read_action are
 * generated from this table, so a new field is one line here.
 *   X(column, member of struct action, kind, in summary, in light, write)
 * kind: I64 (int64_t), INT (int), PROGRESS (enum progress), TEXT (copied
 * string, NULL for NULL). A column outside the summary (lists: no long
 * texts) or the light list (Évolution: no long texts, no contacts) is
 * read as NULL there, so the indices stay the same. write is how
 * bind_action (action.c) stores it: I64, INT, TEXT, I64_0 and INT_0 (0
 * stored as NULL), KEY (the id: never written). SEP is put between two
 * entries (", " in SQL, nothing in C).
 */
#define ACTION_COLUMNS(X, SEP) \
	X(id, id, I64, 1, 1, KEY) \
	SEP X(mandate_id, mandate_id, I64, 1, 1, I64) \
	SEP X(version, version, I64, 1, 1, I64) \
	SEP X(origin_id, origin_id, I64, 1, 1, I64_0) \
	SEP X(ref, ref, TEXT, 1, 1, TEXT) \
	SEP X(engagement, engagement, INT, 1, 1, INT) \
	SEP X(recommendation, recommendation, TEXT, 1, 0, TEXT) \
	SEP X(designation, designation, TEXT, 1, 1, TEXT) \
	SEP X(priority, priority, INT, 1, 1, INT) \
	SEP X(priority_code, priority_code, TEXT, 1, 0, TEXT) \
	SEP X(description, description, TEXT, 0, 0, TEXT) \
	SEP X(pilots, pilots, TEXT, 1, 0, TEXT) \
	SEP X(elected, elected, TEXT, 1, 0, TEXT) \
	SEP X(partners, partners, TEXT, 1, 0, TEXT) \
	SEP X(audience, audience, TEXT, 1, 0, TEXT) \
	SEP X(year_start, year_start, INT, 1, 1, INT_0) \
	SEP X(year_end, year_end, INT, 1, 1, INT_0) \
	SEP X(progress, progress, PROGRESS, 1, 1, INT) \
	SEP X(comments, comments, TEXT, 0, 0, TEXT) \
	SEP X(perspectives, perspectives, TEXT, 0, 0, TEXT) \
	SEP X(added, added, INT, 1, 1, INT) \
	SEP X(added_reason, added_reason, TEXT, 1, 1, TEXT) \
	SEP X(cancelled, cancelled, INT, 1, 1, INT) \
	SEP X(cancelled_reason, cancelled_reason, TEXT, 1, 1, TEXT) \
	SEP X(cancelled_year, cancelled_year, INT, 1, 1, INT_0) \
	SEP X(good_practice, good_practice, INT, 1, 1, INT) \
	SEP X(created_at, created_at, TEXT, 1, 0, TEXT) \
	SEP X(updated_at, updated_at, TEXT, 1, 0, TEXT) \
	SEP X(updated_by, updated_by, TEXT, 1, 0, TEXT) \
	SEP X(texts_updated_at, texts_updated_at, TEXT, 1, 0, TEXT)

#define SP_IF_1(yes, no) yes
#define SP_IF_0(yes, no) no
#define SP_COL_NAME(col, mem, kind, sum, light, w) #col
#define SP_COL_SUMMARY(col, mem, kind, sum, light, w) \
	SP_IF_##sum(#col, "NULL")
#define SP_COL_LIGHT(col, mem, kind, sum, light, w) SP_IF_##light(#col, "NULL")

/* Every column, in order (reads, and the copies into snapshots). */
#define ACTION_COLS ACTION_COLUMNS(SP_COL_NAME, ", ")
/* The same columns without the long texts (lists). */
#define ACTION_COLS_SUMMARY ACTION_COLUMNS(SP_COL_SUMMARY, ", ")
/* What Évolution compares of an action: no long texts, no contacts. */
#define ACTION_COLS_LIGHT ACTION_COLUMNS(SP_COL_LIGHT, ", ")

/* The written columns (all but the id), each followed by ", ": the
 * statements of action.c end the lists with sort_key. */
#define SP_W_KEY(x)
#define SP_W_I64(x) x
#define SP_W_I64_0(x) x
#define SP_W_INT(x) x
#define SP_W_INT_0(x) x
#define SP_W_TEXT(x) x
#define SP_COL_WRITE(col, mem, kind, sum, light, w) SP_W_##w(#col ", ")
#define SP_COL_PARAM(col, mem, kind, sum, light, w) SP_W_##w("?, ")
#define SP_COL_SET(col, mem, kind, sum, light, w) SP_W_##w(#col " = ?, ")
#define ACTION_COLS_WRITE ACTION_COLUMNS(SP_COL_WRITE, )
#define ACTION_PARAMS_WRITE ACTION_COLUMNS(SP_COL_PARAM, )
#define ACTION_SET_WRITE ACTION_COLUMNS(SP_COL_SET, )

/* The French cause of db's last error (store_sqlite_fr of its extended
 * code, with the system errno or a constraint's names as a suffix); never
 * SQLite's English text. NULL db: out of memory. Valid until the next
 * call. */
const char *sp_db_cause(sqlite3 *db);
/* Sets e from the connection's last error (busy, read-only, full...). */
int sp_db_err(struct store *s, struct err *e, const char *what);
/* Prepares sql (a literal: never built from data). */
int sp_prep(struct store *s, const char *sql, sqlite3_stmt **st,
    struct err *e);
/* Like sp_prep, but keeps the statement for the next call with the same
 * sql pointer (a literal). Give it back with sp_release, never
 * sqlite3_finalize. */
int sp_cprep(struct store *s, const char *sql, sqlite3_stmt **st,
    struct err *e);
/* Resets a statement from sp_cprep for reuse (finalizes it if it was not
 * cached). NULL is accepted. */
void sp_release(struct store *s, sqlite3_stmt *st);
int sp_bind_text(sqlite3_stmt *st, int i, const char *v);	/* NULL → NULL */
int sp_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v);	/* 0 → NULL */
char *sp_col_text(sqlite3_stmt *st, int i);	/* copy, NULL for NULL */
/* Steps a statement without result rows. */
int sp_exec1(struct store *s, sqlite3_stmt *st, const char *what,
    struct err *e);
/* Steps a statement with result rows: 1 while there is a row, 0 at the
 * end or on an error (then *rc, if 0, is set from the connection, naming
 * what). Every row read of the store goes through it; check rc after. */
int sp_row(struct store *s, sqlite3_stmt *st, int *rc, const char *what,
    struct err *e);
int sp_exec_sql(struct store *s, const char *sql, const char *what,
    struct err *e);
/* BEGIN IMMEDIATE (or join the open transaction); tx_end commits when
 * rc == 0, else rolls back, and returns rc or the commit error. Once
 * SQLite has ended the transaction by itself (disk full, I/O error,
 * corruption, no memory: see store_tx_failure), joining it, stepping a
 * statement with sp_exec1/sp_exec_sql and committing it all fail. */
int sp_tx_begin(struct store *s, struct err *e);
int sp_tx_end(struct store *s, int rc, struct err *e);
/* One journal row in the current transaction's txn. field is a name of
 * action_fields or coll_fields, journal_field_name() or
 * journal_field_year() (model.h): the journal's words are the model's. */
int sp_journal_add(struct store *s, int64_t mandate_id,
    enum journal_entity entity, int64_t entity_id, const char *ref,
    const char *field, const char *old_value, const char *new_value,
    int is_undo, struct err *e);
/* Reads a row selected with ACTION_COLS into a (zeroed first). */
void sp_read_action(sqlite3_stmt *st, struct action *a);
void sp_now_str(char *buf, size_t n);
/* Steps st (selected with ACTION_COLS from action, or from
 * snapshot_action when snapshot_id > 0) and calls fn for each action,
 * with its indicators when asked. Does not finalize st. */
int sp_step_actions(struct store *s, sqlite3_stmt *st, int64_t snapshot_id,
    int with_indicators,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e);
/* What the user typed, as an FTS5 query of quoted prefix terms (no FTS
 * syntax interpreted). NULL when empty. Caller frees. */
char *sp_fts_query(const char *q);
/* The reviews of mandate m, one per year, from the live table or a
 * snapshot (snapshot_id > 0). Caller frees each and the array. */
int sp_read_reviews(struct store *s, const struct mandate *m,
    int64_t snapshot_id, struct review **out, size_t *n, struct err *e);
/* Appends the assessments of a mandate (live) or a snapshot to p. */
/* The current snapshot of a mandate: the initial plan (kind "initial"),
 * or the done review of year (kind "bilan"; year 0: none asked, *id 0).
 * ERR_NOTFOUND, in French, when it was never frozen. */
int sp_find_snapshot(struct store *s, int64_t mandate_id, const char *kind,
    int year, int64_t *id, struct err *e);
int sp_read_assessments(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, struct plan *p, struct err *e);
/* Loads the indicators of a from the live tables (snapshot_id 0) or a
 * snapshot; st_ind and st_val are prepared from the sql_* strings of
 * store.c by the caller and reused across actions. */
int sp_read_indicators(struct store *s, sqlite3_stmt *st_ind,
    sqlite3_stmt *st_val, int64_t snapshot_id, struct action *a,
    struct err *e);

/* ---- A base on a network file system (store_net.c) ---- */

/* The name of the VFS that holds the lock file around transactions. */
int sp_net_vfs(const char **name, struct err *e);
/* After sqlite3_open_v2: leaves WAL for a rollback journal (DELETE) and
 * sets what a network share needs. */
int sp_net_setup(struct store *s, struct err *e);
/* When the base was busy because of a lock file: sets e (who holds it)
 * and returns ERR_LOCKED; else 0. */
int sp_net_busy(struct store *s, struct err *e, const char *what);
/* Journals, in a transaction of its own, a stale lock taken over. */
void sp_net_journal(struct store *s);
/* PRAGMA data_version without waiting for the lock. */
int64_t sp_net_data_version(struct store *s);

/* ---- Shared between the files of src/store/ ---- */

#define JOURNAL_COLS "id, txn, at, user, entity, entity_id, ref, field, " \
	"old_value, new_value, undone, is_undo"

#define GROW(arr, n) do { \
	void *np_ = realloc((arr), ((n) + 1) * sizeof *(arr)); \
	if (!np_) { rc = err_nomem(e); \
		goto out; } \
	(arr) = np_; \
	memset(&(arr)[(n)], 0, sizeof *(arr)); \
} while (0)

/* journal.c */
int sp_journal_txn(struct store *s, int64_t *txn, struct err *e);
/* journal.c */
void sp_read_journal(sqlite3_stmt *st, struct journal_entry *j);
/* setup.c */
int sp_get_mandate_by_id(struct store *s, int64_t id, struct mandate *m,
    struct err *e);
/* action.c */
extern const char sp_sql_list_full[];
/* action.c */
int sp_bind_filter(sqlite3_stmt *st, int64_t mandate_id,
    const struct action_filter *f, char **fold_pilot, char **q);
/* action.c */
int sp_write_action(struct store *s, const struct action *a,
    struct err *e);
/* action.c */
int sp_has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e);
/* action.c */
int sp_texts_changed(const struct action *a, const struct action *b);
/* action.c */
int sp_clip_len(const char *s, size_t max);
/* indicator.c */
extern const char sp_sql_ind_live[];
/* indicator.c */
extern const char sp_sql_val_live[];
/* indicator.c */
extern const char sp_sql_ind_snap[];
/* indicator.c */
extern const char sp_sql_val_snap[];
/* indicator.c */
int sp_action_ref_of(struct store *s, int64_t action_id, char **ref,
    int64_t *mandate_id, struct err *e);
/* indicator.c */
int sp_get_indicator(struct store *s, int64_t id, struct indicator *out,
    struct err *e);
/* snapshot.c */
int sp_make_snapshot(struct store *s, int64_t mandate_id,
    const char *kind, int year, int64_t *id, struct err *e);
/* snapshot.c */
int sp_set_snapshot_current(struct store *s, int64_t id, int current,
    struct err *e);
/* snapshot.c */
int sp_load_plan(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, int year, struct plan **out, struct err *e);

/* ---- Shared by db.c, open.c and maintenance.c ---- */

/* Finalizes every statement of the cache (db.c). */
void sp_cache_clear(struct store *s);
/* The search index's temporary dirty table and triggers (db.c). */
extern const char sp_fts_setup_sql[];
/* suivi_fold(text): text_fold for SQL, accents and case ignored (open.c). */
void sp_fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv);
/* ---- Shared by undo.c and undo_peek.c ---- */

/* The newest txn of the current user that can be undone;
 * ERR_NOTFOUND, in French, when there is none. */
int sp_undo_last_txn(struct store *s, int64_t *txn, struct err *e);
/* The journal rows of txn, newest first (caller frees with
 * journal_entries_free, also on failure). */
int sp_undo_entries(struct store *s, int64_t txn,
    struct journal_entry **out, size_t *n, int64_t *mandate_id,
    struct err *e);
/* "action 2.4 : Commentaires, …": the first three rows of a change. */
void sp_undo_describe_fields(const struct journal_entry *v, size_t nv,
    struct strbuf *desc);
#endif
