"""Ledger.ingest end to end: provenance, quarantine, minimisation, atomicity, idempotence."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.db import queries

DATA = Path(__file__).parents[1] / "data" / "ledger"
EXPO = DATA / "expo_registrations.csv"
QUESTION = "Ik wil de nieuwsbrief per e-mail ontvangen"


def test_every_row_becomes_a_sighting_with_its_provenance(ledger: leadguard.Ledger) -> None:
    report = ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    assert report.status == "imported"
    assert (report.rows_total, report.rows_ok, report.rows_quarantined) == (5, 4, 1)
    assert report.delimiter == ";"
    assert report.unmapped_columns == ("Dieetwensen",)
    assert report.consent_columns == {QUESTION: "email"}

    s = ledger.sightings().set_index("row_number")
    assert list(s.index) == [1, 2, 3, 4, 5]
    assert set(s["file_name"]) == {"expo_registrations.csv"}
    assert set(s["source"]) == {"Expo 2026"} and set(s["basis"]) == {"prospecting"}
    assert s.loc[1, "email"] == "Jan.Peeters@acme-logistics.example.be"
    assert s.loc[1, "mobile"] == "+32470123456"
    assert s.loc[1, "country"] == "BE"
    assert s.loc[1, "acquired_on"] == pd.Timestamp(2026, 10, 2)
    assert s.loc[2, "email"] == "sophie.dubois@bureau-dubois.example.fr"
    assert s.loc[2, "job_title"] == "Directrice achats"
    assert s.loc[2, "country"] == "FR" and s.loc[2, "mobile"] == "+33612345678"
    assert s.loc[3, "last_name"] == "Müller" and s.loc[3, "country"] == "DE"
    assert s.loc[4, "status"] == "quarantined"
    assert "no usable identifier" in s.loc[4, "reason"]
    assert s.loc[5, "acquired_on"] == pd.Timestamp(2026, 10, 13)
    assert bool(s.loc[5, "email_role"]) is True
    # Formula-like text is ordinary data, stored verbatim.
    assert s.loc[5, "job_title"].startswith("=HYPERLINK(")
    assert s["lead_id"].isna().all()
    assert set(s["status"]) == {"ok", "quarantined"}


def test_the_batch_records_file_hash_size_and_who(ledger: leadguard.Ledger) -> None:
    ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    batch = ledger.batches().iloc[0]
    assert batch["file_name"] == "expo_registrations.csv"
    assert len(batch["sha256"]) == 64
    assert batch["size_bytes"] == EXPO.stat().st_size
    assert batch["imported_by"] == "tester"
    assert (batch["rows_total"], batch["rows_quarantined"]) == (5, 1)


def test_consent_answers_are_kept_verbatim_as_evidence(ledger: leadguard.Ledger) -> None:
    ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    answers = ledger.consent_answers().set_index("row_number")
    assert list(answers.index) == [1, 2, 5]
    assert set(answers["question"]) == {QUESTION}
    assert list(answers["answer"]) == ["Ja", "Nee", "Ja"]
    assert list(answers["consent"]) == [True, False, True]
    assert set(answers["channel"]) == {"email"}


def test_reimporting_the_same_content_changes_nothing(ledger: leadguard.Ledger) -> None:
    first = ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    again = ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    assert again.status == "already_imported"
    assert again.batch_id == first.batch_id
    assert len(ledger.sightings()) == 5
    assert len(ledger.batches()) == 1


def test_unmapped_columns_are_not_stored(
    ledger_bytes: Callable[[], bytes], ledger: leadguard.Ledger
) -> None:
    ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    ledger.close()
    data = ledger_bytes()
    assert b"Peeters" in data  # the mapped values are there ...
    assert b"vegetarisch" not in data and b"glutenvrij" not in data  # ... the diet is not


def test_a_failed_import_changes_nothing(
    ledger: leadguard.Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ledger._store
    original = store.execute

    def fail_on_consents(sql: str, params: object = None) -> None:
        if sql == queries.INSERT_CONSENTS:
            raise RuntimeError("disk full")
        original(sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "execute", fail_on_consents)
    with pytest.raises(RuntimeError):
        ledger.ingest(EXPO, source="Expo 2026", basis="prospecting")
    monkeypatch.undo()
    assert ledger.batches().empty and ledger.sightings().empty
    assert ledger.ingest(EXPO, source="Expo 2026", basis="prospecting").rows_total == 5


def test_legitimate_interest_without_an_lia_is_refused(ledger: leadguard.Ledger) -> None:
    ledger.add_basis(
        "no-lia", kind="legitimate_interest", purpose="x", channels="email", retention_months=6
    )
    with pytest.raises(leadguard.RegisterError, match="LIA"):
        ledger.ingest(EXPO, source="Expo 2026", basis="no-lia")
    assert ledger.sightings().empty


def test_an_lia_without_review_date_imports_with_a_warning(ledger: leadguard.Ledger) -> None:
    ledger.add_basis(
        "open-ended",
        kind="legitimate_interest",
        purpose="x",
        channels="email",
        retention_months=6,
        lia_text="Purpose, necessity and balancing tests passed.",
    )
    report = ledger.ingest(EXPO, source="Expo 2026", basis="open-ended")
    assert report.status == "imported"
    assert any("no review date" in w for w in report.warnings)


def test_a_mapping_override_wins(ledger: leadguard.Ledger) -> None:
    report = ledger.ingest(EXPO, source="Expo 2026", basis="prospecting", mapping={"Gsm": "phone"})
    assert report.mapping["phone"] == "Gsm"
    s = ledger.sightings().set_index("row_number")
    assert s.loc[1, "phone"] == "+32470123456" and pd.isna(s.loc[1, "mobile"])


def test_a_dataframe_imports_and_reimports_as_a_no_op(ledger: leadguard.Ledger) -> None:
    frame = pd.DataFrame(
        {
            "First Name": ["Lars", "Eva"],
            "Last Name": ["Svensson", "Lindqvist"],
            "Email": ["lars.svensson@example.se", None],
            "Company": ["Nordic Example AB", "Nordic Example AB"],
            "Phone": [46701234567, None],
        }
    )
    report = ledger.ingest(frame, source="Expo 2026", basis="prospecting", country="Sverige")
    assert (report.rows_total, report.rows_ok) == (2, 2)
    assert report.file_name is None and report.format == "dataframe"
    s = ledger.sightings().set_index("row_number")
    assert s.loc[1, "phone"] == "+46701234567"
    assert s.loc[2, "country"] == "SE"
    again = ledger.ingest(frame, source="Expo 2026", basis="prospecting", country="SE")
    assert again.status == "already_imported"


def test_acquisition_date_falls_back_to_the_source_then_the_import(
    ledger: leadguard.Ledger,
) -> None:
    ledger.add_source(
        "Team pages",
        kind="company_website",
        publicly_accessible=True,
        default_acquired_on=date(2026, 5, 1),
    )
    frame = pd.DataFrame({"Name": ["Jan Peeters"], "Company": ["Acme NV"]})
    ledger.ingest(frame, source="Team pages", basis="prospecting")
    s = ledger.sightings()
    assert s.loc[0, "acquired_on"] == pd.Timestamp(2026, 5, 1)
    assert s.loc[0, "acquired_on_origin"] == "source"
    assert bool(s.loc[0, "publicly_accessible"]) is True


def test_unknown_country_option_is_a_clear_error(ledger: leadguard.Ledger) -> None:
    with pytest.raises(leadguard.InputError, match="ISO code"):
        ledger.ingest(EXPO, source="Expo 2026", basis="prospecting", country="Atlantis")
