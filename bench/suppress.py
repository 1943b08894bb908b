"""Benchmark: screening every lead against a 1,000,000-line opt-out list, against pandas ``isin``.

The ledger is the 1,000,000-row list of ``bench/ingest.py`` (``bench/synth.py``, realistic
repetition), ingested and deduplicated once and cached in ``bench/.cache/`` with its key file.
The opt-out list is a text file of exactly as many lines as there are rows: 20% of the distinct
golden e-mail addresses of the leads, each written the way a person or a spreadsheet writes it
(upper or title case, surrounding spaces, ``mailto:``, ``First Last <addr>``, a trailing ``;``,
and for gmail.com addresses dots moved or added, a ``+tag`` or googlemail.com), and unrelated
addresses at other domains for the rest (15% of them with the same kinds of debris). Data and
choices come from fixed seeds.

Ground truth, worked out without leadguard: a lead is truly suppressed when any of its sightings
holds an address put in the file (the address is read back from the generated CSV cell by
undoing the debris ``synth.py`` adds). Each step runs in a fresh process so that its peak memory
(VmHWM) is its own:

- ``suppress_import`` (setup, reported apart): ``Ledger.suppress_import`` of the file into a copy
  of the cached ledger (``format="lines"``, reason objection, channel all);
- ``pandas_isin``: the leads' golden e-mails and the file's lines, both lower-cased and stripped,
  then ``Series.isin`` — what an analyst would write; only the lower-casing and ``isin`` are timed.
  It misses the spellings it does not undo and the people suppressed on another of their
  addresses; both are counted;
- ``leadguard_screen_leads``: ``Ledger.screen_leads("email")`` on a copy of the ledger holding the
  entries — the export gate; it must find every truly suppressed lead;
- ``leadguard_screen_dataframe``: ``Ledger.screen`` of a one-column DataFrame of the leads' golden
  e-mails (it normalizes the column first; a secondary figure).

Opening the ledger is timed apart from each call. Results go to ``bench/results/suppress.json``
and ``.md``. Target: ``screen_leads`` in ≤ 5 s on 2 cores, no truly suppressed lead missed.

    python bench/suppress.py [--rows 1000000] [--entries LINES]  # --rows 20000 for a quick run
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
import ingest  # noqa: E402
import synth  # noqa: E402
from _child import PEAK_AND_PRINT, PROLOGUE, run_child  # noqa: E402

CACHE = Path(__file__).parent / ".cache"
RESULTS = Path(__file__).parent / "results"
SHARE = 0.20  # of the distinct golden addresses put on the list
OTHER_DEBRIS = 0.15  # of the unrelated lines written with debris
SEED = 2026
TARGET_S = 5.0
TARGET_CORES = 2
SPELLINGS = ("upper", "title", "spaces", "mailto", "name", "semicolon")
GMAIL_SPELLINGS = ("gmail_dots", "gmail_plus", "googlemail")
TAGS = ("news", "promo", "events", "shop", "2024")

CHILD = (
    PROLOGUE
    + r"""
import numpy as np


if kind == "build":
    lg = ledger()
    build(lg)
    lg.close()
elif kind == "suppress_import":
    lg = ledger()
    start = time.perf_counter()
    report = lg.suppress_import(args["lines"], format="lines", reason="objection", channel="all")
    result["seconds"] = time.perf_counter() - start
    for field in ("rows_read", "entries_added", "rows_already", "rows_duplicate", "rows_rejected"):
        result[field] = getattr(report, field)
    lg.close()
elif kind == "pandas_isin":
    import pandas as pd
    golden = pd.read_pickle(args["golden"])
    with open(args["lines"], encoding="utf-8") as handle:
        lines = pd.Series(handle.read().splitlines())
    emails = golden["email"]
    start = time.perf_counter()
    listed = lines.str.lower().str.strip()
    flagged = emails.str.lower().str.strip().isin(listed).to_numpy(dtype=bool)
    result["seconds"] = time.perf_counter() - start
    result["rows_screened"] = len(emails)
    np.save(args["out"], golden["lead_id"].to_numpy(dtype=np.int64)[flagged])
elif kind == "leadguard_screen_leads":
    lg = ledger()
    start = time.perf_counter()
    screened = lg.screen_leads("email")
    result["seconds"] = time.perf_counter() - start
    result["rows_screened"] = len(screened)
    flagged = screened["suppressed"].to_numpy(dtype=bool)
    np.save(args["out"], screened["lead_id"].to_numpy(dtype=np.int64)[flagged])
    lg.close()
else:
    import pandas as pd
    golden = pd.read_pickle(args["golden"])
    frame = pd.DataFrame({"email": golden["email"]})
    lg = ledger()
    start = time.perf_counter()
    screened = lg.screen(frame, "email")
    result["seconds"] = time.perf_counter() - start
    result["rows_screened"] = len(screened)
    flagged = screened["suppressed"].to_numpy(dtype=bool)
    np.save(args["out"], golden["lead_id"].to_numpy(dtype=np.int64)[flagged])
    lg.close()
"""
    + PEAK_AND_PRINT
)


def child(kind: str, **args: str) -> dict[str, Any]:
    """Run one step in a fresh process; its JSON line back."""
    return run_child(CHILD, kind, args)


def copy_ledger(source: Path, target: Path) -> None:
    """The ledger file and its key (owner-only, as leadguard writes it)."""
    shutil.copy2(source, target)
    wal = Path(f"{source}.wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{target}.wal"))
    key = Path(f"{target}.key")
    shutil.copy2(Path(f"{source}.key"), key)
    key.chmod(0o600)


def plain_address(cells: pd.Series) -> pd.Series:
    """The address a generated cell was written from (synth's debris undone, lower-case); None
    for an empty or broken cell. Independent of leadguard's normalizer."""
    text = cells.fillna("").astype(str).str.strip()
    text = text.str.replace(r"^mailto:", "", regex=True, case=False)
    inner = text.str.extract(r"<([^<>]*)>$", expand=False)
    text = inner.where(inner.notna(), text)
    text = text.str.rstrip(";").str.strip().str.lower()
    ok = text.str.fullmatch(r"[^\s@]+@[^\s@]+").fillna(False).astype(bool)
    return text.where(ok, None)


def build_ledger(rows: int, csv_path: Path, db: Path) -> dict[str, Any]:
    """Ingest and dedupe the list once; the ledger and its key are cached by rows."""
    info_path = CACHE / f"suppress_ledger_{rows}.json"
    if db.exists() and Path(f"{db}.key").exists() and info_path.exists():
        info: dict[str, Any] = json.loads(info_path.read_text())
        info["ledger"] = "cached"
        return info
    for stale in CACHE.glob(f"suppress_{rows}_*"):
        stale.unlink()
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        fresh = Path(tmp) / "ledger.duckdb"
        info = child("build", csv=str(csv_path), db=str(fresh))
        copy_ledger(fresh, db)
    info = {k: round(v, 2) if isinstance(v, float) else v for k, v in info.items()}
    info_path.write_text(json.dumps(info, indent=2) + "\n")
    info["ledger"] = "built"
    return info


def spelled(addr: str, name: str, spelling: str, rng: np.random.Generator) -> str:
    """One way a person or a spreadsheet writes ``addr``."""
    local, _, domain = addr.partition("@")
    if spelling == "upper":
        return addr.upper()
    if spelling == "title":
        return addr.title()
    if spelling == "spaces":
        return f"  {addr}\u00a0"
    if spelling == "mailto":
        return f"mailto:{addr}"
    if spelling == "name":
        return f"{name} <{addr}>"
    if spelling == "semicolon":
        return addr + ";"
    if spelling == "gmail_dots":
        bare = local.replace(".", "")
        if len(bare) < 3:
            return f"{local}@googlemail.com"
        moved = local
        while moved == local:
            cuts = sorted(rng.choice(np.arange(1, len(bare)), size=2, replace=False))
            parts = [bare[i:j] for i, j in zip([0, *cuts], [*cuts, len(bare)], strict=True)]
            moved = ".".join(p for p in parts if p)
        return f"{moved}@{domain}"
    if spelling == "gmail_plus":
        return f"{local}+{TAGS[int(rng.integers(len(TAGS)))]}@{domain}"
    if spelling == "googlemail":
        return f"{local}@googlemail.com"
    return addr


def make_data(rows: int, entries: int, db: Path, csv_path: Path) -> dict[str, Path]:
    """From a copy of the cached ledger: the leads' golden e-mails, every lead's addresses
    (read back from the CSV cells), the chosen addresses with their spellings, the list."""
    paths = {
        "golden": CACHE / f"suppress_{rows}_golden.pkl",
        "addresses": CACHE / f"suppress_{rows}_addresses.pkl",
        "chosen": CACHE / f"suppress_{rows}_{entries}_chosen.pkl",
        "lines": CACHE / f"suppress_{rows}_{entries}_optouts.txt",
    }
    if all(p.exists() for p in paths.values()):
        return paths
    import leadguard

    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        work = Path(tmp) / "ledger.duckdb"
        copy_ledger(db, work)
        lg = leadguard.open(work, user="bench")
        leads = lg.leads()[["lead_id", "email", "first_name", "last_name"]]
        sightings = lg.sightings()[["row_number", "lead_id", "email"]]
        lg.close()
    cells = pd.read_csv(csv_path, usecols=["Email"], dtype=str, keep_default_na=False)["Email"]
    plain = plain_address(cells).to_numpy(dtype=object)
    sightings = sightings[sightings["lead_id"].notna()]
    read_back = plain[sightings["row_number"].to_numpy(dtype=np.int64) - 1]
    theirs = sightings["email"].str.lower().to_numpy(dtype=object)
    agree = pd.isna(read_back) & pd.isna(theirs)
    agree |= pd.Series(read_back, dtype=object).eq(pd.Series(theirs, dtype=object)).to_numpy()
    addresses = pd.DataFrame(
        {"lead_id": sightings["lead_id"].to_numpy(dtype=np.int64), "address": read_back}
    ).dropna()
    addresses = addresses.drop_duplicates().reset_index(drop=True)
    addresses.attrs["cells_not_read_alike"] = int((~agree).sum())
    addresses.attrs["sightings"] = len(sightings)
    pd.to_pickle(addresses, paths["addresses"])
    pd.to_pickle(leads[["lead_id", "email"]].reset_index(drop=True), paths["golden"])

    rng = np.random.default_rng(SEED)
    known = leads.dropna(subset=["email"]).assign(address=lambda f: f["email"].str.lower())
    known = known.drop_duplicates("address").sort_values("address").reset_index(drop=True)
    picked = np.sort(rng.choice(len(known), size=round(SHARE * len(known)), replace=False))
    picked = picked[:entries]
    chosen = known.iloc[picked].reset_index(drop=True)
    styles, lines = [], []
    for addr, first, last in zip(
        chosen["address"], chosen["first_name"], chosen["last_name"], strict=True
    ):
        pool = SPELLINGS + (GMAIL_SPELLINGS if addr.endswith("@gmail.com") else ())
        style = pool[int(rng.integers(len(pool)))]
        name = " ".join(str(n).title() for n in (first, last) if isinstance(n, str)) or "Info"
        styles.append(style)
        lines.append(spelled(addr, name, style, rng))
    chosen = pd.DataFrame({"address": chosen["address"], "spelling": styles, "line": lines})
    pd.to_pickle(chosen, paths["chosen"])

    others = entries - len(chosen)
    first = rng.choice(synth.FIRST, others)
    last = rng.choice(synth.LAST, others)
    host = rng.integers(0, 5000, size=others)
    debris = np.where(
        rng.random(others) < OTHER_DEBRIS, rng.integers(0, len(SPELLINGS), size=others), -1
    )
    for j in range(others):
        addr = f"{first[j]}.{last[j]}.{j}@firm{host[j]}.example.org"
        name = f"{first[j].title()} {last[j].title()}"
        lines.append(addr if debris[j] < 0 else spelled(addr, name, SPELLINGS[debris[j]], rng))
    order = rng.permutation(len(lines))
    text = "".join(lines[i] + "\n" for i in order)
    paths["lines"].write_text(text, encoding="utf-8")
    return paths


def score(
    flagged: np.ndarray,
    truth: set[int],
    by_spelling: pd.DataFrame,
    listed: pd.DataFrame,
    shared: set[int],
) -> dict[str, Any]:
    """Misses and extras against the ground truth, leads found per spelling, the lines behind
    the first missed leads, and how many extras have a golden address other leads hold too."""
    found = {int(x) for x in flagged}
    missed = truth - found
    extras = found - truth
    behind = listed[listed["lead_id"].isin(missed)].sort_values("lead_id").head(5)
    found_per = {
        s: int(group["lead_id"].isin(found).sum()) for s, group in by_spelling.groupby("spelling")
    }
    return {
        "suppressed": len(found),
        "misses": len(missed),
        "extras": len(extras),
        "extras_on_shared_address": len(extras & shared),
        "found_per_spelling": found_per,
        "missed_examples": [
            {"lead_id": int(i), "spelling": s, "line": line}
            for i, s, line in zip(
                behind["lead_id"], behind["spelling"], behind["line"], strict=True
            )
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=None, help="lines (default: --rows)")
    args = parser.parse_args()
    began = time.perf_counter()
    entries = args.entries or args.rows
    CACHE.mkdir(exist_ok=True)
    csv_path = ingest.make_csv(args.rows)
    base = CACHE / f"suppress_ledger_{args.rows}.duckdb"
    setup = build_ledger(args.rows, csv_path, base)
    print(json.dumps({"setup": setup}), flush=True)
    paths = make_data(args.rows, entries, base, csv_path)
    golden = pd.read_pickle(paths["golden"])
    addresses = pd.read_pickle(paths["addresses"])
    chosen = pd.read_pickle(paths["chosen"])

    # Ground truth: every lead holding a listed address; per spelling, the leads whose golden
    # address was listed in it, and "other address" for those listed under another address only.
    listed = addresses.merge(chosen, on="address")
    truth = set(listed["lead_id"].astype(int))
    spelling_of = dict(zip(chosen["address"], chosen["spelling"], strict=True))
    own = golden.assign(spelling=golden["email"].str.lower().map(spelling_of))
    own = own[own["lead_id"].isin(truth)]
    own = own.assign(spelling=own["spelling"].fillna("other address"))
    holders = addresses.groupby("address")["lead_id"].nunique()
    shared_golden = golden["email"].str.lower().map(holders).fillna(0) > 1
    shared = set(golden.loc[shared_golden, "lead_id"].astype(int))
    role = listed[listed["address"].str.startswith("info@")]

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        listed_db = Path(tmp) / "listed.duckdb"
        copy_ledger(base, listed_db)
        imported = child("suppress_import", db=str(listed_db), lines=str(paths["lines"]))
        print(json.dumps(imported), flush=True)
        for kind in ("pandas_isin", "leadguard_screen_leads", "leadguard_screen_dataframe"):
            run_db = Path(tmp) / "run.duckdb"
            for old in Path(tmp).glob("run.duckdb*"):
                old.unlink()
            copy_ledger(listed_db, run_db)
            out = Path(tmp) / f"{kind}.npy"
            result = child(
                kind,
                db=str(run_db),
                golden=str(paths["golden"]),
                lines=str(paths["lines"]),
                out=str(out),
            )
            result.update(score(np.load(out), truth, own, listed, shared))
            print(json.dumps(result), flush=True)
            results.append(result)

    baseline = float(results[0]["seconds"])
    for r in results:
        r["ratio_to_pandas"] = round(float(r["seconds"]) / baseline, 1)
        for key in ("seconds", "open_s"):
            if key in r:
                r[key] = round(float(r[key]), 2)
    for key in ("seconds", "open_s"):
        imported[key] = round(float(imported[key]), 2)
    gate = results[1]
    cpus = len(os.sched_getaffinity(0))
    verdict = "PASS" if gate["seconds"] <= TARGET_S and gate["misses"] == 0 else "MISS"
    spellings = []
    for spelling, group in own.groupby("spelling"):
        row: dict[str, Any] = {
            "spelling": spelling,
            "lines": int((chosen["spelling"] == spelling).sum()),
            "leads": len(group),
        }
        for r in results:
            row[r["system"]] = r["found_per_spelling"].get(spelling, 0)
        spellings.append(row)
    meta = {
        "benchmark": "suppress",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": cpus,
        "rows": args.rows,
        "sightings": int(addresses.attrs["sightings"]),
        "leads": len(golden),
        "leads_with_email": int(golden["email"].notna().sum()),
        "distinct_golden_addresses": int(golden["email"].dropna().str.lower().nunique()),
        "entries_lines": entries,
        "listed_lead_addresses": len(chosen),
        "truly_suppressed_leads": len(truth),
        "suppressed_on_another_address_only": int((own["spelling"] == "other address").sum()),
        "listed_role_mailboxes": int(role["address"].nunique()),
        "leads_holding_listed_role_mailbox": int(role["lead_id"].nunique()),
        "leads_with_shared_golden_address": len(shared),
        "cells_not_read_alike": int(addresses.attrs["cells_not_read_alike"]),
        "targets": {"screen_leads_s": TARGET_S, "cores": TARGET_CORES, "misses": 0},
        "target": verdict,
        "setup": setup,
        "suppress_import": imported,
        "results": [{k: v for k, v in r.items() if k != "found_per_spelling"} for r in results],
        "spellings": spellings,
        "run_s": round(time.perf_counter() - began, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "suppress.json").write_text(json.dumps(meta, indent=2) + "\n")
    lines = [
        f"{meta['rows']:,} rows → {meta['leads']:,} leads ({meta['leads_with_email']:,} with an "
        f"e-mail address) screened against {entries:,} lines; {len(chosen):,} lines are lead "
        f"addresses in another spelling, {len(truth):,} leads truly suppressed "
        f"({meta['suppressed_on_another_address_only']:,} on an address other than their golden "
        f"one); {meta['listed_role_mailboxes']:,} listed addresses are role mailboxes (info@), "
        f"held by {meta['leads_holding_listed_role_mailbox']:,} leads.",
        "",
        "| system | rows screened | seconds | × pandas | open s | suppressed | missed "
        "| extra | peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        opened = r.get("open_s", "–")
        lines.append(
            f"| {r['system']} | {r['rows_screened']:,} | {r['seconds']} "
            f"| {r['ratio_to_pandas']}× | {opened} | {r['suppressed']:,} | {r['misses']:,} "
            f"| {r['extras']:,} | {r['peak_mb']:,} |"
        )
    lines += [
        "",
        f"Target `screen_leads` ≤ {TARGET_S:g} s on {TARGET_CORES} cores, nothing missed: "
        f"**{verdict}** ({gate['seconds']} s, {gate['misses']} missed, {cpus} cores here).",
        f"Setup: `suppress_import` of the {imported['rows_read']:,} lines "
        f"{imported['seconds']} s (open {imported['open_s']} s), peak {imported['peak_mb']:,} MB, "
        f"{imported['entries_added']:,} entries, {imported['rows_rejected']:,} rejected.",
        "Extra: flagged but holding no listed address; of them, leads whose golden address other "
        "leads hold too (a shared mailbox): "
        + ", ".join(f"{r['system']} {r['extras_on_shared_address']:,}" for r in results)
        + ".",
        "",
        "Truly suppressed leads found, by the spelling their golden address was listed in:",
        "",
        "| spelling | lines | leads | " + " | ".join(r["system"] for r in results) + " |",
        "|---|---:|---:|" + "---:|" * len(results),
    ]
    for s in spellings:
        found = " | ".join(f"{s[r['system']]:,}" for r in results)
        lines.append(f"| {s['spelling']} | {s['lines']:,} | {s['leads']:,} | {found} |")
    (RESULTS / "suppress.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(f"run: {meta['run_s']} s")


if __name__ == "__main__":
    main()
