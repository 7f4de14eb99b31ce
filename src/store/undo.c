/*
 * undo.c - undoing the newest change of the current user from the
 * journal.
 *
 * Design notes
 * - What is undone: the newest txn of the current login that is neither
 *   an undo itself nor already undone (sp_undo_last_txn); opening a
 *   mandate is never undone. Every row of that txn is reverted, newest
 *   first, in one transaction, dispatched by its entity (undoers[]);
 *   the txn is then marked undone and each reversal journaled with
 *   is_undo = 1.
 * - The conflict rule: a row is reverted only while the stored value is
 *   still the one the change wrote (new_value); otherwise someone changed
 *   it since, and the whole undo is refused (undo_conflict), nothing
 *   done.
 * - Asking first: store_undo_peek (undo_peek.c) classifies the change;
 *   store_undo_txn(expect) refuses when the newest txn is no longer the
 *   one the user was asked about.
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

static int undo_conflict(const struct journal_entry *j, const char *cur,
    struct err *e)
{
	return err_set(e, ERR_CONFLICT,
	    "annulation impossible : %s %s (%s) a été modifié depuis "
	    "(valeur actuelle « %.80s »)", j->entity, j->ref ? j->ref : "",
	    j->field, cur ? cur : "");
}

static int undo_action_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	enum journal_field jf = journal_field_parse(j->field);
	struct action *a = NULL;
	struct action before;
	const struct field_def *fd;
	struct strbuf cur = {0};
	sqlite3_stmt *st;
	int rc;

	(void)mandate_id;	/* the action's own */
	memset(&before, 0, sizeof before);
	if (jf == JF_CREATION) {
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
	if (jf == JF_CARRIED || jf == JF_CLOSED)
		return 0;	/* undone with the creation it accompanies */
	if (jf == JF_MERGED) {
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
			rc = err_nomem(e);
			goto out;
		}
		if (sp_texts_changed(&before, a) &&
		    str_replace(&a->texts_updated_at, at)) {
			rc = err_nomem(e);
			goto out;
		}
	}
	if ((rc = sp_write_action(s, a, e)))
		goto out;
	rc = sp_journal_add(s, a->mandate_id, JE_ACTION, a->id, a->ref, j->field,
	    j->new_value, j->old_value, 1, e);
out:
	sb_free(&cur);
	action_clear(&before);
	action_free(&a);
	return rc;
}

/* Re-creates a deleted indicator (same id) from the journal rows its
 * deletion wrote. */
static int restore_indicator(struct store *s, const struct journal_entry *j,
    struct err *e)
{
	struct indicator ind;
	sqlite3_stmt *st = NULL;
	int64_t action_id = j->new_value ? strtoll(j->new_value, NULL, 10) : 0;
	enum journal_field jf, kind = JF_OTHER;
	int rc, year = 0, yearly;
	size_t i;

	memset(&ind, 0, sizeof ind);
	if ((rc = sp_prep(s, "SELECT field, old_value FROM journal WHERE "
	    "txn = ?1 AND entity = ?3 AND entity_id = ?2 AND "
	    "is_undo = 0", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, j->txn);
	sqlite3_bind_int64(st, 2, j->entity_id);
	sp_bind_text(st, 3, journal_entity_name(JE_INDICATOR));
	while (sp_row(s, st, &rc, "lecture du journal", e)) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);

		if (!f || !v)
			continue;
		jf = journal_field_parse(f);
		yearly = journal_parse_year_field(f, &kind, &year);
		if (jf == JF_DELETION)
			rc = str_replace(&ind.label, v);
		else if (jf == JF_POSITION)
			ind.position = atoi(v);
		else if (jf == JF_UNIT)
			rc = str_replace(&ind.unit, v);
		else if (jf == JF_BASELINE)
			rc = str_replace(&ind.baseline, v);
		else if (jf == JF_TARGET)
			rc = str_replace(&ind.target, v);
		else if (jf == JF_COMMUNICATE)
			ind.communicate = 1;
		else if (yearly && kind == JF_VALUE) {
			const struct indicator_value *iv =
			    indicator_value_for(&ind, year);

			rc = indicator_set_value(&ind, year, v,
			    iv ? iv->comment : NULL);
		} else if (yearly) {
			const struct indicator_value *iv =
			    indicator_value_for(&ind, year);

			rc = indicator_set_value(&ind, year,
			    iv ? iv->value : NULL, v);
		}
		if (rc) {
			rc = err_nomem(e);
			goto out;
		}
	}
	if (rc)
		goto out;
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

		if (!(rc = sp_action_ref_of(s, action_id, &ref, &mandate_id, e)))
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR,
			    j->entity_id, ref, journal_field_name(JF_CREATION),
			    NULL, ind.label, 1, e);
		free(ref);
	}
out:
	sqlite3_finalize(st);
	indicator_clear(&ind);
	return rc;
}

static int undo_indicator_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	enum journal_field jf = journal_field_parse(j->field), kind = JF_OTHER;
	struct indicator ind;
	sqlite3_stmt *st;
	int rc, year = 0;
	const char *cur = NULL;
	char buf[32];

	(void)mandate_id;	/* the indicator's action's own */
	memset(&ind, 0, sizeof ind);
	if (jf == JF_CREATION) {
		if ((rc = sp_prep(s, "DELETE FROM indicator WHERE id = ?", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, j->entity_id);
		rc = sp_exec1(s, st, "annulation", e);
		sqlite3_finalize(st);
		return rc;
	}
	if (jf == JF_DELETION)
		return restore_indicator(s, j, e);
	if ((rc = sp_get_indicator(s, j->entity_id, &ind, e))) {
		/* a value of a deleted indicator: restored with it */
		if (rc == ERR_NOTFOUND && !j->new_value)
			return 0;
		return rc;
	}
	if (!journal_parse_year_field(j->field, &kind, &year))
		kind = JF_OTHER;
	if (kind == JF_VALUE) {
		const struct indicator_value *v = indicator_value_for(&ind, year);

		cur = v ? v->value : NULL;
		if (!str_eq(cur, j->new_value)) {
			rc = undo_conflict(j, cur, e);
			goto out;
		}
		rc = indicator_set_value(&ind, year, j->old_value,
		    v ? v->comment : NULL);
	} else if (kind == JF_COMMENT) {
		const struct indicator_value *v = indicator_value_for(&ind, year);

		cur = v ? v->comment : NULL;
		if (!str_eq(cur, j->new_value)) {
			rc = undo_conflict(j, cur, e);
			goto out;
		}
		rc = indicator_set_value(&ind, year, v ? v->value : NULL,
		    j->old_value);
	} else {
		char **slot = jf == JF_LABEL ? &ind.label :
		    jf == JF_UNIT ? &ind.unit :
		    jf == JF_BASELINE ? &ind.baseline :
		    jf == JF_TARGET ? &ind.target : NULL;

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
		rc = err_nomem(e);
		goto out;
	}
	/* store_update_indicator journals the reversal as a normal change;
	 * mark it as an undo. */
	{
		int64_t txn;

		if ((rc = sp_journal_txn(s, &txn, e)) ||
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

/* The helpers of the undo_*_entry below journal the reversal as a
 * change: marks it as an undo. */
static int mark_undo(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "UPDATE journal SET is_undo = 1 WHERE txn = ?", &st,
	    e)))
		return rc;
	sqlite3_bind_int64(st, 1, s->txn);
	rc = sp_exec1(s, st, "annulation", e);
	sqlite3_finalize(st);
	return rc;
}

/* The newest txn of the current user that can be undone (0: none). */
int sp_undo_last_txn(struct store *s, int64_t *txn, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*txn = 0;
	/* Opening a mandate is not an edit one undoes. */
	if ((rc = sp_prep(s, "SELECT max(txn) FROM journal WHERE user = ? AND "
	    "is_undo = 0 AND undone = 0 AND entity <> ?", &st, e)))
		return rc;
	sp_bind_text(st, 1, user_login());
	sp_bind_text(st, 2, journal_entity_name(JE_MANDATE));
	if (sp_row(s, st, &rc, "lecture du journal", e))
		*txn = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if (!*txn)
		return err_set(e, ERR_NOTFOUND,
		    "rien à défaire : aucune modification de %s dans le "
		    "journal", user_login());
	return 0;
}

/* The journal rows of txn, newest first. */
int sp_undo_entries(struct store *s, int64_t txn,
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
	while (sp_row(s, st, &rc, "lecture du journal", e)) {
		GROW(v, nv);
		sp_read_journal(st, &v[nv]);
		*mandate_id = sqlite3_column_int64(st, 12);
		nv++;
	}
out:
	sqlite3_finalize(st);
	*out = v;
	*n = nv;
	return rc;
}


static int undo_collectivite_entry(struct store *s,
    const struct journal_entry *j, int64_t mandate_id, struct err *e)
{
	const struct coll_field_def *cf = coll_field_find(j->field);
	struct collectivite c = {0};
	int rc;

	(void)mandate_id;	/* one collectivité per base */
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
	return mark_undo(s, e);
}

static int undo_review_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc, year = atoi(j->ref ? j->ref : "0");

	if (journal_field_parse(j->field) == JF_COMMENTS) {
		if ((rc = store_set_review_comments(s, mandate_id, year,
		    j->old_value, e)))
			return rc;
	} else if (str_eq(j->new_value, "1")) {
		if ((rc = store_set_review_done(s, mandate_id, year, 0, e)))
			return rc;
	} else {
		/* Ticking again restores the snapshot that was current
		 * before the untick. */
		struct review *rv = NULL;
		size_t n = 0, i;

		if ((rc = sp_set_snapshot_current(s, j->entity_id, 1, e)))
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
			rc = sp_journal_add(s, mandate_id, JE_REVIEW,
			    j->entity_id, j->ref, journal_field_name(JF_DONE),
			    "0", "1", 0, e);
		if (rc)
			return rc;
	}
	return mark_undo(s, e);
}

static int undo_assessment_entry(struct store *s,
    const struct journal_entry *j, int64_t mandate_id, struct err *e)
{
	struct plan *p = NULL;
	int eng = (int)j->entity_id, value = -1, rc;
	char *comment = NULL;
	size_t k;

	if ((rc = sp_load_plan(s, mandate_id, 0, 0, &p, e)))
		return rc;
	for (k = 0; k < p->n_assessments; k++)
		if (p->assessments[k].engagement == eng) {
			value = p->assessments[k].value;
			comment = xstrdup(p->assessments[k].comment);
		}
	plan_free(&p);
	if (journal_field_parse(j->field) == JF_VALUE)
		value = j->old_value ? atoi(j->old_value) : -1;
	else if (str_replace(&comment, j->old_value))
		return err_nomem(e);
	rc = store_set_assessment(s, mandate_id, eng, value, comment, e);
	free(comment);
	if (rc)
		return rc;
	return mark_undo(s, e);
}

static int undo_initial_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	int rc;

	if ((rc = sp_set_snapshot_current(s, j->entity_id, 0, e)))
		return rc;
	if ((rc = sp_journal_add(s, mandate_id, JE_INITIAL, j->entity_id, NULL,
	    journal_field_name(JF_FROZEN), "1", "0", 0, e)))
		return rc;
	return mark_undo(s, e);
}

static int undo_mandate_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	(void)s;
	(void)j;
	(void)mandate_id;
	return err_set(e, ERR_CONFLICT,
	    "l'ouverture d'un mandat ne peut pas être annulée");
}

/* How each entity of the journal is undone. */
static const struct {
	enum journal_entity entity;
	int (*undo)(struct store *s, const struct journal_entry *j,
	    int64_t mandate_id, struct err *e);
} undoers[] = {
	{ JE_ACTION, undo_action_entry },
	{ JE_INDICATOR, undo_indicator_entry },
	{ JE_COLLECTIVITE, undo_collectivite_entry },
	{ JE_REVIEW, undo_review_entry },
	{ JE_ASSESSMENT, undo_assessment_entry },
	{ JE_INITIAL, undo_initial_entry },
	{ JE_MANDATE, undo_mandate_entry },
};

static int undo_entry(struct store *s, const struct journal_entry *j,
    int64_t mandate_id, struct err *e)
{
	enum journal_entity en = journal_entity_parse(j->entity);
	size_t i;

	for (i = 0; i < sizeof undoers / sizeof *undoers; i++)
		if (undoers[i].entity == en)
			return undoers[i].undo(s, j, mandate_id, e);
	return err_set(e, ERR_CONFLICT,
	    "cette modification (%s) ne peut pas être annulée", j->entity);
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
	if ((rc = sp_undo_last_txn(s, &txn, e)))
		goto out;
	if (expect && txn != expect) {
		rc = err_set(e, ERR_CONFLICT, "votre dernière modification a "
		    "changé entre-temps (une autre session à votre nom ?) : "
		    "rien n'a été défait, recommencez");
		goto out;
	}
	if ((rc = sp_undo_entries(s, txn, &v, &nv, &mandate_id, e)))
		goto out;
	for (i = 0; i < nv && !rc; i++) {
		const struct journal_entry *j = &v[i];

		rc = undo_entry(s, j, mandate_id, e);
	}
	if (rc)
		goto out;
	sp_undo_describe_fields(v, nv, &desc);
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
