# environment.sh - the environment failing under the command line: a
# database read-only (file, then directory, as another user), truncated,
# overwritten with garbage, a file-size limit reached mid-write (disk
# full). Each gives a French message, exit 1, and loses nothing already
# confirmed.
set -e
. "$(dirname "$0")/../lib.sh"

suivi init --demo >/dev/null
suivi set 1.2 comments="Confirmé avant la panne" >/dev/null
suivi list --format tsv > "$T/ref.tsv"

# Another user, read-only file then read-only directory.
as_other() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir "$T/ro"
	cp "$DB" "$T/ro/t.db"
	chmod 755 "$T" "$T/ro"
	chmod 644 "$T/ro/t.db"
	expect_status 0 as_other "$SUIVI_BIN" --db "$T/ro/t.db" list --format tsv
	cmp -s "$T/out" "$T/ref.tsv" || fail "lecture seule : contenu différent"
	expect_status 1 as_other "$SUIVI_BIN" --db "$T/ro/t.db" set 1.2 comments=x
	contains "$T/err" "lecture seule"
	chmod 777 "$T/ro"
	expect_status 1 as_other "$SUIVI_BIN" --db "$T/ro/t.db" set 1.2 comments=x
	contains "$T/err" "lecture seule"
	chmod 700 "$T"
fi

# Truncated, and overwritten with random bytes.
size=$(stat -c %s "$DB")
head -c $((size / 3)) "$DB" > "$T/trunc.db"
expect_status 1 "$SUIVI_BIN" --db "$T/trunc.db" list
contains "$T/err" "endommagée"
head -c "$size" /dev/urandom > "$T/garbage.db"
expect_status 1 "$SUIVI_BIN" --db "$T/garbage.db" list
contains "$T/err" "pas une base suivi"

# Disk full: a file-size limit just above the current size; a large write
# fails cleanly and what was confirmed stays.
big=$(head -c 30000 /dev/zero | tr '\0' 'x')
blocks=$(( (size + 4096) / 1024 ))
set +e
(ulimit -f "$blocks"; for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	"$SUIVI_BIN" --db "$DB" set 2.$((k % 8 + 1)) description="$big $k" || exit 7
done) >/dev/null 2>"$T/full.err"
st=$?
set -e
[ "$st" = 7 ] || fail "la limite de taille n'a pas été atteinte ($st)"
grep -q "disque plein\|erreur d'écriture" "$T/full.err" || fail "message : $(cat "$T/full.err")"
expect_status 0 suivi check
contains "$T/out" "Intégrité de la base : ok"
expect_status 0 suivi show 1.2
contains "$T/out" "Confirmé avant la panne"
echo "environnement : ok"
