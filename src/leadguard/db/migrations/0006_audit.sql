-- leadguard ledger, schema version 6: the append-only, hash-chained audit trail.

-- One event per import, dedupe run, merge/split, suppression change, export, request, erasure,
-- purge and configuration change. Identifiers, counts and hashes only: never personal data, so
-- an erasure never has to edit it. Each hash is an HMAC (the ledger's key) over the event and
-- the previous hash: editing, deleting or reordering an event breaks the chain.
CREATE TABLE audit_events (
    seq BIGINT NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    who VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    details VARCHAR NOT NULL,             -- JSON: ids, counts, hashes
    prev_hash VARCHAR NOT NULL,
    hash VARCHAR NOT NULL
);
