#!/bin/sh
# Proves: after `suivi mandat nouveau 2026-2032`, the interface offers the
# carry-over assistant; there the coordinator keeps actions (in the
# engagement the referential maps to, or another one), merges one into a
# kept action and closes the rest; "Appliquer" carries them over in one go
# and shows the report; the new plan holds them, linked to their origin,
# and the 2020-2026 plan is unchanged. Then m switches to the archived
# mandate, shown read-only (edits, undo and import refused with a French
# message, an assessment only after a confirmation, declined), and back.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi list --format tsv >"$T/old.tsv"
suivi mandat nouveau 2026-2032 >/dev/null
n=$(suivi --mandat 2020-2026 list --sans-annulees --format tsv | tail -n +2 | grep -c .)
[ "$n" -gt 10 ] || fail "la démo devrait avoir plus de 10 actions non annulées"
d11=$(awk -F '\t' '$1 == "1.1" { print $4 }' "$T/old.tsv")
d13=$(awk -F '\t' '$1 == "1.3" { print $4 }' "$T/old.tsv")
d14=$(awk -F '\t' '$1 == "1.4" { print $4 }' "$T/old.tsv")
ui_start 80 24
ui_wait_for "Ouvrir l'assistant de reprise des actions du mandat 2020-2026"
ui_keys o
ui_wait_for "Reprise du mandat 2020-2026 dans le mandat 2026-2032"
ui_wait_for "$n actions : $n gardées, 0 fusionnée, 0 close, 0 à choisir"
# 1.1 kept (engagement 1 by the mapping); 1.2 merged into 1.1.
ui_keys Down Enter
ui_wait_for "Action 1.2 (engagement 1 du mandat 2020-2026)"
ui_keys f
ui_wait_for "Fusionner dans l'action gardée"
ui_keys Enter
ui_wait_for "fusionner dans 1.1"
# 1.3 kept, but in engagement 3; 1.4 kept by the mapping.
ui_keys Enter
ui_wait_for "Garder dans un autre engagement"
ui_keys Down Enter
ui_wait_for "Engagement du nouveau mandat"
ui_keys 3
ui_wait_for "garder → engagement 3"
ui_keys Down
# Every other action closed.
rest=$((n - 4))
i=0
while [ $i -lt $rest ]; do
	ui_keys Enter c
	i=$((i + 1))
done
ui_wait_for "$n actions : 3 gardées, 1 fusionnée, $rest closes, 0 à choisir"
ui_keys End Enter
ui_wait_for "Reprendre dans le mandat 2026-2032 : 3 actions gardées, 1 fusionnée"
ui_keys o
ui_wait_for "Reprise faite"
ui_wait_for "1.2 fusionnée dans 1.1"
ui_keys Enter
ui_wait_for "Toutes les actions (3)"
ui_wait_for "Reprise faite : 3 actions dans le mandat 2026-2032."
# The database: three actions, where they were asked to go.
suivi list --format tsv >"$T/new.tsv"
[ "$(tail -n +2 "$T/new.tsv" | grep -c .)" = 3 ] || fail "3 actions attendues : $(cat "$T/new.tsv")"
awk -F '\t' 'NR > 1 { print $2 "|" $4 }' "$T/new.tsv" >"$T/eng"
contains "$T/eng" "1|$d11"
contains "$T/eng" "1|$d14"
contains "$T/eng" "3|$d13"
suivi show 1.1 >"$T/show"
contains "$T/show" "Reprend aussi l'action 1.2 du mandat 2020-2026"
ref3=$(awk -F '\t' 'NR > 1 && $2 == 3 { print $1 }' "$T/new.tsv")
suivi show "$ref3" >"$T/show"
contains "$T/show" "$d13"
suivi --mandat 2020-2026 list --format tsv >"$T/old2.tsv"
cmp -s "$T/old.tsv" "$T/old2.tsv" || fail "le mandat 2020-2026 a changé"
# m: the archived mandate, read-only.
ui_keys m
ui_wait_for "Mandat 2020-2026 — archivé, lecture seule"
ui_keys Home Enter
ui_wait_for "Mandat 2020-2026 (archivé, lecture seule)"
ui_wait_for "Toutes les actions (40)"
ui_keys Enter
ui_wait_for "Action 1.1"
ui_keys Down Enter
ui_wait_for "Mandat 2020-2026 archivé : lecture seule, aucune modification"
ui_keys Escape u
ui_wait_for "Mandat 2020-2026 archivé : lecture seule, aucune modification"
ui_keys s
ui_wait_for "Synthèse par engagement"
# An assessment (final review) asks first; refused, nothing changes.
ui_keys Enter
ui_wait_for "Le mandat 2020-2026 est archivé : modifier quand même son bilan final ?"
ui_keys n
ui_wait_for "Mandat 2020-2026 archivé : rien n'a été modifié."
ui_keys i
ui_wait_for "Mandat 2020-2026 archivé : lecture seule, aucune modification"
suivi --mandat 2020-2026 list --format tsv >"$T/old2.tsv"
cmp -s "$T/old.tsv" "$T/old2.tsv" || fail "le mandat archivé a changé"
[ "$(suivi list --format tsv | tail -n +2 | grep -c .)" = 3 ] || fail "la reprise a été défaite"
# And back to the active mandate.
ui_keys m
ui_wait_for "Mandat 2026-2032 — actif"
ui_keys End Enter
ui_wait_for "Mandat 2026-2032 affiché."
ui_wait_for "Toutes les actions (3)"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
