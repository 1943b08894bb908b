#!/usr/bin/env python3
"""Generate leadguard's synthetic sample data (``sample_data/``) and its ground truth.

Run from the repository root::

    python scripts/make_sample_data.py

Everything is fictitious and deterministic: one ``random.Random(2026)`` drives every
choice, the files are rewritten on every run and are byte-for-byte identical between
runs (the .xlsx gets fixed document dates and fixed zip-entry timestamps). Only the
standard library and openpyxl are used.

People model
------------
About 180 fictitious people work at about 48 fictitious companies in BE, NL, FR, DE,
SE, PL and GB. Every company has a legal form (NV, BV, SA, SAS, SRL, GmbH, AG, AB,
Sp. z o.o., Ltd), a domain of the form ``<company>.example.<be|nl|fr|de|se|pl|co.uk>``
(one group uses ``globex.example.com``), an e-mail pattern (``first.last``, ``f.last``,
``first``, ``flast``) and a switchboard number that all its staff share. A person has
a canonical first and last name from the company's locale (Flemish/Dutch, French,
German, Swedish, Polish, English, accents included), a job title, usually a mobile
number, a work address and sometimes a private address on ``webmail.example``.
Phone numbers are drawn from ranges that libphonenumber's metadata accepts as valid
(BE 047x/048x/049x and 02/03/09, NL 06 and 010/020, FR 06/07 and 01, DE 015x/016x/
017x and 030/089, SE 070 and 08, PL 5xx/6xx/7xx/88x and 22, GB 07xxx and 020).

About 70 hand-written "cast" people carry the deliberate traps; the others are drawn
at random ("fillers") and appear in one to three files with ordinary values. Every
person appears in one to four of the eight data files (suppression files included).

Files (under sample_data/)
--------------------------
``linkedin/Connections.csv`` (LinkedIn export with the ``Notes:`` preamble),
``events/trade_fair_2026_registrations.csv`` (European Excel: ``;``, BOM, CRLF),
``events/badge_scans_2026.xlsx`` (title row above the header, int phones, real dates),
``research/prospect_research.csv`` (hand-kept research sheet with sources),
``suppression/mailchimp_unsubscribed.csv``, ``suppression/mailchimp_cleaned.csv``,
``suppression/optout_list.txt``, ``suppression/dncm_be.txt``,
``lia/prospecting_lia.md`` and ``README.md``.

Deliberate traps (tags used in the truth file)
----------------------------------------------
Same person, written differently (must be merged):
  nickname (Bob/Robert, Hans/Johannes, Kasia/Katarzyna, Jef/Jozef, Pim/Willem,
  Lasse/Lars, Bill/William, Fien/Josephine, Sepp/Josef), accents (accents dropped or
  transliterated: Helene, Lukasz, Schroeder), typo (surname typo), private_email
  (webmail address instead of the work address), swapped (first and last name
  swapped), caps_surname_first (``PEETERS Jan``), comma_name (``Dubois, Sophie``),
  phone_format (0032…, +32 (0)…, 0470/12.34.56, ``GSM: …``, digits without +),
  legal_form (company with its legal form here, without it elsewhere),
  duplicate_in_file (registered twice in the same export).
Look-alikes (must NOT be merged):
  lookalike_same_name_other_company (same name, different company), father_son
  (same surname, company and domain; Sr./Jr.), group_buyer (three attendees registered
  under the buyer's own address), shared_role_mailbox (info@, aankoop@, inkoop@ used
  by several people), switchboard_phone (the phone is the company switchboard).
Messy values:
  whitespace, nbsp, mailto, display_name_email (``Name <addr>``), trailing_semicolon,
  invalid_email, scientific_phone (``3,24701E+10``), two_numbers, excel_protected
  (``="0470123456"``), phone_int (an .xlsx number cell without + or 0), formula_text
  (``=HYPERLINK(...)``, ``+SUM(1)``, ``@cmd``, ``-2+3``), emoji_name, pronouns,
  credential (``, MBA``), title_in_name (``ir.``), apostrophe (typographic ’),
  multiline_cell, placeholder_company, date_only (LinkedIn row with only a date).

Ground truth
------------
``tests/data/sample_truth.csv`` (outside sample_data/): one row per data record of
files 1-4 with ``file`` (relative to sample_data/), ``row_number`` (1 = first record
under the header, whatever precedes the header; a quoted record spanning lines counts
once; in the .xlsx the first row under the header row is 1), ``person_id`` (empty for
date-only rows) and ``trap`` (tags joined with ``|``, sorted; empty for a plain row).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import unicodedata
import urllib.parse
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_data"
TRUTH = ROOT / "tests" / "data" / "sample_truth.csv"

SEED = 2026
FIXED_XLSX_TIME = dt.datetime(2026, 3, 19, 18, 2, 0)

F_LINKEDIN = "linkedin/Connections.csv"
F_EVENTS = "events/trade_fair_2026_registrations.csv"
F_BADGE = "events/badge_scans_2026.xlsx"
F_RESEARCH = "research/prospect_research.csv"
F_UNSUB = "suppression/mailchimp_unsubscribed.csv"
F_CLEANED = "suppression/mailchimp_cleaned.csv"
F_OPTOUT = "suppression/optout_list.txt"
F_DNCM = "suppression/dncm_be.txt"

NBSP = "\u00a0"

# --------------------------------------------------------------------------- text


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "’": "'"})
_DE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def fold(s: str) -> str:
    """Drop accents: Hélène -> Helene, Łukasz -> Lukasz, Weiß -> Weiss."""
    s = s.translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def de_translit(s: str) -> str:
    """German transliteration: Schröder -> Schroeder."""
    return fold(s.translate(_DE))


def local_part(s: str, german: bool) -> str:
    s = de_translit(s) if german else fold(s)
    return "".join(c for c in s.lower() if c.isalnum() or c == "-")


# --------------------------------------------------------------------------- phones

CC = {"BE": "32", "NL": "31", "FR": "33", "DE": "49", "SE": "46", "PL": "48", "GB": "44"}
TRUNK = {"BE": "0", "NL": "0", "FR": "0", "DE": "0", "SE": "0", "PL": "", "GB": "0"}


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def gen_mobile(rng: random.Random, country: str) -> str:
    """A mobile number (E.164) in a range libphonenumber accepts as valid."""
    if country == "BE":
        nsn = "4" + rng.choice("789") + _digits(rng, 7)
    elif country == "NL":
        nsn = "6" + rng.choice("12345") + _digits(rng, 7)
    elif country == "FR":
        if rng.random() < 0.7:
            nsn = "6" + rng.choice("0124578") + _digits(rng, 7)
        else:
            nsn = "7" + rng.choice("5678") + _digits(rng, 7)
    elif country == "DE":
        pre = rng.choice(["151", "152", "157", "160", "170", "171", "176", "177", "179"])
        nsn = pre + _digits(rng, 8 if pre in ("151", "152", "157", "176") else 7)
    elif country == "SE":
        nsn = "70" + _digits(rng, 7)
    elif country == "PL":
        nsn = rng.choice(["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"])
        nsn += _digits(rng, 7)
    else:  # GB
        nsn = rng.choice(["7723", "7740", "7812", "7846", "7889", "7912", "7930", "7954"])
        nsn += _digits(rng, 6)
    return "+" + CC[country] + nsn


def gen_fixed(rng: random.Random, country: str, area: str) -> str:
    """A fixed-line (switchboard) number (E.164) in the given area code."""
    first = rng.choice("234" if (country, area) == ("BE", "9") else "2345678")
    n = {"BE": 6, "NL": 6, "FR": 7, "DE": 7, "SE": 7, "PL": 6, "GB": 7}[country]
    if country == "GB":
        first = rng.choice("378")
    return "+" + CC[country] + area + first + _digits(rng, n)


def split_e164(e164: str) -> tuple[str, str]:
    for country, cc in CC.items():
        if e164.startswith("+" + cc):
            return country, e164[1 + len(cc) :]
    raise ValueError(e164)


def _groups(country: str, nsn: str) -> list[str]:
    """National significant number split the way people write it in that country."""
    mobile = is_mobile(country, nsn)
    if country == "BE":
        return (
            [nsn[:3], nsn[3:5], nsn[5:7], nsn[7:]]
            if mobile
            else [nsn[:1], nsn[1:4], nsn[4:6], nsn[6:]]
        )
    if country == "NL":
        return [nsn[:1], nsn[1:]] if mobile else [nsn[:2], nsn[2:5], nsn[5:]]
    if country == "FR":
        return [nsn[:1], nsn[1:3], nsn[3:5], nsn[5:7], nsn[7:]]
    if country == "DE":
        return [nsn[:3], nsn[3:]] if mobile else [nsn[:2], nsn[2:]]
    if country == "SE":
        if mobile:
            return [nsn[:2], nsn[2:5], nsn[5:7], nsn[7:]]
        return (
            [nsn[:1], nsn[1:4], nsn[4:7], nsn[7:]]
            if len(nsn) == 9
            else [nsn[:1], nsn[1:4], nsn[4:6], nsn[6:]]
        )
    if country == "PL":
        return [nsn[:3], nsn[3:6], nsn[6:]] if mobile else [nsn[:2], nsn[2:5], nsn[5:7], nsn[7:]]
    return [nsn[:4], nsn[4:]] if mobile else [nsn[:2], nsn[2:6], nsn[6:]]


def is_mobile(country: str, nsn: str) -> bool:
    return {
        "BE": nsn[:1] == "4",
        "NL": nsn[:1] == "6",
        "FR": nsn[:1] in "67",
        "DE": nsn[:1] == "1",
        "SE": nsn[:2] == "70",
        "PL": nsn[:2] != "22",
        "GB": nsn[:1] == "7",
    }[country]


# Phone styles. "nat", "intl", "compact" and "e164" are ordinary notations; the others
# carry a trap tag.
PHONE_STYLE_TAG = {
    "00": "phone_format",
    "paren": "phone_format",
    "slash": "phone_format",
    "gsm": "phone_format",
    "dots": "phone_format",
    "digits": "phone_format",
    "sci": "scientific_phone",
    "protected": "excel_protected",
}


def fmt_phone(e164: str, style: str) -> str:
    country, nsn = split_e164(e164)
    g = _groups(country, nsn)
    trunk = TRUNK[country]
    cc = CC[country]
    nat_first = trunk + g[0]
    if style == "nat":
        if country == "NL" and is_mobile(country, nsn):
            return "06-" + nsn[1:]
        if country == "SE":
            return nat_first + "-" + " ".join(g[1:])
        return " ".join([nat_first, *g[1:]])
    if style == "intl":
        return "+" + cc + " " + " ".join(g)
    if style == "e164":
        return e164
    if style == "compact":
        return trunk + nsn
    if style == "00":
        return "00" + cc + " " + " ".join(g)
    if style == "paren":
        if not trunk:  # no trunk prefix to put in brackets (PL)
            return "+" + cc + " " + "-".join(g)
        if country == "BE":
            return (
                f"+{cc}(0){g[0]}/{g[1]}.{g[2]}.{g[3]}"
                if len(g) == 4
                else (f"+{cc} (0){' '.join(g)}")
            )
        return f"+{cc} (0){g[0]} " + " ".join(g[1:])
    if style == "slash":
        if country == "BE" and len(g) == 4:
            return f"{nat_first}/{g[1]}.{g[2]}.{g[3]}"
        return nat_first + "/" + "".join(g[1:])
    if style == "dots":
        return ".".join([nat_first, *g[1:]])
    if style == "gsm":
        label = {"DE": "Mobil: ", "FR": "Portable : ", "GB": "Mob: "}.get(country, "GSM: ")
        return label + fmt_phone(e164, "nat")
    if style == "digits":  # Excel number turned back into text: no + and no 0
        return cc + nsn
    if style == "sci":  # a long number in a European Excel cell, re-saved as text
        mant, exp = f"{int(cc + nsn):.5E}".split("E")
        return mant.replace(".", ",") + "E+" + str(int(exp))
    if style == "protected":
        return f'="{trunk}{nsn}"'
    raise ValueError(style)


# --------------------------------------------------------------------------- companies


@dataclass
class Company:
    key: str
    name: str
    form: str
    country: str
    city: str
    lang: str
    pattern: str
    area: str
    domain: str = ""
    switchboard: str = ""
    reg_no: str = ""

    def display(self, style: str) -> str:
        if style == "plain":
            return self.name
        if style == "form":
            return f"{self.name} {self.form}"
        if style == "caps":
            return f"{self.name} {self.form}".upper()
        if style == "dotted":
            dotted = {
                "NV": "N.V.",
                "BV": "B.V.",
                "SA": "S.A.",
                "SRL": "S.R.L.",
                "SAS": "S.A.S.",
                "Ltd": "Limited",
                "AB": "Aktiebolag",
            }
            return f"{self.name} {dotted.get(self.form, self.form)}"
        if style == "comma":
            return f"{self.name}, {self.form}"
        raise ValueError(style)


TLD = {"BE": "be", "NL": "nl", "FR": "fr", "DE": "de", "SE": "se", "PL": "pl", "GB": "co.uk"}

# One company a line: key | name | legal form | country | city | language | e-mail pattern
# | area code of the switchboard. The domain is <key>.example.<tld> (globex: example.com).
COMPANY_TABLE = [
    tuple(f.strip() for f in line.split("|"))
    for line in """
acme-logistics | Acme Logistics | NV | BE | Antwerpen | nl | first.last | 3
vandenbroeck-metaal | Van den Broeck Metaalbouw | BV | BE | Temse | nl | first | 3
brabant-verpakkingen | Brabant Verpakkingen | NV | BE | Vilvoorde | nl | first.last | 2
gentse-kunststoffen | Gentse Kunststoffen | BV | BE | Gent | nl | first.last | 9
ateliers-lemaire | Ateliers Lemaire | SA | BE | Anderlecht | fr | f.last | 2
scheldeland-techniek | Scheldeland Techniek | NV | BE | Temse | nl | first.last | 3
waasland-automatisering | Waasland Automatisering | BV | BE | Sint-Niklaas | nl | first.last | 3
peeters-zonen | Peeters & Zonen | BV | BE | Lier | nl | first | 3
bxl-facility | Bruxelles Facility Services | SA | BE | Bruxelles | fr | first.last | 2
kempen-koeltechniek | Kempen Koeltechniek | NV | BE | Wijnegem | nl | first.last | 3
eeklo-elektro | Eeklo Elektro | BV | BE | Eeklo | nl | first | 9
horizon-consulting | Horizon Consulting | SRL | BE | Waterloo | fr | first.last | 2
desmet-bouw | De Smet Bouwmaterialen | NV | BE | Lokeren | nl | first.last | 9
globex | Globex Benelux | NV | BE | Zaventem | nl | first.last | 2
zelzate-staal | Zelzate Staalservice | NV | BE | Zelzate | nl | first.last | 9
hollandse-pompen | Hollandse Pompen | BV | NL | Rotterdam | nl | first.last | 10
vdberg-installatie | Van der Berg Installatietechniek | BV | NL | Amsterdam | nl | first.last | 20
noordzee-offshore | Noordzee Offshore Services | BV | NL | Rotterdam | nl | flast | 10
utrechtse-drukkerij | Utrechtse Drukkerij | BV | NL | Utrecht | nl | first.last | 30
delta-voeding | Delta Voedingsmiddelen | NV | NL | Rotterdam | nl | first.last | 10
zh-coatings | Zuid-Holland Coatings | BV | NL | Rotterdam | nl | f.last | 10
nh-agritech | Noord-Holland Agritech | BV | NL | Amsterdam | nl | first.last | 20
brainport-sensors | Brainport Sensors | BV | NL | Eindhoven | nl | first | 40
dubois-emballages | Dubois Emballages | SA | FR | Paris | fr | first.last | 1
lumiere-industrie | Lumière Industrie | SAS | FR | Saint-Denis | fr | first.last | 1
normandie-mecanique | Normandie Mécanique | SA | FR | Nanterre | fr | f.last | 1
atelier-helios | Atelier Hélios | SAS | FR | Montreuil | fr | first.last | 1
martin-logistique | Groupe Martin Logistique | SA | FR | Créteil | fr | first.last | 1
seine-chimie | Seine Chimie | SA | FR | Paris | fr | flast | 1
mueller-maschinenbau | Müller Maschinenbau | GmbH | DE | München | de | f.last | 89
schroeder-antriebe | Schröder Antriebstechnik | GmbH | DE | Berlin | de | first.last | 30
bayerische-kunststoff | Bayerische Kunststoffwerke | GmbH | DE | München | de | first.last | 89
spree-software | Spree Software | GmbH | DE | Berlin | de | f.last | 30
koehler-logistik | Köhler Logistik | GmbH | DE | Berlin | de | first.last | 30
weissbach-verpackung | Weißbach Verpackung | GmbH | DE | München | de | first.last | 89
rheinland-messtechnik | Rheinland Messtechnik | AG | DE | Berlin | de | first.last | 30
lindqvist-verktyg | Lindqvist Verktyg | AB | SE | Stockholm | sv | first.last | 8
nordstrom-industri | Nordström Industri | AB | SE | Stockholm | sv | first.last | 8
angstrom-automation | Ångström Automation | AB | SE | Solna | sv | first.last | 8
hallberg-logistik | Hallberg Logistik | AB | SE | Stockholm | sv | first | 8
kowalski-technika | Kowalski Technika | Sp. z o.o. | PL | Warszawa | pl | first.last | 22
wisniewski-opakowania | Wiśniewski Opakowania | Sp. z o.o. | PL | Warszawa | pl | f.last | 22
lodz-tekstylia | Łódź Tekstylia | Sp. z o.o. | PL | Piaseczno | pl | first.last | 22
polmet | Polmet Konstrukcje | Sp. z o.o. | PL | Warszawa | pl | first.last | 22
thames-valley-components | Thames Valley Components | Ltd | GB | London | en | first.last | 20
pennine-supplies | Pennine Industrial Supplies | Ltd | GB | London | en | first.last | 20
brightwater-analytics | Brightwater Analytics | Ltd | GB | London | en | flast | 20
kingsway-engineering | Kingsway Engineering | Ltd | GB | London | en | first.last | 20
""".strip().splitlines()
]

# --------------------------------------------------------------------------- name pools

NAMES: dict[str, dict[str, list[str]]] = {
    "nl-BE": {
        "m": [
            "Jan",
            "Pieter",
            "Koen",
            "Bart",
            "Wim",
            "Tom",
            "Stijn",
            "Joris",
            "Wouter",
            "Dries",
            "Ruben",
            "Karel",
            "Luc",
            "Geert",
            "Kristof",
            "Jeroen",
            "Filip",
            "Dirk",
            "Bert",
            "Jens",
            "Arne",
            "Maarten",
            "Thomas",
            "Gert",
            "Hannes",
        ],
        "f": [
            "Els",
            "An",
            "Katrien",
            "Sofie",
            "Lien",
            "Annelies",
            "Griet",
            "Hilde",
            "Lotte",
            "Nele",
            "Marleen",
            "Inge",
            "Ellen",
            "Veerle",
            "Leen",
            "Eline",
            "Jolien",
            "Kaat",
            "Ine",
            "Femke",
        ],
        "s": [
            "Peeters",
            "Janssens",
            "Maes",
            "Jacobs",
            "Mertens",
            "Willems",
            "Claes",
            "Goossens",
            "Wouters",
            "De Smet",
            "Vermeulen",
            "De Backer",
            "Verhoeven",
            "Van Damme",
            "Declercq",
            "Hermans",
            "Lemmens",
            "Claeys",
            "Vandenberghe",
            "De Vos",
            "Desmet",
            "Van Acker",
            "Dierckx",
            "Verstraete",
            "Van Hecke",
            "Cools",
            "Aerts",
            "Bogaert",
            "Van Looy",
            "D’Hondt",
            "Segers",
            "Van Gucht",
        ],
    },
    "fr": {
        "m": [
            "Pierre",
            "François",
            "Jérôme",
            "Stéphane",
            "Benoît",
            "Thierry",
            "Olivier",
            "Laurent",
            "Frédéric",
            "Mathieu",
            "André",
            "Julien",
            "Nicolas",
            "Sébastien",
            "Cédric",
            "Grégory",
            "Rémi",
            "Hervé",
        ],
        "f": [
            "Sophie",
            "Céline",
            "Amélie",
            "Élodie",
            "Nathalie",
            "Isabelle",
            "Camille",
            "Léa",
            "Chloé",
            "Noémie",
            "Gaëlle",
            "Aurélie",
            "Valérie",
            "Mélanie",
            "Cécile",
            "Anaïs",
        ],
        "s": [
            "Lambert",
            "Dupont",
            "Leroy",
            "Moreau",
            "Girard",
            "Mercier",
            "Bernard",
            "Petit",
            "Durand",
            "Rousseau",
            "Fontaine",
            "Chevalier",
            "Gauthier",
            "Leclercq",
            "Renard",
            "Hubert",
            "Faure",
            "Garnier",
            "Bénard",
            "Thibault",
            "Lecomte",
            "Masson",
        ],
    },
    "nl-NL": {
        "m": [
            "Sander",
            "Joost",
            "Maarten",
            "Bas",
            "Jeroen",
            "Daan",
            "Thijs",
            "Sjoerd",
            "Gijs",
            "Niels",
            "Rutger",
            "Teun",
            "Menno",
            "Wessel",
            "Koen",
        ],
        "f": [
            "Sanne",
            "Femke",
            "Marieke",
            "Eva",
            "Lieke",
            "Floor",
            "Hanneke",
            "Mirjam",
            "Ilse",
            "Marloes",
            "Janneke",
            "Roos",
            "Fleur",
            "Esther",
        ],
        "s": [
            "de Vries",
            "van Dijk",
            "Bakker",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
            "van der Berg",
            "Hendriks",
            "van Leeuwen",
            "Jansen",
            "Vos",
            "van den Heuvel",
            "Koster",
            "de Groot",
            "Scholten",
            "van Wijk",
            "Veenstra",
            "Timmermans",
            "Kuipers",
        ],
    },
    "de": {
        "m": [
            "Klaus",
            "Jürgen",
            "Jörg",
            "Uwe",
            "Stefan",
            "Matthias",
            "Tobias",
            "Maximilian",
            "Sören",
            "Günter",
            "Florian",
            "Andreas",
            "Björn",
            "Lukas",
            "Dieter",
            "Jens",
        ],
        "f": [
            "Katrin",
            "Sabine",
            "Anja",
            "Julia",
            "Lena",
            "Franziska",
            "Ulrike",
            "Dörte",
            "Jana",
            "Birgit",
            "Kerstin",
            "Annika",
            "Jördis",
        ],
        "s": [
            "Schäfer",
            "Fischer",
            "Hoffmann",
            "Wagner",
            "Krüger",
            "Zimmermann",
            "Schmitt",
            "Braun",
            "Lehmann",
            "Jäger",
            "Vogel",
            "Böhm",
            "Groß",
            "Neumann",
            "Schulze",
            "Kühn",
            "Roßmann",
            "Schneider",
            "Seidel",
        ],
    },
    "sv": {
        "m": [
            "Anders",
            "Björn",
            "Johan",
            "Erik",
            "Göran",
            "Håkan",
            "Mårten",
            "Per",
            "Olof",
            "Fredrik",
            "Mattias",
        ],
        "f": [
            "Ingrid",
            "Karin",
            "Malin",
            "Sofia",
            "Linnéa",
            "Maja",
            "Elin",
            "Ebba",
            "Kristina",
            "Märta",
        ],
        "s": [
            "Andersson",
            "Johansson",
            "Nilsson",
            "Karlsson",
            "Ström",
            "Hallberg",
            "Sjöberg",
            "Bergström",
            "Åkesson",
            "Lundgren",
            "Löfgren",
            "Engström",
            "Holmqvist",
        ],
    },
    "pl": {
        "m": [
            "Paweł",
            "Michał",
            "Tomasz",
            "Krzysztof",
            "Grzegorz",
            "Wojciech",
            "Bartłomiej",
            "Jędrzej",
            "Marcin",
            "Rafał",
            "Przemysław",
        ],
        "f": [
            "Agnieszka",
            "Małgorzata",
            "Magdalena",
            "Joanna",
            "Zofia",
            "Ewa",
            "Barbara",
            "Dorota",
            "Aleksandra",
            "Beata",
            "Jadwiga",
        ],
        "s": [
            "Kowalski",
            "Wójcik",
            "Lewandowski",
            "Szymański",
            "Woźniak",
            "Kozłowski",
            "Jankowski",
            "Krawczyk",
            "Żak",
            "Ślusarczyk",
            "Wróbel",
            "Sikora",
            "Pawłowski",
            "Michalak",
            "Grabowski",
        ],
    },
    "en": {
        "m": [
            "James",
            "Harry",
            "George",
            "Daniel",
            "Gareth",
            "Matthew",
            "Alistair",
            "Owen",
            "Callum",
            "Richard",
        ],
        "f": [
            "Emma",
            "Charlotte",
            "Sarah",
            "Hannah",
            "Rebecca",
            "Fiona",
            "Siobhan",
            "Rachel",
            "Megan",
            "Louise",
            "Imogen",
        ],
        "s": [
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Roberts",
            "Wright",
            "Thompson",
            "Edwards",
            "Green",
            "Hall",
            "Wood",
            "Patel",
            "Clarke",
            "Lewis",
            "Harris",
            "Morgan",
            "Khan",
            "Campbell",
        ],
    },
}

# Titles: plain strings, or (masculine, feminine) pairs where the language needs it.
TITLES: dict[str, list[str | tuple[str, str]]] = {
    "nl": [
        "Aankoopverantwoordelijke",
        "Aankoper",
        "Inkoper",
        "Hoofd inkoop",
        "Technisch directeur",
        "Zaakvoerder",
        "Bedrijfsleider",
        "Productieleider",
        "Onderhoudsverantwoordelijke",
        "Facility manager",
        "Logistiek manager",
        "Kwaliteitsverantwoordelijke",
        "Projectleider",
        "Operationeel directeur",
        "Preventieadviseur",
        "Werkvoorbereider",
        "Technisch inkoper",
    ],
    "fr": [
        "Responsable achats",
        "Responsable maintenance",
        "Responsable logistique",
        "Chef de projet",
        "Responsable qualité",
        "Responsable HSE",
        ("Gérant", "Gérante"),
        ("Directeur des opérations", "Directrice des opérations"),
        ("Ingénieur process", "Ingénieure process"),
        ("Acheteur", "Acheteuse"),
    ],
    "de": [
        ("Einkaufsleiter", "Einkaufsleiterin"),
        ("Geschäftsführer", "Geschäftsführerin"),
        ("Leiter Instandhaltung", "Leiterin Instandhaltung"),
        ("Technischer Einkäufer", "Technische Einkäuferin"),
        ("Produktionsleiter", "Produktionsleiterin"),
        ("Projektleiter", "Projektleiterin"),
        "Head of Supply Chain",
    ],
    "sv": [
        "Inköpschef",
        "Inköpare",
        "VD",
        "Produktionschef",
        "Underhållschef",
        "Logistikchef",
        "Kvalitetschef",
    ],
    "pl": [
        "Kierownik zakupów",
        "Dyrektor operacyjny",
        "Specjalista ds. zakupów",
        "Kierownik produkcji",
        "Kierownik utrzymania ruchu",
        "Prezes zarządu",
        "Kierownik logistyki",
    ],
    "en": [
        "Procurement Manager",
        "Head of Operations",
        "Operations Director",
        "Maintenance Engineer",
        "Quality Manager",
        "Supply Chain Manager",
        "Purchasing Manager",
        "Plant Manager",
        "Managing Director",
        "Facilities Manager",
        "Category Buyer",
        "Head of Procurement",
        "COO",
        "Project Engineer",
    ],
}

# --------------------------------------------------------------------------- people


@dataclass
class Person:
    pid: str
    key: str
    first: str
    last: str
    gender: str
    company: Company
    title: str
    mobile: str | None
    work_email: str = ""
    private_email: str | None = None
    nick: str | None = None
    suffix: str = ""
    files: list[str] = field(default_factory=list)

    @property
    def german(self) -> bool:
        return self.company.country == "DE"


# The cast: the people who carry the deliberate traps, one a line:
# key | first name | last name | gender | company key | job title | extras
# extras: nick=<nickname>; private[=<local part>] (address on webmail.example);
# suffix=<Sr.|Jr.>
CAST_TABLE = """
# nicknames
bob_wilson | Robert | Wilson | m | thames-valley-components | Procurement Manager | nick=Bob
hans_schroeder | Johannes | Schröder | m | schroeder-antriebe | Geschäftsführer | nick=Hans
kasia_wisn | Katarzyna | Wiśniewska | f | wisniewski-opakowania | Kierownik zakupów | nick=Kasia
jef_claes | Jozef | Claes | m | kempen-koeltechniek | Zaakvoerder | nick=Jef; private=jef.claes
pim_dejong | Willem | de Jong | m | hollandse-pompen | Hoofd inkoop | nick=Pim
lasse_nordstrom | Lars | Nordström | m | nordstrom-industri | Inköpschef | nick=Lasse
bill_hughes | William | Hughes | m | pennine-supplies | Head of Operations | nick=Bill
fien_verh | Josephine | Verhoeven | f | gentse-kunststoffen | Aankoopverantwoordelijke | nick=Fien
sepp_huber | Josef | Huber | m | bayerische-kunststoff | Leiter Instandhaltung | nick=Sepp
# accents
helene_lefevre | Hélène | Lefèvre | f | lumiere-industrie | Responsable achats
lukasz_dabrowski | Łukasz | Dąbrowski | m | kowalski-technika | Kierownik utrzymania ruchu
jurgen_weiss | Jürgen | Weiß | m | weissbach-verpackung | Technischer Einkäufer
asa_soderberg | Åsa | Söderberg | f | angstrom-automation | Produktionschef
# surname typos
koen_vermeulen | Koen | Vermeulen | m | scheldeland-techniek | Onderhoudsverantwoordelijke
sophie_dubois | Sophie | Dubois | f | ateliers-lemaire | Responsable achats
magnus_lindqvist | Magnus | Lindqvist | m | lindqvist-verktyg | VD
tom_goossens | Tom | Goossens | m | brabant-verpakkingen | Plant manager
# private addresses
bart_janssens | Bart | Janssens | m | acme-logistics | Logistiek manager | private
anouk_visser | Anouk | Visser | f | delta-voeding | Inkoper | private=anouk.visser83
thomas_becker | Thomas | Becker | m | spree-software | Head of IT | private=thomas.becker1979
marta_zielinska | Marta | Zielińska | f | polmet | Specjalista ds. zakupów | private=marta.zielinska
# swapped first/last
pieter_maes | Pieter | Maes | m | waasland-automatisering | Projectleider
nathalie_simon | Nathalie | Simon | f | horizon-consulting | Gérante
piotr_nowak | Piotr | Nowak | m | polmet | Dyrektor operacyjny
thierry_laurent | Thierry | Laurent | m | bxl-facility | Facility manager
# caps surname first and same name at another company
jan_peeters_acme | Jan | Peeters | m | acme-logistics | Aankoopdirecteur
jan_peeters_pz | Jan | Peeters | m | peeters-zonen | Zaakvoerder
an_desmet | An | De Smet | f | desmet-bouw | Bedrijfsleider
anna_nowak_kt | Anna | Nowak | f | kowalski-technika | Specjalista ds. zakupów
anna_nowak_lt | Anna | Nowak | f | lodz-tekstylia | Kierownik logistyki
thomas_mueller_kl | Thomas | Müller | m | koehler-logistik | Leiter Fuhrpark
thomas_mueller_rm | Thomas | Müller | m | rheinland-messtechnik | Vertriebsingenieur
sophie_martin_gm | Sophie | Martin | f | martin-logistique | Directrice des opérations
sophie_martin_bfs | Sophie | Martin | f | bxl-facility | Office manager
# fathers and sons at the same company
marc_vdb | Marc | Van den Broeck | m | vandenbroeck-metaal | Zaakvoerder | suffix=Sr.
stijn_vdb | Stijn | Van den Broeck | m | vandenbroeck-metaal | Productieleider | suffix=Jr.
klaus_mueller | Klaus | Müller | m | mueller-maschinenbau | Geschäftsführer | suffix=Sr.
jonas_mueller | Jonas | Müller | m | mueller-maschinenbau | Leiter Einkauf | suffix=Jr.
gerard_lemaire | Gérard | Lemaire | m | ateliers-lemaire | Administrateur délégué | suffix=Sr.
mathieu_lemaire | Mathieu | Lemaire | m | ateliers-lemaire | Directeur technique | suffix=Jr.
# group buyers and the colleagues they registered
els_wouters | Els | Wouters | f | desmet-bouw | Office manager
geert_hermans | Geert | Hermans | m | desmet-bouw | Aankoper
dries_lemmens | Dries | Lemmens | m | desmet-bouw | Werfleider
marieke_dekker | Marieke | Dekker | f | vdberg-installatie | Office manager
ruud_brouwer | Ruud | Brouwer | m | vdberg-installatie | Werkvoorbereider
daan_kok | Daan | Kok | m | vdberg-installatie | Projectleider
# shared role mailboxes
lien_jacobs | Lien | Jacobs | f | brabant-verpakkingen | Aankoper
karel_mertens | Karel | Mertens | m | brabant-verpakkingen | Hoofd inkoop
luc_debacker | Luc | De Backer | m | eeklo-elektro | Zaakvoerder
inge_dierckx | Inge | Dierckx | f | eeklo-elektro | Administratief bediende
sanne_postma | Sanne | Postma | f | nh-agritech | Inkoper
bram_huisman | Bram | Huisman | m | nh-agritech | Technisch inkoper
# registered twice at the fair
wouter_declercq | Wouter | Declercq | m | zelzate-staal | Preventieadviseur | private=wdeclercq
# messy values
ruben_willems | Ruben | Willems | m | globex | Key Account Manager
lotte_devos | Lotte | De Vos | f | gentse-kunststoffen | Sustainability Manager
oliver_obrien | Oliver | O’Brien | m | kingsway-engineering | Managing Director
nele_cools | Nele | Cools | f | waasland-automatisering | Office manager
floor_koster | Floor | Koster | f | noordzee-offshore | Inkoper
jakub_mazur | Jakub | Mazur | m | kowalski-technika | Kierownik produkcji
maarten_bosman | Maarten | Bosman | m | zh-coatings | Technisch directeur
griet_vanacker | Griet | Van Acker | f | kempen-koeltechniek | Aankoper
dirk_aerts | Dirk | Aerts | m | acme-logistics | Technisch directeur
jeroen_prins | Jeroen | Prins | m | noordzee-offshore | Operationeel directeur
# only in suppression files
michal_kaminski | Michał | Kamiński | m | polmet | Kierownik logistyki
claire_evans | Claire | Evans | f | brightwater-analytics | Category Buyer
stefan_hartmann | Stefan | Hartmann | m | bayerische-kunststoff | Einkaufsleiter | private
emily_walker | Emily | Walker | f | kingsway-engineering | Quality Manager
sven_eriksson | Sven | Eriksson | m | hallberg-logistik | Logistikchef
valerie_noel | Valérie | Noël | f | seine-chimie | Responsable HSE
dieter_wolf | Dieter | Wolf | m | rheinland-messtechnik | Projektleiter | private
"""


def _parse_cast(text: str) -> list[tuple[str, str, str, str, str, str, dict[str, object]]]:
    cast = []
    for line in text.strip().splitlines():
        if line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")] + [""]
        key, first, last, gender, company, title, extras = fields[:7]
        ex: dict[str, object] = {}
        for item in filter(None, (e.strip() for e in extras.split(";"))):
            k, _, v = item.partition("=")
            if k == "private":  # bare "private": first.last@webmail.example
                v = (
                    v or f"{local_part(first, False)}.{local_part(last, False)}"
                ) + "@webmail.example"
            ex[k] = v
        cast.append((key, first, last, gender, company, title, ex))
    return cast


CAST = _parse_cast(CAST_TABLE)

# --------------------------------------------------------------------------- rows


@dataclass
class Row:
    file: str
    pid: str  # "" for date-only rows
    values: dict[str, object]
    tags: set[str]
    has_form: bool | None = None  # company written with its legal form?


# Per-file row specs for the cast. Keys:
#   name: ops among nick, ascii, translit, suffix, swap, caps_first, comma
#   typo: misspelt surname; first/last: literal override (tags go in "tags")
#   email: work | private | none | mixed (capitalised work address) | group:<cast key>
#          (the group buyer's address) | role:<local part> | the literal invalid address
#   email_fmt: display | mailto | semicolon | space | invalid
#   phone/gsm/tel: style name for the mobile (phone, gsm) or switchboard (tel); "none"
#   phone_src: mobile | switch; company: plain | form | caps | dotted | comma | literal
#   title: literal; tags: extra tags; unit: rows sharing a unit stay together
Spec = dict[str, object]

LINKEDIN_CAST: list[tuple[str, Spec]] = [
    ("bob_wilson", {"name": ["nick"], "email": "mixed"}),
    ("kasia_wisn", {"name": ["nick"]}),
    ("pim_dejong", {"name": ["nick"]}),
    ("lasse_nordstrom", {"name": ["ascii"]}),
    ("bill_hughes", {}),
    ("helene_lefevre", {"url": "pct"}),
    ("lukasz_dabrowski", {"url": "pct"}),
    ("asa_soderberg", {"name": ["ascii"]}),
    (
        "koen_vermeulen",
        {
            "title": "@ Scheldeland Techniek | Onderhoud & technische dienst",
            "tags": ["formula_text"],
        },
    ),
    ("magnus_lindqvist", {}),
    ("tom_goossens", {"last": "Goossens, MBA", "tags": ["credential"]}),
    ("bart_janssens", {"email": "private"}),
    ("thomas_becker", {"email": "private"}),
    ("pieter_maes", {"first": "Pieter ", "tags": ["whitespace"]}),
    ("piotr_nowak", {"url": "pct"}),
    ("anna_nowak_kt", {}),
    ("anna_nowak_lt", {}),
    ("thomas_mueller_kl", {"url": "pct"}),
    ("sophie_martin_gm", {}),
    ("marc_vdb", {"name": ["suffix"]}),
    ("stijn_vdb", {}),
    ("jonas_mueller", {}),
    ("mathieu_lemaire", {}),
    ("els_wouters", {}),
    ("ruud_brouwer", {}),
    ("karel_mertens", {"company": "form"}),
    ("ruben_willems", {"last": "Willems (he/him)", "tags": ["pronouns"]}),
    ("lotte_devos", {"last": "De Vos 🌱", "tags": ["emoji_name"]}),
    ("oliver_obrien", {"tags": ["apostrophe"]}),
    ("nele_cools", {"company": " -", "tags": ["placeholder_company"]}),
    ("maarten_bosman", {"title": "-2+3", "tags": ["formula_text"]}),
    ("dirk_aerts", {"first": "ir. Dirk", "tags": ["title_in_name"]}),
]

EVENTS_CAST: list[tuple[str, Spec]] = [
    (
        "jan_peeters_acme",
        {"gsm": "slash", "last": "Peeters" + NBSP, "tags": ["nbsp"], "company": "form"},
    ),
    ("jan_peeters_pz", {"first": "Jan ", "tags": ["whitespace"], "company": "plain"}),
    ("jef_claes", {"name": ["nick"], "email": "private", "gsm": "gsm"}),
    ("pim_dejong", {"gsm": "nat"}),
    ("kasia_wisn", {"name": ["ascii"]}),
    ("fien_verh", {"name": ["nick"], "email_fmt": "space"}),
    ("helene_lefevre", {"name": ["ascii"], "gsm": "dots"}),
    ("koen_vermeulen", {"typo": "Vermuelen", "email_fmt": "semicolon", "gsm": "00"}),
    ("sophie_dubois", {"typo": "Dubios"}),
    ("tom_goossens", {"typo": "Goosens"}),
    ("bart_janssens", {"email_fmt": "display"}),
    ("anouk_visser", {"email": "private"}),
    ("marta_zielinska", {"email": "private"}),
    ("pieter_maes", {"name": ["swap"]}),
    ("thierry_laurent", {"name": ["swap"], "email_fmt": "mailto"}),
    ("sophie_martin_bfs", {}),
    ("thomas_mueller_kl", {"gsm": "digits"}),
    (
        "stijn_vdb",
        {
            "title": "Productieleider\nafdeling plaatbewerking",
            "tags": ["multiline_cell"],
            "tel": "nat",
        },
    ),
    ("marc_vdb", {"tel": "nat"}),
    ("gerard_lemaire", {"tel": "nat"}),
    (
        "els_wouters",
        {"unit": "groupA", "email": "group:els_wouters", "tel": "nat", "tags": ["group_buyer"]},
    ),
    (
        "geert_hermans",
        {
            "unit": "groupA",
            "email": "group:els_wouters",
            "gsm": "none",
            "tel": "nat",
            "tags": ["group_buyer"],
        },
    ),
    (
        "dries_lemmens",
        {
            "unit": "groupA",
            "email": "group:els_wouters",
            "gsm": "none",
            "tel": "nat",
            "tags": ["group_buyer"],
        },
    ),
    (
        "marieke_dekker",
        {"unit": "groupB", "email": "group:marieke_dekker", "tel": "nat", "tags": ["group_buyer"]},
    ),
    (
        "ruud_brouwer",
        {
            "unit": "groupB",
            "email": "group:marieke_dekker",
            "gsm": "none",
            "tel": "nat",
            "tags": ["group_buyer"],
        },
    ),
    (
        "daan_kok",
        {
            "unit": "groupB",
            "email": "group:marieke_dekker",
            "gsm": "none",
            "tel": "nat",
            "tags": ["group_buyer"],
        },
    ),
    ("lien_jacobs", {"email": "role:aankoop"}),
    ("karel_mertens", {"email": "role:aankoop", "gsm": "protected"}),
    ("luc_debacker", {"email": "role:info", "gsm": "none", "tel": "two"}),
    ("wouter_declercq", {"tags": ["duplicate_in_file"]}),
    ("wouter_declercq", {"email": "private", "gsm": "paren", "tags": ["duplicate_in_file"]}),
    ("an_desmet", {"gsm": "sci"}),
    ("nele_cools", {"company": '=HYPERLINK("http://x.example","x")', "tags": ["formula_text"]}),
    (
        "griet_vanacker",
        {"email_fmt": "invalid", "email": "griet.vanacker@@kempen-koeltechniek.example.be"},
    ),
    ("dirk_aerts", {"email_fmt": "invalid", "email": "dirk.aerts@acme-logistics"}),
    ("lotte_devos", {}),
    ("nathalie_simon", {}),
]

BADGE_CAST: list[tuple[str, Spec]] = [
    ("bob_wilson", {}),
    ("hans_schroeder", {"name": ["nick", "translit"], "phone": "int"}),
    ("lasse_nordstrom", {"name": ["nick"]}),
    ("fien_verh", {"company": "Gentse Kunststoffen" + NBSP + "BV", "tags": ["nbsp"]}),
    ("sepp_huber", {"name": ["nick"], "phone": "paren"}),
    ("lukasz_dabrowski", {"name": ["ascii"]}),
    ("jurgen_weiss", {}),
    ("asa_soderberg", {}),
    ("magnus_lindqvist", {"typo": "Lindquist"}),
    ("anouk_visser", {"phone": "int"}),
    ("nathalie_simon", {"name": ["swap"]}),
    ("piotr_nowak", {"name": ["swap"]}),
    ("jan_peeters_pz", {"phone": "int"}),
    ("klaus_mueller", {"unit": "mueller", "name": ["suffix"], "phone_src": "switch"}),
    ("jonas_mueller", {"unit": "mueller", "name": ["suffix"]}),
    ("mathieu_lemaire", {"name": ["suffix"]}),
    ("geert_hermans", {}),
    ("daan_kok", {"phone": "int"}),
    ("sanne_postma", {"unit": "nh", "email": "role:inkoop"}),
    ("bram_huisman", {"unit": "nh", "email": "role:inkoop"}),
    ("floor_koster", {"title": "@cmd", "tags": ["formula_text"]}),
    ("ruben_willems", {}),
    ("thomas_mueller_rm", {}),
    ("sophie_martin_bfs", {"phone": "int", "company": "dotted"}),
]

RESEARCH_CAST: list[tuple[str, Spec]] = [
    (
        "jan_peeters_acme",
        {"name": ["caps_first"], "source": "kbo", "phone_src": "switch", "company": "caps"},
    ),
    (
        "jef_claes",
        {"name": ["caps_first"], "source": "kbo", "company": "caps", "phone_src": "mobile"},
    ),
    ("hans_schroeder", {"name": ["caps_first"], "source": "impressum"}),
    ("marc_vdb", {"name": ["caps_first"], "source": "kbo", "company": "caps"}),
    ("an_desmet", {"name": ["caps_first"], "source": "kbo", "company": "caps"}),
    ("sophie_dubois", {"name": ["comma"], "source": "agoria"}),
    ("bill_hughes", {"name": ["nick"], "source": "linkedin"}),
    ("sepp_huber", {"source": "team"}),
    ("jurgen_weiss", {"name": ["ascii"], "source": "catalogue"}),
    ("thomas_becker", {"source": "team", "email": "work"}),
    ("thomas_mueller_rm", {"source": "impressum"}),
    ("anna_nowak_lt", {"name": ["comma"], "source": "linkedin"}),
    ("klaus_mueller", {"source": "impressum"}),
    ("inge_dierckx", {"email": "role:info", "email_fmt": "mailto", "source": "team"}),
    ("jakub_mazur", {"title": "+SUM(1)", "tags": ["formula_text"], "source": "team"}),
    (
        "jeroen_prins",
        {
            "email_fmt": "invalid",
            "email": "jeroen prins@noordzee-offshore.example.nl",
            "source": "team",
        },
    ),
    ("marta_zielinska", {"email": "work", "source": "linkedin"}),
    ("thierry_laurent", {"source": "agoria"}),
    ("sophie_martin_gm", {"source": "team"}),
    ("gerard_lemaire", {"source": "kbo", "name": ["suffix"]}),
    ("marieke_dekker", {"source": "catalogue", "email": "work"}),
]

ROW_TARGETS = {F_LINKEDIN: 67, F_EVENTS: 90, F_BADGE: 50, F_RESEARCH: 45}
LINKEDIN_DATE_ONLY = 3
FILLER_EXTRA_APPEARANCES = 30

COUNTRY_WEIGHTS = {
    F_LINKEDIN: {"BE": 30, "NL": 15, "FR": 12, "DE": 15, "SE": 8, "PL": 8, "GB": 12},
    F_EVENTS: {"BE": 58, "NL": 25, "FR": 8, "DE": 6, "SE": 1, "PL": 1, "GB": 1},
    F_BADGE: {"BE": 45, "NL": 25, "FR": 10, "DE": 12, "SE": 3, "PL": 3, "GB": 2},
    F_RESEARCH: {"BE": 40, "NL": 15, "FR": 12, "DE": 15, "SE": 6, "PL": 6, "GB": 6},
}

LAND_EVENTS = {
    "BE-nl": [("België", 7), ("BE", 2), ("Belgium", 1)],
    "BE-fr": [("Belgique", 8), ("BE", 2)],
    "NL": [("Nederland", 8), ("NL", 1), ("Netherlands", 1)],
    "FR": [("France", 8), ("Frankrijk", 2)],
    "DE": [("Deutschland", 7), ("Duitsland", 3)],
    "SE": [("Sverige", 1), ("Zweden", 1)],
    "PL": [("Polska", 1), ("Polen", 1)],
    "GB": [("United Kingdom", 1), ("Verenigd Koninkrijk", 1)],
}
COUNTRY_EN = {
    "BE": "Belgium",
    "NL": "Netherlands",
    "FR": "France",
    "DE": "Germany",
    "SE": "Sweden",
    "PL": "Poland",
    "GB": "United Kingdom",
}


def wchoice(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


class Model:
    """All companies and people, plus the rows of every file."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.companies: dict[str, Company] = {}
        self.people: list[Person] = []
        self.by_key: dict[str, Person] = {}
        self.used_names: set[tuple[str, str]] = set()
        self.used_surnames: set[tuple[str, str]] = set()
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.rows: dict[str, list[Row]] = {f: [] for f in ROW_TARGETS}
        self._make_companies()
        self._make_cast()

    # -- companies and people ------------------------------------------------

    def _make_companies(self) -> None:
        rng = self.rng
        for key, name, form, country, city, lang, pattern, area in COMPANY_TABLE:
            c = Company(key, name, form, country, city, lang, pattern, area)
            c.domain = "globex.example.com" if key == "globex" else f"{key}.example.{TLD[country]}"
            c.switchboard = self._unique_phone(lambda c=c: gen_fixed(rng, c.country, c.area))
            c.reg_no = _digits(rng, 10)
            self.companies[key] = c

    def _unique_phone(self, make: object) -> str:
        assert callable(make)
        while True:
            n = make()
            if n not in self.used_phones:
                self.used_phones.add(n)
                return str(n)

    def _work_email(self, first: str, last: str, c: Company) -> str:
        g = c.country == "DE"
        f, la = local_part(first, g), local_part(last, g)
        candidates = {
            "first.last": [f"{f}.{la}"],
            "f.last": [f"{f[0]}.{la}", f"{f}.{la}"],
            "first": [f, f"{f}.{la}"],
            "flast": [f"{f[0]}{la}", f"{f}.{la}"],
        }[c.pattern]
        candidates += [f"{f}.{la}{i}" for i in range(2, 9)]
        for local in candidates:
            addr = f"{local}@{c.domain}"
            if addr not in self.used_emails:
                self.used_emails.add(addr)
                return addr
        raise RuntimeError("no free address")

    def _add_person(
        self,
        key: str,
        first: str,
        last: str,
        gender: str,
        c: Company,
        title: str,
        extras: dict[str, object],
        mobile: bool = True,
    ) -> Person:
        p = Person(
            pid=f"P{len(self.people) + 1:03d}",
            key=key,
            first=first,
            last=last,
            gender=gender,
            company=c,
            title=title,
            mobile=self._unique_phone(lambda: gen_mobile(self.rng, c.country)) if mobile else None,
        )
        p.work_email = self._work_email(first, last, c)
        p.nick = extras.get("nick")  # type: ignore[assignment]
        p.suffix = str(extras.get("suffix", ""))
        priv = extras.get("private")
        if isinstance(priv, str):
            p.private_email = priv
            self.used_emails.add(priv)
        self.people.append(p)
        self.by_key[key] = p
        self.used_names.add((fold(first).lower(), fold(last).lower()))
        self.used_surnames.add((c.key, fold(last).lower()))
        return p

    def _make_cast(self) -> None:
        for key, first, last, gender, ckey, title, extras in CAST:
            self._add_person(key, first, last, gender, self.companies[ckey], title, extras)

    def _filler(self, country: str) -> Person:
        rng = self.rng
        comps = [c for c in self.companies.values() if c.country == country]
        c = rng.choice(comps)
        if country == "BE":
            lang = c.lang if rng.random() < 0.85 else ("fr" if c.lang == "nl" else "nl")
            pool = "nl-BE" if lang == "nl" else "fr"
        else:
            pool = {"NL": "nl-NL", "FR": "fr", "DE": "de", "SE": "sv", "PL": "pl", "GB": "en"}[
                country
            ]
            lang = {"nl-NL": "nl", "fr": "fr", "de": "de", "sv": "sv", "pl": "pl", "en": "en"}[pool]
        while True:
            gender = rng.choice("mf")
            first = rng.choice(NAMES[pool][gender])
            last = rng.choice(NAMES[pool]["s"])
            if pool == "pl" and gender == "f":
                for a, b in (("ski", "ska"), ("cki", "cka")):
                    if last.endswith(a):
                        last = last[: -len(a)] + b
            # no accidental namesakes, no accidental relatives at the same company
            if (fold(first).lower(), fold(last).lower()) not in self.used_names and (
                c.key,
                fold(last).lower(),
            ) not in self.used_surnames:
                break
        english = rng.random() < (1.0 if lang == "en" else 0.4)
        t = rng.choice(TITLES["en" if english else lang])
        title = t if isinstance(t, str) else t[0 if gender == "m" else 1]
        extras: dict[str, object] = {}
        if rng.random() < 0.12:
            extras["private"] = (
                f"{local_part(first, False)}.{local_part(last, False)}"
                f"{rng.randint(60, 99)}@webmail.example"
            )
        key = f"filler_{len(self.people) + 1:03d}"
        return self._add_person(
            key, first, last, gender, c, title, extras, mobile=rng.random() < 0.9
        )

    # -- file membership -----------------------------------------------------

    def assign_files(self) -> None:
        rng = self.rng
        cast_plans = {
            F_LINKEDIN: LINKEDIN_CAST,
            F_EVENTS: EVENTS_CAST,
            F_BADGE: BADGE_CAST,
            F_RESEARCH: RESEARCH_CAST,
        }
        self.plans: dict[str, list[tuple[Person, Spec]]] = {}
        for f, plan in cast_plans.items():
            self.plans[f] = [(self.by_key[k], spec) for k, spec in plan]
            for k, _ in plan:
                if f not in self.by_key[k].files:
                    self.by_key[k].files.append(f)
        slots: list[str] = []
        for f, target in ROW_TARGETS.items():
            slots += [f] * (target - len(self.plans[f]))
        rng.shuffle(slots)
        extra = slots[:FILLER_EXTRA_APPEARANCES]
        fillers: list[Person] = []
        for f in slots[FILLER_EXTRA_APPEARANCES:]:
            w = COUNTRY_WEIGHTS[f]
            country = rng.choices(list(w), weights=list(w.values()))[0]
            p = self._filler(country)
            p.files.append(f)
            fillers.append(p)
            self.plans[f].append((p, {}))
        for f in extra:
            w = COUNTRY_WEIGHTS[f]
            cands = [p for p in fillers if f not in p.files and len(p.files) < 3]
            p = rng.choices(cands, weights=[w[p.company.country] for p in cands])[0]
            p.files.append(f)
            self.plans[f].append((p, {}))

    # -- rendering helpers ---------------------------------------------------

    def name(self, p: Person, spec: Spec, tags: set[str]) -> tuple[str, str]:
        first, last = p.first, p.last
        ops = list(spec.get("name", []))  # type: ignore[call-overload]
        if "nick" in ops:
            assert p.nick
            first = p.nick
            tags.add("nickname")
        if "ascii" in ops:
            first, last = fold(first), fold(last)
            tags.add("accents")
        if "translit" in ops:
            first, last = de_translit(first), de_translit(last)
            tags.add("accents")
        if "typo" in spec:
            last = str(spec["typo"])
            tags.add("typo")
        if "suffix" in ops:
            last = f"{last} {p.suffix}"
        if "first" in spec:
            first = str(spec["first"])
        if "last" in spec:
            last = str(spec["last"])
        if "swap" in ops:
            first, last = last, first
            tags.add("swapped")
        return first, last

    def email(self, p: Person, spec: Spec, tags: set[str], default: str = "work") -> str:
        kind = str(spec.get("email", default))
        fmt = spec.get("email_fmt")
        if fmt == "invalid":
            tags.add("invalid_email")
            return kind
        if kind == "none":
            return ""
        if kind == "work":
            addr = p.work_email
        elif kind == "private":
            assert p.private_email
            addr = p.private_email
            tags.add("private_email")
        elif kind.startswith("group:"):
            addr = self.by_key[kind[6:]].work_email
        elif kind.startswith("role:"):
            addr = f"{kind[5:]}@{p.company.domain}"
            tags.add("shared_role_mailbox")
        elif kind == "mixed":
            addr = p.work_email.split("@")[0].title() + "@" + p.company.domain
        else:
            raise ValueError(kind)
        if fmt == "display":
            tags.add("display_name_email")
            return f"{p.first} {p.last} <{addr}>"
        if fmt == "mailto":
            tags.add("mailto")
            return "mailto:" + addr
        if fmt == "semicolon":
            tags.add("trailing_semicolon")
            return addr + ";"
        if fmt == "space":
            tags.add("whitespace")
            return " " + addr + " "
        return addr

    def phone(self, p: Person, style: str, tags: set[str], src: str = "mobile") -> str:
        if style == "none":
            return ""
        if style == "two":
            assert p.mobile
            tags.update(("two_numbers", "switchboard_phone"))
            return fmt_phone(p.company.switchboard, "nat") + " / " + fmt_phone(p.mobile, "nat")
        number = p.company.switchboard if src == "switch" or not p.mobile else p.mobile
        if number == p.company.switchboard:
            tags.add("switchboard_phone")
        if style in PHONE_STYLE_TAG:
            tags.add(PHONE_STYLE_TAG[style])
        return fmt_phone(number, style)

    def company(self, p: Person, spec: Spec, default: str) -> tuple[str, bool | None]:
        style = str(spec.get("company", default))
        if style in ("plain", "form", "caps", "dotted", "comma"):
            return p.company.display(style), style != "plain"
        return style, None  # literal (formula, placeholder, nbsp): not compared

    def title(self, p: Person, spec: Spec) -> str:
        return str(spec.get("title", p.title))

    # -- the four prospect files ---------------------------------------------

    def build_rows(self) -> None:
        self._linkedin()
        self._events()
        self._badge()
        self._research()
        self._cross_file_tags()

    def _slug(self, first: str, last: str, spec: Spec) -> str:
        rng = self.rng
        base = f"{first} {last}".lower()
        for junk in ("(he/him)", ", mba", "🌱", "ir. ", "’"):
            base = base.replace(junk, "")
        words = [w for w in base.replace(",", " ").split() if w not in ("sr.", "jr.")]
        slug = "-".join(words)
        pct = spec.get("url") == "pct" or (slug != fold(slug) and rng.random() < 0.3)
        slug = urllib.parse.quote(slug, safe="-") if pct else fold(slug)
        r = rng.random()
        if r < 0.7:
            slug += "-" + "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice((7, 8))))
        elif r < 0.85:
            slug += "-" + str(rng.randint(1, 999))
        return "https://www.linkedin.com/in/" + slug

    def _linkedin(self) -> None:
        rng = self.rng
        rows: list[Row] = []
        for p, spec in self.plans[F_LINKEDIN]:
            tags = set(spec.get("tags", []))  # type: ignore[call-overload]
            first, last = self.name(p, spec, tags)
            email = self.email(p, spec, tags, default="none")
            comp, has_form = self.company(p, spec, "form" if rng.random() < 0.1 else "plain")
            rows.append(
                Row(
                    F_LINKEDIN,
                    p.pid,
                    {
                        "First Name": first,
                        "Last Name": last,
                        "URL": self._slug(first, last, spec),
                        "Email Address": email,
                        "Company": comp,
                        "Position": self.title(p, spec),
                    },
                    tags,
                    has_form,
                )
            )
        for _ in range(LINKEDIN_DATE_ONLY):
            rows.append(Row(F_LINKEDIN, "", {}, {"date_only"}))
        rng.shuffle(rows)
        start, end = dt.date(2015, 9, 1), dt.date(2026, 4, 10)
        days = sorted((rng.randint(0, (end - start).days) for _ in rows), reverse=True)
        for row, d in zip(rows, days, strict=True):
            row.values["Connected On"] = (start + dt.timedelta(days=d)).strftime("%d %b %Y")
        self.rows[F_LINKEDIN] = rows

    def _land(self, p: Person) -> str:
        c = p.company.country
        key = f"BE-{p.company.lang}" if c == "BE" else c
        return wchoice(self.rng, LAND_EVENTS[key])

    def _events(self) -> None:
        rng = self.rng
        units: dict[str, list[Row]] = {}
        order: list[str] = []
        for i, (p, spec) in enumerate(self.plans[F_EVENTS]):
            tags = set(spec.get("tags", []))  # type: ignore[call-overload]
            first, last = self.name(p, spec, tags)
            email = self.email(p, spec, tags)
            comp, has_form = self.company(p, spec, "form" if rng.random() < 0.5 else "plain")
            gsm_style = str(spec.get("gsm", "nat" if rng.random() < 0.6 else "intl"))
            if not p.mobile or (not spec and rng.random() < 0.15):
                gsm_style = "none"
            gsm = self.phone(p, gsm_style, tags)
            tel_style = str(spec.get("tel", "nat" if rng.random() < 0.4 else "none"))
            tel = (
                self.phone(p, tel_style, tags, src="switch")
                if tel_style != "two"
                else self.phone(p, "two", tags)
            )
            consent = wchoice(rng, [("Ja", 45), ("Nee", 35), ("", 20)])
            row = Row(
                F_EVENTS,
                p.pid,
                {
                    "Voornaam": first,
                    "Achternaam": last,
                    "E-mail": email,
                    "Bedrijf": comp,
                    "Functie": self.title(p, spec),
                    "Gsm": gsm,
                    "Telefoon": tel,
                    "Land": self._land(p),
                    "consent": consent,
                },
                tags,
                has_form,
            )
            unit = str(spec.get("unit", f"u{i}"))
            if unit not in units:
                units[unit] = []
                order.append(unit)
            units[unit].append(row)
        for unit in order:
            # one order for a group: the buyer typed company, country, phone and answer once
            buyer = units[unit][0]
            for row in units[unit][1:]:
                for k in ("Bedrijf", "Telefoon", "Land", "consent"):
                    row.values[k] = buyer.values[k]
                row.has_form = buyer.has_form
        rng.shuffle(order)
        start = dt.date(2026, 1, 12)
        days = sorted(rng.randint(0, 63) for _ in order)
        rows: list[Row] = []
        for unit, d in zip(order, days, strict=True):
            for row in units[unit]:
                row.values["Inschrijvingsdatum"] = (start + dt.timedelta(days=d)).strftime(
                    "%d/%m/%Y"
                )
                rows.append(row)
        # the group buyer registers herself first, then her colleagues: one order, one date
        self.rows[F_EVENTS] = rows

    def _badge(self) -> None:
        rng = self.rng
        units: dict[str, list[Row]] = {}
        order: list[str] = []
        int_fillers = 0
        for i, (p, spec) in enumerate(self.plans[F_BADGE]):
            tags = set(spec.get("tags", []))  # type: ignore[call-overload]
            first, last = self.name(p, spec, tags)
            email = self.email(p, spec, tags)
            comp, has_form = self.company(p, spec, "form" if rng.random() < 0.6 else "plain")
            style = str(spec.get("phone", "intl"))
            if not spec:
                r = rng.random()
                style = "none" if r < 0.2 else ("int" if r < 0.3 and int_fillers < 4 else "intl")
                int_fillers += style == "int"
            phone: object
            src = str(spec.get("phone_src", "mobile"))
            if style == "int":
                number = p.mobile if p.mobile and src == "mobile" else p.company.switchboard
                if number == p.company.switchboard:
                    tags.add("switchboard_phone")
                phone = int(number[1:])
                tags.add("phone_int")
            else:
                phone = self.phone(p, style, tags, src=src)
            consent = "Yes" if rng.random() < 0.75 else "No"
            row = Row(
                F_BADGE,
                p.pid,
                {
                    "First Name": first,
                    "Last Name": last,
                    "Company": comp,
                    "Job Title": self.title(p, spec),
                    "Email Address": email,
                    "Phone": phone,
                    "Country": COUNTRY_EN[p.company.country],
                    "consent": consent,
                },
                tags,
                has_form,
            )
            unit = str(spec.get("unit", f"u{i}"))
            if unit not in units:
                units[unit] = []
                order.append(unit)
            units[unit].append(row)
        rng.shuffle(order)
        # scans over three fair days, 09:30-17:30
        stamps = sorted(
            dt.datetime(2026, 3, 17 + rng.randint(0, 2), 9, 30)
            + dt.timedelta(seconds=rng.randint(0, 8 * 3600))
            for _ in order
        )
        rows: list[Row] = []
        for unit, ts in zip(order, stamps, strict=True):
            for j, row in enumerate(units[unit]):
                row.values["Scan Date"] = ts.replace(microsecond=0) + dt.timedelta(seconds=41 * j)
                rows.append(row)
        self.rows[F_BADGE] = rows

    def _source(self, p: Person, kind: str) -> tuple[str, str]:
        c = p.company
        slug = c.key
        n = c.reg_no
        if kind == "kbo":
            return (
                "KBO (Crossroads Bank)",
                "https://kbopub.example.be/kbopub/toonondernemingps.html"
                f"?ondernemingsnummer=0{n[1:]}",
            )
        if kind == "team":
            path = {
                "BE": "/nl/over-ons/team",
                "NL": "/over-ons/team",
                "FR": "/fr/equipe",
                "DE": "/de/team",
                "SE": "/om-oss",
                "PL": "/o-nas/zespol",
                "GB": "/about/team",
            }[c.country]
            if c.country == "BE" and c.lang == "fr":
                path = "/fr/qui-sommes-nous/equipe"
            return "Company website – team page", f"https://www.{c.domain}{path}"
        if kind == "impressum":
            return "Company website – Impressum", f"https://www.{c.domain}/impressum"
        if kind == "agoria":
            return "Member list – Agoria", f"https://www.agoria.example.be/nl/leden/{slug}"
        if kind == "linkedin":
            s = fold(f"{p.first}-{p.last}").lower().replace(" ", "-").replace("'", "")
            return "LinkedIn", f"https://www.linkedin.example/in/{s}-{n[:6]}"
        if kind == "catalogue":
            return (
                "Trade fair catalogue",
                f"https://www.example-expo.example/2026/exposanten/{slug}",
            )
        if kind == "register":
            return {
                "NL": (
                    "KvK Handelsregister",
                    f"https://www.kvk.example.nl/zoeken/?kvknummer={n[:8]}",
                ),
                "DE": ("Handelsregister", f"https://www.handelsregister.example.de/HRB{n[:6]}"),
                "FR": (
                    "Registre (Infogreffe)",
                    f"https://www.infogreffe.example.fr/entreprise/{slug}/{n[:9]}",
                ),
                "SE": ("Bolagsverket", f"https://www.bolagsverket.example.se/foretag/556{n[:7]}"),
                "PL": ("KRS", f"https://ekrs.example.pl/krs/{n}"),
                "GB": (
                    "Companies House",
                    f"https://find-and-update.company-information.example.co.uk/company/{n[:8]}",
                ),
                "BE": (
                    "KBO (Crossroads Bank)",
                    "https://kbopub.example.be/kbopub/toonondernemingps.html"
                    f"?ondernemingsnummer=0{n[1:]}",
                ),
            }[c.country]
        raise ValueError(kind)

    @staticmethod
    def _register_function(p: Person) -> str:
        """How a company register names a director."""
        c = p.company
        f = p.gender == "f"
        if c.country == "BE":
            if c.lang == "nl":
                return "Bestuurder"
            return "Administratrice" if f else "Administrateur"
        return {
            "NL": "Bestuurder",
            "DE": "Geschäftsführerin" if f else "Geschäftsführer",
            "FR": "Présidente" if f else "Président",
            "SE": "Styrelseledamot",
            "PL": "Członek zarządu",
            "GB": "Director",
        }[c.country]

    def _research(self) -> None:
        rng = self.rng
        by_company: dict[str, list[Row]] = {}
        order: list[str] = []
        for p, spec in self.plans[F_RESEARCH]:
            tags = set(spec.get("tags", []))  # type: ignore[call-overload]
            ops = list(spec.get("name", []))  # type: ignore[call-overload]
            if not spec:
                r = rng.random()
                ops = ["caps_first"] if r < 0.15 else (["comma"] if r < 0.27 else [])
            first, last = self.name(p, {**spec, "name": ops}, tags)
            if "caps_first" in ops:
                name = f"{last.upper()} {first}"
                tags.add("caps_surname_first")
            elif "comma" in ops:
                name = f"{last}, {first}"
                tags.add("comma_name")
            else:
                name = f"{first} {last}"
            kind = str(spec.get("source", ""))
            if not kind:
                kinds = ["team", "linkedin", "catalogue", "register"]
                weights = [4, 3, 2, 2]
                if p.company.country == "BE":
                    kinds += ["kbo", "agoria"]
                    weights += [3, 2]
                if p.company.country == "DE":
                    kinds.append("impressum")
                    weights.append(3)
                kind = rng.choices(kinds, weights=weights)[0]
            if kind == "register" and p.company.country == "BE":
                kind = "kbo"
            source_type, url = self._source(p, kind)
            default_email = "none" if kind in ("kbo", "register") or rng.random() < 0.3 else "work"
            email = self.email(p, spec, tags, default=default_email)
            comp_default = (
                "caps"
                if kind == "kbo"
                else ("form" if kind == "register" or rng.random() < 0.75 else "plain")
            )
            comp, has_form = self.company(p, spec, comp_default)
            src = str(spec.get("phone_src", ""))
            if not src:
                r = rng.random()
                src = "switch" if r < 0.55 else ("mobile" if r < 0.7 else "none")
            style = "nat" if rng.random() < 0.6 else "intl"
            phone = "" if src == "none" else self.phone(p, style, tags, src=src)
            function = self.title(p, spec)
            if kind in ("kbo", "register") and "title" not in spec:
                function = self._register_function(p)
            country = wchoice(
                rng,
                [
                    (COUNTRY_EN[p.company.country], 6),
                    (p.company.country, 3),
                    (
                        {
                            "BE": "België",
                            "NL": "Nederland",
                            "DE": "Deutschland",
                            "FR": "France",
                            "SE": "Sverige",
                            "PL": "Polska",
                            "GB": "UK",
                        }[p.company.country],
                        1,
                    ),
                ],
            )
            row = Row(
                F_RESEARCH,
                p.pid,
                {
                    "Name": name,
                    "Company": comp,
                    "Function": function,
                    "Email": email,
                    "Phone": phone,
                    "City": p.company.city,
                    "Country": country,
                    "Source type": source_type,
                    "Source URL": url,
                },
                tags,
                has_form,
            )
            if p.company.key not in by_company:
                by_company[p.company.key] = []
                order.append(p.company.key)
            by_company[p.company.key].append(row)
        rng.shuffle(order)
        start = dt.date(2026, 2, 2)
        days = sorted(rng.randint(0, 70) for _ in order)
        rows: list[Row] = []
        for ckey, d in zip(order, days, strict=True):
            day = start + dt.timedelta(days=d)
            text = day.strftime("%d.%m.%Y") if rng.random() < 0.5 else day.isoformat()
            for row in by_company[ckey]:
                row.values["Date found"] = text
                rows.append(row)
        self.rows[F_RESEARCH] = rows

    def _cross_file_tags(self) -> None:
        all_rows = [r for f in ROW_TARGETS for r in self.rows[f] if r.pid]
        by_pid: dict[str, list[Row]] = defaultdict(list)
        for r in all_rows:
            by_pid[r.pid].append(r)
        people = {p.pid: p for p in self.people}
        # same name, other company
        names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for p in self.people:
            names[(fold(p.first).lower(), fold(p.last).lower())].add(p.company.key)
        for pid, rows in by_pid.items():
            p = people[pid]
            if len(names[(fold(p.first).lower(), fold(p.last).lower())]) > 1:
                for r in rows:
                    r.tags.add("lookalike_same_name_other_company")
            if p.suffix:
                for r in rows:
                    r.tags.add("father_son")
            forms = {r.has_form for r in rows if r.has_form is not None}
            if forms == {True, False}:
                for r in rows:
                    if r.has_form:
                        r.tags.add("legal_form")

    # -- suppression files -----------------------------------------------------

    def mark(self, key: str, f: str) -> Person:
        p = self.by_key[key]
        p.files.append(f)
        return p


# --------------------------------------------------------------------------- writers


def _csv_text(rows: list[list[str]], delimiter: str, newline: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return buf.getvalue()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]
EVENTS_HEADER = [
    "Voornaam",
    "Achternaam",
    "E-mail",
    "Bedrijf",
    "Functie",
    "Gsm",
    "Telefoon",
    "Land",
    "Inschrijvingsdatum",
    "Ik wil de nieuwsbrief van Example Group per e-mail ontvangen",
]
BADGE_HEADER = [
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "Email Address",
    "Phone",
    "Country",
    "Scan Date",
    "Consent to be contacted",
]
RESEARCH_HEADER = [
    "Name",
    "Company",
    "Function",
    "Email",
    "Phone",
    "City",
    "Country",
    "Source type",
    "Source URL",
    "Date found",
]


def write_linkedin(m: Model) -> None:
    lines = [LINKEDIN_HEADER]
    for r in m.rows[F_LINKEDIN]:
        lines.append([str(r.values.get(h, "")) for h in LINKEDIN_HEADER])
    text = LINKEDIN_PREAMBLE + _csv_text(lines, ",", "\n")
    _write(OUT / F_LINKEDIN, text.encode("utf-8"))


def write_events(m: Model) -> None:
    lines = [EVENTS_HEADER]
    for r in m.rows[F_EVENTS]:
        v = r.values
        lines.append([str(v[h]) for h in EVENTS_HEADER[:-1]] + [str(v["consent"])])
    text = _csv_text(lines, ";", "\r\n")
    _write(OUT / F_EVENTS, b"\xef\xbb\xbf" + text.encode("utf-8"))


def write_research(m: Model) -> None:
    lines = [RESEARCH_HEADER] + [
        [str(r.values[h]) for h in RESEARCH_HEADER] for r in m.rows[F_RESEARCH]
    ]
    _write(OUT / F_RESEARCH, _csv_text(lines, ",", "\n").encode("utf-8"))


def write_badge(m: Model) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Leads"
    ws["A1"] = "Booth 12 – lead scans – Example Expo 2026"
    ws["A1"].font = Font(bold=True, size=14)
    for col, h in enumerate(BADGE_HEADER, start=1):
        cell = ws.cell(row=2, column=col, value=h)
        cell.font = Font(bold=True)
    for i, r in enumerate(m.rows[F_BADGE], start=3):
        v = r.values
        values = [
            v["First Name"],
            v["Last Name"],
            v["Company"],
            v["Job Title"],
            v["Email Address"],
            v["Phone"],
            v["Country"],
            v["Scan Date"],
            v["consent"],
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=i, column=col, value=value if value != "" else None)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"
            if col == 8:
                cell.number_format = "dd/mm/yyyy hh:mm"
    for col, width in zip("ABCDEFGHI", (14, 18, 30, 30, 38, 18, 16, 17, 24), strict=True):
        ws.column_dimensions[col].width = width
    info = wb.create_sheet("Info")
    info["A1"] = "Example Expo 2026 – lead retrieval export"
    info["A2"] = "Exhibitor: Example Group NV – booth 12"
    info["A3"] = "Exported 19/03/2026 18:02 by the lead-retrieval app."
    info["A4"] = (
        "Leads are available for download until 30 days after the event; "
        "the organiser deletes them afterwards."
    )
    info["A5"] = (
        "'Consent to be contacted' is the visitor's answer on the scanner screen "
        "at the time of the scan."
    )
    info.column_dimensions["A"].width = 100
    wb.properties.creator = "Example Expo lead retrieval"
    wb.properties.lastModifiedBy = "Example Expo lead retrieval"
    wb.properties.created = FIXED_XLSX_TIME
    wb.properties.modified = FIXED_XLSX_TIME
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()  # unlike save_workbook, keeps our modified date
    # rewrite the zip with fixed entry timestamps so that the bytes are reproducible
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info_ in src.infolist():
            zi = zipfile.ZipInfo(info_.filename, date_time=(2026, 3, 19, 18, 2, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info_.filename))
    _write(OUT / F_BADGE, out.getvalue())


MC_MERGE = ["Email Address", "First Name", "Last Name"]
MC_COMMON = [
    "MEMBER_RATING",
    "OPTIN_TIME",
    "OPTIN_IP",
    "CONFIRM_TIME",
    "CONFIRM_IP",
    "LATITUDE",
    "LONGITUDE",
    "GMTOFF",
    "DSTOFF",
    "TIMEZONE",
    "CC",
    "REGION",
]
MC_TAIL = ["LEID", "EUID", "NOTES", "TAGS"]
MC_UNSUB = [
    "UNSUB_TIME",
    "UNSUB_CAMPAIGN_TITLE",
    "UNSUB_CAMPAIGN_ID",
    "UNSUB_REASON",
    "UNSUB_REASON_OTHER",
]
MC_CLEAN = ["CLEAN_TIME", "CLEAN_CAMPAIGN_TITLE", "CLEAN_CAMPAIGN_ID"]
GEO = {
    "BE": ("50.8503", "4.3517", "1", "2", "Europe/Brussels", "BE", "BRU"),
    "NL": ("52.3676", "4.9041", "1", "2", "Europe/Amsterdam", "NL", "NH"),
    "FR": ("48.8566", "2.3522", "1", "2", "Europe/Paris", "FR", "IDF"),
    "DE": ("48.1351", "11.5820", "1", "2", "Europe/Berlin", "DE", "BY"),
    "PL": ("52.2297", "21.0122", "1", "2", "Europe/Warsaw", "PL", "MZ"),
    "GB": ("51.5074", "-0.1278", "0", "1", "Europe/London", "GB", "ENG"),
    "SE": ("59.3293", "18.0686", "1", "2", "Europe/Stockholm", "SE", "AB"),
}


def _mc_line(values: list[str]) -> str:
    """Mailchimp quotes a value only when it contains a space, a comma or a quote."""
    out = []
    for v in values:
        if any(ch in v for ch in ' ,"\n'):
            v = '"' + v.replace('"', '""') + '"'
        out.append(v)
    return ",".join(out) + "\n"


def _mc_common(rng: random.Random, country: str | None) -> list[str]:
    optin = dt.datetime(2024, 1, 8, 8) + dt.timedelta(seconds=rng.randint(0, 500 * 86400))
    ip = f"{rng.choice(['192.0.2', '198.51.100', '203.0.113'])}.{rng.randint(2, 250)}"
    if country is None:  # imported contact: no opt-in data, no geo data
        return [
            str(rng.randint(1, 3)),
            "",
            "",
            optin.strftime("%Y-%m-%d %H:%M:%S"),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
    confirm = optin + dt.timedelta(seconds=rng.randint(30, 4000))
    lat, lon, gmt, dst, tz, cc, region = GEO[country]
    return [
        str(rng.randint(1, 5)),
        optin.strftime("%Y-%m-%d %H:%M:%S"),
        ip,
        confirm.strftime("%Y-%m-%d %H:%M:%S"),
        ip,
        lat,
        lon,
        gmt,
        dst,
        tz,
        cc,
        region,
    ]


def _mc_tail(rng: random.Random, tags: str) -> list[str]:
    leid = str(rng.randint(100_000_000, 999_999_999))
    euid = "".join(rng.choice("0123456789abcdef") for _ in range(10))
    return [leid, euid, "", tags]


def write_suppression(m: Model) -> None:
    rng = m.rng
    camp_id = "".join(rng.choice("0123456789abcdef") for _ in range(10))
    camp2_id = "".join(rng.choice("0123456789abcdef") for _ in range(10))
    camp_title = "Nieuwsbrief maart 2026"
    camp2_title = "Example Expo 2026 – uitnodiging"

    # 5. unsubscribed
    unsub: list[tuple[str | None, str, str, str, str | None, str, str, str, str, str]] = [
        # key, address as exported, first, last, geo, time, campaign, reason, other, tags
        (
            "jan_peeters_acme",
            "Jan.Peeters@Acme-Logistics.example.be",
            "Jan",
            "Peeters",
            "BE",
            "2026-03-02 10:14:55",
            "c1",
            "I no longer want to receive these emails",
            "",
            '"Example Expo 2026","Prospect"',
        ),
        (
            "helene_lefevre",
            "HELENE.LEFEVRE@lumiere-industrie.example.fr",
            "Hélène",
            "Lefèvre",
            "FR",
            "2026-03-24 16:40:02",
            "c2",
            "I never signed up for this mailing list",
            "",
            '"Example Expo 2026"',
        ),
        (
            "anouk_visser",
            "Anouk.Visser83@webmail.example",
            "Anouk",
            "Visser",
            "NL",
            "2026-03-25 08:03:31",
            "c2",
            "Other (fill in reason below)",
            "Ik ontvang dit op mijn privé-adres",
            '"Example Expo 2026"',
        ),
        (
            "sophie_dubois",
            "S.Dubois@Ateliers-Lemaire.example.be",
            "Sophie",
            "Dubois",
            "BE",
            "2026-03-02 11:52:10",
            "c1",
            "The emails are spam and should be reported",
            "",
            '"Prospect"',
        ),
        (
            "bart_janssens",
            "Bart.Janssens@acme-logistics.example.be",
            "Bart",
            "Janssens",
            None,
            "2026-01-14 09:30:00",
            "",
            "N/A (Unsubscribed by an admin)",
            "",
            '"Customer"',
        ),
        (
            "michal_kaminski",
            "",
            "Michał",
            "Kamiński",
            "PL",
            "2025-11-18 13:21:44",
            "c0",
            "I no longer want to receive these emails",
            "",
            "",
        ),
        (
            "claire_evans",
            "",
            "Claire",
            "Evans",
            "GB",
            "2025-12-03 07:58:19",
            "c0",
            "The emails are inappropriate",
            "",
            '"Prospect"',
        ),
        (
            "stefan_hartmann",
            "",
            "Stefan",
            "Hartmann",
            None,
            "2025-10-07 15:05:12",
            "",
            "N/A (Unsubscribed by admin)",
            "",
            "",
        ),
    ]
    camps = {
        "c0": ("Newsletter Q4 2025", "".join(rng.choice("0123456789abcdef") for _ in range(10))),
        "c1": (camp_title, camp_id),
        "c2": (camp2_title, camp2_id),
        "": ("", ""),
    }
    text = _mc_line(MC_MERGE + MC_COMMON + MC_UNSUB + MC_TAIL)
    for key, addr, first, last, geo, when, camp, reason, other, tags in unsub:
        assert key is not None
        p = m.mark(key, F_UNSUB)
        addr = addr or (p.private_email or p.work_email)
        title, cid = camps[camp]
        text += _mc_line(
            [addr, first, last]
            + _mc_common(rng, geo)
            + [when, title, cid, reason, other]
            + _mc_tail(rng, tags)
        )
    _write(OUT / F_UNSUB, text.encode("utf-8"))

    # 6. cleaned (bounced)
    cleaned = [
        (
            "thomas_becker",
            "t.becker@spree-software.example.de",
            "Thomas",
            "Becker",
            "DE",
            "2026-03-25 08:01:12",
            "c2",
        ),
        ("emily_walker", "", "Emily", "Walker", "GB", "2025-11-18 13:02:40", "c0"),
        ("sven_eriksson", "", "Sven", "Eriksson", None, "2026-03-02 10:01:05", "c1"),
        (None, "info@seine-chimie.example.fr", "", "", None, "2026-03-02 10:00:58", "c1"),
    ]
    text = _mc_line(MC_MERGE + MC_COMMON + MC_CLEAN + MC_TAIL)
    for key, addr, first, last, geo, when, camp in cleaned:
        if key is not None:
            p = m.mark(key, F_CLEANED)
            addr = addr or p.work_email
        title, cid = camps[camp]
        text += _mc_line(
            [addr, first, last] + _mc_common(rng, geo) + [when, title, cid] + _mc_tail(rng, "")
        )
    _write(OUT / F_CLEANED, text.encode("utf-8"))

    # 7. hand-kept opt-out list (Windows Notepad: CRLF)
    for key in (
        "koen_vermeulen",
        "fien_verh",
        "lukasz_dabrowski",
        "jef_claes",
        "thierry_laurent",
        "valerie_noel",
        "dieter_wolf",
    ):
        m.mark(key, F_OPTOUT)
    koen = m.by_key["koen_vermeulen"].work_email
    lines = [
        "  " + koen.split("@")[0].title() + "@Scheldeland-Techniek.example.be  ",
        "Fien Verhoeven <" + m.by_key["fien_verh"].work_email + ">",
        "mailto:" + m.by_key["lukasz_dabrowski"].work_email,
        "",
        str(m.by_key["jef_claes"].private_email) + ";",
        m.by_key["valerie_noel"].work_email.upper(),
        "",
        "dieter.wolf@webmail.example",
        koen,
        "Thierry Laurent <" + m.by_key["thierry_laurent"].work_email.upper() + ">;",
        "",
    ]
    _write(OUT / F_OPTOUT, "\r\n".join(lines).encode("utf-8"))

    # 8. Belgian do-not-call list: number without + ; registration date
    dncm = []
    for key, date in (("jan_peeters_acme", "2025-11-03"), ("jef_claes", "2024-06-17")):
        p = m.mark(key, F_DNCM)
        assert p.mobile and p.mobile.startswith("+32")
        dncm.append((p.mobile[1:], date))
    for date in ("2023-02-09", "2025-08-21"):
        dncm.append((m._unique_phone(lambda: gen_mobile(rng, "BE"))[1:], date))
    dncm.append((m._unique_phone(lambda: gen_fixed(rng, "BE", "3"))[1:], "2022-12-01"))
    rng.shuffle(dncm)
    _write(OUT / F_DNCM, "".join(f"{n};{d}\n" for n, d in dncm).encode("ascii"))


# --------------------------------------------------------------------------- truth


def write_truth(m: Model) -> Counter[str]:
    counts: Counter[str] = Counter()
    lines = [["file", "row_number", "person_id", "trap"]]
    for f in ROW_TARGETS:
        for i, r in enumerate(m.rows[f], start=1):
            tags = sorted(r.tags)
            counts.update(tags)
            lines.append([f, str(i), r.pid, "|".join(tags)])
    TRUTH.parent.mkdir(parents=True, exist_ok=True)
    TRUTH.write_bytes(_csv_text(lines, ",", "\n").encode("utf-8"))
    return counts


# --------------------------------------------------------------------------- documents

LIA = """\
# Legitimate interest assessment – B2B prospecting

**Controller:** Example Group NV, Industriepark 1, 9140 Temse, Belgium (fictitious)
**Processing:** prospecting of professionals in their professional role for our industrial
equipment, using trade-fair registrations, badge scans, LinkedIn connections of our staff and
public company sources. **Legal basis:** GDPR Art. 6(1)(f). **Owner:** Marketing, with the DPO.
**Version:** 2026-03, reviewed every 12 months or when a source or channel changes.

## 1. Purpose test
- Interest: to offer our products to companies that are likely to need them and to build
  relationships with the people who buy them. Recital 47 accepts direct marketing as a
  possible legitimate interest.
- The interest is lawful, specific and real: we sell only B2B, through named sales staff.
- Benefit to the data subject: information relevant to their job; no consumer offers.

## 2. Necessity test
- We need name, company, job title and a professional contact point to reach the right
  person; we do not collect private addresses, birth dates or other personal details.
- Private (webmail) addresses and numbers that turn up in a source are not used for
  prospecting; they are kept only where needed to honour an objection.
- Less intrusive means (contacting only generic company mailboxes) do not reach the buyer.

## 3. Balancing test
- Data: professional contact data only, no special categories, no profiling beyond company
  size and sector.
- Reasonable expectations: people who register for a trade fair, let their badge be scanned
  or are listed as a company's buyer or director can expect relevant B2B contact.
- Impact: low; one message, easy to stop. Objection is absolute (Art. 21(2)-(3)).
- Channel rules apply on top of this test: e-mail follows the Belgian rules on electronic
  advertising (art. XII.13 Code of Economic Law, Royal Decree of 4 April 2003) and their
  national equivalents; calls are checked against the Do Not Call Me list first.

## 4. Safeguards
- An opt-out (unsubscribe link or "reply STOP") in every message, honoured within 2 days.
- An Art. 14 notice at the first contact and at the latest within one month of obtaining
  the data, naming the source of the data.
- Retention: 24 months after the last meaningful interaction, then deletion.
- A global suppression list (unsubscribes, bounces, objections, DNCM) checked before every
  export; a suppressed person is never re-imported from another list.
- Exports to campaign vendors only through the gated export, under a processing agreement.

## 5. Conclusion
Prospecting professionals in their professional role is lawful under Art. 6(1)(f) with the
safeguards above. Signed: DPO, Example Group NV (fictitious), March 2026.
"""


def readme(m: Model) -> str:
    n = {f: len(m.rows[f]) for f in ROW_TARGETS}
    return f"""\
# sample_data – synthetic prospect lists for leadguard

Everything here is **synthetic**: the people, companies, e-mail addresses (all on
`*.example.*` domains or `webmail.example`), phone numbers and registry numbers are made up.
Phone numbers are in ranges that libphonenumber accepts, so they may exist; never call them.
Regenerate with `python scripts/make_sample_data.py` from the repository root (deterministic,
byte-for-byte identical on every run; do not edit these files by hand).

About 180 people at about 48 companies in BE, NL, FR, DE, SE, PL and GB appear in one to
four of the files below, often written differently from one file to the next.

## Files

- `linkedin/Connections.csv` ({n[F_LINKEDIN]} records): LinkedIn "Get a copy of your data"
  export. A 3-line `Notes:` preamble, the header on line 4, UTF-8 without BOM, LF,
  `Connected On` like `09 Oct 2024`, newest first; the e-mail is mostly empty.
- `events/trade_fair_2026_registrations.csv` ({n[F_EVENTS]} records): a trade-fair
  registration export saved by European Excel: `;`, UTF-8 with BOM, CRLF, Dutch headers,
  dates `dd/mm/yyyy`, newsletter consent `Ja`/`Nee`/empty.
- `events/badge_scans_2026.xlsx` ({n[F_BADGE]} records): lead-retrieval badge scans. Sheet
  `Leads` has a title row above the header, sheet `Info` a note; phones are partly number
  cells, scan dates are date cells, consent is `Yes`/`No`.
- `research/prospect_research.csv` ({n[F_RESEARCH]} records): a sales assistant's research
  sheet with the source type and URL of every line, dates `dd.mm.yyyy` or ISO.
- `suppression/mailchimp_unsubscribed.csv` (8 records): Mailchimp audience export of the
  unsubscribed members (`UNSUB_*` columns).
- `suppression/mailchimp_cleaned.csv` (4 records): Mailchimp audience export of the cleaned
  (bounced) members (`CLEAN_*` columns).
- `suppression/optout_list.txt` (8 entries): a hand-kept opt-out list, CRLF, one address a
  line.
- `suppression/dncm_be.txt` (5 lines): a Belgian "Do Not Call Me"-style list,
  `32470123456;2025-11-03` (number without +, registration date). The real DNCM file
  layout was not confirmed; this is a simplified stand-in.
- `lia/prospecting_lia.md`: the legitimate-interest assessment of the fictitious Example
  Group NV, Temse.

## Traps

Same person written differently (should be merged):

- nicknames: Bob/Robert, Hans/Johannes, Kasia/Katarzyna, Jef/Jozef, Pim/Willem, Lasse/Lars,
  Bill/William, Fien/Josephine, Sepp/Josef;
- dropped or transliterated accents (Hélène → Helene, Łukasz → Lukasz, Schröder → Schroeder);
- a typo in the surname; first and last name swapped; `PEETERS Jan` and `Dubois, Sophie`;
- a private `webmail.example` address in one list, the work address in another;
- the same phone written as `+32 470 …`, `0470/12.34.56`, `0032 470 …`, `GSM: 0470 …`,
  `+32(0)470/…`, digits without `+` or as an Excel number cell;
- the company with and without its legal form (`Acme Logistics`, `Acme Logistics NV`,
  `ACME LOGISTICS NV`);
- one person registered twice for the fair.

Look-alikes (must not be merged):

- the same name at two different companies;
- fathers and sons at the same company (same surname, domain and switchboard; Sr./Jr.);
- group registrations: three attendees under the buyer's own e-mail address;
- shared role mailboxes (`info@`, `aankoop@`, `inkoop@`) used by several people;
- company switchboard numbers shared by all staff.

Messy values:

- leading/trailing spaces and non-breaking spaces; `mailto:`, `Name <addr>`, a trailing `;`;
- invalid e-mail addresses; a phone as `3,24701E+10`; two numbers in one cell;
  `="0470123456"`;
- formula-looking text in company and job-title cells (`=HYPERLINK(…)`, `+SUM(1)`, `@cmd`,
  `-2+3`, `@ Company | …`): never write these back unescaped to a spreadsheet;
- names with emoji, pronouns, a credential (`, MBA`), a title (`ir.`), a typographic
  apostrophe; a line break inside a quoted cell; a placeholder company (` -`);
- LinkedIn rows holding only a date (`,,,,,,02 Jun 2022`);
- suppression entries in other case than the lists, with spaces, `Name <addr>`, `mailto:`,
  a trailing `;`, blank lines and a duplicate.

The answers (which record is which person, and which trap it holds) are kept outside this
folder, for the tests only.
"""


# --------------------------------------------------------------------------- main


# Minimum number of truth rows per trap: the brief asks for "several" of each variation
# and for every look-alike at least twice.
MIN_TRAPS = {
    "nickname": 3,
    "accents": 3,
    "typo": 3,
    "private_email": 3,
    "swapped": 3,
    "caps_surname_first": 3,
    "phone_format": 3,
    "legal_form": 3,
    "lookalike_same_name_other_company": 4,
    "father_son": 4,
    "group_buyer": 6,
    "shared_role_mailbox": 4,
    "formula_text": 4,
    "invalid_email": 2,
    "date_only": 2,
}


def check(m: Model, counts: Counter[str]) -> None:
    """Internal consistency: file counts per person, row counts, trap coverage."""
    for p in m.people:
        assert 1 <= len(set(p.files)) <= 4, (p.key, p.files)
    for f, target in ROW_TARGETS.items():
        extra = LINKEDIN_DATE_ONLY if f == F_LINKEDIN else 0
        assert len(m.rows[f]) == target + extra, (f, len(m.rows[f]))
    for tag, n in MIN_TRAPS.items():
        assert counts[tag] >= n, (tag, counts[tag])
    # a variation only tests merging if the person has another record
    rows_of: Counter[str] = Counter(r.pid for f in ROW_TARGETS for r in m.rows[f])
    for f in ROW_TARGETS:
        for r in m.rows[f]:
            if r.tags & {"nickname", "accents", "typo", "swapped", "private_email"}:
                assert rows_of[r.pid] > 1, (f, r.pid, r.tags)


def main() -> None:
    global OUT, TRUTH
    parser = argparse.ArgumentParser(description="Generate leadguard's synthetic sample data.")
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the files")
    parser.add_argument("--truth", type=Path, default=TRUTH, help="where the truth CSV goes")
    args = parser.parse_args()
    OUT, TRUTH = args.out, args.truth
    m = Model()
    m.assign_files()
    m.build_rows()
    write_linkedin(m)
    write_events(m)
    write_badge(m)
    write_research(m)
    write_suppression(m)
    counts = write_truth(m)
    check(m, counts)
    _write(OUT / "lia" / "prospecting_lia.md", LIA.encode("utf-8"))
    _write(OUT / "README.md", readme(m).encode("utf-8"))
    print(f"{len(m.people)} people, {len(m.companies)} companies")
    for f in ROW_TARGETS:
        print(f"  {f}: {len(m.rows[f])} records")
    for tag, n in sorted(counts.items()):
        print(f"  trap {tag}: {n}")


if __name__ == "__main__":
    main()
