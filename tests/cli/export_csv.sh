#!/bin/sh
# export_csv.sh - proves that `suivi export --format csv` gives the
# "Plan d'action" table French Excel opens (BOM, ';', CRLF, quoted fields,
# formula-like cells neutralised) with every text otherwise intact, and
# that --rfc4180 gives plain open data (',' and the text untouched).
. "$(dirname "$0")/../lib.sh"
set -e
export SUIVI_NOW="2026-03-15 10:00"
suivi init --demo >/dev/null
nl='
'
suivi set 1.2 "description==SOMME(A1)${nl}« suite » \"citée\"" "comments=-moins" >/dev/null
suivi list --format tsv >"$T/list.tsv"
expect_status 0 suivi export --format csv -o "$T/p.csv"
expect_status 0 suivi export --format csv --rfc4180 -o "$T/o.csv"
(cd "$T" && "$SUIVI_BIN" --db "$DB" export --format csv >/dev/null)
[ -f "$T/Suivi-VAE-Ville-de-Démo-2026.csv" ] || fail "nom par défaut : $(ls "$T")"
/usr/bin/python3 - "$T/p.csv" "$T/o.csv" "$T/list.tsv" <<'PY'
import csv, io, sys

def unescape(s):
    return (s.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\r", "\r").replace("\0", "\\"))

with open(sys.argv[3], encoding="utf-8", newline="") as f:
    lines = [l for l in f.read().split("\n") if l]
head = lines[0].split("\t")
acts = [dict(zip(head, map(unescape, l.split("\t")))) for l in lines[1:]]
cols = {"ref": 0, "designation": 3, "description": 5, "comments": 14,
        "perspectives": 15}
bad = []
for path, sep, neutral, bom in ((sys.argv[1], ";", True, True),
                                 (sys.argv[2], ",", False, False)):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf") != bom:
        bad.append("%s : BOM" % path)
    body = raw.decode("utf-8-sig")
    first = body.split("\r\n", 1)[0]
    if not first.startswith('"N°"%s"Engagement"%s' % (sep, sep)):
        bad.append("%s : en-tête %r" % (path, first[:40]))
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=sep))
    if len(rows) != len(acts) + 1 or len(rows[0]) != 21:
        bad.append("%s : %d lignes, %d colonnes" % (path, len(rows), len(rows[0])))
        continue
    for a, r in zip(acts, rows[1:]):
        for field, c in cols.items():
            want = a[field]
            if neutral and want[:1] in ("=", "+", "-", "@", "\t", "\r"):
                want = "'" + want
            if r[c] != want:
                bad.append("%s %s %s : %r au lieu de %r" %
                           (path, a["ref"], field, r[c][:40], want[:40]))
    # Every record ends with CRLF; fields are all quoted.
    if not raw.endswith(b'"\r\n'):
        bad.append("%s : fin de ligne" % path)
if bad:
    print("\n".join(bad[:20]), file=sys.stderr)
    sys.exit(1)
PY
echo ok
