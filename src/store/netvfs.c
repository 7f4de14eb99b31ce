/*
 * netvfs.c - a VFS over SQLite's "unix-none" (no byte-range locks, which
 * network file systems do not keep across machines) whose database file
 * takes the lock file (netlock.c) when SQLite asks for its first lock of
 * a transaction (SHARED, read or write) and gives it back when SQLite
 * unlocks it completely: one transaction at a time over the whole share,
 * readers included, and nothing held between transactions.
 *
 * - A lock held by someone else is SQLITE_BUSY: SQLite's busy handler
 *   waits and retries (busy timeout); who holds it is kept for the
 *   message (netvfs_holder).
 * - On taking the lock the kernel's cached pages and size of the file
 *   are dropped: another machine may have written it since (sshfs kept
 *   a stale size for a second or two: SQLite then read zeros past it,
 *   "malformed"). Opening the file (FUSE and NFS revalidate on open)
 *   and statx(AT_STATX_FORCE_SYNC) refetch them.
 * - No shared memory (iVersion 1): WAL is impossible, except in
 *   exclusive locking mode, which store_open uses once to leave a WAL
 *   base; no memory mapping either (a file shrunk by another machine
 *   would be a bus error).
 * - The journal files go straight to the unix VFS.
 */
#define _GNU_SOURCE	/* statx */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netlock.h"
#include "netvfs.h"

struct nv_file {
	sqlite3_file base;	/* pMethods: nv_methods */
	sqlite3_file *real;	/* the unix file, allocated after this */
	struct netlock lock;
	int is_main;
	int level;		/* lock level SQLite holds */
	int unheld;		/* read-only folder: going on without it */
	char *path;
	char busy[256];		/* holder when last found busy */
	char stale[256];	/* lock taken over, not yet journaled */
	int took_over;
};

/* The real file follows the struct, aligned for any type. */
#define NV_HEAD ((sizeof(struct nv_file) + 15) & ~(size_t)15)

static sqlite3_vfs nv_vfs;
static sqlite3_vfs *real_vfs;

#define REAL(f) (((struct nv_file *)(f))->real)

static void drop_cache(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return;
#ifdef AT_STATX_FORCE_SYNC
	{
		struct statx sx;

		statx(fd, "", AT_EMPTY_PATH | AT_STATX_FORCE_SYNC,
		    STATX_SIZE | STATX_MTIME, &sx);
	}
#endif
#ifdef POSIX_FADV_DONTNEED
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
#endif
	close(fd);
}

static int nv_close(sqlite3_file *pf)
{
	struct nv_file *f = (struct nv_file *)pf;
	int rc = SQLITE_OK;

	if (f->real->pMethods)
		rc = f->real->pMethods->xClose(f->real);
	if (f->is_main)
		netlock_fini(&f->lock);
	free(f->path);
	f->path = NULL;
	return rc;
}

static int nv_read(sqlite3_file *pf, void *buf, int n, sqlite3_int64 off)
{
	struct nv_file *f = (struct nv_file *)pf;

	if (f->is_main)
		netlock_refresh(&f->lock);
	return f->real->pMethods->xRead(f->real, buf, n, off);
}

static int nv_write(sqlite3_file *pf, const void *buf, int n,
    sqlite3_int64 off)
{
	struct nv_file *f = (struct nv_file *)pf;

	if (f->is_main)
		netlock_refresh(&f->lock);
	return f->real->pMethods->xWrite(f->real, buf, n, off);
}

static int nv_truncate(sqlite3_file *pf, sqlite3_int64 size)
{
	return REAL(pf)->pMethods->xTruncate(REAL(pf), size);
}

static int nv_sync(sqlite3_file *pf, int flags)
{
	return REAL(pf)->pMethods->xSync(REAL(pf), flags);
}

static int nv_file_size(sqlite3_file *pf, sqlite3_int64 *size)
{
	return REAL(pf)->pMethods->xFileSize(REAL(pf), size);
}

static int nv_lock(sqlite3_file *pf, int level)
{
	struct nv_file *f = (struct nv_file *)pf;
	struct netlock_holder other, stale;
	int rc, took = 0;

	if (f->is_main && f->level == SQLITE_LOCK_NONE &&
	    level >= SQLITE_LOCK_SHARED && !netlock_held(&f->lock) &&
	    !f->unheld) {
		int64_t now = (int64_t)time(NULL);

		rc = netlock_acquire(&f->lock, &other, &took, &stale, NULL);
		if (rc == ERR_LOCKED) {
			/* A file caught before its holder wrote it names
			 * nobody: keep the last holder seen. */
			if (other.user[0] || !f->busy[0])
				netlock_describe(&other, now, f->busy,
				    sizeof f->busy);
			return SQLITE_BUSY;
		}
		if (rc < 0)
			return SQLITE_IOERR_LOCK;
		f->unheld = rc == 1;
		if (took) {
			netlock_describe(&stale, now, f->stale,
			    sizeof f->stale);
			f->took_over = 1;
		}
		drop_cache(f->path);
	}
	rc = f->real->pMethods->xLock(f->real, level);
	if (rc == SQLITE_OK)
		f->level = level;
	else if (f->is_main && f->level == SQLITE_LOCK_NONE) {
		netlock_release(&f->lock);
		f->unheld = 0;
	}
	return rc;
}

static int nv_unlock(sqlite3_file *pf, int level)
{
	struct nv_file *f = (struct nv_file *)pf;
	int rc = f->real->pMethods->xUnlock(f->real, level);

	f->level = level;
	if (f->is_main && level == SQLITE_LOCK_NONE) {
		netlock_release(&f->lock);
		f->unheld = 0;
	}
	return rc;
}

static int nv_check_reserved(sqlite3_file *pf, int *out)
{
	return REAL(pf)->pMethods->xCheckReservedLock(REAL(pf), out);
}

static int nv_file_control(sqlite3_file *pf, int op, void *arg)
{
	return REAL(pf)->pMethods->xFileControl(REAL(pf), op, arg);
}

static int nv_sector_size(sqlite3_file *pf)
{
	return REAL(pf)->pMethods->xSectorSize(REAL(pf));
}

static int nv_device_characteristics(sqlite3_file *pf)
{
	return REAL(pf)->pMethods->xDeviceCharacteristics(REAL(pf));
}

static const sqlite3_io_methods nv_methods = {
	1,	/* no shared memory, no memory mapping */
	nv_close, nv_read, nv_write, nv_truncate, nv_sync, nv_file_size,
	nv_lock, nv_unlock, nv_check_reserved, nv_file_control,
	nv_sector_size, nv_device_characteristics,
	NULL, NULL, NULL, NULL, NULL, NULL,
};

static int nv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *pf,
    int flags, int *out_flags)
{
	struct nv_file *f = (struct nv_file *)pf;
	int rc;

	(void)vfs;
	memset(f, 0, sizeof *f);
	f->real = (sqlite3_file *)((char *)pf + NV_HEAD);
	f->is_main = (flags & SQLITE_OPEN_MAIN_DB) && name;
	if (f->is_main) {
		if (!(f->path = strdup(name)) ||
		    netlock_init(&f->lock, name, NULL)) {
			free(f->path);
			return SQLITE_NOMEM;
		}
	}
	rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		if (f->is_main)
			netlock_fini(&f->lock);
		free(f->path);
		f->path = NULL;
		return rc;
	}
	pf->pMethods = &nv_methods;
	return SQLITE_OK;
}

static int nv_delete(sqlite3_vfs *v, const char *name, int sync)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, name, sync);
}

static int nv_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int nv_full_pathname(sqlite3_vfs *v, const char *name, int n,
    char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *nv_dlopen(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return real_vfs->xDlOpen(real_vfs, name);
}

static void nv_dlerror(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	real_vfs->xDlError(real_vfs, n, msg);
}

static void (*nv_dlsym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return real_vfs->xDlSym(real_vfs, h, sym);
}

static void nv_dlclose(sqlite3_vfs *v, void *h)
{
	(void)v;
	real_vfs->xDlClose(real_vfs, h);
}

static int nv_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}

static int nv_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}

static int nv_current_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, out);
}

static int nv_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError(real_vfs, n, out);
}

static int nv_current_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

const char *netvfs_name(void)
{
	if (real_vfs)
		return nv_vfs.zName;
	if (sqlite3_initialize() != SQLITE_OK)
		return NULL;
	real_vfs = sqlite3_vfs_find("unix-none");
	if (!real_vfs || real_vfs->iVersion < 2)
		return real_vfs = NULL, NULL;
	memset(&nv_vfs, 0, sizeof nv_vfs);
	nv_vfs.iVersion = 2;
	nv_vfs.szOsFile = (int)NV_HEAD + real_vfs->szOsFile;
	nv_vfs.mxPathname = real_vfs->mxPathname;
	nv_vfs.zName = "suivi-net";
	nv_vfs.xOpen = nv_open;
	nv_vfs.xDelete = nv_delete;
	nv_vfs.xAccess = nv_access;
	nv_vfs.xFullPathname = nv_full_pathname;
	nv_vfs.xDlOpen = nv_dlopen;
	nv_vfs.xDlError = nv_dlerror;
	nv_vfs.xDlSym = nv_dlsym;
	nv_vfs.xDlClose = nv_dlclose;
	nv_vfs.xRandomness = nv_randomness;
	nv_vfs.xSleep = nv_sleep;
	nv_vfs.xCurrentTime = nv_current_time;
	nv_vfs.xGetLastError = nv_last_error;
	nv_vfs.xCurrentTimeInt64 = nv_current_time64;
	if (sqlite3_vfs_register(&nv_vfs, 0) != SQLITE_OK) {
		real_vfs = NULL;
		return NULL;
	}
	return nv_vfs.zName;
}

static struct nv_file *main_file(sqlite3 *db)
{
	sqlite3_file *pf = NULL;

	if (!db || sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER,
	    &pf) != SQLITE_OK || !pf || pf->pMethods != &nv_methods)
		return NULL;
	return (struct nv_file *)pf;
}

int netvfs_holder(sqlite3 *db, char *buf, size_t n)
{
	struct nv_file *f = main_file(db);

	if (!f || !f->busy[0])
		return 0;
	snprintf(buf, n, "%s", f->busy);
	return 1;
}

int netvfs_take_takeover(sqlite3 *db, char *buf, size_t n)
{
	struct nv_file *f = main_file(db);

	if (!f || !f->took_over)
		return 0;
	snprintf(buf, n, "%s", f->stale);
	f->took_over = 0;
	return 1;
}

void netvfs_refresh(sqlite3 *db)
{
	struct nv_file *f = main_file(db);

	if (f)
		netlock_refresh(&f->lock);
}
