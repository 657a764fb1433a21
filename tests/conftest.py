"""Test-wide setup: an isolated PIIGOV_HOME and AIRFLOW_HOME, set before anything imports airflow."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="piigov-tests-"))
os.environ["PIIGOV_HOME"] = str(_SESSION_HOME)
os.environ.setdefault("PIIGOV_HMAC_KEY", "test-key-0123456789abcdef0123456789abcdef")

from piigov.airflow import env  # noqa: E402

env.configure(_SESSION_HOME)


@pytest.fixture
def piigov_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh register, reports folder and key for one test; settings re-read from the environment."""
    from piigov.settings import get_settings
    from piigov.sources.registry import open_registered

    home = tmp_path / "piigov"
    monkeypatch.setenv("PIIGOV_HOME", str(home))
    monkeypatch.setenv("PIIGOV_DB_URL", f"sqlite:///{home / 'register.sqlite'}")
    monkeypatch.setenv("PIIGOV_HMAC_KEY", "unit-test-key-0123456789abcdef")
    get_settings.cache_clear()
    # Sources are cached per process (one task, one CLI call); tests reuse URIs against new servers.
    open_registered.cache_clear()
    yield home
    get_settings.cache_clear()
    open_registered.cache_clear()


@pytest.fixture
def session(piigov_home: Path):  # type: ignore[no-untyped-def]
    from piigov.register import session_scope

    with session_scope() as s:
        yield s


@pytest.fixture
def hmac_key() -> bytes:
    return b"unit-test-key-0123456789abcdef"
