"""normalize_country: codes and names in the languages of lead files → ISO 3166-1 alpha-2."""

from __future__ import annotations

import math

import pandas as pd
import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leadguard.normalize import countries
from leadguard.normalize.countries import normalize_country

SPELLINGS = {
    # ISO codes, any case, with stray spaces
    "be": "BE",
    "BE": "BE",
    " de ": "DE",
    "BEL": "BE",
    "deu": "DE",
    "NLD": "NL",
    "GBR": "GB",
    "usa": "US",
    "CHE": "CH",
    "UK": "GB",
    "EL": "GR",
    "XK": "XK",
    # Belgium
    "Belgium": "BE",
    "Belgique": "BE",
    "België": "BE",
    "Belgie": "BE",
    "BELGIË": "BE",
    "Belgien": "BE",
    "Belgia": "BE",
    # Germany
    "Deutschland": "DE",
    "Allemagne": "DE",
    "Duitsland": "DE",
    "Niemcy": "DE",
    "Tyskland": "DE",
    "Germany": "DE",
    # Sweden
    "Sverige": "SE",
    "Suède": "SE",
    "suede": "SE",
    "Zweden": "SE",
    "Schweden": "SE",
    "Szwecja": "SE",
    # Poland
    "Polska": "PL",
    "Pologne": "PL",
    "Polen": "PL",
    # Netherlands
    "The Netherlands": "NL",
    "the  netherlands": "NL",
    "Netherlands": "NL",
    "Nederland": "NL",
    "Holland": "NL",
    "Pays-Bas": "NL",
    "Pays Bas": "NL",
    "Niederlande": "NL",
    "Holandia": "NL",
    # United Kingdom
    "United Kingdom": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Royaume-Uni": "GB",
    "Verenigd Koninkrijk": "GB",
    "Vereinigtes Königreich": "GB",
    "Vereinigtes Koenigreich": "GB",
    "Storbritannien": "GB",
    "Wielka Brytania": "GB",
    # United States
    "USA": "US",
    "U.S.A.": "US",
    "United States": "US",
    "Etats-Unis": "US",
    "États-Unis": "US",
    "Verenigde Staten": "US",
    "Vereinigte Staaten": "US",
    # Luxembourg, France
    "Luxembourg": "LU",
    "Luxemburg": "LU",
    "Luksemburg": "LU",
    "France": "FR",
    "Frankrijk": "FR",
    "Frankreich": "FR",
    "Frankrike": "FR",
    "Francja": "FR",
    # Austria, Switzerland
    "Österreich": "AT",
    "Oesterreich": "AT",
    "Autriche": "AT",
    "Oostenrijk": "AT",
    "Austria": "AT",
    "Schweiz": "CH",
    "Suisse": "CH",
    "Zwitserland": "CH",
    # Nordics
    "Danmark": "DK",
    "Denemarken": "DK",
    "Dänemark": "DK",
    "Norge": "NO",
    "Noorwegen": "NO",
    "Suomi": "FI",
    "Finland": "FI",
    "Finnland": "FI",
    "Finlandia": "FI",
    "Ísland": "IS",
    # Ireland, Italy, Spain, Portugal, Czechia
    "Éire": "IE",
    "Ireland": "IE",
    "Ierland": "IE",
    "Irlande": "IE",
    "Italia": "IT",
    "Italie": "IT",
    "Italien": "IT",
    "Włochy": "IT",
    "España": "ES",
    "Spanje": "ES",
    "Spanien": "ES",
    "Espagne": "ES",
    "Hiszpania": "ES",
    "Portugal": "PT",
    "Portugalia": "PT",
    "Czechia": "CZ",
    "Czech Republic": "CZ",
    "Tsjechië": "CZ",
    "Tschechien": "CZ",
    "Czechy": "CZ",
    # the rest of the EU/EEA, in one language or another
    "Bułgaria": "BG",
    "Hrvatska": "HR",
    "Cyprus": "CY",
    "Eesti": "EE",
    "Ελλάδα": "GR",
    "Griekenland": "GR",
    "Magyarország": "HU",
    "Łotwa": "LV",
    "Lietuva": "LT",
    "Malta": "MT",
    "România": "RO",
    "Slovensko": "SK",
    "Slovenija": "SI",
    "Liechtenstein": "LI",
    # North America
    "Canada": "CA",
    "Kanada": "CA",
    # forms around the name
    "Belgium (BE)": "BE",
    "BE - Belgique": "BE",
    "Deutschland / Germany": "DE",
    # beyond the table: phonenumbers' locale names
    "Japan": "JP",
    "Japon": "JP",
    "Brazylia": "BR",
    "Türkiye": "TR",
}

UNKNOWN = [
    None,
    "",
    "   ",
    math.nan,
    pd.NA,
    "n/a",
    "N/A",
    "unknown",
    "-",
    "Atlantis",
    "Brussels, Belgium",
    "Belgium / France",
    "ZZ",
    "EU",
    "123",
    42,
    b"\xff",
    "x" * 10_000,
]


def test_table_has_enough_spellings() -> None:
    assert len(SPELLINGS) >= 60


@pytest.mark.parametrize(("raw", "code"), SPELLINGS.items(), ids=list(SPELLINGS))
def test_spellings(raw: str, code: str) -> None:
    assert normalize_country(raw) == code


@pytest.mark.parametrize("raw", UNKNOWN, ids=[repr(x)[:20] for x in UNKNOWN])
def test_unknown_or_empty(raw: object) -> None:
    assert normalize_country(raw) is None


def test_bytes() -> None:
    assert normalize_country(b"BE") == "BE"
    assert normalize_country("België".encode()) == "BE"


def test_no_name_means_two_countries() -> None:
    assert countries._TABLE_CLASHES == ()


def test_every_code_reads_as_itself() -> None:
    """Every code phonenumbers knows, and every code in our table, is returned as it is."""
    codes = set(phonenumbers.SUPPORTED_REGIONS) | set(countries._NAMES.values())
    for code in codes:
        assert normalize_country(code) == code
        assert normalize_country(code.lower()) == code


def test_hostile_object_gives_none() -> None:
    class Hostile:
        def __ne__(self, other: object) -> bool:
            return False

        def __str__(self) -> str:
            raise RuntimeError("boom")

    assert normalize_country(Hostile()) is None


_names = st.one_of(
    st.sampled_from(sorted(SPELLINGS)),
    st.text(max_size=30),
    st.sampled_from(sorted(SPELLINGS)).map(str.upper),
    st.sampled_from(sorted(SPELLINGS)).map(lambda s: f"  {s.lower()} "),
)


@settings(max_examples=300, deadline=None)
@given(_names)
def test_idempotent_and_never_raises(raw: str) -> None:
    code = normalize_country(raw)
    if code is not None:
        assert len(code) == 2 and code.isupper()
        assert normalize_country(code) == code


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(), st.floats(), st.binary(), st.none(), st.lists(st.text())))
def test_never_raises_on_other_types(raw: object) -> None:
    code = normalize_country(raw)
    assert code is None or (len(code) == 2 and code.isupper())
