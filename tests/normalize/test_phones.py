"""normalize_phone on real-shaped cells: the table in tests/data/normalize/phones.csv and more."""

from __future__ import annotations

import csv
import math
import random
import re
from dataclasses import FrozenInstanceError
from decimal import Decimal
from pathlib import Path

import pandas as pd
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadguard.normalize import phones
from leadguard.normalize.phones import PhoneResult, normalize_phone

TABLE = Path(__file__).resolve().parents[1] / "data" / "normalize" / "phones.csv"
KINDS = {
    "mobile",
    "fixed_line",
    "fixed_line_or_mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
    "unknown",
}

# The raw column spells invisible or exotic characters as escapes so the table stays readable:
# \uXXXX, \n, \r, \t and \\.
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt\\])")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if code[0] == "u" else _SIMPLE_ESCAPES[code]

    return _ESCAPE.sub(one, text)


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows()


def test_table_is_big_enough_and_notes_are_unique() -> None:
    assert len(ROWS) >= 90
    notes = [row["note"] for row in ROWS]
    assert len(set(notes)) == len(notes)
    assert all(row["valid"] in {"true", "false"} for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["note"] for row in ROWS])
def test_table(row: dict[str, str]) -> None:
    result = normalize_phone(_unescape(row["raw"]), row["region"] or None)
    expected_others = tuple(x for x in row["other_numbers"].split("|") if x)
    assert result.e164 == (row["e164"] or None)
    assert result.extension == (row["extension"] or None)
    assert result.valid is (row["valid"] == "true")
    assert result.region == (row["region_of_number"] or None)
    assert result.other_numbers == expected_others
    if result.valid:
        assert result.reason is None
        assert result.kind in KINDS
    else:
        assert result.reason is not None
        assert row["reason"] in result.reason
        assert result.kind is None


def test_table_valid_rows_agree_with_phonenumbers() -> None:
    """Every expected E.164 in the table is valid per phonenumbers' own metadata."""
    for row in ROWS:
        for number in [row["e164"], *row["other_numbers"].split("|")]:
            if number.startswith("+"):
                parsed = phonenumbers.parse(number)
                assert phonenumbers.is_valid_number(parsed), row["note"]


# Excel numeric cells (they never reach a CSV as numbers).
@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        (32470123456, "BE", "+32470123456"),
        (32470123456.0, "BE", "+32470123456"),
        (470123456, "BE", "+32470123456"),
        (470123456.0, "BE", "+32470123456"),
        (4917562287523, "DE", "+4917562287523"),
        (31612345678, "NL", "+31612345678"),
        (Decimal("32470123456"), "BE", "+32470123456"),
    ],
    ids=[
        "int-lost-plus",
        "float-lost-plus",
        "int-lost-zero",
        "float-lost-zero",
        "int-de",
        "int-nl",
        "decimal",
    ],
)
def test_excel_numbers(raw: object, region: str, e164: str) -> None:
    result = normalize_phone(raw, region)
    assert (result.e164, result.valid, result.reason) == (e164, True, None)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (3.5, "unrecoverable"),
        (-470123456, "negative"),
        (math.inf, "not a phone number"),
        (True, "not a phone number"),
        (10**80, "too long"),
        (1e300, "too long"),
    ],
    ids=["fraction", "negative", "infinity", "bool", "huge-int", "huge-float"],
)
def test_numbers_that_are_not_phones(raw: object, reason: str) -> None:
    result = normalize_phone(raw, "BE")
    assert not result.valid
    assert result.e164 is None
    assert result.reason is not None and reason in result.reason


def test_numeric_cell_without_country_is_not_guessed() -> None:
    result = normalize_phone(32470123456, None)
    assert result.e164 is None
    assert result.reason is not None and "no country" in result.reason


@pytest.mark.parametrize("empty", [None, math.nan, pd.NA, float("nan"), ""])
def test_empty_cells(empty: object) -> None:
    result = normalize_phone(empty, "BE")
    assert result == PhoneResult(None, None, False, None, None, "empty")


def test_bytes_cell() -> None:
    assert normalize_phone(b"0470 12 34 56", "BE").e164 == "+32470123456"
    assert normalize_phone(bytearray(b"\xff\xfe"), "BE").reason == "no digits"


def test_region_hint_forms() -> None:
    for hint in ["BE", "be", "BEL", "Belgium", "België", "Belgien", " belgie "]:
        assert normalize_phone("0470 12 34 56", hint).e164 == "+32470123456", hint
    assert normalize_phone("0470 12 34 56", math.nan).reason is not None  # type: ignore[arg-type]


def test_kinds() -> None:
    assert normalize_phone("0470 12 34 56", "BE").kind == "mobile"
    assert normalize_phone("02 555 12 12", "BE").kind == "fixed_line"
    assert normalize_phone("0800 12 345", "BE").kind == "toll_free"
    assert normalize_phone("0900 12 345", "BE").kind == "premium_rate"
    assert normalize_phone("+1 212 555 0123").kind == "fixed_line_or_mobile"


def test_result_is_frozen() -> None:
    result = normalize_phone("0470 12 34 56", "BE")
    with pytest.raises(FrozenInstanceError):
        result.e164 = "+1"  # type: ignore[misc]


def test_never_raises_on_hostile_text() -> None:
    hostile = [
        "0" * 100_000,
        "+" * 5000,
        "1 " * 3000,
        "\x00\x01\x02 0470 12 34 56",
        "ext " * 500,
        "0470 12 34 56 / " * 50,
        "0 " * 40,
        "0~0~0~~",
        "(((((((0))))))",
        "\ud800",
        "٠٤٧٠١٢٣٤٥٦",
    ]
    for cell in hostile:
        result = normalize_phone(cell, "BE")
        assert isinstance(result, PhoneResult)
        assert result.valid == (result.e164 is not None)


def test_arabic_indic_digits_are_read() -> None:
    assert normalize_phone("٠٤٧٠١٢٣٤٥٦", "BE").e164 == "+32470123456"


def test_unreadable_object_gives_a_reason() -> None:
    class Hostile:
        def __str__(self) -> str:
            raise RuntimeError("boom")

        def __ne__(self, other: object) -> bool:
            return False

    result = normalize_phone(Hostile(), "BE")
    assert not result.valid
    assert result.reason == "unreadable value"


_cells = st.one_of(
    st.text(),
    st.text(alphabet="0123456789 +()-./xX#;,\n\u00a0GSMTelext", max_size=60),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.binary(max_size=40),
)
_hints = st.one_of(
    st.none(),
    st.sampled_from(["BE", "NL", "FR", "DE", "GB", "US", "SE", "PL"]),
    st.text(max_size=12),
)


@settings(max_examples=400, deadline=None)
@given(raw=_cells, region=_hints)
def test_never_raises_and_is_consistent(raw: object, region: str | None) -> None:
    result = normalize_phone(raw, region)
    assert isinstance(result, PhoneResult)
    assert result.valid == (result.e164 is not None)
    assert (result.reason is None) == result.valid
    if result.valid:
        assert result.e164 is not None and re.fullmatch(r"\+[1-9]\d{1,14}", result.e164)
        assert result.kind in KINDS
        assert result.extension is None or result.extension.isdigit()


@settings(max_examples=300, deadline=None)
@given(
    raw=st.one_of(
        st.text(alphabet="0123456789 +()-./", min_size=6, max_size=24),
        st.integers(min_value=10**6, max_value=10**14),
    ),
    region=st.sampled_from([None, "BE", "NL", "FR", "DE", "GB", "US", "SE", "PL", "AT"]),
)
def test_e164_is_a_fixed_point(raw: object, region: str | None) -> None:
    first = normalize_phone(raw, region)
    if first.e164 is not None:
        again = normalize_phone(first.e164)
        assert again.e164 == first.e164
        assert again.region == first.region
        assert again.kind == first.kind


@settings(max_examples=400, deadline=None)
@given(
    digits=st.text(alphabet="0123456789", min_size=1, max_size=14),
    separator=st.sampled_from(["", " ", ".", "/", "-"]),
    region=st.sampled_from(sorted(phones._PLAIN_TRUNK_ZERO)),
)
def test_neighbour_shortcut_agrees_with_parse(digits: str, separator: str, region: str) -> None:
    """The neighbour retry builds numbers instead of parsing them; it must mean the same."""
    text = "0" + separator.join([digits[:3], digits[3:6], digits[6:]]).strip(separator)
    built = phones._national_in(text, "0" + digits, region)
    parsed = phones._valid(text, region)
    assert (built is None) == (parsed is None)
    if built is not None and parsed is not None:
        assert built[1] == parsed[1]
        assert phonenumbers.format_number(built[0], 0) == phonenumbers.format_number(parsed[0], 0)


plain_cells = st.builds(
    lambda plus, groups, seps: (
        ("+" if plus else "")
        + "".join(g + s for g, s in zip(groups, seps, strict=False))
        + groups[-1]
    ),
    st.booleans(),
    st.lists(st.text("0123456789", min_size=1, max_size=4), min_size=2, max_size=6),
    st.lists(
        st.sampled_from([" ", ".", "/", "-", "", "  ", " (0)", "(", ")", ") ", " ("]),
        min_size=6,
        max_size=6,
    ),
)


@settings(max_examples=1500, deadline=None)
@given(plain_cells, st.sampled_from([None, "BE", "NL", "DE", "FR", "SE", "PL", "GB", "LU", "DK"]))
def test_plain_cells_parse_like_their_digits(text: str, region: str | None) -> None:
    # The cache keyed on digits must give exactly what phonenumbers gives for the cell itself.
    if phones._PLAIN_NUMBER.fullmatch(text) is None:
        return
    assert phones._parse(text, region) == phones._parse_text(text, region)


def test_more_than_15_digits_is_never_e164() -> None:
    result = normalize_phone(4.9602e16, "DE")
    assert not result.valid and result.reason == "too long for E.164"


# -- the fast paths are phonenumbers' own answers ----------------------------------------------

_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)
_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_digits = st.text("0123456789", min_size=1, max_size=14)


@st.composite
def _digit_spellings(draw: st.DrawFn) -> tuple[str, str]:
    region = draw(
        st.sampled_from(["BE", "NL", "DE", "FR", "PL", "LU", "GB", "IT", "US", *_REGIONS])
    )
    shape = draw(st.sampled_from(["trunk", "idd", "own_code", "plus", "bare"]))
    tail = draw(_digits)
    code = str(draw(st.sampled_from(_CODES)))
    text = {
        "trunk": "0" + tail,
        "idd": "00" + code + tail,
        "own_code": str(phonenumbers.country_code_for_region(region)) + tail,
        "plus": "+" + code + tail,
        "bare": tail,
    }[shape]
    return text, region


@settings(max_examples=3000, deadline=None)
@given(_digit_spellings())
def test_the_digit_fast_path_parses_like_phonenumbers(case: tuple[str, str]) -> None:
    text, region = case
    fast = phones._parse_digits(text, region)
    if fast is None:
        return  # left to phonenumbers.parse
    expected = phonenumbers.parse(text, region)  # must not raise when the fast path answered
    assert fast == expected
    assert fast.italian_leading_zero == expected.italian_leading_zero
    assert fast.number_of_leading_zeros == expected.number_of_leading_zeros


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_CODES), st.text("0123456789", min_size=2, max_size=13))
def test_the_compiled_number_type_is_phonenumbers(code: int, national: str) -> None:
    number = phones._parse_digits(f"+{code}{national}", None)
    if number is None:
        return
    assert phones._number_type(number) == phonenumbers.number_type(number)


def test_the_compiled_number_type_on_every_example_number() -> None:
    checked = 0
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in range(12):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                assert phones._number_type(example) == phonenumbers.number_type(example), region
                checked += 1
    assert checked > 1000


@settings(max_examples=4000, deadline=None)
@given(
    st.sampled_from(["BE", "NL", "FR", "DE", "LU", "PL", "SE", "GB", "AT", "CH", "IT", "US"]),
    st.text("0123456789", min_size=4, max_size=14),
)
def test_national_grouping_is_phonenumbers_format(region: str, digits: str) -> None:
    # The neighbour check compares a cell's digit groups with the national format's, taken
    # from a cache per formatting pattern and length: always the library's own answer.
    number = phonenumbers.PhoneNumber(
        country_code=phonenumbers.country_code_for_region(region), national_number=int(digits)
    )
    expected = phones._groups(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    )
    assert phones._national_groups(number) == expected


def test_the_compiled_number_type_near_every_example_number() -> None:
    """Example numbers with their last digits changed: valid and invalid numbers of every type
    and length, where one regex per plan must still name the type and the region (of a shared
    calling code such as +44 or +1) that phonenumbers names."""
    rng = random.Random(5)
    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(12):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            nsn = phonenumbers.national_significant_number(example)
            for _ in range(6):
                cut = rng.randint(1, min(4, len(nsn) - 1))
                tail = "".join(rng.choice("0123456789") for _ in range(cut + rng.randint(-1, 1)))
                number = phonenumbers.parse(f"+{example.country_code}{nsn[:-cut]}{tail}", None)
                assert phones._number_type(number) == phonenumbers.number_type(number), region
                assert phones._region_of(
                    number.country_code, phonenumbers.national_significant_number(number)
                ) == phonenumbers.region_code_for_number(number), region
                checked += 1
    assert checked > 6000


_LABELS = st.sampled_from(
    ["GSM", "Tel", "tel", "Mobile", "Handy", "Fax", "Phone", "T", "M", "App", "x", "Ext", "dw"]
)
_NUMBER_TEXT = st.text("0123456789 ()+-./", min_size=1, max_size=20)
_REGION = st.sampled_from(["BE", "NL", "FR", "DE", "PL", "LU", "GB", "SE"])


@settings(max_examples=2000, deadline=None)
@given(_LABELS, st.sampled_from(["", " ", ":", ": ", ".", ". ", " : "]), _NUMBER_TEXT, _REGION)
def test_a_labelled_cell_reads_as_the_tokenizer_reads_it(
    label: str, separator: str, number: str, region: str
) -> None:
    """The shortcut for "GSM: 0470 12 34 56" gives what the general path gives; a doubled
    space sends the same cell down the general path (which folds it) for comparison."""
    fast = normalize_phone(f"{label}{separator}{number}", region)
    general = normalize_phone(f"{label}{separator}{number}".replace(" ", "  ") + "  ", region)
    assert fast == general


@settings(max_examples=2000, deadline=None)
@given(st.text("0123456789", max_size=8))
def test_the_calling_code_split_is_phonenumbers(digits: str) -> None:
    assert phones._extract_country_code(digits) == phones._PU._extract_country_code(digits)
