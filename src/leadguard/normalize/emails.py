"""E-mail addresses: clean a spreadsheet cell, validate it, and derive the key of the mailbox.

email-validator decides validity and the ``normalized`` form (it lower-cases the domain only;
the local part keeps its case). leadguard adds the cleaning real cells need and its own
``match_key``: the key under which two spellings reach the same mailbox. That key is what dedupe
and suppression compare.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import email_validator
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import CASE_INSENSITIVE_MAILBOX_NAMES, DOT_ATOM_TEXT
from email_validator.syntax import validate_email_domain_name, validate_email_local_part

from leadguard.normalize._text import as_text, clean_cell

__all__ = ["EmailResult", "PROVIDER_RULES", "normalize_email"]


@dataclass(frozen=True, slots=True)
class EmailResult:
    """The outcome of normalizing one e-mail cell."""

    normalized: str | None
    """email-validator's normalized form (domain lower-cased, Unicode NFC); None when invalid."""
    match_key: str | None
    """Same key ⇔ same mailbox: case-folded, NFKC/NFC, provider rules (see ``PROVIDER_RULES``)."""
    valid: bool
    """True when the cleaned cell is a syntactically valid address (no DNS lookup by default)."""
    reason: str | None
    """Why the cell is invalid, in words; None when valid."""
    role_account: bool
    """True for a non-personal mailbox (info@, sales@, aankoop@, einkauf@, biuro@, …)."""
    domain: str | None = None
    """The normalized domain; None when invalid."""


@dataclass(frozen=True, slots=True)
class ProviderRule:
    """How one mail provider delivers variants of an address to the same mailbox."""

    canonical_domain: str
    """Domain the match key uses (googlemail.com → gmail.com)."""
    ignores_dots: bool
    """Dots in the local part are not significant (Gmail only)."""
    plus_tags: bool
    """``local+tag`` is delivered to ``local`` (sub-addressing, RFC 5233)."""


_GMAIL = ProviderRule("gmail.com", ignores_dots=True, plus_tags=True)
_OUTLOOK = ProviderRule("outlook.com", ignores_dots=False, plus_tags=True)

PROVIDER_RULES: dict[str, ProviderRule] = {
    # Gmail: dots in the local part are ignored and +tags are delivered to the base address;
    # googlemail.com is the same service (Google's own help pages state all three).
    "gmail.com": _GMAIL,
    "googlemail.com": _GMAIL,
    # Outlook.com / Hotmail / Live: plus addressing since 2013; dots ARE significant. Each domain
    # is its own namespace (jan@hotmail.com and jan@outlook.com are different mailboxes), so the
    # domain is kept as written.
    "outlook.com": _OUTLOOK,
    "hotmail.com": ProviderRule("hotmail.com", ignores_dots=False, plus_tags=True),
    "live.com": ProviderRule("live.com", ignores_dots=False, plus_tags=True),
    # Apple iCloud, Proton and Fastmail deliver +tags to the base address; dots are significant.
    "icloud.com": ProviderRule("icloud.com", ignores_dots=False, plus_tags=True),
    "proton.me": ProviderRule("proton.me", ignores_dots=False, plus_tags=True),
    "protonmail.com": ProviderRule("protonmail.com", ignores_dots=False, plus_tags=True),
    "fastmail.com": ProviderRule("fastmail.com", ignores_dots=False, plus_tags=True),
}
"""Per-provider folding. Only providers whose documentation says the variants share one mailbox
are listed: a company domain is never folded, since its server may treat ``a.b`` and ``ab`` or
``x+y`` and ``x`` as different people. Yahoo is absent on purpose: its disposable addresses use a
hyphen and a base name that differs from the account's, which cannot be folded."""

# Mailbox names that stand for a function, not a person, in EN/NL/FR/DE/SV/PL (also some IT/ES).
_ROLE_WORDS = frozenset(
    """
    info information infos contact contacts office admin administrator administration support
    hello hallo hi enquiries enquiry inquiries inquiry sales marketing hr jobs job careers career
    billing accounts accounting accountspayable ap finance invoice invoices orders order
    purchasing purchase procurement reception team service services customerservice customercare
    care help helpdesk webmaster postmaster hostmaster abuse noreply donotreply mail email
    press media events event newsletter news privacy gdpr dpo legal compliance security it general
    booking bookings reservations secretariat secretary shop store webshop export import logistics
    dispatch shipping warehouse quality technical tech projects project management frontdesk
    mailbox all everyone staff partners partner feedback request requests quote quotes
    aankoop inkoop verkoop bestellingen bestelling facturen facturatie factuur boekhouding
    administratie klantenservice klantendienst onthaal receptie secretariaat personeel vacatures
    algemeen offerte offertes planning directie magazijn logistiek techniek dienst
    achat achats vente ventes commande commandes comptabilite facturation factures accueil
    direction serviceclient rh recrutement emploi devis magasin bureau renseignements
    einkauf verkauf vertrieb bestellung buchhaltung rechnung rechnungen kontakt zentrale empfang
    sekretariat personal karriere bewerbung kundenservice kundendienst anfrage anfragen post buero
    lager versand geschaeftsfuehrung geschaftsfuhrung
    inkop forsaljning ekonomi faktura fakturor kundtjanst vaxel jobb rekrytering kansli
    biuro sprzedaz zakupy zamowienia faktury ksiegowosc handlowy recepcja kadry rekrutacja obsluga
    serwis zaopatrzenie oferty
    ventas compras contabilidad amministrazione vendite acquisti
    """.split()
)
# Suffixes that keep a role mailbox a role mailbox: info.be, sales-nl, support2, info.benelux.
_ROLE_QUALIFIERS = frozenset(
    "be nl fr de lu at ch uk gb se dk no fi pl es it us eu int benelux nordics dach emea global "
    "intl international europe hq team dept".split()
)
_SEPARATORS = re.compile(r"[._\-]+")
_QUALIFIED = re.compile(r"[._\-0-9]")
_JOIN_TOKENS = re.compile(r"[._\-]+|[0-9]+(?=[._\-]|$)")
_FOLD_ACCENTS = str.maketrans(
    "åäàáâãæçéèêëíìîïñóòôõöøśšúùûüýžźżłąęć", "aaaaaaaceeeeiiiinoooooossuuuuyzzzlaec"
)

# Cell debris around an address, each seen in real exports: "mailto:" links, "Name <addr>",
# trailing separators from a pasted list, wrapping quotes or angle brackets.
_MAILTO = re.compile(r"^mailto:\s*", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>]*@[^<>]*)>")
_TRAILING = re.compile(r"[;,]+$")
_WRAP_PAIRS = (('"', '"'), ("'", "'"), ("<", ">"), ("\u201c", "\u201d"), ("\u2018", "\u2019"))
_QUERY = re.compile(r"\?.*$")
# A cell with none of these characters needs no cleaning: it goes straight to the validator.
# (One character class, scanned once; "mailto:" is checked apart, on the first seven characters.)
_NEEDS_CLEANING = re.compile(r"[^!#-&(-+\--:=@-~]")
_SEVERAL = re.compile(r"[\s;,/]")


def _strip_debris(text: str) -> str:
    """Remove what surrounds an address: mailto:, Name <addr>, trailing ; or , and quotes."""
    text = clean_cell(text)
    for _ in range(3):  # debris can nest: "<mailto:jan@x.be>;"
        before = text
        text = _TRAILING.sub("", text).strip()
        for open_, close in _WRAP_PAIRS:
            if len(text) >= 2 and text.startswith(open_) and text.endswith(close):
                text = text[1:-1].strip()
        angle = _ANGLE.search(text)
        if angle is not None and text.count("@") == 1:
            text = angle.group(1).strip()
        if _MAILTO.match(text):
            text = _QUERY.sub("", _MAILTO.sub("", text)).strip()
        if text == before:
            break
    return text


def _match_key(local: str, domain: str) -> str:
    """Case-fold both parts, fold compatibility forms (NFKC: full-width letters typed through an
    input method), NFC, then apply the provider's own folding rules."""
    if local.isascii() and domain.isascii():
        local, domain = local.lower(), domain.lower()  # the same as the Unicode path, cheaper
    else:
        local = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", local).casefold())
        domain = unicodedata.normalize("NFC", unicodedata.normalize("NFKC", domain).casefold())
    rule = PROVIDER_RULES.get(domain)
    if rule is not None:
        if rule.plus_tags:
            local = local.split("+", 1)[0]
        if rule.ignores_dots:
            local = local.replace(".", "")
        domain = rule.canonical_domain
    return f"{local}@{domain}"


# The first three letters of every role word. A local part whose first three characters are
# letters owes them to every form a role test can take (the whole part, its first token, or its
# tokens joined), so when they begin no role word it is a person's: most local parts stop here.
_ROLE_STARTS = frozenset(word[:3] for word in _ROLE_WORDS)


def _is_role(local: str) -> bool:
    """True when the local part names a function (info, sales.be, einkauf2), not a person."""
    base = local.split("+", 1)[0].lower()
    if base in _ROLE_WORDS:
        return True
    start = base[:3]
    if start.isascii() and start.isalpha() and start not in _ROLE_STARTS:
        return False
    return _is_role_base(base)


def _is_role_base(base: str) -> bool:
    """The role test of a lower-cased local part without its +tag, every form tried."""
    if base in _ROLE_WORDS:
        return True
    if not base.isascii():
        base = base.translate(_FOLD_ACCENTS)
        if base in _ROLE_WORDS:
            return True
    if _QUALIFIED.search(base) is None:
        return False
    # "customer.service", "no-reply", "support2": the words joined, trailing digits dropped.
    if _JOIN_TOKENS.sub("", base) in _ROLE_WORDS:
        return True
    head = _SEPARATORS.split(base, 1)[0].rstrip("0123456789")
    if head not in _ROLE_WORDS:
        return False
    # "info.be", "sales-benelux": a role word qualified by a country, region or another role.
    tokens = [t for t in (t.rstrip("0123456789") for t in _SEPARATORS.split(base)) if t]
    return all(t in _ROLE_WORDS or t in _ROLE_QUALIFIERS for t in tokens[1:])


# Plain cells take a shorter road through email-validator: ASCII, unquoted, no comments,
# brackets or display name, one @, no IDNA (xn--) labels, and short enough that the 254-octet
# whole-address limit cannot be reached (64 + 1 + 120 < 254). For these, validate_email's verdict
# is exactly: its local-part check, then RFC 2142 lower-casing, then its domain check — which we
# run once per distinct domain, because domains repeat across a list far more than addresses do.
# Both checks are email-validator's own functions, with the package's default options; the
# equivalence with validate_email itself is tested (tests/normalize/test_emails.py).
_SPLITTABLE = re.compile(r"^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}@[A-Za-z0-9.\-]{1,120}$")
_CASE_INSENSITIVE = frozenset(CASE_INSENSITIVE_MAILBOX_NAMES)


@lru_cache(maxsize=1 << 16)
def _validate_domain(domain: str) -> tuple[str | None, str | None]:
    """email-validator's (normalized domain, None) or (None, reason) for one domain, cached."""
    try:
        info = validate_email_domain_name(
            domain,
            test_environment=email_validator.TEST_ENVIRONMENT,
            globally_deliverable=email_validator.GLOBALLY_DELIVERABLE,
        )
    except EmailNotValidError as error:
        return None, str(error)
    return info["domain"], None


def _validate(text: str, check_deliverability: bool) -> tuple[str | None, str | None]:
    """(normalized, None) when valid, (None, reason) when not: validate_email's own answer."""
    if (
        not check_deliverability
        and _SPLITTABLE.match(text) is not None
        and "xn--" not in text.lower()
    ):
        local, _, domain = text.partition("@")
        # validate_email_local_part returns a non-empty dot-atom local part unchanged (its
        # first test, after the length test only strict mode makes); anything else is its call.
        if email_validator.STRICT or DOT_ATOM_TEXT.match(local) is None:
            try:
                local = validate_email_local_part(
                    local,
                    allow_smtputf8=email_validator.ALLOW_SMTPUTF8,
                    allow_empty_local=email_validator.ALLOW_EMPTY_LOCAL,
                    quoted_local_part=False,
                    strict=email_validator.STRICT,
                )["local_part"]
            except EmailNotValidError as error:
                return None, str(error)
        if local.lower() in _CASE_INSENSITIVE:
            local = local.lower()
        normalized_domain, reason = _validate_domain(domain)
        if normalized_domain is None:
            return None, reason
        return f"{local}@{normalized_domain}", None
    try:
        return validate_email(text, check_deliverability=check_deliverability).normalized, None
    except EmailNotValidError as error:
        return None, str(error)
    except Exception as error:  # noqa: BLE001 - a library bug on odd input must not stop an import
        return None, f"could not be checked ({type(error).__name__})"


# EmailResult's fields in order, as a plain tuple: the column path builds millions of them.
_Fields = tuple[str | None, str | None, bool, str | None, bool, str | None]
_EMPTY: _Fields = (None, None, False, "empty", False, None)


def normalize_email(raw: object, /, *, check_deliverability: bool = False) -> EmailResult:
    """Clean and validate one e-mail cell; never raises on data (an invalid cell gets a reason).

    ``check_deliverability=True`` asks DNS whether the domain accepts mail; it is off by default
    because it is slow, needs a network, and a temporary DNS failure must not discard a lead.
    """
    return EmailResult(*email_fields(raw, check_deliverability))


# A cell that is a plain address and nothing else: no character cleaning would touch, one "@",
# a dot-atom local part (which validate_email_local_part returns unchanged) and a domain of
# letters, digits, dots and hyphens. Such a cell meets every condition of the shortcut in
# _validate, so email_fields can take it in one step (tested against the general path).
_ATOM = r"[A-Za-z0-9_!#$%&*+\-/=^`{|}~]+"
_PLAIN_ADDRESS = re.compile(rf"({_ATOM}(?:\.{_ATOM})*)@([A-Za-z0-9.\-]{{1,120}})")


def email_fields(raw: object, check_deliverability: bool = False) -> _Fields:
    """normalize_email's answer as a plain tuple of EmailResult's fields, in order (for the
    column functions, which need the values and not a million result objects)."""
    if type(raw) is str and not check_deliverability and not email_validator.STRICT:
        plain = _PLAIN_ADDRESS.fullmatch(raw)
        if plain is not None and len(plain.group(1)) <= 64 and "xn--" not in raw.lower():
            local, domain = plain.group(1, 2)
            normalized_domain, reason = _validate_domain(domain)
            if normalized_domain is None:
                return (None, None, False, reason, False, None)
            if normalized_domain.isascii():
                if local.lower() in _CASE_INSENSITIVE:
                    local = local.lower()
                return (
                    f"{local}@{normalized_domain}",
                    _match_key(local, normalized_domain),
                    True,
                    None,
                    _is_role(local),
                    normalized_domain,
                )
    text = as_text(raw)
    if text is None:
        return _EMPTY
    if _NEEDS_CLEANING.search(text) is not None or text[:7].lower() == "mailto:":
        text = _strip_debris(text)
    if not text:
        return _EMPTY
    if text.count("@") > 1 and _SEVERAL.search(text) is not None:
        return (None, None, False, "more than one address in the cell", False, None)
    normalized, reason = _validate(text, check_deliverability)
    if normalized is None:
        return (None, None, False, reason, False, None)
    if not normalized.isascii():
        normalized = unicodedata.normalize("NFC", normalized)
    local, _, domain = normalized.rpartition("@")
    return (normalized, _match_key(local, domain), True, None, _is_role(local), domain)
