"""Bad input at the ledger: a clear error that changes nothing, or rows quarantined with reasons
— never a partial import, never a crash."""

from pathlib import Path

import pytest

import leadguard

INGEST = Path(__file__).parents[1] / "data" / "ingest"

REFUSED = [
    "empty.csv",
    "header_only.csv",
    "binary_png.csv",
    "binary_pdf.csv",
    "binary_zip.csv",
    "control_bytes.csv",
    "not_a_zip.xlsx",
    "old_excel.xls",
]
QUARANTINES = {
    "ragged_rows.csv": "cells",
    "nul_bytes.csv": "NUL",
    "undecodable_bytes.csv": "neither UTF-8",
    "unclosed_quote.csv": "quote",
}


def _nothing_stored(ledger: leadguard.Ledger) -> bool:
    return ledger.batches().empty and ledger.sightings().empty


@pytest.mark.parametrize("name", REFUSED)
def test_unreadable_files_are_refused_with_the_file_named(
    ledger: leadguard.Ledger, name: str
) -> None:
    with pytest.raises(leadguard.InputError) as caught:
        ledger.ingest(INGEST / name, source="Expo 2026", basis="prospecting")
    assert name in str(caught.value)
    assert _nothing_stored(ledger)


@pytest.mark.parametrize(("name", "reason"), sorted(QUARANTINES.items()))
def test_broken_rows_are_quarantined_with_a_reason(
    ledger: leadguard.Ledger, name: str, reason: str
) -> None:
    report = ledger.ingest(INGEST / name, source="Expo 2026", basis="prospecting")
    assert report.status == "imported"
    s = ledger.sightings()
    assert len(s) == report.rows_total
    bad = s[s["reason"].fillna("").str.contains(reason, case=False)]
    assert len(bad) >= 1
    assert set(bad["status"]) == {"quarantined"}


@pytest.mark.parametrize(
    "name",
    [
        "cp1252_export.csv",
        "mixed_utf8_cp1252.csv",
        "utf16le_no_bom.csv",
        "utf16be_bom.csv",
        "excel_unicode_text_utf16le_bom.txt",
        "duplicate_headers.csv",
        "pipe_separated.csv",
        "tab_separated.tsv",
        "linkedin_connections_2018_us.csv",
        "linkedin_connections_2024.csv",
        "badge_scan.xlsx",
        "research_sheet.csv",
    ],
)
def test_real_dialects_import_every_row(ledger: leadguard.Ledger, name: str) -> None:
    report = ledger.ingest(INGEST / name, source="Expo 2026", basis="prospecting", country="BE")
    assert report.status == "imported"
    assert report.rows_total == len(ledger.sightings()) > 0
    assert report.rows_ok > 0


def test_a_10_mb_cell_quarantines_its_row_only(ledger: leadguard.Ledger, tmp_path: Path) -> None:
    path = tmp_path / "huge_cell.csv"
    path.write_text(
        "First Name,Last Name,Email,Company\n"
        "Jan,Peeters,jan@example.be,Acme NV\n"
        f'Piet,Janssens,piet@example.be,"{"x" * 10_000_000}"\n'
        "Els,Aerts,els@example.be,Acme NV\n",
        encoding="utf-8",
    )
    report = ledger.ingest(path, source="Expo 2026", basis="prospecting")
    assert (report.rows_total, report.rows_quarantined) == (3, 1)
    s = ledger.sightings().set_index("row_number")
    assert s.loc[2, "status"] == "quarantined"
    ledger.close()


def test_100k_rows_with_one_broken(ledger: leadguard.Ledger, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["First Name,Last Name,Email,Company"]
    lines += [
        f"P{i},N{i},p{i}@company{i % 500}.example.com,Company {i % 500}" for i in range(100_000)
    ]
    lines[50_001] += ",surplus,cells"  # data record 50,001 has two cells too many
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ledger.ingest(path, source="Expo 2026", basis="prospecting")
    assert (report.rows_total, report.rows_quarantined) == (100_000, 1)
    s = ledger.sightings()
    broken = s[s["status"] == "quarantined"]
    assert list(broken["row_number"]) == [50_001]
    assert len(s) == 100_000


def test_formula_text_is_stored_verbatim(ledger: leadguard.Ledger, tmp_path: Path) -> None:
    path = tmp_path / "formulas.csv"
    path.write_text(
        "First Name,Last Name,Email,Company,Job Title\n"
        'Jan,Peeters,jan@example.be,"=HYPERLINK(""http://x.example"",""x"")",+SUM(1)\n'
        "Els,Aerts,els@example.be,@cmd,-2+3\n",
        encoding="utf-8",
    )
    ledger.ingest(path, source="Expo 2026", basis="prospecting")
    s = ledger.sightings().set_index("row_number")
    assert s.loc[1, "company"] == '=HYPERLINK("http://x.example","x")'
    assert s.loc[1, "job_title"] == "+SUM(1)"
    assert s.loc[2, "company"] == "@cmd" and s.loc[2, "job_title"] == "-2+3"
