/*
 * layout.c - pure arithmetic of the interface: the frame of a screen, the
 * columns of the plan, the keys bar, text fitted to a display width, word
 * wrapping and progress bars.
 *
 * No curses here: every function is unit-tested without a terminal
 * (tests/unit/test_tui_layout.c). Widths are terminal columns (wcwidth),
 * never bytes or code points.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui_priv.h"
#include "util.h"

int layout_frame(int rows, int cols, struct rect *top, struct rect *body,
    struct rect *status, struct rect *bar)
{
	if (rows < TUI_MIN_ROWS || cols < TUI_MIN_COLS) {
		*body = (struct rect){ 0, 0, rows > 0 ? rows : 0,
		    cols > 0 ? cols : 0 };
		return -1;
	}
	*top = (struct rect){ 0, 0, 1, cols };
	*body = (struct rect){ 1, 0, rows - 3, cols };
	*status = (struct rect){ rows - 2, 0, 1, cols };
	*bar = (struct rect){ rows - 1, 0, 1, cols };
	return 0;
}

void layout_plan_cols(int width, struct plan_cols *c)
{
	int rest;

	/* Marker, N°, Intitulé, Avancement, flags, Pilote, Mise à jour; the
	 * title takes what is left, the pilot grows on wide terminals. */
	c->ref = 5;
	c->progress = 13;
	c->flags = 4;
	c->updated = 11;
	c->pilot = 13;
	if (width >= 120)
		c->pilot = 13 + (width - 120) / 4 + 6;
	rest = width - (1 + c->ref + 1 + 1 + c->progress + 1 + c->flags + 1 +
	    c->pilot + 1 + c->updated);
	if (rest < 10) {
		c->pilot = 0;
		rest += 15;
	}
	if (rest < 4)
		rest = 4;
	c->title = rest;
	c->x_ref = 1;
	c->x_title = c->x_ref + c->ref + 1;
	c->x_progress = c->x_title + c->title + 1;
	c->x_flags = c->x_progress + c->progress + 1;
	c->x_pilot = c->x_flags + c->flags + 1;
	c->x_updated = c->x_pilot + (c->pilot ? c->pilot + 1 : 0);
}

int layout_bar(int width, const char *const *nums, const char *const *labels,
    int n, int *xs, int *ws)
{
	int i, x = 0, total = 0, fit = 0, pad;

	for (i = 0; i < n; i++)
		total += (int)utf8_width(nums[i]) + (int)utf8_width(labels[i]);
	/* Spread the spare columns evenly between the buttons. */
	pad = n > 1 && width > total ? (width - total) / n : 0;
	if (pad > 4)
		pad = 4;
	for (i = 0; i < n; i++) {
		int w = (int)utf8_width(nums[i]) + (int)utf8_width(labels[i]);

		if (x + w > width)
			break;
		xs[i] = x;
		ws[i] = w + pad <= width - x ? w + pad : width - x;
		x += ws[i];
		fit++;
	}
	return fit;
}

int text_wcwidth(wchar_t c)
{
	int w;

	if (c == L'\t' || c == L'\n')
		return 1;
	w = wcwidth(c);
	return w < 0 ? 1 : w;
}

size_t text_fit(const char *s, int maxw, int *w)
{
	size_t i = 0;
	int used = 0;
	mbstate_t st;

	memset(&st, 0, sizeof st);
	if (w)
		*w = 0;
	if (!s || maxw <= 0)
		return 0;
	while (s[i]) {
		wchar_t c;
		size_t k = mbrtowc(&c, s + i, MB_CUR_MAX, &st);
		int cw;

		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&st, 0, sizeof st);
			k = 1;
			c = L'?';
		}
		if (k == 0)
			break;
		cw = text_wcwidth(c);
		if (used + cw > maxw)
			break;
		used += cw;
		i += k;
	}
	if (w)
		*w = used;
	return i;
}

wchar_t *text_to_wcs(const char *s, size_t *n)
{
	size_t len = s ? strlen(s) : 0, i = 0, k = 0;
	wchar_t *w = malloc((len + 1) * sizeof *w);
	mbstate_t st;

	if (!w)
		return NULL;
	memset(&st, 0, sizeof st);
	while (i < len) {
		size_t r = mbrtowc(&w[k], s + i, len - i, &st);

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof st);
			w[k] = L'\uFFFD';
			r = 1;
		}
		i += r;
		k++;
	}
	w[k] = 0;
	if (n)
		*n = k;
	return w;
}

char *text_from_wcs(const wchar_t *w, size_t n)
{
	struct strbuf sb = {0};
	size_t i;

	if (sb_append(&sb, ""))
		return NULL;
	for (i = 0; i < n; i++)
		if (utf8_encode(&sb, (uint32_t)w[i])) {
			sb_free(&sb);
			return NULL;
		}
	return sb_steal(&sb);
}

void text_bar(char *buf, size_t size, int width, int num, int den)
{
	size_t k = 0;
	int full, i;

	if (!size)
		return;
	buf[0] = '\0';
	if (width <= 0)
		return;
	full = den > 0 ? (int)(((long)num * width + den / 2) / den) : 0;
	if (full > width)
		full = width;
	for (i = 0; i < width && k + 4 <= size; i++) {
		/* U+2588 full block, U+2591 light shade */
		memcpy(buf + k, i < full ? "\xe2\x96\x88" : "\xe2\x96\x91", 3);
		k += 3;
	}
	buf[k] = '\0';
}

int text_wrap(const wchar_t *w, size_t n, int width, struct wrap_line **out,
    size_t *nlines)
{
	struct wrap_line *v = NULL;
	size_t cap = 0, nl = 0, s = 0;

	if (width < 1)
		width = 1;
	for (;;) {
		size_t i = s, brk = 0;
		int used = 0, bw = 0, ended_nl = 0;
		struct wrap_line *t;

		while (i < n && w[i] != L'\n') {
			int cw = text_wcwidth(w[i]);

			if (used + cw > width && i > s) {
				/* A space that overflows hangs at the end. */
				if (w[i] == L' ') {
					brk = i + 1;
					bw = used;
				}
				break;
			}
			used += cw;
			i++;
			if (w[i - 1] == L' ') {
				brk = i;
				bw = used;
			}
		}
		if (i < n && w[i] == L'\n') {
			brk = i;
			bw = used;
			ended_nl = 1;
		} else if (i >= n) {
			brk = n;
			bw = used;
		} else if (!brk || brk <= s) {
			brk = i;	/* a word longer than the line */
			bw = used;
		}
		if (nl == cap) {
			cap = cap ? cap * 2 : 16;
			t = realloc(v, cap * sizeof *v);
			if (!t) {
				free(v);
				return ERR_NOMEM;
			}
			v = t;
		}
		v[nl].start = s;
		v[nl].len = brk - s;
		v[nl].width = bw;
		nl++;
		if (ended_nl) {
			s = brk + 1;	/* an empty last line after a final newline */
			continue;
		}
		if (brk >= n)
			break;
		s = brk;
	}
	*out = v;
	*nlines = nl;
	return 0;
}
