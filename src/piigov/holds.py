"""Legal and inquiry holds: a held item is never destroyed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from piigov.register import audit
from piigov.register.models import Hold, Item

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class HoldError(Exception):
    pass


def place_hold(
    session: Session, item_id: int, *, kind: str, reason: str, placed_by: str, inquiry_id: str | None = None
) -> Hold:
    if kind not in ("legal", "inquiry"):
        raise HoldError("kind must be 'legal' or 'inquiry'")
    if not reason.strip():
        raise HoldError("a hold needs a reason")
    if session.get(Item, item_id) is None:
        raise HoldError(f"no item {item_id}")
    hold = Hold(
        item_id=item_id,
        kind=kind,
        inquiry_id=inquiry_id,
        reason=reason,
        placed_by=placed_by,
        placed_at=datetime.now(UTC),
    )
    session.add(hold)
    session.flush()
    # The reason is free text and may name a person: it stays in the holds table, not the audit log.
    audit.record(
        session,
        "hold_placed",
        f"item:{item_id}",
        {"hold_id": hold.id, "kind": kind} | ({"inquiry_id": inquiry_id} if inquiry_id else {}),
        actor=placed_by,
    )
    return hold


def lift_hold(session: Session, hold_id: int, *, reason: str, lifted_by: str) -> Hold:
    hold = session.get(Hold, hold_id)
    if hold is None:
        raise HoldError(f"no hold {hold_id}")
    if hold.lifted_at is not None:
        raise HoldError(f"hold {hold_id} was already lifted")
    hold.lifted_at = datetime.now(UTC)
    hold.lifted_by = lifted_by
    hold.lift_reason = reason
    audit.record(session, "hold_lifted", f"item:{hold.item_id}", {"hold_id": hold.id}, actor=lifted_by)
    return hold
