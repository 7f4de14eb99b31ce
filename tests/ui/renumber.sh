#!/bin/sh
# Proves (issue 13, B6, B14): the N° of an action cannot be retyped to
# anything: a new N° must stay in the action's engagement ("1.x" for
# engagement 1) and be free, else it is refused with a French message
# naming the problem, and nothing changes; "Enregistré." appears only when
# something was saved (validating the same N° says nothing changed).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi history >"$T/h0"
ui_start 80 24
ui_wait_for "1.1   Ouvrir un lieu"
ui_keys Enter
ui_wait_for "Action 1.1"
ui_keys Home Enter
ui_wait_for "N°"
retype() { ui_keys BSpace BSpace BSpace BSpace BSpace BSpace; ui_type "$1"; ui_keys Enter; }
# Another engagement: refused, back to the prompt.
retype 3.9
ui_wait_for "N° « 3.9 » refusé pour l'action 1.1"
# refs compared as strings (awk would take 1.20 for 1.2)
refs() { suivi list --format tsv | awk -F '\t' 'NR > 1 { print $1 "\t" $2 }'; }
refs >"$T/r0"
grep -q "^3\.9	" "$T/r0" && fail "3.9 enregistré"
grep -q "^1\.1	1$" "$T/r0" || fail "1.1 disparue"
# Taken: refused, naming the action that holds it and a free N°.
retype 1.2
ui_wait_for "le N° 1.2 est déjà celui de l'action « Augmenter"
# The same N°: nothing to save, and no "Enregistré.".
retype 1.1
ui_wait_for "Aucun changement : rien à enregistrer."
ui_capture
! grep -q "Enregistré" "$T/screen" || fail "« Enregistré. » sans changement"
suivi history >"$T/h1"
cmp -s "$T/h0" "$T/h1" || fail "le journal a changé"
# A free N° of the same engagement is a renumbering.
ui_keys Enter
retype 1.20
ui_wait_for "Enregistré."
ui_wait_for "Action 1.20"
refs | grep -q "^1\.20	1$" || fail "1.20 absente : $(refs | head -3)"
refs | grep -q "^1\.1	" && fail "1.1 toujours là"
ui_keys q
ui_wait_exit
