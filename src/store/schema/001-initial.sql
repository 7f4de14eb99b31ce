-- 001-initial.sql - the first schema of a suivi database.
-- Compiled into the binary; applied when PRAGMA user_version < 1.

CREATE TABLE collectivite (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	nom TEXT NOT NULL,
	type TEXT,
	code TEXT,
	departement TEXT,
	elu_nom TEXT,
	elu_fonction TEXT,
	elu_email TEXT,
	elu_telephone TEXT,
	technique_nom TEXT,
	technique_service TEXT,
	technique_email TEXT,
	technique_telephone TEXT,
	benevoles TEXT
) STRICT;

CREATE TABLE referential (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL,
	name TEXT,
	track TEXT,
	mandate TEXT,
	previous TEXT
) STRICT;

CREATE TABLE ref_engagement (
	referential_id INTEGER NOT NULL REFERENCES referential(id),
	number INTEGER NOT NULL,
	title TEXT,
	PRIMARY KEY (referential_id, number)
) STRICT;

CREATE TABLE ref_recommendation (
	referential_id INTEGER NOT NULL REFERENCES referential(id),
	code TEXT NOT NULL,
	engagement INTEGER NOT NULL,
	text TEXT,
	PRIMARY KEY (referential_id, code)
) STRICT;

CREATE TABLE ref_priority (
	referential_id INTEGER NOT NULL REFERENCES referential(id),
	code TEXT NOT NULL,
	engagement INTEGER NOT NULL,
	recommendation TEXT,
	designation TEXT NOT NULL,
	example INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (referential_id, code)
) STRICT;

CREATE TABLE ref_mapping (
	referential_id INTEGER NOT NULL REFERENCES referential(id),
	from_engagement INTEGER NOT NULL,
	to_engagement INTEGER NOT NULL
) STRICT;

CREATE TABLE mandate (
	id INTEGER PRIMARY KEY,
	label TEXT NOT NULL UNIQUE,
	year_first INTEGER NOT NULL,
	year_last INTEGER NOT NULL,
	referential_id INTEGER NOT NULL REFERENCES referential(id),
	archived INTEGER NOT NULL DEFAULT 0,
	previous_id INTEGER REFERENCES mandate(id),
	created_at TEXT
) STRICT;

CREATE TABLE action (
	id INTEGER PRIMARY KEY,
	mandate_id INTEGER NOT NULL REFERENCES mandate(id),
	version INTEGER NOT NULL DEFAULT 1,
	origin_id INTEGER REFERENCES action(id),
	ref TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	engagement INTEGER NOT NULL,
	recommendation TEXT,
	designation TEXT NOT NULL,
	priority INTEGER NOT NULL DEFAULT 0,
	priority_code TEXT,
	description TEXT,
	pilots TEXT,
	elected TEXT,
	partners TEXT,
	audience TEXT,
	year_start INTEGER,
	year_end INTEGER,
	progress INTEGER NOT NULL DEFAULT 0,
	comments TEXT,
	perspectives TEXT,
	added INTEGER NOT NULL DEFAULT 0,
	added_reason TEXT,
	cancelled INTEGER NOT NULL DEFAULT 0,
	cancelled_reason TEXT,
	cancelled_year INTEGER,
	good_practice INTEGER NOT NULL DEFAULT 0,
	created_at TEXT,
	updated_at TEXT,
	updated_by TEXT,
	texts_updated_at TEXT,
	UNIQUE (mandate_id, ref)
) STRICT;

CREATE INDEX action_order ON action (mandate_id, engagement, sort_key);

CREATE TABLE indicator (
	id INTEGER PRIMARY KEY,
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	position INTEGER NOT NULL DEFAULT 0,
	label TEXT NOT NULL,
	unit TEXT,
	baseline TEXT,
	target TEXT,
	communicate INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX indicator_action ON indicator (action_id);

CREATE TABLE indicator_value (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id)
	    ON DELETE CASCADE,
	year INTEGER NOT NULL,
	value TEXT,
	comment TEXT,
	PRIMARY KEY (indicator_id, year)
) STRICT;

CREATE TABLE snapshot (
	id INTEGER PRIMARY KEY,
	mandate_id INTEGER NOT NULL REFERENCES mandate(id),
	kind TEXT NOT NULL CHECK (kind IN ('initial', 'bilan')),
	year INTEGER,
	current INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	created_by TEXT,
	nom TEXT,
	type TEXT,
	code TEXT,
	departement TEXT,
	elu_nom TEXT,
	elu_fonction TEXT,
	elu_email TEXT,
	elu_telephone TEXT,
	technique_nom TEXT,
	technique_service TEXT,
	technique_email TEXT,
	technique_telephone TEXT,
	benevoles TEXT
) STRICT;

CREATE TABLE review (
	mandate_id INTEGER NOT NULL REFERENCES mandate(id),
	year INTEGER NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	done_at TEXT,
	done_by TEXT,
	comments TEXT,
	snapshot_id INTEGER REFERENCES snapshot(id),
	PRIMARY KEY (mandate_id, year)
) STRICT;

CREATE TABLE snapshot_action (
	snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
	id INTEGER NOT NULL,
	mandate_id INTEGER NOT NULL,
	version INTEGER NOT NULL,
	origin_id INTEGER,
	ref TEXT NOT NULL,
	sort_key TEXT NOT NULL,
	engagement INTEGER NOT NULL,
	recommendation TEXT,
	designation TEXT NOT NULL,
	priority INTEGER NOT NULL,
	priority_code TEXT,
	description TEXT,
	pilots TEXT,
	elected TEXT,
	partners TEXT,
	audience TEXT,
	year_start INTEGER,
	year_end INTEGER,
	progress INTEGER NOT NULL,
	comments TEXT,
	perspectives TEXT,
	added INTEGER NOT NULL,
	added_reason TEXT,
	cancelled INTEGER NOT NULL,
	cancelled_reason TEXT,
	cancelled_year INTEGER,
	good_practice INTEGER NOT NULL,
	created_at TEXT,
	updated_at TEXT,
	updated_by TEXT,
	texts_updated_at TEXT,
	PRIMARY KEY (snapshot_id, id)
) STRICT;

CREATE INDEX snapshot_action_order
	ON snapshot_action (snapshot_id, engagement, sort_key);

CREATE TABLE snapshot_indicator (
	snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
	id INTEGER NOT NULL,
	action_id INTEGER NOT NULL,
	position INTEGER NOT NULL,
	label TEXT NOT NULL,
	unit TEXT,
	baseline TEXT,
	target TEXT,
	communicate INTEGER NOT NULL,
	PRIMARY KEY (snapshot_id, id)
) STRICT;

CREATE TABLE snapshot_indicator_value (
	snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
	indicator_id INTEGER NOT NULL,
	year INTEGER NOT NULL,
	value TEXT,
	comment TEXT,
	PRIMARY KEY (snapshot_id, indicator_id, year)
) STRICT;

CREATE TABLE snapshot_review (
	snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
	year INTEGER NOT NULL,
	done INTEGER NOT NULL,
	done_at TEXT,
	done_by TEXT,
	comments TEXT,
	PRIMARY KEY (snapshot_id, year)
) STRICT;

CREATE TABLE journal (
	id INTEGER PRIMARY KEY,
	txn INTEGER NOT NULL,
	at TEXT NOT NULL,
	user TEXT NOT NULL,
	mandate_id INTEGER,
	entity TEXT NOT NULL,
	entity_id INTEGER,
	ref TEXT,
	field TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT,
	undone INTEGER NOT NULL DEFAULT 0,
	is_undo INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX journal_ref ON journal (mandate_id, ref);
CREATE INDEX journal_undo ON journal (user, is_undo, undone, txn);
CREATE INDEX journal_txn ON journal (txn);

CREATE VIRTUAL TABLE action_fts USING fts5 (
	ref, designation, description, pilots, elected, partners, audience,
	comments, perspectives, added_reason, cancelled_reason,
	content = 'action', content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER action_fts_insert AFTER INSERT ON action BEGIN
	INSERT INTO action_fts (rowid, ref, designation, description, pilots,
	    elected, partners, audience, comments, perspectives, added_reason,
	    cancelled_reason)
	VALUES (new.id, new.ref, new.designation, new.description, new.pilots,
	    new.elected, new.partners, new.audience, new.comments,
	    new.perspectives, new.added_reason, new.cancelled_reason);
END;

CREATE TRIGGER action_fts_delete AFTER DELETE ON action BEGIN
	INSERT INTO action_fts (action_fts, rowid, ref, designation,
	    description, pilots, elected, partners, audience, comments,
	    perspectives, added_reason, cancelled_reason)
	VALUES ('delete', old.id, old.ref, old.designation, old.description,
	    old.pilots, old.elected, old.partners, old.audience, old.comments,
	    old.perspectives, old.added_reason, old.cancelled_reason);
END;

CREATE TRIGGER action_fts_update AFTER UPDATE OF ref, designation,
    description, pilots, elected, partners, audience, comments,
    perspectives, added_reason, cancelled_reason ON action BEGIN
	INSERT INTO action_fts (action_fts, rowid, ref, designation,
	    description, pilots, elected, partners, audience, comments,
	    perspectives, added_reason, cancelled_reason)
	VALUES ('delete', old.id, old.ref, old.designation, old.description,
	    old.pilots, old.elected, old.partners, old.audience, old.comments,
	    old.perspectives, old.added_reason, old.cancelled_reason);
	INSERT INTO action_fts (rowid, ref, designation, description, pilots,
	    elected, partners, audience, comments, perspectives, added_reason,
	    cancelled_reason)
	VALUES (new.id, new.ref, new.designation, new.description, new.pilots,
	    new.elected, new.partners, new.audience, new.comments,
	    new.perspectives, new.added_reason, new.cancelled_reason);
END;
