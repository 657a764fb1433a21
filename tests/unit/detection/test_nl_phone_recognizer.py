from __future__ import annotations

import pytest

from piigov.detection.recognizers.nl_phone_recognizer import NlPhoneRecognizer

ENTITY = "PHONE_NUMBER"


@pytest.fixture(scope="module")
def recognizer() -> NlPhoneRecognizer:
    return NlPhoneRecognizer()


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("Bel 06-12345678 na vijven", ENTITY, ["06-12345678"]),
        ("mobiel: 06 12 34 56 78.", ENTITY, ["06 12 34 56 78"]),
        ("tel 0612345678", ENTITY, ["0612345678"]),
        ("Mobiel +31 6 1234 5678", ENTITY, ["+31 6 1234 5678"]),
        ("bereikbaar op +31(0)6-12345678", ENTITY, ["+31(0)6-12345678"]),
        ("vanuit het buitenland 0031 20 123 4567", ENTITY, ["0031 20 123 4567"]),
        ("Gemeente Den Haag: 070 333 44 44", ENTITY, ["070 333 44 44"]),
        ("Balie 020-1234567 (ma-vr)", ENTITY, ["020-1234567"]),
        ("telefoon (020) 123 4567", ENTITY, ["(020) 123 4567"]),
        ("kantoor 010 - 123 45 67", ENTITY, ["010 - 123 45 67"]),
        ("fax 0570-123456", ENTITY, ["0570-123456"]),
        ("06.12.34.56.78", ENTITY, ["06.12.34.56.78"]),
        ("+31612345678", ENTITY, ["+31612345678"]),
        ("2 PHON 030-271 4490", ENTITY, ["030-271 4490"]),  # capitals that are no IBAN bank code
        ("(06-12345678)", ENTITY, ["06-12345678"]),
        ("Twee: 06-12345678 en 020-1234567.", ENTITY, ["06-12345678", "020-1234567"]),
        # foreign numbers with their country code, validated for that country
        ("gmail.com;+212 6 61 48 27 09;ja", ENTITY, ["+212 6 61 48 27 09"]),
        ("belt vanuit Turkije: +90 532 417 28 63", ENTITY, ["+90 532 417 28 63"]),
        ("0090 532 417 28 63 (Turkije)", ENTITY, ["0090 532 417 28 63"]),
    ],
)
def test_dutch_phone_forms_are_found(recognizer, found_spans, locate, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == locate(text, expected)


@pytest.mark.parametrize(
    ("text", "entity_type", "expected"),
    [
        ("BSN 123456782", ENTITY, []),
        ("BSN 012345672", ENTITY, []),
        ("sofinummer 1234 56 782", ENTITY, []),
        ("IBAN NL91 ABNA 0417 1643 00", ENTITY, []),
        ("IBAN NL91ABNA0417164300", ENTITY, []),
        ("geboren 03-03-1987", ENTITY, []),
        ("op 03-03-1987 12 uur", ENTITY, []),
        ("op 03.03.1987 12", ENTITY, []),
        ("datum 1987-03-03", ENTITY, []),
        ("postcode 1234 AB", ENTITY, []),
        ("zaaknummer 2023-0012345", ENTITY, []),
        ("zaak Z-2023-0612345678", ENTITY, []),
        ("kenmerk ABC0612345678", ENTITY, []),
        ("0123456789 is geen geldig nummer", ENTITY, []),
        ("06-1234567 is te kort", ENTITY, []),
        ("06-123456789 is te lang", ENTITY, []),
        ("bedrag 1.234.567,89", ENTITY, []),
        ("0800-1234 gratis", ENTITY, []),
        ("zaak +1234567890123 x", ENTITY, []),  # no valid number for any country
        ("bedrag +250 euro", ENTITY, []),
    ],
)
def test_non_phone_numbers_are_not_reported(recognizer, found_spans, text, entity_type, expected):
    assert found_spans(recognizer, text, entity_type) == expected


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [("06-12345678", None), ("020-1234567", None), ("0123456789", False), ("0417 1643 00", False)],
)
def test_validate_result_uses_phonenumbers(recognizer, candidate, expected):
    assert recognizer.validate_result(candidate) is expected


def test_invalidate_result_rejects_date_prefix(recognizer):
    assert recognizer.invalidate_result("03-03-1987 12") is True
    assert recognizer.invalidate_result("06-12345678") is None
