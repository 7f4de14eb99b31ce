/*
 * test_carry.c - the correspondence file of a new mandate
 * (carry_mapping_parse): the four decisions, comments and blank lines,
 * and errors that name the line an editor shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

static int parse(const char *t, struct carry_item **items, size_t *n,
    struct err *e)
{
	return carry_mapping_parse(t, strlen(t), "map.txt", items, n, e);
}

static void test_carry_mapping_four_decisions(void **state)
{
	const char *t = "# comité de pilotage\n"
	    "1.1 garder\r\n"
	    "\n"
	    "1.2\tgarder 3   # vers l'engagement 3\n"
	    "1.3 fusionner 1.1\n"
	    "   \n"
	    "1.4 clore";
	struct carry_item *v = NULL;
	struct err e = {0};
	size_t n = 0;

	(void)state;
	assert_int_equal(parse(t, &v, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].ref, "1.1");
	assert_int_equal(v[0].decision, CARRY_KEEP);
	assert_int_equal(v[0].engagement, 0);
	assert_string_equal(v[1].ref, "1.2");
	assert_int_equal(v[1].decision, CARRY_KEEP);
	assert_int_equal(v[1].engagement, 3);
	assert_int_equal(v[2].decision, CARRY_MERGE);
	assert_string_equal(v[2].into, "1.1");
	assert_int_equal(v[3].decision, CARRY_CLOSE);
	assert_string_equal(v[3].ref, "1.4");
	assert_null(v[3].into);
	free(v);
}

static void test_carry_mapping_text_not_needed_afterwards(void **state)
{
	char *t = strdup("2.1 fusionner 2.4\n");
	struct carry_item *v = NULL;
	struct err e = {0};
	size_t n = 0;

	(void)state;
	assert_non_null(t);
	assert_int_equal(carry_mapping_parse(t, strlen(t), "m", &v, &n, &e), 0);
	memset(t, 'x', strlen(t));
	free(t);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].ref, "2.1");
	assert_string_equal(v[0].into, "2.4");
	free(v);
}

static void test_carry_mapping_empty(void **state)
{
	struct carry_item *v = (struct carry_item *)1;
	struct err e = {0};
	size_t n = 7;

	(void)state;
	assert_int_equal(parse("# rien\n\n", &v, &n, &e), 0);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_int_equal(parse("", &v, &n, &e), 0);
	assert_null(v);
}

/* The bad line is the sixth of the file: blank lines count. */
static void test_carry_mapping_error_names_real_line(void **state)
{
	const char *t = "1.1 garder\n\n\n# commentaire\n\n1.2 oublier\n";
	struct carry_item *v = NULL;
	struct err e = {0};
	size_t n = 0;

	(void)state;
	assert_int_equal(parse(t, &v, &n, &e), ERR_INVALID);
	assert_null(v);
	assert_int_equal(n, 0);
	assert_non_null(strstr(e.msg, "map.txt, ligne 6 :"));
	assert_non_null(strstr(e.msg, "« N° clore » attendu"));
}

static void test_carry_mapping_bad_forms(void **state)
{
	static const char *const bad[] = {
		"1.1 garder 0", "1.1 garder -2", "1.1 garder trois",
		"1.1 garder 3x", "1.1 garder 99999999999", "1.1 garder 1 2",
		"1.1 fusionner", "1.1 fusionner 1.2 1.3", "1.1 clore 2",
		"1.1", "1.1 Garder",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct carry_item *v = NULL;
		struct err e = {0};
		size_t n = 0;

		if (parse(bad[i], &v, &n, &e) != ERR_INVALID)
			fail_msg("« %s » accepté", bad[i]);
		assert_non_null(strstr(e.msg, "ligne 1 :"));
		assert_null(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_carry_mapping_four_decisions),
		cmocka_unit_test(test_carry_mapping_text_not_needed_afterwards),
		cmocka_unit_test(test_carry_mapping_empty),
		cmocka_unit_test(test_carry_mapping_error_names_real_line),
		cmocka_unit_test(test_carry_mapping_bad_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
