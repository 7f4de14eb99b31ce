#!/bin/sh
# Proves: Esc in a one-line prompt with something typed (search, export
# year, export file name, an action's one-line field) cancels it at once:
# no "Abandonner ?" question, no loop between the prompt and the
# question, and nothing is changed or written.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
state >"$T/before"
cd "$T"	# an export would land here
ui_start 80 24

# Search: "/ abc Esc" used to alternate with "Abandonner…" forever.
ui_keys /
ui_wait_for "Rechercher"
ui_type "abc"
ui_wait_for "abc"
ui_keys Escape
# F1 reaches the plan only once the prompt is gone.
ui_keys F1
ui_wait_for "Aide — toutes les touches"
lacks "$T/screen" "Abandonner"
ui_keys Escape
ui_wait_for "Plan d'action"
lacks "$T/screen" "Recherche « abc »"

# Export: year prompt, then the file name prompt.
ui_keys F6
ui_wait_for "année du bilan"
ui_type "9"
ui_keys Escape
ui_keys F1
ui_wait_for "Aide — toutes les touches"
lacks "$T/screen" "Abandonner"
ui_keys Escape
ui_wait_for "Plan d'action"
ui_keys F6
ui_wait_for "année du bilan"
ui_keys Enter
ui_wait_for "Nom du fichier à écrire"
ui_type "-essai"
ui_keys Escape
ui_keys F1
ui_wait_for "Aide — toutes les touches"
lacks "$T/screen" "Abandonner"
ui_keys Escape
ui_wait_for "Plan d'action"

# A one-line field of an action (Partenaires).
ui_open_field_line() {
	ui_keys /
	ui_wait_for "Rechercher"
	ui_type "crèche des Tilleuls"
	ui_keys Enter
	ui_wait_for "trouvée"
	ui_keys Enter
	ui_wait_for "Action 1.2"
	_n=0
	while [ $_n -lt 30 ]; do
		ui_capture
		grep -qx " Partenaires *" "$T/screen" && break
		ui_keys Down
		sleep 0.05
		_n=$((_n + 1))
	done
	ui_keys Enter
	ui_wait_for "Entrée valider · Échap annuler"
}
ui_open_field_line
ui_type " LaPoste"
ui_wait_for "LaPoste"
ui_keys Escape
ui_wait_gone "Entrée valider · Échap annuler"
lacks "$T/screen" "Abandonner"
grep -qx " Partenaires *" "$T/screen" || fail "retour à l'action attendu : $(cat "$T/screen")"
ui_keys Escape
ui_wait_for "Plan d'action"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
state >"$T/after"
cmp -s "$T/before" "$T/after" || fail "la base a changé : $(diff "$T/before" "$T/after" | head -5)"
ls "$T" | grep -qi "xlsx" && fail "un fichier a été exporté : $(ls "$T")"
true
