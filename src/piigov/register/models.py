"""The register: items, findings, holds, destruction journal and audit log.

It holds locations, hashes, counts and entity types; never a detected value.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ItemState:
    PENDING = "pending"
    SCANNED = "scanned"
    UNREADABLE = "unreadable"
    SKIPPED = "skipped"
    OVERSIZED = "oversized"
    REMOVED = "removed"
    DESTROYED = "destroyed"

    NOT_EXAMINED = (UNREADABLE, SKIPPED, OVERSIZED)


class ScanRun(Base):
    __tablename__ = "scan_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(512))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    detector_version: Mapped[str] = mapped_column(String(64))
    external_run_id: Mapped[str | None] = mapped_column(String(250))
    summary: Mapped[dict | None] = mapped_column(JSON)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("source", "key", name="uq_item_source_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(512), index=True)
    key: Mapped[str] = mapped_column(String(2048))
    # Shown in reports and certificates: the key with personal data in it masked.
    display_location: Mapped[str] = mapped_column(String(2048))
    fingerprint: Mapped[str] = mapped_column(String(256))
    size: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(32), default=ItemState.PENDING)
    reason: Mapped[str | None] = mapped_column(String(512))
    content_hash: Mapped[str | None] = mapped_column(String(80))
    format: Mapped[str | None] = mapped_column(String(16))
    text_chars: Mapped[int | None] = mapped_column(Integer)
    detector_version: Mapped[str | None] = mapped_column(String(64))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    scanned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_scan_run_id: Mapped[int | None] = mapped_column(ForeignKey("scan_runs.id"))

    classification: Mapped[str | None] = mapped_column(String(32), index=True)
    classification_reasons: Mapped[list | None] = mapped_column(JSON)
    categories: Mapped[list | None] = mapped_column(JSON)
    special_category: Mapped[bool] = mapped_column(Boolean, default=False)
    dossier: Mapped[str | None] = mapped_column(String(128))
    policy_version: Mapped[str | None] = mapped_column(String(64))
    classified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    classified_content_hash: Mapped[str | None] = mapped_column(String(80))
    destroyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    findings: Mapped[list[Finding]] = relationship(back_populates="item", cascade="all, delete-orphan")


class Finding(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    entity_type: Mapped[str] = mapped_column(String(64), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    recognizer: Mapped[str] = mapped_column(String(128))
    value_hash: Mapped[str] = mapped_column(String(64), index=True)

    item: Mapped[Item] = relationship(back_populates="findings")


class Hold(Base):
    __tablename__ = "holds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # "legal" or "inquiry"
    reason: Mapped[str] = mapped_column(Text)
    placed_by: Mapped[str] = mapped_column(String(128))
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lifted_by: Mapped[str | None] = mapped_column(String(128))
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lift_reason: Mapped[str | None] = mapped_column(Text)


class DestructionRun(Base):
    __tablename__ = "destruction_runs"

    id: Mapped[str] = mapped_column(String(250), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(
        String(32)
    )  # planned, approved, rejected, destroyed, certified, failed
    policy_version: Mapped[str] = mapped_column(String(64))
    legal_ground: Mapped[str] = mapped_column(Text)
    sources: Mapped[list] = mapped_column(JSON)
    excluded: Mapped[list | None] = mapped_column(JSON)  # [{"item_id":..,"reason":..}]
    approved_by: Mapped[str | None] = mapped_column(String(128))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision: Mapped[str | None] = mapped_column(String(32))
    verification: Mapped[dict | None] = mapped_column(JSON)  # {"before": summary, "after": summary}
    certificate_path: Mapped[str | None] = mapped_column(String(1024))
    certificate_hash: Mapped[str | None] = mapped_column(String(80))

    entries: Mapped[list[DestructionEntry]] = relationship(
        back_populates="run", order_by="DestructionEntry.id"
    )


class EntryStatus:
    PLANNED = "planned"
    DELETING = "deleting"
    DELETED = "deleted"
    FAILED = "failed"


class DestructionEntry(Base):
    """The journal: one row per item per run; its status moves planned -> deleting -> deleted."""

    __tablename__ = "destruction_entries"
    __table_args__ = (UniqueConstraint("run_id", "item_id", name="uq_entry_run_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("destruction_runs.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    status: Mapped[str] = mapped_column(String(32), default=EntryStatus.PLANNED)
    content_hash: Mapped[str] = mapped_column(String(80))
    size: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str | None] = mapped_column(String(64))
    destroyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    verified_absent: Mapped[bool | None] = mapped_column(Boolean)
    error: Mapped[str | None] = mapped_column(String(512))

    run: Mapped[DestructionRun] = relationship(back_populates="entries")
    item: Mapped[Item] = relationship()


class AuditEvent(Base):
    """Append-only, hash-chained. Each event's hash covers its fields and the previous event's hash."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(256))
    details: Mapped[dict] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SourceRecord(Base):
    """A scanned source: how to reach it again (an Airflow connection id), never its secrets."""

    __tablename__ = "sources"

    uri: Mapped[str] = mapped_column(String(512), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    conn_id: Mapped[str | None] = mapped_column(String(250))
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
