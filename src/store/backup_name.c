/*
 * backup_name.c - the names of the database's backups (store.h:
 * store_backup_reserve), for `suivi sauvegarde`, `suivi import` and the
 * interface alike.
 *
 * A name is made unique by creating the file, empty, with O_EXCL: the
 * first to create it owns it, whoever else comes (the same process a
 * second later, another process at once) gets the next counter. Knows
 * nothing of SQLite: store_backup writes the copy over the reserved name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

#define MAX_TRIES 1000

int store_backup_reserve(const char *db_path, const char *kind, char **out,
    struct err *e)
{
	const char *slash = strrchr(db_path, '/');
	const char *dot = strrchr(slash ? slash + 1 : db_path, '.');
	const char *ext = ".db";
	struct strbuf sb = {0};
	time_t t = (time_t)clock_now();
	struct tm tm;
	char stamp[32];
	size_t stem;
	int i, fd;

	/* "x.db" → "x-…db"; a leading dot (".suivi") is not an extension */
	if (dot && dot != (slash ? slash + 1 : db_path) && dot[1]) {
		ext = dot;
		stem = (size_t)(dot - db_path);
	} else {
		stem = strlen(db_path);
	}
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%Hh%Mm%S", &tm);
	for (i = 1; i <= MAX_TRIES; i++) {
		sb_reset(&sb);
		if (sb_append_n(&sb, db_path, stem) ||
		    sb_printf(&sb, "-%s-%s", kind, stamp) ||
		    (i > 1 && sb_printf(&sb, "-%d", i)) ||
		    sb_append(&sb, ext)) {
			sb_free(&sb);
			return err_nomem(e);
		}
		fd = open(sb_str(&sb), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		if (fd >= 0) {
			close(fd);
			*out = sb_steal(&sb);
			return 0;
		}
		if (errno != EEXIST) {
			err_set(e, ERR_IO, "%s : création de la sauvegarde "
			    "impossible (%s)", sb_str(&sb), err_fr_errno(errno));
			sb_free(&sb);
			return ERR_IO;
		}
	}
	err_set(e, ERR_IO, "%s : plus de %d sauvegardes dans la même seconde",
	    db_path, MAX_TRIES);
	sb_free(&sb);
	return ERR_IO;
}

int store_backup_beside(struct store *s, const char *kind, char **dest,
    struct err *e)
{
	char *name = NULL;
	int rc;

	if ((rc = store_backup_reserve(store_path(s), kind, &name, e)))
		return rc;
	if ((rc = store_backup(s, name, e))) {
		unlink(name);
		free(name);
		return rc;
	}
	*dest = name;
	return 0;
}
