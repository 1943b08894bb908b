"""read_table on real-shaped files: LinkedIn, Excel CSV dialects, encodings, damage, .xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leadguard.errors import InputError, UnsupportedFormatError
from leadguard.ingest import MAX_CELL_CHARS, RawTable, read_table
from leadguard.ingest import readers as readers_module
from leadguard.ingest.dates import parse_dates

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def records(table: RawTable) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in table.frame.to_dict("records")]


def messages(table: RawTable) -> list[str]:
    return [*table.warnings, *table.row_problems.values()]


def assert_no_cell_values_in_messages(table: RawTable) -> None:
    """Warnings and problems may name files, rows and headers, never cell values."""
    headers = set(table.frame.columns)
    values = {
        value
        for row in records(table)
        for value in row.values()
        if isinstance(value, str) and len(value) >= 3 and value not in headers
    }
    for message in messages(table):
        for value in values:
            assert value not in message, (value, message)


def assert_raw_table_shape(table: RawTable) -> None:
    assert len(table.row_numbers) == len(table.frame)
    assert table.row_numbers == sorted(set(table.row_numbers))
    assert set(table.row_problems) <= set(table.row_numbers)
    assert all(dtype == np.dtype(object) for dtype in table.frame.dtypes)
    assert list(table.frame.index) == list(range(len(table.frame)))
    for row in records(table):
        assert all(value is None or (isinstance(value, str) and value) for value in row.values())
    assert table.frame.columns.is_unique


# --- LinkedIn ---------------------------------------------------------------------------------


def test_linkedin_current_layout_header_after_notes_preamble() -> None:
    table = read_table(DATA / "linkedin_connections_2024.csv")

    assert table.format == "linkedin"
    assert table.header_row == 4
    assert table.encoding == "utf-8"
    assert table.delimiter == ","
    assert table.file_name == "linkedin_connections_2024.csv"
    assert table.size == (DATA / "linkedin_connections_2024.csv").stat().st_size
    assert table.sha256 is not None and len(table.sha256) == 64
    assert list(table.frame.columns) == [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]
    assert table.row_numbers == [1, 2, 3, 4, 5, 6]
    rows = records(table)
    # The date-only row of a deleted member is a record, not a blank line.
    assert rows[2] == {**dict.fromkeys(table.frame.columns), "Connected On": "02 Jun 2022"}
    assert rows[3]["First Name"] == 'James "Tyler"'
    assert rows[3]["Last Name"] == "Nayak, MSc, MBA"
    assert rows[4]["Last Name"] == "O’Brien 🔸"
    assert rows[5]["Last Name"] == "Sample "  # no normalization: the trailing space stays
    assert rows[1]["First Name"] == "Désirée"
    assert table.warnings == ()
    assert_raw_table_shape(table)


def test_linkedin_2018_layout_without_preamble_or_url() -> None:
    table = read_table(DATA / "linkedin_connections_2018.csv")

    assert table.format == "linkedin"
    assert table.header_row == 1
    assert "URL" not in table.frame.columns
    assert table.row_numbers == [1, 2, 3]
    assert records(table)[0]["Last Name"] == "Petrov ★"
    assert records(table)[2]["Connected On"] == "18 Nov 2018"
    assert records(table)[2]["First Name"] is None


def test_linkedin_2018_us_timestamps_read_verbatim_and_parse_month_first() -> None:
    table = read_table(DATA / "linkedin_connections_2018_us.csv")

    assert table.format == "linkedin"
    column = table.frame["Connected On"].tolist()
    assert column == ["1/8/18, 6:14 PM", "12/25/17, 9:03 AM", "3/4/18, 11:45 PM"]
    assert records(table)[1]["Email Address"] == "urn:li:member:000000001"
    dates, problems = parse_dates(column, column="Connected On")
    assert dates == [dt.date(2018, 1, 8), dt.date(2017, 12, 25), dt.date(2018, 3, 4)]
    assert problems == {}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("ann@example.com\nbert@example.org\n", "e-mail address"),
        ("32470123456;2024-06-17\n32470654321;2024-06-18\n", "no letters"),
    ],
)
def test_a_file_without_header_row_is_warned_about(
    tmp_path: Path, content: str, fragment: str
) -> None:
    path = tmp_path / "list.txt"
    path.write_text(content)
    table = read_table(path)
    assert any(fragment in warning for warning in table.warnings)


def test_a_csv_with_connected_on_among_other_headers_is_not_linkedin(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("First Name,Last Name,Connected On,Notes\nAnn,Example,09 Oct 2024,x\n")
    assert read_table(path).format == "csv"


# --- Excel CSV dialects -----------------------------------------------------------------------


def test_semicolon_utf8_bom_crlf_event_export() -> None:
    table = read_table(DATA / "event_export_semicolon_bom_crlf.csv")

    assert table.format == "csv"
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ";"
    assert table.header_row == 1
    question = "I agree that Example NV may send me news and offers by e-mail"
    # The BOM is not part of the first header; the two empty trailing columns are gone.
    assert list(table.frame.columns) == [
        "Inschrijvingsdatum",
        "Voornaam",
        "Naam",
        "E-mail",
        "Bedrijf",
        "Functie",
        "Telefoon",
        "Opmerkingen",
        question,
    ]
    # Record 2 spans two physical lines and counts once; record 3 is blank: skipped, counted.
    assert table.row_numbers == [1, 2, 4]
    rows = records(table)
    assert rows[1]["Opmerkingen"] == 'Bel na 14u\r\nVraag naar "Sofie"'
    assert rows[0]["Telefoon"] == '="0032470123456"'
    assert rows[1]["Telefoon"] == "3,24701E+10"
    assert rows[0]["Voornaam"] == "Gérard"
    assert [row[question] for row in rows] == ["Ja", "Nee", "Ja"]
    assert rows[0]["Opmerkingen"] is None
    assert table.row_problems == {}
    assert table.warnings == ()


def test_excel_sep_line_names_the_delimiter() -> None:
    table = read_table(DATA / "excel_sep_line.csv")
    assert table.delimiter == ";"
    assert table.header_row == 2
    assert records(table) == [
        {"First Name": "Ann", "Last Name": "Example", "Email": "ann@example.com"}
    ]


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("excel_unicode_text_utf16le_bom.txt", "utf-16"),
        ("utf16be_bom.csv", "utf-16"),
        ("utf16le_no_bom.csv", "utf-16-le"),
    ],
)
def test_utf16_tab_separated(name: str, encoding: str) -> None:
    table = read_table(DATA / name)

    assert table.encoding == encoding
    assert table.delimiter == "\t"
    assert list(table.frame.columns) == ["First Name", "Last Name", "Email", "City"]
    assert records(table)[0] == {
        "First Name": "Zoë",
        "Last Name": "Łukasiewicz",
        "Email": "zoe@example.com",
        "City": "Łódź",
    }
    assert table.row_numbers == [1, 2]


def test_cp1252_file() -> None:
    table = read_table(DATA / "cp1252_export.csv")

    assert table.encoding == "cp1252"
    assert records(table)[0]["Last Name"] == "Müller"
    assert records(table)[1]["Company"] == "Café € Co"
    assert records(table)[1]["Last Name"] == "Dœuf"
    assert any("cp1252" in warning for warning in table.warnings)
    assert table.row_problems == {}


def test_utf8_file_with_some_cp1252_lines_is_decoded_line_by_line() -> None:
    table = read_table(DATA / "mixed_utf8_cp1252.csv")

    assert table.encoding == "mixed (utf-8, cp1252)"
    assert [row["First Name"] for row in records(table)] == [
        "Zoë",
        "Anna",
        "Hélène",
        "Jürgen",
        "Ève",
    ]
    assert records(table)[3]["Last Name"] == "Groß"
    assert any("2 row(s)" in warning for warning in table.warnings)
    assert table.row_problems == {}
    assert_no_cell_values_in_messages(table)


def test_bytes_neither_utf8_nor_cp1252_quarantine_their_row() -> None:
    table = read_table(DATA / "undecodable_bytes.csv")

    assert table.row_numbers == [1, 2, 3]
    assert list(table.row_problems) == [2]
    assert "UTF-8" in table.row_problems[2]
    assert records(table)[2]["First Name"] == "Eva"


@pytest.mark.parametrize(
    ("name", "delimiter", "column", "value"),
    [
        ("pipe_separated.csv", "|", "Company", "Example, Inc."),
        ("tab_separated.tsv", "\t", "Address", "Rue Exemple 1, 1000 Brussels"),
    ],
)
def test_pipe_and_tab_separated(name: str, delimiter: str, column: str, value: str) -> None:
    table = read_table(DATA / name)
    assert table.delimiter == delimiter
    assert records(table)[0][column] == value
    assert len(table.frame.columns) == 4
    assert table.row_problems == {}


def test_cr_only_line_endings() -> None:
    table = read_table(DATA / "mac_cr_only.csv")
    assert table.delimiter == ";"
    assert table.frame["Email"].tolist() == ["ann@example.com", "bert@example.org"]


def test_single_column_list() -> None:
    table = read_table(DATA / "single_column.csv")
    assert list(table.frame.columns) == ["Email"]
    assert table.row_numbers == [1, 3]


def test_title_line_above_the_header_is_skipped_with_a_warning() -> None:
    table = read_table(DATA / "title_line_above_header.csv")
    assert table.header_row == 3
    assert table.row_numbers == [1]
    assert records(table)[0]["First Name"] == "Ann"
    assert any("line 3" in warning for warning in table.warnings)


def test_semicolon_file_with_commas_in_every_address_is_still_semicolon(tmp_path: Path) -> None:
    # "," splits every data row into three cells too; only the header tells them apart.
    path = tmp_path / "addresses.csv"
    lines = ["Name;Street;City"] + [f"P{i};Rue {i}, bus 1, 9000;Gent" for i in range(4)]
    lines.append("P9;Rue 9, bus 1, 9000;Gent;extra")
    path.write_text("\n".join(lines) + "\n")
    table = read_table(path)
    assert table.delimiter == ";"
    assert records(table)[0]["Street"] == "Rue 0, bus 1, 9000"
    assert list(table.row_problems) == [5]


# --- Damage -----------------------------------------------------------------------------------


def test_ragged_rows_are_quarantined_and_short_rows_padded() -> None:
    table = read_table(DATA / "ragged_rows.csv")

    assert table.row_numbers == [1, 2, 3, 4]
    assert list(table.row_problems) == [2]
    assert "5 cells" in table.row_problems[2] and "4" in table.row_problems[2]
    rows = records(table)
    # The first len(header) cells of the ragged row are kept.
    assert rows[1] == {
        "First Name": "Bert",
        "Last Name": "Sample",
        "Email": "bert@example.org",
        "Company": "Sample",
    }
    assert rows[2]["Company"] is None  # a short row is padded, not a problem
    assert rows[3]["Company"] == "Demo BV"  # trailing empty cells are not ragged
    assert_no_cell_values_in_messages(table)


def test_row_two_cells_too_long_goes_through_the_csv_path(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2,3\n4,5,6,7,8\n9,10,11\n")
    table = read_table(path)
    assert table.row_numbers == [1, 2, 3]
    assert "5 cells" in table.row_problems[2]
    assert records(table)[1] == {"a": "4", "b": "5", "c": "6"}


def test_first_data_row_one_cell_too_long_is_not_taken_for_an_index(tmp_path: Path) -> None:
    # pandas would silently make the first column the index for such a file.
    path = tmp_path / "ragged_first.csv"
    path.write_text("a,b,c\n1,2,3,4\n5,6,7\n")
    table = read_table(path)
    assert records(table) == [{"a": "1", "b": "2", "c": "3"}, {"a": "5", "b": "6", "c": "7"}]
    assert list(table.row_problems) == [1]


def test_duplicate_and_empty_headers() -> None:
    table = read_table(DATA / "duplicate_headers.csv")

    assert list(table.frame.columns) == [
        "Email",
        "Name",
        "Email (3)",  # "Email (2)" is already a header of this file
        "Email (2)",
        "column 5",
        "Notes",
    ]
    assert records(table)[0]["Email (3)"] == "ann.private@example.org"
    assert records(table)[0]["column 5"] == "orphan"
    assert any("'Email (3)'" in warning for warning in table.warnings)
    assert any("column 5" in warning for warning in table.warnings)
    assert_no_cell_values_in_messages(table)


def test_a_10_mb_cell_is_read_then_replaced_by_none(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    big = "x" * (10 * 1024 * 1024)
    path.write_text(f'Name,Notes\nAnn,short\nBert,"{big}\nstill the cell"\nCleo,ok\n')
    table = read_table(path)

    assert table.row_numbers == [1, 2, 3]
    assert list(table.row_problems) == [2]
    assert "1 MiB" in table.row_problems[2] and "'Notes'" in table.row_problems[2]
    assert records(table)[1] == {"Name": "Bert", "Notes": None}
    assert records(table)[2] == {"Name": "Cleo", "Notes": "ok"}


def test_big_cell_in_a_file_that_also_needs_the_csv_path(tmp_path: Path) -> None:
    path = tmp_path / "big_nul.csv"
    path.write_bytes(b"Name,Notes\nA\x00n,x\nBert," + b"y" * (MAX_CELL_CHARS + 1) + b"\n")
    table = read_table(path)
    assert set(table.row_problems) == {1, 2}
    assert "NUL" in table.row_problems[1]
    assert "1 MiB" in table.row_problems[2]
    assert records(table)[1]["Notes"] is None


def test_nul_byte_quarantines_its_record() -> None:
    table = read_table(DATA / "nul_bytes.csv")

    assert table.encoding == "utf-8"
    assert table.row_numbers == [1, 2, 3]
    assert list(table.row_problems) == [2]
    assert "NUL" in table.row_problems[2]
    assert records(table)[2]["First Name"] == "Cleo"


def test_unclosed_quote_does_not_silently_swallow_the_rest() -> None:
    table = read_table(DATA / "unclosed_quote.csv")

    assert table.row_numbers == [1, 2]
    assert list(table.row_problems) == [2]
    assert "never closed" in table.row_problems[2]
    assert any("never closed" in warning for warning in table.warnings)
    assert_no_cell_values_in_messages(table)


def test_100k_rows_with_one_broken_row(tmp_path: Path) -> None:
    broken = 73_456
    lines = ["First Name,Last Name,Email,Company"]
    for i in range(1, 100_001):
        company = "Example, Inc." if i == broken else f"Example {i} NV"
        lines.append(f"P{i},Example,p{i}@example.com,{company}")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")

    table = read_table(path)

    assert table.row_numbers == list(range(1, 100_001))
    assert list(table.row_problems) == [broken]
    assert records(table)[broken - 1]["Company"] == "Example"
    assert records(table)[-1]["Email"] == "p100000@example.com"


def test_100k_rows_with_one_broken_row_on_the_csv_path(tmp_path: Path) -> None:
    # A NUL byte elsewhere sends the whole file through the csv module.
    broken = 54_321
    lines = ["First Name,Last Name,Email,Company"]
    for i in range(1, 100_001):
        company = "Example, Inc., Ltd" if i == broken else f"Example {i} NV"
        first = "P\x00" if i == 7 else f"P{i}"
        lines.append(f"{first},Example,p{i}@example.com,{company}")
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n")

    table = read_table(path)

    assert table.row_numbers == list(range(1, 100_001))
    assert sorted(table.row_problems) == [7, broken]
    assert "6 cells" in table.row_problems[broken]


# --- Whole-file errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("empty.csv", "empty"),
        ("header_only.csv", "no data rows"),
        ("header_and_blank_lines.csv", "no data rows"),
        ("binary_png.csv", "PNG"),
        ("binary_pdf.csv", "PDF"),
        ("binary_zip.csv", "ZIP"),
        ("control_bytes.csv", "binary"),
        ("not_a_zip.xlsx", "not a zip"),
        ("old_excel.xls", "save as .xlsx or CSV"),
    ],
)
def test_unreadable_files_raise_naming_the_file(name: str, fragment: str) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_table(DATA / name)
    assert caught.value.file == name
    assert str(caught.value).startswith(f"{name}: ")
    assert fragment in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf", b"\r\n\r\n", b"   ", "\ufeff\r\n".encode("utf-16")],
)
def test_files_with_nothing_in_them_are_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(content)
    with pytest.raises(UnsupportedFormatError, match="empty"):
        read_table(path)


def test_an_xlsx_renamed_to_csv_says_so(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes((DATA / "badge_scan.xlsx").read_bytes())
    with pytest.raises(UnsupportedFormatError, match="rename it to .xlsx"):
        read_table(path)


def test_html_named_xls_or_csv(tmp_path: Path) -> None:
    html = b"<html><body><table><tr><td>Email</td></tr></table></body></html>"
    (tmp_path / "export.xls").write_bytes(html)
    (tmp_path / "export.csv").write_bytes(html)
    with pytest.raises(UnsupportedFormatError, match="holds text"):
        read_table(tmp_path / "export.xls")
    with pytest.raises(UnsupportedFormatError, match="HTML"):
        read_table(tmp_path / "export.csv")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found") as caught:
        read_table(tmp_path / "nope.csv")
    assert not isinstance(caught.value, UnsupportedFormatError)


def test_sheet_is_ignored_for_csv_with_a_warning() -> None:
    table = read_table(DATA / "pipe_separated.csv", sheet="Leads")
    assert any("sheet=" in warning for warning in table.warnings)


# --- .xlsx ------------------------------------------------------------------------------------


def test_xlsx_badge_scan_with_title_row_numbers_dates_and_formula_text() -> None:
    table = read_table(DATA / "badge_scan.xlsx")

    assert table.format == "xlsx"
    assert table.sheet == "Day 1"
    assert table.header_row == 3
    assert table.encoding is None and table.delimiter is None
    assert table.row_numbers == [1, 2, 4]  # row 3 under the header is blank
    rows = records(table)
    assert [row["Phone"] for row in rows] == ["32470123456", "32470123456", "0470 12 34 56"]
    assert [row["Score"] for row in rows] == ["3.5", "12", "2"]  # "2": a formula's cached value
    assert [row["Scan date"] for row in rows] == [
        "2024-10-09",
        "2024-10-09T14:30:00",
        "2024-10-10",
    ]
    assert [row["Notes"] for row in rows] == [
        '=HYPERLINK("https://example.com")',
        "+SUM(1)",
        "@cmd",
    ]
    assert rows[2]["Email"] is None
    assert any("2 sheets" in warning for warning in table.warnings)
    assert any("row 3" in warning for warning in table.warnings)
    assert_raw_table_shape(table)


@pytest.mark.parametrize("sheet", ["Day 2", "day 2", 1])
def test_xlsx_second_sheet(sheet: str | int) -> None:
    table = read_table(DATA / "badge_scan.xlsx", sheet=sheet)
    assert table.sheet == "Day 2"
    assert table.header_row == 1
    assert records(table) == [
        {
            "First Name": "Dirk",
            "Last Name": "Demo",
            "Email": "dirk@example.be",
            "Phone": "3225551212",
        },
        {"First Name": "Eva", "Last Name": "Voorbeeld", "Email": "eva@example.be", "Phone": None},
    ]
    assert table.warnings == ()


@pytest.mark.parametrize("sheet", ["Day 3", 5])
def test_xlsx_unknown_sheet_lists_the_sheets(sheet: str | int) -> None:
    with pytest.raises(UnsupportedFormatError) as caught:
        read_table(DATA / "badge_scan.xlsx", sheet=sheet)
    assert "'Day 1'" in str(caught.value) and "'Day 2'" in str(caught.value)
    assert caught.value.file == "badge_scan.xlsx"


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_header_only_and_empty_sheet(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="no data rows"):
        read_table(_workbook(tmp_path / "h.xlsx", [["Name", "Email"]]))
    with pytest.raises(UnsupportedFormatError, match="empty"):
        read_table(_workbook(tmp_path / "e.xlsx", []))


def test_xlsx_cells_right_of_the_header_become_named_columns(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "w.xlsx", [["Name", "Email"], ["Ann", "a@example.com", "note"]])
    table = read_table(path)
    assert list(table.frame.columns) == ["Name", "Email", "column 3"]
    assert any("column 3" in warning for warning in table.warnings)


def test_damaged_zip_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes((DATA / "badge_scan.xlsx").read_bytes()[:500])
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        read_table(path)


# --- DataFrames -------------------------------------------------------------------------------


def test_dataframe_cells_become_text() -> None:
    frame = pd.DataFrame(
        {
            "Name": ["Ann", None, "", "Cleo"],
            "Phone": [32470123456, 0, 5, 7],
            "Score": [12.0, math.nan, 3.5, 1e-5],
            "When": [pd.Timestamp("2024-10-09"), pd.NaT, pd.Timestamp("2024-10-09 14:30"), None],
            "Opt": [True, pd.NA, False, None],
        }
    )
    frame["Opt"] = frame["Opt"].astype(object)
    table = read_table(frame)

    assert table.format == "dataframe"
    assert table.file_name is None and table.sha256 is None and table.size is None
    assert table.row_numbers == [1, 2, 3, 4]
    assert records(table) == [
        {"Name": "Ann", "Phone": "32470123456", "Score": "12", "When": "2024-10-09", "Opt": "TRUE"},
        {"Name": None, "Phone": "0", "Score": None, "When": None, "Opt": None},
        {
            "Name": None,
            "Phone": "5",
            "Score": "3.5",
            "When": "2024-10-09T14:30:00",
            "Opt": "FALSE",
        },
        {"Name": "Cleo", "Phone": "7", "Score": "0.00001", "When": None, "Opt": None},
    ]
    assert_raw_table_shape(table)


def test_dataframe_blank_rows_skipped_but_counted_and_duplicate_columns() -> None:
    frame = pd.DataFrame([["a", "b"], [None, np.nan], ["c", None]], columns=["Email", "Email"])
    table = read_table(frame)
    assert list(table.frame.columns) == ["Email", "Email (2)"]
    assert table.row_numbers == [1, 3]


def test_empty_dataframe_is_rejected() -> None:
    with pytest.raises(UnsupportedFormatError):
        read_table(pd.DataFrame({"Email": []}))
    with pytest.raises(UnsupportedFormatError):
        read_table(pd.DataFrame({"Email": [None, None]}))


# --- Messages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "ragged_rows.csv",
        "nul_bytes.csv",
        "duplicate_headers.csv",
        "mixed_utf8_cp1252.csv",
        "unclosed_quote.csv",
        "undecodable_bytes.csv",
        "cp1252_export.csv",
        "badge_scan.xlsx",
    ],
)
def test_no_cell_values_in_warnings_or_problems(name: str) -> None:
    assert_no_cell_values_in_messages(read_table(DATA / name))


# --- Properties -------------------------------------------------------------------------------

_cells = st.one_of(st.none(), st.text(max_size=20))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_cells, _cells, _cells), min_size=1, max_size=12))
def test_dataframe_round_trips_text_cells(rows: list[tuple[str | None, ...]]) -> None:
    frame = pd.DataFrame(rows, columns=["a", "b", "c"], dtype=object)
    expected = [
        (number, [cell or None for cell in row])
        for number, row in enumerate(rows, start=1)
        if any(row)
    ]
    if not expected:
        with pytest.raises(UnsupportedFormatError):
            read_table(frame)
        return
    table = read_table(frame)
    assert table.row_numbers == [number for number, _ in expected]
    assert [list(row.values()) for row in records(table)] == [cells for _, cells in expected]
    assert table.row_problems == {}


# Printable text with the characters that make CSV hard; no NUL or other control characters
# (those quarantine the row, tested above).
_csv_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(",;\t|\"\r\n ' =+@é€Ã©")),
        st.characters(blacklist_categories=("Cs", "Cc")),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([",", ";", "\t", "|"]),
    st.lists(st.tuples(_csv_text, _csv_text, _csv_text), min_size=1, max_size=8),
    st.sampled_from(["\r\n", "\n"]),
)
def test_csv_written_by_the_csv_module_round_trips(
    delimiter: str, rows: list[tuple[str, str, str]], terminator: str
) -> None:
    # With a "\n" terminator csv.writer leaves a lone "\r" unquoted: such a file is ambiguous.
    assume(terminator == "\r\n" or not any("\r" in cell for row in rows for cell in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=terminator)
    writer.writerow(["First Name", "Last Name", "Email"])
    writer.writerows(rows)
    expected = [(n, [c or None for c in row]) for n, row in enumerate(rows, 1) if any(row)]
    path = Path(readers_tmp()) / "roundtrip.csv"
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    if not expected:
        with pytest.raises(UnsupportedFormatError):
            read_table(path)
        return
    table = read_table(path)
    assert table.delimiter == delimiter
    assert table.row_numbers == [n for n, _ in expected]
    assert [list(row.values()) for row in records(table)] == [cells for _, cells in expected]
    assert table.row_problems == {}


_raw_csv = st.text(alphabet=st.sampled_from(list('ab,"\n\r ;')), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_raw_csv)
def test_fast_and_csv_paths_agree(body: str) -> None:
    """pandas' C parser (fast path) and the csv module read any text the same way."""
    text = "h1,h2,h3\n" + body
    data = text.encode()
    decoded = readers_module._Decoded(text, "utf-8")
    header = readers_module._find_header(text, 0, 0, ",", 3)
    fast = readers_module._records_fast(data, decoded, header, ",")
    if fast is None:
        return  # the fast path declined: the csv path alone is used
    slow = readers_module._records_csv(decoded, header, ",")
    assert fast.numbers == slow.numbers
    assert [list(c) for c in fast.columns] == [list(c) for c in slow.columns]
    assert fast.problems == slow.problems


_TMP: list[str] = []


def readers_tmp() -> str:
    """A directory for hypothesis examples (function-scoped tmp_path does not mix with @given)."""
    if not _TMP:
        import tempfile

        _TMP.append(tempfile.mkdtemp(prefix="leadguard-readers-"))
    return _TMP[0]
