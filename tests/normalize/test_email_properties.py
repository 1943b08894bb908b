"""Invariants of e-mail normalization, checked with hypothesis."""

import unicodedata

from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from leadguard.normalize.emails import _is_role, _is_role_base, _validate, normalize_email

LOCAL_CHARS = "abcxyzABCXYZ019.-_+'!#$%&*/=?^`{|}~"
DOMAIN_CHARS = "abcdeXYZ019.-"
plain_local = st.text(LOCAL_CHARS, min_size=0, max_size=70)
tld = st.sampled_from(["", ".be", ".com", ".co.uk", ".test", ".local", ".123", ".b", "-", "."])


def _direct(text: str) -> tuple[str | None, str | None]:
    try:
        return validate_email(text, check_deliverability=False).normalized, None
    except EmailNotValidError as error:
        return None, str(error)


@settings(max_examples=1500, deadline=None)
@given(local=plain_local, domain=st.text(DOMAIN_CHARS, max_size=30), suffix=tld)
@example(local="Info", domain="example", suffix=".be")
@example(local="POSTMASTER", domain="EXAMPLE", suffix=".COM")
@example(local=".jan", domain="example", suffix=".be")
@example(local="jan.", domain="example", suffix=".be")
@example(local="a" * 64, domain="example", suffix=".be")
@example(local="jan", domain="-example", suffix=".be")
@example(local="jan", domain="example", suffix=".test")
@example(local="jan", domain="123", suffix=".123")
def test_fast_path_gives_validate_emails_answer(local: str, domain: str, suffix: str) -> None:
    text = f"{local}@{domain}{suffix}"
    assert _validate(text, False) == _direct(text)


@settings(max_examples=1500, deadline=None)
@given(local=plain_local, domain=st.text(DOMAIN_CHARS, max_size=30), suffix=tld)
@example(local="Info", domain="example", suffix=".be")
@example(local="POSTMASTER", domain="EXAMPLE", suffix=".COM")
@example(local="a" * 65, domain="example", suffix=".be")
@example(local="jan", domain="xn--bcher-kva", suffix=".example")
@example(local="jan.peeters", domain="GMAIL", suffix=".com")
def test_the_plain_address_shortcut_is_the_general_path(
    local: str, domain: str, suffix: str
) -> None:
    """A plain cell takes email_fields' one-step shortcut; the same address with a space in
    front is cleaned first and goes the general way. Both must give the same answer."""
    text = f"{local}@{domain}{suffix}"
    assert normalize_email(text) == normalize_email(f" {text}")


any_cell = st.one_of(
    st.none(),
    st.text(max_size=80),
    st.integers(),
    st.floats(allow_nan=True),
    st.builds(lambda a, b: f"{a}@{b}", st.text(max_size=20), st.text(max_size=20)),
)


@settings(max_examples=500, deadline=None)
@given(any_cell)
def test_never_raises(cell: object) -> None:
    result = normalize_email(cell)
    assert result.valid == (result.normalized is not None)
    assert result.valid == (result.reason is None)


emails = st.builds(
    lambda local, dom, tld: f"{local}@{dom}.{tld}",
    st.text("abcdefghijklmnopqrstuvwxyzéüøłÅ.+-_", min_size=1, max_size=20),
    st.text("abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=15),
    st.sampled_from(["be", "com", "nl", "de"]),
)


@settings(max_examples=500, deadline=None)
@given(emails)
def test_normalizing_a_normalized_value_changes_nothing(text: str) -> None:
    first = normalize_email(text)
    if first.valid:
        assert first.normalized is not None
        again = normalize_email(first.normalized)
        assert again == first


@settings(max_examples=500, deadline=None)
@given(emails, st.sampled_from(["upper", "lower", "title", "nfd", "nbsp", "mailto", "name"]))
def test_match_key_is_equal_for_case_and_unicode_variants(text: str, variant: str) -> None:
    base = normalize_email(text)
    if not base.valid:
        return
    changed = {
        "upper": text.upper(),
        "lower": text.lower(),
        "title": text.title(),
        "nfd": unicodedata.normalize("NFD", text),
        "nbsp": f"\u00a0{text}\u00a0",
        "mailto": f"mailto:{text}",
        "name": f"Somebody <{text}>",
    }[variant]
    other = normalize_email(changed)
    # Upper-casing can create characters that are invalid on their own (e.g. a dotted İ); a
    # variant that still validates must land on the same key.
    if other.valid:
        assert other.match_key == base.match_key


_ROLE_PIECES = st.sampled_from(
    [
        "info",
        "sales",
        "hr",
        "it",
        "customer",
        "service",
        "jan",
        "marie",
        "fin",
        "finn",
        "be",
        "benelux",
        "no",
        "reply",
        "einkauf",
        "müller",
        "zakupy",
        "1",
        "24",
        "x",
        "",
        "ö",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(_ROLE_PIECES, min_size=1, max_size=4), st.lists(st.sampled_from(".-_+"), max_size=4)
)
def test_the_role_shortcut_never_changes_the_answer(pieces: list[str], seps: list[str]) -> None:
    """Local parts whose first letters begin no role word are persons without the full test;
    the full test agrees on every local part built from role words, names and separators."""
    local = "".join(p + (seps[i] if i < len(seps) else "") for i, p in enumerate(pieces))
    if not local:
        return
    assert _is_role(local) == _is_role_base(local.split("+", 1)[0].lower())
    assert _is_role(local.upper()) == _is_role_base(local.upper().split("+", 1)[0].lower())
