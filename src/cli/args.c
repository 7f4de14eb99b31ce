/*
 * args.c - the generic option parser (cli_args.h): every command's
 * options come from the spec string of its entry in the command table.
 *
 * Pure: no printing; a usage error is an ERR_USAGE naming the option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "util.h"

#define SPEC_MAX 32
#define NAMES_MAX 6
#define NAME_LEN 32

struct spec_opt {
	char names[NAMES_MAX][NAME_LEN];
	int nnames;
	int takes_value;
};

/* Splits spec into its entries; returns their number. */
static int spec_load(const char *spec, struct spec_opt *o)
{
	int n = 0;
	const char *p = spec ? spec : "";

	while (*p && n < SPEC_MAX) {
		struct spec_opt *s = &o[n];
		size_t len;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		memset(s, 0, sizeof *s);
		for (;;) {
			len = strcspn(p, "|= ");
			if (s->nnames < NAMES_MAX && len < NAME_LEN) {
				memcpy(s->names[s->nnames], p, len);
				s->names[s->nnames++][len] = '\0';
			}
			p += len;
			if (*p != '|')
				break;
			p++;
		}
		if (*p == '=') {
			s->takes_value = 1;
			p++;
		}
		n++;
	}
	return n;
}

/* The entry with the name name[0..len) (folded), or -1. */
static int spec_find(const struct spec_opt *o, int n, const char *name,
    size_t len, int is_short)
{
	char buf[NAME_LEN * 4];
	char *f, *g;
	int i, j, found = -1;

	if (len >= sizeof buf)
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (i = 0; i < n; i++)
		for (j = 0; j < o[i].nnames; j++)
			if ((strlen(o[i].names[j]) == 1) == is_short &&
			    strcmp(o[i].names[j], buf) == 0)
				return i;
	if (is_short || !(f = text_fold(buf)))
		return -1;
	for (i = 0; i < n && found < 0; i++)
		for (j = 0; j < o[i].nnames && found < 0; j++) {
			if (strlen(o[i].names[j]) == 1 ||
			    !(g = text_fold(o[i].names[j])))
				continue;
			if (strcmp(f, g) == 0)
				found = i;
			free(g);
		}
	free(f);
	return found;
}

static void unknown(const struct spec_opt *o, int n, const char *arg,
    struct err *e)
{
	const char *names[SPEC_MAX * NAMES_MAX];
	char word[NAME_LEN * 4];
	const char *near, *w = arg;
	size_t k = 0, len = strcspn(arg, "=");
	int i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < o[i].nnames; j++)
			if (strlen(o[i].names[j]) > 1)
				names[k++] = o[i].names[j];
	while (*w == '-')
		w++;
	snprintf(word, sizeof word, "%.*s", (int)(len - (size_t)(w - arg)),
	    w);
	near = arg[1] == '-' ? str_nearest(word, names, k) : NULL;
	if (near)
		err_set(e, ERR_USAGE, "option inconnue : --%s — vouliez-vous "
		    "dire --%s ?", word, near);
	else
		err_set(e, ERR_USAGE, "option inconnue : %.*s", (int)len, arg);
}

static int add_occ(struct cli_args *a, int opt, const char *value)
{
	struct cli_occurrence *p = realloc(a->occ, (a->nocc + 1) * sizeof *p);

	if (!p)
		return -1;
	a->occ = p;
	a->occ[a->nocc].opt = opt;
	a->occ[a->nocc++].value = value;
	return 0;
}

int cli_args_parse(const char *cmd, const char *spec, int max_pos,
    int argc, char **argv, struct cli_args *a, struct err *e)
{
	struct spec_opt o[SPEC_MAX];
	int n = spec_load(spec, o), i, only_pos = 0;

	memset(a, 0, sizeof *a);
	a->cmd = cmd;
	a->spec = spec;
	a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
	if (!a->pos)
		goto nomem;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *name, *eq, *value = NULL;
		size_t len;
		int k, is_short;

		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			if (max_pos >= 0 && a->npos >= max_pos) {
				err_set(e, ERR_USAGE, "argument inattendu « %s »",
				    arg);
				goto fail;
			}
			a->pos[a->npos++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		is_short = arg[1] != '-';
		name = arg + (is_short ? 1 : 2);
		if (is_short) {
			len = 1;
			eq = name[1] ? name + 1 : NULL;
			if (eq && *eq == '=')
				eq++;
		} else {
			len = strcspn(name, "=");
			eq = name[len] == '=' ? name + len + 1 : NULL;
		}
		if ((k = spec_find(o, n, name, len, is_short)) < 0) {
			unknown(o, n, arg, e);
			goto fail;
		}
		if (!o[k].takes_value) {
			if (eq) {
				err_set(e, ERR_USAGE, "option %s%s : n'attend pas "
				    "de valeur", is_short ? "-" : "--",
				    o[k].names[0]);
				goto fail;
			}
		} else if (eq) {
			value = eq;
		} else if (i + 1 < argc && !(argv[i + 1][0] == '-' &&
		    argv[i + 1][1] == '-' && argv[i + 1][2])) {
			value = argv[++i];
		} else {
			err_set(e, ERR_USAGE, "option %s%s : valeur manquante",
			    strlen(o[k].names[0]) == 1 ? "-" : "--",
			    o[k].names[0]);
			goto fail;
		}
		if (add_occ(a, k, value))
			goto nomem;
	}
	return 0;
nomem:
	err_nomem(e);
fail:
	cli_args_free(a);
	return -1;
}

void cli_args_free(struct cli_args *a)
{
	free(a->pos);
	free(a->occ);
	a->pos = NULL;
	a->occ = NULL;
	a->npos = 0;
	a->nocc = 0;
}

static int opt_index(const struct cli_args *a, const char *name)
{
	struct spec_opt o[SPEC_MAX];
	int n = spec_load(a->spec, o), i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < o[i].nnames; j++)
			if (strcmp(o[i].names[j], name) == 0)
				return i;
	return -1;
}

const char *cli_arg(const struct cli_args *a, const char *name)
{
	int k = opt_index(a, name);
	const char *v = NULL;
	size_t i;

	for (i = 0; k >= 0 && i < a->nocc; i++)
		if (a->occ[i].opt == k)
			v = a->occ[i].value;
	return v;
}

int cli_flag(const struct cli_args *a, const char *name)
{
	int k = opt_index(a, name), count = 0;
	size_t i;

	for (i = 0; k >= 0 && i < a->nocc; i++)
		count += a->occ[i].opt == k;
	return count;
}

const char *cli_arg_nth(const struct cli_args *a, const char *name,
    size_t k)
{
	int o = opt_index(a, name);
	size_t i;

	for (i = 0; o >= 0 && i < a->nocc; i++)
		if (a->occ[i].opt == o && k-- == 0)
			return a->occ[i].value;
	return NULL;
}

int cli_last_of(const struct cli_args *a, const char *first,
    const char *second)
{
	int k1 = opt_index(a, first), k2 = opt_index(a, second), last = -1;
	size_t i;

	for (i = 0; i < a->nocc; i++)
		if (a->occ[i].opt == k1)
			last = 1;
		else if (a->occ[i].opt == k2)
			last = 0;
	return last;
}
