/*
 * cmd_services.c - the coordinator's campaign on the command line:
 * `suivi services` (one line per department, its contact) and `suivi
 * relances` (for each department with actions to update, its extract
 * and a ready-to-send .eml), and campaign_reminders(), which the
 * interface calls too.
 *
 * The extract is the pilot export that exists: write_extract() runs
 * cmd_export (`suivi export --pilote`) and is the one place that does;
 * when the export moves to src/ops it is the one call to change.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_priv.h"
#include "ops.h"
#include "export.h"
#include "mail.h"

static int default_year(const struct mandate *m)
{
	return mandate_year_now(m);
}

/* ---- suivi services ---- */

static void put_cell(const char *s, size_t width, int right)
{
	struct strbuf sb = {0};
	size_t w;

	if (!s)
		s = "";
	w = utf8_width(s);
	if (right)
		for (; w < width; w++)
			sb_append_c(&sb, ' ');
	sb_append(&sb, s);
	if (!right)
		for (; w < width; w++)
			sb_append_c(&sb, ' ');
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

static void print_services(const struct services *sv, int year)
{
	size_t i, wname = utf8_width("Service");
	char d[FR_DATE_LEN], n[3][32];

	for (i = 0; i < sv->n; i++)
		if (utf8_width(sv->v[i].name) > wname)
			wname = utf8_width(sv->v[i].name);
	if (sv->since_year) {
		char since[FR_DATE_LEN];

		printf("Campagne du bilan %d : « mis à jour » depuis le bilan %d "
		    "(fait le %s)\n", year, sv->since_year,
		    fr_date(sv->since, since, sizeof since));
	} else {
		printf("Campagne du bilan %d : aucun bilan fait avant, « à "
		    "mettre à jour » = jamais modifiée\n", year);
	}
	put_cell("Service", wname, 0);
	fputs("  Actions  Mises à jour  À mettre à jour  Dernière modification"
	    "  Réponse                Contact\n", stdout);
	for (i = 0; i < sv->n; i++) {
		const struct service *v = &sv->v[i];
		struct strbuf sb = {0};

		snprintf(n[0], sizeof n[0], "%zu", v->n_actions);
		snprintf(n[1], sizeof n[1], "%zu", v->n_updated);
		snprintf(n[2], sizeof n[2], "%zu", v->n_stale);
		put_cell(v->name, wname, 0);
		fputs("  ", stdout);
		put_cell(n[0], 7, 1);
		fputs("  ", stdout);
		put_cell(n[1], 12, 1);
		fputs("  ", stdout);
		put_cell(n[2], 15, 1);
		fputs("  ", stdout);
		if (v->last_at)
			sb_printf(&sb, "%s (%s)", fr_date(v->last_at, d,
			    sizeof d), v->last_by ? v->last_by : "?");
		else
			sb_append(&sb, "jamais");
		put_cell(sb_str(&sb), 21, 0);
		fputs("  ", stdout);
		sb_reset(&sb);
		if (v->answered_at)
			sb_printf(&sb, "répondu le %s", fr_date(v->answered_at, d,
			    sizeof d));
		else
			sb_append(&sb, "—");
		put_cell(sb_str(&sb), 21, 0);
		fputs("  ", stdout);
		sb_reset(&sb);
		if (v->email || v->contact_name)
			sb_printf(&sb, "%s%s%s%s", v->contact_name ?
			    v->contact_name : "", v->contact_name && v->email ?
			    " <" : (v->email ? "<" : ""), v->email ? v->email :
			    "", v->email ? ">" : "");
		else
			sb_append(&sb, "(pas de contact)");
		fputs(sb_str(&sb), stdout);
		fputc('\n', stdout);
		sb_free(&sb);
	}
	if (!sv->n)
		printf("Aucune action n'a de service pilote.\n");
}

/* The department of the plan named like name (key equal), or NULL. */
static const struct service *find_service(const struct services *sv,
    const char *name)
{
	char *key = pilot_key(name);
	const struct service *r = NULL;
	size_t i;

	for (i = 0; key && i < sv->n; i++)
		if (strcmp(sv->v[i].key, key) == 0)
			r = &sv->v[i];
	free(key);
	return r;
}

int cmd_services(struct cli *c, const struct cli_args *a)
{
	struct services sv = {0};
	struct err e = {0};
	const char *year_arg = cli_arg(a, "annee"), *contact = cli_arg(a,
	    "contact"), *nom = cli_arg(a, "nom"), *courriel = cli_arg(a,
	    "courriel");
	const struct service *v;
	int year, rc;

	if ((nom || courriel) && !contact)
		return cli_usage("--nom et --courriel vont avec --contact "
		    "SERVICE");
	if (contact && !nom && !courriel)
		return cli_usage("--contact SERVICE attend --nom NOM et/ou "
		    "--courriel ADRESSE");
	if ((rc = cli_open(c, contact ? CLI_WRITE : 0)))
		return rc;
	if (year_arg) {
		if ((rc = cli_parse_year(c, year_arg, &year)))
			return rc;
	} else {
		year = default_year(&c->mandate);
	}
	if (store_list_services(c->store, c->mandate.id, year, &sv, &e))
		goto fail;
	if (contact) {
		if (!(v = find_service(&sv, contact))) {
			err_set(&e, ERR_NOTFOUND, "service « %s » inconnu : "
			    "aucune action ne l'a pour service pilote (« suivi "
			    "services » les liste)", contact);
			goto fail;
		}
		if (store_set_service_contact(c->store, v->name, nom ? nom :
		    v->contact_name, courriel ? courriel : v->email, &e))
			goto fail;
		printf("Contact du service « %s » enregistré.\n", v->name);
		rc = 0;
		goto out;
	}
	print_services(&sv, year);
	rc = 0;
	goto out;
fail:
	rc = cli_fail(&e);
out:
	services_clear(&sv);
	return rc;
}

/* ---- The reminders ---- */

/* The extract of one department: `suivi export --annee Y --pilote P -o
 * PATH`, the command's own code (its message to stdout is left out). */
static int write_extract(struct store *s, const struct mandate *m,
    int year, const char *pilot, const char *path, struct err *e)
{
	struct ops_export x;
	int rc;

	memset(&x, 0, sizeof x);
	if (!(rc = ops_export_prepare(s, m, year, pilot, "xlsx", &x, e)))
		rc = ops_export_write(&x, path, 0, e);
	ops_export_clear(&x);
	if (rc)
		err_prefix(e, "extrait du service « %s »", pilot);
	return rc;
}

int campaign_parse_date(const char *s, char *iso, size_t n)
{
	int d, mo, y, len = 0;
	struct tm tm;

	if (!s || sscanf(s, "%2d/%2d/%4d%n", &d, &mo, &y, &len) != 3 ||
	    s[len] || len != 10)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_mday = d;
	tm.tm_mon = mo - 1;
	tm.tm_year = y - 1900;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1 || tm.tm_mday != d ||
	    tm.tm_mon != mo - 1 || tm.tm_year != y - 1900)
		return -1;
	snprintf(iso, n, "%04d-%02d-%02d", y, mo, d);
	return 0;
}

static void mail_body(struct strbuf *b, const struct collectivite *coll,
    const struct service *v, int year, const char *deadline_fr)
{
	const char *coord = coll->f[C_TECH_NAME];
	size_t i;

	sb_printf(b, "Bonjour%s%s,\n\n", str_empty(v->contact_name) ? "" :
	    " ", str_empty(v->contact_name) ? "" : v->contact_name);
	sb_printf(b, "Pour le bilan annuel %d du plan d'action « Ville amie "
	    "des enfants »%s%s, merci de mettre à jour avant le %s les "
	    "actions dont le service « %s » est pilote :\n\n", year,
	    str_empty(coll->f[C_NAME]) ? "" : " de ",
	    str_empty(coll->f[C_NAME]) ? "" : coll->f[C_NAME], deadline_fr,
	    v->name);
	for (i = 0; i < v->n_items; i++)
		if (v->items[i].stale)
			sb_printf(b, "  - %s : %s\n", v->items[i].ref,
			    v->items[i].designation);
	sb_append(b, "\nVous trouverez en pièce jointe l'extrait du tableau "
	    "de suivi pour votre service. Complétez-le (avancement, "
	    "commentaires, perspectives, indicateurs) et renvoyez-le en "
	    "réponse à ce message.\n\nMerci de votre contribution.\n\n");
	sb_printf(b, "%s\n", str_empty(coord) ? "La coordination du plan "
	    "d'action" : coord);
	if (!str_empty(coll->f[C_TECH_DEPARTMENT]))
		sb_printf(b, "%s\n", coll->f[C_TECH_DEPARTMENT]);
	if (!str_empty(coll->f[C_TECH_EMAIL]))
		sb_printf(b, "%s\n", coll->f[C_TECH_EMAIL]);
	if (!str_empty(coll->f[C_TECH_PHONE]))
		sb_printf(b, "%s\n", coll->f[C_TECH_PHONE]);
}

/* path with its last ".xlsx" replaced by ext */
static char *with_ext(const char *path, const char *ext)
{
	struct strbuf sb = {0};
	size_t n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".xlsx") == 0)
		n -= 5;
	sb_append_n(&sb, path, n);
	sb_append(&sb, ext);
	return sb_steal(&sb);
}

static int one_reminder(struct store *s, const struct mandate *m,
    const struct campaign_opts *o, const struct collectivite *coll,
    const struct service *v, struct campaign_report *r, struct err *e)
{
	struct plan stub;
	struct mail ml;
	struct strbuf body = {0}, subj = {0}, msg = {0}, seed = {0};
	char date_fr[FR_DATE_LEN], *name = NULL, *xlsx = NULL, *eml = NULL;
	const char *base;
	int rc;

	memset(&stub, 0, sizeof stub);
	stub.coll = *coll;
	fr_date(o->deadline, date_fr, sizeof date_fr);
	if (!(name = export_default_name(&stub, o->year, v->name, "xlsx")))
		return err_nomem(e);
	sb_printf(&body, "%s/%s", o->dir, name);
	xlsx = sb_steal(&body);
	if (!xlsx || !(eml = with_ext(xlsx, ".eml"))) {
		rc = err_nomem(e);
		goto out;
	}
	if ((rc = write_extract(s, m, o->year, v->name, xlsx, e)))
		goto out;
	mail_body(&body, coll, v, o->year, date_fr);
	sb_printf(&subj, "Bilan %d Ville amie des enfants : %zu action%s à "
	    "mettre à jour avant le %s", o->year, v->n_stale,
	    v->n_stale > 1 ? "s" : "", date_fr);
	sb_printf(&seed, "%s|%d|%s", v->key, o->year, o->deadline);
	base = strrchr(xlsx, '/') ? strrchr(xlsx, '/') + 1 : xlsx;
	memset(&ml, 0, sizeof ml);
	ml.from_name = coll->f[C_TECH_NAME];
	ml.from_addr = str_empty(coll->f[C_TECH_EMAIL]) ? NULL :
	    coll->f[C_TECH_EMAIL];
	ml.to_name = v->contact_name;
	ml.to_addr = str_empty(v->email) ? NULL : v->email;
	ml.subject = sb_str(&subj);
	ml.body = sb_str(&body);
	ml.attach_path = xlsx;
	ml.attach_name = base;
	ml.attach_type = "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet";
	ml.date = clock_now();
	ml.id_seed = sb_str(&seed);
	if ((rc = mail_compose(&ml, &msg, e)) ||
	    (rc = mail_write_file(eml, msg.buf, msg.len, e)))
		goto out;
	r->written++;
	sb_printf(&r->text, "%s : %zu action%s à mettre à jour ; %s et son "
	    "extrait .xlsx", v->name, v->n_stale, v->n_stale > 1 ? "s" : "",
	    strrchr(eml, '/') ? strrchr(eml, '/') + 1 : eml);
	if (!ml.to_addr) {
		r->no_contact++;
		sb_append(&r->text, " — pas de contact : courriel sans "
		    "destinataire (contact : touche c de l'écran Services, ou "
		    "suivi services --contact)");
	} else if (o->send) {
		if ((rc = mail_send(msg.buf, msg.len, e))) {
			sb_printf(&r->text, " — NON ENVOYÉ : %s", e->msg);
			r->failed++;
			err_clear(e);
			rc = 0;
		} else {
			sb_printf(&r->text, " — envoyé à %s", ml.to_addr);
			r->sent++;
		}
	} else {
		sb_printf(&r->text, " — pour %s", ml.to_addr);
	}
	sb_append_c(&r->text, '\n');
out:
	sb_free(&body);
	sb_free(&subj);
	sb_free(&msg);
	sb_free(&seed);
	free(name);
	free(xlsx);
	free(eml);
	return rc;
}

int campaign_reminders(struct store *s, const struct mandate *m,
    const struct campaign_opts *o, struct campaign_report *r,
    struct err *e)
{
	struct services sv = {0};
	struct collectivite coll;
	struct stat st;
	size_t i;
	int rc;

	memset(&coll, 0, sizeof coll);
	if (stat(o->dir, &st) != 0)
		return err_set(e, ERR_INVALID, "%s : %s", o->dir,
		    errno == ENOENT ? "dossier introuvable" :
		    err_fr_errno(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(e, ERR_INVALID, "%s n'est pas un dossier",
		    o->dir);
	if ((rc = store_get_collectivite(s, &coll, e)) ||
	    (rc = store_list_services(s, m->id, o->year, &sv, e)))
		goto out;
	for (i = 0; i < sv.n && !rc; i++) {
		if (!sv.v[i].n_stale) {
			r->up_to_date++;
			continue;
		}
		rc = one_reminder(s, m, o, &coll, &sv.v[i], r, e);
	}
	if (!rc && str_empty(coll.f[C_TECH_EMAIL]))
		sb_append(&r->text, "Présentation : pas de courriel du "
		    "référent technique, les courriels n'ont pas d'expéditeur "
		    "(From)\n");
out:
	services_clear(&sv);
	collectivite_clear(&coll);
	return rc;
}

void campaign_report_clear(struct campaign_report *r)
{
	sb_free(&r->text);
	memset(r, 0, sizeof *r);
}

int cmd_relances(struct cli *c, const struct cli_args *a)
{
	struct campaign_opts o;
	struct campaign_report r = {0};
	struct err e = {0};
	const char *year_arg = cli_arg(a, "annee"), *due = cli_arg(a,
	    "echeance");
	char iso[16];
	int rc;

	memset(&o, 0, sizeof o);
	o.dir = cli_arg(a, "o");
	o.send = cli_flag(a, "envoyer") > 0;
	if (!o.dir)
		return cli_usage("relances : -o DOSSIER est obligatoire (le "
		    "dossier où écrire les extraits et les courriels)");
	if (due && campaign_parse_date(due, iso, sizeof iso))
		return cli_usage("--echeance : « %s » n'est pas une date "
		    "(attendu JJ/MM/AAAA, par exemple 15/01/2027)", due);
	if ((rc = cli_open(c, 0)))
		return rc;
	if (year_arg) {
		if ((rc = cli_parse_year(c, year_arg, &o.year)))
			return rc;
	} else {
		o.year = default_year(&c->mandate);
	}
	if (!due)
		campaign_default_deadline(iso, sizeof iso);
	o.deadline = iso;
	rc = campaign_reminders(c->store, &c->mandate, &o, &r, &e);
	fputs(sb_str(&r.text), stdout);
	if (rc) {
		rc = cli_fail(&e);
	} else {
		printf("%zu courriel%s écrit%s dans %s", r.written,
		    r.written > 1 ? "s" : "", r.written > 1 ? "s" : "", o.dir);
		if (o.send)
			printf(", %zu envoyé%s", r.sent, r.sent > 1 ? "s" : "");
		else
			printf(" (rien n'est envoyé sans --envoyer)");
		printf(" ; %zu service%s à jour.\n", r.up_to_date,
		    r.up_to_date > 1 ? "s" : "");
		rc = r.failed ? 3 : 0;
	}
	campaign_report_clear(&r);
	return rc;
}

void campaign_default_deadline(char *iso, size_t n)
{
	time_t t = (time_t)clock_now() + 21 * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(iso, n, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday);
}
