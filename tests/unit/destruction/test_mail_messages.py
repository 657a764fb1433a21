"""A mail message and its attachments are classified and destroyed together."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from piigov import pipeline
from piigov.register import DestructionEntry, EntryStatus, Item, session_scope


def _export(root: Path) -> Path:
    folder = root / "postbus" / "dossiers" / "salafisme"
    folder.mkdir(parents=True)
    msg = EmailMessage()
    msg["Subject"] = "Doorgestuurd verslag"
    msg.set_content("Zie de bijlage.")
    msg.add_attachment(
        b"Verslag over mevrouw Fatima Bouzid, BSN 111222333.",
        maintype="text",
        subtype="plain",
        filename="verslag.txt",
    )
    (folder / "doorgestuurd.eml").write_bytes(bytes(msg))
    plain = EmailMessage()
    plain["Subject"] = "Agenda"
    plain.set_content("Overleg volgende week, geen bijzonderheden.")
    (folder / "agenda.eml").write_bytes(bytes(plain))
    return root / "postbus"


def test_a_message_goes_with_its_unlawful_attachment(piigov_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = _export(tmp_path)
    pipeline.scan(f"mail+file://{export}")
    counts = pipeline.classify()
    assert counts["unlawfully_held"] == 2  # the attachment, and the message that carries it
    plan = pipeline.destruction_plan("mail-run")
    assert plan["items"] == 2
    pipeline.destruction_decide(
        "mail-run", approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    result = pipeline.destruction_execute("mail-run")
    assert result["deleted"] == 2 and result["failed"] == 0
    assert result["this_attempt"] == {"deleted": 1, "deleted_with_message": 1}
    assert not (export / "dossiers/salafisme/doorgestuurd.eml").exists()
    assert (export / "dossiers/salafisme/agenda.eml").exists()
    assert pipeline.destruction_verify_after("mail-run")["success"]
    with session_scope() as s:
        methods = {e.item.key.rsplit("/", 1)[-1]: e.method for e in s.query(DestructionEntry).all()}
        assert methods["verslag.txt"].startswith("destroyed with its message")
        assert {e.status for e in s.query(DestructionEntry)} == {EntryStatus.DELETED}
        agenda = s.query(Item).filter(Item.key.like("%agenda.eml")).one()
        assert agenda.classification == "no_personal_data"


def test_a_held_attachment_keeps_its_message(piigov_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from piigov.holds import place_hold

    export = _export(tmp_path)
    pipeline.scan(f"mail+file://{export}")
    pipeline.classify()
    with session_scope() as s:
        attachment = s.query(Item).filter(Item.key.like("%/attachment/%")).one()
        place_hold(s, attachment.id, kind="inquiry", reason="inzageverzoek", placed_by="desk")
    plan = pipeline.destruction_plan("mail-run")
    assert plan["items"] == 0 and plan["excluded"] == 2
    assert (export / "dossiers/salafisme/doorgestuurd.eml").exists()
