/*
 * suggest.c - "vouliez-vous dire … ?": the nearest of a few names to a
 * misspelt one (edit distance, a swap of two neighbours counting one),
 * and whole-number arguments.
 *
 * Names are compared folded (text_fold: case and accents ignored), so
 * that « élus » is « elus » and « Exporter » is « exporter ».
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define DIST_MAX_LEN 64

size_t str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t rows[3][DIST_MAX_LEN + 1];
	size_t *pp = rows[0], *p = rows[1], *cur = rows[2], *t;

	if (la > DIST_MAX_LEN || lb > DIST_MAX_LEN)
		return la > lb ? la : lb;
	for (j = 0; j <= lb; j++)
		p[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = p[j - 1] + (a[i - 1] != b[j - 1]);

			if (p[j] + 1 < best)
				best = p[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			/* two neighbours swapped: one typo ("nmo", "nom") */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
		}
		t = pp;
		pp = p;
		p = cur;
		cur = t;
	}
	return p[lb];
}

const char *str_nearest(const char *word, const char *const *names,
    size_t n)
{
	char *w = text_fold(word);
	const char *best = NULL;
	size_t bestd = (size_t)-1, len, limit, i;

	if (!w)
		return NULL;
	len = strlen(w);
	/* Two letters wrong in a short name is another name, not a typo. */
	limit = len >= 8 ? 3 : len >= 4 ? 2 : 1;
	for (i = 0; i < n; i++) {
		char *f;
		size_t d;

		if (!names[i] || !(f = text_fold(names[i])))
			continue;
		d = str_distance(w, f);
		free(f);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	free(w);
	return bestd > 0 && bestd <= limit ? best : NULL;
}

int int_parse(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s || *s == ' ' || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}
