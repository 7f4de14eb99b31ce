/*
 * import.c - importing a file: what `suivi import` and i both do.
 *
 * Reads the file (import_read_file), maps it with the mandate's
 * referential (import_map_release), then, for a real import of a file
 * without errors, backs the database up next to itself
 * (<nom>-avant-import-AAAA-MM-JJ-HHhMMmSS.db, store_backup_beside) and
 * applies it in one transaction (import_apply, apply.c). A trial, or a
 * file with errors (still run whole, rolled back, to list every problem
 * at once), runs on a copy and makes no backup. Whether to offer
 * freezing the initial plan afterwards is decided here; asking is the
 * front end's.
 */
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "store.h"

static int read_mapped(struct store *s, const struct mandate *m,
    const char *path, const char *sheet, struct import_result **out,
    int *styles_unknown, struct err *e)
{
	struct import_book *book = NULL;
	struct referential *ref = NULL;
	struct import_opts mo;
	int rc;

	if ((rc = store_get_referential(s, m->referential_id, &ref, e)))
		return rc;
	memset(&mo, 0, sizeof mo);
	mo.sheet = sheet;
	mo.ref = ref;
	mo.year_min = m->year_first;
	mo.year_max = m->year_last;
	if (!(rc = import_read_file(path, &book, e))) {
		*styles_unknown = book->styles_unknown;
		rc = import_map_release(book, &mo, out, e);
	}
	import_book_free(&book);	/* the result holds copies */
	referential_free(&ref);
	return rc;
}

int ops_import_file(struct store *s, const struct mandate *m,
    const char *path, const char *sheet, const struct import_apply_opts *o,
    struct ops_import *x, struct err *e)
{
	struct import_apply_opts ao = *o;
	const char *base;
	int rc, has = 0;

	memset(x, 0, sizeof *x);
	if (!ao.file) {
		base = strrchr(path, '/');
		ao.file = base ? base + 1 : path;
	}
	if ((rc = read_mapped(s, m, path, sheet, &x->r, &x->styles_unknown, e))) {
		x->failed = OPS_IMPORT_READ;
		return rc;
	}
	if (x->r->n_errors)
		ao.dry_run = 1;
	x->dry_run = ao.dry_run;
	if (!ao.dry_run && (rc = ops_backup(s, OPS_BACKUP_IMPORT,
	    &x->backup, e))) {
		x->failed = OPS_IMPORT_BACKUP;
		return rc;
	}
	if ((rc = import_apply(s, m, x->r, &ao, &x->rep, e))) {
		x->failed = OPS_IMPORT_APPLY;
		return rc;
	}
	x->offer_freeze = !ao.dry_run && !x->rep.initial_frozen &&
	    !x->rep.had_initial && !store_has_initial(s, m->id, &has, NULL) &&
	    !has;
	return 0;
}

void ops_import_clear(struct ops_import *x)
{
	import_report_clear(&x->rep);
	import_result_free(&x->r);
	free(x->backup);
	x->backup = NULL;
}

int ops_freeze_initial(struct store *s, int64_t mandate_id, struct err *e)
{
	return store_freeze_initial(s, mandate_id, e);
}
