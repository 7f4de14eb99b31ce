/*
 * test_campaign.c - the coordinator's campaign: departments read from
 * the pilots (pilots_split, pilot_key, pilots_has), the MIME encoders of
 * the reminders (quoted-printable, RFC 2047 words, base64, addresses)
 * and the deadline typed as JJ/MM/AAAA.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "mail.h"
#include "model.h"

static void split_is(const char *pilots, const char *const *want, size_t nw)
{
	char **v;
	size_t n, i;

	assert_int_equal(pilots_split(pilots, &v, &n), 0);
	assert_int_equal(n, nw);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
	pilots_free(v, n);
}

static void test_pilots_split_separators(void **state)
{
	static const char *const a[] = { "Service Petite enfance", "CCAS",
		"Direction des Sports", "Direction Éducation" };
	static const char *const b[] = { "Service Jeunesse",
		"Direction de la Culture" };
	static const char *const c[] = {
		"Service Prévention et Tranquillité publique", "CCAS" };
	static const char *const d[] = { "Service Petite enfance" };

	(void)state;
	split_is("Service Petite enfance, CCAS ;Direction des Sports / "
	    "Direction Éducation", a, 4);
	split_is("Service Jeunesse et Direction de la Culture", b, 2);
	split_is("Service  Jeunesse ET  direction de la Culture", (const char
	    *const[]){ "Service Jeunesse", "direction de la Culture" }, 2);
	/* " et " inside a department's name is not a separator */
	split_is("Service Prévention et Tranquillité publique, CCAS", c, 2);
	/* one department twice (case, accents, spaces): counted once */
	split_is("Service Petite enfance,  service petite  enfance ;SERVICE "
	    "PÉTITE ENFANCE", d, 1);
	split_is("", NULL, 0);
	split_is(" , ; / ", NULL, 0);
	split_is(NULL, NULL, 0);
}

static void test_pilot_key_folds(void **state)
{
	char *a = pilot_key("Service Petite enfance");
	char *b = pilot_key("service petite  enfance ");
	char *c = pilot_key("Direction Éducation");
	char *d = pilot_key("direction education");

	(void)state;
	assert_string_equal(a, b);
	assert_string_equal(c, d);
	assert_true(pilots_has("CCAS, Service Petite Enfance", a));
	/* exactly that department, not a longer one containing it */
	assert_false(pilots_has("Service Petite enfance et loisirs", c));
	assert_false(pilots_has("Service Petite enfance-jeunesse", a));
	assert_false(pilots_has(NULL, a));
	free(a);
	free(b);
	free(c);
	free(d);
}

static void test_mail_qp(void **state)
{
	struct strbuf sb = {0};
	char line[200];
	const char *p, *nl;

	(void)state;
	mail_qp(&sb, "Bonjour Élodie,\n\na=b \nfin");
	assert_string_equal(sb_str(&sb),
	    "Bonjour =C3=89lodie,\r\n\r\na=3Db=20\r\nfin");
	sb_reset(&sb);
	/* long lines: soft breaks, never more than 76 characters, never a
	 * cut inside =XX */
	memset(line, 'e', sizeof line);
	line[sizeof line - 1] = '\0';
	memcpy(line + 73, "é", 2);
	mail_qp(&sb, line);
	for (p = sb_str(&sb); *p; p = nl + 2) {
		nl = strstr(p, "\r\n");
		if (!nl)
			nl = p + strlen(p);
		assert_true(nl - p <= 76);
		assert_false(nl - p >= 1 && nl[-1] != '=' && *nl &&
		    (nl - p >= 2 && nl[-2] == '='));
		if (!*nl)
			break;
	}
	assert_non_null(strstr(sb_str(&sb), "=C3=A9"));
	sb_free(&sb);
}

static void test_mail_header_words(void **state)
{
	struct strbuf sb = {0};

	(void)state;
	mail_header_text(&sb, "Bilan 2026");
	assert_string_equal(sb_str(&sb), "Bilan 2026");
	sb_reset(&sb);
	mail_header_text(&sb, "à jour");
	assert_string_equal(sb_str(&sb), "=?UTF-8?B?w6Agam91cg==?=");
	sb_reset(&sb);
	/* long: several words, each <= 75 characters, none cutting é */
	mail_header_text(&sb, "Bilan 2026 Ville amie des enfants : 12 actions "
	    "à mettre à jour avant le 15/01/2027 éééééééééééééééééééé");
	{
		const char *p = sb_str(&sb), *q;

		while ((q = strstr(p, "?=")) != NULL) {
			assert_true(q + 2 - p <= 75 + 3);
			p = q + 2;
		}
	}
	assert_non_null(strstr(sb_str(&sb), "\r\n =?UTF-8?B?"));
	sb_reset(&sb);
	mail_address(&sb, "Élodie Bérenger", "e@ville.fr");
	assert_string_equal(sb_str(&sb),
	    "=?UTF-8?B?w4lsb2RpZSBCw6lyZW5nZXI=?= <e@ville.fr>");
	sb_reset(&sb);
	mail_address(&sb, "Jean \"JJ\" Dupont", "j@ville.fr");
	assert_string_equal(sb_str(&sb), "\"Jean \\\"JJ\\\" Dupont\" <j@ville.fr>");
	sb_reset(&sb);
	mail_address(&sb, NULL, "j@ville.fr");
	assert_string_equal(sb_str(&sb), "j@ville.fr");
	sb_free(&sb);
}

static void test_mail_base64(void **state)
{
	struct strbuf sb = {0};
	unsigned char big[100];

	(void)state;
	mail_base64(&sb, (const unsigned char *)"Man", 3);
	assert_string_equal(sb_str(&sb), "TWFu\r\n");
	sb_reset(&sb);
	mail_base64(&sb, (const unsigned char *)"Ma", 2);
	assert_string_equal(sb_str(&sb), "TWE=\r\n");
	sb_reset(&sb);
	mail_base64(&sb, (const unsigned char *)"M", 1);
	assert_string_equal(sb_str(&sb), "TQ==\r\n");
	sb_reset(&sb);
	memset(big, 0, sizeof big);
	mail_base64(&sb, big, sizeof big);
	/* 136 characters: one line of 76, one of 60 */
	assert_int_equal(strlen(sb_str(&sb)), 76 + 2 + 60 + 2);
	assert_memory_equal(sb_str(&sb) + 76, "\r\n", 2);
	sb_free(&sb);
}

static void test_campaign_parse_date(void **state)
{
	char iso[16];

	(void)state;
	assert_int_equal(campaign_parse_date("15/01/2027", iso, sizeof iso), 0);
	assert_string_equal(iso, "2027-01-15");
	assert_int_equal(campaign_parse_date("29/02/2028", iso, sizeof iso), 0);
	assert_int_equal(campaign_parse_date("29/02/2027", iso, sizeof iso), -1);
	assert_int_equal(campaign_parse_date("31/04/2027", iso, sizeof iso), -1);
	assert_int_equal(campaign_parse_date("2027-01-15", iso, sizeof iso), -1);
	assert_int_equal(campaign_parse_date("15/1/2027", iso, sizeof iso), -1);
	assert_int_equal(campaign_parse_date("15/01/2027x", iso, sizeof iso),
	    -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pilots_split_separators),
		cmocka_unit_test(test_pilot_key_folds),
		cmocka_unit_test(test_mail_qp),
		cmocka_unit_test(test_mail_header_words),
		cmocka_unit_test(test_mail_base64),
		cmocka_unit_test(test_campaign_parse_date),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
