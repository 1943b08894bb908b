"""Render the GDPR Art. 14 notice for one lead, in English, Dutch, French, German or Swedish.

The wording lives in one Jinja2 template per language and format (``templates/notice.<lang>.
txt.j2`` and ``.html.j2``). This module checks the context, turns codes into words of the
language (data categories, source kinds, legal bases, recipient roles, transfer mechanisms,
countries) and writes dates the way each language writes them, from month-name tables rather
than the process locale.

Values that come from users (names, the purpose, the legitimate-interests text) are kept
verbatim in the text notice and escaped in the HTML notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

import jinja2
from markupsafe import Markup, escape

from leadguard.errors import ConfigError

__all__ = [
    "LANGUAGES",
    "NoticeContext",
    "NoticeRecipient",
    "NoticeSource",
    "NoticeTransfer",
    "format_date",
    "render_notice",
]

LANGUAGES: tuple[str, ...] = ("en", "nl", "fr", "de", "sv")
"""The languages a notice can be written in (ISO 639-1 codes)."""


@dataclass(frozen=True, slots=True)
class NoticeSource:
    """Where the data came from (Art. 14(2)(f))."""

    name: str
    """What the source is called, e.g. "Example Expo 2026 registrations"."""
    kind: str
    """A source kind: event, linkedin, public_registry, company_website, member_list,
    trade_fair_list, purchased_list, own_research, webshop, referral or other."""
    publicly_accessible: bool
    acquired_on: date


@dataclass(frozen=True, slots=True)
class NoticeRecipient:
    """Someone the data is disclosed to (Art. 14(1)(e))."""

    name: str
    role: str
    """processor, reseller or group_company."""
    country: str
    """ISO 3166-1 alpha-2 code."""


@dataclass(frozen=True, slots=True)
class NoticeTransfer:
    """A transfer outside the EEA and its safeguard (Art. 14(1)(f))."""

    recipient: str
    country: str
    """ISO 3166-1 alpha-2 code."""
    mechanism: str
    """adequacy, scc, bcr or dpf."""
    safeguard_url: str | None = None
    """Where the safeguard (or a copy of it) can be found."""


@dataclass(frozen=True, slots=True)
class NoticeContext:
    """Everything an Art. 14 notice says about one person."""

    person_name: str | None
    """The person's name for the salutation; None gives a neutral one."""
    controller_name: str
    """The group entity that is the controller (Art. 14(1)(a))."""
    controller_address: str | None
    controller_email: str
    dpo_email: str | None
    """The data protection officer's address, where there is one (Art. 14(1)(b))."""
    categories: tuple[str, ...]
    """Field names held, e.g. "first_name", "email"; rendered as words (Art. 14(1)(d))."""
    purpose: str
    """The purpose as registered, kept verbatim in any language (Art. 14(1)(c))."""
    basis_kind: str
    """consent, contract, legal_obligation, vital_interests, public_task or
    legitimate_interest (Art. 6(1)(a)–(f))."""
    legitimate_interests: str | None
    """The legitimate interests pursued, verbatim (Art. 14(2)(b)); required for
    legitimate_interest."""
    sources: tuple[NoticeSource, ...]
    recipients: tuple[NoticeRecipient, ...]
    transfers: tuple[NoticeTransfer, ...]
    retention_months: int
    delete_by: date | None
    """The date the data will be deleted by, when known (Art. 14(2)(a))."""
    authority_name: str
    """The supervisory authority competent for the controller (Art. 14(2)(e))."""
    authority_url: str | None
    objection_email: str | None = None
    """Where to object to direct marketing; None means controller_email (Art. 21(4))."""
    objection_url: str | None = None
    automated_decisions: str | None = None
    """Meaningful information on automated decisions (Art. 14(2)(g)); None says there are none."""
    notice_version: str = "1"


# --- Words of each language ------------------------------------------------------------------

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
}  # fmt: skip

_MONTH_UNITS: dict[str, tuple[str, str]] = {
    "en": ("month", "months"),
    "nl": ("maand", "maanden"),
    "fr": ("mois", "mois"),
    "de": ("Monat", "Monate"),
    "sv": ("månad", "månader"),
}

# Field name -> (en, nl, fr, de, sv). Unknown field names are shown with spaces for underscores.
_CATEGORIES: dict[str, tuple[str, str, str, str, str]] = {
    "first_name": ("first name", "voornaam", "prénom", "Vorname", "förnamn"),
    "last_name": ("last name", "achternaam", "nom de famille", "Nachname", "efternamn"),
    "full_name": (
        "full name",
        "volledige naam",
        "nom complet",
        "vollständiger Name",
        "fullständigt namn",
    ),
    "email": (
        "email address",
        "e-mailadres",
        "adresse e-mail",
        "E-Mail-Adresse",
        "e-postadress",
    ),
    "phone": (
        "phone number",
        "telefoonnummer",
        "numéro de téléphone",
        "Telefonnummer",
        "telefonnummer",
    ),
    "mobile": (
        "mobile phone number",
        "mobiel telefoonnummer",
        "numéro de téléphone mobile",
        "Mobilfunknummer",
        "mobilnummer",
    ),
    "company": (
        "company name",
        "bedrijfsnaam",
        "nom de l'entreprise",
        "Firmenname",
        "företagsnamn",
    ),
    "job_title": ("job title", "functie", "fonction", "berufliche Funktion", "befattning"),
    "country": ("country", "land", "pays", "Land", "land"),
    "city": ("city", "plaats", "ville", "Ort", "ort"),
    "postal_address": (
        "postal address",
        "postadres",
        "adresse postale",
        "Postanschrift",
        "postadress",
    ),
    "street": (
        "street and number",
        "straat en huisnummer",
        "rue et numéro",
        "Straße und Hausnummer",
        "gatuadress",
    ),
    "postcode": ("postcode", "postcode", "code postal", "Postleitzahl", "postnummer"),
    "linkedin_url": (
        "LinkedIn profile URL",
        "URL van uw LinkedIn-profiel",
        "adresse de votre profil LinkedIn",
        "URL Ihres LinkedIn-Profils",
        "länk till din LinkedIn-profil",
    ),
    "website": ("website", "website", "site web", "Website", "webbplats"),
    "acquired_on": (
        "date on which we obtained the data",
        "datum waarop wij de gegevens hebben verkregen",
        "date d'obtention des données",
        "Datum, an dem wir die Daten erhalten haben",
        "datum då vi fick uppgifterna",
    ),
    "source_kind": (
        "type of source",
        "soort bron",
        "type de source",
        "Art der Quelle",
        "typ av källa",
    ),
    "source_url": (
        "web address of the source",
        "webadres van de bron",
        "adresse web de la source",
        "Webadresse der Quelle",
        "källans webbadress",
    ),
}

_SOURCE_KINDS: dict[str, tuple[str, str, str, str, str]] = {
    "event": ("event", "evenement", "événement", "Veranstaltung", "evenemang"),
    "linkedin": ("LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn"),
    "public_registry": (
        "public register",
        "openbaar register",
        "registre public",
        "öffentliches Register",
        "offentligt register",
    ),
    "company_website": (
        "company website",
        "bedrijfswebsite",
        "site web d'entreprise",
        "Unternehmenswebsite",
        "företagets webbplats",
    ),
    "member_list": (
        "membership list",
        "ledenlijst",
        "liste de membres",
        "Mitgliederliste",
        "medlemslista",
    ),
    "trade_fair_list": (
        "trade fair exhibitor or visitor list",
        "exposanten- of bezoekerslijst van een beurs",
        "liste d'exposants ou de visiteurs d'un salon",
        "Aussteller- oder Besucherliste einer Messe",
        "utställar- eller besökarlista från en mässa",
    ),
    "purchased_list": (
        "list bought from a third party",
        "bij een derde aangekochte lijst",
        "liste achetée auprès d'un tiers",
        "von einem Dritten gekaufte Liste",
        "lista köpt från tredje part",
    ),
    "own_research": (
        "our own research",
        "eigen opzoekingen",
        "nos propres recherches",
        "eigene Recherche",
        "egna efterforskningar",
    ),
    "webshop": (
        "our webshop",
        "onze webshop",
        "notre boutique en ligne",
        "unser Webshop",
        "vår webbutik",
    ),
    "referral": ("referral", "doorverwijzing", "recommandation", "Empfehlung", "rekommendation"),
    "other": ("other source", "andere bron", "autre source", "sonstige Quelle", "annan källa"),
}

_ROLES: dict[str, tuple[str, str, str, str, str]] = {
    "processor": (
        "processor acting on our behalf",
        "verwerker die in onze opdracht handelt",
        "sous-traitant agissant pour notre compte",
        "Auftragsverarbeiter, der in unserem Auftrag tätig ist",
        "personuppgiftsbiträde som behandlar uppgifter för vår räkning",
    ),
    "reseller": (
        "reseller of our products",
        "wederverkoper van onze producten",
        "revendeur de nos produits",
        "Wiederverkäufer unserer Produkte",
        "återförsäljare av våra produkter",
    ),
    "group_company": (
        "company of our group",
        "onderneming van onze groep",
        "société de notre groupe",
        "Unternehmen unserer Unternehmensgruppe",
        "bolag inom vår koncern",
    ),
}

_MECHANISMS: dict[str, tuple[str, str, str, str, str]] = {
    "adequacy": (
        "adequacy decision of the European Commission for this country",
        "adequaatheidsbesluit van de Europese Commissie voor dit land",
        "décision d'adéquation de la Commission européenne pour ce pays",
        "Angemessenheitsbeschluss der Europäischen Kommission für dieses Land",
        "Europeiska kommissionens beslut om adekvat skyddsnivå för landet",
    ),
    "scc": (
        "standard contractual clauses adopted by the European Commission",
        "standaardcontractbepalingen die de Europese Commissie heeft vastgesteld",
        "clauses contractuelles types adoptées par la Commission européenne",
        "von der Europäischen Kommission erlassene Standardvertragsklauseln",
        "standardavtalsklausuler som Europeiska kommissionen har antagit",
    ),
    "bcr": (
        "binding corporate rules approved by a supervisory authority",
        "bindende bedrijfsvoorschriften die een toezichthoudende autoriteit heeft goedgekeurd",
        "règles d'entreprise contraignantes approuvées par une autorité de contrôle",
        "von einer Aufsichtsbehörde genehmigte verbindliche interne Datenschutzvorschriften",
        "bindande företagsbestämmelser som en tillsynsmyndighet har godkänt",
    ),
    "dpf": (
        "EU-US Data Privacy Framework (adequacy decision of the European Commission of "
        "10 July 2023); the recipient is certified under this framework",
        "EU-VS-kader voor gegevensbescherming (EU-US Data Privacy Framework), "
        "adequaatheidsbesluit van de Europese Commissie van 10 juli 2023; de ontvanger is onder "
        "dit kader gecertificeerd",
        "cadre de protection des données UE-États-Unis (EU-US Data Privacy Framework), décision "
        "d'adéquation de la Commission européenne du 10 juillet 2023 ; le destinataire est "
        "certifié au titre de ce cadre",
        "EU-US-Datenschutzrahmen (EU-US Data Privacy Framework), Angemessenheitsbeschluss der "
        "Europäischen Kommission vom 10. Juli 2023; der Empfänger ist nach diesem Rahmen "
        "zertifiziert",
        "dataskyddsramen mellan EU och USA (EU-US Data Privacy Framework), Europeiska "
        "kommissionens beslut om adekvat skyddsnivå av den 10 juli 2023; mottagaren är "
        "certifierad enligt ramen",
    ),
}

# Mechanisms under Art. 46/47: the notice says how to get a copy of the safeguard.
_COPY_MECHANISMS = frozenset({"scc", "bcr"})

# Basis kind -> the Art. 6(1) point it is.
_BASIS_POINTS: dict[str, str] = {
    "consent": "a",
    "contract": "b",
    "legal_obligation": "c",
    "vital_interests": "d",
    "public_task": "e",
    "legitimate_interest": "f",
}

# Basis kind -> (en, nl, fr, de, sv): the basis in words, to follow "Legal basis:".
_BASES: dict[str, tuple[str, str, str, str, str]] = {
    "consent": (
        "your consent",
        "uw toestemming",
        "votre consentement",
        "Ihre Einwilligung",
        "ditt samtycke",
    ),
    "contract": (
        "the performance of a contract with you, or steps you asked us to take before "
        "entering into one",
        "de uitvoering van een overeenkomst met u of het nemen van precontractuele maatregelen "
        "op uw verzoek",
        "l'exécution d'un contrat conclu avec vous ou de mesures précontractuelles prises à "
        "votre demande",
        "die Erfüllung eines Vertrags mit Ihnen oder die Durchführung vorvertraglicher "
        "Maßnahmen auf Ihre Anfrage",
        "fullgörande av ett avtal med dig eller åtgärder som du har begärt innan ett sådant "
        "avtal ingås",
    ),
    "legal_obligation": (
        "compliance with a legal obligation to which we are subject",
        "het nakomen van een wettelijke verplichting die op ons rust",
        "le respect d'une obligation légale à laquelle nous sommes soumis",
        "die Erfüllung einer rechtlichen Verpflichtung, der wir unterliegen",
        "att fullgöra en rättslig förpliktelse som vi omfattas av",
    ),
    "vital_interests": (
        "the protection of your vital interests or those of another person",
        "de bescherming van uw vitale belangen of die van een andere persoon",
        "la sauvegarde de vos intérêts vitaux ou de ceux d'une autre personne",
        "der Schutz lebenswichtiger Interessen von Ihnen oder einer anderen Person",
        "att skydda dina eller en annan persons grundläggande intressen",
    ),
    "public_task": (
        "the performance of a task carried out in the public interest or in the exercise of "
        "official authority vested in us",
        "de vervulling van een taak van algemeen belang of van een taak in het kader van de "
        "uitoefening van het openbaar gezag dat aan ons is opgedragen",
        "l'exécution d'une mission d'intérêt public ou relevant de l'exercice de l'autorité "
        "publique dont nous sommes investis",
        "die Wahrnehmung einer Aufgabe, die im öffentlichen Interesse liegt oder in Ausübung "
        "öffentlicher Gewalt erfolgt, die uns übertragen wurde",
        "att utföra en uppgift av allmänt intresse eller som ett led i myndighetsutövning som "
        "vi har fått i uppdrag",
    ),
    "legitimate_interest": (
        "our legitimate interests",
        "ons gerechtvaardigd belang",
        "notre intérêt légitime",
        "unser berechtigtes Interesse",
        "vårt berättigade intresse",
    ),
}

_ARTICLE_6: dict[str, str] = {
    "en": "Article 6(1)({}) GDPR",
    "nl": "artikel 6, lid 1, punt {}), AVG",
    "fr": "article 6, paragraphe 1, point {}), du RGPD",
    "de": "Art. 6 Abs. 1 lit. {} DSGVO",
    "sv": "artikel 6.1 {} i dataskyddsförordningen",
}

# ISO 3166-1 alpha-2 -> (en, nl, fr, de, sv): the EEA, the countries with an EU adequacy
# decision and the usual other destinations. Other codes are shown as given.
_COUNTRIES: dict[str, tuple[str, str, str, str, str]] = {
    "AT": ("Austria", "Oostenrijk", "Autriche", "Österreich", "Österrike"),
    "BE": ("Belgium", "België", "Belgique", "Belgien", "Belgien"),
    "BG": ("Bulgaria", "Bulgarije", "Bulgarie", "Bulgarien", "Bulgarien"),
    "HR": ("Croatia", "Kroatië", "Croatie", "Kroatien", "Kroatien"),
    "CY": ("Cyprus", "Cyprus", "Chypre", "Zypern", "Cypern"),
    "CZ": ("Czechia", "Tsjechië", "Tchéquie", "Tschechien", "Tjeckien"),
    "DK": ("Denmark", "Denemarken", "Danemark", "Dänemark", "Danmark"),
    "EE": ("Estonia", "Estland", "Estonie", "Estland", "Estland"),
    "FI": ("Finland", "Finland", "Finlande", "Finnland", "Finland"),
    "FR": ("France", "Frankrijk", "France", "Frankreich", "Frankrike"),
    "DE": ("Germany", "Duitsland", "Allemagne", "Deutschland", "Tyskland"),
    "GR": ("Greece", "Griekenland", "Grèce", "Griechenland", "Grekland"),
    "HU": ("Hungary", "Hongarije", "Hongrie", "Ungarn", "Ungern"),
    "IE": ("Ireland", "Ierland", "Irlande", "Irland", "Irland"),
    "IT": ("Italy", "Italië", "Italie", "Italien", "Italien"),
    "LV": ("Latvia", "Letland", "Lettonie", "Lettland", "Lettland"),
    "LT": ("Lithuania", "Litouwen", "Lituanie", "Litauen", "Litauen"),
    "LU": ("Luxembourg", "Luxemburg", "Luxembourg", "Luxemburg", "Luxemburg"),
    "MT": ("Malta", "Malta", "Malte", "Malta", "Malta"),
    "NL": ("Netherlands", "Nederland", "Pays-Bas", "Niederlande", "Nederländerna"),
    "PL": ("Poland", "Polen", "Pologne", "Polen", "Polen"),
    "PT": ("Portugal", "Portugal", "Portugal", "Portugal", "Portugal"),
    "RO": ("Romania", "Roemenië", "Roumanie", "Rumänien", "Rumänien"),
    "SK": ("Slovakia", "Slowakije", "Slovaquie", "Slowakei", "Slovakien"),
    "SI": ("Slovenia", "Slovenië", "Slovénie", "Slowenien", "Slovenien"),
    "ES": ("Spain", "Spanje", "Espagne", "Spanien", "Spanien"),
    "SE": ("Sweden", "Zweden", "Suède", "Schweden", "Sverige"),
    "IS": ("Iceland", "IJsland", "Islande", "Island", "Island"),
    "LI": ("Liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein"),
    "NO": ("Norway", "Noorwegen", "Norvège", "Norwegen", "Norge"),
    "AD": ("Andorra", "Andorra", "Andorre", "Andorra", "Andorra"),
    "AR": ("Argentina", "Argentinië", "Argentine", "Argentinien", "Argentina"),
    "CA": ("Canada", "Canada", "Canada", "Kanada", "Kanada"),
    "FO": ("Faroe Islands", "Faeröer", "Îles Féroé", "Färöer", "Färöarna"),
    "GG": ("Guernsey", "Guernsey", "Guernesey", "Guernsey", "Guernsey"),
    "IL": ("Israel", "Israël", "Israël", "Israel", "Israel"),
    "IM": ("Isle of Man", "Eiland Man", "Île de Man", "Insel Man", "Isle of Man"),
    "JP": ("Japan", "Japan", "Japon", "Japan", "Japan"),
    "JE": ("Jersey", "Jersey", "Jersey", "Jersey", "Jersey"),
    "NZ": ("New Zealand", "Nieuw-Zeeland", "Nouvelle-Zélande", "Neuseeland", "Nya Zeeland"),
    "KR": ("South Korea", "Zuid-Korea", "Corée du Sud", "Südkorea", "Sydkorea"),
    "CH": ("Switzerland", "Zwitserland", "Suisse", "Schweiz", "Schweiz"),
    "GB": (
        "United Kingdom",
        "Verenigd Koninkrijk",
        "Royaume-Uni",
        "Vereinigtes Königreich",
        "Storbritannien",
    ),
    "UY": ("Uruguay", "Uruguay", "Uruguay", "Uruguay", "Uruguay"),
    "US": ("United States", "Verenigde Staten", "États-Unis", "USA", "USA"),
    "AU": ("Australia", "Australië", "Australie", "Australien", "Australien"),
    "BR": ("Brazil", "Brazilië", "Brésil", "Brasilien", "Brasilien"),
    "CN": ("China", "China", "Chine", "China", "Kina"),
    "IN": ("India", "India", "Inde", "Indien", "Indien"),
    "MX": ("Mexico", "Mexico", "Mexique", "Mexiko", "Mexiko"),
    "SG": ("Singapore", "Singapore", "Singapour", "Singapur", "Singapore"),
    "ZA": ("South Africa", "Zuid-Afrika", "Afrique du Sud", "Südafrika", "Sydafrika"),
    "TR": ("Türkiye", "Turkije", "Turquie", "Türkei", "Turkiet"),
    "UA": ("Ukraine", "Oekraïne", "Ukraine", "Ukraine", "Ukraina"),
    "AE": (
        "United Arab Emirates",
        "Verenigde Arabische Emiraten",
        "Émirats arabes unis",
        "Vereinigte Arabische Emirate",
        "Förenade Arabemiraten",
    ),
}


# --- Helpers ---------------------------------------------------------------------------------


def _language(language: str) -> str:
    """'en', 'EN', 'nl-BE' or 'fr_BE' → a LANGUAGES code; anything else is a ConfigError."""
    code = re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]
    if code not in LANGUAGES:
        raise ConfigError(
            f"no notice template for language {language!r}; use one of: {', '.join(LANGUAGES)}"
        )
    return code


def format_date(day: date, language: str) -> str:
    """A date as the language writes it in running text: '5 February 2026', '5 februari 2026',
    '5 février 2026' ('1er février 2026'), '5. Februar 2026', '5 februari 2026'."""
    lang = _language(language)
    month = _MONTHS[lang][day.month - 1]
    if lang == "de":
        return f"{day.day}. {month} {day.year}"
    if lang == "fr" and day.day == 1:
        return f"1er {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def _pick(table: dict[str, tuple[str, str, str, str, str]], code: str, what: str) -> str:
    """The canonical key of ``code`` in ``table``, or a ConfigError naming the allowed values."""
    key = code.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in table:
        raise ConfigError(f"unknown {what} {code!r}; use one of: {', '.join(table)}")
    return key


def _country(code: str, index: int) -> str:
    names = _COUNTRIES.get(code.strip().upper())
    return names[index] if names else code.strip()


def _category(field: str, index: int) -> str:
    words = _CATEGORIES.get(field.strip().lower())
    return words[index] if words else field.strip().replace("_", " ")


def _months(count: int, lang: str) -> str:
    one, many = _MONTH_UNITS[lang]
    return f"{count} {one if count == 1 else many}"


def _block(text: str | None) -> str | None:
    """Free text as given, without the blank lines around it; None when there is none."""
    if text is None or not text.strip():
        return None
    return text.strip("\r\n").rstrip()


# What the templates get for each list item (attributes, so that Jinja never finds a dict method
# such as ``copy`` or ``items`` instead of a key).


@dataclass(frozen=True, slots=True)
class _SourceLine:
    name: str
    kind: str
    public: bool
    acquired_on: str


@dataclass(frozen=True, slots=True)
class _RecipientLine:
    name: str
    role: str
    country: str


@dataclass(frozen=True, slots=True)
class _TransferLine:
    recipient: str
    country: str
    mechanism: str
    copy_of_safeguards: bool
    """Art. 46/47 safeguards: the notice says where to get a copy of them."""
    url: str | None


def _check(context: NoticeContext) -> None:
    required = {
        "controller_name": context.controller_name,
        "controller_email": context.controller_email,
        "purpose": context.purpose,
        "authority_name": context.authority_name,
    }
    for field, value in required.items():
        if not value.strip():
            raise ConfigError(f"the notice needs {field}; it is empty")
    if not any(category.strip() for category in context.categories):
        raise ConfigError("the notice needs the categories of data held (Art. 14(1)(d))")
    if not context.sources:
        raise ConfigError("the notice needs at least one source of the data (Art. 14(2)(f))")
    if context.retention_months <= 0:
        raise ConfigError("retention_months must be a positive number of months")


def _view(context: NoticeContext, lang: str) -> dict[str, object]:
    """The values the templates use: codes turned into words, dates written out."""
    _check(context)
    index = LANGUAGES.index(lang)
    basis_kind = context.basis_kind.strip().lower()
    if basis_kind not in _BASES:
        allowed = ", ".join(_BASES)
        raise ConfigError(f"unknown basis kind {context.basis_kind!r}; use one of: {allowed}")
    legitimate_interests = _block(context.legitimate_interests)
    if basis_kind == "legitimate_interest" and legitimate_interests is None:
        raise ConfigError(
            "the basis is legitimate interest but legitimate_interests is empty: the notice must "
            "state the legitimate interests pursued (Art. 14(2)(b))"
        )
    categories = list(dict.fromkeys(_category(c, index) for c in context.categories if c.strip()))
    sources = [
        _SourceLine(
            name=s.name,
            kind=_SOURCE_KINDS[_pick(_SOURCE_KINDS, s.kind, "source kind")][index],
            public=s.publicly_accessible,
            acquired_on=format_date(s.acquired_on, lang),
        )
        for s in context.sources
    ]
    recipients = [
        _RecipientLine(
            name=r.name,
            role=_ROLES[_pick(_ROLES, r.role, "recipient role")][index],
            country=_country(r.country, index),
        )
        for r in context.recipients
    ]
    transfers = []
    for t in context.transfers:
        mechanism = _pick(_MECHANISMS, t.mechanism, "transfer mechanism")
        transfers.append(
            _TransferLine(
                recipient=t.recipient,
                country=_country(t.country, index),
                mechanism=_MECHANISMS[mechanism][index],
                copy_of_safeguards=mechanism in _COPY_MECHANISMS,
                url=(t.safeguard_url or "").strip() or None,
            )
        )
    return {
        "person_name": (context.person_name or "").strip() or None,
        "controller_name": context.controller_name,
        "controller_address": _block(context.controller_address),
        "controller_email": context.controller_email,
        "dpo_email": context.dpo_email or None,
        "objection_email": context.objection_email or context.controller_email,
        "objection_url": context.objection_url or None,
        "categories": categories,
        "sources": sources,
        "purpose": _block(context.purpose),
        "basis": _BASES[basis_kind][index],
        "basis_article": _ARTICLE_6[lang].format(_BASIS_POINTS[basis_kind]),
        "consent": basis_kind == "consent",
        # Art. 21(1): objection on grounds of one's particular situation, for points (e) and (f).
        "balancing_objection": basis_kind in ("legitimate_interest", "public_task"),
        "legitimate_interests": (
            legitimate_interests if basis_kind == "legitimate_interest" else None
        ),
        "recipients": recipients,
        "transfers": transfers,
        "retention": _months(context.retention_months, lang),
        "delete_by": format_date(context.delete_by, lang) if context.delete_by else None,
        "authority_name": context.authority_name,
        "authority_url": context.authority_url or None,
        "automated_decisions": _block(context.automated_decisions),
        "notice_version": context.notice_version,
    }


# --- Templates -------------------------------------------------------------------------------


def _heading(text: str) -> str:
    """A plain-text heading: the text underlined with dashes."""
    return f"{text}\n{'-' * len(text)}"


def _nl2br(text: str) -> Markup:
    """Escaped text with its line breaks kept as <br>."""
    return Markup("<br>\n").join(escape(line) for line in text.splitlines())


def _link(url: str) -> Markup:
    """An http(s) address as a link; anything else as escaped text, never as an href."""
    if re.match(r"https?://", url.strip(), re.IGNORECASE):
        return Markup('<a href="{0}">{0}</a>').format(url.strip())
    return escape(url)


def _mailto(email: str) -> Markup:
    return Markup('<a href="mailto:{0}">{0}</a>').format(email.strip())


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("leadguard.notices", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), disabled_extensions=("txt.j2",), default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(heading=_heading, nl2br=_nl2br, link=_link, mailto=_mailto)
    return env


def render_notice(context: NoticeContext, language: str = "en", *, html: bool = False) -> str:
    """The Art. 14 GDPR notice for one person, as plain text or as an HTML document.

    ``language`` is one of LANGUAGES ('nl-BE' style tags are read as their language). The
    notice says, in this order: who the controller is; the right to object to direct marketing,
    in a box of its own (Art. 21(4)); the data held and their sources; the purpose and legal
    basis; the legitimate interests pursued; recipients and transfers outside the EEA; how long
    the data are kept; the person's rights; the right to complain; automated decisions; and the
    notice version.

    Raises:
        ConfigError: an unknown language, basis kind, source kind, recipient role or transfer
            mechanism; a legitimate-interest basis without the legitimate-interests text; or an
            empty required value (controller, e-mail, purpose, authority, categories, sources).
    """
    lang = _language(language)
    view = _view(context, lang)
    template = _environment().get_template(f"notice.{lang}.{'html' if html else 'txt'}.j2")
    return template.render(view)
