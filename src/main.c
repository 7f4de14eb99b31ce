/*
 * main.c - entry point: hands argv to the command line or the interface.
 */
#include <locale.h>

#include "cli.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_run(argc, argv);
}
