"""The ledger's storage: the only package that speaks SQL.

``Store`` wraps one DuckDB connection: to an embedded file by default, or to a shared PostgreSQL
database attached through DuckDB's postgres extension (``postgres.py``), so the SQL is the same
on both. Schema changes are numbered migrations in ``migrations/`` applied in order and recorded
in ``schema_migrations``, so a ledger written by an older leadguard opens in a newer one.
Statements live in ``queries.py`` as named constants with bound parameters; DataFrames are
attached with ``register``.
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
from typing import Any, TypeVar

import duckdb
import numpy as np
import pandas as pd

from leadguard.db import queries as q
from leadguard.db.postgres import (
    LockSession,
    display_target,
    extension_path,
    first_line,
    is_postgres,
    redact,
)
from leadguard.errors import LedgerError, SchemaVersionError

__all__ = ["SCHEMA_VERSION", "Store", "display_target", "is_postgres", "utcnow"]

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_CREATE_SEQUENCE = re.compile(r"^CREATE SEQUENCE\s+(\w+)", re.IGNORECASE)
WRITE_LOCK = "write"
"""The advisory lock every write transaction on a shared ledger holds (see Store.transaction)."""


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
_T = TypeVar("_T")


class Store:
    """One open ledger database: statements, transactions, DataFrames in and out."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, tracer: Tracer | None = None) -> None:
        self._con = con
        self._tracer = tracer
        self._depth = 0
        self._connect: _Connector | _PgConnector = _Connector(":memory:", {}, False, None)
        self._locks: LockSession | None = None
        self._lock_timeout: float | None = None
        self.read_only = False
        """True for a store opened for reading only (reports, lookups)."""
        self.backend = "duckdb"
        """'duckdb' for a ledger file, 'postgres' for a shared ledger on a PostgreSQL server."""
        self.not_rewritten: tuple[str, ...] = ()
        """Tables the last rewrite() could not rewrite (a shared ledger, a role not the owner)."""

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
        if is_postgres(path):
            return cls._open_postgres(
                path, tracer=tracer, memory_limit=memory_limit, read_only=read_only,
                lock_timeout=lock_timeout, encryption_key=encryption_key,
            )  # fmt: skip
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
        store._bring_up_to_date(path)
        return store

    @classmethod
    def _open_postgres(
        cls,
        dsn: str,
        *,
        tracer: Tracer | None,
        memory_limit: str,
        read_only: bool,
        lock_timeout: float | None,
        encryption_key: str | None,
    ) -> Store:
        """Attach a shared ledger on PostgreSQL (see ``postgres.py``)."""
        where = display_target(dsn)
        if encryption_key or os.environ.get(ENV_DB_KEY):
            raise LedgerError(
                f"{where}: LEADGUARD_DB_KEY encrypts ledger files; a PostgreSQL ledger is "
                "encrypted by its server (disk or tablespace encryption): unset it"
            )
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": memory_limit,
            "preserve_insertion_order": False,
        }
        connect = _PgConnector(dsn, config, read_only)
        try:
            con = connect()
        except duckdb.Error as error:
            problem = redact(first_line(error), dsn)
            raise LedgerError(f"{where}: cannot open the PostgreSQL ledger ({problem})") from None
        store = cls(con, tracer=tracer)
        store._connect = connect
        store.read_only = read_only
        store.backend = "postgres"
        store._lock_timeout = lock_timeout if lock_timeout is not None else _env_timeout(None)
        if not read_only:
            store._locks = LockSession(dsn, where)
        store._bring_up_to_date(where)
        return store

    def _bring_up_to_date(self, where: str) -> None:
        """Migrate a writable store; refuse a read-only one an older leadguard wrote. The
        connection is closed when this fails."""
        try:
            if not self.read_only:
                self.migrate(where)
            elif self.schema_version() < SCHEMA_VERSION:
                raise LedgerError(
                    f"{where}: the ledger was written by an older leadguard; run a command that "
                    "writes (leadguard init) once to bring it up to date"
                )
        except BaseException:
            self.close()
            raise

    # -- statements ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Params = None) -> None:
        """Run one statement with bound parameters."""
        self._run(sql, params, lambda result: None)

    def fetch_all(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        """Rows of a query as tuples."""
        return self._run(sql, params, duckdb.DuckDBPyConnection.fetchall)

    def fetch_one(self, sql: str, params: Params = None) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        return self._run(sql, params, duckdb.DuckDBPyConnection.fetchone)

    def fetch_df(self, sql: str, params: Params = None) -> pd.DataFrame:
        """A query's result as a pandas DataFrame."""
        return self._run(sql, params, duckdb.DuckDBPyConnection.df)

    def _run(
        self, sql: str, params: Params, fetch: Callable[[duckdb.DuckDBPyConnection], _T]
    ) -> _T:
        """Trace, run and fetch one statement; a shared ledger's refusal becomes one line."""
        if self._tracer is not None:
            self._tracer(sql, params)
        try:
            return fetch(self._con.execute(sql, params))
        except duckdb.Error as error:
            raise self._refused(error) from None

    def _refused(self, error: duckdb.Error) -> Exception:
        """A shared ledger's "permission denied" as a LedgerError naming the role's limit (the
        statement itself, which may carry values, is left out); anything else unchanged."""
        text = str(error)
        if self.backend != "postgres" or "permission denied" not in text:
            return error
        found = re.search(r"permission denied for (\w+ \w+)", text)
        what = found.group(1) if found else "this table"
        return LedgerError(
            f"{display_target(self._connect.path)}: your PostgreSQL role may not do this "
            f"(permission denied for {what}); see leadguard db roles, or ask the privacy officer"
        )

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
        # On a shared ledger, write transactions take turns: the audit chain, the settings and
        # the id counters are single sequences, and DuckDB reads PostgreSQL in REPEATABLE READ
        # (a snapshot at the first statement, taken after the lock). Work before the
        # transaction (reading, normalizing, hashing a file) runs in parallel.
        locks = self._locks
        if locks is not None:
            locks.acquire(WRITE_LOCK, self._lock_timeout)
        try:
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
        finally:
            if locks is not None:
                locks.release(WRITE_LOCK)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """One process at a time runs the block (a shared ledger's advisory lock); a ledger file
        already has a single writer, so there it is free."""
        if self._locks is None:
            yield
            return
        self._locks.acquire(name, self._lock_timeout)
        try:
            yield
        finally:
            self._locks.release(name)

    def new_ids(self, sequence: str, count: int = 1) -> np.ndarray:
        """``count`` fresh, increasing ids from the named sequence, reserved for the caller."""
        if count <= 0:
            return np.empty(0, dtype=np.int64)
        if self.backend == "postgres":
            with self.transaction():
                row = self.fetch_one(q.pg_reserve_ids(sequence, count))
            assert row is not None
            last = int(row[0])
        else:
            row = self.fetch_one(q.duckdb_reserve_ids(sequence), [count])
            assert row is not None
            last = int(row[0])
        return np.arange(last - count + 1, last + 1, dtype=np.int64)

    def new_id(self, sequence: str) -> int:
        """One fresh id from the named sequence."""
        return int(self.new_ids(sequence, 1)[0])

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
        if self._depth:
            raise LedgerError("rewrite() cannot run inside a transaction")
        if self.backend == "postgres":
            self._rewrite_postgres()
            return
        if path == ":memory:":
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

    def copy_ledger_file(
        self, path: str, encryption_key: str | None = None
    ) -> dict[str, tuple[int, int]]:
        """Copy every row of the ledger file at ``path`` into this (empty, migrated) ledger,
        with its sequences' positions, in one transaction; returns, per table, the rows in the
        file and the rows in this ledger afterwards.

        Both sides are at the same schema version, so tables and columns match by name; ids,
        hashes and the audit chain are copied as they are.
        """
        source = Store.open(path, read_only=True, encryption_key=encryption_key)
        try:
            version = source.schema_version()
        finally:
            source.close()
        if version != SCHEMA_VERSION:
            raise LedgerError(
                f"{path}: the ledger has schema version {version}; open it once with this "
                f"leadguard (leadguard --db {path} init) to bring it to {SCHEMA_VERSION} first"
            )
        options = ["READ_ONLY"]
        if encryption_key:
            options.append(f"ENCRYPTION_KEY '{_sql_text(encryption_key)}'")
        self._con.execute(f"ATTACH '{_sql_text(path)}' AS lg_source ({', '.join(options)})")
        copied: dict[str, tuple[int, int]] = {}
        try:
            tables = [str(r[0]) for r in self.fetch_all(q.LEDGER_TABLES)]
            with self.transaction():
                held = [t for t in q.USER_TABLES if t in tables and self.count_rows(t)]
                if held:
                    raise LedgerError(
                        "the target already holds a ledger (rows in "
                        f"{', '.join(held)}); migrate into an empty database"
                    )
                for table in tables:
                    if table == "schema_migrations":
                        continue
                    columns = [str(r[0]) for r in self.fetch_all(q.TABLE_COLUMNS, [table])]
                    self.execute(q.delete_all(table))
                    self.execute(q.copy_table("lg_source", table, columns))
                    copied[table] = (self.count_rows(table, "lg_source"), self.count_rows(table))
                for name, next_value in self.fetch_all(q.SOURCE_SEQUENCES):
                    self._set_next_id(str(name), int(next_value))
        finally:
            self._con.execute("DETACH lg_source")
        return copied

    def count_rows(self, table: str, catalog: str | None = None) -> int:
        """Rows in one of the ledger's tables (or of an attached ledger file's)."""
        row = self.fetch_one(q.count_rows(table, catalog))
        return int(row[0]) if row else 0

    def _set_next_id(self, sequence: str, next_value: int) -> None:
        """Make ``next_value`` the next id the sequence hands out (never moving it back)."""
        if self.backend != "postgres":
            raise LedgerError("a ledger file cannot be the target of a migration")
        self.fetch_all(q.pg_advance_sequence(sequence, next_value))

    def residual_copies(self) -> tuple[str, ...]:
        """What still holds erased values after rewrite(), in words (nothing for a file)."""
        if self.backend != "postgres":
            return ()
        notes = [
            "PostgreSQL keeps the erased values in its write-ahead log until those segments are "
            "recycled (after the next checkpoints), and in any WAL archive, base backup or "
            "replica made before; expire those copies on your backup schedule"
        ]
        if self.not_rewritten:
            notes.insert(
                0,
                f"{len(self.not_rewritten)} table(s) still hold the erased values in their files: "
                "only their owner may rewrite them; run `leadguard db vacuum` as the ledger's "
                "owner now (or schedule it)",
            )
        return tuple(notes)

    def _rewrite_postgres(self) -> None:
        """VACUUM FULL writes every table into new relation files and unlinks the old ones, so
        deleted rows leave the table files; a checkpoint then lets their WAL be recycled."""
        if self._locks is None:
            raise LedgerError("a read-only ledger cannot be rewritten")
        tables = [str(row[0]) for row in self.fetch_all(q.LEDGER_TABLES)]
        with self.exclusive(WRITE_LOCK):
            self.not_rewritten = tuple(self._locks.vacuum_full(tables))
        if self.not_rewritten:
            log.warning(
                "%d table(s) not rewritten: only their owner may VACUUM them",
                len(self.not_rewritten),
            )

    def close(self) -> None:
        """Checkpoint and close the connection."""
        self._con.close()
        if self._locks is not None:
            self._locks.close()

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
        if current == SCHEMA_VERSION:
            return  # nothing to write: roles that may not create tables open it too
        with self.exclusive("migrate"):
            if self.backend == "postgres":
                # Another process may have migrated while this one waited: forget the
                # extension's cached catalog and look again.
                self.execute(q.PG_CLEAR_CACHE)
                current = self.schema_version()
            self._apply_migrations(current)

    def _apply_migrations(self, current: int) -> None:
        self.execute(q.CREATE_MIGRATIONS_TABLE)
        for version, name, sql in _migrations():
            if version <= current:
                continue
            with self.transaction():
                for statement in _split_sql(sql):
                    if self.backend == "postgres" and _CREATE_SEQUENCE.match(statement):
                        # The extension cannot create sequences: PostgreSQL's own statement.
                        statement = q.pg_execute(statement)
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


class _PgConnector:
    """How a store connects to a shared ledger: DuckDB in memory with the PostgreSQL database
    attached as ``ledger`` and made the default catalog."""

    def __init__(
        self, dsn: str, config: dict[str, str | bool | int | float | list[str]], read_only: bool
    ) -> None:
        self.path, self.config, self.read_only = dsn, config, read_only

    def attach_options(self) -> str:
        return ""

    def __call__(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:", config=self.config)
        try:
            con.execute(f"LOAD '{_sql_text(extension_path())}'")
            options = "TYPE postgres" + (", READ_ONLY" if self.read_only else "")
            con.execute(f"ATTACH '{_sql_text(self.path)}' AS ledger ({options})")
            con.execute("USE ledger")
            # PostgreSQL text cannot hold NUL; a raw cell keeps a visible U+FFFD in its place.
            con.execute("SET pg_null_byte_replacement = '\ufffd'")
            with contextlib.suppress(duckdb.InvalidInputException):
                con.execute("SET enable_progress_bar = false")
        except BaseException:
            con.close()
            raise
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


def _env_timeout(default: float | None = 0.0) -> Any:
    """LEADGUARD_LOCK_TIMEOUT in seconds (``default`` when unset or unreadable)."""
    raw = os.environ.get("LEADGUARD_LOCK_TIMEOUT", "")
    try:
        return max(float(raw), 0.0) if raw.strip() else default
    except ValueError:
        return default


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
