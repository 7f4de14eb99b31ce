# uilib.sh - helpers for the tmux-driven interface tests (sourced after
# tests/lib.sh). Each test runs suivi in its own tmux server (-L t$$),
# polls capture-pane for markers (never a bare sleep) and kills the
# server on exit. The pane ends in a shell with the prompt "fin$ " so that
# a test can check the terminal was restored.
# The locale is the suite's one test locale (tests/run.sh).
SUIVI_TEST_LOCALE=${SUIVI_TEST_LOCALE:-C.UTF-8}
export SUIVI_TEST_LOCALE LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE TZ=Europe/Paris
UI_SOCK=t$$
UI_TIMEOUT=${UI_TIMEOUT:-100}	# polls of 0.05 s: 5 s
cleanup_hooks="$cleanup_hooks tmux -L $UI_SOCK kill-server 2>/dev/null || true;"
ui_n=0

# ui_new_server : the next ui_start uses a fresh tmux server (killing one
# and starting another on the same socket races).
ui_new_server() {
	tmux -L "$UI_SOCK" kill-server 2>/dev/null || true
	ui_n=$((ui_n + 1))
	UI_SOCK=t$$_$ui_n
	cleanup_hooks="$cleanup_hooks tmux -L $UI_SOCK kill-server 2>/dev/null || true;"
	rm -f "$T/rc"
}

# ui_start [COLS ROWS [ENV...]] : opens the interface on $DB.
ui_start() {
	cols=${1:-80}
	rows=${2:-24}
	[ $# -ge 2 ] && shift 2
	tmux -L "$UI_SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
	    "env LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE TZ=Europe/Paris SUIVI_USER=testeur SUIVI_LOG='$T/log' $* '$SUIVI_BIN' --db '$DB'; echo \"rc=\$?\" >'$T/rc'; exec env PS1='fin\$ ' sh"
	tmux -L "$UI_SOCK" set-option -g status off >/dev/null
	ui_wait_for "10Quitter"
}

ui_capture() { tmux -L "$UI_SOCK" capture-pane -p >"$T/screen"; }

# ui_wait_for TEXT : until TEXT is on the screen, else fails showing it.
ui_wait_for() {
	i=0
	while [ $i -lt "$UI_TIMEOUT" ]; do
		ui_capture
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "--- écran :" >&2
	cat "$T/screen" >&2
	[ -f "$T/log" ] && { echo "--- journal :" >&2; cat "$T/log" >&2; }
	fail "« $1 » n'apparaît pas à l'écran"
}

# ui_wait_gone TEXT : until TEXT has left the screen.
ui_wait_gone() {
	i=0
	while [ $i -lt "$UI_TIMEOUT" ]; do
		ui_capture
		grep -qF -- "$1" "$T/screen" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	cat "$T/screen" >&2
	fail "« $1 » reste à l'écran"
}

# ui_keys KEY... : tmux key names (Enter, Down, F2, C-s...).
ui_keys() { tmux -L "$UI_SOCK" send-keys "$@"; }
# ui_type TEXT : literal text.
ui_type() { tmux -L "$UI_SOCK" send-keys -l -- "$1"; }

# ui_wait_exit : until suivi has exited; sets $ui_rc.
ui_wait_exit() {
	i=0
	while [ $i -lt "$UI_TIMEOUT" ] && [ ! -f "$T/rc" ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ -f "$T/rc" ] || fail "suivi ne s'est pas arrêté"
	ui_rc=$(sed 's/rc=//' "$T/rc")
	if grep -q "Sanitizer\|runtime error" "$T/log" 2>/dev/null; then
		cat "$T/log" >&2
		fail "erreur mémoire signalée par le sanitizer"
	fi
	return 0
}

# ui_field REF NAME : the field of `list --format tsv` for REF.
ui_field() {
	suivi list --format tsv | awk -F '\t' -v ref="$1" -v name="$2" '
	    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	    $1 == ref { print $(col[name]) }'
}

ui_demo() { suivi init --demo >/dev/null 2>&1 || fail "démo"; }

# ui_open_field SEARCH TITLE LABEL: finds an action by a search, opens it
# (waiting for TITLE), moves to the field whose row shows LABEL and opens
# its editor.
ui_open_field() {
	ui_keys /
	ui_wait_for "Rechercher"
	ui_type "$1"
	ui_keys Enter
	ui_wait_for "trouvée"
	ui_keys Enter
	ui_wait_for "$2"
	_n=0
	while [ $_n -lt 30 ]; do
		ui_capture
		grep -q "$3.* — Entrée pour modifier" "$T/screen" && break
		ui_keys Down
		sleep 0.05
		_n=$((_n + 1))
	done
	ui_keys Enter
	ui_wait_for "F2/Ctrl-S enregistrer"
}
