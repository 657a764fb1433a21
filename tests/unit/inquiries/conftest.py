"""The inquiry world: three scanned sources and an empty postbus folder (PIIGOV_POSTBUS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from inquiry_world import build_world


@pytest.fixture
def world(piigov_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    postbus = tmp_path / "postbus"
    postbus.mkdir()
    monkeypatch.setenv("PIIGOV_POSTBUS", f"mail+file://{postbus}")
    uris = build_world(tmp_path)
    uris["postbus"] = str(postbus)
    return uris
