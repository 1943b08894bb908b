"""Worker processes share long columns and change nothing in the results."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from leadguard import normalize_emails, normalize_phones
from leadguard.normalize import _parallel
from leadguard.normalize.vectorized import _emails_chunk, _phones_chunk


def _cells(n: int) -> tuple[list[object], list[tuple[object, str | None]]]:
    emails: list[object] = []
    phones: list[tuple[object, str | None]] = []
    for i in range(n):
        emails.append(
            [f"jan.peeters{i}@example.be", f" INFO{i}@Example.COM;", f"broken{i}", None][i % 4]
        )
        phones.append(
            [
                (f"+32 470 {i % 100:02d} {i % 97:02d} {i % 89:02d}", None),
                (f"0470/{i % 100:02d}.{i % 97:02d}.{i % 89:02d}", "BE"),
                (f"GSM: 06-{10000000 + i}", "NL"),
                (32470000000 + i, "BE"),
            ][i % 4]
        )
    return emails, phones


@pytest.fixture(autouse=True)
def _workers_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv(_parallel.ENV_WORKERS, "1")
    monkeypatch.setattr(_parallel, "CHUNK_ITEMS", 500)
    _parallel._failed.clear()
    yield
    _parallel._failed.clear()  # a test's broken worker must not turn workers off for others


def test_shared_work_gives_the_same_results_in_order() -> None:
    emails, phones = _cells(6_000)
    assert _parallel.parallel_map("emails", emails, min_items=0) == _emails_chunk(emails)
    assert _parallel.parallel_map("phones", phones, min_items=0) == _phones_chunk(phones)


def test_a_worker_really_takes_a_share(monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[int] = []
    real = _parallel._Worker.run

    def counting(self: Any, task: str, chunk: Any) -> list[Any]:
        sent.append(len(chunk))
        return real(self, task, chunk)

    monkeypatch.setattr(_parallel._Worker, "run", counting)
    emails, _ = _cells(20_000)
    assert _parallel.parallel_map("emails", emails, min_items=0) == _emails_chunk(emails)
    assert sent, "no chunk went to the worker"


def test_a_failing_worker_changes_nothing_but_the_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, task: str, chunk: Any) -> list[Any]:
        raise EOFError("the other side closed the pipe")

    monkeypatch.setattr(_parallel._Worker, "run", broken)
    emails, phones = _cells(3_000)
    assert _parallel.parallel_map("phones", phones, min_items=0) == _phones_chunk(phones)
    assert _parallel._failed.is_set()
    assert _parallel.parallel_map("emails", emails, min_items=0) == _emails_chunk(emails)


def test_workers_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_parallel.ENV_WORKERS, "0")
    monkeypatch.setattr(_parallel, "_get_workers", lambda count: pytest.fail("started"))
    emails, _ = _cells(2_000)
    assert _parallel.parallel_map("emails", emails, min_items=0) == _emails_chunk(emails)


def test_the_column_functions_use_workers_and_match_the_scalar_results(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_parallel, "MIN_ITEMS", 0)
    emails, phones = _cells(4_000)
    shared_e = normalize_emails(emails)
    shared_p = normalize_phones([v for v, _ in phones], [r for _, r in phones])
    monkeypatch.setenv(_parallel.ENV_WORKERS, "0")
    pd.testing.assert_frame_equal(shared_e, normalize_emails(emails))
    pd.testing.assert_frame_equal(
        shared_p, normalize_phones([v for v, _ in phones], [r for _, r in phones])
    )


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """Workers never import the caller's script (multiprocessing's spawn would run it again)."""
    marker = tmp_path / "runs.txt"
    script = tmp_path / "import_list.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import leadguard
            from leadguard.normalize import _parallel
            with open({str(marker)!r}, "a") as out:
                out.write("ran\\n")
            cells = [f"jan{{i}}@example.be" for i in range(3000)]
            shared = _parallel.parallel_map("emails", cells, min_items=0)
            assert len(shared) == 3000
            assert not _parallel._failed.is_set()
            print("ok")
            """
        )
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, _parallel.ENV_WORKERS: "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert marker.read_text() == "ran\n"


def test_warm_up_starts_workers_ahead_only_when_they_are_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[int] = []
    monkeypatch.setattr(_parallel, "_get_workers", lambda count: started.append(count) or [])
    _parallel.warm_up()
    assert started == [1]
    monkeypatch.setenv(_parallel.ENV_WORKERS, "0")
    _parallel.warm_up()
    assert started == [1]


def test_an_import_warms_workers_up_for_long_lists_only(tmp_path: Path) -> None:
    from leadguard.ledger._ingest import _long_list

    small = tmp_path / "small.csv"
    small.write_text("email\njan@example.be\n")
    big = tmp_path / "big.csv"
    big.write_bytes(b"email\n" + b"jan.peeters@example.be\n" * 200_000)
    assert not _long_list(small)
    assert _long_list(big)
    assert not _long_list(tmp_path / "missing.csv")
    assert _long_list(pd.DataFrame({"email": ["a@example.be"] * _parallel.MIN_ITEMS}))
    assert not _long_list(pd.DataFrame({"email": ["a@example.be"] * 10}))
