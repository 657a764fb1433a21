"""Surnames right after a reporting verb or role that the entity typer takes for persons (cue_surnames)."""

from __future__ import annotations

import pytest

from piigov.detection.config import load_config
from piigov.detection.cue_surnames import RECOGNIZER_NAME, cue_pattern, cue_surnames
from piigov.detection.entity_typer import load_typer
from piigov.detection.training import MODEL_DIR
from piigov.detection.types import Detection
from piigov.detection.wordlists import places

TYPER = load_typer(str(MODEL_DIR))
CONFIG = load_config()
CUES = CONFIG.cue_surname_cues
PATTERN = cue_pattern(CUES)


def _names(text: str, detections: list[Detection] | None = None) -> list[str]:
    assert TYPER is not None, "the shipped model has an entity typer"
    found = cue_surnames(
        text,
        detections or [],
        pattern=PATTERN,
        typer=TYPER,
        exceptions={"Stichting", "Ministerie", "Justitie"},
        places=places(),
        min_person_probability=CONFIG.cue_surname_min_person_probability,
    )
    assert all(d.recognizer == RECOGNIZER_NAME and d.entity_type == "PERSON" for d in found)
    return [text[d.start : d.end] for d in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('" Dat vraag ik ook niet " , zegt Schouten . De trip duurt lang .', ["Schouten"]),
        ("De wet moet eerst worden aangepast, aldus Bakker in een reactie.", ["Bakker"]),
        ("Volgens Doelwijt is de zaak al lang afgesloten.", ["Doelwijt"]),
        ("De Venezolaanse president Schouten werd herkozen.", ["Schouten"]),
        ("hij keek in het gezicht van zijn idool Brouwer en zweeg.", ["Brouwer"]),
        # a double surname, whatever the typer says; a second name joined by "en" shares the cue
        (
            "antwoordt dat de ambtenaar Roozeboom-Engbersen in 2021 een overzicht maakte",
            ["Roozeboom-Engbersen"],
        ),
        ("Initiatiefnemers: de leden Aharrar en Sikma\n\nBlok 1", ["Aharrar", "Sikma"]),
        ("De wet moet eerst worden aangepast, aldus Bakker en Amsterdam.", ["Bakker"]),  # a place
    ],
)
def test_a_bare_surname_after_a_cue_is_a_person(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Het plan is volgens Justitie niet uitvoerbaar.",  # an organisation word
        "De schade is volgens Nederland beperkt.",  # a country
        "Volgens Joegoslavisch minister van Informatie is dat onjuist.",  # an adjective
        "Volgens Pukkelpop-organisator Jansen is het festival vol.",  # part of a compound
        "Het komt, zegt Schouten Bouwbedrijf Noord, door de regen.",  # a capitalised word continues it
        "Dat zei iemand tegen hem, en hij ging weg.",  # nothing capitalised after the cue
        "Dat regelt de tolk Koerdisch-Sorani voor ons.",  # a language
        "Souhaila Akhiat, ambtenaar Radicaliseringsaanpak\nDatum: 21 november 2019",  # a compound noun
        "volgens woordvoerder Noord-Holland is dat zo",  # a province: no double surname
    ],
)
def test_no_person_where_the_word_after_the_cue_is_something_else(text: str) -> None:
    assert _names(text) == []


def test_a_name_another_detection_covers_is_left_alone() -> None:
    text = "De wet moet eerst worden aangepast, aldus Bakker in een reactie."
    start = text.index("Bakker")
    taken = [Detection("ORGANIZATION", start, start + len("Bakker"), 0.5, "SpacyRecognizer")]
    assert _names(text, taken) == []  # statistical recognizers not named: a rule found it


def test_the_detector_repeats_a_name_found_after_a_cue() -> None:
    from piigov.detection import get_detector

    text = 'Schouten won de race. " Ik ben blij " , zei Schouten . Later reed Schouten naar huis .'
    found = get_detector().detect(text)
    persons = [(d.start, text[d.start : d.end]) for d in found if d.entity_type == "PERSON"]
    assert (text.index("zei Schouten") + 4, "Schouten") in persons
    assert (text.index("reed Schouten") + 5, "Schouten") in persons


def test_the_models_organisation_over_exactly_the_name_may_become_a_person() -> None:
    assert TYPER is not None
    text = "De Morgen Algemeen Premier Autar bood de Palestijnen een echte kans ."
    start = text.index("Autar")
    model_org = Detection("ORGANIZATION", start, start + len("Autar"), 0.45, "SpacyRecognizer")
    wider = Detection("ORGANIZATION", start - 8, start + len("Autar"), 0.45, "SpacyRecognizer")

    def names(detections: list[Detection]) -> list[str]:
        found = cue_surnames(
            text,
            detections,
            pattern=PATTERN,
            typer=TYPER,
            statistical={"SpacyRecognizer"},
            exceptions=set(),
            places=places(),
            min_person_probability=load_config().cue_surname_min_person_probability,
        )
        return [text[d.start : d.end] for d in found]

    assert names([model_org]) == ["Autar"]
    assert names([wider]) == []  # the model's span is not exactly the name


def test_the_word_scan_finds_exactly_what_the_regex_finds() -> None:
    # cues in every position the lookbehind and the hyphen rule care about, and overlapping ones
    pieces = [
        "zei Schouten .",
        "Zei Bakker",
        "ZEI Bakker",
        "-zei Bakker",
        "'zei Bakker",
        "3zei Bakker",
        "ex-president Kaya sprak",
        "Ex-president Kaya",
        "vice-premier Autar",
        "oud-premier Lubbers",
        "zei Volgens Bakker",
        "volgens zei Bakker",
        "premier Van Dam",
        "Volgens\u00a0Doelwijt",
        "aldus Çelik .",
        "e\u0301zei Bakker",
        "zegt Schouten Bakker Kaya",
        "volgens de politie",
        "ex-president-kandidaat Kaya",
        "collega Ali Yilmaz,",
        "heet\nBakker",
    ]
    text = " ".join(pieces) + "\n" + "\n".join(reversed(pieces))
    expected = [m.span("name") for m in PATTERN.regex.finditer(text)]
    assert [m.span("name") for m in PATTERN.finditer(text)] == expected
    assert len(expected) >= 10


def test_the_word_scan_agrees_with_the_regex_on_the_hand_written_sets() -> None:
    from piigov.evaluation.handwritten import SETS, load_documents

    texts = [d.text for directory in SETS.values() for d in load_documents(directory)]
    assert len(texts) > 100
    for text in texts:
        expected = [m.span() for m in PATTERN.regex.finditer(text)]
        assert [m.span() for m in PATTERN.finditer(text)] == expected
