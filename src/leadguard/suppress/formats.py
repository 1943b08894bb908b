"""Opt-out files as vendors and registries hand them out, read into one table of entries.

Each format (``format=``, ``--format``) has defaults for the reason and channel of its entries;
``auto`` recognises every format from the file's content:

* ``mailchimp-unsubscribed``: Mailchimp's export of unsubscribed contacts, a CSV whose header holds
  ``Email Address`` and ``UNSUB_TIME``. ``on`` is the UNSUB_TIME date; a row whose UNSUB_REASON is
  "The emails are spam and should be reported" has the reason ``complaint``.
* ``mailchimp-cleaned``: Mailchimp's export of cleaned contacts (addresses removed after hard
  bounces), with ``Email Address`` and ``CLEAN_TIME``; ``on`` is the CLEAN_TIME date.
* ``sendgrid``: a SendGrid suppression list, as a CSV with ``email`` and ``created`` columns or as
  the API's JSON array (``[{"created": 1443651141, "email": ...}]``) saved to a file, where the
  row number of a record is its position in the array. ``created`` is Unix seconds (read as a UTC
  date) or ``YYYY-MM-DD HH:MM:SS``. Every SendGrid list has this layout, so which list it is comes
  from the file name, then from its columns, and is set as the reason of every row: a name with
  "spam" is a complaint; a name with "bounce", "block" or "invalid" is a bounce; otherwise a
  ``status`` or ``reason`` column (the SMTP diagnosis that bounce, block and invalid-address lists
  carry) means bounce and an ``ip`` column (carried by spam reports only) means complaint; any
  other file keeps the format default, unsubscribe.
* ``brevo``: a Brevo contact export (``;`` or ``,``) with an ``EMAIL`` column and ``ADDED_TIME``
  and/or ``MODIFIED_TIME`` (or ``EMAIL_BLACKLISTED`` / ``SMS_BLACKLISTED``); ``on`` is the
  ADDED_TIME date, else the MODIFIED_TIME date. A number in the ``SMS`` column gives a second,
  ``phone`` entry with the same row number; Brevo keeps SMS numbers with their country code, so
  a number of digits only that does not start with 0 is given a ``+``. An EMAIL_BLACKLISTED or
  SMS_BLACKLISTED cell that says no (false, no, 0) leaves that row's e-mail or phone entry out.
* ``lines``: a hand-kept list with one e-mail address, domain (``example.com`` or
  ``@example.com``) or phone number per line. Blank lines and lines starting with ``#`` are
  skipped; a first line of one to four words of letters (``Email``, ``E-mail address``) is a
  column title and skipped too; any other line that is none of the three is rejected. A
  one-column .xlsx sheet is read the same way.
* ``dnc-be``: the Belgian Do Not Call Me register, lines of ``<number>;<YYYY-MM-DD>``: the number
  with its country code and without ``+`` (``32470123456``), then the date of registration. A
  ``+32`` or ``0032`` prefix, spaces and a missing date are accepted; numbers with the country
  code get a ``+``, national numbers (``0470…``) are kept for reading with region BE. The date
  the list was downloaded is taken from the file name (``dncm_20261120.txt``) when it holds one.

Mailchimp and Brevo exports often carry the person's name and company beside the address (an
old or private address the ledger may not hold). Their cells are read into the file's
``identity`` (``first_name``, ``last_name``, ``company``; Mailchimp: ``First Name``, ``Last
Name``, ``Company``; Brevo: ``FIRSTNAME``, ``LASTNAME``, ``COMPANY``, also the French ``PRENOM``,
``NOM``, ``SOCIETE``; see :data:`IDENTITY_COLUMNS`), so that the ledger can link such a row to
the person by name and company. Other formats carry no name: those cells are None.

Values are the cell text, stripped: cleaning addresses and numbers is left to the normalizers.
Row numbers are those ingest uses: in an export with a header, row 1 is the first record under
the header; in a list without one (or a one-column sheet), line 1 is the first line. Messages
name files, rows and columns, never the values in them.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadguard.errors import ConfigError, InputError, UnsupportedFormatError
from leadguard.ingest.dates import parse_dates
from leadguard.ingest.readers import RawTable, read_file_bytes, read_table

__all__ = [
    "DEFAULTS",
    "ENTRY_COLUMNS",
    "FORMATS",
    "IDENTITY_COLUMNS",
    "FormatDefaults",
    "SuppressionFile",
    "read_suppression_file",
]

FORMATS: tuple[str, ...] = (
    "auto",
    "mailchimp-unsubscribed",
    "mailchimp-cleaned",
    "sendgrid",
    "brevo",
    "lines",
    "dnc-be",
)
"""Every name ``format=`` accepts; ``auto`` recognises the others from the file's content."""

ENTRY_COLUMNS: tuple[str, ...] = ("row_number", "value", "kind", "on", "reason")
"""The columns of :attr:`SuppressionFile.entries`, in order."""

IDENTITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "fname", "prenom", "prénom", "given name"),
    "last_name": ("last name", "lastname", "lname", "nom", "surname", "family name"),
    "company": ("company", "company name", "organization", "organisation", "societe", "société"),
}
"""Header names (casefolded) of the name and company cells a Mailchimp or Brevo export carries
next to the address: :attr:`SuppressionFile.identity` column → the headers read into it, first
found wins."""
_ALL_COLUMNS = (*ENTRY_COLUMNS, *IDENTITY_COLUMNS)


@dataclass(frozen=True)
class FormatDefaults:
    """What a format's entries mean unless a row says otherwise: reason, channel, registry."""

    reason: str
    channel: str
    registry: str | None


DEFAULTS: dict[str, FormatDefaults] = {
    "mailchimp-unsubscribed": FormatDefaults("unsubscribe", "email", None),
    "mailchimp-cleaned": FormatDefaults("bounce", "email", None),
    "sendgrid": FormatDefaults("unsubscribe", "email", None),
    "brevo": FormatDefaults("unsubscribe", "email", None),
    "lines": FormatDefaults("objection", "all", None),
    "dnc-be": FormatDefaults("dnc", "phone", "dnc-be"),
}
"""The defaults of every concrete format (all of :data:`FORMATS` but ``auto``)."""


@dataclass(frozen=True)
class SuppressionFile:
    """One suppression file read: its identity, its format and one entry per usable value.

    ``entries`` has the columns of :data:`ENTRY_COLUMNS`: row_number (int), value (str), kind
    ("email", "phone" or "domain"), on (date or None), reason (str overriding the format's
    default reason, or None). ``identity`` has one row per entry (same order) with the
    first_name, last_name and company cells of its row (None where the file has none).
    ``rejects`` holds (row number, column, reason) for rows without a usable value;
    ``rows_read`` counts the data rows or lines, blanks excluded.
    """

    file_name: str
    sha256: str
    format: str
    defaults: FormatDefaults
    entries: pd.DataFrame
    rejects: tuple[tuple[int, str, str], ...]
    rows_read: int
    screened_on: dt.date | None
    identity: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(IDENTITY_COLUMNS), dtype=object)
    )


# --------------------------------------------------------------------------------------------
# Formats and their signatures

_EXPORTS = ("mailchimp-unsubscribed", "mailchimp-cleaned", "sendgrid", "brevo")
_EMAIL_COLUMN = {
    "mailchimp-unsubscribed": "email address",
    "mailchimp-cleaned": "email address",
    "sendgrid": "email",
    "brevo": "email",
}
_BREVO_MARKS = frozenset({"added_time", "modified_time", "email_blacklisted", "sms_blacklisted"})
_SPAM_REASON = "The emails are spam and should be reported"
_NO = frozenset({"false", "no", "0", "n", "f", "non", "nee", "nein", "nie"})

_TABLE_EXTENSIONS = frozenset(
    {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods", ".numbers"}
)
_BINARY_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xd0\xcf\x11\xe0",
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"7z\xbc\xaf",
    b"Rar!",
    b"SQLite format 3",
)
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])
_SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 200
_HEADER_SEARCH = 5
_DELIMITERS = (",", ";", "\t", "|")
_BLANK = re.compile(r"[\ufeff\s]*")

_LINE = "line"
_DOMAIN = r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
_PHONE = r"(?:tel:\s*)?\+?[\d\s().\/-]+"
_PHONE_DIGITS = (6, 17)
# A column title over a list: a few words of letters ("Email", "E-mail address", "Opt-outs").
_TITLE = re.compile(r"[^\W\d_][^\W\d]*(?:[ '-][^\W\d_]+){0,3}")
_NOT_A_VALUE = "not an e-mail address, a domain or a phone number"

_DNC_NUMBER = r"\+?[\d\s()./-]+"
_DNC_DIGITS = (8, 15)
_DNC_WITH_DATE = re.compile(r"\+?[\d\s()./-]{6,};\s*\d{4}-\d{1,2}-\d{1,2}\s*")
_DNC_ANY = re.compile(r"\+?[\d\s()./-]{6,}(?:;.*)?")
_DNC_NAME = re.compile(r"dncm", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)")
_UNIX_SECONDS = re.compile(r"\d{9,11}(?:\.\d+)?")

_EMPTY = "the file is empty: export the list again"


def _format_list(*, concrete: bool = False) -> str:
    return ", ".join(FORMATS[1:] if concrete else FORMATS)


def _format_name(format: object) -> str:
    """The format name as one of FORMATS, or a ConfigError listing them."""
    name = format.strip().lower().replace("_", "-") if isinstance(format, str) else None
    if name not in FORMATS:
        raise ConfigError(
            f"unknown suppression file format {format!r}; use one of: {_format_list()}"
        )
    return name


def _format_from_columns(names: Iterable[str]) -> str | None:
    """The export a header belongs to, from its casefolded column names; None if unknown."""
    columns = set(names)
    if "email address" in columns:
        if "unsub_time" in columns:
            return "mailchimp-unsubscribed"
        if "clean_time" in columns:
            return "mailchimp-cleaned"
    if ("email" in columns or "sms" in columns) and columns & _BREVO_MARKS:
        return "brevo"
    if "email" in columns and "created" in columns:
        return "sendgrid"
    return None


def _has_required(fmt: str, names: Iterable[str]) -> bool:
    columns = set(names)
    if fmt == "brevo":
        return "email" in columns or "sms" in columns
    return _EMAIL_COLUMN[fmt] in columns


def _required_text(fmt: str) -> str:
    if fmt == "brevo":
        return "no column 'EMAIL' or 'SMS'"
    if fmt == "sendgrid":
        return "no column 'email'"
    return "no column 'Email Address'"


# --------------------------------------------------------------------------------------------
# Entry point


def read_suppression_file(path: str | os.PathLike[str], format: str = "auto") -> SuppressionFile:
    """Read one opt-out file into entries (value, kind, date, reason) with exact row numbers.

    ``format`` is one of :data:`FORMATS`; ``auto`` recognises the file from its content.
    """
    requested = _format_name(format)
    file = Path(os.fsdecode(path))
    name = file.name
    data = _read_bytes(file)
    sha256 = hashlib.sha256(data).hexdigest()
    if not data or data.isspace():
        raise UnsupportedFormatError(_EMPTY, file=name)
    text = _decode(data, file.suffix.lower())
    if text is None:
        # A workbook, a binary file or UTF-16 without a BOM: the table reader reads the first
        # and explains the others.
        fmt, parsed = _read_workbook(read_table(file), requested, name)
    else:
        if _BLANK.fullmatch(text):
            raise UnsupportedFormatError(_EMPTY, file=name)
        fmt, parsed = _read_text(file, text, requested)
    return SuppressionFile(
        file_name=name,
        sha256=sha256,
        format=fmt,
        defaults=DEFAULTS[fmt],
        entries=parsed.entries[list(ENTRY_COLUMNS)],
        rejects=parsed.rejects,
        rows_read=parsed.rows_read,
        screened_on=_date_in_name(name) if fmt == "dnc-be" else None,
        identity=parsed.entries[list(IDENTITY_COLUMNS)],
    )


@dataclass(frozen=True)
class _Parsed:
    entries: pd.DataFrame
    rejects: tuple[tuple[int, str, str], ...]
    rows_read: int


def _read_bytes(file: Path) -> bytes:
    return read_file_bytes(file)


def _decode(data: bytes, ext: str) -> str | None:
    """The text of a text file (UTF-8, else Windows-1252 line by line); None for other files."""
    if ext in _TABLE_EXTENSIONS:
        return None
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or head.startswith(_BINARY_MAGIC):
        return None
    if len(head) - len(head.translate(None, _CONTROL_BYTES)) > 0.05 * len(head):
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # Lists edited in several tools are often UTF-8 with a few lines pasted from a cp1252 file:
    # decoding only those lines as cp1252 leaves the UTF-8 lines intact.
    parts: list[str] = []
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace"))
    return "".join(parts)


def _mismatch(name: str, fmt: str, why: str, detected: str | None) -> UnsupportedFormatError:
    hint = f"; it looks like {detected}" if detected and detected != fmt else ""
    return UnsupportedFormatError(
        f"does not look like a {fmt} file ({why}){hint}: pass --format with the file's format "
        f"(one of: {_format_list(concrete=True)})",
        file=name,
    )


def _unrecognised(name: str, what: str) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        f"{what}: pass --format with the file's format (one of: {_format_list(concrete=True)})",
        file=name,
    )


_NOT_RECOGNISED = (
    "is not a suppression file leadguard recognises (a Mailchimp, SendGrid or Brevo export, a "
    "list with one e-mail address, domain or phone number per line, or a Belgian DNCM file)"
)
_UNKNOWN_TABLE = (
    "is a table whose columns leadguard does not recognise as a suppression export (for a list "
    "of your own, save its e-mail or phone column alone, one value per line, and read it as "
    "lines)"
)


# --------------------------------------------------------------------------------------------
# Text files: recognition


@dataclass(frozen=True)
class _Sniff:
    """What the start of a text file looks like."""

    detected: str | None
    headers: tuple[frozenset[str], ...]  # casefolded cells of the first lines, per delimiter
    json_records: list[Any] | None  # the records of a JSON file
    json_keys: frozenset[str]
    header_only: bool  # a known header with nothing under it
    table_header: bool  # the first line is the header of an unknown table
    usable_share: float | None  # share of sampled lines that are addresses, domains or phones
    phone_share: float | None  # share of sampled lines that start like a DNCM line


def _split_lines(text: str) -> list[str]:
    """Physical lines, broken at CR LF, CR or LF only (as editors and the csv module count)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _sample_values(lines: Sequence[str], *, title: re.Pattern[str] | None) -> list[str]:
    """The first non-blank, non-comment lines, stripped, without a leading column title."""
    values: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not values and title is not None and title.fullmatch(stripped):
            title = None
            continue
        title = None
        values.append(stripped)
        if len(values) >= _SNIFF_LINES:
            break
    return values


def _header_cells(line: str) -> list[frozenset[str]]:
    sets: list[frozenset[str]] = []
    for delimiter in _DELIMITERS:
        try:
            cells = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        folded = frozenset(cell.strip().strip("\ufeff").strip().casefold() for cell in cells)
        if folded - {""}:
            sets.append(folded)
    return sets


def _sniff(text: str, name: str) -> _Sniff:
    stripped = text[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    if stripped.startswith(("[", "{")):
        records = _json_records(text, name)
        keys = frozenset(
            str(key).casefold()
            for record in (records or [])[:_SNIFF_LINES]
            if isinstance(record, dict)
            for key in record
        )
        sendgrid = records is not None and (not records or "email" in keys)
        return _Sniff(
            "sendgrid" if sendgrid else None,
            (),
            records if records is not None else [],
            keys,
            header_only=False,
            table_header=False,
            usable_share=None,
            phone_share=None,
        )

    head = text[:_SNIFF_BYTES]
    complete = len(text) <= _SNIFF_BYTES
    lines = _split_lines(head)
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut short
    nonblank = [
        (index, line)
        for index, line in enumerate(lines)
        if line.strip() and not line.lower().startswith("sep=")
    ]
    headers: list[frozenset[str]] = []
    detected: str | None = None
    header_only = False
    for index, line in nonblank[:_HEADER_SEARCH]:
        for cells in _header_cells(line):
            headers.append(cells)
            found = _format_from_columns(cells)
            if found and detected is None:
                detected = found
                header_only = complete and not any(rest.strip() for rest in lines[index + 1 :])
    values = _sample_values(lines, title=None)
    table_header = bool(values) and _looks_like_table_header(values[0])
    usable = _sample_values(lines, title=_TITLE)
    usable_share = _usable_share(usable)
    dnc = _sample_values(lines, title=re.compile(r"\D+"))
    phone_share = sum(1 for v in dnc if _DNC_ANY.fullmatch(v)) / len(dnc) if dnc else None
    if detected is None:
        with_date = sum(1 for v in dnc if _DNC_WITH_DATE.fullmatch(v)) / len(dnc) if dnc else 0.0
        if (
            phone_share is not None
            and phone_share >= 0.8
            and (with_date >= 0.5 or _DNC_NAME.search(name))
        ):
            detected = "dnc-be"
        elif not table_header and (usable_share is None or usable_share >= 0.5):
            # A list of comments only is a list with nobody on it yet.
            detected = "lines"
    return _Sniff(
        detected,
        tuple(headers),
        None,
        frozenset(),
        header_only,
        table_header,
        usable_share,
        phone_share,
    )


def _looks_like_table_header(line: str) -> bool:
    """Two or more cells under some delimiter, none holding an '@' or a digit."""
    for delimiter in _DELIMITERS:
        cells = [cell.strip() for cell in line.split(delimiter)]
        filled = [cell for cell in cells if cell]
        if len(filled) >= 2 and not any("@" in c or any(ch.isdigit() for ch in c) for c in filled):
            return True
    return False


def _usable_share(values: list[str]) -> float | None:
    if not values:
        return None
    kinds, _ = _classify(pd.Series(values, dtype=object))
    return float(pd.notna(kinds).mean())


def _json_records(text: str, name: str) -> list[Any] | None:
    """The records of a JSON suppression list; None when the JSON holds no list of them."""
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(
            f"is not valid JSON (line {exc.lineno}, column {exc.colno}): save the API response "
            "again, unchanged",
            file=name,
        ) from None
    except RecursionError:
        raise InputError("is JSON nested too deeply to read", file=name) from None
    if isinstance(document, dict):
        document = document.get("result", document.get("results"))
    return document if isinstance(document, list) else None


def _read_text(file: Path, text: str, requested: str) -> tuple[str, _Parsed]:
    name = file.name
    sniff = _sniff(text, name)
    if requested == "auto":
        if sniff.detected is None:
            what = _NOT_RECOGNISED
            if sniff.json_records is not None:
                what = "is JSON, but not SendGrid's list of suppressions (objects with 'email')"
            elif sniff.table_header:
                what = _UNKNOWN_TABLE
            raise _unrecognised(name, what)
        fmt = sniff.detected
    else:
        fmt = requested
        _check_text(name, fmt, sniff)

    if sniff.json_records is not None:
        return fmt, _sendgrid_json(sniff.json_records, name, sniff.json_keys)
    if fmt in _EXPORTS:
        if sniff.header_only:
            return fmt, _Parsed(_entries_frame([], [], [], None, None), (), 0)
        return fmt, _read_export(read_table(file), fmt, name)
    lines = _split_lines(text)
    numbers = np.arange(1, len(lines) + 1, dtype=np.int64)
    series = pd.Series(lines, dtype=object)
    if fmt == "lines":
        return fmt, _read_lines(series, numbers)
    return fmt, _read_dnc(series, numbers)


def _check_text(name: str, fmt: str, sniff: _Sniff) -> None:
    """Raise when the file is plainly not in the named format."""
    detected = sniff.detected
    if sniff.json_records is not None:
        if fmt != "sendgrid":
            raise _mismatch(name, fmt, "it is a JSON file", detected)
        if detected != "sendgrid":
            raise _mismatch(name, fmt, "the JSON holds no list of objects with 'email'", None)
        return
    if fmt in _EXPORTS:
        if detected in _EXPORTS and detected != fmt:
            raise _mismatch(name, fmt, "its columns are another export's", detected)
        if not any(_has_required(fmt, cells) for cells in sniff.headers):
            raise _mismatch(name, fmt, _required_text(fmt), detected)
        return
    if detected in _EXPORTS:
        raise _mismatch(name, fmt, "it is a table with a header", detected)
    # Lines that are not values are rejected one by one, unless the file is plainly another
    # format, which would have all its lines rejected.
    if detected is None or detected == fmt:
        return
    if fmt == "lines" and sniff.usable_share is not None and sniff.usable_share < 0.5:
        raise _mismatch(
            name, fmt, "most lines are not e-mail addresses, domains or phone numbers", detected
        )
    if fmt == "dnc-be" and sniff.phone_share is not None and sniff.phone_share < 0.5:
        raise _mismatch(name, fmt, "most lines do not start with a phone number", detected)


# --------------------------------------------------------------------------------------------
# Workbooks (and other files the table reader reads)


def _read_workbook(table: RawTable, requested: str, name: str) -> tuple[str, _Parsed]:
    columns = [str(column) for column in table.frame.columns]
    folded = {column.strip().casefold() for column in columns}
    detected = _format_from_columns(folded)
    single = len(columns) == 1
    if requested == "auto":
        if detected is None and not single:
            raise _unrecognised(name, _UNKNOWN_TABLE)
        fmt = detected or "lines"
    else:
        fmt = requested
        if fmt == "dnc-be":
            raise _mismatch(name, fmt, "a DNCM file is a text file of number;date lines", detected)
        if fmt == "lines" and not single:
            raise _mismatch(name, fmt, "it has more than one column", detected)
        if fmt in _EXPORTS:
            if detected is not None and detected != fmt:
                raise _mismatch(name, fmt, "its columns are another export's", detected)
            if not _has_required(fmt, folded):
                raise _mismatch(name, fmt, _required_text(fmt), detected)
    if fmt in _EXPORTS:
        return fmt, _read_export(table, fmt, name)
    # One column: its title row may be a value too, so it is read like the first line of a list.
    cells = _object_array([columns[0], *table.frame.iloc[:, 0].tolist()])
    numbers = np.concatenate(
        (
            np.array([table.header_row], dtype=np.int64),
            table.header_row + np.asarray(table.row_numbers, dtype=np.int64),
        )
    )
    return fmt, _read_lines(pd.Series(cells, dtype=object), numbers)


# --------------------------------------------------------------------------------------------
# Building blocks


def _object_array(values: Sequence[Any]) -> np.ndarray[Any, np.dtype[np.object_]]:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _as_objects(values: Any) -> np.ndarray[Any, np.dtype[np.object_]]:
    """Text cells as an object array with None (not NaN) where a cell is missing."""
    array = np.asarray(pd.Series(values, dtype=object).to_numpy(dtype=object), dtype=object)
    missing = pd.isna(array)
    if missing.any():
        array = array.copy()
        array[missing] = None
    return array


_Identity = dict[str, np.ndarray[Any, np.dtype[np.object_]]]


def _entries_frame(
    numbers: Any,
    values: Any,
    kinds: Any,
    on: Any,
    reasons: Any,
    identity: _Identity | None = None,
) -> pd.DataFrame:
    """The entries table; ``on``, ``reasons`` and ``identity`` (name and company cells per
    entry, see :func:`_identity`) may be None for 'None on every row'."""
    count = len(numbers)
    none = _object_array([None] * count)
    data: dict[str, pd.Series] = {
        "row_number": pd.Series(np.asarray(numbers, dtype=np.int64)),
        "value": pd.Series(_as_objects(values), dtype=object),
        "kind": pd.Series(_as_objects(kinds), dtype=object),
        "on": pd.Series(none if on is None else _object_array(list(on)), dtype=object),
        "reason": pd.Series(none if reasons is None else _as_objects(reasons), dtype=object),
    }
    for name in IDENTITY_COLUMNS:
        cells = none if identity is None else identity[name]
        data[name] = pd.Series(cells, dtype=object)
    return pd.DataFrame(data, columns=list(_ALL_COLUMNS))


def _identity(frame: pd.DataFrame) -> _Identity | None:
    """The name and company cells of every row (stripped, None where empty), or None when the
    export has none of those columns."""
    found: _Identity = {}
    for name, headers in IDENTITY_COLUMNS.items():
        column = next((c for h in headers if (c := _column(frame, h)) is not None), None)
        if column is None:
            found[name] = _object_array([None] * len(frame))
            continue
        cells = _stripped(frame[column].astype(object))
        found[name] = _as_objects(cells.where(cells != "", None))
    if all(pd.isna(cells).all() for cells in found.values()):
        return None
    return found


def _pick(identity: _Identity | None, rows: Any) -> _Identity | None:
    """The identity cells of the selected rows (a boolean mask or positions)."""
    return None if identity is None else {k: v[rows] for k, v in identity.items()}


def _stripped(values: pd.Series) -> pd.Series:
    """Text cells stripped of spaces (NBSP included), with "" for a missing cell."""
    return (values.fillna("") if values.hasnans else values).str.strip()


def _dates(
    values: Sequence[Any] | pd.Series | np.ndarray[Any, Any],
    *,
    column: str | None,
    unix: bool = False,
) -> np.ndarray[Any, np.dtype[np.object_]]:
    """One date (or None) per cell, parsing each distinct text once; bad dates become None."""
    codes, uniques = pd.factorize(_as_objects(values), use_na_sentinel=True)
    texts = [str(value).strip() for value in uniques]
    result: list[dt.date | None] = [None] * len(texts)
    rest: list[int] = []
    for index, text in enumerate(texts):
        if unix and _UNIX_SECONDS.fullmatch(text):
            result[index] = _from_unix(text)
        elif text:
            rest.append(index)
    if rest:
        parsed, _ = parse_dates([texts[i] for i in rest], column=column)
        for index, date in zip(rest, parsed, strict=True):
            result[index] = date
    lookup = _object_array([*result, None])
    return lookup[np.where(codes < 0, len(result), codes)]


def _from_unix(text: str) -> dt.date | None:
    try:
        date = dt.datetime.fromtimestamp(float(text), tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return date if 1970 <= date.year <= 2100 else None


def _date_in_name(name: str) -> dt.date | None:
    """A date written in a file name as YYYYMMDD or YYYY-MM-DD (also with _ or .)."""
    for match in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(match[1]), int(match[3]), int(match[4]))
        except ValueError:
            continue
    return None


def _rejects(numbers: np.ndarray[Any, Any], column: str, reason: str) -> list[tuple[int, str, str]]:
    return [(number, column, reason) for number in numbers.tolist()]


# --------------------------------------------------------------------------------------------
# CSV exports


def _column(frame: pd.DataFrame, wanted: str) -> str | None:
    """The frame's column whose name, stripped and casefolded, is ``wanted``."""
    for column in frame.columns:
        if str(column).strip().casefold() == wanted:
            return str(column)
    return None


def _read_export(table: RawTable, fmt: str, name: str) -> _Parsed:
    frame = table.frame
    numbers = np.asarray(table.row_numbers, dtype=np.int64)
    if fmt == "brevo":
        return _read_brevo(frame, numbers)
    email_column = _column(frame, _EMAIL_COLUMN[fmt])
    if email_column is None:
        found = _format_from_columns(str(c).strip().casefold() for c in frame.columns)
        raise _mismatch(name, fmt, _required_text(fmt), found)
    values = _stripped(frame[email_column])
    present = (values != "").to_numpy(dtype=bool)
    date_column = _column(
        frame,
        {"mailchimp-unsubscribed": "unsub_time", "mailchimp-cleaned": "clean_time"}.get(
            fmt, "created"
        ),
    )
    on = (
        _dates(frame[date_column], column=date_column, unix=fmt == "sendgrid")
        if date_column
        else None
    )
    reasons: np.ndarray[Any, np.dtype[np.object_]] | None = None
    if fmt == "mailchimp-unsubscribed":
        reason_column = _column(frame, "unsub_reason")
        if reason_column is not None:
            spam = (_stripped(frame[reason_column]) == _SPAM_REASON).to_numpy(dtype=bool)
            reasons = _object_array([None] * len(frame))
            reasons[spam] = "complaint"
    elif fmt == "sendgrid":
        folded = frozenset(str(c).strip().casefold() for c in frame.columns)
        reason = _sendgrid_reason(name, folded)
        if reason is not None:
            reasons = _object_array([reason] * len(frame))
    entries = _entries_frame(
        numbers[present],
        values.to_numpy(dtype=object)[present],
        _object_array(["email"] * int(present.sum())),
        None if on is None else on[present],
        None if reasons is None else reasons[present],
        _pick(_identity(frame), present),
    )
    rejects = _rejects(
        numbers[~present], email_column, f"no e-mail address in column {email_column!r}"
    )
    return _Parsed(entries, tuple(rejects), len(frame))


def _sendgrid_reason(name: str, columns: frozenset[str]) -> str | None:
    """complaint or bounce when the file name or its columns say which SendGrid list it is."""
    folded = name.casefold()
    if "spam" in folded:
        return "complaint"
    if any(word in folded for word in ("bounce", "block", "invalid")):
        return "bounce"
    if columns & {"status", "reason"}:
        return "bounce"
    if "ip" in columns:
        return "complaint"
    return None


def _sendgrid_json(records: list[Any], name: str, keys: frozenset[str]) -> _Parsed:
    reason = _sendgrid_reason(name, keys)
    numbers: list[int] = []
    values: list[str] = []
    created: list[str | None] = []
    rejects: list[tuple[int, str, str]] = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            rejects.append((number, "email", "not an object with an 'email' field"))
            continue
        fields = {str(key).casefold(): value for key, value in record.items()}
        email = fields.get("email")
        if not isinstance(email, str) or not email.strip():
            rejects.append((number, "email", "no e-mail address in field 'email'"))
            continue
        numbers.append(number)
        values.append(email.strip())
        stamp = fields.get("created")
        created.append(None if stamp is None or isinstance(stamp, bool) else str(stamp))
    entries = _entries_frame(
        numbers,
        values,
        ["email"] * len(values),
        _dates(created, column="created", unix=True),
        None if reason is None else [reason] * len(values),
    )
    return _Parsed(entries, tuple(rejects), len(records))


def _flag_allows(frame: pd.DataFrame, column: str | None) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """False where a blacklisted-flag cell says no; True elsewhere and without the column."""
    if column is None:
        return np.ones(len(frame), dtype=bool)
    return ~_stripped(frame[column]).str.casefold().isin(_NO).to_numpy(dtype=bool)


def _read_brevo(frame: pd.DataFrame, numbers: np.ndarray[Any, Any]) -> _Parsed:
    email_column = _column(frame, "email")
    sms_column = _column(frame, "sms")
    count = len(frame)
    empty = pd.Series([""] * count, dtype=object)
    emails = _stripped(frame[email_column]) if email_column else empty
    phones = _stripped(frame[sms_column]) if sms_column else empty
    email_ok = (emails != "").to_numpy(dtype=bool)
    phone_ok = (phones != "").to_numpy(dtype=bool)
    email_on = email_ok & _flag_allows(frame, _column(frame, "email_blacklisted"))
    phone_on = phone_ok & _flag_allows(frame, _column(frame, "sms_blacklisted"))
    digits_only = phones.str.fullmatch(r"[1-9]\d{7,14}").to_numpy(dtype=bool)
    phones = phones.where(~digits_only, "+" + phones)

    on: np.ndarray[Any, np.dtype[np.object_]] | None = None
    for date_column in filter(
        None, (_column(frame, "added_time"), _column(frame, "modified_time"))
    ):
        dates = _dates(frame[date_column], column=date_column)
        on = dates if on is None else np.where(pd.isna(on), dates, on)
    rows = np.concatenate((np.flatnonzero(email_on), np.flatnonzero(phone_on)))
    kinds = np.concatenate(
        (
            _object_array(["email"] * int(email_on.sum())),
            _object_array(["phone"] * int(phone_on.sum())),
        )
    )
    values = np.concatenate(
        (emails.to_numpy(dtype=object)[email_on], phones.to_numpy(dtype=object)[phone_on])
    )
    order = np.argsort(rows, kind="stable")  # a row's e-mail entry, then its phone entry
    rows, kinds, values = rows[order], kinds[order], values[order]
    entries = _entries_frame(
        numbers[rows],
        values,
        kinds,
        None if on is None else on[rows],
        None,
        _pick(_identity(frame), rows),
    )

    rejects: list[tuple[int, str, str]] = []
    nothing = ~email_ok & ~phone_ok
    label = email_column or sms_column or "EMAIL"
    what = " and ".join(
        text
        for text in (
            email_column and f"no e-mail address in column {email_column!r}",
            sms_column and f"no number in column {sms_column!r}",
        )
        if text
    )
    rejects += _rejects(numbers[nothing], label, what)
    unflagged = (email_ok | phone_ok) & ~email_on & ~phone_on
    rejects += _rejects(
        numbers[unflagged],
        label,
        "not marked as blocklisted for e-mail or SMS (column 'EMAIL_BLACKLISTED' / "
        "'SMS_BLACKLISTED' says no)",
    )
    rejects.sort(key=lambda reject: reject[0])
    return _Parsed(entries, tuple(rejects), count)


# --------------------------------------------------------------------------------------------
# Header-less lists


def _value_lines(
    lines: pd.Series, numbers: np.ndarray[Any, Any], title: re.Pattern[str]
) -> tuple[pd.Series, np.ndarray[Any, Any]]:
    """Stripped non-blank, non-comment lines and their numbers, without a leading title line."""
    text = _stripped(lines)
    keep = ((text != "") & ~text.str.startswith("#")).to_numpy(dtype=bool)
    text, numbers = text[keep], numbers[keep]
    if len(text) and title.fullmatch(str(text.iloc[0])):
        text, numbers = text.iloc[1:], numbers[1:]
    return text, numbers


def _classify(
    text: pd.Series,
) -> tuple[np.ndarray[Any, np.dtype[np.object_]], np.ndarray[Any, np.dtype[np.object_]]]:
    """Kind ("email", "domain", "phone" or None) and value of every stripped line."""
    count = len(text)
    kinds = _object_array([None] * count)
    values = text.to_numpy(dtype=object).copy()
    if not count:
        return kinds, values
    # An '@' with text after the leading ones makes an address; "@example.com" is a domain.
    at = np.array(text.str.contains("@", regex=False), dtype=bool)
    leading_at = text.str.startswith("@").to_numpy(dtype=bool)
    if leading_at.any():
        rest_at = text[leading_at].str.lstrip("@").str.contains("@", regex=False)
        at[leading_at] = rest_at.to_numpy(dtype=bool)
    candidates = ~at
    domain = np.zeros(count, dtype=bool)
    if candidates.any():
        bare = text[candidates].str.lstrip("@").str.strip().str.rstrip(";,.").str.strip()
        matched = bare.str.fullmatch(_DOMAIN).to_numpy(dtype=bool)
        positions = np.flatnonzero(candidates)[matched]
        domain[positions] = True
        values[positions] = bare.to_numpy(dtype=object)[matched]
    email = at & ~domain
    kinds[domain] = "domain"
    kinds[email] = "email"
    rest = ~at & ~domain
    if rest.any():
        other = text[rest]
        shaped = other.str.fullmatch(_PHONE, flags=re.IGNORECASE).to_numpy(dtype=bool)
        digits = other.str.count(r"\d").to_numpy()
        phone = shaped & (digits >= _PHONE_DIGITS[0]) & (digits <= _PHONE_DIGITS[1])
        positions = np.flatnonzero(rest)[phone]
        kinds[positions] = "phone"
        values[positions] = (
            other[phone].str.replace(r"^tel:\s*", "", regex=True, flags=re.IGNORECASE)
        ).to_numpy(dtype=object)
    return kinds, values


def _read_lines(lines: pd.Series, numbers: np.ndarray[Any, Any]) -> _Parsed:
    text, numbers = _value_lines(lines, numbers, _TITLE)
    kinds, values = _classify(text)
    ok = pd.notna(kinds)
    entries = _entries_frame(numbers[ok], values[ok], kinds[ok], None, None)
    return _Parsed(entries, tuple(_rejects(numbers[~ok], _LINE, _NOT_A_VALUE)), len(text))


def _read_dnc(lines: pd.Series, numbers: np.ndarray[Any, Any]) -> _Parsed:
    text, numbers = _value_lines(lines, numbers, re.compile(r"\D+"))
    if not len(text):
        return _Parsed(_entries_frame([], [], [], None, None), (), 0)
    parts = text.str.partition(";")
    digits = parts[0]
    shaped = np.ones(len(digits), dtype=bool)
    plus = np.zeros(len(digits), dtype=bool)
    # The register writes bare digits; only the other lines need cleaning.
    other = ~digits.str.isdigit().to_numpy(dtype=bool)
    if other.any():
        written = digits[other].str.strip().str.replace("(0)", "", regex=False)
        shaped[other] = written.str.fullmatch(_DNC_NUMBER).to_numpy(dtype=bool)
        plus[other] = written.str.startswith("+").to_numpy(dtype=bool)
        digits = digits.copy()
        digits[other] = written.str.replace(r"\D", "", regex=True)
    prefix = digits.str.slice(0, 2).to_numpy(dtype=object)
    double_zero = ~plus & (prefix == "00")
    if double_zero.any():
        digits = digits.copy()
        digits[double_zero] = digits[double_zero].str.slice(2)
    international = plus | double_zero | (prefix == "32")
    values = ("+" + digits).where(international, digits)
    length = digits.str.len().to_numpy()
    sized = (length >= _DNC_DIGITS[0]) & (length <= _DNC_DIGITS[1])
    ok = shaped & sized
    # Dates are stripped in _dates, once per distinct text.
    on = _dates(parts[2].to_numpy(dtype=object)[ok], column="date")
    entries = _entries_frame(
        numbers[ok],
        values.to_numpy(dtype=object)[ok],
        _object_array(["phone"] * int(ok.sum())),
        on,
        None,
    )
    rejects = _rejects(numbers[~shaped], _LINE, "not a phone number")
    rejects += _rejects(
        numbers[shaped & ~sized], _LINE, "too few or too many digits for a phone number"
    )
    rejects.sort(key=lambda reject: reject[0])
    return _Parsed(entries, tuple(rejects), len(text))
