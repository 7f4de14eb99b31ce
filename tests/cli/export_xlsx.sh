#!/bin/sh
# export_xlsx.sh - proves that `suivi export` writes the yearly workbook an
# independent reader (openpyxl) finds complete and faithful: sheets,
# headers, every text byte for byte (formula-like text stays text),
# priority rows blue and locked, lists, panes, filter, print set-up, row
# heights; that --pilote keeps a department's actions; and that a done
# year is exported from its snapshot, byte for byte the same each time.
. "$(dirname "$0")/../lib.sh"
set -e
CHECK="/usr/bin/python3 $(cd "$(dirname "$0")/.." && pwd)/export/check_xlsx.py"
export SUIVI_NOW="2026-03-15 10:00"

suivi init --demo >/dev/null
nl='
'
suivi set 1.2 "description==SOMME(A1)${nl}deuxième ligne « guillemets » l’apostrophe" \
    "comments=- commence par un tiret${nl}${nl}et _x0041_ reste écrit" \
    "perspectives=@mention +plus" >/dev/null
suivi list --format tsv >"$T/list.tsv"

# Default name in the current directory, current year (2026, not done).
(cd "$T" && "$SUIVI_BIN" --db "$DB" export >"$T/out" 2>"$T/err") ||
    fail "export : $(cat "$T/err")"
F="$T/Suivi-VAE-Ville-de-Démo-2026.xlsx"
[ -f "$F" ] || fail "fichier par défaut absent : $(ls "$T")"
contains "$T/out" "Suivi-VAE-Ville-de-Démo-2026.xlsx"
[ ! -s "$T/err" ] || fail "messages inattendus : $(cat "$T/err")"
$CHECK "$F" "$T/list.tsv" || fail "contenu du tableau"

# A department's part only.
suivi list --pilote "petite enfance" --format tsv >"$T/pe.tsv"
[ "$(wc -l <"$T/pe.tsv")" -gt 1 ] || fail "aucune action petite enfance"
expect_status 0 suivi export --annee 2026 --pilote "PETITE ENFANCE" -o "$T/pe.xlsx"
$CHECK "$T/pe.xlsx" "$T/pe.tsv" || fail "export --pilote"
expect_status 1 suivi export --annee 2026 --pilote "service inexistant" -o "$T/x.xlsx"
contains "$T/err" "service inexistant"
[ ! -e "$T/x.xlsx" ] || fail "fichier écrit sans action"

# A done year comes from its snapshot: twice the same bytes, and still
# the same after the live plan changed.
unset SUIVI_NOW
expect_status 0 suivi export --annee 2025 -o "$T/a.xlsx"
contains "$T/out" "plan figé"
sleep 1
expect_status 0 suivi export --annee 2025 -o "$T/b.xlsx"
cmp "$T/a.xlsx" "$T/b.xlsx" || fail "deux exports de 2025 diffèrent"
suivi set 2.2 "comments=modifié après le bilan" >/dev/null
expect_status 0 suivi export --annee 2025 -o "$T/c.xlsx"
cmp "$T/a.xlsx" "$T/c.xlsx" || fail "l'export 2025 a changé après une modification"
/usr/bin/python3 - "$T/c.xlsx" <<'PY' || fail "2025 ne vient pas de la photographie"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Plan d'action"]
vals = [c.value for c in ws["O"]]
sys.exit(1 if "modifié après le bilan" in vals else 0)
PY

# SOURCE_DATE_EPOCH makes the live plan reproducible too.
SOURCE_DATE_EPOCH=1767225600 suivi export --annee 2026 -o "$T/d.xlsx" >/dev/null
sleep 1
SOURCE_DATE_EPOCH=1767225600 suivi export --annee 2026 -o "$T/e.xlsx" >/dev/null
cmp "$T/d.xlsx" "$T/e.xlsx" || fail "SOURCE_DATE_EPOCH : fichiers différents"

# -o naming a directory writes the default name inside it.
mkdir "$T/envoi"
expect_status 0 suivi export --annee 2024 -o "$T/envoi"
[ -f "$T/envoi/Suivi-VAE-Ville-de-Démo-2024.xlsx" ] || fail "dossier -o : $(ls "$T/envoi")"

# Usage errors.
expect_status 2 suivi export --format pdf
expect_status 2 suivi export --rfc4180
expect_status 2 suivi export --annee
echo "ok"
