/*
 * cmd_actions.c - `list`, `show`, `add`, `set` and `indicateur`.
 *
 * `list --format tsv` is a stable interface for scripts: a header of the
 * field names of action_fields (in that order), booleans 0/1, tabs,
 * newlines and backslashes escaped as \t, \n, \\.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"

/* ---- list ---- */

enum list_format { FMT_TABLE, FMT_TSV, FMT_CSV };

struct list_ctx {
	enum list_format fmt;
	struct strbuf sb;
	size_t n;
};

static void put_csv(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static const char *flags_of(const struct action *a, char *buf)
{
	buf[0] = a->priority ? 'P' : '.';
	buf[1] = a->added ? 'S' : '.';
	buf[2] = a->cancelled ? 'A' : '.';
	buf[3] = a->good_practice ? 'B' : '.';
	buf[4] = '\0';
	return buf;
}

static int list_row(void *ctx, const struct action *a, struct err *e)
{
	struct list_ctx *l = ctx;
	char flags[8];
	int f;

	(void)e;
	l->n++;
	if (l->fmt == FMT_TABLE) {
		sb_reset(&l->sb);
		sb_append_padded(&l->sb, a->ref, 6);
		sb_append_c(&l->sb, ' ');
		sb_append_padded(&l->sb, a->progress ?
		    progress_label(a->progress) : "-", 13);
		printf("%s %s  %s\n", sb_str(&l->sb), flags_of(a, flags),
		    a->designation ? a->designation : "");
		return 0;
	}
	for (f = 0; f < F_COUNT; f++) {
		if (f)
			putchar(l->fmt == FMT_TSV ? '\t' : ',');
		action_field_get(a, (enum field_id)f, 1, &l->sb);
		if (l->fmt == FMT_TSV)
			cli_put_tsv(stdout, sb_str(&l->sb));
		else
			put_csv(stdout, sb_str(&l->sb));
	}
	putchar('\n');
	return 0;
}

int cmd_list(struct cli *c, const struct cli_args *a)
{
	struct action_filter f;
	struct list_ctx l;
	struct err e = {0};
	const char *v;
	long num;
	int rc, fld;

	memset(&l, 0, sizeof l);
	store_filter_init(&f);
	if ((v = cli_arg(a, "engagement"))) {
		if (int_parse(v, 1, 999, &num))
			return cli_usage("--engagement : « %s » n'est pas un "
			    "numéro", v);
		f.engagement = (int)num;
	}
	if ((v = cli_arg(a, "avancement"))) {
		enum progress p;

		if (progress_parse(v, &p))
			return cli_usage("--avancement : « %s » inconnu "
			    "(Non commencée, En cours, Réalisée)", v);
		f.progress = (int)p;
	}
	f.pilot = cli_arg(a, "pilote");
	f.search = cli_arg(a, "recherche");
	if ((v = cli_arg(a, "format"))) {
		if (strcmp(v, "table") == 0)
			l.fmt = FMT_TABLE;
		else if (strcmp(v, "tsv") == 0)
			l.fmt = FMT_TSV;
		else if (strcmp(v, "csv") == 0)
			l.fmt = FMT_CSV;
		else
			return cli_usage("--format : « %s » inconnu (table, tsv, "
			    "csv)", v);
	}
	if (cli_flag(a, "prioritaires"))
		f.priority_only = 1;
	/* the last of --annulees and --sans-annulees wins */
	if (cli_last_of(a, "annulees", "sans-annulees") >= 0)
		f.cancelled = cli_last_of(a, "annulees", "sans-annulees");
	if (cli_flag(a, "supplementaires"))
		f.added_only = 1;
	if (cli_flag(a, "a-mettre-a-jour"))
		f.stale_only = 1;
	if ((rc = cli_open(c, 0)))
		return rc;
	if (l.fmt != FMT_TABLE) {
		for (fld = 0; fld < F_COUNT; fld++) {
			if (fld)
				putchar(l.fmt == FMT_TSV ? '\t' : ',');
			fputs(action_fields[fld].name, stdout);
		}
		putchar('\n');
	}
	rc = store_each_action(c->store, c->mandate.id, &f, STORE_LOAD_FULL,
	    list_row, &l, &e);
	sb_free(&l.sb);
	if (rc)
		return cli_fail(&e);
	if (l.fmt == FMT_TABLE)
		fprintf(stderr, "%zu action%s (P prioritaire, S supplémentaire, "
		    "A annulée, B bonne pratique)\n", l.n, l.n > 1 ? "s" : "");
	return fflush(stdout) == 0 ? 0 : 1;
}

/* ---- show ---- */

static void print_indicators(const struct action *a)
{
	char n1[64], n2[64];	/* indicator numbers with a decimal comma */
	size_t i, j;

	for (i = 0; i < a->n_indicators; i++) {
		const struct indicator *ind = &a->indicators[i];

		printf("  %zu. %s", i + 1, ind->label ? ind->label : "");
		if (ind->unit)
			printf(" (%s)", ind->unit);
		if (ind->communicate)
			printf(" [à communiquer]");
		putchar('\n');
		if (ind->baseline || ind->target)
			printf("     référence : %s   cible : %s\n",
			    ind->baseline ? fr_number_text(ind->baseline, n1,
			    sizeof n1) : "-", ind->target ?
			    fr_number_text(ind->target, n2, sizeof n2) : "-");
		for (j = 0; j < ind->n_values; j++) {
			printf("     %d : %s", ind->values[j].year,
			    fr_number_text(ind->values[j].value, n1,
			    sizeof n1));
			if (ind->values[j].comment)
				printf(" (%s)", ind->values[j].comment);
			putchar('\n');
		}
	}
}

int cmd_show(struct cli *c, const struct cli_args *args)
{
	struct action *a = NULL;
	struct referential *r = NULL;
	struct strbuf sb = {0};
	struct err e = {0};
	int rc, f;

	if (args->npos != 1)
		return cli_usage("voir : indiquez le N° d'une action "
		    "(exemple : suivi voir 2.4)");
	if ((rc = cli_open(c, 0)))
		return rc;
	if (store_get_action_by_ref(c->store, c->mandate.id, args->pos[0], &a,
	    &e))
		return cli_fail(&e);
	store_get_referential(c->store, c->mandate.referential_id, &r, NULL);
	for (f = 0; f < F_COUNT; f++) {
		const struct field_def *d = &action_fields[f];

		action_field_get(a, (enum field_id)f, 0, &sb);
		if (f == F_ENGAGEMENT && r) {
			const struct ref_engagement *en =
			    referential_engagement(r, a->engagement);

			if (en && en->title)
				sb_printf(&sb, " - %s", en->title);
		}
		if (f == F_RECOMMENDATION && r && a->recommendation) {
			const struct ref_recommendation *rr =
			    referential_recommendation(r, a->recommendation);

			sb_printf(&sb, " - %s", rr && !str_empty(rr->text) ?
			    rr->text : "(à compléter)");
		}
		if (d->type == FIELD_LONGTEXT) {
			printf("%s :\n", d->label);
			if (sb.len) {
				const char *p = sb_str(&sb);

				/* indent every line so that paragraphs read */
				fputs("  ", stdout);
				for (; *p; p++) {
					putchar(*p);
					if (*p == '\n')
						fputs("  ", stdout);
				}
				putchar('\n');
			}
		} else {
			printf("%s : %s\n", d->label, sb_str(&sb));
		}
	}
	printf("Indicateurs clés :%s\n", a->n_indicators ? "" : " aucun");
	print_indicators(a);
	sb_free(&sb);
	referential_free(&r);
	action_free(&a);
	return fflush(stdout) == 0 ? 0 : 1;
}

/* ---- add / set ---- */

/* The error for an unknown field name: the nearest one, else the list. */
static int unknown_field(const char *name)
{
	struct err e = {0};
	struct strbuf sb = {0};
	const char *near = field_nearest(name);
	int f;

	if (near) {
		err_set(&e, ERR_USAGE, "champ « %s » inconnu — vouliez-vous dire "
		    "« %s » ?", name, near);
		return cli_fail(&e);
	}
	for (f = 0; f < F_COUNT; f++)
		if (action_fields[f].type != FIELD_DERIVED)
			sb_printf(&sb, "%s%s", sb.len ? ", " : "",
			    action_fields[f].fr);
	err_set(&e, ERR_USAGE, "champ « %s » inconnu (champs : %s)", name,
	    sb_str(&sb));
	sb_free(&sb);
	return cli_fail(&e);
}

/* Applies the "champ=valeur" arguments args[0..n) to a. Returns 0, or the
 * exit status after printing the error. */
static int apply_assignments(struct cli *c, struct action *a, char **args,
    int n, int *changed_cancel)
{
	struct err e = {0};
	int i;

	for (i = 0; i < n; i++) {
		const char *eq = strchr(args[i], '=');
		const struct field_def *d;
		char name[64];

		if (!eq || eq == args[i] || (size_t)(eq - args[i]) >= sizeof name)
			return cli_usage("« %s » : champ=valeur attendu "
			    "(exemple : avancement=\"En cours\")", args[i]);
		memcpy(name, args[i], (size_t)(eq - args[i]));
		name[eq - args[i]] = '\0';
		if (!(d = field_find(name)))
			return unknown_field(name);
		if (d->id == F_CANCELLED)
			*changed_cancel = 1;
		if (action_field_set(a, d->id, eq + 1, c->mandate.year_first,
		    c->mandate.year_last, &e))
			return cli_fail(&e);
	}
	return 0;
}

static int check_cancel(struct cli *c, struct action *a, int was_cancelled)
{
	struct err e = {0};

	if (!a->cancelled || was_cancelled)
		return 0;
	if (str_empty(a->cancelled_reason)) {
		err_set(&e, ERR_INVALID, "action %s : indiquez le motif de "
		    "l'annulation (motif_annulation=…) ; l'action reste dans "
		    "le plan, marquée annulée", a->ref ? a->ref : "");
		return cli_fail(&e);
	}
	if (!a->cancelled_year) {
		a->cancelled_year = mandate_year_now(&c->mandate);
	}
	return 0;
}

int cmd_add(struct cli *c, const struct cli_args *args)
{
	struct action a;
	struct err e = {0};
	const char *eng = cli_arg(args, "engagement");
	const char *title = cli_arg(args, "intitule");
	int rc, dummy = 0;

	memset(&a, 0, sizeof a);
	if (!eng || !title)
		return cli_usage("ajouter : --engagement N et --intitule TEXTE "
		    "sont obligatoires");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (action_field_set(&a, F_ENGAGEMENT, eng, 0, 0, &e) ||
	    action_field_set(&a, F_DESIGNATION, title, 0, 0, &e)) {
		action_clear(&a);
		return cli_fail(&e);
	}
	rc = apply_assignments(c, &a, args->pos, args->npos, &dummy);
	if (!rc)
		rc = check_cancel(c, &a, 0);
	if (!rc && store_add_action(c->store, c->mandate.id, &a, &e))
		rc = cli_fail(&e);
	if (!rc)
		printf("Action %s créée%s.\n", a.ref,
		    a.added ? " (action supplémentaire au plan initial)" : "");
	action_clear(&a);
	return rc;
}

/* 1 when every field named in args[0..nargs) has the same value in a
 * and b (action_fields_unchanged: the rule the interface applies too). */
static int same_fields(const struct action *a, const struct action *b,
    char **args, int nargs)
{
	enum field_id ids[F_COUNT * 2];
	size_t n = 0;
	int i;

	for (i = 0; i < nargs && n < sizeof ids / sizeof ids[0]; i++) {
		const char *eq = strchr(args[i], '=');
		char name[64];
		const struct field_def *d;

		if (!eq || (size_t)(eq - args[i]) >= sizeof name)
			continue;
		memcpy(name, args[i], (size_t)(eq - args[i]));
		name[eq - args[i]] = '\0';
		if ((d = field_find(name)))
			ids[n++] = d->id;
	}
	return action_fields_unchanged(a, b, ids, n, NULL);
}

int cmd_set(struct cli *c, const struct cli_args *args)
{
	struct action *read = NULL, *a = NULL;
	struct err e = {0};
	int rc, was_cancelled, changed_cancel = 0, tries;

	if (args->npos < 2)
		return cli_usage("modifier : suivi modifier REF champ=valeur "
		    "[...]");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (store_get_action_by_ref(c->store, c->mandate.id, args->pos[0],
	    &read, &e))
		return cli_fail(&e);
	/* Someone may save the same action between our read and our write.
	 * If they changed other fields, apply ours on top of their version;
	 * if they changed one of ours, it is a conflict: never overwrite. */
	for (tries = 0; tries < 5; tries++) {
		action_free(&a);
		if (tries == 0) {
			a = read;
			read = NULL;
			if (!(read = action_new()) || action_copy(read, a)) {
				rc = 1;
				break;
			}
		} else if (store_get_action(c->store, read->id, &a, &e)) {
			rc = cli_fail(&e);
			break;
		} else if (!same_fields(read, a, args->pos + 1,
		    args->npos - 1)) {
			char d[FR_DATE_LEN];

			err_set(&e, ERR_CONFLICT, "action %s : %s a modifié "
			    "entre-temps un des champs que vous changez (le %s) ; "
			    "rien n'a été enregistré : relisez avec « suivi voir "
			    "%s » puis recommencez", a->ref,
			    a->updated_by ? a->updated_by : "?",
			    a->updated_at ? fr_datetime(a->updated_at, d,
			    sizeof d) : "?", a->ref);
			rc = cli_fail(&e);
			break;
		}
		was_cancelled = a->cancelled;
		if ((rc = apply_assignments(c, a, args->pos + 1,
		    args->npos - 1, &changed_cancel)))
			break;
		if ((rc = check_cancel(c, a, was_cancelled)))
			break;
		if (!a->cancelled && was_cancelled)
			a->cancelled_year = 0;	/* reinstated */
		rc = store_update_action(c->store, a, &e);
		if (rc != ERR_CONFLICT)
			break;
	}
	if (rc == ERR_CONFLICT || (rc < 0 && rc != ERR_CONFLICT))
		rc = cli_fail(&e);
	if (!rc)
		printf("Action %s enregistrée.\n", a->ref);
	action_free(&a);
	action_free(&read);
	return rc;
}

/* ---- indicateur ---- */

static const char *const indicator_names[] = { "libelle", "unite",
    "reference", "cible", "communiquer", "valeur_ANNEE",
    "commentaire_ANNEE" };

/* Applies one "champ=valeur" of `indicateur` to ind. Returns 0, or the
 * exit status after printing the error. */
static int set_indicator_field(struct cli *c, struct indicator *ind,
    const char *arg)
{
	const char *eq = strchr(arg, '='), *v = eq + 1, *near;
	size_t kl = (size_t)(eq - arg);
	char name[64];
	int year, rc;

	snprintf(name, sizeof name, "%.*s", (int)kl, arg);
	if (strcmp(name, "libelle") == 0) {
		rc = str_replace(&ind->label, v);
	} else if (strcmp(name, "unite") == 0) {
		rc = str_replace(&ind->unit, v);
	} else if (strcmp(name, "reference") == 0) {
		rc = str_replace(&ind->baseline, v);
	} else if (strcmp(name, "cible") == 0) {
		rc = str_replace(&ind->target, v);
	} else if (strcmp(name, "communiquer") == 0) {
		if (bool_parse(v, &ind->communicate))
			return cli_usage("communiquer : oui ou non");
		rc = 0;
	} else if (sscanf(arg, "valeur_%d=", &year) == 1 ||
	    sscanf(arg, "commentaire_%d=", &year) == 1) {
		const struct indicator_value *old =
		    indicator_value_for(ind, year);
		int is_val = arg[0] == 'v';

		if (year < c->mandate.year_first ||
		    year > c->mandate.year_last) {
			fprintf(stderr, "suivi : l'année %d est hors du mandat "
			    "%s\n", year, c->mandate.label);
			return 1;
		}
		rc = indicator_set_value(ind, year,
		    is_val ? v : (old ? old->value : NULL),
		    is_val ? (old ? old->comment : NULL) : v);
	} else if ((near = str_nearest(name, indicator_names,
	    sizeof indicator_names / sizeof indicator_names[0]))) {
		return cli_usage("indicateur : champ « %s » inconnu — "
		    "vouliez-vous dire « %s » ?", name, near);
	} else {
		return cli_usage("indicateur : champ « %s » inconnu (libelle, "
		    "unite, reference, cible, communiquer, valeur_ANNEE, "
		    "commentaire_ANNEE)", name);
	}
	if (rc) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		return 1;
	}
	return 0;
}

int cmd_indicateur(struct cli *c, const struct cli_args *args)
{
	struct action *a = NULL;
	struct indicator ind;
	struct err e = {0};
	const char *add = cli_arg(args, "ajouter"), *num = cli_arg(args,
	    "numero");
	long k;
	int i, rc = 0;

	memset(&ind, 0, sizeof ind);
	if (args->npos < 1)
		return cli_usage("indicateur : suivi indicateur REF "
		    "[--ajouter LIBELLE] [--numero K] [champ=valeur ...]");
	for (i = 1; i < args->npos; i++)
		if (!strchr(args->pos[i], '='))
			return cli_usage("indicateur : argument inattendu "
			    "« %s »", args->pos[i]);
	if ((rc = cli_open(c, (add || args->npos > 1) ? CLI_WRITE : 0)))
		return rc;
	if (store_get_action_by_ref(c->store, c->mandate.id, args->pos[0], &a,
	    &e))
		return cli_fail(&e);
	if (!add && args->npos == 1) {
		printf("Indicateurs de l'action %s :%s\n", a->ref,
		    a->n_indicators ? "" : " aucun");
		print_indicators(a);
		action_free(&a);
		return 0;
	}
	if (add) {
		ind.action_id = a->id;
		rc = str_replace(&ind.label, add);
	} else if (!num || int_parse(num, 1, (long)a->n_indicators, &k)) {
		rc = cli_usage("indicateur : --numero K attendu, entre 1 et %zu",
		    a->n_indicators);
		goto out;
	} else {
		rc = indicator_copy(&ind, &a->indicators[k - 1]);
	}
	if (rc) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		rc = 1;
		goto out;
	}
	for (i = 1; i < args->npos; i++)
		if ((rc = set_indicator_field(c, &ind, args->pos[i])))
			goto out;
	if (add)
		rc = store_add_indicator(c->store, &ind, &e);
	else
		rc = store_update_indicator(c->store, &ind, &e);
	if (rc)
		rc = cli_fail(&e);
	else
		printf("Indicateur « %s » enregistré.\n", ind.label);
out:
	indicator_clear(&ind);
	action_free(&a);
	return rc;
}
