/*
 * pilots.c - the departments named in a "Service(s) pilote(s)" text.
 *
 * A text names one or more departments, separated by ",", ";", "/" or
 * " et " (the last only before a department word, so that "Service
 * Prévention et Tranquillité publique" stays one department while
 * "Service Jeunesse et Direction des Sports" is two). Two spellings
 * that differ only by case, accents or spaces are one department: their
 * key is text_fold() of the name. Pure functions, no I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

/* Words that start a department's name: " et " before one of them
 * separates two departments. Folded forms. */
static const char *const head_words[] = {
	"service", "services", "direction", "directions", "pole", "mission",
	"cabinet", "ccas", "cias", "departement", "dga", "dgs", "secteur",
	"cellule", "bureau", "unite", "agence", "espace", "maison", "centre",
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 1 when s (just after " et ") starts with a department word. */
static int head_word_at(const char *s)
{
	size_t n = 0, i;
	char *w, *f;
	int r = 0;

	while (is_space(*s))
		s++;
	while (s[n] && !is_space(s[n]) && !strchr(",;/", s[n]))
		n++;
	if (!n || !(w = malloc(n + 1)))
		return 0;
	memcpy(w, s, n);
	w[n] = '\0';
	f = text_fold(w);
	free(w);
	for (i = 0; f && i < sizeof head_words / sizeof head_words[0]; i++)
		if (strcmp(f, head_words[i]) == 0)
			r = 1;
	free(f);
	return r;
}

/* Length of a separator at s, 0 when none. */
static size_t sep_at(const char *s)
{
	if (*s == ',' || *s == ';' || *s == '/')
		return 1;
	if (is_space(s[0]) && (s[1] == 'e' || s[1] == 'E') &&
	    (s[2] == 't' || s[2] == 'T') && is_space(s[3]) &&
	    head_word_at(s + 4))
		return 4;
	return 0;
}

/* s[0..n) trimmed, runs of white space made one space. */
static char *clean_name(const char *s, size_t n)
{
	struct strbuf sb = {0};
	size_t i;
	int space = 0;

	for (i = 0; i < n; i++) {
		if (is_space(s[i])) {
			space = 1;
			continue;
		}
		if (space && sb.len)
			sb_append_c(&sb, ' ');
		space = 0;
		sb_append_c(&sb, s[i]);
	}
	if (!sb.len)
		sb_append(&sb, "");
	return sb_steal(&sb);
}

char *pilot_key(const char *name)
{
	return text_fold(name);
}

void pilots_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int pilots_split(const char *pilots, char ***out, size_t *n_out)
{
	char **v = NULL, *name, *key;
	size_t n = 0, start = 0, i = 0, k, sep;
	int dup;

	*out = NULL;
	*n_out = 0;
	if (!pilots)
		return 0;
	for (;;) {
		sep = pilots[i] ? sep_at(pilots + i) : 0;
		if (pilots[i] && !sep) {
			i++;
			continue;
		}
		if (!(name = clean_name(pilots + start, i - start)))
			goto nomem;
		if (!*name || !(key = pilot_key(name))) {
			int empty = !*name;

			free(name);
			if (!empty)
				goto nomem;
		} else {
			for (dup = 0, k = 0; k < n && !dup; k++) {
				char *o = pilot_key(v[k]);

				dup = o && strcmp(o, key) == 0;
				free(o);
			}
			free(key);
			if (dup) {
				free(name);
			} else {
				char **nv = realloc(v, (n + 1) * sizeof *v);

				if (!nv) {
					free(name);
					goto nomem;
				}
				v = nv;
				v[n++] = name;
			}
		}
		if (!pilots[i])
			break;
		i += sep;
		start = i;
	}
	*out = v;
	*n_out = n;
	return 0;
nomem:
	pilots_free(v, n);
	return ERR_NOMEM;
}

int pilots_has(const char *pilots, const char *key)
{
	char **v;
	size_t n, i;
	int r = 0;

	if (!key || pilots_split(pilots, &v, &n))
		return 0;
	for (i = 0; i < n && !r; i++) {
		char *k = pilot_key(v[i]);

		r = k && strcmp(k, key) == 0;
		free(k);
	}
	pilots_free(v, n);
	return r;
}
