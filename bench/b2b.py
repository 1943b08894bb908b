"""Benchmark: dedupe and opt-out reach on a labelled B2B set, per class of what real lists do.

``b2b_data.py`` writes the set (four list shapes, a Mailchimp unsubscribed export, the truth)
with a fixed seed; this script builds a fresh ledger from it the way a user would (a legal
basis, one source per list, ``ingest`` of each list with its country, ``dedupe``), then imports
the unsubscribed export with ``suppress_import``, runs ``dedupe`` again (links are made at
import and after each dedupe) and screens every lead for e-mail with ``screen_leads``.

Measured, against the truth:

* pairwise precision, recall and F1 of the leads over all rows (a row the ledger quarantined
  is a lead of its own), and per class: a true pair belongs to its person's class, a false
  pair is charged to the class of each of its two rows;
* for the look-alike classes, the pairs of different people of one look-alike group the
  ledger put in one lead ("wrongly merged", target 0);
* the people who unsubscribed that still have a lead not suppressed for e-mail (target 0),
  split by whether the export's address is one the lists hold.

Targets (issue 16): precision >= 0.99, recall >= 0.97, no look-alike merged, no unsubscribed
person left exportable. Results go to ``bench/results/b2b.json`` and ``.md``.

Run from the repository root: ``.venv/bin/python bench/b2b.py [--people 3000] [--seed 16]``
(``--db postgresql://…`` measures a shared ledger instead of a DuckDB file). The set is written
to ``bench/.cache/b2b/`` (not committed); the ledger lives in a temporary folder. A small copy
of the set is committed under ``tests/data/dedupe/b2b/`` for ``tests/dedupe/test_b2b_set.py``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import b2b_data  # noqa: E402
import leadguard  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache" / "b2b"

TARGETS = {"precision": 0.99, "recall": 0.97, "lookalikes_merged": 0, "unsubscribed_exportable": 0}
"""The issue's targets on this set."""

SOURCES = {
    "linkedin": ("LinkedIn connections", "linkedin", False),
    "event": ("Event registrations", "event", False),
    "badge": ("Badge scans", "event", False),
    "research": ("Prospect research", "own_research", True),
}
"""List shape → (source name, source kind, publicly accessible)."""

LIA = """Purpose test: offering our products to professionals whose role relates to them.
Necessity test: contacting them in their professional role is the least intrusive way.
Balancing test: business contact data, opt-out in every message, notice within a month.
"""

CLASSES = (
    "plain",
    "linkedin_row",
    "org_variant",
    "salutation",
    "nickname_role",
    "within_file",
    "private_email",
    "corrupted",
    *b2b_data.LOOKALIKE_CLASSES,
)


def build_ledger(folder: Path, target: str) -> dict[str, Any]:
    """Import the set's four lists into a new ledger at ``target``, dedupe, import the opt-outs,
    dedupe again; the times and reports of each step."""
    steps: dict[str, Any] = {}
    with leadguard.open(target, user="bench") as lg:
        lg.add_basis(
            "prospecting",
            kind="legitimate_interest",
            purpose="B2B prospecting",
            channels="email,phone",
            retention_months=24,
            lia_text=LIA,
            lia_assessed_by="Privacy officer",
            lia_assessed_on=date(2026, 1, 15),
            lia_review_by=date(2099, 1, 15),
        )
        began = time.perf_counter()
        for shape, (name, kind, public) in SOURCES.items():
            lg.add_source(name, kind=kind, publicly_accessible=public)
            report = lg.ingest(
                folder / b2b_data.FILES[shape],
                name,
                "prospecting",
                country=b2b_data.COUNTRY_OF_FILE[shape],
            )
            steps[f"ingest_{shape}"] = _report(report)
        steps["ingest_s"] = round(time.perf_counter() - began, 2)
        began = time.perf_counter()
        first = lg.dedupe()
        steps["dedupe_s"] = round(time.perf_counter() - began, 2)
        steps["dedupe"] = _report(first)
        imported = lg.suppress_import(folder / b2b_data.FILES["unsubscribed"])
        steps["suppress_import"] = _report(imported)
        steps["dedupe_after_import"] = _report(lg.dedupe())
    return steps


def _report(report: object) -> dict[str, Any]:
    """A report's plain fields (numbers and strings), for the JSON."""
    fields = getattr(report, "__dataclass_fields__", {})
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(report, name)
        if isinstance(value, bool | int | float | str) or value is None:
            out[name] = value
    return out


def read_truth(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The set's truth (file, row_number, person_id) and its people (class, group)."""
    truth = pd.read_csv(folder / "truth.csv", dtype={"person_id": str}, keep_default_na=False)
    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    return truth, people


def _pairs(keys: pd.Series) -> set[tuple[int, int]]:
    """Every pair of row positions that share a key (positions ascending within a pair)."""
    out: set[tuple[int, int]] = set()
    for members in keys.groupby(keys, sort=False).groups.values():
        if len(members) > 1:
            out.update(itertools.combinations(sorted(int(m) for m in members), 2))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "true_pairs": tp + fn,
        "found": tp,
        "missed": fn,
        "false_pairs": fp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def pair_metrics(
    sightings: pd.DataFrame, truth: pd.DataFrame, people: pd.DataFrame
) -> dict[str, Any]:
    """Pairwise precision/recall/F1 overall and per class, and the look-alikes merged."""
    lists = {b2b_data.FILES[s] for s in SOURCES}
    rows = truth[truth["file"].isin(lists) & (truth["person_id"] != "")].merge(
        sightings[["file_name", "row_number", "lead_id"]],
        left_on=["file", "row_number"],
        right_on=["file_name", "row_number"],
        how="left",
        validate="one_to_one",
    )
    rows = rows.merge(people[["person_id", "class", "group"]], on="person_id", how="left")
    rows = rows.reset_index(drop=True)
    # A row without a lead (quarantined) is a lead of its own.
    lead = rows["lead_id"].astype("Int64").astype(str)
    lead = lead.where(rows["lead_id"].notna(), "row" + rows.index.astype(str))
    predicted = _pairs(lead)
    actual = _pairs(rows["person_id"])
    klass = rows["class"].to_numpy()
    group = rows["group"].to_numpy()
    person = rows["person_id"].to_numpy()
    shape = rows["file"].to_numpy()
    linkedin = b2b_data.FILES["linkedin"]

    tp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    merged: dict[str, int] = defaultdict(int)
    merged_groups: dict[str, set[str]] = defaultdict(set)
    for a, b in actual:
        if (a, b) in predicted:
            tp[klass[a]] += 1
        else:
            fn[klass[a]] += 1
    false_pairs = predicted - actual
    for a, b in false_pairs:
        for c in {klass[a], klass[b]}:
            fp[c] += 1
        if group[a] and group[a] == group[b] and person[a] != person[b]:
            merged[klass[a]] += 1
            merged_groups[klass[a]].add(group[a])
    missed = actual - predicted
    overall = _prf(len(actual & predicted), len(false_pairs), len(missed))
    overall["missed_with_linkedin_row"] = sum(
        1 for a, b in missed if linkedin in (shape[a], shape[b])
    )
    overall["rows"] = len(rows)
    overall["people"] = int(rows["person_id"].nunique())
    overall["leads"] = int(lead.nunique())
    per_class: dict[str, dict[str, Any]] = {}
    for c in CLASSES:
        entry = _prf(tp[c], fp[c], fn[c])
        entry["people"] = int((people["class"] == c).sum())
        entry["rows"] = int((rows["class"] == c).sum())
        if c in b2b_data.LOOKALIKE_CLASSES:
            entry["groups"] = int(people.loc[people["class"] == c, "group"].nunique())
            entry["wrongly_merged_pairs"] = merged[c]
            entry["wrongly_merged_groups"] = len(merged_groups[c])
        per_class[c] = entry
    overall["lookalikes_merged"] = sum(merged.values())
    return {"overall": overall, "classes": per_class}


def unsubscribe_reach(
    sightings: pd.DataFrame, screened: pd.DataFrame, truth: pd.DataFrame, folder: Path
) -> dict[str, Any]:
    """How many people who unsubscribed still have a lead not suppressed for e-mail."""
    export_name = b2b_data.FILES["unsubscribed"]
    unsub = truth[truth["file"] == export_name].copy()
    cells = pd.read_csv(folder / export_name, dtype=str, keep_default_na=False)
    unsub["address"] = cells["Email Address"].str.lower().to_numpy()[unsub["row_number"] - 1]
    rows = truth[truth["file"] != export_name].merge(
        sightings[["file_name", "row_number", "lead_id", "email"]],
        left_on=["file", "row_number"],
        right_on=["file_name", "row_number"],
    )
    rows = rows[rows["lead_id"].notna()]
    suppressed = set(screened.loc[screened["suppressed"].astype(bool), "lead_id"].astype(int))
    active = set(screened["lead_id"].astype(int))
    outcome = {"held": [0, 0], "not_held": [0, 0], "no_lead": 0}
    exportable_people = []
    for pid, address in zip(unsub["person_id"], unsub["address"], strict=True):
        mine = rows[rows["person_id"] == pid]
        if mine.empty:
            outcome["no_lead"] += 1
            continue
        held = "held" if address in set(mine["email"].dropna().str.lower()) else "not_held"
        leads = {int(v) for v in mine["lead_id"]} & active
        left = leads - suppressed
        outcome[held][0] += 1
        if left:
            outcome[held][1] += 1
            exportable_people.append(pid)
    # A sighting whose lead is not active (merged away, erased) is screened through nobody.
    inactive = int((~rows["lead_id"].astype(int).isin(active)).sum())
    others = rows[~rows["person_id"].isin(set(unsub["person_id"]))]
    other_leads = {int(v) for v in others["lead_id"]} & active
    return {
        "unsubscribed_people": len(unsub),
        "with_a_lead": outcome["held"][0] + outcome["not_held"][0],
        "address_held_by_lists": outcome["held"][0],
        "address_not_held": outcome["not_held"][0],
        "exportable": len(exportable_people),
        "exportable_address_held": outcome["held"][1],
        "exportable_address_not_held": outcome["not_held"][1],
        "other_people_leads_suppressed": len(other_leads & suppressed),
        "other_people_leads": len(other_leads),
        "rows_on_inactive_leads": inactive,
    }


def measure(folder: Path, target: str) -> dict[str, Any]:
    """Build the ledger at ``target`` from the set in ``folder`` and measure it."""
    steps = build_ledger(folder, target)
    with leadguard.open(target, read_only=not target.startswith("postgresql://")) as lg:
        sightings = lg.sightings()
        screened = lg.screen_leads("email")
    truth, people = read_truth(folder)
    result = pair_metrics(sightings, truth, people)
    result["unsubscribe"] = unsubscribe_reach(sightings, screened, truth, folder)
    result["steps"] = steps
    return result


def verdicts(result: dict[str, Any]) -> dict[str, bool]:
    """Each target: met or not."""
    o = result["overall"]
    return {
        "precision": o["precision"] >= TARGETS["precision"],
        "recall": o["recall"] >= TARGETS["recall"],
        "lookalikes_merged": o["lookalikes_merged"] <= TARGETS["lookalikes_merged"],
        "unsubscribed_exportable": result["unsubscribe"]["exportable"]
        <= TARGETS["unsubscribed_exportable"],
    }


def table(result: dict[str, Any]) -> list[str]:
    """The per-class table in Markdown."""
    lines = [
        "| class | people | rows | true pairs | found | missed | false pairs | precision "
        "| recall | F1 | look-alike pairs merged |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    o = result["overall"]
    for name, c in [*result["classes"].items(), ("**all**", o)]:
        merged = c.get("wrongly_merged_pairs", o["lookalikes_merged"] if name == "**all**" else "")
        lines.append(
            f"| {name} | {c['people']:,} | {c['rows']:,} | {c['true_pairs']:,} | {c['found']:,} "
            f"| {c['missed']:,} | {c['false_pairs']:,} | {c['precision']:.4f} | {c['recall']:.4f} "
            f"| {c['f1']:.4f} | {merged} |"
        )
    return lines


def write_results(result: dict[str, Any], meta: dict[str, Any]) -> str:
    """Write ``b2b.json`` and ``b2b.md``; the Markdown."""
    met = verdicts(result)
    doc = {**meta, "targets": TARGETS, "met": met, **result}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "b2b.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    o, u = result["overall"], result["unsubscribe"]

    def mark(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines = [
        f"B2B set (seed {meta['seed']}, {meta['people_generated']:,} people): {o['rows']:,} rows "
        f"in four lists → {o['leads']:,} leads for {o['people']:,} people; {meta['date']}, "
        f"{meta['machine']} ({meta['cpus']} CPUs), Python {meta['python']}, leadguard "
        f"{meta['leadguard']} ({meta['code']}), {meta['backend']} ledger.",
        "",
        *table(result),
        "",
        f"Missed pairs with a LinkedIn row: {o['missed_with_linkedin_row']:,} of {o['missed']:,}.",
        "",
        f"Unsubscribed export: {u['unsubscribed_people']} people, {u['with_a_lead']} with a lead "
        f"({u['address_held_by_lists']} under an address the lists hold, "
        f"{u['address_not_held']} under another); still exportable by e-mail: "
        f"**{u['exportable']}** ({u['exportable_address_held']} + "
        f"{u['exportable_address_not_held']}). Leads of people who did not unsubscribe that "
        f"are suppressed too: {u['other_people_leads_suppressed']} of {u['other_people_leads']}.",
        "",
        "| target | value | verdict |",
        "|---|---:|---|",
        f"| precision ≥ {TARGETS['precision']} | {o['precision']:.4f} | {mark(met['precision'])} |",
        f"| recall ≥ {TARGETS['recall']} | {o['recall']:.4f} | {mark(met['recall'])} |",
        f"| look-alike pairs merged = 0 | {o['lookalikes_merged']} "
        f"| {mark(met['lookalikes_merged'])} |",
        f"| unsubscribed people exportable = 0 | {u['exportable']} "
        f"| {mark(met['unsubscribed_exportable'])} |",
        "",
        f"Times: ingest of the four lists {result['steps']['ingest_s']} s, dedupe "
        f"{result['steps']['dedupe_s']} s.",
    ]
    text = "\n".join(lines) + "\n"
    (RESULTS / "b2b.md").write_text(text)
    return text


def _code_version(root: Path) -> str:
    """The commit of the leadguard measured, and whether its sources differ from it."""
    import subprocess

    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} with uncommitted changes" if changed else commit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--db", help="a postgresql:// URL to measure a shared ledger instead")
    parser.add_argument("--code", help="what code is measured, for the results (default: from git)")
    args = parser.parse_args()
    folder = CACHE / f"seed{args.seed}-people{args.people}"
    b2b_data.generate(folder, people=args.people, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="leadguard-b2b-") as tmp:
        target = args.db or str(Path(tmp) / "b2b.duckdb")
        result = measure(folder, target)
    meta = {
        "benchmark": "b2b",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": len(os.sched_getaffinity(0)),
        "leadguard": leadguard.__version__,
        "code": args.code or _code_version(Path(leadguard.__file__).parents[2]),
        "backend": "PostgreSQL" if args.db else "DuckDB",
        "seed": args.seed,
        "people_generated": args.people,
    }
    print(write_results(result, meta))


if __name__ == "__main__":
    main()
