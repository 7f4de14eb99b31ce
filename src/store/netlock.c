/*
 * netlock.c - the lock file of a base on a network file system (see
 * netlock.h). Every step is one atomic operation of the file server:
 * creating the file with O_CREAT|O_EXCL takes the lock; a stale lock is
 * renamed aside under a name of our own, checked to be the very file
 * judged stale (else put back), removed, and the lock created anew.
 * Times are the real clock (never $SUIVI_NOW): a lock is about now.
 *
 * Owns the open descriptor of a held lock. Never talks to the user.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netlock.h"
#include "util.h"

const char *netlock_hostname(void)
{
	static char name[128];
	const char *v = getenv("SUIVI_MACHINE");

	if (v && *v)
		return v;
	if (!name[0] && (gethostname(name, sizeof name - 1) != 0 || !name[0]))
		snprintf(name, sizeof name, "?");
	return name;
}

int netlock_format(const struct netlock_holder *h, char *buf, size_t n)
{
	int k = snprintf(buf, n, "suivi : verrou de la base, pris pour une "
	    "transaction\nutilisateur=%s\nmachine=%s\nprocessus=%ld\n"
	    "depuis=%lld\njeton=%s\n", h->user, h->host, h->pid,
	    (long long)h->since, h->token);

	return k < 0 || (size_t)k >= n ? -1 : k;
}

static void copy_value(char *dst, size_t n, const char *v, const char *eol)
{
	size_t k = (size_t)(eol - v);

	if (k >= n)
		k = n - 1;
	memcpy(dst, v, k);
	dst[k] = '\0';
}

int netlock_parse(const char *text, struct netlock_holder *h)
{
	const char *line = text;

	memset(h, 0, sizeof *h);
	while (line && *line) {
		const char *eol = strchr(line, '\n'), *eq;

		if (!eol)
			eol = line + strlen(line);
		eq = memchr(line, '=', (size_t)(eol - line));
		if (eq) {
			size_t kl = (size_t)(eq - line);
			const char *v = eq + 1;

			if (kl == 11 && !strncmp(line, "utilisateur", kl))
				copy_value(h->user, sizeof h->user, v, eol);
			else if (kl == 7 && !strncmp(line, "machine", kl))
				copy_value(h->host, sizeof h->host, v, eol);
			else if (kl == 9 && !strncmp(line, "processus", kl))
				h->pid = strtol(v, NULL, 10);
			else if (kl == 6 && !strncmp(line, "depuis", kl))
				h->since = strtoll(v, NULL, 10);
			else if (kl == 5 && !strncmp(line, "jeton", kl))
				copy_value(h->token, sizeof h->token, v, eol);
		}
		line = *eol ? eol + 1 : eol;
	}
	return h->user[0] && h->host[0] && h->pid > 0 ? 0 : -1;
}

int netlock_is_stale(const struct netlock_holder *h, int64_t mtime,
    int64_t now, const char *myhost)
{
	if (h->host[0] && myhost && strcmp(h->host, myhost) == 0 &&
	    h->pid > 0)
		return kill((pid_t)h->pid, 0) != 0 && errno == ESRCH;
	/* Another machine (or a file that names nobody): only its age
	 * tells. The file server sets mtime; clocks are assumed in step
	 * within a minute or so. */
	return now - mtime > NETLOCK_STALE_S;
}

void netlock_describe(const struct netlock_holder *h, int64_t now,
    char *buf, size_t n)
{
	char when[64] = "";

	if (h->since > 0) {
		time_t t = (time_t)h->since, tn = (time_t)now;
		struct tm tm, tmn;

		localtime_r(&t, &tm);
		localtime_r(&tn, &tmn);
		if (tm.tm_year == tmn.tm_year && tm.tm_yday == tmn.tm_yday)
			strftime(when, sizeof when, " depuis %H:%M", &tm);
		else
			strftime(when, sizeof when, " depuis le %d/%m/%Y à %H:%M",
			    &tm);
	}
	if (!h->user[0])
		snprintf(buf, n, "un autre poste (verrou en cours d'écriture)");
	else
		snprintf(buf, n, "%s sur %s (processus %ld)%s", h->user,
		    h->host, h->pid, when);
}

int netlock_init(struct netlock *l, const char *db_path, struct err *e)
{
	struct strbuf sb = {0};

	memset(l, 0, sizeof *l);
	l->fd = -1;
	if (sb_printf(&sb, "%s%s", db_path, NETLOCK_SUFFIX) ||
	    !(l->path = sb_steal(&sb))) {
		sb_free(&sb);
		return err_nomem(e);
	}
	return 0;
}

void netlock_fini(struct netlock *l)
{
	netlock_release(l);
	free(l->path);
	l->path = NULL;
}

int netlock_held(const struct netlock *l)
{
	return l->fd >= 0;
}

/* Reads a lock file: 0 with its holder and mtime; -1 with errno
 * (ENOENT: gone meanwhile). A file that names nobody yet gives an
 * empty holder. */
static int read_lock(const char *path, struct netlock_holder *h,
    int64_t *mtime)
{
	char buf[1024];
	struct stat st;
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	memset(h, 0, sizeof *h);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || (k = read(fd, buf, sizeof buf - 1)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	buf[k] = '\0';
	netlock_parse(buf, h);
	*mtime = (int64_t)st.st_mtime;
	return 0;
}

/* read_lock, read again a moment later when the file names nobody yet
 * (its holder is between creating and writing it). */
static int read_lock_named(const char *path, struct netlock_holder *h,
    int64_t *mtime)
{
	int rc = read_lock(path, h, mtime);

	if (rc == 0 && !h->user[0]) {
		struct timespec ts = { 0, 20 * 1000 * 1000 };

		nanosleep(&ts, NULL);
		rc = read_lock(path, h, mtime);
	}
	return rc;
}

/* 1 when the folder of path cannot be written (we cannot take a lock). */
static int dir_readonly(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int ro;

	if (!slash)
		return access(".", W_OK) != 0;
	if (!(dir = strndup(path, slash > path ? (size_t)(slash - path) : 1)))
		return 0;
	ro = access(dir, W_OK) != 0;
	free(dir);
	return ro;
}

static void new_token(struct netlock_holder *h)
{
	static unsigned counter;
	struct timespec ts;
	unsigned v;

	clock_gettime(CLOCK_REALTIME, &ts);
	v = (unsigned)ts.tv_nsec ^ ((unsigned)getpid() << 16) ^ ++counter;
	snprintf(h->token, sizeof h->token, "%lx-%lx-%x",
	    (unsigned long)ts.tv_sec, (unsigned long)getpid(), v);
}

/* O_CREAT|O_EXCL, then our text. 0, or -1 with errno (EEXIST: taken). */
static int create_lock(struct netlock *l)
{
	char text[512];
	int fd, k;

	l->me.pid = (long)getpid();
	l->me.since = (int64_t)time(NULL);
	snprintf(l->me.user, sizeof l->me.user, "%s", user_login());
	snprintf(l->me.host, sizeof l->me.host, "%s", netlock_hostname());
	new_token(&l->me);
	k = netlock_format(&l->me, text, sizeof text);
	fd = open(l->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0664);
	if (fd < 0)
		return -1;
	if (k < 0 || write(fd, text, (size_t)k) != k) {
		int saved = errno ? errno : EIO;

		close(fd);
		unlink(l->path);
		errno = saved;
		return -1;
	}
	l->fd = fd;
	l->touched = l->me.since;
	return 0;
}

/* Moves the stale lock aside and checks it is the one judged stale: a
 * fresh lock taken meanwhile by someone else is put back. 1 when the
 * stale one is gone, 0 when it could not be told. */
static int remove_stale(struct netlock *l, const struct netlock_holder *old)
{
	struct strbuf aside = {0};
	struct netlock_holder h;
	int64_t mtime;
	int gone = 0;

	if (sb_printf(&aside, "%s.perime.%s.%ld", l->path, netlock_hostname(),
	    (long)getpid()))
		goto out;
	if (rename(l->path, sb_str(&aside)) != 0)
		goto out;
	if (read_lock(sb_str(&aside), &h, &mtime) == 0 &&
	    strcmp(h.token, old->token) == 0 && h.pid == old->pid &&
	    strcmp(h.host, old->host) == 0) {
		unlink(sb_str(&aside));
		gone = 1;
	} else if (access(l->path, F_OK) != 0) {
		rename(sb_str(&aside), l->path);
	} else {
		unlink(sb_str(&aside));
	}
out:
	sb_free(&aside);
	return gone;
}

int netlock_acquire(struct netlock *l, struct netlock_holder *other,
    int *took_over, struct netlock_holder *stale, struct err *e)
{
	struct netlock_holder h;
	int64_t mtime = 0;

	if (took_over)
		*took_over = 0;
	if (l->fd >= 0)
		return 0;
	if (create_lock(l) == 0)
		return 0;
	if (errno == EROFS || ((errno == EACCES || errno == EPERM) &&
	    dir_readonly(l->path))) {
		/* A folder we may only read: we cannot take the lock, but
		 * we wait while someone holds it. */
		if (read_lock(l->path, &h, &mtime) != 0)
			return errno == ENOENT ? 1 : err_set(e, ERR_IO,
			    "%s : lecture du verrou impossible (%s)", l->path,
			    err_fr_errno(errno));
		if (netlock_is_stale(&h, mtime, (int64_t)time(NULL),
		    netlock_hostname()))
			return 1;
		goto busy;
	}
	/* sshfs says EPERM (SFTP's bare "failure") when the exclusive
	 * creation loses a race: taken, as EEXIST. */
	if (errno != EEXIST && errno != EPERM && errno != EACCES)
		return err_set(e, ERR_IO, "%s : création du verrou impossible "
		    "(%s)", l->path, err_fr_errno(errno));
	if (read_lock_named(l->path, &h, &mtime) != 0) {
		if (errno == ENOENT && create_lock(l) == 0)
			return 0;
		memset(&h, 0, sizeof h);
		goto busy;
	}
	if (!netlock_is_stale(&h, mtime, (int64_t)time(NULL),
	    netlock_hostname()) || !remove_stale(l, &h))
		goto busy;
	if (create_lock(l) != 0) {
		memset(&h, 0, sizeof h);
		read_lock(l->path, &h, &mtime);
		goto busy;
	}
	if (took_over)
		*took_over = 1;
	if (stale)
		*stale = h;
	return 0;
busy:
	if (other)
		*other = h;
	return err_set(e, ERR_LOCKED, "base utilisée par un autre poste");
}

void netlock_refresh(struct netlock *l)
{
	int64_t now;

	if (l->fd < 0)
		return;
	now = (int64_t)time(NULL);
	if (now - l->touched < NETLOCK_REFRESH_S)
		return;
	futimens(l->fd, NULL);
	l->touched = now;
}

void netlock_release(struct netlock *l)
{
	struct netlock_holder h;
	int64_t mtime;

	if (l->fd < 0)
		return;
	close(l->fd);
	l->fd = -1;
	/* Only our own: a lock taken over from us (we were thought gone)
	 * belongs to its new holder. */
	if (read_lock(l->path, &h, &mtime) == 0 &&
	    strcmp(h.token, l->me.token) == 0)
		unlink(l->path);
}
