"""Synthetic contact cells for the benchmarks, generated with a fixed seed.

The repetition model: a B2B market of companies of Zipf-like sizes (12 people a company on
average). A ledger of N rows holds about N/4 people, each seen in 1 + Poisson(3) lists — yearly
trade fairs, LinkedIn, research and bought lists over the retention period. A sighting carries
the person's work address (70%), a private webmail address (10%), the company's role mailbox
(15%) or nothing; 85% of e-mail cells are written plainly, 15% with debris (case, spaces,
mailto:, "Name <addr>", a trailing ";"), 2% are broken. Phones are the company switchboard (45%,
shared by colleagues), the person's mobile (35%) or nothing, written in one of eight national or
international styles (labels, "+32 (0)", "0032", Excel numbers without "+"): people type their own
number the same way on every form (a habit drawn once per person, once per company for its
switchboard), and 30% of rows come through a system that rewrites numbers in its own style.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

COUNTRIES = ["BE", "NL", "FR", "DE", "SE", "PL", "GB", "LU"]
COUNTRY_WEIGHTS = [0.30, 0.18, 0.14, 0.14, 0.07, 0.07, 0.07, 0.03]
# Per country: (calling code, mobile prefix, mobile length, fixed prefix, fixed length) of the
# national significant number
# chosen inside ranges the phone metadata marks as assigned.
PLAN = {
    "BE": ("+32", "47", 9, "2", 8),
    "NL": ("+31", "6", 9, "20", 9),
    "FR": ("+33", "6", 9, "1", 9),
    "DE": ("+49", "151", 11, "30", 10),
    "SE": ("+46", "70", 9, "8", 9),
    "PL": ("+48", "51", 9, "22", 9),
    "GB": ("+44", "7911", 10, "20", 10),
    "LU": ("+352", "621", 9, "2", 8),
}
FIRST = (
    "jan piet sophie marie lukas anna lars eva hans tomasz julie emma noah lea finn oskar ida"
).split()
LAST = (
    "peeters janssens dubois martin muller schmidt nowak kowalski svensson devries smith jones"
).split()


COMPANY_WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay"]
FORMS = ["NV", "BV", "GmbH", "SA", "AB", "Sp. z o.o.", "Ltd", "SRL"]
TITLES = ["Purchasing manager", "CEO", "Plant manager", "Inkoper", "Acheteur", "Einkaufsleiter"]


def _digits(rng: np.random.Generator, n: int, k: int) -> np.ndarray:
    return rng.integers(0, 10, size=(n, k)).astype(str)


def _numbers(rng: np.random.Generator, countries: np.ndarray, mobile: bool) -> list[str]:
    """E.164 numbers in plausible ranges for each row's country."""
    out = []
    rand = _digits(rng, len(countries), 12)
    for i, cc in enumerate(countries):
        code, mpre, mlen, fpre, flen = PLAN[cc]
        pre, length = (mpre, mlen) if mobile else (fpre, flen)
        out.append(code + pre + "".join(rand[i, : length - len(pre)]))
    return out


def _styled_phone(e164: str, country: str, style: int) -> object:
    """One way a list writes a number: international, national, 0032, labels, Excel int, ..."""
    code = PLAN[country][0]
    nsn = e164[len(code) :]
    national = "0" + nsn if country not in ("LU",) else nsn
    if style == 0:
        return e164
    if style == 1:
        return f"{code} {nsn[:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}".strip()
    if style == 2:
        return f"{national[:4]} {national[4:6]} {national[6:8]} {national[8:]}".strip()
    if style == 3:
        return "00" + e164[1:]
    if style == 4:
        return f"{code} (0){nsn}"
    if style == 5:
        return f"GSM: {national}"
    if style == 6:
        return int(e164[1:])  # an Excel cell that lost its "+"
    return f"{national[:3]}/{national[3:5]}.{national[5:7]}.{national[7:]}"


def _styled_email(addr: str, name: str, style: int) -> str:
    if style == 0:
        return addr
    if style == 1:
        return addr.upper()
    if style == 2:
        return f" {addr}\u00a0"
    if style == 3:
        return f"mailto:{addr}"
    if style == 4:
        return f"{name} <{addr}>"
    if style == 5:
        return addr + ";"
    if style == 6:
        return addr.capitalize()
    return addr


def realistic(n_rows: int, seed: int = 7) -> pd.DataFrame:
    """Contact cells with the repetition real lists have: columns email, phone, country."""
    rng = np.random.default_rng(seed)
    n_people = max(1, n_rows // 4)
    n_companies = max(1, n_people // 12)
    company_country = rng.choice(COUNTRIES, size=n_companies, p=COUNTRY_WEIGHTS)
    switchboard = _numbers(rng, company_country, mobile=False)
    sizes = rng.zipf(1.6, size=n_people) % n_companies
    person_company = sizes.astype(np.int64)
    first = rng.choice(FIRST, n_people)
    last = rng.choice(LAST, n_people)
    pid = np.arange(n_people)
    person_country = company_country[person_company]
    mobile = _numbers(rng, person_country, mobile=True)
    work = [
        f"{f}.{ln}{i}@company{c}.example.com"
        for f, ln, i, c in zip(first, last, pid, person_company, strict=True)
    ]
    private = [f"{f}{ln}{i}@gmail.com" for f, ln, i in zip(first, last, pid, strict=True)]
    role = [f"info@company{c}.example.com" for c in range(n_companies)]

    times = 1 + rng.poisson(3.0, size=n_people)
    person = np.repeat(pid, times)
    rng.shuffle(person)
    person = np.resize(person, n_rows)
    # Most exports write addresses plainly; 15% of cells carry one of seven kinds of debris.
    list_email_style = np.where(rng.random(n_rows) < 0.85, 0, rng.integers(1, 8, size=n_rows))
    # A person types their own number the same way on every form (a habit drawn once per
    # person, and once per company for its switchboard); 30% of rows come through a system that
    # rewrites numbers in its own style instead.
    person_style = rng.integers(0, 8, size=n_people)
    company_style = rng.integers(0, 8, size=n_companies)
    system_style = rng.integers(0, 8, size=n_rows)
    reformatted = rng.random(n_rows) < 0.30
    kind = rng.random(n_rows)
    pkind = rng.random(n_rows)
    emails: list[object] = []
    phones: list[object] = []
    for r in range(n_rows):
        p = person[r]
        c = person_company[p]
        name = f"{first[p].title()} {last[p].title()}"
        k = kind[r]
        if k < 0.70:
            addr: str | None = work[p]
        elif k < 0.80:
            addr = private[p]
        elif k < 0.95:
            addr = role[c]
        else:
            addr = None
        if addr is not None and rng.random() < 0.02:
            addr = addr.replace("@", " @ ")  # a broken cell
        emails.append(None if addr is None else _styled_email(addr, name, int(list_email_style[r])))
        q = pkind[r]
        cc = str(person_country[p])
        if q < 0.45:
            style = system_style[r] if reformatted[r] else company_style[c]
            phones.append(_styled_phone(switchboard[c], cc, int(style)))
        elif q < 0.80:
            style = system_style[r] if reformatted[r] else person_style[p]
            phones.append(_styled_phone(mobile[p], cc, int(style)))
        else:
            phones.append(None)
    company_names = np.array(
        [
            f"{COMPANY_WORDS[c % len(COMPANY_WORDS)]} {c} {FORMS[c % len(FORMS)]}"
            for c in range(n_companies)
        ],
        dtype=object,
    )
    titles = rng.choice(TITLES, n_rows)
    acquired = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 900, n_rows), unit="D")
    return pd.DataFrame(
        {
            "email": pd.Series(emails, dtype=object),
            "phone": pd.Series(phones, dtype=object),
            "country": person_country[person],
            "first_name": np.char.capitalize(first[person].astype(str)),
            "last_name": np.char.capitalize(last[person].astype(str)),
            "company": company_names[person_company[person]],
            "job_title": titles,
            "date": acquired.strftime("%d/%m/%Y"),
        }
    )


def unique(n_rows: int, seed: int = 11) -> pd.DataFrame:
    """Every email and phone cell distinct (company domains and countries still repeat)."""
    rng = np.random.default_rng(seed)
    n_companies = max(1, n_rows // 40)
    country = rng.choice(COUNTRIES, size=n_rows, p=COUNTRY_WEIGHTS)
    company = rng.integers(0, n_companies, size=n_rows)
    first = rng.choice(FIRST, n_rows)
    last = rng.choice(LAST, n_rows)
    emails = [
        f"{f}.{ln}{i}@company{c}.example.com"
        for i, (f, ln, c) in enumerate(zip(first, last, company, strict=True))
    ]
    phones = list(dict.fromkeys(_numbers(rng, country, mobile=True)))
    while len(phones) < n_rows:  # top up the rare collisions
        phones.extend(_numbers(rng, country[: n_rows - len(phones)], mobile=True))
        phones = list(dict.fromkeys(phones))
    styles = rng.integers(0, 4, size=n_rows)
    cells = [
        _styled_phone(p, str(cc), int(s))
        for p, cc, s in zip(phones[:n_rows], country, styles, strict=True)
    ]
    return pd.DataFrame(
        {
            "email": pd.Series(emails, dtype=object),
            "phone": pd.Series(cells, dtype=object),
            "country": country,
        }
    )
