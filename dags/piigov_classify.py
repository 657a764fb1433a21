"""
### piigov_classify — classify the register under the policy and report to the FG

Applies the versioned policy (YAML: which sources and paths form the dossier; no legal basis means
`unlawfully_held`; special categories flagged) to every item, records class and reasons, and writes the
FG report (HTML and JSON): counts per source, class, category and entity type, and every item that could
not be examined, with why. No personal data in it.

Runs after every scan (asset `piigov://register/findings`) and on demand.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import Asset, Param, dag, task

REGISTER_FINDINGS = Asset("piigov://register/findings")
REGISTER_CLASSIFIED = Asset("piigov://register/classification")


@dag(
    dag_id="piigov_classify",
    schedule=[REGISTER_FINDINGS],
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["piigov", "classify", "report"],
    default_args={"owner": "data-engineering", "retries": 1, "retry_delay": timedelta(seconds=30)},
    params={
        "source": Param(None, type=["null", "string"], description="Only this source URI (default all).")
    },
)
def piigov_classify():
    @task
    def classify(params: dict):
        from piigov import pipeline

        return pipeline.classify(params.get("source"))

    @task(outlets=[REGISTER_CLASSIFIED])
    def fg_report(counts: dict):
        from piigov import pipeline

        return {"counts": counts, "report": pipeline.fg_report()}

    fg_report(classify())


classify_dag = piigov_classify()

if __name__ == "__main__":
    classify_dag.test()
