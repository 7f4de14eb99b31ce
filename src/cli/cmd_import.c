/*
 * cmd_import.c - `suivi import` (placeholder until the import module lands).
 */
#include <stdio.h>

#include "cli_priv.h"

int cmd_import(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	fputs("suivi : l'import n'est pas encore disponible dans cette "
	    "version\n", stderr);
	return 1;
}
