"""leadguard run MANIFEST on the sample data: the README's main job, and idempotent."""

import csv
import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import duckdb

import leadguard

ROOT = Path(__file__).parents[1]
MANIFEST = ROOT / "sample_data" / "manifest.toml"
TRUTH = ROOT / "tests" / "data" / "sample_truth.csv"


def _table_counts(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    tables = [
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    ]
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[index]
    con.close()
    return counts


def test_run_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "sample.duckdb"
    first = leadguard.run_manifest(MANIFEST, db=str(db))
    assert first.failed == 0
    after_first = _table_counts(db)
    second = leadguard.run_manifest(MANIFEST, db=str(db))
    assert _table_counts(db) == after_first
    assert {s["status"] for s in second.steps if s["step"] == "ingest"} == {"already imported"}


def test_every_sample_record_is_a_sighting_at_its_row(tmp_path: Path) -> None:
    db = tmp_path / "sample.duckdb"
    leadguard.run_manifest(MANIFEST, db=str(db))
    with leadguard.open(db) as lg:
        s = lg.sightings()
    with TRUTH.open(encoding="utf-8", newline="") as fh:
        truth = list(csv.DictReader(fh))
    expected = Counter(Path(r["file"]).name for r in truth)
    assert Counter(s["file_name"]) == expected
    got = {(f, int(r)) for f, r in zip(s["file_name"], s["row_number"], strict=True)}
    assert got == {(Path(r["file"]).name, int(r["row_number"])) for r in truth}
    # Date-only LinkedIn rows are kept, quarantined with a reason — never dropped.
    date_only = {int(r["row_number"]) for r in truth if "date_only" in r["trap"].split("|")}
    linkedin = s[s["file_name"] == "Connections.csv"].set_index("row_number")
    assert date_only and all(linkedin.loc[r, "status"] == "quarantined" for r in date_only)


def test_the_readme_main_job_command_runs(tmp_path: Path) -> None:
    db = tmp_path / "main.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "leadguard", "--db", str(db), "run", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "imported" in result.stdout


def test_the_sample_data_generator_is_reproducible(tmp_path: Path) -> None:
    def digests(folder: Path) -> dict[Path, str]:
        return {
            p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.toml"
        }

    out, truth = tmp_path / "sample_data", tmp_path / "truth.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--out", str(out),
         "--truth", str(truth)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert digests(out) == digests(ROOT / "sample_data")
    assert truth.read_bytes() == TRUTH.read_bytes()
