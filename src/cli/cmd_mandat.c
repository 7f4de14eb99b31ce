/*
 * cmd_mandat.c - `suivi mandat liste|nouveau|reprendre`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_priv.h"

int cmd_mandat(struct cli *c, int argc, char **argv)
{
	struct mandate *m = NULL;
	struct err e = {0};
	size_t n = 0, i;
	int rc;

	if (argc < 2 || strcmp(argv[1], "liste") != 0)
		return cli_usage("mandat : sous-commande attendue (liste)");
	if ((rc = cli_open(c, CLI_NO_MANDATE)))
		return rc;
	if (store_list_mandates(c->store, &m, &n, &e))
		return cli_fail(&e);
	for (i = 0; i < n; i++) {
		printf("%s  %d-%d  %s\n", m[i].label, m[i].year_first,
		    m[i].year_last, m[i].archived ? "archivé" : "actif");
		mandate_clear(&m[i]);
	}
	free(m);
	return 0;
}
