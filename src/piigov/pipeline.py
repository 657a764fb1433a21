"""The steps of the governance cycle with their I/O wired to settings; the CLI and the DAGs call these.

Every step returns ids and counts only, so whatever calls it (a DAG's XCom, a CLI's stdout) never
carries personal data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path as Path_
from typing import TYPE_CHECKING, Any

from piigov.classification import classify_register, load_policy
from piigov.register import session_scope
from piigov.reports.render import safe_filename
from piigov.settings import Settings, get_settings, load_hmac_key

if TYPE_CHECKING:
    from pathlib import Path

    from piigov.classification.policy import Policy


def policy(settings: Settings | None = None) -> Policy:
    return load_policy((settings or get_settings()).policy_path)


def _sessions(settings: Settings | None = None):  # type: ignore[no-untyped-def]
    return partial(session_scope, (settings or get_settings()).db_url)


# --- scan -------------------------------------------------------------------------------------------


def source_kind(uri: str) -> str:
    from urllib.parse import urlparse

    from piigov.sources import SQL_SCHEMES

    scheme = urlparse(uri).scheme.lower()
    return {"s3": "s3", "smb": "smb", "mail+file": "mail"}.get(
        scheme, "sql" if scheme in SQL_SCHEMES else "local"
    )


def scan_plan(
    source_uri: str,
    *,
    conn_id: str | None = None,
    full: bool = False,
    batch_size: int = 50,
    external_run_id: str | None = None,
    max_item_bytes: int | None = None,
) -> dict[str, Any]:
    """List the source into the register. With `conn_id`, credentials come from that Airflow connection."""
    from piigov.detection import get_detector
    from piigov.scanning import DEFAULT_MAX_ITEM_BYTES, batched, plan_scan
    from piigov.sources import open_source
    from piigov.sources.registry import open_from_connection, remember

    source = (
        open_from_connection(conn_id, source_kind(source_uri), source_uri)
        if conn_id
        else open_source(source_uri)
    )
    with _sessions()() as session:
        remember(session, source, conn_id)
        run_id, to_read = plan_scan(
            session,
            source,
            get_detector(),
            policy(),
            full=full,
            external_run_id=external_run_id,
            max_item_bytes=max_item_bytes or DEFAULT_MAX_ITEM_BYTES,
        )
    return {"scan_run_id": run_id, "source": source.uri, "batches": batched(to_read, batch_size)}


def scan_batch(source_uri: str, item_ids: list[int], hmac_key: bytes | None = None) -> dict[str, int]:
    """Scan items of a source planned before; the source reopens as it was registered (same connection)."""
    from piigov.detection import get_detector
    from piigov.scanning import scan_items
    from piigov.sources.registry import open_registered

    key = hmac_key or load_hmac_key()
    with _sessions()() as session:
        return scan_items(session, open_registered(source_uri), get_detector(), key, item_ids)


def scan_finish(scan_run_id: int) -> dict[str, Any]:
    from piigov.scanning import finish_scan

    with _sessions()() as session:
        return finish_scan(session, scan_run_id, policy()).as_dict()


def scan(
    source_uri: str, *, full: bool = False, batch_size: int = 50, hmac_key: bytes | None = None
) -> dict[str, Any]:
    planned = scan_plan(source_uri, full=full, batch_size=batch_size)
    for batch in planned["batches"]:
        scan_batch(planned["source"], batch, hmac_key)
    return scan_finish(planned["scan_run_id"])


# --- classify and report ------------------------------------------------------------------------------


def classify(source: str | None = None) -> dict[str, int]:
    with _sessions()() as session:
        return classify_register(session, policy(), source)


def fg_report() -> dict[str, str]:
    from piigov.reports.fg_report import write_fg_report

    settings = get_settings()
    with _sessions()() as session:
        json_path, html_path = write_fg_report(session, policy(), settings.reports_dir)
    return {"json": str(json_path), "html": str(html_path)}


# --- destruction -----------------------------------------------------------------------------------------


def destruction_plan(run_id: str, sources: list[str] | None = None, actor: str = "piigov") -> dict[str, Any]:
    from piigov.destruction import plan_destruction

    with _sessions()() as session:
        summary = plan_destruction(session, policy(), run_id, sources=sources, actor=actor)
    from piigov.airflow.reports_app import report_url

    dry_run_list = write_dry_run_list(run_id)
    return summary.as_dict() | {
        "dry_run_list": str(dry_run_list),
        "dry_run_list_url": report_url(dry_run_list),
    }


def destruction_dry_run(sources: list[str] | None = None) -> dict[str, Any]:
    """What a destruction run would destroy now, without storing a run."""
    from piigov.destruction.plan import select_for_destruction

    current = policy()
    with _sessions()() as session:
        planned, excluded = select_for_destruction(session, current, "dry-run", sources)
        return {
            "items": [_list_row(i, i.classified_content_hash, i.size, current) for i in planned],
            "excluded": excluded,
        }


def _list_row(item: Any, content_hash: str | None, size: int, current: Policy) -> dict[str, Any]:
    """One line of a destruction list: ids, masked location, hash, size, categories, method; never a value."""
    from piigov.destruction.redaction import planned_method

    return {
        "item_id": item.id,
        "source": item.source,
        "location": item.display_location,
        "content_hash": content_hash,
        "size_bytes": size,
        "categories": item.categories or [],
        "special_category": item.special_category,
        "dossier": item.dossier,
        # delete, redact (kept under the Archives Act) or person (kept; only a person can redact it)
        "method": planned_method(item, current),
    }


def write_dry_run_list(run_id: str) -> Path:
    """The exact list the FG approves: ids, masked locations, hashes, sizes, categories."""
    import json

    from piigov.register.models import DestructionRun

    settings = get_settings()
    path = settings.reports_dir / f"destruction-list-{safe_filename(run_id)}.json"
    current = policy()
    with _sessions()() as session:
        run = session.get(DestructionRun, run_id)
        assert run is not None
        rows = [_list_row(e.item, e.content_hash, e.size, current) for e in run.entries]
        body = {
            "run_id": run_id,
            "policy_version": run.policy_version,
            "items": rows,
            "excluded": run.excluded,
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def destruction_verify_before(run_id: str, today: date | None = None) -> dict[str, Any]:
    from piigov.destruction import verify_before

    settings = get_settings()
    with _sessions()() as session:
        summary = verify_before(
            session,
            run_id,
            policy(),
            today=today,
            data_docs_dir=settings.reports_dir / "data_docs" / safe_filename(run_id),
        )
    return _brief(summary.as_dict())


def destruction_decide(
    run_id: str, *, approved: bool, decided_by: str, decided_at: datetime | None, allowed: list[str]
) -> dict[str, Any]:
    from piigov.destruction import record_decision

    with _sessions()() as session:
        run = record_decision(
            session,
            run_id,
            approved=approved,
            decided_by=decided_by,
            decided_at=decided_at or datetime.now(UTC),
            allowed=allowed,
        )
        return {"run_id": run.id, "decision": run.decision, "status": run.status}


def destruction_execute(run_id: str, actor: str = "piigov") -> dict[str, Any]:
    from piigov.destruction import destroy

    return destroy(_sessions(), run_id, actor=actor)


def destruction_verify_after(run_id: str) -> dict[str, Any]:
    from piigov.destruction import verify_after

    settings = get_settings()
    with _sessions()() as session:
        summary = verify_after(
            session, run_id, data_docs_dir=settings.reports_dir / "data_docs" / safe_filename(run_id)
        )
    return _brief(summary.as_dict())


def destruction_certify(run_id: str, performer: str) -> dict[str, str]:
    from piigov.destruction.certificate import write_certificate

    settings = get_settings()
    with _sessions()() as session:
        json_path, html_path = write_certificate(
            session, run_id, policy(), settings.reports_dir, performer=performer
        )
    # Only once the proof is written: the keyed hashes of destroyed items (and of their requesters) go.
    from piigov.register.purge import purge_destroyed

    with _sessions()() as session:
        purge_destroyed(session, actor=performer)
    return {"json": str(json_path), "html": str(html_path)}


def destruction_status(run_id: str) -> dict[str, Any]:
    from piigov.register.models import DestructionRun

    with _sessions()() as session:
        run = session.get(DestructionRun, run_id)
        if run is None:
            return {"run_id": run_id, "status": "unknown", "decision": None, "items": 0}
        return {"run_id": run_id, "status": run.status, "decision": run.decision, "items": len(run.entries)}


def audit_verify() -> dict[str, Any]:
    from piigov.register import audit

    with _sessions()() as session:
        report = audit.verify(session)
    return report.__dict__.copy()


def _brief(summary: dict[str, Any]) -> dict[str, Any]:
    from piigov.airflow.reports_app import report_url

    return {
        "checkpoint": summary["checkpoint"],
        "success": summary["success"],
        "rows": summary["rows"],
        "data_docs": summary["data_docs"],
        "data_docs_url": report_url(summary["data_docs"]),
    }


# --- inquiries ------------------------------------------------------------------------------------------------
# Steps return inquiry ids, counts and paths; raw values stay in the postbus, the sources and the
# encrypted access report.


def postbus_uri(settings: Settings | None = None) -> str:
    """Where requests arrive: PIIGOV_POSTBUS (a mail export URI or s3:// prefix), else a local folder."""
    import os

    settings = settings or get_settings()
    return os.environ.get("PIIGOV_POSTBUS") or f"mail+file://{settings.home / 'postbus'}"


def inquiry_intake(
    source_uri: str | None = None, *, conn_id: str | None = None, actor: str = "piigov"
) -> dict[str, Any]:
    """Scan the postbus and register every request e-mail that has no inquiry yet."""
    from sqlalchemy import select

    from piigov.classification.classify import ATTACHMENT_MARK
    from piigov.inquiries.intake import bsn_candidates, parse_request
    from piigov.inquiries.service import register_request_item
    from piigov.register.models import Inquiry, Item, ItemState
    from piigov.sources.registry import open_registered

    uri = source_uri or postbus_uri()
    planned = scan_plan(uri, conn_id=conn_id)
    for batch in planned["batches"]:
        scan_batch(planned["source"], batch)
    scan_finish(planned["scan_run_id"])
    source = open_registered(planned["source"])
    key = load_hmac_key()
    registered, late, failed = [], [], []
    with _sessions()() as session:
        known = set(session.execute(select(Inquiry.request_item_id)).scalars())
        items = session.execute(
            select(Item)
            .where(Item.source == planned["source"], Item.state == ItemState.SCANNED)
            .order_by(Item.id)
        ).scalars()
        for item in items:
            if item.id in known or ATTACHMENT_MARK in item.key or item.destroyed_at is not None:
                continue
            try:
                raw = source.read(item.key)
                details = parse_request(raw, bsn_candidates(raw))
                channel = "form" if b"X-Piigov-Channel: form" in raw else "postbus"
                inquiry = register_request_item(
                    session, policy(), item, details, key, channel=channel, actor=actor
                )
            except Exception as exc:  # one unreadable request must not stop the others; staff see it
                failed.append({"item_id": item.id, "error": type(exc).__name__})
                continue
            registered.append(inquiry.id)
            if inquiry.late:
                late.append(inquiry.id)
    return {"source": planned["source"], "registered": registered, "late": late, "failed": failed}


def inquiry_form_entry(fields: dict[str, str | None], *, entered_by: str) -> dict[str, Any]:
    """A request entered by screened staff: written into the postbus as an e-mail, then taken in."""
    import os
    import secrets

    from piigov.inquiries.intake import form_request_eml
    from piigov.sources.local import fsync_dir

    uri = postbus_uri()
    if not uri.startswith("mail+file://"):
        raise ValueError(
            "form entries are written to a local postbus folder (PIIGOV_POSTBUS=mail+file://...)"
        )
    if not (fields.get("name") or "").strip():
        raise ValueError("a request needs the requester's name")
    folder = Path_(uri.removeprefix("mail+file://")) / "form"
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    body = form_request_eml(
        name=fields["name"] or "",
        date_of_birth=fields.get("date_of_birth"),
        place=fields.get("place"),
        email_address=fields.get("email"),
        phone=fields.get("phone"),
        bsn=fields.get("bsn"),
        entered_by=entered_by,
        received_at=now,
    )
    target = folder / f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.eml"
    # A new file, written whole before anyone lists it: temporary name, fsync, rename, folder fsync.
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "wb") as out:
        out.write(body)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, 0o600)
    tmp.rename(target)
    fsync_dir(folder)
    result = inquiry_intake(uri, actor=entered_by)
    return result


def _inquiry_step(fn_name: str, inquiry_id: str, **kwargs: Any) -> Any:
    from piigov.inquiries import service

    with _sessions()() as session:
        return getattr(service, fn_name)(session, inquiry_id, **kwargs)


def inquiry_search(inquiry_id: str, actor: str = "piigov") -> dict[str, Any]:
    from piigov.inquiries.service import search_and_hold

    with _sessions()() as session:
        return search_and_hold(session, inquiry_id, exclude_sources=[postbus_uri()], actor=actor).as_dict()


def inquiry_confirm(inquiry_id: str, item_ids: list[int], decided_by: str) -> dict[str, int]:
    return _inquiry_step("confirm_matches", inquiry_id, confirmed_item_ids=item_ids, decided_by=decided_by)


def inquiry_report(inquiry_id: str, actor: str = "piigov") -> dict[str, Any]:
    from piigov.inquiries.report import report_key, write_access_report

    settings = get_settings()
    with _sessions()() as session:
        return write_access_report(
            session,
            inquiry_id,
            policy(),
            load_hmac_key(),
            folder=inquiry_reports_dir(settings),
            key=report_key(settings.home),
            actor=actor,
        )


def inquiry_reports_dir(settings: Settings | None = None) -> Path:
    """Access reports live apart from the FG's reports: PIIGOV_INQUIRY_DIR, else <home>/inquiries."""
    import os

    settings = settings or get_settings()
    return Path_(os.environ.get("PIIGOV_INQUIRY_DIR", settings.home / "inquiries"))


def inquiry_late_decision(inquiry_id: str, *, accept: bool, decided_by: str) -> dict[str, Any]:
    inquiry = _inquiry_step("decide_late", inquiry_id, accept=accept, decided_by=decided_by)
    return {"inquiry_id": inquiry_id, "status": inquiry.status}


def inquiry_explained(
    inquiry_id: str, *, explained_by: str, explained_at: datetime | None = None, channel: str = "brief"
) -> dict[str, Any]:
    _inquiry_step(
        "record_explanation",
        inquiry_id,
        explained_by=explained_by,
        explained_at=explained_at or datetime.now(UTC),
        channel=channel,
    )
    return {"inquiry_id": inquiry_id, "status": "explained"}


def inquiry_objection(
    inquiry_id: str,
    *,
    objection: bool,
    decided_by: str,
    decided_at: datetime | None = None,
    reason: str | None = None,
) -> dict[str, Any]:
    inquiry = _inquiry_step(
        "record_objection_decision",
        inquiry_id,
        objection=objection,
        decided_by=decided_by,
        decided_at=decided_at,
        reason=reason,
    )
    return {"inquiry_id": inquiry_id, "status": inquiry.status}


def inquiry_extend(inquiry_id: str, *, months: int, reason: str, extended_by: str) -> dict[str, Any]:
    inquiry = _inquiry_step(
        "extend_deadline", inquiry_id, months=months, reason=reason, extended_by=extended_by
    )
    return {"inquiry_id": inquiry_id, "extended_until": inquiry.extended_until.date().isoformat()}


def inquiry_deadlines(now: datetime | None = None, warn_days: int | None = None) -> list[dict[str, Any]]:
    from piigov.inquiries.service import deadline_alerts

    with _sessions()() as session:
        return [a.__dict__.copy() for a in deadline_alerts(session, now, warn_days)]


def inquiry_status(inquiry_id: str) -> dict[str, Any]:
    from piigov.inquiries.service import deadline, get_inquiry, summarise_matches

    with _sessions()() as session:
        inquiry = get_inquiry(session, inquiry_id)
        return {
            "inquiry_id": inquiry.id,
            "status": inquiry.status,
            "late": inquiry.late,
            "channel": inquiry.channel,
            "answer_due": deadline(inquiry).date().isoformat(),
            "request_item_id": inquiry.request_item_id,
        } | summarise_matches(session, inquiry).as_dict()


def hold_place(item_id: int, *, reason: str, placed_by: str, kind: str = "legal") -> dict[str, Any]:
    from piigov.holds import place_hold

    with _sessions()() as session:
        hold = place_hold(session, item_id, kind=kind, reason=reason, placed_by=placed_by)
        return {"hold_id": hold.id, "item_id": item_id, "kind": kind}


def hold_lift(hold_id: int, *, reason: str, lifted_by: str) -> dict[str, Any]:
    from piigov.holds import lift_hold

    with _sessions()() as session:
        hold = lift_hold(session, hold_id, reason=reason, lifted_by=lifted_by)
        return {"hold_id": hold.id, "item_id": hold.item_id, "lifted": True}
