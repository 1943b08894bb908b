"""The answer to an access request: every Art. 15 item, in five languages, objection set apart.

The golden files under tests/data/requests/ are the whole answer for one realistic report;
rewrite them with ``LEADGUARD_UPDATE_GOLDEN=1 pytest tests/requests`` after a deliberate wording
change, and read the diff before committing it.
"""

import copy
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from leadguard.errors import ConfigError, InputError
from leadguard.notices import LANGUAGES
from leadguard.notices.render import format_date
from leadguard.requests import ACCESS_KEYS, ACCESS_SCHEMA, render_access

GOLDEN = Path(__file__).parents[1] / "data" / "requests"
SCHEMA_DOC = Path(__file__).parents[2] / "docs" / "access-report-schema.md"
UPDATE = os.environ.get("LEADGUARD_UPDATE_GOLDEN") == "1"

LEGITIMATE_INTERESTS = """Purpose test: offering our products to professionals in related roles.
Necessity test: contacting them in their professional role is the least intrusive way.
Balancing test: business contact data, opt-out in every message, notice within a month.
"""

DOCUMENT: dict[str, Any] = {
    "schema": "leadguard.access/1",
    "generated_at": "2026-11-25T10:00:00",
    "language": "nl",
    "request": {
        "id": "R-2026-0003",
        "type": "access",
        "received_on": "2026-11-20",
        "due_on": "2026-12-20",
    },
    "controller": {
        "name": "Example Group NV",
        "address": "Kapelstraat 1, 9140 Temse",
        "email": "privacy@example-group.example",
        "dpo_email": "dpo@example-group.example",
    },
    "subject": {
        "name": "Jan Peeters",
        "lead_ids": [12],
        "identified_by": [{"kind": "email", "value": "jan.peeters@acme.example"}],
        "shared_identifiers": [{"kind": "phone", "value": "+3225551212"}],
    },
    "processing": True,
    "personal_data": [
        {
            "field": "first_name",
            "value": "Jan",
            "sources": [
                {
                    "source": "Example Expo 2026 registrations",
                    "kind": "trade_fair_list",
                    "publicly_accessible": False,
                    "file": "registrations.csv",
                    "row": 3,
                    "acquired_on": "2026-01-31",
                    "basis": "prospecting",
                }
            ],
        },
        {
            "field": "email",
            "value": "jan.peeters@acme.example",
            "sources": [
                {
                    "source": "Example Expo 2026 registrations",
                    "kind": "trade_fair_list",
                    "publicly_accessible": False,
                    "file": "registrations.csv",
                    "row": 3,
                    "acquired_on": "2026-01-31",
                    "basis": "prospecting",
                },
                {
                    "source": "Desk research on company websites",
                    "kind": "own_research",
                    "publicly_accessible": True,
                    "file": "research.xlsx",
                    "row": 41,
                    "acquired_on": "2026-03-01",
                    "basis": "prospecting",
                },
            ],
        },
        {
            "field": "job_title",
            "value": "Head of Sales | Benelux",
            "sources": [
                {
                    "source": "rectification (request R-2026-0002)",
                    "kind": "rectification",
                    "publicly_accessible": False,
                    "file": None,
                    "row": None,
                    "acquired_on": None,
                    "basis": None,
                }
            ],
        },
    ],
    "categories": ["first_name", "email", "job_title"],
    "purposes": [
        {
            "basis": "prospecting",
            "purpose": "Offering our ventilation products to installers and engineers",
        }
    ],
    "legal_basis": [
        {"basis": "prospecting", "kind": "legitimate_interest", "article": "Art. 6(1)(f)"}
    ],
    "legitimate_interests": [{"basis": "prospecting", "text": LEGITIMATE_INTERESTS}],
    "recipients": [
        {
            "name": "Mailer BV",
            "role": "processor",
            "country": "NL",
            "disclosures": [
                {
                    "on": "2026-03-02",
                    "channel": "email",
                    "fields": ["first_name", "last_name", "email", "company"],
                }
            ],
        },
        {
            "name": "Acme Mailer Inc.",
            "role": "processor",
            "country": "US",
            "disclosures": [{"on": "2026-04-15", "channel": "email", "fields": ["email"]}],
        },
    ],
    "transfers": [
        {
            "recipient": "Acme Mailer Inc.",
            "country": "US",
            "mechanism": "dpf",
            "safeguard_url": "https://www.dataprivacyframework.gov/list",
        }
    ],
    "retention": {"months": 24, "delete_by": "2028-03-01", "rule": "last_acquisition"},
    "rights": ["access", "rectification", "erasure", "restriction", "objection", "portability"],
    "objection": {
        "email": "optout@example-group.example",
        "url": "https://example-group.example/optout",
    },
    "complaint": {
        "authority": "Gegevensbeschermingsautoriteit",
        "url": "https://www.gegevensbeschermingsautoriteit.be",
    },
    "automated_decisions": None,
    "notice": {"due_on": "2026-02-28", "sent_on": "2026-02-10", "channel": "email"},
    "suppression": {"suppressed": False, "reasons": []},
    "warnings": [],
}

# Per language: sentences and words the letter must contain for DOCUMENT.
WORDS = {
    "en": {
        "confirm": "We confirm that we, Example Group NV, process personal data about you.",
        "objection": "Your right to object to direct marketing",
        "data": "Your personal data and where we obtained them",
        "kind": "trade fair exhibitor or visitor list",
        "public": "; publicly accessible;",
        "not_public": "; not publicly accessible;",
        "file": "file registrations.csv, row 3",
        "category": "job title",
        "basis": "our legitimate interests (Article 6(1)(f) GDPR)",
        "role": "processor acting on our behalf",
        "mechanism": "EU-US Data Privacy Framework",
        "retention": "24 months",
        "shared": "(Article 15(4) GDPR)",
        "no_automated": "We do not take decisions about you based solely on automated",
        "notice": "we informed you by email",
        "withdraw": "withdraw your consent at any time",
        "nothing": "we do not process any personal data about you",
        "suppressed": "do-not-contact list",
        "objected": "you objected to direct marketing",
        "bounced": "an email to your address could not be delivered",
        "placeholder": "[controller name]",
        "authority_placeholder": "[supervisory authority]",
        "neutral": "Dear Sir or Madam,",
        "not_sent": "We have not yet sent you the information that Article 14 GDPR requires",
    },
    "nl": {
        "confirm": "Wij, Example Group NV, bevestigen dat wij persoonsgegevens over u verwerken.",
        "objection": "Uw recht om bezwaar te maken tegen direct marketing",
        "data": "Uw persoonsgegevens en waar wij ze hebben verkregen",
        "kind": "exposanten- of bezoekerslijst van een beurs",
        "public": "; openbaar toegankelijk;",
        "not_public": "; niet openbaar toegankelijk;",
        "file": "bestand registrations.csv, rij 3",
        "category": "functie",
        "basis": "ons gerechtvaardigd belang (artikel 6, lid 1, punt f), AVG)",
        "role": "verwerker die in onze opdracht handelt",
        "mechanism": "EU-US Data Privacy Framework",
        "retention": "24 maanden",
        "shared": "(artikel 15, lid 4, AVG)",
        "no_automated": "Wij nemen over u geen besluiten",
        "notice": "hebben wij u per e-mail geïnformeerd",
        "withdraw": "uw toestemming op elk moment in te trekken",
        "nothing": "wij verwerken geen persoonsgegevens over u",
        "suppressed": "uitsluitingslijst",
        "objected": "u hebt bezwaar gemaakt tegen direct marketing",
        "bounced": "een e-mail aan uw adres kon niet worden afgeleverd",
        "placeholder": "[naam van de verwerkingsverantwoordelijke]",
        "authority_placeholder": "[toezichthoudende autoriteit]",
        "neutral": "Geachte heer, mevrouw,",
        "not_sent": "Wij hebben u de informatie die artikel 14 AVG vereist nog niet toegestuurd",
    },
    "fr": {
        "confirm": (
            "Nous, Example Group NV, confirmons que nous traitons des données à caractère "
            "personnel vous concernant."
        ),
        "objection": "Votre droit de vous opposer à la prospection commerciale",
        "data": "Vos données à caractère personnel et leur provenance",
        "kind": "liste d'exposants ou de visiteurs d'un salon",
        "public": " ; accessible au public ;",
        "not_public": " ; non accessible au public ;",
        "file": "fichier registrations.csv, ligne 3",
        "category": "fonction",
        "basis": "notre intérêt légitime (article 6, paragraphe 1, point f), du RGPD)",
        "role": "sous-traitant agissant pour notre compte",
        "mechanism": "EU-US Data Privacy Framework",
        "retention": "24 mois",
        "shared": "(article 15, paragraphe 4, du RGPD)",
        "no_automated": "Nous ne prenons à votre égard aucune décision fondée exclusivement",
        "notice": "nous vous avons communiqué par e-mail",
        "withdraw": "de retirer votre consentement à tout moment",
        "nothing": "nous ne traitons aucune donnée à caractère personnel vous concernant",
        "suppressed": "liste d'opposition",
        "objected": "vous avez exercé votre droit d'opposition à la prospection commerciale",
        "bounced": "un e-mail envoyé à votre adresse n'a pas pu être distribué",
        "placeholder": "[nom du responsable du traitement]",
        "authority_placeholder": "[autorité de contrôle]",
        "neutral": "Madame, Monsieur,",
        "not_sent": "Nous ne vous avons pas encore communiqué les informations prévues",
    },
    "de": {
        "confirm": (
            "Wir, Example Group NV, bestätigen, dass wir personenbezogene Daten über Sie "
            "verarbeiten."
        ),
        "objection": "Ihr Recht auf Widerspruch gegen Direktwerbung",
        "data": "Ihre personenbezogenen Daten und woher sie stammen",
        "kind": "Aussteller- oder Besucherliste einer Messe",
        "public": "; öffentlich zugänglich;",
        "not_public": "; nicht öffentlich zugänglich;",
        "file": "Datei registrations.csv, Zeile 3",
        "category": "berufliche Funktion",
        "basis": "unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)",
        "role": "Auftragsverarbeiter, der in unserem Auftrag tätig ist",
        "mechanism": "EU-US Data Privacy Framework",
        "retention": "24 Monate",
        "shared": "(Art. 15 Abs. 4 DSGVO)",
        "no_automated": "Wir treffen keine Entscheidungen über Sie",
        "notice": "haben wir Sie per E-Mail über die Verarbeitung",
        "withdraw": "Ihre Einwilligung jederzeit zu widerrufen",
        "nothing": "verarbeiten keine personenbezogenen Daten über Sie",
        "suppressed": "Sperrliste",
        "objected": "Sie haben der Direktwerbung widersprochen",
        "bounced": "eine E-Mail an Ihre Adresse konnte nicht zugestellt werden",
        "placeholder": "[Name des Verantwortlichen]",
        "authority_placeholder": "[Aufsichtsbehörde]",
        "neutral": "Sehr geehrte Damen und Herren,",
        "not_sent": "Die nach Art. 14 DSGVO vorgeschriebenen Informationen haben wir Ihnen noch",
    },
    "sv": {
        "confirm": "Vi, Example Group NV, bekräftar att vi behandlar personuppgifter om dig.",
        "objection": "Din rätt att invända mot direktmarknadsföring",
        "data": "Dina personuppgifter och varifrån vi har fått dem",
        "kind": "utställar- eller besökarlista från en mässa",
        "public": "; allmänt tillgänglig källa;",
        "not_public": "; inte allmänt tillgänglig källa;",
        "file": "fil registrations.csv, rad 3",
        "category": "befattning",
        "basis": "vårt berättigade intresse (artikel 6.1 f i dataskyddsförordningen)",
        "role": "personuppgiftsbiträde som behandlar uppgifter för vår räkning",
        "mechanism": "EU-US Data Privacy Framework",
        "retention": "24 månader",
        "shared": "(artikel 15.4 i dataskyddsförordningen)",
        "no_automated": "Vi fattar inga beslut om dig som enbart grundas på automatiserad",
        "notice": "informerade vi dig via e-post",
        "withdraw": "när som helst återkalla ditt samtycke",
        "nothing": "vi behandlar inga personuppgifter om dig",
        "suppressed": "spärrlista",
        "objected": "du har invänt mot direktmarknadsföring",
        "bounced": "ett e-postmeddelande till din adress kunde inte levereras",
        "placeholder": "[den personuppgiftsansvariges namn]",
        "authority_placeholder": "[tillsynsmyndighet]",
        "neutral": "Hej,",
        "not_sent": "Vi har ännu inte skickat dig den information som krävs enligt artikel 14",
    },
}

FORMATS = ["md", "html"]


def _document(**changes: Any) -> dict[str, Any]:
    """A deep copy of DOCUMENT with top-level keys replaced."""
    document = copy.deepcopy(DOCUMENT)
    document.update(changes)
    return document


def _nobody() -> dict[str, Any]:
    """The report for someone the ledger does not hold: processing false, lists empty."""
    return _document(
        subject={
            "name": None,
            "lead_ids": [],
            "identified_by": [{"kind": "email", "value": "someone@else.example"}],
            "shared_identifiers": [],
        },
        processing=False,
        personal_data=[],
        categories=[],
        purposes=[],
        legal_basis=[],
        legitimate_interests=[],
        recipients=[],
        transfers=[],
        retention={"months": None, "delete_by": None, "rule": "last_acquisition"},
        notice=None,
    )


def _check_golden(name: str, rendered: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{name} is missing; write it with LEADGUARD_UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8"), (
        f"{name} differs from the rendered answer; if the change is deliberate, rewrite the "
        "golden files with LEADGUARD_UPDATE_GOLDEN=1 and review the diff"
    )


def _text(letter: str) -> str:
    """The letter without HTML tags and Markdown escapes, for searching sentences in it."""
    without_tags = re.sub(r"<[^>]+>", "", letter)
    return re.sub(r"\\(.)", r"\1", without_tags).replace("&#39;", "'").replace("&amp;", "&")


# --- Golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_matches_its_golden_file(language: str) -> None:
    _check_golden(f"access.{language}.md", render_access(DOCUMENT, "md", language))


@pytest.mark.parametrize("language", ["en", "nl"])
def test_html_matches_its_golden_file(language: str) -> None:
    _check_golden(f"access.{language}.html", render_access(DOCUMENT, "html", language))


def test_json_is_the_document_itself() -> None:
    rendered = render_access(DOCUMENT, "json")
    _check_golden("access.json", rendered)
    assert rendered == json.dumps(DOCUMENT, ensure_ascii=False, indent=2, sort_keys=False)
    assert json.loads(rendered) == DOCUMENT
    assert list(json.loads(rendered)) == list(ACCESS_KEYS)


# --- What the letter says ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_15_item_is_in_the_letter(language: str, fmt: str) -> None:
    letter = _text(render_access(DOCUMENT, fmt, language))
    words = WORDS[language]
    # 15(1): confirmation; who the controller is, with its address, e-mail and DPO.
    assert words["confirm"] in letter
    for value in ("Kapelstraat 1, 9140 Temse", "privacy@example-group.example"):
        assert value in letter
    assert "dpo@example-group.example" in letter
    # Art. 21(4): where and how to object.
    assert "optout@example-group.example" in letter
    assert "https://example-group.example/optout" in letter
    # 15(3) and 15(1)(g), 14(2)(f): each value with each source, its kind, whether it is
    # publicly accessible, its file and row and the date it was obtained.
    for value in ("Jan", "jan.peeters@acme.example", "Head of Sales | Benelux"):
        assert value in letter
    for name in ("Example Expo 2026 registrations", "Desk research on company websites"):
        assert name in letter
    assert words["kind"] in letter
    assert letter.count(words["not_public"]) == 2
    assert letter.count(words["public"]) == 1
    assert words["file"] in letter
    assert format_date(date(2026, 1, 31), language) in letter
    assert format_date(date(2026, 3, 1), language) in letter
    # 15(4): the shared number, and why the others' data are left out.
    assert "+3225551212" in letter and words["shared"] in letter
    # 15(1)(b): categories in the language's words.
    assert words["category"] in letter
    # 15(1)(a), Art. 6(1): the purpose verbatim, the basis in words with its point.
    assert "Offering our ventilation products to installers and engineers" in letter
    assert words["basis"] in letter
    # Art. 14(2)(b): the legitimate interests, verbatim, line by line.
    for line in LEGITIMATE_INTERESTS.splitlines():
        assert line in letter
    # 15(1)(c), C-154/21: each recipient by name, with its role and the date of disclosure.
    assert "Mailer BV" in letter and "Acme Mailer Inc." in letter
    assert words["role"] in letter
    assert format_date(date(2026, 3, 2), language) in letter
    # 15(2): the transfer, its mechanism in words and where the safeguard is described.
    assert words["mechanism"] in letter
    assert "https://www.dataprivacyframework.gov/list" in letter
    # 15(1)(d): retention in months and the concrete delete-by date.
    assert words["retention"] in letter
    assert format_date(date(2028, 3, 1), language) in letter
    # 15(1)(e): the rights, by article; no withdrawal of consent for a legitimate interest.
    for article in ("15", "16", "17", "18", "20", "21"):
        assert f"rt. {article})" in letter, article
    assert words["withdraw"] not in letter
    # 15(1)(f): the supervisory authority and its site.
    assert "Gegevensbeschermingsautoriteit" in letter
    assert "https://www.gegevensbeschermingsautoriteit.be" in letter
    # 15(1)(h): no automated decisions.
    assert words["no_automated"] in letter
    # Art. 14(3): when the notice was given.
    assert words["notice"] in letter
    assert format_date(date(2026, 2, 10), language) in letter
    # Footer: the request reference and the dates, last.
    assert letter.rindex("R-2026-0003") > letter.index(words["no_automated"])
    assert format_date(date(2026, 11, 20), language) in letter
    assert format_date(date(2026, 11, 25), language) in letter
    # Nothing left undefined or unrendered.
    assert "None" not in letter and "{{" not in letter and "{%" not in letter


@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_sets_the_objection_apart_in_a_blockquote_before_the_data(language: str) -> None:
    letter = render_access(DOCUMENT, "md", language)
    words = WORDS[language]
    quote = [line for line in letter.splitlines() if line.startswith(">")]
    block = "\n".join(quote)
    assert words["objection"] in block
    assert "optout@example-group.example" in block
    assert "https://example-group.example/optout" in block
    # One contiguous block, right after the confirmation and before the data.
    lines = letter.splitlines()
    first, last = lines.index(quote[0]), lines.index(quote[-1])
    assert lines[first : last + 1] == quote
    assert letter.index(words["confirm"]) < letter.index(quote[0])
    assert letter.index(quote[-1]) < letter.index(words["data"]) < letter.index("| --- |")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_html_sets_the_objection_apart_in_a_box_before_the_data(language: str) -> None:
    letter = render_access(DOCUMENT, "html", language)
    start = letter.index('<div id="right-to-object" style="border:')
    end = letter.index("</div>", start)
    box = letter[start:end]
    assert WORDS[language]["objection"] in box
    assert "mailto:optout@example-group.example" in box
    assert end < letter.index(WORDS[language]["data"]) < letter.index("<table")


def test_markdown_table_cells_escape_pipes_and_line_breaks() -> None:
    personal_data = copy.deepcopy(DOCUMENT["personal_data"])
    personal_data[0]["value"] = "Jan | Johan\nJohannes"
    personal_data[0]["sources"][0]["source"] = "Expo | 2026\nday two"
    letter = render_access(_document(personal_data=personal_data), "md", "en")
    rows = [line for line in letter.splitlines() if line.startswith("| ")]
    # A header, a separator and one row per value; every row has exactly four cell borders.
    assert len(rows) == 2 + len(personal_data)
    for row in rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 4, row
    assert "| Jan \\| Johan<br>Johannes |" in letter
    assert "Expo \\| 2026<br>day two" in letter


def test_markdown_escapes_markup_in_values() -> None:
    personal_data = copy.deepcopy(DOCUMENT["personal_data"])
    personal_data[0]["value"] = "<script>alert(1)</script> *bold* [link](https://x.example)"
    letter = render_access(
        _document(
            personal_data=personal_data,
            subject={**DOCUMENT["subject"], "name": "# Jan"},
            purposes=[{"basis": "prospecting", "purpose": "- not a list"}],
        ),
        "md",
        "en",
    )
    assert "<script>" not in letter
    assert "\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](https://x.example)" in letter
    assert "Dear \\# Jan," in letter
    assert "- \\- not a list" in letter


@pytest.mark.parametrize("language", ["en", "nl"])
def test_html_escapes_values(language: str) -> None:
    personal_data = copy.deepcopy(DOCUMENT["personal_data"])
    personal_data[0]["value"] = "<script>alert(1)</script>"
    personal_data[0]["sources"][0]["source"] = "Expo <b>2026</b>"
    letter = render_access(
        _document(
            personal_data=personal_data,
            subject={**DOCUMENT["subject"], "name": "<img src=x onerror=alert(1)>"},
            purposes=[{"basis": "prospecting", "purpose": "Sales & <i>more</i>"}],
            legitimate_interests=[{"basis": "prospecting", "text": "<script>x()</script>"}],
            controller={**DOCUMENT["controller"], "name": "A&B <NV>"},
        ),
        "html",
        language,
    )
    assert "<script>" not in letter and "<img" not in letter and "<b>" not in letter
    assert "<i>" not in letter and "<NV>" not in letter
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in letter
    assert "&lt;img src=x onerror=alert(1)&gt;" in letter
    assert "Expo &lt;b&gt;2026&lt;/b&gt;" in letter
    assert "Sales &amp; &lt;i&gt;more&lt;/i&gt;" in letter
    assert "A&amp;B &lt;NV&gt;" in letter


def test_html_links_only_web_addresses() -> None:
    letter = render_access(
        _document(objection={"email": "optout@example-group.example", "url": "javascript:x()"}),
        "html",
        "en",
    )
    assert 'href="javascript:' not in letter
    assert "javascript:x()" in letter


@pytest.mark.parametrize("language", ["en", "nl"])
def test_html_is_a_self_contained_letter(language: str) -> None:
    letter = render_access(DOCUMENT, "html", language)
    assert letter.startswith("<!DOCTYPE html>") and letter.rstrip().endswith("</html>")
    assert f'<html lang="{language}">' in letter and '<meta charset="utf-8">' in letter
    for external in ("<script", "<link", "<img", "<iframe", "src=", "@import", "url("):
        assert external not in letter, external
    # Styles are inline; the only addresses are links the reader may follow.
    assert 'style="' in letter
    for address in re.findall(r"https?://[^\s\"<]+", letter):
        assert f'href="{address}"' in letter, address


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_nobody_found_gives_a_short_letter(language: str, fmt: str) -> None:
    letter = _text(render_access(_nobody(), fmt, language))
    words = WORDS[language]
    assert words["nothing"] in letter
    assert "someone@else.example" in letter
    assert words["neutral"] in letter
    # Still the controller and the right to complain.
    assert "Example Group NV" in letter and "privacy@example-group.example" in letter
    assert "Gegevensbeschermingsautoriteit" in letter
    # No data table, objection box, rights list or notice paragraph.
    assert words["objection"] not in letter and words["data"] not in letter
    assert "| --- |" not in letter and "<table" not in letter
    assert words["no_automated"] not in letter and words["confirm"] not in letter
    assert "R-2026-0003" in letter
    assert "None" not in letter


def test_nobody_found_still_names_shared_identifiers() -> None:
    document = _nobody()
    document["subject"]["shared_identifiers"] = [{"kind": "phone", "value": "+3225551212"}]
    letter = render_access(document, "md", "en")
    assert "- phone number: +3225551212" in letter
    assert "(Article 15(4) GDPR)" in letter


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_missing_controller_gives_placeholders(language: str, fmt: str) -> None:
    document = _document(
        controller={"name": None, "address": None, "email": None, "dpo_email": None},
        objection={"email": None, "url": None},
        complaint={"authority": None, "url": None},
    )
    letter = render_access(document, fmt, language)
    words = WORDS[language]
    assert words["placeholder"] in letter
    assert words["authority_placeholder"] in letter
    assert "None" not in letter and 'href="mailto:' not in letter
    short = render_access({**document, "processing": False}, fmt, language)
    assert words["placeholder"] in short and "None" not in short


def test_the_objection_goes_to_the_controller_when_no_address_is_given() -> None:
    letter = render_access(_document(objection={"email": None, "url": None}), "md", "en")
    assert "> To object, send an email to privacy@example-group.example." in letter


@pytest.mark.parametrize("language", LANGUAGES)
def test_suppression_is_said_with_its_reasons_in_words(language: str) -> None:
    words = WORDS[language]
    assert words["suppressed"] not in render_access(DOCUMENT, "md", language)
    document = _document(suppression={"suppressed": True, "reasons": ["objection", "bounce"]})
    letter = render_access(document, "md", language)
    assert words["suppressed"] in letter
    assert f"- {words['objected']}" in letter and f"- {words['bounced']}" in letter
    assert letter.index(words["suppressed"]) < letter.index(words["data"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawing_consent_is_named_only_for_a_consent_basis(language: str) -> None:
    document = _document(
        legal_basis=[{"basis": "prospecting", "kind": "consent", "article": "Art. 6(1)(a)"}],
        legitimate_interests=[],
    )
    letter = _text(render_access(document, "md", language))
    assert WORDS[language]["withdraw"] in letter
    assert LEGITIMATE_INTERESTS.splitlines()[0] not in letter


def test_automated_decisions_are_described_verbatim_when_given() -> None:
    text = "We score leads by company size.\nThe score only orders our calls."
    md = render_access(_document(automated_decisions=text), "md", "en")
    assert "We score leads by company size.\n\nThe score only orders our calls." in md
    assert WORDS["en"]["no_automated"] not in md
    html = render_access(_document(automated_decisions=text), "html", "en")
    assert "<p>We score leads by company size.</p>\n<p>The score only orders our calls.</p>" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notice_not_yet_sent_says_when_it_is_due(language: str) -> None:
    document = _document(notice={"due_on": "2026-12-01", "sent_on": None, "channel": None})
    letter = render_access(document, "md", language)
    assert WORDS[language]["not_sent"] in letter
    assert format_date(date(2026, 12, 1), language) in letter


def test_no_notice_on_record_says_this_letter_gives_the_information() -> None:
    letter = render_access(_document(notice=None), "md", "en")
    assert "We have no record of having sent you the information" in letter


def test_transfer_under_standard_contractual_clauses_says_how_to_get_a_copy() -> None:
    transfers = [
        {
            "recipient": "Acme Mailer Inc.",
            "country": "US",
            "mechanism": "scc",
            "safeguard_url": None,
        }
    ]
    letter = render_access(_document(transfers=transfers), "md", "en")
    assert "standard contractual clauses adopted by the European Commission" in letter
    assert "You can obtain a copy of the safeguards from us at privacy@example-group.example." in (
        letter
    )


def test_no_recipients_and_no_transfers_are_said_plainly() -> None:
    letter = render_access(_document(recipients=[], transfers=[]), "md", "en")
    assert "We have not disclosed your personal data to any recipient." in letter
    assert "We do not transfer your personal data to countries outside" in letter


def test_a_rectified_value_names_the_correction_without_a_public_flag() -> None:
    letter = render_access(DOCUMENT, "md", "en")
    row = next(line for line in letter.splitlines() if "Head of Sales" in line)
    assert "correction made at your request" in row
    assert "publicly accessible" not in row


def test_the_lead_identifier_is_named_in_words() -> None:
    subject = {**DOCUMENT["subject"], "identified_by": [{"kind": "lead", "value": "12"}]}
    letter = render_access(_document(subject=subject), "md", "en")
    assert "searching our records for: our internal reference 12." in letter


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    document = _document(request={**DOCUMENT["request"], "received_on": "2026-11-01"})
    assert "Le 1er novembre 2026, vous nous avez demandé" in render_access(document, "md", "fr")
    assert "am 1. November 2026 haben Sie uns gefragt" in render_access(document, "md", "de")
    assert "Den 1 november 2026 frågade du oss" in render_access(document, "md", "sv")
    assert "Op 1 november 2026 hebt u ons gevraagd" in render_access(document, "md", "nl")
    assert "On 1 November 2026, you asked us" in render_access(document, "md", "en")


# --- Language, format and validation -----------------------------------------------------------


def test_language_none_takes_the_documents_language() -> None:
    assert render_access(DOCUMENT, "md") == render_access(DOCUMENT, "md", "nl")
    assert render_access(_document(language="sv"), "html") == render_access(DOCUMENT, "html", "sv")
    assert render_access(_document(language=None), "md") == render_access(DOCUMENT, "md", "en")


def test_language_tags_with_a_region_are_read_as_their_language() -> None:
    assert render_access(DOCUMENT, "md", "nl-BE") == render_access(DOCUMENT, "md", "nl")
    assert render_access(_document(language="fr_BE"), "md") == render_access(DOCUMENT, "md", "fr")


def test_the_default_format_is_markdown() -> None:
    assert render_access(DOCUMENT) == render_access(DOCUMENT, "md")


@pytest.mark.parametrize("language", ["pl", "english", ""])
def test_unknown_language_is_a_config_error_listing_the_languages(language: str) -> None:
    with pytest.raises(ConfigError, match="en, nl, fr, de, sv"):
        render_access(_document(language="xx"), "md", language or "  ")


@pytest.mark.parametrize("fmt", ["pdf", "markdown", "txt", ""])
def test_unknown_format_is_a_config_error_listing_the_formats(fmt: str) -> None:
    with pytest.raises(ConfigError, match="md, html, json"):
        render_access(DOCUMENT, fmt)


@pytest.mark.parametrize("key", ACCESS_KEYS)
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_missing_top_level_key_is_an_input_error_naming_it(key: str, fmt: str) -> None:
    document = _document()
    del document[key]
    with pytest.raises(InputError, match=f"no '{key}' key"):
        render_access(document, fmt)


def test_every_missing_key_is_named() -> None:
    with pytest.raises(InputError, match="no 'rights', 'warnings' keys"):
        render_access({k: v for k, v in DOCUMENT.items() if k not in ("rights", "warnings")})


def test_another_schema_is_an_input_error() -> None:
    with pytest.raises(InputError, match="leadguard.access/2"):
        render_access(_document(schema="leadguard.access/2"))
    assert ACCESS_SCHEMA == "leadguard.access/1"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"processing": "yes"}, "processing"),
        ({"personal_data": {"email": "x"}}, "personal_data: expected a list"),
        ({"request": {**DOCUMENT["request"], "received_on": "20/11/2026"}}, "received_on"),
        ({"retention": {"months": "24", "delete_by": None, "rule": None}}, "retention.months"),
        ({"rights": ["access", "be_forgotten"]}, "unknown right 'be_forgotten'"),
        ({"controller": "Example Group NV"}, "controller: expected an object"),
    ],
)
def test_values_of_the_wrong_kind_are_input_errors(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        render_access(_document(**changes), "html")


def test_a_document_that_is_not_an_object_is_an_input_error() -> None:
    with pytest.raises(InputError, match="JSON object"):
        render_access([DOCUMENT], "md")  # type: ignore[arg-type]


def test_access_keys_are_the_documents_keys_in_order() -> None:
    assert ACCESS_KEYS == tuple(DOCUMENT)
    assert len(set(ACCESS_KEYS)) == len(ACCESS_KEYS)


# --- The documented schema -------------------------------------------------------------------


def _paths(value: Any, prefix: str = "") -> set[str]:
    """Every key of a JSON value as a dotted path (list items share their list's path)."""
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            paths |= _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= _paths(item, prefix)
    return paths


def test_the_schema_document_describes_every_key() -> None:
    doc = SCHEMA_DOC.read_text(encoding="utf-8")
    assert ACCESS_SCHEMA in doc
    for path in sorted(_paths(DOCUMENT)):
        assert f"`{path.rsplit('.', 1)[-1]}`" in doc, path
    for key in ACCESS_KEYS:
        assert f"| `{key}` |" in doc, key
