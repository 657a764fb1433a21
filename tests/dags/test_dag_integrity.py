"""Every DAG imports without errors, parses fast, and carries tags, an owner and retries."""

from __future__ import annotations

import time

import pytest

from piigov.airflow import env

EXPECTED = {"piigov_scan", "piigov_classify", "piigov_destruction"}


@pytest.fixture(scope="module")
def dagbag(airflow_db):  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    started = time.perf_counter()
    bag = DagBag(dag_folder=str(env.REPO_ROOT / "dags"), safe_mode=False)
    bag.parse_seconds = time.perf_counter() - started
    return bag


def test_no_import_errors(dagbag) -> None:  # type: ignore[no-untyped-def]
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) >= EXPECTED


@pytest.mark.parametrize("dag_id", sorted(EXPECTED))
def test_dag_has_tags_owner_retries_and_docs(dagbag, dag_id: str) -> None:  # type: ignore[no-untyped-def]
    dag = dagbag.get_dag(dag_id)
    assert "piigov" in dag.tags
    assert dag.doc_md and dag_id in dag.doc_md
    for task in dag.tasks:
        assert task.owner not in (None, "", "airflow"), task.task_id
        if task.task_id != "fg_approval":  # a human answer is not retried
            assert task.retries >= 1, task.task_id


def test_heavy_libraries_are_not_imported_at_parse_time() -> None:
    # boto3 is not in the list: the Amazon provider's asset URI handlers import it whenever any Asset is
    # defined, whatever our DAG files do.
    import subprocess
    import sys

    code = (
        "import sys, runpy; runpy.run_path(sys.argv[1]); "
        "heavy = [m for m in ('presidio_analyzer', 'spacy', 'great_expectations', 'pandas', 'docx', 'openpyxl', 'pypdf') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    for dag_file in sorted((env.REPO_ROOT / "dags").glob("piigov_*.py")):
        out = subprocess.run(
            [sys.executable, "-c", code, str(dag_file)], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip().splitlines()[-1:] in ([], [""]), f"{dag_file.name} imports {out.stdout}"


def test_destruction_approval_is_assigned_to_the_fg(dagbag) -> None:  # type: ignore[no-untyped-def]
    approval = dagbag.get_dag("piigov_destruction").get_task("fg_approval")
    assert [u["id"] for u in approval.assigned_users] == ["fg"]


def test_each_configured_source_gets_its_own_dag_and_pool(airflow_db, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from airflow.dag_processing.dagbag import DagBag

    from piigov.airflow.pools import ensure_pools

    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n"
        "  - {name: taskforce_share, conn_id: smb_taskforce, location: taskforce/archief, pool_slots: 2}\n"
        "  - {name: objectstore, conn_id: aws_onprem, location: dossiers/salafisme, schedule: '@weekly'}\n"
    )
    monkeypatch.setenv("PIIGOV_SOURCES", str(sources))
    bag = DagBag(dag_folder=str(env.REPO_ROOT / "dags" / "piigov_scan.py"), safe_mode=False)
    assert bag.import_errors == {}
    share_dag = bag.get_dag("piigov_scan__taskforce_share")
    assert share_dag.params["conn_id"] == "smb_taskforce"
    assert {t.pool for t in share_dag.tasks if t.task_id in ("list_source", "scan_batch")} == {
        "piigov_source_taskforce_share"
    }
    assert bag.get_dag("piigov_scan__objectstore") is not None
    assert ensure_pools(sources)["piigov_source_taskforce_share"] == 2


def test_a_bad_sources_file_fails_at_parse_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from piigov.airflow.pools import SourcesConfigError, configured_sources

    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - {name: 'Bad Name', conn_id: x, location: y}\n")
    with pytest.raises(SourcesConfigError, match="must match"):
        configured_sources(bad)
