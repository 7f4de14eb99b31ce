#!/bin/sh
# import_shapes.sh - the tables cities really keep (tests/data/import/
# shapes/, written by make_shapes.py with openpyxl, and converted by
# LibreOffice for the lo-* copies): each file is imported into a fresh
# base, first as a trial (--dry-run: nothing changes), then for real. The
# exit status, the plan (`suivi liste --format tsv`) and every report line
# (each interpretation, each ignored row or sheet, each refusal with its
# cell) are those its generator expects. A refusal changes nothing; a
# file with a .feuille is then imported with --feuille that sheet.
. "$(dirname "$0")/../lib.sh"
set -e
D=$(cd "$(dirname "$0")/../data/import/shapes" && pwd)
export SUIVI_NOW="2025-06-01 10:00:00"
n=0
failed=""
check_lines() {	# expected-lines-file output-file
	while IFS= read -r l; do
		[ -n "$l" ] || continue
		grep -qF -- "$l" "$2" || {
			echo "--- $(basename "$f") : ligne attendue absente :" >&2
			echo "    $l" >&2
			echo "--- sortie :" >&2
			head -c 1500 "$2" >&2
			return 1
		}
	done <"$1"
	return 0
}
one() {
	f=$1
	want=$(cat "$f.statut")
	rm -f "$DB" "$DB".*
	suivi init --collectivite "Ville de Test" >/dev/null
	state >"$T/before"
	empty=$(suivi list --format tsv)
	# the trial: the same report, nothing stored
	set +e
	suivi import --dry-run "$f" >"$T/out" 2>&1
	got=$?
	set -e
	[ "$got" = "$want" ] || { echo "$(basename "$f") : essai, statut $got au lieu de $want : $(head -c 800 "$T/out")" >&2; return 1; }
	check_lines "$f.lignes" "$T/out" || return 1
	state >"$T/after"
	cmp -s "$T/before" "$T/after" || { echo "$(basename "$f") : l'essai a modifié la base" >&2; return 1; }
	set +e
	suivi import "$f" >"$T/out" 2>&1
	got=$?
	set -e
	[ "$got" = "$want" ] || { echo "$(basename "$f") : statut $got au lieu de $want : $(head -c 800 "$T/out")" >&2; return 1; }
	check_lines "$f.lignes" "$T/out" || return 1
	if [ "$want" != 0 ]; then
		state >"$T/after"
		cmp -s "$T/before" "$T/after" || { echo "$(basename "$f") : refus, mais base modifiée" >&2; return 1; }
		[ "$(suivi list --format tsv)" = "$empty" ] || return 1
	fi
	suivi list --format tsv >"$T/got.tsv"
	if ! cmp -s "$T/got.tsv" "$f.tsv"; then
		echo "--- $(basename "$f") : plan différent de l'attendu" >&2
		diff "$f.tsv" "$T/got.tsv" | head -10 >&2
		return 1
	fi
	if [ -f "$f.feuille" ]; then
		suivi import --feuille "$(cat "$f.feuille")" "$f" >"$T/out" 2>&1 || { echo "$(basename "$f") : --feuille refusé : $(cat "$T/out")" >&2; return 1; }
		suivi list --format tsv >"$T/got.tsv"
		cmp -s "$T/got.tsv" "$f.tsv.feuille" || { echo "$(basename "$f") : plan de --feuille différent" >&2; diff "$f.tsv.feuille" "$T/got.tsv" | head >&2; return 1; }
	fi
	return 0
}
for f in "$D"/*.xlsx "$D"/*.csv; do
	n=$((n + 1))
	one "$f" || failed="$failed $(basename "$f")"
done
[ "$n" -ge 40 ] || fail "corpus incomplet ($n fichiers)"
[ -z "$failed" ] || fail "fichiers importés autrement qu'attendu :$failed"
