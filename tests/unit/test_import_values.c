/*
 * test_import_values.c - unit tests of what people write, read as the
 * model expects it (src/import/values.c), and of the mapper's rules built
 * on it: colours are hints (a referential's priority list decides, a
 * file's column next, a blue fill only without a column), note rows are
 * ignored and each interpretation is listed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../../src/import/import_priv.h"
#include "model.h"

static struct referential *ref(int with_priority)
{
	static const char text[] =
	    "referentiel: t\nnom: T\nmandat: 2020-2026\n\n"
	    "engagement: 1\ntitre: Le bien-être de chaque enfant et chaque "
	    "jeune\n\n"
	    "engagement: 2\ntitre: La lutte contre l'exclusion\n\n"
	    "engagement: 3\ntitre: Un parcours éducatif de qualité\n\n"
	    "engagement: 4\ntitre: La participation de chaque enfant\n\n"
	    "engagement: 5\ntitre: Le partenariat avec UNICEF France\n\n";
	static const char prio[] =
	    "prioritaire: E1-P1\nengagement: 1\nintitule: Créer des rues "
	    "scolaires\n";
	char buf[1024];
	struct referential *r = NULL;
	struct err e = {0};

	snprintf(buf, sizeof buf, "%s%s", text, with_priority ? prio : "");
	assert_int_equal(referential_parse(buf, strlen(buf), "t", &r, &e), 0);
	return r;
}

static void test_progress_loose(void **state)
{
	static const struct { const char *s; enum progress p; int exact; } v[] = {
		{ "En cours", PROGRESS_IN_PROGRESS, 1 },
		{ "en-cours", PROGRESS_IN_PROGRESS, 0 },
		{ "A faire", PROGRESS_NOT_STARTED, 0 },
		{ "Terminé", PROGRESS_DONE, 0 },
		{ "0%", PROGRESS_NOT_STARTED, 0 },
		{ "100 %", PROGRESS_DONE, 0 },
		{ "50 %", PROGRESS_IN_PROGRESS, 0 },
		{ "0.5", PROGRESS_IN_PROGRESS, 0 },
		{ "1", PROGRESS_DONE, 0 },
		{ "0", PROGRESS_NOT_STARTED, 0 },
		{ "75", PROGRESS_IN_PROGRESS, 0 },
	};
	enum progress p;
	size_t i;
	int exact;

	(void)state;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		assert_int_equal(im_parse_progress(v[i].s, &p, &exact), 0);
		assert_int_equal(p, v[i].p);
		assert_int_equal(exact, v[i].exact);
	}
	assert_int_not_equal(im_parse_progress("1.5", &p, &exact), 0);
	assert_int_not_equal(im_parse_progress("150 %", &p, &exact), 0);
	assert_int_not_equal(im_parse_progress("peut-être", &p, &exact), 0);
}

static void test_schedule_dates(void **state)
{
	int y = 0;

	(void)state;
	assert_int_equal(im_schedule_date("45170", &y), 1);
	assert_int_equal(y, 2023);	/* 2023-09-01 */
	assert_int_equal(im_schedule_date("45473", &y), 1);
	assert_int_equal(y, 2024);	/* 2024-06-30 */
	assert_int_equal(im_schedule_date("2024-06-30", &y), 1);
	assert_int_equal(y, 2024);
	assert_int_equal(im_schedule_date("2024-06-30T00:00:00", &y), 1);
	assert_int_equal(im_schedule_date("30/06/2025", &y), 1);
	assert_int_equal(y, 2025);
	assert_int_equal(im_schedule_date("2021-2024", &y), 0);
	assert_int_equal(im_schedule_date("2023", &y), 0);
}

static void test_clean_text(void **state)
{
	char *t;
	int ch;

	(void)state;
	t = im_clean_text("Ligne 1_x000D_\nLigne 2_x000D_Fin", 0, &ch);
	assert_string_equal(t, "Ligne 1\nLigne 2\nFin");
	assert_true(ch);
	free(t);
	t = im_clean_text("\xe2\x80\x8b" "Titre\xe2\x80\xae x\xef\xbb\xbf", 1,
	    &ch);
	assert_string_equal(t, "Titre x");
	free(t);
	t = im_clean_text("\xe2\x80\x8bGarde", 0, &ch);	/* long text: kept */
	assert_string_equal(t, "\xe2\x80\x8bGarde");
	assert_false(ch);
	free(t);
	t = im_clean_text("a_x005F_b", 1, &ch);
	assert_string_equal(t, "a_b");
	free(t);
	assert_true(im_error_value("#N/A"));
	assert_true(im_error_value(" #REF! "));
	assert_true(im_error_value("#VALEUR!"));
	assert_false(im_error_value("#1 des priorités"));
}

static void test_engagement_loose(void **state)
{
	struct referential *r = ref(0);
	struct err e = {0};
	int n = 0, exact = 0;

	(void)state;
	assert_int_equal(im_parse_engagement("2", r, &n, &exact, &e), 0);
	assert_int_equal(n, 2);
	assert_true(exact);
	assert_int_equal(im_parse_engagement("Eng. 1", r, &n, &exact, &e), 0);
	assert_int_equal(n, 1);
	assert_false(exact);
	assert_int_equal(im_parse_engagement("E 5", r, &n, &exact, &e), 0);
	assert_int_equal(n, 5);
	assert_int_equal(im_parse_engagement("IV", r, &n, &exact, &e), 0);
	assert_int_equal(n, 4);
	assert_int_equal(im_parse_engagement("II", r, &n, &exact, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(im_parse_engagement("Un parcours éducatif de qualite",
	    r, &n, &exact, &e), 0);
	assert_int_equal(n, 3);
	assert_true(exact);
	assert_int_equal(im_parse_engagement("Le partenariat avec UNICEF "
	    "Frnace", r, &n, &exact, &e), 0);
	assert_int_equal(n, 5);
	assert_false(exact);
	assert_int_not_equal(im_parse_engagement("IX", r, &n, &exact, &e), 0);
	assert_int_not_equal(im_parse_engagement("Une tout autre chose", r, &n,
	    &exact, &e), 0);
	referential_free(&r);
}

static struct import_result *map(const char *s, int with_priority)
{
	struct import_book *b = NULL;
	struct import_result *r = NULL;
	struct import_opts o = { .ref = NULL };
	struct err e = {0};

	assert_int_equal(import_read_csv(s, strlen(s), "t.csv", &b, &e), 0);
	o.ref = ref(with_priority);
	assert_int_equal(import_map(b, &o, &r, &e), 0);
	import_book_free(&b);
	referential_free((struct referential **)&o.ref);
	return r;
}

static int has_note(const struct import_result *r, const char *frag)
{
	size_t i;

	for (i = 0; i < r->n_notes; i++)
		if (strstr(r->notes[i], frag))
			return 1;
	return 0;
}

static void test_priority_from_referential(void **state)
{
	/* the referential lists 1.2 only: the file's Oui on 1.1 and Non on
	 * 1.2 contradict it and are left out, reported */
	struct import_result *r = map("N°;Intitulé;Action prioritaire\n"
	    "1.1;Ouvrir un lieu;Oui\n1.2;Créer des rues scolaires;Non\n"
	    "1.3;Autre;Non\n", 1);

	(void)state;
	assert_int_equal(r->n_rows, 3);
	assert_int_equal(r->rows[0].col[F_PRIORITY], -1);
	assert_int_equal(r->rows[1].col[F_PRIORITY], -1);
	assert_true(r->rows[2].col[F_PRIORITY] >= 0);
	assert_true(has_note(r, "contredit le référentiel (qui ne liste pas "
	    "cette action) : non importé (ligne 2)"));
	assert_true(has_note(r, "(qui liste cette action) : non importé "
	    "(ligne 3)"));
	import_result_free(&r);
}

static void test_notes_and_total_rows(void **state)
{
	struct import_result *r = map("N°;Intitulé;Avancement\n"
	    "1.1;Une action;En cours\n"
	    ";(Oui/Non);\n"
	    "Total;2;\n"
	    ";* Actions validées en conseil;\n"
	    ";Une ligne seule après;\n", 0);

	(void)state;
	assert_int_equal(r->n_rows, 1);
	assert_int_equal(r->n_errors, 0);
	assert_true(has_note(r, "ligne ignorée (sous-titres de l'en-tête) : "
	    "« (Oui/Non) » (ligne 3)"));
	assert_true(has_note(r, "ligne ignorée (total) : « Total » (ligne 4)"));
	assert_true(has_note(r, "ligne ignorée (note) : « * Actions validées "
	    "en conseil » (ligne 5)"));
	assert_true(has_note(r, "(après la fin du tableau) : « Une ligne seule "
	    "après » (ligne 6)"));
	import_result_free(&r);
}

static void test_note_words_in_an_action(void **state)
{
	/* a title that begins like a note, in a full row, is an action */
	struct import_result *r = map("Intitulé;Engagement;Avancement\n"
	    "Sources d'eau dans les cours d'école;1;En cours\n"
	    "Source : service des écoles;;\n", 0);

	(void)state;
	assert_int_equal(r->n_rows, 1);
	assert_string_equal(r->rows[0].a.designation, "Sources d'eau dans les "
	    "cours d'école");
	assert_true(has_note(r, "ligne ignorée (note) : « Source : service des "
	    "écoles » (ligne 3)"));
	import_result_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress_loose),
		cmocka_unit_test(test_schedule_dates),
		cmocka_unit_test(test_clean_text),
		cmocka_unit_test(test_engagement_loose),
		cmocka_unit_test(test_priority_from_referential),
		cmocka_unit_test(test_notes_and_total_rows),
		cmocka_unit_test(test_note_words_in_an_action),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
