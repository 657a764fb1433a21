"""
### piigov_scan — find personal data in a source

Lists every item of the source into the register (one listing), then reads, extracts and detects
personal data batch by batch (dynamic task mapping, in the source's Airflow pool), and summarises.
Findings are stored as entity type, offsets, score and a keyed hash; never the value. An unchanged item
(same fingerprint, same detector) is not read again; use `full_rescan` to force it. Every listed item
ends in one state: scanned, unreadable (with reason), skipped, over the size limit — or removed.

Params: either `source` (a folder path, `s3://bucket/prefix`, `smb://user@host:port/share/path`,
`mail+file:///export` or a SQLAlchemy URL with `#table`), or `conn_id` (an Airflow connection) with
`location` (path, bucket/prefix, share/path or table). No secrets in params: they live in the connection.

`piigov_scan` is the general DAG (pool `piigov_scan`); every source in `conf/sources.yaml` also gets its
own `piigov_scan__<name>` with pool `piigov_source_<name>` and its schedule.
Emits the asset `piigov://register/findings`, which schedules `piigov_classify`.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import Asset, Param, dag, task

from piigov.airflow.pools import DEFAULT_POOL, configured_sources

REGISTER_FINDINGS = Asset("piigov://register/findings")


def build_scan_dag(
    dag_id: str, pool: str, *, conn_id: str | None, location: str | None, schedule: str | None
):  # type: ignore[no-untyped-def]
    @dag(
        dag_id=dag_id,
        schedule=schedule,
        start_date=datetime(2024, 1, 1),
        catchup=False,
        max_active_runs=1,
        doc_md=__doc__,
        tags=["piigov", "scan"],
        default_args={
            "owner": "data-engineering",
            "retries": 3,
            "retry_delay": timedelta(seconds=30),
            "retry_exponential_backoff": True,
            "max_retry_delay": timedelta(minutes=10),
        },
        params={
            "source": Param(
                os.environ.get("PIIGOV_DEFAULT_SOURCE") if conn_id is None else None,
                type=["null", "string"],
                description="A path or URI (leave empty when using conn_id + location).",
            ),
            "conn_id": Param(
                conn_id, type=["null", "string"], description="Airflow connection of the source."
            ),
            "location": Param(
                location, type=["null", "string"], description="Path, bucket/prefix, share/path or table."
            ),
            "full_rescan": Param(False, type="boolean", description="Read unchanged items again."),
            "batch_size": Param(
                50, type="integer", minimum=1, maximum=1000, description="Items per mapped task."
            ),
        },
    )
    def scan_dag():
        @task(pool=pool)
        def list_source(params: dict, run_id: str):
            from piigov import pipeline
            from piigov.airflow.sources import source_uri

            uri = source_uri(params.get("conn_id"), params.get("location"), params.get("source"))
            plan = pipeline.scan_plan(
                uri,
                conn_id=params.get("conn_id"),
                full=params["full_rescan"],
                batch_size=params["batch_size"],
                external_run_id=run_id,
            )
            return {
                "scan_run_id": plan["scan_run_id"],
                "source": plan["source"],
                "batches": [{"source": plan["source"], "item_ids": b} for b in plan["batches"]],
            }

        @task
        def batches_of(plan: dict):
            return plan["batches"]

        @task(pool=pool, map_index_template="{{ batch_label }}")
        def scan_batch(batch: dict):
            from airflow.sdk import get_current_context

            from piigov import pipeline
            from piigov.airflow import hmac_key

            ids = batch["item_ids"]
            get_current_context()["batch_label"] = f"items {ids[0]}..{ids[-1]} ({len(ids)})"
            return pipeline.scan_batch(batch["source"], ids, hmac_key())

        @task(outlets=[REGISTER_FINDINGS], trigger_rule="all_done")
        def summarise(plan: dict, results: list):
            from piigov import pipeline

            summary = pipeline.scan_finish(plan["scan_run_id"])
            if len(list(results)) != len(plan["batches"]):
                raise RuntimeError("not every batch finished; the summary counts what was scanned")
            return summary

        plan = list_source()
        results = scan_batch.expand(batch=batches_of(plan))
        summarise(plan, results)

    return scan_dag()


scan_dag = build_scan_dag("piigov_scan", DEFAULT_POOL, conn_id=None, location=None, schedule=None)
for _source in configured_sources():
    globals()[f"scan_dag__{_source.name}"] = build_scan_dag(
        f"piigov_scan__{_source.name}",
        _source.pool,
        conn_id=_source.conn_id,
        location=_source.location,
        schedule=_source.schedule,
    )

if __name__ == "__main__":
    scan_dag.test(run_conf={"source": os.environ.get("PIIGOV_DEFAULT_SOURCE", ".piigov/demo/share")})
