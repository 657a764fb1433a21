"""The scan over a real folder with the real detector: states, findings, rescans, removals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from piigov import pipeline
from piigov.register import Finding, Item, ItemState, session_scope

BSN = "111222333"  # passes the elfproef
TEXT = f"Gesprek met mevrouw Fatima Bouzid, BSN {BSN}, telefoon 06-12345678, woonachtig in Utrecht."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    (root / "dossiers" / "salafisme").mkdir(parents=True)
    (root / "dossiers" / "salafisme" / "notitie.txt").write_text(TEXT, encoding="utf-8")
    (root / "beleid.txt").write_text("Algemene beleidsnotitie over de aanpak, zaaknummer 2023-0012345.")
    (root / "kapot.pdf").write_bytes(b"%PDF-1.4 truncated")
    (root / "leeg.txt").write_bytes(b"")
    return root


def _items(source_uri: str) -> dict[str, Item]:
    with session_scope() as s:
        return {i.key: i for i in s.execute(select(Item).where(Item.source == source_uri)).scalars()}


def test_scan_accounts_for_every_item(piigov_home, folder: Path) -> None:  # type: ignore[no-untyped-def]
    summary = pipeline.scan(str(folder))
    assert summary["items_total"] == 4
    assert summary["items_scanned"] + summary["items_unreadable"] == 4
    assert summary["items_unreadable"] == 2 and summary["unreadable_by_reason"] == {"corrupt": 1, "empty": 1}
    assert summary["items_with_personal_data"] == 1
    assert {"PERSON", "NL_BSN", "PHONE_NUMBER"} <= set(summary["findings_by_type"])
    items = _items(summary["source"])
    assert items["kapot.pdf"].state == ItemState.UNREADABLE and items["kapot.pdf"].reason.startswith(
        "corrupt"
    )


def test_findings_hold_hashes_and_offsets_not_values(piigov_home, folder: Path, hmac_key: bytes) -> None:  # type: ignore[no-untyped-def]
    from piigov.hashing import keyed_hash

    summary = pipeline.scan(str(folder))
    with session_scope() as s:
        item = s.execute(select(Item).where(Item.key == "dossiers/salafisme/notitie.txt")).scalar_one()
        findings = s.execute(select(Finding).where(Finding.item_id == item.id)).scalars().all()
        bsn = next(f for f in findings if f.entity_type == "NL_BSN")
        assert TEXT[bsn.start : bsn.end] == BSN
        assert bsn.value_hash == keyed_hash(hmac_key, "NL_BSN", BSN)
        for f in findings:
            assert TEXT[f.start : f.end] not in (f.value_hash, f.recognizer)
    assert summary["items_scanned"] == 2


def test_rescan_of_an_unchanged_source_reads_nothing(piigov_home, folder: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from piigov.sources.local import LocalFolderSource

    first = pipeline.scan(str(folder))
    reads: list[str] = []
    original = LocalFolderSource.read
    monkeypatch.setattr(LocalFolderSource, "read", lambda self, key: reads.append(key) or original(self, key))
    second = pipeline.scan(str(folder))
    assert reads == []
    assert second["items_unchanged"] == 4 and second["items_total"] == first["items_total"]
    assert second["findings_by_type"] == first["findings_by_type"]


def test_changed_and_removed_items_are_noticed(piigov_home, folder: Path) -> None:  # type: ignore[no-untyped-def]
    pipeline.scan(str(folder))
    (folder / "beleid.txt").write_text("Nu met contactpersoon: f.bouzid@example.com")
    (folder / "leeg.txt").unlink()
    summary = pipeline.scan(str(folder))
    assert summary["items_removed"] == 1 and summary["items_total"] == 3 and summary["items_unchanged"] == 2
    items = _items(summary["source"])
    assert items["leeg.txt"].state == ItemState.REMOVED
    assert summary["items_with_personal_data"] == 2


def test_symlinks_are_listed_and_skipped(piigov_home, folder: Path) -> None:  # type: ignore[no-untyped-def]
    (folder / "link.txt").symlink_to(folder / "beleid.txt")
    summary = pipeline.scan(str(folder))
    assert summary["items_skipped"] == 1 and summary["items_total"] == 5


def test_oversized_items_are_not_read(piigov_home, folder: Path) -> None:  # type: ignore[no-untyped-def]
    planned = pipeline.scan_plan(str(folder), max_item_bytes=10)
    ids = [i for b in planned["batches"] for i in b]
    summary = pipeline.scan_finish(planned["scan_run_id"])
    assert ids == [] or len(ids) == 1  # only the empty file fits under 10 bytes
    assert summary["items_oversized"] == 3


def test_personal_data_in_a_file_name_is_masked_for_reports(piigov_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "named"
    root.mkdir()
    (root / f"bsn_{BSN}_notitie.txt").write_text("geen inhoud van belang")
    summary = pipeline.scan(str(root))
    item = next(iter(_items(summary["source"]).values()))
    assert BSN not in item.display_location and "<NL_BSN>" in item.display_location


def test_a_column_of_names_marks_every_cell_even_an_ambiguous_one(piigov_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    db = tmp_path / "taskforce.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE personen (id INTEGER PRIMARY KEY, persoon TEXT, notitie TEXT)")
        names = [
            "Fatima Bouzid",
            "Mehmet Öztürk",
            "Jan de Vries",
            "Khadija El Amrani",
            "Sanne Bakker",
            "Roos",
        ]
        conn.executemany(
            "INSERT INTO personen VALUES (?, ?, ?)", [(i, n, "gesprek gevoerd") for i, n in enumerate(names)]
        )
    summary = pipeline.scan(f"sqlite:///{db}#personen")
    with session_scope() as s:
        ambiguous = s.execute(select(Item).where(Item.key == "personen/5")).scalar_one()
        kinds = {(f.entity_type, f.recognizer) for f in ambiguous.findings}
    assert ("PERSON", "ColumnProfile") in kinds  # "Roos" alone is a flower, but it stands in the name column
    assert summary["items_with_personal_data"] == len(names)
