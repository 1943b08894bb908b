"""Generic record linkage: blocking, an unsupervised Fellegi-Sunter model, anti-chaining clusters.

``spec`` maps DataFrame columns to kinds (:data:`KINDS`); the engine knows how to compare each
kind. One more kind, ``domain`` (a work e-mail address or web domain per row), is not compared
on its own but is evidence for the ``company`` column; without it the e-mail columns' domains
are used. The pipeline, and why each step is built the way it is:

1. **Prepare** (:mod:`._features`): every column becomes integer codes over its distinct match
   forms (transliterated, lower-case); string work is done once per distinct value.
2. **Block** (:mod:`._blocking`): candidate pairs agree exactly on one of several keys (each
   identifier; the name in either order; every pair of other attributes; names by their set
   of letters and dates by their parts, so that typos in both names and a digit off in a date
   still meet). Oversized blocks use a sorted-neighbourhood window, so the work grows linearly
   with the rows.
3. **Compare** (:mod:`._compare`): one agreement level per pair and column (``exact``,
   ``nickname``, ``fuzzy_0.92``, ``typo``, ``disagree``, ``null``, ``shared_identifier``...).
   Names that Jaro-Winkler calls different but that are one name corrupted are not left at
   ``disagree`` (which vetoes a pair and makes its e-mail look like a role box): the same
   letters scrambled (Jones / Jsneo) are ``fuzzy_0.80``; a swap with both crossings misspelt,
   or a name moved to the other column with that row's own cell empty, is ``swapped``.
4. **Model** (:func:`fit`): Fellegi-Sunter. ``u`` (how often two *different* people agree at a
   level) comes from random row pairs, with the ``exact`` level replaced per value by its term
   frequency (agreeing on a rare surname counts more than on Peeters). ``m`` (how often the
   *same* person does) and the share of matches among candidates come from EM on candidate
   pairs, anchored by weak per-kind priors so that small frames still get sane values. The
   prior probability that two random rows match follows from EM's expected number of matches,
   so probabilities are calibrated on the data at hand, at 5k rows as at 1M.
5. **Rules on top of the model** (domain knowledge the independence assumption cannot carry):
   an e-mail or phone used by several differently named people is *shared* and is no
   evidence (``shared_identifier``, weight 0), and never person-level evidence either. A pair
   whose *organisations* clearly disagree is never a match unless person-level evidence
   agrees (see below): ``company_conflict``. Company cells are compared as organisations
   (legal forms, generic words such as Group or Holding and connectors left out): one
   cell's distinctive words inside the other's, initials or a joined spelling (VDM / Van Der
   Meer), the same non-free-mail domain, a domain naming the other's company or one
   switchboard number or role mailbox on both rows is agreement (``same_org``); a shared
   leading word or an abbreviation (VDM / Vandamme) is ``related``; only organisations with
   nothing in common disagree. In data that has a company, e-mail or phone column (people
   at companies), the same holds for a pair whose names clearly disagree (a given
   name or surname that is neither equal, a nickname, an initial, a near spelling nor
   swapped): ``name_conflict``. So family members at one company, namesakes at two companies
   and colleagues behind one mailbox stay apart however much context they share, which
   independent per-column evidence would otherwise add up. (In name-and-address data such
   as FEBRL a duplicate's given name is often replaced outright; there the model alone
   weighs it against the address.) A vetoed pair keeps its evidence but has probability 0.
   Person-level evidence is a non-shared e-mail, a date of birth or a shared *mobile*
   (typed with phonenumbers): an office line or switchboard is evidence of the organisation,
   never of the person, and a number whose type the plan does not tell (Danish, American)
   lifts a name or company veto but not the rule below.
   Look-alikes at one organisation: a LinkedIn row (name and company, no e-mail or phone)
   links to the registrant with that name at that organisation, since nothing contradicts
   it. But when *both* rows carry a personal identifier and these clearly differ (not a
   one-character typo) with none agreeing, they may be two people of one name:
   ``identifier_conflict`` (in data with a company column). Personal identifiers that
   differ: two mobiles (in any phone column), two mailboxes at one organisation's domain
   (``jan.peeters@`` and ``jan.peeters2@``; also two aliases of one person, which is why the
   pair is undecided rather than apart) or two at free-mail providers. A work address against
   a free-mail one, or addresses at two other domains, are one person's private and work
   (or old and new) addresses: no clash. Such a pair's probability is capped at 0.5, inside
   the review band, and clustering keeps the two rows apart (a cannot-link), so they are
   never linked, not even through a third row (the LinkedIn row of either namesake).
   Generations: two different generational suffixes (Jr. / Sr., a ``suffix`` companion
   column) are father and son whatever else they share: ``generation_conflict``, a veto and
   a cannot-link; a suffix on one side only is no evidence.
6. **Cluster** (:func:`cluster_pairs`): average linkage inside the components of linked
   pairs, never plain connected components; :func:`complete_pairs` first scores the pairs a
   would-be cluster still lacks.

Nothing here logs or raises with row values: messages name columns and row positions only.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd
from rapidfuzz.distance import Indel, JaroWinkler

from leadguard.dedupe._blocking import (
    MAX_BLOCK,
    WINDOW,
    candidate_pairs,
    distinct,
    pairs_within_groups,
)
from leadguard.dedupe._clustering import components, link
from leadguard.dedupe._compare import (
    LEVELS,
    NULL,
    SHARED,
    _similarity,
    apply_swaps,
    email_clash,
    field_levels,
    phone_evidence,
    work_domains_differ,
)
from leadguard.dedupe._features import KINDS, NAME_KINDS, Codes, Field, Prepared, prepare
from leadguard.errors import InputError

__all__ = [
    "DEFAULT_LINKAGE",
    "DEFAULT_MAX_SIZE",
    "DEFAULT_THRESHOLD",
    "FEBRL_SPEC",
    "KINDS",
    "Model",
    "cluster",
    "cluster_pairs",
    "complete_pairs",
    "febrl_adapter",
    "fit",
    "score_pairs",
]

DEFAULT_THRESHOLD: Final = 0.9
"""Match probability at which two rows are linked; clusters form only within linked groups.
Chosen on the development sets (FEBRL2, a synthetic set with another seed): F1 is flat from
0.8 to 0.95."""
DEFAULT_LINKAGE: Final = 0.5
"""Mean cross-pair probability two groups need to merge inside a linked component."""
DEFAULT_MAX_SIZE: Final = 100
"""No cluster grows beyond this many rows by merging (must-link groups excepted)."""

_FLOOR: Final = 0.01  # cluster() drops pairs below this probability: they barely move a mean
_COMPLETE_MAX: Final = 32  # components up to this size get every internal pair scored
_PRIOR_STRENGTH: Final = 10.0  # pseudo-pairs behind the per-kind m priors in EM
_EM_MAX_PAIRS: Final = 500_000
_U_MAX_PAIRS: Final = 300_000
_EM_ITERATIONS: Final = 200
_UNKNOWN: Final = -3
_CHUNK: Final = 1 << 20  # pairs scored at a time

Bools = np.ndarray[Any, np.dtype[np.bool_]]

# Prior m per level (the same person), in LEVELS order: EM's starting point and its anchor.
_M_PRIOR: Final[dict[str, tuple[float, ...]]] = {
    "given_name": (0.80, 0.03, 0.02, 0.07, 0.03, 0.02, 0.03),
    "surname": (0.85, 0.07, 0.03, 0.02, 0.03),
    "full_name": (0.75, 0.03, 0.04, 0.03, 0.08, 0.04, 0.03),
    "company": (0.70, 0.10, 0.05, 0.04, 0.03, 0.08),
    "email": (0.70, 0.05, 0.03, 0.07, 0.15),
    "phone": (0.75, 0.03, 0.22),
    "date": (0.85, 0.08, 0.02, 0.05),
    "street": (0.75, 0.12, 0.05, 0.08),
    "city": (0.85, 0.07, 0.08),
    "postcode": (0.88, 0.06, 0.06),
    "region": (0.92, 0.08),
    "exact": (0.90, 0.10),
}
# P(exact agreement | different people) in a large population, per kind: what a small list
# cannot tell (in ten rows every value looks common). Estimates from the data are shrunk
# towards these with the weight of _U_PRIOR_PAIRS record pairs, so they only matter for lists
# of up to a few hundred rows.
_U_EXACT_PRIOR: Final[dict[str, float]] = {
    "given_name": 5e-3,
    "surname": 2e-3,
    "full_name": 1e-5,
    "company": 1e-3,
    "email": 1e-6,
    "phone": 1e-5,
    "date": 1e-3,
    "street": 1e-4,
    "city": 2e-2,
    "postcode": 5e-3,
    "region": 0.1,
    "exact": 5e-2,
}
_U_PRIOR_PAIRS: Final = 2_000.0
# Kinds whose exact agreement is weighted by how common the value is. E-mails and phones are
# not: one person's own address repeated over many sightings is not a common value.
_TF_KINDS: Final = frozenset(KINDS) - {"email", "phone"}
# Cheap comparisons first: with a probability floor, later (string) comparisons only run on
# pairs that can still reach it.
_COST: Final[dict[str, int]] = {
    "exact": 0,
    "region": 0,
    "phone": 0,
    "email": 1,
    "postcode": 1,
    "date": 1,
    "city": 2,
    "company": 3,
    "street": 3,
    "given_name": 4,
    "surname": 4,
    "full_name": 4,
}
_NAME_KINDS_ALL: Final = frozenset({"given_name", "surname", "full_name"})
_CONFLICTS: Final = (
    "name_conflict",
    "company_conflict",
    "identifier_conflict",
    "generation_conflict",
    "domain_conflict",
)
# Conflicts that keep two rows in different clusters even through other rows (cannot-links):
# two different personal identifiers, two generations. A third row that matches both (a
# LinkedIn row without e-mail or phone) must not pull the two people into one lead.
_APART: Final = ("identifier_conflict", "generation_conflict", "domain_conflict")
# An identifier conflict leaves the pair undecided rather than apart: its probability is capped
# here (inside the review band, below any sensible link threshold); clustering counts it as 0.
_UNCERTAIN: Final = 0.5
# The name rule applies to data that says who people are apart from where they are: leads with
# a company, e-mail or phone. In name-and-address data (FEBRL) a duplicate's given name is often
# replaced outright and the model weighs the address on its own.
_CONTACT_KINDS: Final = frozenset({"company", "email", "phone"})
_SHARED_MAX_NAMES: Final = 20  # an identifier with more distinct names is shared outright

FEBRL_SPEC: Final[Mapping[str, str]] = {
    "given_name": "given_name",
    "surname": "surname",
    "date_of_birth": "date",
    "address": "street",
    "suburb": "city",
    "postcode": "postcode",
    "state": "region",
}
"""The benchmark harness's columns mapped to kinds (FEBRL: people at addresses)."""


# --- the model -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """Fitted Fellegi-Sunter parameters, estimated from the data itself (no labels).

    Term-frequency tables are keyed by a 64-bit BLAKE2b hash of the match form, not by the
    value, so a stored model holds no names in clear; only values seen at least twice are kept.
    """

    spec: Mapping[str, str]
    """Column → kind, as fitted."""
    levels: Mapping[str, tuple[str, ...]]
    """Column → its agreement levels (besides ``null`` and ``shared_identifier``)."""
    m: Mapping[str, tuple[float, ...]]
    """Column → P(level | same person), per level."""
    u: Mapping[str, tuple[float, ...]]
    """Column → P(level | different people), per level (``exact`` is the average over values)."""
    term_frequencies: Mapping[str, Mapping[int, float]]
    """Column → value hash → share of the column's filled rows holding that value."""
    tf_floor: Mapping[str, float]
    """Column → the share used for a value missing from its table (one row's worth)."""
    prior: float
    """Probability that two random rows are the same person."""
    n_rows: int
    n_candidates: int
    em_iterations: int

    def weights(self) -> dict[str, dict[str, float]]:
        """Evidence per column and level: log2(m/u), partial levels capped at ``exact``.

        ``exact`` is the average; a given value's exact weight uses its own frequency.
        """
        out: dict[str, dict[str, float]] = {}
        for column in self.spec:
            weights = _level_weights(self.m[column], self.u[column])
            out[column] = dict(zip(self.levels[column], weights.tolist(), strict=True))
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable form (for storing the model in the ledger)."""
        return {
            "spec": dict(self.spec),
            "levels": {c: list(v) for c, v in self.levels.items()},
            "m": {c: list(v) for c, v in self.m.items()},
            "u": {c: list(v) for c, v in self.u.items()},
            "term_frequencies": {
                c: {str(k): v for k, v in t.items()} for c, t in self.term_frequencies.items()
            },
            "tf_floor": dict(self.tf_floor),
            "prior": self.prior,
            "n_rows": self.n_rows,
            "n_candidates": self.n_candidates,
            "em_iterations": self.em_iterations,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """The model :meth:`to_dict` wrote."""
        return cls(
            spec=dict(data["spec"]),
            levels={c: tuple(v) for c, v in data["levels"].items()},
            m={c: tuple(float(x) for x in v) for c, v in data["m"].items()},
            u={c: tuple(float(x) for x in v) for c, v in data["u"].items()},
            term_frequencies={
                c: {int(k): float(v) for k, v in t.items()}
                for c, t in data["term_frequencies"].items()
            },
            tf_floor={c: float(v) for c, v in data["tf_floor"].items()},
            prior=float(data["prior"]),
            n_rows=int(data["n_rows"]),
            n_candidates=int(data["n_candidates"]),
            em_iterations=int(data["em_iterations"]),
        )


def _level_weights(
    m: tuple[float, ...], u: tuple[float, ...]
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """log2(m/u) per level; no partial level above the average exact one.

    A swap or a nickname is one event that per-column independence would count twice (both
    name columns at a rare level), so its evidence is capped at an exact agreement's.
    """
    mf = np.maximum(np.asarray(m, dtype=np.float64), 1e-12)
    uf = np.maximum(np.asarray(u, dtype=np.float64), 1e-12)
    weights = np.log2(mf) - np.log2(uf)
    weights[1:] = np.minimum(weights[1:], weights[0])
    return weights


def _value_hash(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=8).digest(), "big")


@dataclass(slots=True)
class _Params:
    """A model bound to one prepared frame: weight tables indexed by that frame's codes."""

    level_weights: list[np.ndarray[Any, np.dtype[np.float64]]]
    exact_weights: list[np.ndarray[Any, np.dtype[np.float64]] | None]
    prior_logit: float
    max_other: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        # The best a differing (non-exact) value can score: the bound used to prune pairs.
        self.max_other = [float(w[1:].max()) if len(w) > 1 else 0.0 for w in self.level_weights]


def _bind(
    prep: Prepared,
    m: Mapping[str, tuple[float, ...]],
    u: Mapping[str, tuple[float, ...]],
    prior: float,
    frequencies: list[np.ndarray[Any, np.dtype[np.float64]] | None],
) -> _Params:
    """Weight tables for ``prep`` from m, u, the prior and per-value term frequencies."""
    level_weights = []
    exact_weights: list[np.ndarray[Any, np.dtype[np.float64]] | None] = []
    for f, fld in enumerate(prep.fields):
        level_weights.append(_level_weights(m[fld.column], u[fld.column]))
        freq = frequencies[f]
        if freq is None:
            exact_weights.append(None)
        else:
            m_exact = max(float(m[fld.column][0]), 1e-12)
            exact_weights.append(math.log2(m_exact) - np.log2(np.maximum(freq, 1e-12)))
    prior = min(max(prior, 1e-15), 0.5)
    return _Params(level_weights, exact_weights, math.log2(prior / (1 - prior)))


def _frequencies(prep: Prepared) -> list[np.ndarray[Any, np.dtype[np.float64]] | None]:
    """Share of each column's filled rows per value (None for kinds without term frequency)."""
    out: list[np.ndarray[Any, np.dtype[np.float64]] | None] = []
    for fld in prep.fields:
        if fld.kind not in _TF_KINDS:
            out.append(None)
            continue
        present = max(fld.n_present, 1)
        out.append(np.maximum(fld.counts / present, 1.0 / present))
    return out


# --- shared identifiers --------------------------------------------------------------------------


def _mark_shared(prep: Prepared) -> None:
    """Flag e-mails and phones that rows with incompatible names use (role boxes, switchboards).

    Names are compatible when no name column disagrees outright: Jan Peeters, J. Peeters,
    Jan Peters and Peeters Jan can be one person; Marc Peeters and Thomas Peeters cannot.
    """
    names = [f for f, fld in enumerate(prep.fields) if fld.kind in _NAME_KINDS_ALL]
    identifiers = [fld for fld in prep.fields if fld.kind in ("email", "phone")]
    for fld in identifiers:
        fld.shared = np.zeros(len(fld.values), dtype=bool)
    if not names or not identifiers:
        return
    name_codes = np.stack([prep.fields[f].codes for f in names], axis=1)
    has_name = (name_codes >= 0).any(axis=1)
    _, name_key = np.unique(name_codes, axis=0, return_inverse=True)
    name_key = name_key.reshape(-1).astype(np.int64)
    for fld in identifiers:
        rows = np.flatnonzero((fld.codes >= 0) & has_name)
        if len(rows) < 2:
            continue
        pair_key = fld.codes[rows] * np.int64(prep.n + 1) + name_key[rows]
        _, first = np.unique(pair_key, return_index=True)
        reps = rows[first]  # one row per (identifier, distinct name)
        ids = fld.codes[reps]
        names_per_id = np.bincount(ids, minlength=len(fld.values))
        many = names_per_id > _SHARED_MAX_NAMES
        shared = many.copy()
        fld.shared = shared
        check = reps[(names_per_id[ids] >= 2) & ~many[ids]]
        if not len(check):
            continue
        sort = np.argsort(fld.codes[check], kind="stable")
        check = check[sort]
        a, b = pairs_within_groups(
            check, fld.codes[check], max_block=_SHARED_MAX_NAMES + 1, window=_SHARED_MAX_NAMES
        )
        levels = _levels_matrix(prep, a, b, only=names)
        clash = np.zeros(len(a), dtype=bool)
        for f in names:
            clash |= levels[f] == LEVELS[prep.fields[f].kind].index("disagree")
        shared[fld.codes[a[clash]]] = True


# --- levels and scores ---------------------------------------------------------------------------


def _levels_matrix(
    prep: Prepared, a: Codes, b: Codes, *, only: Iterable[int] | None = None
) -> np.ndarray[Any, np.dtype[np.int8]]:
    """Every level of every (or ``only`` the listed) column for the pairs, swaps applied."""
    wanted = set(range(len(prep.fields)) if only is None else only)
    out = np.full((len(prep.fields), len(a)), NULL, dtype=np.int8)
    for f in sorted(wanted):
        out[f] = field_levels(prep, f, a, b)
    if prep.given in wanted and prep.surname in wanted and prep.given is not None:
        assert prep.surname is not None
        apply_swaps(prep, a, b, out[prep.given], out[prep.surname])
        _misplaced_names(prep, a, b, out[prep.given], out[prep.surname])
    for f in wanted:
        if prep.fields[f].kind in NAME_KINDS:
            _scrambled_names(prep, f, a, b, out[f])
    return out


# --- corrupted names ---------------------------------------------------------------------------
# Heavily corrupted lists misspell both names of a duplicate, move a given name into the surname
# column (with the other cell empty) or scramble letters. Such pairs must not count as names that
# clearly disagree: that would veto them outright and mark their shared e-mail as a role box.

_SWAP_CLOSE: Final = 0.88  # Jaro-Winkler of each crossing in a swap where both carry a typo
_SCRAMBLE: Final = 0.85  # share of letters two spellings have in common (multiset, any order)
_SCRAMBLE_MIN_LENGTH: Final = 4  # shorter names share their few letters by chance


def _letter_table(fld: Field) -> tuple[np.ndarray[Any, Any], Codes, np.ndarray[Any, Any]]:
    """Per distinct value: its letters sorted, its length and a bit mask of its characters."""
    if "letter_table" not in fld.cache:
        sorted_letters = np.array(
            ["".join(sorted(v.replace(" ", ""))) for v in fld.values], dtype=object
        )
        lengths = np.array([len(v) for v in fld.values], dtype=np.int64)
        masks = np.array(
            [sum({1 << (ord(c) & 31) for c in v if c != " "}) for v in fld.values], dtype=np.uint32
        )
        fld.cache["letter_table"] = (sorted_letters, lengths, masks)
    table: tuple[np.ndarray[Any, Any], Codes, np.ndarray[Any, Any]] = fld.cache["letter_table"]
    return table


def _near_spelling(fld: Field, x: Codes, y: Codes, *, jaro_winkler: float | None) -> Bools:
    """True for two codes of ``fld`` that are one name spelt twice: equal, a scramble of the
    same letters (:data:`_SCRAMBLE`) or, with ``jaro_winkler``, at least that similar.

    Cheap exact bounds come first: both measures need the two spellings to share most of their
    characters, so pairs whose character sets differ in more places are never measured.
    """
    out: Bools = np.asarray(x == y, dtype=bool)
    letters, lengths, masks = _letter_table(fld)
    lx, ly = lengths[x].astype(np.float64), lengths[y].astype(np.float64)
    differ = np.bitwise_count(masks[x] ^ masks[y]).astype(np.float64)
    total = np.maximum(lx + ly, 1.0)
    scramble = (
        ~out
        & (differ <= (1 - _SCRAMBLE) * total)
        & (np.maximum(lx, ly) >= _SCRAMBLE_MIN_LENGTH)
        & (np.minimum(lx, ly) >= _SCRAMBLE_MIN_LENGTH - 1)
    )
    idx = np.flatnonzero(scramble)
    if len(idx):
        sim = _similarity(letters, x[idx], y[idx], Indel.normalized_similarity, _SCRAMBLE)
        out[idx[sim >= _SCRAMBLE]] = True
    if jaro_winkler is not None:
        # Jaro-Winkler >= w needs Jaro >= (w - 0.4) / 0.6, hence that many matched characters.
        jaro = (jaro_winkler - 0.4) / 0.6
        matched = (3 * jaro - 1) * lx * ly / total
        idx = np.flatnonzero(~out & (differ <= lx + ly - 2 * matched))
        if len(idx):
            sim = _similarity(
                fld.values, x[idx], y[idx], JaroWinkler.normalized_similarity, jaro_winkler
            )
            out[idx[sim >= jaro_winkler]] = True
    return out


def _misplaced_names(
    prep: Prepared, a: Codes, b: Codes, given: np.ndarray[Any, Any], surname: np.ndarray[Any, Any]
) -> None:
    """Mark swaps that :func:`apply_swaps` leaves as disagreement: both crossings misspelt
    (Clark Violet / Oivlet Clakr), or one row's only name in the other's other column (Moore
    Oscar / Oscar with no surname).
    """
    assert prep.given is not None and prep.surname is not None
    g = prep.fields[prep.given]
    s = prep.fields[prep.surname]
    g_disagree = LEVELS["given_name"].index("disagree")
    s_disagree = LEVELS["surname"].index("disagree")
    weak_g = (given == g_disagree) | (given == LEVELS["given_name"].index("fuzzy_0.80"))
    weak_s = (surname == s_disagree) | (surname == LEVELS["surname"].index("fuzzy_0.80"))
    g_swapped = LEVELS["given_name"].index("swapped")
    s_swapped = LEVELS["surname"].index("swapped")

    def close(x: Codes, y: Codes) -> Bools:
        # Both name columns share one vocabulary, so either field's tables serve.
        return _near_spelling(g, x, y, jaro_winkler=_SWAP_CLOSE)

    both = np.flatnonzero(weak_g & weak_s)
    if len(both):
        ga, gb = g.codes[a[both]], g.codes[b[both]]
        sa, sb = s.codes[a[both]], s.codes[b[both]]
        first = close(ga, sb)
        hit = np.flatnonzero(first)
        hit = hit[close(sa[hit], gb[hit])]
        given[both[hit]] = g_swapped
        surname[both[hit]] = s_swapped
    # One column compared, the other empty on one side: the name may sit in the other column.
    for level, disagree, swapped, own, other in (
        (given, g_disagree, g_swapped, g, s),
        (surname, s_disagree, s_swapped, s, g),
    ):
        idx = np.flatnonzero(level == disagree)
        if not len(idx):
            continue
        oa, ob = other.codes[a[idx]], other.codes[b[idx]]
        xa, xb = own.codes[a[idx]], own.codes[b[idx]]
        # Row b lacks the other column and its name is row a's other name, or the reverse.
        b_moved = (ob < 0) & (oa >= 0)
        a_moved = (oa < 0) & (ob >= 0)
        hit = np.zeros(len(idx), dtype=bool)
        if b_moved.any():
            hit[b_moved] = close(xb[b_moved], oa[b_moved])
        if a_moved.any():
            hit[a_moved] = close(xa[a_moved], ob[a_moved])
        level[idx[hit]] = swapped


def _scrambled_names(
    prep: Prepared, f: int, a: Codes, b: Codes, level: np.ndarray[Any, Any]
) -> None:
    """Lower ``disagree`` to the weakest fuzzy level for two spellings of the same letters.

    Jaro-Winkler punishes transposed, doubled and moved letters (Jones / Jsneo, Holmes / Hsmel,
    Sofia / Fosia); the letters themselves, counted in any order, still mostly agree.
    """
    fld = prep.fields[f]
    idx = np.flatnonzero(level == LEVELS[fld.kind].index("disagree"))
    if len(idx):
        # Name columns share one vocabulary: measure with the given-name field's tables.
        table = prep.fields[prep.given] if prep.given is not None else fld
        near = _near_spelling(table, fld.codes[a[idx]], fld.codes[b[idx]], jaro_winkler=None)
        level[idx[near]] = LEVELS[fld.kind].index("fuzzy_0.80")


@dataclass(slots=True)
class _Scored:
    """Scored pairs (after an optional probability floor)."""

    a: Codes
    b: Codes
    levels: np.ndarray[Any, np.dtype[np.int8]]  # (columns, pairs)
    logit: np.ndarray[Any, np.dtype[np.float64]]  # prior + evidence, log2 odds
    conflict: np.ndarray[Any, np.dtype[np.int8]]  # -1 none, else index into _CONFLICTS

    @property
    def probability(self) -> np.ndarray[Any, np.dtype[np.float64]]:
        p = 1.0 / (1.0 + np.exp2(-np.clip(self.logit, -1000, 1000)))
        undecided = self.conflict == _CONFLICTS.index("identifier_conflict")
        out: np.ndarray[Any, np.dtype[np.float64]] = np.where(
            undecided, np.minimum(p, _UNCERTAIN), np.where(self.conflict >= 0, 0.0, p)
        )
        return out


def _weights_of(
    params: _Params, prep: Prepared, f: int, levels: np.ndarray[Any, Any], a: Codes, b: Codes
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Weight of column f for pairs at the given levels (NULL and SHARED weigh 0)."""
    table = params.level_weights[f]
    out = np.zeros(len(levels), dtype=np.float64)
    known = levels >= 0
    out[known] = table[levels[known]]
    exact_table = params.exact_weights[f]
    if exact_table is not None:
        exact = np.flatnonzero(levels == 0)
        out[exact] = exact_table[prep.fields[f].codes[a[exact]]]
    return out


def _score(prep: Prepared, params: _Params, a: Codes, b: Codes, *, floor: float | None) -> _Scored:
    """Levels, evidence and conflicts for the pairs; with ``floor``, only pairs reaching it.

    Cheap columns are compared first. After each column, a pair whose best possible total
    (the known weights plus the best level of every column still unknown) is below the floor
    is dropped, so string metrics run only where they can still matter.
    """
    n_fields = len(prep.fields)
    levels = np.full((n_fields, len(a)), _UNKNOWN, dtype=np.int8)
    bound = np.full(len(a), params.prior_logit, dtype=np.float64)
    floor_logit = None if floor is None else math.log2(floor / (1 - floor))
    for f, fld in enumerate(prep.fields):
        if not len(fld.values):
            levels[f] = NULL
            continue
        # Elementwise passes only (no boolean-mask indexing): this runs on every candidate.
        # An empty side's code -1 indexes the last table entry; np.where discards it.
        ca = fld.codes[a]
        cb = fld.codes[b]
        present = (ca >= 0) & (cb >= 0)
        lf = np.where(present, np.where(ca == cb, 0, _UNKNOWN), NULL).astype(np.int8)
        if fld.shared is not None and fld.shared.any():
            lf = np.where(present & (fld.shared[ca] | fld.shared[cb]), SHARED, lf).astype(np.int8)
        levels[f] = lf
        table = params.exact_weights[f]
        exact_weight = params.level_weights[f][0] if table is None else table[ca]
        bound += np.where(lf == 0, exact_weight, np.where(lf == _UNKNOWN, params.max_other[f], 0.0))

    steps: dict[int, list[int]] = {}
    for f, fld in enumerate(prep.fields):
        steps.setdefault(_COST[fld.kind], []).append(f)
    alive = np.ones(len(a), dtype=bool)
    for cost in sorted(steps):
        group = steps[cost]
        if floor_logit is not None:
            alive &= bound >= floor_logit
        todo = np.zeros(len(a), dtype=bool)
        for f in group:
            todo |= levels[f] == _UNKNOWN
        idx = np.flatnonzero(todo & alive)
        if not len(idx):
            continue
        computed = _levels_matrix(prep, a[idx], b[idx], only=group)
        for f in group:
            was_unknown = levels[f, idx] == _UNKNOWN
            sub = idx[was_unknown]
            new_levels = computed[f][was_unknown]
            levels[f, sub] = new_levels
            gained = _weights_of(params, prep, f, new_levels, a[sub], b[sub])
            bound[sub] += gained - params.max_other[f]
    if floor_logit is not None:
        alive &= bound >= floor_logit
    keep = np.flatnonzero(alive)
    kept_levels = levels[:, keep]
    conflict = _conflicts(prep, kept_levels, a[keep], b[keep])
    return _Scored(a[keep], b[keep], kept_levels, bound[keep], conflict)


def _score_chunked(
    prep: Prepared, params: _Params, a: Codes, b: Codes, *, floor: float | None
) -> _Scored:
    """:func:`_score` in slices, so temporaries stay small at millions of pairs."""
    parts = [
        _score(prep, params, a[k : k + _CHUNK], b[k : k + _CHUNK], floor=floor)
        for k in range(0, len(a), _CHUNK)
    ]
    if not parts:
        return _score(prep, params, a, b, floor=floor)
    if len(parts) == 1:
        return parts[0]
    return _Scored(
        np.concatenate([x.a for x in parts]),
        np.concatenate([x.b for x in parts]),
        np.concatenate([x.levels for x in parts], axis=1),
        np.concatenate([x.logit for x in parts]),
        np.concatenate([x.conflict for x in parts]),
    )


def _conflicts(
    prep: Prepared, levels: np.ndarray[Any, Any], a: Codes, b: Codes
) -> np.ndarray[Any, np.dtype[np.int8]]:
    """Rule index per pair (module docstring, step 5): names or organisations that clearly
    disagree, or two different personal identifiers, without person-level evidence."""
    n_pairs = levels.shape[1]
    out = np.full(n_pairs, -1, dtype=np.int8)
    person = np.zeros(n_pairs, dtype=bool)
    name_clash = np.zeros(n_pairs, dtype=bool)
    company_clash = np.zeros(n_pairs, dtype=bool)
    identifier_clash = np.zeros(n_pairs, dtype=bool)
    maybe_person = np.zeros(n_pairs, dtype=bool)
    phones: list[int] = []
    for f, fld in enumerate(prep.fields):
        kind_levels = LEVELS[fld.kind]
        if fld.kind == "email":
            # SHARED (a group buyer's box) is neither agreement nor clash; a private address
            # against a work address is one person's two addresses (level private_work).
            person |= levels[f] == 0
            mailboxes = np.flatnonzero(levels[f] == kind_levels.index("disagree"))
            if len(mailboxes):
                identifier_clash[mailboxes] |= email_clash(
                    fld, fld.codes[a[mailboxes]], fld.codes[b[mailboxes]]
                )
        elif fld.kind == "phone":
            phones.append(f)
        elif fld.kind == "date":
            person |= (levels[f] == 0) | (levels[f] == kind_levels.index("typo"))
        elif fld.kind in _NAME_KINDS_ALL:
            name_clash |= levels[f] == kind_levels.index("disagree")
        elif fld.kind == "company":
            # Only organisations that clearly differ: a shared domain or switchboard, a
            # contained name or matching initials already made the level same_org or related.
            company_clash |= levels[f] == kind_levels.index("disagree")
    # Two different generational suffixes (Jr. / Sr.) are father and son whatever else they
    # share: an office, a switchboard, often the same name at the same company.
    generation = np.zeros(n_pairs, dtype=bool)
    if prep.suffix is not None and len(prep.suffix.values):
        sa, sb = prep.suffix.codes[a], prep.suffix.codes[b]
        generation = (sa >= 0) & (sb >= 0) & (sa != sb)
    # Phones: a fixed line (a switchboard, an office) is organisation evidence, never the
    # person's; two different mobiles are two people's. Typed only where a rule is at stake.
    if phones:
        has_a = np.zeros(n_pairs, dtype=bool)
        has_b = np.zeros(n_pairs, dtype=bool)
        for f in phones:
            has_a |= prep.fields[f].codes[a] >= 0
            has_b |= prep.fields[f].codes[b] >= 0
        at_stake = np.flatnonzero(~person & has_a & has_b)
        # Two mobiles only matter where no name or company veto decides the pair already.
        wanted = ~(name_clash | company_clash)[at_stake]
        known, maybe, differ = phone_evidence(prep, a[at_stake], b[at_stake], wanted)
        # A number that may be a switchboard lifts a name or company veto (as any shared
        # number always did) but not two different personal addresses: those are known.
        person[at_stake] |= known
        maybe_person[at_stake] = maybe
        identifier_clash[at_stake] |= differ
    kinds = {fld.kind for fld in prep.fields}
    if "company" in kinds:
        out[identifier_clash & ~person] = _CONFLICTS.index("identifier_conflict")
    person |= maybe_person
    out[company_clash & ~person] = _CONFLICTS.index("company_conflict")
    if kinds & _CONTACT_KINDS:
        out[name_clash & ~person] = _CONFLICTS.index("name_conflict")
    # Two employers by their work domains, where the company cells only overlap.
    company_field = next((f for f in prep.fields if f.kind == "company"), None)
    if company_field is not None:
        employers = work_domains_differ(prep, company_field, a, b) & ~person & (out < 0)
        out[employers] = _CONFLICTS.index("domain_conflict")
    out[generation] = _CONFLICTS.index("generation_conflict")
    return out


# --- fitting -------------------------------------------------------------------------------------


def _random_pairs(n: int, count: int, rng: np.random.Generator) -> tuple[Codes, Codes]:
    """Uniform random row pairs (every pair when there are few)."""
    total = n * (n - 1) // 2
    if total <= count:
        a, b = np.triu_indices(n, 1)
        return a.astype(np.int64), b.astype(np.int64)
    a = rng.integers(0, n, count)
    b = rng.integers(0, n - 1, count)
    b = np.where(b >= a, b + 1, b)  # never a row with itself
    return np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)


def _estimate_u(
    prep: Prepared, rng: np.random.Generator, max_pairs: int
) -> dict[str, tuple[float, ...]]:
    """P(level | different people) from random pairs; ``exact`` from value frequencies."""
    a, b = _random_pairs(prep.n, max_pairs, rng)
    levels = _levels_matrix(prep, a, b)
    u: dict[str, tuple[float, ...]] = {}
    for f, fld in enumerate(prep.fields):
        n_levels = len(LEVELS[fld.kind])
        lf = levels[f]
        counts = np.bincount(lf[lf > 0].astype(np.int64), minlength=n_levels)[1:].astype(float)
        # Random pairs almost never agree exactly on a rare value: the exact share is computed
        # from the value frequencies instead of counted (non-shared values only).
        # Two *different* records agreeing: sum c(c-1) / n(n-1); sum (c/n)^2 would count each
        # record with itself, which in a list of forty rows says every value is common.
        freq = fld.counts.astype(np.float64)
        if fld.shared is not None:
            freq = np.where(fld.shared, 0.0, freq)
        n_present = max(fld.n_present, 2)
        agree = float((freq * (freq - 1)).sum()) / (n_present * (n_present - 1))
        exact = float(np.clip(agree, 1e-12, 0.999))
        pairs = fld.n_present * (fld.n_present - 1) / 2
        exact = (pairs * exact + _U_PRIOR_PAIRS * _U_EXACT_PRIOR[fld.kind]) / (
            pairs + _U_PRIOR_PAIRS
        )
        # Half a pseudo-count per level: a level never seen among random pairs stays possible.
        other = (counts + 0.5) / (counts.sum() + 0.5 * len(counts))
        u[fld.column] = (exact, *((1 - exact) * other).tolist())
    return u


def _em(
    levels: np.ndarray[Any, np.dtype[np.int8]],
    kinds: list[str],
    u: list[np.ndarray[Any, np.dtype[np.float64]]],
) -> tuple[list[np.ndarray[Any, np.dtype[np.float64]]], float, int]:
    """m per column and the match share among the pairs, by EM on distinct level patterns.

    The non-match distribution among candidates is estimated alongside (blocking makes it far
    from random pairs') but only m and the match share are kept. Priors: :data:`_M_PRIOR`
    and the random-pair u, each worth :data:`_PRIOR_STRENGTH` pairs.
    """
    n_fields = len(kinds)
    m_prior = [np.asarray(_M_PRIOR[k], dtype=np.float64) for k in kinds]
    if levels.shape[1] == 0:
        return m_prior, 0.0, 0
    shifted = levels.astype(np.int64) + 2  # SHARED, NULL -> 0, 1; levels from 2
    patterns, counts = np.unique(shifted, axis=1, return_counts=True)
    patterns = patterns - 2
    weight = counts.astype(np.float64)
    m = [p.copy() for p in m_prior]
    uc = [x.copy() for x in u]
    share = 0.1
    iterations = 0
    for iterations in range(1, _EM_ITERATIONS + 1):  # noqa: B007 - the count is returned
        log_m = np.zeros(patterns.shape[1])
        log_u = np.zeros(patterns.shape[1])
        for f in range(n_fields):
            present = patterns[f] >= 0
            log_m[present] += np.log(m[f][patterns[f][present]])
            log_u[present] += np.log(uc[f][patterns[f][present]])
        logit = math.log(share / (1 - share)) + log_m - log_u
        posterior = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
        wm = weight * posterior
        wu = weight * (1 - posterior)
        new_share = float(np.clip(wm.sum() / weight.sum(), 1e-9, 1 - 1e-9))
        change = abs(new_share - share)
        share = new_share
        for f in range(n_fields):
            present = patterns[f] >= 0
            n_levels = len(m[f])
            cm = np.bincount(patterns[f][present], weights=wm[present], minlength=n_levels)
            cu = np.bincount(patterns[f][present], weights=wu[present], minlength=n_levels)
            new_m = (cm + _PRIOR_STRENGTH * m_prior[f]) / (cm.sum() + _PRIOR_STRENGTH)
            new_u = (cu + _PRIOR_STRENGTH * u[f]) / (cu.sum() + _PRIOR_STRENGTH)
            change = max(change, float(np.abs(new_m - m[f]).max()))
            m[f] = np.maximum(new_m, 1e-9)
            uc[f] = np.maximum(new_u, 1e-12)
        if change < 1e-6:
            break
    return m, share, iterations


@dataclass(slots=True)
class _Fitted:
    m: dict[str, tuple[float, ...]]
    u: dict[str, tuple[float, ...]]
    prior: float
    n_candidates: int
    iterations: int


def _fit(prep: Prepared, a: Codes, b: Codes, *, seed: int) -> _Fitted:
    """Estimate u (random pairs), m and the prior (EM on a sample of candidate pairs)."""
    rng = np.random.default_rng(seed)
    u = _estimate_u(prep, rng, _U_MAX_PAIRS)
    if len(a) > _EM_MAX_PAIRS:
        pick = np.sort(rng.choice(len(a), _EM_MAX_PAIRS, replace=False))
        sa, sb = a[pick], b[pick]
    else:
        sa, sb = a, b
    levels = _levels_matrix(prep, sa, sb)
    kinds = [fld.kind for fld in prep.fields]
    u_list = [np.asarray(u[fld.column], dtype=np.float64) for fld in prep.fields]
    m_list, share, iterations = _em(levels, kinds, u_list)
    total_pairs = prep.n * (prep.n - 1) / 2
    if total_pairs == 0:
        prior = 0.5
    elif len(a) == 0:
        prior = 1.0 / total_pairs
    else:
        # Expected matches among the candidates, over all possible pairs.
        prior = max(share * len(a), 1.0) / total_pairs
    m = {fld.column: tuple(m_list[f].tolist()) for f, fld in enumerate(prep.fields)}
    return _Fitted(m, u, min(prior, 0.5), len(a), iterations)


def _check_spec(df: pd.DataFrame, spec: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(df, pd.DataFrame):
        raise InputError("dedupe needs a pandas DataFrame")
    if not spec:
        raise InputError("the dedupe spec is empty: map at least one column to a kind")
    return dict(spec)


def _prepared(df: pd.DataFrame, spec: Mapping[str, str]) -> Prepared:
    prep = prepare(df, _check_spec(df, spec))
    _mark_shared(prep)
    return prep


def _model_of(prep: Prepared, fitted: _Fitted) -> Model:
    tables: dict[str, dict[int, float]] = {}
    floors: dict[str, float] = {}
    for fld in prep.fields:
        present = max(fld.n_present, 1)
        floors[fld.column] = 1.0 / present
        if fld.kind not in _TF_KINDS:
            tables[fld.column] = {}
            continue
        seen = np.flatnonzero(fld.counts >= 2)
        tables[fld.column] = {
            _value_hash(fld.values[k]): float(fld.counts[k]) / present for k in seen.tolist()
        }
    return Model(
        spec={fld.column: fld.kind for fld in prep.fields},
        levels={fld.column: LEVELS[fld.kind] for fld in prep.fields},
        m=fitted.m,
        u=fitted.u,
        term_frequencies=tables,
        tf_floor=floors,
        prior=fitted.prior,
        n_rows=prep.n,
        n_candidates=fitted.n_candidates,
        em_iterations=fitted.iterations,
    )


def _params_from_model(prep: Prepared, model: Model) -> _Params:
    """Bind a stored model to a frame; a value's frequency is the larger of model and frame."""
    spec = {fld.column: fld.kind for fld in prep.fields}
    if dict(model.spec) != spec:
        raise InputError("the model was fitted with a different spec; fit it again")
    frequencies: list[np.ndarray[Any, np.dtype[np.float64]] | None] = []
    for current, fld in zip(_frequencies(prep), prep.fields, strict=True):
        if current is None:
            frequencies.append(None)
            continue
        table = model.term_frequencies.get(fld.column, {})
        floor = model.tf_floor.get(fld.column, 0.0)
        stored = np.array([table.get(_value_hash(v), floor) for v in fld.values], dtype=float)
        frequencies.append(np.maximum(current, stored))
    return _bind(prep, model.m, model.u, model.prior, frequencies)


# --- public API ----------------------------------------------------------------------------------


def fit(
    df: pd.DataFrame,
    spec: Mapping[str, str],
    *,
    seed: int = 0,
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
) -> Model:
    """Fit the match model on ``df`` without labels (u from random pairs, m by EM).

    ``spec`` maps columns to kinds (:data:`KINDS`). Deterministic for a given ``seed``.
    """
    prep = _prepared(df, spec)
    a, b = candidate_pairs(prep, max_block=max_block, window=window)
    return _model_of(prep, _fit(prep, a, b, seed=seed))


def _frame(prep: Prepared, params: _Params, scored: _Scored) -> pd.DataFrame:
    """The scored pairs as the documented DataFrame."""
    out: dict[str, Any] = {
        "i": scored.a,
        "j": scored.b,
        "probability": scored.probability,
        "weight": scored.logit - params.prior_logit,
    }
    for f, fld in enumerate(prep.fields):
        labels = (*LEVELS[fld.kind], "null", "shared_identifier")
        codes = scored.levels[f].astype(np.int64)
        codes = np.where(codes == NULL, len(labels) - 2, codes)
        codes = np.where(codes == SHARED, len(labels) - 1, codes)
        out[f"{fld.column}__level"] = pd.Categorical.from_codes(codes, categories=pd.Index(labels))
        out[f"{fld.column}__weight"] = _weights_of(
            params, prep, f, scored.levels[f], scored.a, scored.b
        )
    out["conflict"] = pd.Categorical.from_codes(
        scored.conflict.astype(np.int64), categories=pd.Index(_CONFLICTS)
    )
    return pd.DataFrame(out)


def score_pairs(
    df: pd.DataFrame,
    spec: Mapping[str, str],
    model: Model,
    *,
    new: np.ndarray[Any, Any] | None = None,
    candidates: tuple[Iterable[int], Iterable[int]] | None = None,
    min_probability: float = 0.0,
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
) -> pd.DataFrame:
    """Score the candidate pairs of ``df`` (blocking) with a fitted model.

    Columns: ``i``, ``j`` (row positions, i < j), ``probability`` (calibrated; 0 when a rule
    in ``conflict`` vetoes the pair), ``weight`` (total log2 Bayes factor, prior excluded),
    and per spec column ``<column>__level`` and ``<column>__weight``; ``conflict`` names the
    rule that vetoed a pair (``name_conflict``, ``company_conflict``, ``generation_conflict``:
    Jr. against Sr.; probability 0) or left
    it undecided (``identifier_conflict``; probability at most 0.5), or is missing.

    ``new`` (bool per row) keeps only pairs with at least one new row (incremental dedupe).
    ``candidates`` (two sequences of row positions) scores those pairs instead of blocking.
    ``min_probability`` drops pairs below it (and skips work on pairs that cannot reach it).
    """
    prep = _prepared(df, spec)
    params = _params_from_model(prep, model)
    new_mask = None
    if new is not None:
        new_mask = np.asarray(new, dtype=bool).reshape(-1)
        if len(new_mask) != prep.n:
            raise InputError(f"new has {len(new_mask)} flags for {prep.n} rows")
    if candidates is not None:
        ca = np.asarray(list(candidates[0]), dtype=np.int64)
        cb = np.asarray(list(candidates[1]), dtype=np.int64)
        if len(ca) != len(cb) or (
            len(ca) and (min(ca.min(), cb.min()) < 0 or max(ca.max(), cb.max()) >= prep.n)
        ):
            raise InputError("candidates must be two equally long lists of row positions")
        ok = ca != cb
        codes = distinct(np.minimum(ca[ok], cb[ok]) * prep.n + np.maximum(ca[ok], cb[ok]))
        a, b = codes // max(prep.n, 1), codes % max(prep.n, 1)
        if new_mask is not None:
            hit = new_mask[a] | new_mask[b]
            a, b = a[hit], b[hit]
    else:
        a, b = candidate_pairs(prep, max_block=max_block, window=window, new=new_mask)
    floor = min_probability if min_probability > 0 else None
    scored = _score_chunked(prep, params, a, b, floor=floor)
    return _frame(prep, params, scored)


def cluster_pairs(
    n: int,
    pairs: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    linkage: float = DEFAULT_LINKAGE,
    max_size: int = DEFAULT_MAX_SIZE,
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Cluster label per row 0..n-1 from scored pairs (``i``, ``j``, ``probability``).

    Rule (it must not chain): rows are clustered only within a connected component of the
    pairs at or above ``threshold``, and inside it by average linkage: groups merge, best
    first, while the mean probability over *all* row pairs between them is at least
    ``linkage`` (a pair missing from ``pairs`` counts as 0) and the result has at most
    ``max_size`` rows; a pair with a ``conflict`` (if the column is given) counts as 0, and
    an ``identifier_conflict`` or ``generation_conflict`` pair is a cannot-link as well. A
    chain A~B~C~... cannot grow, because joining its halves needs most
    cross pairs to match; run :func:`complete_pairs` first so that pairs blocking never
    produced are scored rather than counted as 0. ``must_link`` pairs start in one group; a
    ``cannot_link`` pair never ends up in one cluster, even through other rows (a conflict
    between the two raises ValueError). Labels count up in order of each cluster's first row.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if not 0 < threshold <= 1 or not 0 < linkage <= threshold:
        raise ValueError("need 0 < linkage <= threshold <= 1")
    for column in ("i", "j", "probability"):
        if column not in pairs.columns:
            raise ValueError(f"pairs needs a column {column!r}")
    a = pairs["i"].to_numpy(dtype=np.int64)
    b = pairs["j"].to_numpy(dtype=np.int64)
    p = pd.to_numeric(pairs["probability"]).to_numpy(dtype=np.float64, na_value=0.0)
    must = [(int(x), int(y)) for x, y in must_link]
    cannot = [(int(x), int(y)) for x, y in cannot_link]
    if len(a) and (min(a.min(), b.min()) < 0 or max(a.max(), b.max()) >= n):
        raise ValueError(f"pairs name a row outside 0..{n - 1}")
    if "conflict" in pairs.columns:
        # A vetoed or undecided pair never pulls two groups together; two people told apart by
        # their identifiers or generations stay apart through other rows too (unless a person
        # already put them in one lead: a must-link wins).
        conflict = pairs["conflict"]
        p = np.where(conflict.notna().to_numpy(), 0.0, p)
        firm = np.flatnonzero(conflict.isin(_APART).to_numpy())
        if len(firm):
            pinned = np.array(must, dtype=np.int64).reshape(-1, 2)
            group = components(n, pinned[:, 0], pinned[:, 1])
            firm = firm[group[a[firm]] != group[b[firm]]]
            cannot += list(zip(a[firm].tolist(), b[firm].tolist(), strict=True))
    return link(
        n,
        a,
        b,
        np.nan_to_num(p, nan=0.0),
        threshold=threshold,
        linkage=linkage,
        must_link=must,
        cannot_link=cannot,
        max_size=max_size,
    )


def _component_pairs(
    n: int,
    a: Codes,
    b: Codes,
    p: np.ndarray[Any, np.dtype[np.float64]],
    threshold: float,
    must_link: Iterable[tuple[int, int]] = (),
    max_rows: int = _COMPLETE_MAX,
) -> tuple[Codes, Codes]:
    """Row pairs missing from (a, b) inside small linked components (not within must-links)."""
    must = np.array([tuple(map(int, x)) for x in must_link], dtype=np.int64).reshape(-1, 2)
    group = components(n, must[:, 0], must[:, 1])
    strong = p >= threshold
    comp = components(
        n, np.concatenate([a[strong], must[:, 0]]), np.concatenate([b[strong], must[:, 1]])
    )
    size = np.bincount(comp, minlength=n)
    # Components made of one must-link group alone (an existing lead) have nothing to add.
    roots = np.flatnonzero(group == np.arange(n))
    groups_in = np.bincount(comp[roots], minlength=n)
    rows = np.flatnonzero((size[comp] >= 3) & (size[comp] <= max_rows) & (groups_in[comp] >= 2))
    if not len(rows):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    rows = rows[np.argsort(comp[rows], kind="stable")]
    ea, eb = pairs_within_groups(rows, comp[rows], max_block=max_rows, window=max_rows)
    apart = group[ea] != group[eb]
    ea, eb = ea[apart], eb[apart]
    known = np.sort(np.minimum(a, b) * np.int64(n) + np.maximum(a, b))
    codes = ea * np.int64(n) + eb
    at = np.minimum(np.searchsorted(known, codes), max(len(known) - 1, 0))
    missing = known[at] != codes if len(known) else np.ones(len(codes), dtype=bool)
    return ea[missing], eb[missing]


def complete_pairs(
    df: pd.DataFrame,
    spec: Mapping[str, str],
    model: Model,
    pairs: pd.DataFrame,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    must_link: Iterable[tuple[int, int]] = (),
    max_rows: int = DEFAULT_MAX_SIZE,
) -> pd.DataFrame:
    """``pairs`` plus the scores of the row pairs still missing inside each linked group.

    Blocking does not compare every two rows of a would-be cluster; :func:`cluster_pairs`
    counts an unscored pair as 0, which is what stops chaining but would also split a
    person whose records were only partly compared. This scores the missing pairs inside
    each connected component (pairs at or above ``threshold`` plus ``must_link``) of at
    most ``max_rows`` rows, except pairs within one must-link group.
    """
    prep = _prepared(df, spec)
    params = _params_from_model(prep, model)
    ea, eb = _component_pairs(
        prep.n,
        pairs["i"].to_numpy(dtype=np.int64),
        pairs["j"].to_numpy(dtype=np.int64),
        pd.to_numeric(pairs["probability"]).to_numpy(dtype=np.float64, na_value=0.0),
        threshold,
        must_link,
        max_rows,
    )
    if not len(ea):
        return pairs
    extra = _frame(prep, params, _score_chunked(prep, params, ea, eb, floor=None))
    return pd.concat([pairs, extra], ignore_index=True)


def cluster(
    df: pd.DataFrame,
    spec: Mapping[str, str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    model: Model | None = None,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    linkage: float = DEFAULT_LINKAGE,
    max_size: int = DEFAULT_MAX_SIZE,
    seed: int = 0,
    max_block: int = MAX_BLOCK,
    window: int = WINDOW,
) -> pd.Series:
    """One cluster id (int) per row of ``df``, in row order: rows with one id are one person.

    Fits a model on ``df`` unless ``model`` is given, scores the blocked candidate pairs,
    scores the missing pairs inside small linked groups (:func:`complete_pairs`) and clusters
    with :func:`cluster_pairs` (``must_link``/``cannot_link`` are row positions).
    """
    must = list(must_link)
    prep = _prepared(df, spec)
    a, b = candidate_pairs(prep, max_block=max_block, window=window)
    if model is None:
        fitted = _fit(prep, a, b, seed=seed)
        params = _bind(prep, fitted.m, fitted.u, fitted.prior, _frequencies(prep))
    else:
        params = _params_from_model(prep, model)
    scored = _score_chunked(prep, params, a, b, floor=_FLOOR)
    del a, b
    ea, eb = _component_pairs(
        prep.n, scored.a, scored.b, scored.probability, threshold, must, _COMPLETE_MAX
    )
    extra = _score_chunked(prep, params, ea, eb, floor=_FLOOR)
    labels = cluster_pairs(
        prep.n,
        pd.DataFrame(
            {
                "i": np.concatenate([scored.a, extra.a]),
                "j": np.concatenate([scored.b, extra.b]),
                "probability": np.concatenate([scored.probability, extra.probability]),
                "conflict": pd.Categorical.from_codes(
                    np.concatenate([scored.conflict, extra.conflict]).astype(np.int64),
                    categories=pd.Index(_CONFLICTS),
                ),
            }
        ),
        threshold=threshold,
        must_link=must,
        cannot_link=cannot_link,
        linkage=linkage,
        max_size=max_size,
    )
    return pd.Series(labels, index=df.index, name="cluster", dtype=np.int64)


def febrl_adapter(df: pd.DataFrame) -> pd.Series:
    """The benchmark harness hook: FEBRL columns (see :data:`FEBRL_SPEC`) → cluster ids."""
    return cluster(df, FEBRL_SPEC)
