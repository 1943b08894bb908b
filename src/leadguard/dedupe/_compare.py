"""Agreement levels per pair and column, computed on codes and once per distinct value pair.

A level is a small integer into :data:`LEVELS` for the column's kind; two special codes mean
"no evidence": :data:`NULL` (a side is empty) and :data:`SHARED` (the identifier is used by
several people). Only pairs whose values differ reach a string metric, and each distinct
value pair is measured once (rapidfuzz ``cpdist``), so the cost follows the number of
distinct disagreements rather than the number of candidate pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, JaroWinkler

from leadguard.dedupe._features import Codes, Field, Prepared
from leadguard.dedupe.nicknames import nickname_groups

__all__ = ["LEVELS", "NULL", "SHARED", "apply_swaps", "field_levels", "level_code"]

NULL: Final = -1
SHARED: Final = -2

LEVELS: Final[dict[str, tuple[str, ...]]] = {
    "given_name": (
        "exact",
        "nickname",
        "initial",
        "fuzzy_0.92",
        "fuzzy_0.80",
        "swapped",
        "disagree",
    ),
    "surname": ("exact", "fuzzy_0.92", "fuzzy_0.80", "swapped", "disagree"),
    "full_name": (
        "exact",
        "reordered",
        "nickname",
        "initial",
        "fuzzy_0.92",
        "fuzzy_0.80",
        "disagree",
    ),
    "company": ("exact", "fuzzy_0.90", "fuzzy_0.75", "disagree"),
    "email": ("exact", "local_part", "disagree"),
    "phone": ("exact", "disagree"),
    "date": ("exact", "typo", "year", "disagree"),
    "street": ("exact", "fuzzy_0.90", "fuzzy_0.75", "disagree"),
    "city": ("exact", "fuzzy_0.90", "disagree"),
    "postcode": ("exact", "typo", "disagree"),
    "region": ("exact", "disagree"),
    "exact": ("exact", "disagree"),
}

Levels = np.ndarray[Any, np.dtype[np.int8]]
Bools = np.ndarray[Any, np.dtype[np.bool_]]
Scores = np.ndarray[Any, np.dtype[np.float32]]


def level_code(kind: str, label: str) -> int:
    """The integer of a level label for a kind."""
    return LEVELS[kind].index(label)


# --- helpers -----------------------------------------------------------------------------------


def _unique_pairs(ca: Codes, cb: Codes, size: int) -> tuple[Codes, Codes, Codes]:
    """Distinct unordered value pairs among (ca, cb) and, per input pair, its distinct index."""
    lo = np.minimum(ca, cb)
    hi = np.maximum(ca, cb)
    key = lo * np.int64(size) + hi
    unique, inverse = np.unique(key, return_inverse=True)
    return unique // size, unique % size, inverse.reshape(-1)


def _similarity(
    values: np.ndarray[Any, Any],
    ca: Codes,
    cb: Codes,
    scorer: Callable[..., float],
    cutoff: float,
    *,
    scale: float = 1.0,
) -> Scores:
    """Similarity in [0, 1] per pair, measured once per distinct value pair (0 below cutoff).

    ``scale`` is the scorer's own maximum (100 for rapidfuzz's ``fuzz`` scorers), so that they
    run as the native scorers they are rather than through a Python wrapper.
    """
    if len(ca) == 0:
        return np.zeros(0, dtype=np.float32)
    ua, ub, inverse = _unique_pairs(ca, cb, len(values))
    scores = process.cpdist(
        values[ua],
        values[ub],
        scorer=scorer,
        dtype=np.float32,
        workers=-1,
        score_cutoff=cutoff * scale,
    )
    return (np.asarray(scores, dtype=np.float32) / np.float32(scale))[inverse]


# --- per-value caches ----------------------------------------------------------------------------

_INITIAL_BASE: Final = 27
_INITIAL_WIDTH: Final = 3


def _name_cache(fld: Field) -> dict[str, Any]:
    """Nickname groups, initials and initials-only flags for each distinct name."""
    if "nick" in fld.cache:
        return fld.cache
    values = fld.values
    groups = [nickname_groups(v) for v in values]
    width = max((len(g) for g in groups), default=0) or 1
    nick = np.full((len(values), width), -1, dtype=np.int32)
    initials = np.zeros(len(values), dtype=np.int64)
    n_initials = np.zeros(len(values), dtype=np.int64)
    only_initials = np.zeros(len(values), dtype=bool)
    for k, (value, group) in enumerate(zip(values, groups, strict=True)):
        nick[k, : len(group)] = group
        words = value.split()
        letters = [w[0] for w in words if w][:_INITIAL_WIDTH]
        code = 0
        for position, letter in enumerate(letters):
            digit = ord(letter) - 96 if "a" <= letter <= "z" else 0
            code += digit * _INITIAL_BASE ** (_INITIAL_WIDTH - 1 - position)
        initials[k] = code
        n_initials[k] = len(letters)
        only_initials[k] = bool(words) and all(len(w) == 1 for w in words)
    fld.cache.update(nick=nick, initials=initials, n_initials=n_initials, only=only_initials)
    return fld.cache


def _nickname_match(nick: np.ndarray[Any, Any], ca: Codes, cb: Codes) -> Bools:
    """True where the two names share a nickname group."""
    ga = nick[ca]
    gb = nick[cb]
    out = np.zeros(len(ca), dtype=bool)
    for x in range(ga.shape[1]):
        for y in range(gb.shape[1]):
            out |= (ga[:, x] == gb[:, y]) & (ga[:, x] >= 0)
    return out


def _initial_match(cache: dict[str, Any], ca: Codes, cb: Codes) -> Bools:
    """True where one name is initials only (``j``, ``j p``) that start the other name."""
    initials = cache["initials"]
    count = cache["n_initials"]
    only = cache["only"]

    def one_way(x: Codes, y: Codes) -> Bools:
        scale = np.power(_INITIAL_BASE, _INITIAL_WIDTH - count[x])
        hit: Bools = only[x] & (count[x] > 0) & (initials[x] // scale == initials[y] // scale)
        return hit

    return one_way(ca, cb) | one_way(cb, ca)


_BYTE_LOW: Final = np.uint64(0x0101010101010101)
_LOW_NIBBLES: Final = np.uint64(0x0F0F0F0F0F0F0F0F)
_LOW_PAIRS: Final = np.uint64(0x0303030303030303)


def _packed(fld: Field) -> tuple[np.ndarray[Any, np.dtype[np.uint64]], Codes]:
    """Each distinct value's first 8 bytes as one little-endian uint64, and its length.

    Typo checks on short codes (dates, postcodes) then become a few integer operations per
    pair instead of string work.
    """
    if "packed" not in fld.cache:
        raw = [v.encode("ascii", "replace") for v in fld.values]
        fixed = np.array(raw, dtype="S8") if raw else np.zeros(0, dtype="S8")
        padded = np.zeros((len(raw), 8), dtype=np.uint8)
        if len(raw):
            view = fixed.view(np.uint8).reshape(len(raw), -1)
            padded[:, : view.shape[1]] = view
        lengths = np.array([len(r) for r in raw], dtype=np.int64)
        fld.cache["packed"] = (padded.view("<u8").reshape(-1).astype(np.uint64), lengths)
    cached: tuple[np.ndarray[Any, np.dtype[np.uint64]], Codes] = fld.cache["packed"]
    return cached


def _differing_bytes(x: np.ndarray[Any, np.dtype[np.uint64]]) -> np.ndarray[Any, Any]:
    """Per uint64: 0x01 in every byte that is non-zero (the bytes where two codes differ)."""
    y = x | (x >> np.uint64(4))
    y &= _LOW_NIBBLES
    y |= y >> np.uint64(2)
    y &= _LOW_PAIRS
    y |= y >> np.uint64(1)
    y &= _BYTE_LOW
    return y


def _one_edit_packed(
    pa: np.ndarray[Any, np.dtype[np.uint64]], pb: np.ndarray[Any, np.dtype[np.uint64]]
) -> Bools:
    """Equal-length codes that differ by one substitution or one swap of neighbours."""
    marks = _differing_bytes(pa ^ pb)
    count = (marks * _BYTE_LOW) >> np.uint64(56)
    out: Bools = count == 1
    two = np.flatnonzero((count == 2) & ((marks & (marks >> np.uint64(8))) != 0))
    if len(two):
        mask = marks[two] * np.uint64(0xFF)  # 0xFF over the two neighbouring bytes
        high = mask & (mask << np.uint64(8))
        low = mask ^ high
        a = pa[two]
        swapped = (a & ~mask) | ((a & low) << np.uint64(8)) | ((a & high) >> np.uint64(8))
        out[two] = swapped == pb[two]
    return out


def _typo_codes(fld: Field, ca: Codes, cb: Codes) -> Bools:
    """One substitution, neighbour swap, insertion or deletion between short codes."""
    packed, lengths = _packed(fld)
    la = lengths[ca]
    lb = lengths[cb]
    out = np.zeros(len(ca), dtype=bool)
    short = (la == lb) & (la <= 8)
    if short.any():
        out[short] = _one_edit_packed(packed[ca[short]], packed[cb[short]])
    other = np.flatnonzero(~short & (np.abs(la - lb) <= 1))
    if len(other):
        dist = process.cpdist(
            fld.values[ca[other]],
            fld.values[cb[other]],
            scorer=OSA.distance,
            dtype=np.int32,
            workers=-1,
            score_cutoff=1,
        )
        out[other] = np.asarray(dist) <= 1
    return out


# --- comparisons of differing, non-empty values (one per kind) -----------------------------------


def _cmp_given(fld: Field, ca: Codes, cb: Codes) -> Levels:
    cache = _name_cache(fld)
    out = np.full(len(ca), level_code("given_name", "disagree"), dtype=np.int8)
    nick = _nickname_match(cache["nick"], ca, cb)
    out[nick] = level_code("given_name", "nickname")
    todo = ~nick
    initial = np.zeros(len(ca), dtype=bool)
    initial[todo] = _initial_match(cache, ca[todo], cb[todo])
    out[initial] = level_code("given_name", "initial")
    todo &= ~initial
    idx = np.flatnonzero(todo)
    sim = _similarity(fld.values, ca[idx], cb[idx], JaroWinkler.normalized_similarity, 0.80)
    out[idx[sim >= 0.92]] = level_code("given_name", "fuzzy_0.92")
    out[idx[(sim >= 0.80) & (sim < 0.92)]] = level_code("given_name", "fuzzy_0.80")
    return out


def _cmp_surname(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("surname", "disagree"), dtype=np.int8)
    sim = _similarity(fld.values, ca, cb, JaroWinkler.normalized_similarity, 0.80)
    out[sim >= 0.92] = level_code("surname", "fuzzy_0.92")
    out[(sim >= 0.80) & (sim < 0.92)] = level_code("surname", "fuzzy_0.80")
    return out


def _full_name_cache(fld: Field) -> dict[str, Any]:
    """Sorted-word form, first word (with nickname/initial data) and the rest of each name."""
    if "sorted" in fld.cache:
        return fld.cache
    words = [v.split() for v in fld.values]
    sorted_forms = np.array([" ".join(sorted(w)) for w in words], dtype=object)
    firsts = np.array([w[0] if w else "" for w in words], dtype=object)
    rests = np.array([" ".join(w[1:]) for w in words], dtype=object)
    _, sorted_codes = np.unique(sorted_forms, return_inverse=True)
    first_vocab, first_codes = np.unique(firsts, return_inverse=True)
    first_field = Field(
        fld.column,
        "given_name",
        first_codes.astype(np.int64),
        first_vocab.astype(object),
        np.zeros(len(first_vocab), dtype=np.int64),
    )
    fld.cache.update(
        sorted=sorted_codes.astype(np.int64),
        first=first_codes.astype(np.int64),
        first_field=first_field,
        rest=rests,
    )
    return fld.cache


def _cmp_full_name(fld: Field, ca: Codes, cb: Codes) -> Levels:
    cache = _full_name_cache(fld)
    out = np.full(len(ca), level_code("full_name", "disagree"), dtype=np.int8)
    reordered = cache["sorted"][ca] == cache["sorted"][cb]
    out[reordered] = level_code("full_name", "reordered")
    todo = np.flatnonzero(~reordered)
    if len(todo):
        fa = cache["first"][ca[todo]]
        fb = cache["first"][cb[todo]]
        rests = cache["rest"]
        rest_sim = np.asarray(
            process.cpdist(
                rests[ca[todo]],
                rests[cb[todo]],
                scorer=JaroWinkler.normalized_similarity,
                dtype=np.float32,
                workers=-1,
            )
        )
        rest_ok = rest_sim >= 0.92
        first_field: Field = cache["first_field"]
        first_cache = _name_cache(first_field)
        nick = _nickname_match(first_cache["nick"], fa, fb) & rest_ok
        initial = _initial_match(first_cache, fa, fb) & rest_ok & ~nick
        out[todo[nick]] = level_code("full_name", "nickname")
        out[todo[initial]] = level_code("full_name", "initial")
        left = todo[~nick & ~initial]
        sim = _similarity(fld.values, ca[left], cb[left], fuzz.token_sort_ratio, 0.80, scale=100)
        out[left[sim >= 0.92]] = level_code("full_name", "fuzzy_0.92")
        out[left[(sim >= 0.80) & (sim < 0.92)]] = level_code("full_name", "fuzzy_0.80")
    return out


def _cmp_company(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("company", "disagree"), dtype=np.int8)
    sim = _similarity(fld.values, ca, cb, fuzz.token_sort_ratio, 0.75, scale=100)
    out[sim >= 0.90] = level_code("company", "fuzzy_0.90")
    out[(sim >= 0.75) & (sim < 0.90)] = level_code("company", "fuzzy_0.75")
    # A short and a long form of one name (Orlen / PKN Orlen) is a partial agreement too.
    # (token_set_ratio is 100 exactly when the words of one are all words of the other.)
    low = np.flatnonzero(sim < 0.75)
    if len(low):
        inside = _similarity(fld.values, ca[low], cb[low], fuzz.token_set_ratio, 1.0, scale=100)
        out[low[inside >= 1.0]] = level_code("company", "fuzzy_0.75")
    return out


def _cmp_email(fld: Field, ca: Codes, cb: Codes) -> Levels:
    if "local" not in fld.cache:
        locals_ = np.array([v.rsplit("@", 1)[0] for v in fld.values], dtype=object)
        _, codes = np.unique(locals_, return_inverse=True) if len(locals_) else (None, np.zeros(0))
        fld.cache["local"] = np.asarray(codes, dtype=np.int64)
    local = fld.cache["local"]
    out = np.full(len(ca), level_code("email", "disagree"), dtype=np.int8)
    out[local[ca] == local[cb]] = level_code("email", "local_part")
    return out


_YEAR: Final = np.uint64(0xFFFFFFFF)  # bytes 0-3 of YYYYMMDD
_MONTH: Final = np.uint64(0x0000FFFF00000000)  # bytes 4-5


def _cmp_date(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("date", "disagree"), dtype=np.int8)
    packed, lengths = _packed(fld)
    idx = np.flatnonzero((lengths[ca] == 8) & (lengths[cb] == 8))
    if len(idx):
        pa = packed[ca[idx]]
        pb = packed[cb[idx]]
        year = ((pa ^ pb) & _YEAR) == 0
        # Day and month written the other way round (American forms) counts as a typo too.
        day_month = (
            (pa & _YEAR) | ((pa >> np.uint64(16)) & _MONTH) | ((pa & _MONTH) << np.uint64(16))
        )
        typo = _one_edit_packed(pa, pb) | (day_month == pb)
        out[idx[year]] = level_code("date", "year")
        out[idx[typo]] = level_code("date", "typo")
    return out


def _cmp_street(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("street", "disagree"), dtype=np.int8)
    sim = _similarity(fld.values, ca, cb, Indel.normalized_similarity, 0.75)
    out[sim >= 0.90] = level_code("street", "fuzzy_0.90")
    out[(sim >= 0.75) & (sim < 0.90)] = level_code("street", "fuzzy_0.75")
    return out


def _cmp_city(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("city", "disagree"), dtype=np.int8)
    sim = _similarity(fld.values, ca, cb, JaroWinkler.normalized_similarity, 0.90)
    out[sim >= 0.90] = level_code("city", "fuzzy_0.90")
    return out


def _cmp_postcode(fld: Field, ca: Codes, cb: Codes) -> Levels:
    out = np.full(len(ca), level_code("postcode", "disagree"), dtype=np.int8)
    out[_typo_codes(fld, ca, cb)] = level_code("postcode", "typo")
    return out


def _cmp_disagree(kind: str) -> Callable[[Field, Codes, Codes], Levels]:
    def compare(fld: Field, ca: Codes, cb: Codes) -> Levels:
        return np.full(len(ca), level_code(kind, "disagree"), dtype=np.int8)

    return compare


_COMPARE: Final[dict[str, Callable[[Field, Codes, Codes], Levels]]] = {
    "given_name": _cmp_given,
    "surname": _cmp_surname,
    "full_name": _cmp_full_name,
    "company": _cmp_company,
    "email": _cmp_email,
    "phone": _cmp_disagree("phone"),
    "date": _cmp_date,
    "street": _cmp_street,
    "city": _cmp_city,
    "postcode": _cmp_postcode,
    "region": _cmp_disagree("region"),
    "exact": _cmp_disagree("exact"),
}


def field_levels(prep: Prepared, f: int, a: Codes, b: Codes) -> Levels:
    """Level of column ``f`` for each row pair (a, b): exact, a kind level, NULL or SHARED."""
    fld = prep.fields[f]
    ca = fld.codes[a]
    cb = fld.codes[b]
    null = (ca < 0) | (cb < 0)
    out = np.full(len(a), NULL, dtype=np.int8)
    present = ~null
    if fld.shared is not None and fld.shared.any():
        shared = np.zeros(len(a), dtype=bool)
        shared[present] = fld.shared[ca[present]] | fld.shared[cb[present]]
        out[shared] = SHARED
        present &= ~shared
    exact = present & (ca == cb)
    out[exact] = 0
    rest = np.flatnonzero(present & ~exact)
    if len(rest):
        out[rest] = _COMPARE[fld.kind](fld, ca[rest], cb[rest])
    return out


def apply_swaps(prep: Prepared, a: Codes, b: Codes, given: Levels, surname: Levels) -> None:
    """Mark pairs whose given name and surname are each other's (Jan Peeters / Peeters Jan).

    Both columns get level ``swapped``. One of the two crossings may carry a typo.
    """
    if prep.given is None or prep.surname is None:
        return
    g = prep.fields[prep.given]
    s = prep.fields[prep.surname]
    weak_g = (given == level_code("given_name", "disagree")) | (
        given == level_code("given_name", "fuzzy_0.80")
    )
    weak_s = (surname == level_code("surname", "disagree")) | (
        surname == level_code("surname", "fuzzy_0.80")
    )
    idx = np.flatnonzero(weak_g & weak_s)
    if not len(idx):
        return
    ga = g.codes[a[idx]]
    gb = g.codes[b[idx]]
    sa = s.codes[a[idx]]
    sb = s.codes[b[idx]]
    cross1 = ga == sb
    cross2 = sa == gb
    swapped = cross1 & cross2
    half = np.flatnonzero(cross1 ^ cross2)
    if len(half):
        # The crossing that is not exact must be close: compare it with Jaro-Winkler.
        x = np.where(cross1[half], sa[half], ga[half])
        y = np.where(cross1[half], gb[half], sb[half])
        sim = _similarity(g.values, x, y, JaroWinkler.normalized_similarity, 0.88)
        swapped[half[sim >= 0.88]] = True
    hit = idx[swapped]
    given[hit] = level_code("given_name", "swapped")
    surname[hit] = level_code("surname", "swapped")
