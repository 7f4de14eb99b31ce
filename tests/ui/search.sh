#!/bin/sh
# Proves: / searches every text ignoring accents and case ("ecole" finds
# "École"), marks and counts the matches, n jumps to the next one; from an
# opened action n and N open the next and previous match; x clears the
# search.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
n=$(suivi list --recherche ecole --format tsv | tail -n +2 | wc -l)
[ "$n" -gt 1 ] || fail "la démo devrait contenir « école »"
first=$(suivi list --recherche ecole --format tsv | awk -F '\t' 'NR == 2 { print $1 }')
second=$(suivi list --recherche ecole --format tsv | awk -F '\t' 'NR == 3 { print $1 }')
third=$(suivi list --recherche ecole --format tsv | awk -F '\t' 'NR == 4 { print $1 }')
[ -n "$third" ] || fail "la démo devrait contenir « école » trois fois"
suivi list --format tsv | grep -q "École\|école" || fail "pas d'École dans la démo"
ui_start 80 24
ui_keys /
ui_wait_for "Rechercher (accents et majuscules ignorés)"
ui_type "ECOLE"
ui_keys Enter
ui_wait_for "« ECOLE » : $n actions trouvées"
ui_wait_for "Recherche « ECOLE » : $n trouvées"
ui_keys n
ui_wait_for "Action $second — recherche"
# From the action screen, n opens the next match, N the previous one.
ui_keys Enter
ui_wait_for "Action $second "
ui_keys n
ui_wait_for "Action $third — recherche « ECOLE »"
ui_wait_for "Descriptif / analyse de l"
head -2 "$T/screen" | grep -q "Action $third " || fail "n n'a pas ouvert l'action $third"
ui_keys N
ui_wait_for "Action $second — recherche « ECOLE »"
head -2 "$T/screen" | grep -q "Action $second " || fail "N n'a pas ouvert l'action $second"
ui_keys Escape
ui_wait_for "Recherche « ECOLE »"
ui_keys x
ui_wait_for "Toutes les actions (40)"
ui_keys q
ui_wait_exit
