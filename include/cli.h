/*
 * cli.h - the command line: `suivi COMMANDE ...`.
 */
#ifndef SUIVI_CLI_H
#define SUIVI_CLI_H

#include <stddef.h>
#include <stdint.h>


/* What the command line hands to the interface when it has no command
 * (or for `suivi demo`): the base it opened and the mandate to show. */
struct cli_interface {
	struct store *store;	/* open database (borrowed) */
	int64_t mandate_id;	/* mandate to show */
	int readonly;		/* archived mandate or read-only file */
	const char *data_dir;	/* data/ directory (referentials) */
};
/* Runs the interface; returns the exit status. */
typedef int (*cli_interface_fn)(const struct cli_interface *o);

#include "store.h"

/* Runs the command line (argv as given to main). Returns the exit status:
 * 0 success, 1 failure, 2 usage error. Without a command, opens the
 * interface through interface (main.c passes tui_run's adapter, so that
 * the command line never depends on the interface). */
int cli_run(int argc, char **argv, cli_interface_fn interface);

/* ---- The coordinator's campaign (cmd_services.c) ---- */

struct campaign_opts {
	int year;		/* the review being prepared */
	const char *deadline;	/* "YYYY-MM-DD" */
	const char *dir;	/* existing folder for the files */
	int send;		/* also pipe each e-mail to sendmail */
};

struct campaign_report {
	size_t written;		/* .eml files (one per department to chase) */
	size_t sent, failed;	/* with send */
	size_t no_contact;	/* written without a To */
	size_t up_to_date;	/* departments with nothing to update */
	struct strbuf text;	/* French, one line per department */
};

/* For each department with actions to update: its extract (the pilot
 * export) and DIR/<extract name>.eml, both written to a temporary name
 * and renamed; with send, each one with a contact is sent (a failed
 * sending is reported, the others go on). */
int campaign_reminders(struct store *s, const struct mandate *m,
    const struct campaign_opts *o, struct campaign_report *r,
    struct err *e);
void campaign_report_clear(struct campaign_report *r);
/* "JJ/MM/AAAA" (a real date) to "YYYY-MM-DD"; -1 when not one. */
int campaign_parse_date(const char *s, char *iso, size_t n);
/* Three weeks from today, "YYYY-MM-DD". */
void campaign_default_deadline(char *iso, size_t n);

#endif
