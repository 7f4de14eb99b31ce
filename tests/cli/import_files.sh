#!/bin/sh
# import_files.sh - only regular files are read, and their size is checked
# before: a FIFO without a writer, /dev/zero, a directory are refused at
# once with a French message naming the file (a FIFO used to hang forever:
# each run has a timeout, so a regression fails instead of hanging); a
# 1 GiB sparse file (above the 512 MiB limit of README/suivi(1)) is
# refused without being read (peak memory measured when /usr/bin/time
# exists). Nothing is changed, no backup is made. The referential of
# `suivi mandat nouveau` goes through the same reader.
. "$(dirname "$0")/../lib.sh"
set -e

suivi init --collectivite "Ville de Test" >/dev/null
state >"$T/before"
mkfifo "$T/tube.csv"
mkdir "$T/dossier.xlsx"
truncate -s 1G "$T/enorme.csv"

refused() {	# file, expected words
	set +e
	timeout 10 "$SUIVI_BIN" --db "$DB" import "$1" </dev/null >"$T/out" 2>"$T/err"
	st=$?
	set -e
	[ "$st" != 124 ] || fail "$1 : l'import attend encore après 10 s"
	[ "$st" = 1 ] || fail "$1 : statut $st ($(cat "$T/err"))"
	contains "$T/err" "$(basename "$1")"
	contains "$T/err" "$2"
	contains "$T/err" "rien n'a été importé"
	state >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "$1 : la base a changé"
	! ls "$T"/t-avant-import-*.db >/dev/null 2>&1 || fail "$1 : sauvegarde faite"
}
refused "$T/tube.csv" "n'est pas un fichier ordinaire mais un tube nommé (FIFO)"
refused /dev/zero "n'est pas un fichier ordinaire mais un périphérique"
refused "$T/dossier.xlsx" "n'est pas un fichier ordinaire mais un dossier"
refused "$T/enorme.csv" "fichier trop volumineux (1024 Mo ; au plus 512 Mo)"
# --dry-run too.
set +e
timeout 10 "$SUIVI_BIN" --db "$DB" import --dry-run "$T/tube.csv" </dev/null >"$T/out" 2>"$T/err"
st=$?
set -e
[ "$st" = 1 ] || fail "essai sur un tube : statut $st"
contains "$T/err" "n'est pas un fichier ordinaire"

# Refused before reading: far less memory than the 1 GiB.
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f "%M" -o "$T/rss" "$SUIVI_BIN" --db "$DB" import "$T/enorme.csv" \
	    </dev/null >/dev/null 2>&1 || true
	rss=$(tail -1 "$T/rss")
	[ "$rss" -lt 100000 ] || fail "fichier de 1 Gio lu en mémoire : $rss ko"
fi

# The referential of a new mandate is read the same way.
set +e
timeout 10 "$SUIVI_BIN" --db "$DB" mandat nouveau 2026-2032 --referentiel "$T/tube.csv" \
    --tout-garder </dev/null >"$T/out" 2>"$T/err"
st=$?
set -e
[ "$st" != 124 ] || fail "mandat nouveau attend encore sur un tube"
[ "$st" != 0 ] || fail "mandat nouveau a lu un tube"
contains "$T/err" "n'est pas un fichier ordinaire"
echo "fichiers spéciaux : ok"
