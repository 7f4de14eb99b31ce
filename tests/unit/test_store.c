/*
 * test_store.c - the store on a real SQLite file: creation and
 * migrations, actions and their versions, journal and undo (across
 * connections), snapshots of reviews, initial plan, search and filters,
 * backup and integrity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "store.h"

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n\n"
    "recommandation: E1-R1\nengagement: 1\ntexte: Petite enfance\n";

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	struct mandate m;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct referential *r = NULL;
	struct err e = {0};

	strcpy(f->dir, "/tmp/suivi-test-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("SUIVI_USER", "alice", 1);
	setenv("SUIVI_NOW", "2026-03-10 10:00:00", 1);
	if (referential_parse(ref_text, strlen(ref_text), "r", &r, &e) ||
	    store_open(f->path, STORE_CREATE, &f->s, &e) ||
	    store_init(f->s, "Ville de Test", r, "2020-2026", &e) ||
	    store_active_mandate(f->s, &f->m, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	referential_free(&r);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];

	store_close(&f->s);
	mandate_clear(&f->m);
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	unsetenv("SUIVI_NOW");
	return 0;
}

static int64_t add(struct fx *f, int eng, const char *title)
{
	struct action a;
	struct err e = {0};
	int64_t id;

	memset(&a, 0, sizeof a);
	a.engagement = eng;
	a.designation = strdup(title);
	assert_int_equal(store_add_action(f->s, f->m.id, &a, &e), 0);
	id = a.id;
	action_clear(&a);
	return id;
}

static void test_store_open_creates_private_file(void **state)
{
	struct fx *f = *state;
	struct stat st;

	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(store_initialized(f->s));
}

static void test_store_open_rejects_missing_and_foreign_files(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	char p[200];
	FILE *fp;

	snprintf(p, sizeof p, "%s/absent.db", f->dir);
	assert_int_equal(store_open(p, 0, &s, &e), ERR_NOTFOUND);
	snprintf(p, sizeof p, "%s/garbage.db", f->dir);
	fp = fopen(p, "w");
	fputs("ceci n'est pas une base SQLite, juste du texte.......", fp);
	fclose(fp);
	assert_int_equal(store_open(p, 0, &s, &e), ERR_NOTSUIVI);
	assert_non_null(strstr(e.msg, "pas une base suivi"));
	assert_null(s);
}

static void test_store_add_action_assigns_refs_per_engagement(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};

	add(f, 2, "Première");
	add(f, 2, "Deuxième");
	add(f, 1, "Autre");
	assert_int_equal(store_get_action_by_ref(f->s, f->m.id, "2.2", &a, &e),
	    0);
	assert_string_equal(a->designation, "Deuxième");
	assert_int_equal(a->version, 1);
	assert_string_equal(a->updated_by, "alice");
	action_free(&a);
	assert_int_equal(store_get_action_by_ref(f->s, f->m.id, "9.9", &a, &e),
	    ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "9.9"));
}

static void test_store_add_action_rejects_unknown_engagement(void **state)
{
	struct fx *f = *state;
	struct action a;
	struct err e = {0};

	memset(&a, 0, sizeof a);
	a.engagement = 7;
	a.designation = strdup("Hors référentiel");
	assert_int_equal(store_add_action(f->s, f->m.id, &a, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "engagement 7"));
	action_clear(&a);
}

static void test_store_update_action_detects_version_conflict(void **state)
{
	struct fx *f = *state;
	struct action *mine = NULL, *theirs = NULL, *now = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Crèche");

	assert_int_equal(store_get_action(f->s, id, &mine, &e), 0);
	assert_int_equal(store_get_action(f->s, id, &theirs, &e), 0);
	theirs->comments = strdup("Version de Bob");
	assert_int_equal(store_update_action(f->s, theirs, &e), 0);
	assert_int_equal(theirs->version, 2);
	mine->comments = strdup("Version d'Alice");
	assert_int_equal(store_update_action(f->s, mine, &e), ERR_CONFLICT);
	assert_int_equal(store_get_action(f->s, id, &now, &e), 0);
	assert_string_equal(now->comments, "Version de Bob");
	action_free(&mine);
	action_free(&theirs);
	action_free(&now);
}

static void test_store_update_action_refuses_priority_rename(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Intitulé prioritaire");

	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	a->priority = 1;
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	free(a->designation);
	a->designation = strdup("Renommée");
	assert_int_equal(store_update_action(f->s, a, &e), ERR_INVALID);
	action_free(&a);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_string_equal(a->designation, "Intitulé prioritaire");
	action_free(&a);
}

static void test_store_undo_reverts_across_connections(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct store *other = NULL;
	struct err e = {0};
	char *what = NULL;
	int64_t id = add(f, 1, "Cantine bio");

	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	a->progress = PROGRESS_DONE;
	a->description = strdup("Texte é\nsur deux lignes");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	/* another process undoes it */
	assert_int_equal(store_open(f->path, 0, &other, &e), 0);
	assert_int_equal(store_undo(other, &what, &e), 0);
	assert_non_null(strstr(what, "action"));
	free(what);
	store_close(&other);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_int_equal(a->progress, PROGRESS_UNSET);
	assert_null(a->description);
	action_free(&a);
	/* next undo removes the creation; then nothing is left */
	if (store_undo(f->s, NULL, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(store_get_action(f->s, id, &a, &e), ERR_NOTFOUND);
	assert_int_equal(store_undo(f->s, NULL, &e), ERR_NOTFOUND);
}

static void test_store_undo_only_reverts_own_changes(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Action d'Alice");

	setenv("SUIVI_USER", "bob", 1);
	assert_int_equal(store_undo(f->s, NULL, &e), ERR_NOTFOUND);
	setenv("SUIVI_USER", "alice", 1);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	a->pilots = strdup("Service A");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	/* Bob changes the same field afterwards: Alice's undo must not
	 * silently overwrite Bob's value. */
	setenv("SUIVI_USER", "bob", 1);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	free(a->pilots);
	a->pilots = strdup("Service B");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	setenv("SUIVI_USER", "alice", 1);
	assert_int_equal(store_undo(f->s, NULL, &e), ERR_CONFLICT);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_string_equal(a->pilots, "Service B");
	action_free(&a);
}

static void test_store_history_records_old_and_new(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct journal_entry *j = NULL;
	struct err e = {0};
	size_t n = 0;
	int64_t id = add(f, 1, "Relais");

	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	a->progress = PROGRESS_IN_PROGRESS;
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	assert_int_equal(store_history(f->s, f->m.id, a->ref, 0, &j, &n, &e),
	    0);
	assert_int_equal(n, 2);
	assert_string_equal(j[0].field, "progress");
	assert_null(j[0].old_value);
	assert_string_equal(j[0].new_value, "En cours");
	assert_string_equal(j[0].user, "alice");
	assert_string_equal(j[1].field, "*creation*");
	journal_entries_free(j, n);
	action_free(&a);
}

static void test_store_review_snapshot_is_frozen(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct plan *p = NULL;
	struct review *rv = NULL;
	struct err e = {0};
	size_t n = 0, i;
	int64_t id = add(f, 1, "Avant le bilan");

	assert_int_equal(store_set_review_comments(f->s, f->m.id, 2025,
	    "Bonne année", &e), 0);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2025, 1, &e), 0);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2025, 1, &e),
	    ERR_INVALID);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	a->progress = PROGRESS_DONE;
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	add(f, 2, "Après le bilan");
	assert_int_equal(store_load_plan(f->s, f->m.id, 2025, &p, &e), 0);
	assert_int_equal(p->n_actions, 1);
	assert_int_equal(p->actions[0].progress, PROGRESS_UNSET);
	assert_string_equal(p->coll.f[C_NAME], "Ville de Test");
	assert_true(plan_review(p, 2025)->done);
	assert_string_equal(plan_review(p, 2025)->comments, "Bonne année");
	plan_free(&p);
	/* untick: the snapshot is no longer current but kept */
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2025, 0, &e), 0);
	assert_int_equal(store_load_plan(f->s, f->m.id, 2025, &p, &e),
	    ERR_NOTFOUND);
	assert_int_equal(store_list_reviews(f->s, f->m.id, &rv, &n, &e), 0);
	assert_int_equal(n, 7);
	for (i = 0; i < n; i++) {
		if (rv[i].year == 2025)
			assert_false(rv[i].done);
		review_clear(&rv[i]);
	}
	free(rv);
	/* undo the untick: the old snapshot is current again */
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_load_plan(f->s, f->m.id, 2025, &p, &e), 0);
	assert_int_equal(p->n_actions, 1);
	plan_free(&p);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2031, 1, &e),
	    ERR_INVALID);
}

static void test_store_initial_plan_flags_added_actions(void **state)
{
	struct fx *f = *state;
	struct action a;
	struct plan *p = NULL;
	struct err e = {0};
	int has = 0;

	add(f, 1, "Au plan initial");
	assert_int_equal(store_freeze_initial(f->s, f->m.id, &e), 0);
	assert_int_equal(store_freeze_initial(f->s, f->m.id, &e), ERR_INVALID);
	assert_int_equal(store_has_initial(f->s, f->m.id, &has, &e), 0);
	assert_true(has);
	memset(&a, 0, sizeof a);
	a.engagement = 1;
	a.designation = strdup("Ajoutée ensuite");
	assert_int_equal(store_add_action(f->s, f->m.id, &a, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "added_reason"));
	a.added_reason = strdup("Demande des jeunes");
	assert_int_equal(store_add_action(f->s, f->m.id, &a, &e), 0);
	assert_true(a.added);
	action_clear(&a);
	assert_int_equal(store_load_initial(f->s, f->m.id, &p, &e), 0);
	assert_int_equal(p->n_actions, 1);
	plan_free(&p);
}

static void test_store_search_ignores_accents_and_case(void **state)
{
	struct fx *f = *state;
	struct action_filter flt;
	struct action *v = NULL;
	struct err e = {0};
	size_t n = 0, i;

	add(f, 1, "Rénover l'École Jules-Ferry");
	add(f, 2, "Ludothèque");
	store_filter_init(&flt);
	flt.search = "ecole";
	assert_int_equal(store_list_actions(f->s, f->m.id, &flt,
	    STORE_LOAD_SUMMARY, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].designation, "Rénover l'École Jules-Ferry");
	for (i = 0; i < n; i++)
		action_clear(&v[i]);
	free(v);
	flt.search = "\"ludo OR";	/* FTS syntax is not interpreted */
	assert_int_equal(store_list_actions(f->s, f->m.id, &flt,
	    STORE_LOAD_SUMMARY, &v, &n, &e), 0);
	assert_int_equal(n, 0);
	free(v);
}

static void test_store_filter_stale_and_pilot(void **state)
{
	struct fx *f = *state;
	struct action_filter flt;
	struct action *a = NULL;
	struct err e = {0};
	size_t n = 0;
	int64_t id1 = add(f, 1, "Mise à jour après le bilan");

	add(f, 1, "Jamais mise à jour");
	setenv("SUIVI_NOW", "2026-03-11 10:00:00", 1);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2025, 1, &e), 0);
	setenv("SUIVI_NOW", "2026-04-01 10:00:00", 1);
	assert_int_equal(store_get_action(f->s, id1, &a, &e), 0);
	a->pilots = strdup("Direction Éducation");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	store_filter_init(&flt);
	flt.stale_only = 1;
	assert_int_equal(store_count_actions(f->s, f->m.id, &flt, &n, &e), 0);
	assert_int_equal(n, 1);
	store_filter_init(&flt);
	flt.pilot = "education";
	assert_int_equal(store_count_actions(f->s, f->m.id, &flt, &n, &e), 0);
	assert_int_equal(n, 1);
}

static void test_store_indicator_values_and_undo(void **state)
{
	struct fx *f = *state;
	struct indicator ind;
	struct action *a = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Crèche");

	memset(&ind, 0, sizeof ind);
	ind.action_id = id;
	ind.label = strdup("Places");
	indicator_set_value(&ind, 2024, "420", NULL);
	assert_int_equal(store_add_indicator(f->s, &ind, &e), 0);
	indicator_set_value(&ind, 2025, "450", "Nouvelle crèche");
	assert_int_equal(store_update_indicator(f->s, &ind, &e), 0);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_int_equal(a->n_indicators, 1);
	assert_string_equal(indicator_value_for(&a->indicators[0], 2025)->value,
	    "450");
	action_free(&a);
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_null(indicator_value_for(&a->indicators[0], 2025));
	assert_string_equal(indicator_value_for(&a->indicators[0], 2024)->value,
	    "420");
	action_free(&a);
	indicator_clear(&ind);
}

static void test_store_collectivite_validated_and_journaled(void **state)
{
	struct fx *f = *state;
	struct collectivite c = {0};
	struct err e = {0};

	assert_int_equal(store_set_collectivite(f->s, C_KIND, "Métropole", &e),
	    ERR_INVALID);
	assert_int_equal(store_set_collectivite(f->s, C_KIND,
	    "Intercommunalité", &e), 0);
	assert_int_equal(store_set_collectivite(f->s, C_CODE, "69123", &e), 0);
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_get_collectivite(f->s, &c, &e), 0);
	assert_string_equal(c.f[C_KIND], "Intercommunalité");
	assert_null(c.f[C_CODE]);
	collectivite_clear(&c);
}

static void test_store_backup_is_a_private_copy(void **state)
{
	struct fx *f = *state;
	struct store *b = NULL;
	struct err e = {0};
	struct stat st;
	char p[200];
	size_t n = 0;
	int ok = 0;
	char *report = NULL;

	add(f, 1, "À sauvegarder");
	snprintf(p, sizeof p, "%s/copie.db", f->dir);
	assert_int_equal(store_backup(f->s, p, &e), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_open(p, 0, &b, &e), 0);
	assert_int_equal(store_count_actions(b, f->m.id, NULL, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_integrity(b, &ok, &report, &e), 0);
	assert_true(ok);
	free(report);
	store_close(&b);
	snprintf(p, sizeof p, "%s/absent/copie.db", f->dir);
	assert_int_equal(store_backup(f->s, p, &e), ERR_IO);
}

static void test_store_readonly_file_refuses_writes(void **state)
{
	struct fx *f = *state;
	struct store *ro = NULL;
	struct action a;
	struct err e = {0};

	if (geteuid() == 0)
		/* root ignores file modes: open explicitly read-only */
		assert_int_equal(store_open(f->path, STORE_READONLY, &ro, &e),
		    0);
	else {
		chmod(f->path, 0400);
		assert_int_equal(store_open(f->path, 0, &ro, &e), 0);
	}
	assert_true(store_readonly(ro));
	memset(&a, 0, sizeof a);
	a.engagement = 1;
	a.designation = strdup("Interdite");
	assert_int_equal(store_add_action(ro, f->m.id, &a, &e), ERR_READONLY);
	assert_non_null(strstr(e.msg, "lecture seule"));
	action_clear(&a);
	store_close(&ro);
	chmod(f->path, 0600);
}

static int failing_tx(void *ctx, struct err *e)
{
	struct fx *f = ctx;
	struct action a;
	int rc;

	memset(&a, 0, sizeof a);
	a.engagement = 1;
	a.designation = strdup("Dans une transaction qui échoue");
	rc = store_add_action(f->s, f->m.id, &a, e);
	action_clear(&a);
	if (rc)
		return rc;
	return err_set(e, ERR_INVALID, "erreur plus loin dans l'import");
}

static void test_store_transaction_rolls_back_everything(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	size_t n = 9;

	assert_int_equal(store_transaction(f->s, failing_tx, f, &e),
	    ERR_INVALID);
	assert_int_equal(store_count_actions(f->s, f->m.id, NULL, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_undo(f->s, NULL, &e), ERR_NOTFOUND);
}

static void test_store_data_version_sees_other_connections(void **state)
{
	struct fx *f = *state;
	struct store *other = NULL;
	struct err e = {0};
	int64_t v0, v1;

	v0 = store_data_version(f->s);
	assert_int_equal(store_open(f->path, 0, &other, &e), 0);
	assert_int_equal(store_set_collectivite(other, C_CODE, "12345", &e), 0);
	store_close(&other);
	v1 = store_data_version(f->s);
	assert_true(v1 != v0);
	/* our own writes do not count as "someone else changed it" */
	assert_int_equal(store_set_collectivite(f->s, C_CODE, "54321", &e), 0);
	assert_int_equal(store_data_version(f->s), v1);
}

static void test_store_migrations_from_empty_file(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct err e = {0};
	char p[200];

	snprintf(p, sizeof p, "%s/vide.db", f->dir);
	fclose(fopen(p, "w"));	/* an empty file is a valid empty database */
	assert_int_equal(store_open(p, 0, &s, &e), 0);
	assert_false(store_initialized(s));
	store_close(&s);
	/* reopening an up-to-date database migrates nothing */
	assert_int_equal(store_open(p, 0, &s, &e), 0);
	store_close(&s);
}

static void test_store_mandates_and_carry_over(void **state)
{
	struct fx *f = *state;
	static const char next[] = "referentiel: next\n\nengagement: 1\n"
	    "titre: Un\n\nengagement: 2\ntitre: Deux\n\n"
	    "correspondance: 1\nvers: 2\n";
	struct referential *r = NULL;
	struct mandate *ms = NULL, active = {0};
	struct carry_item items[3];
	struct action *a = NULL;
	struct journal_entry *j = NULL;
	struct err e = {0};
	char *report = NULL;
	int64_t rid, mid;
	size_t n = 0, i;

	add(f, 1, "Gardée");
	add(f, 1, "Fusionnée");
	add(f, 2, "Close");
	assert_int_equal(referential_parse(next, strlen(next), "n", &r, &e), 0);
	assert_int_equal(store_add_referential(f->s, r, &rid, &e), 0);
	assert_int_equal(store_add_mandate(f->s, "2019-2025", rid, &mid, &e),
	    ERR_INVALID);	/* must start after the active one */
	assert_int_equal(store_add_mandate(f->s, "2026-2032", rid, &mid, &e),
	    0);
	assert_int_equal(store_list_mandates(f->s, &ms, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_true(ms[0].archived);
	assert_false(ms[1].archived);
	for (i = 0; i < n; i++)
		mandate_clear(&ms[i]);
	free(ms);
	assert_int_equal(store_active_mandate(f->s, &active, &e), 0);
	assert_int_equal(active.id, mid);
	assert_int_equal(active.previous_id, f->m.id);
	memset(items, 0, sizeof items);
	items[0].ref = "1.1";
	items[0].decision = CARRY_KEEP;
	items[1].ref = "1.2";
	items[1].decision = CARRY_MERGE;
	items[1].into = "1.1";
	/* 2.1 missing: refused, nothing carried */
	assert_int_equal(store_carry_over(f->s, f->m.id, mid, items, 2,
	    &report, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "2.1"));
	items[2].ref = "2.1";
	items[2].decision = CARRY_CLOSE;
	assert_int_equal(store_carry_over(f->s, f->m.id, mid, items, 3,
	    &report, &e), 0);
	free(report);
	/* engagement 1 maps to 2 in the new referential */
	assert_int_equal(store_get_action_by_ref(f->s, mid, "2.1", &a, &e), 0);
	assert_string_equal(a->designation, "Gardée");
	assert_non_null(strstr(a->description, "Fusionnée"));
	assert_int_equal(store_history(f->s, mid, "2.1", 0, &j, &n, &e), 0);
	assert_string_equal(j[n - 1].field, "*creation*");
	assert_string_equal(j[n - 1].new_value, "Gardée");
	assert_true(strncmp(j[n - 1].at, "2026-03-10", 10) == 0);
	journal_entries_free(j, n);
	action_free(&a);
	/* the old mandate is untouched */
	assert_int_equal(store_count_actions(f->s, f->m.id, NULL, &n, &e), 0);
	assert_int_equal(n, 3);
	mandate_clear(&active);
	referential_free(&r);
}

static void test_store_assessment_frozen_with_review(void **state)
{
	struct fx *f = *state;
	struct plan *p = NULL;
	struct err e = {0};

	assert_int_equal(store_set_assessment(f->s, f->m.id, 9, 1, NULL, &e),
	    ERR_INVALID);
	assert_int_equal(store_set_assessment(f->s, f->m.id, 2, RESULT_ALMOST,
	    "Presque", &e), 0);
	assert_int_equal(store_set_review_done(f->s, f->m.id, 2026, 1, &e), 0);
	assert_int_equal(store_set_assessment(f->s, f->m.id, 2,
	    RESULT_ACHIEVED, "Fait", &e), 0);
	assert_int_equal(store_load_plan(f->s, f->m.id, 2026, &p, &e), 0);
	assert_int_equal(p->n_assessments, 1);
	assert_int_equal(p->assessments[0].value, RESULT_ALMOST);
	assert_string_equal(p->assessments[0].comment, "Presque");
	plan_free(&p);
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_load_plan(f->s, f->m.id, 0, &p, &e), 0);
	assert_int_equal(p->assessments[0].value, RESULT_ALMOST);
	plan_free(&p);
}

static void test_store_delete_indicator_journaled(void **state)
{
	struct fx *f = *state;
	struct indicator ind;
	struct action *a = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Avec indicateur");

	memset(&ind, 0, sizeof ind);
	ind.action_id = id;
	ind.label = strdup("À supprimer");
	ind.unit = strdup("places");
	indicator_set_value(&ind, 2025, "12", "note");
	assert_int_equal(store_add_indicator(f->s, &ind, &e), 0);
	assert_int_equal(store_delete_indicator(f->s, ind.id, &e), 0);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_int_equal(a->n_indicators, 0);
	action_free(&a);
	assert_int_equal(store_delete_indicator(f->s, ind.id, &e),
	    ERR_NOTFOUND);
	/* undo brings it back with its values */
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	assert_int_equal(a->n_indicators, 1);
	assert_string_equal(a->indicators[0].label, "À supprimer");
	assert_string_equal(a->indicators[0].unit, "places");
	assert_string_equal(indicator_value_for(&a->indicators[0], 2025)->value,
	    "12");
	assert_string_equal(indicator_value_for(&a->indicators[0],
	    2025)->comment, "note");
	action_free(&a);
	indicator_clear(&ind);
}

static int search_count(struct fx *f, const char *q)
{
	struct action_filter flt;
	struct err e = {0};
	size_t n = 0;

	store_filter_init(&flt);
	flt.search = q;
	assert_int_equal(store_count_actions(f->s, f->m.id, &flt, &n, &e), 0);
	return (int)n;
}

static void test_store_search_follows_updates_and_rollbacks(void **state)
{
	struct fx *f = *state;
	struct action *a = NULL;
	struct err e = {0};
	int64_t id = add(f, 1, "Ludothèque municipale");

	assert_int_equal(search_count(f, "ludotheque"), 1);
	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	free(a->designation);
	a->designation = strdup("Médiathèque jeunesse");
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
	assert_int_equal(search_count(f, "ludotheque"), 0);
	assert_int_equal(search_count(f, "mediatheque"), 1);
	/* a rolled-back transaction leaves the index as it was */
	assert_int_equal(store_transaction(f->s, failing_tx, f, &e),
	    ERR_INVALID);
	assert_int_equal(search_count(f, "transaction"), 0);
	/* undoing the creation removes it from the index */
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_int_equal(search_count(f, "mediatheque"), 0);
}

static void rename_action(struct fx *f, int64_t id, const char *title)
{
	struct action *a = NULL;
	struct err e = {0};

	assert_int_equal(store_get_action(f->s, id, &a, &e), 0);
	free(a->designation);
	a->designation = strdup(title);
	assert_int_equal(store_update_action(f->s, a, &e), 0);
	action_free(&a);
}

static int64_t tx_new_id;

/* In one transaction: an existing action renamed twice, a new one
 * created then renamed, another created then undone (deleted). */
static int churn_tx(void *ctx, struct err *e)
{
	struct fx *f = ctx;
	int64_t gone;

	(void)e;
	rename_action(f, tx_new_id, "Piscine couverte");
	rename_action(f, tx_new_id, "Patinoire municipale");
	tx_new_id = add(f, 2, "Conseil des jeunes");
	rename_action(f, tx_new_id, "Conseil municipal des enfants");
	gone = add(f, 2, "Kiosque éphémère");
	rename_action(f, gone, "Kiosque à musique");
	return 0;
}

static int index_ok(struct fx *f)
{
	struct err e = {0};
	char *report = NULL;
	int ok = 0;

	assert_int_equal(store_integrity(f->s, &ok, &report, &e), 0);
	if (!ok)
		fprintf(stderr, "%s", report);
	free(report);
	return ok;
}

/* The index holds no copy of the texts (migration 004): what it removes
 * must be exactly what it holds, whatever a transaction did in between;
 * FTS5's integrity-check compares it with the action table. */
static void test_store_search_index_matches_texts(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int64_t first = add(f, 1, "Ludothèque municipale");

	tx_new_id = first;
	assert_int_equal(store_transaction(f->s, churn_tx, f, &e), 0);
	assert_true(index_ok(f));
	assert_int_equal(search_count(f, "ludotheque"), 0);
	assert_int_equal(search_count(f, "piscine"), 0);
	assert_int_equal(search_count(f, "patinoire"), 1);
	assert_int_equal(search_count(f, "jeunes"), 0);
	assert_int_equal(search_count(f, "enfants"), 1);
	assert_int_equal(search_count(f, "kiosque"), 1);
	/* undo the last change, then the creation: deleted, out of the index */
	assert_int_equal(store_undo(f->s, NULL, &e), 0);
	assert_true(index_ok(f));
	assert_int_equal(search_count(f, "kiosque"), 0);
	assert_int_equal(search_count(f, "patinoire"), 0);
	assert_int_equal(search_count(f, "ludotheque"), 1);
	/* a rolled-back transaction changes neither the texts nor the index */
	assert_int_equal(store_transaction(f->s, failing_tx, f, &e),
	    ERR_INVALID);
	assert_true(index_ok(f));
	assert_int_equal(search_count(f, "ludotheque"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_open_creates_private_file),
		T(test_store_open_rejects_missing_and_foreign_files),
		T(test_store_add_action_assigns_refs_per_engagement),
		T(test_store_add_action_rejects_unknown_engagement),
		T(test_store_update_action_detects_version_conflict),
		T(test_store_update_action_refuses_priority_rename),
		T(test_store_undo_reverts_across_connections),
		T(test_store_undo_only_reverts_own_changes),
		T(test_store_history_records_old_and_new),
		T(test_store_review_snapshot_is_frozen),
		T(test_store_initial_plan_flags_added_actions),
		T(test_store_search_ignores_accents_and_case),
		T(test_store_search_index_matches_texts),
		T(test_store_filter_stale_and_pilot),
		T(test_store_indicator_values_and_undo),
		T(test_store_collectivite_validated_and_journaled),
		T(test_store_backup_is_a_private_copy),
		T(test_store_readonly_file_refuses_writes),
		T(test_store_transaction_rolls_back_everything),
		T(test_store_data_version_sees_other_connections),
		T(test_store_migrations_from_empty_file),
		T(test_store_mandates_and_carry_over),
		T(test_store_assessment_frozen_with_review),
		T(test_store_delete_indicator_journaled),
		T(test_store_search_follows_updates_and_rollbacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
