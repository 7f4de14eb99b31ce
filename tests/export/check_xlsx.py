#!/usr/bin/python3
"""check_xlsx.py FILE.xlsx LIST.tsv - checks an export of `suivi export`
with openpyxl, an independent reader, against `suivi list --format tsv`
(the same actions, in the same order).

Checks: sheet names and order; header labels and order of "Plan d'action"
and its hidden suivi_id/suivi_version columns; one row per action; every
text byte for byte; text starting with = + - @ stays a string; the blue
fill on exactly the priority rows; the drop-down lists; the protection
with only the priority designations locked; frozen panes; autofilter;
print set-up; row heights of long rows; Synthèse written as values with a
chart. Exits 1 with the list of failures."""
import sys
import zipfile

import openpyxl

SHEETS = ["Présentation", "Plan d'action", "Indicateurs", "Synthèse",
          "Évolution", "Fiches actions"]
HEADERS = ["N°", "Engagement", "Recommandation", "Intitulé de l'action",
           "Action prioritaire", "Descriptif / analyse de l'action",
           "Service(s) pilote(s)", "Élu(e) référent(e)", "Partenaires",
           "Public cible", "Calendrier", "Avancement", "Résultat",
           "Indicateurs clés", "Commentaires",
           "Perspectives de développement",
           "Action supplémentaire au plan d'action initial",
           "Action annulée", "Motif", "Bonne pratique",
           "Dernière mise à jour"]
# TSV field -> column letter of "Plan d'action" (texts compared verbatim).
TEXT_COLS = {"ref": "A", "recommendation": "C", "designation": "D",
             "description": "F", "pilots": "G", "elected": "H",
             "partners": "I", "audience": "J", "schedule": "K",
             "progress": "L", "comments": "O", "perspectives": "P"}
BOOL_COLS = {"priority": "E", "added": "Q", "cancelled": "R",
             "good_practice": "T"}
BLUE = "FFBDD7EE"

failures = []


def fail(msg):
    failures.append(msg)


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
                       .get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    head = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if line:
            rows.append(dict(zip(head, map(unescape, line.split("\t")))))
    return rows


def text(v):
    return "" if v is None else str(v)


def main():
    path, tsv = sys.argv[1], sys.argv[2]
    actions = read_tsv(tsv)
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != SHEETS:
        fail("feuilles %r" % wb.sheetnames)
    ws = wb["Plan d'action"]

    head = [c.value for c in ws[1]]
    if head[:21] != HEADERS:
        fail("en-têtes %r" % head[:21])
    if head[21:23] != ["suivi_id", "suivi_version"]:
        fail("colonnes cachées %r" % head[21:23])
    dim = ws.column_dimensions["V"]
    if not dim.hidden or dim.max < 23:
        fail("colonnes V:W visibles (%r, %r)" % (dim.hidden, dim.max))
    if ws.max_row - 1 != len(actions):
        fail("%d lignes pour %d actions" % (ws.max_row - 1, len(actions)))

    default_h = 15
    long_rows = 0
    for i, a in enumerate(actions):
        r = i + 2
        for field, col in TEXT_COLS.items():
            cell = ws["%s%d" % (col, r)]
            got = text(cell.value)
            if field == "recommendation" and got:
                # "E1-R1 — wording" or "E1-R1 — à compléter"
                if " — " not in got:
                    fail("ligne %d recommandation sans libellé : %r" %
                         (r, got))
                got = got.split(" — ")[0]
            if got != a[field]:
                fail("ligne %d %s : %r au lieu de %r" %
                     (r, field, text(cell.value)[:60], a[field][:60]))
            if cell.value is not None and cell.data_type != "s":
                fail("ligne %d %s : type %s" % (r, field, cell.data_type))
        for field, col in BOOL_COLS.items():
            want = "Oui" if a[field] == "1" else "Non"
            if ws["%s%d" % (col, r)].value != want:
                fail("ligne %d %s : %r" % (r, field,
                                          ws["%s%d" % (col, r)].value))
        if ws["B%d" % r].value != int(a["engagement"]):
            fail("ligne %d engagement %r" % (r, ws["B%d" % r].value))
        if not isinstance(ws["V%d" % r].value, int) or \
                not isinstance(ws["W%d" % r].value, int):
            fail("ligne %d : identifiant caché absent" % r)
        prio = a["priority"] == "1"
        off = a["cancelled"] == "1"
        res = ws["M%d" % r].value
        if off != (res == "Annulée"):
            fail("ligne %d (%s) Résultat %r" % (r, a["ref"], res))
        for col in "ADFLU":
            c = ws["%s%d" % (col, r)]
            grey = c.fill.fgColor.rgb == "FFD9D9D9" and bool(c.font.strike)
            if grey != off:
                fail("ligne %d (%s) colonne %s : annulée %s, gris barré %s"
                     % (r, a["ref"], col, off, grey))
        for col in "" if off else "ADFLU":
            rgb = ws["%s%d" % (col, r)].fill.fgColor.rgb
            if (rgb == BLUE) != prio:
                fail("ligne %d (%s) colonne %s : remplissage %s" %
                     (r, a["ref"], col, rgb))
        for col in "ABCDEFGHIJKLMNOPQRSTU":
            locked = ws["%s%d" % (col, r)].protection.locked
            want = prio and col == "D"
            if bool(locked) != want:
                fail("ligne %d (%s) colonne %s : verrouillée=%s" %
                     (r, a["ref"], col, locked))
        longest = max(len(a["description"]), len(a["comments"]),
                      len(a["perspectives"]))
        h = ws.row_dimensions[r].height
        if longest > 300:
            long_rows += 1
            if not h or h <= 3 * default_h:
                fail("ligne %d (%s) : hauteur %r pour %d caractères" %
                     (r, a["ref"], h, longest))
        if h and h > 409:
            fail("ligne %d : hauteur %r au-delà de 409" % (r, h))
    if actions and not long_rows:
        fail("aucune ligne longue à vérifier")

    if not ws.protection.sheet:
        fail("feuille non protégée")
    if ws.protection.password:
        fail("feuille protégée par un mot de passe")
    if ws.freeze_panes != "E2":
        fail("volets figés en %r" % ws.freeze_panes)
    last = max(len(actions), 1) + 1
    if ws.auto_filter.ref != "A1:U%d" % last:
        fail("filtre automatique %r" % ws.auto_filter.ref)
    lists = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            for rng in str(dv.sqref).split():
                lists[rng.split(":")[0].rstrip("0123456789")] = dv.formula1
    for col in "EQRT":
        if lists.get(col) != '"Oui,Non"':
            fail("liste Oui/Non absente en %s : %r" % (col, lists.get(col)))
    if lists.get("L") != '"Non commencée,En cours,Réalisée"':
        fail("liste Avancement : %r" % lists.get("L"))
    ps = ws.page_setup
    if ps.orientation != "landscape" or str(ps.paperSize) != "9":
        fail("mise en page %r %r" % (ps.orientation, ps.paperSize))
    # 70 %: 11 pt prints at 7.7 pt; N° to Intitulé repeated on each page.
    if ws.sheet_properties.pageSetUpPr is not None and \
            ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("ajustement à la page : le texte imprimé serait illisible")
    if not ps.scale or int(ps.scale) * 11 < 7 * 100:
        fail("échelle d'impression %r : moins de 7 pt" % ps.scale)
    if ws.print_title_cols not in ("A:D", "$A:$D"):
        fail("colonnes répétées : %r" % ws.print_title_cols)
    if wb.active.title != "Présentation":
        fail("le classeur s'ouvre sur %r" % wb.active.title)
    if ws.print_title_rows not in ("1:1", "$1:$1"):
        fail("ligne d'en-tête répétée : %r" % ws.print_title_rows)
    footer = ws.oddFooter
    if "&P" not in (footer.right.text or "") or \
            "&N" not in (footer.right.text or ""):
        fail("pied de page sans numéro : %r" % footer.right.text)
    if not footer.left.text:
        fail("pied de page sans collectivité")
    if "Plan d'action" not in (footer.center.text or "") or \
            "/" not in (footer.right.text or ""):
        fail("pied de page sans feuille ou sans date : %r %r" %
             (footer.center.text, footer.right.text))

    # Synthèse: numbers, not formulas; the total equals the actions.
    syn = wb["Synthèse"]
    total = None
    for row in syn.iter_rows(min_row=1, max_col=12):
        if row[0].value in ("Ensemble du plan",
                            "Ensemble des actions du service"):
            total = row
    if total is None:
        fail("Synthèse : ligne « Ensemble du plan » absente")
    else:
        live = sum(1 for a in actions if a["cancelled"] != "1")
        if total[2].value != live or total[2].data_type != "n":
            fail("Synthèse : %r actions pour %d" % (total[2].value, live))
        done = sum(1 for a in actions if a["cancelled"] != "1" and
                   a["progress"] == "Réalisée")
        if total[3].value != done:
            fail("Synthèse : %r réalisées pour %d" % (total[3].value, done))
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if not any(n.startswith("xl/charts/chart") for n in names):
            fail("Synthèse sans graphique")
        for n in names:
            if n.startswith("xl/worksheets/") and \
                    b"<f>" in z.read(n):
                fail("formule dans %s" % n)

    if failures:
        for f in failures[:40]:
            print("ÉCHEC :", f, file=sys.stderr)
        sys.exit(1)
    print("ok : %d actions vérifiées" % len(actions))


main()
