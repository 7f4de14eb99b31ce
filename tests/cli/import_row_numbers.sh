#!/bin/sh
# import_row_numbers.sh - row numbers of a file are read with a range
# check: an XLSX row r="4294967297" (2^32 + 1, which atoi wrapped to 1 on
# glibc) is refused as an invalid row number, not read as row 1; an N°
# "4294967297.1" without an engagement column does not become an action
# of engagement 1.
. "$(dirname "$0")/../lib.sh"
set -e
suivi init --collectivite "Essai" >/dev/null

/usr/bin/python3 - "$T/rows.xlsx" <<'PY'
import sys, zipfile
def cells(*texts):
    # inline strings, no "r" on the cells: their row is the row's
    return "".join('<c t="inlineStr"><is><t>%s</t></is></c>' % t for t in texts)
sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData>'
    '<row r="1">' + cells("N°", "Engagement", "Intitulé de l'action") + '</row>'
    '<row r="4294967297">' + cells("2.1", "2", "Action de la ligne piégée") + '</row>'
    '</sheetData></worksheet>')
ns_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
parts = {
  "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % ns_r,
  "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="%s"><sheets><sheet name="Plan d\'action" sheetId="1" r:id="rId1"/></sheets></workbook>' % ns_r,
  "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' % ns_r,
  "xl/worksheets/sheet1.xml": sheet,
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
PY
expect_status 1 suivi import --dry-run "$T/rows.xlsx"
contains "$T/err" "numéro de ligne invalide"

# The same file with a plain row number is read (the test file is sound).
sed_py='import sys,zipfile
src=zipfile.ZipFile(sys.argv[1]); dst=zipfile.ZipFile(sys.argv[2],"w")
for i in src.infolist():
    d=src.read(i.filename)
    dst.writestr(i.filename, d.replace(b"4294967297", b"2"))
dst.close()'
/usr/bin/python3 -c "$sed_py" "$T/rows.xlsx" "$T/ok.xlsx"
expect_status 0 suivi import --dry-run "$T/ok.xlsx"

# An N° beyond any int gives no engagement (the file has no column of
# engagements): the row is refused, never put in engagement 1.
printf 'N°;Intitulé de l'"'"'action\r\n4294967297.1;Action au numéro piégé\r\n' >"$T/ref.csv"
expect_status 1 suivi import "$T/ref.csv"
lacks "$T/out" "engagement 1"
[ -z "$(suivi list --format tsv | tail -n +2)" ] ||
    fail "une action a été créée : $(suivi list --format tsv)"
echo ok
