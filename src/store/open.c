/*
 * open.c - opening a base: creating the file with the right mode,
 * migrations (schema/NNN-*.sql, compiled in, applied by number and
 * tracked by PRAGMA user_version), pragmas, a read-only or immutable
 * open, the network-share mode; and closing it.
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

void sp_fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv)
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
		return err_nomem(e);
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
		return err_nomem(e);
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
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sp_fold_func, NULL,
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
		if ((rc = sp_exec_sql(s, sp_fts_setup_sql, "ouverture", e)))
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
	sp_cache_clear(*ps);
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

