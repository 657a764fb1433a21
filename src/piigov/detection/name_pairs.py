"""Two capitalised words in the middle of a sentence that nothing else claimed: often a full name.

Dutch capitalises proper nouns only, so "vermoedelijk Sandjai Mangroe uit Diemen" or "de
verliezer Shimon Peres stond" holds a name even where the NER model, which knows neither word,
saw none. :func:`capitalised_pairs` takes such pairs -- mid-sentence, not next to another
capitalised word, neither word an ordinary Dutch word (OpenTaal), a word that never starts a
name, a place or a country, the first word no adjective ("Britse Concorde") -- and asks the
entity typer (:mod:`piigov.detection.entity_typer`) whether the pair in its context is a person.
A pair it gives P(person) >= ``min_person_probability`` becomes a PERSON; its surname is then
repeated through the document like any other full name (:mod:`piigov.detection.propagation`).
Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from piigov.detection.propagation import Coverage, at_sentence_start
from piigov.detection.types import Detection
from piigov.detection.wordlists import COMPASS_WORDS, is_ordinary_word, is_street_name

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from piigov.detection.entity_typer import EntityTyper

RECOGNIZER_NAME = "CapitalisedNamePair"
#: A capitalised word as names are written, also hyphenated: "Mangroe", "Bouzid-Amrani", "O'Dwyer"
#: (the other document steps, cue_surnames and name_joins, use it too).
CAPITALISED_WORD = r"\p{Lu}\p{M}*[\p{Ll}\p{M}'’]+(?:-\p{Lu}\p{M}*[\p{Ll}\p{M}'’]+)?"
_PAIR = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.@])(?P<first>{CAPITALISED_WORD})[ \u00a0](?P<second>{CAPITALISED_WORD})"
    rf"(?![\p{{L}}\p{{M}}\p{{N}}@])(?![ \u00a0]\p{{Lu}})"
)
_PREVIOUS_CAPITAL = regex.compile(r"\p{Lu}[\p{L}\p{M}'’\-]*[ \u00a0]+$")
# the typer was trained on CoNLL tokens: words, and punctuation on its own
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}'’\-]+|[^\s\p{L}\p{M}\p{N}]")
_CONTEXT_CHARS = 60
_ADJECTIVE_ENDINGS = ("se", "sche")  # "Britse", "Vlaamse", "Amsterdamsche"


def _excluded(word: str, exceptions: Collection[str], places: Collection[str]) -> bool:
    return (
        is_ordinary_word(word)
        or word in exceptions
        or word in places
        or word.lower() in COMPASS_WORDS
        or is_street_name(word)  # "aan de Paul Krugerlaan"
    )


def person_probability(typer: EntityTyper, text: str, start: int, end: int) -> float:
    """The entity typer's P(person) for ``text[start:end]`` with two tokens of context either side."""
    before = _TOKEN.findall(text, max(0, start - _CONTEXT_CHARS), start)[-2:]
    after = _TOKEN.findall(text, end, end + _CONTEXT_CHARS)[:2]
    span = _TOKEN.findall(text, start, end)
    return typer.probabilities([*before, *span, *after], len(before), len(before) + len(span))["PER"]


def capitalised_pairs(
    text: str,
    detections: Sequence[Detection],
    *,
    typer: EntityTyper,
    exceptions: Collection[str],
    places: Collection[str],
    min_person_probability: float = 0.5,
    score: float = 0.5,
) -> list[Detection]:
    """PERSON detections for the uncovered capitalised word pairs the typer takes for persons."""
    coverage = Coverage(detections)
    found: list[Detection] = []
    for match in _PAIR.finditer(text):
        start, end = match.span()
        if coverage.covers(start, end):
            continue
        first, second = match.group("first"), match.group("second")
        if (
            first.endswith(_ADJECTIVE_ENDINGS)
            or _excluded(first, exceptions, places)
            or _excluded(second, exceptions, places)
            or match.group() in places
            or at_sentence_start(text, start)
            or _PREVIOUS_CAPITAL.search(text, max(0, start - 40), start)
        ):
            continue
        if person_probability(typer, text, start, end) >= min_person_probability:
            found.append(Detection("PERSON", start, end, score, RECOGNIZER_NAME))
    return found
