#!/bin/sh
# mandate_mapping.sh - a faulty correspondence file is refused naming the
# line an editor shows (blank lines and comments count), and nothing is
# carried over.
. "$(dirname "$0")/../lib.sh"
set -e
suivi init --demo >/dev/null
expect_status 0 suivi mandat nouveau 2026-2032 \
    --referentiel "$SUIVI_DATA/referentiels/vae-2026-2032.txt"
printf '1.1 garder\n\n\n# comité du 12 mai\n\n1.2 oublier\n1.3 clore\n' >"$T/map"
expect_status 1 suivi mandat reprendre --correspondance "$T/map"
contains "$T/err" "map, ligne 6 : « N° garder [engagement] »"
lacks "$T/err" "ligne 3"
[ "$(suivi list --format tsv | wc -l)" = 1 ] ||
    fail "un refus ne doit rien reprendre"
echo ok
