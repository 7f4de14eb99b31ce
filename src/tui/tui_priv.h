/*
 * tui_priv.h - internals of the terminal interface, shared by the files of
 * src/tui/ and the unit tests of its pure functions.
 *
 * Three layers:
 * - pure helpers (layout.c, keys.c, widget_edit.c buffer ops): no curses
 *   calls, unit-tested;
 * - widgets (widget_*.c): know nothing of plans; they paint into the
 *   window they are given;
 * - screens (screen_*.c): a struct screen_ops each; key handlers change
 *   state and return REDRAW_* flags.
 * Around them: app.c owns the terminal (newterm, endwin; the external
 * editor, editor_ext.c, hands it over), the main loop and dispatch;
 * frame.c paints and reads keys (the only doupdate); session.c keeps the
 * screen stack and the mandate shown; dialog.c has the modal dialogs.
 * Nothing calls back into app.c.
 */
#ifndef SUIVI_TUI_PRIV_H
#define SUIVI_TUI_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "model.h"
#include "store.h"

/* ---- Keys ---- */

/* A key is a Unicode code point, or TK_FN_BASE + a curses KEY_* code, so
 * that characters like U+0151 never collide with function keys. */
#define TK_FN_BASE	0x110000
#define TK(k)		(TK_FN_BASE + (k))
#define TK_NONE		(-1)	/* timeout: nothing typed */
#define TK_QUIT		(-2)	/* a signal asked to leave */
#define TK_CTRL(c)	((c) & 0x1f)
#define TK_ESC		27

enum act {
	ACT_NONE = 0,
	ACT_HELP, ACT_EDIT, ACT_PRES, ACT_FILTER, ACT_SYNTH, ACT_EXPORT,
	ACT_VERIFY, ACT_QUIT, ACT_UNDO, ACT_SEARCH, ACT_NEXT, ACT_PREV,
	ACT_CLEAR, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
	ACT_ENTER, ACT_BACK, ACT_TOGGLE, ACT_PLAN, ACT_REDRAW,
	ACT_EVOLUTION, ACT_MANDATES, ACT_IMPORT, ACT_CYCLE, ACT_DELETE, ACT_ADD, ACT_HISTORY, ACT_BACKUP,
	ACT_SERVICES, ACT_SERVICE_CONTACT, ACT_REMINDERS,
	ACT_COUNT
};

struct key_binding {
	int key;
	enum act act;
	const char *name;	/* "F1", "?", "Entrée" */
	const char *label;	/* "Aide" (F1 help screen) */
	int bar;		/* position + 1 in the bottom bar, 0: not */
	const char *bar_label;	/* shorter label for the bar */
};

extern const struct key_binding tui_keys[];
extern const size_t tui_n_keys;

/* Action bound to key, ACT_NONE when none. */
enum act keys_lookup(int key);
/* Key of the bar button n (1-based), or TK_NONE. */
int keys_bar_key(int n, const struct key_binding **kb);

/* The buttons of the keys bar, from the key table, in order: their
 * numbers ("1" to "10", pointing into num_text) and labels. nums and
 * labels point into the struct itself: fill it where it is used. */
enum { KEYS_BAR_MAX = 10 };
struct keys_bar {
	int n;
	const char *nums[KEYS_BAR_MAX];
	const char *labels[KEYS_BAR_MAX];
	char num_text[KEYS_BAR_MAX][4];
};
void keys_bar_labels(struct keys_bar *b);

/* ---- Layout (pure) ---- */

struct rect {
	int y, x, h, w;
};

enum {
	TUI_MIN_ROWS = 24,
	TUI_MIN_COLS = 80,
};

/* The frame of every screen: top line, body, status line, keys bar.
 * Returns 0, or -1 when the terminal is smaller than 80x24 (then only
 * *body is set, to the whole terminal, for the message). */
int layout_frame(int rows, int cols, struct rect *top, struct rect *body,
    struct rect *status, struct rect *bar);

/* Columns of the plan list. */
struct plan_cols {
	int ref, title, progress, flags, pilot, updated;	/* widths */
	int x_ref, x_title, x_progress, x_flags, x_pilot, x_updated;
};
void layout_plan_cols(int width, struct plan_cols *c);

/* Buttons of the keys bar: x and width of each of n labels (mc style:
 * number then label), fitted into width. Returns the number that fit. */
int layout_bar(int width, const char *const *nums, const char *const *labels,
    int n, int *xs, int *ws);

/* Bytes of the UTF-8 string s that fit in maxw columns (whole characters;
 * newlines and tabs count as one column). *w receives the width used. */
size_t text_fit(const char *s, int maxw, int *w);
/* Display width of a wide character (unknown or control: 1, combining 0). */
int text_wcwidth(wchar_t c);
/* Converts UTF-8 to a new wide string (caller frees); *n its length. */
wchar_t *text_to_wcs(const char *s, size_t *n);
/* Converts wide characters to a new UTF-8 string (caller frees). */
char *text_from_wcs(const wchar_t *w, size_t n);
/* A progress bar of width cells for num/den: "████░░░░". Writes UTF-8
 * into buf (at least 3 * width + 1 bytes). */
void text_bar(char *buf, size_t size, int width, int num, int den);

/* One visual line of a wrapped text: characters [start, start + len) of
 * the buffer; width its display width (trailing spaces included). */
struct wrap_line {
	size_t start;
	size_t len;
	int width;
};

/* Word-wraps w[0..n) to width columns: breaks after spaces, cuts words
 * longer than a line, keeps newlines (the '\n' ends its line and is not
 * counted in len). Always at least one line. Caller frees *out. */
int text_wrap(const wchar_t *w, size_t n, int width, struct wrap_line **out,
    size_t *nlines);

/* ---- Editor buffer (widget_edit.c) ---- */

struct editor {
	wchar_t *buf;
	size_t len, cap;
	size_t cur;		/* cursor: index in buf */
	int multiline;		/* 0: one line (Enter confirms) */
	int modified;
	unsigned long gen;	/* bumped by every change of the text */
	int top;		/* first visual line shown */
	int width, height;	/* last drawn size */
	int want_col;		/* column kept when moving up and down */
	struct wrap_line *vl;	/* visual lines (not "lines": term.h) */
	size_t nvl;
};

int editor_init(struct editor *ed, const char *utf8, int multiline);
void editor_free(struct editor *ed);
/* Replaces the whole text (after the external editor). */
int editor_set_text(struct editor *ed, const char *utf8);
/* UTF-8 copy of the text; caller frees. */
char *editor_text(const struct editor *ed);
int editor_insert(struct editor *ed, const wchar_t *s, size_t n);
void editor_backspace(struct editor *ed);
void editor_delete(struct editor *ed);
/* Recomputes the wrap for width (call before moving by lines). */
int editor_layout(struct editor *ed, int width, int height);
void editor_left(struct editor *ed);
void editor_right(struct editor *ed);
void editor_up(struct editor *ed, int n);
void editor_down(struct editor *ed, int n);
void editor_home(struct editor *ed);
void editor_end(struct editor *ed);
/* Visual line and column of the cursor (after editor_layout). */
void editor_cursor_pos(const struct editor *ed, int *line, int *col);
/* Handles one editing key; returns 1 when it was one. */
int editor_key(struct editor *ed, int key);

/* ---- Widgets ---- */

struct _win_st;	/* WINDOW, without including curses.h here */

/* Scrolling list of n rows; selection, paging; skip() says which rows the
 * selection jumps over (headers). */
struct widget_list {
	size_t n;
	size_t sel;
	size_t top;
	int height;
	void *ctx;
	int (*skip)(void *ctx, size_t row);
	void (*draw_row)(void *ctx, struct _win_st *win, size_t row, int y,
	    int x, int w, int selected);
};

/* Rows a page moves until the first draw gives the list its height. */
enum { WL_HEIGHT_BEFORE_DRAW = 10 };

void widget_list_set_count(struct widget_list *l, size_t n);
/* Moves by delta rows (skipping rows skip() refuses); returns 1 if moved. */
int widget_list_move(struct widget_list *l, long delta);
int widget_list_select(struct widget_list *l, size_t row);
void widget_list_home(struct widget_list *l);
/* Moves the selection for the navigation actions (arrows, pages, Home,
 * End); returns 1 when act was one of them. */
int widget_list_nav(struct widget_list *l, enum act act);
/* A click at line y of the list drawn in r: WL_CLICK_OPEN when it lands on
 * the selected row (the screen opens it), WL_CLICK_MOVED when it selected
 * another row, WL_CLICK_NONE otherwise. */
enum { WL_CLICK_NONE, WL_CLICK_MOVED, WL_CLICK_OPEN };
int widget_list_click(struct widget_list *l, const struct rect *r, int y);
void widget_list_end(struct widget_list *l);
/* Adjusts top so that sel (and a header just above it) is visible. */
void widget_list_scroll(struct widget_list *l);
/* Row under screen line y of area r, or (size_t)-1. */
size_t widget_list_row_at(const struct widget_list *l, const struct rect *r,
    int y);
void widget_list_draw(struct widget_list *l, struct _win_st *win,
    const struct rect *r);

/* Prints s at (y, x) clipped to w columns with attr; pads with spaces up
 * to w when pad. Returns the columns used. */
int widget_put(struct _win_st *win, int y, int x, int w, const char *s,
    unsigned long attr, int pad);
/* Boxed dialog centred in area r: title, lines of text; returns the
 * inner rectangle. */
struct rect widget_box(struct _win_st *win, const struct rect *r, int h,
    int w, const char *title);
void widget_edit_draw(struct editor *ed, struct _win_st *win,
    const struct rect *r, int *cy, int *cx);

/* ---- Application ---- */

enum redraw {
	REDRAW_NONE = 0,
	REDRAW_BODY = 1,
	REDRAW_STATUS = 2,
	REDRAW_ALL = 3,
	REDRAW_RELOAD = 4,	/* data changed: every screen reloads */
};

struct app;
struct screen;

struct screen_ops {
	const char *name;	/* "Plan d'action" (top line) */
	int (*open)(struct screen *, struct err *);
	void (*close)(struct screen *);
	int (*reload)(struct screen *, struct err *);
	/* work left once the screen is drawn (NULL: none); returns 1 when
	 * it did some (the screen is drawn again), 0 when none is left,
	 * -ERR_* on failure */
	int (*idle)(struct screen *, struct err *);
	void (*draw)(struct screen *, struct _win_st *, const struct rect *,
	    int *cy, int *cx);
	int (*key)(struct screen *, enum act act, int key);
	/* mouse click at (y, x) inside the body; may be NULL */
	int (*click)(struct screen *, const struct rect *, int y, int x);
};

struct screen {
	const struct screen_ops *ops;
	struct app *app;
	void *priv;
	int64_t arg;		/* action id for the action screen */
	struct rect body;	/* last drawn body */
};

/* How a screen built on a list opens (screen_list.c): size bytes of
 * zeroed private state in s->priv, whose struct app *app is set and whose
 * struct widget_list list is wired to it (ctx the state, draw_row, skip,
 * NULL for none), then load(s, e). On failure the screen's close runs and
 * s->priv is NULL. LIST_SCREEN_STATE(type) gives the first three fields
 * for a state of type with members app and list. */
struct list_screen {
	size_t size, app_at, list_at;
	void (*draw_row)(void *ctx, struct _win_st *win, size_t row, int y,
	    int x, int w, int selected);
	int (*skip)(void *ctx, size_t row);
	int (*load)(struct screen *, struct err *);
};
#define LIST_SCREEN_STATE(type) \
	sizeof(type), offsetof(type, app), offsetof(type, list)
int screen_list_open(struct screen *s, const struct list_screen *ls,
    struct err *e);

extern const struct screen_ops screen_plan_ops;
extern const struct screen_ops screen_action_ops;
extern const struct screen_ops screen_pres_ops;
extern const struct screen_ops screen_synth_ops;
extern const struct screen_ops screen_verify_ops;
extern const struct screen_ops screen_help_ops;
extern const struct screen_ops screen_evol_ops;
extern const struct screen_ops screen_carry_ops;
extern const struct screen_ops screen_services_ops;

/* Current filter and search of the plan screen, shared with frame.c for
 * the top line. */
struct plan_view {
	struct action_filter filter;
	char *pilot;
	char *search;
	char service[256];	/* filter.service points here when set */
};
struct app {
	struct store *store;
	int64_t mandate_id;
	struct mandate mandate;
	struct collectivite coll;
	struct referential *ref;
	int readonly;		/* archived mandate or read-only file */
	int db_readonly;	/* the file itself cannot be written */
	int colors;		/* 0: monochrome or NO_COLOR */
	char status[512];
	int status_err;
	struct screen stack[4];
	int depth;
	int64_t data_version;
	int quit;
	int current_year;	/* clamped to the mandate */
	struct plan_view view;	/* filter and search of the plan */
	int search_dir;		/* n/N asked from another screen */
	int archive_review_ok;	/* confirmed: edit the archived mandate's
				   final review (reset on mandate change) */
	const char *log_path;
	/* How leaving left the text being typed (dialog.c), for the message
	 * after endwin: 1 kept as a draft, -1 could not be (why), 0 none. */
	int draft_exit;
	char draft_exit_msg[300];
};

/* The screen on top of the stack. */
static inline struct screen *app_top(struct app *a)
{
	return &a->stack[a->depth - 1];
}

/* Colour pairs (when app->colors). */
enum { PAIR_PRIORITY = 1, PAIR_TOP, PAIR_BAR, PAIR_OK, PAIR_WARN };

/* Attribute of a priority row (blue background, or none in monochrome). */
unsigned long app_attr_priority(const struct app *a);

void app_status(struct app *a, int is_err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The screen stack (session.c). Opens screen ops on top of the stack
 * (arg: action id). */
int app_push(struct app *a, const struct screen_ops *ops, int64_t arg);
void app_pop(struct app *a);
/* Back to the plan, then ops on top of it (NULL: the plan alone). */
void app_show_root(struct app *a, const struct screen_ops *ops);
/* Refuses (with a message) when read-only; returns 1 if refused. */
int app_refuse_readonly(struct app *a);

/* The final review (yearly reviews, assessments) of an archived mandate
 * may change after a confirmation, as with the command line's
 * --modifier-archive; returns 1 when the edit may go on (writable
 * mandate, or confirmed), else 0 with a message. */
int app_allow_final_review(struct app *a);

/* Writes wait about TUI_BUSY_MS for another user's lock, TUI_LOCK_TRIES
 * times. After a write returned rc: 1 when it was ERR_LOCKED and another
 * try is due (the status line says so at once), else 0. Usage:
 *   do rc = store_...(...); while (app_retry_locked(a, rc, &tries)); */
enum { TUI_BUSY_MS = 1000, TUI_LOCK_TRIES = 4 };
int app_retry_locked(struct app *a, int rc, int *tries);
/* Repaints the status line alone, now (a dialog above the screen stays
 * as it is). */
void app_flash_status(struct app *a);

/* The frame and keys for every loop: the main one (app.c) and the modal
 * ones (dialog.c, editor_ext.c); in frame.c. */
typedef void (*overlay_fn)(struct app *a, void *ctx, const struct rect *body,
    int *cy, int *cx);
/* Paints the frame and the top screen, then overlay (NULL: none) on top;
 * on a terminal under 80x24, the too-small message instead. */
void app_paint(struct app *a, overlay_fn overlay, void *ctx);
/* The next key (a code point, TK(KEY_*)), TK_NONE after timeout_ms, or
 * TK_QUIT when a signal asks to leave or the terminal went away. */
int app_read_key(int timeout_ms);
/* 1 when the terminal is under 80x24 (the too-small message shows). */
int app_too_small(void);
/* What the too-small message says q does ("(q pour quitter)"; NULL:
 * nothing). Returns the previous hint, to put back. */
const char *app_set_small_hint(const char *hint);
/* The signal that asked to leave (0: none); app_set_signal(0) forgets
 * it (a Ctrl-C answered by a question). */
int app_signal(void);
void app_set_signal(int sig);

/* Runs the external editor on ed's text (editor_ext.c); the text changes
 * only when the editor exited cleanly with UTF-8. Returns 0 or an error
 * already shown on the status line. */
int tui_external_edit(struct app *a, struct editor *ed);

/* Modal dialogs (dialog.c): each runs its own key loop over the current
 * screen. They return 0 on OK/choice, ERR_CANCELLED on Esc (or a
 * signal). */
int app_ask_line(struct app *a, const char *title, const char *initial,
    char **out);
int app_edit_text(struct app *a, const char *title, const char *initial,
    char **out);
/* Choice among n items; *choice receives the index. */
int app_choose(struct app *a, const char *title, const char *const *items,
    int n, int *choice);
/* Same, under a scrollable text. */
int app_choose_text(struct app *a, const char *title, const char *text,
    const char *const *items, int n, int *choice);
/* Yes/no question ("Non" preselected); returns 1 for yes. */
int app_confirm(struct app *a, const char *title, const char *text);
/* Shows a scrollable text until a key; with question, asks o/n and
 * returns 1 for yes. */
int app_show_text(struct app *a, const char *title, const char *text,
    const char *question);

/* Shows the journal of an action (who changed what, when) in a scrollable
 * dialog. Returns redraw flags. */
int tui_show_history(struct app *a, int64_t action_id);

/* Saving an action (screen_action.c): applies the edits to a copy of
 * *cur, stores it, handles conflicts and locks; on success replaces *cur.
 * Returns 0, ERR_CANCELLED, or an error already reported in the status. */
struct field_edit {
	enum field_id f;
	const char *value;
};
int tui_save_action(struct app *a, struct action **cur,
    const struct field_edit *edits, size_t n);

/* One-line French description of the active filter ("" when none). */
void tui_filter_describe(const struct action_filter *f, char *buf,
    size_t n);
/* Problem with the terminal or locale, as a French message; NULL when
 * the interface can start. term may be NULL (unset). */
const char *tui_env_problem(const char *term, const char *codeset);

/* F6: exports a year's spreadsheet, asking the year and the file name
 * (export_ui.c). Returns REDRAW_* flags. */
int tui_export(struct app *a);

/* Back to the plan (the root screen), above it nothing. */
void tui_show_plan(struct app *a);

/* Opens the action ref on top of the stack. */
int tui_open_action_ref(struct app *a, const char *ref);

/* Shows mandate id (an archived one read-only): loads its referential,
 * clears the filter and goes back to its plan. On failure nothing
 * changes. */
int app_set_mandate(struct app *a, int64_t id, struct err *e);

/* m: the list of mandates, to switch, and the carry-over assistant
 * (screen_carry.c). Returns REDRAW_* flags. */
int tui_mandates(struct app *a);
/* Offers the carry-over assistant when the shown mandate follows another
 * and has no action yet (at start-up). */
void tui_offer_carry(struct app *a);
/* i: import a spreadsheet, dry run first (import_ui.c). */
int tui_import(struct app *a);
/* u: undoes the last change, asking first unless it is a plain field
 * edit (undo_ui.c). Returns REDRAW_* flags. */
int tui_undo(struct app *a);

#endif
