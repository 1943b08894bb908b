"""What every benchmark's measuring child shares: the peak-memory report and how it is run.

Each measurement runs in a fresh Python process so that its peak memory (VmHWM) is its own; the
child prints one JSON line as its last output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

PROLOGUE = r"""
import json, sys, time
kind, args = sys.argv[1], json.loads(sys.argv[2])
result = {"system": kind}


def ledger():
    import leadguard
    start = time.perf_counter()
    lg = leadguard.open(args["db"], user="bench")
    result["open_s"] = time.perf_counter() - start
    return lg


def build(lg, retention_months=24):
    # The benchmarks' basis and source, then args["csv"] imported and deduped, both timed.
    import datetime
    lg.add_basis("b", kind="legitimate_interest", purpose="bench", channels="email,phone",
                 retention_months=retention_months, lia_text="LIA",
                 lia_review_by=datetime.date(2099, 1, 1))
    lg.add_source("s", kind="event", publicly_accessible=False)
    start = time.perf_counter()
    result["rows"] = lg.ingest(args["csv"], source="s", basis="b", country="BE").rows_total
    result["ingest_s"] = time.perf_counter() - start
    start = time.perf_counter()
    result["leads"] = lg.dedupe().leads
    result["dedupe_s"] = time.perf_counter() - start


def open_gate(lg):
    # A processor, e-mail allowed in every country its leads are in, the notice recorded for
    # every lead: what an e-mail export to it needs (timed). Returns the leads.
    start = time.perf_counter()
    lg.add_recipient("Vendor", role="processor", country="BE", contract_ref="DPA-1")
    leads = lg.leads()
    countries = sorted(leads["country"].dropna().unique())
    for country in countries:
        lg.set_channel_rule(country, "email", "allowed")
    result["countries_allowed"] = countries
    result["recipient_rules_s"] = time.perf_counter() - start
    start = time.perf_counter()
    result["notices_recorded"] = lg.mark_notice_sent(leads["lead_id"].tolist(), channel="email")
    result["notices_s"] = time.perf_counter() - start
    return leads
"""
"""The start of every child script: its arguments, ``result``, ``ledger()`` (timed open),
``build(lg)`` (the basis, the source, the list imported and deduped, timed) and
``open_gate(lg)`` (a processor, country rules and notices for an e-mail export, timed)."""

PEAK_AND_PRINT = """
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        result["peak_mb"] = int(line.split()[1]) // 1024
print(json.dumps(result))
"""
"""The end of every child script: add the process's peak memory to ``result``, print it."""


def run_child(script: str, kind: str, args: dict[str, Any]) -> dict[str, Any]:
    """Run one measured step in a fresh process; its JSON line back (stderr shown on failure)."""
    out = subprocess.run(
        [sys.executable, "-c", script, kind, json.dumps(args)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"{kind} failed (exit {out.returncode})")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result
