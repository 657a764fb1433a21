"""NlGedcomRecognizer: the people, places and dates of a GEDCOM family tree (entities PERSON,
LOCATION, DATE_TIME).

Genealogy programs export family trees as GEDCOM 5.5 text: one value per line after a level
number and a tag ("1 NAME Tjaakje /Nieuwhof/", "2 PLAC Boudinar, Marokko", "2 DATE ABT 1931").
None of it is a sentence: the surname stands between slashes, places are comma lists from the
town up to the country, and dates are written in English ("23 OCT 1963"), so neither the model
nor the Dutch patterns see them. A text is read as GEDCOM only when it says so: a ``0 HEAD``
record and at least one ``0 @...@ INDI`` record. The places of an address (``ADDR``) are
reported here, its street and number, postcode, phone numbers and e-mail addresses by the
recognizers of those types; free text (``NOTE``) is left to all of them.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from piigov.detection.recognizers._shared import cell_result

PERSON = "PERSON"
LOCATION = "LOCATION"
DATE_TIME = "DATE_TIME"

_HEAD = re.compile(r"^0[ \t]+HEAD[ \t]*$", re.MULTILINE)
_INDIVIDUAL = re.compile(r"^0[ \t]+@[^@\n]+@[ \t]+INDI[ \t]*$", re.MULTILINE)
# level, optional cross-reference, tag, value
_LINE = re.compile(
    r"^(?P<level>\d{1,2})[ \t]+(?:@[^@\n]+@[ \t]+)?(?P<tag>_?[A-Z0-9]{3,5})(?:[ \t](?P<value>[^\r\n]*))?$"
)
# the personal name parts of a NAME record, and the name of the submitter
_NAME_TAGS = frozenset({"NAME", "GIVN", "SURN", "NICK", "_MARNM", "_AKA"})
# events of a person's life whose date and place are personal data (not the file's own DATE)
_EVENT_TAGS = frozenset(
    {
        "BIRT",
        "CHR",
        "BAPM",
        "DEAT",
        "BURI",
        "CREM",
        "MARR",
        "DIV",
        "ENGA",
        "NATU",
        "EMIG",
        "IMMI",
        "RESI",
        "EVEN",
    }
)
_WORDS = re.compile(r"[^\W\d_][^\s/,]*(?:[ \t]+[^\W\d_][^\s/,]*)*")
_PLACE_PART = re.compile(r"[^,]+")
_POSTCODE = re.compile(r"^\d{4}[ \t]?[A-Z]{2}[ \t]+")


class NlGedcomRecognizer(EntityRecognizer):
    """Recognize the names, places and event dates of the records of a GEDCOM file.

    :param person_score: score of a name part
    :param location_score: score of a place
    :param date_score: score of an event date
    """

    def __init__(
        self,
        person_score: float = 0.75,
        location_score: float = 0.6,
        date_score: float = 0.6,
        supported_language: str = "nl",
        name: str | None = None,
        context: list[str] | None = None,
    ) -> None:
        self.scores = {PERSON: person_score, LOCATION: location_score, DATE_TIME: date_score}
        super().__init__(
            supported_entities=[PERSON, LOCATION, DATE_TIME],
            name=name,
            supported_language=supported_language,
            context=context,
        )

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        if _HEAD.search(text) is None or _INDIVIDUAL.search(text) is None:
            return []
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        results: list[RecognizerResult] = []
        record = ""  # the tag of level 0 the line belongs to (INDI, FAM, SUBM, HEAD, ...)
        event = ""  # the level-1 tag a level-2 DATE or PLAC belongs to
        offset = 0
        for line in text.splitlines(keepends=True):
            start = offset
            offset += len(line)
            match = _LINE.match(line.rstrip("\r\n"))
            if match is None:
                continue
            level, tag, value = int(match.group("level")), match.group("tag"), match.group("value")
            if level == 0:
                record, event = tag, ""
                continue
            if level == 1:
                event = tag
            if not value or record not in ("INDI", "FAM", "SUBM"):
                continue
            at = start + match.start("value")
            if tag in _NAME_TAGS:
                # "Tjaakje /Nieuwhof/": the given names and the surname, each a name
                for words in _WORDS.finditer(value):
                    self._add(results, wanted, PERSON, at + words.start(), at + words.end(), tag)
            elif (tag == "PLAC" and event in _EVENT_TAGS) or tag in ("ADDR", "CITY"):
                # "Midar, Driouch, Marokko", "Leidsche Rijn, Utrecht", "3514 CV Utrecht"; a street
                # with its number is the street recognizer's
                for part in _PLACE_PART.finditer(value):
                    place = _POSTCODE.sub("", part.group().strip())
                    if place and not any(ch.isdigit() for ch in place):
                        first = at + part.start() + part.group().rindex(place)
                        self._add(results, wanted, LOCATION, first, first + len(place), tag)
            elif tag == "DATE" and level >= 2 and event in _EVENT_TAGS:
                self._add(results, wanted, DATE_TIME, at, at + len(value.rstrip()), f"{event} DATE")
        return results

    def _add(
        self, results: list[RecognizerResult], wanted: set[str], entity: str, start: int, end: int, tag: str
    ) -> None:
        if entity not in wanted or end <= start:
            return
        results.append(
            cell_result(self, entity, start, end, self.scores[entity], f"value of a GEDCOM {tag} line")
        )
