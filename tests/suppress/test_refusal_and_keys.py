"""Refusals at collection, the ledger's key, and what the file holds: hashes, not addresses."""

import os
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.errors import ConfigError

DATA = Path(__file__).parents[1] / "data"
SAMPLE = Path(__file__).parents[2] / "sample_data" / "suppression"
QUESTION = "Ik wil de nieuwsbrief per e-mail ontvangen"


def _form(email: str, answer: str, on: str, *, question: str = QUESTION) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Voornaam": ["Sophie"],
            "Achternaam": ["Dubois"],
            "E-mail": [email],
            "Gsm": ["+33 6 12 34 56 78"],
            "Inschrijvingsdatum": [on],
            question: [answer],
        }
    )


def test_a_no_on_the_form_is_a_refusal_for_that_channel(ledger: leadguard.Ledger) -> None:
    report = ledger.ingest(
        DATA / "ledger" / "expo_registrations.csv", source="Expo 2026", basis="prospecting"
    )
    assert report.refusals == 1
    entries = ledger.suppressions()
    assert entries[["kind", "channel", "reason", "origin"]].values.tolist() == [
        ["lead", "email", "refusal", "ingest"]
    ]
    assert entries.loc[0, "evidence_file"] == "expo_registrations.csv"
    assert entries.loc[0, "evidence_row"] == 2  # 1 = the first record under the header
    assert QUESTION in entries.loc[0, "evidence"] and "Nee" in entries.loc[0, "evidence"]
    check = ledger.suppression_check("Sophie.Dubois@bureau-dubois.example.fr", channel="email")
    assert check.suppressed and check.why is not None and check.why.startswith("refusal")
    assert not ledger.suppression_check("+33612345678", channel="phone").suppressed


def test_a_later_yes_lifts_an_earlier_no_and_both_stay(ledger: leadguard.Ledger) -> None:
    ledger.ingest(
        _form("sophie@dubois.example", "Nee", "03/10/2025"), source="Expo 2026", basis="prospecting"
    )
    assert ledger.suppression_check("sophie@dubois.example", channel="email").suppressed
    ledger.ingest(
        _form("Sophie@Dubois.example", "Ja", "12/03/2026"), source="Expo 2026", basis="prospecting"
    )
    assert not ledger.suppression_check("sophie@dubois.example", channel="email").suppressed
    every = ledger.suppressions(include_lifted=True)
    assert len(every) == 1 and "Ja" in every.loc[0, "lift_evidence"]
    assert ledger.consent_answers()["consent"].tolist() == [False, True]


def test_an_older_yes_does_not_lift_a_newer_no(ledger: leadguard.Ledger) -> None:
    ledger.ingest(
        _form("sophie@dubois.example", "Ja", "03/10/2025"), source="Expo 2026", basis="prospecting"
    )
    ledger.ingest(
        _form("sophie@dubois.example", "Nee", "12/03/2026"), source="Expo 2026", basis="prospecting"
    )
    assert ledger.suppression_check("sophie@dubois.example", channel="email").suppressed


def test_a_no_imported_after_a_later_yes_stays_lifted(ledger: leadguard.Ledger) -> None:
    ledger.ingest(
        _form("sophie@dubois.example", "Ja", "12/03/2026"), source="Expo 2026", basis="prospecting"
    )
    ledger.ingest(
        _form("sophie@dubois.example", "Nee", "03/10/2025"), source="Expo 2026", basis="prospecting"
    )
    assert not ledger.suppression_check("sophie@dubois.example", channel="email").suppressed


def test_no_to_being_contacted_at_all_covers_every_channel(ledger: leadguard.Ledger) -> None:
    form = _form("sophie@dubois.example", "No", "2026-02-05", question="Consent to be contacted")
    ledger.ingest(form, source="Expo 2026", basis="prospecting")
    assert ledger.suppressions().loc[0, "channel"] == "all"
    # The entry is keyed on the address; the person's numbers are covered through their lead.
    assert not ledger.suppression_check("+33 6 12 34 56 78", channel="phone").suppressed
    ledger.dedupe()
    assert ledger.suppression_check("+33 6 12 34 56 78", channel="phone").suppressed
    assert ledger.screen_leads("phone")["suppressed"].all()


# -- the key ---------------------------------------------------------------------------------


def test_the_key_is_created_beside_the_ledger_owner_only(ledger_path: Path) -> None:
    with leadguard.open(ledger_path) as ledger:
        assert ledger.key_origin == f"{ledger_path}.key"
    key = Path(f"{ledger_path}.key")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) == 64
    with leadguard.open(ledger_path) as again:  # the same key is found again
        again.suppress("x@one.example")


def test_a_ledger_without_its_key_says_so(ledger_path: Path) -> None:
    with leadguard.open(ledger_path) as ledger:
        ledger.suppress("x@one.example")
    Path(f"{ledger_path}.key").unlink()
    with pytest.raises(ConfigError, match="key is missing"):
        leadguard.open(ledger_path)


def test_a_wrong_key_is_refused(ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    leadguard.open(ledger_path).close()
    monkeypatch.setenv("LEADGUARD_SECRET", "another-secret-of-at-least-32-characters!")
    with pytest.raises(ConfigError, match="not this ledger's key"):
        leadguard.open(ledger_path)


def test_a_key_readable_by_others_is_refused(ledger_path: Path) -> None:
    leadguard.open(ledger_path).close()
    key = Path(f"{ledger_path}.key")
    os.chmod(key, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        leadguard.open(ledger_path)


def test_the_key_can_come_from_the_environment(
    ledger_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADGUARD_SECRET", "0123456789abcdef0123456789abcdef")
    with leadguard.open(ledger_path) as ledger:
        assert ledger.key_origin == "LEADGUARD_SECRET"
        ledger.suppress("x@one.example")
    assert not Path(f"{ledger_path}.key").exists()
    with leadguard.open(ledger_path) as ledger:
        assert ledger.suppression_check("X@one.example").suppressed
    monkeypatch.setenv("LEADGUARD_SECRET", "short")
    with pytest.raises(ConfigError, match="shorter than 32"):
        leadguard.open(ledger_path)


def test_sightings_imported_before_the_key_are_hashed_once(ledger: leadguard.Ledger) -> None:
    ledger.ingest(
        _form("sophie@dubois.example", "", "2026-01-01"), source="Expo 2026", basis="prospecting"
    )
    # A ledger from before suppression existed: no fingerprint, no sighting hashes.
    store = ledger._store
    store.execute("DELETE FROM sighting_keys")
    store.execute("DELETE FROM ledger_settings")
    ledger._load_key()
    ledger.suppress("sophie@dubois.example", reason="objection")
    assert ledger.screen_leads()["suppressed"].sum() == 0  # no dedupe yet: no lead
    ledger.dedupe()
    assert ledger.screen_leads()["suppressed"].sum() == 1


# -- what the file holds -----------------------------------------------------------------------


def test_suppressed_addresses_are_not_in_the_ledger_file(ledger_path: Path) -> None:
    lines = (SAMPLE / "optout_list.txt").read_text(encoding="utf-8-sig")
    with leadguard.open(ledger_path) as ledger:
        for name in ("optout_list.txt", "mailchimp_unsubscribed.csv", "mailchimp_cleaned.csv"):
            ledger.suppress_import(SAMPLE / name)
        ledger.suppress("Some.One@secret-company.example", reason="objection")
        ledger.suppress("+32 470 99 99 99", reason="objection")
        ledger.suppress("secret-company.example", kind="domain")
        assert len(ledger.suppressions()) > 15
        key = Path(ledger.key_origin).read_text().strip()
    data = b"".join(
        p.read_bytes()
        for p in ledger_path.parent.glob("test.duckdb*")
        if not p.name.endswith(".key")
    )
    needles = {"some.one@secret-company.example", "secret-company", "32470999999", key}
    for line in lines.splitlines():
        if "@" in line:
            address = line.split("<")[-1].strip(" >;\r\n").removeprefix("mailto:")
            needles.add(address.lower().split("@")[0])
    for csv in ("mailchimp_unsubscribed.csv", "mailchimp_cleaned.csv"):
        emails = pd.read_csv(SAMPLE / csv)["Email Address"]
        needles.update(e.lower().split("@")[0] for e in emails)
    for needle in needles:
        for form in {needle, needle.lower(), needle.upper()}:
            assert form.encode() not in data, "a suppressed value is stored in clear"
            assert form.encode("utf-16-le") not in data


def test_sample_suppression_files_import(ledger: leadguard.Ledger) -> None:
    reports = {p.name: ledger.suppress_import(p) for p in sorted(SAMPLE.iterdir())}
    assert reports["mailchimp_unsubscribed.csv"].format == "mailchimp-unsubscribed"
    assert reports["mailchimp_cleaned.csv"].reasons == {"bounce": 4}
    assert "complaint" in reports["mailchimp_unsubscribed.csv"].reasons
    assert reports["dncm_be.txt"].registry == "dnc-be"
    assert reports["optout_list.txt"].reason == "objection"
    assert all(r.entries_added > 0 for r in reports.values())
    assert reports["dncm_be.txt"].screened_on == date.today()
