"""Turn a read table and its column mapping into sighting rows: raw values, normalized values,
acquisition dates, per-row provenance and a status — DataFrame work only, no storage.

Each distinct value is normalized once (lists repeat switchboards, domains, companies and names),
and nothing is dropped: a row that cannot identify anybody is kept as quarantined with a reason.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadguard.ingest.dates import parse_dates
from leadguard.ingest.mapping import FIELDS, ColumnMapping, parse_consent, parse_source_kind
from leadguard.ingest.readers import RawTable
from leadguard.normalize import (
    normalize_company,
    normalize_country,
    normalize_emails,
    normalize_person_name,
    normalize_phones,
)
from leadguard.normalize._text import as_text, clean_cell
from leadguard.registers import PUBLIC_BY_NATURE

__all__ = ["RAW_FIELDS", "PreparedBatch", "prepare"]

RAW_FIELDS = FIELDS
"""Fields whose cell is kept verbatim as ``raw_<field>`` on each sighting."""

_ALWAYS = frozenset({"row_number", "status", "reason", "acquired_on", "acquired_on_origin"})

NO_IDENTIFIER = "no usable identifier (no valid e-mail, no valid phone, no name with company)"


@dataclass(frozen=True)
class PreparedBatch:
    """Sighting rows ready to store, the consent answers they carried, and what to tell the user."""

    sightings: pd.DataFrame
    consents: pd.DataFrame
    warnings: tuple[str, ...]


def _column(table: RawTable, mapping: ColumnMapping, field: str) -> pd.Series:
    column = mapping.fields.get(field)
    if column is None:
        return pd.Series([None] * len(table.frame), index=table.frame.index, dtype=object)
    return table.frame[column].astype(object)


def _expand(
    results: Sequence[Any], empty: Any, codes: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    """One result per row from one per distinct value (code -1, an empty cell, gets ``empty``)."""
    table = np.empty(len(results) + 1, dtype=object)
    for i, result in enumerate(results):  # element by element: results may be tuples
        table[i] = result
    table[-1] = empty
    expanded: np.ndarray[Any, Any] = table[codes]
    return expanded


def _per_distinct(values: pd.Series, fn: Callable[[Any], Any]) -> np.ndarray[Any, Any]:
    """``fn`` applied once per distinct value, expanded back to one result per row."""
    if values.isna().all():
        return np.full(len(values), fn(None), dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return _expand([fn(v) for v in uniques], fn(None), codes)


def _clean_one(value: Any) -> str | None:
    text = as_text(value)
    if text is None:
        return None
    return clean_cell(text) or None


def _clean(values: pd.Series) -> np.ndarray[Any, Any]:
    """Trimmed display text per cell (formula-like text stays verbatim), None for empty cells."""
    return _per_distinct(values, _clean_one)


def _attributes(
    parsed: Sequence[Any], empty: Any, codes: np.ndarray[Any, Any], names: Mapping[str, str]
) -> dict[str, np.ndarray[Any, Any]]:
    """Columns of attributes of per-distinct results, one row per input: {column: attribute}.
    ``empty`` is the result for an empty cell (code -1), or None where no code is -1."""
    return {
        column: _expand(
            [getattr(p, attr) for p in parsed],
            None if empty is None else getattr(empty, attr),
            codes,
        )
        for column, attr in names.items()
    }


def _any_present(values: np.ndarray[Any, Any]) -> bool:
    """Whether any cell holds a value; a filled column answers from its first cells."""
    return bool(pd.notna(values[:1000]).any() or pd.notna(values).any())


def prepare(
    table: RawTable,
    mapping: ColumnMapping,
    *,
    country: str | None,
    source_public: bool,
    default_acquired_on: date | None,
    import_date: date,
    known_sources: Mapping[str, tuple[str, bool]] | None = None,
    step: Callable[[str], None] | None = None,
) -> PreparedBatch:
    """Build the sighting and consent rows of one batch (see the module docstring).

    Args:
        table: the file as read, one row per data record.
        mapping: which column holds which field, and the consent questions.
        country: ISO code used where a row has no country of its own (and as the phone hint).
        source_public: the batch source's publicly-accessible flag, inherited by each row.
        default_acquired_on: the source's default acquisition date, for rows without one.
        import_date: the acquisition date of last resort.
        known_sources: registered sources by lower-cased name → (kind, publicly accessible), to
            give a research sheet's per-row source its registered flag.
        step: called with a label after each stage of the work (a progress bar).
    """
    done = step or (lambda _label: None)
    frame = table.frame
    n = len(frame)
    index = frame.index
    warnings: list[str] = []
    raw = {f: _column(table, mapping, f) for f in RAW_FIELDS}
    out: dict[str, Any] = {"row_number": np.asarray(table.row_numbers, dtype=np.int64)}
    for f in RAW_FIELDS:
        out[f"raw_{f}"] = raw[f].to_numpy(dtype=object)

    # Country: the row's own, else the batch's; it is also the region hint for phone numbers.
    row_country = pd.Series(_per_distinct(raw["country"], normalize_country), index=index)
    fallback = normalize_country(country) if country else None
    countries = row_country.where(row_country.notna(), fallback)
    out["country"] = countries.to_numpy(dtype=object)

    done("countries")
    emails = normalize_emails(raw["email"])
    done("e-mails")
    out["email"] = emails["normalized"].to_numpy(dtype=object)
    out["email_key"] = emails["match_key"].to_numpy(dtype=object)
    out["email_domain"] = emails["domain"].to_numpy(dtype=object)
    out["email_role"] = emails["role_account"].where(emails["valid"], None).to_numpy(dtype=object)
    out["email_reason"] = (
        emails["reason"].where(raw["email"].notna() & ~emails["valid"], None).to_numpy(dtype=object)
    )

    for field in ("phone", "mobile"):
        phones = normalize_phones(raw[field], countries)
        # "empty" is the reason for exactly the cells with nothing in them (blank, invisible).
        present = phones["reason"] != "empty"
        out[field] = phones["e164"].to_numpy(dtype=object)
        out[f"{field}_extension"] = phones["extension"].to_numpy(dtype=object)
        out[f"{field}_region"] = phones["region"].to_numpy(dtype=object)
        out[f"{field}_reason"] = (
            phones["reason"].where(present & ~phones["valid"], None).to_numpy(dtype=object)
        )
        done(f"{field}s")

    names = _names(raw["first_name"], raw["last_name"], raw["full_name"])
    out.update(names)
    done("names")
    company_codes, company_uniques = pd.factorize(raw["company"], use_na_sentinel=True)
    out.update(
        _attributes(
            [normalize_company(v) for v in company_uniques],
            normalize_company(None),
            company_codes,
            {"company": "display", "company_key": "match_key"},
        )
    )
    for f in ("job_title", "city", "postal_address", "street", "postcode", "linkedin_url"):
        out[f] = _clean(raw[f])
    out["website"] = _clean(raw["website"])
    done("companies")

    # Per-row provenance (a research sheet records where each row was found).
    kinds = pd.Series(_per_distinct(raw["source_kind"], parse_source_kind), index=index)
    out["row_source_kind"] = kinds.to_numpy(dtype=object)
    out["row_source_url"] = _clean(raw["source_url"])
    out["publicly_accessible"] = _public_flags(
        raw["source_kind"], kinds, source_public, known_sources
    )

    acquired, origin, date_warnings = _acquisition_dates(
        raw["acquired_on"], mapping, default_acquired_on, import_date
    )
    warnings += date_warnings
    out["acquired_on"] = acquired
    out["acquired_on_origin"] = origin

    done("dates")
    status, reason = _status(table, out, n)
    out["status"] = status
    out["reason"] = reason
    # Columns no row fills are left out (the ledger stores NULL for them), and the arrays are
    # taken as they are: a million-row batch must not be held in memory twice.
    filled = {k: v for k, v in out.items() if k in _ALWAYS or _any_present(v)}
    out.clear()
    # Each column as the array it is (object columns stay object: letting pandas infer its
    # string dtype would check every cell again, two-thirds of a second per million rows).
    sightings = pd.DataFrame(
        {k: pd.Series(v, dtype=v.dtype, copy=False) for k, v in filled.items()}, copy=False
    )
    del filled
    consents = _consents(table, mapping, sightings)
    return PreparedBatch(sightings=sightings, consents=consents, warnings=tuple(warnings))


def _names(first: pd.Series, last: pd.Series, full: pd.Series) -> dict[str, np.ndarray[Any, Any]]:
    """Display and match forms of each row's name, one parse per distinct (first, last, full)."""
    # The three columns' codes combined into one integer per row, factorized again: hashing
    # a million small integers is far cheaper than a million tuples of strings.
    factorized = [pd.factorize(values, use_na_sentinel=True) for values in (first, last, full)]
    parts = [uniques.to_numpy(dtype=object) for _, uniques in factorized]
    sizes = [len(u) + 1 for u in parts]
    if math.prod(sizes) >= 2**62:  # beyond int64: factorize the tuples themselves
        tuples = pd.Series(list(zip(first, last, full, strict=True)), dtype=object)
        codes, uniques = pd.factorize(tuples)
        return _name_columns([normalize_person_name(*k) for k in uniques], codes)
    combined = np.zeros(len(first), dtype=np.int64)
    for (codes_, _), size in zip(factorized, sizes, strict=True):
        combined = combined * size + (codes_ + 1)
    codes, combos = pd.factorize(combined)
    # Digits of each combination back to the three values (None where the cell is empty).
    keys = []
    for combo in combos.tolist():
        cells: list[Any] = []
        for size, uniques in zip(reversed(sizes), reversed(parts), strict=True):
            combo, digit = divmod(combo, size)
            cells.append(uniques[digit - 1] if digit else None)
        keys.append(tuple(reversed(cells)))
    return _name_columns([normalize_person_name(*k) for k in keys], codes)


_NAME_COLUMNS = {
    "first_name": "first",
    "last_name": "last",
    "name_title": "title",
    "name_match": "match_full",
    "first_match": "match_first",
    "last_match": "match_last",
    "name_suffix": "suffix",
}


def _name_columns(parsed: Sequence[Any], codes: np.ndarray[Any, Any]) -> dict[str, Any]:
    """The name columns of every row from the parsed names of its (first, last, full) code
    (every row has a code: an all-empty name is one of the combinations)."""
    return _attributes(parsed, None, codes, _NAME_COLUMNS)


def _public_flags(
    raw_kind: pd.Series,
    kinds: pd.Series,
    source_public: bool,
    known_sources: Mapping[str, tuple[str, bool]] | None,
) -> np.ndarray[Any, Any]:
    """Each row's publicly-accessible flag: a registered source of that name, else the kind's
    nature (registries and company sites are public), else the batch source's flag."""
    known = known_sources or {}

    def flag(pair: tuple[Any, Any]) -> bool:
        text, kind = pair
        if text is not None:
            hit = known.get(clean_cell(str(text)).lower())
            if hit is not None:
                return hit[1]
        if kind in PUBLIC_BY_NATURE:
            return True
        return source_public

    if raw_kind.isna().all() and kinds.isna().all():
        return np.full(len(raw_kind), source_public, dtype=bool)
    pairs = pd.Series(list(zip(raw_kind, kinds, strict=True)), dtype=object)
    return np.array(_per_distinct(pairs, lambda p: flag(p) if p else source_public), dtype=bool)


def _acquisition_dates(
    raw_dates: pd.Series,
    mapping: ColumnMapping,
    default_acquired_on: date | None,
    import_date: date,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], list[str]]:
    """Row date when the file has one, else the source's default, else the import date."""
    n = len(raw_dates)
    warnings: list[str] = []
    fallback, fallback_origin = (
        (default_acquired_on, "source") if default_acquired_on else (import_date, "import")
    )
    if "acquired_on" in mapping.fields:
        # Column-wise reading (day-first or month-first is decided from the whole column), done
        # once per distinct value: a list's dates repeat (one event, a few registration days).
        codes, uniques = pd.factorize(raw_dates, use_na_sentinel=True)
        texts = [as_text(u) for u in uniques]
        parsed, bad = parse_dates(texts, column=mapping.fields["acquired_on"])
        dates = _expand(parsed, None, codes)
        problems = int(np.isin(codes, np.fromiter(bad, dtype=np.int64, count=len(bad))).sum())
        if problems:
            warnings.append(
                f"{problems} row(s): the date in column {mapping.fields['acquired_on']!r} "
                f"could not be read; the {fallback_origin} date was used"
            )
    else:
        dates = np.full(n, None, dtype=object)
    found = pd.notna(dates)
    acquired = np.where(found, dates, np.array(fallback, dtype=object)).astype(object)
    origin = np.where(found, "row", fallback_origin).astype(object)
    return acquired, origin, warnings


def _status(
    table: RawTable, out: Mapping[str, Any], n: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """'ok', or 'quarantined' with the reason: a reader problem, or nothing to identify anyone."""
    has_email = pd.notna(out["email"])
    has_phone = pd.notna(out["phone"]) | pd.notna(out["mobile"])
    has_name_company = pd.notna(out["name_match"]) & pd.notna(out["company_key"])
    usable = has_email | has_phone | has_name_company
    status = np.where(usable, "ok", "quarantined").astype(object)
    reason = np.full(len(usable), None, dtype=object)
    reason[~np.asarray(usable, dtype=bool)] = NO_IDENTIFIER
    if table.row_problems:
        position = {r: i for i, r in enumerate(out["row_number"].tolist())}
        for row_number, problem in table.row_problems.items():
            i = position.get(row_number)
            if i is not None:
                status[i] = "quarantined"
                reason[i] = problem
    return status, reason


def _answered(value: Any) -> bool:
    text = as_text(value)
    return bool(text and text.strip())


def _consents(table: RawTable, mapping: ColumnMapping, sightings: pd.DataFrame) -> pd.DataFrame:
    """One row per answered marketing question: the question and answer verbatim, read as yes/no."""
    parts = []
    for consent in mapping.consent:
        answers = table.frame[consent.column].astype(object)
        present = answers.map(_answered)
        if not present.any():
            continue
        chosen = answers[present]
        parts.append(
            pd.DataFrame(
                {
                    "row_number": sightings["row_number"].to_numpy()[present.to_numpy()],
                    "question": consent.column,
                    "answer": chosen.map(lambda v: clean_cell(str(v))).to_numpy(dtype=object),
                    "consent": np.array(_per_distinct(chosen, parse_consent), dtype=object),
                    "channel": consent.channel,
                    "answered_on": sightings["acquired_on"].to_numpy()[present.to_numpy()],
                }
            )
        )
    if not parts:
        return pd.DataFrame(
            columns=["row_number", "question", "answer", "consent", "channel", "answered_on"]
        )
    return pd.concat(parts, ignore_index=True)
