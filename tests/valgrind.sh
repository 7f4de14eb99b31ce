#!/bin/sh
# valgrind.sh - runs suivi under valgrind memcheck; any leak or invalid
# access makes it exit 99 (used by `make test-valgrind` as SUIVI_BIN).
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
	"${SUIVI_REAL_BIN:?}" "$@"
