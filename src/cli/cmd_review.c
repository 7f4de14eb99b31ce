/*
 * cmd_review.c - `bilan`, `check`, `plan-initial` and `evolution`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"
#include "export.h"

static int default_year(const struct cli *c)
{
	return mandate_year_now(&c->mandate);
}

static void print_checks(const struct check_item *items, size_t n, int year)
{
	size_t i;

	if (!n) {
		printf("Vérification avant envoi %d : rien à signaler.\n", year);
		return;
	}
	printf("Vérification avant envoi %d : %zu point%s à revoir\n", year,
	    n, n > 1 ? "s" : "");
	for (i = 0; i < n; i++)
		printf("  - %s\n", items[i].message);
}

static int verify(struct cli *c, int year, size_t *count, int print)
{
	struct plan *p = NULL;
	struct check_item *items = NULL;
	struct err e = {0};
	size_t n = 0;

	if (store_load_plan(c->store, c->mandate.id, 0, &p, &e) ||
	    plan_verify(p, year, &items, &n, &e)) {
		plan_free(&p);
		return cli_fail(&e);
	}
	if (print) {
		struct strbuf warn = {0};

		print_checks(items, n, year);
		if (export_long_texts(p, NULL, &warn) == 0 && warn.len) {
			const char *l = sb_str(&warn);

			printf("Tableau de suivi (textes trop longs pour une "
			    "ligne) :\n");
			while (*l) {
				size_t len = strcspn(l, "\n");

				printf("  - %.*s\n", (int)len, l);
				l += len + (l[len] != '\0');
			}
		}
		sb_free(&warn);
	}
	if (count)
		*count = n;
	check_items_free(items, n);
	plan_free(&p);
	return 0;
}

/* `bilan` without a year: the reviews of the mandate. */
static int list_reviews(struct cli *c)
{
	struct review *rv = NULL;
	struct err e = {0};
	char d[FR_DATE_LEN];
	size_t n = 0, i;

	if (store_list_reviews(c->store, c->mandate.id, &rv, &n, &e))
		return cli_fail(&e);
	printf("Bilans annuels du mandat %s :\n", c->mandate.label);
	for (i = 0; i < n; i++) {
		printf("  %d : %s", rv[i].year, rv[i].done ? "Fait" : "Non fait");
		if (rv[i].done)
			printf(" (le %s par %s)", rv[i].done_at ?
			    fr_datetime(rv[i].done_at, d, sizeof d) : "?",
			    rv[i].done_by ? rv[i].done_by : "?");
		putchar('\n');
		if (rv[i].comments)
			printf("    %s\n", rv[i].comments);
		review_clear(&rv[i]);
	}
	free(rv);
	return 0;
}

/* `bilan ANNEE`: that year's review. */
static int show_review(struct cli *c, int year)
{
	struct review *rv = NULL;
	struct err e = {0};
	char d[FR_DATE_LEN];
	size_t n = 0, i;

	if (store_list_reviews(c->store, c->mandate.id, &rv, &n, &e))
		return cli_fail(&e);
	for (i = 0; i < n; i++) {
		if (rv[i].year == year) {
			printf("Bilan annuel %d : %s\n", year,
			    rv[i].done ? "Fait" : "Non fait");
			if (rv[i].done)
				printf("Coché le %s par %s\n", rv[i].done_at ?
				    fr_datetime(rv[i].done_at, d, sizeof d) :
				    "?", rv[i].done_by ? rv[i].done_by : "?");
			printf("Commentaires de la collectivité :\n%s\n",
			    rv[i].comments ? rv[i].comments : "");
		}
		review_clear(&rv[i]);
	}
	free(rv);
	return 0;
}

/* `bilan ANNEE --fait`: the points to review go to stderr (the
 * coordinator may still tick), then the plan is frozen. */
static int tick_review(struct cli *c, int year)
{
	struct plan *p = NULL;
	struct check_item *items = NULL;
	struct err e = {0};
	size_t nchk = 0, i;
	int rc;

	if ((rc = verify(c, year, &nchk, 0)))
		return rc;
	if (nchk && !store_load_plan(c->store, c->mandate.id, 0, &p, NULL) &&
	    !plan_verify(p, year, &items, &nchk, NULL)) {
		fprintf(stderr, "Attention : %zu point%s à revoir avant envoi "
		    "(suivi verifier %d) :\n", nchk, nchk > 1 ? "s" : "",
		    year);
		for (i = 0; i < nchk && i < 10; i++)
			fprintf(stderr, "  - %s\n", items[i].message);
		if (nchk > 10)
			fprintf(stderr, "  … et %zu autres\n", nchk - 10);
	}
	check_items_free(items, nchk);
	plan_free(&p);
	if (store_set_review_done(c->store, c->mandate.id, year, 1, &e))
		return cli_fail(&e);
	printf("Bilan annuel %d : Fait. Le plan est figé tel qu'envoyé "
	    "(suivi exporter --annee %d le reproduit).\n", year, year);
	return 0;
}

/* `bilan ANNEE --non-fait`: asks first (--oui off a terminal). */
static int untick_review(struct cli *c, int year, int yes)
{
	struct err e = {0};

	if (!yes) {
		char q[160];

		if (!cli_interactive()) {
			fprintf(stderr, "suivi : décocher le bilan %d demande une "
			    "confirmation : ajoutez --oui\n", year);
			return 1;
		}
		snprintf(q, sizeof q, "Décocher « Bilan annuel - Fait » pour %d ? "
		    "Le plan figé reste dans l'historique.", year);
		if (!cli_confirm(q)) {
			fputs("Rien n'a été changé.\n", stderr);
			return 1;
		}
	}
	if (store_set_review_done(c->store, c->mandate.id, year, 0, &e))
		return cli_fail(&e);
	printf("Bilan annuel %d : non fait (l'ancien plan figé reste dans "
	    "l'historique).\n", year);
	return 0;
}

int cmd_bilan(struct cli *c, const struct cli_args *a)
{
	struct err e = {0};
	const char *comment = cli_arg(a, "commentaire");
	int done = cli_last_of(a, "fait", "non-fait"), year = 0, rc;

	if ((rc = cli_open(c, (done >= 0 || comment) ? CLI_WRITE : 0)))
		return rc;
	if (a->npos && (rc = cli_parse_year(c, a->pos[0], &year)))
		return rc;
	if (year <= 0)
		return list_reviews(c);
	if (comment && store_set_review_comments(c->store, c->mandate.id, year,
	    comment, &e))
		return cli_fail(&e);
	if (done == 1)
		return tick_review(c, year);
	if (done == 0)
		return untick_review(c, year, cli_flag(a, "oui"));
	if (comment) {
		printf("Commentaire du bilan %d enregistré.\n", year);
		return 0;
	}
	return show_review(c, year);
}

int cmd_check(struct cli *c, const struct cli_args *a)
{
	struct err e = {0};
	char *report = NULL;
	int ok = 0, rc, year;

	if ((rc = cli_open(c, 0)))
		return rc;
	year = default_year(c);
	if (a->npos && (rc = cli_parse_year(c, a->pos[0], &year)))
		return rc;
	if (store_integrity(c->store, &ok, &report, &e))
		return cli_fail(&e);
	if (ok) {
		printf("Intégrité de la base : ok\n");
	} else {
		printf("Intégrité de la base : PROBLÈMES\n%s", report);
	}
	free(report);
	if ((rc = verify(c, year, NULL, 1)))
		return rc;
	return ok ? 0 : 1;
}

int cmd_plan_initial(struct cli *c, const struct cli_args *a)
{
	struct plan *p = NULL;
	struct err e = {0};
	char d[FR_DATE_LEN];
	size_t i;
	int rc;

	if (!cli_flag(a, "figer") == !cli_flag(a, "montrer"))
		return cli_usage("plan-initial : --figer ou --montrer");
	if (cli_flag(a, "figer")) {
		if ((rc = cli_open(c, CLI_WRITE)))
			return rc;
		if (store_freeze_initial(c->store, c->mandate.id, &e))
			return cli_fail(&e);
		printf("Plan initial du mandat %s figé. Les actions ajoutées "
		    "désormais seront marquées « Action supplémentaire au plan "
		    "d'action initial ».\n", c->mandate.label);
		return 0;
	}
	if ((rc = cli_open(c, 0)))
		return rc;
	if (store_load_initial(c->store, c->mandate.id, &p, &e))
		return cli_fail(&e);
	printf("Plan initial du mandat %s (figé le %s) : %zu actions\n",
	    c->mandate.label, p->snapshot_at ? fr_datetime(p->snapshot_at, d,
	    sizeof d) : "?",
	    p->n_actions);
	for (i = 0; i < p->n_actions; i++)
		printf("%-6s %s\n", p->actions[i].ref,
		    p->actions[i].designation);
	plan_free(&p);
	return 0;
}

static const char *change_label(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED: return "ajoutée";
	case CHANGE_REMOVED: return "retirée";
	case CHANGE_CANCELLED: return "annulée";
	case CHANGE_DESIGNATION: return "intitulé modifié";
	case CHANGE_PROGRESS: return "avancement";
	case CHANGE_TEXTS: return "textes mis à jour";
	}
	return "";
}

int cmd_evolution(struct cli *c, const struct cli_args *a)
{
	struct plan *from = NULL, *to = NULL;
	struct change *ch = NULL;
	struct err e = {0};
	const char *since = cli_arg(a, "depuis");
	size_t n = 0, i;
	int rc, year = 0;

	if (!since)
		since = "plan-initial";
	if ((rc = cli_open(c, 0)))
		return rc;
	if (strcmp(since, "plan-initial") != 0 &&
	    (rc = cli_parse_year(c, since, &year)))
		return rc;
	if ((year ? store_load_plan(c->store, c->mandate.id, year, &from, &e) :
	    store_load_initial(c->store, c->mandate.id, &from, &e)) ||
	    store_load_plan(c->store, c->mandate.id, 0, &to, &e) ||
	    plan_compare(from, to, &ch, &n, &e)) {
		plan_free(&from);
		plan_free(&to);
		return cli_fail(&e);
	}
	if (year)
		printf("Évolution depuis le bilan %d :\n", year);
	else
		printf("Évolution depuis le plan initial :\n");
	if (!n)
		printf("  aucun changement\n");
	for (i = 0; i < n; i++) {
		printf("  %-6s %-18s %s", ch[i].ref, change_label(ch[i].kind),
		    ch[i].designation ? ch[i].designation : "");
		if (ch[i].kind == CHANGE_PROGRESS ||
		    ch[i].kind == CHANGE_DESIGNATION)
			printf(" : « %s » → « %s »", ch[i].before ?
			    ch[i].before : "", ch[i].after ? ch[i].after : "");
		if (ch[i].reason)
			printf(" (motif : %s)", ch[i].reason);
		putchar('\n');
	}
	changes_free(ch, n);
	plan_free(&from);
	plan_free(&to);
	return 0;
}
