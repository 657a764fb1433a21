"""
### piigov_inquiry_intake — read the postbus and open an inquiry per new request

Scans the postbus (PIIGOV_POSTBUS: a folder or S3 prefix of `.eml` files, or the `postbus` param) like
any source, so each request e-mail is a register item that is held and, at the end, destroyed. Every
new message becomes an inquiry (`INQ-yyyy-nnnn`); one received after the inquiry deadline is marked late.
Each new inquiry starts a `piigov_inquiry` run. XCom holds inquiry ids and counts only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import Param, dag, task


@dag(
    dag_id="piigov_inquiry_intake",
    schedule="@hourly",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["piigov", "inquiry", "confidential"],
    default_args={"owner": "inquiries", "retries": 2, "retry_delay": timedelta(minutes=1)},
    params={
        "postbus": Param("", type="string", description="Postbus URI (default: PIIGOV_POSTBUS)"),
        "conn_id": Param("", type="string", description="Airflow connection of the postbus, if any"),
    },
)
def piigov_inquiry_intake():
    @task
    def intake(params: dict):
        from piigov import pipeline

        result = pipeline.inquiry_intake(
            params.get("postbus") or None, conn_id=params.get("conn_id") or None, actor="airflow"
        )
        if result["failed"]:
            # Listed for staff; the others are registered anyway.
            print(
                f"requests that could not be registered (item ids): {[f['item_id'] for f in result['failed']]}"
            )
        return result

    @task
    def inquiry_confs(result: dict) -> list[dict]:
        return [{"inquiry_id": i} for i in result["registered"]]

    TriggerDagRunOperator.partial(task_id="start_inquiry", trigger_dag_id="piigov_inquiry").expand(
        conf=inquiry_confs(intake())
    )


piigov_inquiry_intake()
