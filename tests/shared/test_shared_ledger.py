"""The shared ledger on PostgreSQL: many processes at once, roles, erasure, migration.

Every other ledger test already runs on both backends (conftest's ledger fixtures); these are
the behaviours only a shared server has. Real OS processes, not threads.
"""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import psycopg
import pytest

import leadguard
from conftest import LIA_TEXT, TEST_SECRET, invoke_cli, new_pg_ledger, stored_bytes

ROOT = Path(__file__).parents[2]


@pytest.fixture
def shared(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh shared ledger with a basis and a source; LEADGUARD_SECRET set for children."""
    url = new_pg_ledger(request, monkeypatch)
    with leadguard.open(url, user="setup") as lg:
        lg.add_basis(
            "prospecting", kind="legitimate_interest", purpose="B2B prospecting",
            channels="email,phone", retention_months=24, lia_text=LIA_TEXT,
            lia_assessed_by="Privacy officer", lia_assessed_on=date(2026, 1, 15),
            lia_review_by=date(2099, 1, 15),
        )  # fmt: skip
        lg.add_source("Expo 2026", kind="event", publicly_accessible=False)
    return url


def _people_file(folder: Path, n: int, rows: int) -> Path:
    """A registration list whose people appear in no other file of the test."""
    frame = pd.DataFrame(
        {
            "First Name": [f"Anna{n}x{i}" for i in range(rows)],
            "Last Name": [f"Peeters{n}y{i}" for i in range(rows)],
            "Email": [f"person{n}.{i}@company{i % 50}.example" for i in range(rows)],
            "Company": [f"Company {i % 50}" for i in range(rows)],
            "Country": ["BE"] * rows,
        }
    )
    path = folder / f"list{n}.csv"
    frame.to_csv(path, index=False)
    return path


def _children(script: str, *args_per_child: list[str]) -> list[str]:
    """Start one process per argument list at once; their stdout, after all have finished."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for args in args_per_child
    ]
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        outs.append(out.strip())
    return outs


IMPORT = """
import sys, leadguard
with leadguard.open(sys.argv[1], user=sys.argv[3]) as lg:
    report = lg.ingest(sys.argv[2], source="Expo 2026", basis="prospecting")
print(report.status, report.batch_id)
"""


def test_imports_of_different_files_run_at_once_without_loss(shared: str, tmp_path: Path) -> None:
    files = [_people_file(tmp_path, n, 1500) for n in range(4)]
    outs = _children(IMPORT, *([shared, str(f), f"pipeline{i}"] for i, f in enumerate(files)))
    assert sorted(o.split()[0] for o in outs) == ["imported"] * 4
    with leadguard.open(shared, read_only=True) as lg:
        s = lg.sightings()
        assert len(s) == 4 * 1500 and s["sighting_id"].is_unique
        assert sorted(lg.batches()["file_name"]) == [f"list{n}.csv" for n in range(4)]
        assert (s.groupby("file_name")["row_number"].nunique() == 1500).all()
        assert lg.verify_audit().ok  # one chain, whatever order the processes committed in


def test_concurrent_reimports_of_one_file_store_it_once(shared: str, tmp_path: Path) -> None:
    path = _people_file(tmp_path, 9, 800)
    outs = _children(IMPORT, *([shared, str(path), f"p{i}"] for i in range(3)))
    statuses = sorted(o.split()[0] for o in outs)
    assert statuses == ["already_imported", "already_imported", "imported"]
    assert len({o.split()[1] for o in outs}) == 1  # all name the same batch
    with leadguard.open(shared, read_only=True) as lg:
        assert len(lg.batches()) == 1 and len(lg.sightings()) == 800


DEDUPE = """
import sys, leadguard
with leadguard.open(sys.argv[1], user="dedupe") as lg:
    report = lg.dedupe()
print(report.run_id, report.leads_created)
"""


def test_dedupe_runs_take_turns(shared: str, tmp_path: Path) -> None:
    with leadguard.open(shared) as lg:
        first = _people_file(tmp_path, 1, 600)
        lg.ingest(first, source="Expo 2026", basis="prospecting")
        again = tmp_path / "again.csv"  # the same people in another layout
        pd.read_csv(first).iloc[:, ::-1].to_csv(again, index=False, sep=";")
        lg.ingest(again, source="Expo 2026", basis="prospecting")
    outs = _children(DEDUPE, [shared], [shared])
    created = sorted(int(o.split()[1]) for o in outs)
    assert created == [0, 600]  # one run made the leads, the other found nothing new
    with leadguard.open(shared, read_only=True) as lg:
        leads = lg.leads()
        assert len(leads) == 600 and (leads["n_sightings"] == 2).all()


SUPPRESS = """
import sys, leadguard
with leadguard.open(sys.argv[1], user="officer") as lg:
    lg.suppress(sys.argv[2], reason="objection")
print("done")
"""


def test_a_suppression_from_another_process_stops_the_next_export(
    shared: str, tmp_path: Path
) -> None:
    analyst = leadguard.open(shared, user="analyst")  # open before the suppression exists
    analyst.ingest(_people_file(tmp_path, 2, 20), source="Expo 2026", basis="prospecting")
    analyst.dedupe()
    analyst.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
    analyst.set_channel_rule("BE", "email", "allowed")
    analyst.mark_notice_sent(analyst.leads()["lead_id"].tolist(), channel="email")
    first = analyst.export("Mailer", "email", "prospecting", dry_run=True)
    assert first.exported == 20
    _children(SUPPRESS, [shared, "Person2.7@Company7.example"])
    report = analyst.export("Mailer", "email", "prospecting", out=tmp_path / "mail.csv")
    assert report.exported == 19 and report.excluded.get("suppressed") == 1
    assert "person2.7@company7.example" not in (tmp_path / "mail.csv").read_text().lower()
    analyst.close()


def test_erasure_rewrites_the_relation_files(shared: str, tmp_path: Path, pg_url: str) -> None:
    with leadguard.open(shared) as lg:
        lg.ingest(_people_file(tmp_path, 3, 30), source="Expo 2026", basis="prospecting")
        lg.dedupe()
        outcome = lg.erase(email="person3.12@company12.example")
        assert outcome.sightings_removed == 1 and outcome.file_rewritten
    data = stored_bytes(shared, pg_url)
    assert b"Peeters3y12" not in data and b"person3.12@" not in data
    assert b"Peeters3y13" in data  # the others are still there (the search can find values)


def test_migrate_a_file_ledger_losslessly(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "local.duckdb"
    monkeypatch.setenv("LEADGUARD_SECRET", TEST_SECRET)
    leadguard.run_manifest(ROOT / "sample_data" / "manifest.toml", db=str(source))
    with leadguard.open(source, read_only=True) as lg:
        leads, sup = lg.leads(), lg.suppressions()
        disclosures = lg.disclosures()
        events = lg.audit_log()
    target = new_pg_ledger(request, monkeypatch)
    code, out, err = invoke_cli(target, "migrate", "--from", str(source), "--to", target, "--json")
    # (--db is ignored by migrate; it names both ends itself)
    assert code == 0, err
    doc = json.loads(out)
    assert doc["lossless"] and doc["rows"]["sightings"] > 0
    with leadguard.open(target) as lg:
        assert lg.leads()["lead_id"].tolist() == leads["lead_id"].tolist()
        pd.testing.assert_frame_equal(lg.leads(), leads, check_dtype=False)
        assert len(lg.suppressions()) == len(sup)
        assert len(lg.disclosures()) == len(disclosures) > 0
        assert len(lg.audit_log()) == len(events)
        assert lg.verify_audit().ok
        # New ids continue after the file's: nothing is handed out twice.
        before = set(lg.sources()["source_id"])
        added = lg.add_source("After the move", kind="event", publicly_accessible=False)
        assert added.source_id is not None and added.source_id > max(before)
    code, _, err = invoke_cli(target, "migrate", "--from", str(source), "--to", target)
    assert code == 1 and "already holds a ledger" in err


def test_roles_keep_analysts_to_what_exports_need(shared: str, tmp_path: Path) -> None:
    with leadguard.open(shared) as lg:
        lg.ingest(_people_file(tmp_path, 4, 10), source="Expo 2026", basis="prospecting")
        lg.dedupe()
        lg.suppress("person4.1@company1.example", reason="objection")
        lg.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-1")
        lg.set_channel_rule("BE", "email", "allowed")
        lg.mark_notice_sent(lg.leads()["lead_id"].tolist(), channel="email")
    code, out, err = invoke_cli(shared, "db", "grant", "analyst", "alice")
    assert code == 0, err
    alice = shared.replace("leadguard_admin@", "alice@")
    # What an export needs works ...
    with leadguard.open(alice, user="alice") as lg:
        report = lg.export("Mailer", "email", "prospecting", out=tmp_path / "alice.csv")
        assert report.exported == 9
        # ... lifting a suppression does not.
        with pytest.raises(leadguard.LeadguardError):
            lg.lift_suppression("person4.1@company1.example", evidence="asked on the phone")
    for statement, _what in (
        ("SELECT raw_email FROM sightings", "raw cells"),
        ("SELECT * FROM requests", "requests"),
        ("SELECT answer FROM consent_answers", "form answers"),
        ("DELETE FROM audit_events", "audit events"),
        ("UPDATE suppressions SET lifted_at = now()", "lifting"),
    ):
        with psycopg.connect(alice) as con, pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute(statement)
    with psycopg.connect(alice) as con:  # the columns an export uses stay readable
        assert con.execute("SELECT count(email) FROM sightings").fetchone() == (10,)


def test_a_password_never_reaches_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEADGUARD_SECRET", TEST_SECRET)
    with pytest.raises(leadguard.LedgerError) as caught:
        leadguard.open("postgresql://someone:hunter2secret@127.0.0.1:1/nothing")
    assert "hunter2secret" not in str(caught.value) and "***" in str(caught.value)


def test_a_shared_ledger_needs_the_secret(shared: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEADGUARD_SECRET")
    with pytest.raises(leadguard.ConfigError, match="LEADGUARD_SECRET"):
        leadguard.open(shared)
    monkeypatch.setenv("LEADGUARD_SECRET", "another-secret-of-enough-length-0123456789")
    with pytest.raises(leadguard.ConfigError, match="not this ledger's key"):
        leadguard.open(shared)


def test_pipelines_import_and_officers_erase(shared: str, tmp_path: Path, pg_url: str) -> None:
    for role, login in (("pipeline", "importer"), ("officer", "dpo")):
        code, _, err = invoke_cli(shared, "db", "grant", role, login, "--json")
        assert code == 0, err
    pipeline = shared.replace("leadguard_admin@", "importer@")
    officer = shared.replace("leadguard_admin@", "dpo@")
    with leadguard.open(pipeline, user="importer") as lg:
        lg.ingest(_people_file(tmp_path, 5, 10), source="Expo 2026", basis="prospecting")
        assert lg.dedupe().leads_created == 10
        lg.suppress("person5.2@company2.example", reason="unsubscribe")
        with pytest.raises(leadguard.LedgerError, match="may not do this"):
            lg.erase(email="person5.3@company3.example")  # removing people is the officer's
    with leadguard.open(officer, user="dpo") as lg:
        outcome = lg.erase(email="person5.3@company3.example")
        assert outcome.sightings_removed == 1
        # Only the tables' owner may rewrite their files: the outcome says what to run.
        assert not outcome.file_rewritten
        assert any("leadguard db vacuum" in w for w in outcome.warnings)
        assert lg.lift_suppression("person5.2@company2.example", evidence="re-subscribed")
        assert lg.verify_audit().ok
    code, out, err = invoke_cli(shared, "db", "vacuum", "--json")  # as the owner
    assert code == 0 and json.loads(out) == {"not_rewritten": []}, err
    data = stored_bytes(shared, pg_url)
    assert b"Peeters5y3" not in data and b"Peeters5y4" in data


def test_roles_are_listed_and_checked(shared: str) -> None:
    code, out, _ = invoke_cli(shared, "db", "roles", "--json")
    assert code == 0 and set(json.loads(out)) == {"pipeline", "analyst", "officer"}
    code, _, err = invoke_cli(shared, "db", "grant", "analyst", "Robert'); DROP TABLE leads;--")
    assert code == 1 and "not a plain PostgreSQL role name" in err


def test_a_busy_ledger_is_waited_for_then_refused(
    shared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEADGUARD_LOCK_TIMEOUT", "0.5")
    with leadguard.open(shared) as lg, psycopg.connect(shared, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(hashtextextended('leadguard.write', 0))")
        with pytest.raises(leadguard.LedgerError, match="busy"):
            lg.add_source("Waiting", kind="event", publicly_accessible=False)
        other.execute("SELECT pg_advisory_unlock(hashtextextended('leadguard.write', 0))")
        assert lg.add_source("Waiting", kind="event", publicly_accessible=False).source_id


OPEN = """
import sys, leadguard
with leadguard.open(sys.argv[1], user=sys.argv[2]) as lg:
    print(lg._store.schema_version())
"""


def test_processes_opening_a_new_shared_ledger_at_once_migrate_it_once(
    pg_url: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = f"lg_fresh_{os.getpid()}"
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    request.addfinalizer(lambda: _drop(pg_url, name))
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    monkeypatch.setenv("LEADGUARD_SECRET", TEST_SECRET)
    outs = _children(OPEN, *([url, f"p{i}"] for i in range(3)))
    assert len(set(outs)) == 1  # every process sees the same, current schema
    with psycopg.connect(url) as con:
        versions = con.execute("SELECT count(*), count(DISTINCT version) FROM schema_migrations")
        assert versions.fetchone() == (int(outs[0]), int(outs[0]))  # each migration applied once


def _drop(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
