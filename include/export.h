/*
 * export.h - the yearly follow-up spreadsheet ("tableau de suivi du plan
 * d'action") as XLSX, and its "Plan d'action" table as CSV.
 *
 * Takes a loaded struct plan (model.h), never a database handle: the
 * caller chooses the live plan or the frozen snapshot of a done review.
 * Never prints (libxlsxwriter's own messages are kept off stderr) and
 * never exits; failures come back as ERR_* with a French message.
 *
 * Files are written to a temporary name in the target directory, checked,
 * then renamed over the target: a failed export leaves no partial file and
 * keeps any file that was already there.
 *
 * Layout of the XLSX (SPEC section 6), sheets in this order:
 *   "Présentation", "Plan d'action", "Indicateurs", "Synthèse", "Évolution".
 * "Plan d'action": row 1 is the header (export_columns[], 21 columns A..U),
 * one row per action from row 2. Two hidden columns follow for re-import:
 *   V "suivi_id"      the action's internal id (number)
 *   W "suivi_version" the action's version when exported (number)
 * The "Motif" column (S) holds the reasons, one per line:
 *   "Ajout : <added_reason>"            when the action is added
 *   "Annulation en AAAA : <reason>"     when cancelled (year when known,
 *   "Annulation : <reason>"              else without it)
 * "Indicateurs clés" (N) lists each indicator on its own line:
 *   "<label> (<unit>) : AAAA : v ; AAAA : v (cible : t)".
 * "Indicateurs": one row per key indicator, N° | Action | Indicateur |
 * Unité | Référence | Cible | one column per mandate year | Commentaire
 * ("AAAA : texte" lines) | À communiquer ("Oui"/"Non", drop-down list);
 * the last column comes after those of SPEC section 6 so that theirs
 * keep their places.
 */
#ifndef SUIVI_EXPORT_H
#define SUIVI_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

#define EXPORT_N_COLUMNS	21	/* visible columns of "Plan d'action" */
#define EXPORT_MAX_CELL		32767	/* Excel's cell limit, UTF-16 units */

/* Header labels of "Plan d'action", in order (SPEC section 6). */
extern const char *const export_columns[EXPORT_N_COLUMNS];
/* Header labels of the hidden columns V and W. */
#define EXPORT_COL_ID		"suivi_id"
#define EXPORT_COL_VERSION	"suivi_version"

/* From this many actions on, "Plan d'action" and "Indicateurs" are
 * written row by row to disk (libxlsxwriter's constant_memory mode). */
#define EXPORT_STREAM_MIN	1000

/* Where the actions come from when the plan given to export_write_xlsx
 * holds none (a large plan: the export then keeps one action's texts in
 * memory at a time, not the whole plan's). each() calls fn once for every
 * action of the plan, in the plan's order (engagement, then N°), complete
 * with texts and indicators, borrowed for the call; it returns fn's first
 * non-zero result. n_actions: how many of them opts->pilot keeps, known
 * beforehand (at least EXPORT_STREAM_MIN for the file to be the same,
 * byte for byte, as with the actions loaded in the plan). */
struct export_source {
	int (*each)(void *ctx, int (*fn)(void *fctx, const struct action *a,
	    struct err *e), void *fctx, struct err *e);
	void *ctx;
	size_t n_actions;
};

struct export_opts {
	int year;			/* the year of the review exported */
	const char *pilot;		/* keep actions whose pilots contain it
					   (accents and case ignored); NULL: all */
	int64_t created;		/* document date (epoch); 0: now */
	const struct plan *initial;	/* initial plan, or NULL */
	const struct plan *previous;	/* previous done review, or NULL */
	int previous_year;		/* its year */
	const struct export_source *source;	/* XLSX only: the actions,
					   when p holds none; NULL: p's */
};

/* Writes the XLSX workbook of p to path. ERR_INVALID names the action
 * and field of a text Excel cannot hold; ERR_IO says why the file could
 * not be written (the target is then untouched). */
int export_write_xlsx(const char *path, const struct plan *p,
    const struct export_opts *o, struct err *e);

/* Appends to out one French line for each text of p (the actions of
 * pilot when not NULL) too long for a row of "Plan d'action" (409 pt):
 * the cell still holds it all and "Fiches actions" prints it whole, but
 * the row shows only its beginning. Returns 0 or ERR_NOMEM. */
int export_long_texts(const struct plan *p, const char *pilot,
    struct strbuf *out);

/* Writes the "Plan d'action" table as CSV. French Excel flavour (rfc4180
 * = 0): UTF-8 with BOM, ';', CRLF, every field quoted, cells starting with
 * = + - @ tab or CR prefixed with an apostrophe so that they stay text.
 * Open-data flavour (rfc4180 = 1): UTF-8 without BOM, ',', CRLF, every
 * field quoted, text unchanged. */
int export_write_csv(const char *path, const struct plan *p,
    const struct export_opts *o, int rfc4180, struct err *e);

/* Default file name "Suivi-VAE-<collectivité>-<année>[-<pilote>].<ext>":
 * spaces become '-', characters that file systems or office suites
 * refuse are dropped, accents are kept. Caller frees. */
char *export_default_name(const struct plan *p, int year, const char *pilot,
    const char *ext);

/* Number of UTF-16 code units of the UTF-8 string s (what Excel counts). */
size_t export_utf16_len(const char *s);

#endif
