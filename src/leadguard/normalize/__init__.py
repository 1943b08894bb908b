"""Normalization: e-mails, phones, names, companies and countries the way real lists write them.

Every later stage compares people through what this stage produces: an e-mail's ``match_key``, a
phone's E.164 form, a name's and a company's match forms. Scalar functions never raise on data: a
value that cannot be read comes back invalid with a reason. The ``normalize_emails`` and
``normalize_phones`` column functions give identical results, faster, on whole columns.
"""

from leadguard.normalize.companies import CompanyName, normalize_company
from leadguard.normalize.countries import normalize_country
from leadguard.normalize.emails import EmailResult, normalize_email
from leadguard.normalize.names import PersonName, normalize_person_name
from leadguard.normalize.phones import PhoneResult, normalize_phone
from leadguard.normalize.vectorized import normalize_emails, normalize_phones

__all__ = [
    "CompanyName",
    "EmailResult",
    "PersonName",
    "PhoneResult",
    "normalize_company",
    "normalize_country",
    "normalize_email",
    "normalize_emails",
    "normalize_person_name",
    "normalize_phone",
    "normalize_phones",
]
