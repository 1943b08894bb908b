"""Shared fixtures: a fresh ledger on disk with one legitimate-interest basis and one source."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import leadguard
from leadguard.cli import cli

DATA = Path(__file__).parent / "data"
LIA_TEXT = """Purpose test: offering our products to professionals whose role relates to them.
Necessity test: contacting them in their professional role is the least intrusive way.
Balancing test: business contact data, opt-out in every message, notice within a month.
"""


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def ledger(ledger_path: Path) -> Iterator[leadguard.Ledger]:
    lg = leadguard.open(ledger_path, user="tester")
    lg.add_basis(
        "prospecting",
        kind="legitimate_interest",
        purpose="B2B prospecting",
        channels="email,phone",
        retention_months=24,
        lia_text=LIA_TEXT,
        lia_assessed_by="Privacy officer",
        lia_assessed_on=date(2026, 1, 15),
        lia_review_by=date(2099, 1, 15),
    )
    lg.add_source("Expo 2026", kind="event", publicly_accessible=False)
    yield lg
    lg.close()


EXPO = DATA / "ledger" / "expo_registrations.csv"


def invoke_cli(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``leadguard --db DB ARGS…``: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    """A ledger made with the CLI: init, a legitimate-interest basis with its LIA, a source."""
    path = tmp_path / "cli.duckdb"
    lia = tmp_path / "lia.md"
    lia.write_text("Purpose test: ok. Necessity test: ok. Balancing test: ok.\n")
    for args in (
        ["init"],
        ["basis", "add", "prospecting", "--kind", "legitimate_interest",
         "--purpose", "B2B prospecting", "--lia-file", str(lia), "--channels", "email,phone",
         "--retention-months", "24", "--lia-review-by", "2099-01-01"],
        ["source", "add", "Expo 2026", "--kind", "event", "--not-public"],
    ):  # fmt: skip
        code, out, err = invoke_cli(path, *args)
        assert code == 0, (args, out, err)
    return path


@pytest.fixture
def cli_expo_db(cli_db: Path) -> Path:
    """cli_db with the Expo registrations imported and deduped."""
    for args in (
        ["ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting"],
        ["dedupe"],
    ):
        code, out, err = invoke_cli(cli_db, *args)
        assert code == 0, (args, out, err)
    return cli_db
