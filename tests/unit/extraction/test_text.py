"""Plain-text decoding: BOMs, UTF-8, legacy code pages and binary garbage."""

from __future__ import annotations

import codecs
import random

import pytest

from piigov.extraction import UnreadableItem, extract_text

DUTCH = "Mevrouw Öztürk woont boven het café van Noël Dijkstra. BSN 111222333, e-mail noel@example.nl.\n"
TURKISH = "Ayşe Şahin en Çağla Yıldız, geboren in İzmir, wonen in Rotterdam.\n"
SHORT = "café\n"


@pytest.mark.parametrize(
    ("text", "encoding", "prefix"),
    [
        (DUTCH, "utf-8", b""),
        (DUTCH, "utf-8", codecs.BOM_UTF8),
        (TURKISH, "utf-8", b""),
        (DUTCH, "cp1252", b""),
        (DUTCH, "latin-1", b""),
        (DUTCH + "Prijs € 12,50 – ‘afgesproken’\n", "cp1252", b""),
        (SHORT, "cp1252", b""),
        (SHORT, "latin-1", b""),
        ("Naam;Plaats\nZoë Janssen;Sint-Oedenrode\n", "cp1252", b""),
        (TURKISH, "cp1254", b""),
        ("Şahin\n", "cp1254", b""),
        (DUTCH, "utf-16-le", codecs.BOM_UTF16_LE),
        (DUTCH, "utf-16-be", codecs.BOM_UTF16_BE),
        (TURKISH, "utf-16-le", codecs.BOM_UTF16_LE),
        (DUTCH, "utf-16-le", b""),  # no BOM
        (TURKISH, "utf-16-be", b""),  # no BOM
        (DUTCH, "utf-32-le", codecs.BOM_UTF32_LE),
        (DUTCH, "cp850", b""),  # DOS
    ],
)
def test_encodings_decode_correctly(text: str, encoding: str, prefix: bytes) -> None:
    result = extract_text("bestand.txt", prefix + text.encode(encoding))

    assert result.text == text
    assert result.format == "txt"


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".md", ".log", ".TXT"])
def test_text_suffixes(suffix: str) -> None:
    result = extract_text(f"bestand{suffix}", "Fatima El Amrani;111222333\n".encode("cp1252"))

    assert "Fatima El Amrani" in result.text
    assert result.format == ("csv" if suffix == ".csv" else "txt")


@pytest.mark.parametrize(
    "data",
    [
        random.Random(1).randbytes(4000),
        random.Random(2).randbytes(64),
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(2000),
        b"\x00\x01\x02\x03\x04\x05" * 200,
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(500),
    ],
    ids=["random-4k", "random-64", "all-bytes", "png", "control-bytes", "exe"],
)
def test_binary_garbage_is_a_decode_error(data: bytes) -> None:
    with pytest.raises(UnreadableItem) as info:
        extract_text("niet-echt-tekst.txt", data)

    assert info.value.reason == "decode_error"


def test_crlf_and_tabs_are_kept() -> None:
    text = "naam\tbsn\r\nFatima El Amrani\t111222333\r\n"

    assert extract_text("export.csv", text.encode("cp1252")).text == text
