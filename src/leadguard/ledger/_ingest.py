"""The Ledger's ingest: one list in, one batch of sightings, one transaction."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd

from leadguard._progress import advance, steps_bar
from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.errors import InputError, RegisterError
from leadguard.ingest.mapping import detect_mapping
from leadguard.ingest.prepare import PreparedBatch, prepare
from leadguard.ingest.readers import RawTable, read_table
from leadguard.ledger._registers import RegistersMixin
from leadguard.ledger._suppress import SuppressMixin
from leadguard.normalize._parallel import MIN_ITEMS, warm_up
from leadguard.registers import LegalBasis, Source
from leadguard.reports import IngestReport

log = logging.getLogger("leadguard.ledger")

# Everything in a sighting that says something about the person (kept out for erased people).
_PERSONAL_COLUMNS = frozenset(
    c for c in q.SIGHTING_INSERT_COLUMNS
    if c not in ("row_number", "status", "reason", "publicly_accessible", "acquired_on",
                 "acquired_on_origin", "row_source_kind", "row_source_url")
)  # fmt: skip
PREPARE_STEPS = ("countries", "e-mails", "phones", "mobiles", "names", "companies", "dates")


# A list this long (a CSV of about 40,000 rows) is likely to have a column long enough to share
# with the normalization worker processes.
_LONG_FILE_BYTES = 4 << 20


def _long_list(source: str | os.PathLike[str] | pd.DataFrame) -> bool:
    if isinstance(source, pd.DataFrame):
        return len(source) >= MIN_ITEMS
    try:
        return os.path.getsize(source) >= _LONG_FILE_BYTES
    except OSError:
        return False  # read_table says what is wrong with it


def _frame_sha256(frame: pd.DataFrame) -> str:
    """A content hash for a DataFrame import, so that importing the same frame again is a no-op."""
    digest = hashlib.sha256()
    digest.update(json.dumps([str(c) for c in frame.columns]).encode())
    digest.update(frame.astype(str).to_csv(index=False).encode("utf-8"))
    return digest.hexdigest()


def _already_imported(about: IngestReport, batch_id: int) -> IngestReport:
    """The report of a file whose content the ledger holds already (a no-op)."""
    return dataclasses.replace(
        about,
        status="already_imported",
        batch_id=batch_id,
        warnings=(f"the same content was imported before as batch {batch_id}",),
    )


class _ImportedMeanwhile(Exception):
    """The content was imported by another process between the first check and the write."""

    def __init__(self, batch_id: int) -> None:
        super().__init__(batch_id)
        self.batch_id = batch_id


class IngestMixin(RegistersMixin, SuppressMixin):
    """Import lists (hashing their identifiers for suppression) and read back what was imported."""

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
        if _long_list(path_or_dataframe):
            warm_up()  # the normalization workers start while the file is read
        table = read_table(path_or_dataframe, sheet=sheet)
        bar = steps_bar(len(PREPARE_STEPS) + 1, table.file_name or "DataFrame", len(table.frame))
        sha256 = table.sha256 or _frame_sha256(table.frame)
        about = IngestReport(
            file_name=table.file_name,
            status="imported",
            batch_id=None,
            sha256=sha256,
            format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            source=src.name,
            basis=bas.name,
        )
        already = self._store.fetch_one(q.SELECT_BATCH_BY_SHA, [sha256])
        if already is not None:
            return _already_imported(about, int(already[0]))
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
            step=lambda label: advance(bar, label),
        )
        warnings = [*table.warnings, *column_mapping.warnings, *prepared.warnings, *lia_warnings]
        try:
            batch_id, refusals, suppressed, sightings = self._store_batch(
                table, sha256, src, bas, country, column_mapping, prepared, warnings
            )
        except _ImportedMeanwhile as meanwhile:
            # Another process imported the same content while this one read it.
            bar.close()
            return _already_imported(about, meanwhile.batch_id)
        bar.update(1)
        bar.close()
        quarantined = sightings[sightings["status"] == "quarantined"]
        report = dataclasses.replace(
            about,
            batch_id=batch_id,
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
            refusals=refusals,
            rows_suppressed=suppressed,
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
    ) -> tuple[int, int, int, pd.DataFrame]:
        """Write the batch, its sightings, consent answers and suppression hashes in one
        transaction; returns (batch id, refusals recorded, rows on the suppression list, the
        sightings as stored)."""
        sightings = prepared.sightings
        mapping_json = json.dumps(
            {
                "fields": mapping.fields,
                "consent": {c.column: c.channel for c in mapping.consent},
            },
            ensure_ascii=False,
        )
        with self._store.transaction():
            already = self._store.fetch_one(q.SELECT_BATCH_BY_SHA, [sha256])
            if already is not None:
                raise _ImportedMeanwhile(int(already[0]))
            sightings = self._withhold_erased(sightings)
            n_quarantined = int((sightings["status"] == "quarantined").sum())
            batch_id = self._store.new_id(q.SEQ_BATCH)
            self._store.execute(
                q.INSERT_BATCH,
                [
                    batch_id,
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
            sightings = sightings.assign(
                sighting_id=self._store.new_ids(q.SEQ_SIGHTING, len(sightings))
            )
            filled = tuple(c for c in q.SIGHTING_INSERT_COLUMNS if c in sightings.columns)
            params = {"batch_id": batch_id, "source_id": src.source_id, "basis_id": bas.basis_id}
            # The batch stays readable from memory: consent answers, keyed hashes and the
            # screening below join it rather than read the stored rows back.
            with self._store.registered("incoming_sightings", sightings):
                self._store.execute(q.insert_sightings(filled), params)
                if len(prepared.consents):
                    with self._store.registered("incoming_consents", prepared.consents):
                        self._store.execute(q.INSERT_CONSENTS, {"batch_id": batch_id})
                refusals, suppressed = self._apply_suppression_at_ingest(
                    batch_id, tuple(sightings.columns), answers=len(prepared.consents) > 0
                )
            self._audit(
                "ingest",
                batch_id=batch_id,
                sha256=sha256,
                rows=len(sightings),
                quarantined=n_quarantined,
                refusals=refusals,
                on_suppression_list=suppressed,
                source_id=src.source_id,
                basis_id=bas.basis_id,
            )
        return batch_id, refusals, suppressed, sightings

    def _withhold_erased(self, sightings: pd.DataFrame) -> pd.DataFrame:
        """Rows of people whose erasure or objection request was carried out are kept as
        quarantined rows without any of their values: a re-import cannot bring them back. Their
        other addresses and numbers join the erasure entry as keyed hashes."""
        row = self._store.fetch_one(q.COUNT_BLOCKING_ENTRIES)
        if not row or not row[0] or sightings.empty:
            return sightings
        with self._store.registered("incoming_sightings", sightings):
            blocked = self._store.fetch_df(q.select_blocked_rows(tuple(sightings.columns)))
        if blocked.empty:
            return sightings
        hit = sightings["row_number"].isin(blocked["row_number"]).to_numpy()
        requests = dict(zip(blocked["row_number"], blocked["request_id"], strict=True))
        withheld = sightings[hit].merge(blocked[["row_number", "entry_id"]], on="row_number")
        with self._store.registered("incoming_withheld", withheld):
            self._store.execute(q.insert_withheld_keys(tuple(withheld.columns)))
        kept = sightings.copy()
        values = [c for c in kept.columns if c in _PERSONAL_COLUMNS]
        kept.loc[hit, values] = None
        kept.loc[hit, "status"] = "quarantined"
        kept.loc[hit, "reason"] = [
            f"not stored: the person asked to be erased or objected (request {requests[r]})"
            if isinstance(requests[r], str)
            else "not stored: the person asked to be erased or objected"
            for r in kept.loc[hit, "row_number"]
        ]
        log.info("%d row(s) of erased or objecting people not stored", int(hit.sum()))
        return kept

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
