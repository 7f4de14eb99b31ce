/*
 * test_journal.c - the journal's vocabulary: the words stored in the
 * database never change, so that a base written by an older suivi keeps
 * being undone and labelled. Journal rows are inserted here with the
 * exact strings the old code wrote ("indicateur", "valeur 2024",
 * "*suppression*", "bilan", "appreciation"...), next to the change they
 * record, and store_undo must revert them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "store.h"

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n";

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	sqlite3 *db;		/* a second connection, as an old suivi */
	struct mandate m;
	int64_t action;		/* 1.1 */
	int64_t ind;		/* its indicator, with a 2024 value "10" */
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct referential *r = NULL;
	struct indicator ind;
	struct action a;
	struct err e = {0};

	strcpy(f->dir, "/tmp/suivi-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("SUIVI_USER", "alice", 1);
	setenv("SUIVI_NOW", "2026-03-10 10:00:00", 1);
	memset(&a, 0, sizeof a);
	memset(&ind, 0, sizeof ind);
	a.engagement = 1;
	a.designation = "Relais petite enfance";
	if (referential_parse(ref_text, strlen(ref_text), "r", &r, &e) ||
	    store_open(f->path, STORE_CREATE, &f->s, &e) ||
	    store_init(f->s, "Ville de Test", r, "2020-2026", &e) ||
	    store_active_mandate(f->s, &f->m, &e) ||
	    store_add_action(f->s, f->m.id, &a, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	f->action = a.id;
	a.designation = NULL;
	action_clear(&a);
	referential_free(&r);
	ind.action_id = f->action;
	ind.label = "Places en crèche";
	ind.unit = "places";
	if (indicator_set_value(&ind, 2024, "10", NULL) ||
	    store_add_indicator(f->s, &ind, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	f->ind = ind.id;
	ind.label = ind.unit = NULL;
	indicator_clear(&ind);
	if (sqlite3_open(f->path, &f->db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];

	sqlite3_close(f->db);
	store_close(&f->s);
	mandate_clear(&f->m);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	unsetenv("SUIVI_NOW");
	return 0;
}

/* Runs sql on the second connection; ?1 is the mandate, ?2 the action,
 * ?3 the indicator, ?4 the next journal txn. */
static void raw(struct fx *f, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *tail = sql;
	int64_t txn = 0;

	assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT max(txn) + 1 FROM "
	    "journal", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	txn = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL), 0);
	while (*tail) {
		assert_int_equal(sqlite3_prepare_v2(f->db, tail, -1, &st,
		    &tail), SQLITE_OK);
		if (!st)
			break;
		sqlite3_bind_int64(st, 1, f->m.id);
		sqlite3_bind_int64(st, 2, f->action);
		sqlite3_bind_int64(st, 3, f->ind);
		sqlite3_bind_int64(st, 4, txn);
		if (sqlite3_step(st) != SQLITE_DONE)
			fail_msg("%s: %s", sqlite3_sql(st), sqlite3_errmsg(f->db));
		sqlite3_finalize(st);
	}
	assert_int_equal(sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL), 0);
}

#define JOURNAL_ROW(entity, id, ref, field, old, new) \
	"INSERT INTO journal (txn, at, user, mandate_id, entity, entity_id, " \
	"ref, field, old_value, new_value, is_undo) VALUES (?4, " \
	"'2025-01-01 09:00:00', 'alice', ?1, " entity ", " id ", " ref ", " \
	field ", " old ", " new ", 0);"

static void undo_ok(struct fx *f, const char *what)
{
	struct err e = {0};
	char *w = NULL;

	if (store_undo(f->s, &w, &e))
		fail_msg("annuler : %s", e.msg);
	assert_string_equal(w, what);
	free(w);
}

static void test_old_action_field_is_undone(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};

	raw(f, "UPDATE action SET progress = 2, version = version + 1 WHERE "
	    "id = ?2;"
	    JOURNAL_ROW("'action'", "?2", "'1.1'", "'progress'", "NULL",
	    "'En cours'"));
	undo_ok(f, "action 1.1 : Avancement");
	assert_int_equal(store_get_action(f->s, f->action, &a, &e), 0);
	assert_int_equal(a->progress, 0);
	action_free(&a);
}

static void test_old_indicator_value_is_undone(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};

	raw(f, "UPDATE indicator_value SET value = '12' WHERE indicator_id = "
	    "?3 AND year = 2024;"
	    JOURNAL_ROW("'indicateur'", "?3", "'1.1'", "'valeur 2024'",
	    "'10'", "'12'"));
	undo_ok(f, "indicateur 1.1 : valeur 2024");
	assert_int_equal(store_get_action(f->s, f->action, &a, &e), 0);
	assert_int_equal(a->n_indicators, 1);
	assert_string_equal(indicator_value_for(&a->indicators[0],
	    2024)->value, "10");
	action_free(&a);
}

static void test_old_indicator_deletion_is_undone(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};
	char sql[2048];

	snprintf(sql, sizeof sql, "DELETE FROM indicator_value WHERE "
	    "indicator_id = ?3; DELETE FROM indicator WHERE id = ?3;"
	    JOURNAL_ROW("'indicateur'", "?3", "'1.1'", "'*suppression*'",
	    "'Places en crèche'", "'%lld'")
	    JOURNAL_ROW("'indicateur'", "?3", "'1.1'", "'position'", "'1'",
	    "NULL")
	    JOURNAL_ROW("'indicateur'", "?3", "'1.1'", "'unite'", "'places'",
	    "NULL")
	    JOURNAL_ROW("'indicateur'", "?3", "'1.1'", "'valeur 2024'",
	    "'10'", "NULL"), (long long)f->action);
	raw(f, sql);
	undo_ok(f, "indicateur 1.1 : valeur 2024, indicateur 1.1 : Unité, "
	    "indicateur 1.1 : position et 1 autres champs");
	assert_int_equal(store_get_action(f->s, f->action, &a, &e), 0);
	assert_int_equal(a->n_indicators, 1);
	assert_string_equal(a->indicators[0].label, "Places en crèche");
	assert_string_equal(a->indicators[0].unit, "places");
	assert_string_equal(indicator_value_for(&a->indicators[0],
	    2024)->value, "10");
	action_free(&a);
}

static void test_old_review_and_assessment_are_undone(void **state)
{
	struct fx *f = *state;
	struct review *rv = NULL;
	struct assessment *as = NULL;
	struct err e = {0};
	size_t n = 0, i;

	raw(f, "INSERT OR IGNORE INTO review (mandate_id, year) VALUES (?1, "
	    "2024); UPDATE review SET comments = 'Bonne année' WHERE "
	    "mandate_id = ?1 AND year = 2024;"
	    JOURNAL_ROW("'bilan'", "0", "'2024'", "'commentaires'", "NULL",
	    "'Bonne année'"));
	raw(f, "INSERT INTO assessment (mandate_id, engagement, value) VALUES "
	    "(?1, 1, 2);"
	    JOURNAL_ROW("'appreciation'", "1", "'1'", "'valeur'", "NULL",
	    "'2'"));
	undo_ok(f, "appréciation 1 : Appréciation");
	assert_int_equal(store_list_assessments(f->s, f->m.id, &as, &n, &e),
	    0);
	for (i = 0; i < n; i++)
		assert_int_equal(as[i].value, -1);
	assessments_free(as, n);
	undo_ok(f, "bilan 2024 : Commentaires");
	assert_int_equal(store_list_reviews(f->s, f->m.id, &rv, &n, &e), 0);
	for (i = 0; i < n; i++) {
		assert_null(rv[i].comments);
		review_clear(&rv[i]);
	}
	free(rv);
}

static void test_old_collectivite_is_undone(void **state)
{
	struct fx *f = *state;
	struct collectivite c = {0};
	struct err e = {0};

	raw(f, "UPDATE collectivite SET nom = 'Ville Nouvelle' WHERE id = 1;"
	    JOURNAL_ROW("'collectivite'", "1", "'nom'", "'nom'",
	    "'Ville de Test'", "'Ville Nouvelle'"));
	undo_ok(f, "collectivité nom : Nom de la collectivité");
	assert_int_equal(store_get_collectivite(f->s, &c, &e), 0);
	assert_string_equal(c.f[C_NAME], "Ville de Test");
	collectivite_clear(&c);
}

/* What the store writes is still the old words. */
static void test_new_writes_keep_the_old_words(void **state)
{
	struct fx *f = *state;
	struct journal_entry *j = NULL;
	struct action *a = NULL;
	struct err e = {0};
	size_t n = 0;

	assert_int_equal(store_get_action(f->s, f->action, &a, &e), 0);
	assert_int_equal(indicator_set_value(&a->indicators[0], 2024, "11",
	    NULL), 0);
	assert_int_equal(store_update_indicator(f->s, &a->indicators[0], &e),
	    0);
	action_free(&a);
	assert_int_equal(store_history(f->s, f->m.id, "1.1", 0, &j, &n, &e),
	    0);
	assert_int_equal(n, 3);
	assert_string_equal(j[0].entity, "indicateur");
	assert_string_equal(j[0].field, "valeur 2024");
	assert_string_equal(j[1].entity, "indicateur");
	assert_string_equal(j[1].field, "*creation*");
	assert_string_equal(j[2].entity, "action");
	assert_string_equal(j[2].field, "*creation*");
	journal_entries_free(j, n);
}

static void test_old_words_are_labelled(void **state)
{
	(void)state;
	assert_string_equal(journal_entity_label("collectivite"),
	    "collectivité");
	assert_string_equal(journal_entity_label("appreciation"),
	    "appréciation");
	assert_string_equal(journal_entity_label("plan initial"),
	    "plan initial");
	assert_string_equal(journal_entity_label("inconnu"), "inconnu");
	assert_null(journal_entity_label(NULL));
	assert_string_equal(journal_field_label("action", "progress"),
	    "Avancement");
	assert_string_equal(journal_field_label("action", "cloture"),
	    "clôture");
	assert_string_equal(journal_field_label("bilan", "fait"),
	    "Bilan annuel - Fait");
	assert_string_equal(journal_field_label("indicateur", "reference"),
	    "Valeur de référence");
	assert_string_equal(journal_field_label("collectivite", "nom"),
	    "Nom de la collectivité");
	assert_string_equal(journal_field_label("indicateur", "valeur 2024"),
	    "valeur 2024");
	assert_string_equal(journal_value_label("plan initial", "fige", "1"),
	    "Oui");
	assert_string_equal(journal_value_label("indicateur", "communiquer",
	    "0"), "Non");
	assert_string_equal(journal_value_label("action", "priority", "1"),
	    "Oui");
	assert_string_equal(journal_value_label("bilan", "commentaires", "1"),
	    "1");
}

static void test_year_fields(void **state)
{
	enum journal_field k = JF_OTHER;
	char buf[32];
	int y = 0;

	(void)state;
	journal_field_year(buf, sizeof buf, JF_VALUE, 2024);
	assert_string_equal(buf, "valeur 2024");
	journal_field_year(buf, sizeof buf, JF_COMMENT, 2031);
	assert_string_equal(buf, "commentaire 2031");
	assert_true(journal_parse_year_field("commentaire 2031", &k, &y));
	assert_int_equal(k, JF_COMMENT);
	assert_int_equal(y, 2031);
	assert_true(journal_parse_year_field("valeur 2024", &k, &y));
	assert_int_equal(k, JF_VALUE);
	assert_false(journal_parse_year_field("valeur", &k, &y));
	assert_int_equal(journal_field_parse("valeur"), JF_VALUE);
	assert_int_equal(journal_field_parse("*suppression*"), JF_DELETION);
	assert_int_equal(journal_field_parse("progress"), JF_OTHER);
	assert_int_equal(journal_entity_parse("plan initial"), JE_INITIAL);
	assert_int_equal(journal_entity_parse("actions"), JE_UNKNOWN);
	assert_string_equal(journal_entity_name(JE_REVIEW), "bilan");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_old_action_field_is_undone),
		T(test_old_indicator_value_is_undone),
		T(test_old_indicator_deletion_is_undone),
		T(test_old_review_and_assessment_are_undone),
		T(test_old_collectivite_is_undone),
		T(test_new_writes_keep_the_old_words),
		cmocka_unit_test(test_old_words_are_labelled),
		cmocka_unit_test(test_year_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
