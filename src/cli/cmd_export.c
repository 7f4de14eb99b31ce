/*
 * cmd_export.c - `suivi export` (placeholder until the export module lands).
 */
#include <stdio.h>

#include "cli_priv.h"

int cmd_export(struct cli *c, int argc, char **argv)
{
	(void)c;
	(void)argc;
	(void)argv;
	fputs("suivi : l'export n'est pas encore disponible dans cette "
	    "version\n", stderr);
	return 1;
}
