#!/usr/bin/python3
"""make_corpus.py - writes the import test corpus with independent tools.

Run with Debian's interpreter: /usr/bin/python3 tests/data/import/make_corpus.py
(openpyxl for XLSX, the csv module with cp1252 for Windows CSV, zipfile for
the broken archives). Each good file gets, next to it, the `suivi list
--format tsv` expected after importing it into an empty database created by
`suivi init --collectivite "Ville de Test"` (mandate 2020-2026) with
SUIVI_NOW="2025-06-01 10:00:00" and SUIVI_USER=testeur. The expectation is
computed here from the canonical actions, never by running suivi.

Bad files go to bad/, each with bad/<file>.msg: a fragment of the message
suivi must print.
"""
import csv
import html
import io
import os
import random
import re
import zipfile

import openpyxl
from openpyxl.styles import PatternFill, Font
from openpyxl.styles.colors import Color

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")
NOW = "2025-06-01 10:00:00"
USER = "testeur"
YEAR = 2025

ENGAGEMENTS = {
    1: "Le bien-être de chaque enfant et chaque jeune",
    2: "La lutte contre l'exclusion, la discrimination et la recherche de l'équité",
    3: "Un parcours éducatif de qualité",
    4: "La participation et l'engagement de chaque enfant et chaque jeune dans la vie de la cité",
    5: "Le partenariat avec UNICEF France",
}

FIELDS = ["ref", "engagement", "recommendation", "designation", "priority",
          "description", "pilots", "elected", "partners", "audience",
          "schedule", "progress", "result", "comments", "perspectives",
          "added", "added_reason", "cancelled", "cancelled_reason",
          "cancelled_year", "good_practice", "updated_at", "updated_by"]

RESULT = {"Réalisée": "Atteint", "En cours": "En passe d'être atteint"}


def A(**kw):
    a = {f: "" for f in FIELDS}
    for k in ("priority", "added", "cancelled", "good_practice"):
        a[k] = 0
    a.update(kw)
    return a


# Canonical plan of a fictional city, shaped like real tables.
PLAN = [
    A(ref="1.1", engagement=1, designation="Ouvrir un lieu d'accueil enfants-parents",
      priority=1, description="Premier paragraphe.\n\nSecond paragraphe ; avec « guillemets ».",
      pilots="Service Petite enfance", elected="Mme Durand", partners="CAF, PMI",
      audience="0-3 ans, familles", schedule="2021-2024", progress="En cours",
      comments="Ouverture prévue en 2024.", good_practice=1),
    A(ref="1.2", engagement=1, designation="Créer des rues scolaires",
      pilots="Direction des Mobilités", schedule="2022", progress="Réalisée",
      perspectives="Étendre aux gymnases."),
    A(ref="2.1", engagement=2, designation="Tarification solidaire de la cantine",
      pilots="CCAS", progress="Non commencée", cancelled=1, cancelled_year=2023,
      cancelled_reason="Reprise par la métropole"),
    A(ref="2.2", engagement=2, designation="Égalité filles-garçons dans les loisirs",
      priority=1, pilots="Service des Sports", progress="En cours",
      added=1, added_reason="Demande du conseil municipal des enfants"),
    A(ref="3.1", engagement=3, designation="Ateliers d'éveil musical à l'école",
      description="Avec le conservatoire.", progress="Réalisée", schedule="2020-2026"),
    A(ref="4.1", engagement=4, designation="Conseil municipal des enfants",
      pilots="Service Jeunesse", elected="M. Petit", progress="En cours",
      comments="Élections tous les deux ans\navec les écoles."),
    A(ref="5.1", engagement=5, designation="Journée internationale des droits de l'enfant",
      partners="Comité UNICEF", progress="Réalisée", good_practice=1),
]


def expected_tsv(actions):
    def esc(v):
        s = str(v)
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

    def key(a):
        return (a["engagement"], [int(x) if x.isdigit() else x for x in re.split(r"[.-]", a["ref"])])

    lines = ["\t".join(FIELDS)]
    for a in sorted(actions, key=key):
        a = dict(a)
        a["result"] = RESULT.get(a["progress"], "Non atteint")
        a["updated_at"], a["updated_by"] = NOW, USER
        lines.append("\t".join(esc(a[f]) for f in FIELDS))
    return "\n".join(lines) + "\n"


def write_expected(name, actions):
    with open(os.path.join(HERE, name + ".tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(expected_tsv(actions))


BLUE = PatternFill("solid", fgColor="FFBDD7EE")
THEME_BLUE = PatternFill("solid", fgColor=Color(theme=4, tint=0.7999816888943144))
YELLOW = PatternFill("solid", fgColor="FFFFF2CC")


def xml_escape(t):
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def zip_rewrite(path, fn):
    """Rewrites the XML parts of an archive: fn edits a dict name -> text."""
    src = zipfile.ZipFile(path)
    parts = {i.filename: src.read(i.filename).decode("utf-8") for i in src.infolist()}
    src.close()
    fn(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))


def x(b):
    return "X" if b else ""


def city_titles():
    """Title rows, merged title, variant labels, typographic apostrophes,
    engagement as title merged down its actions, priority only by blue
    fill, flags as X, columns in another order, an extra column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan d’action 2020-2026"
    ws["A1"] = "Ville de Test — plan d’action Ville amie des enfants"
    ws.merge_cells("A1:J1")
    ws["A2"] = "Mis à jour par le service Enfance"
    headers = ["n°", "Intitulé de l’action", "Engagement", "Service(s) pilote(s)",
               "Élu référent", "Etat d'avancement", "Calendrier", "Budget (€)",
               "Bonne pratique", "Action annulée", "Motif de l’annulation",
               "Descriptif/analyse de l'action"]
    for i, h in enumerate(headers, 1):
        c = ws.cell(row=4, column=i, value=h)
        c.fill = YELLOW
    r = 5
    for eng in sorted({a["engagement"] for a in PLAN}):
        acts = [a for a in PLAN if a["engagement"] == eng]
        first = r
        for a in acts:
            cells = [a["ref"], a["designation"], ENGAGEMENTS[eng] if r == first else None,
                     a["pilots"], a["elected"], a["progress"].lower(),
                     a["schedule"], 1500 * r, x(a["good_practice"]), x(a["cancelled"]) +
                     (" (%d)" % a["cancelled_year"] if a["cancelled"] else ""),
                     a["cancelled_reason"], a["description"]]
            for i, v in enumerate(cells, 1):
                c = ws.cell(row=r, column=i, value=v if v != "" else None)
                if a["priority"]:
                    c.fill = BLUE
            r += 1
        if r - first > 1:
            ws.merge_cells(start_row=first, start_column=3, end_row=r - 1, end_column=3)
    wb.save(os.path.join(HERE, "ville-titres.xlsx"))
    exp = []
    for a in PLAN:
        e = dict(a)
        # columns absent from this file stay empty / default
        for k in ("partners", "audience", "comments", "perspectives",
                  "recommendation", "added_reason"):
            e[k] = ""
        e["added"] = 0
        exp.append(e)
    write_expected("ville-titres.xlsx", exp)


def city_sections():
    """A notes sheet first; the plan sheet with section rows merged across
    ("ENGAGEMENT 2 : ..."), no engagement column, rows without N°, a theme
    blue fill, rich text, inline strings, numbers and booleans."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes["A1"] = "Réunion du 12 mars"
    notes["A2"] = "Action"          # a lone known label must not win
    ws = wb.create_sheet("Suivi")
    headers = ["Action", "Public cible", "Partenaires", "Avancement", "Calendrier",
               "Action supplémentaire", "Motif", "Bonne pratique à valoriser",
               "Commentaires"]
    for i, h in enumerate(headers, 1):
        ws.cell(row=1, column=i, value=h)
    r = 2
    exp = []
    rich = []
    for eng in (1, 2, 4):
        ws.cell(row=r, column=1, value="ENGAGEMENT %d : %s" % (eng, ENGAGEMENTS[eng].upper()))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
        r += 1
        for k, a in enumerate([a for a in PLAN if a["engagement"] == eng]):
            name = a["designation"]
            ws.cell(row=r, column=1, value=name)
            if k == 0:
                rich.append(name)
            ws.cell(row=r, column=2, value=a["audience"] or None)
            ws.cell(row=r, column=3, value=a["partners"] or None)
            ws.cell(row=r, column=4, value=a["progress"].upper() or None)
            sched = a["schedule"]
            ws.cell(row=r, column=5, value=int(sched) if sched.isdigit() else (sched or None))
            ws.cell(row=r, column=6, value=bool(a["added"]))
            ws.cell(row=r, column=7, value=a["added_reason"] or None)
            ws.cell(row=r, column=8, value=bool(a["good_practice"]))
            ws.cell(row=r, column=9, value=a["comments"] or None)
            if a["priority"]:
                for col in range(1, len(headers) + 1):
                    ws.cell(row=r, column=col).fill = THEME_BLUE
            e = dict(a)
            for f in ("description", "pilots", "elected", "recommendation",
                      "cancelled_reason", "perspectives"):
                e[f] = ""
            e["cancelled"], e["cancelled_year"] = 0, ""
            exp.append(e)
            r += 1
    # refs: assigned in file order within each engagement
    n = {}
    for e in exp:
        n[e["engagement"]] = n.get(e["engagement"], 0) + 1
        e["ref"] = "%d.%d" % (e["engagement"], n[e["engagement"]])
    path = os.path.join(HERE, "ville-sections.xlsx")
    wb.save(path)

    # Debian's openpyxl 3.0 writes every string inline. Excel and
    # LibreOffice write shared strings, with rich text runs and phonetic
    # runs: move the strings of the sheet to a sharedStrings part (the
    # first action name of each engagement as two runs, bold then plain),
    # leaving the header "Commentaires" inline.
    def to_shared(parts):
        sheet = parts["xl/worksheets/sheet2.xml"]
        strings = []

        def repl(m):
            attrs, text = m.group(1), m.group(2)
            if 'r="I1"' in attrs:
                return m.group(0)
            strings.append(text)
            return '<c%s t="s"><v>%d</v></c>' % (attrs, len(strings) - 1)
        sheet = re.sub(r'<c([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>', repl, sheet)
        sis = []
        for t in strings:
            plain = html.unescape(t)
            if plain in rich:
                a, b = xml_escape(plain[:6]), xml_escape(plain[6:])
                sis.append('<si><r><rPr><b/></rPr><t>%s</t></r><r><t xml:space="preserve">%s</t></r>'
                           '<rPh sb="0" eb="1"><t>phon</t></rPh></si>' % (a, b))
            else:
                sis.append("<si><t>%s</t></si>" % t)
        parts["xl/worksheets/sheet2.xml"] = sheet
        parts["xl/sharedStrings.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
            % (len(sis), len(sis), "".join(sis)))
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>")
    zip_rewrite(path, to_shared)
    write_expected("ville-sections.xlsx", exp)


def csv_rows(style):
    """Rows of the 21 headers of our export, in a CSV flavour."""
    head = ["N°", "Engagement", "Recommandation", "Intitulé de l'action",
            "Action prioritaire", "Descriptif / analyse de l'action",
            "Service(s) pilote(s)", "Élu(e) référent(e)", "Partenaires",
            "Public cible", "Calendrier", "Avancement", "Résultat",
            "Indicateurs clés", "Commentaires", "Perspectives de développement",
            "Action supplémentaire au plan d'action initial", "Action annulée",
            "Motif", "Bonne pratique", "Dernière mise à jour"]
    rows = [head]
    for a in PLAN:
        motif = []
        if a["added"]:
            motif.append("Ajout : " + a["added_reason"])
        if a["cancelled"]:
            motif.append("Annulation en %d : %s" % (a["cancelled_year"], a["cancelled_reason"]))
        yes = style["yes"]
        no = style["no"]
        eng = style["eng"](a["engagement"])
        rows.append([a["ref"], eng, a["recommendation"], a["designation"],
                     yes if a["priority"] else no, a["description"], a["pilots"],
                     a["elected"], a["partners"], a["audience"], a["schedule"],
                     style["progress"](a["progress"]), RESULT.get(a["progress"], "Non atteint"),
                     "", a["comments"], a["perspectives"],
                     yes if a["added"] else no, yes if a["cancelled"] else no,
                     "\n".join(motif), yes if a["good_practice"] else no,
                     "01/01/2024 par quelqu'un"])
    return rows


def write_csv(name, rows, encoding, delimiter, lineterminator, bom=False,
              quoting=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator, quoting=quoting)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def csv_files():
    variants = {"fait": "Réalisée"}
    back = {"Réalisée": "fait", "En cours": "en cours de réalisation",
            "Non commencée": "Non démarrée", "": ""}
    write_csv("windows-1252.csv",
              csv_rows({"yes": "Oui", "no": "Non", "eng": lambda n: "Engagement %d" % n,
                        "progress": lambda p: back[p]}),
              "cp1252", ";", "\r\n", quoting=csv.QUOTE_ALL)
    write_expected("windows-1252.csv", PLAN)
    write_csv("utf8-bom-virgule.csv",
              csv_rows({"yes": "✓", "no": "", "eng": lambda n: "E%d" % n,
                        "progress": lambda p: p.upper()}),
              "utf-8", ",", "\n", bom=True)
    write_expected("utf8-bom-virgule.csv", PLAN)
    write_csv("tabulations.csv",
              csv_rows({"yes": "oui", "no": "non",
                        "eng": lambda n: "%d - %s" % (n, ENGAGEMENTS[n]),
                        "progress": lambda p: p}),
              "utf-8", "\t", "\n")
    write_expected("tabulations.csv", PLAN)
    del variants


def export_like():
    """Our export's layout: "Présentation" first, then "Plan d'action" with
    the 21 headers and the hidden suivi_id / suivi_version columns."""
    wb = openpyxl.Workbook()
    p = wb.active
    p.title = "Présentation"
    p["A1"] = "Tableau de suivi du plan d'action Ville amie des enfants"
    p["A3"], p["B3"] = "Nom de la collectivité", "Ville de Test"
    p["A4"], p["B4"] = "Code INSEE ou SIREN", "99999"
    p["A5"], p["B5"] = "Référent(e) technique", "Claire Martin"
    p["A7"], p["B7"], p["C7"], p["D7"] = ("Année", "Bilan annuel - Fait", "Date",
                                          "Commentaires de la collectivité")
    p["A8"], p["B8"], p["D8"] = 2021, "Non", "Premier bilan :\nbonne dynamique."
    p["A9"], p["B9"] = 2022, "Non"
    ws = wb.create_sheet("Plan d'action")
    rows = csv_rows({"yes": "Oui", "no": "Non", "eng": lambda n: n, "progress": lambda p: p})
    rows[0] += ["suivi_id", "suivi_version"]
    for i, r in enumerate(rows[1:], 1):
        r += [i, 1]
    for r in rows:
        ws.append([v if v != "" else None for v in r])
    for r in range(2, len(rows) + 1):
        if ws.cell(row=r, column=5).value == "Oui":
            for c in range(1, 22):
                ws.cell(row=r, column=c).fill = BLUE
    ws.column_dimensions["V"].hidden = True
    ws.column_dimensions["W"].hidden = True
    wb.save(os.path.join(HERE, "export-suivi.xlsx"))
    write_expected("export-suivi.xlsx", PLAN)


# ---- Bad files ----

def bad(name, data, msg):
    with open(os.path.join(BAD, name), "wb") as f:
        f.write(data)
    with open(os.path.join(BAD, name + ".msg"), "w", encoding="utf-8") as f:
        f.write(msg + "\n")


def small_xlsx(sheet_xml=None):
    """A valid one-sheet workbook from openpyxl, optionally with its sheet
    XML replaced."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["N°", "Engagement", "Intitulé de l'action", "Avancement"])
    ws.append(["1.1", 1, "Une action", "En cours"])
    buf = io.BytesIO()
    wb.save(buf)
    if sheet_xml is None:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet_xml
            z.writestr(item.filename, data)
    return out.getvalue()


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData>')


def bad_files():
    os.makedirs(BAD, exist_ok=True)
    good = small_xlsx()
    bad("tronque.xlsx", good[: len(good) // 2], "abîmée, tronquée")
    rnd = random.Random(5)
    bad("aleatoire.xlsx", bytes(rnd.getrandbits(8) for _ in range(4096)),
        "pas une archive zip")
    bad("xml-mal-imbrique.xlsx", small_xlsx(
        SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>N\xc2\xb0</t></is></row></c>'
        b'</sheetData></worksheet>'), "balises mal imbriquées")
    bad("utf8-invalide.xlsx", small_xlsx(
        SHEET_HEAD + b'<row r="1"><c r="A1" t="inlineStr"><is><t>Intitul\xe9</t></is></c></row>'
        b'</sheetData></worksheet>'), "UTF-8 incorrect")
    # zip bomb: 210 MB of zeros as the sheet, about 200 kB compressed
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(good))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with z.open(item.filename, "w", force_zip64=True) as w:
                    chunk = b"\0" * (1 << 20)
                    for _ in range(210):
                        w.write(chunk)
            else:
                z.writestr(item.filename, src.read(item.filename))
    bad("bombe.xlsx", out.getvalue(), "bombe zip")
    bad("guillemet.csv", "N°;Engagement;Intitulé de l'action\n1.1;1;Ok\n"
        "1.2;1;\"Jamais fermé\n1.3;1;Autre\n".encode(), "ligne 3 : guillemet ouvert")
    bad("doublon.csv", "N°;Engagement;Intitulé de l'action\n1.1;1;Une\n2.1;2;Deux\n"
        "1.1;1;Trois\n".encode(), "N° 1.1 en double : lignes 2 et 4")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["N°", "Engagement", "Intitulé de l'action"])
    ws.append(["1.1", "Engagement 1", "Bonne"])
    ws.append(["9.1", "Engagement 9", "Engagement inconnu"])
    buf = io.BytesIO()
    wb.save(buf)
    bad("engagement-inconnu.xlsx", buf.getvalue(),
        "feuille « Plan », ligne 3, colonne B : engagement 9 inconnu")
    bad("sans-intitule.csv", "N°;Engagement;Avancement\n1.1;1;En cours\n".encode(),
        "ligne d'en-tête introuvable")


if __name__ == "__main__":
    city_titles()
    city_sections()
    csv_files()
    export_like()
    bad_files()
