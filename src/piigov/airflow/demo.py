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

    for leftover in ("demo", "reports", "register.sqlite", "register.sqlite-wal", "register.sqlite-shm"):
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
    states = [_state(r) for r in (scan_run, classify_run, destruction_run)]
    ok = all(s == "success" for s in states) and chain["ok"]
    print(json.dumps({"dag_runs": states, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
