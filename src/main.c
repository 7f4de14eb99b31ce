/*
 * main.c - entry point: hands argv to the command line or the interface.
 */
#include <signal.h>

#include "cli.h"
#include "util.h"

int main(int argc, char **argv)
{
	/* The user's locale for characters; numbers stay "C" (frfmt.c). */
	locale_setup();
	/* A file-size limit must surface as a write error ("disque plein"),
	 * not kill the process in the middle of a transaction. */
	signal(SIGXFSZ, SIG_IGN);
	return cli_run(argc, argv);
}
