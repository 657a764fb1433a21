from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inquiry_world import EMAIL, NAME, request_email
from piigov import pipeline
from piigov.inquiries.report import ReportKeyError, decrypt, report_key


def test_access_report_is_encrypted_private_and_shows_only_the_requesters_data(
    world: dict[str, str],
    piigov_home: Path,
) -> None:
    (Path(world["postbus"]) / "verzoek.eml").write_bytes(request_email(datetime(2024, 3, 10, tzinfo=UTC)))
    inquiry_id = pipeline.inquiry_intake()["registered"][0]
    summary = pipeline.inquiry_search(inquiry_id)
    pipeline.inquiry_confirm(
        inquiry_id, [w["item_id"] for w in summary["weak_matches"]], decided_by="screened1"
    )
    result = pipeline.inquiry_report(inquiry_id)
    # What the step returns (XCom, CLI) is counts and a path only.
    assert set(result) == {"inquiry_id", "items", "sources", "unreadable", "special_category", "path"}
    assert result["items"] == 6 and result["sources"] == 3 and result["special_category"] is True
    assert NAME not in repr(result)
    path = Path(result["path"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    # Stored encrypted: no value in the file as written, and outside the FG's reports folder.
    raw = path.read_bytes()
    assert b"Amrani" not in raw and b"<html" not in raw
    assert not str(path).startswith(str(pipeline.get_settings().reports_dir))
    html = decrypt(raw, report_key(piigov_home)).decode()
    for expected in (NAME, EMAIL, "El Amrani, M.", "3 maart 1987", "Utrecht", "moskee", "AVG art. 16-18"):
        assert expected in html, expected
    # Other people in the same records are left out.
    assert "Bouzid" not in html and "f.bouzid" not in html
    assert "Gegevens van andere personen" in html
    with pytest.raises(ReportKeyError):
        decrypt(raw, b"x" * 43 + b"=")
