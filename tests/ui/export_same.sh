#!/bin/sh
# Proves: F6 in the interface and `suivi export` write the same file. On
# the demo's 2026 (reviews 2024 and 2025 done, so "Évolution" compares
# with 2025), with SOURCE_DATE_EPOCH fixing the document date, the two
# workbooks are byte for byte the same, and both say so on the Évolution
# sheet (F6 used to write "Aucun bilan annuel antérieur n'est fait").
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
export SOURCE_DATE_EPOCH=1772359200	# 2026-03-01 10:00 UTC
ui_demo
SUIVI_NOW=2026-03-01 expect_status 0 suivi export --annee 2026 -o "$T/cli.xlsx"
ui_start 80 24 SUIVI_NOW=2026-03-01 SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH
ui_keys F6
ui_wait_for "année du bilan"
ui_keys C-a
i=0
while [ $i -lt 8 ]; do ui_keys DC; i=$((i + 1)); done
ui_type 2026
ui_keys Enter
ui_wait_for "Nom du fichier à écrire"
ui_keys C-a
i=0
while [ $i -lt 60 ]; do ui_keys DC; i=$((i + 1)); done
ui_type "$T/tui.xlsx"
ui_keys Enter
ui_wait_for "Tableau de suivi 2026 exporté"
ui_keys q
ui_wait_exit
/usr/bin/python3 - "$T/cli.xlsx" "$T/tui.xlsx" <<'PY' || fail "les deux exports diffèrent"
import sys, zipfile, openpyxl
cli, tui = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = cli.namelist()
assert names == tui.namelist(), (names, tui.namelist())
bad = [n for n in names if cli.read(n) != tui.read(n)]
assert not bad, "parties différentes : %s" % bad
for p in sys.argv[1:3]:
    ws = openpyxl.load_workbook(p)["Évolution"]
    text = " ".join(str(c.value) for r in ws.iter_rows() for c in r if c.value)
    assert "depuis le bilan 2025" in text, (p, text[:200])
    assert "Aucun bilan annuel antérieur" not in text, p
PY
cmp "$T/cli.xlsx" "$T/tui.xlsx" || fail "les deux fichiers ne sont pas identiques octet pour octet"
echo ok
