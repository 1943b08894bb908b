"""A labelled B2B test set: four list shapes, a Mailchimp unsubscribed export and the truth.

Made-up people at made-up organisations in eleven EU countries (NL, BE, FR, DE, IT, ES, PL, SE,
NO, FI, DK), written the way real exports write them:

* ``Connections.csv``: LinkedIn's export (three-line preamble, header on line 4, ``dd Mon yyyy``,
  newest first, about 2% of e-mails filled and those mostly private, a few date-only rows);
  companies as members write them: the group or brand ("Vandamme Group", "VDM", "Nordlys");
* ``event_registrations.csv``: an event platform's attendee export, ``;``-separated, UTF-8 BOM,
  CRLF, European ``dd/mm/yyyy HH:MM`` dates, an order number shared by the tickets of one order;
  companies as the registration form's legal entity ("Vandamme Hydraulics NV");
* ``badge_scans.xlsx``: an exhibitor's lead-retrieval export (first/last/company/job title/
  e-mail/phone/mobile/country, a scanned-at timestamp);
* ``research_sheet.csv``: an analyst's sheet: the name in one cell, the company as the registry
  writes it, the role, a public e-mail (often ``info@``) or the switchboard, the source URL;
* ``mailchimp_unsubscribed_members_export.csv``: a newsletter tool's unsubscribed export whose
  rows are people of the set, half of them under an address the lists do not hold (an old or
  private one) with their first and last name and company filled.

Every person has one class (``people.csv``): ``plain``; ``linkedin_row`` (1: a LinkedIn row
and a registration whose company is written another way); ``org_variant`` (2: the same person
under two spellings of the organisation, or only its e-mail domain); ``salutation`` (3: a
salutation or title inside the first-name cell, with or without a nickname); ``nickname_role``,
``within_file``, ``private_email`` (4); ``corrupted`` (5: both names misspelt, a digit off, the
e-mail mangled); and the look-alikes that must stay apart (``lookalike_*``: the same name at
two companies, a group buyer's colleagues under her address, two people of one name at one
company, father and son, colleagues sharing a switchboard and a role mailbox), each set of
look-alikes sharing a ``group``. ``truth.csv`` maps every (file, row) to its person, with the
row numbers the ledger gives: data rows counted from 1 below the header (LinkedIn's date-only
rows have no person; the unsubscribed export's rows are in it too).

No two people share a name (nor a nickname or a near spelling of it: ``Hofmann``/``Hoffmann``)
unless their class wants it, and every person's rows can be told from the look-alike's by what a
careful reader would use (an address, a mobile, ``Jr.``/``Sr.``): an accidental namesake would be
an unlabelled look-alike. Private addresses are at the real free-mail providers of each country
(``gmail.com``, ``telenet.be``, ``gmx.de``): an engine must know them as providers, not
employers, as it must on real lists. Their local parts are made up; company domains end in
``.example``.

Run: ``python bench/b2b_data.py OUT_DIR [--people 3000] [--seed 16] [--unsubscribed 0.03]``.
The same arguments give the same bytes (the workbook's timestamps are fixed). The small set
committed under ``tests/data/dedupe/b2b/`` is ``--people 150 --seed 16 --unsubscribed 0.06``.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import phonenumbers

__all__ = ["FILES", "LOOKALIKE_CLASSES", "generate"]

FILES = {
    "linkedin": "Connections.csv",
    "event": "event_registrations.csv",
    "badge": "badge_scans.xlsx",
    "research": "research_sheet.csv",
    "unsubscribed": "mailchimp_unsubscribed_members_export.csv",
}
"""List shape → file name."""

COUNTRY_OF_FILE = {"linkedin": None, "event": "BE", "badge": "NL", "research": "DE"}
"""The default country each list is imported with (the event is in Brussels, the fair in
Utrecht, the research team in Cologne); LinkedIn rows carry no numbers."""

LOOKALIKE_CLASSES = (
    "lookalike_other_company",
    "lookalike_group_buyer",
    "lookalike_same_company",
    "lookalike_father_son",
    "lookalike_switchboard",
)
"""Classes whose people must never be merged with the other people of their group."""

# Class → share of the people (look-alikes are made in groups of two or three).
_CLASS_SHARES = (
    ("plain", 0.445),
    ("linkedin_row", 0.17),
    ("org_variant", 0.08),
    ("salutation", 0.06),
    ("nickname_role", 0.03),
    ("within_file", 0.03),
    ("private_email", 0.03),
    ("corrupted", 0.05),
    ("lookalike_other_company", 0.04),
    ("lookalike_group_buyer", 0.02),
    ("lookalike_same_company", 0.015),
    ("lookalike_father_son", 0.01),
    ("lookalike_switchboard", 0.02),
)

_FIXED_STAMP = (2026, 2, 20, 9, 0, 0)
"""Every member of the workbook's zip carries this time, so the bytes do not depend on today."""

# -- names ------------------------------------------------------------------------------------

_FIRST = {
    "NL": (
        "Jan Pieter Sander Daan Thijs Bram Joost Ruben Maarten Wouter Jeroen Bas Koen Niels Sjoerd",
        "Anna Sanne Lotte Femke Eline Marloes Inge Fleur Anouk Noor Esther Mieke Roos Joke Lieke",
    ),
    "BE": (
        "Pieter Jan Koen Wim Geert Stijn Bart Dirk Jens Tom Luc Marc Filip Wouter Jef",
        "Sofie Lien Els An Katrien Griet Hilde Veerle Annelies Liesbeth Elke Nele Inge Sarah Leen",
    ),
    "FR": (
        "Jean Pierre Paul Luc Olivier Mathieu Nicolas François Sébastien Jérôme Benoît Thierry "
        "Julien Rémi Étienne",
        "Marie Claire Sophie Camille Élodie Aurélie Céline Hélène Amélie Mathilde Isabelle "
        "Nathalie Chloé Léa Margaux",
    ),
    "DE": (
        "Hans Jürgen Stefan Andreas Matthias Jörg Thomas Michael Klaus Uwe Sebastian Tobias "
        "Florian Markus Günter",
        "Anna Katrin Sabine Jutta Ulrike Petra Birgit Claudia Miriam Jana Sandra Lena Kerstin "
        "Dörte Bärbel",
    ),
    "IT": (
        "Alessandro Giuseppe Francesco Marco Luca Matteo Giovanni Roberto Andrea Stefano Davide "
        "Nicola Paolo Antonio Lorenzo",
        "Giulia Francesca Chiara Valentina Federica Alessandra Silvia Elena Sara Martina Paola "
        "Laura Beatrice Simona Ilaria",
    ),
    "ES": (
        "José Javier Alejandro Carlos Manuel Francisco Antonio Jorge Pablo Álvaro Sergio Rubén "
        "Iñigo Raúl Andrés",
        "María Lucía Carmen Elena Laura Marta Cristina Pilar Ana Isabel Beatriz Nuria Raquel "
        "Inés Sonia",
    ),
    "PL": (
        "Piotr Krzysztof Tomasz Paweł Michał Marcin Łukasz Grzegorz Andrzej Wojciech Jakub "
        "Mateusz Rafał Sławomir Jarosław",
        "Anna Katarzyna Małgorzata Agnieszka Magdalena Joanna Ewa Monika Aleksandra Dorota "
        "Barbara Beata Marta Żaneta Grażyna",
    ),
    "SE": (
        "Erik Lars Anders Johan Per Magnus Mikael Henrik Fredrik Björn Göran Mats Stefan Jonas "
        "Oskar",
        "Anna Eva Karin Maria Sara Lena Ingrid Kristina Åsa Emma Malin Elin Ulla Birgitta Sofia",
    ),
    "NO": (
        "Ole Lars Knut Jon Per Arne Bjørn Svein Øyvind Terje Geir Håkon Rune Eirik Trond",
        "Ingrid Kari Anne Marit Hilde Solveig Tone Ragnhild Silje Åse Liv Sigrid Randi Tove Nina",
    ),
    "FI": (
        "Juha Mikko Timo Jari Antti Pekka Jukka Markku Ville Sami Heikki Janne Tuomas Kari Olli",
        "Tiina Päivi Anne Sari Johanna Minna Satu Riikka Hanna Kaisa Leena Outi Merja Sanna Elina",
    ),
    "DK": (
        "Søren Anders Jens Lars Henrik Morten Rasmus Mads Jesper Niels Kasper Thomas Bo Mikkel "
        "Christian",
        "Mette Hanne Lene Susanne Pia Camilla Line Maja Sanne Louise Trine Birgitte Charlotte "
        "Helle Dorthe",
    ),
}

_LAST = {
    "NL": "de Vries|van den Berg|Jansen|Bakker|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|"
    "Vos|Peters|Hendriks|van Dijk|Dekker|Brouwer|de Wit|Dijkstra|van der Meer|Kok|Postma|"
    "Kuipers|Veenstra|Hoekstra|van Leeuwen|Koster|Prins|Huisman|Sanders|Timmermans|Verbeek|"
    "Schouten|van Beek|Willemsen|Jonker|de Haan|Boersma|Molenaar|van Wijk",
    "BE": "Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|De Smet|Dubois|"
    "Lambert|Dupont|Vandamme|Verhoeven|Declercq|Vermeulen|Hermans|Van den Broeck|Aerts|"
    "Stevens|Pauwels|Michiels|De Backer|Van de Velde|Lemmens|Verstraete|Bogaert|Segers|Smets|"
    "Renard|Simons|Cools|Van Acker|Coppens|Thys|Devos|Vandenberghe",
    "FR": "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|"
    "Lefèvre|Michel|Garcia|Fournier|Girard|Bonnet|Mercier|Lemaître|Faure|Rousseau|Blanc|"
    "Fontaine|Vincent|Chevalier|Gauthier|Perrin|Morel|Clément|Dupuis|Brunet|Roux|Boyer|"
    "Gaillard|Barbier|Arnaud",
    "DE": "Müller|Schmidt|Schneider|Fischer|Weber|Meyer|Wagner|Becker|Schulz|Schäfer|Koch|"
    "Bauer|Richter|Klein|Wolf|Schröder|Neumann|Schwarz|Zimmermann|Braun|Krüger|Hofmann|"
    "Hartmann|Lange|Werner|Krause|Lehmann|Köhler|Herrmann|König|Walter|Huber|Kaiser|Fuchs|"
    "Scholz|Weiß|Jung|Hahn|Vogel|Friedrich|Keller|Günther|Berger|Winkler|Roth|Lorenz|Baumann|"
    "Albrecht",
    "IT": "Rossi|Russo|Ferrari|Esposito|Bianchi|Romano|Colombo|Ricci|Marino|Greco|Bruno|Gallo|"
    "Conti|De Luca|Mancini|Costa|Giordano|Rizzo|Lombardi|Moretti|Barbieri|Fontana|Santoro|"
    "Caruso|Fabbri|Galli|Martini|Leone|Longo|Gentile|Vitale|Serra|Coppola|De Santis|"
    "D’Angelo|Marchetti|Parisi|Villa",
    "ES": "García|Fernández|González|Rodríguez|López|Martínez|Sánchez|Pérez|Gómez|Martín|"
    "Jiménez|Ruiz|Hernández|Díaz|Moreno|Muñoz|Álvarez|Romero|Navarro|Torres|Domínguez|Gil|"
    "Vázquez|Ramos|Blanco|Molina|Morales|Suárez|Ortega|Delgado|Castro|Ortiz|Rubio|Sanz|Núñez|"
    "Iglesias|Medina|Garrido|Cortés|Castillo|Santos|Lozano",
    "PL": "Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|"
    "Szymański|Woźniak|Dąbrowski|Kozłowski|Jankowski|Mazur|Kwiatkowski|Krawczyk|Piotrowski|"
    "Grabowski|Pawłowski|Michalski|Zając|Król|Wieczorek|Jabłoński|Wróbel|Majewski|Olszewski|"
    "Stępień|Malinowski|Jaworski|Adamczyk|Dudek|Nowicki|Pawlak|Górski|Witkowski|Walczak|"
    "Sikora|Baran|Rutkowski|Szewczyk",
    "SE": "Andersson|Johansson|Karlsson|Nilsson|Eriksson|Larsson|Olsson|Persson|Svensson|"
    "Gustafsson|Pettersson|Jonsson|Hansson|Bengtsson|Lindberg|Jakobsson|Magnusson|Lindström|"
    "Lindqvist|Axelsson|Berglund|Lindgren|Fredriksson|Henriksson|Sandberg|Forsberg|Sjöberg|"
    "Wallin|Engström|Eklund|Danielsson|Holm|Bergström|Håkansson|Sundberg|Nyström|Lundin|Björk",
    "NO": "Hansen|Johansen|Olsen|Larsen|Andersen|Pedersen|Nilsen|Kristiansen|Jensen|Karlsen|"
    "Johnsen|Pettersen|Eriksen|Berg|Haugen|Hagen|Johannessen|Andreassen|Jacobsen|Dahl|"
    "Jørgensen|Halvorsen|Sætre|Moen|Iversen|Strand|Lie|Solberg|Bakken|Kristoffersen|Mathisen|"
    "Lund|Amundsen|Ruud|Berge|Nygård|Fredriksen|Aas",
    "FI": "Korhonen|Virtanen|Mäkinen|Nieminen|Mäkelä|Hämäläinen|Laine|Heikkinen|Koskinen|"
    "Järvinen|Lehtonen|Saarinen|Salminen|Heinonen|Niemi|Heikkilä|Kinnunen|Salonen|Turunen|"
    "Salo|Laitinen|Tuominen|Lahtinen|Hiltunen|Hirvonen|Miettinen|Aaltonen|Pitkänen|Manninen|"
    "Anttila|Väisänen|Lindholm|Rantanen|Karjalainen|Jokinen|Ahonen|Savolainen|Mattila|Peltonen",
    "DK": "Nielsen|Jensen|Hansen|Pedersen|Andersen|Christensen|Larsen|Sørensen|Rasmussen|"
    "Jørgensen|Madsen|Kristensen|Olsen|Thomsen|Poulsen|Johansen|Møller|Mortensen|Knudsen|"
    "Jakobsen|Frederiksen|Kjær|Laursen|Bach|Dam|Nissen|Henriksen|Vestergaard|Clausen|"
    "Østergaard|Jepsen|Bertelsen|Kjeldsen|Iversen",
}

# Formal given name → what colleagues and LinkedIn profiles write.
_NICKNAMES = {
    "Alessandro": "Sandro",
    "Giuseppe": "Beppe",
    "Francesco": "Cesco",
    "Giovanni": "Gianni",
    "Antonio": "Toni",
    "Alessandra": "Sandra",
    "Valentina": "Vale",
    "José": "Pepe",
    "Francisco": "Paco",
    "Manuel": "Manolo",
    "Alejandro": "Álex",
    "Javier": "Javi",
    "Cristina": "Cris",
    "Pilar": "Pili",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Aleksandra": "Ola",
    "Krzysztof": "Krzysiek",
    "Wojciech": "Wojtek",
    "Grzegorz": "Grzesiek",
    "Agnieszka": "Aga",
    "Magdalena": "Magda",
    "Jakub": "Kuba",
    "Pieter": "Piet",
    "Johannes": "Hans",
    "Wouter": "Wout",
    "Maarten": "Mart",
    "Katrien": "Trien",
    "Liesbeth": "Lies",
    "Jozef": "Jef",
    "Nicolas": "Nico",
    "Mathieu": "Mat",
    "Sébastien": "Seb",
    "Élodie": "Élo",
    "Mathilde": "Mathi",
    "Andreas": "Andi",
    "Matthias": "Matze",
    "Michael": "Micha",
    "Sebastian": "Basti",
    "Tobias": "Tobi",
    "Florian": "Flo",
    "Ulrike": "Ulli",
    "Christian": "Chris",
    "Thomas": "Tom",
    "Fredrik": "Fredde",
    "Mikael": "Micke",
    "Magnus": "Manne",
    "Kristina": "Stina",
    "Birgitta": "Gittan",
    "Tuomas": "Tuomo",
    "Johanna": "Jonna",
    "Rasmus": "Rasse",
    "Charlotte": "Lotte",
    "Birgitte": "Gitte",
}

# Salutations and titles written inside the first-name cell: (masculine, feminine) per country.
_SALUTATIONS = {
    "NL": (("dhr.", "ir.", "dr. ir.", "drs."), ("mevr.", "ir.", "dr. ir.", "drs.")),
    "BE": (("M.", "ir.", "dr. ir.", "Dhr."), ("Mme", "ir.", "dr. ir.", "Mevr.")),
    "FR": (("M.", "Dr", "M."), ("Mme", "Dr", "Mme")),
    "DE": (("Dr.", "Herr", "Dipl.-Ing.", "Prof. Dr."), ("Dr.", "Frau", "Dipl.-Ing.", "Prof. Dr.")),
    "IT": (("Sig.", "Dott.", "Ing.", "Dr."), ("Sig.ra", "Dott.ssa", "Ing.", "Dr.")),
    "ES": (("Sr.", "D.", "Dr."), ("Sra.", "Dña.", "Dra.")),
    "PL": (("Pan", "dr", "inż."), ("Pani", "dr", "inż.")),
    "SE": (("Dr.", "Dr"), ("Dr.", "Dr")),
    "NO": (("Dr.", "Dr"), ("Dr.", "Dr")),
    "FI": (("Dr.", "TkT"), ("Dr.", "TkT")),
    "DK": (("Dr.", "Hr."), ("Dr.", "Fru")),
}

# -- organisations ----------------------------------------------------------------------------

_LEGAL_FORMS = {
    "NL": ("B.V.", "BV", "N.V."),
    "BE": ("NV", "BV", "SRL", "SA", "BVBA"),
    "FR": ("SAS", "SA", "SARL"),
    "DE": ("GmbH", "AG", "GmbH & Co. KG"),
    "IT": ("S.p.A.", "S.r.l.", "SpA"),
    "ES": ("S.L.", "S.A.", "SL"),
    "PL": ("sp. z o.o.", "S.A.", "Sp. z o.o."),
    "SE": ("AB",),
    "NO": ("AS", "ASA"),
    "FI": ("Oy", "Oyj"),
    "DK": ("A/S", "ApS"),
}

_SECTOR = {
    "NL": "Techniek Installatietechniek Logistiek Verpakkingen Staalbouw Kunststoffen "
    "Automatisering",
    "BE": "Hydraulics Staalbouw Logistics Techniek Coatings Machinebouw Engineering",
    "FR": "Technique Industries Emballages Logistique Solutions Mécanique Services",
    "DE": "Technik Maschinenbau Antriebstechnik Logistik Kunststofftechnik Anlagenbau Systeme",
    "IT": "Meccanica Industrie Impianti Automazione Packaging Tecnologie Servizi",
    "ES": "Industrial Soluciones Ingeniería Logística Servicios Automatización Componentes",
    "PL": "Technika Logistyka Systemy Automatyka Przemysł Serwis Konstrukcje",
    "SE": "Maskin Teknik Industri Logistik Automation Verkstad Hydraulik",
    "NO": "Maskin Teknikk Industri Logistikk Automasjon Hydraulikk Offshore",
    "FI": "Tekniikka Teollisuus Logistiikka Automaatio Koneistus Palvelut Hydrauliikka",
    "DK": "Maskinfabrik Teknik Industri Logistik Automation Hydraulik Service",
}

_GROUP_WORD = {
    "NL": ("{} Groep", "{} Group", "{} Holding"),
    "BE": ("{} Group", "{} Groep", "Groupe {}", "{} Holding"),
    "FR": ("Groupe {}", "{} Group", "{} International"),
    "DE": ("{} Gruppe", "{} Group", "{} Holding", "{} International"),
    "IT": ("Gruppo {}", "{} Group", "{} Holding"),
    "ES": ("Grupo {}", "{} Group", "{} Internacional"),
    "PL": ("Grupa {}", "{} Group", "{} Holding"),
    "SE": ("{} Koncernen", "{} Group", "{} International"),
    "NO": ("{} Konsernet", "{} Group", "{} International"),
    "FI": ("{} Konserni", "{} Group", "{} International"),
    "DK": ("{} Koncernen", "{} Group", "{} Holding"),
}

_AND = {
    "NL": " en ",
    "BE": " en ",
    "FR": " et ",
    "DE": " und ",
    "IT": " e ",
    "ES": " y ",
    "PL": " i ",
    "SE": " och ",
    "NO": " og ",
    "FI": " ja ",
    "DK": " og ",
}

_BRAND_WORDS = (
    "Nordlys Aurora Polaris Vega Atlas Kestrel Falke Zefiro Brisa Sokół Merkur Orion Borealis "
    "Helix Tundra Fjord Delta Lumen Sirius Cobalt Granit Kvarts Argo Nimbus Ferro Solaris Arctos "
    "Iris Vanta Corvus Strata Halcyon Meridian Tessera Alpina Volta Cirrus"
).split()

_COUNTRY_NAME = {
    "NL": "Netherlands",
    "BE": "Belgium",
    "FR": "France",
    "DE": "Germany",
    "IT": "Italy",
    "ES": "Spain",
    "PL": "Poland",
    "SE": "Sweden",
    "NO": "Norway",
    "FI": "Finland",
    "DK": "Denmark",
}
_COUNTRIES = tuple(_COUNTRY_NAME)
_COUNTRY_WEIGHTS = (12, 18, 12, 14, 8, 6, 7, 6, 5, 5, 7)

_PERSONAL_DOMAINS = {
    "NL": ("gmail.com", "hotmail.com", "ziggo.nl"),
    "BE": ("gmail.com", "telenet.be", "skynet.be"),
    "FR": ("gmail.com", "orange.fr", "free.fr"),
    "DE": ("gmail.com", "gmx.de", "t-online.de", "web.de"),
    "IT": ("gmail.com", "libero.it", "tiscali.it"),
    "ES": ("gmail.com", "hotmail.es", "telefonica.net"),
    "PL": ("gmail.com", "wp.pl", "onet.pl"),
    "SE": ("gmail.com", "telia.com", "hotmail.se"),
    "NO": ("gmail.com", "online.no", "hotmail.com"),
    "FI": ("gmail.com", "elisa.fi", "hotmail.com"),
    "DK": ("gmail.com", "hotmail.com", "mail.dk"),
}

_JOB_TITLES = (
    "Purchasing Manager|Head of Procurement|Plant Manager|Maintenance Engineer|CEO|Managing "
    "Director|Operations Manager|Sales Director|Project Engineer|Technical Director|CFO|Buyer|"
    "Supply Chain Manager|Production Manager|Quality Manager|Engineering Manager|Owner"
).split("|")

_LOCAL_TITLES = {
    "NL": ("Inkoper", "Bedrijfsleider", "Hoofd onderhoud"),
    "BE": ("Zaakvoerder", "Aankoper", "Directeur technique"),
    "FR": ("Directeur technique", "Responsable achats", "Gérant"),
    "DE": ("Einkaufsleiter", "Geschäftsführer", "Leiter Instandhaltung"),
    "IT": ("Responsabile acquisti", "Direttore tecnico", "Amministratore delegato"),
    "ES": ("Jefe de compras", "Director técnico", "Gerente"),
    "PL": ("Kierownik zakupów", "Prezes zarządu", "Dyrektor techniczny"),
    "SE": ("Inköpschef", "VD", "Teknisk chef"),
    "NO": ("Innkjøpssjef", "Daglig leder", "Teknisk sjef"),
    "FI": ("Hankintapäällikkö", "Toimitusjohtaja", "Tekninen johtaja"),
    "DK": ("Indkøbschef", "Direktør", "Teknisk chef"),
}

_ROLE_BOXES = ("info", "sales", "contact", "office")


def _fold(text: str) -> str:
    """ASCII letters of a name, as e-mail local parts and domains write them."""
    special = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d"}
    text = "".join(special.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in " -"))


def _slug(text: str) -> str:
    return "-".join(_fold(text).lower().replace("-", " ").split())


# -- records ----------------------------------------------------------------------------------


@dataclass
class Org:
    """One organisation: the legal entity and the ways people write it."""

    org_id: int
    country: str
    core: str
    sector: str
    form: str
    domain: str
    switchboard: str
    variants: list[str]

    @property
    def legal(self) -> str:
        return f"{self.core} {self.sector} {self.form}"


@dataclass
class Person:
    """One made-up person and how they are written."""

    pid: str
    country: str
    female: bool
    first: str
    last: str
    org: Org
    email: str
    mobile: str
    direct: str
    title: str
    klass: str = "plain"
    group: str = ""
    detail: str = ""
    suffix: str = ""


@dataclass
class Row:
    """One data row of one list, with the person it is."""

    shape: str
    values: dict[str, object]
    pid: str | None
    order: float = 0.0


@dataclass
class _Set:
    rng: random.Random
    orgs: list[Org] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    names: set[tuple[str, str]] = field(default_factory=set)
    initials: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)


# -- phones -----------------------------------------------------------------------------------


def _number(s: _Set, country: str, mobile: bool) -> str:
    """A valid, unused E.164 number of that country and type."""
    kind = (
        phonenumbers.PhoneNumberType.MOBILE if mobile else phonenumbers.PhoneNumberType.FIXED_LINE
    )
    example = phonenumbers.example_number_for_type(country, kind)
    assert example is not None
    digits = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    keep = max(len(str(example.country_code)) + 3, len(digits) - 6)
    for _ in range(200):
        tail = "".join(str(s.rng.randrange(10)) for _ in range(len(digits) - keep))
        candidate = phonenumbers.parse(f"{digits[:keep]}{tail}")
        e164 = phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_valid_number(candidate) and e164 not in s.numbers:
            s.numbers.add(e164)
            return e164
    raise RuntimeError(f"no free number for {country}")


def _written(rng: random.Random, e164: str, home: str | None) -> str:
    """A number as a person or a form writes it: national at home, international abroad."""
    parsed = phonenumbers.parse(e164)
    region = phonenumbers.region_code_for_number(parsed)
    style = rng.random()
    if region == home and style < 0.6:
        text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        return text.replace(" ", "") if style < 0.15 else text
    text = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if style < 0.75:
        return text
    if style < 0.9:
        return text.replace(" ", "")
    return "00" + text[1:]


def _off_by_one_digit(rng: random.Random, e164: str) -> str:
    """The number with one of its last six digits changed (a typo)."""
    i = len(e164) - 1 - rng.randrange(6)
    new = str((int(e164[i]) + rng.choice((1, 9))) % 10)
    return e164[:i] + new + e164[i + 1 :]


# -- people and organisations -----------------------------------------------------------------


def _org(s: _Set, country: str, core: str | None = None) -> Org:
    rng = s.rng
    if core is None:
        pick = rng.random()
        if pick < 0.45:
            core = rng.choice(_LAST[country].split("|"))
        elif pick < 0.75:
            core = rng.choice(_BRAND_WORDS)
        else:
            a, b = rng.sample(_LAST[country].split("|"), 2)
            core = f"{a} & {b}"
    sector = rng.choice(_SECTOR[country].split())
    form = rng.choice(_LEGAL_FORMS[country])
    base = _slug(core.replace("&", " "))
    domain = rng.choice(
        (f"{base}.example", f"{base}-group.example", f"{base}-{_slug(sector)}.example")
    )
    while domain in {o.domain for o in s.orgs}:
        domain = f"{base}-{rng.randrange(2, 99)}.example"
    words = core.replace("&", " ").split()
    initials = "".join(w[0] for w in words if w[0].isupper()) + _fold(sector)[0].upper()
    if len(words) == 1:
        consonants = [c for c in _fold(core).upper()[1:] if c not in "AEIOUY"]
        initials = (
            (_fold(core)[0].upper() + "".join(consonants[:2])) if len(consonants) >= 2 else initials
        )
    if initials in s.initials:
        # Initials another organisation of the set goes by: people would not use them.
        initials = f"{core} {sector}"
    s.initials.add(initials)
    group = rng.choice(_GROUP_WORD[country]).format(core)
    variants = [
        f"{core} {sector}",  # without the legal form
        group,  # the group
        core,  # the brand alone
        initials,  # initials
        f"{core} {sector} {rng.choice(_LEGAL_FORMS[country])}",  # another spelling of the form
    ]
    if "&" in core:
        variants.append(core.replace(" & ", _AND[country]) + f" {sector}")
        variants.append(core.replace(" & ", " and "))
    org = Org(
        org_id=len(s.orgs) + 1,
        country=country,
        core=core,
        sector=sector,
        form=form,
        domain=domain,
        switchboard=_number(s, country, mobile=False),
        variants=variants,
    )
    s.orgs.append(org)
    return org


def _email(s: _Set, first: str, last: str, domain: str) -> str:
    f, ln = _slug(first).replace("-", ""), _slug(last).replace("-", "")
    pattern = s.rng.random()
    if pattern < 0.55:
        local = f"{f}.{ln}"
    elif pattern < 0.8:
        local = f"{f[0]}.{ln}"
    elif pattern < 0.9:
        local = f"{f[0]}{ln}"
    else:
        local = f
    address = f"{local}@{domain}"
    n = 2
    while address in s.emails:
        address = f"{local}{n}@{domain}"
        n += 1
    s.emails.add(address)
    return address


def _person(
    s: _Set,
    org: Org,
    *,
    first: str | None = None,
    last: str | None = None,
    female: bool | None = None,
    country: str | None = None,
) -> Person:
    rng = s.rng
    country = country or org.country
    female = rng.random() < 0.4 if female is None else female
    if first is None or last is None:
        # Nobody else of the set has this name (nor a nickname of it) unless a class wants it:
        # an accidental namesake would be an unlabelled look-alike.
        for attempt in range(400):
            given = first or rng.choice(_FIRST[country][int(female)].split())
            family = last or rng.choice(_LAST[country].split("|"))
            if attempt >= 200 and last is None:
                family = "-".join(rng.sample(_LAST[country].split("|"), 2))
            if _name_key(given, family) not in s.names:
                break
        first, last = given, family
    if country == "PL" and female and last.endswith(("ski", "cki", "dzki")):
        last = last[:-1] + "a"  # Kowalski → Kowalska
    s.names.add(_name_key(first, last))
    person = Person(
        pid=f"P{len(s.people) + 1:05d}",
        country=country,
        female=female,
        first=first,
        last=last,
        org=org,
        email=_email(s, first, last, org.domain),
        mobile=_number(s, country, mobile=True),
        direct=_number(s, country, mobile=False),
        title=rng.choice(_JOB_TITLES if rng.random() < 0.7 else _LOCAL_TITLES[country]),
    )
    s.people.append(person)
    return person


def _name_key(first: str, last: str) -> tuple[str, str]:
    """Two people with the same key could be taken for one another (``Tuomo``/``Tuomas``,
    ``Hofmann``/``Hoffmann``, ``Pedersen``/``Petersen``): the first letters of the given name
    and the consonant skeleton of the family name."""
    text = "".join(c for c in _fold(last).lower() if c.isalpha())
    for a, b in (("sch", "s"), ("ph", "f"), ("ck", "k"), ("th", "t")):
        text = text.replace(a, b)
    text = text.translate(str.maketrans("cqdbgvwzy", "kktpkffsi"))
    skeleton = text[:1] + "".join(c for c in text[1:] if c not in "aeiouh")
    squeezed = "".join(c for i, c in enumerate(skeleton) if i == 0 or c != skeleton[i - 1])
    return _fold(first).lower()[:3], squeezed.rstrip("s") or squeezed


def _private_email(s: _Set, p: Person) -> str:
    domain = s.rng.choice(_PERSONAL_DOMAINS[p.country])
    f, ln = _slug(p.first).replace("-", ""), _slug(p.last).replace("-", "")
    local = s.rng.choice(
        (f"{f}.{ln}", f"{f}{ln}", f"{f}.{ln}{s.rng.randrange(60, 99)}", f"{f[0]}{ln}")
    )
    address = f"{local}@{domain}"
    while address in s.emails:
        address = f"{local}{s.rng.randrange(100, 999)}@{domain}"
    s.emails.add(address)
    return address


# -- rows of each shape -----------------------------------------------------------------------

_LINKEDIN_START = date(2017, 3, 1)
_EVENT_START = datetime(2026, 1, 5, 8, 0)
_SCAN_START = datetime(2026, 2, 3, 9, 0)


def _company_as_people_write(s: _Set, org: Org) -> str:
    """The group or brand, as LinkedIn profiles and people write their employer."""
    r = s.rng.random()
    if r < 0.35:
        return org.variants[1]
    if r < 0.7:
        return org.variants[2]
    if r < 0.85:
        return org.variants[3]
    return org.variants[0]


def _linkedin(s: _Set, p: Person, *, first: str | None = None, company: str | None = None) -> Row:
    rng = s.rng
    last = p.last + p.suffix
    if rng.random() < 0.03:
        last += rng.choice((", MBA", " (she/her)" if p.female else " (he/him)", ", PhD", " "))
    email = _private_email(s, p) if rng.random() < 0.02 else ""
    slug = f"{_slug(first or p.first)}-{_slug(p.last)}-{rng.randrange(16**6):06x}"
    days = rng.randrange((date(2026, 2, 15) - _LINKEDIN_START).days)
    return Row(
        "linkedin",
        {
            "First Name": first or p.first,
            "Last Name": last,
            "URL": f"https://www.linkedin.com/in/{slug}",
            "Email Address": email,
            "Company": company if company is not None else _company_as_people_write(s, p.org),
            "Position": p.title,
            "Connected On": _LINKEDIN_START + timedelta(days=days),
        },
        p.pid,
    )


def _event(
    s: _Set,
    p: Person,
    *,
    first: str | None = None,
    last: str | None = None,
    email: str | None = None,
    company: str | None = None,
    phone: str | None = None,
    order: str | None = None,
) -> Row:
    rng = s.rng
    when = _EVENT_START + timedelta(minutes=rng.randrange(60 * 24 * 40))
    home = COUNTRY_OF_FILE["event"]
    if phone is None:
        phone = _written(rng, p.mobile if rng.random() < 0.6 else p.direct, home)
        if rng.random() < 0.2:
            phone = ""
    return Row(
        "event",
        {
            "Order #": order or str(rng.randrange(10**10, 10**11)),
            "Order Date": when,
            "First Name": first if first is not None else p.first,
            "Last Name": last if last is not None else p.last + p.suffix,
            "Email": email if email is not None else p.email,
            "Ticket Type": rng.choice(("Visitor", "Visitor", "Conference pass", "VIP")),
            "Attendee Status": "Attending",
            "Job Title": p.title,
            "Company": company if company is not None else p.org.legal,
            "Phone": phone,
            "Country": _COUNTRY_NAME[p.country],
        },
        p.pid,
    )


def _badge(
    s: _Set,
    p: Person,
    *,
    first: str | None = None,
    last: str | None = None,
    email: str | None = None,
    company: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
) -> Row:
    rng = s.rng
    home = COUNTRY_OF_FILE["badge"]
    return Row(
        "badge",
        {
            "First Name": first if first is not None else p.first,
            "Last Name": last if last is not None else p.last + p.suffix,
            "Company": company if company is not None else p.org.legal,
            "Job Title": p.title,
            "Email": email if email is not None else p.email,
            "Phone": phone
            if phone is not None
            else (_written(rng, p.direct, home) if rng.random() < 0.4 else ""),
            "Mobile": mobile if mobile is not None else _written(rng, p.mobile, home),
            "Country": _COUNTRY_NAME[p.country],
            "Scanned At": _SCAN_START
            + timedelta(
                days=rng.randrange(3), minutes=rng.randrange(9 * 60), seconds=rng.randrange(60)
            ),
        },
        p.pid,
    )


def _research(
    s: _Set,
    p: Person,
    *,
    name: str | None = None,
    email: str | None = None,
    company: str | None = None,
    phone: str | None = None,
) -> Row:
    rng = s.rng
    home = COUNTRY_OF_FILE["research"]
    if email is None:
        email = p.email if rng.random() < 0.6 else f"{rng.choice(_ROLE_BOXES)}@{p.org.domain}"
    source = rng.choice(
        (
            f"https://www.{p.org.domain}/team",
            f"https://www.{p.org.domain}/contact",
            f"https://registry.example/company/{p.org.org_id:06d}",
        )
    )
    return Row(
        "research",
        {
            "Contact person": name if name is not None else f"{p.first} {p.last}{p.suffix}",
            "Company": company if company is not None else p.org.legal,
            "Role": p.title,
            "Email": email,
            "Phone": phone if phone is not None else _written(rng, p.org.switchboard, home),
            "Source URL": source,
            "Date found": (date(2025, 9, 1) + timedelta(days=rng.randrange(150))).isoformat(),
        },
        p.pid,
    )


def _typo(rng: random.Random, word: str) -> str:
    """One edit a typist or a badge scanner makes: a letter dropped, doubled, swapped or wrong."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    letters = "aeiourstnl"
    return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1 :]


def _mangle_email(rng: random.Random, address: str) -> str:
    local, domain = address.split("@")
    if rng.random() < 0.6:
        return f"{_typo(rng, local)}@{domain}"
    return f"{local}@{_typo(rng, domain.split('.')[0])}.{domain.split('.', 1)[1]}"


# -- the classes ------------------------------------------------------------------------------


def _org_for(s: _Set, country: str) -> Org:
    """An existing organisation of that country (colleagues), or a new one."""
    same = [o for o in s.orgs if o.country == country]
    if same and s.rng.random() < 0.55:
        return s.rng.choice(same)
    return _org(s, country)


def _some_lists(s: _Set, p: Person) -> list[Row]:
    """A plain person's rows: one to three lists, written consistently."""
    rng = s.rng
    r = rng.random()
    if r < 0.25:
        return [_linkedin(s, p, company=p.org.legal if rng.random() < 0.5 else None)]
    shapes = rng.sample(("event", "badge", "research"), rng.choice((1, 2, 2, 3)))
    rows = []
    if rng.random() < 0.2:
        # A member who writes the employer as the registry does.
        rows.append(_linkedin(s, p, company=p.org.legal))
    for shape in shapes:
        if shape == "event":
            rows.append(_event(s, p))
        elif shape == "badge":
            rows.append(_badge(s, p))
        else:
            rows.append(_research(s, p, email=p.email))
    return rows


def _make(s: _Set, klass: str, country: str) -> list[Row]:
    """The people and rows of one instance of a class."""
    rng = s.rng
    org = _org_for(s, country)
    if klass == "plain":
        p = _person(s, org)
        return _some_lists(s, p)
    if klass == "linkedin_row":
        p = _person(s, org)
        rows = [_linkedin(s, p, company=rng.choice(org.variants[1:4])), _event(s, p)]
        if rng.random() < 0.35:
            rows.append(_badge(s, p))
        p.detail = "linkedin brand vs legal entity"
        return _label(rows, p, klass)
    if klass == "org_variant":
        p = _person(s, org)
        v = rng.random()
        # A researcher finds the organisation's public mailbox, not a second personal address:
        # the same name under two personal addresses at one domain is, by the matching rules,
        # ambiguous (it is also how two namesakes at one company look) and goes to review.
        role = f"{rng.choice(_ROLE_BOXES)}@{org.domain}"
        if v < 0.25:
            # Only the e-mail domain says which organisation: no company cell.
            p.detail = "domain only"
            other = _research(s, p, company="", email=role, phone="")
        else:
            p.detail = "organisation spelling"
            other = _research(
                s,
                p,
                company=rng.choice(org.variants),
                email=role if rng.random() < 0.5 else "",
            )
        first = _event(s, p) if rng.random() < 0.6 else _badge(s, p)
        return _label([first, other], p, klass)
    if klass == "salutation":
        p = _person(s, org)
        words = _SALUTATIONS[p.country][int(p.female)]
        salutation = rng.choice(words)
        given = p.first
        if p.first in _NICKNAMES and rng.random() < 0.4:
            given = _NICKNAMES[p.first].strip()
            p.detail = "salutation + nickname"
        else:
            p.detail = "salutation"
        phone = _written(rng, p.mobile, COUNTRY_OF_FILE["event"])
        titled = _event(s, p, first=f"{salutation} {given}", phone=phone)
        plain = _badge(s, p, mobile=_written(rng, p.mobile, COUNTRY_OF_FILE["badge"]))
        return _label([titled, plain], p, klass)
    if klass == "nickname_role":
        formal = [
            n
            for n in _NICKNAMES
            if n.strip() in _FIRST[country][0].split() + _FIRST[country][1].split()
        ]
        if not formal:
            return _make(s, "salutation", country)
        name = rng.choice(formal).strip()
        female = name in _FIRST[country][1].split()
        p = _person(s, org, first=name, female=female)
        title = rng.choice(_SALUTATIONS[p.country][int(female)])
        rows = [
            _linkedin(s, p, first=_NICKNAMES[name].strip()),
            _research(
                s,
                p,
                name=f"{title} {name} {p.last}",
                email=f"{rng.choice(_ROLE_BOXES)}@{org.domain}",
            ),
        ]
        if rng.random() < 0.5:
            rows.append(_event(s, p))
        p.detail = "nickname vs title and role mailbox"
        return _label(rows, p, klass)
    if klass == "within_file":
        p = _person(s, org)
        again = _event(s, p, email=p.email.upper() if rng.random() < 0.3 else p.email)
        if rng.random() < 0.5:
            again.values["Company"] = rng.choice(org.variants[:3])
        rows = [_event(s, p), again]
        if rng.random() < 0.3:
            rows.append(_badge(s, p))
        p.detail = "registered twice"
        return _label(rows, p, klass)
    if klass == "private_email":
        p = _person(s, org)
        private = _private_email(s, p)
        mobile = _written(rng, p.mobile, COUNTRY_OF_FILE["badge"]) if rng.random() < 0.5 else ""
        rows = [_event(s, p), _badge(s, p, email=private, mobile=mobile, phone="")]
        p.detail = "private address vs work address"
        return _label(rows, p, klass)
    if klass == "corrupted":
        p = _person(s, org)
        mobile = _written(rng, _off_by_one_digit(rng, p.mobile), COUNTRY_OF_FILE["badge"])
        bad = _badge(
            s,
            p,
            first=_typo(rng, p.first),
            last=_typo(rng, p.last),
            email=_mangle_email(rng, p.email),
            mobile=mobile,
            phone="",
            company=rng.choice(org.variants[:3]) if rng.random() < 0.4 else None,
        )
        rows = [_event(s, p, phone=_written(rng, p.mobile, COUNTRY_OF_FILE["event"])), bad]
        p.detail = "both names misspelt, digit off, e-mail mangled"
        return _label(rows, p, klass)
    return _lookalikes(s, klass, org)


def _label(rows: list[Row], p: Person, klass: str) -> list[Row]:
    p.klass = klass
    return rows


def _lookalikes(s: _Set, klass: str, org: Org) -> list[Row]:
    rng = s.rng
    group = f"G{len({q.group for q in s.people if q.group}) + 1:04d}"
    rows: list[Row] = []
    if klass == "lookalike_other_company":
        a = _person(s, org)
        other = _org(s, org.country)
        while other.core == org.core:  # "Peeters" alone would then name both employers
            other = _org(s, org.country)
        b = _person(s, other, first=a.first, last=a.last, female=a.female)
        people = [a, b]
        # The first person of every group is on two lists or more: a pair to find too.
        for i, q in enumerate(people):
            rows.append(_event(s, q) if rng.random() < 0.5 else _badge(s, q))
            if i == 0 or rng.random() < 0.5:
                rows.append(_linkedin(s, q, company=q.org.variants[2]))
        detail = "same name, other company"
    elif klass == "lookalike_group_buyer":
        buyer = _person(s, org, female=True)
        colleagues = [_person(s, org) for _ in range(rng.choice((1, 2, 3)))]
        people = [buyer, *colleagues]
        order = str(rng.randrange(10**10, 10**11))
        phone = _written(rng, buyer.direct, COUNTRY_OF_FILE["event"])
        rows.append(_event(s, buyer, order=order, phone=phone))
        for i, q in enumerate(colleagues):
            rows.append(
                _event(
                    s, q, email=buyer.email, order=order, phone=phone if rng.random() < 0.5 else ""
                )
            )
            if i == 0 or rng.random() < 0.4:
                rows.append(_badge(s, q))
        detail = "colleagues registered under the buyer's address"
    elif klass == "lookalike_same_company":
        a = _person(s, org)
        b = _person(s, org, first=a.first, last=a.last, female=a.female)
        people = [a, b]
        # Each person's own rows share a personal identifier; the two share none of theirs.
        if rng.random() < 0.5:
            detail = "same name, same company, different personal addresses and mobiles"
            for i, q in enumerate(people):
                rows.append(
                    _event(
                        s,
                        q,
                        email=_private_email(s, q),
                        phone=_written(rng, q.mobile, COUNTRY_OF_FILE["event"]),
                    )
                )
                if i == 0 or rng.random() < 0.5:
                    rows.append(_badge(s, q, phone=""))
        else:
            detail = "same name, same company, only the switchboard in common"
            for q in people:
                board = _written(rng, org.switchboard, COUNTRY_OF_FILE["event"])
                rows.append(_event(s, q, phone=board))
                board = _written(rng, org.switchboard, COUNTRY_OF_FILE["badge"])
                rows.append(_badge(s, q, phone=board, mobile=""))
    elif klass == "lookalike_father_son":
        surnames = _LAST[org.country].split("|")
        last = org.core if org.core in surnames else rng.choice(surnames)
        father = _person(s, org, last=last, female=False)
        son = _person(s, org, first=father.first, last=last, female=False)
        people = [father, son]
        for q, suffix in ((father, " Sr."), (son, " Jr.")):
            q.suffix = suffix
            rows.append(_event(s, q) if rng.random() < 0.5 else _badge(s, q))
            if q is father or rng.random() < 0.5:
                board = _written(rng, org.switchboard, COUNTRY_OF_FILE["research"])
                rows.append(_research(s, q, email="", phone=board))
        detail = "father and son at the family firm"
    else:  # lookalike_switchboard
        people = [_person(s, org) for _ in range(rng.choice((2, 3)))]
        box = f"{rng.choice(_ROLE_BOXES)}@{org.domain}"
        for i, q in enumerate(people):
            board = _written(rng, org.switchboard, COUNTRY_OF_FILE["research"])
            rows.append(_research(s, q, email=box, phone=board))
            if i == 0 or rng.random() < 0.4:
                rows.append(_event(s, q))
        detail = "colleagues sharing the switchboard and a role mailbox"
    for q in people:
        q.klass, q.group, q.detail = klass, group, detail
    return rows


# -- writing ----------------------------------------------------------------------------------

_LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

_MAILCHIMP_HEADER = (
    '"Email Address","First Name","Last Name",Company,MEMBER_RATING,OPTIN_TIME,OPTIN_IP,'
    "CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,UNSUB_TIME,"
    "UNSUB_CAMPAIGN_TITLE,UNSUB_CAMPAIGN_ID,UNSUB_REASON,UNSUB_REASON_OTHER,LEID,EUID,NOTES,TAGS"
)
_UNSUB_REASONS = (
    "I no longer want to receive these emails",
    "I never signed up for this mailing list",
    "N/A (Unsubscribed by an admin)",
    "The emails are inappropriate",
)


def _csv_text(header: Sequence[str], rows: list[list[str]], delimiter: str, newline: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _cells(row: Row, header: Sequence[str], fmt: Callable[[object], str]) -> list[str]:
    return [fmt(row.values.get(h, "")) for h in header]


def _write_linkedin(path: Path, rows: list[Row]) -> None:
    header = [
        "First Name",
        "Last Name",
        "URL",
        "Email Address",
        "Company",
        "Position",
        "Connected On",
    ]

    def fmt(v: object) -> str:
        return v.strftime("%d %b %Y") if isinstance(v, date) else str(v)

    body = [_cells(r, header, fmt) for r in rows]
    path.write_bytes((_LINKEDIN_PREAMBLE + _csv_text(header, body, ",", "\n")).encode("utf-8"))


def _write_event(path: Path, rows: list[Row]) -> None:
    header = list(rows[0].values)

    def fmt(v: object) -> str:
        return v.strftime("%d/%m/%Y %H:%M") if isinstance(v, datetime) else str(v)

    body = [_cells(r, header, fmt) for r in rows]
    path.write_bytes(("\ufeff" + _csv_text(header, body, ";", "\r\n")).encode("utf-8"))


def _write_research(path: Path, rows: list[Row]) -> None:
    header = list(rows[0].values)
    body = [_cells(r, header, str) for r in rows]
    path.write_bytes(_csv_text(header, body, ",", "\r\n").encode("utf-8"))


def _write_badge(path: Path, rows: list[Row]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Leads"
    header = list(rows[0].values)
    ws.append(header)
    for r in rows:
        ws.append([r.values[h] if r.values[h] != "" else None for h in header])
    stamp = datetime(*_FIXED_STAMP)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "Lead retrieval"
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl stamps every zip member with the current time: rewrite them with a fixed one.
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_STAMP)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core(data)
            dst.writestr(member, data)
    path.write_bytes(out.getvalue())


def _fixed_core(data: bytes) -> bytes:
    """docProps/core.xml with the fixed time as its modified time (openpyxl writes 'now')."""
    import re

    stamp = datetime(*_FIXED_STAMP).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = data.decode("utf-8")
    text = re.sub(
        r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>", text
    )
    text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rf"\g<1>{stamp}\g<2>", text)
    return text.encode("utf-8")


def _unsubscribed(s: _Set, share: float) -> tuple[str, list[tuple[int, str]]]:
    """The Mailchimp export: people who unsubscribed, half under an address the lists lack."""
    rng = s.rng
    chosen = rng.sample(s.people, max(2, round(len(s.people) * share)))
    chosen.sort(key=lambda p: p.pid)
    lines = [_MAILCHIMP_HEADER]
    truth: list[tuple[int, str]] = []
    held: dict[str, set[str]] = {}
    for row in s.rows:
        for key in ("Email", "Email Address"):
            if row.pid and row.values.get(key):
                held.setdefault(row.pid, set()).add(str(row.values[key]).lower())
    for n, p in enumerate(chosen, start=1):
        if p.email in held.get(p.pid, set()) and rng.random() < 0.5:
            # An address the lists hold; the company merge field is often left empty.
            address = p.email
            company = "" if rng.random() < 0.5 else p.org.legal
        else:
            old = _org(s, p.country)
            s.orgs.pop()  # a former employer, not an organisation of the lists
            address = (
                _private_email(s, p)
                if rng.random() < 0.5
                else _email(s, p.first, p.last, old.domain)
            )
            company = rng.choice((p.org.legal, p.org.variants[0], p.org.variants[1]))
        when = datetime(2025, 6, 1) + timedelta(minutes=rng.randrange(60 * 24 * 260))
        cells = [
            address,
            p.first,
            p.last,
            company,
            str(rng.randrange(1, 5)),
            "",
            "",
            (when - timedelta(days=200)).strftime("%Y-%m-%d %H:%M:%S"),
            "",
            "",
            "",
            "",
            "",
            "",
            p.country,
            "",
            when.strftime("%Y-%m-%d %H:%M:%S"),
            "Newsletter",
            f"{rng.randrange(16**10):010x}",
            rng.choice(_UNSUB_REASONS),
            "",
            str(rng.randrange(10**8, 10**9)),
            f"{rng.randrange(16**10):010x}",
            "",
            "",
        ]
        lines.append(_one_line(cells))
        truth.append((n, p.pid))
    return "\n".join(lines) + "\n", truth


def _one_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def generate(
    out: Path, *, people: int = 3000, seed: int = 16, unsubscribed: float = 0.03
) -> dict[str, Path]:
    """Write the five lists, ``truth.csv`` and ``people.csv`` into ``out``; their paths by shape."""
    s = _Set(random.Random(seed))
    classes = [k for k, _ in _CLASS_SHARES]
    weights = [w for _, w in _CLASS_SHARES]
    draws = 0
    while len(s.people) < people:
        # Every class at least once (small sets too), then at its share.
        klass = classes[draws] if draws < len(classes) else s.rng.choices(classes, weights)[0]
        draws += 1
        country = s.rng.choices(_COUNTRIES, _COUNTRY_WEIGHTS)[0]
        made = _make(s, klass, country)
        for row in made:
            row.order = s.rng.random()
        s.rows.extend(made)
    # Empty LinkedIn rows (hidden members: only a date) and the order of each list.
    for _ in range(max(1, sum(r.shape == "linkedin" for r in s.rows) // 60)):
        days = s.rng.randrange((date(2026, 2, 15) - _LINKEDIN_START).days)
        values: dict[str, object] = dict.fromkeys(
            ("First Name", "Last Name", "URL", "Email Address", "Company", "Position"), ""
        )
        values["Connected On"] = _LINKEDIN_START + timedelta(days=days)
        s.rows.append(Row("linkedin", values, None, s.rng.random()))
    by_shape: dict[str, list[Row]] = {}
    for row in s.rows:
        by_shape.setdefault(row.shape, []).append(row)
    linkedin = sorted(
        by_shape["linkedin"], key=lambda r: (r.values["Connected On"], r.order), reverse=True
    )
    event = sorted(by_shape["event"], key=lambda r: (r.values["Order Date"], r.order))
    # Tickets of one order are consecutive rows, at the order's time.
    orders: dict[object, list[Row]] = {}
    for r in event:
        orders.setdefault(r.values["Order #"], []).append(r)
    event = [r for rows in orders.values() for r in rows]
    for rows in orders.values():
        for r in rows[1:]:
            r.values["Order Date"] = rows[0].values["Order Date"]
    badge = sorted(by_shape["badge"], key=lambda r: (r.values["Scanned At"], r.order))
    research = sorted(by_shape["research"], key=lambda r: (r.values["Company"], r.order))

    out.mkdir(parents=True, exist_ok=True)
    paths = {shape: out / name for shape, name in FILES.items()}
    _write_linkedin(paths["linkedin"], linkedin)
    _write_event(paths["event"], event)
    _write_badge(paths["badge"], badge)
    _write_research(paths["research"], research)
    text, unsub_truth = _unsubscribed(s, unsubscribed)
    paths["unsubscribed"].write_bytes(text.encode("utf-8"))

    truth_rows = []
    for shape, rows in (
        ("linkedin", linkedin),
        ("event", event),
        ("badge", badge),
        ("research", research),
    ):
        truth_rows += [[FILES[shape], str(n), r.pid or ""] for n, r in enumerate(rows, start=1)]
    truth_rows += [[FILES["unsubscribed"], str(n), pid] for n, pid in unsub_truth]
    paths["truth"] = out / "truth.csv"
    paths["truth"].write_bytes(
        _csv_text(["file", "row_number", "person_id"], truth_rows, ",", "\n").encode("utf-8")
    )
    people_rows = [
        [p.pid, p.klass, p.group, p.detail, p.country, str(p.org.org_id)] for p in s.people
    ]
    paths["people"] = out / "people.csv"
    paths["people"].write_bytes(
        _csv_text(
            ["person_id", "class", "group", "detail", "country", "org_id"], people_rows, ",", "\n"
        ).encode("utf-8")
    )
    return paths


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the lists and the truth into")
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument(
        "--unsubscribed", type=float, default=0.03, help="share of the people who unsubscribed"
    )
    args = parser.parse_args(argv)
    paths = generate(args.out, people=args.people, seed=args.seed, unsubscribed=args.unsubscribed)
    for shape, path in paths.items():
        print(f"{shape:>12}  {path}")


if __name__ == "__main__":
    main()
