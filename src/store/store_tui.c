/*
 * store_tui.c - queries of the terminal interface that store.c does not
 * offer: the assessments of a mandate without its whole plan (the
 * Synthèse screen must stay instant on a large database), and the lock
 * wait of the interface's connection.
 *
 * Queries only; statements are literals with bound values.
 */
#include <stdlib.h>
#include <string.h>

#include "store_priv.h"
#include "store_tui.h"

int store_list_assessments(struct store *s, int64_t mandate_id,
    struct assessment **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct assessment *v = NULL;
	size_t nv = 0;
	int rc, step;

	if ((rc = sp_prep(s, "SELECT engagement, value, comment FROM "
	    "assessment WHERE mandate_id = ? ORDER BY engagement", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		void *np = realloc(v, (nv + 1) * sizeof *v);

		if (!np) {
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
			goto out;
		}
		v = np;
		memset(&v[nv], 0, sizeof *v);
		v[nv].engagement = sqlite3_column_int(st, 0);
		v[nv].value = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		v[nv].comment = sp_col_text(st, 2);
		nv++;
	}
	if (step != SQLITE_DONE)
		rc = sp_db_err(s, e, "lecture des appréciations");
out:
	sqlite3_finalize(st);
	if (rc) {
		assessments_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

void assessments_free(struct assessment *as, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(as[i].comment);
	free(as);
}

void store_set_busy_ms(struct store *s, int ms)
{
	sqlite3_busy_timeout(s->db, ms);
}
