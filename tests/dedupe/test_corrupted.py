"""Heavily corrupted duplicates: both names misspelt or scrambled, a name moved to the other column
with its own cell empty, a date of birth off by a digit. Such pairs used to be missed (never
compared, vetoed as clearly different names, or their e-mail taken for a role box); look-alikes
whose names really differ must still stay apart.
"""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from leadguard.dedupe import cluster, fit, score_pairs

SPEC = {
    "first_name": "given_name",
    "surname": "surname",
    "dob": "date",
    "city": "city",
    "email": "email",
}
GIVEN = ["olivia", "noah", "amelia", "george", "isla", "harry", "freya", "jacob", "lily", "oscar"]
SURNAMES = ["baxter", "fletcher", "holloway", "kendrick", "lancaster", "pemberton", "whitaker"]
CITIES = ["leeds", "bristol", "cardiff", "york", "derby", "bolton", "luton", "hull"]


def _people() -> list[dict[str, str | None]]:
    """Seventy distinct people, one clean row each: the background the model is fitted on."""
    rows: list[dict[str, str | None]] = []
    for k, (first, last) in enumerate(itertools.product(GIVEN, SURNAMES)):
        rows.append(
            {
                "first_name": first,
                "surname": last,
                "dob": f"{1950 + k % 45}-{1 + k % 12:02d}-{1 + (7 * k) % 28:02d}",
                "city": CITIES[k % len(CITIES)],
                "email": f"{first}.{last}{k}@mail.example",
            }
        )
    return rows


# Each case: two rows of one person, heavily corrupted the way real lists are.
SAME_PERSON = {
    # Both names scrambled (letters moved, doubled), the date of birth off by one digit, the
    # city misspelt, no e-mail on one side: no blocking key agreed exactly before.
    "both_names_scrambled": (
        {"first_name": "Jayden", "surname": "Thomas", "dob": "2010-02-12", "city": "Mansfield"},
        {"first_name": "Jyayden", "surname": "Thosmas", "dob": "2010-02-13", "city": "Mansfeld"},
    ),
    # First and last name swapped, the surname cell empty on the other row, the same address:
    # the given names "disagree" outright, which vetoed the pair and made the address a role box.
    "name_moved_other_cell_empty": (
        {
            "first_name": "Moore",
            "surname": "Oscar",
            "dob": "2016-01-12",
            "city": "Liverpool",
            "email": "omoore64@randall.example",
        },
        {
            "first_name": "Oscar",
            "surname": None,
            "dob": "2026-01-08",
            "city": "Liverpool",
            "email": "omoore64@randall.example",
        },
    ),
    # Swapped, and both crossings misspelt (Clark ~ Clakr, Violet ~ Oivlet).
    "swap_with_typos": (
        {
            "first_name": "Clark",
            "surname": "Violet",
            "dob": "2001-02-11",
            "city": "London",
            "email": "v.clark@campbell.example",
        },
        {
            "first_name": "Oivlet",
            "surname": "Clakr",
            "dob": "2001-02-11",
            "city": "London",
            "email": "v.clark@campbell.example",
        },
    ),
}

# Look-alikes: different people that share a surname and an address (a family mailbox) or a
# city and most of a date. Their given names really differ, so they must stay apart.
APART = {
    "family_mailbox": (
        {
            "first_name": "Marc",
            "surname": "Peeters",
            "dob": None,
            "city": "Ghent",
            "email": "peeters.family@home.example",
        },
        {
            "first_name": "Thomas",
            "surname": "Peeters",
            "dob": None,
            "city": "Ghent",
            "email": "peeters.family@home.example",
        },
    ),
    # Three letters in another order is another name, not a typo.
    "short_anagram_names": (
        {
            "first_name": "Amy",
            "surname": "Jones",
            "dob": None,
            "city": "Bath",
            "email": "jones.home@home.example",
        },
        {
            "first_name": "May",
            "surname": "Jones",
            "dob": None,
            "city": "Bath",
            "email": "jones.home@home.example",
        },
    ),
}


def _frame() -> tuple[pd.DataFrame, dict[str, tuple[int, int]]]:
    rows = _people()
    where: dict[str, tuple[int, int]] = {}
    for name, (x, y) in {**SAME_PERSON, **APART}.items():
        where[name] = (len(rows), len(rows) + 1)
        rows += [{c: x.get(c) for c in SPEC}, {c: y.get(c) for c in SPEC}]
    return pd.DataFrame(rows, dtype=object), where


@pytest.fixture(scope="module")
def clustered() -> tuple[pd.Series, dict[str, tuple[int, int]]]:
    df, where = _frame()
    return cluster(df, SPEC), where


@pytest.mark.parametrize("case", sorted(SAME_PERSON))
def test_corrupted_duplicates_are_one_person(
    clustered: tuple[pd.Series, dict[str, tuple[int, int]]], case: str
) -> None:
    labels, where = clustered
    i, j = where[case]
    assert labels.iloc[i] == labels.iloc[j]


@pytest.mark.parametrize("case", sorted(APART))
def test_lookalikes_with_different_names_stay_apart(
    clustered: tuple[pd.Series, dict[str, tuple[int, int]]], case: str
) -> None:
    labels, where = clustered
    i, j = where[case]
    assert labels.iloc[i] != labels.iloc[j]


def test_the_background_people_stay_apart(
    clustered: tuple[pd.Series, dict[str, tuple[int, int]]],
) -> None:
    labels, _ = clustered
    background = labels.iloc[: len(_people())]
    assert background.nunique() == len(background)


def test_a_moved_name_is_a_swap_not_a_conflict() -> None:
    """The evidence behind the merge: the given names count as swapped, the mailbox as personal."""
    df, where = _frame()
    model = fit(df, SPEC)
    i, j = where["name_moved_other_cell_empty"]
    pairs = score_pairs(df, SPEC, model, candidates=([i], [j]))
    row = pairs.iloc[0]
    assert row["first_name__level"] == "swapped"
    assert row["email__level"] == "exact"
    assert pd.isna(row["conflict"])
    # The family mailbox is still a shared one: two clearly different given names use it.
    x, y = where["family_mailbox"]
    pairs = score_pairs(df, SPEC, model, candidates=([x], [y]))
    assert pairs.iloc[0]["email__level"] == "shared_identifier"
    assert pairs.iloc[0]["probability"] < 0.5


def test_scrambled_spellings_are_a_weak_agreement_not_a_disagreement() -> None:
    """Letters moved and doubled (Jones / Jsneo) are near spellings; Amy / May are two names."""
    rows = _people() + [
        {"first_name": "Adam", "surname": "Jones", "email": "ajones6@cortez.example"},
        {"first_name": "Adam", "surname": "Jsneo", "email": "ajones6@cortez.example"},
    ]
    df = pd.DataFrame([{c: r.get(c) for c in SPEC} for r in rows], dtype=object)
    model = fit(df, SPEC)
    n = len(df)
    pairs = score_pairs(df, SPEC, model, candidates=([n - 2], [n - 1]))
    assert pairs.iloc[0]["surname__level"] == "fuzzy_0.80"
    assert pd.isna(pairs.iloc[0]["conflict"])
