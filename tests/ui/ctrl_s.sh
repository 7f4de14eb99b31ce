#!/bin/sh
# Proves: in a real terminal (a tmux pane, with an interactive shell and
# job control), Ctrl-S in the editor saves the text instead of freezing
# the screen (flow control is off while suivi runs); Ctrl-Q types nothing;
# Ctrl-Z gives the shell its own terminal mode back (ixon on) and `fg`
# resumes with Ctrl-S still saving; on exit, and after SIGTERM, the
# terminal settings are exactly those from before (`stty -g`).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
# An interactive shell in the pane: the command line runs suivi and then
# records its status and the terminal settings before and after.
tmux -L "$UI_SOCK" -f /dev/null new-session -d -x 80 -y 24 \
    "env -i PATH=/usr/bin:/bin HOME='$T' HISTFILE=/dev/null TERM=screen LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE PS1='sh\$ ' bash --norc --noprofile -i"
tmux -L "$UI_SOCK" set-option -g status off >/dev/null
ui_wait_for 'sh$'
# One job (a script): Ctrl-Z stops it whole and `fg` resumes it whole.
cat >"$T/run.sh" <<EOF
stty -g >'$T/stty.before'
env LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE TZ=Europe/Paris SUIVI_USER=testeur SUIVI_LOG='$T/log' SUIVI_DATA='$SUIVI_DATA' XDG_STATE_HOME='$XDG_STATE_HOME' '$SUIVI_BIN' --db '$DB'
echo "rc=\$?" >'$T/rc.tmp'
stty -g >'$T/stty.after'
mv '$T/rc.tmp' '$T/rc'
clear
EOF
ui_type "sh '$T/run.sh'"
ui_keys Enter
ui_wait_for "10Quitter"
# pane_ixon : the flow-control setting of the pane's terminal as the
# shell sees it ("ixon" or "-ixon").
pane_ixon() {
	ui_type "clear; stty -a | tr ' ' '\\n' | grep -x -- '-*ixon' | sed 's/^/mode:/'"
	ui_keys Enter
	i=0
	while [ $i -lt "$UI_TIMEOUT" ]; do
		ui_capture
		m=$(sed -n 's/^mode:\(-*ixon\)$/\1/p' "$T/screen")
		[ -n "$m" ] && { echo "$m"; return 0; }
		sleep 0.05
		i=$((i + 1))
	done
	cat "$T/screen" >&2
	fail "stty ne répond pas"
}

ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " Sauvé par Ctrl-S."
ui_wait_for "Sauvé par Ctrl-S."
ui_keys C-s
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
case $got in *" Sauvé par Ctrl-S.") ;; *) fail "commentaire enregistré : « $got »" ;; esac

# Ctrl-Q is an ordinary key: nothing typed, nothing unfrozen.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_keys C-q
ui_type " Après Ctrl-Q."
ui_wait_for "Après Ctrl-Q."
ui_keys C-s
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
case $got in *" Sauvé par Ctrl-S. Après Ctrl-Q.") ;; *) fail "après Ctrl-Q : « $got »" ;; esac

# Ctrl-Z in the editor: the shell gets its terminal back as it was.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " Repris."
ui_wait_for "Repris."
ui_keys C-z
ui_wait_for 'sh$'
[ "$(pane_ixon)" = ixon ] || fail "après Ctrl-Z le shell n'a pas retrouvé ixon"
ui_type "fg"
ui_keys Enter
ui_wait_for "Repris."
ui_keys C-s
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
case $got in *" Après Ctrl-Q. Repris.") ;; *) fail "après Ctrl-Z et fg : « $got »" ;; esac

ui_keys Escape
ui_wait_for "Plan d'action"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
ui_wait_for 'sh$'
cmp -s "$T/stty.before" "$T/stty.after" || fail "terminal non restauré : $(cat "$T/stty.before") devenu $(cat "$T/stty.after")"
[ "$(pane_ixon)" = ixon ] || fail "ixon absent après la sortie"

# SIGTERM in the editor: the terminal settings are restored exactly too.
rm -f "$T/rc" "$T/stty.before" "$T/stty.after"
ui_type "clear; sh '$T/run.sh'"
ui_keys Enter
ui_wait_for "10Quitter"
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
pid=$(pgrep -f "$SUIVI_BIN --db $DB" | head -1)
[ -n "$pid" ] || fail "processus introuvable"
kill -TERM "$pid"
ui_wait_exit
[ "$ui_rc" = 143 ] || fail "statut $ui_rc après SIGTERM"
cmp -s "$T/stty.before" "$T/stty.after" || fail "terminal non restauré après SIGTERM : $(cat "$T/stty.before") devenu $(cat "$T/stty.after")"
[ "$(pane_ixon)" = ixon ] || fail "ixon absent après SIGTERM"
