/*
 * cli.h - the command line: `suivi COMMANDE ...`.
 */
#ifndef SUIVI_CLI_H
#define SUIVI_CLI_H

/* Runs the command line (argv as given to main). Returns the exit status:
 * 0 success, 1 failure, 2 usage error. Without a command, opens the
 * interface. */
int cli_run(int argc, char **argv);

#endif
