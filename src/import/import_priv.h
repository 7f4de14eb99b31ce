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

#endif
