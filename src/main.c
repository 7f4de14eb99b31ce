/*
 * main.c - entry point: hands argv to the command line, which opens the
 * base and, without a command, hands it to the interface (run_tui).
 */
#include <signal.h>
#include <string.h>

#include "cli.h"
#include "tui.h"
#include "util.h"

static int run_tui(const struct cli_interface *c)
{
	struct tui_opts o;

	memset(&o, 0, sizeof o);
	o.store = c->store;
	o.mandate_id = c->mandate_id;
	o.readonly = c->readonly;
	o.data_dir = c->data_dir;
	return tui_run(&o);
}

int main(int argc, char **argv)
{
	/* The user's locale for characters; numbers stay "C" (frfmt.c). */
	locale_setup();
	/* A file-size limit must surface as a write error ("disque plein"),
	 * not kill the process in the middle of a transaction. */
	signal(SIGXFSZ, SIG_IGN);
	return cli_run(argc, argv, run_tui);
}
