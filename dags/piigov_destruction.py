"""
### piigov_destruction — verified destruction with the FG's approval

1. **plan** — the destruction list: items classified `unlawfully_held` under the current policy, free of
   holds, unchanged since classification, each with its method (delete, or redact for records kept under
   the Archives Act, or a person). Written as a dry-run list for the FG.
2. **checkpoint_before** — Great Expectations: every listed item in scope, no hold, content unchanged,
   the inquiry window closed per the policy dates.
3. **fg_approval** — the FG approves or rejects (Browse → Required Actions), with links to the dry-run list
   and the before-checkpoint's Data Docs.
4. **destroy** — records the approval, re-runs the before-checkpoint (holds may have been placed while
   the FG decided), then deletes or redacts item by item with a journal; a re-run continues, never repeats.
5. **checkpoint_after** — deleted items absent from every listing (every S3 version and delete marker),
   redacted items re-read with zero findings, counts reconciling with the approved list.
6. **certificate** — the *verklaring van vernietiging*, JSON, HTML and PDF, chained into the audit log.
7. **finalize** — records a rejection, and fails the run when destruction did not complete.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Param, dag, task
from airflow.sdk.exceptions import AirflowSkipException

from piigov.airflow import fg_users
from piigov.airflow.operators import FgApprovalOperator

APPROVAL_BODY = """
**Destruction run** `{{ run_id }}` — please review before approving.

- Items to destroy: **{{ ti.xcom_pull(task_ids='plan')['items'] }}**
  ({{ ti.xcom_pull(task_ids='plan')['bytes'] }} bytes), of which with special-category data (GDPR art. 9):
  **{{ ti.xcom_pull(task_ids='plan')['special_category_items'] }}**
- Per source: {{ ti.xcom_pull(task_ids='plan')['by_source'] }}
- Per category: {{ ti.xcom_pull(task_ids='plan')['by_category'] }}
- Left out (holds, changes, older policy): {{ ti.xcom_pull(task_ids='plan')['excluded'] }}
- Per method (delete; redact: kept under the Archives Act; person: kept, a person must redact it):
  {{ ti.xcom_pull(task_ids='plan')['by_method'] }}
- Before-checkpoint: {{ 'passed' if ti.xcom_pull(task_ids='checkpoint_before')['success'] else 'FAILED' }}
  — [Data Docs of the before-checkpoint]({{ ti.xcom_pull(task_ids='checkpoint_before')['data_docs_url'] }})
  (`{{ ti.xcom_pull(task_ids='checkpoint_before')['data_docs'] }}`)
- [Dry-run list]({{ ti.xcom_pull(task_ids='plan')['dry_run_list_url'] }}): every item with its
  masked location, content hash, size, categories and method
  (`{{ ti.xcom_pull(task_ids='plan')['dry_run_list'] }}`); all reports: [piigov reports](/piigov/)

Approve to destroy or redact exactly these items; reject to stop the run (the rejection is recorded).
"""


@dag(
    dag_id="piigov_destruction",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["piigov", "destruction", "fg"],
    default_args={"owner": "data-engineering", "retries": 1, "retry_delay": timedelta(seconds=30)},
    params={
        "sources": Param([], type="array", description="Only these source URIs (default: every source)."),
    },
)
def piigov_destruction():
    @task
    def plan(params: dict, run_id: str):
        from piigov import pipeline
        from piigov.destruction.redaction import methods_in_list

        summary = pipeline.destruction_plan(run_id, params.get("sources") or None, actor="airflow")
        if summary["items"] == 0:
            raise AirflowSkipException("nothing to destroy")
        return summary | {"by_method": methods_in_list(summary["dry_run_list"])}

    @task
    def checkpoint_before(run_id: str):
        from piigov import pipeline

        return pipeline.destruction_verify_before(run_id)

    approval = FgApprovalOperator(
        task_id="fg_approval",
        subject="piigov: approve destruction of {{ ti.xcom_pull(task_ids='plan')['items'] }} items",
        body=APPROVAL_BODY,
        approvers=fg_users(),
        response_timeout=timedelta(days=14),
        retries=0,
    )

    @task
    def destroy(run_id: str):
        from piigov import pipeline

        # The approval task recorded the FG's decision; deletion refuses a run that is not approved.
        # Holds may have been placed while the FG decided: check everything again first.
        pipeline.destruction_verify_before(run_id)
        return pipeline.destruction_execute(run_id, actor="airflow")

    @task
    def checkpoint_after(run_id: str):
        from piigov import pipeline

        return pipeline.destruction_verify_after(run_id)

    @task
    def certificate(run_id: str):
        from piigov import pipeline

        return pipeline.destruction_certify(run_id, performer="airflow:piigov_destruction")

    @task(trigger_rule="all_done")
    def finalize(run_id: str):
        from piigov import pipeline

        status = pipeline.destruction_status(run_id)
        nothing_to_do = status["status"] == "planned" and status["items"] == 0
        if not nothing_to_do and status["status"] not in ("certified", "rejected"):
            raise RuntimeError(
                f"destruction run ended as {status['status']!r}; see the task logs and register"
            )
        return status

    planned = plan()
    before = checkpoint_before()
    destroyed = destroy()
    planned >> before >> approval >> destroyed
    done = certificate()
    destroyed >> checkpoint_after() >> done
    done >> finalize()


destruction_dag = piigov_destruction()

if __name__ == "__main__":
    destruction_dag.test()
