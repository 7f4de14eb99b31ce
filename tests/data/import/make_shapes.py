#!/usr/bin/python3
"""make_shapes.py - the corpus of table shapes cities really keep.

Run with Debian's interpreter from the repository root:
    /usr/bin/python3 tests/data/import/make_shapes.py
It writes tests/data/import/shapes/: each file NAME.xlsx is written with
openpyxl, and a copy lo-NAME.xlsx is converted by LibreOffice headless
(`soffice --headless --convert-to xlsx`) so that its XML is LibreOffice's.
Next to each file:
  NAME.tsv      the `suivi liste --format tsv` expected after importing it
                into a base made by `suivi init --collectivite "Ville de
                Test"` (SUIVI_NOW="2025-06-01 10:00:00", SUIVI_USER=testeur);
                empty plan (header only) for a refusal;
  NAME.lignes   lines the report must print (one per line: each
                interpretation, each ignored row or sheet, each refusal);
  NAME.statut   the exit status expected (0, or 1 for a refusal);
  NAME.feuille  when present: after the refusal, `--feuille` with this
                name must import the plan of NAME.tsv.feuille.
Everything expected is computed here from the data written, never by
running suivi. The interpretation lines follow suivi's report format:
    « Eng. 1 » lu comme engagement 1 (feuille « Plan », ligne 4)
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.styles import PatternFill

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "shapes")
NOW = "2025-06-01 10:00:00"
USER = "testeur"

FIELDS = ["ref", "engagement", "recommendation", "designation", "priority",
          "description", "pilots", "elected", "partners", "audience",
          "schedule", "progress", "result", "comments", "perspectives",
          "added", "added_reason", "cancelled", "cancelled_reason",
          "cancelled_year", "good_practice", "updated_at", "updated_by"]
RESULT = {"Réalisée": "Atteint", "En cours": "En passe d'être atteint"}
TITLES = {
    1: "Le bien-être de chaque enfant et chaque jeune",
    2: "La lutte contre l'exclusion, la discrimination et la recherche de l'équité",
    3: "Un parcours éducatif de qualité",
    4: "La participation et l'engagement de chaque enfant et chaque jeune dans la vie de la cité",
    5: "Le partenariat avec UNICEF France",
}
BLUE = PatternFill("solid", fgColor="FFBDD7EE")
HEAD = ["N°", "Engagement", "Intitulé de l'action", "Action prioritaire",
        "Service(s) pilote(s)", "Calendrier", "Avancement", "Commentaires"]
KEYS = ["ref", "engagement", "designation", "priority", "pilots",
        "schedule", "progress", "comments"]


def A(ref, eng, des, progress="En cours", pilots="", schedule="",
      priority=0, comments=""):
    a = {f: "" for f in FIELDS}
    for k in ("priority", "added", "cancelled", "good_practice"):
        a[k] = 0
    a.update(ref=ref, engagement=eng, designation=des, progress=progress,
             pilots=pilots, schedule=schedule, priority=priority,
             comments=comments)
    return a


PLAN = [
    A("1.1", 1, "Ouvrir un lieu d'accueil enfants-parents", "En cours",
      "Service Petite enfance", "2021-2024"),
    A("1.2", 1, "Créer des rues scolaires", "Réalisée", "Direction des Mobilités", "2022"),
    A("2.1", 2, "Tarification solidaire de la cantine", "Non commencée", "CCAS"),
    A("3.1", 3, "Ateliers d'éveil musical à l'école", "Réalisée", "", "2020-2026"),
    A("4.1", 4, "Conseil municipal des enfants", "En cours", "Service Jeunesse"),
    A("5.1", 5, "Journée internationale des droits de l'enfant", "Réalisée"),
]


def esc(v):
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace(
        "\n", "\\n").replace("\r", "\\r")


def tsv(actions):
    def key(a):
        return (a["engagement"], [int(x) for x in a["ref"].split(".")])
    lines = ["\t".join(FIELDS)]
    for a in sorted(actions, key=key):
        a = dict(a)
        a["result"] = RESULT.get(a["progress"], "Non atteint")
        a["updated_at"], a["updated_by"] = NOW, USER
        lines.append("\t".join(esc(a[f]) for f in FIELDS))
    return "\n".join(lines) + "\n"


class Report:
    """The interpretation lines, aggregated by message as suivi does."""

    def __init__(self):
        self.items = []		# [sheet, msg, [lines]]
        self.plain = []

    def add(self, sheet, line, msg):
        for it in self.items:
            if it[0] == sheet and it[1] == msg:
                it[2].append(line)
                return
        self.items.append([sheet, msg, [line]])

    def lines(self):
        out = []
        for sheet, msg, rows in self.items:
            out.append("%s (feuille « %s », %s %s)" % (
                msg, sheet, "lignes" if len(rows) > 1 else "ligne",
                ", ".join(str(r) for r in rows)))
        return out + self.plain


def cell_row(a, over=None):
    v = {"ref": a["ref"], "engagement": a["engagement"],
         "designation": a["designation"],
         "priority": "Oui" if a["priority"] else "Non",
         "pilots": a["pilots"] or None, "schedule": a["schedule"] or None,
         "progress": a["progress"], "comments": a["comments"] or None}
    v.update(over or {})
    return [v[k] for k in KEYS]


def save(wb, name, plan, rep, status=0, feuille=None, plan2=None):
    path = os.path.join(OUT, name)
    wb.save(path)
    write_expect(name, plan, rep, status, feuille, plan2)


def write_expect(name, plan, rep, status=0, feuille=None, plan2=None):
    base = os.path.join(OUT, name)
    with open(base + ".tsv", "w", encoding="utf-8") as f:
        f.write(tsv(plan))
    with open(base + ".lignes", "w", encoding="utf-8") as f:
        for ln in rep.lines():
            f.write(ln + "\n")
    with open(base + ".statut", "w") as f:
        f.write("%d\n" % status)
    if feuille:
        with open(base + ".feuille", "w", encoding="utf-8") as f:
            f.write(feuille + "\n")
        with open(base + ".tsv.feuille", "w", encoding="utf-8") as f:
            f.write(tsv(plan2))


def table(ws, plan, start=1, head=HEAD, over=None, fill=None):
    """Writes head at row `start` and the plan below; returns next row."""
    for j, h in enumerate(head, 1):
        ws.cell(row=start, column=j, value=h)
    r = start + 1
    for i, a in enumerate(plan):
        vals = cell_row(a, (over or {}).get(i))
        for j, v in enumerate(vals, 1):
            c = ws.cell(row=r, column=j, value=v)
            if fill and i in fill:
                c.fill = BLUE
        r += 1
    return r


def book(title="Plan"):
    wb = openpyxl.Workbook()
    wb.active.title = title
    return wb, wb.active


# ---- Sheets ----

def hidden_archive():
    wb, ws = book("Plan 2025")
    table(ws, PLAN)
    old = wb.create_sheet("Plan 2022 (archive)")
    old.sheet_state = "hidden"
    table(old, [dict(a, progress="Non commencée") for a in PLAN],
          head=HEAD + ["Partenaires", "Public cible"])
    rep = Report()
    rep.plain.append("feuille masquée non lue : « Plan 2022 (archive) »")
    save(wb, "feuille-masquee.xlsx", PLAN, rep)


def per_engagement():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    names = []
    for n in range(1, 6):
        name = "Engagement %d" % n
        ws = wb.create_sheet(name)
        part = [a for a in PLAN if a["engagement"] == n]
        table(ws, part)
        names.append("« %s » (%d action%s)" % (name, len(part), "s" if len(part) > 1 else ""))
    rep = Report()
    rep.plain.append("feuilles lues ensemble (même tableau, N° distincts) : " + ", ".join(names))
    save(wb, "une-feuille-par-engagement.xlsx", PLAN, rep)


def per_department():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    groups = {"Petite enfance": PLAN[:2], "Solidarités": PLAN[2:4], "Jeunesse": PLAN[4:]}
    names = []
    for name, part in groups.items():
        ws = wb.create_sheet(name)
        ws["A1"] = "Direction " + name
        table(ws, part, start=3)
        names.append("« %s » (%d action%s)" % (name, len(part), "s" if len(part) > 1 else ""))
    rep = Report()
    rep.plain.append("feuilles lues ensemble (même tableau, N° distincts) : " + ", ".join(names))
    save(wb, "une-feuille-par-direction.xlsx", PLAN, rep)


def per_year():
    wb, ws = book("2024")
    y24 = [dict(a, progress="Non commencée") for a in PLAN]
    table(ws, y24)
    table(wb.create_sheet("2025"), PLAN)
    rep = Report()
    rep.plain.append("leurs N° se recouvrent (N° 1.1 dans « 2024 » et dans « 2025 »)")
    rep.plain.append("--feuille NOM (feuilles : « 2024 », « 2025 »)")
    save(wb, "une-feuille-par-annee.xlsx", [], rep, status=1, feuille="2025",
         plan2=PLAN)


def export_other_sheets():
    wb, ws = book("Plan d'action")
    table(ws, PLAN)
    for name in ("Fiches", "Données", "Synthèse", "Évolution"):
        o = wb.create_sheet(name)
        table(o, [dict(a, designation=a["designation"] + " (fiche)") for a in PLAN],
              head=HEAD + ["Partenaires", "Public cible", "Résultat"])
    save(wb, "export-autres-feuilles.xlsx", PLAN, Report())


# ---- Table shapes ----

def notes_under():
    wb, ws = book()
    r = table(ws, PLAN)
    rep = Report()
    ws.cell(row=r + 1, column=1, value="* Actions validées en conseil municipal du 12 mars 2021")
    rep.add("Plan", r + 1, "ligne ignorée (note) : « * Actions validées en conseil municipal du 12 mars 2021 »")
    ws.cell(row=r + 2, column=3, value="Source : direction générale des services")
    rep.add("Plan", r + 2, "ligne ignorée (note) : « Source : direction générale des services »")
    ws.cell(row=r + 4, column=3, value="Mis à jour par le service Jeunesse")
    rep.add("Plan", r + 4, "ligne ignorée (après la fin du tableau) : « Mis à jour par le service Jeunesse »")
    save(wb, "notes-sous-le-tableau.xlsx", PLAN, rep)


def total_row():
    wb, ws = book()
    r = table(ws, PLAN)
    ws.cell(row=r, column=1, value="Total")
    ws.cell(row=r, column=3, value="%d actions" % len(PLAN))
    rep = Report()
    rep.add("Plan", r, "ligne ignorée (total) : « Total »")
    save(wb, "ligne-total.xlsx", PLAN, rep)


def blank_separators():
    wb, ws = book()
    for j, h in enumerate(HEAD, 1):
        ws.cell(row=1, column=j, value=h)
    r = 2
    for a in PLAN:
        for j, v in enumerate(cell_row(a), 1):
            ws.cell(row=r, column=j, value=v)
        r += 3	# two blank rows between actions
    save(wb, "lignes-vides.xlsx", PLAN, Report())


def sub_labels():
    wb, ws = book()
    for j, h in enumerate(HEAD, 1):
        ws.cell(row=1, column=j, value=h)
    ws.cell(row=2, column=4, value="(Oui/Non)")
    ws.cell(row=2, column=6, value="(années)")
    r = 3
    for a in PLAN:
        for j, v in enumerate(cell_row(a), 1):
            ws.cell(row=r, column=j, value=v)
        r += 1
    rep = Report()
    rep.add("Plan", 2, "ligne ignorée (sous-titres de l'en-tête) : « (Oui/Non) »")
    save(wb, "sous-titres.xlsx", PLAN, rep)


def two_tables():
    wb, ws = book()
    r = table(ws, PLAN[:4])
    ws.cell(row=r + 1, column=1, value="Actions ajoutées en 2024")
    rep = Report()
    rep.add("Plan", r + 1, "ligne ignorée (titre ou texte seul) : « Actions ajoutées en 2024 »")
    # the second table: other columns, other order
    head2 = ["Intitulé de l'action", "N°", "Avancement", "Engagement"]
    h = r + 2
    for j, t in enumerate(head2, 1):
        ws.cell(row=h, column=j, value=t)
    rep.add("Plan", h, "second tableau : nouvel en-tête, lu avec ses propres colonnes")
    for i, a in enumerate(PLAN[4:], 1):
        ws.cell(row=h + i, column=1, value=a["designation"])
        ws.cell(row=h + i, column=2, value=a["ref"])
        ws.cell(row=h + i, column=3, value=a["progress"])
        ws.cell(row=h + i, column=4, value=a["engagement"])
    plan = PLAN[:4] + [dict(a, pilots="", schedule="") for a in PLAN[4:]]
    save(wb, "deux-tableaux.xlsx", plan, rep)


def header_low():
    wb, ws = book()
    ws["A1"] = "Ville de Test — Plan d'action Ville amie des enfants 2020-2026"
    ws["A3"] = "Document de travail"
    table(ws, PLAN, start=6)
    rep = Report()
    save(wb, "en-tete-ligne-6.xlsx", PLAN, rep)


# ---- Cells ----

def dates():
    wb, ws = book()
    over = {0: {"schedule": datetime.datetime(2024, 6, 30)},
            1: {"schedule": "2022-09-01"},
            3: {"schedule": "30/06/2025"}}
    table(ws, PLAN, over=over)
    for r in range(2, 8):
        if isinstance(ws.cell(row=r, column=6).value, datetime.datetime):
            ws.cell(row=r, column=6).number_format = "DD/MM/YYYY"
    plan = [dict(PLAN[0], schedule="2024"), dict(PLAN[1], schedule="2022"),
            PLAN[2], dict(PLAN[3], schedule="2025"), PLAN[4], PLAN[5]]
    rep = Report()
    # openpyxl stores 30/06/2024 as the serial 45473
    rep.add("Plan", 2, "Calendrier « 45473 » (une date) lu comme l'année 2024")
    rep.add("Plan", 3, "Calendrier « 2022-09-01 » (une date) lu comme l'année 2022")
    rep.add("Plan", 5, "Calendrier « 30/06/2025 » (une date) lu comme l'année 2025")
    save(wb, "calendrier-dates.xlsx", plan, rep)


def percents():
    wb, ws = book()
    vals = [0.5, 1, 0, "0%", "100 %", 1]
    over = {i: {"progress": v} for i, v in enumerate(vals)}
    table(ws, PLAN, over=over)
    for r in range(2, 8):
        c = ws.cell(row=r, column=7)
        if not isinstance(c.value, str):
            c.number_format = "0%"
    want = ["En cours", "Réalisée", "Non commencée", "Non commencée", "Réalisée", "Réalisée"]
    plan = [dict(a, progress=p) for a, p in zip(PLAN, want)]
    rep = Report()
    shown = ["0.5", "1", "0", "0%", "100 %", "1"]
    for i, (s, p) in enumerate(zip(shown, want)):
        rep.add("Plan", i + 2, "Avancement « %s » lu comme %s" % (s, p))
    save(wb, "avancement-pourcentages.xlsx", plan, rep)


def progress_words():
    wb, ws = book()
    words = ["en-cours", "Terminé", "A faire", "EN COURS", "réalisé", "Achevé"]
    want = ["En cours", "Réalisée", "Non commencée", "En cours", "Réalisée", "Réalisée"]
    table(ws, PLAN, over={i: {"progress": w} for i, w in enumerate(words)})
    plan = [dict(a, progress=p) for a, p in zip(PLAN, want)]
    rep = Report()
    for i, (w, p) in enumerate(zip(words, want)):
        if w.lower() == p.lower():
            continue	# the label itself, in capitals
        rep.add("Plan", i + 2, "Avancement « %s » lu comme %s" % (w, p))
    save(wb, "avancement-mots.xlsx", plan, rep)


def ref_numbers():
    wb, ws = book()
    over = {0: {"ref": 1.1}, 1: {"ref": "1,2"}, 2: {"ref": 2.1}, 3: {"ref": "3,1"}}
    table(ws, PLAN, over=over)
    rep = Report()
    rep.add("Plan", 3, "N° « 1,2 » lu comme 1.2")
    rep.add("Plan", 5, "N° « 3,1 » lu comme 3.1")
    save(wb, "numeros-nombres.xlsx", PLAN, rep)


def ref_collision():
    wb, ws = book()
    plan = PLAN + [A("1.10", 1, "Une dixième action", "En cours")]
    over = {0: {"ref": 1.1}, 6: {"ref": 1.10}}
    table(ws, plan, over=over)
    rep = Report()
    rep.plain.append("N° 1.1 en double : lignes 2 et 8 (si la colonne N° est au format Nombre, "
                     "2.1 et 2.10 s'y confondent")
    save(wb, "numeros-confondus.xlsx", [], rep, status=1)


def escapes():
    wb, ws = book()
    over = {0: {"comments": "Ouverture prévue._x000D_\nSuite en 2025."},
            1: {"pilots": "Direction_x0020_des Mobilités"}}
    table(ws, PLAN, over=over)
    plan = [dict(PLAN[0], comments="Ouverture prévue.\nSuite en 2025."),
            dict(PLAN[1], pilots="Direction des Mobilités")] + PLAN[2:]
    rep = Report()
    save(wb, "echappements-x000d.xlsx", plan, rep)


def errors():
    wb, ws = book()
    table(ws, PLAN, over={2: {"pilots": "#N/A"}, 4: {"comments": "#REF!"}})
    plan = [dict(a) for a in PLAN]
    plan[2]["pilots"] = ""
    plan[4]["comments"] = ""
    rep = Report()
    rep.plain.append("feuille « Plan », ligne 4, colonne E : valeur d'erreur « #N/A »")
    rep.plain.append("feuille « Plan », ligne 6, colonne H : valeur d'erreur « #REF! »")
    save(wb, "valeurs-erreur.xlsx", plan, rep)


def invisible():
    wb, ws = book()
    over = {0: {"designation": "\u200bOuvrir un lieu d'accueil\u200f enfants-parents"},
            3: {"designation": "\u202bAteliers d'éveil musical à l'école\u202c"},
            4: {"pilots": "Service\u00ad Jeunesse\ufeff"}}
    table(ws, PLAN, over=over)
    rep = Report()
    rep.add("Plan", 2, "Intitulé de l'action : caractères invisibles ou codes _xHHHH_ d'Excel nettoyés")
    rep.add("Plan", 5, "Intitulé de l'action : caractères invisibles ou codes _xHHHH_ d'Excel nettoyés")
    rep.add("Plan", 6, "Service(s) pilote(s) : caractères invisibles ou codes _xHHHH_ d'Excel nettoyés")
    save(wb, "caracteres-invisibles.xlsx", PLAN, rep)


# ---- Values ----

def engagements():
    wb, ws = book()
    words = ["Eng. 1", "E 1", "II", "Un parcours educatif de qualite", "IV",
             "Le partenariat avec UNICEF Frnace"]
    table(ws, PLAN, over={i: {"engagement": w} for i, w in enumerate(words)})
    rep = Report()
    for i, (w, a) in enumerate(zip(words, PLAN)):
        if i == 3:
            continue	# accents alone: the exact title
        shown = w if len(w) <= 12 else w[:12] + "…"
        rep.add("Plan", i + 2, "« %s » lu comme engagement %d" % (shown, a["engagement"]))
    save(wb, "engagements-ecrits.xlsx", PLAN, rep)


def yes_no():
    wb, ws = book()
    words = ["O", "N", "oui (validé)", "Non", "x", "non"]
    want = [1, 0, 1, 0, 1, 0]
    table(ws, PLAN, over={i: {"priority": w} for i, w in enumerate(words)})
    plan = [dict(a, priority=p) for a, p in zip(PLAN, want)]
    rep = Report()
    for i, (w, p) in enumerate(zip(words, want)):
        if w.lower() in ("oui", "non"):
            continue
        rep.add("Plan", i + 2, "Action prioritaire UNICEF France « %s » lu comme %s" % (w, "Oui" if p else "Non"))
    save(wb, "oui-non-ecrits.xlsx", plan, rep)


# ---- Colours ----

def blue_with_column():
    wb, ws = book()
    table(ws, PLAN, fill={0, 2, 4})		# "Action prioritaire : Non"
    save(wb, "bleu-avec-colonne.xlsx", PLAN, Report())


def blue_without_column():
    wb, ws = book()
    head = [h for h in HEAD if h != "Action prioritaire"]
    for j, h in enumerate(head, 1):
        ws.cell(row=1, column=j, value=h)
    for i, a in enumerate(PLAN):
        vals = [v for k, v in zip(KEYS, cell_row(a)) if k != "priority"]
        for j, v in enumerate(vals, 1):
            c = ws.cell(row=i + 2, column=j, value=v)
            if i in (1, 3):
                c.fill = BLUE
    plan = [dict(a, priority=1 if i in (1, 3) else 0) for i, a in enumerate(PLAN)]
    rep = Report()
    for i in (1, 3):
        rep.add("Plan", i + 2, "fond bleu lu comme action prioritaire (le fichier n'a pas "
                "de colonne « Action prioritaire »)")
    save(wb, "bleu-sans-colonne.xlsx", plan, rep)


def own_export_highlighted():
    """Our export (tests/data/import/export-suivi.xlsx), a row highlighted
    light blue in a spreadsheet: its priority column still decides."""
    src = os.path.join(HERE, "export-suivi.xlsx")
    wb = openpyxl.load_workbook(src)
    ws = wb["Plan d'action"]
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=5).value == "Non":
            for c in range(1, 22):
                ws.cell(row=r, column=c).fill = BLUE
            break
    name = "export-surligne.xlsx"
    wb.save(os.path.join(OUT, name))
    shutil.copy(src + ".tsv", os.path.join(OUT, name + ".tsv"))
    with open(os.path.join(OUT, name + ".lignes"), "w") as f:
        f.write("")
    with open(os.path.join(OUT, name + ".statut"), "w") as f:
        f.write("0\n")


# ---- Refusals ----

def refused_engagement():
    wb, ws = book()
    table(ws, PLAN, over={3: {"engagement": "Engagement 9"}})
    rep = Report()
    rep.plain.append("feuille « Plan », ligne 5, colonne B : engagement 9 inconnu")
    save(wb, "refus-engagement.xlsx", [], rep, status=1)


def refused_progress():
    wb, ws = book()
    table(ws, PLAN, over={1: {"progress": "peut-être"}, 2: {"progress": 1.5}})
    rep = Report()
    rep.plain.append("feuille « Plan », ligne 3, colonne G")
    rep.plain.append("feuille « Plan », ligne 4, colonne G")
    save(wb, "refus-avancement.xlsx", [], rep, status=1)


def csv_title_total():
    name = "titre-et-total.csv"
    rep = Report()
    lines = ["Plan d'action de la Ville de Test;;;;;;;", ";;;;;;;", ";".join(HEAD)]
    for a in PLAN:
        vals = ["" if v is None else str(v) for v in cell_row(a)]
        lines.append(";".join('"%s"' % v if ";" in v or "," in v else v for v in vals))
    lines.append("Total;%d;;;;;;" % len(PLAN))
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    rep.plain.append("ligne ignorée (total) : « Total » (ligne %d)" % (len(lines)))
    rep.plain = ["ligne ignorée (total) : « Total » (ligne %d)" % len(lines)]
    write_expect(name, PLAN, rep)


def lo_convert():
    """A LibreOffice copy of each openpyxl file: lo-NAME.xlsx."""
    files = sorted(f for f in os.listdir(OUT) if f.endswith(".xlsx")
                   and not f.startswith("lo-"))
    tmp = tempfile.mkdtemp()
    try:
        for f in files:
            shutil.copy(os.path.join(OUT, f), os.path.join(tmp, "lo-" + f))
        src = [os.path.join(tmp, "lo-" + f) for f in files]
        outd = os.path.join(tmp, "out")
        os.mkdir(outd)
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/profile",
                        "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                        "--outdir", outd] + src, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for f in files:
            lo = "lo-" + f
            shutil.copy(os.path.join(outd, lo), os.path.join(OUT, lo))
            for ext in (".tsv", ".lignes", ".statut", ".feuille", ".tsv.feuille"):
                p = os.path.join(OUT, f + ext)
                if os.path.exists(p):
                    shutil.copy(p, os.path.join(OUT, lo + ext))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.mkdir(OUT)
    for fn in (hidden_archive, per_engagement, per_department, per_year,
               export_other_sheets, notes_under, total_row, blank_separators,
               sub_labels, two_tables, header_low, dates, percents,
               progress_words, ref_numbers, ref_collision, escapes, errors,
               invisible, engagements, yes_no, blue_with_column,
               blue_without_column, own_export_highlighted,
               refused_engagement, refused_progress):
        fn()
    if "--sans-libreoffice" not in sys.argv:
        lo_convert()
    csv_title_total()
