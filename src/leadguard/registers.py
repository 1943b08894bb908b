"""The registers every sighting points to: legal bases (with their LIA) and sources.

A value is only stored together with the source it came from and the legal basis it is held on
(GDPR Art. 6(1), 14(2)(f), 15(1)(g)); these records say what those are.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from leadguard.errors import ConfigError, RegisterError

__all__ = [
    "BasisKind",
    "Channel",
    "LegalBasis",
    "Recipient",
    "Source",
    "SourceKind",
    "parse_channels",
    "parse_choice",
    "read_lia_file",
]


class BasisKind(StrEnum):
    """The six lawful bases of GDPR Art. 6(1)(a)–(f)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTEREST = "legitimate_interest"

    @property
    def article(self) -> str:
        """The Art. 6(1) point this basis is, e.g. 'Art. 6(1)(f)'."""
        letter = "abcdef"[list(BasisKind).index(self)]
        return f"Art. 6(1)({letter})"


class Channel(StrEnum):
    """Ways of contacting a person for marketing."""

    EMAIL = "email"
    PHONE = "phone"
    POST = "post"


class SourceKind(StrEnum):
    """Kinds of places prospect data comes from."""

    EVENT = "event"
    LINKEDIN = "linkedin"
    PUBLIC_REGISTRY = "public_registry"
    COMPANY_WEBSITE = "company_website"
    MEMBER_LIST = "member_list"
    TRADE_FAIR_LIST = "trade_fair_list"
    PURCHASED_LIST = "purchased_list"
    OWN_RESEARCH = "own_research"
    WEBSHOP = "webshop"
    REFERRAL = "referral"
    OTHER = "other"


# Kinds that are publicly accessible by their nature, used for a research sheet's per-row source
# when no registered source of that name says otherwise (Art. 14(2)(f) asks whether a source is).
PUBLIC_BY_NATURE = frozenset({SourceKind.PUBLIC_REGISTRY, SourceKind.COMPANY_WEBSITE})


def parse_choice(enum: type[StrEnum], value: str, what: str) -> str:
    """``value`` as one of ``enum``'s values (case, spaces, ``-`` and ``_`` as people write
    them), or a ConfigError listing the values."""
    text = value.strip().lower()
    for candidate in (text, re.sub(r"[- ]", "_", text), re.sub(r"[_ ]", "-", text)):
        if candidate in enum._value2member_map_:
            return enum(candidate).value
    allowed = ", ".join(e.value for e in enum)
    raise ConfigError(f"unknown {what} {value!r}; use one of: {allowed}")


def parse_channels(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """'email,phone' or ['email', 'phone'] → ('email', 'phone'), validated, in canonical order."""
    items = value.split(",") if isinstance(value, str) else list(value)
    chosen = {parse_choice(Channel, item, "channel") for item in items if item.strip()}
    if not chosen:
        raise ConfigError("a legal basis needs at least one channel (email, phone, post)")
    return tuple(c.value for c in Channel if c.value in chosen)


def read_lia_file(path: str | Path) -> tuple[str, str, str]:
    """(text, base name, SHA-256) of a legitimate-interest assessment kept as a text file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ConfigError(
            f"{file.name}: cannot read the LIA file ({error.strerror}); check the path"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ConfigError(f"{file.name}: the LIA file is empty; write the assessment in it")
    return text, file.name, hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class LegalBasis:
    """A legal basis in the register, with its legitimate-interest assessment where needed."""

    name: str
    kind: str
    """A BasisKind value."""
    purpose: str
    channels: tuple[str, ...]
    retention_months: int
    lia_text: str | None = None
    """The assessment (purpose, necessity and balancing tests) as written; free text."""
    lia_file: str | None = None
    lia_sha256: str | None = None
    lia_assessed_by: str | None = None
    lia_assessed_on: date | None = None
    lia_review_by: date | None = None
    basis_id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ConfigError("a legal basis needs a name")
        object.__setattr__(self, "kind", parse_choice(BasisKind, self.kind, "basis kind"))
        object.__setattr__(self, "channels", parse_channels(self.channels))
        if not self.purpose.strip():
            raise ConfigError(f"basis {self.name!r}: give its purpose (--purpose)")
        if self.retention_months <= 0:
            raise ConfigError(f"basis {self.name!r}: retention must be a positive number of months")
        if (
            self.lia_assessed_on is not None
            and self.lia_review_by is not None
            and self.lia_review_by < self.lia_assessed_on
        ):
            raise ConfigError(f"basis {self.name!r}: the LIA review date is before its assessment")

    @property
    def needs_lia(self) -> bool:
        """Legitimate interest (Art. 6(1)(f)) must be backed by a recorded assessment."""
        return self.kind == BasisKind.LEGITIMATE_INTEREST

    def lia_problems(self, today: date) -> tuple[list[str], list[str]]:
        """(errors, warnings) about the LIA on ``today``.

        Errors stop an import; warnings go in every report.
        """
        if not self.needs_lia:
            return [], []
        if not (self.lia_text or "").strip():
            return [
                f"basis {self.name!r} is legitimate interest but has no assessment (LIA); add one "
                "with `leadguard basis add NAME … --lia-file FILE`"
            ], []
        if self.lia_review_by is None:
            return [], [f"basis {self.name!r}: the LIA has no review date (--lia-review-by)"]
        if self.lia_review_by < today:
            return [], [
                f"basis {self.name!r}: the LIA was due for review on {self.lia_review_by}; "
                "review it (exports on this basis are refused until then)"
            ]
        return [], []


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """A source in the register: where a list came from and whether it is publicly accessible."""

    name: str
    kind: str
    """A SourceKind value."""
    publicly_accessible: bool
    supplier: str | None = None
    contract_ref: str | None = None
    url: str | None = None
    default_acquired_on: date | None = None
    source_id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ConfigError("a source needs a name")
        object.__setattr__(self, "kind", parse_choice(SourceKind, self.kind, "source kind"))
        if self.kind == SourceKind.PURCHASED_LIST and not (self.supplier and self.contract_ref):
            raise RegisterError(
                f"source {self.name!r} is a purchased list: record its supplier and contract "
                "reference (--supplier, --contract)"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipient:
    """Someone exported leads go to: a processor, a reseller or a group company (Art. 4(9))."""

    name: str
    role: str
    """A RecipientRole value."""
    country: str
    """ISO 3166-1 alpha-2."""
    transfer: str | None = None
    """Outside the EEA: adequacy, scc, bcr or dpf."""
    dpf_checked_on: date | None = None
    contract_ref: str | None = None
    """A processor's Art. 28 contract."""
    purposes: tuple[str, ...] | None = None
    """Legal bases (names) it may receive leads under; None: any."""
    safeguard_url: str | None = None
    recipient_id: int | None = None

    def __post_init__(self) -> None:
        from leadguard.normalize import normalize_country
        from leadguard.policy import RecipientRole, TransferMechanism, parse_mechanism

        if not self.name.strip():
            raise ConfigError("a recipient needs a name")
        object.__setattr__(self, "role", parse_choice(RecipientRole, self.role, "recipient role"))
        code = normalize_country(self.country)
        if code is None:
            raise ConfigError(f"recipient {self.name!r}: {self.country!r} is not a country code")
        object.__setattr__(self, "country", code)
        object.__setattr__(self, "transfer", parse_mechanism(self.transfer))
        if self.transfer == TransferMechanism.DPF and self.dpf_checked_on is None:
            raise ConfigError(
                f"recipient {self.name!r}: the Data Privacy Framework needs the date the "
                "organisation's certification was checked (--dpf-checked-on)"
            )
