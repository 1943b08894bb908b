-- leadguard ledger, schema version 9: the generational suffix of a name (Jr., Sr., II, III).

-- Kept apart from the name because it tells a father from a son: dedupe treats two different
-- suffixes as different people, a suffix on one side only as no evidence. Existing sightings
-- have none (NULL) until their file is imported again.
ALTER TABLE sightings ADD COLUMN name_suffix VARCHAR;
