"""The ledger's secret: the HMAC key suppression entries are hashed with, kept outside the file.

Suppression stores keyed hashes (HMAC-SHA256 of a value's match key), never the value: whoever
copies the ledger file cannot test an address against the list without the key. The key is
created with the ledger and kept in ``<ledger>.key`` (owner-only permissions) or given in
``LEADGUARD_SECRET``; the ledger records only a fingerprint, so a missing or wrong key is a clear
error instead of a list that silently matches nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from leadguard.db.postgres import is_postgres
from leadguard.errors import ConfigError

__all__ = ["ENV_SECRET", "MIN_SECRET_CHARS", "KeyRing", "key_path", "load_or_create_key"]

ENV_SECRET = "LEADGUARD_SECRET"
"""Environment variable that holds the key instead of a key file (pipelines, containers)."""
MIN_SECRET_CHARS = 32
"""A shorter secret could be guessed; init writes 64 hex characters (256 bits)."""

_CHECK = b"leadguard key check v1"
_VENDOR = b"leadguard vendor hash v1"
_AUDIT = b"leadguard audit chain v1"
_IDENTITY = b"leadguard suppression identity v1"
_NONCE_BYTES = 12


def key_path(ledger_path: str) -> Path:
    """Where a file ledger's key lives: beside it, with ``.key`` appended."""
    return Path(ledger_path + ".key")


@dataclass(frozen=True)
class KeyRing:
    """The HMAC key and what is derived from it; never printed, never stored in the ledger."""

    secret: bytes = field(repr=False)
    origin: str
    """Where the key came from, for messages: the key file's path, the variable, or 'memory'."""

    def hash(self, text: str) -> bytes:
        """The keyed hash (HMAC-SHA256) of one match key."""
        return hmac.digest(self.secret, text.encode("utf-8"), "sha256")

    @property
    def fingerprint(self) -> str:
        """A value recorded in the ledger to recognise its key (reveals nothing about it)."""
        return hmac.new(self.secret, _CHECK, "sha256").hexdigest()[:32]

    @property
    def audit_key(self) -> bytes:
        """The key the audit trail's hash chain is made with (derived, never stored)."""
        return hmac.digest(self.secret, _AUDIT, "sha256")

    def pads(self) -> tuple[bytes, bytes]:
        """HMAC's inner and outer padded keys (RFC 2104), so SQL can hash whole columns."""
        block = self.secret
        if len(block) > 64:
            block = hashlib.sha256(block).digest()
        block = block.ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)

    def _vendor_cipher(self) -> AESGCM:
        return AESGCM(hmac.digest(self.secret, _VENDOR, "sha256"))

    def seal(self, digest: bytes) -> bytes:
        """Encrypt a vendor hash (plain SHA-256) so the file alone allows no dictionary test."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return nonce + self._vendor_cipher().encrypt(nonce, digest, None)

    def open(self, sealed: bytes) -> bytes:
        """Decrypt a vendor hash sealed with :meth:`seal`."""
        return self._vendor_cipher().decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], None)

    def _identity_cipher(self) -> AESGCM:
        return AESGCM(hmac.digest(self.secret, _IDENTITY, "sha256"))

    def seal_identity(self, text: str) -> bytes:
        """Encrypt a suppression row's name and company (kept only to link the row to the
        person's leads) under a key of its own, derived from the ledger's key."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return nonce + self._identity_cipher().encrypt(nonce, text.encode("utf-8"), None)

    def open_identity(self, sealed: bytes) -> str:
        """Decrypt a name and company sealed with :meth:`seal_identity`."""
        plain = self._identity_cipher().decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], None)
        return plain.decode("utf-8")


def _from_text(text: str, origin: str) -> KeyRing:
    value = text.strip()
    if len(value) < MIN_SECRET_CHARS:
        raise ConfigError(
            f"{origin}: the key is shorter than {MIN_SECRET_CHARS} characters; "
            "use the 64-character key leadguard init wrote"
        )
    return KeyRing(value.encode("utf-8"), origin)


def _read_key_file(path: Path) -> KeyRing:
    mode = path.stat().st_mode
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise ConfigError(
            f"{path}: the key file can be read by other users (mode {stat.S_IMODE(mode):o}); "
            f"run: chmod 600 {path}"
        )
    return _from_text(path.read_text(encoding="utf-8"), str(path))


def _write_key_file(path: Path) -> KeyRing:
    text = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return KeyRing(text.encode("utf-8"), str(path))


def load_or_create_key(ledger_path: str, *, may_create: bool) -> KeyRing:
    """The ledger's key: LEADGUARD_SECRET, else the key file, else a new one when allowed.

    An in-memory ledger without LEADGUARD_SECRET gets a key that lives as long as the process.
    ``may_create`` is False for a ledger that already recorded a key: a new key would silently
    match none of its entries.
    """
    env = os.environ.get(ENV_SECRET)
    if env:
        return _from_text(env, ENV_SECRET)
    if ledger_path == ":memory:":
        return KeyRing(secrets.token_hex(32).encode("ascii"), "memory")
    if is_postgres(ledger_path):
        # A shared ledger has no folder of its own to keep a key file in: every process that
        # opens it is given the same secret (from the organisation's secret store).
        raise ConfigError(
            f"{ledger_path}: a shared ledger needs its key in {ENV_SECRET} (the same value in "
            "every process that opens it, at least 32 characters; keep it in your secret store)"
        )
    path = key_path(ledger_path)
    if path.exists():
        return _read_key_file(path)
    if not may_create:
        raise ConfigError(
            f"{ledger_path}: the ledger's key is missing ({path} not found and {ENV_SECRET} not "
            "set); without it the suppression list cannot be matched. Restore the key file "
            f"from your backup or set {ENV_SECRET}"
        )
    return _write_key_file(path)
