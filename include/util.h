/*
 * util.h - small helpers shared by every module: growable strings,
 * UTF-8 checks and display width, accent folding, clock and login.
 *
 * Nothing here talks to the user or to the database.
 */
#ifndef SUIVI_UTIL_H
#define SUIVI_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* ---- Growable string ---- */

/* A NUL-terminated growable buffer. Zero-initialise it ({0}) before use. */
struct strbuf {
	char *buf;	/* NULL until something is appended */
	size_t len;
	size_t cap;
};

int sb_append(struct strbuf *sb, const char *s);
int sb_append_n(struct strbuf *sb, const char *s, size_t n);
int sb_append_c(struct strbuf *sb, char c);
int sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Returns the contents ("" when empty); valid until the next append. */
const char *sb_str(const struct strbuf *sb);
/* Hands the buffer to the caller (never NULL unless out of memory). */
char *sb_steal(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* ---- Growable arrays ---- */

/* Makes room in the array *pv (pv is the address of the array pointer)
 * for element n, when n elements of size bytes are in use and the array
 * only ever grew through this function: it doubles at each power of two,
 * so callers keep no capacity. 0, or ERR_NOMEM with *pv unchanged. */
int array_grow(void *pv, size_t n, size_t size);

/* ---- Strings ---- */

/* strdup that accepts NULL (returns NULL). */
char *xstrdup(const char *s);
/* Replaces *dst with a copy of src (NULL allowed). Returns ERR_NOMEM on failure. */
int str_replace(char **dst, const char *src);
/* 1 when s is NULL or "". */
int str_empty(const char *s);
/* Compares, treating NULL as "". */
int str_eq(const char *a, const char *b);
/* Trims ASCII white space at both ends, in place. Returns s. */
char *str_trim(char *s);

/* ---- UTF-8 ---- */

/* 1 when the n bytes at s are valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Byte offset of the first invalid sequence, or n when valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Number of code points. */
size_t utf8_len(const char *s);
/* Decodes one code point at s (valid UTF-8 assumed); returns bytes used. */
int utf8_decode(const char *s, uint32_t *cp);
/* Appends the encoding of cp. */
int utf8_encode(struct strbuf *sb, uint32_t cp);

/* Display width of s in terminal columns (wcwidth; a character the
 * locale does not know counts 1). */
size_t utf8_width(const char *s);
/* Writes s followed by spaces up to width columns into sb (no cut). */
int sb_append_padded(struct strbuf *sb, const char *s, size_t width);

/* Folds s for accent- and case-insensitive comparison: lower case, Latin
 * accents removed, œ → oe, æ → ae, typographic apostrophes and quotes → ',
 * runs of white space → one space, trimmed. Caller frees. */
char *text_fold(const char *s);

/* ---- Suggestions and numbers (suggest.c) ---- */

/* Edit distance between a and b (bytes; Levenshtein, with a swap of two
 * neighbours counting one edit: "nmo" is 1 from "nom"). */
size_t str_distance(const char *a, const char *b);
/* The name of names[0..n) nearest to word (folded: case and accents
 * ignored), when it is near enough to be a typo (1 edit for a word of up
 * to 3 letters, 2 up to 7, else 3), else NULL. An exact match is not a
 * suggestion: NULL too. */
const char *str_nearest(const char *word, const char *const *names,
    size_t n);
/* A whole decimal number within [min, max], all of s: 0 and *out, else
 * -1 (empty, sign "+", spaces, trailing text, out of range). */
int int_parse(const char *s, long min, long max, long *out);

/* ---- Clock and user ---- */

/* Seconds since the epoch: $SUIVI_NOW (YYYY-MM-DD[ HH:MM[:SS]] or epoch
 * seconds) when set, so that tests are reproducible, else time(). */
int64_t clock_now(void);
/* "YYYY-MM-DD[ HH:MM[:SS]]" (local time; noon when no time is given)
 * to epoch seconds; 0 when malformed. */
int64_t clock_parse(const char *s);
/* The current year per clock_now(), in local time. */
int clock_year(void);
/* Formats t as "YYYY-MM-DD HH:MM:SS" local time into buf (>= 20 bytes). */
void clock_format(int64_t t, char *buf, size_t n);
/* The login name: $SUIVI_USER, else the passwd entry, else $USER, else "?" */
const char *user_login(void);

/* ---- Locale, and French forms for people (frfmt.c) ---- */

/* Takes the user's locale (setlocale(LC_ALL, "")) but keeps LC_NUMERIC
 * at "C", so that every number written to a file or SQL, or parsed, has a
 * decimal point. Called once, first thing in main(). */
void locale_setup(void);

/* Room for any of the forms below. */
#define FR_DATE_LEN 40

/* The forms people read of a stored date "YYYY-MM-DD[ HH:MM[:SS]]",
 * written into buf, which is returned: fr_date "04/12/2026";
 * fr_datetime "04/12/2026 à 17:05" (the date alone when no time is
 * given); fr_date_long "4 décembre 2026" ("1er" for the first). Not a
 * date: s given back as it is; NULL: "". Never depends on the locale. */
const char *fr_date(const char *iso, char *buf, size_t n);
const char *fr_datetime(const char *iso, char *buf, size_t n);
const char *fr_date_long(const char *iso, char *buf, size_t n);
/* fr_datetime of the epoch time t, in local time. */
const char *fr_datetime_t(int64_t t, char *buf, size_t n);
/* v with the given number of decimals and a decimal comma ("0,43"). */
const char *fr_decimal(double v, int decimals, char *buf, size_t n);
/* A value as typed, for display: a plain decimal number with a point
 * ("31.7", as a spreadsheet's number cell gives it) is written into buf
 * with a comma ("31,7") and buf returned; any other text ("12,5 %",
 * "1.2.3", a number longer than buf) is returned itself; NULL: "". */
const char *fr_number_text(const char *s, char *buf, size_t n);

/* ---- Files ---- */

/* Reads a whole regular file (at most max bytes; more is ERR_INVALID,
 * found before reading when the size says so). A directory, FIFO, device
 * or socket is refused at once (ERR_INVALID, "... n'est pas un fichier
 * ordinaire"), without waiting for a writer. Caller frees *out, which is
 * NUL-terminated; *len excludes the NUL. */
int file_read_all(const char *path, size_t max, char **out, size_t *len,
    struct err *e);

#endif
