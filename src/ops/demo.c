/*
 * demo.c - builds the demo database from data/demo/ville-de-demo.txt.
 *
 * The file holds the plan as it stands now plus the avancement retained
 * at each yearly review (progress_AAAA). The demo replays the mandate:
 * the initial plan, actions added and cancelled over the years, indicator
 * values, and the reviews ticked at their dates, so that the journal, the
 * snapshots and the Évolution are those of a real city. The clock and the
 * user are those of the file ($SUIVI_NOW and $SUIVI_USER are set for the
 * duration, then restored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "store.h"

struct demo {
	struct store *s;
	struct record *recs;
	size_t n;
	int64_t mandate_id;
	int year_first, year_last;
	struct err *e;
};

static void at(const char *when)
{
	setenv("SUIVI_NOW", when, 1);
}

static int field_or_fail(struct demo *d, struct action *a, enum field_id f,
    const char *v)
{
	if (!v)
		return 0;
	return action_field_set(a, f, v, d->year_first, d->year_last, d->e);
}

/* Fills the fields of an action known at its creation. */
static int demo_action_base(struct demo *d, const struct record *r,
    struct action *a)
{
	static const struct { const char *key; enum field_id f; } keys[] = {
		{ "action", F_REF }, { "engagement", F_ENGAGEMENT },
		{ "recommendation", F_RECOMMENDATION },
		{ "designation", F_DESIGNATION }, { "priority", F_PRIORITY },
		{ "description", F_DESCRIPTION }, { "pilots", F_PILOTS },
		{ "elected", F_ELECTED }, { "partners", F_PARTNERS },
		{ "audience", F_AUDIENCE }, { "schedule", F_SCHEDULE },
		{ "added", F_ADDED }, { "added_reason", F_ADDED_REASON },
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if ((rc = field_or_fail(d, a, keys[i].f,
		    record_get(r, keys[i].key))))
			return err_prefix(d->e, "démo, ligne %d", r->line);
	a->progress = PROGRESS_NOT_STARTED;
	if (a->priority) {
		char code[32];

		snprintf(code, sizeof code, "EX-%s", a->ref);
		if (str_replace(&a->priority_code, code))
			return err_nomem(d->e);
	}
	return 0;
}

static int year_of(const struct record *r, const char *key)
{
	const char *v = record_get(r, key);

	return v ? atoi(v) : 0;
}

static int create_action(struct demo *d, const struct record *r)
{
	struct action a;
	int rc;
	size_t i;

	memset(&a, 0, sizeof a);
	if ((rc = demo_action_base(d, r, &a)))
		goto out;
	if ((rc = store_add_action(d->s, d->mandate_id, &a, d->e)))
		goto out;
	/* its indicators */
	for (i = 0; i < d->n; i++) {
		const struct record *ri = &d->recs[i];
		struct indicator ind;
		const char *com = record_get(ri, "communiquer");

		if (strcmp(ri->fields[0].key, "indicateur") != 0 ||
		    strcmp(ri->fields[0].value, a.ref) != 0)
			continue;
		memset(&ind, 0, sizeof ind);
		ind.action_id = a.id;
		if (com)
			bool_parse(com, &ind.communicate);
		if (str_replace(&ind.label, record_get(ri, "libelle")) ||
		    str_replace(&ind.unit, record_get(ri, "unite")) ||
		    str_replace(&ind.baseline, record_get(ri, "reference")) ||
		    str_replace(&ind.target, record_get(ri, "cible")))
			rc = err_nomem(d->e);
		if (!rc)
			rc = store_add_indicator(d->s, &ind, d->e);
		indicator_clear(&ind);
		if (rc)
			goto out;
	}
out:
	action_clear(&a);
	return rc;
}

/* Records the indicator values of year (at the end of that year). */
static int demo_values(struct demo *d, int year)
{
	char key[32], when[32];
	size_t i;
	int rc = 0;

	snprintf(key, sizeof key, "valeur_%d", year);
	snprintf(when, sizeof when, "%d-12-10 10:00:00", year);
	at(when);
	for (i = 0; i < d->n && !rc; i++) {
		const struct record *r = &d->recs[i];
		struct action *a = NULL;
		const char *v = record_get(r, key);
		struct strbuf val = {0};
		const char *bar;
		size_t k;

		if (strcmp(r->fields[0].key, "indicateur") != 0 || !v)
			continue;
		if (store_get_action_by_ref(d->s, d->mandate_id,
		    r->fields[0].value, &a, NULL))
			continue;	/* action not created yet */
		for (k = 0; k < a->n_indicators; k++) {
			struct indicator *ind = &a->indicators[k];

			if (!str_eq(ind->label, record_get(r, "libelle")))
				continue;
			bar = strstr(v, " | ");
			sb_append_n(&val, v, bar ? (size_t)(bar - v) :
			    strlen(v));
			if (indicator_set_value(ind, year, sb_str(&val),
			    bar ? bar + 3 : NULL))
				rc = err_set(d->e, ERR_NOMEM,
				    "mémoire insuffisante");
			else
				rc = store_update_indicator(d->s, ind, d->e);
			break;
		}
		sb_free(&val);
		action_free(&a);
	}
	return rc;
}

/* Applies fields of r to the stored action; only what differs is
 * journaled. */
static int demo_update(struct demo *d, const struct record *r,
    const char *const *keys, const enum field_id *fields, size_t nk)
{
	struct action *a = NULL;
	size_t i;
	int rc;

	if (store_get_action_by_ref(d->s, d->mandate_id, record_get(r,
	    "action"), &a, NULL))
		return 0;
	for (i = 0; i < nk; i++) {
		const char *v = record_get(r, keys[i]);

		if (v && (rc = action_field_set(a, fields[i], v, d->year_first,
		    d->year_last, d->e))) {
			action_free(&a);
			return err_prefix(d->e, "démo, ligne %d", r->line);
		}
	}
	rc = store_update_action(d->s, a, d->e);
	action_free(&a);
	return rc;
}

static int demo_year(struct demo *d, int year)
{
	char when[32], pkey[32];
	size_t i;
	int rc = 0;
	const struct record *review = NULL;

	snprintf(when, sizeof when, "%d-03-15 09:30:00", year);
	at(when);
	for (i = 0; i < d->n && !rc; i++) {
		const struct record *r = &d->recs[i];

		if (strcmp(r->fields[0].key, "action") == 0 &&
		    year_of(r, "added") == 1 && year_of(r, "added_year") == year)
			rc = create_action(d, r);
		if (strcmp(r->fields[0].key, "bilan") == 0 &&
		    atoi(r->fields[0].value) == year)
			review = r;
	}
	snprintf(when, sizeof when, "%d-09-20 14:00:00", year);
	at(when);
	for (i = 0; i < d->n && !rc; i++) {
		static const char *const k[] = { "cancelled",
		    "cancelled_reason", "cancelled_year" };
		static const enum field_id f[] = { F_CANCELLED,
		    F_CANCELLED_REASON, F_CANCELLED_YEAR };
		const struct record *r = &d->recs[i];

		if (strcmp(r->fields[0].key, "action") == 0 &&
		    year_of(r, "cancelled") == 1 &&
		    year_of(r, "cancelled_year") == year)
			rc = demo_update(d, r, k, f, 3);
	}
	if (rc)
		return rc;
	snprintf(pkey, sizeof pkey, "progress_%d", year);
	if (review || year == d->year_last) {
		static const char *const k[] = { NULL, "comments",
		    "perspectives", "good_practice" };
		static const enum field_id f[] = { F_PROGRESS, F_COMMENTS,
		    F_PERSPECTIVES, F_GOOD_PRACTICE };

		snprintf(when, sizeof when, "%d-%s", year,
		    year == d->year_last ? "10-05 11:00:00" : "11-28 15:00:00");
		at(when);
		for (i = 0; i < d->n && !rc; i++) {
			const struct record *r = &d->recs[i];
			const char *keys[4];
			const char *now = record_get(r, "progress");
			const char *prev;
			char prevkey[32];

			if (strcmp(r->fields[0].key, "action") != 0)
				continue;
			memcpy(keys, k, sizeof keys);
			if (year == d->year_last) {
				/* Only the departments that moved this year
				 * updated their actions. */
				snprintf(prevkey, sizeof prevkey,
				    "progress_%d", year - 1);
				prev = record_get(r, prevkey);
				if (str_eq(prev, now))
					continue;
				keys[0] = "progress";
				rc = demo_update(d, r, keys, f, 1);
			} else {
				keys[0] = pkey;
				rc = demo_update(d, r, keys, f, 4);
			}
		}
	}
	if (!rc && year < d->year_last)
		rc = demo_values(d, year);
	if (!rc && review) {
		const char *date = record_get(review, "date");
		const char *by = record_get(review, "par");
		int done = 0;

		bool_parse(record_get(review, "fait"), &done);
		if (date)
			at(date);
		if (by)
			setenv("SUIVI_USER", by, 1);
		rc = store_set_review_comments(d->s, d->mandate_id, year,
		    record_get(review, "commentaires"), d->e);
		if (!rc && done)
			rc = store_set_review_done(d->s, d->mandate_id, year, 1,
			    d->e);
	}
	return rc;
}

static int demo_run(struct demo *d, const char *data_dir)
{
	const struct record *c = &d->recs[0];
	struct referential *ref = NULL;
	struct strbuf path = {0};
	struct mandate m = {0};
	size_t i;
	int rc, y;

	if (strcmp(c->fields[0].key, "collectivite") != 0)
		return err_set(d->e, ERR_FORMAT,
		    "démo : le premier enregistrement doit être la "
		    "collectivité");
	sb_printf(&path, "%s/referentiels/%s.txt", data_dir,
	    record_get(c, "referentiel") ? record_get(c, "referentiel") :
	    "vae-2020-2026");
	if ((rc = referential_load_file(sb_str(&path), &ref, d->e)))
		goto out;
	/* The demo's priority actions are examples, recorded as such. */
	for (i = 1; i < d->n; i++) {
		const struct record *r = &d->recs[i];
		struct ref_priority *p;
		int prio = 0;

		if (strcmp(r->fields[0].key, "action") != 0)
			continue;
		bool_parse(record_get(r, "priority"), &prio);
		if (!prio)
			continue;
		p = realloc(ref->priorities, (ref->n_priorities + 1) *
		    sizeof *p);
		if (!p) {
			rc = err_nomem(d->e);
			goto out;
		}
		ref->priorities = p;
		p = &ref->priorities[ref->n_priorities++];
		memset(p, 0, sizeof *p);
		p->engagement = year_of(r, "engagement");
		p->example = 1;
		sb_reset(&path);
		sb_printf(&path, "EX-%s", r->fields[0].value);
		p->code = xstrdup(sb_str(&path));
		p->recommendation = xstrdup(record_get(r, "recommendation"));
		p->designation = xstrdup(record_get(r, "designation"));
		if (!p->code || !p->designation) {
			rc = err_nomem(d->e);
			goto out;
		}
	}
	at(record_get(c, "plan_initial") ? record_get(c, "plan_initial") :
	    "2021-02-10 18:00:00");
	if ((rc = store_init(d->s, c->fields[0].value, ref,
	    record_get(c, "mandat") ? record_get(c, "mandat") : "2020-2026",
	    d->e)) ||
	    (rc = store_active_mandate(d->s, &m, d->e)))
		goto out;
	d->mandate_id = m.id;
	d->year_first = m.year_first;
	d->year_last = m.year_last;
	for (i = 1; i < c->n && !rc; i++) {
		const struct coll_field_def *cf =
		    coll_field_find(c->fields[i].key);

		if (cf)
			rc = store_set_collectivite(d->s, cf->id,
			    c->fields[i].value, d->e);
	}
	for (i = 1; i < d->n && !rc; i++) {
		const struct record *r = &d->recs[i];

		if (strcmp(r->fields[0].key, "action") == 0 &&
		    year_of(r, "added") != 1)
			rc = create_action(d, r);
	}
	if (!rc)
		rc = store_freeze_initial(d->s, d->mandate_id, d->e);
	for (y = d->year_first; y <= d->year_last && !rc; y++)
		rc = demo_year(d, y);
out:
	mandate_clear(&m);
	referential_free(&ref);
	sb_free(&path);
	return rc;
}

int ops_demo_load(struct store *s, const char *data_dir, struct err *e)
{
	struct demo d;
	struct strbuf path = {0};
	char *text = NULL, *old_now, *old_user;
	size_t len = 0;
	int rc;

	memset(&d, 0, sizeof d);
	d.s = s;
	d.e = e;
	sb_printf(&path, "%s/demo/ville-de-demo.txt", data_dir);
	if ((rc = file_read_all(sb_str(&path), 8u << 20, &text, &len, e)))
		goto out;
	if ((rc = records_parse(text, len, sb_str(&path), &d.recs, &d.n, e)))
		goto out;
	if (!d.n) {
		rc = err_set(e, ERR_FORMAT, "%s : fichier vide", sb_str(&path));
		goto out;
	}
	old_now = xstrdup(getenv("SUIVI_NOW"));
	old_user = xstrdup(getenv("SUIVI_USER"));
	setenv("SUIVI_USER", "c.martin", 1);
	rc = demo_run(&d, data_dir);
	if (old_now)
		setenv("SUIVI_NOW", old_now, 1);
	else
		unsetenv("SUIVI_NOW");
	if (old_user)
		setenv("SUIVI_USER", old_user, 1);
	else
		unsetenv("SUIVI_USER");
	free(old_now);
	free(old_user);
out:
	records_free(d.recs, d.n);
	free(text);
	sb_free(&path);
	return rc;
}
