"""The audit log: append-only and hash-chained.

Each event's hash is SHA-256 over the previous event's hash and the canonical JSON of its own fields, so
altering, removing or reordering a record breaks the chain from that record on. Details carry ids,
counts, entity types and hashes only.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from piigov.register.models import AuditEvent

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

GENESIS = "0" * 64


def _canonical_time(at: datetime) -> str:
    # Databases differ in returning tz-aware or naive datetimes; hash the UTC wall time.
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def event_hash(
    prev_hash: str, seq: int, at: datetime, actor: str, action: str, subject: str, details: dict
) -> str:
    body = json.dumps(
        {
            "seq": seq,
            "at": _canonical_time(at),
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


RECORD_ATTEMPTS = 60


def record(
    session: Session, action: str, subject: str, details: dict[str, Any] | None = None, actor: str = "piigov"
) -> AuditEvent:
    """Append one event in its own savepoint; a concurrent writer that took the same seq makes us retry."""
    details = json.loads(json.dumps(details or {}, default=str))
    for attempt in range(RECORD_ATTEMPTS):
        last = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else GENESIS
        at = datetime.now(UTC)
        ev = AuditEvent(
            seq=seq,
            at=at,
            actor=actor,
            action=action,
            subject=subject,
            details=details,
            prev_hash=prev,
            hash=event_hash(prev, seq, at, actor, action, subject, details),
        )
        try:
            with session.begin_nested():
                session.add(ev)
            return ev
        except IntegrityError:
            session.expire_all()
            # Jittered back-off, so that under contention every writer gets its turn.
            time.sleep(random.uniform(0, min(0.25, 0.002 * 2**attempt)))
    raise RuntimeError(f"could not append to the audit log after {RECORD_ATTEMPTS} attempts")


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    head_hash: str
    first_broken_seq: int | None = None
    problem: str | None = None


def verify(session: Session) -> ChainReport:
    """Walk the chain in order; report the first event that does not fit."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for ev in session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars():
        count += 1
        if ev.seq != expected_seq:
            return ChainReport(False, count, prev, expected_seq, f"event {expected_seq} is missing")
        if ev.prev_hash != prev:
            return ChainReport(
                False, count, prev, ev.seq, f"event {ev.seq} does not follow event {ev.seq - 1}"
            )
        recomputed = event_hash(prev, ev.seq, ev.at, ev.actor, ev.action, ev.subject, ev.details)
        if recomputed != ev.hash:
            return ChainReport(False, count, prev, ev.seq, f"event {ev.seq} was altered")
        prev = ev.hash
        expected_seq += 1
    return ChainReport(True, count, prev)


def head(session: Session) -> tuple[int, str]:
    """The seq and hash of the newest event, for anchoring in certificates."""
    last = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).scalar()
    if last is None:
        return 0, GENESIS
    return last.seq, last.hash


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
