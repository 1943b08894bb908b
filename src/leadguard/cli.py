"""The ``leadguard`` command: a thin layer over the library API (no SQL, no rules here).

Every command takes ``--json`` for machine-readable output. A ``LeadguardError`` ends the command
with exit code 1 and one line on stderr naming the file, row and column and what to do.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from leadguard._version import __version__
from leadguard.errors import ConfigError, LeadguardError
from leadguard.ledger import Ledger, open_ledger
from leadguard.normalize import normalize_email, normalize_phone
from leadguard.registers import BasisKind, SourceKind

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _date(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def json_option(fn: F) -> F:
    """``--json``: print machine-readable JSON on stdout instead of text."""
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")(fn)


def table_output(fn: F) -> F:
    """``--format csv|json``, ``--out FILE`` and ``--json`` for commands that print a table."""
    fn = json_option(fn)
    fn = click.option("--out", type=click.Path(dir_okay=False), help="Write to a file.")(fn)
    return click.option(
        "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
    )(fn)


def _emit(data: Any, as_json: bool, text: str | None = None) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(text if text is not None else str(data))


@contextmanager
def _ledger(ctx: click.Context) -> Iterator[Ledger]:
    ledger = open_ledger(ctx.obj["db"])
    try:
        yield ledger
    finally:
        ledger.close()


class _Group(click.Group):
    """The root group: any LeadguardError becomes one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LeadguardError as error:
            click.echo(f"leadguard: {error}", err=True)
            ctx.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="leadguard")
@click.option(
    "--db",
    envvar="LEADGUARD_DB",
    default="leadguard.duckdb",
    show_default=True,
    help="The ledger file (env LEADGUARD_DB).",
)
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """leadguard keeps marketing leads lawful: provenance, suppression, gated exports, answers."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


@cli.command()
@json_option
@click.pass_context
def init(ctx: click.Context, as_json: bool) -> None:
    """Create the ledger and its suppression key (or bring an older ledger up to date).

    The key is written beside the ledger as LEDGER.key (owner-only), unless LEADGUARD_SECRET
    holds it. Keep a copy: the suppression list is stored as hashes made with it.

    \b
    Example:
      leadguard --db leads.duckdb init
    """
    with _ledger(ctx) as ledger:
        key = ledger.key_origin
    text = f"ledger ready: {ledger.path}\nsuppression key: {key}"
    if key.endswith(".key"):
        text += " (back it up: without it the suppression list cannot be matched)"
    _emit({"ledger": ledger.path, "key": key}, as_json, text)


# -- registers ---------------------------------------------------------------------------------


@cli.group()
def basis() -> None:
    """The register of legal bases (GDPR Art. 6(1)) and their assessments."""


@basis.command("add")
@click.argument("name")
@click.option(
    "--kind",
    required=True,
    type=click.Choice([kind.value for kind in BasisKind]),
)
@click.option("--purpose", required=True, help="What the data is used for, in words.")
@click.option("--channels", required=True, help="Comma-separated: email,phone,post.")
@click.option("--retention-months", required=True, type=click.IntRange(min=1))
@click.option("--lia-file", type=click.Path(dir_okay=False), help="The LIA as a text file.")
@click.option("--lia-assessed-by", help="Who made the assessment.")
@click.option("--lia-assessed-on", type=DATE, help="When (YYYY-MM-DD).")
@click.option("--lia-review-by", type=DATE, help="When it is due for review (YYYY-MM-DD).")
@click.option("--replace", is_flag=True, help="Update a basis registered with other values.")
@json_option
@click.pass_context
def basis_add(
    ctx: click.Context,
    name: str,
    kind: str,
    purpose: str,
    channels: str,
    retention_months: int,
    lia_file: str | None,
    lia_assessed_by: str | None,
    lia_assessed_on: datetime | None,
    lia_review_by: datetime | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Register a legal basis.

    \b
    Example:
      leadguard basis add prospecting --kind legitimate_interest \\
        --purpose "B2B prospecting" --lia-file lia.md --channels email,phone \\
        --retention-months 24 --lia-review-by 2027-06-30
    """
    with _ledger(ctx) as ledger:
        added = ledger.add_basis(
            name,
            kind=kind,
            purpose=purpose,
            channels=channels,
            retention_months=retention_months,
            lia_file=lia_file,
            lia_assessed_by=lia_assessed_by,
            lia_assessed_on=_date(lia_assessed_on),
            lia_review_by=_date(lia_review_by),
            replace=replace,
        )
        data = {k: v for k, v in asdict(added).items() if k != "lia_text"}
        _emit(data, as_json, f"basis {added.name!r} registered ({added.kind})")


@basis.command("list")
@json_option
@click.pass_context
def basis_list(ctx: click.Context, as_json: bool) -> None:
    """Show the registered legal bases."""
    with _ledger(ctx) as ledger:
        frame = ledger.bases().drop(columns=["lia_text"])
        _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


@cli.group()
def source() -> None:
    """The register of sources: where lists come from, publicly accessible or not."""


@source.command("add")
@click.argument("name")
@click.option(
    "--kind",
    required=True,
    type=click.Choice([kind.value for kind in SourceKind]),
)
@click.option("--public/--not-public", default=False, help="Publicly accessible source?")
@click.option("--url", help="Where the source can be found.")
@click.option("--acquired-on", type=DATE, help="Default acquisition date for its rows.")
@click.option("--supplier", help="Who sold the list (purchased lists).")
@click.option("--contract", help="The purchase contract's reference (purchased lists).")
@click.option("--replace", is_flag=True, help="Update a source registered with other values.")
@json_option
@click.pass_context
def source_add(
    ctx: click.Context,
    name: str,
    kind: str,
    public: bool,
    url: str | None,
    acquired_on: datetime | None,
    supplier: str | None,
    contract: str | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Register a source of prospect data.

    \b
    Example:
      leadguard source add "Expo 2026 registrations" --kind event --not-public \\
        --acquired-on 2026-10-02
    """
    with _ledger(ctx) as ledger:
        added = ledger.add_source(
            name,
            kind=kind,
            publicly_accessible=public,
            supplier=supplier,
            contract_ref=contract,
            url=url,
            default_acquired_on=_date(acquired_on),
            replace=replace,
        )
        _emit(asdict(added), as_json, f"source {added.name!r} registered ({added.kind})")


@source.command("list")
@json_option
@click.pass_context
def source_list(ctx: click.Context, as_json: bool) -> None:
    """Show the registered sources."""
    with _ledger(ctx) as ledger:
        frame = ledger.sources()
        _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


# -- ingest ------------------------------------------------------------------------------------


def _parse_map(items: tuple[str, ...]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip():
            raise ConfigError(f'--map {item!r}: write it as "COLUMN=field"')
        mapping[column.strip()] = field.strip() or None
    return mapping


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--source", "source_name", required=True, help="A registered source.")
@click.option("--basis", "basis_name", required=True, help="A registered legal basis.")
@click.option("--country", help="Country of rows that have none (also the phone hint).")
@click.option("--sheet", help="Sheet of an .xlsx file (default: the first).")
@click.option("--map", "maps", multiple=True, help='Override a column: "Cell Phone=mobile".')
@json_option
@click.pass_context
def ingest(
    ctx: click.Context,
    files: tuple[str, ...],
    source_name: str,
    basis_name: str,
    country: str | None,
    sheet: str | None,
    maps: tuple[str, ...],
    as_json: bool,
) -> None:
    """Import lists; every row becomes a sighting with its provenance.

    Exit code 0 when every file was imported (quarantined rows included) or had been imported
    before; 1 when a file could not be imported (it changed nothing).

    \b
    Example:
      leadguard ingest Connections.csv --source "LinkedIn" --basis prospecting --country BE
    """
    mapping = _parse_map(maps)
    failed = False
    reports = []
    with _ledger(ctx) as ledger:
        for file in files:
            try:
                report = ledger.ingest(
                    file, source_name, basis_name, country, mapping or None, sheet=sheet
                )
            except LeadguardError as error:
                failed = True
                message = str(error)
                if Path(file).name not in message:
                    message = f"{Path(file).name}: {message}"
                click.echo(f"leadguard: {message}", err=True)
                reports.append({"file_name": Path(file).name, "status": "failed", "error": message})
                continue
            reports.append(report.as_dict())
            if not as_json:
                click.echo(str(report))
                click.echo("")
    if as_json:
        _emit(reports, True)
    if failed:
        sys.exit(1)


@cli.command()
@table_output
@click.pass_context
def sightings(ctx: click.Context, fmt: str, out: str | None, as_json: bool) -> None:
    """Export every sighting with its provenance (csv: comma-separated UTF-8 with a header).

    \b
    Example:
      leadguard sightings --format csv --out sightings.csv
    """
    with _ledger(ctx) as ledger:
        frame = ledger.sightings()
    _write_frame(frame, "json" if as_json else fmt, out, "sightings")


@cli.command()
@json_option
@click.pass_context
def batches(ctx: click.Context, as_json: bool) -> None:
    """Show every imported file: hash, counts, source, basis, when and by whom."""
    with _ledger(ctx) as ledger:
        frame = ledger.batches()
    _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


@cli.command()
@click.argument("manifest", type=click.Path(exists=True, dir_okay=False))
@json_option
@click.pass_context
def run(ctx: click.Context, manifest: str, as_json: bool) -> None:
    """Run the pipeline a manifest (TOML) describes; running it twice changes nothing.

    \b
    Example:
      leadguard run sample_data/manifest.toml
    """
    from leadguard.pipeline import run_manifest

    explicit = ctx.get_parameter_source("db") != click.core.ParameterSource.DEFAULT
    summary = run_manifest(manifest, db=ctx.obj["db"] if explicit else None)
    _emit(summary.as_dict(), as_json, str(summary))


# -- dedupe ------------------------------------------------------------------------------------


@cli.command()
@json_option
@click.pass_context
def dedupe(ctx: click.Context, as_json: bool) -> None:
    """Assign every sighting to a lead (incremental; lead ids are stable).

    \b
    Example:
      leadguard dedupe
    """
    with _ledger(ctx) as ledger:
        report = ledger.dedupe()
    _emit(report.as_dict(), as_json, str(report))


@cli.command()
@table_output
@click.pass_context
def leads(ctx: click.Context, fmt: str, out: str | None, as_json: bool) -> None:
    """One row per lead: golden fields, number of sightings, sources.

    \b
    Example:
      leadguard leads --format csv --out leads.csv
    """
    with _ledger(ctx) as ledger:
        frame = ledger.leads()
    _write_frame(frame, "json" if as_json else fmt, out, "leads")


@cli.command()
@click.argument("lead", type=int)
@json_option
@click.pass_context
def explain(ctx: click.Context, lead: int, as_json: bool) -> None:
    """Show a lead's sightings and why they were merged (per-field evidence and scores).

    \b
    Example:
      leadguard explain 42
    """
    with _ledger(ctx) as ledger:
        result = ledger.explain(lead)
    data = {
        "lead_id": result.lead_id,
        "asked_for": result.asked_for,
        "sightings": result.sightings.to_dict(orient="records"),
        "links": result.links.to_dict(orient="records"),
        "merges": result.merges.to_dict(orient="records"),
        "values": [
            {**v, "sighting_ids": [int(i) for i in v["sighting_ids"]]}
            for v in result.values.to_dict(orient="records")
        ],
    }
    _emit(data, as_json, str(result))


@cli.command()
@click.argument("lead_a", type=int)
@click.argument("lead_b", type=int)
@click.option("--note", help="Why (kept with the decision).")
@json_option
@click.pass_context
def merge(ctx: click.Context, lead_a: int, lead_b: int, note: str | None, as_json: bool) -> None:
    """Merge two leads by hand; later runs keep them together.

    \b
    Example:
      leadguard merge 12 57 --note "same buyer, new employer"
    """
    with _ledger(ctx) as ledger:
        survivor = ledger.merge(lead_a, lead_b, note=note)
    _emit({"lead_id": survivor}, as_json, f"merged into lead {survivor}")


@cli.command()
@click.argument("lead", type=int)
@click.option("--sightings", "sighting_ids", required=True, help="Comma-separated sighting ids.")
@click.option("--note", help="Why (kept with the decision).")
@json_option
@click.pass_context
def split(
    ctx: click.Context, lead: int, sighting_ids: str, note: str | None, as_json: bool
) -> None:
    """Move sightings out of a lead into a new lead; later runs keep them apart.

    \b
    Example:
      leadguard split 12 --sightings 301,302
    """
    try:
        ids = [int(x) for x in sighting_ids.split(",") if x.strip()]
    except ValueError:
        raise ConfigError("--sightings takes comma-separated sighting ids, e.g. 301,302") from None
    with _ledger(ctx) as ledger:
        new_lead = ledger.split(lead, ids, note=note)
    _emit({"lead_id": new_lead}, as_json, f"sightings moved to new lead {new_lead}")


@cli.command("never-merge")
@click.argument("lead_a", type=int)
@click.argument("lead_b", type=int)
@click.option("--note", help="Why (kept with the decision).")
@json_option
@click.pass_context
def never_merge(
    ctx: click.Context, lead_a: int, lead_b: int, note: str | None, as_json: bool
) -> None:
    """Record that two leads are different people: no later run puts them together.

    \b
    Example:
      leadguard never-merge 12 57 --note "father and son"
    """
    with _ledger(ctx) as ledger:
        ledger.never_merge(lead_a, lead_b, note=note)
    _emit({"leads": [lead_a, lead_b]}, as_json, f"leads {lead_a} and {lead_b} kept apart")


def _write_frame(frame: Any, fmt: str, out: str | None, what: str) -> None:
    if fmt == "csv":
        text = frame.to_csv(index=False)
    else:
        text = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"{len(frame)} {what} written to {out}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command("normalize")
@click.argument("kind", type=click.Choice(["email", "phone"]))
@click.argument("value")
@click.option("--region", help="Country of the number when it has no +prefix (BE, Belgique, …).")
@json_option
def normalize_cmd(kind: str, value: str, region: str | None, as_json: bool) -> None:
    """Show how leadguard reads one e-mail or phone cell (always JSON on stdout).

    \b
    Example:
      leadguard normalize phone "GSM: 0470 12 34 56" --region BE
    """
    result = normalize_email(value) if kind == "email" else normalize_phone(value, region)
    click.echo(json.dumps(asdict(result), ensure_ascii=False))


# -- suppression -------------------------------------------------------------------------------

FORMAT_CHOICES = [
    "auto",
    "mailchimp-unsubscribed",
    "mailchimp-cleaned",
    "sendgrid",
    "brevo",
    "lines",
    "dnc-be",
]
CHANNELS = ["all", "email", "phone", "post"]
REASONS = [
    "objection",
    "unsubscribe",
    "erasure",
    "bounce",
    "complaint",
    "dnc",
    "refusal",
    "manual",
]
KINDS = ["email", "domain", "phone", "lead"]


@cli.group()
def suppress() -> None:
    """The global suppression list: who said no, as keyed hashes, for every company."""


@suppress.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="auto", show_default=True
)
@click.option("--channel", type=click.Choice(CHANNELS), help="Override the format's channel.")
@click.option("--reason", type=click.Choice(REASONS), help="Override the format's reason.")
@click.option("--scope", help="One company or brand (default: the whole group).")
@click.option("--screened-on", type=DATE, help="Registry files: the day it was downloaded.")
@click.option("--country", help="Country of numbers written without +<country code>.")
@json_option
@click.pass_context
def suppress_import(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str,
    channel: str | None,
    reason: str | None,
    scope: str | None,
    screened_on: datetime | None,
    country: str | None,
    as_json: bool,
) -> None:
    """Import opt-out files: Mailchimp, SendGrid, Brevo, one address per line, Belgium's DNCM.

    \b
    Examples:
      leadguard suppress import unsubscribed_members_export_1a2b3c.csv
      leadguard suppress import optout.txt --format lines --reason objection
      leadguard suppress import dncm_20261120.txt --format dnc-be
    """
    with _ledger(ctx) as ledger:
        reports = [
            ledger.suppress_import(
                f,
                fmt,
                channel,
                reason,
                scope=scope,
                screened_on=_date(screened_on),
                country=country,
            )
            for f in files
        ]
    if as_json:
        _emit([r.as_dict() for r in reports], True)
    else:
        click.echo("\n\n".join(str(r) for r in reports))


@suppress.command("add")
@click.argument("value")
@click.option("--kind", type=click.Choice(KINDS), help="Default: told from the value.")
@click.option("--channel", type=click.Choice(CHANNELS), default="all", show_default=True)
@click.option("--reason", type=click.Choice(REASONS), default="objection", show_default=True)
@click.option("--scope", help="One company or brand (default: the whole group).")
@click.option("--evidence", help="Where the person said so (mail, call note, …).")
@click.option("--request", "request_id", help="The data-subject request it comes from.")
@click.option("--on", "on", type=DATE, help="When the person said so (default: today).")
@click.option("--country", help="Country of a number written without +<country code>.")
@json_option
@click.pass_context
def suppress_add(
    ctx: click.Context,
    value: str,
    kind: str | None,
    channel: str,
    reason: str,
    scope: str | None,
    evidence: str | None,
    request_id: str | None,
    on: datetime | None,
    country: str | None,
    as_json: bool,
) -> None:
    """Put an address, a domain, a number or a lead (by id) on the list.

    \b
    Examples:
      leadguard suppress add jan.peeters@acme.example --channel all --reason objection
      leadguard suppress add acme.example --kind domain --evidence "mail from their DPO"
      leadguard suppress add 42 --kind lead --reason objection --request R-2026-007
    """
    with _ledger(ctx) as ledger:
        entry = ledger.suppress(
            value,
            kind=kind,
            channel=channel,
            reason=reason,
            scope=scope,
            evidence=evidence,
            request_id=request_id,
            on=_date(on),
            country=country,
        )
    _emit(entry.as_dict(), as_json, str(entry))


@suppress.command("check")
@click.argument("value")
@click.option("--kind", type=click.Choice(KINDS), help="Default: told from the value.")
@click.option("--channel", type=click.Choice(CHANNELS), default="all", show_default=True)
@click.option("--scope", help="Screen for one company or brand.")
@click.option("--country", help="Country of a number written without +<country code>.")
@json_option
@click.pass_context
def suppress_check(
    ctx: click.Context,
    value: str,
    kind: str | None,
    channel: str,
    scope: str | None,
    country: str | None,
    as_json: bool,
) -> None:
    """Say whether a value is suppressed and why (exit code 0 either way).

    \b
    Example:
      leadguard suppress check "Jan.Peeters@ACME.example" --channel email
    """
    with _ledger(ctx) as ledger:
        check = ledger.suppression_check(
            value, kind=kind, channel=channel, scope=scope, country=country
        )
    text = f"suppressed: {check.why}" if check.suppressed else "not suppressed"
    for e in check.entries:
        state = "lifted" if e["lifted"] else "active"
        text += (
            f"\n  entry {e['entry_id']}: {e['reason']} ({e['channel']}, {e['scope']}) since "
            f"{e['since']}, on its {e['matched_on']} [{state}]"
        )
    _emit(check.as_dict(), as_json, text)


@suppress.command("list")
@click.option("--all", "include_lifted", is_flag=True, help="Include lifted entries.")
@table_output
@click.pass_context
def suppress_list(
    ctx: click.Context, include_lifted: bool, fmt: str, out: str | None, as_json: bool
) -> None:
    """Every entry: keyed hashes and metadata (never an address)."""
    with _ledger(ctx) as ledger:
        frame = ledger.suppressions(include_lifted=include_lifted)
    _write_frame(frame, "json" if as_json else fmt, out, "entries")


@suppress.command("summary")
@json_option
@click.pass_context
def suppress_summary(ctx: click.Context, as_json: bool) -> None:
    """Entries per reason, channel and scope."""
    with _ledger(ctx) as ledger:
        frame = ledger.suppression_summary()
    _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


@suppress.command("lift")
@click.argument("value")
@click.option("--evidence", required=True, help="The person's new permission, and where.")
@click.option("--kind", type=click.Choice(KINDS), help="Default: told from the value.")
@click.option("--channel", type=click.Choice(CHANNELS), help="Lift one channel only.")
@click.option("--country", help="Country of a number written without +<country code>.")
@json_option
@click.pass_context
def suppress_lift(
    ctx: click.Context,
    value: str,
    evidence: str,
    kind: str | None,
    channel: str | None,
    country: str | None,
    as_json: bool,
) -> None:
    """Lift the entries on a value after a recorded re-permission (imports never lift).

    \b
    Example:
      leadguard suppress lift jan.peeters@acme.example --evidence "opt-in form 2026-11-20"
    """
    with _ledger(ctx) as ledger:
        lifted = ledger.lift_suppression(
            value, evidence=evidence, kind=kind, channel=channel, country=country
        )
    text = f"lifted entries: {', '.join(map(str, lifted))}" if lifted else "nothing to lift"
    _emit({"lifted": lifted}, as_json, text)


@suppress.command("export-hashes")
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(["email", "phone"]), default="email", show_default=True)
@click.option("--channel", type=click.Choice(CHANNELS), default="email", show_default=True)
@json_option
@click.pass_context
def suppress_export_hashes(
    ctx: click.Context, out: str, kind: str, channel: str, as_json: bool
) -> None:
    """Write plain SHA-256 hashes for a vendor's hashed suppression upload.

    \b
    Example:
      leadguard suppress export-hashes suppression_sha256.txt --kind email
    """
    with _ledger(ctx) as ledger:
        count = ledger.export_vendor_hashes(out, kind=kind, channel=channel)
    _emit({"hashes": count, "file": out}, as_json, f"{count} SHA-256 hashes written to {out}")


@suppress.command("registries")
@click.option("--set", "set_name", help="A registry to change, e.g. dnc-be.")
@click.option("--valid-days", type=click.IntRange(min=1), help="Days a screening stays valid.")
@json_option
@click.pass_context
def suppress_registries(
    ctx: click.Context, set_name: str | None, valid_days: int | None, as_json: bool
) -> None:
    """Do-not-call registries: coverage, validity of a screening, the last one imported.

    \b
    Example:
      leadguard suppress registries --set dnc-be --valid-days 5
    """
    with _ledger(ctx) as ledger:
        if set_name:
            if valid_days is None:
                raise ConfigError("--set needs --valid-days")
            ledger.set_registry(set_name, valid_days=valid_days)
        frame = ledger.registries()
    _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--channel", type=click.Choice(CHANNELS), default="email", show_default=True)
@click.option("--scope", help="Screen for one company or brand.")
@click.option("--country", help="Country of numbers written without +<country code>.")
@click.option("--map", "maps", multiple=True, help='Name a column: "Mail=email".')
@table_output
@click.pass_context
def screen(
    ctx: click.Context,
    file: str,
    channel: str,
    scope: str | None,
    country: str | None,
    maps: tuple[str, ...],
    fmt: str,
    out: str | None,
    as_json: bool,
) -> None:
    """Screen a contact list against the suppression list: adds suppressed and why columns.

    \b
    Example:
      leadguard screen campaign.csv --channel email --out campaign_screened.csv
    """
    from leadguard.ingest import read_table

    table = read_table(file)
    with _ledger(ctx) as ledger:
        frame = ledger.screen(
            table.frame, channel, scope=scope, mapping=_parse_map(maps) or None, country=country
        )
    _write_frame(frame, "json" if as_json else fmt, out, "rows")


def main() -> None:
    """Entry point of the ``leadguard`` command."""
    cli(prog_name="leadguard")
