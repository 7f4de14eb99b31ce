/*
 * test_tui_store.c - the store query of the interface
 * (store_list_assessments, src/store/rows.c) on a real SQLite file:
 * what the Synthèse screen shows is what store_set_assessment stored, for
 * the mandate asked only; and the compact rows of the plan screen
 * (store_list_rows, action_row_match, store_search_ids): same actions, same
 * order, same filters and same search results as store_list_actions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "store.h"
#include "store_rows.h"
#include "util.h"

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n\n"
    "engagement: 3\ntitre: L'éducation\n";

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	struct mandate m;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct referential *r = NULL;
	struct err e = {0};

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/suivi-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("SUIVI_USER", "alice", 1);
	if (referential_parse(ref_text, strlen(ref_text), "r", &r, &e) ||
	    store_open(f->path, STORE_CREATE, &f->s, &e) ||
	    store_init(f->s, "Ville de Test", r, "2020-2026", &e) ||
	    store_active_mandate(f->s, &f->m, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	referential_free(&r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char p[200];
	size_t i;

	store_close(&f->s);
	mandate_clear(&f->m);
	for (i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, ext[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_store_list_assessments_empty(void **state)
{
	struct fx *f = *state;
	struct assessment *as = NULL;
	struct err e = {0};
	size_t n = 99;

	assert_int_equal(store_list_assessments(f->s, f->m.id, &as, &n, &e), 0);
	assert_int_equal(n, 0);
	assessments_free(as, n);
}

static void test_store_list_assessments_sorted_with_comments(void **state)
{
	struct fx *f = *state;
	struct assessment *as = NULL;
	struct err e = {0};
	size_t n = 0;

	assert_int_equal(store_set_assessment(f->s, f->m.id, 3, RESULT_ACHIEVED,
	    "Objectif tenu : 12 écoles.", &e), 0);
	assert_int_equal(store_set_assessment(f->s, f->m.id, 1, RESULT_ALMOST,
	    NULL, &e), 0);
	assert_int_equal(store_list_assessments(f->s, f->m.id, &as, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(as[0].engagement, 1);
	assert_int_equal(as[0].value, RESULT_ALMOST);
	assert_null(as[0].comment);
	assert_int_equal(as[1].engagement, 3);
	assert_int_equal(as[1].value, RESULT_ACHIEVED);
	assert_string_equal(as[1].comment, "Objectif tenu : 12 écoles.");
	assessments_free(as, n);
}

static void test_store_list_assessments_cleared_value_is_minus_one(
    void **state)
{
	struct fx *f = *state;
	struct assessment *as = NULL;
	struct err e = {0};
	size_t n = 0;

	assert_int_equal(store_set_assessment(f->s, f->m.id, 2,
	    RESULT_NOT_ACHIEVED, "à revoir", &e), 0);
	assert_int_equal(store_set_assessment(f->s, f->m.id, 2, -1, "à revoir",
	    &e), 0);
	assert_int_equal(store_list_assessments(f->s, f->m.id, &as, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(as[0].value, -1);
	assert_string_equal(as[0].comment, "à revoir");
	assessments_free(as, n);
}

static void test_store_list_assessments_other_mandate_apart(void **state)
{
	struct fx *f = *state;
	struct assessment *as = NULL;
	struct err e = {0};
	size_t n = 0;

	assert_int_equal(store_set_assessment(f->s, f->m.id, 1, RESULT_ACHIEVED,
	    NULL, &e), 0);
	assert_int_equal(store_list_assessments(f->s, f->m.id + 1, &as, &n, &e),
	    0);
	assert_int_equal(n, 0);
	assessments_free(as, n);
}

static int64_t add(struct fx *f, int eng, const char *title,
    const char *pilots, int priority, int progress, int cancelled)
{
	struct action a;
	struct err e = {0};
	int64_t id;

	memset(&a, 0, sizeof a);
	a.engagement = eng;
	a.designation = strdup(title);
	a.pilots = pilots ? strdup(pilots) : NULL;
	a.priority = priority;
	a.progress = progress;
	if (cancelled) {
		a.cancelled = 1;
		a.cancelled_reason = strdup("Abandon du projet");
		a.cancelled_year = 2022;
	}
	assert_int_equal(store_add_action(f->s, f->m.id, &a, &e), 0);
	id = a.id;
	action_clear(&a);
	return id;
}

/* Eight actions added out of order across engagements, one review done,
 * one action updated after it. */
static void fill(struct fx *f)
{
	struct action *a = NULL;
	struct err e = {0};
	int64_t late;

	add(f, 3, "Rénover l'École Jules-Ferry", "Direction Éducation", 1,
	    PROGRESS_DONE, 0);
	add(f, 1, "Ludothèque municipale", "Service Culture", 0,
	    PROGRESS_IN_PROGRESS, 0);
	late = add(f, 2, "Conseil municipal des enfants", NULL, 1, 0, 0);
	add(f, 1, "Accueil des tout-petits à l'école", "Petite enfance", 0,
	    PROGRESS_NOT_STARTED, 1);
	add(f, 3, "Cours d'école oasis", "Direction éducation, Espaces "
	    "verts", 0, PROGRESS_DONE, 0);
	add(f, 2, "Parentalité : cafés des parents", "CCAS", 1,
	    PROGRESS_IN_PROGRESS, 0);
	add(f, 1, "Bibliothèque hors les murs", "Service Culture", 1,
	    PROGRESS_DONE, 1);
	add(f, 3, "Pédibus", NULL, 0, 0, 0);
	setenv("SUIVI_NOW", "2026-03-11 10:00:00", 1);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2025, 1, &e), 0);
	setenv("SUIVI_NOW", "2026-04-01 10:00:00", 1);
	assert_int_equal(store_get_action(f->s, late, &a, &e), 0);
	free(a->comments);
	a->comments = strdup("Installé en mars.");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	unsetenv("SUIVI_NOW");
}

/* Rows of r passing flt, in order, must be the actions store_list_actions
 * gives for flt. */
static void assert_same_as_store(struct fx *f, const struct action_rows *r,
    const struct action_filter *flt)
{
	struct action *v = NULL;
	struct err e = {0};
	size_t n = 0, i, k = 0;
	char *pilot = str_empty(flt->pilot) ? NULL : text_fold(flt->pilot);

	assert_int_equal(store_list_actions(f->s, f->m.id, flt,
	    STORE_LOAD_SUMMARY, &v, &n, &e), 0);
	for (i = 0; i < r->n; i++) {
		if (!action_row_match(r, i, flt, pilot))
			continue;
		assert_true(k < n);
		assert_int_equal(r->v[i].id, v[k].id);
		assert_string_equal(action_row_str(r, r->v[i].ref), v[k].ref);
		assert_string_equal(action_row_str(r, r->v[i].designation),
		    v[k].designation);
		assert_string_equal(action_row_str(r, r->v[i].pilots),
		    v[k].pilots ? v[k].pilots : "");
		assert_string_equal(action_row_str(r, r->v[i].updated_at),
		    v[k].updated_at ? v[k].updated_at : "");
		assert_int_equal(r->v[i].engagement, v[k].engagement);
		assert_int_equal(r->v[i].progress, (int)v[k].progress);
		assert_int_equal(r->v[i].priority, v[k].priority);
		assert_int_equal(r->v[i].cancelled, v[k].cancelled);
		k++;
	}
	assert_int_equal(k, n);
	for (i = 0; i < n; i++)
		action_clear(&v[i]);
	free(v);
	free(pilot);
}

static void test_store_list_rows_empty_plan(void **state)
{
	struct fx *f = *state;
	struct action_rows r;
	struct err e = {0};

	assert_int_equal(store_list_rows(f->s, f->m.id, &r, &e), 0);
	assert_int_equal(r.n, 0);
	assert_null(r.last_done);
	action_rows_free(&r);
}

static void test_store_list_rows_order_and_fields(void **state)
{
	struct fx *f = *state;
	struct action_rows r;
	struct action_filter flt;
	struct err e = {0};

	fill(f);
	assert_int_equal(store_list_rows(f->s, f->m.id, &r, &e), 0);
	assert_int_equal(r.n, 8);
	/* Engagement then N°, as the plan is printed, not insertion order. */
	assert_string_equal(action_row_str(&r, r.v[0].ref), "1.1");
	assert_string_equal(action_row_str(&r, r.v[3].ref), "2.1");
	assert_string_equal(action_row_str(&r, r.v[7].ref), "3.3");
	assert_non_null(r.last_done);
	store_filter_init(&flt);
	assert_same_as_store(f, &r, &flt);
	action_rows_free(&r);
}

static void test_action_row_match_same_as_store_filter(void **state)
{
	struct fx *f = *state;
	struct action_rows r;
	struct action_filter flt;
	struct err e = {0};
	int k;

	fill(f);
	assert_int_equal(store_list_rows(f->s, f->m.id, &r, &e), 0);
	for (k = 0; k <= 3; k++) {
		store_filter_init(&flt);
		flt.engagement = k;
		assert_same_as_store(f, &r, &flt);
	}
	for (k = -1; k <= PROGRESS_DONE; k++) {
		store_filter_init(&flt);
		flt.progress = k;
		assert_same_as_store(f, &r, &flt);
	}
	for (k = -1; k <= 1; k++) {
		store_filter_init(&flt);
		flt.cancelled = k;
		flt.priority_only = 1;
		assert_same_as_store(f, &r, &flt);
	}
	store_filter_init(&flt);
	flt.stale_only = 1;
	assert_same_as_store(f, &r, &flt);
	store_filter_init(&flt);
	flt.added_only = 1;
	assert_same_as_store(f, &r, &flt);
	store_filter_init(&flt);
	flt.pilot = "EDUCATION";	/* accents and case ignored */
	assert_same_as_store(f, &r, &flt);
	flt.pilot = "culture";
	flt.cancelled = 0;
	assert_same_as_store(f, &r, &flt);
	action_rows_free(&r);
}

static void test_store_search_ids_same_as_store_search(void **state)
{
	struct fx *f = *state;
	static const char *const qs[] = { "ecole", "ÉCOLE jules", "parent",
	    "\"ludo OR", "municipal", "introuvable" };
	struct action_filter flt;
	struct err e = {0};
	size_t i, j, n, nids;

	fill(f);
	for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
		struct action *v = NULL;
		int64_t *ids = NULL;

		store_filter_init(&flt);
		flt.search = qs[i];
		assert_int_equal(store_list_actions(f->s, f->m.id, &flt,
		    STORE_LOAD_SUMMARY, &v, &n, &e), 0);
		assert_int_equal(store_search_ids(f->s, qs[i], &ids, &nids, &e),
		    0);
		assert_int_equal(nids, n);
		for (j = 0; j < n; j++) {
			assert_non_null(bsearch(&v[j].id, ids, nids,
			    sizeof *ids, cmp_id));
			action_clear(&v[j]);
		}
		for (j = 1; j < nids; j++)
			assert_true(ids[j - 1] < ids[j]);
		free(v);
		free(ids);
	}
	{
		int64_t *ids = NULL;

		/* École, école, école: three actions, accents ignored. */
		assert_int_equal(store_search_ids(f->s, "ecole", &ids, &nids,
		    &e), 0);
		assert_int_equal(nids, 3);
		free(ids);
		assert_int_equal(store_search_ids(f->s, "   ", &ids, &nids, &e),
		    0);
		assert_int_equal(nids, 0);
		assert_null(ids);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_store_list_assessments_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_assessments_sorted_with_comments, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_assessments_cleared_value_is_minus_one,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_assessments_other_mandate_apart, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_rows_empty_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_list_rows_order_and_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_action_row_match_same_as_store_filter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_search_ids_same_as_store_search, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
