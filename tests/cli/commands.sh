# commands.sh - every command of the foundation on a fresh database, as a
# coordinator would use them: init, add, set, show, list (table, tsv,
# csv), indicateur, collectivite, bilan, history, undo, backup, check,
# plan-initial, evolution.
set -e
. "$(dirname "$0")/../lib.sh"

export SUIVI_NOW="2026-02-01 09:00:00"
expect_status 0 suivi init --collectivite "Ville d'Étéville"
contains "$T/out" "Base créée"
[ "$(stat -c %a "$DB")" = 600 ] || fail "la base n'est pas en 0600"

expect_status 0 suivi add --engagement 3 --intitule "Réussite éducative à l'École"
contains "$T/out" "Action 3.1 créée"
expect_status 0 suivi add --engagement 3 --intitule "Deuxième" pilots="Direction Éducation" progress="en cours"
contains "$T/out" "3.2"

desc='Premier paragraphe « accentué » : œuvre, été.
	Tabulé \ antislash

Second paragraphe.'
expect_status 0 suivi set 3.1 description="$desc" progress=Réalisée schedule=2021-2024 audience="6-11 ans, familles"
expect_status 0 suivi show 3.1
contains "$T/out" "Avancement : Réalisée"
contains "$T/out" "Résultat : Atteint"
contains "$T/out" "Calendrier : 2021-2024"
contains "$T/out" "  Second paragraphe."

# TSV: the documented header and escaping, round-tripped by hand.
expect_status 0 suivi list --format tsv
head -1 "$T/out" | grep -qx "$(printf 'ref\tengagement\trecommendation\tdesignation\tpriority\tdescription\tpilots\telected\tpartners\taudience\tschedule\tprogress\tresult\tcomments\tperspectives\tadded\tadded_reason\tcancelled\tcancelled_reason\tcancelled_year\tgood_practice\tupdated_at\tupdated_by')" || fail "en-tête TSV"
got=$(awk -F'\t' 'NR==2 {print $6}' "$T/out")
want='Premier paragraphe « accentué » : œuvre, été.\n\tTabulé \\ antislash\n\nSecond paragraphe.'
[ "$got" = "$want" ] || fail "échappement TSV : $got"
[ "$(wc -l < "$T/out")" = 3 ] || fail "deux actions attendues"
awk -F'\t' 'NR==2 && ($12 != "Réalisée" || $13 != "Atteint" || $5 != "0") {exit 1}' "$T/out" || fail "colonnes TSV"

expect_status 0 suivi list --format csv
contains "$T/out" '"3.2","3","","Deuxième"'
expect_status 0 suivi list --pilote education
contains "$T/out" "Deuxième"
lacks "$T/out" "Réussite"
expect_status 0 suivi list --recherche ecole
contains "$T/out" "Réussite éducative à l'École"

# Indicators
expect_status 0 suivi indicateur 3.1 --ajouter "Élèves suivis" unite=élèves reference=40 cible=80 valeur_2025=55
expect_status 0 suivi indicateur 3.1 --numero 1 valeur_2026=61 commentaire_2026="Deux écoles de plus"
expect_status 0 suivi show 3.1
contains "$T/out" "2026 : 61 (Deux écoles de plus)"

# Présentation
expect_status 0 suivi collectivite type=Ville code=99001 elu_nom="Anne Dupré"
expect_status 0 suivi collectivite
contains "$T/out" "Code INSEE ou SIREN (code) : 99001"

# Cancel with reason; the row stays.
expect_status 0 suivi set 3.2 cancelled=oui cancelled_reason="Remplacée par 3.1"
expect_status 0 suivi list --annulees --format tsv
awk -F'\t' 'NR==2 && ($18 != "1" || $20 != "2026") {exit 1}' "$T/out" || fail "annulation"

# Reviews: comment, tick, snapshot, untick with --oui.
expect_status 0 suivi bilan 2025 --commentaire "Partenariat actif avec le comité UNICEF."
expect_status 0 suivi bilan 2025 --fait
contains "$T/out" "Bilan annuel 2025 : Fait"
expect_status 0 suivi bilan
contains "$T/out" "2025 : Fait (le 01/02/2026 à 09:00 par testeur)"
contains "$T/out" "Partenariat actif"

# Initial plan, then an addition needs a reason.
expect_status 0 suivi plan-initial --figer
expect_status 1 suivi add --engagement 1 --intitule "Sans motif"
contains "$T/err" "added_reason"
expect_status 0 suivi add --engagement 1 --intitule "Conseil des jeunes" added_reason="Demande des jeunes"
contains "$T/out" "action supplémentaire"
expect_status 0 suivi plan-initial --montrer
contains "$T/out" "2 actions"
expect_status 0 suivi evolution
contains "$T/out" "1.1    ajoutée"
contains "$T/out" "Demande des jeunes"

# History and undo.
expect_status 0 suivi history 3.1
contains "$T/out" 'Avancement : "" → "Réalisée"'
# The journal speaks French: field labels, flags as Oui/Non.
expect_status 0 suivi history
contains "$T/out" 'Action annulée : "Non" → "Oui"'
contains "$T/out" 'bilan 2025 Bilan annuel - Fait : "Non" → "Oui"'
lacks "$T/out" "progress"
lacks "$T/out" "cancelled"
expect_status 0 suivi undo
contains "$T/out" "Modification défaite : création de action 1.1"
expect_status 1 suivi show 1.1
contains "$T/err" "1.1"

# Backup and check.
expect_status 0 suivi backup "$T/copie.db"
[ "$(stat -c %a "$T/copie.db")" = 600 ] || fail "sauvegarde pas en 0600"
"$SUIVI_BIN" --db "$T/copie.db" list --format tsv > "$T/a"
suivi list --format tsv > "$T/b"
cmp -s "$T/a" "$T/b" || fail "la sauvegarde diffère"
expect_status 0 suivi check 2026
contains "$T/out" "Intégrité de la base : ok"
contains "$T/out" "Vérification avant envoi 2026"

# Untick needs confirmation outside a terminal.
expect_status 1 suivi bilan 2025 --non-fait </dev/null
contains "$T/err" "--oui"
expect_status 0 suivi bilan 2025 --non-fait --oui
expect_status 0 suivi bilan 2025
contains "$T/out" "Non fait"
echo "commandes : ok"
