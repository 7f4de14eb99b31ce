#!/bin/sh
# Proves: in a new mandate, `a` adds an action (engagement, intitulé) and
# opens it; the Présentation screen freezes the initial plan after a
# confirmation that says later actions will be flagged "Action
# supplémentaire au plan d'action initial"; it cannot be frozen twice;
# afterwards `a` asks why the action is added (Esc: nothing is created)
# and the action is stored flagged, with its reason.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi mandat nouveau 2026-2032 >/dev/null
ui_start 80 24
ui_wait_for "Ouvrir l'assistant de reprise"
ui_keys Escape
ui_wait_gone "Ouvrir l'assistant de reprise"
# Before the initial plan: no reason asked.
ui_keys a
ui_wait_for "Nouvelle action : engagement"
ui_keys Enter
ui_wait_for "Nouvelle action : intitulé (obligatoire)"
ui_type "Conseil municipal des enfants élargi"
ui_keys Enter
ui_wait_for "créée."
lacks "$T/screen" "action supplémentaire"
ui_wait_for "Conseil municipal des enfants élargi"
suivi list --format tsv >"$T/l.tsv"
[ "$(tail -n +2 "$T/l.tsv" | grep -c .)" = 1 ] || fail "une action attendue"
ref1=$(awk -F '\t' 'NR == 2 { print $1 }' "$T/l.tsv")
[ "$(ui_field "$ref1" added)" = "0" ] || fail "première action marquée supplémentaire : $(ui_field "$ref1" added)"
# Freeze the initial plan from Présentation.
ui_keys Escape F3
ui_wait_for "Bilans annuels"
ui_keys End
ui_wait_for "Non figé — Entrée : le figer"
ui_keys Enter
ui_wait_for "Figer maintenant le plan d'action initial du mandat 2026-2032"
ui_wait_for "(1 action)"
ui_capture
tr -d '\n│' <"$T/screen" | tr -s ' ' | grep -q "« Action supplémentaire au plan d'action initial »" ||
    fail "la confirmation n'annonce pas le marquage : $(cat "$T/screen")"
ui_keys o
ui_wait_for "Plan d'action initial figé"
ui_wait_for "Figé (tel qu'approuvé par le conseil municipal)"
expect_status 0 suivi plan-initial --montrer
contains "$T/out" "Conseil municipal des enfants élargi"
ui_keys Enter
ui_wait_for "déjà figé"
expect_status 1 suivi plan-initial --figer
# After it: the reason is asked; Esc creates nothing.
ui_keys a
ui_wait_for "Nouvelle action : engagement"
ui_keys Down Enter
ui_wait_for "Nouvelle action : intitulé (obligatoire)"
ui_type "Ludothèque itinérante"
ui_keys Enter
ui_wait_for "Action supplémentaire au plan initial : motif de l'ajout (obligatoire)"
ui_keys Escape
ui_wait_for "Aucune action ajoutée : le plan d'action initial est figé"
[ "$(suivi list --format tsv | tail -n +2 | grep -c .)" = 1 ] || fail "action créée sans motif"
ui_keys a
ui_wait_for "Nouvelle action : engagement"
ui_keys Down Enter
ui_wait_for "Nouvelle action : intitulé (obligatoire)"
ui_type "Ludothèque itinérante"
ui_keys Enter
ui_wait_for "Action supplémentaire au plan initial : motif de l'ajout (obligatoire)"
ui_type "Demande du conseil des enfants"
ui_keys Enter
ui_wait_for "créée (action supplémentaire au plan d'action initial)."
ui_wait_for "Ludothèque itinérante"
ref2=$(suivi list --format tsv | awk -F '\t' '$4 == "Ludothèque itinérante" { print $1 }')
[ -n "$ref2" ] || fail "action supplémentaire absente"
case "$ref2" in 2.*) ;; *) fail "engagement : $ref2" ;; esac
[ "$(ui_field "$ref2" added)" = "1" ] || fail "non marquée supplémentaire"
[ "$(ui_field "$ref2" added_reason)" = "Demande du conseil des enfants" ] || fail "motif : $(ui_field "$ref2" added_reason)"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
