"""The ledger's storage: the only package that speaks SQL.

``Store`` wraps one DuckDB connection (an embedded file by default). Schema changes are numbered
migrations in ``migrations/`` applied in order and recorded in ``schema_migrations``, so a ledger
written by an older leadguard opens in a newer one. Statements live in ``queries.py`` as named
constants with bound parameters; DataFrames are attached with ``register``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from leadguard.db import queries as q
from leadguard.errors import LedgerError, SchemaVersionError

__all__ = ["SCHEMA_VERSION", "Store", "utcnow"]

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def _migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every shipped migration, in order."""
    found = []
    for entry in resources.files("leadguard.db.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = _migrations()[-1][0]
"""The schema version this leadguard writes."""


def utcnow() -> datetime:
    """The current time in UTC, without tzinfo (the ledger stores UTC TIMESTAMPs)."""
    return datetime.now(UTC).replace(tzinfo=None)


Params = Sequence[Any] | Mapping[str, Any] | None
"""Bound parameters: positional (``?``) or named (``$name``)."""

Tracer = Callable[[str, Params], None]


class Store:
    """One open ledger database: statements, transactions, DataFrames in and out."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, tracer: Tracer | None = None) -> None:
        self._con = con
        self._tracer = tracer
        self._depth = 0
        self._memory_limit = "1GB"

    @classmethod
    def open(
        cls, target: str | Path, *, tracer: Tracer | None = None, memory_limit: str = "1GB"
    ) -> Store:
        """Open (creating on first use) the ledger at ``target`` and bring its schema up to date."""
        path = str(target)
        try:
            # DuckDB would use up to 80% of RAM as cache; a ledger import holds its batch in
            # pandas as well, so the engine gets a bounded share and spills beyond it.
            # Insertion order is not kept: every read states its ORDER BY, and keeping it
            # doubles the time of a large insert. leadguard shows its own progress bars.
            con = duckdb.connect(
                path,
                config={"memory_limit": memory_limit, "preserve_insertion_order": False},
            )
            con.execute("SET enable_progress_bar = false")
        except duckdb.IOException as error:
            if "lock" in str(error).lower():
                raise LedgerError(
                    f"{path}: the ledger is in use by another process; wait for it to finish"
                ) from error
            raise LedgerError(f"{path}: cannot open the ledger ({error})") from error
        except duckdb.Error as error:
            raise LedgerError(
                f"{path}: not a leadguard ledger or damaged ({type(error).__name__})"
            ) from error
        store = cls(con, tracer=tracer)
        store._memory_limit = memory_limit
        store.migrate(path)
        return store

    # -- statements ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = None) -> None:
        """Run one statement with bound parameters."""
        if self._tracer is not None:
            self._tracer(sql, params)
        self._con.execute(sql, params)

    def fetch_all(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        """Rows of a query as tuples."""
        if self._tracer is not None:
            self._tracer(sql, params)
        return self._con.execute(sql, params).fetchall()

    def fetch_one(self, sql: str, params: Params = None) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        if self._tracer is not None:
            self._tracer(sql, params)
        return self._con.execute(sql, params).fetchone()

    def fetch_df(self, sql: str, params: Params = None) -> pd.DataFrame:
        """A query's result as a pandas DataFrame."""
        if self._tracer is not None:
            self._tracer(sql, params)
        return self._con.execute(sql, params).df()

    @contextmanager
    def registered(self, name: str, frame: pd.DataFrame) -> Iterator[None]:
        """Make ``frame`` readable as the view ``name`` for the duration of the block."""
        self._con.register(name, frame)
        try:
            yield
        finally:
            self._con.unregister(name)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the block's statements commit together or not at all (nestable)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._con.execute("ROLLBACK")
            raise
        self._depth = 0
        self.execute("COMMIT")

    def define_keyed_hash(self, inner_pad: bytes, outer_pad: bytes) -> None:
        """Define lg_hmac() on this connection only (a TEMP macro: the key never reaches the
        file). Not traced: the statement carries the key."""
        self._con.execute(q.create_hmac_macro(inner_pad, outer_pad))

    def rewrite(self, path: str) -> None:
        """Copy the database into a fresh file and put it in place of the old one.

        DuckDB leaves deleted values readable in freed blocks and in the WAL until they are
        reused; after an erasure only a rewritten file is free of them. The copy is made while
        this process holds the file, fsynced, and renamed over the original; no copy of the old
        file is left behind. Temporary objects (the keyed-hash macro) must be defined again.
        """
        if path == ":memory:" or self._depth:
            if self._depth:
                raise LedgerError("rewrite() cannot run inside a transaction")
            return
        target = Path(path)
        fresh = target.with_name(f".{target.name}.rewrite")
        for leftover in (fresh, Path(f"{fresh}.wal")):
            leftover.unlink(missing_ok=True)
        row = self._con.execute(q.CURRENT_DATABASE).fetchone()
        assert row is not None
        self._con.execute("CHECKPOINT")
        self._con.execute(f"ATTACH '{_sql_text(str(fresh))}' AS leadguard_rewrite")
        try:
            self._con.execute(f'COPY FROM DATABASE "{row[0]}" TO leadguard_rewrite')
        finally:
            self._con.execute("DETACH leadguard_rewrite")
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": self._memory_limit,
            "preserve_insertion_order": False,
        }
        self._con.close()
        with open(fresh, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(fresh, target)
        Path(f"{target}.wal").unlink(missing_ok=True)
        _fsync_dir(target.parent)
        self._con = duckdb.connect(str(target), config=config)
        self._con.execute("SET enable_progress_bar = false")

    def close(self) -> None:
        """Checkpoint and close the connection."""
        self._con.close()

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The highest migration applied to this ledger (0 for an empty file)."""
        exists = self.fetch_one(q.MIGRATIONS_TABLE_EXISTS)
        if not exists or not exists[0]:
            return 0
        row = self.fetch_one(q.SELECT_SCHEMA_VERSION)
        return int(row[0]) if row and row[0] is not None else 0

    def migrate(self, where: str) -> None:
        """Apply every migration newer than the ledger's version, each in its own transaction."""
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{where}: the ledger has schema version {current}, this leadguard knows up to "
                f"{SCHEMA_VERSION}; upgrade leadguard to open it"
            )
        self.execute(q.CREATE_MIGRATIONS_TABLE)
        for version, name, sql in _migrations():
            if version <= current:
                continue
            with self.transaction():
                for statement in _split_sql(sql):
                    self.execute(statement)
                self.execute(q.INSERT_MIGRATION, [version, name, utcnow()])
            log.info("ledger schema migrated to version %d (%s)", version, name)


def _sql_text(text: str) -> str:
    """A value inside single quotes in SQL (paths cannot be bound parameters in ATTACH)."""
    return text.replace("'", "''")


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file (comments removed, split on ';' at line ends)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
