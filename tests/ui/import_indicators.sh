#!/bin/sh
# Proves: importing from the interface a returned workbook whose only
# change is an indicator value is not "rien à changer": the dry run counts
# the indicator, and saying yes stores the new value (checked with
# `suivi indicateur`).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
export SUIVI_NOW='2026-05-01 10:00:00'
suivi init --demo >/dev/null
(cd "$T" && suivi export --annee 2026 -o "$T/retour.xlsx" >/dev/null)
/usr/bin/python3 - "$T/retour.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Indicateurs"]
hdr = [c.value for c in ws[1]]
col = hdr.index(2026) + 1
for row in ws.iter_rows(min_row=2):
    if row[0].value == "1.2":
        ws.cell(row=row[0].row, column=col, value=512)
        break
wb.save(sys.argv[1])
PY
ui_start 80 24 "SUIVI_NOW='2026-05-01 10:00:00'"
ui_wait_for "Toutes les actions (40)"
ui_keys i
ui_wait_for "chemin du fichier"
ui_type "$T/retour.xlsx"
ui_keys Enter
ui_wait_for "Import : essai"
ui_keys End
ui_wait_for "Indicateurs clés : 0 créé, 1 mis à jour."
ui_keys o
ui_wait_for "Import fait"
suivi indicateur 1.2 > "$T/ind"
contains "$T/ind" "2026 : 512"
ui_keys q
ui_wait_exit
