#!/bin/sh
# Proves: a long text is edited in the multi-line editor with accented and
# double-width characters over several lines, saved with F2, and stored
# exactly (newlines kept) as `suivi list --format tsv` shows.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi add --engagement 1 --intitule "Action d'essai" "added_reason=Demande du conseil" >/dev/null
ref=$(suivi list --format tsv | awk -F '\t' '$4 == "Action d'\''essai" { print $1 }')
[ -n "$ref" ] || fail "action d'essai absente"
ui_start 80 24
ui_keys /
ui_wait_for "Rechercher"
ui_type "essai"
ui_keys Enter
ui_wait_for "« essai » : 1 action trouvée"
ui_keys Enter
ui_wait_for "Action $ref"
ui_keys Down Down
ui_wait_for "Descriptif / analyse de l'action — Entrée pour modifier"
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type "Première ligne : élèves, crèche, œuvre — 漢字."
ui_keys Enter
ui_type "Deuxième ligne après « Entrée »."
ui_wait_for "Deuxième ligne après"
ui_keys F2
ui_wait_for "Enregistré."
got=$(ui_field "$ref" description)
want='Première ligne : élèves, crèche, œuvre — 漢字.\nDeuxième ligne après « Entrée ».'
[ "$got" = "$want" ] || fail "description enregistrée : « $got »"
# Esc on an unchanged text closes without asking; on a changed one asks.
ui_keys Enter
ui_wait_for "F2/Ctrl-S enregistrer"
ui_type "x"
ui_keys Escape
ui_wait_for "Abandonner les modifications"
ui_keys o
ui_wait_gone "F2/Ctrl-S enregistrer"
[ "$(ui_field "$ref" description)" = "$want" ] || fail "texte abandonné enregistré"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
