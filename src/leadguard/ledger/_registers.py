"""The Ledger's registers: legal bases (with their LIA) and sources."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.errors import RegisterError
from leadguard.ledger._base import LedgerBase
from leadguard.registers import LegalBasis, Source, parse_channels, read_lia_file


class RegistersMixin(LedgerBase):
    """Register and look up legal bases and sources."""

    def add_basis(
        self,
        name: str,
        *,
        kind: str,
        purpose: str,
        channels: str | list[str] | tuple[str, ...],
        retention_months: int,
        lia_text: str | None = None,
        lia_file: str | Path | None = None,
        lia_assessed_by: str | None = None,
        lia_assessed_on: date | None = None,
        lia_review_by: date | None = None,
        replace: bool = False,
    ) -> LegalBasis:
        """Register a legal basis (idempotent when identical; ``replace=True`` updates it).

        For legitimate interest the assessment (LIA) is its text, or a file holding it, plus who
        assessed it, when, and when it is due for review.
        """
        lia_name = lia_sha = None
        if lia_file is not None:
            lia_text, lia_name, lia_sha = read_lia_file(lia_file)
        elif lia_text is not None:
            lia_sha = hashlib.sha256(lia_text.encode("utf-8")).hexdigest()
        basis = LegalBasis(
            name=name.strip(),
            kind=kind,
            purpose=purpose,
            channels=parse_channels(channels),
            retention_months=retention_months,
            lia_text=lia_text,
            lia_file=lia_name,
            lia_sha256=lia_sha,
            lia_assessed_by=lia_assessed_by,
            lia_assessed_on=lia_assessed_on,
            lia_review_by=lia_review_by,
        )
        values = [
            basis.kind,
            basis.purpose,
            ",".join(basis.channels),
            basis.retention_months,
            basis.lia_text,
            basis.lia_file,
            basis.lia_sha256,
            basis.lia_assessed_by,
            basis.lia_assessed_on,
            basis.lia_review_by,
        ]
        with self._store.transaction():
            existing = self._basis_or_none(basis.name)
            if existing is None:
                new_id = self._store.new_id(q.SEQ_BASIS)
                self._store.execute(
                    q.INSERT_BASIS, [new_id, basis.name, *values, utcnow(), self.user]
                )
                self._audit("basis_added", basis_id=new_id, lia_sha256=basis.lia_sha256)
                return dataclasses.replace(basis, basis_id=new_id)
            if self._same(existing, basis, skip=("basis_id",)):
                return existing
            if not replace:
                raise RegisterError(
                    f"basis {basis.name!r} is already registered with other values; "
                    "pass replace=True (CLI: --replace) to update it"
                )
            self._store.execute(q.UPDATE_BASIS, [*values, existing.basis_id])
            self._audit("basis_updated", basis_id=existing.basis_id, lia_sha256=basis.lia_sha256)
            return dataclasses.replace(basis, basis_id=existing.basis_id)

    def add_source(
        self,
        name: str,
        *,
        kind: str,
        publicly_accessible: bool,
        supplier: str | None = None,
        contract_ref: str | None = None,
        url: str | None = None,
        default_acquired_on: date | None = None,
        replace: bool = False,
    ) -> Source:
        """Register a source of prospect data (idempotent when identical; ``replace`` updates)."""
        source = Source(
            name=name.strip(),
            kind=kind,
            publicly_accessible=publicly_accessible,
            supplier=supplier,
            contract_ref=contract_ref,
            url=url,
            default_acquired_on=default_acquired_on,
        )
        values = [
            source.kind,
            source.publicly_accessible,
            source.supplier,
            source.contract_ref,
            source.url,
            source.default_acquired_on,
        ]
        with self._store.transaction():
            existing = self._source_or_none(source.name)
            if existing is None:
                new_id = self._store.new_id(q.SEQ_SOURCE)
                self._store.execute(
                    q.INSERT_SOURCE, [new_id, source.name, *values, utcnow(), self.user]
                )
                self._audit("source_added", source_id=new_id)
                return dataclasses.replace(source, source_id=new_id)
            if self._same(existing, source, skip=("source_id",)):
                return existing
            if not replace:
                raise RegisterError(
                    f"source {source.name!r} is already registered with other values; "
                    "pass replace=True (CLI: --replace) to update it"
                )
            self._store.execute(q.UPDATE_SOURCE, [*values, existing.source_id])
            self._audit("source_updated", source_id=existing.source_id)
            return dataclasses.replace(source, source_id=existing.source_id)

    def basis(self, name: str) -> LegalBasis:
        """The registered legal basis of that name."""
        found = self._basis_or_none(name)
        if found is None:
            raise RegisterError(
                f"no legal basis named {name!r}; register it first with `leadguard basis add`"
            )
        return found

    def source(self, name: str) -> Source:
        """The registered source of that name."""
        found = self._source_or_none(name)
        if found is None:
            raise RegisterError(
                f"no source named {name!r}; register it first with `leadguard source add`"
            )
        return found

    def bases(self) -> pd.DataFrame:
        """The legal-basis register, one row per basis."""
        return self._store.fetch_df(q.SELECT_BASES)

    def sources(self) -> pd.DataFrame:
        """The source register, one row per source."""
        return self._store.fetch_df(q.SELECT_SOURCES)

    def _basis_or_none(self, name: str) -> LegalBasis | None:
        row = self._store.fetch_one(q.SELECT_BASIS, [name.strip()])
        if row is None:
            return None
        return LegalBasis(
            basis_id=row[0],
            name=row[1],
            kind=row[2],
            purpose=row[3],
            channels=tuple(row[4].split(",")),
            retention_months=row[5],
            lia_text=row[6],
            lia_file=row[7],
            lia_sha256=row[8],
            lia_assessed_by=row[9],
            lia_assessed_on=row[10],
            lia_review_by=row[11],
        )

    def _source_or_none(self, name: str) -> Source | None:
        row = self._store.fetch_one(q.SELECT_SOURCE, [name.strip()])
        if row is None:
            return None
        return Source(
            source_id=row[0],
            name=row[1],
            kind=row[2],
            publicly_accessible=row[3],
            supplier=row[4],
            contract_ref=row[5],
            url=row[6],
            default_acquired_on=row[7],
        )

    @staticmethod
    def _same(a: Any, b: Any, *, skip: tuple[str, ...]) -> bool:
        return all(getattr(a, f) == getattr(b, f) for f in a.__dataclass_fields__ if f not in skip)
