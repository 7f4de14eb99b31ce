/*
 * cmd_export.c - `suivi export`: the yearly follow-up spreadsheet.
 *
 * Parses the options and picks the year (default: this year, within the
 * mandate) and the file (-o: a file, or a directory for the default
 * name); what is exported, and how, is ops_export_prepare's choice, the
 * same as F6 in the interface (src/ops/export.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_priv.h"
#include "ops.h"

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cmd_export(struct cli *c, const struct cli_args *a)
{
	struct ops_export x;
	struct err e = {0};
	const char *year_arg = cli_arg(a, "annee"), *out = cli_arg(a, "o");
	const char *format = cli_arg(a, "format");
	const char *pilot = cli_arg(a, "pilote");
	char *path = NULL;
	int rfc4180 = cli_flag(a, "rfc4180"), year, rc;

	memset(&x, 0, sizeof x);
	if (!format)
		format = "xlsx";
	if (strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0)
		return cli_usage("--format : « %s » inconnu (xlsx ou csv)",
		    format);
	if (rfc4180 && strcmp(format, "csv") != 0)
		return cli_usage("--rfc4180 ne s'applique qu'avec --format csv");
	if (pilot && str_empty(pilot))
		return cli_usage("--pilote attend le nom d'un service");
	if ((rc = cli_open(c, 0)))
		return rc;
	if (year_arg) {
		if ((rc = cli_parse_year(c, year_arg, &year)))
			return rc;
	} else {
		year = mandate_year_now(&c->mandate);
	}

	if (ops_export_prepare(c->store, &c->mandate, year, pilot, format, &x,
	    &e))
		goto fail;
	if (out && is_dir(out)) {
		struct strbuf sb = {0};

		sb_printf(&sb, "%s%s%s", out, out[strlen(out) - 1] == '/' ?
		    "" : "/", x.name);
		path = sb_steal(&sb);
	} else {
		path = xstrdup(out ? out : x.name);
	}
	if (!path) {
		err_nomem(&e);
		goto fail;
	}
	if (ops_export_write(&x, path, rfc4180, &e))
		goto fail;
	/* Texts one row of the sheet cannot show whole: named (the Fiches
	 * actions sheet prints them in full). A streamed plan has no
	 * texts in memory here: `suivi verifier` names them. */
	if (strcmp(format, "csv") != 0 && x.plan) {
		struct strbuf warn = {0};

		if (export_long_texts(x.plan, pilot, &warn) == 0 && warn.len) {
			const char *l = sb_str(&warn);

			while (*l) {
				size_t len = strcspn(l, "\n");

				fprintf(stderr, "Attention : %.*s\n", (int)len, l);
				l += len + (l[len] != '\0');
			}
		}
		sb_free(&warn);
	}
	if (x.frozen)
		printf("Tableau de suivi %d (plan figé au bilan annuel) écrit "
		    "dans : %s\n", year, path);
	else
		printf("Tableau de suivi %d (plan en cours, bilan annuel non "
		    "fait) écrit dans : %s\n", year, path);
	rc = 0;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	ops_export_clear(&x);
	free(path);
	return rc;
}
