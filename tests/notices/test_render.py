"""The Art. 14 notice: every Art. 14(1)/(2) item, in five languages, objection set apart first.

The golden files under tests/data/notices/ are the whole notice for one realistic lead; rewrite
them with ``LEADGUARD_UPDATE_GOLDEN=1 pytest tests/notices`` after a deliberate wording change,
and read the diff before committing it.
"""

import dataclasses
import os
from datetime import date
from pathlib import Path

import pytest

from leadguard.errors import ConfigError
from leadguard.notices import (
    LANGUAGES,
    NoticeContext,
    NoticeRecipient,
    NoticeSource,
    NoticeTransfer,
    render_notice,
)
from leadguard.notices.render import format_date

GOLDEN = Path(__file__).parents[1] / "data" / "notices"
UPDATE = os.environ.get("LEADGUARD_UPDATE_GOLDEN") == "1"

LEGITIMATE_INTERESTS = """Offering our ventilation products to installers whose work involves them.
Contacting them in their professional role, about products related to it, by email or phone.
"""

CONTEXT = NoticeContext(
    person_name="Jan Peeters",
    controller_name="Northwind Ventilation NV",
    controller_address="Industrieweg 12, 9100 Sint-Niklaas, Belgium",
    controller_email="privacy@northwind.example",
    dpo_email="dpo@northwind.example",
    categories=(
        "first_name",
        "last_name",
        "email",
        "phone",
        "company",
        "job_title",
        "country",
        "linkedin_url",
    ),
    purpose="B2B prospecting: offering our ventilation products to installers and engineers",
    basis_kind="legitimate_interest",
    legitimate_interests=LEGITIMATE_INTERESTS,
    sources=(
        NoticeSource("Example Expo 2026 registrations", "event", False, date(2026, 2, 5)),
        NoticeSource("LinkedIn search, HVAC installers", "linkedin", True, date(2026, 1, 14)),
        NoticeSource("Desk research on company websites", "own_research", True, date(2026, 3, 1)),
    ),
    recipients=(
        NoticeRecipient("Acme Mailer Inc.", "processor", "US"),
        NoticeRecipient("Northwind Ventilation AB", "group_company", "SE"),
    ),
    transfers=(
        NoticeTransfer(
            "Acme Mailer Inc.", "US", "dpf", "https://www.dataprivacyframework.gov/list"
        ),
    ),
    retention_months=24,
    delete_by=date(2028, 2, 5),
    authority_name="Gegevensbeschermingsautoriteit (Data Protection Authority)",
    authority_url="https://www.gegevensbeschermingsautoriteit.be",
    objection_email="optout@northwind.example",
    objection_url="https://northwind.example/optout",
    notice_version="2026-02",
)

# Per language: the words for a source that is / is not publicly accessible, the heading of the
# objection box and of the data paragraph, the delete-by date, the withdraw-consent right, the
# Art. 6(1)(f) basis, and the sentences used when there are no recipients, transfers or
# automated decisions.
WORDS = {
    "en": {
        "retention": "24 months",
        "public": "; publicly accessible;",
        "not_public": "; not publicly accessible;",
        "objection": "YOUR RIGHT TO OBJECT TO DIRECT MARKETING",
        "data": "Which data we hold and where they come from",
        "delete_by": "5 February 2028",
        "withdraw": "withdraw your consent at any time",
        "basis": "our legitimate interests (Article 6(1)(f) GDPR)",
        "consent_basis": "your consent (Article 6(1)(a) GDPR)",
        "no_recipients": "We do not disclose your personal data to other recipients.",
        "no_transfers": "We do not transfer your personal data to countries outside",
        "no_automated": "We do not take decisions about you based solely on automated",
        "greeting": "Hello,",
    },
    "nl": {
        "retention": "24 maanden",
        "public": "; openbaar toegankelijk;",
        "not_public": "; niet openbaar toegankelijk;",
        "objection": "UW RECHT OM BEZWAAR TE MAKEN TEGEN DIRECT MARKETING",
        "data": "Welke gegevens wij hebben en waar ze vandaan komen",
        "delete_by": "5 februari 2028",
        "withdraw": "uw toestemming op elk moment in te trekken",
        "basis": "ons gerechtvaardigd belang (artikel 6, lid 1, punt f), AVG)",
        "consent_basis": "uw toestemming (artikel 6, lid 1, punt a), AVG)",
        "no_recipients": "Wij verstrekken uw persoonsgegevens niet aan andere ontvangers.",
        "no_transfers": "Wij geven uw persoonsgegevens niet door aan landen buiten",
        "no_automated": "Wij nemen over u geen besluiten",
        "greeting": "Goedendag,",
    },
    "fr": {
        "retention": "24 mois",
        "public": " ; accessible au public ;",
        "not_public": " ; non accessible au public ;",
        "objection": "VOTRE DROIT DE VOUS OPPOSER À LA PROSPECTION COMMERCIALE",
        "data": "Les données que nous détenons et leur provenance",
        "delete_by": "5 février 2028",
        "withdraw": "de retirer votre consentement à tout moment",
        "basis": "notre intérêt légitime (article 6, paragraphe 1, point f), du RGPD)",
        "consent_basis": "votre consentement (article 6, paragraphe 1, point a), du RGPD)",
        "no_recipients": "Nous ne communiquons pas vos données à caractère personnel à d'autres",
        "no_transfers": "Nous ne transférons pas vos données à caractère personnel vers des pays",
        "no_automated": "Nous ne prenons à votre égard aucune décision fondée exclusivement",
        "greeting": "Bonjour,",
    },
    "de": {
        "retention": "24 Monate",
        "public": "; öffentlich zugänglich;",
        "not_public": "; nicht öffentlich zugänglich;",
        "objection": "IHR RECHT AUF WIDERSPRUCH GEGEN DIREKTWERBUNG",
        "data": "Welche Daten wir haben und woher sie stammen",
        "delete_by": "5. Februar 2028",
        "withdraw": "Ihre Einwilligung jederzeit zu widerrufen",
        "basis": "unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)",
        "consent_basis": "Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)",
        "no_recipients": "Wir geben Ihre personenbezogenen Daten nicht an andere Empfänger weiter.",
        "no_transfers": "Wir übermitteln Ihre personenbezogenen Daten nicht in Länder außerhalb",
        "no_automated": "Wir treffen keine Entscheidungen über Sie",
        "greeting": "Guten Tag,",
    },
    "sv": {
        "retention": "24 månader",
        "public": "; allmänt tillgänglig källa;",
        "not_public": "; inte allmänt tillgänglig källa;",
        "objection": "DIN RÄTT ATT INVÄNDA MOT DIREKTMARKNADSFÖRING",
        "data": "Vilka uppgifter vi har och varifrån de kommer",
        "delete_by": "5 februari 2028",
        "withdraw": "när som helst återkalla ditt samtycke",
        "basis": "vårt berättigade intresse (artikel 6.1 f i dataskyddsförordningen)",
        "consent_basis": "ditt samtycke (artikel 6.1 a i dataskyddsförordningen)",
        "no_recipients": "Vi lämnar inte ut dina personuppgifter till andra mottagare.",
        "no_transfers": "Vi överför inte dina personuppgifter till länder utanför",
        "no_automated": "Vi fattar inga beslut om dig som enbart grundas på automatiserad",
        "greeting": "Hej,",
    },
}

# The data categories as each language words them (first_name, email, linkedin_url).
CATEGORY_WORDS = {
    "en": ("first name", "email address", "LinkedIn profile URL"),
    "nl": ("voornaam", "e-mailadres", "URL van uw LinkedIn-profiel"),
    "fr": ("prénom", "adresse e-mail", "adresse de votre profil LinkedIn"),
    "de": ("Vorname", "E-Mail-Adresse", "URL Ihres LinkedIn-Profils"),
    "sv": ("förnamn", "e-postadress", "länk till din LinkedIn-profil"),
}


def _context(**changes: object) -> NoticeContext:
    return dataclasses.replace(CONTEXT, **changes)


def _check_golden(name: str, rendered: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{name} is missing; write it with LEADGUARD_UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8"), (
        f"{name} differs from the rendered notice; if the change is deliberate, rewrite the "
        "golden files with LEADGUARD_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_notice_matches_its_golden_file(language: str) -> None:
    _check_golden(f"notice.{language}.txt", render_notice(CONTEXT, language))


def test_html_notice_matches_its_golden_file() -> None:
    _check_golden("notice.en.html", render_notice(CONTEXT, "en", html=True))


def test_languages_are_the_five_promised() -> None:
    assert LANGUAGES == ("en", "nl", "fr", "de", "sv")


@pytest.mark.parametrize("html", [False, True], ids=["text", "html"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_article_14_item_is_in_the_notice(language: str, html: bool) -> None:
    notice = render_notice(CONTEXT, language, html=html)
    words = WORDS[language]
    # 14(1)(a), (b): controller and its contact details, DPO.
    for value in (CONTEXT.controller_name, "Industrieweg 12", CONTEXT.controller_email):
        assert value in notice
    assert "dpo@northwind.example" in notice
    # Art. 21(4): where and how to object.
    assert "optout@northwind.example" in notice
    assert "https://northwind.example/optout" in notice
    # 14(1)(c): purpose verbatim, basis in words with its Art. 6(1) point.
    assert CONTEXT.purpose in notice
    assert words["basis"] in notice
    # 14(2)(b): the legitimate interests, verbatim (line by line in HTML).
    for line in LEGITIMATE_INTERESTS.splitlines():
        assert line in notice
    # 14(1)(d): categories in the language's words.
    for word in CATEGORY_WORDS[language]:
        assert word in notice
    # 14(2)(f): each source by name, publicly accessible or not, with its date.
    for source in CONTEXT.sources:
        assert source.name in notice
        assert format_date(source.acquired_on, language) in notice
    assert notice.count(words["public"]) == 2
    assert notice.count(words["not_public"]) == 1
    # 14(1)(e), (f): recipients; the transfer and where its safeguard is described.
    assert "Acme Mailer Inc." in notice and "Northwind Ventilation AB" in notice
    assert "EU-US Data Privacy Framework" in notice
    assert "https://www.dataprivacyframework.gov/list" in notice
    # 14(2)(a): retention in months and the delete-by date.
    assert words["retention"] in notice
    assert words["delete_by"] in notice
    # 14(2)(c): the rights, by article.
    for article in ("15", "16", "17", "18", "20", "21"):
        assert f"rt. {article})" in notice, article
    # 14(2)(e): the supervisory authority and its site.
    assert "Gegevensbeschermingsautoriteit (Data Protection Authority)" in notice
    assert "https://www.gegevensbeschermingsautoriteit.be" in notice
    # 14(2)(g): no automated decisions.
    assert words["no_automated"] in notice
    # Footer: the notice version, last.
    assert notice.rindex("2026-02") > notice.index(words["no_automated"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_objection_box_comes_before_the_data_paragraph(language: str) -> None:
    notice = render_notice(CONTEXT, language)
    objection = notice.index(WORDS[language]["objection"])
    assert objection < notice.index(WORDS[language]["data"])
    assert objection < notice.index(CATEGORY_WORDS[language][0])
    # Clearly separated: a full-width rule above and below, the objection address inside.
    rule = "=" * 72
    start = notice.index(rule)
    end = notice.index(rule, start + 1)
    assert start < objection < notice.index("optout@northwind.example") < end


def test_the_html_objection_box_comes_before_the_data_paragraph() -> None:
    notice = render_notice(CONTEXT, "en", html=True)
    box = notice.index('<div id="right-to-object"')
    assert box < notice.index("<h2>Your right to object to direct marketing</h2>")
    assert box < notice.index("Which data we hold") < notice.index("<li>first name</li>")


@pytest.mark.parametrize("language", LANGUAGES)
def test_consent_basis_shows_withdrawal_and_legitimate_interest_does_not(language: str) -> None:
    words = WORDS[language]
    consent = render_notice(_context(basis_kind="consent", legitimate_interests=None), language)
    assert words["withdraw"] in consent
    assert words["consent_basis"] in consent
    assert LEGITIMATE_INTERESTS.splitlines()[0] not in consent
    legitimate = render_notice(CONTEXT, language)
    assert words["withdraw"] not in legitimate


def test_legitimate_interests_are_left_out_when_the_basis_is_not_article_6_1_f() -> None:
    notice = render_notice(_context(basis_kind="contract"), "en")
    assert "The legitimate interests we pursue" not in notice
    assert LEGITIMATE_INTERESTS.splitlines()[0] not in notice
    assert "the performance of a contract with you" in notice
    assert "on grounds relating to your particular situation" not in notice


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_escapes_user_values(language: str) -> None:
    context = _context(
        person_name="<script>alert(1)</script>",
        purpose="Prospecting <b>& more</b>",
        legitimate_interests="Sales <img src=x onerror=alert(1)>",
    )
    notice = render_notice(context, language, html=True)
    assert "<script>" not in notice and "<img" not in notice and "<b>" not in notice
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in notice
    assert "Prospecting &lt;b&gt;&amp; more&lt;/b&gt;" in notice
    assert "&lt;img src=x onerror=alert(1)&gt;" in notice


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_keeps_user_values_verbatim(language: str) -> None:
    context = _context(
        person_name="<script>alert(1)</script>",
        purpose="Prospecting <b>& more</b>",
    )
    notice = render_notice(context, language)
    assert "<script>alert(1)</script>" in notice
    assert "Prospecting <b>& more</b>" in notice
    assert "&lt;" not in notice and "&amp;" not in notice


def test_html_links_only_web_addresses() -> None:
    context = _context(
        objection_url="javascript:alert(1)",
        authority_url='https://example.org/"onmouseover="x',
    )
    notice = render_notice(context, "en", html=True)
    assert 'href="javascript:' not in notice
    assert "javascript:alert(1)" in notice
    assert 'href="https://example.org/&#34;onmouseover=&#34;x"' in notice


def test_unknown_language_is_an_error_listing_the_languages() -> None:
    with pytest.raises(ConfigError, match="en, nl, fr, de, sv"):
        render_notice(CONTEXT, "pl")


def test_language_tags_with_a_region_are_read_as_their_language() -> None:
    assert render_notice(CONTEXT, "nl-BE") == render_notice(CONTEXT, "nl")
    assert render_notice(CONTEXT, "FR_be") == render_notice(CONTEXT, "fr")


@pytest.mark.parametrize("text", [None, "", "  \n"])
def test_legitimate_interest_without_its_text_is_an_error(text: str | None) -> None:
    with pytest.raises(ConfigError, match=r"14\(2\)\(b\)"):
        render_notice(_context(legitimate_interests=text), "en")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"basis_kind": "opt_in"}, "unknown basis kind"),
        (
            {"sources": (NoticeSource("Fair", "flyer", False, date(2026, 1, 1)),)},
            "unknown source kind 'flyer'",
        ),
        ({"recipients": (NoticeRecipient("X", "partner", "BE"),)}, "unknown recipient role"),
        (
            {"transfers": (NoticeTransfer("X", "US", "privacy_shield"),)},
            "unknown transfer mechanism 'privacy_shield'; use one of: adequacy, scc, bcr, dpf",
        ),
        ({"sources": ()}, r"14\(2\)\(f\)"),
        ({"categories": ()}, r"14\(1\)\(d\)"),
        ({"controller_email": " "}, "controller_email"),
        ({"retention_months": 0}, "retention_months"),
    ],
)
def test_incomplete_or_unknown_values_are_errors(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        render_notice(_context(**changes), "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_neutral_greeting_and_empty_lists(language: str) -> None:
    words = WORDS[language]
    notice = render_notice(
        _context(person_name=None, recipients=(), transfers=(), delete_by=None, dpo_email=None),
        language,
    )
    assert notice.splitlines()[3] == words["greeting"]
    assert words["no_recipients"] in notice
    assert words["no_transfers"] in notice
    assert words["delete_by"] not in notice
    assert "dpo@northwind.example" not in notice
    assert "\n\n\n" not in notice


def test_objection_goes_to_the_controller_unless_told_otherwise() -> None:
    notice = render_notice(_context(objection_email=None, objection_url=None), "en")
    assert "To object, send an email to privacy@northwind.example." in notice
    assert "optout@" not in notice


def test_standard_contractual_clauses_say_how_to_get_a_copy() -> None:
    with_url = _context(
        transfers=(NoticeTransfer("Acme Mailer Inc.", "US", "scc", "https://x.example/scc"),)
    )
    notice = render_notice(with_url, "en")
    assert "standard contractual clauses adopted by the European Commission" in notice
    assert "A copy of the safeguards is available at: https://x.example/scc" in notice
    without_url = _context(transfers=(NoticeTransfer("Acme Mailer Inc.", "IN", "bcr"),))
    notice = render_notice(without_url, "de")
    assert "verbindliche interne Datenschutzvorschriften" in notice
    assert "Acme Mailer Inc. (Indien)" in notice
    assert "Eine Kopie der Garantien erhalten Sie auf Anfrage unter privacy@northwind" in notice


def test_automated_decisions_are_described_when_given() -> None:
    text = "We rank leads by company size to decide whom we call first.\nA person reviews it."
    notice = render_notice(_context(automated_decisions=text), "sv")
    assert text in notice
    assert WORDS["sv"]["no_automated"] not in notice


def test_unknown_categories_and_countries_stay_readable() -> None:
    notice = render_notice(
        _context(
            categories=("email", "email", "industry_code"),
            recipients=(NoticeRecipient("Reseller Oy", "reseller", "XK"),),
        ),
        "en",
    )
    assert notice.count("- email address") == 1
    assert "- industry code" in notice
    assert "Reseller Oy – reseller of our products (XK)" in notice


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("5 February 2026", "1 March 2026", "31 December 2027")),
        ("nl", ("5 februari 2026", "1 maart 2026", "31 december 2027")),
        ("fr", ("5 février 2026", "1er mars 2026", "31 décembre 2027")),
        ("de", ("5. Februar 2026", "1. März 2026", "31. Dezember 2027")),
        ("sv", ("5 februari 2026", "1 mars 2026", "31 december 2027")),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(
    language: str, expected: tuple[str, str, str]
) -> None:
    days = (date(2026, 2, 5), date(2026, 3, 1), date(2027, 12, 31))
    assert tuple(format_date(day, language) for day in days) == expected


def test_retention_of_one_month_is_singular() -> None:
    notice = render_notice(_context(retention_months=1, delete_by=None), "de")
    assert "höchstens 1 Monat." in notice
