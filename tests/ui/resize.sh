#!/bin/sh
# Proves: below 80x24 a French message asks for a larger window, tiny
# sizes (20x5, 1x1) do not crash, and back at 80x24 the plan is redrawn.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_wait_for "1. Le bien-être"
tmux -L "$UI_SOCK" resize-window -x 60 -y 20
ui_wait_for "Fenêtre trop petite"
lacks "$T/screen" "10Quitter"
tmux -L "$UI_SOCK" resize-window -x 20 -y 5
ui_wait_for "Fenêtre trop"
tmux -L "$UI_SOCK" resize-window -x 1 -y 1
tmux -L "$UI_SOCK" resize-window -x 120 -y 40
ui_wait_for "10Quitter"
ui_wait_for "4. La participation et l'engagement de chaque enfant et chaque jeune dans"
tmux -L "$UI_SOCK" resize-window -x 80 -y 24
ui_wait_gone "dans la vie"
ui_wait_for "1. Le bien-être"
[ ! -f "$T/rc" ] || fail "suivi s'est arrêté : $(cat "$T/rc")"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
