/*
 * test_export_stream.c - the export of large plans action by action:
 * export_write_xlsx with a source (export_opts.source) writes the same
 * bytes as with the actions loaded in the plan, refuses a text too long
 * and a pilot without actions leaving no file; and the store's head plus
 * streamed actions (store_load_plan_head, store_each_plan_action,
 * store_count_plan_actions) give what store_load_plan gives, for the live
 * plan and for the snapshot of a done review; and the light snapshots
 * (store_load_snapshot_light) what Évolution reads of the initial plan
 * and of a done review.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "model.h"
#include "store.h"
#include "store_plan.h"
#include "util.h"

#define N_BIG	1300	/* above EXPORT_STREAM_MIN */

struct fx {
	char dir[64];
	struct plan *p;		/* N_BIG actions, loaded */
	struct plan *initial;	/* an earlier state of p */
};

static void add(struct plan *p, int i, int eng)
{
	struct action a;
	char buf[400];

	memset(&a, 0, sizeof a);
	a.id = 100 + i;
	a.version = 1 + i % 3;
	snprintf(buf, sizeof buf, "%d.%d", eng, i + 1);
	a.ref = xstrdup(buf);
	a.engagement = eng;
	snprintf(buf, sizeof buf, "Action n° %d : accueil des enfants, "
	    "« école » et crèche", i);
	a.designation = xstrdup(buf);
	snprintf(buf, sizeof buf, "Descriptif %d\nsur deux lignes, "
	    "=formule neutralisée", i);
	a.description = xstrdup(buf);
	a.comments = xstrdup(i % 2 ? "Commentaire de l'année" : NULL);
	a.pilots = xstrdup(i % 5 ? "Service Éducation" : "CCAS");
	a.priority = i % 4 == 0;
	a.progress = (enum progress)(i % 4);
	if (i % 10 == 3) {
		a.added = 1;
		a.added_reason = xstrdup("Demande du conseil des enfants");
	}
	if (i % 17 == 5) {
		a.cancelled = 1;
		a.cancelled_year = 2023;
		a.cancelled_reason = xstrdup("Projet abandonné");
	}
	if (i % 3 == 0) {
		struct indicator *ind = calloc(1, sizeof *ind);

		assert_non_null(ind);
		ind->label = xstrdup("Enfants accueillis");
		ind->unit = xstrdup("enfants");
		ind->baseline = xstrdup("10");
		ind->target = xstrdup("40");
		ind->communicate = i % 6 == 0;	/* "Oui" and "Non" rows */
		assert_int_equal(indicator_set_value(ind, 2022, "12",
		    "rentrée"), 0);
		assert_int_equal(indicator_set_value(ind, 2023, "25", NULL), 0);
		a.indicators = ind;
		a.n_indicators = 1;
	}
	assert_int_equal(plan_take_action(p, &a), 0);
}

static void head_of(struct plan *p)
{
	p->coll.f[C_NAME] = xstrdup("Ville de Démo");
	p->mandate.label = xstrdup("2020-2026");
	p->mandate.year_first = 2020;
	p->mandate.year_last = 2026;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	int i;

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test_export_stream.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->p = plan_new();
	f->initial = plan_new();
	assert_non_null(f->p);
	assert_non_null(f->initial);
	head_of(f->p);
	head_of(f->initial);
	for (i = 0; i < N_BIG; i++)
		add(f->p, i, 1 + i * 5 / N_BIG);
	/* The initial plan: fewer actions, other progress. */
	for (i = 0; i < N_BIG - 100; i += 2)
		add(f->initial, i, 1 + i * 5 / N_BIG);
	for (i = 0; i < (int)f->initial->n_actions; i++)
		f->initial->actions[i].progress = PROGRESS_NOT_STARTED;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	struct dirent *d;
	DIR *dir = opendir(f->dir);
	char path[512];

	while (dir && (d = readdir(dir)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", f->dir, d->d_name);
			unlink(path);
		}
	if (dir)
		closedir(dir);
	rmdir(f->dir);
	plan_free(&f->p);
	plan_free(&f->initial);
	free(f);
	return 0;
}

static int count_files(const char *dir)
{
	struct dirent *d;
	DIR *dh = opendir(dir);
	int n = 0;

	while (dh && (d = readdir(dh)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			n++;
	if (dh)
		closedir(dh);
	return n;
}

/* A source over the actions of a loaded plan. */
static int plan_each(void *ctx, int (*fn)(void *fctx, const struct action *a,
    struct err *e), void *fctx, struct err *e)
{
	const struct plan *p = ctx;
	size_t i;
	int rc;

	for (i = 0; i < p->n_actions; i++)
		if ((rc = fn(fctx, &p->actions[i], e)))
			return rc;
	return 0;
}

/* The plan without its actions (borrows p's head). */
static struct plan head(const struct plan *p)
{
	struct plan h = *p;

	h.actions = NULL;
	h.n_actions = 0;
	return h;
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;

	assert_int_equal(file_read_all(path, 1u << 26, &buf, len, NULL), 0);
	return buf;
}

/* Writes p loaded, then from a source; both files must be equal. */
static void assert_same_bytes(struct fx *f, struct export_opts *o,
    size_t n_kept)
{
	struct export_source src = { plan_each, f->p, n_kept };
	struct plan h = head(f->p);
	struct err e = {0};
	char a[128], b[128];
	char *ba, *bb;
	size_t la, lb;

	snprintf(a, sizeof a, "%s/charge.xlsx", f->dir);
	snprintf(b, sizeof b, "%s/flux.xlsx", f->dir);
	o->source = NULL;
	assert_int_equal(export_write_xlsx(a, f->p, o, &e), 0);
	o->source = &src;
	assert_int_equal(export_write_xlsx(b, &h, o, &e), 0);
	ba = slurp(a, &la);
	bb = slurp(b, &lb);
	assert_true(la > 10000);
	assert_int_equal(la, lb);
	assert_memory_equal(ba, bb, la);
	free(ba);
	free(bb);
}

static void test_export_write_xlsx_source_same_bytes(void **state)
{
	struct fx *f = *state;
	struct export_opts o;

	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.created = 1731664800;
	assert_same_bytes(f, &o, N_BIG);
}

static void test_export_write_xlsx_source_same_bytes_evolution(
    void **state)
{
	struct fx *f = *state;
	struct export_opts o;

	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.created = 1731664800;
	o.initial = f->initial;
	o.previous = f->initial;
	o.previous_year = 2023;
	assert_same_bytes(f, &o, N_BIG);
}

static void test_export_write_xlsx_source_same_bytes_pilot(void **state)
{
	struct fx *f = *state;
	struct export_opts o;
	size_t i, n = 0;

	/* 4 actions in 5 have "Service Éducation": above the threshold. */
	for (i = 0; i < f->p->n_actions; i++)
		n += strstr(f->p->actions[i].pilots, "Éducation") != NULL;
	assert_true(n >= EXPORT_STREAM_MIN);
	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.created = 1731664800;
	o.pilot = "EDUCATION";
	assert_same_bytes(f, &o, n);
}

static void test_export_write_xlsx_source_long_text_no_file(void **state)
{
	struct fx *f = *state;
	struct export_source src = { plan_each, f->p, N_BIG };
	struct plan h = head(f->p);
	struct export_opts o;
	struct err e = {0};
	char path[128], *big = malloc(40000);

	assert_non_null(big);
	memset(big, 'a', 39999);
	big[39999] = '\0';
	free(f->p->actions[700].comments);
	f->p->actions[700].comments = big;
	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.source = &src;
	snprintf(path, sizeof path, "%s/long.xlsx", f->dir);
	assert_int_equal(export_write_xlsx(path, &h, &o, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, f->p->actions[700].ref));
	assert_non_null(strstr(e.msg, "Commentaires"));
	assert_int_equal(count_files(f->dir), 0);
}

static void test_export_write_xlsx_source_pilot_unknown_no_file(
    void **state)
{
	struct fx *f = *state;
	struct export_source src = { plan_each, f->p, 0 };
	struct plan h = head(f->p);
	struct export_opts o;
	struct err e = {0};
	char path[128];

	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.pilot = "Voirie";
	o.source = &src;
	snprintf(path, sizeof path, "%s/voirie.xlsx", f->dir);
	assert_int_equal(export_write_xlsx(path, &h, &o, &e), ERR_NOTFOUND);
	/* A count that promised actions the pass does not find. */
	src.n_actions = N_BIG;
	err_clear(&e);
	assert_int_equal(export_write_xlsx(path, &h, &o, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "Voirie"));
	assert_int_equal(count_files(f->dir), 0);
}

/* ---- Store ---- */

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n";

struct collected {
	struct plan *p;
};

static int collect(void *ctx, const struct action *a, struct err *e)
{
	struct collected *c = ctx;

	(void)e;
	return plan_add_action(c->p, a) ? ERR_NOMEM : 0;
}

static void assert_plans_equal(const struct plan *a, const struct plan *b)
{
	size_t i, k;

	assert_string_equal(a->coll.f[C_NAME], b->coll.f[C_NAME]);
	assert_string_equal(a->mandate.label, b->mandate.label);
	assert_int_equal(a->mandate.id, b->mandate.id);
	assert_non_null(b->ref);
	assert_int_equal(a->ref->n_engagements, b->ref->n_engagements);
	assert_int_equal(a->snapshot_year, b->snapshot_year);
	assert_true(str_eq(a->snapshot_at, b->snapshot_at));
	assert_int_equal(a->n_reviews, b->n_reviews);
	for (i = 0; i < a->n_reviews; i++) {
		assert_int_equal(a->reviews[i].year, b->reviews[i].year);
		assert_int_equal(a->reviews[i].done, b->reviews[i].done);
		assert_true(str_eq(a->reviews[i].comments,
		    b->reviews[i].comments));
	}
	assert_int_equal(a->n_assessments, b->n_assessments);
	for (i = 0; i < a->n_assessments; i++) {
		assert_int_equal(a->assessments[i].value,
		    b->assessments[i].value);
		assert_true(str_eq(a->assessments[i].comment,
		    b->assessments[i].comment));
	}
	assert_int_equal(a->n_actions, b->n_actions);
	for (i = 0; i < a->n_actions; i++) {
		const struct action *x = &a->actions[i], *y = &b->actions[i];

		assert_int_equal(x->id, y->id);
		assert_string_equal(x->ref, y->ref);
		assert_true(str_eq(x->description, y->description));
		assert_true(str_eq(x->comments, y->comments));
		assert_true(str_eq(x->pilots, y->pilots));
		assert_int_equal(x->progress, y->progress);
		assert_int_equal(x->n_indicators, y->n_indicators);
		for (k = 0; k < x->n_indicators; k++) {
			assert_true(str_eq(x->indicators[k].label,
			    y->indicators[k].label));
			assert_int_equal(x->indicators[k].n_values,
			    y->indicators[k].n_values);
			assert_int_equal(x->indicators[k].communicate,
			    y->indicators[k].communicate);
		}
	}
}

static void assert_stream_equals_load(struct store *s, int64_t mid,
    int year)
{
	struct plan *loaded = NULL, *h = NULL;
	struct collected c;
	struct err e = {0};

	assert_int_equal(store_load_plan(s, mid, year, &loaded, &e), 0);
	assert_int_equal(store_load_plan_head(s, mid, year, &h, &e), 0);
	assert_int_equal(h->n_actions, 0);
	c.p = h;
	assert_int_equal(store_each_plan_action(s, mid, year, collect, &c,
	    &e), 0);
	assert_plans_equal(loaded, h);
	plan_free(&loaded);
	plan_free(&h);
}

/* The light snapshot has the head and what Évolution compares of each
 * action, and none of the long texts. */
static void assert_light_equals(struct plan *full, struct plan *light)
{
	size_t i;

	assert_string_equal(full->coll.f[C_NAME], light->coll.f[C_NAME]);
	assert_true(str_eq(full->snapshot_at, light->snapshot_at));
	assert_int_equal(full->snapshot_year, light->snapshot_year);
	assert_int_equal(full->n_reviews, light->n_reviews);
	assert_int_equal(full->n_actions, light->n_actions);
	for (i = 0; i < full->n_actions; i++) {
		const struct action *x = &full->actions[i];
		const struct action *y = &light->actions[i];

		assert_string_equal(x->ref, y->ref);
		assert_string_equal(x->designation, y->designation);
		assert_int_equal(x->engagement, y->engagement);
		assert_int_equal(x->progress, y->progress);
		assert_int_equal(x->priority, y->priority);
		assert_int_equal(x->added, y->added);
		assert_int_equal(x->cancelled, y->cancelled);
		assert_true(str_eq(x->added_reason, y->added_reason));
		assert_true(str_eq(x->cancelled_reason, y->cancelled_reason));
		assert_int_equal(x->cancelled_year, y->cancelled_year);
		assert_null(y->description);
		assert_null(y->comments);
		assert_int_equal(y->n_indicators, 0);
	}
	plan_free(&full);
	plan_free(&light);
}

static void test_store_each_plan_action_equals_load_plan(void **state)
{
	char dir[64] = "/tmp/test_store_export.XXXXXX", path[128];
	struct referential *r = NULL;
	struct store *s = NULL;
	struct mandate m;
	struct indicator ind;
	struct err e = {0};
	size_t n = 0;
	int i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("SUIVI_USER", "alice", 1);
	assert_int_equal(referential_parse(ref_text, strlen(ref_text), "r", &r,
	    &e), 0);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &e), 0);
	assert_int_equal(store_init(s, "Ville de Test", r, "2020-2026", &e), 0);
	assert_int_equal(store_active_mandate(s, &m, &e), 0);
	for (i = 0; i < 6; i++) {
		struct action a;

		memset(&a, 0, sizeof a);
		a.engagement = 2 - i % 2;
		a.designation = xstrdup(i % 2 ? "Ludothèque" : "Cours d'école");
		a.description = xstrdup("Un descriptif\nlong");
		a.pilots = xstrdup(i < 2 ? "Direction Éducation" : "CCAS");
		assert_int_equal(store_add_action(s, m.id, &a, &e), 0);
		if (i == 1) {
			memset(&ind, 0, sizeof ind);
			ind.action_id = a.id;
			ind.label = "Enfants inscrits";
			ind.communicate = 1;
			assert_int_equal(store_add_indicator(s, &ind, &e), 0);
			assert_int_equal(indicator_set_value(&ind, 2023, "12",
			    "rentrée"), 0);
			assert_int_equal(store_update_indicator(s, &ind, &e), 0);
			free(ind.values[0].value);
			free(ind.values[0].comment);
			free(ind.values);
		}
		action_clear(&a);
	}
	setenv("SUIVI_NOW", "2023-01-10 10:00:00", 1);
	assert_int_equal(store_freeze_initial(s, m.id, &e), 0);
	{
		struct action *a = NULL;

		/* After the freeze: the initial plan keeps the old values. */
		assert_int_equal(store_get_action_by_ref(s, m.id, "1.1", &a,
		    &e), 0);
		a->progress = PROGRESS_DONE;
		a->cancelled = 1;
		a->cancelled_year = 2023;
		a->cancelled_reason = xstrdup("Abandon");
		assert_int_equal(store_update_action(s, a, &e), 0);
		action_free(&a);
	}
	assert_int_equal(store_set_assessment(s, m.id, 1, RESULT_ACHIEVED,
	    "Tenu.", &e), 0);
	assert_int_equal(store_set_review_comments(s, m.id, 2023, "Bilan 2023",
	    &e), 0);
	setenv("SUIVI_NOW", "2024-01-15 10:00:00", 1);
	assert_int_equal(store_set_review_done(s, m.id, 2023, 1, &e), 0);
	unsetenv("SUIVI_NOW");
	/* The live plan moves on after the snapshot. */
	{
		struct action a;

		memset(&a, 0, sizeof a);
		a.engagement = 1;
		a.designation = xstrdup("Après le bilan");
		a.added_reason = xstrdup("Nouveau besoin");
		assert_int_equal(store_add_action(s, m.id, &a, &e), 0);
		action_clear(&a);
	}
	assert_stream_equals_load(s, m.id, 0);
	assert_stream_equals_load(s, m.id, 2023);
	assert_int_equal(store_count_plan_actions(s, m.id, 0, NULL, &n, &e), 0);
	assert_int_equal(n, 7);
	assert_int_equal(store_count_plan_actions(s, m.id, 2023, NULL, &n, &e),
	    0);
	assert_int_equal(n, 6);
	assert_int_equal(store_count_plan_actions(s, m.id, 2023, "education",
	    &n, &e), 0);
	assert_int_equal(n, 2);
	{
		struct plan *h = NULL, *full = NULL;

		assert_int_equal(store_load_plan_head(s, m.id, 2022, &h, &e),
		    ERR_NOTFOUND);
		assert_null(h);
		assert_int_equal(store_load_snapshot_light(s, m.id, 2022, &h,
		    &e), ERR_NOTFOUND);
		assert_int_equal(store_load_initial(s, m.id, &full, &e), 0);
		assert_int_equal(store_load_snapshot_light(s, m.id, 0, &h, &e),
		    0);
		assert_int_equal(full->actions[0].cancelled, 0);
		assert_light_equals(full, h);
		assert_int_equal(store_load_plan(s, m.id, 2023, &full, &e), 0);
		assert_int_equal(store_load_snapshot_light(s, m.id, 2023, &h,
		    &e), 0);
		assert_int_equal(full->actions[0].cancelled, 1);
		assert_light_equals(full, h);
	}
	store_close(&s);
	mandate_clear(&m);
	referential_free(&r);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	assert_int_equal(system(path), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_source_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_source_same_bytes_evolution, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_source_same_bytes_pilot, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_source_long_text_no_file, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_source_pilot_unknown_no_file, setup,
		    teardown),
		cmocka_unit_test(test_store_each_plan_action_equals_load_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
