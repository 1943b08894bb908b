"""The ``leadguard`` command: a thin layer over the library API (no SQL, no rules here)."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from leadguard._version import __version__
from leadguard.normalize import normalize_email, normalize_phone


@click.group()
@click.version_option(__version__, prog_name="leadguard")
def cli() -> None:
    """leadguard keeps marketing leads lawful: provenance, suppression, gated exports, answers."""


@cli.command("normalize")
@click.argument("kind", type=click.Choice(["email", "phone"]))
@click.argument("value")
@click.option("--region", help="Country of the number when it has no +prefix (BE, Belgique, …).")
def normalize_cmd(kind: str, value: str, region: str | None) -> None:
    """Show how leadguard reads one e-mail or phone cell (JSON on stdout).

    \b
    Example:
      leadguard normalize phone "GSM: 0470 12 34 56" --region BE
    """
    result = normalize_email(value) if kind == "email" else normalize_phone(value, region)
    click.echo(json.dumps(asdict(result), ensure_ascii=False))


def main() -> None:
    """Entry point of the ``leadguard`` command."""
    cli(prog_name="leadguard")
