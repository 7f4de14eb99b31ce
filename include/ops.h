/*
 * ops.h - the use cases both front ends share (src/ops/).
 *
 * The command line (src/cli/) and the interface (src/tui/) parse, ask
 * and show; what they do with the base is here, written once, so that
 * `suivi export` and F6, `suivi import` and i, `suivi sauvegarde` and
 * the interface's backup give the same files. Order of the layers:
 * tui, cli -> ops -> store, export, import -> model -> util. Nothing
 * here prints, asks or exits: failures return a code and a French
 * message in struct err.
 */
#ifndef SUIVI_OPS_H
#define SUIVI_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "export.h"
#include "import.h"
#include "model.h"
#include "store_plan.h"

struct store;

/* ---- Opening a base ---- */

/* $XDG_DATA_HOME/suivi/<file> (else ~/.local/share/suivi/<file>), the
 * directory created if missing. Caller frees; NULL when out of memory. */
char *ops_default_db_path(const char *file);

/* The data directory (referentials, demo): $SUIVI_DATA, else data/ next
 * to the executable (a checkout), else the installed one. Borrowed,
 * valid for the whole run. */
const char *ops_data_dir(void);

enum ops_open_flags {
	OPS_WRITE = 1,		/* the caller modifies the database */
	OPS_CREATE = 2,		/* create the file when missing */
	OPS_NO_MANDATE = 4,	/* do not require an initialised database */
	OPS_READ_ONLY = 8,	/* open the file read-only, even if writable */
};

/* Opens the base at path into *store (unless already open) and, unless
 * OPS_NO_MANDATE, selects the mandate into *m (unless already selected):
 * by label, or the active one when label is NULL. *readonly: the mandate
 * is archived and modify_archive is 0. With OPS_WRITE, a read-only file
 * or an archived mandate is ERR_READONLY, naming which. On failure what
 * was opened stays in *store and *m for the caller to free. */
int ops_open(const char *path, int flags, const char *label,
    int modify_archive, struct store **store, struct mandate *m,
    int *readonly, struct err *e);

/* ---- Backups ---- */

/* A dated copy of s beside it (store_backup_beside): kind is
 * OPS_BACKUP_MANUAL or OPS_BACKUP_IMPORT. *dest gets its path (caller
 * frees). */
#define OPS_BACKUP_MANUAL	"sauvegarde"
#define OPS_BACKUP_IMPORT	"avant-import"
int ops_backup(struct store *s, const char *kind, char **dest,
    struct err *e);

/* ---- Demo and referentials ---- */

/* Loads the demo plan (<data_dir>/demo/ville-de-demo.txt) into an empty
 * store, replaying its mandate (journal, reviews, snapshots). */
int ops_demo_load(struct store *s, const char *data_dir, struct err *e);

/* The referential of path, or when path is NULL the one shipped for the
 * mandate label (<data_dir>/referentiels/vae-<label>.txt). Caller frees
 * with referential_free. */
int ops_referential_load(const char *data_dir, const char *label,
    const char *path, struct referential **out, struct err *e);

/* ---- Applying an import (src/ops/apply.c) ---- */

struct import_apply_opts {
	int dry_run;		/* do everything, then roll back */
	int force;		/* overwrite rows changed since our export */
	int freeze_initial;	/* freeze the initial plan afterwards */
	const char *file;	/* name for the default reason of additions */
};

struct import_report {
	size_t created, updated, unchanged, conflicts;
	size_t ind_created, ind_updated, ind_unchanged;	/* indicators */
	struct strbuf text;	/* French, one line per created/updated/
				   conflicting action and per difference */
	int initial_frozen;	/* the initial plan was frozen */
	int had_initial;	/* the initial plan existed before */
};

/* Applies r to the mandate in one transaction: rows matched by N° are
 * updated field by field (journaled), others created; then indicators
 * (matched by action N° and label: created, or updated where the file
 * differs); reviews and collectivité too. Faulty rows are added to
 * r->issues; when any error exists (before or during) everything is
 * rolled back and ERR_INVALID is returned. With dry_run the same happens
 * on a copy of the base in memory and is always rolled back. */
int import_apply(struct store *s, const struct mandate *m,
    struct import_result *r, const struct import_apply_opts *o,
    struct import_report *rep, struct err *e);
void import_report_clear(struct import_report *rep);

/* ---- Importing a file ---- */

enum ops_import_stage {
	OPS_IMPORT_READ = 1,	/* the file could not be read or mapped */
	OPS_IMPORT_BACKUP,	/* the backup before the import failed */
	OPS_IMPORT_APPLY,	/* the import itself failed (rolled back) */
};

struct ops_import {
	struct import_result *r;	/* the mapped file, with the issues
					   the apply found */
	struct import_report rep;
	char *backup;		/* the copy made before a real import */
	int dry_run;		/* what was done: a trial (asked, or forced
				   because the file has errors) */
	int offer_freeze;	/* a real import left the initial plan
				   unfrozen: ask whether to freeze it */
	enum ops_import_stage failed;	/* on failure: where */
	int styles_unknown;	/* read from an .xls: values only (no
				   fills, strike-through, hidden sheets) */
};

/* Imports path into mandate m of s: reads it (XLSX or CSV; sheet: the
 * sheet to read, NULL to find it), maps it with the mandate's
 * referential, then, for a real import of a file without errors, backs
 * the base up beside itself (OPS_BACKUP_IMPORT) and applies it in one
 * transaction (a trial, o->dry_run or a file with errors, runs on a
 * copy). o->file names the file in the reasons of additions (its base
 * name when NULL). x is filled even on failure (x->failed says where);
 * ops_import_clear frees it. */
int ops_import_file(struct store *s, const struct mandate *m,
    const char *path, const char *sheet, const struct import_apply_opts *o,
    struct ops_import *x, struct err *e);
void ops_import_clear(struct ops_import *x);

/* Freezes the initial plan of mandate_id (the answer to offer_freeze). */
int ops_freeze_initial(struct store *s, int64_t mandate_id, struct err *e);

/* ---- Exporting a year ---- */

/* What to export for a year, chosen once for both front ends: the plan
 * frozen by that year's done review (else the live plan), its actions
 * streamed from the base from EXPORT_STREAM_MIN on (XLSX), the initial
 * plan and the previous done review for "Évolution", the document date
 * (the snapshot's, else $SOURCE_DATE_EPOCH, else now) and the default
 * file name. opts points inside the struct: do not copy it. */
struct ops_export {
	struct plan *plan;
	struct plan *initial;
	struct plan *previous;
	struct export_opts opts;
	struct export_source src;
	struct store_plan_ref ps;
	int frozen;		/* the year's review is done: its snapshot */
	char *name;		/* default file name */
	const char *format;	/* "xlsx" or "csv" */
};

/* Prepares the export of year (within the mandate) of mandate m, keeping
 * the actions of pilot (NULL: all), in format "xlsx" or "csv". Clear x
 * with ops_export_clear, also on failure. */
int ops_export_prepare(struct store *s, const struct mandate *m, int year,
    const char *pilot, const char *format, struct ops_export *x,
    struct err *e);
/* Writes the prepared export to path (temporary name, then renamed);
 * rfc4180 for the open-data flavour of CSV. */
int ops_export_write(const struct ops_export *x, const char *path,
    int rfc4180, struct err *e);
void ops_export_clear(struct ops_export *x);

#endif
