-- 008-service-contacts.sql - the coordinator's campaign (Services screen,
-- reminders): a contact per department, and the answers taken back.
-- A department is known by its key: its name with case, accents and
-- spaces folded (pilot_key), so that two spellings are one department.
-- Numbered 008 after 006 and 007 written on other branches: migrations
-- are applied by number (scripts/sql2c.sh), a gap changes nothing.

CREATE TABLE service_contact (
	key TEXT PRIMARY KEY,
	name TEXT NOT NULL,		-- the department as last written
	contact_name TEXT,
	email TEXT,
	updated_at TEXT,
	updated_by TEXT
);

-- An import of a department's own extract that was applied.
CREATE TABLE service_answer (
	id INTEGER PRIMARY KEY,
	mandate_id INTEGER NOT NULL REFERENCES mandate(id) ON DELETE CASCADE,
	key TEXT NOT NULL,
	file TEXT,
	applied_at TEXT NOT NULL,
	applied_by TEXT
);
CREATE INDEX service_answer_key ON service_answer (mandate_id, key,
	applied_at);
