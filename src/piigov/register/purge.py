"""After destruction, the register keeps the proof and lets go of the keyed hashes.

A destroyed item keeps its row (location, content hash, categories: what the certificate states), but
its findings and subject keys go: keyed hashes of a person's name are pseudonymous personal data, and
once the item is gone nothing needs to find it. An inquiry whose request e-mail was destroyed keeps its
dates, status and decisions but not the requester's identifier hashes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from piigov.register import audit
from piigov.register.models import Finding, Inquiry, Item, SubjectKey

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def purge_destroyed(session: Session, actor: str = "piigov") -> dict[str, int]:
    destroyed = select(Item.id).where(Item.destroyed_at.is_not(None))
    findings = session.execute(delete(Finding).where(Finding.item_id.in_(destroyed))).rowcount or 0
    keys = session.execute(delete(SubjectKey).where(SubjectKey.item_id.in_(destroyed))).rowcount or 0
    inquiries = 0
    closed = session.execute(
        select(Inquiry).join(Item, Inquiry.request_item_id == Item.id).where(Item.destroyed_at.is_not(None))
    ).scalars()
    for inquiry in closed:
        if inquiry.identifiers:
            inquiry.identifiers = {}
            inquiries += 1
    counts = {"findings": findings, "subject_keys": keys, "inquiry_identifiers": inquiries}
    if any(counts.values()):
        audit.record(session, "register_purged", "register", counts, actor=actor)
    return counts
