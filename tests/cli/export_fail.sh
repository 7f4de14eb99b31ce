#!/bin/sh
# export_fail.sh - proves that a failed export says why in French, exits
# with status 1, leaves no temporary file and keeps the file that was
# already there: a device (/dev/full), a missing directory, a read-only
# directory, a disk that fills up while writing (file size limit), and a
# text too long for a spreadsheet cell.
. "$(dirname "$0")/../lib.sh"
set -e

suivi init --demo >/dev/null
mkdir "$T/dest"
printf 'ancien tableau\n' >"$T/dest/t.xlsx"
cp "$T/dest/t.xlsx" "$T/ref"

survives() {
	cmp -s "$T/dest/t.xlsx" "$T/ref" || fail "le fichier existant a changé"
	[ "$(ls -A "$T/dest")" = "t.xlsx" ] || fail "fichiers laissés : $(ls -A "$T/dest")"
}

expect_status 1 suivi export --annee 2025 -o /dev/full
contains "$T/err" "/dev/full"
contains "$T/err" "fichier ordinaire"

expect_status 1 suivi export --annee 2025 -o "$T/absent/t.xlsx"
contains "$T/err" "dossier introuvable"
[ ! -e "$T/absent" ] || fail "dossier créé"

expect_status 1 suivi export --annee 2025 --format csv -o "$T/absent/t.csv"
contains "$T/err" "dossier introuvable"

if [ "$(id -u)" != 0 ]; then	# root writes anywhere
	chmod 555 "$T/dest"
	expect_status 1 suivi export --annee 2025 -o "$T/dest/t.xlsx"
	contains "$T/err" "permission refusée"
	chmod 755 "$T/dest"
	survives
fi

# The disk fills up while the workbook is written: long texts make the
# parts larger than the size limit given to the process.
long=$(/usr/bin/python3 -c 'print("Texte long et varié %d. " * 1200 % tuple(range(1200)))')
for r in 1.2 1.3 2.1 2.2; do
	suivi set "$r" "description=$long" >/dev/null
done
for fmt in xlsx csv; do
	printf 'ancien tableau\n' >"$T/dest/t.xlsx"
	set +e
	sh -c 'trap "" XFSZ; ulimit -f 80; exec "$@"' sh "$SUIVI_BIN" --db "$DB" \
	    export --annee 2026 --format $fmt -o "$T/dest/t.xlsx" >"$T/out.txt" 2>"$T/err"
	st=$?
	set -e
	[ "$st" = 1 ] || fail "$fmt disque plein : statut $st ($(cat "$T/err"))"
	contains "$T/err" "t.xlsx"
	survives
done

# A text Excel cannot hold is refused, naming the action; nothing written.
big=$(/usr/bin/python3 -c 'print("😀" * 17000)')
suivi set 3.1 "description=$big" >/dev/null
expect_status 1 suivi export --annee 2026 -o "$T/dest/t.xlsx"
contains "$T/err" "action 3.1"
contains "$T/err" "32 767"
survives
expect_status 1 suivi export --annee 2026 --format csv -o "$T/dest/t.xlsx"
contains "$T/err" "action 3.1"
survives
echo ok
