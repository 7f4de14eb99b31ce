/*
 * widget_edit.c - the text editor widget: a wide-character buffer with a
 * cursor, word-wrapped by display width, one line or several.
 *
 * The buffer operations are pure (unit-tested); only widget_edit_draw
 * touches curses, painting into the window it is given. It knows nothing
 * of actions: dialog.c runs its key loop and decides what saving means.
 * Cursor invariant: 0 <= cur <= len; lines are recomputed by
 * editor_layout after each change and before moving by lines.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui_priv.h"

static int grow(struct editor *ed, size_t need)
{
	size_t cap = ed->cap ? ed->cap : 64;
	wchar_t *b;

	if (need + 1 <= ed->cap)
		return 0;
	while (cap < need + 1)
		cap *= 2;
	b = realloc(ed->buf, cap * sizeof *b);
	if (!b)
		return ERR_NOMEM;
	ed->buf = b;
	ed->cap = cap;
	return 0;
}

int editor_init(struct editor *ed, const char *utf8, int multiline)
{
	memset(ed, 0, sizeof *ed);
	ed->multiline = multiline;
	ed->want_col = -1;
	return editor_set_text(ed, utf8);
}

void editor_free(struct editor *ed)
{
	free(ed->buf);
	free(ed->vl);
	memset(ed, 0, sizeof *ed);
}

int editor_set_text(struct editor *ed, const char *utf8)
{
	size_t n = 0, i;
	wchar_t *w = text_to_wcs(utf8 ? utf8 : "", &n);

	if (!w)
		return ERR_NOMEM;
	/* Windows line ends from a paste or an external editor. */
	for (i = 0; i < n; i++)
		if (w[i] == L'\r')
			w[i] = (i + 1 < n && w[i + 1] == L'\n') ? 0 : L'\n';
	free(ed->buf);
	ed->buf = w;
	ed->cap = n + 1;
	ed->len = 0;
	for (i = 0; i < n; i++)
		if (w[i])
			w[ed->len++] = w[i] == L'\t' ? L' ' :
			    (!ed->multiline && w[i] == L'\n') ? L' ' : w[i];
	ed->buf[ed->len] = 0;
	ed->cur = ed->len;
	ed->top = 0;
	ed->want_col = -1;
	ed->gen++;
	return 0;
}

char *editor_text(const struct editor *ed)
{
	return text_from_wcs(ed->buf, ed->len);
}

int editor_insert(struct editor *ed, const wchar_t *s, size_t n)
{
	size_t i, k = 0;

	if (!n)
		return 0;
	if (grow(ed, ed->len + n))
		return ERR_NOMEM;
	memmove(ed->buf + ed->cur + n, ed->buf + ed->cur,
	    (ed->len - ed->cur) * sizeof *ed->buf);
	for (i = 0; i < n; i++) {
		wchar_t c = s[i];

		if (c == L'\r')
			c = L'\n';
		if (c == L'\t' || (c == L'\n' && !ed->multiline))
			c = L' ';
		if (c < 32 && c != L'\n')
			continue;
		ed->buf[ed->cur + k++] = c;
	}
	if (k < n)
		memmove(ed->buf + ed->cur + k, ed->buf + ed->cur + n,
		    (ed->len - ed->cur) * sizeof *ed->buf);
	ed->len += k;
	ed->cur += k;
	ed->buf[ed->len] = 0;
	if (k) {
		ed->modified = 1;
		ed->gen++;
	}
	ed->want_col = -1;
	return 0;
}

void editor_backspace(struct editor *ed)
{
	if (!ed->cur)
		return;
	ed->cur--;
	editor_delete(ed);
}

void editor_delete(struct editor *ed)
{
	if (ed->cur >= ed->len)
		return;
	memmove(ed->buf + ed->cur, ed->buf + ed->cur + 1,
	    (ed->len - ed->cur) * sizeof *ed->buf);
	ed->len--;
	ed->modified = 1;
	ed->gen++;
	ed->want_col = -1;
}

int editor_layout(struct editor *ed, int width, int height)
{
	struct wrap_line *l = NULL;
	size_t n = 0;
	int line, col;

	if (width < 2)
		width = 2;
	/* One column stays free for the cursor after a full line. */
	if (text_wrap(ed->buf, ed->len, width - 1, &l, &n))
		return ERR_NOMEM;
	free(ed->vl);
	ed->vl = l;
	ed->nvl = n;
	ed->width = width;
	ed->height = height > 0 ? height : 1;
	editor_cursor_pos(ed, &line, &col);
	if (line < ed->top)
		ed->top = line;
	if (line >= ed->top + ed->height)
		ed->top = line - ed->height + 1;
	if (ed->top < 0)
		ed->top = 0;
	return 0;
}

static size_t line_of(const struct editor *ed, size_t pos)
{
	size_t i;

	for (i = 0; i + 1 < ed->nvl; i++)
		if (pos < ed->vl[i + 1].start)
			return i;
	return ed->nvl ? ed->nvl - 1 : 0;
}

void editor_cursor_pos(const struct editor *ed, int *line, int *col)
{
	size_t l, i;
	int c = 0;

	*line = 0;
	*col = 0;
	if (!ed->nvl)
		return;
	l = line_of(ed, ed->cur);
	for (i = ed->vl[l].start; i < ed->cur; i++)
		c += text_wcwidth(ed->buf[i]);
	*line = (int)l;
	*col = c;
}

/* Index in line l closest to display column col. */
static size_t pos_at_col(const struct editor *ed, size_t l, int col)
{
	size_t i = ed->vl[l].start, end = i + ed->vl[l].len;
	int c = 0;

	/* A line broken after a space: the cursor stays before the break. */
	if (l + 1 < ed->nvl && end == ed->vl[l + 1].start && end > i)
		end--;
	while (i < end) {
		int w = text_wcwidth(ed->buf[i]);

		if (c + w > col)
			break;
		c += w;
		i++;
	}
	return i;
}

void editor_left(struct editor *ed)
{
	if (ed->cur)
		ed->cur--;
	ed->want_col = -1;
}

void editor_right(struct editor *ed)
{
	if (ed->cur < ed->len)
		ed->cur++;
	ed->want_col = -1;
}

static void move_lines(struct editor *ed, long d)
{
	int line, col;
	long l;

	if (!ed->nvl)
		return;
	editor_cursor_pos(ed, &line, &col);
	if (ed->want_col < 0)
		ed->want_col = col;
	l = line + d;
	if (l < 0) {
		ed->cur = 0;
		return;
	}
	if (l >= (long)ed->nvl) {
		ed->cur = ed->len;
		return;
	}
	ed->cur = pos_at_col(ed, (size_t)l, ed->want_col);
}

void editor_up(struct editor *ed, int n)
{
	move_lines(ed, -(long)n);
}

void editor_down(struct editor *ed, int n)
{
	move_lines(ed, n);
}

void editor_home(struct editor *ed)
{
	if (ed->nvl)
		ed->cur = ed->vl[line_of(ed, ed->cur)].start;
	ed->want_col = -1;
}

void editor_end(struct editor *ed)
{
	if (ed->nvl) {
		size_t l = line_of(ed, ed->cur);

		ed->cur = pos_at_col(ed, l, 1 << 30);
	}
	ed->want_col = -1;
}

int editor_key(struct editor *ed, int key)
{
	wchar_t c;

	switch (key) {
	case TK(KEY_LEFT): editor_left(ed); return 1;
	case TK(KEY_RIGHT): editor_right(ed); return 1;
	case TK(KEY_UP): editor_up(ed, 1); return 1;
	case TK(KEY_DOWN): editor_down(ed, 1); return 1;
	case TK(KEY_PPAGE): editor_up(ed, ed->height > 1 ? ed->height - 1 : 1);
		return 1;
	case TK(KEY_NPAGE): editor_down(ed, ed->height > 1 ? ed->height - 1 :
	    1);
		return 1;
	case TK(KEY_HOME): case TK_CTRL('a'): editor_home(ed); return 1;
	case TK(KEY_END): editor_end(ed); return 1;
	case TK(KEY_BACKSPACE): case 127: case 8: editor_backspace(ed);
		return 1;
	case TK(KEY_DC): case TK_CTRL('d'): editor_delete(ed); return 1;
	default:
		break;
	}
	if (key >= TK_FN_BASE || key < 0)
		return 0;
	if ((key == '\n' || key == '\r') && !ed->multiline)
		return 0;
	if (key < 32 && key != '\n' && key != '\r' && key != '\t')
		return 0;
	c = (wchar_t)key;
	return editor_insert(ed, &c, 1) == 0;
}

void widget_edit_draw(struct editor *ed, WINDOW *win, const struct rect *r,
    int *cy, int *cx)
{
	int y, line, col;

	if (r->h < 1 || r->w < 2)
		return;
	if (editor_layout(ed, r->w, r->h))
		return;
	for (y = 0; y < r->h; y++) {
		size_t l = (size_t)(ed->top + y);

		wmove(win, r->y + y, r->x);
		if (l < ed->nvl) {
			const struct wrap_line *wl = &ed->vl[l];
			size_t i;
			int used = 0;

			for (i = 0; i < wl->len; i++) {
				wchar_t ch = ed->buf[wl->start + i];
				int w = text_wcwidth(ch);

				if (used + w > r->w)
					break;
				if (ch == L'\n')
					ch = L' ';
				waddnwstr(win, &ch, 1);
				used += w;
			}
			for (; used < r->w; used++)
				waddch(win, ' ');
		} else {
			int k;

			for (k = 0; k < r->w; k++)
				waddch(win, ' ');
		}
	}
	editor_cursor_pos(ed, &line, &col);
	if (col >= r->w)
		col = r->w - 1;
	*cy = r->y + line - ed->top;
	*cx = r->x + col;
}
