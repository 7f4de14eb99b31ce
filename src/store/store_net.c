/*
 * store_net.c - a base on a network file system (NFS, SMB/CIFS, sshfs...):
 * what store_open does differently there, the French text of a busy
 * base, and the journal row of a lock taken over.
 *
 * Such a base is opened through the netvfs VFS (every transaction holds
 * the lock file beside it), never in WAL mode (its shared memory is per
 * machine): a WAL base is brought back to a rollback journal, in
 * exclusive locking mode so that no shared memory is ever mapped.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netlock.h"
#include "netvfs.h"
#include "store_priv.h"
#include "store_rows.h"

static int refresh_progress(void *ctx)
{
	netvfs_refresh(ctx);
	return 0;
}

int sp_net_vfs(const char **name, struct err *e)
{
	if (!(*name = netvfs_name()))
		return err_set(e, ERR_DB, "base sur un partage réseau : "
		    "verrouillage indisponible dans cette version de SQLite");
	return 0;
}

int sp_net_setup(struct store *s, struct err *e)
{
	int rc;

	/* In exclusive mode SQLite reads a WAL without shared memory; the
	 * switch to DELETE checkpoints it and removes the -wal file. */
	if ((rc = sp_exec_sql(s, "PRAGMA locking_mode = EXCLUSIVE",
	    "ouverture", e)))
		return rc;
	if (!s->readonly)
		rc = sp_exec_sql(s, "PRAGMA journal_mode = DELETE",
		    "ouverture", e);
	else
		rc = sp_exec_sql(s, "SELECT count(*) FROM sqlite_schema",
		    "ouverture", e);
	if (!rc)
		rc = sp_exec_sql(s, "PRAGMA locking_mode = NORMAL", "ouverture",
		    e);
	/* The lock of exclusive mode goes at the next access. */
	if (!rc)
		rc = sp_exec_sql(s, "SELECT count(*) FROM sqlite_schema",
		    "ouverture", e);
	if (!rc && !s->readonly)
		rc = sp_exec_sql(s, "PRAGMA synchronous = FULL", "ouverture", e);
	if (!rc)
		sqlite3_progress_handler(s->db, 20000, refresh_progress, s->db);
	return rc;
}

int sp_net_busy(struct store *s, struct err *e, const char *what)
{
	char who[256];

	if (!s->netfs || !netvfs_holder(s->db, who, sizeof who))
		return 0;
	err_set(e, ERR_LOCKED, "%s : la base est utilisée par %s ; "
	    "réessayez dans un instant", what, who);
	return ERR_LOCKED;
}

void sp_net_journal(struct store *s)
{
	char who[256], by[256], at[32];
	struct netlock_holder me;
	sqlite3_stmt *st = NULL;

	if (!s->netfs || s->readonly || s->depth > 0 ||
	    !netvfs_take_takeover(s->db, who, sizeof who))
		return;
	memset(&me, 0, sizeof me);
	snprintf(me.user, sizeof me.user, "%s", user_login());
	snprintf(me.host, sizeof me.host, "%s", netlock_hostname());
	me.pid = (long)getpid();
	me.since = (int64_t)time(NULL);
	netlock_describe(&me, me.since, by, sizeof by);
	sp_now_str(at, sizeof at);
	/* In a txn of its own, under the name "suivi": not an edit of the
	 * user's, so that no undo picks it. */
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return;
	if (sqlite3_prepare_v2(s->db, "INSERT INTO journal (txn, at, user, "
	    "entity, field, old_value, new_value) VALUES ((SELECT "
	    "coalesce(max(txn), 0) + 1 FROM journal), ?, 'suivi', 'base', "
	    "'verrou', ?, ?)", -1, &st, NULL) == SQLITE_OK) {
		sp_bind_text(st, 1, at);
		sp_bind_text(st, 2, who);
		sp_bind_text(st, 3, by);
		if (sqlite3_step(st) == SQLITE_DONE) {
			sqlite3_finalize(st);
			if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) ==
			    SQLITE_OK)
				return;
			st = NULL;
		}
	}
	sqlite3_finalize(st);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int64_t sp_net_data_version(struct store *s)
{
	sqlite3_stmt *st;
	int64_t v = s->net_version;

	/* A poll never waits for the lock: a busy base is unchanged yet. */
	sqlite3_busy_timeout(s->db, 0);
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_busy_timeout(s->db, s->busy_ms);
	s->net_version = v;
	sp_net_journal(s);
	return v;
}

int store_busy_holder(struct store *s, char *buf, size_t n)
{
	return s->netfs && netvfs_holder(s->db, buf, n);
}
