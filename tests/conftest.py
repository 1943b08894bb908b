"""Shared fixtures: a fresh ledger on disk with one legitimate-interest basis and one source."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import leadguard

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
