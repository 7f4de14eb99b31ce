/*
 * test_model.c - the rules of the model: fields, parsing of values,
 * refs, the record and referential formats, verification and comparison.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"

static void test_text_fold_accents_case_apostrophes(void **state)
{
	char *f;

	(void)state;
	f = text_fold("  École  d\xe2\x80\x99\xc3\x89T\xc3\x89 \xc5\x92uvre ");
	assert_string_equal(f, "ecole d'ete oeuvre");
	free(f);
	f = text_fold(NULL);
	assert_string_equal(f, "");
	free(f);
}

static void test_utf8_valid_rejects_overlong_and_truncated(void **state)
{
	(void)state;
	assert_true(utf8_valid("Réalisée", strlen("Réalisée")));
	assert_false(utf8_valid("\xc0\xaf", 2));	/* overlong '/' */
	assert_false(utf8_valid("abc\xc3", 4));		/* truncated */
	assert_false(utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_int_equal(utf8_invalid_at("ab\xff", 3), 2);
}

/* array_grow keeps no capacity: every element written stays, at every
 * size (ASan would catch a write past the end). */
static void test_array_grow_keeps_elements(void **state)
{
	int *v = NULL;
	size_t n;

	(void)state;
	for (n = 0; n < 1000; n++) {
		assert_int_equal(array_grow(&v, n, sizeof *v), 0);
		v[n] = (int)n * 3;
	}
	for (n = 0; n < 1000; n++)
		assert_int_equal(v[n], (int)n * 3);
	free(v);
}

/* The journal stores column names and 0/1 flags; people read French. */
static void test_journal_words_are_french(void **state)
{
	(void)state;
	assert_string_equal(journal_field_label("action", "progress"),
	    "Avancement");
	assert_string_equal(journal_field_label("collectivite", "nom"),
	    "Nom de la collectivité");
	assert_string_equal(journal_field_label("indicateur", "cible"),
	    "Cible");
	assert_string_equal(journal_field_label("indicateur", "valeur 2024"),
	    "valeur 2024");
	assert_string_equal(journal_value_label("action", "priority", "1"),
	    "Oui");
	assert_string_equal(journal_value_label("bilan", "fait", "0"), "Non");
	assert_string_equal(journal_value_label("action", "engagement", "1"),
	    "1");
	assert_null(journal_value_label("action", "priority", NULL));
	assert_string_equal(journal_entity_label("collectivite"),
	    "collectivité");
}

/* The word-at-a-time paths: a bad byte or an accent at every offset of a
 * long ASCII run is found at that offset, and characters are counted. */
static void test_utf8_long_runs(void **state)
{
	char buf[64];
	size_t at;

	(void)state;
	for (at = 0; at < 39; at++) {
		memset(buf, 'a', sizeof buf);
		buf[40] = '\0';
		buf[at] = (char)0xff;
		assert_int_equal(utf8_invalid_at(buf, 40), at);
		buf[at] = (char)0xc3;		/* é cut at the end */
		assert_int_equal(utf8_invalid_at(buf, at + 1), at);
		buf[at + 1] = (char)0xa9;	/* é whole */
		assert_int_equal(utf8_invalid_at(buf, 40), 40);
		assert_int_equal(utf8_len(buf), 39);
	}
	assert_int_equal(utf8_len("Les élèves de l'école — « ça va » 😀"),
	    35);
}

static void test_progress_parse_variants(void **state)
{
	enum progress p;

	(void)state;
	assert_int_equal(progress_parse("REALISEE", &p), 0);
	assert_int_equal(p, PROGRESS_DONE);
	assert_int_equal(progress_parse("terminée", &p), 0);
	assert_int_equal(p, PROGRESS_DONE);
	assert_int_equal(progress_parse("En cours de réalisation", &p), 0);
	assert_int_equal(p, PROGRESS_IN_PROGRESS);
	assert_int_equal(progress_parse("à venir", &p), 0);
	assert_int_equal(p, PROGRESS_NOT_STARTED);
	assert_int_equal(progress_parse("", &p), 0);
	assert_int_equal(p, PROGRESS_UNSET);
	assert_int_equal(progress_parse("peut-être", &p), ERR_INVALID);
}

static void test_result_of_progress(void **state)
{
	(void)state;
	assert_string_equal(result_label(result_of(PROGRESS_DONE)), "Atteint");
	assert_string_equal(result_label(result_of(PROGRESS_IN_PROGRESS)),
	    "En passe d'être atteint");
	assert_string_equal(result_label(result_of(PROGRESS_UNSET)),
	    "Non atteint");
}

static void test_bool_parse_variants(void **state)
{
	const char *yes[] = { "Oui", "X", "x", "\xe2\x9c\x93", "1", "vrai",
	    "yes" };
	const char *no[] = { "Non", "", "0", "faux", "no" };
	size_t i;
	int b;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof *yes; i++) {
		assert_int_equal(bool_parse(yes[i], &b), 0);
		assert_int_equal(b, 1);
	}
	for (i = 0; i < sizeof no / sizeof *no; i++) {
		assert_int_equal(bool_parse(no[i], &b), 0);
		assert_int_equal(b, 0);
	}
	assert_int_equal(bool_parse("bof", &b), ERR_INVALID);
}

static void test_ref_compare_natural(void **state)
{
	char *a, *b;

	(void)state;
	assert_true(ref_compare("2.9", "2.10") < 0);
	assert_true(ref_compare("10.1", "2.1") > 0);
	assert_int_equal(ref_compare("3.1", "3.1"), 0);
	a = ref_sort_key("2.9");
	b = ref_sort_key("2.10");
	assert_true(strcmp(a, b) < 0);
	free(a);
	free(b);
	assert_int_equal(ref_validate("", NULL), ERR_INVALID);
	assert_int_equal(ref_validate("2 4", NULL), ERR_INVALID);
	assert_int_equal(ref_validate("2.4-b", NULL), 0);
}

static void test_action_field_set_validates(void **state)
{
	struct action a;
	struct strbuf sb = {0};
	struct err e = {0};

	(void)state;
	memset(&a, 0, sizeof a);
	assert_int_equal(action_field_set(&a, F_PROGRESS, "en cours", 2020,
	    2026, &e), 0);
	assert_int_equal(a.progress, PROGRESS_IN_PROGRESS);
	assert_int_equal(action_field_set(&a, F_PROGRESS, "fini ?", 2020,
	    2026, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "Avancement : "));
	assert_int_equal(action_field_set(&a, F_SCHEDULE, "2021-2024", 2020,
	    2026, &e), 0);
	action_field_get(&a, F_SCHEDULE, 1, &sb);
	assert_string_equal(sb_str(&sb), "2021-2024");
	assert_int_equal(action_field_set(&a, F_SCHEDULE, "2019-2021", 2020,
	    2026, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "hors du mandat"));
	assert_int_equal(action_field_set(&a, F_SCHEDULE, "2024-2022", 0, 0,
	    &e), ERR_INVALID);
	assert_int_equal(action_field_set(&a, F_DESIGNATION, "a\xff", 0, 0,
	    &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(action_field_set(&a, F_DESIGNATION, "deux\nlignes", 0,
	    0, &e), ERR_INVALID);
	assert_int_equal(action_field_set(&a, F_DESCRIPTION,
	    "Paragraphe 1\n\nParagraphe 2 « é »", 0, 0, &e), 0);
	assert_int_equal(action_field_set(&a, F_RESULT, "Atteint", 0, 0, &e),
	    ERR_INVALID);
	assert_int_equal(action_field_set(&a, F_ENGAGEMENT, "E3", 0, 0, &e),
	    0);
	assert_int_equal(a.engagement, 3);
	sb_free(&sb);
	action_clear(&a);
}

static void test_action_field_set_rejects_oversized_text(void **state)
{
	struct action a;
	struct err e = {0};
	char *big = malloc(MODEL_MAX_TEXT + 2);

	(void)state;
	memset(&a, 0, sizeof a);
	memset(big, 'a', MODEL_MAX_TEXT + 1);
	big[MODEL_MAX_TEXT + 1] = '\0';
	assert_int_equal(action_field_set(&a, F_DESCRIPTION, big, 0, 0, &e),
	    ERR_INVALID);
	assert_non_null(strstr(e.msg, "trop long"));
	big[MODEL_MAX_TEXT] = '\0';
	assert_int_equal(action_field_set(&a, F_DESCRIPTION, big, 0, 0, &e),
	    0);
	free(big);
	action_clear(&a);
}

static void test_action_check_update_locks_priority_designation(void **state)
{
	struct action a, b;
	struct err e = {0};

	(void)state;
	memset(&a, 0, sizeof a);
	a.ref = strdup("1.1");
	a.engagement = 1;
	a.priority = 1;
	a.designation = strdup("Intitulé UNICEF");
	assert_int_equal(action_copy(&b, &a), 0);
	assert_int_equal(action_check_update(&a, &b, &e), 0);
	free(b.designation);
	b.designation = strdup("Autre intitulé");
	assert_int_equal(action_check_update(&a, &b, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "prioritaire"));
	action_clear(&a);
	action_clear(&b);
}

static void test_action_fields_unchanged_merges_other_fields(void **state)
{
	struct action base, cur;
	enum field_id persp = F_PERSPECTIVES, desc = F_DESCRIPTION;
	enum field_id both[2] = { F_PERSPECTIVES, F_DESCRIPTION };
	enum field_id changed = F_REF;

	(void)state;
	memset(&base, 0, sizeof base);
	base.ref = strdup("2.4");
	base.engagement = 2;
	base.designation = strdup("Parité");
	base.description = strdup("Descriptif lu");
	base.perspectives = strdup("Perspectives lues");
	assert_int_equal(action_copy(&cur, &base), 0);
	/* Nothing differs. */
	assert_int_equal(action_fields_unchanged(&base, &cur, NULL, 0, NULL), 1);
	/* Someone saved the description meanwhile. */
	free(cur.description);
	cur.description = strdup("Descriptif de B");
	cur.version = base.version + 1;
	assert_int_equal(action_fields_unchanged(&base, &cur, NULL, 0,
	    &changed), 0);
	assert_int_equal(changed, F_DESCRIPTION);
	/* An edit of the perspectives merges; one of the description does
	 * not, and names it. */
	assert_int_equal(action_fields_unchanged(&base, &cur, &persp, 1, NULL),
	    1);
	changed = F_REF;
	assert_int_equal(action_fields_unchanged(&base, &cur, &desc, 1,
	    &changed), 0);
	assert_int_equal(changed, F_DESCRIPTION);
	changed = F_REF;
	assert_int_equal(action_fields_unchanged(&base, &cur, both, 2,
	    &changed), 0);
	assert_int_equal(changed, F_DESCRIPTION);
	/* The version and the derived fields are not the user's. */
	free(cur.updated_by);
	cur.updated_by = strdup("b.durand");
	assert_int_equal(action_fields_unchanged(&base, &cur, &persp, 1, NULL),
	    1);
	action_clear(&base);
	action_clear(&cur);
}

static void test_action_ref_fits_engagement(void **state)
{
	(void)state;
	assert_int_equal(action_ref_fits(NULL, 1), 0);
	assert_int_equal(action_ref_fits("", 1), 0);
	assert_int_equal(action_ref_fits("1.1", 1), 1);
	assert_int_equal(action_ref_fits("1.20", 1), 1);
	assert_int_equal(action_ref_fits("12.3", 12), 1);
	assert_int_equal(action_ref_fits("3.9", 1), 0);
	assert_int_equal(action_ref_fits("11.1", 1), 0);
	assert_int_equal(action_ref_fits("1.0", 1), 0);
	assert_int_equal(action_ref_fits("1.02", 1), 0);
	assert_int_equal(action_ref_fits("1.", 1), 0);
	assert_int_equal(action_ref_fits("1.1a", 1), 0);
	assert_int_equal(action_ref_fits("1.1", 0), 0);
}

static void test_action_check_update_keeps_ref_in_engagement(void **state)
{
	struct action a, b;
	struct err e = {0};

	(void)state;
	memset(&a, 0, sizeof a);
	a.ref = strdup("1.1");
	a.engagement = 1;
	a.designation = strdup("Lieu d'accueil");
	assert_int_equal(action_copy(&b, &a), 0);
	free(b.ref);
	b.ref = strdup("3.9");
	assert_int_equal(action_check_update(&a, &b, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "N° « 3.9 » refusé pour l'action 1.1"));
	assert_non_null(strstr(e.msg, "engagement 1"));
	free(b.ref);
	b.ref = strdup("1.9");
	assert_int_equal(action_check_update(&a, &b, &e), 0);
	/* An unchanged N° of another form (a city's own) stays accepted. */
	free(a.ref);
	a.ref = strdup("A-12");
	free(b.ref);
	b.ref = strdup("A-12");
	assert_int_equal(action_check_update(&a, &b, &e), 0);
	action_clear(&a);
	action_clear(&b);
}

static void test_records_parse_continuations_and_errors(void **state)
{
	const char *t = "# commentaire\nclé_invalide\n";
	const char *ok = "action: 1.1\ndescription: ligne 1\n  suite\n  .\n"
	    "  paragraphe 2\n\naction: 1.2\nvide:\n";
	struct record *r = NULL;
	size_t n = 0;
	struct err e = {0};

	(void)state;
	assert_int_equal(records_parse(t, strlen(t), "f.txt", &r, &n, &e),
	    ERR_FORMAT);
	assert_non_null(strstr(e.msg, "f.txt, ligne 2"));
	assert_int_equal(records_parse(ok, strlen(ok), "f", &r, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(record_get(&r[0], "description"),
	    "ligne 1\nsuite\n\nparagraphe 2");
	assert_string_equal(record_get(&r[1], "vide"), "");
	assert_null(record_get(&r[1], "absent"));
	records_free(r, n);
}

static void test_referential_parse_shipped_file(void **state)
{
	struct referential *r = NULL;
	struct err e = {0};
	char *text = NULL;
	size_t len = 0;
	const char *dir = getenv("SUIVI_DATA");
	char path[512];

	(void)state;
	snprintf(path, sizeof path, "%s/referentiels/vae-2020-2026.txt",
	    dir ? dir : "data");
	assert_int_equal(file_read_all(path, 1 << 20, &text, &len, &e), 0);
	assert_int_equal(referential_parse(text, len, path, &r, &e), 0);
	assert_int_equal(r->n_engagements, 5);
	assert_string_equal(referential_engagement(r, 3)->title,
	    "Un parcours éducatif de qualité");
	assert_int_equal(r->n_recommendations, 13);
	assert_string_equal(referential_recommendation(r, "E1-R1")->text,
	    "Choisir d'investir dans la petite enfance et l'accompagnement "
	    "des parents");
	assert_true(str_empty(referential_recommendation(r, "E3-R1")->text));
	/* the codes of engagements 3 to 5 are marked provisional */
	assert_int_equal(referential_recommendation(r, "E1-R1")->provisional, 0);
	assert_int_equal(referential_recommendation(r, "E3-R1")->provisional, 1);
	referential_free(&r);
	free(text);
}

static void test_referential_parse_provisional(void **state)
{
	const char *t = "referentiel: x\n\nengagement: 1\ntitre: A\n"
	    "provisoire: oui\n\nengagement: 2\ntitre: B\n\n"
	    "recommandation: E1-R1\nengagement: 1\ntexte: t\n"
	    "provisoire: Oui\n\nrecommandation: E2-R1\nengagement: 2\n"
	    "texte: u\nprovisoire: non\n";
	const char *bad = "referentiel: x\n\nengagement: 1\ntitre: A\n"
	    "provisoire: peut-être\n";
	struct referential *r = NULL;
	struct err e = {0};

	(void)state;
	assert_int_equal(referential_parse(t, strlen(t), "r", &r, &e), 0);
	assert_int_equal(referential_engagement(r, 1)->provisional, 1);
	assert_int_equal(referential_engagement(r, 2)->provisional, 0);
	assert_int_equal(referential_recommendation(r, "E1-R1")->provisional, 1);
	assert_int_equal(referential_recommendation(r, "E2-R1")->provisional, 0);
	referential_free(&r);
	assert_int_equal(referential_parse(bad, strlen(bad), "ref.txt", &r, &e),
	    ERR_FORMAT);
	assert_non_null(strstr(e.msg, "ref.txt, ligne 3"));
	assert_non_null(strstr(e.msg, "« provisoire » vaut « peut-être »"));
	assert_null(r);
}

static void test_action_result_text_cancelled(void **state)
{
	struct action a;

	(void)state;
	memset(&a, 0, sizeof a);
	a.progress = PROGRESS_UNSET;
	assert_string_equal(action_result_text(&a), "");
	a.progress = PROGRESS_DONE;
	assert_string_equal(action_result_text(&a), "Atteint");
	a.cancelled = 1;
	assert_string_equal(action_result_text(&a), "Annulée");
	a.progress = PROGRESS_NOT_STARTED;
	assert_string_equal(action_result_text(&a), "Annulée");
}

static void test_referential_parse_rejects_unknown_engagement(void **state)
{
	const char *t = "referentiel: x\n\nengagement: 1\ntitre: A\n\n"
	    "recommandation: E9-R1\nengagement: 9\ntexte: t\n";
	struct referential *r = NULL;
	struct err e = {0};

	(void)state;
	assert_int_equal(referential_parse(t, strlen(t), "r", &r, &e),
	    ERR_FORMAT);
	assert_non_null(strstr(e.msg, "E9-R1"));
	assert_null(r);
}

static struct action mk(const char *ref, int eng, enum progress p)
{
	struct action a;

	memset(&a, 0, sizeof a);
	a.ref = strdup(ref);
	a.engagement = eng;
	a.designation = strdup(ref);
	a.progress = p;
	return a;
}

static void test_plan_verify_lists_what_evaluators_miss(void **state)
{
	struct plan *p = plan_new();
	struct action a = mk("1.1", 1, PROGRESS_UNSET);
	struct action b = mk("1.2", 1, PROGRESS_DONE);
	struct check_item *items = NULL;
	size_t n = 0, i;
	int kinds[8] = {0};

	(void)state;
	b.cancelled = 1;
	b.texts_updated_at = strdup("2025-03-01 10:00:00");
	a.texts_updated_at = strdup("2026-03-01 10:00:00");
	a.n_indicators = 1;
	a.indicators = calloc(1, sizeof *a.indicators);
	a.indicators[0].label = strdup("Places");
	indicator_set_value(&a.indicators[0], 2025, "12", NULL);
	plan_take_action(p, &a);
	plan_take_action(p, &b);
	p->ref = calloc(1, sizeof *p->ref);
	p->ref->n_engagements = 2;
	p->ref->engagements = calloc(2, sizeof *p->ref->engagements);
	p->ref->engagements[0].number = 1;
	p->ref->engagements[1].number = 2;
	assert_int_equal(plan_verify(p, 2026, &items, &n, NULL), 0);
	for (i = 0; i < n; i++)
		kinds[items[i].kind]++;
	assert_int_equal(kinds[CHECK_ENGAGEMENT_EMPTY], 1);
	assert_int_equal(kinds[CHECK_NO_PROGRESS], 1);
	assert_int_equal(kinds[CHECK_CANCELLED_NO_REASON], 1);
	assert_int_equal(kinds[CHECK_INDICATOR_NO_VALUE], 1);
	assert_int_equal(kinds[CHECK_NOT_UPDATED], 0);	/* updated in 2026 */
	check_items_free(items, n);
	plan_free(&p);
}

static void test_plan_compare_finds_changes(void **state)
{
	struct plan *from = plan_new(), *to = plan_new();
	struct action a = mk("1.1", 1, PROGRESS_NOT_STARTED);
	struct action b = mk("1.1", 1, PROGRESS_DONE);
	struct action c = mk("1.2", 1, PROGRESS_NOT_STARTED);
	struct change *ch = NULL;
	size_t n = 0, i;
	int added = 0, progress = 0;

	(void)state;
	c.added = 1;
	c.added_reason = strdup("Demande du conseil des jeunes");
	plan_take_action(from, &a);
	plan_take_action(to, &b);
	plan_take_action(to, &c);
	assert_int_equal(plan_compare(from, to, &ch, &n, NULL), 0);
	for (i = 0; i < n; i++) {
		if (ch[i].kind == CHANGE_ADDED) {
			added++;
			assert_string_equal(ch[i].reason,
			    "Demande du conseil des jeunes");
		}
		if (ch[i].kind == CHANGE_PROGRESS) {
			progress++;
			assert_string_equal(ch[i].before, "Non commencée");
			assert_string_equal(ch[i].after, "Réalisée");
		}
	}
	assert_int_equal(added, 1);
	assert_int_equal(progress, 1);
	changes_free(ch, n);
	plan_free(&from);
	plan_free(&to);
}

/* The N° of a new action: test_store_refs.c (the store's rule). */
static void test_plan_sort_natural_refs(void **state)
{
	struct plan *p = plan_new();
	struct action a = mk("2.10", 2, PROGRESS_UNSET);
	struct action b = mk("2.9", 2, PROGRESS_UNSET);
	struct action c = mk("1.1", 1, PROGRESS_UNSET);

	(void)state;
	plan_take_action(p, &a);
	plan_take_action(p, &b);
	plan_take_action(p, &c);
	plan_sort(p);
	assert_string_equal(p->actions[0].ref, "1.1");
	assert_string_equal(p->actions[1].ref, "2.9");
	assert_string_equal(p->actions[2].ref, "2.10");
	plan_free(&p);
}

static void test_plan_take_action_grows_past_capacity(void **state)
{
	struct plan *p = plan_new();
	char ref[16];
	int i;

	(void)state;
	for (i = 0; i < 100; i++) {
		struct action a;

		snprintf(ref, sizeof ref, "1.%d", i + 1);
		a = mk(ref, 1, PROGRESS_DONE);
		assert_int_equal(plan_take_action(p, &a), 0);
	}
	assert_int_equal(p->n_actions, 100);
	assert_string_equal(p->actions[99].ref, "1.100");
	plan_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_fold_accents_case_apostrophes),
		cmocka_unit_test(test_utf8_valid_rejects_overlong_and_truncated),
		cmocka_unit_test(test_utf8_long_runs),
		cmocka_unit_test(test_journal_words_are_french),
		cmocka_unit_test(test_array_grow_keeps_elements),
		cmocka_unit_test(test_progress_parse_variants),
		cmocka_unit_test(test_result_of_progress),
		cmocka_unit_test(test_bool_parse_variants),
		cmocka_unit_test(test_ref_compare_natural),
		cmocka_unit_test(test_action_field_set_validates),
		cmocka_unit_test(test_action_field_set_rejects_oversized_text),
		cmocka_unit_test(test_action_check_update_locks_priority_designation),
		cmocka_unit_test(test_action_fields_unchanged_merges_other_fields),
		cmocka_unit_test(test_action_ref_fits_engagement),
		cmocka_unit_test(test_action_check_update_keeps_ref_in_engagement),
		cmocka_unit_test(test_records_parse_continuations_and_errors),
		cmocka_unit_test(test_referential_parse_shipped_file),
		cmocka_unit_test(test_referential_parse_provisional),
		cmocka_unit_test(test_action_result_text_cancelled),
		cmocka_unit_test(test_referential_parse_rejects_unknown_engagement),
		cmocka_unit_test(test_plan_verify_lists_what_evaluators_miss),
		cmocka_unit_test(test_plan_compare_finds_changes),
		cmocka_unit_test(test_plan_sort_natural_refs),
		cmocka_unit_test(test_plan_take_action_grows_past_capacity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
