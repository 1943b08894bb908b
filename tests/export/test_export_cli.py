"""recipient, policy, config, notices, export, disclosures: what a pipeline script runs."""

import json
from pathlib import Path

import pytest

from conftest import invoke_cli as invoke

EXPO = Path(__file__).parents[1] / "data" / "ledger" / "expo_registrations.csv"


@pytest.fixture
def db(cli_expo_db: str) -> str:
    for args in (
        ["config", "set", "controller.name", "Example Group NV"],
        ["config", "set", "controller.email", "privacy@example-group.example"],
        ["config", "set", "authority.name", "Gegevensbeschermingsautoriteit"],
    ):
        code, out, err = invoke(cli_expo_db, *args)
        assert code == 0, (args, out, err)
    return cli_expo_db


def test_recipient_policy_notices_export(db: str, tmp_path: Path) -> None:
    code, _, err = invoke(
        db,
        "recipient",
        "add",
        "Old US",
        "--role",
        "processor",
        "--country",
        "US",
        "--transfer",
        "privacy-shield",
    )
    assert code == 1 and "Privacy Shield" in err and "2020" in err
    code, out, _ = invoke(
        db,
        "recipient",
        "add",
        "Mailer",
        "--role",
        "processor",
        "--country",
        "BE",
        "--contract",
        "DPA-1",
        "--json",
    )
    assert code == 0 and json.loads(out)["contract_ref"] == "DPA-1"
    code, out, _ = invoke(db, "policy", "show", "--json")
    rules = json.loads(out)
    assert rules["notice_policy"] == "strict"
    assert {"country": "DE", "channel": "email", "rule": "consent"}.items() <= next(
        r for r in rules["rules"] if (r["country"], r["channel"]) == ("DE", "email")
    ).items()
    assert invoke(db, "policy", "set", "BE", "email", "allowed")[0] == 0
    code, out, _ = invoke(db, "notices", "due", "--format", "json")
    due = json.loads(out)
    assert due and {d["status"] for d in due} == {"overdue"}  # acquired October 2026
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(str(d["lead_id"]) for d in due))
    code, out, _ = invoke(db, "notices", "mark-sent", "--leads", str(ids), "--channel", "email")
    assert code == 0 and f"recorded for {len(due)}" in out
    code, out, _ = invoke(
        db,
        "export",
        "--to",
        "Mailer",
        "--channel",
        "email",
        "--purpose",
        "prospecting",
        "--dry-run",
        "--json",
    )
    dry = json.loads(out)
    assert dry["dry_run"] and dry["out"] is None
    out_file = tmp_path / "out.csv"
    code, out, _ = invoke(
        db,
        "export",
        "--to",
        "Mailer",
        "--channel",
        "email",
        "--purpose",
        "prospecting",
        "--out",
        str(out_file),
    )
    assert code == 0 and "export 1" in out and out_file.exists()
    import csv

    with out_file.open(encoding="utf-8") as handle:
        lead = next(csv.DictReader(handle))["leadguard_id"]
    code, out, _ = invoke(db, "disclosures", "--format", "json")
    assert code == 0 and len(json.loads(out)) == dry["exported"]
    code, out, _ = invoke(db, "exports", "--json")
    assert json.loads(out)[0]["rows_exported"] == dry["exported"]
    code, out, _ = invoke(db, "recipients-to-notify", "--lead", lead, "--json")
    assert code == 0


def test_export_refusals_are_one_line(db: str) -> None:
    invoke(db, "recipient", "add", "Far", "--role", "reseller", "--country", "IN")
    code, _, err = invoke(
        db, "export", "--to", "Far", "--channel", "email", "--purpose", "prospecting", "--dry-run"
    )
    assert code == 1 and "outside the EEA" in err and len(err.strip().splitlines()) == 1
    code, _, err = invoke(
        db,
        "export",
        "--to",
        "Nobody",
        "--channel",
        "email",
        "--purpose",
        "prospecting",
        "--dry-run",
    )
    assert code == 1 and "unknown recipient" in err
    code, _, err = invoke(db, "config", "set", "controller.nmae", "x")
    assert code == 1 and "unknown setting" in err
