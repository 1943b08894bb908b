"""The Ledger's audit trail: read it, and verify that no event was edited, deleted or moved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from leadguard.db import queries as q
from leadguard.ledger._base import AUDIT_HEAD, GENESIS, LedgerBase, event_hash
from leadguard.reports import _Report


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditVerification(_Report):
    """The outcome of checking the audit trail's hash chain."""

    ok: bool
    events: int
    problem: str | None = None
    """The first event found edited, missing or out of place, in words."""
    seq: int | None = None


class AuditMixin(LedgerBase):
    """Who did what, when: append-only and tamper-evident."""

    def sql(self, query: str) -> pd.DataFrame:
        """Run read-only DuckDB SQL over the ledger: its tables and the documented views
        ``sighting_sources``, ``active_leads``, ``suppression_entries``, ``disclosure_log``."""
        return self._store.query(query)

    def audit_log(self, since: date | datetime | None = None) -> pd.DataFrame:
        """The audit events (from ``since`` on), oldest first."""
        return self._store.fetch_df(q.SELECT_AUDIT_EVENTS, {"since": since})

    def verify_audit(self) -> AuditVerification:
        """Recompute the chain: an edited, deleted or reordered event is named."""
        rows = self._store.fetch_all(q.SELECT_AUDIT_CHAIN)
        events = sorted(rows, key=lambda r: (int(r[0]), r[1]))
        prev = GENESIS
        expected_seq = 1
        for seq, at, who, action, details, prev_hash, digest in events:
            seq = int(seq)
            if seq != expected_seq:
                what = "missing" if seq > expected_seq else "duplicated"
                return _bad(len(rows), expected_seq, f"event {expected_seq} is {what}")
            if prev_hash != prev:
                return _bad(
                    len(rows),
                    seq,
                    f"event {seq} does not follow event {seq - 1}: an event before it was "
                    "edited, removed or moved",
                )
            again = event_hash(self._keys.audit_key, prev, seq, at, who, action, details)
            if again != digest:
                return _bad(len(rows), seq, f"event {seq} ({action}) was edited")
            prev = digest
            expected_seq += 1
        head = self._store.fetch_one(q.SELECT_SETTING, [AUDIT_HEAD])
        recorded = str(head[0]) if head else None
        actual = f"{expected_seq - 1}:{prev}" if events else None
        if recorded != actual:
            return _bad(
                len(rows),
                expected_seq - 1,
                "the last event(s) were removed: the trail ends before its recorded head",
            )
        return AuditVerification(ok=True, events=len(rows))


def _bad(events: int, seq: int, problem: str) -> AuditVerification:
    return AuditVerification(ok=False, events=events, problem=problem, seq=seq)


__all__: list[Any] = ["AuditMixin", "AuditVerification"]
