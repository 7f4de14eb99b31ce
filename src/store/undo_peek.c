/*
 * undo_peek.c - what the next undo would undo, said in French before it
 * is done: a plain field edit (undone at once) or a change that asks
 * first (a review ticked, a creation, a cancellation, a freeze, a
 * carry-over, several rows at once).
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

/* "action 2.4 : Commentaires, action 2.4 : Perspectives…": the rows of a
 * change, as the journal names them (the first three). */
void sp_undo_describe_fields(const struct journal_entry *v, size_t nv,
    struct strbuf *desc)
{
	size_t i;

	for (i = 0; i < nv && i < 3; i++) {
		const struct journal_entry *j = &v[i];

		if (i)
			sb_append(desc, ", ");
		if (journal_field_parse(j->field) == JF_CREATION)
			sb_printf(desc, "création de %s %s",
			    journal_entity_label(j->entity),
			    j->ref ? j->ref : "");
		else
			sb_printf(desc, "%s %s : %s",
			    journal_entity_label(j->entity),
			    j->ref ? j->ref : "",
			    journal_field_label(j->entity, j->field));
	}
	if (nv > 3)
		sb_printf(desc, " et %zu autres champs", nv - 3);
}

static int undo_special_field(const char *f)
{
	enum journal_field jf = journal_field_parse(f);

	return jf == JF_CREATION || jf == JF_DELETION || jf == JF_CARRIED ||
	    jf == JF_CLOSED || jf == JF_MERGED;
}

/* 1 when j is about the field "cancelled" of an action. */
static int undo_is_cancel(const struct journal_entry *j)
{
	const struct field_def *fd = field_find(j->field);

	return journal_entity_parse(j->entity) == JE_ACTION && fd &&
	    fd->id == F_CANCELLED;
}

/* Classifies a change (see struct undo_info) and says in French what
 * undoing it does. */
static void undo_classify(const struct journal_entry *v, size_t nv,
    struct undo_info *u, struct strbuf *desc)
{
	const struct journal_entry *special = NULL;
	enum journal_entity sen;
	enum journal_field sjf;
	size_t i, carried = 0;
	int one_row = 1;

	u->plain = nv > 0;
	u->review_year = 0;
	for (i = 0; i < nv; i++) {
		const struct journal_entry *j = &v[i];

		enum journal_entity en = journal_entity_parse(j->entity);
		enum journal_field jf = journal_field_parse(j->field);

		if (en != journal_entity_parse(v[0].entity) ||
		    j->entity_id != v[0].entity_id)
			one_row = 0;
		if (jf == JF_CARRIED)
			carried++;
		if (undo_special_field(j->field) || en == JE_INITIAL ||
		    en == JE_MANDATE || (en == JE_REVIEW && jf == JF_DONE) ||
		    undo_is_cancel(j)) {
			if (!special)
				special = j;
			u->plain = 0;
		}
		if (en == JE_REVIEW && jf == JF_DONE &&
		    str_eq(j->new_value, "1"))
			u->review_year = atoi(j->ref ? j->ref : "0");
	}
	if (!one_row)
		u->plain = 0;
	sen = special ? journal_entity_parse(special->entity) : JE_UNKNOWN;
	sjf = special ? journal_field_parse(special->field) : JF_OTHER;
	if (u->review_year && one_row) {
		sb_printf(desc, "décocher « Bilan annuel - Fait » %d",
		    u->review_year);
	} else if (u->plain || !special || !one_row) {
		if (carried)
			sb_printf(desc, "défaire la reprise du mandat précédent "
			    "(%zu action%s recopiée%s) : ", carried,
			    carried > 1 ? "s" : "", carried > 1 ? "s" : "");
		else if (!one_row)
			sb_printf(desc, "défaire %zu changements faits ensemble "
			    "(un import, par exemple) : ", nv);
		sp_undo_describe_fields(v, nv, desc);
		if (u->review_year)
			sb_printf(desc, " ; décocher « Bilan annuel - Fait » %d",
			    u->review_year);
	} else if (sen == JE_REVIEW) {
		sb_printf(desc, "cocher de nouveau « Bilan annuel - Fait » %s",
		    special->ref ? special->ref : "");
	} else if (sen == JE_INITIAL) {
		sb_append(desc, "ne plus tenir le plan d'action initial pour "
		    "figé");
	} else if (sen == JE_ACTION && sjf == JF_CREATION) {
		sb_printf(desc, "supprimer l'action %s « %.*s », que vous "
		    "avez créée", special->ref ? special->ref : "",
		    sp_clip_len(special->new_value, 80), special->new_value ?
		    special->new_value : "");
	} else if (undo_is_cancel(special)) {
		if (str_eq(special->new_value, "1"))
			sb_printf(desc, "rétablir l'action %s (elle ne sera plus "
			    "marquée annulée)", special->ref ? special->ref :
			    "");
		else
			sb_printf(desc, "marquer de nouveau l'action %s comme "
			    "annulée", special->ref ? special->ref : "");
	} else if (sen == JE_INDICATOR && sjf == JF_CREATION) {
		sb_printf(desc, "supprimer l'indicateur clé « %.*s » de "
		    "l'action %s, que vous avez ajouté",
		    sp_clip_len(special->new_value, 80), special->new_value ?
		    special->new_value : "", special->ref ? special->ref : "");
	} else if (sen == JE_INDICATOR && sjf == JF_DELETION) {
		sb_printf(desc, "rétablir l'indicateur clé « %.*s » de "
		    "l'action %s, que vous avez supprimé",
		    sp_clip_len(special->old_value, 80), special->old_value ?
		    special->old_value : "", special->ref ? special->ref : "");
	} else {
		sp_undo_describe_fields(v, nv, desc);
	}
}

void undo_info_clear(struct undo_info *u)
{
	if (!u)
		return;
	free(u->what);
	memset(u, 0, sizeof *u);
}

int store_undo_peek(struct store *s, struct undo_info *out, struct err *e)
{
	struct journal_entry *v = NULL;
	struct strbuf desc = {0};
	struct undo_info u;
	size_t nv = 0;
	int64_t mandate_id = 0;
	int rc;

	memset(&u, 0, sizeof u);
	if ((rc = sp_undo_last_txn(s, &u.txn, e)) ||
	    (rc = sp_undo_entries(s, u.txn, &v, &nv, &mandate_id, e)))
		goto out;
	undo_classify(v, nv, &u, &desc);
	if (!(u.what = sb_steal(&desc)))
		rc = err_nomem(e);
out:
	journal_entries_free(v, nv);
	sb_free(&desc);
	if (!rc)
		*out = u;
	return rc;
}
