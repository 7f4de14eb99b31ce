/*
 * carry.c - the correspondence file of a new mandate: for each action of
 * the previous mandate, one decision per line (what `suivi mandat
 * nouveau|reprendre --correspondance` reads; store_carry_over applies it):
 *     1.1 garder            (engagement given by the referential)
 *     1.2 garder 3          (into engagement 3 of the new mandate)
 *     1.3 fusionner 1.1     (merged into the kept action 1.1)
 *     1.4 clore             (not carried over)
 * '#' starts a comment; blank lines are skipped but counted, so that an
 * error names the line an editor shows. Pure: no I/O, no message printed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The decision of the k words w of a line, into *it; -1 when it is none. */
static int parse_words(char **w, int k, struct carry_item *it)
{
	memset(it, 0, sizeof *it);
	it->ref = w[0];
	if (k >= 2 && k <= 3 && strcmp(w[1], "garder") == 0) {
		it->decision = CARRY_KEEP;
		if (k == 3) {
			char *end;
			long n = strtol(w[2], &end, 10);

			if (end == w[2] || *end || n < 1 || n > INT_MAX)
				return -1;
			it->engagement = (int)n;
		}
		return 0;
	}
	if (k == 3 && strcmp(w[1], "fusionner") == 0) {
		it->decision = CARRY_MERGE;
		it->into = w[2];
		return 0;
	}
	if (k == 2 && strcmp(w[1], "clore") == 0) {
		it->decision = CARRY_CLOSE;
		return 0;
	}
	return -1;
}

int carry_mapping_parse(const char *text, size_t len, const char *name,
    struct carry_item **items, size_t *n, struct err *e)
{
	struct carry_item *v = NULL, *block;
	char *copy, *line, *end;
	size_t nv = 0, i;
	int lineno = 0, rc = 0;

	*items = NULL;
	*n = 0;
	if (!(copy = malloc(len + 1)))
		return err_nomem(e);
	memcpy(copy, text, len);
	copy[len] = '\0';
	for (line = copy; line < copy + len && *line; line = end + 1) {
		char *w[4] = { NULL }, *p, *sv = NULL;
		int k = 0;

		lineno++;
		if ((end = strchr(line, '\n')))
			*end = '\0';
		else
			end = line + strlen(line);
		if ((p = strchr(line, '#')))
			*p = '\0';
		for (p = strtok_r(line, " \t\r", &sv); p && k < 4;
		    p = strtok_r(NULL, " \t\r", &sv))
			w[k++] = p;
		if (!k)
			continue;
		if (array_grow(&v, nv, sizeof *v)) {
			rc = err_nomem(e);
			goto out;
		}
		if (parse_words(w, k, &v[nv])) {
			rc = err_set(e, ERR_INVALID, "%s, ligne %d : « N° garder "
			    "[engagement] », « N° fusionner N° » ou « N° clore » "
			    "attendu", name, lineno);
			goto out;
		}
		nv++;
	}
	if (!nv)
		goto out;
	/* One block: the items, then the text their strings point into. */
	if (!(block = malloc(nv * sizeof *block + len + 1))) {
		rc = err_nomem(e);
		goto out;
	}
	memcpy((char *)(block + nv), copy, len + 1);
	for (i = 0; i < nv; i++) {
		block[i] = v[i];
		block[i].ref = (char *)(block + nv) + (v[i].ref - copy);
		if (v[i].into)
			block[i].into = (char *)(block + nv) +
			    (v[i].into - copy);
	}
	*items = block;
	*n = nv;
out:
	free(v);
	free(copy);
	return rc;
}
