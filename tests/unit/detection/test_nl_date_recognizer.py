from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_date_recognizer import NlDateRecognizer

ENTITY = "DATE_TIME"


@pytest.fixture(scope="module")
def recognizer() -> NlDateRecognizer:
    return NlDateRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("geboren op 3 maart 1987 te Tilburg", ENTITY, ["3 maart 1987"]),
        ("Geboren: 03 Maart 1987", ENTITY, ["03 Maart 1987"]),
        ("op 21 okt. 2022 gesproken", ENTITY, ["21 okt. 2022"]),
        ("1 jan 2000", ENTITY, ["1 jan 2000"]),
        ("de 3e maart 1987", ENTITY, ["3e maart 1987"]),
        ("3 maart '87", ENTITY, ["3 maart '87"]),
        ("geboortedatum 03-03-1987", ENTITY, ["03-03-1987"]),
        ("geb. 3-3-1987", ENTITY, ["3-3-1987"]),
        ("geb. 3-3-'87", ENTITY, ["3-3-'87"]),
        ("d.d. 3/3/1987", ENTITY, ["3/3/1987"]),
        ("3.3.1987", ENTITY, ["3.3.1987"]),
        ("gewijzigd 1987-03-03", ENTITY, ["1987-03-03"]),
        ("Veendam, geb. 1983/11/27, BSN", ENTITY, ["1983/11/27"]),  # slashes, as some registers export
        ("tijdstip 2023-10-01T12:00", ENTITY, ["2023-10-01"]),
        ("geboren 29-02-2000", ENTITY, ["29-02-2000"]),
        ("van 1-1-2020 tot 31-12-2020", ENTITY, ["1-1-2020", "31-12-2020"]),
        # a year of birth on its own
        ("mevrouw X. (geb. 1994, Somalische achtergrond)", ENTITY, ["1994"]),
        ("Hij is geboren in 1948.", ENTITY, ["1948"]),
        ("geboortejaar: 1966", ENTITY, ["1966"]),
    ],
)
def test_dutch_dates_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("31-02-1987 bestaat niet", ENTITY, []),
        ("29-02-2001 bestaat niet", ENTITY, []),
        ("1987-13-01 bestaat niet", ENTITY, []),
        ("32 maart 1987", ENTITY, []),
        ("zaak 2023-0012345", ENTITY, []),
        ("versie 1.2.34", ENTITY, []),
        ("artikel 3.3.1", ENTITY, []),
        ("telefoon 06-12345678", ENTITY, []),
        ("BSN 123456782", ENTITY, []),
        ("postcode 1234 AB", ENTITY, []),
        ("3 maart zonder jaartal", ENTITY, []),
        ("in maart 1987", ENTITY, []),
        ("opgericht in 1987", ENTITY, []),  # a year without a birth word
        ("geboren in 19876", ENTITY, []),
    ],
)
def test_non_dates_and_impossible_dates_are_not_reported(
    recognizer, found_spans, text, entity_type, expected
):
    assert found_spans(recognizer, text, entity_type) == expected


@pytest.mark.parametrize(
    ("candidate", "parts"),
    [
        ("3 maart 1987", (1987, 3, 3)),
        ("3e maart 1987", (1987, 3, 3)),
        ("03-03-1987", (1987, 3, 3)),
        ("3-3-'87", (2087, 3, 3)),
        ("1987-03-03", (1987, 3, 3)),
        ("21 okt. 2022", (2022, 10, 21)),
    ],
)
def test_date_parts(candidate, parts):
    assert NlDateRecognizer._parts(candidate) == parts


def test_two_digit_year_needs_context_to_pass_threshold(recognizer):
    (result,) = recognizer.analyze("kenmerk 3-3-'87", [ENTITY])
    assert result.score < 0.4
