/*
 * model.h - the plan of a collectivité, in memory: actions, indicators,
 * yearly reviews, the referential of a mandate, and the rules that apply
 * to them (field names and labels, validation, derived result, the
 * "vérification avant envoi", comparison of two states).
 *
 * Pure: no I/O, no database. Strings are UTF-8, owned by their struct
 * and freed by its *_free / *_clear function. An empty text may be NULL.
 */
#ifndef SUIVI_MODEL_H
#define SUIVI_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "util.h"

/* ---- Limits ---- */

#define MODEL_MAX_TEXT	 32767	/* a spreadsheet cell; longer is refused */
#define MODEL_MAX_SHORT	 1000	/* designation, pilots, names... */
#define MODEL_YEAR_MIN	 1990
#define MODEL_YEAR_MAX	 2100

/* ---- Avancement and Résultat ---- */

enum progress {
	PROGRESS_UNSET = 0,	/* not filled: flagged by the verification */
	PROGRESS_NOT_STARTED,	/* "Non commencée" */
	PROGRESS_IN_PROGRESS,	/* "En cours" */
	PROGRESS_DONE,		/* "Réalisée" */
};

enum result {
	RESULT_NOT_ACHIEVED = 0,	/* "Non atteint" */
	RESULT_ALMOST,			/* "En passe d'être atteint" */
	RESULT_ACHIEVED,		/* "Atteint" */
};

/* French label ("" for PROGRESS_UNSET). */
const char *progress_label(enum progress p);
/* Parses a label (case, accents and known variants ignored: "terminée",
 * "fait", "en cours de réalisation", "à venir"...). "" gives UNSET.
 * Returns ERR_INVALID on anything else. */
int progress_parse(const char *s, enum progress *out);
enum result result_of(enum progress p);
const char *result_label(enum result r);
/* "Annulée" when a is cancelled, "" without progress, else the label. */
struct action;
const char *action_result_text(const struct action *a);

/* ---- Yes/no ---- */

/* Parses Oui/Non, X, x, ✓, 1/0, vrai/faux, yes/no, true/false, "" (no). */
int bool_parse(const char *s, int *out);
const char *bool_label(int b);	/* "Oui" / "Non" */

/* ---- Indicators ---- */

struct indicator_value {
	int year;
	char *value;	/* as typed: "120", "12,5 %" */
	char *comment;
};

struct indicator {
	int64_t id;
	int64_t action_id;
	char *label;
	char *unit;
	char *baseline;
	char *target;
	int communicate;	/* "à communiquer" */
	int position;
	struct indicator_value *values;	/* sorted by year */
	size_t n_values;
};

void indicator_clear(struct indicator *ind);
/* Value for year, or NULL. */
const struct indicator_value *indicator_value_for(const struct indicator *ind,
    int year);
/* Sets (or with empty value and comment, removes) the value of a year. */
int indicator_set_value(struct indicator *ind, int year, const char *value,
    const char *comment);
int indicator_copy(struct indicator *dst, const struct indicator *src);

/* ---- Actions ---- */

struct action {
	int64_t id;		/* 0 until stored */
	int64_t mandate_id;
	int64_t version;	/* bumped by each stored update */
	int64_t origin_id;	/* action of a previous mandate it continues */
	char *ref;		/* "2.4" */
	int engagement;		/* 1..n */
	char *recommendation;	/* referential code "E2-R1", or NULL */
	char *designation;
	int priority;
	char *priority_code;	/* referential code of the priority action */
	char *description;
	char *pilots;
	char *elected;
	char *partners;
	char *audience;
	int year_start;		/* 0 when unknown */
	int year_end;
	enum progress progress;
	char *comments;
	char *perspectives;
	int added;
	char *added_reason;
	int cancelled;
	char *cancelled_reason;
	int cancelled_year;
	int good_practice;
	char *created_at;
	char *updated_at;	/* "YYYY-MM-DD HH:MM:SS" */
	char *updated_by;
	char *texts_updated_at;	/* last change of a long text */
	struct indicator *indicators;
	size_t n_indicators;
};

struct action *action_new(void);
void action_free(struct action **pa);
/* Frees the members, zeroes the struct. */
void action_clear(struct action *a);
/* Deep copy into a zeroed dst. */
int action_copy(struct action *dst, const struct action *src);

/* Compares refs naturally: "2.10" after "2.9". */
int ref_compare(const char *a, const char *b);
/* Sort key for a ref: numeric parts zero-padded ("0002.0010"). Caller frees. */
char *ref_sort_key(const char *ref);
/* Checks a ref: 1 to 20 characters among digits, letters, '.', '-'. */
int ref_validate(const char *ref, struct err *e);

/* ---- Fields (the names of `list --format tsv`, `set` and `add`) ---- */

enum field_type {
	FIELD_TEXT,		/* one line */
	FIELD_LONGTEXT,		/* several paragraphs */
	FIELD_BOOL,
	FIELD_INT,		/* engagement, year */
	FIELD_PROGRESS,
	FIELD_SCHEDULE,		/* "2021-2024" or "2021" */
	FIELD_DERIVED,		/* result, updated_*: read only */
};

enum field_id {
	F_REF, F_ENGAGEMENT, F_RECOMMENDATION, F_DESIGNATION, F_PRIORITY,
	F_DESCRIPTION, F_PILOTS, F_ELECTED, F_PARTNERS, F_AUDIENCE,
	F_SCHEDULE, F_PROGRESS, F_RESULT, F_COMMENTS, F_PERSPECTIVES,
	F_ADDED, F_ADDED_REASON, F_CANCELLED, F_CANCELLED_REASON,
	F_CANCELLED_YEAR, F_GOOD_PRACTICE, F_UPDATED_AT, F_UPDATED_BY,
	F_COUNT
};

struct field_def {
	enum field_id id;
	const char *name;	/* "description" */
	const char *label;	/* "Descriptif / analyse de l'action" */
	enum field_type type;
	const char *fr;		/* French main name: "descriptif" (name: alias) */
};

/* All fields in the order of `list --format tsv`. */
extern const struct field_def action_fields[F_COUNT];
/* Looks up by French name or English name (exact), or French name or
 * label (folded: « élus », « Avancement »). NULL if unknown. */
const struct field_def *field_find(const char *name);
/* The settable field name nearest to a misspelt name ("avancemnt" ->
 * "avancement"), NULL when none is near. */
const char *field_nearest(const char *name);

/* Writes the text form of a field of a into sb, replacing its contents:
 * raw, as `list` prints it (booleans "0"/"1", dates ISO), else for people
 * (booleans "Oui"/"Non", "Dernière mise à jour" 04/12/2026 à 17:05). */
int action_field_get(const struct action *a, enum field_id f, int raw,
    struct strbuf *sb);
/* Parses value and sets the field. Validates type, length, UTF-8, year
 * range (when the mandate years are given: min/max, 0 to skip). The
 * engagement's existence is checked by the caller against the referential.
 * ERR_INVALID with a French message naming the field. */
int action_field_set(struct action *a, enum field_id f, const char *value,
    int year_min, int year_max, struct err *e);

/* Checks a whole action before it is stored: designation present,
 * engagement > 0, UTF-8, lengths, reasons. */
int action_validate(const struct action *a, struct err *e);

/* 1 when ref is "E.n" for this engagement E and a number n from 1 (no
 * leading zero): the form a renumbered action must take. */
int action_ref_fits(const char *ref, int engagement);

/* Rules for an update from old to new: the designation of a priority
 * action cannot change; a changed N° must fit the engagement
 * (action_ref_fits; its uniqueness is the store's). ERR_INVALID, the
 * message says why. */
int action_check_update(const struct action *old, const struct action *new,
    struct err *e);

/* The rule for two people saving one action at once (suivi set, the
 * interface): an edit made from the row as read (base) may be applied
 * over the row as stored now (cur) when none of the n fields it changes
 * differs between the two; other fields merge silently. Returns 1 when
 * they merge; 0 on a conflict, with *changed (may be NULL) set to the
 * first of fields the other person changed. fields NULL: every field
 * that is not derived (then 1 means "nothing differs"). */
int action_fields_unchanged(const struct action *base,
    const struct action *cur, const enum field_id *fields, size_t n,
    enum field_id *changed);

/* ---- Words of the journal (src/model/journal.c) ---- */

/* What a journal row is about. db_name is the word stored in
 * journal.entity: it never changes, so that existing bases keep being
 * read and undone; label is what the user reads. */
enum journal_entity {
	JE_ACTION,		/* "action" */
	JE_INDICATOR,		/* "indicateur" */
	JE_COLLECTIVITE,	/* "collectivite" */
	JE_REVIEW,		/* "bilan": a yearly review */
	JE_ASSESSMENT,		/* "appreciation": the final assessment */
	JE_INITIAL,		/* "plan initial": the frozen initial plan */
	JE_MANDATE,		/* "mandat" */
	JE_COUNT,
	JE_UNKNOWN = JE_COUNT	/* a word no table knows */
};

struct journal_entity_def {
	enum journal_entity id;
	const char *db_name, *label;
};
extern const struct journal_entity_def journal_entities[JE_COUNT];

const char *journal_entity_name(enum journal_entity en);	/* db_name */
/* The entity stored as db_name; JE_UNKNOWN for NULL or another word. */
enum journal_entity journal_entity_parse(const char *db_name);

/* The journal's own field names (an action's fields are named by
 * action_fields, the collectivité's by coll_fields). JF_VALUE and
 * JF_COMMENT are the assessment's "valeur" and "commentaire" and, with a
 * year, an indicator's "valeur 2024" and "commentaire 2024"
 * (journal_field_year). */
enum journal_field {
	JF_CREATION,		/* "*creation*": new is its label */
	JF_DELETION,		/* "*suppression*": old is its label */
	JF_CARRIED,		/* "reprise": an action carried over */
	JF_CLOSED,		/* "cloture": not carried over */
	JF_MERGED,		/* "fusion": merged into another */
	JF_LABEL,		/* indicator fields */
	JF_UNIT,
	JF_BASELINE,
	JF_TARGET,
	JF_COMMUNICATE,
	JF_POSITION,
	JF_DONE,		/* "fait": review ticked */
	JF_COMMENTS,		/* "commentaires" of a review */
	JF_FROZEN,		/* "fige": initial plan frozen */
	JF_VALUE,		/* "valeur" */
	JF_COMMENT,		/* "commentaire" */
	JF_COUNT,
	JF_OTHER = JF_COUNT	/* a field of action_fields, coll_fields... */
};

const char *journal_field_name(enum journal_field f);	/* stored word */
/* The field stored as name (exactly); JF_OTHER for any other. */
enum journal_field journal_field_parse(const char *name);
/* "valeur 2024" (kind JF_VALUE) or "commentaire 2024" (JF_COMMENT) into
 * buf; "" for another kind. */
void journal_field_year(char *buf, size_t n, enum journal_field kind,
    int year);
/* 1 when name is such a field, with its kind and year; 0 otherwise. */
int journal_parse_year_field(const char *name, enum journal_field *kind,
    int *year);

/* The French words of a journal entry, for display: its entity
 * ("collectivite" -> "collectivité"), its field (the stored column name,
 * "progress" -> "Avancement") and a value (flags are stored "0"/"1":
 * "Non"/"Oui"). Names not known are returned as they are; NULL stays
 * NULL. */
const char *journal_entity_label(const char *entity);
const char *journal_field_label(const char *entity, const char *field);
const char *journal_value_label(const char *entity, const char *field,
    const char *value);

/* ---- Collectivité ---- */

enum coll_field {
	C_NAME, C_KIND, C_CODE, C_DEPARTEMENT,
	C_ELECTED_NAME, C_ELECTED_ROLE, C_ELECTED_EMAIL, C_ELECTED_PHONE,
	C_TECH_NAME, C_TECH_DEPARTMENT, C_TECH_EMAIL, C_TECH_PHONE,
	C_VOLUNTEERS,
	C_COUNT
};

struct collectivite {
	char *f[C_COUNT];	/* indexed by enum coll_field */
};

struct coll_field_def {
	enum coll_field id;
	const char *name;	/* "nom", "type", "code_insee"... */
	const char *label;	/* "Nom de la collectivité" */
};
extern const struct coll_field_def coll_fields[C_COUNT];
const struct coll_field_def *coll_field_find(const char *name);
/* Validates: kind among Ville, Intercommunalité, Département; UTF-8; length. */
int coll_field_check(enum coll_field f, const char *value, struct err *e);
void collectivite_clear(struct collectivite *c);

/* ---- Referential ---- */

struct ref_engagement {
	int number;
	char *title;
	int provisional;	/* "provisoire: oui": not yet confirmed */
};

struct ref_recommendation {
	char *code;		/* "E2-R1" */
	int engagement;
	char *text;		/* NULL or "" when not yet known: "à compléter" */
	int provisional;	/* "provisoire: oui": not yet confirmed */
};

struct ref_priority {
	char *code;		/* "E1-P1" */
	int engagement;
	char *recommendation;
	char *designation;
	int example;		/* 1 when the designation is an example */
};

struct ref_mapping {		/* engagement of the previous mandate → new */
	int from;
	int to;
};

struct referential {
	int64_t id;
	char *code;		/* "vae-2020-2026" */
	char *name;
	char *track;		/* "Ville amie des enfants", "Territoires d'enfance" */
	char *mandate;		/* "2020-2026" */
	char *previous;		/* code of the referential it follows */
	struct ref_engagement *engagements;
	size_t n_engagements;
	struct ref_recommendation *recommendations;
	size_t n_recommendations;
	struct ref_priority *priorities;
	size_t n_priorities;
	struct ref_mapping *mappings;
	size_t n_mappings;
};

void referential_free(struct referential **pr);
const struct ref_engagement *referential_engagement(const struct referential *r,
    int number);
const struct ref_recommendation *referential_recommendation(
    const struct referential *r, const char *code);
const struct ref_priority *referential_priority(const struct referential *r,
    const char *code);
/* Parses the data/referentiels format (see data/referentiels/FORMAT.md).
 * Errors name the line. name is used in messages. */
int referential_parse(const char *text, size_t len, const char *name,
    struct referential **out, struct err *e);
/* Reads the file path (at most 4 MiB) and parses it (load.c). */
int referential_load_file(const char *path, struct referential **out,
    struct err *e);

/* ---- Records: the plain text format of data/ ---- */

/* One "key: value" field; multi-line values continue on lines indented by
 * a tab or two spaces (a line "  ." stands for an empty line). */
struct record_field {
	char *key;
	char *value;
	int line;
};

struct record {
	struct record_field *fields;
	size_t n;
	int line;		/* first line */
};

/* Splits text into records separated by blank lines; '#' lines are
 * comments. Errors name the line. */
int records_parse(const char *text, size_t len, const char *name,
    struct record **out, size_t *n, struct err *e);
void records_free(struct record *r, size_t n);
/* Value of key in r, or NULL. */
const char *record_get(const struct record *r, const char *key);

/* ---- Mandate and yearly reviews ---- */

struct mandate {
	int64_t id;
	char *label;		/* "2020-2026" */
	int year_first;
	int year_last;
	int64_t referential_id;
	int archived;
	int64_t previous_id;	/* mandate it follows, or 0 */
};

void mandate_clear(struct mandate *m);
/* This year (clock_year, SUIVI_NOW in tests), brought within the years
 * of m: the year a command or screen works on when none is given. */
int mandate_year_now(const struct mandate *m);
/* Parses "2020-2026". */
int mandate_parse_label(const char *label, int *first, int *last,
    struct err *e);

/* What becomes of an action of the previous mandate in the next one. */
enum carry_decision {
	CARRY_KEEP,		/* copied into the new plan, linked to it */
	CARRY_MERGE,		/* merged into another kept action */
	CARRY_CLOSE,		/* not carried over */
};

struct carry_item {
	const char *ref;		/* action of the previous mandate */
	enum carry_decision decision;
	int engagement;			/* KEEP: new engagement; 0 = mapping */
	const char *into;		/* MERGE: ref (old mandate) of a kept
					   action it merges into */
};

/* Parses a correspondence file (text of len bytes; name in messages):
 * one decision per line, "N° garder [engagement]", "N° fusionner N°" or
 * "N° clore"; '#' starts a comment. ERR_INVALID names the line (blank
 * lines count). *items is one block, the strings inside: free(*items).
 * No line gives *items NULL and *n 0. */
int carry_mapping_parse(const char *text, size_t len, const char *name,
    struct carry_item **items, size_t *n, struct err *e);

struct review {
	int year;
	int done;		/* "Bilan annuel - Fait" */
	char *done_at;
	char *done_by;
	char *comments;		/* "Commentaires de la collectivité" */
	int64_t snapshot_id;	/* frozen plan, when done */
};

void review_clear(struct review *r);

/* ---- The city's own assessment of an engagement (final review) ---- */

struct assessment {
	int engagement;
	int value;		/* -1: not given, else enum result */
	char *comment;
};

/* Parses "atteint", "en passe d'être atteint", "non atteint" (accents and
 * case ignored; "" gives -1). ERR_INVALID otherwise. */
int assessment_parse(const char *s, int *out);

/* ---- A whole plan ---- */

struct plan {
	struct collectivite coll;
	struct mandate mandate;
	struct referential *ref;	/* owned */
	struct action *actions;		/* sorted by engagement then ref */
	size_t n_actions;
	struct review *reviews;		/* one per mandate year, sorted */
	size_t n_reviews;
	struct assessment *assessments;	/* sorted by engagement */
	size_t n_assessments;
	int snapshot_year;		/* 0: the live plan; else frozen year */
	char *snapshot_at;		/* when it was frozen */
};

struct plan *plan_new(void);
void plan_free(struct plan **pp);
/* Appends a copy of a. */
int plan_add_action(struct plan *p, const struct action *a);
/* Takes a (its members move; *a is zeroed). */
int plan_take_action(struct plan *p, struct action *a);
struct action *plan_find_action(const struct plan *p, const char *ref);
const struct review *plan_review(const struct plan *p, int year);
/* Sorts actions by engagement then ref. */
void plan_sort(struct plan *p);

/* ---- Counts (Synthèse) ---- */

struct plan_counts {
	int actions;		/* not cancelled */
	int done, in_progress, not_started, unset;
	int cancelled;
	int added;
	int priority, priority_done;
	int good_practice;
};

/* counts[0] is the whole plan, counts[k] engagement k (1..n_engagements).
 * counts must hold n_engagements + 1 entries (n_engagements from the
 * referential, or the highest engagement number found). */
void plan_count(const struct plan *p, struct plan_counts *counts, int n);
/* Highest engagement number among the referential and the actions. */
int plan_engagement_count(const struct plan *p);

/* ---- Vérification avant envoi ---- */

enum check_kind {
	CHECK_ENGAGEMENT_EMPTY,		/* an engagement without action */
	CHECK_NO_PROGRESS,		/* action without avancement */
	CHECK_NOT_UPDATED,		/* no text updated this year */
	CHECK_CANCELLED_NO_REASON,
	CHECK_ADDED_NO_REASON,
	CHECK_PRIORITY_CHANGED,		/* designation differs from referential */
	CHECK_INDICATOR_NO_VALUE,	/* indicator without this year's value */
};

struct check_item {
	enum check_kind kind;
	int engagement;
	char *ref;		/* NULL for CHECK_ENGAGEMENT_EMPTY */
	char *message;		/* French, one line */
};

/* Lists what an evaluator would miss for year. Caller frees with
 * check_items_free. */
int plan_verify(const struct plan *p, int year, struct check_item **out,
    size_t *n, struct err *e);
void check_items_free(struct check_item *items, size_t n);

/* ---- Evolution between two states ---- */

enum change_kind {
	CHANGE_ADDED,		/* in "to" only, or flagged added */
	CHANGE_REMOVED,		/* in "from" only (should not happen) */
	CHANGE_CANCELLED,	/* cancelled in "to", not in "from" */
	CHANGE_DESIGNATION,
	CHANGE_PROGRESS,
	CHANGE_TEXTS,		/* description, comments or perspectives */
};

struct change {
	enum change_kind kind;
	char *ref;
	int engagement;
	char *designation;
	char *before;		/* previous value (progress label, text) */
	char *after;
	char *reason;		/* added or cancelled reason */
	int year;		/* cancelled year */
};

/* Compares two states of the same mandate by ref. Caller frees. */
int plan_compare(const struct plan *from, const struct plan *to,
    struct change **out, size_t *n, struct err *e);
void changes_free(struct change *c, size_t n);

/* ---- Departments (pilots.c) ---- */

/* The departments named by a "Service(s) pilote(s)" text, in order,
 * each once: separated by ",", ";", "/", or " et " before a department
 * word (service, direction, pôle, CCAS…); names trimmed, inner spaces
 * made single. *out NULL when none. Returns 0 or ERR_NOMEM. */
int pilots_split(const char *pilots, char ***out, size_t *n);
void pilots_free(char **names, size_t n);
/* The key of a department: case, accents and spaces folded, so that
 * "Service Petite enfance" and "service petite  enfance " are one.
 * Caller frees; NULL when out of memory. */
char *pilot_key(const char *name);
/* 1 when one of the departments of pilots has that key. */
int pilots_has(const char *pilots, const char *key);

#endif
