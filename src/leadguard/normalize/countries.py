"""Country cells → ISO 3166-1 alpha-2 codes, from codes and names in the languages of lead files."""

from __future__ import annotations

import re
from typing import Final

import phonenumbers

from leadguard.normalize._text import as_text, clean_cell, match_text

__all__ = ["normalize_country"]

# One line per country: alpha-2, alpha-3, then names separated by ";" (English, Dutch, French,
# German, Swedish, Polish, the local name, then common variants). Case, accents, spaces and
# punctuation do not matter: every name is indexed by its match form ("België" → "belgie").
_TABLE: Final = """
AT AUT Austria; Oostenrijk; Autriche; Österreich; Österrike; Republic of Austria;
    Republik Österreich
BE BEL Belgium; België; Belgique; Belgien; Belgia; Kingdom of Belgium; Koninkrijk België;
    Royaume de Belgique; Königreich Belgien; Belgica
BG BGR Bulgaria; Bulgarije; Bulgarie; Bulgarien; Bułgaria; България; Republic of Bulgaria
HR HRV Croatia; Kroatië; Croatie; Kroatien; Chorwacja; Hrvatska; Republic of Croatia
CY CYP Cyprus; Chypre; Zypern; Cypern; Cypr; Κύπρος; Kıbrıs; Republic of Cyprus
CZ CZE Czechia; Czech Republic; Tsjechië; Tsjechische Republiek; Tchéquie; République tchèque;
    Tschechien; Tschechische Republik; Tjeckien; Czechy; Republika Czeska; Česko; Česká republika
DK DNK Denmark; Denemarken; Danemark; Dänemark; Danmark; Dania; Kingdom of Denmark
EE EST Estonia; Estland; Estonie; Eesti; Republic of Estonia
FI FIN Finland; Finlande; Finnland; Finlandia; Suomi; Republic of Finland
FR FRA France; Frankrijk; Frankreich; Frankrike; Francja; République française; French Republic
DE DEU Germany; Duitsland; Allemagne; Deutschland; Tyskland; Niemcy; Federal Republic of Germany;
    Bundesrepublik Deutschland; BRD; GER
GR GRC Greece; Griekenland; Grèce; Griechenland; Grekland; Grecja; Ελλάδα; Ellada; Hellas;
    Hellenic Republic; EL
HU HUN Hungary; Hongarije; Hongrie; Ungarn; Ungern; Węgry; Magyarország
IE IRL Ireland; Ierland; Irlande; Irland; Irlandia; Éire; Republic of Ireland; Ireland (Republic)
IT ITA Italy; Italië; Italie; Italien; Włochy; Italia; Italian Republic; Repubblica Italiana
LV LVA Latvia; Letland; Lettonie; Lettland; Łotwa; Latvija; Republic of Latvia
LT LTU Lithuania; Litouwen; Lituanie; Litauen; Litwa; Lietuva; Republic of Lithuania
LU LUX Luxembourg; Luxemburg; Luksemburg; Lëtzebuerg; Grand Duchy of Luxembourg;
    Groothertogdom Luxemburg; Grand-Duché de Luxembourg; Großherzogtum Luxemburg
MT MLT Malta; Malte; Republic of Malta
NL NLD Netherlands; The Netherlands; Nederland; Pays-Bas; Niederlande; Nederländerna; Holandia;
    Niderlandy; Holland; Hollande; Koninkrijk der Nederlanden; Kingdom of the Netherlands
PL POL Poland; Polen; Pologne; Polska; Republic of Poland; Rzeczpospolita Polska
PT PRT Portugal; Portugalia; Portuguese Republic; República Portuguesa
RO ROU Romania; Roemenië; Roumanie; Rumänien; Rumunia; România; Rumania
SK SVK Slovakia; Slowakije; Slovaquie; Slowakei; Slovakien; Słowacja; Slovensko; Slovak Republic;
    Slovenská republika
SI SVN Slovenia; Slovenië; Slovénie; Slowenien; Slovenien; Słowenia; Slovenija
ES ESP Spain; Spanje; Espagne; Spanien; Hiszpania; España; Kingdom of Spain; Reino de España
SE SWE Sweden; Zweden; Suède; Schweden; Sverige; Szwecja; Kingdom of Sweden; Konungariket Sverige
IS ISL Iceland; IJsland; Islande; Island; Islandia; Ísland
LI LIE Liechtenstein; Principality of Liechtenstein; Fürstentum Liechtenstein
NO NOR Norway; Noorwegen; Norvège; Norwegen; Norge; Norwegia; Noreg; Kingdom of Norway
GB GBR United Kingdom; UK; U.K.; Great Britain; Britain; England; Scotland; Wales;
    Northern Ireland; United Kingdom of Great Britain and Northern Ireland; Verenigd Koninkrijk;
    Groot-Brittannië; Engeland; Schotland; Noord-Ierland; Royaume-Uni; Grande-Bretagne;
    Angleterre; Écosse; Pays de Galles; Irlande du Nord; Vereinigtes Königreich; Großbritannien;
    Schottland; Nordirland; Storbritannien; Förenade kungariket; Skottland; Wielka Brytania;
    Zjednoczone Królestwo; Anglia; Szkocja; Walia
CH CHE Switzerland; Zwitserland; Suisse; Schweiz; Szwajcaria; Svizzera; Svizra; Helvetia;
    Confoederatio Helvetica; Swiss Confederation; Schweizerische Eidgenossenschaft
US USA United States; United States of America; U.S.A.; U.S.; America; Verenigde Staten;
    Verenigde Staten van Amerika; Amerika; États-Unis; États-Unis d'Amérique; Vereinigte Staaten;
    Vereinigte Staaten von Amerika; Förenta staterna; Stany Zjednoczone;
    Stany Zjednoczone Ameryki; Ameryka
CA CAN Canada; Kanada
MC MCO Monaco; Monako
AD AND Andorra; Andorre
SM SMR San Marino; Saint-Marin
TR TUR Turkey; Türkiye; Turkije; Turquie; Türkei; Turkiet; Turcja; Republic of Türkiye
MK MKD North Macedonia; Noord-Macedonië; Macédoine du Nord; Nordmazedonien; Nordmakedonien;
    Macedonia Północna; Macedonia; Северна Македонија
XK XKX Kosovo; Kosova; Kosowo
UA UKR Ukraine; Oekraïne; Ukrainie; Ukraina; Україна
RU RUS Russia; Russian Federation; Rusland; Russie; Russland; Ryssland; Rosja; Россия
CN CHN China; People's Republic of China; PRC; Chine; Kina; Chiny; 中国
KR KOR South Korea; Republic of Korea; Zuid-Korea; Corée du Sud; Südkorea; Sydkorea;
    Korea Południowa; Korea
VA VAT Vatican City; Vatican; Holy See; Vaticaanstad; Vatikanstadt; Watykan
"""

# Alpha-3 codes of further countries that turn up in European B2B files; their names come from
# phonenumbers' locale data (see _locale_names).
_MORE_ALPHA3: Final = """
AUS AU NZL NZ JPN JP IND IN BRA BR MEX MX ISR IL ZAF ZA ARE AE
SGP SG HKG HK ARG AR MAR MA TUN TN DZA DZ SRB RS BIH BA ALB AL MNE ME MDA MD
BLR BY GIB GI IMN IM JEY JE GGY GG FRO FO GRL GL EGY EG SAU SA QAT QA NGA NG KEN KE IDN ID
MYS MY THA TH VNM VN PHL PH TWN TW CHL CL COL CO PER PE
"""

# Aliases that are codes in everyday use but not ISO alpha-2 ("UK", the EU's "EL" for Greece).
_CODE_ALIASES: Final = {"UK": "GB", "EL": "GR"}

# Cells that say "no value": they must not be read as a country (n/a would otherwise become "na",
# which is Namibia's code).
_EMPTY_MARKERS: Final = frozenset(
    "n/a n.a. n.a n/a. #n/a - -- --- ? none null nil unknown onbekend inconnu unbekannt okänd "
    "brak nvt n.v.t. k.a. tbd".split()
)

# Languages taken from phonenumbers' locale data for countries outside _TABLE: English ("aa" is
# its default entry) and the languages of the markets leadguard serves.
_LOCALE_LANGS: Final = ("aa", "en", "nl", "fr", "de", "sv", "pl", "es", "it", "pt")

_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_PARTS: Final = re.compile(r"\s+-\s+|[()\[\],;/|]")


def _key(text: str) -> str:
    """The spacing-free match form: 'The  Netherlands' and 'the-netherlands' give one key."""
    words = match_text(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "".join(words)


def _build_table() -> tuple[dict[str, str], frozenset[str], tuple[str, ...]]:
    """Index _TABLE by match form; also return names that would point at two countries."""
    names: dict[str, str] = {}
    clashes: list[str] = []
    codes: set[str] = set(phonenumbers.SUPPORTED_REGIONS)
    body = re.sub(r"\n\s+", " ", _TABLE.strip())
    for line in body.splitlines():
        alpha2, alpha3, rest = line.split(" ", 2)
        codes.add(alpha2)
        names[alpha3.lower()] = alpha2
        for name in rest.split(";"):
            for variant in (name, name.translate(_UMLAUTS)):
                key = _key(variant)
                if key and names.setdefault(key, alpha2) != alpha2:
                    clashes.append(variant)
    pairs = _MORE_ALPHA3.split()
    for alpha3, alpha2 in zip(pairs[::2], pairs[1::2], strict=True):
        names.setdefault(alpha3.lower(), alpha2)
        codes.add(alpha2)
    return names, frozenset(codes), tuple(clashes)


# _TABLE_CLASHES must stay empty (a test checks it): a name may only ever mean one country.
_NAMES, _CODES, _TABLE_CLASHES = _build_table()
_locale_cache: dict[str, str] | None = None


def _locale_names() -> dict[str, str]:
    """Names of every region from phonenumbers' locale data, loaded on first need (≈0.3 s)."""
    global _locale_cache
    if _locale_cache is None:
        from phonenumbers.geodata.locale import LOCALE_DATA

        found: dict[str, str] = {}
        clashing: set[str] = set()
        for region, by_lang in LOCALE_DATA.items():
            if len(region) != 2 or not region.isalpha():
                continue
            found.setdefault(region.lower(), region)
            for lang in _LOCALE_LANGS:
                name = by_lang.get(lang)
                # "*xx" means "same as language xx".
                while name is not None and name.startswith("*"):
                    name = by_lang.get(name[1:])
                key = _key(name) if name else ""
                if not key or key in _NAMES:
                    continue
                if found.setdefault(key, region) != region:
                    clashing.add(key)
        for key in clashing:
            del found[key]
        _locale_cache = found
    return _locale_cache


def _lookup(key: str) -> str | None:
    """The country for a match key: ISO code or alias, then our table, then locale names."""
    if len(key) == 2:
        code = key.upper()
        code = _CODE_ALIASES.get(code, code)
        if code in _CODES:
            return code
    found = _NAMES.get(key)
    if found is None:
        found = _locale_names().get(key)
    return found


def normalize_country(raw: object, /) -> str | None:
    """ISO 3166-1 alpha-2 code for a country cell (code, or name in EN/NL/FR/DE/SV/PL), else None.

    Never raises: an unreadable or unknown value is simply not a country.
    """
    try:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes | bytearray) else raw
        text = as_text(text)
        if text is None:
            return None
        text = text.strip()
        # Fast path for the usual cell, an ISO code: no cleaning, no transliteration.
        if len(text) == 2 and text.isascii() and text.isalpha():
            code = _CODE_ALIASES.get(text.upper(), text.upper())
            if code in _CODES:
                return code
        if len(text) > 200:
            return None
        text = clean_cell(text)
        if not text or text.lower() in _EMPTY_MARKERS:
            return None
        found = _lookup(_key(text))
        if found is not None:
            return found
        # "Belgium (BE)", "BE - Belgique", "Deutschland / Germany": every part must name the
        # same country; a part that names nothing ("Brussels, Belgium") refuses the guess.
        parts = [_key(part) for part in _PARTS.split(text)]
        parts = [part for part in parts if part]
        if len(parts) < 2:
            return None
        codes = {_lookup(part) for part in parts}
        if len(codes) == 1:
            return codes.pop()
        return None
    except Exception:  # noqa: BLE001 -- contract: never raise on a cell, whatever it holds
        return None
