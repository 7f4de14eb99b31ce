#!/bin/sh
# Proves: b makes a dated backup next to the database from the interface,
# as `suivi backup` does; the copy opens and holds the same plan.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_keys b
ui_wait_for "Sauvegarde écrite"
ui_keys q
ui_wait_exit
copy=$(ls "$T"/t-sauvegarde-*.db | head -1)
[ -f "$copy" ] || fail "pas de sauvegarde"
[ "$(stat -c %a "$copy")" = 600 ] || fail "sauvegarde pas en 600"
"$SUIVI_BIN" --db "$copy" list --format tsv > "$T/a"
suivi list --format tsv > "$T/b"
cmp -s "$T/a" "$T/b" || fail "la sauvegarde diffère"
