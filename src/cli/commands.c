/*
 * commands.c - the table of commands: each one's French main name, its
 * English aliases, its options (cli_args.h spec), its usage line and
 * description in French, and its function. The global help, each
 * command's --help and the dispatch all read this table: adding a
 * command is one entry here and its function (cli_priv.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"

static const struct cli_cmd commands[] = {
	{ "init", "initialiser", "collectivite= referentiel= demo", 0,
	    "init --collectivite NOM [--mandat 2020-2026] "
	    "[--referentiel FICHIER]",
	    "crée une base ; --demo crée la base de démonstration", cmd_init },
	{ "demo", NULL, "", 0, "demo",
	    "crée la base de démonstration et l'ouvre", cmd_demo },
	{ "liste", "list", "engagement= avancement= prioritaires pilote= "
	    "annulees sans-annulees supplementaires a-mettre-a-jour "
	    "recherche= format=", 0,
	    "liste [--engagement N] [--avancement A] [--prioritaires] "
	    "[--pilote S]\n"
	    "[--annulees|--sans-annulees] [--supplementaires] "
	    "[--a-mettre-a-jour]\n"
	    "[--recherche TEXTE] [--format table|tsv|csv]",
	    "liste les actions", cmd_list },
	{ "voir", "show", "", 1, "voir REF", "affiche une action en entier",
	    cmd_show },
	{ "ajouter", "add", "engagement= intitule=", -1,
	    "ajouter --engagement N --intitule TEXTE [champ=valeur ...]",
	    "ajoute une action", cmd_add },
	{ "modifier", "set", "", -1, "modifier REF champ=valeur [...]",
	    "modifie une action (champs : voir suivi(1))", cmd_set },
	{ "indicateur", NULL, "ajouter= numero=", -1,
	    "indicateur REF [--ajouter LIBELLE] [--numero K champ=valeur ...]",
	    "liste, ajoute ou modifie les indicateurs d'une action",
	    cmd_indicateur },
	{ "collectivite", NULL, "", -1, "collectivite [champ=valeur ...]",
	    "affiche ou modifie la page Présentation", cmd_collectivite },
	{ "bilan", NULL, "fait non-fait commentaire= oui", 1,
	    "bilan ANNEE [--fait|--non-fait] [--commentaire TEXTE] [--oui]",
	    "bilan annuel (cocher « Bilan annuel - Fait »)", cmd_bilan },
	{ "exporter", "export", "annee= o|sortie= format= pilote= rfc4180", 0,
	    "exporter [--annee ANNEE] [-o FICHIER] [--format xlsx|csv] "
	    "[--pilote SERVICE]\n"
	    "[--rfc4180]",
	    "tableau de suivi annuel", cmd_export },
	{ "importer", "import", "essai|dry-run feuille= forcer plan-initial",
	    -1, "importer FICHIER [--essai] [--feuille NOM] [--forcer] "
	    "[--plan-initial]",
	    "importe un tableau XLSX ou CSV", cmd_import },
	{ "historique", "history", "limite=", 1, "historique [REF] [--limite N]",
	    "journal des modifications", cmd_history },
	{ "annuler", "undo", "oui", 0, "annuler [--oui]",
	    "défait votre dernière modification (--oui : sans question, même "
	    "si elle décoche un bilan annuel)", cmd_undo },
	{ "services", NULL, "annee= contact= nom= courriel=", 0,
	    "services [--annee ANNEE] [--contact SERVICE --nom NOM "
	    "--courriel ADRESSE]", "chaque service pilote : ses actions à "
	    "mettre à jour, son contact", cmd_services },
	{ "relances", NULL, "annee= echeance= o|sortie= envoyer", 0,
	    "relances [--annee ANNEE] [--echeance JJ/MM/AAAA] -o DOSSIER "
	    "[--envoyer]", "extrait et courriel (.eml) pour chaque service en "
	    "retard ; --envoyer les envoie par sendmail", cmd_relances },
	{ "sauvegarde", "backup", "", 1, "sauvegarde [FICHIER]",
	    "copie de sauvegarde de la base", cmd_backup },
	{ "verifier", "check", "", 1, "verifier [ANNEE]",
	    "intégrité et vérification avant envoi", cmd_check },
	{ "plan-initial", NULL, "figer montrer", 0,
	    "plan-initial --figer|--montrer",
	    "plan d'action initial (approuvé en conseil municipal)",
	    cmd_plan_initial },
	{ "evolution", NULL, "depuis=", 0,
	    "evolution [--depuis plan-initial|ANNEE]", "évolution du plan",
	    cmd_evolution },
	{ "mandat", NULL, "referentiel= correspondance= tout-garder", 2,
	    "mandat liste\n"
	    "mandat nouveau AAAA-AAAA [--referentiel FICHIER]\n"
	    "       [--correspondance FICHIER | --tout-garder]\n"
	    "mandat reprendre --correspondance FICHIER | --tout-garder",
	    "mandats et passage au mandat suivant", cmd_mandat },
	{ "appreciation", NULL, "commentaire=", 2,
	    "appreciation [ENGAGEMENT VALEUR [--commentaire TEXTE]]",
	    "appréciation de la collectivité par engagement (atteint, en passe "
	    "d'être atteint, non atteint)", cmd_appreciation },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static const char help_head[] =
"Usage : suivi [--db FICHIER] [--mandat AAAA-AAAA] [COMMANDE [ARGUMENTS]]\n"
"\n"
"Suivi du plan d'action « Ville amie des enfants » (UNICEF France).\n"
"Sans commande, ouvre l'interface plein écran.\n"
"\n"
"Commandes (« suivi COMMANDE --help » pour le détail) :\n";

static const char help_tail[] =
"\n"
"Options : --db FICHIER (sinon $SUIVI_DB, sinon\n"
"  $XDG_DATA_HOME/suivi/suivi.db), --mandat AAAA-AAAA, --modifier-archive,\n"
"  --help, --version.\n"
"Statut de sortie : 0 succès, 1 échec, 2 erreur d'utilisation.\n"
"Voir aussi : man suivi\n";

/* Writes the usage of d, each line after the first indented by indent. */
static void put_usage(FILE *f, const struct cli_cmd *d, const char *first,
    const char *indent)
{
	const char *p = d->usage;

	fputs(first, f);
	while (*p) {
		size_t n = strcspn(p, "\n");

		fprintf(f, "%.*s\n", (int)n, p);
		p += n;
		if (*p == '\n' && *++p)
			fputs(indent, f);
	}
}

void cli_help(FILE *f)
{
	size_t k;

	fputs(help_head, f);
	for (k = 0; k < N_COMMANDS; k++) {
		const struct cli_cmd *d = &commands[k];

		put_usage(f, d, "  ", "    ");
		fprintf(f, "      %s", d->desc);
		if (d->aliases)
			fprintf(f, " (aussi : %s)", d->aliases);
		fputc('\n', f);
	}
	fputs(help_tail, f);
}

void cli_command_help(FILE *f, const struct cli_cmd *d)
{
	put_usage(f, d, "Usage : suivi ", "              ");
	fprintf(f, "\n%s : %s.\n", d->name, d->desc);
	if (d->aliases)
		fprintf(f, "Aussi : suivi %s\n", d->aliases);
	fputs("Options globales : --db FICHIER, --mandat AAAA-AAAA, "
	    "--modifier-archive.\nVoir aussi : man suivi\n", f);
}

/* 1 when name is d's main name or one of its (one-word) aliases. */
static int named(const struct cli_cmd *d, const char *name)
{
	return strcmp(d->name, name) == 0 ||
	    (d->aliases && strcmp(d->aliases, name) == 0);
}

const struct cli_cmd *cli_command_find(const char *name, const char **near)
{
	const char *names[N_COMMANDS * 2];
	char *f = text_fold(name);
	size_t k, n = 0;
	const struct cli_cmd *found = NULL;

	*near = NULL;
	for (k = 0; k < N_COMMANDS && !found; k++)
		if (named(&commands[k], name))
			found = &commands[k];
	for (k = 0; k < N_COMMANDS && !found && f; k++)
		if (named(&commands[k], f))
			found = &commands[k];
	free(f);
	if (found)
		return found;
	for (k = 0; k < N_COMMANDS; k++) {
		names[n++] = commands[k].name;
		if (commands[k].aliases)
			names[n++] = commands[k].aliases;
	}
	*near = str_nearest(name, names, n);
	return NULL;
}
