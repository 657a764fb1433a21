"""Verified destruction: plan, checkpoints, FG decision, journalled deletion, certificate."""

from piigov.destruction.execute import DestructionRefused, destroy, record_decision
from piigov.destruction.plan import PlanSummary, RunStatus, plan_destruction
from piigov.destruction.verification import VerificationFailed, verify_after, verify_before

__all__ = [
    "DestructionRefused",
    "PlanSummary",
    "RunStatus",
    "VerificationFailed",
    "destroy",
    "plan_destruction",
    "record_decision",
    "verify_after",
    "verify_before",
]
