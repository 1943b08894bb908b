"""From clusters of sightings to leads with stable ids: DataFrame work only, no storage.

A lead id never changes meaning. Sightings that already belong to a lead stay together (the
ledger passes them to the engine as must-links); a cluster that holds several existing leads
merges them into the oldest (smallest) id, and the others are recorded as merged into it; a
cluster with no lead yet gets a new id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["LEAD_SPEC", "Assignment", "assign_leads", "chain_links"]

LEAD_SPEC: dict[str, str] = {
    "first_match": "given_name",
    "last_match": "surname",
    "email_key": "email",
    "phone": "phone",
    "mobile": "phone",
    "company_key": "company",
    "org_domain": "domain",
    "name_suffix": "suffix",
    "job_title": "exact",
    "city": "city",
    "country": "exact",
}
"""How the ledger compares sightings: column of the sightings table → comparison kind.

``org_domain`` (the e-mail's domain, role mailboxes included) is no column of its own: it is
evidence for ``company_key`` (one organisation), free-mail providers excepted."""


@dataclass(frozen=True)
class Assignment:
    """The lead of every sighting after a run, the leads to create and the merges to record."""

    lead_ids: np.ndarray[Any, Any]
    """The lead id per sighting (input order); new leads are numbered from ``first_new``."""
    new_leads: int
    merges: list[tuple[int, int]]
    """(merged lead, surviving lead) pairs."""


def assign_leads(current: pd.Series, labels: np.ndarray[Any, Any], first_new: int) -> Assignment:
    """Turn cluster labels into lead ids, keeping existing ids (see the module docstring).

    Args:
        current: each sighting's lead id so far (NA for sightings never assigned).
        labels: the cluster of each sighting (same order).
        first_new: the first id to hand out for clusters without a lead.
    """
    frame = pd.DataFrame({"label": labels, "lead": current.astype("Int64").to_numpy()})
    known = frame.dropna(subset=["lead"])
    survivors = known.groupby("label")["lead"].min()
    merges: list[tuple[int, int]] = []
    for label, leads in known.groupby("label")["lead"]:
        keep = int(survivors[label])
        merges.extend((int(old), keep) for old in sorted(set(leads.tolist())) if int(old) != keep)
    unassigned = np.setdiff1d(np.unique(labels), survivors.index.to_numpy())
    fresh = pd.Series(np.arange(first_new, first_new + len(unassigned)), index=unassigned)
    lead_of_label = pd.concat([survivors.astype("int64"), fresh])
    return Assignment(
        lead_ids=lead_of_label.reindex(labels).to_numpy(dtype=np.int64),
        new_leads=len(unassigned),
        merges=merges,
    )


def chain_links(groups: pd.Series) -> list[tuple[int, int]]:
    """Must-links that keep each group's rows together: every row linked to its group's first.

    ``groups`` maps row position → group key (NA rows are in no group).
    """
    frame = pd.DataFrame({"group": groups.to_numpy(), "row": np.arange(len(groups))}).dropna()
    first = frame.groupby("group")["row"].transform("min")
    linked = frame[frame["row"] != first]
    return list(zip(first[linked.index].astype(int).tolist(), linked["row"].tolist(), strict=True))
