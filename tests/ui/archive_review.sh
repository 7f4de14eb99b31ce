#!/bin/sh
# Proves: the final review of 2020-2026 can be written after 2026-2032 is
# opened. In the archived mandate an assessment (Synthèse), the comments
# and the tick of a yearly review (Présentation) change after one explicit
# confirmation, as with the command line's --modifier-archive; declining
# changes nothing; the plan itself stays read-only.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi mandat nouveau 2026-2032 >/dev/null
suivi --mandat 2020-2026 list --format tsv >"$T/plan.tsv"
q="Le mandat 2020-2026 est archivé : modifier quand même son bilan final ?"
ui_start 80 24 SUIVI_NOW=2026-03-10
ui_wait_for "Ouvrir l'assistant de reprise"
ui_keys Escape
ui_wait_gone "Ouvrir l'assistant de reprise"
ui_keys m
ui_wait_for "Mandat 2020-2026 — archivé, lecture seule"
ui_keys Home Enter
ui_wait_for "Mandat 2020-2026 (archivé, lecture seule)"
# Declined: nothing asked further, nothing written.
ui_keys F5
ui_wait_for "Synthèse par engagement"
ui_keys Down Enter
ui_wait_for "$q"
ui_keys n
ui_wait_for "Mandat 2020-2026 archivé : rien n'a été modifié."
lacks "$T/screen" "appréciation de la collectivité"
# Confirmed: assessment of engagement 2 with a comment.
ui_keys Enter
ui_wait_for "$q"
ui_keys o
ui_wait_for "Engagement 2 : appréciation de la collectivité"
ui_keys Home Enter
ui_wait_for "Engagement 2 : commentaire de l'appréciation « Atteint »"
ui_type "Bilan final écrit après l'ouverture du mandat suivant."
ui_keys F2
ui_wait_for "Appréciation de l'engagement 2 enregistrée : Atteint."
suivi --mandat 2020-2026 appreciation >"$T/app"
grep -q "2.*Atteint" "$T/app" || fail "appréciation : $(cat "$T/app")"
contains "$T/app" "Bilan final écrit après l'ouverture du mandat suivant."
# Présentation: 2026 review comments and tick, asked no more.
ui_keys F3
ui_wait_for "Bilans annuels"
ui_keys End Up
ui_wait_for " 2026 "
ui_keys Enter
ui_wait_for "Modifier les commentaires"
ui_keys Down Enter
ui_wait_for "Commentaires de la collectivité — bilan 2026"
lacks "$T/screen" "$q"
ui_type "Dernier bilan du mandat."
ui_keys F2
ui_wait_for "Enregistré."
ui_keys Space
ui_wait_for "Cocher « Bilan annuel - Fait » pour 2026 ?"
ui_keys o
ui_wait_for "Bilan 2026 : fait, plan figé."
suivi --mandat 2020-2026 bilan >"$T/bilan"
grep "2026" "$T/bilan" | grep -q "Fait" || fail "bilan 2026 : $(cat "$T/bilan")"
contains "$T/bilan" "Dernier bilan du mandat."
# The plan stays read-only.
ui_keys Escape
ui_keys F10
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
ui_new_server
ui_start 80 24 SUIVI_NOW=2026-03-10
ui_wait_for "Ouvrir l'assistant de reprise"
ui_keys Escape m
ui_wait_for "Mandat 2020-2026 — archivé, lecture seule"
ui_keys Home Enter
ui_wait_for "Toutes les actions (40)"
ui_keys Enter
ui_wait_for "Action 1.1"
ui_keys Down Enter
ui_wait_for "Mandat 2020-2026 archivé : lecture seule, aucune modification"
ui_keys Escape a
ui_wait_for "Mandat 2020-2026 archivé : lecture seule, aucune modification"
ui_keys q
ui_wait_exit
suivi --mandat 2020-2026 list --format tsv >"$T/plan2.tsv"
cmp -s "$T/plan.tsv" "$T/plan2.tsv" || fail "le plan archivé a changé"
