-- leadguard ledger, schema version 10: the privacy officer's confirmation of channel rules.

-- One row per confirmation (leadguard policy confirm); rows are only added. A confirmation names
-- the rule it confirmed as it stood then: the rule, its source text and, for an override, when it
-- was set (NULL for a shipped default). When the rule in force later differs in any of these
-- (policy set again, or a release that ships a new default or source), the confirmation is
-- shown as stale until the officer confirms again.
CREATE TABLE channel_rule_confirmations (
    country VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,             -- email | phone | post
    audience VARCHAR NOT NULL,            -- business | individual
    rule VARCHAR NOT NULL,                -- allowed | consent | role_only, as confirmed
    source VARCHAR NOT NULL,              -- the source text the rule cited when confirmed
    rule_set_at TIMESTAMP,                -- the override's set_at; NULL: the shipped default
    confirmed_at TIMESTAMP NOT NULL,
    confirmed_by VARCHAR NOT NULL         -- the officer's name as given (--by)
);
