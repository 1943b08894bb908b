"""Every SQL statement leadguard runs, as a named constant with bound parameters."""

import re

# -- schema ----------------------------------------------------------------------------------
MIGRATIONS_TABLE_EXISTS = """
SELECT count(*) > 0 FROM information_schema.tables
WHERE table_name = 'schema_migrations' AND table_catalog = current_database()
"""
# The ledger's own tables (on PostgreSQL: those VACUUM FULL rewrites after an erasure).
LEDGER_TABLES = """
SELECT table_name FROM information_schema.tables
WHERE table_catalog = current_database() AND table_schema = current_schema()
  AND table_type = 'BASE TABLE'
ORDER BY table_name
"""

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")

# Tables that hold a ledger's own records (a migration target must have none of them).
USER_TABLES = ("bases", "sources", "batches", "suppressions", "recipients", "requests")
TABLE_COLUMNS = """
SELECT column_name FROM information_schema.columns
WHERE table_catalog = current_database() AND table_schema = current_schema() AND table_name = ?
ORDER BY ordinal_position
"""
# The next id of each sequence of a ledger file attached as lg_source (a sequence read from a
# file starts at the next value; one more is skipped rather than risk handing one out twice).
SOURCE_SEQUENCES = """
SELECT sequence_name, greatest(start_value, coalesce(last_value + 1, start_value))
FROM duckdb_sequences() WHERE database_name = 'lg_source' ORDER BY sequence_name
"""


def _identifier(name: str, what: str = "table") -> str:
    """A table, column or sequence name checked to be a plain identifier (names cannot be
    bound parameters)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a {what} name: {name!r}")
    return name


_table = _identifier


def _pg_query(inner: str, column: str) -> str:
    """One value of a statement run PostgreSQL-side on the ledger's connection."""
    quoted = inner.replace("'", "''")
    return f"SELECT {column} FROM postgres_query('ledger', '{quoted}')"  # noqa: S608


def count_rows(table: str, catalog: str | None = None) -> str:
    """Rows of a table of this ledger, or of the ledger file attached as ``catalog``."""
    where = f"{_table(catalog)}.main.{_table(table)}" if catalog else _table(table)
    return f"SELECT count(*) FROM {where}"  # noqa: S608 - checked identifiers


def delete_all(table: str) -> str:
    return f"DELETE FROM {_table(table)}"  # noqa: S608 - checked identifier


def copy_table(source_catalog: str, table: str, columns: list[str]) -> str:
    """INSERT … SELECT of every row of ``table`` from another attached ledger, by column name."""
    names = ", ".join(_table(c) for c in columns)
    return (
        f"INSERT INTO {_table(table)} ({names}) "  # noqa: S608 - checked identifiers
        f"SELECT {names} FROM {_table(source_catalog)}.main.{_table(table)}"
    )


def pg_advance_sequence(sequence: str, next_value: int) -> str:
    """Move a PostgreSQL sequence so its next value is ``next_value`` (never backwards)."""
    name = _identifier(sequence, "sequence")
    inner = (  # noqa: S608 - checked identifier and an int
        f"SELECT setval('{name}', greatest({int(next_value)}, "  # noqa: S608
        f"(SELECT last_value + 1 FROM {name})), false) AS v"
    )
    return _pg_query(inner, "v")


def duckdb_reserve_ids(sequence: str) -> str:
    """The last of ``?`` ids drawn from a DuckDB sequence (a ledger file has one writer, so
    they are consecutive)."""
    name = _identifier(sequence, "sequence")
    return f"SELECT max(nextval('{name}')) FROM range(?)"  # noqa: S608


def pg_reserve_ids(sequence: str, count: int) -> str:
    """The last of ``count`` consecutive ids taken from a PostgreSQL sequence; run inside a
    write transaction (one writer at a time), so no other process draws in between."""
    name = _identifier(sequence, "sequence")
    return _pg_query(
        f"SELECT setval('{name}', nextval('{name}') + {int(count) - 1}) AS last", "last"
    )


def pg_execute(statement: str) -> str:
    """Run one statement PostgreSQL-side on the ledger's connection (what DuckDB's SQL cannot
    say: sequences, VACUUM, locks)."""
    quoted = statement.replace("'", "''")
    return f"CALL postgres_execute('ledger', '{quoted}')"


CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
)
"""
PG_CLEAR_CACHE = "CALL pg_clear_cache()"
SELECT_SCHEMA_VERSION = "SELECT max(version) FROM schema_migrations"
INSERT_MIGRATION = "INSERT INTO schema_migrations VALUES (?, ?, ?)"

# -- registers -------------------------------------------------------------------------------
BASIS_COLUMNS = (
    "basis_id, name, kind, purpose, channels, retention_months, lia_text, lia_file, lia_sha256, "
    "lia_assessed_by, lia_assessed_on, lia_review_by"
)
SELECT_BASIS = f"SELECT {BASIS_COLUMNS} FROM bases WHERE name = ?"  # noqa: S608 - fixed columns
SELECT_BASES = f"SELECT {BASIS_COLUMNS}, created_at, created_by FROM bases ORDER BY name"  # noqa: S608
INSERT_BASIS = """
INSERT INTO bases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_BASIS = """
UPDATE bases SET kind = ?, purpose = ?, channels = ?, retention_months = ?, lia_text = ?,
    lia_file = ?, lia_sha256 = ?, lia_assessed_by = ?, lia_assessed_on = ?, lia_review_by = ?
WHERE basis_id = ?
"""

SOURCE_COLUMNS = (
    "source_id, name, kind, publicly_accessible, supplier, contract_ref, url, default_acquired_on"
)
SELECT_SOURCE = f"SELECT {SOURCE_COLUMNS} FROM sources WHERE name = ?"  # noqa: S608
SELECT_SOURCES = f"SELECT {SOURCE_COLUMNS}, created_at, created_by FROM sources ORDER BY name"  # noqa: S608
INSERT_SOURCE = """
INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_SOURCE = """
UPDATE sources SET kind = ?, publicly_accessible = ?, supplier = ?, contract_ref = ?, url = ?,
    default_acquired_on = ?
WHERE source_id = ?
"""

# -- batches and sightings -------------------------------------------------------------------
SEQ_BASIS = "seq_basis"
SEQ_SOURCE = "seq_source"
SEQ_BATCH = "seq_batch"
SEQ_SIGHTING = "seq_sighting"
SEQ_RECIPIENT = "seq_recipient"
SELECT_BATCH_BY_SHA = "SELECT batch_id, file_name FROM batches WHERE sha256 = ?"
INSERT_BATCH = """
INSERT INTO batches VALUES (
    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
)
"""
SELECT_BATCHES = """
SELECT b.batch_id, b.file_name, b.sha256, b.size_bytes, b.format, b.encoding, b.delimiter,
       b.sheet, s.name AS source, l.name AS basis, b.country, b.rows_total, b.rows_ok,
       b.rows_quarantined, b.imported_at, b.imported_by
FROM batches b JOIN sources s USING (source_id) JOIN bases l USING (basis_id)
ORDER BY b.batch_id
"""

# The columns ingest writes, in the order of the prepared DataFrame ("incoming_sightings").
SIGHTING_INSERT_COLUMNS = (
    "row_number", "status", "reason", "row_source_kind", "row_source_url",
    "publicly_accessible", "acquired_on", "acquired_on_origin",
    "raw_first_name", "raw_last_name", "raw_full_name", "raw_email", "raw_phone", "raw_mobile",
    "raw_company", "raw_job_title", "raw_country", "raw_city", "raw_postal_address",
    "raw_street", "raw_postcode", "raw_linkedin_url", "raw_website", "raw_acquired_on",
    "raw_source_kind", "raw_source_url",
    "first_name", "last_name", "name_title", "name_match", "first_match", "last_match",
    "name_suffix", "email", "email_key", "email_domain", "email_role", "email_reason",
    "phone", "phone_extension", "phone_region", "phone_reason",
    "mobile", "mobile_extension", "mobile_region", "mobile_reason",
    "company", "company_key", "job_title", "country", "city", "postal_address", "street",
    "postcode", "linkedin_url", "website",
)  # fmt: skip


def insert_sightings(columns: tuple[str, ...]) -> str:
    """INSERT of the prepared rows ("incoming_sightings") for the given columns: only those a
    batch fills, since scanning a column of nothing but NULLs still costs time."""
    unknown = set(columns) - set(SIGHTING_INSERT_COLUMNS)
    if unknown:
        raise ValueError(f"not sighting columns: {sorted(unknown)}")
    names = ", ".join(columns)
    values = ", ".join(f"CAST({c} AS DATE)" if c == "acquired_on" else c for c in columns)
    return (
        f"INSERT INTO sightings (sighting_id, batch_id, source_id, basis_id, {names}) "  # noqa: S608
        f"SELECT sighting_id, $batch_id, $source_id, $basis_id, {values} "
        # No ORDER BY: the prepared rows are in file order already, and sorting would
        # materialise the whole batch inside DuckDB as well.
        "FROM incoming_sightings"
    )


INSERT_CONSENTS = """
INSERT INTO consent_answers
SELECT s.sighting_id, $batch_id, c.row_number, c.question, c.answer, c.consent, c.channel,
       CAST(c.answered_on AS DATE)
FROM incoming_consents c JOIN incoming_sightings s ON s.row_number = c.row_number
"""

SELECT_SIGHTINGS = """
SELECT b.file_name, s.row_number, s.sighting_id, s.lead_id, s.status, s.reason,
       src.name AS source, src.kind AS source_kind, bas.name AS basis, s.acquired_on,
       s.first_name, s.last_name, s.email, s.phone, s.mobile, s.phone_extension, s.company,
       s.job_title, s.country, s.city, s.email_key, s.email_role, s.row_source_kind,
       s.row_source_url, s.publicly_accessible, s.acquired_on_origin, s.batch_id
FROM sightings s
JOIN batches b USING (batch_id)
JOIN sources src ON src.source_id = s.source_id
JOIN bases bas ON bas.basis_id = s.basis_id
ORDER BY s.batch_id, s.row_number
"""

SELECT_CONSENT_ANSWERS = """
SELECT b.file_name, c.row_number, c.sighting_id, c.question, c.answer, c.consent, c.channel,
       c.answered_on
FROM consent_answers c JOIN batches b USING (batch_id)
ORDER BY c.batch_id, c.row_number, c.question
"""

# -- dedupe and leads ------------------------------------------------------------------------
SELECT_DEDUPE_RECORDS = """
SELECT s.sighting_id, s.lead_id, s.first_match, s.last_match,
       CASE WHEN s.email_role THEN NULL ELSE s.email_key END AS email_key,
       s.phone, s.mobile, s.company_key, lower(s.job_title) AS job_title, lower(s.city) AS city,
       s.country,
       -- A role mailbox is no person's, but its domain still names the organisation (the
       -- engine drops free-mail domains).
       CASE WHEN s.email_key IS NOT NULL THEN lower(s.email_domain) END AS org_domain,
       s.name_suffix
FROM sightings s
WHERE s.status = 'ok'
  -- A restricted lead is frozen (Art. 18): not merged, not changed, until lifted.
  AND NOT EXISTS (SELECT 1 FROM restrictions r
                  WHERE r.lifted_at IS NULL AND r.lead_id = s.lead_id)
ORDER BY s.sighting_id
"""
SELECT_OVERRIDES = "SELECT kind, sighting_a, sighting_b FROM match_overrides"
NEXT_LEAD_ID = "SELECT coalesce(max(lead_id), 0) + 1 FROM leads"
SEQ_DEDUPE_RUN = "seq_dedupe_run"
INSERT_DEDUPE_RUN = "INSERT INTO dedupe_runs (run_id, started_at, run_by) VALUES (?, ?, ?)"
FINISH_DEDUPE_RUN = """
UPDATE dedupe_runs SET finished_at = ?, sightings_total = ?, sightings_new = ?, pairs_scored = ?,
    leads_created = ?, leads_merged = ?, largest_lead = ?
WHERE run_id = ?
"""
UPDATE_SIGHTING_LEADS = """
UPDATE sightings SET lead_id = a.lead_id
FROM incoming_assignments a
WHERE sightings.sighting_id = a.sighting_id AND sightings.lead_id IS DISTINCT FROM a.lead_id
"""
MARK_MERGED = """
UPDATE leads SET status = 'merged', merged_into = m.into_lead, updated_run = $run_id
FROM incoming_merges m WHERE leads.lead_id = m.from_lead
"""
INSERT_MERGES = """
INSERT INTO lead_merges SELECT from_lead, into_lead, $run_id, $at, $by, $reason FROM incoming_merges
"""
# Leads whose merged-into pointers must follow a later merge of their survivor.
REPOINT_MERGED = """
UPDATE leads SET merged_into = m.into_lead
FROM incoming_merges m WHERE leads.merged_into = m.from_lead
"""
INSERT_LINKS = """
INSERT INTO match_links SELECT $run_id, sighting_a, sighting_b, probability, weight, evidence_json
FROM incoming_links
"""

# Golden record per lead, one field at a time (rules in the README). It reads each sighting's
# lead from the run's assignments ("incoming_assignments"), not from sightings.lead_id: scanning
# a column updated earlier in the same transaction is slow in DuckDB. Source kinds
# rank how far a value is trusted: what the person typed in (events, webshop) first.
TRUST = """
CASE src.kind WHEN 'event' THEN 6 WHEN 'trade_fair_list' THEN 6 WHEN 'webshop' THEN 6
    WHEN 'company_website' THEN 5 WHEN 'public_registry' THEN 5 WHEN 'linkedin' THEN 4
    WHEN 'own_research' THEN 3 WHEN 'member_list' THEN 3 WHEN 'referral' THEN 2
    WHEN 'purchased_list' THEN 1 ELSE 0 END
"""
GOLDEN_INTO_TEMP = f"""
CREATE OR REPLACE TEMP TABLE golden AS
    WITH s AS (
    SELECT a.lead_id, s.sighting_id, s.acquired_on, s.first_name, s.last_name,
           s.name_match, s.email, s.email_key, s.email_role, s.phone, s.mobile, s.company,
           s.company_key, s.job_title, s.country, s.city, {TRUST} AS trust,
           count(*) OVER (PARTITION BY a.lead_id, s.first_name, s.last_name) AS name_n,
           count(*) OVER (PARTITION BY a.lead_id, s.country) AS country_n,
           count(*) OVER (PARTITION BY a.lead_id, lower(s.city)) AS city_n,
           count(*) OVER (PARTITION BY a.lead_id, s.email_key) AS email_n,
           src.name AS source_name
    FROM sightings s
    JOIN incoming_assignments a ON a.sighting_id = s.sighting_id
    JOIN sources src ON src.source_id = s.source_id
    WHERE s.status = 'ok' AND a.lead_id IN (SELECT lead_id FROM incoming_touched)
)
SELECT lead_id,
    arg_max(first_name, (name_n, acquired_on, trust, sighting_id))
        FILTER (WHERE name_match IS NOT NULL) AS first_name,
    arg_max(last_name, (name_n, acquired_on, trust, sighting_id))
        FILTER (WHERE name_match IS NOT NULL) AS last_name,
    arg_max(email, (NOT coalesce(email_role, false), acquired_on, email_n, trust, sighting_id))
        FILTER (WHERE email IS NOT NULL) AS email,
    arg_max(email_key, (NOT coalesce(email_role, false), acquired_on, email_n, trust,
                        sighting_id)) FILTER (WHERE email IS NOT NULL) AS email_key,
    arg_max(phone, (acquired_on, trust, sighting_id)) FILTER (WHERE phone IS NOT NULL) AS phone,
    arg_max(mobile, (acquired_on, trust, sighting_id))
        FILTER (WHERE mobile IS NOT NULL) AS mobile,
    arg_max(company, (acquired_on, trust, sighting_id))
        FILTER (WHERE company_key IS NOT NULL) AS company,
    arg_max(company_key, (acquired_on, trust, sighting_id))
        FILTER (WHERE company_key IS NOT NULL) AS company_key,
    arg_max(job_title, (acquired_on, trust, sighting_id))
        FILTER (WHERE job_title IS NOT NULL) AS job_title,
    arg_max(country, (country_n, acquired_on, sighting_id))
        FILTER (WHERE country IS NOT NULL) AS country,
    arg_max(city, (city_n, acquired_on, sighting_id)) FILTER (WHERE city IS NOT NULL) AS city,
    count(*) AS n_sightings,
    string_agg(DISTINCT source_name, ', ' ORDER BY source_name) AS sources,
    min(acquired_on) AS first_acquired_on,
    max(acquired_on) AS last_acquired_on
FROM s GROUP BY lead_id
"""  # noqa: S608 - fixed text, no user input
GOLDEN_FIELDS = (
    "first_name, last_name, email, email_key, phone, mobile, company, company_key, job_title, "
    "country, city, n_sightings, sources, first_acquired_on, last_acquired_on"
)
# New leads get their row with the golden record at once: updating rows inserted earlier in the
# same transaction is slow in DuckDB (about a minute for half a million leads).
INSERT_NEW_LEADS = f"""
INSERT INTO leads (lead_id, status, created_run, updated_run, {GOLDEN_FIELDS})
SELECT n.lead_id, 'active', $run_id, $run_id, g.first_name, g.last_name, g.email, g.email_key,
       g.phone, g.mobile, g.company, g.company_key, g.job_title, g.country, g.city,
       coalesce(g.n_sightings, 0), g.sources, g.first_acquired_on, g.last_acquired_on
FROM incoming_new_leads n LEFT JOIN golden g USING (lead_id)
"""  # noqa: S608 - fixed text, no user input
UPDATE_GOLDEN = """
UPDATE leads SET
    first_name = g.first_name, last_name = g.last_name, email = g.email, email_key = g.email_key,
    phone = g.phone, mobile = g.mobile, company = g.company, company_key = g.company_key,
    job_title = g.job_title, country = g.country, city = g.city, n_sightings = g.n_sightings,
    sources = g.sources, first_acquired_on = g.first_acquired_on,
    last_acquired_on = g.last_acquired_on, updated_run = $run_id
FROM golden g
WHERE leads.lead_id = g.lead_id AND leads.lead_id NOT IN (SELECT lead_id FROM incoming_new_leads)
"""
DROP_GOLDEN = "DROP TABLE IF EXISTS golden"


SELECT_LEADS = """
SELECT lead_id, first_name, last_name, email, phone, mobile, company, job_title, country, city,
       n_sightings, sources, first_acquired_on, last_acquired_on
FROM leads WHERE status = 'active' ORDER BY lead_id
"""
SELECT_LEAD_STATUS = "SELECT status, merged_into FROM leads WHERE lead_id = ?"
SELECT_LEAD = SELECT_LEADS.replace("WHERE status = 'active'", "WHERE lead_id = ?")
SELECT_LEAD_SIGHTINGS = """
SELECT s.sighting_id, b.file_name, s.row_number, src.name AS source, src.kind AS source_kind,
       s.acquired_on, s.first_name, s.last_name, s.email, s.phone, s.mobile, s.company,
       s.job_title, s.country, s.city
FROM sightings s JOIN batches b USING (batch_id) JOIN sources src ON src.source_id = s.source_id
WHERE s.lead_id = ? ORDER BY s.acquired_on, s.sighting_id
"""
SELECT_LEAD_LINKS = """
SELECT l.run_id, l.sighting_a, l.sighting_b, l.probability, l.weight, l.evidence_json
FROM match_links l JOIN sightings a ON a.sighting_id = l.sighting_a
WHERE a.lead_id = ? ORDER BY l.run_id, l.sighting_a, l.sighting_b
"""
SELECT_LEAD_MERGES = """
SELECT from_lead, into_lead, run_id, merged_at, merged_by, reason FROM lead_merges
WHERE into_lead = ? OR from_lead = ? ORDER BY merged_at
"""
SELECT_SIGHTINGS_OF_LEAD = (
    "SELECT sighting_id FROM sightings WHERE lead_id = ? ORDER BY sighting_id"
)
INSERT_OVERRIDES = """
INSERT INTO match_overrides SELECT kind, sighting_a, sighting_b, $at, $by, $note
FROM incoming_overrides
"""
SELECT_DEDUPE_RUNS = "SELECT * FROM dedupe_runs ORDER BY run_id"
SELECT_SIGHTING_LEAD = "SELECT lead_id FROM sightings WHERE sighting_id = ?"

# Every value a lead holds, field by field, with the sightings that gave it and whether it is
# the one the golden record chose.
SELECT_LEAD_VALUES = """
WITH v AS (
    UNPIVOT (
        SELECT sighting_id, first_name, last_name, email, phone, mobile, company, job_title,
               country, city
        FROM sightings WHERE lead_id = $lead AND status = 'ok'
    ) ON first_name, last_name, email, phone, mobile, company, job_title, country, city
    INTO NAME field VALUE value
),
g AS (
    UNPIVOT (
        SELECT first_name, last_name, email, phone, mobile, company, job_title, country, city
        FROM leads WHERE lead_id = $lead
    ) ON first_name, last_name, email, phone, mobile, company, job_title, country, city
    INTO NAME field VALUE golden
)
SELECT v.field, v.value, list(v.sighting_id ORDER BY v.sighting_id) AS sighting_ids,
       coalesce(bool_or(v.value = g.golden), false) AS golden
FROM v LEFT JOIN g ON g.field = v.field
GROUP BY v.field, v.value
ORDER BY v.field, golden DESC, v.value
"""

# -- dedupe: review queue (pairs a run left undecided) -----------------------------------------
INSERT_REVIEW_PAIRS = """
INSERT INTO review_pairs
SELECT $run_id, sighting_a, sighting_b, probability, evidence_probability, weight, conflict,
       evidence_json
FROM incoming_review_pairs
"""
# Of a run's pairs outside the queue's limits, those that were in review before: their new score
# is stored too, so that it replaces the old one.
SELECT_REVIEWED_BEFORE = """
SELECT c.position FROM incoming_rescored c
WHERE EXISTS (SELECT 1 FROM review_pairs r
              WHERE r.sighting_a = c.sighting_a AND r.sighting_b = c.sighting_b)
"""
# The open lead pairs: each sighting pair's latest score, in the queue's limits (from
# $review_min up to the merge $threshold, or a veto on evidence of at least $veto_min), its
# sightings now in two different leads that no 'apart' decision separates and no restriction
# freezes; one row per lead pair (its best pair: the highest probability).
_REVIEW_OPEN = """
WITH latest AS (
    SELECT * FROM review_pairs
    QUALIFY row_number() OVER (PARTITION BY sighting_a, sighting_b ORDER BY run_id DESC) = 1
),
scored AS (
    SELECT least(sa.lead_id, sb.lead_id) AS lead_id_a,
           greatest(sa.lead_id, sb.lead_id) AS lead_id_b, l.*
    FROM latest l
    JOIN sightings sa ON sa.sighting_id = l.sighting_a
    JOIN sightings sb ON sb.sighting_id = l.sighting_b
    WHERE sa.status = 'ok' AND sb.status = 'ok' AND sa.lead_id <> sb.lead_id
      AND ((l.probability >= $review_min AND l.probability < $threshold)
           OR (l.conflict IS NOT NULL AND l.evidence_probability >= $veto_min))
),
decided AS (
    SELECT DISTINCT least(sa.lead_id, sb.lead_id) AS lead_id_a,
           greatest(sa.lead_id, sb.lead_id) AS lead_id_b
    FROM match_overrides o
    JOIN sightings sa ON sa.sighting_id = o.sighting_a
    JOIN sightings sb ON sb.sighting_id = o.sighting_b
    WHERE o.kind = 'apart' AND sa.lead_id <> sb.lead_id
),
frozen AS (SELECT lead_id FROM restrictions WHERE lifted_at IS NULL),
open AS (
    SELECT s.* FROM scored s
    WHERE NOT EXISTS (SELECT 1 FROM decided d
                      WHERE d.lead_id_a = s.lead_id_a AND d.lead_id_b = s.lead_id_b)
      AND s.lead_id_a NOT IN (SELECT lead_id FROM frozen)
      AND s.lead_id_b NOT IN (SELECT lead_id FROM frozen)
    QUALIFY row_number() OVER (
        PARTITION BY s.lead_id_a, s.lead_id_b
        ORDER BY s.probability DESC, s.evidence_probability DESC, s.sighting_a, s.sighting_b) = 1
)
"""
SELECT_REVIEW_PAIRS = f"""
{_REVIEW_OPEN}
SELECT lead_id_a, lead_id_b, sighting_a, sighting_b, probability, evidence_probability, weight,
       conflict, evidence_json, run_id
FROM open
ORDER BY abs(probability - $threshold), lead_id_a, lead_id_b
LIMIT $limit
"""  # noqa: S608 - fixed text, no user input
COUNT_REVIEW_PAIRS = f"{_REVIEW_OPEN} SELECT count(*) FROM open"  # noqa: S608
# Both sides of review entries as an analyst sees a lead: golden values and its sightings.
SELECT_REVIEW_SIDES = """
SELECT l.lead_id, l.first_name, l.last_name, l.company, l.email, l.phone, l.mobile,
       list(s.sighting_id ORDER BY s.sighting_id) AS sighting_ids
FROM leads l JOIN sightings s ON s.lead_id = l.lead_id AND s.status = 'ok'
WHERE l.lead_id IN (SELECT lead_id FROM incoming_review_leads)
GROUP BY ALL
"""

# -- suppression ------------------------------------------------------------------------------
# lg_hmac(text) is HMAC-SHA256 with the ledger's key (RFC 2104 over DuckDB's sha256), created
# as a TEMP macro on each connection: the key lives in memory only, never in the file.


def create_hmac_macro(inner_pad: bytes, outer_pad: bytes) -> str:
    """The statement that defines lg_hmac for this connection (pads as hex literals)."""
    return (
        "CREATE OR REPLACE TEMP MACRO lg_hmac(m) AS "
        f"unhex(sha256(unhex('{outer_pad.hex()}') || "
        f"unhex(sha256(unhex('{inner_pad.hex()}') || encode(m)))))"
    )


SELECT_SETTING = "SELECT value FROM ledger_settings WHERE name = ?"
DELETE_SETTING = "DELETE FROM ledger_settings WHERE name = ?"
INSERT_SETTING = "INSERT INTO ledger_settings VALUES (?, ?)"
COUNT_UNKEYED_SIGHTINGS = """
SELECT count(*) FROM sightings WHERE sighting_id NOT IN (SELECT sighting_id FROM sighting_keys)
"""


_KEYED_COLUMNS = (
    ("email", "email_key"),
    ("domain", "email_domain"),
    ("phone", "phone"),
    ("phone", "mobile"),
)
"""The identifiers suppression matches on: (key kind, sightings column)."""


def _sighting_key_rows(source: str, where: str, columns: tuple[str, ...] | None = None) -> str:
    """(sighting_id, key_kind, key_hash) of every identifier of the rows of ``source`` selected
    by ``where`` (fixed names and conditions), from ``columns`` only when given.

    Each distinct value is hashed once (a company's domain and switchboard repeat on many rows)
    and joined back: three times faster than hashing row by row on a realistic list.
    """
    parts = [
        f"SELECT s.sighting_id, '{kind}' AS key_kind, h.key_hash FROM {source} s "  # noqa: S608
        f"JOIN (SELECT v, lg_hmac(v) AS key_hash FROM (SELECT DISTINCT {column} AS v "
        f"FROM {source} WHERE ({where}) AND {column} IS NOT NULL)) h ON h.v = s.{column} "
        f"WHERE ({where})"
        for kind, column in _KEYED_COLUMNS
        if columns is None or column in columns
    ]
    if not parts:
        return (
            "SELECT CAST(NULL AS BIGINT) AS sighting_id, CAST(NULL AS VARCHAR) AS key_kind, "
            "CAST(NULL AS BLOB) AS key_hash WHERE false"
        )
    return " UNION ALL ".join(parts)


def insert_sighting_keys(where: str) -> str:
    """Hash every identifier of the stored sightings selected by ``where``."""
    return "INSERT INTO sighting_keys " + _sighting_key_rows("sightings", where)


def create_batch_keys(columns: tuple[str, ...]) -> str:
    """The keyed hashes of the batch being imported ("incoming_sightings", which carries its
    sighting ids and the ``columns`` the batch has), as a temporary table: screening the batch
    and keying its refusals then read it instead of every sighting key of the ledger (on a
    shared ledger: over the network)."""
    rows = _sighting_key_rows("incoming_sightings", "true", columns)
    return f"CREATE OR REPLACE TEMP TABLE batch_keys AS {rows}"


INSERT_BATCH_KEYS = (
    "INSERT INTO sighting_keys SELECT sighting_id, key_kind, key_hash FROM batch_keys"
)
DROP_BATCH_KEYS = "DROP TABLE IF EXISTS batch_keys"


KEYS_MISSING = "sighting_id NOT IN (SELECT sighting_id FROM sighting_keys)"

NEXT_SUPPRESSION_ID = "SELECT coalesce(max(entry_id), 0) FROM suppressions"
SEQ_SUPPRESSION_IMPORT = "seq_suppression_import"
SELECT_SUPPRESSION_IMPORT_BY_SHA = """
SELECT import_id FROM suppression_imports WHERE sha256 = ? AND format = ?
"""
INSERT_SUPPRESSION_IMPORT = """
INSERT INTO suppression_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_SUPPRESSION_REJECTS = """
INSERT INTO suppression_rejects SELECT $import_id, row_number, column_name, reason
FROM incoming_rejects
"""

# Entries already on the list with the same key, channel, reason and scope (an updated opt-out
# file imported again adds only its new lines). "incoming_entries" has one key per entry here.
SELECT_ALREADY_SUPPRESSED = """
SELECT DISTINCT i.entry_no
FROM incoming_entries i
JOIN suppression_keys sk ON sk.key_kind = i.key_kind AND sk.key_hash = lg_hmac(i.key_text)
JOIN suppressions s ON s.entry_id = sk.entry_id
WHERE s.lifted_at IS NULL AND s.channel = i.channel AND s.reason = i.reason
  AND s.scope = i.scope
"""

INSERT_SUPPRESSIONS = """
INSERT INTO suppressions
SELECT $base + entry_no, kind, channel, scope, reason, address_level, origin, import_id,
       evidence_file, evidence_row, request_id, evidence, registry,
       CAST(effective_on AS DATE), CAST(expires_on AS DATE), $now, $user, NULL, NULL, NULL
FROM incoming_entries
"""
# One key per entry (addresses, numbers, domains).
INSERT_SUPPRESSION_KEYS = """
INSERT INTO suppression_keys
SELECT $base + entry_no, key_kind, lg_hmac(key_text), vendor_hash FROM incoming_entries
"""
# A person's keys: several per entry ("incoming_keys": entry_no, key_kind, key_text, vendor_hash).
INSERT_PERSON_KEYS = """
INSERT INTO suppression_keys
SELECT DISTINCT $base + entry_no, key_kind, lg_hmac(key_text), vendor_hash FROM incoming_keys
"""

COUNT_REGISTRY_ENTRIES = """
SELECT count(*) FROM suppressions WHERE registry = ? AND lifted_at IS NULL
"""
SELECT_SUPPRESSION_BY_ID = """
SELECT s.*, (SELECT count(*) FROM suppression_keys k WHERE k.entry_id = s.entry_id) AS keys
FROM suppressions s WHERE s.entry_id = ?
"""
DELETE_REGISTRY_KEYS = """
DELETE FROM suppression_keys WHERE entry_id IN (
    SELECT entry_id FROM suppressions WHERE registry = ? AND lifted_at IS NULL)
"""
DELETE_REGISTRY_ENTRIES = "DELETE FROM suppressions WHERE registry = ? AND lifted_at IS NULL"

# Identifiers of a lead that no other lead holds (a switchboard number or a shared info@ box
# would otherwise silence every colleague), in plain text for the entry's hashes.
SELECT_PERSON_IDENTIFIERS = """
WITH mine AS (
    SELECT 'email' AS key_kind, email_key AS key_text, email AS shown FROM sightings
    WHERE lead_id = $lead_id AND email_key IS NOT NULL
    UNION SELECT 'phone', phone, phone FROM sightings WHERE lead_id = $lead_id AND phone IS NOT NULL
    UNION SELECT 'phone', mobile, mobile FROM sightings
    WHERE lead_id = $lead_id AND mobile IS NOT NULL
),
shared AS (
    SELECT DISTINCT 'email' AS key_kind, email_key AS key_text FROM sightings
    WHERE lead_id IS DISTINCT FROM $lead_id AND email_key IN (SELECT key_text FROM mine)
    UNION SELECT 'phone', phone FROM sightings
    WHERE lead_id IS DISTINCT FROM $lead_id AND phone IN (SELECT key_text FROM mine)
    UNION SELECT 'phone', mobile FROM sightings
    WHERE lead_id IS DISTINCT FROM $lead_id AND mobile IN (SELECT key_text FROM mine)
)
SELECT m.key_kind, m.key_text, min(m.shown) AS shown,
       (s.key_text IS NOT NULL) AS shared
FROM mine m LEFT JOIN shared s USING (key_kind, key_text)
GROUP BY m.key_kind, m.key_text, s.key_text
ORDER BY m.key_kind, m.key_text
"""

# "No" answers of one batch: each becomes a refusal-at-collection entry for its sighting.
SELECT_BATCH_REFUSALS = """
SELECT c.sighting_id, c.channel, c.answered_on, c.row_number, c.question, c.answer, b.file_name
FROM consent_answers c JOIN batches b USING (batch_id)
WHERE c.batch_id = $batch_id AND c.consent = false
ORDER BY c.row_number, c.channel
"""
# A refusal is keyed on the address the person gave on the form; only a form without an
# address is keyed on its numbers (a number on a form is often the company's switchboard, and
# after dedupe the person's own numbers are covered through their lead anyway).
INSERT_REFUSAL_KEYS = """
INSERT INTO suppression_keys
SELECT DISTINCT $base + r.entry_no, k.key_kind, k.key_hash, NULL
FROM incoming_refusals r JOIN batch_keys k USING (sighting_id)
WHERE k.key_kind = 'email'
   OR (k.key_kind = 'phone' AND NOT EXISTS (
        SELECT 1 FROM batch_keys e WHERE e.sighting_id = r.sighting_id AND e.key_kind = 'email'))
"""
# The latest answer of the person stands: a later "Yes" on a form for the same channel (or for
# being contacted at all) lifts an earlier refusal at collection sharing an identifier.
LIFT_SUPERSEDED_REFUSALS = """
UPDATE suppressions SET lifted_at = $now, lifted_by = $user, lift_evidence = y.evidence
FROM (
    SELECT sk.entry_id,
           arg_max('consent "' || coalesce(c.answer, '') || '" to "' || c.question || '" in '
                   || coalesce(b.file_name, 'a DataFrame') || ' row ' || c.row_number
                   || ' on ' || CAST(c.answered_on AS VARCHAR), c.answered_on) AS evidence
    FROM suppressions s
    JOIN suppression_keys sk USING (entry_id)
    JOIN sighting_keys k ON k.key_kind = sk.key_kind AND k.key_hash = sk.key_hash
    JOIN consent_answers c ON c.sighting_id = k.sighting_id AND c.consent
    JOIN batches b ON b.batch_id = c.batch_id
    WHERE s.reason = 'refusal' AND s.lifted_at IS NULL AND c.answered_on > s.effective_on
      AND (c.channel = s.channel OR c.channel = 'all')
    GROUP BY sk.entry_id
) y
WHERE suppressions.entry_id = y.entry_id
"""

# Entries that apply to a screening for $channel ('all': any) and $scope (NULL: every scope).
_ACTIVE = """
active AS (
    SELECT entry_id, kind, channel, scope, reason, address_level, effective_on, registry,
           CASE reason WHEN 'objection' THEN 1 WHEN 'erasure' THEN 2 WHEN 'complaint' THEN 3
                WHEN 'unsubscribe' THEN 4 WHEN 'refusal' THEN 5 WHEN 'dnc' THEN 6
                WHEN 'bounce' THEN 7 ELSE 8 END AS rank
    FROM suppressions
    WHERE lifted_at IS NULL
      AND ($channel = 'all' OR channel = 'all' OR channel = $channel)
      AND ($scope IS NULL OR scope = 'group' OR scope = $scope)
),
active_keys AS (
    SELECT a.*, sk.key_kind, sk.key_hash FROM active a JOIN suppression_keys sk USING (entry_id)
),
stale AS (
    SELECT r.name, r.calling_code, r.valid_days, max(i.screened_on) AS screened_on
    FROM registries r JOIN suppression_imports i ON i.registry = r.name
    WHERE $channel IN ('all', r.channel)
    GROUP BY r.name, r.calling_code, r.valid_days
    HAVING max(i.screened_on) + r.valid_days < $today
),
-- Sightings (and so leads) hit by an entry; a bounce counts for its own address only.
sighting_hits AS (
    SELECT s.sighting_id, s.lead_id, s.email_key, k.entry_id, k.reason, k.rank, k.key_kind,
           k.address_level, k.channel, k.effective_on
    FROM active_keys k
    JOIN sighting_keys x ON x.key_kind = k.key_kind AND x.key_hash = k.key_hash
    JOIN sightings s ON s.sighting_id = x.sighting_id
),
lead_hits AS (
    SELECT lead_id, entry_id, reason, rank, channel, effective_on,
           CASE WHEN key_kind = 'domain' THEN 'domain' ELSE 'person' END AS matched_on
    FROM sighting_hits WHERE NOT address_level AND lead_id IS NOT NULL
    -- An entry a link by name and company made reaches its lead (or the lead it was merged
    -- into) itself, even one with no address or number to key it on.
    UNION ALL
    SELECT coalesce(l.merged_into, k.lead_id), a.entry_id, a.reason, a.rank, a.channel,
           a.effective_on, 'person'
    FROM active a JOIN suppression_links k ON k.link_entry_id = a.entry_id
    LEFT JOIN leads l ON l.lead_id = k.lead_id
)
"""


def _why(t: str = "") -> str:
    """Why an entry suppresses, in words (``t``: the table alias with its dot)."""
    return (
        f"{t}reason || ' (' || CASE {t}channel WHEN 'all' THEN 'all channels' "
        f"ELSE {t}channel END || ') since ' || CAST({t}effective_on AS VARCHAR) || ', entry ' "
        f"|| CAST({t}entry_id AS VARCHAR)"
    )


SCREEN_LEADS = f"""
WITH {_ACTIVE},
hits AS (
    SELECT lead_id, entry_id, reason, rank, matched_on, {_why()} AS why FROM lead_hits
    UNION ALL
    SELECT h.lead_id, h.entry_id, h.reason, h.rank, 'email', {_why("h.")}
    FROM sighting_hits h JOIN leads l ON l.lead_id = h.lead_id
    WHERE h.address_level AND h.key_kind = 'email' AND l.email_key = h.email_key
    UNION ALL
    SELECT l.lead_id, NULL, 'dnc-stale', 9, 'registry',
           st.name || ' screening is stale (last ' || CAST(st.screened_on AS VARCHAR)
           || ', valid ' || CAST(st.valid_days AS VARCHAR) || ' days): import a new one'
    FROM leads l JOIN stale st
      ON starts_with(l.phone, st.calling_code) OR starts_with(l.mobile, st.calling_code)
    WHERE l.status = 'active'
),
best AS (
    SELECT lead_id, arg_min(reason, rank) AS reason, arg_min(why, rank) AS why,
           arg_min(entry_id, rank) AS entry_id, arg_min(matched_on, rank) AS matched_on,
           count(DISTINCT entry_id) AS entries
    FROM hits GROUP BY lead_id
)
SELECT l.lead_id, b.lead_id IS NOT NULL AS suppressed, b.reason, b.why, b.entry_id,
       b.matched_on, coalesce(b.entries, 0) AS entries
FROM leads l LEFT JOIN best b USING (lead_id)
WHERE l.status = 'active'
ORDER BY l.lead_id
"""  # noqa: S608 - fixed fragments

# A DataFrame's identifiers ("incoming_probe": row_idx, key_kind, key_text) against the list:
# directly (the address, number or domain itself) and through the person: an identifier some
# lead holds makes the row that lead, suppressed as a whole.
SCREEN_PROBE = f"""
WITH {_ACTIVE},
probe AS (SELECT row_idx, key_kind, lg_hmac(key_text) AS key_hash FROM incoming_probe),
-- The lead an identifier belongs to; one held by several leads (a shared info@ mailbox, a
-- switchboard) identifies nobody in particular, as in Ledger.suppress_lead.
probe_leads AS (
    SELECT p.row_idx, p.key_kind, p.key_hash, min(s.lead_id) AS lead_id
    FROM probe p
    JOIN sighting_keys x ON x.key_kind = p.key_kind AND x.key_hash = p.key_hash
    JOIN sightings s ON s.sighting_id = x.sighting_id
    WHERE p.key_kind <> 'domain' AND s.lead_id IS NOT NULL
    GROUP BY p.row_idx, p.key_kind, p.key_hash
    HAVING count(DISTINCT s.lead_id) = 1
),
suppressed_leads AS (
    SELECT lead_id, arg_min(entry_id, rank) AS entry_id, min(rank) AS rank,
           arg_min(reason, rank) AS reason, arg_min(channel, rank) AS channel,
           arg_min(effective_on, rank) AS effective_on
    FROM lead_hits GROUP BY lead_id
),
hits AS (
    SELECT p.row_idx, k.entry_id, k.reason, k.rank, k.channel, k.effective_on,
           p.key_kind AS matched_on
    FROM probe p JOIN active_keys k ON k.key_kind = p.key_kind AND k.key_hash = p.key_hash
    UNION ALL
    SELECT DISTINCT pl.row_idx, l.entry_id, l.reason, l.rank, l.channel, l.effective_on, 'person'
    FROM probe_leads pl JOIN suppressed_leads l USING (lead_id)
),
why AS (
    SELECT row_idx, entry_id, reason, rank, matched_on, {_why()} AS why FROM hits
    UNION ALL
    SELECT p.row_idx, NULL, 'dnc-stale', 9, 'registry',
           st.name || ' screening is stale (last ' || CAST(st.screened_on AS VARCHAR)
           || ', valid ' || CAST(st.valid_days AS VARCHAR) || ' days): import a new one'
    FROM incoming_probe p JOIN stale st ON starts_with(p.key_text, st.calling_code)
    WHERE p.key_kind = 'phone'
)
SELECT row_idx, arg_min(reason, rank) AS reason, arg_min(why, rank) AS why,
       arg_min(entry_id, rank) AS entry_id, arg_min(matched_on, rank) AS matched_on
FROM why GROUP BY row_idx
"""  # noqa: S608 - fixed fragments

SELECT_SUPPRESSIONS = """
SELECT s.entry_id, s.kind, s.channel, s.scope, s.reason, s.address_level, s.origin,
       s.effective_on, s.expires_on, s.registry, s.evidence_file, s.evidence_row, s.request_id,
       s.evidence, s.import_id, s.added_at, s.added_by, s.lifted_at, s.lifted_by,
       s.lift_evidence, string_agg(k.key_kind || ':' || hex(k.key_hash), ' ' ORDER BY k.key_kind)
           AS key_hashes
FROM suppressions s LEFT JOIN suppression_keys k USING (entry_id)
WHERE $all OR s.lifted_at IS NULL
GROUP BY ALL
ORDER BY s.entry_id
"""
SUPPRESSION_SUMMARY = """
SELECT reason, channel, scope, count(*) FILTER (WHERE lifted_at IS NULL) AS active,
       count(*) FILTER (WHERE lifted_at IS NOT NULL) AS lifted, min(effective_on) AS first_on,
       max(effective_on) AS last_on
FROM suppressions GROUP BY ALL ORDER BY reason, channel, scope
"""
SELECT_SUPPRESSION_IMPORTS = "SELECT * FROM suppression_imports ORDER BY import_id"
SELECT_SUPPRESSION_REJECTS = """
SELECT i.file_name, r.row_number, r.column_name, r.reason, r.import_id
FROM suppression_rejects r JOIN suppression_imports i USING (import_id)
ORDER BY r.import_id, r.row_number
"""

# Entries hit by given keys ("incoming_probe": row_idx, key_kind, key_text), lifted included.
SELECT_ENTRIES_FOR_KEYS = """
SELECT DISTINCT s.entry_id, s.kind, s.channel, s.scope, s.reason, s.address_level, s.origin,
       s.effective_on, s.expires_on, s.registry, s.evidence_file, s.evidence_row,
       s.request_id, s.evidence, s.lifted_at, s.lift_evidence, p.key_kind AS matched_on
FROM incoming_probe p
JOIN suppression_keys k ON k.key_kind = p.key_kind AND k.key_hash = lg_hmac(p.key_text)
JOIN suppressions s USING (entry_id)
ORDER BY s.entry_id
"""
# Leads holding given identifiers (the person behind a value).
SELECT_LEADS_FOR_KEYS = """
SELECT DISTINCT s.lead_id
FROM incoming_probe p
JOIN sighting_keys x ON x.key_kind = p.key_kind AND x.key_hash = lg_hmac(p.key_text)
JOIN sightings s ON s.sighting_id = x.sighting_id
WHERE p.key_kind <> 'domain' AND s.lead_id IS NOT NULL
"""
LIFT_ENTRIES = """
UPDATE suppressions SET lifted_at = $now, lifted_by = $user, lift_evidence = $evidence
WHERE entry_id IN (SELECT entry_id FROM incoming_lift) AND lifted_at IS NULL
"""
SELECT_VENDOR_HASHES = """
SELECT DISTINCT k.vendor_hash
FROM suppression_keys k JOIN suppressions s USING (entry_id)
WHERE s.lifted_at IS NULL AND k.key_kind = $kind AND k.vendor_hash IS NOT NULL
  AND ($channel = 'all' OR s.channel IN ('all', $channel)) AND NOT s.address_level
"""
SELECT_REGISTRIES = """
SELECT r.name, r.channel, r.country, r.calling_code, r.valid_days, r.note,
       max(i.screened_on) AS last_screened_on,
       max(i.screened_on) + r.valid_days AS valid_until
FROM registries r LEFT JOIN suppression_imports i ON i.registry = r.name
GROUP BY r.name, r.channel, r.country, r.calling_code, r.valid_days, r.note
ORDER BY r.name
"""
SELECT_REGISTRY = (
    "SELECT name, channel, country, calling_code, valid_days FROM registries WHERE name = ?"
)
UPDATE_REGISTRY = "UPDATE registries SET valid_days = ? WHERE name = ?"
COUNT_BATCH_SUPPRESSED = f"""
WITH {_ACTIVE}
SELECT count(DISTINCT x.sighting_id)
FROM active_keys k
JOIN batch_keys x ON x.key_kind = k.key_kind AND x.key_hash = k.key_hash
"""  # noqa: S608 - fixed fragments
COUNT_SUPPRESSED_LEADS = f"""
SELECT count(*) FROM ({SCREEN_LEADS}) WHERE suppressed
"""  # noqa: S608 - fixed fragments

# -- suppression links: rows linked to people by name and company ------------------------------
# A suppression row's sealed name and company ("incoming_identities": entry_id, sealed).
INSERT_SUPPRESSION_IDENTITIES = """
INSERT INTO suppression_identities SELECT entry_id, sealed, $now FROM incoming_identities
"""
# The sealed names of active entries: those of one import ($import_id), or all (NULL).
SELECT_LINKABLE_IDENTITIES = """
SELECT i.entry_id, i.sealed, s.channel, s.scope, s.reason, s.evidence_file, s.evidence_row,
       s.effective_on, s.import_id
FROM suppression_identities i JOIN suppressions s USING (entry_id)
WHERE s.lifted_at IS NULL AND ($import_id IS NULL OR s.import_id = $import_id)
ORDER BY i.entry_id
"""
COUNT_LINKABLE_IDENTITIES = """
SELECT count(*) FROM suppression_identities i JOIN suppressions s USING (entry_id)
WHERE s.lifted_at IS NULL
"""
# Sightings of a lead that could be the person of a row ("incoming_link_rows": row_no,
# last_match, company_key): the same surname or the same company, found by equality joins; after
# a dedupe run ($run_id) only those of the leads the run created or changed.
SELECT_LINK_CANDIDATES = """
WITH touched AS (SELECT lead_id FROM leads WHERE $run_id IS NULL OR updated_run = $run_id),
eligible AS (
    SELECT s.sighting_id, s.last_match, s.company_key FROM sightings s
    WHERE s.status = 'ok' AND s.lead_id IN (SELECT lead_id FROM touched)
)
SELECT w.row_no, s.sighting_id
FROM incoming_link_rows w JOIN eligible s ON s.last_match = w.last_match
UNION ALL
SELECT w.row_no, s.sighting_id
FROM incoming_link_rows w JOIN eligible s ON s.company_key = w.company_key
WHERE s.last_match IS DISTINCT FROM w.last_match
"""
# Every (row entry, lead) pair decided before: linked (lifted or not) or unlinked by a person,
# with the lead as it resolves now (a merged lead goes by its survivor).
SELECT_LINK_DECISIONS = """
SELECT k.entry_id, k.lead_id, l.merged_into
FROM suppression_links k LEFT JOIN leads l ON l.lead_id = k.lead_id
UNION
SELECT u.entry_id, u.lead_id, l.merged_into
FROM suppression_unlinks u LEFT JOIN leads l ON l.lead_id = u.lead_id
"""
# Leads a row's own entry already reaches through its address or number
# ("incoming_link_entries": entry_id): no link is needed for them.
SELECT_LEADS_HELD_BY_ENTRIES = """
SELECT DISTINCT k.entry_id, s.lead_id
FROM incoming_link_entries e
JOIN suppression_keys k ON k.entry_id = e.entry_id
JOIN sighting_keys x ON x.key_kind = k.key_kind AND x.key_hash = k.key_hash
JOIN sightings s ON s.sighting_id = x.sighting_id
WHERE s.lead_id IS NOT NULL AND k.key_kind <> 'domain'
"""
# The golden company of the one lead that holds a row's address or number ("incoming_link_entries":
# entry_id): a row with a name but no company is linked with the company of the person its
# address names (that person's other leads, a split the dedupe left, are then found by name).
SELECT_HOLDER_COMPANIES = """
SELECT e.entry_id, min(l.company) AS company
FROM incoming_link_entries e
JOIN suppression_keys k ON k.entry_id = e.entry_id
JOIN sighting_keys x ON x.key_kind = k.key_kind AND x.key_hash = k.key_hash
JOIN sightings s ON s.sighting_id = x.sighting_id
JOIN leads l ON l.lead_id = s.lead_id
WHERE k.key_kind <> 'domain' AND l.status = 'active'
GROUP BY e.entry_id
HAVING count(DISTINCT l.lead_id) = 1 AND min(l.company) IS NOT NULL
"""
# The e-mail addresses and numbers of leads ("incoming_link_leads": lead_id) that no other lead
# holds, as Ledger.suppress_lead keys a person (a switchboard would silence colleagues).
SELECT_OWN_IDENTIFIERS = """
WITH mine AS (
    SELECT s.lead_id, 'email' AS key_kind, s.email_key AS key_text, s.email AS shown
    FROM sightings s JOIN incoming_link_leads i USING (lead_id) WHERE s.email_key IS NOT NULL
    UNION SELECT s.lead_id, 'phone', s.phone, s.phone
    FROM sightings s JOIN incoming_link_leads i USING (lead_id) WHERE s.phone IS NOT NULL
    UNION SELECT s.lead_id, 'phone', s.mobile, s.mobile
    FROM sightings s JOIN incoming_link_leads i USING (lead_id) WHERE s.mobile IS NOT NULL
),
holders AS (
    SELECT key_kind, key_text, count(DISTINCT holder) AS n FROM (
        SELECT 'email' AS key_kind, email_key AS key_text,
               coalesce(lead_id, -sighting_id) AS holder
        FROM sightings WHERE email_key IN (SELECT key_text FROM mine WHERE key_kind = 'email')
        UNION ALL SELECT 'phone', phone, coalesce(lead_id, -sighting_id) FROM sightings
        WHERE phone IN (SELECT key_text FROM mine WHERE key_kind = 'phone')
        UNION ALL SELECT 'phone', mobile, coalesce(lead_id, -sighting_id) FROM sightings
        WHERE mobile IN (SELECT key_text FROM mine WHERE key_kind = 'phone')
    ) GROUP BY key_kind, key_text
)
SELECT m.lead_id, m.key_kind, m.key_text, min(m.shown) AS shown
FROM mine m JOIN holders h USING (key_kind, key_text)
WHERE h.n = 1
GROUP BY m.lead_id, m.key_kind, m.key_text
ORDER BY m.lead_id, m.key_kind, m.key_text
"""
# Active entries made by links, with the lead each now resolves to, of the leads a dedupe run
# ($run_id) changed (their keys follow the lead: an address or number it gained is added).
SELECT_ACTIVE_LINK_ENTRIES = """
SELECT DISTINCT k.link_entry_id AS entry_id, cur.lead_id
FROM suppression_links k
JOIN suppressions s ON s.entry_id = k.link_entry_id
JOIN leads l ON l.lead_id = k.lead_id
JOIN leads cur ON cur.lead_id = coalesce(l.merged_into, l.lead_id)
WHERE s.lifted_at IS NULL AND cur.updated_run = $run_id
"""
# Of candidate keys ("incoming_keys": entry_no = the entry id, key_kind, key_text), those the
# entry does not hold yet.
SELECT_MISSING_KEYS = """
SELECT DISTINCT i.entry_no, i.key_kind, i.key_text, i.shown
FROM incoming_keys i
WHERE NOT EXISTS (SELECT 1 FROM suppression_keys k
                  WHERE k.entry_id = i.entry_no AND k.key_kind = i.key_kind
                    AND k.key_hash = lg_hmac(i.key_text))
"""
INSERT_SUPPRESSION_LINKS = """
INSERT INTO suppression_links
SELECT entry_id, lead_id, link_entry_id, probability, uncertain, $import_id, $run_id, $now, $user
FROM incoming_links_made
"""
# The links of a row's entry to a lead (or to a lead since merged into it), lifted or not.
SELECT_LINKS_OF = """
SELECT k.link_entry_id, k.lead_id
FROM suppression_links k LEFT JOIN leads l ON l.lead_id = k.lead_id
WHERE k.entry_id = $entry_id
  AND (k.lead_id = $lead_id OR (l.status = 'merged' AND l.merged_into = $lead_id))
"""
INSERT_SUPPRESSION_UNLINK = "INSERT INTO suppression_unlinks VALUES (?, ?, ?, ?, ?)"
# Active links for review: the row's entry, the lead it resolves to now with its golden name and
# company, how likely, whether uncertain, and the evidence of the entry the link made.
SELECT_SUPPRESSION_LINKS = """
WITH links AS (
    SELECT k.*, CASE WHEN l.status = 'merged' THEN l.merged_into ELSE k.lead_id END AS lead_now
    FROM suppression_links k LEFT JOIN leads l ON l.lead_id = k.lead_id
)
SELECT k.entry_id, k.lead_now AS lead_id, k.probability, k.uncertain, k.linked_at,
       s.evidence, k.link_entry_id, k.lead_id AS linked_lead_id, k.import_id, k.run_id,
       g.first_name, g.last_name, g.company
FROM links k
JOIN suppressions s ON s.entry_id = k.link_entry_id
LEFT JOIN leads g ON g.lead_id = k.lead_now
WHERE s.lifted_at IS NULL AND ($uncertain_only = false OR k.uncertain)
  AND NOT EXISTS (SELECT 1 FROM suppression_unlinks u
                  WHERE u.entry_id = k.entry_id AND u.lead_id IN (k.lead_id, k.lead_now))
ORDER BY k.entry_id, k.lead_now
"""
# Lifting a row's entry (a recorded re-permission) lifts the entries its links made and
# deletes its sealed name and company ("incoming_lift": entry_id).
SELECT_LINK_ENTRIES_OF_LIFTED = """
SELECT DISTINCT link_entry_id AS entry_id FROM suppression_links
WHERE entry_id IN (SELECT entry_id FROM incoming_lift)
"""
DELETE_LIFTED_IDENTITIES = """
DELETE FROM suppression_identities WHERE entry_id IN (SELECT entry_id FROM incoming_lift)
"""
# A person's e-mail addresses that other leads (or sightings not yet in a lead) hold too, with
# whether any row marks it a role mailbox (info@): an objection or erasure suppresses the
# personal ones for e-mail, address by address.
SELECT_SHARED_EMAILS = """
WITH mine AS (
    SELECT DISTINCT email_key FROM sightings WHERE lead_id = $lead_id AND email_key IS NOT NULL
)
SELECT m.email_key AS key_text, min(s.email) AS shown,
       bool_or(coalesce(s.email_role, false)) AS role
FROM mine m JOIN sightings s ON s.email_key = m.email_key
GROUP BY m.email_key
HAVING count(DISTINCT coalesce(s.lead_id, -s.sighting_id)) > 1
ORDER BY m.email_key
"""


# -- recipients, channel rules, notices, exports ------------------------------------------------
RECIPIENT_COLUMNS = (
    "recipient_id, name, role, country, transfer, dpf_checked_on, contract_ref, purposes, "
    "safeguard_url"
)
SELECT_RECIPIENT = f"SELECT {RECIPIENT_COLUMNS} FROM recipients WHERE name = ?"  # noqa: S608
SELECT_RECIPIENTS = f"""
SELECT {RECIPIENT_COLUMNS}, created_at, created_by FROM recipients ORDER BY name
"""  # noqa: S608
INSERT_RECIPIENT = """
INSERT INTO recipients VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
UPDATE_RECIPIENT = """
UPDATE recipients SET role = ?, country = ?, transfer = ?, dpf_checked_on = ?, contract_ref = ?,
    purposes = ?, safeguard_url = ?
WHERE recipient_id = ?
"""

SELECT_CHANNEL_RULES = "SELECT country, channel, rule, note, set_at, set_by FROM channel_rules"
DELETE_CHANNEL_RULE = "DELETE FROM channel_rules WHERE country = ? AND channel = ?"
INSERT_CHANNEL_RULE = "INSERT INTO channel_rules VALUES (?, ?, ?, ?, ?, ?)"
# The latest confirmation per country, channel and audience (what it confirmed, who, when).
SELECT_RULE_CONFIRMATIONS = """
SELECT country, channel, audience,
       arg_max(rule, confirmed_at) AS confirmed_rule,
       arg_max(source, confirmed_at) AS confirmed_source,
       arg_max(rule_set_at, confirmed_at) AS confirmed_set_at,
       max(confirmed_at) AS confirmed_at,
       arg_max(confirmed_by, confirmed_at) AS confirmed_by
FROM channel_rule_confirmations
GROUP BY country, channel, audience
"""
INSERT_RULE_CONFIRMATION = "INSERT INTO channel_rule_confirmations VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

INSERT_NOTICES = """
INSERT INTO notices SELECT lead_id, $channel, CAST($sent_on AS DATE), $language, $version,
    $exemption, $now, $user
FROM incoming_notice_leads
"""
SELECT_ACTIVE_LEAD_IDS = """
SELECT i.lead_id, l.status FROM incoming_notice_leads i LEFT JOIN leads l USING (lead_id)
"""

# Art. 14(3): due one calendar month after the data were obtained, or at the first disclosure
# to a recipient if that comes first.
SELECT_NOTICES_DUE = """
WITH acquired AS (
    SELECT lead_id, min(acquired_on) AS first_acquired_on FROM sightings
    WHERE status = 'ok' AND lead_id IS NOT NULL GROUP BY lead_id
),
noticed AS (
    SELECT lead_id, min(sent_on) AS notice_sent_on, arg_min(channel, sent_on) AS notice_channel,
           arg_min(exemption, sent_on) AS exemption
    FROM notices GROUP BY lead_id
),
disclosed AS (
    SELECT lead_id, CAST(min(disclosed_at) AS DATE) AS first_disclosed_on
    FROM disclosures GROUP BY lead_id
)
SELECT l.lead_id, l.first_name, l.last_name, l.email, l.country, a.first_acquired_on,
       d.first_disclosed_on,
       least(CAST(a.first_acquired_on + INTERVAL 1 MONTH AS DATE),
             coalesce(d.first_disclosed_on, DATE '9999-12-31')) AS due_on,
       n.notice_sent_on, n.notice_channel, n.exemption,
       CASE WHEN n.notice_sent_on IS NOT NULL THEN 'given'
            WHEN least(CAST(a.first_acquired_on + INTERVAL 1 MONTH AS DATE),
                       coalesce(d.first_disclosed_on, DATE '9999-12-31')) < $today THEN 'overdue'
            ELSE 'due' END AS status
FROM leads l JOIN acquired a USING (lead_id)
LEFT JOIN noticed n USING (lead_id) LEFT JOIN disclosed d USING (lead_id)
WHERE l.status = 'active'
ORDER BY due_on, l.lead_id
"""
SELECT_NOTICES_OF_LEADS = SELECT_NOTICES_DUE.replace(
    "WHERE l.status = 'active'",
    "WHERE l.status = 'active' AND l.lead_id IN (SELECT lead_id FROM incoming_leads)",
)
SELECT_LEADS_BY_ID = SELECT_LEADS.replace(
    "WHERE status = 'active'",
    "WHERE status = 'active' AND lead_id IN (SELECT lead_id FROM incoming_leads)",
)


# Everything the notice of one lead says: its sources (Art. 14(2)(f)) and bases.
SELECT_LEAD_SOURCES = """
SELECT src.name, src.kind, s.publicly_accessible, min(s.acquired_on) AS acquired_on
FROM sightings s JOIN sources src ON src.source_id = s.source_id
WHERE s.lead_id = ? AND s.status = 'ok'
GROUP BY src.name, src.kind, s.publicly_accessible ORDER BY acquired_on, src.name
"""
SELECT_LEAD_BASES = """
SELECT DISTINCT b.name, max(s.acquired_on) OVER (PARTITION BY b.name) AS last_acquired_on
FROM sightings s JOIN bases b ON b.basis_id = s.basis_id
WHERE s.lead_id = ? AND s.status = 'ok'
"""
SELECT_LEAD_FIELDS_HELD = """
SELECT count(first_name) AS first_name, count(last_name) AS last_name, count(email) AS email,
       count(phone) AS phone, count(mobile) AS mobile, count(company) AS company,
       count(job_title) AS job_title, count(country) AS country, count(city) AS city,
       count(postal_address) + count(street) AS postal_address, count(linkedin_url) AS linkedin_url,
       count(website) AS website
FROM sightings WHERE lead_id = ? AND status = 'ok'
"""

# One row per active lead with every fact the export gate decides on ($channel, $scope, $today,
# $basis_id, $retention_months); the effective country rules arrive as "incoming_rules".
EXPORT_GATE = f"""
WITH screened AS ({SCREEN_LEADS}),
on_basis AS (
    SELECT lead_id, max(acquired_on) AS last_acquired_on FROM sightings
    WHERE status = 'ok' AND basis_id = $basis_id AND lead_id IS NOT NULL GROUP BY lead_id
),
roles AS (
    SELECT s.lead_id, bool_or(s.email_role) AS email_role
    FROM sightings s JOIN leads l ON l.lead_id = s.lead_id AND s.email_key = l.email_key
    GROUP BY s.lead_id
),
holders AS (
    SELECT email_key, count(*) AS n FROM leads
    WHERE status = 'active' AND email_key IS NOT NULL GROUP BY email_key
),
consents AS (
    SELECT s.lead_id, arg_max(c.consent, c.answered_on) AS consent
    FROM consent_answers c JOIN sightings s USING (sighting_id)
    WHERE c.consent IS NOT NULL AND c.channel IN ($channel, 'all') AND s.lead_id IS NOT NULL
    GROUP BY s.lead_id
),
restricted AS (SELECT DISTINCT lead_id FROM restrictions WHERE lifted_at IS NULL),
noticed AS (SELECT lead_id, min(sent_on) AS notice_sent_on FROM notices GROUP BY lead_id),
addresses AS (
    SELECT lead_id, arg_max(postal_address, acquired_on) AS postal_address,
           arg_max(street, acquired_on) AS street, arg_max(postcode, acquired_on) AS postcode
    FROM sightings
    WHERE status = 'ok' AND lead_id IS NOT NULL
      AND (postal_address IS NOT NULL OR street IS NOT NULL)
    GROUP BY lead_id
)
SELECT l.lead_id, l.first_name, l.last_name, l.email, l.phone, l.mobile, l.company,
       l.job_title, l.country, l.city, ad.postal_address, ad.street, ad.postcode,
       coalesce(sc.suppressed, false) AS suppressed, sc.reason AS suppression_reason,
       r.lead_id IS NOT NULL AS restricted,
       b.lead_id IS NOT NULL AS on_basis,
       coalesce(CAST(b.last_acquired_on + to_months($retention_months) AS DATE) < $today, false)
           AS past_retention,
       coalesce(ro.email_role, false) AS email_role,
       coalesce(h.n, 0) AS email_holders,
       co.consent,
       coalesce(ru.rule, 'consent') AS country_rule,
       n.notice_sent_on
FROM leads l
LEFT JOIN screened sc USING (lead_id)
LEFT JOIN restricted r USING (lead_id)
LEFT JOIN on_basis b USING (lead_id)
LEFT JOIN roles ro USING (lead_id)
LEFT JOIN holders h ON h.email_key = l.email_key
LEFT JOIN consents co USING (lead_id)
LEFT JOIN incoming_rules ru ON ru.country = l.country
LEFT JOIN noticed n USING (lead_id)
LEFT JOIN addresses ad USING (lead_id)
WHERE l.status = 'active'
ORDER BY l.lead_id
"""  # noqa: S608 - fixed fragments

SEQ_EXPORT = "seq_export"
SELECT_LAST_EXPORT = """
SELECT export_id, sha256 FROM exports
WHERE recipient_id = ? AND basis_id = ? AND channel = ? AND format = ?
ORDER BY export_id DESC LIMIT 1
"""
INSERT_EXPORT = "INSERT INTO exports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
INSERT_DISCLOSURES = """
INSERT INTO disclosures SELECT $export_id, lead_id, $recipient_id, $now, $fields, notice_due
FROM incoming_disclosures
"""
SELECT_DISCLOSURES = """
SELECT d.lead_id, r.name AS recipient, r.role, r.country, d.disclosed_at, d.fields,
       d.notice_due, e.export_id, e.channel, b.name AS basis, e.file_name, e.sha256,
       e.exported_by
FROM disclosures d JOIN exports e USING (export_id)
JOIN recipients r ON r.recipient_id = d.recipient_id
JOIN bases b ON b.basis_id = e.basis_id
WHERE $lead_id IS NULL OR d.lead_id = $lead_id
ORDER BY d.disclosed_at, d.lead_id
"""
SELECT_RECIPIENTS_TO_NOTIFY = """
SELECT r.name AS recipient, r.role, r.country, min(d.disclosed_at) AS first_disclosed_at,
       max(d.disclosed_at) AS last_disclosed_at, count(*) AS disclosures,
       string_agg(DISTINCT e.channel, ',') AS channels
FROM disclosures d JOIN exports e USING (export_id)
JOIN recipients r ON r.recipient_id = d.recipient_id
WHERE d.lead_id = ?
GROUP BY r.name, r.role, r.country ORDER BY r.name
"""
SELECT_EXPORTS = """
SELECT e.export_id, r.name AS recipient, b.name AS basis, e.channel, e.format, e.file_name,
       e.sha256, e.rows_exported, e.rows_excluded, e.exclusions, e.notice_policy, e.exported_at,
       e.exported_by
FROM exports e JOIN recipients r USING (recipient_id) JOIN bases b USING (basis_id)
ORDER BY e.export_id
"""
INSERT_RESTRICTION = "INSERT INTO restrictions VALUES (?, ?, ?, ?, NULL)"
LIFT_RESTRICTION = """
UPDATE restrictions SET lifted_at = ? WHERE lead_id = ? AND lifted_at IS NULL
"""

# -- data-subject requests ----------------------------------------------------------------------
SEQ_REQUEST = "seq_request"
INSERT_REQUEST = """
INSERT INTO requests (request_id, type, received_on, due_on, verified, status, requester_email,
                      requester_phone, requester_name, lead_ids, created_at, created_by)
VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
"""
SELECT_REQUEST = "SELECT * FROM requests WHERE request_id = ?"
SELECT_REQUESTS = """
SELECT request_id, type, received_on, due_on, extended_to,
       coalesce(extended_to, due_on) AS deadline,
       status, closed_on, verified, extension_reason, extension_told_on,
       requester_email IS NOT NULL OR requester_phone IS NOT NULL AS holds_contact, outcome,
       status = 'open' AND coalesce(extended_to, due_on) < $today AS overdue
FROM requests ORDER BY received_on, request_id
"""
CLOSE_REQUEST = """
UPDATE requests SET status = $status, closed_on = $today, outcome = $outcome, lead_ids = $lead_ids
WHERE request_id = $request_id
"""
# A closed request keeps no readable contact details, only a keyed hash of them.
FORGET_REQUESTER = """
UPDATE requests SET requester_email = NULL, requester_phone = NULL, requester_name = NULL,
    subject_hash = $subject_hash
WHERE request_id = $request_id
"""
SELECT_REQUESTER = """
SELECT requester_email, requester_phone, requester_name FROM requests WHERE request_id = ?
"""
EXTEND_REQUEST = """
UPDATE requests SET extended_to = ?, extension_reason = ?, extension_told_on = ?
WHERE request_id = ?
"""

# The leads that hold an identifier ("incoming_probe": key_kind, key_text), and how many.
SELECT_LEADS_HOLDING = """
SELECT p.key_kind, p.key_text, list(DISTINCT s.lead_id ORDER BY s.lead_id) AS lead_ids
FROM incoming_probe p
JOIN sighting_keys x ON x.key_kind = p.key_kind AND x.key_hash = lg_hmac(p.key_text)
JOIN sightings s ON s.sighting_id = x.sighting_id
WHERE s.lead_id IS NOT NULL
GROUP BY p.key_kind, p.key_text
"""
# Name candidates for a request, pre-filtered in SQL (a million leads) before fine scoring.
SELECT_LEAD_CANDIDATES = """
SELECT lead_id, first_name, last_name, company, email, country
FROM leads
WHERE status = 'active' AND last_name IS NOT NULL
  AND (jaro_winkler_similarity(lower(last_name), $last) >= 0.85
       OR jaro_winkler_similarity(lower(last_name), $first) >= 0.85)
"""

# Every value a lead holds with every sighting that gave it (Art. 15(1)(g), 14(2)(f)).
SELECT_ACCESS_VALUES = """
SELECT s.sighting_id, b.file_name, s.row_number, src.name AS source, src.kind AS source_kind,
       s.publicly_accessible, s.acquired_on, bas.name AS basis, s.first_name, s.last_name,
       s.email, s.phone, s.mobile, s.company, s.job_title, s.country, s.city, s.postal_address,
       s.street, s.postcode, s.linkedin_url, s.website
FROM sightings s JOIN batches b USING (batch_id)
JOIN sources src ON src.source_id = s.source_id
JOIN bases bas ON bas.basis_id = s.basis_id
WHERE s.lead_id = ? AND s.status = 'ok'
ORDER BY s.acquired_on, s.sighting_id
"""
SELECT_RECTIFICATIONS = """
SELECT field, value, request_id, rectified_at FROM rectifications WHERE lead_id = ?
ORDER BY rectified_at
"""
INSERT_RECTIFICATION = "INSERT INTO rectifications VALUES (?, ?, ?, ?, ?, ?)"
RECTIFIABLE = (
    "first_name", "last_name", "email", "phone", "mobile", "company", "job_title", "country",
    "city",
)  # fmt: skip


def apply_rectification(field: str) -> str:
    """Make a corrected value the golden one (the field name is checked against RECTIFIABLE)."""
    if field not in RECTIFIABLE:
        raise ValueError(field)
    return f"UPDATE leads SET {field} = ? WHERE lead_id = ?"  # noqa: S608


# Golden records are recomputed by dedupe; corrections are applied again afterwards.
REAPPLY_RECTIFICATIONS = [
    f"""UPDATE leads SET {f} = r.value FROM (
        SELECT lead_id, arg_max(value, rectified_at) AS value FROM rectifications
        WHERE field = '{f}' GROUP BY lead_id) r
    WHERE leads.lead_id = r.lead_id"""  # noqa: S608
    for f in RECTIFIABLE
]

# Erasure: the person's leads (with the merged-away ids that point at them) and sightings.
SELECT_ERASURE_LEADS = """
SELECT lead_id FROM leads
WHERE lead_id IN (SELECT lead_id FROM incoming_erase)
   OR merged_into IN (SELECT lead_id FROM incoming_erase)
"""
SELECT_ERASURE_SIGHTINGS = """
SELECT sighting_id FROM sightings WHERE lead_id IN (SELECT lead_id FROM erase_leads)
"""
MOVE_ERASED_DISCLOSURES = """
INSERT INTO erased_disclosures
SELECT $request_id, export_id, recipient_id, disclosed_at FROM disclosures
WHERE lead_id IN (SELECT lead_id FROM erase_leads)
"""
ERASE_STATEMENTS = (
    "DELETE FROM consent_answers WHERE sighting_id IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM sighting_keys WHERE sighting_id IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM match_links WHERE sighting_a IN (SELECT sighting_id FROM erase_sightings) "
    "OR sighting_b IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM match_overrides WHERE sighting_a IN (SELECT sighting_id FROM erase_sightings) "
    "OR sighting_b IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM review_pairs WHERE sighting_a IN (SELECT sighting_id FROM erase_sightings) "
    "OR sighting_b IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM lead_merges WHERE from_lead IN (SELECT lead_id FROM erase_leads) "
    "OR into_lead IN (SELECT lead_id FROM erase_leads)",
    "DELETE FROM notices WHERE lead_id IN (SELECT lead_id FROM erase_leads)",
    "DELETE FROM restrictions WHERE lead_id IN (SELECT lead_id FROM erase_leads)",
    "DELETE FROM rectifications WHERE lead_id IN (SELECT lead_id FROM erase_leads)",
    "DELETE FROM disclosures WHERE lead_id IN (SELECT lead_id FROM erase_leads)",
    "DELETE FROM sightings WHERE sighting_id IN (SELECT sighting_id FROM erase_sightings)",
    "DELETE FROM leads WHERE lead_id IN (SELECT lead_id FROM erase_leads)",
)
SELECT_ERASED_RECIPIENTS = """
SELECT r.name AS recipient, r.role, r.country, min(e.disclosed_at) AS first_disclosed_at,
       max(e.disclosed_at) AS last_disclosed_at
FROM erased_disclosures e JOIN recipients r USING (recipient_id)
WHERE e.request_id = ? GROUP BY r.name, r.role, r.country ORDER BY r.name
"""
CURRENT_DATABASE = "SELECT current_database()"

# Rows of an incoming batch that belong to someone erased or objecting: they are not stored.
# An address-level entry (an address the person shared with others) keeps that address from
# being mailed, not the others' rows from being stored.
COUNT_BLOCKING_ENTRIES = """
SELECT count(*) FROM suppressions
WHERE lifted_at IS NULL AND reason IN ('erasure', 'objection') AND origin = 'request'
  AND NOT address_level
"""


def select_blocked_rows(columns: tuple[str, ...]) -> str:
    """Rows of "incoming_sightings" whose address or number is on an erasure or objection
    entry; only the identifier columns the batch has are probed."""
    kinds = {"email_key": "email", "phone": "phone", "mobile": "phone"}
    probes = [
        f"SELECT row_number, '{kind}' AS key_kind, lg_hmac({column}) AS key_hash "  # noqa: S608
        f"FROM incoming_sightings WHERE {column} IS NOT NULL"
        for column, kind in kinds.items()
        if column in columns
    ]
    if not probes:
        probes = ["SELECT NULL AS row_number, NULL AS key_kind, NULL::BLOB AS key_hash WHERE false"]
    return f"""
WITH blocking AS (
    SELECT k.key_kind, k.key_hash, min(s.request_id) AS request_id, min(s.entry_id) AS entry_id
    FROM suppressions s JOIN suppression_keys k USING (entry_id)
    WHERE s.lifted_at IS NULL AND s.reason IN ('erasure', 'objection') AND s.origin = 'request'
      AND NOT s.address_level
    GROUP BY k.key_kind, k.key_hash
),
probe AS ({" UNION ALL ".join(probes)})
SELECT p.row_number, min(b.request_id) AS request_id, min(b.entry_id) AS entry_id
FROM probe p JOIN blocking b USING (key_kind, key_hash)
GROUP BY p.row_number
"""  # noqa: S608 - fixed fragments


def insert_withheld_keys(columns: tuple[str, ...]) -> str:
    """The other addresses and numbers on a withheld row join the erasure entry that caught it
    (as keyed hashes), so a later row with only those is caught too ("incoming_withheld":
    the rows with their entry_id)."""
    kinds = {"email_key": "email", "phone": "phone", "mobile": "phone"}
    parts = [
        f"SELECT entry_id, '{kind}' AS key_kind, lg_hmac({column}) AS key_hash, "  # noqa: S608
        f"NULL::BLOB AS vendor_hash FROM incoming_withheld "
        f"WHERE {column} IS NOT NULL"
        for column, kind in kinds.items()
        if column in columns
    ]
    return (
        "INSERT INTO suppression_keys SELECT n.* FROM ("  # noqa: S608 - fixed fragments
        + " UNION ".join(parts)
        + ") n "
        "WHERE NOT EXISTS (SELECT 1 FROM suppression_keys k WHERE k.entry_id = n.entry_id "
        "AND k.key_hash = n.key_hash)"
    )


# -- audit trail -------------------------------------------------------------------------------
SELECT_AUDIT_HEAD = "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1"
INSERT_AUDIT_EVENT = "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?)"
SELECT_AUDIT_EVENTS = """
SELECT seq, happened_at AS at, who, action, details, prev_hash, hash FROM audit_events
WHERE $since IS NULL OR happened_at >= $since
ORDER BY seq
"""
SELECT_AUDIT_CHAIN = """
SELECT seq, happened_at, who, action, details, prev_hash, hash FROM audit_events
"""

# -- retention ---------------------------------------------------------------------------------
# A lead's delete-by date: the latest of (acquisition + its basis's retention) over its sightings.
_DELETE_BY = """
SELECT s.lead_id, max(s.acquired_on) AS last_acquired_on,
       max(CAST(s.acquired_on + to_months(b.retention_months) AS DATE)) AS delete_by
FROM sightings s JOIN bases b ON b.basis_id = s.basis_id
WHERE s.lead_id IS NOT NULL
GROUP BY s.lead_id
"""
SELECT_EXPIRED_LEADS = f"""
WITH held AS ({_DELETE_BY})
SELECT h.lead_id, h.last_acquired_on, h.delete_by,
       EXISTS (SELECT 1 FROM restrictions r WHERE r.lead_id = h.lead_id AND r.lifted_at IS NULL)
           AS restricted
FROM held h JOIN leads l USING (lead_id)
WHERE l.status = 'active' AND h.delete_by < $today
ORDER BY h.delete_by, h.lead_id
"""  # noqa: S608 - fixed fragments
SELECT_LEAD_DELETE_BY = f"""
WITH held AS ({_DELETE_BY})
SELECT delete_by FROM held WHERE lead_id = ?
"""  # noqa: S608 - fixed fragments
# Rows that never became a lead (quarantined) expire on their own acquisition date.
SELECT_EXPIRED_LOOSE_SIGHTINGS = """
SELECT s.sighting_id FROM sightings s JOIN bases b ON b.basis_id = s.basis_id
WHERE s.lead_id IS NULL AND CAST(s.acquired_on + to_months(b.retention_months) AS DATE) < $today
"""


# -- views for analysts (Ledger.sql) ----------------------------------------------------------
# Temporary views defined on every connection: the documented, stable shapes to query.
ANALYST_VIEWS = {
    "sighting_sources": """
        SELECT s.sighting_id, s.lead_id, s.status, s.reason, s.acquired_on,
               src.name AS source, src.kind AS source_kind, s.publicly_accessible,
               bas.name AS basis, b.file_name, s.row_number, s.country
        FROM sightings s JOIN batches b USING (batch_id)
        JOIN sources src ON src.source_id = s.source_id
        JOIN bases bas ON bas.basis_id = s.basis_id""",
    "active_leads": "SELECT * FROM leads WHERE status = 'active'",
    "suppression_entries": """
        SELECT entry_id, kind, channel, scope, reason, address_level, origin, effective_on,
               expires_on, registry, lifted_at IS NULL AS active
        FROM suppressions""",
    "disclosure_log": """
        SELECT d.lead_id, r.name AS recipient, r.role, d.disclosed_at, e.channel, e.format,
               e.export_id
        FROM disclosures d JOIN exports e USING (export_id)
        JOIN recipients r ON r.recipient_id = d.recipient_id""",
}


def create_view(name: str) -> str:
    """The statement that defines one analyst view on this connection."""
    return f"CREATE OR REPLACE TEMP VIEW {name} AS {ANALYST_VIEWS[name]}"  # noqa: S608
