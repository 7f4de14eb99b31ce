/*
 * test_store_refs.c - the N° the store gives a new action without one
 * (the rule the product runs: the highest N of "E.N" in the engagement,
 * plus one, compared as numbers; other refs ignored). It replaces the
 * test of plan_next_ref, a model copy of the rule that nothing ran.
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

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n";

/* Adds an action of engagement eng with ref (NULL: the store's); returns
 * the ref given (caller frees). */
static char *add(struct store *s, int64_t mid, int eng, const char *ref)
{
	struct action a;
	struct err e = {0};
	char *r;

	memset(&a, 0, sizeof a);
	a.engagement = eng;
	a.designation = strdup("Action");
	a.ref = ref ? strdup(ref) : NULL;
	if (store_add_action(s, mid, &a, &e))
		fail_msg("store_add_action : %s", e.msg);
	r = strdup(a.ref);
	action_clear(&a);
	return r;
}

static void test_store_add_action_next_ref(void **state)
{
	char dir[] = "/tmp/suivi-refs-XXXXXX", path[64];
	struct referential *r = NULL;
	struct store *s = NULL;
	struct mandate m = {0};
	struct err e = {0};
	char *got;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("SUIVI_USER", "alice", 1);
	assert_int_equal(referential_parse(ref_text, strlen(ref_text), "r", &r,
	    &e), 0);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &e), 0);
	assert_int_equal(store_init(s, "Ville", r, "2020-2026", &e), 0);
	assert_int_equal(store_active_mandate(s, &m, &e), 0);

	/* An empty engagement starts at 1. */
	got = add(s, m.id, 1, NULL);
	assert_string_equal(got, "1.1");
	free(got);
	/* 2.10 is above 2.9 (numbers, not text); 2.x and 1.1 do not count. */
	free(add(s, m.id, 2, "2.9"));
	free(add(s, m.id, 2, "2.10"));
	free(add(s, m.id, 2, "2.x"));
	got = add(s, m.id, 2, NULL);
	assert_string_equal(got, "2.11");
	free(got);
	got = add(s, m.id, 1, NULL);
	assert_string_equal(got, "1.2");
	free(got);

	store_close(&s);
	mandate_clear(&m);
	referential_free(&r);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_add_action_next_ref),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
