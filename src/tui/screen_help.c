/*
 * screen_help.c - the F1 help screen, generated from the key table that
 * the dispatcher reads (keys.c), plus the keys of the text editor.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

static const char *const editor_help[][2] = {
	{ "F2, Ctrl-S", "Éditeur : enregistrer et fermer" },
	{ "Échap", "Éditeur : annuler (demande si un texte long a changé)" },
	{ "Ctrl-C", "Éditeur : quitter suivi (même question que Échap)" },
	{ "Ctrl-E", "Éditeur : ouvrir le texte dans $VISUAL ou $EDITOR" },
	{ "Flèches, Début, Fin", "Éditeur : déplacer le curseur" },
	{ "PgPréc, PgSuiv", "Éditeur : page précédente ou suivante" },
	{ "Retour, Suppr", "Éditeur : effacer avant ou après le curseur" },
	{ "Clic", "Choisir une ligne ; cliquer à nouveau l'ouvre ; "
	    "cliquer un bouton de la barre du bas" },
};

struct help_scr {
	size_t idx[128];	/* rows: key table entries with a label */
	size_t n_keys;
	struct widget_list list;
};

static void draw_row(void *ctx, WINDOW *win, size_t row, int y, int x, int w,
    int sel)
{
	struct help_scr *p = ctx;
	unsigned long attr = sel ? A_REVERSE : A_NORMAL;
	const char *key, *label;

	if (row < p->n_keys) {
		key = tui_keys[p->idx[row]].name;
		label = tui_keys[p->idx[row]].label;
	} else {
		key = editor_help[row - p->n_keys][0];
		label = editor_help[row - p->n_keys][1];
	}
	widget_put(win, y, x, w, "", attr, 1);
	widget_put(win, y, x + 2, 22, key, attr | A_BOLD, 1);
	widget_put(win, y, x + 25, w - 25, label, attr, 1);
}

static int help_open(struct screen *s, struct err *e)
{
	struct help_scr *p = calloc(1, sizeof *p);
	size_t i;

	if (!p)
		return err_nomem(e);
	for (i = 0; i < tui_n_keys && p->n_keys < 128; i++)
		if (tui_keys[i].label)
			p->idx[p->n_keys++] = i;
	p->list.ctx = p;
	p->list.draw_row = draw_row;
	p->list.height = WL_HEIGHT_BEFORE_DRAW;
	widget_list_set_count(&p->list, p->n_keys +
	    sizeof editor_help / sizeof editor_help[0]);
	s->priv = p;
	return 0;
}

static void help_close(struct screen *s)
{
	free(s->priv);
	s->priv = NULL;
}

static void help_draw(struct screen *s, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	struct help_scr *p = s->priv;
	struct rect lr = { r->y + 1, r->x, r->h - 1, r->w };

	widget_put(win, r->y, r->x, r->w, "Aide — toutes les touches (Échap "
	    "pour revenir). Chaque modification est enregistrée aussitôt.",
	    A_BOLD, 1);
	widget_list_draw(&p->list, win, &lr);
	*cy = lr.y + (int)(p->list.sel - p->list.top);
	*cx = lr.x + 2;
}

static int help_key(struct screen *s, enum act act, int key)
{
	struct help_scr *p = s->priv;

	(void)key;
	if (widget_list_nav(&p->list, act))
		return REDRAW_BODY;
	switch (act) {
	default: return REDRAW_NONE;
	}
}

const struct screen_ops screen_help_ops = {
	.name = "Aide",
	.open = help_open,
	.close = help_close,
	.reload = NULL,
	.draw = help_draw,
	.key = help_key,
	.click = NULL,
};
