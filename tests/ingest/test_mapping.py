"""detect_mapping, parse_consent, parse_source_kind on the headers and answers people write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from leadguard.errors import MappingError
from leadguard.ingest import (
    FIELDS,
    SOURCE_KINDS,
    ColumnMapping,
    ConsentColumn,
    detect_mapping,
    parse_consent,
    parse_source_kind,
    read_table,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def field_of(header: str, *others: str) -> str | None:
    """The field the header maps to, in a file that also has the other headers."""
    mapping = detect_mapping([header, *others])
    return next((f for f, h in mapping.fields.items() if h == header), None)


# --- One header, one field, per language ------------------------------------------------------

HEADERS: dict[str, list[str]] = {
    "first_name": [
        "First Name",
        "first_name",
        "FIRSTNAME",
        "Given name",
        "Voornaam",
        "Prénom",
        "Vorname",
        "Förnamn",
        "Imię",
        "Attendee first name",
    ],
    "last_name": [
        "Last Name",
        "Surname",
        "Achternaam",
        "Familienaam",
        "Nom de famille",
        "Nachname",
        "Efternamn",
        "Nazwisko",
    ],
    "full_name": [
        "Full name",
        "Nom complet",
        "Volledige naam",
        "Contact person",
        "Imię i nazwisko",
    ],
    "email": [
        "E-mail",
        "Email",
        "Email Address",
        "E-mailadres",
        "Courriel",
        "Adresse e-mail",
        "E-Mail-Adresse",
        "E-post",
        "Mail",
        "Adres e-mail",
        "Work email",
    ],
    "phone": ["Phone", "Telefoon", "Téléphone", "Telefon", "Tel.", "Telefoonnummer", "Tfn"],
    "mobile": [
        "Gsm",
        "Mobiel",
        "Handy",
        "Mobil",
        "Mobile",
        "Portable",
        "Mobiltelefon",
        "Cell Phone",
        "Telefon komórkowy",
        "Mobile phone number",
    ],
    "company": [
        "Company",
        "Company Name",
        "Bedrijf",
        "Firma",
        "Société",
        "Entreprise",
        "Företag",
        "Organisation",
        "Organization",
        "Werkgever",
        "Nazwa firmy",
    ],
    "job_title": [
        "Job Title",
        "Functie",
        "Fonction",
        "Position",
        "Befattning",
        "Stanowisko",
        "Funktion",
        "Function",
    ],
    "country": ["Country", "Land", "Pays", "Kraj", "Home Country"],
    "city": ["City", "Stad", "Gemeente", "Ville", "Stadt", "Ort", "Miasto", "Home City", "Postort"],
    "postcode": ["Postcode", "Code postal", "PLZ", "Postnummer", "Zip", "Home Zip", "Kod pocztowy"],
    "street": ["Street", "Straat", "Rue", "Straße", "Gatuadress", "Ulica", "Home Address 1"],
    "postal_address": ["Postal address", "Postadres", "Adresse postale"],
    "linkedin_url": ["LinkedIn", "Profile URL", "LinkedIn profile", "LinkedIn URL"],
    "website": ["Website", "Site web", "Webseite", "Webbplats", "Company website", "www"],
    "acquired_on": [
        "Connected On",
        "Order Date",
        "Date found",
        "Datum",
        "Date",
        "Registration date",
        "Scan date",
        "Inschrijvingsdatum",
        "Date d'inscription",
        "Anmeldedatum",
    ],
    "source_kind": [
        "Source type",
        "Bron",
        "Source",
        "Type de source",
        "Quelle",
        "Källa",
        "Lead source",
    ],
    "source_url": ["Source URL", "Bron URL", "URL de la source", "Link"],
}


@pytest.mark.parametrize(
    ("field", "header"),
    [(field, header) for field, headers in HEADERS.items() for header in headers],
)
def test_header_detected(field: str, header: str) -> None:
    assert field_of(header) == field


@pytest.mark.parametrize(
    "header",
    [
        "Order #",
        "Ticket Type",
        "Attendee Status",
        "Home State",
        "Home Address 2",
        "Fax",
        "Company size",
        "VAT number",
        "Ondernemingsnummer",
        "Date of birth",
        "Geboortedatum",
        "Company LinkedIn",
        "Notes",
        "Preferred contact method",
        "Email bounced",
        "Last modified",
        "Scanned by",
        "IP address",
        "UTM source",
        "CLEAN_CAMPAIGN_TITLE",
        "Event title",
    ],
)
def test_headers_that_map_to_nothing(header: str) -> None:
    mapping = detect_mapping([header])
    assert mapping.fields == {}
    assert mapping.consent == ()
    assert mapping.unmapped == (header,)


def test_linkedin_connections_mapping() -> None:
    table = read_table(DATA / "linkedin_connections_2024.csv")
    mapping = detect_mapping(list(table.frame.columns))
    assert mapping.fields == {
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "Email Address",
        "company": "Company",
        "job_title": "Position",
        "linkedin_url": "URL",
        "acquired_on": "Connected On",
    }
    assert mapping.unmapped == ()
    assert mapping.warnings == ()


def test_eventbrite_attendee_report_mapping() -> None:
    headers = (
        "Order #,Order Date,First Name,Last Name,Email,Quantity,Price Tier,Ticket Type,Attendee #,"
        "Group,Order Type,Currency,Total Paid,Fees Paid,Eventbrite Fees,Eventbrite Payment "
        "Processing,Attendee Status,Home Address 1,Home Address 2,Home City,Home State,Home Zip,"
        "Home Country,Would you like to receive updates about future events?,Job Title,Company"
    ).split(",")
    mapping = detect_mapping(headers)
    assert mapping.fields == {
        "first_name": "First Name",
        "last_name": "Last Name",
        "email": "Email",
        "company": "Company",
        "job_title": "Job Title",
        "country": "Home Country",
        "city": "Home City",
        "street": "Home Address 1",
        "postcode": "Home Zip",
        "acquired_on": "Order Date",
    }
    assert mapping.consent == (
        ConsentColumn("Would you like to receive updates about future events?", "email"),
    )
    assert "Home Address 2" in mapping.unmapped and "Order #" in mapping.unmapped


def test_event_export_fixture_mapping_and_consent() -> None:
    table = read_table(DATA / "event_export_semicolon_bom_crlf.csv")
    mapping = detect_mapping(list(table.frame.columns), file=table.file_name)
    question = "I agree that Example NV may send me news and offers by e-mail"
    assert mapping.fields["first_name"] == "Voornaam"
    assert mapping.fields["last_name"] == "Naam"  # Voornaam + Naam: Naam is the family name
    assert mapping.fields["acquired_on"] == "Inschrijvingsdatum"
    assert mapping.consent == (ConsentColumn(question, "email"),)
    assert mapping.unmapped == ("Opmerkingen",)
    assert [parse_consent(v) for v in table.frame[question]] == [True, False, True]


def test_research_sheet_mapping() -> None:
    table = read_table(DATA / "research_sheet.csv")
    mapping = detect_mapping(list(table.frame.columns))
    assert mapping.fields == {
        "full_name": "Contact person",
        "email": "E-mail",
        "company": "Company",
        "job_title": "Functie",
        "acquired_on": "Date found",
        "source_kind": "Source type",
        "source_url": "Source URL",
    }
    kinds = [parse_source_kind(v) for v in table.frame["Source type"]]
    assert kinds == ["public_registry", "company_website"]


# --- Headers whose meaning depends on the file -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "first"), [("Naam", "Voornaam"), ("Nom", "Prénom"), ("Name", "First name")]
)
def test_name_next_to_a_first_name_is_the_last_name(name: str, first: str) -> None:
    assert field_of(name, first) == "last_name"


@pytest.mark.parametrize("name", ["Name", "Naam", "Nom", "Namn"])
def test_name_alone_is_the_full_name(name: str) -> None:
    assert field_of(name, "Email") == "full_name"


def test_name_next_to_first_and_last_name_is_the_full_name() -> None:
    assert field_of("Name", "First Name", "Last Name") == "full_name"


def test_title_is_the_job_title_only_without_a_better_column() -> None:
    assert field_of("Title", "Email") == "job_title"
    assert field_of("Titel", "Förnamn") == "job_title"
    assert field_of("Title", "Job Title") is None  # then it is a salutation ("Dr.", "Ms")
    assert detect_mapping(["Title", "Position"]).unmapped == ("Title",)


def test_address_is_the_street_when_postcode_or_city_are_separate() -> None:
    assert field_of("Adres", "Postcode", "Gemeente") == "street"
    assert field_of("Adresse", "Ville") == "street"
    assert field_of("Address", "Email") == "postal_address"


def test_bare_url_is_linkedin_only_in_linkedin_exports() -> None:
    assert field_of("URL", "First Name", "Connected On") == "linkedin_url"
    mapping = detect_mapping(["URL", "Company"])
    assert "URL" in mapping.unmapped
    assert any("'URL'" in warning for warning in mapping.warnings)


def test_a_field_found_twice_keeps_the_exact_alias_then_the_first_column() -> None:
    mapping = detect_mapping(["Work email", "Email", "E-mail"])
    assert mapping.fields == {"email": "Email"}
    assert mapping.unmapped == ("Work email", "E-mail")
    assert len(mapping.warnings) == 2
    assert all("'Email' was used" in warning for warning in mapping.warnings)


def test_mapping_partitions_the_headers() -> None:
    headers = ["Voornaam", "Naam", "E-mail", "Nieuwsbrief", "Opmerkingen", "Email Opt Out"]
    mapping = detect_mapping(headers)
    mapped = [*mapping.fields.values(), *(c.column for c in mapping.consent), *mapping.unmapped]
    assert sorted(mapped) == sorted(headers)
    assert list(mapping.fields) == [f for f in FIELDS if f in mapping.fields]


# --- Consent questions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "channel"),
    [
        ("I agree that Example NV may send me news and offers by e-mail", "email"),
        ("Consent to be contacted", "all"),
        ("Optin e-mail", "email"),
        ("Nieuwsbrief", "email"),
        ("Ik wil de nieuwsbrief ontvangen", "email"),
        ("J'accepte de recevoir la newsletter par courriel", "email"),
        ("Einwilligung Werbung per E-Mail", "email"),
        ("Samtycke till nyhetsbrev", "email"),
        ("Zgoda na kontakt", "all"),
        ("May we contact you?", "all"),
        ("Mogen wij u benaderen?", "all"),
        ("J'accepte d'être contacté", "all"),
        ("Ich bin einverstanden, dass Sie mich kontaktieren", "all"),
        ("Jag vill att ni kontaktar mig - samtycke", "all"),
        ("Ik ga akkoord om gebeld te worden", "phone"),
        ("Phone opt-in", "phone"),
        ("SMS consent", "phone"),
        ("J'accepte d'être appelé par téléphone", "phone"),
        ("Ich stimme zu, dass Sie mich anrufen", "phone"),
        ("Samtycke: får vi ringa dig?", "phone"),
        ("Consent to receive offers by post", "post"),
        ("Toestemming voor informatie per post", "post"),
    ],
)
def test_consent_question_channel(header: str, channel: str) -> None:
    mapping = detect_mapping([header, "Email"])
    assert mapping.consent == (ConsentColumn(header, channel),)
    assert mapping.fields == {"email": "Email"}
    assert header not in mapping.unmapped


@pytest.mark.parametrize(
    "header", ["Opt-in", "Marketing opt-in", "GDPR consent", "J'accepte de recevoir …"]
)
def test_consent_without_a_channel_is_email_with_a_warning(header: str) -> None:
    mapping = detect_mapping([header])
    assert mapping.consent == (ConsentColumn(header, "email"),)
    assert len(mapping.warnings) == 1 and repr(header) in mapping.warnings[0]


def test_consent_naming_several_channels_keeps_the_first_with_a_warning() -> None:
    header = "I agree to be contacted by phone or e-mail"
    mapping = detect_mapping([header])
    assert mapping.consent == (ConsentColumn(header, "phone"),)
    assert "several channels" in mapping.warnings[0]


@pytest.mark.parametrize(
    "header",
    [
        "Email Opt Out",
        "Unsubscribed",
        "Do Not Call",
        "I do not want to receive the newsletter",
        "Ik wil de nieuwsbrief niet ontvangen",
        "Je ne souhaite pas recevoir la newsletter",
        "Afgemeld nieuwsbrief",
    ],
)
def test_opt_out_columns_are_never_consent(header: str) -> None:
    mapping = detect_mapping([header])
    assert mapping.consent == ()
    assert mapping.fields == {}
    assert mapping.unmapped == (header,)
    assert "opt-out" in mapping.warnings[0]


@pytest.mark.parametrize(
    "header",
    [
        "Opt-in date",
        "Consent timestamp",
        "OPTIN_TIME",
        "Consent source",
        "GDPR legal basis",
        "I accept the terms and conditions",
        "Photo consent",
    ],
)
def test_columns_about_consent_are_not_answers(header: str) -> None:
    mapping = detect_mapping([header])
    assert mapping.consent == ()
    assert mapping.fields == {}  # "Opt-in date" is not the acquisition date either
    assert mapping.unmapped == (header,)


# --- Overrides --------------------------------------------------------------------------------


def test_override_maps_a_column_to_a_field() -> None:
    mapping = detect_mapping(["Name", "Cell Phone", "GSM"], {"Cell Phone": "mobile"})
    assert mapping.fields["mobile"] == "Cell Phone"
    assert "GSM" in mapping.unmapped  # detected as mobile too, but the override wins
    assert any("'GSM'" in warning for warning in mapping.warnings)


def test_override_wins_over_detection_of_the_same_column() -> None:
    mapping = detect_mapping(["Email", "Company"], {"Company": "full_name"})
    assert mapping.fields == {"full_name": "Company", "email": "Email"}


@pytest.mark.parametrize("target", [None, "ignore", "IGNORE", ""])
def test_override_leaves_a_column_out(target: str | None) -> None:
    mapping = detect_mapping(
        ["Email", "Notes", "Nieuwsbrief"], {"Email": target, "Nieuwsbrief": target}
    )
    assert mapping.fields == {}
    assert mapping.consent == ()
    assert mapping.unmapped == ("Email", "Notes", "Nieuwsbrief")


@pytest.mark.parametrize(
    ("target", "channel"),
    [
        ("consent", "email"),
        ("consent:all", "all"),
        ("consent:phone", "phone"),
        ("Consent:Post", "post"),
    ],
)
def test_override_forces_a_consent_column(target: str, channel: str) -> None:
    mapping = detect_mapping(["Email", "Newsletter?", "Extra"], {"Newsletter?": target})
    assert mapping.consent == (ConsentColumn("Newsletter?", channel),)


def test_override_column_matched_ignoring_case_and_spaces() -> None:
    mapping = detect_mapping(["Cell Phone"], {" cell phone": "mobile"})
    assert mapping.fields == {"mobile": "Cell Phone"}


def test_override_with_an_unknown_field_names_the_column_and_lists_fields() -> None:
    with pytest.raises(MappingError) as caught:
        detect_mapping(["Cell Phone"], {"Cell Phone": "cellphone"}, file="leads.csv")
    message = str(caught.value)
    assert caught.value.column == "Cell Phone" and caught.value.file == "leads.csv"
    assert "'cellphone'" in message
    assert all(field in message for field in FIELDS)


def test_override_with_an_unknown_column_lists_the_columns() -> None:
    with pytest.raises(MappingError) as caught:
        detect_mapping(["Email", "GSM"], {"Cell Phone": "mobile"}, file="leads.csv")
    assert caught.value.column == "Cell Phone"
    assert "'Email'" in str(caught.value) and "'GSM'" in str(caught.value)


def test_override_with_an_unknown_consent_channel() -> None:
    with pytest.raises(MappingError, match="consent:email"):
        detect_mapping(["Newsletter?"], {"Newsletter?": "consent:fax"})


def test_two_overrides_to_one_field() -> None:
    with pytest.raises(MappingError, match="both"):
        detect_mapping(["Tel", "GSM"], {"Tel": "mobile", "GSM": "mobile"})


@given(st.lists(st.text(max_size=40), max_size=12))
def test_detect_mapping_never_raises_and_partitions(headers: list[str]) -> None:
    mapping = detect_mapping(headers)
    assert isinstance(mapping, ColumnMapping)
    assert set(mapping.fields) <= set(FIELDS)
    assert len(set(mapping.fields.values())) == len(mapping.fields)
    for column in mapping.consent:
        assert column.channel in ("email", "all", "phone", "post")
    used = set(mapping.fields.values()) | {c.column for c in mapping.consent}
    assert set(mapping.unmapped) == set(headers) - used


# --- parse_consent ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Yes", "yes", "Y", "Ja", "J", "Oui", "Tak", "true", "TRUE", "1", "1.0", 1, True, "x", "X",
        "✓", "✔", "☑", "I agree", "Yes, I agree", "Opt-in", "Opted in", "akkoord",
        "Ik ga akkoord", "J'accepte", "Einverstanden", "Godkänner", "Wyrażam zgodę",
        "Ja, graag", "Subscribed",
    ],
)  # fmt: skip
def test_parse_consent_yes(value: object) -> None:
    assert parse_consent(value) is True


@pytest.mark.parametrize(
    "value",
    [
        "No", "N", "Nee", "Neen", "Non", "Nein", "Nej", "Nie", "false", "FALSE", "0", "0.0", 0,
        False, "☐", "✗", "Opted out", "Opt-out", "Unsubscribed", "No thanks", "I do not agree",
        "Nee, liever niet", "Non merci", "Pas d'accord", "Brak zgody",
    ],
)  # fmt: skip
def test_parse_consent_no(value: object) -> None:
    assert parse_consent(value) is False


@pytest.mark.parametrize(
    "value", [None, "", "  ", float("nan"), "N/A", "n.v.t.", "maybe", "2", "Blue", 7, "-"]
)
def test_parse_consent_unknown(value: object) -> None:
    assert parse_consent(value) is None


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_parse_consent_never_raises(value: object) -> None:
    assert parse_consent(value) in (True, False, None)


# --- parse_source_kind ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("KBO", "public_registry"),
        ("Crossroads Bank for Enterprises", "public_registry"),
        ("Handelsregister", "public_registry"),
        ("KvK", "public_registry"),
        ("Bolagsverket", "public_registry"),
        ("KRS", "public_registry"),
        ("Companies House", "public_registry"),
        ("Public registry", "public_registry"),
        ("Team page", "company_website"),
        ("Website", "company_website"),
        ("About us page", "company_website"),
        ("Member list", "member_list"),
        ("Ledenlijst Voorbeeldfederatie", "member_list"),
        ("LinkedIn", "linkedin"),
        ("LinkedIn Sales Navigator", "linkedin"),
        ("Trade fair", "trade_fair_list"),
        ("Beurs", "trade_fair_list"),
        ("Salon", "trade_fair_list"),
        ("Messe", "trade_fair_list"),
        ("Event", "event"),
        ("Badge scan", "event"),
        ("Webinar", "event"),
        ("Purchased list", "purchased_list"),
        ("Own research", "own_research"),
        ("Webshop", "webshop"),
        ("Referral", "referral"),
        ("own_research", "own_research"),
        ("something else", "other"),
    ],
)
def test_parse_source_kind(value: str, kind: str) -> None:
    assert parse_source_kind(value) == kind


@given(st.one_of(st.text(), st.none(), st.integers()))
def test_parse_source_kind_is_a_known_kind_or_none(value: object) -> None:
    kind = parse_source_kind(value)
    assert kind is None or kind in SOURCE_KINDS
