#!/bin/sh
# ui_hangup.sh - the terminal disappearing (SIGHUP) while the multi-line
# editor holds unsaved text, and while idle: suivi exits, the database is
# consistent (`suivi check`), the edit confirmed before is there and the
# unsaved text is not. With the terminal still present, SIGHUP, SIGTERM
# and SIGINT (Ctrl-C) in the editor also restore it (the shell prompt
# comes back on a clean screen).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"

ui_demo
ui_pid() {
	pp=$(tmux -L "$UI_SOCK" display-message -p '#{pane_pid}')
	pgrep -P "$pp" | head -1
}
wait_dead() {
	n=0
	while kill -0 "$1" 2>/dev/null; do
		[ $n -lt 100 ] || fail "suivi ne s'arrête pas après $2"
		sleep 0.05
		n=$((n + 1))
	done
}
# open_comments : the editor of 1.2's "Commentaires / état d'avancement".
open_comments() {
	ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
}
consistent() {	# $1: text that must be there, $2: text that must not
	expect_status 0 suivi check
	contains "$T/out" "Intégrité de la base : ok"
	expect_status 0 suivi show 1.2
	contains "$T/out" "$1"
	lacks "$T/out" "$2"
	if grep -q "Sanitizer\|runtime error" "$T/log" 2>/dev/null; then
		cat "$T/log" >&2
		fail "erreur mémoire"
	fi
}

# 1. A confirmed edit, then unsaved text, then the terminal is gone.
ui_start 80 24
open_comments
ui_type " Confirmé-un."
ui_keys F2
ui_wait_for "Enregistré."
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " Jamais-enregistré-un."
ui_wait_for "Jamais-enregistré-un."
pid=$(ui_pid)
tmux -L "$UI_SOCK" kill-session
wait_dead "$pid" "la fermeture du terminal"
consistent "Confirmé-un." "Jamais-enregistré-un."
# The text typed is kept as a draft, outside the base.
grep -q "Jamais-enregistré-un." "$XDG_STATE_HOME/suivi/"*.brouillon ||
    fail "pas de brouillon après la fermeture du terminal"
rm -f "$XDG_STATE_HOME/suivi/"*.brouillon

# 2. SIGHUP while idle on the plan.
ui_new_server
ui_start 80 24
pid=$(ui_pid)
kill -HUP "$pid"
ui_wait_exit
[ "$ui_rc" = 129 ] || fail "statut $ui_rc après SIGHUP"
ui_wait_for 'fin$'
lacks "$T/screen" "10Quitter"
consistent "Confirmé-un." "Jamais-enregistré-un."

# 3. SIGHUP, SIGTERM, SIGINT (Ctrl-C, then "Oui" to its question) with
# unsaved text in the editor: exit 128+N, the terminal is restored,
# nothing unsaved is written to the base (HUP and TERM keep it as a
# draft: tests/ui/draft.sh).
for sig in HUP TERM INT; do
	ui_new_server
	ui_start 80 24
	open_comments
	ui_type " Abandonné-$sig."
	ui_wait_for "Abandonné-$sig."
	pid=$(ui_pid)
	if [ $sig = INT ]; then
		# Ctrl-C asks what Esc asks (tests/ui/ctrl_c_editor.sh).
		ui_keys C-c
		ui_wait_for "Abandonner les modifications de ce texte ?"
		ui_keys o
	else
		kill -$sig "$pid"
	fi
	ui_wait_exit
	case $sig in HUP) want=129 ;; TERM) want=143 ;; INT) want=130 ;; esac
	[ "$ui_rc" = $want ] || fail "statut $ui_rc après SIG$sig (attendu $want)"
	ui_wait_for 'fin$'
	lacks "$T/screen" "F2/Ctrl-S enregistrer"
	lacks "$T/screen" "Abandonné-$sig."
	consistent "Confirmé-un." "Abandonné-$sig."
	if [ $sig = INT ]; then
		! ls "$XDG_STATE_HOME/suivi/"*.brouillon >/dev/null 2>&1 ||
		    fail "brouillon d'un texte abandonné (Ctrl-C, Oui)"
	else
		grep -q "Abandonné-$sig." "$XDG_STATE_HOME/suivi/"*.brouillon ||
		    fail "pas de brouillon après SIG$sig"
		rm -f "$XDG_STATE_HOME/suivi/"*.brouillon
	fi
done
echo "ui_hangup : SIGHUP (terminal fermé, inactif), SIGTERM, SIGINT : ok"
