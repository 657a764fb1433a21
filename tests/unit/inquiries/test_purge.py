from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from inquiry_world import request_email
from piigov import pipeline
from piigov.register import Finding, Item, session_scope
from piigov.register.models import Inquiry, SubjectKey


def test_after_destruction_the_register_lets_go_of_hashes_of_destroyed_items(world: dict[str, str]) -> None:
    (Path(world["postbus"]) / "v.eml").write_bytes(request_email(datetime(2024, 3, 10, tzinfo=UTC)))
    inquiry_id = pipeline.inquiry_intake()["registered"][0]
    found = pipeline.inquiry_search(inquiry_id)
    pipeline.inquiry_confirm(inquiry_id, [w["item_id"] for w in found["weak_matches"]], decided_by="s")
    pipeline.inquiry_explained(inquiry_id, explained_by="s")
    pipeline.inquiry_objection(inquiry_id, objection=False, decided_by="s")
    run_id = "purge-1"
    pipeline.destruction_plan(run_id)
    pipeline.destruction_decide(run_id, approved=True, decided_by="fg", decided_at=None, allowed=["fg"])
    pipeline.destruction_execute(run_id)
    assert pipeline.destruction_verify_after(run_id)["success"]
    pipeline.destruction_certify(run_id, performer="test")
    with session_scope() as s:
        destroyed = select(Item.id).where(Item.destroyed_at.is_not(None))
        assert s.execute(select(func.count()).select_from(destroyed.subquery())).scalar_one() >= 5
        assert s.execute(select(func.count()).where(Finding.item_id.in_(destroyed))).scalar_one() == 0
        assert s.execute(select(func.count()).where(SubjectKey.item_id.in_(destroyed))).scalar_one() == 0
        # Items that were not destroyed keep theirs.
        assert s.execute(select(func.count()).select_from(Finding)).scalar_one() > 0
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry.identifiers == {} and inquiry.status == "no_objection"
