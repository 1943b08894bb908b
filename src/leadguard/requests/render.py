"""Render the answer to a GDPR access request as Markdown or as an HTML letter.

The Ledger builds the answer as a JSON document (schema ``leadguard.access/1``, documented in
``docs/access-report-schema.md``); this module writes it out for the person in English, Dutch,
French, German or Swedish. The wording lives in one Jinja2 template per language and format
(``templates/access.<lang>.md.j2`` and ``.html.j2``). Codes become words of the language through
the word tables of :mod:`leadguard.notices.render`, so that an access letter and an Art. 14
notice name a source kind, a data category, a country or a transfer mechanism the same way.

The letter answers every item of Art. 15(1)(a)–(h), Art. 15(2) and, for the source of the data,
Art. 14(2)(f). The right to object to direct marketing comes near the top, set apart from the
rest (Art. 21(4): "clearly and separately"): a bordered box in HTML, a blockquote in Markdown.
Values from the document are escaped in HTML; in Markdown, the characters that would change the
layout (``|``, ``*``, ``<`` …) are escaped and line breaks inside a table cell become ``<br>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Final

import jinja2
from markupsafe import Markup

from leadguard.errors import ConfigError, InputError

# The notice module's word tables and helpers are private there, but they are the package's one
# vocabulary for these words: imported rather than copied, so both documents stay consistent.
from leadguard.notices.render import (
    _ARTICLE_6,
    _BASES,
    _BASIS_POINTS,
    _CATEGORIES,
    _COPY_MECHANISMS,
    _MECHANISMS,
    _ROLES,
    _SOURCE_KINDS,
    LANGUAGES,
    _category,
    _country,
    _language,
    _link,
    _mailto,
    _months,
    _nl2br,
    _TransferLine,
    format_date,
)

__all__ = ["ACCESS_KEYS", "ACCESS_SCHEMA", "RIGHTS", "render_access"]

ACCESS_SCHEMA: Final = "leadguard.access/1"
"""The value of the document's ``schema`` key this module renders."""

ACCESS_KEYS: tuple[str, ...] = (
    "schema",
    "generated_at",
    "language",
    "request",
    "controller",
    "subject",
    "processing",
    "personal_data",
    "categories",
    "purposes",
    "legal_basis",
    "legitimate_interests",
    "recipients",
    "transfers",
    "retention",
    "rights",
    "objection",
    "complaint",
    "automated_decisions",
    "notice",
    "suppression",
    "warnings",
)
"""The top-level keys of an access document, in the order the Ledger writes them."""

_FORMATS: tuple[str, ...] = ("md", "html", "json")

RIGHTS: tuple[str, ...] = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "objection",
    "portability",
)
"""The rights a document may list (Art. 15–18, 20, 21). Withdrawing consent (Art. 7(3)) is not
listed: the letter names it when, and only when, a legal basis is consent."""

# --- Words only an access letter needs (code -> (en, nl, fr, de, sv)) ------------------------

# Source kinds the Ledger adds on top of the registered ones.
_EXTRA_SOURCE_KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "rectification": (
        "correction made at your request",
        "correctie op uw verzoek",
        "rectification effectuée à votre demande",
        "Berichtigung auf Ihren Antrag",
        "rättelse på din begäran",
    ),
}

# Identifier kinds that are not data categories.
_IDENTIFIER_KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "lead": (
        "our internal reference",
        "onze interne referentie",
        "notre référence interne",
        "unsere interne Kennung",
        "vårt interna referensnummer",
    ),
}

# The channel an export to a recipient was made for, after the date of the disclosure.
_DISCLOSURE_CHANNELS: dict[str, tuple[str, str, str, str, str]] = {
    "email": (
        "for contact by email",
        "voor contact per e-mail",
        "pour un contact par e-mail",
        "zur Kontaktaufnahme per E-Mail",
        "för kontakt via e-post",
    ),
    "phone": (
        "for contact by phone",
        "voor contact per telefoon",
        "pour un contact par téléphone",
        "zur Kontaktaufnahme per Telefon",
        "för kontakt per telefon",
    ),
    "post": (
        "for contact by post",
        "voor contact per post",
        "pour un contact par courrier",
        "zur Kontaktaufnahme per Post",
        "för kontakt per post",
    ),
}

# How the Art. 14 notice was given.
_NOTICE_CHANNELS: dict[str, tuple[str, str, str, str, str]] = {
    "email": ("by email", "per e-mail", "par e-mail", "per E-Mail", "via e-post"),
    "phone": ("by phone", "telefonisch", "par téléphone", "telefonisch", "per telefon"),
    "post": ("by post", "per post", "par courrier", "per Post", "per post"),
    "processor": (
        "through our processor at its first contact with you",
        "via onze verwerker bij het eerste contact met u",
        "par l'intermédiaire de notre sous-traitant lors de son premier contact avec vous",
        "über unseren Auftragsverarbeiter bei der ersten Kontaktaufnahme mit Ihnen",
        "via vårt personuppgiftsbiträde vid den första kontakten med dig",
    ),
}

# What the retention period is counted from (Art. 15(1)(d): "the criteria used").
_RETENTION_RULES: dict[str, tuple[str, str, str, str, str]] = {
    "last_acquisition": (
        "counted from the most recent date on which we obtained them",
        "gerekend vanaf de meest recente datum waarop wij ze hebben verkregen",
        "à compter de la date la plus récente à laquelle nous les avons obtenues",
        "gerechnet ab dem Tag, an dem wir sie zuletzt erhalten haben",
        "räknat från det senaste datum då vi fick dem",
    ),
}

# Why someone is on the suppression list (leadguard.suppress.identifiers.Reason).
_SUPPRESSION_REASONS: dict[str, tuple[str, str, str, str, str]] = {
    "objection": (
        "you objected to direct marketing",
        "u hebt bezwaar gemaakt tegen direct marketing",
        "vous avez exercé votre droit d'opposition à la prospection commerciale",
        "Sie haben der Direktwerbung widersprochen",
        "du har invänt mot direktmarknadsföring",
    ),
    "erasure": (
        "you asked us to erase your data",
        "u hebt ons gevraagd uw gegevens te wissen",
        "vous nous avez demandé d'effacer vos données",
        "Sie haben uns gebeten, Ihre Daten zu löschen",
        "du har bett oss att radera dina uppgifter",
    ),
    "complaint": (
        "you reported one of our emails as unwanted (spam)",
        "u hebt een van onze e-mails als ongewenst (spam) gemeld",
        "vous avez signalé l'un de nos e-mails comme indésirable (spam)",
        "Sie haben eine unserer E-Mails als unerwünscht (Spam) gemeldet",
        "du har anmält ett av våra e-postmeddelanden som skräppost",
    ),
    "unsubscribe": (
        "you unsubscribed from our emails",
        "u hebt zich afgemeld voor onze e-mails",
        "vous avez demandé à ne plus recevoir nos e-mails",
        "Sie haben sich von unseren E-Mails abgemeldet",
        "du har avregistrerat dig från våra e-postutskick",
    ),
    "refusal": (
        "you answered “no” to a marketing question on a form you filled in",
        "u hebt op een formulier dat u hebt ingevuld “nee” geantwoord op een vraag over marketing",
        "vous avez répondu « non » à une question sur la prospection dans un formulaire que vous "
        "avez rempli",
        "Sie haben in einem Formular eine Frage zur Werbung mit „Nein“ beantwortet",
        "du svarade ”nej” på en fråga om marknadsföring i ett formulär som du fyllde i",
    ),
    "dnc": (
        "your phone number is listed in a national do-not-call register",
        "uw telefoonnummer staat in een nationaal bel-me-niet-register",
        "votre numéro de téléphone est inscrit sur une liste nationale d'opposition au "
        "démarchage téléphonique",
        "Ihre Telefonnummer ist in einer nationalen Sperrliste für Werbeanrufe eingetragen",
        "ditt telefonnummer finns i ett nationellt spärregister för telefonförsäljning",
    ),
    "bounce": (
        "an email to your address could not be delivered",
        "een e-mail aan uw adres kon niet worden afgeleverd",
        "un e-mail envoyé à votre adresse n'a pas pu être distribué",
        "eine E-Mail an Ihre Adresse konnte nicht zugestellt werden",
        "ett e-postmeddelande till din adress kunde inte levereras",
    ),
    "manual": (
        "a member of our staff added you to the list",
        "een van onze medewerkers heeft u op de lijst gezet",
        "un membre de notre personnel vous a inscrit sur la liste",
        "eine Mitarbeiterin oder ein Mitarbeiter hat Sie in die Liste eingetragen",
        "en av våra medarbetare har lagt till dig på listan",
    ),
}


_ALL_SOURCE_KINDS = {**_SOURCE_KINDS, **_EXTRA_SOURCE_KINDS}
_ALL_IDENTIFIER_KINDS = {**_CATEGORIES, **_IDENTIFIER_KINDS}


# --- Reading the document --------------------------------------------------------------------


def _fail(where: str, message: str) -> InputError:
    return InputError(f"access report, {where}: {message}")


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    """An object of the document; None reads as an empty one."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _fail(where, f"expected an object, got {type(value).__name__}")
    return value


def _list(value: object, where: str) -> list[Any]:
    """A list of the document; None reads as an empty one."""
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise _fail(where, f"expected a list, got {type(value).__name__}")
    return list(value)


def _text(value: object) -> str | None:
    """A value as text without surrounding blank lines; None when empty."""
    if value is None:
        return None
    text = str(value).strip("\r\n").rstrip()
    return text if text.strip() else None


def _day(value: object, where: str) -> date | None:
    """An ISO date ('2026-11-20') or date-time ('2026-11-25T10:00:00'); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            try:
                return datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise _fail(where, f"{value!r} is not an ISO date (YYYY-MM-DD)")


def _words(
    table: Mapping[str, tuple[str, str, str, str, str]], code: object, index: int
) -> str | None:
    """``code`` in words of the language; an unknown code as given, underscores as spaces."""
    text = _text(code)
    if text is None:
        return None
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    words = table.get(key)
    return words[index] if words else text.strip().replace("_", " ")


def _known(
    table: Mapping[str, tuple[str, str, str, str, str]], code: object, index: int
) -> str | None:
    """``code`` in words of the language; None when it is absent or not in ``table``."""
    key = (_text(code) or "").strip().lower()
    return table[key][index] if key in table else None


def _one_line(text: str | None) -> str | None:
    """Multi-line text (an address) on one line, its lines separated by commas."""
    if text is None:
        return None
    return ", ".join(line.strip() for line in text.splitlines() if line.strip())


# What the templates get for each list item (attributes, so that Jinja never finds a dict method
# such as ``items`` instead of a key).


@dataclass(frozen=True, slots=True)
class _Source:
    name: str | None
    kind: str | None
    public: bool | None
    """None when the question does not arise (a correction the person asked for)."""
    file: str | None
    row: str | None
    acquired_on: str | None


@dataclass(frozen=True, slots=True)
class _Item:
    field: str
    value: str
    sources: tuple[_Source, ...]


@dataclass(frozen=True, slots=True)
class _Identifier:
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class _Basis:
    purpose: str | None
    legal_basis: str | None
    """The basis in words with its Art. 6(1) point, e.g. "our legitimate interests (…)"."""


@dataclass(frozen=True, slots=True)
class _Interests:
    purpose: str | None
    text: str


@dataclass(frozen=True, slots=True)
class _Disclosure:
    on: str | None
    channel: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Recipient:
    name: str
    role: str | None
    country: str | None
    disclosures: tuple[_Disclosure, ...]


def _check(document: object) -> Mapping[str, Any]:
    if not isinstance(document, Mapping):
        raise InputError(
            f"an access report is a JSON object (schema {ACCESS_SCHEMA}), "
            f"not {type(document).__name__}"
        )
    missing = [key for key in ACCESS_KEYS if key not in document]
    if missing:
        raise InputError(
            f"the access report has no {', '.join(repr(k) for k in missing)} key"
            f"{'s' if len(missing) > 1 else ''}; it must have all of: {', '.join(ACCESS_KEYS)}"
        )
    if document["schema"] != ACCESS_SCHEMA:
        raise InputError(
            f"the access report has schema {document['schema']!r}; this leadguard renders "
            f"{ACCESS_SCHEMA!r} only"
        )
    if not isinstance(document["processing"], bool):
        raise _fail("processing", "expected true or false")
    return document


def _choose_language(document: Mapping[str, Any], language: str | None) -> str:
    code = language if language is not None else document["language"]
    if language is None and (code is None or (isinstance(code, str) and not code.strip())):
        code = "en"  # a report without a language: the letter is in English
    if not isinstance(code, str):
        raise _fail("language", f"expected a language code, got {code!r}")
    try:
        return _language(code)
    except ConfigError:
        raise ConfigError(
            f"no access letter in language {code!r}; use one of: {', '.join(LANGUAGES)}"
        ) from None


def _sources(value: object, where: str, lang: str, index: int) -> tuple[_Source, ...]:
    sources = []
    for n, raw in enumerate(_list(value, where)):
        here = f"{where}[{n}]"
        source = _mapping(raw, here)
        kind = _text(source.get("kind"))
        acquired = _day(source.get("acquired_on"), f"{here}.acquired_on")
        public = source.get("publicly_accessible")
        sources.append(
            _Source(
                name=_text(source.get("source")),
                kind=_words(_ALL_SOURCE_KINDS, kind, index),
                public=None if kind in _EXTRA_SOURCE_KINDS or public is None else bool(public),
                file=_text(source.get("file")),
                row=_text(source.get("row")),
                acquired_on=format_date(acquired, lang) if acquired else None,
            )
        )
    return tuple(sources)


def _personal_data(value: object, lang: str, index: int) -> list[_Item]:
    items = []
    for n, raw in enumerate(_list(value, "personal_data")):
        where = f"personal_data[{n}]"
        item = _mapping(raw, where)
        field = _text(item.get("field"))
        if field is None:
            raise _fail(f"{where}.field", "every item needs the name of its field")
        items.append(
            _Item(
                field=_category(field, index),
                value=_text(item.get("value")) or "",
                sources=_sources(item.get("sources"), f"{where}.sources", lang, index),
            )
        )
    return items


def _identifiers(value: object, where: str, index: int) -> list[_Identifier]:
    identifiers = []
    for n, raw in enumerate(_list(value, where)):
        entry = _mapping(raw, f"{where}[{n}]")
        text = _text(entry.get("value"))
        if text is None:
            continue
        kind = _words(_ALL_IDENTIFIER_KINDS, entry.get("kind"), index)
        identifiers.append(_Identifier(kind=kind or "", value=text))
    return identifiers


def _bases(
    document: Mapping[str, Any], lang: str, index: int
) -> tuple[list[_Basis], list[_Interests], set[str]]:
    """Purposes with their legal basis, the legitimate interests, and the basis kinds used."""
    purposes: dict[str, str | None] = {}
    kinds: dict[str, tuple[str | None, str | None]] = {}
    names: list[str] = []

    def name_of(entry: Mapping[str, Any], n: int) -> str:
        name = _text(entry.get("basis")) or f"#{n}"
        if name not in names:
            names.append(name)
        return name

    for n, raw in enumerate(_list(document["purposes"], "purposes")):
        entry = _mapping(raw, f"purposes[{n}]")
        purposes[name_of(entry, n)] = _text(entry.get("purpose"))
    for n, raw in enumerate(_list(document["legal_basis"], "legal_basis")):
        entry = _mapping(raw, f"legal_basis[{n}]")
        kinds[name_of(entry, n)] = (_text(entry.get("kind")), _text(entry.get("article")))
    interests = []
    for n, raw in enumerate(_list(document["legitimate_interests"], "legitimate_interests")):
        entry = _mapping(raw, f"legitimate_interests[{n}]")
        text = _text(entry.get("text"))
        if text is not None:
            interests.append(_Interests(purpose=purposes.get(name_of(entry, n)), text=text))
    bases = []
    used: set[str] = set()
    for name in names:
        kind, article = kinds.get(name, (None, None))
        key = (kind or "").strip().lower()
        words: str | None = article
        if key in _BASES:
            used.add(key)
            words = f"{_BASES[key][index]} ({_ARTICLE_6[lang].format(_BASIS_POINTS[key])})"
        if purposes.get(name) is not None or words is not None:
            bases.append(_Basis(purpose=purposes.get(name), legal_basis=words))
    return bases, interests, used


def _recipients(value: object, lang: str, index: int) -> list[_Recipient]:
    recipients = []
    for n, raw in enumerate(_list(value, "recipients")):
        where = f"recipients[{n}]"
        entry = _mapping(raw, where)
        disclosures = []
        for m, raw_disclosure in enumerate(_list(entry.get("disclosures"), f"{where}.disclosures")):
            here = f"{where}.disclosures[{m}]"
            disclosure = _mapping(raw_disclosure, here)
            on = _day(disclosure.get("on"), f"{here}.on")
            fields = _list(disclosure.get("fields"), f"{here}.fields")
            disclosures.append(
                _Disclosure(
                    on=format_date(on, lang) if on else None,
                    channel=_known(_DISCLOSURE_CHANNELS, disclosure.get("channel"), index),
                    fields=tuple(
                        dict.fromkeys(_category(str(f), index) for f in fields if _text(f))
                    ),
                )
            )
        country = _text(entry.get("country"))
        recipients.append(
            _Recipient(
                name=_text(entry.get("name")) or "",
                role=_words(_ROLES, entry.get("role"), index),
                country=_country(country, index) if country else None,
                disclosures=tuple(disclosures),
            )
        )
    return recipients


def _transfers(value: object, index: int) -> list[_TransferLine]:
    transfers = []
    for n, raw in enumerate(_list(value, "transfers")):
        entry = _mapping(raw, f"transfers[{n}]")
        mechanism = (_text(entry.get("mechanism")) or "").strip().lower()
        country = _text(entry.get("country"))
        transfers.append(
            _TransferLine(
                recipient=_text(entry.get("recipient")) or "",
                country=_country(country, index) if country else "",
                mechanism=_words(_MECHANISMS, mechanism, index) or "",
                copy_of_safeguards=mechanism in _COPY_MECHANISMS,
                url=_text(entry.get("safeguard_url")),
            )
        )
    return transfers


def _rights(value: object) -> set[str]:
    rights = set()
    for n, raw in enumerate(_list(value, "rights")):
        right = str(raw).strip().lower()
        if right not in RIGHTS:
            raise _fail(f"rights[{n}]", f"unknown right {raw!r}; use one of: {', '.join(RIGHTS)}")
        rights.add(right)
    return rights


def _suppression_reasons(value: object, index: int) -> list[str]:
    reasons = []
    for raw in _list(value, "suppression.reasons"):
        code = raw.get("reason") if isinstance(raw, Mapping) else raw
        words = _words(_SUPPRESSION_REASONS, code, index)
        if words and words not in reasons:
            reasons.append(words)
    return reasons


def _view(document: Mapping[str, Any], lang: str) -> dict[str, object]:
    """The values the templates use: codes turned into words, dates written out."""
    index = LANGUAGES.index(lang)

    def day(value: object, where: str) -> str | None:
        parsed = _day(value, where)
        return format_date(parsed, lang) if parsed else None

    request = _mapping(document["request"], "request")
    controller = _mapping(document["controller"], "controller")
    subject = _mapping(document["subject"], "subject")
    objection = _mapping(document["objection"], "objection")
    complaint = _mapping(document["complaint"], "complaint")
    retention = _mapping(document["retention"], "retention")
    notice = _mapping(document["notice"], "notice")
    suppression = _mapping(document["suppression"], "suppression")
    bases, interests, kinds = _bases(document, lang, index)
    months = retention.get("months")
    if months is not None and (not isinstance(months, int) or isinstance(months, bool)):
        raise _fail("retention.months", f"expected a whole number of months, got {months!r}")
    controller_name = _text(controller.get("name"))
    controller_email = _text(controller.get("email"))
    return {
        "processing": document["processing"],
        "request_id": _text(request.get("id")),
        "received_on": day(request.get("received_on"), "request.received_on"),
        "answered_on": day(document["generated_at"], "generated_at"),
        "controller_name": controller_name,
        # Without a controller name the whole controller block is a placeholder.
        "controller_address": _one_line(_text(controller.get("address")))
        if controller_name
        else None,
        "controller_email": controller_email,
        "dpo_email": _text(controller.get("dpo_email")),
        "person_name": _text(subject.get("name")),
        "identified_by": _identifiers(subject.get("identified_by"), "identified_by", index),
        "shared": _identifiers(subject.get("shared_identifiers"), "shared_identifiers", index),
        "personal_data": _personal_data(document["personal_data"], lang, index),
        "categories": list(
            dict.fromkeys(
                _category(str(c), index)
                for c in _list(document["categories"], "categories")
                if _text(c)
            )
        ),
        "bases": bases,
        "legitimate_interests": interests,
        "consent": "consent" in kinds,
        # Art. 21(1): objection on grounds of one's particular situation, for points (e) and (f).
        "balancing_objection": bool(kinds & {"legitimate_interest", "public_task"}),
        "recipients": _recipients(document["recipients"], lang, index),
        "transfers": _transfers(document["transfers"], index),
        "retention": _months(months, lang) if months else None,
        "retention_rule": _known(_RETENTION_RULES, retention.get("rule"), index)
        if months
        else None,
        "delete_by": day(retention.get("delete_by"), "retention.delete_by"),
        "rights": _rights(document["rights"]),
        "objection_email": _text(objection.get("email")) or controller_email,
        "objection_url": _text(objection.get("url")),
        "authority_name": _text(complaint.get("authority")),
        "authority_url": _text(complaint.get("url")),
        "automated_decisions": _text(document["automated_decisions"]),
        "notice_sent_on": day(notice.get("sent_on"), "notice.sent_on"),
        "notice_due_on": day(notice.get("due_on"), "notice.due_on"),
        "notice_channel": _known(_NOTICE_CHANNELS, notice.get("channel"), index),
        "suppressed": bool(suppression.get("suppressed")),
        "suppression_reasons": _suppression_reasons(suppression.get("reasons"), index),
    }


# --- Markdown --------------------------------------------------------------------------------

# Characters that start inline markup anywhere in a line (GitHub-flavoured Markdown).
_MD_INLINE = re.compile(r"([\\`*\[\]<>|~])")
# Markers that start a block at the beginning of a line: "1. ", "- ", "+ ", "# ", "---", "===".
_MD_NUMBERED = re.compile(r"(\d{1,9})[.)](?:\s|$)")
_MD_BLOCK = re.compile(r"[-+](?:\s|$)|#{1,6}(?:\s|$)|(?:=+|-+)\s*$")


def _md_escape(line: str) -> str:
    """One line of text with every character that would become Markdown markup escaped."""
    escaped = _MD_INLINE.sub(r"\\\1", line.strip())
    number = _MD_NUMBERED.match(escaped)
    if number:  # "1. " would start a numbered list
        return f"{number.group(1)}\\{escaped[number.end(1) :]}"
    if _MD_BLOCK.match(escaped):  # a heading, a bullet, a rule or a heading underline
        return "\\" + escaped
    return escaped


def _md(text: object) -> str:
    """Text for a Markdown paragraph or list item; its line breaks kept as hard breaks."""
    lines = [_md_escape(line) for line in str(text).splitlines() if line.strip()]
    return "\\\n  ".join(lines)


def _md_cell(text: object) -> str:
    """Text for a Markdown table cell: escaped, line breaks as <br>."""
    return "<br>".join(_md_escape(line) for line in str(text).splitlines() if line.strip())


def _md_paragraphs(text: object) -> str:
    """Multi-line text as Markdown paragraphs, one per line, escaped."""
    return "\n\n".join(_md_escape(line) for line in str(text).splitlines() if line.strip())


def _html_paragraphs(text: object) -> Markup:
    """Multi-line text as HTML paragraphs, one per line, escaped."""
    return Markup("\n").join(
        Markup("<p>{}</p>").format(line.strip()) for line in str(text).splitlines() if line.strip()
    )


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leadguard.requests", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("md.j2",), default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=_md,
        cell=_md_cell,
        md_paragraphs=_md_paragraphs,
        nl2br=_nl2br,
        paragraphs=_html_paragraphs,
        link=_link,
        mailto=_mailto,
    )
    return env


def render_access(document: Mapping[str, Any], fmt: str = "md", language: str | None = None) -> str:
    """The answer to an access request (Art. 15 GDPR) as Markdown, an HTML letter or JSON.

    Args:
        document: the access report the Ledger built (schema ``leadguard.access/1``, every key
            of :data:`ACCESS_KEYS`; see ``docs/access-report-schema.md``).
        fmt: ``"md"`` (Markdown), ``"html"`` (a self-contained letter, values escaped) or
            ``"json"`` (the document itself, indented, non-ASCII kept).
        language: en, nl, fr, de or sv ('nl-BE' style tags are read as their language); None
            takes the document's ``language`` (English when it has none). Not used for JSON.

    Returns:
        The letter. It says, in this order: that data about the person are processed (or that
        none are, in a short letter) and who the controller is; the right to object to direct
        marketing, set apart; the data with every source; categories; purposes and legal basis;
        legitimate interests; recipients with the dates of disclosure; transfers and their
        safeguards; retention and the delete-by date; the rights; the right to complain;
        automated decisions; when the Art. 14 notice was given; the request reference and dates.

    Raises:
        ConfigError: an unknown format or language; the message lists the choices.
        InputError: a document that lacks a key of ACCESS_KEYS (named in the message), has
            another schema, or holds a value of the wrong type or an invalid date.

    Examples:
        >>> render_access(document, "html", language="nl")  # doctest: +SKIP
    """
    form = fmt.strip().lower() if isinstance(fmt, str) else fmt
    if form not in _FORMATS:
        raise ConfigError(
            f"unknown access report format {fmt!r}; use one of: {', '.join(_FORMATS)}"
        )
    checked = _check(document)
    if form == "json":
        return json.dumps(dict(checked), ensure_ascii=False, indent=2, sort_keys=False)
    lang = _choose_language(checked, language)
    template = _environment().get_template(f"access.{lang}.{form}.j2")
    return template.render(_view(checked, lang))
