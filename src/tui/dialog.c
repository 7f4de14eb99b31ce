/*
 * dialog.c - the modal dialogs and prompts of the interface: a text with
 * a list of choices (app_choose, app_confirm, app_show_text) and the line
 * and text editors (app_ask_line, app_edit_text, app_edit_long_text, with
 * the draft kept while a long text is typed).
 *
 * Each dialog runs its own key loop (app_read_key) and paints the current
 * screen with itself on top (app_paint with an overlay); they return 0 on
 * OK or a choice, ERR_CANCELLED on Esc or when a signal asks to leave
 * (a->quit is then set).
 */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wctype.h>

#include "draft.h"
#include "tui_priv.h"

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
	/* cppcheck-suppress knownConditionTrueFalse ; body->w is not known */
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
		const char *hint = app_set_small_hint(NULL);
		int k;

		app_paint(a, app_too_small() ? NULL : dialog_overlay, &d);
		app_set_small_hint(hint);
		k = app_read_key(500);
		if (k == TK_QUIT) {
			a->quit = 1;
			break;
		}
		/* A hidden dialog takes no key: it waits for a larger window. */
		if (k == TK_NONE || k == TK(KEY_RESIZE) || app_too_small())
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

/* A paste arrives as a burst: the text key k and those right behind it
 * are inserted in one go, so that a large text does not cost a redraw per
 * key. Returns the key that ended the burst (TK_NONE: none came). */
static int insert_burst(struct editor *ed, int k)
{
	wchar_t chunk[4096];
	size_t n = 0;

	chunk[n++] = (wchar_t)k;
	for (;;) {
		k = app_read_key(0);
		if (!is_text_key(k) || (!ed->multiline &&
		    (k == '\n' || k == '\r')))
			break;
		chunk[n++] = (wchar_t)k;
		if (n == sizeof chunk / sizeof chunk[0]) {
			editor_insert(ed, chunk, n);
			n = 0;
		}
	}
	editor_insert(ed, chunk, n);
	return k;
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
		rc = err_nomem(&e);
	else
		rc = draft_save(as->k, text, clock_now(), &e);
	free(text);
	if (rc) {
		/* Said once per failure, then retried with the next change. */
		if (!as->failed)
			app_status(a, 1, "Brouillon non écrit (%s) : le texte "
			    "reste dans l'éditeur, enregistrez-le (F2).", e.msg);
		as->failed = 1;
		snprintf(a->draft_exit_msg, sizeof a->draft_exit_msg, "%s",
		    e.msg);
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
	a->draft_exit = as->saved == ed->gen ? 1 : -1;
	return a->draft_exit == 1 ? 0 : -1;
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
	const char *hint;
	int rc = ERR_CANCELLED, k = TK_NONE, pending = 0;

	if (editor_init(&ed, initial, multiline))
		return ERR_NOMEM;
	ed.modified = modified;
	as.k = multiline ? dk : NULL;
	/* A resumed draft or a retried save: that text is on disk already
	 * (draft_tick wrote it before the failed save). */
	as.seen = as.saved = ed.gen;
	hint = app_set_small_hint(NULL);	/* set again before each paint */
	for (;;) {
		draft_tick(a, &ed, &as, 0);
		if (!pending) {
			app_set_small_hint(edit_small_hint(&ed, &as));
			app_paint(a, app_too_small() ? NULL : edit_overlay, &c);
			k = app_read_key(500);
		}
		pending = 0;
		if (k == TK_QUIT && app_signal() == SIGINT && multiline &&
		    ed.modified) {
			/* Ctrl-C asks what Esc asks; a second Ctrl-C while
			 * asked leaves, keeping the text as a draft. */
			app_set_signal(0);
			draft_tick(a, &ed, &as, 1);	/* while asked */
			if (app_confirm(a, "Interrompre (Ctrl-C)", abandon_q)) {
				draft_drop(a, &ed, &as);
				app_set_signal(SIGINT);
				a->quit = 1;
				break;
			}
			if (!app_signal() && !a->quit)
				continue;
			if (!app_signal())
				app_set_signal(SIGINT);
			k = TK_QUIT;
		}
		if (k == TK_QUIT) {
			draft_keep(a, &ed, &as);
			a->quit = 1;
			break;
		}
		if (k == TK_NONE || k == TK(KEY_RESIZE))
			continue;
		if (app_too_small()) {
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
			tui_external_edit(a, &ed);
			continue;
		}
		if (k == TK(KEY_ENTER))
			k = '\n';
		if (is_text_key(k)) {
			if ((k = insert_burst(&ed, k)) != TK_NONE)
				pending = 1;
			continue;
		}
		editor_key(&ed, k);
	}
	app_set_small_hint(hint);
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
