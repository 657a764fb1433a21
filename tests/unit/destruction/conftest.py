"""A small share and register with items already classified, for destruction tests without a scan."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from piigov.classification import Label
from piigov.hashing import content_hash
from piigov.register.models import Item, ItemState
from piigov.sources import LocalFolderSource


@pytest.fixture
def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    for key, body in {
        "dossiers/salafisme/a.txt": "in scope a",
        "dossiers/salafisme/b.txt": "in scope b",
        "dossiers/salafisme/c.txt": "in scope c",
        "personeelszaken/p.txt": "out of scope",
        "beleid/n.txt": "no personal data",
    }.items():
        path = root / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body)
    return root


@pytest.fixture
def items(piigov_home, share: Path, policy) -> dict[str, Item]:  # type: ignore[no-untyped-def]
    """Committed items (detached copies returned), so tests can open sessions of their own."""
    from piigov.register import session_scope

    source = LocalFolderSource(share)
    labels = {
        "dossiers/salafisme/a.txt": Label.UNLAWFULLY_HELD,
        "dossiers/salafisme/b.txt": Label.UNLAWFULLY_HELD,
        "dossiers/salafisme/c.txt": Label.UNLAWFULLY_HELD,
        "personeelszaken/p.txt": Label.OUT_OF_SCOPE,
        "beleid/n.txt": Label.NO_PERSONAL_DATA,
    }
    now = datetime.now(UTC)
    made = {}
    with session_scope() as session:
        _add(session, source, labels, made, now, policy)
    return made


def _add(session, source, labels, made, now, policy) -> None:  # type: ignore[no-untyped-def]
    for key, label in labels.items():
        data = source.read(key)
        item = Item(
            source=source.uri,
            key=key,
            display_location=key,
            fingerprint=source.stat(key).fingerprint,
            size=len(data),
            state=ItemState.SCANNED,
            content_hash=content_hash(data),
            first_seen_at=now,
            classification=label,
            classification_reasons=["test"],
            categories=["PERSON", "NRP"],
            special_category=True,
            dossier="salafisme" if label == Label.UNLAWFULLY_HELD else None,
            policy_version=policy.version,
            classified_at=now,
            classified_content_hash=content_hash(data),
        )
        session.add(item)
        made[key] = item


@pytest.fixture
def policy():  # type: ignore[no-untyped-def]
    from piigov.classification import load_policy
    from piigov.settings import Settings

    return load_policy(Settings.from_env().policy_path)
