#!/bin/sh
# Proves: i imports a CSV from the interface: the dry run's report comes
# first in a scrollable dialog and nothing is stored when the user says
# no; saying yes backs the database up, imports, offers to freeze the
# initial plan and reloads the plan. The result equals the command line's
# import of the same file (the .tsv of the corpus). A missing file is
# refused with a French message that names it once.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
F=$(cd "$(dirname "$0")/../data/import" && pwd)/utf8-bom-virgule.csv
suivi init --collectivite "Ville de Test" >/dev/null
ui_start 80 24 "SUIVI_NOW='2025-06-01 10:00:00'"
ui_wait_for "Toutes les actions (0)"
# A file that does not exist.
ui_keys i
ui_wait_for "Importer un tableau (XLSX ou CSV) : chemin du fichier"
ui_type "$T/absent.csv"
ui_keys Enter
ui_wait_for "Import impossible"
ui_wait_for "absent.csv"
# In French, the path named once (not "absent.csv : absent.csv : No such
# file or directory").
ui_wait_for "fichier ou dossier introuvable"
ui_capture
! grep -q "No such" "$T/screen" || fail "anglais : $(cat "$T/screen")"
[ "$(grep -o "absent\.csv" "$T/screen" | wc -l)" = 1 ] ||
	fail "chemin répété : $(cat "$T/screen")"
ui_keys Enter
ui_wait_for "Import de absent.csv impossible : rien n'a été importé."
# The dry run, then no.
ui_keys i
ui_wait_for "chemin du fichier"
ui_type "$F"
ui_keys Enter
ui_wait_for "Import : essai"
ui_wait_for "Importer ces changements ? Une copie de sauvegarde"
ui_wait_for "créée    1.1 : Ouvrir un lieu d'accueil enfants-parents"
ui_keys PPage NPage NPage
ui_wait_for "Essai : 7 créées, 0 modifiée, 0 inchangée, 0 conflit."
ui_keys n
ui_wait_for "Import abandonné : rien n'a été importé."
[ "$(suivi list --format tsv | tail -n +2 | grep -c .)" = 0 ] || fail "l'essai a enregistré des actions"
ls "$T"/t-avant-import-*.db >/dev/null 2>&1 && fail "sauvegarde faite sans import"
# Again, yes; then freeze the initial plan.
ui_keys i
ui_wait_for "chemin du fichier"
ui_type "$F"
ui_keys Enter
ui_wait_for "Importer ces changements ?"
ui_keys o
ui_wait_for "Le figer maintenant avec les actions importées ?"
ui_keys o
ui_wait_for "Import fait, plan initial figé. Sauvegarde : t-avant-import-"
ui_wait_for "Toutes les actions (7)"
ls "$T"/t-avant-import-*.db >/dev/null 2>&1 || fail "pas de sauvegarde avant import"
suivi list --format tsv >"$T/got.tsv"
if ! cmp -s "$T/got.tsv" "$F.tsv"; then
	diff "$F.tsv" "$T/got.tsv" | head -20
	fail "la liste importée diffère de l'attendu"
fi
suivi plan-initial --montrer >"$T/pi"
contains "$T/pi" "Égalité filles-garçons dans les loisirs"
# The backup is the database as it was: no action.
[ "$("$SUIVI_BIN" --db "$(ls "$T"/t-avant-import-*.db | head -1)" list --format tsv | tail -n +2 | grep -c .)" = 0 ] || fail "la sauvegarde contient l'import"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"
