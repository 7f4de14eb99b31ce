#!/bin/sh
# import_formats.sh - proves that the formats a city really keeps import as
# the plan they hold, whatever their name says (files of
# tests/data/import/formats/, written by LibreOffice, xlwt, iconv; see
# make_formats.sh): ODS, old .xls, "Texte Unicode" (UTF-16LE with BOM),
# UTF-16BE, UTF-16 without BOM, an .xls or .ods named .xlsx. The round trip:
# our export of the demo converted by LibreOffice to ODS and XLS gives the
# demo plan back. A workbook with a password to open (encrypted OOXML,
# .xls with FILEPASS, encrypted ODS) and an .xls freexl cannot open are
# refused with their own message naming the file, and change nothing.
# Last, one live conversion by LibreOffice when it is installed.
. "$(dirname "$0")/../lib.sh"
set -e
D=$(cd "$(dirname "$0")/../data/import/formats" && pwd)
export SUIVI_NOW="2025-06-01 10:00:00"
n=0
for exp in "$D"/*.tsv; do
	f=${exp%.tsv}
	b=$(basename "$f")
	rm -f "$DB" "$DB".*
	suivi init --collectivite "Ville de Test" >/dev/null
	expect_status 0 suivi import "$f"
	contains "$T/out" "Import de $b"
	contains "$T/out" "Bilan de l'import"
	case $b in
	*.xls|xls-*) contains "$T/out" "styles non lus : un classeur .xls" ;;
	*) lacks "$T/out" "styles non lus" ;;
	esac
	case $b in
	demo*) suivi list --format tsv | cut -f1-21 >"$T/got.tsv" ;;
	*) suivi list --format tsv >"$T/got.tsv" ;;
	esac
	if ! cmp -s "$T/got.tsv" "$exp"; then
		diff "$exp" "$T/got.tsv" | head -20
		fail "$b : la liste importée diffère de l'attendu"
	fi
	n=$((n + 1))
done
[ "$n" -ge 12 ] || fail "fichiers de formats incomplets ($n)"

# xlwt's .xls: the columns it has.
rm -f "$DB" "$DB".*
suivi init --collectivite "Ville de Test" >/dev/null
expect_status 0 suivi import "$D/xlwt-simple.xls"
suivi list --format tsv | cut -f1,2,4,12 >"$T/got"
cmp -s "$T/got" "$D/xlwt-simple.xls.expect" ||
	{ diff "$D/xlwt-simple.xls.expect" "$T/got"; fail "xlwt-simple.xls"; }

# 1,048,576 formatted rows, written by LibreOffice as one repeated row:
# three actions, in well under the test's patience.
rm -f "$DB" "$DB".*
suivi init --collectivite "Ville de Test" >/dev/null
expect_status 0 suivi import "$D/lignes-vides.ods"
contains "$T/out" "3 lignes d'action"
suivi list --format tsv | cut -f1,2,4,12 >"$T/got"
cmp -s "$T/got" "$D/lignes-vides.ods.expect" ||
	{ diff "$D/lignes-vides.ods.expect" "$T/got"; fail "lignes-vides.ods"; }

# Refusals: the file named, its own message, nothing changed.
rm -f "$DB" "$DB".*
suivi init --demo >/dev/null
state >"$T/before"
for m in "$D"/*.msg; do
	f=${m%.msg}
	b=$(basename "$f")
	expect_status 1 suivi import "$f"
	contains "$T/err" "suivi : $b : "
	contains "$T/err" "$(cat "$m")"
	contains "$T/err" "rien n'a été importé"
	lacks "$T/err" "abîmé"
	lacks "$T/err" "octets nuls"
	state >"$T/after"
	cmp -s "$T/before" "$T/after" || fail "$b : la base a changé"
	n=$((n + 1))
done

# A text file named .xls is still refused as no workbook.
printf 'N°;Intitulé\n1.1;X\n' >"$T/faux.xls"
expect_status 1 suivi import "$T/faux.xls"
contains "$T/err" "faux.xls : ce n'est pas un classeur valide"

# Live: LibreOffice converts a corpus file now, the import gives its plan.
if command -v soffice >/dev/null 2>&1; then
	HOME=$T/lo soffice --headless --convert-to ods --outdir "$T/lo" \
		"$D/../ville-titres.xlsx" >/dev/null 2>&1
	rm -f "$DB" "$DB".*
	suivi init --collectivite "Ville de Test" >/dev/null
	expect_status 0 suivi import "$T/lo/ville-titres.ods"
	suivi list --format tsv >"$T/got.tsv"
	cmp -s "$T/got.tsv" "$D/../ville-titres.xlsx.tsv" ||
		fail "conversion LibreOffice en direct : plan différent"
fi
echo "$n fichiers de formats"
