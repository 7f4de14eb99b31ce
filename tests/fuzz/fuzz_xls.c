/*
 * fuzz_xls.c - the .xls path on any bytes: content detection
 * (import_detect, with its OLE2 directory and FILEPASS scans), then
 * libfreexl through import_read_xls, whose API takes a path: the input
 * is written to a temporary file, removed after each run. Then the
 * mapper on the book it gives.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned char ole2[8] = {
		0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
	};
	char path[] = "/tmp/fuzz_xls_XXXXXX";
	struct import_book *b = NULL;
	struct import_result *r;
	int fd, rc;

	if (import_detect(data, size) != IMPORT_FMT_XLS &&
	    !(size >= 8 && memcmp(data, ole2, 8) == 0))
		return 0;
	if ((fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	rc = import_read_xls(path, "fuzz.xls", &b, NULL);
	unlink(path);
	if (!rc) {
		r = fz_map(b, NULL);
		import_result_free(&r);
		import_book_free(&b);
	}
	return 0;
}
