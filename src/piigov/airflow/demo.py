"""`make demo`: the whole cycle in Airflow over a generated legacy share, on embedded defaults.

Generates the demo share and Taskforce database, initialises Airflow's metadata DB (SQLite), and runs
piigov_scan, piigov_classify and piigov_destruction for real with `dag.test()`. The FG approval is
answered as user `fg` through Airflow's human-in-the-loop REST API (the route the UI uses), from a
background thread; the output says so. Each run starts from a fresh demo (share, register, reports).
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov.airflow import env

if TYPE_CHECKING:
    from pathlib import Path


def fresh_demo(home: Path) -> Any:
    from piigov.demo import generate_demo

    leftovers = (
        "demo",
        "reports",
        "inquiries",
        "register.sqlite",
        "register.sqlite-wal",
        "register.sqlite-shm",
    )
    for leftover in leftovers:
        path = home / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return generate_demo(home / "demo")


def reset_airflow_db() -> None:
    from airflow.utils.db import resetdb

    from piigov.airflow.pools import ensure_pools

    resetdb(skip_init=False)
    ensure_pools()


def get_dag(dag_id: str) -> Any:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(env.REPO_ROOT / "dags"), safe_mode=False)
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {sorted(bag.import_errors)}")
    return bag.get_dag(dag_id)


def api_client() -> Any:
    from airflow.api_fastapi.app import create_app
    from fastapi.testclient import TestClient

    return TestClient(create_app())


def run_destruction_with_approval(choice: str = "Approve", user: str = "fg") -> tuple[Any, Any]:
    """Run piigov_destruction; answer its approval as `user` through the HITL API."""
    from piigov.airflow.hitl_client import HitlResponder

    dag = get_dag("piigov_destruction")
    responder = HitlResponder(
        api_client(),
        dag_id="piigov_destruction",
        task_id="fg_approval",
        username=user,
        password=env.demo_password(user),
        chosen_options=[choice],
        not_before=datetime.now(UTC),
    )
    responder.start()
    dag_run = dag.test()
    responder.join(timeout=5)
    return dag_run, responder


def hitl_script(dag_id: str, steps: list[tuple[str, str, list[str], Any]]) -> Any:
    """Answers (task_id, user, options, params_input) steps of `dag_id` through the HITL REST API."""
    from piigov.airflow.hitl_client import HitlResponder, HitlScript

    client = api_client()
    now = datetime.now(UTC)
    return HitlScript(
        [
            HitlResponder(
                client,
                dag_id=dag_id,
                task_id=task_id,
                username=user,
                password=env.demo_password(user),
                chosen_options=options,
                params_input=params,
                not_before=now,
            )
            for task_id, user, options, params in steps
        ]
    )


def write_demo_request(manifest: Any, postbus: Path) -> None:
    """A request e-mail from a person named in the dossier (generated data) on 10 March 2024."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    for planted in manifest.files:
        names = [v.value for v in planted.planted if v.entity_type == "PERSON" and len(v.value.split()) >= 2]
        if planted.expected_class == "unlawfully_held" and names:
            name = names[0]
            break
    else:  # pragma: no cover - the generator always plants dossier persons
        raise RuntimeError("the demo has no person in the dossier")
    message = EmailMessage()
    message["From"] = f"{name} <verzoeker@voorbeeld.nl>"
    message["To"] = "postbus@minszw.nl"
    message["Subject"] = "Verzoek: heeft het ministerie gegevens over mij verwerkt?"
    message["Date"] = format_datetime(datetime(2024, 3, 10, 9, 30, tzinfo=UTC))
    message.set_content(f"Geachte heer, mevrouw,\n\nHeeft u gegevens over mij verwerkt?\n\nNaam: {name}\n")
    postbus.mkdir(parents=True, exist_ok=True)
    (postbus / "verzoek-001.eml").write_bytes(bytes(message))


def run_demo_inquiry(manifest: Any, home: Path) -> tuple[list[Any], dict[str, Any]]:
    """Intake from the demo postbus, then the inquiry with screened staff's answers (no objection)."""
    import os

    from piigov import pipeline

    postbus = home / "demo" / "postbus"
    os.environ["PIIGOV_POSTBUS"] = f"mail+file://{postbus}"
    write_demo_request(manifest, postbus)
    intake_run = get_dag("piigov_inquiry_intake").test()
    from sqlalchemy import select

    from piigov.register import session_scope
    from piigov.register.models import Inquiry

    with session_scope() as session:
        inquiry_id = session.execute(select(Inquiry.id).order_by(Inquiry.id.desc())).scalars().first()
    if inquiry_id is None:
        raise RuntimeError("the demo request was not registered; see the piigov_inquiry_intake output")

    def all_weak() -> dict[str, Any]:
        return {
            "confirmed_item_ids": [w["item_id"] for w in pipeline.inquiry_status(inquiry_id)["weak_matches"]]
        }

    script = hitl_script(
        "piigov_inquiry",
        [
            ("late_decision", "screened", ["Behandelen"], None),
            ("confirm_matches", "screened", ["OK"], all_weak),
            ("explanation_given", "screened", ["OK"], {"channel": "brief"}),
            ("objection", "screened", ["Geen bezwaar"], {"reason": "geen"}),
        ],
    )
    script.start()
    inquiry_run = get_dag("piigov_inquiry").test(run_conf={"inquiry_id": inquiry_id})
    status = pipeline.inquiry_status(inquiry_id)
    return [intake_run, inquiry_run], status


def _state(dag_run: Any) -> str:
    return str(getattr(dag_run.state, "value", dag_run.state))


def main() -> int:
    home = env.configure()
    manifest = fresh_demo(home)
    share = manifest.share_root
    print(f"demo share generated: {share} ({len(manifest.files)} files)")
    reset_airflow_db()

    scan_run = get_dag("piigov_scan").test(run_conf={"source": share})
    print(f"piigov_scan: {_state(scan_run)}")
    classify_run = get_dag("piigov_classify").test()
    print(f"piigov_classify: {_state(classify_run)}")
    print(
        "piigov_inquiry: a request e-mail arrives in the postbus; screened staff's steps (weak matches, "
        "explanation given, objection: no) are answered as user 'screened' through the same HITL REST API"
    )
    inquiry_runs, inquiry = run_demo_inquiry(manifest, home)
    print(
        f"piigov_inquiry_intake: {_state(inquiry_runs[0])}; piigov_inquiry {inquiry['inquiry_id']}: "
        f"{_state(inquiry_runs[1])} — {inquiry['strong']} strong and {inquiry['weak']} weak matches in "
        f"{inquiry['sources']} source(s), outcome {inquiry['status']}; the encrypted access report is in "
        f"{home / 'inquiries' / inquiry['inquiry_id']}"
    )
    print(
        "piigov_destruction: the FG approval is answered automatically as user 'fg' "
        "through Airflow's human-in-the-loop REST API (PATCH .../hitlDetails), as a person would in the UI"
    )
    destruction_run, responder = run_destruction_with_approval()
    print(f"piigov_destruction: {_state(destruction_run)} (approval answer HTTP {responder.status_code})")

    from piigov import pipeline

    reports = home / "reports"
    certificates = sorted(reports.glob("certificate-*.html"))
    chain = pipeline.audit_verify()
    print()
    print(f"FG report:    {reports / 'fg-report.html'}")
    print(f"certificate:  {certificates[-1] if certificates else '(none)'}")
    print(
        f"audit log:    table audit_events in {pipeline.get_settings().db_url} "
        f"({chain['events']} events, chain {'intact' if chain['ok'] else 'BROKEN'}); "
        f"check with: uv run piigov audit verify"
    )
    print(f"data docs:    {reports / 'data_docs'}")
    states = [_state(r) for r in (scan_run, classify_run, *inquiry_runs, destruction_run)]
    ok = all(s == "success" for s in states) and chain["ok"]
    print(json.dumps({"dag_runs": states, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
