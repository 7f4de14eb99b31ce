# lib.sh - helpers for the shell tests (sourced). Each test gets $T, a
# private temporary directory removed on exit, and $DB inside it.
set -u
SUIVI_BIN=${SUIVI_BIN:-$(pwd)/suivi}
export SUIVI_DATA=${SUIVI_DATA:-$(pwd)/data}
T=$(mktemp -d)
DB=$T/t.db
# Drafts of the interface (~/.local/state/suivi) stay inside the test.
export XDG_STATE_HOME=$T/state
export SUIVI_USER=testeur
unset SUIVI_DB SUIVI_NOW
cleanup_hooks=""
trap 'eval "$cleanup_hooks"; rm -rf "$T"' EXIT INT TERM

suivi() { "$SUIVI_BIN" --db "$DB" "$@"; }

fail() { echo "ÉCHEC : $*" >&2; exit 1; }

# expect_status N cmd... : runs cmd, checks its exit status, keeps stderr
# in $T/err and stdout in $T/out.
expect_status() {
	want=$1
	shift
	set +e
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	set -e
	[ "$got" = "$want" ] || fail "statut $got au lieu de $want pour : $* (stderr : $(cat "$T/err"))"
}

# contains FILE TEXT
contains() { grep -qF -- "$2" "$1" || fail "« $2 » absent de $(basename "$1") : $(head -c 600 "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "« $2 » présent dans $(basename "$1")"; }

# state: what a refusal must leave unchanged.
state() { suivi list --format tsv; suivi history; suivi bilan; }
