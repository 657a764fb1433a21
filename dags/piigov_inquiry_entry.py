"""
### piigov_inquiry_entry — screened staff enter a request received by letter or phone

Trigger with the form. The request is written into the postbus as an e-mail, so it is registered,
held and destroyed exactly like one that arrived by mail, and a `piigov_inquiry` run starts.

*Confidential:* the form's values are part of this run's configuration in Airflow's metadata database.
Only screened staff may use this DAG (decision record 0006); the values are never logged or put in XCom.
"""

from __future__ import annotations

from datetime import datetime

from airflow.providers.standard.operators.trigger_dagrun import TriggerDagRunOperator
from airflow.sdk import Param, dag, task


@dag(
    dag_id="piigov_inquiry_entry",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    doc_md=__doc__,
    tags=["piigov", "inquiry", "confidential"],
    default_args={"owner": "inquiries", "retries": 0},
    params={
        "name": Param(
            "", type="string", minLength=2, title="Naam", description="Full name as the person writes it"
        ),
        "date_of_birth": Param("", type="string", title="Geboortedatum", description="e.g. 03-03-1987"),
        "place": Param("", type="string", title="Woonplaats"),
        "email": Param("", type="string", title="E-mail"),
        "phone": Param("", type="string", title="Telefoon"),
        "bsn": Param("", type="string", title="BSN (optioneel)"),
    },
)
def piigov_inquiry_entry():
    @task
    def enter(params: dict, dag_run=None):  # type: ignore[no-untyped-def]
        from piigov import pipeline

        entered_by = getattr(dag_run, "triggering_user_name", None) or "airflow"
        fields = {
            k: (params.get(k) or None) for k in ("name", "date_of_birth", "place", "email", "phone", "bsn")
        }
        result = pipeline.inquiry_form_entry(fields, entered_by=entered_by)
        return [{"inquiry_id": i} for i in result["registered"]]

    TriggerDagRunOperator.partial(task_id="start_inquiry", trigger_dag_id="piigov_inquiry").expand(
        conf=enter()
    )


piigov_inquiry_entry()
