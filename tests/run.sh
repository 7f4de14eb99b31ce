#!/bin/sh
# run.sh DIR - runs every DIR/*.sh test script, each in its own temporary
# directory, and prints a closing "N passed, M failed" line.
set -u
dir=$1
pass=0
failn=0
failed=""
for t in "$dir"/*.sh; do
	case $(basename "$t") in *lib.sh) continue ;; esac
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	out=$(mktemp)
	if LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Europe/Paris sh "$t" >"$out" 2>&1; then
		pass=$((pass + 1))
		echo "ok   $dir/$name"
	else
		failn=$((failn + 1))
		failed="$failed $name"
		echo "FAIL $dir/$name"
		sed 's/^/     | /' "$out" | tail -40
	fi
	rm -f "$out"
done
echo "$(basename "$dir"): $pass passed, $failn failed"
[ "$failn" = 0 ]
