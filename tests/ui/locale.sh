#!/bin/sh
# Proves: the interface runs in the suite's test locale ($SUIVI_TEST_LOCALE,
# seen in the process's own environment, and a UTF-8 one, or the interface
# would refuse to start), and at 80x24 people read French dates, never
# ISO: the plan list's "Mise à jour" (04/12/2026 fits its narrow column),
# the Présentation bilans ("30/01/2026 à 16:40"), the action screen and
# its journal; an indicator value from a number cell shows 31,7.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/uilib.sh"
ui_demo
suivi indicateur 1.4 --numero 2 valeur_2025=31.7 >/dev/null
ui_start 80 24
pid=$(pgrep -f "$SUIVI_BIN --db $DB" | head -1)
[ -n "$pid" ] || fail "processus introuvable"
tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "LC_ALL=$SUIVI_TEST_LOCALE" ||
    fail "suivi ne tourne pas dans $SUIVI_TEST_LOCALE : $(tr '\0' '\n' <"/proc/$pid/environ" | grep '^L')"
no_iso() {
	if grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$T/screen"; then
		cat "$T/screen" >&2
		fail "date ISO à l'écran ($1)"
	fi
}

# Plan list: the demo's actions were updated on 28/11/2025 and
# 10/12/2025; the column ends at the right edge of 80 columns.
ui_wait_for "Mise à jour"
ui_wait_for " 1.2   "
grep -q "^ 1\.1 .* 28/11/2025$" "$T/screen" || { cat "$T/screen" >&2; fail "liste : 28/11/2025"; }
grep -q "^ 1\.2 .* 10/12/2025$" "$T/screen" || { cat "$T/screen" >&2; fail "liste : 10/12/2025"; }
no_iso "liste du plan"
# 1.4 was changed just now.
grep -q "^ 1\.4 .* $(date +%d/%m/%Y)$" "$T/screen" || { cat "$T/screen" >&2; fail "liste : 1.4 modifiée aujourd'hui"; }

# Présentation: the bilans, date and author.
ui_keys F3
ui_wait_for "Bilans annuels"
ui_keys End
ui_wait_for "2025   [x] Fait"
ui_wait_for "24/01/2025 à 17:05 c.martin"
ui_wait_for "30/01/2026 à 16:40 c.martin"
no_iso "Présentation"

# Action 1.1: its last update, then its journal.
ui_keys Escape
ui_wait_for "Mise à jour"
ui_keys Enter
ui_wait_for "Action 1.1"
ui_keys End
ui_wait_for "Dernière mise à jour      28/11/2025 à 15:00"
no_iso "écran de l'action"
ui_keys h
ui_wait_for "Journal de l'action 1.1"
ui_wait_for "28/11/2024 à 15:00  c.martin"
no_iso "journal"
ui_keys Enter
ui_wait_gone "Journal de l'action 1.1"

# Action 1.4: the indicator value typed in a spreadsheet as 31.7.
ui_keys Escape
ui_wait_for "Mise à jour"
ui_keys /
ui_wait_for "Rechercher"
ui_type "dioxyde"
ui_keys Enter
ui_wait_for "trouvée"
ui_keys Enter
ui_wait_for "Action 1.4"
ui_keys End Up
ui_wait_for "Indicateur clé 2 — Entrée pour modifier"
ui_wait_for "Référence : 32,5"
ui_keys Enter
ui_wait_for "Indicateur clé (Entrée modifie)"
ui_wait_for "Valeur 2025 : 31,7 — Campagne"
no_iso "indicateurs"
ui_keys Escape
ui_wait_gone "Indicateur clé (Entrée modifie)"
ui_keys q
ui_wait_exit
