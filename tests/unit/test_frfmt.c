/*
 * test_frfmt.c - the process locale (locale_setup) and the French forms
 * of dates and numbers people read. Run under the suite's test locale
 * ($SUIVI_TEST_LOCALE, set by the Makefile): it fails when that locale
 * silently fell back to "C" (not generated on the machine).
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include <cmocka.h>

#include "util.h"

static const char *test_locale(void)
{
	const char *l = getenv("SUIVI_TEST_LOCALE");

	return l && *l ? l : "C.UTF-8";
}

/* What the program runs under: the user's characters, C numbers. */
static void test_locale_setup_takes_user_ctype_keeps_c_numbers(void **state)
{
	char buf[32];
	char *end;

	(void)state;
	setenv("LC_ALL", test_locale(), 1);
	locale_setup();
	assert_string_equal(setlocale(LC_CTYPE, NULL), test_locale());
	assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
	/* curses and utf8_width need the wide-character tables */
	assert_int_equal(wcwidth(L'\u65e5'), 2);	/* 日 */
	assert_int_equal(utf8_width("Réalisée"), 8);
	snprintf(buf, sizeof buf, "%g %.2f", 182.4, 34.71);
	assert_string_equal(buf, "182.4 34.71");
	assert_true(strtod("31.7", &end) == 31.7);
	assert_int_equal(*end, '\0');
}

static void test_fr_date_null_empty_and_garbage(void **state)
{
	char b[FR_DATE_LEN];

	(void)state;
	assert_string_equal(fr_date(NULL, b, sizeof b), "");
	assert_string_equal(fr_date("", b, sizeof b), "");
	assert_string_equal(fr_datetime("hier", b, sizeof b), "hier");
	assert_string_equal(fr_date("2026-13-04", b, sizeof b), "2026-13-04");
	assert_string_equal(fr_date_long("2026-12-4", b, sizeof b),
	    "2026-12-4");
	assert_string_equal(fr_datetime("2026-12-04 7:05", b, sizeof b),
	    "2026-12-04 7:05");
}

static void test_fr_date_forms(void **state)
{
	char b[FR_DATE_LEN];

	(void)state;
	assert_string_equal(fr_date("2026-12-04 17:05:09", b, sizeof b),
	    "04/12/2026");
	assert_string_equal(fr_date("2025-11-28", b, sizeof b), "28/11/2025");
	assert_string_equal(fr_datetime("2026-12-04 17:05:09", b, sizeof b),
	    "04/12/2026 à 17:05");
	assert_string_equal(fr_datetime("2026-01-30T16:40", b, sizeof b),
	    "30/01/2026 à 16:40");
	assert_string_equal(fr_datetime("2026-01-30", b, sizeof b),
	    "30/01/2026");
	assert_string_equal(fr_date_long("2026-12-04 17:05:09", b, sizeof b),
	    "4 décembre 2026");
	assert_string_equal(fr_date_long("2026-08-01", b, sizeof b),
	    "1er août 2026");
	assert_string_equal(fr_date_long("2021-02-10 18:30:00", b, sizeof b),
	    "10 février 2021");
}

/* The plan list's "Mise à jour" column is 11 wide. */
static void test_fr_date_fits_the_plan_column(void **state)
{
	char b[FR_DATE_LEN];

	(void)state;
	assert_true(utf8_width(fr_date("2025-11-28 10:00:00", b, sizeof b))
	    <= 11);
	/* a short buffer cuts, never overflows */
	assert_string_equal(fr_datetime("2026-12-04 17:05:09", b, 6), "04/12");
}

static void test_fr_datetime_t_local_time(void **state)
{
	char b[FR_DATE_LEN];

	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	/* 2026-12-04 16:05:00 UTC is 17:05 in Paris */
	assert_string_equal(fr_datetime_t(1796400300, b, sizeof b),
	    "04/12/2026 à 17:05");
}

static void test_fr_decimal_comma(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(fr_decimal(0.4285714, 2, b, sizeof b), "0,43");
	assert_string_equal(fr_decimal(31.7, 1, b, sizeof b), "31,7");
	assert_string_equal(fr_decimal(12, 0, b, sizeof b), "12");
	assert_string_equal(fr_decimal(-0.001, 1, b, sizeof b), "0,0");
	assert_string_equal(fr_decimal(-2.5, 1, b, sizeof b), "-2,5");
}

static void test_fr_number_text_only_plain_decimals(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(fr_number_text(NULL, b, sizeof b), "");
	assert_string_equal(fr_number_text("", b, sizeof b), "");
	assert_string_equal(fr_number_text("31.7", b, sizeof b), "31,7");
	assert_string_equal(fr_number_text("-0.25", b, sizeof b), "-0,25");
	assert_string_equal(fr_number_text("120", b, sizeof b), "120");
	assert_string_equal(fr_number_text("12,5 %", b, sizeof b), "12,5 %");
	assert_string_equal(fr_number_text("1.2.3", b, sizeof b), "1.2.3");
	assert_string_equal(fr_number_text("v1.2", b, sizeof b), "v1.2");
	assert_string_equal(fr_number_text(".5", b, sizeof b), ".5");
	assert_string_equal(fr_number_text("5.", b, sizeof b), "5.");
	assert_string_equal(fr_number_text("1e+20", b, sizeof b), "1e+20");
	/* text is never cut: a long value comes back itself */
	assert_string_equal(fr_number_text("une valeur bien plus longue que "
	    "le tampon", b, 8), "une valeur bien plus longue que le tampon");
	assert_string_equal(fr_number_text("123456.789", b, 8), "123456.789");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locale_setup_takes_user_ctype_keeps_c_numbers),
		cmocka_unit_test(test_fr_date_null_empty_and_garbage),
		cmocka_unit_test(test_fr_date_forms),
		cmocka_unit_test(test_fr_date_fits_the_plan_column),
		cmocka_unit_test(test_fr_datetime_t_local_time),
		cmocka_unit_test(test_fr_decimal_comma),
		cmocka_unit_test(test_fr_number_text_only_plain_decimals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
