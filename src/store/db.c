/*
 * db.c - the database handle: opening, migrations, pragmas, the
 * statement cache, transactions (with the search index sync at
 * commit), backup and integrity.
 *
 * Owns the database handle. Never talks to the user: failures return a
 * code plus a French message in struct err. Every statement is prepared
 * with bound values; no SQL text is assembled from data. Migrations
 * (schema/NNN-*.sql, compiled in by scripts/sql2c.sh) run in order,
 * tracked by PRAGMA user_version; PRAGMA application_id marks the file
 * as ours.
 *
 * Design notes
 * - Writes: each public write function runs in one BEGIN IMMEDIATE
 *   transaction (tx_begin/tx_end), or joins the one opened by
 *   store_transaction (depth > 0).
 * - Versions: action.version starts at 1 and is bumped by every write to
 *   the row (store_update_action, undo). An update that read version v
 *   succeeds only while the row is still at v.
 * - Journal: one row per changed field; the rows of one change share a
 *   txn number. store_undo reverts the newest txn of the current user
 *   that is neither an undo nor undone, marks it undone and records the
 *   reversal with is_undo = 1.
 * - Snapshots: kind 'initial' (frozen once per mandate) or 'bilan'
 *   (one current per year; unticking sets current = 0 and keeps it).
 *   They copy the collectivité, actions, indicators, values and reviews.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fs.h"
#include "store.h"
#include "store_priv.h"

/* ---- A transaction SQLite ended by itself ----
 *
 * After SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM (and on some
 * SQLITE_CORRUPT), SQLite may roll the whole transaction back on its own
 * (sqlite3VdbeHalt): the connection is then in autocommit, and every
 * later statement of the "transaction" would be committed alone. So the
 * first such error, or a transaction found in autocommit, marks it lost
 * (tx_note): from then on sp_tx_begin refuses to join it, sp_exec1 and
 * sp_exec_sql refuse to step, and sp_tx_end rolls back whatever is left
 * and fails, even when the caller swallowed the error. */
static void tx_note(struct store *s)
{
	int code = sqlite3_extended_errcode(s->db), prim = code & 0xFF;

	if (s->depth <= 0 || s->tx_lost)
		return;
	if (prim == SQLITE_FULL || prim == SQLITE_IOERR ||
	    prim == SQLITE_NOMEM || prim == SQLITE_CORRUPT ||
	    prim == SQLITE_NOTADB || sqlite3_get_autocommit(s->db)) {
		s->tx_lost = code ? code : SQLITE_ABORT;
		s->tx_lost_errno = sqlite3_system_errno(s->db);
	}
}

const char *store_tx_failure(const struct store *s)
{
	int prim = s->tx_lost & 0xFF;

	if (!s->tx_lost)
		return NULL;
	if (prim == SQLITE_FULL || s->tx_lost_errno == ENOSPC)
		return "le disque est plein";
	if (s->tx_lost_errno == EFBIG)
		return "le disque est plein (taille de fichier maximale "
		    "atteinte)";
	if (s->tx_lost_errno == EDQUOT)
		return "le disque est plein (quota de l'utilisateur atteint)";
	if (prim == SQLITE_IOERR)
		return "erreur d'entrée-sortie sur le disque";
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		return "la base est endommagée";
	if (prim == SQLITE_NOMEM)
		return "mémoire insuffisante";
	return "la transaction a été interrompue par SQLite";
}

static int tx_lost_err(struct store *s, struct err *e)
{
	int prim = s->tx_lost & 0xFF;

	return err_set(e, prim == SQLITE_NOMEM ? ERR_NOMEM :
	    prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB ? ERR_NOTSUIVI :
	    prim == SQLITE_FULL || prim == SQLITE_IOERR ? ERR_IO : ERR_DB,
	    "%s : modification annulée, rien n'a été enregistré",
	    store_tx_failure(s));
}

/* 0 while the open transaction is alive; else the loss, in e. */
static int tx_alive(struct store *s, struct err *e)
{
	if (s->depth > 0 && !s->tx_lost && sqlite3_get_autocommit(s->db))
		s->tx_lost = SQLITE_ABORT;
	return s->depth > 0 && s->tx_lost ? tx_lost_err(s, e) : 0;
}

int sp_db_err(struct store *s, struct err *e, const char *what)
{
	int code = sqlite3_extended_errcode(s->db);
	int prim = code & 0xFF;

	tx_note(s);

	if (prim == SQLITE_BUSY && sp_net_busy(s, e, what))
		return ERR_LOCKED;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return err_set(e, ERR_LOCKED,
		    "%s : la base est occupée par un autre utilisateur ; "
		    "réessayez dans un instant", what);
	if (prim == SQLITE_READONLY)
		return err_set(e, ERR_READONLY,
		    "%s : la base %s est en lecture seule", what, s->path);
	if (prim == SQLITE_FULL)
		return err_set(e, ERR_IO, "%s : disque plein", what);
	if (prim == SQLITE_NOTADB)
		return err_set(e, ERR_NOTSUIVI,
		    "%s n'est pas une base suivi, ou elle est endommagée",
		    s->path);
	if (prim == SQLITE_CORRUPT)
		return err_set(e, ERR_NOTSUIVI,
		    "%s : la base %s est endommagée%s ; restaurez la "
		    "dernière sauvegarde", what, s->path,
		    code == SQLITE_CORRUPT_INDEX ? " (un index)" : "");
	if (prim == SQLITE_IOERR || prim == SQLITE_CANTOPEN)
		return err_set(e, ERR_IO, "%s : %s", what, sp_db_cause(s->db));
	return err_set(e, ERR_DB, "%s : %s", what, sp_db_cause(s->db));
}

int sp_prep(struct store *s, const char *sql, sqlite3_stmt **st,
    struct err *e)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return sp_db_err(s, e, "préparation d'une requête");
	}
	return 0;
}

int sp_cprep(struct store *s, const char *sql, sqlite3_stmt **st,
    struct err *e)
{
	struct sp_cached *free_slot = NULL;
	int i, rc;

	for (i = 0; i < SP_CACHE_SIZE; i++) {
		struct sp_cached *c = &s->cache[i];

		if (c->sql == sql && !c->in_use) {
			c->in_use = 1;
			*st = c->st;
			return 0;
		}
		if (!c->sql && !free_slot)
			free_slot = c;
	}
	if ((rc = sp_prep(s, sql, st, e)))
		return rc;
	if (free_slot) {
		free_slot->sql = sql;
		free_slot->st = *st;
		free_slot->in_use = 1;
	}
	return 0;
}

void sp_release(struct store *s, sqlite3_stmt *st)
{
	int i;

	if (!st)
		return;
	for (i = 0; i < SP_CACHE_SIZE; i++)
		if (s->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			s->cache[i].in_use = 0;
			return;
		}
	sqlite3_finalize(st);
}

void sp_cache_clear(struct store *s)
{
	int i;

	for (i = 0; i < SP_CACHE_SIZE; i++) {
		sqlite3_finalize(s->cache[i].st);
		memset(&s->cache[i], 0, sizeof s->cache[i]);
	}
}

int sp_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int sp_bind_int_or_null(sqlite3_stmt *st, int i, int64_t v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, v);
}

char *sp_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Runs a statement without result rows. */
int sp_exec1(struct store *s, sqlite3_stmt *st, const char *what,
    struct err *e)
{
	int rc;

	if (s->tx_lost && (rc = tx_alive(s, e)))
		return rc;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sp_db_err(s, e, what);
	return 0;
}

/* Steps a statement with result rows: 1 while there is a row; 0 at the
 * end, or on an error, which then sets *rc (unless already set) naming
 * what was read. The only row loop of the store:
 *	while (sp_row(s, st, &rc, "lecture des …", e)) { … }
 *	if (rc) goto out;
 * so that an I/O error, a damaged page or a lack of memory mid-read is
 * reported instead of returning a truncated list as complete. */
int sp_row(struct store *s, sqlite3_stmt *st, int *rc, const char *what,
    struct err *e)
{
	int step = sqlite3_step(st);

	if (step == SQLITE_ROW)
		return 1;
	if (step != SQLITE_DONE && !*rc)
		*rc = sp_db_err(s, e, what);
	return 0;
}

int sp_exec_sql(struct store *s, const char *sql, const char *what,
    struct err *e)
{
	char *msg = NULL;
	int lost;

	if (s->tx_lost && (lost = tx_alive(s, e)))
		return lost;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = sp_db_err(s, e, what);

		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

void sp_now_str(char *buf, size_t n)
{
	clock_format(clock_now(), buf, n);
}

static int check_writable(struct store *s, struct err *e)
{
	if (s->readonly)
		return err_set(e, ERR_READONLY,
		    "la base %s est ouverte en lecture seule : modification "
		    "impossible", s->path);
	return 0;
}

int sp_tx_begin(struct store *s, struct err *e)
{
	int rc;

	if ((rc = check_writable(s, e)))
		return rc;
	if (s->depth++ > 0) {
		if ((rc = tx_alive(s, e)))
			s->depth--;
		return rc;
	}
	s->txn = 0;
	s->bumped = 0;
	s->created_from = 0;
	s->tx_lost = 0;
	if ((rc = sp_exec_sql(s, "BEGIN IMMEDIATE", "début de transaction", e))) {
		s->depth--;
		s->tx_lost = 0;
		return rc;
	}
	return 0;
}

/* Per connection, the actions written in the current transaction: the
 * full-text index is refreshed for them just before COMMIT, in a few
 * statements, rather than once per row (FTS5 flushes at every statement
 * savepoint). The index reads its texts from the action table (external
 * content, migration 004), so it can only be told what to remove: the
 * first change to an action in the transaction keeps the texts the index
 * holds for it (indexed = 1); an action created in the transaction has
 * nothing in the index (indexed = 0), whatever happens to it next. Temp
 * objects: they live with this connection only, and roll back with the
 * transaction. */
#define FTS_COLS "ref, designation, description, pilots, elected, " \
	"partners, audience, comments, perspectives, added_reason, " \
	"cancelled_reason"

#define FTS_OLD "old.ref, old.designation, old.description, old.pilots, " \
	"old.elected, old.partners, old.audience, old.comments, " \
	"old.perspectives, old.added_reason, old.cancelled_reason"

const char sp_fts_setup_sql[] =
    "CREATE TEMP TABLE IF NOT EXISTS fts_dirty (id INTEGER PRIMARY KEY, "
    "indexed INTEGER NOT NULL, " FTS_COLS ");"
    "CREATE TEMP TRIGGER IF NOT EXISTS fts_dirty_insert AFTER INSERT ON "
    "main.action BEGIN INSERT OR IGNORE INTO fts_dirty (id, indexed) "
    "VALUES (new.id, 0); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS fts_dirty_update BEFORE UPDATE OF "
    FTS_COLS " ON main.action BEGIN INSERT OR IGNORE INTO fts_dirty (id, "
    "indexed, " FTS_COLS ") VALUES (old.id, 1, " FTS_OLD "); END;"
    "CREATE TEMP TRIGGER IF NOT EXISTS fts_dirty_delete BEFORE DELETE ON "
    "main.action BEGIN INSERT OR IGNORE INTO fts_dirty (id, indexed, "
    FTS_COLS ") VALUES (old.id, 1, " FTS_OLD "); END;";

static const char fts_sync_sql[] =
    "INSERT INTO action_fts (action_fts, rowid, " FTS_COLS ") "
    "SELECT 'delete', id, " FTS_COLS " FROM temp.fts_dirty WHERE indexed;"
    "INSERT INTO action_fts (rowid, " FTS_COLS ") SELECT id, " FTS_COLS
    " FROM main.action WHERE id IN (SELECT id FROM temp.fts_dirty);"
    "DELETE FROM temp.fts_dirty;";

static int fts_sync(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc, dirty = 0;

	if (!s->fts_ready)
		return 0;
	if ((rc = sp_cprep(s, "SELECT EXISTS (SELECT 1 FROM temp.fts_dirty)",
	    &st, e)))
		return rc;
	if (sp_row(s, st, &rc, "index de recherche", e))
		dirty = sqlite3_column_int(st, 0);
	sp_release(s, st);
	if (rc || !dirty)
		return rc;
	return sp_exec_sql(s, fts_sync_sql, "index de recherche", e);
}

/* Commits when rc == 0 (else rolls back). Returns rc or the commit error. */
int sp_tx_end(struct store *s, int rc, struct err *e)
{
	if (rc == 0)
		rc = tx_alive(s, e);
	if (--s->depth > 0)
		return rc;
	if (rc == 0)
		rc = fts_sync(s, e);
	if (rc == 0) {
		rc = sp_exec_sql(s, "COMMIT", "enregistrement", e);
		if (rc == 0) {
			sp_net_journal(s);
			return 0;
		}
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->tx_lost = 0;
	sp_net_journal(s);
	return rc;
}

int store_transaction(struct store *s, int (*fn)(void *ctx, struct err *e),
    void *ctx, struct err *e)
{
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	rc = fn(ctx, e);
	return sp_tx_end(s, rc, e);
}

void store_set_busy_ms(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, s->busy_ms = ms);
}
