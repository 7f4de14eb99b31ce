/*
 * fuzz_ods.c - the ODS reader on any bytes, from memory
 * (import_read_ods_mem), then the mapper on the book it gives.
 *
 * Two modes, chosen by the input:
 * - bytes starting with "PK" are the archive itself;
 * - any other bytes are XML parts separated by a NUL byte: content.xml,
 *   then styles.xml. They are packed (stored, correct CRCs) with the
 *   mimetype of an ODS so that mutations reach the XML handlers. A missing
 *   part gets a minimal default.
 */
#include <stdint.h>
#include <stdio.h>
#include <zip.h>

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";
static const char content_default[] =
    "<office:document-content><office:body><office:spreadsheet>"
    "<table:table table:name=\"Plan\"/></office:spreadsheet></office:body>"
    "</office:document-content>";
static const char styles_default[] = "<office:document-styles/>";

static int pack(const char *const *part, const size_t *len, uint8_t **out,
    size_t *n)
{
	static const char *const names[] = { "mimetype", "content.xml",
	    "styles.xml" };
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
	for (i = 0; i < 3; i++) {
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
		(void)import_detect(data, size);
		rc = import_read_ods_mem(data, size, "fuzz.ods", &b, NULL);
	} else {
		const char *part[3] = { mimetype, content_default,
		    styles_default };
		size_t len[3], k, i = 0;

		for (k = 0; k < 3; k++)
			len[k] = strlen(part[k]);
		for (k = 1; k < 3 && i <= size; k++) {
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
		rc = import_read_ods_mem(zipped, n, "fuzz.ods", &b, NULL);
	}
	if (!rc) {
		r = fz_map(b, NULL);
		import_result_free(&r);
		import_book_free(&b);
	}
	free(zipped);
	return 0;
}
