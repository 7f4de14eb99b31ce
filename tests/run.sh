#!/bin/sh
# run.sh DIR - runs every DIR/*.sh test script, each in its own temporary
# directory, and prints a closing "N passed, M failed" line.
# Every script runs under the locale $SUIVI_TEST_LOCALE (default
# C.UTF-8; CI also runs fr_FR.UTF-8), which must exist on the machine.
set -u
SUIVI_TEST_LOCALE=${SUIVI_TEST_LOCALE:-C.UTF-8}
export SUIVI_TEST_LOCALE
# locale(1) complains on stderr about a locale that is not generated.
if [ -n "$(LC_ALL=$SUIVI_TEST_LOCALE locale 2>&1 >/dev/null)" ] ||
    [ "$(LC_ALL=$SUIVI_TEST_LOCALE locale charmap 2>/dev/null)" != UTF-8 ]; then
	echo "FAIL la locale de test $SUIVI_TEST_LOCALE n'existe pas ici (locale -a ;"
	echo "     localedef -i fr_FR -f UTF-8 fr_FR.UTF-8 pour fr_FR.UTF-8)"
	exit 1
fi
dir=$1
pass=0
failn=0
failed=""
for t in "$dir"/*.sh; do
	case $(basename "$t") in *lib.sh) continue ;; esac
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	out=$(mktemp)
	if LANG=$SUIVI_TEST_LOCALE LC_ALL=$SUIVI_TEST_LOCALE TZ=Europe/Paris sh "$t" >"$out" 2>&1; then
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
echo "$(basename "$dir") ($SUIVI_TEST_LOCALE): $pass passed, $failn failed"
[ "$failn" = 0 ]
