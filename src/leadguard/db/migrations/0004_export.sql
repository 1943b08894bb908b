-- leadguard ledger, schema version 4: recipients, channel rules, notices, exports, disclosures.

CREATE SEQUENCE seq_recipient START 1;
CREATE SEQUENCE seq_export START 1;

-- Who receives leads: processors (Art. 28 contract), resellers, group companies.
CREATE TABLE recipients (
    recipient_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,                -- processor | reseller | group_company
    country VARCHAR NOT NULL,             -- ISO 3166-1 alpha-2
    transfer VARCHAR,                     -- adequacy | scc | bcr | dpf (outside the EEA)
    dpf_checked_on DATE,
    contract_ref VARCHAR,                 -- the Art. 28 contract of a processor
    purposes VARCHAR,                     -- basis names, comma-separated; NULL = any
    safeguard_url VARCHAR,                -- where a copy of the safeguard can be had
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);

-- Overrides of the shipped per-country channel rules (leadguard policy set).
CREATE TABLE channel_rules (
    country VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,                -- allowed | consent | role_only
    note VARCHAR,
    set_at TIMESTAMP NOT NULL,
    set_by VARCHAR NOT NULL
);

-- Art. 14 notices given (or the Art. 14(5) exemption relied on), per lead.
CREATE TABLE notices (
    lead_id BIGINT NOT NULL,
    channel VARCHAR NOT NULL,             -- email | phone | post | processor (given at first contact)
    sent_on DATE NOT NULL,
    language VARCHAR,
    version VARCHAR,
    exemption VARCHAR,                    -- Art. 14(5) ground, when no notice was sent
    recorded_at TIMESTAMP NOT NULL,
    recorded_by VARCHAR NOT NULL
);

-- Restrictions of processing (Art. 18): the export gate leaves these leads out.
CREATE TABLE restrictions (
    lead_id BIGINT NOT NULL,
    since DATE NOT NULL,
    reason VARCHAR,
    request_id VARCHAR,
    lifted_at TIMESTAMP
);

-- Every export that wrote a file: to whom, on what basis, what, how many, which file.
CREATE TABLE exports (
    export_id INTEGER NOT NULL,
    recipient_id INTEGER NOT NULL,
    basis_id INTEGER NOT NULL,
    channel VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    rows_exported INTEGER NOT NULL,
    rows_excluded INTEGER NOT NULL,
    exclusions VARCHAR NOT NULL,          -- JSON: reason -> count
    notice_policy VARCHAR NOT NULL,
    exported_at TIMESTAMP NOT NULL,
    exported_by VARCHAR NOT NULL
);

-- The disclosure log: one row per lead and export (Art. 15(1)(c), Art. 19).
CREATE TABLE disclosures (
    export_id INTEGER NOT NULL,
    lead_id BIGINT NOT NULL,
    recipient_id INTEGER NOT NULL,
    disclosed_at TIMESTAMP NOT NULL,
    fields VARCHAR NOT NULL,
    notice_due BOOLEAN NOT NULL           -- sent before its notice: the recipient gives it
);
