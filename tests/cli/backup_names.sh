#!/bin/sh
# backup_names.sh - backups never overwrite one another. Two imports in the
# same second (SUIVI_NOW fixed) keep two backups, each the base as it was
# before its own import; two imports started at once keep two backups;
# `suivi backup` without a name twice in a second gives two files. The
# names are "<nom>-avant-import-AAAA-MM-JJ-HHhMMmSS[-N].db" and
# "<nom>-sauvegarde-…", beside the base, mode 0600, with the base's
# extension.
. "$(dirname "$0")/../lib.sh"
set -e
export SUIVI_NOW="2026-12-04 17:05:30"

suivi init --collectivite "Ville de Test" >/dev/null
printf 'N°;Engagement;Intitulé de l%saction\r\n1.1;1;Première action\r\n' "'" >"$T/a.csv"
printf 'N°;Engagement;Intitulé de l%saction\r\n1.2;1;Deuxième action\r\n' "'" >"$T/b.csv"

expect_status 0 suivi import "$T/a.csv"
contains "$T/out" "sauvegarde de la base : $T/t-avant-import-2026-12-04-17h05m30.db"
expect_status 0 suivi import "$T/b.csv"
contains "$T/out" "sauvegarde de la base : $T/t-avant-import-2026-12-04-17h05m30-2.db"
n() { "$SUIVI_BIN" --db "$1" list --format tsv | tail -n +2 | grep -c . || true; }
[ "$(n "$T/t-avant-import-2026-12-04-17h05m30.db")" = 0 ] ||
	fail "la première sauvegarde n'est pas la base d'avant le premier import"
[ "$(n "$T/t-avant-import-2026-12-04-17h05m30-2.db")" = 1 ] ||
	fail "la deuxième sauvegarde n'est pas la base d'avant le deuxième import"
[ "$(stat -c %a "$T/t-avant-import-2026-12-04-17h05m30-2.db")" = 600 ] ||
	fail "sauvegarde pas en 0600"

# Two processes at once, in the same second.
rm -f "$T"/t-avant-import-*.db
printf 'N°;Engagement;Intitulé de l%saction\r\n2.1;2;Troisième action\r\n' "'" >"$T/c.csv"
"$SUIVI_BIN" --db "$DB" import "$T/c.csv" </dev/null >"$T/o1" 2>"$T/e1" &
p1=$!
"$SUIVI_BIN" --db "$DB" import "$T/a.csv" </dev/null >"$T/o2" 2>"$T/e2" &
p2=$!
wait $p1 || fail "premier import simultané : $(cat "$T/e1")"
wait $p2 || fail "second import simultané : $(cat "$T/e2")"
[ "$(ls "$T"/t-avant-import-2026-12-04-17h05m30*.db | wc -l)" = 2 ] ||
	fail "deux sauvegardes attendues : $(ls "$T")"
for f in "$T"/t-avant-import-*.db; do
	"$SUIVI_BIN" --db "$f" check >/dev/null || fail "$f n'est pas une base saine"
done

# The plain backup, twice in the same second.
expect_status 0 suivi backup
contains "$T/out" "$T/t-sauvegarde-2026-12-04-17h05m30.db"
expect_status 0 suivi backup
contains "$T/out" "$T/t-sauvegarde-2026-12-04-17h05m30-2.db"
cmp -s "$T/t-sauvegarde-2026-12-04-17h05m30.db" "$T/t-sauvegarde-2026-12-04-17h05m30-2.db" ||
	"$SUIVI_BIN" --db "$T/t-sauvegarde-2026-12-04-17h05m30.db" check >/dev/null ||
	fail "première sauvegarde abîmée"

# A base without extension: the backup gets ".db".
"$SUIVI_BIN" --db "$T/base" init --collectivite "Ville Sans Extension" >/dev/null
expect_status 0 "$SUIVI_BIN" --db "$T/base" backup
contains "$T/out" "$T/base-sauvegarde-2026-12-04-17h05m30.db"
echo "noms de sauvegarde : ok"
