"""Acquisition dates as people write them, read column-wise: 03/04/2024 means one thing per column.

Decisions, for a column of numeric dates such as ``03/04/2024``:

* a value whose first part is over 12 (``25/12/2024``) can only be day-first, one whose second part
  is over 12 (``12/25/2024``) only month-first; such values decide the order for the whole column;
* a column holding both kinds is inconsistent: its undecidable values (both parts ≤ 12) become
  problems, while the decidable ones are still read;
* a 12-hour clock (``"1/8/18, 6:14 PM"``, LinkedIn's 2018 export) is weaker evidence of US
  month-first order, used only when no value decides;
* otherwise day-first, the European default.

ISO dates (``2024-10-09``, with or without a time) and dates with a month name (``09 Oct 2024``,
``9. Oktober 2024``, ``1er octobre 2024``, ``Oct 9, 2024``; English, Dutch, French, German, Swedish
and Polish names) are never ambiguous. Two-digit years are 20yy. A time of day is read past and
dropped: the date is the one written, whatever the time zone. A 5-digit number (``45574``, also
with a fraction for the time) is an Excel date serial only when every other non-empty value of the
column is a date too, and only between 1970 and 2099; otherwise it is a problem, because such a
column may as well hold postcodes or IDs.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from leadguard.normalize._text import as_text

__all__ = ["parse_date", "parse_dates"]

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01, after Excel's 1900 leap-year bug
_SERIAL_MIN = (dt.date(1970, 1, 1) - _EXCEL_EPOCH).days
_SERIAL_MAX = (dt.date(2099, 12, 31) - _EXCEL_EPOCH).days

_UNKNOWN = "not a date in a known format (such as 31/12/2024, 2024-12-31 or 31 Dec 2024)"
_INVALID = "not a valid calendar date"
_YEAR = f"the year is outside {_MIN_YEAR}-{_MAX_YEAR}"
_SERIAL_ALONE = (
    "a 5-digit number is read as an Excel date only when the rest of the column holds dates"
)
_SERIAL_RANGE = "an Excel date number outside 1970-2099"


def _months() -> dict[str, int]:
    names = {
        1: "jan january januari janv janvier januar janner jaenner sty stycznia styczen",
        2: "feb febr february februari fev fevr fevrier februar lut lutego luty",
        3: "mar march maart mrt mars marz maerz mrz marca marzec",
        4: "apr april avr avril kwi kwietnia kwiecien",
        5: "may mei mai maj maja",
        6: "jun june juni juin cze czerwca czerwiec",
        7: "jul july juli juil juillet lip lipca lipiec",
        8: "aug august augustus aout augusti sie sierpnia sierpien",
        9: "sep sept september septembre wrz wrzesnia wrzesien",
        10: "oct october okt oktober octobre paz pazdziernika pazdziernik",
        11: "nov november novembre lis listopada listopad",
        12: "dec december decembre dez dezember gru grudnia grudzien",
    }
    return {name: month for month, words in names.items() for name in words.split()}


_MONTHS = _months()
_WEEKDAY = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|day)?\.?,?\s+"
    r"|(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|lundi|mardi|mercredi|jeudi"
    r"|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)"
    r",?\s+"
)
# A time of day after the date: "14:30", "6:14 PM", "T14:30:00.000Z", "14h30", "14:30 Uhr".
_TIME = (
    r"(?:(?:\s*,\s*|\s+|t)(?P<hour>\d{1,2})[:h.](?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*(?:uhr)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?"
)
_ISO = re.compile(rf"(?P<y>\d{{4}})(?P<s>[-/.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){_TIME}")
_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,2}})\s*(?P<s>[-/.])\s*(?P<b>\d{{1,2}})\s*(?P=s)\s*(?P<y>\d{{4}}|\d{{2}})\.?{_TIME}"
)
_DAY_MONTH_NAME = re.compile(
    rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|e|\.)?[\s./-]*(?P<mon>[^\W\d_]+)\.?[\s./,-]*"
    rf"(?P<y>\d{{4}}|\d{{2}}){_TIME}"
)
_MONTH_NAME_DAY = re.compile(
    rf"(?P<mon>[^\W\d_]+)\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_TIME}"
)
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?")
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


@dataclass(frozen=True)
class _Reading:
    """One value read on its own; numeric day/month values wait for the column's decision."""

    date: dt.date | None = None
    reason: str | None = None
    # Set for numeric values such as 03/04/2024: both parts and the year.
    parts: tuple[int, int, int] | None = None
    twelve_hour: bool = False
    serial: int | None = None


def parse_dates(
    values: Sequence[str | None], *, column: str | None = None
) -> tuple[list[dt.date | None], dict[int, str]]:
    """Read a column of dates, deciding day-first or month-first once for the whole column.

    Returns one date (or None) per value and ``{index: reason}`` for non-empty values not read.
    """
    cache: dict[str, _Reading] = {}
    readings: list[_Reading | None] = []
    for value in values:
        text = _text(value)
        if text is None:
            readings.append(None)
            continue
        if isinstance(text, dt.date):
            readings.append(_Reading(date=text))
            continue
        reading = cache.get(text)
        if reading is None:
            reading = cache[text] = _read(text)
        readings.append(reading)

    day_first = any(r is not None and r.parts is not None and r.parts[0] > 12 for r in readings)
    month_first = any(r is not None and r.parts is not None and r.parts[1] > 12 for r in readings)
    twelve_hour = any(r is not None and r.parts is not None and r.twelve_hour for r in readings)
    order: str | None
    if day_first and month_first:
        order = None
    elif day_first:
        order = "dmy"
    elif month_first or twelve_hour:
        order = "mdy"
    else:
        order = "dmy"
    serials_allowed = all(
        r is None or r.date is not None or r.parts is not None or r.serial is not None
        for r in readings
    )

    dates: list[dt.date | None] = []
    problems: dict[int, str] = {}
    for index, reading in enumerate(readings):
        date: dt.date | None = None
        reason: str | None = None
        if reading is None:
            pass
        elif reading.date is not None or reading.reason is not None:
            date, reason = reading.date, reading.reason
        elif reading.parts is not None:
            date, reason = _resolve(reading.parts, order, column)
        elif reading.serial is not None:
            if not serials_allowed:
                reason = _SERIAL_ALONE
            elif _SERIAL_MIN <= reading.serial <= _SERIAL_MAX:
                date = _EXCEL_EPOCH + dt.timedelta(days=reading.serial)
            else:
                reason = _SERIAL_RANGE
        dates.append(date)
        if reason is not None:
            problems[index] = reason
    return dates, problems


def parse_date(value: object) -> dt.date | None:
    """Read one date (day-first when ambiguous); None when empty or not readable."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    text = value if isinstance(value, str) else None
    if text is None:
        return None
    dates, _ = parse_dates([text])
    return dates[0]


def _text(value: object) -> str | dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        text = as_text(value)
    except Exception:  # an object whose str() fails is not a date; never raise from here
        return "\x00"
    if text is None:
        return None
    text = _SPACES.sub(" ", text).strip()
    if text.startswith('="') and text.endswith('"'):  # Excel's protected text: ="2024-10-09"
        text = text[2:-1].strip()
    return text.lower() or None


def _read(text: str) -> _Reading:
    text = _WEEKDAY.sub("", text, count=1) if text[:1].isalpha() else text
    match = _ISO.fullmatch(text)
    if match:
        if not _time_ok(match):
            return _Reading(reason=_UNKNOWN)
        return _checked(int(match["y"]), int(match["m"]), int(match["d"]))
    match = _NUMERIC.fullmatch(text)
    if match:
        if not _time_ok(match):
            return _Reading(reason=_UNKNOWN)
        a, b = int(match["a"]), int(match["b"])
        if a > 12 and b > 12:
            return _Reading(reason=_INVALID)
        return _Reading(parts=(a, b, _year(match["y"])), twelve_hour=bool(match["ampm"]))
    for pattern in (_DAY_MONTH_NAME, _MONTH_NAME_DAY):
        match = pattern.fullmatch(text)
        if match:
            month = _MONTHS.get(_fold(match["mon"]))
            if month is None or not _time_ok(match):
                return _Reading(reason=_UNKNOWN)
            return _checked(_year(match["y"]), month, int(match["d"]))
    if _SERIAL.fullmatch(text):
        return _Reading(serial=int(float(text)))
    return _Reading(reason=_UNKNOWN)


def _resolve(
    parts: tuple[int, int, int], order: str | None, column: str | None
) -> tuple[dt.date | None, str | None]:
    first, second, year = parts
    if first > 12:
        order = "dmy"
    elif second > 12:
        order = "mdy"
    if order is None:
        where = f"column {column!r}" if column else "the column"
        return None, (
            f"{where} mixes day-first and month-first dates, so day and month cannot be told "
            "apart here"
        )
    day, month = (first, second) if order == "dmy" else (second, first)
    reading = _checked(year, month, day)
    return reading.date, reading.reason


def _checked(year: int, month: int, day: int) -> _Reading:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return _Reading(reason=_YEAR)
    try:
        return _Reading(date=dt.date(year, month, day))
    except ValueError:
        return _Reading(reason=_INVALID)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _time_ok(match: re.Match[str]) -> bool:
    if match["hour"] is None:
        return True
    hour, minute = int(match["hour"]), int(match["minute"])
    if match["ampm"]:
        return 1 <= hour <= 12 and minute <= 59
    return hour <= 23 and minute <= 59


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")
