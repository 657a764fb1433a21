"""The destruction certificate (verklaring van vernietiging), JSON and HTML.

Fields follow a NIST SP 800-88 certificate of sanitization (who, what media, which method, tool,
verification, validation) plus what Dutch accountability asks: legal ground, policy version, the inquiry
window's outcome, holds checked and the FG's approval. No personal data: ids, masked locations, hashes,
sizes and categories only. The certificate's own hash is chained into the audit log.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov import __version__
from piigov.destruction.plan import RunStatus
from piigov.register import audit
from piigov.register.models import DestructionRun, EntryStatus
from piigov.reports.render import render_html, safe_filename

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy


class CertificateRefused(Exception):
    """The run is not in a state that can be certified."""


def build_certificate(session: Session, run_id: str, policy: Policy, *, performer: str) -> dict[str, Any]:
    run = session.get(DestructionRun, run_id)
    if run is None:
        raise CertificateRefused(f"no destruction run {run_id!r}")
    if run.decision != "approve":
        raise CertificateRefused(f"run {run_id} was not approved")
    after = (run.verification or {}).get("destruction_after")
    if not after or not after.get("success"):
        raise CertificateRefused(f"run {run_id} has no passed after-destruction verification")
    destroyed = [e for e in run.entries if e.status == EntryStatus.DELETED]
    not_destroyed = [e for e in run.entries if e.status != EntryStatus.DELETED]
    seq, head_hash = audit.head(session)
    return {
        "certificate": {
            "title": "Verklaring van vernietiging / Certificate of Sanitization",
            "number": run.id,
            "issued_at": datetime.now(UTC).isoformat(),
            "standard": "NIST SP 800-88 Rev. 1, Appendix G (fields); Archiefwet 1995 / AVG art. 17",
        },
        "legal_ground": run.legal_ground,
        "policy": {
            "version": run.policy_version,
            "digest": policy.digest if policy.version == run.policy_version else None,
        },
        "inquiry_window": {
            "inquiry_deadline": policy.inquiry_deadline.isoformat(),
            "destruction_start": policy.destruction_start.isoformat(),
            "closed_at_verification": _expectation_ok(
                (run.verification or {}).get("destruction_before"), "window_closed"
            ),
        },
        "holds_checked": {
            "method": "open holds looked up per item at planning, before deletion and per item at deletion",
            "items_excluded_at_planning": run.excluded or [],
        },
        "approval": {
            "decision": run.decision,
            "approved_by": run.approved_by,
            "approved_at": run.approved_at.isoformat() if run.approved_at else None,
            "mechanism": "Airflow human-in-the-loop ApprovalOperator (hitlDetails API)",
        },
        "sanitization": {
            "method_type": "Clear (logical deletion from the source system)",
            "tool": f"piigov {__version__}",
            "performer": performer,
            "completed_at": _iso(max((e.destroyed_at for e in destroyed if e.destroyed_at), default=None)),
        },
        "verification": {
            "method": "Great Expectations checkpoints destruction_before and destruction_after; "
            "each item's content hash compared to its classification hash before deletion; "
            "each item looked up in its source after deletion",
            "before": (run.verification or {}).get("destruction_before"),
            "after": after,
        },
        "items": [
            {
                "item_id": e.item.id,
                "source": e.item.source,
                "location": e.item.display_location,
                "version_id": None,
                "content_hash": e.content_hash,
                "size_bytes": e.size,
                "categories": e.item.categories or [],
                "special_category": e.item.special_category,
                "dossier": e.item.dossier,
                "method": e.method,
                "destroyed_at": e.destroyed_at.isoformat() if e.destroyed_at else None,
                "verified_absent": e.verified_absent,
            }
            for e in destroyed
        ],
        "not_destroyed": [
            {"item_id": e.item_id, "status": e.status, "error": e.error} for e in not_destroyed
        ],
        "totals": {"items": len(destroyed), "bytes": sum(e.size for e in destroyed)},
        "audit_anchor": {"seq": seq, "hash": head_hash},
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _expectation_ok(summary: dict | None, column: str) -> bool | None:
    if not summary:
        return None
    for exp in summary.get("expectations", []):
        if exp.get("column") == column:
            return bool(exp["success"])
    return None


def write_certificate(
    session: Session, run_id: str, policy: Policy, out_dir: Path, *, performer: str
) -> tuple[Path, Path]:
    """Write certificate JSON and HTML; record their hash in the run and the audit log. Idempotent."""
    run = session.get(DestructionRun, run_id)
    json_path = out_dir / f"certificate-{safe_filename(run_id)}.json"
    html_path = json_path.with_suffix(".html")
    if run is not None and run.status == RunStatus.CERTIFIED and json_path.exists():
        return json_path, html_path
    cert = build_certificate(session, run_id, policy, performer=performer)
    out_dir.mkdir(parents=True, exist_ok=True)
    body = json.dumps(cert, indent=2, ensure_ascii=False, default=str)
    json_path.write_text(body, encoding="utf-8")
    html_path.write_text(render_html("certificate.html.j2", cert=cert), encoding="utf-8")
    digest = "sha256:" + hashlib.sha256(body.encode()).hexdigest()
    assert run is not None
    run.status = RunStatus.CERTIFIED
    run.certificate_path = str(json_path)
    run.certificate_hash = digest
    audit.record(
        session,
        "certificate_issued",
        f"destruction_run:{run_id}",
        {"certificate_sha256": digest, "items": cert["totals"]["items"]},
        actor=performer,
    )
    return json_path, html_path
