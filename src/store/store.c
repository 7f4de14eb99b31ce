/*
 * store.c - SQLite persistence of a suivi database.
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

#define APP_ID 0x53554956	/* "SUIV" */
#define BUSY_MS 5000

extern const char *const store_migrations[];
extern const size_t store_n_migrations;


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

/* ---- Helpers ---- */

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

static void cache_clear(struct store *s)
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

/* ---- Transactions ---- */

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

static const char fts_setup_sql[] =
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
	if (sqlite3_step(st) == SQLITE_ROW)
		dirty = sqlite3_column_int(st, 0);
	sp_release(s, st);
	if (!dirty)
		return 0;
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

/* ---- Journal ---- */

static int journal_txn(struct store *s, int64_t *txn, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (s->txn) {
		*txn = s->txn;
		return 0;
	}
	if ((rc = sp_cprep(s, "SELECT coalesce(max(txn), 0) + 1 FROM journal",
	    &st, e)))
		return rc;
	if (sqlite3_step(st) != SQLITE_ROW)
		rc = sp_db_err(s, e, "journal");
	else
		s->txn = *txn = sqlite3_column_int64(st, 0);
	sp_release(s, st);
	return rc;
}

int sp_journal_add(struct store *s, int64_t mandate_id,
    const char *entity, int64_t entity_id, const char *ref,
    const char *field, const char *old_value, const char *new_value,
    int is_undo, struct err *e)
{
	sqlite3_stmt *st;
	char at[32];
	int64_t txn;
	int rc;

	if ((rc = journal_txn(s, &txn, e)))
		return rc;
	sp_now_str(at, sizeof at);
	if ((rc = sp_cprep(s, "INSERT INTO journal (txn, at, user, mandate_id, "
	    "entity, entity_id, ref, field, old_value, new_value, is_undo) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, txn);
	sp_bind_text(st, 2, at);
	sp_bind_text(st, 3, user_login());
	sp_bind_int_or_null(st, 4, mandate_id);
	sp_bind_text(st, 5, entity);
	sp_bind_int_or_null(st, 6, entity_id);
	sp_bind_text(st, 7, ref);
	sp_bind_text(st, 8, field);
	sp_bind_text(st, 9, old_value);
	sp_bind_text(st, 10, new_value);
	sqlite3_bind_int(st, 11, is_undo);
	rc = sp_exec1(s, st, "journal", e);
	sp_release(s, st);
	return rc;
}

/* ---- Opening and migrations ---- */

static void fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t;
	char *f;

	(void)argc;
	t = sqlite3_value_text(argv[0]);
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	f = text_fold((const char *)t);
	if (!f) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	sqlite3_result_text(ctx, f, -1, free);
}

static int create_file(const char *path, struct err *e)
{
	char *dup = xstrdup(path);
	struct stat st;
	mode_t mode = 0600;
	int fd;

	if (!dup)
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	/* A directory shared by a group (setgid or group-writable) gets a
	 * database the group can use; otherwise only the owner reads it. */
	if (stat(dirname(dup), &st) == 0 && ((st.st_mode & S_ISGID) ||
	    ((st.st_mode & S_IWGRP) && !(st.st_mode & S_IWOTH))))
		mode = 0660;
	free(dup);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return err_set(e, ERR_IO, "%s : création impossible (%s)", path,
		    err_fr_errno(errno));
	}
	fchmod(fd, mode);
	close(fd);
	return 0;
}

static int pragma_int(struct store *s, const char *sql, int64_t *out,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, sql, &st, e)))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = sp_db_err(s, e, "lecture de la base");
	sqlite3_finalize(st);
	return rc;
}

static int migrate(struct store *s, struct err *e)
{
	int64_t version = 0, app = 0, tables = 0;
	size_t i;
	int rc;

	if ((rc = pragma_int(s, "PRAGMA application_id", &app, e)) ||
	    (rc = pragma_int(s, "PRAGMA user_version", &version, e)) ||
	    (rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables,
	    e)))
		return rc;
	if (app != APP_ID && (tables > 0 || version > 0))
		return err_set(e, ERR_NOTSUIVI,
		    "%s n'est pas une base suivi (autre application)", s->path);
	if ((size_t)version > store_n_migrations)
		return err_set(e, ERR_NOTSUIVI,
		    "%s a été créée par une version plus récente de suivi "
		    "(schéma %lld) : mettez suivi à jour", s->path,
		    (long long)version);
	if ((size_t)version == store_n_migrations)
		return 0;
	if (s->readonly)
		return err_set(e, ERR_READONLY,
		    "%s doit être mise à jour mais est en lecture seule",
		    s->path);
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	for (i = (size_t)version; i < store_n_migrations && !rc; i++) {
		char pragma[64];

		rc = sp_exec_sql(s, store_migrations[i], "mise à jour du schéma",
		    e);
		if (!rc) {
			snprintf(pragma, sizeof pragma,
			    "PRAGMA user_version = %zu", i + 1);
			rc = sp_exec_sql(s, pragma, "mise à jour du schéma", e);
		}
	}
	if (!rc) {
		char pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d",
		    APP_ID);
		rc = sp_exec_sql(s, pragma, "mise à jour du schéma", e);
	}
	return sp_tx_end(s, rc, e);
}

static int access_dir_readonly(const char *path)
{
	char *dup = xstrdup(path);
	int ro;

	if (!dup)
		return 0;
	ro = access(dirname(dup), W_OK) != 0;
	free(dup);
	return ro;
}

static int open_immutable(struct store *s, const char *path, struct err *e)
{
	struct strbuf uri = {0};
	const char *p;
	int rc = 0;

	sb_append(&uri, "file:");
	for (p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			sb_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			sb_append_c(&uri, *p);
	}
	sb_append(&uri, "?immutable=1");
	if (sqlite3_open_v2(sb_str(&uri), &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		rc = err_set(e, ERR_IO, "%s : ouverture impossible (%s)", path,
		    sp_db_cause(s->db));
	sb_free(&uri);
	return rc;
}

int store_open(const char *path, int flags, struct store **out,
    struct err *e)
{
	const char *vfs = NULL;
	struct store *s;
	int rc, oflags;
	struct stat st;

	if (stat(path, &st) != 0) {
		if (!(flags & STORE_CREATE))
			return err_set(e, ERR_NOTFOUND,
			    "la base %s n'existe pas (créez-la avec "
			    "« suivi init » ou « suivi demo »)", path);
		if ((rc = create_file(path, e)))
			return rc;
	} else if (S_ISDIR(st.st_mode)) {
		return err_set(e, ERR_IO, "%s est un dossier, pas une base",
		    path);
	}
	s = calloc(1, sizeof *s);
	if (!s || !(s->path = xstrdup(path))) {
		free(s);
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	}
	s->readonly = (flags & STORE_READONLY) || access(path, W_OK) != 0;
	oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	s->netfs = fs_is_network(path, NULL, 0);
	if (s->netfs && (rc = sp_net_vfs(&vfs, e)))
		goto fail;
	if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX,
	    vfs) != SQLITE_OK) {
		rc = err_set(e, ERR_IO, "%s : ouverture impossible (%s)", path,
		    sp_db_cause(s->db));
		goto fail;
	}
	/* A WAL database in a directory we cannot write can only be read
	 * as immutable (no -shm can be created). */
	if (!s->netfs && s->readonly && access_dir_readonly(path) &&
	    sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL,
	    NULL, NULL) != SQLITE_OK) {
		sqlite3_close(s->db);
		s->db = NULL;
		if ((rc = open_immutable(s, path, e)))
			goto fail;
	}
	sqlite3_busy_timeout(s->db, s->busy_ms = BUSY_MS);
	sqlite3_extended_result_codes(s->db, 1);
	if (sqlite3_create_function(s->db, "suivi_fold", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_func, NULL,
	    NULL) != SQLITE_OK) {
		rc = sp_db_err(s, e, "ouverture");
		goto fail;
	}
	/* A file that is not a database fails here with SQLITE_NOTADB. */
	if ((rc = sp_exec_sql(s, "PRAGMA foreign_keys = ON", "ouverture", e)))
		goto fail;
	if (s->netfs && (rc = sp_net_setup(s, e)))
		goto fail;
	if (!s->readonly && !s->netfs) {
		sqlite3_stmt *stj;

		if ((rc = sp_prep(s, "PRAGMA journal_mode = WAL", &stj, e)))
			goto fail;
		if (sqlite3_step(stj) != SQLITE_ROW) {
			rc = sp_db_err(s, e, "ouverture");
			sqlite3_finalize(stj);
			goto fail;
		}
		sqlite3_finalize(stj);
		if ((rc = sp_exec_sql(s, "PRAGMA synchronous = NORMAL",
		    "ouverture", e)))
			goto fail;
	}
	if ((rc = migrate(s, e)))
		goto fail;
	if (!s->readonly) {
		if ((rc = sp_exec_sql(s, fts_setup_sql, "ouverture", e)))
			goto fail;
		s->fts_ready = 1;
	}
	sp_net_journal(s);
	*out = s;
	return 0;
fail:
	sqlite3_close(s->db);
	free(s->path);
	free(s);
	return rc;
}

void store_close(struct store **ps)
{
	if (!ps || !*ps)
		return;
	cache_clear(*ps);
	sqlite3_close((*ps)->db);
	free((*ps)->path);
	free(*ps);
	*ps = NULL;
}

int store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int64_t store_data_version(struct store *s)
{
	int64_t v = 0;

	if (s->netfs)
		return sp_net_data_version(s);
	pragma_int(s, "PRAGMA data_version", &v, NULL);
	return v;
}

int store_initialized(struct store *s)
{
	int64_t n = 0;

	if (pragma_int(s, "SELECT (SELECT count(*) FROM collectivite) + "
	    "(SELECT count(*) FROM mandate) * 2", &n, NULL))
		return 0;
	return n == 3;
}

/* ---- Referentials ---- */

static int insert_referential(struct store *s, const struct referential *r,
    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t rid;
	size_t i;
	int rc;

	if ((rc = sp_prep(s, "INSERT INTO referential (code, name, track, "
	    "mandate, previous) VALUES (?, ?, ?, ?, ?)", &st, e)))
		return rc;
	sp_bind_text(st, 1, r->code);
	sp_bind_text(st, 2, r->name);
	sp_bind_text(st, 3, r->track);
	sp_bind_text(st, 4, r->mandate);
	sp_bind_text(st, 5, r->previous);
	rc = sp_exec1(s, st, "référentiel", e);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	rid = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < r->n_engagements && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_engagement (referential_id, "
		    "number, title) VALUES (?, ?, ?)", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int(st, 2, r->engagements[i].number);
		sp_bind_text(st, 3, r->engagements[i].title);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	for (i = 0; i < r->n_recommendations && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_recommendation "
		    "(referential_id, code, engagement, text) "
		    "VALUES (?, ?, ?, ?)", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sp_bind_text(st, 2, r->recommendations[i].code);
		sqlite3_bind_int(st, 3, r->recommendations[i].engagement);
		sp_bind_text(st, 4, r->recommendations[i].text);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	for (i = 0; i < r->n_priorities && !rc; i++)
		rc = store_add_priority(s, rid, &r->priorities[i], e);
	for (i = 0; i < r->n_mappings && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_mapping (referential_id, "
		    "from_engagement, to_engagement) VALUES (?, ?, ?)", &st,
		    e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int(st, 2, r->mappings[i].from);
		sqlite3_bind_int(st, 3, r->mappings[i].to);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	if (!rc && id)
		*id = rid;
	return rc;
}

int store_add_referential(struct store *s, const struct referential *r,
    int64_t *id, struct err *e)
{
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	rc = insert_referential(s, r, id, e);
	return sp_tx_end(s, rc, e);
}

int store_add_priority(struct store *s, int64_t referential_id,
    const struct ref_priority *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_prep(s, "INSERT INTO ref_priority (referential_id, code, "
	    "engagement, recommendation, designation, example) "
	    "VALUES (?, ?, ?, ?, ?, ?)", &st, e)))
		return sp_tx_end(s, rc, e);
	sqlite3_bind_int64(st, 1, referential_id);
	sp_bind_text(st, 2, p->code);
	sqlite3_bind_int(st, 3, p->engagement);
	sp_bind_text(st, 4, p->recommendation);
	sp_bind_text(st, 5, p->designation);
	sqlite3_bind_int(st, 6, p->example);
	rc = sp_exec1(s, st, "action prioritaire du référentiel", e);
	sqlite3_finalize(st);
	return sp_tx_end(s, rc, e);
}

#define GROW(arr, n) do { \
	void *np_ = realloc((arr), ((n) + 1) * sizeof *(arr)); \
	if (!np_) { rc = err_set(e, ERR_NOMEM, "mémoire insuffisante"); \
		goto out; } \
	(arr) = np_; \
	memset(&(arr)[(n)], 0, sizeof *(arr)); \
} while (0)

int store_get_referential(struct store *s, int64_t id,
    struct referential **out, struct err *e)
{
	struct referential *r = calloc(1, sizeof *r);
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (!r)
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	r->id = id;
	if ((rc = sp_prep(s, "SELECT code, name, track, mandate, previous FROM "
	    "referential WHERE id = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = err_set(e, ERR_NOTFOUND, "référentiel introuvable");
		goto out;
	}
	r->code = sp_col_text(st, 0);
	r->name = sp_col_text(st, 1);
	r->track = sp_col_text(st, 2);
	r->mandate = sp_col_text(st, 3);
	r->previous = sp_col_text(st, 4);
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT number, title FROM ref_engagement WHERE "
	    "referential_id = ? ORDER BY number", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		GROW(r->engagements, r->n_engagements);
		r->engagements[r->n_engagements].number =
		    sqlite3_column_int(st, 0);
		r->engagements[r->n_engagements++].title = sp_col_text(st, 1);
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT code, engagement, text FROM "
	    "ref_recommendation WHERE referential_id = ? ORDER BY "
	    "engagement, code", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct ref_recommendation *rr;

		GROW(r->recommendations, r->n_recommendations);
		rr = &r->recommendations[r->n_recommendations++];
		rr->code = sp_col_text(st, 0);
		rr->engagement = sqlite3_column_int(st, 1);
		rr->text = sp_col_text(st, 2);
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT code, engagement, recommendation, "
	    "designation, example FROM ref_priority WHERE referential_id = ? "
	    "ORDER BY engagement, code", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct ref_priority *rp;

		GROW(r->priorities, r->n_priorities);
		rp = &r->priorities[r->n_priorities++];
		rp->code = sp_col_text(st, 0);
		rp->engagement = sqlite3_column_int(st, 1);
		rp->recommendation = sp_col_text(st, 2);
		rp->designation = sp_col_text(st, 3);
		rp->example = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT from_engagement, to_engagement FROM "
	    "ref_mapping WHERE referential_id = ? ORDER BY from_engagement",
	    &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		GROW(r->mappings, r->n_mappings);
		r->mappings[r->n_mappings].from = sqlite3_column_int(st, 0);
		r->mappings[r->n_mappings++].to = sqlite3_column_int(st, 1);
	}
out:
	sqlite3_finalize(st);
	if (rc)
		referential_free(&r);
	else
		*out = r;
	return rc;
}

/* ---- Mandates ---- */

static void read_mandate(sqlite3_stmt *st, struct mandate *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->label = sp_col_text(st, 1);
	m->year_first = sqlite3_column_int(st, 2);
	m->year_last = sqlite3_column_int(st, 3);
	m->referential_id = sqlite3_column_int64(st, 4);
	m->archived = sqlite3_column_int(st, 5);
	m->previous_id = sqlite3_column_int64(st, 6);
}

#define MANDATE_COLS "id, label, year_first, year_last, referential_id, " \
	"archived, previous_id"

int store_active_mandate(struct store *s, struct mandate *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate ORDER BY "
	    "archived, year_first DESC LIMIT 1", &st, e)))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW)
		read_mandate(st, out);
	else
		rc = err_set(e, ERR_NOTFOUND,
		    "la base %s n'a pas de mandat : lancez « suivi init »",
		    s->path);
	sqlite3_finalize(st);
	return rc;
}

int store_find_mandate(struct store *s, const char *label,
    struct mandate *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate WHERE "
	    "label = ?", &st, e)))
		return rc;
	sp_bind_text(st, 1, label);
	if (sqlite3_step(st) == SQLITE_ROW)
		read_mandate(st, out);
	else
		rc = err_set(e, ERR_NOTFOUND, "mandat « %s » inconnu", label);
	sqlite3_finalize(st);
	return rc;
}

int store_list_mandates(struct store *s, struct mandate **out, size_t *n,
    struct err *e)
{
	struct mandate *v = NULL;
	sqlite3_stmt *st = NULL;
	size_t nv = 0;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate ORDER BY "
	    "year_first, id", &st, e)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		GROW(v, nv);
		read_mandate(st, &v[nv++]);
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		while (nv)
			mandate_clear(&v[--nv]);
		free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

static int insert_mandate(struct store *s, const char *label,
    int64_t referential_id, int64_t *id, struct err *e)
{
	struct mandate prev = {0};
	sqlite3_stmt *st;
	char at[32];
	int first, last, rc, has_prev;

	if ((rc = mandate_parse_label(label, &first, &last, e)))
		return rc;
	has_prev = store_active_mandate(s, &prev, NULL) == 0;
	if (has_prev && prev.year_first >= first) {
		rc = err_set(e, ERR_INVALID,
		    "le mandat %s doit commencer après le mandat actif %s",
		    label, prev.label);
		mandate_clear(&prev);
		return rc;
	}
	sp_now_str(at, sizeof at);
	if ((rc = sp_prep(s, "UPDATE mandate SET archived = 1", &st, e)))
		goto out;
	rc = sp_exec1(s, st, "mandat", e);
	sqlite3_finalize(st);
	if (rc)
		goto out;
	if ((rc = sp_prep(s, "INSERT INTO mandate (label, year_first, year_last, "
	    "referential_id, previous_id, created_at) VALUES (?, ?, ?, ?, ?, "
	    "?)", &st, e)))
		goto out;
	sp_bind_text(st, 1, label);
	sqlite3_bind_int(st, 2, first);
	sqlite3_bind_int(st, 3, last);
	sqlite3_bind_int64(st, 4, referential_id);
	sp_bind_int_or_null(st, 5, has_prev ? prev.id : 0);
	sp_bind_text(st, 6, at);
	rc = sp_exec1(s, st, "mandat", e);
	sqlite3_finalize(st);
	if (rc) {
		if (e && strstr(e->msg, "UNIQUE"))
			err_set(e, ERR_INVALID, "le mandat %s existe déjà",
			    label);
		goto out;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = sp_journal_add(s, sqlite3_last_insert_rowid(s->db), "mandat",
	    sqlite3_last_insert_rowid(s->db), label, "*creation*", NULL,
	    label, 0, e);
out:
	mandate_clear(&prev);
	return rc;
}

int store_add_mandate(struct store *s, const char *label,
    int64_t referential_id, int64_t *id, struct err *e)
{
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	rc = insert_mandate(s, label, referential_id, id, e);
	return sp_tx_end(s, rc, e);
}

/* ---- Collectivité ---- */

/* Column names of collectivite, in enum coll_field order. */
static const char *const coll_cols =
    "nom, type, code, departement, elu_nom, elu_fonction, elu_email, "
    "elu_telephone, technique_nom, technique_service, technique_email, "
    "technique_telephone, benevoles";

int store_init(struct store *s, const char *collectivite,
    const struct referential *ref, const char *mandate_label,
    struct err *e)
{
	sqlite3_stmt *st;
	int64_t rid;
	int rc;

	if (str_empty(collectivite))
		return err_set(e, ERR_INVALID,
		    "le nom de la collectivité est obligatoire");
	if ((rc = coll_field_check(C_NAME, collectivite, e)))
		return rc;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if (store_initialized(s)) {
		rc = err_set(e, ERR_INVALID,
		    "la base %s est déjà initialisée", s->path);
		goto out;
	}
	if ((rc = sp_prep(s, "INSERT INTO collectivite (id, nom) VALUES (1, ?)",
	    &st, e)))
		goto out;
	sp_bind_text(st, 1, collectivite);
	rc = sp_exec1(s, st, "collectivité", e);
	sqlite3_finalize(st);
	if (!rc)
		rc = insert_referential(s, ref, &rid, e);
	if (!rc)
		rc = insert_mandate(s, mandate_label, rid, NULL, e);
out:
	return sp_tx_end(s, rc, e);
}

int store_get_collectivite(struct store *s, struct collectivite *out,
    struct err *e)
{
	static const char sql[] = "SELECT nom, type, code, departement, "
	    "elu_nom, elu_fonction, elu_email, elu_telephone, technique_nom, "
	    "technique_service, technique_email, technique_telephone, "
	    "benevoles FROM collectivite WHERE id = 1";
	sqlite3_stmt *st;
	int rc, i;

	(void)coll_cols;
	if ((rc = sp_prep(s, sql, &st, e)))
		return rc;
	memset(out, 0, sizeof *out);
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < C_COUNT; i++)
			out->f[i] = sp_col_text(st, i);
	} else {
		rc = err_set(e, ERR_NOTFOUND,
		    "la base %s n'a pas de collectivité : lancez « suivi "
		    "init »", s->path);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_set_collectivite(struct store *s, enum coll_field f,
    const char *value, struct err *e)
{
	/* One statement per column: no SQL is built from data. */
	static const char *const sql[C_COUNT] = {
		"UPDATE collectivite SET nom = ? WHERE id = 1",
		"UPDATE collectivite SET type = ? WHERE id = 1",
		"UPDATE collectivite SET code = ? WHERE id = 1",
		"UPDATE collectivite SET departement = ? WHERE id = 1",
		"UPDATE collectivite SET elu_nom = ? WHERE id = 1",
		"UPDATE collectivite SET elu_fonction = ? WHERE id = 1",
		"UPDATE collectivite SET elu_email = ? WHERE id = 1",
		"UPDATE collectivite SET elu_telephone = ? WHERE id = 1",
		"UPDATE collectivite SET technique_nom = ? WHERE id = 1",
		"UPDATE collectivite SET technique_service = ? WHERE id = 1",
		"UPDATE collectivite SET technique_email = ? WHERE id = 1",
		"UPDATE collectivite SET technique_telephone = ? WHERE id = 1",
		"UPDATE collectivite SET benevoles = ? WHERE id = 1",
	};
	struct collectivite cur = {0};
	sqlite3_stmt *st;
	int rc;

	if ((unsigned)f >= C_COUNT)
		return err_set(e, ERR_INVALID, "champ inconnu");
	if ((rc = coll_field_check(f, value, e)))
		return rc;
	if (value && !*value)
		value = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = store_get_collectivite(s, &cur, e)))
		goto out;
	if (str_eq(cur.f[f], value))
		goto out;
	if ((rc = sp_prep(s, sql[f], &st, e)))
		goto out;
	sp_bind_text(st, 1, value);
	rc = sp_exec1(s, st, "collectivité", e);
	sqlite3_finalize(st);
	if (!rc)
		rc = sp_journal_add(s, 0, "collectivite", 1, coll_fields[f].name,
		    coll_fields[f].name, cur.f[f], value, 0, e);
out:
	collectivite_clear(&cur);
	return sp_tx_end(s, rc, e);
}

/* ---- Actions: reading ---- */


/* The same columns without the long texts (lists). */
#define ACTION_COLS_SUMMARY "id, mandate_id, version, origin_id, ref, " \
	"engagement, recommendation, designation, priority, priority_code, " \
	"NULL, pilots, elected, partners, audience, year_start, year_end, " \
	"progress, NULL, NULL, added, added_reason, cancelled, " \
	"cancelled_reason, cancelled_year, good_practice, created_at, " \
	"updated_at, updated_by, texts_updated_at"

void sp_read_action(sqlite3_stmt *st, struct action *a)
{
	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(st, 0);
	a->mandate_id = sqlite3_column_int64(st, 1);
	a->version = sqlite3_column_int64(st, 2);
	a->origin_id = sqlite3_column_int64(st, 3);
	a->ref = sp_col_text(st, 4);
	a->engagement = sqlite3_column_int(st, 5);
	a->recommendation = sp_col_text(st, 6);
	a->designation = sp_col_text(st, 7);
	a->priority = sqlite3_column_int(st, 8);
	a->priority_code = sp_col_text(st, 9);
	a->description = sp_col_text(st, 10);
	a->pilots = sp_col_text(st, 11);
	a->elected = sp_col_text(st, 12);
	a->partners = sp_col_text(st, 13);
	a->audience = sp_col_text(st, 14);
	a->year_start = sqlite3_column_int(st, 15);
	a->year_end = sqlite3_column_int(st, 16);
	a->progress = (enum progress)sqlite3_column_int(st, 17);
	a->comments = sp_col_text(st, 18);
	a->perspectives = sp_col_text(st, 19);
	a->added = sqlite3_column_int(st, 20);
	a->added_reason = sp_col_text(st, 21);
	a->cancelled = sqlite3_column_int(st, 22);
	a->cancelled_reason = sp_col_text(st, 23);
	a->cancelled_year = sqlite3_column_int(st, 24);
	a->good_practice = sqlite3_column_int(st, 25);
	a->created_at = sp_col_text(st, 26);
	a->updated_at = sp_col_text(st, 27);
	a->updated_by = sp_col_text(st, 28);
	a->texts_updated_at = sp_col_text(st, 29);
}

/* Loads the indicators of a (live when snapshot_id is 0). st_ind and
 * st_val are prepared by the caller so that a long list reuses them. */
int sp_read_indicators(struct store *s, sqlite3_stmt *st_ind,
    sqlite3_stmt *st_val, int64_t snapshot_id, struct action *a,
    struct err *e)
{
	int rc = 0;

	sqlite3_reset(st_ind);
	sqlite3_clear_bindings(st_ind);
	sqlite3_bind_int64(st_ind, 1, a->id);
	if (snapshot_id)
		sqlite3_bind_int64(st_ind, 2, snapshot_id);
	while ((rc = sqlite3_step(st_ind)) == SQLITE_ROW) {
		struct indicator *ind;
		void *np = realloc(a->indicators,
		    (a->n_indicators + 1) * sizeof *a->indicators);

		if (!np)
			return err_set(e, ERR_NOMEM, "mémoire insuffisante");
		a->indicators = np;
		ind = &a->indicators[a->n_indicators++];
		memset(ind, 0, sizeof *ind);
		ind->id = sqlite3_column_int64(st_ind, 0);
		ind->action_id = a->id;
		ind->position = sqlite3_column_int(st_ind, 1);
		ind->label = sp_col_text(st_ind, 2);
		ind->unit = sp_col_text(st_ind, 3);
		ind->baseline = sp_col_text(st_ind, 4);
		ind->target = sp_col_text(st_ind, 5);
		ind->communicate = sqlite3_column_int(st_ind, 6);
		sqlite3_reset(st_val);
		sqlite3_clear_bindings(st_val);
		sqlite3_bind_int64(st_val, 1, ind->id);
		if (snapshot_id)
			sqlite3_bind_int64(st_val, 2, snapshot_id);
		while (sqlite3_step(st_val) == SQLITE_ROW) {
			const unsigned char *v = sqlite3_column_text(st_val, 1);
			const unsigned char *c = sqlite3_column_text(st_val, 2);

			if (indicator_set_value(ind,
			    sqlite3_column_int(st_val, 0), (const char *)v,
			    (const char *)c))
				return err_set(e, ERR_NOMEM,
				    "mémoire insuffisante");
		}
	}
	if (rc != SQLITE_DONE)
		return sp_db_err(s, e, "lecture des indicateurs");
	return 0;
}

static const char sql_ind_live[] = "SELECT id, position, label, unit, "
    "baseline, target, communicate FROM indicator WHERE action_id = ?1 "
    "ORDER BY position, id";
static const char sql_val_live[] = "SELECT year, value, comment FROM "
    "indicator_value WHERE indicator_id = ?1 ORDER BY year";
static const char sql_ind_snap[] = "SELECT id, position, label, unit, "
    "baseline, target, communicate FROM snapshot_indicator WHERE "
    "action_id = ?1 AND snapshot_id = ?2 ORDER BY position, id";
static const char sql_val_snap[] = "SELECT year, value, comment FROM "
    "snapshot_indicator_value WHERE indicator_id = ?1 AND "
    "snapshot_id = ?2 ORDER BY year";

/* The filter is written once, with every condition switched by its own
 * bound parameter, so that no SQL text depends on the data. */
#define FILTER_WHERE \
	" WHERE mandate_id = :m" \
	" AND (:eng = 0 OR engagement = :eng)" \
	" AND (:prog < 0 OR progress = :prog)" \
	" AND (:pilot IS NULL OR instr(suivi_fold(pilots), :pilot) > 0)" \
	" AND (:prio = 0 OR priority = 1)" \
	" AND (:canc < 0 OR cancelled = :canc)" \
	" AND (:added = 0 OR added = 1)" \
	" AND (:stale = 0 OR updated_at IS NULL OR updated_at < (SELECT " \
	"max(done_at) FROM review WHERE mandate_id = :m AND done = 1))" \
	" AND (:q IS NULL OR id IN (SELECT rowid FROM action_fts WHERE " \
	"action_fts MATCH :q))"

static const char sql_list_full[] = "SELECT " ACTION_COLS " FROM action"
    FILTER_WHERE " ORDER BY engagement, sort_key";
static const char sql_list_summary[] = "SELECT " ACTION_COLS_SUMMARY
    " FROM action" FILTER_WHERE " ORDER BY engagement, sort_key";
static const char sql_count[] = "SELECT count(*) FROM action" FILTER_WHERE;

int sp_step_actions(struct store *s, sqlite3_stmt *st, int64_t snapshot_id,
    int with_indicators,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e)
{
	sqlite3_stmt *si = NULL, *sv = NULL;
	struct action a;
	int rc = 0, step;

	if (with_indicators && ((rc = sp_prep(s, snapshot_id ? sql_ind_snap :
	    sql_ind_live, &si, e)) || (rc = sp_prep(s, snapshot_id ?
	    sql_val_snap : sql_val_live, &sv, e))))
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sp_read_action(st, &a);
		if (with_indicators)
			rc = sp_read_indicators(s, si, sv, snapshot_id, &a, e);
		if (!rc)
			rc = fn(ctx, &a, e);
		action_clear(&a);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "lecture des actions");
out:
	sqlite3_finalize(si);
	sqlite3_finalize(sv);
	return rc;
}

void store_filter_init(struct action_filter *f)
{
	memset(f, 0, sizeof *f);
	f->progress = -1;
	f->cancelled = -1;
}

/* Turns what the user typed into an FTS5 query: each word becomes a
 * quoted prefix term, so that no FTS syntax is interpreted. */
char *sp_fts_query(const char *q)
{
	struct strbuf sb = {0};
	const char *p = q;

	while (*p) {
		const char *w;

		while (*p && (unsigned char)*p <= ' ')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && (unsigned char)*p > ' ')
			p++;
		if (sb.len)
			sb_append_c(&sb, ' ');
		sb_append_c(&sb, '"');
		for (; w < p; w++) {
			if (*w == '"')
				sb_append_c(&sb, '"');
			sb_append_c(&sb, *w);
		}
		sb_append(&sb, "\"*");
	}
	return sb.len ? sb_steal(&sb) : (sb_free(&sb), NULL);
}

static int bind_filter(sqlite3_stmt *st, int64_t mandate_id,
    const struct action_filter *f, char **fold_pilot, char **q)
{
	struct action_filter all;

	if (!f) {
		store_filter_init(&all);
		f = &all;
	}
	*fold_pilot = NULL;
	*q = NULL;
	if (!str_empty(f->pilot) && !(*fold_pilot = text_fold(f->pilot)))
		return ERR_NOMEM;
	if (!str_empty(f->search))
		*q = sp_fts_query(f->search);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":m"),
	    mandate_id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":eng"),
	    f->engagement);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":prog"),
	    f->progress);
	sp_bind_text(st, sqlite3_bind_parameter_index(st, ":pilot"), *fold_pilot);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":prio"),
	    f->priority_only);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":canc"),
	    f->cancelled);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":added"),
	    f->added_only);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":stale"),
	    f->stale_only);
	sp_bind_text(st, sqlite3_bind_parameter_index(st, ":q"), *q);
	return 0;
}

int store_each_action(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *pilot = NULL, *q = NULL;
	int rc;

	if ((rc = sp_prep(s, load == STORE_LOAD_FULL ? sql_list_full :
	    sql_list_summary, &st, e)))
		return rc;
	if (bind_filter(st, mandate_id, f, &pilot, &q))
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
	else
		rc = sp_step_actions(s, st, 0, load == STORE_LOAD_FULL, fn, ctx,
		    e);
	sqlite3_finalize(st);
	free(pilot);
	free(q);
	return rc;
}

struct collect {
	struct action *v;
	size_t n, cap;
};

static int collect_fn(void *ctx, const struct action *a, struct err *e)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		void *np = realloc(c->v, cap * sizeof *c->v);

		if (!np)
			return err_set(e, ERR_NOMEM, "mémoire insuffisante");
		c->v = np;
		c->cap = cap;
	}
	if (action_copy(&c->v[c->n], a))
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	c->n++;
	return 0;
}

int store_list_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    struct action **out, size_t *n, struct err *e)
{
	struct collect c = {0};
	int rc = store_each_action(s, mandate_id, f, load, collect_fn, &c, e);

	if (rc) {
		while (c.n)
			action_clear(&c.v[--c.n]);
		free(c.v);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return 0;
}

int store_count_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	char *pilot = NULL, *q = NULL;
	int rc;

	if ((rc = sp_prep(s, sql_count, &st, e)))
		return rc;
	if (bind_filter(st, mandate_id, f, &pilot, &q))
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
	else if (sqlite3_step(st) == SQLITE_ROW)
		*n = (size_t)sqlite3_column_int64(st, 0);
	else
		rc = sp_db_err(s, e, "comptage des actions");
	sqlite3_finalize(st);
	free(pilot);
	free(q);
	return rc;
}

static int get_action(struct store *s, const char *sql, int64_t mandate_id,
    int64_t id, const char *ref, struct action **out, struct err *e)
{
	sqlite3_stmt *st = NULL, *si = NULL, *sv = NULL;
	struct action *a = NULL;
	int rc;

	if ((rc = sp_cprep(s, sql, &st, e)))
		return rc;
	if (ref) {
		sqlite3_bind_int64(st, 1, mandate_id);
		sp_bind_text(st, 2, ref);
	} else {
		sqlite3_bind_int64(st, 1, id);
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		if (ref)
			rc = err_set(e, ERR_NOTFOUND,
			    "action « %s » introuvable dans ce mandat", ref);
		else
			rc = err_set(e, ERR_NOTFOUND,
			    "action introuvable (supprimée entre-temps ?)");
		goto out;
	}
	if (!(a = action_new())) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	sp_read_action(st, a);
	if ((rc = sp_cprep(s, sql_ind_live, &si, e)) ||
	    (rc = sp_cprep(s, sql_val_live, &sv, e)) ||
	    (rc = sp_read_indicators(s, si, sv, 0, a, e)))
		goto out;
out:
	sp_release(s, st);
	sp_release(s, si);
	sp_release(s, sv);
	if (rc)
		action_free(&a);
	else
		*out = a;
	return rc;
}

int store_get_action(struct store *s, int64_t id, struct action **out,
    struct err *e)
{
	return get_action(s, "SELECT " ACTION_COLS " FROM action WHERE id = ?",
	    0, id, NULL, out, e);
}

int store_get_action_by_ref(struct store *s, int64_t mandate_id,
    const char *ref, struct action **out, struct err *e)
{
	return get_action(s, "SELECT " ACTION_COLS " FROM action WHERE "
	    "mandate_id = ? AND ref = ?", mandate_id, 0, ref ? ref : "", out,
	    e);
}

/* ---- Actions: writing ---- */

/* Binds every column of a except id, in ACTION_COLS order from 2. */
static int bind_action(sqlite3_stmt *st, const struct action *a)
{
	char *key = ref_sort_key(a->ref);

	if (!key)
		return ERR_NOMEM;
	sqlite3_bind_int64(st, 1, a->mandate_id);
	sqlite3_bind_int64(st, 2, a->version);
	sp_bind_int_or_null(st, 3, a->origin_id);
	sp_bind_text(st, 4, a->ref);
	sqlite3_bind_text(st, 5, key, -1, free);
	sqlite3_bind_int(st, 6, a->engagement);
	sp_bind_text(st, 7, a->recommendation);
	sp_bind_text(st, 8, a->designation);
	sqlite3_bind_int(st, 9, a->priority);
	sp_bind_text(st, 10, a->priority_code);
	sp_bind_text(st, 11, a->description);
	sp_bind_text(st, 12, a->pilots);
	sp_bind_text(st, 13, a->elected);
	sp_bind_text(st, 14, a->partners);
	sp_bind_text(st, 15, a->audience);
	sp_bind_int_or_null(st, 16, a->year_start);
	sp_bind_int_or_null(st, 17, a->year_end);
	sqlite3_bind_int(st, 18, (int)a->progress);
	sp_bind_text(st, 19, a->comments);
	sp_bind_text(st, 20, a->perspectives);
	sqlite3_bind_int(st, 21, a->added);
	sp_bind_text(st, 22, a->added_reason);
	sqlite3_bind_int(st, 23, a->cancelled);
	sp_bind_text(st, 24, a->cancelled_reason);
	sp_bind_int_or_null(st, 25, a->cancelled_year);
	sqlite3_bind_int(st, 26, a->good_practice);
	sp_bind_text(st, 27, a->created_at);
	sp_bind_text(st, 28, a->updated_at);
	sp_bind_text(st, 29, a->updated_by);
	sp_bind_text(st, 30, a->texts_updated_at);
	return 0;
}

static const char sql_insert_action[] = "INSERT INTO action (mandate_id, "
    "version, origin_id, ref, sort_key, engagement, recommendation, "
    "designation, priority, priority_code, description, pilots, elected, "
    "partners, audience, year_start, year_end, progress, comments, "
    "perspectives, added, added_reason, cancelled, cancelled_reason, "
    "cancelled_year, good_practice, created_at, updated_at, updated_by, "
    "texts_updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
    "?25, ?26, ?27, ?28, ?29, ?30)";

static const char sql_update_action[] = "UPDATE action SET mandate_id = ?1, "
    "version = ?2, origin_id = ?3, ref = ?4, sort_key = ?5, "
    "engagement = ?6, recommendation = ?7, designation = ?8, "
    "priority = ?9, priority_code = ?10, description = ?11, pilots = ?12, "
    "elected = ?13, partners = ?14, audience = ?15, year_start = ?16, "
    "year_end = ?17, progress = ?18, comments = ?19, perspectives = ?20, "
    "added = ?21, added_reason = ?22, cancelled = ?23, "
    "cancelled_reason = ?24, cancelled_year = ?25, good_practice = ?26, "
    "created_at = ?27, updated_at = ?28, updated_by = ?29, "
    "texts_updated_at = ?30 WHERE id = ?31";

static int write_action(struct store *s, const struct action *a,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, sql_update_action, &st, e)))
		return rc;
	if (bind_action(st, a)) {
		sp_release(s, st);
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	}
	sqlite3_bind_int64(st, 31, a->id);
	rc = sp_exec1(s, st, "enregistrement de l'action", e);
	sp_release(s, st);
	if (rc && e && strstr(e->msg, "UNIQUE"))
		rc = err_set(e, ERR_INVALID,
		    "le N° %s est déjà utilisé dans ce mandat", a->ref);
	return rc;
}

static int has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, "SELECT count(*) FROM snapshot WHERE mandate_id = ? "
	    "AND kind = 'initial' AND current = 1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*has = sqlite3_column_int(st, 0) > 0;
	else
		rc = sp_db_err(s, e, "plan initial");
	sp_release(s, st);
	return rc;
}

int store_has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e)
{
	return has_initial(s, mandate_id, has, e);
}

static int check_engagement(struct store *s, int64_t mandate_id,
    const struct action *a, struct err *e)
{
	sqlite3_stmt *st;
	int rc, ok = 0;

	if ((rc = sp_cprep(s, "SELECT count(*) FROM ref_engagement r JOIN mandate m "
	    "ON m.referential_id = r.referential_id WHERE m.id = ? AND "
	    "r.number = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, a->engagement);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0) > 0;
	sp_release(s, st);
	if (!ok)
		return err_set(e, ERR_INVALID,
		    "engagement %d inconnu dans le référentiel du mandat",
		    a->engagement);
	if (str_empty(a->recommendation))
		return 0;
	if ((rc = sp_cprep(s, "SELECT r.engagement FROM ref_recommendation r JOIN "
	    "mandate m ON m.referential_id = r.referential_id WHERE m.id = ? "
	    "AND r.code = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, a->recommendation);
	ok = sqlite3_step(st) == SQLITE_ROW;
	sp_release(s, st);
	if (!ok)
		return err_set(e, ERR_INVALID,
		    "recommandation « %s » inconnue dans le référentiel du "
		    "mandat", a->recommendation);
	return 0;
}

static int next_ref(struct store *s, int64_t mandate_id, int engagement,
    char **out, struct err *e)
{
	sqlite3_stmt *st;
	char prefix[16], buf[64];
	long max = 0;
	int rc;

	snprintf(prefix, sizeof prefix, "%d.", engagement);
	if ((rc = sp_cprep(s, "SELECT ref FROM action WHERE mandate_id = ? AND "
	    "substr(ref, 1, length(?2)) = ?2", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, prefix);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		char *end;
		long n = strtol(r + strlen(prefix), &end, 10);

		if (!*end && n > max)
			max = n;
	}
	sp_release(s, st);
	snprintf(buf, sizeof buf, "%s%ld", prefix, max + 1);
	if (!(*out = xstrdup(buf)))
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	return 0;
}

static int journal_action_fields(struct store *s, const struct action *old,
    const struct action *new, int is_undo, struct err *e)
{
	struct strbuf a = {0}, b = {0};
	int f, rc = 0;

	for (f = 0; f < F_COUNT && !rc; f++) {
		if (action_fields[f].type == FIELD_DERIVED)
			continue;
		if (action_field_get(old, (enum field_id)f, 1, &a) ||
		    action_field_get(new, (enum field_id)f, 1, &b)) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			break;
		}
		if (strcmp(sb_str(&a), sb_str(&b)) == 0)
			continue;
		rc = sp_journal_add(s, new->mandate_id, "action", new->id,
		    new->ref, action_fields[f].name, a.len ? sb_str(&a) : NULL,
		    b.len ? sb_str(&b) : NULL, is_undo, e);
	}
	sb_free(&a);
	sb_free(&b);
	return rc;
}

static int texts_changed(const struct action *a, const struct action *b)
{
	return !str_eq(a->description, b->description) ||
	    !str_eq(a->comments, b->comments) ||
	    !str_eq(a->perspectives, b->perspectives);
}

int store_add_action(struct store *s, int64_t mandate_id, struct action *a,
    struct err *e)
{
	struct mandate m = {0};
	sqlite3_stmt *st = NULL;
	char at[32];
	char *ref = NULL;
	int rc, initial = 0;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	a->mandate_id = mandate_id;
	if ((rc = action_validate(a, e)) ||
	    (rc = check_engagement(s, mandate_id, a, e)) ||
	    (rc = has_initial(s, mandate_id, &initial, e)))
		goto out;
	if (initial && !a->added)
		a->added = 1;
	if (initial && str_empty(a->added_reason)) {
		rc = err_set(e, ERR_INVALID,
		    "le plan initial est figé : cette action sera marquée "
		    "« Action supplémentaire au plan d'action initial » ; "
		    "indiquez pourquoi elle est ajoutée (added_reason=…)");
		goto out;
	}
	if (str_empty(a->ref)) {
		if ((rc = next_ref(s, mandate_id, a->engagement, &ref, e)))
			goto out;
		free(a->ref);
		a->ref = ref;
	}
	sp_now_str(at, sizeof at);
	a->version = 1;
	if (str_replace(&a->created_at, at) ||
	    str_replace(&a->updated_at, at) ||
	    str_replace(&a->updated_by, user_login()) ||
	    (!a->texts_updated_at &&
	    (a->description || a->comments || a->perspectives) &&
	    str_replace(&a->texts_updated_at, at))) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	if ((rc = sp_cprep(s, sql_insert_action, &st, e)))
		goto out;
	if (bind_action(st, a)) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	rc = sp_exec1(s, st, "création de l'action", e);
	if (rc) {
		if (e && strstr(e->msg, "UNIQUE"))
			rc = err_set(e, ERR_INVALID,
			    "le N° %s est déjà utilisé dans ce mandat", a->ref);
		goto out;
	}
	a->id = sqlite3_last_insert_rowid(s->db);
	if (!s->created_from)
		s->created_from = a->id;
	rc = sp_journal_add(s, mandate_id, "action", a->id, a->ref, "*creation*",
	    NULL, a->designation, 0, e);
out:
	sp_release(s, st);
	mandate_clear(&m);
	rc = sp_tx_end(s, rc, e);
	if (rc)
		a->id = 0;
	return rc;
}

/* Length of at most max bytes of s that ends on a character boundary
 * (for "%.*s" in messages). */
static int clip_len(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* A renumbered action (a->ref) must not take the N° of another action of
 * its mandate: the refusal names that action and a free N°. */
static int check_ref_free(struct store *s, const struct action *old,
    const struct action *a, struct err *e)
{
	sqlite3_stmt *st;
	char *holder = NULL, *free_ref = NULL;
	int rc, taken = 0;

	if ((rc = sp_prep(s, "SELECT designation FROM action WHERE "
	    "mandate_id = ? AND ref = ? AND id <> ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, old->mandate_id);
	sp_bind_text(st, 2, a->ref);
	sqlite3_bind_int64(st, 3, old->id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		taken = 1;
		holder = sp_col_text(st, 0);
	}
	sqlite3_finalize(st);
	if (!taken)
		return 0;
	if ((rc = next_ref(s, old->mandate_id, a->engagement, &free_ref, e))) {
		free(holder);
		return rc;
	}
	rc = err_set(e, ERR_INVALID, "le N° %s est déjà celui de l'action "
	    "« %.*s%s » dans ce mandat : choisissez un N° libre (%s par "
	    "exemple)", a->ref, clip_len(holder, 60), holder ? holder : "",
	    clip_len(holder, 60) < (int)(holder ? strlen(holder) : 0) ? "…" :
	    "", free_ref);
	free(holder);
	free(free_ref);
	return rc;
}

int store_update_action(struct store *s, struct action *a, struct err *e)
{
	struct action *old = NULL;
	struct action upd;
	char at[32];
	int rc;

	memset(&upd, 0, sizeof upd);
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = store_get_action(s, a->id, &old, e)))
		goto out;
	if (old->version != a->version) {
		rc = err_set(e, ERR_CONFLICT,
		    "action %s : modifiée par %s le %s depuis votre lecture",
		    old->ref, old->updated_by ? old->updated_by : "?",
		    fr_datetime(old->updated_at,
		    (char[FR_DATE_LEN]){0}, FR_DATE_LEN));
		goto out;
	}
	if ((rc = action_check_update(old, a, e)))
		goto out;
	if (!str_eq(a->ref, old->ref) && (rc = check_ref_free(s, old, a, e)))
		goto out;
	if (a->engagement != old->engagement || !str_eq(a->recommendation,
	    old->recommendation)) {
		if ((rc = check_engagement(s, old->mandate_id, a, e)))
			goto out;
	}
	if ((rc = action_copy(&upd, a))) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	/* Fields the caller does not own come from the stored row. */
	upd.mandate_id = old->mandate_id;
	upd.version = old->version + 1;
	sp_now_str(at, sizeof at);
	if (str_replace(&upd.created_at, old->created_at) ||
	    str_replace(&upd.updated_at, at) ||
	    str_replace(&upd.updated_by, user_login()) ||
	    str_replace(&upd.texts_updated_at, texts_changed(old, a) ? at :
	    old->texts_updated_at)) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	if ((rc = journal_action_fields(s, old, &upd, 0, e)))
		goto out;
	if ((rc = write_action(s, &upd, e)))
		goto out;
	a->version = upd.version;
	if (str_replace(&a->updated_at, upd.updated_at) ||
	    str_replace(&a->updated_by, upd.updated_by) ||
	    str_replace(&a->texts_updated_at, upd.texts_updated_at))
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
out:
	action_free(&old);
	action_clear(&upd);
	return sp_tx_end(s, rc, e);
}

/* ---- Indicators ---- */

static int ind_check(const struct indicator *ind, struct err *e)
{
	const char *v[] = { ind->label, ind->unit, ind->baseline, ind->target };
	size_t i;

	if (str_empty(ind->label))
		return err_set(e, ERR_INVALID,
		    "le libellé de l'indicateur est obligatoire");
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i] && (!utf8_valid(v[i], strlen(v[i])) ||
		    utf8_len(v[i]) > MODEL_MAX_SHORT))
			return err_set(e, ERR_INVALID,
			    "indicateur : texte invalide ou trop long");
	for (i = 0; i < ind->n_values; i++) {
		const struct indicator_value *iv = &ind->values[i];

		if (iv->year < MODEL_YEAR_MIN || iv->year > MODEL_YEAR_MAX)
			return err_set(e, ERR_INVALID,
			    "indicateur : année %d invalide", iv->year);
		if ((iv->value && (!utf8_valid(iv->value, strlen(iv->value)) ||
		    utf8_len(iv->value) > MODEL_MAX_SHORT)) ||
		    (iv->comment && (!utf8_valid(iv->comment,
		    strlen(iv->comment)) ||
		    utf8_len(iv->comment) > MODEL_MAX_TEXT)))
			return err_set(e, ERR_INVALID,
			    "indicateur : valeur %d invalide ou trop longue",
			    iv->year);
	}
	return 0;
}

static int action_ref_of(struct store *s, int64_t action_id, char **ref,
    int64_t *mandate_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, "SELECT ref, mandate_id FROM action WHERE id = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, action_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*ref = sp_col_text(st, 0);
		*mandate_id = sqlite3_column_int64(st, 1);
	} else {
		rc = err_set(e, ERR_NOTFOUND, "action introuvable");
	}
	sp_release(s, st);
	return rc;
}

static int bump_action(struct store *s, int64_t action_id, struct err *e)
{
	sqlite3_stmt *st;
	char at[32];
	int rc;

	/* Other connections see only the committed transaction: one new
	 * version per transaction tells them the action changed. */
	if (s->bumped == action_id || (s->created_from &&
	    action_id >= s->created_from))
		return 0;
	sp_now_str(at, sizeof at);
	if ((rc = sp_cprep(s, "UPDATE action SET version = version + 1, "
	    "updated_at = ?, updated_by = ? WHERE id = ?", &st, e)))
		return rc;
	sp_bind_text(st, 1, at);
	sp_bind_text(st, 2, user_login());
	sqlite3_bind_int64(st, 3, action_id);
	rc = sp_exec1(s, st, "action", e);
	sp_release(s, st);
	if (!rc)
		s->bumped = action_id;
	return rc;
}

static int write_values(struct store *s, const struct indicator *ind,
    const struct indicator *old, int64_t mandate_id, const char *ref,
    struct err *e)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	size_t i;
	int rc;

	if ((rc = sp_cprep(s, "DELETE FROM indicator_value WHERE indicator_id = ?",
	    &del, e)) ||
	    (rc = sp_cprep(s, "INSERT INTO indicator_value (indicator_id, year, "
	    "value, comment) VALUES (?, ?, ?, ?)", &ins, e)))
		goto out;
	sqlite3_bind_int64(del, 1, ind->id);
	if ((rc = sp_exec1(s, del, "indicateur", e)))
		goto out;
	for (i = 0; i < ind->n_values && !rc; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, ind->id);
		sqlite3_bind_int(ins, 2, ind->values[i].year);
		sp_bind_text(ins, 3, ind->values[i].value);
		sp_bind_text(ins, 4, ind->values[i].comment);
		rc = sp_exec1(s, ins, "indicateur", e);
	}
	/* Journal each year whose value or comment changed. A new indicator
	 * has one "*creation*" entry, like a new action: its values are
	 * visible on it, and undoing the creation deletes them with it. */
	for (i = 0; old && i < ind->n_values && !rc; i++) {
		const struct indicator_value *nv = &ind->values[i];
		const struct indicator_value *ov = old ?
		    indicator_value_for(old, nv->year) : NULL;
		char field[32];

		snprintf(field, sizeof field, "valeur %d", nv->year);
		if (!ov || !str_eq(ov->value, nv->value))
			rc = sp_journal_add(s, mandate_id, "indicateur", ind->id,
			    ref, field, ov ? ov->value : NULL, nv->value, 0, e);
		snprintf(field, sizeof field, "commentaire %d", nv->year);
		if (!rc && (!ov || !str_eq(ov->comment, nv->comment)) &&
		    (nv->comment || (ov && ov->comment)))
			rc = sp_journal_add(s, mandate_id, "indicateur", ind->id,
			    ref, field, ov ? ov->comment : NULL, nv->comment,
			    0, e);
	}
	for (i = 0; old && i < old->n_values && !rc; i++) {
		char field[32];

		if (indicator_value_for(ind, old->values[i].year))
			continue;
		snprintf(field, sizeof field, "valeur %d",
		    old->values[i].year);
		rc = sp_journal_add(s, mandate_id, "indicateur", ind->id, ref,
		    field, old->values[i].value, NULL, 0, e);
		snprintf(field, sizeof field, "commentaire %d",
		    old->values[i].year);
		if (!rc && old->values[i].comment)
			rc = sp_journal_add(s, mandate_id, "indicateur", ind->id,
			    ref, field, old->values[i].comment, NULL, 0, e);
	}
out:
	sp_release(s, del);
	sp_release(s, ins);
	return rc;
}

int store_add_indicator(struct store *s, struct indicator *ind,
    struct err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t mandate_id = 0;
	char *ref = NULL;
	int rc;

	if ((rc = ind_check(ind, e)))
		return rc;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = action_ref_of(s, ind->action_id, &ref, &mandate_id, e)))
		goto out;
	if ((rc = sp_cprep(s, "INSERT INTO indicator (action_id, position, label, "
	    "unit, baseline, target, communicate) VALUES (?, (SELECT "
	    "coalesce(max(position), 0) + 1 FROM indicator WHERE action_id = "
	    "?1), ?, ?, ?, ?, ?)", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, ind->action_id);
	sp_bind_text(st, 2, ind->label);
	sp_bind_text(st, 3, ind->unit);
	sp_bind_text(st, 4, ind->baseline);
	sp_bind_text(st, 5, ind->target);
	sqlite3_bind_int(st, 6, ind->communicate);
	if ((rc = sp_exec1(s, st, "création de l'indicateur", e)))
		goto out;
	ind->id = sqlite3_last_insert_rowid(s->db);
	if ((rc = sp_journal_add(s, mandate_id, "indicateur", ind->id, ref,
	    "*creation*", NULL, ind->label, 0, e)) ||
	    (rc = write_values(s, ind, NULL, mandate_id, ref, e)) ||
	    (rc = bump_action(s, ind->action_id, e)))
		goto out;
out:
	sp_release(s, st);
	free(ref);
	rc = sp_tx_end(s, rc, e);
	if (rc)
		ind->id = 0;
	return rc;
}

static int get_indicator(struct store *s, int64_t id, struct indicator *out,
    struct err *e)
{
	sqlite3_stmt *st = NULL, *sv = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = sp_cprep(s, "SELECT action_id, position, label, unit, baseline, "
	    "target, communicate FROM indicator WHERE id = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = err_set(e, ERR_NOTFOUND, "indicateur introuvable");
		goto out;
	}
	out->id = id;
	out->action_id = sqlite3_column_int64(st, 0);
	out->position = sqlite3_column_int(st, 1);
	out->label = sp_col_text(st, 2);
	out->unit = sp_col_text(st, 3);
	out->baseline = sp_col_text(st, 4);
	out->target = sp_col_text(st, 5);
	out->communicate = sqlite3_column_int(st, 6);
	if ((rc = sp_cprep(s, sql_val_live, &sv, e)))
		goto out;
	sqlite3_bind_int64(sv, 1, id);
	while (sqlite3_step(sv) == SQLITE_ROW)
		if (indicator_set_value(out, sqlite3_column_int(sv, 0),
		    (const char *)sqlite3_column_text(sv, 1),
		    (const char *)sqlite3_column_text(sv, 2))) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			break;
		}
out:
	sp_release(s, st);
	sp_release(s, sv);
	if (rc)
		indicator_clear(out);
	return rc;
}

int store_update_indicator(struct store *s, const struct indicator *ind,
    struct err *e)
{
	struct indicator old;
	sqlite3_stmt *st = NULL;
	int64_t mandate_id = 0;
	char *ref = NULL;
	int rc;

	memset(&old, 0, sizeof old);
	if ((rc = ind_check(ind, e)))
		return rc;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = get_indicator(s, ind->id, &old, e)) ||
	    (rc = action_ref_of(s, old.action_id, &ref, &mandate_id, e)))
		goto out;
	if ((rc = sp_prep(s, "UPDATE indicator SET label = ?, unit = ?, "
	    "baseline = ?, target = ?, communicate = ? WHERE id = ?", &st, e)))
		goto out;
	sp_bind_text(st, 1, ind->label);
	sp_bind_text(st, 2, str_empty(ind->unit) ? NULL : ind->unit);
	sp_bind_text(st, 3, str_empty(ind->baseline) ? NULL : ind->baseline);
	sp_bind_text(st, 4, str_empty(ind->target) ? NULL : ind->target);
	sqlite3_bind_int(st, 5, ind->communicate);
	sqlite3_bind_int64(st, 6, ind->id);
	if ((rc = sp_exec1(s, st, "indicateur", e)))
		goto out;
	{
		const char *names[] = { "libelle", "unite", "reference",
		    "cible" };
		const char *ov[] = { old.label, old.unit, old.baseline,
		    old.target };
		const char *nv[] = { ind->label, ind->unit, ind->baseline,
		    ind->target };
		size_t i;

		for (i = 0; i < 4 && !rc; i++)
			if (!str_eq(ov[i], nv[i]))
				rc = sp_journal_add(s, mandate_id, "indicateur",
				    ind->id, ref, names[i], ov[i],
				    str_empty(nv[i]) ? NULL : nv[i], 0, e);
		if (!rc && old.communicate != ind->communicate)
			rc = sp_journal_add(s, mandate_id, "indicateur", ind->id,
			    ref, "communiquer", old.communicate ? "1" : "0",
			    ind->communicate ? "1" : "0", 0, e);
	}
	if (!rc)
		rc = write_values(s, ind, &old, mandate_id, ref, e);
	if (!rc)
		rc = bump_action(s, old.action_id, e);
out:
	sqlite3_finalize(st);
	indicator_clear(&old);
	free(ref);
	return sp_tx_end(s, rc, e);
}

int store_delete_indicator(struct store *s, int64_t id, struct err *e)
{
	struct indicator old;
	sqlite3_stmt *st = NULL;
	int64_t mandate_id = 0;
	char *ref = NULL;
	int rc;

	memset(&old, 0, sizeof old);
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = get_indicator(s, id, &old, e)) ||
	    (rc = action_ref_of(s, old.action_id, &ref, &mandate_id, e)))
		goto out;
	if ((rc = sp_prep(s, "DELETE FROM indicator WHERE id = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sp_exec1(s, st, "suppression de l'indicateur", e)))
		goto out;
	/* Everything needed to restore it on undo: the marker first (undo
	 * walks the txn backwards and restores on reaching it), then each
	 * value as old -> NULL. */
	{
		char aid[32], pos[16], field[32];
		const char *names[] = { "unite", "reference", "cible" };
		const char *vals[] = { old.unit, old.baseline, old.target };
		size_t i;

		snprintf(aid, sizeof aid, "%lld", (long long)old.action_id);
		snprintf(pos, sizeof pos, "%d", old.position);
		rc = sp_journal_add(s, mandate_id, "indicateur", id, ref,
		    "*suppression*", old.label, aid, 0, e);
		if (!rc)
			rc = sp_journal_add(s, mandate_id, "indicateur", id, ref,
			    "position", pos, NULL, 0, e);
		for (i = 0; i < 3 && !rc; i++)
			if (vals[i])
				rc = sp_journal_add(s, mandate_id, "indicateur",
				    id, ref, names[i], vals[i], NULL, 0, e);
		if (!rc && old.communicate)
			rc = sp_journal_add(s, mandate_id, "indicateur", id,
			    ref, "communiquer", "1", NULL, 0, e);
		for (i = 0; i < old.n_values && !rc; i++) {
			snprintf(field, sizeof field, "valeur %d",
			    old.values[i].year);
			if (old.values[i].value)
				rc = sp_journal_add(s, mandate_id, "indicateur",
				    id, ref, field, old.values[i].value, NULL, 0,
				    e);
			snprintf(field, sizeof field, "commentaire %d",
			    old.values[i].year);
			if (!rc && old.values[i].comment)
				rc = sp_journal_add(s, mandate_id, "indicateur",
				    id, ref, field, old.values[i].comment, NULL,
				    0, e);
		}
	}
	if (!rc)
		rc = bump_action(s, old.action_id, e);
out:
	sqlite3_finalize(st);
	indicator_clear(&old);
	free(ref);
	return sp_tx_end(s, rc, e);
}

/* ---- Yearly reviews ---- */

static int get_mandate_by_id(struct store *s, int64_t id, struct mandate *m,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate WHERE id = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		read_mandate(st, m);
	else
		rc = err_set(e, ERR_NOTFOUND, "mandat introuvable");
	sqlite3_finalize(st);
	return rc;
}

/* Reviews from the live table or a snapshot (snapshot_id > 0), one per
 * year of the mandate. */
int sp_read_reviews(struct store *s, const struct mandate *m,
    int64_t snapshot_id, struct review **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct review *v;
	size_t nv, i;
	int rc;

	nv = (size_t)(m->year_last - m->year_first + 1);
	v = calloc(nv, sizeof *v);
	if (!v)
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	for (i = 0; i < nv; i++)
		v[i].year = m->year_first + (int)i;
	if (snapshot_id)
		rc = sp_prep(s, "SELECT year, done, done_at, done_by, comments, 0 "
		    "FROM snapshot_review WHERE snapshot_id = ?", &st, e);
	else
		rc = sp_prep(s, "SELECT year, done, done_at, done_by, comments, "
		    "snapshot_id FROM review WHERE mandate_id = ?", &st, e);
	if (rc)
		goto out;
	sqlite3_bind_int64(st, 1, snapshot_id ? snapshot_id : m->id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0);
		struct review *r;

		if (y < m->year_first || y > m->year_last)
			continue;
		r = &v[y - m->year_first];
		r->done = sqlite3_column_int(st, 1);
		r->done_at = sp_col_text(st, 2);
		r->done_by = sp_col_text(st, 3);
		r->comments = sp_col_text(st, 4);
		r->snapshot_id = sqlite3_column_int64(st, 5);
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		for (i = 0; i < nv; i++)
			review_clear(&v[i]);
		free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

int store_list_reviews(struct store *s, int64_t mandate_id,
    struct review **out, size_t *n, struct err *e)
{
	struct mandate m = {0};
	int rc;

	if ((rc = get_mandate_by_id(s, mandate_id, &m, e)))
		return rc;
	rc = sp_read_reviews(s, &m, 0, out, n, e);
	mandate_clear(&m);
	return rc;
}

static int check_year(struct store *s, int64_t mandate_id, int year,
    struct err *e)
{
	struct mandate m = {0};
	int rc;

	if ((rc = get_mandate_by_id(s, mandate_id, &m, e)))
		return rc;
	if (year < m.year_first || year > m.year_last)
		rc = err_set(e, ERR_INVALID,
		    "l'année %d est hors du mandat %s", year, m.label);
	mandate_clear(&m);
	return rc;
}

static int ensure_review(struct store *s, int64_t mandate_id, int year,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "INSERT OR IGNORE INTO review (mandate_id, year) "
	    "VALUES (?, ?)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, year);
	rc = sp_exec1(s, st, "bilan annuel", e);
	sqlite3_finalize(st);
	return rc;
}

/* Copies the live plan of a mandate into a new snapshot. */
static int make_snapshot(struct store *s, int64_t mandate_id,
    const char *kind, int year, int64_t *id, struct err *e)
{
	static const char *const copies[] = {
		"INSERT INTO snapshot_action (snapshot_id, " ACTION_COLS
		", sort_key) SELECT ?1, " ACTION_COLS ", sort_key FROM action "
		"WHERE mandate_id = ?2",
		"INSERT INTO snapshot_indicator (snapshot_id, id, action_id, "
		"position, label, unit, baseline, target, communicate) SELECT "
		"?1, i.id, i.action_id, i.position, i.label, i.unit, "
		"i.baseline, i.target, i.communicate FROM indicator i JOIN "
		"action a ON a.id = i.action_id WHERE a.mandate_id = ?2",
		"INSERT INTO snapshot_indicator_value (snapshot_id, "
		"indicator_id, year, value, comment) SELECT ?1, v.indicator_id, "
		"v.year, v.value, v.comment FROM indicator_value v JOIN "
		"indicator i ON i.id = v.indicator_id JOIN action a ON a.id = "
		"i.action_id WHERE a.mandate_id = ?2",
		"INSERT INTO snapshot_review (snapshot_id, year, done, done_at, "
		"done_by, comments) SELECT ?1, year, done, done_at, done_by, "
		"comments FROM review WHERE mandate_id = ?2",
		"INSERT INTO snapshot_assessment (snapshot_id, engagement, value, "
		"comment) SELECT ?1, engagement, value, comment FROM assessment "
		"WHERE mandate_id = ?2",
	};
	sqlite3_stmt *st;
	char at[32];
	int64_t sid;
	size_t i;
	int rc;

	sp_now_str(at, sizeof at);
	if ((rc = sp_prep(s, "INSERT INTO snapshot (mandate_id, kind, year, "
	    "created_at, created_by, nom, type, code, departement, elu_nom, "
	    "elu_fonction, elu_email, elu_telephone, technique_nom, "
	    "technique_service, technique_email, technique_telephone, "
	    "benevoles) SELECT ?, ?, ?, ?, ?, nom, type, code, departement, "
	    "elu_nom, elu_fonction, elu_email, elu_telephone, technique_nom, "
	    "technique_service, technique_email, technique_telephone, "
	    "benevoles FROM collectivite WHERE id = 1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, kind);
	sp_bind_int_or_null(st, 3, year);
	sp_bind_text(st, 4, at);
	sp_bind_text(st, 5, user_login());
	rc = sp_exec1(s, st, "photographie du plan", e);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	sid = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < sizeof copies / sizeof copies[0] && !rc; i++) {
		if ((rc = sp_prep(s, copies[i], &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int64(st, 2, mandate_id);
		rc = sp_exec1(s, st, "photographie du plan", e);
		sqlite3_finalize(st);
	}
	if (!rc)
		*id = sid;
	return rc;
}

static int set_snapshot_current(struct store *s, int64_t id, int current,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "UPDATE snapshot SET current = ? WHERE id = ?", &st,
	    e)))
		return rc;
	sqlite3_bind_int(st, 1, current);
	sqlite3_bind_int64(st, 2, id);
	rc = sp_exec1(s, st, "photographie du plan", e);
	sqlite3_finalize(st);
	return rc;
}

static int write_review_done(struct store *s, int64_t mandate_id, int year,
    int done, const char *at, const char *by, int64_t snapshot_id,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "UPDATE review SET done = ?, done_at = ?, "
	    "done_by = ?, snapshot_id = ? WHERE mandate_id = ? AND year = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int(st, 1, done);
	sp_bind_text(st, 2, at);
	sp_bind_text(st, 3, by);
	sp_bind_int_or_null(st, 4, snapshot_id);
	sqlite3_bind_int64(st, 5, mandate_id);
	sqlite3_bind_int(st, 6, year);
	rc = sp_exec1(s, st, "bilan annuel", e);
	sqlite3_finalize(st);
	return rc;
}

int store_set_review_done(struct store *s, int64_t mandate_id, int year,
    int done, struct err *e)
{
	struct review *rv = NULL;
	size_t nrv = 0, i;
	char at[32], ystr[16], sidstr[32];
	int64_t sid = 0;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = check_year(s, mandate_id, year, e)) ||
	    (rc = ensure_review(s, mandate_id, year, e)) ||
	    (rc = store_list_reviews(s, mandate_id, &rv, &nrv, e)))
		goto out;
	for (i = 0; i < nrv && rv[i].year != year; i++)
		;
	snprintf(ystr, sizeof ystr, "%d", year);
	if (done) {
		if (rv[i].done) {
			rc = err_set(e, ERR_INVALID,
			    "le bilan %d est déjà fait (le %s par %s)", year,
			    fr_datetime(rv[i].done_at,
			    (char[FR_DATE_LEN]){0}, FR_DATE_LEN),
			    rv[i].done_by ? rv[i].done_by : "?");
			goto out;
		}
		sp_now_str(at, sizeof at);
		/* The snapshot carries the review as ticked. */
		if ((rc = write_review_done(s, mandate_id, year, 1, at,
		    user_login(), 0, e)) ||
		    (rc = make_snapshot(s, mandate_id, "bilan", year, &sid, e)) ||
		    (rc = write_review_done(s, mandate_id, year, 1, at,
		    user_login(), sid, e)))
			goto out;
		snprintf(sidstr, sizeof sidstr, "%lld", (long long)sid);
		rc = sp_journal_add(s, mandate_id, "bilan", sid, ystr, "fait", "0",
		    "1", 0, e);
	} else {
		if (!rv[i].done) {
			rc = err_set(e, ERR_INVALID,
			    "le bilan %d n'est pas fait", year);
			goto out;
		}
		if (rv[i].snapshot_id &&
		    (rc = set_snapshot_current(s, rv[i].snapshot_id, 0, e)))
			goto out;
		if ((rc = write_review_done(s, mandate_id, year, 0, NULL, NULL,
		    0, e)))
			goto out;
		rc = sp_journal_add(s, mandate_id, "bilan", rv[i].snapshot_id,
		    ystr, "fait", "1", "0", 0, e);
	}
out:
	for (i = 0; i < nrv; i++)
		review_clear(&rv[i]);
	free(rv);
	return sp_tx_end(s, rc, e);
}

int store_set_review_comments(struct store *s, int64_t mandate_id,
    int year, const char *text, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char ystr[16];
	char *old = NULL;
	int rc;

	if (text && (!utf8_valid(text, strlen(text)) ||
	    utf8_len(text) > MODEL_MAX_TEXT))
		return err_set(e, ERR_INVALID,
		    "commentaire du bilan : texte invalide ou trop long "
		    "(%d caractères au plus)", MODEL_MAX_TEXT);
	if (text && !*text)
		text = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = check_year(s, mandate_id, year, e)) ||
	    (rc = ensure_review(s, mandate_id, year, e)))
		goto out;
	if ((rc = sp_prep(s, "SELECT comments FROM review WHERE mandate_id = ? "
	    "AND year = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = sp_col_text(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (str_eq(old, text))
		goto out;
	if ((rc = sp_prep(s, "UPDATE review SET comments = ? WHERE mandate_id = ? "
	    "AND year = ?", &st, e)))
		goto out;
	sp_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, mandate_id);
	sqlite3_bind_int(st, 3, year);
	if ((rc = sp_exec1(s, st, "bilan annuel", e)))
		goto out;
	snprintf(ystr, sizeof ystr, "%d", year);
	rc = sp_journal_add(s, mandate_id, "bilan", 0, ystr, "commentaires", old,
	    text, 0, e);
out:
	sqlite3_finalize(st);
	free(old);
	return sp_tx_end(s, rc, e);
}

/* ---- Whole plans ---- */

int sp_read_assessments(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, struct plan *p, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (snapshot_id)
		rc = sp_prep(s, "SELECT engagement, value, comment FROM "
		    "snapshot_assessment WHERE snapshot_id = ? ORDER BY "
		    "engagement", &st, e);
	else
		rc = sp_prep(s, "SELECT engagement, value, comment FROM "
		    "assessment WHERE mandate_id = ? ORDER BY engagement", &st,
		    e);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, snapshot_id ? snapshot_id : mandate_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct assessment *as;

		GROW(p->assessments, p->n_assessments);
		as = &p->assessments[p->n_assessments++];
		as->engagement = sqlite3_column_int(st, 0);
		as->value = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		as->comment = sp_col_text(st, 2);
	}
out:
	sqlite3_finalize(st);
	return rc;
}

static const char sql_snap_actions[] = "SELECT " ACTION_COLS " FROM "
    "snapshot_action WHERE snapshot_id = ? ORDER BY engagement, sort_key";

static int load_plan(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, int year, struct plan **out, struct err *e)
{
	struct plan *p = plan_new();
	sqlite3_stmt *st = NULL, *si = NULL, *sv = NULL;
	int rc, step;

	if (!p)
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	if ((rc = get_mandate_by_id(s, mandate_id, &p->mandate, e)) ||
	    (rc = store_get_referential(s, p->mandate.referential_id, &p->ref,
	    e)))
		goto out;
	p->snapshot_year = year;
	if (snapshot_id) {
		int i;

		if ((rc = sp_prep(s, "SELECT created_at, nom, type, code, "
		    "departement, elu_nom, elu_fonction, elu_email, "
		    "elu_telephone, technique_nom, technique_service, "
		    "technique_email, technique_telephone, benevoles FROM "
		    "snapshot WHERE id = ?", &st, e)))
			goto out;
		sqlite3_bind_int64(st, 1, snapshot_id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = err_set(e, ERR_NOTFOUND,
			    "photographie du plan introuvable");
			goto out;
		}
		p->snapshot_at = sp_col_text(st, 0);
		for (i = 0; i < C_COUNT; i++)
			p->coll.f[i] = sp_col_text(st, i + 1);
		sqlite3_finalize(st);
		st = NULL;
		if ((rc = sp_prep(s, sql_snap_actions, &st, e)) ||
		    (rc = sp_prep(s, sql_ind_snap, &si, e)) ||
		    (rc = sp_prep(s, sql_val_snap, &sv, e)))
			goto out;
		sqlite3_bind_int64(st, 1, snapshot_id);
	} else {
		if ((rc = store_get_collectivite(s, &p->coll, e)))
			goto out;
		if ((rc = sp_prep(s, sql_list_full, &st, e)) ||
		    (rc = sp_prep(s, sql_ind_live, &si, e)) ||
		    (rc = sp_prep(s, sql_val_live, &sv, e)))
			goto out;
		{
			char *pilot, *q;

			bind_filter(st, mandate_id, NULL, &pilot, &q);
		}
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct action a;

		sp_read_action(st, &a);
		rc = sp_read_indicators(s, si, sv, snapshot_id, &a, e);
		if (!rc && plan_take_action(p, &a))
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		action_clear(&a);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE) {
		rc = sp_db_err(s, e, "lecture du plan");
		goto out;
	}
	rc = sp_read_reviews(s, &p->mandate, snapshot_id, &p->reviews,
	    &p->n_reviews, e);
	if (!rc)
		rc = sp_read_assessments(s, mandate_id, snapshot_id, p, e);
out:
	sqlite3_finalize(st);
	sqlite3_finalize(si);
	sqlite3_finalize(sv);
	if (rc)
		plan_free(&p);
	else
		*out = p;
	return rc;
}

int sp_find_snapshot(struct store *s, int64_t mandate_id, const char *kind,
    int year, int64_t *id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!year && strcmp(kind, "initial") != 0)
		return 0;
	if ((rc = sp_prep(s, "SELECT id FROM snapshot WHERE mandate_id = ? AND "
	    "kind = ? AND (?3 = 0 OR year = ?3) AND current = 1 ORDER BY id "
	    "DESC LIMIT 1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, kind);
	sqlite3_bind_int(st, 3, year);
	if (sqlite3_step(st) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (year)
		rc = err_set(e, ERR_NOTFOUND,
		    "le bilan %d n'est pas fait : pas de plan figé pour "
		    "cette année", year);
	else
		rc = err_set(e, ERR_NOTFOUND,
		    "le plan initial n'a pas encore été figé");
	sqlite3_finalize(st);
	return rc;
}

int store_load_plan(struct store *s, int64_t mandate_id, int year,
    struct plan **out, struct err *e)
{
	int64_t sid = 0;
	int rc;

	if (year && (rc = sp_find_snapshot(s, mandate_id, "bilan", year, &sid, e)))
		return rc;
	return load_plan(s, mandate_id, sid, year, out, e);
}

int store_freeze_initial(struct store *s, int64_t mandate_id,
    struct err *e)
{
	int64_t sid;
	int has = 0, rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = has_initial(s, mandate_id, &has, e)))
		goto out;
	if (has) {
		rc = err_set(e, ERR_INVALID,
		    "le plan initial de ce mandat est déjà figé");
		goto out;
	}
	if ((rc = make_snapshot(s, mandate_id, "initial", 0, &sid, e)))
		goto out;
	rc = sp_journal_add(s, mandate_id, "plan initial", sid, NULL, "fige", "0",
	    "1", 0, e);
out:
	return sp_tx_end(s, rc, e);
}

int store_load_initial(struct store *s, int64_t mandate_id,
    struct plan **out, struct err *e)
{
	int64_t sid = 0;
	int rc;

	if ((rc = sp_find_snapshot(s, mandate_id, "initial", 0, &sid, e)))
		return rc;
	return load_plan(s, mandate_id, sid, 0, out, e);
}

/* ---- Journal ---- */

static void read_journal(sqlite3_stmt *st, struct journal_entry *j)
{
	memset(j, 0, sizeof *j);
	j->id = sqlite3_column_int64(st, 0);
	j->txn = sqlite3_column_int64(st, 1);
	j->at = sp_col_text(st, 2);
	j->user = sp_col_text(st, 3);
	j->entity = sp_col_text(st, 4);
	j->entity_id = sqlite3_column_int64(st, 5);
	j->ref = sp_col_text(st, 6);
	j->field = sp_col_text(st, 7);
	j->old_value = sp_col_text(st, 8);
	j->new_value = sp_col_text(st, 9);
	j->undone = sqlite3_column_int(st, 10);
	j->is_undo = sqlite3_column_int(st, 11);
}

#define JOURNAL_COLS "id, txn, at, user, entity, entity_id, ref, field, " \
	"old_value, new_value, undone, is_undo"

int store_history(struct store *s, int64_t mandate_id, const char *ref,
    size_t limit, struct journal_entry **out, size_t *n, struct err *e)
{
	struct journal_entry *v = NULL;
	sqlite3_stmt *st = NULL;
	size_t nv = 0;
	int rc;

	/* An action's history follows it back to the actions it continues
	 * (origin_id) in earlier mandates. */
	if ((rc = sp_prep(s, "WITH RECURSIVE chain(id) AS (SELECT id FROM action "
	    "WHERE mandate_id = ?1 AND ref = ?2 UNION SELECT o.origin_id FROM "
	    "action_origin o JOIN chain c ON o.action_id = c.id) SELECT " JOURNAL_COLS " FROM journal WHERE (?2 IS NULL AND "
	    "(mandate_id = ?1 OR mandate_id IS NULL)) OR (?2 IS NOT NULL AND "
	    "((entity = 'action' AND entity_id IN (SELECT id FROM chain)) OR "
	    "(entity = 'indicateur' AND entity_id IN (SELECT i.id FROM "
	    "indicator i WHERE i.action_id IN (SELECT id FROM chain))) OR "
	    "(entity = 'indicateur' AND mandate_id = ?1 AND ref = ?2))) "
	    "ORDER BY id DESC LIMIT ?3", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, ref);
	sqlite3_bind_int64(st, 3, limit ? (int64_t)limit : -1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		GROW(v, nv);
		read_journal(st, &v[nv++]);
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		journal_entries_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

void journal_entries_free(struct journal_entry *j, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(j[i].at);
		free(j[i].user);
		free(j[i].entity);
		free(j[i].ref);
		free(j[i].field);
		free(j[i].old_value);
		free(j[i].new_value);
	}
	free(j);
}

static int load_plan(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, int year, struct plan **out, struct err *e);

static int undo_conflict(const struct journal_entry *j, const char *cur,
    struct err *e)
{
	return err_set(e, ERR_CONFLICT,
	    "annulation impossible : %s %s (%s) a été modifié depuis "
	    "(valeur actuelle « %.80s »)", j->entity, j->ref ? j->ref : "",
	    j->field, cur ? cur : "");
}

static int undo_action_entry(struct store *s, const struct journal_entry *j,
    struct err *e)
{
	struct action *a = NULL;
	struct action before;
	const struct field_def *fd;
	struct strbuf cur = {0};
	sqlite3_stmt *st;
	int rc;

	memset(&before, 0, sizeof before);
	if (strcmp(j->field, "*creation*") == 0) {
		if ((rc = sp_prep(s, "DELETE FROM action WHERE id = ?", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, j->entity_id);
		rc = sp_exec1(s, st, "annulation", e);
		sqlite3_finalize(st);
		if (rc && e && strstr(e->msg, "FOREIGN"))
			rc = err_set(e, ERR_CONFLICT,
			    "annulation impossible : l'action %s est reprise "
			    "dans un autre mandat", j->ref);
		return rc;
	}
	if (strcmp(j->field, "reprise") == 0 || strcmp(j->field, "cloture") == 0)
		return 0;	/* undone with the creation it accompanies */
	if (strcmp(j->field, "fusion") == 0) {
		if ((rc = sp_prep(s, "DELETE FROM action_origin WHERE "
		    "action_id = ? AND kind = 'fusion'", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, j->entity_id);
		rc = sp_exec1(s, st, "annulation", e);
		sqlite3_finalize(st);
		return rc;
	}
	if (!(fd = field_find(j->field)))
		return err_set(e, ERR_DB, "journal : champ « %s » inconnu",
		    j->field);
	if ((rc = store_get_action(s, j->entity_id, &a, e)))
		return rc;
	if ((rc = action_field_get(a, fd->id, 1, &cur)))
		goto out;
	if (!str_eq(sb_str(&cur), j->new_value)) {
		rc = undo_conflict(j, sb_str(&cur), e);
		goto out;
	}
	if ((rc = action_copy(&before, a)))
		goto out;
	if ((rc = action_field_set(a, fd->id, j->old_value, 0, 0, e)))
		goto out;
	a->version++;
	{
		char at[32];

		sp_now_str(at, sizeof at);
		if (str_replace(&a->updated_at, at) ||
		    str_replace(&a->updated_by, user_login())) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
		if (texts_changed(&before, a) &&
		    str_replace(&a->texts_updated_at, at)) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
	}
	if ((rc = write_action(s, a, e)))
		goto out;
	rc = sp_journal_add(s, a->mandate_id, "action", a->id, a->ref, j->field,
	    j->new_value, j->old_value, 1, e);
out:
	sb_free(&cur);
	action_clear(&before);
	action_free(&a);
	return rc;
}

static int action_ref_of(struct store *s, int64_t action_id, char **ref,
    int64_t *mandate_id, struct err *e);

/* Re-creates a deleted indicator (same id) from the journal rows its
 * deletion wrote. */
static int restore_indicator(struct store *s, const struct journal_entry *j,
    struct err *e)
{
	struct indicator ind;
	sqlite3_stmt *st = NULL;
	int64_t action_id = j->new_value ? strtoll(j->new_value, NULL, 10) : 0;
	int rc, year;
	size_t i;

	memset(&ind, 0, sizeof ind);
	if ((rc = sp_prep(s, "SELECT field, old_value FROM journal WHERE "
	    "txn = ? AND entity = 'indicateur' AND entity_id = ? AND "
	    "is_undo = 0", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, j->txn);
	sqlite3_bind_int64(st, 2, j->entity_id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);

		if (!f || !v)
			continue;
		if (!strcmp(f, "*suppression*"))
			rc = str_replace(&ind.label, v);
		else if (!strcmp(f, "position"))
			ind.position = atoi(v);
		else if (!strcmp(f, "unite"))
			rc = str_replace(&ind.unit, v);
		else if (!strcmp(f, "reference"))
			rc = str_replace(&ind.baseline, v);
		else if (!strcmp(f, "cible"))
			rc = str_replace(&ind.target, v);
		else if (!strcmp(f, "communiquer"))
			ind.communicate = 1;
		else if (sscanf(f, "valeur %d", &year) == 1) {
			const struct indicator_value *iv =
			    indicator_value_for(&ind, year);

			rc = indicator_set_value(&ind, year, v,
			    iv ? iv->comment : NULL);
		} else if (sscanf(f, "commentaire %d", &year) == 1) {
			const struct indicator_value *iv =
			    indicator_value_for(&ind, year);

			rc = indicator_set_value(&ind, year,
			    iv ? iv->value : NULL, v);
		}
		if (rc) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = sp_prep(s, "INSERT INTO indicator (id, action_id, position, "
	    "label, unit, baseline, target, communicate) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?)", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, j->entity_id);
	sqlite3_bind_int64(st, 2, action_id);
	sqlite3_bind_int(st, 3, ind.position);
	sp_bind_text(st, 4, ind.label ? ind.label : "?");
	sp_bind_text(st, 5, ind.unit);
	sp_bind_text(st, 6, ind.baseline);
	sp_bind_text(st, 7, ind.target);
	sqlite3_bind_int(st, 8, ind.communicate);
	if ((rc = sp_exec1(s, st, "annulation", e))) {
		if (e && strstr(e->msg, "FOREIGN"))
			rc = err_set(e, ERR_CONFLICT, "annulation impossible : "
			    "l'action de l'indicateur n'existe plus");
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if ((rc = sp_prep(s, "INSERT INTO indicator_value (indicator_id, year, "
	    "value, comment) VALUES (?, ?, ?, ?)", &st, e)))
		goto out;
	for (i = 0; i < ind.n_values && !rc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, j->entity_id);
		sqlite3_bind_int(st, 2, ind.values[i].year);
		sp_bind_text(st, 3, ind.values[i].value);
		sp_bind_text(st, 4, ind.values[i].comment);
		rc = sp_exec1(s, st, "annulation", e);
	}
	if (!rc) {
		char *ref = NULL;
		int64_t mandate_id = 0;

		if (!(rc = action_ref_of(s, action_id, &ref, &mandate_id, e)))
			rc = sp_journal_add(s, mandate_id, "indicateur",
			    j->entity_id, ref, "*creation*", NULL, ind.label, 1,
			    e);
		free(ref);
	}
out:
	sqlite3_finalize(st);
	indicator_clear(&ind);
	return rc;
}

static int undo_indicator_entry(struct store *s, const struct journal_entry *j,
    struct err *e)
{
	struct indicator ind;
	sqlite3_stmt *st;
	int rc, year;
	const char *cur = NULL;
	char buf[32];

	memset(&ind, 0, sizeof ind);
	if (strcmp(j->field, "*creation*") == 0) {
		if ((rc = sp_prep(s, "DELETE FROM indicator WHERE id = ?", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, j->entity_id);
		rc = sp_exec1(s, st, "annulation", e);
		sqlite3_finalize(st);
		return rc;
	}
	if (strcmp(j->field, "*suppression*") == 0)
		return restore_indicator(s, j, e);
	if ((rc = get_indicator(s, j->entity_id, &ind, e))) {
		/* a value of a deleted indicator: restored with it */
		if (rc == ERR_NOTFOUND && !j->new_value)
			return 0;
		return rc;
	}
	if (sscanf(j->field, "valeur %d", &year) == 1) {
		const struct indicator_value *v = indicator_value_for(&ind, year);

		cur = v ? v->value : NULL;
		if (!str_eq(cur, j->new_value)) {
			rc = undo_conflict(j, cur, e);
			goto out;
		}
		rc = indicator_set_value(&ind, year, j->old_value,
		    v ? v->comment : NULL);
	} else if (sscanf(j->field, "commentaire %d", &year) == 1) {
		const struct indicator_value *v = indicator_value_for(&ind, year);

		cur = v ? v->comment : NULL;
		if (!str_eq(cur, j->new_value)) {
			rc = undo_conflict(j, cur, e);
			goto out;
		}
		rc = indicator_set_value(&ind, year, v ? v->value : NULL,
		    j->old_value);
	} else {
		char **slot = !strcmp(j->field, "libelle") ? &ind.label :
		    !strcmp(j->field, "unite") ? &ind.unit :
		    !strcmp(j->field, "reference") ? &ind.baseline :
		    !strcmp(j->field, "cible") ? &ind.target : NULL;

		if (slot) {
			cur = *slot;
		} else {
			snprintf(buf, sizeof buf, "%d", ind.communicate);
			cur = buf;
		}
		if (!str_eq(cur, j->new_value)) {
			rc = undo_conflict(j, cur, e);
			goto out;
		}
		if (slot)
			rc = str_replace(slot, j->old_value);
		else
			ind.communicate = str_eq(j->old_value, "1");
	}
	if (rc) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	/* store_update_indicator journals the reversal as a normal change;
	 * mark it as an undo. */
	{
		int64_t txn;

		if ((rc = journal_txn(s, &txn, e)) ||
		    (rc = store_update_indicator(s, &ind, e)))
			goto out;
		if ((rc = sp_prep(s, "UPDATE journal SET is_undo = 1 WHERE txn = ?",
		    &st, e)))
			goto out;
		sqlite3_bind_int64(st, 1, txn);
		rc = sp_exec1(s, st, "annulation", e);
		sqlite3_finalize(st);
	}
out:
	indicator_clear(&ind);
	return rc;
}

static int undo_other_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (strcmp(j->entity, "collectivite") == 0) {
		const struct coll_field_def *cf = coll_field_find(j->field);
		struct collectivite c = {0};

		if (!cf)
			return err_set(e, ERR_DB, "journal : champ inconnu");
		if ((rc = store_get_collectivite(s, &c, e)))
			return rc;
		if (!str_eq(c.f[cf->id], j->new_value))
			rc = undo_conflict(j, c.f[cf->id], e);
		collectivite_clear(&c);
		if (rc)
			return rc;
		if ((rc = store_set_collectivite(s, cf->id, j->old_value, e)))
			return rc;
	} else if (strcmp(j->entity, "bilan") == 0) {
		int year = atoi(j->ref ? j->ref : "0");

		if (strcmp(j->field, "commentaires") == 0) {
			if ((rc = store_set_review_comments(s, mandate_id, year,
			    j->old_value, e)))
				return rc;
		} else if (str_eq(j->new_value, "1")) {
			if ((rc = store_set_review_done(s, mandate_id, year, 0,
			    e)))
				return rc;
		} else {
			/* Ticking again restores the snapshot that was
			 * current before the untick. */
			struct review *rv = NULL;
			size_t n = 0, i;

			if ((rc = set_snapshot_current(s, j->entity_id, 1, e)))
				return rc;
			if ((rc = store_list_reviews(s, mandate_id, &rv, &n, e)))
				return rc;
			for (i = 0; i < n; i++)
				review_clear(&rv[i]);
			free(rv);
			if ((rc = sp_prep(s, "UPDATE review SET done = 1, "
			    "done_at = (SELECT created_at FROM snapshot WHERE "
			    "id = ?1), done_by = (SELECT created_by FROM "
			    "snapshot WHERE id = ?1), snapshot_id = ?1 WHERE "
			    "mandate_id = ?2 AND year = ?3", &st, e)))
				return rc;
			sqlite3_bind_int64(st, 1, j->entity_id);
			sqlite3_bind_int64(st, 2, mandate_id);
			sqlite3_bind_int(st, 3, year);
			rc = sp_exec1(s, st, "annulation", e);
			sqlite3_finalize(st);
			if (!rc)
				rc = sp_journal_add(s, mandate_id, "bilan",
				    j->entity_id, j->ref, "fait", "0", "1", 0,
				    e);
			if (rc)
				return rc;
		}
	} else if (strcmp(j->entity, "appreciation") == 0) {
		struct plan *p = NULL;
		int eng = (int)j->entity_id, value = -1;
		char *comment = NULL;
		size_t k;

		if ((rc = load_plan(s, mandate_id, 0, 0, &p, e)))
			return rc;
		for (k = 0; k < p->n_assessments; k++)
			if (p->assessments[k].engagement == eng) {
				value = p->assessments[k].value;
				comment = xstrdup(p->assessments[k].comment);
			}
		plan_free(&p);
		if (strcmp(j->field, "valeur") == 0)
			value = j->old_value ? atoi(j->old_value) : -1;
		else if (str_replace(&comment, j->old_value))
			return err_set(e, ERR_NOMEM, "mémoire insuffisante");
		rc = store_set_assessment(s, mandate_id, eng, value, comment, e);
		free(comment);
		if (rc)
			return rc;
	} else if (strcmp(j->entity, "plan initial") == 0) {
		if ((rc = set_snapshot_current(s, j->entity_id, 0, e)))
			return rc;
		if ((rc = sp_journal_add(s, mandate_id, "plan initial",
		    j->entity_id, NULL, "fige", "1", "0", 0, e)))
			return rc;
	} else {
		return err_set(e, ERR_CONFLICT,
		    "cette modification (%s) ne peut pas être annulée",
		    j->entity);
	}
	/* The helpers above journaled the reversal as a change: mark it. */
	if ((rc = sp_prep(s, "UPDATE journal SET is_undo = 1 WHERE txn = ?", &st,
	    e)))
		return rc;
	sqlite3_bind_int64(st, 1, s->txn);
	rc = sp_exec1(s, st, "annulation", e);
	sqlite3_finalize(st);
	return rc;
}

/* The newest txn of the current user that can be undone (0: none). */
static int undo_last_txn(struct store *s, int64_t *txn, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*txn = 0;
	/* Opening a mandate is not an edit one undoes. */
	if ((rc = sp_prep(s, "SELECT max(txn) FROM journal WHERE user = ? AND "
	    "is_undo = 0 AND undone = 0 AND entity <> 'mandat'", &st, e)))
		return rc;
	sp_bind_text(st, 1, user_login());
	if (sqlite3_step(st) == SQLITE_ROW)
		*txn = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!*txn)
		return err_set(e, ERR_NOTFOUND,
		    "rien à défaire : aucune modification de %s dans le "
		    "journal", user_login());
	return 0;
}

/* The journal rows of txn, newest first. */
static int undo_entries(struct store *s, int64_t txn,
    struct journal_entry **out, size_t *n, int64_t *mandate_id,
    struct err *e)
{
	struct journal_entry *v = NULL;
	sqlite3_stmt *st;
	size_t nv = 0;
	int rc;

	if ((rc = sp_prep(s, "SELECT " JOURNAL_COLS ", mandate_id FROM journal "
	    "WHERE txn = ? ORDER BY id DESC", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, txn);
	while (sqlite3_step(st) == SQLITE_ROW) {
		GROW(v, nv);
		read_journal(st, &v[nv]);
		*mandate_id = sqlite3_column_int64(st, 12);
		nv++;
	}
out:
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return rc;
}

/* "action 2.4 : Commentaires, action 2.4 : Perspectives…": the rows of a
 * change, as the journal names them (the first three). */
static void undo_describe_fields(const struct journal_entry *v, size_t nv,
    struct strbuf *desc)
{
	size_t i;

	for (i = 0; i < nv && i < 3; i++) {
		const struct journal_entry *j = &v[i];

		if (i)
			sb_append(desc, ", ");
		if (strcmp(j->field, "*creation*") == 0)
			sb_printf(desc, "création de %s %s",
			    journal_entity_label(j->entity),
			    j->ref ? j->ref : "");
		else
			sb_printf(desc, "%s %s : %s",
			    journal_entity_label(j->entity),
			    j->ref ? j->ref : "",
			    journal_field_label(j->entity, j->field));
	}
	if (nv > 3)
		sb_printf(desc, " et %zu autres champs", nv - 3);
}

static int undo_special_field(const char *f)
{
	return !strcmp(f, "*creation*") || !strcmp(f, "*suppression*") ||
	    !strcmp(f, "reprise") || !strcmp(f, "cloture") ||
	    !strcmp(f, "fusion");
}

/* Classifies a change (see struct undo_info) and says in French what
 * undoing it does. */
static void undo_classify(const struct journal_entry *v, size_t nv,
    struct undo_info *u, struct strbuf *desc)
{
	const struct journal_entry *special = NULL;
	size_t i, carried = 0;
	int one_row = 1;

	u->plain = nv > 0;
	u->review_year = 0;
	for (i = 0; i < nv; i++) {
		const struct journal_entry *j = &v[i];

		if (strcmp(j->entity, v[0].entity) ||
		    j->entity_id != v[0].entity_id)
			one_row = 0;
		if (!strcmp(j->field, "reprise"))
			carried++;
		if (undo_special_field(j->field) ||
		    !strcmp(j->entity, "plan initial") ||
		    !strcmp(j->entity, "mandat") ||
		    (!strcmp(j->entity, "bilan") && !strcmp(j->field, "fait")) ||
		    (!strcmp(j->entity, "action") &&
		    !strcmp(j->field, "cancelled"))) {
			if (!special)
				special = j;
			u->plain = 0;
		}
		if (!strcmp(j->entity, "bilan") && !strcmp(j->field, "fait") &&
		    str_eq(j->new_value, "1"))
			u->review_year = atoi(j->ref ? j->ref : "0");
	}
	if (!one_row)
		u->plain = 0;
	if (u->review_year && one_row) {
		sb_printf(desc, "décocher « Bilan annuel - Fait » %d",
		    u->review_year);
	} else if (u->plain || !special || !one_row) {
		if (carried)
			sb_printf(desc, "défaire la reprise du mandat précédent "
			    "(%zu action%s recopiée%s) : ", carried,
			    carried > 1 ? "s" : "", carried > 1 ? "s" : "");
		else if (!one_row)
			sb_printf(desc, "défaire %zu changements faits ensemble "
			    "(un import, par exemple) : ", nv);
		undo_describe_fields(v, nv, desc);
		if (u->review_year)
			sb_printf(desc, " ; décocher « Bilan annuel - Fait » %d",
			    u->review_year);
	} else if (!strcmp(special->entity, "bilan")) {
		sb_printf(desc, "cocher de nouveau « Bilan annuel - Fait » %s",
		    special->ref ? special->ref : "");
	} else if (!strcmp(special->entity, "plan initial")) {
		sb_append(desc, "ne plus tenir le plan d'action initial pour "
		    "figé");
	} else if (!strcmp(special->entity, "action") &&
	    !strcmp(special->field, "*creation*")) {
		sb_printf(desc, "supprimer l'action %s « %.*s », que vous "
		    "avez créée", special->ref ? special->ref : "",
		    clip_len(special->new_value, 80), special->new_value ?
		    special->new_value : "");
	} else if (!strcmp(special->entity, "action") &&
	    !strcmp(special->field, "cancelled")) {
		if (str_eq(special->new_value, "1"))
			sb_printf(desc, "rétablir l'action %s (elle ne sera plus "
			    "marquée annulée)", special->ref ? special->ref :
			    "");
		else
			sb_printf(desc, "marquer de nouveau l'action %s comme "
			    "annulée", special->ref ? special->ref : "");
	} else if (!strcmp(special->entity, "indicateur") &&
	    !strcmp(special->field, "*creation*")) {
		sb_printf(desc, "supprimer l'indicateur clé « %.*s » de "
		    "l'action %s, que vous avez ajouté",
		    clip_len(special->new_value, 80), special->new_value ?
		    special->new_value : "", special->ref ? special->ref : "");
	} else if (!strcmp(special->entity, "indicateur") &&
	    !strcmp(special->field, "*suppression*")) {
		sb_printf(desc, "rétablir l'indicateur clé « %.*s » de "
		    "l'action %s, que vous avez supprimé",
		    clip_len(special->old_value, 80), special->old_value ?
		    special->old_value : "", special->ref ? special->ref : "");
	} else {
		undo_describe_fields(v, nv, desc);
	}
}

void undo_info_clear(struct undo_info *u)
{
	if (!u)
		return;
	free(u->what);
	memset(u, 0, sizeof *u);
}

int store_undo_peek(struct store *s, struct undo_info *out, struct err *e)
{
	struct journal_entry *v = NULL;
	struct strbuf desc = {0};
	struct undo_info u;
	size_t nv = 0;
	int64_t mandate_id = 0;
	int rc;

	memset(&u, 0, sizeof u);
	if ((rc = undo_last_txn(s, &u.txn, e)) ||
	    (rc = undo_entries(s, u.txn, &v, &nv, &mandate_id, e)))
		goto out;
	undo_classify(v, nv, &u, &desc);
	if (!(u.what = sb_steal(&desc)))
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
out:
	journal_entries_free(v, nv);
	sb_free(&desc);
	if (!rc)
		*out = u;
	return rc;
}

int store_undo_txn(struct store *s, int64_t expect, char **what,
    struct err *e)
{
	struct journal_entry *v = NULL;
	sqlite3_stmt *st = NULL;
	struct strbuf desc = {0};
	size_t nv = 0, i;
	int64_t txn = 0, mandate_id = 0;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = undo_last_txn(s, &txn, e)))
		goto out;
	if (expect && txn != expect) {
		rc = err_set(e, ERR_CONFLICT, "votre dernière modification a "
		    "changé entre-temps (une autre session à votre nom ?) : "
		    "rien n'a été défait, recommencez");
		goto out;
	}
	if ((rc = undo_entries(s, txn, &v, &nv, &mandate_id, e)))
		goto out;
	for (i = 0; i < nv && !rc; i++) {
		const struct journal_entry *j = &v[i];

		if (strcmp(j->entity, "action") == 0)
			rc = undo_action_entry(s, j, e);
		else if (strcmp(j->entity, "indicateur") == 0)
			rc = undo_indicator_entry(s, j, e);
		else if (strcmp(j->entity, "mandat") == 0)
			rc = err_set(e, ERR_CONFLICT,
			    "l'ouverture d'un mandat ne peut pas être annulée");
		else
			rc = undo_other_entry(s, j, mandate_id, e);
	}
	if (rc)
		goto out;
	undo_describe_fields(v, nv, &desc);
	if ((rc = sp_prep(s, "UPDATE journal SET undone = 1 WHERE txn = ?", &st,
	    e)))
		goto out;
	sqlite3_bind_int64(st, 1, txn);
	rc = sp_exec1(s, st, "annulation", e);
out:
	sqlite3_finalize(st);
	journal_entries_free(v, nv);
	rc = sp_tx_end(s, rc, e);
	if (!rc && what)
		*what = sb_steal(&desc);
	else
		sb_free(&desc);
	return rc;
}

int store_undo(struct store *s, char **what, struct err *e)
{
	return store_undo_txn(s, 0, what, e);
}

/* ---- Maintenance ---- */

int store_backup(struct store *s, const char *dest, struct err *e)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	struct strbuf tmp = {0};
	int fd, rc = 0;

	if (sb_printf(&tmp, "%s.tmp-XXXXXX", dest))
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "%s : écriture impossible (%s)", dest,
		    err_fr_errno(errno));
		sb_free(&tmp);
		return rc;
	}
	fchmod(fd, 0600);
	close(fd);
	if (sqlite3_open_v2(tmp.buf, &out, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		rc = err_set(e, ERR_IO, "%s : écriture impossible", dest);
		goto out;
	}
	b = sqlite3_backup_init(out, "main", s->db, "main");
	if (!b) {
		rc = err_set(e, ERR_IO, "sauvegarde : %s", sp_db_cause(out));
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK ||
	    rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(5);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = err_set(e, ERR_IO, "sauvegarde vers %s : %s", dest,
		    store_sqlite_fr(rc));
		goto out;
	}
	rc = 0;
	/* The copy is self-contained: no WAL next to it. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		rc = err_set(e, ERR_IO, "sauvegarde vers %s : %s", dest,
		    sp_db_cause(out));
		goto out;
	}
	sqlite3_close(out);
	out = NULL;
	if (rename(tmp.buf, dest) != 0)
		rc = err_set(e, ERR_IO, "%s : %s", dest, err_fr_errno(errno));
out:
	if (out)
		sqlite3_close(out);
	if (rc)
		unlink(tmp.buf);
	sb_free(&tmp);
	return rc;
}

int store_open_copy(struct store *s, struct store **out, struct err *e)
{
	struct store *c;
	sqlite3_backup *b;
	int rc = 0;

	c = calloc(1, sizeof *c);
	if (!c || !(c->path = xstrdup(s->path))) {
		free(c);
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	}
	if (sqlite3_open_v2(":memory:", &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	sqlite3_extended_result_codes(c->db, 1);
	if (!(b = sqlite3_backup_init(c->db, "main", s->db, "main"))) {
		rc = sp_db_err(c, e, "copie de la base pour l'essai");
		goto out;
	}
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(5);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = sp_db_err(c, e, "copie de la base pour l'essai");
		goto out;
	}
	/* What store_open sets up on a connection, this one included. */
	if (sqlite3_create_function(c->db, "suivi_fold", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, fold_func, NULL,
	    NULL) != SQLITE_OK) {
		rc = sp_db_err(c, e, "copie de la base pour l'essai");
		goto out;
	}
	if ((rc = sp_exec_sql(c, "PRAGMA foreign_keys = ON", "copie de la "
	    "base pour l'essai", e)) || (rc = sp_exec_sql(c, fts_setup_sql,
	    "copie de la base pour l'essai", e)))
		goto out;
	c->fts_ready = 1;
out:
	if (rc) {
		store_close(&c);
		return rc;
	}
	*out = c;
	return 0;
}

int store_integrity(struct store *s, int *ok, char **report, struct err *e)
{
	struct strbuf sb = {0};
	sqlite3_stmt *st;
	char first[160] = "";
	int rc, bad = 0;

	*ok = 1;
	if ((rc = sp_prep(s, "PRAGMA integrity_check", &st, e)))
		return rc;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);

		/* SQLite's lines are English ("*** in database main ***\n
		 * Page 6: btreeInitPage()..."): one French line, the first
		 * problem as a technical suffix. */
		for (; t && *t && strcmp(t, "ok") != 0;) {
			size_t n = strcspn(t, "\n");

			if (strncmp(t, "*** ", 4) != 0 && n && !bad++)
				snprintf(first, sizeof first, "%.*s", (int)n, t);
			t += n;
			t += *t == '\n';
		}
	}
	sqlite3_finalize(st);
	if (bad) {
		*ok = 0;
		sb_printf(&sb, "intégrité : la base est endommagée (%d "
		    "anomalie%s de structure ; détail technique : %s) ; "
		    "restaurez la dernière sauvegarde\n", bad,
		    bad > 1 ? "s" : "", first);
	}
	if ((rc = sp_prep(s, "PRAGMA foreign_key_check", &st, e)))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*ok = 0;
		sb_printf(&sb, "référence cassée : table %s, ligne %lld\n",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "INSERT INTO action_fts(action_fts, rank) VALUES "
	    "('integrity-check', 1)", &st, e)))
		goto out;
	if (!s->readonly && sqlite3_step(st) != SQLITE_DONE) {
		*ok = 0;
		sb_printf(&sb, "index de recherche : %s\n",
		    sp_db_cause(s->db));
	}
	sqlite3_finalize(st);
out:
	if (rc) {
		sb_free(&sb);
		return rc;
	}
	*report = sb_steal(&sb);
	return 0;
}

/* ---- From one mandate to the next ---- */

static int add_origin(struct store *s, int64_t action_id, int64_t origin_id,
    const char *kind, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "INSERT OR IGNORE INTO action_origin (action_id, "
	    "origin_id, kind) VALUES (?, ?, ?)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, action_id);
	sqlite3_bind_int64(st, 2, origin_id);
	sp_bind_text(st, 3, kind);
	rc = sp_exec1(s, st, "reprise", e);
	sqlite3_finalize(st);
	return rc;
}

static int map_engagement(const struct referential *to, int from_eng,
    int *out)
{
	size_t i;

	for (i = 0; i < to->n_mappings; i++)
		if (to->mappings[i].from == from_eng) {
			*out = to->mappings[i].to;
			return 0;
		}
	return ERR_NOTFOUND;
}

static const struct carry_item *carry_find(const struct carry_item *items,
    size_t n, const char *ref)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (str_eq(items[i].ref, ref))
			return &items[i];
	return NULL;
}

struct kept {
	const char *old_ref;
	int64_t new_id;
};

static int carry_keep(struct store *s, const struct action *old,
    const struct carry_item *it, const struct mandate *to,
    const struct referential *rto, const char *from_label,
    struct strbuf *rep, int64_t *new_id, struct err *e)
{
	struct action a;
	size_t k;
	int rc, eng = it->engagement;

	if (!eng && map_engagement(rto, old->engagement, &eng))
		return err_set(e, ERR_INVALID,
		    "action %s : le référentiel du mandat %s ne dit pas où va "
		    "l'engagement %d ; indiquez le nouvel engagement dans la "
		    "correspondance (exemple : « %s garder 3 »)", old->ref,
		    to->label, old->engagement, old->ref);
	if ((rc = action_copy(&a, old)))
		return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	a.id = 0;
	free(a.ref);
	a.ref = NULL;
	a.engagement = eng;
	a.origin_id = old->id;
	a.added = 0;
	free(a.added_reason);
	a.added_reason = NULL;
	/* A recommendation or priority code of the old referential does not
	 * exist in the new one unless it says so. */
	if (a.recommendation && !referential_recommendation(rto,
	    a.recommendation)) {
		free(a.recommendation);
		a.recommendation = NULL;
	}
	if (a.priority && !referential_priority(rto, a.priority_code)) {
		a.priority = 0;
		free(a.priority_code);
		a.priority_code = NULL;
	}
	if (a.year_start && a.year_start < to->year_first)
		a.year_start = to->year_first;
	if (a.year_end && a.year_end < a.year_start)
		a.year_end = a.year_start;
	if (a.year_end > to->year_last)
		a.year_end = to->year_last;
	if ((rc = store_add_action(s, to->id, &a, e)))
		goto out;
	*new_id = a.id;
	if ((rc = add_origin(s, a.id, old->id, "reprise", e)) ||
	    (rc = sp_journal_add(s, to->id, "action", a.id, a.ref, "reprise",
	    NULL, old->ref, 0, e)))
		goto out;
	for (k = 0; k < old->n_indicators && !rc; k++) {
		struct indicator ind;

		if (indicator_copy(&ind, &old->indicators[k])) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			break;
		}
		ind.id = 0;
		ind.action_id = a.id;
		rc = store_add_indicator(s, &ind, e);
		indicator_clear(&ind);
	}
	if (!rc)
		sb_printf(rep, "%s (%s) reprise en %s : %s\n", old->ref,
		    from_label, a.ref, a.designation);
out:
	action_clear(&a);
	return rc;
}

int store_carry_over(struct store *s, int64_t from, int64_t to,
    const struct carry_item *items, size_t n, char **report, struct err *e)
{
	struct plan *old = NULL;
	struct mandate mto = {0};
	struct referential *rto = NULL;
	struct strbuf rep = {0}, missing = {0};
	struct kept *kept = NULL;
	size_t i, nkept = 0;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = load_plan(s, from, 0, 0, &old, e)) ||
	    (rc = get_mandate_by_id(s, to, &mto, e)) ||
	    (rc = store_get_referential(s, mto.referential_id, &rto, e)))
		goto out;
	for (i = 0; i < n; i++) {
		const struct action *a = plan_find_action(old, items[i].ref);

		if (!a) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : l'action %s n'existe pas dans le "
			    "mandat %s", items[i].ref, old->mandate.label);
			goto out;
		}
		if (carry_find(items, i, items[i].ref)) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : l'action %s apparaît deux fois",
			    items[i].ref);
			goto out;
		}
	}
	for (i = 0; i < old->n_actions; i++)
		if (!old->actions[i].cancelled &&
		    !carry_find(items, n, old->actions[i].ref))
			sb_printf(&missing, "%s%s", missing.len ? ", " : "",
			    old->actions[i].ref);
	if (missing.len) {
		rc = err_set(e, ERR_INVALID,
		    "correspondance : décision manquante (garder, fusionner "
		    "ou clore) pour %s", sb_str(&missing));
		goto out;
	}
	kept = calloc(n ? n : 1, sizeof *kept);
	if (!kept) {
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		goto out;
	}
	for (i = 0; i < n && !rc; i++) {
		if (items[i].decision != CARRY_KEEP)
			continue;
		kept[nkept].old_ref = items[i].ref;
		rc = carry_keep(s, plan_find_action(old, items[i].ref),
		    &items[i], &mto, rto, old->mandate.label, &rep,
		    &kept[nkept].new_id, e);
		nkept++;
	}
	for (i = 0; i < n && !rc; i++) {
		const struct action *a = plan_find_action(old, items[i].ref);
		struct action *target = NULL;
		struct strbuf d = {0};
		size_t k;

		if (items[i].decision == CARRY_CLOSE) {
			rc = sp_journal_add(s, from, "action", a->id, a->ref,
			    "cloture", NULL, mto.label, 0, e);
			sb_printf(&rep, "%s close (non reprise en %s)\n", a->ref,
			    mto.label);
			continue;
		}
		if (items[i].decision != CARRY_MERGE)
			continue;
		for (k = 0; k < nkept; k++)
			if (str_eq(kept[k].old_ref, items[i].into))
				break;
		if (k == nkept) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : %s doit fusionner dans une action "
			    "gardée, or %s ne l'est pas", a->ref,
			    items[i].into ? items[i].into : "(rien)");
			break;
		}
		if ((rc = store_get_action(s, kept[k].new_id, &target, e)))
			break;
		sb_append(&d, target->description);
		sb_printf(&d, "%sReprend aussi l'action %s du mandat %s : %s",
		    d.len ? "\n\n" : "", a->ref, old->mandate.label,
		    a->designation);
		free(target->description);
		target->description = sb_steal(&d);
		if (!(rc = store_update_action(s, target, e)) &&
		    !(rc = add_origin(s, target->id, a->id, "fusion", e)))
			rc = sp_journal_add(s, to, "action", target->id,
			    target->ref, "fusion", NULL, a->ref, 0, e);
		if (!rc)
			sb_printf(&rep, "%s fusionnée dans %s\n", a->ref,
			    target->ref);
		action_free(&target);
	}
out:
	free(kept);
	plan_free(&old);
	mandate_clear(&mto);
	referential_free(&rto);
	sb_free(&missing);
	rc = sp_tx_end(s, rc, e);
	if (!rc && report)
		*report = sb_steal(&rep);
	else
		sb_free(&rep);
	return rc;
}

int store_set_assessment(struct store *s, int64_t mandate_id, int engagement,
    int value, const char *comment, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char eng[16], vold[8] = "", vnew[8] = "";
	char *cold = NULL;
	int rc, had = 0, old = -1;

	if (value < -1 || value > RESULT_ACHIEVED)
		return err_set(e, ERR_INVALID, "appréciation invalide");
	if (comment && (!utf8_valid(comment, strlen(comment)) ||
	    utf8_len(comment) > MODEL_MAX_TEXT))
		return err_set(e, ERR_INVALID,
		    "commentaire de l'engagement : texte invalide ou trop long");
	if (comment && !*comment)
		comment = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_prep(s, "SELECT count(*) FROM ref_engagement r JOIN "
	    "mandate m ON m.referential_id = r.referential_id WHERE m.id = ? "
	    "AND r.number = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (sqlite3_step(st) != SQLITE_ROW || !sqlite3_column_int(st, 0)) {
		rc = err_set(e, ERR_INVALID,
		    "engagement %d inconnu dans le référentiel du mandat",
		    engagement);
		goto out;
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT value, comment FROM assessment WHERE "
	    "mandate_id = ? AND engagement = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (sqlite3_step(st) == SQLITE_ROW) {
		had = 1;
		old = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 0);
		cold = sp_col_text(st, 1);
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "INSERT INTO assessment (mandate_id, engagement, "
	    "value, comment) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (mandate_id, "
	    "engagement) DO UPDATE SET value = ?3, comment = ?4", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (value < 0)
		sqlite3_bind_null(st, 3);
	else
		sqlite3_bind_int(st, 3, value);
	sp_bind_text(st, 4, comment);
	if ((rc = sp_exec1(s, st, "appréciation", e)))
		goto out;
	snprintf(eng, sizeof eng, "%d", engagement);
	if (old >= 0)
		snprintf(vold, sizeof vold, "%d", old);
	if (value >= 0)
		snprintf(vnew, sizeof vnew, "%d", value);
	if (!had || old != value)
		rc = sp_journal_add(s, mandate_id, "appreciation", engagement,
		    eng, "valeur", *vold ? vold : NULL, *vnew ? vnew : NULL, 0,
		    e);
	if (!rc && !str_eq(cold, comment))
		rc = sp_journal_add(s, mandate_id, "appreciation", engagement,
		    eng, "commentaire", cold, comment, 0, e);
out:
	sqlite3_finalize(st);
	free(cold);
	return sp_tx_end(s, rc, e);
}
