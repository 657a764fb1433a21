"""The access report (GDPR art. 15) for one inquiry, for screened staff only.

Raw values exist in exactly one place outside the sources: this report. They are read from the sources
when the report is made (the register holds none), written encrypted (Fernet, AES-128-CBC + HMAC) to a
folder only the service account can read, and never returned to a caller: the pipeline step returns the
path and counts. ``piigov inquiry report --decrypt`` opens it for a screened staff member.

Other people in the same record are left out: only values whose keyed hash matches the requester are
shown; excerpts around them have every other finding replaced by its type.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from piigov.hashing import keyed_hash
from piigov.inquiries.keys import finding_subject_keys, hash_subject_key
from piigov.inquiries.service import deadline, get_inquiry, inquiry_config
from piigov.register import audit
from piigov.register.models import Finding, InquiryMatch, Item, MatchStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy
    from piigov.register.models import Inquiry

EXCERPT_MARGIN = 160
TYPE_LABELS = {
    "PERSON": "naam",
    "NL_BSN": "BSN",
    "EMAIL_ADDRESS": "e-mailadres",
    "PHONE_NUMBER": "telefoonnummer",
    "IBAN_CODE": "IBAN",
    "NL_POSTCODE": "postcode",
    "LOCATION": "plaats/adres",
    "DATE_TIME": "datum",
    "NRP": "religie of levensovertuiging",
    "NL_PASSPORT": "paspoortnummer",
    "NL_ID_CARD": "identiteitskaartnummer",
}


class ReportKeyError(Exception):
    pass


def report_key(home: Path) -> bytes:
    """The Fernet key for access reports: PIIGOV_INQUIRY_REPORT_KEY, else a 0600 key file made once."""
    from cryptography.fernet import Fernet

    env = os.environ.get("PIIGOV_INQUIRY_REPORT_KEY")
    if env:
        return env.encode()
    path = Path(os.environ.get("PIIGOV_INQUIRY_REPORT_KEY_FILE", home / "inquiry-report.key"))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(Fernet.generate_key())
    return path.read_bytes().strip()


def encrypt(data: bytes, key: bytes) -> bytes:
    from cryptography.fernet import Fernet

    return Fernet(key).encrypt(data)


def decrypt(token: bytes, key: bytes) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken

    try:
        return Fernet(key).decrypt(token)
    except InvalidToken:
        raise ReportKeyError("this key does not open the report (wrong key or altered file)") from None


def private_dir(path: Path) -> Path:
    """A folder only the owner can enter (0700), made if missing."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.chmod(0o700)
    return path


@dataclass
class _Span:
    start: int
    end: int
    entity_type: str
    mine: bool


def _requester_hashes(inquiry: Inquiry) -> set[str]:
    ids = inquiry.identifiers
    hashes: set[str] = set()
    for entry in ids.get("name", []):
        kind, _, key_hash = entry.partition(":")
        if kind in ("full", "initial", "surname"):
            hashes.add(key_hash)
    for kind in ("date_of_birth", "bsn", "email", "phone", "place"):
        hashes.update(ids.get(kind, []))
    return hashes


def _is_requesters(finding: Finding, text: str, requester: set[str], hmac_key: bytes) -> bool:
    if finding.value_hash in requester:
        return True
    if finding.entity_type in ("PERSON", "DATE_TIME"):
        keys = finding_subject_keys(finding.entity_type, text, finding.start, finding.end)
        return any(hash_subject_key(hmac_key, k) in requester for k in keys)
    return keyed_hash(hmac_key, finding.entity_type, text[finding.start : finding.end]) in requester


def _excerpts(text: str, spans: list[_Span]) -> list[str]:
    """Text around the requester's values on their line, with every other finding replaced by [type]."""
    windows: list[list[int]] = []
    for span in sorted((s for s in spans if s.mine), key=lambda s: s.start):
        # Within the span's own line: a list's next line is usually someone else, detected or not.
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line_end = len(text) if line_end < 0 else line_end
        lo, hi = max(line_start, span.start - EXCERPT_MARGIN), min(line_end, span.end + EXCERPT_MARGIN)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out = []
    for lo, hi in windows:
        pieces, cursor = [], lo
        for span in sorted(spans, key=lambda s: s.start):
            if span.mine or span.end <= lo or span.start >= hi or span.start < cursor:
                continue
            pieces.append(text[cursor : span.start])
            pieces.append(f"[{TYPE_LABELS.get(span.entity_type, span.entity_type)}]")
            cursor = span.end
        pieces.append(text[cursor:hi])
        out.append(("…" if lo else "") + " ".join("".join(pieces).split()) + ("…" if hi < len(text) else ""))
    return out


def _item_section(item: Item, match: InquiryMatch, requester: set[str], hmac_key: bytes) -> dict[str, Any]:
    from piigov.hashing import content_hash
    from piigov.scanning import read_extracted
    from piigov.sources.registry import open_registered

    section: dict[str, Any] = {
        "item_id": item.id,
        "source": item.source,
        "location": item.key,
        "dossier": item.dossier,
        "first_seen": item.first_seen_at.date().isoformat(),
        "strength": match.strength,
        "basis": match.basis,
        "values": [],
        "special": [],
        "excerpts": [],
        "others": "",
        "status": "read",
    }
    try:
        data, text = read_extracted(open_registered(item.source), item.key)
    except Exception as exc:  # the item stays listed; staff see that its content could not be shown
        section["status"] = f"niet te lezen ({type(exc).__name__}); inhoud niet getoond"
        return section
    if content_hash(data) != item.content_hash:
        section["status"] = (
            "gewijzigd sinds de scan: waarden getoond zoals het stuk nu is, voor zover herkend"
        )
    spans, others, seen = [], Counter(), set()
    for finding in sorted(item.findings, key=lambda f: f.start):
        value = text[finding.start : finding.end]
        if not value:
            continue
        mine = _is_requesters(finding, text, requester, hmac_key)
        if finding.entity_type == "NRP":
            section["special"].append(value)
            mine = True  # religion stated about the requester's record is what art. 15 asks about
        spans.append(_Span(finding.start, finding.end, finding.entity_type, mine))
        label = TYPE_LABELS.get(finding.entity_type, finding.entity_type)
        if mine and (label, value) not in seen:
            seen.add((label, value))
            section["values"].append({"type": label, "value": value})
        elif not mine:
            others[label] += 1
    section["special"] = sorted(set(section["special"]))
    section["excerpts"] = _excerpts(text, spans)
    section["others"] = ", ".join(f"{n}× {label}" for label, n in sorted(others.items()))
    return section


def render_access_report(
    session: Session, inquiry_id: str, policy: Policy, hmac_key: bytes
) -> tuple[str, dict[str, Any]]:
    """The report's HTML (with raw values) and a summary without values."""
    from piigov import __version__
    from piigov.reports.render import render_html

    inquiry = get_inquiry(session, inquiry_id)
    requester = _requester_hashes(inquiry)
    matches = {
        m.item_id: m
        for m in inquiry.matches
        if m.status == MatchStatus.CONFIRMED and m.item.destroyed_at is None
    }
    items = session.execute(select(Item).where(Item.id.in_(list(matches))).order_by(Item.id)).scalars().all()
    sections = [_item_section(item, matches[item.id], requester, hmac_key) for item in items]
    categories = sorted({TYPE_LABELS.get(c, c) for item in items for c in item.categories or []})
    special = sorted({TYPE_LABELS["NRP"] for item in items if item.special_category})
    dossiers = sorted(
        {d.description for item in items if item.dossier for d in policy.dossiers if d.name == item.dossier}
    )
    html = render_html(
        "access_report.html.j2",
        inquiry=inquiry,
        due=deadline(inquiry).date().isoformat(),
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        tool_version=__version__,
        items=sections,
        sources=sorted({s["source"] for s in sections}),
        categories=categories,
        special=special,
        dossiers=dossiers,
        config=inquiry_config(),
        period_from=min((s["first_seen"] for s in sections), default="—"),
    )
    summary = {
        "inquiry_id": inquiry.id,
        "items": len(sections),
        "sources": len({s["source"] for s in sections}),
        "unreadable": sum(s["status"].startswith("niet") for s in sections),
        "special_category": bool(special),
    }
    return html, summary


def write_access_report(
    session: Session,
    inquiry_id: str,
    policy: Policy,
    hmac_key: bytes,
    *,
    folder: Path,
    key: bytes,
    actor: str,
) -> dict[str, Any]:
    """Render, encrypt and store the report; returns its path and counts (no values)."""
    html, summary = render_access_report(session, inquiry_id, policy, hmac_key)
    target = private_dir(folder / inquiry_id) / "access-report.html.enc"
    tmp = target.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(encrypt(html.encode("utf-8"), key))
    tmp.replace(target)
    inquiry = get_inquiry(session, inquiry_id)
    inquiry.report_path = str(target)
    audit.record(
        session,
        "inquiry_report_made",
        f"inquiry:{inquiry_id}",
        {k: v for k, v in summary.items() if k != "inquiry_id"},
        actor=actor,
    )
    return summary | {"path": str(target)}
