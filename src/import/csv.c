/*
 * csv.c - CSV reader: bytes to a one-sheet book of cells.
 *
 * Accepts what spreadsheets and people write: ';' (French Excel), ',' or
 * tab as separator, detected on the first lines; UTF-8 with or without
 * BOM, UTF-16 (little or big endian: Excel's "Texte Unicode") with a BOM
 * or recognised by its NUL bytes, or Windows-1252 when the bytes are not
 * valid UTF-8 (converted with iconv); CRLF, LF or CR line ends; RFC 4180 quotes with separators, quote
 * pairs and line breaks inside. Rows are numbered as a spreadsheet opening
 * the file would number them (one per record). A leading apostrophe that
 * protects "=", "+", "-", "@" from being read as a formula is removed.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

/* Converts Windows-1252 to UTF-8. Caller frees *out. */
static int from_cp1252(const char *in, size_t len, const char *name,
    char **out, size_t *olen, struct err *e)
{
	iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
	char *buf, *ip = (char *)in, *op;
	size_t cap = len * 3 + 1, il = len, ol = cap;

	if (cd == (iconv_t)-1)
		return err_set(e, ERR_FORMAT, "%s : le fichier n'est pas en "
		    "UTF-8 et la conversion depuis Windows-1252 est "
		    "indisponible", name);
	if (!(buf = malloc(cap))) {
		iconv_close(cd);
		return err_nomem(e);
	}
	op = buf;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		size_t at = (size_t)(ip - in);
		size_t line = 1, i;

		for (i = 0; i < at; i++)
			line += in[i] == '\n';
		iconv_close(cd);
		free(buf);
		return err_set(e, ERR_FORMAT, "%s, ligne %zu : caractère "
		    "illisible (octet 0x%02X) ; le fichier n'est ni en UTF-8 "
		    "ni en Windows-1252", name, line,
		    (unsigned)(unsigned char)in[at]);
	}
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*olen = (size_t)(op - buf);
	return 0;
}

/* "UTF-16LE", "UTF-16BE" or NULL: a BOM (skipped, *skip set), else the
 * NUL pattern of the first 4 KiB: text of Latin letters in UTF-16 has a
 * NUL in every other byte and few elsewhere. */
static const char *utf16_kind(const unsigned char *s, size_t n,
    size_t *skip)
{
	size_t i, even = 0, odd = 0, pairs;

	*skip = 0;
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE) {
		*skip = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF) {
		*skip = 2;
		return "UTF-16BE";
	}
	if (n < 4 || n % 2)
		return NULL;
	for (i = 0; i + 1 < n && i < 4096; i += 2) {
		even += s[i] == 0 && s[i + 1] != 0;
		odd += s[i + 1] == 0 && s[i] != 0;
	}
	pairs = i / 2;
	if (odd * 10 >= pairs * 6 && even * 20 < pairs)
		return "UTF-16LE";
	if (even * 10 >= pairs * 6 && odd * 20 < pairs)
		return "UTF-16BE";
	return NULL;
}

/* Converts UTF-16 to UTF-8. Caller frees *out. */
static int from_utf16(const char *in, size_t len, const char *code,
    const char *name, char **out, size_t *olen, struct err *e)
{
	iconv_t cd = iconv_open("UTF-8", code);
	char *buf, *ip = (char *)in, *op;
	size_t cap = len / 2 * 3 + 4, il = len, ol = cap;

	if (cd == (iconv_t)-1)
		return err_set(e, ERR_FORMAT, "%s : le fichier est en %s et "
		    "la conversion en UTF-8 est indisponible", name, code);
	if (!(buf = malloc(cap))) {
		iconv_close(cd);
		return err_nomem(e);
	}
	op = buf;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		size_t at = (size_t)(ip - in), line = 1, i;
		int le = code[6] == 'L';

		for (i = 0; i + 1 < at; i += 2)
			line += in[i + le] == 0 && in[i + !le] == '\n';
		iconv_close(cd);
		free(buf);
		return err_set(e, ERR_FORMAT, "%s, ligne %zu : caractère "
		    "illisible dans un texte %s (fichier tronqué ou "
		    "abîmé ?)", name, line, code);
	}
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*olen = (size_t)(op - buf);
	return 0;
}

/* Picks the separator that occurs most often outside quotes in the first
 * lines; ties favour ';' (French spreadsheets) then ',' then tab. */
static char detect_sep(const char *s, size_t len)
{
	static const char cand[] = { ';', ',', '\t' };
	size_t count[3] = { 0, 0, 0 };
	size_t i, lines = 0;
	int q = 0, k, best = 0;

	for (i = 0; i < len && lines < 50; i++) {
		char c = s[i];

		if (c == '"')
			q = !q;
		else if (!q && c == '\n')
			lines++;
		else if (!q)
			for (k = 0; k < 3; k++)
				count[k] += c == cand[k];
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return cand[best];
}

static int put_cell(struct import_sheet *sh, int row, int col,
    struct strbuf *f, struct err *e)
{
	int rc, too_long = 0;
	char *t;

	if (!f->len)
		return 0;
	/* our CSV export (and others) keep "=1+2" text with a leading ' */
	if (f->len >= 2 && f->buf[0] == '\'' && strchr("=+-@\t\r", f->buf[1])) {
		memmove(f->buf, f->buf + 1, f->len);
		f->len--;
	}
	if (utf8_len(sb_str(f)) > MODEL_MAX_TEXT) {
		too_long = 1;
		sb_reset(f);
	}
	if (!(t = sb_steal(f)))
		return err_nomem(e);
	if ((rc = ib_add_cell(sh, row, col, t, 0, too_long))) {
		free(t);
		return err_set(e, rc, rc == ERR_NOMEM ? "mémoire insuffisante" :
		    "trop de cellules (plus de %d)", IMPORT_MAX_CELLS);
	}
	return 0;
}

int import_read_csv(const char *data, size_t len, const char *name,
    struct import_book **out, struct err *e)
{
	struct import_book *b = NULL;
	struct import_sheet *sh;
	struct strbuf f = {0};
	char *conv = NULL, *wide = NULL;
	const char *s = data, *u16;
	size_t n = len, i, line = 1, qline = 0, skip;
	int rc = 0, row = 1, col = 0, q = 0, was_quoted = 0;
	char sep;

	if (!name)
		name = "CSV";
	if ((u16 = utf16_kind((const unsigned char *)s, n, &skip))) {
		if ((rc = from_utf16(s + skip, n - skip, u16, name, &wide, &n,
		    e)))
			return rc;
		s = wide;
	}
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (memchr(s, '\0', n)) {
		free(wide);
		return err_set(e, ERR_FORMAT, "%s : ce n'est pas un fichier "
		    "texte CSV (octets nuls : fichier binaire ?)", name);
	}
	if (!utf8_valid(s, n)) {
		if ((rc = from_cp1252(s, n, name, &conv, &n, e))) {
			free(wide);
			return rc;
		}
		s = conv;
	}
	sep = detect_sep(s, n);
	if (!(b = calloc(1, sizeof *b)) || !(b->file = xstrdup(name)) ||
	    !(sh = ib_add_sheet(b, NULL))) {
		rc = err_nomem(e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (q) {
			if (c == '"') {
				if (i + 1 < n && s[i + 1] == '"') {
					rc = sb_append_c(&f, '"');
					i++;
				} else {
					q = 0;
				}
			} else {
				if (c == '\n')
					line++;
				/* CRLF inside a field is one line break */
				if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
					continue;
				rc = sb_append_c(&f, c == '\r' ? '\n' : c);
			}
		} else if (c == '"' && (f.len == 0 && !was_quoted)) {
			q = 1;
			was_quoted = 1;
			qline = line;
		} else if (c == sep) {
			rc = put_cell(sh, row, col, &f, e);
			col++;
			was_quoted = 0;
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			line++;
			rc = put_cell(sh, row, col, &f, e);
			row++;
			col = 0;
			was_quoted = 0;
		} else {
			/* text after a closing quote is kept as typed */
			rc = sb_append_c(&f, c);
		}
		if (rc) {
			if (rc == ERR_NOMEM)
				err_set(e, rc, "mémoire insuffisante");
			goto out;
		}
	}
	if (q) {
		rc = err_set(e, ERR_FORMAT, "%s, ligne %zu : guillemet ouvert "
		    "jamais refermé (le champ qui commence à cette ligne "
		    "n'a pas de guillemet fermant)", name, qline);
		goto out;
	}
	if ((rc = put_cell(sh, row, col, &f, e)))
		goto out;
	ib_sort(sh);
	*out = b;
	b = NULL;
out:
	sb_free(&f);
	free(conv);
	free(wide);
	import_book_free(&b);
	return rc;
}
