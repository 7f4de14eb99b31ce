/*
 * mail.c - the reminders' e-mails: MIME encoders, the .eml file, and
 * sendmail. See mail.h. Machine formats only: the Date header is
 * RFC 5322's English form whatever the locale.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mail.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_quantum(struct strbuf *sb, const unsigned char *p, size_t n)
{
	unsigned v = (unsigned)p[0] << 16 | (n > 1 ? (unsigned)p[1] << 8 : 0) |
	    (n > 2 ? p[2] : 0);

	sb_append_c(sb, b64[v >> 18 & 63]);
	sb_append_c(sb, b64[v >> 12 & 63]);
	sb_append_c(sb, n > 1 ? b64[v >> 6 & 63] : '=');
	sb_append_c(sb, n > 2 ? b64[v & 63] : '=');
}

int mail_base64(struct strbuf *sb, const unsigned char *p, size_t n)
{
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		b64_quantum(sb, p + i, n - i < 3 ? n - i : 3);
		if ((col += 4) == 76) {
			sb_append(sb, "\r\n");
			col = 0;
		}
	}
	if (col)
		sb_append(sb, "\r\n");
	return 0;
}

static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < ' ')
			return 0;
	return 1;
}

int mail_header_text(struct strbuf *sb, const char *s)
{
	size_t n, len, chunk;
	int first = 1;

	if (!s)
		s = "";
	if (plain_ascii(s) && !strstr(s, "=?"))
		return sb_append(sb, s);
	len = strlen(s);
	/* 45 bytes give 60 base64 characters: 72 with =?UTF-8?B? and ?= */
	while (len) {
		chunk = len < 45 ? len : 45;
		/* never cut inside a UTF-8 sequence */
		while (chunk < len && chunk > 0 &&
		    ((unsigned char)s[chunk] & 0xc0) == 0x80)
			chunk--;
		if (!first)
			sb_append(sb, "\r\n ");
		first = 0;
		sb_append(sb, "=?UTF-8?B?");
		for (n = 0; n < chunk; n += 3)
			b64_quantum(sb, (const unsigned char *)s + n,
			    chunk - n < 3 ? chunk - n : 3);
		sb_append(sb, "?=");
		s += chunk;
		len -= chunk;
	}
	return 0;
}

int mail_address(struct strbuf *sb, const char *name, const char *addr)
{
	const char *p;

	if (str_empty(name))
		return sb_append(sb, addr);
	if (plain_ascii(name) && !strstr(name, "=?")) {
		sb_append_c(sb, '"');
		for (p = name; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_append_c(sb, '\\');
			sb_append_c(sb, *p);
		}
		sb_append_c(sb, '"');
	} else {
		mail_header_text(sb, name);
	}
	sb_append(sb, " <");
	sb_append(sb, addr);
	return sb_append_c(sb, '>');
}

int mail_qp(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		int enc, w;

		if (c == '\r')
			continue;
		if (c == '\n') {
			sb_append(sb, "\r\n");
			col = 0;
			continue;
		}
		/* a space or tab ending a line is encoded, as '=' and
		 * anything outside printable ASCII */
		enc = c == '=' || c > 126 || (c < 32 && c != '\t') ||
		    ((c == ' ' || c == '\t') && (s[1] == '\n' || s[1] == '\r' ||
		    !s[1]));
		w = enc ? 3 : 1;
		if (col + (size_t)w > 75) {
			sb_append(sb, "=\r\n");
			col = 0;
		}
		if (enc) {
			sb_append_c(sb, '=');
			sb_append_c(sb, hex[c >> 4]);
			sb_append_c(sb, hex[c & 15]);
		} else {
			sb_append_c(sb, (char)c);
		}
		col += (size_t)w;
	}
	return 0;
}

/* RFC 5322 date, in UTC, never localised. */
static void rfc5322_date(int64_t t, char *buf, size_t n)
{
	static const char *const day[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d +0000",
	    day[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int read_all(const char *path, unsigned char **out, size_t *n,
    struct err *e)
{
	struct strbuf sb = {0};
	char buf[65536];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*out = NULL;
	*n = 0;
	if (fd < 0)
		return err_set(e, ERR_IO, "%s : lecture impossible (%s)", path,
		    err_fr_errno(errno));
	while ((r = read(fd, buf, sizeof buf)) > 0)
		sb_append_n(&sb, buf, (size_t)r);
	if (r < 0) {
		int er = errno;

		close(fd);
		sb_free(&sb);
		return err_set(e, ERR_IO, "%s : lecture impossible (%s)", path,
		    err_fr_errno(er));
	}
	close(fd);
	*n = sb.len;
	*out = (unsigned char *)sb_steal(&sb);
	return 0;
}

/* RFC 2231 filename*=UTF-8''percent-encoded */
static void param_2231(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	sb_append(sb, "UTF-8''");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			sb_append_c(sb, (char)c);
		} else {
			sb_append_c(sb, '%');
			sb_append_c(sb, hex[c >> 4]);
			sb_append_c(sb, hex[c & 15]);
		}
	}
}

int mail_compose(const struct mail *m, struct strbuf *out, struct err *e)
{
	unsigned char *att = NULL;
	size_t natt = 0;
	char date[64], boundary[96];
	const char *dom;
	unsigned long h = 5381;
	const char *p;

	if (m->attach_path && read_all(m->attach_path, &att, &natt, e))
		return e->code;
	for (p = m->id_seed ? m->id_seed : ""; *p; p++)
		h = h * 33 + (unsigned char)*p;
	rfc5322_date(m->date, date, sizeof date);
	snprintf(boundary, sizeof boundary, "=_suivi_%lld_%lx",
	    (long long)m->date, h);
	dom = m->from_addr && strchr(m->from_addr, '@') ?
	    strchr(m->from_addr, '@') + 1 : "suivi.invalid";
	if (m->from_addr) {
		sb_append(out, "From: ");
		mail_address(out, m->from_name, m->from_addr);
		sb_append(out, "\r\nReply-To: ");
		mail_address(out, m->from_name, m->from_addr);
		sb_append(out, "\r\n");
	}
	if (m->to_addr) {
		sb_append(out, "To: ");
		mail_address(out, m->to_name, m->to_addr);
		sb_append(out, "\r\n");
	}
	sb_append(out, "Subject: ");
	mail_header_text(out, m->subject);
	sb_printf(out, "\r\nDate: %s\r\n", date);
	sb_printf(out, "Message-ID: <suivi.%lld.%lx@%s>\r\n",
	    (long long)m->date, h, dom);
	sb_append(out, "MIME-Version: 1.0\r\nX-Unsent: 1\r\n");
	sb_printf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n"
	    "\r\nCe message est au format MIME.\r\n", boundary);
	sb_printf(out, "\r\n--%s\r\n", boundary);
	sb_append(out, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_qp(out, m->body ? m->body : "");
	sb_append(out, "\r\n");
	if (att) {
		const char *name = m->attach_name ? m->attach_name :
		    "piece-jointe";

		sb_printf(out, "\r\n--%s\r\nContent-Type: %s;\r\n name*=",
		    boundary, m->attach_type ? m->attach_type :
		    "application/octet-stream");
		param_2231(out, name);
		sb_append(out, "\r\nContent-Transfer-Encoding: base64\r\n"
		    "Content-Disposition: attachment;\r\n filename*=");
		param_2231(out, name);
		sb_append(out, "\r\n\r\n");
		mail_base64(out, att, natt);
	}
	sb_printf(out, "\r\n--%s--\r\n", boundary);
	free(att);
	if (!sb_str(out)[0])
		return err_nomem(e);
	return 0;
}

int mail_write_file(const char *path, const char *data, size_t n,
    struct err *e)
{
	struct strbuf tmp = {0};
	size_t off = 0;
	int fd, er = 0;

	sb_printf(&tmp, "%s.tmp-XXXXXX", path);
	if (!tmp.buf)
		return err_nomem(e);
	if ((fd = mkstemp(tmp.buf)) < 0) {
		er = errno;
		sb_free(&tmp);
		return err_set(e, ERR_IO, "%s : écriture impossible (%s)", path,
		    err_fr_errno(er));
	}
	fchmod(fd, 0644);
	while (off < n) {
		ssize_t w = write(fd, data + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			er = errno;
			break;
		}
		off += (size_t)w;
	}
	if (!er && fsync(fd) != 0)
		er = errno;
	if (close(fd) != 0 && !er)
		er = errno;
	if (!er && rename(tmp.buf, path) != 0)
		er = errno;
	if (er)
		unlink(tmp.buf);
	sb_free(&tmp);
	if (er)
		return err_set(e, ERR_IO, "%s : écriture impossible (%s)", path,
		    err_fr_errno(er));
	return 0;
}

int mail_send(const char *data, size_t n, struct err *e)
{
	const char *prog = getenv("SUIVI_SENDMAIL");
	int fds[2], status, er = 0;
	size_t off = 0;
	pid_t pid;
	void (*old)(int);

	if (!prog || !*prog)
		prog = "/usr/sbin/sendmail";
	if (pipe(fds) != 0)
		return err_set(e, ERR_IO, "envoi impossible (%s)",
		    err_fr_errno(errno));
	if ((pid = fork()) < 0) {
		er = errno;
		close(fds[0]);
		close(fds[1]);
		return err_set(e, ERR_IO, "envoi impossible (%s)",
		    err_fr_errno(er));
	}
	if (pid == 0) {
		char *argv[] = { (char *)prog, (char *)"-t", (char *)"-oi",
			NULL };
		int devnull = open("/dev/null", O_WRONLY);

		dup2(fds[0], STDIN_FILENO);
		/* sendmail's own output must not reach the terminal */
		if (devnull >= 0) {
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		close(fds[0]);
		close(fds[1]);
		execvp(prog, argv);
		_exit(127);
	}
	close(fds[0]);
	old = signal(SIGPIPE, SIG_IGN);
	while (off < n) {
		ssize_t w = write(fds[1], data + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			er = errno;
			break;
		}
		off += (size_t)w;
	}
	close(fds[1]);
	signal(SIGPIPE, old);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, ERR_IO, "envoi par %s : %s", prog,
			    err_fr_errno(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return err_set(e, ERR_IO, "envoi impossible : %s est introuvable "
		    "ou ne peut pas être lancé (réglez $SUIVI_SENDMAIL)", prog);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return err_set(e, ERR_IO, "envoi par %s : échec (statut %d)",
		    prog, WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status));
	if (er)
		return err_set(e, ERR_IO, "envoi par %s : %s", prog,
		    err_fr_errno(er));
	return 0;
}
