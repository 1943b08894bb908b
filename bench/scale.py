"""Benchmark: a 1,000,000-lead ledger — its file, opening it, purge, audit and request lookups.

The list is ``export.py``'s (``synth.unique``: every address and number different) with the
columns a request lookup and retention need, drawn here from a fixed seed: first and last name
(independent of the address; 100 first names and a pool of 50,000 generated surnames, both with
Zipf-like weights, so common names repeat as they do in a real market), the company (named from
the address's ``companyN`` domain as ``synth.realistic`` names companies, about 40 people each),
a job title and an acquisition date (2024-01-01 plus 0–899 days, as ``synth.realistic``).
Dedupe joins the few rows that drew the same name at the same company, so there are slightly
fewer leads than rows. ``export.py``'s cached ledger has no names, companies or dates, so this
ledger is built the same way (ingest under a legitimate-interest basis with a 24-month
retention, dedupe, in a fresh process) and cached in ``bench/.cache/`` with its key file (mode
0600). A second cached copy has 10,000 audit events appended (a configuration value set 10,000
times), so that verifying the trail means something. Setup timings are reported apart; they are
not the measured steps.

Each measurement runs in a fresh process on a fresh copy of the cached ledger and key, so that
its peak memory (VmHWM) is its own and an access request it registers is seen by no other:

- ``open``: ``leadguard.open(path)`` alone (the file was just copied, so it is in the page
  cache); the file's size is reported beside it;
- ``purge_dry_run``: ``Ledger.purge(dry_run=True)`` — the leads past their delete-by date,
  checked against the count worked out from the generated dates (the latest of each lead's
  rows) without leadguard;
- ``verify_audit_built`` and ``verify_audit_events``: ``Ledger.verify_audit()`` of the trail as
  built (a handful of events) and with 10,000 events more;
- ``find_email``: ``Ledger.find_person(email=...)`` for 20 random addresses of the list and 5
  that are not in it, one after the other with the ledger already open (opening is timed
  apart); each must name exactly the lead its row became (read from the ledger's sightings
  with plain DuckDB) or none;
- ``find_name``: ``Ledger.find_person(name="First Last", company=...)`` for 20 random people,
  half of them with one typo in the surname (letters swapped, dropped or replaced); how often
  the true lead (the one the person's row became) is the top candidate alone, tied at the top
  with others of the same score, or listed at all;
- ``access_report``: ``Ledger.access_report(email=...)`` for 5 addresses — the whole answer
  document, registering and closing a request each time (a secondary figure, no target);
- ``*_profile``: the three lookups once more under cProfile (functions by own time); where the
  time goes, not the measured figures.

In the three lookups each of the store's statements is timed inside the measured calls (a
timer around ``Store.execute`` / ``fetch_*``, named as ``leadguard.db.queries`` names them),
with the rows the name search's SQL pre-filter hands to its scoring.

Results go to ``bench/results/scale.json`` and ``.md``. Targets: the median e-mail lookup
≤ 100 ms and the median name + company lookup ≤ 500 ms on 1,000,000 leads.

    python bench/scale.py [--rows 1000000]  # --rows 20000 for a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
import export  # noqa: E402
import suppress  # noqa: E402
import synth  # noqa: E402
from _child import PEAK_AND_PRINT, PROLOGUE, run_child  # noqa: E402

CACHE = Path(__file__).parent / ".cache"
RESULTS = Path(__file__).parent / "results"
SEED = 2028
RETENTION_MONTHS = 24
EVENTS = 10_000  # audit events appended to the second cached ledger
LOOKUPS = 20  # existing people looked up by e-mail, and by name + company
ABSENT = 5  # addresses looked up that no lead holds
REPORTS = 5  # access reports
SURNAMES = 50_000  # the pool of generated surnames
TARGET_EMAIL_MS = 100.0
TARGET_NAME_MS = 500.0
PROFILE_TOP = 8
FIRST_NAMES = (
    "Jan Marie Thomas Anna Peter Sophie Lukas Emma Michael Julia Pieter Laura David Sarah Daniel "
    "Lisa Martin Nina Tom Eva Jean Claire Hans Katarina Piotr Agnieszka Lars Ingrid Mark Helen "
    "Koen Els Stefan Sabine Pierre Isabelle Tomasz Magdalena Erik Karin James Emily Wim Inge "
    "Frank Petra Nicolas Camille Marcin Joanna Johan Annika Paul Rachel Bart An Jens Monika "
    "Philippe Nathalie Pawel Katarzyna Anders Maria Simon Hannah Geert Veerle Jurgen Claudia "
    "Olivier Julie Krzysztof Ewa Nils Sofia Richard Charlotte Dirk Ilse Matthias Andrea Antoine "
    "Manon Michal Aleksandra Henrik Elin Chris Lucy Luc Griet Uwe Birgit Francois Celine Adam "
    "Zofia Ruben Lotte"
).split()
ONSETS = "b br d dr f g gr h j k kl l m n p pr r s sch st t v w z".split()
VOWELS = "a e i o u ae ie oe ei au".split()
ENDINGS = (
    "",
    "s",
    "en",
    "ens",
    "sen",
    "er",
    "mann",
    "ski",
    "czyk",
    "ak",
    "et",
    "ot",
    "son",
    "berg",
    "aert",
    "ley",
    "ois",
    "inck",
)
KINDS = (
    "open",
    "purge_dry_run",
    "verify_audit_built",
    "verify_audit_events",
    "find_email",
    "find_name",
    "access_report",
    "find_email_profile",
    "find_name_profile",
    "access_report_profile",
)

CHILD = (
    PROLOGUE
    + r"""
started = time.perf_counter()
import leadguard
result["import_s"] = time.perf_counter() - started


def statements():
    # A timer around each of the store's statements, named as leadguard.db.queries names them.
    from leadguard.db import Store
    from leadguard.db import queries as q

    names = {v: k for k, v in vars(q).items() if k.isupper() and isinstance(v, str)}
    spent = {"total": 0.0, "by": {}, "prefilter_rows": []}

    def wrap(method):
        original = getattr(Store, method)

        def wrapper(self, sql, params=None):
            start = time.perf_counter()
            out = original(self, sql, params)
            seconds = time.perf_counter() - start
            label = names.get(sql, sql if len(sql) < 30 else "other")
            entry = spent["by"].setdefault(label, {"calls": 0, "seconds": 0.0})
            entry["calls"] += 1
            entry["seconds"] += seconds
            spent["total"] += seconds
            if label == "SELECT_LEAD_CANDIDATES":
                spent["prefilter_rows"].append(len(out))
            return out

        setattr(Store, method, wrapper)

    for method in ("execute", "fetch_all", "fetch_one", "fetch_df"):
        wrap(method)
    return spent


def profiled(run):
    # cProfile around the calls: own time by function.
    import cProfile, os, pstats

    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    run()
    profile.disable()
    result["profile_s"] = time.perf_counter() - start
    stats = pstats.Stats(profile).stats
    rows = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[: args["top"]]
    result["profile"] = [
        {"function": func if file == "~" else f"{os.path.basename(file)}:{line} {func}",
         "calls": calls, "own_s": own, "cumulative_s": cumulative}
        for (file, line, func), (_, calls, own, cumulative, _) in rows
    ]


if kind == "build":
    lg = ledger()
    build(lg, args["retention"])
    result["events_built"] = lg.verify_audit().events
    lg.close()
elif kind == "events":
    lg = ledger()
    start = time.perf_counter()
    for i in range(args["events"]):
        lg.set_setting("objection.url", f"https://x.example/{i}")
    result["events_s"] = time.perf_counter() - start
    result["events"] = lg.verify_audit().events
    lg.close()
elif kind == "open":
    lg = ledger()
    result["seconds"] = result["open_s"]
    lg.close()
elif kind == "purge_dry_run":
    lg = ledger()
    start = time.perf_counter()
    report = lg.purge(dry_run=True)
    result["seconds"] = time.perf_counter() - start
    result["today"] = report.today.isoformat()
    result["leads"] = report.leads
    result["sightings"] = report.sightings
    result["held_restricted"] = report.held_restricted
    oldest = report.oldest_delete_by
    result["oldest_delete_by"] = oldest.isoformat() if oldest else None
    result["file_rewritten"] = report.file_rewritten
    lg.close()
elif kind.startswith("verify_audit"):
    lg = ledger()
    start = time.perf_counter()
    check = lg.verify_audit()
    result["seconds"] = time.perf_counter() - start
    result["ok"], result["events"], result["problem"] = check.ok, check.events, check.problem
    lg.close()
else:
    profiling = kind.endswith("_profile")
    lg = ledger()
    spent = None if profiling else statements()  # those of the calls, not of opening
    calls = []

    def timed(call, *a, **k):
        # The call's result, its time in ms and the time of its statements in ms.
        before = spent["total"] if spent else 0.0
        start = time.perf_counter()
        out = call(*a, **k)
        ms = (time.perf_counter() - start) * 1000
        return out, ms, ((spent["total"] - before) * 1000 if spent else None)

    def find_email():
        for address in args["present"] + args["absent"]:
            match, ms, sql_ms = timed(lg.find_person, email=address)
            calls.append({"ms": ms, "sql_ms": sql_ms, "lead_ids": list(match.lead_ids)})

    def find_name():
        for person in args["people"]:
            match, ms, sql_ms = timed(
                lg.find_person, name=person["name"], company=person["company"]
            )
            found = match.candidates
            mine = found[found["lead_id"] == person["lead_id"]]
            own = float(mine["score"].iloc[0]) if len(mine) else None
            calls.append({
                "ms": ms,
                "sql_ms": sql_ms,
                "candidates": len(found),
                "top_score": float(found["score"].max()) if len(found) else None,
                "own_score": own,
                "higher": int((found["score"] > own).sum()) if own is not None else None,
                "tied": int((found["score"] == own).sum()) - 1 if own is not None else None,
            })

    def access_report():
        for address in args["present"]:
            document, ms, sql_ms = timed(lg.access_report, email=address)
            calls.append({"ms": ms, "sql_ms": sql_ms, "schema": document["schema"],
                          "lead_ids": document["subject"]["lead_ids"],
                          "personal_data": len(document["personal_data"])})

    run = {"find_email": find_email, "find_name": find_name, "access_report": access_report}
    base = kind.removesuffix("_profile")
    if profiling:
        profiled(run[base])
    else:
        run[base]()
        result["statements"] = spent["by"]
        if spent["prefilter_rows"]:
            result["prefilter_rows"] = spent["prefilter_rows"]
    result["calls"] = calls
    lg.close()
"""
    + PEAK_AND_PRINT
)


def child(kind: str, **args: Any) -> dict[str, Any]:
    """Run one step in a fresh process; its JSON line back."""
    return run_child(CHILD, kind, args)


def surname_pool(rng: np.random.Generator) -> np.ndarray:
    """``SURNAMES`` distinct made-up surnames (one or two syllables and an ending), in the order
    drawn: the order is their rank."""
    syllables = [o + v for o in ONSETS for v in VOWELS]
    seen: dict[str, None] = {}
    while len(seen) < SURNAMES:
        count = rng.integers(1, 3, size=SURNAMES)
        first = rng.integers(0, len(syllables), size=SURNAMES)
        second = rng.integers(0, len(syllables), size=SURNAMES)
        ending = rng.integers(0, len(ENDINGS), size=SURNAMES)
        for n, a, b, e in zip(count, first, second, ending, strict=True):
            stem = syllables[a] + (syllables[b] if n == 2 else "")
            seen.setdefault((stem + ENDINGS[e]).title(), None)
    return np.array(list(seen)[:SURNAMES], dtype=object)


def zipf_weights(n: int, shift: float) -> np.ndarray:
    """Weights falling as 1 / (rank + shift)."""
    weights = 1.0 / (np.arange(1, n + 1) + shift)
    return np.asarray(weights / weights.sum())


def make_csv(rows: int) -> Path:
    """``export.py``'s list plus names, company, job title and acquisition date."""
    path = CACHE / f"scale_{rows}.csv"
    if path.exists():
        return path
    frame = pd.read_csv(export.make_csv(rows), dtype=str, keep_default_na=False)
    rng = np.random.default_rng(SEED)
    pool = surname_pool(rng)
    frame["First Name"] = rng.choice(
        np.array(FIRST_NAMES, dtype=object), size=rows, p=zipf_weights(len(FIRST_NAMES), 5)
    )
    frame["Last Name"] = rng.choice(pool, size=rows, p=zipf_weights(len(pool), 50))
    number = frame["Email"].str.extract(r"@company(\d+)\.", expand=False).astype(int)
    words, forms = synth.COMPANY_WORDS, synth.FORMS
    names = np.array(
        [f"{words[c % len(words)]} {c} {forms[c % len(forms)]}" for c in range(number.max() + 1)],
        dtype=object,
    )
    frame["Company"] = names[number.to_numpy()]
    frame["Job Title"] = rng.choice(np.array(synth.TITLES, dtype=object), size=rows)
    days = pd.to_timedelta(rng.integers(0, 900, size=rows), unit="D")
    frame["Registration date"] = (pd.Timestamp("2024-01-01") + days).strftime("%d/%m/%Y")
    partial = path.with_suffix(".partial")
    frame.to_csv(partial, index=False)
    partial.rename(path)
    return path


def build_ledger(rows: int, csv_path: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """Ingest and dedupe once, then a copy with ``EVENTS`` audit events more; both ledgers and
    their keys (mode 0600) are cached by rows."""
    paths = {
        "db": CACHE / f"scale_ledger_{rows}.duckdb",
        "events": CACHE / f"scale_ledger_{rows}_events.duckdb",
    }
    info_path = CACHE / f"scale_ledger_{rows}.json"
    files = [p for db in paths.values() for p in (db, Path(f"{db}.key"))]
    if info_path.exists() and all(p.exists() for p in files):
        info: dict[str, Any] = json.loads(info_path.read_text())
        info["ledger"] = "cached"
        return info, paths
    for stale in [info_path, *files, *(Path(f"{db}.wal") for db in paths.values())]:
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        fresh = Path(tmp) / "ledger.duckdb"
        info = child("build", csv=str(csv_path), db=str(fresh), retention=RETENTION_MONTHS)
        suppress.copy_ledger(fresh, paths["db"])
        more = child("events", db=str(fresh), events=EVENTS)
        suppress.copy_ledger(fresh, paths["events"])
    info.update(events_s=more["events_s"], events=more["events"], events_peak_mb=more["peak_mb"])
    info = {k: round(v, 2) if isinstance(v, float) else v for k, v in info.items()}
    info_path.write_text(json.dumps(info, indent=2) + "\n")
    info["ledger"] = "built"
    return info, paths


def typo(word: str, rng: np.random.Generator) -> str:
    """``word`` with one typing error: two letters swapped, one dropped or one replaced."""
    while True:
        how = int(rng.integers(0, 3))
        i = int(rng.integers(0, len(word) - 1)) + (how != 0)  # the first letter stays typed
        if how == 0:
            wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif how == 1:
            wrong = word[:i] + word[i + 1 :]
        else:
            wrong = word[:i] + "aeiounrst"[int(rng.integers(0, 9))] + word[i + 1 :]
        if wrong.lower() != word.lower():
            return wrong


def lookups(csv_path: Path, rows: int, leads: pd.Series) -> dict[str, Any]:
    """The addresses and people to look up, drawn from the generated list with a fixed seed."""
    frame = pd.read_csv(
        csv_path,
        dtype=str,
        keep_default_na=False,
        usecols=["Email", "First Name", "Last Name", "Company"],
    )
    rng = np.random.default_rng(SEED + 1)
    picked = rng.choice(len(frame), size=2 * LOOKUPS + REPORTS, replace=False)
    by_email = frame.iloc[picked[:LOOKUPS]]
    by_name = frame.iloc[picked[LOOKUPS : 2 * LOOKUPS]]
    reported = frame.iloc[picked[2 * LOOKUPS :]]
    absent = [
        f"{r['First Name'].lower()}.{r['Last Name'].lower()}{rows + i}@"
        + r["Email"].rsplit("@", 1)[1]
        for i, (_, r) in enumerate(by_email.head(ABSENT).iterrows())
    ]
    people = []
    for k, (_, r) in enumerate(by_name.iterrows()):
        last = typo(r["Last Name"], rng) if k % 2 else r["Last Name"]
        people.append(
            {
                "name": f"{r['First Name']} {last}",
                "company": r["Company"],
                "lead_id": int(leads[r.name]),
                "typo": bool(k % 2),
            }
        )
    return {
        "present": by_email["Email"].tolist(),
        "present_leads": [int(leads[i]) for i in by_email.index],
        "absent": absent,
        "people": people,
        "reported": reported["Email"].tolist(),
    }


def row_leads(db: Path) -> pd.Series:
    """The lead each row of the list became (merged leads resolved), by 0-based row, read from
    the ledger's sightings with plain DuckDB (not through leadguard)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        frame = con.execute(
            "SELECT s.row_number - 1 AS row, s.lead_id FROM sightings s "
            "JOIN leads l USING (lead_id) WHERE l.status = 'active'"
        ).df()
    finally:
        con.close()
    return frame.set_index("row")["lead_id"].sort_index()


def expected_purge(csv_path: Path, leads: pd.Series, today: date) -> int:
    """Leads whose latest row is past acquisition + retention on ``today``, worked out from the
    generated dates."""
    dates = pd.read_csv(csv_path, dtype=str, usecols=["Registration date"])["Registration date"]
    acquired = pd.to_datetime(dates, format="%d/%m/%Y").iloc[leads.index]
    latest = acquired.groupby(leads.to_numpy()).max()
    delete_by = latest + pd.DateOffset(months=RETENTION_MONTHS)
    return int((delete_by < pd.Timestamp(today)).sum())


def measure(kind: str, db: Path, plan: dict[str, Any]) -> dict[str, Any]:
    """One measurement on a fresh copy of a cached ledger."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ledger.duckdb"
        suppress.copy_ledger(db, work)
        args: dict[str, Any] = {"db": str(work), "top": PROFILE_TOP}
        base = kind.removesuffix("_profile")
        if base == "find_email":
            args.update(present=plan["present"], absent=plan["absent"])
        elif base == "find_name":
            args["people"] = plan["people"]
        elif base == "access_report":
            args["present"] = plan["reported"]
        return child(kind, **args)


def ms_summary(calls: list[dict[str, Any]]) -> dict[str, float]:
    """Median, max and first of a series of call times in ms, and the median time of the
    calls' statements."""
    times = [c["ms"] for c in calls]
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "first_ms": round(times[0], 1),
        "sql_median_ms": round(statistics.median(c["sql_ms"] for c in calls), 1),
    }


def where_time_goes(result: dict[str, Any], top: int = 5) -> list[tuple[str, int, float]]:
    """A measured lookup's ``top`` statements by time, the others together, and the rest of
    its calls' time."""
    total = sum(c["ms"] for c in result["calls"]) / 1000
    rows = sorted(
        (
            (label, int(e["calls"]), float(e["seconds"]))
            for label, e in result["statements"].items()
        ),
        key=lambda row: row[2],
        reverse=True,
    )
    if len(rows) > top + 1:
        rest = rows[top:]
        rows = rows[:top] + [
            (f"{len(rest)} other statements", sum(r[1] for r in rest), sum(r[2] for r in rest))
        ]
    rows.append(("outside the statements", len(result["calls"]), total - sum(r[2] for r in rows)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    began = time.perf_counter()
    CACHE.mkdir(exist_ok=True)
    csv_path = make_csv(args.rows)
    setup, paths = build_ledger(args.rows, csv_path)
    print(json.dumps({"setup": setup}), flush=True)
    for db in paths.values():
        if Path(f"{db}.key").stat().st_mode & 0o777 != 0o600:
            raise SystemExit(f"{db.name}.key is not owner-only (0600)")
    leads = row_leads(paths["db"])
    plan = lookups(csv_path, args.rows, leads)
    load_before = os.getloadavg()[0]

    results: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        db = paths["events"] if kind == "verify_audit_events" else paths["db"]
        result = measure(kind, db, plan)
        print(json.dumps(result), flush=True)
        results[kind] = result

    file_mb = {name: round(db.stat().st_size / 2**20, 1) for name, db in paths.items()}
    purge = results["purge_dry_run"]
    expected = expected_purge(csv_path, leads, date.fromisoformat(purge["today"]))

    email_calls = results["find_email"]["calls"]
    present, absent = email_calls[:LOOKUPS], email_calls[LOOKUPS:]
    email_right = sum(
        c["lead_ids"] == [lead] for c, lead in zip(present, plan["present_leads"], strict=True)
    )
    email = {
        "existing": ms_summary(present),
        "absent": ms_summary(absent),
        "own_lead_found": email_right,
        "absent_none_found": sum(not c["lead_ids"] for c in absent),
    }

    name_calls = results["find_name"]["calls"]
    for call, person in zip(name_calls, plan["people"], strict=True):
        call["typo"] = person["typo"]
    name: dict[str, Any] = {"all": ms_summary(name_calls)}
    for label, group in (
        ("exact", [c for c in name_calls if not c["typo"]]),
        ("typo", [c for c in name_calls if c["typo"]]),
    ):
        name[label] = {
            "people": len(group),
            "top_alone": sum(c["higher"] == 0 and c["tied"] == 0 for c in group),
            "top_tied": sum(c["higher"] == 0 and c["tied"] > 0 for c in group),
            "listed": sum(c["own_score"] is not None for c in group),
            **ms_summary(group),
        }
    name["candidates_median"] = statistics.median(c["candidates"] for c in name_calls)
    prefilter = results["find_name"].get("prefilter_rows", [])
    name["prefilter_rows_median"] = statistics.median(prefilter) if prefilter else None

    report_calls = results["access_report"]["calls"]
    access = {
        **ms_summary(report_calls),
        "documents": len(report_calls),
        "with_one_lead": sum(len(c["lead_ids"]) == 1 for c in report_calls),
    }

    email_verdict = "PASS" if email["existing"]["median_ms"] <= TARGET_EMAIL_MS else "MISS"
    name_verdict = "PASS" if name["all"]["median_ms"] <= TARGET_NAME_MS else "MISS"
    checks = {
        "purge_leads_as_expected": purge["leads"] == expected and not purge["file_rewritten"],
        "audit_built_ok": bool(results["verify_audit_built"]["ok"]),
        "audit_events_ok": bool(results["verify_audit_events"]["ok"]),
        "audit_events_appended": results["verify_audit_events"]["events"]
        == results["verify_audit_built"]["events"] + EVENTS,
        "email_finds_own_lead": email_right == LOOKUPS,
        "email_absent_finds_none": email["absent_none_found"] == ABSENT,
        "access_reports_complete": all(
            c["schema"] == "leadguard.access/1" and len(c["lead_ids"]) == 1 and c["personal_data"]
            for c in report_calls
        ),
    }
    cpus = len(os.sched_getaffinity(0))
    load = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    meta = {
        "benchmark": "scale",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": cpus,
        "load_avg_1min": load,
        "rows": args.rows,
        "leads": setup["leads"],
        "file_mb": file_mb,
        "targets": {"find_email_median_ms": TARGET_EMAIL_MS, "find_name_median_ms": TARGET_NAME_MS},
        "target_email": email_verdict,
        "target_name": name_verdict,
        "checks": checks,
        "checks_pass": all(checks.values()),
        "purge_expected_leads": expected,
        "find_email": email,
        "find_name": name,
        "access_report": access,
        "setup": setup,
        "results": results,
        "run_s": round(time.perf_counter() - began, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(meta, indent=2) + "\n")

    def sec(kind: str) -> str:
        return f"{results[kind]['seconds']:.2f}"

    def peak(kind: str) -> str:
        return f"{results[kind]['peak_mb']:,}"

    built, more = results["verify_audit_built"], results["verify_audit_events"]
    lines = [
        f"{args.rows:,} rows → {setup['leads']:,} leads; ledger file {file_mb['db']} MB "
        f"({file_mb['events']} MB with {EVENTS:,} audit events more); basis retention "
        f"{RETENTION_MONTHS} months, acquisition dates 2024-01-01 + 0–899 days, purge as of "
        f"{purge['today']}.",
        "",
        "| step | result | seconds | open s | peak MB |",
        "|---|---|---:|---:|---:|",
        f"| open | file {file_mb['db']} MB | {sec('open')} | – | {peak('open')} |",
        f"| purge_dry_run | {purge['leads']:,} leads would be purged (expected {expected:,}) "
        f"| {sec('purge_dry_run')} | {results['purge_dry_run']['open_s']:.2f} "
        f"| {peak('purge_dry_run')} |",
        f"| verify_audit_built | {'ok' if built['ok'] else 'FAILED'}, {built['events']:,} events "
        f"| {sec('verify_audit_built')} | {built['open_s']:.2f} | {peak('verify_audit_built')} |",
        f"| verify_audit_events | {'ok' if more['ok'] else 'FAILED'}, {more['events']:,} events "
        f"| {sec('verify_audit_events')} | {more['open_s']:.2f} | {peak('verify_audit_events')} |",
        "",
        "| lookup | calls | median ms | max ms | first ms | statements ms (median) | open s "
        "| peak MB | result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]

    def row(label: str, kind: str, summary: dict[str, Any], calls: int, what: str) -> str:
        return (
            f"| {label} | {calls} | {summary['median_ms']} | {summary['max_ms']} "
            f"| {summary['first_ms']} | {summary['sql_median_ms']} "
            f"| {results[kind]['open_s']:.2f} | {peak(kind)} | {what} |"
        )

    lines += [
        row(
            "find_person(email) existing",
            "find_email",
            email["existing"],
            LOOKUPS,
            f"own lead found {email_right}/{LOOKUPS}",
        ),
        row(
            "find_person(email) absent",
            "find_email",
            email["absent"],
            ABSENT,
            f"none found {email['absent_none_found']}/{ABSENT}",
        ),
    ]
    for label in ("exact", "typo"):
        n = name[label]
        lines.append(
            row(
                f"find_person(name, company) {label}",
                "find_name",
                n,
                n["people"],
                f"top alone {n['top_alone']}, tied at top {n['top_tied']}, listed "
                f"{n['listed']}/{n['people']}",
            )
        )
    lines.append(
        row(
            "access_report(email)",
            "access_report",
            access,
            REPORTS,
            f"{access['with_one_lead']}/{REPORTS} documents with the one lead",
        )
    )
    failed = [k for k, ok in checks.items() if not ok]
    lines += [
        "",
        f"Target e-mail lookup median ≤ {TARGET_EMAIL_MS:g} ms: **{email_verdict}** "
        f"({email['existing']['median_ms']} ms, existing addresses); name + company lookup "
        f"median ≤ {TARGET_NAME_MS:g} ms: **{name_verdict}** ({name['all']['median_ms']} ms, "
        f"{cpus} cores here, load average {load[0]:g} before the measurements and "
        f"{load[1]:g} after).",
        f"Name search: {name['candidates_median']:g} candidates returned (median), from "
        f"{name['prefilter_rows_median'] or 0:,.0f} rows passing the SQL pre-filter (median).",
        "Checks (purge count = rows past acquisition + retention, nothing rewritten; both audit "
        f"trails verify, {EVENTS:,} events more in the second; every address names its own lead "
        "and only it; absent addresses name none; each access report a complete document for "
        "the one lead): " + ("all hold." if not failed else "FAILED " + ", ".join(failed) + "."),
        f"Setup ({setup['ledger']}; not measured): ingest {setup['ingest_s']} s, dedupe "
        f"{setup['dedupe_s']} s, peak {setup['peak_mb']:,} MB; {EVENTS:,} settings changes "
        f"{setup['events_s']} s.",
    ]
    for kind in ("find_email", "find_name", "access_report"):
        calls = len(results[kind]["calls"])
        total = sum(c["ms"] for c in results[kind]["calls"]) / 1000
        lines += [
            "",
            f"Where `{kind}`'s time goes ({calls} calls, {total:.2f} s; each statement timed "
            "inside the measured calls, named as `leadguard.db.queries` names it):",
            "",
            "| statement | calls | seconds | share |",
            "|---|---:|---:|---:|",
        ]
        for label, n, seconds in where_time_goes(results[kind]):
            lines.append(f"| {label} | {n:,} | {seconds:.3f} | {seconds / total:.0%} |")
        r = results[f"{kind}_profile"]
        lines += [
            "",
            f"The same calls under cProfile ({r['profile_s']:.2f} s with the profiler), "
            f"functions by own time (top {PROFILE_TOP}):",
            "",
            "| function | calls | own s | cumulative s |",
            "|---|---:|---:|---:|",
        ]
        for p in r["profile"]:
            label = p["function"].replace("|", "\\|")
            lines.append(
                f"| `{label}` | {p['calls']:,} | {p['own_s']:.3f} | {p['cumulative_s']:.3f} |"
            )
    (RESULTS / "scale.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"run: {meta['run_s']} s")


if __name__ == "__main__":
    main()
