"""Redaction for records that must be kept (Archives Act): personal data replaced in place, the rest kept.

Text formats are redacted with Presidio's anonymizer (`<PERSON>`, `<NL_BSN>`, ...), checked by detecting
again before and after writing, and written back through the source's `redact`, which refuses when the
item changed since it was read. Other formats are refused with a clear reason, so a person handles them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from piigov.detection import Detection, Detector
    from piigov.sources.base import Source

REDACTABLE_SUFFIXES = (".txt", ".csv", ".md", ".log")


class RedactionRefused(Exception):
    """This item cannot be redacted automatically; the reason says why (no content in it)."""


@dataclass(frozen=True)
class RedactionResult:
    new_key: str
    method: str
    replaced: dict[str, int]  # entity type -> number of spans replaced


def redact_text(text: str, detections: list[Detection]) -> tuple[str, dict[str, int]]:
    """Replace each detected span by `<ENTITY_TYPE>` with Presidio's anonymizer."""
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    results = [RecognizerResult(d.entity_type, d.start, d.end, d.score) for d in detections]
    anonymized = AnonymizerEngine().anonymize(
        text=text, analyzer_results=results, operators={"DEFAULT": OperatorConfig("replace")}
    )
    return anonymized.text, dict(Counter(item.entity_type for item in anonymized.items))


def redact_item(
    source: Source, key: str, *, expected_fingerprint: str, detector: Detector, entity_types: frozenset[str]
) -> RedactionResult:
    """Redact one item of a text format; nothing is written unless the result is free of `entity_types`."""
    from piigov.extraction.txt import decode_text

    name_for_format = getattr(source, "extraction_name", None)
    name = (name_for_format(key) if name_for_format else key).lower()
    if not name.endswith(REDACTABLE_SUFFIXES):
        raise RedactionRefused(
            f"format {name.rsplit('.', 1)[-1]!r} is not redacted automatically; a person must"
        )
    text = decode_text(source.read(key))
    in_scope = [d for d in detector.detect(text) if d.entity_type in entity_types]
    new_text, replaced = redact_text(text, in_scope)
    left = [d for d in detector.detect(new_text) if d.entity_type in entity_types]
    if left:
        raise RedactionRefused(f"{len(left)} findings would remain after redaction; not written")
    # Written as UTF-8 whatever the original encoding: the redacted record must decode without guessing.
    new_key, method = source.redact(key, new_text.encode("utf-8"), expected_fingerprint=expected_fingerprint)
    written = decode_text(source.read(new_key))
    if any(d.entity_type in entity_types for d in detector.detect(written)):
        raise RedactionRefused("the written record still holds personal data")  # pragma: no cover - defence
    return RedactionResult(new_key, f"Presidio anonymizer replace, then {method}", replaced)
