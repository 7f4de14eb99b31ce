/*
 * fuzz_fields.c - the field normalisers and setters on any bytes: the
 * first byte picks the field, the rest is the value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct action a;
	struct strbuf sb = {0};
	enum progress p;
	char *v, *f;
	int b, k;

	if (size < 1)
		return 0;
	v = malloc(size);
	if (!v)
		return 0;
	memcpy(v, data + 1, size - 1);
	v[size - 1] = '\0';
	memset(&a, 0, sizeof a);
	progress_parse(v, &p);
	bool_parse(v, &b);
	assessment_parse(v, &k);
	f = text_fold(v);
	free(f);
	utf8_width(v);
	free(ref_sort_key(v));
	ref_validate(v, NULL);
	field_find(v);
	if (action_field_set(&a, (enum field_id)(data[0] % F_COUNT), v, 2020,
	    2026, NULL) == 0)
		action_field_get(&a, (enum field_id)(data[0] % F_COUNT), 0, &sb);
	action_validate(&a, NULL);
	sb_free(&sb);
	action_clear(&a);
	free(v);
	return 0;
}
