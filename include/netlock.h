/*
 * netlock.h - the lock file beside a base on a network file system
 * ("suivi.db.verrou"), where byte-range locks cannot be trusted across
 * machines: whoever creates it (O_CREAT|O_EXCL) holds the base for one
 * transaction, and its text names the holder (login, machine, process,
 * since when).
 *
 * A lock is stale when its process is gone (same machine) or it has not
 * been refreshed for NETLOCK_STALE_S seconds (another machine); it is then
 * taken over (renamed aside, checked, then created anew). Nothing here
 * talks to the user or to SQLite.
 */
#ifndef SUIVI_NETLOCK_H
#define SUIVI_NETLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define NETLOCK_SUFFIX ".verrou"
#define NETLOCK_STALE_S 120	/* another machine's lock not refreshed */
#define NETLOCK_REFRESH_S 5	/* a holder touches its lock this often */

struct netlock_holder {
	char user[64];
	char host[128];
	long pid;
	int64_t since;		/* epoch seconds; 0: unknown */
	char token[40];		/* tells one taking of the lock from another */
};

struct netlock {
	char *path;		/* the lock file */
	int fd;			/* open while held, else -1 */
	int64_t touched;	/* when we last refreshed it */
	struct netlock_holder me;
};

/* Prepares l for the base db_path (lock file db_path + NETLOCK_SUFFIX),
 * not held. */
int netlock_init(struct netlock *l, const char *db_path, struct err *e);
void netlock_fini(struct netlock *l);
/* Takes the lock: 0 (held; *took_over set to 1 and stale filled when a
 * stale lock was taken over), ERR_LOCKED when someone holds it (other
 * filled, as far as its file tells), ERR_IO; 1 when the folder may
 * only be read and nobody holds the lock (go on without it). Never
 * waits: the caller retries. took_over, stale and other may be NULL. */
int netlock_acquire(struct netlock *l, struct netlock_holder *other,
    int *took_over, struct netlock_holder *stale, struct err *e);
/* Touches the lock file when NETLOCK_REFRESH_S have passed since the
 * last time (a long transaction stays fresh). No-op when not held. */
void netlock_refresh(struct netlock *l);
/* Removes the lock file if it is still ours. No-op when not held. */
void netlock_release(struct netlock *l);
int netlock_held(const struct netlock *l);

/* The text of a lock file, and back (unknown keys ignored). parse fails
 * (-1) when no holder is named (an empty file being written). */
int netlock_format(const struct netlock_holder *h, char *buf, size_t n);
int netlock_parse(const char *text, struct netlock_holder *h);
/* 1 when a lock of holder h whose file was last modified at mtime is
 * stale at now for a process on machine myhost. */
int netlock_is_stale(const struct netlock_holder *h, int64_t mtime,
    int64_t now, const char *myhost);
/* "c.martin sur mairie-pc2 (processus 4242) depuis 17:05" (the day too
 * when it is not today). */
void netlock_describe(const struct netlock_holder *h, int64_t now,
    char *buf, size_t n);
/* This machine's name ($SUIVI_MACHINE, for tests, else gethostname). */
const char *netlock_hostname(void);

#endif
