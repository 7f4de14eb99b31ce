#!/bin/sh
# locale.sh - proves that suivi works the same under the French locale a
# town hall's Debian sets (fr_FR.UTF-8, decimal comma) as under C.UTF-8:
# - the export has decimal points in its XML (row heights, column widths,
#   the Synthèse shares): openpyxl reads it, and the numbers are right;
#   every part of the workbook is byte for byte the one written under
#   C.UTF-8;
# - a spreadsheet number cell 31.7 (an indicator value) imports, and is
#   shown 31,7 to people;
# - people read French dates, never ISO: show/voir, history, bilan,
#   plan-initial; `list --format tsv` keeps ISO for machines;
# - the suite really runs in $SUIVI_TEST_LOCALE (tests/run.sh).
. "$(dirname "$0")/../lib.sh"
set -e
FR=fr_FR.UTF-8
if [ -n "$(LC_ALL=$FR locale 2>&1 >/dev/null)" ]; then
	fail "la locale $FR n'existe pas sur cette machine (localedef -i fr_FR -f UTF-8 $FR)"
fi
[ "${LC_ALL:-}" = "${SUIVI_TEST_LOCALE:-C.UTF-8}" ] ||
    fail "le test ne tourne pas dans la locale de test (LC_ALL=${LC_ALL:-} au lieu de ${SUIVI_TEST_LOCALE:-C.UTF-8})"
export SUIVI_NOW="2026-12-04 17:05"
fr() { LANG=$FR LC_ALL=$FR "$SUIVI_BIN" --db "$DB" "$@"; }
c8() { LANG=C.UTF-8 LC_ALL=C.UTF-8 "$SUIVI_BIN" --db "$DB" "$@"; }

fr init --demo >/dev/null

# ---- Export under fr_FR.UTF-8 ----
fr export -o "$T/fr.xlsx" >"$T/out" 2>"$T/err" || fail "export : $(cat "$T/err")"
c8 export -o "$T/c.xlsx" >/dev/null 2>&1 || fail "export C.UTF-8"
/usr/bin/python3 - "$T/fr.xlsx" "$T/c.xlsx" <<'PY' || fail "XML du tableau sous $FR"
import re, sys, zipfile
fr, c = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
comma = re.compile(rb'[A-Za-z]+="-?[0-9]+,[0-9]+"|<v>-?[0-9]+,[0-9]+</v>')
assert fr.namelist() == c.namelist(), (fr.namelist(), c.namelist())
for part in fr.namelist():
    a = fr.read(part)
    bad = comma.findall(a)
    assert not bad, ("virgule décimale", part, bad[:3])
    assert a == c.read(part), ("diffère de C.UTF-8", part)
PY
/usr/bin/python3 - "$T/fr.xlsx" <<'PY' || fail "lecture du tableau par openpyxl"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
syn = wb["Synthèse"]
# Engagement 1 of the demo: 3 of 7 actions done.
row = [r for r in syn.iter_rows(values_only=True) if r[0] == "Engagement 1"][0]
assert row[2] == 7 and row[3] == 3, row
assert abs(row[11] - 3 / 7) < 1e-9, ("part réalisée", row[11])
w = wb["Plan d'action"].column_dimensions["D"].width
assert abs(w - 34.7109375) < 1e-6, ("largeur de colonne", w)
ws = wb["Indicateurs"]
vals = [r for r in ws.iter_rows(values_only=True)
        if r[2] and r[2].startswith("Concentration moyenne")]
assert vals and vals[0][4] == "32,5", ("indicateur décimal", vals)
PY

# ---- Import of a number cell 31.7 under fr_FR.UTF-8 ----
/usr/bin/python3 - "$T/c.xlsx" "$T/in.xlsx" <<'PY' || fail "préparation du fichier"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Indicateurs"]
head = [c.value for c in ws[1]]
col = head.index(2025) + 1
for r in range(2, ws.max_row + 1):
    if (ws.cell(r, 3).value or "").startswith("Concentration moyenne"):
        ws.cell(r, col).value = 31.7
wb.save(sys.argv[2])
PY
fr import "$T/in.xlsx" >"$T/out" 2>"$T/err" || fail "import de 31.7 : $(cat "$T/err")"
contains "$T/out" "1 mis à jour"
fr indicateur 1.4 >"$T/out"
contains "$T/out" "2025 : 31,7 (Campagne de l'hiver 2025, six écoles)"
fr show 1.4 >"$T/out"
contains "$T/out" "2025 : 31,7"
# Stored as the file gave it: the next import changes nothing.
fr import "$T/in.xlsx" >"$T/out" 2>"$T/err" || fail "second import : $(cat "$T/err")"
contains "$T/out" "0 mis à jour"

# ---- People read French dates ----
fr set 1.1 avancement=Réalisée >/dev/null
fr show 1.1 >"$T/out"
contains "$T/out" "Dernière mise à jour : 04/12/2026 à 17:05"
fr history >"$T/out"
contains "$T/out" "04/12/2026 à 17:05  testeur"
contains "$T/out" "30/01/2026 à 16:40  c.martin"
fr bilan >"$T/out"
contains "$T/out" "2025 : Fait (le 30/01/2026 à 16:40 par c.martin)"
fr bilan 2025 >"$T/out"
contains "$T/out" "Coché le 30/01/2026 à 16:40 par c.martin"
expect_status 1 fr bilan 2025 --fait --oui
contains "$T/err" "le bilan 2025 est déjà fait (le 30/01/2026 à 16:40 par c.martin)"
fr plan-initial --montrer >"$T/out"
contains "$T/out" "(figé le 10/02/2021 à 18:30)"
for cmd in "show 1.1" "show 1.4" "history" "bilan" "bilan 2025" \
    "plan-initial --montrer" "indicateur 1.4" "check" "evolution"; do
	# shellcheck disable=SC2086
	fr $cmd >"$T/out" 2>&1 || true
	if grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$T/out"; then
		fail "date ISO dans « suivi $cmd » : $(grep -E '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$T/out" | head -2)"
	fi
	# shellcheck disable=SC2086
	c8 $cmd >"$T/out.c" 2>&1 || true
	cmp -s "$T/out" "$T/out.c" || fail "« suivi $cmd » diffère entre $FR et C.UTF-8"
done
# Machines keep ISO.
fr list --format tsv >"$T/out"
contains "$T/out" "2026-12-04 17:05:00"
c8 list --format tsv | cmp -s - "$T/out" || fail "list --format tsv diffère entre $FR et C.UTF-8"
echo ok
