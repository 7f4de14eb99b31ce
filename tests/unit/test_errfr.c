/*
 * test_errfr.c - the French text of library error codes: errno
 * (err_fr_errno), libzip (err_fr_zip), expat (err_fr_xml) and SQLite
 * (store_sqlite_fr). Known codes give the French cause users meet; unknown
 * codes a French sentence that keeps the code; never the library's
 * English string.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <expat.h>
#include <sqlite3.h>
#include <zip.h>

#include "err.h"
#include "store.h"

/* English words of the libraries' own strings: none may appear. */
static void assert_french(const char *s)
{
	static const char *const english[] = { "No such", "error", "Error",
	    "database", "disk", "malformed", "invalid ", "Invalid", "denied",
	    "file",
	    "full", "readonly", "failed", "not ", "Not ", "unable",
	    "reference", "CRC", "character", "token", "memory", NULL };
	size_t i;

	assert_non_null(s);
	assert_true(*s);
	for (i = 0; english[i]; i++)
		if (strstr(s, english[i])) {
			fprintf(stderr, "anglais « %s » dans « %s »\n",
			    english[i], s);
			fail();
		}
}

static void test_err_fr_errno_known(void **state)
{
	(void)state;
	assert_string_equal(err_fr_errno(ENOENT),
	    "fichier ou dossier introuvable");
	assert_string_equal(err_fr_errno(EACCES), "permission refusée");
	assert_string_equal(err_fr_errno(EPERM), "permission refusée");
	assert_string_equal(err_fr_errno(ENOSPC), "le disque est plein");
	assert_non_null(strstr(err_fr_errno(EDQUOT), "le disque est plein"));
	assert_string_equal(err_fr_errno(EROFS), "support en lecture seule");
	assert_string_equal(err_fr_errno(EFBIG), "fichier trop gros");
	assert_string_equal(err_fr_errno(ENAMETOOLONG),
	    "nom de fichier trop long");
	assert_non_null(strstr(err_fr_errno(EISDIR), "dossier"));
	assert_non_null(strstr(err_fr_errno(ENOTDIR), "dossier"));
	assert_non_null(strstr(err_fr_errno(ESTALE), "réseau"));
	assert_non_null(strstr(err_fr_errno(ECONNRESET), "connexion"));
}

static void test_err_fr_errno_never_strerror(void **state)
{
	int n;

	(void)state;
	for (n = 1; n < 134; n++) {
		const char *fr = err_fr_errno(n);

		assert_string_not_equal(fr, strerror(n));
		assert_french(fr);
	}
}

static void test_err_fr_errno_unknown(void **state)
{
	(void)state;
	/* EHWPOISON is not in the table: the fallback names it. */
	assert_non_null(strstr(err_fr_errno(EHWPOISON),
	    "erreur du système n° "));
	assert_non_null(strstr(err_fr_errno(EHWPOISON), "EHWPOISON"));
	assert_string_equal(err_fr_errno(99999),
	    "erreur du système n° 99999");
	assert_string_equal(err_fr_errno(0),
	    "erreur du système (cause inconnue)");
}

static void test_err_fr_zip_known(void **state)
{
	(void)state;
	assert_string_equal(err_fr_zip(ZIP_ER_CRC, 0),
	    "somme de contrôle incorrecte");
	assert_string_equal(err_fr_zip(ZIP_ER_NOZIP, 0),
	    "ce n'est pas une archive zip");
	assert_non_null(strstr(err_fr_zip(ZIP_ER_INCONS, 0), "tronquée"));
	assert_non_null(strstr(err_fr_zip(ZIP_ER_EOF, 0), "tronqué"));
	assert_non_null(strstr(err_fr_zip(ZIP_ER_WRONGPASSWD, 0),
	    "mot de passe"));
	assert_non_null(strstr(err_fr_zip(ZIP_ER_COMPNOTSUPP, 0),
	    "compression"));
	/* A system error behind libzip's code: the errno says more. */
	assert_string_equal(err_fr_zip(ZIP_ER_READ, EIO),
	    "erreur d'entrée-sortie sur le disque");
	assert_string_equal(err_fr_zip(ZIP_ER_OPEN, ENOENT),
	    "fichier ou dossier introuvable");
}

static void test_err_fr_zip_never_english(void **state)
{
	zip_error_t ze;
	int c;

	(void)state;
	for (c = 0; c <= 40; c++) {
		const char *fr = err_fr_zip(c, 0);

		zip_error_init_with_code(&ze, c);
		assert_string_not_equal(fr, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		assert_french(fr);
	}
	assert_non_null(strstr(err_fr_zip(4000, 0), "n° 4000"));
}

static void test_err_fr_xml_known(void **state)
{
	(void)state;
	assert_string_equal(err_fr_xml(XML_ERROR_BAD_CHAR_REF),
	    "référence de caractère invalide");
	assert_non_null(strstr(err_fr_xml(XML_ERROR_INVALID_TOKEN),
	    "caractère invalide"));
	assert_non_null(strstr(err_fr_xml(XML_ERROR_TAG_MISMATCH),
	    "balise mal fermée"));
	assert_string_equal(err_fr_xml(XML_ERROR_UNCLOSED_TOKEN),
	    "document tronqué");
}

static void test_err_fr_xml_never_english(void **state)
{
	int c;

	(void)state;
	for (c = 0; c <= 50; c++) {
		const char *fr = err_fr_xml(c);
		const XML_LChar *en = XML_ErrorString((enum XML_Error)c);

		if (en)
			assert_string_not_equal(fr, en);
		assert_french(fr);
	}
	assert_non_null(strstr(err_fr_xml(777), "n° 777"));
}

static void test_store_sqlite_fr_known(void **state)
{
	(void)state;
	assert_string_equal(store_sqlite_fr(SQLITE_FULL), "le disque est plein");
	assert_string_equal(store_sqlite_fr(SQLITE_CORRUPT),
	    "la base est endommagée");
	assert_string_equal(store_sqlite_fr(SQLITE_READONLY),
	    "la base est en lecture seule");
	assert_non_null(strstr(store_sqlite_fr(SQLITE_BUSY), "occupée"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_LOCKED), "occupée"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_BUSY_TIMEOUT),
	    "occupée"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_NOTADB),
	    "pas une base"));
	assert_string_equal(store_sqlite_fr(SQLITE_NOMEM),
	    "mémoire insuffisante");
	assert_non_null(strstr(store_sqlite_fr(SQLITE_IOERR_WRITE),
	    "écriture"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_IOERR_SHMSIZE),
	    "-shm"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_CANTOPEN), "ouverture"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_CONSTRAINT_UNIQUE),
	    "existe déjà"));
	assert_non_null(strstr(store_sqlite_fr(SQLITE_READONLY_DBMOVED),
	    "déplacée"));
	/* An extended code not in the table falls back to its primary. */
	assert_string_equal(store_sqlite_fr(SQLITE_CORRUPT_VTAB),
	    "la base est endommagée");
}

static void test_store_sqlite_fr_never_english(void **state)
{
	int c, x;

	(void)state;
	for (c = 1; c <= 28; c++)
		for (x = 0; x < 34; x++) {
			int code = c | (x << 8);
			const char *fr = store_sqlite_fr(code);

			assert_string_not_equal(fr, sqlite3_errstr(code));
			assert_french(fr);
		}
}

static void test_store_sqlite_fr_unknown(void **state)
{
	(void)state;
	assert_string_equal(store_sqlite_fr(99),
	    "erreur de la base (code SQLite 99)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_fr_errno_known),
		cmocka_unit_test(test_err_fr_errno_never_strerror),
		cmocka_unit_test(test_err_fr_errno_unknown),
		cmocka_unit_test(test_err_fr_zip_known),
		cmocka_unit_test(test_err_fr_zip_never_english),
		cmocka_unit_test(test_err_fr_xml_known),
		cmocka_unit_test(test_err_fr_xml_never_english),
		cmocka_unit_test(test_store_sqlite_fr_known),
		cmocka_unit_test(test_store_sqlite_fr_never_english),
		cmocka_unit_test(test_store_sqlite_fr_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
