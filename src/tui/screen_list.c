/*
 * screen_list.c - the common opening of the screens built on a list (plan,
 * action, reviews, evolution, verification, carry-over): their private
 * state allocated and its list wired to it, then the first load, and on
 * failure nothing left behind.
 */
#include <stdlib.h>

#include "tui_priv.h"

int screen_list_open(struct screen *s, const struct list_screen *ls,
    struct err *e)
{
	char *p = calloc(1, ls->size);
	struct widget_list *l;
	int rc;

	if (!p)
		return err_nomem(e);
	*(struct app **)(void *)(p + ls->app_at) = s->app;
	l = (struct widget_list *)(void *)(p + ls->list_at);
	l->ctx = p;
	l->skip = ls->skip;
	l->draw_row = ls->draw_row;
	l->height = WL_HEIGHT_BEFORE_DRAW;
	s->priv = p;
	if ((rc = ls->load(s, e))) {
		s->ops->close(s);
		s->priv = NULL;
	}
	return rc;
}
