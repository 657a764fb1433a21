"""Register of items, findings, holds and destruction, with a hash-chained audit log."""

from piigov.register.db import get_engine, session_scope
from piigov.register.models import (
    AuditEvent,
    DestructionEntry,
    DestructionRun,
    EntryStatus,
    Finding,
    Hold,
    Item,
    ItemState,
    ScanRun,
)

__all__ = [
    "AuditEvent",
    "DestructionEntry",
    "DestructionRun",
    "EntryStatus",
    "Finding",
    "Hold",
    "Item",
    "ItemState",
    "ScanRun",
    "get_engine",
    "session_scope",
]
