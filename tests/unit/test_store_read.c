/*
 * test_store_read.c - a read error in the middle of a list is reported,
 * not returned as a shorter list: a base whose journal has a page
 * overwritten with garbage (a damaged disk, a bad copy) must make
 * "historique" and "annuler" say the base is damaged.
 */
#include <fcntl.h>
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

#define N_ACTIONS 300

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	struct mandate m;
	size_t n_journal;	/* journal rows before the damage */
};

/* The leaf page of the journal table in the middle of the file. */
static int journal_leaf(const char *path, int64_t *page, int64_t *size)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t pages[4096];
	int n = 0, rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = "
	    "'journal' AND pagetype = 'leaf' ORDER BY pageno", -1, &st, NULL))
		goto out;
	while (n < 4096 && sqlite3_step(st) == SQLITE_ROW)
		pages[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (n < 8 || sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &st, NULL) ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto out;
	*size = sqlite3_column_int64(st, 0);
	*page = pages[n / 2];
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

static int add_actions(void *ctx, struct err *e)
{
	struct fx *f = ctx;
	char title[200];
	int i, rc = 0;

	for (i = 0; i < N_ACTIONS && !rc; i++) {
		struct action a;

		memset(&a, 0, sizeof a);
		a.engagement = 1 + i % 2;
		snprintf(title, sizeof title, "Action %d : accueil des enfants "
		    "et des familles dans les équipements de la ville, avec un "
		    "intitulé assez long pour remplir les pages", i);
		a.designation = title;
		rc = store_add_action(f->s, f->m.id, &a, e);
		a.designation = NULL;
		action_clear(&a);
	}
	return rc;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct referential *r = NULL;
	struct journal_entry *j = NULL;
	struct err e = {0};
	char garbage[65536];
	int64_t page = 0, size = 0;
	int fd;

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
	/* One transaction of many actions: one journal row each, so that
	 * the journal spans many pages. */
	if (store_transaction(f->s, add_actions, f, &e) ||
	    store_history(f->s, f->m.id, NULL, 0, &j, &f->n_journal, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	journal_entries_free(j, f->n_journal);
	store_close(&f->s);
	/* Overwrites one page of the journal with garbage. */
	if (journal_leaf(f->path, &page, &size) || size > (int64_t)sizeof garbage)
		return -1;
	memset(garbage, 0xA5, sizeof garbage);
	if ((fd = open(f->path, O_WRONLY)) < 0 ||
	    pwrite(fd, garbage, (size_t)size, (off_t)((page - 1) * size)) !=
	    (ssize_t)size || close(fd))
		return -1;
	if (store_open(f->path, 0, &f->s, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
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

static void test_store_history_reports_damaged_page(void **state)
{
	struct fx *f = *state;
	struct journal_entry *j = NULL;
	struct err e = {0};
	size_t n = 0;
	int rc;

	assert_true(f->n_journal > N_ACTIONS);
	rc = store_history(f->s, f->m.id, NULL, 0, &j, &n, &e);
	if (rc == 0) {
		journal_entries_free(j, n);
		fail_msg("historique : %zu lignes sur %zu, sans erreur", n,
		    f->n_journal);
	}
	assert_int_equal(rc, ERR_NOTSUIVI);
	assert_non_null(strstr(e.msg, "endommagée"));
}

static void test_store_undo_reports_damaged_page(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char *what = NULL;
	int rc = store_undo(f->s, &what, &e);

	free(what);
	/* Not "rien à annuler", nor a partial undo. */
	assert_int_equal(rc, ERR_NOTSUIVI);
	assert_non_null(strstr(e.msg, "endommagée"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_store_history_reports_damaged_page, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_undo_reports_damaged_page, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
