# bad_input.sh - every refusal of SPEC section 8 for the foundation: a
# French message on stderr naming what is wrong, exit 1 (2 for usage), and
# the database unchanged (list, history and reviews compared before/after).
set -e
. "$(dirname "$0")/../lib.sh"

suivi init --demo >/dev/null
state > "$T/before"

refuse() {	# status cmd... : refused and nothing changed
	expect_status "$@"
	[ -s "$T/err" ] || fail "aucun message pour : $*"
	state > "$T/after"
	cmp -s "$T/before" "$T/after" || fail "base modifiée par : $*"
}

refuse 2 suivi frobnicate
contains "$T/err" "commande inconnue « frobnicate »"
refuse 2 suivi set 1.2
refuse 2 suivi set 1.2 couleur=bleu
contains "$T/err" "champ « couleur » inconnu"
refuse 1 suivi set 1.2 progress=Terminus
contains "$T/err" "« Terminus » n'est pas un avancement connu"
refuse 1 suivi set 9.9 progress=Réalisée
contains "$T/err" "action « 9.9 » introuvable"
refuse 1 suivi set 1.2 engagement=8
contains "$T/err" "engagement 8 inconnu"
refuse 1 suivi set 1.2 schedule=2015-2018
contains "$T/err" "hors du mandat"
refuse 1 suivi set 1.2 "description=$(printf 'abc\377')"
contains "$T/err" "UTF-8"
refuse 1 suivi set 1.1 designation="Nouveau nom"
contains "$T/err" "action prioritaire"
refuse 1 suivi set 1.2 cancelled=1
contains "$T/err" "motif"
refuse 1 suivi set 1.2 result=Atteint
contains "$T/err" "calculé"
refuse 1 suivi set 1.2 added=peut-être
contains "$T/err" "oui/non"
refuse 2 suivi add --engagement 1
refuse 1 suivi add --engagement 1 --intitule "Sans motif après le plan initial"
refuse 1 suivi bilan 2031 --fait
contains "$T/err" "hors du mandat"
refuse 1 suivi bilan 2025 --fait
contains "$T/err" "déjà fait"
refuse 1 suivi collectivite type=Royaume
refuse 2 suivi list --format xml
refuse 1 suivi plan-initial --figer
contains "$T/err" "déjà figé"
refuse 1 suivi init --collectivite "Autre"
contains "$T/err" "existe déjà"
refuse 1 suivi indicateur 1.2 --ajouter "X" valeur_2019=3
big=$(head -c 40000 /dev/zero | tr '\0' 'a')
refuse 1 suivi set 1.2 "comments=$big"
contains "$T/err" "trop long"

# Not a suivi database; missing database; read-only database.
printf 'pas une base' > "$T/faux.db"
expect_status 1 "$SUIVI_BIN" --db "$T/faux.db" list
contains "$T/err" "n'est pas une base suivi"
expect_status 1 "$SUIVI_BIN" --db "$T/absent.db" list
contains "$T/err" "n'existe pas"
[ ! -e "$T/absent.db" ] || fail "list a créé une base"
sqlite3 "$T/autre.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_status 1 "$SUIVI_BIN" --db "$T/autre.db" list
contains "$T/err" "pas une base suivi"

cp "$DB" "$T/ro.db"
chmod 400 "$T/ro.db"
if [ "$(id -u)" != 0 ]; then
	expect_status 1 "$SUIVI_BIN" --db "$T/ro.db" set 1.2 progress=Réalisée
	contains "$T/err" "lecture seule"
fi
# A locked database: a long writer holds it; we give up with a message.
/usr/bin/python3 - "$DB" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], timeout=1, isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(8)
c.execute("ROLLBACK")
PY
i=0; while [ ! -e "$DB.locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
# A busy base exits 75 (SPEC §4: try again), not 1.
expect_status 75 suivi set 1.2 progress=Réalisée
contains "$T/err" "occupée par un autre utilisateur"
wait
state > "$T/after"
cmp -s "$T/before" "$T/after" || fail "base modifiée malgré le verrou"
echo "refus : ok"
