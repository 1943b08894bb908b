"""Person names from lead exports: display forms, match forms, and what people type around them.

Name cells in real exports (LinkedIn, badge scans, CRM lists) carry titles (``Dr. Diana``),
credentials (``Nayak, MSc, MBA``), pronouns (``(he/him)``), nicknames (``Anand ( Andy )``,
``James "Tyler"``), former names (``(Stillman) Sherrick``), emoji and decorations, and
ALL-CAPS or all-lower spellings. Dedupe and data-subject requests compare people through
``match_first`` / ``match_last`` / ``match_full``, so these must hold the name and nothing else.

Rules, in the order they are applied to each cell:

* **Empty and placeholder cells.** A cell with no letters (``-``, ``.``, ``?``, ``123``), an
  Excel error (``#N/A``) or a placeholder word (``n/a``, ``x``, ``xx``, ``unknown``, ``null``,
  ``none``, ``onbekend``, ``inconnu``, ``unbekannt``, ...) is empty. Bare ``na``/``NA`` and
  ``nan`` are kept: ``Na`` (Korean) and ``Nan`` are real names, and pandas turns the
  placeholder spellings into missing values before they get here.
* **Decorations.** Emoji, flags, ``★``, bullets, symbols and control characters are removed from
  every form; mathematical "fancy font" letters (``𝐉𝐚𝐧``) become plain letters.
* **Headlines.** Anything after a ``|`` (``Jan Peeters | Growth``) is not part of the name.
* **Pronouns** such as ``(he/him)``, ``she/her``, ``(hij/hem)``, ``(il/lui)``, ``(er/ihm)`` are
  dropped. They are not stored anywhere.
* **Nicknames.** Text in double quotes (any style) or single quotes around a whole word, and
  text in parentheses or brackets in a first-name or full-name cell, goes to ``nickname``.
* **Former (maiden) names.** Text in parentheses in a last-name cell, or before the comma of a
  ``LAST, First`` cell, is a former surname: ``(Stillman) Sherrick`` → last ``Sherrick``. It is
  dropped from ``last`` and ``match_last`` and *not* put into ``nickname``, because later stages
  compare nicknames with given names. It survives in ``original``.
* **Credentials.** After a comma, a part made only of known credentials (``MSc``, ``MBA``,
  ``PhD``, ``CFP®``, ``CEO``...), of tokens carrying ``®``/``™``, or, in a mixed-case cell, of
  ALL-CAPS abbreviations of 2-6 letters (``PHR``) is a credential; otherwise the part after the
  comma is a given name (``Peeters, Jan``). Without a comma, a trailing known credential of 3+
  letters written with its capitals (``Smith PhD``, ``Jansen MBA``) is one too; two-letter ones
  (``MA``, ``MS``) need the comma because ``Ma`` is also a surname.
* **Titles and salutations** at the start of a first-name or full-name cell, or after a comma
  (``Müller, Dr.``), go to ``title`` in a canonical spelling: ``Dr.``, ``Prof. Dr.``,
  ``prof.dr.ir.``, ``dr. ir.``, ``Dr. med.``, ``dr hab.``, ``Ing.``, ``Ir.``, ``Drs.``, ``Mr.``,
  ``Mrs.``, ``Ms.``, ``Dhr.``, ``Mevr.``, ``Mme``, ``Mlle``, ``Herr``, ``Frau``, ``Hr.``,
  ``Dipl.-Ing.``, ``Fru``, ``Frk.``, ``Herra``, ``Rouva``, ``Sig.``, ``Sig.ra``, ``Dott.ssa``,
  ``Avv.``, ``Sr.``/``Sra.`` (Señor/Senhor before a name), ``Dña.``, ``Dra.``, ``Pani``, ``mgr
  inż.``... Titles that are also initials or names count only at the start of a cell, written as
  shown, and only before a given name of two letters or more (and, in a full-name cell, a
  surname after it): ``M.`` (``M. Paul`` is Monsieur Paul, ``Paul M.`` keeps its initial,
  ``M. Delvaux`` says nothing), ``D.`` (Don), ``Sig.``, ``Eng.``, ``Rag.`` and Polish ``Pan``,
  which is also a surname. ``Don`` is a given name and is left alone.
* **Suffixes** ``Jr.``, ``Sr.``, ``II``, ``III``, ``IV``, ``Junior``, ``Senior`` at the end of any
  cell, or after a comma, go to ``suffix``: they tell a father from a son, so they are kept there
  and not in the match forms. ``Sr.`` is Senior after a name and Señor before it. In a full-name
  cell, ``Junior``/``Senior`` need a given name and a surname before them (``John Senior``).
* **Splitting a full name** (used when first or last is missing): ``LAST, First`` (a lone
  word before credentials, ``Nayak, MSc``, is a surname); an upper-case surname of 3+ letters
  written before or after lower-case words (``PEETERS Jan``, ``VAN DEN BROECK Anne-Marie``,
  ``Jean DUPONT``; ``JP Smith`` and an ALL-CAPS cell say nothing); a leading particle
  (``van Dijk Jan``; ``van Dijk`` and ``De Smet`` alone are surnames, ``Van Morrison`` is not);
  a surname followed by initials of 2+ letters (``Peeters J.P.``; ``Jan P.`` is how LinkedIn
  hides a surname); ``First van der Last`` (the surname starts at the first particle); else the
  last word is the surname. A single word is a given name, except after a salutation
  (``Mr Smith``, ``Frau Müller``, ``Mevr. Jansen``), where it is the surname. When only one of
  first/last is given, the full name fills the other (``Jan`` + ``Peeters Jan`` → ``Peeters``).
* **Separate cells are never re-split**, but a first name that repeats the last name at its end
  (first ``Jan Peeters``, last ``Peeters``) loses the repetition. Words without a letter
  (``Peeters 2``) are dropped.
* **Casing.** Only a part that is entirely upper-case or entirely lower-case is re-cased;
  mixed-case input keeps its casing (``Van den Broeck`` stays, ``McDonald`` stays). Re-casing
  capitalises each word and hyphen part (``anne-marie`` → ``Anne-Marie``), ``Mc`` (``McDonald``;
  ``Mac`` is left alone because of ``Machado``), one-letter apostrophe prefixes (``O'Brien``,
  ``D'Hondt``, keeping the apostrophe that was typed) and the Dutch ``IJ``. In a surname the
  particles van, von, vom, zu, zum, zur, de, den, der, des, du, la, le, ter, ten, te, het, 't, di,
  da, del, della, dos, das, do stay lower-case when a non-particle word follows
  (``VAN DEN BROECK`` → ``van den Broeck``, ``DE SMET`` → ``de Smet``); ``d'``/``l'`` inside a
  surname stays lower-case (``Giscard d'Estaing``) but starts a one-word surname with a
  capital (``D'Hondt``, like ``D'Souza``). Belgian ``Van``/``De`` are kept only when written so.
* **Match forms** are ``match_text`` of the display parts (transliterated, lower-case, no
  punctuation): ``Łukasz`` ~ ``Lukasz``, ``Müller`` ~ ``Muller``, ``Иван`` ~ ``ivan``.

:func:`normalize_person_name` never raises: on unexpected input every field is None except
``original``. Bytes are read as UTF-8, and ``original`` then holds the decoded text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from leadguard.normalize._text import as_text, clean_cell, match_text

__all__ = ["PersonName", "normalize_person_name"]


@dataclass(frozen=True, slots=True)
class PersonName:
    """One person's name split into display and match forms, with what was typed around it."""

    first: str | None
    """Display form of the given name(s): ``Jan``, ``Anne-Marie``, ``Łukasz``."""
    last: str | None
    """Display form of the surname: ``Van den Broeck``, ``O’Brien``, ``Müller``."""
    full: str | None
    """Display ``first last`` (whichever exists)."""
    match_first: str | None
    """``match_text`` of ``first``: no title, nickname, credentials or decorations."""
    match_last: str | None
    """``match_text`` of ``last``: no former name, suffix, credentials or pronouns."""
    match_full: str | None
    """``match_first + " " + match_last``, or whichever exists."""
    title: str | None
    """Titles in canonical spelling, space-separated: ``Dr.``, ``Prof. Dr.``, ``Mevr.``."""
    suffix: str | None
    """Generational suffix: ``Jr.``, ``Sr.``, ``II``, ``III``, ``IV``."""
    credentials: str | None
    """Credentials as written, comma-separated: ``MSc, MBA, PHR``, ``CFP®, AAMS™``."""
    nickname: str | None
    """Nickname(s): ``Andy`` from ``Anand ( Andy )``, ``Tyler`` from ``James "Tyler"``."""
    original: tuple[str | None, str | None, str | None]
    """The ``(first, last, full)`` cells exactly as given (as text)."""


# --- vocabularies ----------------------------------------------------------------------------

# Keys are lower-case with dots removed; values are the canonical spelling. Titles and
# salutations as forms in BE/NL/FR/DE/AT/IT/ES/PT/PL/CZ/Nordic countries and GB/US write them.
_TITLES: Final[dict[str, str]] = {
    # English
    "dr": "Dr.",
    "prof": "Prof.",
    "mr": "Mr.",
    "mrs": "Mrs.",
    "ms": "Ms.",
    "miss": "Miss",
    "mx": "Mx.",
    "mister": "Mr.",
    "madam": "Madam",
    "sir": "Sir",
    "dame": "Dame",
    "rev": "Rev.",
    # Dutch and Flemish (mr. is the Dutch law degree, written like the English Mr.)
    "ing": "Ing.",
    "ir": "Ir.",
    "drs": "Drs.",
    "dhr": "Dhr.",
    "mevr": "Mevr.",
    "mevrouw": "Mevr.",
    "mw": "Mevr.",
    "meneer": "Dhr.",
    "mej": "Mej.",
    "mejuffrouw": "Mej.",
    # French (M. is below: it is also an initial)
    "mme": "Mme",
    "mlle": "Mlle",
    "madame": "Mme",
    "mademoiselle": "Mlle",
    "monsieur": "M.",
    "pr": "Prof.",
    # German and Austrian
    "herr": "Herr",
    "frau": "Frau",
    "hr": "Hr.",
    "fr": "Fr.",
    "mag": "Mag.",
    "maga": "Mag.a",
    "drin": "Dr.in",
    "dipl-ing": "Dipl.-Ing.",
    "dr-ing": "Dr.-Ing.",
    "dipl-kfm": "Dipl.-Kfm.",
    # Swedish, Danish, Norwegian, Finnish
    "fru": "Fru",
    "frk": "Frk.",
    "fröken": "Frk.",
    "frøken": "Frk.",
    "herra": "Herra",
    "rouva": "Rouva",
    "neiti": "Neiti",
    # Finnish doctorates written before the name: tekniikan / kauppatieteiden tohtori,
    # tekniikan lisensiaatti
    "tkt": "TkT",
    "ktt": "KTT",
    "tkl": "TkL",
    # Italian
    "sigra": "Sig.ra",
    "signa": "Sig.na",
    "signor": "Sig.",
    "signora": "Sig.ra",
    "signorina": "Sig.na",
    "dott": "Dott.",
    "dottssa": "Dott.ssa",
    "dottor": "Dott.",
    "dottore": "Dott.",
    "dottoressa": "Dott.ssa",
    "drssa": "Dott.ssa",
    "profssa": "Prof.ssa",
    "avv": "Avv.",
    "arch": "Arch.",
    "geom": "Geom.",
    # Spanish and Portuguese ("Sr." before a name is Señor/Senhor, after it Senior)
    "sr": "Sr.",
    "sra": "Sra.",
    "srta": "Srta.",
    "srª": "Sra.",
    "señor": "Sr.",
    "señora": "Sra.",
    "señorita": "Srta.",
    "senhor": "Sr.",
    "senhora": "Sra.",
    "dña": "Dña.",
    "doña": "Dña.",
    "dª": "Dña.",
    "dra": "Dra.",
    "drª": "Dra.",
    "lic": "Lic.",
    "lcdo": "Lic.",
    "lcda": "Lic.",
    "enga": "Eng.ª",
    "engª": "Eng.ª",
    "exmo": "Exmo.",
    "exma": "Exma.",
    # Polish and Czech
    "pani": "Pani",
    "mgr": "mgr",
    "inż": "inż.",
    "inz": "inż.",
    "bc": "Bc.",
    "judr": "JUDr.",
    "mudr": "MUDr.",
    "phdr": "PhDr.",
    "rndr": "RNDr.",
}

# Titles that are also initials or names ("M. Paul" is Monsieur Paul, "Paul M." an initial;
# "Pan" is Polish for Mr. and also a surname): key → (canonical spelling, must be written with
# a dot). They count only at the start of a cell and only before a given name of two letters
# or more, never after a comma and never inside dotted runs such as "M.D.".
_GUARDED_TITLES: Final[dict[str, tuple[str, bool]]] = {
    "m": ("M.", True),
    "d": ("D.", True),
    "sig": ("Sig.", True),
    "eng": ("Eng.", True),
    "rag": ("Rag.", True),
    "pan": ("Pan", False),
}

# German and Polish doctorate qualifiers that follow "Dr.": Dr. med., Dr. rer. nat., dr hab.
_DOCTOR_QUALIFIERS: Final[dict[str, str]] = {
    q.replace(".", ""): q
    for q in "med. dent. vet. rer. nat. pol. phil. jur. oec. techn. sc. habil. hab. h.c.".split()
}

# Salutations: "Mr Smith", "Frau Müller", "Mevr. Jansen", "Sig.ra Rossi" name the surname, not
# a given name.
_SALUTATIONS: Final[frozenset[str]] = frozenset(
    """
    Mr. Mrs. Ms. Miss Mx. Madam Mme Mlle M. Herr Frau Hr. Fr. Dhr. Mevr. Mej. Sir Dame Fru Frk.
    Herra Rouva Neiti Sig. Sig.ra Sig.na Sr. Sra. Srta. Dña. D. Pan Pani
    """.split()
)

_SUFFIXES: Final[dict[str, str]] = {
    "jr": "Jr.",
    "jnr": "Jr.",
    "junior": "Jr.",
    "júnior": "Jr.",
    "sr": "Sr.",
    "snr": "Sr.",
    "senior": "Sr.",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
}

# Suffixes written as words: in a full-name cell they need a given name and a surname before
# them ("John Senior" may be Mr Senior).
_WORD_SUFFIXES: Final[frozenset[str]] = frozenset({"junior", "júnior", "senior"})

# Lower-case, dots and spaces removed. Job-title tags (CEO, Founder) are included: people put
# them after their surname like credentials, and they are not part of the name either.
_CREDENTIALS: Final[frozenset[str]] = frozenset(
    """
    phd dphil edd md mba emba msc bsc ma ba ms bs meng beng mphil mres llm llb jd lld mpa mph
    mfa bfa bba dba cpa cma cfa cfp chfc clu aams crpc cima frm caia cfe cams acca fcca aca fca
    acma cgma cia cisa cism cissp crisc cipp cippe cipp/e cipp/us cipm cipt pmp capm pgmp prince2
    csm cspo psm itil phr sphr gphr shrm-cp shrm-scp cipd mcipd fcipd chrp rn bsn msn np dds dmd
    dvm pharmd psyd esq pe peng ceng ieng mice miet mimeche mbcs citp frics mrics cscp cpim cpsm
    mcips fcips ceo cto cfo coo cmo cio ciso cso cpo cro vp svp evp founder cofounder co-founder
    """.split()
)

_PARTICLES: Final[frozenset[str]] = frozenset(
    """
    van von vom zu zum zur de den der des du la le ter ten te het 't ’t di da del della dos das do
    vander vanden vande
    """.split()
)

# Particles that, at the start of a full name, mean the surname comes first (``van Dijk Jan``).
# ``la``/``le``/``du`` are left out: ``La Toya Jackson``.
_LEADING_PARTICLES: Final[frozenset[str]] = frozenset(
    "van von vom zu de den der ter ten te vander vanden vande 't ’t".split()
)

_PLACEHOLDERS: Final[frozenset[str]] = frozenset(
    {
        "n a",
        "n v t",
        "nvt",
        "x",
        "xx",
        "xxx",
        "xxxx",
        "null",
        "none",
        "unknown",
        "unbekannt",
        "onbekend",
        "inconnu",
        "inconnue",
        "tbd",
        "undefined",
        "not available",
        "not applicable",
        "no name",
        "noname",
    }
)

_LONGEST_PLACEHOLDER: Final = 2 * max(len(p) for p in _PLACEHOLDERS)
_PLACEHOLDER_INITIALS: Final = frozenset(p[0] for p in _PLACEHOLDERS)
_LETTER: Final = re.compile(r"[^\W\d_]")
# Characters that call for the slower steps (pronouns, quotes, brackets, commas); most cells
# have none of them.
_STRUCTURE: Final = re.compile(r"[/\"“„«‹'’‘`´ʼ()\[\]{},;]")

_PRONOUN_WORDS = (
    "he|him|his|she|her|hers|they|them|their|theirs|xe|xem|ze|zir|hir|hij|hem|zij|haar|hen|hun|"
    "die|diens|il|lui|elle|iel|er|ihm|ihn|sie|ihr|xier|han|honom|hon|henne|on|jego|ona|jej|oni"
)
_PRONOUNS_IN_BRACKETS: Final = re.compile(
    rf"[(\[]\s*(?:{_PRONOUN_WORDS})(?:\s*/\s*(?:{_PRONOUN_WORDS}))+\s*[)\]]", re.IGNORECASE
)
_PRONOUNS_BARE: Final = re.compile(
    rf"(?<!\w)(?:{_PRONOUN_WORDS})(?:\s*/\s*(?:{_PRONOUN_WORDS}))+(?!\w)", re.IGNORECASE
)
_EXCEL_ERROR: Final = re.compile(
    r"#(?:N/A|NAME\?|VALUE!|REF!|DIV/0!|NULL!|NUM!|SPILL!|CALC!)", re.IGNORECASE
)

_OPEN_QUOTES = '"“„«‹'
_CLOSE_QUOTES = '"”“»›'
_DOUBLE_QUOTED: Final = re.compile(
    rf"[{_OPEN_QUOTES}]([^{_OPEN_QUOTES}{_CLOSE_QUOTES}]*)[{_CLOSE_QUOTES}]"
)
# 'Tyler' as a whole word; the opening quote must start a word so that O'Brien and 't Hooft,
# which have no closing quote at a word end, are left alone.
_SINGLE_QUOTED: Final = re.compile(r"(?<!\S)['‘’`]([^'‘’`\s](?:[^'‘’`]*[^'‘’`\s])?)['‘’`](?!\S)")
_BRACKETED: Final = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_STRAY: Final = re.compile(r"[()\[\]{}\"“”„«»‹›/]")
_MARKS: Final = re.compile(r"[®™©℠]")
_APOSTROPHES: Final = "'’‘`´ʼ"
_INITIALS: Final = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?|[^\W\d_]")


# --- character table -------------------------------------------------------------------------

# Punctuation the parser needs (quotes, brackets, commas, slashes for pronouns, apostrophes,
# hyphens, dots) and the marks that identify credentials. Everything else that is not a letter,
# digit, combining mark or space is decoration.
_KEEP_PUNCT: Final = frozenset("'’‘`´ʼ-‐‑.,;·()[]{}/\"“”„«»‹›®™©℠")


_TABLE_LIMIT: Final = 50_000


class _CharTable(dict[int, str]):
    """``str.translate`` table built lazily: decorations → space, fancy letters → plain ones."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        result = self._classify(char, code)
        if len(self) < _TABLE_LIMIT:  # bounded: hostile input must not grow it without end
            self[code] = result
        return result

    @staticmethod
    def _classify(char: str, code: int) -> str:
        # Emoji skin tones, variation selectors and tag characters glue onto emoji; drop them.
        if 0x1F3FB <= code <= 0x1F3FF or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF:
            return ""
        if char in _KEEP_PUNCT:
            return char
        category = unicodedata.category(char)
        head = category[0]
        if head in "LN" or category in ("Mn", "Mc"):
            # Mathematical and full-width letters (LinkedIn "fancy fonts") read as plain ones.
            if 0x1D400 <= code <= 0x1D7FF or 0xFF01 <= code <= 0xFF5E:
                return unicodedata.normalize("NFKC", char)
            return char
        if category in ("Cf", "Me"):
            return ""
        if category == "So":
            plain = unicodedata.normalize("NFKC", char)
            if plain.isalnum():  # circled letters: Ⓐ → A
                return plain
        return " "


_CHARS: Final = _CharTable()


# --- per-cell parsing ------------------------------------------------------------------------

_FIRST, _LAST, _FULL = 0, 1, 2


@dataclass(slots=True)
class _Extras:
    """What a cell carried besides the name itself."""

    titles: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    credentials: list[str] = field(default_factory=list)
    nicknames: list[str] = field(default_factory=list)


def _is_placeholder(text: str) -> bool:
    """True for a cell that holds no name: no letters or a placeholder word."""
    letter = _LETTER.search(text)
    if not letter:
        return True
    # Cheap filters first: most names are not short words starting like a placeholder.
    return (
        len(text) <= _LONGEST_PLACEHOLDER
        and letter.group().lower() in _PLACEHOLDER_INITIALS
        and match_text(text) in _PLACEHOLDERS
    )


def _is_uniform(text: str) -> bool:
    """True when the text's letters are all upper-case or all lower-case."""
    return text == text.upper() or text == text.lower()


def _letters(token: str) -> str:
    return "".join(c for c in token if c.isalpha())


def _key(token: str) -> str:
    """Vocabulary key: lower-case, without dots, spaces and trademark marks."""
    return _MARKS.sub("", token.replace(".", "").replace(" ", "")).lower()


def _is_suffix(token: str) -> bool:
    return _key(token) in _SUFFIXES


def _credential_token(token: str, *, after_comma: bool, uniform: bool) -> bool:
    """Whether one token is a credential; without a comma only unmistakable spellings count."""
    if "®" in token or "™" in token or "℠" in token:
        return True
    key = _key(token)
    letters = _letters(token)
    if after_comma:
        if key in _CREDENTIALS:
            return True
        # Unknown certifications (CSCP, PHR) look like short ALL-CAPS abbreviations, but in an
        # ALL-CAPS cell so does every name (PEETERS, JAN).
        return (
            not uniform and 2 <= len(letters) <= 6 and letters.isupper() and letters.lower() == key
        )
    # Bare trailing token: must be a known credential written with its capitals (PhD, MBA),
    # and long enough not to be a surname (Ma, Ms).
    return (
        not uniform
        and key in _CREDENTIALS
        and len(letters) >= 3
        and any(c.isupper() for c in letters[1:])
    )


def _segment_kind(segment: str, uniform: bool) -> str:
    """Classify a comma-separated part: "suffix", "title", "credential" or "name".

    ``uniform`` is True for an ALL-CAPS/all-lower cell, and also for text in brackets, where
    two capitals are initials of a nickname (``Robert (RC)``) rather than a credential.
    """
    tokens = segment.split()
    if all(_is_suffix(t) for t in tokens):
        return "suffix"
    if all(t.lower().replace(".", "") in _TITLES for t in tokens):
        return "title"  # Müller, Dr.
    if "®" in segment or "™" in segment:
        return "credential"
    if all(
        _is_suffix(t) or _credential_token(t, after_comma=True, uniform=uniform) for t in tokens
    ):
        return "credential"
    return "name"


def _take_titles(tokens: list[str], extras: _Extras, keep: int) -> list[str]:
    """Move leading titles (``Dr.``, ``prof.dr.ir.``, ``M. Paul``) to ``extras``, keeping
    ``keep`` words."""
    i = 0
    while len(tokens) - i > keep:
        token = tokens[i]
        lower = token.lower()
        key = lower.replace(".", "")
        if key in _TITLES:
            extras.titles.append(_TITLES[key])
        elif key in _DOCTOR_QUALIFIERS and extras.titles and extras.titles[-1] == "Dr.":
            extras.titles.append(_DOCTOR_QUALIFIERS[key])
        elif key in _GUARDED_TITLES:
            canonical, dotted = _GUARDED_TITLES[key]
            if (dotted and not lower.endswith(".")) or not _given_name_follows(tokens, i, keep):
                break
            extras.titles.append(canonical)
        else:
            pieces = [p for p in lower.split(".") if p]
            if len(pieces) < 2 or not all(p in _TITLES for p in pieces):
                break
            extras.titles.extend(_TITLES[p] for p in pieces)
        i += 1
    return tokens[i:]


def _given_name_follows(tokens: list[str], i: int, keep: int) -> bool:
    """Whether a guarded title at ``tokens[i]`` is followed by a given name (two letters or
    more, not initials) and, in a full-name cell (``keep`` 1), by a surname after it."""
    if len(tokens) - i - 1 < keep + 1:
        return False
    following = tokens[i + 1]
    return len(_letters(following)) >= 2 and not _is_initials(following)


def _take_tail(
    tokens: list[str], extras: _Extras, uniform: bool, suffixes: bool, keep: int = 1
) -> list[str]:
    """Move trailing suffixes and bare credentials to ``extras``, keeping at least one token
    (``keep`` tokens before a suffix written as a word: ``Senior``, ``Junior``)."""
    found_credentials: list[str] = []
    found_suffixes: list[str] = []
    end = len(tokens)
    while end > 1:
        token = tokens[end - 1]
        key = _key(token)
        if suffixes and key in _SUFFIXES and (end > keep or key not in _WORD_SUFFIXES):
            found_suffixes.append(_SUFFIXES[key])
        elif _credential_token(token, after_comma=False, uniform=uniform):
            found_credentials.append(token)
        else:
            break
        end -= 1
    tokens = tokens[:end]
    extras.suffixes.extend(reversed(found_suffixes))
    extras.credentials.extend(reversed(found_credentials))
    return tokens


def _words(text: str) -> list[str]:
    """Words of a name part, without stray hyphens and apostrophes at their ends; words
    without a letter (``-``, ``’``, ``®``) are dropped."""
    out: list[str] = []
    for raw in text.split():
        if raw.isalpha():
            out.append(raw)
            continue
        word = raw.strip("-‐‑·")
        # A leading apostrophe belongs only to Dutch 't / 's; a trailing one to nothing.
        word = word.rstrip(_APOSTROPHES)
        if word[:1] in _APOSTROPHES and word[1:2].lower() not in ("t", "s"):
            word = word.lstrip(_APOSTROPHES)
        if any(c.isalpha() for c in word):
            out.append(word)
    return out


def _finish(words: list[str]) -> list[str]:
    """Final name words: trademark marks removed, the dot after a full word dropped."""
    out: list[str] = []
    for raw in words:
        if raw.isalpha():
            out.append(raw)
            continue
        word = _MARKS.sub("", raw)
        if len(_letters(word)) >= 3 and not _INITIALS.fullmatch(word):
            # Keep the dot of initials and abbreviations (J., J.P.K., St.); drop it after a word.
            word = word.rstrip(".")
        out.extend(_words(word))
    return out


def _prepare(raw: str) -> str:
    """Clean a cell: NFC, CSV-doubled quotes, headline after ``|`` and decorations removed."""
    text = clean_cell(raw)
    if text[:1] == "#" and _EXCEL_ERROR.fullmatch(text):
        return ""  # #N/A, #NAME?, #VALUE!: a formula that failed, not a name
    if '""' in text:
        if len(text) > 2 and text[0] == '"' and text[-1] == '"':
            text = text[1:-1]
        text = text.replace('""', '"')
    if "|" in text:
        text = text.split("|", 1)[0]
    text = text.translate(_CHARS)
    return " ".join(text.split())


@dataclass(slots=True)
class _Cell:
    """One parsed cell: given-name and surname words, plus extras."""

    given: list[str]
    surname: list[str]
    extras: _Extras


def _parse_cell(raw: str | None, role: int, surname: list[str] | None = None) -> _Cell | None:
    """Parse one cell in its role (first, last or full name); None when it holds no name.

    ``surname``, for a first-name cell, is the parsed last name: a first-name cell that repeats
    it at its end (``Jan Peeters`` / ``Peeters``) loses the repetition.
    """
    if raw is None:
        return None
    text = _prepare(raw)
    if not text or _is_placeholder(text):
        return None
    extras = _Extras()
    if _STRUCTURE.search(text):
        if "/" in text:
            text = _PRONOUNS_IN_BRACKETS.sub(" ", text)
            text = _PRONOUNS_BARE.sub(" ", text)
        if any(q in text for q in _OPEN_QUOTES):
            text = _extract_quoted(_DOUBLE_QUOTED, text, extras)
        if any(q in text for q in _APOSTROPHES):
            text = _extract_quoted(_SINGLE_QUOTED, text, extras)
        uniform = _is_uniform(text)
        if any(b in text for b in "([{"):
            text = _extract_bracketed(text, role, extras)
        text = _STRAY.sub(" ", text)
        head, given_segments = _split_commas(text, extras, uniform)
    else:
        uniform = _is_uniform(text)
        head, given_segments = text, []
    if role == _FULL and (given_segments or ("," in text and " " not in head.strip())):
        # LAST, First — or a lone surname with credentials after the comma (Nayak, MSc).
        last_words = _take_tail(_words(head), extras, uniform, suffixes=True)
        first_words = _take_titles(_words(" ".join(given_segments)), extras, keep=0)
        return _Cell(_finish(first_words), _finish(last_words), extras)
    words = _words(head + " " + " ".join(given_segments))
    if role == _LAST:
        words = _take_tail(words, extras, uniform, suffixes=True)
        return _Cell([], _finish(words), extras)
    if role == _FIRST:
        words = _take_titles(words, extras, keep=0)
        while True:
            words = _take_tail(words, extras, uniform, suffixes=True)
            k = len(surname or ())
            if not (k and len(words) > k and _same_words(words[-k:], surname or [])):
                break
            words = words[:-k]  # repeated until none is left, so a second pass changes nothing
        return _Cell(_finish(words), [], extras)
    words = _take_titles(words, extras, keep=1)
    words = _take_tail(words, extras, uniform, suffixes=True, keep=2)
    words = _finish(words)
    if len(words) == 1 and extras.titles and extras.titles[0] in _SALUTATIONS:
        return _Cell([], words, extras)  # Mr Smith, Frau Müller
    given, last_words = _split_full(words)
    return _Cell(given, last_words, extras)


def _extract_quoted(pattern: re.Pattern[str], text: str, extras: _Extras) -> str:
    """Move quoted words to nicknames; a cell that is quoted as a whole is just unwrapped."""
    whole = pattern.fullmatch(text)
    if whole:
        return whole.group(1)

    def take(match: re.Match[str]) -> str:
        nickname = " ".join(match.group(1).split())
        if nickname and not _is_placeholder(nickname):
            extras.nicknames.append(nickname)
        return " "

    return pattern.sub(take, text)


def _extract_bracketed(text: str, role: int, extras: _Extras) -> str:
    """Sort bracketed text into credentials, nicknames or (dropped) former surnames."""
    whole = _BRACKETED.fullmatch(text)
    if whole:
        return whole.group(1)
    # In ``LAST, First`` the part before the first comma is the surname.
    outside = _BRACKETED.sub(lambda m: "\0" * len(m.group(0)), text)
    comma = outside.find(",")

    def take(match: re.Match[str]) -> str:
        content = " ".join(match.group(1).split())
        if not content or _is_placeholder(content):
            return " "
        parts = [p.strip() for p in content.split(",") if p.strip()]
        if all(_segment_kind(p, uniform=True) != "name" for p in parts):
            extras.credentials.extend(parts)
        elif role == _LAST or (role == _FULL and match.end() <= comma):
            pass  # a former (maiden) surname: not part of the current name, see module docs
        else:
            extras.nicknames.append(content)
        return " "

    return _BRACKETED.sub(take, text)


def _split_commas(text: str, extras: _Extras, uniform: bool) -> tuple[str, list[str]]:
    """Split off comma parts: credentials and suffixes go to ``extras``, names are returned."""
    if "," not in text and ";" not in text:
        return text, []
    segments = [s.strip() for s in text.replace(";", ",").split(",")]
    head = segments[0]
    names: list[str] = []
    for segment in segments[1:]:
        if not segment or not any(c.isalpha() for c in segment):
            continue
        kind = _segment_kind(segment, uniform)
        if kind == "suffix":
            extras.suffixes.extend(_SUFFIXES[_key(t)] for t in segment.split())
        elif kind == "title":
            extras.titles.extend(_TITLES[t.lower().replace(".", "")] for t in segment.split())
        elif kind == "credential":
            extras.credentials.append(segment)
        else:
            names.append(segment)
    if not head.strip() and names:
        head, names = names[0], names[1:]
    return head, names


def _is_caps_word(token: str) -> bool:
    letters = _letters(token)
    return len(letters) >= 2 and letters.isupper()


def _is_initials(token: str) -> bool:
    return bool(_INITIALS.fullmatch(token)) and len(token) <= 8


def _is_particle(token: str) -> bool:
    return token.lower() in _PARTICLES


def _split_full(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split the words of a full name into (given names, surname); see the module docs."""
    n = len(tokens)
    if n <= 1:
        return tokens, []
    # Peeters J.P. / Peeters J. P.: surname, then initials. A single one-letter initial is left
    # alone: "Jan P." is how LinkedIn shows a hidden surname.
    k = n
    while k > 0 and _is_initials(tokens[k - 1]):
        k -= 1
    if 0 < k < n and not _is_initials(tokens[0]) and len(_letters("".join(tokens[k:]))) >= 2:
        return tokens[k:], tokens[:k]
    caps = [_is_caps_word(t) for t in tokens]
    # Capitals only mark the surname next to words written in lower case (PEETERS Jan); in an
    # ALL-CAPS cell they say nothing.
    if any(caps) and any(c.islower() for t in tokens for c in t):
        # PEETERS Jan / VAN DEN BROECK Anne-Marie: an upper-case surname written first.
        run = 0
        while caps[run]:
            run += 1
        if run and any(len(_letters(t)) >= 3 for t in tokens[:run]):
            return tokens[run:], tokens[:run]
        # Jean DUPONT / Jean-Pierre DE LA FONTAINE: an upper-case surname written last.
        start = n
        while caps[start - 1]:
            start -= 1
        if start < n and any(len(_letters(t)) >= 3 for t in tokens[start:]):
            # Jan Van Den BROECK: particles written before the capitals belong to the surname.
            while start > 1 and _is_particle(tokens[start - 1]):
                start -= 1
            return tokens[:start], tokens[start:]
    first = tokens[0]
    if first.lower() in _LEADING_PARTICLES and not (n == 2 and first == "Van"):
        # van Dijk Jan: the surname (particles and one word) comes first. Two words starting
        # with a capitalised "Van" are more likely a given name (Van Morrison).
        p = 0
        while p < n and _is_particle(tokens[p]):
            p += 1
        if p < n:
            return tokens[p + 1 :], tokens[: p + 1]
    for i in range(1, n - 1):
        if _is_particle(tokens[i]) or _is_elided(tokens[i]):
            return tokens[:i], tokens[i:]
    return tokens[:-1], tokens[-1:]


def _is_elided(token: str) -> bool:
    """``d'Estaing`` / ``l’Heureux``: an elided particle glued to the word."""
    return len(token) > 2 and token[0] in "dDlL" and token[1] in _APOSTROPHES


# --- casing ----------------------------------------------------------------------------------


def _cap(segment: str) -> str:
    """Capitalise one lower-case word part: Jan, McDonald, O'Brien, IJsselmuiden, J.P."""
    if "." in segment:
        return ".".join(_cap(p) for p in segment.split("."))
    head = ""
    while len(segment) > 2 and segment[1] in _APOSTROPHES and segment[0].isalpha():
        head += segment[0].title() + segment[1]  # O'Brien, D'Hondt
        segment = segment[2:]
    if not segment:
        return head
    if segment.startswith("ij"):
        return head + "IJ" + segment[2:]
    # str.title() on the first letter: "ß".upper() is "SS", which would read as ALL-CAPS again.
    if segment.startswith("mc") and len(segment) > 2 and segment[2].isalpha():
        return head + "Mc" + segment[2].title() + segment[3:]
    return head + segment[0].title() + segment[1:]


def _cap_word(word: str) -> str:
    return "-".join(_cap(p) for p in word.lower().split("-"))


def _recase_given(words: list[str]) -> str:
    text = " ".join(words)
    if not _is_uniform(text):
        return text
    return " ".join(_cap_word(w) for w in words)


def _recase_surname(words: list[str]) -> str:
    text = " ".join(words)
    if not _is_uniform(text):
        return text
    lower = [w.lower() for w in words]
    out: list[str] = []
    for i, word in enumerate(lower):
        if word in _PARTICLES and any(w not in _PARTICLES for w in lower[i + 1 :]):
            out.append(word)
        elif i > 0 and _is_elided(word):
            out.append(word[:2] + _cap_word(word[2:]))
        else:
            out.append(_cap_word(word))
    return " ".join(out)


def _recase_nickname(text: str) -> str:
    # RC, JP, AJ: two-letter capitals are initials and stay as typed.
    if not _is_uniform(text) or (len(_letters(text)) <= 2 and text.isupper()):
        return text
    return " ".join(_cap_word(w) for w in text.split())


# --- assembly --------------------------------------------------------------------------------


def _same_words(a: list[str], b: list[str]) -> bool:
    return [match_text(w) for w in a] == [match_text(w) for w in b]


def _remove_known(full: list[str], known: list[str]) -> list[str] | None:
    """The words of ``full`` around the known part when it is a prefix or suffix, else None."""
    k = len(known)
    if 0 < k < len(full):
        if _same_words(full[:k], known):
            return full[k:]
        if _same_words(full[-k:], known):
            return full[:-k]
    return None


def _join_unique(items: list[str], sep: str) -> str | None:
    return (sep.join(dict.fromkeys(items)) or None) if items else None


def _match(display: str | None) -> str | None:
    return (match_text(display) or None) if display else None


def _parse(first: str | None, last: str | None, full: str | None) -> PersonName:
    l_ = _parse_cell(last, _LAST)
    f = _parse_cell(first, _FIRST, l_.surname if l_ else [])
    given = f.given if f else []
    surname = l_.surname if l_ else []
    cells = [c for c in (f, l_) if c]
    if not given or not surname:
        whole = _parse_cell(full, _FULL)
        if whole is not None:
            cells.append(whole)
            full_words = whole.given + whole.surname
            if not given and not surname:
                given, surname = whole.given, whole.surname
            elif not surname:
                rest = _remove_known(full_words, given)
                surname = rest if rest is not None else whole.surname
            else:
                rest = _remove_known(full_words, surname)
                given = rest if rest is not None else whole.given

    first_display = _recase_given(given) if given else None
    last_display = _recase_surname(surname) if surname else None
    match_first = _match(first_display)
    match_last = _match(last_display)
    # What is left after titles and decorations may still be a placeholder ("Dr. X").
    if match_first is None or match_first in _PLACEHOLDERS:
        first_display = match_first = None
    if match_last is None or match_last in _PLACEHOLDERS:
        last_display = match_last = None
    full_display = " ".join(p for p in (first_display, last_display) if p) or None
    match_full = " ".join(p for p in (match_first, match_last) if p) or None

    titles: list[str] = []
    suffixes: list[str] = []
    credentials: list[str] = []
    nicknames: list[str] = []
    for cell in cells:
        titles += cell.extras.titles
        suffixes += cell.extras.suffixes
        credentials += cell.extras.credentials
        nicknames += [_recase_nickname(n) for n in cell.extras.nicknames]
    return PersonName(
        first=first_display,
        last=last_display,
        full=full_display,
        match_first=match_first,
        match_last=match_last,
        match_full=match_full,
        title=_join_unique(titles, " "),
        suffix=_join_unique(suffixes, " "),
        credentials=_join_unique(credentials, ", "),
        nickname=_join_unique(nicknames, ", "),
        original=(first, last, full),
    )


def _text_of(value: object) -> str | None:
    """The cell as text; bytes are read as UTF-8 (broken bytes become U+FFFD, then dropped)."""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return as_text(value)


def _safe_text(value: object) -> str | None:
    try:
        return _text_of(value)
    except Exception:  # an object whose str() fails is an unreadable cell, not a crash
        return None


def normalize_person_name(
    first: object = None, last: object = None, full: object = None
) -> PersonName:
    """Split and clean a person's name from first/last/full cells into display and match forms.

    Never raises: on any unexpected input the result holds only ``original``.
    """
    original = (_safe_text(first), _safe_text(last), _safe_text(full))
    try:
        return _parse(*original)
    except Exception:  # last-resort guard: a bad cell must never stop a million-row import
        return PersonName(None, None, None, None, None, None, None, None, None, None, original)
