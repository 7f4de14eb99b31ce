/*
 * sys.c - clock, login name and whole-file reading (regular files only,
 * their size checked before they are read).
 *
 * $SUIVI_NOW and $SUIVI_USER exist for reproducible tests and for the
 * simulation of several users on one machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

int64_t clock_parse(const char *v)
{
	struct tm tm;
	int y, mo, d, h = 12, mi = 0, sec = 0;

	if (!v || (sscanf(v, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi,
	    &sec) < 3 && sscanf(v, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi,
	    &sec) < 3))
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t clock_now(void)
{
	const char *v = getenv("SUIVI_NOW");
	int64_t t;

	if (v && *v) {
		if ((t = clock_parse(v)))
			return t;
		return (int64_t)strtoll(v, NULL, 10);
	}
	return (int64_t)time(NULL);
}

int clock_year(void)
{
	time_t t = (time_t)clock_now();
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

void clock_format(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

const char *user_login(void)
{
	static char name[64];
	const char *v = getenv("SUIVI_USER");
	struct passwd *pw;

	if (v && *v)
		return v;
	if (name[0])
		return name;
	pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		snprintf(name, sizeof name, "%s", pw->pw_name);
	else if ((v = getenv("USER")) && *v)
		snprintf(name, sizeof name, "%s", v);
	else
		snprintf(name, sizeof name, "?");
	return name;
}

/* What a file that is not a regular one is, for the message. */
static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return " mais un dossier";
	if (S_ISFIFO(m))
		return " mais un tube nommé (FIFO)";
	if (S_ISCHR(m) || S_ISBLK(m))
		return " mais un périphérique";
	if (S_ISSOCK(m))
		return " mais une socket";
	return "";
}

int file_read_all(const char *path, size_t max, char **out, size_t *len,
    struct err *e)
{
	struct strbuf sb = {0};
	char chunk[65536];
	struct stat st;
	size_t n;
	FILE *f;
	int fd, fl;

	/* O_NONBLOCK: opening a FIFO without a writer must not wait. The
	 * type and size are those of the very file read (fstat of its fd),
	 * checked before anything is read. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s : %s", path, err_fr_errno(errno));
	if (fstat(fd, &st) != 0) {
		err_set(e, ERR_IO, "%s : %s", path, err_fr_errno(errno));
		close(fd);
		return ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_INVALID, "%s n'est pas un fichier "
		    "ordinaire%s : rien n'y a été lu", path,
		    file_kind(st.st_mode));
	}
	if ((uintmax_t)st.st_size > max) {
		close(fd);
		return err_set(e, ERR_INVALID, "%s : fichier trop volumineux "
		    "(%jd Mo ; au plus %zu Mo)", path,
		    (intmax_t)(st.st_size >> 20), max >> 20);
	}
	if ((fl = fcntl(fd, F_GETFL)) != -1)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	if (!(f = fdopen(fd, "rb"))) {
		close(fd);
		return err_nomem(e);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (sb.len + n > max) {
			fclose(f);
			sb_free(&sb);
			return err_set(e, ERR_INVALID,
			    "%s : fichier trop volumineux (plus de %zu Mo)",
			    path, max >> 20);
		}
		if (sb_append_n(&sb, chunk, n)) {
			fclose(f);
			sb_free(&sb);
			return err_nomem(e);
		}
	}
	if (ferror(f)) {
		int err = errno;

		fclose(f);
		sb_free(&sb);
		return err_set(e, ERR_IO, "%s : erreur de lecture (%s)", path,
		    err_fr_errno(err));
	}
	fclose(f);
	*len = sb.len;
	*out = sb_steal(&sb);
	return *out ? 0 : err_nomem(e);
}
