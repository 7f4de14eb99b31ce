#!/bin/sh
# Proves (issue 13): a change made by another process while keys are
# being pressed is not lost. The screen compares the database's change
# counter (PRAGMA data_version) with the last value it saw; it used to
# reset it after every key, so a `suivi set` (modifier) landing between two keys
# never showed up, not even once the keys stopped.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_wait_for "1.1   Ouvrir un lieu"
# Keys every 0.1 s (quicker than the 0.5 s idle poll) for about 3 s.
(
	i=0
	while [ $i -lt 15 ]; do
		tmux -L "$UI_SOCK" send-keys Down 2>/dev/null || exit 0
		sleep 0.1
		tmux -L "$UI_SOCK" send-keys Up 2>/dev/null || exit 0
		sleep 0.1
		i=$((i + 1))
	done
	: >"$T/keys-done"
) &
keys=$!
sleep 0.5
suivi set 1.1 progress=Réalisée >/dev/null	# (alias : suivi modifier)
wait "$keys"
[ -f "$T/keys-done" ] || fail "les touches n'ont pas toutes été envoyées"
[ "$(ui_field 1.1 progress)" = "Réalisée" ] || fail "modification non enregistrée"
# The keys have stopped: the new value must be on the screen.
ui_wait_for "1.1   Ouvrir un lieu d'accueil enf Réalisée"
ui_keys q
ui_wait_exit
