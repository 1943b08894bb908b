"""The ledger facade: one object per ledger database, one method per stage.

``leadguard.open(path)`` creates the ledger on first use. Every stage is a method of ``Ledger``
(the mixins beside this module); the stage packages do the DataFrame work and ``leadguard.db``
holds every statement, so the ledger only orchestrates: check the registers, run the stage,
store its rows in one transaction, report.
"""

from __future__ import annotations

import getpass
import os

from leadguard.db import Store, display_target
from leadguard.ledger._audit import AuditMixin
from leadguard.ledger._dedupe import DedupeMixin
from leadguard.ledger._export import ExportMixin
from leadguard.ledger._ingest import IngestMixin
from leadguard.ledger._requests import RequestsMixin
from leadguard.ledger._retention import RetentionMixin
from leadguard.ledger._suppress import SuppressMixin

__all__ = ["DEFAULT_PATH", "Ledger", "open_ledger"]

DEFAULT_PATH = "leadguard.duckdb"
"""The ledger file used when neither a path nor LEADGUARD_DB is given."""


def _user() -> str:
    """Who is acting: LEADGUARD_USER, else the operating-system account."""
    explicit = os.environ.get("LEADGUARD_USER")
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - containers without a passwd entry
        return "unknown"


class Ledger(
    IngestMixin,
    RetentionMixin,
    RequestsMixin,
    ExportMixin,
    DedupeMixin,
    SuppressMixin,
    AuditMixin,
):
    """An open leadguard ledger: registers, ingest, leads, suppression, exports and requests."""

    def __init__(self, store: Store, *, path: str, user: str | None = None) -> None:
        self._store = store
        self.path = path
        """Where the ledger lives: a file path, ':memory:', or a PostgreSQL URL (no password)."""
        self.user = user or _user()
        """Recorded as 'who' on imports and register changes."""

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the ledger; further calls fail."""
        self._store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<leadguard.Ledger {self.path!r}>"


def open_ledger(
    path: str | os.PathLike[str] | None = None,
    *,
    user: str | None = None,
    read_only: bool = False,
    lock_timeout: float | None = None,
    encryption_key: str | None = None,
) -> Ledger:
    """Open the ledger at ``path`` (default: LEADGUARD_DB, else ./leadguard.duckdb), creating it.

    ``path`` is a DuckDB file, or ``postgresql://user@host:port/dbname`` for a ledger shared by
    every analyst and pipeline of a group (same API; ``pip install 'leadguard[postgres]'``).

    ``read_only`` for reports and lookups: readers do not block one another. ``lock_timeout``
    waits that many seconds for another process's write (default LEADGUARD_LOCK_TIMEOUT).
    ``encryption_key`` (default LEADGUARD_DB_KEY) keeps the file encrypted at rest.
    """
    target = str(path) if path is not None else os.environ.get("LEADGUARD_DB") or DEFAULT_PATH
    store = Store.open(
        target, read_only=read_only, lock_timeout=lock_timeout, encryption_key=encryption_key
    )
    ledger = Ledger(store, path=display_target(target), user=user)
    try:
        ledger._load_key()
    except BaseException:
        ledger.close()
        raise
    return ledger
