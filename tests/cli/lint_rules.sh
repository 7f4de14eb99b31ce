#!/bin/sh
# lint_rules.sh - `make lint` guards the layering: on a copy of the tree,
# each rule's violation is injected in turn and `make lint` must fail
# naming it, then pass again once the file is restored; the real tree
# passes.
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

inject src/import/map.c '#include "store.h"' "src/import n'inclut pas les en-têtes du stockage"
inject src/import/import_priv.h '#include "store_plan.h"' "src/import n'inclut pas les en-têtes du stockage"
inject src/cli/cmd_export.c '#include "tui.h"' "src/cli n'inclut pas les en-têtes de l'interface"
inject src/cli/cli_priv.h '#include "../tui/tui_priv.h"' "src/cli n'inclut pas les en-têtes de l'interface"
inject src/ops/export.c '#include "../tui/tui_priv.h"' "src/ops n'inclut pas les en-têtes de cli ou de l'interface"
inject src/ops/import.c '#include "../cli/cli_priv.h"' "src/ops n'inclut pas les en-têtes de cli ou de l'interface"
inject src/store/db.c '#include "ops.h"' "ops.h inclus sous src/ops"
inject src/import/map.c '#include "ops.h"' "ops.h inclus sous src/ops"
inject src/export/csv.c '#include "ops.h"' "ops.h inclus sous src/ops"
inject include/store.h '#include "ops.h"' "ops.h inclus sous src/ops"

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

echo ok
