#!/bin/sh
# build_guard.sh - the Makefile's guard rails, run on this checkout with
# `make -n` (nothing is built): a library unknown to pkg-config, or
# pkg-config itself missing, stops make before any compilation with the
# module names and « make deps »; `make uninstall` refuses a DATADIR that
# is not suivi's own directory and removes nothing.
. "$(dirname "$0")/../lib.sh"
set -e
SRC=$(cd "$(dirname "$0")/../.." && pwd)
unset MAKEFLAGS MFLAGS MAKELEVEL
mk() { make -C "$SRC" --no-print-directory "$@"; }

# pkg-config absent.
expect_status 2 mk -n PKG_CONFIG="$T/no/pkg-config"
contains "$T/err" "pkg-config introuvable"
contains "$T/err" "lancez « make deps »"
lacks "$T/out" "CC"

# Two modules hidden: both named, the others not.
mkdir "$T/pc"
for d in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
	for f in "$d"/*.pc; do
		[ -e "$f" ] || continue
		case $(basename "$f") in
		xlsxwriter.pc|expat.pc) ;;
		*) ln -sf "$f" "$T/pc/" ;;
		esac
	done
done
PKG_CONFIG_LIBDIR="$T/pc" PKG_CONFIG_PATH= expect_status 2 mk -n
contains "$T/err" "xlsxwriter expat ; lancez « make deps »"
lacks "$T/err" "sqlite3"
lacks "$T/out" "CC"
# make deps and make clean need no library.
PKG_CONFIG_LIBDIR="$T/pc" PKG_CONFIG_PATH= expect_status 0 mk -n clean

# With every module, make goes on (dry run).
expect_status 0 mk -n

# uninstall: only a directory named suivi, without "." or "..".
mkdir -p "$T/dest/usr/share/autre" "$T/dest/usr/share/suivi"
for bad in /usr/share /usr/share/suivi/.. /usr/share/../share/suivi; do
	expect_status 2 mk uninstall DESTDIR="$T/dest" DATADIR="$bad"
	contains "$T/err" "refusé, rien n'a été supprimé"
	[ -d "$T/dest/usr/share/autre" ] || fail "uninstall DATADIR=$bad a supprimé"
done
expect_status 0 mk uninstall DESTDIR="$T/dest" PREFIX=/usr
[ ! -e "$T/dest/usr/share/suivi" ] && [ -d "$T/dest/usr/share/autre" ] ||
    fail "uninstall n'a pas retiré exactement share/suivi"
echo ok
