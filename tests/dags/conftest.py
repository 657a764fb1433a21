"""DAG tests run real DAGs with dag.test() against a SQLite Airflow metadata DB made once per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def airflow_db() -> None:
    from airflow.utils.db import resetdb

    from piigov.airflow.pools import ensure_pools

    resetdb(skip_init=False)
    ensure_pools()
