#!/bin/sh
# Proves: `suivi services` gives one line per department, however its
# name is spelt (case, accents, spaces) and when an action has several
# pilots; its counts (actions, updated since the last done review, still
# "à mettre à jour"), its last change in French with who made it; the
# contact set with --contact is kept in the base, a bad address or an
# unknown department is refused with nothing changed. The base is at
# schema 8 although 006 and 007 are not in this tree.
set -eu
. "$(dirname "$0")/../lib.sh"
suivi init --demo >/dev/null 2>&1 || fail "démo"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
print(c.execute('pragma user_version').fetchone()[0], \
c.execute(\"select count(*) from sqlite_schema where name in \
('service_contact','service_answer')\").fetchone()[0])" "$DB" >"$T/v"
[ "$(cat "$T/v")" = "8 2" ] || fail "schéma : $(cat "$T/v")"
# A base of yesterday (at the migration before 008): brought to 8 when
# opened, its plan kept.
prev=$(ls "$(dirname "$0")/../../src/store/schema" |
    sed -n 's/^0*\([0-9][0-9]*\)-.*/\1/p' | awk '$1 < 8' | sort -n | tail -n 1)
cp "$DB" "$T/old.db"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
c.executescript('drop table service_answer; drop table service_contact; \
pragma user_version = $prev;')" "$T/old.db"
"$SUIVI_BIN" --db "$T/old.db" services >"$T/old" || fail "base de schéma $prev"
contains "$T/old" "Service Petite enfance"
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
print(c.execute('pragma user_version').fetchone()[0])" "$T/old.db" >"$T/v"
[ "$(cat "$T/v")" = 8 ] || fail "schéma après mise à jour : $(cat "$T/v")"

# Two spellings of one department, and an action with two pilots.
SUIVI_NOW="2026-12-04 09:30" suivi set 1.3 \
    "pilots= service petite  enfance ; CCAS" >/dev/null
expect_status 0 suivi services --annee 2026
grep -c "etite enfance" "$T/out" >"$T/n"
[ "$(cat "$T/n")" = 1 ] || fail "une seule ligne Petite enfance : $(cat "$T/out")"
line=$(grep "Service Petite enfance" "$T/out")
# 3 actions, 1 updated since the 2025 review (1.3, by testeur), 2 to update
echo "$line" | grep -Eq "^Service Petite enfance +3 +1 +2 +04/12/2026 \(testeur\)" ||
    fail "ligne Petite enfance : $line"
# CCAS gains 1.3: 7 actions, 1 updated
grep -Eq "^CCAS +7 +1 +6 +04/12/2026 \(testeur\)" "$T/out" ||
    fail "ligne CCAS : $(grep CCAS "$T/out")"
contains "$T/out" "depuis le bilan 2025 (fait le 30/01/2026)"
# " et " inside a name stays one department
contains "$T/out" "Service Prévention et Tranquillité publique"
! grep -q "^Tranquillité publique" "$T/out" || fail "« et » a coupé un nom"

# Contact: saved, found by any spelling.
expect_status 0 suivi services --contact "service PETITE enfance" \
    --nom "Aïcha Benali" --courriel aicha.benali@ville-demo.fr
contains "$T/out" "Contact du service « Service Petite enfance » enregistré."
expect_status 0 suivi services
grep "Service Petite enfance" "$T/out" | grep -qF "Aïcha Benali <aicha.benali@ville-demo.fr>" ||
    fail "contact absent : $(cat "$T/out")"
# Only the address changes when only --courriel is given.
expect_status 0 suivi services --contact "Service Petite enfance" \
    --courriel petite.enfance@ville-demo.fr
expect_status 0 suivi services
grep "Service Petite enfance" "$T/out" | grep -qF "Aïcha Benali <petite.enfance@ville-demo.fr>" ||
    fail "contact : $(cat "$T/out")"

# Refusals change nothing.
suivi services >"$T/before"
expect_status 1 suivi services --contact CCAS --courriel "ccas ville-demo.fr"
contains "$T/err" "« ccas ville-demo.fr » n'est pas une adresse électronique"
expect_status 1 suivi services --contact "Service Inconnu" --nom X
contains "$T/err" "service « Service Inconnu » inconnu"
expect_status 1 suivi services --contact CCAS --nom "$(printf 'A\nB')"
contains "$T/err" "caractère de contrôle"
expect_status 2 suivi services --nom X
expect_status 2 suivi services --contact CCAS
expect_status 2 suivi services --annee
suivi services >"$T/after"
cmp -s "$T/before" "$T/after" || fail "un refus a changé les services"
echo "ok"
