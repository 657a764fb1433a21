from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from inquiry_world import DOB_WRITTEN, NAME, request_email
from piigov import pipeline
from piigov.inquiries.service import InquiryError
from piigov.register import AuditEvent, Hold, Item, session_scope
from piigov.register.models import Inquiry, InquiryMatch


def _item_id(key_suffix: str) -> int:
    with session_scope() as s:
        return s.execute(select(Item.id).where(Item.key.endswith(key_suffix))).scalar_one()


def _intake(world: dict[str, str], sent: datetime, name: str = "verzoek.eml", **kw) -> dict:  # type: ignore[no-untyped-def]
    (Path(world["postbus"]) / name).write_bytes(request_email(sent, **kw))
    return pipeline.inquiry_intake()


def test_intake_registers_once_and_marks_late_requests(world: dict[str, str]) -> None:
    first = _intake(world, datetime(2024, 3, 10, 9, 0, tzinfo=UTC))
    assert len(first["registered"]) == 1 and first["late"] == [] and first["failed"] == []
    late = _intake(world, datetime(2024, 4, 15, 9, 0, tzinfo=UTC), name="laat.eml")
    # Only the new message is registered; the first is not registered twice.
    assert len(late["registered"]) == 1 and late["late"] == late["registered"]
    assert late["registered"][0] != first["registered"][0]
    with session_scope() as s:
        inquiry = s.get(Inquiry, late["registered"][0])
        assert inquiry.status == "late_review" and inquiry.late
        # The request e-mail is held from the moment it is registered.
        assert (
            s.execute(select(Hold).where(Hold.item_id == inquiry.request_item_id)).scalar_one().kind
            == "inquiry"
        )
        # Only keyed hashes are stored for the requester.
        stored = repr(inquiry.identifiers)
        assert "Amrani" not in stored and "amrani" not in stored and "1987" not in stored


def test_search_finds_the_person_in_three_sources_written_four_ways(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    summary = pipeline.inquiry_search(inquiry_id)
    with session_scope() as s:
        matches = {m.item.key.split("/")[-1]: m for m in s.get(Inquiry, inquiry_id).matches}
        strengths = {k: (m.strength, sorted(m.basis)) for k, m in matches.items()}
        sources = {m.item.source for m in matches.values()}
    # Full name + date of birth; title + surname + date of birth: strong.
    assert strengths["notitie-1.txt"][0] == "strong" and "full_name" in strengths["notitie-1.txt"][1]
    assert strengths["verslag.txt"] == ("strong", ["date_of_birth", "surname"])
    # Initial + surname, in both orders: weak, for a person to confirm.
    assert strengths["notitie-2.txt"] == ("weak", ["initial_surname", "surname"])
    assert strengths["overzicht.txt"] == ("weak", ["initial_surname", "surname"])
    # E-mail address in a table row and as a mail sender: strong.
    assert any(k.endswith("1") and v[0] == "strong" and "email" in v[1] for k, v in strengths.items())
    assert strengths["inbox-1.eml"][0] == "strong"
    # Someone else's files are not matched.
    assert "ander.txt" not in matches and "nota.txt" not in matches and "inbox-2.eml" not in matches
    assert len(sources) == 3 and summary["sources"] == 3
    assert summary["strong"] == 4 and summary["weak"] == 2
    assert {w["item_id"] for w in summary["weak_matches"]} == {
        matches["notitie-2.txt"].item_id,
        matches["overzicht.txt"].item_id,
    }
    # Every match and the request e-mail are held.
    with session_scope() as s:
        held = set(
            s.execute(
                select(Hold.item_id).where(Hold.inquiry_id == inquiry_id, Hold.lifted_at.is_(None))
            ).scalars()
        )
    assert {m.item_id for m in matches.values()} < held


def test_diacritics_do_not_matter(world: dict[str, str], tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "dossiers").mkdir()
    (extra / "dossiers" / "ayse.txt").write_text("Mevrouw Ayşe Öztürk, geboren 12 mei 1990, uit Utrecht.")
    pipeline.scan(str(extra))
    (Path(world["postbus"]) / "ayse.eml").write_bytes(
        request_email(
            datetime(2024, 3, 1, tzinfo=UTC), name="Ayse Ozturk", email="ayse@voorbeeld.nl"
        ).replace(DOB_WRITTEN.encode(), b"1990-05-12")
    )
    inquiry_id = pipeline.inquiry_intake()["registered"][0]
    pipeline.inquiry_search(inquiry_id)
    with session_scope() as s:
        matches = s.get(Inquiry, inquiry_id).matches
        assert [(m.item.key, m.strength) for m in matches] == [("dossiers/ayse.txt", "strong")]
        assert {"full_name", "date_of_birth"} <= set(matches[0].basis)


def test_weak_matches_need_a_person_before_the_explanation(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    summary = pipeline.inquiry_search(inquiry_id)
    weak = sorted(w["item_id"] for w in summary["weak_matches"])
    with pytest.raises(InquiryError, match="weak matches are not decided"):
        pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    with pytest.raises(InquiryError, match="not weak matches"):
        pipeline.inquiry_confirm(inquiry_id, [999999], decided_by="screened1")
    assert pipeline.inquiry_confirm(inquiry_id, [weak[0]], decided_by="screened1") == {
        "confirmed": 1,
        "rejected": 1,
    }
    with session_scope() as s:
        rejected = s.execute(select(InquiryMatch).where(InquiryMatch.item_id == weak[1])).scalar_one()
        assert rejected.status == "rejected" and rejected.decided_by == "screened1"
        # The rejected item is released; the confirmed one stays held.
        active = set(s.execute(select(Hold.item_id).where(Hold.lifted_at.is_(None))).scalars())
        assert weak[1] not in active and weak[0] in active
    pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    assert pipeline.inquiry_status(inquiry_id)["status"] == "explained"


def test_no_objection_releases_items_and_request_for_destruction(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    summary = pipeline.inquiry_search(inquiry_id)
    before = pipeline.destruction_dry_run()
    request_id = pipeline.inquiry_status(inquiry_id)["request_item_id"]
    planned_before = {i["item_id"] for i in before["items"]}
    notitie1 = _item_id("notitie-1.txt")
    assert notitie1 not in planned_before and request_id not in planned_before
    pipeline.inquiry_confirm(
        inquiry_id, [w["item_id"] for w in summary["weak_matches"]], decided_by="screened1"
    )
    with pytest.raises(InquiryError, match="no explanation"):
        pipeline.inquiry_objection(inquiry_id, objection=False, decided_by="screened1")
    pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    assert (
        pipeline.inquiry_objection(inquiry_id, objection=False, decided_by="screened1")["status"]
        == "no_objection"
    )
    after = {i["item_id"] for i in pipeline.destruction_dry_run()["items"]}
    # The person's unlawfully held items and their request e-mail now join destruction.
    assert notitie1 in after and request_id in after
    # Items that are not unlawfully held (the mail and table sources are no dossier) are not destroyed.
    assert _item_id("inbox-1.eml") not in after


def test_objection_keeps_the_holds_with_the_reason(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    summary = pipeline.inquiry_search(inquiry_id)
    pipeline.inquiry_confirm(inquiry_id, [], decided_by="screened1")
    pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    with pytest.raises(InquiryError, match="needs a reason"):
        pipeline.inquiry_objection(inquiry_id, objection=True, decided_by="screened1")
    pipeline.inquiry_objection(
        inquiry_id, objection=True, decided_by="screened1", reason="procedure aanhangig"
    )
    dry = pipeline.destruction_dry_run()
    planned = {i["item_id"] for i in dry["items"]}
    notitie1 = _item_id("notitie-1.txt")
    assert notitie1 not in planned
    assert any(e["item_id"] == notitie1 and "hold" in e["reason"] for e in dry["excluded"])
    with session_scope() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry.status == "objection" and inquiry.objection_reason == "procedure aanhangig"
    assert summary["strong"] >= 1


def test_late_request_waits_for_a_person(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 4, 2, tzinfo=UTC))["registered"][0]
    with pytest.raises(InquiryError, match="cannot be explained"):
        pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    pipeline.inquiry_search(inquiry_id)
    declined = pipeline.inquiry_late_decision(inquiry_id, accept=False, decided_by="screened1")
    assert declined["status"] == "declined"
    with session_scope() as s:
        assert not s.execute(
            select(Hold).where(Hold.inquiry_id == inquiry_id, Hold.lifted_at.is_(None))
        ).first()


def test_deadline_alerts_and_extension(world: dict[str, str]) -> None:
    received = datetime(2024, 3, 10, 9, 0, tzinfo=UTC)
    inquiry_id = _intake(world, received)["registered"][0]
    status = pipeline.inquiry_status(inquiry_id)
    assert status["answer_due"] == "2024-04-10"
    assert pipeline.inquiry_deadlines(now=datetime(2024, 3, 20, tzinfo=UTC)) == []
    soon = pipeline.inquiry_deadlines(now=datetime(2024, 4, 5, tzinfo=UTC))
    assert soon == [{"inquiry_id": inquiry_id, "due": "2024-04-10", "days_left": 5, "overdue": False}]
    with pytest.raises(InquiryError):
        pipeline.inquiry_extend(inquiry_id, months=3, reason="complex", extended_by="screened1")
    assert pipeline.inquiry_extend(inquiry_id, months=2, reason="veel bronnen", extended_by="screened1") == {
        "inquiry_id": inquiry_id,
        "extended_until": "2024-06-10",
    }
    assert pipeline.inquiry_deadlines(now=datetime(2024, 4, 11, tzinfo=UTC)) == []
    overdue = pipeline.inquiry_deadlines(now=datetime(2024, 6, 11, tzinfo=UTC))
    assert overdue[0]["overdue"] and overdue[0]["days_left"] == -1
    # Once explained, the deadline is met and no longer alerts.
    pipeline.inquiry_search(inquiry_id)
    pipeline.inquiry_confirm(inquiry_id, [], decided_by="screened1")
    pipeline.inquiry_explained(
        inquiry_id, explained_by="screened1", explained_at=received + timedelta(days=20)
    )
    assert pipeline.inquiry_deadlines(now=datetime(2024, 6, 11, tzinfo=UTC)) == []


def test_audit_events_carry_no_personal_data(world: dict[str, str]) -> None:
    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    pipeline.inquiry_search(inquiry_id)
    pipeline.inquiry_confirm(inquiry_id, [], decided_by="screened1")
    pipeline.inquiry_explained(inquiry_id, explained_by="screened1")
    pipeline.inquiry_objection(inquiry_id, objection=False, decided_by="screened1")
    with session_scope() as s:
        events = (
            s.execute(select(AuditEvent).where(AuditEvent.subject == f"inquiry:{inquiry_id}")).scalars().all()
        )
        actions = [e.action for e in events]
        dump = repr([(e.details, e.subject) for e in s.execute(select(AuditEvent)).scalars()])
    assert actions == [
        "inquiry_registered",
        "inquiry_searched",
        "inquiry_matches_decided",
        "inquiry_explained",
        "inquiry_closed",
    ]
    for value in ("Amrani", "amrani", "1987", "voorbeeld.nl", "Utrecht", NAME):
        assert value not in dump
    assert pipeline.audit_verify()["ok"]


def test_fg_report_counts_inquiries_without_naming_them(world: dict[str, str]) -> None:
    import json

    inquiry_id = _intake(world, datetime(2024, 3, 10, tzinfo=UTC))["registered"][0]
    pipeline.inquiry_search(inquiry_id)
    paths = pipeline.fg_report()
    report = json.loads(Path(paths["json"]).read_text())
    # Received in 2024 and never answered: overdue today.
    assert report["inquiries"] == {
        "inquiries": 1,
        "by_status": {"open": 1},
        "late": 0,
        "items_on_inquiry_hold": 7,
        "answers_due_soon": 0,
        "answers_overdue": 1,
    }
    for path in paths.values():
        text = Path(path).read_text()
        assert inquiry_id not in text and NAME not in text and "Amrani" not in text
