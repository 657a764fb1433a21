"""Intake: a request e-mail (or a form entry written as one) becomes an inquiry with keyed identifiers.

Requests land in the ministry's postbus, a mail export source (a folder or S3 prefix of ``.eml`` files).
The postbus is scanned like any source, so each request e-mail is a register item that can be held
and, at the end, destroyed. Identifiers are read from the message when the inquiry is registered and
only their keyed hashes are kept: the name in every form it can match, the date of birth, the place of
residence, the e-mail address, the phone number and the BSN.

Where the identifiers come from, in order: labelled lines in the body ("Naam: ...", "Geboortedatum:
...", "Woonplaats: ...", "BSN: ...", "E-mail: ...", "Telefoon: ..."), the sender's display name and
address, and a BSN found by the detector (elfproef). Screened staff correct a request that gives none.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import TYPE_CHECKING

from piigov.hashing import keyed_hash
from piigov.inquiries.keys import hash_subject_key, parse_date
from piigov.inquiries.names import name_keys

if TYPE_CHECKING:
    from datetime import date

# Labels people and the web form use, folded; the value runs to the end of the line.
FIELD_LABELS = {
    "name": ("naam", "volledige naam", "naam verzoeker", "name"),
    "date_of_birth": ("geboortedatum", "geboren", "geb", "date of birth"),
    "place": ("woonplaats", "plaats", "place of residence"),
    "email": ("e-mail", "email", "e-mailadres", "emailadres"),
    "phone": ("telefoon", "telefoonnummer", "tel", "mobiel"),
    "bsn": ("bsn", "burgerservicenummer"),
}
_LABEL_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z .-]{1,30}?)\s*[:=]\s*(.+?)\s*$", re.MULTILINE)


class IntakeError(Exception):
    """A request cannot be registered; the message names the request's item id, never its content."""


@dataclass
class RequestDetails:
    """What a request says about the requester. Raw values: they live only in memory during intake."""

    names: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    place: str | None = None
    email: str | None = None
    phone: str | None = None
    bsn: str | None = None
    received_at: datetime | None = None

    def kinds(self) -> list[str]:
        present = {
            "name": bool(self.names),
            "date_of_birth": self.date_of_birth is not None,
            "place": bool(self.place),
            "email": bool(self.email),
            "phone": bool(self.phone),
            "bsn": bool(self.bsn),
        }
        return [k for k, v in present.items() if v]


def _label_kind(label: str) -> str | None:
    folded = " ".join(label.casefold().replace(".", " ").split())
    for kind, labels in FIELD_LABELS.items():
        if folded in labels:
            return kind
    return None


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    if part.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    return text


def parse_request(raw: bytes, detected_bsns: list[str] | None = None) -> RequestDetails:
    """The requester's identifiers in a request e-mail (labelled lines first, then the headers)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    details = RequestDetails()
    for label, value in _LABEL_LINE.findall(_body_text(message)):
        kind = _label_kind(label)
        if kind == "name" and value not in details.names:
            details.names.append(value)
        elif kind == "date_of_birth" and details.date_of_birth is None:
            details.date_of_birth = parse_date(value)
        elif kind in ("place", "email", "phone", "bsn") and getattr(details, kind) is None:
            setattr(details, kind, value)
    display_name, address = email.utils.parseaddr(str(message.get("From", "")))
    if display_name and display_name not in details.names and message.get("X-Piigov-Channel") != "form":
        details.names.append(display_name)
    if address and details.email is None and message.get("X-Piigov-Channel") != "form":
        details.email = address
    if details.bsn is None and detected_bsns:
        details.bsn = detected_bsns[0]
    if message.get("Date"):
        try:
            details.received_at = email.utils.parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            details.received_at = None
    if details.received_at is not None and details.received_at.tzinfo is None:
        details.received_at = details.received_at.replace(tzinfo=UTC)
    return details


def identifier_hashes(details: RequestDetails, hmac_key: bytes) -> dict[str, list[str]]:
    """Keyed hashes of the requester's identifiers, grouped by what they are; this is all that is stored."""
    hashes: dict[str, list[str]] = {}
    name_forms: set[str] = set()
    for name in details.names:
        name_forms |= name_keys(name)
    if name_forms:
        # Each name hash with its kind (full, initial, surname, given): a match must tell them apart.
        hashes["name"] = sorted(f"{k.split(':', 1)[0]}:{hash_subject_key(hmac_key, k)}" for k in name_forms)
    if details.date_of_birth is not None:
        hashes["date_of_birth"] = [hash_subject_key(hmac_key, f"date:{details.date_of_birth.isoformat()}")]
    entity_of = {"place": "LOCATION", "email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER", "bsn": "NL_BSN"}
    for kind, entity_type in entity_of.items():
        value = getattr(details, kind)
        if value:
            hashes[kind] = [keyed_hash(hmac_key, entity_type, value)]
    return hashes


def form_request_eml(
    *,
    name: str,
    date_of_birth: str | None,
    place: str | None,
    email_address: str | None,
    phone: str | None,
    bsn: str | None,
    entered_by: str,
    received_at: datetime,
) -> bytes:
    """A request entered by screened staff, written as an e-mail so it is stored, held and destroyed like one."""
    message = EmailMessage()
    message["From"] = "piigov-inquiry-form <noreply@piigov.invalid>"
    message["To"] = "postbus"
    message["Subject"] = "Verzoek: zijn mijn gegevens verwerkt? (ingevoerd via formulier)"
    message["Date"] = email.utils.format_datetime(received_at)
    message["X-Piigov-Channel"] = "form"
    message["X-Piigov-Entered-By"] = entered_by
    lines = [f"Naam: {name}"]
    for label, value in (
        ("Geboortedatum", date_of_birth),
        ("Woonplaats", place),
        ("E-mail", email_address),
        ("Telefoon", phone),
        ("BSN", bsn),
    ):
        if value:
            lines.append(f"{label}: {value}")
    message.set_content("\n".join(lines) + "\n")
    return bytes(message)


def bsn_candidates(raw: bytes) -> list[str]:
    """Nine-digit numbers in a request that pass the elfproef (python-stdnum), in order."""
    from stdnum.nl import bsn

    text = raw.decode("utf-8", errors="replace")
    found = []
    for match in re.finditer(r"(?<!\d)(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{9})(?!\d)", text):
        digits = re.sub(r"\D", "", match.group())
        if bsn.is_valid(digits) and digits not in found:
            found.append(digits)
    return found
