"""Text helpers shared by the normalizers: cleaning spreadsheet cells and building match forms."""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from anyascii import anyascii

__all__ = ["as_text", "clean_cell", "match_text"]

# White space that spreadsheets and web forms leave in cells: NBSP, narrow NBSP, figure space,
# zero-width characters and the byte-order mark, besides the ordinary kinds.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u3000]+")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['`\u2019\u2018\u02bc\u00b4]")


def as_text(value: Any) -> str | None:
    """The cell as text, or None for an empty cell (None, NaN, pandas NA, blank)."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if not isinstance(value, str):
        try:
            # pandas.NA and NaT refuse bool(); they are empty cells.
            if value != value:
                return None
        except (TypeError, ValueError):
            return None
        return str(value)
    return value


def clean_cell(value: str) -> str:
    """NFC, invisible characters removed, runs of any white space folded to one space, trimmed."""
    value = unicodedata.normalize("NFC", value).translate(_INVISIBLE)
    return _SPACES.sub(" ", value).strip()


def match_text(value: str) -> str:
    """Transliterated, lower-case, punctuation-free form for comparing names.

    'Łódź-Nowak' → 'lodz nowak'; apostrophes join: 'O’Brien' → 'obrien'.
    """
    if value.isascii():
        # NFKC and transliteration change nothing in plain ASCII; dedupe calls this per value.
        return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", value).lower()).strip()
    value = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", value))
    ascii_ = anyascii(value).lower()
    return _NON_ALNUM.sub(" ", ascii_).strip()
