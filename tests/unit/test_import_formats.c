/*
 * test_import_formats.c - unit tests of the readers added for the formats
 * cities keep: the ODS reader on a file LibreOffice wrote (fills,
 * strike-through, hidden sheet, percentage, date, paragraphs, spaces,
 * spanned cells), UTF-16 text with and without BOM, and the detection of
 * a file's kind by its content (password-protected ones included).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "util.h"
#include "../../src/import/import_priv.h"

/* The bytes of tests/data/import/formats/<name> (SUIVI_DATA is data/). */
static char *load(const char *name, size_t *len)
{
	char path[4096], *data = NULL;
	const char *d = getenv("SUIVI_DATA");
	struct err e = {0};

	snprintf(path, sizeof path, "%s/../tests/data/import/formats/%s",
	    d ? d : "data", name);
	assert_int_equal(file_read_all(path, IMPORT_MAX_FILE, &data, len, &e),
	    0);
	return data;
}

static const struct import_cell *at(const struct import_sheet *sh, int row,
    int col)
{
	const struct import_cell *c = import_sheet_cell(sh, row, col);

	assert_non_null(c);
	return c;
}

static void test_ods_styles_values(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};
	const struct import_sheet *sh;
	size_t len;
	char *data = load("styles.ods", &len);

	(void)state;
	assert_int_equal(import_detect(data, len), IMPORT_FMT_ODS);
	assert_int_equal(import_read_ods_mem(data, len, "styles.ods", &b, &e),
	    0);
	assert_int_equal(b->n, 2);
	sh = &b->sheets[0];
	assert_string_equal(sh->name, "Plan");
	assert_false(sh->hidden);
	assert_string_equal(b->sheets[1].name, "Archive 2022");
	assert_true(b->sheets[1].hidden);
	assert_string_equal(at(sh, 2, 1)->text, "Action bleue");
	assert_true(at(sh, 2, 1)->blue);
	assert_false(at(sh, 2, 1)->strike);
	assert_string_equal(at(sh, 3, 1)->text, "Action barrée");
	assert_true(at(sh, 3, 1)->strike);
	assert_false(at(sh, 3, 1)->blue);
	assert_string_equal(at(sh, 2, 2)->text, "0.5");	/* 50 % */
	assert_string_equal(at(sh, 3, 2)->text, "1");	/* 100% */
	assert_string_equal(at(sh, 2, 3)->text, "2024-06-30");
	assert_string_equal(at(sh, 2, 4)->text, "a\nb");
	assert_string_equal(at(sh, 3, 4)->text, "x    y");
	/* B4:C4 merged: the value fills the range */
	assert_string_equal(at(sh, 4, 1)->text, "Fusionnée");
	assert_string_equal(at(sh, 4, 2)->text, "Fusionnée");
	/* the blue empty cells of column E are kept for their fill */
	assert_true(at(sh, 5, 4)->blue);
	assert_string_equal(at(sh, 5, 4)->text, "");
	import_book_free(&b);
	free(data);
}

/* The same file as openpyxl wrote it: the XLSX reader gives the same
 * hidden sheet and strike-through. */
static void test_xlsx_hidden_strike(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};
	size_t len;
	char *data = load("styles.xlsx", &len);

	(void)state;
	assert_int_equal(import_read_xlsx_mem(data, len, "styles.xlsx", &b,
	    &e), 0);
	assert_int_equal(b->n, 2);
	assert_false(b->sheets[0].hidden);
	assert_true(b->sheets[1].hidden);
	assert_true(at(&b->sheets[0], 2, 1)->blue);
	assert_false(at(&b->sheets[0], 2, 1)->strike);
	assert_true(at(&b->sheets[0], 3, 1)->strike);
	assert_false(at(&b->sheets[0], 3, 0)->strike);
	import_book_free(&b);
	free(data);
}

static void test_ods_million_rows(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};
	size_t len;
	char *data = load("lignes-vides.ods", &len);

	(void)state;
	assert_int_equal(import_read_ods_mem(data, len, "x.ods", &b, &e), 0);
	/* 4 rows of 4 cells: the repeated empty rows cost nothing */
	assert_true(b->sheets[0].n <= 16);
	assert_string_equal(at(&b->sheets[0], 4, 2)->text,
	    "Accompagnement à la scolarité");
	import_book_free(&b);
	free(data);
}

static void test_ods_not_ods(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};

	(void)state;
	assert_int_equal(import_read_ods_mem("PK\3\4", 4, "x.ods", &b, &e),
	    ERR_FORMAT);
	assert_non_null(strstr(e.msg, "x.ods : classeur ODS illisible"));
	assert_null(b);
}

static struct import_book *csv16(const char *s, size_t n)
{
	struct import_book *b = NULL;
	struct err e = {0};

	assert_int_equal(import_read_csv(s, n, "t.txt", &b, &e), 0);
	return b;
}

static void test_utf16_text(void **state)
{
	/* "N°\tÉté\r\n1.1\tx\r\n" */
	static const char le[] = "\xff\xfeN\0\xb0\0\t\0\xc9\0t\0\xe9\0\r\0\n\0"
	    "1\0.\0" "1\0\t\0x\0\r\0\n\0";
	static const char be[] = "\xfe\xff\0N\0\xb0\0\t\0\xc9\0t\0\xe9\0\r\0\n"
	    "\0" "1\0.\0" "1\0\t\0x\0\r\0\n";
	struct import_book *b;
	struct err e = {0};
	const char *texts[3] = { le, be, le + 2 };
	size_t lens[3] = { sizeof le - 1, sizeof be - 1, sizeof le - 3 };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		b = csv16(texts[i], lens[i]);
		assert_string_equal(at(&b->sheets[0], 1, 0)->text, "N°");
		assert_string_equal(at(&b->sheets[0], 1, 1)->text, "Été");
		assert_string_equal(at(&b->sheets[0], 2, 0)->text, "1.1");
		assert_string_equal(at(&b->sheets[0], 2, 1)->text, "x");
		import_book_free(&b);
	}
	/* a lone high surrogate: named, not "octets nuls" */
	b = NULL;
	assert_int_equal(import_read_csv("\xff\xfe" "a\0\n\0\x00\xd8", 8,
	    "t.txt", &b, &e), ERR_FORMAT);
	assert_non_null(strstr(e.msg, "t.txt, ligne 2 : caractère illisible "
	    "dans un texte UTF-16LE"));
	assert_null(b);
}

static void test_detect_by_content(void **state)
{
	static const char *const enc[] = { "chiffre.xlsx", "motdepasse.xls",
	    "motdepasse.ods" };
	static const unsigned char ole[512] = {
		0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
	};
	size_t len, i;
	char *d;

	(void)state;
	for (i = 0; i < 3; i++) {
		d = load(enc[i], &len);
		assert_int_equal(import_detect(d, len), IMPORT_FMT_ENCRYPTED);
		free(d);
	}
	d = load("xls-renomme.xlsx", &len);
	assert_int_equal(import_detect(d, len), IMPORT_FMT_XLS);
	free(d);
	d = load("ods-renomme.xlsx", &len);
	assert_int_equal(import_detect(d, len), IMPORT_FMT_ODS);
	free(d);
	assert_int_equal(import_detect(ole, sizeof ole), IMPORT_FMT_XLS);
	assert_int_equal(import_detect("N°;Intitulé\n", 13), IMPORT_FMT_TEXT);
	assert_int_equal(import_detect("", 0), IMPORT_FMT_TEXT);
	assert_int_equal(import_detect("PK", 2), IMPORT_FMT_XLSX);
}

static void test_xls_values_no_styles(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};
	char path[4096];
	const char *d = getenv("SUIVI_DATA");

	(void)state;
	snprintf(path, sizeof path, "%s/../tests/data/import/formats/"
	    "xlwt-simple.xls", d ? d : "data");
	assert_int_equal(import_read_xls(path, "xlwt-simple.xls", &b, &e), 0);
	assert_true(b->styles_unknown);
	assert_int_equal(b->format, IMPORT_FMT_XLS);
	assert_string_equal(b->sheets[0].name, "Plan");
	assert_string_equal(at(&b->sheets[0], 1, 0)->text, "N°");
	assert_string_equal(at(&b->sheets[0], 2, 1)->text, "1");
	assert_string_equal(at(&b->sheets[0], 3, 2)->text,
	    "Tarification sociale de la cantine");
	import_book_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ods_styles_values),
		cmocka_unit_test(test_xlsx_hidden_strike),
		cmocka_unit_test(test_ods_million_rows),
		cmocka_unit_test(test_ods_not_ods),
		cmocka_unit_test(test_utf16_text),
		cmocka_unit_test(test_detect_by_content),
		cmocka_unit_test(test_xls_values_no_styles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
