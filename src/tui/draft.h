/*
 * draft.h - drafts of the long texts being typed in the interface
 * (draft.c: files; draft_ui.c: offering them back at start-up).
 *
 * Private to src/tui/ and its unit test. No curses here.
 */
#ifndef SUIVI_TUI_DRAFT_H
#define SUIVI_TUI_DRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "util.h"

/* Seconds after the last change before the editor writes its draft, and
 * the longest a change stays unwritten while typing goes on. */
enum { DRAFT_DELAY_S = 3, DRAFT_MAX_DELAY_S = 15 };

/* What a draft belongs to. Strings borrowed. */
struct draft_key {
	const char *base;	/* database path as opened (made absolute) */
	int64_t action_id;
	const char *ref;	/* N° of the action, for the messages */
	const char *field;	/* field name: "description" */
};

/* One draft file: every string owned. */
struct draft {
	char *base;		/* absolute path of the database */
	char *login;
	int64_t action_id;
	char *ref;
	char *field;
	int64_t saved_at;	/* epoch seconds */
	char *text;		/* the text, byte for byte (NUL-terminated) */
	size_t text_len;
	char *path;		/* the file it was read from (draft_list) */
};

void draft_clear(struct draft *d);

/* The drafts directory into buf: $XDG_STATE_HOME/suivi when that is an
 * absolute path, else $HOME/.local/state/suivi (HOME from the passwd
 * entry when unset). ERR_INVALID when no directory can be named. */
int draft_dir(char *buf, size_t n, struct err *e);

/* The absolute, resolved form of a database path (symbolic links and
 * ".." resolved when the file exists), into buf. */
int draft_base(const char *db_path, char *buf, size_t n, struct err *e);

/* File name (no directory) of the draft of (base, login, action, field):
 * one per login, base, action and field; the base appears as a hash,
 * the full path is inside the file. */
int draft_file_name(const char *base, const char *login, int64_t action_id,
    const char *field, char *buf, size_t n);

/* The file's bytes for d (d->path ignored) into sb. The text is stored
 * as is, after a header that gives its length: any bytes round-trip. */
int draft_serialize(const struct draft *d, struct strbuf *sb);
/* Parses what draft_serialize wrote into *out (owned by the caller).
 * ERR_INVALID, naming what is wrong, for anything else (truncated file,
 * unknown version). */
int draft_parse(const char *buf, size_t len, struct draft *out,
    struct err *e);

/* Writes the draft of k for the current login (user_login()) with text:
 * creates the directory (mode 0700), writes a temporary file (0600),
 * syncs it and renames it over the previous draft. */
int draft_save(const struct draft_key *k, const char *text, int64_t when,
    struct err *e);
/* Deletes the draft of k for the current login; 0 when none was there. */
int draft_remove(const struct draft_key *k, struct err *e);
/* The drafts of base for the current login, oldest first; unreadable
 * files are skipped. Caller frees with draft_list_free. */
int draft_list(const char *base, struct draft **out, size_t *n,
    struct err *e);
void draft_list_free(struct draft **list, size_t n);

/* ---- Editor with drafts (dialog.c), resuming (screen_action.c) ---- */

struct app;

/* A draft_key with its own copies of the strings (the action it was
 * made from may be freed by a save). */
struct draft_slot {
	struct draft_key k;
	char base[4096];
	char ref[64];
	char field[64];
};
/* Fills s for field_name of action (id, ref) of the open base. */
int tui_draft_slot(struct app *a, int64_t action_id, const char *ref,
    const char *field_name, struct draft_slot *s);

/* The multi-line editor of a long text of an action, keeping a draft of
 * what is typed (see draft_save) every DRAFT_DELAY_S seconds, on
 * SIGHUP/SIGTERM and when leaving through the too-small screen; an
 * abandoned text loses its draft. modified: the text differs from the
 * stored one (resumed draft, retry after a failed save). The caller
 * removes the draft once the text is saved. As app_edit_text. */
int app_edit_long_text(struct app *a, const char *title, const char *initial,
    int modified, const struct draft_key *k, char **out);

/* Opens action_id and its field's editor on text (a draft taken back).
 * Returns 0 when the editor ran (saved or not), else an error with the
 * status line set. */
int tui_action_resume_draft(struct app *a, int64_t action_id,
    const char *field, const char *text);

/* At start-up: offers each draft of this base and login back
 * (reprendre, ignorer, supprimer). */
void tui_offer_drafts(struct app *a);

#endif
