/*
 * gen.c - deterministic synthetic plans for the benchmarks.
 *
 *   gen N DB CSV [INDICATORS.csv]
 *
 * Creates the suivi database DB (which must not exist) holding one
 * collectivité, the 2020-2026 mandate of data/referentiels and N actions
 * with realistic French texts (designation 60-120 characters, description
 * 300-1,500 in several paragraphs, comments 100-800, perspectives
 * 100-600, 0 to 3 indicators with yearly values), a quarter of them
 * priority, some added and some cancelled (with their reasons). Then
 * writes the "Plan d'action" of that database as CSV (French Excel
 * flavour: ';', UTF-8 with BOM, the 21 export headers) with the export
 * module, so that the CSV and the database hold the same table. The
 * optional INDICATORS.csv holds the cells of the "Indicateurs" sheet of
 * the export (N°, Action, Indicateur, Unité, Référence, Cible, one column
 * per mandate year, Commentaire, À communiquer) plus a last column
 * "Prioritaire" (Oui/Non, the fill of the row): what bench/floor.c and
 * the Python peers need to write that sheet too.
 *
 * Everything goes through the public store API, in one transaction
 * (store_transaction). The same N always gives the same content: a fixed
 * seed, a fixed clock ($SUIVI_NOW) and user ($SUIVI_USER).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "model.h"
#include "store.h"
#include "util.h"

/* ---- Deterministic random numbers (splitmix64) ---- */

static uint64_t seed = 0x5EED2026ULL;

static uint64_t rnd(void)
{
	uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int between(int lo, int hi)
{
	return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

#define PICK(arr) (arr[rnd() % (sizeof arr / sizeof arr[0])])

/* ---- Word banks ---- */

static const char *const verbs[] = {
	"Développer", "Renforcer", "Créer", "Mettre en place", "Étendre",
	"Accompagner", "Favoriser", "Pérenniser", "Structurer", "Soutenir",
	"Améliorer", "Généraliser", "Expérimenter", "Coordonner",
	"Sensibiliser à", "Valoriser",
};
static const char *const objects[] = {
	"l'accueil des enfants de moins de trois ans",
	"la participation des jeunes au conseil municipal des enfants",
	"l'accès aux activités sportives pour les filles",
	"la prévention du harcèlement dans les écoles élémentaires",
	"l'accompagnement à la parentalité dans les quartiers prioritaires",
	"la qualité de l'air aux abords des crèches et des écoles",
	"une restauration scolaire bio et équilibrée",
	"l'accès aux droits des familles les plus éloignées",
	"l'inclusion des enfants en situation de handicap",
	"les espaces de jeux et de nature en cœur de ville",
	"la lutte contre les violences faites aux enfants",
	"l'éducation artistique et culturelle dès la maternelle",
	"les mobilités douces sur le chemin de l'école",
	"la santé mentale des adolescents",
	"le soutien scolaire gratuit au collège",
	"l'accueil des mineurs non accompagnés",
	"la consultation des enfants sur les projets d'aménagement",
	"la découverte du numérique responsable",
};
static const char *const complements[] = {
	"avec les centres sociaux", "dans chaque quartier",
	"en lien avec l'Éducation nationale", "pendant les vacances scolaires",
	"avec les associations sportives", "à l'échelle de l'agglomération",
	"au sein des accueils de loisirs", "avec les bénévoles de UNICEF France",
	"dans les écoles élémentaires", "auprès des familles monoparentales",
	"en partenariat avec la CAF", "sur le temps périscolaire",
};
static const char *const sentences[] = {
	"Le projet a été présenté en comité de pilotage et validé par les élus.",
	"Les enfants ont été associés à chaque étape, de l'idée à la réalisation.",
	"Une enquête auprès de 450 familles a montré une forte attente sur ce sujet.",
	"Le budget alloué a été maintenu malgré un contexte financier contraint.",
	"Les animateurs ont suivi une formation de deux jours sur l'écoute de l'enfant.",
	"La fréquentation a progressé de 18 % par rapport à l'année précédente.",
	"Les partenaires associatifs se sont fortement mobilisés lors des ateliers.",
	"Un bilan intermédiaire a été présenté au conseil municipal des enfants.",
	"Des difficultés de recrutement ont retardé l'ouverture du second site.",
	"Les retours des parents sont très positifs, en particulier sur les horaires.",
	"La démarche s'appuie sur les recommandations de UNICEF France.",
	"Les jeunes élus ont proposé eux-mêmes trois aménagements, tous retenus.",
	"L'évaluation menée avec l'université montre des effets durables.",
	"Le dispositif touche désormais les quartiers qui en étaient éloignés.",
	"Une charte d'engagement a été signée avec les établissements scolaires.",
	"Les crèches ont adapté leurs menus après l'avis de la diététicienne.",
	"Le conseil citoyen a été consulté à deux reprises sur le calendrier.",
	"Cette action répond directement à l'engagement pris lors de la candidature.",
	"Les données recueillies seront partagées avec le réseau des villes amies.",
	"Les professionnels de la petite enfance ont été formés au repérage précoce.",
	"À l'été, les équipes ont accueilli près de 300 enfants chaque semaine.",
	"Le coût par enfant reste inférieur à la moyenne des communes comparables.",
	"Certains ateliers ont dû être annulés en raison des travaux du gymnase.",
	"Un guide illustré, rédigé avec les enfants, a été diffusé dans les écoles.",
};
static const char *const perspectives[] = {
	"Étendre le dispositif à deux nouveaux quartiers d'ici la fin du mandat.",
	"Associer davantage les adolescents à la gouvernance du projet.",
	"Rechercher des cofinancements auprès de la CAF et du département.",
	"Mesurer l'impact sur la réussite éducative avec des indicateurs partagés.",
	"Pérenniser les postes d'animateurs créés pendant l'expérimentation.",
	"Partager la démarche comme bonne pratique sur le site du réseau.",
	"Ouvrir les ateliers aux familles le samedi matin.",
	"Former l'ensemble des agents d'accueil à l'écoute des enfants.",
};
static const char *const services[] = {
	"Direction de l'éducation", "Service petite enfance",
	"Direction des sports", "Service jeunesse", "CCAS",
	"Direction de la culture", "Service santé", "Direction des espaces verts",
	"Service de la restauration", "Direction de la citoyenneté",
	"Service des mobilités", "Politique de la ville",
};
static const char *const elected[] = {
	"Mme Camille Bernard, adjointe à l'éducation",
	"M. Lucas Petit, adjoint aux sports",
	"Mme Léa Durand, conseillère déléguée à la jeunesse",
	"M. Hugo Moreau, adjoint à la santé",
	"Mme Chloé Laurent, adjointe aux solidarités",
	"M. Théo Simon, conseiller délégué à la petite enfance",
};
static const char *const partners[] = {
	"CAF", "Éducation nationale", "Comité UNICEF France",
	"Centres sociaux", "Associations sportives", "Agence régionale de santé",
	"Conseil départemental", "Médiathèque", "Maison des jeunes",
	"Protection maternelle et infantile",
};
static const char *const audiences[] = {
	"0-3 ans", "3-6 ans", "6-11 ans", "11-15 ans", "15-18 ans",
	"18-25 ans", "familles", "professionnels",
};
static const char *const ind_labels[] = {
	"Nombre d'enfants accueillis", "Taux de participation",
	"Nombre d'ateliers organisés", "Familles accompagnées",
	"Jeunes formés", "Part des repas bio", "Nombre de places créées",
	"Satisfaction des familles",
};
static const char *const ind_units[] = {
	"enfants", "%", "ateliers", "familles", "jeunes", "%", "places", "%",
};
static const char *const reasons_added[] = {
	"Demande du conseil municipal des enfants en cours de mandat.",
	"Réponse à un besoin apparu après la crise sanitaire.",
	"Nouvelle recommandation de UNICEF France reprise par la collectivité.",
	"Opportunité de financement par un appel à projets national.",
};
static const char *const reasons_cancelled[] = {
	"Action reprise par l'intercommunalité, qui en a désormais la compétence.",
	"Financement non reconduit par le partenaire principal.",
	"Fusionnée avec une autre action du même engagement.",
	"Besoin couvert par un dispositif de l'Éducation nationale.",
};

/* ---- Texts ---- */

/* "Verb object complement...": whole fragments, 60 to 120 characters. */
static void designation(struct strbuf *sb)
{
	size_t target = (size_t)between(60, 120);

	sb_reset(sb);
	sb_printf(sb, "%s %s", PICK(verbs), PICK(objects));
	while (utf8_len(sb_str(sb)) < 60 || utf8_len(sb_str(sb)) < target) {
		const char *c = PICK(complements);

		if (utf8_len(sb_str(sb)) + 1 + utf8_len(c) > 120)
			break;
		sb_printf(sb, " %s", c);
	}
}

/* Whole sentences from bank, a new paragraph every 2 to 4 sentences,
 * until a length drawn between lo and hi characters; cut back to the
 * last full sentence when past hi. */
static void prose(struct strbuf *sb, int lo, int hi,
    const char *const *bank, size_t nbank)
{
	size_t target = (size_t)between(lo, hi);
	int in_par = 0, par_len = between(2, 4);

	sb_reset(sb);
	sb_append(sb, "");
	while (utf8_len(sb_str(sb)) < target) {
		const char *s = bank[rnd() % nbank];

		if (in_par == par_len) {
			sb_append(sb, rnd() % 3 ? "\n" : "\n\n");
			in_par = 0;
			par_len = between(2, 4);
		} else if (sb->len) {
			sb_append_c(sb, ' ');
		}
		sb_append(sb, s);
		in_par++;
	}
	while (utf8_len(sb_str(sb)) > (size_t)hi) {
		char *dot = strrchr(sb->buf, '.');

		*dot = '\0';
		dot = strrchr(sb->buf, '.');
		sb->len = (size_t)(dot - sb->buf) + 1;
		sb->buf[sb->len] = '\0';
	}
}

static void list_of(struct strbuf *sb, const char *const *bank, size_t n,
    int lo, int hi)
{
	int k = between(lo, hi), i;
	size_t start = rnd() % n;

	sb_reset(sb);
	for (i = 0; i < k && (size_t)i < n; i++)
		sb_printf(sb, "%s%s", i ? ", " : "", bank[(start + (size_t)i *
		    3) % n]);
}

/* ---- Database ---- */

struct gen {
	struct store *s;
	int64_t mandate_id;
	long n;
};

static int add_indicators(struct gen *g, const struct action *a,
    struct err *e)
{
	int k, n = between(0, 3), rc = 0, y;

	for (k = 0; k < n && !rc; k++) {
		struct indicator ind;
		int w = (int)(rnd() % (sizeof ind_labels / sizeof ind_labels[0]));
		int base = between(10, 500);
		char buf[32];

		memset(&ind, 0, sizeof ind);
		ind.action_id = a->id;
		ind.communicate = rnd() % 4 == 0;
		snprintf(buf, sizeof buf, "%d", base);
		if (str_replace(&ind.label, ind_labels[w]) ||
		    str_replace(&ind.unit, ind_units[w]) ||
		    str_replace(&ind.baseline, buf))
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		snprintf(buf, sizeof buf, "%d", base * 2);
		if (!rc && str_replace(&ind.target, buf))
			rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
		for (y = 2021; y <= 2024 && !rc; y++) {
			snprintf(buf, sizeof buf, "%d", base + (y - 2020) *
			    between(5, 40));
			rc = indicator_set_value(&ind, y, buf, y == 2023 &&
			    rnd() % 3 == 0 ? "Chiffre provisoire, à "
			    "confirmer au bilan." : NULL);
		}
		if (!rc)
			rc = store_add_indicator(g->s, &ind, e);
		indicator_clear(&ind);
	}
	return rc;
}

static int fill(void *ctx, struct err *e)
{
	struct gen *g = ctx;
	struct strbuf sb = {0};
	int counter[6] = {0};
	long i;
	int rc = 0;

	for (i = 0; i < g->n && !rc; i++) {
		struct action a;
		int eng = between(1, 5), u = between(0, 99);
		char ref[32], code[32];

		memset(&a, 0, sizeof a);
		snprintf(ref, sizeof ref, "%d.%d", eng, ++counter[eng]);
		a.engagement = eng;
		designation(&sb);
		if (str_replace(&a.ref, ref) ||
		    str_replace(&a.designation, sb_str(&sb)))
			goto nomem;
		prose(&sb, 300, 1500, sentences,
		    sizeof sentences / sizeof sentences[0]);
		if (str_replace(&a.description, sb_str(&sb)))
			goto nomem;
		prose(&sb, 100, 800, sentences,
		    sizeof sentences / sizeof sentences[0]);
		if (str_replace(&a.comments, sb_str(&sb)))
			goto nomem;
		prose(&sb, 100, 600, perspectives,
		    sizeof perspectives / sizeof perspectives[0]);
		if (str_replace(&a.perspectives, sb_str(&sb)))
			goto nomem;
		list_of(&sb, services, sizeof services / sizeof services[0],
		    1, 2);
		if (str_replace(&a.pilots, sb_str(&sb)) ||
		    str_replace(&a.elected, PICK(elected)))
			goto nomem;
		list_of(&sb, partners, sizeof partners / sizeof partners[0],
		    0, 3);
		if (str_replace(&a.partners, sb.len ? sb_str(&sb) : NULL))
			goto nomem;
		list_of(&sb, audiences, sizeof audiences / sizeof audiences[0],
		    1, 3);
		if (str_replace(&a.audience, sb_str(&sb)))
			goto nomem;
		a.year_start = between(2020, 2023);
		a.year_end = a.year_start + between(0, 3);
		a.progress = (enum progress)(u % 10 == 0 ? PROGRESS_UNSET :
		    u % 3 == 0 ? PROGRESS_DONE : u % 3 == 1 ?
		    PROGRESS_IN_PROGRESS : PROGRESS_NOT_STARTED);
		if (u < 25) {		/* a quarter priority */
			a.priority = 1;
			snprintf(code, sizeof code, "E%d-P%d", eng, u % 4 + 1);
			if (str_replace(&a.priority_code, code))
				goto nomem;
		}
		if (u >= 90) {		/* a tenth added */
			a.added = 1;
			if (str_replace(&a.added_reason, PICK(reasons_added)))
				goto nomem;
		}
		if (u >= 25 && u < 31) {	/* some cancelled */
			a.cancelled = 1;
			a.cancelled_year = between(2021, 2024);
			if (str_replace(&a.cancelled_reason,
			    PICK(reasons_cancelled)))
				goto nomem;
		}
		a.good_practice = u % 7 == 0;
		rc = store_add_action(g->s, g->mandate_id, &a, e);
		if (!rc)
			rc = add_indicators(g, &a, e);
		action_clear(&a);
		continue;
nomem:
		action_clear(&a);
		rc = err_set(e, ERR_NOMEM, "mémoire insuffisante");
	}
	sb_free(&sb);
	return rc;
}

/* ---- The cells of the "Indicateurs" sheet ---- */

static void csv_field(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputs(last ? "\"\r\n" : "\";", f);
}

static int write_indicators(const char *path, const struct plan *p,
    struct err *e)
{
	FILE *f = fopen(path, "wb");
	struct strbuf sb = {0};
	size_t i, k, v;
	int y;

	if (!f)
		return err_set(e, ERR_IO, "%s : écriture impossible", path);
	fputs("\xEF\xBB\xBF", f);
	fputs("\"N°\";\"Action\";\"Indicateur\";\"Unité\";\"Référence\";"
	    "\"Cible\";", f);
	for (y = p->mandate.year_first; y <= p->mandate.year_last; y++)
		fprintf(f, "\"%d\";", y);
	fputs("\"Commentaire\";\"À communiquer\";\"Prioritaire\"\r\n", f);
	for (i = 0; i < p->n_actions; i++) {
		const struct action *a = &p->actions[i];

		for (k = 0; k < a->n_indicators; k++) {
			const struct indicator *ind = &a->indicators[k];

			sb_reset(&sb);
			sb_append(&sb, "");
			for (v = 0; v < ind->n_values; v++)
				if (!str_empty(ind->values[v].comment))
					sb_printf(&sb, "%s%d : %s", sb.len ? "\n" :
					    "", ind->values[v].year,
					    ind->values[v].comment);
			csv_field(f, a->ref, 0);
			csv_field(f, a->designation, 0);
			csv_field(f, ind->label, 0);
			csv_field(f, ind->unit, 0);
			csv_field(f, ind->baseline, 0);
			csv_field(f, ind->target, 0);
			for (y = p->mandate.year_first;
			    y <= p->mandate.year_last; y++) {
				const struct indicator_value *iv =
				    indicator_value_for(ind, y);

				csv_field(f, iv ? iv->value : NULL, 0);
			}
			csv_field(f, sb_str(&sb), 0);
			csv_field(f, ind->communicate ? "Oui" : "Non", 0);
			csv_field(f, a->priority ? "Oui" : "Non", 1);
		}
	}
	sb_free(&sb);
	if (fclose(f) != 0)
		return err_set(e, ERR_IO, "%s : écriture impossible", path);
	return 0;
}

int main(int argc, char **argv)
{
	struct referential *ref = NULL;
	struct plan *p = NULL;
	struct mandate m = {0};
	struct export_opts o;
	struct err e = {0};
	struct gen g;
	const char *data = getenv("SUIVI_DATA");
	char path[4096];
	int rc;

	if (argc < 4 || argc > 5 || atol(argv[1]) < 1) {
		fprintf(stderr, "usage: gen N BASE.db PLAN.csv "
		    "[INDICATEURS.csv]\n");
		return 2;
	}
	setenv("SUIVI_NOW", "2024-11-15 10:00:00", 1);
	setenv("SUIVI_USER", "banc-d-essai", 1);
	memset(&g, 0, sizeof g);
	g.n = atol(argv[1]);
	snprintf(path, sizeof path, "%s/referentiels/vae-2020-2026.txt",
	    data && *data ? data : "data");
	if ((rc = referential_load_file(path, &ref, &e)) ||
	    (rc = store_open(argv[2], STORE_CREATE, &g.s, &e)) ||
	    (rc = store_init(g.s, "Ville de Banc-d'Essai", ref, "2020-2026",
	    &e)) ||
	    (rc = store_active_mandate(g.s, &m, &e)))
		goto out;
	g.mandate_id = m.id;
	if ((rc = store_transaction(g.s, fill, &g, &e)) ||
	    (rc = store_load_plan(g.s, m.id, 0, &p, &e)))
		goto out;
	memset(&o, 0, sizeof o);
	o.year = 2024;
	o.created = 1731664800;
	rc = export_write_csv(argv[3], p, &o, 0, &e);
	if (!rc && argc == 5)
		rc = write_indicators(argv[4], p, &e);
out:
	if (rc)
		fprintf(stderr, "gen : %s\n", e.msg);
	plan_free(&p);
	mandate_clear(&m);
	referential_free(&ref);
	store_close(&g.s);
	return rc ? 1 : 0;
}
