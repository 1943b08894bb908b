"""The Ledger's answers to people: the request register, access, erasure, objection,
restriction and rectification (GDPR Art. 12 and 15–21).

A request acts only on the leads the person is confirmed to be: an address or number several
leads hold (a role mailbox, a colleague registered under her address) never pulls other people's
data into an answer and is never erased from their leads (Art. 15(4)).
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.errors import ConfigError, InputError, RegisterError
from leadguard.ledger._export import ExportMixin
from leadguard.ledger._suppress import SuppressMixin, _screen_params
from leadguard.policy import notice_language
from leadguard.registers import BasisKind
from leadguard.reports import _Report
from leadguard.requests.render import RIGHTS
from leadguard.suppress.identifiers import identifier

log = logging.getLogger("leadguard.ledger")

REQUEST_TYPES = ("access", "erasure", "objection", "restriction", "rectification")
MAX_EXTENSION_MONTHS = 2
"""Art. 12(3): the month may be extended by two further months where necessary."""
_FIELDS = (
    "first_name", "last_name", "email", "phone", "mobile", "company", "job_title", "country",
    "city", "postal_address", "street", "postcode", "linkedin_url", "website",
)  # fmt: skip


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the month's end (31 January + 1 = 28/29 Feb)."""
    return (pd.Timestamp(day) + pd.DateOffset(months=months)).date()


@dataclass(frozen=True)
class PersonMatch:
    """Who a request is about: the leads confirmed by an identifier, and what is shared."""

    lead_ids: tuple[int, ...]
    identified_by: tuple[dict[str, str], ...]
    shared: tuple[dict[str, str], ...] = ()
    """Identifiers other people hold too: never used to pick leads, never erased from theirs."""
    candidates: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """Name + company search: possible leads with scores, for a person to confirm."""

    def __str__(self) -> str:
        lines = [f"leads: {', '.join(map(str, self.lead_ids)) or 'none confirmed'}"]
        if self.shared:
            lines.append(f"shared with other people (not used): {len(self.shared)} identifier(s)")
        if len(self.candidates):
            lines.append("candidates by name (confirm one, then act on its lead id):")
            lines.append(self.candidates.to_string(index=False))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        head = html.escape(str(self).splitlines()[0])
        table = self.candidates.to_html(index=False) if len(self.candidates) else ""
        return f"<p>{head}</p>{table}"


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestOutcome(_Report):
    """What a request did: which leads, what was removed or added, whom to tell."""

    request_id: str
    type: str
    status: str
    due_on: date
    leads: tuple[int, ...] = ()
    sightings_removed: int = 0
    suppression_entries: tuple[int, ...] = ()
    recipients_to_notify: tuple[dict[str, Any], ...] = ()
    shared_identifiers: tuple[dict[str, str], ...] = ()
    file_rewritten: bool = False
    warnings: tuple[str, ...] = ()


class RequestsMixin(ExportMixin, SuppressMixin):
    """Requests from data subjects, answered completely and on time."""

    # -- the register --------------------------------------------------------------------------

    def open_request(
        self,
        type: str,  # noqa: A002 - the GDPR word
        *,
        email: str | None = None,
        phone: str | None = None,
        name: str | None = None,
        lead_ids: tuple[int, ...] = (),
        received_on: date | None = None,
        verified: str | None = None,
    ) -> str:
        """Register a request; due one calendar month after receipt (Art. 12(3))."""
        if type not in REQUEST_TYPES:
            raise ConfigError(
                f"unknown request type {type!r}; use one of: {', '.join(REQUEST_TYPES)}"
            )
        received = received_on or utcnow().date()
        number = self._store.new_id(q.SEQ_REQUEST)
        request_id = f"R-{received.year}-{number:04d}"
        self._store.execute(
            q.INSERT_REQUEST,
            [
                request_id,
                type,
                received,
                add_months(received, 1),
                verified,
                email,
                phone,
                name,
                json.dumps(sorted(lead_ids)),
                utcnow(),
                self.user,
            ],
        )
        self._audit("request_opened", request_id=request_id, type=type)
        return request_id

    def extend_request(self, request_id: str, *, reason: str, told_on: date | None = None) -> date:
        """Extend a request by two months (Art. 12(3)): the reason is recorded, and the person
        must be told within the first month."""
        found = self._store.fetch_df(q.SELECT_REQUEST, [request_id])
        if found.empty:
            raise RegisterError(f"unknown request {request_id!r}")
        rec = found.iloc[0]
        told = told_on or utcnow().date()
        due = pd.Timestamp(rec["due_on"]).date()
        if told > due:
            raise ConfigError(
                f"{request_id}: the person must be told of an extension within the first month "
                f"(by {due})"
            )
        if not reason.strip():
            raise ConfigError("an extension needs its reason (complexity or number of requests)")
        received = pd.Timestamp(rec["received_on"]).date()
        extended = add_months(received, 1 + MAX_EXTENSION_MONTHS)
        with self._store.transaction():
            self._store.execute(q.EXTEND_REQUEST, [extended, reason.strip(), told, request_id])
            self._audit("request_extended", request_id=request_id, until=extended)
        return extended

    def requests(self, *, overdue: bool = False) -> pd.DataFrame:
        """The request register: type, received, due, extended, status; ``overdue`` only late."""
        frame = self._store.fetch_df(q.SELECT_REQUESTS, {"today": utcnow().date()})
        if overdue:
            frame = frame[frame["overdue"]].reset_index(drop=True)
        return frame

    def _close(
        self, request_id: str, status: str, outcome: dict[str, Any], leads: tuple[int, ...]
    ) -> None:
        """Close a request; its contact details give way to a keyed hash (minimisation)."""
        row = self._store.fetch_one(q.SELECT_REQUESTER, [request_id])
        contact = " ".join(str(v).strip().lower() for v in (row or ()) if v)
        self._store.execute(
            q.CLOSE_REQUEST,
            {
                "status": status,
                "today": utcnow().date(),
                "outcome": json.dumps(outcome, default=str),
                "lead_ids": json.dumps(sorted(leads)) if leads else None,
                "request_id": request_id,
            },
        )
        self._store.execute(
            q.FORGET_REQUESTER,
            {
                "subject_hash": self._keys.hash(contact) if contact else None,
                "request_id": request_id,
            },
        )
        self._audit(
            "request_closed",
            request_id=request_id,
            status=status,
            **{k: v for k, v in outcome.items() if k != "recipients"},
        )

    # -- finding the person --------------------------------------------------------------------

    def find_person(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        lead_id: int | None = None,
        name: str | None = None,
        company: str | None = None,
        country: str | None = None,
    ) -> PersonMatch:
        """The leads a request is about. An e-mail address or number held by one lead names
        it; one held by several names nobody (listed as shared). Name + company only lists
        candidates with scores: a person confirms, and a request never merges leads."""
        if lead_id is not None:
            lead = self.resolve_lead(int(lead_id))
            return PersonMatch(
                lead_ids=(lead,), identified_by=({"kind": "lead", "value": str(lead)},)
            )
        probes = []
        if email:
            probes.append(identifier(email, "email"))
        if phone:
            probes.append(identifier(phone, "phone", region=country))
        if probes:
            probe = pd.DataFrame(
                {
                    "row_idx": range(len(probes)),
                    "key_kind": [p.kind for p in probes],
                    "key_text": [p.key_text for p in probes],
                }
            )
            with self._store.registered("incoming_probe", probe):
                held = self._store.fetch_all(q.SELECT_LEADS_HOLDING)
            leads: set[int] = set()
            used, shared = [], []
            for kind, text, ids in held:
                entry = {"kind": str(kind), "value": str(text)}
                if len(ids) == 1:
                    leads.add(int(ids[0]))
                    used.append(entry)
                else:
                    shared.append(entry)
            return PersonMatch(
                lead_ids=tuple(sorted(leads)), identified_by=tuple(used), shared=tuple(shared)
            )
        if name:
            return PersonMatch(
                lead_ids=(), identified_by=(), candidates=self._candidates(name, company)
            )
        raise InputError("find the person by --email, --phone, --lead or a name (with company)")

    def _candidates(self, name: str, company: str | None) -> pd.DataFrame:
        from rapidfuzz import fuzz

        from leadguard.normalize._text import match_text

        wanted = match_text(name)
        words = wanted.split() or [""]
        # Surnames are compared in SQL first (either end of the name, for "LAST First").
        leads = self._store.fetch_df(
            q.SELECT_LEAD_CANDIDATES, {"last": " ".join(words[1:]) or words[0], "first": words[0]}
        )
        if leads.empty:
            return leads.assign(score=[])
        full = (leads["first_name"].fillna("") + " " + leads["last_name"].fillna("")).map(
            match_text
        )
        scores = np.array([fuzz.token_sort_ratio(wanted, f) for f in full], dtype=float)
        if company:
            companies = leads["company"].fillna("").map(match_text)
            scores = 0.7 * scores + 0.3 * np.array(
                [fuzz.token_set_ratio(match_text(company), c) for c in companies]
            )
        leads = leads.assign(score=np.round(scores, 1))
        return leads[leads["score"] >= 70].sort_values("score", ascending=False).head(20)

    def _person(self, **who: Any) -> PersonMatch:
        match = self.find_person(**who)
        if not match.lead_ids:
            if len(match.candidates):
                raise InputError(
                    f"no lead is confirmed by that; {len(match.candidates)} candidate(s) by name: "
                    "check them with leadguard request find and act with --lead ID"
                )
        return match

    # -- access --------------------------------------------------------------------------------

    def access_report(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        lead_id: int | None = None,
        language: str | None = None,
        request_id: str | None = None,
        country: str | None = None,
    ) -> dict[str, Any]:
        """The answer to "which data do you hold about me, and where did you get it?" as a
        document (schema ``leadguard.access/1``): every Art. 15(1)–(2) and 14(2)(f) item."""
        match = self._person(email=email, phone=phone, lead_id=lead_id, country=country)
        if request_id is None:
            request_id = self.open_request(
                "access", email=email, phone=phone, lead_ids=match.lead_ids
            )
        request = self._store.fetch_df(q.SELECT_REQUEST, [request_id]).iloc[0]
        config = self.settings()
        warnings = []
        if not config["controller.name"]:
            warnings.append(
                "no controller configured: the answer has placeholders; set controller.name, "
                "controller.email and authority.name with leadguard config set"
            )
        with self._store.registered(
            "incoming_leads", pd.DataFrame({"lead_id": np.array(match.lead_ids, dtype=np.int64)})
        ):
            leads = self._store.fetch_df(q.SELECT_LEADS_BY_ID).set_index("lead_id")
        countries = [leads.loc[i, "country"] for i in match.lead_ids if i in leads.index]
        lang = language or notice_language(next((c for c in countries if isinstance(c, str)), None))
        personal: list[dict[str, Any]] = []
        categories: list[str] = []
        bases: dict[str, Any] = {}
        last_acquired: date | None = None
        for lead in match.lead_ids:
            values = self._store.fetch_df(q.SELECT_ACCESS_VALUES, [lead])
            for field_name in _FIELDS:
                present = values[values[field_name].notna()]
                if present.empty:
                    continue
                if field_name not in categories:
                    categories.append(field_name)
                for value, group in present.groupby(field_name, sort=False):
                    personal.append(
                        {
                            "field": field_name,
                            "value": str(value),
                            "sources": [_source(r) for r in _records(group)],
                        }
                    )
            for fld, value, req, _ in self._store.fetch_all(q.SELECT_RECTIFICATIONS, [lead]):
                personal.append({"field": fld, "value": value, "sources": [
                    {"source": f"rectification (request {req})", "kind": "rectification",
                     "publicly_accessible": False, "file": None, "row": None,
                     "acquired_on": None, "basis": None}]})  # fmt: skip
            for basis_name in values["basis"].unique():
                bases[str(basis_name)] = self.basis(str(basis_name))
            if len(values):
                newest = pd.Timestamp(values["acquired_on"].max()).date()
                last_acquired = max(last_acquired or newest, newest)
        retention = max((b.retention_months for b in bases.values()), default=None)
        disclosures = pd.concat(
            [self.disclosures(lead) for lead in match.lead_ids] or [pd.DataFrame()],
            ignore_index=True,
        )
        recipients = []
        if len(disclosures):
            for rec_name, group in disclosures.groupby("recipient", sort=True):
                first = group.iloc[0]
                recipients.append(
                    {
                        "name": str(rec_name),
                        "role": str(first["role"]),
                        "country": str(first["country"]),
                        "disclosures": [
                            {
                                "on": pd.Timestamp(r["disclosed_at"]).date().isoformat(),
                                "channel": r["channel"],
                                "fields": str(r["fields"]).split(","),
                            }
                            for r in group.to_dict(orient="records")
                        ],
                    }  # fmt: skip
                )
        registered = self.recipients()
        sent_to = {r["name"] for r in recipients}
        transfers = [
            {"recipient": r["name"], "country": r["country"], "mechanism": r["transfer"],
             "safeguard_url": r["safeguard_url"]}
            for r in registered.to_dict(orient="records")
            if r["name"] in sent_to and isinstance(r["transfer"], str)
        ]  # fmt: skip
        mine_ids = pd.DataFrame({"lead_id": np.array(match.lead_ids, dtype=np.int64)})
        with self._store.registered("incoming_leads", mine_ids):
            notice_rows = self._store.fetch_df(
                q.SELECT_NOTICES_OF_LEADS, {"today": utcnow().date()}
            )
        notice = None
        if len(notice_rows):
            n = notice_rows.iloc[0]
            notice = {
                "due_on": _iso(n["due_on"]),
                "sent_on": _iso(n["notice_sent_on"]),
                "channel": n["notice_channel"] if isinstance(n["notice_channel"], str) else None,
            }
        reasons = self._suppression_reasons(match.lead_ids)
        document = {
            "schema": "leadguard.access/1",
            "generated_at": utcnow().replace(microsecond=0).isoformat(),
            "language": lang,
            "request": {
                "id": request_id,
                "type": str(request["type"]),
                "received_on": _iso(request["received_on"]),
                "due_on": _iso(
                    request["extended_to"]
                    if pd.notna(request["extended_to"])
                    else request["due_on"]
                ),
            },  # fmt: skip
            "controller": {
                "name": config["controller.name"],
                "address": config["controller.address"],
                "email": config["controller.email"],
                "dpo_email": config["controller.dpo_email"],
            },
            "subject": {
                "name": _name(leads, match.lead_ids),
                "lead_ids": list(match.lead_ids),
                "identified_by": list(match.identified_by),
                "shared_identifiers": list(match.shared),
            },
            "processing": bool(match.lead_ids),
            "personal_data": personal,
            "categories": categories,
            "purposes": [{"basis": b.name, "purpose": b.purpose} for b in bases.values()],
            "legal_basis": [
                {"basis": b.name, "kind": b.kind, "article": BasisKind(b.kind).article}
                for b in bases.values()
            ],
            "legitimate_interests": [
                {"basis": b.name, "text": b.lia_text} for b in bases.values() if b.needs_lia
            ],
            "recipients": recipients,
            "transfers": transfers,
            "retention": {
                "months": retention,
                "delete_by": _iso(max(dates)) if (dates := self._delete_by_dates(match)) else None,
                "rule": "last_acquisition",
            },
            "rights": list(RIGHTS),
            "objection": {
                "email": config["objection.email"] or config["controller.email"],
                "url": config["objection.url"],
            },
            "complaint": {"authority": config["authority.name"], "url": config["authority.url"]},
            "automated_decisions": None,
            "notice": notice,
            "suppression": {"suppressed": bool(reasons), "reasons": reasons},
            "warnings": warnings,
        }
        self._close(request_id, "done", {"leads": list(match.lead_ids)}, match.lead_ids)
        return document

    def _suppression_reasons(self, lead_ids: tuple[int, ...]) -> list[str]:
        """Why these leads are on the list (any channel), screened through their own
        identifiers rather than over every lead."""
        probes = []
        for lead in lead_ids:
            found = self._store.fetch_df(q.SELECT_PERSON_IDENTIFIERS, {"lead_id": lead})
            probes.append(found.assign(row_idx=0)[["row_idx", "key_kind", "key_text"]])
        if not probes:
            return []
        probe = pd.concat(probes, ignore_index=True)
        if probe.empty:
            return []
        with self._store.registered("incoming_probe", probe):
            hits = self._store.fetch_df(q.SCREEN_PROBE, _screen_params("all", None))
        return sorted({str(r) for r in hits["reason"]} - {"dnc-stale"})

    def _delete_by_dates(self, match: PersonMatch) -> list[date]:
        found = []
        for lead in match.lead_ids:
            row = self._store.fetch_one(q.SELECT_LEAD_DELETE_BY, [lead])
            if row and row[0] is not None:
                found.append(pd.Timestamp(row[0]).date())
        return found

    # -- erasure and objection -----------------------------------------------------------------

    def erase(
        self,
        *,
        email: str | None = None,
        phone: str | None = None,
        lead_id: int | None = None,
        request_id: str | None = None,
        country: str | None = None,
        _reason: str = "erasure",
    ) -> RequestOutcome:
        """Erase a person (Art. 17): their sightings, leads, raw values and the personal part of
        disclosure records go, the file is rewritten so the bytes are gone, and the addresses and
        numbers that are theirs alone go on the suppression list so no re-import brings them back.
        Returns the recipients to notify (Art. 19)."""
        match = self._person(email=email, phone=phone, lead_id=lead_id, country=country)
        kind = "objection" if _reason == "objection" else "erasure"
        if request_id is None:
            request_id = self.open_request(kind, email=email, phone=phone, lead_ids=match.lead_ids)
        entries: list[int] = []
        warnings: list[str] = []
        evidence = f"{kind} request {request_id}"
        for lead in match.lead_ids:
            # The person's own addresses and numbers: every channel. Addresses others hold
            # too are handled below, address by address (suppress_lead's warning about them
            # is replaced by what was done with them).
            try:
                entry = self.suppress_lead(
                    lead, channel="all", reason=_reason, request_id=request_id,
                    evidence=evidence,
                )  # fmt: skip
                entries.append(entry.entry_id)
            except ConfigError:
                warnings.append(f"lead {lead} has no e-mail address or number of its own")
            shared_entries, shared_warnings = self._protect_shared_addresses(
                lead, reason=_reason, request_id=request_id, evidence=evidence
            )
            entries += shared_entries
            warnings += shared_warnings
        if not match.lead_ids:
            # Nobody holds the identifier: still keep them from being imported later.
            for value, what in ((email, "email"), (phone, "phone")):
                if value:
                    entries.append(self.suppress(value, kind=what, reason=_reason,
                                                 request_id=request_id).entry_id)  # fmt: skip
        with self._store.transaction():
            removed = self._remove(match.lead_ids, request_id)
            outcome = {
                "leads": list(match.lead_ids),
                "sightings_removed": removed,
                "suppression_entries": entries,
            }
            self._close(request_id, "done", outcome, ())
        notify = self._store.fetch_df(q.SELECT_ERASED_RECIPIENTS, [request_id])
        self._store.rewrite(self.path)
        self._store.define_keyed_hash(*self._keys.pads())
        log.info("request %s: %d sightings erased", request_id, removed)
        return RequestOutcome(
            request_id=request_id,
            type=kind,
            status="done",
            due_on=add_months(utcnow().date(), 1),
            leads=match.lead_ids,
            sightings_removed=removed,
            suppression_entries=tuple(entries),
            recipients_to_notify=tuple(
                {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
                for r in _records(notify)
            ),
            shared_identifiers=match.shared,
            file_rewritten=self.path != ":memory:" and not self._store.not_rewritten,
            warnings=(*warnings, *self._store.residual_copies()),
        )

    def _protect_shared_addresses(
        self, lead: int, *, reason: str, request_id: str, evidence: str
    ) -> tuple[list[int], list[str]]:
        """Suppress for e-mail the personal addresses the person shares with other leads (a
        colleague registered under her address): mail "to the colleague" would land in her
        inbox. Each is an address-level entry, so the colleague stays reachable on their own
        addresses and numbers. A role mailbox (info@) others hold too stays usable, as does a
        shared number (a switchboard); one only the person holds is theirs (suppress_lead).
        Returns the entries added and what to tell the user."""
        shared = self._store.fetch_df(q.SELECT_SHARED_EMAILS, {"lead_id": lead})
        personal = shared[~shared["role"].astype(bool)]
        found = self._store.fetch_df(q.SELECT_PERSON_IDENTIFIERS, {"lead_id": lead})
        numbers = int((found["shared"].astype(bool) & (found["key_kind"] == "phone")).sum())
        entries: list[int] = []
        for key_text, shown in zip(personal["key_text"], personal["shown"], strict=True):
            entries.append(
                self._suppress_address(
                    str(key_text),
                    str(shown),
                    reason=reason,
                    request_id=request_id,
                    evidence=f"{evidence}: an address other leads hold too",
                )
            )
        warnings = []
        if entries:
            warnings.append(
                f"lead {lead}: {len(entries)} e-mail address(es) other leads hold too suppressed "
                "for e-mail only (the person reads them); those leads stay reachable on their "
                "own addresses and numbers"
            )
        left = len(shared) - len(personal)
        if left or numbers:
            warnings.append(
                f"lead {lead}: {left} role mailbox(es) and {numbers} number(s) that other leads "
                "hold too left usable (they reach the others; a switchboard, info@): suppress "
                "them explicitly if they should not be"
            )
        return entries, warnings

    def _remove(
        self,
        lead_ids: tuple[int, ...] | list[int],
        trace_id: str,
        sighting_ids: tuple[int, ...] = (),
    ) -> int:
        """Delete leads (with the ids merged into them) and every row about them; disclosures
        leave a pseudonymous trace under ``trace_id``. Returns the sightings removed. The file
        still holds the bytes until :meth:`Store.rewrite`."""
        erase = pd.DataFrame({"lead_id": np.array(sorted(set(lead_ids)), dtype=np.int64)})
        loose = pd.DataFrame({"sighting_id": np.array(sorted(set(sighting_ids)), dtype=np.int64)})
        with self._store.transaction(), self._store.registered("incoming_erase", erase):
            leads = self._store.fetch_df(q.SELECT_ERASURE_LEADS)
            with self._store.registered("erase_leads", leads):
                found = self._store.fetch_df(q.SELECT_ERASURE_SIGHTINGS)
                sightings = pd.concat([found, loose], ignore_index=True).drop_duplicates()
                with self._store.registered("erase_sightings", sightings):
                    self._store.execute(q.MOVE_ERASED_DISCLOSURES, {"request_id": trace_id})
                    for statement in q.ERASE_STATEMENTS:
                        self._store.execute(statement)
        return len(sightings)

    def object_to_marketing(self, **who: Any) -> RequestOutcome:
        """An objection to direct marketing (Art. 21(2)–(3)): absolute. The person goes on the
        list for every channel and nothing but what the list needs is kept."""
        return self.erase(**who, _reason="objection")

    # -- restriction and rectification ---------------------------------------------------------

    def restrict_request(self, *, reason: str = "request", **who: Any) -> RequestOutcome:
        """Restrict processing (Art. 18): the leads are never exported until lifted."""
        match = self._person(**who)
        request_id = self.open_request("restriction", email=who.get("email"),
                                       phone=who.get("phone"), lead_ids=match.lead_ids)  # fmt: skip
        for lead in match.lead_ids:
            self.restrict(lead, reason=reason, request_id=request_id)
        self._close(request_id, "done", {"leads": list(match.lead_ids)}, match.lead_ids)
        return RequestOutcome(request_id=request_id, type="restriction", status="done",
                              due_on=add_months(utcnow().date(), 1), leads=match.lead_ids,
                              shared_identifiers=match.shared)  # fmt: skip

    def rectify(
        self, lead_id: int, field: str, value: str | None, *, request_id: str | None = None
    ) -> RequestOutcome:
        """Correct a value (Art. 16): it becomes the lead's value, stays so after later dedupe
        runs, and the access report shows the request as its source."""
        if field not in q.RECTIFIABLE:
            raise ConfigError(f"{field!r} cannot be rectified; fields: {', '.join(q.RECTIFIABLE)}")
        lead = self.resolve_lead(lead_id)
        if request_id is None:
            request_id = self.open_request("rectification", lead_ids=(lead,))
        with self._store.transaction():
            self._store.execute(q.INSERT_RECTIFICATION,
                                [lead, field, value, request_id, utcnow(), self.user])  # fmt: skip
            self._store.execute(q.apply_rectification(field), [value, lead])
            self._close(request_id, "done", {"leads": [lead], "field": field}, (lead,))
        notify = self.recipients_to_notify(lead)
        return RequestOutcome(
            request_id=request_id, type="rectification", status="done",
            due_on=add_months(utcnow().date(), 1), leads=(lead,),
            recipients_to_notify=tuple(_records(notify)),
        )  # fmt: skip


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict(orient="records")]


def _iso(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date().isoformat()


def _source(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": row["source"],
        "kind": row["source_kind"],
        "publicly_accessible": bool(row["publicly_accessible"]),
        "file": row["file_name"],
        "row": int(row["row_number"]),
        "acquired_on": _iso(row["acquired_on"]),
        "basis": row["basis"],
    }


def _name(leads: pd.DataFrame, ids: tuple[int, ...]) -> str | None:
    for lead in ids:
        if lead in leads.index:
            parts = [leads.loc[lead, "first_name"], leads.loc[lead, "last_name"]]
            text = " ".join(str(p) for p in parts if isinstance(p, str))
            if text:
                return text
    return None
