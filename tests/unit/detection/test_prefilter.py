"""Pre-filters (piigov.detection.prefilter) never drop a match: the prefiltered recognizer
returns exactly what Presidio's PatternRecognizer returns, on planted values in random text."""

from __future__ import annotations

import random

import pytest
import regex

from piigov.detection.prefilter import Requires, candidate_starts, prefiltered
from piigov.detection.recognizers import (
    NlBsnRecognizer,
    NlDateRecognizer,
    NlLocationRecognizer,
    NlPersonRecognizer,
    NlPhoneRecognizer,
    NlPostcodeRecognizer,
    NlReligionRecognizer,
)
from piigov.detection.wordlists import load_wordlist, spelling_variants

RECOGNIZERS = (
    NlBsnRecognizer,
    NlDateRecognizer,
    NlLocationRecognizer,
    NlPersonRecognizer,
    NlPhoneRecognizer,
    NlPostcodeRecognizer,
    NlReligionRecognizer,
)

# Values of every form the patterns know, and near misses.
PLANTED = (
    "3 maart 1987",
    "7 november 1993",
    "9 april 2023",
    "21e mei 2020",
    "1ste jan. '87",
    "31 DECEMBER 1999",
    "12 Okt 2001",
    "03-03-1987",
    "3/3/1987",
    "3.3.1987",
    "1987-03-03",
    "2023-13-01",
    "31-02-1987",
    "3-3-'87",
    "03-03-87",
    "12/11/23",
    "123456782",
    "123.456.782",
    "1234 56 782",
    "06-12345678",
    "+31 6 12345678",
    "(020) 123 4567",
    "1234 AB",
    "2011 AB Haarlem",
    "Kerkstraat 12",
    "mevrouw Bouzid",
    "mevrouw van Dijk",
    "Stanley B. Prusiner",
    "Ölaf Ç. Öztürk",
    "eind. (KS)\n",
    "samen.\n( ABx )\n",
    "dhr. el Amrani",
    "Betrokkene Dragan Ghebremedhin",
    "cliënt J. Pinas",
    "Bakker, Jan",
    "El Amrani, M. - aanwezig",
    "Heijden, Els van der",
    "islamitische",
    "2023-0012345",
    "€ 123.456.782",
    "Naam: Fatima Bouzid",
    'Van: "Bouzid, F."',
    "cliënt:\tJ. Pinas",
    "Fatima Bouzid <f.bouzid@example.nl>",
    "Bouzid, Fatima <fb@example.nl>",
    '"Ayşe Yılmaz" <a@b.nl>',
    "- Öztürk, Ayşe;",
    "Schouten, Kees",
    "Breda",
    "\tCulemborg\t",
    "|Hoorn |",
    "Tamminga, wijkagent",
    "S. Kartosen,  lid",
    "WASSIM QASSAB, GEB. 17-01-1985",
    "Yusuf Kartosen (geb. 3-3-1987)",
    "moslima's",
    "’s-Hertogenbosch",
    "een buurman, Verhoeckx, dat",
    "mijn dochter Lanny.",
    "Kinderen: Sagalo (8), Xaddiyo (5)",
    "twee kinderen,Ravza en Göktuğ",
    "Gretha Uitdehaag (voorzitter)",
    "Tjauw-A-Pung geb. 23-10-1981",
    "Met vriendelijke groet,\nThiziri\n",
    "Groet,\n\nDoutzen\n",
    "\nBeste Lilawatie,\n",
    "Hallo Thamimount!",
)
FILLER = (
    "de",
    "geboren",
    "op",
    "BSN:",
    "tel.",
    "Zaak",
    "nr",
    "2023",
    "12",
    "5e",
    "van",
    "x",
    "-",
    "/",
    ".",
    ",",
    "(",
    "'",
    "_",
    "a1",
    "é",
    "O\u0308",
    ":",
    "<",
    "@",
    ";",
    "|",
    "•",
    "\u212a",
    "\u017f",
)
SEPARATORS = (" ", " ", " ", "\n", "\t", "\u00a0", "", "-", "/", ".", ":", "_", "a", "7")


def random_text(rng: random.Random, planted: int = 8) -> str:
    parts = []
    for _ in range(rng.randint(5, 40)):
        parts.append(rng.choice(PLANTED) if rng.random() < 0.3 else rng.choice(FILLER))
        parts.append(rng.choice(SEPARATORS))
    for _ in range(planted):
        value = rng.choice(PLANTED)
        parts.insert(
            rng.randrange(len(parts) + 1), f"{rng.choice(SEPARATORS)}{value}{rng.choice(SEPARATORS)}"
        )
    return "".join(parts)


def results(recognizer, text: str) -> list[tuple]:
    return [
        (r.entity_type, r.start, r.end, r.score, r.recognition_metadata["recognizer_identifier"])
        for r in recognizer.analyze(text, recognizer.supported_entities)
    ]


@pytest.mark.parametrize("cls", RECOGNIZERS, ids=lambda c: c.__name__)
def test_prefiltered_recognizer_finds_exactly_what_presidio_finds(cls) -> None:
    recognizer = cls()
    fast = prefiltered(recognizer)
    assert fast.id == recognizer.id and fast.name == recognizer.name and fast.context == recognizer.context
    rng = random.Random(cls.__name__)
    found = 0
    for _ in range(400):
        text = random_text(rng)
        expected = results(recognizer, text)
        assert results(fast, text) == expected, text
        found += len(expected)
    assert found  # the planted values were found


@pytest.mark.parametrize("cls", [c for c in RECOGNIZERS if c.CANDIDATES], ids=lambda c: c.__name__)
def test_candidates_cover_every_match_start(cls) -> None:
    """Each pattern's candidate regex finds every position where finditer starts a match."""
    recognizer = cls()
    assert set(cls.CANDIDATES) <= {p.name for p in recognizer.patterns}
    rng = random.Random(f"starts-{cls.__name__}")
    for _ in range(400):
        text = random_text(rng)
        for pattern in recognizer.patterns:
            candidates = cls.CANDIDATES.get(pattern.name)
            if candidates is None:
                continue
            compiled = regex.compile(pattern.regex, flags=recognizer.global_regex_flags)
            starts = {m.start() for m in compiled.finditer(text)}
            if isinstance(candidates, Requires):
                if not candidates.present(text):
                    assert not starts, (pattern.name, text)
                    continue
                if candidates.then is None:
                    continue
                candidates = candidates.then
            assert starts <= set(candidate_starts(candidates, text)), (pattern.name, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geboren op 7 november 1993 te Utrecht.", ["7 november 1993"]),
        ("Vastgesteld op 9 april 2023\nZaaknummer 2023-0012345", ["9 april 2023"]),
        ("geb. 3-3-'87, 1987-03-03 en 21e mei 2020", ["3-3-'87", "1987-03-03", "21e mei 2020"]),
        ("Datum\t8 oktober 2024\tgepland", ["8 oktober 2024"]),
        ("versie 12.3.2020a, 2023-13-01 en 31-02-1987", []),
    ],
)
def test_prefiltered_date_recognizer_keeps_planted_dates(text: str, expected: list[str], locate) -> None:
    fast = prefiltered(NlDateRecognizer())
    spans = sorted({(r.start, r.end) for r in fast.analyze(text, ["DATE_TIME"])})
    assert spans == locate(text, expected)


def test_recognizers_without_candidates_are_not_copied() -> None:
    recognizer = NlBsnRecognizer()
    assert not recognizer.CANDIDATES
    assert prefiltered(recognizer) is recognizer


def _entries(*list_names: str) -> set[str]:
    entries: set[str] = set()
    for name in list_names:
        for entry in load_wordlist(name):
            entries.update(spelling_variants(entry.lstrip("~")))
    return entries


@pytest.mark.parametrize("pattern_name", ["religion term", "religion term (weak)"])
def test_every_word_list_entry_starts_at_a_candidate(pattern_name: str) -> None:
    """The random texts above hold a few list entries; a word-list candidate must cover all."""
    cls = NlReligionRecognizer
    recognizer = cls()
    pattern = next(p for p in recognizer.patterns if p.name == pattern_name)
    compiled = regex.compile(pattern.regex, flags=recognizer.global_regex_flags)
    candidates = cls.CANDIDATES[pattern_name]
    checked = 0
    for entry in _entries("religion_terms.txt"):
        for text in (f" {entry} ", f"({entry.upper()}) ", f"\n{entry.lower()}."):
            match = compiled.match(text, 1)
            if match is not None:
                checked += 1
                assert 1 in candidate_starts(candidates, text), (pattern_name, text)
    assert checked >= 10
