"""A shared ledger on PostgreSQL, attached through DuckDB's postgres extension.

DuckDB stays the engine, so the ledger's SQL is the same on a file and on a server. The
extension cannot create sequences, hold a lock across transactions or manage roles; those few
statements are PostgreSQL's own and live here: sequences and VACUUM go through the extension's
``postgres_execute``/``postgres_query`` on the ledger's connection, and advisory locks and roles
use a PostgreSQL driver (psycopg) directly, because they belong to a session of their own.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import weakref
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import duckdb

from leadguard.errors import ConfigError, LedgerError

__all__ = [
    "ROLES",
    "LockSession",
    "display_target",
    "extension_path",
    "first_line",
    "grant_statements",
    "is_postgres",
]

log = logging.getLogger(__name__)

_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: str) -> bool:
    """True for a PostgreSQL connection URL (``postgresql://user@host:port/dbname``)."""
    return target.lower().startswith(_SCHEMES)


def display_target(target: str) -> str:
    """The target as it may appear in messages and logs: a URL without its password."""
    if not is_postgres(target):
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def redact(text: str, target: str) -> str:
    """``text`` (a driver's error message, say) without the target's password in it."""
    if not is_postgres(target):
        return text
    password = urlsplit(target).password
    return text.replace(password, "***") if password else text


def extension_path() -> str:
    """The signed postgres extension shipped as a Python package, for LOAD from disk."""
    spec = importlib.util.find_spec("duckdb_extension_postgres_scanner")
    hint = "pip install 'leadguard[postgres]'"
    if spec is None or not spec.submodule_search_locations:
        raise LedgerError(
            "a PostgreSQL ledger needs the package duckdb-extension-postgres-scanner matching "
            f"duckdb {duckdb.__version__}: {hint}"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(
        folder.glob(f"extensions/v{duckdb.__version__}/postgres_scanner.duckdb_extension")
    )
    if not found:
        raise LedgerError(
            f"duckdb-extension-postgres-scanner does not match duckdb {duckdb.__version__}: "
            f"install the same version of both ({hint})"
        )
    return str(found[0])


def _psycopg() -> ModuleType:
    try:
        import psycopg
    except ImportError as error:  # pragma: no cover - the postgres extra installs it
        raise LedgerError(
            "a PostgreSQL ledger needs psycopg for its locks: pip install 'leadguard[postgres]'"
        ) from error
    return psycopg


class LockSession:
    """Advisory locks on a session of their own (the extension pools its connections, so a
    session-level lock taken through it could not be released reliably)."""

    def __init__(self, dsn: str, where: str) -> None:
        self._dsn, self._where = dsn, where
        self._con: Any = None
        self._timeout_ms: int | None = None  # the session's lock_timeout, once set

    def _connection(self) -> Any:
        if self._con is None:
            psycopg = _psycopg()
            try:
                self._con = psycopg.connect(self._dsn, autocommit=True)
            except psycopg.Error as error:
                problem = redact(first_line(error), self._dsn)
                raise LedgerError(
                    f"{self._where}: cannot open a lock session ({problem})"
                ) from None
            # A Ledger dropped without close() still ends its session (and frees its locks).
            weakref.finalize(self, self._con.close)
        return self._con

    def acquire(self, name: str, timeout: float | None) -> None:
        """Wait for the named lock (up to ``timeout`` seconds; None waits as long as it takes)."""
        con = self._connection()
        psycopg = _psycopg()
        millis = 0 if timeout is None else max(int(timeout * 1000), 1)
        try:
            if millis != self._timeout_ms:  # one round trip fewer per write transaction
                con.execute(f"SET lock_timeout = {millis}")
                self._timeout_ms = millis
            con.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", [_lock_name(name)])
        except psycopg.errors.LockNotAvailable:
            raise LedgerError(
                f"{self._where}: the ledger is busy ({name}) and stayed busy for {timeout:g} s; "
                "try again, or raise LEADGUARD_LOCK_TIMEOUT"
            ) from None
        except psycopg.Error as error:
            raise LedgerError(
                f"{self._where}: the lock session failed ({redact(first_line(error), self._dsn)})"
            ) from None

    def release(self, name: str) -> None:
        """Give the named lock back (a lost session has given it back already)."""
        if self._con is not None and not self._con.closed:
            try:
                self._con.execute(
                    "SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [_lock_name(name)]
                )
            except _psycopg().Error:
                log.warning(
                    "%s: the lock session was lost; PostgreSQL freed its locks", self._where
                )

    def vacuum_full(self, tables: list[str]) -> list[str]:
        """Rewrite the tables into new relation files (VACUUM cannot run inside the
        transaction the extension wraps every statement in, so it runs on this session).
        Returns the tables PostgreSQL skipped: only a table's owner may VACUUM it."""
        con = self._connection()
        notices: list[str] = []

        def collect(diagnostic: Any) -> None:
            notices.append(str(getattr(diagnostic, "message_primary", "") or ""))

        con.add_notice_handler(collect)
        skipped = []
        try:
            for table in tables:
                if not re.fullmatch(r"[a-z_][a-z0-9_]*", table):
                    raise ValueError(f"not a table name: {table!r}")
                notices.clear()
                con.execute(f"VACUUM FULL {table}")
                if any("skipping" in n for n in notices):
                    skipped.append(table)
            try:
                con.execute("CHECKPOINT")  # lets the old WAL segments be recycled sooner
            except _psycopg().Error:
                pass  # needs pg_checkpoint or superuser; the WAL is recycled on schedule
        finally:
            con.remove_notice_handler(collect)
        return skipped

    def close(self) -> None:
        """End the session (PostgreSQL frees any lock it still held)."""
        if self._con is not None:
            self._con.close()
            self._con = None
            self._timeout_ms = None


def _lock_name(name: str) -> str:
    return f"leadguard.{name}"


def first_line(error: BaseException) -> str:
    """The first line of an error's message (a driver's messages go on with detail and SQL)."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# -- roles ------------------------------------------------------------------------------------

_PERSONAL_SIGHTING_COLUMNS = re.compile(r"^raw_")

ROLES: dict[str, str] = {
    "pipeline": "imports lists (ingest), runs dedupe and imports suppression files",
    "analyst": "reads leads and reports, screens, runs dry runs and exports through the gate",
    "officer": "answers requests (access, erasure, objection, restriction, rectification), "
    "lifts suppressions, purges, reads everything",
}
"""The roles ``leadguard db grant`` creates, with what each may do."""

# Tables each role may add to and update; every role reads what its work needs.
_ALL_TABLES = (
    "schema_migrations", "bases", "sources", "batches", "sightings", "consent_answers",
    "leads", "dedupe_runs", "lead_merges", "match_overrides", "match_links", "ledger_settings",
    "sighting_keys", "suppressions", "suppression_keys", "suppression_imports",
    "suppression_rejects", "registries", "recipients", "channel_rules", "notices",
    "restrictions", "exports", "disclosures", "requests", "rectifications",
    "erased_disclosures", "audit_events", "review_pairs",
    "suppression_identities", "suppression_links", "suppression_unlinks",
    "channel_rule_confirmations",
)  # fmt: skip
_APPEND_AUDIT = ("audit_events",)
_WRITES: dict[str, tuple[str, ...]] = {
    "pipeline": (
        "batches", "sightings", "consent_answers", "sighting_keys", "leads", "dedupe_runs",
        "lead_merges", "match_links", "suppressions", "suppression_keys", "suppression_imports",
        "suppression_rejects", "registries", "ledger_settings", "review_pairs",
        "suppression_identities", "suppression_links",
    ),
    "analyst": ("exports", "disclosures", "notices", "ledger_settings"),
    "officer": tuple(t for t in _ALL_TABLES if t not in ("schema_migrations", "audit_events")),
}  # fmt: skip
# Tables each role may delete from. Removing people (erasure, purge) is the officer's alone;
# a pipeline replaces a do-not-call registry's screening, and every role moves the audit head.
_DELETES: dict[str, tuple[str, ...]] = {
    "pipeline": ("suppressions", "suppression_keys", "ledger_settings"),
    "analyst": ("ledger_settings",),
    "officer": _WRITES["officer"],
}
# Tables an analyst never reads: who asked what (requests, rectifications), evidence of erased
# people's disclosures, the sealed names of suppression rows; of sightings not the raw cells, of
# consent answers not the verbatim question and answer, only what the gate checks (column grants
# below).
_ANALYST_HIDDEN = (
    "requests", "rectifications", "erased_disclosures", "suppression_identities",
)  # fmt: skip
_ANALYST_CONSENT_COLUMNS = (
    "sighting_id",
    "batch_id",
    "row_number",
    "consent",
    "channel",
    "answered_on",
)


def grant_statements(
    role: str, login: str, sighting_columns: list[str], prefix: str = "leadguard"
) -> list[str]:
    """The PostgreSQL statements that give ``login`` the leadguard ``role`` (idempotent)."""
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", login):
        raise ConfigError(
            f"{login!r} is not a plain PostgreSQL role name (lower-case letters, digits, _)"
        )
    group = f"{prefix}_{role}"
    create = (  # names checked above
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') "  # noqa: S608
        f"THEN CREATE ROLE {group} NOLOGIN; END IF; END $$"
    )
    statements = [
        create,
        f"GRANT USAGE ON SCHEMA public TO {group}",
        f"REVOKE ALL ON {', '.join(_ALL_TABLES)} FROM {group}",
    ]
    if role == "analyst":
        partial = ("sightings", "consent_answers")
        readable = [t for t in _ALL_TABLES if t not in (*_ANALYST_HIDDEN, *partial)]
        visible = [c for c in sighting_columns if not _PERSONAL_SIGHTING_COLUMNS.match(c)]
        statements.append(f"GRANT SELECT ({', '.join(visible)}) ON sightings TO {group}")
        consent = ", ".join(_ANALYST_CONSENT_COLUMNS)
        statements.append(f"GRANT SELECT ({consent}) ON consent_answers TO {group}")
    else:
        readable = list(_ALL_TABLES)
    statements.append(f"GRANT SELECT ON {', '.join(readable)} TO {group}")
    statements.append(f"GRANT INSERT, UPDATE ON {', '.join(_WRITES[role])} TO {group}")
    statements.append(f"GRANT DELETE ON {', '.join(_DELETES[role])} TO {group}")
    statements.append(f"GRANT INSERT ON {', '.join(_APPEND_AUDIT)} TO {group}")
    statements.append(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {group}")
    statements.append(f"GRANT {group} TO {login}")
    return statements


def run_admin(dsn: str, statements: list[str], where: str) -> None:
    """Run statements as the connecting (administrating) role, in one transaction."""
    psycopg = _psycopg()
    try:
        with psycopg.connect(dsn) as con, con.transaction():
            for statement in statements:
                con.execute(statement)
    except psycopg.Error as error:
        raise LedgerError(f"{where}: {redact(first_line(error), dsn)}") from None
