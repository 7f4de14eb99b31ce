/*
 * fuzz_csv.c - the CSV reader on any bytes, then the mapper on the book
 * it gives, with a small referential held in memory.
 */
#include <stdint.h>

#include "fuzz_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_book *b = NULL;
	struct import_result *r;

	if (import_read_csv((const char *)data, size, "fuzz.csv", &b, NULL))
		return 0;
	r = fz_map(b, NULL);
	import_result_free(&r);
	import_book_free(&b);
	return 0;
}
