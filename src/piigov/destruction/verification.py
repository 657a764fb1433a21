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
from piigov.register.models import DestructionRun

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


def before_frame(session: Session, run: DestructionRun, policy: Policy, today: date) -> pd.DataFrame:
    import pandas as pd

    held = active_holds(session, [e.item_id for e in run.entries])
    closed = policy.window_closed(today)
    rows = []
    for entry in run.entries:
        item = entry.item
        rows.append(
            {
                "item_id": item.id,
                "classification": item.classification,
                "dossier": item.dossier,
                "policy_current": item.policy_version == policy.version,
                "on_hold": item.id in held,
                "content_unchanged": current_hash(item) == entry.content_hash,
                "window_closed": closed,
                "not_destroyed_before": item.destroyed_at is None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "item_id",
            "classification",
            "dossier",
            "policy_current",
            "on_hold",
            "content_unchanged",
            "window_closed",
            "not_destroyed_before",
        ],
    )


def after_frame(session: Session, run: DestructionRun) -> pd.DataFrame:
    import pandas as pd

    from piigov.sources.registry import open_registered

    rows = []
    for entry in run.entries:
        item = entry.item
        rows.append(
            {
                "item_id": item.id,
                "status": entry.status,
                "absent_from_source": open_registered(item.source).stat(item.key) is None,
                "register_marked_destroyed": item.destroyed_at is not None,
            }
        )
    return pd.DataFrame(
        rows, columns=["item_id", "status", "absent_from_source", "register_marked_destroyed"]
    )


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
    session: Session, run_id: str, *, data_docs_dir: Path | None = None, actor: str = "piigov"
) -> VerificationSummary:
    run = _get_run(session, run_id)
    frame = after_frame(session, run)
    summary = run_checkpoint("destruction_after", frame, {"approved_items": len(run.entries)}, data_docs_dir)
    _record(session, run, summary, actor)
    if not summary.success:
        raise VerificationFailed(summary)
    return summary


def _get_run(session: Session, run_id: str) -> DestructionRun:
    run = session.get(DestructionRun, run_id)
    if run is None:
        raise LookupError(f"no destruction run {run_id!r}")
    return run
