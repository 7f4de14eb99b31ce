#!/bin/sh
# import_roundtrip.sh - proves the round trip of SPEC section 7: export
# the demo, import the file into a new database, export again. Both
# databases list the same plan (all fields but updated_at/updated_by, which
# record the import itself), the same Présentation, the same review
# comments and the same key indicators (`show` of every action: label,
# unit, baseline, target, values, comments and the "à communiquer" flag);
# the two workbooks hold the same "Plan d'action" cells except "Dernière
# mise à jour" and the hidden id/version columns, and the same
# "Indicateurs" sheet. The "Bilan annuel - Fait" ticks are reported, not
# ticked (ticking freezes a snapshot: the coordinator does it). The flag
# unticked in the file is unticked in the base (reported, journaled); a
# sheet without the "À communiquer" column leaves the flags alone.
. "$(dirname "$0")/../lib.sh"
set -e
A=$T/a.db
B=$T/b.db
"$SUIVI_BIN" --db "$A" init --demo >/dev/null
"$SUIVI_BIN" --db "$A" export -o "$T/a.xlsx" >/dev/null
"$SUIVI_BIN" --db "$B" init --collectivite "Autre nom" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$B" import "$T/a.xlsx"
contains "$T/out" "40 créées, 0 modifiée"
contains "$T/out" "bilan 2024 : « Bilan annuel - Fait » vaut Oui dans le fichier"
contains "$T/out" "Indicateurs clés (feuille « Indicateurs ») : 15 créés, 0 mis à jour"
"$SUIVI_BIN" --db "$B" export -o "$T/b.xlsx" >/dev/null

for db in A B; do
	eval f=\$$db
	"$SUIVI_BIN" --db "$f" list --format tsv | cut -f1-21 >"$T/$db.tsv"
	"$SUIVI_BIN" --db "$f" collectivite >"$T/$db.coll"
	"$SUIVI_BIN" --db "$f" bilan | sed 's/ : Fait (le .*)$/ : Non fait/' \
		>"$T/$db.bilan"
	for ref in $(cut -f1 "$T/$db.tsv" | tail -n +2); do
		echo "== $ref"
		"$SUIVI_BIN" --db "$f" show "$ref" |
			sed -n '/^Indicateurs clés/,$p'
	done >"$T/$db.ind"
done
[ "$(wc -l <"$T/A.tsv")" -eq 41 ] || fail "la démo n'a pas 40 actions"
cmp -s "$T/A.tsv" "$T/B.tsv" || { diff "$T/A.tsv" "$T/B.tsv" | head; fail "plans différents"; }
cmp -s "$T/A.coll" "$T/B.coll" || { diff "$T/A.coll" "$T/B.coll"; fail "Présentation différente"; }
cmp -s "$T/A.bilan" "$T/B.bilan" || { diff "$T/A.bilan" "$T/B.bilan"; fail "bilans différents"; }
[ "$(grep -c '^  [0-9]*\. ' "$T/A.ind")" -eq 15 ] || fail "la démo n'a pas 15 indicateurs"
cmp -s "$T/A.ind" "$T/B.ind" || { diff "$T/A.ind" "$T/B.ind" | head; fail "indicateurs différents"; }
contains "$T/B.coll" "Ville de Démo"

# The two workbooks, read by openpyxl (an independent reader).
/usr/bin/python3 - "$T/a.xlsx" "$T/b.xlsx" <<'PY' || fail "classeurs différents"
import sys, openpyxl
def cells(path):
    wb = openpyxl.load_workbook(path)
    plan = [[c.value for c in row[:20]] for row in wb["Plan d'action"].iter_rows()]
    ind = [[c.value for c in row] for row in wb["Indicateurs"].iter_rows()]
    return plan, ind
(pa, ia), (pb, ib) = cells(sys.argv[1]), cells(sys.argv[2])
for what, a, b in (("Plan d'action", pa, pb), ("Indicateurs", ia, ib)):
    if a != b or len(a) < 2:
        for x, y in zip(a, b):
            if x != y:
                print(what, "avant :", x, "\naprès :", y)
                break
        sys.exit(1)
    print(what, ":", len(a), "lignes identiques")
PY

# Importing the export back into its own database changes nothing.
expect_status 0 "$SUIVI_BIN" --db "$A" import "$T/a.xlsx"
contains "$T/out" "0 créée, 0 modifiée, 40 inchangées, 0 conflit"
contains "$T/out" "0 créé, 0 mis à jour, 15 inchangés"

# The "à communiquer" flag: flagged in A, flagged in B.
FLAGGED="1. Places d'accueil du jeune enfant (places) [à communiquer]"
contains "$T/A.ind" "$FLAGGED"
contains "$T/B.ind" "$FLAGGED"
[ "$(grep -c '\[à communiquer\]' "$T/A.ind")" -ge 2 ] || fail "moins de deux indicateurs à communiquer dans la démo"
# Unticked in the file (as a person would, with another program): A
# follows, the change is reported and journaled, nothing else changes.
/usr/bin/python3 - "$T/a.xlsx" "$T/a-non.xlsx" "$T/a-sans.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Indicateurs"]
head = [c.value for c in ws[1]]
col = head.index("À communiquer") + 1
rows = [r for r in range(2, ws.max_row + 1)
        if ws.cell(r, 3).value == "Places d'accueil du jeune enfant"]
assert len(rows) == 1 and ws.cell(rows[0], col).value == "Oui", rows
ws.cell(rows[0], col).value = "non"
wb.save(sys.argv[2])
# The same sheet without the column, as a city's own table would be.
wb = openpyxl.load_workbook(sys.argv[1])
wb["Indicateurs"].delete_cols(col)
wb.save(sys.argv[3])
PY
expect_status 0 "$SUIVI_BIN" --db "$A" import "$T/a-non.xlsx"
contains "$T/out" "0 créé, 1 mis à jour, 14 inchangés"
contains "$T/out" "indicateur modifié 1.2 : « Places d'accueil du jeune enfant » : à communiquer (Non)"
"$SUIVI_BIN" --db "$A" show 1.2 | sed -n '/^Indicateurs clés/,$p' >"$T/A12.ind"
contains "$T/A12.ind" "1. Places d'accueil du jeune enfant (places)"
lacks "$T/A12.ind" "communiquer"
"$SUIVI_BIN" --db "$A" history 1.2 >"$T/hist"
contains "$T/hist" "communiquer"
# Without the column: nothing changes, in A (whose other flags stay set)
# nor in B (where 1.2 stays flagged); new indicators are not flagged.
for db in A B; do
	eval f=\$$db
	for ref in $(cut -f1 "$T/$db.tsv" | tail -n +2); do
		"$SUIVI_BIN" --db "$f" show "$ref" | sed -n '/^Indicateurs clés/,$p'
	done >"$T/$db.before"
	expect_status 0 "$SUIVI_BIN" --db "$f" import "$T/a-sans.xlsx"
	contains "$T/out" "0 créé, 0 mis à jour, 15 inchangés"
	for ref in $(cut -f1 "$T/$db.tsv" | tail -n +2); do
		"$SUIVI_BIN" --db "$f" show "$ref" | sed -n '/^Indicateurs clés/,$p'
	done >"$T/$db.after"
	cmp -s "$T/$db.before" "$T/$db.after" || { diff "$T/$db.before" "$T/$db.after"; fail "drapeaux modifiés sans colonne ($db)"; }
done
contains "$T/B.after" "$FLAGGED"
F=$T/f.db
"$SUIVI_BIN" --db "$F" init --collectivite "Ville sans colonne" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$F" import "$T/a-sans.xlsx"
contains "$T/out" "15 créés, 0 mis à jour"
"$SUIVI_BIN" --db "$F" show 1.2 >"$T/F12"
contains "$T/F12" "1. Places d'accueil du jeune enfant (places)"
lacks "$T/F12" "communiquer"

# The same round trip through our CSV export ("Plan d'action" only).
C=$T/c.db
"$SUIVI_BIN" --db "$A" export --format csv -o "$T/a.csv" >/dev/null
"$SUIVI_BIN" --db "$C" init --collectivite "Ville CSV" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$C" import "$T/a.csv"
"$SUIVI_BIN" --db "$C" list --format tsv | cut -f1-21 >"$T/C.tsv"
cmp -s "$T/A.tsv" "$T/C.tsv" || { diff "$T/A.tsv" "$T/C.tsv" | head; fail "plan différent après CSV"; }

# Two indicators of one action may share a label (the store allows it, so
# our export can hold them): they come back as two, each with its own
# values, and importing the file again into either base changes nothing.
D=$T/d.db
E=$T/e.db
"$SUIVI_BIN" --db "$D" init --collectivite "Ville doublons" >/dev/null
"$SUIVI_BIN" --db "$D" add --engagement 1 --intitule "Action à deux indicateurs" >/dev/null
"$SUIVI_BIN" --db "$D" indicateur 1.1 --ajouter "Nombre d'enfants" unite=enfants valeur_2024=10 >/dev/null
"$SUIVI_BIN" --db "$D" indicateur 1.1 --ajouter "Nombre d'enfants" unite=jeunes valeur_2024=20 >/dev/null
"$SUIVI_BIN" --db "$D" export -o "$T/d.xlsx" >/dev/null
"$SUIVI_BIN" --db "$E" init --collectivite "Ville doublons" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$E" import "$T/d.xlsx"
contains "$T/out" "Indicateurs clés (feuille « Indicateurs ») : 2 créés, 0 mis à jour"
for db in D E; do
	eval f=\$$db
	"$SUIVI_BIN" --db "$f" show 1.1 | sed -n '/^Indicateurs clés/,$p' >"$T/$db.ind"
done
contains "$T/E.ind" "enfants"
contains "$T/E.ind" "jeunes"
cmp -s "$T/D.ind" "$T/E.ind" || { diff "$T/D.ind" "$T/E.ind"; fail "indicateurs de même libellé différents"; }
for db in D E; do
	eval f=\$$db
	expect_status 0 "$SUIVI_BIN" --db "$f" import "$T/d.xlsx"
	contains "$T/out" "0 créé, 0 mis à jour, 2 inchangés"
done
# A change to the second one in the file updates the second one only.
/usr/bin/python3 - "$T/d.xlsx" "$T/d2.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Indicateurs"]
head = [c.value for c in ws[1]]
col = head.index(2024) + 1
rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == 20]
assert len(rows) == 1, rows
ws.cell(rows[0], col).value = 25
wb.save(sys.argv[2])
PY
expect_status 0 "$SUIVI_BIN" --db "$E" import --forcer "$T/d2.xlsx"
contains "$T/out" "0 créé, 1 mis à jour, 1 inchangé"
"$SUIVI_BIN" --db "$E" show 1.1 | sed -n '/^Indicateurs clés/,$p' >"$T/E2.ind"
sed 's/\b20\b/25/' "$T/D.ind" >"$T/D2.ind"
cmp -s "$T/D2.ind" "$T/E2.ind" || { diff "$T/D2.ind" "$T/E2.ind"; fail "mauvais indicateur modifié"; }
