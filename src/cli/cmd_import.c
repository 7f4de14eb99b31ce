/*
 * cmd_import.c - `suivi import FICHIER [--dry-run] [--feuille NOM]
 * [--forcer] [--plan-initial]`.
 *
 * Reads the file (import_read_file), maps it (import_map), backs the
 * database up next to itself (<nom>-avant-import-AAAA-MM-JJ-HHhMMmSS.db,
 * store_backup_beside) and
 * applies it in one transaction (import_apply). The report goes to stdout,
 * faulty cells and errors to stderr. Exit status 1 when anything was
 * refused (an error: nothing imported; a conflict: that row left alone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"
#include "import.h"

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

int cmd_import(struct cli *c, int argc, char **argv)
{
	struct import_book *book = NULL;
	struct import_result *r = NULL;
	struct import_report rep;
	struct import_opts mo;
	struct import_apply_opts ao;
	struct referential *ref = NULL;
	struct err e = {0};
	const char *file = NULL, *base;
	char *bak = NULL;
	size_t i;
	int rc, status = 0, no_styles;

	memset(&rep, 0, sizeof rep);
	memset(&mo, 0, sizeof mo);
	memset(&ao, 0, sizeof ao);
	for (i = 1; i < (size_t)argc; i++) {
		const char *v;
		int missing, k = (int)i;

		if ((v = cli_opt(argc, argv, &k, "--feuille", &missing))) {
			mo.sheet = v;
			i = (size_t)k;
		} else if (missing) {
			return cli_usage("l'option %s attend une valeur",
			    argv[i]);
		} else if (strcmp(argv[i], "--dry-run") == 0 ||
		    strcmp(argv[i], "--essai") == 0) {
			ao.dry_run = 1;
		} else if (strcmp(argv[i], "--forcer") == 0) {
			ao.force = 1;
		} else if (strcmp(argv[i], "--plan-initial") == 0) {
			ao.freeze_initial = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage("import : option inconnue « %s »",
			    argv[i]);
		} else if (file) {
			return cli_usage("import : un seul fichier à la fois");
		} else {
			file = argv[i];
		}
	}
	if (!file)
		return cli_usage("import : indiquez le fichier (exemple : suivi "
		    "import plan.xlsx)");
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	ao.file = base;
	/* A trial only reads the base (import_apply runs it on a copy). */
	if ((rc = cli_open(c, ao.dry_run ? CLI_READ_ONLY : CLI_WRITE)))
		return rc;
	if (store_get_referential(c->store, c->mandate.referential_id, &ref,
	    &e))
		return cli_fail(&e);
	mo.ref = ref;
	mo.year_min = c->mandate.year_first;
	mo.year_max = c->mandate.year_last;
	if (import_read_file(file, &book, &e) ||
	    import_map_release(book, &mo, &r, &e)) {
		status = cli_fail(&e);
		fprintf(stderr, "suivi : rien n'a été importé\n");
		goto out;
	}
	no_styles = book->styles_unknown;
	import_book_free(&book);	/* r holds copies of what it needs */
	printf("Import de %s%s%s%s, en-tête ligne %d, %zu ligne%s d'action%s\n",
	    base, r->sheet ? " (feuille « " : "", r->sheet ? r->sheet : "",
	    r->sheet ? " »)" : "", r->header_line, r->n_rows,
	    r->n_rows > 1 ? "s" : "", ao.dry_run ? " — essai (--dry-run), "
	    "rien ne sera enregistré" : "");
	if (no_styles)
		printf("  styles non lus : un classeur .xls ne donne que ses "
		    "valeurs (remplissages, texte barré et feuilles masquées "
		    "inconnus)\n");
	for (i = 0; i < r->n_ignored; i++)
		printf("  colonne ignorée : %s\n", r->ignored[i]);
	if (r->n_errors) {
		/* Still run the whole thing (rolled back) to list every
		 * problem at once; no backup for an import that cannot be. */
		ao.dry_run = 1;
	} else if (!ao.dry_run) {
		if (store_backup_beside(c->store, "avant-import", &bak, &e)) {
			err_prefix(&e, "sauvegarde avant import impossible, "
			    "import annulé");
			status = cli_fail(&e);
			goto out;
		}
		printf("  sauvegarde de la base : %s\n", bak);
	}
	rc = import_apply(c->store, &c->mandate, r, &ao, &rep, &e);
	print_issues(r);
	if (rc) {
		status = cli_fail(&e);
		goto out;
	}
	fputs(sb_str(&rep.text), stdout);
	printf("%s : %zu créée%s, %zu modifiée%s, %zu inchangée%s, "
	    "%zu conflit%s\n", ao.dry_run ? "Essai" : "Bilan de l'import",
	    rep.created, rep.created > 1 ? "s" : "",
	    rep.updated, rep.updated > 1 ? "s" : "",
	    rep.unchanged, rep.unchanged > 1 ? "s" : "",
	    rep.conflicts, rep.conflicts > 1 ? "s" : "");
	if (r->ind_sheet)
		printf("Indicateurs clés (feuille « %s ») : %zu créé%s, %zu mis "
		    "à jour, %zu inchangé%s\n", r->ind_sheet,
		    rep.ind_created, rep.ind_created > 1 ? "s" : "",
		    rep.ind_updated, rep.ind_unchanged,
		    rep.ind_unchanged > 1 ? "s" : "");
	if (rep.conflicts) {
		fprintf(stderr, "suivi : %zu ligne%s en conflit laissée%s de "
		    "côté (--forcer pour les importer) ; le reste est %s\n",
		    rep.conflicts, rep.conflicts > 1 ? "s" : "",
		    rep.conflicts > 1 ? "s" : "",
		    ao.dry_run ? "prêt à être importé" : "enregistré");
		status = 1;
	}
	if (rep.initial_frozen) {
		printf("Plan initial figé.\n");
	} else if (!rep.had_initial && !ao.dry_run) {
		if (cli_interactive() && cli_confirm("Le plan d'action initial "
		    "(approuvé en conseil municipal) n'est pas encore figé. "
		    "Le figer maintenant avec les actions importées ?")) {
			if (store_freeze_initial(c->store, c->mandate.id, &e))
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
	free(bak);
	import_report_clear(&rep);
	import_result_free(&r);
	import_book_free(&book);
	referential_free(&ref);
	fflush(stdout);
	return status;
}
