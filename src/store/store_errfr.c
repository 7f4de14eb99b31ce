/*
 * store_errfr.c - French text for SQLite's result codes.
 *
 * sqlite3_errmsg() is English ("database or disk is full", "database disk
 * image is malformed", "attempt to write a readonly database"): no
 * message shown to a user contains it. The extended code says the cause;
 * the system errno behind an I/O error (sqlite3_system_errno) says more
 * (a full disk, a permission), and the names in a failed constraint say
 * which rule: these are kept as a suffix. Never prints.
 */
#include <stdio.h>
#include <string.h>

#include "store_priv.h"

static char unknown_buf[64], cause_buf[384];

const char *store_sqlite_fr(int code)
{
	switch (code) {
	case SQLITE_IOERR_SHMOPEN: case SQLITE_IOERR_SHMSIZE:
	case SQLITE_IOERR_SHMMAP: case SQLITE_IOERR_SHMLOCK:
		return "impossible de créer ou d'agrandir le fichier de partage "
		    "(-shm) à côté de la base (disque plein, dossier protégé "
		    "ou dossier réseau ?)";
	case SQLITE_IOERR_READ: case SQLITE_IOERR_SHORT_READ:
		return "erreur de lecture sur le disque";
	case SQLITE_IOERR_WRITE: case SQLITE_IOERR_FSYNC:
	case SQLITE_IOERR_DIR_FSYNC: case SQLITE_IOERR_TRUNCATE:
		return "erreur d'écriture sur le disque";
	case SQLITE_IOERR_NOMEM: return "mémoire insuffisante";
	case SQLITE_IOERR_LOCK: case SQLITE_IOERR_RDLOCK:
	case SQLITE_IOERR_UNLOCK: case SQLITE_IOERR_CHECKRESERVEDLOCK:
		return "verrouillage du fichier impossible (dossier réseau ?)";
	case SQLITE_IOERR_DELETE: case SQLITE_IOERR_DELETE_NOENT:
		return "suppression d'un fichier de travail impossible";
	case SQLITE_IOERR_ACCESS: case SQLITE_IOERR_FSTAT:
		return "accès au fichier impossible";
	case SQLITE_IOERR_CORRUPTFS:
		return "le système de fichiers est endommagé";
	case SQLITE_READONLY_DBMOVED:
		return "la base a été déplacée ou supprimée pendant son "
		    "utilisation";
	case SQLITE_READONLY_DIRECTORY:
		return "le dossier de la base est en lecture seule";
	case SQLITE_READONLY_CANTLOCK: case SQLITE_READONLY_CANTINIT:
	case SQLITE_READONLY_RECOVERY: case SQLITE_READONLY_ROLLBACK:
		return "la base est en lecture seule (son journal ne peut pas "
		    "être écrit)";
	case SQLITE_CANTOPEN_ISDIR: return "c'est un dossier, pas une base";
	case SQLITE_CANTOPEN_NOTEMPDIR:
		return "pas de dossier pour les fichiers temporaires";
	case SQLITE_CONSTRAINT_UNIQUE: case SQLITE_CONSTRAINT_PRIMARYKEY:
		return "cette valeur existe déjà";
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return "référence à un élément qui n'existe pas";
	case SQLITE_CONSTRAINT_NOTNULL: return "valeur obligatoire manquante";
	case SQLITE_CONSTRAINT_CHECK: return "valeur refusée par la base";
	case SQLITE_CORRUPT_INDEX:
		return "un index de la base est endommagé";
	}
	switch (code & 0xFF) {
	case SQLITE_OK: case SQLITE_DONE: case SQLITE_ROW:
		return "aucune erreur";
	case SQLITE_FULL: return "le disque est plein";
	case SQLITE_IOERR: return "erreur d'entrée-sortie sur le disque";
	case SQLITE_CORRUPT: return "la base est endommagée";
	case SQLITE_NOTADB:
		return "ce fichier n'est pas une base de données";
	case SQLITE_READONLY: return "la base est en lecture seule";
	case SQLITE_CANTOPEN:
		return "ouverture du fichier impossible (dossier introuvable "
		    "ou droits insuffisants)";
	case SQLITE_BUSY: case SQLITE_LOCKED:
		return "la base est occupée par un autre utilisateur";
	case SQLITE_NOMEM: return "mémoire insuffisante";
	case SQLITE_PERM: return "accès refusé";
	case SQLITE_AUTH: return "accès refusé";
	case SQLITE_CONSTRAINT:
		return "modification refusée par une règle de la base";
	case SQLITE_TOOBIG: return "donnée trop grande";
	case SQLITE_INTERRUPT: return "opération interrompue";
	case SQLITE_ABORT: return "opération annulée";
	case SQLITE_PROTOCOL:
		return "verrouillage impossible (dossier réseau ?)";
	case SQLITE_NOLFS: return "fichier trop gros pour ce système";
	case SQLITE_SCHEMA: return "la structure de la base a changé";
	case SQLITE_MISMATCH: return "type de donnée inattendu";
	case SQLITE_RANGE: case SQLITE_MISUSE: case SQLITE_FORMAT:
	case SQLITE_INTERNAL:
		return "erreur interne de suivi";
	case SQLITE_ERROR: return "erreur de la base";
	}
	snprintf(unknown_buf, sizeof unknown_buf, "erreur de la base (code "
	    "SQLite %d)", code);
	return unknown_buf;
}

const char *sp_db_cause(sqlite3 *db)
{
	int code, sys;
	const char *fr, *msg, *cols;

	if (!db)
		return "mémoire insuffisante";
	code = sqlite3_extended_errcode(db);
	fr = store_sqlite_fr(code);
	sys = sqlite3_system_errno(db);
	msg = sqlite3_errmsg(db);
	switch (code & 0xFF) {
	case SQLITE_IOERR: case SQLITE_CANTOPEN:
		/* "disk I/O error" says nothing; ENOSPC or EACCES does. */
		if (sys) {
			snprintf(cause_buf, sizeof cause_buf, "%s : %s", fr,
			    err_fr_errno(sys));
			return cause_buf;
		}
		return fr;
	case SQLITE_CONSTRAINT:
		/* "UNIQUE constraint failed: action.mandate_id, action.ref":
		 * the names say which rule. */
		if (msg && (cols = strstr(msg, "failed: "))) {
			snprintf(cause_buf, sizeof cause_buf, "%s (%s)", fr,
			    cols + 8);
			return cause_buf;
		}
		return fr;
	case SQLITE_ERROR:
		/* A mistake of suivi (bad SQL): the detail helps a report. */
		if (msg && strcmp(msg, sqlite3_errstr(code)) != 0) {
			snprintf(cause_buf, sizeof cause_buf, "%s (détail "
			    "technique : %s)", fr, msg);
			return cause_buf;
		}
		return fr;
	default:
		return fr;
	}
}
