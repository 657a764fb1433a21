"""NlPassportRecognizer: numbers of Dutch passports (paspoort), entity NL_PASSPORT.

Dutch travel documents (passport and identity card share the number series) carry a document number of
nine characters: two letters, six letters or digits, one digit ("SPECI2014", "NXR4K7P21"). The letter O is
never used, so it cannot be mistaken for a zero. Such a string is also a plausible product code, so
the pattern score is low and a context word (paspoort, documentnummer, reisdocument) is needed to
report it.
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import NlPatternRecognizer

DOCUMENT_NUMBER = r"(?<![\p{L}\p{N}\-])[A-NP-Z]{2}[A-NP-Z0-9]{6}[0-9](?![\p{L}\p{N}\-])"

PASSPORT_PATTERNS = (Pattern("NL document number", DOCUMENT_NUMBER, 0.2),)
PASSPORT_CONTEXT = ["paspoort", "paspoortnummer", "reisdocument", "documentnummer", "reisdocumentnummer"]


class NlPassportRecognizer(NlPatternRecognizer):
    """Recognize Dutch passport numbers (entity NL_PASSPORT); needs a context word to pass."""

    PATTERNS = PASSPORT_PATTERNS
    CONTEXT = PASSPORT_CONTEXT
    ENTITY = "NL_PASSPORT"
