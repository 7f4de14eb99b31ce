#!/bin/sh
# undo_review.sh - issue 13 (B2), command line: `suivi undo` prints what it
# undid ("Modification défaite : …"); when the last change ticked a
# "Bilan annuel - Fait", undoing it unticks the review and so, off a
# terminal, needs --oui: without it the command refuses in French, exit
# status 1, and nothing changes. On a terminal it asks (default non).
set -e
. "$(dirname "$0")/../lib.sh"

suivi init --demo >/dev/null
suivi bilan 2026 --fait >/dev/null 2>&1
review() { suivi bilan 2026 | head -1; }
[ "$(review)" = "Bilan annuel 2026 : Fait" ] || fail "bilan non coché"

state >"$T/before"
expect_status 1 suivi undo </dev/null
contains "$T/err" "décocherait « Bilan annuel - Fait » 2026"
contains "$T/err" "ajoutez --oui"
contains "$T/err" "rien n'a été défait"
state >"$T/after"
cmp -s "$T/before" "$T/after" || fail "la base a changé malgré le refus"
[ "$(review)" = "Bilan annuel 2026 : Fait" ] || fail "bilan décoché sans --oui"

# An unknown option is a usage error.
expect_status 2 suivi undo --force
contains "$T/err" "--force"

# On a terminal the question is asked; "n" keeps the review.
if command -v script >/dev/null 2>&1; then
	printf 'n\n' | script -qec "'$SUIVI_BIN' --db '$DB' undo" /dev/null \
	    >"$T/tty" 2>&1 || true
	contains "$T/tty" "Annuler la dernière modification : décocher « Bilan annuel - Fait » 2026 ?"
	contains "$T/tty" "Rien n'a été défait."
	[ "$(review)" = "Bilan annuel 2026 : Fait" ] || fail "bilan décoché malgré « n »"
fi

# --oui unticks it and says what was undone.
expect_status 0 suivi undo --oui </dev/null
contains "$T/out" "Modification défaite : bilan 2026 : Bilan annuel - Fait"
[ "$(review)" = "Bilan annuel 2026 : Non fait" ] || fail "bilan toujours coché"

# A plain field edit needs no --oui, and is named.
suivi set 2.4 "comments=À défaire" >/dev/null
expect_status 0 suivi annuler </dev/null
contains "$T/out" "Modification défaite : action 2.4 : Commentaires"
[ "$(suivi show 2.4 | grep -c 'À défaire')" = 0 ] || fail "commentaire non défait"
