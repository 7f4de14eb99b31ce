/*
 * test_tui_layout.c - the pure parts of the interface: frame and column
 * arithmetic, the keys bar, fitting and wrapping text by display width,
 * the key table, and the editor buffer.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <curses.h>
#include <cmocka.h>

#include "../../src/tui/tui_priv.h"

static void test_layout_frame_too_small(void **state)
{
	struct rect top, body, st, bar;

	(void)state;
	assert_int_equal(layout_frame(0, 0, &top, &body, &st, &bar), -1);
	assert_int_equal(layout_frame(24, 79, &top, &body, &st, &bar), -1);
	assert_int_equal(layout_frame(5, 20, &top, &body, &st, &bar), -1);
	assert_int_equal(body.h, 5);
	assert_int_equal(body.w, 20);
}

static void test_layout_frame_80x24(void **state)
{
	struct rect top, body, st, bar;

	(void)state;
	assert_int_equal(layout_frame(24, 80, &top, &body, &st, &bar), 0);
	assert_int_equal(top.y, 0);
	assert_int_equal(body.y, 1);
	assert_int_equal(body.h, 21);
	assert_int_equal(st.y, 22);
	assert_int_equal(bar.y, 23);
}

static void test_layout_plan_cols_fit(void **state)
{
	int widths[] = { 80, 100, 120, 200 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		struct plan_cols c;

		layout_plan_cols(widths[i], &c);
		assert_true(c.title >= 20);
		assert_true(c.x_updated + c.updated <= widths[i]);
		assert_true(c.x_title > c.x_ref + c.ref - 1);
		assert_true(c.x_progress >= c.x_title + c.title);
	}
}

static void test_layout_plan_cols_wide_title_grows(void **state)
{
	struct plan_cols a, b;

	(void)state;
	layout_plan_cols(80, &a);
	layout_plan_cols(120, &b);
	assert_true(b.title > a.title);
	assert_true(b.pilot >= a.pilot);
}

static void test_layout_bar_fits_80(void **state)
{
	struct keys_bar b;
	const char *const *nums = b.nums, *const *labels = b.labels;
	int xs[KEYS_BAR_MAX], ws[KEYS_BAR_MAX], n, i;

	(void)state;
	/* the real bar, from the key table: every button fits in 80 */
	keys_bar_labels(&b);
	n = b.n;
	assert_true(n >= 9);
	assert_string_equal(nums[0], "1");
	assert_int_equal(layout_bar(80, nums, labels, n, xs, ws), n);
	assert_true(xs[n - 1] + ws[n - 1] <= 80);
	assert_string_equal(labels[n - 1], "Quitter");
	assert_int_equal(xs[0], 0);
	for (i = 1; i < n; i++)
		assert_true(xs[i] >= xs[i - 1] + ws[i - 1]);
	/* narrow: fewer buttons, none beyond the edge */
	assert_true(layout_bar(30, nums, labels, n, xs, ws) < n);
}

static void test_text_fit_null_and_wide(void **state)
{
	int w;

	(void)state;
	assert_int_equal(text_fit(NULL, 10, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(text_fit("abc", 0, &w), 0);
	/* "é" is 2 bytes, 1 column */
	assert_int_equal(text_fit("été", 2, &w), 3);
	assert_int_equal(w, 2);
	/* "漢" is 3 bytes, 2 columns: a half does not fit */
	assert_int_equal(text_fit("漢字", 3, &w), 3);
	assert_int_equal(w, 2);
}

static void test_text_wrap_empty(void **state)
{
	struct wrap_line *l = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(text_wrap(L"", 0, 10, &l, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].len, 0);
	free(l);
}

static void test_text_wrap_words(void **state)
{
	const wchar_t *t = L"une école pour tous";
	struct wrap_line *l = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(text_wrap(t, wcslen(t), 10, &l, &n), 0);
	assert_int_equal(n, 2);
	/* breaks after the space that follows "école" */
	assert_int_equal(l[0].start, 0);
	assert_int_equal(l[0].len, 10);
	assert_int_equal(l[1].start, 10);
	assert_true(wcsncmp(t + l[1].start, L"pour tous", 9) == 0);
	free(l);
}

static void test_text_wrap_newlines_kept(void **state)
{
	const wchar_t *t = L"a\n\nb\n";
	struct wrap_line *l = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(text_wrap(t, wcslen(t), 10, &l, &n), 0);
	assert_int_equal(n, 4);	/* "a", "", "b", "" */
	assert_int_equal(l[0].len, 1);
	assert_int_equal(l[1].len, 0);
	assert_int_equal(l[2].start, 3);
	assert_int_equal(l[3].start, 5);
	free(l);
}

static void test_text_wrap_long_word_cut(void **state)
{
	const wchar_t *t = L"abcdefghij";
	struct wrap_line *l = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(text_wrap(t, wcslen(t), 4, &l, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].len, 4);
	assert_int_equal(l[2].len, 2);
	free(l);
}

static void test_text_wrap_double_width(void **state)
{
	const wchar_t *t = L"漢字漢字漢";	/* 10 columns */
	struct wrap_line *l = NULL;
	size_t n = 0, i;

	(void)state;
	assert_int_equal(text_wrap(t, wcslen(t), 5, &l, &n), 0);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++)
		assert_true(l[i].width <= 5);
	assert_int_equal(l[0].len, 2);
	free(l);
}

static void test_text_bar_proportion(void **state)
{
	char buf[64];

	(void)state;
	text_bar(buf, sizeof buf, 4, 1, 2);
	assert_string_equal(buf, "██░░");
	text_bar(buf, sizeof buf, 4, 0, 0);
	assert_string_equal(buf, "░░░░");
	text_bar(buf, sizeof buf, 0, 1, 1);
	assert_string_equal(buf, "");
}

static void test_keys_lookup_table(void **state)
{
	size_t i;
	int bar[11] = {0};

	(void)state;
	assert_int_equal(keys_lookup(TK(KEY_F(1))), ACT_HELP);
	assert_int_equal(keys_lookup('?'), ACT_HELP);
	assert_int_equal(keys_lookup('q'), ACT_QUIT);
	assert_int_equal(keys_lookup(TK(KEY_F(10))), ACT_QUIT);
	assert_int_equal(keys_lookup('u'), ACT_UNDO);
	assert_int_equal(keys_lookup('/'), ACT_SEARCH);
	assert_int_equal(keys_lookup('Z'), ACT_NONE);
	/* a character that shares its number with a KEY_ code is not one */
	assert_int_equal(keys_lookup(KEY_F(1)), ACT_NONE);
	/* each bar button appears once, and its action has a letter too */
	for (i = 0; i < tui_n_keys; i++) {
		if (tui_keys[i].bar) {
			size_t j;
			int letter = 0;

			assert_true(tui_keys[i].bar <= 10);
			bar[tui_keys[i].bar]++;
			for (j = 0; j < tui_n_keys; j++)
				if (tui_keys[j].act == tui_keys[i].act &&
				    tui_keys[j].key < 128)
					letter = 1;
			if (tui_keys[i].act != ACT_EXPORT)
				assert_true(letter);
		}
	}
	for (i = 1; i <= 10; i++)
		assert_true(bar[i] <= 1);
	assert_int_equal(keys_bar_key(10, NULL), TK(KEY_F(10)));
	assert_int_equal(keys_bar_key(9, NULL), TK_NONE);
	/* the new screens have a letter */
	assert_int_equal(keys_lookup('o'), ACT_EVOLUTION);
	assert_int_equal(keys_lookup(TK(KEY_F(8))), ACT_EVOLUTION);
	assert_int_equal(keys_lookup('m'), ACT_MANDATES);
	assert_int_equal(keys_lookup('i'), ACT_IMPORT);
	/* SPEC 5: an action can be added from the interface */
	assert_int_equal(keys_lookup('a'), ACT_ADD);
}

static void test_editor_insert_and_text(void **state)
{
	struct editor ed;
	char *s;

	(void)state;
	assert_int_equal(editor_init(&ed, NULL, 1), 0);
	assert_int_equal(ed.len, 0);
	assert_int_equal(editor_insert(&ed, L"é\tà\r\nz", 6), 0);
	s = editor_text(&ed);
	assert_string_equal(s, "é à\n\nz");
	free(s);
	assert_true(ed.modified);
	editor_free(&ed);
}

static void test_editor_oneline_refuses_newline(void **state)
{
	struct editor ed;
	char *s;

	(void)state;
	assert_int_equal(editor_init(&ed, "a\nb", 0), 0);
	assert_int_equal(editor_key(&ed, '\n'), 0);
	s = editor_text(&ed);
	assert_string_equal(s, "a b");
	free(s);
	editor_free(&ed);
}

static void test_editor_backspace_delete(void **state)
{
	struct editor ed;
	char *s;

	(void)state;
	assert_int_equal(editor_init(&ed, "œuvre", 1), 0);
	editor_backspace(&ed);		/* cursor starts at the end */
	editor_home(&ed);
	editor_layout(&ed, 20, 5);
	editor_home(&ed);
	editor_delete(&ed);
	s = editor_text(&ed);
	assert_string_equal(s, "uvr");
	free(s);
	editor_backspace(&ed);		/* at the start: nothing */
	assert_int_equal(ed.len, 3);
	editor_free(&ed);
}

static void test_editor_up_down_keep_column(void **state)
{
	struct editor ed;
	int line, col;

	(void)state;
	assert_int_equal(editor_init(&ed, "abcdef\nxy\nlmnopq", 1), 0);
	editor_layout(&ed, 20, 5);
	editor_cursor_pos(&ed, &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 6);
	editor_up(&ed, 1);
	editor_cursor_pos(&ed, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 2);	/* clamped to "xy" */
	editor_up(&ed, 1);
	editor_cursor_pos(&ed, &line, &col);
	assert_int_equal(line, 0);
	assert_int_equal(col, 6);	/* the wanted column comes back */
	editor_down(&ed, 10);
	assert_int_equal(ed.cur, ed.len);
	editor_free(&ed);
}

static void test_editor_large_paste(void **state)
{
	struct editor ed;
	wchar_t *big = malloc(30001 * sizeof *big);
	size_t i;

	(void)state;
	assert_non_null(big);
	for (i = 0; i < 30000; i++)
		big[i] = i % 80 == 79 ? L'\n' : L'é';
	assert_int_equal(editor_init(&ed, "", 1), 0);
	assert_int_equal(editor_insert(&ed, big, 30000), 0);
	assert_int_equal(ed.len, 30000);
	assert_int_equal(editor_layout(&ed, 40, 10), 0);
	assert_true(ed.nvl >= 750);
	free(big);
	editor_free(&ed);
}

static void test_tui_env_problem_cases(void **state)
{
	(void)state;
	assert_non_null(tui_env_problem(NULL, "UTF-8"));
	assert_non_null(tui_env_problem("", "UTF-8"));
	assert_non_null(tui_env_problem("dumb", "UTF-8"));
	assert_non_null(strstr(tui_env_problem("xterm", "ANSI_X3.4-1968"),
	    "UTF-8"));
	assert_null(tui_env_problem("xterm", "UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout_frame_too_small),
		cmocka_unit_test(test_layout_frame_80x24),
		cmocka_unit_test(test_layout_plan_cols_fit),
		cmocka_unit_test(test_layout_plan_cols_wide_title_grows),
		cmocka_unit_test(test_layout_bar_fits_80),
		cmocka_unit_test(test_text_fit_null_and_wide),
		cmocka_unit_test(test_text_wrap_empty),
		cmocka_unit_test(test_text_wrap_words),
		cmocka_unit_test(test_text_wrap_newlines_kept),
		cmocka_unit_test(test_text_wrap_long_word_cut),
		cmocka_unit_test(test_text_wrap_double_width),
		cmocka_unit_test(test_text_bar_proportion),
		cmocka_unit_test(test_keys_lookup_table),
		cmocka_unit_test(test_editor_insert_and_text),
		cmocka_unit_test(test_editor_oneline_refuses_newline),
		cmocka_unit_test(test_editor_backspace_delete),
		cmocka_unit_test(test_editor_up_down_keep_column),
		cmocka_unit_test(test_editor_large_paste),
		cmocka_unit_test(test_tui_env_problem_cases),
	};

	const char *loc = getenv("SUIVI_TEST_LOCALE");

	/* the suite's test locale (Makefile), as the program takes it */
	if (!loc || !*loc)
		loc = "C.UTF-8";
	if (!setlocale(LC_ALL, loc)) {
		fprintf(stderr, "locale de test %s absente de la machine\n", loc);
		return 1;
	}
	setlocale(LC_NUMERIC, "C");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
