# mandate.sh - from 2020-2026 to 2026-2032 (issue 6): opening the new
# mandate with its referential, carrying actions over with a mapping file
# (keep, keep into another engagement, merge, close), the old mandate left
# untouched and read-only, history reaching back, the city's assessment of
# each engagement, and evolution between states.
set -e
. "$(dirname "$0")/../lib.sh"

suivi init --demo >/dev/null
suivi --mandat 2020-2026 list --format tsv > "$T/old-before"
(cd "$T" && suivi export --annee 2025 -o "$T/2025-avant.xlsx" >/dev/null)

# Evolution between the two frozen reviews and since the initial plan.
expect_status 0 suivi evolution --depuis 2024
contains "$T/out" "Évolution depuis le bilan 2024"
contains "$T/out" "avancement"
expect_status 0 suivi evolution --depuis plan-initial
contains "$T/out" "ajoutée"
contains "$T/out" "annulée"

# Final review: assessments per engagement.
expect_status 0 suivi appreciation 2 "en passe d'être atteint" --commentaire "Plan violences adopté en 2025."
expect_status 2 suivi appreciation 2 "presque"
expect_status 0 suivi appreciation
contains "$T/out" "2. La lutte contre l'exclusion, la discrimination et la recherche de l'équité : En passe d'être atteint"
contains "$T/out" "Plan violences adopté en 2025."

cat > "$T/map" <<'MAP'
# décisions du comité de pilotage
1.1 garder
1.2 clore
1.3 fusionner 1.1
1.4 garder 2
MAP
# Missing decisions are refused, naming them; nothing is opened twice.
expect_status 0 suivi mandat nouveau 2026-2032 --referentiel "$SUIVI_DATA/referentiels/vae-2026-2032.txt"
contains "$T/out" "archivé"
expect_status 1 suivi mandat reprendre --correspondance "$T/map"
contains "$T/err" "décision manquante"
contains "$T/err" "2.1"
expect_status 0 suivi list --format tsv
[ "$(wc -l < "$T/out")" = 1 ] || fail "un refus ne doit rien reprendre"

# The assessment reaches the Synthèse sheet, next to the figures; the
# Évolution sheet lists additions and cancellations with their reasons.
(cd "$T" && suivi --mandat 2020-2026 export --annee 2026 -o "$T/2026.xlsx" >/dev/null)
/usr/bin/python3 - "$T/2026.xlsx" <<'PY' || fail "feuilles Synthèse / Évolution"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Synthèse"]
hdr = [c.value for c in ws[3]]
i = hdr.index("Appréciation de la collectivité")
row = [c.value for c in ws[5]]
assert row[0] == "Engagement 2", row
assert row[i] == "En passe d'être atteint" and row[i + 1] == "Plan violences adopté en 2025.", row
ev = [[c.value for c in r] for r in wb["Évolution"].iter_rows()]
text = "\n".join(" | ".join(str(v) for v in r if v is not None) for r in ev)
for needle in ("1.8", "1.5", "2.7"):
    assert needle in text, needle
PY

# Complete the mapping: every other non-cancelled action is closed.
suivi --mandat 2020-2026 list --sans-annulees --format tsv |
	awk -F'\t' 'NR>1 && $1 !~ /^1\.[1-4]$/ {print $1, "clore"}' >> "$T/map"
expect_status 0 suivi mandat reprendre --correspondance "$T/map"
contains "$T/out" "1.3 fusionnée dans 1.1"
expect_status 0 suivi list --format tsv
[ "$(wc -l < "$T/out")" = 3 ] || fail "deux actions gardées attendues"
expect_status 0 suivi show 1.1
contains "$T/out" "Reprend aussi l'action 1.3 du mandat 2020-2026"
expect_status 0 suivi show 2.1
contains "$T/out" "Mesurer la qualité de l'air devant les écoles"
contains "$T/out" "Écoles dotées d'une rue scolaire"

# History of a kept action reaches into the old mandate.
expect_status 0 suivi history 2.1
contains "$T/out" "reprise"
contains "$T/out" "10/02/2021"

# The old mandate is unchanged and read-only unless asked.
suivi --mandat 2020-2026 list --format tsv > "$T/old-after"
cmp -s "$T/old-before" "$T/old-after" || fail "l'ancien mandat a changé"
(cd "$T" && suivi --mandat 2020-2026 export --annee 2025 -o "$T/2025-apres.xlsx" >/dev/null)
cmp -s "$T/2025-avant.xlsx" "$T/2025-apres.xlsx" || fail "l'export 2025 a changé après la reprise"
expect_status 1 suivi --mandat 2020-2026 set 1.2 comments="x"
contains "$T/err" "archivé"
expect_status 0 suivi --mandat 2020-2026 --modifier-archive set 1.2 comments="Correction tardive"
expect_status 0 suivi mandat liste
contains "$T/out" "2026-2032  actif"

# The new plan has its own initial plan and additions.
expect_status 0 suivi plan-initial --figer
expect_status 0 suivi add --engagement 4 --intitule "Conseil des jeunes 2026" added_reason="Nouvelle équipe municipale"
expect_status 0 suivi evolution
contains "$T/out" "Nouvelle équipe municipale"
echo "mandats : ok"
