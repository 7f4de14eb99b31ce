#!/bin/sh
# Proves: a workbook with one sheet per year (their N° overlap) is not
# imported blindly from the interface: the dialog says why and names the
# sheets, asks which one, and imports that one only (the plan its
# generator expects, tests/data/import/shapes/une-feuille-par-annee.xlsx).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
F=$(cd "$(dirname "$0")/../data/import/shapes" && pwd)/une-feuille-par-annee.xlsx
suivi init --collectivite "Ville de Test" >/dev/null
ui_start 100 30 "SUIVI_NOW='2025-06-01 10:00:00'"
ui_wait_for "Toutes les actions (0)"
ui_keys i
ui_wait_for "chemin du fichier"
ui_type "$F"
ui_keys Enter
ui_wait_for "Import : plusieurs feuilles"
ui_wait_for "recouvrent (N° 1.1 dans « 2024 » et dans « 2025 »)"
ui_keys Enter
ui_wait_for "Nom de la feuille à importer"
ui_type "2025"
ui_keys Enter
ui_wait_for "Import : essai"
ui_wait_for "feuille « 2025 »"
ui_keys o
ui_wait_for "pas encore figé"
ui_keys n
ui_wait_for "Toutes les actions (6)"
suivi list --format tsv >"$T/got.tsv"
cmp -s "$T/got.tsv" "$F.tsv.feuille" || { diff "$F.tsv.feuille" "$T/got.tsv" | head; fail "plan importé différent"; }
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
