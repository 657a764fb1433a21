"""Great Expectations checkpoints before and after destruction, kept as evidence without values.

The frames validated here hold item ids, labels and booleans only. Results are reduced to a summary
(expectation type, column, success, counts) before they are stored in the register or returned.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from piigov.destruction.plan import active_holds, current_hash
from piigov.register import audit
from piigov.register.models import DestructionEntry, DestructionRun, EntryStatus

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy

log = logging.getLogger(__name__)

SUITES_DIR_CANDIDATES = (
    Path(__file__).resolve().parents[3] / "expectations",  # a source checkout
    Path(__file__).resolve().parents[1] / "expectations",  # an installed wheel (force-included)
)


class VerificationFailed(Exception):
    """A checkpoint failed; carries the summary of the failing expectations (no values)."""

    def __init__(self, summary: VerificationSummary) -> None:
        self.summary = summary
        failing = [
            f"{e['type']}({e.get('column') or ''}): {e.get('unexpected_count', '?')} unexpected"
            for e in summary.expectations
            if not e["success"]
        ]
        super().__init__(f"checkpoint {summary.checkpoint} failed: " + "; ".join(failing))


@dataclass
class VerificationSummary:
    checkpoint: str
    success: bool
    evaluated_at: str
    rows: int
    expectations: list[dict[str, Any]] = field(default_factory=list)
    data_docs: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def suites_dir() -> Path:
    env = os.environ.get("PIIGOV_EXPECTATIONS_DIR")
    if env:
        return Path(env)
    for candidate in SUITES_DIR_CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("expectation suites not found; set PIIGOV_EXPECTATIONS_DIR")


def run_checkpoint(
    name: str, frame: pd.DataFrame, parameters: dict[str, Any], data_docs_dir: Path | None = None
) -> VerificationSummary:
    """Validate `frame` against the suite `expectations/<name>.json` with a GX 1.x checkpoint."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    spec = json.loads((suites_dir() / f"{name}.json").read_text())
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False}
    batch_definition = (
        context.data_sources.add_pandas(f"{name}_source")
        .add_dataframe_asset(f"{name}_rows")
        .add_batch_definition_whole_dataframe("all_rows")
    )
    suite = gx.ExpectationSuite(name=name, notes=spec.get("notes"))
    for exp in spec["expectations"]:
        suite.add_expectation_configuration(ExpectationConfiguration(type=exp["type"], kwargs=exp["kwargs"]))
    suite = context.suites.add(suite)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_definition, suite=suite)
    )
    actions = []
    docs_path = None
    if data_docs_dir is not None:
        docs_path = data_docs_dir / name
        context.add_data_docs_site(
            site_name="piigov_evidence",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_path),
                },
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        actions.append(gx.checkpoint.UpdateDataDocsAction(name="update_docs", site_names=["piigov_evidence"]))
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=f"{name}_checkpoint",
            validation_definitions=[validation],
            actions=actions,
            # No samples of failing values in the evidence.
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 0},
        )
    )
    result = checkpoint.run(batch_parameters={"dataframe": frame}, expectation_parameters=parameters)
    expectations = []
    for run_result in result.run_results.values():
        for er in run_result.results:
            kwargs = er.expectation_config.kwargs
            res = er.result or {}
            expectations.append(
                {
                    "type": er.expectation_config.type,
                    "column": kwargs.get("column"),
                    "row_condition": _condition_text(kwargs.get("row_condition")),
                    "success": bool(er.success),
                    "element_count": res.get("element_count"),
                    "unexpected_count": res.get("unexpected_count"),
                    "observed_value": res.get("observed_value") if "column" not in kwargs else None,
                }
            )
    return VerificationSummary(
        checkpoint=name,
        success=bool(result.success),
        evaluated_at=datetime.now(UTC).isoformat(),
        rows=len(frame),
        expectations=expectations,
        data_docs=str(docs_path / "index.html") if docs_path else None,
    )


def _condition_text(condition: Any) -> str | None:
    """A row condition as short text for the evidence (``method != person``)."""
    if not condition:
        return None
    if isinstance(condition, dict) and {"column", "operator", "parameter"} <= condition.keys():
        return f"{condition['column'].get('name')} {condition['operator']} {condition['parameter']}"
    return str(condition)


def before_frame(session: Session, run: DestructionRun, policy: Policy, today: date) -> pd.DataFrame:
    import pandas as pd

    from piigov.inquiries.service import items_under_open_inquiry, released_request_items

    item_ids = [e.item_id for e in run.entries]
    held = active_holds(session, item_ids)
    inquired = items_under_open_inquiry(session, item_ids)
    released = released_request_items(session)
    closed = policy.window_closed(today)
    rows = []
    for entry in run.entries:
        item = entry.item
        request = item.id in released and item.classification != "unlawfully_held"
        rows.append(
            {
                "item_id": item.id,
                # In scope: unlawfully held, or the request e-mail of an inquiry closed without objection.
                "scope": "closed_inquiry_request" if request else item.classification,
                "scope_basis": released[item.id] if request else item.dossier,
                "policy_current": request or item.policy_version == policy.version,
                "on_hold": item.id in held,
                "open_inquiry": item.id in inquired,
                "content_unchanged": current_hash(item) == entry.content_hash,
                "window_closed": closed,
                "not_destroyed_before": item.destroyed_at is None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "item_id",
            "scope",
            "scope_basis",
            "policy_current",
            "on_hold",
            "open_inquiry",
            "content_unchanged",
            "window_closed",
            "not_destroyed_before",
        ],
    )


AFTER_COLUMNS = [
    "item_id",
    "status",
    "method",
    "absent_from_every_version_listing",
    "original_content_gone",
    "findings_left",
    "register_marked_destroyed",
]


def _method_of(entry: DestructionEntry, policy: Policy | None) -> str:
    """``delete``, ``redact`` or ``person``: as journalled, else as the policy plans it."""
    from piigov.destruction.execute import NEEDS_PERSON
    from piigov.destruction.redaction import DELETE, planned_method

    if entry.status == NEEDS_PERSON:
        return "person"
    if entry.status == EntryStatus.DELETED:
        return "redact" if (entry.method or "").startswith("redacted") else "delete"
    return planned_method(entry.item, policy) if policy is not None else DELETE


def after_frame(
    session: Session, run: DestructionRun, policy: Policy | None = None
) -> tuple[pd.DataFrame, dict[str, dict[str, Any]]]:
    """One row per approved item, and the same facts per item id for the certificate.

    Deleted items must be in no listing of their source, every S3 version listing included; redacted
    ones must no longer hold the classified content and, re-read and detected again, have zero
    findings of the policy's identifying types; items for a person are accounted for, not destroyed.
    """
    import pandas as pd

    from piigov.destruction.redaction import findings_left, successor_key
    from piigov.sources.base import absent
    from piigov.sources.registry import open_registered

    detector = None
    rows, per_item = [], {}
    for entry in run.entries:
        item = entry.item
        source = open_registered(item.source)
        method = _method_of(entry, policy)
        gone = absent(source, item.key)
        content_gone, left = gone, None
        if method == "redact" and entry.status == EntryStatus.DELETED:
            if detector is None:
                from piigov.detection import get_detector

                detector = get_detector()
            content_gone = gone or current_hash(item) != entry.content_hash
            now = successor_key(source, item.key)
            types = policy.identifying_entities if policy else frozenset()
            min_score = policy.min_score if policy else 0.0
            left = -1 if now is None else findings_left(source, now, detector, types, min_score)
        elif method == "person":
            content_gone = False
        row = {
            "item_id": item.id,
            "status": entry.status,
            "method": method,
            "absent_from_every_version_listing": gone,
            "original_content_gone": content_gone,
            "findings_left": left,
            "register_marked_destroyed": item.destroyed_at is not None,
        }
        rows.append(row)
        per_item[str(item.id)] = {k: v for k, v in row.items() if k != "item_id"}
    return pd.DataFrame(rows, columns=AFTER_COLUMNS), per_item


def _record(session: Session, run: DestructionRun, summary: VerificationSummary, actor: str) -> None:
    verification = dict(run.verification or {})
    verification[summary.checkpoint] = summary.as_dict()
    run.verification = verification
    audit.record(
        session,
        "checkpoint",
        f"destruction_run:{run.id}",
        {
            "checkpoint": summary.checkpoint,
            "success": summary.success,
            "rows": summary.rows,
            "failed": [e["type"] for e in summary.expectations if not e["success"]],
        },
        actor=actor,
    )


def verify_before(
    session: Session,
    run_id: str,
    policy: Policy,
    *,
    today: date | None = None,
    data_docs_dir: Path | None = None,
    actor: str = "piigov",
) -> VerificationSummary:
    run = _get_run(session, run_id)
    today = today or datetime.now(UTC).date()
    frame = before_frame(session, run, policy, today)
    summary = run_checkpoint("destruction_before", frame, {"planned_items": len(run.entries)}, data_docs_dir)
    _record(session, run, summary, actor)
    if not summary.success:
        raise VerificationFailed(summary)
    return summary


def verify_after(
    session: Session,
    run_id: str,
    *,
    data_docs_dir: Path | None = None,
    actor: str = "piigov",
    policy: Policy | None = None,
) -> VerificationSummary:
    if policy is None:
        from piigov.classification import load_policy
        from piigov.settings import get_settings

        policy = load_policy(get_settings().policy_path)
    run = _get_run(session, run_id)
    frame, per_item = after_frame(session, run, policy)
    summary = run_checkpoint("destruction_after", frame, {"approved_items": len(run.entries)}, data_docs_dir)
    _record(session, run, summary, actor)
    # Per item: booleans and counts only, for the certificate's verification column.
    run.verification = dict(run.verification or {}) | {"destruction_after_items": per_item}
    if not summary.success:
        raise VerificationFailed(summary)
    return summary


def _get_run(session: Session, run_id: str) -> DestructionRun:
    run = session.get(DestructionRun, run_id)
    if run is None:
        raise LookupError(f"no destruction run {run_id!r}")
    return run
