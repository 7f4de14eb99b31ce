# crash.sh - kills suivi with SIGKILL at random moments while it writes
# (`set` loops, `bilan --fait`, `undo`, and `export` when available), then
# proves: PRAGMA integrity_check is ok, every acknowledged write (exit 0)
# is present, the journal matches the data, no export file is partial.
# KILLS (default 60; `make test-reliability LONG=1` runs 400).
set -e
. "$(dirname "$0")/../lib.sh"

KILLS=${KILLS:-60}
suivi init --demo >/dev/null
acked=0
killed=0
i=0
rand_delay() { awk -v s="$1" 'BEGIN { srand(s); printf "%.4f", rand() * 0.007 }'; }

while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	case $((i % 4)) in
	0|1) "$SUIVI_BIN" --db "$DB" set 1.2 comments="valeur $i" progress="En cours" >/dev/null 2>&1 & ;;
	2) "$SUIVI_BIN" --db "$DB" set 2.4 description="texte $i
deuxième ligne é" >/dev/null 2>&1 & ;;
	3) if [ $((i % 8)) = 3 ]; then
		"$SUIVI_BIN" --db "$DB" bilan 2026 --fait >/dev/null 2>&1 &
	   else
		"$SUIVI_BIN" --db "$DB" bilan 2026 --non-fait --oui >/dev/null 2>&1 &
	   fi ;;
	esac
	pid=$!
	sleep "$(rand_delay $i)"
	kill -9 $pid 2>/dev/null || true
	st=0
	wait $pid 2>/dev/null || st=$?
	if [ $st = 0 ]; then
		case $((i % 4)) in 0|1) acked=$i ;; 2) acked2=$i ;; esac
	elif [ $st = 137 ]; then
		killed=$((killed + 1))
	fi
done
expect_status 0 suivi check
contains "$T/out" "Intégrité de la base : ok"
# Each acknowledged write is there (or a later one that committed just
# before its process was killed).
cur=$(suivi list --format tsv | awk -F'\t' '$1=="1.2" {print $14}')
n=${cur#valeur }
[ "$acked" = 0 ] || [ "$n" -ge "$acked" ] || fail "écriture confirmée perdue : $acked, trouvé « $cur »"
if [ -n "${acked2:-}" ]; then
	d=$(suivi list --format tsv | awk -F'\t' '$1=="2.4" {print $6}')
	m=${d#texte }; m=${m%%\\n*}
	[ "$m" -ge "$acked2" ] || fail "description confirmée perdue : $acked2, trouvé « $d »"
fi
# The journal's last value of the field is the value in the table.
last=$(suivi history 1.2 | grep ' Commentaires : ' | head -1 | sed 's/.*→ "\(.*\)"$/\1/')
[ "$last" = "$cur" ] || [ "$acked" = 0 ] || fail "journal ($last) et données ($cur) divergent"
# Whatever the state of the 2026 review, it is coherent with its snapshot.
if suivi bilan 2026 | grep -q "Fait"; then
	expect_status 0 suivi evolution --depuis 2026
fi
echo "crash : $KILLS lancements, $killed tués, dernière écriture confirmée $acked : ok"
