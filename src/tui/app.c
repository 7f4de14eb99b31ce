/*
 * app.c - the terminal interface: start-up checks, the main loop, the
 * dispatcher of the key table, the frame (top line, status line, keys
 * bar) and the small services the screens call (status line, screen
 * stack, lock retries). The modal dialogs and prompts are in dialog.c,
 * the external editor in editor_ext.c; both paint through app_paint and
 * read through app_read_key.
 *
 * Owns the terminal: it is the only file that calls newterm and doupdate,
 * and endwin but for the external editor's hand-over (editor_ext.c).
 * Screens (screen_*.c) and widgets paint into stdscr when app.c
 * asks them to. While curses is active stderr goes to a log file
 * ($SUIVI_LOG, else /dev/null) so that nothing else writes to the
 * terminal; signals (INT, TERM, HUP) only set a flag, and the loop then
 * restores the terminal and returns. Every save is its own transaction in
 * the store, so leaving at any point keeps the database consistent.
 *
 * Screen stack: [0] is always the plan; F3/F5/F7/F1 replace what is above
 * it; the action screen goes on top of the screen it was opened from.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "draft.h"
#include "store_rows.h"
#include "tui.h"
#include "tui_priv.h"

static volatile sig_atomic_t sig_quit;

static void on_signal(int sig)
{
	sig_quit = sig;
}

int app_signal(void)
{
	return (int)sig_quit;
}

void app_set_signal(int sig)
{
	sig_quit = sig;
}

/* ---- Small services for the screens ---- */

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

int app_refuse_readonly(struct app *a)
{
	if (!a->readonly)
		return 0;
	if (a->mandate.archived && !a->db_readonly)
		app_status(a, 1, "Mandat %s archivé : lecture seule, aucune "
		    "modification (m : mandats).", a->mandate.label ?
		    a->mandate.label : "");
	else
		app_status(a, 1, "Lecture seule : cette base ne peut pas être "
		    "modifiée (fichier protégé).");
	return 1;
}

/* Repaints the status line alone, now (the screen and a dialog above it
 * stay as they are): used while a write waits for a lock. */
static void flash_status(struct app *a)
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

int app_retry_locked(struct app *a, int rc, int *tries)
{
	char who[256];

	if (rc != ERR_LOCKED || sig_quit || ++*tries >= TUI_LOCK_TRIES)
		return 0;
	if (store_busy_holder(a->store, who, sizeof who))
		app_status(a, 1, "La base est utilisée par %s ; nouvel essai "
		    "(%d/%d)…", who, *tries + 1, TUI_LOCK_TRIES);
	else
		app_status(a, 1, "La base est occupée par un autre utilisateur : "
		    "nouvel essai (%d/%d)…", *tries + 1, TUI_LOCK_TRIES);
	flash_status(a);
	return 1;
}

int app_allow_final_review(struct app *a)
{
	char q[300];

	if (!a->readonly)
		return 1;
	if (a->db_readonly || !a->mandate.archived) {
		app_refuse_readonly(a);
		return 0;
	}
	if (a->archive_review_ok)
		return 1;
	snprintf(q, sizeof q, "Le mandat %s est archivé : modifier quand même "
	    "son bilan final ?\n\nSeuls les bilans annuels (case « Fait », "
	    "commentaires) et les appréciations de la Synthèse pourront "
	    "changer ; le plan d'action reste en lecture seule.",
	    a->mandate.label ? a->mandate.label : "");
	if (!app_confirm(a, "Mandat archivé", q)) {
		app_status(a, 0, "Mandat %s archivé : rien n'a été modifié.",
		    a->mandate.label ? a->mandate.label : "");
		return 0;
	}
	a->archive_review_ok = 1;
	return 1;
}

int app_push(struct app *a, const struct screen_ops *ops, int64_t arg)
{
	struct screen *s;
	struct err e = {0};

	if (a->depth >= (int)(sizeof a->stack / sizeof a->stack[0])) {
		app_pop(a);
	}
	s = &a->stack[a->depth];
	memset(s, 0, sizeof *s);
	s->ops = ops;
	s->app = a;
	s->arg = arg;
	if (ops->open(s, &e)) {
		app_status(a, 1, "%s", e.msg);
		return e.code ? e.code : ERR_DB;
	}
	a->depth++;
	return 0;
}

void app_pop(struct app *a)
{
	struct screen *s;
	struct err e = {0};

	if (a->depth <= 1)
		return;
	s = &a->stack[--a->depth];
	if (s->ops->close)
		s->ops->close(s);
	memset(s, 0, sizeof *s);
	/* What lies below may show what was just changed. */
	s = &a->stack[a->depth - 1];
	if (s->ops->reload && s->ops->reload(s, &e))
		app_status(a, 1, "%s", e.msg);
}

static struct screen *top_screen(struct app *a)
{
	return &a->stack[a->depth - 1];
}

int tui_open_action_ref(struct app *a, const char *ref)
{
	struct action *act = NULL;
	struct err e = {0};
	int rc;

	if ((rc = store_get_action_by_ref(a->store, a->mandate_id, ref, &act,
	    &e))) {
		app_status(a, 1, "%s", e.msg);
		return rc;
	}
	rc = app_push(a, &screen_action_ops, act->id);
	action_free(&act);
	return rc;
}

static void reload_all(struct app *a)
{
	struct err e = {0};
	int i;

	collectivite_clear(&a->coll);
	if (store_get_collectivite(a->store, &a->coll, &e))
		app_status(a, 1, "%s", e.msg);
	for (i = 0; i < a->depth; i++) {
		struct screen *s = &a->stack[i];

		if (s->ops->reload && s->ops->reload(s, &e))
			app_status(a, 1, "%s", e.msg);
	}
}

static void show_root_then(struct app *a, const struct screen_ops *ops);

int app_set_mandate(struct app *a, int64_t id, struct err *e)
{
	struct mandate *ms = NULL, m = {0};
	struct referential *ref = NULL;
	size_t n = 0, i;
	int rc, y;

	if ((rc = store_list_mandates(a->store, &ms, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (ms[i].id == id && !m.label) {
			m = ms[i];
			memset(&ms[i], 0, sizeof ms[i]);
		}
		mandate_clear(&ms[i]);
	}
	free(ms);
	if (!m.label)
		return err_set(e, ERR_NOTFOUND, "mandat introuvable");
	if ((rc = store_get_referential(a->store, m.referential_id, &ref, e))) {
		mandate_clear(&m);
		return rc;
	}
	show_root_then(a, NULL);
	mandate_clear(&a->mandate);
	referential_free(&a->ref);
	a->mandate = m;
	a->ref = ref;
	a->mandate_id = id;
	a->readonly = a->db_readonly || m.archived;
	a->archive_review_ok = 0;
	y = clock_year();
	if (y < m.year_first)
		y = m.year_first;
	if (y > m.year_last)
		y = m.year_last;
	a->current_year = y;
	/* Engagement numbers and the search belong to the mandate shown. */
	store_filter_init(&a->view.filter);
	free(a->view.pilot);
	free(a->view.search);
	a->view.pilot = NULL;
	a->view.search = NULL;
	collectivite_clear(&a->coll);
	if (store_get_collectivite(a->store, &a->coll, e))
		return e->code;
	/* A fresh plan screen: the old selection meant another mandate. */
	if (a->depth == 1 && a->stack[0].ops->close)
		a->stack[0].ops->close(&a->stack[0]);
	a->depth = 0;
	if ((rc = app_push(a, &screen_plan_ops, 0)))
		return err_set(e, rc, "%s", a->status);
	return 0;
}

/* ---- Environment ---- */

const char *tui_env_problem(const char *term, const char *codeset)
{
	if (!term || !*term)
		return "la variable TERM n'est pas définie : impossible "
		    "d'ouvrir l'interface plein écran (utilisez les commandes, "
		    "voir « suivi --help »)";
	if (strcmp(term, "dumb") == 0)
		return "ce terminal (TERM=dumb) ne permet pas l'interface "
		    "plein écran (utilisez les commandes, voir « suivi "
		    "--help »)";
	if (!codeset || (strcmp(codeset, "UTF-8") != 0 &&
	    strcmp(codeset, "utf8") != 0 && strcmp(codeset, "UTF8") != 0))
		return "la langue du terminal n'est pas en UTF-8 : les "
		    "accents ne s'afficheraient pas correctement ; réglez "
		    "par exemple LANG=fr_FR.UTF-8 (ou C.UTF-8)";
	return NULL;
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
	struct screen *s = top_screen(a);
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
	struct screen *s = top_screen(a);

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

/* ---- Dispatch ---- */

static void show_root_then(struct app *a, const struct screen_ops *ops)
{
	while (a->depth > 1)
		app_pop(a);
	if (ops)
		app_push(a, ops, 0);
}

/* A dated copy next to the database, as `suivi backup` makes it. */
static int do_backup(struct app *a)
{
	char *dest = NULL;
	struct err e = {0};

	if (store_backup_beside(a->store, "sauvegarde", &dest, &e))
		app_status(a, 1, "Sauvegarde impossible : %s", e.msg);
	else
		app_status(a, 0, "Sauvegarde écrite : %s", dest);
	free(dest);
	return REDRAW_STATUS;
}

/* A click: on the keys bar, returns the key of the button (to dispatch
 * as if typed); in the body, hands it to the screen. */
static int handle_mouse(struct app *a)
{
	MEVENT ev;
	struct rect top, body, status, bar;
	int rows, cols;
	struct screen *s = top_screen(a);

	if (getmouse(&ev) != OK || !(ev.bstate & BUTTON1_CLICKED))
		return TK_NONE;
	getmaxyx(stdscr, rows, cols);
	if (layout_frame(rows, cols, &top, &body, &status, &bar) < 0)
		return TK_NONE;
	if (ev.y == bar.y) {
		const char *nums[16], *labels[16];
		char numbuf[16][4];
		int keys[16], xs[16], ws[16], n = 0, i, fit;

		for (i = 1; i <= 10; i++) {
			const struct key_binding *kb;
			int k = keys_bar_key(i, &kb);

			if (k == TK_NONE)
				continue;
			snprintf(numbuf[n], sizeof numbuf[n], "%d", i);
			nums[n] = numbuf[n];
			labels[n] = kb->bar_label;
			keys[n++] = k;
		}
		fit = layout_bar(bar.w, nums, labels, n, xs, ws);
		for (i = 0; i < fit; i++)
			if (ev.x >= xs[i] && ev.x < xs[i] + ws[i])
				return keys[i];
		return TK_NONE;
	}
	if (s->ops->click && ev.y >= body.y && ev.y < body.y + body.h)
		return s->ops->click(s, &body, ev.y, ev.x) ? TK(KEY_MOUSE) :
		    TK_NONE;
	return TK_NONE;
}

static int dispatch(struct app *a, int k)
{
	enum act act = keys_lookup(k);
	struct screen *s = top_screen(a);

	if (k == TK(KEY_MOUSE))
		return REDRAW_ALL;
	switch (act) {
	case ACT_QUIT:
		a->quit = 1;
		return REDRAW_NONE;
	case ACT_HELP:
		show_root_then(a, &screen_help_ops);
		return REDRAW_ALL;
	case ACT_PRES:
		show_root_then(a, &screen_pres_ops);
		return REDRAW_ALL;
	case ACT_SYNTH:
		show_root_then(a, &screen_synth_ops);
		return REDRAW_ALL;
	case ACT_VERIFY:
		show_root_then(a, &screen_verify_ops);
		return REDRAW_ALL;
	case ACT_EVOLUTION:
		show_root_then(a, &screen_evol_ops);
		return REDRAW_ALL;
	case ACT_MANDATES:
		return tui_mandates(a);
	case ACT_IMPORT:
		return tui_import(a);
	case ACT_UNDO:
		return tui_undo(a);
	case ACT_BACKUP:
		return do_backup(a);
	case ACT_EXPORT:
		return tui_export(a);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return REDRAW_ALL;
	case ACT_NEXT: case ACT_PREV:
		if (s->ops == &screen_action_ops) {
			int r;

			/* From an action, n/N open the next match itself. */
			if (str_empty(a->view.search)) {
				app_status(a, 0, "Pas de recherche en cours (/ "
				    "sur le plan pour chercher).");
				return REDRAW_STATUS;
			}
			show_root_then(a, NULL);
			s = top_screen(a);
			a->search_dir = act == ACT_NEXT ? 1 : -1;
			r = s->ops->key(s, act, k);
			a->search_dir = 0;
			return r | REDRAW_ALL;
		}
		/* FALLTHROUGH */
	case ACT_FILTER: case ACT_SEARCH: case ACT_CLEAR: case ACT_ADD:
		/* The plan owns the filter: go back to it first. */
		if (s->ops != &screen_plan_ops && s->ops != &screen_action_ops) {
			show_root_then(a, NULL);
			s = top_screen(a);
		}
		break;
	case ACT_BACK:
		if (a->depth > 1) {
			app_pop(a);
			return REDRAW_ALL;
		}
		break;
	default:
		break;
	}
	return s->ops->key(s, act, k);
}

static void poll_changes(struct app *a)
{
	int64_t v = store_data_version(a->store);

	if (v != a->data_version) {
		a->data_version = v;
		reload_all(a);
	}
}

/* Runs the idle work of the screens (the rest of a large plan once its
 * first screen is drawn); returns 1 when some was done. */
static int run_idle(struct app *a)
{
	struct err e = {0};
	int i, r;

	for (i = 0; i < a->depth; i++) {
		struct screen *s = &a->stack[i];

		if (!s->ops->idle || !(r = s->ops->idle(s, &e)))
			continue;
		if (r < 0)
			app_status(a, 1, "%s", e.msg);
		return 1;
	}
	return 0;
}

static void run_loop(struct app *a)
{
	while (!a->quit) {
		int k, r;

		app_paint(a, NULL, NULL);
		if (run_idle(a))
			continue;
		k = app_read_key(500);
		if (k == TK_QUIT)
			break;
		if (k == TK_NONE) {
			poll_changes(a);
			continue;
		}
		if (k == TK(KEY_RESIZE))
			continue;
		if (app_too_small()) {
			if (keys_lookup(k) == ACT_QUIT)
				break;
			continue;
		}
		a->status[0] = '\0';
		a->status_err = 0;
		if (k == TK(KEY_MOUSE) && (k = handle_mouse(a)) == TK_NONE)
			continue;
		r = dispatch(a, k);
		/* data_version moves only for other connections' commits, so
		 * compare it with the last value seen, never reset it: a
		 * change made while a key was handled is picked up now. */
		if (r & REDRAW_RELOAD) {
			a->data_version = store_data_version(a->store);
			reload_all(a);
		} else {
			poll_changes(a);
		}
		if (a->depth < 1)
			break;
	}
}

/* ---- Start and stop ---- */

static int saved_stderr = -1;

static void redirect_stderr(void)
{
	const char *log = getenv("SUIVI_LOG");
	int fd;

	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	fd = open(log && *log ? log : "/dev/null",
	    O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		dup2(fd, STDERR_FILENO);
		close(fd);
	}
}

static void restore_stderr(void)
{
	if (saved_stderr >= 0) {
		fflush(stderr);
		dup2(saved_stderr, STDERR_FILENO);
		close(saved_stderr);
		saved_stderr = -1;
	}
}

static int check_terminal(void)
{
	const char *term = getenv("TERM");
	const char *problem;
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("suivi : pas de terminal : l'interface plein écran "
		    "demande un terminal (utilisez les commandes, voir "
		    "« suivi --help »)\n", stderr);
		return 1;
	}
	problem = tui_env_problem(term, nl_langinfo(CODESET));
	if (problem) {
		fprintf(stderr, "suivi : %s\n", problem);
		return 1;
	}
	if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) {
		fprintf(stderr, "suivi : terminal « %s » inconnu : "
		    "l'interface plein écran est impossible (essayez "
		    "TERM=xterm-256color)\n", term);
		return 1;
	}
	del_curterm(cur_term);
	return 0;
}

/* cbreak() leaves flow control (IXON) on: the terminal then takes Ctrl-S,
 * the editor's "enregistrer", as XOFF and freezes the screen until
 * Ctrl-Q. It is cleared in the mode curses calls the program's
 * (def_prog_mode), which curses puts back after Ctrl-Z and the external
 * editor; endwin() restores the shell's mode, saved by newterm, as it
 * was. Ctrl-Q then arrives as an ordinary key that nothing is bound to. */
static void flow_control_off(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) == 0 && (t.c_iflag & IXON)) {
		t.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	def_prog_mode();
}

static void init_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");

	a->colors = 0;
	if ((nc && *nc) || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	init_pair(PAIR_PRIORITY, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_WARN, COLOR_RED, -1);
	init_pair(PAIR_OK, COLOR_GREEN, -1);
	a->colors = 1;
}

static int app_init(struct app *a, const struct tui_opts *o, struct err *e)
{
	struct mandate *ms = NULL;
	size_t n = 0, i;
	int rc, y;

	memset(a, 0, sizeof *a);
	a->store = o->store;
	a->mandate_id = o->mandate_id;
	a->readonly = o->readonly;
	a->db_readonly = store_readonly(o->store);
	store_filter_init(&a->view.filter);
	if ((rc = store_list_mandates(a->store, &ms, &n, e)))
		return rc;
	for (i = 0; i < n; i++) {
		if (ms[i].id == o->mandate_id && !a->mandate.label) {
			a->mandate = ms[i];
			memset(&ms[i], 0, sizeof ms[i]);
		}
		mandate_clear(&ms[i]);
	}
	free(ms);
	if (!a->mandate.label)
		return err_set(e, ERR_NOTFOUND, "mandat introuvable");
	if ((rc = store_get_referential(a->store, a->mandate.referential_id,
	    &a->ref, e)))
		return rc;
	if ((rc = store_get_collectivite(a->store, &a->coll, e)))
		return rc;
	y = clock_year();
	if (y < a->mandate.year_first)
		y = a->mandate.year_first;
	if (y > a->mandate.year_last)
		y = a->mandate.year_last;
	a->current_year = y;
	a->data_version = store_data_version(a->store);
	/* Waits for a lock in short steps the user can see (app_retry_locked)
	 * instead of one long frozen screen. */
	store_set_busy_ms(a->store, TUI_BUSY_MS);
	return 0;
}

static void app_fini(struct app *a)
{
	while (a->depth > 0) {
		struct screen *s = &a->stack[--a->depth];

		if (s->ops->close)
			s->ops->close(s);
	}
	mandate_clear(&a->mandate);
	collectivite_clear(&a->coll);
	referential_free(&a->ref);
	free(a->view.pilot);
	free(a->view.search);
}

int tui_run(const struct tui_opts *o)
{
	struct app app;
	struct err e = {0};
	struct sigaction sa, old_int, old_term, old_hup;
	SCREEN *scr;
	const char *draft_exit_msg = "";
	int rc = 0, draft_exit;

	if (check_terminal())
		return 1;
	if (app_init(&app, o, &e)) {
		app_fini(&app);
		fprintf(stderr, "suivi : %s\n", e.msg);
		return 1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must wake up the key read. */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	redirect_stderr();
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		restore_stderr();
		fputs("suivi : impossible d'initialiser le terminal\n", stderr);
		rc = 1;
		goto out;
	}
	set_term(scr);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	flow_control_off();
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED, NULL);
	mouseinterval(0 + 200);
	curs_set(1);
	init_colors(&app);
	if (app_push(&app, &screen_plan_ops, 0)) {
		snprintf(e.msg, sizeof e.msg, "%s", app.status);
		rc = 1;
	} else {
		tui_offer_carry(&app);
		if (!app.quit)
			tui_offer_drafts(&app);
		if (!app.quit)
			run_loop(&app);
	}
	endwin();
	delscreen(scr);
	restore_stderr();
	if (rc)
		fprintf(stderr, "suivi : %s\n", e.msg);
	else if (sig_quit)
		fprintf(stderr, "suivi : interrompu (signal %d) ; tout ce qui "
		    "a été enregistré est conservé\n", (int)sig_quit);
	draft_exit = tui_draft_exit(&draft_exit_msg);
	if (draft_exit > 0)
		fputs("suivi : le texte en cours n'est pas enregistré dans la "
		    "base ; il est gardé en brouillon et vous sera proposé à la "
		    "prochaine ouverture\n", stderr);
	else if (draft_exit < 0)
		fprintf(stderr, "suivi : le texte en cours n'a pas pu être gardé "
		    "en brouillon (%s)\n", draft_exit_msg);
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	app_fini(&app);
	if (sig_quit)
		rc = 128 + (int)sig_quit;
	return rc;
}
