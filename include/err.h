/*
 * err.h - error codes and the error record every fallible function fills.
 *
 * Functions return 0 or a negative ERR_* code; their last parameter is a
 * struct err * (may be NULL) that receives a French message for the user.
 */
#ifndef SUIVI_ERR_H
#define SUIVI_ERR_H

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM = -1,		/* allocation failed */
	ERR_INVALID = -2,	/* bad value given by the user */
	ERR_NOTFOUND = -3,	/* unknown ref, year, mandate... */
	ERR_DB = -4,		/* SQLite failed */
	ERR_CONFLICT = -5,	/* row changed since it was read */
	ERR_IO = -6,		/* file system */
	ERR_READONLY = -7,	/* database or mandate read-only */
	ERR_LOCKED = -8,	/* database busy beyond the timeout */
	ERR_USAGE = -9,		/* bad command line */
	ERR_FORMAT = -10,	/* malformed file */
	ERR_CANCELLED = -11,	/* the user said no */
	ERR_NOTSUIVI = -12,	/* not a suivi database, or corrupted */
};

struct err {
	int code;
	char msg[512];
};

/* Sets e (if not NULL) and returns code. fmt is a printf format. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets e (if not NULL) to ERR_NOMEM, « mémoire insuffisante », and
 * returns ERR_NOMEM: the one text of every allocation failure. */
int err_nomem(struct err *e);

/* Prefixes the message already in e with "prefix: ". Returns e->code. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clears e. */
void err_clear(struct err *e);

/* ---- French text for library error codes (src/util/errfr.c) ----
 * Never the libraries' English strings (strerror, zip_error_strerror,
 * XML_ErrorString): a short French cause without the path, which the
 * caller names once. Unknown codes give a French sentence keeping the
 * code. The result is static, or valid until the next call of the same
 * function. SQLite's codes: store_sqlite_fr() in store.h. */

/* errno value: ENOENT "fichier ou dossier introuvable", EACCES "permission
 * refusée", ENOSPC "le disque est plein"... */
const char *err_fr_errno(int errnum);
/* libzip ZIP_ER_* code; sys_errno (zip_error_code_system, or 0) is used
 * for the codes that stand for a system error (read, open, write). */
const char *err_fr_zip(int ze, int sys_errno);
/* expat XML_ERROR_* code. */
const char *err_fr_xml(int code);

#endif
