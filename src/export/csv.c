/*
 * csv.c - the "Plan d'action" table as CSV.
 *
 * Two flavours: French Excel (UTF-8 with BOM, ';', CRLF, every field
 * quoted, formula-like cells neutralised with a leading apostrophe) and
 * RFC 4180 open data (',' and no BOM, text untouched). Newlines inside a
 * field are kept as they are, inside the quotes. Written to a temporary
 * file renamed on success (common.c).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "export_priv.h"

/* Writes one quoted field; neutralise: prefix formula-like text. */
static void put_field(FILE *f, const char *s, int neutralise)
{
	fputc('"', f);
	if (neutralise && s && strchr("=+-@\t\r", s[0]) && s[0])
		fputc('\'', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int export_write_csv(const char *path, const struct plan *p,
    const struct export_opts *o, int rfc4180, struct err *e)
{
	struct export_file file;
	struct plan view;
	struct strbuf sb = {0};
	FILE *f = NULL;
	const char sep = rfc4180 ? ',' : ';';
	size_t i;
	int col, rc, have_view = 0, werr;

	memset(&file, 0, sizeof file);
	file.fd = -1;
	if ((rc = export_view_make(p, o ? o->pilot : NULL, &view, e)))
		goto out;
	have_view = 1;
	if (o && !str_empty(o->pilot) && !view.n_actions) {
		rc = err_set(e, ERR_NOTFOUND, "aucune action n'a « %s » parmi "
		    "ses services pilotes", o->pilot);
		goto out;
	}
	if ((rc = export_check_texts(&view, e)) ||
	    (rc = export_file_begin(&file, path, e)))
		goto out;
	if (!(f = fdopen(file.fd, "wb"))) {
		rc = err_set(e, ERR_IO, "écriture de « %s » : %s", path,
		    export_strerror(errno));
		goto out;
	}
	if (!rfc4180)
		fputs("\xEF\xBB\xBF", f);
	for (col = 0; col < EXPORT_N_COLUMNS; col++) {
		if (col)
			fputc(sep, f);
		put_field(f, export_columns[col], 0);
	}
	fputs("\r\n", f);
	for (i = 0; i < view.n_actions; i++) {
		for (col = 0; col < EXPORT_N_COLUMNS; col++) {
			if ((rc = export_cell_text(&view.actions[i],
			    (enum export_col)col, &sb))) {
				err_set(e, rc, "mémoire insuffisante");
				goto out;
			}
			if (col)
				fputc(sep, f);
			put_field(f, sb_str(&sb), !rfc4180);
		}
		fputs("\r\n", f);
	}
	/* fclose() closes file.fd: the commit reopens the file to sync it. */
	file.fd = -1;
	werr = fflush(f) != 0 || ferror(f);
	if (fclose(f) != 0)
		werr = 1;
	f = NULL;
	if (werr) {
		rc = err_set(e, ERR_IO, "écriture de « %s » : %s ; le fichier "
		    "n'a pas été modifié", path, export_strerror(errno));
		goto out;
	}
	rc = export_file_commit(&file, e);
out:
	if (f) {
		file.fd = -1;
		fclose(f);
	}
	export_file_end(&file);
	if (have_view)
		export_view_free(&view);
	sb_free(&sb);
	return rc;
}
