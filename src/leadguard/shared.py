"""A shared ledger on PostgreSQL: moving a local ledger into it, and its least-privilege roles.

Everything else about a shared ledger is the same API as a file: ``leadguard.open(
"postgresql://user@host:port/dbname")``. This module adds what only a server has: ``migrate_ledger``
copies a DuckDB ledger file into an empty PostgreSQL database losslessly (ids, hashes, audit
chain), and ``grant_role`` gives a PostgreSQL login one of the roles in ``ROLES``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from leadguard.db import SCHEMA_VERSION, Store, display_target, is_postgres
from leadguard.db import queries as q
from leadguard.db.postgres import ROLES, grant_statements, run_admin
from leadguard.errors import ConfigError

__all__ = ["ROLES", "MigrationReport", "grant_role", "migrate_ledger", "vacuum_ledger"]


@dataclass(frozen=True)
class MigrationReport:
    """What ``migrate_ledger`` copied: rows per table, both sides counted after the copy."""

    source: str
    target: str
    schema_version: int
    rows: dict[str, int] = field(default_factory=dict)
    """Rows in each table of the target after the copy (equal to the source's)."""
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Tables whose counts differ (source, target): empty when the copy is lossless."""

    @property
    def lossless(self) -> bool:
        return not self.mismatches


def migrate_ledger(
    source: str | os.PathLike[str], target: str, *, encryption_key: str | None = None
) -> MigrationReport:
    """Copy the ledger file ``source`` into the empty PostgreSQL ledger ``target``.

    Lead ids, suppression hashes, disclosures and the audit chain move as they are, in one
    transaction. The suppression key moves with the people: every process that opens the
    shared ledger sets LEADGUARD_SECRET to the key the file used (its ``.key`` file's text).
    """
    path = str(source)
    if not is_postgres(target):
        raise ConfigError(
            f"--to {target!r}: the target of a migration is a PostgreSQL URL "
            "(postgresql://user@host:port/dbname)"
        )
    if is_postgres(path) or path == ":memory:" or not os.path.exists(path):
        raise ConfigError(f"--from {path!r}: give the path of an existing ledger file")
    key = encryption_key if encryption_key is not None else os.environ.get("LEADGUARD_DB_KEY")
    store = Store.open(target)
    try:
        copied = store.copy_ledger_file(path, key or None)
    finally:
        store.close()
    return MigrationReport(
        source=path,
        target=display_target(target),
        schema_version=SCHEMA_VERSION,
        rows={table: after for table, (_, after) in copied.items()},
        mismatches={table: pair for table, pair in copied.items() if pair[0] != pair[1]},
    )


def grant_role(target: str, role: str, login: str) -> list[str]:
    """Give the PostgreSQL login ``login`` the leadguard role ``role`` (see ``ROLES``).

    Run it as the ledger's owner. Creates the group role ``leadguard_<role>`` (and the login,
    without a password, when it does not exist yet) and returns the statements it ran.
    """
    if not is_postgres(target):
        raise ConfigError("roles exist on a shared ledger only: --db postgresql://…")
    store = Store.open(target)  # the schema exists before privileges are given on it
    try:
        columns = [str(r[0]) for r in store.fetch_all(q.TABLE_COLUMNS, ["sightings"])]
    finally:
        store.close()
    grants = grant_statements(role, login, columns)  # checks role and login name
    create_login = (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') "  # noqa: S608
        f"THEN CREATE ROLE {login} LOGIN; END IF; END $$"
    )
    statements = [create_login, *grants]
    run_admin(target, statements, display_target(target))
    return statements


def vacuum_ledger(target: str) -> tuple[str, ...]:
    """Rewrite every table of a shared ledger (VACUUM FULL), as its owner: what an erasure or
    purge by a role that does not own the tables left in their files is gone afterwards.
    Returns the tables that could still not be rewritten (empty when all were)."""
    if not is_postgres(target):
        raise ConfigError("db vacuum is for a shared ledger: --db postgresql://…")
    store = Store.open(target)
    try:
        store.rewrite(target)
        return store.not_rewritten
    finally:
        store.close()
