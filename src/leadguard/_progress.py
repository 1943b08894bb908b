"""Progress bars: notebook widgets where ipywidgets is installed, text bars elsewhere.

tqdm.auto warns on every import in a kernel without ipywidgets; the text bar works there too.
"""

from __future__ import annotations

import importlib.util

from tqdm import tqdm as _text_bar

if importlib.util.find_spec("ipywidgets") is not None:
    from tqdm.auto import tqdm as _auto_bar

    tqdm: type[_text_bar] = _auto_bar  # type: ignore[type-arg]
else:
    tqdm = _text_bar

__all__ = ["tqdm"]
