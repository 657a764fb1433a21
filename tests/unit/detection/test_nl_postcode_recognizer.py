from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_postcode_recognizer import NlPostcodeRecognizer

ENTITY = "NL_POSTCODE"


@pytest.fixture(scope="module")
def recognizer() -> NlPostcodeRecognizer:
    return NlPostcodeRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("postcode 1234 AB", ENTITY, ["1234 AB"]),
        ("Kerkstraat 12, 1234AB Amsterdam", ENTITY, ["1234AB"]),
        ("Woonachtig te 9999 ZZ", ENTITY, ["9999 ZZ"]),
        ("1000 AA Amsterdam", ENTITY, ["1000 AA"]),
        ("Postbus 20061, 2500 EB Den Haag", ENTITY, ["2500 EB"]),
        ("Zijlweg 1, 2011 AB Haarlem", ENTITY, ["2011 AB"]),
        ("Hoefkade 77;2021 JJ  HAARLEM;", ENTITY, ["2021 JJ"]),  # a place in capitals
        ('"Lange Nieuwstraat 141";"1972 GE";"IJmuiden"', ENTITY, ["1972 GE"]),  # the place in the next cell
        ("(3511 LX)", ENTITY, ["3511 LX"]),
        ("1234\u00a0AB met harde spatie", ENTITY, ["1234\u00a0AB"]),
    ],
)
def test_postcodes_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("0123 AB begint met nul", ENTITY, []),
        ("1234 SA", ENTITY, []),
        ("1234 SD", ENTITY, []),
        ("1234SS", ENTITY, []),
        ("1234 ab in kleine letters", ENTITY, []),
        ("12345 AB heeft vijf cijfers", ENTITY, []),
        ("1234 ABC heeft drie letters", ENTITY, []),
        ("A1234 AB", ENTITY, []),
        ("In 2020 EU-breed", ENTITY, []),
    ],
)
def test_non_postcodes_are_not_reported(recognizer, found_spans, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == expected


def test_year_like_postcode_without_place_scores_below_threshold(recognizer):
    (result,) = recognizer.analyze("in 1987 NS staking", [ENTITY])
    assert result.score < 0.4
    (result,) = recognizer.analyze("2011 AB Haarlem", [ENTITY])
    assert result.score >= 0.5
