/*
 * journal.c - the vocabulary of the journal: the entities a row is
 * about and the journal's own field names, with the words stored in the
 * database (never changed: existing bases keep theirs) and the French
 * labels shown to the user.
 *
 * Every write of the store names its entity with enum journal_entity
 * and its journal fields with enum journal_field or journal_field_year;
 * undo reads them back with journal_entity_parse, journal_field_parse and
 * journal_parse_year_field. This file is the only one that compares
 * those words (make lint checks it). No I/O here.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

const struct journal_entity_def journal_entities[JE_COUNT] = {
	{ JE_ACTION, "action", "action" },
	{ JE_INDICATOR, "indicateur", "indicateur" },
	{ JE_COLLECTIVITE, "collectivite", "collectivité" },
	{ JE_REVIEW, "bilan", "bilan" },
	{ JE_ASSESSMENT, "appreciation", "appréciation" },
	{ JE_INITIAL, "plan initial", "plan initial" },
	{ JE_MANDATE, "mandat", "mandat" },
};

static const char *const field_names[JF_COUNT] = {
	[JF_CREATION] = "*creation*",
	[JF_DELETION] = "*suppression*",
	[JF_CARRIED] = "reprise",
	[JF_CLOSED] = "cloture",
	[JF_MERGED] = "fusion",
	[JF_LABEL] = "libelle",
	[JF_UNIT] = "unite",
	[JF_BASELINE] = "reference",
	[JF_TARGET] = "cible",
	[JF_COMMUNICATE] = "communiquer",
	[JF_POSITION] = "position",
	[JF_DONE] = "fait",
	[JF_COMMENTS] = "commentaires",
	[JF_FROZEN] = "fige",
	[JF_VALUE] = "valeur",
	[JF_COMMENT] = "commentaire",
};

const char *journal_entity_name(enum journal_entity en)
{
	return (unsigned)en < JE_COUNT ? journal_entities[en].db_name : NULL;
}

enum journal_entity journal_entity_parse(const char *db_name)
{
	int i;

	for (i = 0; db_name && i < JE_COUNT; i++)
		if (strcmp(journal_entities[i].db_name, db_name) == 0)
			return (enum journal_entity)i;
	return JE_UNKNOWN;
}

const char *journal_field_name(enum journal_field f)
{
	return (unsigned)f < JF_COUNT ? field_names[f] : NULL;
}

enum journal_field journal_field_parse(const char *name)
{
	int i;

	for (i = 0; name && i < JF_COUNT; i++)
		if (strcmp(field_names[i], name) == 0)
			return (enum journal_field)i;
	return JF_OTHER;
}

void journal_field_year(char *buf, size_t n, enum journal_field kind,
    int year)
{
	if (kind == JF_VALUE || kind == JF_COMMENT)
		snprintf(buf, n, "%s %d", field_names[kind], year);
	else if (n)
		*buf = '\0';
}

int journal_parse_year_field(const char *name, enum journal_field *kind,
    int *year)
{
	if (!name)
		return 0;
	if (sscanf(name, "valeur %d", year) == 1)
		*kind = JF_VALUE;
	else if (sscanf(name, "commentaire %d", year) == 1)
		*kind = JF_COMMENT;
	else
		return 0;
	return 1;
}

/* Labels of the journal's own fields, per entity. */
static const struct {
	enum journal_entity entity;
	enum journal_field field;
	const char *label;
	int flag;		/* value stored "0"/"1" */
} journal_words[] = {
	{ JE_INDICATOR, JF_LABEL, "Libellé", 0 },
	{ JE_INDICATOR, JF_UNIT, "Unité", 0 },
	{ JE_INDICATOR, JF_BASELINE, "Valeur de référence", 0 },
	{ JE_INDICATOR, JF_TARGET, "Cible", 0 },
	{ JE_INDICATOR, JF_COMMUNICATE, "À communiquer", 1 },
	{ JE_REVIEW, JF_DONE, "Bilan annuel - Fait", 1 },
	{ JE_REVIEW, JF_COMMENTS, "Commentaires", 0 },
	{ JE_INITIAL, JF_FROZEN, "Figé", 1 },
	{ JE_ASSESSMENT, JF_VALUE, "Appréciation", 0 },
	{ JE_ASSESSMENT, JF_COMMENT, "Commentaire", 0 },
	{ JE_ACTION, JF_CLOSED, "clôture", 0 },
};

#define N_WORDS (sizeof journal_words / sizeof *journal_words)

const char *journal_entity_label(const char *entity)
{
	enum journal_entity en = journal_entity_parse(entity);

	return en == JE_UNKNOWN ? entity : journal_entities[en].label;
}

static const struct field_def *journal_action_field(const char *entity,
    const char *field)
{
	if (!field || journal_entity_parse(entity) != JE_ACTION)
		return NULL;
	return field_find(field);
}

/* The entry of journal_words for (entity, field), or N_WORDS. */
static size_t journal_word(const char *entity, const char *field)
{
	enum journal_entity en = journal_entity_parse(entity);
	enum journal_field f = journal_field_parse(field);
	size_t i;

	for (i = 0; i < N_WORDS; i++)
		if (journal_words[i].entity == en && journal_words[i].field == f)
			break;
	return i;
}

const char *journal_field_label(const char *entity, const char *field)
{
	const struct field_def *fd = journal_action_field(entity, field);
	size_t i;

	if (fd)
		return fd->label;
	if (!entity || !field)
		return field;
	if (journal_entity_parse(entity) == JE_COLLECTIVITE) {
		const struct coll_field_def *cf = coll_field_find(field);

		return cf ? cf->label : field;
	}
	i = journal_word(entity, field);
	return i < N_WORDS ? journal_words[i].label : field;
}

const char *journal_value_label(const char *entity, const char *field,
    const char *value)
{
	const struct field_def *fd = journal_action_field(entity, field);
	int flag = fd && fd->type == FIELD_BOOL;
	size_t i;

	if (!flag && entity && field) {
		i = journal_word(entity, field);
		flag = i < N_WORDS && journal_words[i].flag;
	}
	if (flag && value && !strcmp(value, "1"))
		return "Oui";
	if (flag && value && !strcmp(value, "0"))
		return "Non";
	return value;
}
