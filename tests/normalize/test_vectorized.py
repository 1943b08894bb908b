"""The column functions give exactly the scalar functions' results, in input order."""

from dataclasses import astuple

import pandas as pd
import pytest

from leadguard import normalize_email, normalize_emails, normalize_phone, normalize_phones
from leadguard.normalize import vectorized

EMAILS = [
    "jan.peeters@example.be",
    " Jan.Peeters@Example.BE ",
    None,
    float("nan"),
    "info@example.nl",
    "broken@@example",
    "jan.peeters@example.be",
    42,
    "Sophie <sophie@example.fr>;",
]
PHONES = [
    "0470 12 34 56",
    32470123456,
    None,
    "+33 6 12 34 56 78",
    "0470 12 34 56",
    "x",
    "0151 23456789",
]
REGIONS = ["BE", "België", "BE", None, "NL", "BE", "Deutschland"]


def _assert_same(frame: pd.DataFrame, expected: list[tuple[object, ...]]) -> None:
    assert len(frame) == len(expected)
    for got, want in zip(frame.itertuples(index=False), expected, strict=True):
        assert tuple(got) == want


def test_emails_match_the_scalar_function() -> None:
    frame = normalize_emails(pd.Series(EMAILS, dtype=object, index=range(10, 19)))
    assert list(frame.index) == list(range(10, 19))
    _assert_same(frame, [astuple(normalize_email(v)) for v in EMAILS])
    assert frame["valid"].dtype == bool
    assert frame.loc[12, "reason"] == "empty" and frame.loc[12, "normalized"] is None


def test_phones_match_the_scalar_function_with_row_regions() -> None:
    frame = normalize_phones(PHONES, REGIONS)
    _assert_same(
        frame, [astuple(normalize_phone(v, r)) for v, r in zip(PHONES, REGIONS, strict=True)]
    )


def test_phones_with_one_region_for_all_rows() -> None:
    frame = normalize_phones(PHONES, "BE")
    _assert_same(frame, [astuple(normalize_phone(v, "BE")) for v in PHONES])


def test_regions_of_the_wrong_length_are_refused() -> None:
    from leadguard import InputError

    with pytest.raises(InputError, match="one region"):
        normalize_phones(PHONES, ["BE"])


def test_repeated_values_are_normalized_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = vectorized.email_fields

    def counting(value: object) -> object:
        calls.append(value)
        return real(value)

    monkeypatch.setattr(vectorized, "email_fields", counting)
    values = ["a@example.be", "b@example.be"] * 50 + [None] * 10
    frame = normalize_emails(values)
    assert len(frame) == 110
    assert sorted(c for c in calls if c is not None) == ["a@example.be", "b@example.be"]


def test_empty_input() -> None:
    assert normalize_emails([]).empty
    assert normalize_phones([], None).empty
