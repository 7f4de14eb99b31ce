#!/bin/sh
# Proves: the Évolution screen (F8, o, and o from Synthèse) lists what
# `suivi evolution` lists, since the initial plan by default; r cycles the
# reference through the done reviews (2024, 2025) and back; Enter opens the
# action of the selected change; a change made meanwhile with the command
# line (an action cancelled) appears on the screen. F1 lists the keys.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
count() { suivi evolution "$@" | tail -n +2 | grep -c .; }
n0=$(count)
n24=$(count --depuis 2024)
n25=$(count --depuis 2025)
[ "$n0" -gt "$n24" ] || fail "la démo devrait avoir plus de changements depuis le plan initial"
first=$(suivi evolution | sed -n 2p | awk '{ print $1 }')
ui_start 80 24
# The help screen, made from the key table, lists the new keys.
ui_keys F1
ui_wait_for "F8                     Évolution depuis le plan initial ou un bilan"
ui_wait_for "o                      Évolution"
ui_wait_for "m                      Mandats : voir un archivé, reprendre les actions"
ui_wait_for "i                      Importer un tableau XLSX ou CSV (essai d'abord)"
ui_keys F8
ui_wait_for "Évolution depuis le plan initial : $n0 changements"
ui_keys r
ui_wait_for "Évolution depuis le bilan 2024 : $n24 changements"
ui_keys r
ui_wait_for "Évolution depuis le bilan 2025 : $n25 changements"
ui_keys r
ui_wait_for "Évolution depuis le plan initial : $n0 changements"
# Enter opens the action of the first change.
ui_keys Enter
ui_wait_for "Action $first "
ui_keys Escape
ui_wait_for "Évolution depuis le plan initial"
# From Synthèse, o.
ui_keys s
ui_wait_for "Synthèse par engagement"
ui_keys o
ui_wait_for "Évolution depuis le plan initial : $n0 changements"
# Another user cancels 3.1: the list follows.
suivi set 3.1 cancelled=1 "cancelled_reason=Reprise par la métropole" cancelled_year=2026 >/dev/null
n1=$(count)
[ "$n1" -gt "$n0" ] || fail "l'annulation devrait ajouter un changement"
suivi evolution | grep -q "^  3.1 .*annulée" || fail "3.1 annulée absente de suivi evolution"
ui_wait_for "Évolution depuis le plan initial : $n1 changements"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
