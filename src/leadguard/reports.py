"""What each stage returns: a frozen report with counts, readable as text, JSON and HTML."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["IngestReport"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class _Report:
    """Shared rendering: ``as_dict`` (JSON), ``__str__`` (terminal), ``_repr_html_`` (Jupyter)."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-safe data (for --json and for storing)."""
        return dict(_jsonable(asdict(self)))  # type: ignore[call-overload]

    def to_json(self) -> str:
        """The report as one JSON document."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def _rows(self) -> list[tuple[str, str]]:
        return [(k, str(v)) for k, v in self.as_dict().items()]

    def __str__(self) -> str:
        rows = self._rows()
        width = max((len(k) for k, _ in rows), default=0)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)

    def _repr_html_(self) -> str:
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
            for k, v in self._rows()
        )
        return f"<table>{body}</table>"


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport(_Report):
    """The outcome of importing one file or DataFrame into the ledger."""

    file_name: str | None
    status: str
    """'imported', or 'already_imported' when the same content (SHA-256) was imported before."""
    batch_id: int | None
    sha256: str
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    source: str
    basis: str
    rows_total: int = 0
    rows_ok: int = 0
    rows_quarantined: int = 0
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    consent_columns: dict[str, str] = field(default_factory=dict)
    """Consent question (column header, verbatim) → channel it covers."""
    unmapped_columns: tuple[str, ...] = ()
    """Columns that map to no field: not stored (data minimisation)."""
    consent_answers: int = 0
    warnings: tuple[str, ...] = ()

    def _rows(self) -> list[tuple[str, str]]:
        rows = [
            ("file", str(self.file_name or "(DataFrame)")),
            ("status", self.status.replace("_", " ")),
            ("rows", f"{self.rows_total} ({self.rows_ok} ok, {self.rows_quarantined} quarantined)"),
            ("source / basis", f"{self.source} / {self.basis}"),
            ("format", ", ".join(str(x) for x in (self.format, self.encoding) if x)),
        ]
        rows += [(f"quarantined: {r}", str(n)) for r, n in self.quarantine_reasons.items()]
        if self.mapping:
            rows.append(("mapped", ", ".join(f"{c} → {f}" for f, c in self.mapping.items())))
        if self.consent_columns:
            rows.append(("consent questions", f"{len(self.consent_columns)} column(s)"))
        if self.unmapped_columns:
            rows.append(("not stored", ", ".join(self.unmapped_columns)))
        rows += [("warning", w) for w in self.warnings]
        return rows
