"""Encryption at rest: LEADGUARD_DB_KEY keeps the ledger file unreadable without the key."""

from pathlib import Path

import pandas as pd
import pytest

import leadguard
from leadguard.errors import LedgerError

ROWS = pd.DataFrame(
    {
        "First name": ["Hildegard", "Bartholomeus"],
        "Last name": ["Vercruysse", "Oosterlinck"],
        "Email": ["hildegard.vercruysse@cipher.example", "b.oosterlinck@cipher.example"],
        "Phone": ["+32 470 31 41 59", "+32 470 27 18 28"],
        "Company": ["Cipher NV", "Cipher NV"],
    }
)
KEY = "correct horse battery staple 2026"


def _fill(path: Path) -> None:
    with leadguard.open(path, user="tester", encryption_key=KEY) as lg:
        lg.add_basis(
            "b", kind="consent", purpose="Newsletter", channels="email", retention_months=12
        )
        lg.add_source("s", kind="event", publicly_accessible=False)
        lg.ingest(ROWS, source="s", basis="b")
        lg.dedupe()


def test_the_file_holds_none_of_the_imported_values(tmp_path: Path) -> None:
    path = tmp_path / "secret.duckdb"
    _fill(path)
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir() if not p.name.endswith(".key"))
    for needle in ("vercruysse", "Vercruysse", "oosterlinck", "cipher.example", "32470314159"):
        assert needle.encode() not in data
    with leadguard.open(path, encryption_key=KEY) as lg:
        assert sorted(lg.leads()["last_name"]) == ["Oosterlinck", "Vercruysse"]


def test_a_wrong_or_missing_key_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "secret.duckdb"
    _fill(path)
    with pytest.raises(LedgerError, match="wrong key"):
        leadguard.open(path, encryption_key="not the key at all")
    with pytest.raises(LedgerError, match="encrypted: set LEADGUARD_DB_KEY"):
        leadguard.open(path)
    monkeypatch.setenv("LEADGUARD_DB_KEY", KEY)
    with leadguard.open(path, read_only=True) as lg:
        assert len(lg.leads()) == 2


def test_erasure_keeps_the_file_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "secret.duckdb"
    _fill(path)
    with leadguard.open(path, encryption_key=KEY) as lg:
        lg.erase(email="hildegard.vercruysse@cipher.example")
    with pytest.raises(LedgerError):
        leadguard.open(path)
    with leadguard.open(path, encryption_key=KEY) as lg:
        assert lg.leads()["last_name"].tolist() == ["Oosterlinck"]
        assert lg.suppression_check("hildegard.vercruysse@cipher.example").suppressed
