"""The Ledger's dedupe: sightings to leads with stable ids, overrides, golden records."""

from __future__ import annotations

import dataclasses
import json
import logging
import math
from typing import Any

import numpy as np
import pandas as pd

from leadguard._progress import advance, steps_bar
from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.dedupe import cluster_pairs, complete_pairs, fit, score_pairs
from leadguard.dedupe.leads import LEAD_SPEC, Assignment, assign_leads, chain_links
from leadguard.errors import InputError
from leadguard.ledger._base import LedgerBase
from leadguard.ledger._suppress import _screen_params
from leadguard.reports import DedupeReport, LeadExplanation

log = logging.getLogger("leadguard.ledger")

MATCH_THRESHOLD = 0.9
"""Match probability above which two sightings are taken to be one person (then the engine's
clustering guard decides whether clusters may join)."""

# -- review queue -------------------------------------------------------------------------------
REVIEW_MIN = 0.2
"""Lowest match probability at which a pair that a run left in two leads goes to the review
queue: the uncertain band runs from here up to the merge threshold (MATCH_THRESHOLD).
Probabilities are calibrated on the ledger's own data: in the band between one in five and nine
in ten such pairs are one person, too many to drop and too few to merge unseen; below it four in
five are two people. A pair at or above the threshold that clustering kept apart (its guard
against chaining) is not queued: that is the engine's decision, and mostly a right one."""
VETO_REVIEW_MIN = MATCH_THRESHOLD
"""A pair one of the engine's conflict rules vetoed (``name_conflict``, ``company_conflict``:
probability 0) goes to the queue when its evidence alone would have merged it: the rule, not the
evidence, decided. (A rule that only caps a pair's probability leaves it in the band.)"""
SETTLED_CONFLICTS = ("generation_conflict",)
"""Conflict rules whose veto is no question for a person: Jr. against Sr. written in the name
cells is father and son, however strongly the rest (name, firm, switchboard) agrees."""
REVIEW_SIDE_COLUMNS = (
    "lead_id", "sighting_ids", "first_name", "last_name", "company", "email", "phone", "mobile",
)  # fmt: skip
"""What the queue shows of each side: the lead as ``leads()`` shows it, and its sightings."""
REVIEW_COLUMNS = (
    "kind",
    *(f"{c}_a" for c in REVIEW_SIDE_COLUMNS),
    *(f"{c}_b" for c in REVIEW_SIDE_COLUMNS),
    "entry_id", "probability", "evidence_probability", "conflict", "sighting_a", "sighting_b",
    "evidence", "note",
)  # fmt: skip
"""The columns of :meth:`DedupeMixin.review_queue`, in order."""
_ENTRY_COLUMNS = (
    "kind", "lead_id_a", "lead_id_b", "entry_id", "probability", "evidence_probability",
    "conflict", "sighting_a", "sighting_b", "evidence_json", "note",
)  # fmt: skip


class DedupeMixin(LedgerBase):
    """Assign sightings to leads; explain, merge, split and keep apart by hand."""

    def dedupe(self) -> DedupeReport:
        """Assign every ok sighting to a lead; incremental and with stable lead ids.

        New sightings are compared with everything they could match (blocking), existing leads
        stay whole, manual decisions (merge, split, never-merge) are respected, and a lead that
        absorbs another keeps the older id while the other resolves to it.
        """
        started = utcnow()
        # One run at a time on a shared ledger, and it reads what it writes over in the same
        # transaction: a lead is never built from rows an erasure removed meanwhile.
        with self._store.exclusive("dedupe"), self._store.transaction():
            records = self._store.fetch_df(q.SELECT_DEDUPE_RECORDS)
            row_of = pd.Series(np.arange(len(records)), index=records["sighting_id"].to_numpy())
            new = records["lead_id"].isna().to_numpy()
            if not new.any():
                # Nothing new: a run would change nothing (merges and splits apply at once).
                leads = int(records["lead_id"].nunique())
                return DedupeReport(
                    run_id=None,
                    sightings=len(records),
                    leads=leads,
                    review_pairs=self._review_count(),
                )
            must, cannot = self._constraints(records, row_of)
            bar = steps_bar(5, "dedupe", len(records))
            run_id = self._store.new_id(q.SEQ_DEDUPE_RUN)
            self._store.execute(q.INSERT_DEDUPE_RUN, [run_id, started, self.user])
            spec = {c: k for c, k in LEAD_SPEC.items() if c in records.columns}
            advance(bar, "model")
            model = fit(records, spec)
            advance(bar, "pairs")
            # Pairs too unlikely to matter are dropped early: at a million sightings every
            # candidate with all its evidence columns would not fit comfortably in memory.
            pairs = score_pairs(records, spec, model, new=new, min_probability=0.01)
            # A new sighting compared with only some of a lead's sightings must not count the
            # others as disagreeing: score the missing pairs inside each would-be lead.
            pairs = complete_pairs(
                records, spec, model, pairs, threshold=MATCH_THRESHOLD, must_link=must
            )
            advance(bar, "people")
            labels = cluster_pairs(
                len(records), pairs, threshold=MATCH_THRESHOLD, must_link=must, cannot_link=cannot
            )
            next_row = self._store.fetch_one(q.NEXT_LEAD_ID)
            assert next_row is not None
            assignment = assign_leads(records["lead_id"], labels, int(next_row[0]))
            advance(bar, "storing")
            self._apply_assignment(run_id, records, assignment, pairs, labels, reason="dedupe")
            self._keep_review_pairs(
                run_id, records["sighting_id"].to_numpy(), pairs, labels, model.prior
            )
            advance(bar, "done")
            bar.close()
            sizes = np.bincount(labels) if len(labels) else np.array([0])
            report = DedupeReport(
                run_id=run_id,
                sightings=len(records),
                new_sightings=int(new.sum()),
                pairs_scored=len(pairs),
                leads_created=assignment.new_leads,
                leads_merged=len(assignment.merges),
                leads=int(len(np.unique(assignment.lead_ids))),
                largest_lead=int(sizes.max()),
            )
            self._audit(
                "dedupe",
                run_id=run_id,
                new_sightings=report.new_sightings,
                leads_created=report.leads_created,
                leads_merged=report.leads_merged,
            )
            linked = self._relink_suppressions(run_id, model)
            hit = self._store.fetch_one(q.COUNT_SUPPRESSED_LEADS, _screen_params("all", None))
            report = dataclasses.replace(
                report,
                suppressions_linked=linked,
                leads_suppressed=int(hit[0]) if hit else 0,
                review_pairs=self._review_count(),
            )
            self._store.execute(
                q.FINISH_DEDUPE_RUN,
                [
                    utcnow(),
                    report.sightings,
                    report.new_sightings,
                    report.pairs_scored,
                    report.leads_created,
                    report.leads_merged,
                    report.largest_lead,
                    run_id,
                ],
            )
        log.info(
            "dedupe run %d: %d new sightings, %d leads", run_id, report.new_sightings, report.leads
        )
        return report

    def _constraints(
        self, records: pd.DataFrame, row_of: pd.Series
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Must-links keep every existing lead whole; cannot-links keep apart what a person said
        are different people.

        Merges and splits change the leads at once, so the current leads already hold every
        'together' decision; an 'apart' decision between sightings that a later merge put in one
        lead was superseded by it.
        """
        must = chain_links(records["lead_id"])
        lead = records["lead_id"].to_numpy()
        cannot: list[tuple[int, int]] = []
        for kind, a, b in self._store.fetch_all(q.SELECT_OVERRIDES):
            if kind != "apart" or a not in row_of.index or b not in row_of.index:
                continue  # 'together' is in the leads; a sighting may have been erased since
            i, j = int(row_of[a]), int(row_of[b])
            if not (lead[i] == lead[j]):
                cannot.append((i, j))
        return must, cannot

    def _apply_assignment(
        self,
        run_id: int,
        records: pd.DataFrame,
        assignment: Assignment,
        pairs: pd.DataFrame,
        labels: np.ndarray[Any, Any],
        *,
        reason: str,
        also_touch: frozenset[int] = frozenset(),
    ) -> None:
        """Store a run's outcome: new leads, sightings' leads, merges, evidence, golden records."""
        ids = records["sighting_id"].to_numpy()
        assigned = pd.DataFrame({"sighting_id": ids, "lead_id": assignment.lead_ids})
        known = set(records["lead_id"].dropna().astype(int).tolist())
        fresh = pd.DataFrame({"lead_id": sorted(set(assignment.lead_ids.tolist()) - known)})
        with (
            self._store.registered("incoming_assignments", assigned),
            self._store.registered("incoming_new_leads", fresh),
        ):
            self._golden(records, assignment, also_touch)
            self._store.execute(q.INSERT_NEW_LEADS, {"run_id": run_id})
            self._store.execute(q.UPDATE_GOLDEN, {"run_id": run_id})
            self._store.execute(q.DROP_GOLDEN)
            # A value a person had corrected (Art. 16) stays corrected.
            for statement in q.REAPPLY_RECTIFICATIONS:
                self._store.execute(statement)
            self._store.execute(q.UPDATE_SIGHTING_LEADS)
        if assignment.merges:
            merges = pd.DataFrame(assignment.merges, columns=["from_lead", "into_lead"])
            with self._store.registered("incoming_merges", merges):
                self._store.execute(q.MARK_MERGED, {"run_id": run_id})
                self._store.execute(q.REPOINT_MERGED)
                self._store.execute(
                    q.INSERT_MERGES,
                    {"run_id": run_id, "at": utcnow(), "by": self.user, "reason": reason},
                )
        links = _accepted_links(pairs, labels, ids)
        if len(links):
            with self._store.registered("incoming_links", links):
                self._store.execute(q.INSERT_LINKS, {"run_id": run_id})

    def _golden(
        self, records: pd.DataFrame, assignment: Assignment, also_touch: frozenset[int]
    ) -> None:
        """Compute the golden record of every lead the run changed into the table ``golden``."""
        changed = records["lead_id"].to_numpy(dtype=float) != assignment.lead_ids
        touched = (
            set(assignment.lead_ids[changed].tolist())
            | {m[1] for m in assignment.merges}
            | set(also_touch)
        )
        touched_frame = pd.DataFrame({"lead_id": sorted(int(t) for t in touched)}, dtype="int64")
        with self._store.registered("incoming_touched", touched_frame):
            self._store.execute(q.GOLDEN_INTO_TEMP)

    def leads(self) -> pd.DataFrame:
        """One row per lead: golden fields, number of sightings, sources, first and last seen."""
        return self._store.fetch_df(q.SELECT_LEADS)

    def resolve_lead(self, lead_id: int) -> int:
        """The id a lead goes by now: itself, or the lead it was merged into."""
        row = self._store.fetch_one(q.SELECT_LEAD_STATUS, [int(lead_id)])
        if row is None:
            raise InputError(f"there is no lead {lead_id}; see `leadguard leads` for the ids")
        status, merged_into = row
        return int(merged_into) if status == "merged" and merged_into is not None else int(lead_id)

    def explain(self, lead_id: int) -> LeadExplanation:
        """The lead's sightings and why they were put together (per-field evidence and scores)."""
        current = self.resolve_lead(lead_id)
        sightings = self._store.fetch_df(q.SELECT_LEAD_SIGHTINGS, [current])
        links = self._store.fetch_df(q.SELECT_LEAD_LINKS, [current])
        merges = self._store.fetch_df(q.SELECT_LEAD_MERGES, [current, current])
        values = self._store.fetch_df(q.SELECT_LEAD_VALUES, {"lead": current})
        return LeadExplanation(
            lead_id=current,
            asked_for=int(lead_id),
            sightings=sightings,
            links=links,
            merges=merges,
            values=values,
        )

    def merge(self, lead_a: int, lead_b: int, *, note: str | None = None) -> int:
        """Merge two leads by hand (later runs keep them together); returns the survivor."""
        a, b = self.resolve_lead(lead_a), self.resolve_lead(lead_b)
        if a == b:
            return a
        records = self._lead_records([a, b])
        labels = np.zeros(len(records), dtype=np.int64)
        self._manual(records, labels, note, original=records["lead_id"], together=True)
        return min(a, b)

    def split(self, lead_id: int, sighting_ids: list[int], *, note: str | None = None) -> int:
        """Move sightings out of a lead into a new one (recorded; later runs keep them apart);
        returns the new lead's id."""
        lead = self.resolve_lead(lead_id)
        records = self._lead_records([lead])
        members = records["sighting_id"].tolist()
        moving = sorted({int(s) for s in sighting_ids})
        if not moving or len(moving) == len(members) or any(s not in members for s in moving):
            raise InputError(
                f"lead {lead}: give some, not all, of its own sighting ids to split off "
                f"(see `leadguard explain {lead}`)"
            )
        labels = records["sighting_id"].isin(moving).to_numpy().astype(np.int64)
        # The part that leaves becomes a new lead: it must not keep the old id.
        current = records["lead_id"].where(labels == 0)
        self._manual(
            records.assign(lead_id=current),
            labels,
            note,
            original=records["lead_id"],
            apart=tuple(moving),
        )
        return self._sighting_lead(moving[0])

    def _lead_records(self, lead_ids: list[int]) -> pd.DataFrame:
        frames = [
            pd.DataFrame(
                {
                    "sighting_id": [
                        r[0] for r in self._store.fetch_all(q.SELECT_SIGHTINGS_OF_LEAD, [x])
                    ],
                    "lead_id": x,
                }
            )
            for x in lead_ids
        ]
        return pd.concat(frames, ignore_index=True)

    def _manual(
        self,
        records: pd.DataFrame,
        labels: np.ndarray[Any, Any],
        note: str | None,
        *,
        original: pd.Series,
        together: bool = False,
        apart: tuple[int, ...] = (),
    ) -> None:
        """Apply a person's merge or split now, and record it so later runs respect it."""
        with self._store.transaction():
            run_id = self._store.new_id(q.SEQ_DEDUPE_RUN)
            next_row = self._store.fetch_one(q.NEXT_LEAD_ID)
            assert next_row is not None
            now = utcnow()
            self._store.execute(q.INSERT_DEDUPE_RUN, [run_id, now, self.user])
            assignment = assign_leads(records["lead_id"], labels, int(next_row[0]))
            empty = pd.DataFrame({"i": [], "j": [], "probability": [], "weight": []})
            self._apply_assignment(
                run_id,
                records,
                assignment,
                empty,
                labels,
                reason="manual",
                also_touch=frozenset(int(x) for x in original.dropna()),
            )
            ids = records["sighting_id"].tolist()
            overrides = []
            if together:
                overrides += [("together", ids[0], s) for s in ids[1:]]
            if apart:
                staying = [s for s in ids if s not in apart]
                overrides += [("apart", s, t) for s in apart for t in staying]
                overrides += [("together", apart[0], s) for s in apart[1:]]
            self._record_overrides(overrides, note)
            self._audit(
                "merge" if together else "split",
                run_id=run_id,
                leads=sorted(int(x) for x in original.dropna().unique()),
                sightings=len(records),
            )
            self._store.execute(
                q.FINISH_DEDUPE_RUN,
                [
                    utcnow(),
                    len(records),
                    0,
                    0,
                    assignment.new_leads,
                    len(assignment.merges),
                    0,
                    run_id,
                ],
            )

    def never_merge(self, lead_a: int, lead_b: int, *, note: str | None = None) -> None:
        """Record that two leads are different people: no later run puts them together."""
        a, b = self.resolve_lead(lead_a), self.resolve_lead(lead_b)
        if a == b:
            raise InputError(f"leads {lead_a} and {lead_b} are one lead now; split it first")
        members = self._lead_records([a, b])
        in_a = members["lead_id"] == a
        with self._store.transaction():
            self._record_overrides(
                [
                    ("apart", s, t)
                    for s in members.loc[in_a, "sighting_id"]
                    for t in members.loc[~in_a, "sighting_id"]
                ],
                note,
            )
            self._audit("never_merge", leads=[a, b])

    def _record_overrides(self, overrides: list[tuple[str, int, int]], note: str | None) -> None:
        """Store a person's decisions about pairs of sightings ('together' or 'apart')."""
        if not overrides:
            return
        frame = pd.DataFrame(overrides, columns=["kind", "sighting_a", "sighting_b"])
        with self._store.registered("incoming_overrides", frame):
            self._store.execute(q.INSERT_OVERRIDES, {"at": utcnow(), "by": self.user, "note": note})

    def _sighting_lead(self, sighting_id: int) -> int:
        row = self._store.fetch_one(q.SELECT_SIGHTING_LEAD, [sighting_id])
        assert row is not None and row[0] is not None
        return int(row[0])

    # -- review queue ---------------------------------------------------------------------------

    def review_queue(self, limit: int | None = None) -> pd.DataFrame:
        """What a person should decide, closest to the merge threshold first: lead pairs that
        may be one person, and uncertain links of suppression rows to leads.

        A lead pair is in the queue when its best sighting pair's latest score is in the
        uncertain band (from :data:`REVIEW_MIN` up to :data:`MATCH_THRESHOLD`) or a conflict
        rule vetoed it on strong evidence (:data:`VETO_REVIEW_MIN`), and no decision settled
        it: once the two are one lead (``merge``) or kept apart (``never_merge``, ``split``)
        they never come back; a suppression link leaves with ``unlink_suppression`` (or stays,
        suppressing). One row per entry (:data:`REVIEW_COLUMNS`): ``kind`` (``pair`` |
        ``suppression_link``), both sides' lead id, sighting ids and golden values (a link's
        side b is the suppression row, ``entry_id``, whose name and company stay sealed), the
        probability (the engine's, after its conflict rules: the ordering key, so a vetoed pair
        comes last), the evidence's own (``evidence_probability``) and the rule
        (``conflict``), the lead pair's best sighting pair and its per-field evidence
        (``<field>__level`` / ``<field>__weight``, as :meth:`explain` shows links; a link's own
        evidence is its ``note``). ``limit`` keeps the first entries only.
        """
        if limit is not None and limit < 0:
            raise InputError(f"limit must be 0 or more, not {limit}")
        pairs = self._store.fetch_df(
            q.SELECT_REVIEW_PAIRS,
            {**self._review_limits(), "limit": limit},
        )
        pairs.insert(0, "kind", "pair")
        links = self.suppression_links(uncertain_only=True)
        linked = pd.DataFrame(
            {
                "kind": "suppression_link",
                "lead_id_a": links["lead_id"],
                "entry_id": links["entry_id"],
                "probability": links["probability"],
                "evidence_probability": links["probability"],
                "evidence_json": "{}",
                "note": links["evidence"],
            }
        )
        # A row linked to a lead more than once (again after a merge) is one decision.
        linked = linked.sort_values("probability", ascending=False, kind="stable")
        linked = linked.drop_duplicates(["entry_id", "lead_id_a"])
        parts = [frame for frame in (pairs, linked) if len(frame)]
        entries = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts or [pairs])[0]
        entries = entries.reindex(columns=_ENTRY_COLUMNS)
        closeness = (entries["probability"] - MATCH_THRESHOLD).abs()
        entries = entries.assign(closeness=closeness).sort_values(
            ["closeness", "kind", "lead_id_a", "lead_id_b", "entry_id"], kind="stable"
        )
        if limit is not None:
            entries = entries.head(limit)
        return self._with_sides(entries).reset_index(drop=True)

    def _review_limits(self) -> dict[str, float]:
        return {
            "review_min": REVIEW_MIN,
            "veto_min": VETO_REVIEW_MIN,
            "threshold": MATCH_THRESHOLD,
        }

    def _review_count(self) -> int:
        """Lead pairs in the review queue now."""
        row = self._store.fetch_one(q.COUNT_REVIEW_PAIRS, self._review_limits())
        return int(row[0]) if row else 0

    def _with_sides(self, entries: pd.DataFrame) -> pd.DataFrame:
        """Review entries with both sides' golden values and sightings, in REVIEW_COLUMNS."""
        leads = pd.concat([entries["lead_id_a"], entries["lead_id_b"]]).dropna().astype("int64")
        wanted = pd.DataFrame({"lead_id": leads.drop_duplicates().to_numpy(dtype=np.int64)})
        with self._store.registered("incoming_review_leads", wanted):
            sides = self._store.fetch_df(q.SELECT_REVIEW_SIDES)
        sides["sighting_ids"] = sides["sighting_ids"].map(lambda ids: [int(i) for i in ids])
        sides = sides[list(REVIEW_SIDE_COLUMNS)]
        out = entries.astype({"lead_id_a": "Int64", "lead_id_b": "Int64"})
        for side in ("a", "b"):
            named = sides.rename(columns={c: f"{c}_{side}" for c in REVIEW_SIDE_COLUMNS})
            out = out.merge(named.astype({f"lead_id_{side}": "Int64"}), how="left")
        for side in ("a", "b"):  # a side that is no lead (a suppression entry) has no sightings
            ids = out[f"sighting_ids_{side}"]
            out[f"sighting_ids_{side}"] = ids.map(lambda v: v if isinstance(v, list) else [])
        out["evidence"] = out["evidence_json"].map(lambda text: dict(json.loads(text)))
        for column in ("conflict", "note"):
            out[column] = out[column].astype(object).where(out[column].notna(), None)
        return out[list(REVIEW_COLUMNS)].astype(
            {"entry_id": "Int64", "sighting_a": "Int64", "sighting_b": "Int64"}
        )

    def _keep_review_pairs(
        self,
        run_id: int,
        ids: np.ndarray[Any, Any],
        pairs: pd.DataFrame,
        labels: np.ndarray[Any, Any],
        prior: float,
    ) -> None:
        """Store the run's pairs that ended in two leads and are in the queue's limits, and
        the new score of every pair that was in review before (it replaces the old one).
        ``evidence_probability`` is the evidence's own where a conflict rule set the pair's."""
        if len(pairs) == 0:
            return
        i = pairs["i"].to_numpy(dtype=np.int64)
        j = pairs["j"].to_numpy(dtype=np.int64)
        probability = pairs["probability"].to_numpy(dtype=float)
        conflict = pairs["conflict"]
        vetoed = (conflict.notna() & ~conflict.isin(SETTLED_CONFLICTS)).to_numpy()
        evidence = probability.copy()
        evidence[vetoed] = _unvetoed_probability(
            pairs["weight"].to_numpy(dtype=float)[vetoed], prior
        )
        apart = labels[i] != labels[j]
        in_band = (probability >= REVIEW_MIN) & (probability < MATCH_THRESHOLD)
        queued = apart & (in_band | (vetoed & (evidence >= VETO_REVIEW_MIN)))
        first, second = np.minimum(ids[i], ids[j]), np.maximum(ids[i], ids[j])
        rest = np.flatnonzero(apart & ~queued)
        if len(rest):
            rescored = pd.DataFrame(
                {"position": rest, "sighting_a": first[rest], "sighting_b": second[rest]}
            )
            with self._store.registered("incoming_rescored", rescored):
                before = self._store.fetch_df(q.SELECT_REVIEWED_BEFORE)["position"]
            queued[before.to_numpy(dtype=np.int64)] = True
        keep = np.flatnonzero(queued)
        if not len(keep):
            return
        kept = pairs.iloc[keep]
        rows = pd.DataFrame(
            {
                "sighting_a": first[keep],
                "sighting_b": second[keep],
                "probability": probability[keep],
                "evidence_probability": evidence[keep],
                "weight": kept["weight"].to_numpy(dtype=float),
                "conflict": kept["conflict"].astype(object).where(kept["conflict"].notna(), None),
                "evidence_json": _evidence_json(kept),
            }
        )
        with self._store.registered("incoming_review_pairs", rows):
            self._store.execute(q.INSERT_REVIEW_PAIRS, {"run_id": run_id})


def _accepted_links(
    pairs: pd.DataFrame, labels: np.ndarray[Any, Any], ids: np.ndarray[Any, Any]
) -> pd.DataFrame:
    """The scored pairs that ended up in one lead, with their per-field evidence as JSON
    (one flat object per link: ``<field>__level`` and ``<field>__weight``)."""
    columns = ["sighting_a", "sighting_b", "probability", "weight", "evidence_json"]
    if len(pairs) == 0:
        return pd.DataFrame(columns=columns)
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    kept = pairs[labels[i] == labels[j]]
    if len(kept) == 0:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(
        {
            "sighting_a": ids[kept["i"].to_numpy(dtype=np.int64)],
            "sighting_b": ids[kept["j"].to_numpy(dtype=np.int64)],
            "probability": kept["probability"].to_numpy(dtype=float),
            "weight": kept["weight"].to_numpy(dtype=float),
            "evidence_json": _evidence_json(kept),
        },
        columns=columns,
    )


def _evidence_json(pairs: pd.DataFrame) -> list[str]:
    """Per pair, its per-field evidence as one flat JSON object (``<field>__level`` and
    ``<field>__weight``); pandas' JSON writer is C code: a million links take seconds."""
    evidence_columns = [c for c in pairs.columns if c.endswith(("__level", "__weight"))]
    lines = pairs[evidence_columns].round(2).to_json(orient="records", lines=True)
    return lines.splitlines()


def _unvetoed_probability(
    weight: np.ndarray[Any, np.dtype[np.float64]], prior: float
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """The probability the engine gives a pair's evidence before its conflict rules: the prior
    odds (clamped as the engine clamps them) times the Bayes factor ``2 ** weight``."""
    p = min(max(prior, 1e-15), 0.5)
    logit = weight + math.log2(p / (1 - p))
    out: np.ndarray[Any, np.dtype[np.float64]] = 1.0 / (1.0 + np.exp2(-np.clip(logit, -1000, 1000)))
    return out
