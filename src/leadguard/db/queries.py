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
