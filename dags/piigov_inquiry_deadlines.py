"""
### piigov_inquiry_deadlines — alert before an inquiry's answer deadline passes

GDPR art. 12(3): one month from receipt, extendable once by up to two months
(`piigov inquiry extend`). Daily, this fails — and so alerts through Airflow's failure notifications —
when an unanswered inquiry is due within `warn_days` (conf/inquiry.yaml) or overdue. The message names
inquiry ids and dates only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, task


@dag(
    dag_id="piigov_inquiry_deadlines",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    doc_md=__doc__,
    tags=["piigov", "inquiry"],
    default_args={"owner": "inquiries", "retries": 0, "retry_delay": timedelta(minutes=5)},
)
def piigov_inquiry_deadlines():
    @task
    def check_deadlines():
        from airflow.sdk.exceptions import AirflowFailException

        from piigov import pipeline

        alerts = pipeline.inquiry_deadlines()
        if alerts:
            lines = [
                f"{a['inquiry_id']}: due {a['due']} ({'OVERDUE' if a['overdue'] else str(a['days_left']) + ' days left'})"
                for a in alerts
            ]
            raise AirflowFailException("inquiry answer deadlines need attention:\n" + "\n".join(lines))
        return {"alerts": 0}

    check_deadlines()


piigov_inquiry_deadlines()
