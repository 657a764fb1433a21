"""Bare surnames with a capitalised particle (piigov.detection.particle_surnames)."""

from __future__ import annotations

import pytest

from piigov.detection.particle_surnames import RECOGNIZER_NAME, bare_particle_surnames, particle_pattern
from piigov.detection.types import Detection
from piigov.detection.wordlists import places

PATTERN = particle_pattern(["Van", "Van der", "De", "Ter", "El", "Ben"])
INTERFIX = {"Vries", "Wit", "Dijk", "Horst", "Linden"}
LOWER = {"morgen", "harte", "wit", "dijk"}


def _bare(text: str, detections: list[Detection] | None = None) -> list[str]:
    found = bare_particle_surnames(
        text,
        detections or [],
        pattern=PATTERN,
        interfix_surnames=INTERFIX,
        known_surname_only={"De", "Ter"},
        lower_case_words=LOWER,
        exceptions={"Stichting", "Moskee", "Volgens"},
        organisation_words={"Stichting", "Moskee"},
        places=places(),
    )
    assert all(d.recognizer == RECOGNIZER_NAME and d.entity_type == "PERSON" for d in found)
    return [text[d.start : d.end] for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het bedrijf werd in 1991 door Van Dijk opgericht.", ["Van Dijk"]),
        ("Als er iemand moet gaan, is het De Vries zelf.", ["De Vries"]),
        ("Volgens El Amrani en De Wit klopt het.", ["El Amrani", "De Wit"]),
        (
            "Het dossier van Ben Haddou ligt bij Van der Linden en Ter Horst.",
            ["Ben Haddou", "Van der Linden", "Ter Horst"],
        ),
        ("Aanwezig: Kees de Graaf, Van Gelder, De Vries.", ["Van Gelder", "De Vries"]),
    ],
)
def test_a_capitalised_particle_mid_sentence_marks_a_surname(text: str, expected: list[str]) -> None:
    assert _bare(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De Vries belde gisteren.",  # sentence start: "De" is the article as often as the particle
        "Hij las het in De Morgen.",  # an ordinary word after the particle
        "Zij schrijft voor De Telegraaf en De Baai.",  # after "De" only known surnames
        "Ze bidt in de moskee El Fath.",  # an organisation word before it
        "Hij woont in Den Haag en De Bilt.",  # places
        "Ze kwam uit Rio De Janeiro.",  # inside a longer proper name
        "Hij werkt bij De Nederlandsche Bank.",  # a capitalised word continues it
        "Adres: Van Kerckhovestraat 5.",  # a street
        "Met Van Harte gedaan.",  # ordinary word, not a known surname
        "Rapport-Van Dijk",  # part of a hyphenated word
    ],
)
def test_no_surname_where_the_particle_is_something_else(text: str) -> None:
    assert _bare(text) == []


def test_words_another_detection_covers_keep_their_type() -> None:
    text = "Het contract met Van Dijk is opgezegd."
    start = text.index("Van Dijk")
    organisation = Detection("ORGANIZATION", start, start + 8, 0.45, "SpacyRecognizer")
    assert _bare(text, [organisation]) == []
    assert _bare(text) == ["Van Dijk"]


def test_the_detector_reports_them_and_repeats_them_at_a_sentence_start(detector) -> None:
    text = "Het verslag is opgesteld door Van Dijk.\nVan Dijk stuurde het op 3 mei door."
    found = [(text[d.start : d.end], d.entity_type) for d in detector.detect_many([text])[0]]
    assert found.count(("Van Dijk", "PERSON")) == 2
