"""Candidate pairs: rows that agree exactly on at least one blocking key.

The keys are built from the spec: each identifier (e-mail, phone) alone, the name with its two
parts in either order (first/last swaps), and every pair of the other attributes (given name,
surname, company, date, street, city, postcode, exact columns). A duplicate with typos in a
few fields still agrees exactly on two of the others, so it shares some key with its original.
Given names are blocked by nickname group, so Bob and Robert land in one block.

Heavily corrupted duplicates (both names misspelt, a date of birth off by a digit) agree exactly
on little, so the name keys are typo-tolerant: a name blocks by the set of its letters (Jones,
Jsneo and JJones share one; a misspelling with the letters of a nicknamed name joins its group),
and a date goes with each name as year+month and as year+day (a wrong day or month keeps one of
them), and as month+day with the whole name (a wrong year).

Work stays linear in rows: a block of more than ``max_block`` rows is not compared all against
all; its rows are sorted by name and each is compared with the next ``window`` rows (sorted
neighbourhood). That is what keeps a switchboard number or a common name in a common city from
producing a quadratic number of pairs.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, Final

import numpy as np
import pandas as pd

from leadguard.dedupe._compare import _full_name_cache, _name_cache
from leadguard.dedupe._features import Codes, Field, Prepared

__all__ = ["MAX_BLOCK", "WINDOW", "candidate_pairs", "distinct", "pairs_within_groups"]

MAX_BLOCK: Final = 64
WINDOW: Final = 24

_COARSE: Final = 0.05
# Kinds that take part in the two-attribute keys. Regions are too coarse to block on.
_ATTRIBUTE_KINDS: Final = ("company", "date", "street", "city", "postcode", "exact")
_NAMES: Final = frozenset({"given_name", "surname", "full_name"})

Bools = np.ndarray[Any, np.dtype[np.bool_]]


def _letters(fld: Field) -> Codes:
    """Per distinct value: a code for the set of its letters (Jones, Jsneo and JJones share one).

    A block key that survives what typists and scanners do most: doubled, transposed, moved
    and dropped repeated letters. Spellings that differ in a letter still need another key.
    """
    if "letters" not in fld.cache:
        bags = ["".join(sorted(set(v.replace(" ", "")))) for v in fld.values]
        codes, _ = pd.factorize(pd.Series(bags, dtype=object))
        fld.cache["letters"] = np.asarray(codes, dtype=np.int64)
    letters: Codes = fld.cache["letters"]
    return letters


def _canonical_names(fld: Field) -> Codes:
    """Per distinct name: its first nickname group (offset past the codes) or its letters.

    A misspelling with the letters of a name that has a nickname group (Bjacob, Theodroe) gets
    that group too, so it still blocks with Jacob and Jake, Theodore and Ted.
    """
    if "canonical" not in fld.cache:
        nick = _name_cache(fld)["nick"]
        size = len(fld.values)
        first = nick[:, 0].astype(np.int64) if nick.shape[1] else np.full(size, -1)
        letters = _letters(fld)
        group_of_letters = np.full(int(letters.max()) + 1 if size else 0, -1, dtype=np.int64)
        grouped = first >= 0
        np.maximum.at(group_of_letters, letters[grouped], first[grouped])
        first = np.where(grouped, first, group_of_letters[letters] if size else first)
        fld.cache["canonical"] = np.where(first >= 0, size + first, letters)
    canonical: Codes = fld.cache["canonical"]
    return canonical


def _date_parts(fld: Field) -> list[Codes]:
    """Per distinct date: codes for year+month, year+day and month+day.

    One wrong digit changes only one of the three, so a duplicate whose date of birth is off by
    a digit still agrees exactly on two of them. Values that are not YYYYMMDD stay whole.
    """
    if "parts" not in fld.cache:
        values = [str(v) for v in fld.values]
        whole = [len(v) != 8 for v in values]
        parts = []
        for forms in (
            [v if w else v[:6] for v, w in zip(values, whole, strict=True)],
            [v if w else v[:4] + v[6:] for v, w in zip(values, whole, strict=True)],
            [v if w else v[4:] for v, w in zip(values, whole, strict=True)],
        ):
            codes, _ = pd.factorize(pd.Series(forms, dtype=object))
            parts.append(np.asarray(codes, dtype=np.int64))
        fld.cache["parts"] = parts
    cached: list[Codes] = fld.cache["parts"]
    return cached


def _row_values(table: Codes, codes: Codes) -> Codes:
    """``table[codes]`` with -1 kept for empty rows."""
    if len(table) == 0:
        return np.full(len(codes), -1, dtype=np.int64)
    return np.where(codes >= 0, table[np.maximum(codes, 0)], -1)


def _keys(prep: Prepared) -> list[tuple[Codes, ...]]:
    """Blocking keys as tuples of per-row codes (-1 = empty), built from the spec's kinds."""
    keys: list[tuple[Codes, ...]] = []
    attributes: list[Codes] = []
    origin: list[int] = []  # the spec column of each attribute (-1 - column: a last word)
    dates: list[tuple[int, Field]] = []  # attribute position and field of each date column
    name_pair: list[tuple[Codes, Codes]] = []
    given: Codes | None = None
    surname: Codes | None = None
    for f, fld in enumerate(prep.fields):
        if fld.kind in ("email", "phone"):
            keys.append((fld.codes,))
        elif fld.kind == "given_name" and f == prep.given:
            given = _row_values(_canonical_names(fld), fld.codes)
            attributes.append(given)
            origin.append(f)
        elif fld.kind == "surname" and f == prep.surname:
            surname = fld.codes
            surname_letters = _row_values(_letters(fld), fld.codes)
            attributes.append(surname_letters)
            origin.append(f)
        elif fld.kind == "full_name":
            cache = _full_name_cache(fld)
            first_field: Field = cache["first_field"]
            first = _row_values(_canonical_names(first_field)[cache["first"]], fld.codes)
            keys.append((_row_values(cache["sorted"], fld.codes),))
            attributes.append(first)
            last = _row_values(_last_words(fld), fld.codes)
            attributes.append(last)
            origin.extend((f, -1 - f))
            name_pair.append((first, last))
        elif fld.kind in _ATTRIBUTE_KINDS or fld.kind in ("given_name", "surname"):
            if _coarse(fld):
                continue
            attributes.append(fld.codes)
            origin.append(f)
            if fld.kind == "date":
                dates.append((len(attributes) - 1, fld))
    if given is not None and surname is not None:
        g = prep.fields[prep.given or 0]
        canonical = _canonical_names(g)
        # Both name columns share one vocabulary: order-free key catches first/last swaps.
        g_key = given
        s_key = _row_values(canonical, surname)
        keys.append((np.minimum(g_key, s_key), np.maximum(g_key, s_key)))
        name_pair.append((given, surname_letters))
    columns = [f if f >= 0 else -1 - f for f in origin]
    names = {x for x, f in enumerate(columns) if prep.fields[f].kind in _NAMES}
    date_positions = {x for x, _ in dates}
    for x, y in combinations(range(len(attributes)), 2):
        px, py = attributes[x], attributes[y]
        if any((px is p and py is q) or (px is q and py is p) for p, q in name_pair):
            continue  # the order-free name key already covers it
        if (x in date_positions and y in names) or (y in date_positions and x in names):
            continue  # the date's parts below cover it
        keys.append((px, py))
    # A name with a date of birth off by one digit: one of the date's three parts still agrees.
    # Month and day alone (a wrong year) are common to a person in 366, so they go with the
    # whole name rather than with each part of it.
    for _, fld in dates:
        year_month, year_day, month_day = (_row_values(p, fld.codes) for p in _date_parts(fld))
        name_parts = [attributes[x] for x in sorted(names)]
        keys.extend((part, name) for part in (year_month, year_day) for name in name_parts)
        if name_parts:
            keys.append((month_day, *name_parts))
    if len(attributes) < 3:
        keys.extend((p,) for p in attributes)
    return keys


def _coarse(fld: Field) -> bool:
    """True for a column too coarse to block on (a country, a job title such as CEO).

    That is: two random rows agree more than 5% of the time, and a row shares its value with
    more than ``MAX_BLOCK`` others on average, so blocks on it would only be windows.
    """
    present = fld.n_present
    if present < 2:
        return True
    agree = float(((fld.counts / present) ** 2).sum())
    return agree > _COARSE and agree * present > MAX_BLOCK


def _last_words(fld: Field) -> Codes:
    """Per distinct full name: a code for its last word."""
    if "last" not in fld.cache:
        lasts = np.array([v.split()[-1] if v.split() else "" for v in fld.values], dtype=object)
        _, codes = np.unique(lasts, return_inverse=True) if len(lasts) else (None, np.zeros(0))
        fld.cache["last"] = np.asarray(codes, dtype=np.int64)
    last: Codes = fld.cache["last"]
    return last


def _order(prep: Prepared) -> Codes:
    """A rank per row by name (then the other columns): the sort inside oversized blocks."""
    if "order" in prep.cache:
        cached: Codes = prep.cache["order"]
        return cached
    priority = {"surname": 0, "given_name": 1, "full_name": 0, "date": 2}
    fields = sorted(prep.fields, key=lambda fld: priority.get(fld.kind, 3))[:3]
    sort_keys = []
    for fld in reversed(fields):  # np.lexsort: the last key is the primary one
        ranks = np.empty(len(fld.values), dtype=np.int64)
        ranks[np.argsort(fld.values.astype(str), kind="stable")] = np.arange(len(fld.values))
        sort_keys.append(_row_values(ranks, fld.codes))
    sort_keys.append(np.zeros(prep.n, dtype=np.int64))
    order = np.empty(prep.n, dtype=np.int64)
    order[np.lexsort(tuple(sort_keys))] = np.arange(prep.n)
    prep.cache["order"] = order
    return order


def pairs_within_groups(
    rows: Codes, labels: Codes, *, max_block: int, window: int
) -> tuple[Codes, Codes]:
    """All pairs of rows sharing a label (rows sorted by label, then by the within-group order).

    Groups above ``max_block`` rows pair each row only with its next ``window`` rows.
    """
    if len(rows) < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    sizes = np.diff(np.r_[starts, len(labels)])
    group_start = np.repeat(starts, sizes)
    group_size = np.repeat(sizes, sizes)
    position = np.arange(len(labels))
    partners = group_start + group_size - 1 - position
    partners = np.where(group_size > max_block, np.minimum(partners, window), partners)
    total = int(partners.sum())
    left = np.repeat(position, partners)
    offsets = np.arange(total) - np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + offsets
    a = rows[left]
    b = rows[right]
    return np.minimum(a, b), np.maximum(a, b)


def _combine(parts: tuple[Codes, ...], rows: Codes) -> Codes:
    """One int64 code per row for a multi-part key (re-coded when the product could overflow)."""
    key = parts[0][rows].astype(np.int64)
    for part in parts[1:]:
        values = part[rows]
        span = int(values.max()) + 1 if len(values) else 1
        if len(key) and (int(key.max()) + 1) * span >= 2**62:
            key = np.unique(key, return_inverse=True)[1].reshape(-1).astype(np.int64)
        key = key * span + values
    return key


def _key_pairs(
    parts: tuple[Codes, ...],
    order: Codes,
    *,
    max_block: int,
    window: int,
    new: Bools | None,
) -> Codes:
    """Pair codes ``a * n + b`` (a < b) of the rows that share this key."""
    n = len(order)
    present = np.ones(n, dtype=bool)
    for part in parts:
        present &= part >= 0
    rows = np.flatnonzero(present)
    if len(rows) < 2:
        return np.zeros(0, dtype=np.int64)
    key = _combine(parts, rows)
    if (int(key.max()) + 1) * n < 2**62:
        # One int64 sort on (key, name order); the order is a permutation, so no ties.
        sort = np.argsort(key * np.int64(n) + order[rows])
    else:
        sort = np.lexsort((order[rows], key))
    rows = rows[sort]
    key = key[sort]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    if 2 * int(sizes[sizes > max_block].sum()) > len(key):
        # Most rows sit in oversized blocks: the key hardly separates anyone (a job title in a
        # country) and would only add windows of unrelated rows. The other keys cover it.
        return np.zeros(0, dtype=np.int64)
    if new is not None:
        # Incremental: only blocks that hold a new row can produce a pair with a new row.
        has_new = np.add.reduceat(new[rows].astype(np.int64), starts) > 0
        keep = np.repeat(has_new, sizes)
        rows = rows[keep]
        key = key[keep]
    a, b = pairs_within_groups(rows, key, max_block=max_block, window=window)
    if new is not None:
        hit = new[a] | new[b]
        a = a[hit]
        b = b[hit]
    return a * np.int64(n) + b


def candidate_pairs(
    prep: Prepared,
    *,
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
    new: Bools | None = None,
) -> tuple[Codes, Codes]:
    """Distinct candidate row pairs (a < b), sorted, from every blocking key of the spec."""
    n = prep.n
    order = _order(prep)
    chunks = [
        _key_pairs(parts, order, max_block=max_block, window=window, new=new)
        for parts in _keys(prep)
    ]
    if not chunks or n < 2:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes = distinct(np.concatenate(chunks))
    return codes // n, codes % n


def distinct(values: Codes) -> Codes:
    """Sorted distinct values (numpy 2.4's hash-based ``np.unique`` is many times slower)."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    out: Codes = values[keep]
    return out
