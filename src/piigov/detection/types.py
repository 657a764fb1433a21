"""The detection result type (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Detection:
    """One piece of personal data found in a text.

    Holds only the location of the value, never the value itself: ``text[start:end]``.
    """

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str
