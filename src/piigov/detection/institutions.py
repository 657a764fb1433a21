"""Names of institutions that the recognizers took for persons: "moskee El Fath", "Yunus Emre Camii".

Mosques, foundations and schools are often named after a person or with Arabic and Turkish
words that look like names ("Stichting Al Waqf", "Ibn Sina College", "Yunus Emre Camii"); the
dossier is full of them, and an institution is no person whose data must be destroyed.
:func:`as_organisations` turns a PERSON into an ORGANIZATION when an institution word from
``data/institution_words.txt`` stands right before it ("moskee", "stichting", "masjid") or before
one or two capitalised words before it ("Stichting Imam Nawawi"), stands right after it or is
joined to it by a hyphen ("de Ibn Taymiyya-moskee"), is one of its
words but the last ("Dar Al-Hikma", "Islamitische Basisschool Ibn Sina") or ends it ("Camii",
"College", "BV"), whichever recognizer found it; a word before it may also end in an
institution word ("IT-bedrijf Tectrade", "vastgoedbevak Cofinimmo"). :func:`as_organisations_by_document`
then takes a one-word name that stands after such a word anywhere in a document for an
organisation wherever the NER model or a repeat found it alone in that document ("Tectrade
heeft ..."): one name, one sense -- unless it is the surname of a full name found there
("Olivier Leleux" of "beurshuis Leleux"). Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

import regex

from piigov.detection.types import Detection
from piigov.detection.wordlists import load_sections

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

ORGANIZATION = "ORGANIZATION"
# blanks only: a tab is the next cell of a table ("Ökkeş Sağlam<TAB>Stichting Mevlana Camii")
# (one or two blanks: a wider gap is a text table's column, "eindredactie omroep       Fokeline")
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}][\p{L}\p{M}.]*)[ \u00a0]{1,2}$")
# an institution word and one or two capitalised words before the name: "Stichting Imam Nawawi",
# "moskee Sultan Ahmet", "Stichting Abu Bakr As-Siddiq", "stichting Al-Imam Ash-Shafi'i" (one
# pattern per count: a search finds only the leftmost match, and "van Stichting Imam Nawawi" must
# be tried from "Stichting")
_WORDS_BEFORE = tuple(
    regex.compile(
        rf"([\p{{L}}\p{{M}}][\p{{L}}\p{{M}}.]*)(?:[ \u00a0]+\p{{Lu}}[\p{{L}}\p{{M}}.'’\-]*){{{n}}}[ \u00a0]+$"
    )
    for n in (1, 2)
)
_WORD_AFTER = regex.compile(r"[ \u00a0]+([\p{L}\p{M}][\p{L}\p{M}.]*)")
# a compound with an institution word: "de Ibn Taymiyya-moskee", "de Yunus Emre-stichting"
_COMPOUND_AFTER = regex.compile(r"-([\p{L}\p{M}]+)")
_SPAN_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}.]*")
_BLANKS = regex.compile(r"\s")
_ONE_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}'’]+")


@cache
def institution_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words before the name, words after it), lower case."""
    before: set[str] = set()
    after: set[str] = set()
    for title, entries in load_sections("institution_words.txt"):
        if not title.startswith("heads"):
            (after if "after" in title else before).update(e.lower() for e in entries)
    return frozenset(before), frozenset(after)


@cache
def _compound_heads() -> tuple[str, ...]:
    """Ends of words before a name that make it an institution's ("IT-bedrijf"), lower case."""
    return tuple(
        e.lower()
        for title, entries in load_sections("institution_words.txt")
        if title.startswith("heads")
        for e in entries
    )


def _institution_before(word: str) -> bool:
    lower = word.lower()
    return lower in institution_words()[0] or lower.endswith(_compound_heads())


def as_organisations(text: str, detections: Sequence[Detection], score: float = 0.45) -> list[Detection]:
    """``detections`` with every PERSON next to an institution word made an ORGANIZATION."""
    before_words, after_words = institution_words()
    out: list[Detection] = []
    for det in detections:
        if det.entity_type == "PERSON":
            before = [
                pattern.search(text, max(0, det.start - reach), det.start)
                for pattern, reach in ((_WORD_BEFORE, 40), (_WORDS_BEFORE[0], 60), (_WORDS_BEFORE[1], 80))
            ]
            following = _WORD_AFTER.match(text, det.end)
            compound = _COMPOUND_AFTER.match(text, det.end)
            words = [w.lower() for w in _SPAN_WORD.findall(text, det.start, det.end)]
            if (
                any(m is not None and _institution_before(m.group(1)) for m in before)
                or any(_institution_before(word) for word in words[:-1])
                or (following is not None and following.group(1).lower() in after_words)
                or (compound is not None and compound.group(1).lower() in before_words | after_words)
                or (len(words) > 1 and (words[-1] in after_words or words[-1].endswith(_compound_heads())))
            ):
                det = Detection(ORGANIZATION, det.start, det.end, min(score, det.score), det.recognizer)
        out.append(det)
    return out


def as_organisations_by_document(
    text: str, detections: Sequence[Detection], retypable: Collection[str], score: float = 0.45
) -> list[Detection]:
    """``detections`` with every one-word PERSON of a ``retypable`` recognizer (the NER model, the
    repeats) made an ORGANIZATION when the same word stands right after an institution word
    somewhere in ``text`` and ends no full name found in it."""
    words = {
        text[d.start : d.end]
        for d in detections
        if d.entity_type == "PERSON"
        and d.recognizer in retypable
        and _ONE_WORD.fullmatch(text, d.start, d.end)
    }
    # a surname of a full name found in the document stays a person's: "beurshuis Leleux" is
    # named after the family of "Olivier Leleux"
    surnames = {
        text[d.start : d.end].rsplit(maxsplit=1)[-1]
        for d in detections
        if d.entity_type == "PERSON" and _BLANKS.search(text, d.start, d.end)
    }
    institutions = {word for word in words - surnames if _after_institution_word(text, word)}
    if not institutions:
        return list(detections)
    return [
        Detection(ORGANIZATION, d.start, d.end, min(score, d.score), d.recognizer)
        if d.entity_type == "PERSON" and d.recognizer in retypable and text[d.start : d.end] in institutions
        else d
        for d in detections
    ]


def _after_institution_word(text: str, word: str) -> bool:
    # str.find, not a regex per word: the words differ per document, and compiling a pattern
    # for each cost more than the whole step
    start = text.find(word)
    while start >= 0:
        if not _in_word(text, start - 1) and not _in_word(text, start + len(word)):
            before = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if before is not None and _institution_before(before.group(1)):
                return True
        start = text.find(word, start + 1)
    return False


def _in_word(text: str, index: int) -> bool:
    """True if the character at ``index`` is a letter, mark or digit."""
    if index < 0 or index >= len(text):
        return False
    ch = text[index]
    return ch.isalnum() or unicodedata.category(ch).startswith("M")
