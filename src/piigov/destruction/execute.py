"""Deletion with a journal, and the FG decision that must precede it.

Each entry moves planned -> deleting -> deleted, committed at every step. After a crash a re-run finds
entries in `deleting`: if the item is already gone it was deleted and is journalled now; if it is still
there and unchanged it is deleted. Nothing is deleted twice and nothing outside the run is touched.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov.destruction.plan import RunStatus, active_holds
from piigov.hashing import content_hash
from piigov.register import audit
from piigov.register.models import DestructionEntry, DestructionRun, EntryStatus, Item, ItemState
from piigov.sources import ItemGone
from piigov.sources.registry import open_registered

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from sqlalchemy.orm import Session

    from piigov.sources.base import Source

log = logging.getLogger(__name__)


class DestructionRefused(Exception):
    """The run is not in a state that allows deletion (not approved, rejected, unknown)."""


def record_decision(
    session: Session,
    run_id: str,
    *,
    approved: bool,
    decided_by: str,
    decided_at: datetime,
    allowed: list[str],
) -> DestructionRun:
    """Store the FG's answer. Only a user on the allowed list can approve."""
    run = session.get(DestructionRun, run_id)
    if run is None:
        raise DestructionRefused(f"no destruction run {run_id!r}")
    if run.decision is not None:
        if run.decision == ("approve" if approved else "reject") and run.approved_by == decided_by:
            return run  # a task retry records the same answer again
        raise DestructionRefused(f"run {run_id} was already decided ({run.decision})")
    if approved and decided_by not in allowed:
        raise DestructionRefused(f"user {decided_by!r} is not an assigned approver for destruction")
    run.decision = "approve" if approved else "reject"
    run.approved_by = decided_by
    run.approved_at = decided_at
    run.status = RunStatus.APPROVED if approved else RunStatus.REJECTED
    audit.record(
        session,
        "destruction_" + ("approved" if approved else "rejected"),
        f"destruction_run:{run_id}",
        {"items": len(run.entries)},
        actor=decided_by,
    )
    return run


def destroy(
    session_factory: Callable[[], AbstractContextManager[Session]],
    run_id: str,
    *,
    actor: str = "piigov",
    on_step: Callable[[int, str], None] | None = None,
) -> dict[str, Any]:
    """Delete every entry of an approved run; returns counts by outcome.

    `on_step(entry_id, step)` is called after each durable step ("journalled_deleting",
    "deleted_from_source", "journalled_deleted"); crash tests use it to die at exact points.
    """
    with session_factory() as session:
        run = session.get(DestructionRun, run_id)
        if run is None:
            raise DestructionRefused(f"no destruction run {run_id!r}")
        if run.status not in (RunStatus.APPROVED, RunStatus.DESTROYED, RunStatus.CERTIFIED):
            raise DestructionRefused(f"run {run_id} is {run.status}, not approved")
        # Reverse key order: duplicates in one mbox (`#h`, `#h-2`) must go from the highest ordinal down.
        # Attachments last: they go with their message and are only checked afterwards.
        pending = sorted(
            (e for e in run.entries if e.status != EntryStatus.DELETED),
            key=lambda e: (not _is_attachment(e.item), e.item.source, e.item.key),
            reverse=True,
        )
        entry_ids = [e.id for e in pending]
        held = active_holds(session, [e.item_id for e in run.entries if e.status != EntryStatus.DELETED])
    outcomes: Counter[str] = Counter()
    step = on_step or (lambda _entry_id, _step: None)
    for entry_id in entry_ids:
        outcomes[_destroy_entry(session_factory, entry_id, held, actor, step)] += 1
    with session_factory() as session:
        run = session.get(DestructionRun, run_id)
        assert run is not None
        done = sum(e.status == EntryStatus.DELETED for e in run.entries)
        failed = [e.item_id for e in run.entries if e.status == EntryStatus.FAILED]
        if not failed and run.status == RunStatus.APPROVED:
            run.status = RunStatus.DESTROYED
        audit.record(
            session,
            "destruction_executed",
            f"destruction_run:{run_id}",
            {"deleted": done, "failed_item_ids": failed, "this_attempt": dict(outcomes)},
            actor=actor,
        )
    log.info("destruction run %s: %d deleted, %d failed", run_id, done, len(failed))
    return {"deleted": done, "failed": len(failed), "this_attempt": dict(outcomes)}


def _is_attachment(item: Item) -> bool:
    from piigov.classification.classify import ATTACHMENT_MARK

    return item.source.startswith("mail+") and ATTACHMENT_MARK in item.key


def _attachment_went_with_its_message(session: Session, entry: DestructionEntry, actor: str) -> str:
    """An attachment is destroyed by deleting its message: journal it once the message entry is deleted."""
    from piigov.classification.classify import message_key

    item = entry.item
    parent = next(
        (
            e
            for e in entry.run.entries
            if e.item.source == item.source and e.item.key == message_key(item.key)
        ),
        None,
    )
    gone = open_registered(item.source).stat(item.key) is None
    if parent is None or parent.status != EntryStatus.DELETED or not gone:
        entry.status = EntryStatus.FAILED
        entry.error = "its message was not destroyed in this run"
        return "failed"
    now = datetime.now(UTC)
    entry.status = EntryStatus.DELETED
    entry.method = f"destroyed with its message (item {parent.item_id})"
    entry.destroyed_at = now
    entry.verified_absent = True
    item.destroyed_at = now
    item.state = ItemState.DESTROYED
    audit.record(
        session,
        "item_destroyed",
        f"item:{item.id}",
        {"run_id": entry.run_id, "content_hash": entry.content_hash, "method": entry.method},
        actor=actor,
    )
    return "deleted_with_message"


def _delete_if_unchanged(
    source: Source, key: str, expected_hash: str, resuming: bool
) -> tuple[str, str | None, str | None]:
    """(outcome, method, error): delete only what is still exactly what was classified."""
    try:
        data = source.read(key)
    except ItemGone:
        if resuming:  # the worker died after deleting and before journalling it
            return "deleted_before_crash", "completed after interruption", None
        return "failed", None, "item was gone before deletion"
    except Exception as exc:  # unreachable or refused: record it, touch nothing, go on with the next
        return "failed", None, f"could not read before deletion: {type(exc).__name__}"
    if content_hash(data) != expected_hash:
        return "failed", None, "content changed since classification"
    try:
        return "deleted", source.delete(key), None
    except ItemGone:
        return "deleted", "already absent", None
    except Exception as exc:
        return "failed", None, f"delete failed: {type(exc).__name__}"


def _destroy_entry(
    session_factory: Callable[[], AbstractContextManager[Session]],
    entry_id: int,
    held: dict[int, list[int]],
    actor: str,
    step: Callable[[int, str], None],
) -> str:
    with session_factory() as session:
        entry = session.get(DestructionEntry, entry_id)
        assert entry is not None
        item = entry.item
        if entry.item_id in held:
            entry.status = EntryStatus.FAILED
            entry.error = f"on hold {held[entry.item_id]}"
            return "refused_hold"
        if _is_attachment(item):
            return _attachment_went_with_its_message(session, entry, actor)
        resuming = entry.status == EntryStatus.DELETING
        entry.status = EntryStatus.DELETING
    # The journal says "deleting" (committed) before anything is touched.
    step(entry_id, "journalled_deleting")
    source = open_registered(item.source)
    outcome, method, error = _delete_if_unchanged(source, item.key, entry.content_hash, resuming)
    if outcome != "failed":
        step(entry_id, "deleted_from_source")
    now = datetime.now(UTC)
    with session_factory() as session:
        entry = session.get(DestructionEntry, entry_id)
        assert entry is not None
        if outcome == "failed":
            entry.status = EntryStatus.FAILED
            entry.error = error
            log.warning("item %s not destroyed: %s", entry.item_id, error)
        else:
            entry.status = EntryStatus.DELETED
            entry.method = method
            entry.destroyed_at = now
            entry.verified_absent = source.stat(entry.item.key) is None
            entry.item.destroyed_at = now
            entry.item.state = ItemState.DESTROYED
            audit.record(
                session,
                "item_destroyed",
                f"item:{entry.item_id}",
                {"run_id": entry.run_id, "content_hash": entry.content_hash, "method": method},
                actor=actor,
            )
    step(entry_id, "journalled_deleted")
    return outcome
