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
    inquiry_id: Mapped[str | None] = mapped_column(ForeignKey("inquiries.id"), index=True)
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
    method: Mapped[str | None] = mapped_column(String(512))  # was 64: S3/SMB method lines are longer
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


class SubjectKey(Base):
    """Keyed hashes of the ways a finding can identify someone (name forms, a date), for inquiries.

    A PERSON finding "M. el Amrani" gives ``initial:m|elamrani`` and ``surname:elamrani``; a date gives
    ``date:1987-03-03``. Only HMACs are stored; see ``piigov.inquiries.keys``.
    """

    __tablename__ = "subject_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # full, initial, surname, given, date
    key_hash: Mapped[str] = mapped_column(String(64), index=True)


class InquiryStatus:
    OPEN = "open"  # received; matched items held
    LATE_REVIEW = "late_review"  # after the inquiry deadline: a person decides whether to handle it
    EXPLAINED = "explained"  # the explanation was given; waiting for objection yes/no
    NO_OBJECTION = "no_objection"  # closed: the person's data and the request join destruction
    OBJECTION = "objection"  # closed: holds stay, with the reason
    DECLINED = "declined"  # a late request a person decided not to handle

    CLOSED = (NO_OBJECTION, OBJECTION, DECLINED)


class Inquiry(Base):
    """A request by a person whether their data was processed. Holds keyed hashes only, no values."""

    __tablename__ = "inquiries"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # INQ-2024-0001
    channel: Mapped[str] = mapped_column(String(16))  # postbus, form
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    request_item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), unique=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), index=True)
    # {"name": [hashes of name keys], "date_of_birth": hash, "email": hash, ...}
    identifiers: Mapped[dict] = mapped_column(JSON)
    answer_due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extended_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    extension_reason: Mapped[str | None] = mapped_column(String(256))
    searched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    report_path: Mapped[str | None] = mapped_column(String(1024))
    explained_by: Mapped[str | None] = mapped_column(String(128))
    explained_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    explanation_channel: Mapped[str | None] = mapped_column(String(32))
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    objection_reason: Mapped[str | None] = mapped_column(String(256))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    matches: Mapped[list[InquiryMatch]] = relationship(
        back_populates="inquiry", order_by="InquiryMatch.item_id", cascade="all, delete-orphan"
    )


class MatchStatus:
    CANDIDATE = "candidate"  # a weak match a person has not decided on
    CONFIRMED = "confirmed"  # strong, or weak and confirmed by a person
    REJECTED = "rejected"  # weak, and a person decided it is someone else


class InquiryMatch(Base):
    __tablename__ = "inquiry_matches"
    __table_args__ = (UniqueConstraint("inquiry_id", "item_id", name="uq_match_inquiry_item"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inquiry_id: Mapped[str] = mapped_column(ForeignKey("inquiries.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    strength: Mapped[str] = mapped_column(String(8))  # strong, weak
    basis: Mapped[list] = mapped_column(JSON)  # ["email", "full_name", "date_of_birth"]: kinds, no values
    status: Mapped[str] = mapped_column(String(16))
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id"))
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    inquiry: Mapped[Inquiry] = relationship(back_populates="matches")
    item: Mapped[Item] = relationship()
