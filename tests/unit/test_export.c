/*
 * test_export.c - unit tests of the export module on plans built in
 * memory: CSV bytes (BOM, separator, CRLF, quoting, neutralisation), the
 * XLSX written and renamed, refusals that leave nothing behind, the
 * default file name and the UTF-16 length Excel counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "model.h"
#include "util.h"

struct fixture {
	char dir[64];
	struct plan *p;
};

static void add(struct plan *p, const char *ref, int eng, const char *des,
    const char *desc, const char *pilots, int priority)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.id = (int64_t)p->n_actions + 10;
	a.version = 3;
	a.ref = xstrdup(ref);
	a.engagement = eng;
	a.designation = xstrdup(des);
	a.description = xstrdup(desc);
	a.pilots = xstrdup(pilots);
	a.priority = priority;
	a.progress = PROGRESS_IN_PROGRESS;
	assert_int_equal(plan_take_action(p, &a), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	strcpy(f->dir, "/tmp/test_export.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->p = plan_new();
	assert_non_null(f->p);
	f->p->coll.f[C_NAME] = xstrdup("Ville de Démo");
	f->p->mandate.label = xstrdup("2020-2026");
	f->p->mandate.year_first = 2020;
	f->p->mandate.year_last = 2026;
	add(f->p, "1.1", 1, "Crèche \"Les Tilleuls\"", "=SOMME(A1)\nsuite",
	    "Service Petite enfance", 1);
	add(f->p, "1.2", 1, "Rues scolaires", "-5 % de pollution ; \"air\"",
	    "Direction Environnement", 0);
	add(f->p, "2.1", 2, "Tarifs", "@tous\tles enfants", "CCAS", 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	struct dirent *d;
	DIR *dir = opendir(f->dir);
	char path[512];

	while (dir && (d = readdir(dir)))
		if (d->d_name[0] != '.' || (strcmp(d->d_name, ".") &&
		    strcmp(d->d_name, ".."))) {
			snprintf(path, sizeof path, "%s/%s", f->dir, d->d_name);
			unlink(path);
		}
	if (dir)
		closedir(dir);
	rmdir(f->dir);
	plan_free(&f->p);
	free(f);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;

	assert_int_equal(file_read_all(path, 1u << 24, &buf, len, NULL), 0);
	return buf;
}

/* Number of entries in dir (temporary files included). */
static int count_files(const char *dir)
{
	struct dirent *d;
	DIR *dh = opendir(dir);
	int n = 0;

	while (dh && (d = readdir(dh)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			n++;
	if (dh)
		closedir(dh);
	return n;
}

static void test_export_utf16_len_counts_surrogate_pairs(void **state)
{
	(void)state;
	assert_int_equal(export_utf16_len(NULL), 0);
	assert_int_equal(export_utf16_len(""), 0);
	assert_int_equal(export_utf16_len("é"), 1);
	assert_int_equal(export_utf16_len("œ€"), 2);
	assert_int_equal(export_utf16_len("😀a"), 3);
}

static void test_export_write_csv_french_excel(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025 };
	char path[128];
	struct err e = {0};
	size_t len;
	char *s;

	snprintf(path, sizeof path, "%s/plan.csv", f->dir);
	assert_int_equal(export_write_csv(path, f->p, &o, 0, &e), 0);
	s = slurp(path, &len);
	/* BOM, then the quoted header with ';' and CRLF. */
	assert_memory_equal(s, "\xEF\xBB\xBF\"N°\";\"Engagement\";", 20);
	assert_non_null(strstr(s, "\"Dernière mise à jour\"\r\n\"1.1\";\"1\";"));
	/* Quotes doubled, newline kept inside the field. */
	assert_non_null(strstr(s, "\"Crèche \"\"Les Tilleuls\"\"\""));
	/* Formula-like cells neutralised. */
	assert_non_null(strstr(s, "\"'=SOMME(A1)\nsuite\""));
	assert_non_null(strstr(s, "\"'-5 % de pollution ; \"\"air\"\"\""));
	assert_non_null(strstr(s, "\"'@tous\tles enfants\""));
	assert_null(strstr(s, "\";\"=SOMME"));
	/* 1 header + 3 rows, each ending in CRLF. */
	assert_int_equal(s[len - 2], '\r');
	assert_int_equal(s[len - 1], '\n');
	assert_int_equal(count_files(f->dir), 1);
	free(s);
}

static void test_export_write_csv_rfc4180_keeps_text(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025 };
	char path[128];
	size_t len;
	char *s;

	snprintf(path, sizeof path, "%s/plan.csv", f->dir);
	assert_int_equal(export_write_csv(path, f->p, &o, 1, NULL), 0);
	s = slurp(path, &len);
	assert_memory_equal(s, "\"N°\",\"Engagement\",", 18);
	assert_non_null(strstr(s, ",\"=SOMME(A1)\nsuite\","));
	assert_null(strstr(s, "'="));
	free(s);
}

static void test_export_write_csv_pilot_filter(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025, .pilot = "petite ENFANCE" };
	struct err e = {0};
	char path[128];
	size_t len;
	char *s;

	snprintf(path, sizeof path, "%s/pe.csv", f->dir);
	assert_int_equal(export_write_csv(path, f->p, &o, 0, &e), 0);
	s = slurp(path, &len);
	assert_non_null(strstr(s, "\"1.1\""));
	assert_null(strstr(s, "\"1.2\""));
	assert_null(strstr(s, "\"2.1\""));
	free(s);
	o.pilot = "Voirie";
	assert_int_equal(export_write_csv(path, f->p, &o, 0, &e),
	    ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "Voirie"));
}

static void test_export_write_xlsx_writes_and_replaces(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025, .created = 1767225600 };
	struct err e = {0};
	char path[128];
	size_t len, len2;
	char *s, *s2;

	snprintf(path, sizeof path, "%s/t.xlsx", f->dir);
	assert_int_equal(export_write_xlsx(path, f->p, &o, &e), 0);
	s = slurp(path, &len);
	assert_true(len > 1000);
	assert_memory_equal(s, "PK\x03\x04", 4);
	/* Again over the first file: same bytes, no temporary left. */
	assert_int_equal(export_write_xlsx(path, f->p, &o, &e), 0);
	s2 = slurp(path, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(s, s2, len);
	assert_int_equal(count_files(f->dir), 1);
	free(s);
	free(s2);
}

static void test_export_write_xlsx_refuses_long_text(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025, .created = 1767225600 };
	struct strbuf big = {0};
	struct err e = {0};
	char path[128];
	int i;

	/* 17,000 code points (the model's limit is 32,767) but 34,000
	 * UTF-16 units: Excel would cut it. */
	for (i = 0; i < 17000; i++)
		sb_append(&big, "😀");
	free(f->p->actions[1].comments);
	f->p->actions[1].comments = sb_steal(&big);
	snprintf(path, sizeof path, "%s/t.xlsx", f->dir);
	assert_int_equal(export_write_xlsx(path, f->p, &o, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "action 1.2"));
	assert_non_null(strstr(e.msg, "Commentaires"));
	assert_int_equal(count_files(f->dir), 0);
	assert_int_equal(export_write_csv(path, f->p, &o, 0, &e), ERR_INVALID);
	assert_int_equal(count_files(f->dir), 0);
}

static void test_export_write_xlsx_missing_directory(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025, .created = 1767225600 };
	struct err e = {0};
	char path[128];

	snprintf(path, sizeof path, "%s/absent/t.xlsx", f->dir);
	assert_int_equal(export_write_xlsx(path, f->p, &o, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "dossier introuvable"));
	assert_int_equal(count_files(f->dir), 0);
}

static void test_export_write_xlsx_refuses_device(void **state)
{
	struct fixture *f = *state;
	struct export_opts o = { .year = 2025, .created = 1767225600 };
	struct err e = {0};

	assert_int_equal(export_write_xlsx("/dev/null", f->p, &o, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "fichier ordinaire"));
}

static void test_export_default_name_keeps_accents(void **state)
{
	struct fixture *f = *state;
	char *n;

	free(f->p->coll.f[C_NAME]);
	f->p->coll.f[C_NAME] = xstrdup("Ville d'Évry / Sud: \"centre\"");
	n = export_default_name(f->p, 2025, NULL, "xlsx");
	assert_string_equal(n, "Suivi-VAE-Ville-d-Évry-Sud-centre-2025.xlsx");
	free(n);
	n = export_default_name(f->p, 2025, "Service Petite enfance", "csv");
	assert_string_equal(n, "Suivi-VAE-Ville-d-Évry-Sud-centre-2025-"
	    "Service-Petite-enfance.csv");
	free(n);
	free(f->p->coll.f[C_NAME]);
	f->p->coll.f[C_NAME] = NULL;
	n = export_default_name(f->p, 2024, NULL, "xlsx");
	assert_string_equal(n, "Suivi-VAE-collectivite-2024.xlsx");
	free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_utf16_len_counts_surrogate_pairs),
		cmocka_unit_test_setup_teardown(
		    test_export_write_csv_french_excel, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_csv_rfc4180_keeps_text, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_csv_pilot_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_writes_and_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_refuses_long_text, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_write_xlsx_refuses_device, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_export_default_name_keeps_accents, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
