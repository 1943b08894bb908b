"""GDPR Art. 14 notices: what a prospect is told when their data did not come from them.

One notice per lead, as plain text or HTML, in English, Dutch, French, German or Swedish
(:data:`LANGUAGES`). :func:`render_notice` takes a :class:`NoticeContext` that names the
controller, the data held, their :class:`NoticeSource` (Art. 14(2)(f)), the legal basis and
legitimate interests, the :class:`NoticeRecipient` list and :class:`NoticeTransfer` safeguards,
retention and the supervisory authority. The right to object to direct marketing is set apart
in a box of its own, right after the controller's details (Art. 21(4)).
"""

from leadguard.notices.render import (
    LANGUAGES,
    NoticeContext,
    NoticeRecipient,
    NoticeSource,
    NoticeTransfer,
    render_notice,
)

__all__ = [
    "LANGUAGES",
    "NoticeContext",
    "NoticeRecipient",
    "NoticeSource",
    "NoticeTransfer",
    "render_notice",
]
