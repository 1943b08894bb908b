-- leadguard ledger, schema version 2: leads (one per person), merges, overrides, match evidence.

CREATE SEQUENCE seq_lead START 1;
CREATE SEQUENCE seq_dedupe_run START 1;

-- One row per lead id ever issued. A merged lead keeps its row (status 'merged', merged_into)
-- so that an old id still resolves to the surviving one; golden fields live on active leads.
CREATE TABLE leads (
    lead_id BIGINT NOT NULL,
    status VARCHAR NOT NULL,              -- active | merged
    merged_into BIGINT,
    created_run INTEGER NOT NULL,
    updated_run INTEGER NOT NULL,
    first_name VARCHAR,
    last_name VARCHAR,
    email VARCHAR,
    email_key VARCHAR,
    phone VARCHAR,
    mobile VARCHAR,
    company VARCHAR,
    company_key VARCHAR,
    job_title VARCHAR,
    country VARCHAR,
    city VARCHAR,
    n_sightings INTEGER NOT NULL,
    sources VARCHAR,                      -- source names, comma-separated
    first_acquired_on DATE,
    last_acquired_on DATE
);

CREATE TABLE dedupe_runs (
    run_id INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    run_by VARCHAR NOT NULL,
    sightings_total INTEGER,
    sightings_new INTEGER,
    pairs_scored BIGINT,
    leads_created INTEGER,
    leads_merged INTEGER,
    largest_lead INTEGER
);

-- Every merge: the old id, the survivor, why (a run's evidence or a person's decision).
CREATE TABLE lead_merges (
    from_lead BIGINT NOT NULL,
    into_lead BIGINT NOT NULL,
    run_id INTEGER,
    merged_at TIMESTAMP NOT NULL,
    merged_by VARCHAR NOT NULL,
    reason VARCHAR NOT NULL                -- dedupe | manual
);

-- Decisions a person made that later runs respect: sightings that belong together or apart.
CREATE TABLE match_overrides (
    kind VARCHAR NOT NULL,                -- together | apart
    sighting_a BIGINT NOT NULL,
    sighting_b BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL,
    note VARCHAR
);

-- Why sightings were put together: the accepted links of each run, with per-field evidence.
CREATE TABLE match_links (
    run_id INTEGER NOT NULL,
    sighting_a BIGINT NOT NULL,
    sighting_b BIGINT NOT NULL,
    probability DOUBLE NOT NULL,
    weight DOUBLE NOT NULL,
    evidence_json VARCHAR NOT NULL
);
