/*
 * test_netfs.c - telling a network file system from a local disk (fs.c:
 * statfs magic, mountinfo parsing) and the lock file of a base on one
 * (netlock.c: its text, when it is stale, taking it, refusing it with
 * its holder, taking a stale one over, and a store opened there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "fs.h"
#include "netlock.h"
#include "store.h"
#include "util.h"

static const char mountinfo[] =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "30 22 0:26 / /proc rw,nosuid - proc proc rw\n"
    "45 22 0:40 / /mnt/mairie rw,nosuid,nodev - fuse.sshfs srv:/data rw\n"
    "46 22 0:41 / /srv/partage\\040commun rw - cifs //nas/commun rw\n"
    "47 45 0:42 / /mnt/mairie/local rw - tmpfs tmpfs rw\n"
    "48 22 0:43 / /home/nfs rw master:3 - nfs4 nas:/home rw\n";

static void test_fs_magic_name_table(void **state)
{
	(void)state;
	assert_null(fs_magic_name(0));
	assert_null(fs_magic_name(0xEF53));		/* ext4 */
	assert_null(fs_magic_name(0x01021994));		/* tmpfs */
	assert_string_equal(fs_magic_name(0x6969), "nfs");
	assert_string_equal(fs_magic_name(0xFF534D42), "cifs");
	assert_string_equal(fs_magic_name(0xFE534D42), "smb2");
	assert_string_equal(fs_magic_name(0x517B), "smb");
	assert_string_equal(fs_magic_name(0x65735546), "fuse");
	assert_string_equal(fs_magic_name(0x01021997), "9p");
	assert_string_equal(fs_magic_name(0x00C36400), "ceph");
	assert_string_equal(fs_magic_name(0x6B414653), "afs");
	assert_string_equal(fs_magic_name(0x0BD00BD0), "lustre");
	assert_string_equal(fs_magic_name(0x01161970), "gfs2");
	assert_string_equal(fs_magic_name(0x7461636F), "ocfs2");
	assert_string_equal(fs_magic_name(0x73757245), "coda");
}

static void test_fs_type_is_network_names(void **state)
{
	(void)state;
	assert_int_equal(fs_type_is_network(NULL), 0);
	assert_int_equal(fs_type_is_network(""), 0);
	assert_int_equal(fs_type_is_network("ext4"), 0);
	assert_int_equal(fs_type_is_network("tmpfs"), 0);
	assert_int_equal(fs_type_is_network("btrfs"), 0);
	assert_int_equal(fs_type_is_network("nfs"), 1);
	assert_int_equal(fs_type_is_network("nfs4"), 1);
	assert_int_equal(fs_type_is_network("cifs"), 1);
	assert_int_equal(fs_type_is_network("smb3"), 1);
	assert_int_equal(fs_type_is_network("fuse.sshfs"), 1);
	assert_int_equal(fs_type_is_network("fuse.gvfsd-fuse"), 1);
	assert_int_equal(fs_type_is_network("9p"), 1);
	assert_int_equal(fs_type_is_network("ceph"), 1);
}

static void test_fs_mountinfo_type_longest_mount(void **state)
{
	char t[64];

	(void)state;
	assert_int_equal(fs_mountinfo_type(NULL, "/", t, sizeof t), -1);
	assert_int_equal(fs_mountinfo_type("", "/", t, sizeof t), -1);
	assert_int_equal(fs_mountinfo_type(mountinfo, "/home/moi", t,
	    sizeof t), 0);
	assert_string_equal(t, "ext4");
	assert_int_equal(fs_mountinfo_type(mountinfo, "/mnt/mairie", t,
	    sizeof t), 0);
	assert_string_equal(t, "fuse.sshfs");
	assert_int_equal(fs_mountinfo_type(mountinfo, "/mnt/mairie/suivi", t,
	    sizeof t), 0);
	assert_string_equal(t, "fuse.sshfs");
	/* A mount inside the share wins; a sibling name does not match. */
	assert_int_equal(fs_mountinfo_type(mountinfo, "/mnt/mairie/local/x",
	    t, sizeof t), 0);
	assert_string_equal(t, "tmpfs");
	assert_int_equal(fs_mountinfo_type(mountinfo, "/mnt/mairie2", t,
	    sizeof t), 0);
	assert_string_equal(t, "ext4");
	/* \040 is a space; optional fields (master:3) are skipped. */
	assert_int_equal(fs_mountinfo_type(mountinfo, "/srv/partage commun/a",
	    t, sizeof t), 0);
	assert_string_equal(t, "cifs");
	assert_int_equal(fs_mountinfo_type(mountinfo, "/home/nfs/c.martin", t,
	    sizeof t), 0);
	assert_string_equal(t, "nfs4");
}

static void test_fs_is_network_local_and_forced(void **state)
{
	char what[64];

	(void)state;
	unsetenv("SUIVI_NETFS");
	assert_int_equal(fs_is_network(NULL, what, sizeof what), 0);
	/* /proc is local everywhere. */
	assert_int_equal(fs_is_network("/proc/suivi.db", what, sizeof what), 0);
	assert_string_equal(what, "");
	setenv("SUIVI_NETFS", "1", 1);
	assert_int_equal(fs_is_network("./suivi.db", what, sizeof what), 1);
	unsetenv("SUIVI_NETFS");
}

/* ---- Lock file ---- */

static char dir[64];
static char db[128];
static char lockp[160];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/suivi-netlock-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof db, "%s/suivi.db", dir);
	snprintf(lockp, sizeof lockp, "%s%s", db, NETLOCK_SUFFIX);
	setenv("SUIVI_USER", "c.martin", 1);
	setenv("SUIVI_MACHINE", "mairie-pc1", 1);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	unsetenv("SUIVI_MACHINE");
	unsetenv("SUIVI_NETFS");
	return system(cmd) == 0 ? 0 : -1;
}

static void write_lock(const char *user, const char *host, long pid,
    int64_t since, int age)
{
	struct netlock_holder h = {0};
	char text[512];
	FILE *f;

	snprintf(h.user, sizeof h.user, "%s", user);
	snprintf(h.host, sizeof h.host, "%s", host);
	h.pid = pid;
	h.since = since;
	snprintf(h.token, sizeof h.token, "t%ld", pid);
	assert_true(netlock_format(&h, text, sizeof text) > 0);
	f = fopen(lockp, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	if (age) {
		struct timeval tv[2];

		gettimeofday(&tv[0], NULL);
		tv[0].tv_sec -= age;
		tv[1] = tv[0];
		assert_int_equal(utimes(lockp, tv), 0);
	}
}

static long dead_pid(void)
{
	pid_t p = fork();

	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	return (long)p;
}

static void test_netlock_parse_format_roundtrip(void **state)
{
	struct netlock_holder h = {0}, back;
	char text[512];

	(void)state;
	assert_int_equal(netlock_parse("", &back), -1);
	assert_int_equal(netlock_parse("utilisateur=x\n", &back), -1);
	snprintf(h.user, sizeof h.user, "c.martin");
	snprintf(h.host, sizeof h.host, "mairie-pc2");
	h.pid = 4242;
	h.since = 1733328300;
	snprintf(h.token, sizeof h.token, "abc");
	assert_true(netlock_format(&h, text, sizeof text) > 0);
	assert_non_null(strstr(text, "utilisateur=c.martin\n"));
	assert_int_equal(netlock_parse(text, &back), 0);
	assert_string_equal(back.user, "c.martin");
	assert_string_equal(back.host, "mairie-pc2");
	assert_int_equal(back.pid, 4242);
	assert_int_equal(back.since, 1733328300);
	assert_string_equal(back.token, "abc");
}

static void test_netlock_is_stale_rules(void **state)
{
	struct netlock_holder h = {0};
	int64_t now = (int64_t)time(NULL);

	(void)state;
	snprintf(h.user, sizeof h.user, "c.martin");
	/* Same machine: only a gone process is stale, however old. */
	snprintf(h.host, sizeof h.host, "pc1");
	h.pid = (long)getpid();
	assert_int_equal(netlock_is_stale(&h, now - 3600, now, "pc1"), 0);
	h.pid = dead_pid();
	assert_int_equal(netlock_is_stale(&h, now, now, "pc1"), 1);
	/* Another machine: stale after NETLOCK_STALE_S without refresh. */
	snprintf(h.host, sizeof h.host, "pc2");
	h.pid = (long)getpid();
	assert_int_equal(netlock_is_stale(&h, now - 10, now, "pc1"), 0);
	assert_int_equal(netlock_is_stale(&h, now - NETLOCK_STALE_S, now,
	    "pc1"), 0);
	assert_int_equal(netlock_is_stale(&h, now - NETLOCK_STALE_S - 1, now,
	    "pc1"), 1);
}

static void test_netlock_describe_french(void **state)
{
	struct netlock_holder h = {0};
	struct tm tm = {0};
	char buf[256];
	int64_t t;

	(void)state;
	tm.tm_year = 126;
	tm.tm_mon = 11;
	tm.tm_mday = 4;
	tm.tm_hour = 17;
	tm.tm_min = 5;
	tm.tm_isdst = -1;
	t = (int64_t)mktime(&tm);
	snprintf(h.user, sizeof h.user, "c.martin");
	snprintf(h.host, sizeof h.host, "mairie-pc2");
	h.pid = 4242;
	h.since = t;
	netlock_describe(&h, t + 60, buf, sizeof buf);
	assert_string_equal(buf,
	    "c.martin sur mairie-pc2 (processus 4242) depuis 17:05");
	netlock_describe(&h, t + 86400, buf, sizeof buf);
	assert_string_equal(buf, "c.martin sur mairie-pc2 (processus 4242) "
	    "depuis le 04/12/2026 à 17:05");
	memset(&h, 0, sizeof h);
	netlock_describe(&h, t, buf, sizeof buf);
	assert_non_null(strstr(buf, "un autre poste"));
}

static void test_netlock_acquire_release(void **state)
{
	struct netlock a, b;
	struct netlock_holder other, back;
	char text[1024];
	FILE *f;
	size_t n;
	struct stat st;

	(void)state;
	assert_int_equal(netlock_init(&a, db, NULL), 0);
	assert_int_equal(netlock_init(&b, db, NULL), 0);
	assert_int_equal(netlock_acquire(&a, NULL, NULL, NULL, NULL), 0);
	assert_true(netlock_held(&a));
	f = fopen(lockp, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_int_equal(netlock_parse(text, &back), 0);
	assert_string_equal(back.user, "c.martin");
	assert_string_equal(back.host, "mairie-pc1");
	assert_int_equal(back.pid, (long)getpid());
	/* A second taker (here the same, live process) is refused with the
	 * holder named; nothing is taken over. */
	assert_int_equal(netlock_acquire(&b, &other, NULL, NULL, NULL),
	    ERR_LOCKED);
	assert_false(netlock_held(&b));
	assert_string_equal(other.user, "c.martin");
	assert_int_equal(other.pid, (long)getpid());
	netlock_release(&a);
	assert_int_not_equal(stat(lockp, &st), 0);
	assert_int_equal(netlock_acquire(&b, NULL, NULL, NULL, NULL), 0);
	netlock_fini(&b);
	netlock_fini(&a);
	assert_int_not_equal(stat(lockp, &st), 0);
}

static void test_netlock_acquire_takes_over_stale(void **state)
{
	struct netlock l;
	struct netlock_holder other, stale;
	int took = 0;
	long gone = dead_pid();

	(void)state;
	assert_int_equal(netlock_init(&l, db, NULL), 0);
	/* Same machine, process gone: taken over at once. */
	write_lock("b.durand", "mairie-pc1", gone, 1, 0);
	assert_int_equal(netlock_acquire(&l, &other, &took, &stale, NULL), 0);
	assert_int_equal(took, 1);
	assert_string_equal(stale.user, "b.durand");
	assert_int_equal(stale.pid, gone);
	netlock_release(&l);
	/* Another machine, fresh: refused; unrefreshed two minutes: taken. */
	write_lock("a.petit", "mairie-pc2", 99999, 1, 10);
	took = 0;
	assert_int_equal(netlock_acquire(&l, &other, &took, &stale, NULL),
	    ERR_LOCKED);
	assert_string_equal(other.host, "mairie-pc2");
	assert_int_equal(took, 0);
	write_lock("a.petit", "mairie-pc2", 99999, 1, NETLOCK_STALE_S + 5);
	assert_int_equal(netlock_acquire(&l, &other, &took, &stale, NULL), 0);
	assert_int_equal(took, 1);
	assert_string_equal(stale.user, "a.petit");
	/* A lock taken over from us is not ours to remove. */
	write_lock("x.autre", "mairie-pc3", 1, 1, 0);
	netlock_release(&l);
	assert_int_equal(access(lockp, F_OK), 0);
	unlink(lockp);
	netlock_fini(&l);
}

static void test_netlock_refresh_touches(void **state)
{
	struct netlock l;
	struct stat st;
	time_t before;

	(void)state;
	assert_int_equal(netlock_init(&l, db, NULL), 0);
	assert_int_equal(netlock_acquire(&l, NULL, NULL, NULL, NULL), 0);
	l.touched -= NETLOCK_REFRESH_S + 1;
	{
		struct timeval tv[2];

		gettimeofday(&tv[0], NULL);
		tv[0].tv_sec -= 100;
		tv[1] = tv[0];
		assert_int_equal(utimes(lockp, tv), 0);
	}
	assert_int_equal(stat(lockp, &st), 0);
	before = st.st_mtime;
	netlock_refresh(&l);
	assert_int_equal(stat(lockp, &st), 0);
	assert_true(st.st_mtime >= before + 99);
	netlock_fini(&l);
}

/* A store on a "network" base: no WAL, no lock left between calls, a
 * busy base names its holder, a takeover is journaled. */
static void test_store_on_network_base(void **state)
{
	struct store *s = NULL;
	struct err e = {0};
	struct journal_entry *j = NULL;
	size_t n = 0, i;
	int found = 0;
	char wal[200];

	(void)state;
	setenv("SUIVI_NETFS", "1", 1);
	assert_int_equal(store_open(db, STORE_CREATE, &s, &e), 0);
	assert_int_not_equal(access(lockp, F_OK), 0);
	snprintf(wal, sizeof wal, "%s-wal", db);
	assert_int_not_equal(access(wal, F_OK), 0);
	store_data_version(s);
	assert_int_not_equal(access(lockp, F_OK), 0);
	store_close(&s);

	/* Held by a live process of another machine: busy, named. */
	write_lock("a.petit", "mairie-pc2", 4242, (int64_t)time(NULL), 0);
	assert_int_not_equal(store_open(db, 0, &s, &e), 0);
	assert_int_equal(e.code, ERR_LOCKED);
	assert_non_null(strstr(e.msg, "la base est utilisée par a.petit sur "
	    "mairie-pc2 (processus 4242) depuis "));
	/* Not refreshed for two minutes: taken over, and journaled. */
	write_lock("a.petit", "mairie-pc2", 4242, 1, NETLOCK_STALE_S + 10);
	assert_int_equal(store_open(db, 0, &s, &e), 0);
	assert_int_equal(store_history(s, 0, NULL, 0, &j, &n, &e), 0);
	for (i = 0; i < n; i++)
		if (!strcmp(j[i].entity, "base") && !strcmp(j[i].field,
		    "verrou") && !strcmp(j[i].user, "suivi") &&
		    strstr(j[i].old_value, "a.petit sur mairie-pc2") &&
		    strstr(j[i].new_value, "c.martin sur mairie-pc1"))
			found = 1;
	journal_entries_free(j, n);
	assert_true(found);
	assert_int_not_equal(access(lockp, F_OK), 0);
	store_close(&s);
	unsetenv("SUIVI_NETFS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fs_magic_name_table),
		cmocka_unit_test(test_fs_type_is_network_names),
		cmocka_unit_test(test_fs_mountinfo_type_longest_mount),
		cmocka_unit_test(test_fs_is_network_local_and_forced),
		cmocka_unit_test(test_netlock_parse_format_roundtrip),
		cmocka_unit_test(test_netlock_is_stale_rules),
		cmocka_unit_test(test_netlock_describe_french),
		cmocka_unit_test_setup_teardown(test_netlock_acquire_release,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_netlock_acquire_takes_over_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_netlock_refresh_touches,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_on_network_base,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
