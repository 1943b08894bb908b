"""The labelled B2B set (``bench/b2b_data.py``) through the ledger: every class of what real lists
do, measured against its truth, on the small committed copy in ``tests/data/dedupe/b2b/``.

The full set and its per-class table are ``bench/b2b.py``'s; here the same measurement runs on
the small copy, through ``ingest`` + ``dedupe`` + ``suppress_import`` on both backends. The copy
is made by ``python bench/b2b_data.py tests/data/dedupe/b2b --people 150 --seed 16
--unsubscribed 0.06``; the phone numbers come from phonenumbers' metadata and the workbook from
openpyxl, so a new version of either may change its bytes: then regenerate it with that command.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "tests" / "data" / "dedupe" / "b2b"
ARGS = {"people": 150, "seed": 16, "unsubscribed": 0.06}
"""How the committed copy was generated (see the generator's docstring)."""


def _bench(name: str) -> ModuleType:
    """A script of ``bench/`` as a module (the folder is not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


b2b_data = _bench("b2b_data")
b2b = _bench("b2b")


@pytest.fixture(scope="module")
def measured(module_target: str) -> dict[str, Any]:
    result: dict[str, Any] = b2b.measure(FIXTURE, module_target)
    return result


def _summary(result: dict[str, Any]) -> str:
    return "\n".join(b2b.table(result))


def test_the_fixture_has_every_class() -> None:
    truth, people = b2b.read_truth(FIXTURE)
    classes = set(people["class"])
    assert classes == set(b2b.CLASSES)
    # Every class has someone on two rows or more (a pair to find), every look-alike class a
    # group of two people or more (a pair to keep apart).
    rows_per_person = (
        truth[truth["file"] != b2b_data.FILES["unsubscribed"]]
        .groupby("person_id")["row_number"]
        .size()
    )
    for klass in b2b.CLASSES:
        ids = people.loc[people["class"] == klass, "person_id"]
        assert (rows_per_person.reindex(ids).fillna(0) >= 2).any(), klass
        if klass in b2b_data.LOOKALIKE_CLASSES:
            groups = people.loc[people["class"] == klass, "group"].value_counts()
            assert (groups >= 2).any(), klass


def test_every_lookalike_class_stays_apart(
    measured: dict[str, Any], record_property: pytest.RecordProperty
) -> None:
    merged = {
        klass: measured["classes"][klass]["wrongly_merged_pairs"]
        for klass in b2b_data.LOOKALIKE_CLASSES
    }
    for klass, pairs in merged.items():
        record_property(f"{klass}_merged_pairs", pairs)
    assert all(pairs == 0 for pairs in merged.values()), (merged, _summary(measured))


def test_precision_and_recall_meet_the_targets(
    measured: dict[str, Any], record_property: pytest.RecordProperty
) -> None:
    for klass, entry in measured["classes"].items():
        record_property(f"{klass}_recall", entry["recall"])
        record_property(f"{klass}_precision", entry["precision"])
    overall = measured["overall"]
    assert overall["rows"] > 250 and overall["true_pairs"] > 100  # the fixture was read
    assert overall["precision"] >= b2b.TARGETS["precision"], _summary(measured)
    assert overall["recall"] >= b2b.TARGETS["recall"], _summary(measured)


def test_no_unsubscribed_person_stays_exportable(measured: dict[str, Any]) -> None:
    reach = measured["unsubscribe"]
    assert reach["with_a_lead"] == reach["unsubscribed_people"] > 0
    assert reach["address_not_held"] > 0  # some opt-outs arrive under an unknown address
    assert reach["exportable"] == 0, reach


def test_regenerating_the_fixture_gives_the_same_bytes(tmp_path: Path) -> None:
    b2b_data.generate(tmp_path, **ARGS)
    committed = sorted(p.name for p in FIXTURE.iterdir())
    assert committed == sorted(p.name for p in tmp_path.iterdir())
    for name in committed:
        assert (tmp_path / name).read_bytes() == (FIXTURE / name).read_bytes(), name
