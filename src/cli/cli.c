/*
 * cli.c - command-line dispatch, global options and shared helpers.
 *
 * Global options (--db, --mandat, --modifier-archive) are accepted
 * anywhere on the line and removed before the command sees argv.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_priv.h"
#include "ops.h"

#ifndef SUIVI_VERSION
#define SUIVI_VERSION "0.1.0"
#endif

/* ---- Helpers ---- */

int cli_fail(const struct err *e)
{
	fprintf(stderr, "suivi : %s\n", e && e->msg[0] ? e->msg :
	    "échec inattendu");
	if (e && e->code == ERR_LOCKED)
		return 75;	/* busy: try again (SPEC §4) */
	return e && e->code == ERR_USAGE ? 2 : 1;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("suivi : ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(« suivi --help » pour l'aide)\n", stderr);
	return 2;
}

/* The value of the global option name at argv[*i] ("--db F", "--db=F"),
 * advancing *i; NULL when argv[*i] is not it (*missing: no value). */
static const char *global_opt(int argc, char **argv, int *i,
    const char *name, int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	*missing = 0;
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

void cli_put_tsv(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: fputc(*s, f); break;
		}
	}
}

int cli_interactive(void)
{
	return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

int cli_confirm(const char *question)
{
	char line[64];

	fprintf(stderr, "%s [o/N] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'o' || line[0] == 'O' || line[0] == 'y' ||
	    line[0] == 'Y';
}

const char *cli_data_dir(void)
{
	return ops_data_dir();
}

int cli_parse_year(struct cli *c, const char *s, int *year)
{
	long y;

	if (int_parse(s, MODEL_YEAR_MIN, MODEL_YEAR_MAX, &y))
		return cli_usage("« %s » n'est pas une année", s);
	if (c->mandate.label && (y < c->mandate.year_first ||
	    y > c->mandate.year_last)) {
		fprintf(stderr, "suivi : l'année %ld est hors du mandat %s\n",
		    y, c->mandate.label);
		return 1;
	}
	*year = (int)y;
	return 0;
}

/* ---- Database ---- */

int cli_open(struct cli *c, int flags)
{
	struct err e = {0};

	if (ops_open(c->db_path, flags, c->mandate_label, c->modify_archive,
	    &c->store, &c->mandate, &c->readonly, &e))
		return cli_fail(&e);
	return 0;
}

/* ---- Dispatch ---- */

/* The interface, on the base and mandate the options name (main.c
 * starts it: the command line does not know the interface). */
static int run_tui(struct cli *c)
{
	struct cli_interface o;
	int rc;

	if ((rc = cli_open(c, 0)))
		return rc;
	memset(&o, 0, sizeof o);
	o.store = c->store;
	o.mandate_id = c->mandate.id;
	o.readonly = c->readonly || store_readonly(c->store);
	o.data_dir = cli_data_dir();
	return c->interface(&o);
}

int cmd_demo(struct cli *c, const struct cli_args *a)
{
	struct err e = {0};
	int rc;

	(void)a;
	if (!c->db_given) {
		free(c->db_path);
		c->db_path = ops_default_db_path("demo.db");
	}
	if (access(c->db_path, F_OK) != 0) {
		if ((rc = cli_open(c, CLI_CREATE | CLI_NO_MANDATE)))
			return rc;
		if ((rc = ops_demo_load(c->store, cli_data_dir(), &e))) {
			store_close(&c->store);
			unlink(c->db_path);
			return cli_fail(&e);
		}
		fprintf(stderr, "Base de démonstration créée : %s\n",
		    c->db_path);
	}
	return run_tui(c);
}

/* Runs args[0] with args[1..n) from the command table. */
static int dispatch(struct cli *c, int n, char **args)
{
	const struct cli_cmd *d;
	struct cli_args a;
	struct err e = {0};
	const char *near;
	int i, rc;

	if (!(d = cli_command_find(args[0], &near))) {
		if (near)
			return cli_usage("commande « %s » inconnue — vouliez-vous "
			    "dire « %s » ?", args[0], near);
		return cli_usage("commande inconnue « %s »", args[0]);
	}
	for (i = 1; i < n && strcmp(args[i], "--") != 0; i++)
		if (strcmp(args[i], "--help") == 0 ||
		    strcmp(args[i], "-h") == 0) {
			cli_command_help(stdout, d);
			return 0;
		}
	if (cli_args_parse(d->name, d->opts, d->max_pos, n - 1, args + 1, &a,
	    &e)) {
		if (e.code != ERR_USAGE)
			return cli_fail(&e);
		fprintf(stderr, "suivi %s : %s\n(« suivi %s --help » pour "
		    "l'aide)\n", d->name, e.msg, d->name);
		return 2;
	}
	rc = d->fn(c, &a);
	cli_args_free(&a);
	return rc;
}

int cli_run(int argc, char **argv, cli_interface_fn interface)
{
	struct cli c;
	char **args;
	int nargs = 0, i, rc = 2;
	const char *v;

	memset(&c, 0, sizeof c);
	c.interface = interface;
	args = calloc((size_t)argc + 1, sizeof *args);
	if (!args) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		int missing = 0;

		if ((v = global_opt(argc, argv, &i, "--db", &missing))) {
			free(c.db_path);
			c.db_path = xstrdup(v);
			c.db_given = 1;
		} else if (!missing && (v = global_opt(argc, argv, &i,
		    "--mandat", &missing))) {
			/* init reads it as the mandate to create */
			c.mandate_label = v;
		} else if (missing) {
			rc = cli_usage("option %s : valeur manquante", argv[i]);
			goto out;
		} else if (strcmp(argv[i], "--modifier-archive") == 0) {
			c.modify_archive = 1;
		} else if (nargs == 0 && (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "aide") == 0 ||
		    strcmp(argv[i], "help") == 0)) {
			const struct cli_cmd *d = NULL;
			const char *near;

			/* "suivi aide exporter": that command's help */
			if (i + 1 < argc && argv[i][0] != '-')
				d = cli_command_find(argv[i + 1], &near);
			if (d)
				cli_command_help(stdout, d);
			else
				cli_help(stdout);
			rc = 0;
			goto out;
		} else if (nargs == 0 && strcmp(argv[i], "--version") == 0) {
			printf("suivi %s\n", SUIVI_VERSION);
			rc = 0;
			goto out;
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (!c.db_path) {
		const char *env = getenv("SUIVI_DB");

		if (env && *env) {
			c.db_path = xstrdup(env);
			c.db_given = 1;
		} else {
			c.db_path = ops_default_db_path("suivi.db");
		}
	}
	if (!c.db_path) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		rc = 1;
		goto out;
	}
	if (nargs == 0) {
		rc = run_tui(&c);
		goto out;
	}
	if (args[0][0] == '-') {
		rc = cli_usage("option inconnue « %s »", args[0]);
		goto out;
	}
	rc = dispatch(&c, nargs, args);
out:
	store_close(&c.store);
	mandate_clear(&c.mandate);
	free(c.db_path);
	free(args);
	return rc;
}
