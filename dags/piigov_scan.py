"""
### piigov_scan — find personal data in a source

Lists every item of the source into the register (one listing), then reads, extracts and detects
personal data batch by batch (dynamic task mapping), and summarises. Findings are stored as entity
type, offsets, score and a keyed hash; never the value. An unchanged item (same fingerprint, same
detector) is not read again; use `full_rescan` to force it.

Params: `source` (a folder path now), `full_rescan`, `batch_size`.
Emits the asset `piigov://register/findings`, which schedules `piigov_classify`.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from airflow.sdk import Asset, Param, dag, task

REGISTER_FINDINGS = Asset("piigov://register/findings")


@dag(
    dag_id="piigov_scan",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["piigov", "scan"],
    default_args={
        "owner": "data-engineering",
        "retries": 2,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": True,
    },
    params={
        "source": Param(
            os.environ.get("PIIGOV_DEFAULT_SOURCE", ""),
            type="string",
            minLength=1,
            description="The source to scan: a folder path.",
        ),
        "full_rescan": Param(False, type="boolean", description="Read unchanged items again."),
        "batch_size": Param(
            50, type="integer", minimum=1, maximum=1000, description="Items per mapped task."
        ),
    },
)
def piigov_scan():
    @task
    def list_source(params: dict, run_id: str):
        from piigov import pipeline

        plan = pipeline.scan_plan(
            params["source"],
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

    @task(map_index_template="{{ task.op_kwargs['batch']['item_ids'][0] }}")
    def scan_batch(batch: dict):
        from piigov import pipeline
        from piigov.airflow import hmac_key

        return pipeline.scan_batch(batch["source"], batch["item_ids"], hmac_key())

    @task(outlets=[REGISTER_FINDINGS], trigger_rule="all_done")
    def summarise(plan: dict, results: list[dict]):
        from piigov import pipeline

        summary = pipeline.scan_finish(plan["scan_run_id"])
        if len(list(results)) != len(plan["batches"]):
            raise RuntimeError("not every batch finished; the summary above counts what was scanned")
        return summary

    plan = list_source()
    results = scan_batch.expand(batch=batches_of(plan))
    summarise(plan, results)


scan_dag = piigov_scan()

if __name__ == "__main__":
    scan_dag.test(run_conf={"source": os.environ.get("PIIGOV_DEFAULT_SOURCE", ".piigov/demo/share")})
