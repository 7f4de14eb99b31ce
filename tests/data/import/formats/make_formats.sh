#!/bin/sh
# make_formats.sh - writes the files of tests/data/import/formats/ with the
# real programs: LibreOffice headless (ODS, XLS, "Texte Unicode"), iconv
# (UTF-16BE, UTF-16 without BOM), python3-xlwt (.xls), openpyxl (styles)
# and python3-msoffcrypto-tool (a workbook with a password to open).
#
# Run from the checkout, after `make`: sh tests/data/import/formats/make_formats.sh
# (LibreOffice takes a few seconds per file: the files are committed and
# tests/cli/import_formats.sh only replays them, plus one live conversion).
#
# Expected plans (<file>.tsv, `suivi list --format tsv` after importing the
# file into an empty base, as in import_corpus.sh):
# - the conversions of the corpus files (../*.xlsx, written by openpyxl,
#   whose expected plan make_corpus.py computed without suivi) expect that
#   same plan: a format changes nothing of what is read;
# - demo.ods, demo-sans-graphique.xls: our export of the demo converted by
#   LibreOffice, expect the demo plan (columns 1-21: the round trip).
# Refusals get <file>.msg: a fragment of the message suivi must print.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../../../.." && pwd)
SUIVI="$TOP/suivi"
PY=/usr/bin/python3
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export HOME="$W/home" SUIVI_DATA="$TOP/data" SUIVI_USER=testeur
export SUIVI_NOW="2025-06-01 10:00:00"

lo() {	# lo FORMAT FILE: converts FILE into $W/out/
	soffice --headless --convert-to "$1" --outdir "$W/out" "$2" \
		>/dev/null 2>&1
}
cd "$HERE"
rm -f ./*.ods ./*.xls ./*.txt ./*.tsv ./*.msg ./*.xlsx

# 1. The corpus files, as LibreOffice writes them.
for f in ville-titres ville-sections export-suivi; do
	lo ods "$HERE/../$f.xlsx"
	cp "$W/out/$f.ods" "$f.ods"
	cp "$HERE/../$f.xlsx.tsv" "$f.ods.tsv"
done
# Not ville-sections: freexl 1.0.6 gives neither merged ranges (its
# engagement rows merged across) nor booleans (BOOLERR cells read as
# empty), so its .xls cannot give the same plan.
# ville-titres marks priority by blue fill only: a format without fills
# (.xls as freexl reads it, text) expects that plan with no priority.
awk -F '\t' -v OFS='\t' 'NR > 1 { $5 = 0 } { print }' \
	"$HERE/../ville-titres.xlsx.tsv" >"$W/sans-remplissage.tsv"
for f in ville-titres export-suivi; do
	lo xls "$HERE/../$f.xlsx"
	cp "$W/out/$f.xls" "$f.xls"
	cp "$HERE/../$f.xlsx.tsv" "$f.xls.tsv"
done
cp "$W/sans-remplissage.tsv" ville-titres.xls.tsv
# An .xls named .xlsx and an .ods named .xlsx: read as what they are.
cp ville-titres.xls xls-renomme.xlsx
cp "$W/sans-remplissage.tsv" xls-renomme.xlsx.tsv
cp ville-sections.ods ods-renomme.xlsx
cp "$HERE/../ville-sections.xlsx.tsv" ods-renomme.xlsx.tsv

# 2. Text: Excel's "Texte Unicode" (UTF-16LE with BOM, tabs), written by
# LibreOffice's filter (charset 65535: UTF-16LE with BOM), and iconv's UTF-16BE and
# UTF-16LE without BOM from the UTF-8 tab export.
lo 'txt:Text - txt - csv (StarCalc):9,34,65535' "$HERE/../ville-titres.xlsx"
cp "$W/out/ville-titres.txt" texte-unicode.txt
cp "$W/sans-remplissage.tsv" texte-unicode.txt.tsv
lo 'txt:Text - txt - csv (StarCalc):9,34,76' "$HERE/../ville-titres.xlsx"
mv "$W/out/ville-titres.txt" "$W/utf8.txt"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$W/utf8.txt"; } \
	>utf16be-bom.txt
cp texte-unicode.txt.tsv utf16be-bom.txt.tsv
iconv -f UTF-8 -t UTF-16LE "$W/utf8.txt" >utf16le-sans-bom.txt
cp texte-unicode.txt.tsv utf16le-sans-bom.txt.tsv

# 3. The round trip: our export of the demo, through LibreOffice. In 2026,
# the demo's current year: the export of an earlier date shows that
# year's annual review, not the plan `list` shows.
demo() { SUIVI_NOW="2026-06-01 10:00:00" "$SUIVI" --db "$W/demo.db" "$@"; }
demo init --demo >/dev/null
demo export -o "$W/demo.xlsx" >/dev/null
demo list --format tsv | cut -f1-21 >"$W/demo.tsv"
lo ods "$W/demo.xlsx"
cp "$W/out/demo.ods" demo.ods
cp "$W/demo.tsv" demo.ods.tsv
# freexl 1.0.6 cannot open an .xls holding a chart (the Synthèse sheet):
# that one is a refusal; without the chart, the round trip.
lo xls "$W/demo.xlsx"
cp "$W/out/demo.xls" demo-graphique.xls
echo "contient sans doute un graphique" >demo-graphique.xls.msg
$PY - "$W/demo.xlsx" "$W/demo-sans-graphique.xlsx" <<'EOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    ws._charts = []
wb.save(sys.argv[2])
EOF
lo xls "$W/demo-sans-graphique.xlsx"
cp "$W/out/demo-sans-graphique.xls" demo-sans-graphique.xls
cp "$W/demo.tsv" demo-sans-graphique.xls.tsv

# 4. An .xls written by xlwt (no LibreOffice): values, a number N°, an
# accented text, a date cell.
$PY - xlwt-simple.xls <<'EOF'
import sys, datetime, xlwt
wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("Plan")
head = ["N°", "Engagement", "Intitulé de l'action", "Avancement"]
rows = [["1.1", 1, "Ouvrir une crèche à horaires élargis", "En cours"],
        ["2.1", 2, "Tarification sociale de la cantine", "Réalisée"],
        ["3.1", 3, "Accompagnement à la scolarité", "Non commencée"]]
for c, h in enumerate(head):
    ws.write(0, c, h)
for r, row in enumerate(rows, 1):
    for c, v in enumerate(row):
        ws.write(r, c, v)
wb.save(sys.argv[1])
EOF
{
	printf 'ref\tengagement\tdesignation\tprogress\n'
	printf '1.1\t1\tOuvrir une crèche à horaires élargis\tEn cours\n'
	printf '2.1\t2\tTarification sociale de la cantine\tRéalisée\n'
	printf '3.1\t3\tAccompagnement à la scolarité\tNon commencée\n'
} >xlwt-simple.xls.expect

# 5. Passwords to open. LibreOffice (through UNO: `--convert-to` takes no
# password) writes an .xls with FILEPASS and an encrypted .ods.
# msoffcrypto-tool 5.0 (Debian 12) only decrypts, and LibreOffice 7.4
# stores OOXML unencrypted through UNO: the encrypted .xlsx is an OLE2
# compound file laid out as Excel writes one (EncryptionInfo and
# EncryptedPackage streams), written here by the format's rules and
# checked by msoffcrypto-tool, which must see it as encrypted.
$PY "$HERE/lo_password.py" "$HERE/../ville-titres.xlsx" \
	motdepasse.xls "MS Excel 97" motdepasse.ods calc8
echo "ce classeur est protégé par un mot de passe" >motdepasse.xls.msg
echo "ce classeur est protégé par un mot de passe" >motdepasse.ods.msg
$PY - chiffre.xlsx <<'EOF'
import base64, random, struct, sys
import msoffcrypto
END, FREE, FATS = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
rnd = random.Random(15)
b64 = lambda n: base64.b64encode(bytes(rnd.randrange(256)
    for _ in range(n))).decode()
alg = ('saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
       'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
       'hashAlgorithm="SHA512"')
xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
       '<encryption xmlns="http://schemas.microsoft.com/office/2006/'
       'encryption" xmlns:p="http://schemas.microsoft.com/office/2006/'
       'keyEncryptor/password"><keyData %s saltValue="%s"/>'
       '<dataIntegrity encryptedHmacKey="%s" encryptedHmacValue="%s"/>'
       '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/'
       'office/2006/keyEncryptor/password"><p:encryptedKey '
       'spinCount="100000" %s saltValue="%s" encryptedVerifierHashInput='
       '"%s" encryptedVerifierHashValue="%s" encryptedKeyValue="%s"/>'
       '</keyEncryptor></keyEncryptors></encryption>') % (alg, b64(16),
       b64(64), b64(64), alg, b64(16), b64(16), b64(64), b64(32))
info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + xml.encode()
info = info.ljust(4096, b" ")
pkg = struct.pack("<Q", 6649) + bytes(rnd.randrange(256) for _ in range(8184))
def entry(name, typ, start, size, child=FREE, right=FREE):
    n = (name + "\0").encode("utf-16-le") if name else b""
    return (n.ljust(64, b"\0") + struct.pack("<HBBIII", len(n), typ, 1, FREE,
        right, child) + b"\0" * 36 + struct.pack("<IQ", start, size))
fat = [FATS, END] + [k + 1 for k in range(2, 9)] + [END] + \
    [k + 1 for k in range(10, 25)] + [END]
fat += [FREE] * (128 - len(fat))
d = (entry("Root Entry", 5, END, 0, child=1) +
     entry("EncryptionInfo", 2, 2, len(info), right=2) +
     entry("EncryptedPackage", 2, 10, len(pkg)) + entry("", 0, 0, 0))
hdr = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16 +
       struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6 +
       struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0) +
       struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
data = hdr + struct.pack("<128I", *fat) + d + info + pkg
open(sys.argv[1], "wb").write(data)
assert msoffcrypto.OfficeFile(open(sys.argv[1], "rb")).is_encrypted()
EOF
echo "ce classeur est protégé par un mot de passe" >chiffre.xlsx.msg

# 6. Styles and shapes of ODS that the mapper needs (read by
# tests/unit/test_import_formats.c, also in XLSX): a hidden sheet, blue fills (a cell's
# and a column's default style), strike-through, a merged range, a 50 %
# percentage, a date, two paragraphs, repeated spaces, and formatted
# empty rows down to row 1,048,576.
$PY - "$W/styles.xlsx" <<'EOF'
import sys, datetime, openpyxl
from openpyxl.styles import PatternFill, Font, Alignment
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Plan"
blue = PatternFill("solid", fgColor="FFBDD7EE")
ws.append(["N°", "Intitulé", "Avancement", "Calendrier", "Note"])
ws.append(["1.1", "Action bleue", 0.5, datetime.date(2024, 6, 30), "a\nb"])
ws.append(["1.2", "Action barrée", 1, None, "x    y"])
ws.append(["1.3", "Fusionnée", None, None, None])
ws["B2"].fill = blue
ws["B3"].font = Font(strike=True)
ws["C2"].number_format = "0 %"
ws["C3"].number_format = "0%"
ws["D2"].number_format = "DD/MM/YYYY"
ws.merge_cells("B4:C4")
for r in range(5, 40):
    ws.cell(row=r, column=5).fill = blue
old = wb.create_sheet("Archive 2022")
old.append(["N°", "Intitulé"])
old.sheet_state = "hidden"
wb.save(sys.argv[1])
EOF
lo ods "$W/styles.xlsx"
cp "$W/out/styles.ods" styles.ods
cp "$W/styles.xlsx" styles.xlsx	# the same, as openpyxl wrote it
# 7. Formatted empty rows down to row 1,048,576 under a small table
# (LibreOffice writes them as one repeated row), and a repeated non-empty
# row: read in a moment, the plan as the three actions.
$PY - "$W/lignes-vides.xlsx" <<'EOF'
import sys, openpyxl
from openpyxl.styles import PatternFill
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Plan"
ws.append(["N°", "Engagement", "Intitulé de l'action", "Avancement"])
ws.append(["1.1", 1, "Ouvrir une crèche à horaires élargis", "En cours"])
ws.append(["2.1", 2, "Tarification sociale de la cantine", "Réalisée"])
ws.append(["3.1", 3, "Accompagnement à la scolarité", "Non commencée"])
grey = PatternFill("solid", fgColor="FFEEEEEE")
for r in (5, 6, 1048576):
    for c in range(1, 5):
        ws.cell(row=r, column=c).fill = grey
wb.save(sys.argv[1])
EOF
lo ods "$W/lignes-vides.xlsx"
cp "$W/out/lignes-vides.ods" lignes-vides.ods
cp xlwt-simple.xls.expect lignes-vides.ods.expect

ls -la "$HERE"
