#!/bin/sh
# Proves: the designation of a priority action is shown but cannot be
# edited: Enter explains why and the database is unchanged.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
before=$(ui_field 1.1 designation)
ui_start 80 24
ui_keys Enter
ui_wait_for "Action 1.1 [prioritaire UNICEF France]"
ui_wait_for "intitulé fixé par le"
ui_keys Enter
ui_wait_for "Intitulé non modifiable : c'est une action prioritaire"
ui_keys e
ui_wait_for "Intitulé non modifiable"
lacks "$T/screen" "Entrée valider"
[ "$(ui_field 1.1 designation)" = "$before" ] || fail "intitulé modifié"
suivi history 1.1 >"$T/h"
lacks "$T/h" "Intitulé de l'action"
contains "$T/h" "créé(e)"
ui_keys q
ui_wait_exit
