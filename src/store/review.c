/*
 * review.c - yearly reviews ("Bilan annuel - Fait", the city's
 * comments) and the final assessments per engagement.
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

int store_list_reviews(struct store *s, int64_t mandate_id,
    struct review **out, size_t *n, struct err *e)
{
	struct mandate m = {0};
	int rc;

	if ((rc = sp_get_mandate_by_id(s, mandate_id, &m, e)))
		return rc;
	rc = sp_read_reviews(s, &m, 0, out, n, e);
	mandate_clear(&m);
	return rc;
}

static int check_year(struct store *s, int64_t mandate_id, int year,
    struct err *e)
{
	struct mandate m = {0};
	int rc;

	if ((rc = sp_get_mandate_by_id(s, mandate_id, &m, e)))
		return rc;
	if (year < m.year_first || year > m.year_last)
		rc = err_set(e, ERR_INVALID,
		    "l'année %d est hors du mandat %s", year, m.label);
	mandate_clear(&m);
	return rc;
}

static int ensure_review(struct store *s, int64_t mandate_id, int year,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "INSERT OR IGNORE INTO review (mandate_id, year) "
	    "VALUES (?, ?)", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, year);
	rc = sp_exec1(s, st, "bilan annuel", e);
	sqlite3_finalize(st);
	return rc;
}

static int write_review_done(struct store *s, int64_t mandate_id, int year,
    int done, const char *at, const char *by, int64_t snapshot_id,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sp_prep(s, "UPDATE review SET done = ?, done_at = ?, "
	    "done_by = ?, snapshot_id = ? WHERE mandate_id = ? AND year = ?",
	    &st, e)))
		return rc;
	sqlite3_bind_int(st, 1, done);
	sp_bind_text(st, 2, at);
	sp_bind_text(st, 3, by);
	sp_bind_int_or_null(st, 4, snapshot_id);
	sqlite3_bind_int64(st, 5, mandate_id);
	sqlite3_bind_int(st, 6, year);
	rc = sp_exec1(s, st, "bilan annuel", e);
	sqlite3_finalize(st);
	return rc;
}

int store_set_review_done(struct store *s, int64_t mandate_id, int year,
    int done, struct err *e)
{
	struct review *rv = NULL;
	size_t nrv = 0, i;
	char at[32], ystr[16], sidstr[32];
	int64_t sid = 0;
	int rc;

	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = check_year(s, mandate_id, year, e)) ||
	    (rc = ensure_review(s, mandate_id, year, e)) ||
	    (rc = store_list_reviews(s, mandate_id, &rv, &nrv, e)))
		goto out;
	for (i = 0; i < nrv && rv[i].year != year; i++)
		;
	snprintf(ystr, sizeof ystr, "%d", year);
	if (done) {
		if (rv[i].done) {
			rc = err_set(e, ERR_INVALID,
			    "le bilan %d est déjà fait (le %s par %s)", year,
			    fr_datetime(rv[i].done_at,
			    (char[FR_DATE_LEN]){0}, FR_DATE_LEN),
			    rv[i].done_by ? rv[i].done_by : "?");
			goto out;
		}
		sp_now_str(at, sizeof at);
		/* The snapshot carries the review as ticked. */
		if ((rc = write_review_done(s, mandate_id, year, 1, at,
		    user_login(), 0, e)) ||
		    (rc = sp_make_snapshot(s, mandate_id, "bilan", year, &sid, e)) ||
		    (rc = write_review_done(s, mandate_id, year, 1, at,
		    user_login(), sid, e)))
			goto out;
		snprintf(sidstr, sizeof sidstr, "%lld", (long long)sid);
		rc = sp_journal_add(s, mandate_id, JE_REVIEW, sid, ystr,
		    journal_field_name(JF_DONE), "0", "1", 0, e);
	} else {
		if (!rv[i].done) {
			rc = err_set(e, ERR_INVALID,
			    "le bilan %d n'est pas fait", year);
			goto out;
		}
		if (rv[i].snapshot_id &&
		    (rc = sp_set_snapshot_current(s, rv[i].snapshot_id, 0, e)))
			goto out;
		if ((rc = write_review_done(s, mandate_id, year, 0, NULL, NULL,
		    0, e)))
			goto out;
		rc = sp_journal_add(s, mandate_id, JE_REVIEW, rv[i].snapshot_id,
		    ystr, journal_field_name(JF_DONE), "1", "0", 0, e);
	}
out:
	for (i = 0; i < nrv; i++)
		review_clear(&rv[i]);
	free(rv);
	return sp_tx_end(s, rc, e);
}

int store_set_review_comments(struct store *s, int64_t mandate_id,
    int year, const char *text, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char ystr[16];
	char *old = NULL;
	int rc;

	if (text && (!utf8_valid(text, strlen(text)) ||
	    utf8_len(text) > MODEL_MAX_TEXT))
		return err_set(e, ERR_INVALID,
		    "commentaire du bilan : texte invalide ou trop long "
		    "(%d caractères au plus)", MODEL_MAX_TEXT);
	if (text && !*text)
		text = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = check_year(s, mandate_id, year, e)) ||
	    (rc = ensure_review(s, mandate_id, year, e)))
		goto out;
	if ((rc = sp_prep(s, "SELECT comments FROM review WHERE mandate_id = ? "
	    "AND year = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, year);
	if (sp_row(s, st, &rc, "bilan annuel", e))
		old = sp_col_text(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (rc || str_eq(old, text))
		goto out;
	if ((rc = sp_prep(s, "UPDATE review SET comments = ? WHERE mandate_id = ? "
	    "AND year = ?", &st, e)))
		goto out;
	sp_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, mandate_id);
	sqlite3_bind_int(st, 3, year);
	if ((rc = sp_exec1(s, st, "bilan annuel", e)))
		goto out;
	snprintf(ystr, sizeof ystr, "%d", year);
	rc = sp_journal_add(s, mandate_id, JE_REVIEW, 0, ystr,
	    journal_field_name(JF_COMMENTS), old, text, 0, e);
out:
	sqlite3_finalize(st);
	free(old);
	return sp_tx_end(s, rc, e);
}

int store_set_assessment(struct store *s, int64_t mandate_id, int engagement,
    int value, const char *comment, struct err *e)
{
	sqlite3_stmt *st = NULL;
	char eng[16], vold[8] = "", vnew[8] = "";
	char *cold = NULL;
	int rc, had = 0, old = -1;

	if (value < -1 || value > RESULT_ACHIEVED)
		return err_set(e, ERR_INVALID, "appréciation invalide");
	if (comment && (!utf8_valid(comment, strlen(comment)) ||
	    utf8_len(comment) > MODEL_MAX_TEXT))
		return err_set(e, ERR_INVALID,
		    "commentaire de l'engagement : texte invalide ou trop long");
	if (comment && !*comment)
		comment = NULL;
	if ((rc = sp_tx_begin(s, e)))
		return rc;
	if ((rc = sp_prep(s, "SELECT count(*) FROM ref_engagement r JOIN "
	    "mandate m ON m.referential_id = r.referential_id WHERE m.id = ? "
	    "AND r.number = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (!sp_row(s, st, &rc, "référentiel du mandat", e) ||
	    !sqlite3_column_int(st, 0)) {
		if (rc)
			goto out;
		rc = err_set(e, ERR_INVALID,
		    "engagement %d inconnu dans le référentiel du mandat",
		    engagement);
		goto out;
	}
	sqlite3_finalize(st);
	if ((rc = sp_prep(s, "SELECT value, comment FROM assessment WHERE "
	    "mandate_id = ? AND engagement = ?", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (sp_row(s, st, &rc, "appréciation", e)) {
		had = 1;
		old = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 0);
		cold = sp_col_text(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc)
		goto out;
	if ((rc = sp_prep(s, "INSERT INTO assessment (mandate_id, engagement, "
	    "value, comment) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (mandate_id, "
	    "engagement) DO UPDATE SET value = ?3, comment = ?4", &st, e)))
		goto out;
	sqlite3_bind_int64(st, 1, mandate_id);
	sqlite3_bind_int(st, 2, engagement);
	if (value < 0)
		sqlite3_bind_null(st, 3);
	else
		sqlite3_bind_int(st, 3, value);
	sp_bind_text(st, 4, comment);
	if ((rc = sp_exec1(s, st, "appréciation", e)))
		goto out;
	snprintf(eng, sizeof eng, "%d", engagement);
	if (old >= 0)
		snprintf(vold, sizeof vold, "%d", old);
	if (value >= 0)
		snprintf(vnew, sizeof vnew, "%d", value);
	if (!had || old != value)
		rc = sp_journal_add(s, mandate_id, JE_ASSESSMENT, engagement,
		    eng, journal_field_name(JF_VALUE), *vold ? vold : NULL,
		    *vnew ? vnew : NULL, 0, e);
	if (!rc && !str_eq(cold, comment))
		rc = sp_journal_add(s, mandate_id, JE_ASSESSMENT, engagement,
		    eng, journal_field_name(JF_COMMENT), cold, comment, 0, e);
out:
	sqlite3_finalize(st);
	free(cold);
	return sp_tx_end(s, rc, e);
}

int store_list_assessments(struct store *s, int64_t mandate_id,
    struct assessment **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = NULL;
	struct assessment *v = NULL;
	size_t nv = 0;
	int rc;

	if ((rc = sp_prep(s, "SELECT engagement, value, comment FROM "
	    "assessment WHERE mandate_id = ? ORDER BY engagement", &st, e)))
		return rc;
	sqlite3_bind_int64(st, 1, mandate_id);
	while (sp_row(s, st, &rc, "lecture des appréciations", e)) {
		void *np = realloc(v, (nv + 1) * sizeof *v);

		if (!np) {
			rc = err_nomem(e);
			goto out;
		}
		v = np;
		memset(&v[nv], 0, sizeof *v);
		v[nv].engagement = sqlite3_column_int(st, 0);
		v[nv].value = sqlite3_column_type(st, 1) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 1);
		v[nv].comment = sp_col_text(st, 2);
		nv++;
	}
out:
	sqlite3_finalize(st);
	if (rc) {
		assessments_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

void assessments_free(struct assessment *as, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(as[i].comment);
	free(as);
}
