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

[controller]                        # who answers; used in notices and access reports
name = "Example Group NV"
email = "privacy@example-group.example"
authority = "Gegevensbeschermingsautoriteit"
authority_url = "https://www.gegevensbeschermingsautoriteit.be"

[policy]
notice = "with-first-contact"       # or strict (the default)
rules = [{ country = "NL", channel = "email", rule = "consent", note = "our counsel" }]

[[recipients]]
name = "Example Mailer"
role = "processor"                  # processor | reseller | group_company
country = "BE"
contract = "DPA-2026-01"

[[exports]]                         # after dedupe; paths relative to the ledger's folder
to = "Example Mailer"
channel = "email"
purpose = "prospecting"
format = "hubspot"
out = "exports/hubspot_contacts.csv"
```

The steps run in this order: registers, configuration, suppression files, lists, dedupe,
screening, exports. An export whose file would be identical to the last one sent to that
recipient is not sent again, so running the manifest twice changes nothing.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from leadguard.db import display_target, is_postgres
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
        header = ("step", "item", "status", "rows", "kept", "left out")
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
        rows = []
        for s in self.steps:
            counts = ", ".join(
                f"{label} {s[key]}"
                for key, label in (("rows", "rows"), ("ok", "kept"), ("quarantined", "left out"))
                if s.get(key, "") != ""
            )
            rows.append(
                (f"{s['step']}: {s['item']}", f"{s['status']}" + (f" ({counts})" if counts else ""))
            )
        return rows


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
        _configure(ledger, data, manifest_path.name, steps)
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
        # Export paths are relative to the ledger's folder; a shared ledger has none: the
        # working directory.
        folder = Path.cwd() if is_postgres(ledger_path) else Path(ledger_path).parent
        failed += _exports(ledger, data, manifest_path.name, folder, steps)
    return RunSummary(
        manifest=str(manifest_path),
        ledger=display_target(ledger_path),
        steps=tuple(steps),
        failed=failed,
    )


_CONTROLLER_KEYS = {
    "name": "controller.name",
    "address": "controller.address",
    "email": "controller.email",
    "dpo_email": "controller.dpo_email",
    "authority": "authority.name",
    "authority_url": "authority.url",
    "objection_email": "objection.email",
    "objection_url": "objection.url",
}


def _configure(ledger: Any, data: dict[str, Any], name: str, steps: list[dict[str, Any]]) -> None:
    """[controller], [policy] and [[recipients]]: set only what differs from the ledger."""
    controller = data.get("controller", {})
    for key, value in controller.items():
        if key not in _CONTROLLER_KEYS:
            raise ConfigError(f"{name}: [controller] has no key {key!r}")
        setting = _CONTROLLER_KEYS[key]
        if ledger.setting(setting) != str(value):
            ledger.set_setting(setting, str(value))
            steps.append({"step": "config", "item": setting, "status": "set"})
    policy = data.get("policy", {})
    if "notice" in policy and ledger.notice_policy != policy["notice"]:
        ledger.set_setting("notice.policy", str(policy["notice"]))
        steps.append({"step": "policy", "item": "notice", "status": str(policy["notice"])})
    current = ledger.channel_rules().set_index(["country", "channel"])["rule"].to_dict()
    for rule in policy.get("rules", []):
        where = f"{name}: policy rules"
        key = (str(_get(rule, "country", where)).upper(), str(_get(rule, "channel", where)))
        if current.get(key) != rule.get("rule"):
            ledger.set_channel_rule(
                key[0], key[1], _get(rule, "rule", where), note=rule.get("note")
            )
            steps.append({"step": "policy", "item": f"{key[0]} {key[1]}", "status": rule["rule"]})
    for i, r in enumerate(data.get("recipients", []), 1):
        where = f"{name}: recipients #{i}"
        before = _existing(ledger.recipient, r.get("name"))
        added = ledger.add_recipient(
            _get(r, "name", where),
            role=_get(r, "role", where),
            country=_get(r, "country", where),
            transfer=r.get("transfer"),
            dpf_checked_on=_date(r.get("dpf_checked_on"), where),
            contract_ref=r.get("contract"),
            purposes=r.get("purposes"),
            safeguard_url=r.get("safeguard_url"),
            replace=True,
        )
        steps.append({"step": "recipient", "item": added.name, "status": _change(before, added)})


def _exports(
    ledger: Any, data: dict[str, Any], name: str, folder: Path, steps: list[dict[str, Any]]
) -> int:
    """[[exports]]: through the gate; an unchanged file is not sent again. Returns failures."""
    failed = 0
    for i, e in enumerate(data.get("exports", []), 1):
        where = f"{name}: exports #{i}"
        out = folder / _get(e, "out", where)
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            report = ledger.export(
                _get(e, "to", where),
                _get(e, "channel", where),
                _get(e, "purpose", where),
                e.get("format", "csv"),
                out,
                include_role=bool(e.get("include_role", False)),
                include_shared=bool(e.get("include_shared", False)),
                skip_unchanged=True,
            )
        except LeadguardError as error:
            failed += 1
            steps.append({"step": "export", "item": out.name, "status": f"failed: {error}"})
            continue
        steps.append(
            {
                "step": "export",
                "item": f"{out.name} → {report.recipient}",
                "status": "unchanged" if report.unchanged else "sent",
                "rows": report.leads_considered,
                "ok": report.exported,
                "quarantined": sum(report.excluded.values()),
            }
        )
    return failed
