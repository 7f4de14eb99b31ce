#!/bin/sh
# Proves: the long text being typed is kept as a draft, outside the base,
# in $XDG_STATE_HOME/suivi (directory 0700, file 0600, naming the base,
# the action and the field):
# - written a few seconds after the last change: a SIGKILL then loses
#   nothing, and the next opening offers it ("Un brouillon non enregistré
#   de « … » de l'action 2.4 (04/12/2026 17:05) a été retrouvé");
#   Reprendre opens the editor on it, F2 saves it and deletes the draft;
# - written at once on SIGHUP (terminal closed: tmux kill-session) and
#   SIGTERM; "Ignorer" keeps it for the next opening, "Supprimer" (after
#   a confirmation) deletes it, the base never changes meanwhile;
# - a text deliberately abandoned (Esc, Oui) loses its draft.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
DIR=$XDG_STATE_HOME/suivi
orig=$(ui_field 2.4 description)
ui_pid() {
	pp=$(tmux -L "$UI_SOCK" display-message -p '#{pane_pid}')
	pgrep -P "$pp" | head -1
}
# wait_draft TEXT : until a draft file holds TEXT (the autosave delay is
# 3 s: up to 10 s here).
wait_draft() {
	i=0
	while [ $i -lt 200 ]; do
		grep -qF -- "$1" "$DIR"/*.brouillon 2>/dev/null && return 0
		sleep 0.05
		i=$((i + 1))
	done
	ls -la "$DIR" >&2 2>/dev/null || echo "pas de dossier $DIR" >&2
	fail "aucun brouillon ne contient « $1 »"
}
no_draft() { ! ls "$DIR"/*.brouillon >/dev/null 2>&1 || fail "$1 : $(ls "$DIR")"; }
open_descr() {
	ui_keys /
	ui_wait_for "Rechercher"
	ui_type "parité filles-garçons"
	ui_keys Enter
	ui_wait_for "trouvée"
	ui_keys Enter
	ui_wait_for "Action 2.4"
	ui_keys Down Down
	ui_wait_for "Descriptif / analyse de l'action — Entrée pour modifier"
	ui_keys Enter
	ui_wait_for "F2/Ctrl-S enregistrer"
}

# 1. Autosave, then SIGKILL: the draft is there with the text.
ui_start 80 24 SUIVI_NOW="'2026-12-04 17:05'"
open_descr
ui_type " Tuer-9 : élèves,	tabulation."
ui_keys Enter
ui_type "Ligne deux « fin »."
ui_wait_for "Ligne deux"
wait_draft "Ligne deux « fin »."
pid=$(ui_pid)
kill -KILL "$pid"
ui_wait_exit
[ "$(stat -c %a "$DIR")" = 700 ] || fail "dossier en mode $(stat -c %a "$DIR")"
f=$(ls "$DIR"/*.brouillon)
[ "$(echo "$f" | wc -l)" = 1 ] || fail "plusieurs brouillons : $f"
[ "$(stat -c %a "$f")" = 600 ] || fail "brouillon en mode $(stat -c %a "$f")"
grep -qx "base=$(readlink -f "$DB")" "$f" || fail "la base n'est pas nommée : $(head -8 "$f")"
grep -qx "ref=2.4" "$f" || fail "l'action n'est pas nommée"
grep -qx "field=description" "$f" || fail "le champ n'est pas nommé"
[ "$(ui_field 2.4 description)" = "$orig" ] || fail "base modifiée par le brouillon"
ls "$DIR" | grep -q "tmp" && fail "fichier temporaire laissé : $(ls "$DIR")"
cp "$f" "$T/copie.brouillon"

ui_new_server
ui_start 80 24
ui_wait_for "Un brouillon non enregistré de « Descriptif / analyse de l'action » de"
ui_wait_for "l'action 2.4 (04/12/2026 17:05) a été retrouvé : le reprendre ?"
ui_wait_for "Reprendre le texte"
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_wait_for "Ligne deux « fin »."
ui_keys F2
ui_wait_for "Enregistré."
got=$(ui_field 2.4 description)
# The editor turns a tab into a space; the rest is kept as typed.
want="$orig Tuer-9 : élèves, tabulation.\\nLigne deux « fin »."
[ "$got" = "$want" ] || fail "brouillon repris : « $got »"
no_draft "brouillon gardé après l'enregistrement"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
saved=$(ui_field 2.4 description)
# A draft holding exactly the stored text (killed after the save, before
# the draft went) is not offered: it is removed.
cp "$T/copie.brouillon" "$f"
ui_new_server
ui_start 80 24
ui_wait_for "1. Le bien-être"
lacks "$T/screen" "Brouillon retrouvé"
no_draft "brouillon identique au texte enregistré gardé"
ui_keys q
ui_wait_exit

# 2. The terminal closes while typing (no wait): SIGHUP keeps the draft.
ui_new_server
ui_start 80 24
open_descr
ui_type " Fermé-HUP."
ui_wait_for "Fermé-HUP."
pid=$(ui_pid)
tmux -L "$UI_SOCK" kill-session
n=0
while kill -0 "$pid" 2>/dev/null; do
	[ $n -lt 100 ] || fail "suivi ne s'arrête pas après la fermeture du terminal"
	sleep 0.05
	n=$((n + 1))
done
grep -qF "Fermé-HUP." "$DIR"/*.brouillon || fail "pas de brouillon après la fermeture du terminal"
[ "$(ui_field 2.4 description)" = "$saved" ] || fail "base modifiée"
# Ignorer keeps it; it comes back at the next opening.
ui_new_server
ui_start 80 24
ui_wait_for "Brouillon retrouvé"
ui_keys Down Enter
ui_wait_gone "Brouillon retrouvé"
ui_wait_for "gardé"
grep -qF "Fermé-HUP." "$DIR"/*.brouillon || fail "brouillon ignoré perdu"
ui_keys q
ui_wait_exit
ui_new_server
ui_start 80 24
ui_wait_for "Brouillon retrouvé"
ui_wait_for "Fermé-HUP."
# Supprimer asks first; Non keeps it, Oui deletes it.
ui_keys End Enter
ui_wait_for "Supprimer ce brouillon ?"
ui_keys Escape
ui_wait_gone "Supprimer ce brouillon ?"
grep -qF "Fermé-HUP." "$DIR"/*.brouillon || fail "brouillon supprimé sans confirmation"
ui_keys q
ui_wait_exit
ui_new_server
ui_start 80 24
ui_wait_for "Brouillon retrouvé"
ui_keys End Enter
ui_wait_for "Supprimer ce brouillon ?"
ui_keys o
ui_wait_for "supprimé"
no_draft "brouillon supprimé encore là"
[ "$(ui_field 2.4 description)" = "$saved" ] || fail "base modifiée"

# 3. SIGTERM keeps it too; Esc then Oui on the resumed text deletes it.
open_descr
ui_type " Terminé-TERM."
ui_wait_for "Terminé-TERM."
kill -TERM "$(ui_pid)"
ui_wait_exit
[ "$ui_rc" = 143 ] || fail "statut $ui_rc après SIGTERM"
grep -qF "Terminé-TERM." "$DIR"/*.brouillon || fail "pas de brouillon après SIGTERM"
ui_new_server
ui_start 80 24
ui_wait_for "Brouillon retrouvé"
ui_keys Enter
ui_wait_for "Terminé-TERM."
ui_keys Escape
ui_wait_for "Abandonner les modifications de ce texte ?"
ui_keys o
ui_wait_gone "F2/Ctrl-S enregistrer"
no_draft "brouillon d'un texte abandonné"
ui_keys q
ui_wait_exit
[ "$(ui_field 2.4 description)" = "$saved" ] || fail "base modifiée"
