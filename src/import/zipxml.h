/*
 * zipxml.h - feeding one zip entry to an expat parser, shared by the
 * XLSX and ODS readers (src/import/ only).
 */
#ifndef SUIVI_IMPORT_ZIPXML_H
#define SUIVI_IMPORT_ZIPXML_H

#include <stdint.h>

#include <expat.h>
#include <zip.h>

#include "err.h"

/* Parses the zip entry f (of announced size size, named part in the file
 * name) with p, inflating at most *budget bytes (decreased by what was
 * read). A zip, size or XML error is named in French with the part and
 * line; when *failed is set by the parser's handlers, their error in e
 * stands. Does not close f nor free p. */
int im_zip_xml_feed(zip_file_t *f, uint64_t size, XML_Parser p,
    const int *failed, uint64_t *budget, const char *name, const char *part,
    struct err *e);

#endif
