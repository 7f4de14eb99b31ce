/*
 * widget_list.c - a scrolling list with a selection, and small painting
 * helpers (clipped text, boxed dialog frame).
 *
 * The list knows a row count and two callbacks, never what the rows are:
 * skip() marks rows the selection jumps over (group headers), draw_row()
 * paints one row. Invariant: sel < n (or 0 when empty), top <= sel <
 * top + height after widget_list_scroll.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

static int skipped(const struct widget_list *l, size_t row)
{
	return l->skip && l->skip(l->ctx, row);
}

void widget_list_set_count(struct widget_list *l, size_t n)
{
	l->n = n;
	if (!n) {
		l->sel = l->top = 0;
		return;
	}
	if (l->sel >= n)
		l->sel = n - 1;
	if (l->top >= n)
		l->top = 0;
	/* Land on a selectable row. */
	if (skipped(l, l->sel) && !widget_list_move(l, 1))
		widget_list_move(l, -1);
}

int widget_list_move(struct widget_list *l, long delta)
{
	long cur = (long)l->sel, target, step;
	size_t best;

	if (!l->n || !delta)
		return 0;
	target = cur + delta;
	if (target < 0)
		target = 0;
	if (target >= (long)l->n)
		target = (long)l->n - 1;
	step = delta > 0 ? 1 : -1;
	/* Go on in the same direction past skipped rows, else back. */
	while (target >= 0 && target < (long)l->n && skipped(l, (size_t)target))
		target += step;
	if (target < 0 || target >= (long)l->n) {
		target = cur + delta;
		if (target < 0)
			target = 0;
		if (target >= (long)l->n)
			target = (long)l->n - 1;
		while (target >= 0 && target < (long)l->n &&
		    skipped(l, (size_t)target))
			target -= step;
		if (target < 0 || target >= (long)l->n)
			return 0;
	}
	best = (size_t)target;
	if (best == l->sel)
		return 0;
	l->sel = best;
	widget_list_scroll(l);
	return 1;
}

int widget_list_select(struct widget_list *l, size_t row)
{
	if (row >= l->n || skipped(l, row))
		return 0;
	l->sel = row;
	widget_list_scroll(l);
	return 1;
}

void widget_list_home(struct widget_list *l)
{
	l->sel = 0;
	l->top = 0;
	if (l->n && skipped(l, 0))
		widget_list_move(l, 1);
	l->top = 0;
}

void widget_list_end(struct widget_list *l)
{
	if (!l->n)
		return;
	l->sel = l->n - 1;
	if (skipped(l, l->sel))
		widget_list_move(l, -1);
	widget_list_scroll(l);
}

int widget_list_nav(struct widget_list *l, enum act act)
{
	long page = l->height > 1 ? l->height - 1 : 1;

	switch (act) {
	case ACT_UP: widget_list_move(l, -1); return 1;
	case ACT_DOWN: widget_list_move(l, 1); return 1;
	case ACT_PGUP: widget_list_move(l, -page); return 1;
	case ACT_PGDN: widget_list_move(l, page); return 1;
	case ACT_HOME: widget_list_home(l); return 1;
	case ACT_END: widget_list_end(l); return 1;
	default: return 0;
	}
}

int widget_list_click(struct widget_list *l, const struct rect *r, int y)
{
	size_t row = widget_list_row_at(l, r, y);

	if (row == (size_t)-1)
		return WL_CLICK_NONE;
	if (row == l->sel)
		return WL_CLICK_OPEN;
	return widget_list_select(l, row) ? WL_CLICK_MOVED : WL_CLICK_NONE;
}

void widget_list_scroll(struct widget_list *l)
{
	size_t h = l->height > 0 ? (size_t)l->height : 1;

	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* Keep the group header of the selection in view when possible. */
	if (l->sel > 0 && l->top == l->sel && skipped(l, l->sel - 1) && h > 1)
		l->top = l->sel - 1;
	if (l->top + h > l->n)
		l->top = l->n > h ? l->n - h : 0;
}

size_t widget_list_row_at(const struct widget_list *l, const struct rect *r,
    int y)
{
	size_t row;

	if (y < r->y || y >= r->y + r->h)
		return (size_t)-1;
	row = l->top + (size_t)(y - r->y);
	return row < l->n ? row : (size_t)-1;
}

void widget_list_draw(struct widget_list *l, WINDOW *win,
    const struct rect *r)
{
	int y;

	l->height = r->h;
	widget_list_scroll(l);
	for (y = 0; y < r->h; y++) {
		size_t row = l->top + (size_t)y;

		if (row < l->n)
			l->draw_row(l->ctx, win, row, r->y + y, r->x, r->w,
			    row == l->sel);
		else
			widget_put(win, r->y + y, r->x, r->w, "", A_NORMAL, 1);
	}
}

int widget_put(WINDOW *win, int y, int x, int w, const char *s,
    unsigned long attr, int pad)
{
	int maxy, maxx, used = 0;
	wchar_t *ws;
	size_t n = 0, i;

	getmaxyx(win, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx || w <= 0)
		return 0;
	if (x + w > maxx)
		w = maxx - x;
	ws = text_to_wcs(s ? s : "", &n);
	if (!ws)
		return 0;
	wattr_set(win, (attr_t)(attr & ~A_COLOR), (short)PAIR_NUMBER(attr),
	    NULL);
	wmove(win, y, x);
	for (i = 0; i < n; i++) {
		wchar_t c = ws[i];
		int cw;

		if (c == L'\n' || c == L'\t' || c < 32)
			c = L' ';
		cw = text_wcwidth(c);
		if (used + cw > w)
			break;
		waddnwstr(win, &c, 1);
		used += cw;
	}
	if (pad)
		for (; used < w; used++)
			waddch(win, ' ');
	wattr_set(win, A_NORMAL, 0, NULL);
	free(ws);
	return used;
}

struct rect widget_box(WINDOW *win, const struct rect *r, int h, int w,
    const char *title)
{
	struct rect in;
	int y, x, i;

	if (w > r->w)
		w = r->w;
	if (h > r->h)
		h = r->h;
	y = r->y + (r->h - h) / 2;
	x = r->x + (r->w - w) / 2;
	for (i = 0; i < h; i++)
		widget_put(win, y + i, x, w, "", A_NORMAL, 1);
	if (h >= 2 && w >= 2) {
		mvwhline(win, y, x + 1, ACS_HLINE, w - 2);
		mvwhline(win, y + h - 1, x + 1, ACS_HLINE, w - 2);
		mvwvline(win, y + 1, x, ACS_VLINE, h - 2);
		mvwvline(win, y + 1, x + w - 1, ACS_VLINE, h - 2);
		mvwaddch(win, y, x, ACS_ULCORNER);
		mvwaddch(win, y, x + w - 1, ACS_URCORNER);
		mvwaddch(win, y + h - 1, x, ACS_LLCORNER);
		mvwaddch(win, y + h - 1, x + w - 1, ACS_LRCORNER);
	}
	if (title && w > 6) {
		char buf[512];

		snprintf(buf, sizeof buf, " %s ", title);
		widget_put(win, y, x + 2, w - 4, buf, A_BOLD, 0);
	}
	in.y = y + 1;
	in.x = x + 2;
	in.h = h - 2 > 0 ? h - 2 : 0;
	in.w = w - 4 > 0 ? w - 4 : 0;
	return in;
}
