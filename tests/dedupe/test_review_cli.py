"""``leadguard review``: the queue as JSON or CSV, to stdout or a private file, and decisions."""

import csv
import io
import json
import stat
from pathlib import Path

import pandas as pd
import pytest
from test_review_queue import TWINS, _first_list, _open, _twin_leads

from conftest import invoke_cli
from leadguard.ledger._dedupe import MATCH_THRESHOLD, REVIEW_COLUMNS, REVIEW_MIN


@pytest.fixture
def db(ledger_target: str) -> str:
    """A ledger whose queue holds the ambiguous people; one of them at a company whose name
    starts like a spreadsheet formula."""
    risky = pd.DataFrame(
        [
            {"First Name": "Mira", "Last Name": "Oosterlinck", "Company": "=HYPERLINK(1)",
             "Email": email}
            for email in ("mira.o@gmail.example", "mira1980@hotmail.example")
        ]
    )  # fmt: skip
    with _open(ledger_target) as lg:
        lg.ingest(pd.concat([_first_list(), risky], ignore_index=True), source="fair", basis="b")
        lg.dedupe()
    return ledger_target


def _queue(db: str, *args: str) -> list[dict[str, object]]:
    code, out, err = invoke_cli(db, "review", "--format", "json", *args)
    assert code == 0, err
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_json_is_an_array_of_entries_with_both_sides(db: str) -> None:
    entries = _queue(db)
    assert len(entries) >= len(TWINS) + 1
    for entry in entries:
        assert list(entry) == list(REVIEW_COLUMNS)
        assert entry["kind"] == "pair"
        assert isinstance(entry["sighting_ids_a"], list) and entry["sighting_ids_a"]
        assert entry["sighting_a"] in entry["sighting_ids_a"]
        assert isinstance(entry["evidence"], dict) and "email_key__level" in entry["evidence"]
        assert REVIEW_MIN <= entry["probability"] < MATCH_THRESHOLD or entry["conflict"]
    assert len(_queue(db, "--limit", "2")) == 2
    code, _, _ = invoke_cli(db, "review", "--limit", "0")
    assert code != 0


def test_csv_to_stdout_and_to_a_private_file_guard_formulas(db: str, tmp_path: Path) -> None:
    code, out, err = invoke_cli(db, "review")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(_queue(db))
    assert list(rows[0]) == list(REVIEW_COLUMNS)
    assert json.loads(rows[0]["sighting_ids_a"])  # lists are JSON text in a cell
    companies = {r["company_a"] for r in rows} | {r["company_b"] for r in rows}
    assert "'=HYPERLINK(1)" in companies and "=HYPERLINK(1)" not in companies

    target = tmp_path / "review.csv"
    code, out, err = invoke_cli(db, "review", "--out", str(target))
    assert code == 0 and out == "", err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8", newline="") as fh:
        stored = list(csv.DictReader(fh))
    assert stored == rows

    as_json = tmp_path / "review.json"
    code, _, err = invoke_cli(db, "review", "--format", "json", "--out", str(as_json))
    assert code == 0, err
    assert stat.S_IMODE(as_json.stat().st_mode) == 0o600
    assert json.loads(as_json.read_text(encoding="utf-8")) == _queue(db)


def test_decisions_through_the_cli_leave_the_queue(db: str) -> None:
    with _open_existing(db) as lg:
        apart, together = _twin_leads(lg, 0), _twin_leads(lg, 1)
    code, _, err = invoke_cli(db, "never-merge", *map(str, apart), "--note", "two people")
    assert code == 0, err
    code, _, err = invoke_cli(db, "merge", *map(str, together))
    assert code == 0, err
    pairs = {(e["lead_id_a"], e["lead_id_b"]) for e in _queue(db)}
    assert apart not in pairs and together not in pairs
    code, out, err = invoke_cli(db, "dedupe", "--json")
    assert code == 0, err
    assert json.loads(out)["review_pairs"] == len(_queue(db))


def _open_existing(db: str):  # type: ignore[no-untyped-def]
    import leadguard

    return leadguard.open(db, user="analyst")
