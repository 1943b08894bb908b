"""An address the objecting person reads is theirs to protect, even when other leads hold it."""

from pathlib import Path

import pandas as pd
import pytest

import leadguard

# Sofie registered her colleague Koen under her own address (a group registration); Koen also
# came in later under his own address, with the same mobile. info@ is the company's role
# mailbox both of them appear with; Lien is a one-person firm whose info@ reaches only her.
PEOPLE = pd.DataFrame(
    {
        "First name": ["Sofie", "Koen", "Koen", "Sofie", "Lien", "Ruben"],
        "Last name": ["Janssens", "Maes", "Maes", "Janssens", "Wouters", "Claes"],
        "Email": [
            "sofie.janssens@vdm.example",
            "sofie.janssens@vdm.example",
            "koen.maes@vdm.example",
            "info@vdm.example",
            "info@lien-consult.example",
            "ruben.claes@beta.example",
        ],
        "Mobile": [
            "+32 470 11 11 11",
            "+32 470 22 22 22",
            "+32 470 22 22 22",
            "+32 470 11 11 11",
            "+32 470 33 33 33",
            "+32 470 44 44 44",
        ],
        "Company": ["VDM NV", "VDM NV", "VDM NV", "VDM NV", "Lien Consult", "Beta BV"],
        "Country": ["BE"] * 6,
        "Date": ["2026-02-05"] * 2 + ["2026-04-01", "2026-03-01"] + ["2026-02-05"] * 2,
    }
)
INFO_KOEN = pd.DataFrame(
    {
        "First name": ["Koen"],
        "Last name": ["Maes"],
        "Email": ["info@vdm.example"],
        "Mobile": ["+32 470 22 22 22"],
        "Company": ["VDM NV"],
        "Country": ["BE"],
        "Date": ["2026-03-02"],
    }
)


def _lead(ledger: leadguard.Ledger, email: str, first: str) -> int:
    frame = ledger.sightings()
    hit = frame[(frame["email"] == email) & (frame["first_name"] == first)]
    return int(hit["lead_id"].iloc[0])


@pytest.fixture
def office(ledger: leadguard.Ledger) -> leadguard.Ledger:
    ledger.ingest(PEOPLE, source="Expo 2026", basis="prospecting")
    ledger.ingest(INFO_KOEN, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    ledger.set_channel_rule("BE", "email", "allowed")
    return ledger


def test_erasure_suppresses_her_address_a_colleague_holds_too(
    office: leadguard.Ledger, tmp_path: Path
) -> None:
    sofie = _lead(office, "sofie.janssens@vdm.example", "Sofie")
    koen = _lead(office, "koen.maes@vdm.example", "Koen")
    assert sofie != koen
    assert _lead(office, "sofie.janssens@vdm.example", "Koen") == koen
    outcome = office.erase(lead_id=sofie)
    # Her address is not mailed, whoever it is filed under...
    check = office.suppression_check("sofie.janssens@vdm.example", channel="email")
    assert check.suppressed and check.why is not None and check.why.startswith("erasure")
    screened = office.screen(
        pd.DataFrame({"Email": ["sofie.janssens@vdm.example", "koen.maes@vdm.example"]}),
        "email",
    )
    assert screened["suppressed"].tolist() == [True, False]
    # ...while Koen stays reachable on his own address and number.
    assert not office.suppression_check("koen.maes@vdm.example", channel="email").suppressed
    assert not office.suppression_check("+32470222222", channel="phone").suppressed
    leads = office.screen_leads("phone").set_index("lead_id")
    assert not leads.loc[koen, "suppressed"]
    out = tmp_path / "out.csv"
    office.export("Mailer", "email", "prospecting", out=out)
    sent = out.read_text()
    assert "koen.maes@vdm.example" in sent and "sofie.janssens@vdm.example" not in sent
    # The shared role mailbox stays usable: it reaches Koen too.
    assert not office.suppression_check("info@vdm.example", channel="email").suppressed
    text = " ".join(outcome.warnings)
    assert "suppressed for e-mail only" in text and "role mailbox" in text
    entries = office.suppressions().set_index("entry_id").loc[list(outcome.suppression_entries)]
    shared = entries[entries["address_level"].astype(bool)]
    assert len(shared) == 1
    assert (shared["kind"].iloc[0], shared["channel"].iloc[0]) == ("email", "email")
    # Koen registered again under her address: his row is stored (only the address is out).
    report = office.ingest(
        PEOPLE.iloc[[1]].assign(Date="2026-11-01"), source="Expo 2026", basis="prospecting"
    )
    assert report.rows_ok == 1 and report.rows_quarantined == 0


def test_objection_covers_a_role_mailbox_only_she_is_reached_by(
    office: leadguard.Ledger,
) -> None:
    lien = _lead(office, "info@lien-consult.example", "Lien")
    outcome = office.object_to_marketing(lead_id=lien)
    assert office.suppression_check("info@lien-consult.example", channel="email").suppressed
    assert office.suppression_check("+32470333333", channel="phone").suppressed
    assert not any("other leads hold" in w for w in outcome.warnings)


def test_a_role_mailbox_many_people_use_stays_usable_after_an_objection(
    office: leadguard.Ledger,
) -> None:
    koen = _lead(office, "koen.maes@vdm.example", "Koen")
    office.object_to_marketing(lead_id=koen)
    assert not office.suppression_check("info@vdm.example", channel="email").suppressed
    # Which of two holders reads a personal address cannot be told from the data: an objection
    # protects every address the objector holds (over-suppress rather than under). Sofie, whose
    # address Koen was registered under, stays reachable on her own number.
    sofie = _lead(office, "sofie.janssens@vdm.example", "Sofie")
    assert office.suppression_check("sofie.janssens@vdm.example", channel="email").suppressed
    assert not office.screen_leads("phone").set_index("lead_id").loc[sofie, "suppressed"]
