"""Lower-case names after a form of address or a family word (lower_case_names)."""

from __future__ import annotations

import pytest

from piigov.detection.lower_case_names import RECOGNIZER_NAME, lower_case_names
from piigov.detection.nlp import _lower_case_words, _particle_words
from piigov.detection.training import MODEL_DIR
from piigov.detection.types import Detection


def _names(text: str, detections: list[Detection] | None = None) -> list[str]:
    found = lower_case_names(
        text,
        detections or [],
        lower_case_words=_lower_case_words(str(MODEL_DIR)),
        particles=_particle_words(),
    )
    assert all(d.recognizer == RECOGNIZER_NAME and d.entity_type == "PERSON" for d in found)
    return [text[d.start : d.end] for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spreker 2: ja goedemiddag met nazife kilincarslan ik bel over die brief", ["nazife kilincarslan"]),
        ("ik wil weten wat er over mijn zoon okan staat hij is zeventien", ["okan"]),
        ("en ook over mijn man rahmi die is overleden in 2019", ["rahmi"]),
        ("de buurman meneer bouchikhi zei dat ik moet bellen", ["bouchikhi"]),
        ("en de imam abarkan die staat er ook op", ["abarkan"]),
        ("gesprek met mevr. sucdi xareed goobe over haar zoon", ["sucdi xareed goobe"]),
    ],
)
def test_a_lower_case_name_after_a_cue_is_a_person(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "mijn zoon belt morgen terug en mijn man werkt",  # verbs, also conjugated
        "de imam zei dat het klopt",
        "meneer eh ik weet het niet",  # a filler
        "the man walked in and the imam said",  # English: "man" needs a Dutch possessive
        "Zij sprak met Fatima Bouzid.",  # capitals are for the other recognizers
    ],
)
def test_dutch_words_after_a_cue_are_no_name(text: str) -> None:
    assert _names(text) == []


def test_a_name_another_detection_covers_is_left_alone() -> None:
    text = "de buurman meneer bouchikhi zei"
    start = text.index("bouchikhi")
    assert _names(text, [Detection("PERSON", start, start + 9, 0.6, "other")]) == []
