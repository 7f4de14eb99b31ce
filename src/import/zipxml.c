/*
 * zipxml.c - feeding one zip entry to an expat parser, with the limits
 * and the French messages both spreadsheet readers need.
 */
#include "import_priv.h"
#include "zipxml.h"

int im_zip_xml_feed(zip_file_t *f, uint64_t size, XML_Parser p,
    const int *failed, uint64_t *budget, const char *name, const char *part,
    struct err *e)
{
	char buf[65536];
	uint64_t total = 0;
	zip_int64_t got;

	for (;;) {
		int last;

		got = zip_fread(f, buf, sizeof buf);
		if (got < 0)
			return err_set(e, ERR_FORMAT, "%s : partie %s abîmée "
			    "(%s)", name, part, err_fr_zip(
			    zip_error_code_zip(zip_file_get_error(f)),
			    zip_error_code_system(zip_file_get_error(f))));
		total += (uint64_t)got;
		if (total > size || total > *budget)
			return err_set(e, ERR_FORMAT, "%s : partie %s plus "
			    "grande qu'annoncé : fichier refusé", name, part);
		last = got == 0;
		if (XML_Parse(p, buf, (int)got, last) == XML_STATUS_ERROR) {
			if (*failed)
				return e ? e->code : ERR_FORMAT;
			return err_set(e, ERR_FORMAT, "%s : partie %s, ligne "
			    "%lu : XML mal formé (%s)", name, part,
			    (unsigned long)XML_GetCurrentLineNumber(p),
			    err_fr_xml(XML_GetErrorCode(p)));
		}
		if (last)
			break;
	}
	*budget -= total;
	return *failed ? (e ? e->code : ERR_FORMAT) : 0;
}
