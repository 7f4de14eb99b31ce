/*
 * export_priv.h - helpers shared by the XLSX and CSV writers: the text of
 * each "Plan d'action" cell, the checks done before any file is created,
 * the filtered view of a plan, and the temporary file renamed on success.
 */
#ifndef SUIVI_EXPORT_PRIV_H
#define SUIVI_EXPORT_PRIV_H

#include <stdio.h>

#include "err.h"
#include "export.h"
#include "model.h"
#include "util.h"

/* Column indexes of "Plan d'action" (0-based, A = 0). */
enum export_col {
	XC_REF, XC_ENGAGEMENT, XC_RECOMMENDATION, XC_DESIGNATION, XC_PRIORITY,
	XC_DESCRIPTION, XC_PILOTS, XC_ELECTED, XC_PARTNERS, XC_AUDIENCE,
	XC_SCHEDULE, XC_PROGRESS, XC_RESULT, XC_INDICATORS, XC_COMMENTS,
	XC_PERSPECTIVES, XC_ADDED, XC_CANCELLED, XC_REASON, XC_GOOD_PRACTICE,
	XC_UPDATED,
};

/* Writes the text of column col of action a into sb (replacing it). */
int export_cell_text(const struct action *a, enum export_col col,
    struct strbuf *sb);

/* A plan restricted to the actions of a pilot: shares the strings of the
 * original (which must outlive it); free with export_view_free. With no
 * pilot the view holds every action. */
int export_view_make(const struct plan *p, const char *pilot,
    struct plan *view, struct err *e);
void export_view_free(struct plan *view);

/* Checks that every cell text of every action fits in a spreadsheet cell.
 * ERR_INVALID names the action and the column. */
int export_check_texts(const struct plan *p, struct err *e);
/* Checks text, the text of column col of action a (export_cell_text);
 * ERR_INVALID names the action and the column. */
int export_check_cell(const struct action *a, enum export_col col,
    const struct strbuf *text, struct err *e);
/* Checks one text; what names it in the message. */
int export_check_text(const char *s, const char *what, struct err *e);

/* French text for an errno value. */
const char *export_strerror(int errnum);

/* A file written under a temporary name in the directory of its target. */
struct export_file {
	char *path;	/* the target */
	char *tmp;	/* the temporary file, NULL once renamed or removed */
	int fd;		/* open descriptor on tmp, or -1 */
};

/* Checks the target (must be a regular file when it exists) and creates
 * the temporary file (mode 0600, descriptor left open in f->fd). */
int export_file_begin(struct export_file *f, const char *path,
    struct err *e);
/* Flushes to disk, gives the usual permissions, renames over the target. */
int export_file_commit(struct export_file *f, struct err *e);
/* Removes the temporary file (if any) and frees f. Safe after commit. */
void export_file_end(struct export_file *f);

/* The rows of a sheet written in constant_memory mode: the caller
 * checked every write to libxlsxwriter's temporary file of the rows
 * (fflush, ferror), which held len bytes; workbook_close() adds next,
 * the start of the row it kept for last (or "</sheetData>"). */
struct export_sheet_data {
	const char *part;	/* "xl/worksheets/sheetN.xml" */
	long long len;
	const char *next;
};

/* Re-reads a written XLSX: a complete zip (CRCs checked) whose XML parts
 * are well-formed. Catches what libxlsxwriter does not report, such as a
 * temporary file cut short by a full disk. The rows of the n_sd parts
 * of sd are not parsed but skipped by their length (verify.c). ERR_IO
 * says what is wrong. */
int export_verify_xlsx(const char *path, const struct export_sheet_data *sd,
    size_t n_sd, struct err *e);

/* Names suivi, not "Microsoft Excel", as the application in the
 * docProps/app.xml of the workbook at path (app_xml.c), keeping the
 * part's date so that the bytes stay stable. */
int export_fix_app_xml(const char *path, struct err *e);

/* Formats "YYYY-MM-DD HH:MM:SS" as "JJ/MM/AAAA" into buf; "" if unknown. */
void export_date_fr(const char *iso, char *buf, size_t n);

#endif
