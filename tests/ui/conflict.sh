#!/bin/sh
# Proves: when someone else saves the same action while a field is being
# edited, saving shows both versions and asks; "garder ma version" stores
# mine over the fresh row, nothing is overwritten silently.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_keys Down Enter
ui_wait_for "Action 1.2"
i=0
while [ $i -lt 10 ]; do ui_keys Down; i=$((i + 1)); done
ui_wait_for "Commentaires — Entrée pour modifier"
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " Ajout de la mairie."
suivi set 1.2 "comments=Texte de l'autre service" >/dev/null
ui_keys F2
ui_wait_for "Conflit : deux versions"
ui_wait_for "Votre version (Commentaires)"
ui_wait_for "Version enregistrée :"
ui_wait_for "Texte de l'autre service"
[ "$(ui_field 1.2 comments)" = "Texte de l'autre service" ] || fail "écrasé avant de choisir"
ui_keys g
ui_wait_for "Enregistré."
got=$(ui_field 1.2 comments)
case "$got" in
*" Ajout de la mairie.") ;;
*) fail "ma version n'a pas été gardée : $got" ;;
esac
# Take theirs: the other version stays.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " Encore."
suivi set 1.2 "comments=Version B" >/dev/null
ui_keys F2
ui_wait_for "Conflit : deux versions"
ui_keys p
ui_wait_for "sera perdue : prendre quand même"
ui_keys o
ui_wait_for "Version enregistrée reprise"
[ "$(ui_field 1.2 comments)" = "Version B" ] || fail "version B perdue"
ui_keys q
ui_wait_exit
