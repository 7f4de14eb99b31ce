/*
 * ptydrive.c - drives a full-screen program through a pseudo-terminal and
 * times how long it takes to draw: the first screen, then each key.
 *
 *   ptydrive [-r ROWS] [-c COLS] [-q QUIET_MS] [-t TIMEOUT_MS] SCRIPT
 *            -- COMMAND [ARG...]
 *
 * The script has one command per line:
 *   start MARKER       wait for MARKER in the output, then for the output
 *                      to go quiet; prints "start <ms>" (spawn to the last
 *                      byte of the first screen)
 *   key LABEL KEYS     writes KEYS, waits for output then quiet (and for
 *                      the marker of the last "until", if any); prints
 *                      "LABEL <ms>" from the write to the last byte drawn
 *   send KEYS          the same, untimed (setting up the next key)
 *   until MARKER       the next key or send also waits for MARKER
 *   quit KEYS          writes KEYS and waits for the program to exit
 * KEYS understands \r \n \t \e (Escape) \\ and \xHH. A quiet period is
 * QUIET_MS (default 25) without a byte; its own length is not counted:
 * the time reported is that of the last byte read. "timeout" is printed
 * when nothing (or not the marker) comes within TIMEOUT_MS (default
 * 10000). At the end: "rss <KiB>" (peak resident memory of the program)
 * and "status <code>".
 *
 * Not tmux polling: bytes are read as the program writes them, with a
 * monotonic clock, so the figures hold down to a fraction of a millisecond.
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int quiet_ms = 25, timeout_ms = 10000;
static int master = -1;
static pid_t child;

/* Rolling window of recent output, to find markers split across reads. */
static char window[1 << 16];
static size_t wlen;

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void keep(const char *buf, size_t n)
{
	if (n >= sizeof window) {
		buf += n - sizeof window / 2;
		n = sizeof window / 2;
	}
	if (wlen + n > sizeof window) {
		size_t drop = wlen + n - sizeof window;

		memmove(window, window + drop, wlen - drop);
		wlen -= drop;
	}
	memcpy(window + wlen, buf, n);
	wlen += n;
}

static int seen(const char *marker)
{
	size_t m = strlen(marker), i;

	if (!m)
		return 1;
	for (i = 0; i + m <= wlen; i++)
		if (memcmp(window + i, marker, m) == 0)
			return 1;
	return 0;
}

/* Reads until some output came (and marker, when given, was seen), then
 * until QUIET_MS pass without a byte. Returns the time of the last byte,
 * or -1 on timeout or end of output. */
static double settle(double since, const char *marker)
{
	double last = -1, deadline = since + timeout_ms;
	char buf[65536];

	for (;;) {
		struct pollfd p = { master, POLLIN, 0 };
		double t = now_ms(), wait;
		int r;

		if (last >= 0 && (!marker || seen(marker)))
			wait = last + quiet_ms - t;
		else
			wait = deadline - t;
		if (wait <= 0)
			return last >= 0 && (!marker || seen(marker)) ? last : -1;
		r = poll(&p, 1, (int)wait + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		{
			ssize_t n = read(master, buf, sizeof buf);

			if (n <= 0)
				return -1;
			last = now_ms();
			keep(buf, (size_t)n);
		}
	}
}

/* Decodes the escapes of KEYS into out; returns its length. */
static size_t unescape(const char *s, char *out, size_t max)
{
	size_t n = 0;

	for (; *s && n < max; s++) {
		if (*s != '\\' || !s[1]) {
			out[n++] = *s;
			continue;
		}
		s++;
		switch (*s) {
		case 'r': out[n++] = '\r'; break;
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'e': out[n++] = 27; break;
		case 'x': {
			unsigned v = 0;
			int k;

			for (k = 0; k < 2 && s[1]; k++) {
				char c = *++s;

				v = v * 16 + (unsigned)(c <= '9' ? c - '0' :
				    (c | 32) - 'a' + 10);
			}
			out[n++] = (char)v;
			break;
		}
		default: out[n++] = *s; break;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	struct winsize ws = { 40, 120, 0, 0 };
	char line[4096], until[1024] = "";
	FILE *script;
	double t0;
	int i, status = 0, exited = 0;
	struct rusage ru;

	for (i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--");
	    i += 2) {
		if (i + 1 >= argc)
			return 2;
		switch (argv[i][1]) {
		case 'r': ws.ws_row = (unsigned short)atoi(argv[i + 1]); break;
		case 'c': ws.ws_col = (unsigned short)atoi(argv[i + 1]); break;
		case 'q': quiet_ms = atoi(argv[i + 1]); break;
		case 't': timeout_ms = atoi(argv[i + 1]); break;
		default: return 2;
		}
	}
	if (i + 2 >= argc || strcmp(argv[i + 1], "--")) {
		fprintf(stderr, "usage: ptydrive [-r L] [-c C] [-q MS] [-t MS] "
		    "SCRIPT -- COMMANDE...\n");
		return 2;
	}
	if (!(script = fopen(argv[i], "r"))) {
		perror(argv[i]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("forkpty");
		return 2;
	}
	if (child == 0) {
		execvp(argv[i + 2], argv + i + 2);
		perror(argv[i + 2]);
		_exit(127);
	}
	while (fgets(line, sizeof line, script)) {
		char *cmd = line, *arg, *rest, keys[4096];
		size_t n;
		double sent, last;

		line[strcspn(line, "\n")] = '\0';
		arg = strchr(cmd, ' ');
		if (arg)
			*arg++ = '\0';
		else
			arg = cmd + strlen(cmd);
		if (strcmp(cmd, "start") == 0) {
			last = settle(t0, arg);
			if (last < 0) {
				/* what the program said instead */
				fwrite(window, 1, wlen, stderr);
				printf("start timeout\n");
			}
			else
				printf("start %.3f\n", last - t0);
			fflush(stdout);
			if (last < 0)
				break;
		} else if (strcmp(cmd, "until") == 0) {
			snprintf(until, sizeof until, "%s", arg);
		} else if (strcmp(cmd, "key") == 0 || strcmp(cmd, "send") == 0) {
			int timed = cmd[0] == 'k';

			rest = arg;
			if (timed) {
				rest = strchr(arg, ' ');
				if (!rest)
					continue;
				*rest++ = '\0';
			}
			n = unescape(rest, keys, sizeof keys);
			wlen = 0;
			sent = now_ms();
			if (write(master, keys, n) != (ssize_t)n)
				break;
			last = settle(sent, until[0] ? until : NULL);
			until[0] = '\0';
			if (timed) {
				if (last < 0)
					printf("%s timeout\n", arg);
				else
					printf("%s %.3f\n", arg, last - sent);
			}
		} else if (strcmp(cmd, "quit") == 0) {
			n = unescape(arg, keys, sizeof keys);
			if (write(master, keys, n) < 0)
				break;
			for (int k = 0; k < 200 && !exited; k++) {
				char buf[4096];
				struct pollfd p = { master, POLLIN, 0 };

				if (poll(&p, 1, 10) > 0)
					(void)!read(master, buf, sizeof buf);
				if (waitpid(child, &status, WNOHANG) == child)
					exited = 1;
			}
		}
	}
	fclose(script);
	if (!exited) {
		kill(child, SIGTERM);
		for (int k = 0; k < 100 && !exited; k++) {
			char buf[4096];

			if (read(master, buf, sizeof buf) <= 0)
				usleep(10000);
			if (waitpid(child, &status, WNOHANG) == child)
				exited = 1;
		}
		if (!exited) {
			kill(child, SIGKILL);
			waitpid(child, &status, 0);
		}
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("rss %ld\n", ru.ru_maxrss);
	printf("status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status));
	close(master);
	return 0;
}
