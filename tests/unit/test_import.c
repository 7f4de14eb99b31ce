/*
 * test_import.c - unit tests of the import parsers alone: the CSV reader
 * (quotes, line breaks in fields, BOM, Windows-1252, separators,
 * unterminated quote), the header matcher, the value normalisers, column
 * letters, blue detection and the mapping of a small book to actions.
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

static const char *cell(const struct import_book *b, int row, int col)
{
	const struct import_cell *c = import_sheet_cell(&b->sheets[0], row, col);

	return c ? c->text : NULL;
}

static struct import_book *csv(const char *s, size_t n)
{
	struct import_book *b = NULL;
	struct err e = {0};

	assert_int_equal(import_read_csv(s, n ? n : strlen(s), "t.csv", &b, &e),
	    0);
	return b;
}

/* ---- import_read_csv ---- */

static void test_import_read_csv_empty(void **state)
{
	struct import_book *b = csv("", 0);

	(void)state;
	assert_int_equal(b->n, 1);
	assert_int_equal(b->sheets[0].n, 0);
	import_book_free(&b);
	assert_null(b);
}

static void test_import_read_csv_semicolon_quotes_newlines(void **state)
{
	struct import_book *b = csv("N°;Intitulé\r\n1.1;\"Un \"\"grand\"\"\r\n"
	    "projet; vraiment\"\r\n1.2;Fin\r\n", 0);

	(void)state;
	assert_string_equal(cell(b, 1, 0), "N°");
	assert_string_equal(cell(b, 2, 1), "Un \"grand\"\nprojet; vraiment");
	/* the quoted line break does not shift the rows */
	assert_string_equal(cell(b, 3, 0), "1.2");
	assert_string_equal(cell(b, 3, 1), "Fin");
	import_book_free(&b);
}

static void test_import_read_csv_comma_and_tab(void **state)
{
	struct import_book *b = csv("a,b;c,d\n1,\"2;3\",4\n", 0);

	(void)state;
	assert_string_equal(cell(b, 1, 1), "b;c");
	assert_string_equal(cell(b, 2, 1), "2;3");
	import_book_free(&b);
	b = csv("a\tb, c\n1\t2\n", 0);
	assert_string_equal(cell(b, 1, 1), "b, c");
	assert_string_equal(cell(b, 2, 1), "2");
	import_book_free(&b);
}

static void test_import_read_csv_bom_and_cp1252(void **state)
{
	struct import_book *b = csv("\xef\xbb\xbfIntitul\xc3\xa9;x\n", 0);

	(void)state;
	assert_string_equal(cell(b, 1, 0), "Intitulé");
	import_book_free(&b);
	/* Windows-1252: é, ’ (0x92) and œ (0x9c) */
	b = csv("Intitul\xe9;l\x92\x9c" "uvre\n", 0);
	assert_string_equal(cell(b, 1, 0), "Intitulé");
	assert_string_equal(cell(b, 1, 1), "l\xe2\x80\x99\xc5\x93uvre");
	import_book_free(&b);
}

static void test_import_read_csv_unterminated_quote(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};
	const char *s = "a;b\n1;2\n3;\"ouvert\nencore\n";

	(void)state;
	assert_int_equal(import_read_csv(s, strlen(s), "x.csv", &b, &e),
	    ERR_FORMAT);
	assert_null(b);
	assert_non_null(strstr(e.msg, "x.csv, ligne 3"));
	assert_non_null(strstr(e.msg, "guillemet"));
}

static void test_import_read_csv_binary_refused(void **state)
{
	struct import_book *b = NULL;
	struct err e = {0};

	(void)state;
	assert_int_equal(import_read_csv("a\0b", 3, "x.csv", &b, &e),
	    ERR_FORMAT);
	assert_null(b);
}

static void test_import_read_csv_formula_apostrophe(void **state)
{
	struct import_book *b = csv("\"'=1+2\";\"'Texte\"\n", 0);

	(void)state;
	assert_string_equal(cell(b, 1, 0), "=1+2");
	assert_string_equal(cell(b, 1, 1), "'Texte");
	import_book_free(&b);
}

static void test_import_read_csv_long_cell_flagged(void **state)
{
	size_t n = MODEL_MAX_TEXT + 10;
	char *s = malloc(n + 8);
	struct import_book *b;
	const struct import_cell *c;

	(void)state;
	memcpy(s, "a;", 2);
	memset(s + 2, 'x', n);
	b = csv(s, n + 2);
	c = import_sheet_cell(&b->sheets[0], 1, 1);
	assert_non_null(c);
	assert_true(c->too_long);
	import_book_free(&b);
	free(s);
}

/* ---- import_match_header ---- */

static void test_import_match_header_variants(void **state)
{
	(void)state;
	assert_int_equal(import_match_header(NULL), IC_NONE);
	assert_int_equal(import_match_header(""), IC_NONE);
	assert_int_equal(import_match_header("N°"), F_REF);
	assert_int_equal(import_match_header("n°"), F_REF);
	assert_int_equal(import_match_header(" No "), F_REF);
	assert_int_equal(import_match_header("Numéro"), F_REF);
	assert_int_equal(import_match_header("Ref."), F_REF);
	assert_int_equal(import_match_header("Service pilote"), F_PILOTS);
	assert_int_equal(import_match_header("Service(s) pilote(s)"), F_PILOTS);
	assert_int_equal(import_match_header("DIRECTION PILOTE"), F_PILOTS);
	assert_int_equal(import_match_header("Descriptif/analyse de l’action"),
	    F_DESCRIPTION);
	assert_int_equal(import_match_header("Intitulé  de l'action"),
	    F_DESIGNATION);
	assert_int_equal(import_match_header("Action supplémentaire"), F_ADDED);
	assert_int_equal(import_match_header(
	    "Action supplémentaire au plan d'action initial"), F_ADDED);
	assert_int_equal(import_match_header("Action prioritaire"), F_PRIORITY);
	assert_int_equal(import_match_header("Action annulée"), F_CANCELLED);
	assert_int_equal(import_match_header("Élu(e) référent(e)"), F_ELECTED);
	assert_int_equal(import_match_header("Motif"), IC_MOTIF);
	assert_int_equal(import_match_header("suivi_id"), IC_SUIVI_ID);
	assert_int_equal(import_match_header("suivi_version"),
	    IC_SUIVI_VERSION);
	assert_int_equal(import_match_header("Budget (€)"), IC_NONE);
}

static void test_import_match_header_export_columns(void **state)
{
	static const char *const h[] = { "N°", "Engagement", "Recommandation",
	    "Intitulé de l'action", "Action prioritaire",
	    "Descriptif / analyse de l'action", "Service(s) pilote(s)",
	    "Élu(e) référent(e)", "Partenaires", "Public cible", "Calendrier",
	    "Avancement", "Résultat", "Indicateurs clés", "Commentaires",
	    "Perspectives de développement",
	    "Action supplémentaire au plan d'action initial",
	    "Action annulée", "Motif", "Bonne pratique",
	    "Dernière mise à jour" };
	int seen[IC_COUNT] = {0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof h / sizeof h[0]; i++) {
		int k = import_match_header(h[i]);

		assert_true(k >= 0);
		assert_int_equal(seen[k], 0);	/* no two on one field */
		seen[k] = 1;
	}
}

/* ---- Values ---- */

static struct referential *ref(void)
{
	static const char text[] =
	    "referentiel: t\nnom: T\nmandat: 2020-2026\n\n"
	    "engagement: 1\ntitre: Le bien-être de chaque enfant\n\n"
	    "engagement: 2\ntitre: La lutte contre l'exclusion\n\n"
	    "recommandation: E1-R2\nengagement: 1\ntexte: Lutter contre la "
	    "pollution\n";
	struct referential *r = NULL;
	struct err e = {0};

	assert_int_equal(referential_parse(text, strlen(text), "t", &r, &e), 0);
	return r;
}

static void test_import_parse_engagement_forms(void **state)
{
	struct referential *r = ref();
	struct err e = {0};
	int n = 0;

	(void)state;
	assert_int_equal(import_parse_engagement("2", r, &n, &e), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(import_parse_engagement("2.0", r, &n, &e), 0);
	assert_int_equal(n, 2);
	n = 0;
	assert_int_equal(import_parse_engagement("E1", r, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(import_parse_engagement("Engagement 2", r, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(import_parse_engagement("ENGAGEMENT N°1 : LE "
	    "BIEN-ÊTRE", r, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(import_parse_engagement("Engagement 2 - La lutte",
	    r, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(import_parse_engagement("la lutte contre "
	    "l’exclusion", r, &n, &e), 0);
	assert_int_equal(n, 2);
	referential_free(&r);
}

static void test_import_parse_engagement_unknown(void **state)
{
	struct referential *r = ref();
	struct err e = {0};
	int n = 7;

	(void)state;
	assert_int_equal(import_parse_engagement("9", r, &n, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "engagement 9 inconnu"));
	assert_int_equal(n, 7);		/* untouched on failure */
	assert_int_equal(import_parse_engagement("Petite enfance", r, &n, &e),
	    ERR_INVALID);
	assert_int_equal(import_parse_engagement("2bis", r, &n, &e),
	    ERR_INVALID);
	referential_free(&r);
}

static void test_import_parse_bool_variants(void **state)
{
	static const char *const yes[] = { "Oui", "OUI", "x", "X", "✓", "✔",
	    "1", "vrai", "yes", "Oui (2024)" };
	static const char *const no[] = { "", "Non", "non", "0", "faux", "no",
	    "-" };
	size_t i;
	int b;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		b = 0;
		assert_int_equal(import_parse_bool(yes[i], &b), 0);
		assert_int_equal(b, 1);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		b = 1;
		assert_int_equal(import_parse_bool(no[i], &b), 0);
		assert_int_equal(b, 0);
	}
	assert_int_equal(import_parse_bool("peut-être", &b), ERR_INVALID);
}

static void test_import_parse_cancelled_forms(void **state)
{
	int c, y;

	(void)state;
	assert_int_equal(import_parse_cancelled("Oui (2024)", &c, &y), 0);
	assert_int_equal(c, 1);
	assert_int_equal(y, 2024);
	assert_int_equal(import_parse_cancelled("Oui - 2023", &c, &y), 0);
	assert_int_equal(y, 2023);
	assert_int_equal(import_parse_cancelled("2022", &c, &y), 0);
	assert_int_equal(c, 1);
	assert_int_equal(y, 2022);
	assert_int_equal(import_parse_cancelled("X", &c, &y), 0);
	assert_int_equal(c, 1);
	assert_int_equal(y, 0);
	assert_int_equal(import_parse_cancelled("Non", &c, &y), 0);
	assert_int_equal(c, 0);
	assert_int_equal(import_parse_cancelled("", &c, &y), 0);
	assert_int_equal(c, 0);
	assert_int_equal(import_parse_cancelled("bientôt", &c, &y),
	    ERR_INVALID);
}

static void test_import_parse_recommendation_forms(void **state)
{
	struct referential *r = ref();
	struct err e = {0};
	char *code = NULL;

	(void)state;
	assert_int_equal(import_parse_recommendation("", r, 1, &code, &e), 0);
	assert_null(code);
	assert_int_equal(import_parse_recommendation("e1-r2", r, 1, &code,
	    &e), 0);
	assert_string_equal(code, "E1-R2");
	free(code);
	assert_int_equal(import_parse_recommendation("R2", r, 1, &code, &e), 0);
	assert_string_equal(code, "E1-R2");
	free(code);
	assert_int_equal(import_parse_recommendation("lutter contre la "
	    "POLLUTION", r, 1, &code, &e), 0);
	assert_string_equal(code, "E1-R2");
	free(code);
	assert_int_equal(import_parse_recommendation("E9-R9", r, 1, &code, &e),
	    ERR_INVALID);
	assert_null(code);
	referential_free(&r);
}

static void test_progress_parse_variants(void **state)
{
	enum progress p;

	(void)state;
	assert_int_equal(progress_parse("TERMINÉE", &p), 0);
	assert_int_equal(p, PROGRESS_DONE);
	assert_int_equal(progress_parse("fait", &p), 0);
	assert_int_equal(p, PROGRESS_DONE);
	assert_int_equal(progress_parse("En cours de réalisation", &p), 0);
	assert_int_equal(p, PROGRESS_IN_PROGRESS);
	assert_int_equal(progress_parse("à venir", &p), 0);
	assert_int_equal(p, PROGRESS_NOT_STARTED);
	assert_int_equal(progress_parse("Non démarrée", &p), 0);
	assert_int_equal(p, PROGRESS_NOT_STARTED);
}

static void test_import_col_letters(void **state)
{
	char b[8];

	(void)state;
	assert_string_equal(import_col_letters(0, b), "A");
	assert_string_equal(import_col_letters(25, b), "Z");
	assert_string_equal(import_col_letters(26, b), "AA");
	assert_string_equal(import_col_letters(16383, b), "XFD");
}

static void test_color_is_blue(void **state)
{
	static const uint32_t blue[] = { 0xFFBDD7EE, 0xFFDDEBF7, 0xFF9BC2E6,
	    0xFFB4C6E7, 0xFF8EA9DB, 0xFF4472C4, 0xFF0000FF };
	static const uint32_t other[] = { 0xFFFFFFFF, 0xFFF2F2F2, 0xFF000000,
	    0xFFFFF2CC, 0xFFE2EFDA, 0xFFFF0000, 0xFFFCE4D6, 0xFF1F1F2F };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof blue / sizeof blue[0]; i++)
		assert_true(color_is_blue(blue[i]));
	for (i = 0; i < sizeof other / sizeof other[0]; i++)
		assert_false(color_is_blue(other[i]));
}

/* ---- import_map ---- */

static void test_import_map_titles_sections_duplicates(void **state)
{
	const char *s =
	    "Plan d'action de la ville;;;\n"
	    ";;;\n"
	    "N°;Intitulé;Avancement;Budget\n"
	    "Engagement 2 - La lutte;Engagement 2 - La lutte;"
	    "Engagement 2 - La lutte;\n"
	    "2.1;Une action;fait;100\n"
	    ";Sans numéro;;\n"
	    "2.1;Doublon;à venir;\n"
	    "2.3;Mauvais;peut-être;\n";
	struct import_book *b = csv(s, 0);
	struct import_result *r = NULL;
	struct import_opts o = { .ref = NULL };
	struct err e = {0};
	size_t i;
	int dup = 0, bad = 0;

	(void)state;
	o.ref = ref();
	assert_int_equal(import_map(b, &o, &r, &e), 0);
	assert_int_equal(r->header_line, 3);
	assert_int_equal(r->n_ignored, 1);
	assert_non_null(strstr(r->ignored[0], "Budget"));
	assert_true(r->n_rows >= 3);
	assert_string_equal(r->rows[0].a.designation, "Une action");
	assert_int_equal(r->rows[0].a.engagement, 2);	/* from the section */
	assert_int_equal(r->rows[0].a.progress, PROGRESS_DONE);
	assert_null(r->rows[1].a.ref);
	assert_int_equal(r->rows[1].a.engagement, 2);
	for (i = 0; i < r->n_issues; i++) {
		if (strstr(r->issues[i].msg, "2.1 en double : lignes 5 et 7"))
			dup = 1;
		if (strstr(r->issues[i].where, "ligne 8, colonne C"))
			bad = 1;
	}
	assert_true(dup);
	assert_true(bad);
	assert_int_equal(r->n_errors, 2);
	import_result_free(&r);
	import_book_free(&b);
	referential_free((struct referential **)&o.ref);
}

static void test_import_map_no_designation(void **state)
{
	struct import_book *b = csv("N°;Avancement\n1.1;fait\n", 0);
	struct import_result *r = NULL;
	struct import_opts o;
	struct err e = {0};

	(void)state;
	memset(&o, 0, sizeof o);
	assert_int_equal(import_map(b, &o, &r, &e), ERR_FORMAT);
	assert_null(r);
	assert_non_null(strstr(e.msg, "Intitulé de l'action"));
	import_book_free(&b);
}

/* ---- import_map: the "Indicateurs" sheet ---- */

/* The options of a mapping for the 2020-2026 mandate, without referential. */
static const struct import_opts mandate_years = { .year_min = 2020,
    .year_max = 2026 };

/* A book of named sheets, each given as CSV text (';'). */
static struct import_book *book2(const char *name1, const char *csv1,
    const char *name2, const char *csv2)
{
	const char *names[2] = { name1, name2 }, *texts[2] = { csv1, csv2 };
	struct import_book *b = calloc(1, sizeof *b);
	int k;

	assert_non_null(b);
	b->file = strdup("t.xlsx");
	b->sheets = calloc(2, sizeof *b->sheets);
	assert_non_null(b->sheets);
	for (k = 0; k < 2; k++) {
		struct import_book *one = csv(texts[k], 0);

		b->sheets[k] = one->sheets[0];
		b->sheets[k].name = strdup(names[k]);
		one->n = 0;
		import_book_free(&one);
		b->n++;
	}
	return b;
}

/* Maps a plan of one action (1.1) beside the sheet `name` given as CSV
 * text, for the 2020-2026 mandate; the mapping must succeed. Caller frees
 * the result and *b. */
static struct import_result *map_one_action_and(const char *name,
    const char *csv, struct import_book **b)
{
	struct import_opts o = mandate_years;
	struct import_result *r = NULL;
	struct err e = {0};

	*b = book2("Plan d'action", "N°;Intitulé de l'action\n1.1;Une action\n",
	    name, csv);
	assert_int_equal(import_map(*b, &o, &r, &e), 0);
	return r;
}

static const struct import_indicator *find_ind(const struct import_result *r,
    const char *ref, const char *label)
{
	size_t i;

	for (i = 0; i < r->n_indicators; i++)
		if (strcmp(r->indicators[i].ref, ref) == 0 &&
		    strcmp(r->indicators[i].ind.label, label) == 0)
			return &r->indicators[i];
	return NULL;
}

static int has_issue(const struct import_result *r, const char *where,
    const char *msg)
{
	size_t i;

	for (i = 0; i < r->n_issues; i++)
		if ((!where || (r->issues[i].where &&
		    strstr(r->issues[i].where, where))) &&
		    strstr(r->issues[i].msg, msg))
			return 1;
	return 0;
}

static void test_import_map_indicators_export_layout(void **state)
{
	struct import_book *b = book2("Plan d'action",
	    "N°;Intitulé de l'action;Indicateurs clés\n1.1;Une action;x\n",
	    "Indicateurs",
	    "N°;Action;Indicateur;Unité;Référence;Cible;2020;2021;2022;"
	    "Commentaire\n"
	    "1.1;Une action;Places;places;10;20;;12;14;\"2021 : Ouverture\n"
	    "suite du texte\n2022 : Extension\"\n"
	    "1.1;Une action;Sans valeur;;;;;;;\n"
	    "Aucun indicateur clé n'est renseigné.;;;;;;;;;\n");
	struct import_opts o;
	struct import_result *r = NULL;
	const struct import_indicator *ii;
	struct err e = {0};

	(void)state;
	o = mandate_years;
	assert_int_equal(import_map(b, &o, &r, &e), 0);
	assert_string_equal(r->ind_sheet, "Indicateurs");
	assert_int_equal(r->n_ind_years, 3);
	assert_int_equal(r->ind_years[0], 2020);
	assert_int_equal(r->ind_col[IIC_COMMENT], 9);
	assert_int_equal(r->ind_col[IIC_COMMUNICATE], -1);
	assert_int_equal(r->n_indicators, 2);
	assert_int_equal(r->n_errors, 0);
	ii = find_ind(r, "1.1", "Places");
	assert_non_null(ii);
	assert_string_equal(ii->ind.unit, "places");
	assert_string_equal(ii->ind.baseline, "10");
	assert_string_equal(ii->ind.target, "20");
	assert_int_equal(ii->ind.n_values, 2);
	assert_string_equal(indicator_value_for(&ii->ind, 2021)->value, "12");
	assert_string_equal(indicator_value_for(&ii->ind, 2021)->comment,
	    "Ouverture\nsuite du texte");
	assert_string_equal(indicator_value_for(&ii->ind, 2022)->comment,
	    "Extension");
	ii = find_ind(r, "1.1", "Sans valeur");
	assert_non_null(ii);
	assert_int_equal(ii->ind.n_values, 0);
	/* the summary column of the plan is known, and said to be ignored */
	assert_int_equal(r->n_ignored, 1);
	assert_non_null(strstr(r->ignored[0], "feuille « Indicateurs »"));
	import_result_free(&r);
	import_book_free(&b);
}

/* What the command line and the interface use: the same result as
 * import_map, with each mapped row's texts freed from the book. */
static void test_import_map_release_same_result(void **state)
{
	const char *plan =
	    "N°;Intitulé de l'action;Descriptif;Avancement\n"
	    "Engagement 1 - Le bien-être;Engagement 1 - Le bien-être;"
	    "Engagement 1 - Le bien-être;\n"
	    "1.1;Crèche élargie;\"Deux lignes\nd'été\";En cours\n"
	    "1.2;Accueil des ados;;peut-être\n"
	    "1.1;Doublon;;Réalisée\n";
	const char *ind =
	    "N°;Action;Indicateur;Unité;Référence;Cible;2020;2021;"
	    "Commentaire\n"
	    "1.1;Crèche élargie;Places;places;10;20;11;12;"
	    "\"2021 : Ouverture\"\n"
	    "1.2;Accueil des ados;Jeunes;;;;;beaucoup d'entre eux;\n";
	struct import_book *b1 = book2("Plan d'action", plan, "Indicateurs", ind);
	struct import_book *b2 = book2("Plan d'action", plan, "Indicateurs", ind);
	struct import_result *r1 = NULL, *r2 = NULL;
	struct import_opts o;
	struct err e = {0};
	size_t i, k;

	(void)state;
	o = mandate_years;
	assert_int_equal(import_map(b1, &o, &r1, &e), 0);
	assert_int_equal(import_map_release(b2, &o, &r2, &e), 0);
	assert_int_equal(r2->n_rows, 2);	/* the faulty row is left out */
	assert_int_equal(r2->n_rows, r1->n_rows);
	for (i = 0; i < r1->n_rows; i++) {
		assert_int_equal(r2->rows[i].line, r1->rows[i].line);
		assert_string_equal(r2->rows[i].a.ref, r1->rows[i].a.ref);
		assert_string_equal(r2->rows[i].a.designation,
		    r1->rows[i].a.designation);
		assert_int_equal(r2->rows[i].a.engagement, 1);
		assert_int_equal(r2->rows[i].a.progress, r1->rows[i].a.progress);
	}
	assert_string_equal(r2->rows[0].a.description, "Deux lignes\nd'été");
	assert_int_equal(r2->n_indicators, 2);
	assert_string_equal(indicator_value_for(&r2->indicators[0].ind,
	    2021)->comment, "Ouverture");
	assert_string_equal(indicator_value_for(&r2->indicators[1].ind,
	    2021)->value, "beaucoup d'entre eux");
	/* the faulty cell and the duplicate N° are reported alike */
	assert_int_equal(r2->n_errors, 2);
	assert_int_equal(r2->n_issues, r1->n_issues);
	for (i = 0; i < r1->n_issues; i++)
		assert_string_equal(r2->issues[i].msg, r1->issues[i].msg);
	/* the rows below the headers were released, the headers kept */
	for (k = 0; k < 2; k++)
		for (i = 0; i < b2->sheets[k].n; i++)
			if (b2->sheets[k].cells[i].row == 1)
				assert_non_null(b2->sheets[k].cells[i].text);
			else
				assert_null(b2->sheets[k].cells[i].text);
	import_result_free(&r1);
	import_result_free(&r2);
	import_book_free(&b1);
	import_book_free(&b2);
}

static void test_import_map_indicators_faulty_cells(void **state)
{
	struct import_book *b = NULL;
	struct import_result *r = map_one_action_and("Indicateurs clés",
	    "Suivi;;;;\n"
	    "N°;Indicateur;2019;Valeur 2021;Objectif 2026;Commentaire\n"
	    ";Sans numéro;;1;;\n"
	    "1.1;;;2;;\n"
	    "1.1;Places;;3;;\n"
	    "1.1;PLACES;;4;;\n"
	    "a b;Autre;;5;;\n"
	    "1.1;Encore;;6;;2030 : trop tard\n", &b);

	(void)state;
	assert_int_equal(r->n_ind_years, 1);
	assert_int_equal(r->ind_years[0], 2021);
	assert_true(has_issue(r, "ligne 2, colonne C", "pas une année du "
	    "mandat 2020-2026"));
	assert_true(has_issue(r, "ligne 3, colonne A", "N° de l'action "
	    "manquant"));
	assert_true(has_issue(r, "ligne 4, colonne B", "libellé de "
	    "l'indicateur vide"));
	assert_true(has_issue(r, "ligne 8, colonne F", "2030 : hors du "
	    "mandat"));
	assert_true(has_issue(r, "ligne 7, colonne A", "N° d'action "
	    "illisible"));
	assert_int_equal(r->n_errors, 5);
	/* "Places" and "PLACES": one label twice (folded), numbered in row
	 * order so that each updates its own stored indicator */
	assert_int_equal(r->n_indicators, 2);
	assert_int_equal(r->indicators[0].line, 5);
	assert_int_equal(r->indicators[0].nth, 0);
	assert_int_equal(r->indicators[1].line, 6);
	assert_int_equal(r->indicators[1].nth, 1);
	/* "Objectif 2026" is a target, not a year: listed as ignored */
	assert_int_equal(r->n_ignored, 1);
	assert_non_null(strstr(r->ignored[0], "Objectif 2026"));
	import_result_free(&r);
	import_book_free(&b);
}

/* A N° of spaces is a missing N°, named at its cell (it crashed the
 * numbering of same-label indicators, found by fuzzing). */
static void test_import_map_indicators_blank_ref_is_missing(void **state)
{
	struct import_book *b = NULL;
	struct import_result *r = map_one_action_and("Indicateurs",
	    "N°;Action;Indicateur;2021\n"
	    "1.1;Une action;Places;12\n"
	    "  ;Une action;Places;14\n"
	    "1.1;Une action;Crèches; \n", &b);

	(void)state;
	assert_int_equal(r->n_errors, 1);
	assert_true(has_issue(r, "feuille « Indicateurs », ligne 3, colonne A",
	    "N° de l'action manquant"));
	assert_int_equal(r->n_indicators, 2);
	/* a year cell of one space holds no value */
	assert_int_equal(find_ind(r, "1.1", "Crèches")->ind.n_values, 0);
	import_result_free(&r);
	import_book_free(&b);
}

/* The Présentation sheet: a value or a review comment of spaces is empty
 * (it used to become the collectivité's field or the review's comment). */
static void test_import_map_presentation_blank_values(void **state)
{
	struct import_book *b = NULL;
	struct import_result *r = map_one_action_and("Présentation",
	    "Nom de la collectivité; \n"
	    "Type (Ville, Intercommunalité, Département);Ville\n"
	    ";\n"
	    "Année;Bilan annuel - Fait;Date;Commentaires de la collectivité\n"
	    "2020;Oui;; \n"
	    "2021;Non;;Bien avancé\n", &b);

	(void)state;
	assert_null(r->coll.f[C_NAME]);
	assert_string_equal(r->coll.f[C_KIND], "Ville");
	assert_int_equal(r->n_reviews, 2);
	assert_int_equal(r->reviews[0].year, 2020);
	assert_true(r->reviews[0].has_done && r->reviews[0].done);
	assert_true(r->reviews[0].has_comments);
	assert_null(r->reviews[0].comments);
	assert_string_equal(r->reviews[1].comments, "Bien avancé");
	import_result_free(&r);
	import_book_free(&b);
}

static void test_import_map_indicators_communicate_variants(void **state)
{
	static const char *const labels[] = { "À communiquer",
	    "A communiquer", "À communiquer ?", "Communiquer",
	    "  à  COMMUNIQUER  " };
	size_t k;

	(void)state;
	for (k = 0; k < sizeof labels / sizeof labels[0]; k++) {
		char sheet[400];
		struct import_book *b;
		struct import_opts o;
		struct import_result *r = NULL;
		struct err e = {0};

		snprintf(sheet, sizeof sheet,
		    "N°;Indicateur;2021;Commentaire;%s\n"
		    "1.1;Oui;1;;Oui\n"
		    "1.1;X;2;;x\n"
		    "1.1;Vrai;3;;vrai\n"
		    "1.1;Non;4;;Non\n"
		    "1.1;Zéro;5;;0\n"
		    "1.1;Faux;6;;FAUX\n"
		    "1.1;Vide;7;;\n"
		    "1.1;;;;Non\n", labels[k]);
		b = book2("Plan d'action", "N°;Intitulé de l'action\n"
		    "1.1;Une action\n", "Indicateurs", sheet);
		o = mandate_years;
		assert_int_equal(import_map(b, &o, &r, &e), 0);
		assert_int_equal(r->ind_col[IIC_COMMUNICATE], 4);
		assert_int_equal(r->n_ignored, 0);
		assert_int_equal(r->n_errors, 0);
		/* the flag alone (last row) makes no indicator */
		assert_int_equal(r->n_indicators, 7);
		assert_int_equal(find_ind(r, "1.1", "Oui")->ind.communicate, 1);
		assert_int_equal(find_ind(r, "1.1", "X")->ind.communicate, 1);
		assert_int_equal(find_ind(r, "1.1", "Vrai")->ind.communicate, 1);
		assert_int_equal(find_ind(r, "1.1", "Non")->ind.communicate, 0);
		assert_int_equal(find_ind(r, "1.1", "Zéro")->ind.communicate, 0);
		assert_int_equal(find_ind(r, "1.1", "Faux")->ind.communicate, 0);
		assert_int_equal(find_ind(r, "1.1", "Vide")->ind.communicate, 0);
		import_result_free(&r);
		import_book_free(&b);
	}
}

static void test_import_map_indicators_communicate_absent(void **state)
{
	struct import_book *b = NULL;
	struct import_result *r = map_one_action_and("Indicateurs",
	    "N°;Indicateur;2021;Commentaire\n1.1;Places;12;\n", &b);

	(void)state;
	assert_int_equal(r->ind_col[IIC_COMMUNICATE], -1);
	assert_int_equal(r->n_indicators, 1);
	assert_int_equal(r->indicators[0].ind.communicate, 0);
	import_result_free(&r);
	import_book_free(&b);
}

static void test_import_map_indicators_communicate_bad_value(void **state)
{
	struct import_book *b = NULL;
	struct import_result *r = map_one_action_and("Indicateurs",
	    "N°;Action;Indicateur;Commentaire;À communiquer\n"
	    "1.1;Une action;Places;;Oui\n"
	    "1.1;Une action;Crèches;;peut-être\n", &b);

	(void)state;
	assert_int_equal(r->n_errors, 1);
	assert_true(has_issue(r, "feuille « Indicateurs », ligne 3, colonne E",
	    "« peut-être » n'est pas une valeur oui/non"));
	/* the faulty row is not kept, the good one is */
	assert_int_equal(r->n_indicators, 1);
	assert_non_null(find_ind(r, "1.1", "Places"));
	import_result_free(&r);
	import_book_free(&b);
}

static void test_import_map_indicators_sheet_never_taken_for_plan(void **state)
{
	/* the indicators sheet first, with more known labels than the plan */
	struct import_book *b = book2("Indicateurs",
	    "N°;Action;Indicateur;Commentaire\n1.1;Une action;Places;\n",
	    "Feuil1", "N°;Intitulé\n1.1;Une action\n");
	struct import_opts o;
	struct import_result *r = NULL;
	struct err e = {0};

	(void)state;
	memset(&o, 0, sizeof o);
	assert_int_equal(import_map(b, &o, &r, &e), 0);
	assert_string_equal(r->sheet, "Feuil1");
	assert_int_equal(r->n_rows, 1);
	assert_int_equal(r->n_indicators, 1);
	import_result_free(&r);
	/* a book of indicators only has no table of actions */
	free(b->sheets[1].name);
	b->sheets[1].name = strdup("Indicateurs 2");
	assert_int_equal(import_map(b, &o, &r, &e), ERR_FORMAT);
	assert_null(r);
	assert_non_null(strstr(e.msg, "ligne d'en-tête introuvable"));
	import_book_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_read_csv_empty),
		cmocka_unit_test(test_import_read_csv_semicolon_quotes_newlines),
		cmocka_unit_test(test_import_read_csv_comma_and_tab),
		cmocka_unit_test(test_import_read_csv_bom_and_cp1252),
		cmocka_unit_test(test_import_read_csv_unterminated_quote),
		cmocka_unit_test(test_import_read_csv_binary_refused),
		cmocka_unit_test(test_import_read_csv_formula_apostrophe),
		cmocka_unit_test(test_import_read_csv_long_cell_flagged),
		cmocka_unit_test(test_import_match_header_variants),
		cmocka_unit_test(test_import_match_header_export_columns),
		cmocka_unit_test(test_import_parse_engagement_forms),
		cmocka_unit_test(test_import_parse_engagement_unknown),
		cmocka_unit_test(test_import_parse_bool_variants),
		cmocka_unit_test(test_import_parse_cancelled_forms),
		cmocka_unit_test(test_import_parse_recommendation_forms),
		cmocka_unit_test(test_progress_parse_variants),
		cmocka_unit_test(test_import_col_letters),
		cmocka_unit_test(test_color_is_blue),
		cmocka_unit_test(test_import_map_titles_sections_duplicates),
		cmocka_unit_test(test_import_map_no_designation),
		cmocka_unit_test(test_import_map_indicators_export_layout),
		cmocka_unit_test(test_import_map_release_same_result),
		cmocka_unit_test(test_import_map_indicators_faulty_cells),
		cmocka_unit_test(test_import_map_indicators_blank_ref_is_missing),
		cmocka_unit_test(test_import_map_presentation_blank_values),
		cmocka_unit_test(test_import_map_indicators_communicate_variants),
		cmocka_unit_test(test_import_map_indicators_communicate_absent),
		cmocka_unit_test(
		    test_import_map_indicators_communicate_bad_value),
		cmocka_unit_test(
		    test_import_map_indicators_sheet_never_taken_for_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
