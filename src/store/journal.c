/*
 * journal.c - the journal: one row per changed field, grouped by
 * transaction (txn), and the history read back from it.
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

int sp_journal_txn(struct store *s, int64_t *txn, struct err *e)
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
	if (sp_row(s, st, &rc, "journal", e))
		s->txn = *txn = sqlite3_column_int64(st, 0);
	else if (!rc)
		rc = sp_db_err(s, e, "journal");
	sp_release(s, st);
	return rc;
}

int sp_journal_add(struct store *s, int64_t mandate_id,
    enum journal_entity entity, int64_t entity_id, const char *ref,
    const char *field, const char *old_value, const char *new_value,
    int is_undo, struct err *e)
{
	sqlite3_stmt *st;
	char at[32];
	int64_t txn;
	int rc;

	if ((rc = sp_journal_txn(s, &txn, e)))
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
	sp_bind_text(st, 5, journal_entity_name(entity));
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

void sp_read_journal(sqlite3_stmt *st, struct journal_entry *j)
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
	    "((entity = ?4 AND entity_id IN (SELECT id FROM chain)) OR "
	    "(entity = ?5 AND entity_id IN (SELECT i.id FROM "
	    "indicator i WHERE i.action_id IN (SELECT id FROM chain))) OR "
	    "(entity = ?5 AND mandate_id = ?1 AND ref = ?2))) "
	    "ORDER BY id DESC LIMIT ?3", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, ref);
	sqlite3_bind_int64(st, 3, limit ? (int64_t)limit : -1);
	sp_bind_text(st, 4, journal_entity_name(JE_ACTION));
	sp_bind_text(st, 5, journal_entity_name(JE_INDICATOR));
	while (sp_row(s, st, &rc, "lecture du journal", e)) {
		GROW(v, nv);
		sp_read_journal(st, &v[nv++]);
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
