"""The ledger facade: one object per ledger database, one method per stage.

``leadguard.open(path)`` creates the ledger on first use. Every stage is a method of ``Ledger``;
the stage modules do the DataFrame work and ``leadguard.db`` holds every statement, so this module
only orchestrates: check the registers, run the stage, store its rows in one transaction, report.
"""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
import json
import logging
import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from leadguard.db import Store, utcnow
from leadguard.db import queries as q
from leadguard.errors import InputError, RegisterError
from leadguard.ingest.mapping import detect_mapping
from leadguard.ingest.prepare import PreparedBatch, prepare
from leadguard.ingest.readers import RawTable, read_table
from leadguard.registers import LegalBasis, Source, parse_channels, read_lia_file
from leadguard.reports import IngestReport

__all__ = ["DEFAULT_PATH", "Ledger", "open_ledger"]

log = logging.getLogger(__name__)

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


PROGRESS_MIN_ROWS = 10_000
"""Imports of more rows than this show a progress bar (on a terminal or in a notebook)."""
PREPARE_STEPS = ("countries", "e-mails", "phones", "mobiles", "names", "companies", "dates")


def _advance(bar: Any, label: str) -> None:
    bar.set_postfix_str(label, refresh=False)
    bar.update(1)


def _interactive() -> bool:
    """True on a terminal or in a Jupyter kernel; pipelines and tests stay silent."""
    if "ipykernel" in sys.modules:
        return True
    return sys.stderr.isatty()


def _frame_sha256(frame: pd.DataFrame) -> str:
    """A content hash for a DataFrame import, so that importing the same frame again is a no-op."""
    digest = hashlib.sha256()
    digest.update(json.dumps([str(c) for c in frame.columns]).encode())
    digest.update(frame.astype(str).to_csv(index=False).encode("utf-8"))
    return digest.hexdigest()


class Ledger:
    """An open leadguard ledger: registers, ingest and the sightings it recorded."""

    def __init__(self, store: Store, *, path: str, user: str | None = None) -> None:
        self._store = store
        self.path = path
        """Where the ledger lives (a file path, or ':memory:')."""
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

    # -- registers ----------------------------------------------------------------------------

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
                row = self._store.fetch_one(
                    q.INSERT_BASIS, [basis.name, *values, utcnow(), self.user]
                )
                assert row is not None
                return dataclasses.replace(basis, basis_id=int(row[0]))
            if self._same(existing, basis, skip=("basis_id",)):
                return existing
            if not replace:
                raise RegisterError(
                    f"basis {basis.name!r} is already registered with other values; "
                    "pass replace=True (CLI: --replace) to update it"
                )
            self._store.execute(q.UPDATE_BASIS, [*values, existing.basis_id])
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
                row = self._store.fetch_one(
                    q.INSERT_SOURCE, [source.name, *values, utcnow(), self.user]
                )
                assert row is not None
                return dataclasses.replace(source, source_id=int(row[0]))
            if self._same(existing, source, skip=("source_id",)):
                return existing
            if not replace:
                raise RegisterError(
                    f"source {source.name!r} is already registered with other values; "
                    "pass replace=True (CLI: --replace) to update it"
                )
            self._store.execute(q.UPDATE_SOURCE, [*values, existing.source_id])
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

    # -- ingest -------------------------------------------------------------------------------

    def ingest(
        self,
        path_or_dataframe: str | os.PathLike[str] | pd.DataFrame,
        source: str,
        basis: str,
        country: str | None = None,
        mapping: Mapping[str, str | None] | None = None,
        *,
        sheet: str | int | None = None,
    ) -> IngestReport:
        """Import one list: every data row becomes a sighting with its provenance.

        CSV (any common delimiter and encoding), ``.xlsx``, LinkedIn's ``Connections.csv`` or a
        DataFrame. ``mapping`` overrides detected columns (``{"Cell Phone": "mobile"}``). The file
        is imported in one transaction: it changes nothing if it fails, and importing the same
        content again (same SHA-256) changes nothing and says so.
        """
        src = self.source(source)
        bas = self.basis(basis)
        today = utcnow().date()
        errors, lia_warnings = bas.lia_problems(today)
        if errors:
            raise RegisterError(errors[0])
        if country is not None and country.strip():
            from leadguard.normalize import normalize_country

            code = normalize_country(country)
            if code is None:
                raise InputError(
                    f"--country {country!r} is not a country leadguard knows; "
                    "use an ISO code such as BE"
                )
            country = code
        table = read_table(path_or_dataframe, sheet=sheet)
        bar = tqdm(
            total=len(PREPARE_STEPS) + 1,
            desc=table.file_name or "DataFrame",
            unit="step",
            file=sys.stderr,
            # A bar only where a person watches a long import: a terminal or a notebook.
            disable=len(table.frame) <= PROGRESS_MIN_ROWS or not _interactive(),
            leave=False,
        )
        sha256 = table.sha256 or _frame_sha256(table.frame)
        already = self._store.fetch_one(q.SELECT_BATCH_BY_SHA, [sha256])
        if already is not None:
            return IngestReport(
                file_name=table.file_name,
                status="already_imported",
                batch_id=int(already[0]),
                sha256=sha256,
                format=table.format,
                encoding=table.encoding,
                delimiter=table.delimiter,
                source=src.name,
                basis=bas.name,
                warnings=(f"the same content was imported before as batch {already[0]}",),
            )
        column_mapping = detect_mapping(
            list(table.frame.columns), dict(mapping) if mapping else None, file=table.file_name
        )
        known = {
            str(r.name).lower(): (str(r.kind), bool(r.publicly_accessible))
            for r in self.sources().itertuples()
        }
        prepared = prepare(
            table,
            column_mapping,
            country=country,
            source_public=src.publicly_accessible,
            default_acquired_on=src.default_acquired_on,
            import_date=today,
            known_sources=known,
            step=lambda label: _advance(bar, label),
        )
        warnings = [*table.warnings, *column_mapping.warnings, *prepared.warnings, *lia_warnings]
        batch_id = self._store_batch(
            table, sha256, src, bas, country, column_mapping, prepared, warnings
        )
        bar.update(1)
        bar.close()
        sightings = prepared.sightings
        quarantined = sightings[sightings["status"] == "quarantined"]
        report = IngestReport(
            file_name=table.file_name,
            status="imported",
            batch_id=batch_id,
            sha256=sha256,
            format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            source=src.name,
            basis=bas.name,
            rows_total=len(sightings),
            rows_ok=len(sightings) - len(quarantined),
            rows_quarantined=len(quarantined),
            quarantine_reasons={
                str(k): int(v) for k, v in quarantined["reason"].value_counts().items()
            },
            mapping=dict(column_mapping.fields),
            consent_columns={c.column: c.channel for c in column_mapping.consent},
            unmapped_columns=tuple(column_mapping.unmapped),
            consent_answers=len(prepared.consents),
            warnings=tuple(warnings),
        )
        log.info(
            "imported batch %s: %d rows (%d quarantined)",
            batch_id,
            report.rows_total,
            report.rows_quarantined,
        )
        return report

    def _store_batch(
        self,
        table: RawTable,
        sha256: str,
        src: Source,
        bas: LegalBasis,
        country: str | None,
        mapping: Any,
        prepared: PreparedBatch,
        warnings: list[str],
    ) -> int:
        """Write the batch, its sightings and consent answers in one transaction."""
        sightings = prepared.sightings
        n_quarantined = int((sightings["status"] == "quarantined").sum())
        mapping_json = json.dumps(
            {
                "fields": mapping.fields,
                "consent": {c.column: c.channel for c in mapping.consent},
            },
            ensure_ascii=False,
        )
        with self._store.transaction():
            row = self._store.fetch_one(
                q.INSERT_BATCH,
                [
                    table.file_name,
                    sha256,
                    table.size,
                    table.format,
                    table.encoding,
                    table.delimiter,
                    table.sheet,
                    src.source_id,
                    bas.basis_id,
                    country,
                    mapping_json,
                    json.dumps(list(mapping.unmapped), ensure_ascii=False),
                    json.dumps(warnings, ensure_ascii=False),
                    len(sightings),
                    len(sightings) - n_quarantined,
                    n_quarantined,
                    utcnow(),
                    self.user,
                ],
            )
            assert row is not None
            batch_id = int(row[0])
            filled = tuple(c for c in q.SIGHTING_INSERT_COLUMNS if c in sightings.columns)
            params = {"batch_id": batch_id, "source_id": src.source_id, "basis_id": bas.basis_id}
            with self._store.registered("incoming_sightings", sightings):
                self._store.execute(q.insert_sightings(filled), params)
            if len(prepared.consents):
                with self._store.registered("incoming_consents", prepared.consents):
                    self._store.execute(q.INSERT_CONSENTS, {"batch_id": batch_id})
        return batch_id

    # -- reads --------------------------------------------------------------------------------

    def sightings(self) -> pd.DataFrame:
        """Every sighting with its provenance: file, row, source, basis, date and values."""
        return self._store.fetch_df(q.SELECT_SIGHTINGS)

    def consent_answers(self) -> pd.DataFrame:
        """Marketing questions answered on the forms the rows came from, verbatim (evidence)."""
        return self._store.fetch_df(q.SELECT_CONSENT_ANSWERS)

    def batches(self) -> pd.DataFrame:
        """Every imported file: hash, size, format, source, basis, counts, when and by whom."""
        return self._store.fetch_df(q.SELECT_BATCHES)


def open_ledger(path: str | os.PathLike[str] | None = None, *, user: str | None = None) -> Ledger:
    """Open the ledger at ``path`` (default: LEADGUARD_DB, else ./leadguard.duckdb), creating it."""
    target = str(path) if path is not None else os.environ.get("LEADGUARD_DB") or DEFAULT_PATH
    return Ledger(Store.open(target), path=target, user=user)
