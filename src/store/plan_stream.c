/*
 * plan_stream.c - the plan of a mandate for the export of large plans:
 * its head (everything but the actions) and its actions streamed one at
 * a time, from the live tables or from the snapshot of a done review.
 * Reads what sp_load_plan() in snapshot.c reads, the same way, so that the
 * head plus the streamed actions equal store_load_plan's plan
 * (tests/unit/test_export_stream.c checks it).
 *
 * Queries only; statements are literals with bound values.
 */
#include <stdlib.h>
#include <string.h>

#include "store_plan.h"
#include "store_priv.h"
#include "util.h"

static const char sql_live_actions[] = "SELECT " ACTION_COLS " FROM action "
    "WHERE mandate_id = ? ORDER BY engagement, sort_key";
static const char sql_snap_actions[] = "SELECT " ACTION_COLS " FROM "
    "snapshot_action WHERE snapshot_id = ? ORDER BY engagement, sort_key";
/* Without a pilot, a count that the indexes answer alone (the pilot's
 * test would make SQLite read every row of the table). */
static const char sql_live_count[] = "SELECT count(*) FROM action WHERE "
    "mandate_id = ?1";
static const char sql_snap_count[] = "SELECT count(*) FROM snapshot_action "
    "WHERE snapshot_id = ?1";
static const char sql_live_count_pilot[] = "SELECT count(*) FROM action "
    "WHERE mandate_id = ?1 AND instr(suivi_fold(pilots), ?2) > 0";
static const char sql_snap_count_pilot[] = "SELECT count(*) FROM "
    "snapshot_action WHERE snapshot_id = ?1 AND "
    "instr(suivi_fold(pilots), ?2) > 0";

/* What Évolution compares of an action, in the columns of sp_read_action:
 * no long texts (description, comments, perspectives), no contacts. */
static const char sql_light_actions[] = "SELECT " ACTION_COLS_LIGHT
    " FROM snapshot_action WHERE snapshot_id = ? ORDER BY engagement, "
    "sort_key";

static int head_mandate(struct store *s, int64_t mandate_id,
    struct mandate *out, struct err *e)
{
	struct mandate *ms = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = store_list_mandates(s, &ms, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (ms[i].id == mandate_id && !out->label) {
			*out = ms[i];
			memset(&ms[i], 0, sizeof ms[i]);
		}
		mandate_clear(&ms[i]);
	}
	free(ms);
	if (!out->label)
		return err_set(e, ERR_NOTFOUND, "mandat introuvable");
	return 0;
}

static int head_snapshot(struct store *s, int64_t sid, struct plan *p,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc, i;

	if ((rc = sp_prep(s, "SELECT created_at, nom, type, code, "
	    "departement, elu_nom, elu_fonction, elu_email, "
	    "elu_telephone, technique_nom, technique_service, "
	    "technique_email, technique_telephone, benevoles FROM "
	    "snapshot WHERE id = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	if (sp_row(s, st, &rc, "lecture du plan", e)) {
		p->snapshot_at = sp_col_text(st, 0);
		for (i = 0; i < C_COUNT; i++)
			p->coll.f[i] = sp_col_text(st, i + 1);
	} else if (!rc) {
		rc = err_set(e, ERR_NOTFOUND, "photographie du plan introuvable");
	}
	sqlite3_finalize(st);
	return rc;
}

static int head_reviews(struct store *s, int64_t sid, struct plan *p,
    struct err *e)
{
	return sp_read_reviews(s, &p->mandate, sid, &p->reviews, &p->n_reviews,
	    e);
}

static int head_assessments(struct store *s, int64_t sid, struct plan *p,
    struct err *e)
{
	return sp_read_assessments(s, p->mandate.id, sid, p, e);
}

/* The head of the plan of snapshot sid (0: live) of the mandate. */
static int load_head(struct store *s, int64_t mandate_id, int64_t sid,
    int year, struct plan **out, struct err *e)
{
	struct plan *p = plan_new();
	int rc;

	if (!p)
		return err_nomem(e);
	p->snapshot_year = year;
	if ((rc = head_mandate(s, mandate_id, &p->mandate, e)) ||
	    (rc = store_get_referential(s, p->mandate.referential_id, &p->ref,
	    e)) ||
	    (rc = sid ? head_snapshot(s, sid, p, e) :
	    store_get_collectivite(s, &p->coll, e)) ||
	    (rc = head_reviews(s, sid, p, e)) ||
	    (rc = head_assessments(s, sid, p, e))) {
		plan_free(&p);
		return rc;
	}
	*out = p;
	return 0;
}

int store_load_plan_head(struct store *s, int64_t mandate_id, int year,
    struct plan **out, struct err *e)
{
	int64_t sid;
	int rc;

	if ((rc = sp_find_snapshot(s, mandate_id, "bilan", year, &sid, e)))
		return rc;
	return load_head(s, mandate_id, sid, year, out, e);
}

int store_load_snapshot_light(struct store *s, int64_t mandate_id,
    int year, struct plan **out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct plan *p = NULL;
	int64_t sid;
	int rc;

	if ((rc = sp_find_snapshot(s, mandate_id, year ? "bilan" : "initial",
	    year, &sid, e)) ||
	    (rc = load_head(s, mandate_id, sid, year, &p, e)) ||
	    (rc = sp_prep(s, sql_light_actions, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, sid);
	while (sp_row(s, st, &rc, "lecture du plan", e)) {
		struct action a;

		sp_read_action(st, &a);
		if (plan_take_action(p, &a))
			rc = err_nomem(e);
		action_clear(&a);
		if (rc)
			goto out;
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		plan_free(&p);
		return rc;
	}
	*out = p;
	return 0;
}

int store_count_plan_actions(struct store *s, int64_t mandate_id, int year,
    const char *pilot, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *folded = NULL;
	int64_t sid;
	int rc;

	if ((rc = sp_find_snapshot(s, mandate_id, "bilan", year, &sid, e)))
		return rc;
	if (!str_empty(pilot) && !(folded = text_fold(pilot)))
		return err_nomem(e);
	if ((rc = sp_prep(s, folded ? (sid ? sql_snap_count_pilot :
	    sql_live_count_pilot) : (sid ? sql_snap_count : sql_live_count),
	    &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, sid ? sid : mandate_id);
	if (folded)
		sp_bind_text(st, 2, folded);
	if (sp_row(s, st, &rc, "comptage des actions", e))
		*n = (size_t)sqlite3_column_int64(st, 0);
	else if (!rc)
		rc = sp_db_err(s, e, "comptage des actions");
out:
	sqlite3_finalize(st);
	free(folded);
	return rc;
}

int store_each_plan_action(struct store *s, int64_t mandate_id, int year,
    int (*fn)(void *ctx, const struct action *a, struct err *e), void *ctx,
    struct err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t sid;
	int rc;

	if ((rc = sp_find_snapshot(s, mandate_id, "bilan", year, &sid, e)))
		return rc;
	if ((rc = sp_prep(s, sid ? sql_snap_actions : sql_live_actions, &st,
	    e)))
		return rc;
	sqlite3_bind_int64(st, 1, sid ? sid : mandate_id);
	rc = sp_step_actions(s, st, sid, 1, fn, ctx, e);
	sqlite3_finalize(st);
	return rc;
}

int store_plan_each(void *ctx, int (*fn)(void *fctx, const struct action *a,
    struct err *e), void *fctx, struct err *e)
{
	struct store_plan_ref *r = ctx;

	return store_each_plan_action(r->store, r->mandate_id, r->year, fn,
	    fctx, e);
}
