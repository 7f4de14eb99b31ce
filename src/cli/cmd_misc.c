/*
 * cmd_misc.c - `init`, `collectivite`, `history`, `undo` and `backup`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_priv.h"

int cmd_init(struct cli *c, const struct cli_args *a)
{
	struct referential *r = NULL;
	struct err e = {0};
	const char *name = cli_arg(a, "collectivite");
	const char *refpath = cli_arg(a, "referentiel");
	const char *label = c->mandate_label ? c->mandate_label : "2020-2026";
	int rc, demo = cli_flag(a, "demo") > 0, existed;

	if (!demo && str_empty(name))
		return cli_usage("init : --collectivite NOM est obligatoire "
		    "(exemple : suivi init --collectivite \"Ville de Lyon\")");
	existed = access(c->db_path, F_OK) == 0;
	if ((rc = cli_open(c, CLI_CREATE | CLI_NO_MANDATE)))
		return rc;
	if (store_initialized(c->store)) {
		fprintf(stderr, "suivi : la base %s existe déjà et contient "
		    "un plan ; rien n'a été changé\n", c->db_path);
		return 1;
	}
	if (demo) {
		rc = ops_demo_load(c->store, cli_data_dir(), &e);
	} else {
		int first, last;

		if ((rc = mandate_parse_label(label, &first, &last, &e)))
			goto out;
		if ((rc = ops_referential_load(cli_data_dir(), label, refpath,
		    &r, &e)))
			goto out;
		rc = store_init(c->store, name, r, label, &e);
	}
out:
	referential_free(&r);
	if (rc) {
		if (!existed) {
			store_close(&c->store);
			unlink(c->db_path);
		}
		return cli_fail(&e);
	}
	printf("Base créée : %s\n", c->db_path);
	return 0;
}

/* The error for an unknown field of the Présentation page. */
static int unknown_coll_field(const char *name)
{
	const char *names[C_COUNT], *near;
	size_t i;

	for (i = 0; i < C_COUNT; i++)
		names[i] = coll_fields[i].name;
	if ((near = str_nearest(name, names, C_COUNT)))
		return cli_usage("collectivite : champ « %s » inconnu — "
		    "vouliez-vous dire « %s » ?", name, near);
	return cli_usage("collectivite : champ « %s » inconnu (nom, type, "
	    "code, departement, elu_nom, elu_fonction, elu_email, "
	    "elu_telephone, technique_nom, technique_service, technique_email, "
	    "technique_telephone, benevoles)", name);
}

int cmd_collectivite(struct cli *c, const struct cli_args *a)
{
	struct collectivite col = {0};
	struct err e = {0};
	int i, rc;

	if ((rc = cli_open(c, a->npos ? CLI_WRITE : 0)))
		return rc;
	for (i = 0; i < a->npos; i++) {
		const char *arg = a->pos[i], *eq = strchr(arg, '=');
		char name[64];

		if (!eq || (size_t)(eq - arg) >= sizeof name)
			return cli_usage("collectivite : champ=valeur attendu");
		snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
		if (!coll_field_find(name))
			return unknown_coll_field(name);
		if ((rc = coll_field_check(coll_field_find(name)->id, eq + 1,
		    &e)))
			return cli_fail(&e);
	}
	for (i = 0; i < a->npos; i++) {
		const char *arg = a->pos[i], *eq = strchr(arg, '=');
		char name[64];

		snprintf(name, sizeof name, "%.*s", (int)(eq - arg), arg);
		if (store_set_collectivite(c->store,
		    coll_field_find(name)->id, eq + 1, &e))
			return cli_fail(&e);
	}
	if (a->npos) {
		printf("Présentation enregistrée.\n");
		return 0;
	}
	if (store_get_collectivite(c->store, &col, &e))
		return cli_fail(&e);
	for (i = 0; i < C_COUNT; i++)
		printf("%s (%s) : %s\n", coll_fields[i].label,
		    coll_fields[i].name, col.f[i] ? col.f[i] : "");
	printf("Mandat : %s\n", c->mandate.label);
	collectivite_clear(&col);
	return 0;
}

int cmd_history(struct cli *c, const struct cli_args *args)
{
	struct journal_entry *j = NULL;
	struct err e = {0};
	const char *ref = args->npos ? args->pos[0] : NULL;
	const char *v = cli_arg(args, "limite");
	size_t n = 0, i, limit = 0;
	long num;
	int rc;

	if (v) {
		if (int_parse(v, 0, 1000000000L, &num))
			return cli_usage("--limite attend un nombre");
		limit = (size_t)num;
	}
	if ((rc = cli_open(c, 0)))
		return rc;
	if (ref) {
		struct action *a = NULL;

		if (store_get_action_by_ref(c->store, c->mandate.id, ref, &a,
		    &e))
			return cli_fail(&e);
		action_free(&a);
	}
	if (store_history(c->store, c->mandate.id, ref, limit, &j, &n, &e))
		return cli_fail(&e);
	for (i = 0; i < n; i++) {
		const char *field = j[i].field, *ent = j[i].entity;
		char d[FR_DATE_LEN];
		enum journal_field jf = journal_field_parse(field);

		printf("%s  %-12s %s%s %s ", fr_datetime(j[i].at, d, sizeof d),
		    j[i].user,
		    j[i].is_undo ? "[annulation] " : "",
		    journal_entity_label(ent), j[i].ref ? j[i].ref : "");
		if (jf == JF_CREATION)
			printf("créé(e) : ");
		else if (jf == JF_DELETION)
			printf("supprimé(e) : ");
		else
			printf("%s : ", journal_field_label(ent, field));
		if (jf != JF_CREATION && jf != JF_DELETION) {
			putchar('"');
			cli_put_tsv(stdout, journal_value_label(ent, field,
			    j[i].old_value));
			fputs("\" → \"", stdout);
			cli_put_tsv(stdout, journal_value_label(ent, field,
			    j[i].new_value));
			putchar('"');
		} else {
			cli_put_tsv(stdout, jf == JF_CREATION ?
			    j[i].new_value : j[i].old_value);
		}
		if (j[i].undone)
			fputs("  (annulé)", stdout);
		putchar('\n');
	}
	if (!n)
		printf("Journal vide.\n");
	journal_entries_free(j, n);
	return 0;
}

/* Unticking a "Bilan annuel - Fait" by undo asks, as `bilan --non-fait`
 * does: --oui off a terminal, else the question. */
int cmd_undo(struct cli *c, const struct cli_args *a)
{
	struct undo_info u = {0};
	struct err e = {0};
	char *what = NULL;
	int rc, yes = cli_flag(a, "oui") > 0;

	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (store_undo_peek(c->store, &u, &e))
		return cli_fail(&e);
	if (u.review_year && !yes) {
		char q[400];

		if (!cli_interactive()) {
			fprintf(stderr, "suivi : votre dernière modification est "
			    "le bilan %d coché ; la défaire décocherait « Bilan "
			    "annuel - Fait » %d : ajoutez --oui pour confirmer "
			    "(rien n'a été défait)\n", u.review_year,
			    u.review_year);
			undo_info_clear(&u);
			return 1;
		}
		snprintf(q, sizeof q, "Annuler la dernière modification : %s ? "
		    "Le plan figé reste dans l'historique.", u.what ? u.what :
		    "");
		if (!cli_confirm(q)) {
			fputs("Rien n'a été défait.\n", stderr);
			undo_info_clear(&u);
			return 1;
		}
	}
	rc = store_undo_txn(c->store, u.txn, &what, &e);
	undo_info_clear(&u);
	if (rc)
		return cli_fail(&e);
	printf("Modification défaite : %s\n", what ? what : "");
	free(what);
	return 0;
}

int cmd_backup(struct cli *c, const struct cli_args *a)
{
	struct err e = {0};
	char *dest;
	int rc;

	if ((rc = cli_open(c, CLI_NO_MANDATE)))
		return rc;
	if (a->npos) {
		if (!(dest = xstrdup(a->pos[0]))) {
			fputs("suivi : mémoire insuffisante\n", stderr);
			return 1;
		}
		rc = store_backup(c->store, dest, &e);
	} else {
		dest = NULL;
		rc = ops_backup(c->store, OPS_BACKUP_MANUAL, &dest, &e);
	}
	if (rc)
		rc = cli_fail(&e);
	else
		printf("Sauvegarde écrite : %s\n", dest);
	free(dest);
	return rc;
}
