-- 002-mandates.sql - carrying actions from one mandate to the next, and
-- the city's own assessment of each engagement at the final review.

-- Every origin of an action in an earlier mandate: 'reprise' (kept and
-- copied) or 'fusion' (merged into this one). action.origin_id keeps the
-- main one.
CREATE TABLE action_origin (
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	origin_id INTEGER NOT NULL REFERENCES action(id),
	kind TEXT NOT NULL CHECK (kind IN ('reprise', 'fusion')),
	PRIMARY KEY (action_id, origin_id)
) STRICT;

CREATE INDEX action_origin_origin ON action_origin (origin_id);

-- "atteint / en passe d'être atteint / non atteint" per engagement, with
-- a comment (value: enum result of model.h).
CREATE TABLE assessment (
	mandate_id INTEGER NOT NULL REFERENCES mandate(id),
	engagement INTEGER NOT NULL,
	value INTEGER CHECK (value BETWEEN 0 AND 2),
	comment TEXT,
	PRIMARY KEY (mandate_id, engagement)
) STRICT;

CREATE TABLE snapshot_assessment (
	snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
	engagement INTEGER NOT NULL,
	value INTEGER,
	comment TEXT,
	PRIMARY KEY (snapshot_id, engagement)
) STRICT;
