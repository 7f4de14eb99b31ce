-- 006-ref-provisional.sql - a referential may mark an engagement title or
-- a recommendation as provisional ("provisoire: oui" in its file,
-- data/referentiels/FORMAT.md): the spreadsheet then says so instead of
-- printing it as fact. Existing referentials keep 0 (not provisional).

ALTER TABLE ref_engagement ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ref_recommendation ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
