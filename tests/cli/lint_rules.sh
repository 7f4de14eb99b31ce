#!/bin/sh
# lint_rules.sh - `make lint` guards the layering: on a copy of the tree,
# each rule's violation is injected in turn and `make lint` must fail
# naming it, then pass again once the file is restored; the real tree
# passes. The rules kept off until the moves of issue 14 land
# (SUIVI_LINT_AFTER_MOVES) are checked to catch today's known edges.
. "$(dirname "$0")/../lib.sh"
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
unset MAKEFLAGS MFLAGS MAKELEVEL
C=$T/tree
mkdir "$C"
(cd "$SRC" && tar cf - Makefile scripts src include tests bench) | (cd "$C" && tar xf -)
lint() { make -C "$C" --no-print-directory lint; }

expect_status 0 lint
contains "$T/out" "lint : ok"

# inject FILE LINE MESSAGE: appends LINE to FILE, expects the failure,
# restores FILE, expects a pass.
inject() {
	cp "$C/$1" "$T/saved"
	printf '%s\n' "$2" >>"$C/$1"
	expect_status 2 lint
	cat "$T/err" >>"$T/out"
	contains "$T/out" "$3"
	contains "$T/out" "$1"
	cp "$T/saved" "$C/$1"
	expect_status 0 lint
}
inject src/model/plan.c '#include <sqlite3.h>' "<sqlite3.h> inclus hors de src/store/"
inject src/import/map.c '#include <xlsxwriter.h>' "<xlsxwriter.h> inclus hors de src/export/"
inject src/cli/cli.c '#include <curses.h>' "<curses.h> inclus hors de src/tui/"
inject src/model/plan.c '#include "store.h"' "src/model n'inclut que model.h, util.h et err.h"
inject src/model/action.c '#include "../import/import_priv.h"' "src/model n'inclut que"
inject src/export/csv.c '#include "store.h"' "src/export n'inclut pas les en-têtes du stockage"
inject src/export/xlsx_priv.h '#include "store_rows.h"' "src/export n'inclut pas les en-têtes du stockage"
inject tests/unit/test_model.c '#include "../../src/store/store_priv.h"' "store_priv.h inclus hors de src/store"
inject src/tui/app.c '#include "../store/store_priv.h"' "store_priv.h inclus hors de src/store"
inject src/util/sys.c 'static void f(void) { system("ls"); }' "commande lancée par un shell"
inject src/store/db.c 'static void g(char *b) { snprintf(b, 9, "SELECT %s", b); }' "requête SQL construite"

# A file of src/ over 1,000 lines: 1,000 pass, 1,001 fail.
seq 1000 | sed 's|.*|/* & */|' >"$C/src/util/long.c"
expect_status 0 lint
echo '/* 1001 */' >>"$C/src/util/long.c"
expect_status 2 lint
cat "$T/err" >>"$T/out"
contains "$T/out" "fichier de src/ de plus de 1 000 lignes"
contains "$T/out" "src/util/long.c"
rm "$C/src/util/long.c"
expect_status 0 lint

# The pending rules work: today's tree breaks exactly the known edges.
SUIVI_LINT_AFTER_MOVES=1 expect_status 2 lint
cat "$T/err" >>"$T/out"
contains "$T/out" "src/import/apply.c:"
contains "$T/out" "src/cli/cli.c:"
echo ok
