/*
 * export.c - exporting a year: what `suivi export` and F6 both write.
 *
 * Chooses what to export (the frozen snapshot when the year's review is
 * done, else the live plan), the initial plan and the previous done
 * review for "Évolution", the document date (snapshot date, else
 * $SOURCE_DATE_EPOCH, else now) so that the same data gives the same
 * bytes from either front end, and the default file name; the export
 * module does the writing.
 *
 * From EXPORT_STREAM_MIN actions on, the XLSX export gets the plan
 * without its actions and reads them one at a time from the database
 * (store_each_plan_action), and the initial plan and previous review it
 * compares with come without their long texts (store_load_snapshot_light):
 * its memory no longer grows with the texts of the plan. Smaller plans
 * are loaded whole (the same bytes either way).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "store.h"

static int64_t source_date_epoch(void)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (!v || !*v)
		return 0;
	errno = 0;
	t = strtoll(v, &end, 10);
	if (*end || errno || t <= 0)
		return 0;
	return (int64_t)t;
}

/* The year's review is done (*frozen), and the latest done review
 * before it (*prev_year, 0: none). */
static int reviews_around(struct store *s, int64_t mandate_id, int year,
    int *frozen, int *prev_year, struct err *e)
{
	struct review *rv = NULL;
	size_t n = 0, i;
	int rc;

	*frozen = 0;
	*prev_year = 0;
	if ((rc = store_list_reviews(s, mandate_id, &rv, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (rv[i].year == year && rv[i].done)
			*frozen = 1;
		if (rv[i].done && rv[i].year < year && rv[i].year > *prev_year)
			*prev_year = rv[i].year;
		review_clear(&rv[i]);
	}
	free(rv);
	return 0;
}

int ops_export_prepare(struct store *s, const struct mandate *m, int year,
    const char *pilot, const char *format, struct ops_export *x,
    struct err *e)
{
	int64_t id = m->id;
	int from, prev_year, stream = 0, rc;
	size_t n = 0;

	memset(x, 0, sizeof *x);
	x->format = format;
	x->opts.year = year;
	x->opts.pilot = pilot;
	if ((rc = reviews_around(s, id, year, &x->frozen, &prev_year, e)))
		return rc;
	/* A ticked year exports what was submitted. */
	from = x->frozen ? year : 0;
	if (strcmp(format, "xlsx") == 0) {
		if ((rc = store_count_plan_actions(s, id, from, pilot, &n, e)))
			return rc;
		stream = n >= EXPORT_STREAM_MIN;
	}
	if (stream) {
		if ((rc = store_load_plan_head(s, id, from, &x->plan, e)))
			return rc;
		x->ps.store = s;
		x->ps.mandate_id = id;
		x->ps.year = from;
		x->src.each = store_plan_each;
		x->src.ctx = &x->ps;
		x->src.n_actions = n;
		x->opts.source = &x->src;
	} else if ((rc = store_load_plan(s, id, from, &x->plan, e))) {
		return rc;
	}
	/* Évolution compares with them: for a large plan, without their
	 * long texts either. */
	if ((rc = stream ? store_load_snapshot_light(s, id, 0, &x->initial,
	    e) : store_load_initial(s, id, &x->initial, e))) {
		if (rc != ERR_NOTFOUND)
			return rc;
		err_clear(e);
	}
	if (prev_year && (rc = stream ? store_load_snapshot_light(s, id,
	    prev_year, &x->previous, e) : store_load_plan(s, id, prev_year,
	    &x->previous, e)))
		return rc;
	x->opts.initial = x->initial;
	x->opts.previous = x->previous;
	x->opts.previous_year = prev_year;
	x->opts.created = x->frozen ? clock_parse(x->plan->snapshot_at) : 0;
	if (!x->opts.created)
		x->opts.created = source_date_epoch();
	if (!x->opts.created)
		x->opts.created = clock_now();
	if (!(x->name = export_default_name(x->plan, year, pilot, format)))
		return err_nomem(e);
	return 0;
}

int ops_export_write(const struct ops_export *x, const char *path,
    int rfc4180, struct err *e)
{
	if (strcmp(x->format, "csv") == 0)
		return export_write_csv(path, x->plan, &x->opts, rfc4180, e);
	return export_write_xlsx(path, x->plan, &x->opts, e);
}

void ops_export_clear(struct ops_export *x)
{
	plan_free(&x->plan);
	plan_free(&x->initial);
	plan_free(&x->previous);
	free(x->name);
	x->name = NULL;
}
