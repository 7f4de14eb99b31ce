/*
 * cli_priv.h - shared state and helpers of the command-line modules.
 */
#ifndef SUIVI_CLI_PRIV_H
#define SUIVI_CLI_PRIV_H

#include <stdio.h>

#include "cli_args.h"
#include "err.h"
#include "cli.h"
#include "model.h"
#include "ops.h"
#include "store.h"

struct cli {
	char *db_path;		/* resolved database path */
	int db_given;		/* --db or $SUIVI_DB */
	const char *mandate_label;	/* --mandat */
	int modify_archive;	/* --modifier-archive */
	struct store *store;
	struct mandate mandate;
	int readonly;		/* archived mandate without --modifier-archive */
	cli_interface_fn interface;	/* what runs without a command */
};

enum cli_open_flags {
	CLI_WRITE = OPS_WRITE,		/* the command modifies the database */
	CLI_CREATE = OPS_CREATE,	/* create the file when missing */
	CLI_NO_MANDATE = OPS_NO_MANDATE,	/* do not require an
						   initialised database */
	CLI_READ_ONLY = OPS_READ_ONLY,	/* open the file read-only, even if
					   writable */
};

/* Opens the database and selects the mandate (ops_open). On failure
 * prints the message and returns the exit status (1). */
int cli_open(struct cli *c, int flags);
/* Prints "suivi : message" to stderr; returns 2 for ERR_USAGE, else 1. */
int cli_fail(const struct err *e);
/* Prints a usage error and the hint to --help; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The data directory (referentials, demo): ops_data_dir. */
const char *cli_data_dir(void);
/* Year argument: 4 digits within the mandate; else prints, returns 2. */
int cli_parse_year(struct cli *c, const char *s, int *year);
/* 1 when stdin and stderr are terminals. */
int cli_interactive(void);
/* Asks a yes/no question on the terminal; 1 for yes. */
int cli_confirm(const char *question);

/* Prints a field with tab/newline/backslash escaped (TSV). */
void cli_put_tsv(FILE *f, const char *s);

/* One command of the table (commands.c). */
struct cli_cmd {
	const char *name;	/* French main name: "exporter" */
	const char *aliases;	/* English name kept: "export", or NULL */
	const char *opts;	/* options, cli_args.h spec */
	int max_pos;		/* positional arguments accepted, -1: any */
	const char *usage;	/* "exporter [--annee ANNEE] ..." (lines) */
	const char *desc;	/* one line, French */
	int (*fn)(struct cli *c, const struct cli_args *a);
};

/* The command named name (main name or alias, accents and case folded);
 * NULL and *near the nearest name when unknown (NULL when none is
 * near). */
const struct cli_cmd *cli_command_find(const char *name, const char **near);
/* The global help (every command of the table) and one command's. */
void cli_help(FILE *f);
void cli_command_help(FILE *f, const struct cli_cmd *d);

/* The commands: a->pos the positional arguments, cli_arg/cli_flag the
 * options. Each returns the exit status. */
int cmd_init(struct cli *c, const struct cli_args *a);
int cmd_demo(struct cli *c, const struct cli_args *a);
int cmd_list(struct cli *c, const struct cli_args *a);
int cmd_show(struct cli *c, const struct cli_args *a);
int cmd_add(struct cli *c, const struct cli_args *a);
int cmd_set(struct cli *c, const struct cli_args *a);
int cmd_bilan(struct cli *c, const struct cli_args *a);
int cmd_history(struct cli *c, const struct cli_args *a);
int cmd_undo(struct cli *c, const struct cli_args *a);
int cmd_backup(struct cli *c, const struct cli_args *a);
int cmd_check(struct cli *c, const struct cli_args *a);
int cmd_collectivite(struct cli *c, const struct cli_args *a);
int cmd_plan_initial(struct cli *c, const struct cli_args *a);
int cmd_evolution(struct cli *c, const struct cli_args *a);
int cmd_indicateur(struct cli *c, const struct cli_args *a);
int cmd_export(struct cli *c, const struct cli_args *a);
int cmd_import(struct cli *c, const struct cli_args *a);
int cmd_mandat(struct cli *c, const struct cli_args *a);
int cmd_appreciation(struct cli *c, const struct cli_args *a);
int cmd_services(struct cli *c, const struct cli_args *a);
int cmd_relances(struct cli *c, const struct cli_args *a);

#endif
