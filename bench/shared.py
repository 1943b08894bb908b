"""Benchmark: four processes importing into one shared PostgreSQL ledger, against one process and
a DuckDB file.

The list is ``bench/ingest.py``'s (``bench/synth.py``, realistic repetition; 1,000,000 rows by
default) cut into ``--files`` CSV files of ``--rows-per-file`` rows, each with the header line
(the generated cells hold no line breaks, so the cut is by line). The files are different
content, so none of them is "already imported". Each step runs in a fresh process so that its
peak memory (VmHWM) is its own; opening the ledger is timed apart from each call:

- ``duckdb`` (the baseline): one process imports the files one after the other into a new DuckDB
  file ledger;
- ``postgres``: one process per file, all started together, each importing its file into the same
  new PostgreSQL ledger. Write transactions take turns on the ledger's advisory lock; reading and
  normalizing a file run in parallel. Each worker times its waits for the lock and how long it
  held it. The ingest figure is the wall-clock time from starting the first process to the exit
  of the last (process start, imports and opening included; the same for the baseline's one
  process).

Checks after the import, counted on the database itself (psycopg, or DuckDB read-only): exactly
files × rows-per-file sightings, as many distinct sighting ids and (batch, row) pairs, one batch a
file holding its file's rows, every file reported ``imported``. Then, on both ledgers, each in a
fresh process: ``Ledger.dedupe``; setup, reported apart (``export.py``'s processor recipient with
its contract, e-mail allowed in every country that occurs, the notice recorded for every lead,
and an opt-out file of 5% of the distinct addresses in the cells, upper-cased and a third with
``mailto:``, imported with ``suppress_import``); ``Ledger.screen_leads("email")`` as in
``suppress.py``; ``Ledger.export`` to a CSV file through the gate as in ``export.py``. Results
are compared between the two ledgers (leads, suppressed, exported), not asserted.

The PostgreSQL server is a throwaway one started by ``tests/pg_server.py`` (its binaries
``initdb`` and ``pg_ctl`` are needed), or ``--pg URL``: a role on an existing server that may
create databases; a database ``leadguard_bench_shared_<pid>`` is created there and dropped
afterwards. The shared ledger needs LEADGUARD_SECRET (the same in every process): the benchmark
uses a fixed one unless it is set. The server's own memory is not in the peak figures.

Results go to ``bench/results/shared.json`` and ``.md``. Times are reported as ratios to the
DuckDB file, never checked against a target.

    python bench/shared.py [--rows-per-file 250000] [--files 4] [--pg URL]
    python bench/shared.py --rows-per-file 5000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import export  # noqa: E402
import ingest  # noqa: E402
import suppress  # noqa: E402
from _child import PEAK_AND_PRINT, PROLOGUE, run_child  # noqa: E402

CACHE = Path(__file__).parent / ".cache"
RESULTS = Path(__file__).parent / "results"
TESTS = Path(__file__).resolve().parents[1] / "tests"
SECRET = "bench-secret-for-the-shared-ledger-0123456789abcdef"
DATABASE = f"leadguard_bench_shared_{os.getpid()}"

CHILD = (
    PROLOGUE
    + r"""


def lock_timers():
    # How long this process waited for the shared ledger's locks and held them.
    from leadguard.db import postgres
    timers = {"lock_wait_s": 0.0, "lock_held_s": 0.0, "lock_turns": 0}
    taken = {}
    acquire, release = postgres.LockSession.acquire, postgres.LockSession.release

    def timed_acquire(self, name, timeout):
        start = time.perf_counter()
        acquire(self, name, timeout)
        now = time.perf_counter()
        timers["lock_wait_s"] += now - start
        timers["lock_turns"] += 1
        taken[name] = now

    def timed_release(self, name):
        release(self, name)
        if name in taken:
            timers["lock_held_s"] += time.perf_counter() - taken.pop(name)

    postgres.LockSession.acquire = timed_acquire
    postgres.LockSession.release = timed_release
    return timers


if kind == "setup":
    import datetime
    lg = ledger()
    lg.add_basis("b", kind="legitimate_interest", purpose="bench", channels="email,phone",
                 retention_months=24, lia_text="LIA", lia_review_by=datetime.date(2099, 1, 1))
    lg.add_source("s", kind="event", publicly_accessible=False)
    lg.close()
elif kind == "ingest":
    timers = lock_timers() if args["shared"] else None
    lg = ledger()
    result["files"] = []
    result["rows"] = 0
    result["ingest_s"] = 0.0
    for csv in args["csvs"]:
        began = time.time()
        start = time.perf_counter()
        report = lg.ingest(csv, source="s", basis="b", country="BE")
        seconds = time.perf_counter() - start
        result["files"].append({"file": csv.rsplit("/", 1)[-1], "status": report.status,
                                "batch_id": report.batch_id, "rows": report.rows_total,
                                "rows_ok": report.rows_ok, "seconds": seconds,
                                "began": began, "ended": time.time()})
        result["rows"] += report.rows_total
        result["ingest_s"] += seconds
    lg.close()
    if timers is not None:
        result.update(timers)
elif kind == "dedupe":
    lg = ledger()
    start = time.perf_counter()
    report = lg.dedupe()
    result["seconds"] = time.perf_counter() - start
    result["sightings"] = report.sightings
    result["leads"] = report.leads
    result["largest_lead"] = report.largest_lead
    lg.close()
elif kind == "prepare":
    lg = ledger()
    open_gate(lg)
    start = time.perf_counter()
    report = lg.suppress_import(args["lines"], format="lines", reason="objection", channel="all")
    result["suppress_import_s"] = time.perf_counter() - start
    result["suppress_entries_added"] = report.entries_added
    result["suppress_rows_rejected"] = report.rows_rejected
    lg.close()
elif kind == "screen":
    lg = ledger()
    start = time.perf_counter()
    screened = lg.screen_leads("email")
    result["seconds"] = time.perf_counter() - start
    result["rows_screened"] = len(screened)
    result["suppressed"] = int(screened["suppressed"].sum())
    lg.close()
elif kind == "export":
    lg = ledger()
    start = time.perf_counter()
    report = lg.export("Vendor", "email", "b", format="csv", out=args["out"])
    result["seconds"] = time.perf_counter() - start
    result["leads_considered"] = report.leads_considered
    result["exported"] = report.exported
    result["excluded"] = report.excluded
    lg.close()
"""
    + PEAK_AND_PRINT
)

COUNTS = {
    "sightings": "SELECT count(*) FROM sightings",
    "distinct_sighting_ids": "SELECT count(DISTINCT sighting_id) FROM sightings",
    "distinct_batch_rows": "SELECT count(*) FROM (SELECT DISTINCT batch_id, row_number "
    "FROM sightings) AS pairs",
    "batches": "SELECT count(*) FROM batches",
    "batch_rows_total": "SELECT coalesce(sum(rows_total), 0) FROM batches",
    "smallest_batch": "SELECT coalesce(min(n), 0) FROM (SELECT count(*) AS n FROM sightings "
    "GROUP BY batch_id) AS per_batch",
    "largest_batch": "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM sightings "
    "GROUP BY batch_id) AS per_batch",
}
"""What the checks count, in SQL both DuckDB and PostgreSQL run."""


def child(kind: str, **args: Any) -> dict[str, Any]:
    """Run one step in a fresh process; its JSON line back."""
    return run_child(CHILD, kind, args)


def make_files(rows_per_file: int, files: int) -> list[Path]:
    """``ingest.py``'s cached list of files × rows-per-file rows, cut into ``files`` CSVs."""
    total = rows_per_file * files
    parts = [CACHE / f"shared_{total}_{i + 1}of{files}.csv" for i in range(files)]
    if all(p.exists() for p in parts):
        return parts
    source = ingest.make_csv(total)
    with source.open(encoding="utf-8", newline="") as handle:
        header = handle.readline()
        for part in parts:
            with part.open("w", encoding="utf-8", newline="") as out:
                out.write(header)
                for _ in range(rows_per_file):
                    out.write(handle.readline())
    return parts


def make_optouts(parts: list[Path]) -> Path:
    """5% of the distinct addresses in the cells (``suppress.plain_address``), upper-cased and
    a third with ``mailto:``, as ``export.py`` lists them; chosen from a fixed seed."""
    path = CACHE / f"{parts[0].stem.rsplit('_', 1)[0]}_optouts.txt"
    if path.exists():
        return path
    cells = pd.concat(
        pd.read_csv(p, usecols=["Email"], dtype=str, keep_default_na=False)["Email"] for p in parts
    )
    addresses = sorted(set(suppress.plain_address(cells).dropna()))
    rng = np.random.default_rng(export.SEED)
    size = round(export.SHARE * len(addresses))
    upper = [addresses[i].upper() for i in np.sort(rng.choice(len(addresses), size, False))]
    mailto = rng.random(len(upper)) < export.MAILTO
    lines = [f"mailto:{a}" if m else a for a, m in zip(upper, mailto, strict=True)]
    order = rng.permutation(len(lines))
    path.write_text("".join(lines[i] + "\n" for i in order), encoding="utf-8")
    return path


def admin(server: str, statement: str) -> None:
    """One statement on the server, outside a transaction (CREATE/DROP DATABASE)."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as con:
        con.execute(statement)


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def counts(target: str) -> dict[str, int]:
    """The checks' counts, read from the database itself, not through leadguard."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as con:
            found = {k: con.execute(sql).fetchone() for k, sql in COUNTS.items()}  # type: ignore[arg-type]
            found["ledger_mb"] = con.execute(  # type: ignore[arg-type]
                "SELECT pg_database_size(current_database()) / 1048576"
            ).fetchone()
    else:
        import duckdb

        with duckdb.connect(target, read_only=True) as con:
            found = {k: con.execute(sql).fetchone() for k, sql in COUNTS.items()}
        found["ledger_mb"] = (round(Path(target).stat().st_size / 2**20),)
    return {k: int(v[0]) if v else 0 for k, v in found.items()}


def checks(
    ingested: list[dict[str, Any]], found: dict[str, int], rows: int, files: int, per_file: int
) -> dict[str, bool]:
    """No lost or doubled rows: the counts against what was imported."""
    reports = [f for r in ingested for f in r["files"]]
    return {
        "sightings_are_rows": found["sightings"] == rows,
        "sighting_ids_distinct": found["distinct_sighting_ids"] == rows,
        "batch_rows_distinct": found["distinct_batch_rows"] == rows,
        "batches_are_files": found["batches"] == files,
        "batch_rows_total_is_rows": found["batch_rows_total"] == rows,
        "every_batch_holds_its_file": found["smallest_batch"] == found["largest_batch"] == per_file,
        "every_file_imported": len(reports) == files
        and all(f["status"] == "imported" and f["rows"] == per_file for f in reports),
    }


def timed(kind: str, **args: Any) -> dict[str, Any]:
    """One step; its result with the wall-clock time from starting the process to its exit."""
    start = time.perf_counter()
    result = child(kind, **args)
    result["wall_s"] = time.perf_counter() - start
    return result


def run_ledger(
    backend: str, target: str, parts: list[Path], optouts: Path, work: Path
) -> dict[str, Any]:
    """Setup, ingest (one process, or one a file at once), checks, dedupe, prepare, screen,
    export on one ledger."""
    shared = backend == "postgres"
    child("setup", db=target)
    start = time.perf_counter()
    if shared:
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            running = [
                pool.submit(child, "ingest", db=target, csvs=[str(p)], shared=True) for p in parts
            ]
            workers = [r.result() for r in running]
    else:
        workers = [child("ingest", db=target, csvs=[str(p) for p in parts], shared=False)]
    wall = time.perf_counter() - start
    reports = [f for w in workers for f in w["files"]]
    rows = sum(int(w["rows"]) for w in workers)
    found = counts(target)
    per_file = int(reports[0]["rows"]) if reports else 0
    out: dict[str, Any] = {
        "backend": backend,
        "processes": len(workers),
        "rows": rows,
        "ingest_wall_s": wall,
        "ingest_span_s": max(f["ended"] for f in reports) - min(f["began"] for f in reports),
        "rows_per_s": round(rows / wall),
        "ingest_peak_mb": max(int(w["peak_mb"]) for w in workers),
        "workers": workers,
        "counts": found,
        "checks": checks(workers, found, len(parts) * per_file, len(parts), per_file),
    }
    print(json.dumps({k: v for k, v in out.items() if k != "workers"}), flush=True)
    out["dedupe"] = timed("dedupe", db=target)
    print(json.dumps({"dedupe": out["dedupe"]}), flush=True)
    out["prepare"] = timed("prepare", db=target, lines=str(optouts))
    out["screen"] = timed("screen", db=target)
    print(json.dumps({"screen": out["screen"]}), flush=True)
    out["export"] = timed("export", db=target, out=str(work / f"{backend}_export.csv"))
    print(json.dumps({"export": out["export"]}), flush=True)
    return out


def rounded(value: Any) -> Any:
    """Seconds to two decimals, all the way down."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v) for v in value]
    return value


def server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as con:
        row = con.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"


def report(meta: dict[str, Any]) -> list[str]:
    """The markdown summary."""
    base, pg = meta["duckdb"], meta["postgres"]
    steps = [
        (
            f"ingest ({meta['files']} files; DuckDB 1 process in sequence, PostgreSQL "
            f"{pg['processes']} at once; wall clock)",
            base["ingest_wall_s"],
            pg["ingest_wall_s"],
            base["ingest_peak_mb"],
            pg["ingest_peak_mb"],
        ),
        *(
            (label, base[k]["seconds"], pg[k]["seconds"], base[k]["peak_mb"], pg[k]["peak_mb"])
            for k, label in (
                ("dedupe", "dedupe"),
                ("screen", 'screen_leads("email")'),
                ("export", "export CSV through the gate"),
            )
        ),
    ]
    lines = [
        f"{meta['rows']:,} rows ({meta['files']} files × {meta['rows_per_file']:,}) → "
        f"{pg['dedupe']['leads']:,} leads on the shared ledger ({base['dedupe']['leads']:,} on "
        f"the DuckDB file); PostgreSQL {meta['postgres_version']}, {meta['cpus']} cores.",
        "",
        "| step | DuckDB file s | PostgreSQL s | × DuckDB | DuckDB peak MB | PostgreSQL peak MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, b, p, bm, pm in steps:
        lines.append(f"| {label} | {b} | {p} | {p / b:.1f}× | {bm:,} | {pm:,} |")
    failed = [f"{k}" for k, ok in pg["checks"].items() if not ok]
    failed += [f"DuckDB {k}" for k, ok in base["checks"].items() if not ok]
    same = meta["same_results"]
    lines += [
        "",
        f"Ingest rows/s: DuckDB {base['rows_per_s']:,}, PostgreSQL {pg['rows_per_s']:,} "
        f"({pg['rows_per_s'] / base['rows_per_s']:.2f}× the DuckDB file's rate); the ingest "
        f"calls themselves spanned {base['ingest_span_s']} s and {pg['ingest_span_s']} s. "
        f"Ledger size after the import: DuckDB {base['counts']['ledger_mb']:,} MB, PostgreSQL "
        f"{pg['counts']['ledger_mb']:,} MB.",
        f"Checks ({pg['counts']['sightings']:,} sightings, {pg['counts']['batches']} batches; "
        "sighting ids and (batch, row) pairs distinct; each batch holds its file; every file "
        "imported): " + ("all hold." if not failed else "FAILED " + "; ".join(failed) + "."),
        "Same results on both ledgers: "
        + ", ".join(
            f"{k} {'yes' if v['same'] else 'NO'} ({v['postgres']:,})" for k, v in same.items()
        )
        + ".",
        "",
        "PostgreSQL workers (one a file, started together; lock = the ledger's write lock):",
        "",
        "| worker | rows | open s | ingest s | waited for lock s | held lock s | turns | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for i, w in enumerate(pg["workers"], 1):
        lines.append(
            f"| {i} | {w['rows']:,} | {w['open_s']} | {w['ingest_s']} | {w['lock_wait_s']} "
            f"| {w['lock_held_s']} | {w['lock_turns']} | {w['peak_mb']:,} |"
        )
    prep_b, prep_p = base["prepare"], pg["prepare"]
    lines += [
        "",
        "Setup (not measured; DuckDB / PostgreSQL): notices for "
        f"{prep_p['notices_recorded']:,} leads {prep_b['notices_s']} / {prep_p['notices_s']} s, "
        f"`suppress_import` of {prep_p['suppress_entries_added']:,} opt-outs "
        f"{prep_b['suppress_import_s']} / {prep_p['suppress_import_s']} s, recipient and "
        f"{len(prep_p['countries_allowed'])} country rules {prep_b['recipient_rules_s']} / "
        f"{prep_p['recipient_rules_s']} s.",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-per-file", type=int, default=250_000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument(
        "--pg", help="URL of a role that may create databases (default: start a server)"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    CACHE.mkdir(exist_ok=True)
    parts = make_files(args.rows_per_file, args.files)
    optouts = make_optouts(parts)
    # Every process of a shared ledger needs the same secret; a write waits its turn as long as
    # it takes (LEADGUARD_LOCK_TIMEOUT unset).
    os.environ.setdefault("LEADGUARD_SECRET", SECRET)
    os.environ.pop("LEADGUARD_LOCK_TIMEOUT", None)

    folder: Path | None = None
    server = args.pg
    if server is None:
        sys.path.insert(0, str(TESTS))
        import pg_server

        if not pg_server.available():
            raise SystemExit("PostgreSQL server binaries (initdb, pg_ctl) not found: use --pg URL")
        folder = Path(tempfile.mkdtemp(prefix="leadguard-bench-pg-"))
        server = pg_server.start(folder)
    try:
        admin(server, f"CREATE DATABASE {DATABASE}")
        shared_url = database_url(server, DATABASE)
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            base = run_ledger("duckdb", str(work / "ledger.duckdb"), parts, optouts, work)
            pg = run_ledger("postgres", shared_url, parts, optouts, work)
        version = server_version(shared_url)
    finally:
        try:
            admin(server, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        finally:
            if folder is not None:
                pg_server.stop(folder)
                shutil.rmtree(folder, ignore_errors=True)

    same = {
        "leads": (base["dedupe"]["leads"], pg["dedupe"]["leads"]),
        "suppressed": (base["screen"]["suppressed"], pg["screen"]["suppressed"]),
        "exported": (base["export"]["exported"], pg["export"]["exported"]),
    }
    meta = rounded(
        {
            "benchmark": "shared",
            "python": platform.python_version(),
            "machine": platform.machine(),
            "cpus": len(os.sched_getaffinity(0)),
            "postgres_version": version,
            "server": "given (--pg)" if args.pg else "started by tests/pg_server.py",
            "rows": args.rows_per_file * args.files,
            "files": args.files,
            "rows_per_file": args.rows_per_file,
            "optout_lines": sum(1 for _ in optouts.open(encoding="utf-8")),
            "ratios_to_duckdb": {
                "ingest_wall": pg["ingest_wall_s"] / base["ingest_wall_s"],
                "dedupe": pg["dedupe"]["seconds"] / base["dedupe"]["seconds"],
                "screen_leads": pg["screen"]["seconds"] / base["screen"]["seconds"],
                "export_csv": pg["export"]["seconds"] / base["export"]["seconds"],
            },
            "checks_pass": all(pg["checks"].values()) and all(base["checks"].values()),
            "same_results": {
                k: {"duckdb": b, "postgres": p, "same": b == p} for k, (b, p) in same.items()
            },
            "duckdb": base,
            "postgres": pg,
            "run_s": time.perf_counter() - began,
        }
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "shared.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = report(meta)
    (RESULTS / "shared.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"run: {meta['run_s']} s")


if __name__ == "__main__":
    main()
