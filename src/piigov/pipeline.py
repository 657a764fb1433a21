"""The steps of the governance cycle with their I/O wired to settings; the CLI and the DAGs call these.

Every step returns ids and counts only, so whatever calls it (a DAG's XCom, a CLI's stdout) never
carries personal data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
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
    return summary.as_dict() | {"dry_run_list": str(write_dry_run_list(run_id))}


def destruction_dry_run(sources: list[str] | None = None) -> dict[str, Any]:
    """What a destruction run would destroy now, without storing a run."""
    from piigov.destruction.plan import select_for_destruction

    with _sessions()() as session:
        planned, excluded = select_for_destruction(session, policy(), "dry-run", sources)
        return {
            "items": [_list_row(i, i.classified_content_hash, i.size) for i in planned],
            "excluded": excluded,
        }


def _list_row(item: Any, content_hash: str | None, size: int) -> dict[str, Any]:
    """One line of a destruction list: ids, masked location, hash, size, categories; never a value."""
    return {
        "item_id": item.id,
        "source": item.source,
        "location": item.display_location,
        "content_hash": content_hash,
        "size_bytes": size,
        "categories": item.categories or [],
        "special_category": item.special_category,
        "dossier": item.dossier,
    }


def write_dry_run_list(run_id: str) -> Path:
    """The exact list the FG approves: ids, masked locations, hashes, sizes, categories."""
    import json

    from piigov.register.models import DestructionRun

    settings = get_settings()
    path = settings.reports_dir / f"destruction-list-{safe_filename(run_id)}.json"
    with _sessions()() as session:
        run = session.get(DestructionRun, run_id)
        assert run is not None
        rows = [_list_row(e.item, e.content_hash, e.size) for e in run.entries]
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
    return {
        "checkpoint": summary["checkpoint"],
        "success": summary["success"],
        "rows": summary["rows"],
        "data_docs": summary["data_docs"],
    }
