/*
 * xls.c - old Excel .xls (BIFF, in an OLE2 compound file) through
 * libfreexl, into a book of cells.
 *
 * freexl reads values only: numbers, texts (UTF-8), dates and times (as
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "HH:MM:SS"). It knows nothing of
 * fills, fonts, merged cells or sheet visibility, so the book says
 * styles_unknown and the report tells the person. Its API takes a path:
 * the file is read where it is (nothing copied).
 */
#include <freexl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

/* freexl's error codes, as a person can act on them. */
static const char *xls_cause(int rc)
{
	switch (rc) {
	case FREEXL_FILE_NOT_FOUND:
		return "fichier introuvable ou illisible";
	case FREEXL_INSUFFICIENT_MEMORY:
		return "mémoire insuffisante";
	case FREEXL_INVALID_CFBF_HEADER:
	case FREEXL_CFBF_INVALID_SIGNATURE:
	case FREEXL_CFBF_INVALID_SECTOR_SIZE:
		return "en-tête du fichier abîmé";
	case FREEXL_CFBF_READ_ERROR:
	case FREEXL_CFBF_SEEK_ERROR:
	case FREEXL_CFBF_EMPTY_FAT_CHAIN:
	case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
	case FREEXL_INVALID_MINI_STREAM:
	case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY:
		return "fichier tronqué ou abîmé";
	case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
		return "pas de classeur Excel dans ce fichier OLE2 (document "
		    "Word ou autre ?)";
	case FREEXL_UNSUPPORTED_CHARSET:
	case FREEXL_INVALID_CHARACTER:
		return "jeu de caractères inconnu ou texte illisible";
	default:
		return "contenu abîmé ou d'une version d'Excel non reconnue";
	}
}

/* The text of one cell, or NULL for an empty one (*text set). */
static int xls_text(const FreeXL_CellValue *v, char **text)
{
	char buf[64];

	*text = NULL;
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(buf, sizeof buf, "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE: {
		double d = v->value.double_value;

		if (!isfinite(d))
			return ERR_FORMAT;
		if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
			snprintf(buf, sizeof buf, "%lld", (long long)d);
		else
			snprintf(buf, sizeof buf, "%.15g", d);
		break;
	}
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (!v->value.text_value || !*v->value.text_value)
			return 0;
		*text = xstrdup(v->value.text_value);
		return *text ? 0 : ERR_NOMEM;
	default:
		return 0;
	}
	*text = xstrdup(buf);
	return *text ? 0 : ERR_NOMEM;
}

int import_read_xls(const char *path, const char *name,
    struct import_book **out, struct err *e)
{
	const void *h = NULL;
	struct import_book *b = NULL;
	unsigned int info = 0, count = 0, rows, r;
	unsigned short cols, c, i;
	int rc;

	if (!name)
		name = "classeur.xls";
	/* freexl 1.0.6 answers FREEXL_OK without a handle for a workbook
	 * with a chart sheet or an embedded chart */
	if ((rc = freexl_open(path, &h)) == FREEXL_OK && !h) {
		rc = err_set(e, ERR_FORMAT, "%s : ce classeur Excel .xls ne "
		    "peut pas être lu (il contient sans doute un graphique, "
		    "que la bibliothèque de lecture des .xls ne sait pas "
		    "sauter) : enregistrez-le au format .xlsx ou .ods dans "
		    "Excel ou LibreOffice, puis importez ce fichier", name);
		goto out;
	}
	if (rc != FREEXL_OK) {
		rc = err_set(e, ERR_FORMAT, "%s : classeur Excel .xls "
		    "illisible (%s)", name, xls_cause(rc));
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		rc = import_refuse_password(name, e);
		goto out;
	}
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK)
		count = 0;
	if (!(b = calloc(1, sizeof *b)) || !(b->file = xstrdup(name))) {
		rc = err_nomem(e);
		goto out;
	}
	b->format = IMPORT_FMT_XLS;
	b->styles_unknown = 1;
	for (i = 0; i < count && i < 4096; i++) {
		const char *sn = NULL;
		struct import_sheet *sh;

		if (freexl_get_worksheet_name(h, i, &sn) != FREEXL_OK)
			sn = NULL;
		if (!(sh = ib_add_sheet(b, sn ? sn : "?"))) {
			rc = err_nomem(e);
			goto out;
		}
		if ((rc = freexl_select_active_worksheet(h, i)) != FREEXL_OK ||
		    (rc = freexl_worksheet_dimensions(h, &rows, &cols)) !=
		    FREEXL_OK) {
			rc = err_set(e, ERR_FORMAT, "%s : feuille « %s » "
			    "illisible (%s)", name, sh->name, xls_cause(rc));
			goto out;
		}
		for (r = 0; r < rows && r < 1048576; r++) {
			for (c = 0; c < cols && c < 16384; c++) {
				FreeXL_CellValue v;
				char *t;
				int too_long = 0;

				if (freexl_get_cell_value(h, r, c, &v) !=
				    FREEXL_OK)
					continue;
				if ((rc = xls_text(&v, &t))) {
					if (rc == ERR_NOMEM)
						goto nomem;
					continue;
				}
				if (!t)
					continue;
				if (utf8_len(t) > MODEL_MAX_TEXT) {
					too_long = 1;
					t[0] = '\0';
				}
				if ((rc = ib_add_cell(sh, (int)r + 1, c, t, 0,
				    too_long))) {
					free(t);
					if (rc == ERR_NOMEM)
						goto nomem;
					rc = err_set(e, rc, "%s : trop de "
					    "cellules (plus de %d)", name,
					    IMPORT_MAX_CELLS);
					goto out;
				}
			}
		}
		ib_sort(sh);
	}
	if (!b->n) {
		rc = err_set(e, ERR_FORMAT, "%s : le classeur ne contient "
		    "aucune feuille de calcul", name);
		goto out;
	}
	*out = b;
	b = NULL;
	rc = 0;
	goto out;
nomem:
	rc = err_nomem(e);
out:
	if (h)
		freexl_close(h);
	import_book_free(&b);
	return rc;
}
