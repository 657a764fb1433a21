from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inquiry_world import NAME, request_email
from piigov.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["inquiry", "--by", "screened1", *argv])
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1]) if out else {}


def test_cli_walks_an_inquiry_and_decrypts_the_report_for_staff(
    world: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (Path(world["postbus"]) / "v.eml").write_bytes(request_email(datetime(2024, 3, 10, tzinfo=UTC)))
    code, intake = _run(capsys, "intake")
    inquiry_id = intake["registered"][0]
    code, found = _run(capsys, "search", inquiry_id)
    assert code == 0 and found["strong"] == 4 and NAME not in json.dumps(found)
    # Explaining before the weak matches are decided is refused with a clear message, exit 2.
    assert main(["inquiry", "--by", "x", "explained", inquiry_id]) == 2
    assert "weak matches are not decided" in capsys.readouterr().err
    assert _run(capsys, "confirm", inquiry_id)[1] == {"confirmed": 0, "rejected": 2}
    code, report = _run(capsys, "report", inquiry_id)
    assert report["items"] == 4 and NAME not in json.dumps(report)
    target = tmp_path / "inzage.html"
    _run(capsys, "report", inquiry_id, "--decrypt-to", str(target))
    assert NAME in target.read_text() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _run(capsys, "explained", inquiry_id, "--channel", "e-mail")[1]["status"] == "explained"
    assert _run(capsys, "decide", inquiry_id, "--objection", "no")[1]["status"] == "no_objection"
    code, deadlines = _run(capsys, "deadlines")
    assert code == 0 and deadlines == {"alerts": []}
