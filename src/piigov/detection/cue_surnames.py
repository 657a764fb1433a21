"""A lone surname right after a word that announces a person: "zei Schouten", "aldus Bakker".

Newspapers and reports name a person in full once and then by the surname alone, and where the
full name is in another document (or another chunk of an article) nothing vouches for the bare
surname. Its spelling alone does not either: "Schouten", "Bakker" and "Doelwijt" look like Dutch
words or places, so the NER model and the rules that need a first name or title miss them -- most
often for Dutch and Surinamese names, which is why the recall per origin spread apart on
ned.testa renamed to each origin (docs/evaluation.md). What comes before the word is a better
witness: a reporting verb in the inverted order of a quote ("... , zei Schouten .", "vertelt
Postma", "aldus Bakker", "volgens Brouwer") or a role ("premier Bakker", "professor Brunings").

:func:`cue_surnames` takes one or two capitalised words right after such a cue (``cues``,
``conf/recognizers.yaml``) that no detection covers (or only the model's place or organisation over
exactly those words: "Premier Autar" typed ORG), that no capitalised word continues, and that
are no organisation word, place, country or compass word; the entity typer
(:mod:`piigov.detection.entity_typer`) must give the span in its context P(person) >=
``min_person_probability`` ("volgens Justitie", "aldus Amnesty" stay out). A name found this way
is repeated through the document like any name a rule found (:mod:`piigov.detection.propagation`).
Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import regex

from piigov.detection.name_pairs import CAPITALISED_WORD, person_probability
from piigov.detection.propagation import Coverage
from piigov.detection.types import Detection
from piigov.detection.wordlists import COMPASS_WORDS, is_ordinary_word, is_street_name

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence

    from piigov.detection.entity_typer import EntityTyper

RECOGNIZER_NAME = "SurnameAfterCue"
_ADJECTIVE_ENDINGS = ("se", "sche", "isch")  # "Volgens Joegoslavisch minister ..."


# words as stdlib ``re`` sees them, hyphens kept ("ex-president"): where a cue can start
_WORD_TOKEN = re.compile(r"[\w\-]+")


class CuePattern:
    """The cue regex with the cue words: the regex is tried only where a cue word starts.

    The regex opens with a lookbehind, which the ``regex`` module pays at every character of a
    ``finditer``; a stdlib word scan and a set lookup find the few places worth trying. The
    matches are those of ``regex.finditer`` (the same non-overlapping order)."""

    __slots__ = ("regex", "words")

    def __init__(self, compiled: regex.Pattern[str], words: frozenset[str]) -> None:
        self.regex = compiled
        self.words = words

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        position = 0
        for word in _WORD_TOKEN.finditer(text):
            start = word.start()
            if start < position or word.group().lower() not in self.words:
                continue
            match = self.regex.match(text, start)
            if match is not None:
                yield match
                position = match.end()


def cue_pattern(cues: Collection[str]) -> CuePattern:
    """A regex for a cue word (lower case, or capitalised at a sentence start) and the one or two
    capitalised words after it (group "name")."""
    alternatives = sorted(
        (f"[{regex.escape(c[0])}{regex.escape(c[0].upper())}]{regex.escape(c[1:])}" for c in cues),
        key=len,
        reverse=True,
    )
    compiled = regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}\-'’.])(?:{'|'.join(alternatives)})[ \u00a0]+"
        rf"(?P<name>{CAPITALISED_WORD}(?:[ \u00a0]{CAPITALISED_WORD})?)(?![\p{{L}}\p{{M}}\p{{N}}@\-])(?![ \u00a0]+\p{{Lu}})"
    )
    return CuePattern(compiled, frozenset(c.lower() for c in cues))


def _model_place_or_organisation(
    detections: Sequence[Detection], start: int, end: int, statistical: Collection[str]
) -> bool:
    """True if what covers the span is the model's place or organisation over exactly its words
    ("Premier Autar" typed ORG): the cue and the typer may make it a person."""
    return all(
        (d.start, d.end) == (start, end)
        and d.recognizer in statistical
        and d.entity_type in ("LOCATION", "ORGANIZATION")
        for d in detections
        if d.start < end and d.end > start
    )


def cue_surnames(
    text: str,
    detections: Sequence[Detection],
    *,
    pattern: CuePattern,
    typer: EntityTyper,
    statistical: Collection[str] = (),
    exceptions: Collection[str],
    places: Collection[str],
    min_person_probability: float = 0.5,
    score: float = 0.5,
) -> list[Detection]:
    """PERSON detections for uncovered names right after a cue that the typer takes for persons."""
    coverage = Coverage(detections)
    found: list[Detection] = []

    def uncovered(start: int, end: int) -> bool:
        return not coverage.covers(start, end) or _model_place_or_organisation(
            detections, start, end, statistical
        )

    for match in pattern.finditer(text):
        start, end = match.span("name")
        if uncovered(start, end):
            name = match.group("name")
            if not _could_be_a_name(name, exceptions, places) or not (
                _double_surname(name, places)
                or person_probability(typer, text, start, end) >= min_person_probability
            ):
                continue
            found.append(Detection("PERSON", start, end, score, RECOGNIZER_NAME))
        elif not any(d.entity_type == "PERSON" and d.start <= start and end <= d.end for d in detections):
            continue
        # "de leden Aharrar en Sikma": a second name joined by "en" shares the cue, and being
        # coordinated with a person is evidence of its own (half the typer's bar)
        second = _AND_NAME.match(text, end)
        if second is None:
            continue
        start2, end2 = second.span("name")
        if (
            uncovered(start2, end2)
            and _could_be_a_name(second.group("name"), exceptions, places)
            and person_probability(typer, text, start2, end2) >= min_person_probability / 2
        ):
            found.append(Detection("PERSON", start2, end2, score, RECOGNIZER_NAME))
    return found


# a compound noun joined by the "-ings-" of a verbal noun: "Radicaliseringsaanpak", "Handhavingsteam"
_COMPOUND_NOUN = regex.compile(r"\p{Lu}\p{Ll}{3,}ings\p{Ll}{4,}")
_AND_NAME = regex.compile(
    rf"[ \u00a0]+en[ \u00a0]+(?P<name>{CAPITALISED_WORD})(?![\p{{L}}\p{{M}}\p{{N}}@\-])(?![ \u00a0]+\p{{Lu}})"
)


def _could_be_a_name(name: str, exceptions: Collection[str], places: Collection[str]) -> bool:
    """No place, organisation word, compass word, street or adjective ("Volgens Joegoslavisch ...")."""
    words = name.split()
    return not (
        name in places
        or words[0].split("-")[0].endswith(_ADJECTIVE_ENDINGS)  # "Koerdisch-Sorani": a language
        or _COMPOUND_NOUN.fullmatch(words[0])
        or any(w in exceptions or w in places or w.lower() in COMPASS_WORDS for w in words)
        or is_street_name(words[-1])
    )


def _double_surname(name: str, places: Collection[str]) -> bool:
    """Two capitalised words joined by a hyphen, neither an ordinary word, a place or a compass
    word: "Roozeboom-Engbersen" is a double surname, whatever the typer (which rarely saw one)
    says; not "Noord-Holland", "Midden-Oosten", "Oost-Europa"."""
    parts = name.split("-")
    return (
        " " not in name
        and len(parts) == 2
        and all(
            p not in places
            and p.lower() not in COMPASS_WORDS
            and not is_ordinary_word(p)
            and p.lower() not in _COMPASS_PREFIXES
            for p in parts
        )
    )


_COMPASS_PREFIXES = frozenset(
    {"noord", "zuid", "oost", "west", "midden", "centraal", "groot", "klein", "nieuw", "oud"}
)
