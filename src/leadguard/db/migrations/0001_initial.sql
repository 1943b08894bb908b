-- leadguard ledger, schema version 1: registers, import batches, sightings, consent answers.
-- Large tables carry no PRIMARY KEY/UNIQUE index: ids come from sequences and are unique by
-- construction, and DuckDB's index maintenance would slow bulk imports and repeated updates.

CREATE SEQUENCE seq_basis START 1;
CREATE SEQUENCE seq_source START 1;
CREATE SEQUENCE seq_batch START 1;
CREATE SEQUENCE seq_sighting START 1;

-- Legal bases (GDPR Art. 6(1)) with, for legitimate interest, the assessment (LIA).
CREATE TABLE bases (
    basis_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,
    purpose VARCHAR NOT NULL,
    channels VARCHAR NOT NULL,            -- comma-separated: email,phone,post
    retention_months INTEGER NOT NULL,
    lia_text VARCHAR,
    lia_file VARCHAR,
    lia_sha256 VARCHAR,
    lia_assessed_by VARCHAR,
    lia_assessed_on DATE,
    lia_review_by DATE,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);

-- Where lists come from (Art. 14(2)(f)): kind and whether publicly accessible.
CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,
    publicly_accessible BOOLEAN NOT NULL,
    supplier VARCHAR,
    contract_ref VARCHAR,
    url VARCHAR,
    default_acquired_on DATE,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);

-- One row per imported file (or DataFrame): what, when, by whom, under which source and basis.
CREATE TABLE batches (
    batch_id INTEGER PRIMARY KEY,
    file_name VARCHAR,
    sha256 VARCHAR NOT NULL UNIQUE,
    size_bytes BIGINT,
    format VARCHAR NOT NULL,
    encoding VARCHAR,
    delimiter VARCHAR,
    sheet VARCHAR,
    source_id INTEGER NOT NULL,
    basis_id INTEGER NOT NULL,
    country VARCHAR,
    mapping_json VARCHAR NOT NULL,        -- field -> column, consent columns, overrides
    unmapped_json VARCHAR NOT NULL,       -- columns not stored (data minimisation)
    warnings_json VARCHAR NOT NULL,
    rows_total INTEGER NOT NULL,
    rows_ok INTEGER NOT NULL,
    rows_quarantined INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    imported_by VARCHAR NOT NULL
);

-- Every data row of every batch: raw mapped values, their normalized forms, provenance.
CREATE TABLE sightings (
    sighting_id BIGINT NOT NULL,
    batch_id INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    status VARCHAR NOT NULL,              -- ok | quarantined
    reason VARCHAR,
    source_id INTEGER NOT NULL,
    basis_id INTEGER NOT NULL,
    row_source_kind VARCHAR,              -- a research sheet's own per-row source
    row_source_url VARCHAR,
    publicly_accessible BOOLEAN NOT NULL,
    acquired_on DATE NOT NULL,
    acquired_on_origin VARCHAR NOT NULL,  -- row | source | import
    lead_id BIGINT,
    raw_first_name VARCHAR,
    raw_last_name VARCHAR,
    raw_full_name VARCHAR,
    raw_email VARCHAR,
    raw_phone VARCHAR,
    raw_mobile VARCHAR,
    raw_company VARCHAR,
    raw_job_title VARCHAR,
    raw_country VARCHAR,
    raw_city VARCHAR,
    raw_postal_address VARCHAR,
    raw_street VARCHAR,
    raw_postcode VARCHAR,
    raw_linkedin_url VARCHAR,
    raw_website VARCHAR,
    raw_acquired_on VARCHAR,
    raw_source_kind VARCHAR,
    raw_source_url VARCHAR,
    first_name VARCHAR,
    last_name VARCHAR,
    name_title VARCHAR,
    name_match VARCHAR,                   -- transliterated, lower-case "first last"
    first_match VARCHAR,
    last_match VARCHAR,
    email VARCHAR,                        -- email-validator's normalized form
    email_key VARCHAR,                    -- same key = same mailbox
    email_domain VARCHAR,
    email_role BOOLEAN,
    email_reason VARCHAR,
    phone VARCHAR,                        -- E.164
    phone_extension VARCHAR,
    phone_region VARCHAR,
    phone_reason VARCHAR,
    mobile VARCHAR,                       -- E.164
    mobile_extension VARCHAR,
    mobile_region VARCHAR,
    mobile_reason VARCHAR,
    company VARCHAR,
    company_key VARCHAR,
    job_title VARCHAR,
    country VARCHAR,                      -- ISO 3166-1 alpha-2
    city VARCHAR,
    postal_address VARCHAR,
    street VARCHAR,
    postcode VARCHAR,
    linkedin_url VARCHAR,
    website VARCHAR
);

-- Marketing questions answered on the form the row came from, verbatim (evidence).
CREATE TABLE consent_answers (
    sighting_id BIGINT NOT NULL,
    batch_id INTEGER NOT NULL,
    row_number INTEGER NOT NULL,
    question VARCHAR NOT NULL,
    answer VARCHAR,
    consent BOOLEAN,                      -- NULL when the answer could not be read
    channel VARCHAR NOT NULL,             -- email | phone | post | all
    answered_on DATE NOT NULL
);

