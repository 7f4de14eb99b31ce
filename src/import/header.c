/*
 * header.c - finding the header row of a sheet: the labels suivi knows
 * (case, accents and spacing ignored, known variants accepted) and the
 * row, among the first HEADER_SCAN rows, that names the most of them.
 *
 * Pure: no database, no I/O.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"


/* ---- Header labels ---- */

static const struct {
	const char *key;
	int col;
} header_keys[] = {
	{ "n", F_REF }, { "no", F_REF }, { "num", F_REF },
	{ "numero", F_REF }, { "ref", F_REF }, { "reference", F_REF },
	{ "naction", F_REF }, { "numerodelaction", F_REF },
	{ "nodelaction", F_REF }, { "ndelaction", F_REF },
	{ "engagement", F_ENGAGEMENT }, { "engagements", F_ENGAGEMENT },
	{ "nengagement", F_ENGAGEMENT }, { "axe", F_ENGAGEMENT },
	{ "engagementvae", F_ENGAGEMENT },
	{ "recommandation", F_RECOMMENDATION },
	{ "recommandations", F_RECOMMENDATION },
	{ "recommandationunicef", F_RECOMMENDATION },
	{ "recommandationuniceffrance", F_RECOMMENDATION },
	{ "intituledelaction", F_DESIGNATION }, { "intitule", F_DESIGNATION },
	{ "intituledesactions", F_DESIGNATION }, { "action", F_DESIGNATION },
	{ "actions", F_DESIGNATION }, { "libelle", F_DESIGNATION },
	{ "libelledelaction", F_DESIGNATION },
	{ "designation", F_DESIGNATION }, { "nomdelaction", F_DESIGNATION },
	{ "actionprioritaire", F_PRIORITY },
	{ "actionprioritaireunicef", F_PRIORITY },
	{ "actionprioritaireuniceffrance", F_PRIORITY },
	{ "prioritaire", F_PRIORITY }, { "priorite", F_PRIORITY },
	{ "prioriteunicef", F_PRIORITY },
	{ "descriptifanalysedelaction", F_DESCRIPTION },
	{ "descriptifanalyse", F_DESCRIPTION },
	{ "descriptif", F_DESCRIPTION }, { "descriptifdelaction", F_DESCRIPTION },
	{ "analysedelaction", F_DESCRIPTION },
	{ "description", F_DESCRIPTION },
	{ "descriptiondelaction", F_DESCRIPTION },
	{ "servicespilotes", F_PILOTS }, { "servicepilote", F_PILOTS },
	{ "directionpilote", F_PILOTS }, { "directionspilotes", F_PILOTS },
	{ "pilote", F_PILOTS }, { "pilotes", F_PILOTS },
	{ "servicesporteurs", F_PILOTS }, { "serviceporteur", F_PILOTS },
	{ "eluereferente", F_ELECTED }, { "elureferent", F_ELECTED },
	{ "elu", F_ELECTED },
	{ "elue", F_ELECTED }, { "elusreferents", F_ELECTED },
	{ "eluereferent", F_ELECTED }, { "elureferente", F_ELECTED },
	{ "partenaires", F_PARTNERS }, { "partenaire", F_PARTNERS },
	{ "partenairesassocies", F_PARTNERS },
	{ "publiccible", F_AUDIENCE }, { "publicscibles", F_AUDIENCE },
	{ "public", F_AUDIENCE }, { "publics", F_AUDIENCE },
	{ "publicvise", F_AUDIENCE },
	{ "calendrier", F_SCHEDULE }, { "echeance", F_SCHEDULE },
	{ "echeancier", F_SCHEDULE }, { "periode", F_SCHEDULE },
	{ "avancement", F_PROGRESS }, { "etatdavancement", F_PROGRESS },
	{ "etat", F_PROGRESS }, { "statut", F_PROGRESS },
	{ "resultat", F_RESULT }, { "resultats", F_RESULT },
	{ "commentaires", F_COMMENTS }, { "commentaire", F_COMMENTS },
	{ "observations", F_COMMENTS },
	{ "perspectivesdedeveloppement", F_PERSPECTIVES },
	{ "perspectives", F_PERSPECTIVES }, { "perspective", F_PERSPECTIVES },
	{ "actionsupplementaireauplandactioninitial", F_ADDED },
	{ "actionsupplementaire", F_ADDED }, { "supplementaire", F_ADDED },
	{ "actionajoutee", F_ADDED }, { "nouvelleaction", F_ADDED },
	{ "motifdelajout", F_ADDED_REASON }, { "motifajout", F_ADDED_REASON },
	{ "actionannulee", F_CANCELLED }, { "annulee", F_CANCELLED },
	{ "motifdelannulation", F_CANCELLED_REASON },
	{ "motifannulation", F_CANCELLED_REASON },
	{ "anneedannulation", F_CANCELLED_YEAR },
	{ "anneeannulation", F_CANCELLED_YEAR },
	{ "bonnepratique", F_GOOD_PRACTICE },
	{ "bonnepratiqueavaloriser", F_GOOD_PRACTICE },
	{ "bonnespratiques", F_GOOD_PRACTICE },
	{ "dernieremiseajour", F_UPDATED_AT }, { "miseajour", F_UPDATED_AT },
	{ "misajourpar", F_UPDATED_BY },
	{ "motif", IC_MOTIF }, { "motifs", IC_MOTIF },
	{ "indicateurscles", IC_INDICATORS }, { "indicateurs", IC_INDICATORS },
	{ "indicateurcle", IC_INDICATORS },
	{ "suiviid", IC_SUIVI_ID }, { "suiviversion", IC_SUIVI_VERSION },
};

int import_match_header(const char *label)
{
	char *k = im_label_key(label);
	size_t i;
	int col = IC_NONE;

	if (!k)
		return IC_NONE;
	for (i = 0; i < sizeof header_keys / sizeof header_keys[0]; i++)
		if (strcmp(k, header_keys[i].key) == 0) {
			col = header_keys[i].col;
			break;
		}
	free(k);
	return col;
}


/* ---- Header detection ---- */


/* Scores the row of sheet cells starting at index i: col[] gets the
 * column of each kind it names; *next the index past the row. */
int im_header_row(const struct import_sheet *sh, size_t i, int *col,
    size_t *next)
{
	int row = sh->cells[i].row, k, score = 0;

	for (k = 0; k < IC_COUNT; k++)
		col[k] = -1;
	for (; i < sh->n && sh->cells[i].row == row; i++) {
		int m = sh->cells[i].text ?
		    import_match_header(sh->cells[i].text) : IC_NONE;

		if (m >= 0 && col[m] < 0) {
			col[m] = sh->cells[i].col;
			score++;
		}
	}
	*next = i;
	return score;
}

void im_header_scan(const struct import_sheet *sh, struct header *best)
{
	size_t i = 0;
	int rows = 0;

	best->line = 0;
	best->score = 0;
	while (i < sh->n && rows < HEADER_SCAN) {
		int row = sh->cells[i].row, score;
		int col[IC_COUNT];

		score = im_header_row(sh, i, col, &i);
		rows++;
		if (col[F_DESIGNATION] >= 0 && score >= 2 &&
		    score > best->score) {
			best->line = row;
			best->score = score;
			memcpy(best->col, col, sizeof col);
		}
	}
}

