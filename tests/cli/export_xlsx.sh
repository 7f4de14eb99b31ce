#!/bin/sh
# export_xlsx.sh - proves that `suivi export` writes the yearly workbook an
# independent reader (openpyxl) finds complete and faithful: sheets,
# headers, every text byte for byte (formula-like text stays text),
# priority rows blue and locked, lists, panes, filter, print set-up, row
# heights; the "À communiquer" column of "Indicateurs" (values as
# `suivi indicateur` shows them, drop-down list); that --pilote keeps a
# department's actions; and that a done year is exported from its
# snapshot, byte for byte the same each time.
. "$(dirname "$0")/../lib.sh"
set -e
CHECK="/usr/bin/python3 $(cd "$(dirname "$0")/.." && pwd)/export/check_xlsx.py"
export SUIVI_NOW="2026-03-15 10:00"

suivi init --demo >/dev/null
nl='
'
suivi set 1.2 "description==SOMME(A1)${nl}deuxième ligne « guillemets » l’apostrophe" \
    "comments=- commence par un tiret${nl}${nl}et _x0041_ reste écrit" \
    "perspectives=@mention +plus" >/dev/null
suivi list --format tsv >"$T/list.tsv"

# Default name in the current directory, current year (2026, not done).
(cd "$T" && "$SUIVI_BIN" --db "$DB" export >"$T/out" 2>"$T/err") ||
    fail "export : $(cat "$T/err")"
F="$T/Suivi-VAE-Ville-de-Démo-2026.xlsx"
[ -f "$F" ] || fail "fichier par défaut absent : $(ls "$T")"
contains "$T/out" "Suivi-VAE-Ville-de-Démo-2026.xlsx"
[ ! -s "$T/err" ] || fail "messages inattendus : $(cat "$T/err")"
$CHECK "$F" "$T/list.tsv" || fail "contenu du tableau"

# "Indicateurs": the last column "À communiquer" says Oui/Non as
# `suivi indicateur` shows the flag, with the Oui/Non drop-down list.
for ref in $(cut -f1 "$T/list.tsv" | tail -n +2); do
	suivi indicateur "$ref"
done | grep '^  [0-9]*\. ' >"$T/ind.txt"
[ "$(grep -c 'à communiquer' "$T/ind.txt")" -ge 2 ] || fail "démo sans indicateur à communiquer"
/usr/bin/python3 - "$F" "$T/ind.txt" <<'PY' || fail "colonne « À communiquer »"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Indicateurs"]
head = [c.value for c in ws[1]]
assert head[-2:] == ["Commentaire", "À communiquer"], head
col = len(head)
letter = openpyxl.utils.get_column_letter(col)
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
rows = list(ws.iter_rows(min_row=2, values_only=True))
assert len(rows) == len(lines), (len(rows), len(lines))
for row, line in zip(rows, lines):
    label = line.split(". ", 1)[1]
    assert label.startswith(row[2]), (label, row[2])
    want = "Oui" if line.endswith(" [à communiquer]") else "Non"
    assert row[col - 1] == want, (line, row[col - 1])
# the format of the yes/no cells of "Plan d'action": centred, bordered,
# blue on priority rows like the rest of the row
for r in range(2, len(rows) + 2):
    c, a = ws.cell(r, col), ws.cell(r, 1)
    assert c.alignment.horizontal == "center" and c.border.left.style == "thin", r
    assert c.fill.fgColor.rgb == a.fill.fgColor.rgb, (r, c.fill.fgColor.rgb)
assert ws.column_dimensions[letter].width >= 12, ws.column_dimensions[letter].width
lists = {}
for dv in ws.data_validations.dataValidation:
    for rng in str(dv.sqref).split():
        lists[rng] = (dv.type, dv.formula1)
want = "%s2:%s%d" % (letter, letter, len(rows) + 1 + 500)
assert lists.get(want) == ("list", '"Oui,Non"'), lists
assert ws.auto_filter.ref == "A1:%s%d" % (letter, len(rows) + 1), ws.auto_filter.ref
print("ok : %d indicateurs, colonne %s" % (len(rows), letter))
PY

# A department's part only.
suivi list --pilote "petite enfance" --format tsv >"$T/pe.tsv"
[ "$(wc -l <"$T/pe.tsv")" -gt 1 ] || fail "aucune action petite enfance"
expect_status 0 suivi export --annee 2026 --pilote "PETITE ENFANCE" -o "$T/pe.xlsx"
$CHECK "$T/pe.xlsx" "$T/pe.tsv" || fail "export --pilote"
expect_status 1 suivi export --annee 2026 --pilote "service inexistant" -o "$T/x.xlsx"
contains "$T/err" "service inexistant"
[ ! -e "$T/x.xlsx" ] || fail "fichier écrit sans action"

# A done year comes from its snapshot: twice the same bytes, and still
# the same after the live plan changed.
unset SUIVI_NOW
expect_status 0 suivi export --annee 2025 -o "$T/a.xlsx"
contains "$T/out" "plan figé"
sleep 1
expect_status 0 suivi export --annee 2025 -o "$T/b.xlsx"
cmp "$T/a.xlsx" "$T/b.xlsx" || fail "deux exports de 2025 diffèrent"
suivi set 2.2 "comments=modifié après le bilan" >/dev/null
expect_status 0 suivi export --annee 2025 -o "$T/c.xlsx"
cmp "$T/a.xlsx" "$T/c.xlsx" || fail "l'export 2025 a changé après une modification"
/usr/bin/python3 - "$T/c.xlsx" <<'PY' || fail "2025 ne vient pas de la photographie"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Plan d'action"]
vals = [c.value for c in ws["O"]]
sys.exit(1 if "modifié après le bilan" in vals else 0)
PY

# SOURCE_DATE_EPOCH makes the live plan reproducible too.
SOURCE_DATE_EPOCH=1767225600 suivi export --annee 2026 -o "$T/d.xlsx" >/dev/null
sleep 1
SOURCE_DATE_EPOCH=1767225600 suivi export --annee 2026 -o "$T/e.xlsx" >/dev/null
cmp "$T/d.xlsx" "$T/e.xlsx" || fail "SOURCE_DATE_EPOCH : fichiers différents"

# -o naming a directory writes the default name inside it.
mkdir "$T/envoi"
expect_status 0 suivi export --annee 2024 -o "$T/envoi"
[ -f "$T/envoi/Suivi-VAE-Ville-de-Démo-2024.xlsx" ] || fail "dossier -o : $(ls "$T/envoi")"

# Usage errors.
expect_status 2 suivi export --format pdf
expect_status 2 suivi export --rfc4180
expect_status 2 suivi export --annee
echo "ok"
