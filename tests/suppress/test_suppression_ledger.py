"""The suppression list in the ledger: entries, matching by person, channels, scopes, lifts."""

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.errors import ConfigError, InputError

PEOPLE = pd.DataFrame(
    {
        "First name": ["Jan", "Eva", "Piet", "Anna"],
        "Last name": ["Peeters", "Smit", "Claes", "Maes"],
        "Email": [
            "jan.peeters@gmail.com",
            "eva.smit@beta.example",
            "piet.claes@acme.example",
            "anna.maes@acme.example",
        ],
        "Phone": ["+32 470 12 34 56", "+31 6 12345678", "+32 2 555 12 12", "+32 2 555 12 12"],
        "Company": ["Acme", "Beta", "Acme", "Acme"],
    }
)
# Jan again, in another list, under his work address and mobile only.
JAN_AT_WORK = pd.DataFrame(
    {
        "First name": ["Jan"],
        "Last name": ["Peeters"],
        "Email": ["jan.peeters@acme.example"],
        "Mobile": ["+32 478 99 88 77"],
        "Company": ["Acme"],
    }
)


def _lead_of(ledger: leadguard.Ledger, email_key: str) -> int:
    frame = ledger.sightings()
    return int(frame.loc[frame["email_key"] == email_key, "lead_id"].iloc[0])


@pytest.fixture
def people(ledger: leadguard.Ledger) -> leadguard.Ledger:
    """Four people, and Jan seen twice (merged by hand into one lead)."""
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    ledger.ingest(JAN_AT_WORK, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    a = _lead_of(ledger, "janpeeters@gmail.com")
    b = _lead_of(ledger, "jan.peeters@acme.example")
    if a != b:
        ledger.merge(a, b)
    return ledger


def _suppressed(ledger: leadguard.Ledger, channel: str) -> dict[int, str]:
    frame = ledger.screen_leads(channel)
    hit = frame[frame["suppressed"]]
    return dict(zip(hit["lead_id"].astype(int), hit["reason"], strict=True))


def test_a_suppressed_address_is_matched_in_every_spelling(people: leadguard.Ledger) -> None:
    people.suppress("Jan.Peeters@Gmail.com", channel="email", reason="unsubscribe")
    for variant in (
        "jan.peeters@gmail.com",
        " JAN.PEETERS@GMAIL.COM ",
        "mailto:janpeeters@googlemail.com",
        "Jan Peeters <jan.peeters+news@gmail.com>",
        "jan.peeters@gmail.com;",
    ):
        check = people.suppression_check(variant, channel="email")
        assert check.suppressed, variant
        assert check.why is not None and check.why.startswith("unsubscribe (email)")


def test_the_whole_person_is_suppressed_under_every_address(people: leadguard.Ledger) -> None:
    jan = _lead_of(people, "janpeeters@gmail.com")
    people.suppress("jan.peeters@gmail.com", channel="all", reason="objection")
    assert _suppressed(people, "email") == {jan: "objection"}
    assert _suppressed(people, "phone") == {jan: "objection"}
    # A new list with only his work address (never suppressed itself) is caught as the person.
    screened = people.screen(pd.DataFrame({"mail": ["Jan.Peeters@acme.example"]}), "email")
    assert screened["suppressed"].tolist() == [True]
    assert screened["suppression_match"].tolist() == ["person"]
    # ... and so is his mobile number in a call list.
    calls = people.screen(
        pd.DataFrame({"gsm": ["0478 99 88 77"]}), "phone", country="BE", mapping={"gsm": "mobile"}
    )
    assert calls["suppressed"].tolist() == [True]


def test_a_bounce_is_that_address_only(people: leadguard.Ledger) -> None:
    jan = _lead_of(people, "janpeeters@gmail.com")
    people.suppress("jan.peeters@acme.example", reason="bounce", channel="email")
    screened = people.screen(
        pd.DataFrame({"email": ["jan.peeters@acme.example", "jan.peeters@gmail.com"]}), "email"
    )
    assert screened["suppressed"].tolist() == [True, False]
    assert _suppressed(people, "phone") == {}
    golden = people.leads().set_index("lead_id").loc[jan, "email"]
    expected = {jan: "bounce"} if golden == "jan.peeters@acme.example" else {}
    assert _suppressed(people, "email") == expected


def test_channels_and_scopes(people: leadguard.Ledger) -> None:
    eva = _lead_of(people, "eva.smit@beta.example")
    people.suppress(
        "eva.smit@beta.example", channel="email", reason="unsubscribe", scope="Example Software"
    )
    assert _suppressed(people, "email") == {eva: "unsubscribe"}
    assert _suppressed(people, "phone") == {}
    assert people.screen_leads("email", scope="Example Software")["suppressed"].sum() == 1
    assert people.screen_leads("email", scope="Example Consulting")["suppressed"].sum() == 0


def test_a_domain_suppresses_everyone_there(people: leadguard.Ledger) -> None:
    people.suppress(
        "@acme.example", kind="domain", reason="objection", evidence="letter from Acme's DPO"
    )
    hit = _suppressed(people, "email")
    acme = {
        _lead_of(people, k)
        for k in ("piet.claes@acme.example", "anna.maes@acme.example", "jan.peeters@acme.example")
    }
    assert set(hit) == acme
    screened = people.screen(pd.DataFrame({"email": ["new.person@ACME.example"]}), "email")
    assert screened["suppression_match"].tolist() == ["domain"]


def test_a_shared_switchboard_is_left_out_of_a_person(people: leadguard.Ledger) -> None:
    piet = _lead_of(people, "piet.claes@acme.example")
    anna = _lead_of(people, "anna.maes@acme.example")
    entry = people.suppress_lead(piet, reason="objection", request_id="R-1")
    assert entry.kind == "lead" and entry.keys == 1
    assert entry.warnings and "shared" in entry.warnings[0]
    assert set(_suppressed(people, "phone")) == {piet}
    assert anna not in _suppressed(people, "all")
    # A call list holding only the switchboard is not "Piet": screen() agrees with the leads.
    calls = people.screen(pd.DataFrame({"phone": ["+32 2 555 12 12"]}), "phone")
    assert calls["suppressed"].tolist() == [False]


def test_adding_the_same_entry_twice_is_one_entry(people: leadguard.Ledger) -> None:
    first = people.suppress("eva.smit@beta.example", reason="objection")
    again = people.suppress("EVA.SMIT@beta.example ", reason="objection")
    assert again.status == "already_suppressed" and again.entry_id == first.entry_id
    other = people.suppress("eva.smit@beta.example", reason="complaint", channel="email")
    assert other.status == "added" and other.entry_id != first.entry_id
    assert len(people.suppressions()) == 2


def test_lift_needs_evidence_and_is_recorded(people: leadguard.Ledger) -> None:
    people.suppress("eva.smit@beta.example", reason="unsubscribe", channel="email")
    with pytest.raises(ConfigError, match="evidence"):
        people.lift_suppression("eva.smit@beta.example", evidence=" ")
    lifted = people.lift_suppression("Eva.Smit@beta.example", evidence="opt-in form 2026-11-20")
    assert len(lifted) == 1
    assert not people.suppression_check("eva.smit@beta.example").suppressed
    every = people.suppressions(include_lifted=True)
    assert every.loc[0, "lift_evidence"] == "opt-in form 2026-11-20"
    assert every.loc[0, "lifted_by"] == "tester"
    assert people.suppressions().empty


def test_check_shows_only_matching_entries(people: leadguard.Ledger) -> None:
    people.suppress("eva.smit@beta.example", reason="objection")
    people.suppress("piet.claes@acme.example", reason="unsubscribe", channel="email")
    check = people.suppression_check("eva.smit@beta.example")
    assert [e["reason"] for e in check.entries] == ["objection"]
    assert "piet" not in check.to_json()
    assert not people.suppression_check("nobody@nowhere.example").suppressed


def test_bad_values_are_refused_with_a_reason(people: leadguard.Ledger) -> None:
    with pytest.raises(ConfigError, match="not a valid e-mail"):
        people.suppress("jan@", kind="email")
    with pytest.raises(ConfigError, match="not a valid phone"):
        people.suppress("12", kind="phone")
    with pytest.raises(ConfigError, match="unknown reason"):
        people.suppress("jan@acme.example", reason="whim")
    with pytest.raises(InputError, match="no e-mail or phone column"):
        people.screen(pd.DataFrame({"name": ["Jan"]}))


def test_vendor_hash_list_is_plain_sha256(people: leadguard.Ledger, tmp_path: Path) -> None:
    import hashlib

    people.suppress("Eva.Smit@Beta.example", reason="objection")
    people.suppress("+32 470 12 34 56", reason="objection", channel="phone")
    out = tmp_path / "hashes.txt"
    assert people.export_vendor_hashes(out) == 1
    assert out.read_text().split() == [hashlib.sha256(b"eva.smit@beta.example").hexdigest()]
    assert people.export_vendor_hashes(out, kind="phone", channel="phone") == 1
    assert out.read_text().split() == [hashlib.sha256(b"32470123456").hexdigest()]


def test_screen_keeps_the_frame_and_adds_columns(people: leadguard.Ledger) -> None:
    people.suppress("eva.smit@beta.example", reason="objection")
    frame = pd.DataFrame({"E-mail": ["x@y.example", "eva.smit@beta.example", None], "n": [1, 2, 3]})
    screened = people.screen(frame, "email")
    assert list(screened.columns[:2]) == ["E-mail", "n"]
    assert screened["suppressed"].tolist() == [False, True, False]
    assert screened.loc[1, "suppression_reason"] == "objection"
    assert isinstance(screened.loc[1, "suppression_entry"], int)
    assert "suppressed" not in frame.columns


def test_ingest_flags_rows_already_on_the_list(ledger: leadguard.Ledger) -> None:
    ledger.suppress("piet.claes@acme.example", reason="objection")
    report = ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    assert report.rows_suppressed == 1


def test_dedupe_reports_suppressed_leads(ledger: leadguard.Ledger) -> None:
    ledger.suppress("acme.example", kind="domain", reason="objection")
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    assert ledger.dedupe().leads_suppressed == 2


def test_registry_screening_expires_and_is_replaced(
    ledger: leadguard.Ledger, tmp_path: Path
) -> None:
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    old = date.today() - timedelta(days=30)
    first = tmp_path / "dncm_a.txt"
    first.write_text("32470123456;2025-11-03\n3225551299;2024-01-02\n", encoding="utf-8")
    report = ledger.suppress_import(first, "dnc-be", screened_on=old)
    assert (report.registry, report.reason, report.channel) == ("dnc-be", "dnc", "phone")
    assert report.entries_added == 2
    # The screening is older than its validity: every +32 number is blocked for calls.
    calls = ledger.screen_leads("phone")
    reasons = set(calls.loc[calls["suppressed"], "reason"])
    assert reasons == {"dnc", "dnc-stale"}
    assert calls["suppressed"].sum() == 3  # Jan (listed), Piet and Anna (+32, stale)
    assert ledger.screen_leads("email")["suppressed"].sum() == 0
    with pytest.raises(ConfigError, match="registry"):
        ledger.lift_suppression("+32470123456", evidence="asked")
    fresh = tmp_path / "dncm_b.txt"
    fresh.write_text("3225551212;2026-11-01\n", encoding="utf-8")
    second = ledger.suppress_import(fresh, "dnc-be")
    assert second.replaced == 2 and second.entries_added == 1
    calls = ledger.screen_leads("phone")
    assert calls["suppressed"].sum() == 2  # Piet and Anna's switchboard; Jan no longer listed
    assert set(calls.loc[calls["suppressed"], "reason"]) == {"dnc"}
    registries = ledger.registries().set_index("name")
    assert registries.loc["dnc-be", "valid_days"] == 5
    ledger.set_registry("dnc-be", valid_days=28)
    assert ledger.registries().set_index("name").loc["dnc-be", "valid_days"] == 28


def test_importing_the_same_file_again_changes_nothing(
    ledger: leadguard.Ledger, tmp_path: Path
) -> None:
    listing = tmp_path / "optout.txt"
    listing.write_text("a@one.example\r\nB@ONE.example\r\n\r\na@one.example\r\nnonsense\r\n")
    report = ledger.suppress_import(listing)
    assert (report.format, report.entries_added, report.rows_duplicate) == ("lines", 2, 1)
    assert report.rows_rejected == 1
    again = ledger.suppress_import(listing)
    assert again.status == "already_imported" and again.import_id == report.import_id
    listing.write_text("a@one.example\nc@one.example\n")
    grown = ledger.suppress_import(listing)
    assert (grown.entries_added, grown.rows_already) == (1, 1)
    assert len(ledger.suppressions()) == 3
    rejects = ledger.suppression_rejects()
    assert rejects["row_number"].tolist() == [5]
    assert "nonsense" not in rejects.to_csv()


def test_every_sample_format_imports_with_its_reason_and_channel(ledger: leadguard.Ledger) -> None:
    data = Path(__file__).parents[1] / "data" / "suppress"
    found = {}
    for path in sorted(data.iterdir()):
        report = ledger.suppress_import(path)
        assert report.entries_added > 0, path.name
        found[path.name] = (report.format, report.reason, report.channel)
    assert found["brevo_blocklisted_contacts.csv"] == ("brevo", "unsubscribe", "email")
    assert found["dncm_20261120.txt"] == ("dnc-be", "dnc", "phone")
    assert found["sendgrid_unsubscribes.json"][0] == "sendgrid"
    entries = ledger.suppressions()
    brevo = entries[entries["evidence_file"] == "brevo_blocklisted_contacts.csv"]
    # A number on Brevo's SMS blocklist is about calls and texts, not e-mail.
    assert set(zip(brevo["kind"], brevo["channel"], strict=True)) == {
        ("email", "email"),
        ("phone", "phone"),
    }
    cleaned = entries[entries["evidence_file"] == "mailchimp_cleaned_members_export.csv"]
    assert cleaned["address_level"].all() and set(cleaned["reason"]) == {"bounce"}
    dnc = entries[entries["registry"] == "dnc-be"]
    assert set(dnc["expires_on"].astype(str)) == {"2026-11-25"}  # screened 2026-11-20 + 5 days
