"""The suppress commands and screen: what a pipeline script runs."""

import hashlib
import json
from pathlib import Path

import pytest

from conftest import invoke_cli as invoke

SAMPLE = Path(__file__).parents[2] / "sample_data" / "suppression"
EXPO = Path(__file__).parents[1] / "data" / "ledger" / "expo_registrations.csv"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    code, out, _ = invoke(path, "init")
    assert code == 0 and "suppression key" in out and "back it up" in out
    return path


def test_import_check_list_lift(db: Path, tmp_path: Path) -> None:
    code, out, _ = invoke(
        db,
        "suppress",
        "import",
        str(SAMPLE / "mailchimp_unsubscribed.csv"),
        str(SAMPLE / "optout_list.txt"),
        "--json",
    )
    assert code == 0
    reports = json.loads(out)
    assert [r["format"] for r in reports] == ["mailchimp-unsubscribed", "lines"]
    code, out, _ = invoke(
        db,
        "suppress",
        "check",
        "mailto:JAN.PEETERS@acme-logistics.example.be",
        "--channel",
        "email",
    )
    assert code == 0 and out.startswith("suppressed: unsubscribe (email)")
    code, out, _ = invoke(db, "suppress", "list", "--format", "csv")
    assert code == 0 and "peeters" not in out.lower() and "email:" in out
    code, out, _ = invoke(
        db,
        "suppress",
        "lift",
        "jan.peeters@acme-logistics.example.be",
        "--evidence",
        "web form 2026-11-20",
        "--json",
    )
    assert code == 0 and len(json.loads(out)["lifted"]) == 1
    code, out, _ = invoke(db, "suppress", "check", "jan.peeters@acme-logistics.example.be")
    assert out.startswith("not suppressed") and "[lifted]" in out
    code, out, _ = invoke(db, "suppress", "summary", "--json")
    assert {r["reason"] for r in json.loads(out)} == {"unsubscribe", "complaint", "objection"}


def test_add_domain_and_export_hashes(db: Path, tmp_path: Path) -> None:
    code, out, _ = invoke(
        db,
        "suppress",
        "add",
        "Eva.Smit@Beta.example",
        "--reason",
        "objection",
        "--evidence",
        "phone call 2026-11-24",
        "--json",
    )
    assert code == 0 and json.loads(out)["status"] == "added"
    code, out, _ = invoke(db, "suppress", "add", "beta.example", "--kind", "domain")
    assert code == 0
    out_file = tmp_path / "hashes.txt"
    code, _, _ = invoke(db, "suppress", "export-hashes", str(out_file))
    assert code == 0
    assert out_file.read_text().split() == [hashlib.sha256(b"eva.smit@beta.example").hexdigest()]


def test_bad_values_are_one_line(db: Path) -> None:
    code, _, err = invoke(db, "suppress", "add", "not an address@", "--kind", "email")
    assert code == 1 and err.startswith("leadguard: not a valid e-mail address")
    code, _, err = invoke(db, "suppress", "lift", "x@y.example", "--evidence", "")
    assert code == 1 and "--evidence" in err


def test_screen_a_campaign_file(db: Path, tmp_path: Path) -> None:
    invoke(
        db,
        "suppress",
        "add",
        "sophie.dubois@bureau-dubois.example.fr",
        "--channel",
        "email",
        "--reason",
        "unsubscribe",
    )
    out_file = tmp_path / "screened.csv"
    code, _, err = invoke(db, "screen", str(EXPO), "--out", str(out_file))
    assert code == 0 and "5 rows written" in err
    text = out_file.read_text()
    assert text.splitlines()[0].endswith(
        "suppressed,why,suppression_reason,suppression_entry,suppression_match"
    )
    assert sum(",True," in line for line in text.splitlines()) == 1


def test_registries(db: Path) -> None:
    code, out, _ = invoke(
        db, "suppress", "registries", "--set", "dnc-be", "--valid-days", "7", "--json"
    )
    assert code == 0 and json.loads(out)[0]["valid_days"] == 7
    code, _, err = invoke(db, "suppress", "registries", "--set", "dnc-xx", "--valid-days", "7")
    assert code == 1 and "unknown registry" in err
