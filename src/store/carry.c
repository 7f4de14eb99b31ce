/*
 * carry.c - carrying the actions of one mandate over to the next
 * (keep, merge, close).
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

static int add_origin(struct store *s, int64_t action_id, int64_t origin_id,
    const char *kind, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "INSERT OR IGNORE INTO action_origin (action_id, "
	    "origin_id, kind) VALUES (?, ?, ?)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, action_id);
	sqlite3_bind_int64(st, 2, origin_id);
	sp_bind_text(st, 3, kind);
	rc = sp_exec1(s, st, "reprise", e);
	sqlite3_finalize(st);
	return rc;
}

static int map_engagement(const struct referential *to, int from_eng,
    int *out)
{
	size_t i;

	for (i = 0; i < to->n_mappings; i++)
		if (to->mappings[i].from == from_eng) {
			*out = to->mappings[i].to;
			return 0;
		}
	return ERR_NOTFOUND;
}

static const struct carry_item *carry_find(const struct carry_item *items,
    size_t n, const char *ref)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (str_eq(items[i].ref, ref))
			return &items[i];
	return NULL;
}

struct kept {
	const char *old_ref;
	int64_t new_id;
};

static int carry_keep(struct store *s, const struct action *old,
    const struct carry_item *it, const struct mandate *to,
    const struct referential *rto, const char *from_label,
    struct strbuf *rep, int64_t *new_id, struct err *e)
{
	struct action a;
	size_t k;
	int rc, eng = it->engagement;

	if (!eng && map_engagement(rto, old->engagement, &eng))
		return err_set(e, ERR_INVALID,
		    "action %s : le référentiel du mandat %s ne dit pas où va "
		    "l'engagement %d ; indiquez le nouvel engagement dans la "
		    "correspondance (exemple : « %s garder 3 »)", old->ref,
		    to->label, old->engagement, old->ref);
	if ((rc = action_copy(&a, old)))
		return err_nomem(e);
	a.id = 0;
	free(a.ref);
	a.ref = NULL;
	a.engagement = eng;
	a.origin_id = old->id;
	a.added = 0;
	free(a.added_reason);
	a.added_reason = NULL;
	/* A recommendation or priority code of the old referential does not
	 * exist in the new one unless it says so. */
	if (a.recommendation && !referential_recommendation(rto,
	    a.recommendation)) {
		free(a.recommendation);
		a.recommendation = NULL;
	}
	if (a.priority && !referential_priority(rto, a.priority_code)) {
		a.priority = 0;
		free(a.priority_code);
		a.priority_code = NULL;
	}
	if (a.year_start && a.year_start < to->year_first)
		a.year_start = to->year_first;
	if (a.year_end && a.year_end < a.year_start)
		a.year_end = a.year_start;
	if (a.year_end > to->year_last)
		a.year_end = to->year_last;
	if ((rc = store_add_action(s, to->id, &a, e)))
		goto out;
	*new_id = a.id;
	if ((rc = add_origin(s, a.id, old->id, "reprise", e)) ||
	    (rc = sp_journal_add(s, to->id, JE_ACTION, a.id, a.ref,
	    journal_field_name(JF_CARRIED), NULL, old->ref, 0, e)))
		goto out;
	for (k = 0; k < old->n_indicators && !rc; k++) {
		struct indicator ind;

		if (indicator_copy(&ind, &old->indicators[k])) {
			rc = err_nomem(e);
			break;
		}
		ind.id = 0;
		ind.action_id = a.id;
		rc = store_add_indicator(s, &ind, e);
		indicator_clear(&ind);
	}
	if (!rc)
		sb_printf(rep, "%s (%s) reprise en %s : %s\n", old->ref,
		    from_label, a.ref, a.designation);
out:
	action_clear(&a);
	return rc;
}

int store_carry_over(struct store *s, int64_t from, int64_t to,
    const struct carry_item *items, size_t n, char **report, struct err *e)
{
	struct plan *old = NULL;
	struct mandate mto = {0};
	struct referential *rto = NULL;
	struct strbuf rep = {0}, missing = {0};
	struct kept *kept = NULL;
	size_t i, nkept = 0;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_load_plan(s, from, 0, 0, &old, e)) ||
	    (rc = sp_get_mandate_by_id(s, to, &mto, e)) ||
	    (rc = store_get_referential(s, mto.referential_id, &rto, e)))
		goto out;
	for (i = 0; i < n; i++) {
		const struct action *a = plan_find_action(old, items[i].ref);

		if (!a) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : l'action %s n'existe pas dans le "
			    "mandat %s", items[i].ref, old->mandate.label);
			goto out;
		}
		if (carry_find(items, i, items[i].ref)) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : l'action %s apparaît deux fois",
			    items[i].ref);
			goto out;
		}
	}
	for (i = 0; i < old->n_actions; i++)
		if (!old->actions[i].cancelled &&
		    !carry_find(items, n, old->actions[i].ref))
			sb_printf(&missing, "%s%s", missing.len ? ", " : "",
			    old->actions[i].ref);
	if (missing.len) {
		rc = err_set(e, ERR_INVALID,
		    "correspondance : décision manquante (garder, fusionner "
		    "ou clore) pour %s", sb_str(&missing));
		goto out;
	}
	kept = calloc(n ? n : 1, sizeof *kept);
	if (!kept) {
		rc = err_nomem(e);
		goto out;
	}
	for (i = 0; i < n && !rc; i++) {
		if (items[i].decision != CARRY_KEEP)
			continue;
		kept[nkept].old_ref = items[i].ref;
		rc = carry_keep(s, plan_find_action(old, items[i].ref),
		    &items[i], &mto, rto, old->mandate.label, &rep,
		    &kept[nkept].new_id, e);
		nkept++;
	}
	for (i = 0; i < n && !rc; i++) {
		const struct action *a = plan_find_action(old, items[i].ref);
		struct action *target = NULL;
		struct strbuf d = {0};
		size_t k;

		if (items[i].decision == CARRY_CLOSE) {
			rc = sp_journal_add(s, from, JE_ACTION, a->id, a->ref,
			    journal_field_name(JF_CLOSED), NULL, mto.label, 0,
			    e);
			sb_printf(&rep, "%s close (non reprise en %s)\n", a->ref,
			    mto.label);
			continue;
		}
		if (items[i].decision != CARRY_MERGE)
			continue;
		for (k = 0; k < nkept; k++)
			if (str_eq(kept[k].old_ref, items[i].into))
				break;
		if (k == nkept) {
			rc = err_set(e, ERR_INVALID,
			    "correspondance : %s doit fusionner dans une action "
			    "gardée, or %s ne l'est pas", a->ref,
			    items[i].into ? items[i].into : "(rien)");
			break;
		}
		if ((rc = store_get_action(s, kept[k].new_id, &target, e)))
			break;
		sb_append(&d, target->description);
		sb_printf(&d, "%sReprend aussi l'action %s du mandat %s : %s",
		    d.len ? "\n\n" : "", a->ref, old->mandate.label,
		    a->designation);
		free(target->description);
		target->description = sb_steal(&d);
		if (!(rc = store_update_action(s, target, e)) &&
		    !(rc = add_origin(s, target->id, a->id, "fusion", e)))
			rc = sp_journal_add(s, to, JE_ACTION, target->id,
			    target->ref, journal_field_name(JF_MERGED), NULL,
			    a->ref, 0, e);
		if (!rc)
			sb_printf(&rep, "%s fusionnée dans %s\n", a->ref,
			    target->ref);
		action_free(&target);
	}
out:
	free(kept);
	plan_free(&old);
	mandate_clear(&mto);
	referential_free(&rto);
	sb_free(&missing);
	rc = sp_tx_end(s, rc, e);
	if (!rc && report)
		*report = sb_steal(&rep);
	else
		sb_free(&rep);
	return rc;
}
