"""Vendor files for an approved export: each vendor's import columns, written safely.

The export gate decides which leads may go to a vendor; this module only writes the rows it
approved, in the layout the vendor's import expects, and a manifest beside the file that says
what was written.

Safety, in order of the steps a row goes through:

* Spreadsheet formulas (CSV injection): free text that starts with ``=``, ``+``, ``-``, ``@``,
  TAB or CR gets a leading apostrophe (:func:`neutralize_cell`). Columns that were validated
  before the gate (:data:`SAFE_COLUMNS`: lead id, e-mail, E.164 phones, country, ids, dates) pass
  unchanged; an E.164 number starts with ``+`` and is not a formula. A value in such a column that
  still starts with a formula character (an e-mail address may, in theory, start with ``-`` or
  ``=``) is neutralized like free text, and :func:`write_export` leaves its row out: an altered
  address would be a wrong one.
* Fields holding a comma, a double quote, LF or CR are quoted (RFC 4180). Python's ``csv`` module
  leaves a lone CR bare when lines end in ``\\n``; spreadsheets read a bare CR as a line break,
  which would start a new row, and a new first cell, in the middle of a neutralized value.
* The file is written to a temporary file in the same folder and moved into place with
  :func:`os.replace` only when complete: a failed export leaves no half-written file, and an
  older file of the same name stays as it was. The file is readable and writable by its owner
  only (mode 0600, where the platform has modes): it holds personal data.
* Rows a vendor cannot take are not written and not altered: they come back in
  :attr:`WrittenExport.dropped` with their lead id and a reason (never a cell value).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from leadguard._version import __version__
from leadguard.errors import ConfigError, InputError
from leadguard.registers import BasisKind, Channel

__all__ = [
    "EXPORT_FORMATS",
    "SAFE_COLUMNS",
    "WrittenExport",
    "guarded",
    "neutralize_cell",
    "vendor_frame",
    "write_export",
    "write_manifest",
    "write_table",
]

EXPORT_FORMATS = ("csv", "parquet", "hubspot", "mailchimp", "salesforce")
"""The formats :func:`write_export` writes."""

SAFE_COLUMNS: frozenset[str] = frozenset(
    {
        "leadguard_id",
        "lead_id",
        "email",
        "phone",
        "mobile",
        "country",
        "basis_id",
        "source_id",
        "acquired_on",
        "first_acquired_on",
        "last_acquired_on",
        "notice_due",
    }
)
"""Input columns whose values were validated before the gate and pass unchanged.

The lead id, the normalized e-mail address, E.164 phone numbers (which start with ``+``), the ISO
country code, ids and dates. Every other column is free text and is neutralized.
"""

# The columns the gate hands over (notice_due and notice_text only when a notice is due).
INPUT_COLUMNS = (
    "leadguard_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "mobile",
    "company",
    "job_title",
    "country",
    "city",
    "basis",
    "basis_kind",
)
_NOTICE_COLUMNS = {"notice_due": "leadguard_notice_due", "notice_text": "leadguard_notice"}

# OWASP's list of the first characters that make a spreadsheet read a cell as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_PHONE_COLUMNS = frozenset({"phone", "mobile"})

# HubSpot's contact property "Legal basis for processing contact's data" (hs_legal_basis): its
# option strings, exactly. The options are listed in HubSpot's knowledge base, "Track lawful basis
# of processing in HubSpot":
# https://knowledge.hubspot.com/articles/kcs_article/contacts/how-can-i-track-lawful-basis-of-processing-in-hubspot
# ("Legitimate interest - prospect/lead", "Legitimate interest - existing customer", "Performance
# of a contract", "Freely given consent from contact", "Not applicable"). The page's text shows a
# plain hyphen, but the property's option values carry an EN DASH (U+2013) in the two original
# "Legitimate interest – ..." options, as the values read from the properties API and sent by
# integrations that set hs_legal_basis show; only the later "Legitimate interest - other" has an
# ASCII hyphen. A value HubSpot does not know fails the import. Kinds without an option of their
# own (legal obligation, vital interests, public task) are "Not applicable".
HUBSPOT_LEGAL_BASIS: Mapping[str, str] = {
    BasisKind.CONSENT.value: "Freely given consent from contact",
    BasisKind.CONTRACT.value: "Performance of a contract",
    BasisKind.LEGAL_OBLIGATION.value: "Not applicable",
    BasisKind.VITAL_INTERESTS.value: "Not applicable",
    BasisKind.PUBLIC_TASK.value: "Not applicable",
    BasisKind.LEGITIMATE_INTEREST.value: "Legitimate interest \u2013 prospect/lead",
}

# Mailchimp's import matches each column to an audience field. Mailchimp creates an audience with
# the fields "Email Address" (the only required one), "First Name" (FNAME), "Last Name" (LNAME),
# "Address" (ADDRESS) and "Phone Number" (PHONE): https://mailchimp.com/developer/marketing/docs/merge-fields/
# and https://mailchimp.com/help/format-guidelines-for-your-import-file/ . "Company", "Country",
# "City" and "leadguard_id" are text fields ("additional data ... like job title or company name"):
# map them to existing fields or let the import create them. Country and city do not go into the
# Address field: Mailchimp's address needs a street line, which leads do not carry. No tags
# column: the format guidelines describe no column that is imported as tags.
_MAILCHIMP_COLUMNS = {
    "Email Address": "email",
    "First Name": "first_name",
    "Last Name": "last_name",
    "Phone Number": "phone",
    "Company": "company",
    "Country": "country",
    "City": "city",
}

# HubSpot imports match a column header to a contact property's internal name.
_HUBSPOT_COLUMNS = {
    "email": "email",
    "firstname": "first_name",
    "lastname": "last_name",
    "phone": "phone",
    "company": "company",
    "jobtitle": "job_title",
    "country": "country",
    "city": "city",
}

# Salesforce Lead fields by API name (Data Import Wizard and Data Loader both map them).
_SALESFORCE_COLUMNS = {
    "FirstName": "first_name",
    "LastName": "last_name",
    "Company": "company",
    "Email": "email",
    "Phone": "phone",
    "MobilePhone": "mobile",
    "Title": "job_title",
    "Country": "country",
    "City": "city",
}
SALESFORCE_LEAD_SOURCE = "leadguard"
"""The value of Salesforce's LeadSource picklist on every exported lead.

Where the org restricts that picklist to its defined values, add this value to it before the
first import.
"""

# Reasons a row is not written (the values of WrittenExport.dropped["reason"]).
REASON_MISSING_LAST_NAME = "missing_last_name"
REASON_MISSING_COMPANY = "missing_company"
REASON_MISSING_EMAIL = "missing_email"
REASON_MISSING_NOTICE = "missing_notice_text"
_REASON_FORMULA = "{column}_starts_with_formula_character"


def neutralize_cell(value: object) -> object:
    """Make a cell safe to open in a spreadsheet (CSV injection, also called formula injection).

    A str that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR is returned with a leading
    apostrophe (``'``); any other value is returned unchanged. Spreadsheets (Excel, LibreOffice,
    Google Sheets) read a cell that starts with one of those characters as a formula and run it
    when the file is opened, e.g. ``=HYPERLINK(...)`` or a DDE call. The apostrophe is OWASP's
    recommendation (https://owasp.org/www-community/attacks/CSV_Injection): spreadsheets take a
    leading apostrophe as "this cell is text", show the value without it, and do not evaluate it.
    A neutralized value starts with the apostrophe, so neutralizing it again changes nothing.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass(frozen=True)
class WrittenExport:
    """What :func:`write_export` wrote: the file, its checksum and the rows it left out."""

    path: Path
    format: str
    rows: int
    """Data rows written (the header not counted)."""
    sha256: str
    """Hex SHA-256 of the written file's bytes."""
    fields: tuple[str, ...]
    """The columns written, in order."""
    dropped: pd.DataFrame = field(compare=False, repr=False)
    """Rows the format cannot take, not written: ``leadguard_id`` and ``reason``."""


def vendor_frame(rows: pd.DataFrame, fmt: str, *, channel: str) -> pd.DataFrame:
    """The columns the vendor's import expects, in order, ending with ``leadguard_id``.

    ``leadguard_id`` is the lead id, as int64. Free-text columns are neutralized
    (:func:`neutralize_cell`); the :data:`SAFE_COLUMNS` pass unchanged. Per format:

    * ``csv``, ``parquet``: every input column, in input order.
    * ``hubspot``: email, firstname, lastname, phone, company, jobtitle, country, city,
      hs_legal_basis (HubSpot's option strings); for channel ``phone`` a lead without a landline
      gets its mobile number as ``phone``.
    * ``mailchimp``: Email Address, First Name, Last Name, Phone Number, Company, Country, City;
      e-mail audiences only.
    * ``salesforce``: FirstName, LastName, Company, Email, Phone, MobilePhone, Title, Country, City,
      LeadSource (``leadguard``). Salesforce requires LastName and Company: rows missing either
      are still here; :func:`write_export` leaves them out and reports them.

    When the input has ``notice_due`` / ``notice_text`` (the lead goes out before its privacy
    notice was given), every format keeps them as ``leadguard_notice_due`` / ``leadguard_notice``,
    just before ``leadguard_id``, so the vendor can give the notice at first contact.

    Raises:
        ConfigError: unknown format or channel, or mailchimp for a channel other than e-mail.
        InputError: a column is missing, a lead id is missing, not a whole number or repeated, or
            a basis kind is unknown.
    """
    fmt, channel, table = _checked(rows, fmt, channel)
    return _shape(table, fmt, channel)


def write_export(
    rows: pd.DataFrame, fmt: str, out: str | os.PathLike[str], *, channel: str
) -> WrittenExport:
    """Write the approved ``rows`` to ``out`` in the vendor's format, atomically.

    ``csv``, ``hubspot``, ``mailchimp``, ``salesforce``: comma-separated UTF-8 with a header row,
    no index, ``\\n`` line ends, minimal quoting (as ``csv.QUOTE_MINIMAL``, plus fields holding a
    CR), no byte-order mark: HubSpot's and Salesforce's imports read UTF-8 without a BOM, so
    accented names arrive intact. Missing values are empty fields; booleans are ``true`` /
    ``false``. ``parquet``: written by DuckDB, ``leadguard_id`` as BIGINT, text as VARCHAR,
    ``leadguard_notice_due`` as BOOLEAN.

    The columns are those of :func:`vendor_frame`. Rows the format cannot take are not written
    and come back in :attr:`WrittenExport.dropped` with a reason: ``missing_last_name`` /
    ``missing_company`` (Salesforce), ``missing_email`` (Mailchimp), ``missing_notice_text`` (a
    notice is due but there is no text to give), ``<column>_starts_with_formula_character`` (a
    validated column such as ``email`` starts with a formula character; any format). Several
    reasons for one row are joined by ``"; "``.

    The file goes to a temporary file in the folder of ``out`` and replaces ``out`` only when
    complete; on any error no file is left behind and an existing ``out`` is unchanged.

    Raises:
        ConfigError: unknown format (the message lists :data:`EXPORT_FORMATS`) or channel,
            mailchimp for a channel other than e-mail, or the folder of ``out`` does not exist.
        InputError: see :func:`vendor_frame`.
    """
    fmt, channel, table = _checked(rows, fmt, channel)
    target = Path(out)
    if not target.parent.is_dir():
        raise ConfigError(
            f"the folder for the export {target.name!r} does not exist: create it, or choose "
            "another path"
        )
    frame = _shape(table, fmt, channel)
    reasons = _drop_reasons(table, fmt)
    keep = reasons.isna().to_numpy()
    dropped = pd.DataFrame(
        {
            "leadguard_id": table["leadguard_id"][~keep].astype("int64"),
            "reason": reasons[~keep].astype(object),
        }
    ).reset_index(drop=True)
    written = frame[keep].reset_index(drop=True)

    if fmt == "parquet":
        sha = _atomic_write(target, lambda tmp: _write_parquet(written, tmp))
    else:
        sha = _atomic_write(target, lambda tmp: _write_text(written, tmp))
    return WrittenExport(
        path=target,
        format=fmt,
        rows=len(written),
        sha256=sha,
        fields=tuple(str(c) for c in written.columns),
        dropped=dropped,
    )


def guarded(frame: pd.DataFrame) -> pd.DataFrame:
    """A table for people to open (a review queue, a report) with every text cell safe for a
    spreadsheet, as :func:`neutralize_cell` makes it; lists and mappings become JSON text."""
    table = frame.reset_index(drop=True).astype(object)
    table = table.where(table.notna(), None)
    for column in table.columns:
        if pd.api.types.infer_dtype(table[column], skipna=True) == "mixed":
            table[column] = table[column].map(
                lambda v: (
                    json.dumps(v, ensure_ascii=False, default=str)
                    if isinstance(v, list | tuple | dict)
                    else v
                )
            )
    return _neutralized(table)


def write_table(frame: pd.DataFrame, out: str | os.PathLike[str], *, fmt: str = "csv") -> Path:
    """Write a table for people (not a vendor file) to ``out``, atomically, readable by its
    owner only (0600): ``csv`` as :func:`write_export` writes it, cells :func:`guarded`;
    ``json`` an array of objects.

    Raises:
        ConfigError: another format, or the folder of ``out`` does not exist.
    """
    target = Path(out)
    if fmt not in ("csv", "json"):
        raise ConfigError(f"unknown table format {fmt!r}: choose csv or json")
    if not target.parent.is_dir():
        raise ConfigError(
            f"the folder for {target.name!r} does not exist: create it, or choose another path"
        )
    if fmt == "csv":
        _atomic_write(target, lambda tmp: _write_text(guarded(frame), tmp))
    else:
        text = frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2)

        def write(tmp: Path) -> None:
            tmp.write_text(text + "\n", encoding="utf-8")

        _atomic_write(target, write)
    return target


# Keys write_manifest fills in from the written file; the caller's info must not set them.
_MANIFEST_KEYS = (
    "file",
    "format",
    "rows",
    "sha256",
    "fields",
    "dropped",
    "written_at",
    "leadguard_version",
)


def write_manifest(written: WrittenExport, info: Mapping[str, Any]) -> Path:
    """Write ``<file>.manifest.json`` beside the export and return its path.

    The JSON holds the caller's ``info`` (recipient, basis, channel, counts, exclusions by reason:
    whatever the caller passes) and, from the written file: ``file`` (its name), ``format``,
    ``rows``, ``sha256``, ``fields``, ``dropped`` (rows left out, counted by reason; no lead ids),
    ``written_at`` (UTC, ISO 8601) and ``leadguard_version``. Keys are sorted, so two manifests
    of the same export list them in the same order; UTF-8, not ASCII-escaped, indented by 2. The
    manifest is written atomically like the export.

    Values in ``info`` may be JSON types, dates and datetimes (ISO 8601), paths (their name),
    enums (their value), numpy scalars, sets (sorted lists) and nested mappings or sequences.

    Raises:
        ConfigError: ``info`` sets one of the keys filled in from the file, has a key that is not
            a str, or holds a value JSON cannot represent.
    """
    clash = sorted(k for k in info if k in _MANIFEST_KEYS)
    if clash:
        raise ConfigError(
            f"the manifest info sets {', '.join(map(repr, clash))}: these keys are filled in "
            "from the written file; rename them in the info"
        )
    if any(not isinstance(k, str) for k in info):
        raise ConfigError("the manifest info has a key that is not a str: use str keys")
    by_reason: dict[str, int] = {}
    if len(written.dropped):
        counts = written.dropped["reason"].value_counts()
        by_reason = {str(reason): int(n) for reason, n in counts.items()}
    document: dict[str, Any] = dict(info)
    document.update(
        file=written.path.name,
        format=written.format,
        rows=written.rows,
        sha256=written.sha256,
        fields=list(written.fields),
        dropped=dict(sorted(by_reason.items())),
        written_at=datetime.now(UTC).isoformat(timespec="seconds"),
        leadguard_version=__version__,
    )
    try:
        text = json.dumps(
            document, default=_json_default, ensure_ascii=False, indent=2, sort_keys=True
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"the manifest info cannot be written as JSON: {exc}") from None
    path = written.path.with_name(written.path.name + ".manifest.json")

    def write(tmp: Path) -> None:
        tmp.write_text(text + "\n", encoding="utf-8", newline="\n")

    _atomic_write(path, write)
    return path


# --------------------------------------------------------------------------------------------
# Input checks and shaping


def _checked(rows: pd.DataFrame, fmt: str, channel: str) -> tuple[str, str, pd.DataFrame]:
    """The format and channel by their canonical names, and the prepared input."""
    fmt_name = str(fmt).strip().lower()
    if fmt_name not in EXPORT_FORMATS:
        raise ConfigError(
            f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}"
        )
    channel_name = str(channel).strip().lower()
    allowed = [c.value for c in Channel]
    if channel_name not in allowed:
        raise ConfigError(f"unknown channel {channel!r}: choose one of {', '.join(allowed)}")
    if fmt_name == "mailchimp" and channel_name != Channel.EMAIL:
        raise ConfigError(
            f"mailchimp takes e-mail audiences only, not channel {channel_name!r}: export these "
            "leads as hubspot, salesforce, csv or parquet"
        )
    return fmt_name, channel_name, _prepare(rows)


def _prepare(rows: pd.DataFrame) -> pd.DataFrame:
    """The input as object columns with None for missing values and an int64 leadguard_id."""
    if not isinstance(rows, pd.DataFrame):
        raise InputError("the rows to export must be a pandas DataFrame")
    missing = [c for c in INPUT_COLUMNS if c not in rows.columns]
    if missing:
        raise InputError(
            f"the rows to export lack the column(s) {', '.join(missing)}: pass the frame the "
            "export gate returns"
        )
    if rows.columns.duplicated().any():
        raise InputError("the rows to export have a column name twice: rename one of them")
    table = rows.reset_index(drop=True).astype(object)
    table = table.where(table.notna(), None)
    table["leadguard_id"] = _lead_ids(rows["leadguard_id"].reset_index(drop=True))
    kinds = {k.value for k in BasisKind}
    for i, kind in enumerate(table["basis_kind"]):
        if kind not in kinds:
            raise InputError(
                f"is not a legal basis kind; use one of {', '.join(sorted(kinds))}",
                row=i + 1,
                column="basis_kind",
            )
    if "notice_due" in table.columns:
        for i, due in enumerate(table["notice_due"]):
            if due is not None and not isinstance(due, bool | np.bool_):
                raise InputError("must be true, false or empty", row=i + 1, column="notice_due")
    return table


def _lead_ids(ids: pd.Series) -> pd.Series:
    """The lead ids as int64; every row must have one, a whole number, each once."""
    problem = "must hold the lead id of every row as a whole number"
    if ids.dtype == bool or any(isinstance(v, bool | np.bool_) for v in ids):
        raise InputError(problem, column="leadguard_id")
    numbers = pd.to_numeric(ids, errors="coerce")
    values = numbers.to_numpy(dtype="float64", na_value=np.nan)
    bad = ~np.isfinite(values) | (values != np.floor(values))
    if bad.any():
        raise InputError(problem, row=int(np.flatnonzero(bad)[0]) + 1, column="leadguard_id")
    result = numbers.astype("int64")
    if result.duplicated().any():
        raise InputError(
            "repeats a lead id: each lead goes out once; check the gate's selection",
            row=int(np.flatnonzero(result.duplicated().to_numpy())[0]) + 1,
            column="leadguard_id",
        )
    return result


def _unsafe(value: object, column: str) -> bool:
    """Whether a value of a validated column would be read as a formula."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return False
    return not (column in _PHONE_COLUMNS and _E164.fullmatch(value))


def _neutralized(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell safe for a spreadsheet; validated values unchanged where they already are.

    Column at a time: the same decision as :func:`neutralize_cell` per cell, without a Python
    call per cell (an export is a million rows).
    """
    out = table.copy()
    for column in out.columns:
        name = str(column)
        if name == "leadguard_id" or out[column].dtype != object:
            continue
        values = out[column]
        kind = pd.api.types.infer_dtype(values, skipna=True)
        if kind == "empty":
            continue
        texts = (
            values if kind == "string" else values.map(lambda v: v if isinstance(v, str) else None)
        )
        risky = np.array(texts.str.startswith(_FORMULA_START, na=False), dtype=bool)
        if name in SAFE_COLUMNS and name in _PHONE_COLUMNS:
            risky = risky & ~np.array(texts.str.fullmatch(_E164.pattern, na=False), dtype=bool)
        if risky.any():
            fixed = values.to_numpy(dtype=object).copy()
            fixed[risky] = ["'" + str(v) for v in fixed[risky]]
            out[column] = pd.Series(fixed, index=out.index, dtype=object)
    return out


def _notice(table: pd.DataFrame) -> dict[str, list[object]]:
    result: dict[str, list[object]] = {}
    if "notice_due" in table.columns:
        result["leadguard_notice_due"] = [_is_true(v) for v in table["notice_due"]]
    if "notice_text" in table.columns:
        result["leadguard_notice"] = list(table["notice_text"])
    return result


def _is_true(value: object) -> bool:
    return value is not None and bool(value)


def _shape(table: pd.DataFrame, fmt: str, channel: str) -> pd.DataFrame:
    safe = _neutralized(table)
    columns: dict[str, list[object]] = {}
    if fmt in ("csv", "parquet"):
        for column in safe.columns:
            if column != "leadguard_id" and column not in _NOTICE_COLUMNS:
                columns[str(column)] = list(safe[column])
    elif fmt == "hubspot":
        for name, source in _HUBSPOT_COLUMNS.items():
            columns[name] = list(safe[source])
        if channel == Channel.PHONE:
            columns["phone"] = [
                m if p is None else p for p, m in zip(safe["phone"], safe["mobile"], strict=True)
            ]
        columns["hs_legal_basis"] = [HUBSPOT_LEGAL_BASIS[k] for k in table["basis_kind"]]
    elif fmt == "mailchimp":
        for name, source in _MAILCHIMP_COLUMNS.items():
            columns[name] = list(safe[source])
    else:
        for name, source in _SALESFORCE_COLUMNS.items():
            columns[name] = list(safe[source])
        columns["LeadSource"] = [SALESFORCE_LEAD_SOURCE] * len(safe)
    columns.update(_notice(safe))
    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in columns.items()}
    )
    if "leadguard_notice_due" in frame.columns:
        frame["leadguard_notice_due"] = frame["leadguard_notice_due"].astype(bool)
    frame["leadguard_id"] = table["leadguard_id"].to_numpy(dtype="int64")
    frame.index = pd.RangeIndex(len(table))
    return frame


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _drop_reasons(table: pd.DataFrame, fmt: str) -> pd.Series:
    """Per row, why the format cannot take it (``"; "``-joined), or None when it can."""
    reasons: list[list[str]] = [[] for _ in range(len(table))]

    def flag(mask: Iterable[bool], reason: str) -> None:
        for i, hit in enumerate(mask):
            if hit:
                reasons[i].append(reason)

    if fmt == "salesforce":
        flag((_blank(v) for v in table["last_name"]), REASON_MISSING_LAST_NAME)
        flag((_blank(v) for v in table["company"]), REASON_MISSING_COMPANY)
    if fmt == "mailchimp":
        flag((_blank(v) for v in table["email"]), REASON_MISSING_EMAIL)
    if "notice_due" in table.columns:
        texts = table["notice_text"] if "notice_text" in table.columns else [None] * len(table)
        flag(
            (_is_true(d) and _blank(t) for d, t in zip(table["notice_due"], texts, strict=True)),
            REASON_MISSING_NOTICE,
        )
    for column in table.columns:
        name = str(column)
        if name in SAFE_COLUMNS and name != "leadguard_id":
            flag((_unsafe(v, name) for v in table[column]), _REASON_FORMULA.format(column=name))
    return pd.Series(["; ".join(r) if r else None for r in reasons], dtype=object)


# --------------------------------------------------------------------------------------------
# Writing


def _atomic_write(target: Path, write: Callable[[Path], None]) -> str:
    """Write through ``write(tmp)`` to a temporary file beside ``target``, then move it there.

    Returns the SHA-256 of the bytes that ended up at ``target``.
    """
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o600)  # a writer may have made the file anew (DuckDB does)
        digest = hashlib.sha256()
        with tmp.open("r+b") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(target.parent)
    return digest.hexdigest()


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _text_field(value: object) -> str:
    """One CSV field: RFC 4180 quoting when it holds a comma, a double quote, LF or CR."""
    text = _plain_text(value)
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _plain_text(value: object) -> str:
    """A value as the text a CSV field holds, before quoting."""
    if value is None:
        text = ""
    elif isinstance(value, bool | np.bool_):
        text = "true" if value else "false"
    elif isinstance(value, float) and math.isnan(value):
        text = ""
    elif isinstance(value, np.generic):
        text = str(value.item())
    elif isinstance(value, datetime | date):
        text = value.isoformat()
    else:
        text = str(value)
    return text


def _render_row(values: Iterable[object]) -> str:
    return ",".join(_text_field(v) for v in values) + "\n"


def _write_text(frame: pd.DataFrame, tmp: Path) -> None:
    """The CSV written by DuckDB's writer: the same RFC 4180 minimal quoting as
    :func:`_text_field` (comma, quote, LF and CR quoted), at C speed."""
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        handle.write(_render_row(frame.columns))
    body = tmp.with_name(tmp.name + ".rows")
    try:
        _copy_rows(_copyable(frame), body)
        with tmp.open("ab") as out, body.open("rb") as rows:
            shutil.copyfileobj(rows, out, 1 << 20)
    finally:
        body.unlink(missing_ok=True)


def _copyable(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as str or None only (an empty string is written as an empty field), other
    values as the text :func:`_text_field` gives them."""
    out = pd.DataFrame(index=frame.index)
    for position in range(len(frame.columns)):
        values = frame.iloc[:, position]
        if values.dtype == object:
            kind = pd.api.types.infer_dtype(values, skipna=True)
            if kind not in ("string", "empty"):
                values = values.map(
                    lambda v: v if v is None or isinstance(v, str) else _plain_text(v)
                )
            values = values.where(values.ne("") & values.notna(), None)
        out[f"c{position}"] = values
    return out


def _copy_rows(frame: pd.DataFrame, target: Path) -> None:
    con = duckdb.connect()
    try:
        con.register("export_rows", frame)
        path = str(target).replace("'", "''")
        con.execute(
            f"COPY export_rows TO '{path}' (FORMAT csv, HEADER false, DELIMITER ',', "
            "QUOTE '\"', ESCAPE '\"', NEW_LINE '\n')"
        )
    finally:
        con.close()


def _sql_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_text(values: pd.Series) -> bool:
    return all(v is None or isinstance(v, str) for v in values)


def _write_parquet(frame: pd.DataFrame, tmp: Path) -> None:
    """COPY the frame to Parquet with DuckDB; explicit types so sparse columns keep theirs."""
    select = []
    for column in frame.columns:
        name = str(column)
        if name == "leadguard_id":
            cast = "BIGINT"
        elif name == "leadguard_notice_due":
            cast = "BOOLEAN"
        elif _is_text(frame[column]):
            cast = "VARCHAR"
        else:
            select.append(_sql_name(name))
            continue
        select.append(f"CAST({_sql_name(name)} AS {cast}) AS {_sql_name(name)}")
    target = "'" + str(tmp).replace("'", "''") + "'"
    con = duckdb.connect()
    try:
        con.register("export_rows", frame)
        con.execute(
            f"COPY (SELECT {', '.join(select)} FROM export_rows) "  # noqa: S608 - quoted names
            f"TO {target} (FORMAT parquet)"
        )
    finally:
        con.close()


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return value.name
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"a value of type {type(value).__name__} is not JSON")
