#!/bin/sh
# Proves: a flag toggled in the interface is saved at once, and u undoes
# it through the journal.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
[ "$(ui_field 1.2 good_practice)" = 0 ] || fail "1.2 déjà bonne pratique"
ui_start 80 24
ui_keys Down Enter
ui_wait_for "Action 1.2"
i=0
while [ $i -lt 17 ]; do ui_keys Down; i=$((i + 1)); done
ui_wait_for "Bonne pratique à valoriser — Espace"
ui_keys Space
ui_wait_for "Enregistré."
[ "$(ui_field 1.2 good_practice)" = 1 ] || fail "bonne pratique non enregistrée"
ui_keys u
ui_wait_for "Modification défaite : action 1.2 : Bonne pratique"
[ "$(ui_field 1.2 good_practice)" = 0 ] || fail "annulation sans effet"
ui_keys q
ui_wait_exit
