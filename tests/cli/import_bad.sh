#!/bin/sh
# import_bad.sh - proves that every bad file of tests/data/import/bad/
# (truncated zip, random bytes, zip bomb, wrongly nested XML, invalid
# UTF-8, unterminated quote, duplicate N°, unknown engagement, no
# designation column, an indicator whose N° is a space, which crashed the
# import) and a 10 MB cell are refused with their message and
# exit status 1, leaving the demo database exactly as it was (list,
# history, reviews) and writing no backup.
. "$(dirname "$0")/../lib.sh"
set -e
D=$(cd "$(dirname "$0")/../data/import/bad" && pwd)
suivi init --demo >/dev/null
state >"$T/before"

check() {	# file, expected message fragment
	expect_status 1 suivi import "$1"
	contains "$T/err" "$2"
	contains "$T/err" "rien n'a été importé"
	state >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "$(basename "$1") : la base a changé"
	! ls "$T"/t-avant-import-*.db >/dev/null 2>&1 ||
		fail "$(basename "$1") : sauvegarde écrite pour un import refusé"
}

n=0
for f in "$D"/*.xlsx "$D"/*.csv; do
	check "$f" "$(cat "$f.msg")"
	n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "corpus incomplet ($n fichiers)"

# A 10 MB cell, in a CSV and in an XLSX (written here: too big to commit).
{
	printf 'N°;Engagement;Intitulé de l%saction;Commentaires\n' "'"
	printf '1.99;1;Courte;'
	head -c 10485760 /dev/zero | tr '\0' 'a'
	printf '\n'
} >"$T/grand.csv"
check "$T/grand.csv" "ligne 2, colonne D : texte trop long"
/usr/bin/python3 - "$T/grand.xlsx" <<'PY'
import io, random, sys, zipfile, openpyxl
# openpyxl cuts cells at 32,767 characters: write a small workbook, then
# put the 10 MB inline string into its sheet with zipfile. Random letters,
# so that the archive is not mistaken for a zip bomb.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Plan"
ws.append(["N°", "Engagement", "Intitulé de l'action", "Commentaires"])
ws.append(["1.99", 1, "Courte", "GRAND"])
buf = io.BytesIO()
wb.save(buf)
rnd = random.Random(1)
big = bytes(rnd.choices(b"abcdefghijklmnopqrstuvwxyz ", k=10 << 20))
src = zipfile.ZipFile(buf)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename == "xl/worksheets/sheet1.xml":
            data = data.replace(b"GRAND", big)
        z.writestr(i.filename, data)
PY
check "$T/grand.xlsx" "feuille « Plan », ligne 2, colonne D : texte trop long"
