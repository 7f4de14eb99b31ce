#!/bin/sh
# Proves: quitting leaves a clean shell prompt; SIGTERM restores the
# terminal; no terminal, TERM=dumb, an unknown TERM or a non-UTF-8 locale
# give a French message and status 1 instead of a broken screen.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
expect_status 1 suivi </dev/null
contains "$T/err" "pas de terminal"
ui_start 80 24
ui_keys F10
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
ui_wait_for 'fin$'
lacks "$T/screen" "Plan d'action"
lacks "$T/screen" "10Quitter"
ui_new_server
# SIGTERM while the plan is shown.
ui_start 80 24
pid=$(pgrep -f "$SUIVI_BIN --db $DB" | head -1)
[ -n "$pid" ] || fail "processus introuvable"
kill -TERM "$pid"
ui_wait_exit
[ "$ui_rc" = 143 ] || fail "statut $ui_rc après SIGTERM"
ui_wait_for 'fin$'
lacks "$T/screen" "10Quitter"
suivi check >/dev/null 2>&1 || true
# Refusals, run inside a terminal so that only TERM/locale differ.
for setting in "TERM=dumb" "TERM=nonexistent-term" "LC_ALL=C"; do
	ui_new_server
	tmux -L "$UI_SOCK" -f /dev/null new-session -d -x 80 -y 24 \
	    "env LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE $setting '$SUIVI_BIN' --db '$DB' 2>'$T/err'; echo \"rc=\$?\" >'$T/rc'; exec sleep 30"
	ui_wait_exit
	[ "$ui_rc" = 1 ] || fail "$setting : statut $ui_rc"
	grep -q "suivi : .*\(TERM\|terminal\|UTF-8\)" "$T/err" || fail "$setting : $(cat "$T/err")"
done
