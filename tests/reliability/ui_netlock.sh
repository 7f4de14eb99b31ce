#!/bin/sh
# ui_netlock.sh - the interface on a base of a network share (forced with
# SUIVI_NETFS=1 on the local disk; netshare.sh does it on real sshfs
# mounts): left open, it holds no lock file; saving while another machine
# holds the base's lock file says who holds it while it retries, keeps
# the text, and saves it once the lock is gone.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"
export SUIVI_NETFS=1

ui_demo
[ "$(sqlite3 "$DB" "PRAGMA journal_mode")" = delete ] || fail "WAL sur un partage"
ui_start 120 24 SUIVI_NETFS=1 SUIVI_MACHINE=mairie-pc1
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
[ ! -e "$DB.verrou" ] || fail "verrou gardé par l'interface ouverte : $(cat "$DB.verrou")"
ui_type " Pendant-le-verrou."
sleep 60 & holder=$!
cleanup_hooks="kill $holder 2>/dev/null || true; $cleanup_hooks"
printf 'utilisateur=a.petit\nmachine=mairie-pc2\nprocessus=%s\ndepuis=%s\njeton=x\n' \
    "$holder" "$(date +%s)" > "$DB.verrou"
ui_keys F2
ui_wait_for "La base est utilisée par a.petit sur mairie-pc2 (processus $holder) depuis $(date +%H:%M) ; nouvel essai ("
UI_TIMEOUT=200 ui_wait_for "rien n'est perdu"
ui_wait_for "Pendant-le-verrou."
expect_status 75 suivi show 1.2
contains "$T/err" "la base est utilisée par a.petit sur mairie-pc2 (processus $holder)"
rm -f "$DB.verrou"
expect_status 0 suivi show 1.2
lacks "$T/out" "Pendant-le-verrou."
ui_keys F2
ui_wait_for "Enregistré."
[ ! -e "$DB.verrou" ] || fail "verrou resté après l'enregistrement"
expect_status 0 suivi show 1.2
contains "$T/out" "Pendant-le-verrou."
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
expect_status 0 suivi check
contains "$T/out" "Intégrité de la base : ok"
echo "ui_netlock : verrou d'un autre poste nommé, texte gardé, puis enregistré : ok"
