/*
 * verify.c - re-reads a freshly written XLSX before it replaces anything.
 *
 * libxlsxwriter writes each XML part to a temporary file without checking
 * the writes, so a full disk can yield a valid-looking zip of truncated
 * XML. Reading every entry back (libzip checks the CRCs) and parsing the
 * XML parts (expat) catches that. Never prints.
 *
 * The sheets written in constant_memory mode are most of the archive
 * (tens of megabytes of rows), and parsing them was a fifth of the
 * export's time. libxlsxwriter wrote their rows, but the last, to a
 * first temporary file whose writes the caller checked (fflush, ferror)
 * and whose length it measured. workbook_close() adds the last row to
 * that file, then copies it between "<sheetData>" and "</sheetData>"
 * into a second temporary file, with the head and the tail of the sheet
 * around it, unchecked. For such a part, the head (up to "<sheetData>")
 * is parsed, the checked rows are skipped by their length, and what
 * follows must start with the row kept for last (or "</sheetData>") and
 * parse to the end of the document. A failed write can only lose bytes:
 * had the copy lost any, that row would not start where the checked
 * rows end. The part is still read to its end, so libzip checks its CRC.
 */
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "export_priv.h"

#define WINDOW		(64 * 1024)	/* head of a part, read buffer */

static const char open_tag[] = "<sheetData>";

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The first occurrence of the n bytes of pat in buf, or NULL. */
static const char *find(const char *buf, size_t len, const char *pat,
    size_t n)
{
	const char *p = buf, *end = buf + len;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, pat[0], (size_t)(end - p) - n + 1))) {
		if (memcmp(p, pat, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

static int incomplete(const char *name, struct err *e)
{
	return err_set(e, ERR_IO, "partie %s incomplète ou invalide (disque "
	    "plein ?)", name);
}

/* Reads entry i to the end, parsing it when it is XML. */
static int check_entry(zip_t *z, zip_uint64_t i, struct err *e)
{
	const char *name = zip_get_name(z, i, 0);
	zip_file_t *zf = NULL;
	XML_Parser xp = NULL;
	char buf[16384];
	zip_int64_t n;
	int rc = 0;

	if (!name)
		return err_set(e, ERR_IO, "archive illisible");
	if (ends_with(name, ".xml") || ends_with(name, ".rels")) {
		if (!(xp = XML_ParserCreate(NULL)))
			return err_nomem(e);
	}
	if (!(zf = zip_fopen_index(z, i, 0))) {
		rc = err_set(e, ERR_IO, "partie %s illisible", name);
		goto out;
	}
	while ((n = zip_fread(zf, buf, sizeof buf)) > 0)
		if (xp && XML_Parse(xp, buf, (int)n, 0) == XML_STATUS_ERROR) {
			rc = incomplete(name, e);
			goto out;
		}
	if (n < 0) {
		rc = err_set(e, ERR_IO, "partie %s endommagée (%s)", name,
		    err_fr_zip(zip_error_code_zip(zip_file_get_error(zf)),
		    zip_error_code_system(zip_file_get_error(zf))));
		goto out;
	}
	if (xp && XML_Parse(xp, "", 0, 1) == XML_STATUS_ERROR)
		rc = incomplete(name, e);
out:
	if (zf)
		zip_fclose(zf);
	if (xp)
		XML_ParserFree(xp);
	return rc;
}

/* Where check_sheet is in a part: the head is kept until "<sheetData>"
 * is found in it; from then on, bytes before skip_to are skipped and the
 * others parsed, the first ones compared with next. */
struct sheet_read {
	const struct export_sheet_data *sd;
	XML_Parser xp;
	long long pos;		/* offset in the part of the next byte given */
	long long skip_to;	/* -1 until "<sheetData>" is found */
	size_t next_len, next_got;
	int bad;
};

static void sheet_feed(struct sheet_read *r, const char *p, size_t n)
{
	if (r->bad)
		return;
	if (r->pos + (long long)n <= r->skip_to) {
		r->pos += (long long)n;
		return;
	}
	if (r->pos < r->skip_to) {
		size_t skip = (size_t)(r->skip_to - r->pos);

		p += skip;
		n -= skip;
		r->pos = r->skip_to;
	}
	if (r->next_got < r->next_len) {
		size_t k = n < r->next_len - r->next_got ? n :
		    r->next_len - r->next_got;

		if (memcmp(p, r->sd->next + r->next_got, k) != 0)
			r->bad = 1;
		r->next_got += k;
	}
	if (XML_Parse(r->xp, p, (int)n, 0) == XML_STATUS_ERROR)
		r->bad = 1;
	r->pos += (long long)n;
}

/* Reads the part of a sheet described by sd: see the top of the file. */
static int check_sheet(zip_t *z, zip_uint64_t i,
    const struct export_sheet_data *sd, struct err *e)
{
	struct sheet_read r;
	zip_file_t *zf = NULL;
	char *head = NULL, *buf = NULL;
	size_t head_len = 0;
	zip_int64_t n;
	int rc = 0;

	memset(&r, 0, sizeof r);
	r.sd = sd;
	r.skip_to = -1;
	r.next_len = strlen(sd->next);
	if (!(head = malloc(WINDOW)) || !(buf = malloc(WINDOW)) ||
	    !(r.xp = XML_ParserCreate(NULL))) {
		rc = err_nomem(e);
		goto out;
	}
	if (!(zf = zip_fopen_index(z, i, 0))) {
		rc = err_set(e, ERR_IO, "partie %s illisible", sd->part);
		goto out;
	}
	while ((n = zip_fread(zf, buf, WINDOW)) > 0 && !r.bad) {
		const char *open;
		size_t k, end;

		if (r.skip_to >= 0) {
			sheet_feed(&r, buf, (size_t)n);
			continue;
		}
		/* Still in the head (a few kilobytes before the rows). */
		k = (size_t)n < WINDOW - head_len ? (size_t)n :
		    WINDOW - head_len;
		memcpy(head + head_len, buf, k);
		head_len += k;
		if (!(open = find(head, head_len, open_tag,
		    sizeof open_tag - 1))) {
			r.bad = head_len == WINDOW;
			continue;
		}
		end = (size_t)(open - head) + sizeof open_tag - 1;
		r.skip_to = (long long)end + sd->len;
		r.pos = (long long)end;
		if (XML_Parse(r.xp, head, (int)end, 0) == XML_STATUS_ERROR)
			r.bad = 1;
		sheet_feed(&r, head + end, head_len - end);
		sheet_feed(&r, buf + k, (size_t)n - k);
	}
	if (n < 0) {
		rc = err_set(e, ERR_IO, "partie %s endommagée (%s)", sd->part,
		    err_fr_zip(zip_error_code_zip(zip_file_get_error(zf)),
		    zip_error_code_system(zip_file_get_error(zf))));
		goto out;
	}
	if (r.bad || r.next_got < r.next_len ||
	    XML_Parse(r.xp, "", 0, 1) == XML_STATUS_ERROR)
		rc = incomplete(sd->part, e);
out:
	if (zf)
		zip_fclose(zf);
	if (r.xp)
		XML_ParserFree(r.xp);
	free(head);
	free(buf);
	return rc;
}

int export_verify_xlsx(const char *path, const struct export_sheet_data *sd,
    size_t n_sd, struct err *e)
{
	zip_t *z;
	zip_int64_t n, i;
	size_t k;
	int zerr = 0, rc = 0;

	if (!(z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr)))
		return err_set(e, ERR_IO, "le fichier écrit n'est pas une "
		    "archive complète (disque plein ?)");
	n = zip_get_num_entries(z, 0);
	if (n <= 0)
		rc = err_set(e, ERR_IO, "le fichier écrit est vide");
	for (i = 0; i < n && !rc; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);

		for (k = 0; name && k < n_sd; k++)
			if (strcmp(name, sd[k].part) == 0)
				break;
		if (name && k < n_sd)
			rc = check_sheet(z, (zip_uint64_t)i, &sd[k], e);
		else
			rc = check_entry(z, (zip_uint64_t)i, e);
	}
	/* A sheet said to be written but absent from the archive. */
	for (k = 0; k < n_sd && !rc; k++)
		if (zip_name_locate(z, sd[k].part, 0) < 0)
			rc = err_set(e, ERR_IO, "partie %s absente", sd[k].part);
	zip_discard(z);
	return rc;
}
