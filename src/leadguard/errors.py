"""Every exception leadguard raises, rooted in :class:`LeadguardError`.

```text
* LeadguardError                 root: ``except leadguard.LeadguardError`` catches all of them
  + ConfigError                  a bad setting, option or configuration file
  + InputError                   a file or value the user passed cannot be used as it is
    - UnsupportedFormatError     not a table leadguard can read (binary, empty, unknown layout)
    - MappingError               a column mapping that names an unknown field or column
  + RegisterError                a legal basis, source or recipient that is missing or incomplete
  + LedgerError                  the ledger file cannot be opened, written or migrated
    - SchemaVersionError         the ledger was written by a newer leadguard
```

Messages name the file, row and column and say what to do; they never contain personal data
beyond what the caller passed in. Problems with single rows of data are not raised: they are
quarantined with a reason and reported.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "LeadguardError",
    "LedgerError",
    "MappingError",
    "RegisterError",
    "SchemaVersionError",
    "UnsupportedFormatError",
]


class LeadguardError(Exception):
    """Root of every leadguard exception; the CLI turns it into exit code 1 and one line."""


class ConfigError(LeadguardError):
    """A setting, option or configuration file is invalid."""


class InputError(LeadguardError):
    """A file or value passed by the user cannot be used; the message says where and why.

    Attributes:
        file: base name of the file concerned, when there is one.
        row: 1-based data row (under the header), when the problem is in one row.
        column: the column header concerned, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        where = ", ".join(
            part
            for part in (
                file,
                f"row {row}" if row is not None else None,
                f"column {column!r}" if column is not None else None,
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


class UnsupportedFormatError(InputError):
    """The file is not a table leadguard can read (binary, empty, header only, unknown layout)."""


class MappingError(InputError):
    """A column mapping names an unknown field, or a column the file does not have."""


class RegisterError(LeadguardError):
    """A legal basis, source or recipient is missing from the register or incomplete."""


class LedgerError(LeadguardError):
    """The ledger cannot be opened, written or migrated."""


class SchemaVersionError(LedgerError):
    """The ledger was written by a newer leadguard than this one; upgrade leadguard."""
