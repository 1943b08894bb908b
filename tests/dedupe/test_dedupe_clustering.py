"""cluster_pairs: no chaining, manual overrides, labels; and the engine on a chained data set."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from leadguard.dedupe import cluster, cluster_pairs, fit, score_pairs
from leadguard.dedupe._clustering import components


def _pairs(edges: list[tuple[int, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(edges, columns=["i", "j", "probability"])


def test_a_chain_of_pairs_does_not_become_one_cluster() -> None:
    n = 200
    chain = _pairs([(k, k + 1, 0.99) for k in range(n - 1)])
    labels = cluster_pairs(n, chain)
    assert np.bincount(labels).max() <= 2
    # Connected components, which this replaces, would make it one cluster.
    a = chain["i"].to_numpy()
    b = chain["j"].to_numpy()
    assert len(set(components(n, a, b).tolist())) == 1


def test_a_complete_group_stays_whole() -> None:
    clique = [(x, y, 0.97) for x in range(5) for y in range(x + 1, 5)]
    labels = cluster_pairs(6, _pairs(clique))
    assert labels.tolist() == [0, 0, 0, 0, 0, 1]


def test_one_strong_pair_does_not_join_two_groups() -> None:
    clique = [(x, y, 0.97) for x in range(4) for y in range(x + 1, 4)]
    other = [(x, y, 0.95) for x in range(4, 7) for y in range(x + 1, 7)]
    bridge = [(3, 4, 0.99)]  # one strong pair between two groups that otherwise disagree
    labels = cluster_pairs(7, _pairs(clique + other + bridge))
    assert labels[0] != labels[6]
    assert np.bincount(labels).max() <= 4


def test_average_link_joins_a_record_most_of_a_group_matches() -> None:
    group = [(x, y, 0.99) for x in range(3) for y in range(x + 1, 3)]
    newcomer = [(0, 3, 0.98), (1, 3, 0.95), (2, 3, 0.2)]
    labels = cluster_pairs(4, _pairs(group + newcomer))
    assert len(set(labels)) == 1
    labels = cluster_pairs(4, _pairs(group + newcomer), linkage=0.9)
    assert labels[3] != labels[0]


def test_cannot_link_holds_even_through_other_rows() -> None:
    same = _pairs([(0, 1, 0.99), (1, 2, 0.99), (0, 2, 0.99), (2, 3, 0.99)])
    labels = cluster_pairs(4, same, cannot_link=[(0, 2)])
    assert labels[0] != labels[2]
    assert len(set(labels)) >= 2


def test_must_link_joins_rows_without_any_pair() -> None:
    labels = cluster_pairs(5, _pairs([]), must_link=[(0, 4), (4, 2)])
    assert labels[0] == labels[2] == labels[4]
    assert len({labels[1], labels[3], labels[0]}) == 3


def test_must_link_against_cannot_link_is_an_error() -> None:
    with pytest.raises(ValueError, match="cannot_link"):
        cluster_pairs(3, _pairs([]), must_link=[(0, 1), (1, 2)], cannot_link=[(0, 2)])
    with pytest.raises(ValueError, match="outside"):
        cluster_pairs(3, _pairs([(0, 3, 0.9)]))


def test_max_size_caps_a_complete_group() -> None:
    edges = [(x, y, 0.99) for x in range(10) for y in range(x + 1, 10)]
    labels = cluster_pairs(10, _pairs(edges), max_size=4)
    assert np.bincount(labels).max() <= 4


def test_labels_count_up_from_the_first_row_and_ignore_pair_order() -> None:
    edges = [(5, 1, 0.99), (3, 0, 0.99), (4, 2, 0.99), (0, 3, 0.95)]
    labels = cluster_pairs(6, _pairs(edges))
    assert labels.tolist() == [0, 1, 2, 0, 2, 1]
    shuffled = _pairs(edges[::-1])
    assert cluster_pairs(6, shuffled).tolist() == labels.tolist()


def _chained_people(seed: int = 3) -> pd.DataFrame:
    """Chains of records, each one field away from the previous one and ever further from the
    first, among unrelated people: the shape a fixed threshold plus components percolates."""
    rng = np.random.default_rng(seed)
    syllables = "ka lo mi ne ru sa to vi be da fo gu hi ja po re si tu wa ze".split()

    def word(k: int) -> str:
        return "".join(rng.choice(syllables, k))

    rows = []
    for _ in range(15):
        record = {
            "given": word(2),
            "surname": word(3),
            "dob": f"19{rng.integers(40, 99)}0{rng.integers(1, 9)}1{rng.integers(0, 9)}",
            "street": f"{rng.integers(1, 200)} {word(3)} street",
            "city": word(3),
            "postcode": str(rng.integers(1000, 9999)),
        }
        fields = list(record)
        for step in range(40):
            rows.append(dict(record))
            changed = fields[step % len(fields)]
            record[changed] = {
                "given": word(2),
                "surname": word(3),
                "dob": f"19{rng.integers(40, 99)}0{rng.integers(1, 9)}1{rng.integers(0, 9)}",
                "street": f"{rng.integers(1, 200)} {word(3)} street",
                "city": word(3),
                "postcode": str(rng.integers(1000, 9999)),
            }[changed]
    for _ in range(600):
        rows.append(
            {
                "given": word(2),
                "surname": word(3),
                "dob": f"19{rng.integers(40, 99)}0{rng.integers(1, 9)}1{rng.integers(0, 9)}",
                "street": f"{rng.integers(1, 200)} {word(3)} street",
                "city": word(3),
                "postcode": str(rng.integers(1000, 9999)),
            }
        )
    return pd.DataFrame(rows)


CHAIN_SPEC = {
    "given": "given_name",
    "surname": "surname",
    "dob": "date",
    "street": "street",
    "city": "city",
    "postcode": "postcode",
}


def test_chained_records_percolate_under_components_but_not_here() -> None:
    df = _chained_people()
    pairs = score_pairs(df, CHAIN_SPEC, fit(df, CHAIN_SPEC))
    strong = pairs[pairs["probability"] >= 0.9]
    naive = components(len(df), strong["i"].to_numpy(), strong["j"].to_numpy())
    assert np.bincount(naive).max() >= 35  # a fixed threshold joins most of each chain
    labels = cluster(df, CHAIN_SPEC).to_numpy()
    assert np.bincount(labels).max() <= 8
