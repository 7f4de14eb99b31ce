/*
 * app.c - the terminal interface: start-up checks, the main loop and the
 * dispatcher of the key table. The frame and the key reading are in
 * frame.c, the screen stack and the mandate shown in session.c, the
 * modal dialogs and prompts in dialog.c, the external editor in
 * editor_ext.c; none of them calls back into this file.
 *
 * Owns the terminal: it is the only file that calls newterm, and endwin
 * but for the external editor's hand-over (editor_ext.c). Screens
 * (screen_*.c) and widgets paint into stdscr when frame.c asks them to.
 * While curses is active stderr goes to a log file ($SUIVI_LOG, else
 * /dev/null) so that nothing else writes to the terminal; signals (INT,
 * TERM, HUP) only set a flag (frame.c), and the loop then restores the
 * terminal and returns. Every save is its own transaction in the store,
 * so leaving at any point keeps the database consistent.
 *
 * Screen stack: [0] is always the plan; F3/F5/F7/F1 replace what is above
 * it; the action screen goes on top of the screen it was opened from.
 */
#include <curses.h>
#include <fcntl.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "draft.h"
#include "ops.h"
#include "store_rows.h"
#include "tui.h"
#include "tui_priv.h"

static void on_signal(int sig)
{
	app_set_signal(sig);	/* a store to a sig_atomic_t */
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

/* ---- Dispatch ---- */

void tui_show_plan(struct app *a)
{
	app_show_root(a, NULL);
}

/* A dated copy next to the database, as `suivi backup` makes it. */
static int do_backup(struct app *a)
{
	char *dest = NULL;
	struct err e = {0};

	if (ops_backup(a->store, OPS_BACKUP_MANUAL, &dest, &e))
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
	struct screen *s = app_top(a);

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
	struct screen *s = app_top(a);

	if (k == TK(KEY_MOUSE))
		return REDRAW_ALL;
	switch (act) {
	case ACT_QUIT:
		a->quit = 1;
		return REDRAW_NONE;
	case ACT_HELP:
		app_show_root(a, &screen_help_ops);
		return REDRAW_ALL;
	case ACT_PRES:
		app_show_root(a, &screen_pres_ops);
		return REDRAW_ALL;
	case ACT_SYNTH:
		app_show_root(a, &screen_synth_ops);
		return REDRAW_ALL;
	case ACT_VERIFY:
		app_show_root(a, &screen_verify_ops);
		return REDRAW_ALL;
	case ACT_SERVICES:
		app_show_root(a, &screen_services_ops);
		return REDRAW_ALL;
	case ACT_EVOLUTION:
		app_show_root(a, &screen_evol_ops);
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
			app_show_root(a, NULL);
			s = app_top(a);
			a->search_dir = act == ACT_NEXT ? 1 : -1;
			r = s->ops->key(s, act, k);
			a->search_dir = 0;
			return r | REDRAW_ALL;
		}
		/* FALLTHROUGH */
	case ACT_FILTER: case ACT_SEARCH: case ACT_CLEAR: case ACT_ADD:
		/* The plan owns the filter: go back to it first. */
		if (s->ops != &screen_plan_ops && s->ops != &screen_action_ops) {
			app_show_root(a, NULL);
			s = app_top(a);
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
	y = mandate_year_now(&a->mandate);
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
	int rc = 0;

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
	else if (app_signal())
		fprintf(stderr, "suivi : interrompu (signal %d) ; tout ce qui "
		    "a été enregistré est conservé\n", (int)app_signal());
	if (app.draft_exit > 0)
		fputs("suivi : le texte en cours n'est pas enregistré dans la "
		    "base ; il est gardé en brouillon et vous sera proposé à la "
		    "prochaine ouverture\n", stderr);
	else if (app.draft_exit < 0)
		fprintf(stderr, "suivi : le texte en cours n'a pas pu être gardé "
		    "en brouillon (%s)\n", app.draft_exit_msg);
out:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	app_fini(&app);
	if (app_signal())
		rc = 128 + (int)app_signal();
	return rc;
}
