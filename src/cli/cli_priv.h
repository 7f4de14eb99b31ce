/*
 * cli_priv.h - shared state and helpers of the command-line modules.
 */
#ifndef SUIVI_CLI_PRIV_H
#define SUIVI_CLI_PRIV_H

#include <stdio.h>

#include "err.h"
#include "model.h"
#include "store.h"

struct cli {
	char *db_path;		/* resolved database path */
	int db_given;		/* --db or $SUIVI_DB */
	const char *mandate_label;	/* --mandat */
	int modify_archive;	/* --modifier-archive */
	struct store *store;
	struct mandate mandate;
	int readonly;		/* archived mandate without --modifier-archive */
};

enum cli_open_flags {
	CLI_WRITE = 1,		/* the command modifies the database */
	CLI_CREATE = 2,		/* create the file when missing */
	CLI_NO_MANDATE = 4,	/* do not require an initialised database */
	CLI_READ_ONLY = 8,	/* open the file read-only, even if writable */
};

/* Opens the database and selects the mandate. On failure prints the
 * message and returns the exit status (1). */
int cli_open(struct cli *c, int flags);
/* Prints "suivi : message" to stderr; returns 2 for ERR_USAGE, else 1. */
int cli_fail(const struct err *e);
/* Prints a usage error and the hint to --help; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The data directory (referentials, demo). */
const char *cli_data_dir(void);
/* Year argument: 4 digits within the mandate; else prints, returns 2. */
int cli_parse_year(struct cli *c, const char *s, int *year);
/* 1 when stdin and stderr are terminals. */
int cli_interactive(void);
/* Asks a yes/no question on the terminal; 1 for yes. */
int cli_confirm(const char *question);

/* Option scanning: returns the value of "--name VALUE" / "--name=VALUE" at
 * argv[*i] (advancing *i), or NULL when argv[*i] is not that option. Sets
 * *missing when the value is absent. */
const char *cli_opt(int argc, char **argv, int *i, const char *name,
    int *missing);

/* Prints a field with tab/newline/backslash escaped (TSV). */
void cli_put_tsv(FILE *f, const char *s);

/* The commands; argv[0] is the command name. Each returns the status. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_set(struct cli *c, int argc, char **argv);
int cmd_bilan(struct cli *c, int argc, char **argv);
int cmd_history(struct cli *c, int argc, char **argv);
int cmd_undo(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_collectivite(struct cli *c, int argc, char **argv);
int cmd_plan_initial(struct cli *c, int argc, char **argv);
int cmd_evolution(struct cli *c, int argc, char **argv);
int cmd_indicateur(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_mandat(struct cli *c, int argc, char **argv);
int cmd_appreciation(struct cli *c, int argc, char **argv);
int cmd_services(struct cli *c, int argc, char **argv);
int cmd_relances(struct cli *c, int argc, char **argv);

/* Loads the demo plan (data/demo/ville-de-demo.txt) into an empty store. */
int demo_load(struct store *s, const char *data_dir, struct err *e);

#endif
