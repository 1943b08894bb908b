"""Organisations compared as organisations (issue 16, classes 1, 2, 4 and 6).

Each case is a handful of rows added to a background of ordinary leads (people at companies,
some of them on two lists), so that the model is fitted on a list of realistic size: in ten
rows every name looks common. Engine level through ``cluster`` / ``score_pairs`` with the
ledger's spec; ledger level through ``ingest`` + ``dedupe`` of CSV files written here, on both
backends.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import leadguard
from leadguard.dedupe import cluster, fit, score_pairs
from leadguard.dedupe.leads import LEAD_SPEC

COLUMNS = ["First Name", "Last Name", "Email", "Phone", "Mobile", "Company", "Job Title", "City"]

_FIRST = (
    "Jan Marc Anna Sofie Pieter Els Tom Lotte Koen Inge Bart Hilde Wim Greet Dirk Lien Joris "
    "Nele Stijn Katrien Ruben Eva Lars Sanne Bram Fien Jonas Mira Senne Ilse"
).split()
_LAST = (
    "Aerts Bogaert Claes Coppens Dewulf Goossens Hermans Jacobs Lemmens Maes Martens Mertens "
    "Michiels Pauwels Renders Segers Stevens Thys Verbeke Verhoeven Wauters Willems Wouters "
    "Cools Baert Dierckx Geerts Huybrechts Lambrechts Nys"
).split()
_COMPANIES = (
    "Arcadis Belgium|Brabo Logistics|Celis Verpakking|Denys Bouw|Egemin Automation|Fabricom|"
    "Galloo Recycling|Hansen Transmissions|Icos Vision|Jan De Nul|Kinepolis|Lotus Bakeries|"
    "Mobistar|Novaliches|Ontex|Picanol|Quares|Remant|Soudal|Tessenderlo Chemie|Umicore|Van Hool|"
    "Westvlees|Xeikon|Ypto|Zetes|Agfa Gevaert|Barco|Colruyt|Duvel Moortgat"
).split("|")
_CITIES = ["Gent", "Antwerpen", "Brussel", "Leuven", "Brugge", "Hasselt"]
_TITLES = ["Sales Manager", "Buyer", "CFO", "Engineer", "Operations Manager", "CEO"]


def _slug(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum())


def background(seed: int = 16, people: int = 150) -> list[dict[str, Any]]:
    """Ordinary leads: one work address and mobile each, a third of them on a second list."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    while len(seen) < people:
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        if (first, last) in seen:
            continue
        seen.add((first, last))
        company = rng.choice(_COMPANIES)
        k = len(seen)
        row = {
            "First Name": first,
            "Last Name": last,
            "Email": f"{_slug(first)}.{_slug(last)}@{_slug(company)}.example",
            "Phone": None,
            "Mobile": f"+32 47{k % 10} {k:02d} {rng.randrange(10, 99)} {rng.randrange(10, 99)}",
            "Company": f"{company} NV",
            "Job Title": rng.choice(_TITLES),
            "City": rng.choice(_CITIES),
        }
        rows.append(row)
        if rng.random() < 0.35:
            rows.append(dict(row, Company=company, Mobile=None, City=rng.choice(_CITIES)))
    return rows


def _row(first: str, last: str, company: str | None, **more: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update({"First Name": first, "Last Name": last, "Company": company})
    names = {
        "email": "Email",
        "phone": "Phone",
        "mobile": "Mobile",
        "title": "Job Title",
        "city": "City",
    }
    for key, value in more.items():
        row[names[key]] = value
    return row


def normalized(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The rows the way the ledger hands them to the engine (SELECT_DEDUPE_RECORDS)."""
    out = []
    for r in rows:
        name = leadguard.normalize_person_name(r["First Name"], r["Last Name"], None)
        email = leadguard.normalize_email(r["Email"]) if r["Email"] else None
        valid = email is not None and email.valid
        phone = leadguard.normalize_phone(r["Phone"], "BE") if r["Phone"] else None
        mobile = leadguard.normalize_phone(r["Mobile"], "BE") if r["Mobile"] else None
        company = leadguard.normalize_company(r["Company"]) if r["Company"] else None
        out.append(
            {
                "first_match": name.match_first,
                "last_match": name.match_last,
                "email_key": email.match_key
                if valid and email and not email.role_account
                else None,
                "phone": phone.e164 if phone and phone.valid else None,
                "mobile": mobile.e164 if mobile and mobile.valid else None,
                "company_key": company.match_key if company else None,
                "job_title": (r["Job Title"] or "").lower() or None,
                "city": (r["City"] or "").lower() or None,
                "country": "BE",
                "org_domain": email.domain if valid and email else None,
                "name_suffix": name.suffix,
            }
        )
    return pd.DataFrame(out)


def _frame(cases: list[dict[str, Any]]) -> tuple[pd.DataFrame, int]:
    """Background plus the case rows; returns the frame and the position of the first case row."""
    rows = background()
    return normalized(rows + cases), len(rows)


def _labels(cases: list[dict[str, Any]]) -> np.ndarray[Any, Any]:
    df, start = _frame(cases)
    labels: np.ndarray[Any, Any] = cluster(df, LEAD_SPEC).to_numpy()[start:]
    return labels


def _pair(cases: list[dict[str, Any]], x: int, y: int) -> pd.Series:
    """The scored pair of case rows x and y (every pair between them is scored on request)."""
    df, start = _frame(cases)
    model = fit(df, LEAD_SPEC)
    pairs = score_pairs(df, LEAD_SPEC, model, candidates=([start + x], [start + y]))
    assert len(pairs) == 1
    row: pd.Series = pairs.iloc[0]
    return row


# --- class 1 and 2: the LinkedIn row joins the registrant -----------------------------------------

LINKEDIN_CASES = {
    "group vs legal entity": ("Vandamme Group", "Vandamme Hydraulics NV"),
    "brand vs legal entity": ("Nordlys", "Nordlys Maskin AB"),
    "initials": ("VDM", "Van Der Meer Logistics BV"),
    "abbreviation": ("VDM", "Vandamme Hydraulics NV"),
    "generic words": ("Peeters Techniek Benelux", "Peeters Technology Group BVBA"),
    "joined spelling": ("VanDamme", "Van Damme Hydraulics"),
}


@pytest.mark.parametrize(("linkedin", "registered"), LINKEDIN_CASES.values(), ids=LINKEDIN_CASES)
def test_the_linkedin_row_joins_the_registrant(linkedin: str, registered: str) -> None:
    cases = [
        _row("Pieter", "Vanoverbeke", linkedin, title="Head of Sales"),
        _row(
            "Pieter",
            "Vanoverbeke",
            registered,
            email="pieter.vanoverbeke@vdm-hq.example",
            mobile="+32 475 11 22 33",
            title="Sales Director",
            city="Gent",
        ),
    ]
    labels = _labels(cases)
    assert labels[0] == labels[1]
    pair = _pair(cases, 0, 1)
    assert pd.isna(pair["conflict"])
    assert pair["company_key__level"] in ("same_org", "related")


def test_the_domain_names_the_organisation_the_linkedin_row_writes() -> None:
    # The registrant writes the brand, LinkedIn the legal entity: only the domain joins them.
    cases = [
        _row("Ingrid", "Solberg", "Halvorsen Maskin"),
        _row("Ingrid", "Solberg", "Fjellkraft AS", email="ingrid.solberg@halvorsen-group.example"),
    ]
    labels = _labels(cases)
    assert labels[0] == labels[1]
    assert _pair(cases, 0, 1)["company_key__level"] == "same_org"


def test_one_role_mailbox_domain_is_one_organisation() -> None:
    # A role mailbox is no person's (no e-mail evidence) but its domain names the organisation.
    cases = [
        _row("Koen", "Vanderstraeten", "Fjellkraft", email="info@halvorsen.example"),
        _row("Koen", "Vanderstraeten", "Halvorsen Maskin AS", email="koen@halvorsen.example"),
    ]
    pair = _pair(cases, 0, 1)
    assert pair["email_key__level"] == "null"
    assert pair["company_key__level"] == "same_org"
    assert pd.isna(pair["conflict"])


def test_free_mail_is_no_organisation() -> None:
    # Both at gmail, companies that have nothing in common: still two organisations.
    cases = [
        _row("Lotte", "Vanparys", "Vandamme", email="lotte.vanparys@gmail.com"),
        _row("Lotte", "Vanparys", "Peeters Staalbouw", email="lvanparys@gmail.com"),
    ]
    pair = _pair(cases, 0, 1)
    assert pair["company_key__level"] == "disagree"
    assert pair["probability"] == 0


# --- class 6: look-alikes stay apart --------------------------------------------------------------


def test_organisations_that_clearly_differ_are_a_conflict() -> None:
    cases = [
        _row("Els", "Vanwynsberghe", "Vandamme"),
        _row("Els", "Vanwynsberghe", "Peeters Staalbouw BV", email="els@peeters-staalbouw.example"),
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]
    pair = _pair(cases, 0, 1)
    assert pair["company_key__level"] == "disagree"
    assert pair["conflict"] == "company_conflict" and pair["probability"] == 0


def test_same_name_at_two_organisations_stays_apart() -> None:
    cases = [
        _row("Jan", "Vanhaverbeke", "Brouwerij Van Hoecke", email="jan@vanhoecke.example"),
        _row("Jan", "Vanhaverbeke", "Acme Industries NV", email="jan.vanhaverbeke@acme.example"),
        _row("Jan", "Vanhaverbeke", "Acme", title="Buyer"),  # LinkedIn: the Acme one
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]
    assert labels[1] == labels[2]
    assert labels[0] != labels[2]


def test_same_name_same_organisation_two_personal_addresses_is_undecided() -> None:
    cases = [
        _row("Marc", "Vercruysse", "Acme NV", email="marc.vercruysse@acme.example"),
        _row("Marc", "Vercruysse", "Acme", email="marc.vercruysse2@acme.example"),
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]
    pair = _pair(cases, 0, 1)
    assert pair["conflict"] == "identifier_conflict"
    # Not decided either way: the review band, neither 0 nor a link.
    assert 0.2 <= pair["probability"] <= 0.5


def test_same_name_same_organisation_two_mobiles_is_undecided() -> None:
    cases = [
        _row("Hilde", "Vandeputte", "Acme NV", mobile="+32 475 12 34 56"),
        _row("Hilde", "Vandeputte", "Acme NV", mobile="+32 486 98 76 54"),
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]
    pair = _pair(cases, 0, 1)
    assert pair["conflict"] == "identifier_conflict"
    assert 0.2 <= pair["probability"] <= 0.5


def test_a_typo_in_a_mobile_or_an_address_is_no_second_person() -> None:
    cases = [
        _row("Greet", "Vanackere", "Acme NV", email="greet.vanackere@acme.example"),
        _row("Greet", "Vanackere", "Acme", email="greet.vanacker@acme.example"),
        _row("Dirk", "Vandenbroucke", "Acme NV", mobile="+32 475 55 66 77"),
        _row("Dirk", "Vandenbroucke", "Acme NV", mobile="+32 475 55 66 78"),
    ]
    labels = _labels(cases)
    assert labels[0] == labels[1]
    assert labels[2] == labels[3]
    assert _pair(cases, 0, 1)["email_key__level"] == "typo"
    assert _pair(cases, 2, 3)["mobile__level"] == "typo"


def test_a_private_and_a_work_address_are_one_persons() -> None:
    cases = [
        _row("Wim", "Vanlerberghe", "Acme NV", email="wim.vanlerberghe@acme.example"),
        _row("Wim", "Vanlerberghe", "Acme", email="wimvanlerberghe@telenet.be"),
    ]
    labels = _labels(cases)
    assert labels[0] == labels[1]
    assert _pair(cases, 0, 1)["email_key__level"] == "private_work"


def test_a_third_row_never_joins_two_undecided_namesakes() -> None:
    # The LinkedIn row could be either; the two with different addresses must not end as one.
    cases = [
        _row("Marc", "Vercruysse", "Acme NV", email="marc.vercruysse@acme.example"),
        _row("Marc", "Vercruysse", "Acme", email="marc.vercruysse2@acme.example"),
        _row("Marc", "Vercruysse", "Acme"),
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]


def test_colleagues_behind_a_group_buyers_address_stay_apart() -> None:
    box = "anna.vanbelle@bigcorp.example"
    cases = [
        _row("Anna", "Vanbelle", "BigCorp NV", email=box),
        _row("Stijn", "Ockier", "BigCorp NV", email=box),
        _row("Ruben", "Dewaele", "BigCorp", email=box),
        _row("Stijn", "Ockier", "BigCorp", email="stijn.ockier@bigcorp.example"),
    ]
    labels = _labels(cases)
    assert len({labels[0], labels[1], labels[2]}) == 3
    pair = _pair(cases, 0, 1)
    assert pair["email_key__level"] == "shared_identifier"
    assert pair["conflict"] == "name_conflict"


def test_a_switchboard_is_organisation_evidence_not_person_evidence() -> None:
    board = "+32 9 210 11 00"
    cases = [
        _row("Bart", "Vandewalle", "Vandamme Hydraulics NV", phone=board),
        _row("Katrien", "Vandewalle", "Vandamme Hydraulics", phone=board),
        _row("Joris", "Demuynck", "Vandamme", phone=board),
        # The same person, the company written as the brand: the switchboard joins them.
        _row("Joris", "Demuynck", "Hydroflux", phone=board),
    ]
    labels = _labels(cases)
    assert labels[0] != labels[1]  # father and daughter share the switchboard only
    vetoed = _pair(cases, 0, 1)
    assert vetoed["phone__level"] == "shared_identifier"
    assert vetoed["conflict"] == "name_conflict" and vetoed["probability"] == 0
    brand = _pair(cases, 2, 3)
    assert brand["company_key__level"] == "same_org"
    assert pd.isna(brand["conflict"])


def test_an_unshared_office_line_does_not_lift_a_veto() -> None:
    # One office number on two rows whose organisations differ: no person-level evidence.
    office = "+32 9 210 22 00"
    cases = [
        _row("Nele", "Vanthournout", "Vandamme", phone=office),
        _row("Nele", "Vanthournout", "Peeters Staalbouw", phone=office),
    ]
    pair = _pair(cases, 0, 1)
    assert pair["phone__level"] == "exact"
    assert pair["conflict"] == "company_conflict"


# --- the ledger -----------------------------------------------------------------------------------
# One ledger per backend, built the way a user would: an event export (";"-separated) and a
# LinkedIn export ingested, then dedupe. The case rows follow the background in the event file.

EVENT_CASES = [
    # 1-3: registrants whose LinkedIn rows (below) write the organisation another way
    _row("Pieter", "Vanoverbeke", "Vandamme Hydraulics NV", email="pieter@vandamme.example"),
    _row("Ingrid", "Solberg", "Nordlys Maskin AB", email="ingrid.solberg@nordlys.example"),
    _row("Koen", "Vanderstraeten", "Fjellkraft AS", email="koen@halvorsen-group.example"),
    # 4: the namesake of a LinkedIn row, at another organisation
    _row("Els", "Vanwynsberghe", "Peeters Staalbouw BV", email="els@peeters.example"),
    # 5-6: namesakes at one organisation with two personal addresses
    _row("Marc", "Vercruysse", "Acme NV", email="marc.vercruysse@acme.example"),
    _row("Marc", "Vercruysse", "Acme", email="marc.vercruysse2@acme.example"),
    # 7-8: colleagues a group buyer registered under her address
    _row("Anna", "Vanbelle", "BigCorp NV", email="anna.vanbelle@bigcorp.example"),
    _row("Stijn", "Ockier", "BigCorp NV", email="anna.vanbelle@bigcorp.example"),
    # 9-10: two people behind one switchboard
    _row("Bart", "Vandewalle", "Vandamme Hydraulics NV", phone="+32 9 210 11 00"),
    _row("Katrien", "Vandewalle", "Vandamme Hydraulics NV", phone="+32 9 210 11 00"),
    # 11-12: father and son at the family firm, one switchboard
    _row("Luc", "Demeyere Sr.", "Demeyere Bouw NV", phone="+32 56 22 33 44"),
    _row("Luc", "Demeyere Jr.", "Demeyere Bouw NV", phone="+32 56 22 33 44"),
]
LINKEDIN_ROWS = [
    {"First Name": "Pieter", "Last Name": "Vanoverbeke", "Company": "Vandamme Group"},
    {"First Name": "Ingrid", "Last Name": "Solberg", "Company": "Nordlys"},
    {"First Name": "Koen", "Last Name": "Vanderstraeten", "Company": "Halvorsen Maskin"},
    {"First Name": "Els", "Last Name": "Vanwynsberghe", "Company": "Vandamme"},
]


def _csv(path: Path, rows: list[dict[str, Any]], columns: list[str], sep: str = ",") -> Path:
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False, sep=sep)
    return path


@pytest.fixture(scope="module")
def deduped(module_target: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The leads of the event rows (by case number) and of the LinkedIn rows, and the queue."""
    folder = tmp_path_factory.mktemp("lists")
    background_rows = background()
    with leadguard.open(module_target, user="tester") as lg:
        lg.add_basis(
            "b", kind="consent", purpose="newsletter", channels="email", retention_months=12
        )
        lg.add_source("fair", kind="event", publicly_accessible=False)
        lg.add_source("linkedin", kind="linkedin", publicly_accessible=False)
        event = _csv(folder / "fair.csv", background_rows + EVENT_CASES, COLUMNS, sep=";")
        lg.ingest(event, source="fair", basis="b")
        columns = ["First Name", "Last Name", "Company", "Position"]
        lg.ingest(
            _csv(folder / "linkedin.csv", LINKEDIN_ROWS, columns), source="linkedin", basis="b"
        )
        lg.dedupe()
        s = lg.sightings()
        queue = lg.review_queue()
        n_sightings = lg.leads()["n_sightings"]
    keys = zip(s["source"], s["row_number"].astype(int), strict=True)
    lead = dict(zip(keys, s["lead_id"].astype(int), strict=True))
    base = len(background_rows)
    return {
        "event": {k: lead[("fair", base + k)] for k in range(1, len(EVENT_CASES) + 1)},
        "linkedin": {k: lead[("linkedin", k)] for k in range(1, len(LINKEDIN_ROWS) + 1)},
        "queue": [
            {int(x), int(y)} for x, y in zip(queue["lead_id_a"], queue["lead_id_b"], strict=True)
        ],
        "largest": int(n_sightings.max()),
    }


@pytest.mark.parametrize(
    "case", [1, 2, 3], ids=["group vs legal entity", "brand", "domain names the organisation"]
)
def test_ledger_linkedin_row_joins_the_registrant(deduped: dict[str, Any], case: int) -> None:
    assert deduped["linkedin"][case] == deduped["event"][case]


def test_ledger_organisations_that_differ_stay_apart(deduped: dict[str, Any]) -> None:
    # "Vandamme" on LinkedIn, "Peeters Staalbouw" at the event: same name, two people.
    assert deduped["linkedin"][4] != deduped["event"][4]


def test_ledger_namesakes_with_two_personal_addresses_are_undecided(
    deduped: dict[str, Any],
) -> None:
    a, b = deduped["event"][5], deduped["event"][6]
    assert a != b
    assert {a, b} in deduped["queue"]  # an analyst sees them


def test_ledger_colleagues_behind_a_group_buyers_address_stay_apart(
    deduped: dict[str, Any],
) -> None:
    assert deduped["event"][7] != deduped["event"][8]


def test_ledger_a_shared_switchboard_merges_no_one(deduped: dict[str, Any]) -> None:
    assert deduped["event"][9] != deduped["event"][10]


def test_ledger_father_and_son_stay_apart_and_out_of_the_queue(deduped: dict[str, Any]) -> None:
    # The suffixes are stored with the sightings and settle the pair: no one needs to review it.
    a, b = deduped["event"][11], deduped["event"][12]
    assert a != b
    assert {a, b} not in deduped["queue"]


def test_ledger_still_finds_people_on_two_lists(deduped: dict[str, Any]) -> None:
    assert deduped["largest"] >= 2  # the model is not just cautious


# --- two employers told apart by their work domains ---------------------------------------------


def test_two_work_domains_naming_two_employers_keep_namesakes_apart() -> None:
    # One company's words are inside the other's (the cells agree as organisations), but each
    # row's own domain names its own employer: two companies, two people, even through the
    # LinkedIn row that matches both.
    cases = [
        _row("Marco", "Villa", "D'Angelo Tecnologie S.p.A.", email="m.villa@dangelo.example"),
        _row(
            "Marco",
            "Villa",
            "D'Angelo & Romano Tecnologie S.p.A.",
            email="m.villa@dangelo-romano-tecnologie.example",
        ),
        _row("Marco", "Villa", "D'Angelo", title="Engineer"),  # LinkedIn
    ]
    pair = _pair(cases, 0, 1)
    assert pair["conflict"] == "domain_conflict" and pair["probability"] == 0
    labels = _labels(cases)
    assert labels[0] != labels[1]


@pytest.mark.parametrize(
    ("email_a", "email_b"),
    [
        # One organisation under two domains: the second names the first row's company exactly.
        ("ingrid.solberg@nordlys.example", "ingrid.solberg@nordlys-maskin.example"),
        # A misspelt domain is the same domain.
        ("ingrid.solberg@nordlys-maskin.example", "ingrid.solberg@nordlys-maskinn.example"),
    ],
)
def test_one_organisation_under_two_domains_is_no_domain_conflict(
    email_a: str, email_b: str
) -> None:
    cases = [
        _row("Ingrid", "Solberg", "Nordlys Maskin AB", email=email_a),
        _row("Ingrid", "Solberg", "Nordlys", email=email_b),
    ]
    pair = _pair(cases, 0, 1)
    assert pair["conflict"] != "domain_conflict"


def test_father_and_son_stay_apart_even_through_a_row_without_suffix() -> None:
    # Same name, same family firm, one switchboard: only Sr. / Jr. tells them apart. A LinkedIn
    # row without a suffix may join either, never both.
    cases = [
        _row("Marc", "Vandenbussche Sr.", "Vandenbussche Bouw NV", phone="+32 56 22 33 44"),
        _row("Marc", "Vandenbussche Jr.", "Vandenbussche Bouw NV", phone="+32 56 22 33 44"),
        _row("Marc", "Vandenbussche", "Vandenbussche Bouw", title="Zaakvoerder"),
        _row("Marc", "Vandenbussche Sr.", "Vandenbussche Bouw", city="Kortrijk"),
    ]
    pair = _pair(cases, 0, 1)
    assert pair["conflict"] == "generation_conflict" and pair["probability"] == 0
    labels = _labels(cases)
    assert labels[0] != labels[1]
    assert labels[0] == labels[3]
