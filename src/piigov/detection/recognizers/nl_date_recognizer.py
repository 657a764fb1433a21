"""NlDateRecognizer: dates as written in Dutch ("3 maart 1987", "03-03-1987", "3-3-'87", "1987-03-03").

Four date patterns and a year of birth after "geb."/"geboren (in)"/"geboortejaar"; the birth-date context words (geboren, geb., geboortedatum) raise the score,
so "geb. 3-3-1987" scores high while a letter date scores moderately. ``validate_result``
rejects impossible dates (31-02-1987, 2023-13-01). Only the date itself is reported, not the
"geb." before it.
"""

from __future__ import annotations

import datetime as dt
import re

import regex
from presidio_analyzer import Pattern

from piigov.detection.prefilter import Requires
from piigov.detection.recognizers._shared import IGNORE_CASE_FLAGS, NlPatternRecognizer

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "febr": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_BEFORE = r"(?<![\p{L}\p{N}\-/.])"
_AFTER = r"(?![\p{L}\p{N}]|[\-/.]\p{N})"

DATE_PATTERNS = (
    Pattern(
        "date (day month-name year)",
        rf"{_BEFORE}{_DAY}(?:e|ste|de)?[ \t\u00a0]+{_MONTH}\.?[ \t\u00a0]+(?:(?:1[89]|20)\d{{2}}|['’]\d{{2}}){_AFTER}",
        0.5,
    ),
    Pattern(
        "date (d-m-yyyy)",
        rf"{_BEFORE}{_DAY}(?P<sep>[\-/.]){_MONTH_NUM}(?P=sep)(?:1[89]|20)\d{{2}}{_AFTER}",
        0.45,
    ),
    Pattern(
        "date (yyyy-mm-dd)",
        # also with slashes, as some registers export it: "1983/11/27"
        rf"{_BEFORE}(?:1[89]|20)\d{{2}}(?P<isep>[\-/])(?:0[1-9]|1[0-2])(?P=isep)(?:0[1-9]|[12]\d|3[01])"
        rf"(?!\p{{N}}|[\-/]\p{{N}})",
        0.4,
    ),
    Pattern(
        "date (d-m-yy)",
        rf"{_BEFORE}{_DAY}(?P<sep2>[\-/]){_MONTH_NUM}(?P=sep2)['’]?\d{{2}}{_AFTER}",
        0.35,
    ),
    # a year of birth on its own: "(geb. 1994)", "geboren in 1948", "geboortejaar: 1966"
    Pattern(
        "birth year",
        r"(?<=(?<![\p{L}])(?:geb\.?|geboren(?:[ \t\u00a0]+in)?|geboortejaar[:.]?)[ \t\u00a0]{1,3})"
        r"(?:19|20)\d{2}(?![\p{L}\p{N}]|[\-/.]\p{N})",
        0.5,
    ),
)
# Where a date can start (piigov.detection.prefilter): an ASCII digit not after a digit, at most
# three more digits, then a separator, or letters (an ordinal: "3e") and a blank.
_DAY_OR_YEAR = re.compile(r"[0-9](?<!\d[0-9])(?=\d{0,3}(?:[\-/.]|[^\W\d]*[ \t\u00a0]))")
DATE_CANDIDATES: dict[str, object] = {p.name: _DAY_OR_YEAR for p in DATE_PATTERNS}
DATE_CANDIDATES["birth year"] = Requires(any_of=("geb", "Geb", "GEB"))
DATE_CONTEXT = ["geboren", "geb", "geboortedatum"]

_NUMBERS = regex.compile(r"\d+|[^\W\d_]+")


class NlDateRecognizer(NlPatternRecognizer):
    """Recognize Dutch dates (entity DATE_TIME) and reject impossible ones."""

    PATTERNS = DATE_PATTERNS
    CANDIDATES = DATE_CANDIDATES
    CONTEXT = DATE_CONTEXT
    ENTITY = "DATE_TIME"
    REGEX_FLAGS = IGNORE_CASE_FLAGS

    @staticmethod
    def _parts(pattern_text: str) -> tuple[int, int, int] | None:
        """(year, month, day) of a matched date; a two-digit year is read as 20yy (leap-safe)."""
        tokens = _NUMBERS.findall(pattern_text.lower())
        if len(tokens) < 3:
            return None
        if len(tokens[0]) == 4:  # yyyy-mm-dd
            year, month, day = int(tokens[0]), int(tokens[1]), int(tokens[2])
            return year, month, day
        day_token = regex.match(r"\d+", tokens[0])
        if day_token is None:
            return None
        day = int(day_token.group())
        month_token = tokens[1] if tokens[1].isdigit() else tokens[1].rstrip(".")
        month = int(month_token) if month_token.isdigit() else MONTHS.get(month_token)
        # "3e maart": the ordinal suffix is its own token
        if month is None and len(tokens) >= 4:
            month = MONTHS.get(tokens[2])
            tokens = [tokens[0], tokens[2], tokens[3]]
        if month is None:
            return None
        year_token = tokens[2]
        year = int(year_token) if len(year_token) == 4 else 2000 + int(year_token)
        return year, month, day

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (drop) for a date that does not exist; None keeps the pattern score."""
        if len(pattern_text) == 4 and pattern_text.isdigit():
            return None  # a year of birth ("geb. 1994"): the pattern already bounds it
        parts = self._parts(pattern_text)
        if parts is None:
            return False
        try:
            dt.date(*parts)
        except ValueError:
            return False
        return None
