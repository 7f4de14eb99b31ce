/*
 * cli.c - command-line dispatch, global options and shared helpers.
 *
 * Global options (--db, --mandat, --modifier-archive) are accepted
 * anywhere on the line and removed before the command sees argv.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_priv.h"
#include "tui.h"

#ifndef SUIVI_VERSION
#define SUIVI_VERSION "0.1.0"
#endif
#ifndef SUIVI_DATADIR
#define SUIVI_DATADIR "/usr/local/share/suivi"
#endif

static const char usage_text[] =
"Usage : suivi [--db FICHIER] [--mandat AAAA-AAAA] [COMMANDE [ARGUMENTS]]\n"
"\n"
"Suivi du plan d'action « Ville amie des enfants » (UNICEF France).\n"
"Sans commande, ouvre l'interface plein écran.\n"
"\n"
"Commandes :\n"
"  init --collectivite NOM [--mandat 2020-2026] [--referentiel FICHIER]\n"
"                          crée une base ; --demo crée la base de démonstration\n"
"  demo                    crée la base de démonstration et l'ouvre\n"
"  list [--engagement N] [--avancement A] [--prioritaires] [--pilote S]\n"
"       [--annulees|--sans-annulees] [--supplementaires] [--a-mettre-a-jour]\n"
"       [--recherche TEXTE] [--format table|tsv|csv]\n"
"                          liste les actions\n"
"  show REF                affiche une action en entier\n"
"  add --engagement N --intitule TEXTE [champ=valeur ...]\n"
"                          ajoute une action\n"
"  set REF champ=valeur [...]\n"
"                          modifie une action (aussi : modifier ; champs :\n"
"                          voir suivi(1))\n"
"  indicateur REF [--ajouter LIBELLE] [--numero K champ=valeur ...]\n"
"                          liste, ajoute ou modifie les indicateurs d'une action\n"
"  collectivite [champ=valeur ...]\n"
"                          affiche ou modifie la page Présentation\n"
"  bilan ANNEE [--fait|--non-fait] [--commentaire TEXTE] [--oui]\n"
"                          bilan annuel (cocher « Bilan annuel - Fait »)\n"
"  export [--annee ANNEE] [-o FICHIER] [--format xlsx|csv] [--pilote SERVICE]\n"
"                          tableau de suivi annuel\n"
"  import FICHIER [--dry-run] [--feuille NOM] [--forcer] [--plan-initial]\n"
"                          importe un tableau XLSX ou CSV\n"
"  history [REF] [--limite N]\n"
"                          journal des modifications\n"
"  undo [--oui]            (aussi : annuler) défait votre dernière modification\n"
"                          (--oui : sans question, même si elle décoche\n"
"                          un bilan annuel)\n"
"  backup [FICHIER]        copie de sauvegarde de la base\n"
"  check [ANNEE]           intégrité et vérification avant envoi\n"
"  plan-initial --figer|--montrer\n"
"                          plan d'action initial (approuvé en conseil municipal)\n"
"  evolution [--depuis plan-initial|ANNEE]\n"
"                          évolution du plan\n"
"  mandat liste\n"
"  mandat nouveau AAAA-AAAA [--referentiel FICHIER]\n"
"         [--correspondance FICHIER | --tout-garder]\n"
"  mandat reprendre --correspondance FICHIER | --tout-garder\n"
"                          mandats et passage au mandat suivant\n"
"  appreciation [ENGAGEMENT VALEUR [--commentaire TEXTE]]\n"
"                          appréciation de la collectivité par engagement\n"
"                          (atteint, en passe d'être atteint, non atteint)\n"
"  services [--annee A] [--contact SERVICE --nom NOM --courriel ADRESSE]\n"
"                          chaque service pilote : ses actions à mettre à jour\n"
"  relances [--annee A] [--echeance JJ/MM/AAAA] -o DOSSIER [--envoyer]\n"
"                          extrait et courriel (.eml) pour chaque service\n"
"                          en retard ; --envoyer les envoie par sendmail\n"
"\n"
"Options : --db FICHIER (sinon $SUIVI_DB, sinon\n"
"  $XDG_DATA_HOME/suivi/suivi.db), --mandat AAAA-AAAA, --modifier-archive,\n"
"  --help, --version.\n"
"Statut de sortie : 0 succès, 1 échec, 2 erreur d'utilisation.\n"
"Voir aussi : man suivi\n";

/* ---- Helpers ---- */

int cli_fail(const struct err *e)
{
	fprintf(stderr, "suivi : %s\n", e && e->msg[0] ? e->msg :
	    "échec inattendu");
	if (e && e->code == ERR_LOCKED)
		return 75;	/* busy: try again (SPEC §4) */
	return e && e->code == ERR_USAGE ? 2 : 1;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("suivi : ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n(« suivi --help » pour l'aide)\n", stderr);
	return 2;
}

const char *cli_opt(int argc, char **argv, int *i, const char *name,
    int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	*missing = 0;
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

void cli_put_tsv(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", f); break;
		case '\n': fputs("\\n", f); break;
		case '\r': fputs("\\r", f); break;
		case '\\': fputs("\\\\", f); break;
		default: fputc(*s, f); break;
		}
	}
}

int cli_interactive(void)
{
	return isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
}

int cli_confirm(const char *question)
{
	char line[64];

	fprintf(stderr, "%s [o/N] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	return line[0] == 'o' || line[0] == 'O' || line[0] == 'y' ||
	    line[0] == 'Y';
}

static int dir_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_data_dir(void)
{
	static char buf[4096];
	const char *v = getenv("SUIVI_DATA");
	ssize_t n;
	char *slash;

	if (v && *v)
		return v;
	/* Run from a checkout: data/ next to the executable. */
	n = readlink("/proc/self/exe", buf, sizeof buf - 16);
	if (n > 0) {
		buf[n] = '\0';
		if ((slash = strrchr(buf, '/'))) {
			snprintf(slash, sizeof buf - (size_t)(slash - buf), "/data");
			if (dir_exists(buf))
				return buf;
		}
	}
	return SUIVI_DATADIR;
}

int cli_parse_year(struct cli *c, const char *s, int *year)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(s, &end, 10);
	if (!*s || *end || y < MODEL_YEAR_MIN || y > MODEL_YEAR_MAX)
		return cli_usage("« %s » n'est pas une année", s);
	if (c->mandate.label && (y < c->mandate.year_first ||
	    y > c->mandate.year_last)) {
		fprintf(stderr, "suivi : l'année %ld est hors du mandat %s\n",
		    y, c->mandate.label);
		return 1;
	}
	*year = (int)y;
	return 0;
}

/* ---- Database ---- */

static int mkdirs(const char *dir)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof buf, "%s", dir);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static char *default_db_path(const char *file)
{
	struct strbuf sb = {0};
	const char *x = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (x && *x)
		sb_printf(&sb, "%s/suivi", x);
	else
		sb_printf(&sb, "%s/.local/share/suivi", home ? home : ".");
	mkdirs(sb_str(&sb));
	sb_printf(&sb, "/%s", file);
	return sb_steal(&sb);
}

int cli_open(struct cli *c, int flags)
{
	struct err e = {0};
	int rc;

	if (!c->store) {
		int sflags = (flags & CLI_CREATE) ? STORE_CREATE : 0;

		if (flags & CLI_READ_ONLY)
			sflags |= STORE_READONLY;

		if ((rc = store_open(c->db_path, sflags, &c->store, &e)))
			return cli_fail(&e);
	}
	if (flags & CLI_NO_MANDATE)
		return 0;
	if ((flags & CLI_WRITE) && store_readonly(c->store)) {
		err_set(&e, ERR_READONLY, "la base %s est en lecture seule "
		    "(droits du fichier ou du dossier) : modification "
		    "impossible", c->db_path);
		return cli_fail(&e);
	}
	if (!c->mandate.label) {
		if (c->mandate_label)
			rc = store_find_mandate(c->store, c->mandate_label,
			    &c->mandate, &e);
		else
			rc = store_active_mandate(c->store, &c->mandate, &e);
		if (rc)
			return cli_fail(&e);
	}
	c->readonly = c->mandate.archived && !c->modify_archive;
	if ((flags & CLI_WRITE) && c->readonly) {
		err_set(&e, ERR_READONLY, "le mandat %s est archivé : il est "
		    "en lecture seule (ajoutez --modifier-archive pour le "
		    "modifier quand même)", c->mandate.label);
		return cli_fail(&e);
	}
	return 0;
}

/* ---- Dispatch ---- */

static const struct command {
	const char *name;
	int (*fn)(struct cli *, int, char **);
} commands[] = {
	{ "init", cmd_init },
	{ "demo", cmd_demo },
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "add", cmd_add },
	{ "set", cmd_set },
	{ "indicateur", cmd_indicateur },
	{ "collectivite", cmd_collectivite },
	{ "bilan", cmd_bilan },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "history", cmd_history },
	{ "undo", cmd_undo },
	{ "backup", cmd_backup },
	{ "check", cmd_check },
	{ "plan-initial", cmd_plan_initial },
	{ "evolution", cmd_evolution },
	{ "mandat", cmd_mandat },
	{ "appreciation", cmd_appreciation },
	{ "services", cmd_services },	/* cmd_services.c (issue 17) */
	{ "relances", cmd_relances },
	/* French names (spec 4); the others are to come. */
	{ "modifier", cmd_set },
	{ "annuler", cmd_undo },
};

static int run_tui(struct cli *c)
{
	struct tui_opts o;
	int rc;

	if ((rc = cli_open(c, 0)))
		return rc;
	memset(&o, 0, sizeof o);
	o.store = c->store;
	o.mandate_id = c->mandate.id;
	o.readonly = c->readonly || store_readonly(c->store);
	o.data_dir = cli_data_dir();
	return tui_run(&o);
}

int cmd_demo(struct cli *c, int argc, char **argv)
{
	struct err e = {0};
	int rc;

	if (argc > 1)
		return cli_usage("demo : argument inattendu « %s »", argv[1]);
	if (!c->db_given) {
		free(c->db_path);
		c->db_path = default_db_path("demo.db");
	}
	if (access(c->db_path, F_OK) != 0) {
		if ((rc = cli_open(c, CLI_CREATE | CLI_NO_MANDATE)))
			return rc;
		if ((rc = demo_load(c->store, cli_data_dir(), &e))) {
			store_close(&c->store);
			unlink(c->db_path);
			return cli_fail(&e);
		}
		fprintf(stderr, "Base de démonstration créée : %s\n",
		    c->db_path);
	}
	return run_tui(c);
}

int cli_run(int argc, char **argv)
{
	struct cli c;
	char **args;
	int nargs = 0, i, rc = 2;
	const char *v;
	size_t k;

	memset(&c, 0, sizeof c);
	args = calloc((size_t)argc + 1, sizeof *args);
	if (!args) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		return 1;
	}
	for (i = 1; i < argc; i++) {
		int missing = 0;

		if ((v = cli_opt(argc, argv, &i, "--db", &missing))) {
			free(c.db_path);
			c.db_path = xstrdup(v);
			c.db_given = 1;
		} else if ((v = cli_opt(argc, argv, &i, "--mandat",
		    &missing))) {
			/* init reads it as the mandate to create */
			c.mandate_label = v;
		} else if (missing) {
			rc = cli_usage("l'option %s attend une valeur", argv[i]);
			goto out;
		} else if (strcmp(argv[i], "--modifier-archive") == 0) {
			c.modify_archive = 1;
		} else if (nargs == 0 && (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "aide") == 0 ||
		    strcmp(argv[i], "help") == 0)) {
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		} else if (nargs == 0 && strcmp(argv[i], "--version") == 0) {
			printf("suivi %s\n", SUIVI_VERSION);
			rc = 0;
			goto out;
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (!c.db_path) {
		const char *env = getenv("SUIVI_DB");

		if (env && *env) {
			c.db_path = xstrdup(env);
			c.db_given = 1;
		} else {
			c.db_path = default_db_path("suivi.db");
		}
	}
	if (!c.db_path) {
		fputs("suivi : mémoire insuffisante\n", stderr);
		rc = 1;
		goto out;
	}
	if (nargs == 0) {
		rc = run_tui(&c);
		goto out;
	}
	if (args[0][0] == '-') {
		rc = cli_usage("option inconnue « %s »", args[0]);
		goto out;
	}
	for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(commands[k].name, args[0]) == 0)
			break;
	if (k == sizeof commands / sizeof commands[0]) {
		rc = cli_usage("commande inconnue « %s »", args[0]);
		goto out;
	}
	if (nargs > 1 && (strcmp(args[1], "--help") == 0 ||
	    strcmp(args[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		rc = 0;
		goto out;
	}
	rc = commands[k].fn(&c, nargs, args);
out:
	store_close(&c.store);
	mandate_clear(&c.mandate);
	free(c.db_path);
	free(args);
	return rc;
}
