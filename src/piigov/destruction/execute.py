"""Deletion or redaction with a journal, and the FG decision that must precede it.

Each entry moves planned -> deleting -> deleted, committed at every step; the method line says how
("deleted: ..." or "redacted: ..."). An item the policy keeps (Archives Act) is redacted in place
instead of deleted; one that cannot be redacted automatically ends as `needs_person`: kept, not
destroyed, listed for a person on the certificate. After a crash a re-run finds entries in
`deleting`: an item already gone (or already redacted) is journalled now; one still there and
unchanged is deleted (or redacted). Nothing is destroyed twice and nothing outside the run is touched.

On S3, destroying the last version of an object also removes the delete markers left in front of
nothing (they hold no content but still name the object); they are recorded in the entry's method line.
See decision 0007.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov.destruction.plan import RunStatus, active_holds
from piigov.destruction.redaction import (
    DELETE,
    PERSON,
    PERSON_REASONS,
    RedactionRefused,
    findings_left,
    person_reason,
    planned_method,
    redact_item,
    successor_key,
)
from piigov.hashing import content_hash
from piigov.register import audit
from piigov.register.models import DestructionEntry, DestructionRun, EntryStatus, Item, ItemState
from piigov.sources import ItemGone, SourceError
from piigov.sources.base import absent
from piigov.sources.registry import open_registered

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy
    from piigov.detection import Detector
    from piigov.sources.base import Source

log = logging.getLogger(__name__)

#: Rows of one table deleted per transaction.
SQL_BATCH_ROWS = 100
#: Entry status of an item the policy keeps that only a person can redact: not destroyed.
NEEDS_PERSON = "needs_person"
DONE = (EntryStatus.DELETED, NEEDS_PERSON)


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


class _Run:
    """What every entry of one attempt needs: the policy, and a detector built only when redacting."""

    def __init__(self, policy: Policy, actor: str, step: Callable[[int, str], None]) -> None:
        self.policy = policy
        self.actor = actor
        self.step = step
        self._detector: Detector | None = None

    @property
    def detector(self) -> Detector:
        if self._detector is None:
            from piigov.detection import get_detector

            self._detector = get_detector()
        return self._detector

    def findings_left(self, source: Source, key: str) -> int:
        return findings_left(
            source, key, self.detector, self.policy.identifying_entities, self.policy.min_score
        )


def _settings_policy() -> Policy:
    from piigov.classification import load_policy
    from piigov.settings import get_settings

    return load_policy(get_settings().policy_path)


def destroy(
    session_factory: Callable[[], AbstractContextManager[Session]],
    run_id: str,
    *,
    actor: str = "piigov",
    on_step: Callable[[int, str], None] | None = None,
    policy: Policy | None = None,
) -> dict[str, Any]:
    """Delete (or redact, where the policy keeps the record) every entry of an approved run.

    Returns counts by outcome. `on_step(entry_id, step)` is called after each durable step
    ("journalled_deleting", "deleted_from_source", "journalled_deleted"); crash tests use it to die at
    exact points. `policy` decides delete or redact per item (default: the configured policy).
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
            (e for e in run.entries if e.status not in DONE),
            key=lambda e: (not _is_attachment(e.item), e.item.source, e.item.key),
            reverse=True,
        )
        held = active_holds(session, [e.item_id for e in run.entries if e.status not in DONE])
        ctx = _Run(policy or _settings_policy(), actor, on_step or (lambda _entry_id, _step: None))
        # Rows of a database to delete go in batches, one transaction each; everything else one by one.
        batches: dict[str, list[int]] = {}
        singles: list[int] = []
        for e in pending:
            if _is_sql(e.item.source) and planned_method(e.item, ctx.policy) == DELETE:
                batches.setdefault(e.item.source, []).append(e.id)
            else:
                singles.append(e.id)
    outcomes: Counter[str] = Counter()
    deleted_from: set[str] = set()
    for source_uri, ids in batches.items():
        for start in range(0, len(ids), SQL_BATCH_ROWS):
            for outcome in _destroy_sql_batch(
                session_factory, ids[start : start + SQL_BATCH_ROWS], held, ctx
            ):
                outcomes[outcome] += 1
                if outcome in ("deleted", "deleted_before_crash"):
                    deleted_from.add(source_uri)
    for entry_id in singles:
        outcome, source_uri = _destroy_entry(session_factory, entry_id, held, ctx)
        outcomes[outcome] += 1
        if outcome in ("deleted", "deleted_before_crash"):
            deleted_from.add(source_uri)
    reclaimed = _reclaim_space(deleted_from)
    with session_factory() as session:
        run = session.get(DestructionRun, run_id)
        assert run is not None
        done = [e for e in run.entries if e.status == EntryStatus.DELETED]
        redacted = sum((e.method or "").startswith("redacted") for e in done)
        person = [e.item_id for e in run.entries if e.status == NEEDS_PERSON]
        failed = [e.item_id for e in run.entries if e.status == EntryStatus.FAILED]
        if not failed and run.status == RunStatus.APPROVED:
            run.status = RunStatus.DESTROYED
        audit.record(
            session,
            "destruction_executed",
            f"destruction_run:{run_id}",
            {
                "deleted": len(done) - redacted,
                "redacted": redacted,
                "needs_person_item_ids": person,
                "failed_item_ids": failed,
                "this_attempt": dict(outcomes),
                "space_reclaimed": reclaimed,
            },
            actor=actor,
        )
    log.info(
        "destruction run %s: %d deleted, %d redacted, %d for a person, %d failed",
        run_id,
        len(done) - redacted,
        redacted,
        len(person),
        len(failed),
    )
    result: dict[str, Any] = {"deleted": len(done) - redacted, "failed": len(failed)}
    if redacted:
        result["redacted"] = redacted
    if person:
        result["needs_person"] = len(person)
    return result | {"this_attempt": dict(outcomes)}


def _is_sql(source_uri: str) -> bool:
    from piigov.sources import SQL_SCHEMES

    return source_uri.partition("://")[0].lower() in SQL_SCHEMES


def _destroy_sql_batch(
    session_factory: Callable[[], AbstractContextManager[Session]],
    entry_ids: list[int],
    held: dict[int, list[int]],
    ctx: _Run,
) -> list[str]:
    """Delete rows of one table in one transaction, journalled before and after like single items."""
    outcomes: list[str] = []
    todo: dict[int, tuple[str, str, bool]] = {}  # entry id -> (key, content hash, resuming)
    with session_factory() as session:
        source_uri = ""
        for entry_id in entry_ids:
            entry = session.get(DestructionEntry, entry_id)
            assert entry is not None
            source_uri = entry.item.source
            if entry.item_id in held:
                entry.status = EntryStatus.FAILED
                entry.error = f"on hold {held[entry.item_id]}"
                outcomes.append("refused_hold")
                continue
            todo[entry_id] = (entry.item.key, entry.content_hash, entry.status == EntryStatus.DELETING)
            entry.status = EntryStatus.DELETING
    for entry_id in todo:
        ctx.step(entry_id, "journalled_deleting")
    if not todo:
        return outcomes
    source = open_registered(source_uri)
    result: dict[int, tuple[str, str | None]] = {}  # entry id -> (outcome, error)
    try:
        by_key = source.delete_many_if_unchanged({key: h for key, h, _ in todo.values()})  # type: ignore[attr-defined]
    except SourceError as exc:
        by_key = {}
        result = {entry_id: ("failed", f"delete failed: {exc}") for entry_id in todo}
    deleted = sum(v == "deleted" for v in by_key.values())
    method = f"deleted: SQL DELETE in one transaction ({deleted} of a batch of {len(todo)} rows)"
    for entry_id, (key, _hash, resuming) in todo.items():
        if entry_id in result:
            continue
        found = by_key.get(key)
        if found == "deleted":
            result[entry_id] = ("deleted", None)
        elif found == "gone" and resuming:  # the worker died after the commit, before journalling it
            result[entry_id] = ("deleted_before_crash", None)
        elif found == "gone":
            result[entry_id] = ("failed", "item was gone before deletion")
        else:
            result[entry_id] = ("failed", "content changed since classification")
    for entry_id, (outcome, _error) in result.items():
        if outcome != "failed":
            ctx.step(entry_id, "deleted_from_source")
    now = datetime.now(UTC)
    with session_factory() as session:
        for entry_id, (outcome, error) in result.items():
            entry = session.get(DestructionEntry, entry_id)
            assert entry is not None
            if outcome == "failed":
                entry.status = EntryStatus.FAILED
                entry.error = error
                log.warning("item %s not destroyed: %s", entry.item_id, error)
                continue
            _journal_destroyed(
                session,
                entry,
                method=method if outcome == "deleted" else "deleted: completed after interruption",
                verified_absent=absent(source, entry.item.key),
                now=now,
                actor=ctx.actor,
                method_kind="deleted",
            )
    for entry_id in result:
        ctx.step(entry_id, "journalled_deleted")
    return outcomes + [outcome for outcome, _ in result.values()]


def _reclaim_space(source_uris: set[str]) -> list[str]:
    """The database's space reclaim (VACUUM) after rows were deleted from it; descriptions of what ran."""
    done = []
    for uri in sorted(source_uris):
        reclaim = getattr(open_registered(uri), "reclaim_space", None)
        if reclaim is None:
            continue
        try:
            done.append(reclaim())
        except SourceError as exc:
            log.warning("space reclaim after destruction failed: %s", type(exc).__name__)
            done.append(f"space reclaim failed ({type(exc).__name__})")
    return done


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
    _journal_destroyed(
        session,
        entry,
        method=f"destroyed with its message (item {parent.item_id})",
        verified_absent=True,
        now=datetime.now(UTC),
        actor=actor,
    )
    return "deleted_with_message"


def _journal_destroyed(
    session: Session,
    entry: DestructionEntry,
    *,
    method: str,
    verified_absent: bool | None,
    now: datetime,
    actor: str,
    method_kind: str | None = None,
) -> None:
    """Journal one entry as done: entry and item marked destroyed, one audit event (ids and hashes only)."""
    entry.status = EntryStatus.DELETED
    entry.method = method[:512]
    entry.destroyed_at = now
    entry.verified_absent = verified_absent
    entry.item.destroyed_at = now
    entry.item.state = ItemState.DESTROYED
    details = {"run_id": entry.run_id, "content_hash": entry.content_hash}
    if method_kind:
        details["method_kind"] = method_kind
    audit.record(
        session, "item_destroyed", f"item:{entry.item_id}", details | {"method": entry.method}, actor=actor
    )


def _refusal(exc: Exception) -> str:
    """Why a source refused: S3 Object Lock says which lock and until when (version ids and dates only)."""
    from piigov.sources.s3 import RetentionError

    return str(exc) if isinstance(exc, RetentionError) else type(exc).__name__


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
        return "failed", None, f"delete failed: {_refusal(exc)}"


def _remove_orphan_markers(source: Source, key: str) -> str:
    """S3: the delete markers of an object none of whose versions is left; a note for the method line."""
    remove = getattr(source, "delete_orphan_markers", None)
    if remove is None:
        return ""
    removed = remove(key)
    if not removed:
        return ""
    return f"; {len(removed)} delete marker(s) left without a version removed ({', '.join(removed)})"


def _s3_siblings(entry: DestructionEntry) -> tuple[set[str], int | None]:
    """S3: version ids of the other entries of this run for the same object, and a redacted one's item id."""
    if not entry.item.source.startswith("s3://"):
        return set(), None
    from piigov.sources.s3 import split_item_key

    object_key = split_item_key(entry.item.key)[0]
    ids, redacted_by = set(), None
    for other in entry.run.entries:
        if other.id == entry.id or other.item.source != entry.item.source:
            continue
        other_object, version_id = split_item_key(other.item.key)
        if other_object == object_key:
            ids.add(version_id)
            if other.status == EntryStatus.DELETED and (other.method or "").startswith("redacted"):
                redacted_by = other.item_id
    return ids, redacted_by


def _redact_if_unchanged(
    source: Source,
    key: str,
    expected_hash: str,
    resuming: bool,
    ctx: _Run,
    siblings: tuple[set[str], int | None],
) -> tuple[str, str | None, str | None]:
    """(outcome, method, error) of redacting one kept item; outcome `needs_person` when refused."""
    sibling_versions, redacted_by = siblings
    try:
        data = source.read(key)
    except ItemGone:
        now = successor_key(source, key)
        if redacted_by is not None and now is not None and ctx.findings_left(source, now) == 0:
            return (
                "deleted",
                f"deleted: an older version, removed with the redaction of item {redacted_by}",
                None,
            )
        if resuming and now is not None and ctx.findings_left(source, now) == 0:
            return "redacted_before_crash", "redacted: completed before an interruption; re-read clean", None
        return "failed", None, "item was gone before redaction"
    except Exception as exc:
        return "failed", None, f"could not read before redaction: {type(exc).__name__}"
    if content_hash(data) != expected_hash:
        if resuming and ctx.findings_left(source, key) == 0:
            return "redacted_before_crash", "redacted: completed before an interruption; re-read clean", None
        return "failed", None, "content changed since classification"
    versioned = hasattr(source, "current_version_key")
    now = successor_key(source, key) if versioned else key
    if now != key:
        # Only an object's current version is the kept record: an older one is deleted. After a crash
        # between the put of the redacted version and the removal of this one, that is finished now.
        outcome, method, error = _delete_if_unchanged(source, key, expected_hash, resuming)
        if resuming and now is not None and outcome != "failed" and ctx.findings_left(source, now) == 0:
            return outcome, f"redacted: completed after an interruption; old version {method}", error
        return outcome, method and f"deleted: an older version of a kept record; {method}", error
    current = source.stat(key)
    if current is None:
        return "failed", None, "item was gone before redaction"
    try:
        result = redact_item(
            source,
            key,
            expected_fingerprint=current.fingerprint,
            detector=ctx.detector,
            entity_types=ctx.policy.identifying_entities,
            min_score=ctx.policy.min_score,
            delete_older=sibling_versions if versioned else None,
        )
    except RedactionRefused as exc:
        return "needs_person", None, str(exc)
    except SourceError as exc:
        if "changed" in str(exc):
            return "failed", None, "content changed since classification"
        return "failed", None, f"redaction failed: {_refusal(exc)}"
    replaced = ", ".join(f"{n} {entity}" for entity, n in sorted(result.replaced.items()))
    return "redacted", f"redacted: {result.method}; replaced {replaced or 'nothing'}", None


def _destroy_entry(
    session_factory: Callable[[], AbstractContextManager[Session]],
    entry_id: int,
    held: dict[int, list[int]],
    ctx: _Run,
) -> tuple[str, str]:
    with session_factory() as session:
        entry = session.get(DestructionEntry, entry_id)
        assert entry is not None
        item = entry.item
        if entry.item_id in held:
            entry.status = EntryStatus.FAILED
            entry.error = f"on hold {held[entry.item_id]}"
            return "refused_hold", item.source
        how = planned_method(item, ctx.policy)
        if _is_attachment(item):
            if how != DELETE:
                return _for_a_person(session, entry, PERSON_REASONS["attachment"], ctx.actor), item.source
            return _attachment_went_with_its_message(session, entry, ctx.actor), item.source
        if how == PERSON:
            return _for_a_person(session, entry, person_reason(item.source, item.key), ctx.actor), item.source
        resuming = entry.status == EntryStatus.DELETING
        entry.status = EntryStatus.DELETING
        siblings = _s3_siblings(entry) if how != DELETE else (set(), None)
    # The journal says "deleting" (committed) before anything is touched.
    ctx.step(entry_id, "journalled_deleting")
    source = open_registered(item.source)
    if how == DELETE:
        outcome, method, error = _delete_if_unchanged(source, item.key, entry.content_hash, resuming)
        method = method and f"deleted: {method}"
    else:
        outcome, method, error = _redact_if_unchanged(
            source, item.key, entry.content_hash, resuming, ctx, siblings
        )
    if outcome not in ("failed", "needs_person"):
        ctx.step(entry_id, "deleted_from_source")
        if outcome in ("deleted", "deleted_before_crash"):
            # Also after a crash between the delete and this point: markers are removed on the re-run.
            method = (method or "") + _remove_orphan_markers(source, item.key)
    now = datetime.now(UTC)
    with session_factory() as session:
        entry = session.get(DestructionEntry, entry_id)
        assert entry is not None
        if outcome == "failed":
            entry.status = EntryStatus.FAILED
            entry.error = error
            log.warning("item %s not destroyed: %s", entry.item_id, error)
        elif outcome == "needs_person":
            _for_a_person(session, entry, error or "refused", ctx.actor)
        else:
            redacted = (method or "").startswith("redacted")
            _journal_destroyed(
                session,
                entry,
                method=method or "",
                verified_absent=None if redacted else absent(source, entry.item.key),
                now=now,
                actor=ctx.actor,
                method_kind="redacted" if redacted else "deleted",
            )
    ctx.step(entry_id, "journalled_deleted")
    return outcome, item.source


def _for_a_person(session: Session, entry: DestructionEntry, reason: str, actor: str) -> str:
    """Kept, not destroyed: the item goes on the certificate's list for a person (the reason has no content)."""
    entry.status = NEEDS_PERSON
    entry.error = reason[:512]
    audit.record(
        session,
        "item_needs_person",
        f"item:{entry.item_id}",
        {"run_id": entry.run_id, "content_hash": entry.content_hash, "reason": entry.error},
        actor=actor,
    )
    return "needs_person"
