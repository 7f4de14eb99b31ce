#!/bin/sh
# Proves: F4 filters "à mettre à jour" (not updated since the last done
# review), the active filter stays visible, the rows are those the
# command line lists, and Esc on the plan clears it.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
n=$(suivi list --a-mettre-a-jour --format tsv | tail -n +2 | wc -l)
ref=$(suivi list --a-mettre-a-jour --format tsv | awk -F '\t' 'NR == 2 { print $1 }')
[ "$n" -gt 0 ] && [ "$n" -lt 40 ] || fail "démo : $n actions à mettre à jour"
ui_start 80 24
ui_keys F4
ui_wait_for "Filtrer les actions"
i=0
while [ $i -lt 6 ]; do ui_keys Down; i=$((i + 1)); done
ui_keys Enter
ui_wait_for "À mettre à jour (pas de mise à jour depuis le dernier bilan) : oui"
ui_keys Escape
ui_wait_for "Filtre : à mettre à jour — $n action"
grep -q "^ $ref " "$T/screen" || fail "$ref absente"
shown=$(grep -c '^[ *][0-9][0-9]*\.[0-9]' "$T/screen" || true)
[ "$shown" -le "$n" ] || fail "$shown lignes pour $n actions"
ui_keys Escape
ui_wait_for "Toutes les actions (40)"
ui_keys q
ui_wait_exit
