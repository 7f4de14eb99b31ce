#!/bin/sh
# renumber.sh - issue 13 (B6), command line: `suivi set/modifier REF ref=…`
# renumbers an action only within its engagement and to a free N°; any
# other N° is refused in French (naming the engagement, or the action that
# holds the N° and a free one), exit status 1, nothing changed.
set -e
. "$(dirname "$0")/../lib.sh"

suivi init --demo >/dev/null
state >"$T/before"
expect_status 1 suivi set 1.1 ref=3.9
contains "$T/err" "N° « 3.9 » refusé pour l'action 1.1"
contains "$T/err" "engagement 1"
expect_status 1 suivi modifier 1.1 ref=1.2
contains "$T/err" "le N° 1.2 est déjà celui de l'action « Augmenter"
contains "$T/err" "N° libre (1.9 par exemple)"
for bad in 1.0 1.02 1. 1.1a 11.1 x; do
	expect_status 1 suivi set 1.1 "ref=$bad"
	contains "$T/err" "refusé pour l'action 1.1"
done
state >"$T/after"
cmp -s "$T/before" "$T/after" || fail "la base a changé malgré les refus"

# Within the engagement and free: renumbered, journaled, found by its N°.
expect_status 0 suivi set 1.1 ref=1.10
contains "$T/out" "Action 1.10 enregistrée."
expect_status 0 suivi show 1.10
contains "$T/out" "Ouvrir un lieu d'accueil"
expect_status 1 suivi show 1.1
expect_status 0 suivi history 1.10
contains "$T/out" '"1.1" → "1.10"'
# Moving to another engagement together with a N° of that engagement.
expect_status 0 suivi set 1.10 engagement=3 ref=3.20
expect_status 0 suivi show 3.20
echo "renumérotation : ok"
