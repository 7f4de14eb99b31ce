/*
 * plan.c - the whole plan in memory: collectivité, mandate, reviews,
 * actions; counts for the Synthèse, the "vérification avant envoi" and the
 * comparison of two states (Évolution). No I/O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* ---- Collectivité ---- */

const struct coll_field_def coll_fields[C_COUNT] = {
	{ C_NAME, "nom", "Nom de la collectivité" },
	{ C_KIND, "type", "Type (Ville, Intercommunalité, Département)" },
	{ C_CODE, "code", "Code INSEE ou SIREN" },
	{ C_DEPARTEMENT, "departement", "Département" },
	{ C_ELECTED_NAME, "elu_nom", "Élu(e) référent(e)" },
	{ C_ELECTED_ROLE, "elu_fonction", "Fonction de l'élu(e)" },
	{ C_ELECTED_EMAIL, "elu_email", "Courriel de l'élu(e)" },
	{ C_ELECTED_PHONE, "elu_telephone", "Téléphone de l'élu(e)" },
	{ C_TECH_NAME, "technique_nom", "Référent(e) technique" },
	{ C_TECH_DEPARTMENT, "technique_service",
	    "Service du référent technique" },
	{ C_TECH_EMAIL, "technique_email", "Courriel du référent technique" },
	{ C_TECH_PHONE, "technique_telephone",
	    "Téléphone du référent technique" },
	{ C_VOLUNTEERS, "benevoles", "Référents bénévoles UNICEF" },
};

const struct coll_field_def *coll_field_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < C_COUNT; i++)
		if (strcmp(coll_fields[i].name, name) == 0)
			return &coll_fields[i];
	return NULL;
}

int coll_field_check(enum coll_field f, const char *v, struct err *e)
{
	size_t n = v ? strlen(v) : 0;
	size_t max = f == C_VOLUNTEERS ? MODEL_MAX_TEXT : MODEL_MAX_SHORT;

	if (!v)
		v = "";
	if (!utf8_valid(v, n))
		return err_set(e, ERR_INVALID, "%s : texte invalide (UTF-8)",
		    coll_fields[f].name);
	if (utf8_len(v) > max)
		return err_set(e, ERR_INVALID, "%s : texte trop long",
		    coll_fields[f].name);
	if (f == C_NAME && !*v)
		return err_set(e, ERR_INVALID,
		    "le nom de la collectivité est obligatoire");
	if (f == C_KIND && *v) {
		char *k = text_fold(v);
		int ok = k && (!strcmp(k, "ville") ||
		    !strcmp(k, "intercommunalite") ||
		    !strcmp(k, "departement"));

		free(k);
		if (!ok)
			return err_set(e, ERR_INVALID,
			    "type : « %s » n'est pas un type connu (Ville, "
			    "Intercommunalité, Département)", v);
	}
	return 0;
}

void collectivite_clear(struct collectivite *c)
{
	int i;

	for (i = 0; i < C_COUNT; i++)
		free(c->f[i]);
	memset(c, 0, sizeof *c);
}

/* ---- Mandate, review ---- */

int mandate_year_now(const struct mandate *m)
{
	int y = clock_year();

	if (y < m->year_first)
		y = m->year_first;
	if (y > m->year_last)
		y = m->year_last;
	return y;
}

void mandate_clear(struct mandate *m)
{
	free(m->label);
	memset(m, 0, sizeof *m);
}

int mandate_parse_label(const char *label, int *first, int *last,
    struct err *e)
{
	int a, b, n = 0;

	if (!label || sscanf(label, "%4d-%4d%n", &a, &b, &n) != 2 ||
	    label[n] || a < MODEL_YEAR_MIN || b > MODEL_YEAR_MAX || b < a ||
	    b - a > 12)
		return err_set(e, ERR_INVALID,
		    "mandat « %s » invalide : attendu deux années, par "
		    "exemple 2026-2032", label ? label : "");
	*first = a;
	*last = b;
	return 0;
}

void review_clear(struct review *r)
{
	free(r->done_at);
	free(r->done_by);
	free(r->comments);
	memset(r, 0, sizeof *r);
}

int assessment_parse(const char *s, int *out)
{
	char *f = text_fold(s);
	int rc = 0;

	if (!f)
		return ERR_NOMEM;
	if (!*f)
		*out = -1;
	else if (!strcmp(f, "atteint") || !strcmp(f, "atteints"))
		*out = RESULT_ACHIEVED;
	else if (!strncmp(f, "en passe d'etre atteint", 23))
		*out = RESULT_ALMOST;
	else if (!strcmp(f, "non atteint") || !strcmp(f, "non atteints"))
		*out = RESULT_NOT_ACHIEVED;
	else
		rc = ERR_INVALID;
	free(f);
	return rc;
}

/* ---- Plan ---- */

struct plan *plan_new(void)
{
	return calloc(1, sizeof(struct plan));
}

void plan_free(struct plan **pp)
{
	struct plan *p;
	size_t i;

	if (!pp || !*pp)
		return;
	p = *pp;
	collectivite_clear(&p->coll);
	mandate_clear(&p->mandate);
	referential_free(&p->ref);
	for (i = 0; i < p->n_actions; i++)
		action_clear(&p->actions[i]);
	free(p->actions);
	for (i = 0; i < p->n_reviews; i++)
		review_clear(&p->reviews[i]);
	free(p->reviews);
	for (i = 0; i < p->n_assessments; i++)
		free(p->assessments[i].comment);
	free(p->assessments);
	free(p->snapshot_at);
	free(p);
	*pp = NULL;
}

int plan_take_action(struct plan *p, struct action *a)
{
	size_t n = p->n_actions;

	/* capacity is implicit: 16, then doubled at each power of two */
	if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
		size_t cap = n ? n * 2 : 16;
		struct action *v = realloc(p->actions, cap * sizeof *v);

		if (!v)
			return ERR_NOMEM;
		p->actions = v;
	}
	p->actions[p->n_actions++] = *a;
	memset(a, 0, sizeof *a);
	return 0;
}

int plan_add_action(struct plan *p, const struct action *a)
{
	struct action c;

	if (action_copy(&c, a))
		return ERR_NOMEM;
	if (plan_take_action(p, &c)) {
		action_clear(&c);
		return ERR_NOMEM;
	}
	return 0;
}

struct action *plan_find_action(const struct plan *p, const char *ref)
{
	size_t i;

	for (i = 0; i < p->n_actions; i++)
		if (str_eq(p->actions[i].ref, ref))
			return &p->actions[i];
	return NULL;
}

const struct review *plan_review(const struct plan *p, int year)
{
	size_t i;

	for (i = 0; i < p->n_reviews; i++)
		if (p->reviews[i].year == year)
			return &p->reviews[i];
	return NULL;
}

static int action_order(const void *x, const void *y)
{
	const struct action *a = x, *b = y;

	if (a->engagement != b->engagement)
		return a->engagement < b->engagement ? -1 : 1;
	return ref_compare(a->ref, b->ref);
}

void plan_sort(struct plan *p)
{
	if (p->n_actions > 1)
		qsort(p->actions, p->n_actions, sizeof *p->actions,
		    action_order);
}

int plan_engagement_count(const struct plan *p)
{
	int n = 0;
	size_t i;

	if (p->ref)
		for (i = 0; i < p->ref->n_engagements; i++)
			if (p->ref->engagements[i].number > n)
				n = p->ref->engagements[i].number;
	for (i = 0; i < p->n_actions; i++)
		if (p->actions[i].engagement > n)
			n = p->actions[i].engagement;
	return n;
}

static void count_one(struct plan_counts *c, const struct action *a)
{
	if (a->added)
		c->added++;
	if (a->cancelled) {
		c->cancelled++;
		return;
	}
	c->actions++;
	switch (a->progress) {
	case PROGRESS_DONE: c->done++; break;
	case PROGRESS_IN_PROGRESS: c->in_progress++; break;
	case PROGRESS_NOT_STARTED: c->not_started++; break;
	default: c->unset++; break;
	}
	if (a->priority) {
		c->priority++;
		if (a->progress == PROGRESS_DONE)
			c->priority_done++;
	}
	if (a->good_practice)
		c->good_practice++;
}

void plan_count(const struct plan *p, struct plan_counts *counts, int n)
{
	size_t i;

	memset(counts, 0, (size_t)(n + 1) * sizeof *counts);
	for (i = 0; i < p->n_actions; i++) {
		const struct action *a = &p->actions[i];

		count_one(&counts[0], a);
		if (a->engagement >= 1 && a->engagement <= n)
			count_one(&counts[a->engagement], a);
	}
}

/* ---- Vérification avant envoi ---- */

struct check_list {
	struct check_item *v;
	size_t n;
	int failed;
};

static void check_add(struct check_list *l, enum check_kind kind,
    const struct action *a, int engagement, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void check_add(struct check_list *l, enum check_kind kind,
    const struct action *a, int engagement, const char *fmt, ...)
{
	struct check_item *v;
	char buf[600];
	va_list ap;

	if (l->failed)
		return;
	v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v) {
		l->failed = 1;
		return;
	}
	l->v = v;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	v[l->n].kind = kind;
	v[l->n].engagement = engagement;
	v[l->n].ref = a ? xstrdup(a->ref) : NULL;
	v[l->n].message = xstrdup(buf);
	if (!v[l->n].message || (a && a->ref && !v[l->n].ref))
		l->failed = 1;
	l->n++;
}

int plan_verify(const struct plan *p, int year, struct check_item **out,
    size_t *n, struct err *e)
{
	struct check_list l = {0};
	char ystr[8];
	int neng = plan_engagement_count(p);
	int k;
	size_t i, j;

	snprintf(ystr, sizeof ystr, "%d", year);
	for (k = 1; k <= neng; k++) {
		int found = 0;

		for (i = 0; i < p->n_actions && !found; i++)
			found = p->actions[i].engagement == k &&
			    !p->actions[i].cancelled;
		if (!found)
			check_add(&l, CHECK_ENGAGEMENT_EMPTY, NULL, k,
			    "Engagement %d : aucune action en cours", k);
	}
	for (i = 0; i < p->n_actions; i++) {
		const struct action *a = &p->actions[i];
		const char *r = a->ref ? a->ref : "?";

		if (a->cancelled) {
			if (str_empty(a->cancelled_reason))
				check_add(&l, CHECK_CANCELLED_NO_REASON, a,
				    a->engagement,
				    "Action %s : annulée sans motif", r);
			continue;
		}
		if (a->added && str_empty(a->added_reason))
			check_add(&l, CHECK_ADDED_NO_REASON, a, a->engagement,
			    "Action %s : ajoutée au plan initial sans motif", r);
		if (a->progress == PROGRESS_UNSET)
			check_add(&l, CHECK_NO_PROGRESS, a, a->engagement,
			    "Action %s : avancement non renseigné", r);
		if (!a->texts_updated_at ||
		    strncmp(a->texts_updated_at, ystr, 4) != 0)
			check_add(&l, CHECK_NOT_UPDATED, a, a->engagement,
			    "Action %s : aucun texte (descriptif, "
			    "commentaires, perspectives) mis à jour en %d",
			    r, year);
		if (a->priority && a->priority_code && p->ref) {
			const struct ref_priority *rp =
			    referential_priority(p->ref, a->priority_code);

			if (rp && rp->designation &&
			    !str_eq(rp->designation, a->designation))
				check_add(&l, CHECK_PRIORITY_CHANGED, a,
				    a->engagement,
				    "Action %s : intitulé différent de celui de "
				    "l'action prioritaire %s du référentiel", r,
				    rp->code);
		}
		for (j = 0; j < a->n_indicators; j++) {
			const struct indicator_value *v =
			    indicator_value_for(&a->indicators[j], year);

			if (!v || str_empty(v->value))
				check_add(&l, CHECK_INDICATOR_NO_VALUE, a,
				    a->engagement,
				    "Action %s : indicateur « %s » sans valeur "
				    "pour %d", r,
				    a->indicators[j].label ?
				    a->indicators[j].label : "", year);
		}
	}
	if (l.failed) {
		check_items_free(l.v, l.n);
		return err_nomem(e);
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

void check_items_free(struct check_item *items, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(items[i].ref);
		free(items[i].message);
	}
	free(items);
}

/* ---- Evolution ---- */

struct change_list {
	struct change *v;
	size_t n;
	int failed;
};

static void change_add(struct change_list *l, enum change_kind kind,
    const struct action *a, const char *before, const char *after,
    const char *reason, int year)
{
	struct change *v;

	if (l->failed)
		return;
	v = realloc(l->v, (l->n + 1) * sizeof *v);
	if (!v) {
		l->failed = 1;
		return;
	}
	l->v = v;
	memset(&v[l->n], 0, sizeof *v);
	v[l->n].kind = kind;
	v[l->n].engagement = a->engagement;
	v[l->n].year = year;
	if (str_replace(&v[l->n].ref, a->ref) ||
	    str_replace(&v[l->n].designation, a->designation) ||
	    str_replace(&v[l->n].before, before) ||
	    str_replace(&v[l->n].after, after) ||
	    str_replace(&v[l->n].reason, reason))
		l->failed = 1;
	l->n++;
}

static int by_ref(const void *x, const void *y)
{
	const struct action *a = *(const struct action *const *)x;
	const struct action *b = *(const struct action *const *)y;

	return strcmp(a->ref ? a->ref : "", b->ref ? b->ref : "");
}

/* The actions of p sorted by ref, to find them in O(log n): comparing two
 * plans of 100,000 actions must not cost n^2 lookups. Caller frees. */
static const struct action **index_by_ref(const struct plan *p)
{
	const struct action **v = malloc((p->n_actions + 1) * sizeof *v);
	size_t i;

	if (!v)
		return NULL;
	for (i = 0; i < p->n_actions; i++)
		v[i] = &p->actions[i];
	qsort(v, p->n_actions, sizeof *v, by_ref);
	return v;
}

static const struct action *lookup(const struct action **idx, size_t n,
    const char *ref)
{
	struct action key;
	const struct action *kp = &key;
	const struct action **hit;

	memset(&key, 0, sizeof key);
	key.ref = (char *)(ref ? ref : "");
	hit = bsearch(&kp, idx, n, sizeof *idx, by_ref);
	return hit ? *hit : NULL;
}

int plan_compare(const struct plan *from, const struct plan *to,
    struct change **out, size_t *n, struct err *e)
{
	struct change_list l = {0};
	const struct action **ifrom = index_by_ref(from);
	const struct action **ito = index_by_ref(to);
	size_t i;

	if (!ifrom || !ito) {
		free(ifrom);
		free(ito);
		return err_nomem(e);
	}
	for (i = 0; i < to->n_actions; i++) {
		const struct action *b = &to->actions[i];
		const struct action *a = lookup(ifrom, from->n_actions, b->ref);
		if (!a) {
			change_add(&l, CHANGE_ADDED, b, NULL, NULL,
			    b->added_reason, 0);
			if (b->cancelled)
				change_add(&l, CHANGE_CANCELLED, b, NULL, NULL,
				    b->cancelled_reason, b->cancelled_year);
			continue;
		}
		if (b->cancelled && !a->cancelled)
			change_add(&l, CHANGE_CANCELLED, b, NULL, NULL,
			    b->cancelled_reason, b->cancelled_year);
		if (!str_eq(a->designation, b->designation))
			change_add(&l, CHANGE_DESIGNATION, b, a->designation,
			    b->designation, NULL, 0);
		if (a->progress != b->progress)
			change_add(&l, CHANGE_PROGRESS, b,
			    progress_label(a->progress),
			    progress_label(b->progress), NULL, 0);
		if (!str_eq(a->description, b->description) ||
		    !str_eq(a->comments, b->comments) ||
		    !str_eq(a->perspectives, b->perspectives))
			change_add(&l, CHANGE_TEXTS, b, NULL, NULL, NULL, 0);
	}
	for (i = 0; i < from->n_actions; i++)
		if (!lookup(ito, to->n_actions, from->actions[i].ref))
			change_add(&l, CHANGE_REMOVED, &from->actions[i], NULL,
			    NULL, NULL, 0);
	free(ifrom);
	free(ito);
	if (l.failed) {
		changes_free(l.v, l.n);
		return err_nomem(e);
	}
	*out = l.v;
	*n = l.n;
	return 0;
}

void changes_free(struct change *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].ref);
		free(c[i].designation);
		free(c[i].before);
		free(c[i].after);
		free(c[i].reason);
	}
	free(c);
}
