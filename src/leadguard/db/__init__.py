"""The ledger's storage: the only package that speaks SQL.

``Store`` wraps one DuckDB connection (an embedded file by default). Schema changes are numbered
migrations in ``migrations/`` applied in order and recorded in ``schema_migrations``, so a ledger
written by an older leadguard opens in a newer one. Statements live in ``queries.py`` as named
constants with bound parameters; DataFrames are attached with ``register``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
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
        self._connect = _Connector(":memory:", {}, False, None)
        self.read_only = False
        """True for a store opened for reading only (reports, lookups)."""

    @classmethod
    def open(
        cls,
        target: str | Path,
        *,
        tracer: Tracer | None = None,
        memory_limit: str = "1GB",
        read_only: bool = False,
        lock_timeout: float | None = None,
        encryption_key: str | None = None,
    ) -> Store:
        """Open (creating on first use) the ledger at ``target`` and bring its schema up to date.

        A ledger another process is writing is waited for up to ``lock_timeout`` seconds
        (default: LEADGUARD_LOCK_TIMEOUT, else 0), then refused with a clear error. Read-only
        stores (reports, lookups) do not block one another. With ``encryption_key`` (default:
        LEADGUARD_DB_KEY) the file is encrypted at rest with DuckDB's database encryption.
        """
        path = str(target)
        if read_only and (path == ":memory:" or not Path(path).exists()):
            read_only = False  # nothing to read yet: create it
        timeout = lock_timeout if lock_timeout is not None else _env_timeout()
        deadline = time.monotonic() + timeout
        config: dict[str, str | bool | int | float | list[str]] = {
            # DuckDB would use up to 80% of RAM as cache; a ledger import holds its batch in
            # pandas as well, so the engine gets a bounded share and spills beyond it.
            # Insertion order is not kept: every read states its ORDER BY, and keeping it
            # doubles the time of a large insert. leadguard shows its own progress bars.
            "memory_limit": memory_limit,
            "preserve_insertion_order": False,
        }
        key = encryption_key if encryption_key is not None else os.environ.get(ENV_DB_KEY)
        connect = _Connector(path, config, read_only, key or None)
        while True:
            try:
                con = connect()
                break
            except duckdb.IOException as error:
                if "lock" not in str(error).lower():
                    raise LedgerError(f"{path}: cannot open the ledger ({error})") from error
                if time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                waited = f" (waited {timeout:g} s)" if timeout else ""
                raise LedgerError(
                    f"{path}: the ledger is in use by another process{waited}; wait for it to "
                    "finish, or set LEADGUARD_LOCK_TIMEOUT=SECONDS to wait for it"
                ) from error
            except duckdb.Error as error:
                raise LedgerError(_open_problem(path, error, encrypted=bool(key))) from error
        store = cls(con, tracer=tracer)
        store._connect = connect
        store.read_only = read_only
        if read_only:
            if store.schema_version() < SCHEMA_VERSION:
                con.close()
                raise LedgerError(
                    f"{path}: the ledger was written by an older leadguard; run a command that "
                    "writes (leadguard init) once to bring it up to date"
                )
        else:
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

    def query(self, sql: str) -> pd.DataFrame:
        """Run a user's read-only query (SELECT statements only) and return its rows."""
        try:
            statements = self._con.extract_statements(sql)
        except duckdb.Error as error:
            raise LedgerError(
                f"the query is not valid SQL ({str(error).splitlines()[0]})"
            ) from None
        if not statements or any(st.type != duckdb.StatementType.SELECT for st in statements):
            raise LedgerError(
                "only SELECT queries can be run with sql(): the ledger is read-only here"
            )
        for name in q.ANALYST_VIEWS:
            self._con.execute(q.create_view(name))
        try:
            return self._con.execute(sql).df()
        except duckdb.Error as error:
            raise LedgerError(f"the query failed: {str(error).splitlines()[0]}") from None

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
        fresh_name = _sql_text(str(fresh))
        options = self._connect.attach_options()
        self._con.execute(f"ATTACH '{fresh_name}' AS leadguard_rewrite{options}")
        try:
            self._con.execute(f'COPY FROM DATABASE "{row[0]}" TO leadguard_rewrite')
        finally:
            self._con.execute("DETACH leadguard_rewrite")
        self._con.close()
        with open(fresh, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(fresh, target)
        Path(f"{target}.wal").unlink(missing_ok=True)
        _fsync_dir(target.parent)
        self._con = self._connect()

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


ENV_DB_KEY = "LEADGUARD_DB_KEY"
"""Environment variable with the key of an encrypted ledger file."""


class _Connector:
    """How this store (re)connects: a plain file, or an encrypted one attached with its key."""

    def __init__(
        self,
        path: str,
        config: dict[str, str | bool | int | float | list[str]],
        read_only: bool,
        key: str | None,
    ) -> None:
        self.path, self.config, self.read_only = path, config, read_only
        self.key = key if path != ":memory:" else None

    def attach_options(self) -> str:
        """ATTACH options giving a new file the same encryption."""
        return f" (ENCRYPTION_KEY '{_sql_text(self.key)}')" if self.key else ""

    def __call__(self) -> duckdb.DuckDBPyConnection:
        if self.key is None:
            con = duckdb.connect(self.path, read_only=self.read_only, config=self.config)
        else:
            con = duckdb.connect(":memory:", config=self.config)
            try:
                con.execute(f"LOAD '{_sql_text(_httpfs_extension())}'")
                options = f"ENCRYPTION_KEY '{_sql_text(self.key)}'"
                if self.read_only:
                    options += ", READ_ONLY"
                con.execute(f"ATTACH '{_sql_text(self.path)}' AS ledger ({options})")
                con.execute("USE ledger")
            except BaseException:
                con.close()
                raise
        # DuckDB's own bar stays off (leadguard shows its own). In a Jupyter kernel without
        # ipywidgets DuckDB refuses to touch the setting at all; it is off there anyway.
        with contextlib.suppress(duckdb.InvalidInputException):
            con.execute("SET enable_progress_bar = false")
        return con


def _httpfs_extension() -> str:
    """The signed httpfs extension shipped as a Python package (writing encrypted files needs
    it), loaded from disk with DuckDB's signature check left on."""
    import importlib.util

    spec = importlib.util.find_spec("duckdb_extension_httpfs")
    if spec is None or not spec.submodule_search_locations:
        raise LedgerError(
            "an encrypted ledger needs the package duckdb-extension-httpfs matching duckdb "
            f"{duckdb.__version__}: pip install 'leadguard[encryption]'"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob(f"extensions/v{duckdb.__version__}/httpfs.duckdb_extension"))
    if not found:
        raise LedgerError(
            f"duckdb-extension-httpfs does not match duckdb {duckdb.__version__}: install the "
            "same version of both (pip install 'leadguard[encryption]')"
        )
    return str(found[0])


def _open_problem(path: str, error: Exception, *, encrypted: bool) -> str:
    """What to tell the user when DuckDB refuses a ledger file (never the key)."""
    text = str(error)
    if "Wrong encryption key" in text:
        return f"{path}: the ledger cannot be opened with this LEADGUARD_DB_KEY (wrong key)"
    if "without a key" in text or ("encrypt" in text.lower() and not encrypted):
        return f"{path}: the ledger is encrypted: set LEADGUARD_DB_KEY to its key"
    if isinstance(error, duckdb.ConnectionException):
        return (
            f"{path}: the ledger is already open in this process with other settings "
            "(read-only or not); close that Ledger first"
        )
    if encrypted:
        return f"{path}: cannot open the ledger with LEADGUARD_DB_KEY ({type(error).__name__})"
    return f"{path}: not a leadguard ledger or damaged ({type(error).__name__})"


def _env_timeout() -> float:
    """LEADGUARD_LOCK_TIMEOUT in seconds (0 when unset or unreadable)."""
    try:
        return max(float(os.environ.get("LEADGUARD_LOCK_TIMEOUT", "0") or 0), 0.0)
    except ValueError:
        return 0.0


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
