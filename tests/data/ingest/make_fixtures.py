"""Write the ingest test fixtures byte for byte: ``python tests/data/ingest/make_fixtures.py``.

The generated files are committed; this script documents how each was made (BOMs, UTF-16,
cp1252, CRLF, NUL bytes, xlsx cells) and regenerates them identically. All people, companies
and addresses are fictitious; e-mail domains are example.com / example.org / example.be.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent

# LinkedIn's preamble, byte for byte as in real exports (see real-file-formats.md §1.1).
LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)


def write(name: str, data: bytes) -> None:
    (HERE / name).write_bytes(data)


def linkedin() -> None:
    rows = [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Alex,Rohrbach,https://linkedin.example.com/in/alex-rohrbach-0a1b2c,,Example Electric,"
        "Software Engineer,22 Dec 2025",
        "Désirée,van Adrichem,https://linkedin.example.com/in/d%C3%A9sir%C3%A9e-van-adrichem-1,"
        "desiree@example.org,Voorbeeld BV,Sales Manager,09 Oct 2024",
        ",,,,,,02 Jun 2022",
        '"James ""Tyler""","Nayak, MSc, MBA",https://linkedin.example.com/in/jt-nayak-2,,'
        "Example Corp,Head of HR,14 Mar 2024",
        "Ken,O’Brien 🔸,https://linkedin.example.com/in/ken-o%E2%80%99brien-3,,Sample Ltd,CFO,"
        "01 Feb 2023",
        "Dr. Diana,Sample ,https://linkedin.example.com/in/diana-sample-4,,Example NV,"
        "Researcher,02 Jun 2022",
    ]
    write("linkedin_connections_2024.csv", (LINKEDIN_NOTES + "\n".join(rows) + "\n").encode())

    rows_2018 = [
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        "Ivan,Petrov ★,,Example Systems,Developer,20 Nov 2018",
        "Marie,Dupont,,Exemple SA,Directrice commerciale,19 Nov 2018",
        ",,,,,18 Nov 2018",
    ]
    write("linkedin_connections_2018.csv", ("\n".join(rows_2018) + "\n").encode())

    rows_2018_us = [
        "First Name,Last Name,Email Address,Company,Position,Connected On",
        'Anna,Example,anna.example@example.com,Example Inc,Engineer,"1/8/18, 6:14 PM"',
        'Bo,Sample,urn:li:member:000000001,Sample AB,Analyst,"12/25/17, 9:03 AM"',
        'Chris,Test,chris@example.org,Test GmbH,CTO,"3/4/18, 11:45 PM"',
    ]
    write("linkedin_connections_2018_us.csv", ("\n".join(rows_2018_us) + "\n").encode())


def event_export() -> None:
    # Excel in a European locale: UTF-8 with BOM ("CSV UTF-8"), ";" separators, CRLF, a
    # multi-line comment quoted with CRLF inside, a blank record, trailing empty columns.
    question = "I agree that Example NV may send me news and offers by e-mail"
    lines = [
        f"Inschrijvingsdatum;Voornaam;Naam;E-mail;Bedrijf;Functie;Telefoon;Opmerkingen;{question};;",
        "09/10/2024;Gérard;Peeters;gerard.peeters@example.be;Voorbeeld NV;Zaakvoerder;"
        '="0032470123456";;Ja;;',
        '10/10/2024;Sofie;Janssens;sofie@example.be;Example BVBA;HR;3,24701E+10;"Bel na 14u\r\n'
        'Vraag naar ""Sofie""";Nee;;',
        ";;;;;;;;;;",
        "13/10/2024;Lotte;De Smet;lotte@example.org;Sample CV;Sales;+32 2 555 12 12;;Ja;;",
    ]
    data = "\r\n".join(lines) + "\r\n"
    write("event_export_semicolon_bom_crlf.csv", b"\xef\xbb\xbf" + data.encode("utf-8"))

    # The same kind of list with Excel's "sep=" hint line.
    write(
        "excel_sep_line.csv",
        b"sep=;\r\nFirst Name;Last Name;Email\r\nAnn;Example;ann@example.com\r\n",
    )


def unicode_text() -> None:
    # Excel's "Unicode text (*.txt)": UTF-16 LE with BOM, tab-separated, CRLF.
    rows = [
        "First Name\tLast Name\tEmail\tCity",
        "Zoë\tŁukasiewicz\tzoe@example.com\tŁódź",
        "Åsa\tÖberg\tasa@example.org\tGöteborg",
    ]
    text = "\r\n".join(rows) + "\r\n"
    write("excel_unicode_text_utf16le_bom.txt", text.encode("utf-16"))  # BOM + LE on x86
    write("utf16le_no_bom.csv", text.encode("utf-16-le"))
    write("utf16be_bom.csv", b"\xfe\xff" + text.encode("utf-16-be"))


def legacy_encodings() -> None:
    rows = [
        "First Name,Last Name,Email,Company,City",
        "Gérard,Müller,gerard@example.com,Société Exemple,Liège",
        "François,Dœuf,francois@example.be,Café € Co,Mons",
    ]
    write("cp1252_export.csv", ("\r\n".join(rows) + "\r\n").encode("cp1252"))

    utf8 = [
        "First Name,Last Name,Email,Company",
        "Zoë,Ødegaard,zoe@example.com,Example AS",
        "Anna,Example,anna@example.com,Example BV",
    ]
    cp1252 = [
        "Hélène,Mercier,helene@example.be,Exemple SA",
        "Jürgen,Groß,juergen@example.org,Beispiel GmbH",
    ]
    data = b"".join(line.encode("utf-8") + b"\n" for line in utf8)
    data += b"".join(line.encode("cp1252") + b"\n" for line in cp1252)
    data += "Ève,Test,eve@example.com,Test SARL\n".encode()
    write("mixed_utf8_cp1252.csv", data)

    # Byte 0x81 is undefined in cp1252: neither UTF-8 nor cp1252 can read that line.
    data = b"First Name,Last Name,Email\nAnn,Example,ann@example.com\n"
    data += b"Bad\x81name,Example,bad@example.com\nEva,Test,eva@example.com\n"
    write("undecodable_bytes.csv", data)


def dialects() -> None:
    write(
        "pipe_separated.csv",
        b"First Name|Last Name|Email|Company\n"
        b"Ann|Example|ann@example.com|Example, Inc.\n"
        b"Bert|Sample|bert@example.org|Sample; Ltd\n",
    )
    write(
        "tab_separated.tsv",
        b"First Name\tLast Name\tEmail\tAddress\n"
        b"Ann\tExample\tann@example.com\tRue Exemple 1, 1000 Brussels\n"
        b"Bert\tSample\tbert@example.org\tVoorbeeldstraat 2; 9000 Gent\n",
    )
    write(
        "ragged_rows.csv",
        b"First Name,Last Name,Email,Company\n"
        b"Ann,Example,ann@example.com,Example NV\n"
        b"Bert,Sample,bert@example.org,Sample, Inc.\n"
        b"Cleo,Test,cleo@example.be\n"
        b"Dirk,Demo,dirk@example.com,Demo BV,,\n",
    )
    write(
        "duplicate_headers.csv",
        b"Email,Name,Email,Email (2),,Notes\n"
        b"ann@example.com,Ann Example,ann.private@example.org,x,orphan,n\n"
        b"bert@example.org,Bert Sample,,,,\n",
    )
    write(
        "nul_bytes.csv",
        b"First Name,Last Name,Email\n"
        b"Ann,Example,ann@example.com\n"
        b"Be\x00rt,Sample,bert@example.org\n"
        b"Cleo,Test,cleo@example.be\n",
    )
    write(
        "unclosed_quote.csv",
        b"First Name,Last Name,Email\n"
        b"Ann,Example,ann@example.com\n"
        b'Bert,"Sample,bert@example.org\n'
        b"Cleo,Test,cleo@example.be\n"
        b"Dirk,Demo,dirk@example.com\n",
    )
    write("mac_cr_only.csv", b"First Name;Email\rAnn;ann@example.com\rBert;bert@example.org\r")
    write(
        "single_column.csv",
        b"Email\nann@example.com\n\nbert@example.org\n",
    )
    write(
        "title_line_above_header.csv",
        b"Attendee list - Example Summit 2024,,,\n"
        b",,,\n"
        b"First Name,Last Name,Email,Company\n"
        b"Ann,Example,ann@example.com,Example NV\n",
    )
    write(
        "research_sheet.csv",
        b"Company;Contact person;Functie;E-mail;Source type;Source URL;Date found\n"
        b"Voorbeeld NV;Jan Example;CEO;jan@example.be;KBO;https://kbo.example.be/1;2024-09-30\n"
        b"Exemple SA;Marie Sample;CFO;marie@example.be;Team page;https://example.be/team;"
        b"2024-10-02\n",
    )


def broken_files() -> None:
    write("empty.csv", b"")
    write("header_only.csv", b"First Name,Last Name,Email\r\n")
    write("header_and_blank_lines.csv", b"First Name,Last Name,Email\n,,\n\n")
    write("binary_png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write("binary_pdf.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("leads.csv", date_time=(2024, 1, 1, 0, 0, 0))
        archive.writestr(info, "Email\nann@example.com\n")
    write("binary_zip.csv", buffer.getvalue())
    # Mostly control bytes, as in a truncated binary dump: deterministic pseudo-random bytes.
    garbage = bytes((i * 37 + 11) % 32 for i in range(2048))
    write("control_bytes.csv", garbage)
    write("not_a_zip.xlsx", b"First Name,Last Name\nAnn,Example\n")
    write("old_excel.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)


def badge_scan_xlsx() -> None:
    workbook = openpyxl.Workbook()
    day1 = workbook.active
    assert day1 is not None
    day1.title = "Day 1"
    day1["A1"] = "Badge scans - Example Expo 2024"
    day1.merge_cells("A1:H1")
    # Row 2 left empty; the header is on row 3.
    day1.append([])
    day1.append(
        ["Scan date", "First Name", "Last Name", "Company", "Phone", "Score", "Notes", "Email"]
    )
    day1.append(
        [
            dt.date(2024, 10, 9),
            "Ann",
            "Example",
            "Example NV",
            32470123456,
            3.5,
            '=HYPERLINK("https://example.com")',
            "ann@example.com",
        ]
    )
    day1["G4"].data_type = "s"  # text that starts with "=", not a formula
    day1.append(
        [
            dt.datetime(2024, 10, 9, 14, 30),
            "Bert",
            "Sample",
            "Sample BV",
            11111111111,  # patched below to the XML text 3.2470123456E10
            22222,  # patched below to the XML text 12.0
            "+SUM(1)",
            "bert@example.org",
        ]
    )
    day1["G5"].data_type = "s"
    day1.append([])  # a blank row inside the data: skipped but counted
    day1.append(["2024-10-10", "Cleo", "Test", "Test CV", "0470 12 34 56", "=1+1", "@cmd", None])
    workbook.create_sheet("Day 2").append(["First Name", "Last Name", "Email", "Phone"])
    day2 = workbook["Day 2"]
    day2.append(["Dirk", "Demo", "dirk@example.be", 3225551212])
    day2.append(["Eva", "Voorbeeld", "eva@example.be", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    patched = io.BytesIO()
    with (
        zipfile.ZipFile(buffer) as source,
        zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                # What other writers put in the XML: an exponent float and "12.0", and a
                # formula with its cached value (openpyxl writes formulas without one).
                xml = xml.replace("<v>11111111111</v>", "<v>3.2470123456E10</v>")
                xml = xml.replace("<v>22222</v>", "<v>12.0</v>")
                xml = xml.replace("<f>1+1</f><v /></c>", "<f>1+1</f><v>2</v></c>")
                data = xml.encode()
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-10-10T00:00:00Z", data)
            target.writestr(zipfile.ZipInfo(info.filename, (2024, 10, 10, 0, 0, 0)), data)
    write("badge_scan.xlsx", patched.getvalue())


def main() -> None:
    linkedin()
    event_export()
    unicode_text()
    legacy_encodings()
    dialects()
    broken_files()
    badge_scan_xlsx()


if __name__ == "__main__":
    main()
