#!/bin/sh
# Proves: on Synthèse the coordinator sets the city's assessment of an
# engagement (the final review of the mandate): a choice among atteint /
# en passe d'être atteint / non atteint / non renseignée, then a comment;
# it is shown under the engagement and stored (suivi appreciation). Esc at
# the comment leaves it unchanged; "Non renseignée" clears it.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_keys F5
ui_wait_for "Synthèse par engagement"
ui_wait_for "Appréciation : non renseignée"
ui_keys Down Enter
ui_wait_for "Engagement 2 : appréciation de la collectivité"
ui_keys e
ui_wait_for "Engagement 2 : commentaire de l'appréciation « En passe d'être atteint »"
ui_type "Presque tenu : reste l'école Jaurès."
ui_keys F2
ui_wait_for "Appréciation de l'engagement 2 enregistrée : En passe d'être atteint."
ui_wait_for "Appréciation : En passe d'être atteint — Presque tenu : reste l'éco"
suivi appreciation >"$T/a"
contains "$T/a" "2. La lutte contre l'exclusion, la discrimination et la recherche de l'équité : En passe d'être atteint"
contains "$T/a" "Presque tenu : reste l'école Jaurès."
contains "$T/a" "1. Le bien-être de chaque enfant et chaque jeune : non renseignée"
# Engagement 5 atteint, then Esc at the comment: nothing stored.
ui_keys End Enter
ui_wait_for "Engagement 5 : appréciation de la collectivité"
ui_keys a
ui_wait_for "Engagement 5 : commentaire"
ui_type "brouillon"
ui_keys Escape
ui_wait_for "Abandonner les modifications de ce texte ?"
ui_keys o
ui_wait_for "Appréciation de l'engagement 5 inchangée."
suivi appreciation >"$T/a"
contains "$T/a" "5. Le partenariat avec UNICEF France : non renseignée"
lacks "$T/a" "brouillon"
# Engagement 2 back to "non renseignée", comment emptied.
ui_keys Home Down Enter
ui_wait_for "Engagement 2 : appréciation de la collectivité"
ui_keys End Enter
ui_wait_for "Engagement 2 : commentaire de l'appréciation « Non renseignée »"
ui_keys $(yes BSpace | head -40)
ui_keys F2
ui_wait_for "Appréciation de l'engagement 2 enregistrée : Non renseignée."
suivi appreciation >"$T/a"
contains "$T/a" "2. La lutte contre l'exclusion, la discrimination et la recherche de l'équité : non renseignée"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
