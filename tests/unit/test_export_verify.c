/*
 * test_export_verify.c - unit tests of export_verify_xlsx on archives
 * built here with libzip: a sheet whose rows are skipped by their length
 * passes only when the rows are as long as written and the row kept for
 * last starts where they end; parts cut short or missing fail.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "../../src/export/export_priv.h"

#define PART	"xl/worksheets/sheet2.xml"
#define HEAD	"<?xml version=\"1.0\"?><worksheet><cols/><sheetData>"
#define ROW1	"<row r=\"1\"><c><v>1</v></c></row>"
#define ROW2	"<row r=\"2\"><c><v>22</v></c></row>"
#define ROW3	"<row r=\"3\"><c><v>33</v></c></row>"	/* as long as ROW2 */
#define TAIL	"</sheetData><pageMargins/></worksheet>"

struct fx {
	char path[64];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	int fd;

	assert_non_null(f);
	strcpy(f->path, "/tmp/test_verify.XXXXXX");
	assert_true((fd = mkstemp(f->path)) >= 0);
	close(fd);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	unlink(f->path);
	free(f);
	return 0;
}

/* Writes an archive of one part. */
static void write_zip(const char *path, const char *name, const char *text)
{
	zip_source_t *src;
	zip_t *z;
	int err = 0;

	assert_non_null(z = zip_open(path, ZIP_TRUNCATE, &err));
	assert_non_null(src = zip_source_buffer(z, text, strlen(text), 0));
	assert_true(zip_file_add(z, name, src, ZIP_FL_OVERWRITE) >= 0);
	assert_int_equal(zip_close(z), 0);
}

/* The rows written and checked: ROW1 and ROW2; ROW3 kept for last. */
static const struct export_sheet_data sd = {
	PART, sizeof ROW1 ROW2 - 1, "<row r=\"3\"",
};

static void test_export_verify_xlsx_rows_as_written_pass(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	write_zip(f->path, PART, HEAD ROW1 ROW2 ROW3 TAIL);
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), 0);
	/* Without the lengths, the whole part is parsed. */
	assert_int_equal(export_verify_xlsx(f->path, NULL, 0, &e), 0);
}

static void test_export_verify_xlsx_rows_cut_fail(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	/* Bytes lost inside the rows: the skip ends inside the last row. */
	write_zip(f->path, PART, HEAD ROW1 "<row r=\"2\"></row>" ROW3 TAIL);
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), ERR_IO);
	assert_non_null(strstr(e.msg, PART));
}

static void test_export_verify_xlsx_lost_row_of_last_length_fails(
    void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	/* ROW2 lost whole, and as long as ROW3: what follows the skip is
	 * "</sheetData>" and parses, but the last row is not there. */
	write_zip(f->path, PART, HEAD ROW1 ROW3 TAIL);
	assert_int_equal(export_verify_xlsx(f->path, NULL, 0, &e), 0);
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), ERR_IO);
}

static void test_export_verify_xlsx_tail_cut_fails(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	write_zip(f->path, PART, HEAD ROW1 ROW2 ROW3 "</sheetData><pageMar");
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), ERR_IO);
	write_zip(f->path, PART, HEAD ROW1);
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), ERR_IO);
}

static void test_export_verify_xlsx_missing_part_fails(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	write_zip(f->path, "xl/workbook.xml", "<workbook/>");
	assert_int_equal(export_verify_xlsx(f->path, &sd, 1, &e), ERR_IO);
	assert_non_null(strstr(e.msg, PART));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_export_verify_xlsx_rows_as_written_pass, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_verify_xlsx_rows_cut_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_verify_xlsx_lost_row_of_last_length_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_verify_xlsx_tail_cut_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_verify_xlsx_missing_part_fails, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
