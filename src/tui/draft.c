/*
 * draft.c - draft files of the long texts being typed in the interface,
 * so that a closed terminal, a SIGHUP/SIGTERM or a window left through
 * the too-small screen loses no typing (a SIGKILL at most the last few
 * seconds: the editor writes every DRAFT_DELAY_S seconds).
 *
 * One file per login, base, action and field, in $XDG_STATE_HOME/suivi
 * (default ~/.local/state/suivi, mode 0700), mode 0600, written to a
 * temporary name, synced, then renamed: a reader sees the old draft or
 * the new one, never half of one. No curses, no database: the editor
 * (dialog.c) decides when to write, draft_ui.c offers drafts back.
 *
 * File format (version 1), header lines "key=value" (values with '%',
 * CR and LF percent-encoded), an empty line, then exactly `length` bytes
 * of text, stored as is:
 *   suivi-brouillon 1
 *   base=/srv/suivi/ville.db
 *   login=c.martin
 *   action=12
 *   ref=2.4
 *   field=description
 *   time=1796400300
 *   length=27
 *
 *   <27 bytes>
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draft.h"

#define DRAFT_MAGIC	"suivi-brouillon 1\n"
#define DRAFT_SUFFIX	".brouillon"
/* Far above what an editor holds (a cell is 32,767 characters). */
#define DRAFT_MAX_BYTES	(16u << 20)

/* French text for the causes a user meets when writing a file. */
static const char *cause(int errnum)
{
	switch (errnum) {
	case ENOSPC: return "disque plein";
#ifdef EDQUOT
	case EDQUOT: return "quota de disque dépassé";
#endif
	case EACCES: case EPERM: return "permission refusée";
	case EROFS: return "système de fichiers en lecture seule";
	case ENOENT: return "dossier introuvable";
	case ENOTDIR: return "un fichier porte le nom d'un dossier du chemin";
	case EIO: return "erreur d'entrée-sortie";
	case ENAMETOOLONG: return "chemin trop long";
	default: return strerror(errnum);
	}
}

void draft_clear(struct draft *d)
{
	if (!d)
		return;
	free(d->base);
	free(d->login);
	free(d->ref);
	free(d->field);
	free(d->text);
	free(d->path);
	memset(d, 0, sizeof *d);
}

/* ---- Names ---- */

int draft_dir(char *buf, size_t n, struct err *e)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int w;

	/* The XDG rule: a relative value is ignored. */
	if (x && x[0] == '/')
		w = snprintf(buf, n, "%s/suivi", x);
	else {
		if (!home || home[0] != '/') {
			struct passwd *pw = getpwuid(getuid());

			home = pw ? pw->pw_dir : NULL;
		}
		if (!home || home[0] != '/')
			return err_set(e, ERR_INVALID, "pas de dossier personnel "
			    "(HOME) pour ranger les brouillons");
		w = snprintf(buf, n, "%s/.local/state/suivi", home);
	}
	if (w < 0 || (size_t)w >= n)
		return err_set(e, ERR_INVALID, "chemin du dossier des "
		    "brouillons trop long");
	return 0;
}

int draft_base(const char *db_path, char *buf, size_t n, struct err *e)
{
	char rp[PATH_MAX], cwd[PATH_MAX];
	int w;

	if (!db_path || !*db_path)
		return err_set(e, ERR_INVALID, "base sans chemin");
	if (realpath(db_path, rp))
		w = snprintf(buf, n, "%s", rp);
	else if (db_path[0] == '/')
		w = snprintf(buf, n, "%s", db_path);
	else if (getcwd(cwd, sizeof cwd))
		w = snprintf(buf, n, "%s/%s", cwd, db_path);
	else
		return err_set(e, ERR_IO, "dossier courant inconnu (%s)",
		    cause(errno));
	if (w < 0 || (size_t)w >= n)
		return err_set(e, ERR_INVALID, "chemin de la base trop long");
	return 0;
}

/* FNV-1a, 64 bits: names the base in a file name of fixed length. */
static uint64_t hash64(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Copies s into out keeping only characters safe in a file name. */
static void name_part(const char *s, char *out, size_t n)
{
	size_t i = 0;

	for (; s && *s && i + 1 < n; s++) {
		unsigned char c = (unsigned char)*s;

		out[i++] = ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_') ? (char)c :
		    '_';
	}
	if (!i && n > 1)
		out[i++] = '_';
	out[i] = '\0';
}

int draft_file_name(const char *base, const char *login, int64_t action_id,
    const char *field, char *buf, size_t n)
{
	char l[64], f[64];
	int w;

	name_part(login, l, sizeof l);
	name_part(field, f, sizeof f);
	w = snprintf(buf, n, "%s-%016llx-%lld-%s" DRAFT_SUFFIX, l,
	    (unsigned long long)hash64(base ? base : ""),
	    (long long)action_id, f);
	return w < 0 || (size_t)w >= n ? ERR_INVALID : 0;
}

/* Prefix shared by every draft of (login, base). */
static int list_prefix(const char *base, const char *login, char *buf,
    size_t n)
{
	char l[64];
	int w;

	name_part(login, l, sizeof l);
	w = snprintf(buf, n, "%s-%016llx-", l,
	    (unsigned long long)hash64(base));
	return w < 0 || (size_t)w >= n ? ERR_INVALID : 0;
}

/* ---- Format ---- */

static int put_value(struct strbuf *sb, const char *key, const char *v)
{
	int rc = sb_printf(sb, "%s=", key);

	for (; !rc && v && *v; v++) {
		if (*v == '%' || *v == '\n' || *v == '\r')
			rc = sb_printf(sb, "%%%02X", (unsigned char)*v);
		else
			rc = sb_append_c(sb, *v);
	}
	return rc ? rc : sb_append_c(sb, '\n');
}

int draft_serialize(const struct draft *d, struct strbuf *sb)
{
	int rc;

	if ((rc = sb_append(sb, DRAFT_MAGIC)) ||
	    (rc = put_value(sb, "base", d->base)) ||
	    (rc = put_value(sb, "login", d->login)) ||
	    (rc = sb_printf(sb, "action=%lld\n", (long long)d->action_id)) ||
	    (rc = put_value(sb, "ref", d->ref)) ||
	    (rc = put_value(sb, "field", d->field)) ||
	    (rc = sb_printf(sb, "time=%lld\n", (long long)d->saved_at)) ||
	    (rc = sb_printf(sb, "length=%zu\n\n", d->text_len)))
		return rc;
	/* sb_append_n with n == 0 may leave the buffer unallocated. */
	return d->text_len ? sb_append_n(sb, d->text ? d->text : "",
	    d->text_len) : 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes the n bytes at s into a new string; NULL when malformed or out
 * of memory (*nomem says which). */
static char *get_value(const char *s, size_t n, int *nomem)
{
	char *out = malloc(n + 1);
	size_t i, k = 0;

	if (!out) {
		*nomem = 1;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0) {
				free(out);
				return NULL;
			}
			out[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[k++] = s[i];
		}
	}
	out[k] = '\0';
	return out;
}

static int parse_int(const char *s, size_t n, long long *v)
{
	char tmp[32], *end;

	if (!n || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	errno = 0;
	*v = strtoll(tmp, &end, 10);
	return errno || *end || (tmp[0] == '-' && n == 1) ? -1 : 0;
}

int draft_parse(const char *buf, size_t len, struct draft *out,
    struct err *e)
{
	struct draft d = {0};
	size_t pos, mlen = strlen(DRAFT_MAGIC);
	long long length = -1, v;
	int nomem = 0, rc;

	if (len < mlen || memcmp(buf, DRAFT_MAGIC, mlen) != 0)
		return err_set(e, ERR_INVALID, "ce n'est pas un brouillon de "
		    "suivi (version inconnue)");
	pos = mlen;
	for (;;) {
		const char *line = buf + pos, *nl, *eq;
		size_t ll, kl;
		char **slot = NULL;

		nl = memchr(line, '\n', len - pos);
		if (!nl) {
			rc = err_set(e, ERR_INVALID, "brouillon tronqué (en-tête "
			    "incomplet)");
			goto fail;
		}
		ll = (size_t)(nl - line);
		pos += ll + 1;
		if (ll == 0)
			break;
		eq = memchr(line, '=', ll);
		if (!eq) {
			rc = err_set(e, ERR_INVALID, "brouillon illisible (ligne "
			    "d'en-tête sans « = »)");
			goto fail;
		}
		kl = (size_t)(eq - line);
		eq++;
#define KEY(k) (kl == sizeof(k) - 1 && memcmp(line, k, kl) == 0)
		if (KEY("base"))
			slot = &d.base;
		else if (KEY("login"))
			slot = &d.login;
		else if (KEY("ref"))
			slot = &d.ref;
		else if (KEY("field"))
			slot = &d.field;
		if (slot) {
			free(*slot);
			if (!(*slot = get_value(eq, ll - kl - 1, &nomem))) {
				rc = nomem ? err_set(e, ERR_NOMEM, "mémoire "
				    "insuffisante") : err_set(e, ERR_INVALID,
				    "brouillon illisible (valeur mal codée)");
				goto fail;
			}
		} else if (KEY("action") || KEY("time") || KEY("length")) {
			if (parse_int(eq, ll - kl - 1, &v) || v < 0) {
				rc = err_set(e, ERR_INVALID, "brouillon illisible "
				    "(nombre invalide)");
				goto fail;
			}
			if (KEY("action"))
				d.action_id = v;
			else if (KEY("time"))
				d.saved_at = v;
			else
				length = v;
		}
		/* Unknown keys: written by a later version, ignored. */
#undef KEY
	}
	if (length < 0 || !d.base || !d.field || d.action_id <= 0) {
		rc = err_set(e, ERR_INVALID, "brouillon incomplet (base, action, "
		    "champ ou longueur manquants)");
		goto fail;
	}
	if ((unsigned long long)length != len - pos) {
		rc = err_set(e, ERR_INVALID, "brouillon tronqué (%zu octets de "
		    "texte au lieu de %lld)", len - pos, length);
		goto fail;
	}
	if (!(d.text = malloc((size_t)length + 1))) {
		rc = err_nomem(e);
		goto fail;
	}
	memcpy(d.text, buf + pos, (size_t)length);
	d.text[length] = '\0';
	d.text_len = (size_t)length;
	*out = d;
	return 0;
fail:
	draft_clear(&d);
	return rc;
}

/* ---- Files ---- */

/* Creates dir and its missing parents (mode 0700), and makes dir itself
 * private even when it existed. */
static int make_dir(const char *dir, struct err *e)
{
	char tmp[PATH_MAX];
	size_t i, n = strlen(dir);
	struct stat st;

	if (n >= sizeof tmp)
		return err_set(e, ERR_INVALID, "chemin trop long : %s", dir);
	memcpy(tmp, dir, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
			return err_set(e, ERR_IO, "dossier des brouillons %s "
			    "impossible à créer : %s", tmp, cause(errno));
		tmp[i] = i < n ? '/' : '\0';
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return err_set(e, ERR_IO, "%s n'est pas un dossier", dir);
	if ((st.st_mode & 07777) != 0700 && st.st_uid == getuid() &&
	    chmod(dir, 0700) != 0)
		return err_set(e, ERR_IO, "dossier des brouillons %s : droits "
		    "impossibles à restreindre (%s)", dir, cause(errno));
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int draft_path(const struct draft_key *k, char *buf, size_t n,
    struct err *e)
{
	char dir[PATH_MAX], name[256];
	int rc, w;

	if ((rc = draft_dir(dir, sizeof dir, e)))
		return rc;
	if (draft_file_name(k->base, user_login(), k->action_id, k->field,
	    name, sizeof name))
		return err_set(e, ERR_INVALID, "nom de brouillon trop long");
	w = snprintf(buf, n, "%s/%s", dir, name);
	if (w < 0 || (size_t)w >= n)
		return err_set(e, ERR_INVALID, "chemin du brouillon trop long");
	return 0;
}

int draft_save(const struct draft_key *k, const char *text, int64_t when,
    struct err *e)
{
	char dir[PATH_MAX], path[PATH_MAX], tmp[PATH_MAX + 32];
	struct draft d = {0};
	struct strbuf sb = {0};
	int fd = -1, rc;

	if ((rc = draft_dir(dir, sizeof dir, e)) ||
	    (rc = draft_path(k, path, sizeof path, e)))
		return rc;
	if ((rc = make_dir(dir, e)))
		return rc;
	d.base = (char *)k->base;
	d.login = (char *)user_login();
	d.action_id = k->action_id;
	d.ref = (char *)k->ref;
	d.field = (char *)k->field;
	d.saved_at = when;
	d.text = (char *)(text ? text : "");
	d.text_len = strlen(d.text);
	if ((rc = draft_serialize(&d, &sb))) {
		rc = err_set(e, rc, "mémoire insuffisante");
		goto out;
	}
	snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
	unlink(tmp);	/* left by an earlier process of the same pid */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "brouillon %s impossible à créer : %s",
		    tmp, cause(errno));
		goto out;
	}
	/* A umask never widens it, but a group-writable one may not apply. */
	if (fchmod(fd, 0600) != 0 || write_all(fd, sb_str(&sb), sb.len) ||
	    fsync(fd) != 0) {
		rc = err_set(e, ERR_IO, "brouillon %s impossible à écrire : %s",
		    tmp, cause(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = err_set(e, ERR_IO, "brouillon %s impossible à écrire : %s",
		    tmp, cause(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		rc = err_set(e, ERR_IO, "brouillon %s impossible à mettre en "
		    "place : %s", path, cause(errno));
		goto out;
	}
	/* The rename itself survives a crash once the directory is synced. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
	sb_free(&sb);
	return rc;
}

int draft_remove(const struct draft_key *k, struct err *e)
{
	char path[PATH_MAX];
	int rc;

	if ((rc = draft_path(k, path, sizeof path, e)))
		return rc;
	if (unlink(path) != 0 && errno != ENOENT)
		return err_set(e, ERR_IO, "brouillon %s impossible à supprimer : "
		    "%s", path, cause(errno));
	return 0;
}

static int by_time(const void *pa, const void *pb)
{
	const struct draft *a = pa, *b = pb;

	if (a->saved_at != b->saved_at)
		return a->saved_at < b->saved_at ? -1 : 1;
	return a->action_id < b->action_id ? -1 : a->action_id > b->action_id;
}

void draft_list_free(struct draft **list, size_t n)
{
	size_t i;

	if (!list || !*list)
		return;
	for (i = 0; i < n; i++)
		draft_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

int draft_list(const char *base, struct draft **out, size_t *n,
    struct err *e)
{
	char dir[PATH_MAX], prefix[128], path[PATH_MAX];
	const char *login = user_login();
	struct draft *list = NULL;
	size_t count = 0, plen, slen = strlen(DRAFT_SUFFIX);
	struct dirent *de;
	DIR *dp;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = draft_dir(dir, sizeof dir, e)))
		return rc;
	if (list_prefix(base, login, prefix, sizeof prefix))
		return err_set(e, ERR_INVALID, "nom de brouillon trop long");
	plen = strlen(prefix);
	if (!(dp = opendir(dir)))
		return errno == ENOENT ? 0 : err_set(e, ERR_IO, "dossier des "
		    "brouillons %s illisible : %s", dir, cause(errno));
	while ((de = readdir(dp))) {
		size_t nl = strlen(de->d_name), len = 0;
		struct draft d = {0};
		struct err ignored = {0};
		char *buf = NULL;
		struct stat st;

		if (nl <= plen + slen || strncmp(de->d_name, prefix, plen) ||
		    strcmp(de->d_name + nl - slen, DRAFT_SUFFIX))
			continue;
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir,
		    de->d_name) >= sizeof path)
			continue;
		/* Only regular files: a FIFO planted here must not hang us. */
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
		    st.st_size > (off_t)DRAFT_MAX_BYTES)
			continue;
		if (file_read_all(path, DRAFT_MAX_BYTES, &buf, &len, &ignored))
			continue;
		rc = draft_parse(buf, len, &d, &ignored);
		free(buf);
		if (rc == ERR_NOMEM) {
			rc = err_set(e, rc, "mémoire insuffisante");
			goto fail;
		}
		/* The hash in the name is not proof: the file says whose. */
		if (rc || strcmp(d.base, base) != 0 || !d.login ||
		    strcmp(d.login, login) != 0) {
			draft_clear(&d);
			continue;
		}
		if (!(d.path = xstrdup(path)) ||
		    array_grow(&list, count, sizeof *list)) {
			draft_clear(&d);
			rc = err_nomem(e);
			goto fail;
		}
		list[count++] = d;
	}
	closedir(dp);
	if (count)
		qsort(list, count, sizeof *list, by_time);
	*out = list;
	*n = count;
	return 0;
fail:
	closedir(dp);
	draft_list_free(&list, count);
	return rc;
}
