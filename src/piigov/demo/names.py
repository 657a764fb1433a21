"""Word lists (names, places, religion terms) and the fictitious persons built from them.

Every person is an invented combination of a first name and a surname from the lists in ``data/``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

ORIGINS: tuple[str, ...] = ("dutch", "moroccan", "turkish", "surinamese", "somali", "other")

# Characters without a usable NFKD decomposition, for folding to latin-1 / cp1252 / ASCII.
_SPECIAL_FOLD = {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"}


@dataclass(frozen=True)
class FirstName:
    name: str
    gender: str  # "m" | "v"


@dataclass(frozen=True)
class Municipality:
    name: str
    postcode_low: int
    postcode_high: int


def _lines(filename: str) -> tuple[str, ...]:
    text = (resources.files("piigov.demo") / "data" / filename).read_text(encoding="utf-8")
    return tuple(s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#"))


@cache
def first_names(origin: str) -> tuple[FirstName, ...]:
    result = []
    for line in _lines(f"first_names_{origin}.txt"):
        gender, _, name = line.partition(":")
        if gender not in ("m", "v") or not name:
            raise ValueError(f"bad first-name line {line!r} for origin {origin}")
        result.append(FirstName(name, gender))
    return tuple(result)


@cache
def surnames(origin: str) -> tuple[str, ...]:
    return _lines(f"surnames_{origin}.txt")


@cache
def municipalities() -> tuple[Municipality, ...]:
    result = []
    for line in _lines("municipalities.txt"):
        name, low, high = line.split(";")
        result.append(Municipality(name, int(low), int(high)))
    return tuple(result)


@cache
def religion_terms() -> tuple[str, ...]:
    return _lines("religion_terms.txt")


def religion_term(term: str) -> str:
    """Return ``term`` after checking it is in the religion-term list (keeps templates and list in step)."""
    if term not in religion_terms():
        raise KeyError(f"religion term {term!r} missing from data/religion_terms.txt")
    return term


def fold_char(ch: str, encoding: str) -> str:
    """Replace one character that ``encoding`` cannot represent by a single base letter."""
    try:
        ch.encode(encoding)
        return ch
    except UnicodeEncodeError:
        pass
    if ch in _SPECIAL_FOLD:
        return _SPECIAL_FOLD[ch]
    base = unicodedata.normalize("NFKD", ch)[0]
    try:
        base.encode(encoding)
    except UnicodeEncodeError:
        return "?"
    return base


def fold(text: str, encoding: str) -> str:
    """Fold ``text`` into ``encoding`` character by character (Şahin -> Sahin for latin-1).

    The mapping is one character to one character, so a substring stays a substring after folding.
    """
    return "".join(fold_char(ch, encoding) for ch in text)


def _split_tussenvoegsel(surname: str) -> tuple[str, str]:
    """'van der Linden' -> ('van der', 'Linden'); 'El Amrani' -> ('', 'El Amrani')."""
    words = surname.split(" ")
    prefix = []
    for word in words[:-1]:
        if word[:1].islower() or word.startswith("'"):
            prefix.append(word)
        else:
            break
    if not prefix:
        return "", surname
    return " ".join(prefix), " ".join(words[len(prefix) :])


@dataclass(frozen=True)
class Person:
    """A fictitious person with all identifiers that may be written about them."""

    first: str
    surname: str
    gender: str  # "m" | "v"
    origin: str
    birth_year: int
    birth_month: int
    birth_day: int
    place: str
    postcode: str  # "1234 AB"
    bsn: str  # 9 digits, valid by the elfproef
    phone: str  # national digits, e.g. "0612345678" or "0703334444"
    email: str
    iban: str  # compact, e.g. "NL91ABNA0417164300"

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def initial(self) -> str:
        return f"{self.first[0]}. {self.surname}"

    @property
    def surname_alone(self) -> str:
        """The surname as written without first name or initial: 'van der Linden' -> 'Van der Linden'."""
        return self.surname[0].upper() + self.surname[1:]

    @property
    def sorted_name(self) -> str:
        """Register form: 'Linden, Pieter van der' or 'El Amrani, Mohammed'."""
        prefix, base = _split_tussenvoegsel(self.surname)
        return f"{base}, {self.first} {prefix}" if prefix else f"{base}, {self.first}"

    @property
    def honorific(self) -> str:
        return "de heer" if self.gender == "m" else "mevrouw"

    @property
    def pronoun(self) -> str:
        return "hij" if self.gender == "m" else "zij"
