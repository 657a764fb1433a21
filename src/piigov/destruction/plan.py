"""The destruction list: exactly the items that are proven in scope, free of holds and unchanged.

A plan is stored as a DestructionRun with one journal entry per item. Planning the same run id again
returns the stored plan, so a re-run after a crash continues the same list instead of making a new one.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from piigov.classification import Label
from piigov.register import audit
from piigov.register.models import DestructionEntry, DestructionRun, EntryStatus, Hold, Item, ItemState
from piigov.sources.registry import open_registered

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy

log = logging.getLogger(__name__)


class RunStatus:
    PLANNED = "planned"
    APPROVED = "approved"
    REJECTED = "rejected"
    DESTROYED = "destroyed"
    CERTIFIED = "certified"
    FAILED = "failed"


@dataclass(frozen=True)
class PlanSummary:
    run_id: str
    items: int
    bytes: int
    excluded: int
    by_source: dict[str, int]
    by_category: dict[str, int]
    special_category_items: int
    resumed: bool

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def active_holds(session: Session, item_ids: list[int]) -> dict[int, list[int]]:
    """Open holds per item id."""
    held: dict[int, list[int]] = {}
    for start in range(0, len(item_ids), 500):
        rows = session.execute(
            select(Hold.item_id, Hold.id).where(
                Hold.item_id.in_(item_ids[start : start + 500]), Hold.lifted_at.is_(None)
            )
        )
        for item_id, hold_id in rows:
            held.setdefault(item_id, []).append(hold_id)
    return held


def current_hash(item: Item) -> str | None:
    """The item's content hash as it is in the source now; None when it cannot be read."""
    from piigov.hashing import content_hash

    try:
        return content_hash(open_registered(item.source).read(item.key))
    except Exception:  # gone or unreadable: not provably unchanged
        return None


def _candidates(session: Session, sources: list[str] | None) -> tuple[list[Item], dict[int, str]]:
    """Unlawfully held items, plus request e-mails of inquiries closed without objection (with why)."""
    from piigov.inquiries.service import released_request_items

    released = released_request_items(session)
    query = select(Item).where(
        or_(Item.classification == Label.UNLAWFULLY_HELD, Item.id.in_(list(released))),
        Item.state == ItemState.SCANNED,
        Item.destroyed_at.is_(None),
    )
    if sources:
        query = query.where(Item.source.in_(sources))
    return list(session.execute(query.order_by(Item.id)).scalars()), released


def expected_hash(item: Item, released: dict[int, str]) -> str | None:
    """The content an item must still have: as classified, or as scanned for a released request e-mail."""
    if item.id in released and item.classification != Label.UNLAWFULLY_HELD:
        return item.content_hash
    return item.classified_content_hash


def _in_open_run(session: Session, run_id: str) -> set[int]:
    rows = session.execute(
        select(DestructionEntry.item_id)
        .join(DestructionRun)
        .where(
            DestructionRun.id != run_id,
            DestructionRun.status.in_([RunStatus.PLANNED, RunStatus.APPROVED, RunStatus.DESTROYED]),
            DestructionEntry.status != EntryStatus.FAILED,
        )
    )
    return {r[0] for r in rows}


def select_for_destruction(
    session: Session, policy: Policy, run_id: str, sources: list[str] | None = None
) -> tuple[list[Item], list[dict]]:
    """The items a run would destroy and the candidates it leaves out, with why. Stores nothing."""
    excluded: list[dict] = []
    planned: list[Item] = []
    from piigov.inquiries.service import items_under_open_inquiry

    candidates, released = _candidates(session, sources)
    held = active_holds(session, [i.id for i in candidates])
    busy = _in_open_run(session, run_id)
    inquired = items_under_open_inquiry(session, [i.id for i in candidates])
    for item in candidates:
        if item.id not in released and item.policy_version != policy.version:
            excluded.append({"item_id": item.id, "reason": f"classified under policy {item.policy_version}"})
        elif item.id in held:
            excluded.append({"item_id": item.id, "reason": f"on hold {held[item.id]}"})
        elif item.id in inquired:
            excluded.append({"item_id": item.id, "reason": "under an open inquiry"})
        elif item.id in busy:
            excluded.append({"item_id": item.id, "reason": "in another open destruction run"})
        elif current_hash(item) != expected_hash(item, released):
            excluded.append({"item_id": item.id, "reason": "changed or unreadable since classification"})
        else:
            planned.append(item)
    return _keep_messages_whole(candidates, planned, excluded)


def _keep_messages_whole(
    candidates: list[Item], planned: list[Item], excluded: list[dict]
) -> tuple[list[Item], list[dict]]:
    """A mail message goes with all its attachments or not at all: they are one stored message."""
    from piigov.classification.classify import message_key

    def group(item: Item) -> tuple[str, str]:
        return item.source, message_key(item.key)

    excluded_ids = {e["item_id"] for e in excluded}
    blocked = {group(i) for i in candidates if i.source.startswith("mail+") and i.id in excluded_ids}
    kept = []
    for item in planned:
        if item.source.startswith("mail+") and group(item) in blocked:
            excluded.append(
                {"item_id": item.id, "reason": "part of a message another part of which is excluded"}
            )
        else:
            kept.append(item)
    return kept, excluded


def plan_destruction(
    session: Session,
    policy: Policy,
    run_id: str,
    *,
    sources: list[str] | None = None,
    actor: str = "piigov",
) -> PlanSummary:
    from piigov.inquiries.service import released_request_items

    existing = session.get(DestructionRun, run_id)
    if existing is not None:
        return summarise(existing, resumed=True)
    planned, excluded = select_for_destruction(session, policy, run_id, sources)
    run = DestructionRun(
        id=run_id,
        created_at=datetime.now(UTC),
        status=RunStatus.PLANNED,
        policy_version=policy.version,
        legal_ground=policy.legal_ground,
        sources=sorted({i.source for i in planned}),
        excluded=excluded,
    )
    session.add(run)
    released = released_request_items(session)
    session.add_all(
        DestructionEntry(run_id=run_id, item_id=i.id, content_hash=expected_hash(i, released), size=i.size)
        for i in planned
    )
    session.flush()
    summary = summarise(run, resumed=False)
    audit.record(
        session,
        "destruction_planned",
        f"destruction_run:{run_id}",
        summary.as_dict()
        | {
            "item_ids": [i.id for i in planned],
            "excluded": excluded,
        },
        actor=actor,
    )
    log.info("destruction run %s planned: %d items, %d excluded", run_id, summary.items, summary.excluded)
    return summary


def summarise(run: DestructionRun, *, resumed: bool) -> PlanSummary:
    by_source: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    special = 0
    for entry in run.entries:
        by_source[entry.item.source] += 1
        for cat in entry.item.categories or []:
            by_category[cat] += 1
        special += int(entry.item.special_category)
    return PlanSummary(
        run_id=run.id,
        items=len(run.entries),
        bytes=sum(e.size for e in run.entries),
        excluded=len(run.excluded or []),
        by_source=dict(by_source),
        by_category=dict(sorted(by_category.items())),
        special_category_items=special,
        resumed=resumed,
    )


def window_closed(policy: Policy, today: date | None = None) -> bool:
    return policy.window_closed(today or datetime.now(UTC).date())
