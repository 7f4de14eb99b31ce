-- 004-fts-external-content.sql - the full-text index reads the texts from
-- the action table (external content) instead of keeping its own copy,
-- which made the texts a third of the file twice over. It is still
-- brought up to date once per transaction (sp_tx_end in store.c): the
-- temp table fts_dirty keeps, for each action changed in the
-- transaction, the texts the index holds for it, so that they can be
-- taken out of the index exactly (an external-content index can only be
-- told what to remove).

DROP TABLE action_fts;

CREATE VIRTUAL TABLE action_fts USING fts5 (
	ref, designation, description, pilots, elected, partners, audience,
	comments, perspectives, added_reason, cancelled_reason,
	content = 'action', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO action_fts (action_fts) VALUES ('rebuild');
