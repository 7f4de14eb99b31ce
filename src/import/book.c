/*
 * book.c - the book of cells every reader fills: sheets of sparse cells,
 * column letters, colour classification and the reader dispatch.
 *
 * Owns the cells and their text. Knows nothing of actions.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

void import_book_free(struct import_book **pb)
{
	struct import_book *b = pb ? *pb : NULL;
	size_t i, j;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		for (j = 0; j < b->sheets[i].n; j++)
			free(b->sheets[i].cells[j].text);
		free(b->sheets[i].cells);
		free(b->sheets[i].name);
	}
	free(b->sheets);
	free(b->file);
	free(b);
	*pb = NULL;
}

void import_sheet_release(struct import_sheet *sh, size_t from, size_t to)
{
	for (; from < to && from < sh->n; from++) {
		free(sh->cells[from].text);
		sh->cells[from].text = NULL;
	}
}

struct import_sheet *ib_add_sheet(struct import_book *b, const char *name)
{
	struct import_sheet *s;

	s = realloc(b->sheets, (b->n + 1) * sizeof *s);
	if (!s)
		return NULL;
	b->sheets = s;
	s = &b->sheets[b->n];
	memset(s, 0, sizeof *s);
	if (name && !(s->name = xstrdup(name)))
		return NULL;
	b->n++;
	return s;
}

int ib_add_cell(struct import_sheet *sh, int row, int col, char *text,
    int blue, int too_long)
{
	struct import_cell *c;

	if (sh->n == sh->cap) {
		size_t cap = sh->cap ? sh->cap * 2 : 256;

		if (sh->n >= IMPORT_MAX_CELLS)
			return ERR_INVALID;
		c = realloc(sh->cells, cap * sizeof *c);
		if (!c)
			return ERR_NOMEM;
		sh->cells = c;
		sh->cap = cap;
	}
	c = &sh->cells[sh->n++];
	c->row = row;
	c->col = col;
	c->text = text;
	c->blue = blue;
	c->too_long = too_long;
	c->strike = 0;
	return 0;
}

static int cell_cmp(const void *a, const void *b)
{
	const struct import_cell *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

void ib_sort(struct import_sheet *sh)
{
	size_t i;

	/* readers mostly append in order: sort only when they did not */
	for (i = 1; i < sh->n; i++)
		if (cell_cmp(&sh->cells[i - 1], &sh->cells[i]) > 0)
			break;
	if (i < sh->n)
		qsort(sh->cells, sh->n, sizeof *sh->cells, cell_cmp);
}

const struct import_cell *import_sheet_cell(const struct import_sheet *sh,
    int row, int col)
{
	struct import_cell key;

	if (!sh->n)
		return NULL;
	key.row = row;
	key.col = col;
	return bsearch(&key, sh->cells, sh->n, sizeof key, cell_cmp);
}

const char *import_col_letters(int col, char *buf)
{
	char tmp[8];
	int n = 0, i;

	col++;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

int color_is_blue(uint32_t argb)
{
	double r = ((argb >> 16) & 0xff) / 255.0;
	double g = ((argb >> 8) & 0xff) / 255.0;
	double b = (argb & 0xff) / 255.0;
	double mx = fmax(r, fmax(g, b)), mn = fmin(r, fmin(g, b));
	double d = mx - mn, l = (mx + mn) / 2, s, h;

	if (d < 0.04)
		return 0;	/* grey, white, black */
	s = l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
	if (s < 0.2 || l < 0.2)
		return 0;
	if (mx == r)
		h = 60 * fmod((g - b) / d, 6);
	else if (mx == g)
		h = 60 * ((b - r) / d + 2);
	else
		h = 60 * ((r - g) / d + 4);
	if (h < 0)
		h += 360;
	return h >= 190 && h <= 255;
}

int import_read_file(const char *path, struct import_book **out,
    struct err *e)
{
	char *data = NULL;
	const char *base = strrchr(path, '/'), *dot;
	size_t len = 0;
	enum import_format f;
	int rc;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	/* file_read_all names the path: not a second time. */
	if ((rc = file_read_all(path, IMPORT_MAX_FILE, &data, &len, e)))
		return rc;
	/* By content, whatever the extension says: a .xlsx that is an
	 * .xls or an .ods is read as what it is. */
	switch ((f = import_detect(data, len))) {
	case IMPORT_FMT_ENCRYPTED:
		rc = import_refuse_password(base, e);
		break;
	case IMPORT_FMT_ODS:
		rc = import_read_ods_mem(data, len, base, out, e);
		break;
	case IMPORT_FMT_XLS:
		rc = import_read_xls(path, base, out, e);
		break;
	case IMPORT_FMT_OTHER_ZIP:
		rc = err_set(e, ERR_FORMAT, "%s : c'est un document "
		    "OpenDocument qui n'est pas un tableur (texte, "
		    "présentation…) ; importez un classeur .ods, .xlsx, .xls "
		    "ou un fichier .csv", base);
		break;
	case IMPORT_FMT_XLSX:
		rc = import_read_xlsx_mem(data, len, base, out, e);
		break;
	case IMPORT_FMT_TEXT:
		if (dot && (strcasecmp(dot, ".xlsx") == 0 ||
		    strcasecmp(dot, ".xlsm") == 0 ||
		    strcasecmp(dot, ".xls") == 0 ||
		    strcasecmp(dot, ".ods") == 0)) {
			rc = err_set(e, ERR_FORMAT, "%s : ce n'est pas un "
			    "classeur valide (pas une archive zip, ni un "
			    "classeur Excel .xls : fichier abîmé ou d'un autre "
			    "format)",
			    base);
			break;
		}
		rc = import_read_csv(data, len, base, out, e);
		break;
	}
	if (!rc && *out)
		(*out)->format = f;
	free(data);
	return rc;
}
