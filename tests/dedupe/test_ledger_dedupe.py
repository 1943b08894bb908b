"""Ledger.dedupe on the sample lists: accuracy against the truth, stable ids, overrides."""

import csv
import itertools
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

import leadguard

ROOT = Path(__file__).parents[2]
MANIFEST = ROOT / "sample_data" / "manifest.toml"
TRUTH = ROOT / "tests" / "data" / "sample_truth.csv"
LOOKALIKES = {"lookalike_same_name_other_company", "father_son", "group_buyer"}


@pytest.fixture(scope="module")
def sample(module_target: str) -> str:
    leadguard.run_manifest(MANIFEST, db=module_target)
    return module_target


def _truth() -> dict[tuple[str, int], tuple[str, set[str]]]:
    with TRUTH.open(encoding="utf-8", newline="") as fh:
        return {
            (Path(r["file"]).name, int(r["row_number"])): (
                r["person_id"],
                set(r["trap"].split("|")),
            )
            for r in csv.DictReader(fh)
            if r["person_id"]
        }


def _pairs(groups: dict[object, list[tuple[str, int]]]) -> set[frozenset[tuple[str, int]]]:
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(members, 2)}


def test_sample_leads_match_the_truth(sample: str) -> None:
    truth = _truth()
    with leadguard.open(sample) as lg:
        s = lg.sightings()
    s = s[s["status"] == "ok"]
    assert s["lead_id"].notna().all()
    predicted: dict[object, list[tuple[str, int]]] = defaultdict(list)
    actual: dict[object, list[tuple[str, int]]] = defaultdict(list)
    for f, r, lead in zip(s["file_name"], s["row_number"], s["lead_id"], strict=True):
        key = (f, int(r))
        if key in truth:
            predicted[lead].append(key)
            actual[truth[key][0]].append(key)
    got, want = _pairs(predicted), _pairs(actual)
    precision = len(got & want) / max(1, len(got))
    recall = len(got & want) / max(1, len(want))
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall
    # Every look-alike stays apart from the other person it looks like.
    lead_of = {k: lead for lead, members in predicted.items() for k in members}
    for key, (person, traps) in truth.items():
        if traps & LOOKALIKES and key in lead_of:
            same_lead = [k for k, lead in lead_of.items() if lead == lead_of[key]]
            assert all(truth[k][0] == person for k in same_lead), (key, traps)


def test_a_second_run_changes_nothing(sample: str) -> None:
    with leadguard.open(sample) as lg:
        before = lg.leads()
        report = lg.dedupe()
        assert report.run_id is None and report.new_sightings == 0
        pd.testing.assert_frame_equal(lg.leads(), before)


def test_every_lead_has_golden_fields_and_sources(sample: str) -> None:
    with leadguard.open(sample) as lg:
        leads = lg.leads()
        s = lg.sightings()
    assert len(leads) == s.loc[s["status"] == "ok", "lead_id"].nunique()
    assert (leads["n_sightings"] >= 1).all()
    assert leads["sources"].notna().all()
    assert leads["n_sightings"].sum() == (s["status"] == "ok").sum()


def _tiny_ledger(path: str) -> leadguard.Ledger:
    lg = leadguard.open(path, user="tester")
    lg.add_basis("b", kind="consent", purpose="newsletter", channels="email", retention_months=12)
    lg.add_source("fair", kind="event", publicly_accessible=False)
    return lg


def test_incremental_runs_keep_lead_ids(ledger_target: str) -> None:
    db = ledger_target
    leadguard.run_manifest(MANIFEST, db=db)
    with leadguard.open(db, user="tester") as lg:
        before = lg.sightings()[["sighting_id", "lead_id"]]
        leads_before = lg.leads()
        someone = leads_before[leads_before["email"].notna()].iloc[0]
        late = pd.DataFrame(
            {
                "First Name": [someone["first_name"].upper(), "Zygmunt"],
                "Last Name": [someone["last_name"], "Zielonka"],
                "Email": [someone["email"].upper(), "zygmunt.zielonka@nowy.example.pl"],
                "Company": [someone["company"], "Nowy Sp. z o.o."],
            }
        )
        lg.add_source("Late list", kind="event", publicly_accessible=False)
        lg.ingest(late, source="Late list", basis="prospecting")
        report = lg.dedupe()
        assert report.new_sightings == 2 and report.leads_created == 1
        after = lg.sightings().set_index("sighting_id")["lead_id"]
        # Every sighting keeps its lead (nothing merged here), and the late copy joins its lead.
        kept = after[before["sighting_id"]].fillna(-1).to_numpy()
        assert (kept == before["lead_id"].fillna(-1).to_numpy()).all()
        new_rows = lg.sightings().query("source == 'Late list'").set_index("row_number")
        assert new_rows.loc[1, "lead_id"] == someone["lead_id"]
        assert new_rows.loc[2, "lead_id"] not in set(leads_before["lead_id"])


def test_merge_split_and_never_merge_are_respected(ledger_target: str) -> None:
    lg = _tiny_ledger(ledger_target)
    frame = pd.DataFrame(
        {
            "First Name": ["Anna", "Anna", "Marc"],
            "Last Name": ["Nowak", "Nowak", "Dubois"],
            "Email": ["anna@one.example.pl", "anna.nowak@two.example.pl", "marc@three.example.fr"],
            "Company": ["One", "Two", "Three"],
        }
    )
    lg.ingest(frame, source="fair", basis="b")
    lg.dedupe()
    s = lg.sightings().set_index("row_number")
    a, b, c = (int(s.loc[r, "lead_id"]) for r in (1, 2, 3))
    assert len({a, b, c}) == 3  # same name at two companies: two people
    survivor = lg.merge(a, b)
    assert survivor == min(a, b)
    assert lg.resolve_lead(max(a, b)) == survivor
    assert len(lg.leads()) == 2
    explained = lg.explain(max(a, b))
    assert explained.lead_id == survivor and len(explained.sightings) == 2
    assert "merged" in str(explained)
    moved = int(s.loc[2, "sighting_id"])
    new_lead = lg.split(survivor, [moved])
    assert new_lead not in (a, b, c)
    assert len(lg.leads()) == 3
    # A later import of the same person must not undo the split.
    lg.ingest(frame.iloc[[1]].assign(**{"First Name": "ANNA"}), source="fair", basis="b")
    lg.dedupe()
    s2 = lg.sightings()
    assert s2.loc[s2["sighting_id"] == moved, "lead_id"].iloc[0] != survivor
    lg.never_merge(survivor, c)
    with pytest.raises(leadguard.InputError):
        lg.split(survivor, [])
    lg.close()
