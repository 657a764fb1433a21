"""The FG's approval form links the dry-run list and the before-checkpoint's Data Docs, with counts per method."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import jinja2

DAG_FILE = Path(__file__).resolve().parents[3] / "dags" / "piigov_destruction.py"


class _TaskInstance:
    def __init__(self, xcom: dict[str, dict]) -> None:
        self.xcom = xcom

    def xcom_pull(self, task_ids: str) -> dict:
        return self.xcom[task_ids]


def test_the_approval_body_links_the_list_and_the_data_docs() -> None:
    spec = importlib.util.spec_from_file_location("piigov_destruction_dag", DAG_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    ti = _TaskInstance(
        {
            "plan": {
                "items": 3,
                "bytes": 120,
                "special_category_items": 1,
                "by_source": {"file:///share": 3},
                "by_category": {"PERSON": 3},
                "by_method": {"delete": 2, "redact": 1},
                "excluded": 0,
                "dry_run_list": "/reports/destruction-list-run.json",
                "dry_run_list_url": "/piigov/files/destruction-list-run.json",
            },
            "checkpoint_before": {
                "success": True,
                "data_docs": "/reports/data_docs/run/index.html",
                "data_docs_url": "/piigov/files/data_docs/run/index.html",
            },
        }
    )
    body = jinja2.Template(module.APPROVAL_BODY).render(ti=ti, run_id="run")
    # Links open in the Airflow UI through the piigov_reports plugin, behind Airflow's login.
    assert "[Dry-run list](/piigov/files/destruction-list-run.json)" in body
    assert "(/piigov/files/data_docs/run/index.html)" in body
    assert "{'delete': 2, 'redact': 1}" in body and "passed" in body
