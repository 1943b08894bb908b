"""Files → :class:`RawTable`: CSV in the dialects people really produce, LinkedIn
``Connections.csv``, ``.xlsx`` workbooks and DataFrames, as raw text cells with exact row numbers.

Nothing here normalizes values: a cell is the text that was in the file (decoded), or ``None`` when
empty. Problems with single records (ragged rows, NUL bytes, oversized cells, undecodable bytes)
are recorded in ``RawTable.row_problems`` and the record stays in the frame; problems with the
file as a whole raise :class:`~leadguard.errors.UnsupportedFormatError`.
"""

from __future__ import annotations

import bisect
import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadguard.errors import InputError, UnsupportedFormatError

__all__ = ["MAX_CELL_CHARS", "RawTable", "read_table"]

#: A cell longer than this (in characters) is replaced by None and its record quarantined.
MAX_CELL_CHARS = 1 << 20

# The csv module refuses fields over 128 KiB by default; a 10 MB cell must be read (then
# quarantined), not crash the import. 2**31 - 1 fits a C long on every platform.
_FIELD_SIZE_LIMIT = 2**31 - 1

_DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 200
# How many records may precede the header (LinkedIn's preamble, a title line, blank lines).
_HEADER_SEARCH = 100
# Share of control bytes above which a ".csv" is taken for a binary file. Text exports have
# none; a handful of NUL bytes in a damaged file stays far below this.
_BINARY_RATIO = 0.05
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(r"\s*<(?:!doctype\s+html|html|table|\?xml)", re.IGNORECASE)
_ONLY_LINE_BREAKS = re.compile(rb"[\r\n]*")
_BLANK_TEXT = re.compile(r"[\ufeff\s]*\Z")
_SEP_LINE = re.compile(r"sep=([,;\t|])[ \t]*(?:\r\n|\r|\n)", re.IGNORECASE)
# One physical line as the csv module counts them (\r\n, \r or \n), ending included.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# str.splitlines() also breaks lines at these; the csv module does not.
_OTHER_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Mojibake: UTF-8 bytes of a Latin letter read as cp1252/latin-1 and saved again ("Ã©" for "é").
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u2013-\u203a]"
)

_LINKEDIN_NOTES = "Notes:"
_LINKEDIN_LAYOUTS = (
    frozenset(
        ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
    ),
    frozenset(("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")),
)
_XLSX_EXTENSIONS = (".xlsx", ".xlsm", ".xltx", ".xltm")
_OTHER_SPREADSHEETS = {
    ".ods": "an OpenDocument spreadsheet",
    ".xlsb": "an Excel binary workbook (.xlsb)",
    ".numbers": "an Apple Numbers document",
}


@dataclass(frozen=True)
class RawTable:
    """A table of raw text cells (str or None) with the 1-based record number of every row."""

    frame: pd.DataFrame
    row_numbers: list[int]
    row_problems: dict[int, str]
    file_name: str | None
    sha256: str | None
    size: int | None
    format: str
    encoding: str | None
    delimiter: str | None
    header_row: int
    sheet: str | None
    warnings: tuple[str, ...] = ()


def read_file_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError naming the file and what to do."""
    name = path.name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found: check the path", file=name) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file: give the path of the file", file=name) from None
    except OSError as exc:
        raise InputError(
            f"cannot be read ({exc.strerror or type(exc).__name__}): check the file's permissions",
            file=name,
        ) from None


def read_table(
    source: str | os.PathLike[str] | pd.DataFrame, *, sheet: str | int | None = None
) -> RawTable:
    """Read a CSV/TSV/TXT file, LinkedIn's ``Connections.csv``, an ``.xlsx`` or a DataFrame.

    ``sheet`` picks an .xlsx worksheet by name or by 0-based position (default: the first).
    """
    if isinstance(source, pd.DataFrame):
        return _read_dataframe(source)
    path = Path(os.fsdecode(source))
    name = path.name
    data = read_file_bytes(path)
    meta = _FileMeta(name, hashlib.sha256(data).hexdigest(), len(data))
    ext = path.suffix.lower()
    if ext == ".xls" or data.startswith(_OLE2_MAGIC):
        raise UnsupportedFormatError(_old_excel_message(data, ext), file=name)
    if ext in _OTHER_SPREADSHEETS:
        raise UnsupportedFormatError(
            f"is {_OTHER_SPREADSHEETS[ext]}, which leadguard does not read: "
            "save it as .xlsx or CSV (UTF-8)",
            file=name,
        )
    if ext in _XLSX_EXTENSIONS:
        return _read_xlsx(data, meta, sheet)
    return _read_delimited(data, meta, sheet)


# --------------------------------------------------------------------------------------------
# Shared building blocks


@dataclass(frozen=True)
class _FileMeta:
    name: str
    sha256: str
    size: int


@dataclass
class _Grid:
    """Parsed records before naming: header cells and one object array per column."""

    header: list[str]
    columns: list[np.ndarray[Any, np.dtype[np.object_]]]
    numbers: list[int]
    problems: dict[int, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _old_excel_message(data: bytes, ext: str) -> str:
    if ext == ".xls" and not data.startswith(_OLE2_MAGIC) and _looks_like_text(data):
        # Web tools often export HTML or tab-separated text under an .xls name.
        return (
            "is named .xls but holds text, not an Excel workbook: open it in Excel and save it as "
            ".xlsx or CSV (UTF-8), or rename it to .csv if it is tab- or comma-separated text"
        )
    return "is an old Excel (.xls) workbook, which leadguard does not read: save as .xlsx or CSV"


def _blank_bytes(data: bytes) -> bool:
    # isspace() stops at the first other byte; strip() would copy a 100 MB file.
    return not data or data.isspace()


def _looks_like_text(data: bytes) -> bool:
    sample = data[:_SNIFF_CHARS]
    return bool(sample) and _control_ratio(sample) <= _BINARY_RATIO


def _control_ratio(sample: bytes) -> float:
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(len(sample), 1)


def _float_text(value: float) -> str | None:
    """The exact text of a spreadsheet number: 12.0 → "12", 3.2470123456E10 → "32470123456"."""
    if math.isnan(value):
        return None
    if math.isinf(value):
        return "-inf" if value < 0 else "inf"
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    # repr() is the shortest text that round-trips; Decimal only removes the exponent notation
    # (1e-05 → 0.00001) so that nothing reads like "3.2470123456E10".
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def _cell_text(value: Any) -> str | None:
    """A spreadsheet or DataFrame cell as its text; None for an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool | np.bool_):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        return _float_text(float(value))
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.time() == dt.time(0):
            # Excel has no date-only type: a date cell is a datetime at midnight.
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return _cell_text(pd.Timestamp(value)) if not np.isnat(value) else None
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else None
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace") or None
    try:
        if value != value:  # NaN-like objects refuse to equal themselves
            return None
    except (TypeError, ValueError):
        pass
    return str(value) or None


def _object_array(values: Sequence[Any]) -> np.ndarray[Any, np.dtype[np.object_]]:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _empty_to_none(
    array: np.ndarray[Any, np.dtype[np.object_]],
) -> tuple[np.ndarray[Any, np.dtype[np.object_]], np.ndarray[Any, np.dtype[np.bool_]]]:
    """Replace "" by None in an array of parsed text cells; return it and its emptiness mask."""
    empty = np.asarray(array == "", dtype=bool)
    if empty.any():
        array = array.copy()
        array[empty] = None
    return array, empty


def _unique_names(header: list[str], keep: list[int], grid_warnings: list[str]) -> list[str]:
    """Names for the kept columns: empty headers become "column N", repeats "Email (2)"."""
    raw = [
        header[index] if index < len(header) and header[index].strip() else f"column {index + 1}"
        for index in keep
    ]
    taken = set(raw)
    seen: set[str] = set()
    names: list[str] = []
    for index, name in zip(keep, raw, strict=True):
        if not (index < len(header) and header[index].strip()):
            grid_warnings.append(
                f"column {index + 1} has no header but holds data: it was named {name!r}"
            )
        if name in seen:
            number = 2
            while f"{name} ({number})" in taken:
                number += 1
            new = f"{name} ({number})"
            taken.add(new)
            grid_warnings.append(
                f"column {index + 1}: the header {name!r} appears more than once; "
                f"this column was named {new!r}"
            )
            name = new
        seen.add(name)
        names.append(name)
    return names


def _finish(
    grid: _Grid,
    *,
    meta: _FileMeta | None,
    format: str,
    encoding: str | None,
    delimiter: str | None,
    header_row: int,
    sheet: str | None,
) -> RawTable:
    width = max(len(grid.header), len(grid.columns))
    header = grid.header + [""] * (width - len(grid.header))
    keep = [
        index
        for index in range(len(grid.columns))
        # Excel pads exports with empty columns ("a;b;c;;;"): an unnamed column without data
        # carries nothing, so it is dropped without a warning.
        if header[index].strip() or any(value is not None for value in grid.columns[index])
    ]
    names = _unique_names(header, keep, grid.warnings)
    frame = pd.DataFrame(
        {name: grid.columns[index] for name, index in zip(names, keep, strict=True)},
        index=pd.RangeIndex(len(grid.numbers)),
        columns=names,
        dtype=object,
    )
    return RawTable(
        frame=frame,
        row_numbers=grid.numbers,
        row_problems={row: "; ".join(reasons) for row, reasons in sorted(grid.problems.items())},
        file_name=meta.name if meta else None,
        sha256=meta.sha256 if meta else None,
        size=meta.size if meta else None,
        format=format,
        encoding=encoding,
        delimiter=delimiter,
        header_row=header_row,
        sheet=sheet,
        warnings=tuple(grid.warnings),
    )


def _check_header_cells(header: list[str], where: str, grid_warnings: list[str]) -> list[str]:
    """Remove NUL bytes and a stray BOM from header cells; warn when the header looks like data."""
    cleaned = [cell.replace("\x00", "").lstrip("\ufeff") for cell in header]
    if cleaned != header:
        grid_warnings.append(f"the header ({where}) contained NUL bytes or a byte-order mark")
    if any("@" in cell and " " not in cell.strip() for cell in cleaned):
        grid_warnings.append(
            f"the header ({where}) contains an e-mail address: if the file has no header row, "
            "add one naming the columns"
        )
    elif not any(char.isalpha() for cell in cleaned for char in cell):
        grid_warnings.append(
            f"the header ({where}) has no letters, only numbers or dates: if the file has no "
            "header row, add one naming the columns"
        )
    return cleaned


# --------------------------------------------------------------------------------------------
# DataFrames


def _read_dataframe(frame: pd.DataFrame) -> RawTable:
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise UnsupportedFormatError("the DataFrame has no data rows or no columns")
    header = [_cell_text(label) or "" for label in frame.columns]
    columns: list[np.ndarray[Any, np.dtype[np.object_]]] = []
    blank = np.ones(frame.shape[0], dtype=bool)
    for position in range(frame.shape[1]):
        values = frame.iloc[:, position].to_numpy(dtype=object)
        array = _object_array([_cell_text(value) for value in values])
        blank &= np.asarray(pd.isna(array), dtype=bool)
        columns.append(array)
    kept = np.flatnonzero(~blank)
    if kept.size == 0:
        raise UnsupportedFormatError("the DataFrame has no data rows (every row is empty)")
    if kept.size < frame.shape[0]:
        columns = [column[kept] for column in columns]
    grid = _Grid(header, columns, [int(i) + 1 for i in kept])
    grid.header = _check_header_cells(grid.header, "column names", grid.warnings)
    return _finish(
        grid,
        meta=None,
        format="dataframe",
        encoding=None,
        delimiter=None,
        header_row=0,
        sheet=None,
    )


# --------------------------------------------------------------------------------------------
# .xlsx


def _read_xlsx(data: bytes, meta: _FileMeta, sheet: str | int | None) -> RawTable:
    import openpyxl  # imported here: CSV-only users should not pay for it

    if not data.startswith(_ZIP_MAGIC):
        hint = (
            "it holds text: if it is a CSV, rename it to .csv"
            if _looks_like_text(data)
            else "it may be damaged: open it in Excel and save it again as .xlsx"
        )
        if not data:
            hint = "the file is empty"
        raise UnsupportedFormatError(
            f"is not a valid .xlsx workbook (not a zip): {hint}", file=meta.name
        )
    grid_warnings: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        # openpyxl warns about features it drops (data validation, unknown extensions...);
        # they concern the workbook's looks, never its cell values, so they are reported as notes.
        warnings.simplefilter("always")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises a zoo of exceptions for damaged workbooks
            raise UnsupportedFormatError(
                f"cannot be opened as an Excel workbook ({type(exc).__name__}): open it in Excel "
                "and save it again as .xlsx, or save it as CSV (UTF-8)",
                file=meta.name,
            ) from None
        try:
            worksheet = _pick_sheet(workbook.worksheets, sheet, meta.name, grid_warnings)
            # Some writers store a wrong <dimension> (e.g. "A1"); without the reset, read-only
            # mode would trust it and return only part of the sheet.
            worksheet.reset_dimensions()
            rows = [
                [_cell_text(value) for value in row]
                for row in worksheet.iter_rows(values_only=True)
            ]
            title = worksheet.title
        except UnsupportedFormatError:
            raise
        except Exception as exc:
            raise UnsupportedFormatError(
                f"the worksheet cannot be read ({type(exc).__name__}): open the workbook in Excel "
                "and save it again, or save the sheet as CSV (UTF-8)",
                file=meta.name,
            ) from None
        finally:
            workbook.close()
    for warning in caught:
        grid_warnings.append(f"Excel reader: {warning.message}")
    return _xlsx_grid(rows, meta, title, grid_warnings)


def _pick_sheet(
    worksheets: Sequence[Any], sheet: str | int | None, name: str, grid_warnings: list[str]
) -> Any:
    titles = [ws.title for ws in worksheets]
    if not worksheets:
        raise UnsupportedFormatError("the workbook has no worksheets", file=name)
    if sheet is None:
        if len(worksheets) > 1:
            grid_warnings.append(
                f"the workbook has {len(worksheets)} sheets ({', '.join(map(repr, titles))}); "
                f"the first, {titles[0]!r}, was read (choose another with sheet=)"
            )
        return worksheets[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if 0 <= sheet < len(worksheets):
            return worksheets[sheet]
        raise UnsupportedFormatError(
            f"has no sheet number {sheet} (sheet= counts from 0); its sheets are "
            f"{', '.join(map(repr, titles))}",
            file=name,
        )
    if sheet in titles:
        return worksheets[titles.index(sheet)]
    folded = [t for t in titles if t.strip().casefold() == str(sheet).strip().casefold()]
    if len(folded) == 1:
        return worksheets[titles.index(folded[0])]
    raise UnsupportedFormatError(
        f"has no sheet named {sheet!r}; its sheets are {', '.join(map(repr, titles))}",
        file=name,
    )


def _xlsx_grid(
    rows: list[list[str | None]], meta: _FileMeta, title: str, grid_warnings: list[str]
) -> RawTable:
    filled = [sum(1 for value in row if value is not None and value.strip()) for row in rows]
    header_index = next((i for i, count in enumerate(filled) if count >= 2), None)
    if header_index is None:
        # A one-column sheet (a plain list of e-mail addresses) has no row with two cells.
        header_index = next((i for i, count in enumerate(filled) if count >= 1), None)
    if header_index is None:
        raise UnsupportedFormatError(f"the sheet {title!r} is empty", file=meta.name)
    if header_index > 0:
        grid_warnings.append(
            f"sheet {title!r}: {header_index} row(s) above the header (row {header_index + 1}) "
            "were skipped"
        )
    header = [value or "" for value in rows[header_index]]
    data_rows: list[list[str | None]] = []
    numbers: list[int] = []
    for offset, row in enumerate(rows[header_index + 1 :], start=1):
        if any(value is not None for value in row):
            data_rows.append(row)
            numbers.append(offset)
    if not data_rows:
        raise UnsupportedFormatError(
            f"sheet {title!r} has a header (row {header_index + 1}) but no data rows",
            file=meta.name,
        )
    # The grid is rectangular: a cell right of the last header is a column without a header.
    width = max(
        len(header),
        max(
            max((i + 1 for i, v in enumerate(row) if v is not None), default=0) for row in data_rows
        ),
    )
    padded = [row + [None] * (width - len(row)) for row in data_rows]
    columns = [_object_array(list(column)) for column in zip(*padded, strict=True)]
    grid = _Grid(header, columns, numbers, warnings=grid_warnings)
    grid.header = _check_header_cells(header, f"row {header_index + 1}", grid.warnings)
    return _finish(
        grid,
        meta=meta,
        format="xlsx",
        encoding=None,
        delimiter=None,
        header_row=header_index + 1,
        sheet=title,
    )


# --------------------------------------------------------------------------------------------
# Delimited text: decoding


@dataclass
class _Decoded:
    text: str
    encoding: str
    bom_length: int = 0  # bytes before the text in the file (for the fast path's byte offset)
    fallback_lines: frozenset[int] = frozenset()  # physical lines read as cp1252 in a UTF-8 file
    bad_lines: frozenset[int] = frozenset()  # physical lines with bytes nothing could decode
    replaced: bool = False  # a UTF-16/32 text with undecodable bytes (replaced by U+FFFD)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(data: bytes, name: str) -> _Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_wide(data, encoding)
    wide = _utf16_without_bom(data)
    if wide is not None:
        return _decode_wide(data, wide)
    _reject_binary(data, name)
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return _Decoded(data[skip:].decode("utf-8"), "utf-8-sig" if skip else "utf-8", skip)
    except UnicodeDecodeError:
        return _decode_lines(data[skip:])


def _decode_wide(data: bytes, encoding: str) -> _Decoded:
    try:
        return _Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return _Decoded(data.decode(encoding, errors="replace"), encoding, replaced=True)


def _utf16_without_bom(data: bytes) -> str | None:
    """Excel's "Unicode text" without its BOM: ASCII characters leave a NUL in every other byte."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.3 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _reject_binary(data: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnsupportedFormatError(
                f"is {what}, not a CSV file: export the list as CSV or .xlsx", file=name
            )
    if data.startswith(_ZIP_MAGIC):
        if b"xl/workbook" in data[:65536] or b"[Content_Types].xml" in data[:65536]:
            raise UnsupportedFormatError(
                "is an Excel workbook (.xlsx) under another name: rename it to .xlsx", file=name
            )
        raise UnsupportedFormatError(
            "is a ZIP archive, not a CSV file: unpack it and read the CSV inside", file=name
        )
    if _control_ratio(data[:_SNIFF_CHARS]) > _BINARY_RATIO:
        raise UnsupportedFormatError(
            "is a binary file (mostly control bytes), not a CSV: export the list as CSV or .xlsx",
            file=name,
        )
    head = data[:512].lstrip(codecs.BOM_UTF8).decode("latin-1")
    if _MARKUP.match(head):
        raise UnsupportedFormatError(
            "is an HTML or XML document, not a CSV: open it in Excel and save it as CSV or .xlsx",
            file=name,
        )


def _decode_lines(data: bytes) -> _Decoded:
    """A file that is not valid UTF-8: decode line by line, UTF-8 first, then Windows-1252.

    A list that was edited in several tools is often UTF-8 with a few lines pasted in from a
    cp1252 file; decoding the whole file as cp1252 would garble its UTF-8 lines instead.
    """
    parts: list[str] = []
    utf8_lines = 0
    fallback: list[int] = []
    bad: list[int] = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        if line.isascii():
            parts.append(line.decode("ascii"))
            continue
        try:
            parts.append(line.decode("utf-8"))
            utf8_lines += 1
            continue
        except UnicodeDecodeError:
            pass
        fallback.append(number)
        try:
            parts.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            # Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in cp1252.
            parts.append(line.decode("cp1252", errors="replace"))
            bad.append(number)
    encoding = "mixed (utf-8, cp1252)" if utf8_lines else "cp1252"
    return _Decoded(
        "".join(parts),
        encoding,
        fallback_lines=frozenset(fallback) if utf8_lines else frozenset(),
        bad_lines=frozenset(bad),
    )


# --------------------------------------------------------------------------------------------
# Delimited text: dialect, header and records


class _Lines:
    """Physical lines of a text from an offset, as csv.reader needs them, tracking the position."""

    def __init__(self, text: str, start: int = 0) -> None:
        self._matches = _LINE.finditer(text, start)
        self.end = start

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        match = next(self._matches)
        self.end = match.end()
        return match.group()


def _sniff(sample: str) -> tuple[str, int]:
    """The delimiter whose records most often agree on a column count above one, and that count.

    csv.Sniffer guesses from character frequencies and trips over preambles and quoted text;
    parsing the sample with every candidate and counting agreeing records does not. The first
    record (normally the header) agreeing weighs most: a ";" file whose address cells all hold
    one comma agrees on two columns for "," too, except in its header.
    """
    best: tuple[bool, int, int, int] = (False, 0, 0, 0)
    choice = (",", 1)
    for priority, delimiter in enumerate(reversed(_DELIMITERS)):
        widths = Counter[int]()
        first = 0
        records = 0
        try:
            for record in csv.reader(_Lines(sample), delimiter=delimiter):
                if not any(cell.strip() for cell in record):
                    continue
                records += 1
                first = first or len(record)
                if len(record) > 1:
                    widths[len(record)] += 1
                if records >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not widths:
            continue
        width, agreeing = max(widths.items(), key=lambda item: (item[1], item[0]))
        score = (first == width, agreeing, width, priority)
        if score > best:
            best, choice = score, (delimiter, width)
    return choice


@dataclass
class _Header:
    cells: list[str]
    start_line: int  # physical line where the header record starts (1-based, whole file)
    end_line: int  # physical line where it ends
    end_offset: int  # character offset just after it
    skipped: int  # non-blank records above it
    linkedin_notes: bool


def _find_header(text: str, start: int, lines_before: int, delimiter: str, width: int) -> _Header:
    lines = _Lines(text, start)
    reader = csv.reader(lines, delimiter=delimiter)
    records: list[tuple[list[str], int, int, int]] = []
    previous_end = 0
    for record in reader:
        records.append((record, previous_end + 1, reader.line_num, lines.end))
        previous_end = reader.line_num
        if len(records) >= _HEADER_SEARCH:
            break
    nonblank = [i for i, (record, *_) in enumerate(records) if any(c.strip() for c in record)]
    if not nonblank:
        raise _EmptyFile
    stripped = [[c.strip() for c in record] for record, *_ in records]
    notes = [c for c in stripped[nonblank[0]] if c] == [_LINKEDIN_NOTES]
    choice: int | None = None
    if notes:
        # LinkedIn's preamble is "Notes:", a quoted paragraph and a blank line; the header is
        # found by its names rather than by skipping a fixed number of lines.
        choice = next(
            (i for i in nonblank if "Connected On" in stripped[i] or "First Name" in stripped[i]),
            None,
        )
    if choice is None and width >= 2:
        choice = next((i for i in nonblank if sum(1 for c in stripped[i] if c) >= 2), None)
    if choice is None:
        choice = nonblank[0]
    record, first, last, end_offset = records[choice]
    return _Header(
        cells=record,
        start_line=lines_before + first,
        end_line=lines_before + last,
        end_offset=end_offset,
        skipped=sum(1 for i in nonblank if i < choice),
        linkedin_notes=notes,
    )


class _EmptyFile(Exception):
    pass


def _read_delimited(data: bytes, meta: _FileMeta, sheet: str | int | None) -> RawTable:
    name = meta.name
    if _blank_bytes(data):
        raise UnsupportedFormatError("the file is empty: export the list again", file=name)
    decoded = _decode(data, name)
    text = decoded.text
    if _BLANK_TEXT.match(text):
        raise UnsupportedFormatError("the file is empty: export the list again", file=name)
    head = text[:_SNIFF_CHARS]
    if decoded.encoding.startswith(("utf-16", "utf-32")):
        # The NUL test that spots binary files cannot run on UTF-16 bytes; run it on the text.
        if len(_CONTROL_CHARS.findall(head)) > _BINARY_RATIO * len(head):
            raise UnsupportedFormatError(
                "is a binary file, not a CSV: export the list as CSV or .xlsx", file=name
            )
    file_warnings: list[str] = []
    if sheet is not None:
        file_warnings.append("sheet= was ignored: a CSV file has no sheets")
    if decoded.encoding == "cp1252":
        file_warnings.append(
            "the file is not UTF-8 and was read as Windows-1252 (cp1252): if accented letters look "
            "wrong, save it from Excel as 'CSV UTF-8'"
        )
    if decoded.replaced:
        file_warnings.append(
            f"the file has bytes that are not valid {decoded.encoding}; they were replaced by "
            "U+FFFD and the rows holding them are quarantined"
        )

    start, lines_before, delimiter = 0, 0, None
    sep_line = _SEP_LINE.match(text)
    if sep_line:
        # Excel writes and honours a first line "sep=;" naming the delimiter.
        start, lines_before, delimiter = sep_line.end(), 1, sep_line.group(1)
    sample = text[start : start + _SNIFF_CHARS]
    if len(text) > start + _SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n") + 1]
    sniffed, width = _sniff(sample)
    if delimiter is None:
        delimiter = sniffed

    if csv.field_size_limit() < _FIELD_SIZE_LIMIT:
        csv.field_size_limit(_FIELD_SIZE_LIMIT)
    try:
        header = _find_header(text, start, lines_before, delimiter, width)
    except _EmptyFile:
        raise UnsupportedFormatError(
            "the file is empty: export the list again", file=name
        ) from None
    if header.skipped and not header.linkedin_notes:
        above = header.start_line - 1 - lines_before
        file_warnings.append(
            f"the {above} line(s) above the header (line {header.start_line}) were skipped"
        )
    if ("\u00c3" in text or "\u00c2" in text) and _MOJIBAKE.search(text):
        file_warnings.append(
            "the file contains double-encoded text (such as 'Ã©' for 'é'); it was read as it is: "
            "fix the source file if names look garbled"
        )

    grid: _Grid | None = None
    if not (decoded.fallback_lines or decoded.bad_lines or decoded.replaced or "\x00" in text):
        grid = _records_fast(data, decoded, header, delimiter)
    if grid is None:
        grid = _records_csv(decoded, header, delimiter)
    if not grid.numbers:
        raise UnsupportedFormatError(
            f"has a header (line {header.start_line}) but no data rows", file=name
        )
    grid.header = _check_header_cells(header.cells, f"line {header.start_line}", grid.warnings)
    grid.warnings[:0] = file_warnings
    cells = {cell.strip() for cell in header.cells}
    linkedin = (header.linkedin_notes and "Connected On" in cells) or cells in _LINKEDIN_LAYOUTS
    return _finish(
        grid,
        meta=meta,
        format="linkedin" if linkedin else "csv",
        encoding=decoded.encoding,
        delimiter=delimiter,
        header_row=header.start_line,
        sheet=None,
    )


def _records_fast(data: bytes, decoded: _Decoded, header: _Header, delimiter: str) -> _Grid | None:
    """Parse the records under the header with pandas' C parser; None when the csv path must.

    About four times faster than the csv module. It hands over to the csv path for anything
    it cannot report exactly: rows two or more cells too long, an unclosed quote, warnings.
    """
    width = len(header.cells)
    if decoded.encoding in ("utf-8", "utf-8-sig"):
        offset = decoded.bom_length + len(decoded.text[: header.end_offset].encode("utf-8"))
        rest = data[offset:]
    else:
        rest = decoded.text[header.end_offset :].encode("utf-8")
    if _ONLY_LINE_BREAKS.fullmatch(rest):
        return None  # nothing under the header: let the csv path say so
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            frame = pd.read_csv(
                io.BytesIO(rest),
                sep=delimiter,
                header=None,
                # One spare column: a row with one cell too many lands there instead of
                # silently becoming the index (pandas' implicit index column).
                names=range(width + 1),
                dtype=object,
                na_filter=False,
                skip_blank_lines=False,
                quotechar='"',
                doublequote=True,
                engine="c",
                encoding="utf-8",
            )
        except Exception:  # ragged rows, EOF inside a quote...: the csv path reports them
            return None
    if caught or not isinstance(frame.index, pd.RangeIndex) or frame.shape[1] != width + 1:
        return None
    columns: list[np.ndarray[Any, np.dtype[np.object_]]] = []
    blank = np.ones(len(frame), dtype=bool)
    for position in range(width + 1):
        array, empty = _empty_to_none(frame.iloc[:, position].to_numpy(dtype=object))
        blank &= empty
        columns.append(array)
    # The spare column holds the extra cell of rows exactly one cell too long (longer ones
    # made pandas raise above); only its emptiness matters.
    columns.pop()
    spare_filled = ~empty
    kept = np.flatnonzero(~blank)
    if kept.size < len(frame):
        columns = [column[kept] for column in columns]
        spare_filled = spare_filled[kept]
    grid = _Grid(header.cells, columns, (kept + 1).tolist())
    for index in np.flatnonzero(spare_filled).tolist():
        grid.problems[grid.numbers[index]] = [_ragged_reason(width + 1, width, delimiter)]
    if len(decoded.text) > MAX_CELL_CHARS:
        for position, column in enumerate(columns):
            if max(map(len, filter(None, column)), default=0) > MAX_CELL_CHARS:
                _clear_big_cells(grid, position)
    return grid


def _ragged_reason(cells: int, width: int, delimiter: str) -> str:
    return (
        f"has {cells} cells but the header has {width}; the extra cells were left out "
        f"(an unquoted {_DELIMITER_NAMES.get(delimiter, delimiter)} inside a cell?)"
    )


def _clear_big_cells(grid: _Grid, position: int) -> None:
    # pandas hands out read-only views of its data (copy-on-write): write to a copy.
    column = grid.columns[position] = grid.columns[position].copy()
    for index, value in enumerate(column):
        if value is not None and len(value) > MAX_CELL_CHARS:
            column[index] = None
            grid.problems.setdefault(grid.numbers[index], []).append(
                _big_cell_reason(grid.header, position, len(value))
            )


def _big_cell_reason(header: list[str], position: int, length: int) -> str:
    label = header[position].strip() if position < len(header) else ""
    where = f"column {label!r}" if label else f"column {position + 1}"
    return (
        f"the cell in {where} holds {length:,} characters (over the 1 MiB limit); it was left empty"
    )


def _records_csv(decoded: _Decoded, header: _Header, delimiter: str) -> _Grid:
    """Parse the records under the header with the csv module, noting every damaged record."""
    text = decoded.text
    width = len(header.cells)
    base = header.end_line  # physical lines above the first data line
    rest = text[header.end_offset :]
    lines = _split_lines(rest)
    # Damaged physical lines (1-based, counted from the first data line), found once up front
    # so that the loop below costs one comparison per record for them.
    nul: set[int] = set()
    if "\x00" in rest:
        line_ends = list(itertools.accumulate(map(len, lines)))
        position = rest.find("\x00")
        while position >= 0:
            nul.add(bisect.bisect_right(line_ends, position) + 1)
            position = rest.find("\x00", position + 1)
    fallback = {n - base for n in decoded.fallback_lines if n > base}
    bad = {n - base for n in decoded.bad_lines if n > base}
    flagged = sorted(nul | fallback | bad)
    next_flag = 0
    check_size = len(text) > MAX_CELL_CHARS
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: dict[int, list[str]] = {}
    fallback_records = 0
    number = previous_end = 0
    last_span = (0, 0)
    padding = [""] * width
    reader = csv.reader(lines, delimiter=delimiter)
    for row in reader:
        number += 1
        first_line, previous_end = previous_end + 1, reader.line_num
        marks: set[int] | None = None
        if next_flag < len(flagged) and flagged[next_flag] <= previous_end:
            marks = set()
            while next_flag < len(flagged) and flagged[next_flag] <= previous_end:
                marks.add(flagged[next_flag])
                next_flag += 1
        if not any(row):
            continue
        reasons: list[str] = []
        if len(row) != width:
            if len(row) > width:
                if any(row[width:]):
                    reasons.append(_ragged_reason(len(row), width, delimiter))
                row = row[:width]
            else:
                row = row + padding[len(row) :]
        if check_size and max(map(len, row)) > MAX_CELL_CHARS:
            for position, cell in enumerate(row):
                if len(cell) > MAX_CELL_CHARS:
                    reasons.append(_big_cell_reason(header.cells, position, len(cell)))
                    row[position] = ""
        if marks:
            if marks & nul:
                reasons.append("contains a NUL byte (a damaged file?)")
            if marks & bad:
                reasons.append("contains bytes that are neither UTF-8 nor Windows-1252")
            if marks & fallback:
                fallback_records += 1
        if decoded.replaced and any("\ufffd" in cell for cell in row):
            reasons.append(f"contains bytes that are not valid {decoded.encoding}")
        if reasons:
            problems[number] = reasons
        rows.append(row)
        numbers.append(number)
        last_span = (first_line, previous_end)
    grid_warnings: list[str] = []
    if fallback_records:
        grid_warnings.append(
            f"the file is UTF-8 except {fallback_records} row(s) in Windows-1252 (cp1252), which "
            "were read as such: check accented letters in those rows"
        )
    first_line, end_line = last_span
    if numbers and end_line > first_line:
        tail = "".join(lines[first_line - 1 :])
        if _ends_inside_quotes(tail, delimiter):
            problems.setdefault(numbers[-1], []).append(
                f"a quoted cell in this row (starting on line {base + first_line}) is never "
                f"closed, so lines {base + first_line}-{base + end_line} were read into this one "
                "row: remove or close the stray quote"
            )
            grid_warnings.append(
                f"line {base + first_line} opens a quoted cell that is never closed: the rest of "
                f"the file was read as row {numbers[-1]}, which is quarantined"
            )
    columns = [_empty_to_none(_object_array(column))[0] for column in zip(*rows, strict=True)]
    if not rows:
        columns = [_object_array([]) for _ in range(width)]
    return _Grid(header.cells, columns, numbers, problems, grid_warnings)


def _split_lines(text: str) -> list[str]:
    """Physical lines with their endings, split where the csv module splits: CR LF, CR or LF."""
    if any(char in text for char in _OTHER_LINE_BREAKS):
        return _LINE.findall(text)
    # Three times faster than the regex, and the same split when those other breaks are absent.
    return text.splitlines(keepends=True)


def _ends_inside_quotes(record: str, delimiter: str, quote: str = '"') -> bool:
    """Whether the text of one record ends inside a quoted cell (the csv module, non-strict)."""
    position, length = 0, len(record)
    while position < length:
        if record[position] == quote:  # a quoted cell: find its closing quote
            position += 1
            while True:
                closing = record.find(quote, position)
                if closing < 0:
                    return True
                if record.startswith(quote * 2, closing):  # a doubled quote is a literal one
                    position = closing + 2
                    continue
                position = closing + 1
                break
        # An unquoted cell, or the rest of a cell after its closing quote: quotes are literal.
        ends = [
            i for i in (record.find(delimiter, position), _find_newline(record, position)) if i >= 0
        ]
        if not ends:
            return False
        end = min(ends)
        if record[end] != delimiter:
            return False  # the record ended on a line break outside quotes
        position = end + 1
    return False


def _find_newline(text: str, start: int) -> int:
    found = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
    return min(found) if found else -1
