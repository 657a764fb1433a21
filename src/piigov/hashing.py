"""Keyed hashes of personal data and content hashes of items.

The register never stores a detected value. It stores HMAC-SHA256 of the *normalised* value, so the same
person written differently ("Öztürk" / "ozturk", "06-12345678" / "+31 6 1234 5678") hashes the same
and an inquiry can find it, while nobody without the key can test guesses against the register.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from typing import BinaryIO

_DIGIT_ENTITIES = {"NL_BSN", "IBAN_CODE", "NL_POSTCODE", "NL_PASSPORT", "NL_ID_CARD"}
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SPACES = re.compile(r"\s+")


def fold(value: str) -> str:
    """Lower case, diacritics removed, white space collapsed ('Öztürk ' -> 'ozturk')."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Turkish dotless i and other letters NFKD leaves alone.
    stripped = stripped.translate(str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "ł": "l"}))
    return _SPACES.sub(" ", stripped).strip()


def normalise(entity_type: str, value: str) -> str:
    """The canonical form of a value before hashing."""
    folded = fold(value)
    if entity_type in _DIGIT_ENTITIES:
        return _NON_ALNUM.sub("", folded)
    if entity_type == "PHONE_NUMBER":
        digits = re.sub(r"\D", "", folded)
        # +31 6..., 0031 6..., 06... all become 316...
        if digits.startswith("0031"):
            digits = digits[2:]
        elif digits.startswith("0") and not digits.startswith("00"):
            digits = "31" + digits[1:]
        return digits.replace("310", "31", 1) if digits.startswith("310") else digits
    if entity_type == "EMAIL_ADDRESS":
        return folded.replace(" ", "")
    return re.sub(r"[^\w ]+", "", folded).strip()


def keyed_hash(key: bytes, entity_type: str, value: str) -> str:
    """HMAC-SHA256 over the entity type and normalised value, hex encoded."""
    return keyed_digest(key, entity_type, normalise(entity_type, value))


def keyed_digest(key: bytes, label: str, canonical: str) -> str:
    """HMAC-SHA256 of a value already in canonical form (a subject key such as ``surname:elamrani``)."""
    return hmac.new(key, f"{label}\x1f{canonical}".encode(), hashlib.sha256).hexdigest()


def content_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def stream_hash(stream: BinaryIO, chunk_size: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(chunk_size), b""):
        digest.update(chunk)
    return "sha256:" + digest.hexdigest()
