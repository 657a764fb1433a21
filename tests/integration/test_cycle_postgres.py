"""The cycle's steps (without Airflow) with the register on the real PostgreSQL server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from piigov import pipeline

pytestmark = pytest.mark.integration


@pytest.fixture
def pg_home(tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    from piigov.settings import get_settings

    monkeypatch.setenv("PIIGOV_HOME", str(tmp_path))
    monkeypatch.setenv("PIIGOV_DB_URL", postgres_url)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_scan_classify_destroy_certify_on_postgres(pg_home: Path) -> None:
    from piigov.demo import generate_demo

    manifest = generate_demo(pg_home / "demo")
    summary = pipeline.scan(manifest.share_root)
    assert summary["items_total"] == len(manifest.files)
    counts = pipeline.classify()
    expected: dict[str, int] = {}
    for f in manifest.files:
        expected[f.expected_class] = expected.get(f.expected_class, 0) + 1
    assert counts == expected

    run_id = "pg-run-1"
    plan = pipeline.destruction_plan(run_id)
    assert plan["items"] == expected["unlawfully_held"]
    assert pipeline.destruction_verify_before(run_id)["success"]
    pipeline.destruction_decide(
        run_id, approved=True, decided_by="fg", decided_at=datetime.now(UTC), allowed=["fg"]
    )
    assert pipeline.destruction_execute(run_id)["deleted"] == plan["items"]
    assert pipeline.destruction_verify_after(run_id)["success"]
    cert = json.loads(Path(pipeline.destruction_certify(run_id, performer="test")["json"]).read_text())
    gone = {f.path for f in manifest.files if not (Path(manifest.share_root) / f.path).exists()}
    assert {i["location"] for i in cert["items"]} == gone
    assert gone == {f.path for f in manifest.files if f.expected_class == "unlawfully_held"}
    assert pipeline.audit_verify()["ok"]
