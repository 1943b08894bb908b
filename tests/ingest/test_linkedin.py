"""LinkedIn's ``Connections.csv`` through ``Ledger.ingest``: the preamble before the header, the
connection date as the acquisition date, rows with only a date, and names as members type them
(titles, salutations, nicknames, credentials, pronouns, former names, emoji)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import leadguard
from leadguard.ingest.prepare import NO_IDENTIFIER

DATA = Path(__file__).parents[1] / "data" / "ingest" / "linkedin"
CURRENT = DATA / "Connections.csv"
"""Today's layout: three preamble lines, the header on line 4, a URL column."""
OLDER = DATA / "Connections_2018.csv"
"""The 2018 layout: no preamble, no URL column."""

NAME_COLUMNS = "first_name, last_name, name_title, first_match, last_match"

# row → first_name, last_name, name_title, first_match, last_match
# fmt: off
CURRENT_NAMES: dict[int, tuple[Any, ...]] = {
    1: ("Pieter", "Vandamme", None, "pieter", "vandamme"),
    2: ("Paul", "Delvaux", "M.", "paul", "delvaux"),  # M. Paul (Polo)
    3: ("Alessandro", "Ferraresi", "Dr.", "alessandro", "ferraresi"),  # Dr. Alessandro 'Sandro'
    5: ("Priya", "Nayak", None, "priya", "nayak"),  # "Nayak, MSc, MBA, PHR"
    6: ("Erik", "Sandvig", None, "erik", "sandvig"),  # "Sandvig, CFP®, AAMS™"
    7: ("Iñigo", "Olazagoitia", None, "inigo", "olazagoitia"),  # Olazagoitia (he/him)
    8: ("Jane", "Sherrick", None, "jane", "sherrick"),  # (Stillman) Sherrick
    9: ("Mark", "Sillekens", None, "mark", "sillekens"),  # Sillekens 🔸
    10: ("Olga", "Linnik", None, "olga", "linnik"),  # Linnik🇺🇦
    11: ("Anand", "Kumar", None, "anand", "kumar"),  # Anand ( Andy )
    12: ("Robert", "Carter", None, "robert", "carter"),  # Robert (RC) / Carter Jr.
    13: ("James", "Brown", None, "james", "brown"),  # "James ""Tyler"""
    14: ("Giulia", "Bianchi", "Sig.ra", "giulia", "bianchi"),
    15: ("Kees", "Bakker", "Dr. Ir.", "kees", "bakker"),  # dr. ir. Kees
    16: ("Tomasz", "Kowalski", "Pan", "tomasz", "kowalski"),  # Pan Tomasz / KOWALSKI
    17: ("Wei", "Pan", None, "wei", "pan"),  # Pan as a surname stays
    19: ("Alana", "Ponugupati", None, "alana", "ponugupati"),  # trailing spaces
}
# fmt: on


@pytest.fixture
def linkedin_ledger(ledger: leadguard.Ledger) -> leadguard.Ledger:
    ledger.add_source("LinkedIn connections", kind="linkedin", publicly_accessible=False)
    return ledger


def _rows(ledger: leadguard.Ledger, batch_id: int | None) -> pd.DataFrame:
    return ledger.sql(
        "SELECT row_number, status, reason, acquired_on, acquired_on_origin, email, company, "
        f"linkedin_url, {NAME_COLUMNS} FROM sightings WHERE batch_id = {int(batch_id or 0)} "
        "ORDER BY row_number"
    ).set_index("row_number")


def _none(value: Any) -> Any:
    return None if pd.isna(value) else value


def test_current_export_header_after_the_preamble_and_connection_dates(
    linkedin_ledger: leadguard.Ledger,
) -> None:
    report = linkedin_ledger.ingest(CURRENT, source="LinkedIn connections", basis="prospecting")
    assert (report.status, report.format, report.encoding) == ("imported", "linkedin", "utf-8")
    assert (report.rows_total, report.rows_ok, report.rows_quarantined) == (20, 17, 3)
    assert report.mapping == {
        "first_name": "First Name",
        "last_name": "Last Name",
        "linkedin_url": "URL",
        "email": "Email Address",
        "company": "Company",
        "job_title": "Position",
        "acquired_on": "Connected On",
    }
    assert report.unmapped_columns == ()

    rows = _rows(linkedin_ledger, report.batch_id)
    assert list(rows.index) == list(range(1, 21))  # data rows counted from the header on
    # "Connected On" (dd Mon yyyy) is the date each row was acquired.
    assert rows.loc[1, "acquired_on"] == pd.Timestamp(2025, 11, 14)
    assert rows.loc[20, "acquired_on"] == pd.Timestamp(2025, 3, 25)
    assert set(rows["acquired_on_origin"]) == {"row"}
    assert rows["acquired_on"].is_monotonic_decreasing  # newest first, as LinkedIn writes it
    assert rows.loc[3, "linkedin_url"].startswith("https://linkedin.example.com/in/sandro-")
    # Mostly no e-mail; the one given is the member's private address.
    assert rows["email"].notna().sum() == 1
    assert rows.loc[6, "email"] == "erik.sandvig@privatmail.example.no"
    assert rows.loc[16, "company"] == "Example Sp. z o.o."


def test_rows_with_only_a_date_are_quarantined_with_the_reason(
    linkedin_ledger: leadguard.Ledger,
) -> None:
    report = linkedin_ledger.ingest(CURRENT, source="LinkedIn connections", basis="prospecting")
    rows = _rows(linkedin_ledger, report.batch_id)
    quarantined = rows[rows["status"] == "quarantined"]
    # Two hidden members (only a date) and "Jan P." at the placeholder company " -".
    assert list(quarantined.index) == [4, 18, 20]
    assert set(quarantined["reason"]) == {NO_IDENTIFIER}
    assert report.quarantine_reasons == {NO_IDENTIFIER: 3}
    assert quarantined.loc[[4, 18], ["first_name", "last_name", "company"]].isna().all().all()
    assert quarantined.loc[4, "acquired_on"] == pd.Timestamp(2025, 10, 21)
    assert (rows.drop(index=[4, 18, 20])["status"] == "ok").all()


def test_names_are_cleaned_to_what_dedupe_compares(linkedin_ledger: leadguard.Ledger) -> None:
    report = linkedin_ledger.ingest(CURRENT, source="LinkedIn connections", basis="prospecting")
    rows = _rows(linkedin_ledger, report.batch_id)
    got = {
        row: tuple(_none(v) for v in rows.loc[row, NAME_COLUMNS.split(", ")])
        for row in CURRENT_NAMES
    }
    assert got == CURRENT_NAMES


def test_older_layout_without_preamble_or_url(linkedin_ledger: leadguard.Ledger) -> None:
    report = linkedin_ledger.ingest(OLDER, source="LinkedIn connections", basis="prospecting")
    assert (report.format, report.rows_total, report.rows_ok) == ("linkedin", 4, 3)
    assert "linkedin_url" not in report.mapping
    assert report.mapping["acquired_on"] == "Connected On"
    rows = _rows(linkedin_ledger, report.batch_id)
    assert rows.loc[1, "acquired_on"] == pd.Timestamp(2018, 11, 20)
    assert (rows.loc[3, "status"], rows.loc[3, "reason"]) == ("quarantined", NO_IDENTIFIER)
    names = rows[NAME_COLUMNS.split(", ")]
    assert tuple(map(_none, names.loc[1])) == ("Klaus", "Weber", "Herr", "klaus", "weber")
    # "Sr." before a given name is Señor, not Senior.
    assert tuple(map(_none, names.loc[2])) == (
        "José",
        "García López",
        "Sr.",
        "jose",
        "garcia lopez",
    )
    assert rows.loc[4, "email"] == "sofie.claes@example.be"


def test_a_salutation_in_the_name_does_not_split_one_person(
    ledger: leadguard.Ledger, tmp_path: Path
) -> None:
    # The same address and number, one list writing "M. Paul Delvaux" in one cell, another
    # "Paul" / "Delvaux" in two: one person.
    event = tmp_path / "salon.csv"
    event.write_text(
        "Nom complet;E-mail;Téléphone;Société\n"
        "M. Paul Delvaux;p.delvaux@delvaux-fils.example.be;+32 2 555 01 23;Delvaux & Fils\n",
        encoding="utf-8",
    )
    crm = tmp_path / "crm.csv"
    crm.write_text(
        "First Name,Last Name,Email,Phone,Company\n"
        "Paul,Delvaux,P.Delvaux@delvaux-fils.example.be,02 555 01 23,Delvaux et Fils SRL\n",
        encoding="utf-8",
    )
    for path in (event, crm):
        report = ledger.ingest(path, source="Expo 2026", basis="prospecting", country="BE")
        assert report.rows_ok == 1
    ledger.dedupe()
    rows = ledger.sql("SELECT lead_id, first_name, name_title, first_match FROM sightings")
    assert rows["lead_id"].nunique() == 1
    assert set(rows["first_match"]) == {"paul"}
    assert sorted(map(_none, rows["name_title"]), key=str) == ["M.", None]
