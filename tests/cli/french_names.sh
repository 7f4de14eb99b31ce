# french_names.sh - the command table (src/cli/commands.c): every French
# main name and its English alias reach the same command (same output,
# same file), names are folded (« vérifier »), each command has its own
# --help, a misspelt command, field or option gets the nearest name
# suggested, and bad options exit 2 with a French message naming the
# option, the base unchanged.
set -e
. "$(dirname "$0")/../lib.sh"

export SUIVI_NOW="2026-12-01 10:00:00" SOURCE_DATE_EPOCH=1772000000
suivi init --demo >/dev/null

same() {	# "french args" "english args": same status, stdout, stderr
	set +e
	eval "suivi $1" >"$T/fr.out" 2>"$T/fr.err"; s1=$?
	eval "suivi $2" >"$T/en.out" 2>"$T/en.err"; s2=$?
	set -e
	[ "$s1" = "$s2" ] || fail "statut $s1 pour « $1 », $s2 pour « $2 »"
	cmp -s "$T/fr.out" "$T/en.out" ||
		fail "« $1 » et « $2 » diffèrent : $(diff "$T/fr.out" "$T/en.out" | head -5)"
	cmp -s "$T/fr.err" "$T/en.err" || fail "stderr de « $1 » et « $2 » diffèrent"
}

# Read-only commands: byte-identical output.
same "liste --format tsv" "list --format tsv"
same "liste --engagement 2 --avancement 'En cours'" "list --engagement 2 --avancement 'En cours'"
same "voir 1.2" "show 1.2"
same "historique --limite 5" "history --limite 5"
same "verifier 2026" "check 2026"
same "vérifier 2026" "check 2026"
same "Vérifier" "check"
same "évolution --depuis 2025" "evolution --depuis 2025"
same "appréciation" "appreciation"
same "collectivité" "collectivite"
same "initialiser --collectivite X" "init --collectivite X"
head -1 "$T/fr.err" | grep -q "existe déjà" || fail "init : $(cat "$T/fr.err")"

# The TSV header stays the documented machine format (English names).
suivi liste --format tsv | head -1 | grep -q "^ref	engagement	recommendation	designation	priority	description	pilots" ||
	fail "en-tête TSV changé : $(suivi liste --format tsv | head -1)"

# Writing commands, each on its own copy of the base: same result.
cp "$DB" "$T/base.db"
run_on() {	# db cmd...
	db=$1; shift
	"$SUIVI_BIN" --db "$db" "$@"
}
twice() {	# "french args" "english args": same base afterwards
	cp "$T/base.db" "$T/fr.db"; cp "$T/base.db" "$T/en.db"
	eval "run_on \"$T/fr.db\" $1" >"$T/fr.out" 2>&1 || fail "« $1 » : $(cat "$T/fr.out")"
	eval "run_on \"$T/en.db\" $2" >"$T/en.out" 2>&1 || fail "« $2 » : $(cat "$T/en.out")"
	run_on "$T/fr.db" list --format tsv >"$T/fr.tsv"
	run_on "$T/en.db" list --format tsv >"$T/en.tsv"
	cmp -s "$T/fr.tsv" "$T/en.tsv" || fail "« $1 » et « $2 » : bases différentes"
	run_on "$T/fr.db" history --limite 3 >"$T/fr.h"
	run_on "$T/en.db" history --limite 3 >"$T/en.h"
	cmp -s "$T/fr.h" "$T/en.h" || fail "« $1 » et « $2 » : journaux différents"
}
twice "modifier 1.2 avancement=Réalisée commentaires=Fait pilotes=Sports élus='M. Dupont' partenaires=CAF public=Ados calendrier=2024-2026 perspectives=Suite descriptif=Texte" \
    "set 1.2 progress=Réalisée comments=Fait pilots=Sports elected='M. Dupont' partners=CAF audience=Ados schedule=2024-2026 perspectives=Suite description=Texte"
twice "modifier 1.3 annulee=oui motif_annulation=Abandon annee_annulation=2025" \
    "set 1.3 cancelled=oui cancelled_reason=Abandon cancelled_year=2025"
twice "modifier 2.1 bonne_pratique=oui intitule='Nouveau nom'" \
    "set 2.1 good_practice=oui designation='Nouveau nom'"
twice "ajouter --engagement 4 --intitule 'Conseil des jeunes' supplementaire=oui motif_ajout='Demande du conseil'" \
    "add --engagement 4 --intitule 'Conseil des jeunes' added=oui added_reason='Demande du conseil'"
cp "$T/fr.db" "$T/base.db"	# an action of ours to undo
twice "annuler --oui" "undo --oui"
grep -q "Modification défaite" "$T/fr.out" || fail "annuler n'a rien défait : $(cat "$T/fr.out")"

# exporter / export: the same bytes.
suivi exporter --annee 2026 -o "$T/fr.xlsx" >/dev/null
suivi export --année=2026 --sortie="$T/en.xlsx" >/dev/null
cmp -s "$T/fr.xlsx" "$T/en.xlsx" || fail "exporter et export : fichiers différents"
suivi exporter --annee=2026 --format csv -o "$T/fr.csv" >/dev/null
suivi export --annee 2026 --format=csv -o"$T/en.csv" >/dev/null
cmp -s "$T/fr.csv" "$T/en.csv" || fail "exporter et export (csv) : fichiers différents"

# importer --essai / import --dry-run: the same report, nothing written.
state > "$T/before"
same "importer '$T/fr.xlsx' --essai" "import '$T/fr.xlsx' --dry-run"
contains "$T/fr.out" "Essai"
state > "$T/after"
cmp -s "$T/before" "$T/after" || fail "l'essai d'import a modifié la base"

# sauvegarde / backup
suivi sauvegarde "$T/s1.db" >/dev/null
suivi backup "$T/s2.db" >/dev/null
[ -s "$T/s1.db" ] && [ -s "$T/s2.db" ] || fail "sauvegarde absente"

# Per-command help, from the table: main name and alias, exit 0.
for pair in liste:list voir:show ajouter:add modifier:set exporter:export \
    importer:import historique:history annuler:undo sauvegarde:backup \
    verifier:check bilan:bilan indicateur:indicateur mandat:mandat \
    plan-initial:plan-initial evolution:evolution collectivite:collectivite \
    appreciation:appreciation init:init demo:demo; do
	fr=${pair%%:*} en=${pair#*:}
	expect_status 0 suivi "$fr" --help
	contains "$T/out" "Usage : suivi $fr"
	lacks "$T/out" "Commandes ("	# not the global help
	cp "$T/out" "$T/help.fr"
	expect_status 0 suivi "$en" -h
	cmp -s "$T/out" "$T/help.fr" || fail "aide de $en différente de celle de $fr"
done
expect_status 0 suivi exporter --help
contains "$T/out" "[--annee ANNEE]"
contains "$T/out" "Aussi : suivi export"
expect_status 0 suivi aide exporter
contains "$T/out" "Usage : suivi exporter"
# The global help lists the table, with the aliases.
expect_status 0 suivi --help
for c in liste voir ajouter modifier bilan exporter importer historique annuler \
    sauvegarde verifier mandat indicateur evolution plan-initial; do
	grep -q "^  $c" "$T/out" || fail "$c absent de l'aide"
done
contains "$T/out" "(aussi : export)"

# Suggestions, and bad options: exit 2, the option named, nothing changed.
state > "$T/before"
refuse() {	# status cmd...
	expect_status "$@"
	state > "$T/after"
	cmp -s "$T/before" "$T/after" || fail "base modifiée par : $*"
}
refuse 2 suivi expoter
contains "$T/err" "commande « expoter » inconnue — vouliez-vous dire « exporter » ?"
refuse 2 suivi histroique
contains "$T/err" "vouliez-vous dire « historique » ?"
refuse 2 suivi modifier 1.2 avancemnt=Réalisée
contains "$T/err" "champ « avancemnt » inconnu — vouliez-vous dire « avancement » ?"
refuse 2 suivi modifier 1.2 couleur=bleu
contains "$T/err" "champ « couleur » inconnu (champs : "
contains "$T/err" "avancement"
refuse 2 suivi indicateur 1.2 --numero 1 libele=X
contains "$T/err" "vouliez-vous dire « libelle » ?"
refuse 2 suivi collectivite nmo=X
contains "$T/err" "vouliez-vous dire « nom » ?"
refuse 2 suivi exporter --annee
contains "$T/err" "option --annee : valeur manquante"
refuse 2 suivi exporter --anee 2025
contains "$T/err" "option inconnue : --anee — vouliez-vous dire --annee ?"
contains "$T/err" "« suivi exporter --help » pour l'aide"
refuse 2 suivi exporter --annee --format csv
contains "$T/err" "option --annee : valeur manquante"
refuse 2 suivi liste --frobnicate
contains "$T/err" "option inconnue : --frobnicate"
refuse 2 suivi annuler --oui=1
contains "$T/err" "option --oui : n'attend pas de valeur"
refuse 2 suivi bilan 2025 2026
contains "$T/err" "argument inattendu « 2026 »"
refuse 2 suivi liste --engagement deux
contains "$T/err" "--engagement : « deux » n'est pas un numéro"
refuse 2 suivi historique --limite beaucoup
contains "$T/err" "--limite attend un nombre"
refuse 2 suivi --db
contains "$T/err" "option --db : valeur manquante"
# "--" ends the options: what follows is an argument.
refuse 1 suivi voir -- --1.2
contains "$T/err" "« --1.2 » introuvable"
echo "noms français : ok"
