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
from leadguard.suppress.formats import FORMATS
from leadguard.suppress.identifiers import Reason, ScreenChannel

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
def _ledger(ctx: click.Context, *, read_only: bool = False) -> Iterator[Ledger]:
    """The ledger for one command; reading commands open it read-only so that they do not
    block one another."""
    ledger = open_ledger(ctx.obj["db"], read_only=read_only)
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
    help="The ledger file, or postgresql://user@host:port/dbname for a shared ledger "
    "(env LEADGUARD_DB).",
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
    with _ledger(ctx, read_only=True) as ledger:
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
    with _ledger(ctx, read_only=True) as ledger:
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
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.sightings()
    _write_frame(frame, "json" if as_json else fmt, out, "sightings")


@cli.command()
@json_option
@click.pass_context
def batches(ctx: click.Context, as_json: bool) -> None:
    """Show every imported file: hash, counts, source, basis, when and by whom."""
    with _ledger(ctx, read_only=True) as ledger:
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
    with _ledger(ctx, read_only=True) as ledger:
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
    with _ledger(ctx, read_only=True) as ledger:
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


@cli.command()
@click.option(
    "--limit", type=click.IntRange(min=1), help="The first N entries only (default: all)."
)
@table_output
@click.pass_context
def review(ctx: click.Context, limit: int | None, fmt: str, out: str | None, as_json: bool) -> None:
    """The review queue: lead pairs that may be one person (and uncertain suppression links),
    closest to the merge threshold first. Decide with merge, never-merge, split or suppress
    unlink; a decided pair does not come back.

    \b
    Example:
      leadguard review --limit 20 --format json
      leadguard review --out review.csv
    """
    from leadguard.export.writers import guarded, write_table

    with _ledger(ctx, read_only=True) as ledger:
        queue = ledger.review_queue(limit=limit)
    fmt = "json" if as_json else fmt
    if out:
        write_table(queue, out, fmt=fmt)
        click.echo(f"{len(queue)} review entries written to {out}", err=True)
    elif fmt == "csv":
        click.echo(guarded(queue).to_csv(index=False), nl=False)
    else:
        click.echo(queue.to_json(orient="records", force_ascii=False, indent=2))


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

FORMAT_CHOICES = list(FORMATS)
CHANNELS = [c.value for c in ScreenChannel]
REASONS = [r.value for r in Reason]
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
    with _ledger(ctx, read_only=True) as ledger:
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
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.suppressions(include_lifted=include_lifted)
    _write_frame(frame, "json" if as_json else fmt, out, "entries")


@suppress.command("summary")
@json_option
@click.pass_context
def suppress_summary(ctx: click.Context, as_json: bool) -> None:
    """Entries per reason, channel and scope."""
    with _ledger(ctx, read_only=True) as ledger:
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


@suppress.command("unlink")
@click.argument("entry", type=int)
@click.argument("lead", type=int)
@click.option("--evidence", required=True, help="Why the row is not this lead's person.")
@json_option
@click.pass_context
def suppress_unlink(
    ctx: click.Context, entry: int, lead: int, evidence: str, as_json: bool
) -> None:
    """Undo a wrong link of a suppression row (ENTRY) to a lead by name and company (recorded;
    the two are never linked again).

    \b
    Example:
      leadguard suppress unlink 812 42 --evidence "namesake at another site, checked by phone"
    """
    with _ledger(ctx) as ledger:
        lifted = ledger.unlink_suppression(entry, lead, evidence=evidence)
    text = f"unlinked; lifted entries: {', '.join(map(str, lifted))}"
    _emit({"entry_id": entry, "lead_id": lead, "lifted": lifted}, as_json, text)


@suppress.command("links")
@click.option("--uncertain", "uncertain_only", is_flag=True, help="Only uncertain links.")
@table_output
@click.pass_context
def suppress_links(
    ctx: click.Context, uncertain_only: bool, fmt: str, out: str | None, as_json: bool
) -> None:
    """Suppression rows linked to leads by name and company, with probability and evidence."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.suppression_links(uncertain_only=uncertain_only)
    _write_frame(frame, "json" if as_json else fmt, out, "links")


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
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.screen(
            table.frame, channel, scope=scope, mapping=_parse_map(maps) or None, country=country
        )
    _write_frame(frame, "json" if as_json else fmt, out, "rows")


# -- recipients, policies, notices, exports ------------------------------------------------------


@cli.group()
def recipient() -> None:
    """Who receives exports: processors, resellers and group companies."""


@recipient.command("add")
@click.argument("name")
@click.option(
    "--role", required=True, type=click.Choice(["processor", "reseller", "group_company"])
)
@click.option("--country", required=True, help="Where it processes the data (ISO code).")
@click.option("--transfer", help="Outside the EEA: adequacy, scc, bcr or dpf.")
@click.option("--dpf-checked-on", type=DATE, help="When the DPF certification was checked.")
@click.option("--contract", help="A processor's Art. 28 contract reference.")
@click.option("--purposes", help="Legal bases it may receive leads under (comma-separated).")
@click.option("--safeguard-url", help="Where a copy of the transfer safeguard can be had.")
@click.option("--replace", is_flag=True, help="Update a recipient registered with other values.")
@json_option
@click.pass_context
def recipient_add(
    ctx: click.Context,
    name: str,
    role: str,
    country: str,
    transfer: str | None,
    dpf_checked_on: datetime | None,
    contract: str | None,
    purposes: str | None,
    safeguard_url: str | None,
    replace: bool,
    as_json: bool,
) -> None:
    """Register a recipient of exported leads.

    \b
    Examples:
      leadguard recipient add "Mailchimp" --role processor --country US --transfer dpf \\
          --dpf-checked-on 2026-11-02 --contract DPA-2024-017 --purposes prospecting
      leadguard recipient add "Example Software AB" --role group_company --country SE
    """
    with _ledger(ctx) as ledger:
        added = ledger.add_recipient(
            name,
            role=role,
            country=country,
            transfer=transfer,
            dpf_checked_on=_date(dpf_checked_on),
            contract_ref=contract,
            purposes=purposes,
            safeguard_url=safeguard_url,
            replace=replace,
        )
    data = asdict(added)
    _emit(data, as_json, f"recipient {added.name!r} registered ({added.role}, {added.country})")


@recipient.command("list")
@json_option
@click.pass_context
def recipient_list(ctx: click.Context, as_json: bool) -> None:
    """Show every recipient."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.recipients()
    _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


@cli.group()
def policy() -> None:
    """Per-country channel rules (ePrivacy) and the notice policy for exports."""


@policy.command("set")
@click.argument("country")
@click.argument("channel", type=click.Choice(["email", "phone", "post"]))
@click.argument("rule", type=click.Choice(["allowed", "consent", "role_only"]))
@click.option("--note", help="Why (the law or advice it follows).")
@click.pass_context
def policy_set(ctx: click.Context, country: str, channel: str, rule: str, note: str | None) -> None:
    """Override the rule for one country and channel.

    \b
    Example:
      leadguard policy set NL email consent --note "our counsel, 2026-11"
    """
    with _ledger(ctx) as ledger:
        ledger.set_channel_rule(country, channel, rule, note=note)
    click.echo(f"{country} {channel}: {rule}")


@policy.command("confirm")
@click.argument("country")
@click.argument("channel", type=click.Choice(["email", "phone", "post"]))
@click.option("--by", "by", required=True, help="The privacy officer who confirms the rule.")
@click.option(
    "--audience",
    type=click.Choice(["business", "individual"]),
    default="business",
    show_default=True,
    help="Whom the rule is for.",
)
@json_option
@click.pass_context
def policy_confirm(
    ctx: click.Context, country: str, channel: str, by: str, audience: str, as_json: bool
) -> None:
    """Record that your privacy officer confirmed the rule now in force for one country and
    channel (shown as stale once that rule or its source changes).

    \b
    Example:
      leadguard policy confirm NL email --by "A. Jansen (DPO)"
    """
    with _ledger(ctx) as ledger:
        done = ledger.confirm_channel_rule(country, channel, by=by, audience=audience)
    _emit(
        done,
        as_json,
        f"{done['country']} {done['channel']} ({done['audience']}): {done['rule']} "
        f"confirmed by {done['confirmed_by']} on {done['confirmed_on']}",
    )


@policy.command("show")
@json_option
@click.pass_context
def policy_show(ctx: click.Context, as_json: bool) -> None:
    """Every country's rule per channel, its source and when it was checked, the officer's
    confirmation, the do-not-call registries and the notice policy."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.channel_rules()
        registries = ledger.registry_states()
        notice = ledger.notice_policy
    if as_json:
        data = {
            "notice_policy": notice,
            "rules": frame.to_dict(orient="records"),
            "registries": registries,
        }
        _emit(data, True)
        return
    table = frame[["country", "channel", "audience", "rule", "origin"]].copy()
    table["checked_on"] = [str(d) if d is not None else "-" for d in frame["checked_on"]]
    table["confirmed"] = [
        "-"
        if by is None
        else f"{by} on {on}" + (" (stale: rule changed)" if state == "stale" else "")
        for by, on, state in zip(
            frame["confirmed_by"], frame["confirmed_on"], frame["confirmation"], strict=True
        )
    ]
    click.echo(table.to_string(index=False))
    if registries:
        click.echo("\ndo-not-call registries:")
        for reg in registries:
            click.echo(f"  {reg['name']} ({reg['country']}, {reg['channel']}): {reg['state']}")
    click.echo(f"\nnotice policy: {notice}; any other country: consent")
    click.echo("defaults are researched, not legal advice: see leadguard policy show --json")


@policy.command("notice")
@click.argument("mode", type=click.Choice(["strict", "with-first-contact"]))
@click.pass_context
def policy_notice(ctx: click.Context, mode: str) -> None:
    """strict: only leads whose Art. 14 notice was given leave; with-first-contact: a processor
    making the first contact may also get them, with the notice in the file."""
    with _ledger(ctx) as ledger:
        ledger.set_setting("notice.policy", mode)
    click.echo(f"notice policy: {mode}")


@cli.group()
def config() -> None:
    """Controller identity, supervisory authority and other settings kept in the ledger."""


@config.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_context
def config_set(ctx: click.Context, key: str, value: str) -> None:
    """Set one setting (an empty VALUE removes it).

    \b
    Example:
      leadguard config set controller.name "Example Group NV"
    """
    with _ledger(ctx) as ledger:
        ledger.set_setting(key, value)
    click.echo(f"{key} = {value}")


@config.command("show")
@json_option
@click.pass_context
def config_show(ctx: click.Context, as_json: bool) -> None:
    """Every setting with its value."""
    from leadguard.ledger._export import SETTINGS

    with _ledger(ctx, read_only=True) as ledger:
        values = ledger.settings()
    text = "\n".join(f"{k} = {v or '-'}    # {SETTINGS[k]}" for k, v in values.items())
    _emit(values, as_json, text)


@cli.group()
def notices() -> None:
    """Art. 14 notices: which are due, recording them, and their text."""


@notices.command("due")
@click.option("--status", type=click.Choice(["due", "overdue", "given"]), help="Only these.")
@table_output
@click.pass_context
def notices_due(
    ctx: click.Context, status: str | None, fmt: str, out: str | None, as_json: bool
) -> None:
    """Every lead's notice: due date (one month after acquisition or first disclosure), state."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.notices_due(status)
    _write_frame(frame, "json" if as_json else fmt, out, "leads")


@notices.command("mark-sent")
@click.option("--lead", "lead_ids", multiple=True, type=int, help="A lead id (repeatable).")
@click.option(
    "--leads",
    "leads_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A file of lead ids (one per line, or a CSV with lead_id/leadguard_id).",
)
@click.option(
    "--channel", required=True, type=click.Choice(["email", "phone", "post", "processor"])
)
@click.option("--on", "on", type=DATE, help="When it was sent (default: today).")
@click.option("--language", help="The notice's language (en, nl, fr, de, sv).")
@click.option("--version", "version", default="1", show_default=True)
@click.option("--exemption", help="The Art. 14(5) ground relied on instead of sending.")
@json_option
@click.pass_context
def notices_mark_sent(
    ctx: click.Context,
    lead_ids: tuple[int, ...],
    leads_file: str | None,
    channel: str,
    on: datetime | None,
    language: str | None,
    version: str,
    exemption: str | None,
    as_json: bool,
) -> None:
    """Record that the notice was given.

    \b
    Example:
      leadguard notices mark-sent --leads sent.csv --channel email --on 2026-11-20
    """
    ids = list(lead_ids)
    if leads_file:
        ids += _read_ids(leads_file)
    if not ids:
        raise ConfigError("name the leads: --lead ID or --leads FILE")
    with _ledger(ctx) as ledger:
        n = ledger.mark_notice_sent(
            ids, channel=channel, on=_date(on), language=language, version=version,
            exemption=exemption,
        )  # fmt: skip
    _emit({"recorded": n}, as_json, f"notice recorded for {n} lead(s)")


def _read_ids(path: str) -> list[int]:
    import pandas as pd

    text = Path(path).read_text(encoding="utf-8-sig").strip()
    first = text.splitlines()[0] if text else ""
    if "," in first or "lead" in first.lower():
        frame = pd.read_csv(path)
        column = next((c for c in ("lead_id", "leadguard_id") if c in frame.columns), None)
        if column is None:
            raise ConfigError(f"{Path(path).name}: no lead_id or leadguard_id column")
        return [int(v) for v in frame[column].dropna()]
    return [int(line) for line in text.splitlines() if line.strip()]


@notices.command("text")
@click.argument("lead", type=int)
@click.option("--language", help="en, nl, fr, de or sv (default: the lead's country's).")
@click.option("--html", is_flag=True, help="HTML instead of plain text.")
@click.pass_context
def notices_text(ctx: click.Context, lead: int, language: str | None, html: bool) -> None:
    """Print the Art. 14 notice for one lead."""
    with _ledger(ctx, read_only=True) as ledger:
        click.echo(ledger.notice_text(lead, language, html=html))


@cli.command()
@click.option("--to", "to", required=True, help="A registered recipient.")
@click.option("--channel", required=True, type=click.Choice(["email", "phone", "post"]))
@click.option("--purpose", required=True, help="The legal basis (a registered basis name).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "hubspot", "mailchimp", "salesforce"]),
    default="csv",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False), help="The file to write.")
@click.option("--dry-run", is_flag=True, help="Count only: write and record nothing.")
@click.option("--include-role", is_flag=True, help="Also role mailboxes (info@, sales@).")
@click.option("--include-shared", is_flag=True, help="Also addresses several people share.")
@click.option("--scope", help="Screen suppression for one company or brand.")
@json_option
@click.pass_context
def export(
    ctx: click.Context,
    to: str,
    channel: str,
    purpose: str,
    fmt: str,
    out: str | None,
    dry_run: bool,
    include_role: bool,
    include_shared: bool,
    scope: str | None,
    as_json: bool,
) -> None:
    """Export the leads it is lawful to send, through the gate; log every disclosure.

    \b
    Example:
      leadguard export --to Mailchimp --channel email --purpose prospecting \\
          --format mailchimp --out audience.csv
    """
    with _ledger(ctx, read_only=dry_run) as ledger:
        report = ledger.export(
            to, channel, purpose, fmt, out, dry_run,
            include_role=include_role, include_shared=include_shared, scope=scope,
        )  # fmt: skip
    _emit(report.as_dict(), as_json, str(report))


@cli.command()
@click.option("--lead", type=int, help="One lead (default: every disclosure).")
@table_output
@click.pass_context
def disclosures(
    ctx: click.Context, lead: int | None, fmt: str, out: str | None, as_json: bool
) -> None:
    """Who received which lead, when, which fields, from which export."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.disclosures(lead)
    _write_frame(frame, "json" if as_json else fmt, out, "disclosures")


@cli.command("recipients-to-notify")
@click.option("--lead", required=True, type=int)
@json_option
@click.pass_context
def recipients_to_notify(ctx: click.Context, lead: int, as_json: bool) -> None:
    """Whom to tell after a rectification, erasure, restriction (Art. 19) or objection."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.recipients_to_notify(lead)
    text = frame.to_string(index=False) if len(frame) else "never disclosed to anyone"
    _emit(frame.to_dict(orient="records"), as_json, text)


@cli.command()
@json_option
@click.pass_context
def exports(ctx: click.Context, as_json: bool) -> None:
    """Every export: recipient, basis, channel, counts, file and its SHA-256."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.exports()
    _emit(frame.to_dict(orient="records"), as_json, frame.to_string(index=False))


# -- data-subject requests ---------------------------------------------------------------------


def _who(fn: F) -> F:
    """--email / --phone / --lead / --country: whom a request is about."""
    fn = click.option("--country", help="Country of a number written without +<code>.")(fn)
    fn = click.option("--lead", "lead_id", type=int, help="A lead id (as leadguard leads shows).")(
        fn
    )
    fn = click.option("--phone", help="The person's phone number.")(fn)
    return click.option("--email", help="The person's e-mail address.")(fn)


def _request_options(fn: F) -> F:
    fn = click.option("--verified", help="How the person's identity was verified (a note).")(fn)
    return click.option(
        "--received-on", type=DATE, help="When the request came in (default: today)."
    )(fn)


def _open(ledger: Ledger, kind: str, who: dict[str, Any], received_on: datetime | None,
          verified: str | None) -> str:  # fmt: skip
    return ledger.open_request(
        kind,
        email=who.get("email"),
        phone=who.get("phone"),
        lead_ids=(who["lead_id"],) if who.get("lead_id") else (),
        received_on=_date(received_on),
        verified=verified,
    )


@cli.group()
def request() -> None:
    """Answer people: access, erasure, objection, restriction, rectification."""


@request.command("access")
@_who
@_request_options
@click.option(
    "--format", "fmt", type=click.Choice(["json", "md", "html"]), default="md", show_default=True
)
@click.option(
    "--lang",
    type=click.Choice(["en", "nl", "fr", "de", "sv"]),
    help="Language of the answer (default: the person's country's).",
)
@click.option("--out", type=click.Path(dir_okay=False), help="Write the answer to a file.")
@click.pass_context
def request_access(
    ctx: click.Context,
    email: str | None,
    phone: str | None,
    lead_id: int | None,
    country: str | None,
    received_on: datetime | None,
    verified: str | None,
    fmt: str,
    lang: str | None,
    out: str | None,
) -> None:
    """ "Where did you get my data?": every Art. 15 item, each value with its sources.

    \b
    Example:
      leadguard request access --email jan.peeters@acme.example --format html \\
          --lang nl --out answer.html
    """
    from leadguard.requests import render_access

    who = {"email": email, "phone": phone, "lead_id": lead_id}
    with _ledger(ctx) as ledger:
        request_id = _open(ledger, "access", who, received_on, verified)
        document = ledger.access_report(
            email=email, phone=phone, lead_id=lead_id, language=lang, request_id=request_id,
            country=country,
        )  # fmt: skip
    for warning in document["warnings"]:
        click.echo(f"leadguard: warning: {warning}", err=True)
    text = render_access(document, fmt, lang)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"{request_id}: answer written to {out}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _act(ctx: click.Context, kind: str, yes: bool, as_json: bool, who: dict[str, Any],
         received_on: datetime | None, verified: str | None) -> None:  # fmt: skip
    if kind in ("erasure", "objection") and not yes:
        if not sys.stdin.isatty():
            raise ConfigError(f"an {kind} removes the person's data for good: confirm with --yes")
        click.confirm(f"{kind.capitalize()}: remove this person's data for good?", abort=True)
    with _ledger(ctx) as ledger:
        request_id = _open(ledger, kind, who, received_on, verified)
        if kind == "erasure":
            outcome = ledger.erase(request_id=request_id, **who)
        elif kind == "objection":
            outcome = ledger.erase(request_id=request_id, _reason="objection", **who)
        else:
            outcome = ledger.restrict_request(**who)
    _emit(outcome.as_dict(), as_json, str(outcome))


@request.command("erase")
@_who
@_request_options
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (scripts).")
@json_option
@click.pass_context
def request_erase(ctx: click.Context, email: str | None, phone: str | None, lead_id: int | None,
                  country: str | None, received_on: datetime | None, verified: str | None,
                  yes: bool, as_json: bool) -> None:  # fmt: skip
    """Erase a person (Art. 17): data gone from the file, kept off future imports.

    \b
    Example:
      leadguard request erase --email jan.peeters@acme.example --yes
    """
    who = {"email": email, "phone": phone, "lead_id": lead_id, "country": country}
    _act(ctx, "erasure", yes, as_json, who, received_on, verified)


@request.command("object")
@_who
@_request_options
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (scripts).")
@json_option
@click.pass_context
def request_object(ctx: click.Context, email: str | None, phone: str | None, lead_id: int | None,
                   country: str | None, received_on: datetime | None, verified: str | None,
                   yes: bool, as_json: bool) -> None:  # fmt: skip
    """An objection to direct marketing (Art. 21): every channel, keeping only the hashes."""
    who = {"email": email, "phone": phone, "lead_id": lead_id, "country": country}
    _act(ctx, "objection", yes, as_json, who, received_on, verified)


@request.command("restrict")
@_who
@_request_options
@json_option
@click.pass_context
def request_restrict(ctx: click.Context, email: str | None, phone: str | None,
                     lead_id: int | None, country: str | None, received_on: datetime | None,
                     verified: str | None, as_json: bool) -> None:  # fmt: skip
    """Restrict processing (Art. 18): never exported until lifted."""
    who = {"email": email, "phone": phone, "lead_id": lead_id, "country": country}
    _act(ctx, "restriction", True, as_json, who, received_on, verified)


@request.command("rectify")
@click.option("--lead", "lead_id", required=True, type=int)
@click.option("--field", required=True, help="first_name, last_name, email, phone, company, …")
@click.option("--value", required=True, help="The correct value.")
@json_option
@click.pass_context
def request_rectify(ctx: click.Context, lead_id: int, field: str, value: str,
                    as_json: bool) -> None:  # fmt: skip
    """Correct a value (Art. 16); it stays corrected after later imports and dedupe runs."""
    with _ledger(ctx) as ledger:
        outcome = ledger.rectify(lead_id, field, value)
    _emit(outcome.as_dict(), as_json, str(outcome))


@request.command("find")
@click.option("--email")
@click.option("--phone")
@click.option("--name", help="First and last name.")
@click.option("--company")
@click.option("--country", help="Country of a number written without +<code>.")
@json_option
@click.pass_context
def request_find(ctx: click.Context, email: str | None, phone: str | None, name: str | None,
                 company: str | None, country: str | None, as_json: bool) -> None:  # fmt: skip
    """Who a request is about: leads confirmed by an address or number, or name candidates."""
    with _ledger(ctx, read_only=True) as ledger:
        match = ledger.find_person(email=email, phone=phone, name=name, company=company,
                                   country=country)  # fmt: skip
    data = {
        "lead_ids": list(match.lead_ids),
        "identified_by": list(match.identified_by),
        "shared": list(match.shared),
        "candidates": match.candidates.to_dict(orient="records"),
    }
    _emit(data, as_json, str(match))


@request.command("extend")
@click.argument("request_id")
@click.option("--reason", required=True, help="Why (complexity, number of requests).")
@click.option("--told-on", type=DATE, help="When the person was told (within the first month).")
@click.pass_context
def request_extend(ctx: click.Context, request_id: str, reason: str,
                   told_on: datetime | None) -> None:  # fmt: skip
    """Extend a request by two months (Art. 12(3))."""
    with _ledger(ctx) as ledger:
        until = ledger.extend_request(request_id, reason=reason, told_on=_date(told_on))
    click.echo(f"{request_id}: due {until}")


@cli.command("requests")
@click.option("--overdue", is_flag=True, help="Only open requests past their deadline.")
@json_option
@click.pass_context
def requests_cmd(ctx: click.Context, overdue: bool, as_json: bool) -> None:
    """The request register: type, received, due (one calendar month), status."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.requests(overdue=overdue)
    text = frame.drop(columns=["outcome"]).to_string(index=False) if len(frame) else "no requests"
    _emit(frame.to_dict(orient="records"), as_json, text)


# -- retention and audit -------------------------------------------------------------------------


@cli.command()
@click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
@json_option
@click.pass_context
def purge(ctx: click.Context, dry_run: bool, as_json: bool) -> None:
    """Remove leads past their delete-by date (retention), the way erasure does.

    \b
    Example:
      leadguard purge --dry-run
    """
    with _ledger(ctx, read_only=dry_run) as ledger:
        report = ledger.purge(dry_run=dry_run)
    _emit(report.as_dict(), as_json, str(report))


@cli.group()
def audit() -> None:
    """The append-only, hash-chained audit trail."""


@audit.command("verify")
@json_option
@click.pass_context
def audit_verify(ctx: click.Context, as_json: bool) -> None:
    """Check that no event was edited, deleted or reordered (exit 1 if one was)."""
    with _ledger(ctx, read_only=True) as ledger:
        result = ledger.verify_audit()
    text = f"audit trail intact: {result.events} events" if result.ok else f"{result.problem}"
    _emit(result.as_dict(), as_json, text)
    if not result.ok:
        sys.exit(1)


@audit.command("log")
@click.option("--since", type=DATE, help="Events from this day on (YYYY-MM-DD).")
@json_option
@click.pass_context
def audit_log(ctx: click.Context, since: datetime | None, as_json: bool) -> None:
    """Who did what, when (--json: one JSON array of events)."""
    with _ledger(ctx, read_only=True) as ledger:
        frame = ledger.audit_log(since)
    if as_json:
        records = frame.drop(columns=["prev_hash"]).to_dict(orient="records")
        for record in records:
            record["details"] = json.loads(record["details"])
        _emit(records, True)
        return
    lines = [
        f"{r.seq:>6}  {r.at:%Y-%m-%d %H:%M:%S}  {r.who:<12}  {r.action:<18}  {r.details}"
        for r in frame.itertuples()
    ]
    click.echo("\n".join(lines) if lines else "no events")


@cli.command()
@click.option(
    "--html",
    "html_out",
    required=True,
    type=click.Path(dir_okay=False),
    help="The HTML file to write.",
)
@click.option("--to", "to", help="Include a dry-run export to this recipient (its exclusions).")
@click.option(
    "--channel", type=click.Choice(["email", "phone", "post"]), default="email", show_default=True
)
@click.option("--purpose", help="The legal basis of that dry run.")
@click.pass_context
def report(
    ctx: click.Context, html_out: str, to: str | None, channel: str, purpose: str | None
) -> None:
    """A one-page HTML overview: counts, charts, suppression, requests and notices.

    \b
    Example:
      leadguard report --html overview.html --to "Example Mailer" --purpose prospecting
    """
    from leadguard.plots import overview_html

    with _ledger(ctx, read_only=True) as ledger:
        dry = ledger.export(to, channel, purpose, dry_run=True) if to else None
        Path(html_out).write_text(overview_html(ledger, dry), encoding="utf-8")
    click.echo(f"overview written to {html_out}", err=True)


@cli.command("migrate")
@click.option(
    "--from", "source", required=True, type=click.Path(exists=True, dir_okay=False),
    help="The ledger file to move (DuckDB).",
)  # fmt: skip
@click.option("--to", "target", required=True, help="postgresql://user@host:port/dbname")
@json_option
def migrate(source: str, target: str, as_json: bool) -> None:
    """Move a local ledger file into an empty shared ledger on PostgreSQL, losslessly.

    Lead ids, suppression, disclosures, requests and the audit chain move as they are; every
    process that opens the shared ledger then sets LEADGUARD_SECRET to the file's key.

    \b
    Example:
      leadguard migrate --from leadguard.duckdb --to postgresql://leadguard@db.example/leads
    """
    from leadguard.shared import migrate_ledger

    report = migrate_ledger(source, target)
    data = asdict(report) | {"lossless": report.lossless}
    lines = [f"migrated {source} to {report.target} (schema {report.schema_version})"]
    lines += [f"  {table:<22} {n:>10,}" for table, n in sorted(report.rows.items()) if n]
    if report.mismatches:
        lines.append(f"counts differ: {report.mismatches}")
    else:
        lines.append("every table has the same number of rows on both sides")
    lines.append(
        "every process that opens it now needs LEADGUARD_SECRET = the text of the file's key "
        f"({source}.key), unless LEADGUARD_SECRET was already set for the file"
    )
    _emit(data, as_json, "\n".join(lines))
    if report.mismatches:
        sys.exit(1)


@cli.group()
def db() -> None:
    """The shared ledger's PostgreSQL roles (least privilege)."""


@db.command("grant")
@click.argument("role", type=click.Choice(["pipeline", "analyst", "officer"]))
@click.argument("login")
@json_option
@click.pass_context
def db_grant(ctx: click.Context, role: str, login: str, as_json: bool) -> None:
    """Give the PostgreSQL LOGIN a leadguard ROLE (run as the ledger's owner).

    \b
    pipeline  imports lists and suppression files, runs dedupe
    analyst   reads leads and reports, screens, exports through the gate; no raw cells,
              requests or form answers, no lifting suppressions, no deleting audit events
    officer   requests, erasure, restriction, rectification, suppression lifts, purge

    \b
    Example:
      leadguard --db postgresql://owner@db.example/leads db grant analyst alice
    """
    from leadguard.shared import grant_role

    statements = grant_role(ctx.obj["db"], role, login)
    _emit(
        {"role": role, "login": login, "statements": statements},
        as_json,
        f"{login} has the leadguard role {role} (group role leadguard_{role})",
    )


@db.command("vacuum")
@json_option
@click.pass_context
def db_vacuum(ctx: click.Context, as_json: bool) -> None:
    """Rewrite every table of the shared ledger (VACUUM FULL), as the ledger's owner.

    An erasure or purge by the privacy officer's role removes the rows at once; the values
    leave the table files when their owner rewrites them: run this after it (or nightly).
    """
    from leadguard.shared import vacuum_ledger

    skipped = vacuum_ledger(ctx.obj["db"])
    text = (
        "every table rewritten"
        if not skipped
        else f"not rewritten (run as the tables' owner): {', '.join(skipped)}"
    )
    _emit({"not_rewritten": list(skipped)}, as_json, text)
    if skipped:
        sys.exit(1)


@db.command("roles")
@json_option
def db_roles(as_json: bool) -> None:
    """The roles ``db grant`` gives, and what each may do."""
    from leadguard.shared import ROLES

    _emit(ROLES, as_json, "\n".join(f"{k:<9} {v}" for k, v in ROLES.items()))


def main() -> None:
    """Entry point of the ``leadguard`` command."""
    cli(prog_name="leadguard")
