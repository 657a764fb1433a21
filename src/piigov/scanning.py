"""The scan: list a source into the register, then read, extract and detect item by item.

Split in three steps so Airflow can map the middle one over batches: `plan_scan` (one listing),
`scan_items` (per batch), `finish_scan` (summary). `piigov.pipeline.scan` runs all three without Airflow.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from piigov.hashing import content_hash, keyed_hash
from piigov.register import audit
from piigov.register.models import Finding, Item, ItemState, ScanRun, SubjectKey

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from piigov.classification.policy import Policy
    from piigov.detection import Detection, Detector
    from piigov.sources import Source

log = logging.getLogger(__name__)

DEFAULT_MAX_ITEM_BYTES = 200 * 1024 * 1024
# Key separators become spaces so a detector sees words while offsets stay the same.
_KEY_SEPARATORS = re.compile(r"[/_\-.]")


@dataclass
class ScanSummary:
    scan_run_id: int
    source: str
    items_total: int = 0
    items_scanned: int = 0
    items_unreadable: int = 0
    items_skipped: int = 0
    items_oversized: int = 0
    items_unchanged: int = 0  # not read again this run (same fingerprint and detector)
    items_removed: int = 0
    items_with_personal_data: int = 0
    findings_by_type: dict[str, int] = field(default_factory=dict)
    unreadable_by_reason: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def mask_key(key: str, detector: Detector, entity_types: frozenset[str]) -> str:
    """The key with personal data replaced by <ENTITY>, for reports and certificates."""
    spans = [d for d in detector.detect(_KEY_SEPARATORS.sub(" ", key)) if d.entity_type in entity_types]
    masked = key
    for det in sorted(spans, key=lambda d: d.start, reverse=True):
        masked = masked[: det.start] + f"<{det.entity_type}>" + masked[det.end :]
    return masked


def plan_scan(
    session: Session,
    source: Source,
    detector: Detector,
    policy: Policy,
    *,
    full: bool = False,
    max_item_bytes: int = DEFAULT_MAX_ITEM_BYTES,
    external_run_id: str | None = None,
) -> tuple[int, list[int]]:
    """List the source into the register; return the scan run id and the ids of items to read."""
    now = datetime.now(UTC)
    run = ScanRun(
        source=source.uri, started_at=now, detector_version=detector.version, external_run_id=external_run_id
    )
    session.add(run)
    session.flush()
    known = {i.key: i for i in session.execute(select(Item).where(Item.source == source.uri)).scalars()}
    seen: set[str] = set()
    to_read: list[int] = []
    unchanged_count = 0
    for listed in source.list_items():
        seen.add(listed.key)
        item = known.get(listed.key)
        if item is None or item.state in (ItemState.DESTROYED, ItemState.REMOVED):
            if item is None:
                item = Item(
                    source=source.uri,
                    key=listed.key,
                    display_location=mask_key(listed.key, detector, policy.identifying_entities),
                    first_seen_at=now,
                )
                session.add(item)
            # A destroyed key that reappears is a new item for the register's purposes.
            item.state = ItemState.PENDING
            item.fingerprint = ""
        unchanged = (
            not full
            and item.fingerprint == listed.fingerprint
            and item.detector_version == detector.version
            and item.state in (ItemState.SCANNED, ItemState.UNREADABLE)
        )
        item.fingerprint = listed.fingerprint
        item.size = listed.size
        item.last_scan_run_id = run.id
        if unchanged:
            unchanged_count += 1
            continue
        if listed.skip_reason:
            _set_state(item, ItemState.SKIPPED, listed.skip_reason, now)
        elif listed.size > max_item_bytes:
            _set_state(item, ItemState.OVERSIZED, f"{listed.size} bytes exceeds limit {max_item_bytes}", now)
        else:
            item.state = ItemState.PENDING
            session.flush()
            to_read.append(item.id)
    removed = [
        i
        for k, i in known.items()
        if k not in seen and i.state not in (ItemState.REMOVED, ItemState.DESTROYED)
    ]
    for item in removed:
        _set_state(item, ItemState.REMOVED, "no longer listed by the source", now)
        item.last_scan_run_id = run.id
    run.summary = {"items_unchanged": unchanged_count}
    session.flush()
    audit.record(
        session,
        "scan_planned",
        f"scan_run:{run.id}",
        {
            "source": source.uri,
            "listed": len(seen),
            "to_read": len(to_read),
            "removed": [i.id for i in removed],
        },
    )
    log.info("scan run %s: %d listed, %d to read, %d removed", run.id, len(seen), len(to_read), len(removed))
    return run.id, to_read


def _set_state(item: Item, state: str, reason: str | None, now: datetime) -> None:
    item.state = state
    item.reason = reason
    item.scanned_at = now
    if state != ItemState.SCANNED:
        item.findings.clear()
        if item.id is not None:
            _clear_subject_keys(item)


def _clear_subject_keys(item: Item) -> None:
    from sqlalchemy.orm import object_session

    session = object_session(item)
    if session is not None:
        session.execute(delete(SubjectKey).where(SubjectKey.item_id == item.id))


def subject_key_rows(
    item_id: int, text: str, detections: list[Detection], hmac_key: bytes
) -> list[SubjectKey]:
    """The keyed subject keys of an item's findings (name forms, dates), one row per distinct key."""
    from piigov.inquiries.keys import finding_subject_keys, hash_subject_key, key_kind

    keys: set[str] = set()
    for d in detections:
        keys |= finding_subject_keys(d.entity_type, text, d.start, d.end)
    return [
        SubjectKey(item_id=item_id, kind=key_kind(k), key_hash=hash_subject_key(hmac_key, k))
        for k in sorted(keys)
    ]


def scan_items(
    session: Session, source: Source, detector: Detector, hmac_key: bytes, item_ids: list[int]
) -> dict[str, int]:
    """Read, extract and detect each item; write findings. Returns counts by resulting state."""
    from piigov.extraction import UnreadableItem, extract_text

    counts: Counter[str] = Counter()
    items = session.execute(select(Item).where(Item.id.in_(item_ids)).order_by(Item.id)).scalars().all()
    for item in items:
        now = datetime.now(UTC)
        # Recorded for unreadable items too, so an unchanged unreadable item is not read on every rescan.
        item.detector_version = detector.version
        try:
            data, cells = _read(source, item.key)
        except Exception as exc:  # any read failure is recorded, never fatal for the batch
            _set_state(item, ItemState.UNREADABLE, f"read_error: {type(exc).__name__}", now)
            counts[item.state] += 1
            continue
        item.content_hash = content_hash(data)
        item.size = len(data)
        # Sources whose keys carry no file suffix (SQL rows, mailbox messages) name the format themselves.
        name_for_format = getattr(source, "extraction_name", None)
        try:
            extracted = extract_text(name_for_format(item.key) if name_for_format else item.key, data)
        except UnreadableItem as exc:
            _set_state(
                item, ItemState.UNREADABLE, f"{exc.reason}: {exc.detail}" if exc.detail else exc.reason, now
            )
            counts[item.state] += 1
            continue
        except Exception as exc:  # a parser bug must not stop the scan; the FG sees the item as unread
            log.warning("item %s: extractor failed with %s", item.id, type(exc).__name__)
            _set_state(item, ItemState.UNREADABLE, f"extractor_error: {type(exc).__name__}", now)
            counts[item.state] += 1
            continue
        text = extracted.text
        detections = detector.detect(text)
        if cells:
            detections += column_detections(detections, cells, _column_profile(source, detector))
        session.execute(delete(Finding).where(Finding.item_id == item.id))
        _clear_subject_keys(item)
        session.add_all(subject_key_rows(item.id, text, detections, hmac_key))
        session.add_all(
            Finding(
                item_id=item.id,
                entity_type=d.entity_type,
                start=d.start,
                end=d.end,
                score=round(d.score, 4),
                recognizer=d.recognizer,
                value_hash=keyed_hash(hmac_key, d.entity_type, text[d.start : d.end]),
            )
            for d in detections
        )
        item.state = ItemState.SCANNED
        item.reason = "; ".join(extracted.warnings)[:500] or None
        item.format = extracted.format
        item.text_chars = len(text)
        item.scanned_at = now
        counts[item.state] += 1
    session.flush()
    return dict(counts)


def _read(source: Source, key: str) -> tuple[bytes, list[tuple[int, int, str]] | None]:
    """The item's bytes, and for structured sources the (start, end, column) span of each cell."""
    read_with_columns = getattr(source, "read_with_columns", None)
    if read_with_columns is None:
        return source.read(key), None
    text, cells = read_with_columns(key)
    return text.encode("utf-8"), cells


_PROFILES: dict[str, dict[str, str | None]] = {}
COLUMN_PROFILE_SCORE = 0.6  # a cell in a column of names is a name even where the cell alone is ambiguous


def _column_profile(source: Source, detector: Detector) -> dict[str, str | None]:
    key = f"{source.uri}|{detector.version}"
    if key not in _PROFILES:
        _PROFILES[key] = source.column_profile(detector)  # type: ignore[attr-defined]
    return _PROFILES[key]


def column_detections(
    detections: list[Detection], cells: list[tuple[int, int, str]], profile: dict[str, str | None]
) -> list[Detection]:
    """A detection for every cell of a profiled column that the detector did not already cover."""
    from piigov.detection import Detection

    added = []
    for start, end, column in cells:
        entity_type = profile.get(column)
        if entity_type is None:
            continue
        covered = any(d.entity_type == entity_type and d.start < end and d.end > start for d in detections)
        if not covered:
            added.append(Detection(entity_type, start, end, COLUMN_PROFILE_SCORE, "ColumnProfile"))
    return added


def finish_scan(session: Session, scan_run_id: int, policy: Policy) -> ScanSummary:
    """Counts over every item the run listed; each listed item is in exactly one state."""
    run = session.get(ScanRun, scan_run_id)
    if run is None:
        raise ValueError(f"no scan run {scan_run_id}")
    summary = ScanSummary(scan_run_id=run.id, source=run.source)
    items = (
        session.execute(select(Item).where(Item.source == run.source, Item.last_scan_run_id == run.id))
        .scalars()
        .all()
    )
    summary.items_unchanged = (run.summary or {}).get("items_unchanged", 0)
    reasons: Counter[str] = Counter()
    for item in items:
        if item.state == ItemState.REMOVED:
            summary.items_removed += 1
            continue
        summary.items_total += 1
        if item.state == ItemState.SCANNED:
            summary.items_scanned += 1
        elif item.state == ItemState.UNREADABLE:
            summary.items_unreadable += 1
            reasons[(item.reason or "unknown").split(":", 1)[0]] += 1
        elif item.state == ItemState.SKIPPED:
            summary.items_skipped += 1
        elif item.state == ItemState.OVERSIZED:
            summary.items_oversized += 1
    live_ids = [i.id for i in items if i.state == ItemState.SCANNED]
    by_type: Counter[str] = Counter()
    with_pd: set[int] = set()
    for start in range(0, len(live_ids), 500):
        part = live_ids[start : start + 500]
        rows = session.execute(
            select(Finding.item_id, Finding.entity_type, func.count())
            .where(Finding.item_id.in_(part), Finding.score >= policy.min_score)
            .group_by(Finding.item_id, Finding.entity_type)
        )
        for item_id, entity_type, n in rows:
            by_type[entity_type] += n
            if entity_type in policy.identifying_entities:
                with_pd.add(item_id)
    summary.items_with_personal_data = len(with_pd)
    summary.findings_by_type = dict(sorted(by_type.items()))
    summary.unreadable_by_reason = dict(sorted(reasons.items()))
    run.finished_at = datetime.now(UTC)
    run.summary = summary.as_dict()
    audit.record(session, "scan_finished", f"scan_run:{run.id}", run.summary)
    return summary


def batched(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)] or []


def read_extracted(source: Source, key: str) -> tuple[bytes, str]:
    """An item's bytes and its extracted text, exactly as a scan sees them (so finding offsets apply)."""
    from piigov.extraction import extract_text

    data, _cells = _read(source, key)
    name_for_format = getattr(source, "extraction_name", None)
    return data, extract_text(name_for_format(key) if name_for_format else key, data).text
