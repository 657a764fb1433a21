"""Names repeated in one document: a surname found once as part of a name is a name everywhere.

A letter names "mevrouw Bouzid" once and then writes "Bouzid"; a newspaper article introduces
"Shimon Peres" and then writes "Peres". The recognizers and the model judge each occurrence on
its own words, so the bare repeats are often missed -- and a missed repeat is personal data left
behind after a redaction. :func:`repeated_names` takes the PERSON detections of a whole
document and reports the other occurrences of their names that nothing else covers.

What is repeated: every PERSON span of two or more words as a whole, and its last word (the
surname; with its particles: "El Amrani", "van Dijk"); a one-word PERSON only when a pattern
found it (a title, label or table header vouched for it) or, for the model's lone guess, when
the entity typer is sure it is a person (``vouch``).
Never repeated: words of fewer than three letters, acronyms in capitals and words that start a
non-name (``data/person_exceptions.txt``). A surname that is also a common word ("Bakker",
"Schouten", "De Wit") is repeated mid-sentence, where its capital marks the name, but not at
the start of a sentence or line, where "Bakker" may be the baker.
An occurrence that the NER model typed as a place or organisation over exactly the name's words
is reported as the person instead (one name, one sense in a document: "mevrouw Bisoendial ...
beroerde Bisoendial de sambaballen"); any other detection over it keeps the occurrence.
A name found in capitals ("CIGAAL" on a form) is also repeated in ordinary spelling ("Cigaal"),
and every name in capitals; a name with diacritics also without them ("Ocakoğlu" -> "Ocakoglu",
"GUMUSDERE"), as systems that cannot store them write it. A name in register order ("Ouhssain,
Mimuna") is also repeated by the surname before its comma. A name whose every word has four or
more letters and is neither an ordinary Dutch word nor one the model's training text writes in
lower case is also repeated in lower case ("ouhssain" as a search term in an audit log,
"kasanmoesdiran?" in a chat; not "bakker", "roos"). The word list leaves out words that are also
names, so a lower-case "visser" next to a Mr Visser is taken for him: more reported, nothing missed.
A name with a possessive "s" before what is his or hers ("Wardheeres broer", "Ouhammous vrouw")
is a repeat too. Matching is otherwise case-sensitive and whole-word; nothing here imports Presidio
or spaCy.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from typing import TYPE_CHECKING

import regex

from piigov.detection.types import Detection
from piigov.detection.wordlists import fold_diacritics, is_ordinary_word

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

RECOGNIZER_NAME = "RepeatedNameInDocument"
_SENTENCE_END = frozenset(".!?:;\"'’”")
# a possessive "s" glued to a name, followed by what is his or hers: "Ouhammous vrouw"
_POSSESSIVE = regex.compile(r"s(?=[ \u00a0]+\p{Ll})")
_MIN_LOWER_CASE_LETTERS = 4  # "ali", "mo" in lower case are too often something else


_FILE_NAME = regex.compile(r"\S+\.(?i:docx?|pdf|xlsx?|csv|txt|msg|eml|odt|ods|rtf|jpe?g|png|zip)")
_TOKEN_START = regex.compile(r"\S*$")


def _in_file_name(text: str, index: int) -> bool:
    """True if ``index`` lies in a file name ("gespreksverslag-Dabbagh-Nahhas-2019.docx")."""
    start = index - len(_TOKEN_START.search(text, max(0, index - 200), index).group())
    file_name = _FILE_NAME.match(text, start)
    return file_name is not None and file_name.end() > index


def _joins_word(text: str, index: int, *, before: bool) -> bool:
    """True if the character at ``index`` would make a match there part of a longer word; a
    hyphen in a file name separates words ("verslag-Dabbagh-Nahhas-2019.docx")."""
    if index < 0 or index >= len(text):
        return False
    ch = text[index]
    if ch == "-":
        return not _in_file_name(text, index)
    if ch.isalnum() or unicodedata.category(ch).startswith("M"):
        return True
    return before and ch in "'’"


def at_sentence_start(text: str, start: int) -> bool:
    """True at the start of the text, a line, or after sentence punctuation (and blanks)."""
    before = text[max(0, start - 12) : start]
    stripped = before.rstrip()
    if not stripped:
        return start - len(before) == 0 or "\n" in before or "\t" in before
    return stripped[-1] in _SENTENCE_END or "\n" in before[len(stripped) :]


_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
_WORDS = r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*(?:[ \u00a0]+[\p{L}\p{M}][\p{L}\p{M}'’\-.]*)*"
_REGISTER_ORDER = regex.compile(rf"{_WORDS},[ \u00a0]+{_WORDS}")


class Coverage:
    """Tells whether a span overlaps any of a set of detections (one binary search a question)."""

    __slots__ = ("_max_end", "_starts")

    def __init__(self, detections: Sequence[Detection]) -> None:
        taken = sorted((d.start, d.end) for d in detections)
        self._starts = [a for a, _ in taken]
        self._max_end = list(itertools.accumulate((b for _, b in taken), max))

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # detections starting before the span ends
        return bool(i) and self._max_end[i - 1] > start


def _name_keys(
    name: str, particles: Collection[str], exceptions: Collection[str], lower_case_words: Collection[str] = ()
) -> list[str]:
    words = _WORD.findall(name)
    keys: list[str] = []
    if "," in name and _REGISTER_ORDER.fullmatch(name):
        # register order: "Ouhssain, Mimuna" is Mrs Ouhssain; "Rozendal, Barthold van" is no "van"
        keys += [" ".join(name.split()), name.split(",")[0].strip()]
    elif len(words) >= 2:
        keys.append(" ".join(name.split()))
        # the surname with the particles written before it: "Fatima El Amrani" -> "El Amrani"
        tail = [words[-1]]
        for word in reversed(words[1:-1]):
            if word.lower() not in particles:
                break
            tail.insert(0, word)
        # "van Dijk" after a first name is "Van Dijk" on its own; the bare last word of a
        # surname with particles is not repeated ("Foubert van Sint-Niklaas" -> no "Sint-Niklaas")
        keys.append(" ".join(tail))
        if len(tail) > 1:
            keys.append(tail[0][:1].upper() + " ".join(tail)[1:])
    elif words:
        keys.append(words[0])
    kept = []
    for key in keys:
        last = key.split()[-1]
        if len(last) < 3 or last in exceptions:
            continue
        if key.isupper():  # a form in capitals ("achternaam ... CIGAAL"): the name is "Cigaal"
            if len(last) < 4:
                continue  # author initials ("(KVS)") are no surname
            kept.append(
                " ".join(
                    w[:1] + w[1:].lower() if w.lower() not in particles else w.lower() for w in key.split()
                )
            )
            kept.append(key)
        elif not last.isupper():
            kept += [key, key.upper()]  # "Cigaal" is also "CIGAAL" in a register in capitals
    # a system without diacritics writes "Ocakoglu", "GUMUSDERE" for "Ocakoğlu", "Gümüşdere"
    kept += [folded for key in kept if (folded := fold_diacritics(key)) != key]
    # a search term or a chat writes the name in lower case: only where that is no Dutch word
    kept += [
        key.lower()
        for key in kept
        if not key.isupper()
        and all(
            len(w) >= _MIN_LOWER_CASE_LETTERS
            and not is_ordinary_word(w)
            and w.lower() not in lower_case_words
            for w in key.split()
        )
    ]
    return kept


def repeated_names(
    text: str,
    detections: Sequence[Detection],
    *,
    statistical: Collection[str],
    particles: Collection[str],
    lower_case_words: Collection[str] = (),
    exceptions: Collection[str] = (),
    score: float = 0.5,
    vouch: Callable[[str, Detection], bool] | None = None,
) -> list[Detection]:
    """PERSON detections for the uncovered repeats of names found in ``text``.

    :param detections: every detection of the whole document (any entity type); an occurrence
        that overlaps one of them is left alone
    :param statistical: recognizer names of the NER model (its one-word persons are not repeated)
    :param particles: lower-case surname particles ("van", "el", "ait")
    :param lower_case_words: words the model's training text writes in lower case
    :param exceptions: words that never start a name
    :param vouch: says whether a one-word PERSON of the model may be repeated after all (the
        entity typer is sure it is a person)
    """
    keys: set[str] = set()
    for det in detections:
        if det.entity_type != "PERSON":
            continue
        name = text[det.start : det.end]
        if (
            det.recognizer in statistical
            and len(_WORD.findall(name)) < 2
            and not (vouch and vouch(text, det))
        ):
            continue
        keys.update(_name_keys(name, particles, exceptions, lower_case_words))
    if not keys:
        return []
    # every whole-word occurrence of a key, in one pass over the words of the text (a spreadsheet
    # export names thousands of people: searching the text once per key would not scale); at one
    # start the longest key wins ("El Amrani" before "Amrani")
    by_head: dict[str, list[str]] = {}  # keys by their first run of letters
    for key in sorted(keys, key=len, reverse=True):
        head = _LETTERS.match(key)
        if head is not None:
            by_head.setdefault(head.group(), []).append(key)
    occurrences: list[tuple[int, int]] = []
    for word in _LETTERS.finditer(text):
        candidates = by_head.get(word.group())
        if candidates is None and word.group().endswith("s"):
            candidates = by_head.get(word.group()[:-1])  # a possessive: "Wardheeres broer"
        if candidates is None:
            continue
        start = word.start()
        if _joins_word(text, start - 1, before=True):
            continue
        for key in candidates:
            end = start + len(key)
            if not text.startswith(key, start):
                continue
            if not _joins_word(text, end, before=False):
                occurrences.append((start, end))
                break
            if _POSSESSIVE.match(text, end) and key[-1] not in "sxzSXZ":
                occurrences.append((start, end + 1))  # "Wardheeres broer": the name with its "s"
                break
    # the model's own place or organisation over exactly the name gives way (one name, one sense)
    retypable = {
        (d.start, d.end)
        for d in detections
        if d.recognizer in statistical and d.entity_type in ("LOCATION", "ORGANIZATION")
    }
    coverage = Coverage([d for d in detections if (d.start, d.end) not in retypable])
    found: list[Detection] = []
    last_end = -1
    for start, end in occurrences:
        if (
            start < last_end
            or coverage.covers(start, end)
            or any(a < end and start < b and (a, b) != (start, end) for a, b in retypable)
        ):
            continue
        if text[start:end].lower() in lower_case_words and at_sentence_start(text, start):
            continue  # "Bakker" opening a sentence may be the baker; mid-sentence it is the name
        last_end = end
        found.append(Detection("PERSON", start, end, score, RECOGNIZER_NAME))
    return found
