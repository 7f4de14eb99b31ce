/*
 * store_tui.c - queries of the terminal interface that store.c does not
 * offer: the assessments of a mandate without its whole plan (the
 * Synthèse screen must stay instant on a large database), the lock
 * wait of the interface's connection, the compact rows of the plan
 * screen with their in-memory filter, and the ids a search matches (so
 * that a search marks the rows already loaded instead of reloading).
 *
 * Queries only; statements are literals with bound values.
 */
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "store_tui.h"
#include "util.h"

int store_list_assessments(struct store *s, int64_t mandate_id,
    struct assessment **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct assessment *v = NULL;
	size_t nv = 0;
	int rc, step;

	if ((rc = sp_prep(s, "SELECT engagement, value, comment FROM "
	    "assessment WHERE mandate_id = ? ORDER BY engagement", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		void *np = realloc(v, (nv + 1) * sizeof *v);

		if (!np) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
		v = np;
		memset(&v[nv], 0, sizeof *v);
		v[nv].engagement = sqlite3_column_int(st, 0);
		v[nv].value = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		v[nv].comment = sp_col_text(st, 2);
		nv++;
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "lecture des appréciations");
out:
	sqlite3_finalize(st);
	if (rc) {
		assessments_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

void assessments_free(struct assessment *as, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(as[i].comment);
	free(as);
}

void store_set_busy_ms(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, s->busy_ms = ms);
}

/* ---- Rows of the plan screen ---- */

/* The order of the plan (engagement, then N°), read from the covering
 * index action_order alone. */
static const char sql_order[] = "SELECT id FROM action WHERE mandate_id = ? "
    "ORDER BY engagement, sort_key";
/* The columns the plan list shows, none of the long texts, read in rowid
 * order: one pass over the table's pages, where the order of the index
 * would seek a page per row (a third slower at 100,000 actions). The
 * unary + keeps SQLite from walking an index of mandate_id instead. */
static const char sql_rows[] = "SELECT id, engagement, progress, priority, "
    "added, cancelled, good_practice, ref, designation, pilots, updated_at "
    "FROM action WHERE id BETWEEN ?2 AND ?3 AND +mandate_id = ?1 "
    "ORDER BY id";

struct text_block {
	char *buf;
	size_t len, cap;
};

/* Appends s (NULL: "") with its NUL; *off receives its offset. */
static int block_add(struct text_block *b, const unsigned char *s, int n,
    size_t *off)
{
	size_t need = (size_t)(s ? n : 0) + 1;

	if (b->len + need > b->cap) {
		size_t cap = b->cap ? b->cap : 1 << 16;
		char *np;

		while (cap < b->len + need)
			cap *= 2;
		if (!(np = realloc(b->buf, cap)))
			return ERR_NOMEM;
		b->buf = np;
		b->cap = cap;
	}
	*off = b->len;
	if (s && n)
		memcpy(b->buf + b->len, s, (size_t)n);
	b->buf[b->len + need - 1] = '\0';
	b->len += need;
	return 0;
}

static int col_add(struct text_block *b, sqlite3_stmt *st, int i,
    size_t *off)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return block_add(b, t, sqlite3_column_bytes(st, i), off);
}

/* One row of sql_rows (or sql_first) into r, its strings into b. */
static int read_row(sqlite3_stmt *st, struct text_block *b,
    struct action_row *r)
{
	r->id = sqlite3_column_int64(st, 0);
	r->engagement = sqlite3_column_int(st, 1);
	r->progress = sqlite3_column_int(st, 2);
	r->priority = sqlite3_column_int(st, 3) != 0;
	r->added = sqlite3_column_int(st, 4) != 0;
	r->cancelled = sqlite3_column_int(st, 5) != 0;
	r->good_practice = sqlite3_column_int(st, 6) != 0;
	r->never_updated = sqlite3_column_type(st, 10) == SQLITE_NULL;
	if (col_add(b, st, 7, &r->ref) ||
	    col_add(b, st, 8, &r->designation) ||
	    col_add(b, st, 9, &r->pilots) ||
	    col_add(b, st, 10, &r->updated_at))
		return ERR_NOMEM;
	return 0;
}

static int read_last_done(struct store *s, int64_t mandate_id, char **out,
    struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = sp_prep(s, "SELECT max(done_at) FROM review WHERE "
	    "mandate_id = ? AND done = 1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sp_col_text(st, 0);
	else
		rc = sp_db_err(s, e, "lecture des bilans");
	sqlite3_finalize(st);
	return rc;
}

struct id_pos {
	int64_t id;
	size_t pos;		/* place in the plan's order */
};

static int cmp_id_pos(const void *a, const void *b)
{
	int64_t x = ((const struct id_pos *)a)->id;
	int64_t y = ((const struct id_pos *)b)->id;

	return x < y ? -1 : x > y;
}

/* The ids of the mandate's actions in the plan's order, paired with
 * their rank, then sorted by id (to place rows read in rowid order). */
static int read_order(struct store *s, int64_t mandate_id,
    struct id_pos **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct id_pos *v = NULL;
	size_t nv = 0;
	int rc, step;

	if ((rc = sp_prep(s, sql_order, &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (array_grow(&v, nv, sizeof *v)) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
		v[nv].id = sqlite3_column_int64(st, 0);
		v[nv].pos = nv;
		nv++;
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "lecture des actions");
out:
	sqlite3_finalize(st);
	if (rc) {
		free(v);
		return rc;
	}
	if (nv)
		qsort(v, nv, sizeof *v, cmp_id_pos);
	*out = v;
	*n = nv;
	return 0;
}

int store_list_rows(struct store *s, int64_t mandate_id,
    struct action_rows *out, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct text_block b = {0};
	struct id_pos *ord = NULL;
	size_t nord = 0, j = 0, i, n;
	int rc, step;

	memset(out, 0, sizeof *out);
	if ((rc = read_last_done(s, mandate_id, &out->last_done, e)) ||
	    (rc = read_order(s, mandate_id, &ord, &nord, e)))
		goto out;
	if (!(out->v = calloc(nord + 1, sizeof *out->v)))
		goto nomem;
	if (nord) {
		if ((rc = sp_prep(s, sql_rows, &st, e)))
			goto out;
		sqlite3_bind_int64(st, 1, mandate_id);
		sqlite3_bind_int64(st, 2, ord[0].id);
		sqlite3_bind_int64(st, 3, ord[nord - 1].id);
	}
	while (st && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct action_row *r;

		while (j < nord && ord[j].id < id)
			j++;
		if (j == nord || ord[j].id != id)
			continue;	/* added since the order was read */
		r = &out->v[ord[j].pos];
		if (read_row(st, &b, r))
			goto nomem;
	}
	if (st && step != SQLITE_DONE) {
		rc = sp_db_err(s, e, "lecture des actions");
		goto out;
	}
	/* Drops the places of rows gone since the order was read (id 0). */
	for (i = n = 0; i < nord; i++)
		if (out->v[i].id)
			out->v[n++] = out->v[i];
	out->n = n;
	/* An empty plan still has a (one byte) block. */
	if (!b.buf && block_add(&b, NULL, 0, &j))
		goto nomem;
	out->text = b.buf;
	b.buf = NULL;
	goto out;
nomem:
	rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
out:
	sqlite3_finalize(st);
	free(b.buf);
	free(ord);
	if (rc)
		action_rows_free(out);
	return rc;
}

/* The first rows of the plan, through the index (a page per row: only
 * for a few), and how many actions the mandate has (the index alone). */
static const char sql_first[] = "SELECT id, engagement, progress, priority, "
    "added, cancelled, good_practice, ref, designation, pilots, updated_at "
    "FROM action WHERE mandate_id = ? ORDER BY engagement, sort_key "
    "LIMIT ?";
static const char sql_total[] = "SELECT count(*) FROM action WHERE "
    "mandate_id = ?";

int store_list_rows_first(struct store *s, int64_t mandate_id, size_t limit,
    struct action_rows *out, size_t *total, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct text_block b = {0};
	size_t off;
	int rc, step;

	memset(out, 0, sizeof *out);
	if ((rc = read_last_done(s, mandate_id, &out->last_done, e)) ||
	    (rc = sp_prep(s, sql_total, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = sp_db_err(s, e, "comptage des actions");
		goto out;
	}
	*total = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (!(out->v = calloc(limit + 1, sizeof *out->v)))
		goto nomem;
	if ((rc = sp_prep(s, sql_first, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int64(st, 2, (int64_t)limit);
	while (out->n < limit && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (read_row(st, &b, &out->v[out->n]))
			goto nomem;
		out->n++;
	}
	if (out->n < limit && step != SQLITE_DONE) {
		rc = sp_db_err(s, e, "lecture des actions");
		goto out;
	}
	if (!b.buf && block_add(&b, NULL, 0, &off))
		goto nomem;
	out->text = b.buf;
	b.buf = NULL;
	goto out;
nomem:
	rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
out:
	sqlite3_finalize(st);
	free(b.buf);
	if (rc)
		action_rows_free(out);
	return rc;
}

int store_count_engagements(struct store *s, int64_t mandate_id, int lo,
    int hi, int *actions, int *done, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc, step;

	memset(actions, 0, (size_t)(hi - lo + 1) * sizeof *actions);
	memset(done, 0, (size_t)(hi - lo + 1) * sizeof *done);
	if ((rc = sp_prep(s, "SELECT engagement, sum(cancelled = 0), "
	    "sum(cancelled = 0 AND progress = ?4) FROM action WHERE "
	    "mandate_id = ?1 AND engagement BETWEEN ?2 AND ?3 GROUP BY "
	    "engagement", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, lo);
	sqlite3_bind_int(st, 3, hi);
	sqlite3_bind_int(st, 4, PROGRESS_DONE);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int k = sqlite3_column_int(st, 0);

		if (k < lo || k > hi)
			continue;
		actions[k - lo] = sqlite3_column_int(st, 1);
		done[k - lo] = sqlite3_column_int(st, 2);
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "comptage des actions");
	sqlite3_finalize(st);
	return rc;
}

void action_rows_free(struct action_rows *r)
{
	free(r->v);
	free(r->text);
	free(r->last_done);
	memset(r, 0, sizeof *r);
}

int action_row_match(const struct action_rows *r, size_t i,
    const struct action_filter *f, const char *folded_pilot)
{
	const struct action_row *a = &r->v[i];

	if (f->engagement && a->engagement != f->engagement)
		return 0;
	if (f->progress >= 0 && a->progress != f->progress)
		return 0;
	if (f->priority_only && !a->priority)
		return 0;
	if (f->cancelled >= 0 && a->cancelled != f->cancelled)
		return 0;
	if (f->added_only && !a->added)
		return 0;
	/* Not updated since the last done review: never updated, or before
	 * it (no done review: only the never updated). */
	if (f->stale_only && !a->never_updated && (!r->last_done ||
	    strcmp(action_row_str(r, a->updated_at), r->last_done) >= 0))
		return 0;
	if (folded_pilot) {
		char *fp;
		int in;

		if (!*action_row_str(r, a->pilots))
			return 0;
		if (!(fp = text_fold(action_row_str(r, a->pilots))))
			return 0;
		in = strstr(fp, folded_pilot) != NULL;
		free(fp);
		if (!in)
			return 0;
	}
	return 1;
}

/* ---- Search ---- */

/* What the user typed as an FTS5 query: each word a quoted prefix term,
 * so that no FTS syntax is interpreted (as fts_query in store.c). */

int store_search_ids(struct store *s, const char *q, int64_t **ids,
    size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *fq = NULL;
	int64_t *v = NULL;
	size_t nv = 0;
	int rc = 0, step;

	*ids = NULL;
	*n = 0;
	if (str_empty(q))
		return 0;
	if (!(fq = sp_fts_query(q)))
		return 0;	/* only blanks */
	if ((rc = sp_prep(s, "SELECT rowid FROM action_fts WHERE action_fts "
	    "MATCH ? ORDER BY rowid", &st, e)))
		goto out;
	sp_bind_text(st, 1, fq);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (array_grow(&v, nv, sizeof *v)) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
		v[nv++] = sqlite3_column_int64(st, 0);
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "recherche");
out:
	sqlite3_finalize(st);
	free(fq);
	if (rc) {
		free(v);
		return rc;
	}
	*ids = v;
	*n = nv;
	return 0;
}

