#!/bin/sh
# Proves: on Présentation, ticking "Bilan annuel - Fait" for 2026 first
# shows the vérification avant envoi of 2026, then asks; "oui" ticks it in
# the database. Unticking asks for confirmation.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_keys F3
ui_wait_for "Bilans annuels"
ui_keys End Up
ui_wait_for "2026   [ ]"
ui_keys Space
ui_wait_for "Vérification avant envoi 2026"
ui_wait_for "Cocher « Bilan annuel - Fait » pour 2026"
ui_keys o
ui_wait_for "Bilan 2026 : fait, plan figé."
ui_wait_for "2026   [x] Fait"
suivi bilan >"$T/b"
grep "2026" "$T/b" | grep -q "Fait\|Oui\|fait" || fail "bilan 2026 non fait : $(cat "$T/b")"
ui_keys Space
ui_wait_for "Décocher « Bilan annuel - Fait » pour 2026"
ui_keys n
ui_wait_for "Bilan 2026 inchangé."
ui_keys q
ui_wait_exit
