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

static int new_mandate(struct cli *c, const struct cli_args *a)
{
	struct referential *r = NULL;
	struct mandate prev = {0}, m = {0};
	struct strbuf path = {0};
	struct err e = {0};
	const char *label = a->npos > 1 ? a->pos[1] : NULL;
	const char *refpath = cli_arg(a, "referentiel");
	const char *map = cli_arg(a, "correspondance");
	int64_t rid = 0, mid = 0;
	int rc, keep_all = cli_flag(a, "tout-garder") > 0, has_prev;

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

static int take_over(struct cli *c, const struct cli_args *a)
{
	struct mandate prev = {0};
	struct err e = {0};
	const char *map = cli_arg(a, "correspondance");
	int rc, keep_all = cli_flag(a, "tout-garder") > 0;
	struct mandate *all = NULL;
	size_t n = 0, k;

	if (a->npos > 1)
		return cli_usage("mandat reprendre : argument inattendu « %s »",
		    a->pos[1]);
	if (cli_arg(a, "referentiel"))
		return cli_usage("mandat reprendre : --referentiel ne s'applique "
		    "qu'à « mandat nouveau »");
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

int cmd_mandat(struct cli *c, const struct cli_args *a)
{
	const char *sub = a->npos ? a->pos[0] : "";

	if (strcmp(sub, "liste") == 0 && a->npos == 1 && !a->nocc)
		return list_mandates(c);
	if (strcmp(sub, "nouveau") == 0)
		return new_mandate(c, a);
	if (strcmp(sub, "reprendre") == 0)
		return take_over(c, a);
	return cli_usage("mandat : liste, nouveau AAAA-AAAA --referentiel "
	    "FICHIER, ou reprendre --correspondance FICHIER");
}

int cmd_appreciation(struct cli *c, const struct cli_args *a)
{
	static const char *const labels[] = { "Non atteint",
	    "En passe d'être atteint", "Atteint" };
	struct plan *p = NULL;
	struct err e = {0};
	const char *comment = cli_arg(a, "commentaire");
	const char *value = a->npos > 1 ? a->pos[1] : NULL;
	long num = 0;
	int rc, eng = 0, v = -1;
	size_t k;

	if (a->npos && int_parse(a->pos[0], 1, 99, &num))
		return cli_usage("appreciation [ENGAGEMENT VALEUR "
		    "[--commentaire TEXTE]]");
	eng = (int)num;
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
