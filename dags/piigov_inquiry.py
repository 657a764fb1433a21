"""
### piigov_inquiry — one person's inquiry, from search to the no-objection path

Triggered per inquiry (conf `inquiry_id`) by `piigov_inquiry_intake` or `piigov_inquiry_entry`.
Only screened staff (PIIGOV_SCREENED_USERS) answer its steps; XCom holds ids and counts only.

1. **search** — subject search over keyed hashes in every source; matched items and the request e-mail
   are held. Strong matches (BSN, e-mail, phone, or a name with date of birth/place) count at once.
2. **route** — a request received after the inquiry deadline goes to **late_decision** (a person
   decides: handle or decline); weak matches go to **confirm_matches** (a person lists the item ids that
   are the requester's; the rest are released); otherwise straight on.
3. **access_report** — the GDPR art. 15 report, values read from the sources now, stored encrypted.
4. **explanation_given** — who gave the explanation, when and how.
5. **objection** — *Geen bezwaar*: the person's unlawfully held items and the request e-mail join the
   destruction set (**join_destruction**). *Bezwaar*: the holds stay, with the reason (**keep_hold**).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import Param, dag, task

from piigov.airflow import screened_users
from piigov.airflow.operators import (
    ExplanationOperator,
    LateRequestDecisionOperator,
    ObjectionOperator,
    WeakMatchConfirmationOperator,
)

CONFIRM_BODY = """
**Inquiry** `{{ params.inquiry_id }}` has weak matches: items where only a form of the name was found.
Open the access report workspace for the content. List the register ids that are the requester's;
the others are released from the inquiry hold.

{% for m in ti.xcom_pull(task_ids='search')['weak_matches'] %}- item **{{ m['item_id'] }}** —
`{{ m['location'] }}` ({{ m['basis'] | join(', ') }})
{% endfor %}
"""

EXPLAIN_BODY = """
**Inquiry** `{{ params.inquiry_id }}`: the access report is ready for screened staff
({{ ti.xcom_pull(task_ids='access_report')['items'] }} items in
{{ ti.xcom_pull(task_ids='access_report')['sources'] }} sources). Open it with
`piigov inquiry report {{ params.inquiry_id }} --decrypt-to <file>`. Confirm here once the requester got the
explanation.
"""

_PLAIN = {"owner": "inquiries", "retries": 1, "retry_delay": timedelta(seconds=30)}
_HUMAN = {"retries": 0, "response_timeout": timedelta(days=60)}


@dag(
    dag_id="piigov_inquiry",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    doc_md=__doc__,
    tags=["piigov", "inquiry", "confidential"],
    default_args=_PLAIN,
    params={"inquiry_id": Param("", type="string", minLength=1, description="INQ-yyyy-nnnn")},
    render_template_as_native_obj=False,
)
def piigov_inquiry():
    @task
    def search(params: dict):
        from piigov import pipeline

        return pipeline.inquiry_search(params["inquiry_id"], actor="airflow")

    @task.branch
    def route(params: dict):  # type: ignore[no-untyped-def]
        from piigov import pipeline

        status = pipeline.inquiry_status(params["inquiry_id"])
        if status["status"] == "late_review":
            return "late_decision"
        return "confirm_matches" if status["weak_matches"] else "access_report"

    late_decision = LateRequestDecisionOperator(
        task_id="late_decision",
        subject="piigov: late inquiry {{ params.inquiry_id }} — handle or decline?",
        body="Request `{{ params.inquiry_id }}` arrived after the inquiry deadline. Handle it, or decline it.",
        users=screened_users(),
        handle_task="after_late_decision",
        decline_task="declined",
        **_HUMAN,
    )

    @task.branch
    def after_late_decision(params: dict):  # type: ignore[no-untyped-def]
        from piigov import pipeline

        return (
            "confirm_matches"
            if pipeline.inquiry_status(params["inquiry_id"])["weak_matches"]
            else "access_report"
        )

    declined = EmptyOperator(task_id="declined")

    confirm = WeakMatchConfirmationOperator(
        task_id="confirm_matches",
        subject="piigov: confirm weak matches of inquiry {{ params.inquiry_id }}",
        body=CONFIRM_BODY,
        users=screened_users(),
        trigger_rule="none_failed_min_one_success",  # reached from route or after a late decision
        **_HUMAN,
    )

    @task(trigger_rule="none_failed_min_one_success")
    def access_report(params: dict):
        from piigov import pipeline

        return pipeline.inquiry_report(params["inquiry_id"], actor="airflow")

    explanation = ExplanationOperator(
        task_id="explanation_given",
        subject="piigov: explanation given for inquiry {{ params.inquiry_id }}?",
        body=EXPLAIN_BODY,
        users=screened_users(),
        **_HUMAN,
    )

    objection = ObjectionOperator(
        task_id="objection",
        subject="piigov: did the requester of {{ params.inquiry_id }} object?",
        body="After the explanation: did the person object to destruction of their data?",
        users=screened_users(),
        destroy_task="join_destruction",
        keep_task="keep_hold",
        **_HUMAN,
    )

    @task
    def join_destruction(params: dict):
        from piigov import pipeline

        return pipeline.inquiry_status(params["inquiry_id"])["status"]

    @task
    def keep_hold(params: dict):
        from piigov import pipeline

        return pipeline.inquiry_status(params["inquiry_id"])["status"]

    found = search()
    routed = route()
    report = access_report()
    found >> routed >> [late_decision, confirm, report]
    after_late = after_late_decision()
    late_decision >> [after_late, declined]
    after_late >> [confirm, report]
    confirm >> report >> explanation >> objection >> [join_destruction(), keep_hold()]


piigov_inquiry()
