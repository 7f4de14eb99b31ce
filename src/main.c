/*
 * main.c - entry point: hands argv to the command line or the interface.
 */
#include <locale.h>
#include <signal.h>

#include "cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* A file-size limit must surface as a write error ("disque plein"),
	 * not kill the process in the middle of a transaction. */
	signal(SIGXFSZ, SIG_IGN);
	return cli_run(argc, argv);
}
