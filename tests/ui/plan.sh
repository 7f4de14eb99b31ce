#!/bin/sh
# Proves: the demo opens on the Plan screen with the five engagements,
# each header showing its counts and progress bar, the columns and the
# flags; the bottom bar fits in 80 columns; Synthèse shows every group.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_wait_for "Ville de Démo — Mandat 2020-2026"
ui_wait_for "1. Le bien-être de chaque enfant"
contains "$T/screen" "N°    Intitulé de l'action"
contains "$T/screen" "Avancement"
contains "$T/screen" "Mise à jour"
contains "$T/screen" "1Aide2Modifier3Présentation4Filtrer5Synthèse6Export7Vérifier8Évolution10Quitter"
# Counts of engagement 1 come from the database: done / not cancelled.
done1=$(suivi list --engagement 1 --avancement "Réalisée" --sans-annulees --format tsv | tail -n +2 | wc -l)
all1=$(suivi list --engagement 1 --sans-annulees --format tsv | tail -n +2 | wc -l)
contains "$T/screen" "$done1/$all1 réalisées █"
# Priority 1.1 flagged P, cancelled 1.5 flagged A: not colour alone.
grep -q "^ 1\.1 .* P\.\.\. " "$T/screen" || fail "drapeau P de 1.1 absent"
grep -q "^ 1\.5 .* \.\.A\. " "$T/screen" || fail "drapeau A de 1.5 absent"
ui_keys End
ui_wait_for "5. Le partenariat avec UNICEF France"
ui_keys Home
ui_wait_for "1. Le bien-être"
for k in 2 3 4; do
	ui_keys PageDown
done
ui_wait_for "réalisées"
ui_keys F5
ui_wait_for "Ensemble du plan"
for k in 1 2 3 4 5; do
	contains "$T/screen" "$k. "
done
total=$(suivi list --sans-annulees --format tsv | tail -n +2 | wc -l)
grep -q "^ Ensemble du plan  *$total " "$T/screen" || fail "total $total absent de la synthèse"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
