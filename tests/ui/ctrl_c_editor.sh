#!/bin/sh
# Proves: Ctrl-C in the editor with a changed text asks the question Esc
# asks instead of dropping the text: "Non" goes back to the text (which
# can then be saved), "Oui" abandons it and leaves with status 130, a
# second Ctrl-C while asked leaves keeping the text as a draft. Where
# nothing is being edited (the plan, an unchanged text), Ctrl-C still
# leaves at once with status 130.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
orig=$(ui_field 1.2 comments)
ui_start 80 24
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " GARDÉ-CtrlC."
ui_wait_for "GARDÉ-CtrlC."
ui_keys C-c
ui_wait_for "Abandonner les modifications de ce texte ?"
ui_keys n
ui_wait_gone "Abandonner les modifications"
ui_wait_for "GARDÉ-CtrlC."
ui_keys F2
ui_wait_for "Enregistré."
[ "$(ui_field 1.2 comments)" = "$orig GARDÉ-CtrlC." ] || fail "texte perdu après Ctrl-C puis Non : « $(ui_field 1.2 comments) »"

# Oui: the text is abandoned, suivi leaves as interrupted.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " ABANDONNÉ-CtrlC."
ui_wait_for "ABANDONNÉ-CtrlC."
ui_keys C-c
ui_wait_for "Abandonner les modifications de ce texte ?"
ui_keys o
ui_wait_exit
[ "$ui_rc" = 130 ] || fail "statut $ui_rc après Ctrl-C puis Oui"
[ "$(ui_field 1.2 comments)" = "$orig GARDÉ-CtrlC." ] || fail "texte abandonné enregistré"
! ls "$XDG_STATE_HOME/suivi/"*.brouillon >/dev/null 2>&1 || fail "brouillon gardé d'un texte abandonné"

# Ctrl-C twice: leaves, the text kept as a draft.
ui_new_server
ui_start 80 24
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " BROUILLON-CtrlC."
ui_wait_for "BROUILLON-CtrlC."
ui_keys C-c
ui_wait_for "Abandonner les modifications de ce texte ?"
ui_keys C-c
ui_wait_exit
[ "$ui_rc" = 130 ] || fail "statut $ui_rc après deux Ctrl-C"
[ "$(ui_field 1.2 comments)" = "$orig GARDÉ-CtrlC." ] || fail "base modifiée"
grep -q "BROUILLON-CtrlC." "$XDG_STATE_HOME/suivi/"*.brouillon || fail "pas de brouillon après deux Ctrl-C"
rm -f "$XDG_STATE_HOME/suivi/"*.brouillon

# Nothing being edited: Ctrl-C leaves at once (plan, unchanged text).
ui_new_server
ui_start 80 24
ui_keys C-c
ui_wait_exit
[ "$ui_rc" = 130 ] || fail "statut $ui_rc après Ctrl-C sur le plan"
ui_new_server
ui_start 80 24
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_keys C-c
ui_wait_exit
[ "$ui_rc" = 130 ] || fail "statut $ui_rc après Ctrl-C sur un texte inchangé"
[ "$(ui_field 1.2 comments)" = "$orig GARDÉ-CtrlC." ] || fail "base modifiée"
