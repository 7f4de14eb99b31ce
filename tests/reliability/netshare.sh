# netshare.sh - one base in a shared folder seen by two "PCs": two sshfs
# mounts (FUSE) of one folder, through a loopback sshd that the test
# starts and stops (sshlib.sh). On each mount WRITERS processes run NSET
# `suivi set` each, on their own action, while a reader on each side
# lists the plan in a loop. Proves: every confirmed write (exit 0) is in
# the base and in the journal, PRAGMA integrity_check is ok, no process
# crashes (bus error) or reads "malformed", every refusal exits 75 and
# names the holder of the base, and the base never switches to WAL on a
# network file system. Prints the figures per side.
# WRITERS per side (default 3), NSET writes each (default 12).
set -e
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/sshlib.sh"

WRITERS=${WRITERS:-3}
NSET=${NSET:-12}
ssh_start
mkdir -p "$T/share"
ssh_mount "$T/share" "$T/pc1"
ssh_mount "$T/share" "$T/pc2"

"$SUIVI_BIN" --db "$T/pc1/suivi.db" init --demo >/dev/null
# Checked at the end, so that a WAL base shows what it does to writers.
mode=$(sqlite3 "$T/share/suivi.db" "PRAGMA journal_mode")

refs=$("$SUIVI_BIN" --db "$T/share/suivi.db" list --format tsv | cut -f1 | sed 1d)
ref_of() { echo "$refs" | sed -n "$1p"; }	# n-th action

# writer SIDE W: NSET writes on action n° (SIDE-1)*WRITERS+W.
writer() {
	ref=$(ref_of $((($1 - 1) * WRITERS + $2)))
	k=0
	while [ $k -lt "$NSET" ]; do
		k=$((k + 1))
		set +e
		SUIVI_USER=pc$1.w$2 SUIVI_MACHINE=pc$1 "$SUIVI_BIN" --db "$T/pc$1/suivi.db" set "$ref" \
		    "comments=pc$1 w$2 n$k" >/dev/null 2>"$T/e.$1.$2.$k"
		st=$?
		set -e
		echo "$st $ref pc$1 w$2 n$k" >> "$T/res.$1.$2"
	done
}
reader() {
	while [ ! -e "$T/stop" ]; do
		set +e
		SUIVI_USER=lecteur$1 SUIVI_MACHINE=pc$1 "$SUIVI_BIN" --db "$T/pc$1/suivi.db" list --format tsv \
		    >"$T/r.$1.out" 2>>"$T/r.$1.err"
		st=$?
		set -e
		echo "$st" >> "$T/reads.$1"
	done
}
start=$(date +%s%N)
reader 1 & rd1=$!
reader 2 & rd2=$!
pids=""
for side in 1 2; do
	w=0
	while [ $w -lt "$WRITERS" ]; do
		w=$((w + 1))
		writer $side $w & pids="$pids $!"
	done
done
# shellcheck disable=SC2086
wait $pids
touch "$T/stop"
wait $rd1 $rd2
elapsed=$((($(date +%s%N) - start) / 1000000))

cat "$T"/e.* > "$T/errors" 2>/dev/null || true
cat "$T"/r.*.err >> "$T/errors" 2>/dev/null || true
# Every problem is counted before the verdict, to show the whole damage.
problems=""
bad() { problems="$problems
  - $*"; }
n=$(grep -ci "malformed\|endommagée" "$T/errors" || true)
[ "$n" = 0 ] || bad "$n messages « base endommagée » (malformed) : $(grep -i -m1 "malformed\|endommagée" "$T/errors")"
n=$(grep -ci "erreur d'écriture\|disk I/O" "$T/errors" || true)
[ "$n" = 0 ] || bad "$n erreurs d'entrée-sortie : $(grep -i -m1 "erreur d'écriture\|disk I/O" "$T/errors")"
n=$(cat "$T"/res.* "$T"/reads.* | grep -c "^1[0-9][0-9]" || true)
[ "$n" = 0 ] || bad "$n processus tués par un signal (135 = SIGBUS) : $(cat "$T"/res.* "$T"/reads.* | grep "^1[0-9][0-9]" | cut -d' ' -f1 | sort | uniq -c | tr '\n' ' ')"

# The truth, read on the server's own disk.
L="$SUIVI_BIN --db $T/share/suivi.db"
$L check > "$T/check" 2>&1 || true
grep -qF "Intégrité de la base : ok" "$T/check" || bad "suivi check : $(head -c 300 "$T/check")"
ic=$(sqlite3 "$T/share/suivi.db" "PRAGMA integrity_check" 2>&1 | head -3 | tr '\n' ' ')
[ "$ic" = "ok " ] || bad "PRAGMA integrity_check : $ic"
$L list --format tsv > "$T/final" 2>&1 || true
$L history > "$T/hist" 2>&1 || true
report=""
nojournal=0 lost=0 other=0 noname=0
for side in 1 2; do
	tried=0 ok=0 busy=0
	w=0
	while [ $w -lt "$WRITERS" ]; do
		w=$((w + 1))
		last=""
		while read -r st ref who ww n; do
			tried=$((tried + 1))
			case $st in
			0)	ok=$((ok + 1)); last="$who $ww $n"
				grep -qF "→ \"$who $ww $n\"" "$T/hist" ||
				    nojournal=$((nojournal + 1)) ;;
			75)	busy=$((busy + 1))
				grep -q "la base est utilisée par \(pc[12]\.w[0-9]*\|lecteur[12]\) sur pc[12] (processus [0-9]*) depuis [0-9][0-9]:[0-9][0-9]" "$T/e.$side.$w.${n#n}" ||
				    noname=$((noname + 1)) ;;
			*)	other=$((other + 1)) ;;
			esac
		done < "$T/res.$side.$w"
		[ -z "$last" ] || awk -F'\t' -v r="$ref" -v v="$last" \
		    '$1 == r && $14 != v {exit 1}' "$T/final" || lost=$((lost + 1))
	done
	reads=$(wc -l < "$T/reads.$side")
	rok=$(grep -c '^0$' "$T/reads.$side" || true)
	report="$report pc$side : $tried écritures tentées, $ok confirmées, $busy refusées (75), lectures réussies $rok/$reads ;"
done
[ $nojournal = 0 ] || bad "$nojournal écritures confirmées absentes du journal"
[ $lost = 0 ] || bad "$lost actions sans leur dernière écriture confirmée"
[ $noname = 0 ] || bad "$noname refus (75) sans le nom du détenteur"
[ $other = 0 ] || bad "$other écritures en échec (ni 0 ni 75) : $(grep -v "^ *$" "$T/errors" | grep -vi "utilisée par" | head -2)"
[ "$mode" = delete ] || bad "mode du journal sur un partage réseau : $mode (attendu : delete)"
[ ! -e "$T/share/suivi.db.verrou" ] || bad "verrou resté : $(cat "$T/share/suivi.db.verrou")"
# A holder caught in its transaction: writes on pc1 until one is seen
# holding the lock, then stops it (SIGSTOP) or kills it (SIGKILL).
LOCK=$T/share/suivi.db.verrou
catch_holder() {	# signal -> $held (pid), $hpid (its shell job)
	tries=0
	while :; do
		tries=$((tries + 1))
		[ $tries -le 40 ] || fail "aucun détenteur du verrou attrapé"
		SUIVI_USER=pc1.lent SUIVI_MACHINE=pc1 "$SUIVI_BIN" --db "$T/pc1/suivi.db" \
		    set "$(ref_of 30)" "comments=pris $1 $tries" >/dev/null 2>"$T/held.err" &
		hpid=$!
		i=0
		while [ $i -lt 400 ] && kill -0 $hpid 2>/dev/null; do
			i=$((i + 1))
			held=$(sed -n 's/^processus=//p' "$LOCK" 2>/dev/null || true)
			if [ "$held" = "$hpid" ]; then
				kill -"$1" "$hpid"
				sleep 0.05
				held=$(sed -n 's/^processus=//p' "$LOCK" 2>/dev/null || true)
				[ "$held" = "$hpid" ] && return 0
				kill -CONT "$hpid" 2>/dev/null || true
				break
			fi
		done
		wait $hpid 2>/dev/null || true
	done
}
busy_write() {	# side user: must be refused (75) naming pc1.lent
	set +e
	SUIVI_USER=$2 SUIVI_MACHINE=pc$1 "$SUIVI_BIN" --db "$T/pc$1/suivi.db" set "$(ref_of 31)" "comments=$2" >/dev/null 2>"$T/busy.err"
	st=$?
	set -e
	[ $st = 75 ] || bad "$2 sur pc$1 : statut $st au lieu de 75 : $(cat "$T/busy.err")"
	grep -q "la base est utilisée par pc1.lent sur pc1 (processus $held) depuis [0-9][0-9]:[0-9][0-9] ; réessayez" "$T/busy.err" ||
	    bad "refus sans le détenteur : $(cat "$T/busy.err")"
}
catch_holder STOP
t0=$(date +%s%N)
busy_write 2 pc2.attente
SUIVI_MACHINE=pc2 "$SUIVI_BIN" --db "$T/pc2/suivi.db" list >/dev/null 2>"$T/busy.err" && st=0 || st=$?
[ $st = 75 ] || bad "lecture pendant le verrou : statut $st : $(cat "$T/busy.err")"
waited=$((($(date +%s%N) - t0) / 1000000))
kill -CONT "$hpid"
wait $hpid || bad "le détenteur arrêté puis relancé a échoué : $(cat "$T/held.err")"
$L history > "$T/hist"
grep -qF "→ \"pris STOP $tries\"" "$T/hist" || bad "écriture du détenteur relancé absente du journal"

# Killed in its transaction: the same machine sees its process gone and
# takes the lock over at once; another machine waits two minutes (here
# the file is made older) and takes it over then. Each is journaled.
catch_holder KILL
wait $hpid 2>/dev/null || true
[ -e "$LOCK" ] || fail "le verrou du processus tué a disparu"
SUIVI_USER=pc1.apres SUIVI_MACHINE=pc1 "$SUIVI_BIN" --db "$T/pc1/suivi.db" set "$(ref_of 32)" comments=repris1 \
    >/dev/null 2>"$T/take.err" || bad "reprise sur la même machine : $(cat "$T/take.err")"
catch_holder KILL
wait $hpid 2>/dev/null || true
busy_write 2 pc2.tot
touch -d '-3 minutes' "$LOCK"
SUIVI_USER=pc2.apres SUIVI_MACHINE=pc2 "$SUIVI_BIN" --db "$T/pc2/suivi.db" set "$(ref_of 33)" comments=repris2 \
    >/dev/null 2>"$T/take.err" || bad "reprise depuis une autre machine : $(cat "$T/take.err")"
$L history > "$T/hist"
takeovers=$(grep -c "suivi  *base  *verrou : \"pc1.lent sur pc1 (processus [0-9]*) depuis [0-9:]*\" → \"pc[12].apres sur pc[12]" "$T/hist" || true)
[ "$takeovers" = 2 ] || bad "$takeovers reprises de verrou au journal au lieu de 2 : $(grep verrou "$T/hist")"
grep -qF '→ "repris1"' "$T/hist" && grep -qF '→ "repris2"' "$T/hist" || bad "écriture après reprise absente"
! grep -q "pris KILL" "$T/final" || bad "écriture d'un processus tué présente"
$L check > "$T/check" 2>&1 || true
grep -qF "Intégrité de la base : ok" "$T/check" || bad "suivi check après les reprises : $(head -c 300 "$T/check")"
[ ! -e "$LOCK" ] || bad "verrou resté : $(cat "$LOCK")"
report="$report détenteur arrêté : refus (75) après $((waited / 1000)),$(printf %03d $((waited % 1000))) s pour une écriture et une lecture ; 2 reprises de verrou journalisées ;"
echo "partage réseau (2 montages sshfs, $WRITERS écrivains + 1 lecteur par côté) :$report écritures simultanées en $((elapsed / 1000)),$(printf %03d $((elapsed % 1000))) s"
[ -z "$problems" ] || { grep -h "utilisée\|occupée" "$T"/e.* | head -3 >&2; fail "$problems"; }
