# sshlib.sh - a loopback sshd for the network tests (sourced after
# ../lib.sh): its own host key, configuration and port under $T/sshd, a
# key pair made for the test, nothing of the machine's own ssh touched.
# ssh_start [AllowUsers...] starts it (root by default), ssh_mount DIR
# MNT mounts DIR through it with sshfs; both are undone on exit. Missing
# programs are installed (scripts/deps.sh) or the test fails: it never
# skips.

ssh_need() {
	for p in /usr/sbin/sshd /usr/bin/ssh /usr/bin/sshfs /usr/bin/fusermount3; do
		[ -x "$p" ] && continue
		[ "$(id -u)" = 0 ] || fail "$p manque (installez openssh-server openssh-client sshfs fuse3)"
		SUIVI_EXTRA_DEPS="openssh-server openssh-client sshfs fuse3" \
		    sh "$(dirname "$0")/../../scripts/deps.sh" >&2 ||
		    fail "installation de sshfs / openssh-server impossible"
		break
	done
	for p in /usr/sbin/sshd /usr/bin/ssh /usr/bin/sshfs; do
		[ -x "$p" ] || fail "$p manque après installation"
	done
}

ssh_fuse() {
	[ -c /dev/fuse ] || modprobe fuse 2>/dev/null || true
	[ -c /dev/fuse ] || mknod -m 666 /dev/fuse c 10 229 2>/dev/null || true
	[ -c /dev/fuse ] || fail "/dev/fuse absent (modprobe fuse a échoué) : montage sshfs impossible"
}

# A free TCP port on 127.0.0.1.
ssh_free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

ssh_start() {
	ssh_need
	S=$T/sshd
	mkdir -p "$S" /run/sshd
	chmod 755 "$S"
	ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" >/dev/null
	ssh-keygen -q -t ed25519 -N '' -f "$S/id" >/dev/null
	cp "$S/id.pub" "$S/authorized_keys"
	chmod 644 "$S/authorized_keys"
	SSH_PORT=$(ssh_free_port)
	users=${*:-root}
	cat > "$S/sshd_config" <<CONF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
AllowUsers $users
Subsystem sftp internal-sftp
AcceptEnv LANG LC_* TZ
PermitUserEnvironment no
LogLevel ERROR
${SSH_EXTRA_CONFIG:-}
CONF
	/usr/sbin/sshd -f "$S/sshd_config" -E "$S/sshd.log" ||
	    fail "sshd ne démarre pas : $(cat "$S/sshd.log")"
	cleanup_hooks="ssh_stop; $cleanup_hooks"
	cat > "$S/ssh_config" <<CONF
Host loop
	HostName 127.0.0.1
	Port $SSH_PORT
	IdentityFile $S/id
	IdentitiesOnly yes
	StrictHostKeyChecking no
	UserKnownHostsFile /dev/null
	LogLevel ERROR
	BatchMode yes
	SendEnv LANG LC_* TZ
CONF
	i=0
	until ssh -F "$S/ssh_config" "${1:-root}@loop" true 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 50 ] || fail "sshd injoignable sur le port $SSH_PORT : $(cat "$S/sshd.log")"
		sleep 0.1
	done
}

ssh_stop() {
	for m in $SSH_MOUNTS; do
		fusermount3 -u "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	SSH_MOUNTS=""
	[ -s "$T/sshd/sshd.pid" ] && kill "$(cat "$T/sshd/sshd.pid")" 2>/dev/null || true
}
SSH_MOUNTS=""

# ssh_mount DIR MNT [sshfs options]: one "PC" seeing DIR through sshfs.
ssh_mount() {
	ssh_fuse
	mkdir -p "$2"
	sshfs -F "$S/ssh_config" ${3:+-o "$3"} "root@loop:$1" "$2" ||
	    fail "sshfs : montage de $1 sur $2 impossible"
	SSH_MOUNTS="$SSH_MOUNTS $2"
	stat -f -c %T "$2" | grep -qi fuse || fail "$2 n'est pas un montage FUSE"
}
