#!/bin/sh
# Proves: "qui a changé ceci ?" is answerable on screen: h on the plan
# opens the journal of the selected action, h on an action screen too;
# a change made with the command line appears with its author and both
# values.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
SUIVI_USER=b.leroy suivi set 1.2 pilots="Service Petite enfance, CCAS" >/dev/null
ui_start 80 24
ui_keys Down h
ui_wait_for "Journal de l'action 1.2"
ui_wait_for "b.leroy"
ui_wait_for "Service(s) pilote(s)"
ui_wait_for "CCAS"
ui_keys Escape
ui_wait_gone "Journal de l'action 1.2"
ui_keys Enter
ui_wait_for "Action 1.2"
ui_keys h
ui_wait_for "Journal de l'action 1.2"
ui_wait_for "c.martin"
ui_keys Escape q
ui_wait_exit
