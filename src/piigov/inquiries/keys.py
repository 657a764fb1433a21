"""Subject keys: the comparable forms of a finding that an inquiry searches for, as keyed hashes.

Findings already carry the keyed hash of their whole normalised value, which finds a BSN, an e-mail
address or a phone number however it was written. Names and dates need more: a name yields one key per
way it can match (see :mod:`piigov.inquiries.names`), a date its ISO form, so "3 maart 1987",
"03-03-1987" and "3-3-'87" meet.
"""

from __future__ import annotations

import re
from datetime import date

from piigov.hashing import fold, keyed_digest
from piigov.inquiries.names import name_keys

SUBJECT_KEY_LABEL = "SUBJECT_KEY"

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*'?(\d{4}|\d{2})\b")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")
_WRITTEN = re.compile(r"(\d{1,2})(?:e|ste|de)?\s+([a-z]+)\.?\s+'?(\d{4}|\d{2})\b")


def _year(token: str, today: date) -> int:
    """A two-digit year is the most recent year ending in it: '87 -> 1987, '05 -> 2005."""
    if len(token) == 4:
        return int(token)
    year = 2000 + int(token)
    return year - 100 if year > today.year else year


def parse_date(text: str, today: date | None = None) -> date | None:
    """The calendar date in a written Dutch date; None when there is none or it does not exist."""
    today = today or date.today()
    folded = fold(text)
    try:
        if match := _ISO.search(folded):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.search(folded):
            return date(_year(match[3], today), int(match[2]), int(match[1]))
        if (match := _WRITTEN.search(folded)) and match[2] in MONTHS:
            return date(_year(match[3], today), MONTHS[match[2]], int(match[1]))
    except ValueError:
        return None
    return None


def subject_keys(entity_type: str, text: str) -> set[str]:
    """The subject keys of one finding's text (empty for types the finding's value hash covers)."""
    if entity_type == "PERSON":
        return name_keys(text)
    if entity_type == "DATE_TIME" and (day := parse_date(text)) is not None:
        return {f"date:{day.isoformat()}"}
    return set()


_INITIALS_AFTER = re.compile(r",\s?((?:[^\W\d_]\.\s?){1,4})(?![^\W\d_])")
_INITIALS_BEFORE = re.compile(r"(?<![^\W\d_.])((?:[^\W\d_]\.\s?){1,4})\s?$")


def name_in_context(text: str, start: int, end: int) -> str:
    """A PERSON span with initials written right next to it that the span left out.

    "El Amrani, M." in a list is often detected as "El Amrani"; "M. el Amrani" as "el Amrani". The
    initials still tell an inquiry more than the surname alone, so the key is taken from both.
    """
    span = text[start:end]
    if "," not in span and (after := _INITIALS_AFTER.match(text, end, min(len(text), end + 16))):
        return f"{span}, {after.group(1).strip()}"
    before = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
    if before and not _INITIALS.match(span):
        return f"{before.group(1).strip()} {span}"
    return span


_INITIALS = re.compile(r"^(?:[^\W\d_]\.\s?)+")


def finding_subject_keys(entity_type: str, text: str, start: int, end: int) -> set[str]:
    """Subject keys of a finding in its text (names with adjacent initials)."""
    if entity_type == "PERSON":
        return name_keys(name_in_context(text, start, end)) | name_keys(text[start:end])
    return subject_keys(entity_type, text[start:end])


def key_kind(subject_key: str) -> str:
    return subject_key.split(":", 1)[0]


def hash_subject_key(hmac_key: bytes, subject_key: str) -> str:
    return keyed_digest(hmac_key, SUBJECT_KEY_LABEL, subject_key)
