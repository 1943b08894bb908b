"""Agreement levels per pair and column, computed on codes and once per distinct value pair.

A level is a small integer into :data:`LEVELS` for the column's kind; two special codes mean
"no evidence": :data:`NULL` (a side is empty) and :data:`SHARED` (the identifier is used by
several people). Only pairs whose values differ reach a string metric, and each distinct
value pair is measured once (rapidfuzz ``cpdist``), so the cost follows the number of
distinct disagreements rather than the number of candidate pairs.

Company cells are compared as organisations: each distinct value's distinctive words, short
forms (initials, joined spellings) and leading word become integer ids once, and pairs are
compared with numpy; a row's domain (or a switchboard both rows share) is organisation
evidence too. Phone numbers are typed (mobile or office line) once per distinct value, and
only where a conflict rule needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, JaroWinkler

from leadguard.dedupe._features import Codes, Field, Prepared
from leadguard.dedupe.nicknames import nickname_groups
from leadguard.normalize.companies import (
    Organisation,
    is_abbreviation,
    is_free_mail,
    organisation_of,
    organisation_of_domain,
)
from leadguard.normalize.phones import normalize_phone

__all__ = [
    "FIXED_LINE",
    "LEVELS",
    "MOBILE",
    "NULL",
    "SHARED",
    "apply_swaps",
    "email_clash",
    "field_levels",
    "level_code",
    "phone_evidence",
    "phone_types",
]

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
    "company": ("exact", "same_org", "fuzzy_0.90", "fuzzy_0.75", "related", "disagree"),
    "email": ("exact", "local_part", "typo", "private_work", "disagree"),
    "phone": ("exact", "typo", "disagree"),
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


# --- organisations -------------------------------------------------------------------------------

_ORG_WIDTH: Final = 8  # distinctive words kept per organisation
_FORM_WIDTH: Final = 24  # short forms kept per organisation


def _org_table(orgs: list[Organisation | None], vocabulary: dict[str, int]) -> dict[str, Any]:
    """Per distinct value, its organisation as integer arrays (ids from ``vocabulary``).

    ``tok``: distinctive word ids (-1 pads); ``short``: the id of a one-word name (-1 if not);
    ``forms``: ids of the initials and joined spellings the name may be shortened to;
    ``lead``: the id of the first distinctive word (where names put the name, not the trade);
    ``generic``: nothing but generic words; ``core``: the words as text, for fuzzy scores;
    ``words``: the words; ``single_length``: a one-word name's length (else 0).
    """

    def ids(words: list[str], width: int) -> list[int]:
        out = [vocabulary.setdefault(w, len(vocabulary)) for w in words[:width]]
        return out + [-1] * (width - len(out))

    n = len(orgs)
    tok = np.full((n, _ORG_WIDTH), -1, dtype=np.int64)
    forms = np.full((n, _FORM_WIDTH), -1, dtype=np.int64)
    short = np.full(n, -1, dtype=np.int64)
    lead = np.full(n, -1, dtype=np.int64)
    n_tok = np.zeros(n, dtype=np.int64)
    n_forms = np.zeros(n, dtype=np.int64)
    generic = np.ones(n, dtype=bool)
    core = np.empty(n, dtype=object)
    words = np.empty(n, dtype=object)
    for k, org in enumerate(orgs):
        if org is None:
            core[k] = ""
            words[k] = ()
            continue
        distinctive = sorted(org.distinctive)
        tok[k] = ids(distinctive, _ORG_WIDTH)
        n_tok[k] = min(len(distinctive), _ORG_WIDTH)
        short_forms = sorted(org.short_forms)
        forms[k] = ids(short_forms, _FORM_WIDTH)
        n_forms[k] = min(len(short_forms), _FORM_WIDTH)
        if len(org.words) == 1 and not org.generic:
            short[k] = vocabulary.setdefault(org.words[0], len(vocabulary))
        first = next((w for w in org.words if w in org.distinctive), None)
        if first is not None and not org.generic:
            lead[k] = vocabulary.setdefault(first, len(vocabulary))
        generic[k] = org.generic
        core[k] = " ".join(org.words)
        words[k] = org.words
    single_length = np.array([len(w[0]) if len(w) == 1 else 0 for w in words], dtype=np.int64)
    return {
        "single_length": single_length,
        "tok": tok,
        "n_tok": n_tok,
        "forms": forms,
        "n_forms": n_forms,
        "short": short,
        "lead": lead,
        "generic": generic,
        "core": core,
        "words": words,
    }


def _org_vocabulary(prep: Prepared) -> dict[str, int]:
    vocabulary: dict[str, int] = prep.cache.setdefault("org_vocabulary", {})
    return vocabulary


def _orgs(prep: Prepared, fld: Field, read: Callable[[str], Organisation | None]) -> dict[str, Any]:
    """The organisation table of a column, built once per distinct value with ``read``."""
    if "org" not in fld.cache:
        fld.cache["org"] = _org_table([read(v) for v in fld.values], _org_vocabulary(prep))
    table: dict[str, Any] = fld.cache["org"]
    return table


def _company_orgs(prep: Prepared, fld: Field) -> dict[str, Any]:
    """The organisation table of a company column."""
    return _orgs(prep, fld, organisation_of)


def _domain_orgs(prep: Prepared, fld: Field) -> dict[str, Any]:
    """The organisation table of the domain column (``vandamme-group.example`` → vandamme)."""
    return _orgs(prep, fld, organisation_of_domain)


def _common_words(
    tx: dict[str, Any], ty: dict[str, Any], x: Codes, y: Codes
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], Codes]:
    """The distinctive word ids of both sides per pair and how many of x's are also y's."""
    # Only as many columns as the longest name among these pairs has words (left-aligned).
    width_x = max(int(tx["n_tok"][x].max(initial=0)), 1)
    width_y = max(int(ty["n_tok"][y].max(initial=0)), 1)
    ta = tx["tok"][x, :width_x]
    tb = ty["tok"][y, :width_y]
    common = np.zeros(len(x), dtype=np.int64)
    for i in range(ta.shape[1]):
        column = ta[:, i]
        common += (column >= 0) & (tb == column[:, None]).any(axis=1)
    return ta, tb, common


def _same_words(tx: dict[str, Any], ty: dict[str, Any], x: Codes, y: Codes) -> Bools:
    """The same distinctive words on both sides (not merely one side's inside the other's)."""
    _, _, common = _common_words(tx, ty, x, y)
    out: Bools = (common > 0) & (common == tx["n_tok"][x]) & (common == ty["n_tok"][y])
    return out


def work_domains_differ(prep: Prepared, company: Field, a: Codes, b: Codes) -> Bools:
    """Two rows, each at a work domain that names its own company, whose domains name two
    organisations: ``dangelo.example`` for D'Angelo Tecnologie and
    ``dangelo-romano.example`` for D'Angelo & Romano Tecnologie. One company's words inside
    the other's made the cells agree; the two domains say they are two employers. (The same
    organisation under two domains has one domain naming the other row's company exactly, or
    two domains with the same words: nordlys.example and nordlys-group.example; a misspelt
    domain is the same domain.)"""
    out = np.zeros(len(a), dtype=bool)
    dom = prep.domain
    if dom is None or not len(dom.values) or not len(company.values):
        return out
    da, db = dom.codes[a], dom.codes[b]
    ca, cb = company.codes[a], company.codes[b]
    idx = np.flatnonzero((da >= 0) & (db >= 0) & (da != db) & (ca >= 0) & (cb >= 0) & (ca != cb))
    if not len(idx):
        return out
    dtable = _domain_orgs(prep, dom)
    ctable = _company_orgs(prep, company)
    da, db, ca, cb = da[idx], db[idx], ca[idx], cb[idx]
    own_a, _ = _org_relation(dtable, ctable, da, ca)
    own_b, _ = _org_relation(dtable, ctable, db, cb)
    crossed = (
        _same_words(dtable, ctable, da, cb)
        | _same_words(dtable, ctable, db, ca)
        | _same_words(dtable, dtable, da, db)
    )
    # A domain misspelt in one list (solaris-iinstallatietechniek) is the same domain.
    typo = _similarity(dom.values, da, db, Indel.normalized_similarity, 0.9) >= 0.9
    out[idx] = own_a & own_b & ~crossed & ~typo
    return out


def _org_relation(
    tx: dict[str, Any], ty: dict[str, Any], x: Codes, y: Codes
) -> tuple[Bools, Bools]:
    """Per pair (row x of table tx, row y of ty): one organisation, and sharing a leading word.

    One organisation: the distinctive words of one are all words of the other (Vandamme Group
    / Vandamme Hydraulics NV), or a one-word name is the initials or the joined spelling of
    the other's leading words (VDM / Van Der Meer Logistics, Vandamme / Van Damme).
    """
    ta, tb, common = _common_words(tx, ty, x, y)
    usable = ~tx["generic"][x] & ~ty["generic"][y]
    contain = usable & (common > 0) & ((common == tx["n_tok"][x]) | (common == ty["n_tok"][y]))
    sx = tx["short"][x]
    sy = ty["short"][y]
    short = np.zeros(len(x), dtype=bool)
    for s_, t_, rows_ in ((sx, ty, y), (sy, tx, x)):
        has = np.flatnonzero(s_ >= 0)
        if len(has):
            forms = t_["forms"][rows_[has], : max(int(t_["n_forms"][rows_[has]].max()), 1)]
            short[has] |= (forms == s_[has, None]).any(axis=1)
    same = contain | short
    # Sharing a word is weak evidence only when it is a leading word: Polaris Logistiek and
    # Polaris Staalbouw may be one group, Sokol Hydraulik and Tessera Hydraulik are not.
    lx = tx["lead"][x]
    ly = ty["lead"][y]
    leading = ((lx >= 0) & (tb == lx[:, None]).any(axis=1)) | (
        (ly >= 0) & (ta == ly[:, None]).any(axis=1)
    )
    return same, (common > 0) & leading & ~same


def _abbreviated(table: dict[str, Any], x: Codes, y: Codes) -> Bools:
    """A one-word name of up to five letters that abbreviates the other's name (VDM/Vandamme).

    Checked once per distinct value pair, only for pairs where one side is such a word.
    """
    out = np.zeros(len(x), dtype=bool)
    words = table["words"]
    lengths = table["single_length"]
    candidate = np.flatnonzero(
        ((lengths[x] >= 2) & (lengths[x] <= 5)) | ((lengths[y] >= 2) & (lengths[y] <= 5))
    )
    if not len(candidate):
        return out
    ua, ub, inverse = _unique_pairs(x[candidate], y[candidate], len(words))
    hits = np.zeros(len(ua), dtype=bool)
    for k, (p, q) in enumerate(zip(ua.tolist(), ub.tolist(), strict=True)):
        for short, other in ((words[p], words[q]), (words[q], words[p])):
            if (
                len(short) == 1
                and other
                and (
                    is_abbreviation(short[0], other[0]) or is_abbreviation(short[0], "".join(other))
                )
            ):
                hits[k] = True
    out[candidate] = hits[inverse]
    return out


def _cmp_company(prep: Prepared, fld: Field, ca: Codes, cb: Codes) -> Levels:
    """Company cells compared as organisations (see :func:`_org_relation`), then spelling."""
    table = _company_orgs(prep, fld)
    out = np.full(len(ca), level_code("company", "disagree"), dtype=np.int8)
    ua, ub, inverse = _unique_pairs(ca, cb, len(fld.values))
    same_u, overlap_u = _org_relation(table, table, ua, ub)
    same, overlap = same_u[inverse], overlap_u[inverse]
    out[same] = level_code("company", "same_org")
    idx = np.flatnonzero(~same)
    if len(idx):
        # Spelling of what names the organisation (legal forms and generic words left out).
        sim = _similarity(table["core"], ca[idx], cb[idx], fuzz.token_sort_ratio, 0.75, scale=100)
        related = overlap[idx] | _abbreviated(table, ca[idx], cb[idx])
        out[idx[related]] = level_code("company", "related")
        out[idx[(sim >= 0.75) & (sim < 0.90)]] = level_code("company", "fuzzy_0.75")
        out[idx[sim >= 0.90]] = level_code("company", "fuzzy_0.90")
    return out


def _org_evidence(prep: Prepared, a: Codes, b: Codes) -> Bools:
    """Rows that agree on the organisation through something other than the company cell.

    The same non-free-mail domain, one row's domain naming the other's company, or one
    switchboard number or role mailbox (an identifier flagged as shared) on both rows.
    """
    out = np.zeros(len(a), dtype=bool)
    dom = prep.domain
    if dom is not None and len(dom.values):
        da = dom.codes[a]
        db = dom.codes[b]
        out |= (da >= 0) & (da == db)
        company = next((f for f in prep.fields if f.kind == "company"), None)
        if company is not None:
            dtable = _domain_orgs(prep, dom)
            ctable = _company_orgs(prep, company)
            for d, c in ((da, company.codes[b]), (db, company.codes[a])):
                both = np.flatnonzero((d >= 0) & (c >= 0) & ~out)
                if len(both):
                    same, _ = _org_relation(dtable, ctable, d[both], c[both])
                    out[both[same]] = True
    for fld in prep.fields:
        if fld.kind in ("email", "phone") and fld.shared is not None and fld.shared.any():
            ia = fld.codes[a]
            ib = fld.codes[b]
            out |= (ia >= 0) & (ia == ib) & fld.shared[np.maximum(ia, 0)]
    return out


def _factorized(texts: list[str]) -> Codes:
    codes, _ = pd.factorize(pd.Series(texts, dtype=object))
    out: Codes = np.asarray(codes, dtype=np.int64)
    return out


def _email_cache(fld: Field) -> dict[str, Any]:
    """Per distinct address: codes of its local part, its digits and its domain; free mail."""
    if "local" not in fld.cache:
        parts = [v.rsplit("@", 1) for v in fld.values]
        domains = [p[-1] for p in parts]
        fld.cache["local"] = _factorized([p[0] for p in parts])
        fld.cache["digits"] = _factorized(
            ["".join(c for c in v if c.isdigit()) for v in fld.values]
        )
        fld.cache["domain"] = _factorized(domains)
        hosts, host_values = pd.factorize(pd.Series(domains, dtype=object))
        free = np.array([is_free_mail(h) for h in host_values], dtype=bool)
        fld.cache["free"] = free[hosts] if len(hosts) else np.zeros(0, dtype=bool)
    return fld.cache


def email_clash(fld: Field, ca: Codes, cb: Codes) -> Bools:
    """Different mailboxes that are two people's rather than one person's two addresses: both
    at one organisation's domain, or both at free-mail providers. (Addresses at two other
    domains may be a private address at a provider no list knows, or an old employer's.)"""
    cache = _email_cache(fld)
    free = cache["free"]
    domain = cache["domain"]
    out: Bools = (free[ca] & free[cb]) | ((domain[ca] == domain[cb]) & ~free[ca])
    return out


def _cmp_email(fld: Field, ca: Codes, cb: Codes) -> Levels:
    """Local part alike, a one-letter typo (digits must agree: jan.peeters2 is someone else),
    a private address against a work address, or different mailboxes."""
    cache = _email_cache(fld)
    local = cache["local"]
    out = np.full(len(ca), level_code("email", "disagree"), dtype=np.int8)
    free = fld.cache["free"]
    out[free[ca] != free[cb]] = level_code("email", "private_work")
    same_digits = np.flatnonzero(fld.cache["digits"][ca] == fld.cache["digits"][cb])
    if len(same_digits):
        typo = _typo_codes(fld, ca[same_digits], cb[same_digits])
        out[same_digits[typo]] = level_code("email", "typo")
    out[local[ca] == local[cb]] = level_code("email", "local_part")
    return out


MOBILE: Final = 1
FIXED_LINE: Final = 0
_UNKNOWN_LINE: Final = -1
_UNTYPED: Final = -2
_PERSONAL_KINDS: Final = frozenset({"mobile", "personal_number"})
_EITHER_KINDS: Final = frozenset({"fixed_line_or_mobile", "unknown"})


def phone_types(fld: Field, codes: Codes) -> np.ndarray[Any, np.dtype[np.int8]]:
    """Per code: :data:`MOBILE` (a person's own line), :data:`FIXED_LINE` (an office line or
    switchboard) or -1 (either: a number phonenumbers cannot type, or a plan such as Denmark's
    or the US's that does not tell). Typed once per distinct value, and only for the values
    asked for (a phone column's match form is its digits, E.164)."""
    if "line" not in fld.cache:
        fld.cache["line"] = np.full(len(fld.values), _UNTYPED, dtype=np.int8)
    line: np.ndarray[Any, np.dtype[np.int8]] = fld.cache["line"]
    present = codes[codes >= 0]
    todo = np.unique(present[line[present] == _UNTYPED])
    for code in todo.tolist():
        kind = normalize_phone("+" + str(fld.values[code])).kind
        if kind is None or kind in _EITHER_KINDS:
            line[code] = _UNKNOWN_LINE
        else:
            line[code] = MOBILE if kind in _PERSONAL_KINDS else FIXED_LINE
    out: np.ndarray[Any, np.dtype[np.int8]] = np.where(
        codes >= 0, line[np.maximum(codes, 0)], _UNKNOWN_LINE
    ).astype(np.int8)
    return out


def phone_evidence(prep: Prepared, a: Codes, b: Codes, wanted: Bools) -> tuple[Bools, Bools, Bools]:
    """Across every phone column of two rows (a mobile may sit in a "Phone" column): a shared
    mobile (the person's), a shared number of unknown type (maybe the person's, maybe a
    switchboard: Danish and American numbers do not say), and, where ``wanted``, a mobile on
    each row with none shared, not even with one digit wrong (two people's). An office line
    shared is neither. Numbers are typed only where the answer depends on it."""
    fields = [fld for fld in prep.fields if fld.kind == "phone" and len(fld.values)]
    known = np.zeros(len(a), dtype=bool)
    maybe = np.zeros(len(a), dtype=bool)
    clash = np.zeros(len(a), dtype=bool)
    if not fields or not len(a):
        return known, maybe, clash
    codes = [(fld.codes[a], fld.codes[b]) for fld in fields]
    texts = [
        tuple(np.where(c >= 0, fld.values[np.maximum(c, 0)], "").astype(str) for c in pair)
        for fld, pair in zip(fields, codes, strict=True)
    ]
    shared = np.zeros(len(a), dtype=bool)
    for va, _ in texts:
        for _, vb in texts:
            shared |= (va == vb) & (va != "")
    # A shared number: is it a mobile, an office line, or either?
    rows = np.flatnonzero(shared)
    for (va, _), (ca, _), fld in zip(texts, codes, fields, strict=True):
        if not len(rows):
            break
        kind = phone_types(fld, ca[rows])
        for _, vb in texts:
            same = (va[rows] == vb[rows]) & (va[rows] != "")
            known[rows] |= same & (kind == MOBILE)
            maybe[rows] |= same & (kind == _UNKNOWN_LINE)
    # No number shared: a mobile on each side, none of them a typo of the other?
    rows = np.flatnonzero(wanted & ~shared)
    if not len(rows):
        return known, maybe, clash
    kinds_a = [phone_types(fld, ca[rows]) for fld, (ca, _) in zip(fields, codes, strict=True)]
    kinds_b = [phone_types(fld, cb[rows]) for fld, (_, cb) in zip(fields, codes, strict=True)]
    mobile_a = np.logical_or.reduce([k == MOBILE for k in kinds_a])
    mobile_b = np.logical_or.reduce([k == MOBILE for k in kinds_b])
    differ = mobile_a & mobile_b
    for (va, _), ka in zip(texts, kinds_a, strict=True):
        for (_, vb), kb in zip(texts, kinds_b, strict=True):
            both = np.flatnonzero(differ & (ka == MOBILE) & (kb == MOBILE))
            if len(both):
                distance = process.cpdist(
                    va[rows[both]], vb[rows[both]], scorer=OSA.distance, dtype=np.int32, workers=-1
                )
                differ[both[np.asarray(distance) <= 1]] = False
    clash[rows] = differ
    return known, maybe, clash


def _cmp_phone(fld: Field, ca: Codes, cb: Codes) -> Levels:
    """One digit wrong, left out, added or two digits swapped: a typo; else another number."""
    out = np.full(len(ca), level_code("phone", "disagree"), dtype=np.int8)
    out[_typo_codes(fld, ca, cb)] = level_code("phone", "typo")
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
    "email": _cmp_email,
    "phone": _cmp_phone,
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
        if fld.kind == "company":
            levels = _cmp_company(prep, fld, ca[rest], cb[rest])
            # A shared domain, a domain naming the other's company or a shared switchboard
            # says one organisation however differently the two cells write it.
            weaker = np.flatnonzero(levels > level_code("company", "same_org"))
            if len(weaker):
                agree = _org_evidence(prep, a[rest[weaker]], b[rest[weaker]])
                levels[weaker[agree]] = level_code("company", "same_org")
            out[rest] = levels
        else:
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
