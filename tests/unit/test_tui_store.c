/*
 * test_tui_store.c - the store query of the interface
 * (store_list_assessments, src/store/store_tui.c) on a real SQLite file:
 * what the Synthèse screen shows is what store_set_assessment stored, for
 * the mandate asked only.
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
#include "store_tui.h"

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
