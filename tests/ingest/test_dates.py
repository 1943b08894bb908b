"""parse_dates / parse_date: every written form, and the column-wise day/month decision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadguard.ingest import parse_date, parse_dates

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO, with or without a time
        ("2024-10-09", D(2024, 10, 9)),
        ("2024-10-09 14:30", D(2024, 10, 9)),
        ("2024-10-09T14:30:00", D(2024, 10, 9)),
        ("2024-10-09T14:30:00.000Z", D(2024, 10, 9)),
        ("2024-10-09 23:59:59+02:00", D(2024, 10, 9)),
        ("2024/10/09", D(2024, 10, 9)),
        # day-first numeric, the European default
        ("09/10/2024", D(2024, 10, 9)),
        ("9.10.2024", D(2024, 10, 9)),
        ("09.10.2024.", D(2024, 10, 9)),
        ("09-10-2024", D(2024, 10, 9)),
        ("9/10/24", D(2024, 10, 9)),
        ("09/10/2024 14:30", D(2024, 10, 9)),
        ("09.10.2024 14h30", D(2024, 10, 9)),
        # month names
        ("09 Oct 2024", D(2024, 10, 9)),
        ("02 Jun 2022", D(2022, 6, 2)),
        ("9 OCTOBER 2024", D(2024, 10, 9)),
        ("9-Oct-24", D(2024, 10, 9)),
        ("9 oktober 2024", D(2024, 10, 9)),
        ("9 mrt 2024", D(2024, 3, 9)),
        ("1er octobre 2024", D(2024, 10, 1)),
        ("9 févr. 2024", D(2024, 2, 9)),
        ("12 décembre 2024", D(2024, 12, 12)),
        ("9. März 2024", D(2024, 3, 9)),
        ("3. Dezember 2024", D(2024, 12, 3)),
        ("9 maj 2024", D(2024, 5, 9)),
        ("9 października 2024", D(2024, 10, 9)),
        ("Oct 9, 2024", D(2024, 10, 9)),
        ("October 9th, 2024", D(2024, 10, 9)),
        ("Wednesday, 9 October 2024", D(2024, 10, 9)),
        ("Wed, 09 Oct 2024 14:30:00 GMT", D(2024, 10, 9)),
        # Excel-protected text
        ('="2024-10-09"', D(2024, 10, 9)),
        ("\u00a009 Oct 2024 ", D(2024, 10, 9)),
    ],
)
def test_formats(text: str, expected: dt.date) -> None:
    dates, problems = parse_dates([text])
    assert (dates, problems) == ([expected], {})
    assert parse_date(text) == expected


def test_us_timestamps_with_am_pm_are_month_first() -> None:
    # LinkedIn's 2018 export and Eventbrite-style US dates.
    dates, problems = parse_dates(["1/8/18, 6:14 PM", "3/4/18, 11:45 AM"])
    assert dates == [D(2018, 1, 8), D(2018, 3, 4)]
    assert problems == {}


def test_eventbrite_order_dates_decided_by_one_unambiguous_value() -> None:
    dates, problems = parse_dates(["11/29/24 22:28", "10/9/24 8:05", "1/2/25 13:00"])
    assert dates == [D(2024, 11, 29), D(2024, 10, 9), D(2025, 1, 2)]
    assert problems == {}


def test_a_day_over_12_makes_the_whole_column_day_first() -> None:
    dates, problems = parse_dates(["03/04/2024", "25/12/2024", None, "01/02/2024"])
    assert dates == [D(2024, 4, 3), D(2024, 12, 25), None, D(2024, 2, 1)]
    assert problems == {}


def test_a_second_part_over_12_makes_the_whole_column_month_first() -> None:
    dates, problems = parse_dates(["03/04/2024", "12/25/2024", "01/02/2024"])
    assert dates == [D(2024, 3, 4), D(2024, 12, 25), D(2024, 1, 2)]
    assert problems == {}


def test_day_first_evidence_beats_a_12_hour_clock() -> None:
    dates, problems = parse_dates(["03/04/2024 2:00 PM", "25/12/2024"])
    assert dates == [D(2024, 4, 3), D(2024, 12, 25)]
    assert problems == {}


def test_ambiguous_column_without_evidence_is_day_first() -> None:
    dates, problems = parse_dates(["03/04/2024", "05/06/2024"])
    assert dates == [D(2024, 4, 3), D(2024, 6, 5)]
    assert problems == {}


def test_a_column_with_both_orders_cannot_read_its_ambiguous_values() -> None:
    dates, problems = parse_dates(["25/12/2024", "12/25/2024", "03/04/2024"], column="Datum")
    assert dates == [D(2024, 12, 25), D(2024, 12, 25), None]
    assert list(problems) == [2]
    assert "'Datum'" in problems[2] and "day-first and month-first" in problems[2]


def test_unambiguous_forms_do_not_vote_on_the_numeric_order() -> None:
    dates, problems = parse_dates(["2024-12-25", "25 Dec 2024", "03/04/2024"])
    assert dates[2] == D(2024, 4, 3)
    assert problems == {}


def test_two_digit_years_are_20yy() -> None:
    assert parse_date("09/10/99") == D(2099, 10, 9)
    assert parse_date("9 Oct 24") == D(2024, 10, 9)


@pytest.mark.parametrize(
    ("values", "expected", "problem_indexes"),
    [
        (["45574"], [D(2024, 10, 9)], []),
        (["45574", "10/10/2024"], [D(2024, 10, 9), D(2024, 10, 10)], []),
        (["45574.604166"], [D(2024, 10, 9)], []),
        (["45574", "unknown"], [None, None], [0, 1]),  # not otherwise dates: maybe postcodes
        (["12345"], [None], [0]),  # before 1970
        (["4557"], [None], [0]),  # not 5 digits
    ],
)
def test_excel_serials_only_in_a_column_of_dates(
    values: list[str], expected: list[dt.date | None], problem_indexes: list[int]
) -> None:
    dates, problems = parse_dates(values)
    assert dates == expected
    assert sorted(problems) == problem_indexes


@pytest.mark.parametrize(
    "text",
    ["31/02/2024", "2024-13-01", "32 Oct 2024", "29 Feb 2023", "13/13/2024", "09/10/1850"],
)
def test_impossible_dates_are_problems(text: str) -> None:
    dates, problems = parse_dates([text])
    assert dates == [None]
    assert list(problems) == [0]
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["garbage", "Oct 2024", "09 Foo 2024", "1999", "09/10", "09/10/2024 25:00", "09/10/2024 foo"],
)
def test_unknown_formats_are_problems(text: str) -> None:
    dates, problems = parse_dates([text])
    assert dates == [None]
    assert "not a date" in problems[0]
    assert text not in problems[0]  # reasons never repeat the value


def test_empty_values_are_none_without_problems() -> None:
    assert parse_dates([None, "", "   "]) == ([None, None, None], {})


def test_parse_date_other_types() -> None:
    assert parse_date(dt.datetime(2024, 10, 9, 14, 30)) == D(2024, 10, 9)
    assert parse_date(D(2024, 10, 9)) == D(2024, 10, 9)
    assert parse_date(45574) == D(2024, 10, 9)
    assert parse_date(None) is None
    assert parse_date(["2024-10-09"]) is None


@given(st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=20))
def test_parse_dates_never_raises(values: list[str | None]) -> None:
    dates, problems = parse_dates(values)
    assert len(dates) == len(values)
    assert set(problems) <= {i for i, v in enumerate(values) if v is not None and v.strip()}
    for index, date in enumerate(dates):
        assert date is None or (index not in problems and 1900 <= date.year <= 2100)


_date_text = st.builds(
    lambda d, m, y, sep: f"{d:02d}{sep}{m:02d}{sep}{y}",
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(2000, 2030),
    st.sampled_from(["/", ".", "-"]),
)


@given(st.lists(_date_text, min_size=1, max_size=10))
def test_a_day_first_column_with_one_telling_value_reads_every_value(values: list[str]) -> None:
    telling = "25/12/2024"
    dates, problems = parse_dates([*values, telling])
    assert problems == {}
    for text, date in zip(values, dates, strict=False):
        day, month, year = (
            int(part) for part in text.replace(".", "/").replace("-", "/").split("/")
        )
        assert date == D(year, month, day)
