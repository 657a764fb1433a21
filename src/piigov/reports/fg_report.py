"""The FG report: what was found where, what was not examined and why. Counts and ids, no values."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from piigov import __version__
from piigov.register import audit
from piigov.register.models import Finding, Item, ItemState, ScanRun
from piigov.reports.render import render_html

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy


def build_fg_report(session: Session, policy: Policy) -> dict[str, Any]:
    items = list(session.execute(select(Item).order_by(Item.source, Item.id)).scalars())
    by_source_class: dict[str, Counter[str]] = defaultdict(Counter)
    by_state: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    by_dossier: Counter[str] = Counter()
    special = 0
    not_examined = []
    unlawful = []
    for item in items:
        by_state[item.state] += 1
        if item.state in (ItemState.REMOVED, ItemState.DESTROYED):
            continue
        label = item.classification or "unclassified"
        by_source_class[item.source][label] += 1
        if item.state in ItemState.NOT_EXAMINED:
            not_examined.append(
                {
                    "item_id": item.id,
                    "source": item.source,
                    "location": item.display_location,
                    "state": item.state,
                    "reason": item.reason or "",
                }
            )
        if label == "unlawfully_held":
            for cat in item.categories or []:
                by_category[cat] += 1
            by_dossier[item.dossier or "?"] += 1
            special += int(item.special_category)
            unlawful.append(
                {
                    "item_id": item.id,
                    "location": item.display_location,
                    "categories": item.categories or [],
                    "special_category": item.special_category,
                    "dossier": item.dossier,
                }
            )
    findings_by_type = dict(
        session.execute(
            select(Finding.entity_type, func.count())
            .join(Item)
            .where(Finding.score >= policy.min_score, Item.state == ItemState.SCANNED)
            .group_by(Finding.entity_type)
            .order_by(Finding.entity_type)
        ).all()
    )
    chain = audit.verify(session)
    return {
        "scans": latest_scans(session),
        "generated_at": datetime.now(UTC).isoformat(),
        "tool": f"piigov {__version__}",
        "policy": {
            "version": policy.version,
            "digest": policy.digest,
            "inquiry_deadline": policy.inquiry_deadline.isoformat(),
            "destruction_start": policy.destruction_start.isoformat(),
        },
        "totals": {"items": len(items), "by_state": dict(sorted(by_state.items()))},
        "by_source_and_class": {s: dict(sorted(c.items())) for s, c in by_source_class.items()},
        "unlawfully_held": {
            "items": len(unlawful),
            "special_category_items": special,
            "by_category": dict(sorted(by_category.items())),
            "by_dossier": dict(by_dossier),
        },
        "findings_by_entity_type": findings_by_type,
        "not_examined": not_examined,
        "unlawfully_held_items": unlawful,
        "audit": {"events": chain.events, "chain_intact": chain.ok, "head_hash": chain.head_hash},
        "inquiries": _inquiry_summary(session),
    }


def _inquiry_summary(session: Session) -> dict[str, Any]:
    """Counts only: inquiries are confidential; who asked and what was found is for screened staff."""
    from piigov.inquiries.service import deadline_alerts, inquiry_outcomes
    from piigov.register.models import Hold

    held = session.execute(
        select(func.count(func.distinct(Hold.item_id))).where(
            Hold.kind == "inquiry", Hold.lifted_at.is_(None)
        )
    ).scalar_one()
    alerts = deadline_alerts(session)
    return inquiry_outcomes(session) | {
        "items_on_inquiry_hold": held,
        "answers_due_soon": sum(not a.overdue for a in alerts),
        "answers_overdue": sum(a.overdue for a in alerts),
    }


def latest_scans(session: Session) -> list[dict[str, Any]]:
    """The last finished scan of each source with its coverage counts: every listed item in one state."""
    latest: dict[str, ScanRun] = {}
    for run in session.execute(
        select(ScanRun).where(ScanRun.finished_at.is_not(None)).order_by(ScanRun.id)
    ).scalars():
        latest[run.source] = run
    keys = (
        "items_total",
        "items_scanned",
        "items_unreadable",
        "items_skipped",
        "items_oversized",
        "items_removed",
        "items_unchanged",
        "items_with_personal_data",
    )
    return [
        {"source": source, "scan_run_id": run.id, "finished_at": run.finished_at.isoformat()}
        | {k: (run.summary or {}).get(k, 0) for k in keys}
        for source, run in sorted(latest.items())
    ]


def write_fg_report(session: Session, policy: Policy, out_dir: Path) -> tuple[Path, Path]:
    report = build_fg_report(session, policy)
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / "fg-report.json"
    html_path = out_dir / "fg-report.html"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    html_path.write_text(render_html("fg_report.html.j2", report=report), encoding="utf-8")
    audit.record(
        session,
        "fg_report_written",
        "report:fg",
        {"unlawfully_held": report["unlawfully_held"]["items"], "not_examined": len(report["not_examined"])},
    )
    return json_path, html_path
