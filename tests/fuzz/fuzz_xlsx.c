/*
 * fuzz_xlsx.c - the XLSX reader on any bytes, from memory
 * (import_read_xlsx_mem: libzip over a buffer, no file), then the mapper
 * on the book it gives.
 *
 * Two modes, chosen by the input:
 * - bytes starting with "PK" are the archive itself (damaged zips, bombs,
 *   odd entries);
 * - any other bytes are XML parts separated by NUL bytes, in this order:
 *   the first worksheet, the shared strings, the styles, the workbook, a
 *   second worksheet. They are packed (stored, with correct CRCs) into a
 *   well-formed archive with fixed relationships, so that mutations reach
 *   the XML handlers instead of dying on a checksum. A missing part gets
 *   a minimal default (an empty workbook part lists two sheets).
 */
#include <stdint.h>
#include <stdio.h>
#include <zip.h>

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";

static const char wb_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/"
    "officeDocument/2006/relationships/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";

static const char wb_default[] =
    "<workbook><sheets><sheet name=\"Plan d'action\" r:id=\"rId1\"/>"
    "<sheet name=\"Indicateurs\" r:id=\"rId4\"/></sheets></workbook>";

static const char sheet_default[] = "<worksheet><sheetData/></worksheet>";
static const char sst_default[] = "<sst/>";
static const char styles_default[] = "<styleSheet/>";

/* Packs the parts into an archive in memory; *out is malloc'ed. */
static int pack(const char *const *part, const size_t *len, uint8_t **out,
    size_t *n)
{
	static const char *const names[] = { "xl/worksheets/sheet1.xml",
	    "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
	    "xl/worksheets/sheet2.xml", "_rels/.rels",
	    "xl/_rels/workbook.xml.rels" };
	zip_error_t ze;
	zip_source_t *src;
	zip_t *z;
	zip_int64_t size;
	size_t i;
	int rc = -1;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		goto out;
	if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
		zip_source_free(src);
		goto out;
	}
	zip_source_keep(src);
	for (i = 0; i < 7; i++) {
		zip_source_t *p = zip_source_buffer(z, part[i], len[i], 0);
		zip_int64_t idx;

		if (!p || (idx = zip_file_add(z, names[i], p, 0)) < 0) {
			zip_source_free(p);
			zip_discard(z);
			zip_source_free(src);
			goto out;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		zip_source_free(src);
		goto out;
	}
	if (zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		size = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		if (size > 0 && (*out = malloc((size_t)size)) &&
		    zip_source_read(src, *out, (zip_uint64_t)size) == size) {
			*n = (size_t)size;
			rc = 0;
		} else if (size > 0) {
			free(*out);
			*out = NULL;
		}
		zip_source_close(src);
	}
	zip_source_free(src);
out:
	zip_error_fini(&ze);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_book *b = NULL;
	struct import_result *r;
	uint8_t *zipped = NULL;
	size_t n = 0;
	int rc;

	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		rc = import_read_xlsx_mem(data, size, "fuzz.xlsx", &b, NULL);
	} else {
		const char *part[7] = { sheet_default, sst_default,
		    styles_default, wb_default, sheet_default, rels, wb_rels };
		size_t len[7], k = 0, i = 0;

		for (k = 0; k < 7; k++)
			len[k] = strlen(part[k]);
		for (k = 0; k < 5 && i <= size; k++) {
			const uint8_t *end = memchr(data + i, 0, size - i);
			size_t l = end ? (size_t)(end - (data + i)) : size - i;

			if (l) {
				part[k] = (const char *)data + i;
				len[k] = l;
			}
			i += l + 1;
		}
		if (pack(part, len, &zipped, &n))
			return 0;
		rc = import_read_xlsx_mem(zipped, n, "fuzz.xlsx", &b, NULL);
	}
	if (!rc) {
		r = fz_map(b, NULL);
		import_result_free(&r);
		import_book_free(&b);
	}
	free(zipped);
	return 0;
}
