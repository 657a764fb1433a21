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

from presidio_analyzer import Pattern
from stdnum.nl import bsn

from piigov.detection.recognizers._shared import NlPatternRecognizer

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


class NlBsnRecognizer(NlPatternRecognizer):
    """Recognize Dutch BSNs (entity NL_BSN) by pattern and elfproef."""

    PATTERNS = BSN_PATTERNS
    CONTEXT = BSN_CONTEXT
    ENTITY = "NL_BSN"

    def validate_result(self, pattern_text: str) -> bool | None:
        """False (drop) when the elfproef fails; None (keep the pattern score) when it passes."""
        return None if bsn.is_valid(pattern_text) else False
