"""Every SQL statement leadguard runs, as a named constant with bound parameters."""

# -- schema ----------------------------------------------------------------------------------
MIGRATIONS_TABLE_EXISTS = """
SELECT count(*) > 0 FROM information_schema.tables WHERE table_name = 'schema_migrations'
"""
CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL
)
"""
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
INSERT INTO bases VALUES (nextval('seq_basis'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING basis_id
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
INSERT INTO sources VALUES (nextval('seq_source'), ?, ?, ?, ?, ?, ?, ?, ?, ?)
RETURNING source_id
"""
UPDATE_SOURCE = """
UPDATE sources SET kind = ?, publicly_accessible = ?, supplier = ?, contract_ref = ?, url = ?,
    default_acquired_on = ?
WHERE source_id = ?
"""

# -- batches and sightings -------------------------------------------------------------------
SELECT_BATCH_BY_SHA = "SELECT batch_id, file_name FROM batches WHERE sha256 = ?"
INSERT_BATCH = """
INSERT INTO batches VALUES (
    nextval('seq_batch'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
) RETURNING batch_id
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
    "email", "email_key", "email_domain", "email_role", "email_reason",
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
        f"SELECT nextval('seq_sighting'), $batch_id, $source_id, $basis_id, {values} "
        # No ORDER BY: the prepared rows are in file order already, and sorting would
        # materialise the whole batch inside DuckDB as well.
        "FROM incoming_sightings"
    )


INSERT_CONSENTS = """
INSERT INTO consent_answers
SELECT s.sighting_id, s.batch_id, c.row_number, c.question, c.answer, c.consent, c.channel,
       CAST(c.answered_on AS DATE)
FROM incoming_consents c JOIN sightings s ON s.batch_id = $batch_id AND s.row_number = c.row_number
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
       s.country
FROM sightings s
WHERE s.status = 'ok'
ORDER BY s.sighting_id
"""
SELECT_OVERRIDES = "SELECT kind, sighting_a, sighting_b FROM match_overrides"
NEXT_LEAD_ID = "SELECT coalesce(max(lead_id), 0) + 1 FROM leads"
NEXT_DEDUPE_RUN = "SELECT nextval('seq_dedupe_run')"
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
