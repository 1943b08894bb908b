"""The legal-basis and source registers, and the schema's versioning."""

from datetime import date
from pathlib import Path

import duckdb
import pytest

import leadguard
from leadguard.db import SCHEMA_VERSION


def test_open_creates_the_ledger_with_the_current_schema(ledger_path: Path) -> None:
    with leadguard.open(ledger_path) as lg:
        assert lg.bases().empty
    con = duckdb.connect(str(ledger_path))
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone() == (SCHEMA_VERSION,)
    con.close()


def test_a_newer_ledger_is_refused_with_advice(ledger_path: Path) -> None:
    leadguard.open(ledger_path).close()
    con = duckdb.connect(str(ledger_path))
    con.execute("INSERT INTO schema_migrations VALUES (999, '0999_future.sql', now())")
    con.close()
    with pytest.raises(leadguard.SchemaVersionError, match="upgrade leadguard"):
        leadguard.open(ledger_path)


def test_an_older_ledger_is_migrated(ledger_path: Path) -> None:
    # A file holding only the migrations table (as a first release would leave it) opens.
    con = duckdb.connect(str(ledger_path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    con.close()
    with leadguard.open(ledger_path) as lg:
        assert lg.sources().empty


def test_not_a_ledger_is_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_bytes(b"this is not a database" * 100)
    with pytest.raises(leadguard.LedgerError, match="notes.duckdb"):
        leadguard.open(bogus)


def test_add_basis_is_idempotent_and_refuses_silent_changes(ledger: leadguard.Ledger) -> None:
    again = ledger.add_basis(
        "prospecting",
        kind="legitimate_interest",
        purpose="B2B prospecting",
        channels=["email", "phone"],
        retention_months=24,
        lia_text=ledger.basis("prospecting").lia_text,
        lia_assessed_by="Privacy officer",
        lia_assessed_on=date(2026, 1, 15),
        lia_review_by=date(2099, 1, 15),
    )
    assert again == ledger.basis("prospecting")
    assert len(ledger.bases()) == 1
    with pytest.raises(leadguard.RegisterError, match="replace"):
        ledger.add_basis(
            "prospecting",
            kind="legitimate_interest",
            purpose="changed",
            channels="email",
            retention_months=12,
            lia_text="x",
        )
    changed = ledger.add_basis(
        "prospecting",
        kind="legitimate_interest",
        purpose="changed",
        channels="email",
        retention_months=12,
        lia_text="x",
        replace=True,
    )
    assert ledger.basis("prospecting") == changed
    assert changed.channels == ("email",)


def test_lia_file_is_read_and_hashed(ledger: leadguard.Ledger, tmp_path: Path) -> None:
    lia = tmp_path / "lia.md"
    lia.write_text("Purpose test: yes.\nNecessity test: yes.\nBalancing test: yes.\n")
    basis = ledger.add_basis(
        "events",
        kind="legitimate_interest",
        purpose="Follow-up of trade fair visitors",
        channels="email",
        retention_months=12,
        lia_file=lia,
    )
    assert basis.lia_file == "lia.md"
    assert basis.lia_text and "Balancing test" in basis.lia_text
    assert basis.lia_sha256 and len(basis.lia_sha256) == 64


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "legit"}, "unknown basis kind"),
        ({"channels": "fax"}, "unknown channel"),
        ({"retention_months": 0}, "positive"),
        ({"purpose": " "}, "purpose"),
    ],
)
def test_bad_basis_values_say_what_to_do(
    ledger: leadguard.Ledger, kwargs: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {
        "kind": "consent",
        "purpose": "Newsletter",
        "channels": "email",
        "retention_months": 24,
    }
    values.update(kwargs)
    with pytest.raises(leadguard.LeadguardError, match=message):
        ledger.add_basis("x", **values)  # type: ignore[arg-type]


def test_a_purchased_list_needs_supplier_and_contract(ledger: leadguard.Ledger) -> None:
    with pytest.raises(leadguard.RegisterError, match="supplier"):
        ledger.add_source("Bought list", kind="purchased_list", publicly_accessible=False)
    bought = ledger.add_source(
        "Bought list",
        kind="purchased_list",
        publicly_accessible=False,
        supplier="Example Data BV",
        contract_ref="PO-2026-17",
    )
    assert bought.source_id is not None
    assert set(ledger.sources()["name"]) == {"Expo 2026", "Bought list"}


def test_unknown_register_names_say_how_to_register(ledger: leadguard.Ledger) -> None:
    with pytest.raises(leadguard.RegisterError, match="leadguard source add"):
        ledger.source("nope")
    with pytest.raises(leadguard.RegisterError, match="leadguard basis add"):
        ledger.basis("nope")
