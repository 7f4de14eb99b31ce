/*
 * import_priv.h - helpers shared by the files of src/import/.
 */
#ifndef SUIVI_IMPORT_PRIV_H
#define SUIVI_IMPORT_PRIV_H

#include <strings.h>

#include "import.h"

/* Appends a sheet (copy of name, may be NULL). NULL when out of memory. */
struct import_sheet *ib_add_sheet(struct import_book *b, const char *name);
/* Appends a cell; takes text (freed by the book). ERR_INVALID beyond
 * IMPORT_MAX_CELLS, ERR_NOMEM. On failure text is NOT taken. */
int ib_add_cell(struct import_sheet *sh, int row, int col, char *text,
    int blue, int too_long);
/* Sorts the cells by row then column (needed by import_sheet_cell). */
void ib_sort(struct import_sheet *sh);

/* ---- Shared by the mappers (map.c, indicators.c) ---- */

/* Folded letters and digits of s ("N°" → "n"). Caller frees. */
char *im_label_key(const char *s);
/* "feuille « Plan d'action », ligne 5, colonne C" (no sheet part for a
 * CSV; no column part when col < 0). Caller frees; NULL: no memory. */
char *im_where(const struct import_sheet *sh, int row, int col);
/* Appends an issue located at that cell. */
int im_issue_at(struct import_result *r, const struct import_sheet *sh,
    int row, int col, enum import_severity sev, const char *msg);
/* First 4-digit year of s between MODEL_YEAR_MIN and MODEL_YEAR_MAX,
 * or 0. */
int im_find_year(const char *s);
/* 1 when s is NULL, empty or only white space (what str_trim removes). */
int im_blank(const char *s);
/* 1 when the sheet's name says it holds indicators ("Indicateurs",
 * "Indicateurs clés 2025"...). */
int im_is_indicator_sheet(const struct import_sheet *sh);
/* Reads the "Indicateurs" sheet of b, if any (not `used`, the sheet of
 * the actions) into r: rows, years and columns found; faulty cells
 * become issues of r. ERR_NOMEM only. own: b itself, when each row's
 * texts are to be released once read (import_map_release), else NULL. */
int im_map_indicators(const struct import_book *b, struct import_book *own,
    const struct import_sheet *used, const struct import_opts *o,
    struct import_result *r);

#endif
