#!/bin/sh
# import_corpus.sh - proves that each file of tests/data/import/ (written by
# openpyxl and Python's csv module, see make_corpus.py) imports into an
# empty database as the plan its generator describes: the `list --format
# tsv` after import equals the .tsv stored next to the file.
. "$(dirname "$0")/../lib.sh"
set -e
D=$(cd "$(dirname "$0")/../data/import" && pwd)
export SUIVI_NOW="2025-06-01 10:00:00"
n=0
for f in "$D"/*.xlsx "$D"/*.csv; do
	rm -f "$DB" "$DB".*
	suivi init --collectivite "Ville de Test" >/dev/null
	expect_status 0 suivi import "$f"
	contains "$T/out" "Bilan de l'import"
	suivi list --format tsv >"$T/got.tsv"
	if ! cmp -s "$T/got.tsv" "$f.tsv"; then
		diff "$f.tsv" "$T/got.tsv" | head -20
		fail "$(basename "$f") : la liste importée diffère de l'attendu"
	fi
	# a second import of the same file changes nothing
	expect_status 0 suivi import "$f"
	contains "$T/out" "0 créée, 0 modifiée"
	n=$((n + 1))
done
[ "$n" -ge 6 ] || fail "corpus incomplet ($n fichiers)"
