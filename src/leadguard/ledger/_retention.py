"""The Ledger's retention (Art. 5(1)(e)): leads past their delete-by date are removed for good.

A lead's delete-by date is the latest acquisition plus the retention of the basis it was held on
(the latest over its sightings); the access report shows the same date. Purging removes the
data the way erasure does — the file is rewritten so the bytes are gone — without putting the
people on the suppression list (entries of those who objected stay as they are).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import pandas as pd

from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.ledger._requests import RequestsMixin
from leadguard.reports import _Report

log = logging.getLogger("leadguard.ledger")


@dataclass(frozen=True, slots=True, kw_only=True)
class PurgeReport(_Report):
    """What a purge removed (or, dry, would remove)."""

    dry_run: bool
    today: date
    leads: int = 0
    """Leads past their delete-by date, removed (or to be removed)."""
    sightings: int = 0
    """Their sightings, plus quarantined rows past their own date."""
    held_restricted: int = 0
    """Expired leads kept because processing is restricted (Art. 18) until the restriction ends."""
    oldest_delete_by: date | None = None
    file_rewritten: bool = False
    warnings: tuple[str, ...] = ()


class RetentionMixin(RequestsMixin):
    """Delete what the company promised not to keep."""

    def expired(self, on: date | None = None) -> pd.DataFrame:
        """Leads past their delete-by date on ``on`` (default today): id, last acquired, date."""
        return self._store.fetch_df(q.SELECT_EXPIRED_LEADS, {"today": on or utcnow().date()})

    def delete_by(self, lead_id: int) -> date | None:
        """The date a lead's data will be deleted (the access report's retention date)."""
        row = self._store.fetch_one(q.SELECT_LEAD_DELETE_BY, [self.resolve_lead(lead_id)])
        return None if row is None or row[0] is None else pd.Timestamp(row[0]).date()

    def purge(self, *, dry_run: bool = False, on: date | None = None) -> PurgeReport:
        """Remove every lead past its delete-by date (restricted leads are held and counted)."""
        today = on or utcnow().date()
        expired = self.expired(today)
        held = expired[expired["restricted"].astype(bool)]
        going = expired[~expired["restricted"].astype(bool)]
        loose = [
            int(r[0])
            for r in self._store.fetch_all(q.SELECT_EXPIRED_LOOSE_SIGHTINGS, {"today": today})
        ]
        lead_ids = [int(x) for x in going["lead_id"]]
        report = PurgeReport(
            dry_run=dry_run,
            today=today,
            leads=len(lead_ids),
            sightings=len(loose),
            held_restricted=len(held),
            oldest_delete_by=(
                pd.Timestamp(going["delete_by"].min()).date() if len(going) else None
            ),
        )
        if dry_run:
            return report
        if not lead_ids and not loose:
            self._audit("purge", leads=0, sightings=0, held=len(held))
            return report
        trace = f"purge-{today.isoformat()}"
        with self._store.transaction():
            removed = self._remove(lead_ids, trace, tuple(loose))
            self._audit("purge", leads=len(lead_ids), sightings=removed, held=len(held))
        self._store.rewrite(self.path)
        self._store.define_keyed_hash(*self._keys.pads())
        log.info("purge: %d leads, %d sightings removed", len(lead_ids), removed)
        return PurgeReport(
            dry_run=False,
            today=today,
            leads=len(lead_ids),
            sightings=removed,
            held_restricted=len(held),
            oldest_delete_by=report.oldest_delete_by,
            file_rewritten=self.path != ":memory:" and not self._store.not_rewritten,
            warnings=self._store.residual_copies(),
        )
