/*
 * frfmt.c - the process locale, and the French forms of dates and numbers
 * that people read.
 *
 * Design notes. The program follows the user's locale for characters
 * (LC_CTYPE: curses wide characters, wcwidth, iconv) and messages, but
 * keeps LC_NUMERIC at "C" for its whole life: every number written to a
 * file (XLSX XML, also inside libxlsxwriter, which formats with printf),
 * to SQL or read back by strtod has a decimal point whatever the user's
 * locale says. What people read is made French here, explicitly, the
 * same under every locale: dates as 04/12/2026, "04/12/2026 à 17:05" or
 * "4 décembre 2026", decimals with a comma. Nothing here uses strftime's
 * names or localeconv(), so the output never depends on which locales
 * the machine has generated.
 *
 * Stored dates are "YYYY-MM-DD[ HH:MM[:SS]]" (also with a "T"); anything
 * else is given back as it is, so that a damaged value is still shown.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util.h"

void locale_setup(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
}

/* The n digits at s as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

struct when {
	int y, mo, d, h, mi;	/* h < 0: no time */
};

/* Parses "YYYY-MM-DD[ HH:MM[:SS]]"; 0, or -1 when it is not one. */
static int parse_iso(const char *s, struct when *w)
{
	if (!s || strlen(s) < 10 || (w->y = digits(s, 4)) < 0 ||
	    s[4] != '-' || (w->mo = digits(s + 5, 2)) < 1 || w->mo > 12 ||
	    s[7] != '-' || (w->d = digits(s + 8, 2)) < 1 || w->d > 31)
		return -1;
	w->h = -1;
	w->mi = 0;
	if (s[10] == '\0')
		return 0;
	if ((s[10] != ' ' && s[10] != 'T') || strlen(s) < 16 ||
	    (w->h = digits(s + 11, 2)) < 0 || w->h > 23 || s[13] != ':' ||
	    (w->mi = digits(s + 14, 2)) < 0 || w->mi > 59)
		return -1;
	return 0;
}

static const char *keep(const char *s, char *buf, size_t n)
{
	if (n)
		snprintf(buf, n, "%s", s ? s : "");
	return buf;
}

const char *fr_date(const char *iso, char *buf, size_t n)
{
	struct when w;

	if (parse_iso(iso, &w))
		return keep(iso, buf, n);
	snprintf(buf, n, "%02d/%02d/%04d", w.d, w.mo, w.y);
	return buf;
}

const char *fr_datetime(const char *iso, char *buf, size_t n)
{
	struct when w;

	if (parse_iso(iso, &w))
		return keep(iso, buf, n);
	if (w.h < 0)
		snprintf(buf, n, "%02d/%02d/%04d", w.d, w.mo, w.y);
	else
		snprintf(buf, n, "%02d/%02d/%04d à %02d:%02d", w.d, w.mo, w.y,
		    w.h, w.mi);
	return buf;
}

const char *fr_date_long(const char *iso, char *buf, size_t n)
{
	static const char *const months[12] = {
		"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre",
		"décembre",
	};
	struct when w;

	if (parse_iso(iso, &w))
		return keep(iso, buf, n);
	if (w.d == 1)
		snprintf(buf, n, "1er %s %d", months[w.mo - 1], w.y);
	else
		snprintf(buf, n, "%d %s %d", w.d, months[w.mo - 1], w.y);
	return buf;
}

const char *fr_datetime_t(int64_t t, char *buf, size_t n)
{
	char iso[32];

	clock_format(t, iso, sizeof iso);
	return fr_datetime(iso, buf, n);
}

const char *fr_decimal(double v, int decimals, char *buf, size_t n)
{
	char *p;

	if (decimals < 0)
		decimals = 0;
	snprintf(buf, n, "%.*f", decimals, v);
	/* whatever LC_NUMERIC is (a caller that skipped locale_setup) */
	for (p = buf; *p; p++)
		if (*p == '.')
			*p = ',';
	/* no "-0,0" for a tiny negative value */
	if (buf[0] == '-' && strspn(buf + 1, "0,") == strlen(buf + 1))
		memmove(buf, buf + 1, strlen(buf));
	return buf;
}

const char *fr_number_text(const char *s, char *buf, size_t n)
{
	const char *p = s, *dot;

	if (!s)
		return "";
	if (*p == '-' || *p == '+')
		p++;
	dot = strchr(p, '.');
	/* "31.7", "-0.25": digits, one point, digits; nothing else */
	if (!dot || dot == p || strspn(p, "0123456789") != (size_t)(dot - p) ||
	    !dot[1] || strspn(dot + 1, "0123456789") != strlen(dot + 1) ||
	    strlen(s) >= n)
		return s;
	memcpy(buf, s, strlen(s) + 1);
	buf[dot - s] = ',';
	return buf;
}
