"""NlStreetRecognizer: street + house number where the street has no street ending, entity LOCATION.

The location recognizer's ``street + house number`` pattern knows a street by its ending
("-straat", "-laan", "-plein"). Many Dutch streets have none: "Westzijde 212", "Fellenoord 18",
"Kraaiennest 77", "Oudegracht 5" has one, "Oude Delft 40" has none. This recognizer looks
each of them up in ``data/streets.txt`` (the BAG street names without an ending, via deduce):
at every house number after a word it takes the one to five words before the number and
reports the longest run of them, ending at the number, that is a known street name. The house
number follows the location recognizer's rules (not a date, not a quantity: "Oktober 2021",
"Fase 2 jaar").
"""

from __future__ import annotations

from functools import cache

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from piigov.detection.recognizers.nl_location_recognizer import HOUSE_NUMBER
from piigov.detection.wordlists import load_wordlist

LOCATION = "LOCATION"
_MAX_WORDS = 5
# a house number right after a word and blanks (not a tab: the next cell of a table)
_NUMBER_AFTER_WORD = regex.compile(rf"(?<=[\p{{L}}\p{{M}}.])(?=[ \u00a0]+[1-9]){HOUSE_NUMBER}")
_POSTCODE = regex.compile(r"[1-9]\d{3}[ \u00a0]?[A-Z]{2}(?![\p{L}\p{N}])")
_CELL_OR_LINE = regex.compile(r"[\n\t;|]")
_WORD = regex.compile(r"[\p{L}\p{M}'’][\p{L}\p{M}'’.\-]*")


@cache
def street_names() -> frozenset[str]:
    return frozenset(load_wordlist("streets.txt"))


class NlStreetRecognizer(EntityRecognizer):
    """Recognize a known street name without a street ending followed by a house number.

    :param score: score of a street + house number
    """

    def __init__(
        self,
        score: float = 0.6,
        supported_language: str = "nl",
        name: str | None = None,
        context: list[str] | None = None,
    ) -> None:
        self.score = score
        super().__init__(
            supported_entities=[LOCATION], name=name, supported_language=supported_language, context=context
        )

    def load(self) -> None:
        """Nothing to load: the street list is read on first use."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: object = None) -> list[RecognizerResult]:
        if entities and LOCATION not in entities:
            return []
        streets = street_names()
        results: list[RecognizerResult] = []
        for number in _NUMBER_AFTER_WORD.finditer(text):
            if _POSTCODE.match(text, number.start() + len(number.group()) - len(number.group().lstrip())):
                continue  # "Den Haag 2506 LV": a place and a postcode
            before = text[max(0, number.start() - 80) : number.start()]
            before = before[max((m.end() for m in _CELL_OR_LINE.finditer(before)), default=0) :]
            words = list(_WORD.finditer(before))[-_MAX_WORDS:]
            for i in range(len(words)):
                first = words[i]
                if not first.group()[:1].isupper():
                    continue
                # the words from here to the number, with the blanks between them normalised
                if " ".join(before[first.start() :].split()) in streets:
                    start = number.start() - len(before) + first.start()
                    results.append(self._result(start, number.end()))
                    break
        return results

    def _result(self, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=LOCATION,
            start=start,
            end=end,
            score=self.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,
                original_score=self.score,
                textual_explanation="known street name (BAG, data/streets.txt) with a house number",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
