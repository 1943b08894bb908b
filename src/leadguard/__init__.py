"""leadguard keeps marketing leads lawful: every value traceable to its source and legal basis.

Only the names in ``__all__`` are the stable, documented API; stage modules are importable but may
change.
"""

from leadguard._version import __version__
from leadguard.dedupe import cluster
from leadguard.errors import (
    ConfigError,
    InputError,
    LeadguardError,
    LedgerError,
    MappingError,
    RegisterError,
    SchemaVersionError,
    UnsupportedFormatError,
)
from leadguard.ledger import Ledger
from leadguard.ledger import open_ledger as open  # noqa: A004 - the documented name
from leadguard.normalize import (
    CompanyName,
    EmailResult,
    PersonName,
    PhoneResult,
    normalize_company,
    normalize_country,
    normalize_email,
    normalize_emails,
    normalize_person_name,
    normalize_phone,
    normalize_phones,
)
from leadguard.pipeline import RunSummary, run_manifest
from leadguard.registers import BasisKind, Channel, LegalBasis, Recipient, Source, SourceKind
from leadguard.reports import (
    DedupeReport,
    ExportReport,
    IngestReport,
    LeadExplanation,
    SuppressionCheck,
    SuppressionEntry,
    SuppressionImportReport,
)
from leadguard.shared import MigrationReport, grant_role, migrate_ledger
from leadguard.suppress.identifiers import Reason

__all__ = [
    "BasisKind",
    "Channel",
    "CompanyName",
    "ConfigError",
    "DedupeReport",
    "EmailResult",
    "ExportReport",
    "IngestReport",
    "InputError",
    "LeadExplanation",
    "LeadguardError",
    "Ledger",
    "LedgerError",
    "LegalBasis",
    "MappingError",
    "MigrationReport",
    "PersonName",
    "PhoneResult",
    "Reason",
    "Recipient",
    "RegisterError",
    "RunSummary",
    "SchemaVersionError",
    "Source",
    "SourceKind",
    "SuppressionCheck",
    "SuppressionEntry",
    "SuppressionImportReport",
    "UnsupportedFormatError",
    "__version__",
    "cluster",
    "grant_role",
    "migrate_ledger",
    "normalize_company",
    "normalize_country",
    "normalize_email",
    "normalize_emails",
    "normalize_person_name",
    "normalize_phone",
    "normalize_phones",
    "open",
    "run_manifest",
]


def __getattr__(name: str) -> object:
    """``leadguard.plots`` on first use: matplotlib is loaded only by those who draw."""
    if name == "plots":
        import importlib

        return importlib.import_module("leadguard.plots")
    raise AttributeError(f"module 'leadguard' has no attribute {name!r}")


# Reprs and tracebacks show the public path (leadguard.EmailResult), not the stage module.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = "leadguard"
del _name, _obj
