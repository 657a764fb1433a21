"""NlPhoneRecognizer: Dutch fixed and mobile telephone numbers.

Forms: 06-12345678, 06 12 34 56 78, 0612345678, +31 6 1234 5678, +31(0)6-12345678,
0031 20 123 4567, 070 333 44 44, 020-1234567, (020) 123 4567, and foreign numbers with their
country code (+212 6 61 48 27 09, 0090 532 417 28 63). Every candidate is parsed with
``phonenumbers`` (region NL) and must be a possible *and* valid number.

Guards against the usual look-alikes in government files:

* BSNs have 9 digits, a national number 10 starting with 0 -- never the same token;
* IBANs: digits right after a 4-letter bank code ("ABNA 0417 1643 00") are not a number start;
* zaak/reference numbers such as "2023-0012345": a number glued to a preceding digit, letter,
  hyphen or slash is skipped;
* dates ("03-03-1987 12") are rejected by ``invalidate_result``;
* postcodes and ISO dates do not start with 0 and never reach 10 digits.
"""

from __future__ import annotations

import phonenumbers
import regex
from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import NlPatternRecognizer

_SEP = r"(?:[ \t]?[.\-/][ \t]?|[ \t])?"
# not the digits after an IBAN's bank code ("NL91 ABNA 0417 1643 00"); other capitals may be a
# label ("PHON 030-271 4490" in a GEDCOM family tree)
_BEFORE = r"(?<![\p{L}\p{N}+\-/])(?<![A-Z]{2}\d{2}[ \t]?[A-Z]{4}[ \t]?)"
_AFTER = r"(?![\p{N}]|[.\-/]\p{N})"

PHONE_PATTERNS = (
    Pattern(
        "NL phone (international)",
        rf"(?<![\p{{L}}\p{{N}}+])(?:\+|00)[ \t]?31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}{_AFTER}",
        0.6,
    ),
    Pattern("NL phone (national)", rf"{_BEFORE}0[1-9](?:{_SEP}\d){{8}}{_AFTER}", 0.5),
    Pattern(
        "NL phone (area code in parentheses)",
        rf"(?<![\p{{L}}\p{{N}}])\(0[1-9]\d{{0,2}}\)[ \t\-]?\d(?:{_SEP}\d){{4,7}}{_AFTER}",
        0.5,
    ),
    # people in this dossier also give Moroccan, Turkish, Somali, ... numbers: "+212 6 61 48 27 09"
    Pattern(
        "foreign phone (international)",
        rf"(?<![\p{{L}}\p{{N}}+])(?:\+|00)[ \t]?(?!31)[1-9]\d{{0,2}}(?:{_SEP}\(?\d\)?){{6,12}}{_AFTER}",
        0.5,
    ),
)
PHONE_CONTEXT = ["telefoon", "telefoonnummer", "tel", "mobiel", "gsm", "bellen"]

# "03-03-1987 12" is a date and an hour; "06.12.34.56.78" is a phone number in date-like groups
_DATE_PREFIX = regex.compile(r"^\d{1,2}([.\-/])\d{1,2}\1(?:\d{4}(?!\d)|\d{2}(?![ .\-/]?\d))")


class NlPhoneRecognizer(NlPatternRecognizer):
    """Recognize Dutch (and foreign, with country code) phone numbers (entity PHONE_NUMBER), validated
    with phonenumbers."""

    PATTERNS = PHONE_PATTERNS
    CONTEXT = PHONE_CONTEXT
    ENTITY = "PHONE_NUMBER"

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (drop) unless phonenumbers accepts the number as possible and valid for NL."""
        try:
            number = phonenumbers.parse(pattern_text, "NL")
        except phonenumbers.NumberParseException:
            return False
        if phonenumbers.is_possible_number(number) and phonenumbers.is_valid_number(number):
            return None
        return False

    def invalidate_result(self, pattern_text: str) -> bool | None:
        """True (drop) when the candidate starts with a date such as 03-03-1987."""
        return True if _DATE_PREFIX.match(pattern_text) else None
