/*
 * fuzz_map.c - the mapper and the apply step on books built from any
 * bytes, without a file reader in between.
 *
 * Input format: lines ('\n') are rows, tabs separate cells. A line that
 * starts with '\f' starts a new sheet named by the rest of the line (the
 * first sheet has no name, as a CSV); a line that starts with '\v' names
 * the sheet to use (--feuille). A cell that starts with '\1' is filled
 * blue, with '\2' it is flagged too long (text dropped, as the readers
 * do). The mapped result is then applied as a dry run (always rolled
 * back) to a database created once per process in a temporary directory,
 * holding a few actions and an indicator.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_import.h"
#include "ops.h"
#include "store.h"
#include "../../src/import/import_priv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fz_dir[64];
static struct store *fz_store;
static struct mandate fz_mandate;

static void fz_cleanup(void)
{
	char path[128];

	store_close(&fz_store);
	mandate_clear(&fz_mandate);
	snprintf(path, sizeof path, "%s/f.db", fz_dir);
	remove(path);
	snprintf(path, sizeof path, "%s/f.db-wal", fz_dir);
	remove(path);
	snprintf(path, sizeof path, "%s/f.db-shm", fz_dir);
	remove(path);
	remove(fz_dir);
}

static struct store *fz_db(void)
{
	static const struct {
		const char *ref, *designation;
		int engagement, priority;
	} seed[] = {
		{ "1.1", "Ouvrir un lieu d'accueil enfants-parents", 1, 0 },
		{ "1.2", "Action prioritaire", 1, 1 },
		{ "2.1", "Tarification sociale", 2, 0 },
	};
	char path[128];
	size_t i;

	if (fz_store)
		return fz_store;
	setenv("SUIVI_USER", "fuzz", 1);
	strcpy(fz_dir, "/tmp/suivi-fuzz-XXXXXX");
	if (!mkdtemp(fz_dir))
		abort();
	snprintf(path, sizeof path, "%s/f.db", fz_dir);
	if (store_open(path, STORE_CREATE, &fz_store, NULL) ||
	    store_init(fz_store, "Ville", fz_ref(), "2020-2026", NULL) ||
	    store_active_mandate(fz_store, &fz_mandate, NULL))
		abort();
	atexit(fz_cleanup);
	for (i = 0; i < sizeof seed / sizeof seed[0]; i++) {
		struct action a;
		struct indicator ind;
		int64_t id;

		memset(&a, 0, sizeof a);
		a.ref = strdup(seed[i].ref);
		a.designation = strdup(seed[i].designation);
		a.engagement = seed[i].engagement;
		a.priority = seed[i].priority;
		if (store_add_action(fz_store, fz_mandate.id, &a, NULL))
			abort();
		id = a.id;
		action_clear(&a);
		if (i)
			continue;
		memset(&ind, 0, sizeof ind);
		ind.action_id = id;
		ind.label = "Familles accueillies";
		ind.unit = "familles";
		if (indicator_set_value(&ind, 2021, "12", "ouverture") ||
		    store_add_indicator(fz_store, &ind, NULL))
			abort();
		free(ind.values[0].value);
		free(ind.values[0].comment);
		free(ind.values);
	}
	return fz_store;
}

/* Builds the book described at the top of this file. */
static struct import_book *fz_book(const char *s, size_t n, char **sheet)
{
	struct import_book *b = calloc(1, sizeof *b);
	struct import_sheet *sh;
	size_t i = 0;
	int row = 0;

	*sheet = NULL;
	if (!b || !(b->file = strdup("fuzz")) || !(sh = ib_add_sheet(b, NULL)))
		goto fail;
	while (i < n) {
		size_t end = i, j;
		int col = 0;

		while (end < n && s[end] != '\n')
			end++;
		row++;
		if (s[i] == '\f' || s[i] == '\v') {
			char *name = strndup(s + i + 1, end - i - 1);

			if (!name)
				goto fail;
			if (s[i] == '\v') {
				free(*sheet);
				*sheet = name;
			} else {
				ib_sort(sh);
				sh = ib_add_sheet(b, name);
				free(name);
				if (!sh)
					goto fail;
				row = 0;
			}
			i = end + 1;
			continue;
		}
		for (j = i; j <= end; j++) {
			int blue = 0, too_long = 0;
			size_t k = i;
			char *t;

			if (j < end && s[j] != '\t')
				continue;
			if (k < j && s[k] == '\1') {
				blue = 1;
				k++;
			} else if (k < j && s[k] == '\2') {
				too_long = 1;
				k = j;
			}
			if ((k < j || blue || too_long) &&
			    (!(t = strndup(s + k, j - k)) ||
			    ib_add_cell(sh, row, col, t, blue, too_long))) {
				free(t);
				goto fail;
			}
			col++;
			i = j + 1;
		}
		i = end + 1;
	}
	ib_sort(sh);
	return b;
fail:
	import_book_free(&b);
	free(*sheet);
	*sheet = NULL;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_book *b;
	struct import_result *r;
	struct import_apply_opts ao;
	struct import_report rep;
	char *sheet = NULL;

	if (!(b = fz_book((const char *)data, size, &sheet)))
		return 0;
	if ((r = fz_map(b, sheet))) {
		memset(&ao, 0, sizeof ao);
		memset(&rep, 0, sizeof rep);
		ao.dry_run = 1;
		ao.force = size & 1;
		ao.file = "fuzz";
		import_apply(fz_db(), &fz_mandate, r, &ao, &rep, NULL);
		import_report_clear(&rep);
		import_result_free(&r);
	}
	import_book_free(&b);
	free(sheet);
	return 0;
}
