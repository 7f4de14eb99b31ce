/*
 * fuzz_referential.c - the referential and record parsers on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct referential *r = NULL;
	struct record *recs = NULL;
	size_t n = 0;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (records_parse(text, size, "fuzz", &recs, &n, NULL) == 0)
		records_free(recs, n);
	if (referential_parse(text, size, "fuzz", &r, NULL) == 0)
		referential_free(&r);
	free(text);
	return 0;
}
