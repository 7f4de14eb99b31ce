/*
 * test_cli_args.c - the command line's option parser (cli_args_parse):
 * long options with and without '=', short options, flags, repeated
 * values, "--" and positional arguments, accents folded, and errors that
 * name the option; the "vouliez-vous dire" suggestion (str_nearest), the
 * number parser (int_parse) and the French field names (field_find).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli_args.h"
#include "model.h"
#include "util.h"

static const char spec[] = "annee= o|sortie= format= pilote= rfc4180 oui";

static int parse(struct cli_args *a, struct err *e, int max_pos, ...)
{
	static char *argv[32];
	va_list ap;
	int n = 0;
	char *s;

	va_start(ap, max_pos);
	while ((s = va_arg(ap, char *)) && n < 31)
		argv[n++] = s;
	va_end(ap);
	argv[n] = NULL;
	return cli_args_parse("exporter", spec, max_pos, n, argv, a, e);
}

static void test_long_short_equals(void **state)
{
	struct cli_args a;
	struct err e = {0};

	(void)state;
	assert_int_equal(parse(&a, &e, 0, "--annee", "2025", "--format=csv",
	    "-o", "x.csv", "--rfc4180", (char *)NULL), 0);
	assert_string_equal(cli_arg(&a, "annee"), "2025");
	assert_string_equal(cli_arg(&a, "format"), "csv");
	assert_string_equal(cli_arg(&a, "o"), "x.csv");
	assert_string_equal(cli_arg(&a, "sortie"), "x.csv");
	assert_int_equal(cli_flag(&a, "rfc4180"), 1);
	assert_int_equal(cli_flag(&a, "oui"), 0);
	assert_null(cli_arg(&a, "pilote"));
	cli_args_free(&a);

	/* -oFICHIER, -o=FICHIER, --sortie=F, the accented --année */
	assert_int_equal(parse(&a, &e, 0, "-ox.xlsx", (char *)NULL), 0);
	assert_string_equal(cli_arg(&a, "o"), "x.xlsx");
	cli_args_free(&a);
	assert_int_equal(parse(&a, &e, 0, "-o=y.xlsx", "--année=2024",
	    (char *)NULL), 0);
	assert_string_equal(cli_arg(&a, "o"), "y.xlsx");
	assert_string_equal(cli_arg(&a, "annee"), "2024");
	cli_args_free(&a);
	/* an empty value is a value */
	assert_int_equal(parse(&a, &e, 0, "--pilote=", (char *)NULL), 0);
	assert_string_equal(cli_arg(&a, "pilote"), "");
	cli_args_free(&a);
}

static void test_repeated_positional_dashdash(void **state)
{
	struct cli_args a;
	struct err e = {0};

	(void)state;
	assert_int_equal(parse(&a, &e, -1, "1.2", "--pilote", "Jeunesse",
	    "avancement=En cours", "--pilote=Sports", "--", "--oui", "-",
	    (char *)NULL), 0);
	/* the last value wins for cli_arg, every one is kept in order */
	assert_string_equal(cli_arg(&a, "pilote"), "Sports");
	assert_string_equal(cli_arg_nth(&a, "pilote", 0), "Jeunesse");
	assert_string_equal(cli_arg_nth(&a, "pilote", 1), "Sports");
	assert_null(cli_arg_nth(&a, "pilote", 2));
	assert_int_equal(a.npos, 4);
	assert_string_equal(a.pos[0], "1.2");
	assert_string_equal(a.pos[1], "avancement=En cours");
	assert_string_equal(a.pos[2], "--oui");	/* after "--" */
	assert_string_equal(a.pos[3], "-");
	assert_int_equal(cli_flag(&a, "oui"), 0);
	cli_args_free(&a);
}

static void test_last_of(void **state)
{
	static char *argv[] = { "--fait", "--non-fait", "--fait" };
	struct cli_args a;
	struct err e = {0};

	(void)state;
	assert_int_equal(cli_args_parse("bilan", "fait non-fait", 1, 3, argv,
	    &a, &e), 0);
	assert_int_equal(cli_last_of(&a, "fait", "non-fait"), 1);
	cli_args_free(&a);
	assert_int_equal(cli_args_parse("bilan", "fait non-fait", 1, 2, argv,
	    &a, &e), 0);
	assert_int_equal(cli_last_of(&a, "fait", "non-fait"), 0);
	cli_args_free(&a);
	assert_int_equal(cli_args_parse("bilan", "fait non-fait", 1, 0, argv,
	    &a, &e), 0);
	assert_int_equal(cli_last_of(&a, "fait", "non-fait"), -1);
	cli_args_free(&a);
}

static void test_errors_name_the_option(void **state)
{
	struct cli_args a;
	struct err e = {0};

	(void)state;
	assert_int_not_equal(parse(&a, &e, 0, "--annee", (char *)NULL), 0);
	assert_int_equal(e.code, ERR_USAGE);
	assert_string_equal(e.msg, "option --annee : valeur manquante");
	assert_null(a.pos);
	/* an option right after is not taken as the value */
	assert_int_not_equal(parse(&a, &e, 0, "--annee", "--format", "csv",
	    (char *)NULL), 0);
	assert_string_equal(e.msg, "option --annee : valeur manquante");
	assert_int_not_equal(parse(&a, &e, 0, "-o", (char *)NULL), 0);
	assert_string_equal(e.msg, "option -o : valeur manquante");
	assert_int_not_equal(parse(&a, &e, 0, "--anee=2025", (char *)NULL), 0);
	assert_string_equal(e.msg, "option inconnue : --anee — vouliez-vous "
	    "dire --annee ?");
	assert_int_not_equal(parse(&a, &e, 0, "--frobnicate", (char *)NULL),
	    0);
	assert_string_equal(e.msg, "option inconnue : --frobnicate");
	assert_int_not_equal(parse(&a, &e, 0, "-x", (char *)NULL), 0);
	assert_string_equal(e.msg, "option inconnue : -x");
	assert_int_not_equal(parse(&a, &e, 0, "--oui=1", (char *)NULL), 0);
	assert_string_equal(e.msg, "option --oui : n'attend pas de valeur");
	assert_int_not_equal(parse(&a, &e, 1, "2025", "2026", (char *)NULL),
	    0);
	assert_string_equal(e.msg, "argument inattendu « 2026 »");
}

static void test_nearest(void **state)
{
	static const char *const cmds[] = { "liste", "voir", "exporter",
	    "export", "importer", "annuler", "verifier", "bilan" };
	static const char *const fields[] = { "avancement", "progress",
	    "elus", "elected", "commentaires", "comments" };
	size_t nc = sizeof cmds / sizeof cmds[0];
	size_t nf = sizeof fields / sizeof fields[0];

	(void)state;
	assert_int_equal(str_distance("", ""), 0);
	assert_int_equal(str_distance("abc", ""), 3);
	assert_int_equal(str_distance("kitten", "sitting"), 3);
	assert_int_equal(str_distance("avancemnt", "avancement"), 1);
	assert_int_equal(str_distance("nmo", "nom"), 1);
	assert_int_equal(str_distance("expotrer", "exporter"), 1);
	assert_int_equal(str_distance("ca", "abc"), 3);
	assert_string_equal(str_nearest("expoter", cmds, nc), "exporter");
	assert_string_equal(str_nearest("Verifer", cmds, nc), "verifier");
	assert_string_equal(str_nearest("vérifie", cmds, nc), "verifier");
	assert_string_equal(str_nearest("bilna", cmds, nc), "bilan");
	assert_string_equal(str_nearest("avancemnt", fields, nf), "avancement");
	assert_string_equal(str_nearest("commentaire", fields, nf),
	    "commentaires");
	/* exact is not a suggestion, far is none */
	assert_null(str_nearest("liste", cmds, nc));
	assert_null(str_nearest("frobnicate", cmds, nc));
	assert_null(str_nearest("couleur", fields, nf));
	assert_null(str_nearest("zz", cmds, nc));
	assert_null(str_nearest("x", NULL, 0));
}

static void test_int_parse(void **state)
{
	long v = -7;

	(void)state;
	assert_int_equal(int_parse("2025", 2020, 2026, &v), 0);
	assert_int_equal(v, 2025);
	assert_int_equal(int_parse("0", 0, 10, &v), 0);
	assert_int_equal(v, 0);
	assert_int_not_equal(int_parse("2019", 2020, 2026, &v), 0);
	assert_int_not_equal(int_parse("", 0, 10, &v), 0);
	assert_int_not_equal(int_parse("3x", 0, 10, &v), 0);
	assert_int_not_equal(int_parse(" 3", 0, 10, &v), 0);
	assert_int_not_equal(int_parse("+3", 0, 10, &v), 0);
	assert_int_not_equal(int_parse("99999999999999999999", 0, 10, &v), 0);
	assert_int_not_equal(int_parse(NULL, 0, 10, &v), 0);
	assert_int_equal(v, 0);	/* untouched by the failures */
}

static void test_field_french_names(void **state)
{
	static const struct { const char *name; enum field_id id; } t[] = {
		{ "avancement", F_PROGRESS }, { "progress", F_PROGRESS },
		{ "Avancement", F_PROGRESS }, { "descriptif", F_DESCRIPTION },
		{ "commentaires", F_COMMENTS }, { "perspectives",
		F_PERSPECTIVES }, { "pilotes", F_PILOTS }, { "elus",
		F_ELECTED }, { "élus", F_ELECTED }, { "partenaires",
		F_PARTNERS }, { "public", F_AUDIENCE }, { "calendrier",
		F_SCHEDULE }, { "annulee", F_CANCELLED }, { "annulée",
		F_CANCELLED }, { "supplementaire", F_ADDED },
		{ "bonne_pratique", F_GOOD_PRACTICE }, { "intitule",
		F_DESIGNATION }, { "intitulé", F_DESIGNATION },
		{ "engagement", F_ENGAGEMENT }, { "recommandation",
		F_RECOMMENDATION }, { "prioritaire", F_PRIORITY },
		{ "motif_ajout", F_ADDED_REASON }, { "motif_annulation",
		F_CANCELLED_REASON }, { "annee_annulation",
		F_CANCELLED_YEAR }, { "cancelled_year", F_CANCELLED_YEAR },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const struct field_def *d = field_find(t[i].name);

		assert_non_null(d);
		assert_int_equal(d->id, t[i].id);
	}
	/* the TSV header keeps the English names */
	assert_string_equal(action_fields[F_PROGRESS].name, "progress");
	assert_string_equal(field_nearest("avancemnt"), "avancement");
	assert_string_equal(field_nearest("progres"), "progress");
	assert_null(field_nearest("couleur"));
	assert_null(field_find("avancemnt"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_long_short_equals),
		cmocka_unit_test(test_repeated_positional_dashdash),
		cmocka_unit_test(test_last_of),
		cmocka_unit_test(test_errors_name_the_option),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_int_parse),
		cmocka_unit_test(test_field_french_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
