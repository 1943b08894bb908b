"""End to end on the sample data: who must not be exported is not, and the file is safe."""

import json
from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.pipeline import run_manifest

ROOT = Path(__file__).parents[2]
NEVER_BY_EMAIL = {
    "P004",
    "P008",
    "P011",
    "P014",
    "P025",
    "P010",
    "P015",
    "P018",
    "P019",
    "P026",
    "P020",
}
NEVER_BY_PHONE = {"P004", "P008", "P011", "P014", "P025", "P026"}


@pytest.fixture(scope="module")
def sample(module_target: str) -> tuple[leadguard.Ledger, pd.DataFrame]:
    db = module_target
    run_manifest(ROOT / "sample_data" / "manifest.toml", db=db)
    ledger = leadguard.open(db, user="tester")
    ledger.add_recipient("Mailer", role="processor", country="BE", contract_ref="DPA-2026-01")
    ledger.mark_notice_sent(ledger.leads()["lead_id"].tolist(), channel="email")
    truth = pd.read_csv(ROOT / "tests" / "data" / "sample_truth.csv")
    truth["file_name"] = truth["file"].str.split("/").str[-1]
    seen = ledger.sightings().merge(truth, on=["file_name", "row_number"])
    return ledger, seen


def _persons(seen: pd.DataFrame, lead_ids: pd.Series) -> set[str]:
    return set(seen.loc[seen["lead_id"].isin(lead_ids), "person_id"])


def test_email_export_leaves_out_who_said_no(
    sample: tuple[leadguard.Ledger, pd.DataFrame], tmp_path: Path
) -> None:
    ledger, seen = sample
    restricted = int(ledger.leads()["lead_id"].iloc[0])
    ledger.restrict(restricted, reason="accuracy contested")
    for country in ("BE", "DE", "PL", "AT", "LU", "IE", "DK", "NO"):
        ledger.set_channel_rule(country, "email", "allowed")
    out = tmp_path / "mailer.csv"
    report = ledger.export("Mailer", "email", "prospecting", format="hubspot", out=out)
    frame = pd.read_csv(out, dtype=str)
    sent = frame["leadguard_id"].astype(int)
    assert not _persons(seen, sent) & NEVER_BY_EMAIL
    refused = ledger.screen_leads("email")
    refused = refused.loc[refused["reason"] == "refusal", "lead_id"]
    assert len(refused) > 20 and not set(sent) & set(refused)
    assert restricted not in set(sent)
    assert report.excluded["restricted"] == 1
    manifest = json.loads(Path(f"{out}.manifest.json").read_text())
    assert manifest["rows"] == len(frame) == report.exported
    assert sum(report.excluded.values()) + report.exported == report.leads_considered
    ledger.lift_restriction(restricted)


def test_phone_export_keeps_numbers_and_defuses_formulas(
    sample: tuple[leadguard.Ledger, pd.DataFrame], tmp_path: Path
) -> None:
    ledger, seen = sample
    out = tmp_path / "calls.csv"
    report = ledger.export("Mailer", "phone", "prospecting", out=out)
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert report.exported == len(frame) > 20
    assert not _persons(seen, frame["leadguard_id"].astype(int)) & NEVER_BY_PHONE
    numbers = pd.concat([frame["phone"], frame["mobile"]])
    numbers = numbers[numbers != ""]
    assert numbers.str.fullmatch(r"\+[1-9][0-9]{6,14}").all()  # E.164, untouched
    leads = ledger.leads().set_index("lead_id")
    for row in frame.itertuples():
        lead = leads.loc[int(row.leadguard_id)]
        assert row.phone in ("", lead["phone"])
        for column in ("company", "job_title", "first_name", "last_name"):
            cell = getattr(row, column)
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    formulas = leads["company"].dropna().str.startswith(("=", "+", "-", "@"))
    assert formulas.any()  # the sample has them; they went out defused
    defused = frame["company"].str.startswith("'")
    assert defused.sum() == formulas[frame["leadguard_id"].astype(int)].sum()
    assert frame["email"].eq("").all()  # a call list carries no e-mail addresses
