#!/bin/sh
# Proves (issue 13, B2): u in the interface never unticks a "Bilan annuel -
# Fait", nor undoes a creation or a cancellation, without saying what it
# will undo and asking ("Non" preselected: Entrée keeps everything); a
# plain field edit is undone at once and the status line names it with
# "Modification défaite" (not "Annulé", which reads as a cancelled action).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
review_done() { suivi bilan 2026 | head -1; }
ui_demo
suivi bilan 2026 --fait >/dev/null 2>&1
[ "$(review_done)" = "Bilan annuel 2026 : Fait" ] || fail "bilan 2026 non coché : $(review_done)"
ui_start 80 24
ui_wait_for "1.1   Ouvrir un lieu"

# 1. Undoing the ticked review asks; Entrée (default Non) keeps it.
ui_keys u
ui_wait_for "Annuler la dernière modification : décocher « Bilan annuel - Fait » 2026"
ui_keys Enter
ui_wait_for "Rien n'a été défait."
[ "$(review_done)" = "Bilan annuel 2026 : Fait" ] || fail "bilan décoché sans confirmation : $(review_done)"
# Oui unticks it and says so.
ui_keys u
ui_wait_for "décocher « Bilan annuel - Fait » 2026"
ui_keys Up Enter
ui_wait_for "Modification défaite : bilan 2026 : Bilan annuel - Fait"
[ "$(review_done)" = "Bilan annuel 2026 : Non fait" ] || fail "bilan toujours coché : $(review_done)"

# 2. A plain field edit (another process, same login) is undone at once.
suivi set 2.4 "comments=Texte à défaire" >/dev/null
ui_keys u
ui_wait_for "Modification défaite : action 2.4 : Commentaires"
[ "$(ui_field 2.4 comments)" != "Texte à défaire" ] || fail "commentaire non défait"

# 3. Undoing a creation asks, naming the action.
suivi add --engagement 4 --intitule "Action créée par erreur" "added_reason=essai" >"$T/add"
ref=$(sed -n 's/^Action \([0-9.]*\) créée.*/\1/p' "$T/add")
[ -n "$ref" ] || fail "création : $(cat "$T/add")"
ui_keys u
ui_wait_for "supprimer l'action $ref"
ui_keys Enter
ui_wait_for "Rien n'a été défait."
suivi show "$ref" >/dev/null 2>&1 || fail "action $ref supprimée sans confirmation"
ui_keys u
ui_wait_for "supprimer l'action $ref"
ui_keys Up Enter
ui_wait_for "Modification défaite : création de action $ref"
! suivi show "$ref" >/dev/null 2>&1 || fail "action $ref toujours là"

# 4. Undoing a cancellation asks too.
suivi set 2.1 cancelled=oui "cancelled_reason=Essai d'annulation" >/dev/null
[ "$(ui_field 2.1 cancelled)" = 1 ] || fail "2.1 non annulée"
ui_keys u
ui_wait_for "rétablir l'action 2.1"
ui_keys Enter
ui_wait_for "Rien n'a été défait."
[ "$(ui_field 2.1 cancelled)" = 1 ] || fail "annulation défaite sans confirmation"
ui_keys q
ui_wait_exit
