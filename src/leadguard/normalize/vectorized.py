"""Column-at-a-time normalization for DataFrames: each distinct value is normalized once.

Real lists repeat themselves — a company's switchboard number and domain on every row, one person in
several lists — so the work is done per distinct value and mapped back with pandas' factorize.
Results are identical to calling the scalar functions row by row. A long column's distinct
values are shared with worker processes (see ``_parallel``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd

from leadguard.errors import InputError
from leadguard.normalize._parallel import parallel_map
from leadguard.normalize.countries import normalize_country
from leadguard.normalize.emails import EmailResult, email_fields
from leadguard.normalize.phones import PhoneResult, phone_fields

__all__ = ["normalize_emails", "normalize_phones"]

_EMAIL_FIELDS = tuple(f.name for f in fields(EmailResult))
_PHONE_FIELDS = tuple(f.name for f in fields(PhoneResult))
_FLAGS = frozenset({"valid", "role_account"})


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while results pile up.

    Every result is a handful of new objects that live until the column is built, so the
    collector would walk all of them again and again (a tenth of the time on a million cells);
    the normalizers create no reference cycles, so nothing is left for it to find.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _emails_chunk(values: Sequence[object]) -> list[tuple[Any, ...]]:
    return [email_fields(v) for v in values]


def _phones_chunk(pairs: Sequence[tuple[object, str | None]]) -> list[tuple[Any, ...]]:
    return [phone_fields(v, r) for v, r in pairs]


def _frame(
    rows: list[tuple[Any, ...]],
    codes: np.ndarray[Any, Any],
    columns: Sequence[str],
    empty: tuple[Any, ...],
    index: pd.Index,
) -> pd.DataFrame:
    """Expand per-distinct-value results back to one row per input, in input order.

    Columns keep exactly what the scalar functions return: None stays None (not NaN, not
    pandas' string dtype), flags become a boolean column, tuples stay tuples.
    """
    rows.append(empty)
    codes = np.where(codes < 0, len(rows) - 1, codes)
    data: dict[str, pd.Series] = {}
    for name, values in zip(columns, zip(*rows, strict=True), strict=True):
        if name in _FLAGS:
            data[name] = pd.Series(np.array(values, dtype=bool)[codes], index=index, copy=False)
            continue
        array = np.empty(len(values), dtype=object)
        array[:] = values
        data[name] = pd.Series(array[codes], index=index, dtype=object, copy=False)
    # copy=False: the columns are new arrays already; pandas then keeps them as they are
    # instead of copying them into one block (a third of this function's time).
    return pd.DataFrame(data, index=index, copy=False)


def normalize_emails(values: Iterable[object]) -> pd.DataFrame:
    """Normalize a column of e-mail cells: one row per input, EmailResult's fields as columns."""
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    if not series.notna().any():  # an empty or unmapped column: nothing to read
        return _frame([], np.full(len(series), -1), _EMAIL_FIELDS, email_fields(None), series.index)
    with _collector_paused():
        codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
        rows = parallel_map("emails", list(uniques))
        return _frame(rows, codes, _EMAIL_FIELDS, email_fields(None), series.index)


def normalize_phones(
    values: Iterable[object],
    regions: Iterable[object] | str | None = None,
) -> pd.DataFrame:
    """Normalize a column of phone cells with a per-row (or single) region hint.

    ``regions`` is one hint for every row, or a column parallel to ``values`` in any form
    ``normalize_country`` accepts. Returns one row per input with PhoneResult's fields as columns.
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    n = len(series)
    region_series: pd.Series | None = None
    if regions is not None and not isinstance(regions, str):
        # to_numpy, not list(): iterating a pandas string column element by element costs
        # about as much as a tenth of the normalizing itself.
        region_series = pd.Series(
            regions.to_numpy(dtype=object)
            if isinstance(regions, pd.Series | pd.Index)
            else list(regions),
            dtype=object,
        )
        if len(region_series) != n:
            raise InputError(
                f"regions has {len(region_series)} values for {n} phone cells: pass one region "
                "for all rows or one per row"
            )
    if not series.notna().any():  # an empty or unmapped column: nothing to read
        return _frame([], np.full(n, -1), _PHONE_FIELDS, phone_fields(None), series.index)
    if region_series is None:
        region_codes = np.zeros(n, dtype=np.int64)
        region_values: list[str | None] = [normalize_country(regions)]
    else:
        region_codes, region_uniques = pd.factorize(region_series, use_na_sentinel=True)
        region_values = [normalize_country(r) for r in region_uniques]
        region_values.append(None)  # missing hints point at this last slot
        region_codes = np.where(region_codes < 0, len(region_values) - 1, region_codes)
    value_codes, value_uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    # One code per distinct (value, region) pair; an empty cell is -1 whatever its region.
    nr = len(region_values)
    combined = np.where(value_codes < 0, -1, value_codes.astype(np.int64) * nr + region_codes)
    present = combined >= 0
    pair_codes = np.full(n, -1, dtype=np.int64)
    present_codes, pair_uniques = pd.factorize(combined[present])
    pair_codes[present] = present_codes
    distinct = list(value_uniques)  # plain objects: indexing a pandas Index is slow per item
    pairs = [(distinct[c // nr], region_values[c % nr]) for c in pair_uniques.tolist()]
    with _collector_paused():
        rows = parallel_map("phones", pairs)
        return _frame(rows, pair_codes, _PHONE_FIELDS, phone_fields(None), series.index)
