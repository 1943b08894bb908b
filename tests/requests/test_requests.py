"""Data-subject requests: the register, finding the person, access, erasure, objection,
restriction and rectification."""

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.errors import ConfigError
from leadguard.ledger._requests import add_months

PEOPLE = pd.DataFrame(
    {
        "First name": ["Zeger", "Wannes", "Fien"],
        "Last name": ["Quackelbeen", "Vanderlinden", "Verhoeven"],
        "Email": ["zeger.quackelbeen@acme.example", "info@acme.example", "fien@gent.example"],
        "Phone": ["+32 470 11 22 33", "+32 2 555 12 12", "+32 9 222 33 44"],
        "Company": ["Acme NV", "Acme NV", "Gent BV"],
        "Job title": ["Aankoper", "Zaakvoerder", "CFO"],
        "Country": ["BE", "BE", "BE"],
        "Date": ["2026-02-05", "2026-02-05", "2026-02-06"],
    }
)
# Zeger again, from a research sheet: his mobile and the company's shared info@ mailbox.
RESEARCH = pd.DataFrame(
    {
        "First name": ["Zeger"],
        "Last name": ["Quackelbeen"],
        "Email": ["info@acme.example"],
        "Phone": ["+32 470 11 22 33"],
        "Company": ["Acme NV"],
        "Country": ["BE"],
        "Date": ["2026-03-01"],
    }
)


@pytest.fixture
def people(ledger: leadguard.Ledger) -> leadguard.Ledger:
    ledger.add_source("Research", kind="company_website", publicly_accessible=True)
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    ledger.ingest(RESEARCH, source="Research", basis="prospecting")
    ledger.dedupe()
    for key, value in {
        "controller.name": "Example Group NV",
        "controller.email": "privacy@example-group.example",
        "authority.name": "Gegevensbeschermingsautoriteit",
        "authority.url": "https://www.gegevensbeschermingsautoriteit.be",
    }.items():
        ledger.set_setting(key, value)
    return ledger


def _lead(ledger: leadguard.Ledger, last_name: str) -> int:
    leads = ledger.leads()
    return int(leads.loc[leads["last_name"] == last_name, "lead_id"].iloc[0])


def test_due_dates_are_calendar_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 3, 15), 1) == date(2026, 4, 15)


def test_register_due_extension_and_overdue(people: leadguard.Ledger) -> None:
    rid = people.open_request("access", email="x@y.example", received_on=date(2026, 1, 31))
    row = people.requests().set_index("request_id").loc[rid]
    assert row["due_on"].date() == date(2026, 2, 28)
    assert rid in set(people.requests(overdue=True)["request_id"])
    with pytest.raises(ConfigError, match="within the first month"):
        people.extend_request(rid, reason="many requests", told_on=date(2026, 3, 2))
    until = people.extend_request(rid, reason="many requests", told_on=date(2026, 2, 20))
    assert until == date(2026, 4, 30)


def test_find_by_any_spelling_and_shared_identifiers(people: leadguard.Ledger) -> None:
    zeger = _lead(people, "Quackelbeen")
    match = people.find_person(email="mailto:Zeger.Quackelbeen@ACME.example")
    assert match.lead_ids == (zeger,)
    by_phone = people.find_person(phone="0470 11 22 33", country="BE")
    assert by_phone.lead_ids == (zeger,)
    shared = people.find_person(email="info@acme.example")
    assert shared.lead_ids == () and shared.shared[0]["kind"] == "email"
    candidates = people.find_person(name="Zeger Quakelbeen", company="Acme")
    assert candidates.lead_ids == ()
    assert candidates.candidates.iloc[0]["lead_id"] == zeger
    assert candidates.candidates.iloc[0]["score"] > 80
    assert len(people.leads()) == 3  # nothing was merged


def test_access_report_lists_every_value_with_its_sources(
    people: leadguard.Ledger, tmp_path: Path
) -> None:
    people.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    people.mark_notice_sent(people.leads()["lead_id"].tolist(), channel="email")
    people.set_channel_rule("BE", "email", "allowed")
    people.export("Mailer", "email", "prospecting", out=tmp_path / "out.csv")
    doc = people.access_report(email="zeger.quackelbeen@acme.example", language="nl")
    keys = {
        "subject",
        "personal_data",
        "purposes",
        "legal_basis",
        "legitimate_interests",
        "categories",
        "recipients",
        "retention",
        "rights",
        "complaint",
        "automated_decisions",
        "transfers",
        "controller",
        "notice",
    }
    assert keys <= set(doc)
    values = {(d["field"], d["value"]): d["sources"] for d in doc["personal_data"]}
    phone = values[("phone", "+32470112233")]
    assert {s["source"] for s in phone} == {"Expo 2026", "Research"}
    research = next(s for s in phone if s["source"] == "Research")
    assert research["publicly_accessible"] is True and research["acquired_on"] == "2026-03-01"
    # The shared info@ mailbox is his value too, but Wannes's data never enters his answer.
    assert ("last_name", "Vanderlinden") not in values
    assert doc["recipients"][0]["name"] == "Mailer"
    assert doc["retention"]["delete_by"] == "2028-03-01"
    assert doc["legal_basis"][0]["article"] == "Art. 6(1)(f)"
    assert "Balancing test" in doc["legitimate_interests"][0]["text"]
    assert doc["complaint"]["authority"] == "Gegevensbeschermingsautoriteit"
    assert doc["notice"]["sent_on"] is not None
    assert people.requests().iloc[-1]["status"] == "done"
    assert not people.requests().iloc[-1]["holds_contact"]


def test_nobody_found_still_answers(people: leadguard.Ledger) -> None:
    doc = people.access_report(email="nobody@nowhere.example")
    assert doc["processing"] is False and doc["personal_data"] == []


def test_erasure_removes_the_bytes_and_keeps_them_out(
    people: leadguard.Ledger, tmp_path: Path, ledger_bytes: Callable[[], bytes]
) -> None:
    people.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    people.mark_notice_sent(people.leads()["lead_id"].tolist(), channel="email")
    people.set_channel_rule("BE", "email", "allowed")
    people.export("Mailer", "email", "prospecting", out=tmp_path / "out.csv")
    wannes = _lead(people, "Vanderlinden")
    outcome = people.erase(email="Zeger.Quackelbeen@acme.example")
    assert outcome.sightings_removed == 2 and outcome.file_rewritten
    assert [r["recipient"] for r in outcome.recipients_to_notify] == ["Mailer"]
    assert outcome.suppression_entries
    # His own address and number are suppressed; the shared mailbox stays usable for Wannes.
    assert people.suppression_check("zeger.quackelbeen@acme.example").suppressed
    assert people.suppression_check("+32470112233").suppressed
    assert not people.suppression_check("info@acme.example").suppressed
    assert wannes in set(people.leads()["lead_id"])
    assert "Quackelbeen" not in people.sightings().to_csv()
    # A re-import cannot bring him back: the row is kept without any of its values.
    report = people.ingest(
        PEOPLE.iloc[[0]].assign(Date="2026-11-01"), source="Expo 2026", basis="prospecting"
    )
    assert report.rows_quarantined == 1
    assert "erased" in next(iter(report.quarantine_reasons))
    register = people.requests()
    assert not register["holds_contact"].any()
    path = Path(people.path)
    shared = people._store.backend == "postgres"
    people.close()
    if not shared:  # no WAL or temporary copy is left beside the file
        files = sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))
        assert files == [path.name, f"{path.name}.key"]
    data = ledger_bytes()  # the file, or every relation file of the PostgreSQL database
    for needle in (b"Quackelbeen", b"quackelbeen", b"Zeger", b"470112233"):
        assert needle not in data


def test_objection_suppresses_every_channel_and_keeps_nothing_else(
    people: leadguard.Ledger,
) -> None:
    fien = _lead(people, "Verhoeven")
    outcome = people.object_to_marketing(lead_id=fien)
    assert outcome.type == "objection"
    entries = people.suppressions()
    assert set(entries.loc[entries["request_id"] == outcome.request_id, "reason"]) == {"objection"}
    assert people.suppression_check("fien@gent.example", channel="phone").suppressed
    assert "Verhoeven" not in people.sightings().to_csv()


def test_restriction_freezes_the_lead(people: leadguard.Ledger) -> None:
    fien = _lead(people, "Verhoeven")
    people.restrict_request(lead_id=fien)
    people.ingest(
        PEOPLE.iloc[[2]].assign(Date="2026-06-01", Phone="+32 470 99 99 99"),
        source="Research",
        basis="prospecting",
    )
    people.dedupe()
    mine = people.sightings()
    assert (mine["lead_id"] == fien).sum() == 1  # the new sighting did not join the frozen lead
    people.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    people.mark_notice_sent(people.leads()["lead_id"].tolist(), channel="email")
    people.set_channel_rule("BE", "email", "allowed")
    report = people.export(
        "Mailer", "email", "prospecting", dry_run=True, include_role=True, include_shared=True
    )
    assert report.excluded["restricted"] == 1


def test_rectification_is_authoritative_and_traced(people: leadguard.Ledger) -> None:
    fien = _lead(people, "Verhoeven")
    outcome = people.rectify(fien, "job_title", "Chief Financial Officer")
    people.ingest(
        PEOPLE.iloc[[2]].assign(Date="2026-09-01"), source="Research", basis="prospecting"
    )
    people.dedupe()
    lead = people.leads().set_index("lead_id").loc[people.resolve_lead(fien)]
    assert lead["job_title"] == "Chief Financial Officer"
    doc = people.access_report(lead_id=fien)
    rectified = [d for d in doc["personal_data"] if d["value"] == "Chief Financial Officer"]
    assert rectified[0]["sources"][0]["source"] == f"rectification (request {outcome.request_id})"
    with pytest.raises(ConfigError, match="cannot be rectified"):
        people.rectify(fien, "sighting_id", "1")


def test_requests_without_controller_warn(ledger: leadguard.Ledger) -> None:
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    doc = ledger.access_report(email="fien@gent.example")
    assert doc["warnings"] and doc["controller"]["name"] is None


def test_overdue_is_about_open_requests_only(people: leadguard.Ledger) -> None:
    old = date.today() - timedelta(days=60)
    people.open_request("erasure", email="late@x.example", received_on=old)
    people.access_report(email="fien@gent.example")
    overdue = people.requests(overdue=True)
    assert overdue["type"].tolist() == ["erasure"]
