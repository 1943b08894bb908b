"""What every benchmark's measuring child shares: the peak-memory report and how it is run.

Each measurement runs in a fresh Python process so that its peak memory (VmHWM) is its own; the
child prints one JSON line as its last output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

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
