"""What every part of the ledger facade shares: the open store and who is acting."""

from __future__ import annotations

from leadguard.db import Store


class LedgerBase:
    """The state the Ledger's stage mixins work on."""

    _store: Store
    path: str
    """Where the ledger lives (a file path, or ':memory:')."""
    user: str
    """Recorded as 'who' on imports, runs and register changes."""

    def resolve_lead(self, lead_id: int) -> int:
        """The id a lead goes by now (the dedupe stage implements it)."""
        raise NotImplementedError
