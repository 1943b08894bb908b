"""Suppression rows linked to people by name and company: DataFrame work only, no storage.

A vendor's unsubscribe export often carries the person's name and company next to an address
the ledger does not hold (an old or private one). The person objected, so their other addresses
must not be mailed either. Such a row is compared with the sightings of the leads it could be
(same surname or same company) by the dedupe engine, with the ledger's columns and rules; a
match links the row to the lead. The forms compared are made exactly as ingest makes them for
sightings (:func:`leadguard.normalize.normalize_person_name`, ``normalize_company``).
"""

from __future__ import annotations

import json
from typing import Any, Final

import numpy as np
import pandas as pd

from leadguard.normalize import normalize_company, normalize_person_name

__all__ = [
    "LINK_THRESHOLD",
    "UNCERTAIN_FLOOR",
    "best_links",
    "identity_text",
    "link_rows",
    "read_identity",
]

LINK_THRESHOLD: Final = 0.9
"""Match probability from which a row is the lead's person beyond doubt: the ledger's dedupe
threshold, so a row and a sighting are linked on the evidence two sightings are merged on."""
UNCERTAIN_FLOOR: Final = 0.2
"""Lowest match probability that still links (marked uncertain, for review). An unsubscribe
that reaches a namesake by mistake costs one lead a mailing until someone unlinks it; one that
misses the person mails someone who said no. Over-suppress rather than under: the uncertain
band [0.2, 0.9) suppresses too and goes to the review queue."""

_IDENTITY_FIELDS = ("first_name", "last_name", "company", "email_domain")


def identity_text(first: Any, last: Any, company: Any, email_domain: Any) -> str | None:
    """The name, company and e-mail domain of one suppression row as the text that is sealed,
    or None when the row cannot be linked (it needs a surname and a company)."""
    name = normalize_person_name(_cell(first), _cell(last), None)
    firm = normalize_company(_cell(company))
    if not name.match_last or not firm.match_key:
        return None
    values = (_cell(first), _cell(last), _cell(company), _cell(email_domain))
    return json.dumps(dict(zip(_IDENTITY_FIELDS, values, strict=True)), ensure_ascii=False)


def read_identity(text: str) -> dict[str, str | None]:
    """The fields :func:`identity_text` sealed."""
    data = json.loads(text)
    return {name: data.get(name) for name in _IDENTITY_FIELDS}


def _cell(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def link_rows(identities: pd.DataFrame) -> pd.DataFrame:
    """Match forms of rows to link (``identities``: first_name, last_name, company,
    email_domain): first_match, last_match, company_key and org_domain (the address's domain,
    evidence of the organisation as in the ledger's dedupe), one row each in the same order;
    e-mail and phone stay empty (the row's address is not one the lead is known by)."""
    names = [
        normalize_person_name(_cell(f), _cell(last), None)
        for f, last in zip(identities["first_name"], identities["last_name"], strict=True)
    ]
    firms = [normalize_company(_cell(c)) for c in identities["company"]]
    domains = [(_cell(d) or "").lower().lstrip("@") or None for d in identities["email_domain"]]
    return pd.DataFrame(
        {
            "first_match": pd.Series([n.match_first for n in names], dtype=object),
            "last_match": pd.Series([n.match_last for n in names], dtype=object),
            "company_key": pd.Series([f.match_key for f in firms], dtype=object),
            "org_domain": pd.Series(domains, dtype=object),
        }
    )


def best_links(
    pairs: pd.DataFrame,
    row_of: np.ndarray[Any, Any],
    lead_of: np.ndarray[Any, Any],
    *,
    floor: float = UNCERTAIN_FLOOR,
    threshold: float = LINK_THRESHOLD,
) -> pd.DataFrame:
    """The (row, lead) links from scored pairs: the best probability over the lead's sightings,
    kept from ``floor``; ``uncertain`` below ``threshold``.

    ``pairs`` is :func:`leadguard.dedupe.score_pairs`' frame (``i``, ``j``, ``probability``);
    ``row_of`` maps a frame position to its row number (-1 for sightings) and ``lead_of`` a
    position to its lead (-1 for rows). Columns: row_no, lead_id, probability, uncertain.
    """
    columns = ["row_no", "lead_id", "probability", "uncertain"]
    if len(pairs) == 0:
        return pd.DataFrame(
            {
                "row_no": np.zeros(0, dtype=np.int64),
                "lead_id": np.zeros(0, dtype=np.int64),
                "probability": np.zeros(0, dtype=float),
                "uncertain": np.zeros(0, dtype=bool),
            }
        )
    i = pairs["i"].to_numpy(dtype=np.int64)
    j = pairs["j"].to_numpy(dtype=np.int64)
    row_i, row_j = row_of[i], row_of[j]
    # One side is a row, the other a sighting; a pair of two rows or two sightings says nothing.
    mixed = (row_i >= 0) != (row_j >= 0)
    row = np.where(row_i >= 0, row_i, row_j)[mixed]
    sighting = np.where(row_i >= 0, j, i)[mixed]
    frame = pd.DataFrame(
        {
            "row_no": row,
            "lead_id": lead_of[sighting],
            "probability": pairs["probability"].to_numpy(dtype=float)[mixed],
        }
    )
    best = frame.groupby(["row_no", "lead_id"], as_index=False)["probability"].max()
    best = best[best["probability"] >= floor].reset_index(drop=True)
    best["uncertain"] = best["probability"] < threshold
    out: pd.DataFrame = best[columns]
    return out
