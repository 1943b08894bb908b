"""read_suppression_file on real-shaped opt-out files: Mailchimp, SendGrid, Brevo, lists, DNCM."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadguard.errors import ConfigError, InputError, UnsupportedFormatError
from leadguard.suppress.formats import (
    DEFAULTS,
    ENTRY_COLUMNS,
    FORMATS,
    FormatDefaults,
    SuppressionFile,
    read_suppression_file,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "suppress"
SAMPLES = Path(__file__).parents[2] / "sample_data" / "suppression"

FIXTURES = {
    "mailchimp_unsubscribed_members_export.csv": "mailchimp-unsubscribed",
    "mailchimp_cleaned_members_export.csv": "mailchimp-cleaned",
    "sendgrid_global_unsubscribes.csv": "sendgrid",
    "sendgrid_bounces.csv": "sendgrid",
    "sendgrid_unsubscribes.json": "sendgrid",
    "brevo_blocklisted_contacts.csv": "brevo",
    "optouts_handkept.txt": "lines",
    "dncm_20261120.txt": "dnc-be",
}
SAMPLE_FORMATS = {
    "mailchimp_unsubscribed.csv": "mailchimp-unsubscribed",
    "mailchimp_cleaned.csv": "mailchimp-cleaned",
    "optout_list.txt": "lines",
    "dncm_be.txt": "dnc-be",
}


def rows(result: SuppressionFile) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in result.entries.to_dict("records")]


def column(result: SuppressionFile, name: str) -> list[Any]:
    return result.entries[name].tolist()


def assert_entries_shape(result: SuppressionFile) -> None:
    """The entries table as the contract defines it, whatever the format."""
    entries = result.entries
    assert tuple(entries.columns) == ENTRY_COLUMNS
    assert entries["row_number"].dtype == "int64"
    assert list(entries.index) == list(range(len(entries)))
    for row in rows(result):
        assert isinstance(row["value"], str) and row["value"] == row["value"].strip()
        assert row["value"]
        assert row["kind"] in ("email", "phone", "domain")
        assert row["on"] is None or type(row["on"]) is dt.date
        assert row["reason"] is None or row["reason"] in (
            "objection unsubscribe erasure bounce complaint dnc refusal manual".split()
        )
    assert list(entries["row_number"]) == sorted(entries["row_number"])
    assert result.format in FORMATS[1:]
    assert result.defaults == DEFAULTS[result.format]
    reject_rows = [number for number, _, _ in result.rejects]
    assert reject_rows == sorted(reject_rows)
    assert not set(reject_rows) & set(entries["row_number"])
    assert result.rows_read >= len(set(entries["row_number"])) + len(set(reject_rows))


# --- the contract ------------------------------------------------------------------------------


def test_formats_and_defaults() -> None:
    assert FORMATS == (
        "auto",
        "mailchimp-unsubscribed",
        "mailchimp-cleaned",
        "sendgrid",
        "brevo",
        "lines",
        "dnc-be",
    )
    assert set(DEFAULTS) == set(FORMATS[1:])
    assert DEFAULTS["mailchimp-unsubscribed"] == FormatDefaults("unsubscribe", "email", None)
    assert DEFAULTS["mailchimp-cleaned"] == FormatDefaults("bounce", "email", None)
    assert DEFAULTS["sendgrid"] == FormatDefaults("unsubscribe", "email", None)
    assert DEFAULTS["brevo"] == FormatDefaults("unsubscribe", "email", None)
    assert DEFAULTS["lines"] == FormatDefaults("objection", "all", None)
    assert DEFAULTS["dnc-be"] == FormatDefaults("dnc", "phone", "dnc-be")


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURES.items()))
def test_auto_recognises_each_fixture(name: str, expected: str) -> None:
    result = read_suppression_file(DATA / name)
    assert result.format == expected
    assert result.file_name == name
    assert_entries_shape(result)


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURES.items()))
def test_the_named_format_reads_what_auto_reads(name: str, expected: str) -> None:
    auto = read_suppression_file(DATA / name)
    named = read_suppression_file(DATA / name, format=expected)
    assert named.format == expected
    pd.testing.assert_frame_equal(named.entries, auto.entries)
    assert named.rejects == auto.rejects


@pytest.mark.parametrize("path", sorted(SAMPLES.iterdir()), ids=lambda path: path.name)
def test_sample_data_is_recognised(path: Path) -> None:
    result = read_suppression_file(path)
    assert result.format == SAMPLE_FORMATS[path.name]
    assert_entries_shape(result)
    assert len(result.entries) > 0
    assert result.rejects == ()


def test_every_sample_file_has_an_expected_format() -> None:
    assert {path.name for path in SAMPLES.iterdir()} == set(SAMPLE_FORMATS)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_sha256_is_that_of_the_bytes(name: str) -> None:
    data = (DATA / name).read_bytes()
    assert read_suppression_file(DATA / name).sha256 == hashlib.sha256(data).hexdigest()


def test_path_may_be_a_string() -> None:
    result = read_suppression_file(str(DATA / "dncm_20261120.txt"))
    assert result.file_name == "dncm_20261120.txt"


# --- Mailchimp ---------------------------------------------------------------------------------


def test_mailchimp_unsubscribed() -> None:
    result = read_suppression_file(DATA / "mailchimp_unsubscribed_members_export.csv")
    assert rows(result) == [
        {
            "row_number": 1,
            "value": "Marc.Dewitte@Brabant-Staal.example.be",
            "kind": "email",
            "on": dt.date(2026, 2, 3),
            "reason": None,
        },
        {
            "row_number": 2,
            "value": "lotte.desmet@example.com",
            "kind": "email",
            "on": dt.date(2026, 2, 3),
            "reason": "complaint",
        },
        {
            "row_number": 3,
            "value": "p.mertens@noordzee-logistiek.example.be",
            "kind": "email",
            "on": dt.date(2025, 12, 19),
            "reason": None,
        },
        {
            "row_number": 4,
            "value": "claire.dubois@atelier-verre.example.fr",
            "kind": "email",
            "on": dt.date(2026, 1, 27),
            "reason": None,
        },
        {
            "row_number": 5,
            "value": "k.nowak@polmet.example.pl",
            "kind": "email",
            "on": dt.date(2025, 11, 18),
            "reason": None,
        },
    ]
    assert result.rows_read == 5
    assert result.rejects == ()
    assert result.screened_on is None
    assert result.defaults.reason == "unsubscribe"


def test_mailchimp_sample_spam_reason_is_a_complaint() -> None:
    result = read_suppression_file(SAMPLES / "mailchimp_unsubscribed.csv")
    complaints = result.entries[result.entries["reason"] == "complaint"]
    assert complaints["row_number"].tolist() == [4]
    assert complaints["value"].tolist() == ["S.Dubois@Ateliers-Lemaire.example.be"]
    assert column(result, "row_number") == list(range(1, 9))


def test_mailchimp_cleaned() -> None:
    result = read_suppression_file(DATA / "mailchimp_cleaned_members_export.csv")
    assert column(result, "row_number") == [1, 2, 3]
    assert column(result, "on") == [dt.date(2026, 3, 2), dt.date(2025, 9, 15), dt.date(2026, 3, 25)]
    assert column(result, "reason") == [None, None, None]
    assert result.defaults == FormatDefaults("bounce", "email", None)


def test_mailchimp_row_without_address_is_rejected(tmp_path: Path) -> None:
    lines = (DATA / "mailchimp_cleaned_members_export.csv").read_text().splitlines()
    secret = "info@oude-drukkerij.example.be"
    lines[2] = lines[2].replace(secret, "  ")
    path = tmp_path / "cleaned.csv"
    path.write_text("\n".join(lines) + "\n")
    result = read_suppression_file(path)
    assert column(result, "row_number") == [1, 3]
    assert result.rejects == ((2, "Email Address", "no e-mail address in column 'Email Address'"),)
    assert result.rows_read == 3


def test_header_only_export_has_no_entries(tmp_path: Path) -> None:
    header = (DATA / "mailchimp_unsubscribed_members_export.csv").read_text().splitlines()[0]
    path = tmp_path / "unsubscribed_none.csv"
    path.write_text(header + "\n\n")
    result = read_suppression_file(path)
    assert result.format == "mailchimp-unsubscribed"
    assert result.entries.empty
    assert tuple(result.entries.columns) == ENTRY_COLUMNS
    assert result.rows_read == 0


def test_mailchimp_export_saved_as_xlsx(tmp_path: Path) -> None:
    csv_rows = pd.read_csv(DATA / "mailchimp_cleaned_members_export.csv", dtype=str)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(csv_rows.columns))
    for record in csv_rows.itertuples(index=False):
        sheet.append([None if pd.isna(value) else value for value in record])
    path = tmp_path / "cleaned.xlsx"
    workbook.save(path)
    result = read_suppression_file(path)
    assert result.format == "mailchimp-cleaned"
    assert column(result, "row_number") == [1, 2, 3]
    assert column(result, "on")[0] == dt.date(2026, 3, 2)


# --- SendGrid ----------------------------------------------------------------------------------


def test_sendgrid_csv() -> None:
    result = read_suppression_file(DATA / "sendgrid_global_unsubscribes.csv")
    assert column(result, "row_number") == [1, 2, 3, 4]
    assert column(result, "value")[1] == "Thomas.Peeters@Vlaamse-Bouw.example.be"
    # An empty or impossible date (29 February 2026) is no date, not a reject.
    assert column(result, "on") == [dt.date(2025, 10, 7), dt.date(2026, 1, 14), None, None]
    assert column(result, "reason") == [None] * 4
    assert result.rejects == ()


def test_sendgrid_bounces_are_bounces() -> None:
    result = read_suppression_file(DATA / "sendgrid_bounces.csv")
    assert column(result, "reason") == ["bounce", "bounce"]
    # Unix seconds, read as a UTC date: 1761811200 is 2025-10-30 08:00 UTC.
    assert column(result, "on") == [dt.date(2025, 10, 30), dt.date(2025, 11, 1)]
    assert result.defaults == DEFAULTS["sendgrid"]


@pytest.mark.parametrize(
    ("name", "header", "reason"),
    [
        ("spam_reports.csv", "created,email,ip", "complaint"),
        ("export.csv", "created,email,ip", "complaint"),
        ("Spam Reports 2026-03.csv", "created,email", "complaint"),
        ("blocks.csv", "created,email", "bounce"),
        ("invalid_emails.csv", "created,email,reason", "bounce"),
        ("suppressions.csv", "created,email,reason", "bounce"),
        ("global_unsubscribes.csv", "created,email", None),
    ],
)
def test_sendgrid_list_kind_from_name_or_columns(
    tmp_path: Path, name: str, header: str, reason: str | None
) -> None:
    cells = {"created": "1763985600", "email": "a.b@example.com", "ip": "192.0.2.1"}
    cells["reason"] = "550 no such user"
    line = ",".join(cells[field] for field in header.split(","))
    path = tmp_path / name
    path.write_text(f"{header}\n{line}\n")
    result = read_suppression_file(path)
    assert result.format == "sendgrid"
    assert column(result, "reason") == [reason]


def test_sendgrid_json() -> None:
    result = read_suppression_file(DATA / "sendgrid_unsubscribes.json")
    assert rows(result) == [
        {
            "row_number": 1,
            "value": "user1@example.com",
            "kind": "email",
            "on": dt.date(2015, 9, 30),
            "reason": None,
        },
        {
            "row_number": 2,
            "value": "Marie.Claes@Example.org",
            "kind": "email",
            "on": dt.date(2015, 9, 30),
            "reason": None,
        },
        {
            "row_number": 4,
            "value": "willem@example.be",
            "kind": "email",
            "on": dt.date(2025, 11, 24),
            "reason": None,
        },
    ]
    assert result.rejects == ((3, "email", "no e-mail address in field 'email'"),)
    assert result.rows_read == 4


def test_sendgrid_json_spam_reports(tmp_path: Path) -> None:
    path = tmp_path / "response.json"
    path.write_text(
        '[\n  {"created": 1443651141, "email": "user1@example.com", "ip": "10.63.202.100"},\n'
        '  {"created": "2025-11-24 12:00:00", "email": "user2@example.com", "ip": "10.1.1.1"},\n'
        '  "not an object"\n]\n'
    )
    result = read_suppression_file(path)
    assert column(result, "reason") == ["complaint", "complaint"]
    assert column(result, "on") == [dt.date(2015, 9, 30), dt.date(2025, 11, 24)]
    assert result.rejects == ((3, "email", "not an object with an 'email' field"),)


def test_sendgrid_json_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "unsubscribes.json"
    path.write_text("[]")
    result = read_suppression_file(path)
    assert result.format == "sendgrid"
    assert result.entries.empty
    assert result.rows_read == 0


def test_invalid_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "unsubscribes.json"
    path.write_text('[{"email": "jan.secret@example.com",}]')
    with pytest.raises(InputError, match=r"unsubscribes\.json: is not valid JSON") as caught:
        read_suppression_file(path)
    assert "jan.secret" not in str(caught.value)


def test_json_of_another_kind_is_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "contacts.json"
    path.write_text('{"contacts": [{"mail": "a@example.com"}]}')
    with pytest.raises(UnsupportedFormatError, match="not SendGrid's list"):
        read_suppression_file(path)
    with pytest.raises(UnsupportedFormatError, match="does not look like a sendgrid file"):
        read_suppression_file(path, format="sendgrid")


# --- Brevo -------------------------------------------------------------------------------------


def test_brevo() -> None:
    assert (DATA / "brevo_blocklisted_contacts.csv").read_bytes().startswith(codecs.BOM_UTF8)
    result = read_suppression_file(DATA / "brevo_blocklisted_contacts.csv")
    assert rows(result) == [
        {
            "row_number": 1,
            "value": "elise.lambert@example.be",
            "kind": "email",
            "on": dt.date(2024, 5, 14),
            "reason": None,
        },
        {
            "row_number": 1,
            "value": "+32475123456",
            "kind": "phone",
            "on": dt.date(2024, 5, 14),
            "reason": None,
        },
        {
            "row_number": 2,
            "value": "bruno.leclercq@example.fr",
            "kind": "email",
            "on": dt.date(2023, 11, 2),
            "reason": None,
        },
        {
            "row_number": 3,
            "value": "+32 486 11 22 33",
            "kind": "phone",
            "on": dt.date(2025, 1, 20),
            "reason": None,
        },
        # No ADDED_TIME: MODIFIED_TIME; SMS_BLACKLISTED false: no phone entry.
        {
            "row_number": 5,
            "value": "noor.aerts@example.com",
            "kind": "email",
            "on": dt.date(2026, 3, 1),
            "reason": None,
        },
    ]
    assert result.rejects == (
        (4, "EMAIL", "no e-mail address in column 'EMAIL' and no number in column 'SMS'"),
    )
    assert result.rows_read == 5


def test_brevo_comma_export_without_flags(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "EMAIL,SMS,ADDED_TIME,MODIFIED_TIME\n"
        "jan@example.be,32470111222,14-03-2025,2026-01-01\n"
        "marie@example.be,,,\n"
    )
    result = read_suppression_file(path)
    assert result.format == "brevo"
    assert column(result, "row_number") == [1, 1, 2]
    assert column(result, "kind") == ["email", "phone", "email"]
    assert column(result, "value")[1] == "+32470111222"
    assert column(result, "on") == [dt.date(2025, 3, 14), dt.date(2025, 3, 14), None]


def test_brevo_row_blocklisted_for_nothing_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "EMAIL;SMS;EMAIL_BLACKLISTED;SMS_BLACKLISTED\n"
        "jan@example.be;32470111222;No;No\n"
        "marie@example.be;32470333444;No;Yes\n"
    )
    result = read_suppression_file(path)
    assert result.format == "brevo"
    assert rows(result) == [
        {"row_number": 2, "value": "+32470333444", "kind": "phone", "on": None, "reason": None}
    ]
    assert [reject[:2] for reject in result.rejects] == [(1, "EMAIL")]
    assert "blocklisted" in result.rejects[0][2]


# --- lines -------------------------------------------------------------------------------------


def test_handkept_list() -> None:
    data = (DATA / "optouts_handkept.txt").read_bytes()
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    result = read_suppression_file(DATA / "optouts_handkept.txt")
    assert [(row["row_number"], row["kind"], row["value"]) for row in rows(result)] == [
        (2, "email", "Koen.Vermeulen@Scheldeland-Techniek.example.be"),
        (3, "email", "Fien Verhoeven <josephine.verhoeven@gentse-kunststoffen.example.be>"),
        (5, "email", "mailto:lukasz.dabrowski@kowalski-technika.example.pl"),
        (6, "email", "jef.claes@webmail.example;"),
        (7, "email", "VNOEL@SEINE-CHIMIE.EXAMPLE.FR"),
        (9, "email", "koen.vermeulen@scheldeland-techniek.example.be"),
        (10, "domain", "concurrent-bv.example.nl"),
        (12, "email", "Thierry Laurent <THIERRY.LAURENT@BXL-FACILITY.EXAMPLE.BE>;"),
        (13, "phone", "+32 470 12 34 56"),
        (14, "domain", "example-holding.example"),
        (15, "email", "dieter.wolf@webmail.example"),
    ]
    assert column(result, "on") == [None] * 11
    assert column(result, "reason") == [None] * 11
    assert result.rejects == ((11, "line", "not an e-mail address, a domain or a phone number"),)
    # 15 lines: the comment and three blank lines are not read.
    assert result.rows_read == 12
    assert result.defaults == FormatDefaults("objection", "all", None)


def test_sample_optout_list_row_numbers() -> None:
    result = read_suppression_file(SAMPLES / "optout_list.txt")
    assert column(result, "row_number") == [1, 2, 3, 5, 6, 8, 9, 10]
    assert set(column(result, "kind")) == {"email"}


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("jan@example.com", "email", "jan@example.com"),
        ("<jan@example.com>,", "email", "<jan@example.com>,"),
        ("example.com", "domain", "example.com"),
        ("@Example.COM", "domain", "Example.COM"),
        ("@example.com;", "domain", "example.com"),
        ("sub.example.co.uk.", "domain", "sub.example.co.uk"),
        ("bücher.example", "domain", "bücher.example"),
        ("+32 470 12 34 56", "phone", "+32 470 12 34 56"),
        ("0470/12.34.56", "phone", "0470/12.34.56"),
        ("(02) 511 22 33", "phone", "(02) 511 22 33"),
        ("tel:+3225112233", "phone", "+3225112233"),
        ("Jan Peeters", None, None),
        ("12345", None, None),
        ("n/a", None, None),
        ("@", None, None),
        ("@@example.com", "domain", "example.com"),
        ("jan@", "email", "jan@"),
    ],
)
def test_line_kinds(tmp_path: Path, line: str, kind: str | None, value: str | None) -> None:
    path = tmp_path / "list.txt"
    path.write_text(f"someone@example.org\n{line}\n", encoding="utf-8")
    result = read_suppression_file(path, format="lines")
    second = [row for row in rows(result) if row["row_number"] == 2]
    if kind is None:
        assert second == []
        assert [reject[0] for reject in result.rejects] == [2]
    else:
        assert [(row["kind"], row["value"]) for row in second] == [(kind, value)]


def test_a_column_title_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "optouts.csv"
    path.write_text("E-mail\njan@example.com\n\n# left in March\npiet@example.com\n")
    result = read_suppression_file(path)
    assert result.format == "lines"
    assert column(result, "row_number") == [2, 5]
    assert result.rejects == ()
    assert result.rows_read == 2


@pytest.mark.parametrize("format", ["auto", "lines"])
def test_comments_only_list_is_read_as_empty(tmp_path: Path, format: str) -> None:
    path = tmp_path / "optouts.txt"
    path.write_text("# nobody yet\n\n", encoding="utf-8")
    result = read_suppression_file(path, format=format)
    assert result.format == "lines"
    assert result.entries.empty
    assert result.rows_read == 0
    assert result.rejects == ()


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\n"])
def test_line_endings_count_lines_alike(tmp_path: Path, ending: str) -> None:
    path = tmp_path / "optouts.txt"
    path.write_bytes(ending.join(["a@example.com", "", "b@example.com", "c@example.com"]).encode())
    result = read_suppression_file(path)
    assert column(result, "row_number") == [1, 3, 4]


def test_windows_1252_lines_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "optouts.txt"
    path.write_bytes(
        "Hélène Lefèvre <helene@example.fr>\n".encode("cp1252")
        + "Zoë Maes <zoe@example.be>\n".encode()
    )
    result = read_suppression_file(path)
    assert column(result, "value") == [
        "Hélène Lefèvre <helene@example.fr>",
        "Zoë Maes <zoe@example.be>",
    ]


def test_utf16_list_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "optouts.txt"
    path.write_bytes("jan@example.com\r\npiet@example.com\r\n".encode("utf-16"))
    result = read_suppression_file(path)
    assert result.format == "lines"
    assert column(result, "value") == ["jan@example.com", "piet@example.com"]


def test_one_column_workbook_is_a_list(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for value in ["Email", "jan@example.com", None, "example.org", "not an address"]:
        sheet.append([value])
    path = tmp_path / "optouts.xlsx"
    workbook.save(path)
    result = read_suppression_file(path)
    assert result.format == "lines"
    assert [(row["row_number"], row["kind"]) for row in rows(result)] == [
        (2, "email"),
        (4, "domain"),
    ]
    assert [reject[0] for reject in result.rejects] == [5]
    with pytest.raises(UnsupportedFormatError, match="does not look like a dnc-be file"):
        read_suppression_file(path, format="dnc-be")


PIECES = st.sampled_from(
    ["a@example.com", "B@Example.org ", "", "  ", "# note", "example.net", "+32 2 511 22 33", "??"]
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(PIECES, max_size=30), ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_lines_row_numbers_are_physical_lines(
    tmp_path: Path, lines: list[str], ending: str
) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(ending.join(lines).encode())
    if not "".join(lines).strip():
        with pytest.raises(UnsupportedFormatError):
            read_suppression_file(path, format="lines")
        return
    result = read_suppression_file(path, format="lines")
    values = {number: line.strip() for number, line in enumerate(lines, start=1)}
    read = {n for n, v in values.items() if v and not v.startswith("#")}
    assert set(column(result, "row_number")) | {r[0] for r in result.rejects} == read
    assert {r[0] for r in result.rejects} == {n for n in read if values[n] == "??"}
    assert result.rows_read == len(read)
    for row in rows(result):
        assert row["value"] == values[row["row_number"]]


def test_large_list_and_register_are_read_whole(tmp_path: Path) -> None:
    count = 20_000
    emails = tmp_path / "optouts.txt"
    emails.write_text("".join(f"person{i}@company{i % 997}.example\r\n" for i in range(count)))
    register = tmp_path / "dncm_2026-11-20.txt"
    register.write_text("".join(f"3247{i:07d};2025-{1 + i % 12:02d}-15\n" for i in range(count)))
    listed = read_suppression_file(emails)
    registered = read_suppression_file(register)
    assert len(listed.entries) == count
    assert listed.entries["row_number"].iloc[-1] == count
    assert len(registered.entries) == count
    assert registered.entries["value"].iloc[-1] == f"+3247{count - 1:07d}"
    assert registered.entries["on"].iloc[-1] == dt.date(2025, (count - 1) % 12 + 1, 15)
    assert registered.screened_on == dt.date(2026, 11, 20)


# --- dnc-be ------------------------------------------------------------------------------------


def test_dncm_register() -> None:
    result = read_suppression_file(DATA / "dncm_20261120.txt")
    assert [(row["row_number"], row["value"], row["on"]) for row in rows(result)] == [
        (1, "+32470123456", dt.date(2025, 11, 3)),
        (2, "+32491775888", dt.date(2024, 6, 17)),
        (3, "+3238142510", dt.date(2022, 12, 1)),
        (5, "+32476954017", dt.date(2023, 2, 9)),
        (6, "+32495642710", dt.date(2025, 8, 21)),
        (7, "+32470952959", None),
        (8, "0470556677", dt.date(2026, 1, 10)),
        (10, "+32471000111", None),  # 2025-13-45 is no date
    ]
    assert set(column(result, "kind")) == {"phone"}
    assert column(result, "reason") == [None] * 8
    assert result.rejects == (
        (9, "line", "not a phone number"),
        (11, "line", "too few or too many digits for a phone number"),
    )
    assert result.rows_read == 10
    assert result.screened_on == dt.date(2026, 11, 20)
    assert result.defaults == FormatDefaults("dnc", "phone", "dnc-be")


@pytest.mark.parametrize(
    ("name", "screened_on"),
    [
        ("dncm_20261120.txt", dt.date(2026, 11, 20)),
        ("dncm_2026-11-20.txt", dt.date(2026, 11, 20)),
        ("DNCM export 2026_11_20.csv", dt.date(2026, 11, 20)),
        ("dncm_be.txt", None),
        ("dncm_20261340.txt", None),
        ("dncm_list_1120.txt", None),
    ],
)
def test_screened_on_comes_from_the_file_name(
    tmp_path: Path, name: str, screened_on: dt.date | None
) -> None:
    path = tmp_path / name
    shutil.copy(DATA / "dncm_20261120.txt", path)
    result = read_suppression_file(path)
    assert result.format == "dnc-be"
    assert result.screened_on == screened_on


def test_screened_on_is_only_for_registers(tmp_path: Path) -> None:
    path = tmp_path / "optouts_20261120.txt"
    shutil.copy(DATA / "optouts_handkept.txt", path)
    assert read_suppression_file(path).screened_on is None


def test_dncm_numbers_without_dates_need_the_name(tmp_path: Path) -> None:
    numbers = "32470123456\n32491775888\n"
    register = tmp_path / "dncm_export.txt"
    register.write_text(numbers)
    assert read_suppression_file(register).format == "dnc-be"
    own = tmp_path / "do_not_call.txt"
    own.write_text(numbers)
    assert read_suppression_file(own).format == "lines"
    assert read_suppression_file(own, format="dnc-be").format == "dnc-be"


def test_dncm_header_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "register.txt"
    path.write_text("telefoonnummer;datum\n32470123456;2025-11-03\n")
    result = read_suppression_file(path, format="dnc-be")
    assert column(result, "row_number") == [2]
    assert result.rejects == ()


# --- errors ------------------------------------------------------------------------------------


def test_unknown_format_name() -> None:
    with pytest.raises(ConfigError) as caught:
        read_suppression_file(DATA / "optouts_handkept.txt", format="csv")
    message = str(caught.value)
    assert "'csv'" in message
    for name in FORMATS:
        assert name in message


def test_format_names_are_forgiving_about_case_and_underscores() -> None:
    result = read_suppression_file(DATA / "dncm_20261120.txt", format=" DNC_BE ")
    assert result.format == "dnc-be"


@pytest.mark.parametrize(
    ("name", "format", "looks_like"),
    [
        (
            "mailchimp_unsubscribed_members_export.csv",
            "mailchimp-cleaned",
            "mailchimp-unsubscribed",
        ),
        ("mailchimp_cleaned_members_export.csv", "sendgrid", "mailchimp-cleaned"),
        ("brevo_blocklisted_contacts.csv", "sendgrid", "brevo"),
        ("optouts_handkept.txt", "mailchimp-unsubscribed", "lines"),
        ("optouts_handkept.txt", "dnc-be", "lines"),
        ("dncm_20261120.txt", "lines", "dnc-be"),
        ("dncm_20261120.txt", "brevo", "dnc-be"),
        ("sendgrid_unsubscribes.json", "lines", "sendgrid"),
        ("sendgrid_global_unsubscribes.csv", "dnc-be", "sendgrid"),
    ],
)
def test_named_format_that_does_not_match(name: str, format: str, looks_like: str) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_suppression_file(DATA / name, format=format)
    message = str(caught.value)
    assert message.startswith(f"{name}: does not look like a {format} file")
    assert f"it looks like {looks_like}" in message
    assert "--format" in message
    for concrete in FORMATS[1:]:
        assert concrete in message
    assert caught.value.file == name
    assert "@" not in message


def test_unknown_table_is_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "crm_export.csv"
    path.write_text("Name,Company,Email\nJan Peeters,Acme,jan.peeters@example.com\n")
    with pytest.raises(UnsupportedFormatError) as caught:
        read_suppression_file(path)
    message = str(caught.value)
    assert message.startswith("crm_export.csv: is a table whose columns")
    assert "--format" in message
    assert "jan.peeters" not in message and "Peeters" not in message


def test_unknown_text_is_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Called Jan Peeters on Monday\nHe said no\nCall back never\n")
    with pytest.raises(UnsupportedFormatError, match=r"notes\.txt: is not a suppression file"):
        read_suppression_file(path)


@pytest.mark.parametrize("content", [b"", b"  \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n"])
@pytest.mark.parametrize("format", ["auto", "lines", "mailchimp-unsubscribed"])
def test_empty_file(tmp_path: Path, content: bytes, format: str) -> None:
    path = tmp_path / "optouts.csv"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormatError, match=r"optouts\.csv: the file is empty"):
        read_suppression_file(path, format=format)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.csv: file not found"):
        read_suppression_file(tmp_path / "absent.csv")
    with pytest.raises(InputError, match="is a folder"):
        read_suppression_file(tmp_path)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "optouts.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(UnsupportedFormatError, match="PDF"):
        read_suppression_file(path)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_rejects_never_hold_values(name: str) -> None:
    result = read_suppression_file(DATA / name)
    assert result.rejects or name not in ("optouts_handkept.txt", "dncm_20261120.txt")
    lines = (DATA / name).read_bytes().decode("utf-8-sig").splitlines()
    header = lines[0] if name.endswith(".csv") else ""
    structure = {*re.split(r"[;,]", header), "email", "created"}
    for number, column_name, reason in result.rejects:
        assert column_name in header or column_name in ("line", "email")
        line = lines[number - 1] if not name.endswith(".json") else ""
        for word in re.split(r"[\s;,]+", line):
            assert len(word) <= 3 or word in structure or word not in reason, (word, reason)
        for value in result.entries["value"]:
            assert value not in reason


def test_rejected_garbage_is_not_echoed(tmp_path: Path) -> None:
    path = tmp_path / "optouts.txt"
    path.write_text("jan@example.com\nCall Marie Claes on 0470 12 34 56 first\nunknown-value\n")
    result = read_suppression_file(path, format="lines")
    assert [reject[0] for reject in result.rejects] == [2, 3]
    for reject in result.rejects:
        assert "Marie" not in reject[2] and "unknown-value" not in reject[2]
