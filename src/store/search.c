/*
 * search.c - full-text search (FTS5) over the texts of actions.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fs.h"
#include "store.h"
#include "store_priv.h"

/* Turns what the user typed into an FTS5 query: each word becomes a
 * quoted prefix term, so that no FTS syntax is interpreted. */
char *sp_fts_query(const char *q)
{
	struct strbuf sb = {0};
	const char *p = q;

	while (*p) {
		const char *w;

		while (*p && (unsigned char)*p <= ' ')
			p++;
		if (!*p)
			break;
		w = p;
		while (*p && (unsigned char)*p > ' ')
			p++;
		if (sb.len)
			sb_append_c(&sb, ' ');
		sb_append_c(&sb, '"');
		for (; w < p; w++) {
			if (*w == '"')
				sb_append_c(&sb, '"');
			sb_append_c(&sb, *w);
		}
		sb_append(&sb, "\"*");
	}
	return sb.len ? sb_steal(&sb) : (sb_free(&sb), NULL);
}

int store_search_ids(struct store *s, const char *q, int64_t **ids,
    size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *fq = NULL;
	int64_t *v = NULL;
	size_t nv = 0;
	int rc = 0;

	*ids = NULL;
	*n = 0;
	if (str_empty(q))
		return 0;
	if (!(fq = sp_fts_query(q)))
		return 0;	/* only blanks */
	if ((rc = sp_prep(s, "SELECT rowid FROM action_fts WHERE action_fts "
	    "MATCH ? ORDER BY rowid", &st, e)))
		goto out;
	sp_bind_text(st, 1, fq);
	while (sp_row(s, st, &rc, "recherche", e)) {
		if (array_grow(&v, nv, sizeof *v)) {
			rc = err_nomem(e);
			goto out;
		}
		v[nv++] = sqlite3_column_int64(st, 0);
	}
out:
	sqlite3_finalize(st);
	free(fq);
	if (rc) {
		free(v);
		return rc;
	}
	*ids = v;
	*n = nv;
	return 0;
}

