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

#define APP_ID 0x53554956	/* "SUIV" */

#define BUSY_MS 5000

extern const char *const store_migrations[];

extern const size_t store_n_migrations;
/* The NNN of each file, ascending; user_version is the last one applied. */
extern const int store_migration_numbers[];

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
	if (sp_row(s, st, &rc, "lecture de la base", e))
		*out = sqlite3_column_int64(st, 0);
	else if (!rc)
		rc = sp_db_err(s, e, "lecture de la base");
	sqlite3_finalize(st);
	return rc;
}

static int migrate(struct store *s, struct err *e)
{
	int64_t version = 0, app = 0, tables = 0, last;
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
	last = store_n_migrations ?
	    store_migration_numbers[store_n_migrations - 1] : 0;
	if (version > last)
		return err_set(e, ERR_NOTSUIVI,
		    "%s a été créée par une version plus récente de suivi "
		    "(schéma %lld) : mettez suivi à jour", s->path,
		    (long long)version);
	if (version == last)
		return 0;
	if (s->readonly)
		return err_set(e, ERR_READONLY,
		    "%s doit être mise à jour mais est en lecture seule",
		    s->path);
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	/* By number, not by position: a migration numbered after a gap
	 * (006 and 007 written on other branches) is still applied once. */
	for (i = 0; i < store_n_migrations && !rc; i++) {
		char pragma[64];

		if (store_migration_numbers[i] <= version)
			continue;
		rc = sp_exec_sql(s, store_migrations[i], "mise à jour du schéma",
		    e);
		if (!rc) {
			snprintf(pragma, sizeof pragma,
			    "PRAGMA user_version = %d",
			    store_migration_numbers[i]);
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
		if (!sp_row(s, stj, &rc, "ouverture", e)) {
			if (!rc)
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
	int rc, bad = 0, corrupt = 0;

	*ok = 1;
	if ((rc = sp_prep(s, "PRAGMA integrity_check", &st, e)))
		return rc;
	while (sp_row(s, st, &rc, "vérification de la base", e)) {
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
	/* A check that cannot even read the base has found what it looks
	 * for: a finding in the report, not a failure of the check. */
	if (rc == ERR_NOTSUIVI) {
		if (!bad++)
			snprintf(first, sizeof first, "%s", sp_db_cause(s->db));
		corrupt = 1;
		rc = 0;
	}
	if (bad) {
		*ok = 0;
		sb_printf(&sb, "intégrité : la base est endommagée (%d "
		    "anomalie%s de structure ; détail technique : %s) ; "
		    "restaurez la dernière sauvegarde\n", bad,
		    bad > 1 ? "s" : "", first);
	}
	if (corrupt || rc ||
	    (rc = sp_prep(s, "PRAGMA foreign_key_check", &st, e)))
		goto out;
	while (sp_row(s, st, &rc, "vérification de la base", e)) {
		*ok = 0;
		sb_printf(&sb, "référence cassée : table %s, ligne %lld\n",
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
	}
	sqlite3_finalize(st);
	if (rc || (rc = sp_prep(s, "INSERT INTO action_fts(action_fts, rank) "
	    "VALUES ('integrity-check', 1)", &st, e)))
		goto out;
	/* A failed check of the index is a finding, not an error. */
	if (!s->readonly && sp_exec1(s, st, "index de recherche", NULL)) {
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

void store_set_busy_ms(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, s->busy_ms = ms);
}
