-- leadguard ledger, schema version 7: the pairs a dedupe run left undecided, for review.

-- Sighting pairs each dedupe run scored in the uncertain band (or vetoed by a conflict rule on
-- strong evidence) and left in two leads, with per-field evidence as in match_links. Runs only
-- add rows; the review queue reads each pair's latest row, so a later run's score replaces an
-- earlier one (a pair that fell out of the band gets a row too). Ids and evidence labels only.
CREATE TABLE review_pairs (
    run_id INTEGER NOT NULL,
    sighting_a BIGINT NOT NULL,           -- the smaller sighting id
    sighting_b BIGINT NOT NULL,
    probability DOUBLE NOT NULL,          -- the engine's, after its conflict rules (a veto: 0)
    evidence_probability DOUBLE NOT NULL, -- what the evidence alone gives, before those rules
    weight DOUBLE NOT NULL,
    conflict VARCHAR,                     -- the conflict rule that applied, if any
    evidence_json VARCHAR NOT NULL
);
