-- leadguard ledger, schema version 3: the global suppression list (keyed hashes only).

CREATE SEQUENCE seq_suppression_import START 1;

-- Ledger-wide settings, e.g. the fingerprint of the key suppression hashes are made with.
CREATE TABLE ledger_settings (
    name VARCHAR NOT NULL,
    value VARCHAR NOT NULL
);

-- Keyed hashes (HMAC-SHA256 of the match key) of every identifier a sighting holds, written at
-- ingest so that screening is a join. Kinds: email (match key), domain, phone (E.164).
CREATE TABLE sighting_keys (
    sighting_id BIGINT NOT NULL,
    key_kind VARCHAR NOT NULL,
    key_hash BLOB NOT NULL
);

-- One row per suppression: who said no (as hashes in suppression_keys), for what, why, since
-- when, on what evidence. Never the address itself.
CREATE TABLE suppressions (
    entry_id BIGINT NOT NULL,
    kind VARCHAR NOT NULL,                -- email | domain | phone | lead (a person: several keys)
    channel VARCHAR NOT NULL,             -- all | email | phone | post
    scope VARCHAR NOT NULL,               -- 'group' or one company / brand
    reason VARCHAR NOT NULL,              -- objection | unsubscribe | erasure | bounce | ...
    address_level BOOLEAN NOT NULL,       -- a bounce: that address only, not the person
    origin VARCHAR NOT NULL,              -- manual | import | ingest | request
    import_id INTEGER,
    evidence_file VARCHAR,
    evidence_row INTEGER,
    request_id VARCHAR,
    evidence VARCHAR,
    registry VARCHAR,                     -- e.g. dnc-be for a do-not-call registry entry
    effective_on DATE NOT NULL,           -- when the person said no (or registered)
    expires_on DATE,                      -- registry screenings only
    added_at TIMESTAMP NOT NULL,
    added_by VARCHAR NOT NULL,
    lifted_at TIMESTAMP,
    lifted_by VARCHAR,
    lift_evidence VARCHAR
);

-- The keyed hashes of each entry (one for an address, several for a person), and for e-mail and
-- phone the plain SHA-256 vendors accept, encrypted with a key derived from the ledger's key.
CREATE TABLE suppression_keys (
    entry_id BIGINT NOT NULL,
    key_kind VARCHAR NOT NULL,            -- email | domain | phone
    key_hash BLOB NOT NULL,
    vendor_hash BLOB
);

-- Every suppression file imported: its hash (re-import is a no-op), format, counts, who, when.
CREATE TABLE suppression_imports (
    import_id INTEGER NOT NULL,
    file_name VARCHAR,
    sha256 VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    scope VARCHAR NOT NULL,
    registry VARCHAR,
    screened_on DATE,
    rows_read INTEGER NOT NULL,
    entries_added INTEGER NOT NULL,
    rows_already INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    imported_by VARCHAR NOT NULL
);

-- Rows of a suppression file that held nothing usable: where and why, never the value.
CREATE TABLE suppression_rejects (
    import_id INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    column_name VARCHAR,
    reason VARCHAR NOT NULL
);

-- Do-not-call and similar registries: how long a screening is valid and which numbers it covers.
CREATE TABLE registries (
    name VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    calling_code VARCHAR NOT NULL,        -- '+32': numbers the registry covers
    valid_days INTEGER NOT NULL,
    note VARCHAR
);

INSERT INTO registries VALUES (
    'dnc-be', 'phone', 'BE', '+32', 5,
    'Belgium Do Not Call Me: re-download at least every 5 days (dncm.be)'
);
