/*
 * strbuf.c - growable NUL-terminated strings and small string helpers.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap;
	char *p;

	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->buf, cap);
	if (!p)
		return ERR_NOMEM;
	sb->buf = p;
	sb->cap = cap;
	return 0;
}

int sb_append_n(struct strbuf *sb, const char *s, size_t n)
{
	if (sb_grow(sb, n))
		return ERR_NOMEM;
	if (n)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int sb_append(struct strbuf *sb, const char *s)
{
	return sb_append_n(sb, s ? s : "", s ? strlen(s) : 0);
}

int sb_append_c(struct strbuf *sb, char c)
{
	return sb_append_n(sb, &c, 1);
}

int sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	size_t room = sb->buf ? sb->cap - sb->len : 0;
	va_list ap;
	int n;

	/* Format once into the room left, and again only when it did not
	 * fit: most calls fit (the exports format cells by the million). */
	va_start(ap, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < room) {
		sb->len += (size_t)n;
		return 0;
	}
	if (room)
		sb->buf[sb->len] = '\0';	/* drop what did not fit */
	if (n < 0)
		return ERR_INVALID;
	if (sb_grow(sb, (size_t)n))
		return ERR_NOMEM;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
	return 0;
}

const char *sb_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *sb_steal(struct strbuf *sb)
{
	char *p = sb->buf;

	if (!p)
		p = calloc(1, 1);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return p;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

char *xstrdup(const char *s)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

int str_replace(char **dst, const char *src)
{
	char *p = NULL;

	if (src && !(p = xstrdup(src)))
		return ERR_NOMEM;
	free(*dst);
	*dst = p;
	return 0;
}

int str_empty(const char *s)
{
	return !s || !*s;
}

int str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

char *str_trim(char *s)
{
	size_t n;
	char *p = s;

	if (!s)
		return s;
	while (*p && isspace((unsigned char)*p))
		p++;
	if (p != s)
		memmove(s, p, strlen(p) + 1);
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int array_grow(void *pv, size_t n, size_t size)
{
	void **p = pv;
	size_t cap = n ? 2 * n : 1;
	void *np;

	if (n & (n - 1))
		return 0;	/* not a power of two: there is room */
	if (cap > SIZE_MAX / size / 2)
		return ERR_NOMEM;
	if (!(np = realloc(*p, cap * size)))
		return ERR_NOMEM;
	*p = np;
	return 0;
}
