"""Capitalised word pairs mid-sentence that the entity typer takes for persons (name_pairs)."""

from __future__ import annotations

import pytest

from piigov.detection.entity_typer import load_typer
from piigov.detection.name_pairs import RECOGNIZER_NAME, capitalised_pairs
from piigov.detection.training import MODEL_DIR
from piigov.detection.types import Detection
from piigov.detection.wordlists import places

TYPER = load_typer(str(MODEL_DIR))


def _pairs(text: str, detections: list[Detection] | None = None, minimum: float = 0.5) -> list[str]:
    assert TYPER is not None, "the shipped model has an entity typer"
    found = capitalised_pairs(
        text,
        detections or [],
        typer=TYPER,
        exceptions={"Stichting", "Ministerie", "Geachte"},
        places=places(),
        min_person_probability=minimum,
    )
    assert all(d.recognizer == RECOGNIZER_NAME and d.entity_type == "PERSON" for d in found)
    return [text[d.start : d.end] for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hij zit in een groep rond vermoedelijk Sandjai Mangroe uit Diemen.", ["Sandjai Mangroe"]),
        ("en de verliezer Shimon Peres stond als aan de grond genageld.", ["Shimon Peres"]),
        ("zegt kinderpsychologe Hedwig Stellamans vandaag", ["Hedwig Stellamans"]),
    ],
)
def test_an_unknown_full_name_mid_sentence_is_a_person(text: str, expected: list[str]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sandjai Mangroe woont in Diemen.",  # a sentence start: the capital may be the sentence's
        "Hij bezocht de Britse Concorde gisteren.",  # an adjective
        "Hij werkt voor de Stichting Anadolu in Ede.",  # a word that never starts a name
        "Zij woont in Den Haag sinds 2019.",  # a place
        "Hij speelde bij Sporting Lokeren Sint-Niklaas.",  # inside a longer proper name
        "Het project Regiobijeenkomst Zuid begint.",  # ordinary and compass words
        "Hij werkt bij Irion Technologies sinds maart.",  # the typer: an organisation
    ],
)
def test_no_person_where_the_pair_is_something_else(text: str) -> None:
    assert _pairs(text) == []


def test_pairs_another_detection_covers_are_left_alone() -> None:
    text = "en de verliezer Shimon Peres stond als aan de grond genageld."
    start = text.index("Shimon")
    assert _pairs(text, [Detection("ORGANIZATION", start, start + 12, 0.45, "SpacyRecognizer")]) == []
    assert _pairs(text, minimum=1.0) == []


def test_the_detector_repeats_the_surname_of_a_pair(detector) -> None:
    text = (
        "en de verliezer Shimon Peres stond als aan de grond genageld.\nAanhangers van Peres spraken schande."
    )
    found = [
        (text[d.start : d.end], d.recognizer)
        for d in detector.detect_many([text])[0]
        if d.entity_type == "PERSON"
    ]
    assert ("Shimon Peres", RECOGNIZER_NAME) in found
    assert ("Peres", "RepeatedNameInDocument") in found
