"""Benchmark: 1,000,000 leads through the export gate to a vendor CSV, against DuckDB's COPY.

The list is ``synth.unique`` (every row a different person, so about as many leads as rows),
written as a CSV like ``bench/ingest.py``'s. The ledger is built once and cached in
``bench/.cache/`` with its key file: ingest (basis ``b``, legitimate interest, e-mail and phone),
dedupe, a processor recipient with its Art. 28 contract, every country that occurs allowed for
e-mail, the Art. 14 notice recorded for every lead, and 5% of the leads' addresses (upper-cased,
a third of them with ``mailto:``) imported as objections through the suppression list. The gate
so does real work and lets most leads through. Setup timings are reported apart; they are not
the measured step.

Each measurement runs in a fresh process on a fresh copy of the cached ledger and key (an export
logs its disclosures into the ledger: runs must not see each other's, and a second export of the
same leads would change their first-disclosure dates), so that its peak memory (VmHWM) is its
own. Opening the ledger is timed apart from the call:

- ``duckdb_copy_csv``: the ledger file opened with plain ``duckdb.connect(read_only=True)`` and
  ``COPY (SELECT <identity and e-mail columns> FROM leads WHERE status = 'active') TO ... (HEADER)``
  — the floor: writing the leads out, no rules;
- ``leadguard_export_csv``: ``Ledger.export(recipient, "email", basis, format="csv")`` — the whole
  gate (suppression re-screened, restriction, basis, retention, country rule, contact point, role
  and shared mailboxes, notice) plus the file, its manifest and the disclosure log;
- ``leadguard_export_dry_run``: the same with ``dry_run=True`` (the gate only);
- ``leadguard_export_hubspot``: the same as the CSV export in HubSpot's layout (secondary);
- ``leadguard_export_csv_phases``: the CSV export once more with timers around its phases (gate
  query, decision, rows, the writer's steps, disclosure insert, commit, manifest); where the time
  goes, not the measured figure.

Checks, computed for every export: exported + excluded = leads considered; the file has exactly
``exported`` data rows; no listed (suppressed) lead's id is in it; every listed lead is excluded
as suppressed. Results go to ``bench/results/export.json`` and ``.md``. Target: the CSV export
of 1,000,000 leads in ≤ 20 s on 2 cores.

    python bench/export.py [--rows 1000000]  # --rows 20000 for a quick run
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
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import suppress  # noqa: E402
import synth  # noqa: E402
from _child import PEAK_AND_PRINT, PROLOGUE, run_child  # noqa: E402

CACHE = Path(__file__).parent / ".cache"
RESULTS = Path(__file__).parent / "results"
SHARE = 0.05  # of the leads' addresses put on the suppression list
MAILTO = 1 / 3  # of those lines written with "mailto:"
SEED = 2027
TARGET_S = 20.0
TARGET_CORES = 2
FLOOR_COLUMNS = "lead_id, first_name, last_name, email, company, job_title, country, city"
PHASES = (
    "gate_query",
    "decide",
    "build_rows",
    "write_export",
    "write_export.prepare",
    "write_export.shape",
    "write_export.shape.neutralize",
    "write_export.drop_reasons",
    "write_export.atomic_write",
    "write_export.atomic_write.write_rows",
    "disclosure_insert",
    "commit",
    "manifest",
)
KINDS = (
    "duckdb_copy_csv",
    "leadguard_export_csv",
    "leadguard_export_dry_run",
    "leadguard_export_hubspot",
    "leadguard_export_csv_phases",
)

CHILD = (
    PROLOGUE  # noqa: S608 - a Python script; its SQL strings are fixed
    + r"""


def instrument():
    # Timers around the export's phases; a name the code no longer has is listed, not timed.
    import leadguard.export
    import leadguard.export.writers as writers
    import leadguard.ledger._export as gate
    from leadguard.db import Store
    from leadguard.db import queries as q

    phases, missing = {}, []

    def add(label, seconds):
        phases[label] = phases.get(label, 0.0) + seconds

    def timed(owner, name, label):
        original = getattr(owner, name, None)
        if original is None:
            missing.append(label)
            return

        def wrapper(*a, **k):
            start = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                add(label, time.perf_counter() - start)

        setattr(owner, name, wrapper)

    labels = {
        getattr(q, "EXPORT_GATE", None): "gate_query",
        getattr(q, "INSERT_DISCLOSURES", None): "disclosure_insert",
        "COMMIT": "commit",
    }
    for method in ("fetch_df", "execute"):
        original = getattr(Store, method)

        def wrapper(self, sql, params=None, _original=original):
            label = labels.get(sql)
            if label is None:
                return _original(self, sql, params)
            start = time.perf_counter()
            try:
                return _original(self, sql, params)
            finally:
                add(label, time.perf_counter() - start)

        setattr(Store, method, wrapper)
    timed(gate, "_decide", "decide")
    timed(gate.ExportMixin, "_export_rows", "build_rows")
    timed(leadguard.export, "write_export", "write_export")
    timed(leadguard.export, "write_manifest", "manifest")
    timed(writers, "_prepare", "write_export.prepare")
    timed(writers, "_shape", "write_export.shape")
    timed(writers, "_neutralized", "write_export.shape.neutralize")
    timed(writers, "_drop_reasons", "write_export.drop_reasons")
    timed(writers, "_atomic_write", "write_export.atomic_write")
    timed(writers, "_write_text", "write_export.atomic_write.write_rows")
    return phases, missing


if kind == "build":
    import numpy as np
    lg = ledger()
    build(lg)
    leads = open_gate(lg)
    rng = np.random.default_rng(args["seed"])
    known = leads.dropna(subset=["email"]).sort_values("lead_id")
    picked = np.sort(rng.choice(len(known), size=round(args["share"] * len(known)), replace=False))
    chosen = known.iloc[picked]
    upper = chosen["email"].str.upper().to_numpy(dtype=object)
    mailto = rng.random(len(upper)) < args["mailto"]
    lines = [f"mailto:{a}" if m else a for a, m in zip(upper, mailto)]
    order = rng.permutation(len(lines))
    with open(args["lines"], "w", encoding="utf-8") as handle:
        handle.write("".join(lines[i] + "\n" for i in order))
    np.save(args["ids"], chosen["lead_id"].to_numpy(dtype=np.int64))
    result["listed_leads"] = len(chosen)
    result["listed_with_mailto"] = int(mailto.sum())
    start = time.perf_counter()
    report = lg.suppress_import(args["lines"], format="lines", reason="objection", channel="all")
    result["suppress_import_s"] = time.perf_counter() - start
    for field in ("rows_read", "entries_added", "rows_rejected"):
        result[f"suppress_{field}"] = getattr(report, field)
    lg.close()
elif kind == "duckdb_copy_csv":
    import duckdb
    start = time.perf_counter()
    con = duckdb.connect(args["db"], read_only=True)
    result["open_s"] = time.perf_counter() - start
    target = "'" + args["out"].replace("'", "''") + "'"
    start = time.perf_counter()
    row = con.execute(
        f"COPY (SELECT {args['columns']} FROM leads WHERE status = 'active') TO {target} (HEADER)"
    ).fetchone()
    result["seconds"] = time.perf_counter() - start
    result["leads_considered"] = result["exported"] = int(row[0])
    con.close()
else:
    phases = None
    if kind.endswith("_phases"):
        phases, missing = instrument()
    lg = ledger()
    start = time.perf_counter()
    report = lg.export("Vendor", "email", "b", format=args["format"], out=args["out"],
                       dry_run=args["dry_run"])
    result["seconds"] = time.perf_counter() - start
    lg.close()
    result["leads_considered"] = report.leads_considered
    result["exported"] = report.exported
    result["excluded"] = report.excluded
    result["suppressed_by_reason"] = report.suppressed_by_reason
    result["notice_due"] = report.notice_due
    result["manifest"] = report.manifest is not None
    if phases is not None:
        result["phases"] = phases
        result["phases_missing"] = missing
"""
    + PEAK_AND_PRINT
)


def child(kind: str, **args: Any) -> dict[str, Any]:
    """Run one step in a fresh process; its JSON line back."""
    return run_child(CHILD, kind, args)


def make_csv(rows: int) -> Path:
    """``synth.unique`` as a CSV with the headers an event export has."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"unique_{rows}.csv"
    if not path.exists():
        frame = synth.unique(rows).rename(
            columns={"email": "Email", "phone": "Phone", "country": "Country"}
        )
        frame.to_csv(path, index=False)
    return path


def build_ledger(rows: int, csv_path: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """Ingest, dedupe, recipient, rules, notices and the suppression list, once; the ledger and
    its key (mode 0600), the opt-out file and the listed lead ids are cached by rows."""
    paths = {
        "db": CACHE / f"export_ledger_{rows}.duckdb",
        "key": CACHE / f"export_ledger_{rows}.duckdb.key",
        "lines": CACHE / f"export_{rows}_optouts.txt",
        "ids": CACHE / f"export_{rows}_suppressed.npy",
    }
    info_path = CACHE / f"export_ledger_{rows}.json"
    if info_path.exists() and all(p.exists() for p in paths.values()):
        info: dict[str, Any] = json.loads(info_path.read_text())
        info["ledger"] = "cached"
        return info, paths
    for stale in [info_path, *paths.values(), Path(f"{paths['db']}.wal")]:
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        fresh = Path(tmp) / "ledger.duckdb"
        lines, ids = Path(tmp) / "optouts.txt", Path(tmp) / "suppressed.npy"
        info = child(
            "build",
            csv=str(csv_path),
            db=str(fresh),
            lines=str(lines),
            ids=str(ids),
            seed=SEED,
            share=SHARE,
            mailto=MAILTO,
        )
        suppress.copy_ledger(fresh, paths["db"])
        shutil.copy2(lines, paths["lines"])
        shutil.copy2(ids, paths["ids"])
    info = {k: round(v, 2) if isinstance(v, float) else v for k, v in info.items()}
    info_path.write_text(json.dumps(info, indent=2) + "\n")
    info["ledger"] = "built"
    return info, paths


def measure(kind: str, db: Path) -> tuple[dict[str, Any], pd.Series | None]:
    """One measurement on a fresh copy of the ledger; its result and the ids in its file."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ledger.duckdb"
        suppress.copy_ledger(db, work)
        out = Path(tmp) / ("leads.csv" if kind != "leadguard_export_hubspot" else "hubspot.csv")
        args: dict[str, Any] = {"db": str(work), "out": str(out)}
        if kind == "duckdb_copy_csv":
            args["columns"] = FLOOR_COLUMNS
        else:
            args["format"] = "hubspot" if kind.endswith("hubspot") else "csv"
            args["dry_run"] = kind.endswith("dry_run")
        result = child(kind, **args)
        result["file_written"] = out.exists()
        ids = None
        if out.exists():
            result["file_mb"] = round(out.stat().st_size / 2**20, 1)
            result["file_mode"] = oct(out.stat().st_mode & 0o777)
            column = "lead_id" if kind == "duckdb_copy_csv" else "leadguard_id"
            ids = pd.read_csv(out, usecols=[column], dtype={column: "int64"})[column]
    return result, ids


def checks(result: dict[str, Any], ids: pd.Series | None, listed: np.ndarray) -> dict[str, bool]:
    """The sanity checks of one export, computed."""
    excluded = result.get("excluded", {})
    found: dict[str, bool] = {
        "exported_plus_excluded_is_considered": result["exported"] + sum(excluded.values())
        == result["leads_considered"],
    }
    if result["system"] == "duckdb_copy_csv":
        found["file_rows_are_exported"] = ids is not None and len(ids) == result["exported"]
        return found
    found["every_listed_lead_excluded_as_suppressed"] = excluded.get("suppressed", 0) == len(
        listed
    ) and result["suppressed_by_reason"].get("objection", 0) == len(listed)
    if result["system"].endswith("dry_run"):
        found["no_file_written"] = not result["file_written"]
        return found
    found["file_rows_are_exported"] = ids is not None and len(ids) == result["exported"]
    found["no_listed_lead_in_file"] = ids is not None and not bool(np.isin(ids, listed).any())
    found["file_owner_only"] = result.get("file_mode") == "0o600"
    return found


def phase_rows(phases: dict[str, float], total: float) -> list[tuple[str, float]]:
    """The timed phases in the order the export runs them (a nested phase after its parent),
    and what no timer covered."""
    rows = [(name, phases[name]) for name in PHASES if name in phases]
    rows += [(name, s) for name, s in phases.items() if name not in PHASES]
    rows.append(("other", total - sum(s for name, s in phases.items() if "." not in name)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    began = time.perf_counter()
    csv_path = make_csv(args.rows)
    setup, paths = build_ledger(args.rows, csv_path)
    print(json.dumps({"setup": setup}), flush=True)
    if paths["key"].stat().st_mode & 0o777 != 0o600:
        raise SystemExit(f"{paths['key'].name} is not owner-only (0600)")
    listed = np.load(paths["ids"])

    results = []
    for kind in KINDS:
        result, ids = measure(kind, paths["db"])
        result["checks"] = checks(result, ids, listed)
        print(json.dumps(result), flush=True)
        results.append(result)

    floor = results[0]
    for r in results:
        r["rows_per_s"] = round(r["exported"] / r["seconds"]) if r["exported"] else None
        r["ratio_to_copy"] = round(r["seconds"] / floor["seconds"], 1)
        for key in ("seconds", "open_s"):
            r[key] = round(float(r[key]), 2)
    gate = results[1]
    profiled = results[-1]
    phases = phase_rows(profiled.get("phases", {}), float(profiled["seconds"]))
    cpus = len(os.sched_getaffinity(0))
    checked = [r for r in results if r["system"] != "leadguard_export_csv_phases"]
    all_ok = all(all(r["checks"].values()) for r in checked)
    active = floor["exported"]
    considered_is_active = all(
        r["leads_considered"] == active for r in results if r["system"] != "duckdb_copy_csv"
    )
    verdict = "PASS" if gate["seconds"] <= TARGET_S and all(gate["checks"].values()) else "MISS"
    meta = {
        "benchmark": "export",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": cpus,
        "rows": args.rows,
        "leads": setup["leads"],
        "active_leads": active,
        "listed_leads": len(listed),
        "csv_mb": round(csv_path.stat().st_size / 2**20, 1),
        "targets": {"export_csv_s": TARGET_S, "cores": TARGET_CORES},
        "target": verdict,
        "checks_pass": all_ok and considered_is_active,
        "considered_is_active_leads": considered_is_active,
        "setup": setup,
        "results": results,
        "phases": {name: round(s, 2) for name, s in phases},
        "run_s": round(time.perf_counter() - began, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "export.json").write_text(json.dumps(meta, indent=2) + "\n")

    lines = [
        f"{args.rows:,} rows → {setup['leads']:,} leads ({active:,} active), "
        f"{len(listed):,} of them on the suppression list (objection), the notice recorded for "
        f"{setup['notices_recorded']:,}, e-mail allowed in {len(setup['countries_allowed'])} "
        "countries; the recipient is a processor with its contract.",
        "",
        "| system | leads considered | exported | seconds | rows/s | × COPY | open s | peak MB "
        "| file MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rate = f"{r['rows_per_s']:,}" if r["rows_per_s"] else "–"
        size = r.get("file_mb", "–")
        lines.append(
            f"| {r['system']} | {r['leads_considered']:,} | {r['exported']:,} | {r['seconds']} "
            f"| {rate} | {r['ratio_to_copy']}× | {r['open_s']} | {r['peak_mb']:,} | {size} |"
        )
    excluded = ", ".join(f"{k} {v:,}" for k, v in gate["excluded"].items()) or "none"
    failed = [f"{r['system']}: {k}" for r in checked for k, ok in r["checks"].items() if not ok]
    if not considered_is_active:
        failed.append("leads considered ≠ active leads written by COPY")
    lines += [
        "",
        f"Target CSV export ≤ {TARGET_S:g} s on {TARGET_CORES} cores: **{verdict}** "
        f"({gate['seconds']} s, {cpus} cores here).",
        f"Excluded by the gate (CSV export): {excluded}.",
        "Checks (exported + excluded = considered; file rows = exported; no listed lead in the "
        "file; every listed lead excluded as suppressed; file mode 0600; dry run writes nothing; "
        "leads considered = active leads): "
        + ("all hold." if not failed else "FAILED " + "; ".join(failed) + "."),
        f"Setup ({setup['ledger']}; not measured): ingest {setup['ingest_s']} s, dedupe "
        f"{setup['dedupe_s']} s, notices for {setup['notices_recorded']:,} leads "
        f"{setup['notices_s']} s, `suppress_import` of {setup['suppress_rows_read']:,} lines "
        f"{setup['suppress_import_s']} s; peak {setup['peak_mb']:,} MB.",
        "",
        f"Where the CSV export's time goes (instrumented run, {profiled['seconds']} s; "
        "nested phases indented):",
        "",
        "| phase | seconds | share |",
        "|---|---:|---:|",
    ]
    total = float(profiled["seconds"])
    for name, seconds in phases:
        depth = name.count(".")
        label = ("&nbsp;&nbsp;" * depth) + name.rsplit(".", 1)[-1]
        lines.append(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    if profiled.get("phases_missing"):
        lines.append(f"\nNot timed (not found): {', '.join(profiled['phases_missing'])}.")
    (RESULTS / "export.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"run: {meta['run_s']} s")


if __name__ == "__main__":
    main()
