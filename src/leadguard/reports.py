"""What each stage returns: a frozen report with counts, readable as text, JSON and HTML."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "DedupeReport",
    "ExportReport",
    "IngestReport",
    "LeadExplanation",
    "SuppressionCheck",
    "SuppressionEntry",
    "SuppressionImportReport",
]


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
    refusals: int = 0
    """"No" answers to a marketing question, recorded as refusal-at-collection suppressions."""
    rows_suppressed: int = 0
    """Rows whose e-mail, number or domain is on the suppression list (any channel) now."""
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
        if self.refusals:
            rows.append(("refusals at collection", str(self.refusals)))
        if self.rows_suppressed:
            rows.append(("rows on the suppression list", str(self.rows_suppressed)))
        if self.unmapped_columns:
            rows.append(("not stored", ", ".join(self.unmapped_columns)))
        rows += [("warning", w) for w in self.warnings]
        return rows


@dataclass(frozen=True, slots=True, kw_only=True)
class DedupeReport(_Report):
    """The outcome of one dedupe run."""

    run_id: int | None
    """None when there was nothing new to assign (no run was recorded)."""
    sightings: int = 0
    """Ok sightings considered (all of them; the work is for the new ones)."""
    new_sightings: int = 0
    pairs_scored: int = 0
    leads_created: int = 0
    leads_merged: int = 0
    """Existing leads absorbed into another (their ids now resolve to the survivor)."""
    leads: int = 0
    largest_lead: int = 0
    """Sightings in the largest lead: a guard against chaining."""
    leads_suppressed: int = 0
    """Active leads on the suppression list for some channel after this run."""
    suppressions_linked: int = 0
    """Suppression rows linked to leads by name and company after this run (new links)."""
    review_pairs: int = 0
    """Lead pairs in the review queue after this run (``Ledger.review_queue``)."""


def _text(value: Any, empty: str = "") -> str:
    return empty if value is None or (isinstance(value, float) and value != value) else str(value)


@dataclass(frozen=True, kw_only=True)
class LeadExplanation:
    """Why a lead's sightings are one person: the sightings, the links and the merges."""

    lead_id: int
    asked_for: int
    """The id that was asked about; it differs from lead_id when that lead was merged."""
    sightings: pd.DataFrame
    links: pd.DataFrame
    """Accepted links between sightings: probability, weight and per-field evidence (JSON)."""
    merges: pd.DataFrame
    values: pd.DataFrame
    """Every value the lead holds per field, the sightings that gave it, and which one the
    golden record chose."""

    def __str__(self) -> str:
        head = f"lead {self.lead_id}"
        if self.asked_for != self.lead_id:
            head += f" (lead {self.asked_for} was merged into it)"
        lines = [head, f"{len(self.sightings)} sightings:"]
        for s in self.sightings.to_dict(orient="records"):
            lines.append(
                f"  #{s['sighting_id']} {s['source']} ({s['file_name']} row {s['row_number']}, "
                f"{str(s['acquired_on'])[:10]}): {_text(s['first_name'])} {_text(s['last_name'])}, "
                f"{_text(s['email'], '-')}, {_text(s['company'], '-')}"
            )
        if len(self.values):
            lines.append("values (* = golden record):")
            for v in self.values.to_dict(orient="records"):
                ids = ", ".join(f"#{i}" for i in v["sighting_ids"])
                lines.append(f"  {'*' if v['golden'] else ' '} {v['field']}: {v['value']}  ← {ids}")
        if len(self.links):
            lines.append("linked by:")
            for link in self.links.to_dict(orient="records"):
                evidence = json.loads(str(link["evidence_json"]))
                fields = [k[: -len("__level")] for k in evidence if k.endswith("__level")]
                parts = ", ".join(
                    f"{f} {evidence[f + '__level']} ({float(evidence[f + '__weight']):+.1f})"
                    for f in fields
                    if evidence[f + "__level"] != "null"
                )
                lines.append(
                    f"  #{link['sighting_a']} ~ #{link['sighting_b']}: "
                    f"p={float(link['probability']):.3f}; {parts}"
                )
        for m in self.merges.to_dict(orient="records"):
            lines.append(
                f"merged: lead {m['from_lead']} → {m['into_lead']} "
                f"({m['reason']}, by {m['merged_by']})"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return (
            f"<h4>{html.escape(str(self).splitlines()[0])}</h4>"
            + self.sightings.to_html(index=False)
            + (self.values.to_html(index=False) if len(self.values) else "")
            + (self.links.to_html(index=False) if len(self.links) else "")
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class SuppressionEntry(_Report):
    """One suppression as recorded: what kind of identifier, for what, why and on what evidence.

    Holds no address or number: only how many keyed hashes the entry has.
    """

    entry_id: int
    kind: str
    channel: str
    scope: str
    reason: str
    address_level: bool
    origin: str
    effective_on: Any
    keys: int
    evidence: str | None = None
    expires_on: Any = None
    status: str = "added"
    """'added', or 'already_suppressed' when an active entry had the same key, channel, reason
    and scope (then entry_id is that entry)."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SuppressionImportReport(_Report):
    """The outcome of importing one suppression file."""

    file_name: str
    status: str
    """'imported', or 'already_imported' when the same file was imported before."""
    import_id: int | None
    format: str
    channel: str
    reason: str
    scope: str
    registry: str | None = None
    screened_on: Any = None
    rows_read: int = 0
    entries_added: int = 0
    rows_already: int = 0
    """Values already on the list for the same channel, reason and scope."""
    rows_duplicate: int = 0
    """Repeats of a value earlier in the same file."""
    rows_rejected: int = 0
    reject_reasons: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    """Entries added per reason (a Mailchimp spam report is a complaint, not an unsubscribe)."""
    replaced: int = 0
    """Registry entries of the previous screening this one replaced."""
    linked_to_leads: int = 0
    """Rows with a name and company linked to a lead the ledger holds (one lead-kind entry per
    link, on the row's channel), uncertain links included."""
    linked_uncertain: int = 0
    """Of those, links in the uncertain band (they suppress too and wait in the review queue)."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SuppressionCheck(_Report):
    """Whether one value is suppressed and why, showing only the entries that match it."""

    kind: str
    channel: str
    suppressed: bool
    why: str | None
    entries: tuple[dict[str, Any], ...] = ()
    """Matching entries (lifted ones included, marked), without other people's data."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportReport(_Report):
    """What an export sent (or, dry, would send) and why every other lead stayed home."""

    recipient: str
    basis: str
    channel: str
    format: str
    dry_run: bool
    notice_policy: str
    leads_considered: int = 0
    exported: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    """Leads left out, by the first rule they failed (see ExportMixin.EXCLUSION_ORDER)."""
    suppressed_by_reason: dict[str, int] = field(default_factory=dict)
    notice_due: int = 0
    """Leads sent before their Art. 14 notice, for the processor to give at first contact."""
    export_id: int | None = None
    out: str | None = None
    sha256: str | None = None
    manifest: str | None = None
    fields: tuple[str, ...] = ()
    unchanged: bool = False
    """True when the same file was sent to this recipient before and nothing was sent now."""

    def _rows(self) -> list[tuple[str, str]]:
        head = (
            "dry run: nothing written or recorded" if self.dry_run else f"export {self.export_id}"
        )
        rows = [
            ("export", head),
            ("to", f"{self.recipient} ({self.channel}, basis {self.basis}, {self.format})"),
            ("leads", f"{self.exported} of {self.leads_considered} exported"),
        ]
        rows += [(f"excluded: {k}", str(v)) for k, v in self.excluded.items()]
        rows += [(f"  suppressed: {k}", str(v)) for k, v in self.suppressed_by_reason.items()]
        if self.notice_due:
            rows.append(
                ("notice due", f"{self.notice_due} (the recipient gives it at first contact)")
            )
        if self.out:
            rows += [
                ("file", self.out),
                ("sha256", str(self.sha256)),
                ("manifest", str(self.manifest)),
            ]
        return rows
