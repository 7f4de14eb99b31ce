/*
 * cli_args.h - the one option parser of the command line.
 *
 * A command declares its options in a spec string: space-separated
 * entries, each one or more names separated by '|' (the first is the
 * main name; one letter is a short option "-o"), ending in '=' when the
 * option takes a value:
 *
 *     "annee= o|sortie= format= pilote= rfc4180"
 *
 * accepts --annee 2025, --annee=2025, --année=2025 (names are compared
 * with accents and case folded), -o F, -oF, -o=F, --sortie F, --rfc4180,
 * the same option more than once (every value is kept, in order), "--"
 * (what follows is positional) and positional arguments anywhere.
 * --help and -h are the caller's business (the command table).
 */
#ifndef SUIVI_CLI_ARGS_H
#define SUIVI_CLI_ARGS_H

#include <stddef.h>

#include "err.h"

struct cli_occurrence {
	int opt;		/* index of the entry in the spec */
	const char *value;	/* NULL for a flag */
};

struct cli_args {
	const char *cmd;	/* the command's main name, for messages */
	const char *spec;
	int npos;
	char **pos;		/* positional arguments, in order */
	size_t nocc;
	struct cli_occurrence *occ;	/* options, in the order given */
};

/* Parses argv[0..argc) (the arguments after the command name) against
 * spec. max_pos: the most positional arguments accepted (-1: any). On a
 * usage error, ERR_USAGE with the message naming the option (« option
 * --annee : valeur manquante », « option inconnue : --anee — vouliez-vous
 * dire --annee ? »); *a is then empty. pos and values point into argv. */
int cli_args_parse(const char *cmd, const char *spec, int max_pos,
    int argc, char **argv, struct cli_args *a, struct err *e);
void cli_args_free(struct cli_args *a);

/* The value of the option one of whose names is name, given last; NULL
 * when absent. (name must be in the spec.) */
const char *cli_arg(const struct cli_args *a, const char *name);
/* How many times the option was given (flag or value). */
int cli_flag(const struct cli_args *a, const char *name);
/* The k-th value (from 0) of a repeated option, NULL past the last. */
const char *cli_arg_nth(const struct cli_args *a, const char *name,
    size_t k);
/* Of two options that undo each other (--fait, --non-fait): 1 when first
 * was given last, 0 when second was, -1 when neither was given. */
int cli_last_of(const struct cli_args *a, const char *first,
    const char *second);

#endif
