"""Properties: cluster() never raises on odd small frames, and its labels are a partition."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leadguard.dedupe import KINDS, are_nicknames, cluster, cluster_pairs, nickname_groups
from leadguard.dedupe._features import _text_form
from leadguard.normalize._text import match_text

CELLS = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.text(max_size=12),
    st.sampled_from(["jan", "Jan", "JAN", "j.", "peeters", "Peeters", "19710523", "info@x.be"]),
    st.integers(-5, 10**9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.booleans(),
)


@st.composite
def frames(draw: st.DrawFn) -> tuple[pd.DataFrame, dict[str, str]]:
    n_rows = draw(st.integers(0, 12))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    data = {
        f"c{k}": draw(st.lists(CELLS, min_size=n_rows, max_size=n_rows)) for k in range(len(kinds))
    }
    df = pd.DataFrame(data, index=pd.RangeIndex(n_rows), dtype=object)
    spec = {f"c{k}": kind for k, kind in enumerate(kinds)}
    return df, spec


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_cluster_never_raises_and_labels_partition_the_rows(
    case: tuple[pd.DataFrame, dict[str, str]],
) -> None:
    df, spec = case
    labels = cluster(df, spec)
    assert len(labels) == len(df)
    assert labels.index.equals(df.index)
    values = labels.to_numpy()
    if len(values):
        # Dense ids numbered by first row: 0..k-1, each id first seen after the previous one.
        firsts = pd.unique(values)
        assert firsts.tolist() == list(range(len(firsts)))
    assert (cluster(df, spec).to_numpy() == values).all()


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.floats(0, 1)),
                max_size=60,
            ),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=4),
        )
    )
)
def test_cluster_pairs_respects_cannot_links_on_random_graphs(
    case: tuple[int, list[tuple[int, int, float]], list[tuple[int, int]]],
) -> None:
    n, edges, cannot = case
    cannot = [(x, y) for x, y in cannot if x != y]
    pairs = pd.DataFrame(edges, columns=["i", "j", "probability"])
    labels = cluster_pairs(n, pairs, cannot_link=cannot, max_size=5)
    assert len(labels) == n
    for x, y in cannot:
        assert labels[x] != labels[y]
    assert np.bincount(labels).max() <= 5


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_ascii_shortcut_equals_match_text(text: str) -> None:
    assert _text_form(text) == (match_text(text) or None)


def test_nickname_table_knows_the_usual_short_forms() -> None:
    for short, formal in [
        ("bob", "robert"),
        ("bill", "william"),
        ("hans", "johannes"),
        ("jef", "jozef"),
        ("pim", "willem"),
        ("lasse", "lars"),
        ("kasia", "katarzyna"),
        ("fien", "josephine"),
        ("sepp", "josef"),
        ("jan", "johannes"),
        ("sjef", "jozef"),
        ("wim", "willem"),
        ("guus", "gustaaf"),
        ("kees", "cornelis"),
        ("joop", "johannes"),
        ("klaas", "nicolaas"),
        ("jp", "jean pierre"),
        ("bas", "sebastiaan"),
        ("bram", "abraham"),
        ("mieke", "maria"),
        ("lies", "elisabeth"),
        ("liz", "elizabeth"),
        ("kuba", "jakub"),
        ("gosia", "malgorzata"),
        ("basia", "barbara"),
        ("staszek", "stanislaw"),
        ("kalle", "karl"),
        ("janne", "jan"),
    ]:
        assert are_nicknames(short, formal), (short, formal)
    assert not are_nicknames("jan", "john")
    assert not are_nicknames("marc", "thomas")
    assert not are_nicknames("jan", "jan")
    assert nickname_groups("nobody-knows") == ()
