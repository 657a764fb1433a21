"""The FG approval: Airflow's ApprovalOperator, recording the answer in piigov's register first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airflow.providers.standard.operators.hitl import ApprovalOperator

if TYPE_CHECKING:
    from airflow.sdk import Context


class FgApprovalOperator(ApprovalOperator):
    """Records who approved or rejected, and when, before Airflow continues or skips downstream.

    On *Reject* ApprovalOperator skips its downstream without returning a value, so the decision is
    written here, from the human-in-the-loop event itself, for both answers.
    """

    def __init__(self, *, approvers: list[str], **kwargs: Any) -> None:
        if not approvers:
            raise ValueError("FgApprovalOperator needs at least one approver")
        self.approvers = list(approvers)
        super().__init__(assigned_users=[{"id": u, "name": u} for u in self.approvers], **kwargs)

    def execute_complete(self, context: Context, event: dict[str, Any]) -> Any:
        if "error" not in event and event.get("chosen_options"):
            from piigov import pipeline

            user = (event.get("responded_by_user") or {}).get("id") or "unknown"
            pipeline.destruction_decide(
                context["run_id"],
                approved=event["chosen_options"][0] == self.APPROVE,
                decided_by=user,
                decided_at=event.get("responded_at"),
                allowed=self.approvers,
            )
        return super().execute_complete(context, event)
