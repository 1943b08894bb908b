"""Vendor files for approved exports: layouts, formula safety, atomic writes, manifests.

Golden files live in tests/data/export; ``LEADGUARD_UPDATE_GOLDEN=1`` rewrites them from the
current output (review the diff before committing it).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

import leadguard
from leadguard.export import (
    EXPORT_FORMATS,
    SAFE_COLUMNS,
    neutralize_cell,
    vendor_frame,
    write_export,
    write_manifest,
    writers,
)

DATA = Path(__file__).parent.parent / "data" / "export"
UPDATE = os.environ.get("LEADGUARD_UPDATE_GOLDEN") == "1"
TEXT_FORMATS = ("csv", "hubspot", "mailchimp", "salesforce")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
EN_DASH = "\u2013"


def gate_rows(*, default_dtypes: bool = False) -> pd.DataFrame:
    """The fixture leads as the gate hands them over: object columns, None for missing."""
    frame = pd.DataFrame(json.loads((DATA / "leads.json").read_text(encoding="utf-8")))
    if default_dtypes:
        return frame
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)


def without_notice(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.drop(columns=["notice_due", "notice_text"])


def read_csv_cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_golden(actual: bytes, name: str) -> None:
    golden = DATA / name
    if UPDATE:
        golden.write_bytes(actual)
    assert golden.exists(), f"{name} missing: run with LEADGUARD_UPDATE_GOLDEN=1"
    assert actual == golden.read_bytes()


# --------------------------------------------------------------------------------------------
# neutralize_cell


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://x")', "+SUM(1)", "-2+3", "@cmd", "\tAccount", "\rGent", "=", "-"],
)
def test_formula_starts_get_an_apostrophe(value: str) -> None:
    assert neutralize_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["Acier Wallon SA", "'s-Hertogenbosch", "", " =1+1", "a=b", "Köln", "\nx", "'=1"],
)
def test_other_strings_unchanged(value: str) -> None:
    assert neutralize_cell(value) == value


@pytest.mark.parametrize("value", [None, 1001, -5, 3.5, True, date(2026, 1, 1)])
def test_non_strings_unchanged(value: object) -> None:
    assert neutralize_cell(value) is value


def test_neutralizing_twice_changes_nothing() -> None:
    once = neutralize_cell("=1+1")
    assert neutralize_cell(once) == once


# --------------------------------------------------------------------------------------------
# Goldens


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_format_matches_golden(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"export.{fmt}.csv"
    written = write_export(gate_rows(), fmt, out, channel="email")
    data = out.read_bytes()
    check_golden(data, f"golden_{fmt}.csv")
    assert written.sha256 == hashlib.sha256(data).hexdigest()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    assert b"\r\n" not in data
    assert data.decode("utf-8").splitlines()[0].split(",") == list(written.fields)


def test_parquet_matches_golden_and_the_frame(tmp_path: Path) -> None:
    out = tmp_path / "export.parquet"
    written = write_export(gate_rows(), "parquet", out, channel="email")
    con = duckdb.connect()
    try:
        schema = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()
        back = con.execute("SELECT * FROM read_parquet(?)", [str(out)]).fetchall()
    finally:
        con.close()
    types = {name: kind for name, kind, *_ in schema}
    assert types["leadguard_id"] == "BIGINT"
    assert types["leadguard_notice_due"] == "BOOLEAN"
    assert types["first_name"] == "VARCHAR"
    assert tuple(types) == written.fields

    expected = vendor_frame(gate_rows(), "parquet", channel="email")
    rows = [dict(zip(written.fields, row, strict=True)) for row in back]
    assert rows == expected.astype(object).to_dict("records")

    golden = {"schema": types, "rows": rows}
    text = json.dumps(golden, ensure_ascii=False, indent=2) + "\n"
    check_golden(text.encode("utf-8"), "golden_parquet.json")
    assert written.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# Layouts


def test_columns_per_format() -> None:
    rows = without_notice(gate_rows())
    assert list(vendor_frame(rows, "csv", channel="email").columns) == [
        *[c for c in rows.columns if c != "leadguard_id"],
        "leadguard_id",
    ]
    assert list(vendor_frame(rows, "hubspot", channel="email").columns) == [
        "email",
        "firstname",
        "lastname",
        "phone",
        "company",
        "jobtitle",
        "country",
        "city",
        "hs_legal_basis",
        "leadguard_id",
    ]
    assert list(vendor_frame(rows, "mailchimp", channel="email").columns) == [
        "Email Address",
        "First Name",
        "Last Name",
        "Phone Number",
        "Company",
        "Country",
        "City",
        "leadguard_id",
    ]
    assert list(vendor_frame(rows, "salesforce", channel="email").columns) == [
        "FirstName",
        "LastName",
        "Company",
        "Email",
        "Phone",
        "MobilePhone",
        "Title",
        "Country",
        "City",
        "LeadSource",
        "leadguard_id",
    ]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_leadguard_id_is_last_and_exact(fmt: str) -> None:
    frame = vendor_frame(gate_rows(), fmt, channel="email")
    assert frame.columns[-1] == "leadguard_id"
    assert frame["leadguard_id"].dtype == "int64"
    assert frame["leadguard_id"].tolist() == gate_rows()["leadguard_id"].tolist()


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_notice_columns_kept_before_the_id(fmt: str) -> None:
    frame = vendor_frame(gate_rows(), fmt, channel="email")
    assert list(frame.columns[-3:]) == ["leadguard_notice_due", "leadguard_notice", "leadguard_id"]
    due = frame.set_index("leadguard_id")["leadguard_notice_due"]
    assert due[1004] and due[1007] and not due[1001]
    assert frame.set_index("leadguard_id").loc[1004, "leadguard_notice"].startswith("Nous")
    assert "notice_due" not in frame.columns and "notice_text" not in frame.columns


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_no_notice_columns_without_notice_input(fmt: str) -> None:
    frame = vendor_frame(without_notice(gate_rows()), fmt, channel="email")
    assert not any(str(c).startswith("leadguard_notice") for c in frame.columns)


def test_hubspot_legal_basis_strings_are_hubspots_options() -> None:
    frame = vendor_frame(gate_rows(), "hubspot", channel="email").set_index("leadguard_id")
    assert frame.loc[1001, "hs_legal_basis"] == f"Legitimate interest {EN_DASH} prospect/lead"
    assert frame.loc[1002, "hs_legal_basis"] == "Freely given consent from contact"
    assert frame.loc[1003, "hs_legal_basis"] == "Performance of a contract"
    assert frame.loc[1004, "hs_legal_basis"] == "Not applicable"  # public_task
    assert frame.loc[1007, "hs_legal_basis"] == "Not applicable"  # legal_obligation
    assert set(writers.HUBSPOT_LEGAL_BASIS) == {k.value for k in leadguard.BasisKind}


def test_hubspot_phone_falls_back_to_mobile_for_phone_campaigns_only() -> None:
    rows = gate_rows()
    by_phone = vendor_frame(rows, "hubspot", channel="phone").set_index("leadguard_id")
    by_email = vendor_frame(rows, "hubspot", channel="email").set_index("leadguard_id")
    assert by_phone.loc[1002, "phone"] == "+31612345678"  # no landline: the mobile
    assert by_phone.loc[1001, "phone"] == "+3242223344"  # landline kept
    assert by_email.loc[1002, "phone"] is None


def test_salesforce_lead_source() -> None:
    frame = vendor_frame(gate_rows(), "salesforce", channel="phone")
    assert set(frame["LeadSource"]) == {"leadguard"}


@pytest.mark.parametrize("channel", ["phone", "post"])
def test_mailchimp_takes_email_audiences_only(channel: str, tmp_path: Path) -> None:
    with pytest.raises(leadguard.ConfigError, match="mailchimp takes e-mail audiences only"):
        vendor_frame(gate_rows(), "mailchimp", channel=channel)
    with pytest.raises(leadguard.ConfigError, match="mailchimp takes e-mail audiences only"):
        write_export(gate_rows(), "mailchimp", tmp_path / "x.csv", channel=channel)
    assert list(tmp_path.iterdir()) == []


def test_default_pandas_dtypes_give_the_same_frame() -> None:
    for fmt in EXPORT_FORMATS:
        a = vendor_frame(gate_rows(), fmt, channel="email")
        b = vendor_frame(gate_rows(default_dtypes=True), fmt, channel="email")
        pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------------------------
# Formula safety


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_validated_values_are_byte_identical(fmt: str, tmp_path: Path) -> None:
    rows = gate_rows()
    out = tmp_path / "export.csv"
    write_export(rows, fmt, out, channel="email")
    names = {
        "csv": {"email": "email", "phone": "phone", "mobile": "mobile", "country": "country"},
        "hubspot": {"email": "email", "phone": "phone", "country": "country"},
        "mailchimp": {"email": "Email Address", "phone": "Phone Number", "country": "Country"},
        "salesforce": {"email": "Email", "phone": "Phone", "mobile": "MobilePhone"},
    }[fmt]
    source = rows.set_index("leadguard_id")
    cells = read_csv_cells(out)
    assert cells
    for cell in cells:
        lead = int(cell["leadguard_id"])
        assert cell["leadguard_id"] == str(lead)
        for column, header in names.items():
            value = source.loc[lead, column]
            assert cell[header] == ("" if value is None else value)
            if value is not None:
                assert cell[header].encode("utf-8") == value.encode("utf-8")
    raw = out.read_text(encoding="utf-8")
    assert "+32470123456" in raw or fmt in ("hubspot", "mailchimp")
    assert "'+32" not in raw and "'+31" not in raw and "'+49" not in raw


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_formula_cell_is_neutralized(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    written = write_export(gate_rows(), fmt, out, channel="email")
    cells = read_csv_cells(out)
    phones = {"phone", "mobile", "Phone Number", "Phone", "MobilePhone"}
    neutralized = 0
    for row in cells:
        for header, value in row.items():
            if header in phones and value:
                assert value.startswith("+") and value[1:].isdigit()
            elif value.startswith(FORMULA):
                pytest.fail(f"{header} starts with a formula character")
            if value.startswith("'") and value[1:2] in FORMULA:
                neutralized += 1
    assert neutralized >= 2
    assert written.rows == len(cells)


def test_each_free_text_formula_gets_an_apostrophe_and_nothing_else_changes() -> None:
    rows = without_notice(gate_rows())
    frame = vendor_frame(rows, "csv", channel="email")
    neutralized = 0
    for column in rows.columns:
        for i, value in enumerate(rows[column]):
            if column not in SAFE_COLUMNS and isinstance(value, str) and value.startswith(FORMULA):
                assert frame.loc[i, column] == "'" + value
                neutralized += 1
            else:
                assert frame.loc[i, column] == value
    assert neutralized == 5  # company x2, job title x3 (one of them tab-led)


def test_hyperlink_company_round_trips_neutralized(tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    write_export(gate_rows(), "salesforce", out, channel="email")
    row = next(r for r in read_csv_cells(out) if r["leadguard_id"] == "1002")
    assert row["Company"] == '\'=HYPERLINK("http://x")'


def test_carriage_return_cell_stays_in_its_row(tmp_path: Path) -> None:
    rows = gate_rows()
    rows.loc[0, "city"] = "\r=cmd|'/C calc'!A0"
    rows.loc[1, "job_title"] = "Inkoop\r=1+1"
    out = tmp_path / "export.csv"
    written = write_export(rows, "csv", out, channel="email")
    cells = read_csv_cells(out)
    assert len(cells) == written.rows == len(rows)
    by_id = {r["leadguard_id"]: r for r in cells}
    assert by_id["1001"]["city"] == "'\r=cmd|'/C calc'!A0"
    assert by_id["1002"]["job_title"] == "Inkoop\r=1+1"
    raw = out.read_bytes()  # both fields quoted: a CR is a line break only outside quotes
    assert b"\"'\r=cmd|'/C calc'!A0\"," in raw
    assert b',"Inkoop\r=1+1",' in raw


def test_validated_column_starting_with_formula_is_not_written(tmp_path: Path) -> None:
    rows = gate_rows()
    rows.loc[2, "email"] = "-j.mueller@baeckerei-mueller.example"  # valid, but read as formula
    rows.loc[4, "phone"] = "+SUM(1)"  # not E.164
    frame = vendor_frame(rows, "csv", channel="email").set_index("leadguard_id")
    assert frame.loc[1003, "email"] == "'-j.mueller@baeckerei-mueller.example"
    assert frame.loc[1005, "phone"] == "'+SUM(1)"
    for fmt in EXPORT_FORMATS:
        written = write_export(rows, fmt, tmp_path / f"x.{fmt}", channel="email")
        reasons = dict(zip(written.dropped["leadguard_id"], written.dropped["reason"], strict=True))
        assert reasons[1003] == "email_starts_with_formula_character"
        assert reasons[1005] == "phone_starts_with_formula_character"
    text = (tmp_path / "x.csv").read_text(encoding="utf-8")
    assert "j.mueller" not in text and "SUM" not in text


# --------------------------------------------------------------------------------------------
# Rows a format cannot take


def test_salesforce_drops_rows_without_last_name_or_company(tmp_path: Path) -> None:
    out = tmp_path / "leads_salesforce.csv"
    written = write_export(gate_rows(), "salesforce", out, channel="email")
    assert written.dropped.to_dict("records") == [
        {"leadguard_id": 1006, "reason": "missing_last_name"},
        {"leadguard_id": 1007, "reason": "missing_company"},
    ]
    assert written.dropped["leadguard_id"].dtype == "int64"
    ids = [r["leadguard_id"] for r in read_csv_cells(out)]
    assert ids == ["1001", "1002", "1003", "1004", "1005"]
    assert written.rows == 5
    assert "Sophie" not in out.read_text(encoding="utf-8")  # nothing invented, nothing written


def test_salesforce_reports_both_reasons(tmp_path: Path) -> None:
    rows = gate_rows()
    rows.loc[0, "last_name"] = "  "
    rows.loc[0, "company"] = None
    written = write_export(rows, "salesforce", tmp_path / "x.csv", channel="phone")
    first = written.dropped.iloc[0]
    assert (first["leadguard_id"], first["reason"]) == (1001, "missing_last_name; missing_company")


@pytest.mark.parametrize("fmt", ["csv", "parquet", "hubspot", "mailchimp"])
def test_other_formats_keep_rows_salesforce_drops(fmt: str, tmp_path: Path) -> None:
    written = write_export(gate_rows(), fmt, tmp_path / "x", channel="email")
    assert written.rows == 7
    assert written.dropped.empty
    assert list(written.dropped.columns) == ["leadguard_id", "reason"]


def test_notice_due_without_text_is_not_written(tmp_path: Path) -> None:
    rows = gate_rows()
    rows.loc[3, "notice_text"] = None
    written = write_export(rows, "hubspot", tmp_path / "x.csv", channel="email")
    assert written.dropped.to_dict("records") == [
        {"leadguard_id": 1004, "reason": "missing_notice_text"}
    ]


def test_mailchimp_drops_rows_without_email(tmp_path: Path) -> None:
    rows = gate_rows()
    rows.loc[0, "email"] = None
    written = write_export(rows, "mailchimp", tmp_path / "x.csv", channel="email")
    assert written.dropped.to_dict("records") == [{"leadguard_id": 1001, "reason": "missing_email"}]


# --------------------------------------------------------------------------------------------
# Files


def test_booleans_and_missing_values_in_text(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    write_export(gate_rows(), "csv", out, channel="email")
    by_id = {r["leadguard_id"]: r for r in read_csv_cells(out)}
    assert by_id["1004"]["leadguard_notice_due"] == "true"
    assert by_id["1001"]["leadguard_notice_due"] == "false"
    assert by_id["1001"]["leadguard_notice"] == ""
    assert by_id["1002"]["phone"] == ""


def test_empty_export_writes_the_header(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    written = write_export(gate_rows().iloc[0:0], "hubspot", out, channel="email")
    assert written.rows == 0
    assert out.read_text(encoding="utf-8").count("\n") == 1
    pq = write_export(gate_rows().iloc[0:0], "parquet", tmp_path / "x.parquet", channel="email")
    assert pq.rows == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{pq.path}'").fetchone() == (0,)


def test_export_file_is_private(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    for fmt in ("csv", "parquet"):
        written = write_export(gate_rows(), fmt, tmp_path / f"x.{fmt}", channel="email")
        assert written.path.stat().st_mode & 0o777 == 0o600


def disk_full_midway(frame: Any, target: Path) -> None:
    """The rows are half written when the disk fills up."""
    target.write_text("Jan,Peeters\n")
    raise OSError("disk full")


def failing_after(calls: int, real: Callable[..., Any]) -> Callable[..., Any]:
    count = 0

    def fake(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        if count > calls:
            raise OSError("disk full")
        return real(*args, **kwargs)

    return fake


def test_failed_text_export_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writers, "_copy_rows", disk_full_midway)
    with pytest.raises(OSError, match="disk full"):
        write_export(gate_rows(), "csv", tmp_path / "x.csv", channel="email")
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "x.csv"
    out.write_bytes(b"previous export\n")
    monkeypatch.setattr(writers, "_copy_rows", disk_full_midway)
    with pytest.raises(OSError):
        write_export(gate_rows(), "salesforce", out, channel="email")
    assert out.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_failed_parquet_export_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_written(frame: pd.DataFrame, tmp: Path) -> None:
        tmp.write_bytes(b"PAR1 half")
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(writers, "_write_parquet", half_written)
    with pytest.raises(duckdb.IOException):
        write_export(gate_rows(), "parquet", tmp_path / "x.parquet", channel="email")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(leadguard.ConfigError, match="does not exist"):
        write_export(gate_rows(), "csv", tmp_path / "nope" / "x.csv", channel="email")


# --------------------------------------------------------------------------------------------
# Manifest


def test_manifest_describes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "campagne_été.csv"
    written = write_export(gate_rows(), "salesforce", out, channel="email")
    info = {
        "recipient": "Agence Lumière",
        "basis": "prospection-be",
        "channel": "email",
        "counts": {"approved": 7},
        "excluded": {"suppressed": 2, "objected": 1},
        "requested_on": date(2026, 11, 20),
    }
    path = write_manifest(written, info)
    assert path == tmp_path / "campagne_été.csv.manifest.json"
    text = path.read_text(encoding="utf-8")
    assert "Agence Lumière" in text and "\\u" not in text  # ensure_ascii=False
    manifest = json.loads(text)
    assert list(manifest) == sorted(manifest)
    assert manifest["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert manifest["file"] == "campagne_été.csv"
    assert manifest["format"] == "salesforce"
    assert manifest["rows"] == 5
    assert manifest["fields"] == list(written.fields)
    assert manifest["dropped"] == {"missing_company": 1, "missing_last_name": 1}
    assert manifest["leadguard_version"] == leadguard.__version__
    assert manifest["written_at"].endswith("+00:00")
    assert manifest["requested_on"] == "2026-11-20"
    assert manifest["excluded"] == {"objected": 1, "suppressed": 2}
    assert text.startswith('{\n  "basis"')  # indent 2
    assert "Sophie" not in text  # no personal data, not even of dropped rows


def test_manifest_refuses_info_that_overrides_file_facts(tmp_path: Path) -> None:
    written = write_export(gate_rows(), "csv", tmp_path / "x.csv", channel="email")
    with pytest.raises(leadguard.ConfigError, match="'sha256'"):
        write_manifest(written, {"sha256": "0" * 64})
    with pytest.raises(leadguard.ConfigError, match="JSON"):
        write_manifest(written, {"recipient": object()})
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


# --------------------------------------------------------------------------------------------
# Errors


def test_unknown_format_lists_the_formats(tmp_path: Path) -> None:
    with pytest.raises(leadguard.ConfigError) as info:
        write_export(gate_rows(), "xlsx", tmp_path / "x.xlsx", channel="email")
    for fmt in EXPORT_FORMATS:
        assert fmt in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_unknown_channel() -> None:
    with pytest.raises(leadguard.ConfigError, match="email, phone, post"):
        vendor_frame(gate_rows(), "csv", channel="fax")


def test_format_and_channel_names_are_case_insensitive(tmp_path: Path) -> None:
    written = write_export(gate_rows(), " HubSpot ", tmp_path / "x.csv", channel="EMAIL")
    assert written.format == "hubspot"


@pytest.mark.parametrize(
    ("change", "column"),
    [
        (lambda r: r.drop(columns=["company"]), None),
        (
            lambda r: r.assign(leadguard_id=[1001, 1001, 1003, 1004, 1005, 1006, 1007]),
            "leadguard_id",
        ),
        (
            lambda r: r.assign(leadguard_id=[1001, None, 1003, 1004, 1005, 1006, 1007]),
            "leadguard_id",
        ),
        (lambda r: r.assign(leadguard_id=["1001", "x", "3", "4", "5", "6", "7"]), "leadguard_id"),
        (
            lambda r: r.assign(basis_kind=["legitimate_interest", "opt_in"] + ["consent"] * 5),
            "basis_kind",
        ),
        (lambda r: r.assign(notice_due=["yes"] * 7), "notice_due"),
    ],
)
def test_bad_input_is_an_input_error_without_values(
    change: Callable[[pd.DataFrame], pd.DataFrame], column: str | None
) -> None:
    with pytest.raises(leadguard.InputError) as info:
        vendor_frame(change(gate_rows()), "csv", channel="email")
    assert info.value.column == column
    message = str(info.value)
    for value in ("opt_in", "1001", "Acier", "yes", "'x'"):
        assert value not in message
