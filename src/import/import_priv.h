/*
 * import_priv.h - helpers shared by the files of src/import/, and the
 * parsers the unit tests call directly. Not for the rest of suivi, which
 * uses import.h.
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

/* ---- Books and readers ---- */

/* The cell at (row, col), or NULL. */
const struct import_cell *import_sheet_cell(const struct import_sheet *sh,
    int row, int col);
/* Frees the texts of the cells [from, to) of sh (text becomes NULL). */
void import_sheet_release(struct import_sheet *sh, size_t from, size_t to);
/* import_read_xlsx_mem on a file (read by path). Caller frees. */
int import_read_xlsx(const char *path, struct import_book **out,
    struct err *e);
/* 1 when an ARGB colour ("FFBDD7EE" as 0xFFBDD7EE) looks blue: hue
 * between cyan-blue and blue-violet, not grey, not too dark. */
int color_is_blue(uint32_t argb);

/* ---- Header and values (map.c) ---- */

/* Maps a header label to a column kind, ignoring case, accents, spacing,
 * punctuation and typographic apostrophes, with known variants ("N°",
 * "Numéro", "Service(s) pilote(s)", "Direction pilote"...). IC_NONE when
 * unknown. */
int import_match_header(const char *label);

/* Engagement as "2", "2.0", "E2", "Engagement 2", "Engagement n°2 - titre"
 * or the title alone (matched against r, which may be NULL). Checks the
 * number exists in r. ERR_INVALID with a French reason in e. */
int import_parse_engagement(const char *s, const struct referential *r,
    int *out, struct err *e);
/* Yes/no as bool_parse, plus "✔", "☑", "oui (…)", "non (…)". */
int import_parse_bool(const char *s, int *out);
/* "Action annulée" cell: "Oui", "Oui (2024)", "Oui - 2024", "Oui, en
 * 2024", "2024", "Non", "". *year is 0 when none. */
int import_parse_cancelled(const char *s, int *cancelled, int *year);
/* Recommendation as "E1-R2", "E1-R2 - texte" or the text alone, against
 * r. Writes the code (caller frees) or NULL when s is empty. */
int import_parse_recommendation(const char *s, const struct referential *r,
    int engagement, char **code, struct err *e);

/* ---- Shared by the mappers (cells.c) ---- */

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
/* Reads (indicators.c) the "Indicateurs" sheet of b, if any (not `used`, the sheet of
 * the actions) into r: rows, years and columns found; faulty cells
 * become issues of r. ERR_NOMEM only. own: b itself, when each row's
 * texts are to be released once read (import_map_release), else NULL. */
int im_map_indicators(const struct import_book *b, struct import_book *own,
    const struct import_sheet *used, const struct import_opts *o,
    struct import_result *r);

/* ---- What people write (values.c) ---- */

/* 1 when s is a spreadsheet error value (#N/A, #REF!, #VALEUR!…). */
int im_error_value(const char *s);
/* s with OOXML escapes (_x000D_, _xHHHH_) decoded and, when
 * strip_invisible, zero-width, bidirectional-control and other control
 * characters removed; *changed says whether anything was. Caller frees;
 * NULL: no memory. */
char *im_clean_text(const char *s, int strip_invisible, int *changed);
/* A date where a year is expected (a serial number like 45170,
 * "2024-06-30", "30/06/2024"): 1 and its year, else 0. */
int im_schedule_date(const char *s, int *year);
/* Avancement as progress_parse, plus hyphens, "A faire", "Terminé"…, and
 * numbers (0.5, "50 %", "100"): 0 → Non commencée, 100 % → Réalisée,
 * between → En cours. *exact: s is the label itself. */
int im_parse_progress(const char *s, enum progress *out, int *exact);
/* Engagement as import_parse_engagement, plus "Eng. 1", "E 5", roman
 * numerals and a title with a typo (nearest by edit distance, when
 * clearly nearest). *exact: written as the number, "Engagement N" or the
 * exact title. e gets import_parse_engagement's reason. */
int im_parse_engagement(const char *s, const struct referential *r,
    int *out, int *exact, struct err *e);
/* Yes/no as import_parse_bool, plus "O", "N"; *exact: "Oui", "Non". */
int im_parse_bool(const char *s, int *out, int *exact);

/* ---- header.c, presentation.c (for map.c) ---- */

struct header {
	int line;
	int score;
	int col[IC_COUNT];
};
#define HEADER_SCAN 40	/* rows searched for the header */

/* Scores the row of sheet cells starting at index i: col[] gets the
 * column of each kind it names; *next the index past the row. */
int im_header_row(const struct import_sheet *sh, size_t i, int *col,
    size_t *next);
/* The best header row of sh (best->score 0 when none). */
void im_header_scan(const struct import_sheet *sh, struct header *best);
/* Reads a Présentation sheet into r (collectivité, referents, reviews,
 * extract mark). */
int im_map_presentation(const struct import_sheet *sh,
    struct import_result *r);
/* ---- sheets.c (for map.c) ---- */

/* Duplicated N° of r's rows (column ref_col), each an error naming both
 * rows; a 2.1 / 2.10 look-alike gets the advice to type the column as
 * text. */
int im_check_duplicates(struct import_result *r, int ref_col);
/* 1 for a column kind the import never writes (computed or kept by
 * suivi: Résultat, last update, the indicators summary). */
int im_is_derived(int k);
/* 1 for a sheet of our export that is no plan table, or of explanations. */
int im_other_sheet(const struct import_sheet *sh);
/* The header columns of sh not imported, into r->ignored. */
int im_list_ignored(const struct import_book *b,
    const struct import_sheet *sh, const struct header *best,
    struct import_result *r);
/* A N° found both in rows a0..a1 and b0..b1 of r, or NULL. */
const char *im_common_ref(const struct import_result *r, size_t a0,
    size_t a1, size_t b0, size_t b1);
#endif
