from __future__ import annotations

import pytest
from stdnum.nl import bsn

from piigov.detection.recognizers.nl_bsn_recognizer import NlBsnRecognizer

ENTITY = "NL_BSN"


@pytest.fixture(scope="module")
def recognizer() -> NlBsnRecognizer:
    return NlBsnRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("BSN 123456782 van cliënt", ENTITY, ["123456782"]),
        ("burgerservicenummer: 123.456.782", ENTITY, ["123.456.782"]),
        ("sofinummer 1234 56 782", ENTITY, ["1234 56 782"]),
        ("sofi-nummer 1234.56.782", ENTITY, ["1234.56.782"]),
        ("bsn 123 456 782", ENTITY, ["123 456 782"]),
        ("bsn 123-456-782", ENTITY, ["123-456-782"]),
        ("BSN:111222333", ENTITY, ["111222333"]),
        ("twee: 123456782 en 111222333.", ENTITY, ["123456782", "111222333"]),
        ("nummer 012345672 met voorloopnul", ENTITY, ["012345672"]),
    ],
)
def test_valid_bsn_is_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("BSN 123456789", ENTITY, []),  # elfproef fails
        ("burgerservicenummer 123.456.789", ENTITY, []),
        ("sofinummer 1234 56 789", ENTITY, []),
        ("BSN 111111111 en 999999999", ENTITY, []),
        ("BSN 123456781", ENTITY, []),
        ("1234567820 heeft tien cijfers", ENTITY, []),
        ("12345678 heeft er acht", ENTITY, []),
        ("bedrag € 123.456.782 subsidie", ENTITY, []),  # an amount, not a number with a checksum
        ("kenmerk ABC123456782", ENTITY, []),
        ("versie 1.123456782", ENTITY, []),
        ("123.456.78 is te kort gegroepeerd", ENTITY, []),
        ("123.45.6782 is verkeerd gegroepeerd", ENTITY, []),
    ],
)
def test_invalid_or_embedded_numbers_are_never_reported(recognizer, found_spans, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == expected


@pytest.mark.parametrize("number", ["123456789", "987654321", "100000000", "111111112"])
def test_validate_result_rejects_failing_checksums(recognizer, number):
    assert not bsn.is_valid(number)
    assert recognizer.validate_result(number) is False


def test_validate_result_keeps_base_score_for_passing_checksum(recognizer):
    # None, not True: Presidio would otherwise raise a passing elfproef to score 1.0
    assert recognizer.validate_result("123456782") is None
    (result,) = recognizer.analyze("123456782", [ENTITY])
    assert result.score == pytest.approx(0.4)


def test_presidio_style_attributes(recognizer):
    assert recognizer.supported_language == "nl"
    assert recognizer.supported_entities == [ENTITY]
    assert {"bsn", "burgerservicenummer", "sofinummer", "sofi-nummer"} <= set(recognizer.CONTEXT)
    assert [p.name for p in recognizer.PATTERNS] == ["BSN (9 digits)", "BSN (grouped)"]
