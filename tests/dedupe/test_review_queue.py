"""The review queue: pairs a dedupe run left undecided, decisions that stick, both backends.

The ledgers here hold a realistic population (people at companies with work addresses, some
numbers, cities and titles, from a fixed seed) and, among them, the cases the queue is for: two
sightings with the same name at the same organisation under two different personal addresses.
Probabilities are never asserted beyond the band's documented limits.
"""

import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import psycopg
import pytest

import leadguard
from conftest import invoke_cli, new_pg_ledger
from leadguard.db import queries as q
from leadguard.dedupe import fit, score_pairs
from leadguard.dedupe.leads import LEAD_SPEC
from leadguard.ledger._dedupe import (
    MATCH_THRESHOLD,
    REVIEW_COLUMNS,
    REVIEW_MIN,
    VETO_REVIEW_MIN,
    _unvetoed_probability,
)

FIRST = (
    "Anna Bert Chloe Dirk Eva Frank Greta Hugo Ines Jan Karel Lotte Maarten Nora Olaf Pia "
    "Quinten Rosa Sven Tine Ulrike Victor Wout Xavier Yasmine Zoe Arne Bram Celine Daan"
).split()
LAST = (
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert Dupont "
    "Martin Simon Laurent Leroy Renard Michel Lefebvre Vermeulen Desmet Hermans Lemmens Segers "
    "Aerts Bogaert Cools Verstraete Van Damme Pauwels"
).split()
COMPANIES = [
    ("Acme Logistics NV", "acme-logistics.example"),
    ("Bolt Engineering BV", "bolt-eng.example"),
    ("Cobalt Foods SA", "cobaltfoods.example"),
    ("Delta Robotics GmbH", "delta-robotics.example"),
    ("Echo Paper AB", "echopaper.example"),
    ("Fjord Shipping AS", "fjord.example"),
    ("Gamma Steel Oy", "gammasteel.example"),
    ("Helix Pharma SRL", "helix.example"),
]
CITIES = ["Gent", "Antwerpen", "Brussel", "Leuven", "Brugge", "Hasselt", "Mechelen"]
TITLES = ["Buyer", "Plant manager", "CFO", "Head of logistics", "Engineer", "Sales director"]

# The ambiguous people: same name and organisation, two different personal addresses.
TWINS = [
    ("Wim", "Vanderstraeten", "Acme Logistics NV",
     "wim.vds@gmail.example", "wimpie75@hotmail.example"),
    ("Sofie", "Kerckhove", "Bolt Engineering BV",
     "sofie.k@gmail.example", "skerckhove@yahoo.example"),
    ("Lars", "Lindqvist", "Echo Paper AB",
     "lars.lindqvist@gmail.example", "larsl@outlook.example"),
]  # fmt: skip


def _population(seed: int, n: int) -> pd.DataFrame:
    """``n`` distinct people at companies, as an event registration list writes them."""
    rng = random.Random(seed)
    names = rng.sample([(f, last) for f in FIRST for last in LAST], n)
    rows = []
    for first, last in names:
        company, domain = rng.choice(COMPANIES)
        local = f"{first}.{last}".lower().replace(" ", "")
        rows.append(
            {
                "First Name": first,
                "Last Name": last,
                "Email": f"{local}@{domain}",
                "Company": company,
                "Job Title": rng.choice(TITLES),
                "City": rng.choice(CITIES),
                "Mobile": f"+32 47{rng.randrange(10**7):07d}" if rng.random() < 0.4 else None,
            }
        )
    return pd.DataFrame(rows)


def _twin_rows(which: int) -> pd.DataFrame:
    """The ambiguous people, each with the ``which``-th of their personal addresses."""
    return pd.DataFrame(
        [
            {"First Name": f, "Last Name": last, "Email": emails[which], "Company": company}
            for f, last, company, *emails in TWINS
        ]
    )


def _open(target: str) -> leadguard.Ledger:
    lg = leadguard.open(target, user="analyst")
    lg.add_basis("b", kind="consent", purpose="newsletter", channels="email", retention_months=12)
    lg.add_source("fair", kind="event", publicly_accessible=False)
    lg.add_source("webinar", kind="event", publicly_accessible=False)
    return lg


def _first_list() -> pd.DataFrame:
    return pd.concat([_population(7, 240), _twin_rows(0), _twin_rows(1)], ignore_index=True)


def _lead_of(lg: leadguard.Ledger, email: str) -> int:
    s = lg.sightings()
    return int(s.loc[s["email_key"] == email.lower(), "lead_id"].iloc[0])


def _twin_leads(lg: leadguard.Ledger, k: int) -> tuple[int, int]:
    a, b = (_lead_of(lg, e) for e in TWINS[k][3:5])
    return min(a, b), max(a, b)


def _lead_pairs(queue: pd.DataFrame) -> set[tuple[int, int]]:
    pairs = queue[queue["kind"] == "pair"]
    return set(zip(pairs["lead_id_a"].astype(int), pairs["lead_id_b"].astype(int), strict=True))


@pytest.fixture
def reviewed(ledger_target: str) -> Any:
    lg = _open(ledger_target)
    lg.ingest(_first_list(), source="fair", basis="b")
    report = lg.dedupe()
    yield lg, report
    lg.close()


def test_same_name_and_organisation_with_two_personal_addresses_is_queued(reviewed: Any) -> None:
    lg, report = reviewed
    queue = lg.review_queue()
    assert list(queue.columns) == list(REVIEW_COLUMNS)
    assert report.review_pairs == len(queue) >= len(TWINS)
    for k, (first, last, company, email_a, email_b) in enumerate(TWINS):
        a, b = _twin_leads(lg, k)
        assert a != b, "an ambiguous pair is kept apart"
        row = queue[(queue["lead_id_a"] == a) & (queue["lead_id_b"] == b)]
        assert len(row) == 1, (first, last)
        entry = row.iloc[0]
        assert entry["kind"] == "pair" and pd.isna(entry["entry_id"])
        assert REVIEW_MIN <= entry["probability"] < MATCH_THRESHOLD
        # A rule may cap an undecided pair's probability; the evidence's own is never lower.
        assert entry["evidence_probability"] >= entry["probability"] - 1e-9
        assert {entry["email_a"], entry["email_b"]} == {email_a, email_b}
        assert entry["first_name_a"] == entry["first_name_b"] == first
        assert entry["company_a"] == entry["company_b"] == company
        assert entry["sighting_ids_a"] == [int(entry["sighting_a"])]
        assert entry["sighting_ids_b"] == [int(entry["sighting_b"])]
        evidence = entry["evidence"]
        assert evidence["email_key__level"] == "disagree"
        assert evidence["first_match__level"] == evidence["last_match__level"] == "exact"
        assert evidence["email_key__weight"] < 0 < evidence["last_match__weight"]
    # Closest to the merge threshold first; each lead pair once.
    closeness = (queue["probability"] - MATCH_THRESHOLD).abs().to_numpy()
    assert (np.diff(closeness) >= 0).all()
    assert len(_lead_pairs(queue)) == len(queue)
    assert len(lg.review_queue(limit=2)) == 2
    assert lg.review_queue(limit=2).equals(queue.head(2))
    with pytest.raises(leadguard.InputError, match="limit"):
        lg.review_queue(limit=-1)


def test_every_queued_pair_is_in_the_band_or_vetoed_on_strong_evidence(reviewed: Any) -> None:
    lg, _ = reviewed
    queue = lg.review_queue()
    leads = lg.sightings().set_index("sighting_id")["lead_id"]
    for entry in queue.to_dict(orient="records"):
        assert entry["lead_id_a"] < entry["lead_id_b"]
        assert leads[entry["sighting_a"]] != leads[entry["sighting_b"]]
        vetoed = entry["conflict"] is not None
        assert vetoed or entry["evidence_probability"] == pytest.approx(entry["probability"])
        assert REVIEW_MIN <= entry["probability"] < MATCH_THRESHOLD or (
            vetoed and entry["evidence_probability"] >= VETO_REVIEW_MIN
        )


def test_a_namesake_at_another_company_with_much_in_common_is_queued(ledger_target: str) -> None:
    # Same rare name, title and city at two unrelated companies, no address or number in
    # common: a look-alike the engine keeps apart (a conflict rule may veto it outright), but
    # the evidence is strong enough that a person should look.
    namesakes = pd.DataFrame(
        [
            {"First Name": "Griet", "Last Name": "Vandenbroucke", "Company": "Acme Logistics NV",
             "Email": "griet.vandenbroucke@acme-logistics.example",
             "Job Title": "Head of logistics", "City": "Kortrijk"},
            {"First Name": "Griet", "Last Name": "Vandenbroucke", "Company": "Helix Pharma SRL",
             "Email": None, "Job Title": "Head of logistics", "City": "Kortrijk"},
        ]
    )  # fmt: skip
    lg = _open(ledger_target)
    try:
        lg.ingest(
            pd.concat([_first_list(), namesakes], ignore_index=True), source="fair", basis="b"
        )
        lg.dedupe()
        queue = lg.review_queue()
        s = lg.sightings()
        leads = s.loc[s["last_name"] == "Vandenbroucke", "lead_id"].astype(int).tolist()
        assert len(set(leads)) == 2, "namesakes at two companies stay apart"
        row = queue[(queue["lead_id_a"] == min(leads)) & (queue["lead_id_b"] == max(leads))]
        assert len(row) == 1
        entry = row.iloc[0]
        assert {entry["company_a"], entry["company_b"]} == set(namesakes["Company"])
        if entry["conflict"] is not None:
            assert entry["conflict"] == "company_conflict" and entry["probability"] == 0
            assert entry["evidence_probability"] >= VETO_REVIEW_MIN
            assert entry["evidence"]["company_key__level"] == "disagree"
        else:
            assert entry["probability"] >= REVIEW_MIN
    finally:
        lg.close()


def test_decisions_stick_across_a_later_incremental_run(reviewed: Any) -> None:
    lg, _ = reviewed
    apart = _twin_leads(lg, 0)
    together = _twin_leads(lg, 1)
    lg.never_merge(*apart, note="two people, says the account manager")
    survivor = lg.merge(*together, note="same person, private and old address")
    queue = lg.review_queue()
    assert apart not in _lead_pairs(queue)
    assert survivor in together and together not in _lead_pairs(queue)
    left = _twin_leads(lg, 2)
    assert left in _lead_pairs(queue)  # the undecided one stays

    # A later list: more people, and each twin again under a third personal address.
    later = pd.concat(
        [
            _population(11, 60),
            pd.DataFrame(
                [
                    {"First Name": f, "Last Name": last, "Email": f"{f}.{last}@proton.example",
                     "Company": company}
                    for f, last, company, *_ in TWINS
                ]
            ),
        ],
        ignore_index=True,
    )  # fmt: skip
    lg.ingest(later, source="webinar", basis="b")
    report = lg.dedupe()
    assert report.new_sightings == len(later)
    queue = lg.review_queue()
    assert report.review_pairs == len(queue)
    pairs = _lead_pairs(queue)
    # The never-merged leads stay apart and their pair does not come back ...
    a, b = (lg.resolve_lead(x) for x in apart)
    assert a != b and (min(a, b), max(a, b)) not in pairs
    # ... the merged lead stays one ...
    assert lg.resolve_lead(together[0]) == lg.resolve_lead(together[1])
    assert _twin_leads(lg, 1)[0] == _twin_leads(lg, 1)[1]
    # ... and the run's new pairs are stored: the third address against the earlier sightings
    # (the one it joined, if any, cannot also be the other: they stay apart).
    third = _lead_of(lg, f"{TWINS[0][0]}.{TWINS[0][1]}@proton.example")
    s = lg.sightings()
    third_id = int(s.loc[s["email_key"] == f"{TWINS[0][0]}.{TWINS[0][1]}@proton.example".lower(),
                         "sighting_id"].iloc[0])  # fmt: skip
    added = lg.sql(f"SELECT * FROM review_pairs WHERE run_id = {int(report.run_id or 0)}")
    assert ((added["sighting_a"] == third_id) | (added["sighting_b"] == third_id)).any()
    if third not in (a, b):  # a lead of its own: its pairs with the two are open questions
        assert {(min(third, a), max(third, a)), (min(third, b), max(third, b))} & pairs


MAILCHIMP_HEADER = (
    '"Email Address","First Name","Last Name","Company",MEMBER_RATING,OPTIN_TIME,'
    "UNSUB_TIME,UNSUB_CAMPAIGN_TITLE,UNSUB_REASON,LEID,EUID\n"
)


def test_uncertain_suppression_links_are_queued_until_unlinked(
    reviewed: Any, tmp_path: Path
) -> None:
    lg, _ = reviewed
    # An unsubscribe under an old address, with an initial and the company's short name: it
    # may be either of the two Wim Vanderstraeten leads at Acme.
    unsubscribed = tmp_path / "unsubscribed_members_export_a.csv"
    unsubscribed.write_text(
        MAILCHIMP_HEADER + 'w.vds@old-mail.example,W.,Vanderstraeten,"Acme Logistics",3,'
        '"2024-03-11 09:02:17","2026-02-03 08:41:09","News","No longer wanted",1,2\n',
        encoding="utf-8",
    )
    lg.suppress_import(unsubscribed)
    wims = set(_twin_leads(lg, 0))
    queue = lg.review_queue()
    links = queue[queue["kind"] == "suppression_link"]
    queued = set(links["lead_id_a"].astype(int))
    assert queued and queued <= wims
    assert links["entry_id"].nunique() == 1 and links["lead_id_b"].isna().all()
    for entry in links.to_dict(orient="records"):
        assert REVIEW_MIN <= entry["probability"] < MATCH_THRESHOLD
        assert entry["sighting_ids_a"] and entry["sighting_ids_b"] == []
        assert entry["first_name_a"] == "Wim" and entry["company_a"] == "Acme Logistics NV"
        assert f"lead {entry['lead_id_a']}" in entry["note"]
    closeness = (queue["probability"] - MATCH_THRESHOLD).abs().to_numpy()
    assert (np.diff(closeness) >= 0).all()  # links and pairs in one order

    entry_id, wrong = int(links["entry_id"].iloc[0]), min(queued)
    lg.unlink_suppression(entry_id, wrong, evidence="another Wim: the unsubscribe names Acme Gent")
    lg.ingest(_population(13, 30), source="webinar", basis="b")
    lg.dedupe()
    links = lg.review_queue().query("kind == 'suppression_link'")
    assert set(links["lead_id_a"].astype(int)) == queued - {wrong}


def test_a_split_pair_never_comes_back(ledger_target: str) -> None:
    lg = _open(ledger_target)
    try:
        people = _population(5, 150)
        # One person twice with the same address: one lead, split by hand.
        double = people.iloc[[0]].assign(**{"First Name": people.iloc[0]["First Name"].upper()})
        lg.ingest(pd.concat([people, double], ignore_index=True), source="fair", basis="b")
        lg.dedupe()
        lead = _lead_of(lg, people.iloc[0]["Email"])
        members = lg.explain(lead).sightings["sighting_id"].tolist()
        assert len(members) == 2
        new_lead = lg.split(lead, [members[1]], note="a namesake sharing the address")
        lg.ingest(_population(9, 40), source="webinar", basis="b")
        lg.dedupe()
        assert lg.resolve_lead(lead) != lg.resolve_lead(new_lead)
        pair = (min(lead, new_lead), max(lead, new_lead))
        assert pair not in _lead_pairs(lg.review_queue())
    finally:
        lg.close()


def test_erasure_removes_the_persons_review_pairs(reviewed: Any) -> None:
    lg, _ = reviewed
    a, b = _twin_leads(lg, 0)
    assert (a, b) in _lead_pairs(lg.review_queue())
    erased = {int(s) for s in lg.explain(a).sightings["sighting_id"]}
    lg.erase(lead_id=a)
    queue = lg.review_queue()
    assert a not in set(queue["lead_id_a"]) | set(queue["lead_id_b"])
    stored = lg.sql("SELECT sighting_a, sighting_b FROM review_pairs")
    assert not erased & (set(stored["sighting_a"]) | set(stored["sighting_b"]))


def test_a_rescored_pair_shows_its_latest_score(reviewed: Any) -> None:
    lg, _ = reviewed
    before = lg.sql("SELECT count(*) AS n FROM review_pairs")["n"].iloc[0]
    # A run with nothing new scores nothing: the queue and its rows are unchanged.
    assert lg.dedupe().run_id is None
    assert lg.sql("SELECT count(*) AS n FROM review_pairs")["n"].iloc[0] == before
    stored = lg.sql("SELECT * FROM review_pairs")
    assert (stored["sighting_a"] < stored["sighting_b"]).all()
    assert stored["evidence_json"].str.contains('"email_key__level"').all()


def test_the_unvetoed_probability_is_the_engines_calibration(tmp_path: Path) -> None:
    # The ledger's own dedupe input, scored as dedupe scores it: for every pair no rule vetoed,
    # the probability recomputed from weight and prior is the engine's.
    people = _population(7, 240)
    repeats = pd.concat(
        [
            # The same people again: the name in capitals under the same address, ...
            people.head(6).assign(**{"First Name": people.head(6)["First Name"].str.upper()}),
            # ... and with their mobile number but no address.
            people[people["Mobile"].notna()].head(6).assign(Email=None),
        ]
    )
    with _open(str(tmp_path / "ledger.duckdb")) as lg:
        lg.ingest(pd.concat([_first_list(), repeats], ignore_index=True), source="fair", basis="b")
        records = lg._store.fetch_df(q.SELECT_DEDUPE_RECORDS)
    spec = {c: k for c, k in LEAD_SPEC.items() if c in records.columns}
    model = fit(records, spec)
    pairs = score_pairs(records, spec, model, min_probability=0.01)
    plain = pairs[pairs["conflict"].isna()]
    assert len(plain) >= 6  # at least the repeats under their own address
    again = _unvetoed_probability(plain["weight"].to_numpy(dtype=float), model.prior)
    np.testing.assert_allclose(again, plain["probability"].to_numpy(dtype=float), rtol=1e-9)


def test_an_older_ledger_gets_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import leadguard.db as db

    path = tmp_path / "v6.duckdb"
    shipped = db._migrations()
    with monkeypatch.context() as patch:
        patch.setattr(db, "_migrations", lambda: [m for m in shipped if m[0] <= 6])
        patch.setattr(db, "SCHEMA_VERSION", 6)
        _open(str(path)).close()
    with leadguard.open(path, user="analyst") as lg:
        assert lg.sql("SELECT max(version) AS v FROM schema_migrations")["v"].iloc[0] >= 7
        assert lg.review_queue().empty
        lg.ingest(_first_list(), source="fair", basis="b")
        assert lg.dedupe().review_pairs == len(lg.review_queue()) >= len(TWINS)


def test_pipelines_fill_the_queue_and_analysts_read_it(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = new_pg_ledger(request, monkeypatch)
    _open(url).close()
    for role, login in (("pipeline", "importer"), ("analyst", "alice")):
        code, _, err = invoke_cli(url, "db", "grant", role, login)
        assert code == 0, err
    with leadguard.open(url.replace("leadguard_admin@", "importer@"), user="importer") as lg:
        lg.ingest(_first_list(), source="fair", basis="b")
        assert lg.dedupe().review_pairs >= len(TWINS)
    with leadguard.open(url.replace("leadguard_admin@", "alice@"), user="alice") as lg:
        queue = lg.review_queue()
        assert set(_lead_pairs(queue)) >= {_twin_leads(lg, k) for k in range(len(TWINS))}
    # An analyst reads the queue; what is in it is the pipeline's runs' to say.
    alice = url.replace("leadguard_admin@", "alice@")
    with psycopg.connect(alice) as con, pytest.raises(psycopg.errors.InsufficientPrivilege):
        con.execute("DELETE FROM review_pairs")
