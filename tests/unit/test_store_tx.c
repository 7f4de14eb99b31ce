/*
 * test_store_tx.c - a transaction that SQLite ends by itself (disk full,
 * or gone from under the caller) is never committed piecemeal: later
 * writes are refused, the whole is rolled back, the cause is French;
 * the in-memory copy of trial runs; and the names of backups, unique per
 * call (store_backup_reserve).
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
#include "../../src/store/store_priv.h"	/* s->db: to make faults happen */

static const char ref_text[] =
    "referentiel: test\nmandat: 2020-2026\n\n"
    "engagement: 1\ntitre: Le bien-être\n\n"
    "engagement: 2\ntitre: L'équité\n";

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	struct mandate m;
	int added;	/* actions added inside the transaction */
	int refused;	/* writes refused after the loss */
	char cause[128];
};

static int add(struct fx *f, const char *title, const char *desc,
    struct err *e)
{
	struct action a;
	int rc;

	memset(&a, 0, sizeof a);
	a.engagement = 1;
	a.designation = strdup(title);
	a.description = desc ? strdup(desc) : NULL;
	rc = store_add_action(f->s, f->m.id, &a, e);
	action_clear(&a);
	return rc;
}

static size_t count(struct fx *f)
{
	size_t n = 0;

	assert_int_equal(store_count_actions(f->s, f->m.id, NULL, &n, NULL), 0);
	return n;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct referential *r = NULL;
	struct err e = {0};

	strcpy(f->dir, "/tmp/suivi-tx-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	setenv("SUIVI_USER", "alice", 1);
	setenv("SUIVI_NOW", "2026-12-04 17:05:30", 1);
	if (referential_parse(ref_text, strlen(ref_text), "r", &r, &e) ||
	    store_open(f->path, STORE_CREATE, &f->s, &e) ||
	    store_init(f->s, "Ville de Test", r, "2020-2026", &e) ||
	    store_active_mandate(f->s, &f->m, &e) ||
	    add(f, "Une", NULL, &e) || add(f, "Deux", NULL, &e) ||
	    add(f, "Trois", NULL, &e)) {
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

/* ---- The transaction SQLite ended ---- */

/* Fills the base up to a page limit (a real SQLITE_FULL), then goes on as
 * the old import did: every further write must be refused. Returns 0, as
 * a careless caller swallowing the errors would. */
static int fill_up(void *ctx, struct err *e)
{
	struct fx *f = ctx;
	char desc[4000], sql[64];
	int i;

	(void)e;
	memset(desc, 'x', sizeof desc - 1);
	desc[sizeof desc - 1] = '\0';
	snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", 60);
	assert_int_equal(sqlite3_exec(f->s->db, sql, NULL, NULL, NULL),
	    SQLITE_OK);
	for (i = 0; i < 2000; i++) {
		struct err ae = {0};

		if (add(f, "Remplissage", desc, &ae)) {
			if (!store_tx_failure(f->s))
				return 0;	/* asserted by the caller */
			snprintf(f->cause, sizeof f->cause, "%s",
			    store_tx_failure(f->s));
			break;
		}
		f->added++;
	}
	for (i = 0; i < 5; i++) {
		struct err ae = {0};

		if (add(f, "Après", NULL, &ae) != 0 &&
		    strstr(ae.msg, "rien n'a été enregistré"))
			f->refused++;
	}
	return 0;
}

static void test_store_tx_full_refuses_the_rest_and_rolls_back(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	assert_int_equal(count(f), 3);
	assert_int_not_equal(store_transaction(f->s, fill_up, f, &e), 0);
	assert_true(f->added > 0);
	assert_string_equal(f->cause, "le disque est plein");
	assert_int_equal(f->refused, 5);
	assert_non_null(strstr(e.msg, "le disque est plein"));
	assert_int_equal(sqlite3_exec(f->s->db, "PRAGMA max_page_count = "
	    "1073741823", NULL, NULL, NULL), SQLITE_OK);
	/* Nothing of it stayed, and the next transaction is a fresh one. */
	assert_null(store_tx_failure(f->s));
	assert_int_equal(count(f), 3);
	assert_int_equal(add(f, "Quatre", NULL, &e), 0);
	assert_int_equal(count(f), 4);
}

/* The transaction disappears under the caller, as SQLite rolls it back
 * after an I/O error: the next write must not run in autocommit. */
static int lose_it(void *ctx, struct err *e)
{
	struct fx *f = ctx;
	struct err ae = {0};

	(void)e;
	assert_int_equal(add(f, "Dans la transaction", NULL, &ae), 0);
	assert_null(store_tx_failure(f->s));
	assert_int_equal(sqlite3_exec(f->s->db, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	if (add(f, "Seule en autocommit", NULL, &ae) != 0)
		f->refused++;
	if (store_tx_failure(f->s))
		snprintf(f->cause, sizeof f->cause, "%s",
		    store_tx_failure(f->s));
	return 0;
}

static void test_store_tx_gone_is_not_committed_piecemeal(void **state)
{
	struct fx *f = *state;
	struct err e = {0};

	assert_int_not_equal(store_transaction(f->s, lose_it, f, &e), 0);
	assert_int_equal(f->refused, 1);
	assert_string_equal(f->cause,
	    "la transaction a été interrompue par SQLite");
	assert_non_null(strstr(e.msg, "rien n'a été enregistré"));
	assert_int_equal(count(f), 3);
	assert_null(store_tx_failure(f->s));
}

static void test_store_tx_failure_null_outside_and_when_alive(void **state)
{
	struct fx *f = *state;

	assert_null(store_tx_failure(f->s));
}

/* ---- Trial copy ---- */

static void test_store_open_copy_never_writes_the_base(void **state)
{
	struct fx *f = *state;
	struct store *c = NULL;
	struct fx g;
	struct err e = {0};
	struct stat before, after;
	size_t n = 0;

	assert_int_equal(stat(f->path, &before), 0);
	assert_int_equal(store_open_copy(f->s, &c, &e), 0);
	g = *f;
	g.s = c;
	assert_int_equal(add(&g, "Dans la copie", NULL, &e), 0);
	assert_int_equal(store_count_actions(c, f->m.id, NULL, &n, NULL), 0);
	assert_int_equal(n, 4);
	store_close(&c);
	assert_int_equal(count(f), 3);
	assert_int_equal(stat(f->path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
}

/* ---- Backup names ---- */

static void check_reserved(const char *p)
{
	struct stat st;

	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_store_backup_reserve_is_unique_in_one_second(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char want[200], *p = NULL;
	int i;

	for (i = 1; i <= 3; i++) {
		assert_int_equal(store_backup_reserve(f->path, "avant-import",
		    &p, &e), 0);
		if (i == 1)
			snprintf(want, sizeof want, "%s/t-avant-import-"
			    "2026-12-04-17h05m30.db", f->dir);
		else
			snprintf(want, sizeof want, "%s/t-avant-import-"
			    "2026-12-04-17h05m30-%d.db", f->dir, i);
		assert_string_equal(p, want);
		check_reserved(p);
		free(p);
		p = NULL;
	}
}

static void test_store_backup_reserve_keeps_or_adds_extension(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char db[200], want[200], *p = NULL;

	snprintf(db, sizeof db, "%s/base", f->dir);
	assert_int_equal(store_backup_reserve(db, "sauvegarde", &p, &e), 0);
	snprintf(want, sizeof want, "%s/base-sauvegarde-2026-12-04-17h05m30.db",
	    f->dir);
	assert_string_equal(p, want);
	free(p);
	snprintf(db, sizeof db, "%s/plan.sqlite", f->dir);
	assert_int_equal(store_backup_reserve(db, "sauvegarde", &p, &e), 0);
	snprintf(want, sizeof want, "%s/plan-sauvegarde-2026-12-04-17h05m30"
	    ".sqlite", f->dir);
	assert_string_equal(p, want);
	free(p);
	snprintf(db, sizeof db, "%s/.suivi", f->dir);
	assert_int_equal(store_backup_reserve(db, "sauvegarde", &p, &e), 0);
	snprintf(want, sizeof want, "%s/.suivi-sauvegarde-2026-12-04-17h05m30"
	    ".db", f->dir);
	assert_string_equal(p, want);
	free(p);
}

static void test_store_backup_reserve_reports_unwritable_dir(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char db[200], *p = NULL;

	snprintf(db, sizeof db, "%s/absent/t.db", f->dir);
	assert_int_equal(store_backup_reserve(db, "sauvegarde", &p, &e),
	    ERR_IO);
	assert_null(p);
	assert_non_null(strstr(e.msg, "création de la sauvegarde impossible"));
}

static void test_store_backup_beside_writes_the_reserved_name(void **state)
{
	struct fx *f = *state;
	struct store *b = NULL;
	struct err e = {0};
	char want[200], *p = NULL;
	struct stat st;
	size_t n = 0;

	assert_int_equal(store_backup_beside(f->s, "avant-import", &p, &e), 0);
	snprintf(want, sizeof want, "%s/t-avant-import-2026-12-04-17h05m30.db",
	    f->dir);
	assert_string_equal(p, want);
	assert_int_equal(stat(p, &st), 0);
	assert_true(st.st_size > 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_open(p, STORE_READONLY, &b, &e), 0);
	assert_int_equal(store_count_actions(b, f->m.id, NULL, &n, NULL), 0);
	assert_int_equal(n, 3);
	store_close(&b);
	free(p);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_tx_failure_null_outside_and_when_alive),
		T(test_store_tx_full_refuses_the_rest_and_rolls_back),
		T(test_store_tx_gone_is_not_committed_piecemeal),
		T(test_store_open_copy_never_writes_the_base),
		T(test_store_backup_reserve_is_unique_in_one_second),
		T(test_store_backup_reserve_keeps_or_adds_extension),
		T(test_store_backup_reserve_reports_unwritable_dir),
		T(test_store_backup_beside_writes_the_reserved_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
