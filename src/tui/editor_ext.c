/*
 * editor_ext.c - the external editor (Ctrl-E in a text editor): the text
 * goes to a temporary file, curses hands the terminal over (endwin), the
 * user's $VISUAL, $EDITOR, sensible-editor or vi runs on it (fork and
 * execvp, no shell), and the text comes back when it exits cleanly and is
 * UTF-8. Any failure leaves the text as it was and says so on the status
 * line.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tui_priv.h"

/* Splits an $EDITOR value on spaces (no shell: no quoting, no expansion)
 * and appends the file. */
static void exec_editor(const char *cmd, const char *file)
{
	char buf[1024], *argv[32], *p, *save = NULL;
	int n = 0;

	snprintf(buf, sizeof buf, "%s", cmd);
	for (p = strtok_r(buf, " \t", &save); p && n < 30;
	    p = strtok_r(NULL, " \t", &save))
		argv[n++] = p;
	if (!n)
		return;
	argv[n++] = (char *)file;
	argv[n] = NULL;
	execvp(argv[0], argv);
}

int tui_external_edit(struct app *a, struct editor *ed)
{
	char path[] = "/tmp/suivi-XXXXXX";
	const char *tmpdir = getenv("TMPDIR");
	char pbuf[4096];
	char *text = NULL, *out = NULL;
	size_t len = 0;
	struct err e = {0};
	int fd, status = 0, rc = 0, fork_errno;
	pid_t pid;
	struct sigaction ign, old_int;

	if (tmpdir && *tmpdir && strlen(tmpdir) < sizeof pbuf - 20)
		snprintf(pbuf, sizeof pbuf, "%s/suivi-XXXXXX", tmpdir);
	else
		snprintf(pbuf, sizeof pbuf, "%s", path);
	if ((fd = mkstemp(pbuf)) < 0) {
		app_status(a, 1, "Éditeur externe : fichier temporaire "
		    "impossible (%s)", err_fr_errno(errno));
		return ERR_IO;
	}
	text = editor_text(ed);
	if (!text || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		close(fd);
		unlink(pbuf);
		free(text);
		app_status(a, 1, "Éditeur externe : écriture impossible de %s",
		    pbuf);
		return ERR_IO;
	}
	close(fd);
	def_prog_mode();
	endwin();
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	pid = fork();
	fork_errno = errno;
	if (pid == 0) {
		const char *v = getenv("VISUAL"), *ev = getenv("EDITOR");
		int dn;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		/* Give the editor the real terminal back on stderr. */
		if ((dn = open("/dev/tty", O_WRONLY)) >= 0)
			dup2(dn, 2);
		if (v && *v)
			exec_editor(v, pbuf);
		if (ev && *ev)
			exec_editor(ev, pbuf);
		exec_editor("sensible-editor", pbuf);
		exec_editor("vi", pbuf);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	reset_prog_mode();
	clearok(curscr, TRUE);
	if (pid < 0) {
		app_status(a, 1, "Éditeur externe : lancement impossible (%s) ; "
		    "le texte n'a pas changé, rien n'est enregistré",
		    err_fr_errno(fork_errno));
		rc = ERR_IO;
		goto out;
	}
	if (WIFSIGNALED(status)) {
		app_status(a, 1, "Éditeur externe : il s'est arrêté brutalement "
		    "(signal %d) ; le texte n'a pas changé, rien n'est "
		    "enregistré", WTERMSIG(status));
		rc = ERR_IO;
		goto out;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			app_status(a, 1, "Éditeur externe : aucun éditeur trouvé "
			    "(réglez la variable EDITOR) ; le texte n'a pas "
			    "changé");
		else
			app_status(a, 1, "Éditeur externe : il a signalé une "
			    "erreur (code %d) ; le texte n'a pas changé, rien "
			    "n'est enregistré", WIFEXITED(status) ?
			    WEXITSTATUS(status) : -1);
		rc = ERR_IO;
		goto out;
	}
	if (file_read_all(pbuf, MODEL_MAX_TEXT * 4, &out, &len, &e)) {
		app_status(a, 1, "Éditeur externe : %s", e.msg);
		rc = ERR_IO;
		goto out;
	}
	if (!utf8_valid(out, len)) {
		app_status(a, 1, "Éditeur externe : le texte n'est pas en "
		    "UTF-8 ; il n'a pas été repris");
		rc = ERR_INVALID;
		goto out;
	}
	/* Editors add a final newline. */
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	if (strcmp(out, text) != 0) {
		editor_set_text(ed, out);
		ed->modified = 1;
	}
	app_status(a, 0, "Texte repris de l'éditeur externe.");
out:
	unlink(pbuf);
	free(text);
	free(out);
	return rc;
}
