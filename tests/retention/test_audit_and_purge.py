"""Retention purge and the hash-chained audit trail."""

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import leadguard
from leadguard.cli import cli

ROWS = pd.DataFrame(
    {
        "First name": ["Oskar", "Greet"],
        "Last name": ["Vandenbroucke", "Oldenhove"],
        "Email": ["oskar@keep.example", "greet.oldenhove@old.example"],
        "Company": ["Keep NV", "Old BV"],
        "Date": [(date.today() - timedelta(days=30)).isoformat(), "2019-03-01"],
    }
)


def test_purge_removes_expired_leads_and_their_bytes(
    ledger: leadguard.Ledger, ledger_bytes: Callable[[], bytes]
) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    dry = ledger.purge(dry_run=True)
    assert (dry.leads, dry.dry_run) == (1, True)
    old = int(ledger.expired()["lead_id"].iloc[0])
    assert ledger.delete_by(old) == date(2021, 3, 1)  # 24 months after acquisition
    doc = ledger.access_report(lead_id=old)
    assert doc["retention"]["delete_by"] == "2021-03-01"
    assert len(ledger.leads()) == 2  # a dry run removes nothing
    done = ledger.purge()
    assert done.leads == 1 and done.sightings == 1 and done.file_rewritten
    assert ledger.leads()["last_name"].tolist() == ["Vandenbroucke"]
    # Not put on the suppression list: purging is not an objection.
    assert not ledger.suppression_check("greet.oldenhove@old.example").suppressed
    ledger.close()
    assert b"Oldenhove" not in ledger_bytes()


def test_a_restricted_lead_is_held(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    old = int(ledger.expired()["lead_id"].iloc[0])
    ledger.restrict(old, reason="legal claim")
    report = ledger.purge()
    assert (report.leads, report.held_restricted) == (0, 1)


def test_every_change_is_an_event_without_personal_data(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.suppress("oskar@keep.example", reason="objection")
    ledger.set_setting("controller.name", "Example Group NV")
    ledger.access_report(email="oskar@keep.example")
    ledger.erase(email="greet.oldenhove@old.example")
    ledger.purge()
    log = ledger.audit_log()
    actions = log["action"].tolist()
    for action in (
        "basis_added",
        "source_added",
        "ingest",
        "dedupe",
        "suppress_add",
        "setting",
        "request_opened",
        "request_closed",
        "suppress_lead",
        "purge",
    ):
        assert action in actions, action
    text = log.to_csv()
    for value in ("oskar", "Oldenhove", "greet", "keep.example", "Example Group"):
        assert value not in text
    assert ledger.verify_audit().ok


def _tamper(ledger: leadguard.Ledger, statement: str) -> None:
    ledger._store.execute(statement)


def test_verify_names_an_edited_deleted_or_reordered_event(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.suppress("oskar@keep.example", reason="objection")
    assert ledger.verify_audit().ok
    _tamper(ledger, "UPDATE audit_events SET details = '{\"rows\": 1}' WHERE seq = 3")
    result = ledger.verify_audit()
    assert not result.ok and result.seq == 3 and "edited" in str(result.problem)


def test_verify_names_a_deleted_event(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    _tamper(ledger, "DELETE FROM audit_events WHERE seq = 2")
    result = ledger.verify_audit()
    assert not result.ok and result.seq == 2 and "missing" in str(result.problem)


def test_verify_names_reordered_events(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    _tamper(
        ledger,
        "UPDATE audit_events SET seq = CASE seq WHEN 2 THEN 3 WHEN 3 THEN 2 END "
        "WHERE seq IN (2, 3)",
    )
    result = ledger.verify_audit()
    assert not result.ok and result.seq == 2


def test_verify_notices_the_last_event_removed(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    _tamper(ledger, "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)")
    result = ledger.verify_audit()
    assert not result.ok and "last event" in str(result.problem)


def test_cli_purge_and_audit(ledger: leadguard.Ledger) -> None:
    ledger.ingest(ROWS, source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    path = ledger.path
    ledger.close()
    run = CliRunner()
    result = run.invoke(cli, ["--db", path, "purge", "--dry-run", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["leads"] == 1
    result = run.invoke(cli, ["--db", path, "audit", "verify"])
    assert result.exit_code == 0 and result.stdout.startswith("audit trail intact")
    result = run.invoke(cli, ["--db", path, "audit", "log", "--json"])
    events = json.loads(result.stdout)
    assert [e["action"] for e in events][:2] == ["basis_added", "source_added"]
    assert isinstance(events[0]["details"], dict)
    since = (date.today() + timedelta(days=1)).isoformat()
    result = run.invoke(cli, ["--db", path, "audit", "log", "--since", since])
    assert result.stdout.strip() == "no events"


@pytest.mark.parametrize("action", ["export"])
def test_export_is_audited(ledger: leadguard.Ledger, tmp_path: Path, action: str) -> None:
    # France: e-mail to a professional address on legitimate interest (the country rule lets it
    # through; this test is about the audit event).
    ledger.ingest(ROWS.iloc[[0]].assign(Country="FR"), source="Expo 2026", basis="prospecting")
    ledger.dedupe()
    ledger.add_recipient("Mailer", role="processor", country="NL", contract_ref="DPA")
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    ledger.export("Mailer", "email", "prospecting", out=tmp_path / "x.csv")
    event = ledger.audit_log().iloc[-1]
    assert event["action"] == action and json.loads(event["details"])["rows"] == 1
