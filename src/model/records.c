/*
 * records.c - the plain text format of data/ (referentials, demo plan)
 * and the referential built from it.
 *
 * A record is a block of "key: value" lines; blocks are separated by
 * blank lines; '#' starts a comment line; a value continues on lines
 * indented by two spaces or a tab ("  ." is an empty line). Errors name
 * the file and line. No I/O: the caller reads the file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

void records_free(struct record *r, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < r[i].n; j++) {
			free(r[i].fields[j].key);
			free(r[i].fields[j].value);
		}
		free(r[i].fields);
	}
	free(r);
}

const char *record_get(const struct record *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->fields[i].key, key) == 0)
			return r->fields[i].value;
	return NULL;
}

static int add_record(struct record **v, size_t *n, int line)
{
	struct record *p = realloc(*v, (*n + 1) * sizeof *p);

	if (!p)
		return ERR_NOMEM;
	*v = p;
	memset(&p[*n], 0, sizeof *p);
	p[*n].line = line;
	(*n)++;
	return 0;
}

static int add_field(struct record *r, const char *key, size_t klen,
    const char *val, size_t vlen, int line)
{
	struct record_field *f = realloc(r->fields, (r->n + 1) * sizeof *f);
	struct strbuf k = {0}, v = {0};

	if (!f)
		return ERR_NOMEM;
	r->fields = f;
	if (sb_append_n(&k, key, klen) || sb_append_n(&v, val, vlen)) {
		sb_free(&k);
		sb_free(&v);
		return ERR_NOMEM;
	}
	f[r->n].key = sb_steal(&k);
	f[r->n].value = sb_steal(&v);
	f[r->n].line = line;
	r->n++;
	return 0;
}

int records_parse(const char *text, size_t len, const char *name,
    struct record **out, size_t *n, struct err *e)
{
	struct record *v = NULL;
	size_t nv = 0;
	const char *p = text, *end = text + len;
	int line = 0, in_record = 0, rc = 0;
	size_t bad;

	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	bad = utf8_invalid_at(text, len);
	if (bad != len) {
		int l = 1;
		size_t i;

		for (i = 0; i < bad; i++)
			l += text[i] == '\n';
		return err_set(e, ERR_FORMAT,
		    "%s, ligne %d : texte invalide (UTF-8 attendu)", name, l);
	}
	if (memchr(text, '\0', len))
		return err_set(e, ERR_FORMAT, "%s : caractère nul inattendu",
		    name);
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t ll;

		if (!eol)
			eol = end;
		ll = (size_t)(eol - p);
		if (ll && p[ll - 1] == '\r')
			ll--;
		line++;
		if (ll == 0 || p[0] == '#') {
			if (ll == 0)
				in_record = 0;
		} else if (p[0] == '\t' || (ll >= 2 && p[0] == ' ' &&
		    p[1] == ' ')) {
			/* continuation of the last field */
			struct record_field *f;
			const char *c = p + (p[0] == '\t' ? 1 : 2);
			size_t cl = ll - (size_t)(c - p);
			struct strbuf sb = {0};

			if (!in_record || !v[nv - 1].n) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : ligne indentée sans champ "
				    "au-dessus", name, line);
				goto fail;
			}
			f = &v[nv - 1].fields[v[nv - 1].n - 1];
			if (cl == 1 && c[0] == '.')
				cl = 0;
			if (sb_append(&sb, f->value) ||
			    (*f->value || f->line != line - 1 ?
			    sb_append_c(&sb, '\n') : 0) ||
			    sb_append_n(&sb, c, cl)) {
				sb_free(&sb);
				rc = err_nomem(e);
				goto fail;
			}
			free(f->value);
			f->value = sb_steal(&sb);
			f->line = -1;	/* later lines always add a newline */
		} else {
			const char *colon = memchr(p, ':', ll);
			const char *val;
			size_t klen, vlen;
			size_t i;

			if (!colon) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : « clé: valeur » attendu",
				    name, line);
				goto fail;
			}
			klen = (size_t)(colon - p);
			while (klen && p[klen - 1] == ' ')
				klen--;
			for (i = 0; i < klen; i++)
				if (!islower((unsigned char)p[i]) &&
				    !isdigit((unsigned char)p[i]) &&
				    p[i] != '_') {
					rc = err_set(e, ERR_FORMAT,
					    "%s, ligne %d : nom de champ "
					    "« %.*s » invalide", name, line,
					    (int)klen, p);
					goto fail;
				}
			if (!klen) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : nom de champ vide", name,
				    line);
				goto fail;
			}
			val = colon + 1;
			while (val < p + ll && *val == ' ')
				val++;
			vlen = (size_t)(p + ll - val);
			while (vlen && val[vlen - 1] == ' ')
				vlen--;
			if (!in_record) {
				if (add_record(&v, &nv, line)) {
					rc = err_set(e, ERR_NOMEM,
					    "mémoire insuffisante");
					goto fail;
				}
				in_record = 1;
			}
			if (add_field(&v[nv - 1], p, klen, val, vlen, line)) {
				rc = err_nomem(e);
				goto fail;
			}
		}
		p = eol < end ? eol + 1 : end;
	}
	/* continuation bookkeeping used line numbers; restore first lines */
	*out = v;
	*n = nv;
	return 0;
fail:
	records_free(v, nv);
	return rc;
}

/* ---- Referential ---- */

void referential_free(struct referential **pr)
{
	struct referential *r;
	size_t i;

	if (!pr || !*pr)
		return;
	r = *pr;
	free(r->code);
	free(r->name);
	free(r->track);
	free(r->mandate);
	free(r->previous);
	for (i = 0; i < r->n_engagements; i++)
		free(r->engagements[i].title);
	free(r->engagements);
	for (i = 0; i < r->n_recommendations; i++) {
		free(r->recommendations[i].code);
		free(r->recommendations[i].text);
	}
	free(r->recommendations);
	for (i = 0; i < r->n_priorities; i++) {
		free(r->priorities[i].code);
		free(r->priorities[i].recommendation);
		free(r->priorities[i].designation);
	}
	free(r->priorities);
	free(r->mappings);
	free(r);
	*pr = NULL;
}

const struct ref_engagement *referential_engagement(const struct referential *r,
    int number)
{
	size_t i;

	for (i = 0; r && i < r->n_engagements; i++)
		if (r->engagements[i].number == number)
			return &r->engagements[i];
	return NULL;
}

const struct ref_recommendation *referential_recommendation(
    const struct referential *r, const char *code)
{
	size_t i;

	for (i = 0; r && code && i < r->n_recommendations; i++)
		if (strcmp(r->recommendations[i].code, code) == 0)
			return &r->recommendations[i];
	return NULL;
}

const struct ref_priority *referential_priority(const struct referential *r,
    const char *code)
{
	size_t i;

	for (i = 0; r && code && i < r->n_priorities; i++)
		if (strcmp(r->priorities[i].code, code) == 0)
			return &r->priorities[i];
	return NULL;
}

static int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return ERR_INVALID;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return ERR_INVALID;
	*out = (int)v;
	return 0;
}

#define GROW(arr, n) do { \
	void *np_ = realloc((arr), ((n) + 1) * sizeof *(arr)); \
	if (!np_) goto nomem; \
	(arr) = np_; \
	memset(&(arr)[(n)], 0, sizeof *(arr)); \
} while (0)

/* The "provisoire: oui|non" key of rec (absent: non). */
static int provisional_of(const struct record *rec, const char *name,
    int *out, struct err *e)
{
	const char *v = record_get(rec, "provisoire");

	*out = 0;
	if (v && bool_parse(v, out))
		return err_set(e, ERR_FORMAT, "%s, ligne %d : « provisoire » "
		    "vaut « %s » ; attendu : oui ou non", name, rec->line, v);
	return 0;
}

int referential_parse(const char *text, size_t len, const char *name,
    struct referential **out, struct err *e)
{
	struct record *recs = NULL;
	struct referential *r;
	size_t nrec = 0, i, j;
	int rc, prov;

	if ((rc = records_parse(text, len, name, &recs, &nrec, e)))
		return rc;
	r = calloc(1, sizeof *r);
	if (!r)
		goto nomem;
	for (i = 0; i < nrec; i++) {
		const struct record *rec = &recs[i];
		const char *kind = rec->fields[0].key;
		const char *v0 = rec->fields[0].value;

		if (strcmp(kind, "referentiel") == 0) {
			if (str_replace(&r->code, v0) ||
			    str_replace(&r->name, record_get(rec, "nom")) ||
			    str_replace(&r->track, record_get(rec, "parcours")) ||
			    str_replace(&r->mandate, record_get(rec, "mandat")) ||
			    str_replace(&r->previous,
			    record_get(rec, "precedent")))
				goto nomem;
		} else if (strcmp(kind, "engagement") == 0) {
			int num;

			if (parse_int(v0, 1, 99, &num)) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : numéro d'engagement « %s » "
				    "invalide", name, rec->line, v0);
				goto fail;
			}
			if (referential_engagement(r, num)) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : engagement %d en double",
				    name, rec->line, num);
				goto fail;
			}
			if (provisional_of(rec, name, &prov, e)) {
				rc = ERR_FORMAT;
				goto fail;
			}
			GROW(r->engagements, r->n_engagements);
			r->engagements[r->n_engagements].number = num;
			r->engagements[r->n_engagements].provisional = prov;
			if (str_replace(&r->engagements[r->n_engagements].title,
			    record_get(rec, "titre")))
				goto nomem;
			r->n_engagements++;
		} else if (strcmp(kind, "recommandation") == 0) {
			struct ref_recommendation *rr;
			int num;

			if (parse_int(record_get(rec, "engagement"), 1, 99,
			    &num) || !*v0) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : recommandation sans code "
				    "ou sans engagement valide", name,
				    rec->line);
				goto fail;
			}
			if (referential_recommendation(r, v0)) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : recommandation %s en double",
				    name, rec->line, v0);
				goto fail;
			}
			if (provisional_of(rec, name, &prov, e)) {
				rc = ERR_FORMAT;
				goto fail;
			}
			GROW(r->recommendations, r->n_recommendations);
			rr = &r->recommendations[r->n_recommendations++];
			rr->engagement = num;
			rr->provisional = prov;
			if (str_replace(&rr->code, v0) ||
			    str_replace(&rr->text, record_get(rec, "texte")))
				goto nomem;
		} else if (strcmp(kind, "prioritaire") == 0) {
			struct ref_priority *rp;
			const char *ex = record_get(rec, "exemple");
			int num, exv = 0;

			if (parse_int(record_get(rec, "engagement"), 1, 99,
			    &num) || !*v0 ||
			    str_empty(record_get(rec, "intitule")) ||
			    (ex && bool_parse(ex, &exv))) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : action prioritaire sans "
				    "code, engagement ou intitulé valide", name,
				    rec->line);
				goto fail;
			}
			GROW(r->priorities, r->n_priorities);
			rp = &r->priorities[r->n_priorities++];
			rp->engagement = num;
			rp->example = exv;
			if (str_replace(&rp->code, v0) ||
			    str_replace(&rp->recommendation,
			    record_get(rec, "recommandation")) ||
			    str_replace(&rp->designation,
			    record_get(rec, "intitule")))
				goto nomem;
		} else if (strcmp(kind, "correspondance") == 0) {
			int from, to;

			if (parse_int(v0, 1, 99, &from) ||
			    parse_int(record_get(rec, "vers"), 1, 99, &to)) {
				rc = err_set(e, ERR_FORMAT,
				    "%s, ligne %d : correspondance invalide "
				    "(« correspondance: N » puis « vers: N »)",
				    name, rec->line);
				goto fail;
			}
			GROW(r->mappings, r->n_mappings);
			r->mappings[r->n_mappings].from = from;
			r->mappings[r->n_mappings].to = to;
			r->n_mappings++;
		} else {
			rc = err_set(e, ERR_FORMAT,
			    "%s, ligne %d : type d'enregistrement « %s » "
			    "inconnu", name, rec->line, kind);
			goto fail;
		}
	}
	if (!r->code || !*r->code) {
		rc = err_set(e, ERR_FORMAT,
		    "%s : ligne « referentiel: CODE » manquante", name);
		goto fail;
	}
	if (!r->n_engagements) {
		rc = err_set(e, ERR_FORMAT, "%s : aucun engagement", name);
		goto fail;
	}
	for (j = 0; j < r->n_recommendations; j++)
		if (!referential_engagement(r,
		    r->recommendations[j].engagement)) {
			rc = err_set(e, ERR_FORMAT,
			    "%s : la recommandation %s renvoie à "
			    "l'engagement %d, qui n'existe pas", name,
			    r->recommendations[j].code,
			    r->recommendations[j].engagement);
			goto fail;
		}
	records_free(recs, nrec);
	*out = r;
	return 0;
nomem:
	rc = err_nomem(e);
fail:
	records_free(recs, nrec);
	referential_free(&r);
	return rc;
}
