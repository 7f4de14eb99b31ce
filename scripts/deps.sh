#!/bin/sh
# deps.sh - installs the Debian packages that building and testing suivi
# need, when they are missing. As root it runs apt-get; otherwise it prints
# the exact command to run and fails.
set -eu

PKGS="gcc make pkg-config libncurses-dev libsqlite3-dev libxlsxwriter-dev
zlib1g-dev libzip-dev libexpat1-dev libcmocka-dev tmux sqlite3 unzip
python3 python3-openpyxl locales cppcheck sshfs openssh-server
openssh-client libfreexl-dev libreoffice-calc-nogui fonts-crosextra-carlito
python3-xlwt python3-msoffcrypto-tool python3-uno poppler-utils"
[ -n "${SUIVI_EXTRA_DEPS:-}" ] && PKGS="$PKGS $SUIVI_EXTRA_DEPS"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "Installation des paquets manquants :$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "Paquets manquants :$missing" >&2
	echo "Installez-les avec :" >&2
	echo "  sudo apt-get install$missing" >&2
	exit 1
fi
