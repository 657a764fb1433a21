"""The end-to-end scenario, run as its own process so every byte it prints can be checked for leaks.

Usage: python cycle_scenario.py HOME — prints one JSON line with the outcome last.
Scan → classify → a destruction the FG rejects → a legal hold on one in-scope item and an edit to
another → a destruction the FG approves.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def _files(share: Path) -> list[str]:
    return sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())


def _state(run) -> str:  # type: ignore[no-untyped-def]
    return str(getattr(run.state, "value", run.state))


def main(home: Path) -> dict:
    os.environ["PIIGOV_HOME"] = str(home)
    os.environ["PIIGOV_DB_URL"] = f"sqlite:///{home / 'register.sqlite'}"
    from piigov.airflow import env

    env.configure(home)
    from piigov.airflow import demo
    from piigov.demo import generate_demo
    from piigov.holds import place_hold
    from piigov.register import Item, session_scope

    manifest = generate_demo(home / "demo")
    share = Path(manifest.share_root)
    out: dict = {"before": _files(share), "runs": {}}
    demo.reset_airflow_db()
    runs = out["runs"]
    runs["scan"] = _state(demo.get_dag("piigov_scan").test(run_conf={"source": str(share)}))
    runs["classify"] = _state(demo.get_dag("piigov_classify").test())
    run, responder = demo.run_destruction_with_approval("Reject")
    runs["rejected"] = _state(run)
    out["rejected_http"] = responder.status_code
    out["after_reject"] = _files(share)

    unlawful = sorted(f.path for f in manifest.files if f.expected_class == "unlawfully_held")
    out["held_key"], out["edited_key"] = unlawful[0], unlawful[1]
    with session_scope() as session:
        held_item = session.query(Item).filter_by(key=out["held_key"]).one()
        place_hold(session, held_item.id, kind="legal", reason="WOB-verzoek loopt", placed_by="jurist")
    with (share / out["edited_key"]).open("ab") as fh:
        fh.write(b"\n")

    run, responder = demo.run_destruction_with_approval("Approve")
    runs["approved"] = _state(run)
    out["approved_http"] = responder.status_code
    out["responder_error"] = responder.error
    out["after"] = _files(share)

    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    with create_session() as session:
        out["xcom"] = [str(x.value) for x in session.query(XComModel).all()]
    return out


if __name__ == "__main__":
    result = main(Path(sys.argv[1]))
    print(json.dumps(result))
