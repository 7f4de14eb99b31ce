#!/bin/sh
# Proves: with the editor open in a window below 80x24, the "Fenêtre trop
# petite" screen passes no key to the hidden text (letters, Enter,
# Backspace change nothing); what it offers is what q does: with a
# changed text, q leaves keeping the text as a draft (nothing typed into
# it, nothing written to the base), offered back at the next opening;
# with an unchanged text, q simply leaves.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
orig=$(ui_field 1.2 comments)
ui_start 80 24
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " NONSAUVE-1"
ui_wait_for "NONSAUVE-1"
tmux -L "$UI_SOCK" resize-window -x 60 -y 20
ui_wait_for "Fenêtre trop petite"
ui_type "abc"
ui_keys Enter BSpace BSpace Space
tmux -L "$UI_SOCK" resize-window -x 80 -y 24
ui_wait_for "F2/Ctrl-S enregistrer"
ui_wait_for "NONSAUVE-1"
ui_keys F2
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
[ "$got" = "$orig NONSAUVE-1" ] || fail "des touches ont atteint le texte caché : « $got »"

# q on the too-small screen with a changed text: leaves, keeps a draft.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " NONSAUVE-2"
ui_wait_for "NONSAUVE-2"
tmux -L "$UI_SOCK" resize-window -x 60 -y 20
ui_wait_for "Fenêtre trop petite"
ui_wait_for "gardé en brouillon"
ui_keys x q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc après q"
got=$(ui_field 1.2 comments)
[ "$got" = "$orig NONSAUVE-1" ] || fail "base modifiée par q : « $got »"
ls "$XDG_STATE_HOME/suivi/"*.brouillon >/dev/null 2>&1 || fail "pas de brouillon après q"

# The next opening offers it; Reprendre opens the editor on it.
ui_new_server
ui_start 80 24
ui_wait_for "Brouillon retrouvé"
ui_wait_for "Un brouillon non enregistré de « Commentaires » de l'action 1.2"
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_wait_for "NONSAUVE-2"
ui_keys F2
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
[ "$got" = "$orig NONSAUVE-1 NONSAUVE-2" ] || fail "brouillon repris mal enregistré : « $got »"
! ls "$XDG_STATE_HOME/suivi/"*.brouillon >/dev/null 2>&1 || fail "brouillon gardé après l'enregistrement"

# Unchanged text: q on the too-small screen just leaves.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
tmux -L "$UI_SOCK" resize-window -x 60 -y 20
ui_wait_for "(q pour quitter)"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc après q"
[ "$(ui_field 1.2 comments)" = "$orig NONSAUVE-1 NONSAUVE-2" ] || fail "base modifiée"
! ls "$XDG_STATE_HOME/suivi/"*.brouillon >/dev/null 2>&1 || fail "brouillon d'un texte inchangé"
