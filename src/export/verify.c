/*
 * verify.c - re-reads a freshly written XLSX before it replaces anything.
 *
 * libxlsxwriter writes each XML part to a temporary file without checking
 * the writes, so a full disk can yield a valid-looking zip of truncated
 * XML. Reading every entry back (libzip checks the CRCs) and parsing the
 * XML parts (expat) catches that. Never prints.
 */
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "export_priv.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
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
			return err_set(e, ERR_NOMEM, "mémoire insuffisante");
	}
	if (!(zf = zip_fopen_index(z, i, 0))) {
		rc = err_set(e, ERR_IO, "partie %s illisible", name);
		goto out;
	}
	while ((n = zip_fread(zf, buf, sizeof buf)) > 0)
		if (xp && XML_Parse(xp, buf, (int)n, 0) == XML_STATUS_ERROR) {
			rc = err_set(e, ERR_IO, "partie %s incomplète ou "
			    "invalide (disque plein ?)", name);
			goto out;
		}
	if (n < 0) {
		rc = err_set(e, ERR_IO, "partie %s endommagée", name);
		goto out;
	}
	if (xp && XML_Parse(xp, "", 0, 1) == XML_STATUS_ERROR)
		rc = err_set(e, ERR_IO, "partie %s incomplète (disque "
		    "plein ?)", name);
out:
	if (zf)
		zip_fclose(zf);
	if (xp)
		XML_ParserFree(xp);
	return rc;
}

int export_verify_xlsx(const char *path, struct err *e)
{
	zip_t *z;
	zip_int64_t n, i;
	int zerr = 0, rc = 0;

	if (!(z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr)))
		return err_set(e, ERR_IO, "le fichier écrit n'est pas une "
		    "archive complète (disque plein ?)");
	n = zip_get_num_entries(z, 0);
	if (n <= 0)
		rc = err_set(e, ERR_IO, "le fichier écrit est vide");
	for (i = 0; i < n && !rc; i++)
		rc = check_entry(z, (zip_uint64_t)i, e);
	zip_discard(z);
	return rc;
}
