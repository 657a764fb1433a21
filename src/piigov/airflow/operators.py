"""The FG approval: Airflow's ApprovalOperator, recording the answer in piigov's register first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from airflow.providers.standard.operators.hitl import ApprovalOperator, HITLBranchOperator, HITLEntryOperator
from airflow.sdk import Param

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


# --- inquiries: each human answer is recorded in piigov's register from the HITL event itself ------------


def _responder(event: dict[str, Any]) -> str:
    return (event.get("responded_by_user") or {}).get("id") or "unknown"


def _answered(event: dict[str, Any]) -> bool:
    return "error" not in event and bool(event.get("chosen_options"))


def _assigned(users: list[str]) -> list[dict[str, str]]:
    if not users:
        raise ValueError("an inquiry step needs at least one assigned user")
    return [{"id": u, "name": u} for u in users]


class LateRequestDecisionOperator(HITLBranchOperator):
    """A request received after the inquiry deadline: a person decides to handle it or not."""

    HANDLE, DECLINE = "Behandelen", "Afwijzen"

    def __init__(self, *, users: list[str], handle_task: str, decline_task: str, **kwargs: Any) -> None:
        super().__init__(
            options=[self.HANDLE, self.DECLINE],
            options_mapping={self.HANDLE: handle_task, self.DECLINE: decline_task},
            assigned_users=_assigned(users),
            **kwargs,
        )

    def execute_complete(self, context: Context, event: dict[str, Any]) -> Any:
        if _answered(event):
            from piigov import pipeline

            pipeline.inquiry_late_decision(
                context["params"]["inquiry_id"],
                accept=event["chosen_options"][0] == self.HANDLE,
                decided_by=_responder(event),
            )
        return super().execute_complete(context, event)


class WeakMatchConfirmationOperator(HITLEntryOperator):
    """Screened staff list which weak matches are the requester's; the rest are released."""

    def __init__(self, *, users: list[str], **kwargs: Any) -> None:
        kwargs.pop("params", None)  # the DAG's params reach the task through the context anyway
        super().__init__(
            assigned_users=_assigned(users),
            params={
                "confirmed_item_ids": Param(
                    [],
                    type="array",
                    items={"type": "integer"},
                    description="Register ids that are the requester's",
                )
            },
            **kwargs,
        )

    def execute_complete(self, context: Context, event: dict[str, Any]) -> Any:
        if _answered(event):
            from piigov import pipeline

            ids = (event.get("params_input") or {}).get("confirmed_item_ids") or []
            pipeline.inquiry_confirm(
                context["params"]["inquiry_id"], [int(i) for i in ids], decided_by=_responder(event)
            )
        return super().execute_complete(context, event)


class ExplanationOperator(HITLEntryOperator):
    """Records that the requester got the explanation: by whom (the responder), when and how."""

    CHANNELS: ClassVar[list[str]] = ["brief", "e-mail", "telefoon", "gesprek"]

    def __init__(self, *, users: list[str], **kwargs: Any) -> None:
        kwargs.pop("params", None)  # the DAG's params reach the task through the context anyway
        super().__init__(
            assigned_users=_assigned(users),
            params={
                "channel": Param("brief", type="string", enum=self.CHANNELS, description="How it was given")
            },
            **kwargs,
        )

    def execute_complete(self, context: Context, event: dict[str, Any]) -> Any:
        if _answered(event):
            from piigov import pipeline

            channel = (event.get("params_input") or {}).get("channel") or "brief"
            pipeline.inquiry_explained(
                context["params"]["inquiry_id"],
                explained_by=_responder(event),
                explained_at=event.get("responded_at"),
                channel=channel,
            )
        return super().execute_complete(context, event)


class ObjectionOperator(HITLBranchOperator):
    """Did the person object? No: their data and request join destruction. Yes: holds stay, with why."""

    NO_OBJECTION, OBJECTION = "Geen bezwaar", "Bezwaar"
    # Reasons are codes, not free text: the answer travels through XCom and must hold no personal data.
    REASONS: ClassVar[list[str]] = [
        "geen",
        "wil gegevens bewaren als bewijs",
        "procedure aanhangig",
        "anders, zie dossier",
    ]

    def __init__(self, *, users: list[str], destroy_task: str, keep_task: str, **kwargs: Any) -> None:
        kwargs.pop("params", None)  # the DAG's params reach the task through the context anyway
        super().__init__(
            options=[self.NO_OBJECTION, self.OBJECTION],
            options_mapping={self.NO_OBJECTION: destroy_task, self.OBJECTION: keep_task},
            assigned_users=_assigned(users),
            params={
                "reason": Param(
                    "geen", type="string", enum=self.REASONS, description="Reason of an objection"
                )
            },
            **kwargs,
        )

    def execute_complete(self, context: Context, event: dict[str, Any]) -> Any:
        if _answered(event):
            from piigov import pipeline

            objection = event["chosen_options"][0] == self.OBJECTION
            reason = (event.get("params_input") or {}).get("reason")
            pipeline.inquiry_objection(
                context["params"]["inquiry_id"],
                objection=objection,
                decided_by=_responder(event),
                decided_at=event.get("responded_at"),
                reason=reason
                if objection and reason != "geen"
                else ("anders, zie dossier" if objection else None),
            )
        return super().execute_complete(context, event)
