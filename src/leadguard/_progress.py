"""Progress bars: notebook widgets where ipywidgets is installed, text bars elsewhere.

tqdm.auto warns on every import in a kernel without ipywidgets; the text bar works there too.
"""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from tqdm import tqdm as _text_bar

if importlib.util.find_spec("ipywidgets") is not None:
    from tqdm.auto import tqdm as _auto_bar

    tqdm: type[_text_bar] = _auto_bar  # type: ignore[type-arg]
else:
    tqdm = _text_bar

__all__ = ["PROGRESS_MIN_ROWS", "advance", "interactive", "steps_bar", "tqdm"]

PROGRESS_MIN_ROWS = 10_000
"""Work on more rows than this shows a progress bar (on a terminal or in a notebook)."""


def interactive() -> bool:
    """True on a terminal or in a Jupyter kernel; pipelines and tests stay silent."""
    if "ipykernel" in sys.modules:
        return True
    return sys.stderr.isatty()


def steps_bar(total: int, desc: str, rows: int) -> Any:
    """A bar over the steps of a long job, shown only where a person watches a big one."""
    return tqdm(
        total=total,
        desc=desc,
        unit="step",
        file=sys.stderr,
        disable=rows <= PROGRESS_MIN_ROWS or not interactive(),
        leave=False,
    )


def advance(bar: Any, label: str) -> None:
    """Name the step that starts and count the one done."""
    bar.set_postfix_str(label, refresh=False)
    bar.update(1)
