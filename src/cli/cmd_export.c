/*
 * cmd_export.c - `suivi export`: the yearly follow-up spreadsheet.
 *
 * Chooses what to export (the frozen snapshot when the year's review is
 * done, else the live plan), the initial plan and the previous done
 * review for "Évolution", the document date (snapshot date, else
 * $SOURCE_DATE_EPOCH, else now) so that the same data gives the same
 * bytes, and the file name; the export module does the writing.
 *
 * From EXPORT_STREAM_MIN actions on, the XLSX export gets the plan
 * without its actions and reads them one at a time from the database
 * (store_each_plan_action), and the initial plan and previous review it
 * compares with come without their long texts (store_load_snapshot_light):
 * its memory no longer grows with the texts of the plan. Smaller plans
 * are loaded whole (the same bytes either way).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli_priv.h"
#include "export.h"
#include "store_plan.h"

static int64_t source_date_epoch(void)
{
	const char *v = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (!v || !*v)
		return 0;
	errno = 0;
	t = strtoll(v, &end, 10);
	if (*end || errno || t <= 0)
		return 0;
	return (int64_t)t;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	struct plan *p = NULL, *initial = NULL, *previous = NULL;
	struct review *rv = NULL;
	struct export_opts o;
	struct export_source src;
	struct store_plan_ref ps;
	struct err e = {0};
	const char *year_arg = NULL, *out = NULL, *format = "xlsx";
	char *path = NULL, *name = NULL;
	size_t nrv = 0, i, n = 0;
	int rfc4180 = 0, done = 0, prev_year = 0, stream = 0, rc, k;

	memset(&o, 0, sizeof o);
	for (k = 1; k < argc; k++) {
		const char *v;
		int missing = 0;

		if ((v = cli_opt(argc, argv, &k, "--annee", &missing)) ||
		    (!missing && (v = cli_opt(argc, argv, &k, "--année",
		    &missing))))
			year_arg = v;
		else if (!missing && ((v = cli_opt(argc, argv, &k, "-o",
		    &missing)) || (!missing && (v = cli_opt(argc, argv, &k,
		    "--sortie", &missing)))))
			out = v;
		else if (!missing && (v = cli_opt(argc, argv, &k, "--format",
		    &missing)))
			format = v;
		else if (!missing && (v = cli_opt(argc, argv, &k, "--pilote",
		    &missing)))
			o.pilot = v;
		else if (missing)
			return cli_usage("l'option %s attend une valeur",
			    argv[k]);
		else if (strcmp(argv[k], "--rfc4180") == 0)
			rfc4180 = 1;
		else
			return cli_usage("export : argument inattendu « %s »",
			    argv[k]);
	}
	if (strcmp(format, "xlsx") != 0 && strcmp(format, "csv") != 0)
		return cli_usage("--format : « %s » inconnu (xlsx ou csv)",
		    format);
	if (rfc4180 && strcmp(format, "csv") != 0)
		return cli_usage("--rfc4180 ne s'applique qu'avec --format csv");
	if (o.pilot && str_empty(o.pilot))
		return cli_usage("--pilote attend le nom d'un service");
	if ((rc = cli_open(c, 0)))
		return rc;
	if (year_arg) {
		if ((rc = cli_parse_year(c, year_arg, &o.year)))
			return rc;
	} else {
		o.year = clock_year();
		if (o.year < c->mandate.year_first)
			o.year = c->mandate.year_first;
		if (o.year > c->mandate.year_last)
			o.year = c->mandate.year_last;
	}

	if (store_list_reviews(c->store, c->mandate.id, &rv, &nrv, &e))
		goto fail;
	for (i = 0; i < nrv; i++) {
		if (rv[i].year == o.year && rv[i].done)
			done = 1;
		if (rv[i].done && rv[i].year < o.year && rv[i].year > prev_year)
			prev_year = rv[i].year;
	}
	if (strcmp(format, "xlsx") == 0) {
		if (store_count_plan_actions(c->store, c->mandate.id, done ?
		    o.year : 0, o.pilot, &n, &e))
			goto fail;
		stream = n >= EXPORT_STREAM_MIN;
	}
	if (stream) {
		if (store_load_plan_head(c->store, c->mandate.id, done ?
		    o.year : 0, &p, &e))
			goto fail;
		ps.store = c->store;
		ps.mandate_id = c->mandate.id;
		ps.year = done ? o.year : 0;
		src.each = store_plan_each;
		src.ctx = &ps;
		src.n_actions = n;
		o.source = &src;
	} else if (store_load_plan(c->store, c->mandate.id, done ? o.year : 0,
	    &p, &e)) {
		goto fail;
	}
	/* Évolution compares with them: for a large plan, without their
	 * long texts either. */
	if (stream ? store_load_snapshot_light(c->store, c->mandate.id, 0,
	    &initial, &e) : store_load_initial(c->store, c->mandate.id,
	    &initial, &e)) {
		if (e.code != ERR_NOTFOUND)
			goto fail;
		err_clear(&e);
	}
	if (prev_year && (stream ? store_load_snapshot_light(c->store,
	    c->mandate.id, prev_year, &previous, &e) : store_load_plan(c->store,
	    c->mandate.id, prev_year, &previous, &e)))
		goto fail;
	o.initial = initial;
	o.previous = previous;
	o.previous_year = prev_year;
	o.created = done ? clock_parse(p->snapshot_at) : 0;
	if (!o.created)
		o.created = source_date_epoch();
	if (!o.created)
		o.created = clock_now();

	if (!(name = export_default_name(p, o.year, o.pilot, format))) {
		err_set(&e, ERR_NOMEM, "mémoire insuffisante");
		goto fail;
	}
	if (out && is_dir(out)) {
		struct strbuf sb = {0};

		sb_printf(&sb, "%s%s%s", out, out[strlen(out) - 1] == '/' ?
		    "" : "/", name);
		path = sb_steal(&sb);
	} else {
		path = xstrdup(out ? out : name);
	}
	if (!path) {
		err_set(&e, ERR_NOMEM, "mémoire insuffisante");
		goto fail;
	}
	if (strcmp(format, "csv") == 0)
		rc = export_write_csv(path, p, &o, rfc4180, &e);
	else
		rc = export_write_xlsx(path, p, &o, &e);
	if (rc)
		goto fail;
	if (strcmp(format, "csv") != 0) {
		struct strbuf warn = {0};

		if (export_long_texts(p, o.pilot, &warn) == 0 && warn.len) {
			const char *l = sb_str(&warn);

			while (*l) {
				size_t len = strcspn(l, "\n");

				fprintf(stderr, "Attention : %.*s\n", (int)len, l);
				l += len + (l[len] != '\0');
			}
		}
		sb_free(&warn);
	}
	if (done)
		printf("Tableau de suivi %d (plan figé au bilan annuel) écrit "
		    "dans : %s\n", o.year, path);
	else
		printf("Tableau de suivi %d (plan en cours, bilan annuel non "
		    "fait) écrit dans : %s\n", o.year, path);
	rc = 0;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	for (i = 0; i < nrv; i++)
		review_clear(&rv[i]);
	free(rv);
	plan_free(&p);
	plan_free(&initial);
	plan_free(&previous);
	free(name);
	free(path);
	return rc;
}
