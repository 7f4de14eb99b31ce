/*
 * app.c - the terminal interface: start-up checks, the main loop, the
 * dispatcher of the key table, the frame (top line, status line, keys
 * bar), the modal dialogs and the external editor.
 *
 * Owns the terminal: it is the only file that calls newterm, doupdate and
 * endwin. Screens (screen_*.c) and widgets paint into stdscr when app.c
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
#include <sys/wait.h>
#include <term.h>
#include <termios.h>
#include <time.h>
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

/* The F6 export lives in export_ui.c (tui_export_hook). */

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

static int read_key(int timeout_ms)
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

typedef void (*overlay_fn)(struct app *a, void *ctx, const struct rect *body,
    int *cy, int *cx);

/* What the too-small screen offers, as true as the loop reading the keys
 * makes it: the main loop and an editor say what q does there; a dialog
 * offers nothing (its keys wait for a larger window). */
static const char *small_hint = "(q pour quitter)";

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
	const char *nums[16], *labels[16];
	char numbuf[16][4];
	int xs[16], ws[16], n = 0, i, fit;

	for (i = 1; i <= 10; i++) {
		const struct key_binding *kb;

		if (keys_bar_key(i, &kb) == TK_NONE)
			continue;
		snprintf(numbuf[n], sizeof numbuf[n], "%d", i);
		nums[n] = numbuf[n];
		labels[n] = kb->bar_label;
		n++;
	}
	fit = layout_bar(r->w, nums, labels, n, xs, ws);
	widget_put(stdscr, r->y, r->x, r->w, "", A_NORMAL, 1);
	for (i = 0; i < fit; i++) {
		int nw = (int)utf8_width(nums[i]);

		widget_put(stdscr, r->y, r->x + xs[i], nw, nums[i], A_BOLD, 0);
		widget_put(stdscr, r->y, r->x + xs[i] + nw, ws[i] - nw,
		    labels[i], A_REVERSE, 1);
	}
}

static void paint(struct app *a, overlay_fn overlay, void *ctx)
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

static int too_small(void)
{
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	return rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS;
}

/* ---- Dialog: text, then a list of choices ---- */

struct dialog {
	const char *title;
	wchar_t *text;
	size_t text_len;
	const char *const *items;
	int n;
	int sel;
	int scroll;
	int iscroll;		/* first item shown when they do not fit */
	int text_lines;		/* visible text lines last painted */
	size_t total_lines;
};

static void dialog_overlay(struct app *a, void *ctx, const struct rect *body,
    int *cy, int *cx)
{
	struct dialog *d = ctx;
	struct wrap_line *l = NULL;
	size_t nl = 0;
	int w, h, th, y, iv, j;
	struct rect in;

	(void)a;
	w = body->w - 4 < 100 ? body->w - 4 : 100;
	if (w < 20)
		w = body->w;
	if (d->text && text_wrap(d->text, d->text_len, w - 4, &l, &nl))
		return;
	th = (int)nl;
	h = th + d->n + 2 + (th ? 1 : 0);
	if (h > body->h)
		h = body->h;
	in = widget_box(stdscr, body, h, w, d->title);
	/* Items that do not fit scroll, keeping a few lines of text. */
	iv = d->n;
	if (iv + (nl ? 2 : 0) > in.h) {
		iv = in.h - (nl ? (nl < 3 ? (int)nl : 3) + 1 : 0);
		if (iv < 1)
			iv = 1;
	}
	if (d->sel < d->iscroll)
		d->iscroll = d->sel;
	if (d->sel >= d->iscroll + iv)
		d->iscroll = d->sel - iv + 1;
	th = in.h - iv - (nl ? 1 : 0);
	if (th < 0)
		th = 0;
	d->text_lines = th;
	d->total_lines = nl;
	if (d->scroll > (int)nl - th)
		d->scroll = (int)nl - th > 0 ? (int)nl - th : 0;
	for (y = 0; y < th && (size_t)(d->scroll + y) < nl; y++) {
		const struct wrap_line *wl = &l[d->scroll + y];
		char *s = text_from_wcs(d->text + wl->start, wl->len);

		widget_put(stdscr, in.y + y, in.x, in.w, s, A_NORMAL, 0);
		free(s);
	}
	if (nl > (size_t)th && th > 0)
		widget_put(stdscr, in.y + th - 1, in.x + in.w - 12, 12,
		    " (PgSuiv…) ", A_DIM, 0);
	for (j = 0; j < iv && d->iscroll + j < d->n; j++) {
		int i = d->iscroll + j, yy = in.y + in.h - iv + j;
		char buf[300];

		snprintf(buf, sizeof buf, " %s ", d->items[i]);
		widget_put(stdscr, yy, in.x, in.w, buf,
		    i == d->sel ? A_REVERSE : A_NORMAL, 1);
		if ((j == 0 && d->iscroll > 0) ||
		    (j == iv - 1 && d->iscroll + iv < d->n))
			widget_put(stdscr, yy, in.x + in.w - 2, 2, j == 0 &&
			    d->iscroll > 0 ? " ↑" : " ↓", A_BOLD, 1);
		if (i == d->sel) {
			*cy = yy;
			*cx = in.x;
		}
	}
	free(l);
}

static int hotkey_of(const char *item)
{
	wchar_t *w = text_to_wcs(item, NULL);
	int k = w && w[0] ? (int)towlower((wint_t)w[0]) : 0;

	free(w);
	return k;
}

/* Runs a dialog; returns 0 with *choice, or ERR_CANCELLED. */
static int dialog_run(struct app *a, const char *title, const char *text,
    const char *const *items, int n, int *choice)
{
	struct dialog d;
	int rc = ERR_CANCELLED, i;

	memset(&d, 0, sizeof d);
	if (*choice >= 0 && *choice < n)
		d.sel = *choice;
	d.title = title;
	d.items = items;
	d.n = n;
	if (text && !(d.text = text_to_wcs(text, &d.text_len)))
		return ERR_NOMEM;
	for (;;) {
		const char *hint = small_hint;
		int k;

		small_hint = NULL;
		paint(a, too_small() ? NULL : dialog_overlay, &d);
		small_hint = hint;
		k = read_key(500);
		if (k == TK_QUIT) {
			a->quit = 1;
			break;
		}
		/* A hidden dialog takes no key: it waits for a larger window. */
		if (k == TK_NONE || k == TK(KEY_RESIZE) || too_small())
			continue;
		if (k == TK_ESC) {
			break;
		} else if (k == TK(KEY_UP) || k == 'k') {
			if (d.sel > 0)
				d.sel--;
		} else if (k == TK(KEY_DOWN) || k == 'j' || k == '\t') {
			if (d.sel + 1 < n)
				d.sel++;
		} else if (k == TK(KEY_HOME)) {
			d.sel = 0;
		} else if (k == TK(KEY_END)) {
			d.sel = n - 1;
		} else if (k == TK(KEY_NPAGE) || k == ' ') {
			d.scroll += d.text_lines > 1 ? d.text_lines - 1 : 1;
		} else if (k == TK(KEY_PPAGE)) {
			d.scroll -= d.text_lines > 1 ? d.text_lines - 1 : 1;
			if (d.scroll < 0)
				d.scroll = 0;
		} else if (k == '\n' || k == '\r' || k == TK(KEY_ENTER)) {
			*choice = d.sel;
			rc = 0;
			break;
		} else if (k < TK_FN_BASE && k > ' ') {
			for (i = 0; i < n; i++)
				if (hotkey_of(items[i]) == (int)towlower(
				    (wint_t)k)) {
					*choice = i;
					rc = 0;
					break;
				}
			if (!rc)
				break;
		}
	}
	free(d.text);
	return rc;
}

int app_choose_text(struct app *a, const char *title, const char *text,
    const char *const *items, int n, int *choice)
{
	return dialog_run(a, title, text, items, n, choice);
}

int app_choose(struct app *a, const char *title, const char *const *items,
    int n, int *choice)
{
	return dialog_run(a, title, NULL, items, n, choice);
}

int app_confirm(struct app *a, const char *title, const char *text)
{
	static const char *const yn[] = { "Oui", "Non" };
	int c = 1;

	if (dialog_run(a, title, text, yn, 2, &c))
		return 0;
	return c == 0;
}

int app_show_text(struct app *a, const char *title, const char *text,
    const char *question)
{
	static const char *const close_item[] = { "Fermer" };
	struct strbuf sb = {0};
	int c = 0, rc;

	if (!question) {
		dialog_run(a, title, text, close_item, 1, &c);
		return 0;
	}
	sb_printf(&sb, "%s\n\n%s", question, text);
	rc = app_confirm(a, title, sb_str(&sb));
	sb_free(&sb);
	return rc;
}

/* ---- External editor ---- */

/* Splits an $EDITOR value on spaces (no shell: no quoting, no expansion)
 * and appends the file. */
static void exec_editor(const char *cmd, const char *file)
{
	char buf[1024], *argv[32], *p, *save = NULL;
	int n = 0;

	snprintf(buf, sizeof buf, "%s", cmd);
	for (p = strtok_r(buf, " \t", &save); p && n < 30;
	    p = strtok_r(NULL, " \t", &save))
		argv[n++] = p;
	if (!n)
		return;
	argv[n++] = (char *)file;
	argv[n] = NULL;
	execvp(argv[0], argv);
}

static int external_edit(struct app *a, struct editor *ed)
{
	char path[] = "/tmp/suivi-XXXXXX";
	const char *tmpdir = getenv("TMPDIR");
	char pbuf[4096];
	char *text = NULL, *out = NULL;
	size_t len = 0;
	struct err e = {0};
	int fd, status = 0, rc = 0, fork_errno;
	pid_t pid;
	struct sigaction ign, old_int;

	if (tmpdir && *tmpdir && strlen(tmpdir) < sizeof pbuf - 20)
		snprintf(pbuf, sizeof pbuf, "%s/suivi-XXXXXX", tmpdir);
	else
		snprintf(pbuf, sizeof pbuf, "%s", path);
	if ((fd = mkstemp(pbuf)) < 0) {
		app_status(a, 1, "Éditeur externe : fichier temporaire "
		    "impossible (%s)", err_fr_errno(errno));
		return ERR_IO;
	}
	text = editor_text(ed);
	if (!text || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		unlink(pbuf);
		free(text);
		app_status(a, 1, "Éditeur externe : écriture impossible de %s",
		    pbuf);
		return ERR_IO;
	}
	close(fd);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	pid = fork();
	fork_errno = errno;
	if (pid == 0) {
		const char *v = getenv("VISUAL"), *ev = getenv("EDITOR");
		int dn;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		/* Give the editor the real terminal back on stderr. */
		if ((dn = open("/dev/tty", O_WRONLY)) >= 0)
			dup2(dn, 2);
		if (v && *v)
			exec_editor(v, pbuf);
		if (ev && *ev)
			exec_editor(ev, pbuf);
		exec_editor("sensible-editor", pbuf);
		exec_editor("vi", pbuf);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0) {
		app_status(a, 1, "Éditeur externe : lancement impossible (%s) ; "
		    "le texte n'a pas changé, rien n'est enregistré",
		    err_fr_errno(fork_errno));
		rc = ERR_IO;
		goto out;
	}
	if (WIFSIGNALED(status)) {
		app_status(a, 1, "Éditeur externe : il s'est arrêté brutalement "
		    "(signal %d) ; le texte n'a pas changé, rien n'est "
		    "enregistré", WTERMSIG(status));
		rc = ERR_IO;
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			app_status(a, 1, "Éditeur externe : aucun éditeur trouvé "
			    "(réglez la variable EDITOR) ; le texte n'a pas "
			    "changé");
		else
			app_status(a, 1, "Éditeur externe : il a signalé une "
			    "erreur (code %d) ; le texte n'a pas changé, rien "
			    "n'est enregistré", WIFEXITED(status) ?
			    WEXITSTATUS(status) : -1);
		rc = ERR_IO;
		goto out;
	}
	if (file_read_all(pbuf, MODEL_MAX_TEXT * 4, &out, &len, &e)) {
		app_status(a, 1, "Éditeur externe : %s", e.msg);
		rc = ERR_IO;
		goto out;
	}
	if (!utf8_valid(out, len)) {
		app_status(a, 1, "Éditeur externe : le texte n'est pas en "
		    "UTF-8 ; il n'a pas été repris");
		rc = ERR_INVALID;
		goto out;
	}
	/* Editors add a final newline. */
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	if (strcmp(out, text) != 0) {
		editor_set_text(ed, out);
		ed->modified = 1;
	}
	app_status(a, 0, "Texte repris de l'éditeur externe.");
out:
	unlink(pbuf);
	free(text);
	free(out);
	return rc;
}

/* ---- Editor dialog ---- */

struct edit_ctx {
	const char *title;
	struct editor *ed;
};

static void edit_overlay(struct app *a, void *ctx, const struct rect *body,
    int *cy, int *cx)
{
	struct edit_ctx *c = ctx;
	struct rect in, text;
	int h, w;

	(void)a;
	w = body->w - 2;
	h = c->ed->multiline ? body->h : 5;
	in = widget_box(stdscr, body, h, w, c->title);
	text = in;
	text.h = in.h - 1;
	if (text.h < 1)
		return;
	widget_edit_draw(c->ed, stdscr, &text, cy, cx);
	widget_put(stdscr, in.y + in.h - 1, in.x, in.w, c->ed->multiline ?
	    "F2/Ctrl-S enregistrer · Échap annuler · Ctrl-E éditeur externe"
	    : "Entrée valider · Échap annuler", A_DIM, 1);
}

static int is_text_key(int k)
{
	return k >= 0 && k < TK_FN_BASE && (k >= 32 || k == '\n' ||
	    k == '\r' || k == '\t') && k != 127;
}

/* Draft of the text being edited (draft.h): when to write it. */
struct autosave {
	const struct draft_key *k;	/* NULL: this text has no draft */
	unsigned long seen;		/* ed->gen last looked at */
	unsigned long saved;		/* ed->gen written (or on disk) */
	int64_t changed_ms;		/* last change */
	int64_t pending_ms;		/* first change not yet written, or 0 */
	int failed;			/* the last write failed */
};

/* How leaving the interface left the text being typed, for the message
 * after endwin (tui_run). */
static int draft_exit;		/* 1: kept as a draft, -1: could not be */
static char draft_exit_msg[300];

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int draft_write_now(struct app *a, struct editor *ed,
    struct autosave *as)
{
	struct err e = {0};
	char *text = editor_text(ed);
	int rc;

	if (!text)
		rc = err_set(&e, ERR_NOMEM, "mémoire insuffisante");
	else
		rc = draft_save(as->k, text, clock_now(), &e);
	free(text);
	if (rc) {
		/* Said once per failure, then retried with the next change. */
		if (!as->failed)
			app_status(a, 1, "Brouillon non écrit (%s) : le texte "
			    "reste dans l'éditeur, enregistrez-le (F2).", e.msg);
		as->failed = 1;
		snprintf(draft_exit_msg, sizeof draft_exit_msg, "%s", e.msg);
		as->changed_ms = mono_ms();
		return rc;
	}
	if (as->failed)
		app_status(a, 0, "Brouillon écrit.");
	as->failed = 0;
	as->saved = ed->gen;
	as->pending_ms = 0;
	return 0;
}

/* From the editor's loop (its read times out every 500 ms): writes the
 * draft DRAFT_DELAY_S seconds after the last change, or
 * DRAFT_MAX_DELAY_S after the first unwritten one while typing goes on;
 * force: now (leaving, or about to save). */
static void draft_tick(struct app *a, struct editor *ed, struct autosave *as,
    int force)
{
	int64_t now;

	if (!as->k || !ed->modified)
		return;
	now = mono_ms();
	if (ed->gen != as->seen) {
		as->seen = ed->gen;
		as->changed_ms = now;
		if (!as->pending_ms)
			as->pending_ms = now;
	}
	if (as->saved == ed->gen)
		return;
	if (!force && now - as->changed_ms < DRAFT_DELAY_S * 1000 &&
	    now - as->pending_ms < DRAFT_MAX_DELAY_S * 1000)
		return;
	draft_write_now(a, ed, as);
}

/* Leaving with the text unsaved (a signal, q on the too-small screen):
 * its draft is written now. Returns 0 when it is on disk (or there was
 * nothing to keep). */
static int draft_keep(struct app *a, struct editor *ed, struct autosave *as)
{
	if (!as->k || !ed->modified)
		return 0;
	draft_tick(a, ed, as, 1);
	draft_exit = as->saved == ed->gen ? 1 : -1;
	return draft_exit == 1 ? 0 : -1;
}

/* The text was abandoned on purpose: its draft goes too. */
static void draft_drop(struct app *a, struct editor *ed, struct autosave *as)
{
	struct err e = {0};

	if (!as->k || !ed->modified)
		return;
	if (draft_remove(as->k, &e))
		app_status(a, 1, "%s", e.msg);
}

/* What q does on the too-small screen over this editor (small_hint). */
static const char *edit_small_hint(const struct editor *ed,
    const struct autosave *as)
{
	if (!ed->multiline || !ed->modified)
		return "(q pour quitter)";
	if (!as->k)
		return "(agrandissez-la pour enregistrer ou abandonner le "
		    "texte en cours)";
	if (as->failed)
		return "(le brouillon n'a pas pu être écrit : agrandissez-la "
		    "pour enregistrer le texte)";
	return "(q pour quitter : le texte en cours sera gardé en brouillon)";
}

static const char abandon_q[] = "Abandonner les modifications de ce texte ?";

static int edit_run(struct app *a, const char *title, const char *initial,
    int multiline, int modified, const struct draft_key *dk, char **out)
{
	struct editor ed;
	struct edit_ctx c = { title, &ed };
	struct autosave as = {0};
	const char *hint = small_hint;
	int rc = ERR_CANCELLED, k = TK_NONE, pending = 0;

	if (editor_init(&ed, initial, multiline))
		return ERR_NOMEM;
	ed.modified = modified;
	as.k = multiline ? dk : NULL;
	/* A resumed draft or a retried save: that text is on disk already
	 * (draft_tick wrote it before the failed save). */
	as.seen = as.saved = ed.gen;
	for (;;) {
		draft_tick(a, &ed, &as, 0);
		if (!pending) {
			small_hint = edit_small_hint(&ed, &as);
			paint(a, too_small() ? NULL : edit_overlay, &c);
			k = read_key(500);
		}
		pending = 0;
		if (k == TK_QUIT && sig_quit == SIGINT && multiline &&
		    ed.modified) {
			/* Ctrl-C asks what Esc asks; a second Ctrl-C while
			 * asked leaves, keeping the text as a draft. */
			sig_quit = 0;
			draft_tick(a, &ed, &as, 1);	/* while asked */
			if (app_confirm(a, "Interrompre (Ctrl-C)", abandon_q)) {
				draft_drop(a, &ed, &as);
				sig_quit = SIGINT;
				a->quit = 1;
				break;
			}
			if (!sig_quit && !a->quit)
				continue;
			if (!sig_quit)
				sig_quit = SIGINT;
			k = TK_QUIT;
		}
		if (k == TK_QUIT) {
			draft_keep(a, &ed, &as);
			a->quit = 1;
			break;
		}
		if (k == TK_NONE || k == TK(KEY_RESIZE))
			continue;
		if (too_small()) {
			/* The text is hidden: no key reaches it. q does what
			 * the screen says (edit_small_hint). */
			if (keys_lookup(k) != ACT_QUIT ||
			    (multiline && ed.modified && !as.k))
				continue;
			if (draft_keep(a, &ed, &as))
				continue;
			a->quit = 1;
			break;
		}
		if (k == TK(KEY_F(2)) || k == TK_CTRL('s') ||
		    (!multiline && (k == '\n' || k == '\r' ||
		    k == TK(KEY_ENTER)))) {
			/* Kept until the caller has saved it (a conflict
			 * dialog may still come, or a closed terminal). */
			draft_tick(a, &ed, &as, 1);
			*out = editor_text(&ed);
			rc = *out ? 0 : ERR_NOMEM;
			break;
		}
		if (k == TK_ESC) {
			/* One line holds nothing worth a question: Esc
			 * cancels it at once. */
			if (!multiline || !ed.modified)
				break;
			draft_tick(a, &ed, &as, 1);	/* while asked */
			if (app_confirm(a, "Abandonner", abandon_q)) {
				draft_drop(a, &ed, &as);
				break;
			}
			if (a->quit) {	/* a signal while asked */
				draft_keep(a, &ed, &as);
				break;
			}
			continue;
		}
		if (k == TK_CTRL('e')) {
			external_edit(a, &ed);
			continue;
		}
		if (k == TK(KEY_ENTER))
			k = '\n';
		if (is_text_key(k)) {
			/* A paste arrives as a burst: insert it in one go so
			 * that a large text does not cost a redraw per key. */
			wchar_t chunk[4096];
			size_t n = 0;

			chunk[n++] = (wchar_t)k;
			for (;;) {
				k = read_key(0);
				if (!is_text_key(k) || (!multiline &&
				    (k == '\n' || k == '\r')))
					break;
				chunk[n++] = (wchar_t)k;
				if (n == sizeof chunk / sizeof chunk[0]) {
					editor_insert(&ed, chunk, n);
					n = 0;
				}
			}
			editor_insert(&ed, chunk, n);
			if (k != TK_NONE)
				pending = 1;
			continue;
		}
		editor_key(&ed, k);
	}
	small_hint = hint;
	editor_free(&ed);
	return rc;
}

int app_ask_line(struct app *a, const char *title, const char *initial,
    char **out)
{
	return edit_run(a, title, initial, 0, 0, NULL, out);
}

int app_edit_text(struct app *a, const char *title, const char *initial,
    char **out)
{
	return edit_run(a, title, initial, 1, 0, NULL, out);
}

int app_edit_long_text(struct app *a, const char *title, const char *initial,
    int modified, const struct draft_key *k, char **out)
{
	return edit_run(a, title, initial, 1, modified, k, out);
}

/* ---- Dispatch ---- */

void tui_show_plan(struct app *a)
{
	show_root_then(a, NULL);
}

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
	case ACT_SERVICES:
		show_root_then(a, &screen_services_ops);
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
		return tui_export_hook(a);
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

		paint(a, NULL, NULL);
		if (run_idle(a))
			continue;
		k = read_key(500);
		if (k == TK_QUIT)
			break;
		if (k == TK_NONE) {
			poll_changes(a);
			continue;
		}
		if (k == TK(KEY_RESIZE))
			continue;
		if (too_small()) {
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
	else if (sig_quit)
		fprintf(stderr, "suivi : interrompu (signal %d) ; tout ce qui "
		    "a été enregistré est conservé\n", (int)sig_quit);
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
