"""On the sample data: exactly the people who said no are suppressed, for the right reason."""

from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.pipeline import run_manifest

ROOT = Path(__file__).parents[2]
# Who the sample suppression files name (kept with the generator's ground truth): people who
# appear in the lists as well.
OBJECTION = {"P004", "P008", "P011", "P014", "P025"}  # optout_list.txt
UNSUBSCRIBE = {"P010", "P018", "P019", "P026"}  # Mailchimp unsubscribed
COMPLAINT = {"P015"}  # unsubscribed as "spam and should be reported"
BOUNCE = {"P020"}  # Mailchimp cleaned
DNC = {"P026", "P004"}  # dncm_be.txt


@pytest.fixture(scope="module")
def sample(module_target: str) -> tuple[leadguard.Ledger, pd.Series]:
    db = module_target
    run_manifest(ROOT / "sample_data" / "manifest.toml", db=db)
    ledger = leadguard.open(db)
    truth = pd.read_csv(ROOT / "tests" / "data" / "sample_truth.csv")
    truth["file_name"] = truth["file"].str.split("/").str[-1]
    seen = ledger.sightings().merge(truth, on=["file_name", "row_number"])
    persons = seen.groupby("lead_id")["person_id"].agg(lambda p: set(p))
    return ledger, persons


def _by_reason(ledger: leadguard.Ledger, persons: pd.Series, channel: str) -> dict[str, set[str]]:
    screened = ledger.screen_leads(channel)
    found: dict[str, set[str]] = {}
    for lead, reason in screened.loc[screened["suppressed"], ["lead_id", "reason"]].values:
        found.setdefault(reason, set()).update(persons[lead])
    return found


def _refused(ledger: leadguard.Ledger, persons: pd.Series, channels: set[str]) -> set[str]:
    """People whose latest answer to a marketing question on these channels was "No"."""
    answers = ledger.consent_answers().merge(
        ledger.sightings()[["sighting_id", "lead_id"]], on="sighting_id"
    )
    answers = answers[answers["channel"].isin(channels) & answers["consent"].notna()]
    latest = answers.sort_values("answered_on").groupby("lead_id")["consent"].last()
    return set().union(*(persons[lead] for lead, yes in latest.items() if not yes))


def test_email_suppression_on_the_sample(sample: tuple[leadguard.Ledger, pd.Series]) -> None:
    ledger, persons = sample
    found = _by_reason(ledger, persons, "email")
    assert found["objection"] == OBJECTION
    assert found["unsubscribe"] == UNSUBSCRIBE
    assert found["complaint"] == COMPLAINT
    assert found["bounce"] == BOUNCE
    refused = _refused(ledger, persons, {"email", "all"}) - OBJECTION - UNSUBSCRIBE - COMPLAINT
    assert refused <= found["refusal"]
    assert len(refused) > 20
    # Over-suppress rather than under: someone else who gave the same shared mailbox (info@)
    # that said "No" on a form is suppressed for e-mail too.
    seen = ledger.sightings().merge(
        pd.read_csv(ROOT / "tests" / "data" / "sample_truth.csv").assign(
            file_name=lambda t: t["file"].str.split("/").str[-1]
        ),
        on=["file_name", "row_number"],
    )
    for person in found["refusal"] - refused:
        assert seen.loc[seen["person_id"] == person, "email_role"].all(), person
    assert set(found) == {"objection", "unsubscribe", "complaint", "bounce", "refusal"}


def test_phone_suppression_on_the_sample(sample: tuple[leadguard.Ledger, pd.Series]) -> None:
    ledger, persons = sample
    found = _by_reason(ledger, persons, "phone")
    assert found["objection"] == OBJECTION  # the opt-out list covers every channel
    assert found["dnc"] == DNC - OBJECTION
    assert found["refusal"] == _refused(ledger, persons, {"all", "phone"}) - OBJECTION - DNC
    assert set(found) == {"objection", "dnc", "refusal"}
