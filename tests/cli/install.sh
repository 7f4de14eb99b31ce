# install.sh - `make install` honours PREFIX and DESTDIR (binary, man page,
# data), the installed program finds its referentials, and `make uninstall`
# removes everything; the default database follows XDG_DATA_HOME / HOME.
set -e
. "$(dirname "$0")/../lib.sh"
REPO=$(cd "$SUIVI_DATA/.." && pwd)

make -s -C "$REPO" install DESTDIR="$T/root" PREFIX=/opt/suivi >/dev/null
for f in bin/suivi share/man/man1/suivi.1 share/suivi/referentiels/vae-2020-2026.txt \
    share/suivi/demo/ville-de-demo.txt; do
	[ -f "$T/root/opt/suivi/$f" ] || fail "$f non installé"
done
expect_status 0 "$T/root/opt/suivi/bin/suivi" --version
contains "$T/out" "suivi "
make -s -C "$REPO" uninstall DESTDIR="$T/root" PREFIX=/opt/suivi >/dev/null
[ ! -e "$T/root/opt/suivi/bin/suivi" ] || fail "désinstallation incomplète"
[ ! -e "$T/root/opt/suivi/share/suivi" ] || fail "données non supprimées"

# Default database location.
mkdir -p "$T/home"
expect_status 0 env -u SUIVI_DB HOME="$T/home" XDG_DATA_HOME= "$SUIVI_BIN" init --collectivite "Ville X"
[ -f "$T/home/.local/share/suivi/suivi.db" ] || fail "base par défaut absente"
expect_status 0 env HOME="$T/home" XDG_DATA_HOME="$T/xdg" "$SUIVI_BIN" init --collectivite "Ville Y"
[ -f "$T/xdg/suivi/suivi.db" ] || fail "XDG_DATA_HOME ignoré"
expect_status 0 env HOME="$T/home" SUIVI_DB="$T/env.db" "$SUIVI_BIN" init --collectivite "Ville Z"
[ -f "$T/env.db" ] || fail "SUIVI_DB ignoré"
echo "installation : ok"
