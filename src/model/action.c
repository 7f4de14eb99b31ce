/*
 * action.c - actions, their fields and the rules on them.
 *
 * The field table is the one place that names fields: `list --format tsv`,
 * `set`, the journal and the interface all read it. No I/O here.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* { id, English name (alias, the TSV header), label, type, French main
 * name } */
const struct field_def action_fields[F_COUNT] = {
	{ F_REF, "ref", "N°", FIELD_TEXT, "numero" },
	{ F_ENGAGEMENT, "engagement", "Engagement", FIELD_INT, "engagement" },
	{ F_RECOMMENDATION, "recommendation", "Recommandation", FIELD_TEXT,
	    "recommandation" },
	{ F_DESIGNATION, "designation", "Intitulé de l'action", FIELD_TEXT,
	    "intitule" },
	{ F_PRIORITY, "priority", "Action prioritaire UNICEF France",
	    FIELD_BOOL, "prioritaire" },
	{ F_DESCRIPTION, "description", "Descriptif / analyse de l'action",
	    FIELD_LONGTEXT, "descriptif" },
	{ F_PILOTS, "pilots", "Service(s) pilote(s)", FIELD_TEXT, "pilotes" },
	{ F_ELECTED, "elected", "Élu(e) référent(e)", FIELD_TEXT, "elus" },
	{ F_PARTNERS, "partners", "Partenaires", FIELD_TEXT, "partenaires" },
	{ F_AUDIENCE, "audience", "Public cible", FIELD_TEXT, "public" },
	{ F_SCHEDULE, "schedule", "Calendrier", FIELD_SCHEDULE, "calendrier" },
	{ F_PROGRESS, "progress", "Avancement", FIELD_PROGRESS, "avancement" },
	{ F_RESULT, "result", "Résultat", FIELD_DERIVED, "resultat" },
	{ F_COMMENTS, "comments", "Commentaires", FIELD_LONGTEXT,
	    "commentaires" },
	{ F_PERSPECTIVES, "perspectives", "Perspectives de développement",
	    FIELD_LONGTEXT, "perspectives" },
	{ F_ADDED, "added", "Action supplémentaire au plan d'action initial",
	    FIELD_BOOL, "supplementaire" },
	{ F_ADDED_REASON, "added_reason", "Motif de l'ajout", FIELD_TEXT,
	    "motif_ajout" },
	{ F_CANCELLED, "cancelled", "Action annulée", FIELD_BOOL, "annulee" },
	{ F_CANCELLED_REASON, "cancelled_reason", "Motif de l'annulation",
	    FIELD_TEXT, "motif_annulation" },
	{ F_CANCELLED_YEAR, "cancelled_year", "Année d'annulation",
	    FIELD_INT, "annee_annulation" },
	{ F_GOOD_PRACTICE, "good_practice", "Bonne pratique à valoriser",
	    FIELD_BOOL, "bonne_pratique" },
	{ F_UPDATED_AT, "updated_at", "Dernière mise à jour", FIELD_DERIVED,
	    "mis_a_jour_le" },
	{ F_UPDATED_BY, "updated_by", "Mis à jour par", FIELD_DERIVED,
	    "mis_a_jour_par" },
};

/* ---- Progress, result, booleans ---- */

static const char *const progress_labels[] = {
	"", "Non commencée", "En cours", "Réalisée",
};

const char *progress_label(enum progress p)
{
	if ((unsigned)p > PROGRESS_DONE)
		return "";
	return progress_labels[p];
}

int progress_parse(const char *s, enum progress *out)
{
	static const struct { const char *folded; enum progress p; } v[] = {
		{ "", PROGRESS_UNSET },
		{ "non commencee", PROGRESS_NOT_STARTED },
		{ "non commence", PROGRESS_NOT_STARTED },
		{ "non demarree", PROGRESS_NOT_STARTED },
		{ "non demarre", PROGRESS_NOT_STARTED },
		{ "a venir", PROGRESS_NOT_STARTED },
		{ "pas commencee", PROGRESS_NOT_STARTED },
		{ "a demarrer", PROGRESS_NOT_STARTED },
		{ "en cours", PROGRESS_IN_PROGRESS },
		{ "en cours de realisation", PROGRESS_IN_PROGRESS },
		{ "commencee", PROGRESS_IN_PROGRESS },
		{ "demarree", PROGRESS_IN_PROGRESS },
		{ "realisee", PROGRESS_DONE },
		{ "realise", PROGRESS_DONE },
		{ "terminee", PROGRESS_DONE },
		{ "termine", PROGRESS_DONE },
		{ "fait", PROGRESS_DONE },
		{ "faite", PROGRESS_DONE },
		{ "achevee", PROGRESS_DONE },
	};
	char *f = text_fold(s);
	size_t i;

	if (!f)
		return ERR_NOMEM;
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		if (strcmp(f, v[i].folded) == 0) {
			*out = v[i].p;
			free(f);
			return 0;
		}
	}
	free(f);
	return ERR_INVALID;
}

enum result result_of(enum progress p)
{
	if (p == PROGRESS_DONE)
		return RESULT_ACHIEVED;
	if (p == PROGRESS_IN_PROGRESS)
		return RESULT_ALMOST;
	return RESULT_NOT_ACHIEVED;
}

/* Résultat as the plan shows it: "Annulée" for a cancelled action,
 * whatever its progress; "" when the progress is not given. */
const char *action_result_text(const struct action *a)
{
	if (a->cancelled)
		return "Annulée";
	if (a->progress == PROGRESS_UNSET)
		return "";
	return result_label(result_of(a->progress));
}

const char *result_label(enum result r)
{
	switch (r) {
	case RESULT_ACHIEVED: return "Atteint";
	case RESULT_ALMOST: return "En passe d'être atteint";
	default: return "Non atteint";
	}
}

int bool_parse(const char *s, int *out)
{
	static const char *const yes[] = { "oui", "o", "x", "\xe2\x9c\x93",
	    "\xe2\x9c\x94", "1", "vrai", "yes", "y", "true" };
	static const char *const no[] = { "", "non", "n", "0", "faux", "no",
	    "false", "-" };
	char *f = text_fold(s);
	size_t i;
	int rc = ERR_INVALID;

	if (!f)
		return ERR_NOMEM;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(f, yes[i]) == 0) {
			*out = 1;
			rc = 0;
		}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(f, no[i]) == 0) {
			*out = 0;
			rc = 0;
		}
	free(f);
	return rc;
}

const char *bool_label(int b)
{
	return b ? "Oui" : "Non";
}

/* ---- Indicators ---- */

void indicator_clear(struct indicator *ind)
{
	size_t i;

	if (!ind)
		return;
	free(ind->label);
	free(ind->unit);
	free(ind->baseline);
	free(ind->target);
	for (i = 0; i < ind->n_values; i++) {
		free(ind->values[i].value);
		free(ind->values[i].comment);
	}
	free(ind->values);
	memset(ind, 0, sizeof *ind);
}

const struct indicator_value *indicator_value_for(const struct indicator *ind,
    int year)
{
	size_t i;

	for (i = 0; i < ind->n_values; i++)
		if (ind->values[i].year == year)
			return &ind->values[i];
	return NULL;
}

int indicator_set_value(struct indicator *ind, int year, const char *value,
    const char *comment)
{
	struct indicator_value *v;
	size_t i;

	for (i = 0; i < ind->n_values; i++)
		if (ind->values[i].year == year)
			break;
	if (str_empty(value) && str_empty(comment)) {
		if (i < ind->n_values) {
			free(ind->values[i].value);
			free(ind->values[i].comment);
			memmove(&ind->values[i], &ind->values[i + 1],
			    (ind->n_values - i - 1) * sizeof *ind->values);
			ind->n_values--;
		}
		return 0;
	}
	if (i == ind->n_values) {
		v = realloc(ind->values, (ind->n_values + 1) * sizeof *v);
		if (!v)
			return ERR_NOMEM;
		ind->values = v;
		/* keep sorted by year */
		for (i = 0; i < ind->n_values && ind->values[i].year < year; i++)
			;
		memmove(&ind->values[i + 1], &ind->values[i],
		    (ind->n_values - i) * sizeof *v);
		memset(&ind->values[i], 0, sizeof *v);
		ind->values[i].year = year;
		ind->n_values++;
	}
	if (str_replace(&ind->values[i].value, str_empty(value) ? NULL : value) ||
	    str_replace(&ind->values[i].comment,
	    str_empty(comment) ? NULL : comment))
		return ERR_NOMEM;
	return 0;
}

int indicator_copy(struct indicator *dst, const struct indicator *src)
{
	size_t i;

	memset(dst, 0, sizeof *dst);
	dst->id = src->id;
	dst->action_id = src->action_id;
	dst->communicate = src->communicate;
	dst->position = src->position;
	if (str_replace(&dst->label, src->label) ||
	    str_replace(&dst->unit, src->unit) ||
	    str_replace(&dst->baseline, src->baseline) ||
	    str_replace(&dst->target, src->target))
		goto nomem;
	if (src->n_values) {
		dst->values = calloc(src->n_values, sizeof *dst->values);
		if (!dst->values)
			goto nomem;
		for (i = 0; i < src->n_values; i++) {
			dst->values[i].year = src->values[i].year;
			dst->n_values = i + 1;
			if (str_replace(&dst->values[i].value,
			    src->values[i].value) ||
			    str_replace(&dst->values[i].comment,
			    src->values[i].comment))
				goto nomem;
		}
	}
	return 0;
nomem:
	indicator_clear(dst);
	return ERR_NOMEM;
}

/* ---- Actions ---- */

struct action *action_new(void)
{
	return calloc(1, sizeof(struct action));
}

void action_clear(struct action *a)
{
	size_t i;

	if (!a)
		return;
	free(a->ref);
	free(a->recommendation);
	free(a->designation);
	free(a->priority_code);
	free(a->description);
	free(a->pilots);
	free(a->elected);
	free(a->partners);
	free(a->audience);
	free(a->comments);
	free(a->perspectives);
	free(a->added_reason);
	free(a->cancelled_reason);
	free(a->created_at);
	free(a->updated_at);
	free(a->updated_by);
	free(a->texts_updated_at);
	for (i = 0; i < a->n_indicators; i++)
		indicator_clear(&a->indicators[i]);
	free(a->indicators);
	memset(a, 0, sizeof *a);
}

void action_free(struct action **pa)
{
	if (!pa || !*pa)
		return;
	action_clear(*pa);
	free(*pa);
	*pa = NULL;
}

int action_copy(struct action *dst, const struct action *src)
{
	size_t i;

	*dst = *src;
	dst->ref = dst->recommendation = dst->designation = NULL;
	dst->priority_code = dst->description = dst->pilots = NULL;
	dst->elected = dst->partners = dst->audience = NULL;
	dst->comments = dst->perspectives = dst->added_reason = NULL;
	dst->cancelled_reason = dst->created_at = dst->updated_at = NULL;
	dst->updated_by = dst->texts_updated_at = NULL;
	dst->indicators = NULL;
	dst->n_indicators = 0;
	if (str_replace(&dst->ref, src->ref) ||
	    str_replace(&dst->recommendation, src->recommendation) ||
	    str_replace(&dst->designation, src->designation) ||
	    str_replace(&dst->priority_code, src->priority_code) ||
	    str_replace(&dst->description, src->description) ||
	    str_replace(&dst->pilots, src->pilots) ||
	    str_replace(&dst->elected, src->elected) ||
	    str_replace(&dst->partners, src->partners) ||
	    str_replace(&dst->audience, src->audience) ||
	    str_replace(&dst->comments, src->comments) ||
	    str_replace(&dst->perspectives, src->perspectives) ||
	    str_replace(&dst->added_reason, src->added_reason) ||
	    str_replace(&dst->cancelled_reason, src->cancelled_reason) ||
	    str_replace(&dst->created_at, src->created_at) ||
	    str_replace(&dst->updated_at, src->updated_at) ||
	    str_replace(&dst->updated_by, src->updated_by) ||
	    str_replace(&dst->texts_updated_at, src->texts_updated_at))
		goto nomem;
	if (src->n_indicators) {
		dst->indicators = calloc(src->n_indicators,
		    sizeof *dst->indicators);
		if (!dst->indicators)
			goto nomem;
		for (i = 0; i < src->n_indicators; i++) {
			if (indicator_copy(&dst->indicators[i],
			    &src->indicators[i]))
				goto nomem;
			dst->n_indicators = i + 1;
		}
	}
	return 0;
nomem:
	action_clear(dst);
	return ERR_NOMEM;
}

/* ---- Refs ---- */

int ref_compare(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	while (*a && *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			unsigned long x = strtoul(a, (char **)&a, 10);
			unsigned long y = strtoul(b, (char **)&b, 10);

			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : (*b ? -1 : 0);
}

char *ref_sort_key(const char *ref)
{
	struct strbuf sb = {0};
	const char *p = ref ? ref : "";

	while (*p) {
		if (isdigit((unsigned char)*p)) {
			const char *q = p;

			while (*q == '0' && isdigit((unsigned char)q[1]))
				q++;
			p = q;
			while (isdigit((unsigned char)*p))
				p++;
			/* length-prefixed so that "10" sorts after "9" */
			sb_printf(&sb, "%c%.*s", (char)('A' + (p - q)),
			    (int)(p - q), q);
		} else {
			sb_append_c(&sb, *p++);
		}
	}
	return sb_steal(&sb);
}

int ref_validate(const char *ref, struct err *e)
{
	size_t n = ref ? strlen(ref) : 0;
	size_t i;

	if (n == 0)
		return err_set(e, ERR_INVALID, "le N° de l'action est vide");
	if (n > 20)
		return err_set(e, ERR_INVALID,
		    "N° « %.20s… » trop long (20 caractères au plus)", ref);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)ref[i];

		if (!isalnum(c) && c != '.' && c != '-')
			return err_set(e, ERR_INVALID,
			    "N° « %s » invalide : seuls les chiffres, les "
			    "lettres, « . » et « - » sont permis", ref);
	}
	return 0;
}

/* ---- Fields ---- */

const struct field_def *field_find(const char *name)
{
	char *f;
	size_t i;
	const struct field_def *found = NULL;

	if (!name)
		return NULL;
	for (i = 0; i < F_COUNT; i++)
		if (strcmp(action_fields[i].name, name) == 0 ||
		    strcmp(action_fields[i].fr, name) == 0)
			return &action_fields[i];
	f = text_fold(name);
	if (!f)
		return NULL;
	for (i = 0; i < F_COUNT && !found; i++) {
		char *l = text_fold(action_fields[i].label);

		if ((l && strcmp(l, f) == 0) ||
		    strcmp(action_fields[i].fr, f) == 0)
			found = &action_fields[i];
		free(l);
	}
	free(f);
	return found;
}

const char *field_nearest(const char *name)
{
	const char *names[F_COUNT * 2];
	size_t i, n = 0;

	for (i = 0; i < F_COUNT; i++) {
		if (action_fields[i].type == FIELD_DERIVED)
			continue;
		names[n++] = action_fields[i].fr;
		names[n++] = action_fields[i].name;
	}
	return str_nearest(name, names, n);
}

static char **text_slot(struct action *a, enum field_id f)
{
	switch (f) {
	case F_REF: return &a->ref;
	case F_RECOMMENDATION: return &a->recommendation;
	case F_DESIGNATION: return &a->designation;
	case F_DESCRIPTION: return &a->description;
	case F_PILOTS: return &a->pilots;
	case F_ELECTED: return &a->elected;
	case F_PARTNERS: return &a->partners;
	case F_AUDIENCE: return &a->audience;
	case F_COMMENTS: return &a->comments;
	case F_PERSPECTIVES: return &a->perspectives;
	case F_ADDED_REASON: return &a->added_reason;
	case F_CANCELLED_REASON: return &a->cancelled_reason;
	case F_UPDATED_AT: return &a->updated_at;
	case F_UPDATED_BY: return &a->updated_by;
	default: return NULL;
	}
}

static int *bool_slot(struct action *a, enum field_id f)
{
	switch (f) {
	case F_PRIORITY: return &a->priority;
	case F_ADDED: return &a->added;
	case F_CANCELLED: return &a->cancelled;
	case F_GOOD_PRACTICE: return &a->good_practice;
	default: return NULL;
	}
}

int action_field_get(const struct action *ca, enum field_id f, int raw,
    struct strbuf *sb)
{
	struct action *a = (struct action *)ca;	/* slots are only read */
	char **t;
	int *b;

	sb_reset(sb);
	if (f == F_UPDATED_AT && !raw && a->updated_at) {
		char d[FR_DATE_LEN];

		/* people read 04/12/2026 à 17:05; list keeps ISO (raw) */
		return sb_append(sb, fr_datetime(a->updated_at, d, sizeof d));
	}
	if ((t = text_slot(a, f)))
		return sb_append(sb, *t);
	if ((b = bool_slot(a, f)))
		return sb_append(sb, raw ? (*b ? "1" : "0") : bool_label(*b));
	switch (f) {
	case F_ENGAGEMENT:
		return a->engagement ? sb_printf(sb, "%d", a->engagement) : 0;
	case F_CANCELLED_YEAR:
		return a->cancelled_year ?
		    sb_printf(sb, "%d", a->cancelled_year) : 0;
	case F_SCHEDULE:
		if (!a->year_start)
			return 0;
		if (a->year_end && a->year_end != a->year_start)
			return sb_printf(sb, "%d-%d", a->year_start,
			    a->year_end);
		return sb_printf(sb, "%d", a->year_start);
	case F_PROGRESS:
		return sb_append(sb, progress_label(a->progress));
	case F_RESULT:
		return sb_append(sb, result_label(result_of(a->progress)));
	default:
		return 0;
	}
}

static size_t field_max(enum field_id f)
{
	const struct field_def *d = &action_fields[f];

	if (d->type == FIELD_LONGTEXT || f == F_PARTNERS ||
	    f == F_ADDED_REASON || f == F_CANCELLED_REASON)
		return MODEL_MAX_TEXT;
	return MODEL_MAX_SHORT;
}

static int check_text(enum field_id f, const char *v, struct err *e)
{
	size_t n = strlen(v);
	size_t bad = utf8_invalid_at(v, n);
	size_t max = field_max(f);

	if (bad != n)
		return err_set(e, ERR_INVALID,
		    "%s : texte invalide (UTF-8 incorrect à l'octet %zu)",
		    action_fields[f].label, bad + 1);
	if (utf8_len(v) > max)
		return err_set(e, ERR_INVALID,
		    "%s : texte trop long (%zu caractères, %zu au plus)",
		    action_fields[f].label, utf8_len(v), max);
	if (action_fields[f].type != FIELD_LONGTEXT && strpbrk(v, "\n\r") &&
	    f != F_PARTNERS && f != F_ADDED_REASON &&
	    f != F_CANCELLED_REASON)
		return err_set(e, ERR_INVALID,
		    "%s : ce champ tient sur une ligne", action_fields[f].label);
	return 0;
}

static int parse_year(const char *v, int *out)
{
	char *end;
	long y;

	while (*v == ' ')
		v++;
	y = strtol(v, &end, 10);
	while (*end == ' ')
		end++;
	if (end == v || *end || y < MODEL_YEAR_MIN || y > MODEL_YEAR_MAX)
		return ERR_INVALID;
	*out = (int)y;
	return 0;
}

static int year_in_range(const char *name, int y, int ymin, int ymax,
    struct err *e)
{
	if (ymin && ymax && (y < ymin || y > ymax))
		return err_set(e, ERR_INVALID,
		    "%s : l'année %d est hors du mandat (%d-%d)", name, y,
		    ymin, ymax);
	return 0;
}

int action_field_set(struct action *a, enum field_id f, const char *value,
    int year_min, int year_max, struct err *e)
{
	/* Messages name the field as users read it ("Avancement"). */
	const char *name = action_fields[f].label;
	char **t;
	int *b;
	int rc;

	if (!value)
		value = "";
	if (!utf8_valid(value, strlen(value)))
		return err_set(e, ERR_INVALID,
		    "%s : texte invalide (UTF-8 incorrect à l'octet %zu)",
		    name, utf8_invalid_at(value, strlen(value)) + 1);
	if (action_fields[f].type == FIELD_DERIVED)
		return err_set(e, ERR_INVALID,
		    "%s : champ calculé automatiquement, non modifiable", name);
	if (f == F_REF) {
		if ((rc = ref_validate(value, e)))
			return rc;
	}
	if ((t = text_slot(a, f))) {
		if ((rc = check_text(f, value, e)))
			return rc;
		if (str_replace(t, *value ? value : NULL))
			return err_nomem(e);
		return 0;
	}
	if ((b = bool_slot(a, f))) {
		int v;

		if (bool_parse(value, &v))
			return err_set(e, ERR_INVALID,
			    "%s : « %s » n'est pas une valeur oui/non "
			    "(Oui, Non, 1, 0, X)", name, value);
		*b = v;
		return 0;
	}
	switch (f) {
	case F_ENGAGEMENT: {
		char *end;
		const char *p = value;
		long n;

		if (strncmp(p, "E", 1) == 0 || strncmp(p, "e", 1) == 0)
			p++;
		n = strtol(p, &end, 10);
		if (end == p || *end || n < 1 || n > 99)
			return err_set(e, ERR_INVALID,
			    "%s : « %s » n'est pas un numéro "
			    "d'engagement", name, value);
		a->engagement = (int)n;
		return 0;
	}
	case F_CANCELLED_YEAR:
		if (!*value) {
			a->cancelled_year = 0;
			return 0;
		}
		if (parse_year(value, &a->cancelled_year))
			return err_set(e, ERR_INVALID,
			    "%s : « %s » n'est pas une année", name, value);
		return year_in_range(name, a->cancelled_year, year_min,
		    year_max, e);
	case F_SCHEDULE: {
		char buf[64];
		char *dash;
		int y1, y2;

		if (!*value) {
			a->year_start = a->year_end = 0;
			return 0;
		}
		snprintf(buf, sizeof buf, "%s", value);
		dash = strchr(buf, '-');
		if (dash)
			*dash = '\0';
		if (parse_year(buf, &y1) ||
		    (dash ? parse_year(dash + 1, &y2) : (y2 = y1, 0)))
			return err_set(e, ERR_INVALID,
			    "%s : « %s » n'est pas un calendrier "
			    "(exemple : 2021-2024 ou 2023)", name, value);
		if (y2 < y1)
			return err_set(e, ERR_INVALID,
			    "%s : la fin (%d) précède le début (%d)", name,
			    y2, y1);
		if ((rc = year_in_range(name, y1, year_min, year_max, e)) ||
		    (rc = year_in_range(name, y2, year_min, year_max, e)))
			return rc;
		a->year_start = y1;
		a->year_end = y2;
		return 0;
	}
	case F_PROGRESS: {
		enum progress p;

		if (progress_parse(value, &p))
			return err_set(e, ERR_INVALID,
			    "%s : « %s » n'est pas un avancement connu "
			    "(Non commencée, En cours, Réalisée)", name, value);
		a->progress = p;
		return 0;
	}
	default:
		return err_set(e, ERR_INVALID, "%s : champ non modifiable",
		    name);
	}
}

int action_validate(const struct action *a, struct err *e)
{
	struct strbuf sb = {0};
	int rc = 0;
	int f;

	if (str_empty(a->designation)) {
		return err_set(e, ERR_INVALID,
		    "l'intitulé de l'action (designation) est obligatoire");
	}
	if (a->engagement < 1)
		return err_set(e, ERR_INVALID,
		    "l'engagement de l'action est obligatoire");
	if (a->ref && (rc = ref_validate(a->ref, e)))
		return rc;
	for (f = 0; f < F_COUNT && !rc; f++) {
		const struct field_def *d = &action_fields[f];

		if (d->type != FIELD_TEXT && d->type != FIELD_LONGTEXT)
			continue;
		if (action_field_get(a, (enum field_id)f, 1, &sb)) {
			rc = err_nomem(e);
			break;
		}
		rc = check_text((enum field_id)f, sb_str(&sb), e);
	}
	sb_free(&sb);
	return rc;
}

int action_ref_fits(const char *ref, int engagement)
{
	char prefix[16];
	size_t pl;
	const char *p;

	if (!ref || engagement <= 0)
		return 0;
	snprintf(prefix, sizeof prefix, "%d.", engagement);
	pl = strlen(prefix);
	if (strncmp(ref, prefix, pl) != 0)
		return 0;
	p = ref + pl;
	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '\0' && p - (ref + pl) <= 6;
}

int action_check_update(const struct action *old, const struct action *new,
    struct err *e)
{
	if (!str_eq(old->ref, new->ref) &&
	    !action_ref_fits(new->ref, new->engagement))
		return err_set(e, ERR_INVALID,
		    "N° « %s » refusé pour l'action %s : elle est dans "
		    "l'engagement %d, son N° doit être %d.1, %d.2… (un nombre "
		    "après « %d. »)", new->ref ? new->ref : "",
		    old->ref ? old->ref : "?", new->engagement,
		    new->engagement, new->engagement, new->engagement);
	if (old->priority && new->priority &&
	    !str_eq(old->designation, new->designation))
		return err_set(e, ERR_INVALID,
		    "action %s : l'intitulé d'une action prioritaire UNICEF "
		    "France ne peut pas être modifié (il est fixé par le "
		    "référentiel)", old->ref ? old->ref : "?");
	return action_validate(new, e);
}

static int field_same(const struct action *a, const struct action *b,
    enum field_id f, struct strbuf *x, struct strbuf *y)
{
	action_field_get(a, f, 1, x);
	action_field_get(b, f, 1, y);
	return strcmp(sb_str(x), sb_str(y)) == 0;
}

int action_fields_unchanged(const struct action *base,
    const struct action *cur, const enum field_id *fields, size_t n,
    enum field_id *changed)
{
	struct strbuf x = {0}, y = {0};
	size_t i;
	int same = 1;

	if (!fields) {
		for (i = 0; i < F_COUNT && same; i++) {
			if (action_fields[i].type == FIELD_DERIVED)
				continue;
			if (!(same = field_same(base, cur, (enum field_id)i, &x,
			    &y)) && changed)
				*changed = (enum field_id)i;
		}
	}
	for (i = 0; fields && i < n && same; i++)
		if (!(same = field_same(base, cur, fields[i], &x, &y)) &&
		    changed)
			*changed = fields[i];
	sb_free(&x);
	sb_free(&y);
	return same;
}
