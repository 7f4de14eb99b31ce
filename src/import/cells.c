/*
 * cells.c - what both mappers (map.c for the actions, indicators.c for
 * the key indicators) read cells and report issues with: label keys,
 * blank cells, yes/no values, years in a text, the place of a cell in
 * French, the issues of a result, the test of an indicator sheet.
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
