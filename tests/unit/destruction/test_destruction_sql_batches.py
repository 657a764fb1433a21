"""Rows of a table are deleted in batches, one transaction each, then the database reclaims the space."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from classified_items import register_classified
from piigov.destruction import destroy, plan_destruction, record_decision, verify_after
from piigov.destruction import execute as execute_module
from piigov.register import AuditEvent, DestructionEntry, EntryStatus, session_scope
from piigov.sources.sql import SqlTableSource

ROWS = 7


@pytest.fixture
def table(piigov_home, tmp_path: Path, policy) -> tuple[str, SqlTableSource]:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'taskforce.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE taskforce (id INTEGER PRIMARY KEY, naam TEXT, notitie TEXT)"))
        for i in range(1, ROWS + 1):
            conn.execute(
                text("INSERT INTO taskforce VALUES (:i, :n, :t)"), {"i": i, "n": f"persoon {i}", "t": "x"}
            )
        conn.execute(text("CREATE TABLE personen (id INTEGER PRIMARY KEY, naam TEXT)"))
        conn.execute(text("INSERT INTO personen VALUES (1, 'persoon buiten het dossier')"))
    engine.dispose()
    source = SqlTableSource(url, "taskforce")
    now = datetime.now(UTC)
    with session_scope() as s:
        register_classified(s, source, policy, lambda key: "taskforce", now)
        plan_destruction(s, policy, "sql-run")
        record_decision(s, "sql-run", approved=True, decided_by="fg", decided_at=now, allowed=["fg"])
    return url, source


def _ids(url: str, table: str) -> list[int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text(f"SELECT id FROM {table} ORDER BY id"))]
    engine.dispose()
    return ids


def test_rows_go_in_batches_and_a_changed_row_stays(table, policy, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    url, _source = table
    monkeypatch.setattr(execute_module, "SQL_BATCH_ROWS", 3)
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE taskforce SET notitie = 'gewijzigd' WHERE id = 4"))
    engine.dispose()
    result = destroy(partial(session_scope, None), "sql-run", policy=policy)
    assert result == {"deleted": ROWS - 1, "failed": 1, "this_attempt": {"deleted": ROWS - 1, "failed": 1}}
    assert _ids(url, "taskforce") == [4] and _ids(url, "personen") == [1]
    with session_scope() as s:
        entries = {e.item.key: e for e in s.query(DestructionEntry)}
        assert entries["taskforce/4"].error == "content changed since classification"
        batches = Counter(e.method for e in entries.values() if e.status == EntryStatus.DELETED)
        # Three transactions of at most three rows: 3 + 2 (one of that batch changed) + 1.
        assert sorted(batches.values()) == [1, 2, 3]
        executed = s.query(AuditEvent).filter_by(action="destruction_executed").one()
        assert executed.details["space_reclaimed"] == [
            "VACUUM (SQLite database file rebuilt without free pages)"
        ]


def test_a_batch_committed_before_a_crash_is_journalled_on_the_rerun(table, policy) -> None:  # type: ignore[no-untyped-def]
    _url, source = table
    with session_scope() as s:
        for entry in s.query(DestructionEntry):
            entry.status = EntryStatus.DELETING  # the journal said "deleting" ...
    source.delete_many([f"taskforce/{i}" for i in range(1, ROWS + 1)])  # ... and the transaction committed
    result = destroy(partial(session_scope, None), "sql-run", policy=policy)
    assert result["this_attempt"] == {"deleted_before_crash": ROWS}
    with session_scope() as s:
        assert verify_after(s, "sql-run", policy=policy).success
