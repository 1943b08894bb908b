"""Column preparation: each spec column becomes integer codes over its distinct match forms.

Everything later (blocking, comparison, term frequencies) works on these codes, so every string
operation runs once per distinct value, never once per row or per pair.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from leadguard.errors import InputError
from leadguard.normalize._text import as_text, clean_cell, match_text
from leadguard.normalize.companies import registrable_domain

__all__ = [
    "COMPANION_KINDS",
    "IDENTIFIER_KINDS",
    "KINDS",
    "NAME_KINDS",
    "Field",
    "Prepared",
    "prepare",
]

KINDS: Final = (
    "given_name",
    "surname",
    "full_name",
    "company",
    "email",
    "phone",
    "date",
    "street",
    "city",
    "postcode",
    "region",
    "exact",
)
COMPANION_KINDS: Final = ("domain", "suffix")
"""Kinds that are not compared on their own but inform another column's comparison:
``domain`` (a work e-mail address or web domain) is evidence for the ``company`` column;
``suffix`` (a generational suffix: Jr., Sr., II) tells a father from a son — two different
suffixes are two people, a suffix on one side only is no evidence."""
NAME_KINDS: Final = frozenset({"given_name", "surname"})
IDENTIFIER_KINDS: Final = frozenset({"email", "phone"})

Codes = np.ndarray[Any, np.dtype[np.int64]]
Objects = np.ndarray[Any, np.dtype[np.object_]]


@dataclass(slots=True)
class Field:
    """One spec column: a code per row (-1 = empty) into its distinct match forms."""

    column: str
    kind: str
    codes: Codes
    values: Objects
    """Distinct match forms; ``values[code]``. Name columns share one vocabulary."""
    counts: Codes
    """Rows of this column holding each value (zero for another name column's values)."""
    shared: np.ndarray[Any, np.dtype[np.bool_]] | None = None
    """Identifier columns: True for a value that several different people use."""
    cache: dict[str, Any] = field(default_factory=dict)
    """Per-value arrays derived on first use by the comparison functions."""

    @property
    def n_present(self) -> int:
        """Rows with a value."""
        return int(self.counts.sum())


@dataclass(slots=True)
class Prepared:
    """The frame as dedupe sees it: one :class:`Field` per spec column, in spec order."""

    n: int
    fields: list[Field]
    given: int | None
    """Index of the first given_name field (first/last swaps are checked against surname)."""
    surname: int | None
    cache: dict[str, Any] = field(default_factory=dict)
    domain: Field | None = None
    """The organisation's domain per row (from a ``domain`` column, else from the e-mail
    columns); free-mail providers are empty. Evidence for ``company``, not a column of its own."""
    suffix: Field | None = None
    """The generational suffix per row (a ``suffix`` column), for the name rule only."""


# --- per-kind match forms ----------------------------------------------------------------------

_NON_DIGIT: Final = re.compile(r"\D+")
_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")
_ISO_DATE: Final = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_EU_DATE: Final = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_FLOAT_INT: Final = re.compile(r"^(\d+)\.0+$")


def _text_form(text: str) -> str | None:
    return match_text(text) or None


def _email_form(text: str) -> str | None:
    return text.strip().lower() or None


def _phone_form(text: str) -> str | None:
    # E.164 without its "+": only the digits identify a line. Fewer than 5 digits is an
    # extension or noise, not a number.
    digits = _NON_DIGIT.sub("", text)
    return digits if len(digits) >= 5 else None


def _date_form(text: str) -> str | None:
    """YYYYMMDD for the spellings lists use (ISO, day-first European, Excel floats)."""
    text = text.strip()
    whole = _FLOAT_INT.match(text)
    if whole:
        text = whole.group(1)
    found = _ISO_DATE.search(text)
    if found:
        y, m, d = found.groups()
        return f"{y}{int(m):02d}{int(d):02d}"
    found = _EU_DATE.search(text)
    if found:
        d, m, y = found.groups()
        return f"{y}{int(m):02d}{int(d):02d}"
    digits = _NON_DIGIT.sub("", text)
    return digits if len(digits) >= 4 else None


def _postcode_form(text: str) -> str | None:
    return _NON_ALNUM.sub("", text.lower()) or None


def _domain_form(text: str) -> str | None:
    # An address or a domain: its registrable domain; free-mail providers are no organisation.
    return registrable_domain(text)


def _exact_form(text: str) -> str | None:
    # Exact up to what spreadsheets vary anyway: spacing and letter case (Sales manager).
    return clean_cell(text).casefold() or None


_FORMS: Final[dict[str, Callable[[str], str | None]]] = {
    "given_name": _text_form,
    "surname": _text_form,
    "full_name": _text_form,
    "company": _text_form,
    "email": _email_form,
    "phone": _phone_form,
    "date": _date_form,
    "street": _text_form,
    "city": _text_form,
    "postcode": _postcode_form,
    "region": _text_form,
    "exact": _exact_form,
    "domain": _domain_form,
    "suffix": _exact_form,
}


def _safe_form(form: Callable[[str], str | None], value: object) -> str | None:
    """The match form of one cell; a cell that cannot be read is empty, never an error."""
    try:
        text = value if type(value) is str else as_text(value)
        return None if text is None else form(text)
    except Exception:  # a value whose str() fails (or any oddity) is treated as missing
        return None


def _factorize_raw(values: pd.Series) -> tuple[np.ndarray[Any, Any], Objects]:
    """Codes and distinct raw values; unhashable cells are read through their text form."""
    try:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    except TypeError:
        texts = [_safe_form(lambda t: t, v) for v in values.to_numpy(dtype=object)]
        codes, uniques = pd.factorize(pd.Series(texts, dtype=object), use_na_sentinel=True)
    return np.asarray(codes), np.asarray(uniques, dtype=object)


def _forms(values: pd.Series, kind: str) -> tuple[np.ndarray[Any, Any], Objects]:
    """Per row: code of the raw value; per raw value: its match form (None = empty)."""
    raw_codes, raw_uniques = _factorize_raw(values)
    form = _FORMS[kind]
    forms = np.array([_safe_form(form, v) for v in raw_uniques], dtype=object)
    return raw_codes, forms


def _encode(raw_codes: np.ndarray[Any, Any], forms: Objects, vocabulary: pd.Index) -> Codes:
    """Row codes into ``vocabulary`` (-1 for an empty cell or an empty match form)."""
    mapped = np.append(vocabulary.get_indexer(pd.Index(forms, dtype=object)), -1)
    mapped[:-1][pd.isna(forms)] = -1
    codes: Codes = mapped[raw_codes].astype(np.int64)  # raw code -1 picks the appended -1
    return codes


def prepare(df: pd.DataFrame, spec: Mapping[str, str]) -> Prepared:
    """Codes and match forms for every spec column of ``df``."""
    for column, kind in spec.items():
        if kind not in _FORMS:
            known = ", ".join((*KINDS, *COMPANION_KINDS))
            raise InputError(f"unknown dedupe kind {kind!r}; use one of {known}")
        if column not in df.columns:
            raise InputError("the spec names a column the frame does not have", column=column)
    n = len(df)
    forms = {column: _forms(df[column], kind) for column, kind in spec.items()}

    # Given names and surnames share one vocabulary so that a first/last swap is a plain code
    # comparison across the two columns.
    name_columns = [c for c, k in spec.items() if k in NAME_KINDS]
    joint: pd.Index | None = None
    if name_columns:
        pooled = pd.unique(np.concatenate([forms[c][1] for c in name_columns]))
        joint = pd.Index([v for v in pooled if v is not None], dtype=object)

    fields: list[Field] = []
    companions: list[Field] = []
    for column, kind in spec.items():
        raw_codes, column_forms = forms[column]
        if kind in NAME_KINDS and joint is not None:
            vocabulary = joint
        else:
            present = pd.unique(column_forms[pd.notna(column_forms)])
            vocabulary = pd.Index(present, dtype=object)
        codes = _encode(raw_codes, column_forms, vocabulary)
        counts = np.bincount(codes[codes >= 0], minlength=len(vocabulary)).astype(np.int64)
        values = np.asarray(vocabulary, dtype=object)
        target = companions if kind in COMPANION_KINDS else fields
        target.append(Field(column, kind, codes, values, counts))
    for companion in COMPANION_KINDS:
        if sum(c.kind == companion for c in companions) > 1:
            raise InputError(f"the spec names more than one {companion} column; keep one")
    given = next((i for i, f in enumerate(fields) if f.kind == "given_name"), None)
    surname = next((i for i, f in enumerate(fields) if f.kind == "surname"), None)
    domain = next((c for c in companions if c.kind == "domain"), None)
    suffix = next((c for c in companions if c.kind == "suffix"), None)
    if domain is None:
        domain = _email_domains(fields, n)
    return Prepared(n, fields, given, surname, domain=domain, suffix=suffix)


def _email_domains(fields: list[Field], n: int) -> Field | None:
    """Each row's organisation domain from its first e-mail column that has one (no free mail)."""
    emails = [f for f in fields if f.kind == "email"]
    if not emails:
        return None
    per_row = pd.Series([None] * n, dtype=object)
    for fld in emails:
        if not len(fld.values):
            continue
        # Once per distinct domain, not per address.
        hosts, host_values = pd.factorize(pd.Series([v.rsplit("@", 1)[-1] for v in fld.values]))
        domains = np.array([registrable_domain(h) for h in host_values], dtype=object)[hosts]
        rows = pd.Series(domains[np.maximum(fld.codes, 0)], dtype=object).where(fld.codes >= 0)
        per_row = per_row.where(per_row.notna(), rows)
    raw_codes, uniques = pd.factorize(per_row, use_na_sentinel=True)
    codes = np.asarray(raw_codes, dtype=np.int64)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).astype(np.int64)
    return Field(emails[0].column, "domain", codes, np.asarray(uniques, dtype=object), counts)
