"""NlIdCardRecognizer: numbers of Dutch identity cards (Nederlandse identiteitskaart), entity NL_ID_CARD.

Same number series and layout as the passport (see :mod:`nl_passport_recognizer`); only the context
words differ (identiteitskaart, ID-kaart, identiteitsbewijs).
"""

from __future__ import annotations

from presidio_analyzer import Pattern

from piigov.detection.recognizers._shared import NlPatternRecognizer
from piigov.detection.recognizers.nl_passport_recognizer import DOCUMENT_NUMBER

ID_CARD_PATTERNS = (Pattern("NL document number", DOCUMENT_NUMBER, 0.2),)
ID_CARD_CONTEXT = ["identiteitskaart", "id-kaart", "idkaart", "identiteitsbewijs", "nik"]


class NlIdCardRecognizer(NlPatternRecognizer):
    """Recognize Dutch identity card numbers (entity NL_ID_CARD); needs a context word to pass."""

    PATTERNS = ID_CARD_PATTERNS
    CONTEXT = ID_CARD_CONTEXT
    ENTITY = "NL_ID_CARD"
