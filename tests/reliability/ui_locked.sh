#!/bin/sh
# ui_locked.sh - saving from the interface while another program holds
# the database's write lock (a python3 sqlite3 script in BEGIN
# IMMEDIATE): the interface shows that it retries, then says the base is
# busy, keeping the text in the editor and writing nothing; once the lock
# is released F2 saves it. A lock released during the retries: the save
# simply succeeds. The same for a yearly review's comments.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"

ui_demo
# lock SECONDS : holds the lock until $T/release exists or SECONDS pass.
lock() {
	rm -f "$T/locked" "$T/release"
	/usr/bin/python3 - "$DB" "$T" "$1" <<'PY' &
import os, sqlite3, sys, time
db, t, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
c = sqlite3.connect(db, timeout=1, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(t + "/locked", "w").close()
end = time.time() + secs
while time.time() < end and not os.path.exists(t + "/release"):
	time.sleep(0.05)
c.execute("ROLLBACK")
PY
	locker=$!
	n=0
	while [ ! -e "$T/locked" ]; do
		[ $n -lt 100 ] || fail "le verrou n'a pas été pris"
		sleep 0.05
		n=$((n + 1))
	done
}

ui_start 80 24

# 1. Locked for longer than the retries.
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " Pendant-le-verrou."
lock 30
ui_keys F2
ui_wait_for "nouvel essai (2/4)"
UI_TIMEOUT=200 ui_wait_for "La base est occupée par un autre utilisateur : rien n'est perdu"
ui_wait_for "F2/Ctrl-S enregistrer"
ui_wait_for "Pendant-le-verrou."
touch "$T/release"
wait $locker
expect_status 0 suivi show 1.2
lacks "$T/out" "Pendant-le-verrou."
ui_keys F2
ui_wait_for "Enregistré."
expect_status 0 suivi show 1.2
contains "$T/out" "Pendant-le-verrou."

# 2. Released during the retries: saved without a word lost.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " Après-un-court-verrou."
lock 1.5
ui_keys F2
UI_TIMEOUT=200 ui_wait_for "Enregistré."
wait $locker
expect_status 0 suivi show 1.2
contains "$T/out" "Pendant-le-verrou. Après-un-court-verrou."

# 3. A yearly review's comments (Présentation) under a long lock: the
# text stays in the editor, then F2 saves it.
ui_keys Escape F3
ui_wait_for "Bilans annuels"
ui_keys End Up
ui_wait_for " 2026 "
ui_keys Enter
ui_wait_for "Modifier les commentaires"
ui_keys Down Enter
ui_wait_for "Commentaires de la collectivité — bilan 2026"
ui_type "Bilan écrit pendant un verrou."
lock 30
ui_keys F2
UI_TIMEOUT=200 ui_wait_for "Non enregistré, texte conservé : "
ui_wait_for "Commentaires de la collectivité — bilan 2026"
ui_wait_for "Bilan écrit pendant un verrou."
touch "$T/release"
wait $locker
expect_status 0 suivi bilan
lacks "$T/out" "Bilan écrit pendant un verrou."
ui_keys F2
ui_wait_for "Enregistré."
expect_status 0 suivi bilan
contains "$T/out" "Bilan écrit pendant un verrou."
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
expect_status 0 suivi check
contains "$T/out" "Intégrité de la base : ok"
echo "ui_locked : base verrouillée pendant un enregistrement : ok"
