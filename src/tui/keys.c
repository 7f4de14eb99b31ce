/*
 * keys.c - the one key table of the interface. The dispatcher (app.c),
 * the bottom bar and the F1 help screen all read it, so that a binding
 * shown is a binding that works.
 *
 * Pure data and lookups, the bar's buttons included (keys_bar_labels);
 * no curses calls (the KEY_* codes come from <curses.h> as plain
 * numbers).
 */
#include <curses.h>
#include <stdio.h>

#include "tui_priv.h"

const struct key_binding tui_keys[] = {
	{ TK(KEY_F(1)), ACT_HELP, "F1", "Aide : toutes les touches", 1, "Aide" },
	{ '?', ACT_HELP, "?", "Aide", 0, NULL },
	{ TK(KEY_F(2)), ACT_EDIT, "F2", "Modifier le champ ou l'action choisis", 2,
	    "Modifier" },
	{ 'e', ACT_EDIT, "e", "Modifier", 0, NULL },
	{ TK(KEY_F(3)), ACT_PRES, "F3",
	    "Présentation : collectivité et bilans annuels", 3, "Présentation" },
	{ 'p', ACT_PRES, "p", "Présentation", 0, NULL },
	{ TK(KEY_F(4)), ACT_FILTER, "F4", "Filtrer les actions", 4, "Filtrer" },
	{ 'f', ACT_FILTER, "f", "Filtrer", 0, NULL },
	{ TK(KEY_F(5)), ACT_SYNTH, "F5", "Synthèse par engagement", 5,
	    "Synthèse" },
	{ 's', ACT_SYNTH, "s", "Synthèse", 0, NULL },
	{ TK(KEY_F(6)), ACT_EXPORT, "F6", "Exporter le tableau de suivi", 6,
	    "Export" },
	{ 't', ACT_EXPORT, "t", "Exporter le tableau de suivi", 0, NULL },
	{ TK(KEY_F(7)), ACT_VERIFY, "F7", "Vérification avant envoi", 7,
	    "Vérifier" },
	{ 'v', ACT_VERIFY, "v", "Vérifier", 0, NULL },
	{ TK(KEY_F(8)), ACT_EVOLUTION, "F8", "Évolution depuis le plan initial "
	    "ou un bilan", 8, "Évolution" },
	{ 'o', ACT_EVOLUTION, "o", "Évolution", 0, NULL },
	{ 'r', ACT_CYCLE, "r", "Évolution : changer la référence (plan "
	    "initial, bilans)", 0, NULL },
	{ 'm', ACT_MANDATES, "m", "Mandats : voir un archivé, reprendre les "
	    "actions", 0, NULL },
	{ 'i', ACT_IMPORT, "i", "Importer un tableau XLSX ou CSV (essai "
	    "d'abord)", 0, NULL },
	{ TK(KEY_F(10)), ACT_QUIT, "F10", "Quitter", 10, "Quitter" },
	{ 'q', ACT_QUIT, "q", "Quitter", 0, NULL },
	{ 'a', ACT_ADD, "a", "Ajouter une action (engagement, intitulé)", 0,
	    NULL },
	{ 'u', ACT_UNDO, "u", "Défaire votre dernière modification", 0, NULL },
	{ 'b', ACT_BACKUP, "b", "Sauvegarder la base (copie datée à côté "
	    "d'elle)", 0, NULL },
	{ 'h', ACT_HISTORY, "h", "Journal de l'action : qui a changé quoi, "
	    "et quand", 0, NULL },
	{ 'S', ACT_SERVICES, "S", "Services : qui a mis à jour, contacts, "
	    "relances", 0, NULL },
	{ 'c', ACT_SERVICE_CONTACT, "c", "Services : modifier le contact du "
	    "service choisi", 0, NULL },
	{ 'R', ACT_REMINDERS, "R", "Services : relances (extrait et courriel "
	    ".eml)", 0, NULL },
	{ '/', ACT_SEARCH, "/", "Rechercher dans tous les textes", 0, NULL },
	{ 'n', ACT_NEXT, "n", "Résultat suivant de la recherche", 0, NULL },
	{ 'N', ACT_PREV, "N", "Résultat précédent de la recherche", 0, NULL },
	{ 'x', ACT_CLEAR, "x", "Effacer le filtre et la recherche", 0, NULL },
	{ TK(KEY_UP), ACT_UP, "Haut", "Ligne précédente", 0, NULL },
	{ 'k', ACT_UP, "k", "Ligne précédente", 0, NULL },
	{ TK(KEY_DOWN), ACT_DOWN, "Bas", "Ligne suivante", 0, NULL },
	{ 'j', ACT_DOWN, "j", "Ligne suivante", 0, NULL },
	{ TK(KEY_PPAGE), ACT_PGUP, "PgPréc", "Page précédente", 0, NULL },
	{ TK(KEY_NPAGE), ACT_PGDN, "PgSuiv", "Page suivante", 0, NULL },
	{ TK(KEY_HOME), ACT_HOME, "Début", "Première ligne", 0, NULL },
	{ 'g', ACT_HOME, "g", "Première ligne", 0, NULL },
	{ TK(KEY_END), ACT_END, "Fin", "Dernière ligne", 0, NULL },
	{ 'G', ACT_END, "G", "Dernière ligne", 0, NULL },
	{ '\n', ACT_ENTER, "Entrée", "Ouvrir l'action, modifier le champ, "
	    "l'appréciation", 0, NULL },
	{ '\r', ACT_ENTER, "Entrée", NULL, 0, NULL },
	{ TK(KEY_ENTER), ACT_ENTER, "Entrée", NULL, 0, NULL },
	{ ' ', ACT_TOGGLE, "Espace", "Cocher ou décocher (oui/non, bilan fait)",
	    0, NULL },
	{ TK(KEY_DC), ACT_DELETE, "Suppr", "Supprimer l'indicateur clé choisi "
	    "(avec confirmation)", 0, NULL },
	{ TK_ESC, ACT_BACK, "Échap", "Revenir à l'écran précédent", 0, NULL },
	{ TK(KEY_LEFT), ACT_BACK, "Gauche", "Revenir à l'écran précédent", 0,
	    NULL },
	{ TK(KEY_BACKSPACE), ACT_BACK, "Retour arrière", NULL, 0, NULL },
	{ 127, ACT_BACK, "Retour arrière", NULL, 0, NULL },
	{ TK_CTRL('l'), ACT_REDRAW, "Ctrl-L", "Redessiner l'écran", 0, NULL },
};

const size_t tui_n_keys = sizeof tui_keys / sizeof tui_keys[0];

enum act keys_lookup(int key)
{
	size_t i;

	for (i = 0; i < tui_n_keys; i++)
		if (tui_keys[i].key == key)
			return tui_keys[i].act;
	return ACT_NONE;
}

int keys_bar_key(int n, const struct key_binding **kb)
{
	size_t i;

	for (i = 0; i < tui_n_keys; i++)
		if (tui_keys[i].bar == n) {
			if (kb)
				*kb = &tui_keys[i];
			return tui_keys[i].key;
		}
	return TK_NONE;
}

void keys_bar_labels(struct keys_bar *b)
{
	const struct key_binding *kb;
	int i;

	b->n = 0;
	for (i = 1; i <= KEYS_BAR_MAX; i++) {
		if (keys_bar_key(i, &kb) == TK_NONE)
			continue;
		snprintf(b->num_text[b->n], sizeof b->num_text[b->n], "%d", i);
		b->nums[b->n] = b->num_text[b->n];
		b->labels[b->n] = kb->bar_label;
		b->n++;
	}
}
