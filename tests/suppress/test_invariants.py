"""Invariants: a suppressed address is caught in any spelling a person or a spreadsheet produces,
and a person suppressed on one address is caught under every other address they have."""

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import leadguard

LETTERS = "abcdefghijklmnopqrstuvwxyz"
local_parts = st.builds(
    lambda first, sep, last: f"{first}{sep}{last}",
    st.text(LETTERS, min_size=1, max_size=8),
    st.sampled_from(["", ".", "_", "-"]),
    st.text(LETTERS + "0123456789", min_size=1, max_size=8),
)
domains = st.sampled_from(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "acme-logistics.example.be",
        "bücher.example",
        "müller-maschinenbau.example.de",
    ]
)


@st.composite
def spelled(draw: st.DrawFn, address: str) -> str:
    """One way a person or a spreadsheet writes ``address``."""
    local, _, domain = address.partition("@")
    if domain in ("gmail.com", "googlemail.com"):
        domain = draw(st.sampled_from(["gmail.com", "googlemail.com", "GMail.com"]))
        if draw(st.booleans()) and len(local) > 1:
            cut = draw(st.integers(1, len(local) - 1))
            if "." not in (local[cut - 1], local[cut]):
                local = local[:cut] + "." + local[cut:]
        if draw(st.booleans()):
            local += "+" + draw(st.text(LETTERS, min_size=1, max_size=6))
    elif domain == "outlook.com" and draw(st.booleans()):
        local += "+" + draw(st.text(LETTERS, min_size=1, max_size=6))
    text = f"{local}@{domain}"
    case = draw(st.sampled_from(["keep", "upper", "title", "swap"]))
    text = {"keep": text, "upper": text.upper(), "title": text.title(), "swap": text.swapcase()}[
        case
    ]
    text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)
    wrap = draw(st.sampled_from(["plain", "mailto", "name", "quoted"]))
    text = {
        "plain": text,
        "mailto": f"mailto:{text}",
        "name": f"Jan Peeters <{text}>",
        "quoted": f'"{text}"',
    }[wrap]
    before = draw(st.sampled_from(["", " ", "\u00a0", "\t"]))
    after = draw(st.sampled_from(["", " ", ";", ",", "\u00a0", " ;"]))
    return before + text + after


@pytest.fixture(scope="module")
def shared() -> Iterator[leadguard.Ledger]:
    lg = leadguard.open(":memory:", user="tester")
    lg.add_basis(
        "prospecting",
        kind="consent",
        purpose="B2B prospecting",
        channels="email",
        retention_months=24,
    )
    lg.add_source("Expo 2026", kind="event", publicly_accessible=False)
    yield lg
    lg.close()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), local=local_parts, domain=domains)
def test_no_spelling_of_a_suppressed_address_gets_through(
    shared: leadguard.Ledger, data: st.DataObject, local: str, domain: str
) -> None:
    address = f"{local}@{domain}"
    shared.suppress(address, channel="email", reason="unsubscribe")
    variants = [data.draw(spelled(address)) for _ in range(3)]
    screened = shared.screen(pd.DataFrame({"email": variants}), "email")
    assert screened["suppressed"].all(), variants


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), first=local_parts, second=local_parts, domain=domains)
def test_a_person_suppressed_on_one_address_is_caught_under_another(
    shared: leadguard.Ledger, data: st.DataObject, first: str, second: str, domain: str
) -> None:
    # The work address is this person's alone (a shared one identifies nobody).
    home = f"{first}@{domain}"
    work = f"{second}.{first}@{domain.split('.')[0]}-work.example"
    home_spelling, work_spelling = data.draw(spelled(home)), data.draw(spelled(work))
    rows = pd.DataFrame(
        {
            "First name": ["Ann", "Ann"],
            "Last name": [first, first],
            "Email": [home, work],
            "Company": ["Acme", "Acme"],
            "Date": [date(2026, 1, 1).isoformat()] * 2,
        }
    )
    # The same two rows may come up again: then the batch imported before is used.
    report = shared.ingest(rows, source="Expo 2026", basis="prospecting")
    shared.dedupe()
    sightings = shared.sightings()
    mine = sightings[sightings["batch_id"] == report.batch_id]
    a, b = (int(x) for x in mine["lead_id"])
    if a != b:
        shared.merge(a, b)
    lead = shared.resolve_lead(a)
    shared.suppress(home_spelling, kind="email", channel="all", reason="objection")
    leads = shared.screen_leads("email").set_index("lead_id")
    assert leads.loc[lead, "suppressed"]
    screened = shared.screen(pd.DataFrame({"email": [work_spelling]}), "email")
    assert screened["suppressed"].all()


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[leadguard.Ledger, Path]]:
    lg = leadguard.open(":memory:", user="tester")
    lg.add_basis(
        "prospecting",
        kind="legitimate_interest",
        purpose="B2B prospecting",
        channels="email",
        retention_months=24,
        lia_text="Purpose test: ok. Necessity test: ok. Balancing test: ok.",
        lia_review_by=date(2099, 1, 1),
    )
    lg.add_source("Expo 2026", kind="event", publicly_accessible=False)
    lg.add_recipient("Mailer", role="processor", country="NL", contract_ref="DPA-1")
    # NL e-mail needs consent by default; this test is about suppression, so the rule is opened.
    lg.set_channel_rule("NL", "email", "allowed", note="the suppression invariant alone")
    yield lg, tmp_path_factory.mktemp("gate")
    lg.close()


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), local=local_parts, domain=domains)
def test_the_export_gate_never_sends_a_suppressed_address(
    gate: tuple[leadguard.Ledger, Path], data: st.DataObject, local: str, domain: str
) -> None:
    ledger, folder = gate
    address, control = f"{local}@{domain}", f"{local}.control@control-{len(local)}.example"
    spelling = data.draw(spelled(address))
    rows = pd.DataFrame(
        {
            "First name": ["Ann", "Bob"],
            "Last name": [f"Suppressed{local}", f"Control{local}"],
            "Email": [address, control],
            "Country": ["NL", "NL"],
        }
    )
    ledger.ingest(rows, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    ledger.suppress(spelling, kind="email", channel="email", reason="unsubscribe")
    out = folder / "out.csv"
    report = ledger.export("Mailer", "email", "prospecting", out=out)
    sent = pd.read_csv(out, dtype=str, keep_default_na=False)
    keys = {leadguard.normalize_email(e).match_key for e in sent["email"]}
    assert leadguard.normalize_email(address).match_key not in keys
    # The gate was open otherwise.
    assert leadguard.normalize_email(control).match_key in keys, report.excluded
