#!/bin/sh
# Proves: at 80x24 the Services screen (S, listed in the help) shows one
# line per department with its counts right-aligned and long names cut
# with "…"; Enter shows the plan filtered on that department exactly
# (the actions of `list` whose pilots name it, no more); c edits its
# contact, saved in the base (a bad address is refused, nothing saved);
# R writes the extracts and the .eml files into the folder typed.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24 SUIVI_NOW=2026-12-04
ui_keys F1
ui_wait_for "Aide — toutes les touches"
ui_keys NPage NPage
ui_wait_for "Services : qui a mis à jour, contacts, relances"
contains "$T/screen" "Services : modifier le contact du service choisi"
contains "$T/screen" "Services : relances (extrait et courriel .eml)"
ui_keys Escape
ui_keys S
ui_wait_for "Services — bilan 2026 : 14 services, 14 avec des actions à mettre à jour"
contains "$T/screen" " Service                    Actions À jour À mettre à jour Modifié le Réponse"
contains "$T/screen" " CCAS                             6      0               6 10/12/2025 —"
contains "$T/screen" " Direction Éducation             13      1              12 05/10/2026 —"
contains "$T/screen" " Direction de la Communica…       2      0               2 10/12/2025 —"

# Enter on "Service Petite enfance" (11th line): exactly its actions.
ui_keys Home Down Down Down Down Down Down Down Down Down Down
ui_wait_for "Pas de contact (c pour le saisir) · modifié le 10/12/2025 par c.martin"
ui_keys Enter
ui_wait_for "Filtre : service « Service Petite enfance », sans les annulées — 3 actions"
suivi list --format tsv | awk -F'\t' 'NR > 1 && $7 ~ /Service Petite enfance/ { print $1 }' >"$T/want"
[ "$(cat "$T/want" | tr '\n' ' ')" = "1.1 1.2 1.3 " ] || fail "données : $(cat "$T/want")"
for r in 1.1 1.2 1.3; do grep -q "^ $r " "$T/screen" || fail "$r absente"; done
[ "$(grep -cE '^ [0-9]+\.[0-9]+ ' "$T/screen")" = 3 ] || fail "$(cat "$T/screen")"
ui_keys x
ui_wait_gone "Filtre : service"

# The contact: a bad address is refused, then a good one is saved.
ui_keys S
ui_wait_for "Services — bilan 2026"
ui_keys Home Down Down Down Down Down Down Down Down Down Down c
ui_wait_for "Contact du service « Service Petite enfance » : nom"
ui_type "Aïcha Benali"
ui_keys Enter
ui_wait_for "Contact du service « Service Petite enfance » : courriel"
ui_type "aicha benali"
ui_keys Enter
ui_wait_for "Contact non enregistré : « aicha benali » n'est pas une adresse"
suivi services >"$T/s"
grep "^Service Petite enfance" "$T/s" | grep -qF "(pas de contact)" || fail "enregistré malgré l'erreur"
ui_keys c
ui_wait_for "Contact du service « Service Petite enfance » : nom"
ui_type "Aïcha Benali"
ui_keys Enter
ui_wait_for "Contact du service « Service Petite enfance » : courriel"
ui_type "aicha.benali@ville-demo.fr"
ui_keys Enter
ui_wait_for "Contact du service « Service Petite enfance » enregistré."
ui_wait_for "Contact : Aïcha Benali <aicha.benali@ville-demo.fr>"
suivi services >"$T/s"
grep "^Service Petite enfance" "$T/s" | grep -qF "Aïcha Benali <aicha.benali@ville-demo.fr>" ||
    fail "contact absent de la base : $(cat "$T/s")"

# R: the reminders into a folder.
mkdir "$T/rel"
ui_keys R
ui_wait_for "Relances : dossier où écrire les extraits"
ui_keys BSpace
ui_type "$T/rel"
ui_keys Enter
ui_wait_for "Relances : date limite de réponse (JJ/MM/AAAA)"
contains "$T/screen" "25/12/2026"
ui_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
ui_type "15/01/2027"
ui_keys Enter
ui_wait_for "14 courriels écrits dans $T/rel"
ui_keys Escape
ui_wait_for "Relances : 14 courriels écrits dans $T/rel."
[ "$(ls "$T/rel" | grep -c '\.eml$')" = 14 ] || fail "$(ls "$T/rel")"
[ "$(ls "$T/rel" | grep -c '\.xlsx$')" = 14 ] || fail "$(ls "$T/rel")"
f="$T/rel/Suivi-VAE-Ville-de-Démo-2026-Service-Petite-enfance.eml"
grep -q "^To: =?UTF-8?B?" "$f" || fail "To : $(head -5 "$f")"
/usr/bin/python3 "$(dirname "$0")/../cli/eml_check.py" "$DB" "$f" \
    "Service Petite enfance" 15/01/2027 \
    "Aïcha Benali|aicha.benali@ville-demo.fr" || fail "courriel"
ui_keys q
ui_wait_exit
