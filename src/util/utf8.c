/*
 * utf8.c - UTF-8 validation, decoding and accent folding.
 *
 * Folding covers what French text needs (Latin-1 and Latin Extended-A
 * letters, ligatures, typographic apostrophes and spaces); other code
 * points pass through unchanged.
 */
#include <stdlib.h>
#include <wchar.h>
#include <string.h>

#include "util.h"

size_t utf8_invalid_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c;
		uint32_t cp;
		size_t len, k;

		/* runs of ASCII (most French text), eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080u)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return n;
}

int utf8_valid(const char *s, size_t n)
{
	return utf8_invalid_at(s, n) == n;
}

int utf8_decode(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && s[1]) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && s[1] && s[2]) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) |
		    ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && s[1] && s[2] && s[3]) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) |
		    ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

int utf8_encode(struct strbuf *sb, uint32_t cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		return sb_append_n(sb, b, 1);
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return sb_append_n(sb, b, 2);
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return sb_append_n(sb, b, 3);
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return sb_append_n(sb, b, 4);
}

size_t utf8_len(const char *s)
{
	size_t len = strlen(s), n = 0, i = 0;

	/* eight bytes at a time: a byte starts a character unless it is
	 * 10xxxxxx, i.e. unless bit 7 is set and bit 6 is not */
	for (; i + 8 <= len; i += 8) {
		uint64_t w, cont;

		memcpy(&w, s + i, 8);
		cont = (w & ~(w << 1) & 0x8080808080808080u) >> 7;
		/* one bit per byte: the product sums them in the top byte */
		n += 8 - (size_t)((cont * 0x0101010101010101u) >> 56);
	}
	for (; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* Latin-1 supplement U+00C0..U+00FF folded to ASCII (lower case). */
static const char *const latin1_fold[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* C0-C7 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* C8-CF */
	"d", "n", "o", "o", "o", "o", "o", "x",		/* D0-D7 */
	"o", "u", "u", "u", "u", "y", "th", "ss",	/* D8-DF */
	"a", "a", "a", "a", "a", "a", "ae", "c",	/* E0-E7 */
	"e", "e", "e", "e", "i", "i", "i", "i",		/* E8-EF */
	"d", "n", "o", "o", "o", "o", "o", "/",		/* F0-F7 */
	"o", "u", "u", "u", "u", "y", "th", "y",	/* F8-FF */
};

static const char *fold_cp(uint32_t cp, char *ascii)
{
	if (cp < 0x80) {
		ascii[0] = (char)((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
		ascii[1] = '\0';
		return ascii;
	}
	if (cp >= 0xC0 && cp <= 0xFF)
		return latin1_fold[cp - 0xC0];
	switch (cp) {
	case 0x152: case 0x153: return "oe";
	case 0x178: return "y";
	case 0x2018: case 0x2019: case 0x02BC: case 0x2032: case 0xB4:
		return "'";
	case 0x201C: case 0x201D: case 0xAB: case 0xBB: return "\"";
	case 0xA0: case 0x202F: case 0x2009: return " ";
	case 0x2013: case 0x2014: return "-";
	case 0xB0: return "o";	/* N° */
	default: break;
	}
	/* Latin Extended-A: pairs upper/lower, fold to the base letter. */
	if (cp >= 0x100 && cp <= 0x17F) {
		static const char base[] =
		    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllll"
		    "lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		size_t k = cp - 0x100;

		if (k < sizeof base - 1) {
			ascii[0] = base[k];
			ascii[1] = '\0';
			return ascii;
		}
	}
	return NULL;
}

char *text_fold(const char *s)
{
	struct strbuf sb = {0};
	int space = 0;

	if (!s)
		s = "";
	while (*s) {
		uint32_t cp;
		char ascii[2];
		const char *f;
		int n = utf8_decode(s, &cp);

		f = fold_cp(cp, ascii);
		if (f && (f[0] == ' ' || f[0] == '\t' || f[0] == '\n' ||
		    f[0] == '\r')) {
			space = 1;
		} else {
			if (space && sb.len)
				sb_append_c(&sb, ' ');
			space = 0;
			if (f)
				sb_append(&sb, f);
			else
				sb_append_n(&sb, s, (size_t)n);
		}
		s += n;
	}
	return sb_steal(&sb);
}

size_t utf8_width(const char *s)
{
	size_t w = 0;

	while (s && *s) {
		uint32_t cp;
		int n = utf8_decode(s, &cp);
		int cw = cp < 0x80 ? (cp >= 0x20 ? 1 : 0) : wcwidth((wchar_t)cp);

		w += cw < 0 ? 1 : (size_t)cw;
		s += n;
	}
	return w;
}

int sb_append_padded(struct strbuf *sb, const char *s, size_t width)
{
	size_t w = utf8_width(s);

	if (sb_append(sb, s))
		return ERR_NOMEM;
	while (w++ < width)
		if (sb_append_c(sb, ' '))
			return ERR_NOMEM;
	return 0;
}
