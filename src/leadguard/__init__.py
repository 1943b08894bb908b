"""leadguard keeps marketing leads lawful: every value traceable to its source and legal basis.

Only the names in ``__all__`` are the stable, documented API; stage modules are importable but may
change.
"""

from leadguard._version import __version__
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

__all__ = [
    "CompanyName",
    "ConfigError",
    "EmailResult",
    "InputError",
    "LeadguardError",
    "LedgerError",
    "MappingError",
    "PersonName",
    "PhoneResult",
    "RegisterError",
    "SchemaVersionError",
    "UnsupportedFormatError",
    "__version__",
    "normalize_company",
    "normalize_country",
    "normalize_email",
    "normalize_emails",
    "normalize_person_name",
    "normalize_phone",
    "normalize_phones",
]

# Reprs and tracebacks show the public path (leadguard.EmailResult), not the stage module.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = "leadguard"
del _name, _obj
