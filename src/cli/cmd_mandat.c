/*
 * cmd_mandat.c - `suivi mandat liste|nouveau|reprendre` and
 * `suivi appreciation`: from one mandate to the next.
 *
 * The correspondence file says, for each action of the previous mandate,
 * one decision per line (format and parser: src/model/carry.c).
 * Cancelled actions need no line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"

static int list_mandates(struct cli *c)
{
	struct mandate *m = NULL;
	struct err e = {0};
	size_t n = 0, i;
	int rc;

	if ((rc = cli_open(c, CLI_NO_MANDATE)))
		return rc;
	if (store_list_mandates(c->store, &m, &n, &e))
		return cli_fail(&e);
	for (i = 0; i < n; i++) {
		struct referential *r = NULL;

		store_get_referential(c->store, m[i].referential_id, &r, NULL);
		printf("%s  %s  %s\n", m[i].label,
		    m[i].archived ? "archivé" : "actif  ",
		    r && r->name ? r->name : (r ? r->code : ""));
		referential_free(&r);
		mandate_clear(&m[i]);
	}
	free(m);
	return 0;
}

/* Reads and parses the correspondence file path (carry_mapping_parse). */
static int read_mapping(const char *path, struct carry_item **items,
    size_t *n)
{
	struct err e = {0};
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (file_read_all(path, 1u << 20, &text, &len, &e))
		return cli_fail(&e);
	rc = carry_mapping_parse(text, len, path, items, n, &e);
	free(text);
	return rc ? cli_fail(&e) : 0;
}

static int carry(struct cli *c, int64_t from, int64_t to, const char *map,
    int keep_all)
{
	struct carry_item *items = NULL;
	struct plan *old = NULL;
	struct err e = {0};
	char *report = NULL;
	size_t n = 0, i;
	int rc = 0;

	if (map) {
		if ((rc = read_mapping(map, &items, &n)))
			return rc;
	} else if (keep_all) {
		if (store_load_plan(c->store, from, 0, &old, &e))
			return cli_fail(&e);
		items = calloc(old->n_actions + 1, sizeof *items);
		for (i = 0; items && i < old->n_actions; i++)
			if (!old->actions[i].cancelled) {
				items[n].ref = old->actions[i].ref;
				items[n++].decision = CARRY_KEEP;
			}
	}
	if (store_carry_over(c->store, from, to, items, n, &report, &e))
		rc = cli_fail(&e);
	else
		fputs(report ? report : "", stdout);
	free(report);
	free(items);
	plan_free(&old);
	return rc;
}

static int new_mandate(struct cli *c, int argc, char **argv)
{
	struct referential *r = NULL;
	struct mandate prev = {0}, m = {0};
	struct strbuf path = {0};
	struct err e = {0};
	const char *label = NULL, *refpath = NULL, *map = NULL;
	int64_t rid = 0, mid = 0;
	int i, rc, keep_all = 0, has_prev;

	for (i = 2; i < argc; i++) {
		const char *v;
		int missing;

		if ((v = cli_opt(argc, argv, &i, "--referentiel", &missing)))
			refpath = v;
		else if ((v = cli_opt(argc, argv, &i, "--correspondance",
		    &missing)))
			map = v;
		else if (missing)
			return cli_usage("l'option %s attend une valeur",
			    argv[i]);
		else if (strcmp(argv[i], "--tout-garder") == 0)
			keep_all = 1;
		else if (!label && argv[i][0] != '-')
			label = argv[i];
		else
			return cli_usage("mandat nouveau : argument inattendu "
			    "« %s »", argv[i]);
	}
	if (!label)
		return cli_usage("mandat nouveau AAAA-AAAA --referentiel "
		    "FICHIER [--correspondance FICHIER | --tout-garder]");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (!refpath) {
		sb_printf(&path, "%s/referentiels/vae-%s.txt", cli_data_dir(),
		    label);
		refpath = sb_str(&path);
	}
	if (referential_load_file(refpath, &r, &e)) {
		sb_free(&path);
		return cli_fail(&e);
	}
	has_prev = store_active_mandate(c->store, &prev, NULL) == 0;
	/* The new mandate and its referential in one go; carrying over is a
	 * second step that can be redone if the mapping is wrong. */
	if (store_add_referential(c->store, r, &rid, &e) ||
	    store_add_mandate(c->store, label, rid, &mid, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	printf("Mandat %s ouvert avec le référentiel %s ; le mandat %s est "
	    "archivé (lecture seule).\n", label, r->code,
	    has_prev ? prev.label : "-");
	if (has_prev && (map || keep_all)) {
		rc = carry(c, prev.id, mid, map, keep_all);
	} else if (has_prev) {
		printf("Reprenez les actions du mandat %s avec « suivi mandat "
		    "reprendre --correspondance FICHIER » (ou --tout-garder).\n",
		    prev.label);
	}
out:
	referential_free(&r);
	mandate_clear(&prev);
	mandate_clear(&m);
	sb_free(&path);
	return rc;
}

static int take_over(struct cli *c, int argc, char **argv)
{
	struct mandate prev = {0};
	struct err e = {0};
	const char *map = NULL;
	int i, rc, keep_all = 0;
	struct mandate *all = NULL;
	size_t n = 0, k;

	for (i = 2; i < argc; i++) {
		const char *v;
		int missing;

		if ((v = cli_opt(argc, argv, &i, "--correspondance", &missing)))
			map = v;
		else if (missing)
			return cli_usage("--correspondance attend un fichier");
		else if (strcmp(argv[i], "--tout-garder") == 0)
			keep_all = 1;
		else
			return cli_usage("mandat reprendre : argument inattendu "
			    "« %s »", argv[i]);
	}
	if (!map && !keep_all)
		return cli_usage("mandat reprendre --correspondance FICHIER "
		    "(ou --tout-garder)");
	if ((rc = cli_open(c, CLI_WRITE)))
		return rc;
	if (!c->mandate.previous_id) {
		fprintf(stderr, "suivi : le mandat %s ne suit aucun autre "
		    "mandat : rien à reprendre\n", c->mandate.label);
		return 1;
	}
	if (store_list_mandates(c->store, &all, &n, &e))
		return cli_fail(&e);
	for (k = 0; k < n; k++)
		if (all[k].id == c->mandate.previous_id)
			prev = all[k];
		else
			mandate_clear(&all[k]);
	free(all);
	rc = carry(c, prev.id, c->mandate.id, map, keep_all);
	mandate_clear(&prev);
	return rc;
}

int cmd_mandat(struct cli *c, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "liste") == 0 && argc == 2)
		return list_mandates(c);
	if (argc >= 2 && strcmp(argv[1], "nouveau") == 0)
		return new_mandate(c, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "reprendre") == 0)
		return take_over(c, argc, argv);
	return cli_usage("mandat : liste, nouveau AAAA-AAAA --referentiel "
	    "FICHIER, ou reprendre --correspondance FICHIER");
}

int cmd_appreciation(struct cli *c, int argc, char **argv)
{
	static const char *const labels[] = { "Non atteint",
	    "En passe d'être atteint", "Atteint" };
	struct plan *p = NULL;
	struct err e = {0};
	const char *comment = NULL, *value = NULL;
	int i, rc, eng = 0, v = -1;
	size_t k;

	for (i = 1; i < argc; i++) {
		const char *o;
		int missing;

		if ((o = cli_opt(argc, argv, &i, "--commentaire", &missing)))
			comment = o;
		else if (missing)
			return cli_usage("--commentaire attend un texte");
		else if (!eng && (eng = atoi(argv[i])) > 0)
			continue;
		else if (eng && !value)
			value = argv[i];
		else
			return cli_usage("appreciation [ENGAGEMENT VALEUR "
			    "[--commentaire TEXTE]]");
	}
	if (value && assessment_parse(value, &v))
		return cli_usage("appréciation « %s » : atteint, « en passe "
		    "d'être atteint » ou « non atteint »", value);
	if ((rc = cli_open(c, eng ? CLI_WRITE : 0)))
		return rc;
	if (eng) {
		if (!value && !comment)
			return cli_usage("appreciation %d : indiquez une valeur",
			    eng);
		if (store_set_assessment(c->store, c->mandate.id, eng, v,
		    comment, &e))
			return cli_fail(&e);
		printf("Appréciation de l'engagement %d enregistrée.\n", eng);
		return 0;
	}
	if (store_load_plan(c->store, c->mandate.id, 0, &p, &e))
		return cli_fail(&e);
	printf("Appréciation de la collectivité, mandat %s :\n",
	    c->mandate.label);
	for (k = 0; k < p->ref->n_engagements; k++) {
		const struct ref_engagement *en = &p->ref->engagements[k];
		const struct assessment *as = NULL;
		size_t j;

		for (j = 0; j < p->n_assessments; j++)
			if (p->assessments[j].engagement == en->number)
				as = &p->assessments[j];
		printf("  %d. %s : %s\n", en->number, en->title ? en->title : "",
		    as && as->value >= 0 ? labels[as->value] : "non renseignée");
		if (as && as->comment)
			printf("     %s\n", as->comment);
	}
	plan_free(&p);
	return 0;
}
