/*
 * values.c - what people write in a city's table, read as the model
 * expects it: OOXML escapes, invisible characters, error values of
 * formulas, dates where a year is expected, percentages and loose words
 * for the Avancement, and engagements written "Eng. 1", "E 5", "IV" or
 * as a title with a typo. Each reader says whether the reading was
 * literal, so that the mapper lists every interpretation in the report.
 *
 * Pure: no database, no I/O.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

int im_error_value(const char *s)
{
	static const char *const errs[] = {
		"#N/A", "#REF!", "#VALUE!", "#VALEUR!", "#DIV/0!", "#NAME?",
		"#NOM?", "#NUM!", "#NOMBRE!", "#NULL!", "#NUL!", "#SPILL!",
		"#CALC!", "#GETTING_DATA", "Err:502", "Err:504", "Err:508",
		"Err:522",
	};
	size_t i, n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof errs / sizeof errs[0]; i++)
		if (strlen(errs[i]) == n && strncasecmp(s, errs[i], n) == 0)
			return 1;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends code point u as UTF-8. */
static void put_utf8(struct strbuf *sb, unsigned long u)
{
	char b[4];
	size_t n;

	if (u < 0x80) {
		b[0] = (char)u;
		n = 1;
	} else if (u < 0x800) {
		b[0] = (char)(0xC0 | (u >> 6));
		b[1] = (char)(0x80 | (u & 0x3F));
		n = 2;
	} else {
		b[0] = (char)(0xE0 | (u >> 12));
		b[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		b[2] = (char)(0x80 | (u & 0x3F));
		n = 3;
	}
	sb_append_n(sb, b, n);
}

/* Zero-width, bidirectional controls, soft hyphen, BOM, word joiner. */
static size_t invisible_len(const unsigned char *p)
{
	if (p[0] == 0xC2 && p[1] == 0xAD)
		return 2;				/* U+00AD */
	if (p[0] == 0xE2 && p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F)
	    || (p[2] >= 0xAA && p[2] <= 0xAE)))
		return 3;			/* U+200B-200F, U+202A-202E */
	if (p[0] == 0xE2 && p[1] == 0x81 && (p[2] == 0xA0 ||
	    (p[2] >= 0xA6 && p[2] <= 0xA9)))
		return 3;			/* U+2060, U+2066-2069 */
	if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		return 3;			/* U+FEFF */
	return 0;
}

char *im_clean_text(const char *s, int strip_invisible, int *changed)
{
	struct strbuf sb = {0};
	const unsigned char *p = (const unsigned char *)s;

	*changed = 0;
	while (*p) {
		size_t n;

		if (p[0] == '_' && p[1] == 'x' && hexval(p[2]) >= 0 &&
		    hexval(p[3]) >= 0 && hexval(p[4]) >= 0 &&
		    hexval(p[5]) >= 0 && p[6] == '_') {
			unsigned long u = (unsigned long)(hexval(p[2]) << 12 |
			    hexval(p[3]) << 8 | hexval(p[4]) << 4 |
			    hexval(p[5]));

			p += 7;
			*changed = 1;
			/* "_x000D_\n" is Excel's CR LF: one line break */
			if (u == 0x0D && *p == '\n')
				continue;
			if (u == 0x0D)
				u = '\n';
			if (u == 0 || (u < 0x20 && u != '\n' && u != '\t') ||
			    (u >= 0xD800 && u <= 0xDFFF))
				continue;
			put_utf8(&sb, u);
			continue;
		}
		if (strip_invisible && (n = invisible_len(p))) {
			p += n;
			*changed = 1;
			continue;
		}
		if (strip_invisible && *p < 0x20 && *p != '\n' && *p != '\t' &&
		    *p != '\r') {
			p++;
			*changed = 1;
			continue;
		}
		sb_append_n(&sb, (const char *)p, 1);
		p++;
	}
	if (!sb_str(&sb)[0]) {
		sb_free(&sb);
		return xstrdup("");
	}
	return sb_steal(&sb);
}

/* ---- Calendrier ---- */

/* Year of the day `days` after 1899-12-30 (spreadsheet serial dates). */
static int serial_year(long days)
{
	/* civil_from_days (H. Hinnant), epoch 1970-01-01 = serial 25569 */
	long z = days - 25569 + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long m = mp + (mp < 10 ? 3 : -9);

	return (int)(y + (m <= 2));
}

int im_schedule_date(const char *s, int *year)
{
	int y, mo, d;
	char tail[8];
	char *end;
	double v;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%1s", &y, &mo, &d, tail) >= 3 &&
	    strlen(s) >= 10 && s[4] == '-' && s[7] == '-' &&
	    (s[10] == '\0' || s[10] == 'T' || s[10] == ' ')) {
		*year = y;
		return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
	}
	if (sscanf(s, "%2d/%2d/%4d", &d, &mo, &y) == 3 && strlen(s) == 10 &&
	    s[2] == '/' && s[5] == '/') {
		*year = y;
		return mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
	}
	v = strtod(s, &end);
	if (end != s && !*end && !strchr(s, '-') && v >= 10000 &&
	    v < 2958466) {
		*year = serial_year((long)v);
		return 1;
	}
	return 0;
}

/* ---- Avancement ---- */

/* Folded, hyphens and underscores as spaces, single spaces. */
static char *loose_key(const char *s)
{
	char *f = text_fold(s), *p, *q;

	if (!f)
		return NULL;
	for (p = q = f; *p; p++) {
		char c = (*p == '-' || *p == '_' || *p == '.') ? ' ' : *p;

		if (c == ' ' && (q == f || q[-1] == ' '))
			continue;
		*q++ = c;
	}
	while (q > f && q[-1] == ' ')
		q--;
	*q = '\0';
	return f;
}

int im_parse_progress(const char *s, enum progress *out, int *exact)
{
	static const struct { const char *k; enum progress p; } more[] = {
		{ "a faire", PROGRESS_NOT_STARTED },
		{ "a lancer", PROGRESS_NOT_STARTED },
		{ "pas demarre", PROGRESS_NOT_STARTED },
		{ "pas demarree", PROGRESS_NOT_STARTED },
		{ "non debute", PROGRESS_NOT_STARTED },
		{ "non debutee", PROGRESS_NOT_STARTED },
		{ "non", PROGRESS_NOT_STARTED },
		{ "nc", PROGRESS_NOT_STARTED },
		{ "en cours", PROGRESS_IN_PROGRESS },
		{ "encours", PROGRESS_IN_PROGRESS },
		{ "en partie", PROGRESS_IN_PROGRESS },
		{ "partiel", PROGRESS_IN_PROGRESS },
		{ "partielle", PROGRESS_IN_PROGRESS },
		{ "en cours de mise en oeuvre", PROGRESS_IN_PROGRESS },
		{ "ec", PROGRESS_IN_PROGRESS },
		{ "acheve", PROGRESS_DONE },
		{ "finie", PROGRESS_DONE },
		{ "fini", PROGRESS_DONE },
		{ "ok", PROGRESS_DONE },
		{ "realisee totalement", PROGRESS_DONE },
		{ "100", PROGRESS_DONE },
	};
	char *k, *end;
	size_t i;
	double v;
	int pct = 0, rc = ERR_INVALID;

	*exact = 0;
	if (!progress_parse(s, out)) {
		char *f = text_fold(s), *g = text_fold(progress_label(*out));

		*exact = f && g && strcmp(f, g) == 0;
		free(f);
		free(g);
		return 0;
	}
	if (!(k = loose_key(s)))
		return ERR_NOMEM;
	if (!progress_parse(k, out)) {
		free(k);
		return 0;
	}
	for (i = 0; i < sizeof more / sizeof more[0]; i++)
		if (strcmp(k, more[i].k) == 0) {
			*out = more[i].p;
			free(k);
			return 0;
		}
	free(k);
	/* a number: 0.5 (a cell shown as 50 %), "50 %", "0%", "100" */
	for (k = (char *)s; *k == ' '; k++)
		;
	v = strtod(k, &end);
	if (end != k) {
		while (*end == ' ' || !strncmp(end, "\xc2\xa0", 2) ||
		    !strncmp(end, "\xe2\x80\xaf", 3))
			end += *end == ' ' ? 1 : *end == '\xc2' ? 2 : 3;
		if (*end == '%') {
			pct = 1;
			end++;
		}
		while (*end == ' ')
			end++;
		if (!*end) {
			/* 0.5 is a fraction; 50 a percentage; 1.5 neither */
			if (!pct && v > 1 && v == (double)(long)v)
				pct = 1;
			if (pct)
				v /= 100;
			if (v >= 0 && v <= 1) {
				*out = v <= 0 ? PROGRESS_NOT_STARTED : v >= 1 ?
				    PROGRESS_DONE : PROGRESS_IN_PROGRESS;
				rc = 0;
			}
		}
	}
	return rc;
}

/* ---- Engagement ---- */

static int roman(const char *s)
{
	static const char *const r[] = { "i", "ii", "iii", "iv", "v", "vi",
	    "vii", "viii", "ix", "x", "xi", "xii" };
	size_t i;

	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		if (strcmp(s, r[i]) == 0)
			return (int)i + 1;
	return 0;
}

/* Edit distance of a and b, both at most 400 bytes (else a large value). */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[401];

	if (la > 400 || lb > 400)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag +
			    (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

int im_parse_engagement(const char *s, const struct referential *r,
    int *out, int *exact, struct err *e)
{
	struct err e0 = {0};
	char *k, *p;
	long n = 0;
	size_t i;

	*exact = 0;
	if (!import_parse_engagement(s, r, out, &e0)) {
		k = im_label_key(s);
		/* digits, "E2", "Engagement 2" are literal; a title too */
		*exact = k && (strspn(k, "0123456789") == strlen(k) ||
		    ((k[0] == 'e') && strspn(k + 1, "0123456789") ==
		    strlen(k + 1)) || (strncmp(k, "engagement", 10) == 0 &&
		    strspn(k + 10, "0123456789") == strlen(k + 10)) ||
		    !isdigit((unsigned char)k[strlen(k) ? strlen(k) - 1 : 0]));
		free(k);
		if (r && !isdigit((unsigned char)*s)) {
			/* the title alone is literal only when whole */
			char *f = text_fold(s);
			const struct ref_engagement *g =
			    referential_engagement(r, *out);
			char *t = g ? text_fold(g->title) : NULL;

			if (f && t && strncmp(f, "engagement", 10) != 0 &&
			    !(f[0] == 'e' && isdigit((unsigned char)f[1])))
				*exact = strcmp(f, t) == 0;
			free(f);
			free(t);
		}
		return 0;
	}
	if (!(k = loose_key(s)))
		return err_nomem(e);
	p = k;
	/* "eng 1", "engt 1", "e 5", "axe 2", "engagement n 2" */
	if (!strncmp(p, "engagement ", 11))
		p += 11;
	else if (!strncmp(p, "engt ", 5))
		p += 5;
	else if (!strncmp(p, "eng ", 4))
		p += 4;
	else if (!strncmp(p, "axe ", 4))
		p += 4;
	else if (!strncmp(p, "e ", 2))
		p += 2;
	if (!strncmp(p, "no ", 3) || !strncmp(p, "n ", 2))
		p += p[1] == 'o' ? 3 : 2;
	if (isdigit((unsigned char)*p)) {
		char *end;

		n = strtol(p, &end, 10);
		if (*end && *end != ' ')
			n = 0;
	} else {
		char word[8];
		size_t l = strcspn(p, " ");

		if (l < sizeof word) {
			memcpy(word, p, l);
			word[l] = '\0';
			n = roman(word);
		}
	}
	if (!n && r && strlen(k) >= 8) {
		/* a title with a typo: the nearest, when clearly nearest */
		size_t best = (size_t)-1, second = (size_t)-1;
		int hit = 0;

		for (i = 0; i < r->n_engagements; i++) {
			char *t = loose_key(r->engagements[i].title);
			size_t d = t ? distance(k, t) : (size_t)-1;

			free(t);
			if (d < best) {
				second = best;
				best = d;
				hit = r->engagements[i].number;
			} else if (d < second) {
				second = d;
			}
		}
		if (hit && best <= strlen(k) / 8 + 1 && second > best + 2)
			n = hit;
	}
	free(k);
	if (n < 1 || n > 99 || (r && r->n_engagements &&
	    !referential_engagement(r, (int)n))) {
		if (e)
			*e = e0;
		return ERR_INVALID;
	}
	*out = (int)n;
	return 0;
}

int im_parse_bool(const char *s, int *out, int *exact)
{
	char *f;

	*exact = 0;
	if (import_parse_bool(s, out)) {
		if (!(f = loose_key(s)))
			return ERR_NOMEM;
		if (!strcmp(f, "o") || !strcmp(f, "y") || !strcmp(f, "yes")) {
			*out = 1;
		} else if (!strcmp(f, "n") || !strcmp(f, "no")) {
			*out = 0;
		} else {
			free(f);
			return ERR_INVALID;
		}
		free(f);
		return 0;
	}
	if (!(f = text_fold(s)))
		return ERR_NOMEM;
	*exact = !strcmp(f, "oui") || !strcmp(f, "non") || !*f;
	free(f);
	return 0;
}
