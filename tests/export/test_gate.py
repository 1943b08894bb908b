"""The export gate: one test per exclusion rule and per policy, and the registers it relies on."""

import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.errors import ConfigError

TODAY = date.today()
RECENT = (TODAY - timedelta(days=10)).isoformat()


def _people(**overrides: list[object]) -> pd.DataFrame:
    base = {
        "First name": ["Lotte", "Femke", "Pieter", "Marie", "Klaus", "Anke", "Tom", "Ines"],
        "Last name": [
            "Jacobs",
            "de Vries",
            "Bakker",
            "Dubois",
            "Weber",
            "Schulz",
            "Wouters",
            "Goossens",
        ],
        "Email": [
            "lotte.jacobs@noord.example.nl",
            "femke@zuid.example.nl",
            "pieter.bakker@west.example.nl",
            "marie.dubois@sud.example.fr",
            "klaus.weber@ost.example.de",
            "anke.schulz@nord.example.de",
            "tom.wouters@gent.example.be",
            "info@brugge.example.be",
        ],
        "Phone": [
            "+31 6 12345601",
            "+31 6 12345602",
            "+31 6 12345603",
            "+33 6 12 34 56 04",
            "+49 151 23456705",
            "+49 151 23456706",
            "+32 470 12 34 07",
            "+32 50 12 34 08",
        ],
        "Company": [
            "Noord BV",
            "Zuid BV",
            "West BV",
            "Sud SARL",
            "Ost GmbH",
            "Nord GmbH",
            "Gent NV",
            "Brugge NV",
        ],
        "Country": ["NL", "NL", "NL", "FR", "DE", "DE", "BE", "BE"],
        "Date": [RECENT] * 8,
    }
    base.update(overrides)
    return pd.DataFrame(base)


@pytest.fixture
def gated_defaults(ledger: leadguard.Ledger, tmp_path: Path) -> leadguard.Ledger:
    """The people above through one processor, on the shipped country rules."""
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    for key, value in {
        "controller.name": "Example Group NV",
        "controller.email": "privacy@example-group.example",
        "authority.name": "Gegevensbeschermingsautoriteit",
    }.items():
        ledger.set_setting(key, value)
    ledger.ingest(_people(), source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email", on=TODAY)
    return ledger


@pytest.fixture
def gated(gated_defaults: leadguard.Ledger) -> leadguard.Ledger:
    """As ``gated_defaults``, with NL e-mail set to opt-out as a user may (the default is consent):
    the tests of the other rules need leads that the country rule lets through."""
    gated_defaults.set_channel_rule("NL", "email", "allowed", note="tests of the other rules")
    return gated_defaults


def _strangers(n: int, tag: str, **overrides: list[object]) -> pd.DataFrame:
    """n other people (names, numbers and addresses nobody in _people has)."""
    first = ["Joris", "Wout", "Lies", "Bart", "Elke", "Dirk", "Saar", "Geert"][:n]
    frame = _people().iloc[:n].copy()
    frame["First name"] = first
    frame["Last name"] = [f"{tag.title()}man" for _ in first]
    frame["Email"] = [f"{f.lower()}.{tag}@{tag}.example.nl" for f in first]
    frame["Phone"] = [f"+31 6 5555{i:04d}" for i in range(n)]
    frame["Company"] = [f"{tag.title()} {i} BV" for i in range(n)]
    frame["Country"] = ["NL"] * n
    for key, value in overrides.items():
        frame[key] = value
    return frame.reset_index(drop=True)


def _lead(ledger: leadguard.Ledger, email: str) -> int:
    leads = ledger.leads()
    return int(leads.loc[leads["email"] == email, "lead_id"].iloc[0])


def _dry(ledger: leadguard.Ledger, **kwargs: object) -> leadguard.ExportReport:
    return ledger.export("Mailer", "email", "prospecting", dry_run=True, **kwargs)  # type: ignore[arg-type]


def test_country_rules_decide_by_default(gated_defaults: leadguard.Ledger) -> None:
    report = _dry(gated_defaults)
    # FR: allowed (1); NL and DE: consent needed (3 + 2: Telecommunicatiewet art. 11.7(1) and
    # UWG § 7(2) no. 2); BE: only impersonal addresses, and the one impersonal address is a role
    # mailbox, left out unless asked for.
    assert report.exported == 1
    assert report.excluded == {"country_rule": 6, "role_mailbox": 1}
    assert _dry(gated_defaults, include_role=True).exported == 2


def test_policy_override_and_recorded_consent(gated: leadguard.Ledger) -> None:
    gated.set_channel_rule("BE", "email", "allowed", note="counsel 2026-11")
    assert _dry(gated).excluded == {"country_rule": 2, "role_mailbox": 1}
    rules = gated.channel_rules().set_index(["country", "channel"])
    assert rules.loc[("BE", "email"), "rule"] == "allowed"
    assert rules.loc[("BE", "email"), "origin"].startswith("set by tester")
    assert rules.loc[("DE", "email"), "origin"] == "default"
    # A recorded "Yes" for e-mail passes a consent rule.
    form = _people(**{"Newsletter per e-mail?": ["Ja"] * 8})
    gated.ingest(form.iloc[[4]], source="Expo 2026", basis="prospecting")
    gated.dedupe()
    assert _dry(gated).excluded == {"country_rule": 1, "role_mailbox": 1}


def test_suppressed_bounced_restricted(gated: leadguard.Ledger) -> None:
    gated.suppress("lotte.jacobs@noord.example.nl", reason="objection")
    gated.suppress("femke@zuid.example.nl", reason="bounce", channel="email")
    gated.restrict(_lead(gated, "pieter.bakker@west.example.nl"), reason="accuracy contested")
    report = _dry(gated)
    assert report.excluded["suppressed"] == 1
    assert report.excluded["bounced"] == 1
    assert report.excluded["restricted"] == 1
    assert report.suppressed_by_reason == {"objection": 1}
    assert report.exported == 1
    gated.lift_restriction(_lead(gated, "pieter.bakker@west.example.nl"))
    assert _dry(gated).exported == 2


def test_not_on_basis_and_past_retention(gated: leadguard.Ledger) -> None:
    gated.add_basis(
        "events", kind="consent", purpose="Event invitations", channels="email", retention_months=12
    )
    gated.add_source(
        "Old list",
        kind="purchased_list",
        publicly_accessible=False,
        supplier="Lists Inc",
        contract_ref="PO-7",
    )
    old = _strangers(3, "old", Date=["2019-05-01"] * 3)
    gated.ingest(old.iloc[:2], source="Old list", basis="prospecting")
    gated.ingest(_strangers(1, "evt"), source="Old list", basis="events")
    gated.dedupe()
    gated.mark_notice_sent(gated.leads()["lead_id"].tolist(), channel="email")
    report = _dry(gated)
    assert report.excluded["past_retention"] == 2
    assert report.excluded["not_on_basis"] == 1


def test_consent_basis_needs_recorded_consent(gated: leadguard.Ledger) -> None:
    gated.add_basis(
        "newsletter", kind="consent", purpose="Newsletter", channels="email", retention_months=24
    )
    form = _people(**{"Newsletter per e-mail?": ["Ja", "Nee", "", "Ja", "", "", "", ""]})
    form["Email"] = [e.replace("@", ".nl@") for e in form["Email"]]
    gated.ingest(form, source="Expo 2026", basis="newsletter")
    gated.dedupe()
    gated.mark_notice_sent(gated.leads()["lead_id"].tolist(), channel="email")
    gated.set_channel_rule("BE", "email", "allowed")
    gated.set_channel_rule("DE", "email", "allowed")
    report = gated.export("Mailer", "email", "newsletter", dry_run=True, include_role=True)
    assert report.exported == 2  # the two "Ja"
    assert report.excluded["suppressed"] == 1  # the "Nee" is a refusal at collection


def test_no_contact_point_and_shared_address(gated: leadguard.Ledger) -> None:
    extra = _people(Email=[None, "team.west@west.example.nl"] + [None] * 6).iloc[:2]
    extra["First name"] = ["Noor", "Bram"]
    extra["Phone"] = ["+31 6 99999901", "+31 6 99999902"]
    gated.ingest(extra, source="Expo 2026", basis="prospecting")
    also = _people(Email=["team.west@west.example.nl"] * 8).iloc[:1]
    also[["First name", "Last name", "Phone"]] = ["Sanne", "Visser", "+31 6 99999903"]
    gated.ingest(also, source="Expo 2026", basis="prospecting")
    gated.dedupe()
    leads = gated.leads()
    shared = leads[leads["email"] == "team.west@west.example.nl"]["lead_id"].tolist()
    if len(shared) == 1:
        pytest.skip("dedupe merged the two people sharing the address")
    gated.mark_notice_sent(leads["lead_id"].tolist(), channel="email")
    report = _dry(gated)
    assert report.excluded["no_contact_point"] == 1
    assert report.excluded["shared_address"] == 2
    assert _dry(gated, include_shared=True).excluded.get("shared_address") is None


def test_notice_policies(gated: leadguard.Ledger, tmp_path: Path) -> None:
    gated.ingest(_strangers(3, "new"), source="Expo 2026", basis="prospecting")
    gated.dedupe()
    assert _dry(gated).excluded["notice_not_given"] == 3
    gated.set_setting("notice.policy", "with-first-contact")
    report = _dry(gated)
    assert "notice_not_given" not in report.excluded and report.notice_due == 3
    out = tmp_path / "first_contact.csv"
    gated.export("Mailer", "email", "prospecting", out=out)
    frame = pd.read_csv(out)
    assert frame["leadguard_notice_due"].sum() == 3
    notices = frame.loc[frame["leadguard_notice_due"], "leadguard_notice"]
    assert notices.str.contains("Example Group NV").all()
    # The notice is due now (first disclosure), and never to a reseller before it is given.
    due = gated.notices_due("overdue")
    assert len(due) == 0 and len(gated.notices_due("due")) == 3
    gated.add_recipient("Reseller", role="reseller", country="NL")
    resold = gated.export("Reseller", "email", "prospecting", dry_run=True)
    assert resold.excluded["notice_not_given"] == 3


def test_export_writes_file_manifest_and_disclosure_log(
    gated: leadguard.Ledger, tmp_path: Path
) -> None:
    out = tmp_path / "mailer.csv"
    report = gated.export("Mailer", "email", "prospecting", out=out)
    frame = pd.read_csv(out)
    assert len(frame) == report.exported == 4
    manifest = json.loads(Path(report.manifest or "").read_text())
    assert manifest["rows"] == len(frame) and manifest["excluded"] == report.excluded
    assert frame["phone"].isna().all()  # e-mail campaign: no numbers leave (minimisation)
    log = gated.disclosures()
    assert sorted(log["lead_id"]) == sorted(frame["leadguard_id"])
    assert set(log["recipient"]) == {"Mailer"}
    lead = int(frame["leadguard_id"].iloc[0])
    notify = gated.recipients_to_notify(lead)
    assert notify["recipient"].tolist() == ["Mailer"]
    assert len(gated.exports()) == 1
    # A dry run records nothing.
    _dry(gated)
    assert len(gated.disclosures()) == len(frame)


def test_whole_export_stops(gated: leadguard.Ledger, tmp_path: Path) -> None:
    gated.add_recipient("NoContract", role="processor", country="NL")
    with pytest.raises(ConfigError, match="Art. 28 contract"):
        _export(gated, "NoContract")
    gated.add_recipient("US adequacy", role="reseller", country="US", transfer="adequacy")
    with pytest.raises(ConfigError, match="no adequacy decision"):
        _export(gated, "US adequacy")
    gated.add_recipient("Nowhere", role="reseller", country="IN")
    with pytest.raises(ConfigError, match="outside the EEA"):
        _export(gated, "Nowhere")
    gated.add_recipient(
        "Stale DPF",
        role="reseller",
        country="US",
        transfer="dpf",
        dpf_checked_on=TODAY - timedelta(days=400),
    )
    with pytest.raises(ConfigError, match="more than 365 days"):
        _export(gated, "Stale DPF")
    gated.add_recipient("Events only", role="reseller", country="NL", purposes=["prospecting"])
    gated.add_basis(
        "events", kind="consent", purpose="Events", channels="email", retention_months=12
    )
    with pytest.raises(ConfigError, match="may receive leads under prospecting only"):
        gated.export("Events only", "email", "events", dry_run=True)
    with pytest.raises(ConfigError, match="covers email, phone, not post"):
        gated.export("Mailer", "post", "prospecting", dry_run=True)


def _export(ledger: leadguard.Ledger, to: str) -> None:
    ledger.export(to, "email", "prospecting", dry_run=True)


def test_recipient_register_refuses_privacy_shield(ledger: leadguard.Ledger) -> None:
    with pytest.raises(ConfigError, match="Privacy Shield"):
        ledger.add_recipient("Old", role="processor", country="US", transfer="Privacy Shield")
    with pytest.raises(ConfigError, match="dpf-checked-on"):
        ledger.add_recipient("New", role="processor", country="US", transfer="dpf")
    added = ledger.add_recipient(
        "New",
        role="processor",
        country="United States",
        transfer="dpf",
        dpf_checked_on=TODAY,
        contract_ref="DPA",
    )
    assert added.country == "US" and added.transfer == "dpf"
    again = ledger.add_recipient(
        "New",
        role="processor",
        country="US",
        transfer="dpf",
        dpf_checked_on=TODAY,
        contract_ref="DPA",
    )
    assert again == added
    with pytest.raises(leadguard.RegisterError, match="--replace"):
        ledger.add_recipient("New", role="reseller", country="US", transfer="scc")
