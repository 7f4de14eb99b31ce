/*
 * cmd_import.c - `suivi import FICHIER [--dry-run] [--feuille NOM]
 * [--forcer] [--plan-initial]`.
 *
 * Parses the options and shows; ops_import_file (src/ops/import.c), the
 * same as i in the interface, reads the file, maps it, backs the database
 * up next to itself (<nom>-avant-import-AAAA-MM-JJ-HHhMMmSS.db) and
 * applies it in one transaction. The report goes to stdout,
 * faulty cells and errors to stderr. Exit status 1 when anything was
 * refused (an error: nothing imported; a conflict: that row left alone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"
#include "ops.h"

static void print_issues(const struct import_result *r)
{
	size_t i;

	for (i = 0; i < r->n_issues; i++) {
		const struct import_issue *is = &r->issues[i];

		fprintf(stderr, "%s%s%s%s : %s\n",
		    is->sev == IMPORT_ERROR ? "erreur : " : "attention : ",
		    r->file ? r->file : "", is->where ? ", " : "",
		    is->where ? is->where : "", is->msg);
	}
}

int cmd_import(struct cli *c, const struct cli_args *a)
{
	struct ops_import x;
	struct import_apply_opts ao;
	struct err e = {0};
	const char *file = NULL, *base, *sheet = NULL;
	size_t i;
	int rc, status = 0;
	const struct import_result *r;
	const struct import_report *rep = &x.rep;

	memset(&x, 0, sizeof x);
	memset(&ao, 0, sizeof ao);
	sheet = cli_arg(a, "feuille");
	ao.dry_run = cli_flag(a, "essai") > 0;
	ao.force = cli_flag(a, "forcer") > 0;
	ao.freeze_initial = cli_flag(a, "plan-initial") > 0;
	if (a->npos > 1)
		return cli_usage("importer : un seul fichier à la fois");
	file = a->npos ? a->pos[0] : NULL;
	if (!file)
		return cli_usage("importer : indiquez le fichier (exemple : "
		    "suivi importer plan.xlsx)");
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	ao.file = base;
	/* A trial only reads the base (import_apply runs it on a copy). */
	if ((rc = cli_open(c, ao.dry_run ? CLI_READ_ONLY : CLI_WRITE)))
		return rc;
	rc = ops_import_file(c->store, &c->mandate, file, sheet, &ao, &x, &e);
	if (rc && x.failed == OPS_IMPORT_READ) {
		status = cli_fail(&e);
		fprintf(stderr, "suivi : rien n'a été importé\n");
		goto out;
	}
	r = x.r;
	printf("Import de %s%s%s%s, en-tête ligne %d, %zu ligne%s d'action%s\n",
	    base, r->sheet ? " (feuille « " : "", r->sheet ? r->sheet : "",
	    r->sheet ? " »)" : "", r->header_line, r->n_rows,
	    r->n_rows > 1 ? "s" : "", ao.dry_run ? " — essai (--dry-run), "
	    "rien ne sera enregistré" : "");
	if (x.styles_unknown)
		printf("  styles non lus : un classeur .xls ne donne que ses "
		    "valeurs (remplissages, texte barré et feuilles masquées "
		    "inconnus)\n");
	for (i = 0; i < r->n_ignored; i++)
		printf("  colonne ignorée : %s\n", r->ignored[i]);
	for (i = 0; i < r->n_notes; i++)
		printf("  lu : %s\n", r->notes[i]);
	if (rc && x.failed == OPS_IMPORT_BACKUP) {
		err_prefix(&e, "sauvegarde avant import impossible, "
		    "import annulé");
		status = cli_fail(&e);
		goto out;
	}
	if (x.backup)
		printf("  sauvegarde de la base : %s\n", x.backup);
	print_issues(r);
	if (rc) {
		status = cli_fail(&e);
		goto out;
	}
	fputs(sb_str(&rep->text), stdout);
	printf("%s : %zu créée%s, %zu modifiée%s, %zu inchangée%s, "
	    "%zu conflit%s\n", x.dry_run ? "Essai" : "Bilan de l'import",
	    rep->created, rep->created > 1 ? "s" : "",
	    rep->updated, rep->updated > 1 ? "s" : "",
	    rep->unchanged, rep->unchanged > 1 ? "s" : "",
	    rep->conflicts, rep->conflicts > 1 ? "s" : "");
	if (r->ind_sheet)
		printf("Indicateurs clés (feuille « %s ») : %zu créé%s, %zu mis "
		    "à jour, %zu inchangé%s\n", r->ind_sheet,
		    rep->ind_created, rep->ind_created > 1 ? "s" : "",
		    rep->ind_updated, rep->ind_unchanged,
		    rep->ind_unchanged > 1 ? "s" : "");
	if (rep->conflicts) {
		fprintf(stderr, "suivi : %zu ligne%s en conflit laissée%s de "
		    "côté (--forcer pour les importer) ; le reste est %s\n",
		    rep->conflicts, rep->conflicts > 1 ? "s" : "",
		    rep->conflicts > 1 ? "s" : "",
		    x.dry_run ? "prêt à être importé" : "enregistré");
		status = 1;
	}
	if (rep->initial_frozen) {
		printf("Plan initial figé.\n");
	} else if (x.offer_freeze) {
		if (cli_interactive() && cli_confirm("Le plan d'action initial "
		    "(approuvé en conseil municipal) n'est pas encore figé. "
		    "Le figer maintenant avec les actions importées ?")) {
			if (ops_freeze_initial(c->store, c->mandate.id, &e))
				status = cli_fail(&e);
			else
				printf("Plan initial figé.\n");
		} else {
			printf("Le plan initial n'est pas figé : « suivi "
			    "plan-initial --figer » (ou import avec "
			    "--plan-initial) le fige.\n");
		}
	}
out:
	ops_import_clear(&x);
	fflush(stdout);
	return status;
}
