/*
 * run.c - runs one command and reports its wall time and the peak
 * resident memory of the child, for the benchmarks (bench/bench.py).
 *
 *   run [-o OUT] [-e ERR] [-i IN] -- COMMAND [ARG...]
 *
 * Prints one line on stdout: "<wall seconds> <peak RSS in KiB> <status>"
 * where status is the exit code, or 128+signal. The child's stdout and
 * stderr go to OUT and ERR (default /dev/null), its stdin comes from IN
 * (default /dev/null). Peak RSS is getrusage(RUSAGE_CHILDREN).ru_maxrss,
 * measured on this one child only since run has no other.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0) {
		perror(path);
		return -1;
	}
	if (dup2(f, fd) < 0)
		return -1;
	close(f);
	return 0;
}

int main(int argc, char **argv)
{
	const char *out = "/dev/null", *err = "/dev/null", *in = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	int i, status;
	pid_t pid;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "run: option %s sans valeur\n", argv[i]);
			return 2;
		}
		if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else if (strcmp(argv[i], "-e") == 0)
			err = argv[++i];
		else if (strcmp(argv[i], "-i") == 0)
			in = argv[++i];
		else {
			fprintf(stderr, "run: option inconnue %s\n", argv[i]);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: run [-o OUT] [-e ERR] [-i IN] -- CMD...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		if (redirect(in, 0, O_RDONLY) || redirect(out, 1,
		    O_WRONLY | O_CREAT | O_TRUNC) || redirect(err, 2,
		    O_WRONLY | O_CREAT | O_TRUNC))
			_exit(127);
		execvp(argv[i], argv + i);
		perror(argv[i]);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%.6f %ld %d\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status));
	return 0;
}
