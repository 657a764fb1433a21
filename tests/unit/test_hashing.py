import pytest

from piigov.hashing import content_hash, fold, keyed_hash, normalise

KEY = b"k" * 32


@pytest.mark.parametrize(
    ("entity_type", "a", "b"),
    [
        ("PERSON", "Öztürk", "ozturk"),
        ("PERSON", "Mehmet  Yılmaz", "mehmet yilmaz"),
        ("PERSON", "El Amrani,", "el amrani"),
        ("PHONE_NUMBER", "06-12345678", "+31 6 1234 5678"),
        ("PHONE_NUMBER", "0031 20 123 4567", "020-1234567"),
        ("PHONE_NUMBER", "+31 (0)6 12345678", "0612345678"),
        ("NL_BSN", "111.222.333", "111222333"),
        ("IBAN_CODE", "NL91 ABNA 0417 1643 00", "nl91abna0417164300"),
        ("NL_POSTCODE", "1234 AB", "1234ab"),
        ("EMAIL_ADDRESS", "F.Bouzid@Example.NL", "f.bouzid@example.nl"),
    ],
)
def test_variants_of_one_value_hash_alike(entity_type: str, a: str, b: str) -> None:
    assert normalise(entity_type, a) == normalise(entity_type, b)
    assert keyed_hash(KEY, entity_type, a) == keyed_hash(KEY, entity_type, b)


def test_hash_depends_on_key_and_entity_type() -> None:
    assert keyed_hash(KEY, "PERSON", "Bouzid") != keyed_hash(b"x" * 32, "PERSON", "Bouzid")
    assert keyed_hash(KEY, "PERSON", "Bouzid") != keyed_hash(KEY, "LOCATION", "Bouzid")


def test_hash_is_not_the_value() -> None:
    digest = keyed_hash(KEY, "NL_BSN", "111222333")
    assert "111222333" not in digest and len(digest) == 64


def test_fold_strips_diacritics_and_case() -> None:
    assert fold("  Şahin  Çelik ") == "sahin celik"


def test_content_hash_prefix() -> None:
    assert content_hash(b"abc").startswith("sha256:ba7816bf")
