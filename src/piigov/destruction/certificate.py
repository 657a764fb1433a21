"""The destruction certificate (verklaring van vernietiging), JSON, HTML and PDF.

Fields follow a NIST SP 800-88 certificate of sanitization (who, what media, which method, tool,
verification, validation) plus what Dutch accountability asks: legal ground, policy version, the inquiry
window's outcome, holds checked and the FG's approval. Per item: the method (deleted or redacted) and
its verification; items the policy keeps that only a person can redact are listed apart, not counted
as destroyed. No personal data: ids, masked locations, version ids, hashes, sizes and categories only.
The certificate's own hash is chained into the audit log.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from piigov import __version__
from piigov.destruction.plan import RunStatus
from piigov.inquiries.service import inquiry_outcomes
from piigov.register import audit
from piigov.register.models import DestructionEntry, DestructionRun, EntryStatus
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
    from piigov.destruction.execute import NEEDS_PERSON

    destroyed = [e for e in run.entries if e.status == EntryStatus.DELETED]
    person = [e for e in run.entries if e.status == NEEDS_PERSON]
    not_destroyed = [e for e in run.entries if e.status not in (EntryStatus.DELETED, NEEDS_PERSON)]
    checked = (run.verification or {}).get("destruction_after_items") or {}
    redacted = sum(_method_kind(e) == "redacted" for e in destroyed)
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
            "no_open_inquiry_at_verification": _expectation_ok(
                (run.verification or {}).get("destruction_before"), "open_inquiry"
            ),
            "outcome": inquiry_outcomes(session),
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
            "method_type": "Clear: logical deletion from the source system (on S3 every version, and the "
            "delete markers of a destroyed object); for records kept under the Archiefwet, redaction in "
            "place (personal data replaced, the rest kept)",
            "tool": f"piigov {__version__}",
            "performer": performer,
            "completed_at": _iso(max((e.destroyed_at for e in destroyed if e.destroyed_at), default=None)),
        },
        "verification": {
            "method": "Great Expectations checkpoints destruction_before and destruction_after; "
            "each item's content hash compared to its classification hash before deletion or redaction; "
            "deleted items looked up in every listing of their source (every S3 version and delete "
            "marker); redacted items detected before writing and re-read and detected again after",
            "before": (run.verification or {}).get("destruction_before"),
            "after": after,
        },
        "items": [_item_row(e, checked.get(str(e.item_id))) for e in destroyed],
        "needs_person": [
            {
                "item_id": e.item_id,
                "source": e.item.source,
                "location": e.item.display_location,
                "version_id": _version_id(e),
                "content_hash": e.content_hash,
                "size_bytes": e.size,
                "categories": e.item.categories or [],
                "reason": e.error,
            }
            for e in person
        ],
        "not_destroyed": [
            {"item_id": e.item_id, "status": e.status, "error": e.error} for e in not_destroyed
        ],
        "totals": {
            "items": len(destroyed),
            "deleted": len(destroyed) - redacted,
            "redacted": redacted,
            "needs_person": len(person),
            "bytes": sum(e.size for e in destroyed),
        },
        "audit_anchor": {"seq": seq, "hash": head_hash},
    }


def _method_kind(entry: DestructionEntry) -> str:
    return "redacted" if (entry.method or "").startswith("redacted") else "deleted"


def _version_id(entry: DestructionEntry) -> str | None:
    if not entry.item.source.startswith("s3://"):
        return None
    from piigov.sources.s3 import split_item_key

    return split_item_key(entry.item.key)[1]


def _item_row(entry: DestructionEntry, checked: dict[str, Any] | None) -> dict[str, Any]:
    kind = _method_kind(entry)
    if checked is None:
        verification = None
    elif kind == "redacted":
        verification = {
            "method": "re-read and detected again",
            "original_content_gone": checked.get("original_content_gone"),
            "in_scope_findings_left": checked.get("findings_left"),
        }
    else:
        verification = {
            "method": "looked up in every listing of the source",
            "absent_from_every_version_listing": checked.get("absent_from_every_version_listing"),
        }
    item = entry.item
    return {
        "item_id": item.id,
        "source": item.source,
        "location": item.display_location,
        "version_id": _version_id(entry),
        "content_hash": entry.content_hash,
        "size_bytes": entry.size,
        "categories": item.categories or [],
        "special_category": item.special_category,
        "dossier": item.dossier,
        "method_kind": kind,
        "method": entry.method,
        "destroyed_at": entry.destroyed_at.isoformat() if entry.destroyed_at else None,
        "verified_absent": entry.verified_absent,
        "verification": verification,
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
    """Write certificate JSON, HTML and PDF; record their hashes in the run and the audit log. Idempotent."""
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
    pdf_path = json_path.with_suffix(".pdf")
    write_certificate_pdf(cert, pdf_path)
    digest = "sha256:" + hashlib.sha256(body.encode()).hexdigest()
    assert run is not None
    run.status = RunStatus.CERTIFIED
    run.certificate_path = str(json_path)
    run.certificate_hash = digest
    audit.record(
        session,
        "certificate_issued",
        f"destruction_run:{run_id}",
        {
            "certificate_sha256": digest,
            "pdf_sha256": "sha256:" + hashlib.sha256(pdf_path.read_bytes()).hexdigest(),
            "items": cert["totals"]["items"],
            "redacted": cert["totals"]["redacted"],
            "needs_person": cert["totals"]["needs_person"],
        },
        actor=performer,
    )
    return json_path, html_path


def _latin1(value: Any) -> str:
    """fpdf2's core fonts are Latin-1: other characters become '?' (masked locations, never values)."""
    return str("" if value is None else value).encode("latin-1", "replace").decode("latin-1")


def write_certificate_pdf(cert: dict[str, Any], path: Path) -> Path:
    """The same fields as the JSON and HTML, as a plain PDF (fpdf2, core fonts)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: Any, size: int = 9, style: str = "") -> None:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    head = cert["certificate"]
    line("Verklaring van vernietiging", 16, "B")
    line(f"{head['title']} - nummer {head['number']} - afgegeven {head['issued_at']}")
    line(f"{head['standard']}. Deze verklaring bevat geen persoonsgegevens.")
    line("Grondslag", 12, "B")
    line(cert["legal_ground"])
    line(f"Beleidsversie {cert['policy']['version']} {cert['policy']['digest'] or ''}")
    window = cert["inquiry_window"]
    line(
        f"Inzagetermijn tot en met {window['inquiry_deadline']}; vernietiging vanaf "
        f"{window['destruction_start']}; gesloten bij verificatie: {window['closed_at_verification']}"
    )
    outcome = window["outcome"]
    line(
        f"Inzageverzoeken: {outcome['inquiries']} (waarvan te laat: {outcome['late']}); per status: "
        f"{outcome['by_status']}; geen open verzoek bij verificatie: {window['no_open_inquiry_at_verification']}"
    )
    line(f"Holds: {cert['holds_checked']['method']}")
    approval = cert["approval"]
    line("Goedkeuring", 12, "B")
    line(
        f"{approval['decision']} door {approval['approved_by']} op {approval['approved_at']} ({approval['mechanism']})"
    )
    sanitization = cert["sanitization"]
    line("Vernietiging", 12, "B")
    line(f"Methode: {sanitization['method_type']}")
    line(
        f"Hulpmiddel: {sanitization['tool']}; uitgevoerd door {sanitization['performer']}; voltooid {sanitization['completed_at']}"
    )
    totals = cert["totals"]
    line(
        f"Totaal: {totals['items']} items ({totals['deleted']} verwijderd, {totals['redacted']} geanonimiseerd), "
        f"{totals['bytes']} bytes; voor een mens: {totals['needs_person']}"
    )
    line("Verificatie", 12, "B")
    line(cert["verification"]["method"])
    for name in ("before", "after"):
        summary = cert["verification"].get(name)
        if summary:
            failed = [e["type"] for e in summary["expectations"] if not e["success"]]
            line(
                f"{summary['checkpoint']}: {'geslaagd' if summary['success'] else 'MISLUKT'}, {summary['rows']} rijen {failed or ''}"
            )
    line("Vernietigde items", 12, "B")
    for item in cert["items"]:
        line(
            f"#{item['item_id']} {item['method_kind']} | {item['source']} | {item['location']}"
            f"{' | versie ' + item['version_id'] if item['version_id'] else ''} | {item['content_hash']} | "
            f"{item['size_bytes']} bytes | {', '.join(item['categories'])} | {item['destroyed_at']}",
            8,
        )
        checks = "; ".join(f"{k}: {v}" for k, v in (item["verification"] or {}).items())
        line(f"    methode: {item['method']}; verificatie: {checks or '-'}", 7)
    if cert["needs_person"]:
        line("Voor een mens (bewaard, niet vernietigd)", 12, "B")
        for item in cert["needs_person"]:
            line(f"#{item['item_id']} | {item['source']} | {item['location']} | {item['reason']}", 8)
    if cert["not_destroyed"]:
        line("Niet vernietigd", 12, "B")
        for item in cert["not_destroyed"]:
            line(f"#{item['item_id']} {item['status']}: {item['error']}", 8)
    anchor = cert["audit_anchor"]
    line(f"Verankering in de auditlog: gebeurtenis {anchor['seq']}, hash {anchor['hash']}", 8)
    pdf.output(str(path))
    return path
