#!/bin/sh
# import_indicators.sh - proves that the "Indicateurs" sheet is imported:
# an indicator whose label matches (case, accents, apostrophes ignored) is
# updated where the file differs (label, unit, a value, a comment) and
# journaled, a new one is created, the others are left unchanged; a
# city's sheet with only some columns keeps the stored unit and the years
# it has no column for; faulty cells (unknown N°, a year column outside
# the mandate) refuse the whole import and leave the database as it was;
# an indicator changed in the database since the export is a conflict
# unless --forcer. The files are edited with openpyxl (an independent
# writer).
. "$(dirname "$0")/../lib.sh"
set -e
suivi init --demo >/dev/null
suivi export -o "$T/a.xlsx" >/dev/null

/usr/bin/python3 - "$T" <<'PY'
import sys, openpyxl
T = sys.argv[1]
def rows_of(ws):
    return {(r[0].value, r[2].value): r for r in ws.iter_rows(min_row=2)}

# b.xlsx: edits of the export's Indicateurs sheet
wb = openpyxl.load_workbook(T + "/a.xlsx")
ws = wb["Indicateurs"]
head = [c.value for c in ws[1]]
col = {v: i for i, v in enumerate(head)}
r = rows_of(ws)[("1.2", "Places d'accueil du jeune enfant")]
r[2].value = "PLACES d\u2019accueil du jeune enfant"     # same, refolded
r[3].value = "places en crèche"
r[col[2025]].value = 475
r[col["Commentaire"]].value = "2025 : Crèche ouverte\nen septembre"
n = ws.max_row + 1
for k, v in {"N°": "2.1", "Indicateur": "Familles aidées",
             "Unité": "familles", 2024: 12, 2025: "15",
             "Commentaire": "2024 : Première année"}.items():
    ws.cell(row=n, column=col[k] + 1, value=v)
wb.save(T + "/b.xlsx")

# bad.xlsx: an unknown N° and a year column outside the mandate
ws.cell(row=n + 1, column=1, value="9.9")
ws.cell(row=n + 1, column=3, value="Indicateur orphelin")
ws.cell(row=1, column=col[2020] + 1, value=2019)
wb.save(T + "/bad.xlsx")

# city.xlsx: a city's own book, fewer columns, values as text
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Plan d'action"
ws.append(["N°", "Intitulé de l'action"])
ws.append(["1.2", "Augmenter l'offre d'accueil du jeune enfant avec la "
           "création de la crèche multi-accueil des Tilleuls"])
ind = wb.create_sheet("Indicateurs 2025")
ind.append(["Suivi des indicateurs"])
ind.append([])
ind.append(["N°", "Indicateur", "Valeur 2025", "Commentaires"])
ind.append(["1.2", "Places d'accueil du jeune enfant", "480",
            "Objectif atteint"])
wb.save(T + "/city.xlsx")
PY

# --- an edited export: one update, one creation, the rest unchanged
state >"$T/before"
expect_status 0 suivi import --dry-run "$T/b.xlsx"
contains "$T/out" "1 créé, 1 mis à jour, 14 inchangés"
state >"$T/after"
cmp -s "$T/before" "$T/after" || fail "--dry-run a modifié la base"

expect_status 0 suivi import "$T/b.xlsx"
contains "$T/out" "Indicateurs clés (feuille « Indicateurs ») : 1 créé, 1 mis à jour, 14 inchangés"
contains "$T/out" "indicateur modifié 1.2 : « PLACES d’accueil du jeune enfant » : libellé, unité, valeur 2025, commentaire 2025"
contains "$T/out" "indicateur créé 2.1 : « Familles aidées »"
suivi show 1.2 >"$T/show"
contains "$T/show" "1. PLACES d’accueil du jeune enfant (places en crèche) [à communiquer]"
contains "$T/show" "2024 : 440"
contains "$T/show" "2025 : 475 (Crèche ouverte"
suivi show 2.1 >"$T/show"
contains "$T/show" "Familles aidées (familles)"
contains "$T/show" "2024 : 12 (Première année)"
contains "$T/show" "2025 : 15"
suivi history 1.2 >"$T/hist"
contains "$T/hist" "470"
contains "$T/hist" "475"

# importing the same file again changes nothing more
expect_status 0 suivi import "$T/b.xlsx"
contains "$T/out" "0 créé, 0 mis à jour, 16 inchangés"

# --- faulty cells: named, nothing written
state >"$T/before"
expect_status 1 suivi import "$T/bad.xlsx"
contains "$T/err" "feuille « Indicateurs », ligne 1, colonne G : en-tête « 2019 » : pas une année du mandat 2020-2026"
contains "$T/err" "colonne A : N° 9.9 : aucune action de ce numéro"
state >"$T/after"
cmp -s "$T/before" "$T/after" || fail "un import refusé a modifié la base"

# --- a city's sheet: only the columns it has are applied
expect_status 0 suivi import "$T/city.xlsx"
contains "$T/out" "Indicateurs clés (feuille « Indicateurs 2025 ») : 0 créé, 1 mis à jour"
contains "$T/err" "commentaire sans année rattaché à 2025"
suivi show 1.2 >"$T/show"
contains "$T/show" "Places d'accueil du jeune enfant (places en crèche)"
contains "$T/show" "2024 : 440"
contains "$T/show" "2025 : 480 (Objectif atteint)"

# --- changed in the database since the export: a conflict
suivi export -o "$T/c.xlsx" >/dev/null
/usr/bin/python3 - "$T/c.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Indicateurs"]
for r in ws.iter_rows(min_row=2):
    if r[0].value == "1.2":
        r[5].value = 500          # Cible
wb.save(sys.argv[1])
PY
suivi indicateur 1.2 --numero 1 reference=421 >/dev/null
expect_status 1 suivi import "$T/c.xlsx"
contains "$T/out" "conflit  1.2 : indicateur « Places d'accueil du jeune enfant » laissé de côté"
suivi show 1.2 >"$T/show"
contains "$T/show" "cible : 480"
expect_status 0 suivi import --forcer "$T/c.xlsx"
suivi show 1.2 >"$T/show"
contains "$T/show" "cible : 500"
# the file's baseline wins with --forcer (it was exported before the change)
contains "$T/show" "référence : 420"
