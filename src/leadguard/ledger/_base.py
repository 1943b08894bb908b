"""What every part of the ledger facade shares: the open store, who is acting, the audit trail."""

from __future__ import annotations

import hmac
import json
from datetime import datetime
from typing import Any

import pandas as pd

from leadguard.db import Store, utcnow
from leadguard.db import queries as q
from leadguard.dedupe import Model
from leadguard.suppress.keys import KeyRing

GENESIS = "0" * 64
"""The previous hash of the first audit event."""
AUDIT_HEAD = "audit.head"


def event_hash(
    key: bytes, prev: str, seq: int, at: datetime, who: str, action: str, details: str
) -> str:
    """The chained HMAC of one audit event."""
    message = "\x1f".join((prev, str(seq), at.isoformat(), who, action, details))
    return hmac.new(key, message.encode("utf-8"), "sha256").hexdigest()


class LedgerBase:
    """The state the Ledger's stage mixins work on."""

    _store: Store
    _keys: KeyRing
    path: str
    """Where the ledger lives (a file path, or ':memory:')."""
    user: str
    """Recorded as 'who' on imports, runs and register changes."""

    def resolve_lead(self, lead_id: int) -> int:
        """The id a lead goes by now (the dedupe stage implements it)."""
        raise NotImplementedError

    def _relink_suppressions(self, run_id: int, model: Model | None = None) -> int:
        """Link suppression rows to leads again after a dedupe run; returns the new links
        (the suppression stage implements it)."""
        raise NotImplementedError

    def suppression_links(self, *, uncertain_only: bool = False) -> pd.DataFrame:
        """Active links of suppression rows to leads (the suppression stage implements it)."""
        raise NotImplementedError

    def _audit(self, action: str, **details: Any) -> None:
        """Append one event to the audit trail (ids, counts and hashes only, never values)."""
        with self._store.transaction():
            head = self._store.fetch_one(q.SELECT_AUDIT_HEAD)
            seq, prev = (int(head[0]) + 1, str(head[1])) if head else (1, GENESIS)
            at = utcnow()
            text = json.dumps(details, sort_keys=True, default=str, ensure_ascii=False)
            digest = event_hash(self._keys.audit_key, prev, seq, at, self.user, action, text)
            self._store.execute(
                q.INSERT_AUDIT_EVENT, [seq, at, self.user, action, text, prev, digest]
            )
            self._store.execute(q.DELETE_SETTING, [AUDIT_HEAD])
            self._store.execute(q.INSERT_SETTING, [AUDIT_HEAD, f"{seq}:{digest}"])
