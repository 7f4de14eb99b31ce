#!/bin/sh
# ui_editor.sh - $EDITOR failing from the long-text editor (Ctrl-E): an
# editor that exits 1, one killed by SIGSEGV: the interface comes back
# with a French message, the text typed is still in the editor, nothing is
# saved silently. A working editor that rewrites the file: its text comes
# back into the editor (saved only on F2). The temporary file is private
# (mode 0600, in $TMPDIR) and removed afterwards.
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"

ui_demo
mkdir "$T/tmp"
cat > "$T/editor" <<EOS
#!/bin/sh
stat -c %a "\$1" >> "$T/modes"
echo "\$1" >> "$T/paths"
cp "\$1" "$T/seen"
case \$(cat "$T/mode") in
fail) exit 1 ;;
segv) kill -SEGV \$\$ ;;
good) printf 'Réécrit par l’éditeur externe.\nDeuxième ligne.\n' > "\$1" ;;
esac
EOS
chmod 755 "$T/editor"
before=$(ui_field 1.2 comments)

ui_start 80 24 VISUAL= "EDITOR=$T/editor" "TMPDIR=$T/tmp"
ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
ui_type " Tapé-avant."

echo fail > "$T/mode"
ui_keys C-e
ui_wait_for "il a signalé une erreur (code 1)"
ui_wait_for "Tapé-avant."
ui_wait_for "F2/Ctrl-S enregistrer"
contains "$T/seen" "Tapé-avant."
[ "$(ui_field 1.2 comments)" = "$before" ] || fail "texte enregistré sans F2"

echo segv > "$T/mode"
ui_keys C-e
ui_wait_for "il s'est arrêté brutalement (signal 11)"
ui_wait_for "Tapé-avant."
ui_wait_for "F2/Ctrl-S enregistrer"
[ "$(ui_field 1.2 comments)" = "$before" ] || fail "texte enregistré sans F2"

echo good > "$T/mode"
ui_keys C-e
ui_wait_for "Texte repris de l'éditeur externe."
ui_wait_for "Réécrit par l’éditeur externe."
lacks "$T/screen" "Tapé-avant."
[ "$(ui_field 1.2 comments)" = "$before" ] || fail "texte enregistré sans F2"
ui_keys F2
ui_wait_for "Enregistré."
[ "$(ui_field 1.2 comments)" = 'Réécrit par l’éditeur externe.\nDeuxième ligne.' ] ||
    fail "commentaires : $(ui_field 1.2 comments)"
ui_keys q
ui_wait_exit
[ "$ui_rc" = 0 ] || fail "statut $ui_rc"

[ "$(wc -l < "$T/paths")" = 3 ] || fail "éditeur lancé $(wc -l < "$T/paths") fois"
while read -r p; do
	case "$p" in "$T/tmp/"*) ;; *) fail "fichier temporaire hors de TMPDIR : $p" ;; esac
	[ ! -e "$p" ] || fail "fichier temporaire resté : $p"
done < "$T/paths"
[ "$(sort -u "$T/modes")" = 600 ] || fail "droits du fichier temporaire : $(sort -u "$T/modes" | tr '\n' ' ')"
[ -z "$(ls -A "$T/tmp")" ] || fail "TMPDIR non vide : $(ls -A "$T/tmp")"
echo "ui_editor : éditeur en échec, en SIGSEGV, puis réussi : ok"
