"""The Ledger's suppression list: add, import, check, lift, screen — keyed hashes only.

An entry is a reason, a channel, a scope and evidence; the identifiers it covers are stored as
HMAC-SHA256 of their match keys (``leadguard.suppress.keys``). Screening is a join in SQL
between those hashes and the hashes ingest writes for every sighting, so a person suppressed on
one address is suppressed under every other address and number their lead holds.

A row of an opt-out file with a name and a company (an unsubscribe under an address the ledger
may not hold) is linked to the leads it matches by the dedupe engine
(``leadguard.suppress.linking``): each link adds a lead-kind entry on the row's channel. The
row's name and company are kept sealed (AES-GCM, a key derived from the ledger's key) to link
it again after later imports and merges, and deleted when its entry is lifted.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.dedupe import Model, fit, score_pairs
from leadguard.dedupe.leads import LEAD_SPEC
from leadguard.errors import ConfigError, InputError
from leadguard.ledger._base import LedgerBase
from leadguard.registers import parse_choice
from leadguard.reports import SuppressionCheck, SuppressionEntry, SuppressionImportReport
from leadguard.suppress import linking
from leadguard.suppress.formats import read_suppression_file
from leadguard.suppress.identifiers import (
    IdentifierKind,
    Reason,
    ScreenChannel,
    identifier,
    identifiers,
    vendor_digest,
)
from leadguard.suppress.keys import KeyRing, load_or_create_key
from leadguard.suppress.linking import best_links, identity_text, link_rows, read_identity

log = logging.getLogger("leadguard.ledger")

GROUP_SCOPE = "group"
"""The default organisation scope: every company and brand of the group."""
_FINGERPRINT = "key_fingerprint"
_ENTRY_COLUMNS = (
    "entry_no", "kind", "channel", "scope", "reason", "address_level", "origin", "import_id",
    "evidence_file", "evidence_row", "request_id", "evidence", "registry", "effective_on",
    "expires_on",
)  # fmt: skip


def _scope(scope: str | None) -> str:
    text = (scope or GROUP_SCOPE).strip()
    return text or GROUP_SCOPE


def _screen_params(channel: str, scope: str | None) -> dict[str, Any]:
    return {
        "channel": parse_choice(ScreenChannel, channel, "channel"),
        "scope": scope.strip() if scope and scope.strip() else None,
        "today": utcnow().date(),
    }


def _entries_frame(rows: dict[str, Any], n: int) -> pd.DataFrame:
    """The "incoming_entries" frame: entry metadata (scalars broadcast) for n entries."""
    data: dict[str, Any] = {"entry_no": np.arange(1, n + 1, dtype=np.int64)}
    for column in _ENTRY_COLUMNS[1:]:
        value = rows.get(column)
        if isinstance(value, pd.Series | np.ndarray | list):
            data[column] = pd.Series(list(value), dtype=object)
        else:
            data[column] = pd.Series([value] * n, dtype=object)
    data["address_level"] = data["address_level"].astype(bool)
    for column in ("key_kind", "key_text", "vendor_hash"):
        if column in rows:
            data[column] = pd.Series(list(rows[column]), dtype=object)
    return pd.DataFrame(data)


class SuppressMixin(LedgerBase):
    """Keep the global opt-out list and screen leads and DataFrames against it."""

    _keys: KeyRing

    # -- the key ------------------------------------------------------------------------------

    def _load_key(self) -> None:
        """Load the ledger's HMAC key (creating it with a new ledger) and check it is this
        ledger's; sightings imported before suppression existed get their hashes once."""
        row = self._store.fetch_one(q.SELECT_SETTING, [_FINGERPRINT])
        recorded = str(row[0]) if row else None
        if recorded is None and self._store.read_only:
            raise ConfigError(
                f"{self.path}: the ledger has no suppression key yet; run leadguard init once"
            )
        ring = load_or_create_key(self.path, may_create=recorded is None)
        if recorded is not None and recorded != ring.fingerprint:
            raise ConfigError(
                f"{self.path}: the key from {ring.origin} is not this ledger's key; use the key "
                "file created with this ledger (or its LEADGUARD_SECRET)"
            )
        self._keys = ring
        self._store.define_keyed_hash(*ring.pads())
        if recorded is None:
            with self._store.transaction():
                self._store.execute(q.INSERT_SETTING, [_FINGERPRINT, ring.fingerprint])
                self._store.execute(q.insert_sighting_keys(q.KEYS_MISSING))

    @property
    def key_origin(self) -> str:
        """Where this ledger's key came from: its key file, LEADGUARD_SECRET, or memory."""
        return self._keys.origin

    # -- adding -------------------------------------------------------------------------------

    def suppress(
        self,
        value: str,
        *,
        kind: str | None = None,
        channel: str = "all",
        reason: str = "objection",
        scope: str | None = None,
        evidence: str | None = None,
        request_id: str | None = None,
        on: date | None = None,
        country: str | None = None,
    ) -> SuppressionEntry:
        """Put one e-mail address, domain, phone number or lead (``kind='lead'``, value = its
        id) on the list. ``country`` reads a phone number written without its country code."""
        if kind is not None and parse_choice(IdentifierKind, kind, "kind") == "lead":
            return self.suppress_lead(
                int(value),
                channel=channel,
                reason=reason,
                scope=scope,
                evidence=evidence,
                request_id=request_id,
                on=on,
            )
        ident = identifier(value, kind, region=country)
        reason = parse_choice(Reason, reason, "reason")
        entry = {
            "kind": ident.kind,
            "channel": parse_choice(ScreenChannel, channel, "channel"),
            "scope": _scope(scope),
            "reason": reason,
            "address_level": reason == Reason.BOUNCE,
            "origin": "request" if request_id else "manual",
            "evidence": evidence,
            "request_id": request_id,
            "effective_on": on or utcnow().date(),
            "key_kind": [ident.kind],
            "key_text": [ident.key_text],
            "vendor_hash": [self._seal(ident.vendor_text)],
        }
        incoming = _entries_frame(entry, 1)
        with self._store.transaction(), self._store.registered("incoming_entries", incoming):
            already = self._store.fetch_all(q.SELECT_ALREADY_SUPPRESSED)
            if already:
                existing = self._existing_entry(ident.kind, ident.key_text, entry)
                return self._entry_report(existing, status="already_suppressed")
            entry_id = self._insert_entries(incoming)[0]
            self._audit(
                "suppress_add",
                entry_id=entry_id,
                kind=ident.kind,
                reason=reason,
                channel=entry["channel"],
                request_id=request_id,
            )
        return self._entry_report(entry_id)

    def suppress_lead(
        self,
        lead_id: int,
        *,
        channel: str = "all",
        reason: str = "objection",
        scope: str | None = None,
        evidence: str | None = None,
        request_id: str | None = None,
        on: date | None = None,
    ) -> SuppressionEntry:
        """Put a person on the list: every e-mail address and number their lead holds.

        Identifiers another lead holds too (a switchboard number, a shared info@ mailbox) are
        left out, with a warning: they would silence colleagues. Suppress those explicitly.
        """
        lead = self._resolve(lead_id)
        found = self._store.fetch_df(q.SELECT_PERSON_IDENTIFIERS, {"lead_id": lead})
        own = found[~found["shared"].astype(bool)]
        shared = len(found) - len(own)
        if own.empty:
            raise ConfigError(
                f"lead {lead} has no e-mail address or number of its own to suppress"
                + (
                    f" ({shared} shared with other leads): suppress those explicitly"
                    if shared
                    else ""
                )
            )
        reason = parse_choice(Reason, reason, "reason")
        entry = {
            "kind": "lead",
            "channel": parse_choice(ScreenChannel, channel, "channel"),
            "scope": _scope(scope),
            "reason": reason,
            "address_level": False,
            "origin": "request" if request_id else "manual",
            "evidence": evidence or f"lead {lead}",
            "request_id": request_id,
            "effective_on": on or utcnow().date(),
        }
        keys = pd.DataFrame(
            {
                "entry_no": np.ones(len(own), dtype=np.int64),
                "key_kind": own["key_kind"].to_numpy(dtype=object),
                "key_text": own["key_text"].to_numpy(dtype=object),
                "vendor_hash": self._vendor_hashes(own).to_numpy(),
            }
        )
        with self._store.transaction():
            entry_id = self._insert_entries(_entries_frame(entry, 1), keys)[0]
            self._audit(
                "suppress_lead",
                entry_id=entry_id,
                lead_id=lead,
                reason=reason,
                channel=entry["channel"],
                keys=len(own),
                request_id=request_id,
            )
        warnings = (
            (
                f"{shared} identifier(s) shared with other leads left out (switchboard, shared "
                "mailbox): suppress them explicitly if they should be",
            )
            if shared
            else ()
        )
        return dataclasses.replace(self._entry_report(entry_id), warnings=warnings)

    def _suppress_address(
        self, key_text: str, shown: str, *, reason: str, request_id: str, evidence: str
    ) -> int:
        """An address-level e-mail entry on one address (its match key): the address is not
        mailed, whoever it is filed under, while the leads holding it are not suppressed as
        people. Returns the entry (an active one on the same address, reason and scope counts)."""
        entry = {
            "kind": "email",
            "channel": "email",
            "scope": GROUP_SCOPE,
            "reason": parse_choice(Reason, reason, "reason"),
            "address_level": True,
            "origin": "request",
            "evidence": evidence,
            "request_id": request_id,
            "effective_on": utcnow().date(),
            "key_kind": ["email"],
            "key_text": [key_text],
            "vendor_hash": [self._seal(shown.lower())],
        }
        incoming = _entries_frame(entry, 1)
        with self._store.transaction(), self._store.registered("incoming_entries", incoming):
            if self._store.fetch_all(q.SELECT_ALREADY_SUPPRESSED):
                return self._existing_entry("email", key_text, entry)
            entry_id = self._insert_entries(incoming)[0]
            self._audit(
                "suppress_add",
                entry_id=entry_id,
                kind="email",
                reason=entry["reason"],
                channel="email",
                address_level=True,
                request_id=request_id,
            )
        return entry_id

    def suppress_import(
        self,
        path: str | os.PathLike[str],
        format: str = "auto",  # noqa: A002 - the CLI's --format
        channel: str | None = None,
        reason: str | None = None,
        *,
        scope: str | None = None,
        screened_on: date | None = None,
        country: str | None = None,
    ) -> SuppressionImportReport:
        """Import an opt-out file: Mailchimp unsubscribed/cleaned, SendGrid, Brevo, a list of
        one address per line, or a do-not-call registry file (Belgium's DNCM).

        Each format brings its reason and channel (flags override). Importing the same file again
        changes nothing; values already on the list are counted, not added twice; a registry
        import replaces the registry's previous screening.
        """
        parsed = read_suppression_file(path, format)
        reason_given = reason is not None
        base_reason = parse_choice(Reason, reason or parsed.defaults.reason, "reason")
        chan = parse_choice(ScreenChannel, channel or parsed.defaults.channel, "channel")
        where = _scope(scope)
        registry = self._registry(parsed.defaults.registry) if parsed.defaults.registry else None
        today = utcnow().date()
        screened = screened_on or parsed.screened_on or (today if registry else None)
        report = SuppressionImportReport(
            file_name=parsed.file_name,
            status="imported",
            import_id=None,
            format=parsed.format,
            channel=chan,
            reason=base_reason,
            scope=where,
            registry=registry["name"] if registry else None,
            screened_on=screened,
            rows_read=parsed.rows_read,
        )
        already = self._store.fetch_one(
            q.SELECT_SUPPRESSION_IMPORT_BY_SHA, [parsed.sha256, parsed.format]
        )
        if already is not None:
            return dataclasses.replace(
                report,
                status="already_imported",
                import_id=int(already[0]),
                warnings=(f"the same file was imported before as import {already[0]}",),
            )
        rows = pd.concat([parsed.entries, parsed.identity], axis=1).reset_index(drop=True)
        region = country or (registry["country"] if registry else None)
        keys, vendor, rejects = identifiers(rows["value"].astype(object), rows["kind"], region)
        bad = rejects.notna().to_numpy()
        reject_frame = pd.DataFrame(
            {
                "row_number": rows["row_number"][bad].astype("int64").to_numpy(),
                "column_name": pd.Series([None] * int(bad.sum()), dtype=object).to_numpy(),
                "reason": rejects[bad].to_numpy(dtype=object),
            }
        )
        if parsed.rejects:
            earlier = pd.DataFrame(parsed.rejects, columns=["row_number", "column_name", "reason"])
            reject_frame = pd.concat([earlier, reject_frame], ignore_index=True)
        good = rows[~bad].assign(key_text=keys[~bad], vendor_text=vendor[~bad])
        duplicate = good.duplicated(subset=["kind", "key_text"], keep="first").to_numpy()
        good = good[~duplicate].reset_index(drop=True)
        per_row = good["reason"] if "reason" in good and not reason_given else None
        reasons = (
            per_row.astype(object).where(per_row.notna(), base_reason)
            if per_row is not None
            else pd.Series([base_reason] * len(good), dtype=object)
        )
        effective = good["on"].astype(object).where(good["on"].notna(), screened or today)
        expires = (
            screened + timedelta(days=int(registry["valid_days"]))
            if registry and screened
            else None
        )
        seal_vendor = registry is None
        channels: Any = chan
        if channel is None and chan == "email":
            # Brevo's SMS blocklist rides in the same export: a number there is about calls
            # and texts, not e-mail.
            channels = np.where(good["kind"].to_numpy(dtype=object) == "phone", "phone", chan)
        incoming = _entries_frame(
            {
                "kind": good["kind"],
                "channel": channels,
                "scope": where,
                "reason": reasons,
                "address_level": (reasons == Reason.BOUNCE).to_numpy(),
                "origin": "import",
                "evidence_file": parsed.file_name,
                "evidence_row": good["row_number"].astype("int64"),
                "registry": registry["name"] if registry else None,
                "effective_on": effective,
                "expires_on": expires,
                "key_kind": good["kind"],
                "key_text": good["key_text"],
                "vendor_hash": [
                    self._seal(v) if seal_vendor else None for v in good["vendor_text"].tolist()
                ],
            },
            len(good),
        )
        with self._store.transaction():
            import_id = self._store.new_id(q.SEQ_SUPPRESSION_IMPORT)
            incoming["import_id"] = import_id
            replaced = 0
            if registry is not None:
                replaced = self._count_registry(registry["name"])
                self._store.execute(q.DELETE_REGISTRY_KEYS, [registry["name"]])
                self._store.execute(q.DELETE_REGISTRY_ENTRIES, [registry["name"]])
            with self._store.registered("incoming_entries", incoming):
                known = {int(r[0]) for r in self._store.fetch_all(q.SELECT_ALREADY_SUPPRESSED)}
            keep = ~incoming["entry_no"].isin(known).to_numpy()
            fresh = incoming[keep].reset_index(drop=True)
            fresh["entry_no"] = np.arange(1, len(fresh) + 1, dtype=np.int64)
            fresh_ids: list[int] = []
            if len(fresh):
                fresh_ids = self._insert_entries(fresh)
            linked, uncertain = 0, 0
            if registry is None and self._keep_identities(
                good[keep].reset_index(drop=True), fresh_ids
            ):
                linked, uncertain = self._link_suppressions(import_id=import_id)
            self._store.execute(
                q.INSERT_SUPPRESSION_IMPORT,
                [
                    import_id,
                    parsed.file_name,
                    parsed.sha256,
                    parsed.format,
                    chan,
                    base_reason,
                    where,
                    registry["name"] if registry else None,
                    screened,
                    parsed.rows_read,
                    len(fresh),
                    len(known),
                    len(reject_frame),
                    utcnow(),
                    self.user,
                ],
            )
            if len(reject_frame):
                with self._store.registered("incoming_rejects", reject_frame):
                    self._store.execute(q.INSERT_SUPPRESSION_REJECTS, {"import_id": import_id})
            self._audit(
                "suppress_import",
                import_id=import_id,
                sha256=parsed.sha256,
                format=parsed.format,
                added=len(fresh),
                rejected=len(reject_frame),
                replaced=replaced,
            )
        log.info("suppression import %d: %d entries added", import_id, len(fresh))
        return dataclasses.replace(
            report,
            import_id=import_id,
            entries_added=len(fresh),
            rows_already=len(known),
            rows_duplicate=int(duplicate.sum()),
            rows_rejected=len(reject_frame),
            reject_reasons={
                str(k): int(v) for k, v in reject_frame["reason"].value_counts().items()
            },
            reasons={str(k): int(v) for k, v in fresh["reason"].value_counts().items()},
            replaced=replaced,
            linked_to_leads=linked,
            linked_uncertain=uncertain,
        )

    # -- links by name and company --------------------------------------------------------------

    def _keep_identities(self, rows: pd.DataFrame, entry_ids: list[int]) -> int:
        """Seal the name and company of the new entries whose rows carry a surname and a
        company (``rows``: the parsed rows, one per id); returns how many were kept."""
        if not entry_ids or "last_name" not in rows:
            return 0
        domains = [
            str(key).rpartition("@")[2] if kind == "email" else None
            for kind, key in zip(rows["kind"], rows["key_text"], strict=True)
        ]
        companies = rows["company"].astype(object).where(rows["company"].notna(), None)
        no_company = (rows["last_name"].notna() & rows["company"].isna()).to_numpy()
        if no_company.any():
            # No company in the file: that of the one lead its address or number names.
            ids = pd.DataFrame({"entry_id": np.asarray(entry_ids, dtype=np.int64)[no_company]})
            with self._store.registered("incoming_link_entries", ids):
                found = self._store.fetch_df(q.SELECT_HOLDER_COMPANIES)
            held = dict(zip(found["entry_id"].astype(int), found["company"], strict=True))
            companies = pd.Series(
                [
                    held.get(int(e)) if gap else c
                    for e, c, gap in zip(entry_ids, companies, no_company, strict=True)
                ],
                dtype=object,
            )
        texts = [
            identity_text(first, last, company, domain)
            for first, last, company, domain in zip(
                rows["first_name"], rows["last_name"], companies, domains, strict=True
            )
        ]
        kept = [
            (e, self._keys.seal_identity(t)) for e, t in zip(entry_ids, texts, strict=True) if t
        ]
        if not kept:
            return 0
        frame = pd.DataFrame(kept, columns=["entry_id", "sealed"])
        with self._store.registered("incoming_identities", frame):
            self._store.execute(q.INSERT_SUPPRESSION_IDENTITIES, {"now": utcnow()})
        return len(kept)

    def _relink_suppressions(self, run_id: int, model: Model | None = None) -> int:
        """After a dedupe run: the entries links made follow their lead (an address or number
        it gained is added), and every kept name and company is linked again (new sightings
        may match it). Returns the new links; a pair linked or unlinked before is left alone.
        ``model`` is the run's own, fitted on the same sightings (not fitted a second time)."""
        kept = self._store.fetch_one(q.COUNT_LINKABLE_IDENTITIES)
        if kept is None or not kept[0]:
            return 0
        self._refresh_link_keys(run_id)
        linked, _ = self._link_suppressions(run_id=run_id, model=model)
        return linked

    def _link_suppressions(
        self, *, import_id: int | None = None, run_id: int | None = None, model: Model | None = None
    ) -> tuple[int, int]:
        """Link the kept names and companies (of one import, or all) to the leads they match;
        returns (links made, of which uncertain). Runs inside the caller's transaction."""
        rows = self._store.fetch_df(q.SELECT_LINKABLE_IDENTITIES, {"import_id": import_id})
        if rows.empty:
            return 0, 0
        opened = [read_identity(self._keys.open_identity(bytes(b))) for b in rows["sealed"]]
        forms = link_rows(pd.DataFrame(opened, columns=list(opened[0])))
        wanted = forms[["last_match", "company_key"]].assign(
            row_no=np.arange(len(forms), dtype=np.int64)
        )
        with self._store.registered("incoming_link_rows", wanted):
            candidates = self._store.fetch_df(q.SELECT_LINK_CANDIDATES, {"run_id": run_id})
        if candidates.empty:
            return 0, 0
        records = self._store.fetch_df(q.SELECT_DEDUPE_RECORDS)
        ids = records["sighting_id"].to_numpy(dtype=np.int64)
        order = np.argsort(ids, kind="stable")
        wanted_ids = candidates["sighting_id"].to_numpy(dtype=np.int64)
        at = np.searchsorted(ids[order], wanted_ids).clip(0, max(len(ids) - 1, 0))
        # A sighting dedupe does not read (a restricted lead's) is no candidate either.
        found = (ids[order][at] == wanted_ids) if len(ids) else np.zeros(len(at), dtype=bool)
        if not found.any():
            return 0, 0
        sighting_pos = order[at[found]]
        row_pos = candidates["row_no"].to_numpy(dtype=np.int64)[found]
        # The ledger keeps no fitted model: it is fitted on the ledger's sightings, as dedupe
        # does, and the rows are scored in the frame of every sighting so that a surname's or a
        # company's frequency is the ledger's, not that of the few candidates.
        spec = {c: k for c, k in LEAD_SPEC.items() if c in records.columns}
        if model is None:
            model = fit(records, spec)
        n = len(records)
        frame = pd.concat(
            [records, forms[[c for c in forms.columns if c in records.columns]]],
            ignore_index=True,
        )
        pairs = score_pairs(
            frame,
            spec,
            model,
            min_probability=linking.UNCERTAIN_FLOOR,
            candidates=(row_pos + n, sighting_pos),
        )
        row_of = np.concatenate([np.full(n, -1), np.arange(len(forms))]).astype(np.int64)
        lead_of = np.concatenate(
            [records["lead_id"].fillna(-1).to_numpy(dtype=np.int64), np.full(len(forms), -1)]
        )
        links = best_links(
            pairs,
            row_of,
            lead_of,
            floor=linking.UNCERTAIN_FLOOR,
            threshold=linking.LINK_THRESHOLD,
        )
        links = links[links["lead_id"] >= 0]
        if links.empty:
            return 0, 0
        links = links.assign(entry_id=rows["entry_id"].to_numpy()[links["row_no"].to_numpy()])
        links = links[~self._decided(links)].reset_index(drop=True)
        if links.empty:
            return 0, 0
        return self._make_links(links, rows, import_id=import_id, run_id=run_id)

    def _decided(self, links: pd.DataFrame) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """Which (entry, lead) links exist already, were undone, or are not needed because the
        row's own address or number reaches that lead."""
        decided = self._store.fetch_df(q.SELECT_LINK_DECISIONS)
        entries = pd.DataFrame({"entry_id": links["entry_id"].unique().astype(np.int64)})
        with self._store.registered("incoming_link_entries", entries):
            held = self._store.fetch_df(q.SELECT_LEADS_HELD_BY_ENTRIES)
        known = pd.concat(
            [
                decided[["entry_id", "lead_id"]],
                decided[["entry_id", "merged_into"]].rename(columns={"merged_into": "lead_id"}),
                held[["entry_id", "lead_id"]],
            ],
            ignore_index=True,
        ).dropna()
        known = known.astype("int64").drop_duplicates().assign(known=True)
        pairs = links[["entry_id", "lead_id"]].astype("int64")
        marked = pairs.merge(known, how="left", on=["entry_id", "lead_id"])["known"]
        return marked.notna().to_numpy(dtype=bool)

    def _make_links(
        self,
        links: pd.DataFrame,
        rows: pd.DataFrame,
        *,
        import_id: int | None,
        run_id: int | None,
    ) -> tuple[int, int]:
        """One lead-kind entry per link, keyed on the lead's own addresses and numbers, on the
        row's channel, reason and scope, with the row's file and row as evidence."""
        row = rows.set_index("entry_id").loc[links["entry_id"].to_numpy()].reset_index()
        evidence = [
            f"linked by name and company to lead {int(lead)}, probability {p:.2f}"
            for lead, p in zip(links["lead_id"], links["probability"], strict=True)
        ]
        entries = _entries_frame(
            {
                "kind": "lead",
                "channel": row["channel"],
                "scope": row["scope"],
                "reason": row["reason"],
                "address_level": False,
                "origin": "link",
                "import_id": row["import_id"].astype(object).where(row["import_id"].notna(), None),
                "evidence_file": row["evidence_file"],
                "evidence_row": row["evidence_row"].astype(object),
                "evidence": evidence,
                "effective_on": row["effective_on"],
            },
            len(links),
        )
        leads = pd.DataFrame({"lead_id": links["lead_id"].unique().astype(np.int64)})
        with self._store.registered("incoming_link_leads", leads):
            own = self._store.fetch_df(q.SELECT_OWN_IDENTIFIERS)
        numbered = pd.DataFrame(
            {"entry_no": entries["entry_no"], "lead_id": links["lead_id"].astype(np.int64)}
        )
        keys = numbered.merge(own, on="lead_id")
        keys = keys.assign(vendor_hash=self._vendor_hashes(keys))
        base_row = self._store.fetch_one(q.NEXT_SUPPRESSION_ID)
        assert base_row is not None
        base = int(base_row[0])
        with self._store.registered("incoming_entries", entries):
            self._store.execute(
                q.INSERT_SUPPRESSIONS, {"base": base, "now": utcnow(), "user": self.user}
            )
        if len(keys):
            frame = keys[["entry_no", "key_kind", "key_text", "vendor_hash"]]
            with self._store.registered("incoming_keys", frame):
                self._store.execute(q.INSERT_PERSON_KEYS, {"base": base})
        made = pd.DataFrame(
            {
                "entry_id": links["entry_id"].astype(np.int64),
                "lead_id": links["lead_id"].astype(np.int64),
                "link_entry_id": base + entries["entry_no"].astype(np.int64),
                "probability": links["probability"].astype(float),
                "uncertain": links["uncertain"].astype(bool),
            }
        )
        with self._store.registered("incoming_links_made", made):
            self._store.execute(
                q.INSERT_SUPPRESSION_LINKS,
                {"import_id": import_id, "run_id": run_id, "now": utcnow(), "user": self.user},
            )
        uncertain = int(made["uncertain"].sum())
        self._audit(
            "suppress_link",
            links=len(made),
            uncertain=uncertain,
            entries=sorted(int(e) for e in made["link_entry_id"]),
            import_id=import_id,
            run_id=run_id,
        )
        log.info("suppression links: %d made (%d uncertain)", len(made), uncertain)
        return len(made), uncertain

    def _vendor_hashes(self, keys: pd.DataFrame) -> pd.Series:
        """The sealed vendor hash of each key (``key_kind``, ``shown``): the lower-case address,
        or the number's digits with its country code."""
        sealed = [
            self._seal(str(s).lower() if k == "email" else str(s).lstrip("+"))
            for k, s in zip(keys["key_kind"], keys["shown"], strict=True)
        ]
        return pd.Series(sealed, index=keys.index, dtype=object)

    def _refresh_link_keys(self, run_id: int) -> None:
        """Add to each active entry a link made, whose lead (or the lead it was merged into) the
        run changed, the addresses and numbers that lead holds now and no other lead holds."""
        targets = self._store.fetch_df(q.SELECT_ACTIVE_LINK_ENTRIES, {"run_id": run_id})
        if targets.empty:
            return
        leads = pd.DataFrame({"lead_id": targets["lead_id"].dropna().unique().astype(np.int64)})
        with self._store.registered("incoming_link_leads", leads):
            own = self._store.fetch_df(q.SELECT_OWN_IDENTIFIERS)
        wanted = targets.merge(own, on="lead_id").rename(columns={"entry_id": "entry_no"})
        if wanted.empty:
            return
        frame = wanted[["entry_no", "key_kind", "key_text", "shown"]]
        with self._store.registered("incoming_keys", frame):
            missing = self._store.fetch_df(q.SELECT_MISSING_KEYS)
        if missing.empty:
            return
        missing = missing.assign(vendor_hash=self._vendor_hashes(missing))
        with self._store.registered(
            "incoming_keys", missing[["entry_no", "key_kind", "key_text", "vendor_hash"]]
        ):
            self._store.execute(q.INSERT_PERSON_KEYS, {"base": 0})

    def unlink_suppression(self, entry_id: int, lead_id: int, *, evidence: str) -> list[int]:
        """Undo a wrong link of a suppression row (entry ``entry_id``) to a lead: the entry the
        link made is lifted with ``evidence``, the decision is recorded, and no later run links
        the two again. Returns the lifted entry ids."""
        if not evidence or not evidence.strip():
            raise ConfigError("an unlink needs evidence (--evidence): why this is someone else")
        lead = self._resolve(lead_id)
        found = self._store.fetch_df(
            q.SELECT_LINKS_OF, {"entry_id": int(entry_id), "lead_id": lead}
        )
        if found.empty:
            raise InputError(
                f"entry {entry_id} is not linked to lead {lead_id}; see "
                "Ledger.suppression_links() (leadguard suppress links) for the links"
            )
        ids = sorted({int(e) for e in found["link_entry_id"]})
        lift = pd.DataFrame({"entry_id": ids})
        text = evidence.strip()
        with self._store.transaction(), self._store.registered("incoming_lift", lift):
            self._store.execute(
                q.INSERT_SUPPRESSION_UNLINK, [int(entry_id), lead, text, utcnow(), self.user]
            )
            self._store.execute(
                q.LIFT_ENTRIES, {"now": utcnow(), "user": self.user, "evidence": text}
            )
            self._audit("suppress_unlink", entry_id=int(entry_id), lead_id=lead, entries=ids)
        return ids

    def suppression_links(self, *, uncertain_only: bool = False) -> pd.DataFrame:
        """Active links of suppression rows to leads, for review: entry_id (the row's entry),
        lead_id (as it resolves now), probability, uncertain, linked_at, evidence, the entry the
        link made, and the lead's golden first_name, last_name and company. Unlinked and lifted
        links are left out."""
        return self._store.fetch_df(q.SELECT_SUPPRESSION_LINKS, {"uncertain_only": uncertain_only})

    # -- internals ----------------------------------------------------------------------------

    def _seal(self, vendor_text: str | None) -> bytes | None:
        return None if vendor_text is None else self._keys.seal(vendor_digest(vendor_text))

    def _insert_entries(self, entries: pd.DataFrame, keys: pd.DataFrame | None = None) -> list[int]:
        """Insert entries ("incoming_entries", one key each unless ``keys`` are given)."""
        row = self._store.fetch_one(q.NEXT_SUPPRESSION_ID)
        assert row is not None
        base = int(row[0])
        params = {"base": base, "now": utcnow(), "user": self.user}
        with self._store.registered("incoming_entries", entries):
            self._store.execute(q.INSERT_SUPPRESSIONS, params)
            if keys is None:
                self._store.execute(q.INSERT_SUPPRESSION_KEYS, {"base": base})
        if keys is not None:
            with self._store.registered("incoming_keys", keys):
                self._store.execute(q.INSERT_PERSON_KEYS, {"base": base})
        return [base + int(n) for n in entries["entry_no"]]

    def _count_registry(self, name: str) -> int:
        row = self._store.fetch_one(q.COUNT_REGISTRY_ENTRIES, [name])
        return int(row[0]) if row else 0

    def _existing_entry(self, kind: str, key_text: str, entry: Mapping[str, Any]) -> int:
        probe = pd.DataFrame({"row_idx": [0], "key_kind": [kind], "key_text": [key_text]})
        with self._store.registered("incoming_probe", probe):
            found = self._store.fetch_df(q.SELECT_ENTRIES_FOR_KEYS)
        same = found[
            found["lifted_at"].isna()
            & (found["channel"] == entry["channel"])
            & (found["reason"] == entry["reason"])
            & (found["scope"] == entry["scope"])
        ]
        return int(same["entry_id"].iloc[0])

    def _entry_report(self, entry_id: int, status: str = "added") -> SuppressionEntry:
        row = self._store.fetch_df(q.SELECT_SUPPRESSION_BY_ID, [entry_id]).iloc[0]
        evidence = row["evidence"] if isinstance(row["evidence"], str) else None
        if isinstance(row["evidence_file"], str):
            evidence = f"{row['evidence_file']} row {int(row['evidence_row'])}"
        if isinstance(row["request_id"], str):
            evidence = f"request {row['request_id']}" + (f": {evidence}" if evidence else "")
        return SuppressionEntry(
            entry_id=int(row["entry_id"]),
            kind=str(row["kind"]),
            channel=str(row["channel"]),
            scope=str(row["scope"]),
            reason=str(row["reason"]),
            address_level=bool(row["address_level"]),
            origin=str(row["origin"]),
            effective_on=pd.Timestamp(row["effective_on"]).date(),
            keys=int(row["keys"]),
            evidence=evidence,
            expires_on=None
            if pd.isna(row["expires_on"])
            else pd.Timestamp(row["expires_on"]).date(),
            status=status,
        )

    def _resolve(self, lead_id: int) -> int:
        return self.resolve_lead(int(lead_id))

    def _registry(self, name: str) -> dict[str, Any]:
        row = self._store.fetch_one(q.SELECT_REGISTRY, [name])
        if row is None:
            raise ConfigError(f"unknown registry {name!r}; see leadguard suppress registries")
        return dict(
            zip(("name", "channel", "country", "calling_code", "valid_days"), row, strict=True)
        )

    # -- refusals at collection (called by ingest inside its transaction) ----------------------

    def _apply_suppression_at_ingest(
        self, batch_id: int, columns: tuple[str, ...], *, answers: bool
    ) -> tuple[int, int]:
        """Hash the batch's identifiers ("incoming_sightings"), turn its "No" answers into
        refusal entries, let later "Yes" answers lift earlier refusals; returns (refusals, rows
        on the list). Only a batch with answers can add or lift a refusal."""
        self._store.execute(q.create_batch_keys(columns))
        try:
            self._store.execute(q.INSERT_BATCH_KEYS)
            return self._refusals_and_screening(batch_id, answers=answers)
        finally:
            self._store.execute(q.DROP_BATCH_KEYS)

    def _refusals_and_screening(self, batch_id: int, *, answers: bool) -> tuple[int, int]:
        refusals = (
            self._store.fetch_df(q.SELECT_BATCH_REFUSALS, {"batch_id": batch_id})
            if answers
            else pd.DataFrame()
        )
        if len(refusals):
            entries = _entries_frame(
                {
                    "kind": "lead",
                    "channel": refusals["channel"],
                    "scope": GROUP_SCOPE,
                    "reason": Reason.REFUSAL.value,
                    "address_level": False,
                    "origin": "ingest",
                    "evidence_file": refusals["file_name"],
                    "evidence_row": refusals["row_number"],
                    "evidence": [
                        f'answered "{a}" to "{qu}"'
                        for a, qu in zip(refusals["answer"], refusals["question"], strict=True)
                    ],
                    "effective_on": refusals["answered_on"],
                },
                len(refusals),
            )
            row = self._store.fetch_one(q.NEXT_SUPPRESSION_ID)
            assert row is not None
            base = int(row[0])
            links = pd.DataFrame(
                {"entry_no": entries["entry_no"], "sighting_id": refusals["sighting_id"]}
            )
            with self._store.registered("incoming_entries", entries):
                self._store.execute(
                    q.INSERT_SUPPRESSIONS, {"base": base, "now": utcnow(), "user": self.user}
                )
            with self._store.registered("incoming_refusals", links):
                self._store.execute(q.INSERT_REFUSAL_KEYS, {"base": base})
        if answers:
            self._store.execute(q.LIFT_SUPERSEDED_REFUSALS, {"now": utcnow(), "user": self.user})
        hit = self._store.fetch_one(q.COUNT_BATCH_SUPPRESSED, _screen_params("all", None))
        return len(refusals), int(hit[0]) if hit else 0

    # -- reading, checking, lifting --------------------------------------------------------------

    def suppressions(self, *, include_lifted: bool = False) -> pd.DataFrame:
        """Every entry with its metadata and keyed hashes (hex); never an address."""
        return self._store.fetch_df(q.SELECT_SUPPRESSIONS, {"all": include_lifted})

    def suppression_summary(self) -> pd.DataFrame:
        """Entries per reason, channel and scope: active, lifted, first and last date."""
        return self._store.fetch_df(q.SUPPRESSION_SUMMARY)

    def suppression_imports(self) -> pd.DataFrame:
        """Every suppression file imported: hash, format, counts, who and when."""
        return self._store.fetch_df(q.SELECT_SUPPRESSION_IMPORTS)

    def suppression_rejects(self) -> pd.DataFrame:
        """Rows of suppression files that held nothing usable: file, row and why."""
        return self._store.fetch_df(q.SELECT_SUPPRESSION_REJECTS)

    def registries(self) -> pd.DataFrame:
        """Do-not-call registries: what they cover, how long a screening is valid, the last one."""
        return self._store.fetch_df(q.SELECT_REGISTRIES)

    def set_registry(self, name: str, *, valid_days: int) -> None:
        """Change how many days a registry's screening stays valid (law differs per country)."""
        self._registry(name)
        if valid_days < 1:
            raise ConfigError("--valid-days must be at least 1")
        with self._store.transaction():
            self._store.execute(q.UPDATE_REGISTRY, [int(valid_days), name])
            self._audit("registry_set", registry=name, valid_days=int(valid_days))

    def _probe(self, value: str, kind: str | None, country: str | None) -> tuple[str, pd.DataFrame]:
        """The identifiers behind one value (an address brings its domain) as a probe frame."""
        if kind is not None and parse_choice(IdentifierKind, kind, "kind") == "lead":
            lead = self._resolve(int(value))
            found = self._store.fetch_df(q.SELECT_PERSON_IDENTIFIERS, {"lead_id": lead})
            return "lead", pd.DataFrame(
                {"row_idx": 0, "key_kind": found["key_kind"], "key_text": found["key_text"]}
            )
        ident = identifier(value, kind, region=country)
        rows = [(0, ident.kind, ident.key_text)]
        if ident.kind == "email":
            domain = ident.key_text.rpartition("@")[2]
            rows.append((0, "domain", identifier(domain, "domain").key_text))
        return ident.kind, pd.DataFrame(rows, columns=["row_idx", "key_kind", "key_text"])

    def suppression_check(
        self,
        value: str,
        *,
        kind: str | None = None,
        channel: str = "all",
        scope: str | None = None,
        country: str | None = None,
    ) -> SuppressionCheck:
        """Whether ``value`` may not be contacted on ``channel``, and why; only the entries that
        match this value (or the person holding it) are shown."""
        what, probe = self._probe(value, kind, country)
        params = _screen_params(channel, scope)
        with self._store.registered("incoming_probe", probe):
            direct = self._store.fetch_df(q.SELECT_ENTRIES_FOR_KEYS)
            screened = self._store.fetch_df(q.SCREEN_PROBE, params)
        entries = []
        for rec in direct.drop_duplicates("entry_id").to_dict(orient="records"):
            entries.append(
                {
                    "entry_id": int(rec["entry_id"]),
                    "reason": rec["reason"],
                    "channel": rec["channel"],
                    "scope": rec["scope"],
                    "since": pd.Timestamp(rec["effective_on"]).date().isoformat(),
                    "matched_on": rec["matched_on"],
                    "lifted": not pd.isna(rec["lifted_at"]),
                }
            )
        hit = screened.iloc[0] if len(screened) else None
        return SuppressionCheck(
            kind=what,
            channel=params["channel"],
            suppressed=hit is not None,
            why=None if hit is None else str(hit["why"]),
            entries=tuple(entries),
        )

    def lift_suppression(
        self,
        value: str,
        *,
        evidence: str,
        kind: str | None = None,
        channel: str | None = None,
        country: str | None = None,
    ) -> list[int]:
        """Lift the active entries on ``value`` (one channel, or all) on a recorded
        re-permission; returns the lifted entry ids. Imports never lift anything."""
        if not evidence or not evidence.strip():
            raise ConfigError(
                "a lift needs evidence (--evidence): the person's new permission, and where"
            )
        what, probe = self._probe(value, kind, country)
        with self._store.registered("incoming_probe", probe):
            found = self._store.fetch_df(q.SELECT_ENTRIES_FOR_KEYS)
        found = found[found["lifted_at"].isna()]
        if what == "lead":
            found = found[found["kind"] == "lead"]
        if channel is not None:
            found = found[found["channel"] == parse_choice(ScreenChannel, channel, "channel")]
        registry = found[found["registry"].notna()]
        if len(registry):
            raise ConfigError(
                f"{len(registry)} entry(ies) come from the {registry['registry'].iloc[0]} "
                "registry: they follow the registry; import a newer screening instead"
            )
        ids = sorted({int(e) for e in found["entry_id"]})
        if ids:
            params = {"now": utcnow(), "user": self.user, "evidence": evidence.strip()}
            lift = pd.DataFrame({"entry_id": ids})
            with self._store.transaction():
                # A row linked by name and company: the person's re-permission lifts what its
                # links made too, and its sealed name and company are deleted.
                with self._store.registered("incoming_lift", lift):
                    linked = self._store.fetch_df(q.SELECT_LINK_ENTRIES_OF_LIFTED)
                    self._store.execute(q.LIFT_ENTRIES, params)
                    self._store.execute(q.DELETE_LIFTED_IDENTITIES)
                more = sorted({int(e) for e in linked["entry_id"]} - set(ids))
                if more:
                    with self._store.registered("incoming_lift", pd.DataFrame({"entry_id": more})):
                        self._store.execute(q.LIFT_ENTRIES, params)
                    ids = sorted(ids + more)
                self._audit("suppress_lift", entries=ids)
        return ids

    # -- screening ------------------------------------------------------------------------------

    def screen_leads(self, channel: str = "all", *, scope: str | None = None) -> pd.DataFrame:
        """Every active lead with whether it is suppressed for ``channel`` and why (the most
        serious reason first: objection, erasure, complaint, unsubscribe, refusal, dnc, bounce)."""
        return self._store.fetch_df(q.SCREEN_LEADS, _screen_params(channel, scope))

    def screen(
        self,
        frame: pd.DataFrame,
        channel: str = "email",
        *,
        scope: str | None = None,
        mapping: Mapping[str, str | None] | None = None,
        country: str | None = None,
    ) -> pd.DataFrame:
        """A copy of ``frame`` with ``suppressed`` and ``why`` (plus the entry, reason and what
        matched) for each row: by address, number, domain, or as a person the ledger knows."""
        from leadguard.ingest.mapping import detect_mapping

        if not isinstance(frame, pd.DataFrame):
            raise InputError("screen() takes a pandas DataFrame of contacts")
        fields = detect_mapping([str(c) for c in frame.columns], mapping).fields
        columns = {f: fields[f] for f in ("email", "phone", "mobile") if f in fields}
        if not columns:
            raise InputError(
                "no e-mail or phone column found: name one, e.g. mapping={'Mail': 'email'}"
            )
        n = len(frame)
        position = np.arange(n, dtype=np.int64)
        parts = []
        if "email" in columns:
            values = pd.Series(frame[columns["email"]].to_numpy(dtype=object), dtype=object)
            kinds = pd.Series(["email"] * n, dtype=object)
            keys, _, _ = identifiers(values, kinds)
            ok = keys.notna().to_numpy()
            parts.append(
                pd.DataFrame(
                    {
                        "row_idx": position[ok],
                        "key_kind": "email",
                        "key_text": keys[ok].to_numpy(dtype=object),
                    }
                )
            )
            domains = [str(k).rpartition("@")[2] for k in keys[ok].tolist()]
            parts.append(
                pd.DataFrame(
                    {
                        "row_idx": position[ok],
                        "key_kind": "domain",
                        "key_text": pd.Series(domains, dtype=object).to_numpy(),
                    }
                )
            )
        regions: Any = country
        if country is None and "country" in fields:
            regions = frame[fields["country"]].to_numpy(dtype=object)
        for field in ("phone", "mobile"):
            if field in columns:
                from leadguard.normalize import normalize_phones

                values = pd.Series(frame[columns[field]].to_numpy(dtype=object), dtype=object)
                found = normalize_phones(values, regions)
                ok = found["e164"].notna().to_numpy()
                parts.append(
                    pd.DataFrame(
                        {
                            "row_idx": position[ok],
                            "key_kind": "phone",
                            "key_text": found["e164"][ok].to_numpy(dtype=object),
                        }
                    )
                )
        probe = pd.concat(parts, ignore_index=True)
        with self._store.registered("incoming_probe", probe):
            hits = self._store.fetch_df(q.SCREEN_PROBE, _screen_params(channel, scope))
        out = frame.copy()
        flag = np.zeros(n, dtype=bool)
        why = np.full(n, None, dtype=object)
        reason = np.full(n, None, dtype=object)
        entry = np.full(n, None, dtype=object)
        matched = np.full(n, None, dtype=object)
        at = hits["row_idx"].to_numpy(dtype=np.int64)
        flag[at] = True
        why[at] = hits["why"].to_numpy(dtype=object)
        reason[at] = hits["reason"].to_numpy(dtype=object)
        entry[at] = [None if pd.isna(e) else int(e) for e in hits["entry_id"]]
        matched[at] = hits["matched_on"].to_numpy(dtype=object)
        out["suppressed"] = flag
        out["why"] = why
        out["suppression_reason"] = reason
        out["suppression_entry"] = entry
        out["suppression_match"] = matched
        return out

    def export_vendor_hashes(
        self, path: str | os.PathLike[str], *, kind: str = "email", channel: str = "email"
    ) -> int:
        """Write the plain SHA-256 list vendors accept for hashed suppression uploads (one hex
        digest per line: lower-case addresses, or numbers' digits with country code)."""
        kind = parse_choice(IdentifierKind, kind, "kind")
        if kind not in ("email", "phone"):
            raise ConfigError("vendor hash lists exist for e-mail addresses and phone numbers")
        rows = self._store.fetch_all(
            q.SELECT_VENDOR_HASHES,
            {"kind": kind, "channel": parse_choice(ScreenChannel, channel, "channel")},
        )
        digests = sorted({self._keys.open(bytes(r[0])).hex() for r in rows})
        Path(path).write_text("".join(d + "\n" for d in digests), encoding="ascii")
        return len(digests)
