"""Fake but checksum-valid Dutch identifiers, their written forms, and person generation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import phonenumbers
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from piigov.demo.names import ORIGINS, Person, first_names, fold, municipalities, surnames

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
# Reserved example domains (RFC 2606): they look real to an e-mail recogniser, but nobody owns a mailbox.
PRIVATE_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com", "post.example.net")
MINISTRY_DOMAIN = "minszw.example.com"
LANDLINE_AREAS = ("010", "020", "030", "040", "050", "070", "071", "073", "076", "079")
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


def make_bsn(rng: random.Random) -> str:
    while True:
        head = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        check = sum(int(d) * (9 - i) for i, d in enumerate(head)) % 11
        if check < 10:
            number = head + str(check)
            if stdnum_bsn.is_valid(number):
                return number


def make_case_number(rng: random.Random) -> str:
    """A 9-digit zaaknummer that FAILS the elfproef and is no valid phone number (BSN decoy)."""
    while True:
        number = "9" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        if stdnum_bsn.is_valid(number):
            continue
        if any(phonenumbers.is_valid_number(phonenumbers.parse(number, r)) for r in ("NL", "BE", "DE", "US")):
            continue
        return number


def make_iban(rng: random.Random) -> str:
    bank = rng.choice(BANKS)
    while True:  # Dutch account numbers traditionally pass the 11-test as well
        account = "0" + "".join(str(rng.randint(0, 9)) for _ in range(9))
        if sum(int(d) * (10 - i) for i, d in enumerate(account)) % 11 == 0:
            break
    check = stdnum_iban.calc_check_digits(f"NL00{bank}{account}")
    number = f"NL{check}{bank}{account}"
    if not stdnum_iban.is_valid(number):  # pragma: no cover - calc_check_digits guarantees this
        raise AssertionError(number)
    return number


def make_phone(rng: random.Random, *, mobile: bool, area: str | None = None) -> str:
    if mobile:
        return "06" + str(rng.randint(1, 5)) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    area = area or rng.choice(LANDLINE_AREAS)
    return area + str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(6))


def format_phone(national: str, style: int) -> str:
    """Written forms: '06-12345678', '06 1234 5678', '+31 6 1234 5678', '070 333 44 44', ..."""
    if national.startswith("06"):
        sub = national[2:]
        forms = (f"06-{sub}", f"06 {sub[:4]} {sub[4:]}", f"+31 6 {sub[:4]} {sub[4:]}", f"+316{sub}")
    else:
        area, sub = national[:3], national[3:]
        forms = (
            f"{area} {sub[:3]} {sub[3:5]} {sub[5:]}",
            f"{area}-{sub}",
            f"+31 {area[1:]} {sub[:3]} {sub[3:]}",
            f"{area} {sub[:3]} {sub[3:5]} {sub[5:]}",
        )
    return forms[style % len(forms)]


def format_bsn(bsn: str, style: int) -> str:
    return f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}" if style % 4 == 3 else bsn


def format_iban(iban: str, style: int) -> str:
    if style % 2:
        return iban
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def format_date(year: int, month: int, day: int, style: int) -> str:
    if style % 2:
        return f"{day:02d}-{month:02d}-{year}"
    return f"{day} {MONTHS_NL[month - 1]} {year}"


def make_postcode(rng: random.Random, low: int, high: int) -> str:
    while True:
        letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
        if letters not in ("SA", "SD", "SS"):
            return f"{rng.randint(low, high)} {letters}"


def _ascii_token(text: str) -> str:
    folded = fold(text, "ascii").lower()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "-")


def make_email(rng: random.Random, first: str, surname: str, year: int, *, ministry: bool) -> str:
    f, s = _ascii_token(first), _ascii_token(surname)
    if ministry:
        local = rng.choice((f"{f[0]}.{s}", f"{f[0]}.{s}", f"{f}.{s}", f"{f[0]}.{s}{rng.randint(2, 9)}"))
        return f"{local}@{MINISTRY_DOMAIN}"
    local = rng.choice((f"{f}.{s}", f"{f}{s}{year % 100:02d}", f"{s}.{f[0]}", f"{f[0]}{s}"))
    return f"{local}@{rng.choice(PRIVATE_DOMAINS)}"


def _random_birth(rng: random.Random, first_year: int, last_year: int) -> tuple[int, int, int]:
    year = rng.randint(first_year, last_year)
    month = rng.randint(1, 12)
    return year, month, rng.randint(1, 28)


def _unique(used: set[str], kind: str, make: Callable[..., str], *args: object, **kwargs: object) -> str:
    while True:
        value = make(*args, **kwargs)
        if f"{kind}:{value}" not in used:
            used.add(f"{kind}:{value}")
            return value


def make_people(rng: random.Random, count: int, *, used: set[str], ministry: bool = False) -> list[Person]:
    """``count`` persons with origins interleaved (dutch, moroccan, ..., other, dutch, ...).

    ``used`` is shared by all calls of one run: full names, identifiers and e-mail addresses are unique,
    surnames are unique while the lists allow it.
    """
    people: list[Person] = []
    places = municipalities()
    for k in range(count):
        origin = ORIGINS[k % len(ORIGINS)]
        fresh = [s for s in surnames(origin) if f"surname:{s}" not in used]
        while True:
            given = rng.choice(first_names(origin))
            surname = rng.choice(fresh or list(surnames(origin)))
            if f"name:{given.name} {surname}" not in used:
                break
        used.update((f"name:{given.name} {surname}", f"surname:{surname}"))
        year, month, day = _random_birth(rng, 1958 if ministry else 1952, 1998 if ministry else 2004)
        place = rng.choice(places)
        # ministry staff have an office landline in Den Haag, others mostly a mobile number
        mobile = not ministry and rng.random() < 0.75
        phone = _unique(used, "phone", make_phone, rng, mobile=mobile, area="070" if ministry else None)
        people.append(
            Person(
                first=given.name,
                surname=surname,
                gender=given.gender,
                origin=origin,
                birth_year=year,
                birth_month=month,
                birth_day=day,
                place=place.name,
                postcode=make_postcode(rng, place.postcode_low, place.postcode_high),
                bsn=_unique(used, "bsn", make_bsn, rng),
                phone=phone,
                email=_unique(used, "email", make_email, rng, given.name, surname, year, ministry=ministry),
                iban=_unique(used, "iban", make_iban, rng),
            )
        )
    return people
