# import_full.sh - an import that runs out of room, for real: a file-size
# limit (ulimit -f) reached in the middle of a 6,000-row CSV and XLSX
# import, a small tmpfs that fills (the base on it; then too little room
# even for the backup), a dry run on that full disk, under the file-size
# limit, and on a base chmod 0444 read by another user. Each import must
# stop at once with the cause in French ("le disque est plein"), exit 1,
# and leave the base byte for byte as it was (sha256 of the file), its
# integrity and search index sound (suivi check, FTS5 integrity-check),
# and usable (set, undo); a dry run must succeed and write nothing.
set -e
. "$(dirname "$0")/../lib.sh"
export SUIVI_NOW="2026-03-01 10:00"

# The base: 10 actions, which the big file updates (same N°), plus 5,990
# new ones.
/usr/bin/python3 - "$T" <<'PY'
import random, sys
random.seed(13)
words = ("accueil enfants école crèche parentalité harcèlement numérique "
         "vacances adolescents animateurs quartier santé cantine").split()
def text(k):
    out = []
    while sum(len(w) + 1 for w in out) < k:
        out.append(random.choice(words))
    return " ".join(out)
head = ["N°", "Engagement", "Intitulé de l'action",
        "Descriptif / analyse de l'action", "Service(s) pilote(s)",
        "Avancement", "Commentaires"]
def write(name, n, tag):
    count = {}
    with open(sys.argv[1] + "/" + name, "w", encoding="utf-8") as f:
        f.write(";".join(head) + "\r\n")
        for i in range(n):
            eng = 1 + i % 5
            count[eng] = count.get(eng, 0) + 1
            row = ["%d.%d" % (eng, count[eng]), str(eng),
                   "Action %d %s" % (i, tag), text(random.randint(80, 400)),
                   "CCAS", "En cours", text(100)]
            f.write(";".join('"%s"' % c for c in row) + "\r\n")
write("seed.csv", 10, "d'origine")
write("big.csv", 6000, "importée")
PY
suivi init --collectivite "Ville de Pleine-Charge" >/dev/null
suivi import --plan-initial "$T/seed.csv" >/dev/null </dev/null
rm -f "$T"/t-avant-import-*.db
# The XLSX: our own export of a base holding the 6,000 rows.
"$SUIVI_BIN" --db "$T/x.db" init --collectivite "Ville X" >/dev/null
"$SUIVI_BIN" --db "$T/x.db" import --plan-initial "$T/big.csv" >/dev/null </dev/null
"$SUIVI_BIN" --db "$T/x.db" export -o "$T/big.xlsx" >/dev/null
rm -f "$T"/x*

# sound DB: the file unchanged since $T/before.sha, closed cleanly (no
# journal left), integrity and search index ok, and still usable.
sound() {	# db label
	sha256sum <"$1" >"$T/after.sha"
	cmp -s "$T/before.sha" "$T/after.sha" || fail "$2 : le fichier de la base a changé"
	[ ! -s "$1-wal" ] || fail "$2 : journal WAL non vide laissé"
	expect_status 0 "$SUIVI_BIN" --db "$1" check
	contains "$T/out" "Intégrité de la base : ok"
	sqlite3 "$1" "PRAGMA integrity_check; INSERT INTO action_fts(action_fts) VALUES('integrity-check');" >"$T/sq" 2>&1 ||
		fail "$2 : intégrité SQLite : $(cat "$T/sq")"
	[ "$(cat "$T/sq")" = ok ] || fail "$2 : intégrité SQLite : $(cat "$T/sq")"
	[ "$("$SUIVI_BIN" --db "$1" list --format tsv | tail -n +2 | wc -l)" = 10 ] ||
		fail "$2 : des actions de l'import sont restées"
	[ "$("$SUIVI_BIN" --db "$1" list --recherche importée --format tsv | tail -n +2 | wc -l)" = 0 ] ||
		fail "$2 : l'index de recherche contient l'import"
	[ "$("$SUIVI_BIN" --db "$1" list --recherche origine --format tsv | tail -n +2 | wc -l)" = 10 ] ||
		fail "$2 : l'index de recherche a perdu les actions"
}
usable() {	# db label
	expect_status 0 "$SUIVI_BIN" --db "$1" set 1.1 commentaires="Après la panne"
	expect_status 0 "$SUIVI_BIN" --db "$1" undo
	expect_status 0 "$SUIVI_BIN" --db "$1" show 1.1
	lacks "$T/out" "Après la panne"
	sha256sum <"$1" >"$T/before.sha"
}
# stopped LABEL: the import's messages say why and that nothing was done.
stopped() {
	contains "$T/err" "le disque est plein"
	contains "$T/err" "rien n'a été importé"
	[ "$(grep -c . "$T/err")" -le 3 ] ||
		fail "$1 : l'import a continué ligne par ligne : $(head -5 "$T/err")"
}

sha256sum <"$DB" >"$T/before.sha"
# 1. A file-size limit (dash: 512-byte blocks: 1.5 MB; bash: 3 MB) reached
# by the journal of the import, for a CSV then an XLSX.
for f in big.csv big.xlsx; do
	set +e
	(ulimit -f 3000; exec "$SUIVI_BIN" --db "$DB" import "$T/$f") \
	    </dev/null >"$T/out" 2>"$T/err"
	st=$?
	set -e
	[ "$st" = 1 ] || fail "$f sous ulimit -f : statut $st ($(cat "$T/err"))"
	stopped "$f sous ulimit -f"
	sound "$DB" "$f sous ulimit -f"
	usable "$DB" "$f sous ulimit -f"
done
[ "$(ls "$T"/t-avant-import-*.db | wc -l)" = 2 ] || fail "une sauvegarde par import attendue"
rm -f "$T"/t-avant-import-*.db

# 2. A dry run under the same limit: it only reads the base, so it works
# (its report goes through a pipe, which the limit does not touch).
set +e
(ulimit -f 3000; exec "$SUIVI_BIN" --db "$DB" import --dry-run "$T/big.csv") \
    </dev/null 2>"$T/err" | tail -1 >"$T/out"
set -e
contains "$T/out" "Essai : 5990 créées, 10 modifiées"
sound "$DB" "essai sous ulimit -f"
! ls "$T"/t-avant-import-*.db >/dev/null 2>&1 || fail "sauvegarde faite par un essai"

# 3. A dry run on a base chmod 0444, by another user (root may write it).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir "$T/ro"
	cp "$DB" "$T/ro/t.db"
	cp "$T/big.csv" "$T/ro/"
	chmod 0444 "$T/ro/t.db"
	chmod 755 "$T" "$T/ro"
	sha256sum <"$T/ro/t.db" >"$T/before.sha"
	set +e
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SUIVI_BIN" \
	    --db "$T/ro/t.db" import --dry-run "$T/ro/big.csv" </dev/null \
	    2>"$T/err" | tail -1 >"$T/out"
	set -e
	contains "$T/out" "Essai : 5990 créées, 10 modifiées"
	sha256sum <"$T/ro/t.db" >"$T/after.sha"
	cmp -s "$T/before.sha" "$T/after.sha" || fail "essai sur base 0444 : fichier modifié"
	chmod 700 "$T"
	sha256sum <"$DB" >"$T/before.sha"
else
	echo "(essai sur base en lecture seule : ignoré, il faut être root)"
fi

# 4. A small tmpfs that fills: the base on it.
if [ "$(id -u)" != 0 ]; then
	echo "(tmpfs : ignoré, il faut être root)"
	echo "import disque plein : ok"
	exit 0
fi
M=$T/mnt
mkdir "$M"
mount -t tmpfs -o size=1m tmpfs "$M"
cleanup_hooks="umount '$M' 2>/dev/null || umount -l '$M' 2>/dev/null; $cleanup_hooks"
cp "$DB" "$M/t.db"
sha256sum <"$M/t.db" >"$T/before.sha"
expect_status 1 "$SUIVI_BIN" --db "$M/t.db" import "$T/big.csv" </dev/null
stopped "tmpfs plein"
sound "$M/t.db" "tmpfs plein"
usable "$M/t.db" "tmpfs plein"
rm -f "$M"/t-avant-import-*.db

# Only 100 kB left: the backup (200 kB) cannot be made, the import does not
# start and leaves no partial file.
avail=$(df -B4096 --output=avail "$M" | tail -1)
dd if=/dev/zero of="$M/remplissage" bs=4096 count=$((avail - 25)) 2>/dev/null
expect_status 1 "$SUIVI_BIN" --db "$M/t.db" import "$T/big.csv" </dev/null
contains "$T/err" "sauvegarde avant import impossible, import annulé"
[ "$(ls "$M" | grep -v '^remplissage$' | grep -v '^t\.db')" = "" ] ||
	fail "fichier laissé sur le disque plein : $(ls "$M")"
sound "$M/t.db" "sauvegarde impossible"

# A dry run on that full disk works and changes nothing.
set +e
"$SUIVI_BIN" --db "$M/t.db" import --dry-run "$T/big.csv" </dev/null \
    2>"$T/err" | tail -1 >"$T/out"
set -e
contains "$T/out" "Essai : 5990 créées, 10 modifiées"
sound "$M/t.db" "essai sur disque plein"
echo "import disque plein : ok"
