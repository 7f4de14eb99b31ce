#!/bin/sh
# ui_readonly.sh - a database the user cannot write (as root: suivi runs
# as nobody through setpriv on a 644 file, in a 755 directory — opened
# immutable — then in a 777 one; otherwise a 444 file) opens in a
# read-only interface that says so on its top line; every kind of edit
# (action fields, flags, indicators, new action, undo, import, the
# collectivité, reviews, assessments, the initial plan) gives a French
# message, and the file is byte for byte unchanged.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"

ui_demo
ro_msg="Lecture seule : cette base ne peut pas être modifiée"
# refused KEY... : the status line is cleared first (Ctrl-L), then the
# keys must bring the read-only message back.
refused() {
	ui_keys C-l
	ui_wait_gone "$ro_msg"
	ui_keys "$@"
	ui_wait_for "$ro_msg"
}

run_readonly() {	# $1 label, then env words for ui_start
	what=$1
	shift
	ui_new_server
	cp "$T/orig.db" "$DB"
	ui_start 80 24 "$@"
	ui_wait_for "lecture seule"
	head -1 "$T/screen" | grep -q "Mandat 2020-2026 — lecture seule" ||
	    fail "$what : ligne du haut : $(head -1 "$T/screen")"
	refused a
	refused u
	refused i
	# Action 1.2: designation, progress, a flag, an indicator.
	ui_keys /
	ui_wait_for "Rechercher"
	ui_type "crèche des Tilleuls"
	ui_keys Enter
	ui_wait_for "trouvée"
	ui_keys Enter
	ui_wait_for "Action 1.2"
	refused Enter
	refused Down Down Enter
	refused e
	ui_keys End
	ui_wait_for "Nouvel indicateur clé"
	refused Enter
	ui_keys Up
	ui_wait_for "Indicateur clé"
	refused Enter
	refused DC
	ui_keys Escape
	ui_wait_gone "Action 1.2 "
	# Présentation: the name, a review (tick and comments), initial plan.
	ui_keys F3
	ui_wait_for "Bilans annuels"
	refused Enter
	ui_keys End
	ui_wait_for "Plan d'action initial"
	ui_keys Up Up
	refused Space
	ui_keys C-l
	ui_wait_gone "$ro_msg"
	ui_keys Enter
	ui_wait_for "Modifier les commentaires"
	ui_keys Down Enter
	ui_wait_for "$ro_msg"
	# Synthèse: an assessment.
	ui_keys F5
	ui_wait_for "Synthèse par engagement"
	refused Enter
	ui_keys F10
	ui_wait_exit
	[ "$ui_rc" = 0 ] || fail "$what : statut $ui_rc"
	cmp -s "$T/orig.db" "$DB" || fail "$what : la base a changé"
	echo "$what : lecture seule respectée"
}

suivi backup "$T/orig.db" >/dev/null
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir "$T/ro"
	DB=$T/ro/t.db
	chmod 755 "$T" "$T/ro"
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 644 "$T/orig.db"
	run_readonly "fichier 644, dossier 755 (immuable)" $as_nobody
	chmod 777 "$T/ro"
	run_readonly "fichier 644, dossier 777" $as_nobody
	chmod 700 "$T"
else
	cp "$T/orig.db" "$DB"
	chmod 444 "$DB"
	run_readonly "fichier 444" 
fi
