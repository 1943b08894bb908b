-- leadguard ledger, schema version 5: data-subject requests, rectifications, erased disclosures.

CREATE SEQUENCE seq_request START 1;

-- The request register. The requester's contact details are kept only while a request is open;
-- once an erasure is done only the id, dates, type and a keyed hash remain.
CREATE TABLE requests (
    request_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,                -- access | erasure | objection | restriction | rectification
    received_on DATE NOT NULL,
    due_on DATE NOT NULL,                 -- one calendar month after receipt (Art. 12(3))
    extended_to DATE,                     -- up to two further months, with a reason
    extension_reason VARCHAR,
    extension_told_on DATE,
    verified VARCHAR,                     -- how identity was verified (a note)
    status VARCHAR NOT NULL,              -- open | done | refused
    closed_on DATE,
    requester_email VARCHAR,
    requester_phone VARCHAR,
    requester_name VARCHAR,
    subject_hash BLOB,                    -- HMAC of the identifier, once erased
    lead_ids VARCHAR,                     -- JSON list while the person's data exists
    outcome VARCHAR,                      -- JSON: what was done (counts, recipients to notify)
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR NOT NULL
);

-- Corrected values (Art. 16): authoritative over what the lists said, with the request behind them.
CREATE TABLE rectifications (
    lead_id BIGINT NOT NULL,
    field VARCHAR NOT NULL,
    value VARCHAR,
    request_id VARCHAR,
    rectified_at TIMESTAMP NOT NULL,
    rectified_by VARCHAR NOT NULL
);

-- A pseudonymous trace of disclosures of people since erased: whom to tell (Art. 19).
CREATE TABLE erased_disclosures (
    request_id VARCHAR NOT NULL,
    export_id INTEGER NOT NULL,
    recipient_id INTEGER NOT NULL,
    disclosed_at TIMESTAMP NOT NULL
);
