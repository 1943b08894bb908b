"""Rules the export gate applies that differ by country: ePrivacy channel rules, transfers, notices.

GDPR's legitimate interest is not enough where national e-marketing law asks for consent; which
law says what is configuration (``policy_defaults.toml`` plus overrides in the ledger), not code.
Transfer rules follow Chapter V GDPR: inside the EEA nothing is needed, elsewhere an adequacy
decision, the EU-US Data Privacy Framework (certified organisations only), SCCs or BCRs.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from leadguard.errors import ConfigError

__all__ = [
    "ADEQUATE",
    "DPF_RECHECK_DAYS",
    "EEA",
    "AUDIENCES",
    "ChannelRule",
    "DefaultRule",
    "NoticePolicy",
    "RecipientRole",
    "TransferMechanism",
    "default_rules",
    "notice_language",
    "parse_rules",
    "transfer_problem",
]


class ChannelRule(StrEnum):
    """What national law asks before marketing on a channel."""

    ALLOWED = "allowed"
    CONSENT = "consent"
    ROLE_ONLY = "role_only"


class NoticePolicy(StrEnum):
    """When a lead may leave before its Art. 14 notice was given."""

    STRICT = "strict"
    """Only leads whose notice was given."""
    WITH_FIRST_CONTACT = "with-first-contact"
    """Also to a processor making the first contact, carrying the notice (Art. 14(3)(b))."""


class RecipientRole(StrEnum):
    """Who receives exported leads (a processor is a recipient too, Art. 4(9))."""

    PROCESSOR = "processor"
    RESELLER = "reseller"
    GROUP_COMPANY = "group_company"


class TransferMechanism(StrEnum):
    """Chapter V GDPR grounds for a transfer outside the EEA."""

    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    DPF = "dpf"


EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
    + ["IS", "LI", "NO"]
)
"""EU member states plus Iceland, Liechtenstein and Norway: no transfer mechanism needed."""

ADEQUATE = frozenset("AD AR CA FO GG IL IM JP JE NZ KR CH GB UY".split())
"""Countries with a Commission adequacy decision (Art. 45). The United States is adequate only for
organisations certified under the Data Privacy Framework (mechanism ``dpf``); Canada's decision
covers commercial organisations. Check the Commission's list when adding recipients."""

DPF_RECHECK_DAYS = 365
"""DPF certifications are renewed yearly: a check older than this stops exports."""

_LANGUAGE = {
    "BE": "nl", "NL": "nl", "FR": "fr", "LU": "fr", "MC": "fr", "DE": "de", "AT": "de",
    "LI": "de", "CH": "de", "SE": "sv", "AX": "sv",
}  # fmt: skip


def notice_language(country: str | None) -> str:
    """The language a notice to someone in ``country`` is written in by default."""
    return _LANGUAGE.get((country or "").upper(), "en")


AUDIENCES = ("business", "individual")
"""Whom a rule is for: people at legal persons, or individuals in business (sole traders)."""

_CHANNELS = ("email", "phone", "post")


@dataclass(frozen=True)
class DefaultRule:
    """A shipped channel rule and the text it rests on, with the day that text was last checked."""

    rule: str
    source: str
    url: str | None = None
    checked_on: date | None = None
    secondary: bool = False
    """The point rests on secondary sources (guidance, commentary), not the statute's own text."""
    audience: str = "business"


@cache
def default_rules() -> dict[tuple[str, str], DefaultRule]:
    """(country, channel) → the shipped rule with its source, URL and ``checked_on``."""
    text = resources.files("leadguard").joinpath("policy_defaults.toml").read_text("utf-8")
    return parse_rules(tomllib.loads(text), "policy_defaults.toml")


def parse_rules(data: dict[str, Any], where: str) -> dict[tuple[str, str], DefaultRule]:
    """Channel rules from a parsed defaults file: ``[NL.email]`` tables with ``rule``,
    ``source``, optional ``url``, ``checked_on`` and ``secondary`` (the older flat layout,
    ``email = "allowed"`` beside one ``source`` per country, is read too)."""
    rules: dict[tuple[str, str], DefaultRule] = {}
    for country, row in data.items():
        for channel in _CHANNELS:
            entry = row.get(channel)
            if entry is None:
                continue
            if isinstance(entry, str):
                entry = {"rule": entry, "source": row.get("source", "")}
            rules[(country, channel)] = _rule(entry, f"{where} [{country}.{channel}]")
    return rules


def _rule(entry: dict[str, Any], where: str) -> DefaultRule:
    try:
        rule = ChannelRule(str(entry.get("rule"))).value
    except ValueError:
        allowed = ", ".join(r.value for r in ChannelRule)
        raise ConfigError(f"{where}: rule must be one of {allowed}") from None
    source = entry.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ConfigError(f"{where}: every rule needs its source (statute article, guidance)")
    checked = entry.get("checked_on")
    if checked is not None and not isinstance(checked, date):
        raise ConfigError(f"{where}: checked_on must be a TOML date such as 2026-12-08")
    url = entry.get("url")
    return DefaultRule(
        rule=rule,
        source=source.strip(),
        url=str(url) if url else None,
        checked_on=checked,
        secondary=bool(entry.get("secondary", False)),
    )


def transfer_problem(
    name: str,
    country: str,
    mechanism: str | None,
    dpf_checked_on: date | None,
    *,
    today: date,
) -> str | None:
    """Why exporting to this recipient would be an unlawful transfer, or None when it is fine."""
    if country in EEA:
        return None
    if mechanism is None:
        return (
            f"recipient {name!r} is in {country}, outside the EEA, with no transfer mechanism: "
            "record one with leadguard recipient add --replace --transfer adequacy|scc|bcr|dpf"
        )
    if mechanism == TransferMechanism.ADEQUACY and country not in ADEQUATE:
        hint = (
            " (the United States: use dpf for a certified organisation)" if country == "US" else ""
        )
        return f"recipient {name!r}: {country} has no adequacy decision{hint}; use scc or bcr"
    if mechanism == TransferMechanism.DPF:
        if country != "US":
            return f"recipient {name!r}: the Data Privacy Framework covers US organisations only"
        if dpf_checked_on is None:
            return (
                f"recipient {name!r}: DPF needs the date its certification was checked "
                "(--dpf-checked-on)"
            )
        if (today - dpf_checked_on).days > DPF_RECHECK_DAYS:
            return (
                f"recipient {name!r}: its DPF certification was checked on {dpf_checked_on}, "
                f"more than {DPF_RECHECK_DAYS} days ago; check dataprivacyframework.gov again"
            )
    return None


def parse_mechanism(value: str | None) -> str | None:
    """A transfer mechanism, refusing Privacy Shield with the reason."""
    if value is None or not value.strip():
        return None
    text = value.strip().lower().replace("_", "-").replace(" ", "-")
    if text in ("privacy-shield", "privacyshield", "eu-us-privacy-shield"):
        raise ConfigError(
            "Privacy Shield is no longer a transfer mechanism: the CJEU invalidated it on "
            "16 July 2020 (C-311/18, Schrems II); use dpf (EU-US Data Privacy Framework, "
            "with --dpf-checked-on) or scc"
        )
    try:
        return TransferMechanism(text).value
    except ValueError:
        allowed = ", ".join(m.value for m in TransferMechanism)
        raise ConfigError(f"unknown transfer mechanism {value!r}; use one of: {allowed}") from None
