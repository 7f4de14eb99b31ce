/*
 * fs.h - what kind of file system holds a file: a local disk, or a
 * network / FUSE one (NFS, SMB/CIFS, sshfs, 9p, AFS, Ceph...), where
 * SQLite's WAL (shared memory) and byte-range locks cannot be trusted
 * across machines.
 *
 * Nothing here talks to the user or to the database.
 */
#ifndef SUIVI_FS_H
#define SUIVI_FS_H

#include <stddef.h>

/* The name of a network or FUSE file system whose statfs f_type is
 * magic ("nfs", "cifs", "fuse"...), or NULL for any other. */
const char *fs_magic_name(unsigned long magic);
/* 1 when a /proc/self/mountinfo fstype ("nfs4", "cifs", "fuse.sshfs",
 * "9p"...) is a network or FUSE file system, else 0 (NULL too). */
int fs_type_is_network(const char *fstype);
/* The fstype of the mount holding the absolute path path, read from the
 * text of a /proc/self/mountinfo (the longest mount point that contains
 * path; octal escapes such as \040 decoded). 0 and out filled, or -1
 * when no line matches. */
int fs_mountinfo_type(const char *mountinfo, const char *path, char *out,
    size_t n);
/* 1 when the directory holding file path (which need not exist) is on a
 * network or FUSE file system, with its name in what (may be NULL); 0
 * for a local one or when it cannot be told. $SUIVI_NETFS=1 forces 1
 * (tests and diagnosis). */
int fs_is_network(const char *path, char *what, size_t n);

#endif
