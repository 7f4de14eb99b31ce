#!/bin/sh
# import_apply.sh - proves how an import changes an existing database:
# updates go through the journal, --dry-run writes nothing, a row changed
# in the database since our export is a conflict left alone unless
# --forcer, a backup is written next to the database, --feuille picks the
# sheet, --plan-initial freezes the initial plan, and a later new row gets
# a default reason for its addition.
. "$(dirname "$0")/../lib.sh"
set -e
# 2026: its review is not done, so the export is the live plan
export SUIVI_NOW="2026-03-01 10:00:00"
suivi init --demo >/dev/null
suivi export -o "$T/plan.xlsx" >/dev/null
state >"$T/s0"

# A department edits its copy; meanwhile 1.2 changes in the database.
/usr/bin/python3 - "$T/plan.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Plan d'action"]
for row in ws.iter_rows(min_row=2):
    if row[0].value == "1.2":
        row[11].value = "en cours"          # Avancement
    if row[0].value == "1.3":
        row[14].value = "Nouveau commentaire du service"
wb.save(sys.argv[1])
PY
suivi set 1.2 comments="Changé dans la base" >/dev/null
state >"$T/s1"

# --dry-run: the same report, nothing written, no backup.
expect_status 1 suivi import --dry-run "$T/plan.xlsx"
contains "$T/out" "modifiée 1.3 : Commentaires"
contains "$T/out" "conflit  1.2"
state >"$T/s2"
cmp -s "$T/s1" "$T/s2" || fail "--dry-run a modifié la base"
! ls "$T"/t-avant-import-*.db >/dev/null 2>&1 || fail "sauvegarde en --dry-run"

# For real: 1.3 updated and journaled, 1.2 left alone, exit status 1.
expect_status 1 suivi import "$T/plan.xlsx"
contains "$T/out" "1 modifiée"
contains "$T/out" "1 conflit"
contains "$T/err" "--forcer"
ls "$T"/t-avant-import-2026-03-01-10h00m00.db >/dev/null || fail "pas de sauvegarde"
suivi show 1.3 >"$T/show"
contains "$T/show" "Nouveau commentaire du service"
suivi show 1.2 >"$T/show"
contains "$T/show" "Changé dans la base"
contains "$T/show" "Avancement : Réalisée"
suivi history 1.3 >"$T/h"
contains "$T/h" "Nouveau commentaire du service"
# The backup holds the database as it was before the import.
"$SUIVI_BIN" --db "$T"/t-avant-import-2026-03-01-10h00m00.db show 1.3 >"$T/show"
lacks "$T/show" "Nouveau commentaire du service"

# --forcer imports the conflicting row too.
expect_status 0 suivi import --forcer "$T/plan.xlsx"
contains "$T/out" "modifiée 1.2 : Avancement"
suivi show 1.2 >"$T/show"
contains "$T/show" "Avancement : En cours"

# --feuille: an unknown sheet is named, with the sheets that exist.
expect_status 1 suivi import --feuille "Budget" "$T/plan.xlsx"
contains "$T/err" "pas de feuille « Budget »"
contains "$T/err" "« Plan d'action »"

# A new database: --plan-initial freezes the initial plan after import;
# afterwards a new row is an added action with a default reason.
DB=$T/neuf.db
suivi init --collectivite "Ville Neuve" >/dev/null
printf 'N°;Engagement;Intitulé de l%saction\n1.1;1;Première action\n' "'" >"$T/a.csv"
expect_status 0 suivi import --plan-initial "$T/a.csv" </dev/null
contains "$T/out" "Plan initial figé"
printf 'Engagement;Intitulé\n2;Action venue plus tard\n' >"$T/b.csv"
expect_status 0 suivi import "$T/b.csv" </dev/null
contains "$T/out" "créée    2.1 : Action venue plus tard (action supplémentaire"
suivi list --format tsv >"$T/l"
contains "$T/l" "Ajoutée par import de b.csv le 01/03/2026"
# Without --plan-initial and without a terminal: no question, not frozen.
DB=$T/trois.db
suivi init --collectivite "Ville Trois" >/dev/null
expect_status 0 suivi import "$T/a.csv" </dev/null
contains "$T/out" "plan initial n'est pas figé"
