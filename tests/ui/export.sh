#!/bin/sh
# Proves: F6 exports the yearly spreadsheet from the interface to the
# file name given, and the file is a workbook with the plan's rows; t,
# its letter (for terminals that keep F6), does the same.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24 SUIVI_NOW=2026-03-01
# export_to KEY FILE: opens the export with KEY, keeps the proposed year
# and writes FILE instead of the proposed name.
export_to() {
	ui_keys "$1"
	ui_wait_for "année du bilan"
	ui_keys Enter
	ui_wait_for "Nom du fichier à écrire"
	ui_keys C-a
	i=0
	while [ $i -lt 60 ]; do ui_keys DC; i=$((i + 1)); done
	ui_type "$2"
	ui_keys Enter
}
export_to F6 "$T/sortie.xlsx"
ui_wait_for "Tableau de suivi 2026 exporté"
[ -s "$T/sortie.xlsx" ] || fail "fichier absent"
/usr/bin/python3 - "$T/sortie.xlsx" <<'PY' || fail "classeur illisible"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Plan d'action"]
refs = [str(r[0].value) for r in ws.iter_rows(min_row=2) if r[0].value]
assert "1.1" in refs and "5.8" in refs, refs[:5]
PY
export_to t "$T/lettre.xlsx"
i=0
while [ ! -s "$T/lettre.xlsx" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T/lettre.xlsx" ] || fail "t n'a pas exporté"
ui_keys q
ui_wait_exit
