#!/bin/sh
# export_print.sh - the workbook as a reader meets it (issue 16): document
# properties (no "Microsoft Excel"), the Présentation opening first, the
# marks of a live year ("Provisoire — bilan annuel non fait") and of an
# extract ("Extrait : <service>", the service as the plan writes it, its
# total labelled for the service), cancelled rows grey and struck with
# Résultat "Annulée", the recommendation's wording, the "Fiches actions"
# sheet holding a 6,000-character Descriptif whole over rows below 409 pt,
# and the importer ignoring that sheet. Then, when LibreOffice is
# installed (scripts/deps.sh lists it), the file is printed to PDF:
# "Plan d'action" words are at least 7 pt (pdftotext -bbox boxes of
# 8.9 pt), and every word of the long Descriptif is on the Fiches pages.
. "$(dirname "$0")/../lib.sh"
set -e
PY=/usr/bin/python3

suivi init --demo >/dev/null
long=$($PY -c '
import sys
paras = []
n = 0
while sum(len(p) for p in paras) < 6000:
    sent = []
    for _ in range(6):
        n += 1
        sent.append("Phrase%03d : le comité de suivi a relu le bilan du "
                    "quartier et ses priorités." % n)
    paras.append(" ".join(sent))
print("\n".join(paras))')
suivi add --engagement 1 --intitule "Action au long descriptif" \
    "description=$long" progress="En cours" \
    pilots="Direction des Sports" added_reason="Demande du conseil" >/dev/null
printf '%s' "$long" >"$T/long.txt"
[ "$(wc -c <"$T/long.txt")" -ge 6000 ] || fail "texte de test trop court"

expect_status 0 suivi export --annee 2025 -o "$T/y2025.xlsx"
expect_status 0 suivi export --annee 2026 -o "$T/y2026.xlsx"
# the row cannot show it all: the export and check name action and field
contains "$T/err" "Attention : Action 1.9, Descriptif / analyse de l'action : texte trop long pour une ligne"
contains "$T/err" "la feuille « Fiches actions » l'imprime en entier"
expect_status 0 suivi check 2026
contains "$T/out" "Action 1.9, Descriptif / analyse de l'action : texte trop long"
expect_status 0 suivi export --annee 2025 --pilote "direction des sports" \
    -o "$T/sports.xlsx"

$PY - "$T" <<'PY'
import sys, zipfile
import openpyxl

T = sys.argv[1]
bad = []
def fail(m):
    bad.append(m)

long = open(T + "/long.txt", encoding="utf-8").read()
for name in ("y2025", "y2026", "sports"):
    path = "%s/%s.xlsx" % (T, name)
    wb = openpyxl.load_workbook(path)
    z = zipfile.ZipFile(path)
    app = z.read("docProps/app.xml").decode()
    if "Microsoft" in app or "<Application>suivi" not in app:
        fail("%s : application %r" % (name, app[:200]))
    p = wb.properties
    if not p.title or "Ville amie des enfants" not in p.title:
        fail("%s : titre %r" % (name, p.title))
    if "2025" not in (p.subject or "") and "2026" not in (p.subject or ""):
        fail("%s : sujet %r" % (name, p.subject))
    custom = z.read("docProps/custom.xml").decode()
    for key in ("Référentiel", "vae-2020-2026", "Version de suivi",
                "Version du format", "Ville de Démo"):
        if key not in custom:
            fail("%s : propriété %s absente" % (name, key))
    core = z.read("docProps/core.xml").decode()
    if "Ville de Démo" not in z.read("docProps/app.xml").decode():
        fail("%s : société absente" % name)
    if wb.active.title != "Présentation":
        fail("%s : s'ouvre sur %r" % (name, wb.active.title))
    if wb.sheetnames[5] != "Fiches actions":
        fail("%s : feuilles %r" % (name, wb.sheetnames))
    plan = wb["Plan d'action"]
    pres = wb["Présentation"]
    foot = plan.oddFooter.center.text or ""
    live = name == "y2026"
    extract = name == "sports"
    mark_pres = str(pres["A2"].value or "")
    if live != ("Provisoire — bilan annuel non fait" in foot) or \
            live != ("Provisoire — bilan annuel non fait" in mark_pres) or \
            live != ("Provisoire" in p.title):
        fail("%s : provisoire %r %r %r" % (name, foot, mark_pres, p.title))
    if extract != ("Extrait : Direction des Sports" in foot) or \
            extract != ("Extrait : Direction des Sports" in mark_pres) or \
            extract != ("Extrait : Direction des Sports" in p.title) or \
            extract != ("Direction des Sports" in custom):
        fail("%s : extrait %r %r %r" % (name, foot, mark_pres, p.title))
    labels = [c.value for c in wb["Synthèse"]["A"]]
    want = "Ensemble des actions du service" if extract else "Ensemble du plan"
    if want not in labels:
        fail("%s : total %r absent de la Synthèse" % (name, want))
    for ws in wb.worksheets:
        f = ws.oddFooter
        if ws.title not in (f.center.text or "") or \
                "/" not in (f.right.text or ""):
            fail("%s : pied de page de %s : %r %r" %
                 (name, ws.title, f.center.text, f.right.text))
    # Cancelled rows: grey, struck, Résultat "Annulée".
    seen_cancel = 0
    for r in range(2, plan.max_row + 1):
        if plan["R%d" % r].value != "Oui":
            continue
        seen_cancel += 1
        for col in "ADLM":
            c = plan["%s%d" % (col, r)]
            if c.fill.fgColor.rgb != "FFD9D9D9" or not c.font.strike:
                fail("%s : %s%d annulée ni grise ni barrée" % (name, col, r))
        if plan["M%d" % r].value != "Annulée":
            fail("%s : Résultat %r" % (name, plan["M%d" % r].value))
    if not extract and seen_cancel != 3:
        fail("%s : %d actions annulées" % (name, seen_cancel))
    rec = str(plan["C2"].value)
    if not extract and not rec.startswith("E1-R1 — Choisir d'investir dans la petite "
                          "enfance"):
        fail("%s : recommandation %r" % (name, rec))
    # Fiches: the long Descriptif whole, over rows of at most 409 pt.
    fi = wb["Fiches actions"]
    pieces, on = [], False
    for r in range(1, fi.max_row + 1):
        a, b = fi["A%d" % r].value, fi["B%d" % r].value
        h = fi.row_dimensions[r].height or 15
        if h > 409:
            fail("%s : Fiches ligne %d de %s pt" % (name, r, h))
        if a == "Action 1.9" or (a or "").startswith("Action ") and \
                b == "Action au long descriptif":
            on = True
        elif on and a in ("Descriptif", "Descriptif (suite)"):
            pieces.append(b)
        elif on and a == "Commentaires":
            break
    if name == "y2026" and (len(pieces) < 2 or "\n".join(pieces) != long):
        fail("%s : Descriptif long en %d morceaux, %d/%d caractères" %
             (name, len(pieces), len("\n".join(pieces)), len(long)))
    if plan.row_dimensions[plan.max_row].height > 409:
        fail("%s : ligne du plan de plus de 409 pt" % name)
for m in bad:
    print("ÉCHEC : " + m)
sys.exit(1 if bad else 0)
PY

# The importer never reads "Fiches actions": a tampered sheet, with a
# header row that would pass for a plan, changes nothing.
$PY - "$T/y2026.xlsx" "$T/tampered.xlsx" <<'PY'
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
fi = wb["Fiches actions"]
fi["A1"], fi["B1"], fi["C1"] = "N°", "Intitulé de l'action", "Avancement"
fi["A2"], fi["B2"], fi["C2"] = "9.9", "Action venue des fiches", "Réalisée"
fi["B5"] = "Texte modifié dans les fiches"
wb.save(sys.argv[2])
PY
DB2=$T/b.db
"$SUIVI_BIN" --db "$DB2" init --collectivite "Autre" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$DB2" import "$T/tampered.xlsx"
contains "$T/out" "41 créées, 0 modifiée"
"$SUIVI_BIN" --db "$DB2" list --format tsv >"$T/b.tsv"
lacks "$T/b.tsv" "Action venue des fiches"
lacks "$T/b.tsv" "Texte modifié dans les fiches"

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null
then
	echo "ok (rendu LibreOffice non vérifié : soffice ou pdftotext absent)"
	exit 0
fi
mkdir -p "$T/pdf"
HOME=$T timeout 300 soffice -env:UserInstallation=file://$T/lo --headless \
    --convert-to pdf --outdir "$T/pdf" "$T/y2026.xlsx" >/dev/null 2>&1 ||
	fail "LibreOffice n'a pas converti le tableau en PDF"
pdftotext -bbox "$T/pdf/y2026.pdf" "$T/bbox.html"
$PY - "$T/bbox.html" "$T/long.txt" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
long = open(sys.argv[2], encoding="utf-8").read()
pages = re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)
word = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" '
                  r'xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>')
bad = []
plan_pages = fiche_words = 0
heights = []
fiche_text = []
for pg in pages:
    words = [(float(a), float(b), float(c), float(d), w)
             for a, b, c, d, w in word.findall(pg)]
    text = " ".join(w[4] for w in words)
    if "Plan d'action — Bilan" in text.replace("&apos;", "'"):
        plan_pages += 1
        # body words: above the footer (the lowest 60 pt of the page)
        ymax = max(w[3] for w in words)
        heights += [w[3] - w[1] for w in words if w[3] < ymax - 40]
    if "Fiches actions — Bilan" in text:
        fiche_text += [w[4] for w in words]
if plan_pages == 0 or not heights:
    bad.append("aucune page « Plan d'action » dans le PDF")
else:
    small = [h for h in heights if h < 8.9]
    print("Plan d'action : %d pages, %d mots, boîte la plus petite %.1f pt "
          "(%.1f pt de corps)" % (plan_pages, len(heights), min(heights),
                                   min(heights) / 1.27))
    if small:
        bad.append("%d mots du plan de moins de 7 pt (%.1f pt)" %
                   (len(small), min(small) / 1.27))
have = {}
for w in fiche_text:
    have[w] = have.get(w, 0) + 1
missing = [w for w in sorted(set(long.split())) if w not in have]
markers = [w for w in long.split() if w.startswith("Phrase")]
if missing or any(have.get(m, 0) < 1 for m in markers):
    bad.append("Descriptif long incomplet dans les fiches : %r" % missing[:5])
else:
    print("Fiches : les %d phrases du Descriptif long sont imprimées" %
          len(markers))
for m in bad:
    print("ÉCHEC : " + m)
sys.exit(1 if bad else 0)
PY
echo ok
