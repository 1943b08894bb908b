"""Dedupe: which rows are the same person, from the data alone (no labels, no training set).

:func:`cluster` is the one-call entry point. Its steps, for incremental runs and explanations:
:func:`fit` (the model), :func:`score_pairs` (blocked pairs with per-column evidence),
:func:`complete_pairs` (the pairs a would-be cluster still lacks) and :func:`cluster_pairs`
(average linkage, with must-link and cannot-link overrides). A ``spec`` maps DataFrame columns
to kinds (:data:`KINDS`). See :mod:`leadguard.dedupe.engine` for the model and the rules.
"""

from leadguard.dedupe.engine import (
    DEFAULT_LINKAGE,
    DEFAULT_MAX_SIZE,
    DEFAULT_THRESHOLD,
    FEBRL_SPEC,
    KINDS,
    Model,
    cluster,
    cluster_pairs,
    complete_pairs,
    febrl_adapter,
    fit,
    score_pairs,
)
from leadguard.dedupe.nicknames import are_nicknames, nickname_groups

__all__ = [
    "DEFAULT_LINKAGE",
    "DEFAULT_MAX_SIZE",
    "DEFAULT_THRESHOLD",
    "FEBRL_SPEC",
    "KINDS",
    "Model",
    "are_nicknames",
    "cluster",
    "cluster_pairs",
    "complete_pairs",
    "febrl_adapter",
    "fit",
    "nickname_groups",
    "score_pairs",
]
