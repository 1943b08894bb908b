"""E-mail normalization on cells shaped like real exports (tests/data/normalize/emails.csv)."""

import csv
import unicodedata
from pathlib import Path

import pytest

from leadguard import EmailResult, normalize_email
from leadguard.normalize.emails import PROVIDER_RULES

TABLE = Path(__file__).parents[1] / "data" / "normalize" / "emails.csv"
with TABLE.open(encoding="utf-8", newline="") as fh:
    ROWS = list(csv.DictReader(fh))


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 60
    assert sum(1 for r in ROWS if not r["normalized"]) >= 15


@pytest.mark.parametrize("row", ROWS, ids=[r["note"] for r in ROWS])
def test_cell(row: dict[str, str]) -> None:
    result = normalize_email(row["raw"])
    if row["normalized"]:
        assert result.valid, result.reason
        assert result.reason is None
        assert result.normalized == row["normalized"]
        assert result.match_key == row["match_key"]
        assert result.role_account is bool(int(row["role_account"]))
        assert result.domain == row["normalized"].rpartition("@")[2]
    else:
        assert not result.valid
        assert result.normalized is None and result.match_key is None
        assert result.reason
        assert row["reason_contains"] in result.reason


@pytest.mark.parametrize("value", [None, float("nan"), 42, 3.5, b"jan@example.be", object()])
def test_non_text_cells_never_raise(value: object) -> None:
    result = normalize_email(value)
    assert isinstance(result, EmailResult)


def test_result_is_frozen() -> None:
    result = normalize_email("jan@example.be")
    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]


def test_gmail_variants_share_one_key() -> None:
    keys = {
        normalize_email(v).match_key
        for v in (
            "janpeeters@gmail.com",
            "Jan.Peeters@gmail.com",
            "j.a.n.p.e.e.t.e.r.s+leads@GOOGLEMAIL.COM",
            "mailto:Jan.Peeters+x@gmail.com;",
        )
    }
    assert keys == {"janpeeters@gmail.com"}


def test_company_domains_are_never_folded() -> None:
    a = normalize_email("jan.peeters@example.be").match_key
    b = normalize_email("janpeeters@example.be").match_key
    c = normalize_email("jan.peeters+x@example.be").match_key
    assert len({a, b, c}) == 3


def test_every_provider_rule_is_consistent() -> None:
    for domain, rule in PROVIDER_RULES.items():
        assert rule.canonical_domain == unicodedata.normalize("NFC", rule.canonical_domain).lower()
        key = normalize_email(f"a.b+c@{domain}").match_key
        expected_local = ("ab" if rule.ignores_dots else "a.b") + ("" if rule.plus_tags else "+c")
        assert key == f"{expected_local}@{rule.canonical_domain}"


def test_reason_names_no_address() -> None:
    # Reasons end up in quarantine reports and logs: they describe, they never repeat the value.
    result = normalize_email("secret.person@@example.be")
    assert result.reason and "secret.person" not in result.reason
