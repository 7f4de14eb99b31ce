/*
 * frame.c - the terminal's frame for every loop of the interface (the
 * main loop of app.c and the modal loops of dialog.c): the signal flag,
 * reading a key, the status line, and painting the top line, the body of
 * the top screen with an optional overlay, the status line and the keys
 * bar (or the too-small message under 80x24).
 *
 * The only file that calls doupdate; signals only set the flag here, and
 * every loop ends when app_read_key returns TK_QUIT.
 */
#include <curses.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tui_priv.h"

/* ---- Signal flag and status line ---- */

static volatile sig_atomic_t sig_quit;

int app_signal(void)
{
	return (int)sig_quit;
}

void app_set_signal(int sig)
{
	sig_quit = sig;
}

void app_status(struct app *a, int is_err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->status, sizeof a->status, fmt, ap);
	va_end(ap);
	a->status_err = is_err;
}

unsigned long app_attr_priority(const struct app *a)
{
	return a->colors ? COLOR_PAIR(PAIR_PRIORITY) : A_NORMAL;
}

/* Repaints the status line alone, now (the screen and a dialog above it
 * stay as they are): used while a write waits for a lock. */
void app_flash_status(struct app *a)
{
	struct rect top, body, status, bar;
	int rows, cols;

	if (!stdscr)
		return;
	getmaxyx(stdscr, rows, cols);
	if (layout_frame(rows, cols, &top, &body, &status, &bar) < 0)
		return;
	widget_put(stdscr, status.y, status.x, status.w, a->status,
	    A_BOLD | (a->colors ? COLOR_PAIR(PAIR_WARN) : 0), 1);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- Keys ---- */

int app_read_key(int timeout_ms)
{
	wint_t wc = 0;
	int r;

	if (sig_quit)
		return TK_QUIT;
	wtimeout(stdscr, timeout_ms);
	r = wget_wch(stdscr, &wc);
	if (sig_quit)
		return TK_QUIT;
	if (r == ERR) {
		struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };

		/* The terminal went away without a SIGHUP reaching us (the
		 * read fails at once, forever): leave as for SIGHUP. */
		if (poll(&pf, 1, 0) == 1 && (pf.revents & (POLLHUP | POLLERR |
		    POLLNVAL))) {
			sig_quit = SIGHUP;
			return TK_QUIT;
		}
		return TK_NONE;
	}
	if (r == KEY_CODE_YES)
		return TK((int)wc);
	return (int)wc;
}

/* ---- Painting ---- */

/* What the too-small screen offers, as true as the loop reading the keys
 * makes it: the main loop and an editor say what q does there; a dialog
 * offers nothing (its keys wait for a larger window). */
static const char *small_hint = "(q pour quitter)";

const char *app_set_small_hint(const char *hint)
{
	const char *old = small_hint;

	small_hint = hint;
	return old;
}

static void paint_small(int rows, int cols)
{
	char msg[400];
	struct wrap_line *l = NULL;
	size_t n = 0, i, len = 0;
	wchar_t *w;
	int y0;

	snprintf(msg, sizeof msg, "Fenêtre trop petite : agrandissez-la à "
	    "80 colonnes sur 24 lignes au moins.%s%s", small_hint ? " " : "",
	    small_hint ? small_hint : "");
	w = text_to_wcs(msg, &len);
	if (!w || rows < 1 || cols < 1 ||
	    text_wrap(w, len, cols, &l, &n)) {
		free(w);
		return;
	}
	y0 = rows > (int)n ? (rows - (int)n) / 2 : 0;
	for (i = 0; i < n && y0 + (int)i < rows; i++) {
		char *s = text_from_wcs(w + l[i].start, l[i].len);

		widget_put(stdscr, y0 + (int)i, 0, cols, s, A_BOLD, 0);
		free(s);
	}
	free(l);
	free(w);
}

static void paint_top(struct app *a, const struct rect *r)
{
	char buf[600];
	const char *name = a->coll.f[C_NAME] ? a->coll.f[C_NAME] : "?";
	struct screen *s = app_top(a);
	int w;

	snprintf(buf, sizeof buf, " %s — Mandat %s%s", name,
	    a->mandate.label ? a->mandate.label : "?",
	    a->readonly && a->mandate.archived ? " (archivé, lecture seule)" :
	    a->readonly ? " — lecture seule" : "");
	widget_put(stdscr, r->y, r->x, r->w, buf, A_REVERSE | A_BOLD, 1);
	snprintf(buf, sizeof buf, "%s ", s->ops->name);
	w = (int)utf8_width(buf);
	if (w < r->w / 2)
		widget_put(stdscr, r->y, r->x + r->w - w, w, buf, A_REVERSE, 0);
}

static void paint_bar(const struct rect *r)
{
	struct keys_bar b;
	int xs[KEYS_BAR_MAX], ws[KEYS_BAR_MAX], i, fit;

	keys_bar_labels(&b);
	fit = layout_bar(r->w, b.nums, b.labels, b.n, xs, ws);
	widget_put(stdscr, r->y, r->x, r->w, "", A_NORMAL, 1);
	for (i = 0; i < fit; i++) {
		int nw = (int)utf8_width(b.nums[i]);

		widget_put(stdscr, r->y, r->x + xs[i], nw, b.nums[i], A_BOLD,
		    0);
		widget_put(stdscr, r->y, r->x + xs[i] + nw, ws[i] - nw,
		    b.labels[i], A_REVERSE, 1);
	}
}

void app_paint(struct app *a, overlay_fn overlay, void *ctx)
{
	struct rect top, body, status, bar;
	int rows, cols, cy = -1, cx = -1;
	struct screen *s = app_top(a);

	getmaxyx(stdscr, rows, cols);
	werase(stdscr);
	if (layout_frame(rows, cols, &top, &body, &status, &bar) < 0) {
		paint_small(rows, cols);
		wmove(stdscr, 0, 0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	paint_top(a, &top);
	s->body = body;
	s->ops->draw(s, stdscr, &body, &cy, &cx);
	widget_put(stdscr, status.y, status.x, status.w, a->status,
	    a->status_err ? (A_BOLD | (a->colors ? COLOR_PAIR(PAIR_WARN) : 0))
	    : A_NORMAL, 1);
	paint_bar(&bar);
	if (overlay)
		overlay(a, ctx, &body, &cy, &cx);
	if (cy >= 0 && cx >= 0 && cy < rows && cx < cols)
		wmove(stdscr, cy, cx);
	else
		wmove(stdscr, status.y, 0);
	wnoutrefresh(stdscr);
	doupdate();
}

int app_too_small(void)
{
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	return rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS;
}
