from __future__ import annotations

import json
from pathlib import Path

import pytest

from piigov import pipeline
from piigov.holds import HoldError, lift_hold, place_hold
from piigov.register import AuditEvent, Hold, session_scope

NAME, BSN = "Yusuf Öztürk", "111222333"


@pytest.fixture
def scanned(piigov_home, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    share = tmp_path / "share"
    (share / "dossiers" / "salafisme").mkdir(parents=True)
    (share / "dossiers" / "salafisme" / "a.txt").write_text(f"De heer {NAME}, BSN {BSN}, bezoekt de moskee.")
    (share / "personeelszaken").mkdir()
    (share / "personeelszaken" / "p.txt").write_text(f"Medewerker {NAME}, BSN {BSN}.")
    (share / "kapot.docx").write_bytes(b"broken")
    pipeline.scan(str(share))
    pipeline.classify()
    return share


def test_fg_report_counts_and_lists_what_was_not_examined(scanned: Path) -> None:
    paths = pipeline.fg_report()
    report = json.loads(Path(paths["json"]).read_text())
    html = Path(paths["html"]).read_text()
    assert (
        report["unlawfully_held"]["items"] == 1 and report["unlawfully_held"]["special_category_items"] == 1
    )
    assert report["by_source_and_class"][next(iter(report["by_source_and_class"]))] == {
        "not_examined": 1,
        "out_of_scope": 1,
        "unlawfully_held": 1,
    }
    assert [i["location"] for i in report["not_examined"]] == ["kapot.docx"]
    assert report["not_examined"][0]["reason"].startswith("corrupt")
    assert report["audit"]["chain_intact"]
    (scan,) = report["scans"]
    assert scan["items_total"] == 3 == scan["items_scanned"] + scan["items_unreadable"]
    assert "Onderzocht" in html
    for text in (html, json.dumps(report, ensure_ascii=False)):
        assert NAME not in text and BSN not in text and "Ozturk" not in text


def test_holds_place_lift_and_refuse_nonsense(scanned: Path) -> None:
    with session_scope() as s:
        hold = place_hold(s, 1, kind="legal", reason="bezwaarprocedure", placed_by="jurist")
        with pytest.raises(HoldError):
            place_hold(s, 1, kind="whim", reason="x", placed_by="jurist")
        with pytest.raises(HoldError):
            place_hold(s, 1, kind="legal", reason="  ", placed_by="jurist")
        with pytest.raises(HoldError):
            place_hold(s, 999, kind="legal", reason="x", placed_by="jurist")
    with session_scope() as s:
        lift_hold(s, hold.id, reason="afgerond", lifted_by="jurist")
        with pytest.raises(HoldError, match="already lifted"):
            lift_hold(s, hold.id, reason="again", lifted_by="jurist")
        assert s.get(Hold, hold.id).lifted_by == "jurist"
        actions = [e.action for e in s.query(AuditEvent).order_by(AuditEvent.seq)]
        assert actions[-2:] == ["hold_placed", "hold_lifted"]
        # The free-text reason may name a person; it stays out of the audit log.
        assert all("bezwaarprocedure" not in json.dumps(e.details) for e in s.query(AuditEvent))
