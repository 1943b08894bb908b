"""Which column holds which field: header detection in English, Dutch, French, German, Swedish and
Polish, consent questions used as headers, and the per-row source kind of research sheets.

Headers are compared in their :func:`~leadguard.normalize._text.match_text` form (case, accents
and punctuation ignored). For every header, in this order: a user override; an exact alias
("E-mail", "Voornaam", "Code postal"); a consent question ("Ik wil de nieuwsbrief ontvangen");
a contains-rule ("Home Zip" → postcode). A field found in several columns keeps the first
column with an exact alias, else the first column; the others stay unmapped, with a warning.

Ambiguous headers are resolved from the other headers of the file:

* "Name"/"Naam"/"Nom"/"Namn" is the last name when the file also has a first-name column and
  no last-name column (Belgian and French forms: "Voornaam"+"Naam", "Prénom"+"Nom"), else the
  full name;
* "Title"/"Titel" is the job title only when no other column is (otherwise it is a salutation or
  an academic title, and left unmapped);
* "Address"/"Adres"/"Adresse" is the street when the file has separate postcode or city columns,
  else the whole postal address;
* a bare "URL" is the LinkedIn profile in LinkedIn's own export (recognised by "Connected On"),
  and left unmapped elsewhere, with a warning, because it may as well be a website or a source.

Opt-out columns ("Email Opt Out", "Do Not Call", "Unsubscribed") mean the opposite of consent: they
are never read as consent; they are left unmapped with a warning (opt-outs belong on the
suppression list). A consent question that names no channel ("Opt-in", "GDPR consent") is read as
e-mail consent, the narrowest common reading, with a warning.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from leadguard.errors import MappingError
from leadguard.normalize._text import as_text, match_text
from leadguard.registers import SourceKind

__all__ = [
    "CONSENT_CHANNELS",
    "FIELDS",
    "SOURCE_KINDS",
    "ColumnMapping",
    "ConsentColumn",
    "detect_mapping",
    "parse_consent",
    "parse_source_kind",
]

FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "phone",
    "mobile",
    "company",
    "job_title",
    "country",
    "city",
    "postal_address",
    "street",
    "postcode",
    "linkedin_url",
    "website",
    "acquired_on",
    "source_kind",
    "source_url",
)

#: What :func:`parse_source_kind` returns.
SOURCE_KINDS: tuple[str, ...] = tuple(kind.value for kind in SourceKind)

#: The channels a consent column can cover; "all" is consent to be contacted at all.
CONSENT_CHANNELS: tuple[str, ...] = ("email", "all", "phone", "post")


@dataclass(frozen=True)
class ConsentColumn:
    """A column answering a consent question; ``column`` is its header: the question, verbatim."""

    column: str
    channel: str


@dataclass(frozen=True)
class ColumnMapping:
    """Field → column header, the consent columns, and the headers left out (data minimisation)."""

    fields: dict[str, str]
    consent: tuple[ConsentColumn, ...]
    unmapped: tuple[str, ...]
    warnings: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------
# Header vocabulary. Exact aliases are compared without spaces ("E-mail adres" = "emailadres").

# Pseudo-fields for headers whose meaning depends on the rest of the file (see module docstring).
_NAME, _TITLE, _ADDRESS, _URL = "?name", "?title", "?address", "?url"
_IGNORE = "?ignore"

_EXACT_WORDS: dict[str, str] = {
    "first_name": "first firstname firstnames givenname forename fname christianname voornaam "
    "voornamen roepnaam prenom prenoms vorname fornamn imie",
    "last_name": "last lastname surname familyname lname familienaam achternaam nomdefamille "
    "nomfamille nachname familienname zuname efternamn nazwisko",
    "full_name": "fullname nomcomplet volledigenaam vollstandigername vollername fullstandigtnamn "
    "imieinazwisko contact contactname contactperson contactpersoon naamcontactpersoon "
    "personnedecontact ansprechpartner ansprechperson kontaktperson osobakontaktowa "
    "attendeename participantname nometprenom prenometnom nomprenom prenomnom voorenachternaam "
    "voornaamenachternaam vorundnachname vorundzuname",
    "email": "email emails emailaddress emailadres emailadresse mail mailaddress mailadres "
    "courriel adressecourriel adresseemail adressemail adresseelectronique epost epostadress "
    "mejl mejladress adresemail emailid",
    "phone": "phone phonenumber telephone telephonenumber tel telnr telno telnummer telefoon "
    "telefoonnummer telefon telefonnummer telefonnr numerodetelephone numerotelephone "
    "telephonefixe tfn numertelefonu workphone businessphone officephone directphone landline "
    "festnetz vastnummer",
    "mobile": "mobile mobilephone mobilenumber mobilephonenumber mobilenr mobiel mobielnummer "
    "mobieletelefoon mobieltelefoonnummer gsm gsmnummer gsmnr handy handynummer mobil "
    "mobilnummer mobiltelefon mobiltelefonnummer mobilnr portable telephoneportable "
    "numerodeportable cellphone cell cellular cellnumber komorka telefonkomorkowy",
    "company": "company companyname bedrijf bedrijfsnaam firma firmanaam firmenname unternehmen "
    "societe nomdelasociete entreprise nomdelentreprise organisation organization organisatie "
    "organisationsnamn foretag foretagsnamn werkgever employer arbeitgeber nazwafirmy firmy "
    "account accountname organisme",
    "job_title": "jobtitle position function jobfunction functie functietitel fonction funktion "
    "befattning stanowisko "
    "job jobrole role poste titre titreduposte jobbtitel tjanstetitel yrkestitel designation "
    "berufsbezeichnung positie",
    "country": "country countryregion land pays kraj nation",
    "city": "city town stad gemeente plaats woonplaats ville localite commune stadt ort wohnort "
    "gemeinde postort miasto miejscowosc",
    "postal_address": "postaladdress postadres adressepostale postadresse postadress "
    "mailingaddress",
    "street": "street streetaddress straat straatnaam straatennummer rue strasse gatuadress gata "
    "ulica address1 addressline1 adres1 adresse1 adresseligne1 adresregel1",
    "postcode": "postcode postalcode codepostal cp plz postleitzahl postnummer postnr zip zipcode "
    "zippostalcode kodpocztowy npa",
    "linkedin_url": "linkedin linkedinurl linkedinprofile linkedinprofileurl linkedinprofiel "
    "linkedinprofil linkedinlink profileurl profiellinkedin profillinkedin urllinkedin",
    "website": "website websiteurl webaddress siteweb siteinternet webseite webbplats hemsida "
    "homepage stronawww stronainternetowa www web companywebsite companyurl",
    "acquired_on": "connectedon orderdate datefound datumgevonden gevondenop datum date "
    "registrationdate scandate scannedat scantime datescanned inschrijvingsdatum inschrijfdatum "
    "registratiedatum aanmeldingsdatum aanmelddatum datedinscription dateinscription "
    "anmeldedatum registrierungsdatum registreringsdatum anmalningsdatum datarejestracji "
    "created createdat createddate createdon dateadded addedon datetoegevoegd leaddate "
    "capturedat collectedon datecollected timestamp submittedat submissiondate eventdate "
    "dateofevent",
    "source_kind": "sourcetype source sourcekind bron brontype soortbron typebron typedesource "
    "quelle quellentyp kalla kalltyp zrodlo typzrodla leadsource herkomst provenance",
    "source_url": "sourceurl sourcelink bronurl bronlink urlbron urlsource urldelasource "
    "quellurl quelleurl quellenurl kallurl kallaurl zrodlourl link lien foundat",
    _NAME: "name naam nom namn",
    _TITLE: "title titel",
    _ADDRESS: "address adres adresse adress anschrift",
    _URL: "url",
}
_EXACT: dict[str, str] = {
    alias: field for field, words in _EXACT_WORDS.items() for alias in words.split()
}


@dataclass(frozen=True)
class _Rule:
    """A contains-rule: a phrase of ``any_of`` (and of ``also`` when given), none of ``unless``."""

    field: str
    any_of: tuple[str, ...]
    also: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(phrase.strip() for phrase in text.split(",") if phrase.strip())


# Order matters: the first rule that matches decides ("Company phone" is a phone, "Company
# website" a website, "Company LinkedIn" nothing).
_RULES: tuple[_Rule, ...] = (
    _Rule(
        _IGNORE,
        _words(
            "address 2, address line 2, adres 2, adresse 2, adresregel 2, address 3, "
            "address line 3, fax, telefax, salutation, aanhef, anrede, civilite, prefix, id, ip, "
            "vat, btw, tva, ust, kbo, ondernemingsnummer, company number, registration number, "
            "siren, siret, orgnr, organisationsnummer, krs, nip, regon, birth, geboorte, "
            "geboortedatum, naissance, geburt, geburtsdatum, fodelse, fodelsedatum, urodzenia, "
            "unsubscribe, unsubscribed, bounce, bounced, last modified, modified, updated, "
            "changed, last activity, expiry, expires"
        ),
    ),
    _Rule(
        "linkedin_url",
        _words("linkedin, profile url, profiel url, profil url, profile link"),
        unless=_words(
            "company, bedrijf, entreprise, societe, firma, unternehmen, foretag, organisation, "
            "organization, organisatie, page"
        ),
    ),
    _Rule(
        "source_url",
        _words("source, bron, quelle, kalla, zrodlo, found"),
        also=_words("url, link, lien, page, webpage"),
    ),
    _Rule(
        "website",
        _words(
            "website, web site, site web, site internet, webseite, webbplats, hemsida, homepage, "
            "strona www, www, url, web, domain, domein, domaine"
        ),
        unless=_words("image, photo, picture, avatar, logo, email, e mail"),
    ),
    _Rule(
        "email",
        _words(
            "email, e mail, mail, courriel, e post, epost, mejl, emailadres, e mailadres, "
            "mailadres, emailadresse, emailaddress"
        ),
        unless=_words(
            "type, status, valid, verified, domain, sent, opened, open, click, clicks, format, "
            "count, permission"
        ),
    ),
    _Rule(
        "mobile",
        _words(
            "mobile, mobiel, gsm, handy, mobil, mobiltelefon, portable, cell, cellphone, "
            "cellular, komorka, komorkowy, mobielnummer, gsmnummer, handynummer, mobilnummer"
        ),
    ),
    _Rule(
        "phone",
        _words(
            "phone, telephone, telefoon, telefon, tel, telefoonnummer, telefonnummer, telnr, "
            "tfn, telefonu, landline, festnetz"
        ),
        unless=_words("type, extension, ext, toestel, durchwahl, code"),
    ),
    _Rule(
        "postcode",
        _words(
            "postcode, postal code, post code, code postal, plz, postleitzahl, postnummer, zip, "
            "zipcode, zip code, kod pocztowy, postnr, npa"
        ),
    ),
    _Rule(
        "city",
        _words(
            "city, town, stad, gemeente, plaats, woonplaats, ville, localite, commune, stadt, "
            "ort, wohnort, gemeinde, postort, miasto, miejscowosc"
        ),
    ),
    _Rule(
        "country",
        _words("country, land, pays, kraj"),
        unless=_words("phone, tel, calling, dial"),
    ),
    _Rule(
        "street",
        _words(
            "street, straat, rue, strasse, gatuadress, gata, ulica, address 1, address line 1, "
            "adres 1, adresse 1, adresregel 1, street address"
        ),
    ),
    _Rule(
        "postal_address",
        _words("postal address, postadres, adresse postale, postadresse, postadress"),
    ),
    _Rule(_ADDRESS, _words("address, adres, adresse, anschrift, adress")),
    _Rule(
        "first_name",
        _words(
            "first name, firstname, given name, voornaam, prenom, vorname, fornamn, imie, forename"
        ),
    ),
    _Rule(
        "last_name",
        _words(
            "last name, lastname, surname, family name, achternaam, familienaam, nachname, "
            "familienname, efternamn, nazwisko, nom de famille"
        ),
    ),
    _Rule(
        "full_name",
        _words(
            "full name, fullname, contact person, contactpersoon, ansprechpartner, kontaktperson, "
            "nom complet, volledige naam, vollstandiger name, attendee name, participant name, "
            "visitor name, guest name, lead name, contact name, naam deelnemer, naam bezoeker, "
            "nom du participant, your name, uw naam, votre nom, ihr name, ditt namn"
        ),
    ),
    _Rule(
        "company",
        _words(
            "company, bedrijf, bedrijfsnaam, firma, firmenname, unternehmen, societe, entreprise, "
            "organisation, organization, organisatie, foretag, foretagsnamn, werkgever, employer, "
            "arbeitgeber, firmy, organisme"
        ),
        unless=_words(
            "size, type, industry, sector, revenue, employees, number, nummer, numero, vat, "
            "registration, description, category, segment, linkedin, url, website, www, "
            "domain, domein, domaine"
        ),
    ),
    _Rule(
        "job_title",
        _words(
            "job title, jobtitle, position, functie, fonction, funktion, befattning, stanowisko, "
            "job, role, poste, titre, jobbtitel, tjanstetitel, yrkestitel, functietitel"
        ),
        unless=_words("description, start, date"),
    ),
    _Rule(
        _TITLE,
        _words("title, titel"),
        # Mailchimp's CLEAN_CAMPAIGN_TITLE, an event's or a page's title: not a person's.
        unless=_words(
            "campaign, campagne, page, event, ticket, product, subject, document, course, list"
        ),
    ),
    _Rule(
        "acquired_on",
        _words(
            "date, datum, timestamp, dato, connected on, scanned at, scanned on, scan date, "
            "scan time, registered on, registered at, registration date, registration time, "
            "created at, created on, date created, added on, submitted at, submitted on, "
            "inschrijvingsdatum, registratiedatum, data rejestracji"
        ),
        unless=_words(
            "end, einde, start, due, deadline, close, payment, paid, last, by, door, par"
        ),
    ),
    _Rule(
        "source_kind",
        _words("source, bron, quelle, kalla, zrodlo, herkomst, provenance"),
        # Marketing attribution ("UTM source", "Source campaign") is not where a lead was found.
        unless=_words("utm, campaign, campagne, medium"),
    ),
)

# Consent questions. All compared as phrases of the match_text form.
_CONSENT_TRIGGERS = _words(
    "consent, consents, i agree, agree, agreed, akkoord, accept, accepte, j accepte, opt in, "
    "optin, newsletter, newsletters, nieuwsbrief, nieuwsbrieven, toestemming, einwilligung, "
    "einverstanden, zustimmung, ich stimme, stimme zu, samtycke, samtycker, godkanner, "
    "medgivande, zgoda, zgody, zgode, wyrazam, consentement, j autorise, autorise, subscribe, "
    "subscription, may we, can we, mogen wij, mogen we, pouvons nous, durfen wir, far vi, "
    "keep me informed, keep me updated, stay informed, op de hoogte, permission, gdpr, rgpd, "
    "dsgvo, infolettre, lettre d information, nyhetsbrev, nyhetsbrevet, mailing list, "
    "mailinglist, contact me, contact you, be contacted, benaderd, benaderen, gecontacteerd, "
    "me contacter, etre contacte, kontaktieren, kontaktiert, kontakta mig, kontaktas"
)
# "Would you like to receive ..." is a consent question only when it receives marketing.
_RECEIVE = _words("receive, ontvangen, recevoir, erhalten, otrzymywac, ta emot")
_MARKETING = _words(
    "news, newsletter, nieuws, nouvelles, actualites, nachrichten, nyheter, offers, offer, "
    "aanbiedingen, aanbod, offres, angebote, angebot, erbjudanden, oferty, information, "
    "informatie, informations, informationen, updates, promotions, promoties, marketing, "
    "communications, communicatie, invitations, uitnodigingen, einladungen, inbjudningen, "
    "email, e mail, mail, mails, emails, werbung, reklam, publicite"
)
# Present in a consent-like header: the column is about the consent, not the answer itself.
_CONSENT_META = _words(
    "date, time, datum, timestamp, tijd, zeit, heure, tid, ip, source, bron, text, tekst, "
    "wording, version, versie, method, methode, id, basis, grondslag, base legale, "
    "rechtsgrundlage, lawful, legal, proof, bewijs"
)
# Acceptance of terms, a privacy notice or photography is not marketing consent.
_NOT_MARKETING = _words(
    "terms, conditions, voorwaarden, conditions generales, cgv, agb, privacy policy, "
    "privacyverklaring, privacybeleid, datenschutzerklarung, datenschutz, villkor, regulamin, "
    "photo, photos, foto, fotos, image, images, beeldmateriaal, video, film, recording, opname"
)
_OPT_OUT = _words(
    "opt out, optout, opted out, unsubscribe, unsubscribed, do not call, do not email, "
    "do not contact, do not mail, donotcall, donotemail, dnc, afmelden, afgemeld, "
    "uitschrijven, uitgeschreven, desinscription, desinscrit, desabonne, abmelden, abgemeldet, "
    "abbestellen, avregistrera, avregistrerad, blacklist, blocklist, suppress, suppressed, "
    "suppression, robinson, niet bellen, niet mailen, bel me niet, withdrawn, withdraw, revoked, "
    "ingetrokken"
)
_NEGATIONS = _words(
    "not, dont, don t, no longer, never, niet, geen, ne pas, ne plus, pas de, nicht, kein, "
    "keine, inte, ej, nie chce, nie zgadzam, nie wyrazam"
)
_CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "email": _words(
        "email, emails, e mail, e mails, mail, mails, newsletter, newsletters, nieuwsbrief, "
        "nieuwsbrieven, courriel, courriels, nyhetsbrev, nyhetsbrevet, infolettre, "
        "lettre d information, mailing, mailings, e post, epost, mejl, emailadres, "
        "mailinglist, mailing list, elektroniczna, elektronicznej, mailowo"
    ),
    "phone": _words(
        "phone, telephone, telephonique, telefoon, telefonisch, telefonie, bellen, gebeld, call, "
        "calls, called, calling, sms, text message, text messages, whatsapp, anrufen, anruf, "
        "anrufe, telefon, ringa, ringer, ringas, samtal, telefonicznie, telefoniczny, "
        "telefonicznego, appel, appels, appeler, appele"
    ),
    "post": _words(
        "post, postal, by post, per post, courrier, courrier postal, par courrier, brief, "
        "briefpost, postweg, brev, listownie, letter, letters, snail mail"
    ),
}
_CONTACT_WORDS = _words(
    "contact, contacted, contacting, contacteren, gecontacteerd, benaderd, benaderen, "
    "contacter, contacte, contactez, kontaktieren, kontaktiert, kontakt, kontakta, kontaktas, "
    "kontaktar, kontaktowac, reach out, get in touch, in touch"
)
_CHANNEL_LABELS = {"email": "e-mail", "phone": "phone", "post": "post", "all": "all channels"}


# match_text drops apostrophes (O'Brien → obrien); in questions and answers they separate
# words ("J'accepte d'être contacté", "Pas d'accord"), so they become spaces first.
_APOSTROPHES = re.compile("['`\u2019\u2018\u02bc\u00b4]")


def _key(text: str) -> str:
    return match_text(_APOSTROPHES.sub(" ", text))


def _padded(header: str) -> str:
    return f" {_key(header)} "


def _has(padded: str, phrases: Sequence[str]) -> bool:
    return any(f" {phrase} " in padded for phrase in phrases)


def _first_position(padded: str, phrases: Sequence[str]) -> int:
    found = [padded.find(f" {phrase} ") for phrase in phrases]
    return min((i for i in found if i >= 0), default=-1)


def _consent_kind(padded: str) -> str | None:
    """ "consent", "optout", "other" (about consent, not an answer) or None (not about consent)."""
    if _has(padded, _OPT_OUT):
        return "optout"
    trigger = _has(padded, _CONSENT_TRIGGERS) or (
        _has(padded, _RECEIVE) and _has(padded, _MARKETING)
    )
    if not trigger:
        return None
    tokens = set(padded.split())
    if _has(padded, _NEGATIONS) or {"ne", "pas"} <= tokens:
        return "optout"
    if _has(padded, _CONSENT_META):
        return "other"
    if _has(padded, _NOT_MARKETING) and not (
        _has(padded, _MARKETING) or any(_has(padded, w) for w in _CHANNEL_WORDS.values())
    ):
        return "other"
    return "consent"


def _channel(padded: str) -> tuple[str, tuple[str, ...]]:
    """The channel a consent question is about, and the specific channels it names."""
    positions = {
        channel: _first_position(padded, words) for channel, words in _CHANNEL_WORDS.items()
    }
    named = tuple(sorted((c for c, p in positions.items() if p >= 0), key=positions.__getitem__))
    if named:
        return named[0], named
    if _has(padded, _CONTACT_WORDS):
        return "all", ()
    return "", ()


# --------------------------------------------------------------------------------------------
# detect_mapping


def detect_mapping(
    headers: Sequence[str],
    overrides: Mapping[str, str | None] | None = None,
    *,
    file: str | None = None,
) -> ColumnMapping:
    """Map the headers to fields and consent columns; ``overrides`` ({column: field | None |
    "ignore" | "consent" | "consent:<channel>"}) win over detection."""
    names = [str(h) if h is not None else "" for h in headers]
    warnings: list[str] = []
    assigned: dict[str, str] = {}
    consent: dict[str, ConsentColumn] = {}
    decided: set[int] = set()

    for column, target in (overrides or {}).items():
        index = _override_index(names, column, file)
        decided.add(index)
        header = names[index]
        kind = _override_target(target, header, file)
        if kind is None:
            continue
        if kind.startswith("consent"):
            channel = kind.partition(":")[2]
            if not channel:
                channel = _consent_channel(header, warnings)
            consent[header] = ConsentColumn(header, channel)
            continue
        if kind in assigned:
            raise MappingError(
                f"both {assigned[kind]!r} and {header!r} are mapped to the field {kind!r}; "
                "map only one of them",
                file=file,
                column=header,
            )
        assigned[kind] = header

    linkedin = any(_key(name) == "connected on" for name in names)
    exact: list[tuple[int, str]] = []
    contains: list[tuple[int, str]] = []
    for index, header in enumerate(names):
        if index in decided:
            continue
        padded = _padded(header)
        compact = padded.replace(" ", "")
        if compact in _EXACT:
            exact.append((index, _EXACT[compact]))
            continue
        kind = _consent_kind(padded)
        if kind == "consent":
            decided.add(index)
            consent[header] = ConsentColumn(header, _consent_channel(header, warnings))
            continue
        if kind == "optout":
            decided.add(index)
            warnings.append(
                f"column {header!r} looks like an opt-out (the opposite of consent); it is not "
                "read as consent: put opt-outs on the suppression list"
            )
            continue
        if kind == "other":
            decided.add(index)
            continue
        rule = next((r for r in _RULES if _matches(r, padded)), None)
        if rule is not None and rule.field != _IGNORE:
            contains.append((index, rule.field))

    # Exact aliases claim their fields before contains-rules, each in column order.
    ambiguous: list[tuple[int, str]] = []
    for index, field in [*exact, *contains]:
        header = names[index]
        if field.startswith("?"):
            ambiguous.append((index, field))
        elif field not in assigned:
            assigned[field] = header
        else:
            warnings.append(
                f"column {header!r} also looks like {field} but {assigned[field]!r} was used; "
                f"map it explicitly if it is the right one"
            )
    for index, field in sorted(ambiguous):
        resolved = _resolve(field, assigned, linkedin)
        header = names[index]
        if resolved is not None:
            assigned[resolved] = header
        elif field == _URL:
            warnings.append(
                f"column {header!r} may hold a website, a LinkedIn profile or a source page; it "
                "was left unmapped: map it to website, linkedin_url or source_url"
            )

    used = set(assigned.values()) | set(consent)
    return ColumnMapping(
        fields={field: assigned[field] for field in FIELDS if field in assigned},
        consent=tuple(consent[h] for h in names if h in consent),
        unmapped=tuple(h for h in names if h not in used),
        warnings=tuple(warnings),
    )


def _matches(rule: _Rule, padded: str) -> bool:
    return (
        _has(padded, rule.any_of)
        and (not rule.also or _has(padded, rule.also))
        and not _has(padded, rule.unless)
    )


def _resolve(field: str, assigned: Mapping[str, str], linkedin: bool) -> str | None:
    if field == _NAME:
        if "first_name" in assigned and "last_name" not in assigned:
            return "last_name"
        return "full_name" if "full_name" not in assigned else None
    if field == _TITLE:
        return "job_title" if "job_title" not in assigned else None
    if field == _ADDRESS:
        split = "postcode" in assigned or "city" in assigned
        for candidate in ("street", "postal_address") if split else ("postal_address", "street"):
            if candidate not in assigned:
                return candidate
        return None
    if field == _URL:
        return "linkedin_url" if linkedin and "linkedin_url" not in assigned else None
    return None


def _consent_channel(header: str, warnings: list[str]) -> str:
    channel, named = _channel(_padded(header))
    if len(named) > 1:
        labels = ", ".join(_CHANNEL_LABELS[c] for c in named)
        warnings.append(
            f"consent column {header!r} names several channels ({labels}); it was read as "
            f"{_CHANNEL_LABELS[channel]} consent only: override it with 'consent:<channel>' "
            "if needed"
        )
    if not channel:
        warnings.append(
            f"consent column {header!r} does not say which channel it covers; it was read as "
            "e-mail consent: override it with 'consent:all', 'consent:phone' or 'consent:post' "
            "if the question covered more"
        )
        channel = "email"
    return channel


def _override_index(names: list[str], column: str, file: str | None) -> int:
    if column in names:
        return names.index(column)
    folded = [
        i for i, n in enumerate(names) if n.strip().casefold() == str(column).strip().casefold()
    ]
    if len(folded) == 1:
        return folded[0]
    raise MappingError(
        f"the mapping names a column the file does not have; its columns are "
        f"{', '.join(map(repr, names))}",
        file=file,
        column=str(column),
    )


def _override_target(target: str | None, header: str, file: str | None) -> str | None:
    """The normalized override: a field, "consent[:channel]", or None to leave the column out."""
    if target is None:
        return None
    value = str(target).strip().lower()
    if value in ("", "ignore", "none", "skip"):
        return None
    if value in FIELDS:
        return value
    if value == "consent":
        return value
    if value.startswith("consent:"):
        channel = value.partition(":")[2].strip()
        if channel in CONSENT_CHANNELS:
            return f"consent:{channel}"
        raise MappingError(
            f"{target!r} names an unknown consent channel; use one of "
            f"{', '.join('consent:' + c for c in CONSENT_CHANNELS)}",
            file=file,
            column=header,
        )
    raise MappingError(
        f"{target!r} is not a field leadguard knows; valid fields are {', '.join(FIELDS)}, "
        "or 'consent' / 'consent:<email|all|phone|post>' for a consent question, "
        "or None / 'ignore' to leave the column out",
        file=file,
        column=header,
    )


# --------------------------------------------------------------------------------------------
# Cell values

_YES = frozenset(
    _words(
        "yes, y, ja, j, oui, si, tak, t, true, 1, x, ok, okay, agree, agreed, i agree, accept, "
        "accepted, i accept, akkoord, ik ga akkoord, akkoord gegaan, d accord, j accepte, accepte, "
        "einverstanden, zugestimmt, ich stimme zu, stimme zu, godkanner, jag godkanner, "
        "samtycker, jag samtycker, godkand, opt in, optin, opted in, subscribed, ingeschreven, "
        "inscrit, abonne, abonniert, prenumererar, on, checked, wahr, vrai, waar, sant, prawda, "
        "zgoda, wyrazam zgode, granted, given, consented, consent given, yes please, ja graag, "
        "oui merci, ja gerne, ja tack, tak prosze"
    )
)
_NO = frozenset(
    _words(
        "no, n, nee, neen, non, nein, nej, nie, false, 0, off, unchecked, not agreed, disagree, "
        "declined, decline, refused, refuse, refuser, refuse, weigert, geweigerd, opt out, "
        "optout, opted out, unsubscribed, uitgeschreven, afgemeld, desinscrit, desabonne, "
        "abgemeldet, avregistrerad, avanmald, faux, falsch, onwaar, falskt, falsz, brak zgody, "
        "no thanks, nee bedankt, non merci, nein danke, nej tack, withdrawn, revoked, ingetrokken, "
        "niet akkoord, pas d accord, nicht einverstanden, no consent"
    )
)
_UNKNOWN = frozenset(
    _words(
        "na, n a, nvt, n v t, so, s o, ka, k a, unknown, onbekend, inconnu, unbekannt, okand, "
        "maybe, misschien, peut etre, vielleicht, kanske, moze, none, null, nan"
    )
)
_YES_FIRST = frozenset(_words("yes, yeah, yep, sure, ja, oui, si, tak, jawel, absolutely"))
_NO_FIRST = frozenset(_words("no, nope, nee, neen, non, nein, nej, nie"))
_YES_WORDS = _words(
    "i agree, agree, agreed, akkoord, accepte, accept, accepted, einverstanden, zustimmen, "
    "godkanner, samtycker, zgadzam, wyrazam zgode, opt in, optin, opted in, subscribe, "
    "subscribed, consent, toestemming"
)
_CHECKED = frozenset("✓✔☑✅√☒")
_UNCHECKED = frozenset("✗✘❌☐")


def parse_consent(value: object) -> bool | None:
    """A consent answer as True/False; None when empty or not understood."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and math.isnan(value):
            return None
        return True if value == 1 else False if value == 0 else None
    text = as_text(value)
    if text is None:
        return None
    stripped = text.strip()
    if not stripped:
        return None
    if stripped[0] in _CHECKED:
        return True
    if stripped[0] in _UNCHECKED:
        return False
    if re.fullmatch(r"[01](?:[.,]0+)?", stripped):
        return stripped[0] == "1"
    key = _key(stripped)
    if not key or key in _UNKNOWN:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    tokens = key.split()
    if tokens[0] in _NO_FIRST:
        return False
    if tokens[0] in _YES_FIRST:
        return True
    padded = f" {key} "
    if _has(padded, _OPT_OUT) or (
        (_has(padded, _NEGATIONS) or {"ne", "pas"} <= set(tokens)) and _has(padded, _YES_WORDS)
    ):
        return False
    if _has(padded, _YES_WORDS):
        return True
    return None


_SOURCE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("linkedin", _words("linkedin, linked in, sales navigator")),
    (
        "public_registry",
        _words(
            "kbo, bce, crossroads bank, kruispuntbank, banque carrefour, handelsregister, kvk, "
            "kamer van koophandel, bolagsverket, allabolag, krs, ceidg, companies house, "
            "registry, register, registre, rejestr, staatsblad, moniteur, bundesanzeiger, "
            "unternehmensregister, infogreffe, sirene, gazette, official journal, "
            "public register, openbaar register, handelsregistret"
        ),
    ),
    (
        "member_list",
        _words(
            "member list, members list, member directory, members, ledenlijst, leden, "
            "ledenbestand, liste des membres, membres, annuaire des membres, mitgliederliste, "
            "mitglieder, mitgliederverzeichnis, medlemslista, medlemmar, medlemsregister, "
            "lista czlonkow, czlonkowie"
        ),
    ),
    (
        "trade_fair_list",
        _words(
            "trade fair, tradefair, trade show, tradeshow, beurs, vakbeurs, salon, messe, massa, "
            "fair, expo, exhibition, exhibitor, exhibitors, exposant, exposants, aussteller, "
            "targi, utstallare"
        ),
    ),
    (
        "event",
        _words(
            "event, events, evenement, evenementen, evenemang, veranstaltung, conference, "
            "congres, congress, kongress, konferens, seminar, seminarie, seminaire, webinar, "
            "meetup, badge, badge scan, scan, workshop, eventbrite, booth, stand, konferencja, "
            "wydarzenie, networking"
        ),
    ),
    (
        "purchased_list",
        _words(
            "purchased, bought, broker, list broker, rented list, gekocht, aangekocht, achete, "
            "achat, gekauft, kopt, kupiona, zakupiona, data provider, data vendor"
        ),
    ),
    (
        "referral",
        _words(
            "referral, referred, recommendation, aanbeveling, doorverwezen, doorverwijzing, "
            "introduction, intro, recommandation, empfehlung, rekommendation, polecenie, "
            "word of mouth, mond tot mond, bouche a oreille, tip"
        ),
    ),
    (
        "webshop",
        _words(
            "webshop, web shop, online shop, onlineshop, eshop, e shop, e commerce, ecommerce, "
            "shopify, woocommerce, boutique en ligne, webwinkel, nettbutikk, webbutik, sklep"
        ),
    ),
    (
        "company_website",
        _words(
            "team page, website, web site, site web, site internet, about us, over ons, a propos, "
            "uber uns, om oss, o nas, company site, homepage, webpage, web page, contact page, "
            "impressum, mentions legales, colofon, webseite, hemsida, strona"
        ),
    ),
    (
        "own_research",
        _words(
            "own research, research, eigen onderzoek, onderzoek, recherche, eigene recherche, "
            "desk research, manual, google, press, news, article, newspaper, pers, krant, "
            "zeitung, presse, tidning, prasa"
        ),
    ),
)


def parse_source_kind(value: object) -> str | None:
    """A research sheet's free-text source type as one of :data:`SOURCE_KINDS`; None when empty."""
    text = as_text(value)
    if text is None or not text.strip():
        return None
    key = _key(text)
    if key.replace(" ", "_") in SOURCE_KINDS:
        return key.replace(" ", "_")
    padded = f" {key} "
    for kind, phrases in _SOURCE_RULES:
        if _has(padded, phrases):
            return kind
    return "other"
