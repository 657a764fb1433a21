"""Bare surnames with a capitalised particle: "volgens Van Dijk", "door El Amrani", "De Vries zelf".

Dutch writes the particle of a surname with a capital when no first name or initials come
before it ("Jan van Dijk", but "volgens Van Dijk"). In the middle of a sentence a capitalised
"Van", "De", "Ter" or "El" followed by a capitalised word is therefore nearly always a surname,
yet the NER model misses it when the surname is unknown to it (on ned.testa renamed to Dutch
names, "De Vries" and "Van Dijk" standing alone were its most frequent misses).
:func:`bare_particle_surnames` reports such sequences that no other detection covers, after the
recognizers and the model have had their say (an organisation or place the model found keeps
its type).

Not reported: a sequence at the start of a sentence or line ("De Regering ..."), one that
follows an organisation word ("moskee El Fath", ``data/person_exceptions.txt``), a place or
country ("Den Haag", "De Bilt"), a street ("Van Kerckhovestraat"), one that a capitalised word
continues ("De Nederlandsche Bank") or follows ("Rio De Janeiro"), and one whose last word is an
ordinary Dutch word ("Van Harte") unless it is a known surname after a particle ("De Wit",
"Van Dijk": ``data/interfix_surnames.txt``, from deduce). After "De", "Den", "Ter" and the like
only such known surnames count: "De Baai", "De Telegraaf" and "De Molenaar" name places, papers
and statues far more often than people. The particles are set in ``conf/recognizers.yaml``
(``bare_surname``). Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from piigov.detection.propagation import Coverage, at_sentence_start
from piigov.detection.recognizers._shared import STREET_SUFFIXES
from piigov.detection.types import Detection

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

RECOGNIZER_NAME = "BareSurnameWithParticle"
_BLANK = r"[ \u00a0]+"
_SURNAME = r"\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?"
_PREVIOUS_WORD = regex.compile(r"([\p{L}\p{M}]+)[^\p{L}\p{M}\n]*$")


def particle_pattern(particles: Collection[str]) -> regex.Pattern[str]:
    """A regex for a capitalised particle (group "particle", longest first) and the surname after
    it (group "tail")."""
    alternatives = sorted(
        (_BLANK.join(regex.escape(word) for word in p.split()) for p in particles), key=len, reverse=True
    )
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}\-'’.])(?P<particle>{'|'.join(alternatives)}){_BLANK}"
        rf"(?P<tail>{_SURNAME})(?![\p{{L}}\p{{M}}\p{{N}}])"
        # a capitalised word next makes it a longer proper name: "De Nederlandsche Bank"
        rf"(?!{_BLANK}\p{{Lu}})"
    )


def _street(word: str) -> bool:
    lower = word.lower()
    return any(lower.endswith(s) and len(lower) > len(s) for s in STREET_SUFFIXES)


def bare_particle_surnames(
    text: str,
    detections: Sequence[Detection],
    *,
    pattern: regex.Pattern[str],
    interfix_surnames: Collection[str],
    known_surname_only: Collection[str] = (),
    lower_case_words: Collection[str] = (),
    exceptions: Collection[str] = (),
    organisation_words: Collection[str] = (),
    places: Collection[str] = (),
    score: float = 0.5,
) -> list[Detection]:
    """PERSON detections for the uncovered bare surnames with a capitalised particle in ``text``.

    :param detections: every detection of the document (any type); a match overlapping one is skipped
    :param pattern: :func:`particle_pattern` of the configured particles
    :param interfix_surnames: surnames written after a particle ("Vries", "Wit", "Dijk")
    :param known_surname_only: particles after which only ``interfix_surnames`` count ("De":
        "De Baai", "De Telegraaf" are names of things, "De Vries" is a person)
    :param lower_case_words: words the model's training text writes in lower case
    :param exceptions: capitalised words that are never a surname ("Stichting", "Volgens")
    :param organisation_words: capitalised words that start an organisation's name ("Moskee"):
        after them the particle starts that name, not a surname
    :param places: municipalities and countries, whole ("Den Haag") or the last word
    """
    coverage = Coverage(detections)
    found: list[Detection] = []
    for match in pattern.finditer(text):
        start, end = match.span()
        tail = match.group("tail")
        if coverage.covers(start, end):
            continue  # the model or a pattern already decided what these words are
        if at_sentence_start(text, start):
            continue
        if tail in exceptions or tail in places or match.group() in places or _street(tail):
            continue
        if tail not in interfix_surnames and (
            tail.lower() in lower_case_words
            or " ".join(match.group("particle").split()) in known_surname_only
        ):
            continue  # "Van Gelder" but not "Van Harte"; "De Vries" but not "De Morgen"
        previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if previous is not None:
            word = previous.group(1)
            if word[:1].upper() + word[1:] in organisation_words:
                continue  # "moskee El Fath", "stichting De Brug"
            if (
                word[:1].isupper()
                and not text[previous.end(1) : start].strip()
                and not at_sentence_start(text, previous.start(1))
            ):
                continue  # inside a longer proper name: "Rio De Janeiro", "Van Goghs De Sterrennacht"
        found.append(Detection("PERSON", start, end, score, RECOGNIZER_NAME))
    return found
