#!/bin/sh
# export_tmp_full.sh - proves that a large plan's export (rows written one
# at a time through libxlsxwriter's temporary files) fails cleanly when
# those temporary files cannot be written while the target could be: a
# file size limit above the size of the workbook but below the size of
# its rows. Twice: the limit cuts the temporary file of the rows (checked
# as the rows end), then only the copy workbook_close() makes of it (the
# re-read of the workbook finds the rows shorter than they were written).
# Each time: status 1, a French message, the old file kept, no temporary
# file left.
. "$(dirname "$0")/../lib.sh"
set -e

suivi init --collectivite "Ville de Grande-Taille" >/dev/null
/usr/bin/python3 - "$T/plan.csv" <<'PY'
import random, sys
random.seed(11)
words = ("accueil enfants école crèche parentalité harcèlement numérique "
         "vacances adolescents animateurs quartier santé cantine bio "
         "sécurité routière handicap inclusion théâtre bibliothèque").split()
def text(n):
    out = []
    while sum(len(w) + 1 for w in out) < n:
        out.append(random.choice(words))
    return " ".join(out)
# The long texts go in "Partenaires", which "Fiches actions" does not
# print: the rows of the plan are then the largest part by far.
rows = [["N°", "Engagement", "Intitulé de l'action", "Partenaires"]]
count = {}
for i in range(1100):
    eng = 1 + i % 5
    count[eng] = count.get(eng, 0) + 1
    rows.append(["%d.%d" % (eng, count[eng]), str(eng),
                 "Action %d : %s" % (i, text(60)), text(3000)])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows:
        f.write(";".join('"%s"' % c for c in r) + "\r\n")
PY
expect_status 0 suivi import --plan-initial "$T/plan.csv" </dev/null
expect_status 0 suivi export --annee 2026 -o "$T/ok.xlsx"

# Sizes of the workbook and of "Plan d'action": its rows but the last
# (the temporary file of the rows when they end), its last row, and the
# rest (head and tail of the sheet). Then the two limits.
set -- $(/usr/bin/python3 - "$T/ok.xlsx" <<'PY'
import os, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    sheet = z.read("xl/worksheets/sheet2.xml")
    others = max(len(z.read(n)) for n in z.namelist()
                 if n != "xl/worksheets/sheet2.xml")
start = sheet.index(b"<sheetData>") + len(b"<sheetData>")
end = sheet.index(b"</sheetData>")
last = sheet.rindex(b"<row ", start, end)
rows, around = last - start, len(sheet) - (end - start)
whole = max(os.path.getsize(path), others)
if not whole < rows // 2 or around < 2000:
    sys.exit("plan de test mal dimensionné : %d %d %d" % (whole, rows, around))
# Cuts the rows halfway; then keeps all the rows but cuts the sheet.
print(rows // 2, end - start + around // 2)
PY
)
[ $# = 2 ] || fail "tailles : $*"

limited() {	# limited BYTES cmd...: cmd under a file size limit
	/usr/bin/python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2)
os.execv(sys.argv[2], sys.argv[2:])' "$@"
}

mkdir "$T/dest"
for limit in "$1" "$2"; do
	printf 'ancien tableau\n' >"$T/dest/t.xlsx"
	expect_status 1 limited "$limit" "$SUIVI_BIN" --db "$DB" export \
	    --annee 2026 -o "$T/dest/t.xlsx"
	contains "$T/err" "t.xlsx"
	contains "$T/err" "aucun fichier n'a été remplacé"
	if [ "$limit" = "$1" ]; then
		contains "$T/err" "fichier temporaire incomplet"
	else
		contains "$T/err" "sheet2.xml incomplète"
	fi
	[ "$(cat "$T/dest/t.xlsx")" = "ancien tableau" ] ||
	    fail "le fichier existant a changé"
	[ "$(ls -A "$T/dest")" = "t.xlsx" ] ||
	    fail "fichiers laissés : $(ls -A "$T/dest")"
done

# The same export without a limit still succeeds.
expect_status 0 suivi export --annee 2026 -o "$T/dest/t.xlsx"
echo ok
