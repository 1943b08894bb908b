"""From a value a person or a file gives to the match key that is hashed, one way for every path.

Suppression, screening and checks all go through here, so "Jan.Peeters@Acme.example",
"mailto:jan.peeters@acme.example;" and "Jan <jan.peeters@acme.example>" become one key, as
do the spellings of one phone number (E.164) and of one domain.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from leadguard.errors import ConfigError
from leadguard.normalize import normalize_email, normalize_emails, normalize_phone, normalize_phones
from leadguard.registers import parse_choice

__all__ = [
    "KIND_OF_KEY",
    "Identifier",
    "IdentifierKind",
    "Reason",
    "ScreenChannel",
    "guess_kind",
    "identifier",
    "identifiers",
    "vendor_digest",
]


class IdentifierKind(StrEnum):
    """What a suppression entry is about."""

    EMAIL = "email"
    DOMAIN = "domain"
    """A company that asked not to be contacted: every address at the domain."""
    PHONE = "phone"
    LEAD = "lead"
    """A person: every e-mail address and number the ledger knows for them."""


KIND_OF_KEY = {"email": "email", "domain": "domain", "phone": "phone"}
"""The key kinds hashes are stored under (a lead entry holds email and phone keys)."""


class Reason(StrEnum):
    """Why someone is on the list; the order is the order of precedence in reports."""

    OBJECTION = "objection"
    ERASURE = "erasure"
    COMPLAINT = "complaint"
    UNSUBSCRIBE = "unsubscribe"
    REFUSAL = "refusal"
    """A "No" to a marketing question on the form the person filled in."""
    DNC = "dnc"
    """A national do-not-call registry."""
    BOUNCE = "bounce"
    """A hard bounce: that address only, not the person."""
    MANUAL = "manual"


class ScreenChannel(StrEnum):
    """Channels an entry covers ('all' = every channel)."""

    ALL = "all"
    EMAIL = "email"
    PHONE = "phone"
    POST = "post"


@dataclass(frozen=True)
class Identifier:
    """A value ready to hash: its kind, its match key, and what vendors hash (if anything)."""

    kind: str
    key_text: str
    vendor_text: str | None = None


_PHONEISH = re.compile(r"[+(]?[0-9][0-9 ()./\-]{4,}")
_DOMAINISH = re.compile(r"@?[^\s@]+\.[^\s@]+")


def guess_kind(value: str) -> str:
    """email when it holds an '@' after text, phone when it is digits, else domain."""
    text = value.strip()
    if "@" in text.lstrip("@"):
        return "email"
    if _PHONEISH.fullmatch(text):
        return "phone"
    return "domain"


def _domain_key(value: str) -> str | None:
    domain = value.strip().lstrip("@").strip().rstrip(".")
    if not domain:
        return None
    return normalize_email(f"postmaster@{domain}").domain


def identifier(value: str, kind: str | None = None, *, region: str | None = None) -> Identifier:
    """The identifier behind one value; a ConfigError says why a value cannot be one."""
    kind = parse_choice(IdentifierKind, kind, "kind") if kind else guess_kind(value)
    if kind == "email":
        email = normalize_email(value)
        if not email.valid or email.match_key is None or email.normalized is None:
            raise ConfigError(f"not a valid e-mail address ({email.reason}); check the value")
        return Identifier("email", email.match_key, email.normalized.lower())
    if kind == "phone":
        phone = normalize_phone(value, region)
        if not phone.valid or phone.e164 is None:
            raise ConfigError(
                f"not a valid phone number ({phone.reason}); write it as +<country code>… "
                "or give --country"
            )
        return Identifier("phone", phone.e164, phone.e164.lstrip("+"))
    if kind == "domain":
        domain = _domain_key(value)
        if domain is None:
            raise ConfigError("not a valid domain; write it as example.com")
        return Identifier("domain", domain)
    raise ConfigError("a lead is suppressed by its id: use Ledger.suppress_lead")


def _pick(ok: Any, values: Any, otherwise: object) -> Any:
    """``values`` where ``ok``, else ``otherwise`` (object arrays: None stays None)."""
    out = np.full(len(ok), otherwise, dtype=object)
    out[ok] = np.asarray(values, dtype=object)[ok]
    return out


def identifiers(
    values: pd.Series, kinds: pd.Series, region: str | None = None
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Column form of :func:`identifier`: (key_text, vendor_text, reject reason) per row.

    A row that cannot be read gets key None and a reason in words (without the value).
    """
    n = len(values)
    keys = np.full(n, None, dtype=object)
    vendor = np.full(n, None, dtype=object)
    rejects = np.full(n, None, dtype=object)
    kind = kinds.to_numpy(dtype=object)
    for wanted in ("email", "phone", "domain"):
        rows = np.flatnonzero(kind == wanted)
        if not len(rows):
            continue
        subset = values.iloc[rows]
        if wanted == "email":
            found = normalize_emails(subset)
            ok = found["valid"].to_numpy(dtype=bool) & found["match_key"].notna().to_numpy()
            key = found["match_key"].to_numpy(dtype=object)
            shown = np.array([v.lower() if isinstance(v, str) else None
                              for v in found["normalized"].tolist()], dtype=object)  # fmt: skip
            reason = "not a valid e-mail address"
        elif wanted == "phone":
            found = normalize_phones(subset, region)
            ok = found["valid"].to_numpy(dtype=bool) & found["e164"].notna().to_numpy()
            key = found["e164"].to_numpy(dtype=object)
            shown = np.array([v[1:] if isinstance(v, str) else None for v in key], dtype=object)
            reason = "not a valid phone number"
        else:
            cache = {v: _domain_key(str(v)) for v in pd.unique(subset.to_numpy(dtype=object))}
            key = np.array([cache[v] for v in subset.tolist()], dtype=object)
            ok = np.array([k is not None for k in key], dtype=bool)
            shown = np.full(len(rows), None, dtype=object)
            reason = "not a valid domain"
        keys[rows] = _pick(ok, key, None)
        vendor[rows] = _pick(ok, shown, None)
        rejects[rows] = _pick(~ok, np.full(len(rows), reason, dtype=object), None)
    index = values.index
    return (
        pd.Series(keys, index=index, dtype=object),
        pd.Series(vendor, index=index, dtype=object),
        pd.Series(rejects, index=index, dtype=object),
    )


def vendor_digest(text: str) -> bytes:
    """The plain SHA-256 vendors match hashed suppression uploads on (lower-case address, or a
    number's digits with its country code)."""
    return hashlib.sha256(text.encode("utf-8")).digest()
