"""The dedupe engine on a labelled lead set, and the contract of fit / score_pairs / cluster."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import leadguard
from leadguard.dedupe import (
    KINDS,
    Model,
    cluster,
    cluster_pairs,
    complete_pairs,
    febrl_adapter,
    fit,
    score_pairs,
)

LEADS = Path(__file__).parents[1] / "data" / "dedupe" / "leads.csv"
SPEC = {
    "first": "given_name",
    "last": "surname",
    "email": "email",
    "phone": "phone",
    "company": "company",
    "title": "exact",
    "city": "city",
    "country": "region",
}
LOOKALIKES = {
    "lookalike_same_name_other_company",
    "father_son",
    "group_buyer",
    "shared_switchboard",
}


def _normalized(raw: pd.DataFrame) -> pd.DataFrame:
    """The lead columns the way ingest stores them: match forms, e-mail keys, E.164 phones."""
    rows = []
    for r in raw.itertuples():
        name = leadguard.normalize_person_name(r.first_name, r.last_name, None)
        country = leadguard.normalize_country(r.country) if r.country else None
        email = leadguard.normalize_email(r.email) if r.email else None
        phone = leadguard.normalize_phone(r.phone, country) if r.phone else None
        company = leadguard.normalize_company(r.company) if r.company else None
        rows.append(
            {
                "first": name.match_first,
                "last": name.match_last,
                # Role mailboxes are no one's: the caller passes them as missing.
                "email": email.match_key
                if email and email.valid and not email.role_account
                else None,
                "phone": phone.e164 if phone and phone.valid else None,
                "company": company.match_key if company else None,
                "title": r.job_title,
                "city": r.city,
                "country": country,
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def leads() -> tuple[pd.DataFrame, pd.DataFrame]:
    raw = pd.read_csv(LEADS, dtype=str, keep_default_na=False).replace("", None)
    return raw, _normalized(raw)


def _pairs(labels: np.ndarray) -> set[tuple[int, int]]:
    return {
        (i, j) for i, j in itertools.combinations(range(len(labels)), 2) if labels[i] == labels[j]
    }


def test_lead_set_precision_recall_and_lookalikes(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    raw, df = leads
    predicted = _pairs(cluster(df, SPEC).to_numpy())
    actual = _pairs(raw["person"].to_numpy())
    precision = len(predicted & actual) / max(1, len(predicted))
    recall = len(predicted & actual) / max(1, len(actual))
    assert precision >= 0.98, precision
    assert recall >= 0.95, recall
    traps = raw["trap"].fillna("").str.split("|")
    for i, j in predicted - actual:
        assert not (set(traps[i]) | set(traps[j])) & LOOKALIKES, (
            raw["person"][i],
            raw["person"][j],
        )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("p01", "p02"),  # Jan Peeters at Acme, Jan Peeters at a brewery
        ("p03", "p04"),  # father and son at one company, one switchboard
        ("p05", "p06"),  # a group buyer and the colleague she registered under her address
        ("p05", "p07"),
        ("p06", "p07"),
        ("p25", "p26"),  # Maria Janssens at two companies
        ("p32", "p33"),  # colleagues behind one switchboard number
        ("p01", "p35"),  # Jan Peeters and Jan Janssens, colleagues at Acme
    ],
)
def test_every_lookalike_pair_stays_apart(
    leads: tuple[pd.DataFrame, pd.DataFrame], first: str, second: str
) -> None:
    raw, df = leads
    labels = cluster(df, SPEC).to_numpy()
    persons = raw["person"].to_numpy()
    assert not set(labels[persons == first]) & set(labels[persons == second])


def test_each_variation_is_recognised(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """Nicknames, accents, a typo, personal e-mail, a swap, phone formats, an initial."""
    raw, df = leads
    labels = cluster(df, SPEC).to_numpy()
    persons = raw["person"].to_numpy()
    # Several of these share a phone between the two spellings of a name: it only counts as
    # evidence (and not as a shared switchboard) if the names are known to be one person's.
    every = ["p08", "p09", "p10", "p11", "p12", "p13", "p14", "p15", "p16", "p17", "p18", "p19"]
    every += ["p20", "p21", "p22", "p23", "p24", "p25", "p27", "p28", "p30", "p31", "p39", "p42"]
    for person in every:
        assert len(set(labels[persons == person])) == 1, person


def test_shared_identifiers_carry_no_weight(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    raw, df = leads
    pairs = score_pairs(df, SPEC, fit(df, SPEC))
    persons = raw["person"].to_numpy()
    rows = np.flatnonzero(df["email"] == "anna.claes@bigcorp.example.com")
    assert set(persons[rows]) == {"p05", "p06", "p07"}
    mailbox = pairs[pairs["i"].isin(rows) & pairs["j"].isin(rows)]
    assert len(mailbox) == len(rows) * (len(rows) - 1) // 2
    assert (mailbox["email__level"] == "shared_identifier").all()
    assert (mailbox["email__weight"] == 0).all()
    # The father and son's switchboard is shared; the son's two records share his own address.
    son = np.flatnonzero(persons == "p04")
    own = pairs[(pairs["i"] == son[0]) & (pairs["j"] == son[1])]
    assert own["phone__level"].tolist() == ["shared_identifier"]
    assert own["email__level"].tolist() == ["exact"]
    assert own["first__level"].tolist() == ["nickname"]


def test_score_pairs_columns_and_ranges(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, df = leads
    model = fit(df, SPEC)
    pairs = score_pairs(df, SPEC, model)
    assert list(pairs.columns[:4]) == ["i", "j", "probability", "weight"]
    for column in SPEC:
        assert f"{column}__level" in pairs and f"{column}__weight" in pairs
    assert (pairs["i"] < pairs["j"]).all()
    assert pairs["probability"].between(0, 1).all()
    evidence = pairs[[f"{c}__weight" for c in SPEC]].sum(axis=1)
    np.testing.assert_allclose(evidence, pairs["weight"], atol=1e-9)
    vetoed = pairs["conflict"].notna()
    assert (pairs.loc[vetoed, "probability"] == 0).all()
    # Blocking: far fewer pairs than all of them.
    assert len(pairs) < len(df) * (len(df) - 1) / 2 / 4


def test_incremental_pairs_touch_a_new_row(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, df = leads
    model = fit(df, SPEC)
    new = np.zeros(len(df), dtype=bool)
    new[-10:] = True
    every = score_pairs(df, SPEC, model)
    some = score_pairs(df, SPEC, model, new=new)
    assert (new[some["i"]] | new[some["j"]]).all()
    expected = every[new[every["i"]] | new[every["j"]]].reset_index(drop=True)
    pd.testing.assert_frame_equal(some.reset_index(drop=True), expected)


def test_incremental_run_with_existing_clusters_as_must_links(
    leads: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    """The ledger's flow: old rows keep their clusters, new rows join them or start new ones."""
    raw, df = leads
    model = fit(df, SPEC)
    persons = raw["person"].to_numpy()
    new = np.zeros(len(df), dtype=bool)
    new[1::3] = True
    old = np.flatnonzero(~new)
    must = [(int(x), int(y)) for x, y in itertools.combinations(old, 2) if persons[x] == persons[y]]
    pairs = score_pairs(df, SPEC, model, new=new)
    pairs = complete_pairs(df, SPEC, model, pairs, must_link=must)
    labels = cluster_pairs(len(df), pairs, must_link=must)
    predicted = _pairs(labels)
    actual = _pairs(persons)
    assert len(predicted & actual) / len(predicted) >= 0.98
    assert len(predicted & actual) / len(actual) >= 0.9


def test_model_round_trips_and_holds_no_names(leads: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, df = leads
    model = fit(df, SPEC)
    again = Model.from_dict(model.to_dict())
    assert again == model
    text = repr(model.to_dict())
    assert "peeters" not in text and "janssens" not in text
    assert 0 < model.prior < 1
    weights = model.weights()
    assert weights["email"]["exact"] > 0 > weights["email"]["disagree"]
    assert weights["first"]["nickname"] > 0 > weights["first"]["disagree"]
    pairs = score_pairs(df, SPEC, again)
    pd.testing.assert_frame_equal(pairs, score_pairs(df, SPEC, model))


def test_rare_agreement_weighs_more_than_common() -> None:
    """Term frequencies: the same surname level is worth more for a rare surname."""
    people = [("jan", "peeters", f"c{k}") for k in range(30)] + [
        ("jan", "vandermeulebroecke", "c100"),
        ("jan", "vandermeulebroecke", "c101"),
    ]
    rows = [{"first": f, "last": s, "city": c} for f, s, c in people]
    df = pd.DataFrame(rows + [{"first": "jan", "last": "peeters", "city": "c0"}])
    spec = {"first": "given_name", "last": "surname", "city": "city"}
    pairs = score_pairs(df, spec, fit(df, spec))
    common = pairs[(pairs["i"] == 0) & (pairs["j"] == 1)]["last__weight"].iloc[0]
    rare = pairs[(pairs["i"] == 30) & (pairs["j"] == 31)]["last__weight"].iloc[0]
    assert rare > common + 2


def test_cluster_returns_ids_in_row_order_on_the_frame_index(
    leads: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, df = leads
    shifted = df.set_index(pd.Index(np.arange(len(df)) * 7 + 3))
    labels = cluster(shifted, SPEC)
    assert labels.index.equals(shifted.index)
    assert labels.dtype == np.int64
    values = labels.to_numpy()
    assert values[0] == 0
    assert (np.diff(np.maximum.accumulate(values)) <= 1).all()  # numbered by first row
    assert (cluster(shifted, SPEC).to_numpy() == values).all()  # deterministic


def test_unknown_kind_and_missing_column_are_refused() -> None:
    df = pd.DataFrame({"a": ["x", "y"]})
    with pytest.raises(leadguard.InputError):
        cluster(df, {"a": "shoe_size"})
    with pytest.raises(leadguard.InputError, match="'b'"):
        cluster(df, {"b": "surname"})
    assert "exact" in KINDS and len(KINDS) == 12


def test_febrl_adapter_links_a_transposed_date_and_a_typo() -> None:
    people = pd.DataFrame(
        {
            "given_name": ["james", "james", "olivia", "olivia", "noah", "emma"],
            "surname": ["waller", "walker", "brown", "brown", "smith", "jones"],
            "date_of_birth": ["19710523", "19710532", "19850101", "19850101", None, "19990909"],
            "address": [
                "12 main street",
                "12 main street",
                "3 hill road",
                "3 hill rd",
                None,
                "1 a st",
            ],
            "suburb": ["kew", "kew", "hawthorn", "hawthorn", "kew", "kew"],
            "postcode": ["3101", "3101", "3122", "3122", "3101", "3101"],
            "state": ["vic"] * 6,
        }
    )
    # Unrelated people around them, so that the frequencies mean something.
    rng = np.random.default_rng(1)
    letters = list("abcdefghijklmnoprstuvw")
    background = pd.DataFrame(
        {
            "given_name": ["".join(rng.choice(letters, 6)) for _ in range(80)],
            "surname": ["".join(rng.choice(letters, 7)) for _ in range(80)],
            "date_of_birth": [
                f"19{rng.integers(10, 99)}0{rng.integers(1, 9)}1{rng.integers(0, 9)}"
                for _ in range(80)
            ],
            "address": [
                f"{rng.integers(1, 99)} {''.join(rng.choice(letters, 6))} street" for _ in range(80)
            ],
            "suburb": ["".join(rng.choice(letters, 5)) for _ in range(80)],
            "postcode": [str(rng.integers(2000, 7000)) for _ in range(80)],
            "state": rng.choice(["vic", "nsw", "qld"], 80).tolist(),
        }
    )
    df = pd.concat([people, background], ignore_index=True)
    df.insert(0, "source", "x")
    df.insert(0, "row_id", range(len(df)))
    labels = febrl_adapter(df).to_numpy()
    assert labels[0] == labels[1] and labels[2] == labels[3]
    assert len(set(labels[[0, 2, 4, 5]])) == 4
    assert len(set(labels)) == len(df) - 2
