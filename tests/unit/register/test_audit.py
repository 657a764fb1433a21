from sqlalchemy import select, update

from piigov.register import audit
from piigov.register.models import AuditEvent


def _events(session, n: int = 5) -> None:
    for i in range(n):
        audit.record(session, "test_event", f"item:{i}", {"n": i})
    session.flush()


def test_intact_chain_verifies(session) -> None:
    _events(session)
    report = audit.verify(session)
    assert report.ok and report.events == 5
    assert report.head_hash == audit.head(session)[1]


def test_altered_details_are_named(session) -> None:
    _events(session)
    session.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(details={"n": 99}))
    report = audit.verify(session)
    assert not report.ok and report.first_broken_seq == 3 and "altered" in report.problem


def test_removed_event_is_named(session) -> None:
    _events(session)
    session.delete(session.get(AuditEvent, 2))
    session.flush()
    report = audit.verify(session)
    assert not report.ok and report.first_broken_seq == 2 and "missing" in report.problem


def test_reordered_events_are_detected(session) -> None:
    _events(session)
    a, b = session.get(AuditEvent, 2), session.get(AuditEvent, 3)
    # Swap contents but keep seq numbers: the chain links no longer fit.
    fields = ("at", "actor", "action", "subject", "details", "prev_hash", "hash")
    values_a = {f: getattr(a, f) for f in fields}
    values_b = {f: getattr(b, f) for f in fields}
    for f in fields:
        setattr(a, f, values_b[f])
        setattr(b, f, values_a[f])
    session.flush()
    report = audit.verify(session)
    assert not report.ok and report.first_broken_seq == 2


def test_rehashing_a_forged_event_breaks_the_next_link(session) -> None:
    _events(session)
    ev = session.get(AuditEvent, 2)
    ev.details = {"n": 42}
    ev.hash = audit.event_hash(ev.prev_hash, ev.seq, ev.at, ev.actor, ev.action, ev.subject, ev.details)
    session.flush()
    report = audit.verify(session)
    assert not report.ok and report.first_broken_seq == 3


def test_sequence_is_gapless_and_linked(session) -> None:
    _events(session, 3)
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == audit.GENESIS
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
