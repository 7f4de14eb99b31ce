#!/bin/sh
# Proves: an indicator is deleted from the action screen, with Suppr on its
# row or "Supprimer cet indicateur…" in its dialog, always after a
# confirmation ("Non" keeps it); the database follows (suivi indicateur).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
nind() { suivi indicateur 1.4 | grep -c '^  [0-9]\.' || true; }
[ "$(nind)" = 2 ] || fail "la démo devrait donner 2 indicateurs à 1.4"
ui_start 80 24
ui_keys Down Down Down Enter
ui_wait_for "Action 1.4 "
# The second indicator: the row above "+ Ajouter".
ui_keys End Up
ui_wait_for "Indicateur clé 2 — Entrée pour modifier"
ui_keys DC
ui_wait_for "Supprimer l'indicateur clé « Concentration moyenne de dioxyde"
ui_keys n
ui_wait_for "Indicateur conservé."
[ "$(nind)" = 2 ] || fail "« Non » a supprimé l'indicateur"
ui_keys DC
ui_wait_for "Supprimer l'indicateur clé « Concentration moyenne de dioxyde"
ui_keys o
ui_wait_for "Indicateur supprimé."
[ "$(nind)" = 1 ] || fail "indicateur non supprimé"
suivi indicateur 1.4 >"$T/ind"
contains "$T/ind" "Écoles dotées d'une rue scolaire"
lacks "$T/ind" "dioxyde d'azote"
# Through the indicator's dialog.
ui_keys End Up Enter
ui_wait_for "Indicateur clé (Entrée modifie)"
ui_keys End Up Enter
ui_wait_for "Supprimer l'indicateur clé « Écoles dotées d'une rue scolaire »"
ui_keys o
ui_wait_for "Indicateur supprimé."
[ "$(nind)" = 0 ] || fail "indicateur non supprimé par le dialogue"
# Suppr on a field row does nothing but explain.
ui_keys Home DC
ui_wait_for "Suppr supprime un indicateur clé"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
