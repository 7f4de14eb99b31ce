/*
 * app_xml.c - rewrites docProps/app.xml of a freshly written workbook:
 * libxlsxwriter 1.1.4 names "Microsoft Excel" as the application that
 * made the file, which would be false. The part is replaced in the
 * temporary file with libzip, keeping its date, so that the same plan
 * still gives the same bytes. Never prints.
 */
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "export_priv.h"

#define APP_PART	"docProps/app.xml"
#define APP_FROM	"<Application>Microsoft Excel</Application>"
#define APP_TO		"<Application>suivi (Ville amie des enfants)</Application>"

int export_fix_app_xml(const char *path, struct err *e)
{
	zip_t *z;
	zip_file_t *zf = NULL;
	zip_source_t *src = NULL;
	zip_stat_t st;
	zip_int64_t idx;
	char *old = NULL, *neu = NULL, *at;
	size_t from = strlen(APP_FROM), to = strlen(APP_TO), n;
	int zerr = 0, rc = ERR_IO;

	if (!(z = zip_open(path, 0, &zerr)))
		return err_set(e, ERR_IO, "relecture du tableau impossible : %s",
		    err_fr_zip(zerr, 0));
	if ((idx = zip_name_locate(z, APP_PART, 0)) < 0 ||
	    zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || st.size > 1 << 20) {
		rc = err_set(e, ERR_IO, "partie %s absente du tableau", APP_PART);
		goto out;
	}
	if (!(old = malloc((size_t)st.size + 1)) ||
	    !(neu = malloc((size_t)st.size + to + 1))) {
		rc = err_nomem(e);
		goto out;
	}
	if (!(zf = zip_fopen_index(z, (zip_uint64_t)idx, 0)) ||
	    zip_fread(zf, old, st.size) != (zip_int64_t)st.size) {
		rc = err_set(e, ERR_IO, "partie %s illisible", APP_PART);
		goto out;
	}
	zip_fclose(zf);
	zf = NULL;
	old[st.size] = '\0';
	if (!(at = strstr(old, APP_FROM))) {
		rc = 0;		/* nothing to say otherwise */
		goto out;
	}
	n = (size_t)(at - old);
	memcpy(neu, old, n);
	memcpy(neu + n, APP_TO, to);
	memcpy(neu + n + to, at + from, (size_t)st.size - n - from);
	n = (size_t)st.size - from + to;
	if (!(src = zip_source_buffer(z, neu, n, 1))) {
		rc = err_nomem(e);
		goto out;
	}
	neu = NULL;		/* the source frees it */
	if (zip_file_replace(z, (zip_uint64_t)idx, src, 0) != 0) {
		zip_source_free(src);
		rc = err_set(e, ERR_IO, "réécriture de %s impossible : %s",
		    APP_PART, err_fr_zip(zip_error_code_zip(zip_get_error(z)),
		    zip_error_code_system(zip_get_error(z))));
		goto out;
	}
	if ((st.valid & ZIP_STAT_MTIME) &&
	    zip_file_set_mtime(z, (zip_uint64_t)idx, st.mtime, 0) != 0) {
		rc = err_set(e, ERR_IO, "réécriture de %s impossible", APP_PART);
		goto out;
	}
	zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0);
	if (zip_close(z) != 0) {
		rc = err_set(e, ERR_IO, "réécriture du tableau impossible "
		    "(disque plein ?) : %s",
		    err_fr_zip(zip_error_code_zip(zip_get_error(z)),
		    zip_error_code_system(zip_get_error(z))));
		zip_discard(z);
		z = NULL;
		goto out;
	}
	z = NULL;
	rc = 0;
out:
	if (zf)
		zip_fclose(zf);
	if (z)
		zip_discard(z);
	free(old);
	free(neu);
	return rc;
}
