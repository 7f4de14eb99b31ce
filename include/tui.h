/*
 * tui.h - the terminal interface (ncursesw). Only tui_run is public.
 */
#ifndef SUIVI_TUI_H
#define SUIVI_TUI_H

#include "store.h"

struct tui_opts {
	struct store *store;	/* open database (borrowed) */
	int64_t mandate_id;	/* mandate to show */
	int readonly;		/* archived mandate or read-only file */
	const char *data_dir;	/* data/ directory (referentials) */
};

/* Runs the interface until the user quits. Returns the exit status; on
 * failure writes a French message to stderr after restoring the terminal. */
int tui_run(const struct tui_opts *o);

#endif
