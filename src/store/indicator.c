/*
 * indicator.c - key indicators of an action and their yearly values,
 * live or frozen in a snapshot.
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
	while (sp_row(s, st_ind, &rc, "lecture des indicateurs", e)) {
		struct indicator *ind;
		void *np = realloc(a->indicators,
		    (a->n_indicators + 1) * sizeof *a->indicators);

		if (!np)
			return err_nomem(e);
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
		while (sp_row(s, st_val, &rc, "lecture des indicateurs", e)) {
			const unsigned char *v = sqlite3_column_text(st_val, 1);
			const unsigned char *c = sqlite3_column_text(st_val, 2);

			if (indicator_set_value(ind,
			    sqlite3_column_int(st_val, 0), (const char *)v,
			    (const char *)c))
				return err_set(e, ERR_NOMEM,
				    "mémoire insuffisante");
		}
		if (rc)
			return rc;
	}
	return rc;
}

const char sp_sql_ind_live[] = "SELECT id, position, label, unit, "
    "baseline, target, communicate FROM indicator WHERE action_id = ?1 "
    "ORDER BY position, id";

const char sp_sql_val_live[] = "SELECT year, value, comment FROM "
    "indicator_value WHERE indicator_id = ?1 ORDER BY year";

const char sp_sql_ind_snap[] = "SELECT id, position, label, unit, "
    "baseline, target, communicate FROM snapshot_indicator WHERE "
    "action_id = ?1 AND snapshot_id = ?2 ORDER BY position, id";

const char sp_sql_val_snap[] = "SELECT year, value, comment FROM "
    "snapshot_indicator_value WHERE indicator_id = ?1 AND "
    "snapshot_id = ?2 ORDER BY year";

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

int sp_action_ref_of(struct store *s, int64_t action_id, char **ref,
    int64_t *mandate_id, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, "SELECT ref, mandate_id FROM action WHERE id = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, action_id);
	if (sp_row(s, st, &rc, "lecture de l'action", e)) {
		*ref = sp_col_text(st, 0);
		*mandate_id = sqlite3_column_int64(st, 1);
	} else if (!rc) {
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

		journal_field_year(field, sizeof field, JF_VALUE, nv->year);
		if (!ov || !str_eq(ov->value, nv->value))
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id,
			    ref, field, ov ? ov->value : NULL, nv->value, 0, e);
		journal_field_year(field, sizeof field, JF_COMMENT, nv->year);
		if (!rc && (!ov || !str_eq(ov->comment, nv->comment)) &&
		    (nv->comment || (ov && ov->comment)))
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id,
			    ref, field, ov ? ov->comment : NULL, nv->comment,
			    0, e);
	}
	for (i = 0; old && i < old->n_values && !rc; i++) {
		char field[32];

		if (indicator_value_for(ind, old->values[i].year))
			continue;
		journal_field_year(field, sizeof field, JF_VALUE,
		    old->values[i].year);
		rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id, ref,
		    field, old->values[i].value, NULL, 0, e);
		journal_field_year(field, sizeof field, JF_COMMENT,
		    old->values[i].year);
		if (!rc && old->values[i].comment)
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id,
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
	if ((rc = sp_action_ref_of(s, ind->action_id, &ref, &mandate_id, e)))
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
	if ((rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id, ref,
	    journal_field_name(JF_CREATION), NULL, ind->label, 0, e)) ||
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

int sp_get_indicator(struct store *s, int64_t id, struct indicator *out,
    struct err *e)
{
	sqlite3_stmt *st = NULL, *sv = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = sp_cprep(s, "SELECT action_id, position, label, unit, baseline, "
	    "target, communicate FROM indicator WHERE id = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (!sp_row(s, st, &rc, "lecture de l'indicateur", e)) {
		if (!rc)
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
	if ((rc = sp_cprep(s, sp_sql_val_live, &sv, e)))
		goto out;
	sqlite3_bind_int64(sv, 1, id);
	while (sp_row(s, sv, &rc, "lecture de l'indicateur", e))
		if (indicator_set_value(out, sqlite3_column_int(sv, 0),
		    (const char *)sqlite3_column_text(sv, 1),
		    (const char *)sqlite3_column_text(sv, 2))) {
			rc = err_nomem(e);
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
	if ((rc = sp_get_indicator(s, ind->id, &old, e)) ||
	    (rc = sp_action_ref_of(s, old.action_id, &ref, &mandate_id, e)))
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
		const char *names[] = { journal_field_name(JF_LABEL),
		    journal_field_name(JF_UNIT),
		    journal_field_name(JF_BASELINE),
		    journal_field_name(JF_TARGET) };
		const char *ov[] = { old.label, old.unit, old.baseline,
		    old.target };
		const char *nv[] = { ind->label, ind->unit, ind->baseline,
		    ind->target };
		size_t i;

		for (i = 0; i < 4 && !rc; i++)
			if (!str_eq(ov[i], nv[i]))
				rc = sp_journal_add(s, mandate_id, JE_INDICATOR,
				    ind->id, ref, names[i], ov[i],
				    str_empty(nv[i]) ? NULL : nv[i], 0, e);
		if (!rc && old.communicate != ind->communicate)
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, ind->id,
			    ref, journal_field_name(JF_COMMUNICATE),
			    old.communicate ? "1" : "0",
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
	if ((rc = sp_get_indicator(s, id, &old, e)) ||
	    (rc = sp_action_ref_of(s, old.action_id, &ref, &mandate_id, e)))
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
		const char *names[] = { journal_field_name(JF_UNIT),
		    journal_field_name(JF_BASELINE),
		    journal_field_name(JF_TARGET) };
		const char *vals[] = { old.unit, old.baseline, old.target };
		size_t i;

		snprintf(aid, sizeof aid, "%lld", (long long)old.action_id);
		snprintf(pos, sizeof pos, "%d", old.position);
		rc = sp_journal_add(s, mandate_id, JE_INDICATOR, id, ref,
		    journal_field_name(JF_DELETION), old.label, aid, 0, e);
		if (!rc)
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, id, ref,
			    journal_field_name(JF_POSITION), pos, NULL, 0, e);
		for (i = 0; i < 3 && !rc; i++)
			if (vals[i])
				rc = sp_journal_add(s, mandate_id, JE_INDICATOR,
				    id, ref, names[i], vals[i], NULL, 0, e);
		if (!rc && old.communicate)
			rc = sp_journal_add(s, mandate_id, JE_INDICATOR, id,
			    ref, journal_field_name(JF_COMMUNICATE), "1", NULL,
			    0, e);
		for (i = 0; i < old.n_values && !rc; i++) {
			journal_field_year(field, sizeof field, JF_VALUE,
			    old.values[i].year);
			if (old.values[i].value)
				rc = sp_journal_add(s, mandate_id, JE_INDICATOR,
				    id, ref, field, old.values[i].value, NULL, 0,
				    e);
			journal_field_year(field, sizeof field, JF_COMMENT,
			    old.values[i].year);
			if (!rc && old.values[i].comment)
				rc = sp_journal_add(s, mandate_id, JE_INDICATOR,
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
