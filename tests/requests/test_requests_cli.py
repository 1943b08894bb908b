"""request … and requests: what the privacy officer runs."""

import json
from pathlib import Path

import pytest

from conftest import invoke_cli as invoke

EXPO = Path(__file__).parents[1] / "data" / "ledger" / "expo_registrations.csv"


@pytest.fixture
def db(cli_expo_db: str) -> str:
    return cli_expo_db


def test_access_without_controller_answers_with_a_warning(db: str, tmp_path: Path) -> None:
    code, out, err = invoke(
        db,
        "request",
        "access",
        "--email",
        "jan.peeters@acme-logistics.example.be",
        "--format",
        "json",
    )
    assert code == 0
    document = json.loads(out)  # stdout holds the document alone
    assert document["processing"] is True
    assert "no controller configured" in err
    out_file = tmp_path / "answer.html"
    code, _, err = invoke(
        db,
        "request",
        "access",
        "--email",
        "jan.peeters@acme-logistics.example.be",
        "--format",
        "html",
        "--lang",
        "fr",
        "--out",
        str(out_file),
    )
    assert code == 0 and out_file.read_text().lstrip().lower().startswith("<!doctype html")
    code, out, _ = invoke(db, "requests", "--json")
    assert [r["type"] for r in json.loads(out)] == ["access", "access"]


def test_erase_needs_confirmation_in_scripts(db: str) -> None:
    code, _, err = invoke(
        db, "request", "erase", "--email", "Jan.Peeters@acme-logistics.example.be"
    )
    assert code == 1 and "--yes" in err
    code, out, _ = invoke(
        db,
        "request",
        "erase",
        "--email",
        "jan.peeters@acme-logistics.example.be",
        "--yes",
        "--json",
    )
    assert code == 0
    outcome = json.loads(out)
    assert outcome["type"] == "erasure" and outcome["file_rewritten"] is True
    code, out, _ = invoke(db, "suppress", "check", "jan.peeters@acme-logistics.example.be")
    assert out.startswith("suppressed: erasure")
    code, out, _ = invoke(db, "sightings", "--format", "csv")
    assert "Peeters" not in out


def test_find_rectify_restrict_extend(db: str) -> None:
    code, out, _ = invoke(
        db, "request", "find", "--name", "Sophie Dubois", "--company", "Bureau Dubois", "--json"
    )
    found = json.loads(out)
    assert found["lead_ids"] == [] and found["candidates"]
    lead = str(found["candidates"][0]["lead_id"])
    code, out, _ = invoke(
        db,
        "request",
        "rectify",
        "--lead",
        lead,
        "--field",
        "job_title",
        "--value",
        "Directrice des achats",
        "--json",
    )
    assert code == 0 and json.loads(out)["type"] == "rectification"
    code, out, _ = invoke(db, "leads", "--format", "json")
    assert any(r["job_title"] == "Directrice des achats" for r in json.loads(out))
    code, out, _ = invoke(db, "request", "restrict", "--lead", lead, "--json")
    assert code == 0 and json.loads(out)["leads"] == [int(lead)]
    code, out, _ = invoke(db, "requests", "--json")
    request_id = json.loads(out)[-1]["request_id"]
    code, out, _ = invoke(db, "request", "extend", request_id, "--reason", "complex request")
    assert code == 0 and "due" in out
    code, out, _ = invoke(db, "requests", "--overdue")
    assert code == 0 and out.strip() == "no requests"
