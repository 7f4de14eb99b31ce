-- 003-fts-own-content.sql - the full-text index keeps its own copy of the
-- texts and is brought up to date once per transaction (see sp_tx_end in
-- store.c) instead of by a trigger per row: FTS5 flushes its pending data
-- at every statement savepoint, which made each action written inside a
-- large transaction (an import) cost a new index segment.

DROP TRIGGER action_fts_insert;
DROP TRIGGER action_fts_delete;
DROP TRIGGER action_fts_update;
DROP TABLE action_fts;

CREATE VIRTUAL TABLE action_fts USING fts5 (
	ref, designation, description, pilots, elected, partners, audience,
	comments, perspectives, added_reason, cancelled_reason,
	tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO action_fts (rowid, ref, designation, description, pilots,
    elected, partners, audience, comments, perspectives, added_reason,
    cancelled_reason)
SELECT id, ref, designation, description, pilots, elected, partners,
    audience, comments, perspectives, added_reason, cancelled_reason
FROM action;
