-- leadguard ledger, schema version 8: suppression rows linked to people by name and company.

-- The name and company a suppression row carried (an unsubscribe under an address the ledger
-- may not hold), AES-GCM encrypted with a key derived from the ledger's key: used only to link
-- the row to the person's leads after later imports and merges, deleted when the entry is lifted.
CREATE TABLE suppression_identities (
    entry_id BIGINT NOT NULL,             -- the row's entry
    sealed BLOB NOT NULL,                 -- nonce + ciphertext of the name and company
    added_at TIMESTAMP NOT NULL
);

-- Every link of a row's entry to a lead (insert-only): the lead-kind entry the link made (origin
-- 'link'), how likely the match was, and whether it was uncertain (it waits in the review queue).
CREATE TABLE suppression_links (
    entry_id BIGINT NOT NULL,             -- the suppression row's entry
    lead_id BIGINT NOT NULL,              -- the lead linked (an id that may later resolve)
    link_entry_id BIGINT NOT NULL,        -- the lead-kind entry the link added
    probability DOUBLE NOT NULL,
    uncertain BOOLEAN NOT NULL,
    import_id INTEGER,                    -- linked at this suppression import
    run_id INTEGER,                       -- or after this dedupe run
    linked_at TIMESTAMP NOT NULL,
    linked_by VARCHAR NOT NULL
);

-- Links undone by a person (insert-only): that row is never linked to that lead again.
CREATE TABLE suppression_unlinks (
    entry_id BIGINT NOT NULL,
    lead_id BIGINT NOT NULL,
    evidence VARCHAR NOT NULL,
    unlinked_at TIMESTAMP NOT NULL,
    unlinked_by VARCHAR NOT NULL
);
