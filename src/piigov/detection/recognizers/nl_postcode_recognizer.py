"""NlPostcodeRecognizer: Dutch postcodes, "1234 AB" or "1234AB".

Four digits, the first 1-9, then two capital letters; the combinations SA, SD and SS are not
issued and are excluded. Lower-case letters are not accepted: "1234 ab" is rare for a
postcode and common for other things.

Postcodes 1900-2099 look like a year followed by an abbreviation ("in 1987 NS staking",
"2020 EU-breed"). For those the pattern score is kept low unless a capitalised place name
follows, as in an address line ("2011 AB Haarlem", "2021 JJ  HAARLEM") or the next cell of a table ('"1972 GE";"IJmuiden"'),
or a context word is near.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import NlPatternRecognizer

_BEFORE = r"(?<![\p{L}\p{N}\-/.])"
_LETTERS = r"[ \u00a0]?(?!S[ADS])[A-Z]{2}(?![\p{L}\p{N}\-])"
_YEAR_LIKE = r"(?:19|20)\d{2}"

POSTCODE_PATTERNS = (
    Pattern("NL postcode", rf"{_BEFORE}(?!{_YEAR_LIKE})[1-9]\d{{3}}{_LETTERS}", 0.5),
    Pattern(
        "NL postcode (year-like, before a place)",
        # the place after it on the line or in the next cell ('"1972 GE";"IJmuiden"')
        rf"{_BEFORE}{_YEAR_LIKE}{_LETTERS}"
        # (or in capitals, as an address block writes it: "2021 JJ  HAARLEM")
        rf"(?=[\"']?(?:[ \t\u00a0]+|[ \u00a0]*[;|\t][ \u00a0]*[\"']?)(?:['’]s-)?(?:IJ|\p{{Lu}}\p{{Ll}}|\p{{Lu}}{{3,}}(?!\p{{Ll}})))",
        0.5,
    ),
    Pattern("NL postcode (year-like)", rf"{_BEFORE}{_YEAR_LIKE}{_LETTERS}", 0.3),
)
POSTCODE_CONTEXT = ["postcode", "woonachtig", "adres"]


class NlPostcodeRecognizer(NlPatternRecognizer):
    """Recognize Dutch postcodes (entity NL_POSTCODE)."""

    PATTERNS = POSTCODE_PATTERNS
    CONTEXT = POSTCODE_CONTEXT
    ENTITY = "NL_POSTCODE"
