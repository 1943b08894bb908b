"""Data-subject requests: the register, finding the person, and the answer documents.

``render`` turns an access report (a JSON document, schema ``leadguard.access/1``) into Markdown
or an HTML letter in the person's language; the Ledger's request methods build that document and
carry out erasure, objection, restriction and rectification.
"""

from leadguard.requests.render import ACCESS_KEYS, ACCESS_SCHEMA, RIGHTS, render_access

__all__ = ["ACCESS_KEYS", "ACCESS_SCHEMA", "RIGHTS", "render_access"]
