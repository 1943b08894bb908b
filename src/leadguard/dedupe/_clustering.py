"""Clusters from scored pairs without chaining: components, then average-link where needed.

Rule (documented in :func:`leadguard.dedupe.cluster_pairs`): rows are only ever clustered
within a connected component of the pairs at or above ``threshold``, and inside it two groups
merge, best first, only when the *mean* match probability over all row pairs between them is
at least ``linkage``, a pair nobody scored counting as 0. Plain connected components would
merge A and C through B however unlike A and C are; average linkage needs most cross pairs
to agree, so a chain of records each similar only to the next cannot grow into one cluster.
Merges that would exceed ``max_size`` rows or join a cannot-link pair are refused.

Speed: a component in which every cross pair is at or above the threshold would be merged
whole by average linkage in any order (every mean is at least the threshold, and linkage is
not above it), so it is accepted as it is with vectorised numpy; only the other components
run the greedy merge loop.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = ["components", "link"]

Ints = np.ndarray[Any, np.dtype[np.int64]]
Floats = np.ndarray[Any, np.dtype[np.float64]]


def components(n: int, a: Ints, b: Ints) -> Ints:
    """Connected components of the graph with edges (a, b): the smallest row of each, per row."""
    parent = np.arange(n, dtype=np.int64)
    if len(a) == 0:
        return parent
    while True:
        ra = parent[a]
        rb = parent[b]
        differ = ra != rb
        if not differ.any():
            return parent
        lo = np.minimum(ra[differ], rb[differ])
        hi = np.maximum(ra[differ], rb[differ])
        # Hook each root to the smallest root it touches, then compress every path fully.
        np.minimum.at(parent, hi, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _first_occurrence(labels: Ints) -> Ints:
    """Relabel so that cluster ids count up in order of each cluster's first row."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    out: Ints = rank[inverse.reshape(-1)]
    return out


def link(
    n: int,
    a: Ints,
    b: Ints,
    p: Floats,
    *,
    threshold: float,
    linkage: float,
    must_link: Iterable[tuple[int, int]],
    cannot_link: Iterable[tuple[int, int]],
    max_size: int,
) -> Ints:
    """Cluster label per row (0..n-1), numbered in order of first row; see the module rule."""
    must = np.array([tuple(map(int, x)) for x in must_link], dtype=np.int64).reshape(-1, 2)
    cannot = np.array([tuple(map(int, x)) for x in cannot_link], dtype=np.int64).reshape(-1, 2)
    for name, arr in (("must_link", must), ("cannot_link", cannot)):
        if len(arr) and (arr.min() < 0 or arr.max() >= n):
            raise ValueError(f"{name} names a row outside 0..{n - 1}")
    group = components(n, must[:, 0], must[:, 1])  # must-link groups (a row is its own group)
    if len(cannot) and (group[cannot[:, 0]] == group[cannot[:, 1]]).any():
        bad = int(np.flatnonzero(group[cannot[:, 0]] == group[cannot[:, 1]])[0])
        raise ValueError(f"cannot_link pair {bad} joins rows that must_link puts in one cluster")

    # One score per unordered row pair (the highest when a pair is given twice).
    lo = np.minimum(a, b)
    hi = np.maximum(a, b)
    keep = (lo != hi) & (p > 0)
    lo, hi, p = lo[keep], hi[keep], p[keep]
    if len(lo):
        sort = np.lexsort((-p, hi, lo))
        lo, hi, p = lo[sort], hi[sort], p[sort]
        first = np.r_[True, (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])]
        lo, hi, p = lo[first], hi[first], p[first]
    ga = group[lo]
    gb = group[hi]
    cross = ga != gb
    lo, hi, p, ga, gb = lo[cross], hi[cross], p[cross], ga[cross], gb[cross]

    strong = p >= threshold
    comp = components(n, ga[strong], gb[strong])[group]  # component of each row
    rows_in = np.bincount(comp, minlength=n)
    group_rows = np.bincount(group, minlength=n).astype(np.float64)
    roots = np.flatnonzero(group == np.arange(n))
    # Row pairs across groups inside a component; all of them linked means "complete".
    squares = np.bincount(comp[roots], weights=group_rows[roots] ** 2, minlength=n)
    needed = (rows_in.astype(np.float64) ** 2 - squares) / 2
    linked = np.bincount(comp[lo[strong]], minlength=n)
    blocked = np.zeros(n, dtype=bool)
    if len(cannot):
        same = comp[cannot[:, 0]] == comp[cannot[:, 1]]
        blocked[comp[cannot[same, 0]]] = True
    complete = (linked >= needed) & (rows_in <= max_size) & ~blocked
    label = comp.copy()

    # The other components: greedy average-link merging of their groups.
    slow = ~complete[comp]
    if slow.any():
        in_slow = slow[lo] & slow[hi] & (comp[lo] == comp[hi])
        merged = _average_link(
            group,
            ga[in_slow],
            gb[in_slow],
            p[in_slow],
            np.flatnonzero(slow),
            cannot,
            threshold=linkage,
            max_size=max_size,
        )
        label[slow] = merged[group[slow]]
    return _first_occurrence(label)


def _average_link(
    group: Ints,
    ga: Ints,
    gb: Ints,
    p: Floats,
    rows: Ints,
    cannot: Ints,
    *,
    threshold: float,
    max_size: int,
) -> Ints:
    """Greedy average-link merging of must-link groups; returns a cluster id per group id."""
    out = np.arange(len(group), dtype=np.int64)
    size: dict[int, int] = {}
    for g in group[rows].tolist():
        size[g] = size.get(g, 0) + 1
    # Sum of probabilities over the row pairs between two groups.
    sums: dict[int, dict[int, float]] = {g: {} for g in size}
    for x, y, v in zip(ga.tolist(), gb.tolist(), p.tolist(), strict=True):
        sums[x][y] = sums[x].get(y, 0.0) + v
        sums[y][x] = sums[y].get(x, 0.0) + v
    apart: dict[int, set[int]] = {}
    for x, y in cannot.tolist():
        gx, gy = int(group[x]), int(group[y])
        if gx in size and gy in size:
            apart.setdefault(gx, set()).add(gy)
            apart.setdefault(gy, set()).add(gx)
    heap: list[tuple[float, int, int]] = []
    for x, row in sums.items():
        for y, total in row.items():
            if x < y:
                mean = total / (size[x] * size[y])
                if mean >= threshold:
                    heap.append((-mean, x, y))
    heapq.heapify(heap)
    members: dict[int, list[int]] = {g: [g] for g in size}
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in members or y not in members:
            continue
        current = sums[x].get(y)
        if current is None or current / (size[x] * size[y]) != -negative:
            continue  # stale entry: one side has grown since
        if size[x] + size[y] > max_size or y in apart.get(x, ()):
            continue
        # Merge y into x.
        for z, v in sums.pop(y).items():
            if z == x:
                continue
            del sums[z][y]
            sums[x][z] = sums[x].get(z, 0.0) + v
            sums[z][x] = sums[x][z]
        del sums[x][y]
        size[x] += size.pop(y)
        members[x].extend(members.pop(y))
        for z in apart.pop(y, set()):
            apart[z].discard(y)
            apart[z].add(x)
            apart.setdefault(x, set()).add(z)
        for z, total in sums[x].items():
            mean = total / (size[x] * size[z])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(x, z), max(x, z)))
    for root, groups in members.items():
        for g in groups:
            out[g] = root
    return out
