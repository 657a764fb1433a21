"""Redaction of kept records: personal data replaced in place, the rest kept, verified by detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from piigov.destruction.redaction import RedactionRefused, redact_item
from piigov.detection import get_detector
from piigov.sources import LocalFolderSource, SourceError

IDENTIFYING = frozenset({"PERSON", "NL_BSN", "PHONE_NUMBER", "EMAIL_ADDRESS", "IBAN_CODE"})
TEXT = (
    "Verslag van het gesprek van 3 maart 2020.\n"
    "Aanwezig: mevrouw Fatima Bouzid (BSN 111222333, tel. 06-12345678, f.bouzid@example.com).\n"
    "Het besluit over de subsidie blijft ongewijzigd.\n"
)


@pytest.fixture
def archive(tmp_path: Path) -> LocalFolderSource:
    (tmp_path / "verslag.txt").write_text(TEXT, encoding="cp1252")
    (tmp_path / "verslag.docx").write_bytes(b"PK\x03\x04")
    return LocalFolderSource(tmp_path)


def test_redaction_replaces_personal_data_and_keeps_the_rest(archive: LocalFolderSource) -> None:
    result = redact_item(
        archive,
        "verslag.txt",
        expected_fingerprint=archive.stat("verslag.txt").fingerprint,
        detector=get_detector(),
        entity_types=IDENTIFYING,
    )
    text = archive.read("verslag.txt").decode("utf-8")
    for value in ("Fatima Bouzid", "111222333", "06-12345678", "f.bouzid@example.com"):
        assert value not in text
    assert "<NL_BSN>" in text and "<PERSON>" in text
    assert "Het besluit over de subsidie blijft ongewijzigd." in text
    assert result.replaced["NL_BSN"] == 1 and result.replaced["PERSON"] >= 1
    assert result.new_key == "verslag.txt" and "anonymizer" in result.method


def test_redaction_refuses_a_changed_item(archive: LocalFolderSource, tmp_path: Path) -> None:
    fingerprint = archive.stat("verslag.txt").fingerprint
    (tmp_path / "verslag.txt").write_text(TEXT + "Aanvulling.\n", encoding="cp1252")
    with pytest.raises(SourceError, match="changed"):
        redact_item(
            archive,
            "verslag.txt",
            expected_fingerprint=fingerprint,
            detector=get_detector(),
            entity_types=IDENTIFYING,
        )
    assert "Fatima Bouzid" in (tmp_path / "verslag.txt").read_text(encoding="cp1252")


def test_formats_without_safe_redaction_are_flagged_for_a_person(archive: LocalFolderSource) -> None:
    with pytest.raises(RedactionRefused, match="a person must"):
        redact_item(
            archive,
            "verslag.docx",
            expected_fingerprint=archive.stat("verslag.docx").fingerprint,
            detector=get_detector(),
            entity_types=IDENTIFYING,
        )
