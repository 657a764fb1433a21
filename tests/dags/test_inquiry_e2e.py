"""The inquiry window end to end with dag.test(): intake, search, human steps through the HITL API,
a legal hold, the no-objection path into destruction, an objection, a late request, deadline alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from inquiry_world import NAME, build_world, request_email

pytestmark = [pytest.mark.e2e]


def _state(run) -> str:  # type: ignore[no-untyped-def]
    return str(getattr(run.state, "value", run.state))


def _task_states(run) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from airflow.models.taskinstance import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        rows = session.query(TaskInstance).filter_by(dag_id=run.dag_id, run_id=run.run_id).all()
        return {
            ti.task_id: str(getattr(ti.state, "value", ti.state)) for ti in rows if ti.map_index in (-1, 0)
        }


def _xcom(run, task_id: str):  # type: ignore[no-untyped-def]
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        row = (
            session.query(XComModel)
            .filter_by(dag_id=run.dag_id, run_id=run.run_id, task_id=task_id, key="return_value")
            .first()
        )
        if row is None:
            return None
        return row.value if not isinstance(row.value, str) else json.loads(row.value)


def _airflow_records() -> str:
    """Every XCom value and human-in-the-loop record in Airflow's metadata DB, as one string."""
    from airflow.models.hitl import HITLDetail
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        values = [repr(row.value) for row in session.query(XComModel).all()]
        values += [
            repr((h.subject, h.body, h.params, h.params_input)) for h in session.query(HITLDetail).all()
        ]
    return "\n".join(values)


def _run_inquiry(inquiry_id: str, steps: list[tuple]) -> tuple:  # type: ignore[type-arg]
    """Run piigov_inquiry; answer (task_id, user, options, params) steps through the HITL REST API."""
    from piigov.airflow import demo

    script = demo.hitl_script("piigov_inquiry", steps)
    script.start()
    run = demo.get_dag("piigov_inquiry").test(run_conf={"inquiry_id": inquiry_id})
    script.join(timeout=10)
    return run, script


def _weak_ids(inquiry_id: str) -> dict:
    from piigov import pipeline

    return {"confirmed_item_ids": [w["item_id"] for w in pipeline.inquiry_status(inquiry_id)["weak_matches"]]}


@pytest.fixture
def world(piigov_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, airflow_db) -> dict[str, str]:  # type: ignore[no-untyped-def]
    postbus = tmp_path / "postbus"
    postbus.mkdir()
    monkeypatch.setenv("PIIGOV_POSTBUS", f"mail+file://{postbus}")
    uris = build_world(tmp_path)
    uris["postbus"] = str(postbus)
    return uris


def test_no_objection_path_destroys_the_persons_data_and_request_but_not_a_legally_held_item(
    world: dict[str, str], capfd: pytest.CaptureFixture[str]
) -> None:
    from piigov import pipeline
    from piigov.airflow import demo
    from piigov.register import Item, session_scope
    from piigov.register.models import Inquiry

    (Path(world["postbus"]) / "verzoek.eml").write_bytes(request_email(datetime(2024, 3, 10, tzinfo=UTC)))
    intake = demo.get_dag("piigov_inquiry_intake").test()
    assert _state(intake) == "success"
    registered = _xcom(intake, "intake")["registered"]
    assert len(registered) == 1
    inquiry_id = registered[0]

    # The answer deadline (a month after 10 March 2024) has long passed: the daily check alerts.
    deadlines = demo.get_dag("piigov_inquiry_deadlines").test()
    assert _state(deadlines) == "failed"

    run, script = _run_inquiry(
        inquiry_id,
        [
            # The FG is not screened staff: Airflow refuses the answer (403) before anyone else answers.
            ("confirm_matches", "fg", ["OK"], {"confirmed_item_ids": []}),
            ("confirm_matches", "screened", ["OK"], lambda: _weak_ids(inquiry_id)),
            ("explanation_given", "screened", ["OK"], {"channel": "brief"}),
            ("objection", "screened", ["Geen bezwaar"], {"reason": "geen"}),
        ],
    )
    assert _state(run) == "success", script.answers
    assert [a[1] for a in script.answers] == [403, 200, 200, 200]
    states = _task_states(run)
    assert states["join_destruction"] == "success" and states["keep_hold"] == "skipped"
    assert states["late_decision"] == "skipped"
    search = _xcom(run, "search")
    assert search["sources"] == 3 and search["strong"] == 4 and search["weak"] == 2
    with session_scope() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry.status == "no_objection" and inquiry.explained_by == "screened"
        assert inquiry.explanation_channel == "brief" and inquiry.decided_by == "screened"
        request_key = s.get(Item, inquiry.request_item_id).key
        legal = s.execute(select(Item.id).where(Item.key == "taskforce/verslag.txt")).scalar_one()

    # A legal hold (through the hold DAG) keeps one of the person's items from destruction.
    hold = demo.get_dag("piigov_hold").test(
        run_conf={"action": "place", "item_id": legal, "reason": "WOO-verzoek 2024-17 loopt"}
    )
    assert _state(hold) == "success"
    destruction, responder = demo.run_destruction_with_approval()
    assert _state(destruction) == "success", responder.error
    from piigov.register import DestructionRun

    with session_scope() as s:
        excluded = s.get(DestructionRun, destruction.run_id).excluded
    assert any(e["item_id"] == legal and "hold" in e["reason"] for e in excluded)
    share = Path(world["share"])
    assert not (share / "dossiers/salafisme/notitie-1.txt").exists()
    assert not (share / "dossiers/salafisme/notitie-2.txt").exists()
    assert (share / "taskforce/verslag.txt").exists()  # legally held
    assert (share / "beleid/nota.txt").exists()  # no personal data
    # The request e-mail is gone from the postbus, and the certificate lists it.
    assert not (Path(world["postbus"]) / request_key).exists()
    certificate = json.loads(
        sorted(pipeline.get_settings().reports_dir.glob("certificate-*.json"))[-1].read_text()
    )
    listed = {i["item_id"] for i in certificate["items"]}
    window = certificate["inquiry_window"]
    assert window["outcome"] == {"inquiries": 1, "by_status": {"no_objection": 1}, "late": 0}
    assert window["no_open_inquiry_at_verification"] is True
    with session_scope() as s:
        request_item = s.get(Inquiry, inquiry_id).request_item_id
    assert request_item in listed and legal not in listed
    # No value of the requester in the console output of any task, in any XCom or in the HITL records.
    out = capfd.readouterr()
    stored = _airflow_records()
    for value in (NAME, "Amrani", "amrani", "voorbeeld.nl", "03-03-1987", "3 maart 1987"):
        assert value not in out.out + out.err, value
        assert value not in stored, value


def test_late_request_handled_then_objection_keeps_the_holds(world: dict[str, str]) -> None:
    from piigov import pipeline
    from piigov.register import Hold, session_scope
    from piigov.register.models import Inquiry

    (Path(world["postbus"]) / "laat.eml").write_bytes(request_email(datetime(2024, 4, 20, tzinfo=UTC)))
    inquiry_id = pipeline.inquiry_intake()["late"][0]
    run, script = _run_inquiry(
        inquiry_id,
        [
            ("late_decision", "screened", ["Behandelen"], None),
            ("confirm_matches", "screened", ["OK"], {"confirmed_item_ids": []}),
            ("explanation_given", "screened", ["OK"], {"channel": "telefoon"}),
            ("objection", "screened", ["Bezwaar"], {"reason": "procedure aanhangig"}),
        ],
    )
    assert _state(run) == "success", script.answers
    states = _task_states(run)
    assert states["keep_hold"] == "success" and states["join_destruction"] == "skipped"
    with session_scope() as s:
        inquiry = s.get(Inquiry, inquiry_id)
        assert inquiry.late and inquiry.status == "objection"
        assert inquiry.objection_reason == "procedure aanhangig"
        active = (
            s.execute(select(Hold).where(Hold.inquiry_id == inquiry_id, Hold.lifted_at.is_(None)))
            .scalars()
            .all()
        )
    # The strong matches and the request e-mail stay held; destruction leaves them out.
    assert len(active) >= 5
    planned = {i["item_id"] for i in pipeline.destruction_dry_run()["items"]}
    assert not planned & {h.item_id for h in active}


def test_entry_form_registers_a_request_as_an_email_in_the_postbus(world: dict[str, str]) -> None:
    from piigov.airflow import demo

    run = demo.get_dag("piigov_inquiry_entry").test(
        run_conf={
            "name": "Ayşe Öztürk",
            "date_of_birth": "12-05-1990",
            "place": "Utrecht",
            "email": "",
            "phone": "",
            "bsn": "",
        }
    )
    assert _state(run) == "success"
    confs = _xcom(run, "enter")
    assert len(confs) == 1 and confs[0]["inquiry_id"].startswith("INQ-")
    written = list((Path(world["postbus"]) / "form").glob("*.eml"))
    assert len(written) == 1 and b"X-Piigov-Channel: form" in written[0].read_bytes()
