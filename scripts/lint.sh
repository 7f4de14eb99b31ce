#!/bin/sh
# lint.sh - checks the layout rules of STYLE.md and the security rules:
# each library header is included by its own module only, and no SQL text
# is ever assembled from data (no formatted SQL, no sqlite3_mprintf).
set -u
cd "$(dirname "$0")/.."
fail=0

only_in() {	# header, allowed directory
	bad=$(grep -rln "#include <$1>" src include | grep -v "^$2" || true)
	if [ -n "$bad" ]; then
		echo "lint : <$1> inclus hors de $2 : $bad"
		fail=1
	fi
}
only_in sqlite3.h src/store/
only_in xlsxwriter.h src/export/
only_in curses.h src/tui/
only_in ncurses.h src/tui/

# SQL built with printf-like functions or sqlite3_mprintf.
bad=$(grep -rnE '(s?n?printf|sb_printf)\([^;]*"[^"]*(SELECT|INSERT|UPDATE|DELETE|PRAGMA [a-z_]+ *= *%)[^"]*%' src || true)
bad2=$(grep -rn 'sqlite3_mprintf\|sqlite3_vmprintf\|sqlite3_snprintf' src || true)
if [ -n "$bad$bad2" ]; then
	echo "lint : requête SQL construite à partir de données :"
	echo "$bad$bad2"
	fail=1
fi
# Every sqlite3_exec must take a literal or a compiled-in migration.


# The locale is set in one place, which keeps LC_NUMERIC at "C": a
# setlocale elsewhere would bring the decimal comma back into files.
bad=$(grep -rn 'setlocale *(' src | grep -v '^src/util/frfmt\.c:' || true)
if [ -n "$bad" ]; then
	echo "lint : setlocale hors de src/util/frfmt.c (locale_setup) :"
	echo "$bad"
	fail=1
fi

# No command line goes through a shell: fork + execvp only.
bad=$(grep -rnE '\b(system|popen)\(' src || true)
if [ -n "$bad" ]; then
	echo "lint : commande lancée par un shell :"
	echo "$bad"
	fail=1
fi
if [ "$fail" = 0 ]; then
	echo "lint : ok"
fi
exit $fail
