#!/bin/sh
# Proves: the screen refreshes within about a second when another process
# changes the database (PRAGMA data_version polling).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
ui_start 80 24
ui_wait_for "1.1   Ouvrir un lieu"
suivi set 1.1 progress=Réalisée >/dev/null
ui_wait_for "Réalisée      P..."
ui_keys Enter
ui_wait_for "Action 1.1"
suivi set 1.1 "pilots=Service Nouveau" >/dev/null
ui_wait_for "Service Nouveau"
ui_keys q
ui_wait_exit
