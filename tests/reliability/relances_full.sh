# relances_full.sh - the reminders on a folder that fills, for real (a
# small tmpfs): `suivi relances` stops with the cause in French ("le
# disque est plein"), exits 1, leaves no temporary file behind, and the
# files it did finish are whole (each .eml read back by Python's email
# module); the base is not touched. Needs root (mount).
set -e
. "$(dirname "$0")/../lib.sh"
[ "$(id -u)" = 0 ] || { echo "ignoré : il faut être root (mount)"; exit 0; }
suivi init --demo >/dev/null 2>&1 || fail "démo"
mkdir "$T/full"
mount -t tmpfs -o size=120k tmpfs "$T/full"
cleanup_hooks="umount '$T/full' 2>/dev/null || true; $cleanup_hooks"
sha256sum "$DB" >"$T/sum"
expect_status 1 suivi relances --echeance 15/01/2027 -o "$T/full"
contains "$T/err" "le disque est plein"
ls -a "$T/full" | grep -q "tmp" && fail "fichier temporaire laissé : $(ls -a "$T/full")"
n=$(ls "$T/full" | grep -c '\.eml$' || true)
[ "$n" -ge 1 ] || fail "aucun courriel écrit avant le disque plein"
for f in "$T"/full/*.eml; do
	/usr/bin/python3 -c "import email,email.policy,sys; \
m=email.message_from_binary_file(open(sys.argv[1],'rb'),policy=email.policy.default); \
a=list(m.iter_attachments()); assert len(a)==1 and a[0].get_content()[:2]==b'PK', sys.argv[1]" "$f" ||
	    fail "$f incomplet"
done
sha256sum -c "$T/sum" >/dev/null || fail "la base a changé"
echo ok
