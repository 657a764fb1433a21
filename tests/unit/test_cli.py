"""The CLI contract: `detect --json [--reveal]`, `scan --json`, `audit verify`, `destroy --dry-run`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from piigov.cli import main

TEXT = "Contact: fatima.bouzid@example.com of 06-12345678. BSN 111222333, niet 111222334."


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    path = tmp_path / "docs" / "notitie.txt"
    path.write_text(TEXT)
    return path


def _lines(capsys) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


def test_detect_json_has_the_contract_fields_without_text(doc: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["detect", "--json", str(doc)]) == 0
    rows = _lines(capsys)
    assert {r["entity_type"] for r in rows} >= {"EMAIL_ADDRESS", "PHONE_NUMBER", "NL_BSN"}
    assert all(set(r) == {"path", "entity_type", "start", "end", "score"} for r in rows)
    assert sum(r["entity_type"] == "NL_BSN" for r in rows) == 1  # 111222334 fails the elfproef


def test_detect_reveal_adds_the_text(doc: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    main(["detect", "--json", "--reveal", str(doc)])
    rows = _lines(capsys)
    assert all(r["text"] == TEXT[r["start"] : r["end"]] for r in rows)
    assert "111222333" in {r["text"] for r in rows}


def test_detect_reports_unreadable_files(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "kapot.docx"
    bad.write_bytes(b"not a zip")
    assert main(["detect", "--json", str(bad)]) == 1
    assert json.loads(capsys.readouterr().err)["unreadable"] == "corrupt"


def test_scan_json_ends_with_the_summary(piigov_home, doc: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["scan", "--json", str(doc.parent)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in (
        "items_total",
        "items_scanned",
        "items_unreadable",
        "items_with_personal_data",
        "findings_by_type",
    ):
        assert key in summary
    assert summary["items_total"] == 1 and summary["items_with_personal_data"] == 1


def test_classify_dry_run_and_audit_verify(piigov_home, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "share" / "dossiers" / "salafisme"
    share.mkdir(parents=True)
    (share / "a.txt").write_text(TEXT)
    main(["scan", str(tmp_path / "share")])
    assert main(["classify"]) == 0
    capsys.readouterr()
    assert main(["destroy", "--dry-run"]) == 0
    rows = _lines(capsys)
    assert rows[0]["location"] == "dossiers/salafisme/a.txt" and rows[-1]["would_destroy"] == 1
    assert main(["destroy"]) == 2  # real destruction only through the DAG
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
