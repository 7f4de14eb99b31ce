/*
 * cli.h - the command line: `suivi COMMANDE ...`.
 */
#ifndef SUIVI_CLI_H
#define SUIVI_CLI_H

#include <stdint.h>

struct store;

/* What the command line hands to the interface when it has no command
 * (or for `suivi demo`): the base it opened and the mandate to show. */
struct cli_interface {
	struct store *store;	/* open database (borrowed) */
	int64_t mandate_id;	/* mandate to show */
	int readonly;		/* archived mandate or read-only file */
	const char *data_dir;	/* data/ directory (referentials) */
};
/* Runs the interface; returns the exit status. */
typedef int (*cli_interface_fn)(const struct cli_interface *o);

/* Runs the command line (argv as given to main). Returns the exit status:
 * 0 success, 1 failure, 2 usage error. Without a command, opens the
 * interface through interface (main.c passes tui_run's adapter, so that
 * the command line never depends on the interface). */
int cli_run(int argc, char **argv, cli_interface_fn interface);

#endif
