"""The one-call pipeline: ``leadguard run MANIFEST`` performs what a TOML manifest describes.

A manifest names the legal bases, the sources and which file belongs to which; paths are relative
to the manifest. Running it twice changes nothing: registers are updated only when the manifest
changed them, and files already imported (same SHA-256) are skipped.

```toml
[ledger]
path = "leadguard.duckdb"          # optional; --db and LEADGUARD_DB win

[[bases]]
name = "prospecting"
kind = "legitimate_interest"
purpose = "B2B prospecting of professionals in their professional role"
channels = ["email", "phone"]
retention_months = 24
lia_file = "lia/prospecting_lia.md"
lia_assessed_by = "Privacy officer"
lia_assessed_on = 2026-01-15
lia_review_by = 2027-01-15

[[sources]]
name = "Example Expo 2026 registrations"
kind = "event"
public = false
acquired_on = 2026-10-02

[[files]]
path = "events/registrations.csv"
source = "Example Expo 2026 registrations"
basis = "prospecting"
country = "BE"
map = { "Cell Phone" = "mobile" }

[[suppressions]]                    # imported before the lists, so ingest flags matches
path = "suppression/unsubscribed_members_export_1a2b3c.csv"
format = "auto"                     # or mailchimp-cleaned, sendgrid, brevo, lines, dnc-be
# channel = "email"  reason = "unsubscribe"  scope = "Example Software"  (override the format)
# screened_on = 2026-11-20          (registry files: the day the list was downloaded)
```
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from leadguard.errors import ConfigError, LeadguardError, RegisterError
from leadguard.ledger import open_ledger
from leadguard.reports import IngestReport, _Report

__all__ = ["RunSummary", "run_manifest"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RunSummary(_Report):
    """What a pipeline run did, step by step."""

    manifest: str
    ledger: str
    steps: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    failed: int = 0

    def __str__(self) -> str:
        header = ("step", "item", "status", "rows", "ok", "quarantined")
        rows = [header] + [
            (
                str(s["step"]),
                str(s["item"]),
                str(s["status"]),
                str(s.get("rows", "")),
                str(s.get("ok", "")),
                str(s.get("quarantined", "")),
            )
            for s in self.steps
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.append(f"ledger: {self.ledger}")
        return "\n".join(lines)

    def _rows(self) -> list[tuple[str, str]]:
        return [(f"{s['step']}: {s['item']}", str(s["status"])) for s in self.steps]


def _get(table: dict[str, Any], key: str, where: str, kind: type | tuple[type, ...] = str) -> Any:
    if key not in table:
        raise ConfigError(f"{where}: missing {key!r}")
    value = table[key]
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: {key!r} has the wrong type")
    return value


def _date(value: Any, where: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _existing(lookup: Callable[[str], Any], name: object) -> Any:
    """The registered record of that name, or None."""
    if not isinstance(name, str):
        return None
    try:
        return lookup(name)
    except RegisterError:
        return None


def _change(before: Any, after: Any) -> str:
    if before is None:
        return "registered"
    return "unchanged" if before == after else "updated"


def load_manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest as data, with a clear error for unreadable TOML."""
    file = Path(path)
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file.name}: not valid TOML ({error})") from None
    except OSError as error:
        raise ConfigError(f"{file.name}: cannot read the manifest ({error.strerror})") from None


def run_manifest(path: str | os.PathLike[str], *, db: str | None = None) -> RunSummary:
    """Run the pipeline the manifest describes: registers, then every file (see module docs)."""
    manifest_path = Path(path)
    base = manifest_path.parent
    data = load_manifest(manifest_path)
    ledger_path = (
        db
        or os.environ.get("LEADGUARD_DB")
        or data.get("ledger", {}).get("path")
        or "leadguard.duckdb"
    )
    steps: list[dict[str, Any]] = []
    failed = 0
    with open_ledger(ledger_path) as ledger:
        for i, b in enumerate(data.get("bases", []), 1):
            where = f"{manifest_path.name}: bases #{i}"
            lia = b.get("lia_file")
            before = _existing(ledger.basis, b.get("name"))
            added = ledger.add_basis(
                _get(b, "name", where),
                kind=_get(b, "kind", where),
                purpose=_get(b, "purpose", where),
                channels=_get(b, "channels", where, (list, str)),
                retention_months=_get(b, "retention_months", where, int),
                lia_file=base / lia if lia else None,
                lia_assessed_by=b.get("lia_assessed_by"),
                lia_assessed_on=_date(b.get("lia_assessed_on"), where),
                lia_review_by=_date(b.get("lia_review_by"), where),
                replace=True,
            )
            steps.append({"step": "basis", "item": added.name, "status": _change(before, added)})
        for i, s in enumerate(data.get("sources", []), 1):
            where = f"{manifest_path.name}: sources #{i}"
            before = _existing(ledger.source, s.get("name"))
            added_source = ledger.add_source(
                _get(s, "name", where),
                kind=_get(s, "kind", where),
                publicly_accessible=bool(s.get("public", False)),
                supplier=s.get("supplier"),
                contract_ref=s.get("contract"),
                url=s.get("url"),
                default_acquired_on=_date(s.get("acquired_on"), where),
                replace=True,
            )
            steps.append(
                {
                    "step": "source",
                    "item": added_source.name,
                    "status": _change(before, added_source),
                }
            )
        for i, sup in enumerate(data.get("suppressions", []), 1):
            where = f"{manifest_path.name}: suppressions #{i}"
            file = base / _get(sup, "path", where)
            try:
                imported = ledger.suppress_import(
                    file,
                    sup.get("format", "auto"),
                    sup.get("channel"),
                    sup.get("reason"),
                    scope=sup.get("scope"),
                    screened_on=_date(sup.get("screened_on"), where),
                    country=sup.get("country"),
                )
            except LeadguardError as error:
                failed += 1
                steps.append({"step": "suppress", "item": file.name, "status": f"failed: {error}"})
                continue
            fresh = imported.status == "imported"
            steps.append(
                {
                    "step": "suppress",
                    "item": file.name,
                    "status": f"{imported.status.replace('_', ' ')} ({imported.format})",
                    "rows": imported.rows_read if fresh else "",
                    "ok": imported.entries_added if fresh else "",
                    "quarantined": imported.rows_rejected if fresh else "",
                }
            )
        for i, f in enumerate(data.get("files", []), 1):
            where = f"{manifest_path.name}: files #{i}"
            file = base / _get(f, "path", where)
            try:
                report: IngestReport = ledger.ingest(
                    file,
                    _get(f, "source", where),
                    _get(f, "basis", where),
                    f.get("country"),
                    f.get("map"),
                    sheet=f.get("sheet"),
                )
            except LeadguardError as error:
                failed += 1
                steps.append({"step": "ingest", "item": file.name, "status": f"failed: {error}"})
                continue
            steps.append(
                {
                    "step": "ingest",
                    "item": file.name,
                    "status": report.status.replace("_", " "),
                    "rows": report.rows_total if report.status == "imported" else "",
                    "ok": report.rows_ok if report.status == "imported" else "",
                    "quarantined": report.rows_quarantined if report.status == "imported" else "",
                }
            )
        if data.get("dedupe", {}).get("enabled", True):
            deduped = ledger.dedupe()
            steps.append(
                {
                    "step": "dedupe",
                    "item": f"{deduped.leads} leads",
                    "status": "done" if deduped.run_id is not None else "nothing new",
                    "rows": deduped.new_sightings if deduped.run_id is not None else "",
                }
            )
            for channel in ("email", "phone"):
                screened = ledger.screen_leads(channel)
                steps.append(
                    {
                        "step": "screen",
                        "item": channel,
                        "status": f"{int(screened['suppressed'].sum())} of {len(screened)} "
                        "leads suppressed",
                    }
                )
    return RunSummary(
        manifest=str(manifest_path), ledger=ledger_path, steps=tuple(steps), failed=failed
    )
