/*
 * errfr.c - French text for the error codes of the system (errno), of
 * libzip (ZIP_ER_*) and of expat (XML_ERROR_*).
 *
 * Users are municipal staff: they must never read "No such file or
 * directory" or "CRC error" inside a French sentence. The libraries' own
 * strings (strerror, zip_error_strerror, XML_ErrorString) are English, or
 * translated only when the system has language packs, so every message
 * shown to a user goes through these tables instead. The texts say what
 * happened in the user's words, without the path: the caller names the
 * file once. A code not in a table gets a French sentence that keeps the
 * code (and the errno name), so that a report still says which one.
 *
 * SQLite's codes are mapped in src/store/store_errfr.c (the only
 * directory that includes <sqlite3.h>), libxlsxwriter's in
 * src/export/xlsx.c. Nothing here prints.
 */
#define _GNU_SOURCE	/* strerrorname_np: the errno name of unknown codes */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "err.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || \
    (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
#define HAVE_ERRNO_NAME 1
#endif

/* The texts of unknown codes; one per kind, valid until the next call of
 * the same function (suivi is single-threaded). */
static char errno_buf[96], zip_buf[96], xml_buf[96];

struct errno_fr {
	int code;
	const char *text;
};

static const struct errno_fr errno_table[] = {
	{ ENOENT, "fichier ou dossier introuvable" },
	{ EACCES, "permission refusée" },
	{ EPERM, "permission refusée" },
	{ ENOSPC, "le disque est plein" },
#ifdef EDQUOT
	{ EDQUOT, "le disque est plein (quota dépassé)" },
#endif
	{ EROFS, "support en lecture seule" },
	{ EISDIR, "c'est un dossier, pas un fichier" },
	{ ENOTDIR, "un élément du chemin n'est pas un dossier" },
	{ ENAMETOOLONG, "nom de fichier trop long" },
	{ ELOOP, "trop de liens symboliques dans le chemin" },
	{ EIO, "erreur d'entrée-sortie sur le disque" },
	{ EMFILE, "trop de fichiers ouverts" },
	{ ENFILE, "trop de fichiers ouverts sur le système" },
	{ ENOMEM, "mémoire insuffisante" },
	{ EBUSY, "fichier ou périphérique occupé" },
	{ ETXTBSY, "fichier occupé par un programme en cours" },
	{ EFBIG, "fichier trop gros" },
	{ EEXIST, "le fichier existe déjà" },
	{ EXDEV, "déplacement impossible d'un disque à un autre" },
	{ ENOTEMPTY, "le dossier n'est pas vide" },
	{ EAGAIN, "ressource momentanément indisponible" },
	{ EINTR, "opération interrompue" },
	{ EINVAL, "opération invalide pour ce fichier" },
	{ ENXIO, "périphérique absent" },
	{ ENODEV, "périphérique absent" },
	{ ESPIPE, "fichier non ordinaire (tube ou terminal)" },
	{ EPIPE, "la sortie a été fermée" },
	{ ENOLCK, "verrouillage impossible (dossier réseau ?)" },
#ifdef ESTALE
	{ ESTALE, "fichier réseau périmé (supprimé ou déplacé "
	    "sur le serveur)" },
#endif
	{ ETIMEDOUT, "délai dépassé (réseau ?)" },
	{ ECONNRESET, "connexion au serveur coupée" },
	{ ECONNREFUSED, "connexion au serveur refusée" },
	{ EHOSTUNREACH, "serveur injoignable" },
	{ ENETUNREACH, "réseau injoignable" },
	{ ENOTCONN, "dossier réseau déconnecté" },
	{ ENOTSUP, "opération non prise en charge par ce disque" },
	{ E2BIG, "liste d'arguments trop longue" },
	{ ECHILD, "processus enfant introuvable" },
	{ ENOEXEC, "programme non exécutable" },
};

const char *err_fr_errno(int errnum)
{
	size_t i;

	if (!errnum)	/* a caller that lost errno */
		return "erreur du système (cause inconnue)";
	for (i = 0; i < sizeof errno_table / sizeof errno_table[0]; i++)
		if (errno_table[i].code == errnum)
			return errno_table[i].text;
#ifdef HAVE_ERRNO_NAME
	if (strerrorname_np(errnum)) {
		snprintf(errno_buf, sizeof errno_buf, "erreur du système "
		    "n° %d (%s)", errnum, strerrorname_np(errnum));
		return errno_buf;
	}
#endif
	snprintf(errno_buf, sizeof errno_buf, "erreur du système n° %d",
	    errnum);
	return errno_buf;
}

const char *err_fr_zip(int ze, int sys_errno)
{
	switch (ze) {
	case ZIP_ER_OK: return "aucune erreur";
	case ZIP_ER_NOZIP: return "ce n'est pas une archive zip";
	case ZIP_ER_INCONS: return "archive incohérente ou tronquée";
	case ZIP_ER_CRC: return "somme de contrôle incorrecte";
	case ZIP_ER_EOF: return "fin de fichier inattendue (fichier tronqué)";
	case ZIP_ER_COMPRESSED_DATA: case ZIP_ER_ZLIB:
		return "données compressées abîmées";
	case ZIP_ER_COMPNOTSUPP: return "méthode de compression non gérée";
	case ZIP_ER_ENCRNOTSUPP: case ZIP_ER_NOPASSWD: case ZIP_ER_WRONGPASSWD:
		return "classeur protégé par un mot de passe";
	case ZIP_ER_MULTIDISK: return "archive en plusieurs morceaux non gérée";
	case ZIP_ER_MEMORY: return "mémoire insuffisante";
	case ZIP_ER_NOENT: return "fichier ou partie introuvable";
	case ZIP_ER_EXISTS: return "le fichier existe déjà";
	case ZIP_ER_RDONLY: return "archive en lecture seule";
	case ZIP_ER_READ: case ZIP_ER_SEEK: case ZIP_ER_TELL:
	case ZIP_ER_OPEN: case ZIP_ER_WRITE: case ZIP_ER_CLOSE:
	case ZIP_ER_TMPOPEN: case ZIP_ER_RENAME: case ZIP_ER_REMOVE:
		/* System errors: the errno says more than libzip. */
		if (sys_errno)
			return err_fr_errno(sys_errno);
		if (ze == ZIP_ER_READ || ze == ZIP_ER_SEEK || ze == ZIP_ER_TELL)
			return "erreur de lecture (fichier tronqué ?)";
		if (ze == ZIP_ER_OPEN)
			return "ouverture impossible";
		return "erreur d'écriture";
	default:
		snprintf(zip_buf, sizeof zip_buf, "archive zip illisible "
		    "(erreur libzip n° %d)", ze);
		return zip_buf;
	}
}

const char *err_fr_xml(int code)
{
	switch ((enum XML_Error)code) {
	case XML_ERROR_NONE: return "aucune erreur";
	case XML_ERROR_NO_MEMORY: return "mémoire insuffisante";
	case XML_ERROR_SYNTAX: return "erreur de syntaxe";
	case XML_ERROR_NO_ELEMENTS: return "document vide ou tronqué";
	case XML_ERROR_INVALID_TOKEN:
		return "caractère invalide (UTF-8 incorrect ?)";
	case XML_ERROR_UNCLOSED_TOKEN: return "document tronqué";
	case XML_ERROR_PARTIAL_CHAR:
		return "caractère incomplet (UTF-8 incorrect)";
	case XML_ERROR_TAG_MISMATCH:
		return "balises mal imbriquées (balise mal fermée)";
	case XML_ERROR_DUPLICATE_ATTRIBUTE: return "attribut en double";
	case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
		return "contenu après la fin du document";
	case XML_ERROR_UNDEFINED_ENTITY: return "entité inconnue";
	case XML_ERROR_RECURSIVE_ENTITY_REF: return "entité récursive";
	case XML_ERROR_BAD_CHAR_REF: return "référence de caractère invalide";
	case XML_ERROR_BINARY_ENTITY_REF: return "entité binaire refusée";
	case XML_ERROR_MISPLACED_XML_PI:
		return "déclaration XML mal placée";
	case XML_ERROR_UNKNOWN_ENCODING: return "encodage inconnu";
	case XML_ERROR_INCORRECT_ENCODING:
		return "encodage différent de celui déclaré";
	case XML_ERROR_UNCLOSED_CDATA_SECTION:
		return "section CDATA non fermée (document tronqué)";
	case XML_ERROR_UNBOUND_PREFIX:
		return "préfixe d'espace de noms non déclaré";
	case XML_ERROR_XML_DECL: return "déclaration XML mal formée";
	case XML_ERROR_ABORTED: return "lecture interrompue";
#if XML_MAJOR_VERSION > 2 || (XML_MAJOR_VERSION == 2 && XML_MINOR_VERSION >= 4)
	case XML_ERROR_AMPLIFICATION_LIMIT_BREACH:
		return "entités démesurées (fichier piégé ?)";
#endif
	default:
		snprintf(xml_buf, sizeof xml_buf, "XML mal formé (erreur expat "
		    "n° %d)", code);
		return xml_buf;
	}
}
