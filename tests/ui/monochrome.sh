#!/bin/sh
# Proves: without colours (NO_COLOR=1, and a monochrome terminal
# TERM=xterm-mono) the interface stays usable: no colour is emitted, the
# selected row is in reverse video, priority / added / cancelled / good
# practice show as P S A B markers, the action screen says
# "[prioritaire UNICEF France]", Synthèse marks the selected engagement;
# an edit made there reaches the database. With colours, priority rows are
# blue (the check below would see a colour if one were emitted).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ESC=$(printf '\033')
ui_demo
ui_capture_e() { tmux -L "$UI_SOCK" capture-pane -e -p >"$T/escreen"; }
line_of() { grep -F -- "$1" "$T/escreen" | head -1; }
# With colours: the priority row 1.4 has a blue background.
ui_start 80 24
ui_capture_e
line_of " 1.4 " | grep -q "${ESC}\[44m" || fail "pas de fond bleu pour l'action prioritaire en couleur"
ui_keys q
ui_wait_exit
check_mono() {
	ui_capture_e
	if grep -q "${ESC}\[\([34][0-7]\|[34]8;\)" "$T/escreen"; then
		cat -v "$T/escreen" | head -10 >&2
		fail "$1 : une couleur est émise"
	fi
	line_of " 1.1 " | grep -q "^${ESC}\[[0-9;]*7m 1.1 " || fail "$1 : la ligne choisie n'est pas en vidéo inverse"
	line_of " 1.1 " | grep -q " P\.\.[.B] " || fail "$1 : marque P absente"
	line_of " 1.4 " | grep -q " P\.\.B " || fail "$1 : marques P et B absentes"
	line_of " 1.5 " | grep -q " \.\.A\. " || fail "$1 : marque A (annulée) absente"
	line_of " 1.8 " | grep -q " \.S\.\. " || fail "$1 : marque S absente"
	ui_keys Enter
	ui_wait_for "Action 1.1 [prioritaire UNICEF France]"
	# A flag toggled without colours reaches the database. (Only arrows:
	# tmux sends Home/End as its own terminal, not as xterm-mono, does.)
	i=0
	while [ $i -lt 17 ]; do ui_keys Down; i=$((i + 1)); done
	ui_wait_for "Bonne pratique à valoriser — Espace pour cocher/décocher"
	ui_keys Space
	ui_wait_for "Enregistré."
	[ "$(ui_field 1.1 good_practice)" = "$2" ] || fail "$1 : bonne pratique non enregistrée"
	ui_keys Escape s
	ui_wait_for "Synthèse par engagement"
	ui_keys Down
	ui_wait_for ">2. La lutte"
	ui_keys q
	ui_wait_exit
	[ "$ui_rc" = 0 ] || fail "$1 : statut $ui_rc"
}
ui_new_server
ui_start 80 24 NO_COLOR=1
check_mono NO_COLOR=1 1
ui_new_server
ui_start 80 24 TERM=xterm-mono
check_mono TERM=xterm-mono 0
