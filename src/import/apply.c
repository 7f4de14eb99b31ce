/*
 * apply.c - stores a mapped import in one transaction.
 *
 * The only file of src/import/ that uses the store, and only through its
 * public API (store.h): store_update_action journals each changed field,
 * store_add_action assigns refs, and store_transaction makes the whole
 * import one BEGIN IMMEDIATE ... COMMIT, so that any error leaves the
 * database exactly as it was.
 *
 * Design notes:
 * - Rows are matched to actions by N°. The hidden suivi_id/suivi_version
 *   columns of our export only serve to detect conflicts: when the row's
 *   id is the matched action's id and its version differs from the stored
 *   one, the action changed since the export; the row is then left alone
 *   (a conflict) unless opts->force. An id alone never matches: a file
 *   exported from another database must not update unrelated actions.
 * - A row without N° updates the action of its engagement that has the
 *   same designation (accents, case and spacing ignored), if exactly one;
 *   else it is created with the next free N° of its engagement.
 * - Rows with a N° are created before rows without one, so that refs the
 *   store assigns never take a N° the file uses further down.
 * - A new action in a mandate whose initial plan is frozen is an
 *   "action supplémentaire" and needs a reason: the file's reason when it
 *   has one, else "Ajoutée par import de <fichier> le <date>" (reported).
 * - Reviews: comments are imported; "Bilan annuel - Fait" is never ticked
 *   or unticked by an import (it freezes a snapshot): differences are
 *   reported.
 * - dry_run runs everything, then rolls back (ERR_CANCELLED inside).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "store.h"

struct apply_ctx {
	struct store *s;
	const struct mandate *m;
	struct import_result *r;
	const struct import_apply_opts *o;
	struct import_report *rep;
	struct action *cur;	/* the mandate's actions before the import */
	size_t n_cur;
	int has_initial;
};

static int row_issue(struct apply_ctx *c, const struct import_row *row,
    const char *msg)
{
	struct strbuf w = {0};
	int rc;

	if (c->r->sheet)
		sb_printf(&w, "feuille « %s », ", c->r->sheet);
	sb_printf(&w, "ligne %d", row->line);
	rc = import_result_issue(c->r, IMPORT_ERROR, sb_str(&w), "%s", msg);
	sb_free(&w);
	return rc;
}

static struct action *find_cur(struct apply_ctx *c, const char *ref)
{
	size_t i;

	if (str_empty(ref))
		return NULL;
	for (i = 0; i < c->n_cur; i++)
		if (str_eq(c->cur[i].ref, ref))
			return &c->cur[i];
	return NULL;
}

/* A row without N°: the action of the same engagement with the same
 * designation (case, accents and spacing ignored), when there is one. */
static struct action *find_by_designation(struct apply_ctx *c,
    const struct action *a)
{
	struct action *hit = NULL;
	char *k = text_fold(a->designation);
	size_t i;
	int n = 0;

	for (i = 0; k && i < c->n_cur; i++) {
		char *d;

		if (c->cur[i].engagement != a->engagement)
			continue;
		d = text_fold(c->cur[i].designation);
		if (d && strcmp(d, k) == 0) {
			hit = &c->cur[i];
			n++;
		}
		free(d);
	}
	free(k);
	return n == 1 ? hit : NULL;
}

static int clamp_year(const struct mandate *m)
{
	int y = clock_year();

	if (y < m->year_first)
		y = m->year_first;
	if (y > m->year_last)
		y = m->year_last;
	return y;
}

/* Copies into dst the fields the row sets. */
static int overlay(struct action *dst, const struct import_row *row)
{
	struct strbuf sb = {0};
	int k, rc = 0;

	for (k = 0; k < F_COUNT && !rc; k++) {
		if (row->col[k] < 0 || action_fields[k].type == FIELD_DERIVED)
			continue;
		if ((rc = action_field_get(&row->a, (enum field_id)k, 1, &sb)))
			break;
		rc = action_field_set(dst, (enum field_id)k, sb_str(&sb), 0, 0,
		    NULL);
	}
	sb_free(&sb);
	return rc;
}

/* Names of the fields that differ, comma separated, into out. */
static int diff_fields(const struct action *a, const struct action *b,
    struct strbuf *out)
{
	struct strbuf x = {0}, y = {0};
	int k, n = 0;

	sb_reset(out);
	for (k = 0; k < F_COUNT; k++) {
		if (action_fields[k].type == FIELD_DERIVED)
			continue;
		action_field_get(a, (enum field_id)k, 1, &x);
		action_field_get(b, (enum field_id)k, 1, &y);
		if (strcmp(sb_str(&x), sb_str(&y)) == 0)
			continue;
		sb_printf(out, "%s%s", n++ ? ", " : "", action_fields[k].name);
	}
	sb_free(&x);
	sb_free(&y);
	return n;
}

static int update_row(struct apply_ctx *c, const struct import_row *row,
    struct action *old)
{
	struct action upd;
	struct strbuf diff = {0};
	struct err e = {0};
	int rc = 0;

	memset(&upd, 0, sizeof upd);
	if (action_copy(&upd, old) || overlay(&upd, row)) {
		rc = ERR_NOMEM;
		goto out;
	}
	if (upd.cancelled && !old->cancelled && !upd.cancelled_year)
		upd.cancelled_year = clamp_year(c->m);
	if (!upd.cancelled)
		upd.cancelled_year = 0;
	if (!diff_fields(old, &upd, &diff)) {
		c->rep->unchanged++;
		goto out;
	}
	if (row->suivi_id && row->suivi_id == old->id && row->suivi_version &&
	    row->suivi_version != old->version) {
		if (!c->o->force) {
			c->rep->conflicts++;
			sb_printf(&c->rep->text, "  conflit  %s : modifiée "
			    "dans la base (par %s le %s) depuis l'export du "
			    "fichier (version %lld dans le fichier, %lld dans "
			    "la base) ; ligne %d laissée de côté (--forcer "
			    "pour l'importer quand même) ; champs : %s\n",
			    old->ref, old->updated_by ? old->updated_by : "?",
			    old->updated_at ? old->updated_at : "?",
			    (long long)row->suivi_version,
			    (long long)old->version, row->line, sb_str(&diff));
			goto out;
		}
	}
	if (store_update_action(c->s, &upd, &e)) {
		if (e.code == ERR_NOMEM || e.code == ERR_DB ||
		    e.code == ERR_LOCKED || e.code == ERR_READONLY) {
			rc = e.code;
			goto out;
		}
		rc = row_issue(c, row, e.msg);
		goto out;
	}
	c->rep->updated++;
	sb_printf(&c->rep->text, "  modifiée %s : %s\n", old->ref,
	    sb_str(&diff));
out:
	if (rc == ERR_NOMEM)
		err_set(NULL, rc, "mémoire insuffisante");
	sb_free(&diff);
	action_clear(&upd);
	return rc;
}

static int create_row(struct apply_ctx *c, const struct import_row *row)
{
	struct action a;
	struct err e = {0};
	int rc = 0, defaulted = 0;

	memset(&a, 0, sizeof a);
	if (action_copy(&a, &row->a))
		return ERR_NOMEM;
	if (a.cancelled && !a.cancelled_year)
		a.cancelled_year = clamp_year(c->m);
	if (c->has_initial && str_empty(a.added_reason)) {
		char date[32];
		struct strbuf sb = {0};

		clock_format(clock_now(), date, sizeof date);
		date[10] = '\0';
		sb_printf(&sb, "Ajoutée par import de %s le %s",
		    c->o->file ? c->o->file : "fichier", date);
		free(a.added_reason);
		a.added_reason = sb_steal(&sb);
		defaulted = 1;
	}
	if (store_add_action(c->s, c->m->id, &a, &e)) {
		if (e.code == ERR_NOMEM || e.code == ERR_DB ||
		    e.code == ERR_LOCKED || e.code == ERR_READONLY)
			rc = e.code;
		else
			rc = row_issue(c, row, e.msg);
		goto out;
	}
	c->rep->created++;
	sb_printf(&c->rep->text, "  créée    %s : %s%s\n", a.ref,
	    a.designation, defaulted ? " (action supplémentaire, motif "
	    "par défaut : à préciser)" : a.added && c->has_initial ?
	    " (action supplémentaire)" : "");
out:
	action_clear(&a);
	return rc;
}

static int apply_presentation(struct apply_ctx *c, struct err *e)
{
	struct collectivite cur;
	struct review *rv = NULL;
	size_t n = 0, i, j;
	int f, rc;

	memset(&cur, 0, sizeof cur);
	if ((rc = store_get_collectivite(c->s, &cur, e)))
		return rc;
	for (f = 0; f < C_COUNT && !rc; f++) {
		struct err fe = {0};

		if (str_empty(c->r->coll.f[f]) ||
		    str_eq(c->r->coll.f[f], cur.f[f]))
			continue;
		if (store_set_collectivite(c->s, (enum coll_field)f,
		    c->r->coll.f[f], &fe)) {
			rc = import_result_issue(c->r, IMPORT_ERROR,
			    "feuille « Présentation »", "%s", fe.msg);
			continue;
		}
		sb_printf(&c->rep->text, "  présentation : %s modifié\n",
		    coll_fields[f].label);
	}
	collectivite_clear(&cur);
	if (rc || !c->r->n_reviews)
		return rc;
	if ((rc = store_list_reviews(c->s, c->m->id, &rv, &n, e)))
		return rc;
	for (i = 0; i < c->r->n_reviews && !rc; i++) {
		const struct import_review *v = &c->r->reviews[i];
		const struct review *db = NULL;

		for (j = 0; j < n; j++)
			if (rv[j].year == v->year)
				db = &rv[j];
		if (!db) {
			rc = import_result_issue(c->r, IMPORT_WARNING,
			    "feuille « Présentation »", "bilan %d : année hors "
			    "du mandat %s, ignoré", v->year, c->m->label);
			continue;
		}
		if (v->has_comments && !str_eq(v->comments, db->comments)) {
			struct err fe = {0};

			if (store_set_review_comments(c->s, c->m->id, v->year,
			    v->comments ? v->comments : "", &fe))
				rc = import_result_issue(c->r, IMPORT_ERROR,
				    "feuille « Présentation »", "bilan %d : %s",
				    v->year, fe.msg);
			else
				sb_printf(&c->rep->text, "  bilan %d : "
				    "commentaires de la collectivité "
				    "importés\n", v->year);
		}
		if (v->has_done && v->done != db->done)
			sb_printf(&c->rep->text, "  bilan %d : « Bilan annuel - "
			    "Fait » vaut %s dans le fichier et %s dans la "
			    "base ; non modifié (suivi bilan %d --%s)\n",
			    v->year, bool_label(v->done), bool_label(db->done),
			    v->year, v->done ? "fait" : "non-fait");
	}
	for (j = 0; j < n; j++)
		review_clear(&rv[j]);
	free(rv);
	return rc;
}

static int apply_fn(void *ctx, struct err *e)
{
	struct apply_ctx *c = ctx;
	struct import_result *r = c->r;
	size_t i;
	int pass, rc = 0;

	if ((rc = store_has_initial(c->s, c->m->id, &c->has_initial, e)))
		return rc;
	c->rep->had_initial = c->has_initial;
	if ((rc = store_list_actions(c->s, c->m->id, NULL, STORE_LOAD_FULL,
	    &c->cur, &c->n_cur, e)))
		return rc;
	for (pass = 0; pass < 2 && !rc; pass++) {
		for (i = 0; i < r->n_rows && !rc; i++) {
			const struct import_row *row = &r->rows[i];
			struct action *old = str_empty(row->a.ref) ?
			    find_by_designation(c, &row->a) :
			    find_cur(c, row->a.ref);

			if (pass == 0 && old)
				rc = update_row(c, row, old);
			else if (pass == 0 && !str_empty(row->a.ref))
				rc = create_row(c, row);
			else if (pass == 1 && !old && str_empty(row->a.ref))
				rc = create_row(c, row);
		}
	}
	if (rc) {
		if (rc == ERR_NOMEM)
			return err_set(e, rc, "mémoire insuffisante");
		return err_set(e, rc, "import interrompu (base de données) : "
		    "rien n'a été enregistré");
	}
	if ((rc = apply_presentation(c, e)))
		return rc;
	if (r->n_errors)
		return err_set(e, ERR_INVALID, "%zu erreur%s dans %s : rien n'a "
		    "été importé", r->n_errors, r->n_errors > 1 ? "s" : "",
		    r->file ? r->file : "le fichier");
	if (c->o->freeze_initial && !c->has_initial) {
		if ((rc = store_freeze_initial(c->s, c->m->id, e)))
			return rc;
		c->rep->initial_frozen = 1;
	}
	return c->o->dry_run ? ERR_CANCELLED : 0;
}

int import_apply(struct store *s, const struct mandate *m,
    struct import_result *r, const struct import_apply_opts *o,
    struct import_report *rep, struct err *e)
{
	struct apply_ctx c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof c);
	c.s = s;
	c.m = m;
	c.r = r;
	c.o = o;
	c.rep = rep;
	rc = store_transaction(s, apply_fn, &c, e);
	if (rc == ERR_CANCELLED && o->dry_run && !r->n_errors)
		rc = 0;
	for (i = 0; i < c.n_cur; i++)
		action_clear(&c.cur[i]);
	free(c.cur);
	return rc;
}

void import_report_clear(struct import_report *rep)
{
	sb_free(&rep->text);
	memset(rep, 0, sizeof *rep);
}
