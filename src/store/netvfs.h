/*
 * netvfs.h - the SQLite VFS of bases on a network file system (netvfs.c):
 * every access to the database file, read or write, holds the lock file
 * beside it (netlock.h) for the time of one transaction.
 * Private to src/store/.
 */
#ifndef SUIVI_NETVFS_H
#define SUIVI_NETVFS_H

#include <stddef.h>

#include <sqlite3.h>

/* Registers the VFS (once) and returns its name for sqlite3_open_v2, or
 * NULL when SQLite has no unix VFS to build on. */
const char *netvfs_name(void);
/* Who held the base when it was last found busy ("c.martin sur
 * mairie-pc2 (processus 4242) depuis 17:05"): 1 and buf filled, or 0. */
int netvfs_holder(sqlite3 *db, char *buf, size_t n);
/* 1 once after a stale lock was taken over, with whose it was in buf. */
int netvfs_take_takeover(sqlite3 *db, char *buf, size_t n);
/* Keeps a lock held through a long transaction fresh. */
void netvfs_refresh(sqlite3 *db);

#endif
