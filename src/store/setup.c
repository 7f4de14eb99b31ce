/*
 * setup.c - what a base is about: referentials and their priority
 * actions, mandates, the collectivité, and the first init.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fs.h"
#include "store.h"
#include "store_priv.h"

static int insert_referential(struct store *s, const struct referential *r,
    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int64_t rid;
	size_t i;
	int rc;

	if ((rc = sp_prep(s, "INSERT INTO referential (code, name, track, "
	    "mandate, previous) VALUES (?, ?, ?, ?, ?)", &st, e)))
		return rc;
	sp_bind_text(st, 1, r->code);
	sp_bind_text(st, 2, r->name);
	sp_bind_text(st, 3, r->track);
	sp_bind_text(st, 4, r->mandate);
	sp_bind_text(st, 5, r->previous);
	rc = sp_exec1(s, st, "référentiel", e);
	sqlite3_finalize(st);
	if (rc)
		return rc;
	rid = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < r->n_engagements && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_engagement (referential_id, "
		    "number, title, provisional) VALUES (?, ?, ?, ?)", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int(st, 2, r->engagements[i].number);
		sp_bind_text(st, 3, r->engagements[i].title);
		sqlite3_bind_int(st, 4, r->engagements[i].provisional);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	for (i = 0; i < r->n_recommendations && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_recommendation "
		    "(referential_id, code, engagement, text, provisional) "
		    "VALUES (?, ?, ?, ?, ?)", &st, e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sp_bind_text(st, 2, r->recommendations[i].code);
		sqlite3_bind_int(st, 3, r->recommendations[i].engagement);
		sp_bind_text(st, 4, r->recommendations[i].text);
		sqlite3_bind_int(st, 5, r->recommendations[i].provisional);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	for (i = 0; i < r->n_priorities && !rc; i++)
		rc = store_add_priority(s, rid, &r->priorities[i], e);
	for (i = 0; i < r->n_mappings && !rc; i++) {
		if ((rc = sp_prep(s, "INSERT INTO ref_mapping (referential_id, "
		    "from_engagement, to_engagement) VALUES (?, ?, ?)", &st,
		    e)))
			return rc;
		sqlite3_bind_int64(st, 1, rid);
		sqlite3_bind_int(st, 2, r->mappings[i].from);
		sqlite3_bind_int(st, 3, r->mappings[i].to);
		rc = sp_exec1(s, st, "référentiel", e);
		sqlite3_finalize(st);
	}
	if (!rc && id)
		*id = rid;
	return rc;
}

int store_add_referential(struct store *s, const struct referential *r,
    int64_t *id, struct err *e)
{
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	rc = insert_referential(s, r, id, e);
	return sp_tx_end(s, rc, e);
}

int store_add_priority(struct store *s, int64_t referential_id,
    const struct ref_priority *p, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_prep(s, "INSERT INTO ref_priority (referential_id, code, "
	    "engagement, recommendation, designation, example) "
	    "VALUES (?, ?, ?, ?, ?, ?)", &st, e)))
		return sp_tx_end(s, rc, e);
	sqlite3_bind_int64(st, 1, referential_id);
	sp_bind_text(st, 2, p->code);
	sqlite3_bind_int(st, 3, p->engagement);
	sp_bind_text(st, 4, p->recommendation);
	sp_bind_text(st, 5, p->designation);
	sqlite3_bind_int(st, 6, p->example);
	rc = sp_exec1(s, st, "action prioritaire du référentiel", e);
	sqlite3_finalize(st);
	return sp_tx_end(s, rc, e);
}

int store_get_referential(struct store *s, int64_t id,
    struct referential **out, struct err *e)
{
	struct referential *r = calloc(1, sizeof *r);
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (!r)
		return err_nomem(e);
	r->id = id;
	if ((rc = sp_prep(s, "SELECT code, name, track, mandate, previous FROM "
	    "referential WHERE id = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (!sp_row(s, st, &rc, "lecture du référentiel", e)) {
		if (!rc)
			rc = err_set(e, ERR_NOTFOUND, "référentiel introuvable");
		goto out;
	}
	r->code = sp_col_text(st, 0);
	r->name = sp_col_text(st, 1);
	r->track = sp_col_text(st, 2);
	r->mandate = sp_col_text(st, 3);
	r->previous = sp_col_text(st, 4);
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT number, title, provisional FROM ref_engagement WHERE "
	    "referential_id = ? ORDER BY number", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sp_row(s, st, &rc, "lecture du référentiel", e)) {
		GROW(r->engagements, r->n_engagements);
		r->engagements[r->n_engagements].number =
		    sqlite3_column_int(st, 0);
		r->engagements[r->n_engagements].provisional =
		    sqlite3_column_int(st, 2);
		r->engagements[r->n_engagements++].title = sp_col_text(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, "SELECT code, engagement, text, provisional FROM "
	    "ref_recommendation WHERE referential_id = ? ORDER BY "
	    "engagement, code", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sp_row(s, st, &rc, "lecture du référentiel", e)) {
		struct ref_recommendation *rr;

		GROW(r->recommendations, r->n_recommendations);
		rr = &r->recommendations[r->n_recommendations++];
		rr->code = sp_col_text(st, 0);
		rr->engagement = sqlite3_column_int(st, 1);
		rr->text = sp_col_text(st, 2);
		rr->provisional = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, "SELECT code, engagement, recommendation, "
	    "designation, example FROM ref_priority WHERE referential_id = ? "
	    "ORDER BY engagement, code", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sp_row(s, st, &rc, "lecture du référentiel", e)) {
		struct ref_priority *rp;

		GROW(r->priorities, r->n_priorities);
		rp = &r->priorities[r->n_priorities++];
		rp->code = sp_col_text(st, 0);
		rp->engagement = sqlite3_column_int(st, 1);
		rp->recommendation = sp_col_text(st, 2);
		rp->designation = sp_col_text(st, 3);
		rp->example = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc || (rc = sp_prep(s, "SELECT from_engagement, to_engagement FROM "
	    "ref_mapping WHERE referential_id = ? ORDER BY from_engagement",
	    &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	while (sp_row(s, st, &rc, "lecture du référentiel", e)) {
		GROW(r->mappings, r->n_mappings);
		r->mappings[r->n_mappings].from = sqlite3_column_int(st, 0);
		r->mappings[r->n_mappings++].to = sqlite3_column_int(st, 1);
	}
out:
	sqlite3_finalize(st);
	if (rc)
		referential_free(&r);
	else
		*out = r;
	return rc;
}

static void read_mandate(sqlite3_stmt *st, struct mandate *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->label = sp_col_text(st, 1);
	m->year_first = sqlite3_column_int(st, 2);
	m->year_last = sqlite3_column_int(st, 3);
	m->referential_id = sqlite3_column_int64(st, 4);
	m->archived = sqlite3_column_int(st, 5);
	m->previous_id = sqlite3_column_int64(st, 6);
}

#define MANDATE_COLS "id, label, year_first, year_last, referential_id, " \
	"archived, previous_id"

int store_active_mandate(struct store *s, struct mandate *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate ORDER BY "
	    "archived, year_first DESC LIMIT 1", &st, e)))
		return rc;
	if (sp_row(s, st, &rc, "lecture des mandats", e))
		read_mandate(st, out);
	else if (!rc)
		rc = err_set(e, ERR_NOTFOUND,
		    "la base %s n'a pas de mandat : lancez « suivi init »",
		    s->path);
	sqlite3_finalize(st);
	return rc;
}

int store_find_mandate(struct store *s, const char *label,
    struct mandate *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate WHERE "
	    "label = ?", &st, e)))
		return rc;
	sp_bind_text(st, 1, label);
	if (sp_row(s, st, &rc, "lecture des mandats", e))
		read_mandate(st, out);
	else if (!rc)
		rc = err_set(e, ERR_NOTFOUND, "mandat « %s » inconnu", label);
	sqlite3_finalize(st);
	return rc;
}

int store_list_mandates(struct store *s, struct mandate **out, size_t *n,
    struct err *e)
{
	struct mandate *v = NULL;
	sqlite3_stmt *st = NULL;
	size_t nv = 0;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate ORDER BY "
	    "year_first, id", &st, e)))
		return rc;
	while (sp_row(s, st, &rc, "lecture des mandats", e)) {
		GROW(v, nv);
		read_mandate(st, &v[nv++]);
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		while (nv)
			mandate_clear(&v[--nv]);
		free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

static int insert_mandate(struct store *s, const char *label,
    int64_t referential_id, int64_t *id, struct err *e)
{
	struct mandate prev = {0};
	sqlite3_stmt *st;
	char at[32];
	int first, last, rc, has_prev;

	if ((rc = mandate_parse_label(label, &first, &last, e)))
		return rc;
	has_prev = store_active_mandate(s, &prev, NULL) == 0;
	if (has_prev && prev.year_first >= first) {
		rc = err_set(e, ERR_INVALID,
		    "le mandat %s doit commencer après le mandat actif %s",
		    label, prev.label);
		mandate_clear(&prev);
		return rc;
	}
	sp_now_str(at, sizeof at);
	if ((rc = sp_prep(s, "UPDATE mandate SET archived = 1", &st, e)))
		goto out;
	rc = sp_exec1(s, st, "mandat", e);
	sqlite3_finalize(st);
	if (rc)
		goto out;
	if ((rc = sp_prep(s, "INSERT INTO mandate (label, year_first, year_last, "
	    "referential_id, previous_id, created_at) VALUES (?, ?, ?, ?, ?, "
	    "?)", &st, e)))
		goto out;
	sp_bind_text(st, 1, label);
	sqlite3_bind_int(st, 2, first);
	sqlite3_bind_int(st, 3, last);
	sqlite3_bind_int64(st, 4, referential_id);
	sp_bind_int_or_null(st, 5, has_prev ? prev.id : 0);
	sp_bind_text(st, 6, at);
	rc = sp_exec1(s, st, "mandat", e);
	sqlite3_finalize(st);
	if (rc) {
		if (e && strstr(e->msg, "UNIQUE"))
			err_set(e, ERR_INVALID, "le mandat %s existe déjà",
			    label);
		goto out;
	}
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = sp_journal_add(s, sqlite3_last_insert_rowid(s->db), JE_MANDATE,
	    sqlite3_last_insert_rowid(s->db), label,
	    journal_field_name(JF_CREATION), NULL, label, 0, e);
out:
	mandate_clear(&prev);
	return rc;
}

int store_add_mandate(struct store *s, const char *label,
    int64_t referential_id, int64_t *id, struct err *e)
{
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	rc = insert_mandate(s, label, referential_id, id, e);
	return sp_tx_end(s, rc, e);
}

/* Column names of collectivite, in enum coll_field order. */
static const char *const coll_cols =
    "nom, type, code, departement, elu_nom, elu_fonction, elu_email, "
    "elu_telephone, technique_nom, technique_service, technique_email, "
    "technique_telephone, benevoles";

int store_init(struct store *s, const char *collectivite,
    const struct referential *ref, const char *mandate_label,
    struct err *e)
{
	sqlite3_stmt *st;
	int64_t rid;
	int rc;

	if (str_empty(collectivite))
		return err_set(e, ERR_INVALID,
		    "le nom de la collectivité est obligatoire");
	if ((rc = coll_field_check(C_NAME, collectivite, e)))
		return rc;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if (store_initialized(s)) {
		rc = err_set(e, ERR_INVALID,
		    "la base %s est déjà initialisée", s->path);
		goto out;
	}
	if ((rc = sp_prep(s, "INSERT INTO collectivite (id, nom) VALUES (1, ?)",
	    &st, e)))
		goto out;
	sp_bind_text(st, 1, collectivite);
	rc = sp_exec1(s, st, "collectivité", e);
	sqlite3_finalize(st);
	if (!rc)
		rc = insert_referential(s, ref, &rid, e);
	if (!rc)
		rc = insert_mandate(s, mandate_label, rid, NULL, e);
out:
	return sp_tx_end(s, rc, e);
}

int store_get_collectivite(struct store *s, struct collectivite *out,
    struct err *e)
{
	static const char sql[] = "SELECT nom, type, code, departement, "
	    "elu_nom, elu_fonction, elu_email, elu_telephone, technique_nom, "
	    "technique_service, technique_email, technique_telephone, "
	    "benevoles FROM collectivite WHERE id = 1";
	sqlite3_stmt *st;
	int rc, i;

	(void)coll_cols;
	if ((rc = sp_prep(s, sql, &st, e)))
		return rc;
	memset(out, 0, sizeof *out);
	if (sp_row(s, st, &rc, "lecture de la collectivité", e)) {
		for (i = 0; i < C_COUNT; i++)
			out->f[i] = sp_col_text(st, i);
	} else if (!rc) {
		rc = err_set(e, ERR_NOTFOUND,
		    "la base %s n'a pas de collectivité : lancez « suivi "
		    "init »", s->path);
	}
	sqlite3_finalize(st);
	return rc;
}

int store_set_collectivite(struct store *s, enum coll_field f,
    const char *value, struct err *e)
{
	/* One statement per column: no SQL is built from data. */
	static const char *const sql[C_COUNT] = {
		"UPDATE collectivite SET nom = ? WHERE id = 1",
		"UPDATE collectivite SET type = ? WHERE id = 1",
		"UPDATE collectivite SET code = ? WHERE id = 1",
		"UPDATE collectivite SET departement = ? WHERE id = 1",
		"UPDATE collectivite SET elu_nom = ? WHERE id = 1",
		"UPDATE collectivite SET elu_fonction = ? WHERE id = 1",
		"UPDATE collectivite SET elu_email = ? WHERE id = 1",
		"UPDATE collectivite SET elu_telephone = ? WHERE id = 1",
		"UPDATE collectivite SET technique_nom = ? WHERE id = 1",
		"UPDATE collectivite SET technique_service = ? WHERE id = 1",
		"UPDATE collectivite SET technique_email = ? WHERE id = 1",
		"UPDATE collectivite SET technique_telephone = ? WHERE id = 1",
		"UPDATE collectivite SET benevoles = ? WHERE id = 1",
	};
	struct collectivite cur = {0};
	sqlite3_stmt *st;
	int rc;

	if ((unsigned)f >= C_COUNT)
		return err_set(e, ERR_INVALID, "champ inconnu");
	if ((rc = coll_field_check(f, value, e)))
		return rc;
	if (value && !*value)
		value = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = store_get_collectivite(s, &cur, e)))
		goto out;
	if (str_eq(cur.f[f], value))
		goto out;
	if ((rc = sp_prep(s, sql[f], &st, e)))
		goto out;
	sp_bind_text(st, 1, value);
	rc = sp_exec1(s, st, "collectivité", e);
	sqlite3_finalize(st);
	if (!rc)
		rc = sp_journal_add(s, 0, JE_COLLECTIVITE, 1, coll_fields[f].name,
		    coll_fields[f].name, cur.f[f], value, 0, e);
out:
	collectivite_clear(&cur);
	return sp_tx_end(s, rc, e);
}

int sp_get_mandate_by_id(struct store *s, int64_t id, struct mandate *m,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "SELECT " MANDATE_COLS " FROM mandate WHERE id = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (sp_row(s, st, &rc, "lecture des mandats", e))
		read_mandate(st, m);
	else if (!rc)
		rc = err_set(e, ERR_NOTFOUND, "mandat introuvable");
	sqlite3_finalize(st);
	return rc;
}
