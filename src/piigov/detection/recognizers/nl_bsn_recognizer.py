"""NlBsnRecognizer: Dutch citizen service numbers (burgerservicenummer, BSN; formerly sofinummer).

A BSN has 9 digits and passes the "elfproef" (weighted sum 9..2, -1 divisible by 11). It is
written plain ("123456782"), or grouped with dots, spaces or dashes ("123.456.782",
"1234.56.782", "1234 56 782"). The checksum is checked with ``stdnum.nl.bsn``.

Scoring: ``validate_result`` returns False for a number that fails the elfproef, so Presidio
drops it -- an invalid number is never reported. For a number that passes it returns None
(not True), keeping the moderate base score: one in eleven random 9-digit numbers passes,
so a passing checksum alone is not proof. Context words (BSN, burgerservicenummer,
sofinummer) raise the score.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer
from stdnum.nl import bsn

from piigov.detection.recognizers._shared import CASE_SENSITIVE_FLAGS

# Not glued to letters, digits, decimal separators or signs; not an amount ("€ 123.456.782").
_BEFORE = r"(?<![\p{L}\p{N}.,\-/+])(?<!(?:€|EUR)[ \t\u00a0]?)"
_AFTER = r"(?![\p{L}\p{N}]|[.,\-/]\p{N})"

BSN_PATTERNS = (
    Pattern("BSN (9 digits)", rf"{_BEFORE}\d{{9}}{_AFTER}", 0.4),
    Pattern(
        "BSN (grouped)",
        rf"{_BEFORE}(?:\d{{3}}(?P<sep3>[. \-])\d{{3}}(?P=sep3)\d{{3}}"
        rf"|\d{{4}}(?P<sep4>[. \-])\d{{2}}(?P=sep4)\d{{3}}){_AFTER}",
        0.4,
    ),
)
BSN_CONTEXT = ["bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"]


class NlBsnRecognizer(PatternRecognizer):
    """Recognize Dutch BSNs (entity NL_BSN) by pattern and elfproef.

    :param patterns: patterns to use instead of the defaults
    :param context: context words to use instead of the defaults
    :param supported_language: language this recognizer supports
    :param supported_entity: the entity this recognizer reports
    :param name: recognizer name (defaults to the class name)
    """

    PATTERNS = BSN_PATTERNS
    CONTEXT = BSN_CONTEXT

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "nl",
        supported_entity: str = "NL_BSN",
        name: str | None = None,
    ) -> None:
        super().__init__(
            supported_entity=supported_entity,
            name=name,
            supported_language=supported_language,
            patterns=list(patterns) if patterns else list(self.PATTERNS),
            context=list(context) if context else list(self.CONTEXT),
            global_regex_flags=CASE_SENSITIVE_FLAGS,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (drop) when the elfproef fails; None (keep the pattern score) when it passes."""
        return None if bsn.is_valid(pattern_text) else False
