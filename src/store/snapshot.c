/*
 * snapshot.c - frozen plans: the initial plan and each done yearly
 * review, and loading a whole plan, live or frozen.
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
		return err_nomem(e);
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
	while (sp_row(s, st, &rc, "lecture des bilans", e)) {
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

/* Copies the live plan of a mandate into a new snapshot. */
int sp_make_snapshot(struct store *s, int64_t mandate_id,
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

int sp_set_snapshot_current(struct store *s, int64_t id, int current,
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
	while (sp_row(s, st, &rc, "lecture des appréciations", e)) {
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

int sp_load_plan(struct store *s, int64_t mandate_id,
    int64_t snapshot_id, int year, struct plan **out, struct err *e)
{
	struct plan *p = plan_new();
	sqlite3_stmt *st = NULL, *si = NULL, *sv = NULL;
	int rc;

	if (!p)
		return err_nomem(e);
	if ((rc = sp_get_mandate_by_id(s, mandate_id, &p->mandate, e)) ||
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
		if (!sp_row(s, st, &rc, "lecture du plan", e)) {
			if (!rc)
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
		    (rc = sp_prep(s, sp_sql_ind_snap, &si, e)) ||
		    (rc = sp_prep(s, sp_sql_val_snap, &sv, e)))
			goto out;
		sqlite3_bind_int64(st, 1, snapshot_id);
	} else {
		if ((rc = store_get_collectivite(s, &p->coll, e)))
			goto out;
		if ((rc = sp_prep(s, sp_sql_list_full, &st, e)) ||
		    (rc = sp_prep(s, sp_sql_ind_live, &si, e)) ||
		    (rc = sp_prep(s, sp_sql_val_live, &sv, e)))
			goto out;
		{
			char *pilot, *q;

			sp_bind_filter(st, mandate_id, NULL, &pilot, &q);
		}
	}
	while (sp_row(s, st, &rc, "lecture du plan", e)) {
		struct action a;

		sp_read_action(st, &a);
		rc = sp_read_indicators(s, si, sv, snapshot_id, &a, e);
		if (!rc && plan_take_action(p, &a))
			rc = err_nomem(e);
		action_clear(&a);
		if (rc)
			goto out;
	}
	if (rc)
		goto out;
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
	if (sp_row(s, st, &rc, "lecture des photographies du plan", e))
		*id = sqlite3_column_int64(st, 0);
	else if (!rc && year)
		rc = err_set(e, ERR_NOTFOUND,
		    "le bilan %d n'est pas fait : pas de plan figé pour "
		    "cette année", year);
	else if (!rc)
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
	return sp_load_plan(s, mandate_id, sid, year, out, e);
}

int store_freeze_initial(struct store *s, int64_t mandate_id,
    struct err *e)
{
	int64_t sid;
	int has = 0, rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_has_initial(s, mandate_id, &has, e)))
		goto out;
	if (has) {
		rc = err_set(e, ERR_INVALID,
		    "le plan initial de ce mandat est déjà figé");
		goto out;
	}
	if ((rc = sp_make_snapshot(s, mandate_id, "initial", 0, &sid, e)))
		goto out;
	rc = sp_journal_add(s, mandate_id, JE_INITIAL, sid, NULL,
	    journal_field_name(JF_FROZEN), "0", "1", 0, e);
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
	return sp_load_plan(s, mandate_id, sid, 0, out, e);
}
