/*
 * fuzz_import.h - what the import fuzz targets share: a small referential
 * held in memory and the mapper run over a book. Included by
 * fuzz_csv.c, fuzz_xlsx.c, fuzz_ods.c, fuzz_xls.c and fuzz_map.c only (each is built alone).
 */
#ifndef SUIVI_FUZZ_IMPORT_H
#define SUIVI_FUZZ_IMPORT_H

#include <stdlib.h>
#include <string.h>

#include "import.h"

static const char fz_ref_text[] =
    "referentiel: fuzz\nnom: Fuzz\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être de chaque enfant et chaque jeune\n\n"
    "engagement: 2\ntitre: La lutte contre l'exclusion\n\n"
    "engagement: 3\ntitre: Un parcours éducatif de qualité\n\n"
    "recommandation: E1-R1\nengagement: 1\ntexte: Petite enfance\n\n"
    "recommandation: E1-R2\nengagement: 1\ntexte: Lutter contre la "
    "pollution\n\n"
    "recommandation: E2-R1\nengagement: 2\ntexte:\n";

/* The referential, parsed once (kept for the life of the process). */
static const struct referential *fz_ref(void)
{
	static struct referential *r;

	if (!r && referential_parse(fz_ref_text, strlen(fz_ref_text), "fuzz",
	    &r, NULL))
		abort();	/* the fixture itself is wrong */
	return r;
}

/* Maps b as the CLI does (releasing each mapped row's texts: b can then
 * only be freed) and returns the result, or NULL. */
static struct import_result *fz_map(struct import_book *b,
    const char *sheet)
{
	struct import_opts o;
	struct import_result *r = NULL;

	memset(&o, 0, sizeof o);
	o.sheet = sheet;
	o.ref = fz_ref();
	o.year_min = 2020;
	o.year_max = 2026;
	if (import_map_release(b, &o, &r, NULL))
		return NULL;
	return r;
}

#endif
