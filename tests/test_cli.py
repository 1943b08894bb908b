"""The leadguard command: exit codes, one-line errors, --json everywhere it matters."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import invoke_cli as invoke
from leadguard.cli import cli

DATA = Path(__file__).parent / "data"
EXPO = DATA / "ledger" / "expo_registrations.csv"


@pytest.fixture
def db(cli_db: str) -> str:
    return cli_db


def test_ingest_reports_and_exits_zero_then_says_already_imported(db: str) -> None:
    code, out, _ = invoke(
        db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting", "--json"
    )
    assert code == 0
    [report] = json.loads(out)
    assert report["status"] == "imported" and report["rows_total"] == 5
    code, out, _ = invoke(
        db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting"
    )
    assert code == 0
    assert "already imported" in out


def test_a_bad_file_is_one_line_and_exit_one(db: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = invoke(
        db, "ingest", str(empty), "--source", "Expo 2026", "--basis", "prospecting"
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "empty.csv" in lines[0]
    assert "Traceback" not in err


def test_unknown_source_is_exit_one_with_advice(db: str) -> None:
    code, _, err = invoke(db, "ingest", str(EXPO), "--source", "Nope", "--basis", "prospecting")
    assert code == 1
    assert "leadguard source add" in err


def test_map_option(db: str) -> None:
    code, out, _ = invoke(
        db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting",
        "--map", "Gsm=phone", "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out)[0]["mapping"]["phone"] == "Gsm"


def test_bad_map_option_is_a_clear_error(db: str) -> None:
    code, _, err = invoke(
        db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting", "--map", "Gsm"
    )
    assert code == 1 and "COLUMN=field" in err


def test_sightings_csv_and_json(db: str, tmp_path: Path) -> None:
    invoke(db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting")
    out_file = tmp_path / "s.csv"
    code, _, _ = invoke(db, "sightings", "--format", "csv", "--out", str(out_file))
    assert code == 0
    text = out_file.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    for column in (
        "file_name",
        "row_number",
        "sighting_id",
        "lead_id",
        "status",
        "reason",
        "source",
        "basis",
        "acquired_on",
        "first_name",
        "last_name",
        "email",
        "phone",
        "mobile",
        "phone_extension",
        "company",
        "job_title",
        "country",
    ):
        assert column in header
    code, out, _ = invoke(db, "sightings", "--json")
    rows = json.loads(out)
    assert len(rows) == 5 and rows[0]["row_number"] == 1


def test_registers_list_as_json(db: str) -> None:
    code, out, _ = invoke(db, "basis", "list", "--json")
    assert code == 0 and json.loads(out)[0]["name"] == "prospecting"
    code, out, _ = invoke(db, "source", "list", "--json")
    assert code == 0 and json.loads(out)[0]["kind"] == "event"


def test_the_installed_entry_point_runs(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "leadguard", "--db", str(tmp_path / "x.duckdb"), "ingest",
         str(EXPO), "--source", "missing", "--basis", "missing"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_dedupe_leads_explain_and_manual_decisions(db: str, tmp_path: Path) -> None:
    invoke(db, "ingest", str(EXPO), "--source", "Expo 2026", "--basis", "prospecting")
    code, out, _ = invoke(db, "dedupe", "--json")
    assert code == 0 and json.loads(out)["new_sightings"] == 4
    code, out, _ = invoke(db, "leads", "--json")
    leads = json.loads(out)
    assert code == 0 and len(leads) == 4
    a, b = leads[0]["lead_id"], leads[1]["lead_id"]
    code, out, _ = invoke(db, "merge", str(a), str(b), "--json")
    assert code == 0 and json.loads(out)["lead_id"] == min(a, b)
    code, out, _ = invoke(db, "explain", str(max(a, b)))
    assert code == 0 and "merged" in out
    code, out, _ = invoke(db, "explain", str(min(a, b)), "--json")
    sightings = [s["sighting_id"] for s in json.loads(out)["sightings"]]
    assert len(sightings) == 2
    code, out, _ = invoke(db, "split", str(min(a, b)), "--sightings", str(sightings[1]), "--json")
    assert code == 0
    new_lead = json.loads(out)["lead_id"]
    code, _, _ = invoke(db, "never-merge", str(min(a, b)), str(new_lead))
    assert code == 0
    code, _, err = invoke(db, "split", str(min(a, b)), "--sightings", "x")
    assert code == 1 and "comma-separated" in err
    code, _, err = invoke(db, "explain", "999999")
    assert code == 1 and "no lead 999999" in err


def test_leadguard_db_names_the_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "from_env.duckdb"
    monkeypatch.setenv("LEADGUARD_DB", str(path))
    result = CliRunner().invoke(cli, ["init", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ledger"] == str(path) and path.exists()


def test_a_ledger_held_by_another_process_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    script = (
        "import sys, time, leadguard\n"
        "lg = leadguard.open(sys.argv[1])\n"
        "print('ready', flush=True)\n"
        "time.sleep(30)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
            code, _, err = invoke(path, "init")
            assert code == 1 and "in use by another process" in err
        finally:
            holder.kill()
