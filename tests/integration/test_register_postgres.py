"""The register and its audit chain on PostgreSQL, including concurrent writers."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, update

from piigov.register import AuditEvent, audit, session_scope

pytestmark = pytest.mark.integration


def test_audit_chain_on_postgres_with_concurrent_writers(postgres_url: str) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(15):
                with session_scope(postgres_url) as s:
                    audit.record(s, "concurrent", f"writer:{n}", {"i": i})
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with session_scope(postgres_url) as s:
        report = audit.verify(s)
        assert report.ok and report.events == 60
        seqs = s.execute(select(AuditEvent.seq).order_by(AuditEvent.seq)).scalars().all()
        assert seqs == list(range(1, 61))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 17).values(details={"i": -1}))
    with session_scope(postgres_url) as s:
        broken = audit.verify(s)
        assert not broken.ok and broken.first_broken_seq == 17


def test_timezones_round_trip_for_hashing(postgres_url: str) -> None:
    with session_scope(postgres_url) as s:
        s.execute(AuditEvent.__table__.delete())
        audit.record(s, "tz", "x", {})
    with session_scope(postgres_url) as s:
        assert audit.verify(s).ok
