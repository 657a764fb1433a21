"""One name, one detection: parts of a full name that different steps found are joined.

The NER model, the patterns and the repeats each find part of a name: the model takes "Shimon"
and the repeat of an earlier "Peres" takes "Peres", so "kandidaat Shimon Peres" held two
persons; the model took "Van den Abeele" and left "Dries" before it, or "Kimmo" and left
"Pohjonen" after it. Two wrong halves count twice against precision and the whole name goes
missing. :func:`joined_names` (the last of this module's steps, which end
:meth:`piigov.detection.Detector.finish`):

* joins two PERSON detections with a single blank between them, one of them a single word
  and not both the same;
* takes a first name (``data/first_names.txt``) right before a PERSON into it ("Olivier
  Leleux"; a title or a role before a name is no part of it: "Kapitein Els van Beek");
* takes a capitalised word right after a one-word PERSON into it ("Kimmo Pohjonen"), after
  lower-case particles only when that word is a first name ("Jan van Dijk", not "Foubert van
  Sint-Niklaas").

A word taken in must be free (no other detection on it), no ordinary Dutch word, word that
never starts a name, place or country; a word after must make a whole that the entity typer
takes for a person (P(person) >= ``min_person_probability``).

Before it run, in this order: :func:`register_order_names`, which takes a cell in register
order, "Surname, First", whatever the first name ("Hoogkamer, Sijke (SZW)");
:func:`names_before_their_address`, a full name on the line before an e-mail address that holds
its surname; and :func:`coordinated_names`, the capitalised words that "en" or "&" joins to a
person: "Ouassif en Haaruun Nugaal", "Vidjai Bhaggan en Rajkumarie Debidin" (the model had
"Haaruun Nugaal" and "Vidjai" for places). Nothing here imports Presidio or spaCy.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import regex

from piigov.detection.name_pairs import CAPITALISED_WORD, person_probability
from piigov.detection.types import Detection
from piigov.detection.wordlists import fold_diacritics, is_ordinary_word

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from piigov.detection.entity_typer import EntityTyper

RECOGNIZER_NAME = "JoinedName"
COORDINATED_NAME = "CoordinatedName"
REGISTER_ORDER_NAME = "RegisterOrderCell"
ADDRESS_NAME = "NameBeforeItsAddress"
LISTED_NAME = "ListedName"
_BLANK = regex.compile(r"[ \u00a0]")
_WORD_BEFORE = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-.@])\p{Lu}[\p{Ll}\p{M}]+[ \u00a0]$")
_SURNAME_AFTER = regex.compile(
    r"[ \u00a0](?:(?P<particles>(?:\p{Ll}{1,3}[ \u00a0]){0,2}))(?P<surname>\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?)"
    r"(?![\p{L}\p{M}\p{N}@\-])"
)


def _free(start: int, end: int, detections: Sequence[Detection]) -> bool:
    return not any(d.start < end and start < d.end for d in detections)


def _name_word(word: str, exceptions: Collection[str], places: Collection[str]) -> bool:
    return not (is_ordinary_word(word) or word in exceptions or word in places)


def _model_inside(
    detections: Sequence[Detection],
    start: int,
    end: int,
    statistical: Collection[str],
    *,
    persons: bool = False,
) -> list[Detection] | None:
    """What the NER model (``statistical``) found inside ``[start, end)``, which gives way to a new
    person there (its persons only when ``persons``); None when anything else overlaps the span."""
    inside = [d for d in detections if d.start < end and start < d.end]
    if any(
        d.recognizer not in statistical
        or d.start < start
        or d.end > end
        or (d.entity_type == "PERSON" and not persons)
        for d in inside
    ):
        return None
    return inside


def _with_persons(
    detections: Sequence[Detection], added: Sequence[Detection], replaced: Collection[tuple[int, int, str]]
) -> list[Detection]:
    """``detections`` without ``replaced`` (start, end, type), with ``added`` (one per span), sorted."""
    if not added:
        return list(detections)
    kept = [d for d in detections if (d.start, d.end, d.entity_type) not in replaced]
    unique = {(d.start, d.end): d for d in added}
    return sorted(kept + list(unique.values()), key=lambda d: (d.start, d.end, d.entity_type))


def joined_names(
    text: str,
    detections: Sequence[Detection],
    *,
    first_names: Collection[str],
    particles: Collection[str],
    exceptions: Collection[str],
    places: Collection[str],
    typer: EntityTyper | None = None,
    min_person_probability: float = 0.5,
) -> list[Detection]:
    """``detections`` with the parts of one name joined (see the module docstring), sorted."""
    ordered = sorted(detections, key=lambda d: (d.start, d.end))
    persons = [d for d in ordered if d.entity_type == "PERSON"]
    if not persons:
        return list(ordered)
    others = [d for d in ordered if d.entity_type != "PERSON"]

    def person(start: int, end: int) -> bool:
        return typer is not None and person_probability(typer, text, start, end) >= min_person_probability

    joined: list[Detection] = []
    for det in persons:
        last = joined[-1] if joined else None
        if (
            last is not None
            and det.start - last.end == 1
            and _BLANK.fullmatch(text, last.end, det.start)
            # one of them a single word, and no name twice ("Tjin A Tsoi Tjin A Tsoi": two people)
            and (not _BLANK.search(text, last.start, last.end) or not _BLANK.search(text, det.start, det.end))
            and text[last.start : last.end] != text[det.start : det.end]
        ):
            joined[-1] = Detection(
                "PERSON", last.start, max(last.end, det.end), max(last.score, det.score), RECOGNIZER_NAME
            )
        else:
            joined.append(det)
    grown: list[Detection] = []
    for index, det in enumerate(joined):
        start, end = det.start, det.end
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None:
            word = before.group()[:-1]
            if (
                _name_word(word, exceptions, places)
                and _free(before.start(), start, others + joined[max(0, index - 1) : index])
                and word in first_names
            ):
                start = before.start()
        if not _BLANK.search(text, det.start, det.end):
            after = _SURNAME_AFTER.match(text, end)
            if (
                after is not None
                and all(p in particles for p in after.group("particles").split())
                # "Foubert van Sint-Niklaas": after particles only a first name's surname
                and (not after.group("particles") or text[start : det.end] in first_names)
                and _name_word(after.group("surname"), exceptions, places)
                and _free(end, after.end(), others + joined[index + 1 : index + 2])
                and person(start, after.end())
            ):
                end = after.end()
        if (start, end) != (det.start, det.end):
            det = Detection("PERSON", start, end, det.score, RECOGNIZER_NAME)
        grown.append(det)
    return sorted(others + grown, key=lambda d: (d.start, d.end, d.entity_type))


_NAME_WORDS = r"\p{Lu}[\p{Ll}\p{M}'’]{2,}(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?(?:[ \u00a0]\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?){0,2}"
_AND = r"[ \u00a0]+(?:en|&)[ \u00a0]+"
_COORDINATED_AFTER = regex.compile(
    rf"{_AND}(?P<name>{_NAME_WORDS})(?![\p{{L}}\p{{M}}\p{{N}}@\-]|[ \u00a0]\p{{Lu}})"
)
# the next item of a comma list: a full name, or one word where the list goes on or began before
# ("Mürüvvet Pamukçu, Hêvî Pirbal, Lailuma Nasiri, Jaceyl"); "Yaritza Profas, Leek" at the end of
# a line is a name and a place
_LIST_END = r"(?=[ \u00a0]*(?:,|\r?$|[ \u00a0](?:en|&)[ \u00a0]))"
_LISTED_AFTER = regex.compile(rf"[ \u00a0]*,[ \u00a0]*(?P<name>{_NAME_WORDS}){_LIST_END}", regex.MULTILINE)
_LIST_GOES_ON = regex.compile(
    rf"[ \u00a0]*,[ \u00a0]*{_NAME_WORDS}(?=[ \u00a0]*(?:,[ \u00a0]*|[ \u00a0](?:en|&)[ \u00a0]+)\p{{Lu}}[\p{{Ll}}\p{{M}}])"
)
_LIST_BEFORE = regex.compile(r",[ \u00a0]*$")
# the item before, where the list goes on after the person or began before the item:
# "Kiin, Melisa, Jasoda, Lidia, Gijsje en Soetinah"
_LISTED_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.@])(?P<name>{_NAME_WORDS})[ \u00a0]*,[ \u00a0]*$"
)
_LIST_ITEM_BEFORE = regex.compile(rf"(?:,|:)[ \u00a0]*{_NAME_WORDS}[ \u00a0]*,[ \u00a0]*$")
_LIST_AFTER_PERSON = regex.compile(r"[ \u00a0]*(?:,|[ \u00a0](?:en|&)[ \u00a0])")
_COORDINATED_BEFORE = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.@]|\p{{Lu}}[\p{{L}}\p{{M}}]*[ \u00a0])(?P<name>{_NAME_WORDS}){_AND}$"
)


def _what_gives_way(
    text: str,
    start: int,
    end: int,
    detections: Sequence[Detection],
    exceptions: Collection[str],
    places: Collection[str],
    statistical: Collection[str],
    typer: EntityTyper | None,
    min_person_probability: float,
) -> list[Detection] | None:
    """The model's detections that give way to a person at ``[start, end)`` (a joined or listed
    item), or None when it is no person: a word of it (particles aside) is an ordinary word,
    exception or place, the entity typer doubts it, or another detection lies on it."""
    words = [w for w in text[start:end].split() if w not in _LIST_PARTICLES]
    if not all(_name_word(w, exceptions, places) for w in words) or (
        typer is not None and person_probability(typer, text, start, end) < min_person_probability
    ):
        return None
    return _model_inside(detections, start, end, statistical)


def coordinated_names(
    text: str,
    detections: Sequence[Detection],
    *,
    exceptions: Collection[str],
    places: Collection[str],
    statistical: Collection[str],
    typer: EntityTyper | None = None,
    min_person_probability: float = 0.3,
) -> list[Detection]:
    """``detections`` and a PERSON for the capitalised words joined to a person by "en" or "&"
    ("Ouassif en Haaruun Nugaal", "Vidjai Bhaggan en Rajkumarie Debidin"): every word no ordinary
    word, word that never starts a name, place or country; no detection on them but a place or
    organisation of the NER model (``statistical``) inside them, which gives way (one list, one
    kind of thing); the person not a lone word of the model (its guesses are not repeated either)
    and the words a person to the entity typer (P(person) >= ``min_person_probability``): "Tamil
    Nadu en Karnataka" stays two places."""
    ordered = sorted(detections, key=lambda d: (d.start, d.end))
    added: list[Detection] = []
    replaced: set[tuple[int, int, str]] = set()
    # a name found here may open the next item of its list: worked off as a queue
    queue = deque(ordered)
    while queue:
        det = queue.popleft()
        if det.entity_type != "PERSON" or (
            det.recognizer in statistical and not _BLANK.search(text, det.start, det.end)
        ):
            continue
        listed = _LISTED_AFTER.match(text, det.end)
        if listed is not None and not (
            _BLANK.search(listed.group("name"))
            or _LIST_GOES_ON.match(text, det.end)
            or _LIST_BEFORE.search(text, max(0, det.start - 3), det.start)
        ):
            listed = None
        window = max(0, det.start - 80)
        listed_before = _LISTED_BEFORE.search(text, window, det.start)
        if listed_before is not None and not (
            _BLANK.search(listed_before.group("name"))
            or _LIST_AFTER_PERSON.match(text, det.end)
            or _LIST_ITEM_BEFORE.search(text, window, det.start)
        ):
            listed_before = None
        for match in (
            _COORDINATED_AFTER.match(text, det.end),
            listed,
            _COORDINATED_BEFORE.search(text, window, det.start),
            listed_before,
        ):
            if match is None:
                continue
            start, end = match.span("name")
            inside = _what_gives_way(
                text, start, end, ordered, exceptions, places, statistical, typer, min_person_probability
            )
            if inside is None:
                continue
            replaced.update((d.start, d.end, d.entity_type) for d in inside)
            if any(a.start == start and a.end == end for a in added):
                continue
            joined = Detection("PERSON", start, end, det.score, COORDINATED_NAME)
            added.append(joined)
            queue.append(joined)
    return _with_persons(ordered, added, replaced)


# a list of at least three items of capitalised words, each perhaps with a remark in brackets
# ("Tooxo Fidaar (Leiden)"), comma-separated (a comma may end a wrapped line) and "en" before the last
_LIST_REMARK = r"(?:[ \u00a0]*\([^()\n]{1,40}\))?"
_LIST_SEPARATOR = r"(?:[ \u00a0]*,[ \t\u00a0]*(?:\r?\n[ \t\u00a0]*)?|,?[ \u00a0]+(?:en|&)[ \u00a0]+)"
# (an item may hold lower-case particles after its first word: "Anne van der Berg", "Hayder al-Ani")
_LIST_PARTICLES = ("van", "de", "der", "den", "ter", "ten", "el", "al", "bin", "ben", "abu", "ibn")
_LIST_PARTICLE = rf"(?:{'|'.join(_LIST_PARTICLES)})"
_LISTED_NAME_WORDS = (
    r"\p{Lu}[\p{Ll}\p{M}'’]{2,}(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?"
    rf"(?:[ \u00a0](?:{_LIST_PARTICLE}[ \u00a0]){{0,2}}(?:(?:al|el|as|ad|ar|at)-)?\p{{Lu}}[\p{{Ll}}\p{{M}}'’]+"
    r"(?:-\p{Lu}[\p{Ll}\p{M}'’]+)?){0,2}"
)
_NAME_LIST = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.@])(?P<item>{_LISTED_NAME_WORDS}){_LIST_REMARK}"
    rf"(?:{_LIST_SEPARATOR}(?P<item>{_LISTED_NAME_WORDS}){_LIST_REMARK}){{2,}}(?![\p{{L}}\p{{M}}\p{{N}}@\-])"
)


def listed_names(
    text: str,
    detections: Sequence[Detection],
    *,
    exceptions: Collection[str],
    places: Collection[str],
    statistical: Collection[str],
    typer: EntityTyper | None = None,
    min_person_probability: float = 0.3,
) -> list[Detection]:
    """``detections`` and a PERSON for the other items of a list whose items are mostly persons
    already (at least three, and at least half): "Kiin, Melisa, Jasoda, Lidia, Gijsje en
    Soetinah" where the model knew four of the six first names. An item is taken when its words
    are no ordinary word, word that never starts a name or place, nothing but the model's places
    or organisations lies on it, and the entity typer gives it P(person) >= ``min_person_probability``."""
    persons = [d for d in detections if d.entity_type == "PERSON"]
    if len(persons) < 3:
        return list(detections)
    added: list[Detection] = []
    replaced: set[tuple[int, int, str]] = set()
    for match in _NAME_LIST.finditer(text):
        items = match.spans("item")
        known = [any(p.start < end and start < p.end for p in persons) for start, end in items]
        if sum(known) < 3 or 2 * sum(known) < len(items):
            continue
        score = max(p.score for p in persons if match.start() <= p.start < match.end())
        for (start, end), is_person in zip(items, known, strict=True):
            if is_person:
                continue
            inside = _what_gives_way(
                text, start, end, detections, exceptions, places, statistical, typer, min_person_probability
            )
            if inside is None:
                continue
            replaced.update((d.start, d.end, d.entity_type) for d in inside)
            added.append(Detection("PERSON", start, end, score, LISTED_NAME))
    return _with_persons(detections, added, replaced)


_CAPITAL_PARTICLES = ("Van", "De", "Den", "Der", "El", "Al")
_REGISTER_ORDER_CELL = regex.compile(
    rf"(?:^|(?<=[\t;|:]))[ \u00a0]*(?P<name>(?P<surname>(?:(?:{'|'.join(_CAPITAL_PARTICLES)})[ \u00a0])*{CAPITALISED_WORD}"
    rf"(?:[ \u00a0]{CAPITALISED_WORD})?),[ \u00a0]+(?P<first>{CAPITALISED_WORD}(?:[ \u00a0]{CAPITALISED_WORD})?))(?=[ \u00a0]*(?:$|[\t;|(]))",
    regex.MULTILINE,
)


def register_order_names(
    text: str,
    detections: Sequence[Detection],
    *,
    exceptions: Collection[str],
    places: Collection[str],
    statistical: Collection[str],
    score: float = 0.6,
) -> list[Detection]:
    """``detections`` and a PERSON for a cell that holds "Surname, First" ("Hoogkamer, Sijke (SZW)",
    "Aan: ...; Hempenius, Wikje", a tab-separated "Spinghar, Zohal") whose words are no ordinary
    word, word that never starts a name, place or country -- whatever the first name (the person
    patterns know only the first names of their list). What the NER model (``statistical``) found
    inside the cell gives way; any other detection keeps it."""
    ordered = sorted(detections, key=lambda d: (d.start, d.end))
    added: list[Detection] = []
    replaced: set[tuple[int, int, str]] = set()
    for match in _REGISTER_ORDER_CELL.finditer(text):
        start, end = match.span("name")
        words = [*match.group("surname").split(), *match.group("first").split()]
        words = [w for w in words if w not in _CAPITAL_PARTICLES]
        if not all(_name_word(w, exceptions, places) for w in words):
            continue
        # (the model's own part of the name gives way too: "Kaariye, Jamiila Xasuus" where it
        # had "Jamiila Xasuus")
        inside = _model_inside(ordered, start, end, statistical, persons=True)
        if inside is None:
            continue
        replaced.update((d.start, d.end, d.entity_type) for d in inside)
        added.append(Detection("PERSON", start, end, score, REGISTER_ORDER_NAME))
    return _with_persons(ordered, added, replaced)


_NAME_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’\-.@]){CAPITALISED_WORD}"
    rf"(?:[ \u00a0](?:(?:van|de|der|den|ter|ten|el|al)[ \u00a0])*{CAPITALISED_WORD}){{1,3}}"
    r"(?![\p{L}\p{M}\p{N}])"
)
_ADDRESS_REACH = 100  # characters before the address on its line
_MIN_SURNAME_IN_ADDRESS = 4


def names_before_their_address(
    text: str,
    detections: Sequence[Detection],
    *,
    exceptions: Collection[str],
    places: Collection[str],
    statistical: Collection[str],
    score: float = 0.6,
) -> list[Detection]:
    """``detections`` and a PERSON for a full name on the line before an e-mail address that holds
    its surname ("Ybeltje Fokkema, ybeltje.fokkema@...", "Tamazirt Aherdan, collega gemeente
    Rotterdam, t.aherdan@..."): the address vouches for the name even where the model took the
    surname for a place. The nearest such name wins; a place or organisation of the NER model
    inside it gives way."""
    ordered = sorted(detections, key=lambda d: (d.start, d.end))
    added: list[Detection] = []
    replaced: set[tuple[int, int, str]] = set()
    for address in ordered:
        if address.entity_type != "EMAIL_ADDRESS":
            continue
        at = text.find("@", address.start, address.end)
        local = fold_diacritics(text[address.start : at]).lower() if at > 0 else ""
        line_start = text.rfind("\n", 0, address.start) + 1
        for run in reversed(
            list(_NAME_RUN.finditer(text, max(line_start, address.start - _ADDRESS_REACH), address.start))
        ):
            words = run.group().split()
            surname = fold_diacritics(words[-1]).lower().replace("-", "")
            if len(surname) < _MIN_SURNAME_IN_ADDRESS or surname not in local.replace("-", ""):
                continue
            start, end = run.span()
            inside = _model_inside(ordered, start, end, statistical)
            if inside is None or not all(_name_word(w, exceptions, places) for w in words if w[:1].isupper()):
                break
            replaced.update((d.start, d.end, d.entity_type) for d in inside)
            added.append(Detection("PERSON", start, end, score, ADDRESS_NAME))
            break
    return _with_persons(ordered, added, replaced)
