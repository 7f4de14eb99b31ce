/*
 * base.c - where the base and the data are, opening a base, backups and
 * referentials: what every command and the interface start from.
 *
 * The base is --db, else $SUIVI_DB (both the caller's), else
 * $XDG_DATA_HOME/suivi/suivi.db (ops_default_db_path); the data
 * directory (referentials, demo) is $SUIVI_DATA, else data/ next to the
 * executable, else the installed one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops.h"
#include "store.h"

#ifndef SUIVI_DATADIR
#define SUIVI_DATADIR "/usr/local/share/suivi"
#endif

static int dir_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *ops_data_dir(void)
{
	static char buf[4096];
	const char *v = getenv("SUIVI_DATA");
	ssize_t n;
	char *slash;

	if (v && *v)
		return v;
	/* Run from a checkout: data/ next to the executable. */
	n = readlink("/proc/self/exe", buf, sizeof buf - 16);
	if (n > 0) {
		buf[n] = '\0';
		if ((slash = strrchr(buf, '/'))) {
			snprintf(slash, sizeof buf - (size_t)(slash - buf), "/data");
			if (dir_exists(buf))
				return buf;
		}
	}
	return SUIVI_DATADIR;
}

static int mkdirs(const char *dir)
{
	char buf[4096];
	char *p;

	snprintf(buf, sizeof buf, "%s", dir);
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

char *ops_default_db_path(const char *file)
{
	struct strbuf sb = {0};
	const char *x = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (x && *x)
		sb_printf(&sb, "%s/suivi", x);
	else
		sb_printf(&sb, "%s/.local/share/suivi", home ? home : ".");
	mkdirs(sb_str(&sb));
	sb_printf(&sb, "/%s", file);
	return sb_steal(&sb);
}

int ops_open(const char *path, int flags, const char *label,
    int modify_archive, struct store **store, struct mandate *m,
    int *readonly, struct err *e)
{
	int rc;

	if (!*store) {
		int sflags = (flags & OPS_CREATE) ? STORE_CREATE : 0;

		if (flags & OPS_READ_ONLY)
			sflags |= STORE_READONLY;
		if ((rc = store_open(path, sflags, store, e)))
			return rc;
	}
	if (flags & OPS_NO_MANDATE)
		return 0;
	if ((flags & OPS_WRITE) && store_readonly(*store))
		return err_set(e, ERR_READONLY, "la base %s est en lecture "
		    "seule (droits du fichier ou du dossier) : modification "
		    "impossible", path);
	if (!m->label) {
		if (label)
			rc = store_find_mandate(*store, label, m, e);
		else
			rc = store_active_mandate(*store, m, e);
		if (rc)
			return rc;
	}
	*readonly = m->archived && !modify_archive;
	if ((flags & OPS_WRITE) && *readonly)
		return err_set(e, ERR_READONLY, "le mandat %s est archivé : il "
		    "est en lecture seule (ajoutez --modifier-archive pour le "
		    "modifier quand même)", m->label);
	return 0;
}

int ops_backup(struct store *s, const char *kind, char **dest,
    struct err *e)
{
	return store_backup_beside(s, kind, dest, e);
}

int ops_referential_load(const char *data_dir, const char *label,
    const char *path, struct referential **out, struct err *e)
{
	struct strbuf sb = {0};
	int rc;

	if (!path) {
		sb_printf(&sb, "%s/referentiels/vae-%s.txt", data_dir, label);
		path = sb_str(&sb);
	}
	rc = referential_load_file(path, out, e);
	sb_free(&sb);
	return rc;
}
