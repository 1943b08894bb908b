"""No personal data in log lines: known addresses go through every stage at DEBUG level."""

import logging
from pathlib import Path

import pandas as pd
import pytest

import leadguard

NEEDLES = (
    "wilhelmina.vandeputte",
    "Vandeputte",
    "+32470558899",
    "470 55 88 99",
    "vandeputte-bouw.example",
)


def test_every_stage_logs_without_personal_data(
    ledger: leadguard.Ledger, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    rows = pd.DataFrame(
        {
            "First name": ["Wilhelmina", "Wilhelmina"],
            "Last name": ["Vandeputte", "Vandeputte"],
            "Email": ["wilhelmina.vandeputte@vandeputte-bouw.example", "not an address"],
            "Phone": ["+32 470 55 88 99", "+32 470 55 88 99"],
            "Company": ["Vandeputte Bouw", "Vandeputte Bouw"],
            "Country": ["BE", "BE"],
        }
    )
    ledger.ingest(rows, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.set_channel_rule("BE", "email", "allowed")
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA")
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    ledger.export("Mailer", "email", "prospecting", out=tmp_path / "out.csv")
    ledger.suppress("wilhelmina.vandeputte@vandeputte-bouw.example", reason="unsubscribe")
    ledger.screen(rows, "email")
    ledger.access_report(email="wilhelmina.vandeputte@vandeputte-bouw.example")
    ledger.erase(email="wilhelmina.vandeputte@vandeputte-bouw.example")
    ledger.purge()
    assert caplog.records, "the stages log something"
    text = "\n".join(r.getMessage() for r in caplog.records)
    for needle in NEEDLES:
        assert needle.lower() not in text.lower()
