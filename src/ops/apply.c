/*
 * apply.c - stores a mapped import in one transaction.
 *
 * A use case over the store's public API (store.h), on the mapped result
 * of src/import/ (which never sees the store): store_update_action
 * journals each changed field, store_add_action assigns refs, and store_transaction makes the whole
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
 * - Indicators come after the actions, so that a row of the
 *   "Indicateurs" sheet may name an action the same import creates. Each
 *   is matched within its action by label (text_fold; the nth row of a
 *   label with the nth indicator so labelled); unmatched ones are
 *   created, matched ones updated where the file differs. Columns the
 *   sheet lacks (a unit, a year, "À communiquer") keep their stored
 *   values; the "Commentaire" column, when present, speaks for every
 *   year. The "à communiquer" flag is thus set from the file when the
 *   sheet has the column (our export since it writes it), and otherwise
 *   left as stored, 0 for a created indicator (a city's own sheet says
 *   nothing of it). An indicator that differs, in any of these fields,
 *   of an action changed since our export, is a conflict like its row.
 * - dry_run runs everything on a copy of the base in memory
 *   (store_open_copy), then rolls back (ERR_CANCELLED inside): the base
 *   itself is only read, so a trial works on a read-only base or a full
 *   disk and leaves the file as it was.
 * - A store error that SQLite ends the transaction with (disk full, I/O
 *   error, corruption) stops the import at once (stop_on), with that
 *   cause in the message; the store refuses every later write of the
 *   transaction and rolls it back (store_tx_failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
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
	struct action *ind_action;	/* the action of the last indicator
					   row, with the indicators this
					   import gave it: the next rows
					   usually name it too */
	struct err fatal;	/* the error that stopped the import */
	int fatal_line;		/* its line in the file (0: none) */
};

/* stop_with records e as what stopped the import and returns its code.
 * stop_on does so when the store error e stops the whole import: the
 * base cannot be written at all (busy, read-only, no memory), or SQLite
 * has ended the transaction (disk full, I/O error, corruption:
 * store_tx_failure), after which going on row by row would only pile up
 * errors. Else the error belongs to the row, which is reported, and the
 * import goes on: stop_on returns 0. */
static int stop_with(struct apply_ctx *c, const struct err *e, int line)
{
	int code = e->code ? e->code : ERR_DB;

	if (!c->fatal.code) {
		c->fatal = *e;
		c->fatal.code = code;
		c->fatal_line = line;
	}
	return code;
}

static int stop_on(struct apply_ctx *c, const struct err *e, int line)
{
	if (!store_tx_failure(c->s) && e->code != ERR_NOMEM &&
	    e->code != ERR_DB && e->code != ERR_LOCKED &&
	    e->code != ERR_READONLY)
		return 0;
	return stop_with(c, e, line);
}

static int row_issue(struct apply_ctx *c, const struct import_row *row,
    const char *msg)
{
	struct strbuf w = {0};
	int rc;

	if ((size_t)row->sheet < c->r->n_sheets && c->r->sheets[row->sheet])
		sb_printf(&w, "feuille « %s », ", c->r->sheets[row->sheet]);
	else if (c->r->sheet)
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
	return mandate_year_now(m);
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

/* A value for a report line: on one line, at most 40 characters, « »
 * around it, "(vide)" when empty. */
static void short_value(struct strbuf *out, const char *v)
{
	size_t i = 0, chars = 0;

	if (!*v) {
		sb_append(out, "(vide)");
		return;
	}
	sb_append(out, "« ");
	while (v[i] && chars < 40) {
		size_t n = 1;

		while (((unsigned char)v[i + n] & 0xC0) == 0x80)
			n++;
		if (v[i] == '\n' || v[i] == '\r' || v[i] == '\t')
			sb_append_c(out, ' ');
		else
			sb_append_n(out, v + i, n);
		i += n;
		chars++;
	}
	if (v[i])
		sb_append(out, "…");
	sb_append(out, " »");
}

/* Names of the fields that differ, comma separated, into out; with
 * values, each as "Label : « ancien » → « nouveau »" on its own line
 * (the display form: "Oui", "Non commencée"). */
static int diff_fields_v(const struct action *a, const struct action *b,
    struct strbuf *out, int values)
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
		if (!values) {
			sb_printf(out, "%s%s", n++ ? ", " : "",
			    action_fields[k].label);
			continue;
		}
		action_field_get(a, (enum field_id)k, 0, &x);
		action_field_get(b, (enum field_id)k, 0, &y);
		sb_printf(out, "\n      %s : ", action_fields[k].label);
		short_value(out, sb_str(&x));
		sb_append(out, " → ");
		short_value(out, sb_str(&y));
		n++;
	}
	sb_free(&x);
	sb_free(&y);
	return n;
}

static int diff_fields(const struct action *a, const struct action *b,
    struct strbuf *out)
{
	return diff_fields_v(a, b, out, 0);
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
			    fr_datetime(old->updated_at,
			    (char[FR_DATE_LEN]){0}, FR_DATE_LEN),
			    (long long)row->suivi_version,
			    (long long)old->version, row->line, sb_str(&diff));
			goto out;
		}
	}
	if (store_update_action(c->s, &upd, &e)) {
		if (!(rc = stop_on(c, &e, row->line)))
			rc = row_issue(c, row, e.msg);
		goto out;
	}
	c->rep->updated++;
	sb_printf(&c->rep->text, "  modifiée %s : %s", old->ref,
	    sb_str(&diff));
	diff_fields_v(old, &upd, &diff, 1);
	sb_printf(&c->rep->text, "%s\n", sb_str(&diff));
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
		    c->o->file ? c->o->file : "fichier",
		    fr_date(date, (char[FR_DATE_LEN]){0}, FR_DATE_LEN));
		free(a.added_reason);
		a.added_reason = sb_steal(&sb);
		defaulted = 1;
	}
	if (store_add_action(c->s, c->m->id, &a, &e)) {
		if (!(rc = stop_on(c, &e, row->line)))
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
			if (!(rc = stop_on(c, &fe, 0)))
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
			    v->comments ? v->comments : "", &fe)) {
				if (!(rc = stop_on(c, &fe, 0)))
					rc = import_result_issue(c->r,
					    IMPORT_ERROR, "feuille « Présentation "
					    "»", "bilan %d : %s", v->year,
					    fe.msg);
			} else
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

/* ---- Indicators ---- */

static int same_text(const char *a, const char *b)
{
	return str_eq(str_empty(a) ? NULL : a, str_empty(b) ? NULL : b);
}

static int ind_has_year(const struct import_result *r, int y)
{
	size_t k;

	for (k = 0; k < r->n_ind_years; k++)
		if (r->ind_years[k] == y)
			return 1;
	return 0;
}

/* The stored indicator as the file would leave it, into upd (zeroed):
 * columns the file lacks keep their stored value. */
static int ind_overlay(const struct import_result *r,
    const struct import_indicator *ii, const struct indicator *old,
    struct indicator *upd)
{
	const struct indicator *f = &ii->ind;
	size_t k;
	int rc;

	if ((rc = indicator_copy(upd, old)) ||
	    (rc = str_replace(&upd->label, f->label)))
		return rc;
	if (r->ind_col[IIC_COMMUNICATE] >= 0)
		upd->communicate = f->communicate;
	if ((r->ind_col[IIC_UNIT] >= 0 &&
	    (rc = str_replace(&upd->unit, f->unit))) ||
	    (r->ind_col[IIC_BASELINE] >= 0 &&
	    (rc = str_replace(&upd->baseline, f->baseline))) ||
	    (r->ind_col[IIC_TARGET] >= 0 &&
	    (rc = str_replace(&upd->target, f->target))))
		return rc;
	/* values of the years that have a column */
	for (k = 0; k < r->n_ind_years; k++) {
		int y = r->ind_years[k];
		const struct indicator_value *nv = indicator_value_for(f, y);
		const struct indicator_value *ov = indicator_value_for(old, y);

		if ((rc = indicator_set_value(upd, y, nv ? nv->value : NULL,
		    r->ind_col[IIC_COMMENT] >= 0 ? (nv ? nv->comment : NULL) :
		    ov ? ov->comment : NULL)))
			return rc;
	}
	if (r->ind_col[IIC_COMMENT] < 0)
		return 0;
	/* the comment column speaks for every year */
	for (k = 0; k < f->n_values; k++) {
		const struct indicator_value *ov;

		if (ind_has_year(r, f->values[k].year))
			continue;
		ov = indicator_value_for(old, f->values[k].year);
		if ((rc = indicator_set_value(upd, f->values[k].year,
		    ov ? ov->value : NULL, f->values[k].comment)))
			return rc;
	}
	for (k = 0; k < old->n_values; k++) {
		int y = old->values[k].year;

		if (ind_has_year(r, y) || indicator_value_for(f, y))
			continue;
		if ((rc = indicator_set_value(upd, y, old->values[k].value,
		    NULL)))
			return rc;
	}
	return 0;
}

/* What differs between two states of an indicator, comma separated, in
 * out; 0 when nothing. */
static int ind_diff(const struct indicator *a, const struct indicator *b,
    struct strbuf *out)
{
	const char *names[] = { "libellé", "unité", "référence", "cible" };
	const char *x[] = { a->label, a->unit, a->baseline, a->target };
	const char *y[] = { b->label, b->unit, b->baseline, b->target };
	size_t i;
	int n = 0, year;

	sb_reset(out);
	for (i = 0; i < 4; i++)
		if (!same_text(x[i], y[i]))
			sb_printf(out, "%s%s", n++ ? ", " : "", names[i]);
	if (!a->communicate != !b->communicate)
		sb_printf(out, "%sà communiquer (%s)", n++ ? ", " : "",
		    b->communicate ? "Oui" : "Non");
	for (year = MODEL_YEAR_MIN; year <= MODEL_YEAR_MAX; year++) {
		const struct indicator_value *u = indicator_value_for(a, year);
		const struct indicator_value *v = indicator_value_for(b, year);

		if (!u && !v)
			continue;
		if (!same_text(u ? u->value : NULL, v ? v->value : NULL))
			sb_printf(out, "%svaleur %d", n++ ? ", " : "", year);
		if (!same_text(u ? u->comment : NULL, v ? v->comment : NULL))
			sb_printf(out, "%scommentaire %d", n++ ? ", " : "",
			    year);
	}
	return n;
}

/* The row of the "Indicateurs" sheet as an issue location. */
static int ind_issue(struct apply_ctx *c, const struct import_indicator *ii,
    int col, const char *msg)
{
	struct strbuf w = {0};
	char letters[8];
	int rc;

	sb_printf(&w, "feuille « %s », ligne %d", c->r->ind_sheet, ii->line);
	if (col >= 0)
		sb_printf(&w, ", colonne %s", import_col_letters(col, letters));
	rc = import_result_issue(c->r, IMPORT_ERROR, sb_str(&w), "%s", msg);
	sb_free(&w);
	return rc;
}

/* 1 when the action ref was exported at a version the database has
 * left since (its hidden columns say so). */
static int stale_since_export(struct apply_ctx *c, const char *ref)
{
	const struct action *old = find_cur(c, ref);
	size_t i;

	for (i = 0; old && i < c->r->n_rows; i++) {
		const struct import_row *row = &c->r->rows[i];

		if (str_eq(row->a.ref, ref))
			return row->suivi_id && row->suivi_id == old->id &&
			    row->suivi_version &&
			    row->suivi_version != old->version;
	}
	return 0;
}

/* Appends ind (moved: *ind is left empty) to the indicators of a. */
static int keep_indicator(struct action *a, struct indicator *ind)
{
	struct indicator *v = realloc(a->indicators, (a->n_indicators + 1) *
	    sizeof *v);

	if (!v)
		return ERR_NOMEM;
	a->indicators = v;
	v[a->n_indicators++] = *ind;
	memset(ind, 0, sizeof *ind);
	return 0;
}

static int apply_one_indicator(struct apply_ctx *c,
    const struct import_indicator *ii)
{
	struct action *a;
	struct indicator upd;
	struct indicator *old = NULL;
	struct strbuf diff = {0};
	struct err e = {0};
	char *key = NULL;
	size_t k;
	int nth, rc = 0;

	memset(&upd, 0, sizeof upd);
	if (c->ind_action && !str_eq(c->ind_action->ref, ii->ref))
		action_free(&c->ind_action);
	if (!c->ind_action && store_get_action_by_ref(c->s, c->m->id, ii->ref,
	    &c->ind_action, &e)) {
		if (e.code != ERR_NOTFOUND) {
			rc = stop_with(c, &e, ii->line);
			goto out;
		}
		sb_printf(&diff, "N° %s : aucune action de ce numéro (ni dans "
		    "la base, ni dans la feuille des actions)", ii->ref);
		rc = ind_issue(c, ii, c->r->ind_col[IIC_REF], sb_str(&diff));
		goto out;
	}
	a = c->ind_action;
	if (!(key = text_fold(ii->ind.label))) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (k = 0, nth = 0; k < a->n_indicators && !old; k++) {
		char *f = text_fold(a->indicators[k].label);

		if (!f) {
			rc = ERR_NOMEM;
			goto out;
		}
		if (strcmp(f, key) == 0 && nth++ == ii->nth)
			old = &a->indicators[k];
		free(f);
	}
	if (!old) {
		if ((rc = indicator_copy(&upd, &ii->ind)))
			goto out;
		upd.id = 0;
		upd.action_id = a->id;
		if (c->r->ind_col[IIC_COMMUNICATE] < 0)
			upd.communicate = 0;
		if (store_add_indicator(c->s, &upd, &e)) {
			if (!(rc = stop_on(c, &e, ii->line)))
				rc = ind_issue(c, ii, c->r->ind_col[IIC_LABEL],
				    e.msg);
			goto out;
		}
		c->rep->ind_created++;
		sb_printf(&c->rep->text, "  indicateur créé %s : « %s »%s\n",
		    a->ref, upd.label, upd.communicate ? " (à communiquer)" :
		    "");
		rc = keep_indicator(a, &upd);
		goto out;
	}
	if ((rc = ind_overlay(c->r, ii, old, &upd)))
		goto out;
	if (!ind_diff(old, &upd, &diff)) {
		c->rep->ind_unchanged++;
		goto out;
	}
	if (!c->o->force && stale_since_export(c, a->ref)) {
		c->rep->conflicts++;
		sb_printf(&c->rep->text, "  conflit  %s : indicateur « %s » "
		    "laissé de côté (action modifiée dans la base depuis "
		    "l'export du fichier ; --forcer pour l'importer quand "
		    "même) ; %s\n", a->ref, old->label, sb_str(&diff));
		goto out;
	}
	if (store_update_indicator(c->s, &upd, &e)) {
		if (!(rc = stop_on(c, &e, ii->line)))
			rc = ind_issue(c, ii, c->r->ind_col[IIC_LABEL], e.msg);
		goto out;
	}
	c->rep->ind_updated++;
	sb_printf(&c->rep->text, "  indicateur modifié %s : « %s » : %s\n",
	    a->ref, upd.label, sb_str(&diff));
	indicator_clear(old);
	*old = upd;
	memset(&upd, 0, sizeof upd);
out:
	free(key);
	sb_free(&diff);
	indicator_clear(&upd);
	return rc;
}

/* The message of an import stopped by c->fatal: its cause first. */
static int stopped(struct apply_ctx *c, struct err *e)
{
	const char *cause = store_tx_failure(c->s);
	struct strbuf where = {0};
	int rc;

	if (c->fatal_line)
		sb_printf(&where, " à la ligne %d", c->fatal_line);
	rc = err_set(e, c->fatal.code, "import interrompu%s : %s ; rien n'a "
	    "été importé, la base est restée telle qu'avant l'import",
	    sb_str(&where), cause ? cause : c->fatal.msg);
	sb_free(&where);
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
	for (i = 0; i < r->n_indicators && !rc; i++)
		rc = apply_one_indicator(c, &r->indicators[i]);
	if (!rc)
		rc = apply_presentation(c, e);
	if (rc && c->fatal.code)
		return stopped(c, e);
	if (rc == ERR_NOMEM)
		return err_set(e, rc, "mémoire insuffisante");
	if (rc)
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
	/* A department's own extract taken back: it has answered. */
	if (r->extract_pilot && (rc = store_record_service_answer(c->s,
	    c->m->id, r->extract_pilot, r->file, e)))
		return rc;
	return c->o->dry_run ? ERR_CANCELLED : 0;
}

int import_apply(struct store *s, const struct mandate *m,
    struct import_result *r, const struct import_apply_opts *o,
    struct import_report *rep, struct err *e)
{
	struct store *trial = NULL;
	struct apply_ctx c;
	size_t i;
	int rc;

	/* A trial never touches the base, not even by a transaction rolled
	 * back (which needs a writable file and room for the journal): it
	 * runs on a copy in memory. */
	if (o->dry_run && (rc = store_open_copy(s, &trial, e)))
		return err_prefix(e, "essai impossible");
	memset(&c, 0, sizeof c);
	c.s = trial ? trial : s;
	c.m = m;
	c.r = r;
	c.o = o;
	c.rep = rep;
	rc = store_transaction(c.s, apply_fn, &c, e);
	if (rc == ERR_CANCELLED && o->dry_run && !r->n_errors)
		rc = 0;
	store_close(&trial);
	for (i = 0; i < c.n_cur; i++)
		action_clear(&c.cur[i]);
	free(c.cur);
	action_free(&c.ind_action);
	return rc;
}

void import_report_clear(struct import_report *rep)
{
	sb_free(&rep->text);
	memset(rep, 0, sizeof *rep);
}
