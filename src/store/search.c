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
