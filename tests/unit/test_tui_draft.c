/*
 * test_tui_draft.c - the draft files of the interface (src/tui/draft.c):
 * where they go, how they are named, and that the format keeps any text
 * byte for byte (newlines, tabs, CR, '%', "=" and header-like lines).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../src/tui/draft.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/test_draft.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_STATE_HOME", tmpdir, 1);
	setenv("SUIVI_USER", "c.martin", 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	pid_t pid;

	(void)state;
	/* No shell: rm -r through fork + exec. */
	snprintf(cmd, sizeof cmd, "%s", tmpdir);
	if ((pid = fork()) == 0) {
		execlp("rm", "rm", "-rf", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return 0;
}

static void test_draft_dir_xdg_and_home(void **state)
{
	char buf[256];
	char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	(void)state;
	setenv("XDG_STATE_HOME", "/srv/etat", 1);
	assert_int_equal(draft_dir(buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "/srv/etat/suivi");
	/* A relative XDG_STATE_HOME is ignored, as the XDG rule says. */
	setenv("XDG_STATE_HOME", "relatif", 1);
	setenv("HOME", "/home/agent", 1);
	assert_int_equal(draft_dir(buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "/home/agent/.local/state/suivi");
	unsetenv("XDG_STATE_HOME");
	assert_int_equal(draft_dir(buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "/home/agent/.local/state/suivi");
	assert_int_equal(draft_dir(buf, 8, NULL), ERR_INVALID);
	if (old_home)
		setenv("HOME", old_home, 1);
	free(old_home);
	setenv("XDG_STATE_HOME", tmpdir, 1);
}

static void test_draft_file_name_per_login_base_action_field(void **state)
{
	char a[256], b[256];

	(void)state;
	assert_int_equal(draft_file_name("/srv/ville.db", "c.martin", 12,
	    "description", a, sizeof a), 0);
	assert_non_null(strstr(a, "c.martin-"));
	assert_non_null(strstr(a, "-12-description.brouillon"));
	assert_null(strchr(a, '/'));
	/* Another base, login, action or field: another file. */
	assert_int_equal(draft_file_name("/srv/autre.db", "c.martin", 12,
	    "description", b, sizeof b), 0);
	assert_string_not_equal(a, b);
	draft_file_name("/srv/ville.db", "j.dupont", 12, "description", b,
	    sizeof b);
	assert_string_not_equal(a, b);
	draft_file_name("/srv/ville.db", "c.martin", 13, "description", b,
	    sizeof b);
	assert_string_not_equal(a, b);
	draft_file_name("/srv/ville.db", "c.martin", 12, "comments", b,
	    sizeof b);
	assert_string_not_equal(a, b);
	/* A login with '/' or spaces cannot leave the directory. */
	draft_file_name("/srv/ville.db", "../x y", 12, "description", b,
	    sizeof b);
	assert_null(strchr(b, '/'));
	assert_int_equal(draft_file_name("/srv/ville.db", "c", 1, "f", b, 10),
	    ERR_INVALID);
}

static void roundtrip(const char *text, size_t len, const char *base)
{
	struct draft d = {0}, back = {0};
	struct strbuf sb = {0};
	struct err e = {0};

	d.base = (char *)base;
	d.login = "c.martin";
	d.action_id = 7;
	d.ref = "2.4";
	d.field = "description";
	d.saved_at = 1796400300;
	d.text = (char *)text;
	d.text_len = len;
	assert_int_equal(draft_serialize(&d, &sb), 0);
	assert_int_equal(draft_parse(sb.buf ? sb.buf : "", sb.len, &back, &e),
	    0);
	assert_string_equal(back.base, base);
	assert_string_equal(back.login, "c.martin");
	assert_int_equal(back.action_id, 7);
	assert_string_equal(back.ref, "2.4");
	assert_string_equal(back.field, "description");
	assert_int_equal(back.saved_at, 1796400300);
	assert_int_equal(back.text_len, len);
	assert_memory_equal(back.text, text, len);
	assert_int_equal(back.text[len], '\0');
	draft_clear(&back);
	sb_free(&sb);
}

static void test_draft_serialize_keeps_text_byte_exact(void **state)
{
	static const char text[] = "Première ligne : élèves, œuvre — 漢字\n"
	    "\ttabulation\tet retour chariot\r\n\n\nlength=3\n\n"
	    "base=/etc\n%41%%\n  fin sans retour";

	(void)state;
	roundtrip("", 0, "/srv/ville.db");
	roundtrip("\n", 1, "/srv/ville.db");
	roundtrip(text, sizeof text - 1, "/srv/ville.db");
	/* A base path with a newline and '%' in it. */
	roundtrip(text, sizeof text - 1, "/srv/dossier\n%20/ville.db");
}

static void test_draft_parse_rejects_truncated_and_foreign(void **state)
{
	struct draft d = {0}, back = {0};
	struct strbuf sb = {0};
	struct err e = {0};

	(void)state;
	assert_int_equal(draft_parse("", 0, &back, &e), ERR_INVALID);
	assert_int_equal(draft_parse("suivi-brouillon 2\n\n", 19, &back, &e),
	    ERR_INVALID);
	d.base = "/b.db";
	d.login = "x";
	d.action_id = 1;
	d.ref = "1.1";
	d.field = "comments";
	d.text = "abcdef";
	d.text_len = 6;
	assert_int_equal(draft_serialize(&d, &sb), 0);
	/* One byte missing from the text, or one too many. */
	assert_int_equal(draft_parse(sb.buf, sb.len - 1, &back, &e),
	    ERR_INVALID);
	assert_non_null(strstr(e.msg, "tronqué"));
	sb_append(&sb, "x");
	assert_int_equal(draft_parse(sb.buf, sb.len, &back, &e), ERR_INVALID);
	/* The header cut in the middle. */
	assert_int_equal(draft_parse(sb.buf, 30, &back, &e), ERR_INVALID);
	sb_free(&sb);
}

static void test_draft_save_list_remove(void **state)
{
	struct draft_key k = { "/srv/ville.db", 12, "2.4", "description" };
	struct draft_key k2 = { "/srv/ville.db", 3, "1.3", "comments" };
	struct draft_key other = { "/srv/autre.db", 12, "2.4", "description" };
	struct draft *list = NULL;
	struct err e = {0};
	char dir[256];
	struct stat st;
	size_t n = 0;

	(void)state;
	assert_int_equal(draft_dir(dir, sizeof dir, &e), 0);
	assert_int_equal(draft_list("/srv/ville.db", &list, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(draft_save(&k, "premier", 200, &e), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	assert_int_equal(draft_save(&k, "second\tjet\n", 300, &e), 0);
	assert_int_equal(draft_save(&k2, "autre", 100, &e), 0);
	assert_int_equal(draft_save(&other, "autre base", 100, &e), 0);
	assert_int_equal(draft_list("/srv/ville.db", &list, &n, &e), 0);
	assert_int_equal(n, 2);
	/* Oldest first; the second save replaced the first. */
	assert_int_equal(list[0].action_id, 3);
	assert_string_equal(list[1].text, "second\tjet\n");
	assert_int_equal(stat(list[1].path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	draft_list_free(&list, n);
	/* Another login does not see them. */
	setenv("SUIVI_USER", "j.dupont", 1);
	assert_int_equal(draft_list("/srv/ville.db", &list, &n, &e), 0);
	assert_int_equal(n, 0);
	setenv("SUIVI_USER", "c.martin", 1);
	assert_int_equal(draft_remove(&k, &e), 0);
	assert_int_equal(draft_remove(&k, &e), 0);	/* already gone */
	assert_int_equal(draft_list("/srv/ville.db", &list, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].ref, "1.3");
	draft_list_free(&list, n);
}

static void test_draft_save_refuses_unwritable_dir(void **state)
{
	struct draft_key k = { "/srv/ville.db", 12, "2.4", "description" };
	struct err e = {0};
	char path[128];
	FILE *f;

	(void)state;
	/* A file where the directory should be. */
	snprintf(path, sizeof path, "%s/bloque", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	setenv("XDG_STATE_HOME", path, 1);
	assert_int_equal(draft_save(&k, "texte", 1, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "brouillons"));
	setenv("XDG_STATE_HOME", tmpdir, 1);
}

static void test_draft_base_is_absolute(void **state)
{
	char buf[4096];

	(void)state;
	assert_int_equal(draft_base(NULL, buf, sizeof buf, NULL), ERR_INVALID);
	assert_int_equal(draft_base("nouvelle.db", buf, sizeof buf, NULL), 0);
	assert_int_equal(buf[0], '/');
	assert_non_null(strstr(buf, "/nouvelle.db"));
	assert_int_equal(draft_base("/tmp/../tmp", buf, sizeof buf, NULL), 0);
	assert_string_equal(buf, "/tmp");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draft_dir_xdg_and_home),
		cmocka_unit_test(test_draft_file_name_per_login_base_action_field),
		cmocka_unit_test(test_draft_serialize_keeps_text_byte_exact),
		cmocka_unit_test(test_draft_parse_rejects_truncated_and_foreign),
		cmocka_unit_test(test_draft_save_list_remove),
		cmocka_unit_test(test_draft_save_refuses_unwritable_dir),
		cmocka_unit_test(test_draft_base_is_absolute),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
