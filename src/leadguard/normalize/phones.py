"""Phone cells → E.164, with the repairs real lead exports need before phonenumbers can read them.

Plain ``phonenumbers.parse(cell, region)`` trips on labels, dash extensions, two numbers in one
cell, Excel's numeric cells and a wrong country hint (see real-file-formats.md §4). This module
reads the cell the straightforward way first and only then tries those repairs, so the common
clean cell costs one parse and one type lookup.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final, NamedTuple

import phonenumbers
from phonenumbers import (
    Leniency,
    NumberParseException,
    PhoneNumber,
    PhoneNumberFormat,
    PhoneNumberMatcher,
    PhoneNumberType,
    ValidationResult,
)

from leadguard.normalize._text import as_text, clean_cell
from leadguard.normalize.countries import normalize_country

__all__ = ["PhoneResult", "normalize_phone"]


@dataclass(frozen=True, slots=True)
class PhoneResult:
    """What one phone cell holds: the E.164 number when valid, else why not, in words."""

    e164: str | None
    extension: str | None
    valid: bool
    region: str | None
    kind: str | None
    reason: str | None
    other_numbers: tuple[str, ...] = ()


_KINDS: Final[dict[int, str]] = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "unknown",
}

_NO_COUNTRY: Final = "no country: add a country column or --country"
_SCIENTIFIC: Final = "unrecoverable: scientific notation (Excel) lost the digits"

# Countries whose numbers most often land in each other's files (Benelux, France, Germany): when
# the hint is one of them and its reading is invalid, the others are tried.
_NEIGHBOURS: Final = ("BE", "NL", "FR", "DE", "LU")
# Of those, the ones whose trunk prefix is a plain "0" with no other national parsing rule.
_PLAIN_TRUNK_ZERO: Final = frozenset({"BE", "NL", "FR", "DE"})
# In Germany and Austria "030 1234567-12" is one direct-dial number, not an extension.
_DIRECT_DIAL_CODES: Final = frozenset({49, 43})
# Longest national significant number we believe for a digits-only cell that starts with the
# hint's country code: longer readings are an international number that lost its "+" in Excel.
_MAX_NATIONAL_DIGITS: Final = 11
_MAX_CELL: Final = 2000

# A cell with nothing but digits and number punctuation skips cleaning and tokenising.
_SIMPLE: Final = re.compile(r"\s*\+?\(?\+?\d[\d ().\-/]*")
# "0032 …", "++32 …", "+ 32 …", "(+32) …": one "+".
_IDD: Final = re.compile(r"\(?\s*(?:\+\s*|00\s*)+")
# An extension after a dash at the end of a number: "+32 2 555 12 12 - 204", "030 1234567-12".
_DASH_TAIL: Final = re.compile(r"\s*-\s*(\d{1,6})\s*$")
_ANY_SLASH: Final = re.compile(r"\s*/\s*")
_OLD_PL_TRUNK: Final = re.compile(r"^\s*0~")
_DIGIT_RUNS: Final = re.compile(r"\d+")
_DIGITS_AND_SPACES: Final = re.compile(r"[1-9][\d ]*")
# Excel: 3,24701E+10 or 3.24701E+10 (the digits after the 6th are gone).
_SCI: Final = re.compile(r"[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\d+")
# pandas/Excel float text of a number: "32470123456.0".
_FLOAT_TEXT: Final = re.compile(r"(\d{6,})\.0+")
# Excel text protection: ="0470123456" and '0470123456.
_EXCEL_FORMULA: Final = re.compile(r'=\s*"(.*)"', re.DOTALL)
_LINE_BREAKS: Final = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII_DIGIT: Final = re.compile(r"(?![0-9])\d")

# Words that introduce an extension, in the languages of the files we read; "x" and "#" too, and
# ",," (dial pause) and RFC 3966 ";ext=". Any other word is a label or a joiner ("GSM:", "Tel.",
# "(mobile)", "Handy", "Fax", "or", "oder") and separates numbers. Digits that go on after a
# space or a separator are a number, not an extension: "App: 06-12345678" is a (WhatsApp)
# mobile, "X: 0470 12 34 56" a number with a label.
_EXT_WORDS: Final = (
    "extension|ext|x|toestel|tst|poste|durchwahl|dw|anknytning|ankn|wewn|wew|apparat|app|"
    "nebenstelle|nst"
)
_TOKENS: Final = re.compile(
    r"(?P<ext>(?:,,|;?\s*(?<![^\W\d_])(?:" + _EXT_WORDS + r")(?![^\W\d_])\.?\s*[:=.#]?|\#)"
    r"\s*(?P<digits>\d{1,7})(?!\s*[\-./]?\d))"
    r"|(?P<num>(?:[+(][+(\s]*)?\d[\d\s().\-/~]*)"
    r"|(?P<word>[^\W\d_]+)"
    r"|.",
    re.IGNORECASE | re.DOTALL,
)
_EXT_WORD_SET: Final = frozenset(_EXT_WORDS.split("|"))
# One label word (not an extension word), ":" or "." and spaces, then one stretch of the
# characters a number segment is made of, starting as _TOKENS' number does.
_LABELLED: Final = re.compile(r"([A-Za-z]+) ?[:.]? ?((?:[+(][+( ]*)?\d[\d ().\-/]*)")
_MIN_SEGMENT_DIGITS: Final = 5
# Fewest digits of a complete number with its trunk 0 or country code in the markets we serve;
# a dash after fewer digits is part of the number ("212-555-0123"), never an extension.
_MIN_NUMBER_DIGITS: Final = 8


class _Reading(NamedTuple):
    """One number read from a segment of a cell: the valid number, or the text and why not.
    (A named tuple: built several times per cell, and cheaper to build than a dataclass.)"""

    text: str
    number: PhoneNumber | None = None
    kind: int = PhoneNumberType.UNKNOWN
    extension: str | None = None
    reason: str | None = None


# PhoneResult's fields in order, as a plain tuple: the column path builds millions of them.
_Fields = tuple[str | None, str | None, bool, str | None, str | None, str | None, tuple[str, ...]]


def _invalid(reason: str, others: tuple[str, ...] = ()) -> _Fields:
    """A result for a cell that holds no valid number."""
    return (None, None, False, None, None, reason, others)


@lru_cache(maxsize=512)
def _hint_for_text(region: str) -> str | None:
    """Cached: a file has few distinct country cells and the hint is resolved on every call."""
    code = normalize_country(region)
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


def _hint(region: object) -> str | None:
    """The region hint as a region phonenumbers supports, or None (unknown hints give no guess)."""
    if region is None:
        return None
    if isinstance(region, str):
        return _hint_for_text(region)
    code = normalize_country(region)
    return code if code in phonenumbers.SUPPORTED_REGIONS else None


@lru_cache(maxsize=512)
def _calling_code(region: str) -> str:
    """The region's country calling code as digits ("BE" → "32")."""
    return str(phonenumbers.country_code_for_region(region))


@lru_cache(maxsize=512)
def _no_trunk_prefix(region: str) -> bool:
    """Whether national numbers in the region are dialled without a trunk prefix (PL, LU, DK)."""
    return phonenumbers.ndd_prefix_for_region(region, True) is None


def _parse(text: str, region: str | None) -> tuple[PhoneNumber | None, int, int | None]:
    """phonenumbers.parse, the number's type and the parse error (number None) if any.

    The type doubles as the validity test: is_valid_number is "type is not UNKNOWN" in
    phonenumbers, so asking for both would classify the number twice. A plain cell (digits
    and the separators phonenumbers ignores) is read from its digits alone, by the digit-string
    steps of _parse_digits ("0470 12 34 56", "0470/12.34.56" and "0470123456" alike).
    """
    if _PLAIN_NUMBER.fullmatch(text) is not None:
        digits = _NOT_DIGIT.sub("", text)
        if len(digits) >= _MIN_PLAIN_DIGITS:
            return _parse_text(("+" if text[0] == "+" else "") + digits, region)
    return _parse_text(text, region)


def _parse_text(text: str, region: str | None) -> tuple[PhoneNumber | None, int, int | None]:
    number = _parse_digits(text, region)
    if number is None:
        try:
            number = phonenumbers.parse(text, region)
        except NumberParseException as exc:
            return None, PhoneNumberType.UNKNOWN, exc.error_type
    return number, _number_type(number), None


_PU = phonenumbers.phonenumberutil
_KEEP_UNSTRIPPED = frozenset(
    {
        _PU.ValidationResult.TOO_SHORT,
        _PU.ValidationResult.IS_POSSIBLE_LOCAL_ONLY,
        _PU.ValidationResult.INVALID_LENGTH,
    }
)


_ORDERED_TYPES = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
    ("fixed_line", PhoneNumberType.FIXED_LINE),
    ("mobile", PhoneNumberType.MOBILE),
)


def _alternative(name: str, desc: object) -> str | None:
    """One number description as a named regex alternative: its possible lengths (when listed)
    as a lookahead, then its pattern; None when the description matches nothing."""
    pattern = getattr(desc, "national_number_pattern", None)
    if desc is None or not pattern:
        return None
    listed = set(getattr(desc, "possible_length", ()) or ())
    lengths = sorted(n for n in listed if n > 0)
    if listed and not lengths:
        return None  # (-1,): the country has no numbers of this type
    ahead = "" if not lengths else "(?=(?:" + "|".join(rf"\d{{{n}}}" for n in lengths) + r")\Z)"
    return rf"(?P<{name}>{ahead}(?:{pattern})\Z)"


@dataclass(frozen=True, slots=True)
class _TypeTable:
    """A country's number-type descriptions as one regex: the general description as a
    lookahead, then every type in phonenumbers' order, so the first that matches names it."""

    pattern: re.Pattern[str]
    kinds: dict[str, int]
    mobile: re.Pattern[str] | None
    same_mobile_and_fixed_line: bool


def _table_for(metadata: Any) -> _TypeTable:
    """One plan's number types compiled once (phonenumbers compiles and tries them one by one
    on every call)."""
    general = _alternative("general", metadata.general_desc)
    alternatives = [
        alt for name, _ in _ORDERED_TYPES if (alt := _alternative(name, getattr(metadata, name)))
    ]
    if general is None or not alternatives:
        return _TypeTable(re.compile(r"(?!)"), {}, None, False)
    mobile = _alternative("mobile", metadata.mobile)
    return _TypeTable(
        pattern=re.compile(f"(?={general})(?:{'|'.join(alternatives)})"),
        kinds={name: int(kind) for name, kind in _ORDERED_TYPES},
        mobile=None if mobile is None else re.compile(mobile),
        same_mobile_and_fixed_line=bool(metadata.same_mobile_and_fixed_line_pattern),
    )


@lru_cache(maxsize=1024)
def _type_table(country_code: int, region: str) -> _TypeTable | None:
    """The number types of the plan phonenumbers.number_type uses for a number of ``region``
    (metadata_for_region_or_calling_code), or None where there is no such plan."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    return None if metadata is None else _table_for(metadata)


@lru_cache(maxsize=1024)
def _region_test(region: str) -> tuple[re.Pattern[str] | None, _TypeTable] | None:
    """How phonenumbers tells whether a number of a shared calling code belongs to ``region``:
    the region's leading digits when it has them, else a valid type in its plan."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region.upper(), None)
    if metadata is None:
        return None
    leading = metadata.leading_digits
    return (_compiled(leading) if leading is not None else None), _table_for(metadata)


def _classify(nsn: str, table: _TypeTable) -> int:
    """phonenumbers' _number_type_helper: the first type whose description matches."""
    found = table.pattern.fullmatch(nsn)
    if found is None:
        return int(PhoneNumberType.UNKNOWN)
    name = found.lastgroup
    if name == "fixed_line":
        if table.same_mobile_and_fixed_line or (
            table.mobile is not None and table.mobile.fullmatch(nsn) is not None
        ):
            return int(PhoneNumberType.FIXED_LINE_OR_MOBILE)
        return int(PhoneNumberType.FIXED_LINE)
    if name == "mobile" and table.same_mobile_and_fixed_line:
        return int(PhoneNumberType.UNKNOWN)
    return table.kinds.get(name or "", int(PhoneNumberType.UNKNOWN))


def _region_of(country_code: int | None, nsn: str) -> str | None:
    """phonenumbers.region_code_for_number with the patterns compiled once: the only region of
    the calling code, or of a shared code (+44: GB, GG, IM, JE) the first that claims it."""
    regions = (
        None if country_code is None else phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code)
    )
    if regions is None:
        return None
    if len(regions) == 1:
        return str(regions[0])
    for region in regions:
        test = _region_test(region)
        if test is None:
            continue
        leading, table = test
        if leading is not None:
            if leading.match(nsn) is not None:
                return str(region)
        elif _classify(nsn, table) != PhoneNumberType.UNKNOWN:
            return str(region)
    return None


def _number_type(number: PhoneNumber) -> int:
    """phonenumbers.number_type with each plan's types in one compiled regex (same answer;
    checked against the library on random numbers and around every example number)."""
    nsn = phonenumbers.national_significant_number(number)
    region = _region_of(number.country_code, nsn)
    table = None if region is None else _type_table(number.country_code, region)
    if table is None:
        return int(PhoneNumberType.UNKNOWN)
    return _classify(nsn, table)


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True, slots=True)
class _Plan:
    """One numbering plan's parsing facts, compiled once: what phonenumbers.parse looks up and
    compiles again on every call."""

    metadata: Any
    country_code: int
    own_code: str
    international_prefix: re.Pattern[str] | None
    national_prefix: re.Pattern[str] | None
    transforms: bool  # a national prefix transform rule: that step stays phonenumbers' own
    general: re.Pattern[str] | None
    lengths: tuple[int, ...]
    local_lengths: frozenset[int]


def _plan(metadata: Any) -> _Plan | None:
    if metadata is None or metadata.country_code is None:
        return None
    general = metadata.general_desc
    idd = metadata.international_prefix
    prefix = metadata.national_prefix_for_parsing
    pattern = getattr(general, "national_number_pattern", None)
    return _Plan(
        metadata=metadata,
        country_code=int(metadata.country_code),
        own_code=str(metadata.country_code),
        international_prefix=_compiled(idd) if idd else None,
        national_prefix=_compiled(prefix) if prefix else None,
        transforms=bool(metadata.national_prefix_transform_rule),
        general=_compiled(pattern) if pattern else None,
        lengths=tuple(getattr(general, "possible_length", ()) or ()),
        local_lengths=frozenset(getattr(general, "possible_length_local_only", ()) or ()),
    )


@lru_cache(maxsize=512)
def _plan_for_region(region: str) -> _Plan | None:
    return _plan(phonenumbers.PhoneMetadata.metadata_for_region(region, None))


@lru_cache(maxsize=512)
def _plan_for_code(country_code: int) -> _Plan | None:
    return _plan(
        phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
            country_code, phonenumbers.region_code_for_country_code(country_code)
        )
    )


def _general_match(national: str, plan: _Plan) -> bool:
    """phonenumbers' _match_national_number against the general description."""
    return plan.general is not None and plan.general.fullmatch(national) is not None


def _length_result(national: str, plan: _Plan) -> int:
    """phonenumbers' _test_number_length for an unknown type (the general description)."""
    if not plan.lengths:
        return int(_PU._test_number_length(national, plan.metadata))
    n = len(national)
    if n in plan.local_lengths:
        return int(ValidationResult.IS_POSSIBLE_LOCAL_ONLY)
    lengths = plan.lengths
    if lengths[0] == n:
        return int(ValidationResult.IS_POSSIBLE)
    if lengths[0] > n:
        return int(ValidationResult.TOO_SHORT)
    if lengths[-1] < n:
        return int(ValidationResult.TOO_LONG)
    return int(
        ValidationResult.IS_POSSIBLE if n in lengths[1:] else ValidationResult.INVALID_LENGTH
    )


def _strip_trunk(national: str, plan: _Plan) -> str:
    """phonenumbers' _maybe_strip_national_prefix_carrier_code, the number it returns: the
    national prefix removed unless that turns a viable number into one that is not."""
    if not national or plan.national_prefix is None:
        return national
    found = plan.national_prefix.match(national)
    if found is None:
        return national
    if plan.transforms:
        return str(_PU._maybe_strip_national_prefix_carrier_code(national, plan.metadata)[1])
    stripped = national[found.end() :]
    if _general_match(national, plan) and not _general_match(stripped, plan):
        return national
    return stripped


# Calling codes by their digits ("32" -> 32), for ASCII digit strings.
_CALLING_CODES: Final = {str(code): code for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE}


def _extract_country_code(digits: str) -> tuple[int, str]:
    """phonenumbers' _extract_country_code for ASCII digits: the shortest known calling code
    the digits start with (codes never start with 0), and the rest; (0, digits) if none."""
    if digits[:1] in ("", "0"):
        return 0, digits
    for size in (1, 2, 3):
        if size > len(digits):
            break
        code = _CALLING_CODES.get(digits[:size])
        if code is not None:
            return code, digits[size:]
    return 0, digits


def _parse_digits(text: str, region: str | None) -> PhoneNumber | None:
    """phonenumbers.parse of "<digits>" or "+<digits>" done with the library's own steps for
    that case only (exit code, country code, national prefix, length), skipping its generic
    string handling; None when a step would fail or the text is anything else, so parse()
    decides (and raises) as before. Equality with parse() on random input is tested."""
    plus = text[:1] == "+"
    digits = text[1:] if plus else text
    if len(digits) <= 3 or not (digits.isascii() and digits.isdigit()):
        return None
    if plus:
        if digits[0] == "0":
            return None
        country_code, national = _extract_country_code(digits)
        if country_code == 0:
            return None
        plan = _plan_for_code(country_code)
    else:
        if region is None:
            return None
        plan = _plan_for_region(region.upper())
        if plan is None:
            return None
        split = _split_country_code(digits, plan)
        if split is None:
            return None
        country_code, national = split
        if country_code == 0:
            country_code, national = plan.country_code, digits
        elif phonenumbers.region_code_for_country_code(country_code) != region:
            plan = _plan_for_code(country_code)
    if plan is None or len(national) < 2:
        return None
    stripped = _strip_trunk(national, plan)
    if stripped is not national and _length_result(stripped, plan) not in _KEEP_UNSTRIPPED:
        national = stripped
    if not 2 <= len(national) <= 17:
        return None
    number = PhoneNumber(country_code=country_code)
    _PU._set_italian_leading_zeros_for_phone_number(national, number)
    number.national_number = int(national)
    return number


def _split_country_code(digits: str, plan: _Plan) -> tuple[int, str] | None:
    """phonenumbers' _maybe_extract_country_code for ASCII digits without a "+" (None where it
    would raise): its international-prefix and own-country-code steps with the patterns
    compiled once, skipping the Unicode and letter normalization such a string cannot need."""
    idd = plan.international_prefix
    if idd is None:
        try:
            return _PU._maybe_extract_country_code(digits, plan.metadata, False, PhoneNumber())
        except NumberParseException:
            return None
    found = idd.match(digits)
    if found is not None and digits[found.end() : found.end() + 1] != "0":
        # Dialled with the international prefix ("0032…" in BE): a country code must follow.
        rest = digits[found.end() :]
        if len(rest) <= _PU._MIN_LENGTH_FOR_NSN:
            return None
        country_code, national = _extract_country_code(rest)
        return None if country_code == 0 else (country_code, national)
    own = plan.own_code
    if digits.startswith(own):
        # The region's own code without a prefix ("32470…" in BE): kept when the digits only
        # make a valid national number without it, or are too long with it.
        potential = _strip_trunk(digits[len(own) :], plan)
        if (not _general_match(digits, plan) and _general_match(potential, plan)) or _length_result(
            digits, plan
        ) == ValidationResult.TOO_LONG:
            return plan.country_code, potential
    return 0, digits


# phonenumbers reads a number from its digits, its leading "+" and the region; spaces, dots,
# slashes, dashes and brackets ("+32 (0)2 …") between digits change nothing once there are
# enough digits for the short viability rule not to apply (tests/normalize/test_phones.py
# checks the equivalence).
_PLAIN_NUMBER = re.compile(r"\+?[0-9][0-9 ./()\-]*[0-9]")
_NOT_DIGIT = re.compile(r"[^0-9]")
_MIN_PLAIN_DIGITS = 6


def _valid(text: str, region: str | None) -> tuple[PhoneNumber, int] | None:
    """The number and its type when ``text`` reads as a valid number in ``region``, else None."""
    number, kind, _ = _parse(text, region)
    if number is None or kind == PhoneNumberType.UNKNOWN:
        return None
    return number, kind


def _digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


def _failure(text: str, number: PhoneNumber | None, error: int | None, hint: str | None) -> str:
    """Why the straightforward reading failed, in words a data steward can act on."""
    if number is None:
        if error == NumberParseException.INVALID_COUNTRY_CODE:
            if text.lstrip("( ").startswith("+"):
                return "unknown country code"
            return _NO_COUNTRY if hint is None else "unknown country code"
        if error == NumberParseException.TOO_LONG:
            return "too long"
        if error in (NumberParseException.TOO_SHORT_NSN, NumberParseException.TOO_SHORT_AFTER_IDD):
            return "too short"
        return "not a phone number"
    calling_code = number.country_code or 0
    region = phonenumbers.region_code_for_country_code(calling_code)
    where = region if region != phonenumbers.UNKNOWN_REGION else f"+{calling_code}"
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == ValidationResult.TOO_SHORT:
        return f"too short for {where}"
    if possible == ValidationResult.TOO_LONG:
        return f"too long for {where}"
    if possible == ValidationResult.INVALID_LENGTH:
        return f"wrong length for {where}"
    if possible == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return f"too short for {where}: area code missing?"
    if possible == ValidationResult.INVALID_COUNTRY_CODE:
        return "unknown country code"
    return f"not a valid number for {where}"


def _groups(text: str) -> list[int]:
    return [len(run) for run in _DIGIT_RUNS.findall(text)]


# A formatting pattern made of digit groups only, "(\d{3})(\d{2,3})(\d{2})": on a string of
# digits its match, hence the groups it formats, depends on the string's length alone.
_DIGIT_GROUPS_ONLY = re.compile(r"(?:\(\\d(?:\{\d+(?:,\d*)?\})?\))+")
_GROUPS_BY_LENGTH: dict[tuple[int, int], list[int]] = {}


def _formatting_pattern(formats: Any, nsn: str) -> Any:
    """phonenumbers' choice of formatting pattern (the first whose last leading-digits pattern
    matches the start and whose pattern matches the whole number), patterns compiled once."""
    for candidate in formats:
        leading = candidate.leading_digits_pattern
        if leading and _compiled(leading[-1]).match(nsn) is None:
            continue
        if _compiled(candidate.pattern).fullmatch(nsn) is not None:
            return candidate
    return None


def _national_groups(number: PhoneNumber) -> list[int]:
    """The digit groups of phonenumbers' NATIONAL format of a number without extension
    (format_number's own steps; the formatted groups of a digit-groups-only pattern are kept per
    pattern and length). Equality with format_number is tested on random numbers."""
    code = number.country_code
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        code or 0, phonenumbers.region_code_for_country_code(code or 0)
    )
    if metadata is None or number.extension or not number.national_number:
        return _groups(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    nsn = phonenumbers.national_significant_number(number)
    chosen = _formatting_pattern(metadata.number_format, nsn)
    if chosen is None:
        return _groups(nsn)
    if _DIGIT_GROUPS_ONLY.fullmatch(chosen.pattern or "") is None:
        return _groups(_PU._format_nsn_using_pattern(nsn, chosen, PhoneNumberFormat.NATIONAL))
    key = (id(chosen), len(nsn))  # metadata objects live as long as the process
    found = _GROUPS_BY_LENGTH.get(key)
    if found is None:
        found = _groups(_PU._format_nsn_using_pattern(nsn, chosen, PhoneNumberFormat.NATIONAL))
        _GROUPS_BY_LENGTH[key] = found
    return found


def _placed(number: PhoneNumber) -> bool:
    """Whether the geocoder names a place for the number (not just its country): a known area."""
    # Imported here: the geocoder data costs about 0.25 s and only this rare path needs it.
    from phonenumbers import geocoder

    place = geocoder.description_for_valid_number(number, "en")
    return bool(place) and place != geocoder.country_name_for_number(number, "en")


def _national_in(text: str, digits: str, region: str) -> tuple[PhoneNumber, int] | None:
    """The valid number a national cell ("0…") is in ``region``, or None.

    Where the trunk prefix is a plain 0 the number is the digits after it, built directly: a
    full parse per neighbour would make invalid cells the slowest part of a file. A test checks
    this agrees with phonenumbers.parse.
    """
    if region in _PLAIN_TRUNK_ZERO and digits[:1] == "0" and digits[1:2] not in ("", "0"):
        number = PhoneNumber(
            country_code=int(_calling_code(region)), national_number=int(digits[1:18])
        )
        kind = _number_type(number)
        return None if kind == PhoneNumberType.UNKNOWN else (number, kind)
    return _valid(text, region)


def _neighbours(text: str, hint: str) -> tuple[tuple[PhoneNumber, int] | None, str | None]:
    """A national number invalid for its hint, read in the neighbouring countries instead.

    Trap: a Belgian mobile in a file marked NL, a Dutch "06-…" in one marked BE. Only a reading
    the cell itself supports is taken: when the cell is grouped, the country whose usual grouping
    it follows ("0470 12 34 56" is Belgian, "04 70 12 34 56" French); when it is one run of
    digits, the only country that fits. A German fixed-line reading is weak evidence: Germany's
    metadata accepts about 80 % of random 10-digit strings, so it must also have an area code
    phonenumbers' geocoder can place, and a one-run cell never picks it.
    """
    if hint not in _NEIGHBOURS:
        return None, None
    groups = _groups(text)
    digits = "".join(_DIGIT_RUNS.findall(text))
    fits: list[tuple[str, tuple[PhoneNumber, int]]] = []
    chosen: list[tuple[PhoneNumber, int]] = []
    for region in _NEIGHBOURS:
        if region == hint or (found := _national_in(text, digits, region)) is None:
            continue
        fits.append((region, found))
        weak = region == "DE" and found[1] == PhoneNumberType.FIXED_LINE
        if len(groups) > 1:
            if _national_groups(found[0]) == groups and not (weak and not _placed(found[0])):
                chosen.append(found)
        elif not weak:
            chosen.append(found)
    if len(chosen) == 1:
        return chosen[0], None
    names = ", ".join(region for region, _ in fits)
    if len(fits) > 1:
        return None, f"valid in several countries ({names}): add the country"
    if fits:
        return None, f"would be valid in {names}: check the country"
    return None, None


def _read_one(text: str, extension: str | None, hint: str | None) -> _Reading:
    """Read one number (no separators left in it) with every single-number repair."""
    # Excel dropped the "+" of "+4917562287523": a digits-only cell that starts with the hint's
    # own country code. Germany's permissive metadata also reads it as a (13-digit) national
    # number, so the international reading wins when valid unless the national reading is valid
    # and of a believable length; past that length it is an invalid international number (and
    # the national reading is not needed at all).
    own_code = (
        hint is not None
        and _DIGITS_AND_SPACES.fullmatch(text) is not None
        and text.replace(" ", "").startswith(_calling_code(hint))
    )
    too_long = own_code and len(text.replace(" ", "")) > _MAX_NATIONAL_DIGITS
    number, kind, error = (None, PhoneNumberType.UNKNOWN, None) if too_long else _parse(text, hint)
    if own_code and (too_long or kind == PhoneNumberType.UNKNOWN):
        plus = "+" + text.replace(" ", "")
        international, intl_kind, intl_error = _parse(plus, None)
        if international is not None and intl_kind != PhoneNumberType.UNKNOWN:
            return _Reading(text, international, intl_kind, extension)
        if too_long:
            return _Reading(text, reason=_failure(plus, international, intl_error, hint))
    tail = _DASH_TAIL.search(text) if "-" in text and extension is None else None
    if number is not None and kind != PhoneNumberType.UNKNOWN:
        # "+32 2 555 12 12 - 204": outside DE/AT a spaced dash after a complete number is an
        # extension even when the joined digits happen to be valid too. An unspaced dash is
        # grouping there ("+46-8-123-456-78" is one number although "+46 8 123 456" is valid).
        # In DE/AT the joined digits are the direct-dial number ("030 1234567-12").
        if (
            tail is not None
            and text[tail.start()].isspace()
            and number.country_code not in _DIRECT_DIAL_CODES
            and _digit_count(text[: tail.start()]) >= _MIN_NUMBER_DIGITS
            and (head := _valid(text[: tail.start()], hint)) is not None
            and head[0].country_code not in _DIRECT_DIAL_CODES
        ):
            return _Reading(text, head[0], head[1], tail.group(1))
        return _Reading(text, number, kind, extension or number.extension)

    # The whole text is not a valid number: repairs, cheapest first.
    if tail is not None and (head := _valid(text[: tail.start()], hint)) is not None:
        return _Reading(text, head[0], head[1], tail.group(1))
    if number is not None and number.italian_leading_zero and text.startswith("+"):
        # "+45 (0)32 12 34 56", "+48 (0) 22 …": a trunk 0 after the country code that the
        # country does not use. Italy keeps its 0 and is valid with it, so it never gets here.
        repaired = PhoneNumber(
            country_code=number.country_code,
            national_number=number.national_number,
            extension=number.extension,
        )
        repaired_kind = _number_type(repaired)
        if repaired_kind != PhoneNumberType.UNKNOWN:
            return _Reading(text, repaired, repaired_kind, extension or repaired.extension)
    if hint is not None and text[:1] == "0" and text[1:2] != "0" and _no_trunk_prefix(hint):
        # "0512 345 678" in PL, "0621 123 456" in LU: a trunk 0 out of habit (Poland dropped
        # its trunk prefix in 2005) or from a neighbour's style; the country has none.
        stripped = _valid(text[1:], hint)
        if stripped is not None:
            return _Reading(text, stripped[0], stripped[1], extension or stripped[0].extension)
    ambiguity = None
    if hint is not None and text.lstrip("(")[:1] == "0":
        # Only a number in national format (trunk 0) can be a neighbour's: a bare digit string
        # such as Excel's 31609093890 would otherwise "fit" Luxembourg's open numbering.
        found, ambiguity = _neighbours(text, hint)
        if found is not None:
            return _Reading(text, found[0], found[1], extension or found[0].extension)
    reason = _failure(text, number, error, hint)
    return _Reading(text, reason=reason if ambiguity is None else f"{reason}; {ambiguity}")


def _read_pieces(pieces: list[str], extension: str | None, hint: str | None) -> list[_Reading]:
    """Readings of the pieces of a split segment if every piece is a valid number, else []."""
    if len(pieces) < 2 or any(_digit_count(p) < _MIN_SEGMENT_DIGITS for p in pieces):
        return []
    readings = _read_each(pieces, extension, hint)
    return readings if all(r.number is not None for r in readings) else []


def _read_each(pieces: list[str], extension: str | None, hint: str | None) -> list[_Reading]:
    """Read every piece; the cell's extension belongs to the last one, where it was written."""
    last = len(pieces) - 1
    return [
        _read_one(piece.strip(), extension if i == last else None, hint)
        for i, piece in enumerate(pieces)
    ]


def _split_at_spaces(text: str, extension: str | None, hint: str | None) -> list[_Reading]:
    """'0470 12 34 56 02 555 12 12': numbers with only spaces between them.

    A new number may start only at a group beginning with "0", "+" or "(" (trunk prefix or
    country code), and every piece must be valid, so a long typo is not cut into numbers.
    """
    groups = text.split()
    starts = [i for i, group in enumerate(groups) if i > 0 and group[0] in "0+("]
    if not starts or len(starts) > 8:
        return []
    bounds = [0, *starts, len(groups)]

    def pieces_from(k: int) -> list[str] | None:
        if bounds[k] == len(groups):
            return []
        for m in range(k + 1, len(bounds)):
            piece = " ".join(groups[bounds[k] : bounds[m]])
            if _digit_count(piece) >= _MIN_SEGMENT_DIGITS and _valid(piece, hint) is not None:
                rest = pieces_from(m)
                if rest is not None:
                    return [piece, *rest]
        return None

    pieces = pieces_from(0)
    return _read_pieces(pieces, extension, hint) if pieces else []


def _read_segment(text: str, extension: str | None, hint: str | None) -> list[_Reading]:
    """Read a stretch of number characters; more than one number when it holds several."""
    if "~" in text:
        # Old Polish notation: "0~0 32 …" is the exit code 00, "0~22 …" the old trunk 0 that
        # Polish numbers no longer have.
        text = _OLD_PL_TRUNK.sub("", text.replace("0~0", "00")).replace("~", "")
    if text.startswith(("00", "+", "(")):
        # phonenumbers reads "0032" only with a region whose exit code is 00; every file we read
        # uses 00, so make it "+" (and "++32", "+ 32", "(+32)" too).
        idd = _IDD.match(text)
        if idd is not None:
            text = "+" + text[idd.end() :]
    if "/" in text:
        # "0470 12 34 56 / 02 555 12 12" is two numbers, "02/555.12.12" and "030 / 1234567" are
        # one: split only where every piece has the digits of a complete number.
        pieces = _ANY_SLASH.split(text)
        if len(pieces) > 1 and all(_digit_count(p) >= _MIN_NUMBER_DIGITS for p in pieces):
            return _read_each(pieces, extension, hint)
    reading = _read_one(text, extension, hint)
    if reading.number is None and _digit_count(text) >= 2 * _MIN_NUMBER_DIGITS:
        readings = _split_at_spaces(text, extension, hint)
        if readings:
            return readings
        # Last resort, PhoneNumberMatcher; its finds are taken only if they are all valid and
        # use every digit, so no typo is "repaired" away.
        found = [m.raw_string for m in PhoneNumberMatcher(text, hint or "ZZ", Leniency.VALID)]
        if len(found) > 1 and sum(map(_digit_count, found)) == _digit_count(text):
            readings = _read_pieces(found, extension, hint)
            if readings:
                return readings
    return [reading]


def _cell_text(raw: object) -> tuple[str | None, str | None]:
    """The cell as text, or None and the reason it cannot hold a number."""
    if isinstance(raw, str):
        return raw, None
    if isinstance(raw, bool):
        return None, "not a phone number: a true/false value"
    if isinstance(raw, int):
        # Excel stores 32470123456 or 470123456 (trunk 0 lost) as a number: its digits are it.
        if raw < 0:
            return None, "not a phone number: a negative number"
        if raw.bit_length() > 60:
            return None, "too long"
        return str(raw), None
    if isinstance(raw, float | Decimal):
        if raw != raw:  # NaN: pandas' empty cell
            return None, "empty"
        if not math.isfinite(raw):
            return None, "not a phone number"
        whole = int(raw)
        if whole < 0:
            return None, "not a phone number: a negative number"
        if whole != raw:
            return None, "unrecoverable: a decimal number (Excel) is not a phone number"
        if whole.bit_length() > 60:
            return None, "too long"
        # An integral float is read as its digits; one rounded by scientific notation in the
        # source (32470100000.0) cannot be told apart and is read as it is.
        return str(whole), None
    if isinstance(raw, bytes | bytearray):
        return bytes(raw).decode("utf-8", "replace"), None
    text = as_text(raw)
    return (text, None) if text is not None else (None, "empty")


def _clean(text: str) -> str:
    """Normalise a messy cell: full-width and other digits to ASCII, line breaks to ';'."""
    if not text.isascii():
        # NFKC folds full-width digits and odd spaces; other scripts' digits become ASCII.
        text = unicodedata.normalize("NFKC", text)
        text = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.digit(m.group(), 0)), text)
    text = _CONTROL.sub(" ", _LINE_BREAKS.sub(" ; ", text))
    text = clean_cell(text)
    formula = _EXCEL_FORMULA.fullmatch(text)
    if formula is not None:
        text = formula.group(1).strip()
    return text.lstrip("'").strip()


def _segment_text(found: str) -> str:
    """A number stretch found by the tokenizer, without the punctuation around it."""
    return found.rstrip(" .-/(").lstrip(" .-/)")


def _segments(text: str) -> list[tuple[str, str | None]]:
    """Split a cell into number-like stretches with their extensions; words separate numbers."""
    chunks: list[str] = []
    extensions: list[str | None] = []
    for match in _TOKENS.finditer(text):
        group = match.lastgroup
        if group == "num":
            chunks.append(_segment_text(match.group()))
            extensions.append(None)
        elif group == "ext" and extensions and extensions[-1] is None:
            # "0470 12 34 56 (GSM) ext 12": the extension belongs to the number before it.
            extensions[-1] = match.group("digits")
    found = list(zip(chunks, extensions, strict=True))
    # "Büro 2: 02 555 12 12": a stray short digit run is not a number when a longer one exists.
    long_enough = [s for s in found if _digit_count(s[0]) >= _MIN_SEGMENT_DIGITS]
    if long_enough:
        return long_enough
    if not found:
        return []
    return [max(found, key=lambda s: _digit_count(s[0]))]


def _as_listed(reading: _Reading) -> str:
    """How a reading appears in other_numbers: E.164 when valid, else the text as found."""
    if reading.number is None:
        return reading.text
    # format_number(…, E164) is exactly "+", the country code and the national significant
    # number (extensions are not part of E.164); built directly, it costs no formatting setup.
    number = reading.number
    return f"+{number.country_code}{phonenumbers.national_significant_number(number)}"


_E164_MAX_DIGITS = 15


def _result(readings: list[_Reading]) -> _Fields:
    """The first reading is the result; the others (deduplicated) go to other_numbers."""
    first = readings[0]
    head = _as_listed(first)
    others: tuple[str, ...] = ()
    if len(readings) > 1:
        others = tuple(dict.fromkeys(x for x in map(_as_listed, readings[1:]) if x != head))
    if first.number is None:
        return (None, None, False, None, None, first.reason or "unreadable", others)
    if len(head) > _E164_MAX_DIGITS + 1:
        # E.164 allows 15 digits; Germany's open metadata accepts longer national numbers.
        return (None, None, False, None, None, "too long for E.164", others)
    number = first.number
    region = _region_of(number.country_code, phonenumbers.national_significant_number(number))
    kind = _KINDS.get(first.kind, "unknown")
    return (head, first.extension or None, True, region, kind, None, others)


def normalize_phone(raw: object, /, region: str | None = None) -> PhoneResult:
    """Read a phone cell as E.164 with region and kind, or say why it cannot be read.

    ``region`` is a hint (ISO code or any country name normalize_country knows). Never raises.
    """
    return PhoneResult(*phone_fields(raw, region))


def phone_fields(raw: object, region: str | None = None) -> _Fields:
    """normalize_phone's answer as a plain tuple of PhoneResult's fields, in order (for the
    column functions, which need the values and not a million result objects)."""
    try:
        hint = _hint(region)
        text, problem = _cell_text(raw)
        if text is None:
            return _invalid(problem or "empty")
        if len(text) > _MAX_CELL:
            return _invalid("too long to be a phone number cell")
        if "." in text and (float_text := _FLOAT_TEXT.fullmatch(text.strip())) is not None:
            # pandas turned the Excel number 32470123456 into the text "32470123456.0".
            text = float_text.group(1)
        if text.isascii():
            if _SIMPLE.fullmatch(text):
                # The common clean cell: no labels, no words, one stretch of number characters.
                return _result(_read_segment(text.strip(), None, hint))
            labelled = _LABELLED.fullmatch(text)
            if (
                labelled is not None
                and "  " not in text
                and labelled.group(1).lower() not in _EXT_WORD_SET
            ):
                # "GSM: 0470 12 34 56", "Tel. +32 2 555 12 12": one label word before one
                # number. The tokenizer below would find exactly this segment.
                return _result(_read_segment(_segment_text(labelled.group(2)), None, hint))
        text = _clean(text)
        if not text:
            return _invalid("empty")
        if _SCI.fullmatch(text):
            # Trap: 3,24701E+10 is what Excel shows of 32470123456; the last digits are gone.
            return _invalid(_SCIENTIFIC)
        if (float_text := _FLOAT_TEXT.fullmatch(text)) is not None:
            text = float_text.group(1)
        segments = _segments(text)
        if not segments:
            # "App. 12": the only digits were an extension.
            return _invalid("not a phone number" if any(map(str.isdigit, text)) else "no digits")
        readings: list[_Reading] = []
        for segment, extension in segments:
            readings.extend(_read_segment(segment, extension, hint))
        return _result(readings)
    except Exception:  # noqa: BLE001 -- contract: a cell never raises, whatever it holds
        return _invalid("unreadable value")
