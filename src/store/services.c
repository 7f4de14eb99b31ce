/*
 * services.c - the coordinator's campaign: one line per department
 * (pilot), its contact, its actions and how many are still to update,
 * and the answers taken back (imports of its own extract).
 *
 * Departments come from the pilots of the live actions (pilots_split:
 * one action with several pilots counts for each), known by their key
 * (pilot_key). Cancelled actions are left out: nobody is asked to
 * update them. The reference is the done review of the latest year
 * before the campaign's year: "mis à jour" means updated since it, "à
 * mettre à jour" not (as the plan's filter, which takes the last done
 * review).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store.h"
#include "store_priv.h"

static int cmp_service(const void *x, const void *y)
{
	const struct service *a = x, *b = y;

	return strcmp(a->key, b->key);
}

static struct service *find_or_add(struct services *sv, const char *name,
    const char *key)
{
	struct service *v;
	size_t i;

	for (i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i].key, key) == 0)
			return &sv->v[i];
	if (!(v = realloc(sv->v, (sv->n + 1) * sizeof *v)))
		return NULL;
	sv->v = v;
	v = &v[sv->n];
	memset(v, 0, sizeof *v);
	if (!(v->name = xstrdup(name)) || !(v->key = xstrdup(key))) {
		free(v->name);
		free(v->key);
		return NULL;
	}
	sv->n++;
	return v;
}

static int add_item(struct service *v, const char *ref, const char *title,
    int stale)
{
	struct service_item *it = realloc(v->items, (v->n_items + 1) *
	    sizeof *it);

	if (!it)
		return ERR_NOMEM;
	v->items = it;
	it = &it[v->n_items];
	memset(it, 0, sizeof *it);
	it->stale = stale;
	if (!(it->ref = xstrdup(ref ? ref : "")) ||
	    !(it->designation = xstrdup(title ? title : ""))) {
		free(it->ref);
		free(it->designation);
		return ERR_NOMEM;
	}
	v->n_items++;
	return 0;
}

/* One action counted for each of its departments. */
static int count_action(struct services *sv, sqlite3_stmt *st)
{
	const char *ref = (const char *)sqlite3_column_text(st, 0);
	const char *title = (const char *)sqlite3_column_text(st, 1);
	const char *pilots = (const char *)sqlite3_column_text(st, 2);
	const char *at = (const char *)sqlite3_column_text(st, 3);
	const char *by = (const char *)sqlite3_column_text(st, 4);
	char **names;
	size_t n, i;
	int stale, rc = 0;

	stale = !at || (sv->since && strcmp(at, sv->since) < 0);
	if (pilots_split(pilots, &names, &n))
		return ERR_NOMEM;
	for (i = 0; i < n && !rc; i++) {
		char *key = pilot_key(names[i]);
		struct service *v = key ? find_or_add(sv, names[i], key) : NULL;

		free(key);
		if (!v) {
			rc = ERR_NOMEM;
			break;
		}
		v->n_actions++;
		if (stale)
			v->n_stale++;
		else
			v->n_updated++;
		if (at && (!v->last_at || strcmp(at, v->last_at) > 0)) {
			free(v->last_at);
			free(v->last_by);
			v->last_at = xstrdup(at);
			v->last_by = by ? xstrdup(by) : NULL;
			if (!v->last_at)
				rc = ERR_NOMEM;
		}
		if (!rc)
			rc = add_item(v, ref, title, stale);
	}
	pilots_free(names, n);
	return rc;
}

int store_list_services(struct store *s, int64_t mandate_id, int year,
    struct services *out, struct err *e)
{
	static const char sql_since[] = "SELECT year, max(done_at) FROM review "
	    "WHERE mandate_id = ?1 AND done = 1 AND year < ?2 "
	    "GROUP BY year ORDER BY year DESC LIMIT 1";
	static const char sql_actions[] = "SELECT ref, designation, pilots, "
	    "updated_at, updated_by FROM action WHERE mandate_id = ?1 AND "
	    "cancelled = 0 ORDER BY engagement, sort_key";
	static const char sql_contact[] = "SELECT key, contact_name, email "
	    "FROM service_contact";
	static const char sql_answer[] = "SELECT key, max(applied_at) FROM "
	    "service_answer WHERE mandate_id = ?1 AND (?2 IS NULL OR "
	    "applied_at >= ?2) GROUP BY key";
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = sp_prep(s, sql_since, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, year);
	if (sp_row(s, st, &rc, "lecture des bilans", e)) {
		out->since_year = sqlite3_column_int(st, 0);
		out->since = sp_col_text(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, sql_actions, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	while (!rc && sp_row(s, st, &rc, "lecture des actions", e))
		if ((rc = count_action(out, st)))
			err_set(e, rc, "mémoire insuffisante");
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, sql_contact, &st, e)))
		goto out;
	while (sp_row(s, st, &rc, "lecture des contacts des services", e)) {
		const char *key = (const char *)sqlite3_column_text(st, 0);

		for (i = 0; key && i < out->n; i++)
			if (strcmp(out->v[i].key, key) == 0) {
				out->v[i].contact_name = sp_col_text(st, 1);
				out->v[i].email = sp_col_text(st, 2);
			}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, sql_answer, &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, out->since);
	while (sp_row(s, st, &rc, "lecture des réponses des services", e)) {
		const char *key = (const char *)sqlite3_column_text(st, 0);

		for (i = 0; key && i < out->n; i++)
			if (strcmp(out->v[i].key, key) == 0)
				out->v[i].answered_at = sp_col_text(st, 1);
	}
	if (!rc && out->n)
		qsort(out->v, out->n, sizeof *out->v, cmp_service);
out:
	sqlite3_finalize(st);
	if (rc)
		services_clear(out);
	return rc;
}

void services_clear(struct services *sv)
{
	size_t i, j;

	for (i = 0; i < sv->n; i++) {
		struct service *v = &sv->v[i];

		for (j = 0; j < v->n_items; j++) {
			free(v->items[j].ref);
			free(v->items[j].designation);
		}
		free(v->items);
		free(v->name);
		free(v->key);
		free(v->contact_name);
		free(v->email);
		free(v->last_at);
		free(v->last_by);
		free(v->answered_at);
	}
	free(sv->v);
	free(sv->since);
	memset(sv, 0, sizeof *sv);
}

int service_email_check(const char *email, struct err *e)
{
	const char *at, *p;

	if (str_empty(email))
		return 0;
	at = strchr(email, '@');
	for (p = email; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f ||
		    strchr("<>,;:\"()[]\\", *p))
			break;
	if (*p || !at || at == email || !at[1] || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.'))
		return err_set(e, ERR_INVALID, "« %s » n'est pas une adresse "
		    "électronique (attendu : nom@domaine.fr, sans espace)",
		    email);
	return 0;
}

int store_set_service_contact(struct store *s, const char *service,
    const char *contact_name, const char *email, struct err *e)
{
	static const char sql[] = "INSERT INTO service_contact (key, name, "
	    "contact_name, email, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6) ON CONFLICT (key) DO UPDATE SET name = ?2, "
	    "contact_name = ?3, email = ?4, updated_at = ?5, updated_by = ?6";
	sqlite3_stmt *st = NULL;
	char now[32], *key = NULL;
	const char *p;
	int rc;

	if (str_empty(service))
		return err_set(e, ERR_INVALID, "le nom du service est vide");
	for (p = contact_name; p && *p; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return err_set(e, ERR_INVALID, "le nom du contact du "
			    "service « %s » contient un caractère de contrôle "
			    "(retour à la ligne, tabulation…)", service);
	if ((rc = service_email_check(email, e)))
		return rc;
	if (!(key = pilot_key(service)))
		return err_nomem(e);
	sp_now_str(now, sizeof now);
	if ((rc = sp_tx_begin(s, e)))
		goto out;
	if (!(rc = sp_prep(s, sql, &st, e))) {
		sp_bind_text(st, 1, key);
		sp_bind_text(st, 2, service);
		sp_bind_text(st, 3, str_empty(contact_name) ? NULL :
		    contact_name);
		sp_bind_text(st, 4, str_empty(email) ? NULL : email);
		sp_bind_text(st, 5, now);
		sp_bind_text(st, 6, user_login());
		rc = sp_exec1(s, st, "enregistrement du contact du service", e);
	}
	rc = sp_tx_end(s, rc, e);
out:
	sqlite3_finalize(st);
	free(key);
	return rc;
}

int store_record_service_answer(struct store *s, int64_t mandate_id,
    const char *service, const char *file, struct err *e)
{
	static const char sql[] = "INSERT INTO service_answer (mandate_id, "
	    "key, file, applied_at, applied_by) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = NULL;
	char now[32], *key;
	int rc;

	if (str_empty(service))
		return 0;
	if (!(key = pilot_key(service)))
		return err_nomem(e);
	sp_now_str(now, sizeof now);
	if ((rc = sp_tx_begin(s, e)))
		goto out;
	if (!(rc = sp_prep(s, sql, &st, e))) {
		sqlite3_bind_int64(st, 1, mandate_id);
		sp_bind_text(st, 2, key);
		sp_bind_text(st, 3, file);
		sp_bind_text(st, 4, now);
		sp_bind_text(st, 5, user_login());
		rc = sp_exec1(s, st, "enregistrement de la réponse du service",
		    e);
	}
	rc = sp_tx_end(s, rc, e);
out:
	sqlite3_finalize(st);
	free(key);
	return rc;
}
