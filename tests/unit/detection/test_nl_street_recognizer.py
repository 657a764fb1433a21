"""Known streets without a street ending, with a house number (NlStreetRecognizer)."""

from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_street_recognizer import NlStreetRecognizer, street_names

ENTITY = "LOCATION"


@pytest.fixture(scope="module")
def recognizer() -> NlStreetRecognizer:
    return NlStreetRecognizer()


def test_the_list_holds_streets_without_an_ending_only() -> None:
    names = street_names()
    assert {"Westzijde", "Fellenoord", "Kraaiennest", "Oude Delft"} <= names
    assert "Kerkstraat" not in names  # the location recognizer's pattern finds those


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wonende Westzijde 212, 1506 EC Zaandam", ["Westzijde 212"]),
        ("Adres: Kraaiennest 77-II", ["Kraaiennest 77-II"]),
        ("Oude Delft 40 te Delft", ["Oude Delft 40"]),
        ("Fellenoord  18a", ["Fellenoord  18a"]),
    ],
)
def test_known_streets_with_a_number_are_addresses(recognizer, found_spans, locate, text, expected) -> None:
    assert found_spans(recognizer, text, ENTITY) == locate(text, expected)


@pytest.mark.parametrize(
    "text",
    [
        "Westzijde zonder nummer",  # no house number
        "Den Haag 2506 LV",  # a postcode, not a house number
        "Westland\t13-03-1976",  # the next cell of a table
        "Fellenoord 12 maart",  # a date
        "Hoofdstuk 3 en Artikel 12",  # not streets
        "Westzijde\n212",  # a number on the next line
    ],
)
def test_no_address_without_a_house_number_on_the_same_line(recognizer, found_spans, text) -> None:
    assert found_spans(recognizer, text, ENTITY) == []


def test_only_location_is_reported(recognizer) -> None:
    assert recognizer.analyze("Westzijde 212", ["PERSON"]) == []
    assert [r.score for r in recognizer.analyze("Westzijde 212", ["LOCATION"])] == [0.6]
