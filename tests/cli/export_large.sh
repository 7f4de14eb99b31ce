#!/bin/sh
# export_large.sh - proves that a plan of more than 1,000 actions (the
# size from which `suivi export` reads the actions one at a time from the
# database instead of loading the whole plan, docs/performance.md) gives
# a complete and faithful workbook: every text of every row checked with
# openpyxl against `suivi list`, for the live plan and for the snapshot
# of a done review, the Synthèse counts, the Évolution lists, a
# department's part; and that those sheets were written row by row
# (inline strings).
. "$(dirname "$0")/../lib.sh"
set -e
CHECK="/usr/bin/python3 $(cd "$(dirname "$0")/.." && pwd)/export/check_xlsx.py"
export SUIVI_NOW="2026-03-15 10:00"

suivi init --collectivite "Ville de Grande-Taille" >/dev/null
/usr/bin/python3 - "$T/plan.csv" <<'PY'
import random, sys
random.seed(8)
words = ("accueil enfants école crèche parentalité harcèlement numérique "
         "vacances adolescents animateurs quartier santé cantine bio "
         "sécurité routière handicap inclusion théâtre bibliothèque").split()
pilots = ["Direction Éducation", "Service Petite enfance", "CCAS",
          "Service Jeunesse", "Direction des Sports"]
progress = ["", "Non commencée", "En cours", "Réalisée"]
def text(n):
    out = []
    while sum(len(w) + 1 for w in out) < n:
        out.append(random.choice(words))
    return " ".join(out)
rows = [["N°", "Engagement", "Intitulé de l'action",
         "Descriptif / analyse de l'action", "Service(s) pilote(s)",
         "Avancement", "Commentaires", "Perspectives de développement"]]
count = {}
for i in range(1200):
    eng = 1 + i % 5
    count[eng] = count.get(eng, 0) + 1
    desc = text(random.randint(80, 700))
    if i % 7 == 0:
        desc = "=SOMME(A%d) « %s »\n%s" % (i, text(30), desc)
    rows.append(["%d.%d" % (eng, count[eng]), str(eng),
                 "Action %d : %s" % (i, text(70)), desc,
                 random.choice(pilots), random.choice(progress),
                 text(random.randint(0, 400)), text(random.randint(0, 200))])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for r in rows:
        f.write(";".join('"%s"' % c.replace('"', '""') for c in r) + "\r\n")
PY
expect_status 0 suivi import --plan-initial "$T/plan.csv" </dev/null
[ "$(suivi list --format tsv | tail -n +2 | wc -l)" -eq 1200 ] ||
    fail "1200 actions attendues après l'import"
suivi indicateur 3.7 --ajouter "Enfants accueillis" >/dev/null
suivi indicateur 3.7 --numero 1 unite=enfants cible=40 valeur_2025=12 >/dev/null
suivi set 2.5 "progress=Non commencée" >/dev/null
expect_status 0 suivi bilan 2025 --fait --oui
suivi list --format tsv >"$T/l2025.tsv"

# Afterwards the live plan moves on: a progress, an added and a cancelled
# action.
suivi set 2.5 "progress=Réalisée" >/dev/null
suivi set 1.2 "comments=Modifié après le bilan 2025" >/dev/null
suivi add --engagement 4 --intitule "Conseil municipal des enfants" \
    "added_reason=Demande des enfants" >/dev/null
suivi set 5.3 cancelled=oui "cancelled_reason=Projet abandonné" \
    cancelled_year=2026 >/dev/null
suivi list --format tsv >"$T/live.tsv"

# The done year comes from its snapshot, the current year from the live
# plan; both complete and faithful.
expect_status 0 suivi export --annee 2025 -o "$T/2025.xlsx"
contains "$T/out" "plan figé"
$CHECK "$T/2025.xlsx" "$T/l2025.tsv" || fail "export 2025 (photographie)"
expect_status 0 suivi export --annee 2026 -o "$T/2026.xlsx"
$CHECK "$T/2026.xlsx" "$T/live.tsv" || fail "export 2026 (plan en cours)"

/usr/bin/python3 - "$T/2025.xlsx" "$T/2026.xlsx" <<'PY' || fail "contenu"
import sys, zipfile, openpyxl
for path in sys.argv[1:]:
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for part in ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml",
                     "xl/worksheets/sheet5.xml"):
            if b't="inlineStr"' not in z.read(part):
                sys.exit("%s : %s sans chaînes en ligne" % (path, part))
wb = openpyxl.load_workbook(sys.argv[1])
ind = wb["Indicateurs"]
if [ind["A2"].value, ind["C2"].value, ind["D2"].value, ind["F2"].value] \
        != ["3.7", "Enfants accueillis", "enfants", 40]:
    sys.exit("indicateur : %r" % [c.value for c in ind[2]])
syn = wb["Synthèse"]
total = [r for r in syn.iter_rows(values_only=True)
         if r[0] == "Ensemble du plan"][0]
if total[2] != 1200:
    sys.exit("Synthèse 2025 : %r actions" % (total[2],))
live = openpyxl.load_workbook(sys.argv[2])
syn = live["Synthèse"]
total = [r for r in syn.iter_rows(values_only=True)
         if r[0] == "Ensemble du plan"][0]
if total[2] != 1200 or total[7] != 1 or total[8] != 1:
    sys.exit("Synthèse 2026 : %r" % (total,))
evo = [r for r in live["Évolution"].iter_rows(values_only=True)]
refs = [r[0] for r in evo]
flat = [str(c) for r in evo for c in r if c is not None]
if "Conseil municipal des enfants" not in flat or \
        "Demande des enfants" not in flat:
    sys.exit("Évolution : action supplémentaire absente")
if "Projet abandonné" not in flat or "5.3" not in refs:
    sys.exit("Évolution : action annulée absente")
if not any(r[0] == "2.5" and r[4] == "Réalisée" for r in evo):
    sys.exit("Évolution : avancement de 2.5 depuis 2025 absent")
PY

# A department's part: the same checks on its actions only.
suivi list --pilote "petite enfance" --format tsv >"$T/pe.tsv"
expect_status 0 suivi export --annee 2026 --pilote "PETITE ENFANCE" \
    -o "$T/pe.xlsx"
$CHECK "$T/pe.xlsx" "$T/pe.tsv" || fail "export --pilote"
expect_status 1 suivi export --annee 2026 --pilote "service inexistant" \
    -o "$T/x.xlsx"
contains "$T/err" "service inexistant"
[ ! -e "$T/x.xlsx" ] || fail "fichier écrit sans action"
