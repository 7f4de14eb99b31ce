/*
 * action.c - reading and writing the actions of a mandate: filters,
 * lists, one action, insertion with its N°, versioned updates.
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

/* One statement per column of ACTION_COLUMNS, reading column i. */
#define READ_I64(st, i) sqlite3_column_int64((st), (i))
#define READ_INT(st, i) sqlite3_column_int((st), (i))
#define READ_PROGRESS(st, i) (enum progress)sqlite3_column_int((st), (i))
#define READ_TEXT(st, i) sp_col_text((st), (i))
#define READ_COL(col, mem, kind, sum, light, w) \
	a->mem = READ_##kind(st, i++);

void sp_read_action(sqlite3_stmt *st, struct action *a)
{
	int i = 0;

	memset(a, 0, sizeof *a);
	ACTION_COLUMNS(READ_COL, )
}

/* The filter is written once, with every condition switched by its own
 * bound parameter, so that no SQL text depends on the data. */
#define FILTER_WHERE \
	" WHERE mandate_id = :m" \
	" AND (:eng = 0 OR engagement = :eng)" \
	" AND (:prog < 0 OR progress = :prog)" \
	" AND (:pilot IS NULL OR instr(suivi_fold(pilots), :pilot) > 0)" \
	" AND (:prio = 0 OR priority = 1)" \
	" AND (:canc < 0 OR cancelled = :canc)" \
	" AND (:added = 0 OR added = 1)" \
	" AND (:stale = 0 OR updated_at IS NULL OR updated_at < (SELECT " \
	"max(done_at) FROM review WHERE mandate_id = :m AND done = 1))" \
	" AND (:q IS NULL OR id IN (SELECT rowid FROM action_fts WHERE " \
	"action_fts MATCH :q))"

const char sp_sql_list_full[] = "SELECT " ACTION_COLS " FROM action"
    FILTER_WHERE " ORDER BY engagement, sort_key";

static const char sql_list_summary[] = "SELECT " ACTION_COLS_SUMMARY
    " FROM action" FILTER_WHERE " ORDER BY engagement, sort_key";

static const char sql_count[] = "SELECT count(*) FROM action" FILTER_WHERE;

int sp_step_actions(struct store *s, sqlite3_stmt *st, int64_t snapshot_id,
    int with_indicators,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e)
{
	sqlite3_stmt *si = NULL, *sv = NULL;
	struct action a;
	int rc = 0;

	if (with_indicators && ((rc = sp_prep(s, snapshot_id ? sp_sql_ind_snap :
	    sp_sql_ind_live, &si, e)) || (rc = sp_prep(s, snapshot_id ?
	    sp_sql_val_snap : sp_sql_val_live, &sv, e))))
		goto out;
	while (sp_row(s, st, &rc, "lecture des actions", e)) {
		sp_read_action(st, &a);
		if (with_indicators)
			rc = sp_read_indicators(s, si, sv, snapshot_id, &a, e);
		if (!rc)
			rc = fn(ctx, &a, e);
		action_clear(&a);
		if (rc)
			goto out;
	}
out:
	sqlite3_finalize(si);
	sqlite3_finalize(sv);
	return rc;
}

void store_filter_init(struct action_filter *f)
{
	memset(f, 0, sizeof *f);
	f->progress = -1;
	f->cancelled = -1;
}

int sp_bind_filter(sqlite3_stmt *st, int64_t mandate_id,
    const struct action_filter *f, char **fold_pilot, char **q)
{
	struct action_filter all;

	if (!f) {
		store_filter_init(&all);
		f = &all;
	}
	*fold_pilot = NULL;
	*q = NULL;
	if (!str_empty(f->pilot) && !(*fold_pilot = text_fold(f->pilot)))
		return ERR_NOMEM;
	if (!str_empty(f->search))
		*q = sp_fts_query(f->search);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":m"),
	    mandate_id);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":eng"),
	    f->engagement);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":prog"),
	    f->progress);
	sp_bind_text(st, sqlite3_bind_parameter_index(st, ":pilot"), *fold_pilot);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":prio"),
	    f->priority_only);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":canc"),
	    f->cancelled);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":added"),
	    f->added_only);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":stale"),
	    f->stale_only);
	sp_bind_text(st, sqlite3_bind_parameter_index(st, ":q"), *q);
	return 0;
}

int store_each_action(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    int (*fn)(void *ctx, const struct action *a, struct err *e),
    void *ctx, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char *pilot = NULL, *q = NULL;
	int rc;

	if ((rc = sp_prep(s, load == STORE_LOAD_FULL ? sp_sql_list_full :
	    sql_list_summary, &st, e)))
		return rc;
	if (sp_bind_filter(st, mandate_id, f, &pilot, &q))
		rc = err_nomem(e);
	else
		rc = sp_step_actions(s, st, 0, load == STORE_LOAD_FULL, fn, ctx,
		    e);
	sqlite3_finalize(st);
	free(pilot);
	free(q);
	return rc;
}

struct collect {
	struct action *v;
	size_t n, cap;
};

static int collect_fn(void *ctx, const struct action *a, struct err *e)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		void *np = realloc(c->v, cap * sizeof *c->v);

		if (!np)
			return err_nomem(e);
		c->v = np;
		c->cap = cap;
	}
	if (action_copy(&c->v[c->n], a))
		return err_nomem(e);
	c->n++;
	return 0;
}

int store_list_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, enum store_load load,
    struct action **out, size_t *n, struct err *e)
{
	struct collect c = {0};
	int rc = store_each_action(s, mandate_id, f, load, collect_fn, &c, e);

	if (rc) {
		while (c.n)
			action_clear(&c.v[--c.n]);
		free(c.v);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return 0;
}

int store_count_actions(struct store *s, int64_t mandate_id,
    const struct action_filter *f, size_t *n, struct err *e)
{
	sqlite3_stmt *st;
	char *pilot = NULL, *q = NULL;
	int rc;

	if ((rc = sp_prep(s, sql_count, &st, e)))
		return rc;
	if (sp_bind_filter(st, mandate_id, f, &pilot, &q))
		rc = err_nomem(e);
	else if (sp_row(s, st, &rc, "comptage des actions", e))
		*n = (size_t)sqlite3_column_int64(st, 0);
	else if (!rc)
		rc = sp_db_err(s, e, "comptage des actions");
	sqlite3_finalize(st);
	free(pilot);
	free(q);
	return rc;
}

static int get_action(struct store *s, const char *sql, int64_t mandate_id,
    int64_t id, const char *ref, struct action **out, struct err *e)
{
	sqlite3_stmt *st = NULL, *si = NULL, *sv = NULL;
	struct action *a = NULL;
	int rc;

	if ((rc = sp_cprep(s, sql, &st, e)))
		return rc;
	if (ref) {
		sqlite3_bind_int64(st, 1, mandate_id);
		sp_bind_text(st, 2, ref);
	} else {
		sqlite3_bind_int64(st, 1, id);
	}
	if (!sp_row(s, st, &rc, "lecture de l'action", e)) {
		if (rc)
			goto out;
		if (ref)
			rc = err_set(e, ERR_NOTFOUND,
			    "action « %s » introuvable dans ce mandat", ref);
		else
			rc = err_set(e, ERR_NOTFOUND,
			    "action introuvable (supprimée entre-temps ?)");
		goto out;
	}
	if (!(a = action_new())) {
		rc = err_nomem(e);
		goto out;
	}
	sp_read_action(st, a);
	if ((rc = sp_cprep(s, sp_sql_ind_live, &si, e)) ||
	    (rc = sp_cprep(s, sp_sql_val_live, &sv, e)) ||
	    (rc = sp_read_indicators(s, si, sv, 0, a, e)))
		goto out;
out:
	sp_release(s, st);
	sp_release(s, si);
	sp_release(s, sv);
	if (rc)
		action_free(&a);
	else
		*out = a;
	return rc;
}

int store_get_action(struct store *s, int64_t id, struct action **out,
    struct err *e)
{
	return get_action(s, "SELECT " ACTION_COLS " FROM action WHERE id = ?",
	    0, id, NULL, out, e);
}

int store_get_action_by_ref(struct store *s, int64_t mandate_id,
    const char *ref, struct action **out, struct err *e)
{
	return get_action(s, "SELECT " ACTION_COLS " FROM action WHERE "
	    "mandate_id = ? AND ref = ?", mandate_id, 0, ref ? ref : "", out,
	    e);
}

/* One bind per written column of ACTION_COLUMNS, at parameter i. */
#define BIND_KEY(st, i, v)
#define BIND_I64(st, i, v) sqlite3_bind_int64((st), (i)++, (v));
#define BIND_I64_0(st, i, v) sp_bind_int_or_null((st), (i)++, (v));
#define BIND_INT(st, i, v) sqlite3_bind_int((st), (i)++, (int)(v));
#define BIND_INT_0(st, i, v) sp_bind_int_or_null((st), (i)++, (v));
#define BIND_TEXT(st, i, v) sp_bind_text((st), (i)++, (v));
#define BIND_COL(col, mem, kind, sum, light, w) BIND_##w(st, i, a->mem)

/* Binds every written column of a (all but id) from 1, in the order of
 * ACTION_COLUMNS, then its sort key; an update's id is the last
 * parameter. */
static int bind_action(sqlite3_stmt *st, const struct action *a)
{
	char *key = ref_sort_key(a->ref);
	int i = 1;

	if (!key)
		return ERR_NOMEM;
	ACTION_COLUMNS(BIND_COL, )
	sqlite3_bind_text(st, i, key, -1, free);
	return 0;
}

static const char sql_insert_action[] = "INSERT INTO action ("
    ACTION_COLS_WRITE "sort_key) VALUES (" ACTION_PARAMS_WRITE "?)";

static const char sql_update_action[] = "UPDATE action SET "
    ACTION_SET_WRITE "sort_key = ? WHERE id = ?";

int sp_write_action(struct store *s, const struct action *a,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, sql_update_action, &st, e)))
		return rc;
	if (bind_action(st, a)) {
		sp_release(s, st);
		return err_nomem(e);
	}
	sqlite3_bind_int64(st, sqlite3_bind_parameter_count(st), a->id);
	rc = sp_exec1(s, st, "enregistrement de l'action", e);
	sp_release(s, st);
	if (rc && e && strstr(e->msg, "UNIQUE"))
		rc = err_set(e, ERR_INVALID,
		    "le N° %s est déjà utilisé dans ce mandat", a->ref);
	return rc;
}

int sp_has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_cprep(s, "SELECT count(*) FROM snapshot WHERE mandate_id = ? "
	    "AND kind = 'initial' AND current = 1", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	if (sp_row(s, st, &rc, "plan initial", e))
		*has = sqlite3_column_int(st, 0) > 0;
	else if (!rc)
		rc = sp_db_err(s, e, "plan initial");
	sp_release(s, st);
	return rc;
}

int store_has_initial(struct store *s, int64_t mandate_id, int *has,
    struct err *e)
{
	return sp_has_initial(s, mandate_id, has, e);
}

static int check_engagement(struct store *s, int64_t mandate_id,
    const struct action *a, struct err *e)
{
	sqlite3_stmt *st;
	int rc, ok = 0;

	if ((rc = sp_cprep(s, "SELECT count(*) FROM ref_engagement r JOIN mandate m "
	    "ON m.referential_id = r.referential_id WHERE m.id = ? AND "
	    "r.number = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, a->engagement);
	if (sp_row(s, st, &rc, "référentiel du mandat", e))
		ok = sqlite3_column_int(st, 0) > 0;
	sp_release(s, st);
	if (rc)
		return rc;
	if (!ok)
		return err_set(e, ERR_INVALID,
		    "engagement %d inconnu dans le référentiel du mandat",
		    a->engagement);
	if (str_empty(a->recommendation))
		return 0;
	if ((rc = sp_cprep(s, "SELECT r.engagement FROM ref_recommendation r JOIN "
	    "mandate m ON m.referential_id = r.referential_id WHERE m.id = ? "
	    "AND r.code = ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, a->recommendation);
	ok = sp_row(s, st, &rc, "référentiel du mandat", e);
	sp_release(s, st);
	if (rc)
		return rc;
	if (!ok)
		return err_set(e, ERR_INVALID,
		    "recommandation « %s » inconnue dans le référentiel du "
		    "mandat", a->recommendation);
	return 0;
}

static int next_ref(struct store *s, int64_t mandate_id, int engagement,
    char **out, struct err *e)
{
	sqlite3_stmt *st;
	char prefix[16], buf[64];
	long max = 0;
	int rc;

	snprintf(prefix, sizeof prefix, "%d.", engagement);
	if ((rc = sp_cprep(s, "SELECT ref FROM action WHERE mandate_id = ? AND "
	    "substr(ref, 1, length(?2)) = ?2", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sp_bind_text(st, 2, prefix);
	while (sp_row(s, st, &rc, "numérotation des actions", e)) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		char *end;
		long n = strtol(r + strlen(prefix), &end, 10);

		if (!*end && n > max)
			max = n;
	}
	sp_release(s, st);
	if (rc)
		return rc;
	snprintf(buf, sizeof buf, "%s%ld", prefix, max + 1);
	if (!(*out = xstrdup(buf)))
		return err_nomem(e);
	return 0;
}

static int journal_action_fields(struct store *s, const struct action *old,
    const struct action *new, int is_undo, struct err *e)
{
	struct strbuf a = {0}, b = {0};
	int f, rc = 0;

	for (f = 0; f < F_COUNT && !rc; f++) {
		if (action_fields[f].type == FIELD_DERIVED)
			continue;
		if (action_field_get(old, (enum field_id)f, 1, &a) ||
		    action_field_get(new, (enum field_id)f, 1, &b)) {
			rc = err_nomem(e);
			break;
		}
		if (strcmp(sb_str(&a), sb_str(&b)) == 0)
			continue;
		rc = sp_journal_add(s, new->mandate_id, JE_ACTION, new->id,
		    new->ref, action_fields[f].name, a.len ? sb_str(&a) : NULL,
		    b.len ? sb_str(&b) : NULL, is_undo, e);
	}
	sb_free(&a);
	sb_free(&b);
	return rc;
}

int sp_texts_changed(const struct action *a, const struct action *b)
{
	return !str_eq(a->description, b->description) ||
	    !str_eq(a->comments, b->comments) ||
	    !str_eq(a->perspectives, b->perspectives);
}

int store_add_action(struct store *s, int64_t mandate_id, struct action *a,
    struct err *e)
{
	struct mandate m = {0};
	sqlite3_stmt *st = NULL;
	char at[32];
	char *ref = NULL;
	int rc, initial = 0;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	a->mandate_id = mandate_id;
	if ((rc = action_validate(a, e)) ||
	    (rc = check_engagement(s, mandate_id, a, e)) ||
	    (rc = sp_has_initial(s, mandate_id, &initial, e)))
		goto out;
	if (initial && !a->added)
		a->added = 1;
	if (initial && str_empty(a->added_reason)) {
		rc = err_set(e, ERR_INVALID,
		    "le plan initial est figé : cette action sera marquée "
		    "« Action supplémentaire au plan d'action initial » ; "
		    "indiquez pourquoi elle est ajoutée (added_reason=…)");
		goto out;
	}
	if (str_empty(a->ref)) {
		if ((rc = next_ref(s, mandate_id, a->engagement, &ref, e)))
			goto out;
		free(a->ref);
		a->ref = ref;
	}
	sp_now_str(at, sizeof at);
	a->version = 1;
	if (str_replace(&a->created_at, at) ||
	    str_replace(&a->updated_at, at) ||
	    str_replace(&a->updated_by, user_login()) ||
	    (!a->texts_updated_at &&
	    (a->description || a->comments || a->perspectives) &&
	    str_replace(&a->texts_updated_at, at))) {
		rc = err_nomem(e);
		goto out;
	}
	if ((rc = sp_cprep(s, sql_insert_action, &st, e)))
		goto out;
	if (bind_action(st, a)) {
		rc = err_nomem(e);
		goto out;
	}
	rc = sp_exec1(s, st, "création de l'action", e);
	if (rc) {
		if (e && strstr(e->msg, "UNIQUE"))
			rc = err_set(e, ERR_INVALID,
			    "le N° %s est déjà utilisé dans ce mandat", a->ref);
		goto out;
	}
	a->id = sqlite3_last_insert_rowid(s->db);
	if (!s->created_from)
		s->created_from = a->id;
	rc = sp_journal_add(s, mandate_id, JE_ACTION, a->id, a->ref,
	    journal_field_name(JF_CREATION), NULL, a->designation, 0, e);
out:
	sp_release(s, st);
	mandate_clear(&m);
	rc = sp_tx_end(s, rc, e);
	if (rc)
		a->id = 0;
	return rc;
}

/* Length of at most max bytes of s that ends on a character boundary
 * (for "%.*s" in messages). */
int sp_clip_len(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n <= max)
		return (int)n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return (int)max;
}

/* A renumbered action (a->ref) must not take the N° of another action of
 * its mandate: the refusal names that action and a free N°. */
static int check_ref_free(struct store *s, const struct action *old,
    const struct action *a, struct err *e)
{
	sqlite3_stmt *st;
	char *holder = NULL, *free_ref = NULL;
	int rc, taken = 0;

	if ((rc = sp_prep(s, "SELECT designation FROM action WHERE "
	    "mandate_id = ? AND ref = ? AND id <> ?", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, old->mandate_id);
	sp_bind_text(st, 2, a->ref);
	sqlite3_bind_int64(st, 3, old->id);
	if (sp_row(s, st, &rc, "lecture des N°", e)) {
		taken = 1;
		holder = sp_col_text(st, 0);
	}
	sqlite3_finalize(st);
	if (rc || !taken)
		return rc;
	if ((rc = next_ref(s, old->mandate_id, a->engagement, &free_ref, e))) {
		free(holder);
		return rc;
	}
	rc = err_set(e, ERR_INVALID, "le N° %s est déjà celui de l'action "
	    "« %.*s%s » dans ce mandat : choisissez un N° libre (%s par "
	    "exemple)", a->ref, sp_clip_len(holder, 60), holder ? holder : "",
	    sp_clip_len(holder, 60) < (int)(holder ? strlen(holder) : 0) ? "…" :
	    "", free_ref);
	free(holder);
	free(free_ref);
	return rc;
}

int store_update_action(struct store *s, struct action *a, struct err *e)
{
	struct action *old = NULL;
	struct action upd;
	char at[32];
	int rc;

	memset(&upd, 0, sizeof upd);
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = store_get_action(s, a->id, &old, e)))
		goto out;
	if (old->version != a->version) {
		rc = err_set(e, ERR_CONFLICT,
		    "action %s : modifiée par %s le %s depuis votre lecture",
		    old->ref, old->updated_by ? old->updated_by : "?",
		    fr_datetime(old->updated_at,
		    (char[FR_DATE_LEN]){0}, FR_DATE_LEN));
		goto out;
	}
	if ((rc = action_check_update(old, a, e)))
		goto out;
	if (!str_eq(a->ref, old->ref) && (rc = check_ref_free(s, old, a, e)))
		goto out;
	if (a->engagement != old->engagement || !str_eq(a->recommendation,
	    old->recommendation)) {
		if ((rc = check_engagement(s, old->mandate_id, a, e)))
			goto out;
	}
	if ((rc = action_copy(&upd, a))) {
		rc = err_nomem(e);
		goto out;
	}
	/* Fields the caller does not own come from the stored row. */
	upd.mandate_id = old->mandate_id;
	upd.version = old->version + 1;
	sp_now_str(at, sizeof at);
	if (str_replace(&upd.created_at, old->created_at) ||
	    str_replace(&upd.updated_at, at) ||
	    str_replace(&upd.updated_by, user_login()) ||
	    str_replace(&upd.texts_updated_at, sp_texts_changed(old, a) ? at :
	    old->texts_updated_at)) {
		rc = err_nomem(e);
		goto out;
	}
	if ((rc = journal_action_fields(s, old, &upd, 0, e)))
		goto out;
	if ((rc = sp_write_action(s, &upd, e)))
		goto out;
	a->version = upd.version;
	if (str_replace(&a->updated_at, upd.updated_at) ||
	    str_replace(&a->updated_by, upd.updated_by) ||
	    str_replace(&a->texts_updated_at, upd.texts_updated_at))
		rc = err_nomem(e);
out:
	action_free(&old);
	action_clear(&upd);
	return sp_tx_end(s, rc, e);
}
