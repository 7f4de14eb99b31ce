/*
 * app.c - the terminal interface (placeholder until the interface lands).
 */
#include <stdio.h>

#include "tui.h"

int tui_run(const struct tui_opts *o)
{
	(void)o;
	fputs("suivi : l'interface plein écran n'est pas encore disponible ; "
	    "utilisez « suivi list » (voir « suivi --help »)\n", stderr);
	return 1;
}
