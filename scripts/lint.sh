#!/bin/sh
# lint.sh - checks the layout rules of STYLE.md and the security rules:
# each library header is included by its own module only, the modules
# depend on each other in one direction only (tui, cli -> ops -> store,
# export, import -> model -> util), and no SQL text is ever assembled from data
# (no formatted SQL, no sqlite3_mprintf). Fails on any violation.
set -u
cd "$(dirname "$0")/.."
fail=0


report() {	# message, offending lines
	echo "lint : $1 :"
	echo "$2" | sed 's/^/  /'
	fail=1
}

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
only_in ncursesw/curses.h src/tui/
only_in term.h src/tui/

# includes DIR REGEX: the #include "..." lines of DIR's files whose
# header matches REGEX (directory part ignored).
includes() {
	grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]*/)?$2\"" "$1" \
	    --include='*.c' --include='*.h' || true
}

# The model includes only the model, util and err headers.
bad=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' src/model \
    --include='*.c' --include='*.h' |
    grep -vE '#[[:space:]]*include[[:space:]]*"(model|util|err)\.h"' || true)
[ -z "$bad" ] || report "src/model n'inclut que model.h, util.h et err.h" "$bad"

# The export never includes the store.
bad=$(includes src/export 'store[a-z_]*\.h')
[ -z "$bad" ] || report "src/export n'inclut pas les en-têtes du stockage" "$bad"

# store_priv.h stays inside src/store, and the store's own unit tests
# (tests/unit/test_store*.c), which reach the handle to make faults happen.
bad=$(grep -rnE '#[[:space:]]*include[[:space:]]*"([^"]*/)?store_priv\.h"' \
    src include tests bench --include='*.c' --include='*.h' |
    grep -v -e '^src/store/' -e '^tests/unit/test_store[a-z_]*\.c:' || true)
[ -z "$bad" ] || report "store_priv.h inclus hors de src/store" "$bad"

# The import never includes the store (applying an import is a use case,
# src/ops/apply.c).
bad=$(includes src/import 'store[a-z_]*\.h')
[ -z "$bad" ] || report "src/import n'inclut pas les en-têtes du stockage" "$bad"
# The command line never includes the interface (main.c starts it).
bad=$(includes src/cli 'tui[a-z_]*\.h')
[ -z "$bad" ] || report "src/cli n'inclut pas les en-têtes de l'interface" "$bad"

# The use cases (src/ops) sit above store, import, export, model and util
# and below the front ends: ops includes none of cli or tui, and nothing
# below it includes ops.h.
bad=$(includes src/ops '(cli|tui)[a-z_]*\.h')
[ -z "$bad" ] || report "src/ops n'inclut pas les en-têtes de cli ou de l'interface" "$bad"
bad=$(for d in src/store src/import src/export src/model src/util; do
	includes "$d" 'ops\.h'; done
	includes include 'ops\.h' | grep -vE '^include/(cli|tui)\.h:' || true)
[ -z "$bad" ] || report "ops.h inclus sous src/ops (stockage, import, export, modèle, util)" "$bad"

# No file of src/ over 1,000 lines.
bad=$(find src -name '*.[ch]' -exec wc -l {} + | grep -v ' total$' |
    awk '$1 > 1000' || true)
[ -z "$bad" ] || report "fichier de src/ de plus de 1 000 lignes" "$bad"

# SQL built with printf-like functions or sqlite3_mprintf.
bad=$(grep -rnE '(s?n?printf|sb_printf)\([^;]*"[^"]*(SELECT|INSERT|UPDATE|DELETE|PRAGMA [a-z_]+ *= *%)[^"]*%' src || true)
bad2=$(grep -rn 'sqlite3_mprintf\|sqlite3_vmprintf\|sqlite3_snprintf' src || true)
if [ -n "$bad$bad2" ]; then
	echo "lint : requête SQL construite à partir de données :"
	echo "$bad$bad2"
	fail=1
fi

# The locale is set in one place, which keeps LC_NUMERIC at "C": a
# setlocale elsewhere would bring the decimal comma back into files.
bad=$(grep -rn 'setlocale *(' src | grep -v '^src/util/frfmt\.c:' || true)
if [ -n "$bad" ]; then
	echo "lint : setlocale hors de src/util/frfmt.c (locale_setup) :"
	echo "$bad"
	fail=1
fi

# Every row of the store is read through sp_row() (or a statement without
# rows run by sp_exec1()), both in db.c: a bare sqlite3_step() elsewhere
# is how a read error became a silently truncated list. store_net.c, the
# network share's best-effort glue (a change poll that must never wait or
# report, a takeover note), checks its own steps and is left out.
bad=$(awk '
	/^[a-z][a-z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(/ {
		fn = $0; sub(/\(.*/, "", fn); sub(/.*[ *]/, "", fn)
	}
	/sqlite3_step\(/ && !(FILENAME ~ /\/db\.c$/ &&
	    (fn == "sp_row" || fn == "sp_exec1")) {
		print FILENAME ":" FNR ": " $0
	}' $(ls src/store/*.c src/store/*.h | grep -v '/store_net\.c$'))
if [ -n "$bad" ]; then
	echo "lint : sqlite3_step hors de sp_row/sp_exec1 (db.c) ; lisez les" \
	    "lignes avec sp_row() :"
	echo "$bad"
	fail=1
fi

# The journal's words (entities and fields, src/model/journal.c) are
# compared only in the model: elsewhere one uses journal_entity_parse,
# journal_field_parse and journal_parse_year_field. Flagged outside
# src/model: a comparison with a "*...*" field or a "valeur %d" /
# "commentaire %d" format anywhere; with any journal word in src/store;
# with a journal word against an entity or field elsewhere (cli, tui...
# also compare command names and file headers that are the same words).
words=$(sed -n -e 's/^[[:space:]]*{ JE_[A-Z_]*, "\([^"]*\)".*/\1/p' \
    -e 's/^[[:space:]]*\[JF_[A-Z_]*\] = "\([^"]*\)".*/\1/p' \
    src/model/journal.c | sed 's/[*]/[*]/g' | paste -sd '|' -)
cmp_re='(strn?cmp|str_eq|sscanf)[[:space:]]*\('
if [ -z "$words" ]; then
	echo "lint : vocabulaire du journal introuvable dans src/model/journal.c"
	fail=1
else
	bad=$( (grep -rnE "$cmp_re[^;]*\"([*][a-z]+[*]|(valeur|commentaire) %d)\"" \
	    src --include='*.c' || true
	    grep -rnE "$cmp_re[^;]*\"($words)\"" src/store --include='*.c' || true
	    grep -rnE "$cmp_re[^;]*\\b(entity|field)\\b[^;]*\"($words)\"" src \
	    --include='*.c' || true) | grep -v '^src/model/' | sort -u)
	if [ -n "$bad" ]; then
		echo "lint : mot du journal comparé hors de src/model (utilisez" \
		    "journal_entity_parse / journal_field_parse) :"
		echo "$bad"
		fail=1
	fi
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
