/*
 * rows.c - the compact rows of the plan list: what the plan screen shows
 * of each action (no long texts), read in one pass so that 100,000 rows
 * load instantly, their counts per engagement, and their in-memory filter
 * (the same as store_list_actions's).
 *
 * Queries only; statements are literals with bound values.
 */
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "store_rows.h"
#include "util.h"

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
	if (sp_row(s, st, &rc, "lecture des bilans", e))
		*out = sp_col_text(st, 0);
	else if (!rc)
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
	int rc;

	if ((rc = sp_prep(s, sql_order, &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	while (sp_row(s, st, &rc, "lecture des actions", e)) {
		if (array_grow(&v, nv, sizeof *v)) {
			rc = err_nomem(e);
			goto out;
		}
		v[nv].id = sqlite3_column_int64(st, 0);
		v[nv].pos = nv;
		nv++;
	}
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
	int rc;

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
	while (st && sp_row(s, st, &rc, "lecture des actions", e)) {
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
	if (rc)
		goto out;
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
	rc = err_nomem(e);
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
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = read_last_done(s, mandate_id, &out->last_done, e)) ||
	    (rc = sp_prep(s, sql_total, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	if (!sp_row(s, st, &rc, "comptage des actions", e)) {
		if (!rc)
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
	while (out->n < limit && sp_row(s, st, &rc, "lecture des actions",
	    e)) {
		if (read_row(st, &b, &out->v[out->n]))
			goto nomem;
		out->n++;
	}
	if (rc)
		goto out;
	if (!b.buf && block_add(&b, NULL, 0, &off))
		goto nomem;
	out->text = b.buf;
	b.buf = NULL;
	goto out;
nomem:
	rc = err_nomem(e);
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
	int rc;

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
	while (sp_row(s, st, &rc, "comptage des actions", e)) {
		int k = sqlite3_column_int(st, 0);

		if (k < lo || k > hi)
			continue;
		actions[k - lo] = sqlite3_column_int(st, 1);
		done[k - lo] = sqlite3_column_int(st, 2);
	}
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
	if (f->service) {
		char *key = pilot_key(f->service);
		int in = key && pilots_has(action_row_str(r, a->pilots), key);

		free(key);
		if (!in)
			return 0;
	}
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
