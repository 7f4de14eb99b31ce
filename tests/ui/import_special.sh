#!/bin/sh
# Proves: the interface's import refuses at once a FIFO (which used to
# freeze the interface until Ctrl-C), a device and a directory, with a
# French message naming the file; the interface stays usable and nothing
# is imported or backed up. Its trial run leaves the base file unchanged.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
F=$(cd "$(dirname "$0")/../data/import" && pwd)/utf8-bom-virgule.csv
suivi init --collectivite "Ville de Test" >/dev/null
mkfifo "$T/tube.csv"
mkdir "$T/rep.csv"
ui_start 80 24
ui_wait_for "Toutes les actions (0)"
for spec in "$T/tube.csv:FIFO" "/dev/zero:périphérique" "$T/rep.csv:dossier"; do
	f=${spec%%:*}
	ui_keys i
	ui_wait_for "Importer un tableau (XLSX ou CSV) : chemin du fichier"
	ui_type "$f"
	ui_keys Enter
	ui_wait_for "Import impossible"
	ui_wait_for "${spec##*:}"
	ui_keys Enter
	ui_wait_for "Import de $(basename "$f") impossible : rien n'a été importé."
done
# The trial run, then no: the file of the base is unchanged.
sha256sum <"$DB" >"$T/before"
ui_keys i
ui_wait_for "chemin du fichier"
ui_type "$F"
ui_keys Enter
ui_wait_for "Importer ces changements ? Une copie de sauvegarde"
ui_keys n
ui_wait_for "Import abandonné : rien n'a été importé."
ui_keys q
ui_wait_exit
sha256sum <"$DB" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "l'essai a modifié le fichier de la base"
ls "$T"/t-avant-import-*.db >/dev/null 2>&1 && fail "sauvegarde faite sans import"
[ "$(suivi list --format tsv | tail -n +2 | grep -c .)" = 0 ] || fail "des actions ont été importées"
echo "import de fichiers spéciaux (interface) : ok"
