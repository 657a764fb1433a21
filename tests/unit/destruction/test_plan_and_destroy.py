from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial

import pytest

from piigov.destruction import (
    DestructionRefused,
    VerificationFailed,
    destroy,
    plan_destruction,
    record_decision,
    verify_after,
    verify_before,
)
from piigov.destruction.certificate import CertificateRefused, build_certificate
from piigov.holds import lift_hold, place_hold
from piigov.register import DestructionEntry, DestructionRun, EntryStatus, session_scope
from piigov.register.audit import verify as verify_chain

AFTER_WINDOW = date(2024, 4, 2)


def _sessions():  # type: ignore[no-untyped-def]
    return partial(session_scope, None)


def _approve(session, run_id: str) -> None:  # type: ignore[no-untyped-def]
    record_decision(
        session, run_id, approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )


def test_plan_takes_only_unlawfully_held_items_without_holds(session, items, share, policy) -> None:  # type: ignore[no-untyped-def]
    place_hold(session, items["dossiers/salafisme/b.txt"].id, kind="legal", reason="r", placed_by="jurist")
    (share / "dossiers/salafisme/c.txt").write_text("changed after classification")
    summary = plan_destruction(session, policy, "run-1")
    run = session.get(DestructionRun, "run-1")
    assert [e.item.key for e in run.entries] == ["dossiers/salafisme/a.txt"]
    reasons = {e["item_id"]: e["reason"] for e in run.excluded}
    assert reasons[items["dossiers/salafisme/b.txt"].id].startswith("on hold")
    assert reasons[items["dossiers/salafisme/c.txt"].id].startswith("changed")
    assert summary.items == 1 and summary.excluded == 2 and summary.special_category_items == 1


def test_planning_the_same_run_again_resumes_it(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    first = plan_destruction(session, policy, "run-1")
    second = plan_destruction(session, policy, "run-1")
    assert second.resumed and second.items == first.items == 3


def test_items_in_an_open_run_are_not_planned_twice(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    plan_destruction(session, policy, "run-1")
    assert plan_destruction(session, policy, "run-2").items == 0


def test_before_checkpoint_fails_while_the_window_is_open(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    plan_destruction(session, policy, "run-1")
    with pytest.raises(VerificationFailed, match="window_closed"):
        verify_before(session, "run-1", policy, today=date(2024, 3, 31))
    assert verify_before(session, "run-1", policy, today=AFTER_WINDOW).success


def test_before_checkpoint_catches_a_hold_placed_after_planning(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    plan_destruction(session, policy, "run-1")
    place_hold(session, items["dossiers/salafisme/a.txt"].id, kind="inquiry", reason="r", placed_by="desk")
    with pytest.raises(VerificationFailed, match="on_hold"):
        verify_before(session, "run-1", policy, today=AFTER_WINDOW)


def test_destroy_refuses_an_unapproved_run(piigov_home, items, policy) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        plan_destruction(s, policy, "run-1")
    with pytest.raises(DestructionRefused, match="not approved"):
        destroy(_sessions(), "run-1")


def test_only_an_assigned_approver_can_approve(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    plan_destruction(session, policy, "run-1")
    with pytest.raises(DestructionRefused, match="not an assigned approver"):
        record_decision(
            session,
            "run-1",
            approved=True,
            decided_by="engineer",
            decided_at=datetime.now(UTC),
            allowed=["fg"],
        )


def test_approved_run_destroys_exactly_its_list_and_verifies(piigov_home, items, share, policy) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        plan_destruction(s, policy, "run-1")
        _approve(s, "run-1")
    result = destroy(_sessions(), "run-1")
    assert result == {"deleted": 3, "failed": 0, "this_attempt": {"deleted": 3}}
    remaining = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert remaining == ["beleid/n.txt", "personeelszaken/p.txt"]
    with session_scope() as s:
        assert verify_after(s, "run-1").success
        cert = build_certificate(s, "run-1", policy, performer="test")
        assert {i["location"] for i in cert["items"]} == {f"dossiers/salafisme/{k}.txt" for k in "abc"}
        assert cert["approval"]["approved_by"] == "fg"
        assert verify_chain(s).ok
    # A second attempt finds nothing left to do and destroys nothing twice.
    assert destroy(_sessions(), "run-1")["this_attempt"] == {}


def test_resume_after_a_crash_between_delete_and_journal(piigov_home, items, share, policy) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        plan_destruction(s, policy, "run-1")
        _approve(s, "run-1")
        entry = (
            s.query(DestructionEntry)
            .join(DestructionEntry.item)
            .filter_by(key="dossiers/salafisme/a.txt")
            .one()
        )
        entry.status = EntryStatus.DELETING  # the journal said "deleting" ...
    (share / "dossiers/salafisme/a.txt").unlink()  # ... and the file was gone when the worker died
    result = destroy(_sessions(), "run-1")
    assert result["deleted"] == 3 and result["this_attempt"] == {"deleted_before_crash": 1, "deleted": 2}
    with session_scope() as s:
        assert verify_after(s, "run-1").success


def test_a_hold_placed_after_approval_stops_that_item(piigov_home, items, share, policy) -> None:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        plan_destruction(s, policy, "run-1")
        _approve(s, "run-1")
        hold = place_hold(
            s, items["dossiers/salafisme/b.txt"].id, kind="legal", reason="r", placed_by="jurist"
        )
    result = destroy(_sessions(), "run-1")
    assert result["failed"] == 1 and (share / "dossiers/salafisme/b.txt").exists()
    with session_scope() as s:
        with pytest.raises(VerificationFailed):
            verify_after(s, "run-1")
        lift_hold(s, hold.id, reason="afgehandeld", lifted_by="jurist")


def test_certificate_is_refused_without_approval(session, items, policy) -> None:  # type: ignore[no-untyped-def]
    plan_destruction(session, policy, "run-1")
    record_decision(
        session, "run-1", approved=False, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    with pytest.raises(CertificateRefused, match="not approved"):
        build_certificate(session, "run-1", policy, performer="test")
