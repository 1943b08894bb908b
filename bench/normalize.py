"""Benchmark: the vectorised normalizers against a plain ``Series.apply`` of the libraries.

Two data sets of the same size, generated with a fixed seed by ``bench/synth.py``:
``realistic`` (people seen in several lists, company switchboards and role mailboxes repeating,
each list writing values in its own style) and ``unique`` (every cell distinct). For each, the
plain apply (``validate_email`` / ``phonenumbers.parse`` + ``is_valid_number`` per row) is timed
against ``normalize_emails`` / ``normalize_phones`` in the same run, and the vectorised results are
checked to be identical to the scalar ``normalize_email`` / ``normalize_phone`` row by row (on a
sample; ``--check-all`` checks every row). Results go to ``bench/results/normalize.json`` and
``bench/results/normalize.md``.

    python bench/normalize.py               # 1,000,000 cells per data set
    python bench/normalize.py --rows 100000 # quicker
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from dataclasses import astuple
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import phonenumbers
from email_validator import EmailNotValidError, validate_email

sys.path.insert(0, str(Path(__file__).parent))
import synth  # noqa: E402
from leadguard import normalize_email, normalize_emails, normalize_phone, normalize_phones  # noqa: E402

RESULTS = Path(__file__).parent / "results"


def plain_email(value: Any) -> str | None:
    """What a user would write with the library alone."""
    if not isinstance(value, str):
        return None
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError:
        return None


def plain_phone(pair: tuple[Any, str]) -> str | None:
    """What a user would write with the library alone."""
    value, region = pair
    if value is None:
        return None
    try:
        number = phonenumbers.parse(str(value), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def check_identical(
    frame: pd.DataFrame, emails: pd.DataFrame, phones: pd.DataFrame, sample: np.ndarray
) -> int:
    """Count rows where the vectorised result differs from the scalar one (0 expected)."""
    mismatches = 0
    for i in sample:
        if tuple(emails.iloc[i]) != astuple(normalize_email(frame.email.iloc[i])):
            mismatches += 1
        scalar = normalize_phone(frame.phone.iloc[i], frame.country.iloc[i])
        if tuple(phones.iloc[i]) != astuple(scalar):
            mismatches += 1
    return mismatches


def run(name: str, frame: pd.DataFrame, check_all: bool) -> dict[str, Any]:
    n = len(frame)
    pairs = pd.Series(list(zip(frame.phone, frame.country, strict=True)), dtype=object)
    base_e, t_base_e = timed(frame.email.apply, plain_email)
    base_p, t_base_p = timed(pairs.apply, plain_phone)
    ours_e, t_ours_e = timed(normalize_emails, frame.email)
    ours_p, t_ours_p = timed(normalize_phones, frame.phone, frame.country)
    rng = np.random.default_rng(1)
    sample = np.arange(n) if check_all else rng.choice(n, size=min(n, 20_000), replace=False)
    mismatches = check_identical(frame, ours_e, ours_p, sample)
    return {
        "dataset": name,
        "rows": n,
        "distinct_emails": int(frame.email.nunique()),
        "distinct_phones": int(frame.phone.astype(str).nunique()),
        "plain_email_s": round(t_base_e, 2),
        "plain_phone_s": round(t_base_p, 2),
        "leadguard_email_s": round(t_ours_e, 2),
        "leadguard_phone_s": round(t_ours_p, 2),
        "email_speedup": round(t_base_e / t_ours_e, 2),
        "phone_speedup": round(t_base_p / t_ours_p, 2),
        "total_speedup": round((t_base_e + t_base_p) / (t_ours_e + t_ours_p), 2),
        "valid_emails_plain": int(base_e.notna().sum()),
        "valid_emails_leadguard": int(ours_e.valid.sum()),
        "valid_phones_plain": int(base_p.notna().sum()),
        "valid_phones_leadguard": int(ours_p.valid.sum()),
        "checked_rows": len(sample),
        "mismatches_vs_scalar": mismatches,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--check-all", action="store_true")
    args = parser.parse_args()
    results = []
    for name, make in (("realistic", synth.realistic), ("unique", synth.unique)):
        frame = make(args.rows)
        result = run(name, frame, args.check_all)
        print(json.dumps(result))
        results.append(result)
    meta = {
        "benchmark": "normalize",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": len(__import__("os").sched_getaffinity(0)),
        "targets": {"realistic_speedup": 5.0, "unique_speedup": 1.5},
        "results": results,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "normalize.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = [
        "| data set | rows | distinct e-mails | distinct phones | plain apply s (e-mail + phone) "
        "| leadguard s | speed-up e-mail | speed-up phone | speed-up total | mismatches |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['dataset']} | {r['rows']:,} | {r['distinct_emails']:,} "
            f"| {r['distinct_phones']:,} "
            f"| {r['plain_email_s']} + {r['plain_phone_s']} "
            f"| {r['leadguard_email_s']} + {r['leadguard_phone_s']} "
            f"| {r['email_speedup']}× | {r['phone_speedup']}× | {r['total_speedup']}× "
            f"| {r['mismatches_vs_scalar']} of {r['checked_rows']:,} |"
        )
    (RESULTS / "normalize.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
