#!/bin/sh
# export_golden.sh - exports a small fixed database (built here with a
# fixed clock and SOURCE_DATE_EPOCH) and compares every sheet, the shared
# strings, the styles, the workbook and the document properties, part by
# part, with tests/golden/. Any
# change in the bytes of the export shows up as a readable diff (the XML
# is split at each tag). SUIVI_GOLDEN_UPDATE=1 rewrites the expected files
# after a deliberate change: review the diff before committing it.
. "$(dirname "$0")/../lib.sh"
set -e
GOLDEN=$(cd "$(dirname "$0")/../golden" && pwd)
export SUIVI_NOW="2025-06-01 10:00"
export SOURCE_DATE_EPOCH=1748772000

suivi init --collectivite "Commune d'Essai & Environs" >/dev/null
nl='
'
suivi add --engagement 1 --intitule "Ouvrir un lieu d'accueil enfants-parents" \
    priority=1 progress="En cours" pilots="Service Petite enfance" \
    "description=Premier paragraphe.${nl}${nl}Second paragraphe : « guillemets », l’apostrophe, 5 €." \
    schedule=2022-2026 >/dev/null
suivi add --engagement 2 --intitule "Tarification sociale" \
    progress="Réalisée" "description==SOMME(A1) reste du texte" \
    "comments=<b>pas du HTML</b> & _x0041_" good_practice=oui >/dev/null
suivi add --engagement 3 --intitule "Ludothèque" progress="Non commencée" \
    cancelled=oui cancelled_year=2024 "cancelled_reason=Budget réaffecté" >/dev/null

expect_status 0 suivi export --annee 2025 -o "$T/g.xlsx"
/usr/bin/python3 - "$T/g.xlsx" "$T" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
parts = [("xl/worksheets/sheet%d.xml" % k, "export-sheet%d.xml" % k)
         for k in range(1, 7)]
parts += [("xl/sharedStrings.xml", "export-sharedStrings.xml"),
          ("xl/styles.xml", "export-styles.xml"),
          ("xl/workbook.xml", "export-workbook.xml"),
          ("docProps/app.xml", "export-app.xml"),
          ("docProps/core.xml", "export-core.xml"),
          ("docProps/custom.xml", "export-custom.xml")]
for part, name in parts:
    data = z.read(part).decode("utf-8").replace("><", ">\n<")
    with open(sys.argv[2] + "/" + name, "w", encoding="utf-8") as f:
        f.write(data + "\n")
PY
for part in export-sheet1.xml export-sheet2.xml export-sheet3.xml \
    export-sheet4.xml export-sheet5.xml export-sheet6.xml \
    export-sharedStrings.xml export-styles.xml export-workbook.xml \
    export-app.xml export-core.xml export-custom.xml; do
	if [ "${SUIVI_GOLDEN_UPDATE:-0}" = 1 ]; then
		cp "$T/$part" "$GOLDEN/$part"
	fi
	diff -u "$GOLDEN/$part" "$T/$part" || fail "$part diffère de tests/golden"
done
echo ok
