#!/bin/sh
# Proves (issue 13, B3): two people editing different fields of one action
# at once both keep their text, silently (the rule of `suivi set`:
# action_fields_unchanged); only the same field saved by both conflicts,
# and then "Prendre la version enregistrée" asks before dropping what was
# typed (Non keeps it in the editor).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
# A edits Perspectives of 2.4 while B saves Descriptif of 2.4.
ui_open_field "parité" "Action 2.4" "Perspectives"
ui_type " PERSP-A"
suivi set 2.4 "description=DESC-B, par le service voisin" >/dev/null
ui_keys F2
ui_wait_for "Enregistré."
ui_capture
! grep -q "Conflit" "$T/screen" || fail "conflit pour deux champs différents"
[ "$(ui_field 2.4 description)" = "DESC-B, par le service voisin" ] || fail "texte de B perdu : $(ui_field 2.4 description)"
case "$(ui_field 2.4 perspectives)" in
*" PERSP-A") ;;
*) fail "texte de A perdu : $(ui_field 2.4 perspectives)" ;;
esac

# The same field: the dialog shows both, and taking theirs asks first.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " SECOND-A"
suivi set 2.4 "perspectives=PERSP-B enregistrée" >/dev/null
ui_keys F2
ui_wait_for "Conflit : deux versions"
ui_wait_for "Votre version (Perspectives de développement)"
ui_wait_for "PERSP-B enregistrée"
ui_keys p
ui_wait_for "Votre version de « Perspectives de développement » sera perdue"
ui_keys Enter
# Non: back in the editor with A's text.
ui_wait_for "F2/Ctrl-S enregistrer"
ui_wait_for "SECOND-A"
[ "$(ui_field 2.4 perspectives)" = "PERSP-B enregistrée" ] || fail "version de B écrasée"
ui_keys F2
ui_wait_for "Enregistré."
case "$(ui_field 2.4 perspectives)" in
*" SECOND-A") ;;
*) fail "texte de A non enregistré : $(ui_field 2.4 perspectives)" ;;
esac
# Oui: their version is kept, mine dropped as asked.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type " TROISIEME-A"
suivi set 2.4 "perspectives=PERSP-B bis" >/dev/null
ui_keys F2
ui_wait_for "Conflit : deux versions"
ui_keys p
ui_wait_for "sera perdue"
ui_keys Up Enter
ui_wait_for "Version enregistrée reprise"
[ "$(ui_field 2.4 perspectives)" = "PERSP-B bis" ] || fail "version de B perdue"
ui_keys q
ui_wait_exit
