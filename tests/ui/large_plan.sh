#!/bin/sh
# Proves: a plan larger than its first screen's worth of rows (the
# interface then shows its first rows, then reads the others once that
# screen is drawn) opens with the right total and the right counts in
# the first group's header, and the rest is there: End reaches the last
# action, a search finds an action far down, a filter counts all of them.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
export SUIVI_NOW="2026-03-15 10:00"
suivi init --collectivite "Ville de Grande-Taille" >/dev/null
/usr/bin/python3 - "$T/plan.csv" <<'PY'
import sys
rows = ["N°;Engagement;Intitulé de l'action;Avancement"]
n = {1: 0, 2: 0}
for i in range(900):
    eng = 1 if i < 600 else 2
    n[eng] += 1
    prog = ["Non commencée", "En cours", "Réalisée"][i % 3]
    title = "Action numéro %d du plan" % i
    if i == 880:
        title = "Ludothèque itinérante des quartiers"
    rows.append("%d.%d;%d;%s;%s" % (eng, n[eng], eng, title, prog))
open(sys.argv[1], "w", encoding="utf-8").write("\r\n".join(rows) + "\r\n")
PY
expect_status 0 suivi import "$T/plan.csv" </dev/null
suivi set 1.3 cancelled=oui "cancelled_reason=Abandon" cancelled_year=2025 \
    >/dev/null
done1=$(suivi list --engagement 1 --avancement "Réalisée" --sans-annulees --format tsv | tail -n +2 | wc -l)
all1=$(suivi list --engagement 1 --sans-annulees --format tsv | tail -n +2 | wc -l)
[ "$all1" -eq 599 ] || fail "599 actions non annulées attendues ($all1)"
ui_start 100 30
ui_wait_for "Toutes les actions (900)"
contains "$T/screen" "$done1/$all1 réalisées"
ui_keys End
ui_wait_for "2.300 "
contains "$T/screen" "Action numéro 899 du plan"
ui_keys Home
ui_wait_for "1.1 "
ui_keys /
ui_wait_for "Rechercher (accents et majuscules ignorés)"
ui_type "ludotheque"
ui_keys Enter
ui_wait_for "« ludotheque » : 1 action trouvée"
contains "$T/screen" "2.281 "
ui_keys x
ui_wait_for "Toutes les actions (900)"
ui_keys F4
ui_wait_for "Filtrer les actions"
ui_keys Down Enter
ui_wait_for "Avancement"
ui_keys Down Down Down Down Enter
ui_wait_for "Avancement : Réalisée"
ui_keys Escape
ui_wait_for "Filtre : avancement « Réalisée » — 300 actions"
ui_keys q
ui_wait_exit
