#!/bin/sh
# Proves: setting "Action annulée" asks for the reason and the year
# (defaulting to the current year within the mandate) and stores all three
# in one save; the plan then shows the A flag.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24 SUIVI_NOW=2026-03-01
ui_keys Down
ui_wait_for "1.2"
ui_keys Enter
ui_wait_for "Action 1.2"
# From Intitulé (row 4) down to Action annulée (row 18).
i=0
while [ $i -lt 14 ]; do ui_keys Down; i=$((i + 1)); done
ui_wait_for "Action annulée — Espace pour cocher"
ui_keys Space
ui_wait_for "Motif de l'annulation (obligatoire)"
ui_type "Équipement fermé : reprise par l'intercommunalité"
ui_keys Enter
ui_wait_for "Année d'annulation"
ui_wait_for "2026"
ui_keys Enter
ui_wait_for "Enregistré."
[ "$(ui_field 1.2 cancelled)" = 1 ] || fail "1.2 non annulée"
[ "$(ui_field 1.2 cancelled_reason)" = "Équipement fermé : reprise par l'intercommunalité" ] || fail "motif : $(ui_field 1.2 cancelled_reason)"
[ "$(ui_field 1.2 cancelled_year)" = 2026 ] || fail "année : $(ui_field 1.2 cancelled_year)"
ui_keys Escape
ui_wait_for "Plan d'action"
grep -q "^ 1\.2 .* \.\.A\. " "$T/screen" || fail "drapeau A de 1.2 absent"
ui_keys q
ui_wait_exit
