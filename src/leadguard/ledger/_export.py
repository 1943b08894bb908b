"""The Ledger's export gate: recipients, channel rules, Art. 14 notices, exports, disclosures.

Nothing reaches a vendor unless it is lawful to send: the gate is one SQL pass over every lead
(suppression re-screened, restriction, basis, retention, country rule, consent, contact point,
notice) and each exclusion is counted by reason. What leaves is logged per lead and export, so an
access request can name the recipients and Art. 19 knows whom to tell.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from leadguard.db import queries as q
from leadguard.db import utcnow
from leadguard.errors import ConfigError, RegisterError
from leadguard.ledger._registers import RegistersMixin
from leadguard.ledger._suppress import _screen_params
from leadguard.policy import (
    AUDIENCES,
    ChannelRule,
    NoticePolicy,
    RecipientRole,
    default_rules,
    notice_language,
    transfer_problem,
)
from leadguard.registers import BasisKind, Channel, Recipient, parse_choice
from leadguard.reports import ExportReport

log = logging.getLogger("leadguard.ledger")

SETTINGS = {
    "controller.name": "The controller (which group company), as named in notices and answers.",
    "controller.address": "The controller's postal address.",
    "controller.email": "Where people write to (privacy contact).",
    "controller.dpo_email": "The data protection officer's contact, if there is one.",
    "authority.name": "The supervisory authority people may complain to.",
    "authority.url": "Its website.",
    "objection.email": "Where to object to direct marketing (default: controller.email).",
    "objection.url": "A web page for objecting (optional).",
    "notice.policy": "strict | with-first-contact (see leadguard policy notice).",
    "notice.link": "A URL of the notice, sent instead of the full text at first contact.",
}
"""Configuration kept in the ledger (``leadguard config set KEY VALUE``)."""

EXCLUSION_ORDER = (
    "suppressed",
    "bounced",
    "restricted",
    "not_on_basis",
    "past_retention",
    "country_rule",
    "no_consent",
    "no_contact_point",
    "role_mailbox",
    "shared_address",
    "notice_not_given",
)
"""Why a lead is left out, in the order the gate checks; each lead counts under the first."""

_CHANNEL_FIELDS = {
    "email": ("email",),
    "phone": ("phone", "mobile"),
    "post": ("postal_address", "street", "postcode"),
}
_RULE_COLUMNS = [
    "country", "channel", "audience", "rule", "origin", "source", "url", "checked_on",
    "secondary", "set_at",
]  # fmt: skip
_IDENTITY_FIELDS = ("first_name", "last_name", "company", "job_title", "country", "city")


class ExportMixin(RegistersMixin):
    """Recipients, policies, notices and the gated export."""

    # -- configuration ------------------------------------------------------------------------

    def set_setting(self, key: str, value: str | None) -> None:
        """Set (or with None, remove) one configuration value; see ``SETTINGS``."""
        if key not in SETTINGS:
            raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(SETTINGS))}")
        if key == "notice.policy" and value is not None:
            value = parse_choice(NoticePolicy, value, "notice policy")
        with self._store.transaction():
            self._store.execute(q.DELETE_SETTING, [key])
            if value is not None and value.strip():
                self._store.execute(q.INSERT_SETTING, [key, value.strip()])
            self._audit("setting", key=key, removed=value is None or not value.strip())

    def setting(self, key: str) -> str | None:
        """One configuration value, or None."""
        row = self._store.fetch_one(q.SELECT_SETTING, [key])
        return str(row[0]) if row else None

    def settings(self) -> dict[str, str | None]:
        """Every configuration key with its value (None when unset)."""
        return {key: self.setting(key) for key in SETTINGS}

    @property
    def notice_policy(self) -> str:
        """strict (default) or with-first-contact."""
        return self.setting("notice.policy") or NoticePolicy.STRICT.value

    # -- recipients ----------------------------------------------------------------------------

    def add_recipient(
        self,
        name: str,
        *,
        role: str,
        country: str,
        transfer: str | None = None,
        dpf_checked_on: date | None = None,
        contract_ref: str | None = None,
        purposes: str | Iterable[str] | None = None,
        safeguard_url: str | None = None,
        replace: bool = False,
    ) -> Recipient:
        """Register who receives exports (idempotent when identical; ``replace`` updates).

        Privacy Shield is refused (invalidated in 2020); the Data Privacy Framework needs the
        date the certification was checked; ``purposes`` limits it to named legal bases.
        """
        if isinstance(purposes, str):
            purposes = [p for p in purposes.split(",") if p.strip()]
        names = tuple(sorted({p.strip() for p in purposes})) if purposes else None
        for basis_name in names or ():
            self.basis(basis_name)  # an unknown basis is an error now, not at export
        recipient = Recipient(
            name=name.strip(),
            role=role,
            country=country,
            transfer=transfer,
            dpf_checked_on=dpf_checked_on,
            contract_ref=contract_ref,
            purposes=names,
            safeguard_url=safeguard_url,
        )
        values = [
            recipient.role,
            recipient.country,
            recipient.transfer,
            recipient.dpf_checked_on,
            recipient.contract_ref,
            ",".join(names) if names else None,
            recipient.safeguard_url,
        ]
        with self._store.transaction():
            existing = self._recipient_or_none(recipient.name)
            if existing is None:
                new_id = self._store.new_id(q.SEQ_RECIPIENT)
                self._store.execute(
                    q.INSERT_RECIPIENT, [new_id, recipient.name, *values, utcnow(), self.user]
                )
                self._audit(
                    "recipient_added",
                    recipient_id=new_id,
                    role=recipient.role,
                    country=recipient.country,
                    transfer=recipient.transfer,
                )
                return dataclasses.replace(recipient, recipient_id=new_id)
            if dataclasses.replace(existing, recipient_id=None) == recipient:
                return existing
            if not replace:
                raise RegisterError(
                    f"recipient {recipient.name!r} is registered with other values; "
                    "pass replace=True (CLI: --replace) to update it"
                )
            self._store.execute(q.UPDATE_RECIPIENT, [*values, existing.recipient_id])
            self._audit(
                "recipient_updated", recipient_id=existing.recipient_id, transfer=recipient.transfer
            )
        return dataclasses.replace(recipient, recipient_id=existing.recipient_id)

    def _recipient_or_none(self, name: str) -> Recipient | None:
        row = self._store.fetch_one(q.SELECT_RECIPIENT, [name.strip()])
        if row is None:
            return None
        rid, rname, role, country, transfer, checked, contract, purposes, url = row
        return Recipient(
            name=rname,
            role=role,
            country=country,
            transfer=transfer,
            dpf_checked_on=checked,
            contract_ref=contract,
            purposes=tuple(purposes.split(",")) if purposes else None,
            safeguard_url=url,
            recipient_id=int(rid),
        )

    def recipient(self, name: str) -> Recipient:
        """A registered recipient by name."""
        found = self._recipient_or_none(name)
        if found is None:
            raise RegisterError(
                f"unknown recipient {name!r}; register it with leadguard recipient add"
            )
        return found

    def recipients(self) -> pd.DataFrame:
        """Every recipient: role, country, transfer mechanism, contract, allowed purposes."""
        return self._store.fetch_df(q.SELECT_RECIPIENTS)

    # -- channel rules -------------------------------------------------------------------------

    def set_channel_rule(
        self, country: str, channel: str, rule: str, *, note: str | None = None
    ) -> None:
        """Override the shipped rule for one country and channel (allowed, consent, role_only)."""
        from leadguard.normalize import normalize_country

        code = normalize_country(country)
        if code is None:
            raise ConfigError(f"{country!r} is not a country; use an ISO code such as BE")
        chan = parse_choice(Channel, channel, "channel")
        value = parse_choice(ChannelRule, rule, "channel rule")
        with self._store.transaction():
            self._store.execute(q.DELETE_CHANNEL_RULE, [code, chan])
            self._store.execute(
                q.INSERT_CHANNEL_RULE, [code, chan, value, note, utcnow(), self.user]
            )
            self._audit("policy", country=code, channel=chan, rule=value)

    def confirm_channel_rule(
        self, country: str, channel: str, *, by: str, audience: str = "business"
    ) -> dict[str, Any]:
        """Record the privacy officer's confirmation of the rule now in force for one country,
        channel and audience; it stays current until that rule or its source changes."""
        from leadguard.normalize import normalize_country

        code = normalize_country(country)
        if code is None:
            raise ConfigError(f"{country!r} is not a country; use an ISO code such as BE")
        chan = parse_choice(Channel, channel, "channel")
        if audience not in AUDIENCES:
            raise ConfigError(f"unknown audience {audience!r}: use one of {', '.join(AUDIENCES)}")
        name = by.strip()
        if not name:
            raise ConfigError("--by needs the name of whoever confirms the rule")
        rules = self._effective_rules()
        hit = rules[
            (rules["country"] == code)
            & (rules["channel"] == chan)
            & (rules["audience"] == audience)
        ]
        if hit.empty:
            raise ConfigError(
                f"no {audience} rule for {code} {chan} to confirm (a country without a rule is "
                f"treated as consent); record one first: leadguard policy set {code} {chan} RULE"
            )
        row = hit.iloc[0]
        set_at = row["set_at"] if not pd.isna(row["set_at"]) else None
        now = utcnow()
        with self._store.transaction():
            self._store.execute(
                q.INSERT_RULE_CONFIRMATION,
                [code, chan, audience, row["rule"], row["source"], set_at, now, name],
            )
            self._audit(
                "policy_confirm", country=code, channel=chan, audience=audience, rule=row["rule"]
            )
        return {
            "country": code,
            "channel": chan,
            "audience": audience,
            "rule": str(row["rule"]),
            "source": str(row["source"]),
            "confirmed_by": name,
            "confirmed_on": now.date(),
        }

    def _effective_rules(self) -> pd.DataFrame:
        """Shipped defaults with the ledger's overrides laid over them, one row per country,
        channel and audience (``set_at`` is the override's time, missing for a default)."""
        rows: dict[tuple[str, str, str], dict[str, Any]] = {}
        for (country, channel), default in default_rules().items():
            rows[(country, channel, default.audience)] = {
                "country": country,
                "channel": channel,
                "audience": default.audience,
                "rule": default.rule,
                "origin": "default",
                "source": default.source,
                "url": default.url,
                "checked_on": default.checked_on,
                "secondary": default.secondary,
                "set_at": None,
            }
        for country, channel, rule, note, set_at, set_by in self._store.fetch_all(
            q.SELECT_CHANNEL_RULES
        ):
            rows[(country, channel, "business")] = {
                "country": country,
                "channel": channel,
                "audience": "business",
                "rule": rule,
                "origin": f"set by {set_by} on {set_at:%Y-%m-%d}",
                "source": note or "",
                "url": None,
                "checked_on": set_at.date(),
                "secondary": False,
                "set_at": set_at,
            }
        return pd.DataFrame(list(rows.values()), columns=_RULE_COLUMNS)

    def channel_rules(self) -> pd.DataFrame:
        """The rule per country, channel and audience: shipped default or override, with its
        source, ``checked_on`` and the officer's latest confirmation. ``confirmation`` is
        ``current``, ``stale`` (the rule or its source changed since it was confirmed: confirm
        again) or missing; ``confirmed_by``/``confirmed_on`` name the latest confirmation either
        way."""
        rules = self._effective_rules()
        confirmed = self._store.fetch_df(q.SELECT_RULE_CONFIRMATIONS)
        frame = rules.merge(confirmed, on=["country", "channel", "audience"], how="left")
        has = frame["confirmed_by"].notna().to_numpy(dtype=bool)
        same_set = (frame["set_at"].isna() & frame["confirmed_set_at"].isna()) | (
            pd.to_datetime(frame["set_at"]) == pd.to_datetime(frame["confirmed_set_at"])
        )
        current = (
            (frame["rule"] == frame["confirmed_rule"])
            & (frame["source"] == frame["confirmed_source"])
            & same_set
        ).to_numpy(dtype=bool)
        frame["confirmation"] = pd.Series(
            [
                ("current" if ok else "stale") if h else None
                for h, ok in zip(has, current, strict=True)
            ],
            index=frame.index,
            dtype=object,
        )
        frame["confirmed_on"] = [
            None if pd.isna(at) else pd.Timestamp(at).date() for at in frame["confirmed_at"]
        ]
        frame["confirmed_by"] = frame["confirmed_by"].astype(object).where(has, None)
        frame["checked_on"] = (
            frame["checked_on"].astype(object).where(frame["checked_on"].notna(), None)
        )
        frame["url"] = frame["url"].astype(object).where(frame["url"].notna(), None)
        frame = frame.drop(
            columns=[
                "set_at",
                "confirmed_rule",
                "confirmed_source",
                "confirmed_set_at",
                "confirmed_at",
            ]
        )
        return frame.sort_values(["country", "channel", "audience"], ignore_index=True)

    def registry_states(self) -> list[dict[str, Any]]:
        """Each do-not-call registry with its last screening, the day that screening stops
        being valid (None: never screened) and a one-line state for ``policy show``."""
        today = utcnow().date()
        out: list[dict[str, Any]] = []
        for reg in self._store.fetch_df(q.SELECT_REGISTRIES).to_dict(orient="records"):
            last, until = _day(reg["last_screened_on"]), _day(reg["valid_until"])
            if last is None or until is None:
                state = "never screened"
            elif until < today:
                state = f"screened {last}, expired on {until}: screen again"
            else:
                state = f"screened {last}, valid until {until}"
            out.append(
                {
                    **{str(k): v for k, v in reg.items()},
                    "last_screened_on": last,
                    "valid_until": until,
                    "state": state,
                }
            )
        return out

    def _rules_for(self, channel: str) -> pd.DataFrame:
        rules = self._effective_rules()
        rules = rules[(rules["channel"] == channel) & (rules["audience"] == "business")]
        return pd.DataFrame(
            {
                "country": rules["country"].to_numpy(dtype=object),
                "rule": rules["rule"].to_numpy(dtype=object),
            }
        )

    # -- notices (Art. 14) ---------------------------------------------------------------------

    def notices_due(self, status: str | None = None) -> pd.DataFrame:
        """Every active lead's notice state: due date (Art. 14(3)), given or not, overdue."""
        frame = self._store.fetch_df(q.SELECT_NOTICES_DUE, {"today": utcnow().date()})
        if status is not None:
            frame = frame[frame["status"] == status].reset_index(drop=True)
        return frame

    def mark_notice_sent(
        self,
        leads: int | Iterable[int],
        *,
        channel: str,
        on: date | None = None,
        language: str | None = None,
        version: str | None = "1",
        exemption: str | None = None,
    ) -> int:
        """Record that the Art. 14 notice was given to these leads (or, with ``exemption``, the
        Art. 14(5) ground relied on instead); returns how many were recorded."""
        ids = [int(leads)] if isinstance(leads, int) else [int(x) for x in leads]
        if not ids:
            return 0
        allowed = ("email", "phone", "post", "processor")
        if channel not in allowed:
            raise ConfigError(f"notice channel must be one of: {', '.join(allowed)}")
        frame = pd.DataFrame({"lead_id": np.array(sorted(set(ids)), dtype=np.int64)})
        with self._store.transaction(), self._store.registered("incoming_notice_leads", frame):
            found = self._store.fetch_df(q.SELECT_ACTIVE_LEAD_IDS)
            missing = found[found["status"] != "active"]["lead_id"].tolist()
            if missing:
                raise RegisterError(
                    f"lead(s) {', '.join(map(str, missing[:5]))} not found or merged into "
                    "another; use the ids leadguard leads shows"
                )
            self._store.execute(
                q.INSERT_NOTICES,
                {
                    "channel": channel,
                    "sent_on": on or utcnow().date(),
                    "language": language,
                    "version": version,
                    "exemption": exemption,
                    "now": utcnow(),
                    "user": self.user,
                },
            )
            self._audit("notices", leads=len(frame), channel=channel, exemption=bool(exemption))
        return len(frame)

    def notice_text(self, lead_id: int, language: str | None = None, *, html: bool = False) -> str:
        """The Art. 14 notice for one lead, in its country's language unless one is given."""
        from leadguard.notices import render_notice

        lead = self.resolve_lead(lead_id)
        row = self._store.fetch_df(q.SELECT_LEAD, [lead]).iloc[0]
        country = row["country"] if isinstance(row["country"], str) else None
        return render_notice(
            self._notice_context(lead, row), language or notice_language(country), html=html
        )

    def _notice_context(self, lead: int, row: pd.Series) -> Any:
        """What the notice of one (resolved) lead says; ``row`` is its leads() row."""
        from leadguard.notices import NoticeContext, NoticeRecipient, NoticeSource, NoticeTransfer

        config = self.settings()
        missing = [
            k for k in ("controller.name", "controller.email", "authority.name") if not config[k]
        ]
        if missing:
            raise ConfigError(
                f"a notice names the controller and the authority: set {', '.join(missing)} "
                "with leadguard config set KEY VALUE"
            )
        name = " ".join(str(v) for v in (row["first_name"], row["last_name"]) if isinstance(v, str))
        sources = tuple(
            NoticeSource(name=n, kind=k, publicly_accessible=bool(p), acquired_on=a)
            for n, k, p, a in self._store.fetch_all(q.SELECT_LEAD_SOURCES, [lead])
        )
        bases = self._store.fetch_all(q.SELECT_LEAD_BASES, [lead])
        basis = self.basis(str(bases[0][0])) if bases else None
        if basis is None:
            raise RegisterError(f"lead {lead} has no sightings on a legal basis")
        held = self._store.fetch_df(q.SELECT_LEAD_FIELDS_HELD, [lead]).iloc[0]
        categories = tuple(str(k) for k, v in held.items() if int(v) > 0)
        recipients = [
            r
            for r in self.recipients().to_dict(orient="records")
            if not r["purposes"] or basis.name in str(r["purposes"]).split(",")
        ]
        last = max(b[1] for b in bases)
        delete_by = (pd.Timestamp(last) + pd.DateOffset(months=basis.retention_months)).date()
        return NoticeContext(
            person_name=name or None,
            controller_name=str(config["controller.name"]),
            controller_address=config["controller.address"],
            controller_email=str(config["controller.email"]),
            dpo_email=config["controller.dpo_email"],
            categories=categories,
            purpose=basis.purpose,
            basis_kind=basis.kind,
            legitimate_interests=basis.lia_text if basis.needs_lia else None,
            sources=sources,
            recipients=tuple(
                NoticeRecipient(name=r["name"], role=r["role"], country=r["country"])
                for r in recipients
            ),
            transfers=tuple(
                NoticeTransfer(
                    recipient=r["name"],
                    country=r["country"],
                    mechanism=str(r["transfer"]),
                    safeguard_url=r["safeguard_url"],
                )
                for r in recipients
                if isinstance(r["transfer"], str)
            ),  # fmt: skip
            retention_months=basis.retention_months,
            delete_by=delete_by,
            authority_name=str(config["authority.name"]),
            authority_url=config["authority.url"],
            objection_email=config["objection.email"] or config["controller.email"],
            objection_url=config["objection.url"],
        )

    # -- restrictions (Art. 18) ----------------------------------------------------------------

    def restrict(self, lead_id: int, *, reason: str, request_id: str | None = None) -> None:
        """Restrict processing of a lead: the export gate leaves it out until lifted."""
        lead = self.resolve_lead(lead_id)
        with self._store.transaction():
            self._store.execute(q.INSERT_RESTRICTION, [lead, utcnow().date(), reason, request_id])
            self._audit("restrict", lead_id=lead, request_id=request_id)

    def lift_restriction(self, lead_id: int) -> None:
        """End a restriction of processing."""
        lead = self.resolve_lead(lead_id)
        with self._store.transaction():
            self._store.execute(q.LIFT_RESTRICTION, [utcnow(), lead])
            self._audit("restriction_lifted", lead_id=lead)

    # -- the gate ------------------------------------------------------------------------------

    def export(
        self,
        recipient: str,
        channel: str = "email",
        purpose: str | None = None,
        format: str = "csv",  # noqa: A002 - the CLI's --format
        out: str | os.PathLike[str] | None = None,
        dry_run: bool = False,
        *,
        include_role: bool = False,
        include_shared: bool = False,
        scope: str | None = None,
        skip_unchanged: bool = False,
    ) -> ExportReport:
        """Export the leads it is lawful to send to ``recipient`` on ``channel`` under the legal
        basis ``purpose``; every exclusion is counted by reason and every disclosure logged.

        A recipient outside the EEA without a valid transfer mechanism, a processor without its
        contract, a basis that does not cover the channel or whose LIA is past review stop the
        whole export. ``dry_run`` writes and records nothing; ``skip_unchanged`` sends nothing
        when the file would be identical to the last one sent to the recipient (pipelines).
        """
        from leadguard.export import EXPORT_FORMATS, write_export, write_manifest

        today = utcnow().date()
        chan = parse_choice(Channel, channel, "channel")
        if format not in EXPORT_FORMATS:
            raise ConfigError(f"unknown format {format!r}; use one of: {', '.join(EXPORT_FORMATS)}")
        if purpose is None:
            raise ConfigError(
                "name the legal basis the export is made under (purpose=, --purpose BASIS)"
            )
        rec = self.recipient(recipient)
        bas = self.basis(purpose)
        self._check_export_allowed(rec, bas, chan, today)
        if not dry_run and out is None:
            raise ConfigError("give the file to write (out=, --out FILE), or make a dry run")
        policy = self.notice_policy
        params = {
            **_screen_params(chan, scope),
            "basis_id": bas.basis_id,
            "retention_months": bas.retention_months,
        }
        with self._store.registered("incoming_rules", self._rules_for(chan)):
            gate = self._store.fetch_df(q.EXPORT_GATE, params)
        reason, notice_due = _decide(
            gate,
            chan,
            consent_basis=bas.kind == BasisKind.CONSENT,
            include_role=include_role,
            include_shared=include_shared,
            notice_ok_for_processor=policy == NoticePolicy.WITH_FIRST_CONTACT
            and rec.role == RecipientRole.PROCESSOR,
        )
        passing = gate[reason.isna().to_numpy()].reset_index(drop=True)
        due = notice_due[reason.isna().to_numpy()]
        exclusions = {str(k): int(v) for k, v in reason.value_counts().items()}
        exclusions = {k: exclusions[k] for k in EXCLUSION_ORDER if k in exclusions}
        by_suppression = gate.loc[reason == "suppressed", "suppression_reason"].value_counts()
        report = ExportReport(
            recipient=rec.name,
            basis=bas.name,
            channel=chan,
            format=format,
            dry_run=dry_run,
            notice_policy=policy,
            leads_considered=len(gate),
            exported=len(passing),
            excluded=exclusions,
            suppressed_by_reason={str(k): int(v) for k, v in by_suppression.items()},
            notice_due=int(due.sum()),
        )
        if dry_run:
            return report
        rows = self._export_rows(passing, bas, chan, due)
        assert out is not None
        target = Path(os.fspath(out))
        if skip_unchanged:
            # A pipeline run again: the same file to the same recipient is not sent again.
            pending = target.with_name(f".{target.name}.pending")
            written = write_export(rows, format, pending, channel=chan)
            last = self._store.fetch_one(
                q.SELECT_LAST_EXPORT, [rec.recipient_id, bas.basis_id, chan, format]
            )
            if last is not None and str(last[1]) == written.sha256 and target.exists():
                pending.unlink(missing_ok=True)
                return dataclasses.replace(
                    report, export_id=int(last[0]), out=str(target), sha256=written.sha256,
                    unchanged=True,
                )  # fmt: skip
            os.replace(pending, target)
            written = dataclasses.replace(written, path=target)
        else:
            written = write_export(rows, format, target, channel=chan)
        dropped = written.dropped
        if len(dropped):
            for why, n in dropped["reason"].value_counts().items():
                exclusions[f"format: {why}"] = int(n)
        sent = rows[~rows["leadguard_id"].isin(dropped["leadguard_id"])] if len(dropped) else rows
        with self._store.transaction():
            export_id = self._store.new_id(q.SEQ_EXPORT)
            self._store.execute(
                q.INSERT_EXPORT,
                [
                    export_id,
                    rec.recipient_id,
                    bas.basis_id,
                    chan,
                    format,
                    written.path.name,
                    written.sha256,
                    written.rows,
                    len(gate) - written.rows,
                    json.dumps(exclusions),
                    policy,
                    utcnow(),
                    self.user,
                ],
            )
            log_frame = pd.DataFrame(
                {
                    "lead_id": sent["leadguard_id"].to_numpy(dtype=np.int64),
                    "notice_due": (
                        sent["notice_due"].to_numpy(dtype=bool)
                        if "notice_due" in sent
                        else np.zeros(len(sent), dtype=bool)
                    ),
                }
            )
            with self._store.registered("incoming_disclosures", log_frame):
                self._store.execute(
                    q.INSERT_DISCLOSURES,
                    {
                        "export_id": export_id,
                        "recipient_id": rec.recipient_id,
                        "now": utcnow(),
                        "fields": ",".join(written.fields),
                    },
                )
            self._audit(
                "export",
                export_id=export_id,
                recipient_id=rec.recipient_id,
                basis_id=bas.basis_id,
                channel=chan,
                rows=written.rows,
                sha256=written.sha256,
            )
        report = dataclasses.replace(
            report,
            export_id=export_id,
            exported=written.rows,
            excluded=exclusions,
            out=str(written.path),
            sha256=written.sha256,
            fields=written.fields,
        )
        manifest = write_manifest(written, _manifest_info(report))
        log.info("export %d to recipient %d: %d leads", export_id, rec.recipient_id, written.rows)
        return dataclasses.replace(report, manifest=str(manifest))

    def _check_export_allowed(self, rec: Recipient, bas: Any, chan: str, today: date) -> None:
        problem = transfer_problem(rec.name, rec.country, rec.transfer, rec.dpf_checked_on,
                                   today=today)  # fmt: skip
        if problem:
            raise ConfigError(problem)
        if rec.role == RecipientRole.PROCESSOR and not rec.contract_ref:
            raise ConfigError(
                f"recipient {rec.name!r} is a processor without its Art. 28 contract: record it "
                "with leadguard recipient add --replace --contract REF"
            )
        if rec.purposes is not None and bas.name not in rec.purposes:
            raise ConfigError(
                f"recipient {rec.name!r} may receive leads under {', '.join(rec.purposes)} "
                f"only, not {bas.name!r}"
            )
        if chan not in bas.channels:
            raise ConfigError(
                f"basis {bas.name!r} covers {', '.join(bas.channels)}, not {chan}: "
                "export on a basis that covers the channel"
            )
        errors, warnings = bas.lia_problems(today)
        overdue = [w for w in warnings if "due for review" in w]
        if errors or overdue:
            raise ConfigError((errors or overdue)[0])

    def _export_rows(
        self, passing: pd.DataFrame, bas: Any, chan: str, due: np.ndarray[Any, Any]
    ) -> pd.DataFrame:
        """What leaves: identity fields and the channel's contact point only (minimisation)."""
        data: dict[str, Any] = {"leadguard_id": passing["lead_id"].to_numpy(dtype=np.int64)}
        for column in (
            "first_name",
            "last_name",
            "email",
            "phone",
            "mobile",
            *_IDENTITY_FIELDS[2:],
        ):
            keep = column not in ("email", "phone", "mobile") or column in _CHANNEL_FIELDS[chan]
            values = passing[column].to_numpy(dtype=object)
            data[column] = values if keep else np.full(len(passing), None, dtype=object)
        if chan == "post":
            for column in _CHANNEL_FIELDS["post"]:
                data[column] = passing[column].to_numpy(dtype=object)
        data["basis"] = np.full(len(passing), bas.name, dtype=object)
        data["basis_kind"] = np.full(len(passing), bas.kind, dtype=object)
        rows = pd.DataFrame(data)
        rows = rows.astype({c: object for c in rows.columns if c != "leadguard_id"})
        rows = rows.where(rows.notna(), None)
        if due.any():
            link = self.setting("notice.link")
            rows["notice_due"] = due
            texts = np.full(len(rows), None, dtype=object)
            ids = rows["leadguard_id"].to_numpy(dtype=np.int64)
            for i in np.flatnonzero(due):
                texts[i] = link or self.notice_text(int(ids[i]))
            rows["notice_text"] = texts
        return rows

    # -- the log -------------------------------------------------------------------------------

    def disclosures(self, lead_id: int | None = None) -> pd.DataFrame:
        """Who received what and when: one row per lead and export (all leads when None)."""
        lead = self.resolve_lead(lead_id) if lead_id is not None else None
        return self._store.fetch_df(q.SELECT_DISCLOSURES, {"lead_id": lead})

    def recipients_to_notify(self, lead_id: int) -> pd.DataFrame:
        """Everyone a lead was disclosed to: whom to tell after a rectification, erasure,
        restriction (Art. 19) or an objection."""
        return self._store.fetch_df(q.SELECT_RECIPIENTS_TO_NOTIFY, [self.resolve_lead(lead_id)])

    def exports(self) -> pd.DataFrame:
        """Every export that wrote a file: recipient, basis, channel, counts, file hash."""
        return self._store.fetch_df(q.SELECT_EXPORTS)


def _decide(
    gate: pd.DataFrame,
    channel: str,
    *,
    consent_basis: bool,
    include_role: bool,
    include_shared: bool,
    notice_ok_for_processor: bool,
) -> tuple[pd.Series, np.ndarray[Any, Any]]:
    """The first reason each lead is left out (None: it goes), and whether it goes with its
    notice still due."""
    n = len(gate)
    col = {c: gate[c].to_numpy() for c in gate.columns}
    consent = gate["consent"].astype("boolean").fillna(False).to_numpy(dtype=bool)
    rule = col["country_rule"].astype(object)
    email_role = col["email_role"].astype(bool)
    if channel == "email":
        # role_only: an impersonal address, or a recorded "Yes" (consent is always enough).
        country_blocks = (rule != "allowed") & ~consent & ~((rule == "role_only") & email_role)
        no_contact = pd.isna(col["email"])
    elif channel == "phone":
        country_blocks = (rule != "allowed") & ~consent
        no_contact = pd.isna(col["phone"]) & pd.isna(col["mobile"])
    else:
        country_blocks = (rule != "allowed") & ~consent
        no_contact = pd.isna(col["postal_address"]) & pd.isna(col["street"])
    suppressed = col["suppressed"].astype(bool)
    bounced = suppressed & (col["suppression_reason"].astype(object) == "bounce")
    noticed = ~pd.isna(col["notice_sent_on"])
    checks = [
        ("suppressed", suppressed & ~bounced),
        ("bounced", bounced),
        ("restricted", col["restricted"].astype(bool)),
        ("not_on_basis", ~col["on_basis"].astype(bool)),
        ("past_retention", col["past_retention"].astype(bool)),
        ("country_rule", country_blocks),
        ("no_consent", np.full(n, consent_basis) & ~consent),
        ("no_contact_point", no_contact),
        ("role_mailbox", np.full(n, channel == "email" and not include_role) & email_role),
        ("shared_address",
         np.full(n, channel == "email" and not include_shared) & (col["email_holders"] > 1)),
        ("notice_not_given", ~noticed & np.full(n, not notice_ok_for_processor)),
    ]  # fmt: skip
    reason = np.full(n, None, dtype=object)
    for name, hit in checks:
        reason = np.where(pd.isna(reason) & hit, name, reason)
    return pd.Series(reason, dtype=object), ~noticed


def _day(value: Any) -> date | None:
    """A date from a DuckDB/pandas cell (None for a missing one)."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _manifest_info(report: ExportReport) -> Mapping[str, Any]:
    return {
        "export_id": report.export_id,
        "recipient": report.recipient,
        "basis": report.basis,
        "channel": report.channel,
        "notice_policy": report.notice_policy,
        "leads_considered": report.leads_considered,
        "exported": report.exported,
        "excluded": report.excluded,
        "suppressed_by_reason": report.suppressed_by_reason,
        "notice_due": report.notice_due,
    }
