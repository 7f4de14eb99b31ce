/*
 * maintenance.c - what keeps a base safe: the online backup, an
 * in-memory copy (the dry run of an import), and the integrity check
 * (SQLite's, the foreign keys, the search index).
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

int store_backup(struct store *s, const char *dest, struct err *e)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	struct strbuf tmp = {0};
	int fd, rc = 0;

	if (sb_printf(&tmp, "%s.tmp-XXXXXX", dest))
		return err_nomem(e);
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
		return err_nomem(e);
	}
	if (sqlite3_open_v2(":memory:", &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		rc = err_nomem(e);
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
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sp_fold_func, NULL,
	    NULL) != SQLITE_OK) {
		rc = sp_db_err(c, e, "copie de la base pour l'essai");
		goto out;
	}
	if ((rc = sp_exec_sql(c, "PRAGMA foreign_keys = ON", "copie de la "
	    "base pour l'essai", e)) || (rc = sp_exec_sql(c, sp_fts_setup_sql,
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

