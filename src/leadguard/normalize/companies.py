"""Company names from lead exports: a display form, a match key without legal forms, the legal form.

Dedupe and data-subject requests compare employers through ``match_key``, so ``Acme Industries
N.V.``, ``ACME INDUSTRIES NV``, ``Acme Industries, nv`` and ``NV Acme Industries`` must share one
key (``acme industries``) while the display keeps what people expect to read.

Rules:

* **Display**: the cell trimmed, NFC, invisible characters, emoji and decorations removed
  (``®``/``™``, ``&``, ``+`` stay). It is re-cased only when the whole name is ALL-CAPS and is
  more than a short acronym: a single word of up to four letters (``IBM``, ``ASML``, ``ACME``) or a
  name whose words are all acronyms (``KBC NV``) stays as written. When re-cased, words of up to
  three letters and four/five-letter words without a vowel or with three consonants in a row
  (``KBC``, ``ASML``, ``KPMG``) stay upper-case, words with digits or ``&`` (``3M``, ``AT&T``)
  stay as typed, inner function words (of, and, de, van, und...) become lower-case, legal forms
  get their usual casing (``GmbH``, ``NV``, ``Sp. z o.o.``) and every other word is capitalised.
  All-lower names (``bol.com``, ``adidas``) are kept: many brands are written so.
* **Legal forms** (NV, BV, BVBA, CVBA, CV, VZW, VOF, CommV, CommVA, SComm, SA, SPRL, SRL, SC,
  SCRL, ASBL, SCS, SNC, SAS, SASU, SARL, EURL, SE, GmbH, gGmbH, GmbH & Co. KG, AG & Co. KG, AG,
  KG, KGaA, OHG, e.K., e.V., UG (haftungsbeschränkt), AB, AB (publ), HB, KB, Oy, Oyj, A/S, AS,
  ApS, ASA, Ltd/Limited, Pty Ltd, Pvt Ltd, PLC, LLP, LLC, Inc., Corp., Co./Company, Co., Ltd.,
  & Co., & Cie, Sp. z o.o., sp.j., sp.k., S.p.A., SL, SLU, Lda, s.r.o., v.o.s., Kft., Zrt.,
  Nyrt., Bt., d.o.o., d.d., OÜ, SIA, UAB, EOOD, OOD, EAD, DAC, GesmbH, Greek Α.Ε., Ε.Π.Ε.,
  Ι.Κ.Ε., the Belgian pairs NV/SA, BV/SRL, VZW/ASBL, and the spelled-out Naamloze/Besloten
  Vennootschap, Société Anonyme, Gesellschaft mit beschränkter Haftung) are recognised with
  or without dots, in any case, after a comma, and repeatedly at the end of the name; the
  Belgian/Nordic/French/Baltic ones (NV, BV, SA, VZW, AB, Oy, SIA, UAB...) also at the start
  (``NV Acme``). A form is never removed when it is the whole name, so ``The Company`` keeps
  the key ``company``; ``Company`` and ``Co.`` only count as a trailing suffix. Forms that
  are also words need their dots or capitals: ``Thermae Spa`` is a spa, ``De Vos`` a
  surname, ``BT`` a telecom. ``legal_form`` holds the canonical spelling(s) found, in text
  order.
* **Match key**: ``match_text`` of what is left after removing the legal forms and a leading
  ``The``: transliterated, lower-case, punctuation and ``&`` removed, with runs of single letters
  joined (``A.B. Dick`` and ``AB Dick`` → ``ab dick``; this is also what makes ``N.V.`` = ``NV``).
* **Domains**: a word that is a bare domain or web address (``acme.be``, ``www.acme.co.uk``,
  ``https://acme-corp.com/``, the ``Bol.com`` in ``Bol.com B.V.``) counts as its registrable
  label (``acme``, ``acme corp``, ``bol``), so it meets ``Acme NV``. Only common top-level
  domains count, so ``St.Gallen`` is not a domain. E-mail addresses are not read as domains:
  ``gmail.com`` is nobody's employer.
* **Placeholders**: a cell without letters or digits (``-``, ``.``, ``?``) or a filler word
  (``n/a``, ``na``, ``none``, ``null``, ``unknown``, ``x``, ``tbd``...) has no display and no key.
  A cell that says the person has no employer (``Self-employed``, ``Freelance``,
  ``Zelfstandige``, ``Indépendant``, ``Retired``, ``Student``, ``Open to work``, ``Stealth
  startup``, ``Confidential``...) keeps its display but gets no key: two freelancers are not
  colleagues.

:func:`normalize_company` never raises: on unexpected input every field is None except
``original``.

**Organisations** (:func:`organisation_of`, for dedupe): lists write one organisation as the
group, the brand or the legal entity (``Vandamme Group``, ``VDM``, ``Vandamme Hydraulics
NV``). What names it are the key's words without generic words (Group, Groep, Gruppe, Grupa,
Koncernen, Holding, International, Industries, Solutions, Services, Technik, Systems, Europe,
Benelux, Nordic...), connectors (and, und, en, et, och, og, i, e) and legal forms left inside
the key; name particles (van, der, de...) count for the initials (``VDM`` = ``Van Der
Meer``) but do not tell organisations apart. A work address names its organisation too
(:func:`organisation_of_domain`: ``@vandamme-group.example`` → ``vandamme``); free-mail
providers (:data:`FREE_MAIL_DOMAINS`, and the big ones under any country code) name none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from leadguard.normalize._text import as_text, clean_cell, match_text

__all__ = [
    "FREE_MAIL_DOMAINS",
    "CompanyName",
    "Organisation",
    "is_abbreviation",
    "is_free_mail",
    "normalize_company",
    "organisation_of",
    "organisation_of_domain",
    "registrable_domain",
]


@dataclass(frozen=True, slots=True)
class CompanyName:
    """One company cell as a display form, a match key and the legal form it carried."""

    display: str | None
    """Trimmed, NFC, decorations removed; ALL-CAPS re-cased unless it is a short acronym."""
    match_key: str | None
    """``match_text`` without legal forms and a leading ``The``: ``acme industries``."""
    legal_form: str | None
    """Canonical legal form(s) found: ``NV``, ``GmbH & Co. KG``, ``Sp. z o.o.``."""
    original: str | None
    """The cell exactly as given (as text)."""


_MARKS: Final = re.compile(r"[®™©℠]")

# Canonical spelling → written variants. Variants are compared as the match words of
# _form_words, so dots, spaces, slashes and case do not matter (N.V. = N. V. = n.v = NV).
_FORM_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "NV": ("NV", "Naamloze Vennootschap"),
    "BV": ("BV", "Besloten Vennootschap"),
    "BVBA": ("BVBA",),
    "CVBA": ("CVBA",),
    "CV": ("CV",),
    "VZW": ("VZW",),
    "VOF": ("VOF",),
    "CommV": ("CommV", "Comm.V"),
    "CommVA": ("CommVA", "Comm.VA"),
    "SComm": ("SComm", "S.Comm"),
    "SA": ("SA", "S.A.", "Société Anonyme"),
    "SPRL": ("SPRL",),
    "SRL": ("SRL", "S.r.l."),
    "SC": ("SC",),
    "SCRL": ("SCRL",),
    "ASBL": ("ASBL",),
    "SCS": ("SCS",),
    "SNC": ("SNC",),
    "SAS": ("SAS", "S.A.S."),
    "SASU": ("SASU",),
    "SARL": ("SARL",),
    "EURL": ("EURL",),
    "SE": ("SE",),
    "GmbH": ("GmbH", "Gesellschaft mit beschränkter Haftung"),
    "gGmbH": ("gGmbH",),
    "GmbH & Co. KG": ("GmbH & Co. KG",),
    "AG & Co. KG": ("AG & Co. KG",),
    "AG": ("AG",),
    "KG": ("KG",),
    "KGaA": ("KGaA",),
    "OHG": ("OHG",),
    "e.K.": ("e.K.",),
    "e.V.": ("e.V.",),
    "UG (haftungsbeschränkt)": ("UG (haftungsbeschränkt)", "UG"),
    "AB": ("AB",),
    "AB (publ)": ("AB (publ)",),
    "HB": ("HB",),
    "KB": ("KB",),
    "Oy": ("Oy",),
    "Oyj": ("Oyj",),
    "A/S": ("A/S",),
    "AS": ("AS",),
    "ApS": ("ApS",),
    "ASA": ("ASA",),
    "Ltd": ("Ltd", "Limited"),
    "Pty Ltd": ("Pty Ltd", "Pty Limited", "Proprietary Limited"),
    "Pvt Ltd": ("Pvt Ltd", "Private Limited"),
    "PLC": ("PLC",),
    "LLP": ("LLP",),
    "LLC": ("LLC",),
    "Inc.": ("Inc", "Incorporated"),
    "Corp.": ("Corp", "Corporation"),
    "Co.": ("Co", "Company"),
    "Co., Ltd.": ("Co. Ltd",),
    "& Co.": ("and Co", "and Company"),
    "& Cie": ("Cie", "et Cie"),
    "Sp. z o.o.": (
        "Sp. z o.o.",
        "Sp. z o. o.",
        "spółka z o.o.",
        "spółka z o. o.",
        "spółka z ograniczoną odpowiedzialnością",
    ),
    "sp.j.": ("sp.j.",),
    "sp.k.": ("sp.k.",),
    "S.p.A.": ("S.p.A.", "SpA"),
    "SL": ("SL", "S.L."),
    "s.r.o.": ("s.r.o.", "spol. s r.o."),
    "v.o.s.": ("v.o.s.",),
    "SLU": ("SLU", "S.L.U."),
    "Lda": ("Lda", "Lda."),
    "Kft.": ("Kft",),
    "Zrt.": ("Zrt",),
    "Nyrt.": ("Nyrt",),
    "Bt.": ("Bt.",),
    "d.o.o.": ("d.o.o.",),
    "d.d.": ("d.d.",),
    "OÜ": ("OÜ",),
    "SIA": ("SIA",),
    "UAB": ("UAB",),
    "EOOD": ("EOOD",),
    "OOD": ("OOD",),
    "EAD": ("EAD",),
    "DAC": ("DAC",),
    "GesmbH": ("Ges.m.b.H.", "GesmbH"),
    # Greek: Ανώνυμη Εταιρεία, Εταιρεία Περιορισμένης Ευθύνης, Ιδιωτική Κεφαλαιουχική Εταιρεία.
    "Α.Ε.": ("Α.Ε.",),
    "Ε.Π.Ε.": ("Ε.Π.Ε.",),
    "Ι.Κ.Ε.": ("Ι.Κ.Ε.",),
    "NV/SA": ("NV/SA", "NV-SA"),
    "SA/NV": ("SA/NV", "SA-NV"),
    "BV/SRL": ("BV/SRL",),
    "SRL/BV": ("SRL/BV",),
    "VZW/ASBL": ("VZW/ASBL",),
    "ASBL/VZW": ("ASBL/VZW",),
}


_TLDS: Final[frozenset[str]] = frozenset(
    """
    com net org info biz io co ai app dev tech online site shop store eu be nl de fr lu uk se pl ch
    at it es dk no fi ie pt cz sk hu ro bg gr ee lv lt si hr us ca au nz in jp cn sg hk br mx za
    ae il tr ru ua global group agency digital solutions consulting company email
    """.split()
)
_SECOND_LEVEL: Final[frozenset[str]] = frozenset("co com org net ac gov edu ltd plc".split())
_DOMAIN: Final = re.compile(
    r"(?:https?://)?(?:www\d?\.)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24})\.?/?",
    re.IGNORECASE,
)


def _domain_label(word: str) -> str | None:
    """The registrable label of a domain or web address (``www.acme.co.uk`` → ``acme``)."""
    if "." not in word:
        return None
    found = _DOMAIN.fullmatch(word)
    if not found:
        return None
    labels = found.group(1).lower().split(".")
    if labels[-1] not in _TLDS:
        return None
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        label = labels[-3]
    else:
        label = labels[-2]
    return match_text(label) or None


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> str:
    """match_text of one cell word (a domain as its label); cached: company words repeat a lot."""
    return _domain_label(word) or match_text(_MARKS.sub("", word))


def _form_words(words: list[str]) -> list[tuple[str, int, int]]:
    """Match words of cell words as (word, first cell word, last cell word).

    Runs of one-letter match words inside a cell word (``N.V.``, ``A.P.``) or made of
    one-letter cell words (``N. V.``) are joined, so that N.V., N. V. and NV all read ``nv``.
    A cell word that is a domain (``bol.com``) reads as its registrable label (``bol``).
    """
    out: list[tuple[str, int, int]] = []
    previous_letter = False  # the previous cell word was a single letter
    for i, word in enumerate(words):
        parts = _word_key(word).split()
        letter = len(parts) == 1 and len(parts[0]) == 1
        single = letter and previous_letter
        for part in parts:
            if len(part) == 1 and single and out:
                joined, first, _ = out[-1]
                out[-1] = (joined + part, first, i)
            else:
                out.append((part, i, i))
            single = len(part) == 1
        previous_letter = letter
    return out


_FORMS: Final[dict[tuple[str, ...], str]] = {
    tuple(w for w, _, _ in _form_words(variant.split())): canonical
    for canonical, variants in _FORM_VARIANTS.items()
    for variant in variants
}
_LONGEST_FORM: Final = max(len(words) for words in _FORMS)

# Forms that Belgian, Nordic and French registers also write before the name (NV Acme, AB Volvo).
_LEADING_FORMS: Final[frozenset[str]] = frozenset(
    "NV BV BVBA CVBA VZW SA SPRL SRL SCRL ASBL AB Oy Oyj CommV CommVA SAS SARL SIA UAB".split()
    + ["NV/SA", "SA/NV", "BV/SRL", "SRL/BV", "VZW/ASBL", "ASBL/VZW"]
)

# How legal-form words are cased in a re-cased display, by their match_text; others go upper.
_FORM_WORD_CASE: Final[dict[str, str]] = {
    w: w
    for w in (
        "GmbH gGmbH Ltd Limited Inc Incorporated Corp Corporation Co Company Sp z oo eK eV Oy "
        "Oyj ApS Comm CommV CommVA SComm KGaA SpA publ haftungsbeschrankt Pty Pvt Private "
        "Proprietary Besloten Naamloze Vennootschap and Cie et Societe Anonyme Gesellschaft "
        "mit beschrankter Haftung spolka ograniczona odpowiedzialnoscia spj spk sro Lda Kft "
        "Zrt Nyrt Bt doo dd vos ks GesmbH"
    ).split()
}
_FORM_WORD_CASE_BY_KEY: Final[dict[str, str]] = {w.lower(): w for w in _FORM_WORD_CASE}

_FUNCTION_WORDS: Final[frozenset[str]] = frozenset(
    """
    the and of for und et en de du des la le les van der den het von zu a an in on at by to y e
    del di da do och i og fur aan op bij voor pour sur au aux im am
    """.split()
)

_JUNK: Final[frozenset[str]] = frozenset(
    {
        "n a",
        "na",
        "n v t",
        "nvt",
        "none",
        "null",
        "nil",
        "unknown",
        "onbekend",
        "inconnu",
        "unbekannt",
        "x",
        "xx",
        "xxx",
        "tbd",
        "undefined",
        "not applicable",
        "not available",
        "no company",
        "geen",
        "aucun",
        "aucune",
        "keine",
    }
)

_NO_EMPLOYER: Final[frozenset[str]] = frozenset(
    {
        "self employed",
        "selfemployed",
        "self",
        "freelance",
        "freelancer",
        "freelancing",
        "independent",
        "independant",
        "independante",
        "independent consultant",
        "zelfstandige",
        "zelfstandig",
        "zelfstandig ondernemer",
        "zzp",
        "zzper",
        "zzp er",
        "auto entrepreneur",
        "autoentrepreneur",
        "selbststandig",
        "selbstandig",
        "freiberuflich",
        "freiberufler",
        "retired",
        "pensioner",
        "gepensioneerd",
        "retraite",
        "retraitee",
        "rentner",
        "pensioniert",
        "student",
        "etudiant",
        "etudiante",
        "studentin",
        "unemployed",
        "werkloos",
        "arbeitslos",
        "open to work",
        "looking for work",
        "looking for a job",
        "looking for new opportunities",
        "seeking new opportunities",
        "seeking opportunities",
        "between jobs",
        "career break",
        "sabbatical",
        "stealth",
        "stealth startup",
        "stealth mode",
        "stealth mode startup",
        "confidential",
        "private",
        "freelance consultant",
        "self employed consultant",
        "zelfstandig consultant",
        "eigen zaak",
        "eigen bedrijf",
        "own business",
        "own company",
        "my own company",
    }
)

_WORD: Final = re.compile(r"[^\s,]+")
_VOWELS: Final = frozenset("aeiouy")
_CONSONANT_RUN: Final = re.compile(r"[b-df-hj-np-tv-xz]{3}")
_APOSTROPHES: Final = "'’‘`´ʼ"

_TABLE_LIMIT: Final = 50_000


class _CharTable(dict[int, str]):
    """``str.translate`` table built lazily: emoji and decorations → space, the rest unchanged."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if 0x1F3FB <= code <= 0x1F3FF or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF:
            result = ""  # skin tones, variation selectors, tags: parts of an emoji
        else:
            category = unicodedata.category(char)
            if category in ("Cf", "Me"):
                result = ""
            elif category in ("Cc", "Co", "Cs", "Cn") or (category == "So" and char not in "®™©℠"):
                result = " "
            else:
                result = char
        if len(self) < _TABLE_LIMIT:  # bounded: hostile input must not grow it without end
            self[code] = result
        return result


_CHARS: Final = _CharTable()


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def _is_acronym(word: str) -> bool:
    """Short upper-case words that are abbreviations: KBC, IBM, ASML, KPMG (not ACME, DELL)."""
    ascii_ = match_text(word).replace(" ", "")
    if len(ascii_) <= 3:
        return True
    if len(ascii_) <= 5:
        return not (_VOWELS & set(ascii_)) or bool(_CONSONANT_RUN.search(ascii_))
    return False


def _cap_part(part: str) -> str:
    """Capitalise one lower-case word part: Acme, McDonald, L'Oréal, McDonald's."""
    head = ""
    while len(part) > 2 and part[1] in _APOSTROPHES and part[0].isalpha():
        head += part[0].title() + part[1]
        part = part[2:]
    if part.startswith("mc") and len(part) > 2 and part[2].isalpha():
        return head + "Mc" + part[2].title() + part[3:]
    return head + part[:1].title() + part[1:]


def _case_like(word: str, pattern: str) -> str:
    """Give the letters of ``word`` the case of the letters of ``pattern`` (GMBH → GmbH)."""
    letters = [c for c in pattern if c.isalpha()]
    if len(letters) != len(_letters(word)):
        return word.upper()
    out: list[str] = []
    i = 0
    for char in word:
        if char.isalpha():
            out.append(char.upper() if letters[i].isupper() else char.lower())
            i += 1
        else:
            out.append(char)
    return "".join(out)


def _recase_word(word: str, first: bool) -> str:
    key = match_text(word)
    if not _letters(word) or any(c.isdigit() for c in word) or "&" in word:
        return word
    if key in _FUNCTION_WORDS:
        return _cap_part(word.lower()) if first else word.lower()
    if _is_acronym(word):
        return word
    return "-".join(_cap_part(p) for p in word.lower().split("-"))


def _recase_form_word(word: str) -> str:
    pattern = _FORM_WORD_CASE_BY_KEY.get(match_text(word).replace(" ", ""))
    return _case_like(word, pattern) if pattern else word.upper()


@dataclass(slots=True)
class _Parsed:
    key_words: list[str]
    forms: list[str]
    form_spans: list[tuple[int, int]]  # word-index ranges [start, end) of the legal forms


def _parse_forms(words: list[str]) -> _Parsed:
    """Find legal forms at the end (repeatedly) and at the start of a list of cell words."""
    flat = _form_words(words)
    keys = [w for w, _, _ in flat]
    lo, hi = 0, len(flat)
    if hi - lo > 1 and keys[0] == "the":
        lo = 1
    trailing: list[tuple[str, tuple[int, int]]] = []
    leading: list[tuple[str, tuple[int, int]]] = []

    def boundary(k: int) -> bool:
        """True when match word ``k`` starts a new cell word (a form never starts mid-word)."""
        return k == 0 or k == len(flat) or flat[k][1] != flat[k - 1][2]

    found = True
    while found:
        found = False
        for size in range(min(_LONGEST_FORM, hi - lo - 1), 0, -1):
            start = hi - size
            form = _FORMS.get(tuple(keys[start:hi]))
            if form and boundary(start) and _written_as_form(form, words, flat, start, hi):
                first_word, last_word = flat[start][1], flat[hi - 1][2]
                if form == "Co." and first_word > 0 and words[first_word - 1] in ("&", "+"):
                    form, first_word = "& Co.", first_word - 1  # "& Co": the & has no match word
                elif form == "AS" and "/" in words[first_word]:
                    form = "A/S"
                trailing.append((form, (first_word, last_word + 1)))
                hi = start
                found = True
                break
    for size in range(min(_LONGEST_FORM, hi - lo - 1), 0, -1):
        end = lo + size
        form = _FORMS.get(tuple(keys[lo:end]))
        if (
            form in _LEADING_FORMS
            and boundary(end)
            and _written_as_form(form, words, flat, lo, end)
        ):
            leading.append((form, (flat[lo][1], flat[end - 1][2] + 1)))
            lo = end
            if hi - lo > 1 and keys[lo] == "the":
                lo += 1
            break
    found_forms = leading + trailing[::-1]
    return _Parsed(
        key_words=keys[lo:hi],
        forms=[f for f, _ in found_forms],
        form_spans=[s for _, s in found_forms],
    )


def _written_as_form(
    form: str, words: list[str], flat: list[tuple[str, int, int]], start: int, end: int
) -> bool:
    """Guard for forms that are also ordinary words: ``SpA`` yes, ``Spa`` (a spa) no; ``v.o.s.``
    yes, ``De Vos`` (a surname) no."""
    if form not in _DOTTED_FORMS:
        return True
    written = "".join(words[flat[start][1] : flat[end - 1][2] + 1])
    return "." in written or written in _DOTTED_FORMS[form]


# Forms that are also ordinary words: recognised only with their dots or in these spellings.
_DOTTED_FORMS: Final[dict[str, tuple[str, ...]]] = {
    "S.p.A.": ("SpA", "SPA"),
    "v.o.s.": (),
    "d.d.": (),
    "Bt.": (),
}


def _parse(raw: str) -> CompanyName:
    text = " ".join(clean_cell(raw).translate(_CHARS).split())
    if not any(c.isalnum() for c in text):
        return CompanyName(None, None, None, raw)
    whole_key = match_text(_MARKS.sub("", text))
    if whole_key in _JUNK:
        return CompanyName(None, None, None, raw)

    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [text[a:b] for a, b in spans]
    parsed = _parse_forms(words)
    display = _display(text, words, spans, parsed)

    if whole_key in _NO_EMPLOYER:
        return CompanyName(display, None, None, raw)
    key = " ".join(parsed.key_words) or None
    legal = " ".join(dict.fromkeys(parsed.forms)) or None
    return CompanyName(display, key, legal, raw)


def _display(text: str, words: list[str], spans: list[tuple[int, int]], parsed: _Parsed) -> str:
    """The display form: the cleaned text, re-cased word by word when it is all capitals."""
    if not text.isupper():  # some lower-case letter, or no cased letter at all
        return text
    letters = _letters(text)
    in_form = {i for a, b in parsed.form_spans for i in range(a, b)}
    name_words = [w for i, w in enumerate(words) if i not in in_form and _letters(w)]
    if len(words) == 1 and len(letters) <= 4:
        return text  # IBM, KBC, ASML: a short acronym
    if all(_is_acronym(w) for w in name_words):
        return text  # KBC NV, BNP SA
    out: list[str] = []
    last = 0
    first = True
    for i, (a, b) in enumerate(spans):
        out.append(text[last:a])
        word = words[i]
        if i in in_form:
            out.append(_recase_form_word(word))
        else:
            out.append(_recase_word(word, first))
            first = first and not _letters(word)
        last = b
    out.append(text[last:])
    return "".join(out)


def _text_of(value: object) -> str | None:
    """The cell as text; bytes are read as UTF-8 (broken bytes become U+FFFD)."""
    try:
        if isinstance(value, bytes | bytearray):
            return bytes(value).decode("utf-8", "replace")
        return as_text(value)
    except Exception:  # an object whose str() fails is an unreadable cell, not a crash
        return None


def normalize_company(raw: object, /) -> CompanyName:
    """Clean a company cell into a display form, a legal-form-free match key and the legal form.

    Never raises: on any unexpected input the result holds only ``original``.
    """
    original = _text_of(raw)
    if original is None:
        return CompanyName(None, None, None, None)
    try:
        return _parse(original)
    except Exception:  # last-resort guard: a bad cell must never stop a million-row import
        return CompanyName(None, None, None, original)


# --- organisations -------------------------------------------------------------------------------

# Words that say what kind of organisation it is, not which one: a group, its holding, its
# regional arm or its line of business as every company writes it.
_GENERIC_WORDS: Final[frozenset[str]] = frozenset(
    """
    group groep gruppe groupe grupa gruppo grupo grupul skupina csoport ryhma koncern koncernen
    konsernet konsern konzern konserni concern holding holdings holdco beteiligungen participations
    international internationaal internationale internacional internazionale intl global
    worldwide industries industry industrie industrial industriel industriale solutions solution
    oplossingen losungen services service diensten dienstleistungen dienstleistung technik
    techniek technique techniques technologie technologies technology technologia tech
    systems system systemen systeme systemes sistemas sistemi enterprises enterprise companies
    europe europa european benelux nordic nordics nordisk scandinavia emea dach cee
    """.split()
)
# Connectors and articles between the words of a name (``&`` is already gone in match text).
_CONNECTORS: Final[frozenset[str]] = frozenset("and und en et och og i e y the of".split())
# Name particles: part of the name (they give ``Van Der Meer`` its initials ``VDM``), but on
# their own they do not tell two organisations apart.
_PARTICLES: Final[frozenset[str]] = frozenset(
    "van der den de het von vom zu la le les du des di da del della do dos das st saint".split()
)
# Legal-form words left inside a key (``Acme GmbH Deutschland``, ``Kowalski Sp. z o.o. Group``):
# forms that are no ordinary word or name (not ``vos``, ``sas``, ``ag``: a surname, an airline).
_FORM_WORDS: Final[frozenset[str]] = frozenset(
    """
    gmbh ggmbh gesmbh bvba cvba vzw asbl sprl scrl sarl eurl sasu kgaa ohg ltd plc llc llp inc
    corp kft zrt nyrt oyj aps asa srl sro doo eood uab lda slu commv commva scomm vof dac spzoo
    """.split()
)
_MAX_ORG_WORDS: Final = 8


@dataclass(frozen=True, slots=True)
class Organisation:
    """What names the organisation in a company cell (or a domain), for comparing two as
    organisations: ``Vandamme Group`` and ``Vandamme Hydraulics NV`` are one organisation."""

    words: tuple[str, ...]
    """The name's own words in order: no legal forms, generic words or connectors."""
    distinctive: frozenset[str]
    """The words that tell organisations apart (``words`` without name particles)."""
    generic: bool
    """True when nothing but generic words is left (``Solutions Group``): such a name neither
    contains nor is contained in another."""
    spelled: tuple[str, ...] = ()
    """The name as written, generic words included (``wagner walter systeme``): its initials
    are an abbreviation too (``WWS``)."""

    @property
    def initials(self) -> str:
        """First letters of the words: ``van der meer`` → ``vdm``."""
        return "".join(w[0] for w in self.words)

    @property
    def compact(self) -> str:
        """The words written together: ``van damme`` → ``vandamme``."""
        return "".join(self.words)

    @property
    def short_forms(self) -> frozenset[str]:
        """What the name may be shortened to: initials and joined spellings of its leading
        words (two or more): ``van der meer logistics`` → ``vdm``, ``vdml``, ``vandermeer``...;
        initials also with the generic words (``WWS``: Wagner & Walter Systeme) and without
        the particles (``VVA``: de Vries & Veenstra Automatisering)."""
        out: set[str] = set()
        for k in range(2, len(self.words) + 1):
            out.add("".join(self.words[:k]))
        sequences = {self.words, self.spelled}
        sequences |= {tuple(w for w in words if w not in _PARTICLES) for words in sequences}
        for words in sequences:
            for k in range(2, len(words) + 1):
                out.add("".join(w[0] for w in words[:k]))
        return frozenset(out)


def _organisation_words(key: str) -> Organisation | None:
    """The organisation in a match key (legal forms at both ends already removed)."""
    words = [w for w in key.split() if w not in _CONNECTORS] or key.split()  # "AND" is a name
    spelled = tuple(w for w in words if w not in _FORM_WORDS)[:_MAX_ORG_WORDS]
    own = [w for w in words if w not in _GENERIC_WORDS and w not in _FORM_WORDS]
    generic = not [w for w in own if w not in _PARTICLES]
    if generic:
        own = words  # only generic words: keep them, the name is what it is
    if not own:
        return None
    own = own[:_MAX_ORG_WORDS]
    distinctive = frozenset(w for w in own if w not in _PARTICLES) or frozenset(own)
    return Organisation(tuple(own), distinctive, generic, spelled)


@lru_cache(maxsize=1 << 16)
def _organisation_of_text(text: str) -> Organisation | None:
    key = normalize_company(text).match_key
    return _organisation_words(key) if key else None


def organisation_of(raw: object, /) -> Organisation | None:
    """The organisation a company cell names (None for an empty, filler or no-employer cell).

    Legal forms in any EU language, generic words (Group, Holding, International, Solutions,
    Technik...) and connectors (``&``, and, und, en, et, och, og) are left out: ``Vandamme
    Group``, ``Vandamme Hydraulics NV`` and ``VANDAMME`` all keep ``vandamme``.
    """
    text = _text_of(raw)
    if text is None:
        return None
    try:
        return _organisation_of_text(text)
    except Exception:  # like normalize_company: a bad cell is an empty cell, never a crash
        return None


FREE_MAIL_DOMAINS: Final[frozenset[str]] = frozenset(
    """
    gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de yahoo.it yahoo.es yahoo.nl
    yahoo.be yahoo.se yahoo.pl yahoo.gr ymail.com rocketmail.com hotmail.com hotmail.co.uk
    hotmail.fr hotmail.be hotmail.nl hotmail.de hotmail.it hotmail.es hotmail.se hotmail.dk
    outlook.com outlook.be outlook.fr outlook.de outlook.nl outlook.es outlook.it outlook.dk
    live.com live.be live.nl live.fr live.de live.co.uk live.it live.se live.dk msn.com
    icloud.com me.com mac.com aol.com aol.de aol.fr gmx.de gmx.net gmx.at gmx.ch gmx.com gmx.fr
    web.de t-online.de freenet.de arcor.de posteo.de mailbox.org online.de proton.me
    protonmail.com protonmail.ch pm.me tutanota.com tuta.io fastmail.com zoho.com yandex.com
    yandex.ru mail.ru mail.com email.com inbox.com orange.fr wanadoo.fr free.fr laposte.net
    sfr.fr neuf.fr bbox.fr numericable.fr telenet.be skynet.be scarlet.be proximus.be voo.be
    hetnet.nl ziggo.nl kpnmail.nl kpnplanet.nl planet.nl home.nl xs4all.nl chello.nl casema.nl
    upcmail.nl libero.it virgilio.it tiscali.it alice.it tin.it email.it wp.pl o2.pl onet.pl
    interia.pl op.pl poczta.fm seznam.cz centrum.cz email.cz atlas.cz post.cz azet.sk
    centrum.sk pobox.sk freemail.hu citromail.hu bluewin.ch hispeed.ch sunrise.ch telia.com
    bredband.net spray.se online.no luukku.com sapo.pt terra.es telefonica.net eircom.net
    btinternet.com sky.com virginmedia.com talktalk.net ntlworld.com abv.bg inbox.lv inbox.lt
    mail.ee hot.ee mail.dk jubii.dk ofir.dk get2net.dk post.tele.dk
    """.split()
)
"""Mail providers anyone can sign up with: an address there says nothing about an employer."""

# A provider is known by its name under any top-level domain (gmail.be, hotmail.lu, gmx.at),
# except names that are also ordinary words some employer's domain may be (web, home, post...).
_AMBIGUOUS_LABELS: Final[frozenset[str]] = frozenset(
    """
    web online me mac email mail post planet sky inbox hot terra sunrise live o2 op pm tin tuta
    atlas spray voo neuf bbox home alice centrum orange sapo sfr proximus telia
    """.split()
)
_FREE_MAIL_BRANDS: Final[frozenset[str]] = (
    frozenset(d.split(".")[0] for d in FREE_MAIL_DOMAINS) - _AMBIGUOUS_LABELS
)
_DOMAIN_CHARS: Final = re.compile(r"^[a-z0-9.-]+$")


def _registrable(raw: object) -> str | None:
    """The registrable domain of an address or domain (free mail included), None if none."""
    text = _text_of(raw)
    if text is None:
        return None
    domain = text.strip().lower().rsplit("@", 1)[-1].strip(".")
    if not _DOMAIN_CHARS.match(domain) or "." not in domain:
        return None
    labels = [x for x in domain.split(".") if x]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_free_mail(raw: object, /) -> bool:
    """True for an address or domain at a free-mail provider (gmail.com, telenet.be...)."""
    registrable = _registrable(raw)
    return registrable is not None and (
        registrable in FREE_MAIL_DOMAINS or registrable.split(".")[0] in _FREE_MAIL_BRANDS
    )


def registrable_domain(raw: object, /) -> str | None:
    """The organisation's domain of an address or domain (``jan@mail.vandamme.be`` →
    ``vandamme.be``); None for free-mail providers and for what is no domain."""
    registrable = _registrable(raw)
    if registrable is None or is_free_mail(registrable):
        return None
    return registrable


def organisation_of_domain(raw: object, /) -> Organisation | None:
    """The organisation a work address or domain names (``vandamme-group.example`` →
    ``vandamme``); None for free-mail providers (gmail, telenet.be...): no employer."""
    domain = registrable_domain(raw)
    if domain is None:
        return None
    words = match_text(domain.split(".")[0]).split()
    if len(words) == 1:
        # A generic word written onto the name (vandammegroup, nordlystech) comes off.
        word = words[0]
        for generic in _GENERIC_SUFFIXES:
            if word.endswith(generic) and len(word) - len(generic) >= 3:
                word = word[: -len(generic)]
                break
        words = [word]
    return _organisation_words(" ".join(words))


_GENERIC_SUFFIXES: Final = tuple(
    sorted((w for w in _GENERIC_WORDS if len(w) >= 4), key=len, reverse=True)
)


def is_abbreviation(short: str, word: str, /) -> bool:
    """True when ``short`` (2-5 letters) could abbreviate ``word``: same first letter, its other
    letters in order inside ``word`` (``vdm`` → ``vandamme``). Weak evidence on its own."""
    if not 2 <= len(short) <= 5 or len(word) <= len(short) or short[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])
