"""The ledger file under real processes: killed imports, concurrent writers, many readers."""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import leadguard
from leadguard.errors import LedgerError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and file locks of POSIX")

SETUP = """
import datetime, leadguard
lg = leadguard.open({db!r}, user="test")
lg.add_basis("b", kind="legitimate_interest", purpose="p", channels="email,phone",
             retention_months=24, lia_text="Purpose test. Necessity test. Balancing test.",
             lia_review_by=datetime.date(2099, 1, 1))
lg.add_source("s", kind="event", publicly_accessible=False)
lg.close()
"""
IMPORT = """
import leadguard
lg = leadguard.open({db!r}, user="test")
print("ready", flush=True)
report = lg.ingest({csv!r}, source="s", basis="b", country="BE")
lg.dedupe()
lg.close()
print(report.status, flush=True)
"""
HOLD = """
import sys, time, leadguard
lg = leadguard.open({db!r}, user="test", read_only={read_only})
print("holding", flush=True)
time.sleep({seconds})
lg.close()
"""


def _run(code: str, **values: object) -> subprocess.Popen[str]:
    env = {**os.environ, "LEADGUARD_SECRET": "0123456789abcdef0123456789abcdef-tests"}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code.format(**values))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _csv(path: Path, rows: int, tag: int = 0) -> Path:
    lines = ["First name,Last name,Email,Phone,Company"]
    for i in range(rows):
        number = f"+32 470 {i % 100:02d} {i // 100 % 100:02d} {i % 97:02d}"
        lines.append(
            f"Name{i},Family{tag}x{i % 997},person{i}.{tag}@company{i % 211}.example,"
            f"{number},Company {i % 211}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def ledger_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LEADGUARD_SECRET", "0123456789abcdef0123456789abcdef-tests")
    db = tmp_path / "crash.duckdb"
    setup = _run(SETUP, db=str(db))
    _, err = setup.communicate(timeout=60)
    assert setup.returncode == 0, err
    return db


def test_a_killed_import_leaves_all_or_nothing_and_reruns_cleanly(
    ledger_file: Path, tmp_path: Path
) -> None:
    rng = random.Random(7)
    files = [_csv(tmp_path / f"list{k}.csv", 6000, k) for k in range(4)]
    for csv in files:  # a new file each time, killed at a random point of its import
        proc = _run(IMPORT, db=str(ledger_file), csv=str(csv))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        with leadguard.open(ledger_file) as lg:
            batches = lg.batches()
            counts = lg.sightings().groupby("batch_id").size()
            # Every batch holds all of its file's rows; no rows without their batch.
            assert counts.to_dict() == dict(
                zip(batches["batch_id"], batches["rows_total"], strict=True)
            )
            assert lg.verify_audit().ok
    for csv in files:  # each import re-runs cleanly: imported now, or already before
        rerun = _run(IMPORT, db=str(ledger_file), csv=str(csv))
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert out.split()[-1] in ("imported", "already_imported")
    with leadguard.open(ledger_file) as lg:
        assert len(lg.batches()) == 4 and len(lg.sightings()) == 4 * 6000
        assert lg.verify_audit().ok


def test_a_second_writer_is_refused_or_waits(ledger_file: Path) -> None:
    holder = _run(HOLD, db=str(ledger_file), read_only=False, seconds=3)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    with pytest.raises(LedgerError, match="in use by another process"):
        leadguard.open(ledger_file, lock_timeout=0)
    started = time.monotonic()
    with leadguard.open(ledger_file, lock_timeout=30) as lg:  # waits for the holder
        assert time.monotonic() - started > 0.5
        assert len(lg.leads()) == 0
    holder.communicate(timeout=30)


def test_readers_do_not_block_each_other(ledger_file: Path) -> None:
    readers = [_run(HOLD, db=str(ledger_file), read_only=True, seconds=2) for _ in range(2)]
    for reader in readers:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "holding"
    with leadguard.open(ledger_file, read_only=True, lock_timeout=0) as lg:
        assert lg.basis("b").name == "b"
    for reader in readers:
        reader.communicate(timeout=30)
        assert reader.returncode == 0


def test_a_read_only_ledger_cannot_be_written(ledger_file: Path) -> None:
    with leadguard.open(ledger_file, read_only=True) as lg:
        with pytest.raises(Exception):  # noqa: B017 - DuckDB refuses the write itself
            lg.add_source("t", kind="event", publicly_accessible=False)
