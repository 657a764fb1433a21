"""How one person's name is written, reduced to comparable keys.

"Mohammed El Amrani", "M. el Amrani", "El Amrani, M." and "dhr. El Amrani" are one person written
four ways. Each written name yields the keys it supports:

* ``full:<first given name>|<surname>`` -- a given name and a surname ("Mohammed El Amrani");
* ``initial:<first initial>|<surname>`` -- an initial and a surname (every name with a given name or
  initials has one: "M. el Amrani", "El Amrani, M.", "Mohammed El Amrani");
* ``surname:<surname>`` -- the surname alone (every name has one: "dhr. El Amrani");
* ``given:<first given name>`` -- a given name, so that separate first-name and surname fields of one
  record (a table row) can still make a full match together.

Surnames keep their particles but lose case, spaces, hyphens and diacritics ("El Amrani",
"el-Amrani", "ElAmrani" -> ``elamrani``; "Öztürk" -> ``ozturk``; "Vries, J. de" -> ``devries``).
Only these keys are hashed into the register; the written name is never stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from piigov.hashing import fold

# Forms of address and offices that precede a name; not part of it. Folded, without the trailing dot.
TITLES = frozenset(
    {
        "mevrouw", "mevr", "mw", "mevr.", "meneer", "mijnheer", "heer", "de heer", "dhr", "hr", "mr",
        "mrs", "ms", "dr", "drs", "ir", "ing", "prof", "familie", "fam", "wijlen", "de", "imam",
        "burgemeester", "wethouder", "minister", "staatssecretaris", "directeur", "advocaat",
        "notaris", "huisarts", "sheikh", "sjeik", "hadji", "hadj",
    }
)  # fmt: skip
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|[^\W\d_]\.", re.UNICODE)
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.)+$|^[^\W\d_]$", re.UNICODE)


@cache
def particles() -> frozenset[str]:
    """Single words that occur in surname particles ("van", "der", "el", "ait", "ben", "bin")."""
    from piigov.detection.wordlists import load_wordlist

    return frozenset(w.casefold() for entry in load_wordlist("name_particles.txt") for w in entry.split())


@cache
def _given_variants() -> dict[str, str]:
    """Folded spelling -> canonical spelling, from data/given_name_variants.txt."""
    from importlib import resources

    text = resources.files("piigov.inquiries").joinpath("data/given_name_variants.txt").read_text("utf-8")
    canonical: dict[str, str] = {}
    for raw in text.splitlines():
        words = raw.split("#", 1)[0].split()
        for word in words:
            canonical.setdefault(fold(word), fold(words[0]))
    return canonical


def canonical_given(given: str) -> str:
    """One spelling for transliteration variants of a given name ("mohamed", "muhammad" -> "mohammed")."""
    return _given_variants().get(given, given)


@dataclass(frozen=True)
class WrittenName:
    given: str | None  # first given name, folded
    initial: str | None  # first initial, folded
    surname: str  # folded, particles kept, no spaces or hyphens

    def keys(self) -> set[str]:
        keys = {f"surname:{self.surname}"}
        if self.initial:
            keys.add(f"initial:{self.initial}|{self.surname}")
        if self.given:
            keys.add(f"full:{self.given}|{self.surname}")
            keys.add(f"given:{self.given}")
        return keys


def _squash(words: list[str]) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(" ".join(words)))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _strip_titles(words: list[str]) -> list[str]:
    """Drop leading forms of address; "de heer" is two words, "de" alone only before "heer"."""
    out = list(words)
    while out:
        head = fold(out[0]).rstrip(".")
        if head == "de" and len(out) > 1 and fold(out[1]).rstrip(".") == "heer":
            out = out[2:]
        elif head in TITLES and head != "de" and len(out) > 1:
            out = out[1:]
        else:
            break
    return out


def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word)) and (word.endswith(".") or len(word) == 1)


def _split_given(words: list[str]) -> tuple[list[str], list[str]]:
    """Given names or initials first, then the surname: from its first particle, else the last word."""
    if not words:
        return [], []
    parts = particles()
    if fold(words[0]).rstrip(".") in parts:
        return [], words
    for index in range(1, len(words)):
        if fold(words[index]) in parts:
            return words[:index], words[index:]
    if len(words) == 1:
        return [], words
    return words[:-1], words[-1:]


def parse_name(text: str) -> WrittenName | None:
    """The given name, initial and surname of a written name; None when no surname can be found."""
    if "," in text:
        surname_part, _, given_part = text.partition(",")
        surname_words = _strip_titles(_tokens(surname_part))
        given_words = _tokens(given_part)
        # "Vries, J. de": trailing particles after the given part belong in front of the surname.
        trailing: list[str] = []
        while given_words and fold(given_words[-1]) in particles():
            trailing.insert(0, given_words.pop())
        surname_words = trailing + surname_words
    else:
        words = _strip_titles(_tokens(text))
        given_words, surname_words = _split_given(words)
    surname_words = [w.rstrip(".") for w in surname_words]
    if not surname_words or all(fold(w) in particles() for w in surname_words):
        return None
    surname = _squash(surname_words)
    given = initial = None
    if given_words:
        first = given_words[0]
        if _is_initials(first):
            initial = fold(first)[0]
        else:
            given = _squash([first])
            initial = given[0] if given else None
            given = canonical_given(given) if given else given
    return WrittenName(given=given or None, initial=initial, surname=surname) if surname else None


def name_keys(text: str) -> set[str]:
    """Every key a written name supports; a lone word also counts as a possible given name."""
    parsed = parse_name(text)
    if parsed is None:
        return set()
    keys = parsed.keys()
    if "," in text:
        return keys
    written = _tokens(text)
    words = _strip_titles(written)
    if len(words) == 1 and len(written) == 1:
        # "Mohammed" alone in a first-name column: given name or surname, we cannot tell.
        keys.add(f"given:{parsed.surname}")
    if len(words) >= 3 and not any(fold(w) in particles() for w in words[1:]):
        # "Ayaan Hirsi Ali": the surname may be the last two words; both readings are keys.
        alternative = WrittenName(parsed.given, parsed.initial, _squash(words[-2:]))
        keys |= alternative.keys()
    return keys
