"""
### piigov_hold — place or lift a legal hold on a register item, with a reason

A held item is never destroyed: destruction plans leave it out and the before-checkpoint fails on it.
The reason stays in the register's holds table (it may name a case); the audit log records ids only.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import Param, dag, task


@dag(
    dag_id="piigov_hold",
    schedule=None,
    start_date=datetime(2024, 1, 1),
    catchup=False,
    doc_md=__doc__,
    tags=["piigov", "hold"],
    default_args={"owner": "data-engineering", "retries": 0},
    params={
        "action": Param("place", type="string", enum=["place", "lift"]),
        "item_id": Param(0, type="integer", description="Register item id (place)"),
        "hold_id": Param(0, type="integer", description="Hold id (lift)"),
        "reason": Param("", type="string", minLength=3),
    },
)
def piigov_hold():
    @task
    def apply_hold(params: dict, dag_run=None):  # type: ignore[no-untyped-def]
        from piigov import pipeline

        who = getattr(dag_run, "triggering_user_name", None) or "airflow"
        if params["action"] == "place":
            return pipeline.hold_place(int(params["item_id"]), reason=params["reason"], placed_by=who)
        return pipeline.hold_lift(int(params["hold_id"]), reason=params["reason"], lifted_by=who)

    apply_hold()


piigov_hold()
