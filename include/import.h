/*
 * import.h - reading a city's own spreadsheet (XLSX) or CSV back into the
 * model. Applying it to a database is a use case (import_apply and
 * ops_import_file, include/ops.h): this module never sees the store.
 *
 * Two layers:
 *  1. readers (import_read_file, import_read_csv, import_read_xlsx_mem)
 *     turn bytes into a book of sheets of cells (row, column, text, blue
 *     fill). Pure: no database.
 *  2. the mapper (import_map) finds the header row, maps the columns it
 *     knows, normalises values and builds struct action rows, each field
 *     remembering its cell for messages. Pure too; faulty cells are listed
 *     in the result rather than stopping at the first one.
 *
 * Messages are French and name the sheet, row number and column letter.
 * The cell, header and value helpers the mappers share, used outside
 * src/import/ only by tests, are in src/import/import_priv.h.
 */
#ifndef SUIVI_IMPORT_H
#define SUIVI_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "model.h"

/* ---- Limits ---- */

/* Sized for 100,000 actions with long texts (the benchmark's largest
 * plan: a 240 MB CSV, an XLSX of 460 MB unzipped, 3.6 M cells); a bomb
 * is refused by its ratio long before these. */
#define IMPORT_MAX_FILE		(512u << 20)	/* size of a file to import
						   (README, suivi(1)) */
#define IMPORT_MAX_UNZIPPED	(1024u << 20)	/* sum of uncompressed sizes */
#define IMPORT_MAX_ENTRIES	10000		/* entries of an XLSX archive */
#define IMPORT_MAX_RATIO	1000		/* uncompressed / compressed */
#define IMPORT_MAX_CELLS	10000000	/* cells kept from a book */

/* ---- Books of cells ---- */

struct import_cell {
	int row;		/* 1-based, as the spreadsheet shows it */
	int col;		/* 0-based: 0 is column A */
	char *text;		/* UTF-8, never NULL once read (NULL once
				   released: import_sheet_release) */
	int blue;		/* fill recognised as blue (XLSX, ODS) */
	int too_long;		/* text longer than MODEL_MAX_TEXT: dropped */
	int strike;		/* cell struck through (XLSX, ODS) */
};

struct import_sheet {
	char *name;		/* NULL for a CSV */
	struct import_cell *cells;	/* sorted by row then col */
	size_t n, cap;
	int hidden;		/* the sheet is hidden (XLSX, ODS) */
};

/* What kind of file a book was read from (import_detect). */
enum import_format {
	IMPORT_FMT_TEXT,	/* CSV or tab-separated text, any encoding */
	IMPORT_FMT_XLSX,
	IMPORT_FMT_ODS,
	IMPORT_FMT_XLS,		/* OLE2 BIFF, read with libfreexl */
	IMPORT_FMT_ENCRYPTED,	/* OLE2 with an EncryptedPackage stream */
	IMPORT_FMT_OTHER_ZIP	/* a zip that is no spreadsheet */
};

struct import_book {
	char *file;		/* base name, for messages */
	struct import_sheet *sheets;
	size_t n;
	enum import_format format;
	int styles_unknown;	/* fills, strike-through and sheet
				   visibility could not be read (.xls) */
};

void import_book_free(struct import_book **pb);

/* Parses a CSV held in memory (separator ';', ',' or tab detected; UTF-8
 * with or without BOM, else Windows-1252 converted with iconv; CRLF or LF;
 * RFC 4180 quotes). name is used in messages. An unterminated quote is
 * ERR_FORMAT naming its line. Caller frees *out. */
int import_read_csv(const char *data, size_t len, const char *name,
    struct import_book **out, struct err *e);

/* Reads every worksheet of an XLSX archive held in memory (borrowed for
 * the call; nothing is written to disk) with libzip and expat: shared and
 * inline strings, rich text runs, numbers, booleans, merged cells (the
 * top-left value fills the range) and blue fills. Refuses zip bombs and
 * malformed XML (ERR_FORMAT, naming the part and line). name is used in
 * messages. Caller frees. */
int import_read_xlsx_mem(const void *data, size_t len, const char *name,
    struct import_book **out, struct err *e);

/* Reads every sheet of an OpenDocument spreadsheet (.ods) held in memory
 * with libzip and expat: content.xml and styles.xml, values by their
 * office:value-type, repeated rows and columns, merged (spanned) cells
 * filled from their top-left cell, paragraphs joined by line breaks,
 * blue fills and strike-through of cell styles (a column's default cell
 * style too), hidden sheets. Same defences as XLSX. Caller frees. */
int import_read_ods_mem(const void *data, size_t len, const char *name,
    struct import_book **out, struct err *e);

/* Reads an old Excel .xls (BIFF) file with libfreexl: values only (the
 * book says styles_unknown). name is used in messages. A password
 * protected file is ERR_FORMAT with its own message. Caller frees. */
int import_read_xls(const char *path, const char *name,
    struct import_book **out, struct err *e);

/* What data holds, by its content alone (not the file name): zip with
 * a mimetype of an OpenDocument spreadsheet → ODS, other zip → XLSX (or
 * OTHER_ZIP for another OpenDocument), OLE2 → XLS or ENCRYPTED, else
 * TEXT. */
enum import_format import_detect(const void *data, size_t len);

/* The French refusal of an encrypted or password-protected workbook. */
int import_refuse_password(const char *name, struct err *e);

/* Reads path by its content (import_detect): XLSX, ODS, XLS or text
 * (CSV, tab-separated, UTF-8, UTF-16 or Windows-1252). */
int import_read_file(const char *path, struct import_book **out,
    struct err *e);

/* "A", "Z", "AA"... for a 0-based column. buf holds at least 8 bytes. */
const char *import_col_letters(int col, char *buf);

/* ---- Header columns ---- */

/* What a column can hold: the action fields, plus the columns of our own
 * export that mix two fields or carry its hidden identity. */
enum import_col {
	IC_NONE = -1,
	/* 0 .. F_COUNT-1: enum field_id */
	IC_MOTIF = F_COUNT,	/* "Motif": reason of cancellation or addition */
	IC_INDICATORS,		/* "Indicateurs clés": not imported here */
	IC_SUIVI_ID,		/* hidden column of our export */
	IC_SUIVI_VERSION,
	IC_COUNT
};

/* ---- Mapping a book to actions ---- */

enum import_severity { IMPORT_ERROR, IMPORT_WARNING };

struct import_issue {
	enum import_severity sev;
	char *where;		/* "Plan d'action, ligne 5, colonne C" */
	char *msg;
};

struct import_row {
	struct action a;	/* the values read (ref may be NULL) */
	int line;		/* row number in its sheet */
	int col[IC_COUNT];	/* 0-based column of each kind, -1 if absent */
	int64_t suivi_id;	/* hidden columns of our export, 0 if absent */
	int64_t suivi_version;
	int blue;		/* the row is filled blue */
	int sheet;		/* index in import_result.sheets */
};

struct import_review {
	int year;
	int done;
	int has_done;
	char *comments;
	int has_comments;
};

/* Columns of an "Indicateurs" sheet (our export: N° | Action |
 * Indicateur | Unité | Référence | Cible | one per year | Commentaire |
 * À communiquer). */
enum import_ind_col {
	IIC_REF, IIC_ACTION, IIC_LABEL, IIC_UNIT, IIC_BASELINE, IIC_TARGET,
	IIC_COMMENT, IIC_COMMUNICATE, IIC_COUNT
};

/* A row of the "Indicateurs" sheet: an indicator of the action whose N°
 * it names, matched to the stored ones by label (text_fold). */
struct import_indicator {
	char *ref;		/* N° of the action */
	int line;		/* row in its sheet */
	int nth;		/* earlier rows of the sheet with this N° and
				   label (folded): the nth stored indicator so
				   labelled is the one this row updates */
	struct indicator ind;	/* label, unit, baseline, target; values of
				   the year columns and comments of the
				   "Commentaire" cell ("2024 : texte");
				   communicate from "À communiquer" (0
				   when the sheet has no such column) */
};

struct import_result {
	char *file;
	char *sheet;		/* sheet used (NULL for CSV) */
	int header_line;
	int col[IC_COUNT];	/* as found in the header */
	struct import_row *rows;
	size_t n_rows;
	struct import_issue *issues;
	size_t n_issues;
	size_t n_errors;
	char **ignored;		/* labels of columns not imported */
	size_t n_ignored;
	/* What the mapper read otherwise than literally, and what it left
	 * out: "ligne 12 ignorée (note) : « Source : … »", "« Eng. 1 » lu
	 * comme engagement 1"... one French line each, for the report. */
	char **notes;
	size_t n_notes;
	char **sheets;		/* names of the sheets read (rows' sheet) */
	size_t n_sheets;
	/* Présentation, when a sheet holds it. */
	struct collectivite coll;	/* NULL: not in the file */
	struct import_review *reviews;
	size_t n_reviews;
	/* The department whose extract this file is (its Présentation
	 * says "Extrait pour le service"); NULL: not an extract. */
	char *extract_pilot;
	/* "Indicateurs", when a sheet holds it (ind_sheet NULL: none). */
	char *ind_sheet;
	int ind_col[IIC_COUNT];	/* 0-based, -1 when absent */
	int *ind_years;		/* years that have a column, ascending */
	size_t n_ind_years;
	struct import_indicator *indicators;
	size_t n_indicators;
};

struct import_opts {
	const char *sheet;	/* --feuille, or NULL to choose */
	const struct referential *ref;	/* to match engagements */
	int year_min, year_max;	/* the mandate, for years */
};

/* Finds the sheets and their header rows, maps the columns and reads every
 * row. Only visible sheets are candidates (hidden ones are named in
 * notes); several sheets of the same table with distinct N° are read
 * together. Fails (ERR_FORMAT / ERR_NOTFOUND) only when no table can be
 * found (no designation column, unknown --feuille), and ERR_CONFLICT when
 * several sheets hold tables whose N° overlap: the caller asks which one
 * (o->sheet) and maps again. Faulty cells are listed in
 * (*out)->issues with n_errors counting the errors. Caller frees. */
int import_map(const struct import_book *b, const struct import_opts *o,
    struct import_result **out, struct err *e);
/* The same, freeing the texts of each row of the sheets of actions and of
 * indicators as soon as that row is mapped (their text becomes NULL): the
 * book can then only be freed. The mapped rows hold copies, so a large
 * import no longer holds every text twice. */
int import_map_release(struct import_book *b, const struct import_opts *o,
    struct import_result **out, struct err *e);
void import_result_free(struct import_result **pr);
/* Appends an issue; where may be NULL. */
int import_result_issue(struct import_result *r, enum import_severity sev,
    const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
