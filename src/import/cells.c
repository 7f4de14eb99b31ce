/*
 * cells.c - what both mappers (map.c for the actions, indicators.c for
 * the key indicators) read cells and report issues with: label keys,
 * blank cells, yes/no values, years in a text, the place of a cell in
 * French, the issues of a result, the test of an indicator sheet; and the
 * normalisers of the values of action cells (engagement, cancellation,
 * recommendation).
 *
 * Pure: no database, no I/O.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_priv.h"

char *im_label_key(const char *s)
{
	char *f = text_fold(s), *p, *q;

	if (!f)
		return NULL;
	for (p = q = f; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			*q++ = *p;
	*q = '\0';
	return f;
}

int im_blank(const char *s)
{
	while (s && *s)
		if (!isspace((unsigned char)*s++))
			return 0;
	return 1;
}

int import_parse_bool(const char *s, int *out)
{
	char *f;
	int rc;

	if (!bool_parse(s, out))
		return 0;
	if (!(f = text_fold(s)))
		return ERR_NOMEM;
	rc = ERR_INVALID;
	if (strcmp(f, "\xe2\x98\x91") == 0 || strcmp(f, "\xe2\x9c\x97") == 0 ||
	    strcmp(f, "\xe2\x9c\x98") == 0 || strcmp(f, "ok") == 0) {
		/* ☑ checked; ✗ ✘ are crosses people use for "yes" in a box */
		*out = 1;
		rc = 0;
	} else if (strcmp(f, "\xe2\x98\x90") == 0) {	/* ☐ empty box */
		*out = 0;
		rc = 0;
	} else if (strncmp(f, "oui", 3) == 0 && !isalpha((unsigned char)f[3])) {
		*out = 1;
		rc = 0;
	} else if (strncmp(f, "non", 3) == 0 && !isalpha((unsigned char)f[3])) {
		*out = 0;
		rc = 0;
	}
	free(f);
	return rc;
}

int im_find_year(const char *s)
{
	for (; *s; s++) {
		if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])
		    && isdigit((unsigned char)s[2]) &&
		    isdigit((unsigned char)s[3]) && !isdigit((unsigned char)s[4])) {
			int y = atoi(s);

			if (y >= MODEL_YEAR_MIN && y <= MODEL_YEAR_MAX)
				return y;
			s += 3;
		} else {
			while (isdigit((unsigned char)*s) && isdigit((unsigned char)s[1]))
				s++;
		}
	}
	return 0;
}

int import_result_issue(struct import_result *r, enum import_severity sev,
    const char *where, const char *fmt, ...)
{
	struct import_issue *v;
	struct strbuf sb = {0};
	va_list ap;
	int n;
	char *msg;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(msg = malloc((size_t)n + 1)))
		return ERR_NOMEM;
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	(void)sb;
	v = realloc(r->issues, (r->n_issues + 1) * sizeof *v);
	if (!v) {
		free(msg);
		return ERR_NOMEM;
	}
	r->issues = v;
	v[r->n_issues].sev = sev;
	v[r->n_issues].msg = msg;
	v[r->n_issues].where = xstrdup(where);
	r->n_issues++;
	if (sev == IMPORT_ERROR)
		r->n_errors++;
	return 0;
}

char *im_where(const struct import_sheet *sh, int row, int col)
{
	struct strbuf sb = {0};
	char letters[8];

	if (sh->name)
		sb_printf(&sb, "feuille « %s », ", sh->name);
	sb_printf(&sb, "ligne %d", row);
	if (col >= 0)
		sb_printf(&sb, ", colonne %s", import_col_letters(col, letters));
	return sb_steal(&sb);
}

int im_issue_at(struct import_result *r, const struct import_sheet *sh,
    int row, int col, enum import_severity sev, const char *msg)
{
	char *w = im_where(sh, row, col);
	int rc;

	if (!w)
		return ERR_NOMEM;
	rc = import_result_issue(r, sev, w, "%s", msg);
	free(w);
	return rc;
}

int im_is_indicator_sheet(const struct import_sheet *sh)
{
	char *f = sh->name ? im_label_key(sh->name) : NULL;
	int yes = f && strncmp(f, "indicateur", 10) == 0;

	free(f);
	return yes;
}

/* ---- Value normalisers ---- */

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

int import_parse_engagement(const char *s, const struct referential *r,
    int *out, struct err *e)
{
	char *f = text_fold(s), *p, *end;
	long n = -1;
	size_t i;
	int rc = 0;

	if (!f)
		return err_nomem(e);
	p = f;
	if (strncmp(p, "engagement", 10) == 0)
		p += 10;
	else if (*p == 'e' && p[1] >= '0' && p[1] <= '9')
		p++;
	p = (char *)skip_space(p);
	/* "n°" folds to "no" */
	if (strncmp(p, "no", 2) == 0 && !isalpha((unsigned char)p[2]))
		p += 2;
	else if (strncmp(p, "n ", 2) == 0)
		p += 2;
	p = (char *)skip_space(p);
	if (*p >= '0' && *p <= '9') {
		n = strtol(p, &end, 10);
		/* "2", "2.0", "2 - titre", "2 : titre", "2. titre" */
		if (*end == '.' && end[1] == '0' && !end[2])
			end += 2;
		end = (char *)skip_space(end);
		if (*end && !strchr("-:.)\xe2,", *end))
			n = -1;
	} else if (r) {
		/* the title alone, or the beginning of it */
		for (i = 0; i < r->n_engagements; i++) {
			char *t = text_fold(r->engagements[i].title);

			if (t && *t && (strcmp(f, t) == 0 ||
			    (strlen(f) > 12 && strncmp(t, f, strlen(f)) == 0) ||
			    strncmp(f, t, strlen(t)) == 0))
				n = r->engagements[i].number;
			free(t);
			if (n > 0)
				break;
		}
	}
	if (n < 1 || n > 99) {
		rc = err_set(e, ERR_INVALID, "engagement « %s » non reconnu "
		    "(attendu : un numéro, « Engagement 2 » ou le titre d'un "
		    "engagement du référentiel)", s);
	} else if (r && r->n_engagements &&
	    !referential_engagement(r, (int)n)) {
		rc = err_set(e, ERR_INVALID, "engagement %ld inconnu du "
		    "référentiel « %s » (%zu engagements)", n,
		    r->code ? r->code : "?", r->n_engagements);
	} else {
		*out = (int)n;
	}
	free(f);
	return rc;
}

int import_parse_cancelled(const char *s, int *cancelled, int *year)
{
	char *f = text_fold(s);
	size_t n;
	int y, b, rc = 0;

	if (!f)
		return ERR_NOMEM;
	y = im_find_year(f);
	/* the words before a year or a remark: "Oui (2024)", "X - 2024" */
	n = strcspn(f, "(-,:;0123456789");
	while (n && f[n - 1] == ' ')
		n--;
	f[n] = '\0';
	if (!*f && y) {
		*cancelled = 1;		/* "2024" alone */
		*year = y;
	} else if (!import_parse_bool(f, &b)) {
		*cancelled = b;
		*year = b ? y : 0;
	} else if (strncmp(f, "annulee", 7) == 0) {
		*cancelled = 1;
		*year = y;
	} else {
		rc = ERR_INVALID;
	}
	free(f);
	return rc;
}

int import_parse_recommendation(const char *s, const struct referential *r,
    int engagement, char **code, struct err *e)
{
	char buf[32];
	const char *p = skip_space(s ? s : "");
	size_t i, n = 0;
	char *f = NULL;

	*code = NULL;
	if (!*p)
		return 0;
	/* a code at the start: "E1-R2", "e1-r2 - texte", "R2" */
	while (n < sizeof buf - 1 && (isalnum((unsigned char)p[n]) ||
	    p[n] == '-'))
		n++;
	memcpy(buf, p, n);
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		buf[i] = (char)toupper((unsigned char)buf[i]);
	if (n >= 2 && buf[0] == 'R' && isdigit((unsigned char)buf[1]) &&
	    engagement > 0) {
		char tmp[32];

		snprintf(tmp, sizeof tmp, "E%d-%s", engagement, buf);
		snprintf(buf, sizeof buf, "%s", tmp);
	}
	if (r && referential_recommendation(r, buf)) {
		*code = xstrdup(buf);
		return *code ? 0 : err_nomem(e);
	}
	/* the text of a recommendation */
	if (r && (f = text_fold(p))) {
		for (i = 0; i < r->n_recommendations; i++) {
			char *t = text_fold(r->recommendations[i].text);
			int hit = t && *t && strcmp(t, f) == 0;

			free(t);
			if (hit) {
				free(f);
				*code = xstrdup(r->recommendations[i].code);
				return *code ? 0 : err_set(e, ERR_NOMEM,
				    "mémoire insuffisante");
			}
		}
	}
	free(f);
	return err_set(e, ERR_INVALID, "recommandation « %s » inconnue du "
	    "référentiel (attendu : un code comme E1-R2 ou le texte exact)",
	    s);
}
