#!/bin/sh
# ssh_users.sh - several users the right way (docs/serveur.md): one
# server holds the base on its own disk, in a setgid folder of a Unix
# group; two Unix accounts of that group connect to a loopback sshd (key
# authentication). The first runs `suivi modifier` through ssh commands
# while the second, whose account lands in the interface (ForceCommand),
# edits and saves an action in it at the same time. Proves: both write
# the same base, each login is in the journal, the base and its journal
# files are group-readable and writable (0660, the folder's group), and
# the accounts are removed afterwards (trap).
set -eu
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../ui/uilib.sh"
. "$(dirname "$0")/sshlib.sh"
[ "$(id -u)" = 0 ] || fail "ce test crée des comptes : lancez-le en root (CI l'est)"
NSET=${NSET:-10}
G=sv$$g U1=sv$$a U2=sv$$b
chmod 755 "$T"
cleanup_hooks="$cleanup_hooks userdel -r $U1 2>/dev/null; userdel -r $U2 2>/dev/null; groupdel $G 2>/dev/null;"
groupadd "$G"
mkdir -p "$T/home"
useradd -m -d "$T/home/$U1" -s /bin/sh -G "$G" "$U1"
useradd -m -d "$T/home/$U2" -s /bin/sh -G "$G" "$U2"
# No password at all ("*"), rather than a locked one ("!"), which sshd
# refuses even for a key.
usermod -p '*' "$U1"
usermod -p '*' "$U2"
# The program and its data where every account may run them.
mkdir -p "$T/bin"
cp "$SUIVI_BIN" "$T/bin/suivi"
cp -r "$SUIVI_DATA" "$T/data"
chmod -R a+rX "$T/bin" "$T/data"
P=$T/partage
mkdir "$P"
chgrp "$G" "$P"
chmod 2770 "$P"
BASE=$P/suivi.db
RUN="env SUIVI_DATA=$T/data $T/bin/suivi --db $BASE"
SSH_EXTRA_CONFIG="Match User $U2
	ForceCommand $RUN"
ssh_start "$U1" "$U2"
sshu() { u=$1; shift; ssh -F "$S/ssh_config" "$u@loop" "$@"; }

sshu "$U1" "$RUN init --demo" >/dev/null
perm=$(stat -c '%a %G' "$BASE")
[ "$perm" = "660 $G" ] || fail "base créée en $perm (attendu : 660 $G)"

# U2 in the interface, through ssh -tt, while U1 writes.
tmux -L "$UI_SOCK" -f /dev/null new-session -d -x 100 -y 24 \
    "ssh -tt -F '$S/ssh_config' $U2@loop; echo \"rc=\$?\" >'$T/rc'; exec env PS1='fin\$ ' sh"
tmux -L "$UI_SOCK" set-option -g status off >/dev/null
UI_TIMEOUT=300 ui_wait_for "10Quitter"
k=0 ok=0
t0=$(date +%s%N)
while [ $k -lt "$NSET" ]; do
	k=$((k + 1))
	sshu "$U1" "$RUN set 2.4 comments=$U1-n$k" >/dev/null 2>"$T/u1.err" &&
	    ok=$((ok + 1)) || cat "$T/u1.err" >&2
	if [ $k = 3 ]; then
		ui_open_field "crèche des Tilleuls" "Action 1.2" "Commentaires"
		ui_type " Saisi-par-$U2."
		ui_keys F2
	fi
done
elapsed=$((($(date +%s%N) - t0) / 1000000))
UI_TIMEOUT=300 ui_wait_for "Enregistré."
ui_keys Escape q
ui_wait_for "fin\$"
[ $ok = "$NSET" ] || fail "$U1 : $ok écritures sur $NSET"

L="$SUIVI_BIN --db $BASE"
$L history > "$T/hist"
grep -q "  $U1 .*action 2.4 Commentaires .*→ \"$U1-n$NSET\"" "$T/hist" || fail "login $U1 absent du journal : $(head -3 "$T/hist")"
grep -q "  $U2 .*action 1.2 Commentaires .*Saisi-par-$U2.\"" "$T/hist" || fail "login $U2 absent du journal : $(head -3 "$T/hist")"
for f in "$BASE" "$BASE-wal" "$BASE-shm"; do
	[ -e "$f" ] || continue
	perm=$(stat -c '%a %G' "$f")
	[ "$perm" = "660 $G" ] || fail "$(basename "$f") en $perm (attendu : 660 $G)"
done
# U2 may use the files U1 created last, and the reverse.
sshu "$U1" "$RUN set 3.1 comments=fin-$U1" >/dev/null
$L check > "$T/check" && contains "$T/check" "Intégrité de la base : ok"
echo "ssh : $U1 (commandes) $ok/$NSET écritures en $((elapsed / 1000)),$(printf %03d $((elapsed % 1000))) s pendant que $U2 (interface, ForceCommand) enregistrait ; logins au journal, base 660 groupe $G"
