/*
 * mail.h - a ready-to-send e-mail as a standard .eml file (RFC 5322,
 * MIME multipart/mixed): UTF-8 text in quoted-printable, headers with
 * non-ASCII words encoded (RFC 2047), one attachment in base64, and
 * "X-Unsent: 1" so that Outlook opens it as a draft. Sending it goes
 * through the system's sendmail, never a shell.
 */
#ifndef SUIVI_MAIL_H
#define SUIVI_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "util.h"

/* Appends s as a header value: as is when plain ASCII, else as RFC 2047
 * encoded words (=?UTF-8?B?...?=, at most 75 characters each, cut on
 * character boundaries, folded with CRLF SP). */
int mail_header_text(struct strbuf *sb, const char *s);
/* Appends "Name <addr>" (the name quoted or encoded), or "addr" alone
 * when name is empty. */
int mail_address(struct strbuf *sb, const char *name, const char *addr);
/* Appends s (UTF-8, "\n" line ends) in quoted-printable (RFC 2045):
 * CRLF line ends, lines of at most 76 characters (soft breaks "="). */
int mail_qp(struct strbuf *sb, const char *s);
/* Appends base64 of p[0..n), lines of 76 characters ended by CRLF. */
int mail_base64(struct strbuf *sb, const unsigned char *p, size_t n);

struct mail {
	const char *from_name, *from_addr;	/* NULL addr: no From */
	const char *to_name, *to_addr;		/* NULL addr: no To */
	const char *subject;
	const char *body;			/* UTF-8, "\n" line ends */
	const char *attach_path;		/* read whole; NULL: none */
	const char *attach_name;		/* name shown */
	const char *attach_type;		/* MIME type */
	int64_t date;				/* epoch seconds */
	const char *id_seed;			/* makes Message-ID unique */
};

/* The whole message into out (CRLF line ends). Fails with a French
 * message when the attachment cannot be read. */
int mail_compose(const struct mail *m, struct strbuf *out, struct err *e);
/* Writes n bytes to path through a temporary name in the same folder,
 * then renames it. */
int mail_write_file(const char *path, const char *data, size_t n,
    struct err *e);
/* Pipes the message to $SUIVI_SENDMAIL, else /usr/sbin/sendmail, run as
 * "PROGRAM -t -oi" by fork and execvp (no shell); fails with a French
 * message when it cannot be run or exits non-zero. */
int mail_send(const char *data, size_t n, struct err *e);

#endif
