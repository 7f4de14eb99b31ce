/*
 * fs.c - tells a network or FUSE file system from a local disk, by the
 * statfs magic of the directory, then by the fstype of its line in
 * /proc/self/mountinfo (which also names FUSE file systems: fuse.sshfs).
 *
 * Any FUSE file system counts as network: sshfs, rclone, gvfs (the SMB
 * shares of a desktop) are; a local one (ntfs-3g) only loses WAL, which
 * costs speed, never data.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>

#include "fs.h"
#include "util.h"

static const struct {
	unsigned long magic;
	const char *name;
} magics[] = {
	{ 0x6969UL, "nfs" },
	{ 0x517BUL, "smb" },
	{ 0xFF534D42UL, "cifs" },
	{ 0xFE534D42UL, "smb2" },
	{ 0x65735546UL, "fuse" },
	{ 0x01021997UL, "9p" },
	{ 0x5346414FUL, "afs" },
	{ 0x6B414653UL, "afs" },
	{ 0x00C36400UL, "ceph" },
	{ 0x0BD00BD0UL, "lustre" },
	{ 0x01161970UL, "gfs2" },
	{ 0x7461636FUL, "ocfs2" },
	{ 0x73757245UL, "coda" },
	{ 0x564CUL, "ncp" },
	{ 0x20030528UL, "orangefs" },
	{ 0x47504653UL, "gpfs" },
	{ 0x786F4256UL, "vboxsf" },
};

static const char *const net_types[] = {
	"nfs", "nfs4", "smb", "smbfs", "smb3", "cifs", "9p", "afs", "ceph",
	"lustre", "gfs2", "ocfs2", "coda", "ncpfs", "glusterfs", "orangefs",
	"gpfs", "vboxsf", "davfs", "sshfs", "fuse", "fuseblk",
};

const char *fs_magic_name(unsigned long magic)
{
	size_t i;

	for (i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (magics[i].magic == (magic & 0xFFFFFFFFUL))
			return magics[i].name;
	return NULL;
}

int fs_type_is_network(const char *fstype)
{
	size_t i;

	if (!fstype || !*fstype)
		return 0;
	if (strncmp(fstype, "fuse.", 5) == 0)
		return 1;
	for (i = 0; i < sizeof net_types / sizeof net_types[0]; i++)
		if (strcmp(fstype, net_types[i]) == 0)
			return 1;
	return 0;
}

/* Copies the n-th space-separated field of line (up to its end eol),
 * decoding the \ooo escapes of mountinfo. */
static int field(const char *line, const char *eol, int nth, char *out,
    size_t n)
{
	const char *p = line;
	size_t k = 0;
	int i;

	for (i = 0; i < nth; i++) {
		while (p < eol && *p != ' ')
			p++;
		if (p >= eol)
			return -1;
		p++;
	}
	while (p < eol && *p != ' ' && k + 1 < n) {
		if (p[0] == '\\' && eol - p >= 4 && p[1] >= '0' && p[1] <= '3' &&
		    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
			out[k++] = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 +
			    (p[3] - '0'));
			p += 4;
		} else {
			out[k++] = *p++;
		}
	}
	out[k] = '\0';
	return 0;
}

/* 1 when mount point mp contains path. */
static int contains(const char *mp, const char *path)
{
	size_t l = strlen(mp);

	if (strcmp(mp, "/") == 0)
		return path[0] == '/';
	return strncmp(mp, path, l) == 0 && (path[l] == '/' || path[l] == '\0');
}

int fs_mountinfo_type(const char *mountinfo, const char *path, char *out,
    size_t n)
{
	const char *line = mountinfo;
	size_t best = 0;
	int found = -1;

	if (!mountinfo || !path || !out || !n)
		return -1;
	while (*line) {
		const char *eol = strchr(line, '\n'), *sep;
		char mp[PATH_MAX], type[64];

		if (!eol)
			eol = line + strlen(line);
		/* Optional fields end at " - ", then fstype. */
		sep = strstr(line, " - ");
		if (sep && sep < eol && field(line, eol, 4, mp, sizeof mp) == 0 &&
		    field(sep + 3, eol, 0, type, sizeof type) == 0 &&
		    contains(mp, path) && strlen(mp) >= best) {
			best = strlen(mp);
			snprintf(out, n, "%s", type);
			found = 0;
		}
		line = *eol ? eol + 1 : eol;
	}
	return found;
}

/* The absolute, resolved directory of path. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *real;

	if (!slash)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return NULL;
	real = realpath(dir, NULL);
	free(dir);
	return real;
}

int fs_is_network(const char *path, char *what, size_t n)
{
	const char *v = getenv("SUIVI_NETFS"), *name;
	char type[64], *dir, *info = NULL;
	struct statfs sf;
	size_t len;
	int net = 0;

	if (what && n)
		what[0] = '\0';
	if (v && strcmp(v, "1") == 0) {
		if (what)
			snprintf(what, n, "SUIVI_NETFS");
		return 1;
	}
	if (!path || !(dir = dir_of(path)))
		return 0;
	if (statfs(dir, &sf) == 0 &&
	    (name = fs_magic_name((unsigned long)sf.f_type))) {
		if (what)
			snprintf(what, n, "%s", name);
		net = 1;
	}
	if (file_read_all("/proc/self/mountinfo", 1 << 22, &info, &len,
	    NULL) == 0 && fs_mountinfo_type(info, dir, type, sizeof type) == 0 &&
	    fs_type_is_network(type)) {
		if (what)
			snprintf(what, n, "%s", type);
		net = 1;
	}
	free(info);
	free(dir);
	return net;
}
