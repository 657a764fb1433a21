"""Plain text formats (.txt, .csv, .md, .log): encoding detection and decoding."""

from __future__ import annotations

import codecs
import unicodedata
from typing import TYPE_CHECKING

from piigov.extraction._types import ExtractedText, UnreadableItem

if TYPE_CHECKING:
    from piigov.extraction._core import Context

__all__ = ["decode_text", "extract"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Single-byte code pages considered first for non-UTF text. Legacy files on Dutch government
#: shares are overwhelmingly Windows-1252 (a superset of the printable part of Latin-1), with
#: Turkish (1254) and DOS (850) text as the realistic alternatives.
WESTERN_CODEPAGES: tuple[str, ...] = ("cp1252", "cp1254", "cp850", "iso8859_15", "latin_1")

#: Characters that only show up when Turkish (cp1254) bytes are read as cp1252: Ğ İ Ş ğ ı ş sit
#: where cp1252 has Ð Ý Þ ð ý þ, which do not occur in Dutch.
_CP1252_TURKISH_TELLS = frozenset("ÐÝÞðýþ")

#: A decoded text with more than this share of control/unassigned characters is treated as binary.
MAX_CONTROL_RATIO = 0.10
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_SAMPLE_CHARS = 65536


def _is_sensible(text: str) -> bool:
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return True
    bad = 0
    for ch in sample:
        if ch == "\ufffd" or (ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) in _BAD_CATEGORIES):
            bad += 1
    return bad / len(sample) <= MAX_CONTROL_RATIO


def _guess_single_byte(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(WESTERN_CODEPAGES)).best()
    if best is None:
        return None
    candidates = {best.encoding, *best.could_be_from_charset}
    encoding = "cp1252" if "cp1252" in candidates else best.encoding
    if encoding == "cp1252":
        as_1252 = data.decode("cp1252")
        if not _CP1252_TURKISH_TELLS.isdisjoint(as_1252):
            try:
                return data.decode("cp1254")
            except UnicodeDecodeError:
                return as_1252
        return as_1252
    return data.decode(encoding)


def _guess_any(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def decode_text(data: bytes) -> str:
    """Decode bytes of unknown encoding: BOM, then UTF-8, then charset-normalizer's best guess.

    Raises ``UnreadableItem("decode_error")`` when nothing yields sensible text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                break  # a stray BOM-like prefix: fall back to guessing
            if _is_sensible(text):
                return text
            break
    if b"\x00" in data[:4096]:
        # UTF-16/32 without a BOM, or binary data.
        guess = _guess_any(data)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            guess = _guess_single_byte(data)
            if guess is None or not _is_sensible(guess):
                guess = _guess_any(data)
        else:
            if _is_sensible(text):
                return text
            raise UnreadableItem("decode_error", "content is not text (control characters)")
    if guess is None or not _is_sensible(guess):
        raise UnreadableItem("decode_error", "no text encoding fits the content")
    return guess


def extract(data: bytes, ctx: Context) -> ExtractedText:
    return ExtractedText(text=decode_text(data), format="txt")
